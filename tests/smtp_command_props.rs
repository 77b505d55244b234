//! Properties of the `MAIL FROM` / `RCPT TO` lines, the EHLO reply reader and xtext, over
//! hostile text: fragments that carry CR, LF, NUL, spaces, `=`, brackets, quotes, escapes, UTF-8
//! and whole injected commands.
//!
//! * Every line built through the public constructors (addresses, keywords, values, xtext,
//!   ORCPT and AUTH addresses) is at most 512 octets, ends in CRLF and holds no other CR, LF or
//!   NUL, and reads back (Strict) equal; building fails only for the length or a value without a
//!   wire form.
//! * Any line parses or fails without panicking, its error inside the line; a parsed line
//!   rebuilt reads back equal.
//!
//! The checks are the fuzz targets' own (`fuzz/src/smtp_command.rs`, compiled in here); this
//! file feeds them generated inputs and every saved input of `fuzz/regressions/`. Failing cases
//! are kept in `proptest-regressions/smtp_command_props.txt` and replayed first.

use std::borrow::Cow;
use std::fs;
use std::path::Path;

use mail_envelope::smtp::command::{MailFrom, RcptTo};
use mail_envelope::smtp::param::{AddrType, EsmtpKeyword, EsmtpParam, EsmtpValue};
use mail_envelope::smtp::xtext::XText;
use mail_envelope::{AddrSpec, ForwardPath, Mailbox, ReversePath};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::FileFailurePersistence;

// The fuzz targets' properties.
#[allow(unreachable_pub, dead_code)]
#[path = "../fuzz/src/smtp_command.rs"]
mod fuzz;

/// The default case count (256, or `PROPTEST_CASES`), with failures kept where they are committed.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/proptest-regressions/smtp_command_props.txt"
        )))),
        ..ProptestConfig::default()
    }
}

/// Fragments an attacker or a careless configuration puts into addresses and parameters.
const FRAGMENTS: &[&str] = &[
    "\r",
    "\n",
    "\r\n",
    "\0",
    " ",
    "  ",
    "\t",
    "\u{1}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "=",
    "<",
    ">",
    "<>",
    "@",
    "\"",
    "\\",
    ":",
    ";",
    ",",
    "+",
    ".",
    "[",
    "]",
    "(",
    ")",
    "-",
    "a",
    "Z",
    "0",
    "9",
    "é",
    "用户",
    "例子.广告",
    "xn--",
    "+2B",
    "+0D+0A",
    "\\x{41}",
    "\\x{7528}",
    "SIZE=1",
    "size",
    "BODY=8BITMIME",
    "NOTIFY=NEVER",
    "ORCPT=rfc822;",
    "AUTH=<>",
    "SMTPUTF8",
    "X-A",
    "\r\nRCPT TO:<evil@example.com>",
    "> SIZE=1",
    "\"@example.com",
    "MAIL FROM:",
    "RCPT TO:",
    "Postmaster",
    "example.com",
    "[IPv6:::1]",
    "[192.0.2.1]",
];

/// Hostile text: fragments run together, or any printable text.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => vec(select(FRAGMENTS), 0..12).prop_map(|parts| parts.concat()),
        1 => "\\PC{0,40}",
        1 => "[a-z0-9.-]{1,70}",
    ]
}

/// A text that parses as an address, when the hostile ones rarely do.
fn address() -> impl Strategy<Value = String> {
    prop_oneof![
        hostile(),
        ("[a-z]{1,10}", "[a-z]{1,10}").prop_map(|(l, d)| format!("{l}@{d}.example")),
        ("[a-z]{1,10}", hostile()).prop_map(|(l, name)| format!("\"{name}\" <{l}@example.com>")),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// Every MAIL FROM line built from hostile text is safe and reads back equal.
    #[test]
    fn built_mail_from_lines_are_safe(
        sender in address(),
        keyword in hostile(),
        value in hostile(),
        envid in hostile(),
        auth in address(),
    ) {
        let mailbox = Mailbox::parse(&sender);
        let path = match &mailbox {
            Ok(m) => m.to_reverse_path().ok(),
            Err(_) => Some(ReversePath::Null),
        };
        if let Some(mut mail) = path.and_then(|p| MailFrom::new(p).ok()) {
            if let (Ok(k), Ok(v)) = (EsmtpKeyword::new(keyword.as_str()), EsmtpValue::new(value.as_str())) {
                let _ = mail.push_param(EsmtpParam::Other { keyword: k, value: Some(v) });
            }
            let _ = mail.push_param(EsmtpParam::EnvId(XText::encode(&envid)));
            let _ = mail.push_param(EsmtpParam::Auth(Mailbox::parse(&auth).ok().map(Box::new)));
            if let Ok(line) = mail.to_line() {
                fuzz::check_line(&line);
                let again = MailFrom::parse(&line, mail_envelope::Strictness::Strict);
                prop_assert_eq!(again, Ok(mail.clone()), "{:?}", line);
            }
        }
    }

    /// Every RCPT TO line built from a hostile local part, domain and ORCPT is safe and reads
    /// back equal.
    #[test]
    fn built_rcpt_to_lines_are_safe(local in hostile(), domain in hostile(), orcpt in hostile(), utf8 in any::<bool>()) {
        let path = AddrSpec::new(&local, &domain).map_or(ForwardPath::Postmaster, ForwardPath::Path);
        if let Ok(mut rcpt) = RcptTo::new(path) {
            let addr_type = if utf8 { AddrType::UTF8 } else { AddrType::RFC822 };
            let _ = rcpt.push_param(EsmtpParam::Orcpt { addr_type, addr: Cow::Owned(orcpt) });
            if let Ok(line) = rcpt.to_line() {
                fuzz::check_line(&line);
                let again = RcptTo::parse(&line, mail_envelope::Strictness::Strict);
                prop_assert_eq!(again, Ok(rcpt.clone()), "{:?}", line);
            }
        }
    }

    /// Commands built from pieces of every parameter kind (the `roundtrip_command` target).
    #[test]
    fn built_commands_round_trip(pieces in vec(hostile(), 0..10), kinds in vec(any::<char>(), 0..10)) {
        let mut data = Vec::new();
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                data.push(0xFF);
            }
            if i >= 3 {
                let kind = kinds.get(i).copied().unwrap_or('a');
                data.extend(kind.to_string().as_bytes());
            }
            data.extend(piece.as_bytes());
        }
        fuzz::roundtrip_command(&data);
    }

    /// Any MAIL FROM / RCPT TO line parses or fails without panicking (the `command` target).
    #[test]
    fn hostile_lines_parse_or_fail(verb in select(&["MAIL FROM:", "RCPT TO:", "mail from: ", ""][..]), rest in hostile()) {
        fuzz::command(format!("{verb}{rest}").as_bytes());
    }

    /// Any EHLO reply parses or fails without panicking (the `ehlo` target).
    #[test]
    fn hostile_ehlo_replies_parse_or_fail(lines in vec((select(&["250-", "250 ", "220 ", "250"][..]), hostile()), 0..6)) {
        let reply: String = lines.iter().flat_map(|(code, text)| [*code, text.as_str(), "\r\n"]).collect();
        fuzz::ehlo(reply.as_bytes());
    }

    /// xtext and unitext round-trip any text (the `xtext` target).
    #[test]
    fn xtext_round_trips(text in hostile()) {
        fuzz::xtext(text.as_bytes());
    }
}

/// Every saved input of `fuzz/regressions/` keeps the four targets' properties.
#[test]
fn saved_inputs_keep_the_smtp_command_properties() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join("regressions");
    let mut count = 0;
    for entry in fs::read_dir(&dir).expect("the regressions directory is readable") {
        let path = entry.expect("an entry").path();
        if !path.is_file() {
            continue;
        }
        let data = fs::read(&path).expect("a saved input is readable");
        // The largest saved inputs (MiB of nesting) only matter to the address grammar.
        let data = &data[..data.len().min(1 << 16)];
        fuzz::command(data);
        fuzz::ehlo(data);
        fuzz::xtext(data);
        fuzz::roundtrip_command(data);
        count += 1;
    }
    assert!(count > 0, "no saved inputs in {}", dir.display());
}

/// The lines of RFC 3461 §9's examples read as the extension says and are written back the same.
#[test]
fn rfc_example_lines_round_trip() {
    for line in [
        "MAIL FROM:<Alice@Example.ORG> RET=HDRS ENVID=QQ314159\r\n",
        "RCPT TO:<Bob@Example.COM> NOTIFY=SUCCESS ORCPT=rfc822;Bob@Example.COM\r\n",
        "RCPT TO:<Dana@Ivory.EDU> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Dana@Ivory.EDU\r\n",
        "RCPT TO:<Fred@Bombs.AF.MIL> NOTIFY=NEVER\r\n",
        "MAIL FROM:<e=mc2@example.com> AUTH=e+3Dmc2@example.com\r\n",
        "MAIL FROM:<john+@example.org> AUTH=<>\r\n",
        "MAIL FROM:<ned@thor.innosoft.com> SIZE=500000\r\n",
        "MAIL FROM:<ned@ymir.claremont.edu> BODY=8BITMIME\r\n",
        "MAIL FROM:<ned@ymir.claremont.edu> BODY=BINARYMIME\r\n",
    ] {
        let written = if line.starts_with("MAIL") {
            MailFrom::parse(line, mail_envelope::Strictness::Strict).and_then(|m| m.to_line())
        } else {
            RcptTo::parse(line, mail_envelope::Strictness::Strict).and_then(|r| r.to_line())
        };
        assert_eq!(written.as_deref(), Ok(line));
    }
}
