//! Integration tests: the real app on a real database, over HTTP.
//!
//! Each test in `on_both_backends!` runs on SQLite, and on PostgreSQL too when
//! TEMAPLAN_TEST_DATABASE_URL is set (each test in its own database).

mod helpers;

mod access_control;
mod accessibility;
mod accounts;
mod admin;
mod admin_routing;
mod assessment;
mod browser;
mod cli;
mod concurrency;
mod concurrency_parts;
mod csrf;
mod demo;
mod demo_submissions;
mod document_feeds;
mod document_upload;
mod documents;
mod exempt_papers;
mod export;
mod group_commit;
mod handler_scope;
mod handling_support;
mod health;
mod hearing_page;
mod hearing_summary;
mod home;
mod hostile_text;
mod icalendar;
mod inbox;
mod invalidation;
mod login_security;
mod meeting_decision;
mod meetings_public;
mod migrations;
mod multipart_form;
mod outbox;
mod plan_page;
mod planner;
mod planner_milestones;
mod planner_stage;
mod planner_workflow;
mod plans;
mod reading_room;
mod reroute;
mod retention;
mod secretary;
mod secretary_papers;
mod server_process;
mod serving;
mod session;
mod smtp_sink;
mod submission_crash;
mod submission_load;
mod submission_mail;
mod submission_routing;
mod submission_support;
mod submissions;
mod upload_crash;
