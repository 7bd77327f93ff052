//! Plain types and rules of the domain. No I/O: nothing here touches the
//! database, the network or the clock.

pub mod assessment;
pub mod audit_summary;
pub mod document;
pub mod email;
pub mod filetype;
pub mod hearing;
pub mod hearing_details;
pub mod hearing_summary;
pub mod icalendar;
pub mod lifecycle;
pub mod meeting;
pub mod meeting_forms;
pub mod milestone;
pub mod org_number;
pub mod oslo;
pub mod password_policy;
pub mod plan;
pub mod plan_document;
pub mod planned;
pub mod reading_room;
pub mod retention;
pub mod role;
pub mod routing;
pub mod routing_form;
pub mod stage;
pub mod submission;
pub mod submission_intake;
pub mod submission_reference;
pub mod text;
pub mod throttle;
pub mod word_diff;
