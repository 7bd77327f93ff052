//! "Hva vi hørte", the hearing summary: which submissions it shows, whose
//! name it may show, and the counts by theme and category. A summary is a
//! snapshot made when a planner publishes it; these rules decide what goes
//! into the snapshot, so nothing private can reach the public page later.

use std::collections::HashMap;

/// A handler's moderation decision, as stored on the submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderation {
    NotAssessed,
    Published,
    PublishedWithoutName,
    Withheld,
}

impl Moderation {
    /// Unknown keys are read as not assessed: never shown.
    pub fn from_key(key: &str) -> Self {
        match key {
            "publisert" => Self::Published,
            "publisert-uten-navn" => Self::PublishedWithoutName,
            "holdt-tilbake" => Self::Withheld,
            _ => Self::NotAssessed,
        }
    }
}

/// What the summary rules read of a submission.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub moderation: Moderation,
    /// The submitter's consent to publishing the text.
    pub publish_text: bool,
    /// The submitter's consent to publishing the name.
    pub publish_name: bool,
    /// Whether the category is an organisation (næringsliv, lag …).
    pub organisation: bool,
    pub name: Option<&'a str>,
    pub organisation_name: Option<&'a str>,
}

/// Whether the submission appears at all: a handler published it and the
/// submitter agreed to publishing the text.
pub fn shown(source: &Source<'_>) -> bool {
    source.publish_text && matches!(source.moderation, Moderation::Published | Moderation::PublishedWithoutName)
}

/// The name shown with a shown submission. Published with the name: an
/// organisation is named by its organisation name (never its contact
/// person), a private person only with consent to publishing the name.
/// An e-mail address or organisation number is never shown.
pub fn author(source: &Source<'_>) -> Option<String> {
    if !shown(source) || source.moderation != Moderation::Published {
        return None;
    }
    let name = if source.organisation {
        source.organisation_name
    } else if source.publish_name {
        source.name
    } else {
        None
    };
    name.map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned)
}

/// What changes in the submissions of a hearing move: their number and the
/// sum of their versions (every handler's change and every erasure bumps a
/// version). Kept with a summary to tell the planner it is out of date.
pub fn source_state(count: i64, version_sum: i64) -> String {
    format!("{count}:{version_sum}")
}

/// How many submissions name each key, in the order of `order`; keys not in
/// `order` follow in first-seen order, and keys nobody named are left out.
pub fn counts<'a, I>(order: &[&'a str], named: I) -> Vec<(&'a str, i64)>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut found: HashMap<&str, i64> = HashMap::new();
    let mut seen: Vec<&str> = Vec::new();
    for key in named {
        let count = found.entry(key).or_insert(0);
        if *count == 0 {
            seen.push(key);
        }
        *count += 1;
    }
    let known = order.iter().copied().filter(|k| found.contains_key(k));
    let rest = seen.iter().copied().filter(|k| !order.contains(k));
    known.chain(rest).map(|k| (k, found[k])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(moderation: &str, publish_name: bool, organisation: bool) -> Source<'static> {
        Source {
            moderation: Moderation::from_key(moderation),
            publish_text: true,
            publish_name,
            organisation,
            name: Some("Kari Nordmann"),
            organisation_name: Some("Asker Velforening"),
        }
    }

    #[test]
    fn only_published_submissions_with_consent_to_the_text_are_shown() {
        assert!(shown(&source("publisert", false, false)));
        assert!(shown(&source("publisert-uten-navn", false, false)));
        assert!(!shown(&source("holdt-tilbake", true, false)));
        assert!(!shown(&source("ikke-vurdert", true, false)));
        assert!(!shown(&source("noe-annet", true, false)));
        let no_consent = Source { publish_text: false, ..source("publisert", true, false) };
        assert!(!shown(&no_consent));
    }

    #[test]
    fn a_private_persons_name_needs_consent_and_publication_with_the_name() {
        assert_eq!(author(&source("publisert", true, false)).as_deref(), Some("Kari Nordmann"));
        assert_eq!(author(&source("publisert", false, false)), None);
        assert_eq!(author(&source("publisert-uten-navn", true, false)), None);
        assert_eq!(author(&source("holdt-tilbake", true, false)), None);
    }

    #[test]
    fn an_organisation_is_named_by_its_organisation_name_never_its_contact() {
        assert_eq!(author(&source("publisert", false, true)).as_deref(), Some("Asker Velforening"));
        assert_eq!(author(&source("publisert-uten-navn", true, true)), None);
        let unnamed = Source { organisation_name: Some("  "), ..source("publisert", true, true) };
        assert_eq!(author(&unnamed), None);
    }

    #[test]
    fn counts_follow_the_given_order_then_first_seen() {
        let got = counts(&["a", "b", "c"], ["c", "x", "a", "c", "x", "x"]);
        assert_eq!(got, vec![("a", 1), ("c", 2), ("x", 3)]);
        assert!(counts(&["a"], []).is_empty());
    }
}
