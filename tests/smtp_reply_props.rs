//! Property tests of the SMTP replies, pipelining batches and XCLIENT / XFORWARD lines:
//!
//! * whatever hostile text is fed to the public constructors of XCLIENT and XFORWARD values
//!   (CR, LF, NUL, spaces, `=`, `+`, the special values, any Unicode), every line built is at
//!   most 512 octets, ends in CRLF and holds no other CR, LF or NUL, and reads back as the same
//!   attributes;
//! * replies built from their parts render to bytes that read back equal, and every prefix of
//!   those bytes is incomplete, needing no more than what is left;
//! * any bytes read as a reply or an XCLIENT line never panic;
//! * batches partition the commands in order, and only a batch's last command ends it.
//!
//! The input-driven checks are the `reply` and `xclient` fuzz targets' own
//! (`fuzz/src/smtp_reply.rs`, compiled in here); this file feeds them generated inputs and replays
//! the saved inputs of `fuzz/regressions/` through them. Failing cases are kept in
//! `proptest-regressions/smtp_reply_props.txt` and replayed first.

use std::fs;
use std::path::Path;

use mail_envelope::smtp::enhanced::EnhancedCode;
use mail_envelope::smtp::pipeline::{ends_batch, waits_for_greeting, Pipeline};
use mail_envelope::smtp::reply::Reply;
use mail_envelope::smtp::xclient::{
    AttributeText, ClientName, Hostname, Value, XClient, XClientAttribute, XForward, XForwardAttribute,
};
use mail_envelope::smtp::Status;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::FileFailurePersistence;

// The fuzz targets' properties; each test here uses some of them.
#[allow(unreachable_pub, dead_code)]
#[path = "../fuzz/src/smtp_reply.rs"]
mod fuzz_properties;

/// The default case count (256, or `PROPTEST_CASES`), with failures kept where they are committed.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/proptest-regressions/smtp_reply_props.txt"
        )))),
        ..ProptestConfig::default()
    }
}

// ----- strategies -----

/// Text built to break a line: CR, LF, NUL, spaces, xtext's specials, the special values, long
/// runs, and any character.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        select(vec![
            "\r",
            "\n",
            "\r\n",
            "\0",
            " ",
            "\t",
            "=",
            "+",
            "+0D",
            "[UNAVAILABLE]",
            "[tempunavail]",
            "IPV6:",
            "::1",
            "192.0.2.1",
            "mx.example",
            "-",
            ".",
            "_",
            "é",
            "服",
            "\u{7f}",
            "\u{85}",
            "RCPT TO:<x@y>",
        ])
        .prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
        "[a-z0-9.-]{1,70}",
        (1usize..300).prop_map(|n| "x".repeat(n)),
    ];
    vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

const NAMES: [&str; 11] = [
    "NAME", "addr", "Port", "PROTO", "HELO", "LOGIN", "DESTADDR", "DESTPORT", "IDENT", "SOURCE", "BOGUS",
];

/// XCLIENT attributes from hostile text through every public constructor; what they refuse is
/// dropped, and so is an attribute already given.
fn xclient_attributes(raw: &[(usize, String)]) -> Vec<XClientAttribute> {
    let mut attributes: Vec<XClientAttribute> = Vec::new();
    for (choice, text) in raw {
        let attribute = match choice % 4 {
            0 => Hostname::new(text)
                .ok()
                .map(|h| XClientAttribute::Name(ClientName::Known(h))),
            1 => AttributeText::new(text)
                .ok()
                .map(|t| XClientAttribute::Helo(Value::Known(t))),
            2 => AttributeText::new(text)
                .ok()
                .map(|t| XClientAttribute::Login(Value::Known(t))),
            _ => XClientAttribute::from_name_value(NAMES[choice / 4 % NAMES.len()], text).ok(),
        };
        if let Some(attribute) = attribute.filter(|a| attributes.iter().all(|b| b.name() != a.name())) {
            attributes.push(attribute);
        }
    }
    attributes
}

/// XFORWARD attributes, as [`xclient_attributes`] makes XCLIENT's.
fn xforward_attributes(raw: &[(usize, String)]) -> Vec<XForwardAttribute> {
    let mut attributes: Vec<XForwardAttribute> = Vec::new();
    for (choice, text) in raw {
        let attribute = match choice % 4 {
            0 => Hostname::new(text)
                .ok()
                .map(|h| XForwardAttribute::Name(Value::Known(h))),
            1 => AttributeText::new(text)
                .ok()
                .map(|t| XForwardAttribute::Ident(Value::Known(t))),
            2 => AttributeText::new(text)
                .ok()
                .map(|t| XForwardAttribute::Helo(Value::Known(t))),
            _ => XForwardAttribute::from_name_value(NAMES[choice / 4 % NAMES.len()], text).ok(),
        };
        if let Some(attribute) = attribute.filter(|a| attributes.iter().all(|b| b.name() != a.name())) {
            attributes.push(attribute);
        }
    }
    attributes
}

/// A raw attribute: which constructor, and hostile text, or text long enough that two or three
/// together need more than one line (a HELO or LOGIN value, a hostname of long labels).
fn raw_attribute() -> impl Strategy<Value = (usize, String)> {
    prop_oneof![
        2 => (0usize..64, hostile_text()),
        2 => (select(vec![1usize, 2]), "[a-zA-Z0-9.]{200,250}"),
        1 => (Just(0usize), "[a-z]{55,63}(\\.[a-z]{55,63}){1,3}"),
    ]
}

/// Reply text: printable ASCII, HT, and some UTF-8, with spaces anywhere.
fn reply_text() -> impl Strategy<Value = String> {
    "[ -~\t]{0,40}( [é服]{1,3})?|[0-9. ]{0,12}"
}

/// A reply code of RFC 5321's grammar.
fn reply_code() -> impl Strategy<Value = u16> {
    (2u16..=5, 0u16..=5, 0u16..=9).prop_map(|(a, b, c)| a * 100 + b * 10 + c)
}

/// A command: a verb of any kind in any case, and maybe an argument.
fn command() -> impl Strategy<Value = String> {
    let verbs = select(vec![
        "MAIL", "rcpt", "RSET", "send", "SOML", "SAML", "BDAT", "EHLO", "helo", "DATA", "VRFY", "EXPN", "TURN", "QUIT",
        "NOOP", "STARTTLS", "AUTH", "xclient", "XFORWARD", "ETRN", "X-OTHER",
    ]);
    (verbs, "( [A-Za-z0-9:<>@.=]{1,12}){0,2}", any::<bool>())
        .prop_map(|(verb, args, last)| format!("{verb}{args}{}", if last { " LAST" } else { "" }))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn xclient_lines_are_bounded_whatever_text_the_constructors_get(
        raw in vec(raw_attribute(), 0..12),
    ) {
        let attributes = xclient_attributes(&raw);
        if let Ok(xclient) = XClient::new(attributes.clone()) {
            let lines = xclient.to_lines();
            fuzz_properties::check_lines(&lines);
            let mut read: Vec<XClientAttribute> = lines.iter().flat_map(|l| XClient::parse(l).unwrap().attributes().to_vec()).collect();
            let mut given = attributes;
            read.sort_by_key(XClientAttribute::name);
            given.sort_by_key(XClientAttribute::name);
            prop_assert_eq!(read, given);
            if lines.len() > 1 {
                // NAME and ADDR only in the last line.
                for line in &lines[..lines.len() - 1] {
                    prop_assert!(!line.contains(" NAME=") && !line.contains(" ADDR="), "{:?}", lines);
                }
            }
        } else {
            prop_assert!(attributes.is_empty());
        }
    }

    #[test]
    fn xforward_lines_are_bounded_whatever_text_the_constructors_get(
        raw in vec(raw_attribute(), 0..12),
    ) {
        let attributes = xforward_attributes(&raw);
        if let Ok(xforward) = XForward::new(attributes.clone()) {
            let lines = xforward.to_lines();
            fuzz_properties::check_lines(&lines);
            let read: Vec<XForwardAttribute> = lines.iter().flat_map(|l| XForward::parse(l).unwrap().attributes().to_vec()).collect();
            prop_assert_eq!(read, attributes);
        }
    }

    #[test]
    fn built_replies_read_back_equal_and_their_prefixes_are_incomplete(
        code in reply_code(),
        enhanced in proptest::option::of((0u16..=999, 0u16..=999)),
        lines in vec(reply_text(), 1..5),
    ) {
        let class = u8::try_from(code / 100).unwrap();
        let enhanced = if class == 3 { None } else { enhanced.map(|(s, d)| EnhancedCode::new(class, s, d).unwrap()) };
        let Ok(reply) = Reply::new(code, enhanced, lines.iter().map(String::as_str)) else {
            // Refused only for a first line that would read back as the enhanced code.
            prop_assert!(enhanced.is_none() && lines[0].starts_with(char::is_numeric));
            return Ok(());
        };
        let wire = reply.to_string();
        prop_assert_eq!(Reply::parse(wire.as_bytes()).unwrap(), Status::Complete(reply.clone()));
        prop_assert_eq!(reply.lines().len(), lines.len());
        fuzz_properties::reply(wire.as_bytes());
        for cut in 0..wire.len() {
            match Reply::parse(&wire.as_bytes()[..cut]) {
                Ok(Status::Incomplete { needed }) => prop_assert!((1..=wire.len() - cut).contains(&needed)),
                other => prop_assert!(false, "prefix {} of {:?}: {:?}", cut, wire, other),
            }
        }
    }

    #[test]
    fn any_bytes_read_as_a_reply_or_xclient_line_never_panic(data in vec(any::<u8>(), 0..600)) {
        fuzz_properties::reply(&data);
        fuzz_properties::xclient(&data);
    }

    #[test]
    fn reply_shaped_bytes_keep_the_reply_properties(
        lines in vec((reply_code(), select(vec!["-", " ", ""]), "[ -~]{0,20}", select(vec!["\r\n", "\n", "\r", ""])), 1..5),
    ) {
        let mut data = String::new();
        for (code, sep, text, end) in &lines {
            data.push_str(&code.to_string());
            data.push_str(sep);
            data.push_str(text);
            data.push_str(end);
        }
        fuzz_properties::reply(data.as_bytes());
    }

    #[test]
    fn batches_partition_the_commands_and_only_the_last_ends_one(
        commands in vec(command(), 0..20),
        pipelining in any::<bool>(),
    ) {
        let refs: Vec<&str> = commands.iter().map(String::as_str).collect();
        let pipeline = Pipeline::plan(&refs, pipelining).unwrap();
        let flat: Vec<&str> = pipeline.batches().iter().flat_map(|b| b.commands().to_vec()).collect();
        prop_assert_eq!(&flat, &refs);
        let count = pipeline.batches().len();
        for (i, batch) in pipeline.batches().iter().enumerate() {
            let (last, rest) = batch.commands().split_last().unwrap();
            prop_assert!(!pipelining || rest.iter().all(|c| !ends_batch(c)));
            prop_assert!(pipelining || rest.is_empty());
            prop_assert!(i + 1 == count || !pipelining || ends_batch(last));
            prop_assert_eq!(batch.waits_for_greeting(), (!pipelining || ends_batch(last)) && waits_for_greeting(last));
        }
        let waits: Vec<usize> = (0..count).filter(|&i| pipeline.batches()[i].waits_for_greeting()).collect();
        prop_assert_eq!(pipeline.wait_for_greeting_after(), waits);
    }
}

/// The saved inputs of `fuzz/regressions/` hold for the reply and XCLIENT properties too.
#[test]
fn saved_fuzz_inputs_keep_the_reply_and_xclient_properties() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join("regressions");
    let mut count = 0;
    for entry in fs::read_dir(&dir).expect("the regressions directory") {
        let path = entry.expect("an entry").path();
        if path.is_file() {
            let data = fs::read(&path).expect("a saved input");
            fuzz_properties::reply(&data);
            fuzz_properties::xclient(&data);
            count += 1;
        }
    }
    assert!(count > 0, "no saved inputs in {}", dir.display());
}

/// The reply the fuzzer found that lost a line's leading space on the way back.
#[test]
fn issue_fuzz_a_line_of_spaces_without_the_enhanced_code_reads_back() {
    let data = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/reply_line_of_spaces_without_the_enhanced_code"),
    )
    .expect("the saved input");
    fuzz_properties::reply(&data);
    let Ok(Status::Complete((reply, _))) = Reply::parse_prefix(&data) else {
        panic!("a reply")
    };
    assert_eq!(reply.lines()[1], " ");
}
