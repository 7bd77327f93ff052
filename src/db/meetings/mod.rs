//! Political bodies, their meetings, agenda items and papers. Reads here;
//! the secretary's writes in `writes.rs`; members' notes and visits in
//! `reading.rs`.

pub mod decide;
pub mod reading;
pub mod search;
pub mod writes;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{agenda_item_documents, agenda_items, bodies, body_members, documents, meetings, plans};
use super::DbConnection;
use crate::domain::document::AccessClass;
use crate::domain::meeting::{AgendaNumber, ItemType, MeetingStatus};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = bodies)]
pub struct Body {
    pub key: String,
    pub name: String,
    pub kind: String,
    pub notice_days: i32,
    pub position: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = body_members)]
pub struct Member {
    pub id: String,
    pub body_key: String,
    pub name: String,
    pub party: String,
    /// medlem | varamedlem
    pub seat: String,
    pub user_id: Option<String>,
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    pub position: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = meetings)]
pub struct Meeting {
    pub id: String,
    pub body_key: String,
    pub starts_at: NaiveDateTime,
    pub place: String,
    pub remote: bool,
    pub status: String,
    pub notice_published_at: Option<NaiveDateTime>,
    pub minutes_document_id: Option<String>,
    pub minutes_approved_at: Option<NaiveDateTime>,
    pub sequence: i32,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Meeting {
    /// The stored status; an unknown one reads as planned, which shows the
    /// public least.
    pub fn status(&self) -> MeetingStatus {
        self.status.parse().unwrap_or(MeetingStatus::Planned)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = agenda_items)]
pub struct AgendaItem {
    pub id: String,
    pub meeting_id: String,
    pub body_key: String,
    pub item_type: String,
    pub year: i32,
    pub number: i32,
    pub archive_case: Option<String>,
    pub title: String,
    pub legal_ground: Option<String>,
    pub public_title: Option<String>,
    pub recommendation: String,
    pub plan_id: Option<String>,
    pub plan_to_stage: Option<String>,
    pub decision: Option<String>,
    pub vote: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub position: i32,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

impl AgendaItem {
    /// `PS 12/20`.
    pub fn number(&self) -> String {
        match self.item_type.parse::<ItemType>() {
            Ok(item_type) => AgendaNumber { item_type, number: self.number, year: self.year }.to_string(),
            Err(_) => format!("{} {}/{:02}", self.item_type, self.number, self.year.rem_euclid(100)),
        }
    }

    /// Who may read the item's real title, recommendation and decision:
    /// everyone, or — for an exempt item — staff and the body's members.
    pub fn class(&self) -> AccessClass {
        match &self.legal_ground {
            None => AccessClass::Public,
            Some(ground) => AccessClass::Exempt { legal_ground: ground.clone(), body: self.body_key.clone() },
        }
    }

    /// The title the public sees: the public title of an exempt item.
    pub fn public_title(&self) -> &str {
        match self.legal_ground {
            None => &self.title,
            Some(_) => self.public_title.as_deref().unwrap_or_default(),
        }
    }
}

/// A paper of an agenda item: the document's metadata and how the item
/// lists it (saksframlegg | vedlegg).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = agenda_item_documents)]
pub struct PaperLink {
    pub agenda_item_id: String,
    pub document_id: String,
    pub kind: String,
    pub position: i32,
    pub added_at: NaiveDateTime,
}

pub fn all_bodies(conn: &mut DbConnection) -> QueryResult<Vec<Body>> {
    bodies::table.order(bodies::position).select(Body::as_select()).load(conn)
}

pub fn body(conn: &mut DbConnection, key: &str) -> QueryResult<Option<Body>> {
    bodies::table.find(key).select(Body::as_select()).first(conn).optional()
}

/// The body's members and substitutes sitting on `on`.
pub fn members_on(conn: &mut DbConnection, body_key: &str, on: NaiveDate) -> QueryResult<Vec<Member>> {
    body_members::table
        .filter(body_members::body_key.eq(body_key))
        .filter(body_members::from_date.le(on))
        .filter(body_members::to_date.ge(on))
        .order((body_members::seat, body_members::position))
        .select(Member::as_select())
        .load(conn)
}

pub fn meeting(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Meeting>> {
    meetings::table.find(id).select(Meeting::as_select()).first(conn).optional()
}

/// Meetings starting in `[from, until)` (UTC), of one body or all, in order.
pub fn meetings_between(
    conn: &mut DbConnection,
    body_key: Option<&str>,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<Vec<Meeting>> {
    let mut query = meetings::table
        .filter(meetings::starts_at.ge(from))
        .filter(meetings::starts_at.lt(until))
        .select(Meeting::as_select())
        .order((meetings::starts_at, meetings::id))
        .into_boxed();
    if let Some(body_key) = body_key {
        query = query.filter(meetings::body_key.eq(body_key.to_owned()));
    }
    query.load(conn)
}

/// Every meeting of a body, in order (for its calendar feed).
pub fn meetings_of_body(conn: &mut DbConnection, body_key: &str) -> QueryResult<Vec<Meeting>> {
    meetings::table
        .filter(meetings::body_key.eq(body_key))
        .order((meetings::starts_at, meetings::id))
        .select(Meeting::as_select())
        .load(conn)
}

/// A meeting's agenda, in order.
pub fn agenda(conn: &mut DbConnection, meeting_id: &str) -> QueryResult<Vec<AgendaItem>> {
    agenda_items::table
        .filter(agenda_items::meeting_id.eq(meeting_id))
        .order((agenda_items::position, agenda_items::id))
        .select(AgendaItem::as_select())
        .load(conn)
}

pub fn item(conn: &mut DbConnection, id: &str) -> QueryResult<Option<AgendaItem>> {
    agenda_items::table.find(id).select(AgendaItem::as_select()).first(conn).optional()
}

/// The papers of a meeting's items, each with its document, in order.
pub fn papers(conn: &mut DbConnection, meeting_id: &str) -> QueryResult<Vec<(PaperLink, super::documents::Document)>> {
    let rows: Vec<(PaperLink, super::documents::DocumentRow)> = agenda_item_documents::table
        .inner_join(agenda_items::table)
        .inner_join(documents::table)
        .filter(agenda_items::meeting_id.eq(meeting_id))
        .order((agenda_items::position, agenda_item_documents::position))
        .select((PaperLink::as_select(), super::documents::DocumentRow::as_select()))
        .load(conn)?;
    Ok(with_documents(rows))
}

/// The decided items that concern a plan, with their meetings, oldest first.
pub fn decisions_of_plan(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Vec<(AgendaItem, Meeting)>> {
    agenda_items::table
        .inner_join(meetings::table)
        .filter(agenda_items::plan_id.eq(plan_id))
        .filter(agenda_items::decision.is_not_null())
        .order((meetings::starts_at, agenda_items::position))
        .select((AgendaItem::as_select(), Meeting::as_select()))
        .load(conn)
}

/// The item with its meeting and, if it concerns one, its plan's slug.
pub fn item_in_meeting(
    conn: &mut DbConnection,
    id: &str,
) -> QueryResult<Option<(AgendaItem, Meeting, Option<String>)>> {
    agenda_items::table
        .inner_join(meetings::table)
        .left_join(plans::table)
        .filter(agenda_items::id.eq(id))
        .select((AgendaItem::as_select(), Meeting::as_select(), plans::slug.nullable()))
        .first(conn)
        .optional()
}

/// The slug and title of the plan an agenda item concerns.
pub type PlanOfItem = Option<(String, String)>;

/// A meeting's agenda with, for each item that concerns a plan, the plan's
/// slug and title.
pub fn agenda_with_plans(conn: &mut DbConnection, meeting_id: &str) -> QueryResult<Vec<(AgendaItem, PlanOfItem)>> {
    let rows: Vec<(AgendaItem, Option<String>, Option<String>)> = agenda_items::table
        .left_join(plans::table)
        .filter(agenda_items::meeting_id.eq(meeting_id))
        .order((agenda_items::position, agenda_items::id))
        .select((AgendaItem::as_select(), plans::slug.nullable(), plans::title.nullable()))
        .load(conn)?;
    Ok(rows.into_iter().map(|(item, slug, title)| (item, slug.zip(title))).collect())
}

/// Every agenda item that concerns a plan, with its meeting, oldest first.
pub fn items_of_plan(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Vec<(AgendaItem, Meeting)>> {
    agenda_items::table
        .inner_join(meetings::table)
        .filter(agenda_items::plan_id.eq(plan_id))
        .order((meetings::starts_at, agenda_items::position, agenda_items::id))
        .select((AgendaItem::as_select(), Meeting::as_select()))
        .load(conn)
}

/// The papers of every agenda item that concerns a plan, in order.
pub fn papers_of_plan(
    conn: &mut DbConnection,
    plan_id: &str,
) -> QueryResult<Vec<(PaperLink, super::documents::Document)>> {
    let rows: Vec<(PaperLink, super::documents::DocumentRow)> = agenda_item_documents::table
        .inner_join(agenda_items::table)
        .inner_join(documents::table)
        .filter(agenda_items::plan_id.eq(plan_id))
        .order((agenda_item_documents::agenda_item_id, agenda_item_documents::position))
        .select((PaperLink::as_select(), super::documents::DocumentRow::as_select()))
        .load(conn)?;
    Ok(with_documents(rows))
}

/// The agenda items of every meeting of a body, by meeting and position
/// (one query for a body's calendar feed).
pub fn items_of_body(conn: &mut DbConnection, body_key: &str) -> QueryResult<Vec<AgendaItem>> {
    agenda_items::table
        .filter(agenda_items::body_key.eq(body_key))
        .order((agenda_items::meeting_id, agenda_items::position, agenda_items::id))
        .select(AgendaItem::as_select())
        .load(conn)
}

/// Papers with their documents read into the domain's terms (a paper is
/// public or exempt, never private, so no section is needed).
fn with_documents(
    rows: Vec<(PaperLink, super::documents::DocumentRow)>,
) -> Vec<(PaperLink, super::documents::Document)> {
    rows.into_iter().filter_map(|(link, row)| Some((link, super::documents::Document::from_row(row, None)?))).collect()
}
