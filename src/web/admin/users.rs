//! Users and their roles: the list, the form to create or change one, and
//! one-time links to set a password.

use std::collections::BTreeMap;

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Duration;
use serde::Serialize;

use crate::db::{self, audit, sections, sessions, users};
use crate::domain::role::{self, RoleSet, BODIES};
use crate::domain::text;
use crate::web::access::known_id;
use crate::web::error::AppError;
use crate::web::flash;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::{see_other, Page};
use crate::web::request::actor_id;
use crate::web::role_names::role_name;
use crate::web::AppState;

type Form = web::Form<Vec<(String, String)>>;

#[derive(Serialize)]
struct UserRow {
    id: String,
    /// The address split at the @, where the page lets it break.
    email_local: String,
    email_domain: String,
    name: String,
    disabled: bool,
    roles: Vec<String>,
}

/// GET /admin/brukere
pub async fn list(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
    let (all, sections) = state.db(|conn| Ok((users::list_with_roles(conn)?, sections::list(conn)?))).await?;
    let rows: Vec<UserRow> = all
        .into_iter()
        .map(|(u, roles)| UserRow {
            id: u.id,
            email_local: u.email.split_once('@').map_or(u.email.as_str(), |(l, _)| l).to_owned(),
            email_domain: u.email.split_once('@').map_or("", |(_, d)| d).to_owned(),
            name: u.name,
            disabled: u.disabled,
            roles: roles.iter().map(|r| role_name(&state.catalog, page.lang, &r.role, &r.scope, &sections)).collect(),
        })
        .collect();
    let mut context = tera::Context::new();
    context.insert("users", &rows);
    page.render(&state, "admin/users.html", context)
}

/// The role codes ticked in a user form: `role` = admin/planner,
/// `handler` = section keys, `member` = bodies.
fn ticked_codes(fields: &Fields) -> Vec<String> {
    let scoped = |field: &str, role: &str| -> Vec<String> {
        fields.all(field).into_iter().map(|scope| role::code(role, scope)).collect()
    };
    let mut codes: Vec<String> = fields.all("role").into_iter().map(str::to_owned).collect();
    codes.extend(scoped("handler", "handler"));
    codes.extend(scoped("member", "member"));
    codes
}

async fn section_keys(state: &AppState) -> Result<Vec<String>, AppError> {
    Ok(state.db(|conn| Ok(sections::list(conn)?)).await?.into_iter().map(|s| s.key).collect())
}

async fn render_user_form(
    state: &AppState,
    page: &Page,
    user_id: Option<&str>,
    values: BTreeMap<String, String>,
    ticked: Vec<String>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let sections = state.db(|conn| Ok(sections::list(conn)?)).await?;
    let mut context = tera::Context::new();
    context.insert("user_id", &user_id);
    context.insert("form", &serde_json::json!({ "values": values, "errors": errors }));
    context.insert("ticked", &ticked);
    context.insert(
        "sections",
        &sections
            .iter()
            .map(|s| serde_json::json!({"key": s.key, "name": role_name(&state.catalog, page.lang, "handler", &s.key, &sections)}))
            .collect::<Vec<_>>(),
    );
    let bodies: Vec<_> = BODIES
        .iter()
        .map(|b| serde_json::json!({"key": b, "name": role_name(&state.catalog, page.lang, "member", b, &sections)}))
        .collect();
    context.insert("bodies", &bodies);
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
    let ticked = ticked_codes(&fields);
    let roles = match RoleSet::parse(ticked.iter().map(String::as_str), &section_keys(&state).await?) {
        Ok(roles) => Some(roles),
        Err(e) => {
            errors.add(catalog, lang, "roles", e.message_key(), None);
            None
        }
    };
    let (Some(email), Some(name), Some(roles)) = (email, name, roles) else {
        return render_user_form(
            &state,
            &page,
            None,
            fields.values(),
            ticked,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    // No password is set by anyone but the user: a one-time link does it.
    // Until then a stand-in that nothing matches (no argon2 run needed to
    // make it, but a login against it costs a full check, as for anyone).
    let unusable = state.passwords.unusable_hash()?;
    let token = db::new_secret();
    let expires_at = db::now() + Duration::hours(state.settings.accounts.password_reset_hours.into());
    let reset = Some((db::secret_hash(&token), expires_at));
    let actor = actor_id(&req);
    let created = state
        .write(move |conn| {
            let account =
                users::NewAccount { email: &email, name: &name, password_hash: &unusable, roles: &roles, reset };
            Ok::<_, AppError>(users::create(conn, actor.as_deref(), &account)?)
        })
        .await?;
    match created {
        Some(_) => show_link(&state, &page, &token),
        None => {
            errors.add(catalog, lang, "email", "user-error-email-taken", None);
            render_user_form(&state, &page, None, fields.values(), ticked, errors, StatusCode::UNPROCESSABLE_ENTITY)
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
    let ticked = roles.iter().map(|r| role::code(&r.role, &r.scope)).collect();
    render_user_form(&state, &page, Some(&id), values, ticked, FormErrors::default(), StatusCode::OK).await
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
    let actor = actor_id(&req);
    let ticked = ticked_codes(&fields);
    let roles = RoleSet::parse(ticked.iter().map(String::as_str), &section_keys(&state).await?)
        .and_then(|roles| roles.given_by(actor.as_deref(), &id));
    let roles = match roles {
        Ok(roles) => roles,
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.add(&state.catalog, page.lang, "roles", e.message_key(), None);
            let user = {
                let id = id.clone();
                state.db(move |conn| users::find(conn, &id)?.ok_or(AppError::NotFound)).await?
            };
            let mut values = fields.values();
            values.insert("email".to_owned(), user.email);
            values.insert("name".to_owned(), user.name);
            return render_user_form(
                &state,
                &page,
                Some(&id),
                values,
                ticked,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let target = id.clone();
    state
        .write(move |conn| {
            users::find(conn, &target)?.ok_or(AppError::NotFound)?;
            let before: Vec<String> =
                users::roles(conn, &target)?.iter().map(|r| role::code(&r.role, &r.scope)).collect();
            users::set_roles(conn, &target, &roles.pairs())?;
            let summary = format!("roles {} → {}", before.join(", "), roles.codes().join(", "));
            audit::record(conn, actor.as_deref(), "roles-changed", audit::Target::User(&target), &summary)?;
            Ok::<_, AppError>(())
        })
        .await?;
    flash::set(&state, &req, "flash-roles-saved").await?;
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
            audit::record(conn, actor.as_deref(), action, audit::Target::User(&target), "")?;
            Ok::<_, AppError>(())
        })
        .await?;
    flash::set(state, req, if disabled { "flash-user-disabled" } else { "flash-user-enabled" }).await?;
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
            audit::record(conn, actor.as_deref(), "password-reset-link", audit::Target::User(&id), "")?;
            Ok::<_, AppError>(())
        })
        .await?;
    show_link(&state, &page, &token)
}
