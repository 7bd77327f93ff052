//! How a submission is taken in: the configured categories, the key a
//! client's address is counted under, the per-address limit, and the
//! receipt token that follows from the form's idempotency token.

use sha2::{Digest, Sha256};

use super::submission::Category;

/// The longest free text, in characters.
pub const MAX_TEXT: usize = 20_000;

/// The categories as the setting `submission_categories` writes them:
/// keys separated by commas, `:organisasjon` after those who answer for an
/// organisation (who must name it).
pub const DEFAULT_CATEGORIES: &str = "innbygger, ansatt, naeringsliv:organisasjon, \
     frivillig-organisasjon:organisasjon, interessegruppe:organisasjon, folkevalgt, \
     rad-utvalg:organisasjon, offentlig-virksomhet:organisasjon";

/// Reads the categories setting; an error says what is wrong.
pub fn parse_categories(setting: &str) -> Result<Vec<Category>, String> {
    let mut categories: Vec<Category> = Vec::new();
    for item in setting.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let (key, flag) = match item.split_once(':') {
            Some((key, "organisasjon")) => (key.trim(), true),
            Some((_, other)) => return Err(format!("'{other}' is not ':organisasjon'")),
            None => (item, false),
        };
        let well_formed = !key.is_empty()
            && key.len() <= 60
            && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !well_formed {
            return Err(format!("'{key}' is not a key of lowercase letters, digits and '-'"));
        }
        if categories.iter().any(|c| c.key == key) {
            return Err(format!("'{key}' is listed twice"));
        }
        categories.push(Category { key: key.to_owned(), organisation: flag });
    }
    if categories.is_empty() {
        return Err("no categories".into());
    }
    Ok(categories)
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// What a client's address is counted under: a digest of the address as
/// login throttling counts it (IPv6 by its /64), so no address is stored.
pub fn address_hash(address: Option<std::net::IpAddr>) -> String {
    sha256_hex(&super::throttle::Subjects::new("", address).address)
}

/// Whether a form token is one the server could have made: 64 hex digits.
pub fn is_form_token(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The stored form of an idempotency token.
pub fn idempotency_hash(form_token: &str) -> String {
    sha256_hex(&format!("idempotency:{form_token}"))
}

/// The receipt's token: made from the form's token, so a retried post can
/// send the submitter to the same receipt, while the database holds only
/// digests from which neither token follows.
pub fn receipt_token(form_token: &str) -> String {
    sha256_hex(&format!("receipt:{form_token}"))
}

/// The stored form of a receipt token.
pub fn receipt_hash(receipt_token: &str) -> String {
    sha256_hex(&format!("receipt-hash:{receipt_token}"))
}

/// Whether a client that has made `made` submissions in the last hour may
/// make another.
pub fn within_limit(made: i64, per_hour: u32) -> bool {
    made < i64::from(per_hour)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_categories_are_the_eight_with_organisations_marked() {
        let categories = parse_categories(DEFAULT_CATEGORIES).expect("valid");
        assert_eq!(categories.len(), 8);
        let organisations: Vec<&str> = categories.iter().filter(|c| c.organisation).map(|c| c.key.as_str()).collect();
        assert_eq!(
            organisations,
            ["naeringsliv", "frivillig-organisasjon", "interessegruppe", "rad-utvalg", "offentlig-virksomhet"]
        );
    }

    #[test]
    fn bad_category_settings_are_refused() {
        assert!(parse_categories("").is_err());
        assert!(parse_categories("a, a").is_err());
        assert!(parse_categories("Innbygger").is_err());
        assert!(parse_categories("a:org").is_err());
        assert_eq!(parse_categories("a").expect("one").len(), 1);
    }

    #[test]
    fn tokens_and_digests_are_apart() {
        let form = "ab".repeat(32);
        assert!(is_form_token(&form));
        assert!(!is_form_token("ab"));
        assert!(!is_form_token(&"zz".repeat(32)));
        let receipt = receipt_token(&form);
        assert!(is_form_token(&receipt), "a receipt token has the shape of a form token");
        assert_ne!(receipt, idempotency_hash(&form));
        assert_ne!(receipt_hash(&receipt), receipt);
        assert_eq!(receipt, receipt_token(&form));
    }

    #[test]
    fn addresses_count_by_their_network_and_are_not_stored() {
        let a: std::net::IpAddr = "2001:db8:1:2::1".parse().expect("v6");
        let b: std::net::IpAddr = "2001:db8:1:2::99".parse().expect("v6");
        assert_eq!(address_hash(Some(a)), address_hash(Some(b)));
        assert!(!address_hash(Some(a)).contains("2001"));
        assert!(within_limit(9, 10));
        assert!(!within_limit(10, 10));
    }
}
