//! The policy subcommands (`sender-login`, `identity`, `align`, `autoreply`) run as a real
//! process: the incidents they answer, their JSON objects, their tables and exit statuses.

use std::path::PathBuf;

use serde_json::{json, Value};

#[path = "common/cli.rs"]
mod cli_run;
use cli_run::Run;

/// Runs `mail-envelope` with `args` in `dir`, feeding `stdin`.
fn run_in(dir: &std::path::Path, args: &[&str], stdin: &[u8]) -> Run {
    cli_run::run_in(Some(dir), args, stdin)
}

/// A fresh directory holding `files`.
fn dir_with(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mail-envelope-cli-policy-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

/// The JSON objects of a run, one per line.
fn lines(run: &Run) -> Vec<Value> {
    run.stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line:?} is not JSON: {e}")))
        .collect()
}

#[test]
fn done_when_not_owned_by_user_bob() {
    let dir = dir_with("done", &[("MAP", "alice@example.com alice\n")]);
    let out = run_in(
        &dir,
        &[
            "sender-login",
            "--map",
            "texthash:MAP",
            "--mode",
            "reject_sender_login_mismatch",
            "--login",
            "bob",
            "alice@example.com",
        ],
        b"",
    );
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("553 5.7.1 <alice@example.com>: Sender address rejected: not owned by user bob"),
        "{}",
        out.stdout
    );
    let json = run_in(
        &dir,
        &[
            "sender-login",
            "--map",
            "texthash:MAP",
            "--login",
            "bob",
            "--json",
            "alice@example.com",
        ],
        b"",
    );
    let objects = lines(&json);
    assert_eq!(
        (
            &objects[0]["ok"],
            &objects[0]["decision"],
            &objects[0]["owners"],
            &objects[0]["matched"]
        ),
        (
            &json!(true),
            &json!("reject"),
            &json!(["alice"]),
            &json!({"table": "texthash:MAP", "key": "alice@example.com", "line": 1})
        )
    );
    // The owner passes: exit 0, reply null.
    let ok = run_in(
        &dir,
        &[
            "sender-login",
            "--map",
            "texthash:MAP",
            "--login",
            "alice",
            "--json",
            "alice@example.com",
        ],
        b"",
    );
    assert_eq!(ok.status, 0);
    assert_eq!(lines(&ok)[0]["reply"], Value::Null);
}

#[test]
fn docker_mailserver_through_the_cli() {
    let dir = dir_with(
        "dms",
        &[
            ("virtual", "info@example.com user1@example.com\n"),
            ("aliases", "postmaster: root\n"),
            ("sender_login_maps.pcre", "/^(.*)$/ ${1}\n"),
            ("regexp", "/^support-.*@example\\.com$/ user2@example.com\n"),
        ],
    );
    let map = "unionmap:{texthash:virtual, aliases:aliases, pcre:sender_login_maps.pcre, pcre:regexp}";
    let args = |login: &'static str| {
        vec![
            "sender-login",
            "--map",
            map,
            "--mode",
            "reject_authenticated_sender_login_mismatch",
            "--login",
            login,
            "--json",
        ]
    };
    // Senders from standard input, one a line: each object carries its line.
    let out = run_in(
        &dir,
        &args("user1@example.com"),
        b"user1@example.com\n\ninfo@example.com\nsupport-eu@example.com\n",
    );
    assert_eq!(out.status, 1);
    let objects = lines(&out);
    let decisions: Vec<(&Value, &Value)> = objects.iter().map(|o| (&o["line"], &o["decision"])).collect();
    assert_eq!(
        decisions,
        [
            (&json!(1), &json!("accept")),
            (&json!(3), &json!("accept")),
            (&json!(4), &json!("reject"))
        ]
    );
    assert_eq!(objects[1]["owners"], json!(["user1@example.com", "info@example.com"]));
    assert_eq!(
        objects[2]["reply"],
        json!("553 5.7.1 <support-eu@example.com>: Sender address rejected: not owned by user user1@example.com")
    );
    // The incident: a login without its domain owns nothing.
    let out = run_in(&dir, &args("user1"), b"user1@example.com\n");
    assert_eq!(
        lines(&out)[0]["reply"],
        json!("553 5.7.1 <user1@example.com>: Sender address rejected: not owned by user user1")
    );
}

#[test]
fn a_table_line_that_cannot_be_reproduced_stops_the_command() {
    let dir = dir_with("bad", &[("rules.regexp", "/^ok@/ ok\n/^(a)\\1@/ x\n")]);
    let out = run_in(&dir, &["sender-login", "--map", "regexp:rules.regexp", "a@b"], b"");
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .contains("rules.regexp, line 2: back-references are not supported"),
        "{}",
        out.stderr
    );
    let dir = dir_with("warn", &[("map", "lonely-key\nok@x ok\n")]);
    let out = run_in(&dir, &["sender-login", "--map", "hash:map", "--json", "ok@x"], b"");
    assert_eq!(out.status, 1, "not logged in, and ok@x has an owner");
    assert!(
        out.stderr
            .contains("map, line 1: expected format: key whitespace value"),
        "{}",
        out.stderr
    );
}

#[test]
fn zulip_and_sendgrid_through_the_cli() {
    let dir = dir_with(
        "ids",
        &[("verified", "# SendGrid\nnoreply@chat.example.com\nexample.org\n")],
    );
    let out = run_in(
        &dir,
        &[
            "identity",
            "--verified",
            "verified",
            "--json",
            "Zulip <noreply-abcdefghijklmnopqrstuvwx@chat.example.com>",
            "ops@example.org",
        ],
        b"",
    );
    assert_eq!(out.status, 1);
    let objects = lines(&out);
    assert_eq!(objects[0]["verified"], json!(false));
    assert!(objects[0]["reason"]
        .as_str()
        .unwrap()
        .contains("only a domain identity"));
    assert_eq!(
        objects[1],
        json!({"input": "ops@example.org", "ok": true, "verified": true, "verified_by": "example.org", "kind": "domain"})
    );
    let aligned = run_in(
        &dir,
        &[
            "align",
            "--from",
            "Zulip <noreply@chat.example.com>",
            "--mail-from",
            "bounces+123@sendgrid.net",
            "--dkim",
            "sendgrid.net",
            "--json",
        ],
        b"",
    );
    assert_eq!(aligned.status, 1);
    let a = &lines(&aligned)[0];
    assert_eq!(
        (&a["aligned"], &a["spf_aligned"], &a["dkim_aligned"]),
        (&json!(false), &json!(false), &json!([false]))
    );
    assert_eq!(
        (&a["mode"], &a["from_org"], &a["mail_from_org"]),
        (&json!("relaxed"), &json!("example.com"), &json!("sendgrid.net"))
    );
    let fixed = run_in(
        &dir,
        &[
            "align",
            "--from",
            "noreply@chat.example.com",
            "--mail-from",
            "<>",
            "--helo",
            "mta.example.com",
            "--strict",
        ],
        b"",
    );
    assert_eq!(fixed.status, 1, "strict: mta.example.com is not chat.example.com");
    assert!(fixed.stdout.contains("not aligned in strict mode"), "{}", fixed.stdout);
}

#[test]
fn out_of_office_through_the_cli() {
    let dir = dir_with("ooo", &[]);
    let message = b"From: Bob <bob@example.org>\r\nTo: Alice <alice@example.com>\r\nSubject: Lunch?\r\nMessage-ID: <1@example.org>\r\n\r\nHi\r\n";
    let out = run_in(
        &dir,
        &[
            "autoreply",
            "--me",
            "alice@example.com",
            "--sender",
            "<bob@example.org>",
            "--json",
        ],
        message,
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(
        lines(&out)[0],
        json!({
            "input": "<bob@example.org>", "ok": true, "reply": true, "to": "<bob@example.org>", "mail_from": "<>",
            "headers": [["Auto-Submitted", "auto-replied"], ["Subject", "Auto: Lunch?"],
                        ["In-Reply-To", "<1@example.org>"], ["References", "<1@example.org>"]],
            "detail": "alice@example.com in To"
        })
    );
    let list = b"To: dev@lists.example.org\nList-Id: <dev.lists.example.org>\n";
    let out = run_in(
        &dir,
        &[
            "autoreply",
            "--me",
            "alice@example.com",
            "--sender",
            "<dev-bounces@lists.example.org>",
            "--json",
        ],
        list,
    );
    assert_eq!(out.status, 1);
    assert_eq!(
        lines(&out)[0],
        json!({"input": "<dev-bounces@lists.example.org>", "ok": true, "reply": false, "rule": "list-header", "detail": "List-Id"})
    );
    let again = run_in(
        &dir,
        &[
            "autoreply",
            "--me",
            "alice@example.com",
            "--also",
            "a@example.net",
            "--sender",
            "bob@example.org",
            "--already-replied",
        ],
        message,
    );
    assert_eq!(again.status, 1);
    assert!(again.stdout.contains("already-replied"), "{}", again.stdout);
    let broken = run_in(
        &dir,
        &[
            "autoreply",
            "--me",
            "alice@example.com",
            "--sender",
            "bob@example.org",
            "--json",
        ],
        b"To alice\n",
    );
    assert_eq!(broken.status, 1);
    assert_eq!(lines(&broken)[0]["error"]["kind"], json!("header_syntax"));
}
