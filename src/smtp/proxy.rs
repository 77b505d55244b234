//! The PROXY protocol, versions 1 and 2 (haproxy's `doc/proxy-protocol.txt`): the header a
//! proxy puts before the bytes of a relayed connection to say whose connection it is. Postfix
//! (`smtpd_upstream_proxy_protocol`), Exim and others read it in front of SMTP.
//!
//! [`ProxyHeader::parse`] reads either version from the start of a connection's first bytes
//! and says how many octets the header took; what follows is the relayed protocol. Input that
//! stops inside a header that could still be valid is [`Status::Incomplete`] with the least
//! number of octets that could complete it; bytes that are neither version are
//! [`SmtpErrorKind::ProxyNotAHeader`]; every other fault is an error of its own version that
//! points at the octet at fault. [`ProxyHeader::to_bytes`] writes a header; values are built
//! from typed parts only ([`V1Header`], [`V2Builder`]), so a written header always parses back
//! to the same value.
//!
//! ```
//! use mail_envelope::smtp::proxy::{Command, ProxyFamily, ProxyHeader};
//! use mail_envelope::smtp::Status;
//!
//! let input = b"PROXY TCP4 192.0.2.1 198.51.100.1 56324 25\r\nEHLO client.example\r\n";
//! let Status::Complete((header, len)) = ProxyHeader::parse(input)? else { unreachable!() };
//! assert_eq!(len, 44);
//! assert_eq!(header.family(), ProxyFamily::Tcp4);
//! assert_eq!(header.command(), Command::Proxy);
//! assert_eq!(header.source().unwrap().to_string(), "192.0.2.1:56324");
//! assert_eq!(&input[len..], b"EHLO client.example\r\n");
//!
//! // A header cut short: at least 2 more octets (CRLF) could end it.
//! assert_eq!(ProxyHeader::parse(&input[..42])?, Status::Incomplete { needed: 2 });
//! # Ok::<(), mail_envelope::smtp::SmtpError>(())
//! ```
//!
//! The specification is strict and so is the parser: a receiver "must not try to guess" (§2),
//! and "any sequence which does not exactly match the protocol must be discarded" (§2.1). A
//! server must accept the header only from proxies it trusts (§5); nothing here can know which.
//!
//! # Version 1
//!
//! One line of at most 107 octets, CRLF included: `PROXY`, a space, `TCP4`, `TCP6` or
//! `UNKNOWN`, then for TCP the source and destination addresses and ports, each after exactly
//! one space. IPv4 addresses are dotted quads and ports decimal numbers 0 to 65535, neither with
//! a leading zero (nor a sign); IPv6 addresses take the text forms of RFC 4291 §2.2 (what
//! `inet_pton`, which haproxy uses, reads). After `UNKNOWN` and a space, anything up to the
//! first CRLF is ignored (a lone CR or LF included: only CRLF ends a line). Written IPv6 addresses follow RFC 5952 §4 (lower
//! case, shortest, no mixed dotted-quad notation: the line has hexadecimal groups only).
//!
//! # Version 2
//!
//! The 12-octet signature, the version (2) and command (LOCAL or PROXY), one of the seven family
//! and transport octets §2.2 lists, a big-endian length, the address block of the family, and
//! TLVs up to the length. Every TLV must fit exactly, and the registered types are checked:
//! `PP2_TYPE_AUTHORITY` and the SSL `CN` are UTF-8; `PP2_TYPE_NETNS` and the other SSL strings
//! US-ASCII; `PP2_TYPE_CRC32C` four octets and the right checksum ([`crc32c`]), and only one of
//! it; `PP2_TYPE_UNIQUE_ID` at most 128 octets; `PP2_TYPE_SSL` at least its five fixed octets,
//! then sub-TLVs that fit. Unregistered types are kept as they are, so a parsed header is
//! written back octet for octet.
//!
//! # Where this parser and the `ppp` crate differ
//!
//! The crate's tests compare the two on generated headers (`tests/proxy_ppp.rs`). Each
//! difference is deliberate:
//!
//! * **A port with a `+` sign** (`+25`): refused here, as the specification asks for "a decimal
//!   integer" without "heading zeroes"; `ppp` reads ports with Rust's `u16::from_str`, which
//!   takes the sign.
//! * **`UNKNOWN` followed by other fields** (`PROXY UNKNOWN ffff:… 65535 65535\r\n`, the
//!   "worst case" line of §2.1): accepted here, because "the receiver must ignore anything
//!   presented before the CRLF"; `ppp` refuses lines with five or more fields after `UNKNOWN`,
//!   and any that is not UTF-8.
//! * **A bare LF after a space, without CR** (`PROXY TCP4 … 80 25 \n`): not the end of the line
//!   here, as "the receiver must not tolerate a single CR or LF character to end the line" (an
//!   error, or after `UNKNOWN` ignored while the CRLF is awaited); `ppp` splits the line at
//!   spaces and CRs and takes a field of `"\n"` for its end.
//! * **Family and transport octets outside the seven of §2.2** (`\x01`, `\x02`, `\x10`, `\x20`,
//!   `\x30`): refused here ([`SmtpErrorKind::ProxyV2Family`]), since §2.2 lists the valid
//!   combinations and receivers fall back to UNSPEC only "for the valid combinations above";
//!   `ppp` checks the two nibbles separately.
//! * **The bytes after the fixed part of an UNSPEC header** are TLVs here, as haproxy writes
//!   them (its LOCAL health checks carry TLVs after 16 octets) and reads them; `ppp` counts
//!   them as address bytes and finds no TLVs.
//! * **TLV contents**: `ppp` reads TLVs lazily and checks only that each fits; here a header
//!   with a wrong CRC-32C, a `PP2_TYPE_CRC32C` that is not four octets or comes twice, an
//!   authority that is not UTF-8, a namespace or SSL string that is not US-ASCII, a unique ID
//!   over 128 octets, or an SSL TLV whose sub-TLVs do not fit is an error.
//!
//! Where the input stops early, `ppp` reports a partial header but not how much is missing; the
//! comparison leaves those inputs to this crate's own tests.

mod binary;
mod crc32c;
mod record;
mod text;

use alloc::vec::Vec;
use core::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

pub use binary::{Ssl, SslTlv, Tlv, UnixAddress, V2Addresses, V2Builder, V2Header, UNIX_ADDRESS_LEN};
pub use crc32c::crc32c;
pub use record::{ErrorRecord, HeaderRecord, ProxyRecord, TlvRecord};

use super::{SmtpError, SmtpErrorKind, Status};

/// What the proxy says of the connection: relayed on behalf of a client (PROXY) or its own
/// (LOCAL, version 2 only, such as a health check).
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::Command;
///
/// assert_eq!(Command::Local.as_str(), "local");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// The proxy's own connection: the receiver uses the real endpoints.
    Local,
    /// A relayed connection: the header's addresses are the client's.
    Proxy,
}

impl Command {
    /// `"local"` or `"proxy"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Command::Local => "local",
            Command::Proxy => "proxy",
        }
    }
}

/// The address family and transport a header announces.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::ProxyFamily;
///
/// assert_eq!(ProxyFamily::UnixDgram.as_str(), "unix_dgram");
/// assert_eq!(ProxyFamily::Tcp6.address_len(), 36);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProxyFamily {
    /// Version 1 `UNKNOWN`.
    Unknown,
    /// Version 2 `AF_UNSPEC`: no addresses.
    Unspec,
    /// TCP over IPv4 (version 1 `TCP4`).
    Tcp4,
    /// UDP over IPv4.
    Udp4,
    /// TCP over IPv6 (version 1 `TCP6`).
    Tcp6,
    /// UDP over IPv6.
    Udp6,
    /// A UNIX stream socket.
    UnixStream,
    /// A UNIX datagram socket.
    UnixDgram,
}

impl ProxyFamily {
    /// The name of the family: `unknown`, `unspec`, `tcp4`, `udp4`, `tcp6`, `udp6`, `unix`
    /// (stream) or `unix_dgram`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProxyFamily::Unknown => "unknown",
            ProxyFamily::Unspec => "unspec",
            ProxyFamily::Tcp4 => "tcp4",
            ProxyFamily::Udp4 => "udp4",
            ProxyFamily::Tcp6 => "tcp6",
            ProxyFamily::Udp6 => "udp6",
            ProxyFamily::UnixStream => "unix",
            ProxyFamily::UnixDgram => "unix_dgram",
        }
    }
}

/// The source (the client) and destination (the address it connected to) of a relayed IP
/// connection.
///
/// # Examples
///
/// ```
/// use core::net::Ipv4Addr;
/// use mail_envelope::smtp::proxy::Endpoints;
///
/// let endpoints = Endpoints::new(Ipv4Addr::new(192, 0, 2, 1), 56324, Ipv4Addr::new(198, 51, 100, 1), 25);
/// assert_eq!(endpoints.destination_port, 25);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Endpoints<A> {
    /// The client's address.
    pub source: A,
    /// The client's port.
    pub source_port: u16,
    /// The address the client connected to.
    pub destination: A,
    /// The port the client connected to.
    pub destination_port: u16,
}

impl<A> Endpoints<A> {
    /// The endpoints of this source and destination.
    pub const fn new(source: A, source_port: u16, destination: A, destination_port: u16) -> Self {
        Endpoints {
            source,
            source_port,
            destination,
            destination_port,
        }
    }
}

/// A version 1 header (§2.1). Every value is a valid line.
///
/// # Examples
///
/// ```
/// use core::net::SocketAddr;
/// use mail_envelope::smtp::proxy::{ProxyHeader, V1Header};
///
/// let source: SocketAddr = "[2001:db8::1]:56324".parse().unwrap();
/// let destination: SocketAddr = "[2001:db8::25]:25".parse().unwrap();
/// let header = V1Header::new(source, destination)?;
/// assert_eq!(ProxyHeader::V1(header).to_bytes(), b"PROXY TCP6 2001:db8::1 2001:db8::25 56324 25\r\n");
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum V1Header {
    /// `TCP4`: TCP over IPv4.
    Tcp4(Endpoints<Ipv4Addr>),
    /// `TCP6`: TCP over IPv6.
    Tcp6(Endpoints<Ipv6Addr>),
    /// `UNKNOWN`: the receiver uses the real endpoints. Whatever followed `UNKNOWN` before the
    /// CRLF is not kept; the header is written as `PROXY UNKNOWN\r\n`.
    Unknown,
}

impl V1Header {
    /// The `TCP4` or `TCP6` header of a connection from `source` to `destination`; two
    /// addresses of different families are an error ([`SmtpErrorKind::ProxyFamilyMismatch`]).
    pub fn new(source: SocketAddr, destination: SocketAddr) -> Result<Self, SmtpError> {
        match (source, destination) {
            (SocketAddr::V4(s), SocketAddr::V4(d)) => {
                Ok(V1Header::Tcp4(Endpoints::new(*s.ip(), s.port(), *d.ip(), d.port())))
            }
            (SocketAddr::V6(s), SocketAddr::V6(d)) => {
                Ok(V1Header::Tcp6(Endpoints::new(*s.ip(), s.port(), *d.ip(), d.port())))
            }
            _ => Err(SmtpError::new(SmtpErrorKind::ProxyFamilyMismatch)),
        }
    }
}

/// A PROXY protocol header, version 1 or 2.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::{ProxyHeader, V1Header};
/// use mail_envelope::smtp::{SmtpErrorKind, Status};
///
/// let Status::Complete((header, len)) = ProxyHeader::parse(b"PROXY UNKNOWN\r\n")? else { unreachable!() };
/// assert_eq!((header, len), (ProxyHeader::V1(V1Header::Unknown), 15));
///
/// let err = ProxyHeader::parse(b"EHLO client.example\r\n").unwrap_err();
/// assert_eq!(err.kind(), SmtpErrorKind::ProxyNotAHeader);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
// A version 2 header holds two 108-octet UNIX addresses inline; a header is read once per
// connection, so the size is not worth a box on every version 2 header.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ProxyHeader<'a> {
    /// The human-readable header of version 1.
    V1(V1Header),
    /// The binary header of version 2.
    V2(V2Header<'a>),
}

impl<'a> ProxyHeader<'a> {
    /// Parses the header at the start of `bytes`: the header and its length in octets, what
    /// is still missing, or why `bytes` cannot start with a header.
    ///
    /// A header starts with `PROXY` (version 1) or with the 12-octet signature (version 2);
    /// anything else is [`SmtpErrorKind::ProxyNotAHeader`] at the first octet that differs.
    /// Octets after the header are not read.
    ///
    /// ```abnf
    /// proxy-header = proxy-line / binary-header     ; §2.1, §2.2
    /// ```
    pub fn parse(bytes: &'a [u8]) -> Result<Status<(ProxyHeader<'a>, usize)>, SmtpError> {
        match bytes.first() {
            None => Ok(Status::Incomplete {
                needed: text::V1_MIN_LEN.min(binary::FIXED_LEN),
            }),
            Some(b'P') => {
                let prefix = text::V1_PREFIX;
                if let Some(at) = prefix.iter().zip(bytes).position(|(a, b)| a != b) {
                    let kind = if at < 5 {
                        SmtpErrorKind::ProxyNotAHeader
                    } else {
                        SmtpErrorKind::ProxyV1ExpectedSpace
                    };
                    return Err(SmtpError::at(kind, at));
                }
                if bytes.len() < prefix.len() {
                    return Ok(Status::Incomplete {
                        needed: text::V1_MIN_LEN - bytes.len(),
                    });
                }
                Ok(map(text::parse_v1(bytes)?, ProxyHeader::V1))
            }
            Some(0x0D) => Ok(map(binary::parse_v2(bytes)?, ProxyHeader::V2)),
            Some(_) => Err(SmtpError::at(SmtpErrorKind::ProxyNotAHeader, 0)),
        }
    }

    /// The header as sent: the version 1 line with its CRLF, or the version 2 octets.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write(&mut out);
        out
    }

    /// Appends the header as sent to `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        match self {
            ProxyHeader::V1(header) => out.extend_from_slice(text::v1_line(header).as_bytes()),
            ProxyHeader::V2(header) => header.write(out),
        }
    }

    /// 1 or 2.
    pub fn version(&self) -> u8 {
        match self {
            ProxyHeader::V1(_) => 1,
            ProxyHeader::V2(_) => 2,
        }
    }

    /// The command: always PROXY in version 1.
    pub fn command(&self) -> Command {
        match self {
            ProxyHeader::V1(_) => Command::Proxy,
            ProxyHeader::V2(header) => header.command(),
        }
    }

    /// The family and transport.
    pub fn family(&self) -> ProxyFamily {
        match self {
            ProxyHeader::V1(V1Header::Tcp4(_)) => ProxyFamily::Tcp4,
            ProxyHeader::V1(V1Header::Tcp6(_)) => ProxyFamily::Tcp6,
            ProxyHeader::V1(V1Header::Unknown) => ProxyFamily::Unknown,
            ProxyHeader::V2(header) => header.addresses().family(),
        }
    }

    /// The client's address and port, for an IP family (UDP included).
    pub fn source(&self) -> Option<SocketAddr> {
        self.sockets().map(|(source, _)| source)
    }

    /// The address and port the client connected to, for an IP family (UDP included).
    pub fn destination(&self) -> Option<SocketAddr> {
        self.sockets().map(|(_, destination)| destination)
    }

    fn sockets(&self) -> Option<(SocketAddr, SocketAddr)> {
        let v4 = |e: &Endpoints<Ipv4Addr>| {
            (
                SocketAddr::V4(SocketAddrV4::new(e.source, e.source_port)),
                SocketAddr::V4(SocketAddrV4::new(e.destination, e.destination_port)),
            )
        };
        let v6 = |e: &Endpoints<Ipv6Addr>| {
            (
                SocketAddr::V6(SocketAddrV6::new(e.source, e.source_port, 0, 0)),
                SocketAddr::V6(SocketAddrV6::new(e.destination, e.destination_port, 0, 0)),
            )
        };
        match self {
            ProxyHeader::V1(V1Header::Tcp4(e)) => Some(v4(e)),
            ProxyHeader::V1(V1Header::Tcp6(e)) => Some(v6(e)),
            ProxyHeader::V2(header) => match header.addresses() {
                V2Addresses::Tcp4(e) | V2Addresses::Udp4(e) => Some(v4(e)),
                V2Addresses::Tcp6(e) | V2Addresses::Udp6(e) => Some(v6(e)),
                _ => None,
            },
            ProxyHeader::V1(V1Header::Unknown) => None,
        }
    }

    /// The TLVs: none in version 1.
    pub fn tlvs(&self) -> &[Tlv<'a>] {
        match self {
            ProxyHeader::V1(_) => &[],
            ProxyHeader::V2(header) => header.tlvs(),
        }
    }

    /// The same header, owning its data.
    pub fn into_owned(self) -> ProxyHeader<'static> {
        match self {
            ProxyHeader::V1(header) => ProxyHeader::V1(header),
            ProxyHeader::V2(header) => ProxyHeader::V2(header.into_owned()),
        }
    }
}

impl From<V1Header> for ProxyHeader<'_> {
    fn from(header: V1Header) -> Self {
        ProxyHeader::V1(header)
    }
}

impl<'a> From<V2Header<'a>> for ProxyHeader<'a> {
    fn from(header: V2Header<'a>) -> Self {
        ProxyHeader::V2(header)
    }
}

/// The same status with the value mapped.
fn map<T, U>(status: Status<(T, usize)>, f: impl FnOnce(T) -> U) -> Status<(U, usize)> {
    match status {
        Status::Complete((value, len)) => Status::Complete((f(value), len)),
        Status::Incomplete { needed } => Status::Incomplete { needed },
    }
}

#[cfg(test)]
mod tests;
