use super::*;

#[test]
fn value_sets_read_back_their_keys() {
    for s in Status::ALL {
        assert_eq!(Status::parse(s.key()), Some(*s));
    }
    for a in Assessment::ALL {
        assert_eq!(Assessment::parse(a.key()), Some(*a));
    }
    for m in ModerationState::ALL {
        assert_eq!(ModerationState::parse(m.key()), Some(*m));
    }
    for r in WithheldReason::ALL {
        assert_eq!(WithheldReason::parse(r.key()), Some(*r));
    }
    assert_eq!(Status::parse("ferdig"), None);
    assert_eq!(Assessment::parse(""), None);
    assert_eq!(Assessment::ALL.len(), 4);
    assert_eq!(WithheldReason::ALL.len(), 4);
}

#[test]
fn status_moves_on_work_and_back_on_reroute() {
    assert_eq!(Status::Received.after_work(), Status::InProgress);
    assert_eq!(Status::InProgress.after_work(), Status::InProgress);
    assert_eq!(Status::Assessed.after_work(), Status::Assessed);
    assert_eq!(Status::InProgress.after_reroute(), Status::Received);
    assert_eq!(Status::Received.after_reroute(), Status::Received);
    assert_eq!(Status::Assessed.after_reroute(), Status::Assessed);
}

#[test]
fn an_assessment_needs_a_value_from_the_list_and_an_answer() {
    let ok = Assessed::parse(&AssessmentDraft { assessment: "delvis-tatt-til-folge", answer: "  Takk.\n" });
    assert_eq!(ok, Ok(Assessed { assessment: Assessment::PartlyAccepted, answer: "Takk.".into() }));
    let errors = Assessed::parse(&AssessmentDraft { assessment: "kanskje", answer: "" }).expect_err("refused");
    assert_eq!(errors, vec![("assessment", WorkError::Choose), ("answer", WorkError::Text(TextError::Required))]);
    let long = "a".repeat(MAX_ANSWER + 1);
    let errors =
        Assessed::parse(&AssessmentDraft { assessment: "tatt-til-folge", answer: &long }).expect_err("refused");
    assert_eq!(errors, vec![("answer", WorkError::Text(TextError::TooLong { max: MAX_ANSWER }))]);
    let errors =
        Assessed::parse(&AssessmentDraft { assessment: "tatt-til-folge", answer: "\0\u{1}" }).expect_err("refused");
    assert_eq!(errors, vec![("answer", WorkError::Text(TextError::Required))], "controls are no answer");
}

#[test]
fn withholding_needs_a_reason_from_the_list() {
    let parse = |decision, reason| Moderation::parse(&ModerationDraft { decision, reason });
    assert_eq!(parse("publisert", ""), Ok(Moderation::Publish));
    assert_eq!(parse("publisert", "hatefulle-ytringer").map(Moderation::reason), Ok(None), "a reason is ignored");
    assert_eq!(parse("publisert-uten-navn", ""), Ok(Moderation::PublishWithoutName));
    assert_eq!(parse("holdt-tilbake", "aerekrenkelser"), Ok(Moderation::Withhold(WithheldReason::Defamation)));
    assert_eq!(parse("holdt-tilbake", ""), Err(vec![("withheld_reason", WorkError::ReasonMissing)]));
    assert_eq!(parse("holdt-tilbake", "fordi"), Err(vec![("withheld_reason", WorkError::ReasonMissing)]));
    assert_eq!(parse("ikke-vurdert", ""), Err(vec![("moderation", WorkError::Choose)]), "not a decision");
    assert_eq!(parse("", ""), Err(vec![("moderation", WorkError::Choose)]));
    assert_eq!(parse("holdt-tilbake", "ulovlig-innhold").map(Moderation::state), Ok(ModerationState::Withheld));
}

#[test]
fn rerouting_needs_another_known_section_and_a_reason() {
    let sections = ["klima-og-miljo", "innovasjon-og-digitalisering"];
    let parse = |section, reason| Reroute::parse(&RerouteDraft { section, reason }, &sections, "klima-og-miljo");
    assert_eq!(
        parse("innovasjon-og-digitalisering", " Gjelder innkjøp "),
        Ok(Reroute { section: "innovasjon-og-digitalisering".into(), reason: "Gjelder innkjøp".into() })
    );
    assert_eq!(parse("klima-og-miljo", "x"), Err(vec![("section", WorkError::SameSection)]), "not to where it is");
    assert_eq!(
        parse("finnes-ikke", ""),
        Err(vec![("section", WorkError::Choose), ("reason", WorkError::Text(TextError::Required))])
    );
    let long = "b".repeat(MAX_REASON + 1);
    assert_eq!(
        parse("innovasjon-og-digitalisering", &long),
        Err(vec![("reason", WorkError::Text(TextError::TooLong { max: MAX_REASON }))])
    );
}

#[test]
fn every_error_has_a_message_key() {
    for error in [WorkError::Choose, WorkError::ReasonMissing, WorkError::SameSection] {
        assert!(error.message_key().starts_with("handling-error-"));
    }
}
