use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A publication date as precise as the page gave it.
///
/// A page that shows "14 سبتمبر 2023" gives a day, not an instant; a page
/// that shows "2023-09-14 10:30 GMT+4" gives an instant with its offset.
/// Keeping the two apart means no time zone is ever invented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PubDate {
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
}

impl PubDate {
    /// The calendar day as the page's own offset sees it.
    pub fn day(&self) -> NaiveDate {
        match self {
            PubDate::Date(d) => *d,
            PubDate::DateTime(dt) => dt.date_naive(),
        }
    }
}

impl fmt::Display for PubDate {
    /// ISO-8601: `2023-09-14` or `2023-09-14T10:30:00+04:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PubDate::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            PubDate::DateTime(dt) => write!(f, "{}", dt.to_rfc3339()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("not an ISO-8601 date or date-time with offset: {0:?}")]
pub struct PubDateParseError(String);

impl FromStr for PubDate {
    type Err = PubDateParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(PubDate::Date(d));
        }
        DateTime::parse_from_rfc3339(s).map(PubDate::DateTime).map_err(|_| PubDateParseError(s.to_string()))
    }
}

impl Serialize for PubDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PubDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for PubDate {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "ISO-8601: a day (2023-09-14) when the page gives a day, a date-time with the page's own offset \
                 (2023-09-14T10:30:00+04:00) when it gives an instant",
            ))
            .examples(["2023-09-14"])
            .into()
    }
}

impl utoipa::ToSchema for PubDate {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_both_precisions() {
        for s in ["2023-09-14", "2023-09-14T10:30:00+04:00", "2023-09-14T10:30:00+00:00"] {
            let d: PubDate = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
    }

    #[test]
    fn day_uses_the_pages_own_offset() {
        let d: PubDate = "2023-09-14T23:30:00-05:00".parse().unwrap();
        assert_eq!(d.day(), NaiveDate::from_ymd_opt(2023, 9, 14).unwrap());
    }
}
