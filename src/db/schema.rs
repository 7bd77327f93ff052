//! The tables, as diesel sees them; one schema for both backends.

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
);

diesel::table! {
    server_secrets (name) {
        name -> Text,
        value -> Text,
        created_at -> Timestamp,
    }
}
