use super::*;

fn categories() -> Vec<Category> {
    vec![
        Category { key: "innbygger".into(), organisation: false },
        Category { key: "naeringsliv".into(), organisation: true },
    ]
}

const THEMES: [&str; 2] = ["energi", "transport"];
const QUESTIONS: [&str; 2] = ["q1", "q2"];

fn rules(categories: &[Category]) -> SubmissionRules<'_> {
    SubmissionRules { categories, themes: &THEMES, questions: &QUESTIONS, max_text: 50 }
}

fn citizen() -> SubmissionDraft<'static> {
    SubmissionDraft { category: "innbygger", text: "Flere sykkelveier, takk.", ..SubmissionDraft::default() }
}

fn errors_of(draft: &SubmissionDraft<'_>) -> SubmissionErrors {
    let categories = categories();
    Submission::parse(draft, &rules(&categories)).expect_err("refused")
}

fn parsed(draft: &SubmissionDraft<'_>) -> Submission {
    let categories = categories();
    Submission::parse(draft, &rules(&categories)).expect("accepted")
}

#[test]
fn a_citizen_needs_only_a_category_and_something_to_say() {
    let submission = parsed(&citizen());
    assert_eq!(submission.category, "innbygger");
    assert_eq!(submission.text, "Flere sykkelveier, takk.");
    assert_eq!((submission.name, submission.email, submission.organisation_name), (None, None, None));
    assert!(!submission.publish_text && !submission.publish_name, "no consent unless ticked");
    let named = parsed(&SubmissionDraft {
        name: " Kari Nordmann ",
        email: "Kari@Example.no",
        publish_text: "on",
        publish_name: "on",
        ..citizen()
    });
    assert_eq!(named.name.as_deref(), Some("Kari Nordmann"));
    assert_eq!(named.email, EmailAddress::parse("kari@example.no").ok());
    assert!(named.publish_text && named.publish_name);
    let text_only = parsed(&SubmissionDraft { publish_text: "on", ..citizen() });
    assert!(text_only.publish_text && !text_only.publish_name, "the two consents are apart");
}

#[test]
fn a_private_person_gives_no_organisation_even_if_typed() {
    let submission =
        parsed(&SubmissionDraft { organisation_name: "Firma AS", organisation_number: "123", ..citizen() });
    assert_eq!((submission.organisation_name, submission.organisation_number), (None, None));
}

#[test]
fn an_organisation_names_itself_and_its_number_is_checked() {
    let business = SubmissionDraft { category: "naeringsliv", ..citizen() };
    assert_eq!(
        errors_of(&business),
        vec![(SubmissionField::OrganisationName, SubmissionError::OrganisationNameMissing)]
    );
    let named = parsed(&SubmissionDraft { organisation_name: "Sykkelbutikken AS", ..business.clone() });
    assert_eq!(named.organisation_name.as_deref(), Some("Sykkelbutikken AS"));
    assert_eq!(named.organisation_number, None, "the number is optional");
    let numbered = parsed(&SubmissionDraft {
        organisation_name: "Sykkelbutikken AS",
        organisation_number: "974 760 673",
        ..business.clone()
    });
    assert_eq!(numbered.organisation_number.map(|n| n.to_string()).as_deref(), Some("974 760 673"));
    let wrong =
        SubmissionDraft { organisation_name: "Sykkelbutikken AS", organisation_number: "974760674", ..business };
    assert_eq!(
        errors_of(&wrong),
        vec![(SubmissionField::OrganisationNumber, SubmissionError::OrgNumber(OrgNumberError::CheckDigit))]
    );
}

#[test]
fn an_unknown_category_is_refused() {
    for category in ["", "admin", " naeringsliv-x"] {
        let errors = errors_of(&SubmissionDraft { category, ..citizen() });
        assert_eq!(errors, vec![(SubmissionField::Category, SubmissionError::UnknownCategory)], "{category:?}");
    }
    assert!(Submission::parse(&SubmissionDraft { category: " innbygger ", ..citizen() }, &rules(&categories())).is_ok());
}

#[test]
fn something_must_be_said_in_text_an_answer_or_a_file() {
    let empty = SubmissionDraft { text: " \n\t ", ..citizen() };
    assert_eq!(errors_of(&empty), vec![(SubmissionField::Text, SubmissionError::Empty)]);
    let answered = parsed(&SubmissionDraft { answers: vec![("q2", " Ja ")], ..empty.clone() });
    assert_eq!(answered.answers, vec![("q2".to_owned(), "Ja".to_owned())]);
    assert_eq!(answered.text, "");
    let attached = parsed(&SubmissionDraft { attachments: 1, ..empty });
    assert_eq!(attached.text, "");
}

#[test]
fn texts_have_limits_counted_in_characters() {
    let at_limit = "æ".repeat(50);
    assert_eq!(parsed(&SubmissionDraft { text: &at_limit, ..citizen() }).text, at_limit);
    let over = "æ".repeat(51);
    assert_eq!(
        errors_of(&SubmissionDraft { text: &over, ..citizen() }),
        vec![(SubmissionField::Text, SubmissionError::Text(TextError::TooLong { max: 50 }))]
    );
    let long_answer = "a".repeat(MAX_ANSWER + 1);
    assert_eq!(
        errors_of(&SubmissionDraft { answers: vec![("q2", &long_answer)], ..citizen() }),
        vec![(SubmissionField::Answer(1), SubmissionError::Text(TextError::TooLong { max: MAX_ANSWER }))]
    );
    let answer_at_limit = "a".repeat(MAX_ANSWER);
    assert_eq!(parsed(&SubmissionDraft { answers: vec![("q1", &answer_at_limit)], ..citizen() }).answers.len(), 1);
    let long_name = "n".repeat(MAX_NAME + 1);
    assert_eq!(
        errors_of(&SubmissionDraft { name: &long_name, ..citizen() }),
        vec![(SubmissionField::Name, SubmissionError::Text(TextError::TooLong { max: MAX_NAME }))]
    );
}

#[test]
fn text_keeps_its_lines_and_loses_what_no_text_may_hold() {
    let submission = parsed(&SubmissionDraft { text: "  Første\nandre\u{0}  ", ..citizen() });
    assert_eq!(submission.text, "Første\nandre");
}

#[test]
fn only_the_hearings_themes_and_questions_count() {
    let themed = parsed(&SubmissionDraft { themes: vec!["transport", "energi", "transport"], ..citizen() });
    assert_eq!(themed.themes, vec!["transport".to_owned(), "energi".to_owned()], "each once, in the order ticked");
    assert_eq!(
        errors_of(&SubmissionDraft { themes: vec!["energi", "skole"], ..citizen() }),
        vec![(SubmissionField::Themes, SubmissionError::UnknownTheme)]
    );
    let answers = parsed(&SubmissionDraft { answers: vec![("q9", "Forfalsket"), ("q1", "Svar")], ..citizen() });
    assert_eq!(answers.answers, vec![("q1".to_owned(), "Svar".to_owned())], "an unknown question is ignored");
}

#[test]
fn a_bad_email_is_named() {
    assert_eq!(
        errors_of(&SubmissionDraft { email: "kari@", ..citizen() }),
        vec![(SubmissionField::Email, SubmissionError::Text(TextError::BadEmail))]
    );
    assert_eq!(parsed(&SubmissionDraft { email: " \u{200B} ", ..citizen() }).email, None, "invisible is empty");
}

#[test]
fn every_error_is_reported_in_the_forms_order() {
    let long = "x".repeat(51);
    let draft = SubmissionDraft {
        category: "naeringsliv",
        email: "nei",
        organisation_number: "12",
        themes: vec!["skole"],
        text: &long,
        ..SubmissionDraft::default()
    };
    let fields: Vec<SubmissionField> = errors_of(&draft).into_iter().map(|(field, _)| field).collect();
    assert_eq!(
        fields,
        vec![
            SubmissionField::Email,
            SubmissionField::OrganisationName,
            SubmissionField::OrganisationNumber,
            SubmissionField::Themes,
            SubmissionField::Text,
        ]
    );
}

#[test]
fn fields_and_errors_have_names_and_messages() {
    let categories = categories();
    let rules = rules(&categories);
    let names: Vec<String> = [
        SubmissionField::Category,
        SubmissionField::Name,
        SubmissionField::Email,
        SubmissionField::OrganisationName,
        SubmissionField::OrganisationNumber,
        SubmissionField::Themes,
        SubmissionField::Answer(1),
        SubmissionField::Text,
    ]
    .into_iter()
    .map(|f| f.name(&rules))
    .collect();
    assert_eq!(
        names,
        ["category", "name", "email", "organisation_name", "organisation_number", "themes", "answer-q2", "text"]
    );
    assert_eq!(SubmissionField::Answer(7).name(&rules), "answer-");
    let keys: Vec<&str> = [
        SubmissionError::Text(TextError::Required),
        SubmissionError::OrgNumber(OrgNumberError::Length),
        SubmissionError::UnknownCategory,
        SubmissionError::OrganisationNameMissing,
        SubmissionError::UnknownTheme,
        SubmissionError::Empty,
    ]
    .into_iter()
    .map(SubmissionError::message_key)
    .collect();
    assert_eq!(
        keys,
        [
            "field-error-required",
            "org-number-error-length",
            "submission-error-category",
            "submission-error-organisation-name",
            "submission-error-theme",
            "submission-error-empty"
        ]
    );
}
