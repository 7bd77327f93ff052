//! Signing in and out, the staff start page, and setting a password from a
//! one-time link.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use chrono::Duration;

use super::access::{Access, Routes, SignedInUser};
use super::error::AppError;
use super::form::{Fields, FormErrors};
use super::page::{local_path, see_other, Page};
use super::session::{self, SessionKey, CSRF_COOKIE, SESSION_COOKIE};
use super::AppState;
use crate::db::{self, audit, sessions, users};
use crate::domain::password;

type Form = web::Form<Vec<(String, String)>>;

pub fn routes(routes: &mut Routes<'_>) {
    routes
        .get("/logg-inn", Access::Public, login_form)
        .post("/logg-inn", Access::Public, login)
        .post("/logg-ut", Access::Staff, logout)
        .get("/ansatt", Access::Staff, start)
        .get("/passord/{token}", Access::Public, password_form)
        .post("/passord/{token}", Access::Public, set_password);
}

#[derive(serde::Deserialize)]
pub struct Next {
    neste: Option<String>,
}

fn render_login(
    state: &AppState,
    page: &Page,
    values: BTreeMap<String, String>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let mut context = tera::Context::new();
    context.insert("form", &serde_json::json!({ "values": values, "errors": errors }));
    page.render_status(state, "account/login.html", context, status)
}

/// GET /logg-inn
pub async fn login_form(
    state: web::Data<AppState>,
    page: Page,
    query: web::Query<Next>,
) -> Result<HttpResponse, AppError> {
    if page.user.is_some() {
        return Ok(see_other(local_path(query.neste.as_deref().or(Some("/ansatt")))));
    }
    let mut values = BTreeMap::new();
    values.insert("neste".to_owned(), local_path(query.neste.as_deref()));
    render_login(&state, &page, values, FormErrors::default(), StatusCode::OK)
}

/// POST /logg-inn
pub async fn login(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let fields = Fields::from(form.into_inner());
    let email = crate::domain::email::EmailAddress::normalise(fields.get("email"));
    let secret = fields.get("password").to_owned();
    let next = local_path(Some(fields.get("neste")).filter(|n| !n.is_empty()).or(Some("/ansatt")));
    let accounts = state.settings.accounts;
    let subjects = vec![
        format!("account:{}", db::secret_hash(&email)),
        format!("address:{}", session::client_address(&state, &req)),
    ];
    let (locked, user) = {
        let (subjects, email) = (subjects.clone(), email.clone());
        state
            .db(move |conn| {
                let since = db::now() - Duration::minutes(accounts.login_window_minutes.into());
                let failures = sessions::failures_since(conn, &subjects, since)?;
                Ok((failures >= i64::from(accounts.login_max_failures), users::find_by_email(conn, &email)?))
            })
            .await?
    };
    // Always one argon2 verification, against a stand-in hash for unknown
    // users, so the time taken does not tell whether the account exists.
    let stored = user.as_ref().map_or_else(|| state.dummy_hash.clone(), |u| u.password_hash.clone());
    let matches = web::block(move || crate::password::verify(&stored, &secret))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("password check failed: {e}")))?;
    let accepted = matches && !locked && user.as_ref().is_some_and(|u| !u.disabled);
    let target = user.as_ref().map_or_else(|| "unknown account".to_owned(), |u| format!("user:{}", u.id));
    let Some(user) = user.filter(|_| accepted) else {
        state
            .write(move |conn| {
                sessions::record_failure(conn, &subjects, db::now())?;
                let why = if locked { "refused: too many failed logins" } else { "wrong e-mail or password" };
                audit::record(conn, None, "login-failed", &target, why)?;
                Ok::<_, AppError>(())
            })
            .await?;
        tracing::info!(locked, "login refused");
        let mut errors = FormErrors::default();
        let key = if locked { "login-error-locked" } else { "login-error-wrong" };
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("minutes", accounts.login_window_minutes);
        errors.add(&state.catalog, page.lang, "email", key, Some(&args));
        let mut values = BTreeMap::new();
        values.insert("email".to_owned(), email);
        values.insert("neste".to_owned(), next);
        return render_login(&state, &page, values, errors, StatusCode::UNPROCESSABLE_ENTITY);
    };
    // A new session id at every login: an id planted before login is worthless.
    let secret = db::new_secret();
    let old = req.extensions().get::<SessionKey>().map(|k| k.0.clone());
    let id_hash = db::secret_hash(&secret);
    let account_subject = subjects[0].clone();
    let user_id = user.id.clone();
    state
        .write(move |conn| {
            if let Some(old) = old {
                sessions::delete(conn, &old)?;
            }
            let now = db::now();
            sessions::insert(
                conn,
                &sessions::Session { id_hash, user_id: user_id.clone(), created_at: now, last_seen_at: now },
            )?;
            sessions::clear_failures(conn, &account_subject)?;
            // Housekeeping at each login keeps both tables small.
            sessions::prune(
                conn,
                now - Duration::minutes(accounts.session_idle_minutes.into()),
                now - Duration::hours(accounts.session_absolute_hours.into()),
                now - Duration::minutes(accounts.login_window_minutes.into()),
            )?;
            audit::record(conn, Some(&user_id), "login", "session", "signed in")?;
            Ok::<_, AppError>(())
        })
        .await?;
    tracing::info!(user = %user.id, "signed in");
    let mut response = see_other(next);
    response
        .add_cookie(&session::cookie(&state, SESSION_COOKIE, secret, None))
        .map_err(|e| AppError::Internal(e.into()))?;
    // A fresh CSRF token for the new session, too.
    response
        .add_cookie(&session::cookie(&state, CSRF_COOKIE, db::new_secret(), None))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

/// POST /logg-ut: the session ends in the database, not only in the browser.
pub async fn logout(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let key = req.extensions().get::<SessionKey>().map(|k| k.0.clone());
    let user = req.extensions().get::<SignedInUser>().map(|u| u.id.clone());
    if let Some(key) = key {
        state
            .write(move |conn| {
                sessions::delete(conn, &key)?;
                audit::record(conn, user.as_deref(), "logout", "session", "signed out")?;
                Ok::<_, AppError>(())
            })
            .await?;
    }
    let mut response = see_other("/".to_owned());
    response.add_cookie(&session::removal(&state, SESSION_COOKIE)).map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

/// GET /ansatt: what the signed-in user can do.
pub async fn start(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
    page.render(&state, "account/start.html", tera::Context::new())
}

async fn valid_reset(state: &AppState, token: String) -> Result<Option<(String, String)>, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let hash = db::secret_hash(&token);
    state
        .db(move |conn| {
            let now = db::now();
            Ok(users::find_reset(conn, &hash)?
                .filter(|r| r.used_at.is_none() && r.expires_at > now)
                .map(|r| (hash, r.user_id)))
        })
        .await
}

fn render_password(
    state: &AppState,
    page: &Page,
    token: &str,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let mut context = tera::Context::new();
    context.insert("token", token);
    context.insert("form", &serde_json::json!({ "values": {}, "errors": errors }));
    page.render_status(state, "account/password.html", context, status)
}

/// GET /passord/{token}
pub async fn password_form(
    state: web::Data<AppState>,
    page: Page,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    valid_reset(&state, token.clone()).await?.ok_or(AppError::NotFound)?;
    render_password(&state, &page, &token, FormErrors::default(), StatusCode::OK)
}

/// POST /passord/{token}: sets the password, uses up the link and ends the
/// user's other sessions.
pub async fn set_password(
    state: web::Data<AppState>,
    page: Page,
    token: web::Path<String>,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let (hash, user_id) = valid_reset(&state, token.clone()).await?.ok_or(AppError::NotFound)?;
    let fields = Fields::from(form.into_inner());
    let new = fields.get("password").to_owned();
    let mut errors = FormErrors::default();
    if let Err(error) = password::check(&new) {
        errors.add(&state.catalog, page.lang, "password", error.message_key(), None);
    } else if new != fields.get("password_again") {
        errors.add(&state.catalog, page.lang, "password_again", "password-error-mismatch", None);
    }
    if !errors.is_empty() {
        return render_password(&state, &page, &token, errors, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let argon2 = state.settings.argon2;
    let new_hash = web::block(move || crate::password::hash(&new, &argon2))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))??;
    state
        .write(move |conn| {
            users::set_password_hash(conn, &user_id, &new_hash)?;
            users::use_reset(conn, &hash, db::now())?;
            sessions::delete_for_user(conn, &user_id)?;
            audit::record(
                conn,
                Some(&user_id),
                "password-set",
                &format!("user:{user_id}"),
                "password set from a one-time link",
            )?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(see_other("/logg-inn".to_owned()))
}
