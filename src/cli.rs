//! The command line: serve, migrate, demo, check, sweep, erase-expired, user add.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};

use crate::config::Settings;
use crate::db::{self, sections, users};
use crate::domain::email::EmailAddress;
use crate::domain::role::RoleSet;
use crate::domain::text::{self, TextError};
use crate::{demo, documents, password_hashing, telemetry, web};

#[derive(Debug, Parser)]
#[command(name = "temaplan", version, about = "Temaplan: thematic plans and public hearings for a municipality")]
pub struct Cli {
    /// A settings file that overrides the compiled-in defaults.
    #[arg(long, global = true, env = "TEMAPLAN_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the portal (the default command).
    Serve(ServeArgs),
    /// Run the database migrations that have not run yet, then stop.
    Migrate,
    /// Load the demo data (plans, sections, demo logins); loading twice creates no duplicates.
    Demo,
    /// Verify every stored document against its checksum; exits non-zero if
    /// a file is missing or damaged.
    Check,
    /// Remove stored files no document names, once older than
    /// file_orphan_grace_minutes (also done at every start).
    Sweep,
    /// Erase submitters' personal data whose retention time has run out
    /// (also done daily by the server).
    EraseExpired,
    /// Manage staff and member accounts.
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Debug, Default, Args)]
struct ServeArgs {
    /// Load the demo data first and print the demo logins.
    #[arg(long)]
    demo: bool,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create an account. The password is read from standard input with
    /// --password-stdin, or else generated and printed once.
    Add(UserAddArgs),
}

#[derive(Debug, Args)]
struct UserAddArgs {
    /// The e-mail address the user logs in with.
    #[arg(long)]
    email: String,
    /// The user's name as shown to colleagues.
    #[arg(long)]
    name: String,
    /// A role: admin, planner, handler:SECTION or member:BODY. Repeat for several.
    #[arg(long = "role", required = true, value_name = "ROLE[:SCOPE]")]
    roles: Vec<String>,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    password_stdin: bool,
}

pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let settings = Settings::load(cli.config.as_deref())?;
    // Held until the command ends, so the last log lines are written out.
    let _log_writer = telemetry::init(&settings);
    match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => serve(settings, cli.config.as_deref(), args.demo),
        Command::Migrate => {
            let pool = connect(&settings)?;
            let mut conn = pool.get()?;
            let applied = db::run_migrations(&mut conn)?;
            println!(
                "The database ({}) is up to date; {applied} migrations ran now.",
                settings.database.backend_name()
            );
            Ok(())
        }
        Command::Demo => {
            let pool = connect(&settings)?;
            let store = documents::FileStore::new(&settings.data_dir);
            let loaded = demo::load(&mut *pool.get()?, &settings.argon2, &store)?;
            let submissions = db::write(&mut *pool.get()?, |c| demo::submissions::seed(c, db::now()))?;
            println!(
                "Demo data loaded: {} plans, {} sections, {} users new, {} documents, {} meetings, {submissions} submissions.",
                loaded.plans, loaded.sections, loaded.users, loaded.documents, loaded.meetings
            );
            Ok(())
        }
        Command::Check => check(&settings),
        Command::Sweep => {
            let removed = sweep(&settings, &connect(&settings)?)?;
            println!("Removed {removed} stored files that no document names.");
            Ok(())
        }
        Command::EraseExpired => {
            let erased = crate::retention::erase_expired_now(&connect(&settings)?)?;
            println!("Erased the personal data of {erased} submissions whose retention time has run out.");
            Ok(())
        }
        Command::User(UserCommand::Add(args)) => add_user(&settings, args),
    }
}

fn connect(settings: &Settings) -> anyhow::Result<db::DbPool> {
    db::connect(
        &settings.database,
        settings.database_pool_size,
        settings.sqlite_busy_timeout_ms,
        settings.database_connect_timeout,
    )
}

fn serve(settings: Settings, config: Option<&Path>, load_demo: bool) -> anyhow::Result<()> {
    let pool = connect(&settings)?;
    if load_demo {
        load_demo_apart(config)?;
    }
    match sweep(&settings, &pool) {
        Ok(removed) => tracing::info!(removed, "swept stored files no document names"),
        Err(error) => tracing::warn!(error = format!("{error:#}"), "could not sweep stored files"),
    }
    let backend = settings.database.backend_name();
    actix_web::rt::System::new().block_on(async move {
        let (server, address) = web::build_server(settings, pool)?;
        println!("Temaplan serves at http://{address}/ (database: {backend})");
        if load_demo {
            println!("Demo logins (e-mail / password):");
            for login in demo::DEMO_LOGINS {
                println!("  {:<28} {:<28} {}", login.email, login.password, login.role);
            }
        }
        tracing::info!(%address, backend, "serving");
        server.await.context("the server stopped with an error")?;
        tracing::info!("stopped");
        Ok(())
    })
}

fn sweep(settings: &Settings, pool: &db::DbPool) -> anyhow::Result<usize> {
    let store = documents::FileStore::new(&settings.data_dir);
    documents::sweep(&mut *pool.get()?, &store, settings.documents.orphan_grace)
}

/// `temaplan check`: every document's file, read back and hashed.
fn check(settings: &Settings) -> anyhow::Result<()> {
    let pool = connect(settings)?;
    let store = documents::FileStore::new(&settings.data_dir);
    let problems = documents::check(&mut *pool.get()?, &store)?;
    for (row, problem) in &problems {
        let what = match problem {
            documents::Problem::Missing => "missing",
            documents::Problem::Damaged => "damaged",
        };
        println!("{what}: document {} \"{}\" (file {})", row.id, row.file_name, row.sha256);
    }
    if problems.is_empty() {
        println!("All stored documents are present and intact.");
        Ok(())
    } else {
        bail!("{} stored documents are missing or damaged", problems.len())
    }
}

/// Loads the demo data in a process of its own (`temaplan demo`, same
/// settings). Hashing the demo logins' passwords takes argon2's buffer (19
/// MiB by default) each time; in the server's own process glibc kept 35-70 MB
/// of those buffers for good (its mmap threshold rises to the size of the
/// first buffer freed, so later ones come from the heap and stay there).
/// See docs/PERFORMANCE.md (memory).
fn load_demo_apart(config: Option<&Path>) -> anyhow::Result<()> {
    let program = std::env::current_exe().context("cannot find this program to load the demo data")?;
    let mut command = std::process::Command::new(program);
    if let Some(config) = config {
        command.arg("--config").arg(config);
    }
    let status = command.arg("demo").status().context("cannot start `temaplan demo`")?;
    if !status.success() {
        bail!("loading the demo data failed ({status})");
    }
    Ok(())
}

fn add_user(settings: &Settings, args: UserAddArgs) -> anyhow::Result<()> {
    let email = match EmailAddress::parse(&args.email) {
        Ok(address) => String::from(address),
        Err(_) => bail!("--email: {:?} is not a plain e-mail address such as name@kommune.no", args.email),
    };
    let name = match text::required(&args.name, 200) {
        Ok(name) => name,
        Err(TextError::Required) => bail!("--name: the name is empty"),
        Err(e) => bail!("--name: {e}"),
    };
    let name = name.as_str();
    let pool = connect(settings)?;
    let mut conn = pool.get()?;
    // The roles are checked before anyone is asked for a password.
    let section_keys: Vec<String> = sections::list(&mut conn)?.into_iter().map(|s| s.key).collect();
    let roles = RoleSet::parse(args.roles.iter().map(String::as_str), &section_keys).context("--role")?;
    let (secret, generated) = if args.password_stdin {
        let mut line = String::new();
        if std::io::stdin().is_terminal() {
            eprint!("Password: ");
        }
        std::io::stdin().lock().read_line(&mut line).context("cannot read the password")?;
        (line.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else {
        (password_hashing::generate(), true)
    };
    crate::domain::password_policy::check(&secret).map_err(|e| anyhow::anyhow!("{e}"))?;
    // The same gate as the server's, so there is one way to hash.
    let gate = password_hashing::PasswordGate::new(settings.argon2, 1, std::time::Duration::from_secs(60))?;
    let hash = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .context("cannot start the runtime for hashing")?
        .block_on(gate.hash(secret.clone()))?;
    db::write(&mut conn, |conn| {
        let account = users::NewAccount { email: &email, name, password_hash: &hash, roles: &roles, reset: None };
        if users::create(conn, None, &account)?.is_none() {
            bail!("a user with e-mail {email} exists already");
        }
        Ok(())
    })?;
    println!("Created user {email}.");
    if generated {
        println!("Password (shown once, store it now): {secret}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
