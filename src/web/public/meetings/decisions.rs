//! `/vedtak`: the bodies' decisions, newest first, found by words in their
//! title or text (`?q=`), fifty to a page (`?side=`). Exempt items and
//! meetings whose agenda is not public are never among them. Without a
//! query the page is cached; a search is rendered for its asker.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db::meetings::search;
use crate::web::cache::{self, Rendered, HTML};
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

/// Decisions on a page.
const PAGE_SIZE: i64 = 50;
/// The longest search taken, in characters; the rest is dropped.
const MAX_QUERY: usize = 200;
/// The most pages one can walk to.
const MAX_PAGE: i64 = 1000;
/// The length of a decision's excerpt, in characters.
const EXCERPT: usize = 300;

#[derive(Debug, Default, PartialEq, Eq)]
struct Search {
    words: String,
    page: i64,
    /// Whether the words were cut to [`MAX_QUERY`].
    cut: bool,
}

fn understand(query: &str) -> Search {
    let mut search = Search { page: 1, ..Search::default() };
    let Ok(pairs) = web::Query::<Vec<(String, String)>>::from_query(query) else { return search };
    for (name, value) in pairs.into_inner() {
        match name.as_str() {
            "q" => {
                let clean = crate::domain::text::single_line(&value).replace(['\n', '\r', '\t'], " ");
                let clean = clean.trim();
                search.cut = clean.chars().count() > MAX_QUERY;
                search.words = clean.chars().take(MAX_QUERY).collect();
            }
            "side" => search.page = value.trim().parse::<i64>().unwrap_or(1).clamp(1, MAX_PAGE),
            _ => {}
        }
    }
    search
}

fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= EXCERPT {
        return text;
    }
    let cut: String = text.chars().take(EXCERPT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(start, _)| start).to_owned();
    format!("{cut} …")
}

#[derive(Serialize)]
struct DecisionLine {
    number: String,
    title: String,
    body_name: String,
    date: String,
    date_iso: String,
    excerpt: String,
    meeting_url: String,
}

/// GET /vedtak
pub async fn search(state: web::Data<AppState>, page: Page, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let query = req.query_string().to_owned();
    if query.is_empty() {
        return cache::serve(&state, &req, page.lang, || {
            render(&state, &page, Search { page: 1, ..Search::default() })
        })
        .await;
    }
    Ok(super::uncached(render(&state, &page, understand(&query)).await?.body))
}

fn page_href(words: &str, page: i64) -> String {
    let q = crate::web::request::encode_query_value(words);
    format!("/vedtak?q={q}&side={page}")
}

async fn render(state: &AppState, page: &Page, search: Search) -> Result<Rendered, AppError> {
    let lang = page.lang;
    let words = search.words.clone();
    let offset = (search.page - 1) * PAGE_SIZE;
    let mut found = state.db(move |conn| Ok(search::decisions(conn, &words, offset, PAGE_SIZE + 1)?)).await?;
    let more = found.len() as i64 > PAGE_SIZE;
    found.truncate(PAGE_SIZE as usize);
    let lines: Vec<DecisionLine> = found
        .iter()
        .map(|f| DecisionLine {
            number: f.item.number(),
            title: f.item.public_title().to_owned(),
            body_name: f.body_name.clone(),
            date: state.catalog.date(lang, crate::domain::oslo::date(f.meeting.starts_at)),
            date_iso: crate::domain::oslo::date(f.meeting.starts_at).to_string(),
            excerpt: excerpt(f.item.decision.as_deref().unwrap_or_default()),
            meeting_url: super::url(&f.meeting.id),
        })
        .collect();
    let mut context = tera::Context::new();
    context.insert("q", &search.words);
    context.insert("cut", &search.cut);
    context.insert("max_query", &MAX_QUERY);
    context.insert("decisions", &lines);
    context.insert("page_number", &search.page);
    context.insert("previous", &(search.page > 1).then(|| page_href(&search.words, search.page - 1)));
    context.insert("next", &(more && search.page < MAX_PAGE).then(|| page_href(&search.words, search.page + 1)));
    context.insert("canonical_url", &format!("{}/vedtak", state.settings.public_url));
    Ok(Rendered {
        content_type: HTML,
        body: page.html(state, "public/meetings/decisions.html", context)?,
        expires: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_are_bounded_and_never_refused() {
        assert_eq!(understand("q=mandat"), Search { words: "mandat".into(), page: 1, cut: false });
        assert_eq!(understand("q=%25_%5C&side=3").words, "%_\\");
        assert_eq!(understand("side=-5").page, 1);
        assert_eq!(understand("side=99999999999999999999").page, 1);
        assert_eq!(understand("side=5000").page, MAX_PAGE);
        // Bytes that are no UTF-8 read as replacement characters: found nowhere.
        assert_eq!(understand("q=%FF%FE").words, "\u{FFFD}\u{FFFD}");
        let long = understand(&format!("q={}", "å".repeat(500)));
        assert!(long.cut);
        assert_eq!(long.words.chars().count(), MAX_QUERY);
        assert_eq!(understand("q=a%00b%E2%80%AEc").words, "abc");
    }

    #[test]
    fn excerpts_end_at_a_word() {
        assert_eq!(excerpt("Kort  vedtak.\n\nTo avsnitt."), "Kort vedtak. To avsnitt.");
        let long = "ord ".repeat(200);
        let cut = excerpt(&long);
        assert!(cut.ends_with("ord …"));
        assert!(cut.chars().count() <= EXCERPT + 2);
    }
}
