//! The meetings' calendar feeds (RFC 5545) read by a real parser: CRLF
//! lines of at most 75 octets, Europe/Oslo's VTIMEZONE, TZID times, stable
//! UIDs, a SEQUENCE that moves with each change, cancelled meetings.

use diesel::prelude::*;
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use temaplan::db::schema::meetings as table;
use temaplan::demo::meetings::{EXEMPT_PUBLIC_TITLE, EXEMPT_TITLE};

use crate::helpers::{soon, TestApp};
use crate::meetings_public::demo_meetings;

crate::on_both_backends!(
    the_feed_is_valid_icalendar,
    uids_and_bytes_are_stable_and_sequence_moves_on_change,
    a_cancelled_meeting_is_cancelled_in_the_feed,
);

const FEED: &str = "/organer/formannskapet/moter.ics";

fn parse(text: &str) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(text.as_bytes());
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none(), "only one");
    calendar
}

fn property<'a>(event: &'a IcalEvent, name: &str) -> Option<&'a str> {
    event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.as_deref())
}

fn event_of<'a>(calendar: &'a IcalCalendar, meeting_id: &str) -> &'a IcalEvent {
    let uid = format!("meeting-{meeting_id}@temaplan");
    calendar.events.iter().find(|e| property(e, "UID") == Some(uid.as_str())).expect("the meeting's event")
}

async fn the_feed_is_valid_icalendar(app: TestApp) {
    app.load_demo();
    let (mandate, upcoming) = demo_meetings(&app);
    let response = app.get(FEED).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), "text/calendar; charset=utf-8");
    let text = &response.body;
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains(['\r', '\n']), "every line ends in CRLF, and only there");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let calendar = parse(text);
    let head = |name: &str| calendar.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone());
    assert_eq!(head("VERSION").as_deref(), Some("2.0"));
    assert_eq!(head("CALSCALE").as_deref(), Some("GREGORIAN"));
    assert_eq!(head("METHOD").as_deref(), Some("PUBLISH"));
    assert!(head("PRODID").is_some_and(|p| p.starts_with("-//Temaplan//")));
    assert!(head("X-WR-CALNAME").is_some_and(|n| n.starts_with("Formannskapet")));
    assert_eq!(calendar.timezones.len(), 1, "a VTIMEZONE");
    let zone = &calendar.timezones[0];
    assert!(zone.properties.iter().any(|p| p.name == "TZID" && p.value.as_deref() == Some("Europe/Oslo")));
    assert_eq!(zone.transitions.len(), 2, "STANDARD and DAYLIGHT");
    assert_eq!(calendar.events.len(), 2);
    for event in &calendar.events {
        let start = event.properties.iter().find(|p| p.name == "DTSTART").expect("DTSTART");
        let params = start.params.clone().unwrap_or_default();
        assert!(params.iter().any(|(k, v)| k == "TZID" && v == &vec!["Europe/Oslo".to_owned()]), "{params:?}");
        assert!(event.properties.iter().any(|p| p.name == "DTEND"));
        assert!(property(event, "DTSTAMP").is_some_and(|s| s.ends_with('Z')), "DTSTAMP in UTC");
        assert_eq!(property(event, "STATUS"), Some("CONFIRMED"));
        assert!(property(event, "URL").is_some_and(|u| u.contains("/moter/")));
    }
    let old = event_of(&calendar, &mandate.id);
    assert_eq!(property(old, "DTSTART"), Some("20200915T160000"), "16.00 on the clock in Oslo");
    assert_eq!(property(old, "DTEND"), Some("20200915T190000"));
    let location = property(old, "LOCATION").unwrap_or_default().replace("\\,", ",");
    assert_eq!(location, "Rådhuset, formannskapssalen");
    let coming = event_of(&calendar, &upcoming.id);
    let description = property(coming, "DESCRIPTION").expect("the agenda");
    assert!(description.contains(EXEMPT_PUBLIC_TITLE), "{description}");
    assert!(description.contains("offl. § 25"));
    assert!(!text.contains(EXEMPT_TITLE) && !text.contains("Kari Eksempel"));
}

async fn uids_and_bytes_are_stable_and_sequence_moves_on_change(app: TestApp) {
    app.load_demo();
    let (mandate, upcoming) = demo_meetings(&app);
    let first = app.get(FEED).await.body;
    let second = app.get_with(FEED, &[("Cookie", "x=1")]).await.body;
    assert_eq!(first, second, "the same bytes while nothing changes");
    let before = parse(&first);
    let sequence = |calendar: &IcalCalendar, id: &str| -> i32 {
        property(event_of(calendar, id), "SEQUENCE").and_then(|s| s.parse().ok()).expect("SEQUENCE")
    };
    let old_sequence = sequence(&before, &upcoming.id);
    let stamp = property(event_of(&before, &upcoming.id), "DTSTAMP").map(str::to_owned);
    // As the secretary's writes change a meeting: the sequence moves too.
    diesel::update(table::table.find(&upcoming.id))
        .set((
            table::place.eq("Kulturhuset, store sal"),
            table::sequence.eq(table::sequence + 1),
            table::updated_at.eq(temaplan::db::now()),
        ))
        .execute(&mut app.conn())
        .expect("update");
    let moved = soon(|| async { app.get(FEED).await.body.contains("Kulturhuset") }).await;
    assert!(moved, "the feed shows the change");
    let after = parse(&app.get(FEED).await.body);
    assert!(sequence(&after, &upcoming.id) > old_sequence, "SEQUENCE is larger");
    assert_eq!(sequence(&after, &mandate.id), sequence(&before, &mandate.id), "the other meeting is unchanged");
    assert!(property(event_of(&after, &upcoming.id), "DTSTAMP").map(str::to_owned) >= stamp, "DTSTAMP follows");
    let uids =
        |c: &IcalCalendar| c.events.iter().filter_map(|e| property(e, "UID").map(str::to_owned)).collect::<Vec<_>>();
    assert_eq!(uids(&before), uids(&after), "UIDs stay");
}

async fn a_cancelled_meeting_is_cancelled_in_the_feed(app: TestApp) {
    app.load_demo();
    let (_, upcoming) = demo_meetings(&app);
    diesel::update(table::table.find(&upcoming.id))
        .set((table::status.eq("avlyst"), table::sequence.eq(table::sequence + 1)))
        .execute(&mut app.conn())
        .expect("update");
    let cancelled = soon(|| async {
        let calendar = parse(&app.get(FEED).await.body);
        property(event_of(&calendar, &upcoming.id), "STATUS") == Some("CANCELLED")
    })
    .await;
    assert!(cancelled, "STATUS:CANCELLED");
    let calendar = parse(&app.get(FEED).await.body);
    let event = event_of(&calendar, &upcoming.id);
    assert!(property(event, "SUMMARY").is_some_and(|s| s.starts_with("Avlyst")));
    assert!(!property(event, "DESCRIPTION").unwrap_or_default().contains(EXEMPT_PUBLIC_TITLE), "no agenda");
    let page = app.get(&format!("/moter/{}", upcoming.id)).await;
    assert!(page.body.contains("Møtet er avlyst."));
}
