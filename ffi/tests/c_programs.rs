//! The C programs of `ffi/tests/`, compiled by the system C compiler against the static library
//! this very test run built, run, and their standard output compared exactly.
//!
//! Cargo builds the library's `staticlib` along with the rlib this test links, into the `deps/`
//! directory this test executable stands in (`target/debug/deps/libmail_envelope_ffi.a`); the
//! test checks that it is there and no older than the crate's sources, so it never compiles
//! against a stale library.

use std::fs;
use std::path::Path;

mod common;
use common::{compile_and_run, compile_and_run_file, crate_dir};

#[test]
fn notify_prints_the_transaction_and_the_fields() {
    let expected = [
        &format!("mail-envelope {}\n", env!("CARGO_PKG_VERSION")),
        "display name: 服务显示名称\n",
        "addr-spec: keepalived@server.example.com\n",
        "envelope: <keepalived@server.example.com>\n",
        "envelope (ASCII): <keepalived@server.example.com>\n",
        "header: =?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>\n",
        "smtputf8: no\n",
        "category: 0\n",
        "MAIL FROM:<keepalived@server.example.com>\r\n",
        "RCPT TO:<admin@example.com>\r\n",
        "RCPT TO:<noc@example.org>\r\n",
        "-- 2 recipients\n",
        "MAIL FROM:<keepalived@server.example.com>\r\n",
        "RCPT TO:<admin@example.com>\r\n",
        "RCPT TO:<noc@example.org>\r\n",
        "-- 3 recipients\n",
        "MAIL FROM:<keepalived@server.example.com> SMTPUTF8\r\n",
        "RCPT TO:<admin@example.com>\r\n",
        "RCPT TO:<noc@example.org>\r\n",
        "RCPT TO:<用户@例子.广告>\r\n",
        "From: =?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>\r\n",
        "To: admin@example.com, NOC Team <noc@example.org>\r\n",
    ]
    .concat();
    assert_eq!(compile_and_run("notify"), expected);
}

#[test]
fn errors_get_their_result_codes() {
    let expected = [
        "null input: ME_NULL_ARGUMENT: input is NULL\n",
        "null input handle: NULL\n",
        "null out: ME_NULL_ARGUMENT: out is NULL\n",
        "null out_len: ME_NULL_ARGUMENT: out_len is NULL\n",
        "null mailbox: ME_NULL_ARGUMENT: mailbox is NULL\n",
        "free(NULL): ok\n",
        "bad utf-8: ME_INVALID_UTF8 at 1: expected UTF-8 at byte 1, found byte 0xF6\n",
        "bad utf-8 ehlo: ME_INVALID_UTF8 at 24: ehlo is not UTF-8 at byte 24\n",
        "short buffer: ME_BUFFER_TOO_SMALL: the output needs 30 bytes with its NUL, the buffer holds 8\n",
        "needed: 29\n",
        "exact buffer: ME_OK\n",
        "line length: 29, strlen: 29\n",
        "size only: ME_BUFFER_TOO_SMALL: the output needs 28 bytes with its NUL, the buffer holds 0\n",
        "needed: 27\n",
        "crlf injection: ME_PARSE_ERROR at 4: CR, LF or NUL outside folding at byte 4, found '\\r'\n",
        "crlf injection parse: ME_PARSE_ERROR at 4: CR, LF or NUL outside folding at byte 4, found '\\r'\n",
        "crlf field name: ME_RENDER_ERROR: field name is not printable ASCII without ':'\n",
        "name in path: ME_PARSE_ERROR at 19: expected '@' after local-part at byte 19, found ' '; \
         a path takes no display name: send `<user@example.com>`, not `Name <user@example.com>`\n",
        "needs smtputf8: ME_SMTP_ERROR: local-part is not ASCII and the server does not offer SMTPUTF8\n",
        "bad ehlo: ME_SMTP_ERROR at 1: expected an EHLO reply line starting '250-' or '250 ' at byte 1\n",
        "unknown flags: ME_INVALID_FLAGS: unknown flag bits 0x80\n",
        "parse: ME_OK\n",
        "no display name: ME_NO_VALUE: the mailbox has no display name\n",
        "no recipients: ME_ENVELOPE_ERROR at 0: envelope has no recipients (no forward-path) at byte 0\n",
        "null recipients: ME_NULL_ARGUMENT: recipients is NULL\n",
        "bad recipient: ME_PARSE_ERROR at 4: recipient 1: CR, LF or NUL outside folding at byte 4, found '\\r'\n",
        "null recipient: ME_NULL_ARGUMENT: recipient 1 is NULL\n",
        "panic: ME_PANIC: panic inside mail-envelope: me_debug_panic was called\n",
        "after panic: ME_OK\n",
        "MAIL FROM:<ops@example.com>\r\n",
        "unknown code: ME_UNKNOWN\n",
    ]
    .concat();
    assert_eq!(compile_and_run("errors"), expected);
}

#[test]
fn the_pkg_config_file_names_this_version() {
    let pc = fs::read_to_string(crate_dir().join("mail-envelope-ffi.pc")).expect("ffi/mail-envelope-ffi.pc");
    let version = pc.lines().find_map(|line| line.strip_prefix("Version: "));
    assert_eq!(version, Some(env!("CARGO_PKG_VERSION")));
}

#[test]
fn the_readme_example_compiles_and_prints_what_it_says() {
    let readme = fs::read_to_string(crate_dir().join("..").join("README.md")).expect("README.md");
    let (_, rest) = readme.split_once("\n```c\n").expect("README.md has a C example");
    let (example, _) = rest.split_once("\n```").expect("the C example ends");
    let source = Path::new(env!("CARGO_TARGET_TMPDIR")).join("readme.c");
    fs::write(&source, format!("{example}\n")).expect("writing the example");
    assert_eq!(
        compile_and_run_file("readme", &source),
        "MAIL FROM:<keepalived@server.example.com>\r\n\
         From: =?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>\r\n"
    );
}

#[test]
fn transaction_prints_the_whole_notification_as_the_rust_api_builds_it() {
    use mail_envelope::message::{Notification, Timestamp};
    use mail_envelope::smtp::capabilities::Capabilities;

    let ehlo = "250-mx.example.com Hello\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n";
    let caps = Capabilities::parse(ehlo, mail_envelope::Strictness::Standard).expect("an EHLO reply");
    let mut notification = Notification {
        from: "服务显示名称 <keepalived@server.example.com>",
        to: &["admin@example.com", "NOC Team <noc@example.com>"],
        subject: "[server] VRRP instance VI_1 is now MASTER",
        body: "=> VRRP instance VI_1 is now MASTER <=\n.\nGrüße\n",
        date: Timestamp {
            seconds: 1_700_000_000,
            offset_minutes: 480,
        },
        message_id_part: "1700000000.4242",
        ehlo_name: "server.example.com",
    };
    let wire = notification.transaction(Some(&caps)).expect("a transaction").to_wire();
    // What the C program must print: the same bytes, which say what a notifier needs.
    assert!(wire.starts_with("EHLO server.example.com\r\nMAIL FROM:<keepalived@server.example.com>"));
    assert!(wire.contains("\r\nRCPT TO:<admin@example.com>\r\nRCPT TO:<noc@example.com>\r\nDATA\r\n"));
    assert!(wire.contains("\r\nFrom: =?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>\r\n"));
    assert!(wire.contains("\r\n..\r\nGrüße\r\n") && wire.ends_with("\r\n.\r\n"));
    notification.to = &[];
    let error = notification.transaction(None).expect_err("no recipients");
    let code = match error {
        mail_envelope::Error::Envelope(_) => "ME_ENVELOPE_ERROR",
        _ => "ME_SMTP_ERROR",
    };
    let expected = format!("{wire}no recipients: {code}: {error}\n");
    assert_eq!(compile_and_run("transaction"), expected);
}
