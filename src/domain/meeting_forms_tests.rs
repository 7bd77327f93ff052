use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid")
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, min, 0).expect("valid")
}

#[test]
fn dates_as_norwegians_type_them() {
    assert_eq!(parse_date("15.09.2020"), Ok(day(2020, 9, 15)));
    assert_eq!(parse_date(" 1.2.2021 "), Ok(day(2021, 2, 1)));
    assert_eq!(parse_date("2020-09-15"), Ok(day(2020, 9, 15)));
    assert_eq!(parse_date("29.02.2024"), Ok(day(2024, 2, 29)));
    for bad in [
        "",
        "15.09",
        "15.09.20",
        "15.09.02020",
        "29.02.2023",
        "32.01.2020",
        "00.01.2020",
        "01.13.2020",
        "01.00.2020",
        "115.09.2020",
        "15.009.2020",
        "a.b.cccc",
        "+1.09.2020",
        "15/09/2020",
        "15.09.2020.1",
        "2020-9-15",
        "20-09-15",
        "2020-09-15-1",
        "15 09 2020",
        "１５.09.2020",
    ] {
        assert_eq!(parse_date(bad), Err(FormError::BadDate), "{bad:?}");
    }
}

#[test]
fn clock_times() {
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("valid");
    assert_eq!(parse_time("18:00"), Ok(t(18, 0)));
    assert_eq!(parse_time("18.30"), Ok(t(18, 30)));
    assert_eq!(parse_time(" 9:05 "), Ok(t(9, 5)));
    assert_eq!(parse_time("00:00"), Ok(t(0, 0)));
    assert_eq!(parse_time("23:59"), Ok(t(23, 59)));
    for bad in
        ["", "18", "24:00", "23:60", "18:0", "18:000", "123:00", ":00", "18:", "a:bc", "+1:00", "18-00", "18:00:00"]
    {
        assert_eq!(parse_time(bad), Err(FormError::BadTime), "{bad:?}");
    }
}

const BODIES: [&str; 2] = ["formannskapet", "kommunestyret"];

fn meeting(date: &str, time: &str, place: &str, remote: bool) -> Result<MeetingInput, FormErrors> {
    MeetingDraft { body: "formannskapet", date, time, place, remote }.parse(&BODIES)
}

#[test]
fn a_meeting_in_oslo_time_is_stored_in_utc() {
    let winter = meeting("15.01.2027", "18:00", " Rådhuset, møterom 1 ", false).expect("valid");
    assert_eq!(winter.starts_at, at(2027, 1, 15, 17, 0));
    assert_eq!(winter.place, "Rådhuset, møterom 1");
    assert!(!winter.remote);
    let summer = meeting("15.09.2020", "18.00", "", true).expect("valid");
    assert_eq!(summer.starts_at, at(2020, 9, 15, 16, 0));
    assert_eq!(summer.place, "");
    assert!(summer.remote);
}

#[test]
fn every_meeting_field_is_checked() {
    let errors = |r: Result<MeetingInput, FormErrors>| r.expect_err("refused");
    assert_eq!(errors(meeting("31.02.2027", "18:00", "x", false)), vec![("date", FormError::BadDate)]);
    assert_eq!(errors(meeting("15.01.2027", "25:00", "x", false)), vec![("time", FormError::BadTime)]);
    assert_eq!(errors(meeting("28.03.2027", "02:30", "x", false)), vec![("time", FormError::NoSuchTime)]);
    assert_eq!(errors(meeting("15.01.2027", "18:00", "  ", false)), vec![("place", FormError::PlaceOrRemote)]);
    let long = "x".repeat(MAX_PLACE_CHARS + 1);
    assert_eq!(errors(meeting("15.01.2027", "18:00", &long, true)), vec![("place", FormError::TooLong)]);
    assert!(meeting("15.01.2027", "18:00", &"x".repeat(MAX_PLACE_CHARS), false).is_ok());
    let unknown = MeetingDraft { body: "bystyret", date: "x", time: "", place: "", remote: false }.parse(&BODIES);
    assert_eq!(
        errors(unknown),
        vec![
            ("body", FormError::UnknownBody),
            ("date", FormError::BadDate),
            ("time", FormError::BadTime),
            ("place", FormError::PlaceOrRemote)
        ]
    );
    let none = MeetingDraft { body: " ", date: "15.01.2027", time: "18:00", place: "x", remote: false };
    assert_eq!(errors(none.parse(&BODIES)), vec![("body", FormError::Required)]);
}

fn plans() -> Vec<PlanChoice> {
    vec![
        PlanChoice { id: "klima".into(), stage: Stage::Hearing },
        PlanChoice { id: "vedtatt".into(), stage: Stage::Adopted },
    ]
}

fn item(edit: impl FnOnce(&mut ItemDraft<'static>)) -> Result<ItemInput, FormErrors> {
    let mut draft = ItemDraft { item_type: "PS", title: "Temaplan for klima", ..ItemDraft::default() };
    edit(&mut draft);
    draft.parse(&plans())
}

#[test]
fn a_plain_item() {
    let input = item(|d| {
        d.item_type = "ps";
        d.archive_case = " 20/12345 ";
        d.recommendation = "  Formannskapet vedtar\r\nmandatet.  ";
    })
    .expect("valid");
    assert_eq!(input.item_type, ItemType::Political);
    assert_eq!(input.archive_case.as_deref(), Some("20/12345"));
    assert_eq!(input.recommendation, "Formannskapet vedtar\nmandatet.");
    assert_eq!(input.exemption, None);
    assert_eq!(input.plan, None);
}

#[test]
fn every_item_field_is_checked() {
    let errors = |r: Result<ItemInput, FormErrors>| r.expect_err("refused");
    assert_eq!(errors(item(|d| d.item_type = "XS")), vec![("item_type", FormError::UnknownItemType)]);
    assert_eq!(errors(item(|d| d.title = " \u{200B} ")), vec![("title", FormError::Required)]);
    let long: &'static str = Box::leak("x".repeat(MAX_TITLE_CHARS + 1).into_boxed_str());
    assert_eq!(errors(item(|d| d.title = long)), vec![("title", FormError::TooLong)]);
    assert_eq!(errors(item(|d| d.archive_case = "2020/1")), vec![("archive_case", FormError::BadArchiveCase)]);
    let long: &'static str = Box::leak("x".repeat(MAX_RECOMMENDATION_CHARS + 1).into_boxed_str());
    assert_eq!(errors(item(|d| d.recommendation = long)), vec![("recommendation", FormError::TooLong)]);
}

#[test]
fn an_exempt_item_needs_a_known_ground_and_a_different_public_title() {
    let errors = |r: Result<ItemInput, FormErrors>| r.expect_err("refused");
    let exempt = item(|d| {
        d.exempt = true;
        d.legal_ground = "offl. § 13 jf. fvl. § 13";
        d.public_title = "Personalsak";
    })
    .expect("valid");
    assert_eq!(
        exempt.exemption,
        Some(Exemption { legal_ground: "offl. § 13 jf. fvl. § 13".into(), public_title: "Personalsak".into() })
    );
    assert_eq!(
        errors(item(|d| d.exempt = true)),
        vec![("legal_ground", FormError::Required), ("public_title", FormError::Required)]
    );
    assert_eq!(
        errors(item(|d| {
            d.exempt = true;
            d.legal_ground = "offl. § 99";
            d.public_title = "TEMAPLAN FOR KLIMA";
        })),
        vec![("legal_ground", FormError::UnknownLegalGround), ("public_title", FormError::PublicTitleSameAsTitle)]
    );
    // Not exempt: the ground and public title are not looked at.
    assert!(item(|d| d.legal_ground = "offl. § 99").is_ok_and(|i| i.exemption.is_none()));
    for ground in LEGAL_GROUNDS {
        assert!(item(|d| {
            d.exempt = true;
            d.legal_ground = ground;
            d.public_title = "Sak";
        })
        .is_ok());
    }
}

#[test]
fn an_item_moves_a_known_plan_to_a_stage_it_can_reach() {
    let errors = |r: Result<ItemInput, FormErrors>| r.expect_err("refused");
    let on = |plan: &'static str, stage: &'static str| {
        item(move |d| {
            d.plan = plan;
            d.plan_to_stage = stage;
        })
    };
    let moves = |plan: &str, stage| Some((plan.to_owned(), Some(stage)));
    assert_eq!(on("klima", "annengangsbehandling").expect("next").plan, moves("klima", Stage::SecondTreatment));
    assert_eq!(on("klima", "mandat").expect("back").plan, moves("klima", Stage::Mandate));
    assert_eq!(on("vedtatt", "mandat").expect("revision").plan, moves("vedtatt", Stage::Mandate));
    assert_eq!(on(" klima ", " ").expect("concerns only").plan, Some(("klima".into(), None)));
    assert_eq!(errors(on("klima", "medvirkning-og-horing")), vec![("plan_to_stage", FormError::NotAMove)]);
    assert_eq!(errors(on("klima", "vedtatt")), vec![("plan_to_stage", FormError::NotAMove)]);
    assert_eq!(errors(on("vedtatt", "endelig-vedtak")), vec![("plan_to_stage", FormError::NotAMove)]);
    assert_eq!(errors(on("klima", "ukjent")), vec![("plan_to_stage", FormError::UnknownStage)]);
    assert_eq!(errors(on("", "mandat")), vec![("plan", FormError::StageWithoutPlan)]);
    assert_eq!(errors(on("finnes-ikke", "mandat")), vec![("plan", FormError::UnknownPlan)]);
    let briefing = item(|d| {
        d.item_type = "OS";
        d.plan = "klima";
        d.plan_to_stage = "annengangsbehandling";
    });
    assert_eq!(errors(briefing), vec![("plan", FormError::OnlyPoliticalItemsMovePlans)]);
}

#[test]
fn the_command_a_decision_gives() {
    let cmd = |from, to| stage_command(from, to, "n".into(), "PS 1/20".into());
    let decision = Some("PS 1/20".to_owned());
    assert_eq!(
        cmd(Stage::Mandate, Stage::KnowledgeBase),
        Some(Command::Advance { note: "n".into(), decision: decision.clone() })
    );
    assert_eq!(
        cmd(Stage::SecondTreatment, Stage::KnowledgeBase),
        Some(Command::SendBack { to: Stage::KnowledgeBase, note: "n".into(), decision: decision.clone() })
    );
    assert_eq!(
        cmd(Stage::Adopted, Stage::Mandate),
        Some(Command::StartRevision { note: "n".into(), decision: decision.clone() })
    );
    assert_eq!(cmd(Stage::Mandate, Stage::Mandate), None);
    assert_eq!(cmd(Stage::Mandate, Stage::FirstTreatment), None);
    assert_eq!(cmd(Stage::Adopted, Stage::FinalVote), None);
    assert_eq!(cmd(Stage::FinalVote, Stage::Adopted), Some(Command::Advance { note: "n".into(), decision }));
}

#[test]
fn decisions_need_text() {
    assert_eq!(
        parse_decision(" Mandatet vedtas.\r\n", " Enstemmig "),
        Ok(DecisionInput { decision: "Mandatet vedtas.".into(), vote: "Enstemmig".into() })
    );
    assert_eq!(parse_decision("x", ""), Ok(DecisionInput { decision: "x".into(), vote: String::new() }));
    assert_eq!(parse_decision(" \n ", ""), Err(vec![("decision", FormError::Required)]));
    let long = "x".repeat(MAX_DECISION_CHARS + 1);
    let long_vote = "x".repeat(MAX_VOTE_CHARS + 1);
    assert_eq!(
        parse_decision(&long, &long_vote),
        Err(vec![("decision", FormError::TooLong), ("vote", FormError::TooLong)])
    );
    assert!(parse_decision(&"x".repeat(MAX_DECISION_CHARS), &"x".repeat(MAX_VOTE_CHARS)).is_ok());
}

#[test]
fn every_error_has_a_message_key() {
    use FormError::*;
    let all = [
        Required,
        TooLong,
        UnknownBody,
        BadDate,
        BadTime,
        NoSuchTime,
        PlaceOrRemote,
        UnknownItemType,
        BadArchiveCase,
        UnknownLegalGround,
        PublicTitleSameAsTitle,
        UnknownPlan,
        UnknownStage,
        StageWithoutPlan,
        OnlyPoliticalItemsMovePlans,
        NotAMove,
    ];
    let keys: std::collections::HashSet<_> = all.iter().map(|e| e.message_key()).collect();
    assert_eq!(keys.len(), all.len());
    assert!(keys.iter().all(|k| k.starts_with("secretary-error-")));
}
