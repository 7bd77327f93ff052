use super::*;

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn defaults_give_sqlite_in_data_dir() {
    let settings = Settings::load_from(None, &[]).expect("defaults load");
    match settings.database {
        DatabaseUrl::Sqlite(path) => assert_eq!(path, Path::new("./data/temaplan.sqlite3")),
        other => panic!("expected sqlite, got {other:?}"),
    }
    assert_eq!(settings.bind.to_string(), "127.0.0.1:8080");
}

#[test]
fn environment_overrides_defaults() {
    let settings = Settings::load_from(
        None,
        &env(&[
            ("TEMAPLAN_BIND", "0.0.0.0:9000"),
            ("TEMAPLAN_DATA_DIR", "/tmp/x"),
            ("TEMAPLAN_DATABASE_POOL_SIZE", "3"),
        ]),
    )
    .expect("loads");
    assert_eq!(settings.bind.to_string(), "0.0.0.0:9000");
    assert_eq!(settings.database_pool_size, 3);
    assert!(matches!(settings.database, DatabaseUrl::Sqlite(p) if p == Path::new("/tmp/x/temaplan.sqlite3")));
}

#[test]
fn database_urls_pick_the_backend() {
    let dir = Path::new("data");
    assert!(matches!(DatabaseUrl::parse("sqlite://a.db", dir), Ok(DatabaseUrl::Sqlite(_))));
    assert!(matches!(DatabaseUrl::parse("./a.db", dir), Ok(DatabaseUrl::Sqlite(_))));
    assert!(matches!(DatabaseUrl::parse("postgres://u@h/d", dir), Ok(DatabaseUrl::Postgres(_))));
    let error = DatabaseUrl::parse("mysql://u@h/d", dir).expect_err("mysql refused");
    assert!(error.to_string().contains("unknown database scheme 'mysql'"));
}

#[test]
fn postgres_urls_get_a_connect_timeout_unless_they_have_one() {
    let url = |settings: Settings| match settings.database {
        DatabaseUrl::Postgres(url) => url.expose_secret().to_owned(),
        other => panic!("expected postgres, got {other:?}"),
    };
    let plain = Settings::load_from(None, &env(&[("TEMAPLAN_DATABASE_URL", "postgres://u@h/d")])).expect("loads");
    assert_eq!(plain.database_connect_timeout, Duration::from_secs(2));
    assert_eq!(url(plain), "postgres://u@h/d?connect_timeout=2");
    let with_query = Settings::load_from(
        None,
        &env(&[
            ("TEMAPLAN_DATABASE_URL", "postgres://u@h/d?sslmode=disable"),
            ("TEMAPLAN_DATABASE_CONNECT_TIMEOUT_SECONDS", "5"),
        ]),
    )
    .expect("loads");
    assert_eq!(url(with_query), "postgres://u@h/d?sslmode=disable&connect_timeout=5");
    let own = Settings::load_from(None, &env(&[("TEMAPLAN_DATABASE_URL", "postgres://u@h/d?connect_timeout=9")]))
        .expect("loads");
    assert_eq!(url(own), "postgres://u@h/d?connect_timeout=9");
    let error = Settings::load_from(None, &env(&[("TEMAPLAN_REQUEST_BODY_TIMEOUT_SECONDS", "0")])).expect_err("0 s");
    assert!(format!("{error:#}").contains("request_body_timeout_seconds"));
}

#[test]
fn bad_settings_name_the_setting() {
    let error = Settings::load_from(None, &env(&[("TEMAPLAN_BIND", "nowhere")])).expect_err("bad bind");
    assert!(format!("{error:#}").contains("TEMAPLAN_BIND"));
    let error = Settings::load_from(None, &env(&[("TEMAPLAN_DATABASE_POOL_SIZE", "many")])).expect_err("bad number");
    assert!(format!("{error:#}").contains("TEMAPLAN_DATABASE_POOL_SIZE"));
    let error = Settings::load_from(None, &env(&[("TEMAPLAN_DATABASE_URL", "mysql://x")])).expect_err("scheme");
    assert!(format!("{error:#}").contains("unknown database scheme"));
    let bcc = "postmottak@kommune.no?bcc=attacker@evil.example";
    let error = Settings::load_from(None, &env(&[("TEMAPLAN_CONTACT_EMAIL", bcc)])).expect_err("bad address");
    assert!(format!("{error:#}").contains("contact_email"));
    let settings = Settings::load_from(None, &env(&[("TEMAPLAN_CONTACT_EMAIL", " Post@Kommune.no ")]));
    assert_eq!(settings.expect("loads").contact_email, "post@kommune.no");
}

#[test]
fn config_file_overrides_and_rejects_unknown_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("t.toml");
    std::fs::write(&file, "bind = \"127.0.0.1:7000\"\n").expect("write");
    let settings = Settings::load_from(Some(&file), &[]).expect("loads");
    assert_eq!(settings.bind.port(), 7000);
    std::fs::write(&file, "bnd = \"x\"\n").expect("write");
    let error = Settings::load_from(Some(&file), &[]).expect_err("unknown key");
    assert!(format!("{error:#}").contains("unknown setting 'bnd'"));
    let error = Settings::load_from(Some(&dir.path().join("missing.toml")), &[]).expect_err("missing");
    assert!(format!("{error:#}").contains("cannot read config file"));
}
