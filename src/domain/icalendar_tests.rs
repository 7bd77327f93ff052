use chrono::NaiveDate;

use super::*;

fn lines_of(folded: &str) -> Vec<&str> {
    folded.split(CRLF).collect()
}

/// Unfolding (RFC 5545 3.1) gives back the line.
fn unfold(folded: &str) -> String {
    folded.replace("\r\n ", "")
}

#[test]
fn a_line_of_exactly_75_octets_is_not_folded() {
    let line = "X".repeat(75);
    assert_eq!(fold(&line), line);
}

#[test]
fn a_line_of_76_octets_folds_once_with_a_space() {
    let line = "X".repeat(76);
    let folded = fold(&line);
    assert_eq!(lines_of(&folded), vec![&"X".repeat(75)[..], " X"]);
    assert_eq!(unfold(&folded), line);
}

#[test]
fn continuation_lines_hold_74_octets_after_their_space() {
    let line = "Y".repeat(75 + 74 + 1);
    let folded = fold(&line);
    let physical = lines_of(&folded);
    assert_eq!(physical.len(), 3);
    assert_eq!(physical[1].len(), 75, "space and 74 octets");
    assert_eq!(physical[2], " Y");
    assert!(physical.iter().all(|l| l.len() <= MAX_OCTETS));
    assert_eq!(unfold(&folded), line);
}

#[test]
fn a_multi_byte_character_at_the_fold_is_never_split() {
    // 74 octets, then "ø" (2 octets) would end at octet 76: it moves down.
    let line = format!("{}ø{}", "a".repeat(74), "b".repeat(10));
    let folded = fold(&line);
    let physical = lines_of(&folded);
    assert_eq!(physical[0], "a".repeat(74));
    assert!(physical[1].starts_with(" ø"));
    assert_eq!(unfold(&folded), line);
    // A 4-octet character across the boundary, and a line of only them.
    for line in [format!("{}😀", "a".repeat(73)), "😀".repeat(40), "æøå".repeat(30)] {
        let folded = fold(&line);
        for physical in lines_of(&folded) {
            assert!(physical.len() <= MAX_OCTETS, "{physical}");
            assert!(std::str::from_utf8(physical.as_bytes()).is_ok());
        }
        assert_eq!(unfold(&folded), line);
    }
}

#[test]
fn text_escapes_each_special_character() {
    assert_eq!(escape_text("a\\b"), "a\\\\b");
    assert_eq!(escape_text("a;b"), "a\\;b");
    assert_eq!(escape_text("a,b"), "a\\,b");
    assert_eq!(escape_text("a\nb"), "a\\nb");
    assert_eq!(escape_text("a\r\nb"), "a\\nb", "CRLF is one line break");
    assert_eq!(escape_text("a\rb"), "a\\nb");
    assert_eq!(escape_text("a:b\"c"), "a:b\"c", "colon and quote need no escape in TEXT");
    assert_eq!(escape_text("a\u{0}b\u{7}c\u{202E}d"), "abcd", "controls and bidi overrides are dropped");
    assert_eq!(escape_text("Rådhuset, sal 2; 2. etg."), "Rådhuset\\, sal 2\\; 2. etg.");
}

#[test]
fn times_are_written_in_basic_format() {
    let t = NaiveDate::from_ymd_opt(2020, 9, 15).and_then(|d| d.and_hms_opt(14, 5, 9)).expect("time");
    assert_eq!(utc_time(t), "20200915T140509Z");
    assert_eq!(local_time(t), "20200915T140509");
}

#[test]
fn a_calendar_has_its_parts_and_only_short_crlf_lines() {
    let at = |h| NaiveDate::from_ymd_opt(2026, 12, 3).and_then(|d| d.and_hms_opt(h, 0, 0)).expect("time");
    let event = Event {
        uid: "meeting-1@temaplan".to_owned(),
        stamp: at(9),
        start: at(16),
        end: at(19),
        summary: "Formannskapet".to_owned(),
        location: "Rådhuset, formannskapssalen".to_owned(),
        url: "https://example.org/moter/1".to_owned(),
        description: "PS 1/26 Tilsetting av kommunalsjef\nOS 2/26 Orientering om høringen av temaplan for klima og miljø – en lang tittel".to_owned(),
        sequence: 3,
        cancelled: true,
    };
    let text = calendar("-//Temaplan//Møter//NB", "Formannskapet", &[event]);
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace(CRLF, "").contains(['\r', '\n']), "every line ends in CRLF");
    assert!(text.split(CRLF).all(|l| l.len() <= MAX_OCTETS));
    let unfolded = unfold(&text);
    for expected in [
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Formannskapet",
        "BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:VTIMEZONE",
        "UID:meeting-1@temaplan",
        "DTSTAMP:20261203T090000Z",
        "DTSTART;TZID=Europe/Oslo:20261203T160000",
        "DTEND;TZID=Europe/Oslo:20261203T190000",
        "LOCATION:Rådhuset\\, formannskapssalen",
        "SEQUENCE:3",
        "STATUS:CANCELLED",
        "DESCRIPTION:PS 1/26 Tilsetting av kommunalsjef\\nOS 2/26",
    ] {
        assert!(unfolded.contains(expected), "{expected} in\n{unfolded}");
    }
}
