//! The `temaplan` command: bad settings end with one clear line, never a panic.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_temaplan");

fn temaplan(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_clear()
        .env("TEMAPLAN_DATA_DIR", dir.path())
        .env("TEMAPLAN_ARGON2_MEMORY_KIB", "1024")
        .env("TEMAPLAN_ARGON2_ITERATIONS", "1")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("the binary starts");
    if let Some(text) = stdin {
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("writes");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("the binary ends")
}

/// Fails unless the command failed with exactly one line on stderr containing `needle`.
fn assert_fails_with_one_line(output: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "should fail: {stderr}");
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    let lines: Vec<_> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(lines[0].starts_with("temaplan: ") && lines[0].contains(needle), "{needle} in: {stderr}");
}

#[test]
fn unknown_database_scheme_is_one_clear_line() {
    let output = temaplan(&["migrate"], &[("TEMAPLAN_DATABASE_URL", "mysql://root@127.0.0.1/x")], None);
    assert_fails_with_one_line(&output, "unknown database scheme 'mysql'");
}

#[test]
fn unreachable_postgres_is_one_clear_line() {
    let output = temaplan(&["migrate"], &[("TEMAPLAN_DATABASE_URL", "postgres://postgres@127.0.0.1:1/none")], None);
    assert_fails_with_one_line(&output, "cannot connect to PostgreSQL");
}

#[test]
fn bind_address_in_use_is_one_clear_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let address = taken.local_addr().expect("address").to_string();
    let output = temaplan(&["serve"], &[("TEMAPLAN_BIND", &address), ("TEMAPLAN_LOG_LEVEL", "error")], None);
    assert_fails_with_one_line(&output, &format!("cannot listen on {address}"));
}

#[test]
fn unreadable_config_file_is_one_clear_line() {
    let output = temaplan(&["--config", "/nonexistent/temaplan.toml", "migrate"], &[], None);
    assert_fails_with_one_line(&output, "cannot read config file /nonexistent/temaplan.toml");
    let output = temaplan(&["migrate"], &[("TEMAPLAN_CONFIG", "/nonexistent/other.toml")], None);
    assert_fails_with_one_line(&output, "cannot read config file /nonexistent/other.toml");
}

#[test]
fn bad_setting_names_the_setting() {
    let output = temaplan(&["migrate"], &[("TEMAPLAN_BIND", "here")], None);
    assert_fails_with_one_line(&output, "TEMAPLAN_BIND");
}

#[test]
fn migrate_then_demo_twice_then_user_add() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/t.sqlite3", dir.path().display());
    let env = [("TEMAPLAN_DATABASE_URL", url.as_str())];
    let migrate = temaplan(&["migrate"], &env, None);
    assert!(migrate.status.success(), "{}", String::from_utf8_lossy(&migrate.stderr));
    for expected in ["3 plans, 3 sections, 5 users new", "0 plans, 0 sections, 0 users new"] {
        let demo = temaplan(&["demo"], &env, None);
        let stdout = String::from_utf8_lossy(&demo.stdout);
        assert!(demo.status.success() && stdout.contains(expected), "{stdout}");
    }
    let add = temaplan(
        &["user", "add", "--email", "Ola@Kommune.example", "--name", "Ola", "--role", "planner", "--password-stdin"],
        &env,
        Some("et langt nok passord\n"),
    );
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    assert!(!String::from_utf8_lossy(&add.stdout).contains("Password"), "a given password is not printed");
    let again =
        temaplan(&["user", "add", "--email", "ola@kommune.example", "--name", "Ola", "--role", "admin"], &env, None);
    assert_fails_with_one_line(&again, "exists already");
    let generated = temaplan(
        &["user", "add", "--email", "kari@kommune.example", "--name", "Kari", "--role", "handler:digitalisering"],
        &env,
        None,
    );
    let stdout = String::from_utf8_lossy(&generated.stdout);
    assert!(generated.status.success() && stdout.contains("Password (shown once"), "{stdout}");
    let short = temaplan(
        &["user", "add", "--email", "per@kommune.example", "--name", "Per", "--role", "admin", "--password-stdin"],
        &env,
        Some("kort\n"),
    );
    assert_fails_with_one_line(&short, "at least 12 characters");
    let scopeless =
        temaplan(&["user", "add", "--email", "x@kommune.example", "--name", "X", "--role", "handler"], &env, None);
    assert_fails_with_one_line(&scopeless, "needs a scope");
}

#[test]
fn every_command_has_help() {
    for args in
        [&["--help"][..], &["serve", "--help"], &["migrate", "--help"], &["demo", "--help"], &["user", "add", "--help"]]
    {
        let output = temaplan(args, &[], None);
        assert!(output.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("Usage"), "{args:?}");
    }
}

#[test]
fn serve_answers_and_stops_gracefully_on_sigterm() {
    use std::io::{BufRead, BufReader, Read};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(BIN)
        .arg("serve")
        .env_clear()
        .env("TEMAPLAN_DATA_DIR", dir.path())
        .env("TEMAPLAN_BIND", "127.0.0.1:0")
        .env("TEMAPLAN_LOG_LEVEL", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("a line");
    let address = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("an address in: {first}"))
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&address).expect("connects");
    std::io::Write::write_all(&mut stream, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("sends");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("reads");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill runs");
    assert!(status.success());
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waits") {
            assert!(status.success(), "exits cleanly: {status:?}");
            break;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "stops within the shutdown timeout");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
