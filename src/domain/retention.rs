//! How long a submitter's personal data is kept: the hearing's
//! `retention_months` after the plan is adopted — the adoption that ended
//! this hearing's round, not an earlier one (a plan under revision still
//! carries the date it was last adopted). What is erased is listed here so
//! the admin page, the daily job and the README say the same.

use chrono::{Months, NaiveDate};

/// The submission's fields that are erased: the name (a private person's,
/// or an organisation's contact person), the e-mail address, the
/// organisation number (a sole proprietorship's is personal data) and the
/// hash of the address it was sent from. The text, the reference, the
/// category, the organisation's name and the handler's work stay: a
/// submission is a case document.
pub const ERASED_FIELDS: &[&str] = &["name", "email", "organisation_number", "address_hash"];

/// The day the personal data of a hearing's submissions may be erased;
/// None while the plan has not been adopted after the hearing closed.
pub fn expires_on(adopted_on: Option<NaiveDate>, hearing_closed_on: NaiveDate, months: i32) -> Option<NaiveDate> {
    let adopted = adopted_on.filter(|a| *a >= hearing_closed_on)?;
    let months = u32::try_from(months.max(0)).unwrap_or(0);
    // The last day of a shorter month when the day does not exist (31 → 30).
    adopted.checked_add_months(Months::new(months)).or(Some(NaiveDate::MAX))
}

/// Whether the data has expired on `today`.
pub fn expired(adopted_on: Option<NaiveDate>, hearing_closed_on: NaiveDate, months: i32, today: NaiveDate) -> bool {
    expires_on(adopted_on, hearing_closed_on, months).is_some_and(|day| day <= today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn kept_the_given_months_after_adoption() {
        let closed = d(2026, 3, 1);
        assert_eq!(expires_on(Some(d(2026, 6, 15)), closed, 24), Some(d(2028, 6, 15)));
        assert!(!expired(Some(d(2026, 6, 15)), closed, 24, d(2028, 6, 14)));
        assert!(expired(Some(d(2026, 6, 15)), closed, 24, d(2028, 6, 15)));
        assert_eq!(expires_on(Some(d(2026, 8, 31)), closed, 1), Some(d(2026, 9, 30)), "a shorter month");
    }

    #[test]
    fn not_before_the_plan_is_adopted_after_the_hearing() {
        let closed = d(2026, 3, 1);
        assert_eq!(expires_on(None, closed, 24), None);
        assert_eq!(expires_on(Some(d(2020, 1, 1)), closed, 1), None, "an earlier adoption does not count");
        assert!(!expired(None, closed, 0, d(2100, 1, 1)));
    }
}
