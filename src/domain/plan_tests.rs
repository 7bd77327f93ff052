use super::*;

const NONE: &[&str] = &[];

fn good() -> PlanDraft<'static> {
    PlanDraft {
        title: "Temaplan for skole og oppvekst",
        slug: "",
        summary: "Kort fortalt.",
        vision: "",
        status_text: "",
        horizon_years: "12",
        revision_interval_years: "4",
        section: "",
        participants: NONE,
    }
}

fn refused(draft: PlanDraft<'_>) -> PlanErrors {
    PlanDetails::parse(&draft).expect_err("refused")
}

fn text_error(field: PlanField, error: TextError) -> PlanErrors {
    vec![(field, PlanError::Text(error))]
}

#[test]
fn a_good_plan_parses_with_its_slug_made_from_the_title() {
    let plan = PlanDetails::parse(&good()).expect("good");
    assert_eq!(
        plan,
        PlanDetails {
            title: "Temaplan for skole og oppvekst".into(),
            slug: "temaplan-for-skole-og-oppvekst".into(),
            summary: "Kort fortalt.".into(),
            vision: String::new(),
            status_text: String::new(),
            horizon_years: 12,
            revision_interval_years: 4,
            section: None,
            participants: Vec::new(),
        }
    );
}

#[test]
fn every_field_is_kept_trimmed() {
    let groups = ["innbyggere", "ansatte"];
    let draft = PlanDraft {
        title: "  Klimaplan ",
        slug: " klima-2030 ",
        summary: " Kort. ",
        vision: " Et mål. ",
        status_text: " Nå: høring. ",
        horizon_years: " 10 ",
        revision_interval_years: " 2 ",
        section: " innovasjon ",
        participants: &groups,
    };
    let plan = PlanDetails::parse(&draft).expect("good");
    assert_eq!((plan.title.as_str(), plan.slug.as_str(), plan.summary.as_str()), ("Klimaplan", "klima-2030", "Kort."));
    assert_eq!((plan.vision.as_str(), plan.status_text.as_str()), ("Et mål.", "Nå: høring."));
    assert_eq!((plan.horizon_years, plan.revision_interval_years), (10, 2));
    assert_eq!(plan.section.as_deref(), Some("innovasjon"));
    assert_eq!(plan.participants, ["innbyggere", "ansatte"]);
}

#[test]
fn a_section_of_only_spaces_is_none() {
    let plan = PlanDetails::parse(&PlanDraft { section: "   ", ..good() }).expect("good");
    assert_eq!(plan.section, None);
}

#[test]
fn title_and_summary_are_required_and_limited() {
    for empty in ["", "   ", "\u{200B}"] {
        // Without a title there is no slug to make either.
        assert_eq!(
            refused(PlanDraft { title: empty, ..good() }),
            vec![
                (PlanField::Title, PlanError::Text(TextError::Required)),
                (PlanField::Slug, PlanError::Text(TextError::Required))
            ]
        );
        assert_eq!(
            refused(PlanDraft { summary: empty, ..good() }),
            text_error(PlanField::Summary, TextError::Required)
        );
    }
    let at_most = "x".repeat(MAX_TITLE);
    assert!(PlanDetails::parse(&PlanDraft { title: &at_most, ..good() }).is_ok());
    let long = "x".repeat(MAX_TITLE + 1);
    assert_eq!(
        refused(PlanDraft { title: &long, slug: "x-plan", ..good() }),
        text_error(PlanField::Title, TextError::TooLong { max: MAX_TITLE })
    );
    let long = "x".repeat(MAX_SUMMARY + 1);
    assert_eq!(
        refused(PlanDraft { summary: &long, ..good() }),
        text_error(PlanField::Summary, TextError::TooLong { max: MAX_SUMMARY })
    );
    let at_most = "x".repeat(MAX_SUMMARY);
    assert!(PlanDetails::parse(&PlanDraft { summary: &at_most, ..good() }).is_ok());
}

#[test]
fn vision_and_status_text_are_optional_and_limited() {
    let at_most = "x".repeat(MAX_VISION);
    assert_eq!(PlanDetails::parse(&PlanDraft { vision: &at_most, ..good() }).expect("good").vision, at_most);
    let long = "x".repeat(MAX_VISION + 1);
    assert_eq!(
        refused(PlanDraft { vision: &long, ..good() }),
        text_error(PlanField::Vision, TextError::TooLong { max: MAX_VISION })
    );
    let at_most = "x".repeat(MAX_STATUS_TEXT);
    let plan = PlanDetails::parse(&PlanDraft { status_text: &at_most, ..good() }).expect("good");
    assert_eq!(plan.status_text, at_most);
    let long = "x".repeat(MAX_STATUS_TEXT + 1);
    assert_eq!(
        refused(PlanDraft { status_text: &long, ..good() }),
        text_error(PlanField::StatusText, TextError::TooLong { max: MAX_STATUS_TEXT })
    );
    let spaces = PlanDetails::parse(&PlanDraft { vision: "  ", status_text: " \n ", ..good() }).expect("good");
    assert_eq!((spaces.vision.as_str(), spaces.status_text.as_str()), ("", ""));
}

#[test]
fn a_typed_slug_is_checked_and_an_empty_one_made_from_the_title() {
    assert_eq!(PlanDetails::parse(&PlanDraft { slug: "  ", ..good() }).expect("made").slug, good_slug());
    assert_eq!(refused(PlanDraft { slug: "Ikke gyldig", ..good() }), text_error(PlanField::Slug, TextError::BadSlug));
    assert_eq!(refused(PlanDraft { title: "!!!", ..good() }), text_error(PlanField::Slug, TextError::Required));
    assert_eq!(PlanDetails::parse(&PlanDraft { title: "!!!", slug: "ok", ..good() }).expect("typed").slug, "ok");
}

fn good_slug() -> &'static str {
    "temaplan-for-skole-og-oppvekst"
}

#[test]
fn horizon_and_interval_are_whole_numbers_in_range() {
    let (h_min, h_max) = HORIZON_YEARS;
    let (i_min, i_max) = REVISION_INTERVAL_YEARS;
    let horizon =
        |typed: &str| PlanDetails::parse(&PlanDraft { horizon_years: typed, revision_interval_years: "1", ..good() });
    let interval =
        |typed: &str| PlanDetails::parse(&PlanDraft { horizon_years: "30", revision_interval_years: typed, ..good() });
    assert_eq!(horizon(&h_min.to_string()).expect("min").horizon_years, h_min);
    assert_eq!(horizon(&h_max.to_string()).expect("max").horizon_years, h_max);
    assert_eq!(interval(&i_min.to_string()).expect("min").revision_interval_years, i_min);
    assert_eq!(interval(&i_max.to_string()).expect("max").revision_interval_years, i_max);
    let h_range = TextError::OutOfRange { min: h_min, max: h_max };
    let i_range = TextError::OutOfRange { min: i_min, max: i_max };
    for bad in ["0", "-1", "31", "12.5", "tolv", "1e1", "+-3", "99999999999"] {
        assert_eq!(horizon(bad).expect_err(bad), text_error(PlanField::Horizon, h_range), "{bad}");
    }
    for bad in ["0", "-4", "13", "4,0", "fire"] {
        assert_eq!(interval(bad).expect_err(bad), text_error(PlanField::RevisionInterval, i_range), "{bad}");
    }
    for empty in ["", "  "] {
        assert_eq!(horizon(empty).expect_err("empty"), text_error(PlanField::Horizon, TextError::Required));
        assert_eq!(interval(empty).expect_err("empty"), text_error(PlanField::RevisionInterval, TextError::Required));
    }
}

#[test]
fn the_interval_may_be_as_long_as_the_horizon_not_longer() {
    let with = |horizon, interval| PlanDraft { horizon_years: horizon, revision_interval_years: interval, ..good() };
    let same = PlanDetails::parse(&with("4", "4")).expect("interval == horizon");
    assert_eq!((same.horizon_years, same.revision_interval_years), (4, 4));
    assert!(PlanDetails::parse(&with("5", "4")).is_ok());
    assert_eq!(refused(with("4", "5")), vec![(PlanField::RevisionInterval, PlanError::IntervalBeyondHorizon)]);
    assert_eq!(refused(with("1", "12")), vec![(PlanField::RevisionInterval, PlanError::IntervalBeyondHorizon)]);
    // Compared only when both read: a bad horizon is the one error.
    assert_eq!(
        refused(with("0", "12")),
        text_error(PlanField::Horizon, TextError::OutOfRange { min: HORIZON_YEARS.0, max: HORIZON_YEARS.1 })
    );
}

#[test]
fn participants_come_from_the_list() {
    let all = PlanDetails::parse(&PlanDraft { participants: &PARTICIPANT_GROUPS, ..good() }).expect("all");
    assert_eq!(all.participants, PARTICIPANT_GROUPS);
    for unknown in [&["innbyggere", "hackere"][..], &[""][..], &["Innbyggere"][..]] {
        assert_eq!(
            refused(PlanDraft { participants: unknown, ..good() }),
            vec![(PlanField::Participants, PlanError::UnknownParticipant)]
        );
    }
}

#[test]
fn every_field_is_checked_in_the_forms_order() {
    let long_vision = "x".repeat(MAX_VISION + 1);
    let long_status = "x".repeat(MAX_STATUS_TEXT + 1);
    let all_bad = PlanDraft {
        title: " ",
        slug: "-",
        summary: "",
        vision: &long_vision,
        status_text: &long_status,
        horizon_years: "x",
        revision_interval_years: "x",
        section: "",
        participants: &["x"],
    };
    let fields: Vec<_> = refused(all_bad).into_iter().map(|(f, _)| f.name()).collect();
    assert_eq!(
        fields,
        [
            "title",
            "slug",
            "summary",
            "vision",
            "status_text",
            "horizon_years",
            "revision_interval_years",
            "participants"
        ]
    );
    let beyond = refused(PlanDraft { horizon_years: "2", revision_interval_years: "3", ..good() });
    assert_eq!(beyond[0].0.name(), "revision_interval_years");
}

#[test]
fn errors_name_their_messages() {
    assert_eq!(PlanError::Text(TextError::Required).message_key(), "field-error-required");
    assert_eq!(PlanError::Text(TextError::BadSlug).message_key(), "field-error-slug");
    assert_eq!(PlanError::IntervalBeyondHorizon.message_key(), "plan-error-interval-beyond-horizon");
    assert_eq!(PlanError::UnknownParticipant.message_key(), "plan-error-unknown-participant");
    assert_eq!(ThemeError::Taken.message_key(), "plan-error-theme-taken");
    assert_eq!(ThemeError::Text(TextError::TooLong { max: 1 }).message_key(), "field-error-too-long");
}

#[test]
fn a_theme_is_named_by_its_title_and_key() {
    let theme = ThemeName::parse("  Skole og oppvekst ").expect("good");
    assert_eq!(theme, ThemeName { title: "Skole og oppvekst".into(), key: "skole-og-oppvekst".into() });
    for empty in ["", "  ", "\u{FEFF}"] {
        assert_eq!(ThemeName::parse(empty), Err(ThemeError::Text(TextError::Required)));
    }
    assert!(ThemeName::parse(&"x".repeat(MAX_THEME)).is_ok());
    assert_eq!(
        ThemeName::parse(&"x".repeat(MAX_THEME + 1)),
        Err(ThemeError::Text(TextError::TooLong { max: MAX_THEME }))
    );
    // Only signs: no key to know the theme by.
    assert_eq!(ThemeName::parse("!!!"), Err(ThemeError::Taken));
}

#[test]
fn theme_names_are_unique_in_a_plan_whatever_the_case() {
    let theme = || ThemeName::parse("Skole").expect("good");
    assert_eq!(theme().unique_among([]), Ok(theme()));
    assert_eq!(theme().unique_among([("helse", "Helse"), ("kultur", "Kultur")]), Ok(theme()));
    assert_eq!(theme().unique_among([("helse", "Helse"), ("annen", "SKOLE")]), Err(ThemeError::Taken), "title");
    assert_eq!(theme().unique_among([("skole", "Skole!")]), Err(ThemeError::Taken), "key");
    let with_letters = ThemeName::parse("Ærlig").expect("good");
    assert_eq!(with_letters.unique_among([("x", "ærlig")]), Err(ThemeError::Taken));
}
