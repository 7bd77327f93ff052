//! Signing out, the staff start page, and setting a password from a
//! one-time link; signing in is in `login`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};

use super::access::{Access, Routes};
use super::error::AppError;
use super::form::{Fields, FormErrors};
use super::login;
use super::page::{see_other, Page};
use super::request::{SessionKey, SignedInUser};
use super::role_names::role_name;
use super::session;
use super::AppState;
use crate::db::{self, audit, sessions, users};
use crate::domain::password_policy;

type Form = web::Form<Vec<(String, String)>>;

pub fn routes(routes: &mut Routes) {
    routes
        .get("/logg-inn", Access::Public, login::login_form)
        .post("/logg-inn", Access::Public, login::login)
        .post("/logg-ut", Access::Staff, logout)
        .get("/ansatt", Access::Staff, start)
        .get("/passord/{token}", Access::Public, password_form)
        .post("/passord/{token}", Access::Public, set_password);
}

/// POST /logg-ut: the session ends in the database, not only in the browser.
pub async fn logout(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let key = req.extensions().get::<SessionKey>().map(|k| k.0.clone());
    let user = req.extensions().get::<SignedInUser>().map(|u| u.id.clone());
    if let Some(key) = key {
        state
            .write(move |conn| {
                sessions::delete(conn, &key)?;
                audit::record(conn, user.as_deref(), "logout", audit::Target::Session, "signed out")?;
                Ok::<_, AppError>(())
            })
            .await?;
    }
    let mut response = see_other("/".to_owned());
    response.add_cookie(&session::removal(&state, state.cookies.session)).map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

/// GET /ansatt: what the signed-in user can do.
pub async fn start(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
    let roles = page.user.as_ref().map(|u| u.roles.clone()).unwrap_or_default();
    let sections = state.db(|conn| Ok(db::sections::list(conn)?)).await?;
    let names: Vec<String> =
        roles.iter().map(|(role, scope)| role_name(&state.catalog, page.lang, role.key(), scope, &sections)).collect();
    let mut context = tera::Context::new();
    context.insert("role_names", &names);
    page.render(&state, "account/start.html", context)
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
    if let Err(error) = password_policy::check(&new) {
        errors.add(&state.catalog, page.lang, "password", error.message_key(), None);
    } else if new != fields.get("password_again") {
        errors.add(&state.catalog, page.lang, "password_again", "password-error-mismatch", None);
    }
    if !errors.is_empty() {
        return render_password(&state, &page, &token, errors, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let new_hash = state.passwords.hash(new).await?;
    state
        .write(move |conn| {
            // The link was checked before the slow hashing: it must still
            // be unused now, or a concurrent use of it got there first.
            if !users::use_reset(conn, &hash, &user_id, db::now())? {
                return Err(AppError::NotFound);
            }
            users::set_password_hash(conn, &user_id, &new_hash)?;
            sessions::delete_for_user(conn, &user_id)?;
            audit::record(
                conn,
                Some(&user_id),
                "password-set",
                audit::Target::User(&user_id),
                "password set from a one-time link",
            )?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(see_other("/logg-inn".to_owned()))
}
