//! The `mail-envelope mail-from` and `rcpt-to` command lines, run as a real process: the planned
//! lines against an EHLO reply (or none), `--parse`, `--raw`, `--json`, and the exit status.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

#[path = "common/cli.rs"]
mod cli_run;
use cli_run::{run_in, Run};

/// Runs `mail-envelope` with `args`, feeding `stdin` (an empty standard input when `None`).
fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    run_in(None, args, stdin.unwrap_or_default())
}

/// Runs with `--json` and parses each output line.
fn json_lines(args: &[&str], stdin: Option<&[u8]>) -> (i32, Vec<Value>) {
    let out = run(&[args, &["--json"]].concat(), stdin);
    let lines = out
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line:?} is not JSON: {e}")))
        .collect();
    (out.status, lines)
}

/// Runs with `--json` on one input and returns its object, checking the exit status.
fn one(args: &[&str], status: i32) -> Value {
    let (code, mut lines) = json_lines(args, None);
    assert_eq!(code, status, "exit status for {args:?}");
    assert_eq!(lines.len(), 1, "one line for {args:?}");
    lines.remove(0)
}

/// A temporary file holding an EHLO reply, removed when dropped.
struct EhloFile(PathBuf);

impl EhloFile {
    fn to_str(&self) -> Option<&str> {
        self.0.to_str()
    }
}

impl Drop for EhloFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Writes `reply` to a fresh temporary file.
fn ehlo_file(reply: &str) -> EhloFile {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("mail-envelope-ehlo-{}-{n}.txt", std::process::id()));
    std::fs::write(&path, reply).expect("the EHLO file is written");
    EhloFile(path)
}

const SMTPUTF8_SERVER: &str = "250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 10000\r\n250-8BITMIME\r\n\
                               250-SMTPUTF8\r\n250 DSN\r\n";

// ----- the done-when checks -----

#[test]
fn keepalived_sender_gives_the_bare_path() {
    let out = run(&["mail-from", "服务显示名称 <keepalived@server.example.com>"], None);
    assert_eq!(out.status, 0);
    assert!(
        out.stdout.contains("MAIL FROM:<keepalived@server.example.com>\\r\\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("服务显示名称 <keepalived@server.example.com>>"));
    let raw = run(
        &["mail-from", "--raw", "服务显示名称 <keepalived@server.example.com>"],
        None,
    );
    assert_eq!(raw.stdout, "MAIL FROM:<keepalived@server.example.com>\r\n");
}

#[test]
fn non_ascii_local_part_needs_smtputf8() {
    let out = run(&["mail-from", "用户@例子.广告"], None);
    assert_eq!(out.status, 1);
    assert!(out.stdout.contains("SMTPUTF8"), "{}", out.stdout);
    let failed = one(&["mail-from", "用户@例子.广告"], 1);
    assert_eq!(failed["ok"], false);
    assert_eq!(failed["error"]["kind"], "local_part_needs_smtputf8");
    assert!(failed["error"]["message"].as_str().unwrap().contains("SMTPUTF8"));

    let file = ehlo_file(SMTPUTF8_SERVER);
    let ehlo = file.to_str().unwrap();
    let raw = run(&["mail-from", "--ehlo", ehlo, "--raw", "用户@例子.广告"], None);
    assert_eq!(
        (raw.status, raw.stdout.as_str()),
        (0, "MAIL FROM:<用户@例子.广告> SMTPUTF8\r\n")
    );
    let record = one(&["mail-from", "--ehlo", ehlo, "用户@例子.广告"], 0);
    assert_eq!(
        record,
        json!({"input":"用户@例子.广告","ok":true,"command":"MAIL FROM:<用户@例子.广告> SMTPUTF8\r\n",
               "path":"<用户@例子.广告>","smtputf8":true,
               "params":[{"keyword":"SMTPUTF8","value":null}],"diagnoses":[]})
    );
}

#[test]
fn idn_domain_goes_out_in_a_labels_without_smtputf8() {
    let raw = run(&["mail-from", "--raw", "user@bücher.example"], None);
    assert_eq!(
        (raw.status, raw.stdout.as_str()),
        (0, "MAIL FROM:<user@xn--bcher-kva.example>\r\n")
    );
    let record = one(&["mail-from", "user@bücher.example"], 0);
    assert_eq!(record["path"], "<user@xn--bcher-kva.example>");
    assert_eq!(record["smtputf8"], false);
    // A server that offers SMTPUTF8 gets the U-labels, and SMTPUTF8.
    let ehlo = ehlo_file(SMTPUTF8_SERVER);
    let raw = run(
        &[
            "mail-from",
            "--raw",
            "--ehlo",
            ehlo.to_str().unwrap(),
            "user@bücher.example",
        ],
        None,
    );
    assert_eq!(raw.stdout, "MAIL FROM:<user@bücher.example> SMTPUTF8\r\n");
}

// ----- planning -----

#[test]
fn size_body_and_utf8_message_follow_the_server() {
    let file = ehlo_file(SMTPUTF8_SERVER);
    let ehlo = file.to_str().unwrap();
    let args = [
        "mail-from",
        "--raw",
        "--ehlo",
        ehlo,
        "--size",
        "5000",
        "--body",
        "8bitmime",
    ];
    let raw = run(&[&args[..], &["ops@example.com"]].concat(), None);
    assert_eq!(raw.stdout, "MAIL FROM:<ops@example.com> SIZE=5000 BODY=8BITMIME\r\n");
    let too_large = one(&["mail-from", "--ehlo", ehlo, "--size", "10001", "ops@example.com"], 1);
    assert_eq!(too_large["error"]["kind"], "message_too_large");
    let raw = run(
        &[
            "mail-from",
            "--raw",
            "--ehlo",
            ehlo,
            "--utf8-message",
            "ops@example.com",
        ],
        None,
    );
    assert_eq!(raw.stdout, "MAIL FROM:<ops@example.com> SMTPUTF8\r\n");
    // Against a server that offers nothing: no SIZE, and an 8-bit body or UTF-8 message fails.
    let raw = run(&["mail-from", "--raw", "--size", "5000", "ops@example.com"], None);
    assert_eq!(raw.stdout, "MAIL FROM:<ops@example.com>\r\n");
    let failed = one(&["mail-from", "--body", "8bitmime", "ops@example.com"], 1);
    assert_eq!(failed["error"]["kind"], "needs_8bitmime");
    let failed = one(&["mail-from", "--utf8-message", "ops@example.com"], 1);
    assert_eq!(failed["error"]["kind"], "message_needs_smtputf8");
}

#[test]
fn params_are_sent_as_given_and_checked_with_ehlo() {
    let raw = run(
        &["mail-from", "--raw", "--param", "requiretls", "--param", "X-A=1", "<>"],
        None,
    );
    assert_eq!(
        (raw.status, raw.stdout.as_str()),
        (0, "MAIL FROM:<> REQUIRETLS X-A=1\r\n")
    );
    let ehlo = ehlo_file(SMTPUTF8_SERVER);
    let failed = one(
        &[
            "mail-from",
            "--ehlo",
            ehlo.to_str().unwrap(),
            "--param",
            "REQUIRETLS",
            "<>",
        ],
        1,
    );
    assert_eq!(failed["error"]["kind"], "extension_not_offered");
    let failed = one(&["mail-from", "--param", "NOTIFY=NEVER", "a@example.com"], 1);
    assert_eq!(failed["error"]["kind"], "parameter_not_allowed");
}

#[test]
fn rcpt_to_with_dsn() {
    let raw = run(
        &[
            "rcpt-to",
            "--raw",
            "--notify",
            "success,failure",
            "--orcpt",
            "Bob <Bob@Example.COM>",
        ],
        None,
    );
    assert_eq!(
        raw.stdout,
        "RCPT TO:<Bob@Example.COM> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Bob@Example.COM\r\n"
    );
    let record = one(&["rcpt-to", "--orcpt", "jane@bücher.example"], 0);
    assert_eq!(
        record["command"],
        "RCPT TO:<jane@xn--bcher-kva.example> ORCPT=rfc822;jane@xn--bcher-kva.example\r\n"
    );
    assert_eq!(
        record["params"],
        json!([{"keyword":"ORCPT","value":"rfc822;jane@xn--bcher-kva.example",
                "decoded":{"addr_type":"rfc822","addr":"jane@xn--bcher-kva.example"}}])
    );
    let ehlo = ehlo_file(SMTPUTF8_SERVER);
    let record = one(
        &["rcpt-to", "--ehlo", ehlo.to_str().unwrap(), "--orcpt", "用户@例子.广告"],
        0,
    );
    assert_eq!(
        record["command"],
        "RCPT TO:<用户@例子.广告> ORCPT=utf-8;\\x{7528}\\x{6237}@\\x{4F8B}\\x{5B50}.\\x{5E7F}\\x{544A}\r\n"
    );
    let no_dsn = ehlo_file("250-mx.example\r\n250 SMTPUTF8\r\n");
    let failed = one(
        &[
            "rcpt-to",
            "--ehlo",
            no_dsn.to_str().unwrap(),
            "--notify",
            "never",
            "a@example.com",
        ],
        1,
    );
    assert_eq!(failed["error"]["kind"], "extension_not_offered");
    let raw = run(&["rcpt-to", "--raw", "<postmaster>"], None);
    assert_eq!(raw.stdout, "RCPT TO:<Postmaster>\r\n");
    // Input written as a path gets the path grammar's error.
    let failed = one(&["rcpt-to", "<>"], 1);
    assert_eq!(failed["error"]["kind"], "unexpected_null_path");
    let failed = one(&["mail-from", "<Postmaster>"], 1);
    assert_eq!(failed["error"]["kind"], "unexpected_postmaster");
}

// ----- --parse -----

#[test]
fn parse_reads_a_command_line() {
    let record = one(
        &[
            "mail-from",
            "--parse",
            "mail from: <a@example.com>  size=01000 body=8bitmime",
        ],
        0,
    );
    assert_eq!(
        record,
        json!({"input":"mail from: <a@example.com>  size=01000 body=8bitmime","ok":true,
               "command":"MAIL FROM:<a@example.com> SIZE=1000 BODY=8BITMIME\r\n","path":"<a@example.com>",
               "smtputf8":false,
               "params":[{"keyword":"SIZE","value":"01000","decoded":1000},
                         {"keyword":"BODY","value":"8bitmime","decoded":"8BITMIME"}],
               "diagnoses":["space_after_colon","extra_spaces"]})
    );
    let strict = one(
        &[
            "mail-from",
            "--parse",
            "--strictness",
            "strict",
            "MAIL FROM: <a@example.com>",
        ],
        1,
    );
    assert_eq!(strict["error"]["kind"], "space_after_colon");
    assert_eq!(strict["error"]["offset"], 10);
    // smtp-proto read this SIZE as 999.
    let failed = one(
        &["mail-from", "--parse", "MAIL FROM:<> SIZE=99999999999999999999999"],
        1,
    );
    assert_eq!(failed["error"]["kind"], "size_too_large");
    assert_eq!(failed["error"]["offset"], 18);
    let record = one(
        &[
            "rcpt-to",
            "--parse",
            "RCPT TO:<a@example.com> NOTIFY=success,delay ORCPT=rfc822;a+40example.com AUTH=<>",
        ],
        1,
    );
    assert_eq!(record["error"]["kind"], "parameter_not_allowed");
    assert_eq!(record["error"]["offset"], 74);
}

#[test]
fn parse_reads_all_of_standard_input_as_one_line() {
    let (status, lines) = json_lines(
        &["mail-from", "--parse"],
        Some(b"MAIL FROM:<a@example.com> AUTH=<>\r\n"),
    );
    assert_eq!(status, 0);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        lines[0]["params"],
        json!([{"keyword":"AUTH","value":"<>","decoded":null}])
    );
    assert!(lines[0].get("line").is_none());
    // One line end is removed; any other CR or LF is an error at its offset.
    let (status, lines) = json_lines(
        &["mail-from", "--parse"],
        Some(b"MAIL FROM:<a@example.com>\r\nRCPT TO:<x@example.com>\n"),
    );
    assert_eq!(status, 1);
    assert_eq!(lines[0]["error"]["kind"], "forbidden_control");
    assert_eq!(lines[0]["error"]["offset"], 25);
}

// ----- inputs, output and exit status -----

#[test]
fn standard_input_gives_one_row_per_line() {
    let (status, lines) = json_lines(&["mail-from"], Some(b"a@example.com\n\nnot an address\n<>\n"));
    assert_eq!(status, 1);
    let found: Vec<(Value, Value)> = lines.iter().map(|l| (l["line"].clone(), l["ok"].clone())).collect();
    assert_eq!(
        found,
        [
            (json!(1), json!(true)),
            (json!(3), json!(false)),
            (json!(4), json!(true))
        ]
    );
    assert_eq!(lines[1]["error"]["kind"], "expected_angle_open");
}

#[test]
fn injection_attempts_give_no_line() {
    // lettre wrote a CRLF keyword verbatim; nodemailer a CRLF SIZE: a usage error here.
    for param in [
        "X\r\nRCPT TO:<evil@example.com>",
        "SIZE=1\r\nRCPT TO:<evil@example.com>",
    ] {
        let out = run(&["mail-from", "--raw", "--param", param, "a@example.com"], None);
        assert_eq!((out.status, out.stdout.as_str()), (2, ""), "{param:?}");
    }
    // An address that smuggles a parameter or a command (go-mail, MimeKit).
    for address in [
        "<a@example.com> SIZE=1",
        "a@example.com>\r\nRCPT TO:<evil@example.com",
        "\"a\r\nRCPT TO:<evil@example.com>\"@example.com",
    ] {
        let out = run(&["mail-from", "--raw", address], None);
        assert_eq!((out.status, out.stdout.as_str()), (1, ""), "{address:?}");
        assert!(out.stderr.starts_with("mail-envelope: "), "{}", out.stderr);
    }
    let out = run(
        &["mail-from", "--json-input", "--raw", "\"a@example.com\\r\\nRSET\""],
        None,
    );
    assert_eq!((out.status, out.stdout.as_str()), (1, ""));
}

#[test]
fn usage_and_ehlo_errors_exit_2() {
    let missing = run(&["mail-from", "--ehlo", "/nonexistent/ehlo.txt", "a@example.com"], None);
    assert_eq!(missing.status, 2);
    assert!(missing.stderr.contains("ehlo.txt"), "{}", missing.stderr);
    let bad = ehlo_file("220 mx.example ESMTP\r\n");
    let invalid = run(&["mail-from", "--ehlo", bad.to_str().unwrap(), "a@example.com"], None);
    assert_eq!(invalid.status, 2);
    assert!(
        invalid.stderr.contains("expected an EHLO reply line"),
        "{}",
        invalid.stderr
    );
    assert_eq!(
        run(&["mail-from", "--notify", "never", "a@example.com"], None).status,
        2
    );
    assert_eq!(
        run(&["rcpt-to", "--notify", "never,success", "a@example.com"], None).status,
        2
    );
    assert_eq!(
        run(&["mail-from", "--parse", "--size", "1", "MAIL FROM:<>"], None).status,
        2
    );
    let help = run(&["mail-from", "--help"], None);
    assert!(help.stdout.contains("Exit status"), "{}", help.stdout);
}
