//! Interoperability with a real Postfix, over TCP: what the crate builds is what a real server
//! accepts, and the mistakes it exists to prevent are refused by that server with the exact reply
//! codes quoted in the docs.
//!
//! `bash tests/interop/postfix.sh run -- cargo test --all-features --test interop -- --nocapture`
//! starts a Postfix of its own on 127.0.0.1 (its settings are in that script: SMTPUTF8 on,
//! `strict_rfc821_envelopes`, XCLIENT allowed from loopback, `smtpd_forbid_unauth_pipelining`)
//! and gives its port in `MAIL_ENVELOPE_POSTFIX_PORT`.
//!
//! * Without that variable every test says loudly that it was skipped, and passes.
//! * With it, a server that does not answer fails the test.
//! * When `MAIL_ENVELOPE_INTEROP_RAN` names a file, each test that ran against the server to its
//!   end appends its name to it, so CI can tell that every test ran.
//!
//! Every session prints its transcript (`C:` client, `S:` server) on standard error.

use std::io::{BufRead, BufReader, ErrorKind as IoErrorKind, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use mail_envelope::smtp::command::{MailFrom, RcptTo};
use mail_envelope::smtp::param::EsmtpParam;
use mail_envelope::smtp::pipeline::Pipeline;
use mail_envelope::{ForwardPath, Mailbox, RenderOptions, ReversePath};

#[path = "common/interop.rs"]
mod interop_env;
use interop_env::{ran, server_port, PORT_VAR};

/// How long a connection attempt, a write or the wait for a reply line may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// One SMTP reply: its code and the text of each line (after `NNN-` or `NNN `).
#[derive(Debug)]
struct Reply {
    code: u16,
    lines: Vec<String>,
}

impl Reply {
    /// The first line as the server wrote it, without its CRLF: `501 5.1.7 Bad sender …`.
    fn first_line(&self) -> String {
        match self.lines.first() {
            Some(text) if !text.is_empty() => format!("{} {text}", self.code),
            _ => self.code.to_string(),
        }
    }

    /// The RFC 3463 enhanced status code that starts the first line, when there is one.
    fn enhanced(&self) -> Option<&str> {
        let word = self.lines.first()?.split(' ').next()?;
        let parts: Vec<&str> = word.split('.').collect();
        let numeric = parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
        (numeric && parts[0] == (self.code / 100).to_string()).then_some(word)
    }

    /// The EHLO keywords: the first word of every line after the first, upper case.
    fn ehlo_keywords(&self) -> Vec<String> {
        self.lines
            .iter()
            .skip(1)
            .filter_map(|line| line.split(' ').next())
            .map(str::to_ascii_uppercase)
            .collect()
    }
}

/// A connection to the server that keeps a transcript and prints it when it ends.
struct Session {
    name: String,
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    transcript: Vec<String>,
}

impl Session {
    /// Connects and reads the greeting, which must be a 220.
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

    /// Writes the given command lines, each ending in CRLF, in one write: one RFC 2920 batch.
    fn write<S: AsRef<str>>(&mut self, lines: &[S]) {
        if lines.len() > 1 {
            self.transcript
                .push(format!("   ({} commands in one write)", lines.len()));
        }
        let mut bytes = Vec::new();
        for line in lines {
            let line = line.as_ref();
            let command = line
                .strip_suffix("\r\n")
                .unwrap_or_else(|| panic!("{line:?} does not end in CRLF"));
            assert!(
                !command.contains(['\r', '\n']),
                "{line:?} holds a CR or LF before its end"
            );
            self.transcript.push(format!("C: {command}"));
            bytes.extend_from_slice(line.as_bytes());
        }
        self.writer.write_all(&bytes).expect("writing to the server");
        self.writer.flush().expect("writing to the server");
    }

    /// Reads one reply, or `None` when the server closed the connection before its first line.
    fn read_reply(&mut self) -> Option<Reply> {
        let mut code = None;
        let mut lines = Vec::new();
        loop {
            let mut raw = Vec::new();
            let n = self.reader.read_until(b'\n', &mut raw).expect("reading a reply line");
            if n == 0 {
                assert!(
                    code.is_none(),
                    "the server closed the connection inside a reply: {lines:?}"
                );
                self.transcript.push("S: (connection closed)".to_owned());
                return None;
            }
            let line = String::from_utf8_lossy(&raw).into_owned();
            let line = line
                .strip_suffix("\r\n")
                .unwrap_or_else(|| panic!("reply line {line:?} does not end in CRLF"));
            self.transcript.push(format!("S: {line}"));
            let digits = line.get(..3).filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
            let this: u16 = digits
                .and_then(|d| d.parse().ok())
                .unwrap_or_else(|| panic!("not a reply line: {line:?}"));
            assert_eq!(*code.get_or_insert(this), this, "a reply's lines with different codes");
            let (last, text) = match line.as_bytes().get(3) {
                None => (true, ""),
                Some(b' ') => (true, &line[4..]),
                Some(b'-') => (false, &line[4..]),
                Some(_) => panic!("not a reply line: {line:?}"),
            };
            lines.push(text.to_owned());
            if last {
                return Some(Reply { code: this, lines });
            }
        }
    }

    /// Reads one reply, which must come.
    fn reply(&mut self) -> Reply {
        self.read_reply().expect("a reply, not the end of the connection")
    }

    /// Sends one command and reads its reply.
    fn command(&mut self, line: &str) -> Reply {
        self.write(&[line]);
        self.reply()
    }

    /// Whether the server has closed the connection (nothing more to read).
    fn closed(&mut self) -> bool {
        match self.reader.fill_buf() {
            Ok(rest) => rest.is_empty(),
            Err(err) if matches!(err.kind(), IoErrorKind::ConnectionReset | IoErrorKind::BrokenPipe) => true,
            Err(err) => panic!("waiting for the server to close: {err}"),
        }
    }

    /// Writes a message after a 354 and the final dot: the given lines without their CRLF (a
    /// folded header field may hold CRLF inside), dot-stuffed.
    fn message(&mut self, lines: &[String]) -> Reply {
        let mut bytes = Vec::new();
        for line in lines.iter().flat_map(|field| field.split("\r\n")) {
            assert!(!line.contains(['\r', '\n']), "a bare CR or LF in {line:?}");
            let stuffed = if line.starts_with('.') {
                format!(".{line}")
            } else {
                line.to_owned()
            };
            self.transcript.push(format!("C: {stuffed}"));
            bytes.extend_from_slice(stuffed.as_bytes());
            bytes.extend_from_slice(b"\r\n");
        }
        self.transcript.push("C: .".to_owned());
        bytes.extend_from_slice(b".\r\n");
        self.writer.write_all(&bytes).expect("writing the message");
        self.reply()
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

/// `MAIL FROM:<path>`, with ` SMTPUTF8` when asked, and its CRLF, as the crate builds it.
fn mail_from_line(path: &ReversePath<'_>, smtputf8: bool) -> String {
    let mut mail = MailFrom::new(path.clone()).expect("a path with an envelope form");
    if smtputf8 {
        mail = mail.with_param(EsmtpParam::SmtpUtf8).expect("SMTPUTF8 once");
    }
    mail.to_line().expect("within 512 octets")
}

/// `RCPT TO:<path>` and its CRLF, as the crate builds it.
fn rcpt_to_line(path: &ForwardPath<'_>) -> String {
    RcptTo::new(path.clone())
        .expect("a path with an envelope form")
        .to_line()
        .expect("within 512 octets")
}

/// What the Mailu front end sends on behalf of a client, as the crate's RFC 2920 planner cuts it
/// into batches, and the indexes of the batches after which the server greets again (`220`).
/// XCLIENT is answered by a new greeting, so it ends a batch and the client waits; EHLO and AUTH
/// end a batch (RFC 2920 §3.1, RFC 4954 §4); MAIL and RCPT may share one.
fn mailu_plan() -> (Vec<Vec<String>>, Vec<usize>) {
    let commands = [
        "XCLIENT ADDR=192.0.2.1",
        "EHLO mx.example",
        "AUTH PLAIN AGFsaWNlAHNlY3JldA==",
        "MAIL FROM:<alice@example.com>",
        "RCPT TO:<bob@example.com>",
        "QUIT",
    ];
    let plan = Pipeline::plan(&commands, true).expect("the commands are plannable");
    let batches: Vec<Vec<String>> = plan
        .batches()
        .iter()
        .map(|batch| batch.commands().iter().map(|c| format!("{c}\r\n")).collect())
        .collect();
    // What the planner must give for these commands, whatever the server then says.
    let expected: Vec<Vec<&str>> = vec![
        vec!["XCLIENT ADDR=192.0.2.1\r\n"],
        vec!["EHLO mx.example\r\n"],
        vec!["AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"],
        // QUIT may end a batch (RFC 2920 §3.1): it goes with MAIL and RCPT.
        vec![
            "MAIL FROM:<alice@example.com>\r\n",
            "RCPT TO:<bob@example.com>\r\n",
            "QUIT\r\n",
        ],
    ];
    assert_eq!(batches, expected);
    assert_eq!(plan.wait_for_greeting_after(), [0]);
    (batches, plan.wait_for_greeting_after())
}

/// The Keepalived incident: a configuration's `notification_email_from` written straight into
/// `MAIL FROM:<…>` carries a display name, and Postfix refuses it; the crate's envelope form of
/// the same mailbox is accepted and the whole notification is queued.
#[test]
fn keepalived_display_name_in_path_is_refused_and_the_envelope_form_accepted() {
    const TEST: &str = "keepalived_display_name_in_path_is_refused_and_the_envelope_form_accepted";
    let Some(port) = server_port(TEST) else { return };
    let configured = "服务显示名称 <keepalived@server.example.com>";

    let mut smtp = Session::open(port, "Keepalived");
    assert_eq!(smtp.command("EHLO server.example.com\r\n").code, 250);

    // What Keepalived wrote: the configured text inside angle brackets.
    let naive = smtp.command(&format!("MAIL FROM:<{configured}>\r\n"));
    assert_eq!(naive.first_line(), "501 5.1.7 Bad sender address syntax");
    assert_eq!(naive.enhanced(), Some("5.1.7"));

    // What the crate makes of it.
    let mailbox = Mailbox::parse(configured).expect("the configured value is a mailbox");
    let path = mailbox.to_reverse_path().expect("it has an envelope form");
    let line = mail_from_line(&path, path.needs_smtputf8());
    assert_eq!(line, "MAIL FROM:<keepalived@server.example.com>\r\n");
    assert_eq!(smtp.command(&line).first_line(), "250 2.1.0 Ok");

    let to = ForwardPath::parse("<ops@example.com>").expect("a path");
    assert_eq!(smtp.command(&rcpt_to_line(&to)).first_line(), "250 2.1.5 Ok");
    assert_eq!(smtp.command("DATA\r\n").code, 354);
    let from = mailbox
        .to_field("From", &RenderOptions::default())
        .expect("an ASCII header form");
    assert_eq!(
        from,
        "From: =?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>"
    );
    let message = [
        from,
        "To: ops@example.com".to_owned(),
        "Subject: [server] VRRP instance VI_1 is now MASTER".to_owned(),
        String::new(),
        "=> VRRP instance VI_1 is now MASTER <=".to_owned(),
    ];
    let queued = smtp.message(&message);
    assert_eq!(
        (queued.code, queued.enhanced()),
        (250, Some("2.0.0")),
        "{}",
        queued.first_line()
    );
    assert!(
        queued.first_line().starts_with("250 2.0.0 Ok: queued as "),
        "{}",
        queued.first_line()
    );
    assert_eq!(smtp.command("QUIT\r\n").first_line(), "221 2.0.0 Bye");
    ran(TEST);
}

/// An internationalized envelope (RFC 6531): offered SMTPUTF8, the server accepts a UTF-8 reverse
/// path with the SMTPUTF8 parameter and a UTF-8 recipient, as one RFC 2920 batch with DATA last,
/// and queues the message.
#[test]
fn smtputf8_envelope_and_message_are_accepted() {
    const TEST: &str = "smtputf8_envelope_and_message_are_accepted";
    let Some(port) = server_port(TEST) else { return };

    let mut smtp = Session::open(port, "SMTPUTF8");
    let ehlo = smtp.command("EHLO client.example\r\n");
    assert_eq!(ehlo.code, 250);
    let keywords = ehlo.ehlo_keywords();
    assert!(
        keywords.iter().any(|k| k == "SMTPUTF8"),
        "SMTPUTF8 not offered: {keywords:?}"
    );
    assert!(
        keywords.iter().any(|k| k == "PIPELINING"),
        "PIPELINING not offered: {keywords:?}"
    );

    let from = ReversePath::parse("<用户@例子.广告>").expect("a path");
    let to = ForwardPath::parse("<收件人@例子.广告>").expect("a path");
    assert!(from.needs_smtputf8() && to.needs_smtputf8());
    let mail = mail_from_line(&from, from.needs_smtputf8() || to.needs_smtputf8());
    assert_eq!(mail, "MAIL FROM:<用户@例子.广告> SMTPUTF8\r\n");
    let rcpt = rcpt_to_line(&to);
    assert_eq!(rcpt, "RCPT TO:<收件人@例子.广告>\r\n");

    smtp.write(&[&mail, &rcpt, "DATA\r\n"]);
    assert_eq!(smtp.reply().first_line(), "250 2.1.0 Ok");
    assert_eq!(smtp.reply().first_line(), "250 2.1.5 Ok");
    assert_eq!(smtp.reply().first_line(), "354 End data with <CR><LF>.<CR><LF>");

    let utf8 = RenderOptions::default().utf8_headers(true);
    let message = [
        Mailbox::parse("用户 <用户@例子.广告>")
            .expect("a mailbox")
            .to_field("From", &utf8)
            .expect("a UTF-8 header"),
        Mailbox::parse("<收件人@例子.广告>")
            .expect("a mailbox")
            .to_field("To", &utf8)
            .expect("a UTF-8 header"),
        "Subject: 测试".to_owned(),
        String::new(),
        "你好".to_owned(),
    ];
    assert_eq!(message[0], "From: 用户 <用户@例子.广告>");
    let queued = smtp.message(&message);
    assert!(
        queued.first_line().starts_with("250 2.0.0 Ok: queued as "),
        "{}",
        queued.first_line()
    );
    assert_eq!(smtp.command("QUIT\r\n").first_line(), "221 2.0.0 Bye");
    ran(TEST);
}

/// Without SMTPUTF8 on MAIL, a UTF-8 path is a syntax error to the server (RFC 6531 §3.2 allows
/// no silent downgrade, and the crate's `to_ascii` refuses to make one), while an IDN domain with
/// an ASCII local part goes through as A-labels.
#[cfg(feature = "idna")]
#[test]
fn without_smtputf8_a_utf8_path_is_refused_and_a_labels_accepted() {
    const TEST: &str = "without_smtputf8_a_utf8_path_is_refused_and_a_labels_accepted";
    let Some(port) = server_port(TEST) else { return };

    let mut smtp = Session::open(port, "without SMTPUTF8");
    assert_eq!(smtp.command("EHLO client.example\r\n").code, 250);

    let utf8_from = ReversePath::parse("<用户@例子.广告>").expect("a path");
    assert!(utf8_from.to_ascii().is_err(), "a UTF-8 local part has no ASCII form");
    let refused = smtp.command(&mail_from_line(&utf8_from, false));
    assert_eq!(refused.first_line(), "501 5.1.7 Bad sender address syntax");

    let from = ReversePath::parse("<ops@example.com>").expect("a path");
    assert_eq!(smtp.command(&mail_from_line(&from, false)).first_line(), "250 2.1.0 Ok");

    let idn = ForwardPath::parse("<ops@例子.广告>").expect("a path");
    assert_eq!(
        smtp.command(&rcpt_to_line(&idn)).first_line(),
        "501 5.1.3 Bad recipient address syntax"
    );
    let ascii = idn.to_ascii().expect("an ASCII local part");
    let line = rcpt_to_line(&ascii);
    assert_eq!(line, "RCPT TO:<ops@xn--fsqu00a.xn--4rr70v>\r\n");
    assert_eq!(smtp.command(&line).first_line(), "250 2.1.5 Ok");

    assert_eq!(smtp.command("QUIT\r\n").first_line(), "221 2.0.0 Bye");
    ran(TEST);
}

/// The Mailu case: a front end hands a client over with XCLIENT and then speaks for it. Sent as
/// RFC 2920 batches, waiting for the new greeting after XCLIENT, Postfix takes every command;
/// written in one go, Postfix (with `smtpd_forbid_unauth_pipelining = yes`) answers the XCLIENT
/// with a synchronization error and hangs up.
#[test]
fn mailu_xclient_then_ehlo_needs_the_new_greeting() {
    const TEST: &str = "mailu_xclient_then_ehlo_needs_the_new_greeting";
    let Some(port) = server_port(TEST) else { return };
    let (batches, greeting_after) = mailu_plan();

    // As batches.
    let mut smtp = Session::open(port, "Mailu, RFC 2920 batches");
    let mut replies = Vec::new();
    for (i, batch) in batches.iter().enumerate() {
        smtp.write(batch);
        for _ in batch {
            replies.push(smtp.reply());
        }
        if greeting_after.contains(&i) {
            // The XCLIENT reply is the new greeting itself.
            assert_eq!(
                replies.last().map(|r| r.code),
                Some(220),
                "XCLIENT must be answered by a new greeting"
            );
        }
    }
    let firsts: Vec<String> = replies.iter().map(Reply::first_line).collect();
    assert_eq!(firsts[0], "220 mx.interop.example ESMTP");
    assert_eq!(replies[1].code, 250, "EHLO after XCLIENT: {}", firsts[1]);
    // The session now belongs to 192.0.2.1, which may not use XCLIENT.
    assert!(
        !replies[1].ehlo_keywords().iter().any(|k| k == "XCLIENT"),
        "{:?}",
        replies[1].lines
    );
    let auth_plain = replies[1]
        .lines
        .iter()
        .any(|l| l.starts_with("AUTH ") && l.split(' ').any(|m| m == "PLAIN"));
    assert!(auth_plain, "AUTH PLAIN not offered: {:?}", replies[1].lines);
    // AUTH is read as AUTH (no SASL user database here, so it fails as authentication).
    assert_eq!(
        (replies[2].code, replies[2].enhanced()),
        (535, Some("5.7.8")),
        "{}",
        firsts[2]
    );
    assert!(
        firsts[2].starts_with("535 5.7.8 Error: authentication failed"),
        "{}",
        firsts[2]
    );
    assert_eq!(firsts[3..], ["250 2.1.0 Ok", "250 2.1.5 Ok", "221 2.0.0 Bye"]);
    assert!(smtp.closed());
    drop(smtp);

    // In one write.
    let mut smtp = Session::open(port, "Mailu, one write");
    let all: Vec<&str> = batches.iter().take(3).flatten().map(String::as_str).collect();
    smtp.write(&all);
    let reply = smtp.reply();
    assert_eq!(reply.first_line(), "554 5.5.0 Error: SMTP protocol synchronization");
    assert_eq!(reply.enhanced(), Some("5.5.0"));
    // Nothing else comes: no greeting, no reply to EHLO or AUTH; the server hangs up.
    assert!(
        smtp.read_reply().is_none(),
        "the server must hang up after the synchronization error"
    );
    ran(TEST);
}
