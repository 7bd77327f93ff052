//! Logging: tracing to standard error, as text or JSON lines, written by a
//! thread of its own so that a log line costs a request no I/O.

use std::io::IsTerminal;

use tracing_appender::non_blocking::{NonBlockingBuilder, WorkerGuard};
use tracing_subscriber::EnvFilter;

use crate::config::{LogFormat, Settings};

/// Lines waiting for the writer thread before new ones are dropped (and
/// counted) rather than making a request wait for a slow terminal or pipe.
const BUFFERED_LINES: usize = 64 * 1024;

/// Installs the global subscriber. `RUST_LOG` overrides the configured level.
///
/// Returns the writer thread's guard: keep it for as long as the program
/// logs, since dropping it flushes the lines still queued and stops the
/// thread. None when a subscriber was installed already (later calls do
/// nothing, which tests need).
#[must_use = "dropping the guard stops the log writer"]
pub fn init(settings: &Settings) -> Option<WorkerGuard> {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&settings.log_level));
    let (writer, guard) = NonBlockingBuilder::default()
        .buffered_lines_limit(BUFFERED_LINES)
        .lossy(true)
        .thread_name("temaplan-log")
        // Buffered: the writer thread flushes whenever its queue is empty,
        // so a burst of lines costs a few writes, not one each.
        .finish(std::io::BufWriter::with_capacity(64 * 1024, std::io::stderr()));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        // Colour codes only for a person at a terminal, not in log files.
        .with_ansi(std::io::stderr().is_terminal());
    let installed = match settings.log_format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
    installed.ok().map(|()| guard)
}
