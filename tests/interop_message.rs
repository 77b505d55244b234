//! The notification transaction of `mail_envelope::message`, and a lettre message built from
//! this crate's parse, against a real Postfix over TCP: accepted, queued, and the queued
//! message's `From:` decodes to the display name and address that were configured.
//!
//! `bash tests/interop/postfix.sh run -- cargo test --all-features --test interop_message -- --nocapture`
//! starts the server and gives its port in `MAIL_ENVELOPE_POSTFIX_PORT` and its configuration
//! directory in `MAIL_ENVELOPE_POSTFIX_CONFIG` (queued messages are read with `postcat`).
//! The conventions are those of `tests/interop.rs`: without the port every test says loudly that
//! it was skipped; with it a server that does not answer fails the test; each test that ran to
//! its end appends its name to the file `MAIL_ENVELOPE_INTEROP_RAN` names. Every session prints
//! its transcript (`C:` client, `S:` server) on standard error.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::time::Duration;

use mail_envelope::message::{Notification, Timestamp, Transaction};
use mail_envelope::smtp::capabilities::Capabilities;
use mail_envelope::Strictness;

#[path = "common/interop.rs"]
mod interop_env;
use interop_env::{ran, server_port, PORT_VAR};

const CONFIG_VAR: &str = "MAIL_ENVELOPE_POSTFIX_CONFIG";
const TIMEOUT: Duration = Duration::from_secs(10);

/// One reply: its code and its lines as the server wrote them (without CRLF).
#[derive(Debug)]
struct Reply {
    code: u16,
    raw: Vec<String>,
}

impl Reply {
    fn first_line(&self) -> &str {
        self.raw.first().map_or("", String::as_str)
    }

    /// The reply as one string with CRLF line ends, as `Capabilities::parse` reads it.
    fn text(&self) -> String {
        self.raw.iter().flat_map(|l| [l.as_str(), "\r\n"]).collect()
    }
}

/// A connection that keeps a transcript and prints it when it ends.
struct Session {
    name: String,
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    transcript: Vec<String>,
}

impl Session {
    fn open(port: u16, name: &str) -> Session {
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let stream = TcpStream::connect_timeout(&address, TIMEOUT)
            .unwrap_or_else(|err| panic!("{PORT_VAR}={port} is set, but no server answers on {address}: {err}"));
        stream.set_read_timeout(Some(TIMEOUT)).expect("read timeout");
        stream.set_write_timeout(Some(TIMEOUT)).expect("write timeout");
        let writer = stream.try_clone().expect("a second handle on the socket");
        let mut session = Session {
            name: name.to_owned(),
            reader: BufReader::new(stream),
            writer,
            transcript: Vec::new(),
        };
        let greeting = session.reply();
        assert_eq!(greeting.code, 220, "greeting: {}", greeting.first_line());
        session
    }

    /// Writes `text` in one write, logging each of its lines.
    fn write(&mut self, text: &str) {
        for line in text.split_inclusive("\r\n") {
            let line = line
                .strip_suffix("\r\n")
                .unwrap_or_else(|| panic!("{line:?} does not end in CRLF"));
            assert!(!line.contains(['\r', '\n']), "a bare CR or LF in {line:?}");
            self.transcript.push(format!("C: {line}"));
        }
        self.writer.write_all(text.as_bytes()).expect("writing to the server");
    }

    fn reply(&mut self) -> Reply {
        let mut raw = Vec::new();
        loop {
            let mut bytes = Vec::new();
            let n = self.reader.read_until(b'\n', &mut bytes).expect("reading a reply line");
            assert!(n > 0, "the server closed the connection: {raw:?}");
            let line = String::from_utf8_lossy(&bytes).into_owned();
            let line = line
                .strip_suffix("\r\n")
                .unwrap_or_else(|| panic!("{line:?} does not end in CRLF"))
                .to_owned();
            self.transcript.push(format!("S: {line}"));
            let last = line.as_bytes().get(3) != Some(&b'-');
            raw.push(line);
            if last {
                let code = raw[0].get(..3).and_then(|c| c.parse().ok()).expect("a reply code");
                return Reply { code, raw };
            }
        }
    }

    /// Sends the transaction: its EHLO has been sent; each further batch, one reply per
    /// command, then the data; returns the reply to the data.
    fn send(&mut self, tx: &Transaction) -> Reply {
        for batch in &tx.batches[1..] {
            let text: String = batch.iter().flat_map(|c| [c.as_str(), "\r\n"]).collect();
            self.write(&text);
            for command in batch {
                let reply = self.reply();
                let expected = if command == "DATA" { 354 } else { 250 };
                assert_eq!(reply.code, expected, "{command}: {}", reply.first_line());
            }
        }
        self.write(&tx.data);
        self.reply()
    }

    fn quit(&mut self) {
        self.write("QUIT\r\n");
        assert_eq!(self.reply().first_line(), "221 2.0.0 Bye");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        eprintln!(
            "---- transcript: {} ----\n{}\n---- end of {} ----",
            self.name,
            self.transcript.join("\n"),
            self.name
        );
    }
}

/// The queue id in `250 2.0.0 Ok: queued as ID`.
fn queue_id(reply: &Reply) -> String {
    let line = reply.first_line();
    let id = line
        .strip_prefix("250 2.0.0 Ok: queued as ")
        .unwrap_or_else(|| panic!("not queued: {line}"));
    id.trim().to_owned()
}

/// The queued message's content (header and body), read with `postcat`.
fn queued_message(id: &str) -> String {
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
    let text = String::from_utf8(out.stdout).expect("postcat prints UTF-8 here");
    let content: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("*** MESSAGE CONTENTS"))
        .skip(1)
        .take_while(|l| !l.starts_with("*** "))
        .collect();
    assert!(!content.is_empty(), "no message contents in postcat's output:\n{text}");
    content.join("\n") + "\n"
}

/// The display name and address of the queued message's `From:`, decoded by mailparse.
fn queued_from(id: &str) -> (Option<String>, String) {
    let content = queued_message(id);
    let parsed = mailparse::parse_mail(content.as_bytes()).expect("the queued message parses");
    let header = parsed
        .headers
        .iter()
        .find(|h| h.get_key().eq_ignore_ascii_case("From"))
        .expect("a From: field");
    let list = mailparse::addrparse_header(header).expect("From: parses");
    match list.first() {
        Some(mailparse::MailAddr::Single(info)) => (info.display_name.clone(), info.addr.clone()),
        other => panic!("From: is not one mailbox: {other:?}"),
    }
}

/// EHLO, and the capabilities the reply gives; `drop` removes a keyword from what the
/// transaction is planned against.
fn ehlo(smtp: &mut Session, tx_ehlo: &str, drop: Option<&str>) -> Capabilities<'static> {
    smtp.write(&format!("{tx_ehlo}\r\n"));
    let reply = smtp.reply();
    assert_eq!(reply.code, 250, "{}", reply.first_line());
    let text: String = reply
        .text()
        .split_inclusive("\r\n")
        .filter(|l| drop.is_none_or(|d| l.get(4..).is_none_or(|k| !k.trim_end().eq_ignore_ascii_case(d))))
        .collect();
    // The last line must stay `250 `: drop only keywords from the middle of the reply.
    assert!(text.lines().last().is_some_and(|l| l.starts_with("250 ")), "{text}");
    Capabilities::parse(&text, Strictness::Standard)
        .expect("Postfix's EHLO reply parses")
        .into_owned()
}

fn keepalived<'a>(from: &'a str, to: &'a [&'a str]) -> Notification<'a> {
    Notification {
        from,
        to,
        subject: "[LVS_DEVEL] VRRP_Instance(VI_1) 进入 MASTER 状态",
        body: "=> VRRP Instance is now owning VRRP VIPs <=\n.\nGrüße\n",
        date: Timestamp {
            seconds: 1_700_000_000,
            offset_minutes: 480,
        },
        message_id_part: "1700000000.4242",
        ehlo_name: "server.example.com",
    }
}

#[test]
fn keepalived_notification_is_queued_and_from_decodes() {
    const TEST: &str = "keepalived_notification_is_queued_and_from_decodes";
    let Some(port) = server_port(TEST) else { return };
    let to = ["ops@example.com", "值班 <oncall@example.com>"];
    let note = keepalived("服务显示名称 <keepalived@server.example.com>", &to);
    let mut smtp = Session::open(port, "Keepalived notification");
    let caps = ehlo(&mut smtp, "EHLO server.example.com", None);
    assert!(caps.pipelining() && caps.eight_bit_mime() && caps.smtputf8());
    let tx = note.transaction(Some(&caps)).expect("the transaction builds");
    assert_eq!(tx.batches[0], ["EHLO server.example.com"]);
    assert!(!tx.smtputf8);
    let queued = smtp.send(&tx);
    let id = queue_id(&queued);
    smtp.quit();
    let (name, addr) = queued_from(&id);
    assert_eq!(name.as_deref(), Some("服务显示名称"));
    assert_eq!(addr, "keepalived@server.example.com");
    let content = queued_message(&id);
    assert!(
        content.contains("\n.\n"),
        "the dot-stuffed line is a lone dot again:\n{content}"
    );
    ran(TEST);
}

#[test]
fn smtputf8_notification_is_accepted_when_offered() {
    const TEST: &str = "smtputf8_notification_is_accepted_when_offered";
    let Some(port) = server_port(TEST) else { return };
    let to = ["收件人@例子.广告"];
    let note = Notification {
        ehlo_name: "client.example",
        ..keepalived("服务 <服务@例子.广告>", &to)
    };
    let mut smtp = Session::open(port, "SMTPUTF8 notification");
    let caps = ehlo(&mut smtp, "EHLO client.example", None);
    let tx = note.transaction(Some(&caps)).expect("the transaction builds");
    assert!(tx.smtputf8);
    assert!(tx.batches[1][0].starts_with("MAIL FROM:<服务@例子.广告> ") && tx.batches[1][0].ends_with(" SMTPUTF8"));
    let id = queue_id(&smtp.send(&tx));
    smtp.quit();
    let (name, addr) = queued_from(&id);
    assert_eq!((name.as_deref(), addr.as_str()), (Some("服务"), "服务@例子.广告"));
    ran(TEST);
}

#[test]
fn idn_domain_goes_out_as_a_labels_without_smtputf8() {
    const TEST: &str = "idn_domain_goes_out_as_a_labels_without_smtputf8";
    let Some(port) = server_port(TEST) else { return };
    let to = ["ops@例子.广告"];
    let note = Notification {
        ehlo_name: "client.example",
        ..keepalived("Jörg <joerg@例子.广告>", &to)
    };
    let mut smtp = Session::open(port, "IDN as A-labels");
    // Planned as for a server that does not offer SMTPUTF8.
    let caps = ehlo(&mut smtp, "EHLO client.example", Some("SMTPUTF8"));
    assert!(!caps.smtputf8());
    let tx = note.transaction(Some(&caps)).expect("the transaction builds");
    assert!(!tx.smtputf8);
    assert!(
        tx.batches[1][0].starts_with("MAIL FROM:<joerg@xn--fsqu00a.xn--4rr70v>"),
        "{:?}",
        tx.batches
    );
    assert_eq!(tx.batches[1][1], "RCPT TO:<ops@xn--fsqu00a.xn--4rr70v>");
    assert!(tx
        .data
        .contains("\r\nFrom: =?utf-8?b?SsO2cmc=?= <joerg@xn--fsqu00a.xn--4rr70v>\r\n"));
    let id = queue_id(&smtp.send(&tx));
    smtp.quit();
    let (name, addr) = queued_from(&id);
    assert_eq!(
        (name.as_deref(), addr.as_str()),
        (Some("Jörg"), "joerg@xn--fsqu00a.xn--4rr70v")
    );
    ran(TEST);
}

#[cfg(feature = "lettre")]
#[test]
fn lettre_delivers_a_message_built_from_this_crates_parse() {
    use lettre::Transport as _;
    const TEST: &str = "lettre_delivers_a_message_built_from_this_crates_parse";
    let Some(port) = server_port(TEST) else { return };
    // What lettre's own parser does not read: a comment and an encoded word.
    let from =
        mail_envelope::Mailbox::parse("=?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= (VRRP) <keepalived@server.example.com>")
            .expect("the crate parses it");
    assert!(
        !"=?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= (VRRP) <keepalived@server.example.com>"
            .parse::<lettre::message::Mailbox>()
            .is_ok_and(|m| m.name.as_deref() == Some("服务显示名称"))
    );
    let to = mail_envelope::Mailbox::parse("Ops Team <ops@example.com>").expect("a mailbox");
    let message = lettre::Message::builder()
        .from(lettre::message::Mailbox::try_from(&from).expect("lettre holds it"))
        .to(lettre::message::Mailbox::try_from(&to).expect("lettre holds it"))
        .subject("VRRP_Instance(VI_1) Entering MASTER state")
        .body("=> VRRP Instance is now owning VRRP VIPs <=\n".to_owned())
        .expect("lettre builds the message");
    let transport = lettre::SmtpTransport::builder_dangerous("127.0.0.1")
        .port(port)
        .timeout(Some(TIMEOUT))
        .build();
    let response = transport
        .send(&message)
        .unwrap_or_else(|e| panic!("lettre could not send to {port}: {e}"));
    let text: Vec<&str> = response.message().collect();
    eprintln!("---- lettre: {} {} ----", response.code(), text.join(" / "));
    let id = text
        .first()
        .and_then(|t| t.strip_prefix("2.0.0 Ok: queued as "))
        .expect("queued")
        .trim()
        .to_owned();
    let (name, addr) = queued_from(&id);
    assert_eq!(
        (name.as_deref(), addr.as_str()),
        (Some("服务显示名称"), "keepalived@server.example.com")
    );
    ran(TEST);
}
