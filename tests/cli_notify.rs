//! `mail-envelope notify` as a process: the transaction it prints, as text and as JSON.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

fn run(args: &[&str], stdin: &[u8]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mail-envelope"))
        .arg("notify")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}

const KEEPALIVED: &[&str] = &[
    "--from",
    "服务显示名称 <keepalived@server.example.com>",
    "--to",
    "ops@example.com",
    "--to",
    "值班 <oncall@example.net>",
    "--subject",
    "VRRP_Instance(VI_1) Entering MASTER state",
    "--date",
    "1700000000+0800",
    "--message-id-part",
    "1700000000.4242",
];

#[test]
fn json_transaction() {
    let (code, out) = run(&[KEEPALIVED, &["--json"]].concat(), b"now MASTER\n.\n");
    assert_eq!(code, 0, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["commands"][0], "EHLO server.example.com");
    assert_eq!(v["commands"][1], "MAIL FROM:<keepalived@server.example.com>");
    assert_eq!(v["batches"].as_array().unwrap().len(), 5);
    assert_eq!(v["transfer_encoding"], "7bit");
    assert_eq!(v["smtputf8"], false);
    let data = v["data"].as_str().unwrap();
    assert!(data.starts_with("Date: Wed, 15 Nov 2023 06:13:20 +0800\r\n"), "{data}");
    assert!(data.contains("\r\nMessage-ID: <1700000000.4242@server.example.com>\r\n"));
    assert!(data.ends_with("\r\n\r\nnow MASTER\r\n..\r\n.\r\n"), "{data}");
}

#[test]
fn ehlo_file_gives_pipelining_and_8bitmime() {
    let dir = std::env::temp_dir().join(format!("mail-envelope-notify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ehlo = dir.join("ehlo.txt");
    std::fs::write(&ehlo, "250-mx.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n").unwrap();
    let args = [
        KEEPALIVED,
        &["--json", "--helo", "client.example", "--ehlo", ehlo.to_str().unwrap()],
    ]
    .concat();
    let (code, out) = run(&args, "Grüße\n".as_bytes());
    assert_eq!(code, 0, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["batches"].as_array().unwrap().len(), 2);
    assert_eq!(v["batches"][0][0], "EHLO client.example");
    assert_eq!(
        v["batches"][1][0],
        "MAIL FROM:<keepalived@server.example.com> BODY=8BITMIME"
    );
    assert_eq!(v["transfer_encoding"], "8bit");
}

#[test]
fn text_transcript_and_errors() {
    let (code, out) = run(KEEPALIVED, "Grüße\n".as_bytes());
    assert_eq!(code, 0);
    assert!(
        out.contains("C: Content-Transfer-Encoding: quoted-printable\nC: \nC: Gr=C3=BC=C3=9Fe\nC: .\n"),
        "{out}"
    );
    let (code, out) = run(
        &[
            "--from",
            "Name <a@example.com",
            "--to",
            "b@example.com",
            "--subject",
            "s",
            "--json",
        ],
        b"",
    );
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["ok"].clone(), v["error"]["kind"].clone()),
        (Value::Bool(false), Value::from("expected_angle_close"))
    );
    let (code, out) = run(&[KEEPALIVED, &["--json"]].concat(), b"\xff");
    assert_eq!(code, 1);
    assert!(out.contains("\"invalid_utf8\""));
}
