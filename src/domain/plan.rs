//! What a plan is made of, and the limits of its fields.

/// The groups a plan may invite to take part, as stored.
pub const PARTICIPANT_GROUPS: [&str; 6] =
    ["ansatte", "folkevalgte", "innbyggere", "næringsliv", "frivillige", "andre interessegrupper"];

pub const MAX_TITLE: usize = 200;
pub const MAX_SUMMARY: usize = 5000;
pub const MAX_VISION: usize = 2000;
/// The status text: a few sentences on where the plan stands and what comes next.
pub const MAX_STATUS_TEXT: usize = 2000;
pub const MAX_THEME: usize = 200;
pub const MAX_CONTACT_FIELD: usize = 200;
pub const MAX_CONTACT_PHONE: usize = 40;
pub const MAX_MILESTONE_TITLE: usize = 300;
pub const HORIZON_YEARS: (i32, i32) = (1, 30);
pub const REVISION_INTERVAL_YEARS: (i32, i32) = (1, 12);
