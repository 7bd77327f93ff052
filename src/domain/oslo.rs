//! Europe/Oslo time: people enter and read times on the clock in Oslo; the
//! database stores UTC.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Europe::Oslo;

/// The calendar day in Oslo at a UTC time.
pub fn date(utc: NaiveDateTime) -> NaiveDate {
    utc.and_utc().with_timezone(&Oslo).date_naive()
}

/// The clock time in Oslo at a UTC time.
pub fn local(utc: NaiveDateTime) -> NaiveDateTime {
    utc.and_utc().with_timezone(&Oslo).naive_local()
}

/// A UTC time from a clock time in Oslo; None for a time that does not exist
/// there (the hour skipped when summer time starts). An ambiguous time (the
/// hour repeated in autumn) takes the earlier.
pub fn to_utc(local: NaiveDateTime) -> Option<NaiveDateTime> {
    Oslo.from_local_datetime(&local).earliest().map(|t| t.naive_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0)).expect("valid")
    }

    #[test]
    fn converts_both_ways_across_summer_time() {
        assert_eq!(to_utc(t(2026, 1, 15, 12, 0)), Some(t(2026, 1, 15, 11, 0)));
        assert_eq!(to_utc(t(2026, 7, 15, 12, 0)), Some(t(2026, 7, 15, 10, 0)));
        assert_eq!(to_utc(t(2026, 3, 29, 2, 30)), None, "skipped hour");
        assert_eq!(local(t(2026, 7, 15, 10, 0)), t(2026, 7, 15, 12, 0));
        assert_eq!(date(t(2026, 12, 31, 23, 30)), NaiveDate::from_ymd_opt(2027, 1, 1).expect("date"));
    }
}
