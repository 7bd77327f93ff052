//! Atom feeds (RFC 4287) of stage changes, milestones and new public
//! documents: one per plan and one for all plans. Dates in ISO 8601 (RFC 3339), UTC.

use actix_web::{web, HttpRequest, HttpResponse};
use atom_syndication::{FixedDateTime, Link, Person, Text, WriteConfig};
use chrono::{NaiveDateTime, SubsecRound};

use crate::db::documents::{recent_public, PublicOfPlan};
use crate::db::{self, plans::PlanEvent};
use crate::domain::oslo;
use crate::domain::planned::PlannedTime;
use crate::domain::text;
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

/// What a feed says about itself.
struct Head<'a> {
    id: &'a str,
    title: &'a str,
    self_url: &'a str,
    alternate: &'a str,
    author: &'a str,
    lang: Lang,
}

/// Seconds in UTC: RFC 3339, as `2026-03-01T11:00:00+00:00`.
fn timestamp(time: NaiveDateTime) -> FixedDateTime {
    time.trunc_subsecs(0).and_utc().fixed_offset()
}

/// A one-line text for the feed. Text stored before the input rules (or
/// written straight to the database) goes through the same rule here, so
/// that nothing XML forbids, and no bidi or zero-width character, reaches
/// a feed reader; escaping is the writer's.
fn line(value: &str) -> String {
    text::single_line(value)
}

fn link(rel: &str, mime_type: &str, href: &str) -> Link {
    Link { href: line(href), rel: rel.to_owned(), mime_type: Some(mime_type.to_owned()), ..Link::default() }
}

fn render(head: &Head<'_>, entries: &[Entry]) -> Result<String, AppError> {
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or_default();
    let feed = atom_syndication::Feed {
        id: line(head.id),
        title: Text::plain(line(head.title)),
        updated: timestamp(updated),
        authors: vec![Person { name: line(head.author), ..Person::default() }],
        links: vec![
            link("self", "application/atom+xml", head.self_url),
            link("alternate", "text/html", head.alternate),
        ],
        lang: Some(head.lang.code().to_owned()),
        entries: entries
            .iter()
            .map(|entry| atom_syndication::Entry {
                id: line(&entry.id),
                title: Text::plain(line(&entry.title)),
                updated: timestamp(entry.updated),
                links: vec![link("alternate", "text/html", &entry.link)],
                summary: Some(Text::plain(text::multi_line(&entry.summary))),
                ..atom_syndication::Entry::default()
            })
            .collect(),
        ..atom_syndication::Feed::default()
    };
    let config = WriteConfig { write_document_declaration: true, indent_size: Some(1) };
    let xml = feed.write_with_config(Vec::new(), config).map_err(|e| AppError::Internal(e.into()))?;
    String::from_utf8(xml).map_err(|e| AppError::Internal(e.into()))
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

/// A public document listed on a plan: its title, kind and format, linked
/// to the file itself.
fn document_entry(state: &AppState, lang: Lang, listed: &PublicOfPlan) -> Entry {
    let catalog = &state.catalog;
    let document = &listed.document;
    let base = &state.settings.public_url;
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("title", document.row.title.as_str());
    args.set("kind", catalog.message(lang, &format!("document-kind-{}", listed.kind), None));
    let format =
        format!("{}, {}", document.file_type.label(), super::plan_documents::size_text(document.row.size_bytes, lang));
    let summary = match document.row.dated_on {
        Some(date) => format!("{format}, {}", catalog.date(lang, date)),
        None => format,
    };
    Entry {
        id: format!("urn:uuid:{}", document.row.id),
        title: format!("{}: {}", listed.plan_title, catalog.message(lang, "feed-document", Some(&args))),
        summary,
        link: format!("{base}{}", super::document::url(&document.row.id, &document.row.file_name)),
        updated: document.row.created_at,
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
    let plan_id = bundle.plan.id.clone();
    let documents = state.db(move |conn| Ok(recent_public(conn, Some(&plan_id), MAX_ENTRIES)?)).await?;
    let base = &state.settings.public_url;
    let plan_url = format!("{base}/planer/{}", bundle.plan.slug);
    let plan = &bundle.plan;
    let mut entries: Vec<Entry> =
        bundle.events.iter().map(|e| event_entry(state, lang, e, &plan.title, &plan_url)).collect();
    entries.extend(
        bundle.milestones.iter().map(|m| milestone_entry(state, lang, m, &plan.title, &plan_url, plan.updated_at)),
    );
    entries.extend(documents.iter().map(|d| document_entry(state, lang, d)));
    newest_first(&mut entries);
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("plan", plan.title.as_str());
    args.set("municipality", state.settings.municipality.as_str());
    let title = state.catalog.message(lang, "feed-title-plan", Some(&args));
    let head = Head {
        id: &format!("urn:uuid:{}", plan.id),
        title: &title,
        self_url: &format!("{plan_url}/feed.atom"),
        alternate: &plan_url,
        author: &state.settings.municipality,
        lang,
    };
    let xml = render(&head, &entries)?;
    Ok(Rendered { content_type: ATOM, body: xml, expires: None })
}

/// GET /feed.atom: all plans.
pub async fn all_plans(state: web::Data<AppState>, page: Page, req: HttpRequest) -> Result<HttpResponse, AppError> {
    cache::serve(&state, &req, page.lang, || render_all_plans(&state, page.lang)).await
}

async fn render_all_plans(state: &AppState, lang: Lang) -> Result<Rendered, AppError> {
    let (events, milestones, documents) = state
        .db(|conn| {
            Ok((
                db::plans::recent_events(conn, MAX_ENTRIES)?,
                db::plans::all_milestones(conn)?,
                recent_public(conn, None, MAX_ENTRIES)?,
            ))
        })
        .await?;
    let base = &state.settings.public_url;
    let mut entries: Vec<Entry> = events
        .iter()
        .map(|e| event_entry(state, lang, &e.event, &e.title, &format!("{base}/planer/{}", e.slug)))
        .collect();
    // Only milestones that are done: an undone one has no moment of its own.
    entries.extend(milestones.iter().filter(|(m, _, _)| m.done_on.is_some()).map(|(m, slug, title)| {
        milestone_entry(state, lang, m, title, &format!("{base}/planer/{slug}"), NaiveDateTime::default())
    }));
    entries.extend(documents.iter().map(|d| document_entry(state, lang, d)));
    newest_first(&mut entries);
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("municipality", state.settings.municipality.as_str());
    let title = state.catalog.message(lang, "feed-title-all", Some(&args));
    let head = Head {
        id: &format!("{base}/feed.atom"),
        title: &title,
        self_url: &format!("{base}/feed.atom"),
        alternate: &format!("{base}/"),
        author: &state.settings.municipality,
        lang,
    };
    let xml = render(&head, &entries)?;
    Ok(Rendered { content_type: ATOM, body: xml, expires: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 1).and_then(|d| d.and_hms_milli_opt(hour, 0, 0, 250)).expect("time")
    }

    fn hostile(text: &str) -> String {
        format!("\u{202E}{text}\u{200B}\u{2066}\u{FFFF}\u{0}\u{1} <&\"'>")
    }

    /// The texts of every element and attribute value, as a reader sees them.
    fn read(xml: &str) -> Vec<String> {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut texts = Vec::new();
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Text(t) => texts.push(t.unescape().expect("escaped").into_owned()),
                Event::Start(e) | Event::Empty(e) => {
                    for attribute in e.attributes() {
                        texts.push(attribute.expect("attribute").unescape_value().expect("escaped").into_owned());
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        texts
    }

    #[test]
    fn hostile_text_makes_a_well_formed_feed_without_it() {
        let entries = [
            Entry {
                id: "urn:uuid:1".into(),
                title: hostile("Milepæl"),
                summary: hostile("Første linje\nandre"),
                link: "https://kommune.example/planer/a".into(),
                updated: at(11),
            },
            Entry {
                id: "urn:uuid:2".into(),
                title: "Eldre".into(),
                summary: String::new(),
                link: "https://kommune.example/planer/a".into(),
                updated: at(9),
            },
        ];
        let title = hostile("Plan");
        let head = Head {
            id: "urn:uuid:0",
            title: &title,
            self_url: "https://kommune.example/planer/a/feed.atom",
            alternate: "https://kommune.example/planer/a",
            author: "Asker\u{202E} kommune",
            lang: Lang::Nb,
        };
        let xml = render(&head, &entries).expect("renders");
        let texts = read(&xml);
        assert!(texts.contains(&"Milepæl <&\"'>".to_owned()), "{texts:?}");
        assert!(texts.contains(&"Plan <&\"'>".to_owned()), "{texts:?}");
        assert!(
            texts.contains(&"\u{202E}Første linje\nandre\u{200B}\u{2066} <&\"'>".to_owned()),
            "summaries keep lines"
        );
        assert!(texts.contains(&"Asker kommune".to_owned()));
        for forbidden in ['\u{FFFF}', '\u{0}', '\u{1}'] {
            assert!(!xml.contains(forbidden), "{forbidden:?}");
        }
        assert!(xml.contains("<updated>2026-03-01T11:00:00+00:00</updated>"), "the newest entry, in seconds: {xml}");
        assert!(xml.contains("xml:lang=\"nb\""));
        assert!(xml.contains(
            r#"<link href="https://kommune.example/planer/a/feed.atom" rel="self" type="application/atom+xml"/>"#
        ));
    }
}
