//! GET /innspill/kvittering/{token}: the receipt, found by its token only
//! (the database holds a digest of it), never cached by anyone.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpResponse};

use crate::db::submissions;
use crate::domain::submission_intake as intake;
use crate::domain::submission_reference::SubmissionReference;
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

/// How much of the text the receipt repeats.
const EXCERPT_CHARS: usize = 300;
const EXCERPT_LINES: usize = 4;

/// The first lines of a text, cut at a word, with "…" when cut.
pub fn excerpt(text: &str) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut kept = lines.iter().take(EXCERPT_LINES).copied().collect::<Vec<_>>().join("\n");
    let mut cut = lines.len() > EXCERPT_LINES;
    if kept.chars().count() > EXCERPT_CHARS {
        let end: String = kept.chars().take(EXCERPT_CHARS).collect();
        kept = match end.rfind(char::is_whitespace) {
            Some(space) if space > EXCERPT_CHARS / 2 => end[..space].to_owned(),
            _ => end,
        };
        cut = true;
    }
    if cut {
        kept.push_str(" …");
    }
    kept
}

/// GET /innspill/kvittering/{token}
pub async fn show(state: web::Data<AppState>, page: Page, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    if !intake::is_form_token(&token) {
        return Err(AppError::NotFound);
    }
    let hash = intake::receipt_hash(&token.to_ascii_lowercase());
    let receipt = state.db(move |conn| Ok(submissions::receipt(conn, &hash)?)).await?.ok_or(AppError::NotFound)?;
    let lang = page.lang;
    let catalog = &state.catalog;
    let s = &receipt.submission;
    let reference =
        SubmissionReference { year: s.reference_year, number: u32::try_from(s.reference_number).unwrap_or(0) };
    let answers: Vec<(String, String)> = receipt.answers.iter().map(|(q, a)| (q.clone(), excerpt(a))).collect();
    let mut context = tera::Context::new();
    context.insert("reference", &reference.to_string());
    context.insert("plan", &serde_json::json!({ "slug": receipt.plan_slug, "title": receipt.plan_title }));
    context.insert(
        "submission",
        &serde_json::json!({
            "category": catalog.message(lang, &format!("submission-category-{}", s.category), None),
            "name": s.name,
            "email": s.email,
            "organisation_name": s.organisation_name,
            "organisation_number": s.organisation_number.as_deref().map(|n| {
                crate::domain::org_number::OrgNumber::parse(n).map_or_else(|_| n.to_owned(), |n| n.to_string())
            }),
            "excerpt": excerpt(&s.text),
            "publish_text": s.publish_text,
            "publish_name": s.publish_name,
            "received": catalog.datetime(lang, s.created_at),
        }),
    );
    context.insert("themes", &receipt.themes);
    context.insert("answers", &answers);
    context.insert("attachments", &receipt.attachments);
    let mut response = page.render(&state, "hearing/receipt.html", context)?;
    // The address is the key to the page: kept by no cache and no history
    // of anyone else's.
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store, private"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::HeaderName::from_static("x-robots-tag"), HeaderValue::from_static("noindex"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn an_excerpt_is_the_first_lines_cut_at_a_word() {
        assert_eq!(excerpt("Kort."), "Kort.");
        assert_eq!(excerpt("a\n\nb\nc\nd\ne"), "a\nb\nc\nd …");
        let long = "ord ".repeat(200);
        let cut = excerpt(&long);
        assert!(cut.ends_with(" …") && cut.chars().count() <= 302, "{cut}");
        assert!(!cut.contains("or …"), "cut at a word");
    }
}
