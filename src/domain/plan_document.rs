//! A plan's document as the planner attaches it: kind, title, stage, date
//! and access class; a new version of one; and the order a plan's list
//! shows them in (each current version with its older ones under it).

use chrono::NaiveDate;

use super::document::AccessClass;
use super::planned::{PlannedTime, PlannedTimeError};
use super::role::BODIES;
use super::stage::Stage;
use super::text::{self, TextError};

/// Longest title, public title and legal ground.
pub const MAX_DOCUMENT_TITLE: usize = 300;
pub const MAX_LEGAL_GROUND: usize = 200;

/// What a plan's document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Kunnskapsgrunnlag: the knowledge base.
    KnowledgeBase,
    /// Høringsutkast: the draft sent on hearing.
    HearingDraft,
    /// Høringsnotat: the note that explains what is on hearing and asks.
    HearingNote,
    /// Saksframlegg: a case paper for a political body.
    CasePaper,
    /// Vedtatt plan: the adopted plan.
    AdoptedPlan,
    /// Annet: anything else.
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 6] = [
        DocumentKind::KnowledgeBase,
        DocumentKind::HearingDraft,
        DocumentKind::HearingNote,
        DocumentKind::CasePaper,
        DocumentKind::AdoptedPlan,
        DocumentKind::Other,
    ];

    /// The key stored in the database and used in the catalogues
    /// (`document-kind-{key}`).
    pub fn key(self) -> &'static str {
        match self {
            DocumentKind::KnowledgeBase => "kunnskapsgrunnlag",
            DocumentKind::HearingDraft => "horingsutkast",
            DocumentKind::HearingNote => "horingsnotat",
            DocumentKind::CasePaper => "saksframlegg",
            DocumentKind::AdoptedPlan => "vedtatt-plan",
            DocumentKind::Other => "annet",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.key() == key.trim())
    }
}

/// The document form as typed (the file itself is read apart; `has_file`
/// says whether one came).
#[derive(Debug, Clone, Copy, Default)]
pub struct DocumentDraft<'a> {
    pub has_file: bool,
    pub title: &'a str,
    pub kind: &'a str,
    pub stage: &'a str,
    pub dated_on: &'a str,
    /// `public` or `exempt`.
    pub access: &'a str,
    pub legal_ground: &'a str,
    pub public_title: &'a str,
    pub body: &'a str,
}

/// A checked document form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedDocument {
    pub title: String,
    pub kind: DocumentKind,
    pub stage: Stage,
    pub dated_on: Option<NaiveDate>,
    pub class: AccessClass,
    /// For exempt documents: the title the public sees.
    pub public_title: Option<String>,
}

/// The form fields an error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentField {
    File,
    Title,
    Kind,
    Stage,
    DatedOn,
    Access,
    LegalGround,
    PublicTitle,
    Body,
}

impl DocumentField {
    pub fn name(self) -> &'static str {
        match self {
            DocumentField::File => "file",
            DocumentField::Title => "title",
            DocumentField::Kind => "kind",
            DocumentField::Stage => "stage",
            DocumentField::DatedOn => "dated_on",
            DocumentField::Access => "access",
            DocumentField::LegalGround => "legal_ground",
            DocumentField::PublicTitle => "public_title",
            DocumentField::Body => "body",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentError {
    Text(TextError),
    FileMissing,
    UnknownKind,
    UnknownStage,
    /// The date does not read as a day.
    BadDate,
    /// A month or a range of months where a day is needed.
    NotADay,
    NoSuchDate,
    UnknownAccess,
    UnknownBody,
}

impl DocumentError {
    pub fn message_key(self) -> &'static str {
        match self {
            DocumentError::Text(error) => error.message_key(),
            DocumentError::FileMissing => "document-error-file-missing",
            DocumentError::UnknownKind => "document-error-kind",
            DocumentError::UnknownStage => "field-error-unknown-stage",
            DocumentError::BadDate => "document-error-date",
            DocumentError::NotADay => "document-error-date-day",
            DocumentError::NoSuchDate => "planned-error-no-such-date",
            DocumentError::UnknownAccess => "document-error-access",
            DocumentError::UnknownBody => "document-error-body",
        }
    }
}

pub type DocumentErrors = Vec<(DocumentField, DocumentError)>;

/// A document's date as the planner writes it: `2020-09-15`, `15.09.2020`,
/// `15. september 2020`; empty is no date.
pub fn parse_date(typed: &str) -> Result<Option<NaiveDate>, DocumentError> {
    let typed = text::single_line(typed);
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    if let Some(date) = dotted_date(typed) {
        return date.map(Some);
    }
    match typed.parse::<PlannedTime>() {
        Ok(PlannedTime::Day(day)) => Ok(Some(day)),
        Ok(_) => Err(DocumentError::NotADay),
        Err(PlannedTimeError::NoSuchDate) => Err(DocumentError::NoSuchDate),
        Err(_) => Err(DocumentError::BadDate),
    }
}

/// `15.09.2020` or `15.9.2020`, as dates are written in Norway; None when
/// the text is not of that shape.
fn dotted_date(typed: &str) -> Option<Result<NaiveDate, DocumentError>> {
    let parts: Vec<&str> = typed.split('.').collect();
    let [day, month, year] = parts.as_slice() else { return None };
    let digits = |s: &str, lengths: &[usize]| lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(day, &[1, 2]) && digits(month, &[1, 2]) && digits(year, &[4])) {
        return None;
    }
    let (day, month, year): (u32, u32, i32) = (day.parse().ok()?, month.parse().ok()?, year.parse().ok()?);
    if year < 1000 {
        return Some(Err(DocumentError::BadDate));
    }
    Some(NaiveDate::from_ymd_opt(year, month, day).ok_or(DocumentError::NoSuchDate))
}

impl DocumentDraft<'_> {
    /// Checks the draft; errors are keyed by field, in the form's order.
    pub fn parse(&self) -> Result<AttachedDocument, DocumentErrors> {
        let draft = self;
        use DocumentField as F;
        let mut errors = DocumentErrors::new();
        if !draft.has_file {
            errors.push((F::File, DocumentError::FileMissing));
        }
        let title = text::required(draft.title, MAX_DOCUMENT_TITLE)
            .map_err(|e| errors.push((F::Title, DocumentError::Text(e))))
            .ok();
        let kind = DocumentKind::parse(draft.kind);
        if kind.is_none() {
            errors.push((F::Kind, DocumentError::UnknownKind));
        }
        let stage =
            draft.stage.trim().parse::<Stage>().map_err(|_| errors.push((F::Stage, DocumentError::UnknownStage))).ok();
        let dated_on = parse_date(draft.dated_on).map_err(|e| errors.push((F::DatedOn, e))).ok();
        let access = parse_access(draft, &mut errors);
        match (title, kind, stage, dated_on, access) {
            (Some(title), Some(kind), Some(stage), Some(dated_on), Some((class, public_title)))
                if errors.is_empty() =>
            {
                Ok(AttachedDocument { title, kind, stage, dated_on, class, public_title })
            }
            _ => Err(errors),
        }
    }
}

/// Public, or exempt (unntatt offentlighet) with its legal ground, the
/// title the public may see and the body whose members may read it.
fn parse_access(draft: &DocumentDraft<'_>, errors: &mut DocumentErrors) -> Option<(AccessClass, Option<String>)> {
    use DocumentField as F;
    match draft.access.trim() {
        "public" => Some((AccessClass::Public, None)),
        "exempt" => {
            let ground = text::required(draft.legal_ground, MAX_LEGAL_GROUND)
                .map_err(|e| errors.push((F::LegalGround, DocumentError::Text(e))))
                .ok();
            let public_title = text::required(draft.public_title, MAX_DOCUMENT_TITLE)
                .map_err(|e| errors.push((F::PublicTitle, DocumentError::Text(e))))
                .ok();
            let body = BODIES.into_iter().find(|b| *b == draft.body.trim());
            if body.is_none() {
                errors.push((F::Body, DocumentError::UnknownBody));
            }
            let (ground, public_title, body) = (ground?, public_title?, body?);
            Some((AccessClass::Exempt { legal_ground: ground, body: body.to_owned() }, Some(public_title)))
        }
        _ => {
            errors.push((F::Access, DocumentError::UnknownAccess));
            None
        }
    }
}

/// The form for a new version of a document, as typed: the file, and
/// optionally a new title and date (kind, stage and access class are the
/// old version's).
#[derive(Debug, Clone, Copy, Default)]
pub struct VersionDraft<'a> {
    pub has_file: bool,
    pub title: &'a str,
    pub dated_on: &'a str,
}

/// A checked new-version form: None keeps the old version's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVersion {
    pub title: Option<String>,
    pub dated_on: Option<NaiveDate>,
}

impl VersionDraft<'_> {
    pub fn parse(&self) -> Result<NewVersion, DocumentErrors> {
        let draft = self;
        use DocumentField as F;
        let mut errors = DocumentErrors::new();
        if !draft.has_file {
            errors.push((F::File, DocumentError::FileMissing));
        }
        let title = text::optional(draft.title, MAX_DOCUMENT_TITLE)
            .map_err(|e| errors.push((F::Title, DocumentError::Text(e))))
            .ok();
        let dated_on = parse_date(draft.dated_on).map_err(|e| errors.push((F::DatedOn, e))).ok();
        match (title, dated_on) {
            (Some(title), Some(dated_on)) if errors.is_empty() => Ok(NewVersion { title, dated_on }),
            _ => Err(errors),
        }
    }
}

/// A plan's documents as lists of versions, newest first: `links` are
/// (document, the document that replaced it) in the list's order. Each
/// current document heads its list, in the order of the list; a document
/// whose chain does not end in a listed one (a broken link) heads a list
/// of its own, so nothing is ever hidden.
pub fn version_lists(links: &[(&str, Option<&str>)]) -> Vec<Vec<usize>> {
    let listed = |id: &str| links.iter().position(|(d, _)| *d == id);
    let mut lists: Vec<Vec<usize>> = Vec::new();
    let mut placed = vec![false; links.len()];
    for (head, (id, replaced_by)) in links.iter().enumerate() {
        let is_head = replaced_by.and_then(listed).is_none();
        if !is_head {
            continue;
        }
        let mut list = vec![head];
        placed[head] = true;
        let mut current = *id;
        // Each step takes an unplaced row, so a cycle cannot loop forever.
        while let Some(older) = links.iter().enumerate().position(|(i, (_, by))| !placed[i] && *by == Some(current)) {
            placed[older] = true;
            list.push(older);
            current = links[older].0;
        }
        lists.push(list);
    }
    // Rows in a cycle (never made by the app) are shown on their own.
    lists.extend((0..links.len()).filter(|i| !placed[*i]).map(|i| vec![i]));
    lists
}

#[cfg(test)]
#[path = "plan_document_tests.rs"]
mod tests;
