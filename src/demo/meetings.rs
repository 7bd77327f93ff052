//! The demo's meetings: formannskapet's meeting of 15 September 2020 where
//! `PS 1/20` adopted the mandate of Asker's plan (its case paper is the PDF
//! the plan lists), and an upcoming meeting, convened, with a public case
//! about the climate plan and an exempt personnel case (offl. § 25). The
//! demo member sits in formannskapet. Loading twice creates nothing twice.

use anyhow::Context;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};

use super::pdf;
use crate::db::meetings::{self, writes, AgendaItem, Meeting, Member, PaperLink};
use crate::db::{self, documents as rows, plans, users, DbConnection};
use crate::documents::{self, FileStore, Metadata};
use crate::domain::document::AccessClass;
use crate::domain::meeting::MeetingStatus;
use crate::domain::oslo;
use crate::domain::stage::Stage;

const BODY: &str = "formannskapet";
const PLACE: &str = "Rådhuset, formannskapssalen";

/// The exempt paper's real title: only staff and formannskapet read it.
pub const EXEMPT_TITLE: &str = "Tilsetting av kommunalsjef – vurdering av søkeren Kari Eksempel";
/// What the public sees of it.
pub const EXEMPT_PUBLIC_TITLE: &str = "Tilsetting av kommunalsjef";
pub const EXEMPT_GROUND: &str = "offl. § 25";

pub(super) fn seed(conn: &mut DbConnection, store: &FileStore, now: NaiveDateTime) -> anyhow::Result<usize> {
    let existing = meetings::meetings_of_body(conn, BODY)?;
    if !existing.is_empty() {
        return Ok(0);
    }
    let exempt_pdf = documents::prepare(
        store,
        &pdf::one_page(
            EXEMPT_TITLE,
            &[
                "Saksframlegg, unntatt offentlighet etter offl. § 25.".to_owned(),
                "Kommunedirektøren innstiller på at Kari Eksempel tilsettes som kommunalsjef.".to_owned(),
                "Demodokument.".to_owned(),
            ],
        ),
        u64::MAX,
    )
    .context("the exempt demo PDF")?;
    let climate_pdf = documents::prepare(
        store,
        &pdf::one_page(
            "Temaplan for klima og miljø – orientering om høringen",
            &["Orientering om høringen av temaplan for klima og miljø.".to_owned(), "Demodokument.".to_owned()],
        ),
        u64::MAX,
    )
    .context("the climate demo PDF")?;
    db::write(conn, |conn| -> anyhow::Result<usize> {
        seed_members(conn)?;
        mandate_meeting(conn)?;
        let today = oslo::date(now);
        let day = today.checked_add_days(Days::new(9)).context("date")?;
        let starts_at =
            oslo::to_utc(day.and_time(NaiveTime::from_hms_opt(16, 0, 0).context("time")?)).context("a time in Oslo")?;
        let meeting = new_meeting(starts_at, MeetingStatus::Convened, now);
        writes::insert_meeting(conn, &meeting)?;
        diesel::update(db::schema::meetings::table.find(&meeting.id))
            .set(db::schema::meetings::notice_published_at.eq(now))
            .execute(conn)?;
        let climate = plans::find_by_slug(conn, "klima-og-miljo")?;
        let item = new_item(conn, &meeting, "OS", "Temaplan for klima og miljø – orientering om høringen", now)?;
        let item = AgendaItem { plan_id: climate.map(|p| p.id), ..item };
        writes::insert_item(conn, &item)?;
        paper(
            conn,
            &item,
            &climate_pdf,
            "Orientering om høringen – temaplan for klima og miljø",
            &AccessClass::Public,
            None,
            now,
        )?;
        let exempt = AgendaItem {
            legal_ground: Some(EXEMPT_GROUND.to_owned()),
            public_title: Some(EXEMPT_PUBLIC_TITLE.to_owned()),
            recommendation: "Kari Eksempel tilsettes som kommunalsjef.".to_owned(),
            ..new_item(conn, &meeting, "PS", EXEMPT_TITLE, now)?
        };
        writes::insert_item(conn, &exempt)?;
        let class = AccessClass::Exempt { legal_ground: EXEMPT_GROUND.to_owned(), body: BODY.to_owned() };
        paper(conn, &exempt, &exempt_pdf, EXEMPT_TITLE, &class, Some(EXEMPT_PUBLIC_TITLE), now)?;
        Ok(2)
    })
}

use diesel::prelude::*;

fn new_meeting(starts_at: NaiveDateTime, status: MeetingStatus, now: NaiveDateTime) -> Meeting {
    Meeting {
        id: db::new_id(),
        body_key: BODY.to_owned(),
        starts_at,
        place: PLACE.to_owned(),
        remote: false,
        status: status.key().to_owned(),
        notice_published_at: None,
        minutes_document_id: None,
        minutes_approved_at: None,
        sequence: 0,
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

fn new_item(
    conn: &mut DbConnection,
    meeting: &Meeting,
    item_type: &str,
    title: &str,
    now: NaiveDateTime,
) -> anyhow::Result<AgendaItem> {
    let year = oslo::date(meeting.starts_at).year();
    Ok(AgendaItem {
        id: db::new_id(),
        meeting_id: meeting.id.clone(),
        body_key: meeting.body_key.clone(),
        item_type: item_type.to_owned(),
        year,
        number: writes::next_number(conn, &meeting.body_key, item_type, year)?,
        archive_case: None,
        title: title.to_owned(),
        legal_ground: None,
        public_title: None,
        recommendation: String::new(),
        plan_id: None,
        plan_to_stage: None,
        decision: None,
        vote: None,
        decided_at: None,
        position: writes::next_position(conn, &meeting.id)?,
        version: 1,
        updated_at: now,
    })
}

fn paper(
    conn: &mut DbConnection,
    item: &AgendaItem,
    prepared: &documents::Prepared,
    title: &str,
    class: &AccessClass,
    public_title: Option<&str>,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    let file_name = format!("{} {}.pdf", item.number().replace('/', "-"), public_title.unwrap_or(title));
    let meta = Metadata {
        title,
        public_title,
        file_name: &file_name,
        class,
        dated_on: Some(oslo::date(now)),
        created_by: None,
    };
    let document_id = documents::record(conn, prepared, &meta)?;
    let position = writes::next_paper_position(conn, &item.id)?;
    let link = PaperLink {
        agenda_item_id: item.id.clone(),
        document_id,
        kind: "saksframlegg".to_owned(),
        position,
        added_at: now,
    };
    writes::link_paper(conn, &link)?;
    Ok(())
}

/// 15 September 2020: PS 1/20 adopted the mandate; the plan's event of that
/// day points to it and its case paper is the PDF the plan lists.
fn mandate_meeting(conn: &mut DbConnection) -> anyhow::Result<()> {
    let Some(plan) = plans::find_by_slug(conn, "digitalisering-og-smart-teknologi")? else { return Ok(()) };
    let day = NaiveDate::from_ymd_opt(2020, 9, 15).context("date")?;
    let starts_at =
        oslo::to_utc(day.and_time(NaiveTime::from_hms_opt(16, 0, 0).context("time")?)).context("a time in Oslo")?;
    let approved = starts_at.checked_add_days(Days::new(14)).context("date")?;
    let meeting = Meeting {
        notice_published_at: starts_at.checked_sub_days(Days::new(8)),
        minutes_approved_at: Some(approved),
        ..new_meeting(starts_at, MeetingStatus::MinutesApproved, approved)
    };
    writes::insert_meeting(conn, &meeting)?;
    let item = AgendaItem {
        plan_id: Some(plan.id.clone()),
        plan_to_stage: Some(Stage::KnowledgeBase.key().to_owned()),
        recommendation: "Formannskapet vedtar mandat og rammer for temaplan for digitalisering og smart teknologi."
            .to_owned(),
        decision: Some(
            "Formannskapet vedtar mandat og rammer for temaplan for digitalisering og smart teknologi.".to_owned(),
        ),
        vote: Some("Enstemmig vedtatt.".to_owned()),
        decided_at: Some(starts_at),
        ..new_item(conn, &meeting, "PS", "Mandat for temaplan for digitalisering og smart teknologi", approved)?
    };
    writes::insert_item(conn, &item)?;
    let number = item.number();
    for listed in rows::for_plan(conn, &plan.id)? {
        if listed.document.row.title.starts_with(&number) {
            let link = PaperLink {
                agenda_item_id: item.id.clone(),
                document_id: listed.document.row.id.clone(),
                kind: "saksframlegg".to_owned(),
                position: 1,
                added_at: approved,
            };
            writes::link_paper(conn, &link)?;
        }
    }
    plans::link_event_to_item(conn, &plan.id, &number, &item.id)?;
    Ok(())
}

/// The demo member and a few others, for the period 2023–2027.
fn seed_members(conn: &mut DbConnection) -> anyhow::Result<()> {
    let from = NaiveDate::from_ymd_opt(2023, 10, 1).context("date")?;
    let to = NaiveDate::from_ymd_opt(2027, 9, 30).context("date")?;
    let demo_member = users::find_by_email(conn, "politiker@demo.example")?;
    let people = [
        ("Siri Lund", "Demokratisk liste", "medlem", demo_member.map(|u| u.id)),
        ("Per Olsen", "Bygdelista", "medlem", None),
        ("Aisha Rahman", "Grønn framtid", "medlem", None),
        ("Jon Bakke", "Bygdelista", "varamedlem", None),
    ];
    for (position, (name, party, seat, user_id)) in (1..).zip(people) {
        let member = Member {
            id: db::new_id(),
            body_key: BODY.to_owned(),
            name: name.to_owned(),
            party: party.to_owned(),
            seat: seat.to_owned(),
            user_id,
            from_date: from,
            to_date: to,
            position,
        };
        writes::insert_member(conn, &member)?;
    }
    Ok(())
}
