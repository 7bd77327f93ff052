//! Checks for the plain text fields of forms: required, length, slugs.

/// Why a text field was refused; each maps to a message for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("required")]
    Required,
    #[error("too long")]
    TooLong { max: usize },
    #[error("not a valid slug")]
    BadSlug,
    #[error("not a whole number in range")]
    OutOfRange { min: i32, max: i32 },
    #[error("not an e-mail address")]
    BadEmail,
}

impl TextError {
    pub fn message_key(self) -> &'static str {
        match self {
            TextError::Required => "field-error-required",
            TextError::TooLong { .. } => "field-error-too-long",
            TextError::BadSlug => "field-error-slug",
            TextError::OutOfRange { .. } => "field-error-range",
            TextError::BadEmail => "field-error-email",
        }
    }
}

/// A required text of at most `max` characters, trimmed.
pub fn required(text: &str, max: usize) -> Result<String, TextError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TextError::Required);
    }
    optional(text, max).map(|t| t.unwrap_or_default())
}

/// An optional text of at most `max` characters, trimmed; empty is None.
pub fn optional(text: &str, max: usize) -> Result<Option<String>, TextError> {
    let text = text.trim();
    if text.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// A URL slug: lower-case letters a–z, digits and single hyphens, 2–80 long.
pub fn slug(text: &str) -> Result<String, TextError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TextError::Required);
    }
    let valid = (2..=80).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--");
    if valid {
        Ok(text.to_owned())
    } else {
        Err(TextError::BadSlug)
    }
}

/// A suggested slug from a title: "Temaplan for skole og oppvekst" → "temaplan-for-skole-og-oppvekst".
pub fn slug_from_title(title: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        let mapped = match c {
            'æ' => "ae",
            'ø' => "o",
            'å' => "a",
            'é' | 'è' | 'ê' => "e",
            c if c.is_ascii_alphanumeric() => {
                slug.push(c);
                continue;
            }
            _ => "-",
        };
        slug.push_str(mapped);
    }
    let parts: Vec<&str> = slug.split('-').filter(|p| !p.is_empty()).collect();
    let mut joined = parts.join("-");
    joined.truncate(80);
    joined.trim_end_matches('-').to_owned()
}

/// A whole number within a range.
pub fn number_in(text: &str, min: i32, max: i32) -> Result<i32, TextError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TextError::Required);
    }
    match text.parse::<i32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(TextError::OutOfRange { min, max }),
    }
}

/// An optional e-mail address: something@something.something, no spaces.
pub fn optional_email(text: &str) -> Result<Option<String>, TextError> {
    let Some(text) = optional(text, 254)? else { return Ok(None) };
    let valid = match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        }
        None => false,
    };
    if valid && !text.chars().any(char::is_whitespace) {
        Ok(Some(text.to_lowercase()))
    } else {
        Err(TextError::BadEmail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_and_optional_text() {
        assert_eq!(required("  Tittel ", 10), Ok("Tittel".into()));
        assert_eq!(required("   ", 10), Err(TextError::Required));
        assert_eq!(required("ælg", 2), Err(TextError::TooLong { max: 2 }));
        assert_eq!(optional("", 5), Ok(None));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("digitalisering-og-smart-teknologi"), Ok("digitalisering-og-smart-teknologi".into()));
        for bad in ["Store", "a", "-a", "a-", "a--b", "a b", "ø-plan"] {
            assert_eq!(slug(bad), Err(TextError::BadSlug), "{bad}");
        }
        assert_eq!(
            slug_from_title("Temaplan for Skole & oppvekst, 2026–2030"),
            "temaplan-for-skole-oppvekst-2026-2030"
        );
        assert_eq!(slug_from_title("Kultur og frivillighet i Bærum"), "kultur-og-frivillighet-i-baerum");
    }

    #[test]
    fn numbers_and_emails() {
        assert_eq!(number_in("12", 1, 30), Ok(12));
        assert_eq!(number_in("0", 1, 30), Err(TextError::OutOfRange { min: 1, max: 30 }));
        assert_eq!(number_in("tolv", 1, 30), Err(TextError::OutOfRange { min: 1, max: 30 }));
        assert_eq!(optional_email("Post@Kommune.no"), Ok(Some("post@kommune.no".into())));
        assert_eq!(optional_email(""), Ok(None));
        assert_eq!(optional_email("post@kommune"), Err(TextError::BadEmail));
    }
}
