use super::*;

#[test]
fn steps_follow_the_meeting_order() {
    use MeetingStatus::*;
    use MeetingStep::*;
    assert_eq!(Planned.step(PublishNotice), Ok(Convened));
    assert_eq!(Convened.step(MarkHeld), Ok(Held));
    assert_eq!(Held.step(ApproveMinutes), Ok(MinutesApproved));
    assert_eq!(Planned.step(Cancel), Ok(Cancelled));
    assert_eq!(Convened.step(Cancel), Ok(Cancelled));
    for (from, step) in [
        (Convened, PublishNotice),
        (Planned, MarkHeld),
        (Planned, ApproveMinutes),
        (Convened, ApproveMinutes),
        (Held, Cancel),
        (Held, PublishNotice),
        (MinutesApproved, Cancel),
        (MinutesApproved, ApproveMinutes),
        (Cancelled, PublishNotice),
        (Cancelled, MarkHeld),
    ] {
        assert_eq!(from.step(step), Err(StepRefused { from, step }), "{from} {step:?}");
    }
}

#[test]
fn what_each_status_allows() {
    use MeetingStatus::*;
    let public: Vec<_> = MeetingStatus::ALL.into_iter().filter(|s| s.agenda_is_public()).collect();
    assert_eq!(public, [Convened, Held, MinutesApproved]);
    let open: Vec<_> = MeetingStatus::ALL.into_iter().filter(|s| s.agenda_is_open()).collect();
    assert_eq!(open, [Planned, Convened]);
    let deciding: Vec<_> = MeetingStatus::ALL.into_iter().filter(|s| s.takes_decisions()).collect();
    assert_eq!(deciding, [Held]);
}

#[test]
fn keys_read_back() {
    for status in MeetingStatus::ALL {
        assert_eq!(status.key().parse(), Ok(status));
        assert_eq!(status.to_string(), status.key());
    }
    for step in MeetingStep::ALL {
        assert_eq!(step.key().parse(), Ok(step));
    }
    assert!("".parse::<MeetingStatus>().is_err());
    assert!("Planlagt".parse::<MeetingStatus>().is_err());
    assert!("avlyst ".parse::<MeetingStep>().is_err());
    for item_type in ItemType::ALL {
        assert_eq!(item_type.code().parse(), Ok(item_type));
        assert_eq!(item_type.code().to_lowercase().parse(), Ok(item_type));
    }
    assert!("XS".parse::<ItemType>().is_err());
    assert!(ItemType::Political.is_decided());
    assert!(!ItemType::Briefing.is_decided() && !ItemType::Report.is_decided() && !ItemType::Delegated.is_decided());
}

#[test]
fn agenda_numbers_are_written_as_municipalities_do() {
    let ps = AgendaNumber { item_type: ItemType::Political, number: 12, year: 2020 };
    assert_eq!(ps.to_string(), "PS 12/20");
    let rs = AgendaNumber { item_type: ItemType::Report, number: 3, year: 2005 };
    assert_eq!(rs.to_string(), "RS 3/05");
    assert_eq!(AgendaNumber::parse("PS 12/20", 2026), Ok(ps));
    assert_eq!(AgendaNumber::parse(" ps 12/2020 ", 2026), Ok(ps));
    assert_eq!(AgendaNumber::parse("RS 3/05", 2026), Ok(rs));
    assert_eq!(
        AgendaNumber::parse("OS 1/99", 1999),
        Ok(AgendaNumber { item_type: ItemType::Briefing, number: 1, year: 1999 })
    );
    assert_eq!(
        AgendaNumber::parse("PS 99999/26", 2026),
        Ok(AgendaNumber { item_type: ItemType::Political, number: 99999, year: 2026 })
    );
    for bad in [
        "",
        "PS",
        "PS 12",
        "PS 12/",
        "PS /20",
        "PS 0/20",
        "PS 12/2",
        "PS 12/202",
        "PS 12/20201",
        "XS 12/20",
        "PS -1/20",
        "PS 1a/20",
        "PS 12/2a",
        "PS 123456/20",
        "PS12/20",
    ] {
        assert_eq!(AgendaNumber::parse(bad, 2026), Err(NotAnAgendaNumber), "{bad:?}");
    }
}

#[test]
fn archive_case_numbers() {
    assert_eq!(archive_case(" 20/12345 "), Ok("20/12345".to_owned()));
    assert_eq!(archive_case("26/1"), Ok("26/1".to_owned()));
    assert_eq!(archive_case("26/123456"), Ok("26/123456".to_owned()));
    for bad in ["", "20", "20/", "/123", "2020/123", "2/123", "20/1234567", "20/12a", "ab/12", "20-12345"] {
        assert_eq!(archive_case(bad), Err(NotAnArchiveCase), "{bad:?}");
    }
}

#[test]
fn notice_lead_time() {
    let day = NaiveDate::from_ymd_opt(2020, 9, 15).expect("date");
    let due = NaiveDate::from_ymd_opt(2020, 9, 8).expect("date");
    assert_eq!(notice_due(day, 7), due);
    assert_eq!(notice_due(day, 0), day);
    assert!(!notice_is_late(day, 7, due));
    assert!(notice_is_late(day, 7, due.succ_opt().expect("date")));
    assert!(!notice_is_late(day, 7, due.pred_opt().expect("date")));
    assert_eq!(notice_due(NaiveDate::MIN, 1), NaiveDate::MIN);
}
