//! The notification transaction: the exact bytes for the Keepalived configuration, and
//! properties every transaction has (CRLF only, lines of at most 998 octets, the final `.`).

use mail_envelope::message::{Notification, Timestamp, TransferEncoding};
use mail_envelope::smtp::capabilities::Capabilities;
use mail_envelope::smtp::SmtpErrorKind;
use mail_envelope::{Error, Strictness};
use proptest::prelude::*;

const POSTFIX_EHLO: &str =
    "250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n";

fn keepalived<'a>(to: &'a [&'a str], subject: &'a str, body: &'a str) -> Notification<'a> {
    Notification {
        from: "服务显示名称 <keepalived@server.example.com>",
        to,
        subject,
        body,
        date: Timestamp {
            seconds: 1_700_000_000,
            offset_minutes: 480,
        },
        message_id_part: "1700000000.4242",
        ehlo_name: "server.example.com",
    }
}

#[test]
fn keepalived_transcript_without_extensions() {
    let to = ["ops@example.com", "值班 <oncall@example.net>"];
    let tx = keepalived(&to, "VRRP 状态: MASTER", "line one\n.hidden\nGrüße\n")
        .transaction(None)
        .unwrap();
    let expected = "EHLO server.example.com\r\n\
        MAIL FROM:<keepalived@server.example.com>\r\n\
        RCPT TO:<ops@example.com>\r\n\
        RCPT TO:<oncall@example.net>\r\n\
        DATA\r\n\
        Date: Wed, 15 Nov 2023 06:13:20 +0800\r\n\
        From: =?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>\r\n\
        To: ops@example.com, =?utf-8?b?5YC854+t?= <oncall@example.net>\r\n\
        Subject: =?utf-8?b?VlJSUCDnirbmgIE6IE1BU1RFUg==?=\r\n\
        Message-ID: <1700000000.4242@server.example.com>\r\n\
        MIME-Version: 1.0\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\
        \r\n\
        line one\r\n\
        ..hidden\r\n\
        Gr=C3=BC=C3=9Fe\r\n\
        .\r\n";
    assert_eq!(tx.to_wire(), expected);
    assert_eq!(tx.batches.len(), 5);
    assert!(!tx.smtputf8);
    assert_eq!(tx.transfer_encoding, TransferEncoding::QuotedPrintable);
}

#[test]
fn keepalived_with_postfix_capabilities() {
    let caps = Capabilities::parse(POSTFIX_EHLO, Strictness::Strict).unwrap();
    let to = ["ops@example.com", "值班 <oncall@example.net>"];
    let tx = keepalived(&to, "VRRP 状态", "Grüße\n")
        .transaction(Some(&caps))
        .unwrap();
    let size = tx.data.len() - 3; // without the final ".\r\n"; nothing needed stuffing
    assert_eq!(
        tx.batches,
        [
            vec!["EHLO server.example.com".to_string()],
            vec![
                format!("MAIL FROM:<keepalived@server.example.com> SIZE={size} BODY=8BITMIME"),
                "RCPT TO:<ops@example.com>".to_string(),
                "RCPT TO:<oncall@example.net>".to_string(),
                "DATA".to_string(),
            ]
        ]
    );
    assert_eq!(tx.transfer_encoding, TransferEncoding::EightBit);
    assert!(tx
        .data
        .contains("\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n.\r\n"));
    // ASCII paths: no SMTPUTF8, so the header stays ASCII.
    assert!(tx.data.contains("Subject: =?utf-8?b?VlJSUCDnirbmgIE=?=\r\n"));
}

#[test]
fn utf8_paths_use_smtputf8_and_utf8_headers() {
    let caps = Capabilities::parse(POSTFIX_EHLO, Strictness::Strict).unwrap();
    let note = Notification {
        from: "服务 <服务@例子.广告>",
        ..keepalived(&["jane@example.com"], "状态", "ok\n")
    };
    let tx = note.transaction(Some(&caps)).unwrap();
    assert!(tx.smtputf8);
    assert!(tx.batches[1][0].starts_with("MAIL FROM:<服务@例子.广告> SIZE="));
    assert!(tx.batches[1][0].ends_with(" SMTPUTF8"));
    assert!(tx
        .data
        .contains("\r\nFrom: 服务 <服务@例子.广告>\r\nTo: jane@example.com\r\nSubject: 状态\r\n"));
    // The Message-ID's domain is the A-label form.
    assert!(
        tx.data
            .contains("Message-ID: <1700000000.4242@xn--fsqu00a.xn--4rr70v>\r\n"),
        "{}",
        tx.data
    );
}

#[test]
fn idn_domain_goes_out_as_a_labels_without_smtputf8() {
    let note = Notification {
        from: "Jörg <joerg@bücher.example>",
        ..keepalived(&["ops@bücher.example"], "s", "")
    };
    let tx = note.transaction(None).unwrap();
    assert_eq!(tx.commands[1], "MAIL FROM:<joerg@xn--bcher-kva.example>");
    assert_eq!(tx.commands[2], "RCPT TO:<ops@xn--bcher-kva.example>");
    assert!(tx
        .data
        .contains("From: =?utf-8?b?SsO2cmc=?= <joerg@xn--bcher-kva.example>\r\n"));
}

#[test]
fn to_is_folded() {
    let to: Vec<String> = (0..12)
        .map(|i| format!("Recipient Number {i} <recipient{i}@example.com>"))
        .collect();
    let to: Vec<&str> = to.iter().map(String::as_str).collect();
    let tx = keepalived(&to, "s", "b").transaction(None).unwrap();
    let header = tx.data.split("\r\n\r\n").next().unwrap();
    let to_field: Vec<&str> = header
        .split("\r\n")
        .skip_while(|l| !l.starts_with("To:"))
        .take_while(|l| !l.starts_with("Subject:"))
        .collect();
    assert!(to_field.len() > 3, "{header}");
    assert!(to_field.iter().all(|l| l.len() <= 78));
    assert!(to_field[1..].iter().all(|l| l.starts_with(' ')));
    assert_eq!(tx.commands.len(), 12 + 3);
}

#[test]
fn errors() {
    let kind = |e: Error| match e {
        Error::Smtp(e) => Some(e.kind()),
        _ => None,
    };
    let base = keepalived(&["a@example.com"], "s", "b");
    assert_eq!(
        kind(Notification { to: &[], ..base }.transaction(None).unwrap_err()),
        Some(SmtpErrorKind::NoRecipients)
    );
    assert_eq!(
        kind(
            Notification {
                subject: "a\r\nBcc: x@example.com",
                ..base
            }
            .transaction(None)
            .unwrap_err()
        ),
        Some(SmtpErrorKind::HeaderControl)
    );
    assert_eq!(
        kind(
            Notification {
                message_id_part: "a b",
                ..base
            }
            .transaction(None)
            .unwrap_err()
        ),
        Some(SmtpErrorKind::InvalidMessageIdPart)
    );
    assert_eq!(
        kind(
            Notification {
                ehlo_name: "bad name",
                ..base
            }
            .transaction(None)
            .unwrap_err()
        ),
        Some(SmtpErrorKind::InvalidEhloName)
    );
    assert!(matches!(
        Notification {
            from: "Name <a@b",
            ..base
        }
        .transaction(None),
        Err(Error::Parse(_))
    ));
    let tiny = Capabilities::parse("250-mx\r\n250 SIZE 100\r\n", Strictness::Strict).unwrap();
    assert_eq!(
        kind(base.transaction(Some(&tiny)).unwrap_err()),
        Some(SmtpErrorKind::MessageTooLarge)
    );
}

proptest! {
    #[test]
    fn every_transaction_is_well_formed(
        subject in "\\PC{0,200}",
        body in "(\\PC{0,50}|\r|\n|\r\n|\\.|[\\x00-\\x20]){0,60}",
        long in 0usize..1500,
        offers in 0u8..4,
    ) {
        let body = [body.as_str(), &"x".repeat(long)].concat();
        let ehlo = match offers {
            0 => None,
            1 => Some("250-mx\r\n250-PIPELINING\r\n250 8BITMIME\r\n"),
            2 => Some(POSTFIX_EHLO),
            _ => Some("250 mx\r\n"),
        };
        let caps = ehlo.map(|e| Capabilities::parse(e, Strictness::Strict).unwrap());
        let to = ["a@example.com"];
        let note = keepalived(&to, &subject, &body);
        match note.transaction(caps.as_ref()) {
            Ok(tx) => {
                let wire = tx.to_wire();
                prop_assert!(wire.ends_with("\r\n.\r\n"));
                let bytes = wire.as_bytes();
                for (i, &b) in bytes.iter().enumerate() {
                    if b == b'\r' { prop_assert_eq!(bytes.get(i + 1), Some(&b'\n')); }
                    if b == b'\n' { prop_assert_eq!(bytes.get(i.wrapping_sub(1)), Some(&b'\r')); }
                    prop_assert!(b != 0);
                }
                for line in tx.data.split("\r\n") {
                    // A dot-stuffed line may carry one more octet than the message's line.
                    let unstuffed = if line.starts_with("..") { &line[1..] } else { line };
                    prop_assert!(unstuffed.len() <= 998);
                }
                prop_assert!(!tx.data.contains("\r\n.\r\n") || tx.data.ends_with("\r\n.\r\n") && tx.data.matches("\r\n.\r\n").count() == 1);
                if tx.transfer_encoding != TransferEncoding::EightBit {
                    let body_part = tx.data.split("\r\n\r\n").nth(1).unwrap_or("");
                    prop_assert!(body_part.is_ascii());
                }
            }
            Err(e) => prop_assert!(subject.chars().any(char::is_control), "{e}"),
        }
    }
}
