//! The one write the demo needs that the handlers' pages otherwise make: a
//! submission's assessment, answer and moderation, set as if a handler had
//! worked it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::submissions;
use super::DbConnection;

/// A handler's work on a demo submission.
pub struct Handling<'a> {
    pub assessment: Option<&'a str>,
    pub answer: Option<&'a str>,
    pub moderation: &'a str,
    pub withheld_reason: Option<&'a str>,
    pub status: &'a str,
    pub by: Option<&'a str>,
    pub at: NaiveDateTime,
}

pub fn set_handling(conn: &mut DbConnection, id: &str, h: &Handling<'_>) -> QueryResult<()> {
    diesel::update(submissions::table.find(id))
        .set((
            submissions::assessment.eq(h.assessment),
            submissions::municipality_answer.eq(h.answer),
            submissions::assessed_by.eq(h.assessment.and(h.by)),
            submissions::assessed_at.eq(h.assessment.map(|_| h.at)),
            submissions::moderation.eq(h.moderation),
            submissions::withheld_reason.eq(h.withheld_reason),
            submissions::status.eq(h.status),
            submissions::version.eq(submissions::version + 1),
        ))
        .execute(conn)
        .map(drop)
}
