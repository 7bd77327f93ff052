//! The members' reading room (role `member:BODY`): their bodies' upcoming
//! and recent meetings with what is new since their last visit, each
//! meeting with all its papers — exempt ones too — and private notes per
//! agenda item.
//!
//! Scoped by construction: every route with a meeting's `{id}` takes a
//! `MemberMeeting`, which loads the meeting and refuses it (404, as if it
//! did not exist) unless the user is a member of its body. Admins and
//! secretaries are not let in: the reading room is the member's own, and
//! its notes are read by their author alone (`db::meetings::reading`).

mod extract;
mod meeting;
mod meetings;
mod note;

pub use extract::MemberMeeting;

use crate::domain::role::Role;
use crate::web::access::{Access, Routes};

pub fn routes(routes: &mut Routes) {
    let member = Access::Role(Role::Member);
    routes.get("/mine-moter", member, meetings::list).get("/mine-moter/{id}", member, meeting::show).post(
        "/mine-moter/{id}/saker/{item_id}/notat",
        member,
        note::save,
    );
}
