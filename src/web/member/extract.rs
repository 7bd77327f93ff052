//! `MemberMeeting`: a meeting the signed-in user sits on the body of.

use std::future::Future;
use std::pin::Pin;

use actix_web::{web, FromRequest, HttpRequest};

use crate::db::meetings::{self, Meeting};
use crate::domain::role::Role;
use crate::web::access::{known_id, SignedInUser};
use crate::web::error::AppError;
use crate::web::page::Page;
use crate::web::AppState;

/// A request about the meeting `{id}` by a member of its body. Any other
/// user, and any id that names no meeting, gets 404: a member of another
/// body learns nothing, not even that the meeting exists.
pub struct MemberMeeting {
    pub meeting: Meeting,
    pub user: SignedInUser,
    pub page: Page,
    pub req: HttpRequest,
}

/// Whether `user` is a member of `body` (role `member:{body}`).
pub fn sits_on(user: &SignedInUser, body: &str) -> bool {
    user.scopes(Role::Member).any(|scope| scope == body)
}

impl FromRequest for MemberMeeting {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .cloned()
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("application state missing")))?;
            let page = Page::from_request_head(&req, &state);
            let user = page.user.clone().ok_or(AppError::NotFound)?;
            let id = known_id(req.match_info().get("id").unwrap_or_default().to_owned())?;
            let meeting = state
                .db(move |conn| Ok(meetings::meeting(conn, &id)?))
                .await?
                .filter(|meeting| sits_on(&user, &meeting.body_key))
                .ok_or(AppError::NotFound)?;
            Ok(Self { meeting, user, page, req })
        })
    }
}
