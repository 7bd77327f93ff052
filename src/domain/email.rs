//! E-mail addresses as the portal takes them: a bare `local@domain`, checked
//! strictly, so that one can always become a `mailto:` link or a mail header
//! without smuggling anything else in (`?bcc=`, a display name, a second `@`).

use std::fmt;

use crate::domain::text::{self, TextError};

/// The longest address, in characters (RFC 5321's path limit less `<>`).
pub const MAX_LEN: usize = 254;
/// The longest local part (before the `@`).
pub const MAX_LOCAL_LEN: usize = 64;
/// The longest label of the domain (between dots).
pub const MAX_LABEL_LEN: usize = 63;

/// An address that passed [`EmailAddress::parse`]: lower-case ASCII, one `@`,
/// a local part of letters, digits and `. _ + - '`, a domain of at least two
/// labels of letters, digits and inner hyphens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// The form an address is compared and stored in: single-line text
    /// (see [`text::single_line`]), trimmed, lower case. Login uses this
    /// alone, so that an account made before these checks can still sign in.
    pub fn normalise(text: &str) -> String {
        text::single_line(text).trim().to_lowercase()
    }

    /// Checks an address as typed; internationalised addresses must be
    /// given in ASCII (`xn--` for a domain).
    pub fn parse(text: &str) -> Result<Self, TextError> {
        let address = Self::normalise(text);
        if address.is_empty() {
            return Err(TextError::Required);
        }
        // Too long is one more way to be malformed: the message for that says
        // what an address looks like, which a length alone would not.
        let Some((local, domain)) = address.split_once('@') else {
            return Err(TextError::BadEmail);
        };
        if address.chars().count() <= MAX_LEN && valid_local(local) && valid_domain(domain) {
            Ok(Self(address))
        } else {
            Err(TextError::BadEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Letters, digits and `. _ + - '`, no dot first, last or twice in a row.
fn valid_local(local: &str) -> bool {
    (1..=MAX_LOCAL_LEN).contains(&local.len())
        && local.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'+' | b'-' | b'\''))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
}

/// Two labels or more; the last (the top-level domain) not all digits, so an
/// IP address is not taken for a domain.
fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| valid_label(label))
        && labels.last().is_some_and(|tld| !tld.bytes().all(|b| b.is_ascii_digit()))
}

/// Letters, digits and hyphens, 1–63 long, no hyphen first or last.
fn valid_label(label: &str) -> bool {
    (1..=MAX_LABEL_LEN).contains(&label.len())
        && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for EmailAddress {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<EmailAddress> for String {
    fn from(address: EmailAddress) -> Self {
        address.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(text: &str) -> Result<String, TextError> {
        EmailAddress::parse(text).map(String::from)
    }

    #[test]
    fn plain_addresses_are_taken_in_lower_case() {
        assert_eq!(parse("  Post@Kommune.NO \n"), Ok("post@kommune.no".into()));
        for good in [
            "a@b.no",
            "ola.nordmann@asker.kommune.no",
            "ola_nordmann+plan@asker.kommune.no",
            "o'brien@example.org",
            "kari-anne@xn--brum-toa.kommune.no",
            "9@1a.no",
            "post@sub-domain.example.com",
        ] {
            assert_eq!(parse(good).as_deref(), Ok(good), "{good}");
        }
        let address = EmailAddress::parse("Post@Kommune.no").expect("valid");
        assert_eq!(address.as_str(), "post@kommune.no");
        assert_eq!(address.to_string(), "post@kommune.no");
        assert_eq!(address.as_ref(), "post@kommune.no");
    }

    #[test]
    fn invisible_characters_are_dropped_before_checking() {
        assert_eq!(parse("post\u{200B}@kommune.no\u{FEFF}"), Ok("post@kommune.no".into()));
        assert_eq!(EmailAddress::normalise(" \u{202E}A@B.no\u{0}"), "a@b.no");
    }

    #[test]
    fn empty_and_overlong_addresses_are_refused() {
        assert_eq!(parse(""), Err(TextError::Required));
        assert_eq!(parse(" \u{200B} "), Err(TextError::Required));
        // 254 characters in all is the most: 64 + 1 + 189.
        let domain = |len: usize| format!("{}.no", "d".repeat(len - 3));
        let longest = format!("{}@{}.{}.{}", "l".repeat(64), "a".repeat(63), "b".repeat(63), domain(61));
        assert_eq!(longest.len(), 254);
        assert_eq!(parse(&longest).as_deref(), Ok(longest.as_str()));
        let too_long = format!("{}@{}.{}.{}", "l".repeat(64), "a".repeat(63), "b".repeat(63), domain(62));
        assert_eq!(parse(&too_long), Err(TextError::BadEmail));
    }

    #[test]
    fn parts_have_length_limits() {
        assert_eq!(parse(&format!("{}@kommune.no", "l".repeat(64))).map(|a| a.len()), Ok(75));
        assert_eq!(parse(&format!("{}@kommune.no", "l".repeat(65))), Err(TextError::BadEmail));
        assert!(parse(&format!("post@{}.no", "d".repeat(63))).is_ok());
        assert_eq!(parse(&format!("post@{}.no", "d".repeat(64))), Err(TextError::BadEmail));
    }

    #[test]
    fn each_kind_of_malformed_address_is_refused() {
        for bad in [
            // What the attacker sent: a hidden Bcc in a mailto link.
            "postmottak@kommune.no?bcc=attacker@evil.example",
            "post@kommune.no&cc=x@evil.example",
            "post=x@kommune.no",
            "post%40x@kommune.no",
            "post@kommune.no%0abcc:x@evil.example",
            // Display names and angle brackets.
            "Post <post@kommune.no>",
            "<post@kommune.no>",
            "\"Post\"@kommune.no",
            // Spaces anywhere.
            "post mottak@kommune.no",
            "post@kom mune.no",
            "post@kommune.no\tx",
            "post\n@kommune.no",
            // Not exactly one @.
            "post.kommune.no",
            "post@@kommune.no",
            "post@kommune@evil.example",
            // The local part.
            "@kommune.no",
            ".post@kommune.no",
            "post.@kommune.no",
            "po..st@kommune.no",
            "pøst@kommune.no",
            "post!@kommune.no",
            "post#@kommune.no",
            "post/x@kommune.no",
            "post:x@kommune.no",
            "post,x@kommune.no",
            "post;x@kommune.no",
            // The domain.
            "post@",
            "post@kommune",
            "post@.kommune.no",
            "post@kommune.no.",
            "post@kommune..no",
            "post@-kommune.no",
            "post@kommune-.no",
            "post@kom_mune.no",
            "post@bærum.no",
            "post@127.0.0.1",
            "post@[127.0.0.1]",
            "post@kommune.no/",
            "post@kommune.no#x",
        ] {
            assert_eq!(parse(bad), Err(TextError::BadEmail), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn what_is_taken_is_safe_in_a_mailto_link(text in "\\PC{0,80}") {
            if let Ok(address) = EmailAddress::parse(&text) {
                prop_assert_eq!(address.as_str().matches('@').count(), 1);
                prop_assert!(address.as_str().bytes().all(|b| b.is_ascii_alphanumeric() || b"@._+-'".contains(&b)));
            }
        }

        #[test]
        fn well_formed_addresses_are_taken(
            local in "[a-z0-9_+'-]{1,20}(\\.[a-z0-9_+'-]{1,20}){0,2}",
            labels in prop::collection::vec("[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", 1..4),
            tld in "[a-z]{2,6}",
        ) {
            let address = format!("{local}@{}.{tld}", labels.join("."));
            prop_assert_eq!(parse(&address.to_uppercase()), Ok(address));
        }
    }
}
