//! Submissions to the climate plan's open hearing, so the inbox, routing,
//! assessment and "Hva vi hørte" can be seen: across categories and themes,
//! routed by the demo's rules to two sections, some assessed and published,
//! one withheld with its reason. Stored with the functions the form uses
//! (reference from the yearly counter, routing by the rules); no e-mail is
//! sent for them. Each is known by its idempotency digest, so loading
//! twice adds nothing twice.

use chrono::{Datelike, NaiveDateTime};

use crate::db::{self, demo_submissions, hearings, plans, submissions, users, DbConnection};
use crate::domain::oslo;
use crate::domain::routing::{self, Routed};
use crate::domain::submission_intake as intake;

/// (moderation, assessment, the municipality's answer, withheld reason)
type Handled = (&'static str, Option<&'static str>, Option<&'static str>, Option<&'static str>);

struct Demo {
    category: &'static str,
    name: Option<&'static str>,
    email: Option<&'static str>,
    organisation: Option<(&'static str, &'static str)>,
    themes: &'static [&'static str],
    text: &'static str,
    /// An answer to the first guiding question.
    answer: Option<&'static str>,
    publish_name: bool,
    /// (moderation, assessment, the municipality's answer, withheld reason)
    handled: Option<Handled>,
}

const fn demo(
    category: &'static str,
    name: Option<&'static str>,
    themes: &'static [&'static str],
    text: &'static str,
) -> Demo {
    Demo {
        category,
        name,
        email: None,
        organisation: None,
        themes,
        text,
        answer: None,
        publish_name: false,
        handled: None,
    }
}

fn all() -> Vec<Demo> {
    const ANSWER_BIKE: &str = "Sykkelveinettet er tatt inn som tiltak 2.3 i handlingsdelen.";
    vec![
        Demo {
            email: Some("kari.fjell@example.org"),
            publish_name: true,
            answer: Some("Sykkelvei til skolene og flere ladepunkter."),
            handled: Some(("publisert", Some("tatt-til-folge"), Some(ANSWER_BIKE), None)),
            ..demo(
                "innbygger",
                Some("Kari Fjell"),
                &["utslipp"],
                "Bygg trygg sykkelvei langs fylkesveien, så flere barn kan sykle til skolen.",
            )
        },
        Demo {
            handled: Some((
                "publisert-uten-navn",
                Some("delvis-tatt-til-folge"),
                Some("Vi kartlegger overvannet i Solbakken i 2027; tiltak vurderes etter kartleggingen."),
                None,
            )),
            ..demo(
                "innbygger",
                Some("Per Bekk"),
                &["klimatilpasning"],
                "Kjelleren vår i Solbakken blir oversvømt hver høst. Kommunen må ta overvannet på alvor.",
            )
        },
        Demo {
            organisation: Some(("Gjenbruksverkstedet AS", "987654325")),
            email: Some("post@gjenbruk.example"),
            handled: Some((
                "publisert",
                Some("tatt-til-folge"),
                Some("Kommunen vil inngå avtale om ombruk av møbler, se tiltak 4.1."),
                None,
            )),
            ..demo(
                "naeringsliv",
                Some("Lise Ombruk"),
                &["sirkular"],
                "Vi tilbyr å ta imot brukte kontormøbler fra kommunen og sette dem i stand for skoler og barnehager.",
            )
        },
        Demo {
            organisation: Some(("Naturvernforbundet lokallag", "923456783")),
            handled: Some((
                "publisert",
                Some("delvis-tatt-til-folge"),
                Some("Myrene i Dalen er tatt inn i kartleggingen; vern vurderes i arealplanen."),
                None,
            )),
            ..demo(
                "frivillig-organisasjon",
                Some("Anne Myr"),
                &["natur"],
                "Myrene i Dalen lagrer mye karbon. De bør vernes mot utbygging, ikke bare kartlegges.",
            )
        },
        Demo {
            handled: Some((
                "holdt-tilbake",
                Some("ikke-tatt-til-folge"),
                Some("Innspillet er besvart direkte."),
                Some("personopplysninger-om-andre"),
            )),
            ..demo(
                "innbygger",
                Some("Ole Nabo"),
                &["utslipp"],
                "Naboen min i Skogveien 12 fyrer med gammel vedovn hver dag, han burde bøtelegges.",
            )
        },
        Demo {
            handled: Some((
                "publisert",
                Some("utenfor-planens-tema"),
                Some("Busstilbudet er fylkeskommunens ansvar; vi har sendt innspillet videre."),
                None,
            )),
            ..demo(
                "innbygger",
                None,
                &["utslipp"],
                "Bussen til sentrum går for sjelden om kvelden, så vi må kjøre bil.",
            )
        },
        Demo {
            organisation: Some(("Byggmester Berg AS", "998877660")),
            handled: Some((
                "ikke-vurdert",
                Some("delvis-tatt-til-folge"),
                Some("Krav om ombruk i kommunale byggeprosjekter utredes."),
                None,
            )),
            ..demo(
                "naeringsliv",
                Some("Tor Berg"),
                &["sirkular", "utslipp"],
                "Still krav om ombruk av byggematerialer i kommunale anbud, og gi oss tid til å omstille oss.",
            )
        },
        Demo {
            publish_name: true,
            handled: Some((
                "publisert",
                Some("tatt-til-folge"),
                Some("Ungdomsrådet får en fast plass i klimapanelet."),
                None,
            )),
            ..demo(
                "rad-utvalg",
                Some("Ungdomsrådet"),
                &["utslipp", "natur"],
                "Ungdomsrådet vil ha en fast plass når klimatiltakene følges opp hvert år.",
            )
        },
        Demo {
            answer: Some("Grønne tak på kommunale bygg."),
            ..demo(
                "ansatt",
                Some("Eva Drift"),
                &["klimatilpasning"],
                "Som driftsansatt ser jeg at grønne tak på skolene ville tatt mye av regnvannet.",
            )
        },
        demo(
            "innbygger",
            Some("Jon Strand"),
            &["natur"],
            "Strandsonen ved Fjordparken må holdes åpen for alle, også i planen for nye boliger.",
        ),
        Demo {
            email: Some("maria@example.org"),
            ..demo("innbygger", Some("Maria Lund"), &["sirkular"], "Lag en byttebod for klær og leker ved biblioteket.")
        },
        demo(
            "interessegruppe",
            Some("Syklistforeningen"),
            &["utslipp"],
            "Vi ønsker sykkelparkering under tak ved alle kollektivknutepunkt.",
        ),
        Demo {
            organisation: Some(("Fjordbakeriet", "934567897")),
            ..demo(
                "naeringsliv",
                Some("Siv Deig"),
                &["sirkular"],
                "Vi vil gjerne levere overskuddsbrød til en kommunal matdeling.",
            )
        },
        demo(
            "folkevalgt",
            Some("Arne Vedtak"),
            &["klimatilpasning", "natur"],
            "Planen bør si tydeligere hvem som har ansvaret for å følge opp klimatilpasningen.",
        ),
        demo(
            "offentlig-virksomhet",
            Some("Statsforvalteren"),
            &["natur"],
            "Vi minner om at naturmangfoldloven §§ 8–12 skal legges til grunn for tiltakene.",
        ),
        Demo {
            publish_name: true,
            ..demo(
                "innbygger",
                Some("Lars Eng"),
                &["klimatilpasning"],
                "Plant flere trær i sentrum, de gir skygge og tar opp regn.",
            )
        },
        demo(
            "innbygger",
            None,
            &["utslipp", "sirkular"],
            "Kommunen bør slutte å kjøpe engangsartikler til møter og arrangementer.",
        ),
        Demo {
            organisation: Some(("Grønn Energi AS", "975312461")),
            ..demo(
                "naeringsliv",
                Some("Knut Sol"),
                &["utslipp"],
                "Vi kan levere solceller på kommunale tak med leasingavtale.",
            )
        },
        demo(
            "ansatt",
            Some("Hilde Skole"),
            &["sirkular"],
            "Skolene trenger en ordning for å låne utstyr av hverandre i stedet for å kjøpe nytt.",
        ),
        demo(
            "innbygger",
            Some("Nils Bekk"),
            &["natur"],
            "Bekken i Lia er lagt i rør. Åpne den igjen, det er bra for både flom og fisk.",
        ),
    ]
}

/// Adds the demo submissions that are missing; returns how many it added.
pub fn seed(conn: &mut DbConnection, now: NaiveDateTime) -> anyhow::Result<usize> {
    let Some(plan) = plans::find_by_slug(conn, "klima-og-miljo")? else { return Ok(0) };
    let Some(hearing) = hearings::current_full(conn, &plan.id)? else { return Ok(0) };
    let Some(section) = plan.responsible_section_id.clone() else { return Ok(0) };
    let handler = users::find_by_email(conn, "saksbehandler@demo.example")?.map(|u| u.id);
    let rules = submissions::routing_rules(conn)?;
    let domain_rules: Vec<_> = rules.iter().map(|(_, rule)| rule.clone()).collect();
    let first_question = hearing.questions.first().map(|q| (q.id.clone(), q.text.clone()));
    let mut added = 0;
    for (i, d) in all().into_iter().enumerate() {
        let idempotency_hash = intake::idempotency_hash(&format!("demo-submission-{i}"));
        if submissions::exists_with_idempotency(conn, &idempotency_hash)? {
            continue;
        }
        // Spread over the days the hearing has been open.
        let hours = i64::try_from(i).unwrap_or(0) * 9 + 1;
        let created_at = (now - chrono::Duration::hours(hours)).max(hearing.hearing.opens_at);
        let year = oslo::local(created_at).year();
        let number = submissions::next_number(conn, year)?;
        let themes: Vec<&str> = d.themes.to_vec();
        let routed = routing::route(
            &domain_rules,
            &routing::Submission { plan_id: &plan.id, themes: &themes, category: d.category },
        );
        let (section_id, rule_id) = match routed {
            Routed::Rule { index, section } => (section.to_owned(), rules.get(index).map(|(id, _)| id.clone())),
            Routed::Responsible => (section.clone(), None),
        };
        let id = db::new_id();
        // A random receipt token: nobody can guess a demo receipt's address.
        let receipt_hash = intake::receipt_hash(&intake::receipt_token(&db::new_id()));
        let address_hash = intake::address_hash(None);
        let answers: Vec<submissions::NewAnswer<'_>> = match (&first_question, d.answer) {
            (Some((question_id, question)), Some(answer)) => {
                vec![submissions::NewAnswer { question_id, question, answer }]
            }
            _ => Vec::new(),
        };
        submissions::insert(
            conn,
            &submissions::NewSubmission {
                id: &id,
                plan_id: &plan.id,
                hearing_id: &hearing.hearing.id,
                reference_year: year,
                reference_number: number,
                idempotency_hash: &idempotency_hash,
                receipt_hash: &receipt_hash,
                category: d.category,
                name: d.name,
                email: d.email,
                organisation_name: d.organisation.map(|(name, _)| name),
                organisation_number: d.organisation.map(|(_, number)| number),
                text: d.text,
                publish_text: true,
                publish_name: d.publish_name,
                lang: "nb",
                section_id: &section_id,
                address_hash: &address_hash,
                created_at,
            },
            &d.themes.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>(),
            &answers,
            &[],
            &submissions::NewRoute { section_id: &section_id, rule_id: rule_id.as_deref() },
        )?;
        if let Some((moderation, assessment, answer, withheld_reason)) = d.handled {
            let handling = demo_submissions::Handling {
                assessment,
                answer,
                moderation,
                withheld_reason,
                status: if assessment.is_some() { "vurdert" } else { "under-behandling" },
                by: handler.as_deref(),
                at: now,
            };
            demo_submissions::set_handling(conn, &id, &handling)?;
        }
        added += 1;
    }
    Ok(added)
}
