//! Printing a command's output. `println!` panics when standard output goes away
//! (`pmlint rules | head -1`); this never does.

use std::io::{self, Write};
use std::process::ExitCode;

/// Write `text` to standard output and flush it. A reader that closed the pipe early
/// chose to stop reading, so that is `Ok` and the command ends as it would have; any
/// other write error is shown as one line and is `Err` with exit code 2.
pub fn print(text: &str) -> Result<(), ExitCode> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("pmlint: cannot write to standard output: {e}");
            Err(ExitCode::from(2))
        }
        _ => Ok(()),
    }
}

/// `code` once `text` is printed (or the reader has gone); 2 when it cannot be written.
pub fn print_then(text: &str, code: ExitCode) -> ExitCode {
    print(text).map_or_else(|e| e, |()| code)
}
