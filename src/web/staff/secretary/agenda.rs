//! The agenda: items added with their numbers, and decisions recorded on
//! them — a decision on an item that concerns a plan moves the plan in the
//! same transaction (`db::meetings::decide`).

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Datelike;

use super::view::{self, Shown};
use super::{form_version, meeting_path, messages, path_id, FormState, CONFLICT, UNPROCESSABLE};
use crate::db::meetings::decide::{self, DecideError};
use crate::db::meetings::{self, writes, AgendaItem};
use crate::db::{self, audit};
use crate::domain::meeting_forms::{parse_decision, ItemDraft, ItemInput, PlanChoice};
use crate::domain::oslo;
use crate::web::access::actor_id;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::{see_other, Page};
use crate::web::AppState;

fn draft(fields: &Fields) -> ItemDraft<'_> {
    ItemDraft {
        item_type: fields.get("item_type"),
        title: fields.get("title"),
        archive_case: fields.get("archive_case"),
        recommendation: fields.get("recommendation"),
        exempt: !fields.get("exempt").is_empty(),
        legal_ground: fields.get("legal_ground"),
        public_title: fields.get("public_title"),
        plan: fields.get("plan"),
        plan_to_stage: fields.get("plan_to_stage"),
    }
}

/// How the audit log names an item: its number and the title the public
/// may see (never an exempt item's real title).
fn audit_title(item: &AgendaItem) -> String {
    format!("{} {}", item.number(), item.public_title())
}

/// POST /sekretariat/moter/{id}/saker: adds an item, numbered next in its
/// body, type and year. The body's row is locked while the number is taken
/// (see `writes::lock_body`), so two items added at once get two numbers;
/// should the unique index still refuse one, the answer is a 409 and
/// nothing is saved.
pub async fn add_item(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    path: web::Path<String>,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let id = path_id(path)?;
    let lookup = id.clone();
    let (meeting, plans) =
        state.db(move |conn| Ok((meetings::meeting(conn, &lookup)?, decide::plan_choices(conn)?))).await?;
    let meeting = meeting.ok_or(AppError::NotFound)?;
    let refused = |errors: FormErrors| {
        let shown = Shown { item: FormState::typed(&fields, errors), ..Shown::default() };
        view::render(&state, &page, &id, shown, UNPROCESSABLE)
    };
    if !meeting.status().agenda_is_open() {
        let mut errors = FormErrors::default();
        errors.add(&state.catalog, page.lang, "item_type", "secretary-error-agenda-closed", None);
        return refused(errors).await;
    }
    let choices: Vec<PlanChoice> =
        plans.into_iter().filter_map(|(id, _, stage)| Some(PlanChoice { id, stage: stage.parse().ok()? })).collect();
    let input = match draft(&fields).parse(&choices) {
        Ok(input) => input,
        Err(found) => return refused(messages(&state.catalog, &page, found)).await,
    };
    let (actor, meeting_id) = (actor_id(&req), id.clone());
    let added = state
        .write(move |conn| {
            let meeting = writes::lock_meeting(conn, &meeting_id)?.ok_or(AppError::NotFound)?;
            if !meeting.status().agenda_is_open() {
                return Ok(false);
            }
            writes::lock_body(conn, &meeting.body_key)?.ok_or(AppError::NotFound)?;
            let ItemInput { item_type, title, archive_case, recommendation, exemption, plan } = input;
            let year = oslo::local(meeting.starts_at).year();
            let now = db::now();
            let (legal_ground, public_title) = exemption.map(|e| (e.legal_ground, e.public_title)).unzip();
            let (plan_id, plan_to_stage) = plan.map(|(id, to)| (id, to.map(|s| s.key().to_owned()))).unzip();
            let plan_to_stage = plan_to_stage.flatten();
            let item = AgendaItem {
                id: db::new_id(),
                meeting_id: meeting.id.clone(),
                body_key: meeting.body_key.clone(),
                item_type: item_type.code().to_owned(),
                year,
                number: writes::next_number(conn, &meeting.body_key, item_type.code(), year)?,
                archive_case,
                title,
                legal_ground,
                public_title,
                recommendation,
                plan_id,
                plan_to_stage,
                decision: None,
                vote: None,
                decided_at: None,
                position: writes::next_position(conn, &meeting.id)?,
                version: 1,
                updated_at: now,
            };
            writes::insert_item(conn, &item)?;
            let title = audit_title(&item);
            let summary = format!(
                "agenda item added: {title} ({})",
                super::meeting::title_of(&meeting.body_key, meeting.starts_at)
            );
            audit::record(
                conn,
                actor.as_deref(),
                "agenda-item-added",
                audit::Target::Named("agenda-item", &item.id, &title),
                &summary,
            )?;
            Ok::<_, AppError>(true)
        })
        .await?;
    if !added {
        let shown = Shown { item: FormState::conflict(&state.catalog, &page, &fields), ..Shown::default() };
        return view::render(&state, &page, &id, shown, CONFLICT).await;
    }
    crate::web::flash::set(&state, &req, "secretary-flash-item-added").await?;
    Ok(see_other(format!("{}#agenda", meeting_path(&id))))
}

/// POST /sekretariat/saker/{id}/vedtak: records the decision on a held
/// meeting's item. If the item concerns a plan, the plan moves in the same
/// transaction; if it cannot, nothing is saved and the form says why.
pub async fn record_decision(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    path: web::Path<String>,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let item_id = path_id(path)?;
    let lookup = item_id.clone();
    let item = state.db(move |conn| Ok(meetings::item(conn, &lookup)?)).await?.ok_or(AppError::NotFound)?;
    let meeting_id = item.meeting_id.clone();
    let shown = |form: FormState| Shown { decision: Some((item_id.clone(), form)), ..Shown::default() };
    let refused = |key: &str, status| {
        let mut errors = FormErrors::default();
        errors.add(&state.catalog, page.lang, "decision", key, None);
        view::render(&state, &page, &meeting_id, shown(FormState::typed(&fields, errors)), status)
    };
    let input = match parse_decision(fields.get("decision"), fields.get("vote")) {
        Ok(input) => input,
        Err(found) => {
            let form = FormState::typed(&fields, messages(&state.catalog, &page, found));
            return view::render(&state, &page, &meeting_id, shown(form), UNPROCESSABLE).await;
        }
    };
    let (version, actor, write_id) = (form_version(&fields), actor_id(&req), item_id.clone());
    let outcome = state
        .write(move |conn| {
            let decided = match decide::record(conn, &write_id, version, &input, actor.as_deref(), db::now()) {
                Ok(decided) => decided,
                Err(DecideError::NotFound) => return Err(AppError::NotFound),
                Err(DecideError::Database(e)) => return Err(e.into()),
                Err(e @ DecideError::Corrupt(_)) => return Err(AppError::Internal(e.into())),
                Err(refused) => return Ok(Err(refused)),
            };
            let title = audit_title(&decided.item);
            let moved = decided.moved.as_ref().map(|(plan, t)| {
                (plan.id.clone(), format!("stage {} → {} ({})", t.from, t.to, t.decision.as_deref().unwrap_or("")))
            });
            let summary = match &moved {
                Some((_, stage)) => format!("decision recorded: {title}; {stage}"),
                None => format!("decision recorded: {title}"),
            };
            let target = audit::Target::Named("agenda-item", &decided.item.id, &title);
            audit::record(conn, actor.as_deref(), "decision-recorded", target, &summary)?;
            if let Some((plan_id, stage)) = moved {
                audit::record(conn, actor.as_deref(), "stage-changed", audit::Target::Plan(&plan_id), &stage)?;
            }
            Ok(Ok(()))
        })
        .await?;
    match outcome {
        Ok(()) => {
            crate::web::flash::set(&state, &req, "secretary-flash-decision-recorded").await?;
            Ok(see_other(format!("{}#item-{item_id}", meeting_path(&meeting_id))))
        }
        Err(DecideError::NotHeld) => refused("secretary-error-not-held", UNPROCESSABLE).await,
        Err(DecideError::NotAMove(_)) => refused("secretary-error-decision-not-a-move", UNPROCESSABLE).await,
        Err(DecideError::Refused(why)) => refused(why.message_key(), UNPROCESSABLE).await,
        Err(_) => {
            let form = FormState::conflict(&state.catalog, &page, &fields);
            view::render(&state, &page, &meeting_id, shown(form), CONFLICT).await
        }
    }
}
