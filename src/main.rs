//! The `temaplan` command: parses the command line and hands over to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    match temaplan::cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line: the whole cause chain, no backtrace.
            eprintln!("temaplan: {error:#}");
            ExitCode::FAILURE
        }
    }
}
