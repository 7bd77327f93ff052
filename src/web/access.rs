//! Who may use a route, declared where the route is registered, and enforced
//! in one place. `route_table()` lists every route with its rule, so a test
//! can walk them all.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::http::Method;
use actix_web::middleware::{from_fn, Next};
use actix_web::{guard, web, FromRequest, Handler, HttpMessage, HttpResponse, Responder};

use super::error::AppError;
use super::request::encode_query_value;
// Handlers may name these from here as well as from `request`.
pub use super::request::{actor_id, SignedInUser};
use crate::domain::role::Role;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Everyone, no login.
    Public,
    /// Any signed-in user whose account is enabled.
    Staff,
    /// Signed-in users holding this role (in any scope). Which of a
    /// scope's objects they reach is decided by an extractor that loads the
    /// object and refuses it outside their scope (e.g.
    /// `web::handler::HandledSubmission`), never by each handler.
    Role(Role),
}

/// An id from a URL: ours are UUIDs, anything else names nothing, and is
/// not looked up.
pub fn known_id(id: String) -> Result<String, AppError> {
    uuid::Uuid::parse_str(&id).map(|_| id).map_err(|_| AppError::NotFound)
}

impl Access {
    /// Whether `user` (None: not signed in) may use a route with this rule.
    pub fn allows(self, user: Option<&SignedInUser>) -> bool {
        match (self, user) {
            (Access::Public, _) => true,
            (_, None) => false,
            (Access::Staff, Some(_)) => true,
            (Access::Role(role), Some(user)) => user.has_role(role),
        }
    }
}

/// A route as the table lists it.
#[derive(Debug, Clone)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

/// Registers routes with their access rule, or only lists them.
pub struct Routes {
    table: Vec<RouteInfo>,
    /// Per path, in the order first declared: the methods and their routes.
    /// None when only listing.
    resources: Option<Vec<(&'static str, Vec<actix_web::Route>)>>,
}

impl Routes {
    /// Routes to serve: declare them, then `register` them.
    pub fn serving() -> Self {
        Self { table: Vec::new(), resources: Some(Vec::new()) }
    }

    fn listing() -> Self {
        Self { table: Vec::new(), resources: None }
    }

    /// A GET route; it answers HEAD too (same status and headers, no body).
    pub fn get<F, Args>(&mut self, path: &'static str, access: Access, handler: F) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.add(Method::GET, path, access, handler)
    }

    pub fn post<F, Args>(&mut self, path: &'static str, access: Access, handler: F) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.add(Method::POST, path, access, handler)
    }

    fn add<F, Args>(&mut self, method: Method, path: &'static str, access: Access, handler: F) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.table.push(RouteInfo { method: method.clone(), path, access });
        let Some(resources) = self.resources.as_mut() else { return self };
        let is_read = method == Method::GET;
        let mut route = if is_read {
            web::route().guard(guard::Any(guard::Get()).or(guard::Head())).to(handler)
        } else {
            web::method(method).to(handler)
        };
        // Every state-changing route checks the CSRF token; no handler can forget.
        if !is_read {
            route = route.wrap(from_fn(super::csrf::require));
        }
        // The access rule wraps outermost, so it is checked first.
        if access != Access::Public {
            route = route.wrap(from_fn(move |req, next| enforce(access, req, next)));
        }
        match resources.iter_mut().find(|(p, _)| *p == path) {
            Some((_, routes)) => routes.push(route),
            None => resources.push((path, vec![route])),
        }
        self
    }

    /// Registers every path as one resource: its methods, and 405 with
    /// `Allow` for any other method.
    pub fn register(self, cfg: &mut web::ServiceConfig) {
        let Some(resources) = self.resources else { return };
        for (path, routes) in resources {
            let mut allowed: Vec<&str> = Vec::new();
            for info in self.table.iter().filter(|r| r.path == path) {
                if info.method == Method::GET {
                    allowed.extend(["GET", "HEAD"]);
                } else {
                    allowed.push(info.method.as_str());
                }
            }
            let allow = allowed.join(", ");
            let mut resource = web::resource(path);
            for route in routes {
                resource = resource.route(route);
            }
            resource = resource.default_service(web::to(move || {
                let allow = allow.clone();
                async move { HttpResponse::MethodNotAllowed().insert_header((header::ALLOW, allow)).finish() }
            }));
            cfg.service(resource);
        }
    }
}

/// Every route the app serves, with its access rule.
pub fn route_table() -> Vec<RouteInfo> {
    let mut routes = Routes::listing();
    super::declare_routes(&mut routes);
    routes.table
}

async fn enforce(
    access: Access,
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let signed_in = req.extensions().get::<SignedInUser>().is_some();
    let allowed = access.allows(req.extensions().get::<SignedInUser>());
    if allowed {
        return next.call(req).await.map(|res| res.map_into_left_body());
    }
    // Someone not signed in who asks to read a page is sent to sign in and
    // brought back after; everything else is refused.
    if !signed_in && (req.method() == Method::GET || req.method() == Method::HEAD) {
        let here = req.uri().path_and_query().map_or("/", |pq| pq.as_str()).to_owned();
        let location = format!("/logg-inn?neste={}", encode_query_value(&here));
        let response = HttpResponse::SeeOther().insert_header((header::LOCATION, location)).finish();
        return Ok(req.into_response(response).map_into_right_body());
    }
    // As a response, not an error, so the error page middleware renders it.
    Ok(req.error_response(AppError::Forbidden).map_into_right_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(roles: &[(Role, &str)]) -> SignedInUser {
        SignedInUser {
            id: "u".into(),
            email: "u@example.org".into(),
            name: "U".into(),
            roles: roles.iter().map(|(r, s)| (*r, s.to_string())).collect(),
        }
    }

    #[test]
    fn access_rules() {
        let planner = user(&[(Role::Planner, "")]);
        let nobody = user(&[]);
        assert!(Access::Public.allows(None));
        assert!(!Access::Staff.allows(None));
        assert!(Access::Staff.allows(Some(&nobody)));
        assert!(!Access::Role(Role::Planner).allows(None));
        assert!(!Access::Role(Role::Planner).allows(Some(&nobody)));
        assert!(Access::Role(Role::Planner).allows(Some(&planner)));
        assert!(!Access::Role(Role::Admin).allows(Some(&planner)));
    }
}
