//! A submission's page for its handler: everything submitted (the
//! submitter's name, address and organisation are shown to staff only),
//! the answers with their questions, the attachments, the route history,
//! and the three forms — assessment, moderation, re-routing — each shown
//! again with its errors (422) or, after a conflict, with what is saved now
//! and what was typed (409).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::HandledSubmission;
use crate::db::handling::{self, Handled};
use crate::db::{inbox, sections};
use crate::domain::assessment::{Assessment, ModerationState, WithheldReason};
use crate::domain::submission_reference::SubmissionReference;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::Page;
use crate::web::AppState;

/// One of the page's forms as shown again.
#[derive(Default, Serialize)]
pub struct FormState {
    pub values: BTreeMap<String, String>,
    pub errors: FormErrors,
    /// Someone else changed the submission first: nothing was saved.
    pub conflict: bool,
    /// After a conflict: what was typed, as (field label, value), to copy.
    pub unsaved: Vec<(String, String)>,
}

impl FormState {
    pub fn refused(fields: &Fields, errors: FormErrors) -> Self {
        Self { values: fields.values(), errors, ..Self::default() }
    }

    /// After a conflict: the form shows what is saved now; what was typed
    /// in `names` (field, label key) is listed to copy from.
    pub fn conflict(state: &AppState, page: &Page, fields: &Fields, names: &[(&str, &str)]) -> Self {
        let unsaved = names
            .iter()
            .map(|(name, label)| (state.catalog.message(page.lang, label, None), fields.get(name).to_owned()))
            .filter(|(_, typed)| !typed.trim().is_empty())
            .collect();
        Self { conflict: true, unsaved, ..Self::default() }
    }
}

#[derive(Default, Serialize)]
pub struct Forms {
    pub assess: FormState,
    pub moderate: FormState,
    pub reroute: FormState,
}

#[derive(Serialize)]
struct Choice {
    key: &'static str,
    label: String,
}

pub fn reference(row: &crate::db::inbox::InboxRow) -> String {
    SubmissionReference { year: row.reference_year, number: u32::try_from(row.reference_number).unwrap_or_default() }
        .to_string()
}

/// Renders the page for `handled` with `forms`.
pub async fn render(
    state: &AppState,
    page: &Page,
    handled: Handled,
    mut forms: Forms,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let id = handled.row.id.clone();
    let rows = vec![handled.row.clone()];
    let hearing_id = handled.row.hearing_id.clone();
    let (themes, answers, attachments, routes, all_sections, plan) = state
        .db(move |conn| {
            Ok((
                inbox::themes_of(conn, &rows)?,
                inbox::answers_of(conn, &rows)?,
                handling::attachments(conn, &id)?,
                handling::routes(conn, &id)?,
                sections::list(conn)?,
                inbox::hearing_plan(conn, &hearing_id)?,
            ))
        })
        .await?;
    let lang = page.lang;
    let t = |key: &str| state.catalog.message(lang, key, None);
    let row = &handled.row;
    let (plan_slug, plan_title) = plan.unwrap_or_default();
    // The forms start from what is saved, unless shown again as typed.
    let saved = |values: &mut BTreeMap<String, String>, name: &str, value: Option<&str>| {
        values.entry(name.to_owned()).or_insert_with(|| value.unwrap_or_default().to_owned());
    };
    saved(&mut forms.assess.values, "assessment", row.assessment.as_deref());
    saved(&mut forms.assess.values, "answer", row.municipality_answer.as_deref());
    saved(&mut forms.moderate.values, "moderation", Some(row.moderation.as_str()));
    saved(&mut forms.moderate.values, "withheld_reason", row.withheld_reason.as_deref());
    let choices = |keys: Vec<&'static str>, prefix: &str| -> Vec<Choice> {
        keys.into_iter().map(|key| Choice { key, label: t(&format!("{prefix}{key}")) }).collect()
    };
    let assessments = choices(Assessment::ALL.iter().map(|a| a.key()).collect(), "handling-assessment-");
    let decisions = choices(
        ModerationState::ALL.iter().filter(|m| **m != ModerationState::NotDecided).map(|m| m.key()).collect(),
        "handling-moderation-",
    );
    let reasons = choices(WithheldReason::ALL.iter().map(|r| r.key()).collect(), "handling-withheld-");
    let other_sections: Vec<_> = all_sections
        .iter()
        .filter(|s| s.key != handled.section_key)
        .map(|s| serde_json::json!({ "key": s.key, "name": s.name }))
        .collect();
    let current_section = all_sections.iter().find(|s| s.key == handled.section_key).map(|s| s.name.clone());
    let route_views: Vec<_> = routes
        .iter()
        .map(|r| {
            let reason = match (r.actor.is_some(), r.reason.as_str()) {
                (false, "rule") => t("handling-route-rule"),
                (false, _) => t("handling-route-responsible"),
                (true, text) => text.to_owned(),
            };
            serde_json::json!({
                "section": r.section_name,
                "reason": reason,
                "by_handler": r.actor.is_some(),
                "actor": r.actor,
                "at": state.catalog.datetime(lang, r.routed_at),
            })
        })
        .collect();
    let mut context = tera::Context::new();
    context.insert(
        "submission",
        &serde_json::json!({
            "id": row.id,
            "reference": reference(row),
            "received": state.catalog.datetime(lang, row.created_at),
            "category": t(&format!("submission-category-{}", row.category)),
            "name": row.name,
            "email": row.email,
            "organisation_name": row.organisation_name,
            "organisation_number": row.organisation_number,
            "text": row.text,
            "publish_text": handled.publish_text,
            "publish_name": handled.publish_name,
            "erased": handled.personal_data_erased_at.is_some(),
            "status": t(&format!("handling-status-{}", row.status)),
            "assessment": row.assessment.as_ref().map(|a| t(&format!("handling-assessment-{a}"))),
            "assessed_at": handled.assessed_at.map(|at| state.catalog.datetime(lang, at)),
            "moderation": t(&format!("handling-moderation-{}", row.moderation)),
            "withheld_reason": row.withheld_reason.as_ref().map(|r| t(&format!("handling-withheld-{r}"))),
            "version": handled.version,
            "section": current_section,
            "text_lines": row.text.lines().collect::<Vec<_>>(),
            "themes": themes.get(&row.id).cloned().unwrap_or_default(),
            "answers": answers.get(&row.id).map_or_else(Vec::new, |list| list.iter().map(|(question, answer)| {
                serde_json::json!({ "question": question, "lines": answer.lines().collect::<Vec<_>>() })
            }).collect()),
        }),
    );
    context.insert("plan", &serde_json::json!({ "slug": plan_slug, "title": plan_title }));
    let attachments: Vec<_> = attachments
        .iter()
        .map(|(id, name)| serde_json::json!({ "url": crate::web::public::document::url(id, name), "name": name }))
        .collect();
    context.insert("attachments", &attachments);
    context.insert("routes", &route_views);
    context.insert("assessments", &assessments);
    context.insert("decisions", &decisions);
    context.insert("reasons", &reasons);
    context.insert("sections", &other_sections);
    context.insert("forms", &forms);
    page.render_status(state, "handler/submission.html", context, status)
}

/// GET /saksbehandler/innspill/{id}
pub async fn show(state: web::Data<AppState>, handled: HandledSubmission) -> Result<HttpResponse, AppError> {
    render(&state, &handled.page, handled.submission, Forms::default(), StatusCode::OK).await
}
