//! A hearing submission's reference as people read it on the receipt and
//! quote it on the phone: `TP-2026-0042` — the year and a number counted
//! per year from 1, at least four digits.

use std::fmt;
use std::str::FromStr;

const PREFIX: &str = "TP";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SubmissionReference {
    pub year: i32,
    pub number: u32,
}

impl fmt::Display for SubmissionReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}-{:04}-{:04}", self.year, self.number)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a submission reference (TP-2026-0042)")]
pub struct NotAReference;

/// Reads a reference as typed, in any case and with spaces around it.
impl FromStr for SubmissionReference {
    type Err = NotAReference;

    fn from_str(typed: &str) -> Result<Self, Self::Err> {
        let upper = typed.trim().to_ascii_uppercase();
        let mut parts = upper.split('-');
        let (Some(PREFIX), Some(year), Some(number), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(NotAReference);
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !digits(year) || number.len() < 4 || !digits(number) {
            return Err(NotAReference);
        }
        let year = year.parse().map_err(|_| NotAReference)?;
        let number: u32 = number.parse().map_err(|_| NotAReference)?;
        if number == 0 {
            return Err(NotAReference);
        }
        Ok(Self { year, number })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_with_four_digits_at_least() {
        assert_eq!(SubmissionReference { year: 2026, number: 42 }.to_string(), "TP-2026-0042");
        assert_eq!(SubmissionReference { year: 2026, number: 1 }.to_string(), "TP-2026-0001");
        assert_eq!(SubmissionReference { year: 2026, number: 9999 }.to_string(), "TP-2026-9999");
        assert_eq!(SubmissionReference { year: 2026, number: 12345 }.to_string(), "TP-2026-12345");
    }

    #[test]
    fn read_back_as_typed() {
        let expected = SubmissionReference { year: 2026, number: 42 };
        for typed in ["TP-2026-0042", " tp-2026-0042 ", "Tp-2026-0042"] {
            assert_eq!(typed.parse(), Ok(expected), "{typed}");
        }
        assert_eq!("TP-2026-12345".parse(), Ok(SubmissionReference { year: 2026, number: 12345 }));
        for reference in [1, 42, 9999, 10_000, u32::MAX] {
            let written = SubmissionReference { year: 2027, number: reference }.to_string();
            assert_eq!(written.parse(), Ok(SubmissionReference { year: 2027, number: reference }));
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for typed in [
            "",
            "TP",
            "TP-2026",
            "TP-2026-",
            "TP-2026-42",
            "TP-26-0042",
            "TP-20266-0042",
            "XX-2026-0042",
            "TP-2026-0042-1",
            "TP-2026-00x2",
            "TP-2026-+042",
            "TP-2026-0000",
            "TP-2026-99999999999",
            "TP 2026 0042",
        ] {
            assert_eq!(typed.parse::<SubmissionReference>(), Err(NotAReference), "{typed:?}");
        }
    }
}
