//! Checks for the plain text fields of forms: which characters may be kept,
//! required, length, slugs.
//!
//! Two rules, applied here and nowhere else:
//! - every text loses the characters an XML 1.0 document cannot carry (C0
//!   controls other than tab, LF and CR; surrogates, which Rust strings cannot
//!   hold anyway), the noncharacters (U+FDD0–U+FDEF and the last two code
//!   points of every plane, U+FFFE and U+FFFF among them), and DEL and the C1
//!   controls, which XML 1.0 discourages and no one types: see [`multi_line`];
//! - single-line texts (titles, names, roles, references) lose as well the
//!   invisible characters that reorder or hide what is shown: the bidi
//!   controls and the zero-width characters: see [`single_line`].
//!
//! [`required`] and [`optional`] apply the single-line rule and `Fields`
//! (web/form.rs) the first rule to every submitted value, so a field cannot
//! forget them.

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

/// Whether `c` may be kept in any text: XML 1.0 can carry it, and it is
/// neither a noncharacter nor a control other than tab, LF and CR.
pub fn is_allowed(c: char) -> bool {
    let code = u32::from(c);
    let noncharacter = (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE;
    let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    !noncharacter && !control
}

/// Whether `c` is a bidi control or a zero-width character: invisible, and
/// able to reorder or hide what a single line shows. U+2060–U+206F takes in
/// the word joiner, the invisible operators, the isolates and the
/// deprecated format characters.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

/// The text without the characters no text may hold; newlines kept.
pub fn multi_line(text: &str) -> String {
    text.chars().filter(|&c| is_allowed(c)).collect()
}

/// The text as a single-line field keeps it: [`multi_line`], and without
/// bidi controls and zero-width characters. Line breaks are left alone: a
/// browser's one-line input sends none, and the longer texts checked with
/// [`required`] and [`optional`] (a plan's summary and vision) need them;
/// nothing they carry needs bidi controls or zero-width characters.
pub fn single_line(text: &str) -> String {
    text.chars().filter(|&c| is_allowed(c) && !is_invisible_format(c)).collect()
}

/// A required text of at most `max` characters, [`single_line`], trimmed.
pub fn required(text: &str, max: usize) -> Result<String, TextError> {
    optional(text, max)?.ok_or(TextError::Required)
}

/// An optional text of at most `max` characters, [`single_line`], trimmed;
/// empty is None.
pub fn optional(text: &str, max: usize) -> Result<Option<String>, TextError> {
    let text = single_line(text);
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

/// An optional e-mail address, checked by [`EmailAddress::parse`]; empty is
/// None.
///
/// [`EmailAddress::parse`]: crate::domain::email::EmailAddress::parse
pub fn optional_email(text: &str) -> Result<Option<String>, TextError> {
    use crate::domain::email::EmailAddress;
    if EmailAddress::normalise(text).is_empty() {
        return Ok(None);
    }
    EmailAddress::parse(text).map(|address| Some(address.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every character the XML rule must drop, at the edges of its ranges.
    const FORBIDDEN: [char; 16] = [
        '\u{0}',
        '\u{8}',
        '\u{B}',
        '\u{C}',
        '\u{E}',
        '\u{1F}',
        '\u{7F}',
        '\u{85}',
        '\u{9F}',
        '\u{FDD0}',
        '\u{FDEF}',
        '\u{FFFE}',
        '\u{FFFF}',
        '\u{1FFFE}',
        '\u{1FFFF}',
        '\u{10FFFF}',
    ];
    /// Every character the single-line rule drops as well.
    const INVISIBLE: [char; 17] = [
        '\u{061C}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}',
        '\u{202D}', '\u{202E}', '\u{2060}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{FEFF}',
    ];
    /// Kept by both rules: the neighbours of the ranges above, and text.
    const KEPT: [char; 22] = [
        '\t',
        '\n',
        '\r',
        ' ',
        '~',
        '\u{A0}',
        'æ',
        '\u{061B}',
        '\u{061D}',
        '\u{200A}',
        '\u{2010}',
        '\u{2029}',
        '\u{202F}',
        '\u{205F}',
        '\u{2070}',
        '\u{FDCF}',
        '\u{FDF0}',
        '\u{FEFE}',
        '\u{FFFD}',
        '\u{FF00}',
        '\u{10000}',
        '\u{1FFFD}',
    ];

    #[test]
    fn forbidden_characters_go_everywhere() {
        for c in FORBIDDEN {
            assert!(!is_allowed(c), "{c:?}");
            assert_eq!(multi_line(&format!("a{c}b")), "ab", "{c:?}");
            assert_eq!(single_line(&format!("a{c}b")), "ab", "{c:?}");
        }
        for c in KEPT.into_iter().chain(INVISIBLE) {
            assert!(is_allowed(c), "{c:?}");
        }
    }

    #[test]
    fn invisible_characters_go_from_single_lines_only() {
        for c in INVISIBLE {
            assert!(is_invisible_format(c), "{c:?}");
            assert_eq!(single_line(&format!("a{c}b")), "ab", "{c:?}");
            assert_eq!(multi_line(&format!("a{c}b")), format!("a{c}b"), "{c:?}");
        }
        for c in KEPT.into_iter().chain(FORBIDDEN) {
            assert!(!is_invisible_format(c), "{c:?}");
        }
        for c in KEPT {
            assert_eq!(single_line(&format!("a{c}b")), format!("a{c}b"), "{c:?}");
            assert_eq!(multi_line(&format!("a{c}b")), format!("a{c}b"), "{c:?}");
        }
    }

    #[test]
    fn required_and_optional_text() {
        assert_eq!(required("  Tittel ", 10), Ok("Tittel".into()));
        assert_eq!(required("   ", 10), Err(TextError::Required));
        assert_eq!(required("ælg", 2), Err(TextError::TooLong { max: 2 }));
        assert_eq!(required("ælg", 3), Ok("ælg".into()));
        assert_eq!(optional("", 5), Ok(None));
        assert_eq!(optional(" x ", 1), Ok(Some("x".into())));
        assert_eq!(optional("xy", 1), Err(TextError::TooLong { max: 1 }));
        assert_eq!(optional("Første linje\nandre", 20), Ok(Some("Første linje\nandre".into())));
    }

    #[test]
    fn fields_are_cleaned_before_they_are_checked() {
        let hostile = "\u{202E}Milepæl\u{200B}\u{2066}\u{FFFF}\u{0} ";
        assert_eq!(required(hostile, 7), Ok("Milepæl".into()));
        assert_eq!(required("\u{200B}\u{FEFF} \u{1}", 10), Err(TextError::Required));
        assert_eq!(optional("\u{202E} \u{2069}", 10), Ok(None));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("digitalisering-og-smart-teknologi"), Ok("digitalisering-og-smart-teknologi".into()));
        assert_eq!(slug(" ab "), Ok("ab".into()));
        assert_eq!(slug(&"a".repeat(80)), Ok("a".repeat(80)));
        assert_eq!(slug(""), Err(TextError::Required));
        for bad in ["Store", "a", "-a", "a-", "a--b", "a b", "ø-plan", &"a".repeat(81)] {
            assert_eq!(slug(bad), Err(TextError::BadSlug), "{bad}");
        }
        assert_eq!(
            slug_from_title("Temaplan for Skole & oppvekst, 2026–2030"),
            "temaplan-for-skole-oppvekst-2026-2030"
        );
        assert_eq!(slug_from_title("Kultur og frivillighet i Bærum"), "kultur-og-frivillighet-i-baerum");
        assert_eq!(slug_from_title("Årsplan for Østre Éikås, Ève og Fête"), "arsplan-for-ostre-eikas-eve-og-fete");
        assert_eq!(slug_from_title("\u{202E}Plan\u{200B}"), "plan");
        // At most 80 long, and no hyphen left where it was cut.
        let long = format!("{} {}", "a".repeat(79), "b".repeat(10));
        assert_eq!(slug_from_title(&long), "a".repeat(79));
        assert_eq!(slug_from_title(&"c".repeat(90)), "c".repeat(80));
    }

    #[test]
    fn numbers_and_emails() {
        assert_eq!(number_in("12", 1, 30), Ok(12));
        assert_eq!(number_in(" 1 ", 1, 30), Ok(1));
        assert_eq!(number_in("30", 1, 30), Ok(30));
        assert_eq!(number_in("", 1, 30), Err(TextError::Required));
        assert_eq!(number_in("0", 1, 30), Err(TextError::OutOfRange { min: 1, max: 30 }));
        assert_eq!(number_in("31", 1, 30), Err(TextError::OutOfRange { min: 1, max: 30 }));
        assert_eq!(number_in("tolv", 1, 30), Err(TextError::OutOfRange { min: 1, max: 30 }));
        assert_eq!(optional_email("Post@Kommune.no"), Ok(Some("post@kommune.no".into())));
        assert_eq!(optional_email(""), Ok(None));
        assert_eq!(optional_email(" \u{200B} "), Ok(None));
        assert_eq!(optional_email("post@kommune"), Err(TextError::BadEmail));
        assert_eq!(optional_email("postmottak@kommune.no?bcc=attacker@evil.example"), Err(TextError::BadEmail));
    }

    #[test]
    fn errors_have_messages() {
        assert_eq!(TextError::Required.message_key(), "field-error-required");
        assert_eq!(TextError::TooLong { max: 1 }.message_key(), "field-error-too-long");
        assert_eq!(TextError::BadSlug.message_key(), "field-error-slug");
        assert_eq!(TextError::OutOfRange { min: 1, max: 2 }.message_key(), "field-error-range");
        assert_eq!(TextError::BadEmail.message_key(), "field-error-email");
    }

    /// Whether `c` may end up in a feed: XML 1.0's Char production, less
    /// the noncharacters and the discouraged controls, written out apart
    /// from the code under test.
    fn xml_char(c: char) -> bool {
        let code = u32::from(c);
        let xml = matches!(code, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF);
        let discouraged = matches!(code, 0x7F..=0x9F | 0xFDD0..=0xFDEF) || code % 0x10000 >= 0xFFFE;
        xml && !discouraged
    }

    /// Text rich in the characters the rules are about.
    fn hostile_text() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            any::<char>(),
            prop::sample::select(FORBIDDEN.to_vec()),
            prop::sample::select(INVISIBLE.to_vec()),
            prop::sample::select(KEPT.to_vec()),
        ];
        prop::collection::vec(c, 0..40).prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #[test]
        fn no_forbidden_character_survives(text in hostile_text()) {
            let multi = multi_line(&text);
            let single = single_line(&text);
            prop_assert!(multi.chars().all(xml_char), "{:?}", multi);
            prop_assert!(single.chars().all(|c| xml_char(c) && !is_invisible_format(c)), "{:?}", single);
            // Nothing else is lost, and cleaning twice changes nothing.
            prop_assert_eq!(multi.chars().count(), text.chars().filter(|&c| xml_char(c)).count());
            prop_assert_eq!(multi_line(&multi), multi.clone());
            prop_assert_eq!(single_line(&single), single.clone());
            prop_assert_eq!(single_line(&multi), single);
        }

        #[test]
        fn checked_fields_hold_no_forbidden_character(text in hostile_text()) {
            if let Ok(Some(kept)) = optional(&text, 1000) {
                prop_assert!(kept.chars().all(|c| xml_char(c) && !is_invisible_format(c)));
                prop_assert_eq!(kept.trim(), kept.as_str());
            }
        }
    }
}
