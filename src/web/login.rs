//! Signing in: the form, and the attempt, which is counted before its
//! password is checked (see `domain::throttle`) and checked through the
//! password gate.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use chrono::{Duration, NaiveDateTime};

use super::error::AppError;
use super::form::{Fields, FormErrors};
use super::page::{local_path, see_other, Page};
use super::request::SessionKey;
use super::session;
use super::AppState;
use crate::config::AccountSettings;
use crate::db::{self, audit, sessions, throttle, users};
use crate::domain::throttle::{self as policy, Decision, Policy, Subjects};

type Form = web::Form<Vec<(String, String)>>;

#[derive(serde::Deserialize)]
pub struct Next {
    neste: Option<String>,
}

fn policy(accounts: &AccountSettings) -> Policy {
    Policy {
        pair_free_failures: accounts.login_max_failures,
        address_max_failures: accounts.login_address_max_failures,
        account_max_failures: accounts.login_account_max_failures,
        window: Duration::minutes(accounts.login_window_minutes.into()),
    }
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

/// What the transaction that counts an attempt found.
enum Attempt {
    Check(Option<users::User>),
    Refused(NaiveDateTime),
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
    let subjects = Subjects::new(&db::secret_hash(&email), super::client::client_address(&state, &req));
    // The right to a check first: with every check busy the attempt is not
    // counted, and the answer is "try again in a moment" (503).
    let permit = state.passwords.permit().await?;
    let rules = policy(&state.settings.accounts);
    let attempt = {
        let (subjects, email) = (subjects.clone(), email.clone());
        state
            .write(move |conn| {
                let now = db::now();
                let decision = policy::decide(&rules, &throttle::lock(conn, &subjects)?, now);
                let user = users::find_by_email(conn, &email)?;
                match decision {
                    Decision::Check(counted) => {
                        throttle::store(conn, &subjects, &counted)?;
                        Ok(Attempt::Check(user))
                    }
                    Decision::Refuse { until } => {
                        let target = audit_target(user.as_ref());
                        audit::record(
                            conn,
                            None,
                            "login-failed",
                            target.as_deref().map_or(audit::Target::UnknownAccount, audit::Target::User),
                            "refused: too many failed logins",
                        )?;
                        Ok(Attempt::Refused(until))
                    }
                }
            })
            .await?
    };
    let user = match attempt {
        Attempt::Check(user) => user,
        Attempt::Refused(until) => {
            drop(permit);
            tracing::info!("login refused: throttled");
            let minutes = ((until - db::now()).num_seconds().max(1) + 59) / 60;
            return refuse(&state, &page, email, next, "login-error-locked", Some(minutes));
        }
    };
    // Always one argon2 check, against a stand-in for unknown accounts, so
    // the time taken does not tell whether the account exists.
    let matches = permit.verify(user.as_ref().map(|u| u.password_hash.clone()), secret).await?;
    let target = audit_target(user.as_ref());
    let Some(user) = user.filter(|u| matches && !u.disabled) else {
        // Counted already; only the audit row is left to write.
        state
            .write(move |conn| {
                audit::record(
                    conn,
                    None,
                    "login-failed",
                    target.as_deref().map_or(audit::Target::UnknownAccount, audit::Target::User),
                    "wrong e-mail or password",
                )?;
                Ok::<_, AppError>(())
            })
            .await?;
        tracing::info!("login refused: wrong e-mail or password");
        return refuse(&state, &page, email, next, "login-error-wrong", None);
    };
    start_session(&state, &req, user, subjects, next).await
}

/// The account a failed login was for, if the address has one.
fn audit_target(user: Option<&users::User>) -> Option<String> {
    user.map(|u| u.id.clone())
}

fn refuse(
    state: &AppState,
    page: &Page,
    email: String,
    next: String,
    key: &str,
    minutes: Option<i64>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    let mut args = fluent_bundle::FluentArgs::new();
    if let Some(minutes) = minutes {
        args.set("minutes", minutes);
    }
    errors.add(&state.catalog, page.lang, "email", key, Some(&args));
    let mut values = BTreeMap::new();
    values.insert("email".to_owned(), email);
    values.insert("neste".to_owned(), next);
    render_login(state, page, values, errors, StatusCode::UNPROCESSABLE_ENTITY)
}

/// A right password: a new session (a new id at every login, so an id
/// planted before is worthless), and the pair's failures forgiven.
async fn start_session(
    state: &AppState,
    req: &HttpRequest,
    user: users::User,
    subjects: Subjects,
    next: String,
) -> Result<HttpResponse, AppError> {
    let secret = db::new_secret();
    let old = req.extensions().get::<SessionKey>().map(|k| k.0.clone());
    let id_hash = db::secret_hash(&secret);
    let accounts = state.settings.accounts;
    let user_id = user.id.clone();
    state
        .write(move |conn| {
            if let Some(old) = old {
                sessions::delete(conn, &old)?;
            }
            let now = db::now();
            sessions::insert(
                conn,
                &sessions::Session {
                    id_hash,
                    user_id: user_id.clone(),
                    created_at: now,
                    last_seen_at: now,
                    flash: None,
                },
            )?;
            let counters = throttle::lock(conn, &subjects)?;
            throttle::store(conn, &subjects, &policy::succeeded(&counters, now))?;
            // Housekeeping at each login keeps both tables small.
            sessions::prune(
                conn,
                now - Duration::minutes(accounts.session_idle_minutes.into()),
                now - Duration::hours(accounts.session_absolute_hours.into()),
            )?;
            throttle::prune(
                conn,
                now - Duration::minutes(accounts.login_window_minutes.into()),
                now - Duration::days(policy::KNOWN_FOR_DAYS),
            )?;
            audit::record(conn, Some(&user_id), "login", audit::Target::Session, "signed in")?;
            Ok::<_, AppError>(())
        })
        .await?;
    tracing::info!(user = %user.id, "signed in");
    // Forms from now on carry a token bound to the new session.
    let mut response = see_other(next);
    response
        .add_cookie(&session::cookie(state, state.cookies.session, secret, None))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}
