//! The members' reading room: what is new or changed for a member since
//! their last visit to a meeting, and what a private note may hold. No I/O.

use chrono::NaiveDateTime;

use super::text::TextError;

/// How long a private note may be, in characters.
pub const NOTE_MAX_CHARS: usize = 5_000;

/// What a member has not seen yet of an agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Novelty {
    /// Ny: added since the last visit (or never visited).
    New,
    /// Endret: changed since the last visit.
    Changed,
}

impl Novelty {
    /// The key used in catalogues (`reading-room-novelty-{key}`) and classes.
    pub fn key(self) -> &'static str {
        match self {
            Novelty::New => "ny",
            Novelty::Changed => "endret",
        }
    }
}

/// An agenda item as the member last saw it: nothing if unchanged since
/// `last_visit`; new if never visited, or if it has not been changed since
/// it was added (`version` 1); changed otherwise. (Items keep no creation
/// time: one added and then changed between two visits reads as changed.)
pub fn item_novelty(last_visit: Option<NaiveDateTime>, updated_at: NaiveDateTime, version: i32) -> Option<Novelty> {
    match last_visit {
        None => Some(Novelty::New),
        Some(seen) if updated_at > seen => Some(if version <= 1 { Novelty::New } else { Novelty::Changed }),
        Some(_) => None,
    }
}

/// Whether a paper was added since the member's last visit (every paper is
/// new to a member who never opened the meeting).
pub fn paper_is_new(last_visit: Option<NaiveDateTime>, added_at: NaiveDateTime) -> bool {
    last_visit.is_none_or(|seen| added_at > seen)
}

/// Whether the meeting itself (time, place, status) changed since the last
/// visit; on a first visit everything is new, nothing "changed".
pub fn meeting_changed(last_visit: Option<NaiveDateTime>, updated_at: NaiveDateTime) -> bool {
    last_visit.is_some_and(|seen| updated_at > seen)
}

/// How many things on a meeting's page the member has not seen: the meeting
/// if it changed, each new or changed item, each new paper.
pub fn unseen_count(
    last_visit: Option<NaiveDateTime>,
    meeting_updated_at: NaiveDateTime,
    items: impl IntoIterator<Item = (NaiveDateTime, i32)>,
    papers: impl IntoIterator<Item = NaiveDateTime>,
) -> usize {
    usize::from(meeting_changed(last_visit, meeting_updated_at))
        + items.into_iter().filter(|(updated, version)| item_novelty(last_visit, *updated, *version).is_some()).count()
        + papers.into_iter().filter(|added| paper_is_new(last_visit, *added)).count()
}

/// A private note as typed: line breaks as `\n`, at most [`NOTE_MAX_CHARS`]
/// characters; a note of only white space is None (the note is deleted).
/// The text is kept as typed otherwise: it is the member's own.
pub fn note(typed: &str) -> Result<Option<String>, TextError> {
    let text = typed.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Ok(None);
    }
    let text = text.trim_end().to_owned();
    if text.chars().count() > NOTE_MAX_CHARS {
        return Err(TextError::TooLong { max: NOTE_MAX_CHARS });
    }
    Ok(Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).and_then(|d| d.and_hms_opt(hour, 0, 0)).expect("time")
    }

    #[test]
    fn items_are_new_or_changed_since_the_last_visit() {
        assert_eq!(item_novelty(None, at(8), 3), Some(Novelty::New), "never visited: all is new");
        assert_eq!(item_novelty(Some(at(9)), at(8), 1), None, "seen");
        assert_eq!(item_novelty(Some(at(9)), at(9), 2), None, "seen at the same instant");
        assert_eq!(item_novelty(Some(at(9)), at(10), 1), Some(Novelty::New));
        assert_eq!(item_novelty(Some(at(9)), at(10), 2), Some(Novelty::Changed));
    }

    #[test]
    fn papers_and_meetings_since_the_last_visit() {
        assert!(paper_is_new(None, at(8)));
        assert!(paper_is_new(Some(at(9)), at(10)));
        assert!(!paper_is_new(Some(at(9)), at(8)));
        assert!(!meeting_changed(None, at(8)));
        assert!(meeting_changed(Some(at(9)), at(10)));
        assert!(!meeting_changed(Some(at(9)), at(9)));
    }

    #[test]
    fn the_count_takes_in_meeting_items_and_papers() {
        let items = [(at(10), 1), (at(8), 1), (at(11), 4)];
        let papers = [at(10), at(7)];
        assert_eq!(unseen_count(Some(at(9)), at(12), items, papers), 4);
        assert_eq!(unseen_count(Some(at(13)), at(12), items, papers), 0);
        assert_eq!(unseen_count(None, at(12), items, papers), 5, "first visit: every item and paper");
    }

    #[test]
    fn notes_are_bounded_and_empty_deletes() {
        assert_eq!(note("  \r\n \t"), Ok(None));
        assert_eq!(note("Spør om\r\nkostnadene  \n"), Ok(Some("Spør om\nkostnadene".to_owned())));
        assert_eq!(note(&"ø".repeat(NOTE_MAX_CHARS)).map(|n| n.map(|t| t.chars().count())), Ok(Some(NOTE_MAX_CHARS)));
        assert_eq!(note(&"ø".repeat(NOTE_MAX_CHARS + 1)), Err(TextError::TooLong { max: NOTE_MAX_CHARS }));
        assert_eq!(note(&"a\r\n".repeat(2_500)).map(|n| n.is_some()), Ok(true), "a line break counts once");
    }
}
