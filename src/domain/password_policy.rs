//! Password rules people can live with: long enough, not one of the most
//! common, no composition rules, and any characters (paste and password
//! managers welcome).

const COMMON: &str = include_str!("common-passwords.txt");

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must have at least 12 characters")]
    TooShort,
    #[error("the password may have at most 1000 characters")]
    TooLong,
    #[error("the password is one of the most common passwords")]
    Common,
}

impl PasswordError {
    pub fn message_key(self) -> &'static str {
        match self {
            PasswordError::TooShort => "password-error-too-short",
            PasswordError::TooLong => "password-error-too-long",
            PasswordError::Common => "password-error-common",
        }
    }
}

/// Checks a new password.
pub fn check(password: &str) -> Result<(), PasswordError> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordError::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordError::TooLong);
    }
    let lowered = password.trim().to_lowercase();
    if COMMON.lines().filter(|l| !l.starts_with('#')).any(|common| common == lowered) {
        return Err(PasswordError::Common);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert_eq!(check("kort"), Err(PasswordError::TooShort));
        assert_eq!(check("PassordPassord"), Err(PasswordError::Common));
        assert_eq!(check("123456789012"), Err(PasswordError::Common));
        assert_eq!(check(&"x".repeat(1001)), Err(PasswordError::TooLong));
        assert_eq!(check("en lang nok setning med æøå"), Ok(()));
        assert_eq!(check("alllowercasebutlong"), Ok(()), "no composition rules");
    }
}
