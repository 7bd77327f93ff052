//! Creating a meeting, moving it in time or place, and its steps: the
//! notice, held, cancelled (the minutes are approved with their file, in
//! `papers`).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::view::{self, Shown};
use super::{form_version, meeting_path, messages, path_id, FormState, CONFLICT, UNPROCESSABLE};
use crate::db::meetings::{self, writes, Meeting};
use crate::db::{self, audit};
use crate::domain::meeting::MeetingStep;
use crate::domain::meeting_forms::{MeetingDraft, MeetingInput};
use crate::domain::oslo;
use crate::web::access::actor_id;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::{see_other, Page};
use crate::web::AppState;

/// How the audit log names a meeting: its body and time in Oslo.
pub(super) fn title_of(body_key: &str, starts_at: chrono::NaiveDateTime) -> String {
    format!("{body_key} {}", oslo::local(starts_at).format("%d.%m.%Y %H:%M"))
}

async fn render_new(
    state: &AppState,
    page: &Page,
    form: FormState,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let bodies = state.db(|conn| Ok(meetings::all_bodies(conn)?)).await?;
    let bodies: Vec<_> = bodies.iter().map(|b| serde_json::json!({"key": b.key, "name": b.name})).collect();
    let mut context = tera::Context::new();
    context.insert("bodies", &bodies);
    context.insert("form", &form);
    page.render_status(state, "staff/secretary/meeting_new.html", context, status)
}

/// GET /sekretariat/moter/ny
pub async fn new_meeting(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
    render_new(&state, &page, FormState::default(), StatusCode::OK).await
}

fn draft(fields: &Fields) -> MeetingDraft<'_> {
    MeetingDraft {
        body: fields.get("body"),
        date: fields.get("date"),
        time: fields.get("time"),
        place: fields.get("place"),
        remote: !fields.get("remote").is_empty(),
    }
}

/// POST /sekretariat/moter
pub async fn create_meeting(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let bodies = state.db(|conn| Ok(meetings::all_bodies(conn)?)).await?;
    let keys: Vec<&str> = bodies.iter().map(|b| b.key.as_str()).collect();
    let input = match draft(&fields).parse(&keys) {
        Ok(input) => input,
        Err(found) => {
            let errors = messages(&state.catalog, &page, found);
            return render_new(&state, &page, FormState::typed(&fields, errors), UNPROCESSABLE).await;
        }
    };
    let actor = actor_id(&req);
    let id = state
        .write(move |conn| {
            let now = db::now();
            let MeetingInput { body_key, starts_at, place, remote } = input;
            let meeting = Meeting {
                id: db::new_id(),
                body_key,
                starts_at,
                place,
                remote,
                status: crate::domain::meeting::MeetingStatus::Planned.key().to_owned(),
                notice_published_at: None,
                minutes_document_id: None,
                minutes_approved_at: None,
                sequence: 0,
                version: 1,
                created_at: now,
                updated_at: now,
            };
            writes::insert_meeting(conn, &meeting)?;
            let title = title_of(&meeting.body_key, meeting.starts_at);
            let place = if meeting.remote { format!("{} (remote)", meeting.place) } else { meeting.place.clone() };
            let summary = format!("meeting created: {title}, {}", place.trim());
            audit::record(
                conn,
                actor.as_deref(),
                "meeting-created",
                audit::Target::Named("meeting", &meeting.id, &title),
                &summary,
            )?;
            Ok(meeting.id)
        })
        .await?;
    crate::web::flash::set(&state, &req, "secretary-flash-meeting-created").await?;
    Ok(see_other(meeting_path(&id)))
}

/// POST /sekretariat/moter/{id}: a new time or place. Decided on the
/// version shown, and only while the agenda is open (planned or convened);
/// the calendar's SEQUENCE moves with it.
pub async fn update_meeting(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    path: web::Path<String>,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let id = path_id(path)?;
    let lookup = id.clone();
    let meeting = state.db(move |conn| Ok(meetings::meeting(conn, &lookup)?)).await?.ok_or(AppError::NotFound)?;
    let status = meeting.status();
    let refused = |errors: FormErrors| {
        let shown = Shown { meeting: FormState::typed(&fields, errors), ..Shown::default() };
        view::render(&state, &page, &id, shown, UNPROCESSABLE)
    };
    if !status.agenda_is_open() {
        let mut errors = FormErrors::default();
        errors.add(&state.catalog, page.lang, "date", "secretary-error-meeting-closed", None);
        return refused(errors).await;
    }
    let body = [meeting.body_key.as_str()];
    let input = match (MeetingDraft { body: &meeting.body_key, ..draft(&fields) }).parse(&body) {
        Ok(input) => input,
        Err(found) => return refused(messages(&state.catalog, &page, found)).await,
    };
    let (version, actor, write_id) = (form_version(&fields), actor_id(&req), id.clone());
    let before = title_of(&meeting.body_key, meeting.starts_at);
    let saved = state
        .write(move |conn| {
            let now = db::now();
            let MeetingInput { starts_at, place, remote, .. } = input;
            if !writes::reschedule(conn, &write_id, version, status, starts_at, &place, remote, now)? {
                return Ok(false);
            }
            let after = title_of(&meeting.body_key, starts_at);
            let summary = format!(
                "time: «{before}» → «{after}»; place: «{}» → «{place}»; remote: «{}» → «{remote}»",
                meeting.place, meeting.remote
            );
            audit::record(
                conn,
                actor.as_deref(),
                "meeting-changed",
                audit::Target::Named("meeting", &write_id, &after),
                &summary,
            )?;
            Ok::<_, AppError>(true)
        })
        .await?;
    if !saved {
        let shown = Shown { meeting: FormState::conflict(&state.catalog, &page, &fields), ..Shown::default() };
        return view::render(&state, &page, &id, shown, CONFLICT).await;
    }
    crate::web::flash::set(&state, &req, "secretary-flash-meeting-changed").await?;
    Ok(see_other(meeting_path(&id)))
}

/// The success message of each step.
pub(super) fn flash_of(step: MeetingStep) -> &'static str {
    match step {
        MeetingStep::PublishNotice => "secretary-flash-notice-published",
        MeetingStep::MarkHeld => "secretary-flash-held",
        MeetingStep::ApproveMinutes => "secretary-flash-minutes-approved",
        MeetingStep::Cancel => "secretary-flash-cancelled",
    }
}

/// What a step did to a meeting, or why not.
pub(super) enum Stepped {
    Done,
    /// The step does not apply to the meeting's status now.
    Refused,
    /// The meeting changed after the form was made.
    Stale,
}

/// Takes `step` on the meeting as it was at `version`, in the caller's
/// transaction, and audits it.
pub(super) fn take_step(
    conn: &mut db::DbConnection,
    id: &str,
    version: i32,
    step: MeetingStep,
    actor: Option<&str>,
) -> Result<Stepped, AppError> {
    let meeting = writes::lock_meeting(conn, id)?.ok_or(AppError::NotFound)?;
    if meeting.version != version {
        return Ok(Stepped::Stale);
    }
    let from = meeting.status();
    let Ok(to) = from.step(step) else { return Ok(Stepped::Refused) };
    if !writes::set_status(conn, id, version, from, to, db::now())? {
        return Ok(Stepped::Stale);
    }
    let title = title_of(&meeting.body_key, meeting.starts_at);
    let summary = format!("meeting {}: {} → {}", step.key(), from.key(), to.key());
    audit::record(conn, actor, "meeting-step", audit::Target::Named("meeting", id, &title), &summary)?;
    Ok(Stepped::Done)
}

/// POST /sekretariat/moter/{id}/steg: publish the notice, mark held, or
/// cancel. Approving the minutes takes their file (`approve_minutes`).
pub async fn step_meeting(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    path: web::Path<String>,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let id = path_id(path)?;
    let step = fields.get("step").parse::<MeetingStep>().ok().filter(|s| *s != MeetingStep::ApproveMinutes);
    let Some(step) = step else {
        let mut errors = FormErrors::default();
        errors.add(&state.catalog, page.lang, "step", "secretary-error-step-unknown", None);
        let shown = Shown { step: FormState::typed(&fields, errors), ..Shown::default() };
        return view::render(&state, &page, &id, shown, UNPROCESSABLE).await;
    };
    let (version, actor, write_id) = (form_version(&fields), actor_id(&req), id.clone());
    let outcome = state.write(move |conn| take_step(conn, &write_id, version, step, actor.as_deref())).await?;
    match outcome {
        Stepped::Done => {
            crate::web::flash::set(&state, &req, flash_of(step)).await?;
            Ok(see_other(meeting_path(&id)))
        }
        Stepped::Refused => {
            let mut errors = FormErrors::default();
            errors.add(&state.catalog, page.lang, "step", "secretary-error-step-refused", None);
            let shown = Shown { step: FormState::typed(&fields, errors), ..Shown::default() };
            view::render(&state, &page, &id, shown, UNPROCESSABLE).await
        }
        Stepped::Stale => {
            let shown = Shown { step: FormState::conflict(&state.catalog, &page, &fields), ..Shown::default() };
            view::render(&state, &page, &id, shown, CONFLICT).await
        }
    }
}
