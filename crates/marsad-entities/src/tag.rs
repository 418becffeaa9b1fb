//! The IOB2 tag set of ANERcorp.

use std::fmt;

/// The four ANERcorp entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum EntityKind {
    #[serde(rename = "PERS")]
    Pers,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [EntityKind::Pers, EntityKind::Loc, EntityKind::Org, EntityKind::Misc];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Pers => "PERS",
            EntityKind::Loc => "LOC",
            EntityKind::Org => "ORG",
            EntityKind::Misc => "MISC",
        }
    }

    /// Accepts ANERcorp's names and AQMAR's (`PER`, `MIS0`..`MIS3` and its
    /// stray spellings such as `MIS-2` or ``MIS1` ``), which all mean the same four types.
    pub fn parse(s: &str) -> Option<EntityKind> {
        let s = s.trim_start_matches('-');
        match s {
            "PERS" | "PER" => Some(EntityKind::Pers),
            "LOC" => Some(EntityKind::Loc),
            "ORG" => Some(EntityKind::Org),
            "MISC" => Some(EntityKind::Misc),
            _ if s.starts_with("MIS") => Some(EntityKind::Misc),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One IOB2 tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(EntityKind),
    I(EntityKind),
}

/// Number of distinct tags; tag indices are `0..TAG_COUNT`.
pub const TAG_COUNT: usize = 9;

impl Tag {
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(k) => 1 + 2 * k.index(),
            Tag::I(k) => 2 + 2 * k.index(),
        }
    }

    pub fn from_index(i: usize) -> Tag {
        match i {
            0 => Tag::O,
            i if i % 2 == 1 => Tag::B(EntityKind::ALL[(i - 1) / 2]),
            i => Tag::I(EntityKind::ALL[(i - 2) / 2]),
        }
    }

    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Tag::O => None,
            Tag::B(k) | Tag::I(k) => Some(k),
        }
    }

    /// Parses `O`, `B-X`, `I-X` for the types [`EntityKind::parse`] knows.
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (prefix, kind) = s.split_once('-')?;
        let kind = EntityKind::parse(kind)?;
        match prefix {
            "B" => Some(Tag::B(kind)),
            "I" => Some(Tag::I(kind)),
            _ => None,
        }
    }

    /// IOB2 forbids `I-X` unless the previous tag is `B-X` or `I-X`;
    /// decoding under this rule never produces a chunk the scorer would read
    /// differently from what the model meant.
    pub(crate) fn may_follow(self, prev: Option<Tag>) -> bool {
        match self {
            Tag::I(k) => matches!(prev, Some(Tag::B(p) | Tag::I(p)) if p == k),
            _ => true,
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(k) => write!(f, "B-{k}"),
            Tag::I(k) => write!(f, "I-{k}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trips() {
        for i in 0..TAG_COUNT {
            assert_eq!(Tag::from_index(i).index(), i);
        }
    }

    #[test]
    fn aqmar_spellings_map_to_anercorp_types() {
        assert_eq!(Tag::parse("B-PER"), Some(Tag::B(EntityKind::Pers)));
        assert_eq!(Tag::parse("I-MIS2"), Some(Tag::I(EntityKind::Misc)));
        assert_eq!(Tag::parse("B-MIS-2"), Some(Tag::B(EntityKind::Misc)));
        assert_eq!(Tag::parse("I--ORG"), Some(Tag::I(EntityKind::Org)));
        assert_eq!(Tag::parse("B-SPANISH"), None);
    }
}
