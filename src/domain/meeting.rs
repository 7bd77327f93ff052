//! Meetings of political bodies: their status, the numbering of agenda items
//! as municipalities write it (`PS 12/20`), archive case numbers and the
//! notice lead time. No I/O.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, NaiveDate};

/// Where a meeting stands (the order they normally come in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeetingStatus {
    /// Planlagt: in the calendar, no notice yet.
    Planned,
    /// Innkalt: the notice and papers are published.
    Convened,
    /// Avholdt: held; decisions may be recorded.
    Held,
    /// Protokoll godkjent: the minutes are approved; nothing changes after.
    MinutesApproved,
    /// Avlyst.
    Cancelled,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 5] = [
        MeetingStatus::Planned,
        MeetingStatus::Convened,
        MeetingStatus::Held,
        MeetingStatus::MinutesApproved,
        MeetingStatus::Cancelled,
    ];

    /// The key stored in the database, used in URLs and catalogues
    /// (`meeting-status-{key}`).
    pub fn key(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "planlagt",
            MeetingStatus::Convened => "innkalt",
            MeetingStatus::Held => "avholdt",
            MeetingStatus::MinutesApproved => "protokoll-godkjent",
            MeetingStatus::Cancelled => "avlyst",
        }
    }

    /// Whether the public sees the agenda: from the notice on.
    pub fn agenda_is_public(self) -> bool {
        matches!(self, MeetingStatus::Convened | MeetingStatus::Held | MeetingStatus::MinutesApproved)
    }

    /// Whether agenda items may still be added, changed or given papers.
    pub fn agenda_is_open(self) -> bool {
        matches!(self, MeetingStatus::Planned | MeetingStatus::Convened)
    }

    /// Whether decisions may be recorded: once held, until the minutes are
    /// approved.
    pub fn takes_decisions(self) -> bool {
        self == MeetingStatus::Held
    }

    /// The status a secretary's step leads to from this one, or why not.
    pub fn step(self, step: MeetingStep) -> Result<MeetingStatus, StepRefused> {
        use MeetingStatus::*;
        match (step, self) {
            (MeetingStep::PublishNotice, Planned) => Ok(Convened),
            (MeetingStep::MarkHeld, Convened) => Ok(Held),
            (MeetingStep::ApproveMinutes, Held) => Ok(MinutesApproved),
            (MeetingStep::Cancel, Planned | Convened) => Ok(Cancelled),
            _ => Err(StepRefused { from: self, step }),
        }
    }
}

impl fmt::Display for MeetingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown meeting status '{0}'")]
pub struct UnknownStatus(pub String);

impl FromStr for MeetingStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MeetingStatus::ALL.into_iter().find(|m| m.key() == s).ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

/// What a meeting secretary does to a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingStep {
    PublishNotice,
    MarkHeld,
    ApproveMinutes,
    Cancel,
}

impl MeetingStep {
    pub const ALL: [MeetingStep; 4] =
        [MeetingStep::PublishNotice, MeetingStep::MarkHeld, MeetingStep::ApproveMinutes, MeetingStep::Cancel];

    pub fn key(self) -> &'static str {
        match self {
            MeetingStep::PublishNotice => "innkall",
            MeetingStep::MarkHeld => "avholdt",
            MeetingStep::ApproveMinutes => "godkjenn-protokoll",
            MeetingStep::Cancel => "avlys",
        }
    }
}

impl FromStr for MeetingStep {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MeetingStep::ALL.into_iter().find(|m| m.key() == s).ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

/// A step that does not apply to the meeting's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a meeting that is {from} cannot take the step {step:?}")]
pub struct StepRefused {
    pub from: MeetingStatus,
    pub step: MeetingStep,
}

/// The kind of an agenda item, by the letters municipalities number it with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemType {
    /// PS: politisk sak, to be decided.
    Political,
    /// OS: orienteringssak, for information.
    Briefing,
    /// RS: referatsak, letters and decisions reported to the body.
    Report,
    /// DS: delegert sak, decided by the administration under delegation.
    Delegated,
}

impl ItemType {
    pub const ALL: [ItemType; 4] = [ItemType::Political, ItemType::Briefing, ItemType::Report, ItemType::Delegated];

    /// The letters, as stored and written (`PS`); catalogue `item-type-{code}`.
    pub fn code(self) -> &'static str {
        match self {
            ItemType::Political => "PS",
            ItemType::Briefing => "OS",
            ItemType::Report => "RS",
            ItemType::Delegated => "DS",
        }
    }

    /// Whether the body decides the item (only such items move plans).
    pub fn is_decided(self) -> bool {
        self == ItemType::Political
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown agenda item type '{0}' (PS, OS, RS or DS)")]
pub struct UnknownItemType(pub String);

impl FromStr for ItemType {
    type Err = UnknownItemType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim().to_ascii_uppercase();
        ItemType::ALL.into_iter().find(|t| t.code() == code).ok_or_else(|| UnknownItemType(s.to_owned()))
    }
}

/// `PS 12/20`: the item's type, its number within the body's year, and
/// the year (written with two digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct AgendaNumber {
    pub item_type: ItemType,
    pub number: i32,
    pub year: i32,
}

impl fmt::Display for AgendaNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}/{:02}", self.item_type.code(), self.number, self.year.rem_euclid(100))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an agenda item number (PS 12/20)")]
pub struct NotAnAgendaNumber;

impl AgendaNumber {
    /// Reads `PS 12/20` or `PS 12/2020` as typed; a two-digit year is of
    /// the century of `century_of` (e.g. the meeting's year).
    pub fn parse(typed: &str, century_of: i32) -> Result<AgendaNumber, NotAnAgendaNumber> {
        let (code, rest) = typed.trim().split_once(' ').ok_or(NotAnAgendaNumber)?;
        let item_type = code.parse::<ItemType>().map_err(|_| NotAnAgendaNumber)?;
        let (number, year) = rest.trim().split_once('/').ok_or(NotAnAgendaNumber)?;
        let number = digits(number, 1..=5)?;
        let year = match year.len() {
            2 => century_of - century_of.rem_euclid(100) + digits(year, 2..=2)?,
            4 => digits(year, 4..=4)?,
            _ => return Err(NotAnAgendaNumber),
        };
        if number == 0 {
            return Err(NotAnAgendaNumber);
        }
        Ok(AgendaNumber { item_type, number, year })
    }
}

fn digits(s: &str, len: std::ops::RangeInclusive<usize>) -> Result<i32, NotAnAgendaNumber> {
    if !len.contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NotAnAgendaNumber);
    }
    s.parse().map_err(|_| NotAnAgendaNumber)
}

/// The archive's case number as written, `20/12345`: a two-digit year, a
/// slash and a sequence of 1 to 6 digits; spaces around are dropped.
pub fn archive_case(typed: &str) -> Result<String, NotAnArchiveCase> {
    let typed = typed.trim();
    let (year, number) = typed.split_once('/').ok_or(NotAnArchiveCase)?;
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 2 || !all_digits(year) || number.len() > 6 || !all_digits(number) {
        return Err(NotAnArchiveCase);
    }
    Ok(typed.to_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an archive case number (20/12345)")]
pub struct NotAnArchiveCase;

/// The last day the notice and papers may be published for a meeting on
/// `meeting_day` by a body with `notice_days` of lead time.
pub fn notice_due(meeting_day: NaiveDate, notice_days: u32) -> NaiveDate {
    meeting_day.checked_sub_days(Days::new(u64::from(notice_days))).unwrap_or(NaiveDate::MIN)
}

/// Whether a notice published on `published_on` is late.
pub fn notice_is_late(meeting_day: NaiveDate, notice_days: u32, published_on: NaiveDate) -> bool {
    published_on > notice_due(meeting_day, notice_days)
}

#[cfg(test)]
#[path = "meeting_tests.rs"]
mod tests;
