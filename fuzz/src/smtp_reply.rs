//! The properties of the `reply` and `xclient` fuzz targets: one public function each, taking the
//! fuzzer's bytes and panicking when a property fails.
//!
//! The targets include this file by path, and so does the main crate's
//! `tests/smtp_reply_props.rs`, which feeds the same functions generated inputs and the saved
//! ones of `fuzz/regressions/`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use mail_envelope::smtp::reply::Reply;
use mail_envelope::smtp::xclient::{
    AttributeText, ClientName, Hostname, Source, Value, XClient, XClientAttribute, XClientProto, XForward,
    XForwardAttribute,
};
use mail_envelope::smtp::Status;

/// The most prefixes of a complete reply whose reading is checked.
const MAX_PREFIXES: usize = 64;

/// `reply`: any bytes read as a reply never panic; an error points inside the input; a complete
/// reply renders to bytes that read back as an equal reply, and render again identically; every
/// prefix of a complete reply is incomplete, and needs no more bytes than the reply had left.
pub fn reply(data: &[u8]) {
    let (reply, len) = match Reply::parse_prefix(data) {
        Err(e) => {
            assert!(e.offset().is_some_and(|at| at <= data.len()), "{e:?} for {data:?}");
            return;
        }
        Ok(Status::Incomplete { needed }) => {
            assert!(needed >= 1, "needed 0 for {data:?}");
            return;
        }
        Ok(Status::Complete(read)) => read,
    };
    assert!((5..=data.len()).contains(&len), "took {len} of {data:?}");
    let whole = Reply::parse(&data[..len])
        .expect("the same bytes read whole")
        .complete();
    assert_eq!(whole.as_ref(), Some(&reply));
    for line in reply.lines() {
        assert!(!line.contains(['\r', '\n', '\0']), "line {line:?} of {data:?}");
    }
    let rendered = reply.to_string();
    let again = match Reply::parse(rendered.as_bytes()) {
        Ok(Status::Complete(again)) => again,
        other => panic!("{rendered:?} (from {data:?}) reads as {other:?}"),
    };
    assert_eq!(again, reply, "{rendered:?} from {data:?}");
    assert_eq!(again.to_string(), rendered);
    let step = (len / MAX_PREFIXES).max(1);
    for cut in (0..len).step_by(step) {
        match Reply::parse_prefix(&data[..cut]) {
            Ok(Status::Incomplete { needed }) => {
                assert!(
                    (1..=len - cut).contains(&needed),
                    "needed {needed} after {cut} of {len} in {data:?}"
                );
            }
            other => panic!("prefix {cut} of {data:?} reads as {other:?}"),
        }
    }
}

/// `xclient`: XCLIENT and XFORWARD commands made from typed values that the fuzzer's bytes pick
/// (every public constructor fed whatever text the bytes hold) build into lines of at most 512
/// octets, each ending in its only CRLF, that read back as the same attributes; and the bytes
/// read as a line never panic, and what reads back builds again into the same attributes.
pub fn xclient(data: &[u8]) {
    let mut bytes = Bytes(data);
    let mut xclient = Vec::new();
    let mut xforward = Vec::new();
    while !bytes.0.is_empty() {
        if bytes.byte().is_multiple_of(2) {
            xclient.extend(xclient_attribute(&mut bytes));
        } else {
            xforward.extend(xforward_attribute(&mut bytes));
        }
    }
    if let Ok(command) = XClient::new(xclient) {
        let lines = command.to_lines();
        check_lines(&lines);
        let read: Vec<XClientAttribute> = lines
            .iter()
            .flat_map(|line| {
                XClient::parse(line)
                    .unwrap_or_else(|e| panic!("{line:?}: {e}"))
                    .attributes()
                    .to_vec()
            })
            .collect();
        assert_eq!(
            sorted(read, XClientAttribute::name),
            sorted(command.attributes().to_vec(), XClientAttribute::name)
        );
    }
    if let Ok(command) = XForward::new(xforward) {
        let lines = command.to_lines();
        check_lines(&lines);
        let read: Vec<XForwardAttribute> = lines
            .iter()
            .flat_map(|line| {
                XForward::parse(line)
                    .unwrap_or_else(|e| panic!("{line:?}: {e}"))
                    .attributes()
                    .to_vec()
            })
            .collect();
        assert_eq!(read, command.attributes());
    }
    let text = String::from_utf8_lossy(data);
    if let Ok(command) = XClient::parse(&text) {
        let again: Vec<XClientAttribute> = command
            .to_lines()
            .iter()
            .flat_map(|line| XClient::parse(line).expect("a built line").attributes().to_vec())
            .collect();
        assert_eq!(
            sorted(again, XClientAttribute::name),
            sorted(command.attributes().to_vec(), XClientAttribute::name)
        );
    }
    if let Ok(command) = XForward::parse(&text) {
        let lines = command.to_lines();
        check_lines(&lines);
    }
}

/// Every line at most 512 octets, ending in CRLF, with no other CR, LF or NUL.
pub fn check_lines(lines: &[String]) {
    assert!(!lines.is_empty());
    for line in lines {
        assert!(line.len() <= 512, "{} octets: {line:?}", line.len());
        let body = line
            .strip_suffix("\r\n")
            .unwrap_or_else(|| panic!("no CRLF at the end of {line:?}"));
        assert!(!body.contains(['\r', '\n', '\0']), "{line:?}");
    }
}

fn sorted<A>(mut attributes: Vec<A>, name: fn(&A) -> &'static str) -> Vec<A> {
    attributes.sort_by_key(name);
    attributes
}

/// The fuzzer's bytes, taken from the front.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        let (&first, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        first
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let (taken, rest) = self.0.split_at(n.min(self.0.len()));
        self.0 = rest;
        taken
    }

    /// Text of a length the next byte says, from the bytes after it (not UTF-8 made lossy), so
    /// it may hold anything: CR, LF, NUL, spaces, `[UNAVAILABLE]`.
    fn text(&mut self) -> String {
        let len = usize::from(self.byte()) * 2;
        String::from_utf8_lossy(self.take(len)).into_owned()
    }

    /// An attribute name of either command, or none, in a case the bytes pick.
    fn name(&mut self) -> String {
        const NAMES: [&str; 12] = [
            "NAME", "ADDR", "PORT", "PROTO", "HELO", "LOGIN", "DESTADDR", "DESTPORT", "IDENT", "SOURCE", "X", "",
        ];
        let name = NAMES[usize::from(self.byte()) % NAMES.len()];
        let case = self.byte();
        name.chars()
            .enumerate()
            .map(|(i, c)| {
                if case >> (i % 8) & 1 == 1 {
                    c.to_ascii_lowercase()
                } else {
                    c
                }
            })
            .collect()
    }

    fn address(&mut self) -> IpAddr {
        if self.byte().is_multiple_of(2) {
            let mut octets = [0; 4];
            for octet in &mut octets {
                *octet = self.byte();
            }
            IpAddr::V4(Ipv4Addr::from(octets))
        } else {
            let mut octets = [0; 16];
            for octet in &mut octets {
                *octet = self.byte();
            }
            IpAddr::V6(Ipv6Addr::from(octets))
        }
    }

    fn port(&mut self) -> u16 {
        u16::from_be_bytes([self.byte(), self.byte()])
    }

    /// `[UNAVAILABLE]` one time in eight, else `value`.
    fn value<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Value<T>> {
        if self.byte().is_multiple_of(8) {
            Some(Value::Unavailable)
        } else {
            value(self).map(Value::Known)
        }
    }
}

fn hostname(bytes: &mut Bytes<'_>) -> Option<Hostname> {
    Hostname::new(&bytes.text()).ok()
}

fn attribute_text(bytes: &mut Bytes<'_>) -> Option<AttributeText> {
    AttributeText::new(&bytes.text()).ok()
}

/// An XCLIENT attribute from the typed constructors, or from `from_name_value` with raw text.
fn xclient_attribute(bytes: &mut Bytes<'_>) -> Option<XClientAttribute> {
    Some(match bytes.byte() % 10 {
        0 => match bytes.byte() % 3 {
            0 => XClientAttribute::Name(ClientName::Unavailable),
            1 => XClientAttribute::Name(ClientName::TempUnavailable),
            _ => XClientAttribute::Name(ClientName::Known(hostname(bytes)?)),
        },
        1 => XClientAttribute::Addr(bytes.value(|b| Some(b.address()))?),
        2 => XClientAttribute::Port(bytes.value(|b| Some(b.port()))?),
        3 => XClientAttribute::Proto(if bytes.byte().is_multiple_of(2) {
            XClientProto::Smtp
        } else {
            XClientProto::Esmtp
        }),
        4 => XClientAttribute::Helo(bytes.value(attribute_text)?),
        5 => XClientAttribute::Login(bytes.value(attribute_text)?),
        6 => XClientAttribute::DestAddr(bytes.value(|b| Some(b.address()))?),
        7 => XClientAttribute::DestPort(bytes.value(|b| Some(b.port()))?),
        _ => {
            let name = bytes.name();
            let value = bytes.text();
            XClientAttribute::from_name_value(&name, &value).ok()?
        }
    })
}

/// An XFORWARD attribute from the typed constructors, or from `from_name_value` with raw text.
fn xforward_attribute(bytes: &mut Bytes<'_>) -> Option<XForwardAttribute> {
    Some(match bytes.byte() % 9 {
        0 => XForwardAttribute::Name(bytes.value(hostname)?),
        1 => XForwardAttribute::Addr(bytes.value(|b| Some(b.address()))?),
        2 => XForwardAttribute::Port(bytes.value(|b| Some(b.port()))?),
        3 => XForwardAttribute::Proto(bytes.value(attribute_text)?),
        4 => XForwardAttribute::Helo(bytes.value(attribute_text)?),
        5 => XForwardAttribute::Ident(bytes.value(attribute_text)?),
        6 => XForwardAttribute::Source(bytes.value(|b| {
            Some(if b.byte().is_multiple_of(2) {
                Source::Local
            } else {
                Source::Remote
            })
        })?),
        _ => {
            let name = bytes.name();
            let value = bytes.text();
            XForwardAttribute::from_name_value(&name, &value).ok()?
        }
    })
}
