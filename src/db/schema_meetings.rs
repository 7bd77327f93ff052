//! The meetings' tables (migration 2026-12-01-001600_meetings).

use super::schema::{documents, plans, users};

diesel::table! {
    bodies (key) {
        key -> Text,
        name -> Text,
        kind -> Text,
        notice_days -> Integer,
        position -> Integer,
    }
}

diesel::table! {
    body_members (id) {
        id -> Text,
        body_key -> Text,
        name -> Text,
        party -> Text,
        seat -> Text,
        user_id -> Nullable<Text>,
        from_date -> Date,
        to_date -> Date,
        position -> Integer,
    }
}

diesel::table! {
    meetings (id) {
        id -> Text,
        body_key -> Text,
        starts_at -> Timestamp,
        place -> Text,
        remote -> Bool,
        status -> Text,
        notice_published_at -> Nullable<Timestamp>,
        minutes_document_id -> Nullable<Text>,
        minutes_approved_at -> Nullable<Timestamp>,
        sequence -> Integer,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    agenda_items (id) {
        id -> Text,
        meeting_id -> Text,
        body_key -> Text,
        item_type -> Text,
        year -> Integer,
        number -> Integer,
        archive_case -> Nullable<Text>,
        title -> Text,
        legal_ground -> Nullable<Text>,
        public_title -> Nullable<Text>,
        recommendation -> Text,
        plan_id -> Nullable<Text>,
        plan_to_stage -> Nullable<Text>,
        decision -> Nullable<Text>,
        vote -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        position -> Integer,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    agenda_item_documents (agenda_item_id, document_id) {
        agenda_item_id -> Text,
        document_id -> Text,
        kind -> Text,
        position -> Integer,
        added_at -> Timestamp,
    }
}

diesel::table! {
    meeting_notes (user_id, agenda_item_id) {
        user_id -> Text,
        agenda_item_id -> Text,
        body -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    meeting_visits (user_id, meeting_id) {
        user_id -> Text,
        meeting_id -> Text,
        seen_at -> Timestamp,
    }
}

diesel::joinable!(body_members -> bodies (body_key));
diesel::joinable!(meetings -> bodies (body_key));
diesel::joinable!(agenda_items -> meetings (meeting_id));
diesel::joinable!(agenda_items -> plans (plan_id));
diesel::joinable!(agenda_item_documents -> agenda_items (agenda_item_id));
diesel::joinable!(agenda_item_documents -> documents (document_id));
diesel::joinable!(meeting_notes -> agenda_items (agenda_item_id));
diesel::joinable!(meeting_visits -> meetings (meeting_id));

diesel::allow_tables_to_appear_in_same_query!(
    bodies,
    body_members,
    meetings,
    agenda_items,
    agenda_item_documents,
    meeting_notes,
    meeting_visits,
);
diesel::allow_tables_to_appear_in_same_query!(agenda_items, plans);
diesel::allow_tables_to_appear_in_same_query!(meetings, plans);
diesel::allow_tables_to_appear_in_same_query!(agenda_item_documents, documents);
diesel::allow_tables_to_appear_in_same_query!(agenda_items, documents);
diesel::allow_tables_to_appear_in_same_query!(meetings, documents);
diesel::allow_tables_to_appear_in_same_query!(body_members, users);
