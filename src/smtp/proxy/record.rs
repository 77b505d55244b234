//! What reading a PROXY header gave, as one flat record: the object the command line prints
//! (and, with the `serde` feature, serializes), built from one definition for every front end.
//!
//! ```text
//! {"ok":true,"version":1|2,"command":"proxy"|"local","family":"tcp4"|…,"source":"192.0.2.1"|null,
//!  "source_port":56324|null,"destination":…,"destination_port":…,
//!  "tlvs":[{"type":2,"name":"authority","value_hex":"…","text":"…"},
//!          {"type":32,"name":"ssl","value_hex":"…","client":1,"verify":0,"sub":[{"type":33,…}]}],
//!  "header_len":44}
//! {"ok":false,"error":{"kind":"incomplete","needed":2}}
//! {"ok":false,"error":{"kind":"proxy_v1_ipv4","offset":11,"message":"…"}}
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write as _;

use super::text::Ipv6Text;
use super::{Endpoints, ProxyHeader, SslTlv, Tlv, V1Header, V2Addresses};
use crate::smtp::{SmtpError, Status};

/// What reading a PROXY header gave: the header, how much more input it needs, or why the
/// input holds none.
///
/// With the `serde` feature it serializes as one JSON object: `"ok":true` and the fields of
/// [`HeaderRecord`], `{"ok":false,"error":{"kind":"incomplete","needed":N}}`, or
/// `{"ok":false,"error":{"kind":…,"offset":…,"message":…}}` ([`ErrorRecord`]).
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::ProxyRecord;
///
/// let ProxyRecord::Header(header) = ProxyRecord::parse(b"PROXY TCP6 2001:DB8::1 ::1 1 2\r\n") else { unreachable!() };
/// assert_eq!(header.family, "tcp6");
/// assert_eq!(header.source.as_deref(), Some("2001:db8::1"));
/// assert_eq!(ProxyRecord::parse(b"PROXY "), ProxyRecord::Incomplete { needed: 9 });
/// let ProxyRecord::Error(error) = ProxyRecord::parse(b"PROXY TCP4 01.2.3.4") else { unreachable!() };
/// assert_eq!((error.kind.as_str(), error.offset), ("proxy_v1_ipv4", Some(12))); // the digit after the leading zero
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyRecord {
    /// A whole header.
    Header(HeaderRecord),
    /// The input stops inside a header that could still be valid.
    Incomplete {
        /// The least number of further octets that could complete it.
        needed: usize,
    },
    /// The input does not start with a valid header.
    Error(ErrorRecord),
}

/// A parsed header, flat: what [`ProxyRecord::Header`] holds.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::ProxyRecord;
///
/// let ProxyRecord::Header(header) = ProxyRecord::parse(b"PROXY UNKNOWN\r\n") else { unreachable!() };
/// assert_eq!((header.version, header.command, header.family), (1, "proxy", "unknown"));
/// assert_eq!((header.source, header.header_len), (None, 15));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRecord {
    /// 1 or 2.
    pub version: u8,
    /// `proxy` or `local` ([`Command::as_str`](super::Command::as_str)).
    pub command: &'static str,
    /// The family ([`ProxyFamily::as_str`](super::ProxyFamily::as_str)).
    pub family: &'static str,
    /// The source address (IPv6 as RFC 5952 §4 writes it, a UNIX socket as its path), `None`
    /// where the header carries none.
    pub source: Option<String>,
    /// The source port, for IP families.
    pub source_port: Option<u16>,
    /// The destination address, like `source`.
    pub destination: Option<String>,
    /// The destination port, for IP families.
    pub destination_port: Option<u16>,
    /// The TLVs, in order.
    pub tlvs: Vec<TlvRecord>,
    /// The header's length in octets (CRLF included in version 1).
    pub header_len: usize,
}

/// A TLV, flat: its type, name, value in hexadecimal, and what the type says of the value.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::TlvRecord;
/// use mail_envelope::smtp::proxy::Tlv;
///
/// let record = TlvRecord::new(&Tlv::Authority("mx.example".into()));
/// assert_eq!(record.value_hex, "6d782e6578616d706c65");
/// assert_eq!(record.text.as_deref(), Some("mx.example"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlvRecord {
    /// The type octet (JSON `type`).
    pub kind: u8,
    /// The registered name ([`Tlv::name`], [`SslTlv::name`]), if any.
    pub name: Option<&'static str>,
    /// The value as written, in lower-case hexadecimal.
    pub value_hex: String,
    /// The value as text, for the types whose value is text.
    pub text: Option<String>,
    /// The `client` field of an SSL TLV.
    pub client: Option<u8>,
    /// The `verify` field of an SSL TLV.
    pub verify: Option<u32>,
    /// The sub-TLVs of an SSL TLV.
    pub sub: Option<Vec<TlvRecord>>,
}

/// Why the input holds no header: the error's kind (the [`SmtpErrorKind`](crate::smtp::SmtpErrorKind) variant in snake
/// case), offset and message.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::ProxyRecord;
///
/// let ProxyRecord::Error(error) = ProxyRecord::parse(b"HELO x\r\n") else { unreachable!() };
/// assert_eq!(error.kind, "proxy_not_a_header");
/// assert_eq!(error.offset, Some(0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRecord {
    /// The kind, in snake case (`proxy_v1_port`).
    pub kind: String,
    /// The byte offset of the first octet at fault.
    pub offset: Option<usize>,
    /// What was expected, and where.
    pub message: String,
}

impl ProxyRecord {
    /// The record of parsing `bytes` with [`ProxyHeader::parse`].
    pub fn parse(bytes: &[u8]) -> Self {
        Self::new(&ProxyHeader::parse(bytes))
    }

    /// The record of what [`ProxyHeader::parse`] returned.
    pub fn new(result: &Result<Status<(ProxyHeader<'_>, usize)>, SmtpError>) -> Self {
        match result {
            Ok(Status::Complete((header, len))) => ProxyRecord::Header(HeaderRecord::new(header, *len)),
            Ok(Status::Incomplete { needed }) => ProxyRecord::Incomplete { needed: *needed },
            Err(err) => ProxyRecord::Error(ErrorRecord::new(err)),
        }
    }

    /// Whether the input held a whole header.
    pub fn ok(&self) -> bool {
        matches!(self, ProxyRecord::Header(_))
    }
}

impl HeaderRecord {
    /// The record of `header`, `len` octets long.
    pub fn new(header: &ProxyHeader<'_>, len: usize) -> Self {
        let (source, source_port, destination, destination_port) = addresses(header);
        HeaderRecord {
            version: header.version(),
            command: header.command().as_str(),
            family: header.family().as_str(),
            source,
            source_port,
            destination,
            destination_port,
            tlvs: header.tlvs().iter().map(TlvRecord::new).collect(),
            header_len: len,
        }
    }
}

/// The addresses and ports of a header, as text.
fn addresses(header: &ProxyHeader<'_>) -> (Option<String>, Option<u16>, Option<String>, Option<u16>) {
    fn ip<A: ToString>(e: &Endpoints<A>) -> (Option<String>, Option<u16>, Option<String>, Option<u16>) {
        (
            Some(e.source.to_string()),
            Some(e.source_port),
            Some(e.destination.to_string()),
            Some(e.destination_port),
        )
    }
    let v6 = |e: &Endpoints<core::net::Ipv6Addr>| {
        ip(&Endpoints::new(
            Ipv6Text(e.source),
            e.source_port,
            Ipv6Text(e.destination),
            e.destination_port,
        ))
    };
    match header {
        ProxyHeader::V1(V1Header::Tcp4(e)) => ip(e),
        ProxyHeader::V1(V1Header::Tcp6(e)) => v6(e),
        ProxyHeader::V1(V1Header::Unknown) => (None, None, None, None),
        ProxyHeader::V2(v2) => match v2.addresses() {
            V2Addresses::Tcp4(e) | V2Addresses::Udp4(e) => ip(e),
            V2Addresses::Tcp6(e) | V2Addresses::Udp6(e) => v6(e),
            V2Addresses::UnixStream { source, destination } | V2Addresses::UnixDgram { source, destination } => {
                (Some(source.text()), None, Some(destination.text()), None)
            }
            V2Addresses::Unspec => (None, None, None, None),
        },
    }
}

impl TlvRecord {
    /// The record of a TLV.
    pub fn new(tlv: &Tlv<'_>) -> Self {
        let text = match tlv {
            Tlv::Authority(text) | Tlv::Netns(text) => Some(text.to_string()),
            _ => None,
        };
        let ssl = match tlv {
            Tlv::Ssl(ssl) => Some(ssl),
            _ => None,
        };
        TlvRecord {
            kind: tlv.kind(),
            name: tlv.name(),
            value_hex: hex(&tlv.value()),
            text,
            client: ssl.map(|ssl| ssl.client),
            verify: ssl.map(|ssl| ssl.verify),
            sub: ssl.map(|ssl| ssl.sub.iter().map(TlvRecord::sub).collect()),
        }
    }

    /// The record of an SSL sub-TLV.
    fn sub(sub: &SslTlv<'_>) -> Self {
        TlvRecord {
            kind: sub.kind(),
            name: sub.name(),
            value_hex: hex(sub.value()),
            text: sub.text().map(ToString::to_string),
            client: None,
            verify: None,
            sub: None,
        }
    }
}

impl ErrorRecord {
    /// The record of an error.
    pub fn new(err: &SmtpError) -> Self {
        ErrorRecord {
            kind: err.kind().code().into_owned(),
            offset: err.offset(),
            message: err.to_string(),
        }
    }
}

/// Octets in lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(2 * bytes.len());
    for byte in bytes {
        // Writing into a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

#[cfg(feature = "serde")]
mod serialize {
    use serde::ser::{SerializeMap, SerializeStruct, Serializer};
    use serde::Serialize;

    use super::{ErrorRecord, HeaderRecord, ProxyRecord, TlvRecord};

    impl Serialize for ProxyRecord {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                ProxyRecord::Header(header) => header.serialize(serializer),
                ProxyRecord::Incomplete { needed } => {
                    let mut map = serializer.serialize_map(Some(2))?;
                    map.serialize_entry("ok", &false)?;
                    map.serialize_entry("error", &Incomplete { needed: *needed })?;
                    map.end()
                }
                ProxyRecord::Error(error) => {
                    let mut map = serializer.serialize_map(Some(2))?;
                    map.serialize_entry("ok", &false)?;
                    map.serialize_entry("error", error)?;
                    map.end()
                }
            }
        }
    }

    /// The error object of an incomplete header.
    struct Incomplete {
        needed: usize,
    }

    impl Serialize for Incomplete {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut error = serializer.serialize_struct("Incomplete", 2)?;
            error.serialize_field("kind", "incomplete")?;
            error.serialize_field("needed", &self.needed)?;
            error.end()
        }
    }

    impl Serialize for HeaderRecord {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(10))?;
            map.serialize_entry("ok", &true)?;
            map.serialize_entry("version", &self.version)?;
            map.serialize_entry("command", self.command)?;
            map.serialize_entry("family", self.family)?;
            map.serialize_entry("source", &self.source)?;
            map.serialize_entry("source_port", &self.source_port)?;
            map.serialize_entry("destination", &self.destination)?;
            map.serialize_entry("destination_port", &self.destination_port)?;
            map.serialize_entry("tlvs", &self.tlvs)?;
            map.serialize_entry("header_len", &self.header_len)?;
            map.end()
        }
    }

    impl Serialize for TlvRecord {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("type", &self.kind)?;
            map.serialize_entry("name", &self.name)?;
            map.serialize_entry("value_hex", &self.value_hex)?;
            if let Some(text) = &self.text {
                map.serialize_entry("text", text)?;
            }
            if let Some(client) = self.client {
                map.serialize_entry("client", &client)?;
            }
            if let Some(verify) = self.verify {
                map.serialize_entry("verify", &verify)?;
            }
            if let Some(sub) = &self.sub {
                map.serialize_entry("sub", sub)?;
            }
            map.end()
        }
    }

    impl Serialize for ErrorRecord {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut error = serializer.serialize_struct("ErrorRecord", 3)?;
            error.serialize_field("kind", &self.kind)?;
            error.serialize_field("offset", &self.offset)?;
            error.serialize_field("message", &self.message)?;
            error.end()
        }
    }
}
