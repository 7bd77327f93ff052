use super::*;

fn good() -> DocumentDraft<'static> {
    DocumentDraft {
        has_file: true,
        title: "Kunnskapsgrunnlag for digitalisering",
        kind: "kunnskapsgrunnlag",
        stage: "kunnskapsgrunnlag",
        dated_on: "",
        access: "public",
        ..Default::default()
    }
}

fn exempt() -> DocumentDraft<'static> {
    DocumentDraft {
        access: "exempt",
        legal_ground: "offl. § 13 jf. fvl. § 13",
        public_title: "Notat om avtale",
        body: "formannskapet",
        ..good()
    }
}

fn refused(draft: DocumentDraft<'_>) -> DocumentErrors {
    draft.parse().expect_err("refused")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[test]
fn kinds_round_trip_by_key() {
    for kind in DocumentKind::ALL {
        assert_eq!(DocumentKind::parse(kind.key()), Some(kind));
    }
    assert_eq!(DocumentKind::parse(" vedtatt-plan "), Some(DocumentKind::AdoptedPlan));
    assert_eq!(DocumentKind::parse("vedtak"), None);
    assert_eq!(DocumentKind::parse(""), None);
}

#[test]
fn a_public_document_parses() {
    let parsed = good().parse().expect("good");
    assert_eq!(parsed.title, "Kunnskapsgrunnlag for digitalisering");
    assert_eq!((parsed.kind, parsed.stage), (DocumentKind::KnowledgeBase, Stage::KnowledgeBase));
    assert_eq!((parsed.class, parsed.public_title, parsed.dated_on), (AccessClass::Public, None, None));
}

#[test]
fn a_public_document_ignores_the_exempt_fields() {
    let parsed = (DocumentDraft { access: "public", body: "ukjent", ..exempt() }).parse().expect("good");
    assert_eq!((parsed.class, parsed.public_title), (AccessClass::Public, None));
}

#[test]
fn an_exempt_document_needs_ground_public_title_and_body() {
    let parsed = exempt().parse().expect("good");
    assert_eq!(
        parsed.class,
        AccessClass::Exempt { legal_ground: "offl. § 13 jf. fvl. § 13".into(), body: "formannskapet".into() }
    );
    assert_eq!(parsed.public_title.as_deref(), Some("Notat om avtale"));
    let kommunestyret = (DocumentDraft { body: "kommunestyret", ..exempt() }).parse().expect("good");
    assert!(matches!(kommunestyret.class, AccessClass::Exempt { body, .. } if body == "kommunestyret"));
    assert_eq!(
        refused(DocumentDraft { legal_ground: "  ", ..exempt() }),
        vec![(DocumentField::LegalGround, DocumentError::Text(TextError::Required))]
    );
    assert_eq!(
        refused(DocumentDraft { public_title: "", ..exempt() }),
        vec![(DocumentField::PublicTitle, DocumentError::Text(TextError::Required))]
    );
    for body in ["", "bystyret", "member:formannskapet"] {
        assert_eq!(
            refused(DocumentDraft { body, ..exempt() }),
            vec![(DocumentField::Body, DocumentError::UnknownBody)],
            "{body}"
        );
    }
    let long = "x".repeat(MAX_LEGAL_GROUND + 1);
    assert_eq!(
        refused(DocumentDraft { legal_ground: &long, ..exempt() }),
        vec![(DocumentField::LegalGround, DocumentError::Text(TextError::TooLong { max: MAX_LEGAL_GROUND }))]
    );
}

#[test]
fn the_access_class_is_public_or_exempt() {
    for access in ["", "private", "offentlig"] {
        assert_eq!(
            refused(DocumentDraft { access, ..good() }),
            vec![(DocumentField::Access, DocumentError::UnknownAccess)],
            "{access}"
        );
    }
}

#[test]
fn a_file_title_kind_and_stage_are_required() {
    assert_eq!(
        refused(DocumentDraft { has_file: false, ..good() }),
        vec![(DocumentField::File, DocumentError::FileMissing)]
    );
    assert_eq!(
        refused(DocumentDraft { title: " \u{200B} ", ..good() }),
        vec![(DocumentField::Title, DocumentError::Text(TextError::Required))]
    );
    let long = "x".repeat(MAX_DOCUMENT_TITLE + 1);
    assert_eq!(
        refused(DocumentDraft { title: &long, ..good() }),
        vec![(DocumentField::Title, DocumentError::Text(TextError::TooLong { max: MAX_DOCUMENT_TITLE }))]
    );
    assert_eq!(
        refused(DocumentDraft { kind: "vedtak", ..good() }),
        vec![(DocumentField::Kind, DocumentError::UnknownKind)]
    );
    assert_eq!(
        refused(DocumentDraft { stage: "ukjent", ..good() }),
        vec![(DocumentField::Stage, DocumentError::UnknownStage)]
    );
}

#[test]
fn every_field_is_checked_in_the_forms_order() {
    let all_bad = DocumentDraft {
        has_file: false,
        title: "",
        kind: "",
        stage: "",
        dated_on: "snart",
        access: "exempt",
        legal_ground: "",
        public_title: "",
        body: "",
    };
    let fields: Vec<&str> = refused(all_bad).into_iter().map(|(f, _)| f.name()).collect();
    assert_eq!(fields, ["file", "title", "kind", "stage", "dated_on", "legal_ground", "public_title", "body"]);
    assert_eq!(DocumentError::FileMissing.message_key(), "document-error-file-missing");
    assert_eq!(DocumentError::Text(TextError::Required).message_key(), "field-error-required");
}

#[test]
fn dates_read_as_planners_write_them() {
    assert_eq!(parse_date(""), Ok(None));
    assert_eq!(parse_date("  "), Ok(None));
    assert_eq!(parse_date("2020-09-15"), Ok(Some(date(2020, 9, 15))));
    assert_eq!(parse_date("15.09.2020"), Ok(Some(date(2020, 9, 15))));
    assert_eq!(parse_date("5.9.2020"), Ok(Some(date(2020, 9, 5))));
    assert_eq!(parse_date("15. september 2020"), Ok(Some(date(2020, 9, 15))));
    assert_eq!(parse_date("15 sept. 2020"), Ok(Some(date(2020, 9, 15))));
    assert_eq!(parse_date("\u{200B}2020-09-15"), Ok(Some(date(2020, 9, 15))));
    assert_eq!(parse_date("september 2020"), Err(DocumentError::NotADay));
    assert_eq!(parse_date("januar – mars 2021"), Err(DocumentError::NotADay));
    assert_eq!(parse_date("31.02.2020"), Err(DocumentError::NoSuchDate));
    assert_eq!(parse_date("2020-02-31"), Err(DocumentError::NoSuchDate));
    assert_eq!(parse_date("snart"), Err(DocumentError::BadDate));
    assert_eq!(parse_date("15.09.20"), Err(DocumentError::BadDate));
    assert_eq!(parse_date("99999-99"), Err(DocumentError::BadDate));
    let typed = DocumentDraft { dated_on: "15. september 2020", ..good() };
    assert_eq!(typed.parse().expect("good").dated_on, Some(date(2020, 9, 15)));
    assert_eq!(
        refused(DocumentDraft { dated_on: "oktober 2020", ..good() }),
        vec![(DocumentField::DatedOn, DocumentError::NotADay)]
    );
}

#[test]
fn a_new_version_needs_a_file_and_may_change_title_and_date() {
    let kept = (VersionDraft { has_file: true, ..Default::default() }).parse().expect("good");
    assert_eq!(kept, NewVersion { title: None, dated_on: None });
    let changed = (VersionDraft { has_file: true, title: " Ny tittel ", dated_on: "1.10.2020" }).parse().expect("good");
    assert_eq!(changed, NewVersion { title: Some("Ny tittel".into()), dated_on: Some(date(2020, 10, 1)) });
    let refused =
        (VersionDraft { has_file: false, title: &"x".repeat(301), dated_on: "x" }).parse().expect_err("refused");
    assert_eq!(
        refused,
        vec![
            (DocumentField::File, DocumentError::FileMissing),
            (DocumentField::Title, DocumentError::Text(TextError::TooLong { max: MAX_DOCUMENT_TITLE })),
            (DocumentField::DatedOn, DocumentError::BadDate),
        ]
    );
}

#[test]
fn versions_are_listed_under_the_current_one() {
    // c replaced b, which replaced a; d stands alone; e was replaced by one
    // not listed (a broken link), so it heads a list of its own.
    let links = [("a", Some("b")), ("d", None), ("b", Some("c")), ("c", None), ("e", Some("x"))];
    assert_eq!(version_lists(&links), vec![vec![1], vec![3, 2, 0], vec![4]]);
    assert!(version_lists(&[]).is_empty());
    // A cycle (never made by the app) still shows every row once.
    let cycle = [("a", Some("b")), ("b", Some("a"))];
    let lists = version_lists(&cycle);
    let mut shown: Vec<usize> = lists.into_iter().flatten().collect();
    shown.sort();
    assert_eq!(shown, [0, 1]);
}
