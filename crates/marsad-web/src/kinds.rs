//! Entity types (the store's PERS, LOC, ORG, MISC) in Arabic, and an
//! entity as a link.

use marsad_store::entities::EntityRow;

use crate::links;

/// The types in the order pages list them.
const ORDER: [&str; 4] = ["PERS", "LOC", "ORG", "MISC"];

/// The type of one entity: "شخص".
pub(crate) fn singular(kind: &str) -> &'static str {
    match kind {
        "PERS" => "شخص",
        "LOC" => "مكان",
        "ORG" => "منظمة",
        _ => "اسم آخر",
    }
}

/// The heading of a group of entities of one type: "أشخاص".
pub(crate) fn plural(kind: &str) -> &'static str {
    match kind {
        "PERS" => "أشخاص",
        "LOC" => "أماكن",
        "ORG" => "منظمات",
        _ => "أسماء أخرى",
    }
}

/// An entity as a link to its page.
pub(crate) struct EntityLink {
    pub name: String,
    pub url: String,
}

impl EntityLink {
    pub fn of(e: &EntityRow) -> EntityLink {
        EntityLink { name: e.name.clone(), url: links::entity(&e.id) }
    }
}

/// Entities grouped by type (people first), each group in the order given.
pub(crate) fn grouped<'a>(entities: impl IntoIterator<Item = &'a EntityRow>) -> Vec<(&'static str, Vec<EntityLink>)> {
    let entities: Vec<&EntityRow> = entities.into_iter().collect();
    let rank = |kind: &str| ORDER.iter().position(|k| *k == kind).unwrap_or(ORDER.len());
    let mut groups: Vec<(usize, &'static str, Vec<EntityLink>)> = Vec::new();
    for e in entities {
        let r = rank(&e.kind);
        match groups.iter_mut().find(|(g, _, _)| *g == r) {
            Some((_, _, links)) => links.push(EntityLink::of(e)),
            None => groups.push((r, plural(&e.kind), vec![EntityLink::of(e)])),
        }
    }
    groups.sort_by_key(|(r, _, _)| *r);
    groups.into_iter().map(|(_, label, links)| (label, links)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, name: &str, kind: &str) -> EntityRow {
        EntityRow { id: id.into(), name: name.into(), kind: kind.into(), english: None }
    }

    #[test]
    fn groups_people_first_keeping_mention_order() {
        let rows = [
            row("moscow", "موسكو", "LOC"),
            row("putin", "فلاديمير بوتين", "PERS"),
            row("pyongyang", "بيونغ يانغ", "LOC"),
            row("x", "شيء", "WHAT"),
        ];
        let g = grouped(&rows);
        let shown: Vec<(&str, Vec<&str>)> =
            g.iter().map(|(k, l)| (*k, l.iter().map(|e| e.name.as_str()).collect())).collect();
        assert_eq!(
            shown,
            [("أشخاص", vec!["فلاديمير بوتين"]), ("أماكن", vec!["موسكو", "بيونغ يانغ"]), ("أسماء أخرى", vec!["شيء"])]
        );
        assert_eq!(g[0].1[0].url, "/entities/putin");
    }
}
