//! iCalendar text (RFC 5545) for the meetings' calendar feeds: escaping,
//! folding at 75 octets, Europe/Oslo's VTIMEZONE, and a calendar of events
//! built from plain values. No I/O.

use chrono::NaiveDateTime;

/// The line end RFC 5545 requires.
pub const CRLF: &str = "\r\n";

/// The most octets a physical line may hold, not counting its CRLF.
pub const MAX_OCTETS: usize = 75;

/// Europe/Oslo as calendar clients want it: CET/CEST with the EU rules
/// (last Sunday of March at 02:00, last Sunday of October at 03:00).
pub const OSLO_VTIMEZONE: [&str; 17] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Oslo",
    "X-LIC-LOCATION:Europe/Oslo",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
];

/// A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped,
/// a line break written `\n`. Controls a content line may not carry (all
/// but tab) are dropped, and so are bidi and zero-width characters.
pub fn escape_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() || super::text::is_invisible_format(c) || !super::text::is_allowed(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line folded (RFC 5545 3.1): physical lines of at most 75
/// octets, each after the first starting with a space, joined by CRLF
/// (none after the last). A line is never split inside a UTF-8 character.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut rest = line;
    // The first line has all 75 octets; the others give one to the space.
    let mut room = MAX_OCTETS;
    loop {
        if rest.len() <= room {
            out.push_str(rest);
            return out;
        }
        let mut end = room;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        out.push_str(&rest[..end]);
        out.push_str(CRLF);
        out.push(' ');
        rest = &rest[end..];
        room = MAX_OCTETS - 1;
    }
}

/// A UTC time as `20200915T140000Z` (DTSTAMP).
pub fn utc_time(utc: NaiveDateTime) -> String {
    utc.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A clock time as `20200915T160000`, for a property with a TZID.
pub fn local_time(local: NaiveDateTime) -> String {
    local.format("%Y%m%dT%H%M%S").to_string()
}

/// A meeting as a VEVENT: times already on the clock in Oslo (start, end)
/// and in UTC (stamp); texts unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub stamp: NaiveDateTime,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub summary: String,
    pub location: String,
    pub url: String,
    pub description: String,
    pub sequence: i32,
    pub cancelled: bool,
}

/// A whole calendar with the Oslo time zone and `events`, CRLF after each
/// line.
pub fn calendar(product_id: &str, name: &str, events: &[Event]) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        format!("PRODID:{}", escape_text(product_id)),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", escape_text(name)),
        "X-WR-TIMEZONE:Europe/Oslo".to_owned(),
    ];
    lines.extend(OSLO_VTIMEZONE.iter().map(|l| (*l).to_owned()));
    lines.push("END:VTIMEZONE".to_owned());
    for event in events {
        lines.push("BEGIN:VEVENT".to_owned());
        lines.push(format!("UID:{}", escape_text(&event.uid)));
        lines.push(format!("DTSTAMP:{}", utc_time(event.stamp)));
        lines.push(format!("DTSTART;TZID=Europe/Oslo:{}", local_time(event.start)));
        lines.push(format!("DTEND;TZID=Europe/Oslo:{}", local_time(event.end)));
        lines.push(format!("SUMMARY:{}", escape_text(&event.summary)));
        if !event.location.is_empty() {
            lines.push(format!("LOCATION:{}", escape_text(&event.location)));
        }
        // A URI value: not TEXT, so not escaped; ours has no CR or LF.
        lines.push(format!("URL:{}", event.url.replace(['\r', '\n'], "")));
        if !event.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape_text(&event.description)));
        }
        lines.push(format!("SEQUENCE:{}", event.sequence.max(0)));
        lines.push(format!("STATUS:{}", if event.cancelled { "CANCELLED" } else { "CONFIRMED" }));
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
        out.push_str(CRLF);
    }
    out
}

#[cfg(test)]
#[path = "icalendar_tests.rs"]
mod tests;
