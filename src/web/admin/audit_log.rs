//! The audit log page: who did what to which object, when, in the reader's
//! language, with objects by their title and long texts by the words that
//! changed.

use std::collections::BTreeMap;

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use fluent_bundle::FluentArgs;
use serde::Serialize;

use crate::db::{audit, plans, sections};
use crate::domain::audit_summary::{self, Change, Detail};
use crate::domain::planned::PlannedTime;
use crate::domain::stage::Stage;
use crate::domain::word_diff::{self, Piece};
use crate::domain::{oslo, text};
use crate::i18n::{Catalog, Lang};
use crate::web::error::AppError;
use crate::web::form::FormErrors;
use crate::web::page::Page;
use crate::web::request::encode_query_value;
use crate::web::role_names::code_name;
use crate::web::AppState;

/// Every action the log holds, in the order the filter lists them.
const ACTIONS: [&str; 25] = [
    "login",
    "login-failed",
    "logout",
    "password-set",
    "password-reset-link",
    "user-created",
    "roles-changed",
    "user-disabled",
    "user-enabled",
    "plan-created",
    "plan-changed",
    "stage-changed",
    "submission-assessed",
    "submission-moderated",
    "submission-rerouted",
    "summary-published",
    "routing-changed",
    "personal-data-erased",
    "personal-data-expired",
    "meeting-created",
    "meeting-changed",
    "meeting-step",
    "agenda-item-added",
    "paper-added",
    "decision-recorded",
];

const LOG_PAGE: i64 = 50;

/// Words of unchanged text kept on each side of a change.
const CONTEXT_WORDS: usize = 6;

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct LogQuery {
    bruker: String,
    handling: String,
    plan: String,
    fra: String,
    til: String,
    side: String,
}

#[derive(Serialize)]
struct Row {
    at: String,
    at_iso: String,
    actor: Option<Actor>,
    action: String,
    target: String,
    detail: String,
    changes: Vec<ChangeRow>,
}

/// An e-mail address split at the @, so the page can offer a line break
/// there and nowhere inside a word.
#[derive(Serialize)]
struct Actor {
    name: String,
    local: String,
    domain: String,
}

#[derive(Serialize)]
struct ChangeRow {
    field: String,
    pieces: Vec<Piece>,
    /// Set when the stored texts read the same: older entries kept only
    /// the first 40 characters of each side.
    note: Option<String>,
}

struct Words<'a> {
    catalog: &'a Catalog,
    lang: Lang,
    sections: &'a [sections::Section],
}

impl Words<'_> {
    fn t(&self, key: &str) -> String {
        self.catalog.message(self.lang, key, None)
    }

    fn with(&self, key: &str, args: &[(&str, String)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, value.clone());
        }
        self.catalog.message(self.lang, key, Some(&fluent))
    }

    fn roles(&self, codes: &[String]) -> String {
        let names: Vec<String> = codes.iter().map(|c| code_name(self.catalog, self.lang, c, self.sections)).collect();
        if names.is_empty() {
            self.t("audit-no-roles")
        } else {
            names.join(", ")
        }
    }

    fn stage(&self, key: &str) -> String {
        match key.parse::<Stage>() {
            Ok(stage) => self.t(&format!("stage-{}", stage.key())),
            Err(_) => key.to_owned(),
        }
    }

    fn planned(&self, iso: &str) -> String {
        iso.parse::<PlannedTime>().map_or_else(|_| iso.to_owned(), |p| self.catalog.planned(self.lang, p))
    }

    /// A field's value as the reader knows it: stage names, dates, section
    /// names.
    fn value(&self, field: &str, value: &str) -> String {
        match field {
            "stage" => self.stage(value),
            "done" => self.t(if value == "true" { "audit-done-true" } else { "audit-done-false" }),
            "done on" => NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map_or_else(|_| value.to_owned(), |d| self.catalog.date(self.lang, d)),
            "planned" => self.planned(value),
            "section" => self.sections.iter().find(|s| s.key == value).map_or(value.to_owned(), |s| s.name.clone()),
            // A submission's work (web::handler): keys from the value sets.
            "assessment" | "status" | "moderation" if !value.is_empty() => {
                let (key, reason) = value.split_once(" (").unwrap_or((value, ""));
                let name = self.t(&format!("handling-{field}-{key}"));
                match reason.strip_suffix(')') {
                    Some(reason) => format!("{name} ({})", self.t(&format!("handling-withheld-{reason}"))),
                    None => name,
                }
            }
            _ => value.to_owned(),
        }
    }

    fn changes(&self, changes: &[Change]) -> Vec<ChangeRow> {
        changes
            .iter()
            .map(|c| {
                let pieces =
                    word_diff::diff(&self.value(&c.field, &c.before), &self.value(&c.field, &c.after), CONTEXT_WORDS);
                let same = pieces.iter().all(|p| p.kind == word_diff::Kind::Same);
                ChangeRow {
                    field: self.t(&format!("audit-field-{}", c.field.replace(' ', "-"))),
                    note: same.then(|| self.t("audit-changed-further-on")),
                    pieces: if same { Vec::new() } else { pieces },
                }
            })
            .collect()
    }

    /// The detail line and the changed fields of a summary.
    fn detail(&self, action: &str, summary: &str) -> (String, Vec<ChangeRow>) {
        let text = match audit_summary::parse(action, summary) {
            Detail::Nothing => String::new(),
            Detail::LoginLocked => self.t("audit-login-locked"),
            Detail::ThemeAdded(title) => self.with("audit-theme-added", &[("title", title)]),
            Detail::DocumentAdded { title } => self.with("audit-document-added", &[("title", title)]),
            Detail::DocumentReplaced { old, new } => {
                self.with("audit-document-replaced", &[("old", old), ("new", new)])
            }
            Detail::ContactAdded { role, name_published } => {
                let key = if name_published { "audit-contact-added-named" } else { "audit-contact-added" };
                self.with(key, &[("role", role)])
            }
            Detail::PartDeleted { part } => self.t(&format!("audit-deleted-{part}")),
            Detail::MilestoneAdded { title, planned } => {
                self.with("audit-milestone-added", &[("title", title), ("planned", self.planned(&planned))])
            }
            Detail::MilestoneChanged { title, changes } => {
                return (self.with("audit-milestone-changed", &[("title", title)]), self.changes(&changes))
            }
            Detail::MilestoneMoved { up } => {
                self.t(if up { "audit-milestone-moved-up" } else { "audit-milestone-moved-down" })
            }
            Detail::MilestoneDeleted { title } => self.with("audit-milestone-deleted", &[("title", title)]),
            Detail::ThemeDeleted { title } => self.with("audit-theme-deleted", &[("title", title)]),
            Detail::ContactDeleted { role } => self.with("audit-contact-deleted", &[("role", role)]),
            Detail::StageChanged { from, to, decision } => {
                let moved = self.with("audit-stage-changed", &[("from", self.stage(&from)), ("to", self.stage(&to))]);
                match decision {
                    Some(decision) => {
                        format!("{moved} {}", self.with("audit-stage-decision", &[("decision", decision)]))
                    }
                    None => moved,
                }
            }
            Detail::HearingSet { opens, closes } => self.with(
                "audit-hearing-set",
                &[
                    ("opens", self.catalog.datetime(self.lang, opens)),
                    ("closes", self.catalog.datetime(self.lang, closes)),
                ],
            ),
            Detail::HearingExtended { from, to } => self.with(
                "audit-hearing-extended",
                &[("from", self.catalog.datetime(self.lang, from)), ("to", self.catalog.datetime(self.lang, to))],
            ),
            Detail::HearingDetails { title, questions } => {
                self.with("audit-hearing-details", &[("title", title), ("questions", questions.to_string())])
            }
            Detail::Changes(changes) => return (String::new(), self.changes(&changes)),
            Detail::UserCreated { roles } => self.with("audit-user-created", &[("roles", self.roles(&roles))]),
            Detail::RolesChanged { before, after } => {
                self.with("audit-roles-changed", &[("before", self.roles(&before)), ("after", self.roles(&after))])
            }
            Detail::Text(text) => text,
        };
        (text, Vec::new())
    }

    /// The object an entry is about, by the title it had then.
    fn target(&self, entry: &audit::AuditEntry) -> String {
        let kind = match entry.target_kind.as_str() {
            "" => entry.target.split_once(':').map_or(entry.target.as_str(), |(kind, _)| kind),
            kind => kind,
        };
        match kind {
            _ if !entry.target_title.is_empty() => entry.target_title.clone(),
            "plan" => {
                // An old entry named by a slug that no plan has any longer.
                let slug = entry.target.strip_prefix("plan:").unwrap_or_default();
                match audit_summary::without_ids(slug) {
                    slug if slug.is_empty() => self.t("audit-target-deleted-plan"),
                    slug => slug,
                }
            }
            "user" => self.t("audit-target-deleted-user"),
            "unknown-account" | "unknown account" => self.t("audit-target-unknown-account"),
            _ => String::new(),
        }
    }
}

/// GET /admin/logg?bruker=&handling=&plan=&fra=&til=&side=
pub async fn audit_log(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<LogQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let mut errors = FormErrors::default();
    let mut day = |field: &str, text: &str, add_day: bool| -> Option<chrono::NaiveDateTime> {
        if text.trim().is_empty() {
            return None;
        }
        match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(date) => {
                let date = if add_day { date.succ_opt().unwrap_or(date) } else { date };
                date.and_hms_opt(0, 0, 0).and_then(oslo::to_utc)
            }
            Err(_) => {
                errors.add(&state.catalog, page.lang, field, "milestone-error-bad-date", None);
                None
            }
        }
    };
    let from = day("fra", &query.fra, false);
    let until = day("til", &query.til, true);
    let clean = |value: &str| Some(text::single_line(value.trim())).filter(|s| !s.is_empty());
    let plan_slug = clean(&query.plan);
    let page_number: i64 = query.side.parse().unwrap_or(1).clamp(1, 100_000);
    let mut filter =
        audit::Filter { actor_email: clean(&query.bruker), action: clean(&query.handling), plan: None, from, until };
    let (entries, plan_choices, sections) = state
        .db(move |conn| {
            if let Some(slug) = &plan_slug {
                // An unknown plan matches nothing rather than everything.
                let plan = plans::find_by_slug(conn, slug)?;
                filter.plan = Some(plan.map_or_else(|| (String::new(), String::new()), |p| (p.id, p.slug)));
            }
            let entries = audit::search(conn, &filter, (page_number - 1) * LOG_PAGE, LOG_PAGE + 1)?;
            Ok((entries, plans::list(conn)?, sections::list(conn)?))
        })
        .await?;
    let more = entries.len() as i64 > LOG_PAGE;
    let words = Words { catalog: &state.catalog, lang: page.lang, sections: &sections };
    let rows: Vec<Row> = entries
        .into_iter()
        .take(LOG_PAGE as usize)
        .map(|(e, actor)| {
            let (detail, changes) = words.detail(&e.action, &e.summary);
            Row {
                at: state.catalog.datetime(page.lang, e.at),
                at_iso: e.at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                actor: actor.map(|(email, name)| {
                    let (local, domain) = email.split_once('@').unwrap_or((email.as_str(), ""));
                    Actor { name, local: local.to_owned(), domain: domain.to_owned() }
                }),
                action: words.t(&format!("audit-action-{}", e.action)),
                target: words.target(&e),
                detail,
                changes,
            }
        })
        .collect();
    let actions: Vec<_> =
        ACTIONS.iter().map(|a| serde_json::json!({"key": a, "name": words.t(&format!("audit-action-{a}"))})).collect();
    let plan_choices: Vec<_> =
        plan_choices.iter().map(|p| serde_json::json!({"key": p.slug, "name": p.title})).collect();
    let mut values = BTreeMap::new();
    values.insert("bruker", query.bruker.clone());
    values.insert("handling", query.handling.clone());
    values.insert("plan", query.plan.clone());
    values.insert("fra", query.fra.clone());
    values.insert("til", query.til.clone());
    let base = format!(
        "/admin/logg?bruker={}&handling={}&plan={}&fra={}&til={}",
        encode_query_value(&query.bruker),
        encode_query_value(&query.handling),
        encode_query_value(&query.plan),
        encode_query_value(&query.fra),
        encode_query_value(&query.til)
    );
    let mut context = tera::Context::new();
    context.insert("entries", &rows);
    context.insert("actions", &actions);
    context.insert("plans", &plan_choices);
    context.insert("form", &serde_json::json!({ "values": values, "errors": errors }));
    context.insert("previous", &(page_number > 1).then(|| format!("{base}&side={}", page_number - 1)));
    context.insert("next", &more.then(|| format!("{base}&side={}", page_number + 1)));
    context.insert("page_number", &page_number);
    page.render(&state, "admin/log.html", context)
}
