//! Documents (the metadata of stored files) and the plans' lists of them.

use diesel::prelude::*;

use super::schema::{documents, plan_documents, plans, sections};
use super::DbConnection;
use crate::domain::document::AccessClass;
use crate::domain::filetype::FileType;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = documents)]
pub struct DocumentRow {
    pub id: String,
    pub title: String,
    pub public_title: Option<String>,
    pub file_name: String,
    pub file_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub access_class: String,
    pub legal_ground: Option<String>,
    pub body: Option<String>,
    pub section_id: Option<String>,
    pub dated_on: Option<chrono::NaiveDate>,
    pub created_by: Option<String>,
    pub created_at: chrono::NaiveDateTime,
}

/// A document with its access class read back into the domain's terms.
#[derive(Debug, Clone)]
pub struct Document {
    pub row: DocumentRow,
    pub class: AccessClass,
    pub file_type: FileType,
}

impl Document {
    pub(crate) fn from_row(row: DocumentRow, section_key: Option<String>) -> Option<Self> {
        let class = match row.access_class.as_str() {
            "public" => AccessClass::Public,
            "exempt" => AccessClass::Exempt {
                legal_ground: row.legal_ground.clone().unwrap_or_default(),
                body: row.body.clone()?,
            },
            "private" => AccessClass::Private { section: section_key? },
            _ => return None,
        };
        let file_type = FileType::from_key(&row.file_type)?;
        Some(Self { row, class, file_type })
    }

    /// The title the public may see: exempt documents show their public
    /// title only.
    pub fn public_title(&self) -> Option<&str> {
        match self.class {
            AccessClass::Public => Some(&self.row.title),
            _ => self.row.public_title.as_deref(),
        }
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = documents)]
pub struct NewDocument<'a> {
    pub id: String,
    pub title: &'a str,
    pub public_title: Option<&'a str>,
    pub file_name: &'a str,
    pub file_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub access_class: &'a str,
    pub legal_ground: Option<&'a str>,
    pub body: Option<&'a str>,
    pub section_id: Option<String>,
    pub dated_on: Option<chrono::NaiveDate>,
    pub created_by: Option<&'a str>,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = plan_documents)]
pub struct NewPlanDocument<'a> {
    pub plan_id: &'a str,
    pub document_id: &'a str,
    pub stage: &'a str,
    pub kind: &'a str,
    pub position: i32,
}

/// A plan's document as its page lists it.
#[derive(Debug, Clone)]
pub struct PlanDocument {
    pub stage: String,
    pub kind: String,
    /// The newer version that replaced this one, if any.
    pub replaced_by: Option<String>,
    pub document: Document,
}

pub fn insert(conn: &mut DbConnection, document: &NewDocument<'_>) -> QueryResult<()> {
    diesel::insert_into(documents::table).values(document).execute(conn).map(drop)
}

/// One document; a row the domain cannot read (unknown class or type) is
/// treated as absent.
pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Document>> {
    let found = documents::table
        .left_join(sections::table)
        .filter(documents::id.eq(id))
        .select((DocumentRow::as_select(), sections::key.nullable()))
        .first::<(DocumentRow, Option<String>)>(conn)
        .optional()?;
    Ok(found.and_then(|(row, key)| Document::from_row(row, key)))
}

/// Every checksum a row names: the files the sweep keeps.
pub fn checksums(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    documents::table.select(documents::sha256).distinct().load(conn)
}

/// Every document, for `temaplan check`.
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<DocumentRow>> {
    documents::table.order(documents::created_at).select(DocumentRow::as_select()).load(conn)
}

pub fn link_to_plan(conn: &mut DbConnection, link: &NewPlanDocument<'_>) -> QueryResult<()> {
    diesel::insert_into(plan_documents::table).values(link).execute(conn).map(drop)
}

/// The next position in a plan's list, read inside the writer's transaction.
pub fn next_position(conn: &mut DbConnection, plan_id: &str) -> QueryResult<i32> {
    let last: Option<i32> = plan_documents::table
        .filter(plan_documents::plan_id.eq(plan_id))
        .select(diesel::dsl::max(plan_documents::position))
        .first(conn)?;
    Ok(last.map_or(0, |p| p + 1))
}

/// A plan's documents in their order (private ones are never listed).
pub fn for_plan(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Vec<PlanDocument>> {
    let rows = plan_documents::table
        .inner_join(documents::table)
        .filter(plan_documents::plan_id.eq(plan_id))
        .filter(documents::access_class.ne("private"))
        .order((plan_documents::position, documents::created_at))
        .select((plan_documents::stage, plan_documents::kind, plan_documents::replaced_by, DocumentRow::as_select()))
        .load::<(String, String, Option<String>, DocumentRow)>(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(stage, kind, replaced_by, row)| {
            Some(PlanDocument { stage, kind, replaced_by, document: Document::from_row(row, None)? })
        })
        .collect())
}

/// One of a plan's documents, with its place in the list; read inside the
/// transaction that replaces it.
pub fn plan_document(
    conn: &mut DbConnection,
    plan_id: &str,
    document_id: &str,
) -> QueryResult<Option<(PlanDocument, i32)>> {
    let found = plan_documents::table
        .inner_join(documents::table)
        .filter(plan_documents::plan_id.eq(plan_id))
        .filter(plan_documents::document_id.eq(document_id))
        .filter(documents::access_class.ne("private"))
        .select((
            plan_documents::stage,
            plan_documents::kind,
            plan_documents::replaced_by,
            plan_documents::position,
            DocumentRow::as_select(),
        ))
        .first::<(String, String, Option<String>, i32, DocumentRow)>(conn)
        .optional()?;
    Ok(found.and_then(|(stage, kind, replaced_by, position, row)| {
        Some((PlanDocument { stage, kind, replaced_by, document: Document::from_row(row, None)? }, position))
    }))
}

/// Marks a plan's document as replaced by `new_id` — only if nothing has
/// replaced it yet (the state the replacement was decided on). Returns the
/// rows changed: 0 when another version came first.
pub fn mark_replaced(conn: &mut DbConnection, plan_id: &str, old_id: &str, new_id: &str) -> QueryResult<usize> {
    diesel::update(
        plan_documents::table
            .filter(plan_documents::plan_id.eq(plan_id))
            .filter(plan_documents::document_id.eq(old_id))
            .filter(plan_documents::replaced_by.is_null()),
    )
    .set(plan_documents::replaced_by.eq(new_id))
    .execute(conn)
}

/// Whether a plan already lists a file with this checksum (the demo loader
/// asks, so loading twice adds nothing).
pub fn plan_has_file(conn: &mut DbConnection, plan_id: &str, sha256: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        plan_documents::table
            .inner_join(documents::table)
            .filter(plan_documents::plan_id.eq(plan_id))
            .filter(documents::sha256.eq(sha256)),
    ))
    .get_result(conn)
}

/// A public document a plan lists, with the plan it is listed on (the feeds).
#[derive(Debug, Clone)]
pub struct PublicOfPlan {
    pub kind: String,
    pub slug: String,
    pub plan_title: String,
    pub document: Document,
}

/// The newest public documents listed on one plan (or on any), newest first.
pub fn recent_public(conn: &mut DbConnection, plan_id: Option<&str>, limit: i64) -> QueryResult<Vec<PublicOfPlan>> {
    let mut query = plan_documents::table
        .inner_join(documents::table)
        .inner_join(plans::table)
        .filter(documents::access_class.eq("public"))
        .into_boxed();
    if let Some(plan_id) = plan_id {
        query = query.filter(plan_documents::plan_id.eq(plan_id.to_owned()));
    }
    let rows = query
        .order((documents::created_at.desc(), documents::id.desc()))
        .limit(limit)
        .select((plan_documents::kind, plans::slug, plans::title, DocumentRow::as_select()))
        .load::<(String, String, String, DocumentRow)>(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, slug, plan_title, row)| {
            Some(PublicOfPlan { kind, slug, plan_title, document: Document::from_row(row, None)? })
        })
        .collect())
}
