//! When a milestone is planned, as people write it: a day ("9. september
//! 2020"), a month ("Oktober 2020") or a range of months ("Januar – mars
//! 2021"), and as stored (ISO 8601: 2020-09-09, 2020-10, 2021-01/2021-03).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=12).contains(&month) && (1000..=9999).contains(&year)).then_some(Self { year, month })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        let (year, month) = if self.month == 12 { (self.year + 1, 1) } else { (self.year, self.month + 1) };
        NaiveDate::from_ymd_opt(year, month, 1).and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }
}

/// The planned time of a milestone, at the precision it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlannedTime {
    Day(NaiveDate),
    Month(YearMonth),
    /// From the first month to the last, both included.
    Months(YearMonth, YearMonth),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PlannedTimeError {
    #[error("write a day, a month or a range of months, e.g. 9. september 2020, oktober 2020 or januar – mars 2021")]
    Unreadable,
    #[error("that date does not exist")]
    NoSuchDate,
    #[error("the range ends before it starts")]
    EndsBeforeStart,
    /// A year written with two digits ("oktober 27"): what was likely meant,
    /// to show as the example ("Skriv året med fire sifre: oktober 2027").
    #[error("write the year with four digits: {0}")]
    TwoDigitYear(PlannedTime),
}

impl PlannedTimeError {
    pub fn message_key(self) -> &'static str {
        match self {
            PlannedTimeError::Unreadable => "planned-error-unreadable",
            PlannedTimeError::NoSuchDate => "planned-error-no-such-date",
            PlannedTimeError::EndsBeforeStart => "planned-error-ends-before-start",
            PlannedTimeError::TwoDigitYear(_) => "planned-error-two-digit-year",
        }
    }
}

/// Month names as written in Bokmål, Nynorsk (the same) and English, with
/// common abbreviations.
const MONTHS: [&[&str]; 12] = [
    &["januar", "january", "jan"],
    &["februar", "february", "feb"],
    &["mars", "march", "mar"],
    &["april", "apr"],
    &["mai", "may"],
    &["juni", "june", "jun"],
    &["juli", "july", "jul"],
    &["august", "aug"],
    &["september", "sep", "sept"],
    &["oktober", "october", "okt", "oct"],
    &["november", "nov"],
    &["desember", "december", "des", "dec"],
];

fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().position(|names| names.contains(&word.as_str())).map(|i| i as u32 + 1)
}

impl PlannedTime {
    pub fn first_day(self) -> NaiveDate {
        match self {
            PlannedTime::Day(day) => day,
            PlannedTime::Month(month) | PlannedTime::Months(month, _) => month.first_day(),
        }
    }

    pub fn last_day(self) -> NaiveDate {
        match self {
            PlannedTime::Day(day) => day,
            PlannedTime::Month(month) | PlannedTime::Months(_, month) => month.last_day(),
        }
    }

    /// An unfinished milestone is late once its whole planned time has passed:
    /// "oktober 2020" is on time through 31 October and late from 1 November.
    pub fn is_late(self, done: bool, today: NaiveDate) -> bool {
        !done && today >= self.late_from()
    }

    /// The first day an unfinished milestone planned at this time is late: the
    /// day after the planned time ends. A page that says "on time" reads
    /// differently from the start of that day (in Oslo).
    pub fn late_from(self) -> NaiveDate {
        self.last_day().succ_opt().unwrap_or(NaiveDate::MAX)
    }

    /// The moment (UTC) an unfinished milestone planned at this time turns
    /// late: midnight in Oslo at the start of `late_from`.
    pub fn turns_late_at(self) -> Option<NaiveDateTime> {
        super::oslo::to_utc(self.late_from().and_hms_opt(0, 0, 0)?)
    }

    /// The ISO 8601 form, as stored: 2020-09-09, 2020-10, 2021-01/2021-03.
    pub fn iso(self) -> String {
        self.to_string()
    }

    fn parse_iso(text: &str) -> Option<Result<Self, PlannedTimeError>> {
        if let Some((from, to)) = text.split_once('/') {
            let (Some(Ok(PlannedTime::Month(from))), Some(Ok(PlannedTime::Month(to)))) =
                (Self::parse_iso(from), Self::parse_iso(to))
            else {
                return Some(Err(PlannedTimeError::Unreadable));
            };
            return Some(range(from, to));
        }
        let parts: Vec<&str> = text.split('-').collect();
        if !parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => Some(
                NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
                    .map(PlannedTime::Day)
                    .ok_or(PlannedTimeError::NoSuchDate),
            ),
            [y, m] if y.len() == 4 && m.len() == 2 => Some(
                YearMonth::new(y.parse().ok()?, m.parse().ok()?)
                    .map(PlannedTime::Month)
                    .ok_or(PlannedTimeError::NoSuchDate),
            ),
            _ => None,
        }
    }

    /// "9. september 2020", "oktober 2020", "januar – mars 2021",
    /// "november 2021 – februar 2022".
    fn parse_words(text: &str) -> Result<Self, PlannedTimeError> {
        let normalised = text.replace(['–', '—'], " - ").replace(" til ", " - ").replace(" to ", " - ");
        if let Some((from, to)) = normalised.split_once(" - ").or_else(|| normalised.split_once('-')) {
            let to = Self::parse_month_words(to, None)?;
            let from = Self::parse_month_words(from, Some(to.year))?;
            return range(from, to);
        }
        let words: Vec<&str> = normalised.split_whitespace().collect();
        match words.as_slice() {
            [day, month, year] => {
                let day: u32 = day.trim_end_matches('.').parse().map_err(|_| PlannedTimeError::Unreadable)?;
                let month = month_number(month).ok_or(PlannedTimeError::Unreadable)?;
                let year: i32 = year.parse().map_err(|_| PlannedTimeError::Unreadable)?;
                NaiveDate::from_ymd_opt(year, month, day)
                    .filter(|_| (1000..=9999).contains(&year))
                    .map(PlannedTime::Day)
                    .ok_or(PlannedTimeError::NoSuchDate)
            }
            _ => Self::parse_month_words(&normalised, None).map(PlannedTime::Month),
        }
    }

    /// "mars 2021", or "januar" when the year comes from the range's end.
    fn parse_month_words(text: &str, default_year: Option<i32>) -> Result<YearMonth, PlannedTimeError> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let (month, year) = match (words.as_slice(), default_year) {
            ([month, year], _) => (month_number(month), year.parse().ok()),
            ([month], Some(year)) => (month_number(month), Some(year)),
            _ => (None, None),
        };
        match (month, year) {
            (Some(month), Some(year)) => YearMonth::new(year, month).ok_or(PlannedTimeError::NoSuchDate),
            _ => Err(PlannedTimeError::Unreadable),
        }
    }
}

/// The text with each two-digit year after a month name written with four
/// (this century), or None when it has no such year.
fn four_digit_years(text: &str) -> Option<String> {
    let spaced = text.replace(['–', '—'], " – ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let mut found = false;
    let fixed: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let after_month = i > 0 && month_number(words[i - 1]).is_some();
            if after_month && word.len() == 2 && word.bytes().all(|b| b.is_ascii_digit()) {
                found = true;
                format!("20{word}")
            } else {
                (*word).to_owned()
            }
        })
        .collect();
    found.then(|| fixed.join(" "))
}

fn range(from: YearMonth, to: YearMonth) -> Result<PlannedTime, PlannedTimeError> {
    match from.cmp(&to) {
        std::cmp::Ordering::Less => Ok(PlannedTime::Months(from, to)),
        std::cmp::Ordering::Equal => Ok(PlannedTime::Month(from)),
        std::cmp::Ordering::Greater => Err(PlannedTimeError::EndsBeforeStart),
    }
}

impl FromStr for PlannedTime {
    type Err = PlannedTimeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        // A zero-width space pasted with the date must not make it unreadable.
        let text = super::text::single_line(text);
        let text = text.trim();
        if text.is_empty() || text.len() > 60 {
            return Err(PlannedTimeError::Unreadable);
        }
        match Self::parse_iso(text) {
            Some(result) => result,
            None => Self::parse_words(text).map_err(|error| match four_digit_years(text) {
                Some(guess) => Self::parse_words(&guess).map_or(error, PlannedTimeError::TwoDigitYear),
                None => error,
            }),
        }
    }
}

impl fmt::Display for PlannedTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlannedTime::Day(day) => write!(f, "{:04}-{:02}-{:02}", day.year(), day.month(), day.day()),
            PlannedTime::Month(m) => write!(f, "{:04}-{:02}", m.year, m.month),
            PlannedTime::Months(a, b) => write!(f, "{:04}-{:02}/{:04}-{:02}", a.year, a.month, b.year, b.month),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth::new(year, month).expect("valid month")
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn iso_forms_of_the_demo_file_parse_and_print_back() {
        for text in ["2020-09-09", "2020-10", "2021-01/2021-03"] {
            let planned: PlannedTime = text.parse().expect(text);
            assert_eq!(planned.iso(), text);
        }
        assert_eq!("2021-01/2021-03".parse(), Ok(PlannedTime::Months(ym(2021, 1), ym(2021, 3))));
    }

    #[test]
    fn norwegian_forms_parse() {
        assert_eq!("9. september 2020".parse(), Ok(PlannedTime::Day(day(2020, 9, 9))));
        assert_eq!("15 september 2020".parse(), Ok(PlannedTime::Day(day(2020, 9, 15))));
        assert_eq!("Oktober 2020".parse(), Ok(PlannedTime::Month(ym(2020, 10))));
        assert_eq!("Januar – mars 2021".parse(), Ok(PlannedTime::Months(ym(2021, 1), ym(2021, 3))));
        assert_eq!("januar-mars 2021".parse(), Ok(PlannedTime::Months(ym(2021, 1), ym(2021, 3))));
        assert_eq!("januar til mars 2021".parse(), Ok(PlannedTime::Months(ym(2021, 1), ym(2021, 3))));
        assert_eq!("november 2021 – februar 2022".parse(), Ok(PlannedTime::Months(ym(2021, 11), ym(2022, 2))));
        assert_eq!("March 2021".parse(), Ok(PlannedTime::Month(ym(2021, 3))));
        assert_eq!("mars – mars 2021".parse(), Ok(PlannedTime::Month(ym(2021, 3))));
    }

    #[test]
    fn invisible_characters_do_not_make_a_date_unreadable() {
        assert_eq!("\u{202E}Okto\u{200B}ber\u{2066} 2020\u{FEFF}".parse(), Ok(PlannedTime::Month(ym(2020, 10))));
        assert_eq!("\u{200B}".parse::<PlannedTime>(), Err(PlannedTimeError::Unreadable));
    }

    #[test]
    fn nonsense_is_refused_with_a_reason() {
        assert_eq!("".parse::<PlannedTime>(), Err(PlannedTimeError::Unreadable));
        assert_eq!("snart".parse::<PlannedTime>(), Err(PlannedTimeError::Unreadable));
        assert_eq!("2021-13".parse::<PlannedTime>(), Err(PlannedTimeError::NoSuchDate));
        assert_eq!("2021-02-30".parse::<PlannedTime>(), Err(PlannedTimeError::NoSuchDate));
        assert_eq!("31. februar 2021".parse::<PlannedTime>(), Err(PlannedTimeError::NoSuchDate));
        assert_eq!("mars – januar 2021".parse::<PlannedTime>(), Err(PlannedTimeError::EndsBeforeStart));
        assert_eq!("2021-03/2021-01".parse::<PlannedTime>(), Err(PlannedTimeError::EndsBeforeStart));
        assert_eq!("2021-03/x".parse::<PlannedTime>(), Err(PlannedTimeError::Unreadable));
    }

    #[test]
    fn a_two_digit_year_is_refused_with_what_was_likely_meant() {
        let two = |text: &str| match text.parse::<PlannedTime>() {
            Err(PlannedTimeError::TwoDigitYear(guess)) => Some(guess),
            _ => None,
        };
        assert_eq!(two("oktober 27"), Some(PlannedTime::Month(ym(2027, 10))));
        assert_eq!(two("9. september 27"), Some(PlannedTime::Day(day(2027, 9, 9))));
        assert_eq!(two("januar – mars 27"), Some(PlannedTime::Months(ym(2027, 1), ym(2027, 3))));
        assert_eq!(two("november 26 – februar 2027"), Some(PlannedTime::Months(ym(2026, 11), ym(2027, 2))));
        assert_eq!(two("31. februar 27"), None, "a guess that is no date is no help");
        assert_eq!("31. februar 27".parse::<PlannedTime>(), Err(PlannedTimeError::NoSuchDate));
        assert_eq!("oktober 7".parse::<PlannedTime>(), Err(PlannedTimeError::NoSuchDate));
        assert_eq!("27 oktober".parse::<PlannedTime>(), Err(PlannedTimeError::Unreadable));
        assert_eq!(
            PlannedTimeError::TwoDigitYear(PlannedTime::Month(ym(2027, 10))).message_key(),
            "planned-error-two-digit-year"
        );
    }

    #[test]
    fn lateness_counts_from_the_end_of_the_planned_time() {
        let october: PlannedTime = "2020-10".parse().expect("month");
        assert!(!october.is_late(false, day(2020, 10, 31)));
        assert!(october.is_late(false, day(2020, 11, 1)));
        assert!(!october.is_late(true, day(2021, 1, 1)), "done is never late");
        let range: PlannedTime = "2021-01/2021-03".parse().expect("range");
        assert_eq!(range.first_day(), day(2021, 1, 1));
        assert_eq!(range.last_day(), day(2021, 3, 31));
        assert_eq!(ym(2020, 2).last_day(), day(2020, 2, 29));
        assert_eq!(ym(2020, 12).last_day(), day(2020, 12, 31));
    }

    #[test]
    fn turns_late_at_midnight_in_oslo() {
        let october: PlannedTime = "2020-10".parse().expect("month");
        // 1 November 2020 00:00 in Oslo is 23:00 UTC the day before (winter time).
        let expected = day(2020, 10, 31).and_hms_opt(23, 0, 0);
        assert_eq!(october.turns_late_at(), expected);
        let june_1: PlannedTime = "2021-06-01".parse().expect("day");
        // 2 June 2021 00:00 in Oslo is 22:00 UTC on 1 June (summer time).
        assert_eq!(june_1.turns_late_at(), day(2021, 6, 1).and_hms_opt(22, 0, 0));
    }

    #[test]
    fn late_from_the_day_after_the_planned_time() {
        let september_9: PlannedTime = "2020-09-09".parse().expect("day");
        assert_eq!(september_9.late_from(), day(2020, 9, 10));
        assert!(!september_9.is_late(false, day(2020, 9, 9)), "on the day itself it is not late yet");
        assert!(september_9.is_late(false, day(2020, 9, 10)));
        let december: PlannedTime = "2020-12".parse().expect("month");
        assert_eq!(december.late_from(), day(2021, 1, 1), "across the year");
        let range: PlannedTime = "2020-11/2021-02".parse().expect("range");
        assert_eq!(range.late_from(), day(2021, 3, 1), "a range is late only after its last month");
        assert!(!range.is_late(false, day(2021, 2, 28)));
        assert!(range.is_late(false, day(2021, 3, 1)));
    }

    proptest::proptest! {
        #[test]
        fn any_text_parses_or_is_refused_without_panic(text in ".{0,80}") {
            let _ = text.parse::<PlannedTime>();
        }

        #[test]
        fn iso_round_trips(y in 1900i32..2100, m in 1u32..=12, len in 0u32..24) {
            let from = ym(y, m);
            let to_index = (y * 12 + m as i32 - 1) + len as i32;
            let to = ym(to_index / 12, (to_index % 12) as u32 + 1);
            let planned = range(from, to).expect("ordered");
            proptest::prop_assert_eq!(planned.iso().parse::<PlannedTime>(), Ok(planned));
        }
    }
}
