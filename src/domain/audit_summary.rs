//! What an audit entry's summary says, read back from the text it was
//! written as (old entries included), so the log page can say it in the
//! reader's language and without raw ids.

use chrono::NaiveDateTime;

/// One field's value before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// The action says it all ("signed in", "one-time link made").
    Nothing,
    /// A login refused for too many failed attempts.
    LoginLocked,
    ThemeAdded(String),
    /// A document attached to a plan.
    DocumentAdded {
        title: String,
    },
    /// A new version of a plan's document.
    DocumentReplaced {
        old: String,
        new: String,
    },
    ContactAdded {
        role: String,
        name_published: bool,
    },
    /// A theme or contact deleted; older entries kept only its id.
    PartDeleted {
        part: String,
    },
    MilestoneAdded {
        title: String,
        planned: String,
    },
    MilestoneChanged {
        title: String,
        changes: Vec<Change>,
    },
    MilestoneMoved {
        up: bool,
    },
    MilestoneDeleted {
        title: String,
    },
    ThemeDeleted {
        title: String,
    },
    ContactDeleted {
        role: String,
    },
    StageChanged {
        from: String,
        to: String,
        decision: Option<String>,
    },
    HearingSet {
        opens: NaiveDateTime,
        closes: NaiveDateTime,
    },
    /// The hearing's deadline moved later.
    HearingExtended {
        from: NaiveDateTime,
        to: NaiveDateTime,
    },
    /// The hearing's title, questions, themes and bodies set.
    HearingDetails {
        title: String,
        questions: usize,
    },
    Changes(Vec<Change>),
    UserCreated {
        roles: Vec<String>,
    },
    RolesChanged {
        before: Vec<String>,
        after: Vec<String>,
    },
    /// Anything else, as written, with ids left out.
    Text(String),
}

const QUIET: [&str; 9] = [
    "",
    "signed in",
    "signed out",
    "created",
    "wrong e-mail or password",
    "one-time link made",
    "password set from a one-time link",
    "user-disabled",
    "user-enabled",
];

/// Reads `summary` as written for `action`.
pub fn parse(action: &str, summary: &str) -> Detail {
    let s = summary.trim();
    if QUIET.contains(&s) {
        return Detail::Nothing;
    }
    if s == "refused: too many failed logins" {
        return Detail::LoginLocked;
    }
    if let Some(title) = s.strip_prefix("theme added: ") {
        return Detail::ThemeAdded(title.to_owned());
    }
    if let Some(rest) = s.strip_prefix("document added: ") {
        return Detail::DocumentAdded { title: split_parenthesis(rest).0.to_owned() };
    }
    if let Some((old, new)) = s.strip_prefix("document replaced: ").and_then(|r| r.split_once(" → ")) {
        return Detail::DocumentReplaced { old: old.to_owned(), new: new.to_owned() };
    }
    if let Some(role) = s.strip_prefix("contact added: ") {
        let (role, name_published) = match role.strip_suffix(" (name published)") {
            Some(role) => (role, true),
            None => (role, false),
        };
        return Detail::ContactAdded { role: role.to_owned(), name_published };
    }
    if let Some(rest) = s.strip_prefix("milestone added: ") {
        let (title, planned) = split_parenthesis(rest);
        return Detail::MilestoneAdded { title: title.to_owned(), planned: planned.unwrap_or_default().to_owned() };
    }
    // "{part}: {id} deleted ({title})"; older entries have no title.
    for part in ["milestones", "themes", "contacts"] {
        let Some(rest) = s.strip_prefix(part).and_then(|r| r.strip_prefix(": ")) else { continue };
        let Some((_, after_id)) = rest.split_once(" deleted") else { continue };
        let title = after_id.strip_prefix(" (").and_then(|t| t.strip_suffix(')')).unwrap_or("").to_owned();
        return match (part, title.is_empty()) {
            (_, true) => Detail::PartDeleted { part: part.to_owned() },
            ("milestones", false) => Detail::MilestoneDeleted { title },
            ("themes", false) => Detail::ThemeDeleted { title },
            _ => Detail::ContactDeleted { role: title },
        };
    }
    if let Some(rest) = s.strip_prefix("milestone ") {
        if let Some(direction) = rest.split_once(" moved ").map(|(_, d)| d) {
            return Detail::MilestoneMoved { up: direction == "up" };
        }
        // "milestone {id} ({title}): changes"
        if let Some((head, changes)) = rest.split_once("): ") {
            let title = head.split_once(" (").map_or(head, |(_, t)| t);
            return Detail::MilestoneChanged { title: title.to_owned(), changes: parse_changes(changes) };
        }
    }
    if let Some(rest) = s.strip_prefix("stage ") {
        if let Some((from, rest)) = rest.split_once(" → ") {
            let (to, decision) = split_parenthesis(rest);
            let decision = decision.filter(|d| *d != "no decision").map(str::to_owned);
            return Detail::StageChanged { from: from.to_owned(), to: to.to_owned(), decision };
        }
    }
    if let Some(rest) = s.strip_prefix("hearing set: ").and_then(|r| r.strip_suffix(" UTC")) {
        let time = |t: &str| NaiveDateTime::parse_from_str(t.trim(), "%Y-%m-%d %H:%M:%S").ok();
        if let Some((Some(opens), Some(closes))) = rest.split_once(" – ").map(|(a, b)| (time(a), time(b))) {
            return Detail::HearingSet { opens, closes };
        }
    }
    if let Some(rest) = s.strip_prefix("hearing deadline extended: ").and_then(|r| r.strip_suffix(" UTC")) {
        let time = |t: &str| NaiveDateTime::parse_from_str(t.trim(), "%Y-%m-%d %H:%M:%S").ok();
        if let Some((Some(from), Some(to))) = rest.split_once(" → ").map(|(a, b)| (time(a), time(b))) {
            return Detail::HearingExtended { from, to };
        }
    }
    if let Some((counts, title)) = s.strip_prefix("hearing details set: ").and_then(|r| r.split_once("; title: ")) {
        if let Some(Ok(questions)) = counts.split_whitespace().next().map(str::parse) {
            return Detail::HearingDetails { title: title.to_owned(), questions };
        }
    }
    if let Some(roles) = s.strip_prefix("created with roles ") {
        return Detail::UserCreated { roles: role_list(roles) };
    }
    if let Some((before, after)) = s.strip_prefix("roles ").and_then(|r| r.split_once(" → ")) {
        return Detail::RolesChanged { before: role_list(before), after: role_list(after) };
    }
    if action == "plan-changed" || s.contains(": «") {
        let changes = parse_changes(s);
        if !changes.is_empty() {
            return Detail::Changes(changes);
        }
    }
    Detail::Text(without_ids(s))
}

/// "title (in parenthesis)" → ("title", Some("in parenthesis")).
fn split_parenthesis(text: &str) -> (&str, Option<&str>) {
    match text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
        Some((head, inside)) => (head, Some(inside)),
        None => (text, None),
    }
}

fn role_list(text: &str) -> Vec<String> {
    text.split(',').map(|r| r.trim().trim_end_matches(':').to_owned()).filter(|r| !r.is_empty()).collect()
}

/// "title: «a» → «b»; planned: «c» → «d»".
fn parse_changes(text: &str) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut rest = text;
    while let Some((field, after_field)) = rest.split_once(": «") {
        let Some((before, after_before)) = after_field.split_once("» → «") else { break };
        let (after, next) = match after_before.find("»; ") {
            Some(end) => (&after_before[..end], &after_before[end + "»; ".len()..]),
            None => (after_before.strip_suffix('»').unwrap_or(after_before), ""),
        };
        changes.push(Change { field: field.trim().to_owned(), before: before.to_owned(), after: after.to_owned() });
        rest = next;
    }
    changes
}

/// The text with UUIDs (as ids are written) left out.
pub fn without_ids(text: &str) -> String {
    text.split(' ').filter(|word| !looks_like_id(word)).collect::<Vec<_>>().join(" ")
}

fn looks_like_id(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let word = word.rsplit(':').next().unwrap_or(word);
    word.len() == 36
        && word.chars().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "01a20925-6a3b-7c8d-9e0f-123456789abc";

    #[test]
    fn reads_milestone_entries_without_their_ids() {
        assert_eq!(
            parse("plan-changed", &format!("milestones: {ID} deleted (Kunnskapsgrunnlag ferdig)")),
            Detail::MilestoneDeleted { title: "Kunnskapsgrunnlag ferdig".into() }
        );
        assert_eq!(
            parse("plan-changed", &format!("milestone {ID} (Høring): title: «Høring» → «Offentlig høring»")),
            Detail::MilestoneChanged {
                title: "Høring".into(),
                changes: vec![Change {
                    field: "title".into(),
                    before: "Høring".into(),
                    after: "Offentlig høring".into()
                }]
            }
        );
        assert_eq!(parse("plan-changed", &format!("milestone {ID} moved up")), Detail::MilestoneMoved { up: true });
        assert_eq!(
            parse("plan-changed", &format!("themes: {ID} deleted")),
            Detail::PartDeleted { part: "themes".into() }
        );
        assert_eq!(
            parse("plan-changed", &format!("contacts: {ID} deleted")),
            Detail::PartDeleted { part: "contacts".into() }
        );
        assert_eq!(
            parse("plan-changed", &format!("milestones: {ID} deleted")),
            Detail::PartDeleted { part: "milestones".into() }
        );
        assert_eq!(
            parse("plan-changed", &format!("themes: {ID} deleted (Skole (grunnskole))")),
            Detail::ThemeDeleted { title: "Skole (grunnskole)".into() }
        );
        assert_eq!(
            parse("plan-changed", &format!("contacts: {ID} deleted (Prosjektleder)")),
            Detail::ContactDeleted { role: "Prosjektleder".into() }
        );
        assert_eq!(
            parse("plan-changed", "milestone added: Vedtak (2021-06)"),
            Detail::MilestoneAdded { title: "Vedtak".into(), planned: "2021-06".into() }
        );
    }

    #[test]
    fn reads_plan_changes_stage_moves_and_roles() {
        assert_eq!(
            parse("plan-changed", "summary: «a; b» → «c»; horizon: «12» → «8»"),
            Detail::Changes(vec![
                Change { field: "summary".into(), before: "a; b".into(), after: "c".into() },
                Change { field: "horizon".into(), before: "12".into(), after: "8".into() },
            ])
        );
        assert_eq!(
            parse("stage-changed", "stage mandat → kunnskapsgrunnlag (PS 1/20)"),
            Detail::StageChanged {
                from: "mandat".into(),
                to: "kunnskapsgrunnlag".into(),
                decision: Some("PS 1/20".into())
            }
        );
        assert_eq!(
            parse("user-created", "created with roles planner:, handler:digitalisering"),
            Detail::UserCreated { roles: vec!["planner".into(), "handler:digitalisering".into()] }
        );
        assert_eq!(
            parse("roles-changed", "roles planner → admin, planner"),
            Detail::RolesChanged { before: vec!["planner".into()], after: vec!["admin".into(), "planner".into()] }
        );
        assert_eq!(parse("login", "signed in"), Detail::Nothing);
    }

    #[test]
    fn reads_document_entries() {
        assert_eq!(
            parse("plan-changed", "document added: Notat (om avtale) (saksframlegg, kunnskapsgrunnlag)"),
            Detail::DocumentAdded { title: "Notat (om avtale)".into() }
        );
        assert_eq!(
            parse("plan-changed", "document replaced: Utkast → Utkast, revidert"),
            Detail::DocumentReplaced { old: "Utkast".into(), new: "Utkast, revidert".into() }
        );
    }

    #[test]
    fn reads_the_secretarys_entries() {
        assert_eq!(
            parse("meeting-changed", "time: «formannskapet 10.03.2031 18:00» → «formannskapet 11.03.2031 17:00»"),
            Detail::Changes(vec![Change {
                field: "time".into(),
                before: "formannskapet 10.03.2031 18:00".into(),
                after: "formannskapet 11.03.2031 17:00".into()
            }])
        );
        let added = "agenda item added: PS 2/31 Tilsetting (formannskapet 10.03.2031 18:00)";
        assert_eq!(parse("agenda-item-added", added), Detail::Text(added.into()));
    }

    #[test]
    fn unknown_text_loses_its_ids() {
        assert_eq!(parse("x", &format!("something about plan:{ID} here")), Detail::Text("something about here".into()));
    }

    #[test]
    fn changes_are_read_whatever_the_action_and_however_long_the_values() {
        let change = |field: &str, before: &str, after: &str| Change {
            field: field.into(),
            before: before.into(),
            after: after.into(),
        };
        assert_eq!(
            parse("user-changed", "name: «Kari» → «Kari Nordmann»"),
            Detail::Changes(vec![change("name", "Kari", "Kari Nordmann")])
        );
        assert_eq!(
            parse("plan-changed", "title: «ab» → «abcdefgh»; planned: «2020-01» → «2020-02»"),
            Detail::Changes(vec![change("title", "ab", "abcdefgh"), change("planned", "2020-01", "2020-02")])
        );
    }

    #[test]
    fn only_uuids_are_left_out() {
        let not_ids = "cafe 0123 abcdefghijabcdefghijabcdefghijabcdef 01a20925x6a3bx7c8dx9e0fx123456789abc";
        assert_eq!(without_ids(not_ids), not_ids);
        assert_eq!(without_ids(&format!("a {ID} b")), "a b");
    }

    #[test]
    fn hearing_extensions_and_details_are_read_back() {
        let at = |d: u32, h: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 12, d).and_then(|d| d.and_hms_opt(h, 0, 0)).expect("valid")
        };
        assert_eq!(
            parse("plan-changed", "hearing deadline extended: 2026-12-20 22:00:00 → 2026-12-31 11:00:00 UTC"),
            Detail::HearingExtended { from: at(20, 22), to: at(31, 11) }
        );
        let summary = "hearing details set: 3 questions, themes [natur], bodies [], personal data kept 24 months; \
                       title: Høring: «klima»";
        assert_eq!(
            parse("plan-changed", summary),
            Detail::HearingDetails { title: "Høring: «klima»".into(), questions: 3 }
        );
    }
}
