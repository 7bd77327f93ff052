//! Norwegian organisation numbers (organisasjonsnummer): nine digits, the
//! last a modulus-11 check digit over the first eight with the weights
//! 3, 2, 7, 6, 5, 4, 3, 2 (Brønnøysundregistrene).

use std::fmt;

const WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];

/// A checked organisation number, kept as its nine digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgNumber(String);

/// Why a typed organisation number is refused; the key names its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OrgNumberError {
    #[error("an organisation number has nine digits")]
    Length,
    #[error("an organisation number has only digits")]
    NotDigits,
    #[error("the check digit does not match")]
    CheckDigit,
}

impl OrgNumberError {
    pub fn key(self) -> &'static str {
        match self {
            OrgNumberError::Length => "org-number-error-length",
            OrgNumberError::NotDigits => "org-number-error-digits",
            OrgNumberError::CheckDigit => "org-number-error-check",
        }
    }
}

/// The check digit for eight digits, or None when none exists (remainder 1).
fn check_digit(digits: &[u32]) -> Option<u32> {
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        digit => Some(digit),
    }
}

impl OrgNumber {
    /// Reads a number as people write it: "974 760 673", "974760673", with
    /// spaces, non-breaking spaces or dots between the groups.
    pub fn parse(typed: &str) -> Result<Self, OrgNumberError> {
        let kept: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
        if kept.chars().any(|c| !c.is_ascii_digit()) {
            return Err(OrgNumberError::NotDigits);
        }
        let digits: Vec<u32> = kept.chars().filter_map(|c| c.to_digit(10)).collect();
        if digits.len() != 9 {
            return Err(OrgNumberError::Length);
        }
        if check_digit(&digits[..8]) != Some(digits[8]) {
            return Err(OrgNumberError::CheckDigit);
        }
        Ok(Self(kept))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// "974 760 673", as the register writes it.
impl fmt::Display for OrgNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", &self.0[..3], &self.0[3..6], &self.0[6..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_numbers_are_accepted_as_people_write_them() {
        // Numbers from the register, written in the ways people write them.
        for typed in ["944 382 038", "974760673", "974 761 076", " 974.760.673 ", "974\u{a0}760\u{a0}673"] {
            assert!(OrgNumber::parse(typed).is_ok(), "{typed}");
        }
        let number = OrgNumber::parse("974760673").expect("valid");
        assert_eq!(number.as_str(), "974760673");
        assert_eq!(number.to_string(), "974 760 673");
    }

    #[test]
    fn a_wrong_check_digit_is_refused() {
        for last in 0..=9 {
            let typed = format!("97476067{last}");
            let expected = if last == 3 { Ok(()) } else { Err(OrgNumberError::CheckDigit) };
            assert_eq!(OrgNumber::parse(&typed).map(drop), expected, "{typed}");
        }
    }

    #[test]
    fn a_remainder_of_zero_gives_check_digit_zero() {
        // 3*3 + 2*1 = 11: remainder 0, so the check digit is 0 (not 11).
        assert_eq!(check_digit(&[3, 0, 0, 0, 0, 0, 0, 1]), Some(0));
        assert!(OrgNumber::parse("300000010").is_ok());
        assert_eq!(OrgNumber::parse("300000011"), Err(OrgNumberError::CheckDigit));
    }

    #[test]
    fn a_remainder_of_one_has_no_valid_number() {
        // 3*4 = 12 → remainder 1 → 11 - 1 = 10: no check digit exists.
        assert_eq!(check_digit(&[4, 0, 0, 0, 0, 0, 0, 0]), None);
        for last in 0..=9 {
            assert_eq!(OrgNumber::parse(&format!("40000000{last}")), Err(OrgNumberError::CheckDigit));
        }
    }

    #[test]
    fn every_weight_counts() {
        // Moving one unit to each position in turn changes the check digit
        // unless the weights are equal.
        let base = [1, 1, 1, 1, 1, 1, 1, 1];
        for (position, weight) in WEIGHTS.iter().enumerate() {
            let mut digits = base;
            digits[position] = 2;
            let sum: u32 = 32 + weight;
            let expected = match 11 - sum % 11 {
                11 => Some(0),
                10 => None,
                d => Some(d),
            };
            assert_eq!(check_digit(&digits), expected, "position {position}");
        }
        // 3 + 2 + 7 + 6 + 5 + 4 + 3 + 2 = 32; 32 % 11 = 10 → check digit 1.
        assert_eq!(check_digit(&base), Some(1));
    }

    #[test]
    fn length_and_letters_are_named() {
        assert_eq!(OrgNumber::parse(""), Err(OrgNumberError::Length));
        assert_eq!(OrgNumber::parse("97476067"), Err(OrgNumberError::Length));
        assert_eq!(OrgNumber::parse("9747606730"), Err(OrgNumberError::Length));
        assert_eq!(OrgNumber::parse("97476067a"), Err(OrgNumberError::NotDigits));
        assert_eq!(OrgNumber::parse("974-760-673"), Err(OrgNumberError::NotDigits));
        assert_eq!(OrgNumber::parse("٩٧٤٧٦٠٦٧٣"), Err(OrgNumberError::NotDigits), "ASCII digits only");
        assert_eq!(OrgNumberError::Length.key(), "org-number-error-length");
        assert_eq!(OrgNumberError::NotDigits.key(), "org-number-error-digits");
        assert_eq!(OrgNumberError::CheckDigit.key(), "org-number-error-check");
    }
}
