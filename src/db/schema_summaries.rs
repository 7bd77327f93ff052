//! The tables of published hearing summaries ("Hva vi hørte"), apart from
//! `schema.rs` to keep each file short; `schema` re-exports them.

diesel::table! {
    hearing_summaries (hearing_id) {
        hearing_id -> Text,
        plan_id -> Text,
        version -> Integer,
        source_state -> Text,
        total -> Integer,
        published_at -> Timestamp,
    }
}

diesel::table! {
    hearing_summary_counts (hearing_id, kind, key) {
        hearing_id -> Text,
        kind -> Text,
        key -> Text,
        label -> Text,
        count -> Integer,
        position -> Integer,
    }
}

diesel::table! {
    hearing_summary_entries (id) {
        id -> Text,
        hearing_id -> Text,
        submission_id -> Text,
        position -> Integer,
        reference -> Text,
        category -> Text,
        author -> Nullable<Text>,
        themes -> Text,
        answers -> Text,
        text -> Text,
        assessment -> Nullable<Text>,
        municipality_answer -> Nullable<Text>,
        submitted_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(hearing_summaries, hearing_summary_counts, hearing_summary_entries);
