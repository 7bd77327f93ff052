//! The message catalogues (Fluent) for Bokmål, Nynorsk and English, the
//! choice of language, and dates written the way each language writes them.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use chrono_tz::Europe::Oslo;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use crate::domain::planned::PlannedTime;

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Lang {
    /// Norsk bokmål, the default.
    Nb,
    /// Norsk nynorsk.
    Nn,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Nn, Lang::En];

    /// The BCP 47 code, used in `lang` attributes, cookies and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
        }
    }

    /// The language's own name, as the switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Nb => "Bokmål",
            Lang::Nn => "Nynorsk",
            Lang::En => "English",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The best language for an Accept-Language header, if it names one we have.
    /// "no" (Norwegian) counts as Bokmål.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality =
                pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let lang = match primary {
                "nb" | "no" => Lang::Nb,
                "nn" => Lang::Nn,
                "en" => Lang::En,
                _ => continue,
            };
            if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
                best = Some((lang, quality));
            }
        }
        best.map(|(lang, _)| lang)
    }
}

/// `locales/<lang>/*.ftl`: one file per feature, all loaded into one bundle.
static LOCALES: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/src/i18n/locales");

/// The catalogue files of a language, as (file name, text).
fn sources(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let Some(dir) = LOCALES.get_dir(lang.code()) else { return Vec::new() };
    let mut files: Vec<_> = dir
        .files()
        .filter_map(|f| Some((f.path().file_name()?.to_str()?, f.contents_utf8()?)))
        .filter(|(name, _)| name.ends_with(".ftl"))
        .collect();
    files.sort();
    files
}

/// All messages of all languages, parsed once at start.
pub struct Catalog {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Catalog")
    }
}

impl Catalog {
    pub fn load() -> anyhow::Result<Self> {
        let mut bundles = HashMap::new();
        for lang in Lang::ALL {
            let id: LanguageIdentifier = lang.code().parse()?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // The messages go into HTML; Unicode isolation marks would only
            // confuse screen readers and copy-paste.
            bundle.set_use_isolating(false);
            for (name, source) in sources(lang) {
                let resource = FluentResource::try_new(source.to_owned())
                    .map_err(|(_, errors)| anyhow::anyhow!("{}/{name} does not parse: {errors:?}", lang.code()))?;
                bundle
                    .add_resource(resource)
                    .map_err(|errors| anyhow::anyhow!("{}/{name} repeats messages: {errors:?}", lang.code()))?;
            }
            bundles.insert(lang, bundle);
        }
        Ok(Self { bundles })
    }

    /// The message `key` in `lang`, with `args` filled in. A missing message
    /// shows its key, so a gap is visible instead of silent.
    pub fn message(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(bundle) = self.bundles.get(&lang) else { return key.to_owned() };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = lang.code(), "message missing from catalogue");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, lang = lang.code(), ?errors, "message formatted with errors");
        }
        text.into_owned()
    }

    /// The keys of every message in `lang`'s catalogue.
    pub fn keys(lang: Lang) -> Vec<String> {
        let mut keys = Vec::new();
        for (_, source) in sources(lang) {
            let Ok(resource) = FluentResource::try_new(source.to_owned()) else { continue };
            keys.extend(resource.entries().filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            }));
        }
        keys
    }

    /// A date as the language writes it: "9. september 2020" / "9 September 2020".
    pub fn date(&self, lang: Lang, date: NaiveDate) -> String {
        let month = self.message(lang, &format!("month-{}", date.month()), None);
        match lang {
            Lang::Nb | Lang::Nn => format!("{}. {} {}", date.day(), month, date.year()),
            Lang::En => format!("{} {} {}", date.day(), month, date.year()),
        }
    }

    /// A month as the language writes it: "oktober 2020" / "October 2020".
    pub fn month(&self, lang: Lang, year: i32, month: u32) -> String {
        format!("{} {}", self.message(lang, &format!("month-{month}"), None), year)
    }

    /// A planned time as the language writes it: "9. september 2020",
    /// "Oktober 2020", "Januar – mars 2021", "November 2021 – februar 2022".
    pub fn planned(&self, lang: Lang, planned: PlannedTime) -> String {
        capitalise(&self.planned_inline(lang, planned))
    }

    /// A planned time inside a sentence: "planlagt oktober 2020",
    /// "planlagt januar – mars 2021".
    pub fn planned_inline(&self, lang: Lang, planned: PlannedTime) -> String {
        match planned {
            PlannedTime::Day(day) => self.date(lang, day),
            PlannedTime::Month(m) => self.month(lang, m.year, m.month),
            PlannedTime::Months(a, b) if a.year == b.year => {
                let first = self.message(lang, &format!("month-{}", a.month), None);
                format!("{first} – {}", self.month(lang, b.year, b.month))
            }
            PlannedTime::Months(a, b) => {
                format!("{} – {}", self.month(lang, a.year, a.month), self.month(lang, b.year, b.month))
            }
        }
    }

    /// A stored UTC time, shown in Europe/Oslo: "23. november 2026 kl. 14.30".
    pub fn datetime(&self, lang: Lang, utc: NaiveDateTime) -> String {
        let local = utc.and_utc().with_timezone(&Oslo);
        let date = self.date(lang, local.date_naive());
        match lang {
            Lang::Nb | Lang::Nn => format!("{date} kl. {:02}.{:02}", local.hour(), local.minute()),
            Lang::En => format!("{date}, {:02}:{:02}", local.hour(), local.minute()),
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planned_times_are_written_as_people_write_them() {
        let catalog = Catalog::load().expect("catalogues parse");
        let cases = [
            ("2020-09-09", "9. september 2020", "9 September 2020"),
            ("2020-10", "Oktober 2020", "October 2020"),
            ("2021-01/2021-03", "Januar – mars 2021", "January – March 2021"),
            ("2021-11/2022-02", "November 2021 – februar 2022", "November 2021 – February 2022"),
        ];
        for (iso, nb, en) in cases {
            let planned: PlannedTime = iso.parse().expect("iso");
            assert_eq!(catalog.planned(Lang::Nb, planned), nb);
            assert_eq!(catalog.planned(Lang::En, planned), en);
            assert_eq!(nb.parse::<PlannedTime>(), Ok(planned), "what is printed parses back");
        }
    }

    #[test]
    fn every_language_has_the_same_messages() {
        let mut nb = Catalog::keys(Lang::Nb);
        nb.sort();
        assert!(nb.len() > 20, "the catalogue looks empty");
        for lang in [Lang::Nn, Lang::En] {
            let mut other = Catalog::keys(lang);
            other.sort();
            let missing: Vec<_> = nb.iter().filter(|k| !other.contains(k)).collect();
            let extra: Vec<_> = other.iter().filter(|k| !nb.contains(k)).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, extra {extra:?}", lang.code());
        }
    }

    #[test]
    fn catalogues_load_and_format() {
        let catalog = Catalog::load().expect("catalogues parse");
        assert_eq!(catalog.message(Lang::Nb, "stage-mandat", None), "Mandat");
        assert_eq!(catalog.message(Lang::Nb, "no-such-key", None), "no-such-key");
    }

    #[test]
    fn dates_are_written_the_norwegian_way() {
        let catalog = Catalog::load().expect("catalogues parse");
        let date = NaiveDate::from_ymd_opt(2020, 9, 9).expect("date");
        assert_eq!(catalog.date(Lang::Nb, date), "9. september 2020");
        assert_eq!(catalog.date(Lang::En, date), "9 September 2020");
        // 13:30 UTC in November is 14:30 in Oslo (CET); in June it is 15:30 (CEST).
        let winter = NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(13, 30, 0)).expect("time");
        assert_eq!(catalog.datetime(Lang::Nb, winter), "23. november 2026 kl. 14.30");
        let summer = NaiveDate::from_ymd_opt(2026, 6, 1).and_then(|d| d.and_hms_opt(13, 30, 0)).expect("time");
        assert_eq!(catalog.datetime(Lang::Nn, summer), "1. juni 2026 kl. 15.30");
    }

    #[test]
    fn accept_language_picks_the_best_known_language() {
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("nn-NO, nb;q=0.8"), Some(Lang::Nn));
        assert_eq!(Lang::from_accept_language("de, no;q=0.5, en;q=0.4"), Some(Lang::Nb));
        assert_eq!(Lang::from_accept_language("de, fr"), None);
        assert_eq!(Lang::from_accept_language("en;q=0"), None);
    }
}
