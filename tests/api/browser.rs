//! The browser suite (`tests/browser/suite.mjs`) over the real app with the
//! demo data: every page it can reach, checked in headless Chromium.
//!
//! Needs Chromium, Node and Java, and `npm ci` in `tests/browser`. Without
//! them the test says so and passes, unless TEMAPLAN_REQUIRE_BROWSER=1 (as in
//! CI), which makes a missing tool a failure.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::helpers::{Backend, TestApp};

const REQUIRE_VAR: &str = "TEMAPLAN_REQUIRE_BROWSER";
const CHROMIUM_VAR: &str = "TEMAPLAN_CHROMIUM";

#[actix_web::test]
async fn every_page_passes_the_browser_suite() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("browser");
    let chromium = std::env::var(CHROMIUM_VAR).unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let missing = missing_tools(&suite, Path::new(&chromium));
    if !missing.is_empty() {
        let what = missing.join("; ");
        if std::env::var(REQUIRE_VAR).is_ok_and(|v| v == "1") {
            panic!("the browser suite cannot run ({REQUIRE_VAR}=1): {what}");
        }
        // Straight to stderr, past the test harness's capture, so it is seen.
        let _ = writeln!(
            std::io::stderr(),
            "\nnote: browser suite skipped: {what}. Run it with scripts/browser-suite (see README).\n"
        );
        return;
    }

    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always there");
    app.load_demo();
    let mut command = Command::new("node");
    command
        .arg(suite.join("suite.mjs"))
        .arg(&app.address)
        .current_dir(&suite)
        .env(CHROMIUM_VAR, &chromium)
        .stdin(Stdio::null());
    for login in temaplan::demo::DEMO_LOGINS {
        command.arg("--login").arg(format!("{}:{}", login.email, login.password));
    }
    // The suite prints its own report to stderr; the server keeps answering on
    // its own threads while this one waits.
    let status = actix_web::rt::task::spawn_blocking(move || command.status())
        .await
        .expect("the waiting thread joins")
        .expect("node starts");
    assert!(status.success(), "the browser suite found problems (listed above) or could not run: {status}");
}

/// What the suite needs and this machine lacks.
fn missing_tools(suite: &Path, chromium: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    if !chromium.exists() {
        missing.push(format!("no Chromium at {} (apt-get install chromium chromium-driver)", chromium.display()));
    }
    for (program, arg) in [("node", "--version"), ("java", "-version")] {
        let runs = Command::new(program).arg(arg).stdout(Stdio::null()).stderr(Stdio::null()).status();
        if !runs.is_ok_and(|s| s.success()) {
            missing.push(format!("no `{program}` on the PATH"));
        }
    }
    let modules: PathBuf = suite.join("node_modules");
    for package in ["playwright-core", "axe-core", "vnu-jar"] {
        if !modules.join(package).join("package.json").exists() {
            missing.push(format!("no {package} in tests/browser/node_modules (npm ci there)"));
            break;
        }
    }
    missing
}
