//! What every interop test file shares: the server's port from `MAIL_ENVELOPE_POSTFIX_PORT` (a
//! loud skip without it), and the record of a test that ran against the server to its end.
#![allow(dead_code)] // each test file uses the part it needs

use std::fs::OpenOptions;
use std::io::Write;

/// The variable that carries the server's port.
pub(crate) const PORT_VAR: &str = "MAIL_ENVELOPE_POSTFIX_PORT";
/// The variable that names the file each test that ran appends its name to.
pub(crate) const RAN_VAR: &str = "MAIL_ENVELOPE_INTEROP_RAN";

/// The server's port, or `None` after saying loudly that `test` was skipped.
pub(crate) fn server_port(test: &str) -> Option<u16> {
    let binary = env!("CARGO_CRATE_NAME");
    match std::env::var(PORT_VAR) {
        Err(std::env::VarError::NotPresent) => {
            eprintln!(
                "SKIPPED {test}: {PORT_VAR} is not set, so no Postfix to talk to; run \
                 `bash tests/interop/postfix.sh run -- cargo test --all-features --test {binary}`"
            );
            None
        }
        Err(err) => panic!("{PORT_VAR}: {err}"),
        Ok(value) => match value.trim().parse() {
            Ok(port) => Some(port),
            Err(err) => panic!("{PORT_VAR}={value:?} is not a port number: {err}"),
        },
    }
}

/// Records that `test` ran against the server to its end.
pub(crate) fn ran(test: &str) {
    let Some(path) = std::env::var_os(RAN_VAR) else {
        return;
    };
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .unwrap_or_else(|err| panic!("{RAN_VAR}={}: {err}", path.display()));
    file.write_all(format!("{test}\n").as_bytes())
        .unwrap_or_else(|err| panic!("{RAN_VAR}={}: {err}", path.display()));
}
