//! Administration: users and their roles, and the audit log.

use std::collections::BTreeMap;

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::access::{actor_id, known_id, Access, Routes};
use super::error::AppError;
use super::form::{Fields, FormErrors};
use super::page::{see_other, Page};
use super::AppState;
use crate::db::{self, audit, sections, sessions, users};
use crate::domain::role::{Role, BODIES};
use crate::domain::{oslo, text};

type Form = web::Form<Vec<(String, String)>>;

pub fn routes(routes: &mut Routes) {
    let admin = Access::Role(Role::Admin);
    routes
        .get("/admin/brukere", admin, list)
        .get("/admin/brukere/ny", admin, new_user)
        .post("/admin/brukere", admin, create_user)
        .get("/admin/brukere/{id}", admin, edit_user)
        .post("/admin/brukere/{id}", admin, update_roles)
        .post("/admin/brukere/{id}/deaktiver", admin, disable)
        .post("/admin/brukere/{id}/aktiver", admin, enable)
        .post("/admin/brukere/{id}/passord", admin, reset_password)
        .get("/admin/logg", admin, audit_log);
}

#[derive(Serialize)]
struct UserRow {
    id: String,
    email: String,
    name: String,
    disabled: bool,
    roles: Vec<String>,
}

fn role_text(role: &users::UserRole) -> String {
    if role.scope.is_empty() {
        role.role.clone()
    } else {
        format!("{}:{}", role.role, role.scope)
    }
}

/// GET /admin/brukere
pub async fn list(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
    let all = state.db(|conn| Ok(users::list_with_roles(conn)?)).await?;
    let rows: Vec<UserRow> = all
        .into_iter()
        .map(|(u, roles)| UserRow {
            id: u.id,
            email: u.email,
            name: u.name,
            disabled: u.disabled,
            roles: roles.iter().map(role_text).collect(),
        })
        .collect();
    let mut context = tera::Context::new();
    context.insert("users", &rows);
    page.render(&state, "admin/users.html", context)
}

/// The roles ticked in a user form: `role` = admin/planner, `handler` =
/// section keys, `member` = bodies.
fn ticked_roles(fields: &Fields, section_keys: &[String]) -> Result<Vec<(String, String)>, ()> {
    let mut roles = Vec::new();
    for role in fields.all("role") {
        match role.parse::<Role>() {
            Ok(r @ (Role::Admin | Role::Planner)) => roles.push((r.key().to_owned(), String::new())),
            _ => return Err(()),
        }
    }
    for section in fields.all("handler") {
        if !section_keys.iter().any(|k| k == section) {
            return Err(());
        }
        roles.push((Role::Handler.key().to_owned(), section.to_owned()));
    }
    for body in fields.all("member") {
        if !BODIES.contains(&body) {
            return Err(());
        }
        roles.push((Role::Member.key().to_owned(), body.to_owned()));
    }
    roles.sort();
    roles.dedup();
    // No roles is no access at all: that is what disabling the user is for.
    if roles.is_empty() {
        return Err(());
    }
    Ok(roles)
}

async fn render_user_form(
    state: &AppState,
    page: &Page,
    user_id: Option<&str>,
    values: BTreeMap<String, String>,
    roles: Vec<(String, String)>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let sections = state.db(|conn| Ok(sections::list(conn)?)).await?;
    let ticked: Vec<String> =
        roles.iter().map(|(r, s)| if s.is_empty() { r.clone() } else { format!("{r}:{s}") }).collect();
    let mut context = tera::Context::new();
    context.insert("user_id", &user_id);
    context.insert("form", &serde_json::json!({ "values": values, "errors": errors }));
    context.insert("ticked", &ticked);
    context.insert(
        "sections",
        &sections.iter().map(|s| serde_json::json!({"key": s.key, "name": s.name})).collect::<Vec<_>>(),
    );
    context.insert("bodies", &BODIES);
    page.render_status(state, "admin/user_form.html", context, status)
}

/// GET /admin/brukere/ny
pub async fn new_user(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
    render_user_form(&state, &page, None, BTreeMap::new(), Vec::new(), FormErrors::default(), StatusCode::OK).await
}

/// POST /admin/brukere: creates the user and shows a one-time link once.
pub async fn create_user(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let fields = Fields::from(form.into_inner());
    let (catalog, lang) = (&state.catalog, page.lang);
    let mut errors = FormErrors::default();
    let email = match text::optional_email(fields.get("email")) {
        Ok(Some(email)) => Some(email),
        Ok(None) => {
            errors.add(catalog, lang, "email", "field-error-required", None);
            None
        }
        Err(e) => {
            errors.add(catalog, lang, "email", e.message_key(), None);
            None
        }
    };
    let name = errors.text(catalog, lang, "name", text::required(fields.get("name"), 200));
    let section_keys: Vec<String> =
        state.db(|conn| Ok(sections::list(conn)?)).await?.into_iter().map(|s| s.key).collect();
    let roles = ticked_roles(&fields, &section_keys).unwrap_or_else(|()| {
        errors.add(catalog, lang, "roles", "user-error-unknown-role", None);
        Vec::new()
    });
    let (Some(email), Some(name)) = (email, name) else {
        return render_user_form(&state, &page, None, fields.values(), roles, errors, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    };
    if !errors.is_empty() {
        return render_user_form(&state, &page, None, fields.values(), roles, errors, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }
    // No password is set by anyone but the user: a one-time link does it.
    // Until then a stand-in that nothing matches (no argon2 run needed to
    // make it, but a login against it costs a full check, as for anyone).
    let unusable = state.passwords.unusable_hash()?;
    let token = db::new_secret();
    let token_hash = db::secret_hash(&token);
    let hours = state.settings.accounts.password_reset_hours;
    let actor = actor_id(&req);
    let summary =
        format!("created with roles {}", roles.iter().map(|(r, s)| format!("{r}:{s}")).collect::<Vec<_>>().join(", "));
    let roles_to_set = roles.clone();
    let created = state
        .write(move |conn| {
            if users::find_by_email(conn, &email)?.is_some() {
                return Ok(None);
            }
            let id = db::new_id();
            let now = db::now();
            users::insert(
                conn,
                &users::NewUser {
                    id: id.clone(),
                    email: &email,
                    name: &name,
                    password_hash: &unusable,
                    disabled: false,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            users::set_roles(conn, &id, &roles_to_set)?;
            users::insert_reset(
                conn,
                &users::PasswordReset {
                    token_hash,
                    user_id: id.clone(),
                    created_at: now,
                    expires_at: now + Duration::hours(hours.into()),
                    used_at: None,
                },
            )?;
            audit::record(conn, actor.as_deref(), "user-created", &format!("user:{id}"), &summary)?;
            Ok::<_, AppError>(Some(id))
        })
        .await?;
    match created {
        Some(_) => show_link(&state, &page, &token),
        None => {
            errors.add(catalog, lang, "email", "user-error-email-taken", None);
            render_user_form(&state, &page, None, fields.values(), roles, errors, StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
    }
}

/// The one-time link, shown this once to the admin to pass on.
fn show_link(state: &AppState, page: &Page, token: &str) -> Result<HttpResponse, AppError> {
    let mut context = tera::Context::new();
    context.insert("link", &format!("{}/passord/{token}", state.settings.public_url));
    context.insert("hours", &state.settings.accounts.password_reset_hours);
    let mut response = page.render(state, "admin/link.html", context)?;
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(response)
}

/// GET /admin/brukere/{id}
pub async fn edit_user(
    state: web::Data<AppState>,
    page: Page,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = known_id(id.into_inner())?;
    let (user, roles) = {
        let id = id.clone();
        state
            .db(move |conn| {
                let user = users::find(conn, &id)?.ok_or(AppError::NotFound)?;
                Ok((user, users::roles(conn, &id)?))
            })
            .await?
    };
    let mut values = BTreeMap::new();
    values.insert("email".to_owned(), user.email.clone());
    values.insert("name".to_owned(), user.name.clone());
    values.insert("disabled".to_owned(), if user.disabled { "yes".into() } else { String::new() });
    let roles = roles.into_iter().map(|r| (r.role, r.scope)).collect();
    render_user_form(&state, &page, Some(&id), values, roles, FormErrors::default(), StatusCode::OK).await
}

/// POST /admin/brukere/{id}: replaces the user's roles.
pub async fn update_roles(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    id: web::Path<String>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let id = known_id(id.into_inner())?;
    let fields = Fields::from(form.into_inner());
    let section_keys: Vec<String> =
        state.db(|conn| Ok(sections::list(conn)?)).await?.into_iter().map(|s| s.key).collect();
    let actor = actor_id(&req);
    let roles = ticked_roles(&fields, &section_keys);
    // An admin who took away their own admin role could lock everyone out.
    let drops_own_admin = actor.as_deref() == Some(id.as_str())
        && roles.as_ref().is_ok_and(|r| !r.iter().any(|(role, _)| role == Role::Admin.key()));
    let Some(roles) = roles.ok().filter(|_| !drops_own_admin) else {
        let mut errors = FormErrors::default();
        let key = if drops_own_admin { "user-error-own-admin" } else { "user-error-unknown-role" };
        errors.add(&state.catalog, page.lang, "roles", key, None);
        let user = {
            let id = id.clone();
            state.db(move |conn| users::find(conn, &id)?.ok_or(AppError::NotFound)).await?
        };
        let mut values = fields.values();
        values.insert("email".to_owned(), user.email);
        values.insert("name".to_owned(), user.name);
        let ticked = ticked_roles(&fields, &section_keys).unwrap_or_default();
        return render_user_form(&state, &page, Some(&id), values, ticked, errors, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    };
    let target = id.clone();
    state
        .write(move |conn| {
            users::find(conn, &target)?.ok_or(AppError::NotFound)?;
            let before: Vec<String> = users::roles(conn, &target)?.iter().map(role_text).collect();
            users::set_roles(conn, &target, &roles)?;
            let after: Vec<String> =
                roles.iter().map(|(r, s)| if s.is_empty() { r.clone() } else { format!("{r}:{s}") }).collect();
            let summary = format!("roles {} → {}", before.join(", "), after.join(", "));
            audit::record(conn, actor.as_deref(), "roles-changed", &format!("user:{target}"), &summary)?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(see_other(format!("/admin/brukere/{id}")))
}

async fn set_disabled(
    state: &AppState,
    req: &HttpRequest,
    id: String,
    disabled: bool,
) -> Result<HttpResponse, AppError> {
    let id = known_id(id)?;
    let actor = actor_id(req);
    if disabled && actor.as_deref() == Some(id.as_str()) {
        return Err(AppError::BadRequest("an admin cannot disable themselves".into()));
    }
    let target = id.clone();
    state
        .write(move |conn| {
            users::find(conn, &target)?.ok_or(AppError::NotFound)?;
            users::set_disabled(conn, &target, disabled)?;
            if disabled {
                // Out at once: their sessions end now.
                sessions::delete_for_user(conn, &target)?;
            }
            let action = if disabled { "user-disabled" } else { "user-enabled" };
            audit::record(conn, actor.as_deref(), action, &format!("user:{target}"), action)?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(see_other(format!("/admin/brukere/{id}")))
}

/// POST /admin/brukere/{id}/deaktiver
pub async fn disable(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    set_disabled(&state, &req, id.into_inner(), true).await
}

/// POST /admin/brukere/{id}/aktiver
pub async fn enable(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    set_disabled(&state, &req, id.into_inner(), false).await
}

/// POST /admin/brukere/{id}/passord: a one-time link to set a new password,
/// shown once to the admin.
pub async fn reset_password(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = known_id(id.into_inner())?;
    let token = db::new_secret();
    let token_hash = db::secret_hash(&token);
    let hours = state.settings.accounts.password_reset_hours;
    let actor = actor_id(&req);
    state
        .write(move |conn| {
            users::find(conn, &id)?.ok_or(AppError::NotFound)?;
            let now = db::now();
            users::insert_reset(
                conn,
                &users::PasswordReset {
                    token_hash,
                    user_id: id.clone(),
                    created_at: now,
                    expires_at: now + Duration::hours(hours.into()),
                    used_at: None,
                },
            )?;
            audit::record(conn, actor.as_deref(), "password-reset-link", &format!("user:{id}"), "one-time link made")?;
            Ok::<_, AppError>(())
        })
        .await?;
    show_link(&state, &page, &token)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct LogQuery {
    bruker: String,
    handling: String,
    fra: String,
    til: String,
    side: String,
}

const LOG_PAGE: i64 = 50;

/// GET /admin/logg?bruker=&handling=&fra=&til=&side=
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
    let filter = audit::Filter {
        actor_email: Some(query.bruker.trim().replace('\0', "")).filter(|s| !s.is_empty()),
        action: Some(query.handling.trim().replace('\0', "")).filter(|s| !s.is_empty()),
        from: day("fra", &query.fra, false),
        until: day("til", &query.til, true),
    };
    let page_number: i64 = query.side.parse().unwrap_or(1).clamp(1, 100_000);
    let entries = {
        let filter = filter.clone();
        state.db(move |conn| Ok(audit::search(conn, &filter, (page_number - 1) * LOG_PAGE, LOG_PAGE + 1)?)).await?
    };
    let more = entries.len() as i64 > LOG_PAGE;
    let rows: Vec<_> = entries
        .into_iter()
        .take(LOG_PAGE as usize)
        .map(|(e, email)| {
            serde_json::json!({
                "at": state.catalog.datetime(page.lang, e.at),
                "at_iso": e.at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "actor": email,
                "action": e.action,
                "target": e.target,
                "summary": e.summary,
            })
        })
        .collect();
    let mut values = BTreeMap::new();
    values.insert("bruker", query.bruker.clone());
    values.insert("handling", query.handling.clone());
    values.insert("fra", query.fra.clone());
    values.insert("til", query.til.clone());
    let base = format!(
        "/admin/logg?bruker={}&handling={}&fra={}&til={}",
        super::page::encode_query_value(&query.bruker),
        super::page::encode_query_value(&query.handling),
        super::page::encode_query_value(&query.fra),
        super::page::encode_query_value(&query.til)
    );
    let mut context = tera::Context::new();
    context.insert("entries", &rows);
    context.insert("form", &serde_json::json!({ "values": values, "errors": errors }));
    context.insert("previous", &(page_number > 1).then(|| format!("{base}&side={}", page_number - 1)));
    context.insert("next", &more.then(|| format!("{base}&side={}", page_number + 1)));
    context.insert("page_number", &page_number);
    page.render(&state, "admin/log.html", context)
}
