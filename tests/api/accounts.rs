//! Logins, sessions, throttling, disabled users, password links and the
//! audit log.

use diesel::prelude::*;
use temaplan::db::schema::{audit_log, sessions};

use crate::access_control::sign_in;
use crate::helpers::{soon, Session, TestApp};

crate::on_both_backends!(
    login_page_works_in_three_languages,
    wrong_password_and_unknown_user_get_the_same_answer,
    session_id_changes_at_login_and_planted_ids_are_worthless,
    logout_ends_the_session_for_good,
    throttling_makes_a_pair_wait_and_spares_other_accounts,
    disabled_users_are_out_at_their_next_request,
    admin_creates_a_user_who_sets_a_password_from_the_link,
    changes_and_logins_are_in_the_audit_log,
    sessions_and_pages_hold_across_instances,
);

fn audit_count(app: &TestApp) -> i64 {
    audit_log::table.count().get_result(&mut *app.conn()).expect("count")
}

async fn login_page_works_in_three_languages(app: TestApp) {
    for (lang, title) in [("nb", "Logg inn"), ("nn", "Logg inn"), ("en", "Sign in")] {
        let page = app.get_with("/logg-inn", &[("Cookie", &format!("lang={lang}"))]).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains(&format!("<h1>{title}</h1>")), "{lang}");
        assert!(page.body.contains("autocomplete=\"current-password\""));
        assert!(page.body.contains("autocomplete=\"username\""));
        assert!(page.body.contains("name=\"csrf\""));
    }
}

async fn wrong_password_and_unknown_user_get_the_same_answer(app: TestApp) {
    app.load_demo();
    let session = Session::new(&app);
    session.get("/logg-inn").await;
    let wrong =
        session.post("/logg-inn", &[("email", "planlegger@demo.example"), ("password", "feil passord her")]).await;
    let unknown = session.post("/logg-inn", &[("email", "ingen@demo.example"), ("password", "feil passord her")]).await;
    assert_eq!(wrong.status, 422);
    assert_eq!(unknown.status, 422);
    let message = "E-postadressen eller passordet er feil.";
    assert!(wrong.body.contains(message) && unknown.body.contains(message));
    assert!(unknown.body.contains("value=\"ingen@demo.example\""), "the e-mail is kept");
    assert!(!wrong.body.contains("feil passord her"), "the password is never shown again");
}

async fn session_id_changes_at_login_and_planted_ids_are_worthless(app: TestApp) {
    app.load_demo();
    let planted = "cd".repeat(32);
    let session = Session::new(&app);
    session.set_cookie("temaplan_session", &planted);
    session.get("/logg-inn").await;
    let response = session
        .post("/logg-inn", &[("email", "planlegger@demo.example"), ("password", "demo-planlegger-passord")])
        .await;
    assert_eq!(response.status, 303);
    let after = session.cookie("temaplan_session").expect("a session cookie");
    assert_ne!(after, planted, "a new id at login");
    let cookie = response.header("set-cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert_eq!(session.get("/planlegger").await.status, 200);
    // Logging in again gives yet another id and ends the old session.
    session.get("/logg-inn").await;
    let again = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let second = again.cookie("temaplan_session").expect("cookie");
    assert_ne!(second, after);
    let thief = Session::new(&app);
    thief.set_cookie("temaplan_session", &planted);
    assert_eq!(thief.get("/planlegger").await.status, 303, "the planted id opens nothing");
}

async fn logout_ends_the_session_for_good(app: TestApp) {
    app.load_demo();
    let session = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let id = session.cookie("temaplan_session").expect("cookie");
    session.get("/planlegger").await;
    assert_eq!(session.post("/logg-ut", &[]).await.status, 303);
    let replay = Session::new(&app);
    replay.set_cookie("temaplan_session", &id);
    assert_eq!(replay.get("/planlegger").await.status, 303, "the old cookie opens nothing");
    let left: i64 = sessions::table.count().get_result(&mut *app.conn()).expect("count");
    assert_eq!(left, 0, "the session is gone from the database");
}

/// The policy itself is tested in `login_security` and `domain::throttle`.
async fn throttling_makes_a_pair_wait_and_spares_other_accounts(app: TestApp) {
    app.load_demo();
    let session = Session::new(&app);
    session.get("/logg-inn").await;
    for _ in 0..5 {
        let r = session
            .post("/logg-inn", &[("email", "planlegger@demo.example"), ("password", "gjetter feil igjen")])
            .await;
        assert!(r.body.contains("E-postadressen eller passordet er feil."));
    }
    let locked = session
        .post("/logg-inn", &[("email", "planlegger@demo.example"), ("password", "demo-planlegger-passord")])
        .await;
    assert_eq!(locked.status, 422, "even the right password is refused while the pair waits");
    assert!(locked.body.contains("For mange mislykkede forsøk. Vent ett minutt og prøv igjen."), "{}", locked.body);
    // Five failures on one account do not lock the address for every account.
    let other = session.post("/logg-inn", &[("email", "admin@demo.example"), ("password", "demo-admin-passord")]).await;
    assert_eq!(other.status, 303);
}

async fn disabled_users_are_out_at_their_next_request(app: TestApp) {
    app.load_demo();
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    assert_eq!(planner.get("/planlegger").await.status, 200);
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let users = admin.get("/admin/brukere").await;
    let at = users.body.find("planlegger<wbr>@demo.example").expect("listed, breakable at the @ only");
    let id_start = users.body[..at].rfind("/admin/brukere/").expect("link") + "/admin/brukere/".len();
    let id = users.body[id_start..].split('"').next().expect("id").to_owned();
    admin.get(&format!("/admin/brukere/{id}")).await;
    assert_eq!(admin.post(&format!("/admin/brukere/{id}/deaktiver"), &[]).await.status, 303);
    assert_eq!(planner.get("/planlegger").await.status, 303, "out at the next request");
    let again = Session::new(&app);
    again.get("/logg-inn").await;
    let refused =
        again.post("/logg-inn", &[("email", "planlegger@demo.example"), ("password", "demo-planlegger-passord")]).await;
    assert_eq!(refused.status, 422, "and cannot sign in again");
}

async fn admin_creates_a_user_who_sets_a_password_from_the_link(app: TestApp) {
    app.load_demo();
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    admin.get("/admin/brukere/ny").await;
    let bad = admin.post("/admin/brukere", &[("email", "ikke-epost"), ("name", ""), ("role", "konge")]).await;
    assert_eq!(bad.status, 422);
    for id in ["error-email", "error-name", "error-roles"] {
        assert!(bad.body.contains(id), "{id}");
    }
    let created = admin
        .post(
            "/admin/brukere",
            &[
                ("email", "Kari@Kommune.example"),
                ("name", "Kari Nordmann"),
                ("role", "planner"),
                ("handler", "klima-og-miljo"),
            ],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let page = created.body.replace("&#x2F;", "/");
    let start = page.find("/passord/").expect("a one-time link");
    let token = page[start + "/passord/".len()..].split('<').next().expect("token").to_owned();
    let taken =
        admin.post("/admin/brukere", &[("email", "kari@kommune.example"), ("name", "Kari"), ("role", "planner")]).await;
    assert!(taken.body.contains("Det finnes allerede en bruker"));
    let kari = Session::new(&app);
    assert_eq!(kari.get(&format!("/passord/{token}")).await.status, 200);
    let path = format!("/passord/{token}");
    let short = kari.post(&path, &[("password", "kort"), ("password_again", "kort")]).await;
    assert!(short.body.contains("minst 12 tegn"));
    let common = kari.post(&path, &[("password", "passordpassord"), ("password_again", "passordpassord")]).await;
    assert!(common.body.contains("et av de vanligste passordene"));
    let mismatch =
        kari.post(&path, &[("password", "en lang nok setning"), ("password_again", "en annen setning")]).await;
    assert!(mismatch.body.contains("Passordene er ikke like."));
    let set = kari.post(&path, &[("password", "en lang nok setning"), ("password_again", "en lang nok setning")]).await;
    assert_eq!(set.status, 303);
    assert_eq!(kari.get(&path).await.status, 404, "the link works once");
    let signed_in = sign_in(&app, "kari@kommune.example", "en lang nok setning").await;
    assert_eq!(signed_in.get("/planlegger").await.status, 200, "with the roles the admin gave");
}

async fn changes_and_logins_are_in_the_audit_log(app: TestApp) {
    app.load_demo();
    let before = audit_count(&app);
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    planner.get("/planlegger/planer/klima-og-miljo").await;
    assert_eq!(
        planner.post("/planlegger/planer/klima-og-miljo/tema", &[("theme_title", "Grønn mobilitet")]).await.status,
        303
    );
    assert_eq!(audit_count(&app), before + 2, "the login and the change");
    let admin = sign_in(&app, "admin@demo.example", "demo-admin-passord").await;
    let log = admin.get("/admin/logg?handling=plan-changed").await;
    assert!(log.body.contains("Tema lagt til: Grønn mobilitet"), "{}", log.body);
    assert!(log.body.contains("Kari Nordmann") && log.body.contains("planlegger<wbr>@demo.example"), "who");
    let filtered = admin.get("/admin/logg?bruker=admin%40demo.example&handling=plan-changed").await;
    assert!(filtered.body.contains("Ingen endringer passer med søket."));
    let bad_date = admin.get("/admin/logg?fra=ig%C3%A5r").await;
    assert!(bad_date.body.contains("id=\"error-fra\""));
    // The audit row goes with its change: a change that fails leaves none.
    let count = audit_count(&app);
    let failed: Result<(), anyhow::Error> = temaplan::db::write(&mut app.conn(), |conn| {
        temaplan::db::audit::record(
            conn,
            None,
            "plan-changed",
            temaplan::db::audit::Target::Plan("x"),
            "a change that will fail",
        )?;
        Err(anyhow::anyhow!("the change itself failed"))
    });
    assert!(failed.is_err());
    assert_eq!(audit_count(&app), count, "no audit row without its change");
}

/// Two instances on one database: a session made on one works on the other,
/// logging out on one ends it on both, and a change made through one shows
/// on the other's (cached) public pages at once.
async fn sessions_and_pages_hold_across_instances(app: TestApp) {
    app.load_demo();
    let other = app.second_instance();
    let get = |base: String, path: &'static str, cookie: String| {
        let client = app.client.clone();
        async move {
            let mut response =
                client.get(format!("{base}{path}")).insert_header(("Cookie", cookie)).send().await.expect("answered");
            let body = response.body().await.expect("body");
            (response.status().as_u16(), String::from_utf8_lossy(&body).into_owned())
        }
    };
    // Warm the other instance's page cache first.
    let (_, before) = get(other.clone(), "/planer/klima-og-miljo", String::new()).await;
    assert!(before.contains("Temaplan for klima og miljø"));
    let planner = sign_in(&app, "planlegger@demo.example", "demo-planlegger-passord").await;
    let cookie = format!("temaplan_session={}", planner.cookie("temaplan_session").expect("cookie"));
    let (status, _) = get(other.clone(), "/planlegger", cookie.clone()).await;
    assert_eq!(status, 200, "the session made on one instance works on the other");
    planner.get("/planlegger/planer/klima-og-miljo").await;
    assert_eq!(
        planner.post("/planlegger/planer/klima-og-miljo/tema", &[("theme_title", "Grønn mobilitet")]).await.status,
        303
    );
    let seen = soon(|| async {
        get(other.clone(), "/planer/klima-og-miljo", String::new()).await.1.contains("Grønn mobilitet")
    })
    .await;
    assert!(seen, "the other instance's cached page follows the change soon");
    assert_eq!(planner.post("/logg-ut", &[]).await.status, 303);
    let (status, _) = get(other, "/planlegger", cookie).await;
    assert_eq!(status, 303, "logged out on one instance is logged out on both");
}
