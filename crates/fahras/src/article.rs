//! The article: the unit that fahras indexes and returns.

use serde::Serialize;
use tantivy::DateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time};

use crate::error::{Error, Result};

/// One news article.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Article {
    /// Unique identifier; indexing an article with an existing id replaces the old one.
    pub id: String,
    /// Headline (may be empty).
    pub title: String,
    /// Text of the article (may be empty).
    pub body: String,
    /// Publisher, usable as a filter.
    pub source: Option<String>,
    /// Publication time, usable as a filter.
    #[serde(serialize_with = "serialize_date")]
    pub published: Option<DateTime>,
    /// Address of the original.
    pub url: Option<String>,
}

impl Article {
    /// An article with an id, a title and a body, and nothing else.
    pub fn new(id: impl Into<String>, title: impl Into<String>, body: impl Into<String>) -> Self {
        Article { id: id.into(), title: title.into(), body: body.into(), ..Article::default() }
    }
}

fn serialize_date<S: serde::Serializer>(date: &Option<DateTime>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => s.serialize_str(&format_date(*date)),
        None => s.serialize_none(),
    }
}

/// Parses a date written as `YYYY-MM-DD` (midnight UTC), RFC 3339, or a date and time
/// without an offset (`2024-03-05T09:30:00`, `2024-03-05 09:30`), taken as UTC.
///
/// ```
/// let day = fahras::parse_date("2024-03-05").unwrap();
/// let instant = fahras::parse_date("2024-03-05T00:00:00+00:00").unwrap();
/// let local = fahras::parse_date("2024-03-05 00:00").unwrap();
/// assert_eq!(day, instant);
/// assert_eq!(day, local);
/// assert!(fahras::parse_date("05/03/2024").is_err());
/// ```
pub fn parse_date(text: &str) -> Result<DateTime> {
    let text = text.trim();
    let instant = parse_instant(text).ok_or_else(|| Error::InvalidDate(text.to_string()))?;
    // The index keeps nanoseconds in an i64: the years 1678 to 2261.
    if i64::try_from(instant.unix_timestamp_nanos()).is_err() {
        return Err(Error::InvalidDate(format!("{text} (outside the years 1678 to 2261)")));
    }
    Ok(DateTime::from_utc(instant))
}

fn parse_instant(text: &str) -> Option<OffsetDateTime> {
    let day = format_description!("[year]-[month]-[day]");
    if let Ok(date) = Date::parse(text, &day) {
        return Some(PrimitiveDateTime::new(date, Time::MIDNIGHT).assume_utc());
    }
    if let Ok(instant) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(instant);
    }
    // Many feeds write a local time without an offset; it is taken as UTC.
    let local = format_description!(
        version = 2,
        "[year]-[month]-[day][first [T][ ]][hour]:[minute][optional [:[second][optional [.[subsecond]]]]]"
    );
    PrimitiveDateTime::parse(text, &local).ok().map(PrimitiveDateTime::assume_utc)
}

/// Formats a date as `YYYY-MM-DD` when it is midnight UTC, and as RFC 3339 otherwise.
pub fn format_date(date: DateTime) -> String {
    let utc = date.into_utc();
    if utc.time() == Time::MIDNIGHT {
        let day = format_description!("[year]-[month]-[day]");
        utc.date().format(&day).unwrap_or_default()
    } else {
        utc.format(&Rfc3339).unwrap_or_default()
    }
}

/// The last instant of a date written as `YYYY-MM-DD`, or the instant of an RFC 3339 date:
/// the inclusive upper bound a user means by `--until 2024-03-05`.
pub fn parse_date_end(text: &str) -> Result<DateTime> {
    let start = parse_date(text)?;
    let is_day = text.trim().len() == "YYYY-MM-DD".len();
    if !is_day {
        return Ok(start);
    }
    // The last second of the day, or the last instant the index can hold.
    let last = (i64::MAX / 1_000_000_000).min(start.into_timestamp_secs().saturating_add(86_399));
    Ok(DateTime::from_timestamp_secs(last))
}
