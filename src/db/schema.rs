//! The tables, as diesel sees them; one schema for both backends.

pub use super::schema_meetings::*;
pub use super::schema_summaries::*;

diesel::table! {
    sections (id) {
        id -> Text,
        key -> Text,
        name -> Text,
        email -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    plans (id) {
        id -> Text,
        slug -> Text,
        title -> Text,
        summary -> Text,
        vision -> Text,
        horizon_years -> Integer,
        revision_interval_years -> Integer,
        responsible_section_id -> Nullable<Text>,
        stage -> Text,
        participants -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        cycle -> Integer,
        adopted_on -> Nullable<Date>,
        version -> Integer,
        status_text -> Text,
    }
}

diesel::table! {
    hearings (id) {
        id -> Text,
        plan_id -> Text,
        cycle -> Integer,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
        created_at -> Timestamp,
        title -> Text,
        previous_closes_at -> Nullable<Timestamp>,
        retention_months -> Integer,
    }
}

diesel::table! {
    plan_events (id) {
        id -> Text,
        plan_id -> Text,
        cycle -> Integer,
        kind -> Text,
        from_stage -> Nullable<Text>,
        to_stage -> Text,
        note -> Text,
        decision_ref -> Nullable<Text>,
        actor_user_id -> Nullable<Text>,
        occurred_at -> Timestamp,
        agenda_item_id -> Nullable<Text>,
    }
}

diesel::table! {
    plan_themes (id) {
        id -> Text,
        plan_id -> Text,
        key -> Text,
        title -> Text,
        position -> Integer,
    }
}

diesel::table! {
    plan_contacts (id) {
        id -> Text,
        plan_id -> Text,
        role -> Text,
        responsibility -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        position -> Integer,
        name -> Nullable<Text>,
        name_consent -> Bool,
    }
}

diesel::table! {
    milestones (id) {
        id -> Text,
        plan_id -> Text,
        title -> Text,
        planned -> Text,
        stage -> Text,
        done -> Bool,
        done_on -> Nullable<Date>,
        position -> Integer,
        version -> Integer,
    }
}

diesel::table! {
    content_version (id) {
        id -> Integer,
        version -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        disabled -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    user_roles (user_id, role, scope) {
        user_id -> Text,
        role -> Text,
        scope -> Text,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        flash -> Nullable<Text>,
    }
}

diesel::table! {
    login_throttle (subject) {
        subject -> Text,
        failures -> Integer,
        last_failure_at -> Nullable<Timestamp>,
        blocked_until -> Nullable<Timestamp>,
        last_success_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    password_resets (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        at -> Timestamp,
        actor_user_id -> Nullable<Text>,
        action -> Text,
        target -> Text,
        summary -> Text,
        target_kind -> Text,
        target_id -> Text,
        target_title -> Text,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        title -> Text,
        public_title -> Nullable<Text>,
        file_name -> Text,
        file_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        access_class -> Text,
        legal_ground -> Nullable<Text>,
        body -> Nullable<Text>,
        section_id -> Nullable<Text>,
        dated_on -> Nullable<Date>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    plan_documents (plan_id, document_id) {
        plan_id -> Text,
        document_id -> Text,
        stage -> Text,
        kind -> Text,
        position -> Integer,
        replaced_by -> Nullable<Text>,
    }
}

diesel::table! {
    hearing_questions (id) {
        id -> Text,
        hearing_id -> Text,
        position -> Integer,
        text -> Text,
    }
}

diesel::table! {
    hearing_themes (hearing_id, theme_key) {
        hearing_id -> Text,
        theme_key -> Text,
    }
}

diesel::table! {
    hearing_bodies (hearing_id, body_key) {
        hearing_id -> Text,
        body_key -> Text,
    }
}

diesel::table! {
    routing_rules (id) {
        id -> Text,
        plan_id -> Nullable<Text>,
        theme_key -> Nullable<Text>,
        category -> Nullable<Text>,
        section_id -> Text,
        position -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    submission_counters (year) {
        year -> Integer,
        last_number -> Integer,
    }
}

diesel::table! {
    submissions (id) {
        id -> Text,
        plan_id -> Text,
        hearing_id -> Text,
        reference_year -> Integer,
        reference_number -> Integer,
        idempotency_hash -> Text,
        receipt_hash -> Text,
        category -> Text,
        name -> Nullable<Text>,
        email -> Nullable<Text>,
        organisation_name -> Nullable<Text>,
        organisation_number -> Nullable<Text>,
        text -> Text,
        publish_text -> Bool,
        publish_name -> Bool,
        lang -> Text,
        section_id -> Text,
        status -> Text,
        address_hash -> Text,
        created_at -> Timestamp,
        assessment -> Nullable<Text>,
        municipality_answer -> Nullable<Text>,
        assessed_by -> Nullable<Text>,
        assessed_at -> Nullable<Timestamp>,
        moderation -> Text,
        withheld_reason -> Nullable<Text>,
        personal_data_erased_at -> Nullable<Timestamp>,
        version -> Integer,
    }
}

diesel::table! {
    submission_themes (submission_id, theme_key) {
        submission_id -> Text,
        theme_key -> Text,
    }
}

diesel::table! {
    submission_answers (submission_id, question_id) {
        submission_id -> Text,
        question_id -> Text,
        position -> Integer,
        question -> Text,
        answer -> Text,
    }
}

diesel::table! {
    submission_attachments (submission_id, document_id) {
        submission_id -> Text,
        document_id -> Text,
        position -> Integer,
    }
}

diesel::table! {
    submission_routes (id) {
        id -> Text,
        submission_id -> Text,
        section_id -> Text,
        rule_id -> Nullable<Text>,
        reason -> Text,
        routed_at -> Timestamp,
        actor_user_id -> Nullable<Text>,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(password_resets -> users (user_id));
diesel::joinable!(audit_log -> users (actor_user_id));
diesel::joinable!(plans -> sections (responsible_section_id));
diesel::joinable!(plan_themes -> plans (plan_id));
diesel::joinable!(plan_contacts -> plans (plan_id));
diesel::joinable!(milestones -> plans (plan_id));
diesel::joinable!(hearings -> plans (plan_id));
diesel::joinable!(plan_events -> plans (plan_id));
diesel::joinable!(user_roles -> users (user_id));
diesel::joinable!(documents -> sections (section_id));
diesel::joinable!(plan_documents -> documents (document_id));
diesel::joinable!(plan_documents -> plans (plan_id));
diesel::joinable!(hearing_questions -> hearings (hearing_id));
diesel::joinable!(hearing_themes -> hearings (hearing_id));
diesel::joinable!(hearing_bodies -> hearings (hearing_id));
diesel::joinable!(submissions -> plans (plan_id));
diesel::joinable!(submissions -> sections (section_id));
diesel::joinable!(submission_attachments -> documents (document_id));
diesel::joinable!(submission_attachments -> submissions (submission_id));
diesel::joinable!(submission_themes -> submissions (submission_id));
diesel::joinable!(submission_answers -> submissions (submission_id));
diesel::joinable!(submission_routes -> submissions (submission_id));

diesel::allow_tables_to_appear_in_same_query!(
    sections,
    plans,
    plan_themes,
    plan_contacts,
    milestones,
    hearings,
    plan_events,
    users,
    user_roles,
    sessions,
    login_throttle,
    password_resets,
    audit_log,
    content_version,
    server_secrets,
    documents,
    plan_documents,
    hearing_questions,
    hearing_themes,
    hearing_bodies,
    routing_rules,
    submission_counters,
    submissions,
    submission_themes,
    submission_answers,
    submission_attachments,
    submission_routes,
);

diesel::table! {
    server_secrets (name) {
        name -> Text,
        value -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        kind -> Text,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        language -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_by -> Nullable<Text>,
        claimed_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        submission_id -> Nullable<Text>,
    }
}
