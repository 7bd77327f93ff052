//! What every page needs: the user's language, the switcher links, and
//! rendering a template into a response.

use std::future::{ready, Ready};

use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use serde::Serialize;

use super::error::AppError;
use super::request::{encode_query_value, FlashShown, PendingFlash, SignedInUser, TokenShown};
use super::AppState;
use crate::i18n::Lang;

/// The request as a page sees it.
#[derive(Clone)]
pub struct Page {
    pub lang: Lang,
    pub user: Option<SignedInUser>,
    req: HttpRequest,
}

#[derive(Serialize)]
struct SwitchLink {
    code: &'static str,
    name: &'static str,
    href: String,
    current: bool,
}

impl Page {
    pub fn from_request_head(req: &HttpRequest, state: &AppState) -> Self {
        let user = req.extensions().get::<SignedInUser>().cloned();
        Self { lang: language_of(state, req), user, req: req.clone() }
    }

    /// The context every template gets, plus the page's own.
    pub fn context(&self, state: &AppState, mut context: tera::Context) -> tera::Context {
        // The page to return to from the switcher: the path only for
        // visitors (their pages are cached and must not carry anyone's query
        // string), path and query for signed-in users.
        let here = match &self.user {
            Some(_) => self.req.uri().path_and_query().map_or("/", |pq| pq.as_str()),
            None => self.req.path(),
        };
        let back = encode_query_value(here);
        let switch: Vec<SwitchLink> = Lang::ALL
            .into_iter()
            .map(|lang| SwitchLink {
                code: lang.code(),
                name: lang.native_name(),
                href: format!("/sprak/{}?tilbake={back}", lang.code()),
                current: lang == self.lang,
            })
            .collect();
        context.insert("lang", self.lang.code());
        context.insert("languages", &switch);
        context.insert("municipality", &state.settings.municipality);
        context.insert("csrf_token", &super::csrf::token(state, &self.req));
        if let Some(user) = &self.user {
            let roles: Vec<&str> = user.roles.iter().map(|(r, _)| r.key()).collect();
            context.insert("signed_in", &serde_json::json!({ "name": user.name, "roles": roles }));
        }
        // Shown by the base template on whatever page the redirect lands on.
        if let Some(PendingFlash(key)) = self.req.extensions().get::<PendingFlash>() {
            context.insert("flash", key);
        }
        context
    }

    /// Renders `template` into HTML. A page that shows a CSRF token is
    /// marked, so that it is never cached and its nonce cookie is set.
    pub fn html(&self, state: &AppState, template: &str, context: tera::Context) -> Result<String, AppError> {
        let context = self.context(state, context);
        let html = state.templates.render(self.lang, template, &context)?;
        let token = context.get("csrf_token").and_then(|t| t.as_str()).unwrap_or_default();
        if !token.is_empty() && html.contains(token) {
            self.req.extensions_mut().insert(TokenShown);
        }
        if context.contains_key("flash") && html.contains("data-flash") {
            self.req.extensions_mut().insert(FlashShown);
        }
        Ok(html)
    }

    /// Renders `template` as an HTML page with `status` (a form shown again
    /// with its errors is 422).
    pub fn render_status(
        &self,
        state: &AppState,
        template: &str,
        context: tera::Context,
        status: actix_web::http::StatusCode,
    ) -> Result<HttpResponse, AppError> {
        let mut response = self.render(state, template, context)?;
        *response.status_mut() = status;
        Ok(response)
    }

    /// Renders `template` as a 200 HTML page.
    pub fn render(&self, state: &AppState, template: &str, context: tera::Context) -> Result<HttpResponse, AppError> {
        let html = self.html(state, template, context)?;
        Ok(HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
            .insert_header((header::VARY, "Cookie, Accept-Language"))
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .body(html))
    }
}

impl FromRequest for Page {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(match req.app_data::<web::Data<AppState>>() {
            Some(state) => Ok(Page::from_request_head(req, state)),
            None => Err(AppError::Internal(anyhow::anyhow!("application state missing"))),
        })
    }
}

/// 303 See Other: where every successful form post goes (POST–redirect–GET).
pub fn see_other(location: String) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, location)).finish()
}

/// The chosen language: the switcher's cookie, then Accept-Language, then Bokmål.
pub fn language_of(state: &AppState, req: &HttpRequest) -> Lang {
    req.cookie(state.cookies.lang)
        .and_then(|c| Lang::from_code(c.value()))
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(Lang::Nb)
}

/// A path on this site to return to; anything else (another host, a scheme,
/// `//evil`) becomes the home page, so the switcher cannot be an open redirect.
pub fn local_path(candidate: Option<&str>) -> String {
    match candidate {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(|c| c.is_control()) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[derive(serde::Deserialize)]
pub struct SwitchQuery {
    tilbake: Option<String>,
}

/// GET /sprak/{code}: remembers the language and returns to the page.
pub async fn switch_language(
    state: web::Data<AppState>,
    code: web::Path<String>,
    query: web::Query<SwitchQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::from_code(&code).ok_or(AppError::NotFound)?;
    let age = actix_web::cookie::time::Duration::days(365);
    let cookie = super::session::cookie(&state, state.cookies.lang, lang.code().to_owned(), Some(age));
    Ok(HttpResponse::SeeOther()
        .cookie(cookie)
        .insert_header((header::LOCATION, local_path(query.tilbake.as_deref())))
        .finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(local_path(Some("/planer/x?a=1")), "/planer/x?a=1");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(Some("/a\nb")), "/");
        assert_eq!(local_path(None), "/");
    }
}
