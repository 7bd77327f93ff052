//! Atom feeds (RFC 4287) of stage changes and milestones: one per plan and
//! one for all plans. Dates in ISO 8601 (RFC 3339), UTC.

use std::fmt::Write;

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDateTime, SecondsFormat};

use crate::db::{self, plans::PlanEvent};
use crate::domain::oslo;
use crate::domain::planned::PlannedTime;
use crate::i18n::Lang;
use crate::web::cache::{self, Rendered, ATOM};
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

/// The most entries a feed carries.
const MAX_ENTRIES: i64 = 100;

struct Entry {
    id: String,
    title: String,
    summary: String,
    link: String,
    updated: NaiveDateTime,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newlines are not allowed in XML.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn rfc3339(time: NaiveDateTime) -> String {
    time.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn render(
    id: &str,
    title: &str,
    self_url: &str,
    alternate: &str,
    author: &str,
    lang: Lang,
    entries: &[Entry],
) -> String {
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or_default();
    let mut xml = String::with_capacity(1024 + entries.len() * 512);
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n\
         <id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n<author><name>{}</name></author>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        lang.code(),
        escape(id),
        escape(title),
        rfc3339(updated),
        escape(author),
        escape(self_url),
        escape(alternate),
    );
    for entry in entries {
        let _ = write!(
            xml,
            "<entry>\n<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<summary>{}</summary>\n</entry>\n",
            escape(&entry.id),
            escape(&entry.title),
            rfc3339(entry.updated),
            escape(&entry.link),
            escape(&entry.summary),
        );
    }
    xml.push_str("</feed>\n");
    xml
}

fn event_entry(state: &AppState, lang: Lang, event: &PlanEvent, plan_title: &str, plan_url: &str) -> Entry {
    let catalog = &state.catalog;
    let stage = |key: &str| catalog.message(lang, &format!("stage-{key}"), None);
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("to", stage(&event.to_stage));
    args.set("from", event.from_stage.as_deref().map(stage).unwrap_or_default());
    let what = catalog.message(lang, &format!("event-{}", event.kind), Some(&args));
    let mut summary = event.note.clone();
    if let Some(reference) = &event.decision_ref {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("reference", reference.as_str());
        summary = format!("{summary} {}", catalog.message(lang, "event-decision", Some(&args)));
    }
    Entry {
        id: format!("urn:uuid:{}", event.id),
        title: format!("{plan_title}: {what}"),
        summary,
        link: format!("{plan_url}/historikk"),
        updated: event.occurred_at,
    }
}

fn milestone_entry(
    state: &AppState,
    lang: Lang,
    milestone: &db::plans::Milestone,
    plan_title: &str,
    plan_url: &str,
    plan_updated: NaiveDateTime,
) -> Entry {
    let catalog = &state.catalog;
    let when = milestone
        .planned
        .parse::<PlannedTime>()
        .map_or_else(|_| milestone.planned.clone(), |p| catalog.planned(lang, p));
    let status = match milestone.done_on {
        Some(date) => {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("date", catalog.date(lang, date));
            catalog.message(lang, "milestone-done-on", Some(&args))
        }
        None if milestone.done => catalog.message(lang, "milestone-done", None),
        None => catalog.message(lang, "milestone-not-done", None),
    };
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("title", milestone.title.as_str());
    args.set("when", when);
    args.set("status", status.clone());
    // A milestone changes when it is done (noon in Oslo that day), else with the plan.
    let updated =
        milestone.done_on.and_then(|d| d.and_hms_opt(12, 0, 0)).and_then(oslo::to_utc).unwrap_or(plan_updated);
    Entry {
        id: format!("urn:uuid:{}", milestone.id),
        title: format!("{plan_title}: {}", catalog.message(lang, "feed-milestone", Some(&args))),
        summary: status,
        link: plan_url.to_owned(),
        updated,
    }
}

/// Newest first, at most MAX_ENTRIES.
fn newest_first(entries: &mut Vec<Entry>) {
    entries.sort_by_key(|e| std::cmp::Reverse(e.updated));
    entries.truncate(MAX_ENTRIES as usize);
}

/// GET /planer/{slug}/feed.atom
pub async fn one_plan(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    cache::serve(&state, &req, page.lang, || render_one_plan(&state, page.lang, slug.into_inner())).await
}

async fn render_one_plan(state: &AppState, lang: Lang, slug: String) -> Result<Rendered, AppError> {
    let bundle = super::plan::load_bundle(state, slug).await?;
    let base = &state.settings.public_url;
    let plan_url = format!("{base}/planer/{}", bundle.plan.slug);
    let plan = &bundle.plan;
    let mut entries: Vec<Entry> =
        bundle.events.iter().map(|e| event_entry(state, lang, e, &plan.title, &plan_url)).collect();
    entries.extend(
        bundle.milestones.iter().map(|m| milestone_entry(state, lang, m, &plan.title, &plan_url, plan.updated_at)),
    );
    newest_first(&mut entries);
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("plan", plan.title.as_str());
    args.set("municipality", state.settings.municipality.as_str());
    let title = state.catalog.message(lang, "feed-title-plan", Some(&args));
    let xml = render(
        &format!("urn:uuid:{}", plan.id),
        &title,
        &format!("{plan_url}/feed.atom"),
        &plan_url,
        &state.settings.municipality,
        lang,
        &entries,
    );
    Ok(Rendered { content_type: ATOM, body: xml, expires: None })
}

/// GET /feed.atom: all plans.
pub async fn all_plans(state: web::Data<AppState>, page: Page, req: HttpRequest) -> Result<HttpResponse, AppError> {
    cache::serve(&state, &req, page.lang, || render_all_plans(&state, page.lang)).await
}

async fn render_all_plans(state: &AppState, lang: Lang) -> Result<Rendered, AppError> {
    let (events, milestones) =
        state.db(|conn| Ok((db::plans::recent_events(conn, MAX_ENTRIES)?, db::plans::all_milestones(conn)?))).await?;
    let base = &state.settings.public_url;
    let mut entries: Vec<Entry> = events
        .iter()
        .map(|e| event_entry(state, lang, &e.event, &e.title, &format!("{base}/planer/{}", e.slug)))
        .collect();
    // Only milestones that are done: an undone one has no moment of its own.
    entries.extend(milestones.iter().filter(|(m, _, _)| m.done_on.is_some()).map(|(m, slug, title)| {
        milestone_entry(state, lang, m, title, &format!("{base}/planer/{slug}"), NaiveDateTime::default())
    }));
    newest_first(&mut entries);
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("municipality", state.settings.municipality.as_str());
    let title = state.catalog.message(lang, "feed-title-all", Some(&args));
    let xml = render(
        &format!("{base}/feed.atom"),
        &title,
        &format!("{base}/feed.atom"),
        &format!("{base}/"),
        &state.settings.municipality,
        lang,
        &entries,
    );
    Ok(Rendered { content_type: ATOM, body: xml, expires: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml() {
        assert_eq!(escape("a & b <c> \"d\" 'e'\u{1}"), "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;");
    }
}
