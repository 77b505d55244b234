//! The C notifier's transaction against a real Postfix, over TCP: `ffi/tests/transaction.c`
//! builds the whole notification through the C ABI, this driver sends what it printed, and the
//! queued message's `From:` (read with `postcat`) must decode to the configured name and address.
//!
//! The conventions are those of the crate's `tests/interop.rs`: the server's port comes from
//! `MAIL_ENVELOPE_POSTFIX_PORT` (`bash tests/interop/postfix.sh run -- cargo test -p
//! mail-envelope-ffi --test interop_c` sets it); without it the test says loudly that it was
//! skipped; with it a server that does not answer fails the test; a test that ran to its end
//! appends its name to the file `MAIL_ENVELOPE_INTEROP_RAN` names. The transcript goes to
//! standard error.

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::time::Duration;

mod common;
use common::compile_and_run;

const PORT_VAR: &str = "MAIL_ENVELOPE_POSTFIX_PORT";
const RAN_VAR: &str = "MAIL_ENVELOPE_INTEROP_RAN";
const CONFIG_VAR: &str = "MAIL_ENVELOPE_POSTFIX_CONFIG";
const TIMEOUT: Duration = Duration::from_secs(10);

/// Reads one reply, multi-line or not: its code and its lines.
fn reply(reader: &mut BufReader<TcpStream>, transcript: &mut Vec<String>) -> (u16, Vec<String>) {
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).expect("reading from the server");
        assert!(n > 0, "the server closed the connection:\n{}", transcript.join("\n"));
        let line = line.trim_end_matches(['\r', '\n']).to_owned();
        transcript.push(format!("S: {line}"));
        let last = line.as_bytes().get(3) != Some(&b'-');
        let code = line.get(..3).and_then(|c| c.parse().ok()).expect("a reply code");
        lines.push(line);
        if last {
            return (code, lines);
        }
    }
}

#[test]
fn the_c_notifiers_transaction_is_queued_by_postfix() {
    const TEST: &str = "the_c_notifiers_transaction_is_queued_by_postfix";
    let port: u16 = match std::env::var(PORT_VAR) {
        Err(std::env::VarError::NotPresent) => {
            eprintln!("SKIPPED {TEST}: {PORT_VAR} is not set, so no Postfix to talk to");
            return;
        }
        Err(err) => panic!("{PORT_VAR}: {err}"),
        Ok(value) => value
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{PORT_VAR}={value:?}: {e}")),
    };

    // What the C program printed: the transaction, then a line about an error case.
    let printed = compile_and_run("transaction");
    let wire = &printed[..printed.find("\r\n.\r\n").expect("the data's end") + 5];
    let (commands, data) = wire.split_once("DATA\r\n").expect("a DATA command");
    let commands: Vec<&str> = commands.split_terminator("\r\n").chain(["DATA"]).collect();
    assert!(commands[0].starts_with("EHLO ") && commands[1].starts_with("MAIL FROM:<keepalived@"));

    let stream = TcpStream::connect_timeout(&SocketAddr::from(([127, 0, 0, 1], port)), TIMEOUT)
        .unwrap_or_else(|e| panic!("Postfix on 127.0.0.1:{port}: {e}"));
    stream.set_read_timeout(Some(TIMEOUT)).expect("a timeout");
    let mut writer = stream.try_clone().expect("the stream");
    let mut reader = BufReader::new(stream);
    let mut transcript = Vec::new();
    assert_eq!(reply(&mut reader, &mut transcript).0, 220);

    // EHLO alone, then MAIL, the RCPTs and DATA in one batch (the server offers PIPELINING).
    let send = |writer: &mut TcpStream, lines: &[&str], transcript: &mut Vec<String>| {
        let mut bytes = Vec::new();
        for line in lines {
            transcript.push(format!("C: {line}"));
            bytes.extend_from_slice(line.as_bytes());
            bytes.extend_from_slice(b"\r\n");
        }
        writer.write_all(&bytes).expect("writing to the server");
    };
    send(&mut writer, &commands[..1], &mut transcript);
    let (code, ehlo) = reply(&mut reader, &mut transcript);
    assert_eq!(code, 250);
    assert!(ehlo.iter().any(|l| l.ends_with("PIPELINING")), "{ehlo:?}");
    send(&mut writer, &commands[1..], &mut transcript);
    let codes: Vec<u16> = commands[1..]
        .iter()
        .map(|_| reply(&mut reader, &mut transcript).0)
        .collect();
    let mut expected = vec![250; commands.len() - 2];
    expected.push(354);
    assert_eq!(codes, expected, "{}", transcript.join("\n"));
    for line in data.split_terminator("\r\n") {
        transcript.push(format!("C: {line}"));
    }
    writer.write_all(data.as_bytes()).expect("writing the message");
    let (code, lines) = reply(&mut reader, &mut transcript);
    eprintln!("{}", transcript.join("\n"));
    assert_eq!(code, 250, "{lines:?}");
    let id = lines[0]
        .strip_prefix("250 2.0.0 Ok: queued as ")
        .expect("a queue id")
        .trim();
    send(&mut writer, &["QUIT"], &mut transcript);

    // The queued message's From: decodes to the configured name and address.
    let config = std::env::var(CONFIG_VAR)
        .unwrap_or_else(|_| panic!("{PORT_VAR} is set but {CONFIG_VAR} is not: postfix.sh sets both"));
    let out = Command::new("postcat")
        .args(["-c", &config, "-q", id])
        .output()
        .expect("running postcat");
    assert!(
        out.status.success(),
        "postcat: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let queued = String::from_utf8(out.stdout).expect("postcat prints UTF-8 here");
    let from = queued
        .lines()
        .find_map(|line| line.strip_prefix("From: "))
        .unwrap_or_else(|| panic!("no From: in the queued message:\n{queued}"));
    let mailbox = mail_envelope::Mailbox::parse(from).expect("the From: field is a mailbox");
    assert_eq!(mailbox.display_name(), Some("服务显示名称"));
    assert_eq!(mailbox.addr_spec().to_string(), "keepalived@server.example.com");

    if let Some(path) = std::env::var_os(RAN_VAR) {
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .unwrap_or_else(|err| panic!("{RAN_VAR}={}: {err}", path.display()));
        writeln!(file, "{TEST}").expect("recording the run");
    }
}
