//! The `mail-envelope split` command line, run as a real process: its JSON output, its table, its
//! input modes and its exit status (ARCHITECTURE.md, "The command line").

use mail_envelope::Mailbox;
use serde_json::{json, Value};

#[path = "common/cli.rs"]
mod cli_run;
use cli_run::{run_in, Run};

/// Runs `mail-envelope` with `args`, feeding `stdin` (an empty standard input when `None`).
fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    run_in(None, args, stdin.unwrap_or_default())
}

/// Runs `split --json` with `args` and parses each output line.
fn split_json(args: &[&str], stdin: Option<&[u8]>) -> (i32, Vec<Value>) {
    let out = run(&[&["split", "--json"], args].concat(), stdin);
    let lines = out
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line:?} is not JSON: {e}")))
        .collect();
    (out.status, lines)
}

/// Runs `split --json` on one input and returns its object, checking the exit status.
fn split_one(args: &[&str], status: i32) -> Value {
    let (code, mut lines) = split_json(args, None);
    assert_eq!(code, status, "exit status for {args:?}");
    assert_eq!(lines.len(), 1, "one line for {args:?}");
    lines.remove(0)
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

const MAILBOX_KEYS: &[&str] = &[
    "display_name",
    "local_part",
    "domain",
    "addr_spec",
    "envelope",
    "envelope_ascii",
    "header",
    "header_utf8",
    "smtputf8",
    "category",
    "diagnoses",
];

fn sorted(keys: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = keys.iter().map(|&k| k.to_owned()).collect();
    keys.sort_unstable();
    keys
}

/// Checks that the header form reads back as a mailbox with the same name and address.
fn assert_header_reparses(value: &Value) {
    let header = value["header"].as_str().expect("a header");
    let mailbox = Mailbox::parse(header).unwrap_or_else(|e| panic!("{header:?} does not parse: {e}"));
    assert_eq!(
        mailbox.display_name(),
        value["display_name"].as_str(),
        "name of {header:?}"
    );
    assert_eq!(
        mailbox.addr_spec().to_string(),
        value["addr_spec"].as_str().unwrap(),
        "address of {header:?}"
    );
}

// ----- mailbox mode -----

#[test]
fn splits_a_utf8_display_name_from_the_envelope() {
    let value = split_one(&["服务显示名称 <keepalived@server.example.com>"], 0);
    assert_eq!(
        value,
        json!({
            "input": "服务显示名称 <keepalived@server.example.com>",
            "ok": true,
            "mode": "mailbox",
            "display_name": "服务显示名称",
            "local_part": "keepalived",
            "domain": "server.example.com",
            "addr_spec": "keepalived@server.example.com",
            "envelope": "<keepalived@server.example.com>",
            "envelope_ascii": "<keepalived@server.example.com>",
            "header": "=?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>",
            "header_utf8": "服务显示名称 <keepalived@server.example.com>",
            "smtputf8": false,
            "category": "valid",
            "diagnoses": [],
        })
    );
    assert_header_reparses(&value);
}

#[test]
fn utf8_headers_flag_writes_the_name_as_utf8() {
    let value = split_one(&["--utf8-headers", "服务显示名称 <keepalived@server.example.com>"], 0);
    assert_eq!(value["header"], "服务显示名称 <keepalived@server.example.com>");
    assert_header_reparses(&value);
}

#[test]
fn splits_a_quoted_display_name_with_a_comma() {
    let value = split_one(&[r#""Ops, Team" <ops@example.com>"#], 0);
    assert_eq!(value["display_name"], "Ops, Team");
    assert_eq!(value["envelope"], "<ops@example.com>");
    assert_eq!(value["header"], r#""Ops, Team" <ops@example.com>"#);
    assert_eq!(value["category"], "valid");
    assert_header_reparses(&value);
}

#[test]
fn a_comment_is_no_display_name() {
    let value = split_one(&["jdoe@example.com (John Doe)"], 0);
    assert_eq!(value["display_name"], Value::Null);
    assert_eq!(value["addr_spec"], "jdoe@example.com");
    assert_eq!(value["envelope"], "<jdoe@example.com>");
    assert_eq!(value["header"], "jdoe@example.com");
    assert_eq!(value["category"], "cfws");
    assert_eq!(value["diagnoses"], json!(["cfws_comment", "cfws_fws"]));
}

#[test]
fn json_objects_have_exactly_the_contract_keys_in_order() {
    let out = run(&["split", "--json", "jane@example.com", "Jane <jane@example"], None);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let parsed: Value = serde_json::from_str(lines[0]).unwrap();
    let all = [&["input", "ok", "mode"], MAILBOX_KEYS].concat();
    assert_eq!(keys(&parsed), sorted(&all));
    let positions: Vec<usize> = all
        .iter()
        .map(|k| lines[0].find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(positions.is_sorted(), "key order in {}", lines[0]);
    let failed: Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(keys(&failed), ["error", "input", "ok"]);
    assert_eq!(keys(&failed["error"]), ["kind", "message", "offset"]);
}

#[test]
fn header_valid_address_without_a_path_has_a_null_envelope_and_says_why() {
    let value = split_one(&["a@-x.example"], 0);
    assert_eq!(value["ok"], true);
    assert_eq!(value["envelope"], Value::Null);
    assert_eq!(value["envelope_ascii"], Value::Null);
    assert_eq!(value["smtputf8"], false);
    assert_eq!(value["header"], "a@-x.example");
    assert_eq!(value["category"], "rfc5322");
    assert_eq!(value["diagnoses"], json!(["rfc5322_domain"]));
}

#[test]
fn envelope_ascii_writes_the_domain_as_a_labels() {
    let value = split_one(&["Jörg <jane@bücher.example>"], 0);
    assert_eq!(value["envelope"], "<jane@bücher.example>");
    assert_eq!(value["envelope_ascii"], "<jane@xn--bcher-kva.example>");
    assert_eq!(value["smtputf8"], true);
    // An ASCII header carries the domain in A-labels too, never raw UTF-8.
    assert_eq!(value["header"], "=?utf-8?b?SsO2cmc=?= <jane@xn--bcher-kva.example>");
    let value = split_one(&["用户@example.com"], 0);
    assert_eq!(value["envelope"], "<用户@example.com>");
    assert_eq!(value["envelope_ascii"], Value::Null);
    // A non-ASCII local part has no ASCII header form: only the RFC 6532 one, and a finding.
    assert_eq!(value["header"], Value::Null);
    assert_eq!(value["header_utf8"], "用户@example.com");
    assert_eq!(value["diagnoses"], json!(["header_needs_utf8"]));
}

#[test]
fn a_control_character_leaves_envelope_and_header_null() {
    let value = split_one(&["--json-input", r#""\"a\u0001b\"@example.com""#], 0);
    assert_eq!(value["local_part"], "a\u{1}b");
    assert_eq!(value["envelope"], Value::Null);
    assert_eq!(value["header"], Value::Null);
    assert_eq!(value["category"], "rfc5322");
    assert_eq!(
        value["diagnoses"],
        json!(["rfc5321_quotedstring", "deprec_qtext", "rfc5322_local_notsmtp"])
    );
}

#[test]
fn a_parse_error_has_kind_offset_and_message() {
    let value = split_one(&["Name <keepalived@host"], 1);
    assert_eq!(
        value,
        json!({
            "input": "Name <keepalived@host",
            "ok": false,
            "error": {
                "kind": "expected_angle_close",
                "offset": 21,
                "message": "expected '>' to close angle-addr at byte 21, found end of input",
            },
        })
    );
}

#[test]
fn strict_mode_refuses_obsolete_syntax() {
    assert_eq!(
        split_one(&["J. Smith <j@example.com>"], 0)["diagnoses"],
        json!(["deprec_phrase"])
    );
    let value = split_one(&["--strictness", "strict", "J. Smith <j@example.com>"], 1);
    assert_eq!(value["error"]["kind"], "obsolete_syntax");
}

#[test]
fn lenient_mode_takes_an_unquoted_comma_in_the_name() {
    split_one(&["Doe, John <j@example.com>"], 1);
    let value = split_one(&["--strictness", "lenient", "Doe, John <j@example.com>"], 0);
    assert_eq!(value["display_name"], "Doe, John");
}

// ----- JSON input and standard input -----

#[test]
fn json_input_crlf_injection_is_an_error_with_kind_and_offset() {
    let (status, lines) = split_json(&["--json-input"], Some(br#""a@b>\r\nRCPT TO:<evil@x>""#));
    assert_eq!(status, 1);
    assert_eq!(
        lines,
        [json!({
            "input": "a@b>\r\nRCPT TO:<evil@x>",
            "line": 1,
            "ok": false,
            "error": {
                "kind": "forbidden_control",
                "offset": 4,
                "message": "CR, LF or NUL outside folding at byte 4, found '\\r'",
            },
        })]
    );
}

#[test]
fn json_input_applies_to_arguments_too() {
    let value = split_one(&["--json-input", r#""x\u0000@example.com""#], 1);
    assert_eq!(value["input"], "x\u{0}@example.com");
    assert_eq!(value["error"]["kind"], "forbidden_control");
    assert_eq!(value["error"]["offset"], 1);
}

#[test]
fn json_input_that_is_not_a_json_string_is_an_error_row_and_the_run_goes_on() {
    let out = run(
        &["split", "--json", "--json-input"],
        Some(b"\"ok@example.com\"\nnot json\n\"b@example.com\"\n"),
    );
    assert_eq!(out.status, 1);
    assert_eq!(out.stderr, "");
    let lines: Vec<Value> = out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let summary: Vec<(&Value, &Value, &Value)> = lines.iter().map(|l| (&l["line"], &l["ok"], &l["input"])).collect();
    assert_eq!(
        summary,
        [
            (&json!(1), &json!(true), &json!("ok@example.com")),
            (&json!(2), &json!(false), &json!("not json")),
            (&json!(3), &json!(true), &json!("b@example.com")),
        ]
    );
    assert_eq!(lines[1]["error"]["kind"], "invalid_json_input");
    // serde_json stops at the `o` of `not`, where `null` cannot go on.
    assert_eq!(lines[1]["error"]["offset"], 1);
    assert!(lines[1]["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("not a JSON string"));
}

#[test]
fn reads_standard_input_one_input_per_line_in_order() {
    let stdin = b"jane@example.com\r\nName <broken@host\n\"Ops, Team\" <ops@example.com>\n";
    let (status, lines) = split_json(&[], Some(stdin));
    assert_eq!(status, 1);
    let inputs: Vec<&Value> = lines.iter().map(|l| &l["input"]).collect();
    assert_eq!(
        inputs,
        [
            "jane@example.com",
            "Name <broken@host",
            r#""Ops, Team" <ops@example.com>"#
        ]
    );
    let ok: Vec<&Value> = lines.iter().map(|l| &l["ok"]).collect();
    assert_eq!(ok, [true, false, true]);
    assert_eq!(lines[2]["display_name"], "Ops, Team");
}

#[test]
fn blank_lines_are_no_inputs_and_every_row_has_its_line() {
    let (status, lines) = split_json(&[], Some(b"a@example.com\n\n  \t\nb@example.com\n"));
    assert_eq!(status, 0);
    let summary: Vec<(&Value, &Value)> = lines.iter().map(|l| (&l["line"], &l["input"])).collect();
    assert_eq!(
        summary,
        [
            (&json!(1), &json!("a@example.com")),
            (&json!(4), &json!("b@example.com"))
        ]
    );
    // Inputs given as arguments have no line.
    let value = split_one(&["a@example.com"], 0);
    assert!(value.get("line").is_none());
}

#[test]
fn a_line_that_is_not_utf8_fails_alone() {
    let (status, lines) = split_json(&[], Some(b"a\xff@example.com\njane@example.com"));
    assert_eq!(status, 1);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["input"], "a\u{fffd}@example.com");
    assert_eq!(lines[0]["error"]["kind"], "invalid_utf8");
    assert_eq!(lines[0]["error"]["offset"], 1);
    assert_eq!(lines[1]["ok"], true);
}

#[test]
fn empty_standard_input_prints_nothing_and_succeeds() {
    let out = run(&["split", "--json"], Some(b""));
    assert_eq!((out.status, out.stdout.as_str()), (0, ""));
}

// ----- list mode -----

#[test]
fn list_mode_reports_mailboxes_groups_and_empty_groups() {
    let input = r#"jane@example.com, Team: "Ops, Team" <ops@example.com>, b@example.com;, Undisclosed recipients:;"#;
    let value = split_one(&["--mode", "list", input], 0);
    assert_eq!(
        keys(&value),
        ["addresses", "category", "diagnoses", "groups", "input", "mode", "ok"]
    );
    assert_eq!(value["mode"], "list");
    assert_eq!(
        value["groups"],
        json!([{"name": "Team", "members": 2}, {"name": "Undisclosed recipients", "members": 0}])
    );
    let addresses = value["addresses"].as_array().unwrap();
    assert_eq!(addresses.len(), 3, "an empty group adds no address");
    let summary: Vec<(&Value, &Value, &Value)> = addresses
        .iter()
        .map(|a| (&a["group"], &a["display_name"], &a["envelope"]))
        .collect();
    assert_eq!(
        summary,
        [
            (&Value::Null, &Value::Null, &json!("<jane@example.com>")),
            (&json!("Team"), &json!("Ops, Team"), &json!("<ops@example.com>")),
            (&json!("Team"), &Value::Null, &json!("<b@example.com>")),
        ]
    );
    for address in addresses {
        assert_eq!(keys(address), sorted(&[&["group"], MAILBOX_KEYS].concat()));
    }
    assert_header_reparses(&addresses[1]);
}

#[test]
fn list_mode_rates_each_mailbox_and_the_list() {
    let value = split_one(&["--mode", "list", "a@example.com (A), , \"b\"@example.com"], 0);
    let addresses = value["addresses"].as_array().unwrap();
    assert_eq!(addresses[0]["category"], "cfws");
    assert_eq!(addresses[1]["category"], "rfc5321");
    assert_eq!(addresses[1]["diagnoses"], json!(["rfc5321_quotedstring"]));
    assert_eq!(value["category"], "deprecated");
    assert!(value["diagnoses"].as_array().unwrap().contains(&json!("deprec_list")));
}

// ----- path mode -----

#[test]
fn path_mode_drops_the_source_route() {
    let value = split_one(&["--mode", "path", "<@relay.example:user@example.com>"], 0);
    assert_eq!(
        value,
        json!({
            "input": "<@relay.example:user@example.com>",
            "ok": true,
            "mode": "path",
            "path": "mailbox",
            "display_name": null,
            "local_part": "user",
            "domain": "example.com",
            "addr_spec": "user@example.com",
            "envelope": "<user@example.com>",
            "envelope_ascii": "<user@example.com>",
            "header": "user@example.com",
            "header_utf8": "user@example.com",
            "smtputf8": false,
            "category": "deprecated",
            "diagnoses": ["obs_route_dropped"],
        })
    );
}

#[test]
fn require_envelope_fails_an_input_without_an_envelope_form() {
    // No envelope form: exit 1 with the flag (the row's diagnoses say why), 0 without.
    let out = run(&["split", "--json", "--require-envelope", "user@[300.1.1.1]"], None);
    assert_eq!(out.status, 1);
    let value: Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!((&value["ok"], &value["envelope"]), (&json!(true), &Value::Null));
    assert_eq!(value["diagnoses"], json!(["rfc5322_domainliteral"]));
    assert_eq!(run(&["split", "--json", "user@[300.1.1.1]"], None).status, 0);
    assert_eq!(
        run(&["split", "--json", "--require-envelope", "user@example.com"], None).status,
        0
    );
    let list = [
        "split",
        "--json",
        "--require-envelope",
        "--mode",
        "list",
        "a@example.com, b@[x-tag:c]",
    ];
    assert_eq!(run(&list, None).status, 1);
}

#[test]
fn help_explains_exit_status_and_categories() {
    for args in [&["--help"][..], &["split", "--help"]] {
        let out = run(args, None);
        assert_eq!(out.status, 0, "{args:?}");
        assert!(
            out.stdout.contains("Exit status:\n  0  every input was read"),
            "{args:?}: {}",
            out.stdout
        );
        assert!(
            out.stdout.contains("  rfc5322     valid only in a header"),
            "{args:?}: {}",
            out.stdout
        );
    }
}

#[test]
fn a_display_name_in_a_path_gets_a_hint() {
    // The Keepalived mistake itself.
    let value = split_one(&["--mode", "path", "Name <user@example.com>"], 1);
    assert_eq!(value["error"]["kind"], "expected_angle_open");
    let message = value["error"]["message"].as_str().unwrap();
    assert!(
        message.ends_with("; a path takes no display name: send `<user@example.com>`, not `Name <user@example.com>`"),
        "{message}"
    );
    let value = split_one(&["Doe, John <john@example.com>"], 1);
    let message = value["error"]["message"].as_str().unwrap();
    assert!(message.contains("quote the display name"), "{message}");
}

#[test]
fn lenient_list_mode_reads_outlook_lists() {
    let value = split_one(
        &[
            "--mode",
            "list",
            "--strictness",
            "lenient",
            "Doe, John <j@example.com>; Roe, Jane <r@example.com>",
        ],
        0,
    );
    let names: Vec<&Value> = value["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["display_name"])
        .collect();
    assert_eq!(names, [&json!("Doe, John"), &json!("Roe, Jane")]);
    assert!(value["diagnoses"]
        .as_array()
        .unwrap()
        .contains(&json!("lenient_semicolon")));
    // Standard refuses it and says how to mend it.
    let value = split_one(&["--mode", "list", "Doe, John <j@example.com>"], 1);
    assert!(value["error"]["message"]
        .as_str()
        .unwrap()
        .contains("quote the display name"));
}

#[test]
fn path_mode_null_path_has_only_an_envelope() {
    let value = split_one(&["--mode", "path", "<>"], 0);
    assert_eq!(value["path"], "null_path");
    assert_eq!(value["envelope"], "<>");
    for field in [
        "display_name",
        "local_part",
        "domain",
        "addr_spec",
        "header",
        "header_utf8",
    ] {
        assert_eq!(value[field], Value::Null, "{field}");
    }
}

#[test]
fn path_mode_postmaster_in_any_case() {
    for input in ["<POSTMASTER>", "<postmaster>", "<Postmaster>"] {
        let value = split_one(&["--mode", "path", input], 0);
        assert_eq!(value["path"], "postmaster", "{input}");
        assert_eq!(value["local_part"], "Postmaster", "{input}");
        assert_eq!(value["domain"], Value::Null, "{input}");
        assert_eq!(value["envelope"], "<Postmaster>", "{input}");
    }
}

#[test]
fn path_mode_needs_angle_brackets_unless_lenient() {
    let value = split_one(&["--mode", "path", "user@example.com"], 1);
    assert_eq!(value["error"]["kind"], "expected_angle_open");
    assert_eq!(value["error"]["offset"], 0);
    let value = split_one(&["--mode", "path", "--strictness", "lenient", "user@example.com"], 0);
    assert_eq!(value["envelope"], "<user@example.com>");
}

// ----- table, exit status -----

#[test]
fn the_table_is_aligned() {
    let out = run(
        &[
            "split",
            "服务显示名称 <keepalived@server.example.com>",
            "jdoe@example.com (John Doe)",
            "Name <broken@host",
        ],
        None,
    );
    assert_eq!(out.status, 1);
    let expected = "\
INPUT                                         DISPLAY NAME  ENVELOPE                         SMTPUTF8  HEADER                                                                CATEGORY  DIAGNOSES
服务显示名称 <keepalived@server.example.com>  服务显示名称  <keepalived@server.example.com>  no        =?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>  valid
jdoe@example.com (John Doe)                   -             <jdoe@example.com>               no        jdoe@example.com                                                      cfws      cfws_comment, cfws_fws
Name <broken@host                             error: expected '>' to close angle-addr at byte 17, found end of input
";
    assert_eq!(out.stdout, expected);
}

#[test]
fn the_table_escapes_control_characters() {
    let out = run(&["split", "--json-input", r#""a@b>\r\nRCPT TO:<evil@x>""#], None);
    assert_eq!(out.status, 1);
    assert_eq!(
        out.stdout.lines().nth(1),
        Some(r"a@b>\r\nRCPT TO:<evil@x>  error: CR, LF or NUL outside folding at byte 4, found '\r'")
    );
}

#[test]
fn the_list_table_shows_groups_and_empty_groups() {
    let out = run(
        &[
            "split",
            "--mode",
            "list",
            "a@example.com, Team: b@example.com;, Empty:;",
        ],
        None,
    );
    assert_eq!(out.status, 0);
    let expected = "\
INPUT                                         GROUP  DISPLAY NAME  ENVELOPE         SMTPUTF8  HEADER         CATEGORY  DIAGNOSES
a@example.com, Team: b@example.com;, Empty:;  -      -             <a@example.com>  no        a@example.com  valid
                                              Team   -             <b@example.com>  no        b@example.com  valid
                                              Empty  (no members)
";
    assert_eq!(out.stdout, expected);
}

#[test]
fn the_table_shows_smtputf8_and_the_list_findings_of_its_own() {
    let out = run(
        &[
            "split",
            "--mode",
            "list",
            "--strictness",
            "lenient",
            "a@example.com; 用户@例子.广告, x@[IPv5:x]",
        ],
        None,
    );
    assert_eq!(out.status, 0);
    let expected = "\
INPUT                                      GROUP  DISPLAY NAME  ENVELOPE          SMTPUTF8  HEADER         CATEGORY  DIAGNOSES
a@example.com; 用户@例子.广告, x@[IPv5:x]  -      (the list)                                               rfc5322   lenient_semicolon
                                           -      -             <a@example.com>   no        a@example.com  valid
                                           -      -             <用户@例子.广告>  yes       -              valid     header_needs_utf8
                                           -      -             -                 -         x@[IPv5:x]     rfc5322   rfc5322_domainliteral
";
    assert_eq!(out.stdout, expected);
}

#[test]
fn exit_status_is_zero_when_every_input_parsed() {
    let out = run(&["split", "jane@example.com", "Ops <ops@example.com>"], None);
    assert_eq!(out.status, 0);
    assert_eq!(out.stderr, "");
}

/// The lines of a message, each without its leading blanks and with every run of two or more
/// blanks made two (so a subcommand's line does not depend on how long the longest subcommand's
/// name is), the program's name dropped from the `Usage:` line (so the lines do not depend on
/// what the binary file is called).
fn message_lines(message: &str) -> Vec<String> {
    message
        .lines()
        .map(|line| {
            let line = line
                .trim_start()
                .split("  ")
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>();
            let line = line.iter().map(|part| part.trim_start()).collect::<Vec<_>>().join("  ");
            match line.strip_prefix("Usage: ") {
                Some(usage) => format!("Usage: {}", usage.split_once(' ').map_or("", |(_, rest)| rest)),
                None => line,
            }
        })
        .collect()
}

#[test]
fn usage_errors_exit_with_status_2() {
    // The arguments, then the first line of standard error and lines that must follow it.
    let cases: [(&[&str], &[&str]); 5] = [
        (
            &["split", "--bogus", "a@example.com"],
            &[
                "error: unexpected argument '--bogus' found",
                "Usage: split [OPTIONS] [INPUT]...",
            ],
        ),
        (
            &["split", "--mode", "header", "a@example.com"],
            &[
                "error: invalid value 'header' for '--mode <MODE>'",
                "[possible values: mailbox, list, path]",
            ],
        ),
        (
            &["split", "--strictness", "loose", "a@example.com"],
            &[
                "error: invalid value 'loose' for '--strictness <STRICTNESS>'",
                "[possible values: strict, standard, lenient]",
            ],
        ),
        (
            &["frobnicate"],
            &["error: unrecognized subcommand 'frobnicate'", "Usage: <COMMAND>"],
        ),
        // No subcommand: the help, which is no error, with the usage and the subcommands.
        (
            &[],
            &[
                "RFC 5322/5321 email addresses: one parse, two forms (header and SMTP envelope)",
                "Usage: <COMMAND>",
                "split  Split each input into its envelope form and its header form",
            ],
        ),
    ];
    for (args, expected) in cases {
        let out = run(args, None);
        assert_eq!(out.status, 2, "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        let lines = message_lines(&out.stderr);
        assert_eq!(
            lines.first().map(String::as_str),
            Some(expected[0]),
            "{args:?}: {}",
            out.stderr
        );
        for line in &expected[1..] {
            // Runs of spaces compare equal: clap aligns the subcommand list to its longest name.
            assert!(
                lines.iter().any(|l| l.split_whitespace().eq(line.split_whitespace())),
                "{args:?}: no line {line:?} in {}",
                out.stderr
            );
        }
    }
}

#[test]
fn a_list_error_names_the_member_as_well_as_the_byte() {
    let value = split_one(
        &["--mode", "list", "a@example.com, Bob <bob@example.com, c@example.com"],
        1,
    );
    assert_eq!(value["error"]["kind"], "expected_angle_close");
    assert_eq!(value["error"]["offset"], 35);
    assert_eq!(value["error"]["member"], 1);
    // A missing separator belongs to the member that would start there; a single mailbox has
    // no member index at all.
    let value = split_one(&["--mode", "list", "a@example.com, b@example.com c@example.com"], 1);
    assert_eq!(
        (value["error"]["kind"].as_str(), value["error"]["member"].as_u64()),
        (Some("expected_comma"), Some(2))
    );
    let value = split_one(&["Bob <bob@example.com"], 1);
    assert!(value["error"].get("member").is_none());
}
