//! The `reply`, `pipeline` and `xclient` subcommands of `mail-envelope`, run as a real process:
//! their JSON objects, their tables and their exit status.

use serde_json::{json, Value};

#[path = "common/cli.rs"]
mod cli_run;
use cli_run::{run_in, Run};

/// Runs `mail-envelope` with `args`, feeding `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_in(None, args, stdin)
}

/// Runs a subcommand with `--json`, checks that it printed exactly one object and exited with
/// `status`, and returns the object.
fn one_object(args: &[&str], stdin: &[u8], status: i32) -> Value {
    let out = run(&[args, &["--json"]].concat(), stdin);
    assert_eq!(out.status, status, "exit status of {args:?}: {}", out.stdout);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one line from {args:?}: {}", out.stdout);
    serde_json::from_str(lines[0]).unwrap_or_else(|e| panic!("{:?} is not JSON: {e}", lines[0]))
}

// ----- reply -----

#[test]
fn reply_names_code_class_subject_and_meaning() {
    let value = one_object(&["reply"], b"501 5.1.7 Invalid address\r\n", 0);
    assert_eq!(
        value,
        json!({
            "ok": true,
            "code": 501,
            "enhanced": "5.1.7",
            "class": "permanent",
            "subject": "addressing",
            "meaning": "Bad sender's mailbox address syntax",
            "lines": ["Invalid address"],
            "diagnoses": [],
        })
    );
}

#[test]
fn reply_reads_a_multi_line_reply() {
    let value = one_object(
        &["reply"],
        b"250-mx.example Hello\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n",
        0,
    );
    assert_eq!(value["code"], 250);
    assert_eq!(value["class"], "positive");
    assert_eq!(value["enhanced"], Value::Null);
    assert_eq!(value["subject"], Value::Null);
    assert_eq!(value["lines"], json!(["mx.example Hello", "PIPELINING", "SMTPUTF8"]));
}

#[test]
fn reply_without_its_last_crlf_is_incomplete() {
    let value = one_object(&["reply"], b"250 Ok", 1);
    assert_eq!(value["ok"], false);
    assert_eq!(value["error"]["kind"], "incomplete");
    assert_eq!(value["error"]["needed"], 2);
    let value = one_object(&["reply"], b"250-first\r\n", 1);
    assert_eq!(
        (value["error"]["kind"].as_str(), value["error"]["needed"].as_u64()),
        (Some("incomplete"), Some(5))
    );
    let value = one_object(&["reply"], b"", 1);
    assert_eq!(value["error"]["needed"], 5);
}

#[test]
fn reply_lines_with_other_codes_are_mixed_codes() {
    let value = one_object(&["reply"], b"250-Ok\r\n550 No\r\n", 1);
    assert_eq!(value["ok"], false);
    assert_eq!(value["error"]["kind"], "mixed_codes");
    assert_eq!(value["error"]["offset"], 8);
    assert!(value["error"]["message"].as_str().unwrap().contains("byte 8"));
}

#[test]
fn reply_enhanced_code_of_another_class_is_a_diagnosis() {
    let value = one_object(&["reply"], b"550 2.1.0 Sender ok\r\n", 0);
    assert_eq!(value["ok"], true);
    assert_eq!(value["enhanced"], Value::Null);
    assert_eq!(value["meaning"], Value::Null);
    assert_eq!(value["diagnoses"], json!(["enhanced_class_mismatch"]));
    assert_eq!(value["lines"], json!(["2.1.0 Sender ok"]));
}

#[test]
fn reply_refuses_bare_lf_unless_told() {
    let value = one_object(&["reply"], b"550 5.7.1 Rejected\n", 1);
    assert_eq!(value["error"]["kind"], "reply_forbidden_control");
    assert_eq!(value["error"]["offset"], 18);
    let value = one_object(&["reply", "--lf"], b"550-5.7.1 Rejected\n550 5.7.1 Go away\n", 0);
    assert_eq!(value["lines"], json!(["Rejected", "Go away"]));
    assert_eq!(value["subject"], "security");
    assert_eq!(value["meaning"], "Delivery not authorized, message refused");
}

#[test]
fn reply_after_its_last_line_is_trailing_input() {
    let value = one_object(&["reply"], b"250 Ok\r\n221 Bye\r\n", 1);
    assert_eq!(value["error"]["kind"], "reply_trailing_input");
    assert_eq!(value["error"]["offset"], 8);
}

#[test]
fn reply_table_shows_the_fields_and_every_line() {
    let out = run(&["reply"], b"550-5.1.1 No such user\r\n550 5.1.1 Try another\r\n");
    assert_eq!(out.status, 0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    assert!(lines[0].starts_with("CODE") && lines[0].ends_with("TEXT"));
    assert!(lines[1].starts_with("550") && lines[1].contains("Bad destination mailbox address"));
    assert!(lines[1].ends_with("No such user") && lines[2].trim() == "Try another");
    let out = run(&["reply"], b"250 Ok");
    assert_eq!(out.status, 1);
    assert!(out.stdout.contains("at least 2 more bytes"), "{}", out.stdout);
}

// ----- pipeline -----

#[test]
fn pipeline_keeps_xclient_ehlo_and_auth_apart() {
    let value = one_object(
        &["pipeline", "--pipelining"],
        b"XCLIENT ADDR=192.0.2.1\nEHLO mx.example\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\n",
        0,
    );
    assert_eq!(
        value,
        json!({
            "ok": true,
            "batches": [["XCLIENT ADDR=192.0.2.1"], ["EHLO mx.example"], ["AUTH PLAIN AGFsaWNlAHNlY3JldA=="]],
            "wait_for_greeting_after": [0],
        })
    );
}

#[test]
fn pipeline_groups_a_transaction_and_skips_blank_lines() {
    let stdin = b"EHLO a.example\r\n\r\nXCLIENT ADDR=192.0.2.1\nEHLO a.example\n\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\nrcpt TO:<c@example.net>\nDATA\nQUIT\n";
    let value = one_object(&["pipeline", "--pipelining"], stdin, 0);
    assert_eq!(
        value["batches"],
        json!([
            ["EHLO a.example"],
            ["XCLIENT ADDR=192.0.2.1"],
            ["EHLO a.example"],
            [
                "MAIL FROM:<a@example.org>",
                "RCPT TO:<b@example.net>",
                "rcpt TO:<c@example.net>",
                "DATA"
            ],
            ["QUIT"],
        ])
    );
    assert_eq!(value["wait_for_greeting_after"], json!([1]));
}

#[test]
fn pipeline_without_the_extension_sends_one_command_at_a_time() {
    let value = one_object(&["pipeline"], b"MAIL FROM:<>\nRCPT TO:<b@example.net>\nDATA\n", 0);
    assert_eq!(
        value["batches"],
        json!([["MAIL FROM:<>"], ["RCPT TO:<b@example.net>"], ["DATA"]])
    );
    let value = one_object(&["pipeline", "STARTTLS", "EHLO a.example"], b"", 0);
    assert_eq!(value["wait_for_greeting_after"], json!([0]));
}

#[test]
fn pipeline_refuses_a_nul_and_names_its_line() {
    let value = one_object(&["pipeline", "--pipelining"], b"NOOP\nMAIL FROM:<a\0@b>\n", 1);
    assert_eq!(value["error"]["kind"], "batch_command_control");
    assert_eq!(value["error"]["line"], 2);
    assert_eq!(value["error"]["offset"], 12);
    let value = one_object(&["pipeline", "--json-input", r#""NOOP""#, r#""RSET\r\nDATA""#], b"", 1);
    assert_eq!(
        (value["error"]["kind"].as_str(), value["error"]["offset"].as_u64()),
        (Some("batch_command_control"), Some(4))
    );
}

#[test]
fn pipeline_table_says_what_follows_each_batch() {
    let out = run(
        &["pipeline", "--pipelining"],
        b"XCLIENT ADDR=192.0.2.1\nEHLO mx.example\n",
    );
    assert_eq!(out.status, 0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    assert!(lines[1].starts_with('0') && lines[1].contains("220 greeting"));
    assert!(lines[2].starts_with('1') && !lines[2].contains("greeting"));
}

// ----- xclient -----

#[test]
fn xclient_builds_the_line_of_the_design() {
    let value = one_object(&["xclient", "ADDR=192.0.2.1", "NAME=[UNAVAILABLE]"], b"", 0);
    assert_eq!(value["ok"], true);
    assert_eq!(value["lines"], json!(["XCLIENT ADDR=192.0.2.1 NAME=[UNAVAILABLE]\r\n"]));
    assert_eq!(
        value["attributes"],
        json!([{"name": "ADDR", "value": "192.0.2.1"}, {"name": "NAME", "value": "[UNAVAILABLE]"}])
    );
}

#[test]
fn xclient_encodes_values_and_prefixes_ipv6() {
    let value = one_object(
        &["xclient", "addr=2001:db8::1", "login=jane doe", "helo=[TEMPUNAVAIL]x"],
        b"",
        0,
    );
    assert_eq!(
        value["lines"],
        json!(["XCLIENT ADDR=IPV6:2001:db8::1 LOGIN=jane+20doe HELO=[TEMPUNAVAIL]x\r\n"])
    );
    let value = one_object(&["xclient", "--xforward", "IDENT=3CF6B2AAE8", "SOURCE=remote"], b"", 0);
    assert_eq!(value["lines"], json!(["XFORWARD IDENT=3CF6B2AAE8 SOURCE=REMOTE\r\n"]));
}

#[test]
fn xclient_splits_lines_past_512_octets() {
    let helo = format!("HELO={}", "h".repeat(255));
    let login = format!("LOGIN={}", "l".repeat(255));
    let value = one_object(&["xclient", "NAME=mx.example", &helo, &login, "ADDR=192.0.2.1"], b"", 0);
    let lines: Vec<&str> = value["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l.len() <= 512 && l.ends_with("\r\n")));
    assert!(lines[1].ends_with(" NAME=mx.example ADDR=192.0.2.1\r\n"), "{lines:?}");
}

#[test]
fn xclient_errors_point_into_the_argument() {
    let value = one_object(&["xclient", "ADDR=192.0.2.1", "PORT=65536"], b"", 1);
    assert_eq!(value["error"]["kind"], "xclient_value");
    assert_eq!(value["error"]["offset"], 5);
    assert!(value["error"]["message"].as_str().unwrap().contains("PORT=65536"));
    let value = one_object(&["xclient", "IDENT=x"], b"", 1);
    assert_eq!(value["error"]["kind"], "xclient_attribute");
    let value = one_object(&["xclient", "--xforward", "LOGIN=x"], b"", 1);
    assert_eq!(value["error"]["kind"], "xclient_attribute");
    let value = one_object(&["xclient", "PORT=1", "port=2"], b"", 1);
    assert_eq!(value["error"]["kind"], "xclient_duplicate");
    let value = one_object(&["xclient", "NAME=-bad.example"], b"", 1);
    assert_eq!(
        (value["error"]["kind"].as_str(), value["error"]["offset"].as_u64()),
        (Some("xclient_value"), Some(5))
    );
}

#[test]
fn xclient_table_shows_each_line_and_its_length() {
    let out = run(&["xclient", "ADDR=192.0.2.1"], b"");
    assert_eq!(out.status, 0);
    assert_eq!(out.stdout, "OCTETS  LINE\n24      XCLIENT ADDR=192.0.2.1\\r\\n\n");
}

#[test]
fn xclient_needs_an_attribute_and_help_states_the_exit_codes() {
    assert_eq!(run(&["xclient"], b"").status, 2);
    for subcommand in ["reply", "pipeline", "xclient"] {
        let out = run(&[subcommand, "--help"], b"");
        assert_eq!(out.status, 0);
        assert!(out.stdout.contains("Exit status:"), "{subcommand}: {}", out.stdout);
    }
}
