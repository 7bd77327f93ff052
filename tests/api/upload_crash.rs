//! Crash test: the server process is killed (SIGKILL) while planners upload
//! documents in a loop. After a restart every upload that got its success
//! answer is listed and downloads, and `temaplan check` finds every file.

use std::process::Command;
use std::time::Duration;

use crate::access_control::sign_in;
use crate::helpers::TestApp;
use crate::multipart_form::{download, link_after, try_post_multipart, Part};
use crate::on_both_backends;
use crate::server_process::{database_url, kill_after, start, stop, BIN};

const PLAN: &str = "digitalisering-og-smart-teknologi";

on_both_backends!(every_upload_answered_survives_a_kill);

fn pdf(n: usize) -> Vec<u8> {
    format!("%PDF-1.4\n% opplasting {n}\n{}\n%%EOF\n", "y".repeat(4000 + n)).into_bytes()
}

async fn every_upload_answered_survives_a_kill(app: TestApp) {
    app.load_demo();
    let (mut child, address) = start(&app, &[]);
    let server = app.external(&address);
    let planner = sign_in(&server, "planlegger@demo.example", "demo-planlegger-passord").await;
    let path = format!("/planlegger/planer/{PLAN}/dokumenter");
    assert_eq!(planner.get(&path).await.status, 200);

    let killer = kill_after(&child, Duration::from_millis(1500));
    let mut answered = Vec::new();
    for n in 0..10_000 {
        let title = format!("Opplasting {n:05}");
        let bytes = pdf(n);
        let parts = [
            Part::File("file", "opplasting.pdf", &bytes),
            Part::Text("title", &title),
            Part::Text("kind", "annet"),
            Part::Text("stage", "kunnskapsgrunnlag"),
            Part::Text("access", "public"),
        ];
        match try_post_multipart(&planner, &path, &parts).await {
            Some(answer) if answer.status == 303 => answered.push((title, bytes)),
            Some(answer) => panic!("upload {n} refused: {} {}", answer.status, answer.body),
            None => break,
        }
    }
    killer.join().expect("killed");
    child.wait().expect("the server ended");
    assert!(answered.len() >= 3, "uploads went through before the kill: {}", answered.len());
    eprintln!("{} uploads answered before the kill", answered.len());

    let (child, address) = start(&app, &[]);
    let server = app.external(&address);
    let page = server.get(&format!("/planer/{PLAN}")).await;
    for (title, bytes) in &answered {
        let marker = format!(">{title}<");
        assert!(page.body.contains(&marker), "{title} is listed after the restart");
        let (status, downloaded) = download(&server, &link_after(&page.body, &marker)).await;
        assert_eq!((status, &downloaded), (200, bytes), "{title} downloads as sent");
    }
    stop(child);

    let check = Command::new(BIN)
        .arg("check")
        .env_clear()
        .env("TEMAPLAN_DATA_DIR", &app.settings.data_dir)
        .env("TEMAPLAN_DATABASE_URL", database_url(&app))
        .output()
        .expect("check runs");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "temaplan check is clean after the crash: {report}");
}
