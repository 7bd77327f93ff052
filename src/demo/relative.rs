//! Demo plans whose dates are set relative to today, so every public state
//! can be seen whenever the demo runs: one plan with its hearing open now,
//! one adopted plan with its revision ahead.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime};

use super::asker::DemoSection;
use super::{ContactSpec, EventSpec, MilestoneSpec, PlanSpec};
use crate::domain::oslo;
use crate::domain::planned::{PlannedTime, YearMonth};
use crate::domain::stage::Stage;

pub(super) fn section() -> DemoSection {
    DemoSection {
        key: "klima-og-miljo".into(),
        name: "Seksjon for klima og miljø".into(),
        email: "klima@kommune.example".into(),
    }
}

/// Days from today (negative: ago).
fn day(today: NaiveDate, offset: i64) -> NaiveDate {
    if offset >= 0 {
        today.checked_add_days(Days::new(offset as u64)).unwrap_or(today)
    } else {
        today.checked_sub_days(Days::new(offset.unsigned_abs())).unwrap_or(today)
    }
}

/// The month `offset` months from this one.
fn month(today: NaiveDate, offset: i32) -> YearMonth {
    let first = today.with_day(1).unwrap_or(today);
    let shifted = if offset >= 0 {
        first.checked_add_months(Months::new(offset as u32))
    } else {
        first.checked_sub_months(Months::new(offset.unsigned_abs()))
    }
    .unwrap_or(first);
    YearMonth { year: shifted.year(), month: shifted.month() }
}

/// "mars 2027", as the demo's Bokmål texts write a month.
fn month_name(month: YearMonth) -> String {
    const NAMES: [&str; 12] = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ];
    let name = NAMES.get(month.month as usize - 1).copied().unwrap_or_default();
    format!("{name} {}", month.year)
}

/// A UTC time at `hour` o'clock in Oslo on `date`.
fn at(date: NaiveDate, hour: u32) -> NaiveDateTime {
    let local = date.and_hms_opt(hour, 0, 0).unwrap_or_default();
    oslo::to_utc(local).unwrap_or(local)
}

fn milestone(planned: PlannedTime, title: &str, stage: Stage, done_on: Option<NaiveDate>) -> MilestoneSpec {
    MilestoneSpec { planned, title: title.into(), stage, done_on }
}

fn contact(name: Option<(&str, bool)>, role: &str, responsibility: Option<&str>, email: &str) -> ContactSpec {
    ContactSpec {
        name: name.map(|(name, consent)| (name.to_owned(), consent)),
        role: role.into(),
        responsibility: responsibility.map(str::to_owned),
        email: Some(email.into()),
        phone: None,
    }
}

fn event(at: NaiveDateTime, from: Option<Stage>, to: Stage, note: &str, decision: Option<&str>) -> EventSpec {
    EventSpec { at, from, to, note: note.into(), decision: decision.map(str::to_owned) }
}

pub(super) fn plans(now: NaiveDateTime) -> Vec<PlanSpec> {
    let today = oslo::date(now);
    let year = today.year() % 100;
    vec![climate(today, year), sports(today, year)]
}

/// At the hearing stage, the hearing open from ten days ago until twenty days
/// ahead; one milestone late.
fn climate(today: NaiveDate, year: i32) -> PlanSpec {
    use Stage::*;
    let mandate = day(today, -190);
    let first_treatment = day(today, -14);
    let hearing_opens = day(today, -10);
    let hearing_closes = day(today, 20);
    PlanSpec {
        slug: "klima-og-miljo".into(),
        title: "Temaplan for klima og miljø".into(),
        summary: "Temaplanen for klima og miljø viser hvordan kommunen skal nå målene om lavere utslipp, \
                  tilpasse seg et våtere klima og ta vare på naturen. Den gjelder i tolv år og rulleres hvert \
                  fjerde år."
            .into(),
        vision: "Et samfunn der det er enkelt å leve klimavennlig, og der naturen og innbyggerne tåler \
                 klimaendringene."
            .into(),
        status_text: format!(
            "Utkastet til temaplan er på offentlig høring. Når fristen er ute, går vi gjennom alle innspillene \
             og oppsummerer dem. Planen legges så fram for formannskapet til annengangsbehandling i {}.",
            month_name(month(today, 3))
        ),
        horizon_years: 12,
        revision_interval_years: 4,
        section: "klima-og-miljo".into(),
        stage: Hearing,
        adopted_on: None,
        participants: vec!["innbyggere".into(), "næringsliv".into(), "frivillige".into(), "ansatte".into()],
        themes: vec![
            ("utslipp".into(), "Lavere klimagassutslipp".into()),
            ("klimatilpasning".into(), "Klimatilpasning og overvann".into()),
            ("natur".into(), "Natur, friluftsliv og naturmangfold".into()),
            ("sirkular".into(), "Sirkulær økonomi og innkjøp".into()),
        ],
        // Made-up people: one agreed to have their name published, one not.
        contacts: vec![
            contact(
                Some(("Kari Nordmann", false)),
                "Seksjonsleder for klima og miljø",
                Some("Ansvarlig for temaplanen"),
                "klima@kommune.example",
            ),
            contact(
                Some(("Ola Nordmann", true)),
                "Rådgiver klima",
                Some("Kontakt for høringen"),
                "klima@kommune.example",
            ),
        ],
        milestones: vec![
            milestone(PlannedTime::Day(mandate), "Mandat og rammer vedtatt i formannskapet", Mandate, Some(mandate)),
            milestone(
                PlannedTime::Month(month(today, -4)),
                "Kunnskapsgrunnlaget presenteres for formannskapet",
                KnowledgeBase,
                Some(day(month(today, -4).first_day(), 14)),
            ),
            milestone(
                PlannedTime::Day(first_treatment),
                "Førstegangsbehandling i formannskapet",
                FirstTreatment,
                Some(first_treatment),
            ),
            milestone(PlannedTime::Day(day(today, -3)), "Åpent innbyggermøte om klimatilpasning", Hearing, None),
            milestone(
                PlannedTime::Months(month(today, 0), month(today, 1)),
                "Offentlig høring og medvirkning",
                Hearing,
                None,
            ),
            milestone(
                PlannedTime::Month(month(today, 3)),
                "Annengangsbehandling i formannskapet",
                SecondTreatment,
                None,
            ),
            milestone(PlannedTime::Month(month(today, 4)), "Endelig vedtak i kommunestyret", FinalVote, None),
        ],
        events: vec![
            event(at(day(today, -200), 9), None, Mandate, "Arbeidet med temaplanen startet.", None),
            event(
                at(mandate, 18),
                Some(Mandate),
                KnowledgeBase,
                "Formannskapet vedtok mandat og rammer.",
                Some(&format!("PS 14/{year:02}")),
            ),
            event(
                at(day(today, -60), 10),
                Some(KnowledgeBase),
                FirstTreatment,
                "Kunnskapsgrunnlaget er presentert; utkast til plan er klart.",
                None,
            ),
            event(
                at(first_treatment, 18),
                Some(FirstTreatment),
                Hearing,
                "Formannskapet sendte utkastet på offentlig høring.",
                Some(&format!("PS 41/{year:02}")),
            ),
        ],
        hearing: Some((at(hearing_opens, 9), at(hearing_closes, 23))),
    }
}

/// Adopted two years ago; the revision falls due in two years.
fn sports(today: NaiveDate, year: i32) -> PlanSpec {
    use Stage::*;
    let adopted = day(today, -730);
    let last_year = (year + 98) % 100;
    PlanSpec {
        slug: "idrett-og-friluftsliv".into(),
        title: "Temaplan for idrett og friluftsliv".into(),
        summary: "Temaplanen for idrett og friluftsliv prioriterer anlegg, turveier og tiltak som får flere i \
                  aktivitet. Planen er vedtatt og gjelder til den rulleres."
            .into(),
        vision: "Alle skal ha mulighet til å være fysisk aktive i hverdagen, uansett alder og forutsetninger.".into(),
        status_text: "Planen er vedtatt, og tiltakene følges opp hvert år i handlingsdelen. Arbeidet med neste \
                      rullering starter om to år."
            .into(),
        horizon_years: 12,
        revision_interval_years: 4,
        section: "innovasjon-og-digitalisering".into(),
        stage: Adopted,
        adopted_on: Some(adopted),
        participants: vec!["innbyggere".into(), "frivillige".into(), "folkevalgte".into()],
        themes: vec![
            ("anlegg".into(), "Idrettsanlegg og nærmiljøanlegg".into()),
            ("turveier".into(), "Turveier og friluftsområder".into()),
        ],
        contacts: vec![contact(None, "Rådgiver idrett og friluftsliv", None, "innovasjon@kommune.example")],
        milestones: vec![
            milestone(
                PlannedTime::Day(day(adopted, -300)),
                "Mandat vedtatt i formannskapet",
                Mandate,
                Some(day(adopted, -300)),
            ),
            milestone(
                PlannedTime::Day(day(adopted, -200)),
                "Kunnskapsgrunnlaget presentert",
                KnowledgeBase,
                Some(day(adopted, -200)),
            ),
            milestone(
                PlannedTime::Day(day(adopted, -150)),
                "Førstegangsbehandling i formannskapet",
                FirstTreatment,
                Some(day(adopted, -150)),
            ),
            milestone(PlannedTime::Day(day(adopted, -100)), "Offentlig høring", Hearing, Some(day(adopted, -100))),
            milestone(
                PlannedTime::Day(day(adopted, -40)),
                "Annengangsbehandling i formannskapet",
                SecondTreatment,
                Some(day(adopted, -40)),
            ),
            milestone(PlannedTime::Day(adopted), "Endelig vedtak i kommunestyret", FinalVote, Some(adopted)),
        ],
        events: vec![
            event(at(day(adopted, -320), 9), None, Mandate, "Arbeidet med temaplanen startet.", None),
            event(
                at(day(adopted, -300), 18),
                Some(Mandate),
                KnowledgeBase,
                "Formannskapet vedtok mandatet.",
                Some(&format!("PS 5/{last_year:02}")),
            ),
            event(
                at(day(adopted, -200), 18),
                Some(KnowledgeBase),
                FirstTreatment,
                "Kunnskapsgrunnlaget presentert.",
                None,
            ),
            event(
                at(day(adopted, -150), 18),
                Some(FirstTreatment),
                Hearing,
                "Sendt på offentlig høring.",
                Some(&format!("PS 22/{last_year:02}")),
            ),
            event(
                at(day(adopted, -70), 12),
                Some(Hearing),
                SecondTreatment,
                "Høringen er avsluttet og oppsummert.",
                None,
            ),
            event(
                at(day(adopted, -40), 18),
                Some(SecondTreatment),
                FinalVote,
                "Formannskapet anbefalte planen.",
                Some(&format!("PS 48/{last_year:02}")),
            ),
            event(
                at(adopted, 20),
                Some(FinalVote),
                Adopted,
                "Kommunestyret vedtok temaplanen.",
                Some(&format!("KS 31/{last_year:02}")),
            ),
        ],
        hearing: Some((at(day(adopted, -130), 9), at(day(adopted, -90), 23))),
    }
}
