//! What the middleware learns about a request and leaves in its extensions
//! for the rest of the web layer: who is signed in, their session, the CSRF
//! nonce made for it and whether a page showed a token. It uses no other
//! module of `web`, so every one of them may use it.

use actix_web::{HttpMessage, HttpRequest};

use crate::domain::role::Role;

/// The signed-in user, put into the request's extensions by the session
/// middleware before any route runs.
#[derive(Debug, Clone)]
pub struct SignedInUser {
    pub id: String,
    pub email: String,
    pub name: String,
    /// (role, scope): scope is a section key for handlers, a body for members.
    pub roles: Vec<(Role, String)>,
}

impl SignedInUser {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|(r, _)| *r == role)
    }

    /// The scopes (sections or bodies) in which the user holds `role`.
    pub fn scopes(&self, role: Role) -> impl Iterator<Item = &str> {
        self.roles.iter().filter(move |(r, _)| *r == role).map(|(_, scope)| scope.as_str())
    }
}

/// The id of the signed-in user making the request, for audit entries.
pub fn actor_id(req: &HttpRequest) -> Option<String> {
    req.extensions().get::<SignedInUser>().map(|u| u.id.clone())
}

/// The hash of the current session id: for logout, and what CSRF tokens
/// are bound to.
#[derive(Debug, Clone)]
pub struct SessionKey(pub String);

/// A CSRF nonce made for this request; its cookie is set only if a page
/// actually showed a token made from it.
#[derive(Debug, Clone)]
pub struct NewNonce(pub String);

/// Marks a response whose page shows a CSRF token: it is the visitor's own,
/// so the page is never cached, by us or by anyone on the way.
#[derive(Debug, Clone, Copy)]
pub struct TokenShown;

/// The success message kept with the session for its next page (a
/// catalogue key), as the session middleware found it.
#[derive(Debug, Clone)]
pub struct PendingFlash(pub String);

/// Marks a request whose page showed the pending message, so that the
/// session middleware removes it: it is shown once.
#[derive(Debug, Clone, Copy)]
pub struct FlashShown;

/// Percent-encodes a string for use as a query value (the page to come
/// back to after signing in or switching language).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode_query_value("/planer/x?a=1&b=ø"), "/planer/x%3Fa%3D1%26b%3D%C3%B8");
    }
}
