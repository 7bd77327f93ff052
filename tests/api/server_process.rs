//! The server binary as a process of its own, on a test app's data folder
//! and database, for tests that kill it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::helpers::TestApp;

pub const BIN: &str = env!("CARGO_BIN_EXE_temaplan");

/// The database URL the test app runs on (empty: SQLite in its data folder).
pub fn database_url(app: &TestApp) -> String {
    app.postgres.as_ref().map(|p| p.url.clone()).unwrap_or_default()
}

/// Starts `temaplan serve` with `env` besides the app's folder and database;
/// returns the process and its address (`http://…`).
pub fn start(app: &TestApp, env: &[(&str, &str)]) -> (Child, String) {
    let mut child = Command::new(BIN)
        .arg("serve")
        .env_clear()
        .env("TEMAPLAN_DATA_DIR", &app.settings.data_dir)
        .env("TEMAPLAN_DATABASE_URL", database_url(app))
        .env("TEMAPLAN_BIND", "127.0.0.1:0")
        .env("TEMAPLAN_LOG_LEVEL", "warn")
        .env("TEMAPLAN_ARGON2_MEMORY_KIB", "1024")
        .env("TEMAPLAN_ARGON2_ITERATIONS", "1")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("a line");
    let address = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("an address in: {first}"))
        .trim()
        .to_owned();
    (child, format!("http://{address}"))
}

/// Kills the process with SIGKILL after `after`, from a thread of its own.
pub fn kill_after(child: &Child, after: std::time::Duration) -> std::thread::JoinHandle<()> {
    let pid = child.id().to_string();
    std::thread::spawn(move || {
        std::thread::sleep(after);
        let killed = Command::new("kill").args(["-KILL", &pid]).status().expect("kill runs");
        assert!(killed.success(), "killed");
    })
}

/// Stops the process with SIGTERM and waits for it.
pub fn stop(mut child: Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    child.wait().expect("the server ended");
}
