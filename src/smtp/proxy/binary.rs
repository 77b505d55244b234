//! The binary header of PROXY protocol version 2 (haproxy's proxy-protocol.txt §2.2): its
//! values, parser, builder and writer.
//!
//! ```text
//! header    = signature ver-cmd fam len addresses *tlv       ; len counts addresses and TLVs
//! signature = %x0D.0A.0D.0A.00.0D.0A.51.55.49.54.0A
//! ver-cmd   = %x20 / %x21                                    ; version 2, LOCAL or PROXY
//! fam       = %x00 / %x11 / %x12 / %x21 / %x22 / %x31 / %x32
//! len       = 2OCTET                                         ; big-endian
//! addresses = (nothing for %x00) / 12OCTET (IPv4) / 36OCTET (IPv6) / 216OCTET (UNIX)
//! tlv       = type 2OCTET value                              ; big-endian length of value
//! ```

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::{Ipv4Addr, Ipv6Addr};

use super::crc32c::Crc32c;
use super::{Command, Endpoints, ProxyFamily};
use crate::smtp::{SmtpError, SmtpErrorKind, Status};

/// The 12 octets every version 2 header starts with.
pub(super) const SIGNATURE: [u8; 12] = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

/// The fixed part: signature, version and command, family, length.
pub(super) const FIXED_LEN: usize = 16;

/// The length of one UNIX socket address (`sun_path`).
pub const UNIX_ADDRESS_LEN: usize = 108;

/// The TLV types of §2.2 and the SSL sub-types of §2.2.6.
mod types {
    pub(super) const ALPN: u8 = 0x01;
    pub(super) const AUTHORITY: u8 = 0x02;
    pub(super) const CRC32C: u8 = 0x03;
    pub(super) const NOOP: u8 = 0x04;
    pub(super) const UNIQUE_ID: u8 = 0x05;
    pub(super) const SSL: u8 = 0x20;
    pub(super) const NETNS: u8 = 0x30;
    pub(super) const SSL_VERSION: u8 = 0x21;
    pub(super) const SSL_CN: u8 = 0x22;
    pub(super) const SSL_CIPHER: u8 = 0x23;
    pub(super) const SSL_SIG_ALG: u8 = 0x24;
    pub(super) const SSL_KEY_ALG: u8 = 0x25;
    pub(super) const SSL_GROUP: u8 = 0x26;
    pub(super) const SSL_SIG_SCHEME: u8 = 0x27;
    pub(super) const SSL_CLIENT_CERT: u8 = 0x28;
}

/// The longest `PP2_TYPE_UNIQUE_ID` value (§2.2.5).
const UNIQUE_ID_MAX: usize = 128;

/// The `client` and `verify` fields before an SSL TLV's sub-TLVs.
const SSL_FIXED_LEN: usize = 5;

// ----- values -----

/// A UNIX socket address as version 2 carries it: the 108 octets of `sun_path`, NUL-padded.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::UnixAddress;
///
/// let address = UnixAddress::new(b"/run/smtpd.sock")?;
/// assert_eq!(address.path(), b"/run/smtpd.sock");
/// assert_eq!(address.as_bytes().len(), 108);
/// assert!(UnixAddress::new(&[b'a'; 109]).is_err());
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnixAddress([u8; UNIX_ADDRESS_LEN]);

impl UnixAddress {
    /// The address of `path`, NUL-padded to 108 octets; a path longer than 108 octets is an
    /// error ([`SmtpErrorKind::ProxyUnixAddressTooLong`]).
    pub fn new(path: &[u8]) -> Result<Self, SmtpError> {
        let mut bytes = [0; UNIX_ADDRESS_LEN];
        bytes
            .get_mut(..path.len())
            .ok_or(SmtpError::new(SmtpErrorKind::ProxyUnixAddressTooLong))?
            .copy_from_slice(path);
        Ok(UnixAddress(bytes))
    }

    /// The address of these 108 octets, as they are.
    pub const fn from_bytes(bytes: [u8; UNIX_ADDRESS_LEN]) -> Self {
        UnixAddress(bytes)
    }

    /// The 108 octets.
    pub const fn as_bytes(&self) -> &[u8; UNIX_ADDRESS_LEN] {
        &self.0
    }

    /// The path: the octets before the first NUL (all 108 if there is none). An address in
    /// Linux's abstract namespace starts with a NUL, so its path is empty; see
    /// [`as_bytes`](Self::as_bytes).
    pub fn path(&self) -> &[u8] {
        let end = self.0.iter().position(|&b| b == 0).unwrap_or(UNIX_ADDRESS_LEN);
        &self.0[..end]
    }

    /// A readable text of the address: the path, or for an address in Linux's abstract
    /// namespace `@` and its name (up to the next NUL), invalid UTF-8 replaced.
    pub(super) fn text(&self) -> String {
        match self.0.split_first() {
            Some((0, name)) if name.iter().any(|&b| b != 0) => {
                let end = name.iter().position(|&b| b == 0).unwrap_or(name.len());
                let mut text = String::from("@");
                text.push_str(&String::from_utf8_lossy(&name[..end]));
                text
            }
            _ => String::from_utf8_lossy(self.path()).into_owned(),
        }
    }
}

/// Whether a datagram or stream socket was proxied, with the source and destination of the
/// address family a version 2 header carries (§2.2, the 14th octet).
///
/// Every value is a valid header block: each variant is one of the seven family and transport
/// octets the specification lists.
///
/// # Examples
///
/// ```
/// use core::net::Ipv4Addr;
/// use mail_envelope::smtp::proxy::{Endpoints, ProxyFamily, V2Addresses};
///
/// let addresses = V2Addresses::Tcp4(Endpoints::new(Ipv4Addr::new(192, 0, 2, 1), 56324, Ipv4Addr::new(198, 51, 100, 1), 25));
/// assert_eq!(addresses.family(), ProxyFamily::Tcp4);
/// assert_eq!(addresses.family().as_str(), "tcp4");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum V2Addresses {
    /// `\x00`: no address (`AF_UNSPEC`, the family LOCAL headers send).
    Unspec,
    /// `\x11`: TCP over IPv4.
    Tcp4(Endpoints<Ipv4Addr>),
    /// `\x12`: UDP over IPv4.
    Udp4(Endpoints<Ipv4Addr>),
    /// `\x21`: TCP over IPv6.
    Tcp6(Endpoints<Ipv6Addr>),
    /// `\x22`: UDP over IPv6.
    Udp6(Endpoints<Ipv6Addr>),
    /// `\x31`: a UNIX stream socket.
    UnixStream {
        /// The client's socket.
        source: UnixAddress,
        /// The socket the client connected to.
        destination: UnixAddress,
    },
    /// `\x32`: a UNIX datagram socket.
    UnixDgram {
        /// The client's socket.
        source: UnixAddress,
        /// The socket the client sent to.
        destination: UnixAddress,
    },
}

impl V2Addresses {
    /// The family and transport.
    pub fn family(&self) -> ProxyFamily {
        match self {
            V2Addresses::Unspec => ProxyFamily::Unspec,
            V2Addresses::Tcp4(_) => ProxyFamily::Tcp4,
            V2Addresses::Udp4(_) => ProxyFamily::Udp4,
            V2Addresses::Tcp6(_) => ProxyFamily::Tcp6,
            V2Addresses::Udp6(_) => ProxyFamily::Udp6,
            V2Addresses::UnixStream { .. } => ProxyFamily::UnixStream,
            V2Addresses::UnixDgram { .. } => ProxyFamily::UnixDgram,
        }
    }

    /// Appends the address block.
    fn write(&self, out: &mut Vec<u8>) {
        fn inet<const N: usize>(out: &mut Vec<u8>, source: [u8; N], destination: [u8; N], ports: (u16, u16)) {
            out.extend_from_slice(&source);
            out.extend_from_slice(&destination);
            out.extend_from_slice(&ports.0.to_be_bytes());
            out.extend_from_slice(&ports.1.to_be_bytes());
        }
        match self {
            V2Addresses::Unspec => {}
            V2Addresses::Tcp4(e) | V2Addresses::Udp4(e) => inet(
                out,
                e.source.octets(),
                e.destination.octets(),
                (e.source_port, e.destination_port),
            ),
            V2Addresses::Tcp6(e) | V2Addresses::Udp6(e) => inet(
                out,
                e.source.octets(),
                e.destination.octets(),
                (e.source_port, e.destination_port),
            ),
            V2Addresses::UnixStream { source, destination } | V2Addresses::UnixDgram { source, destination } => {
                out.extend_from_slice(source.as_bytes());
                out.extend_from_slice(destination.as_bytes());
            }
        }
    }

    /// Reads the address block of `family` from `block`, which is exactly as long as the
    /// family's block.
    fn read(family: ProxyFamily, block: &[u8]) -> Self {
        let ipv4 = || {
            let octets = |at: usize| -> [u8; 4] { array(block, at) };
            Endpoints {
                source: Ipv4Addr::from(octets(0)),
                destination: Ipv4Addr::from(octets(4)),
                source_port: u16::from_be_bytes(array(block, 8)),
                destination_port: u16::from_be_bytes(array(block, 10)),
            }
        };
        let ipv6 = || {
            let octets = |at: usize| -> [u8; 16] { array(block, at) };
            Endpoints {
                source: Ipv6Addr::from(octets(0)),
                destination: Ipv6Addr::from(octets(16)),
                source_port: u16::from_be_bytes(array(block, 32)),
                destination_port: u16::from_be_bytes(array(block, 34)),
            }
        };
        let unix = || {
            (
                UnixAddress(array(block, 0)),
                UnixAddress(array(block, UNIX_ADDRESS_LEN)),
            )
        };
        match family {
            ProxyFamily::Tcp4 => V2Addresses::Tcp4(ipv4()),
            ProxyFamily::Udp4 => V2Addresses::Udp4(ipv4()),
            ProxyFamily::Tcp6 => V2Addresses::Tcp6(ipv6()),
            ProxyFamily::Udp6 => V2Addresses::Udp6(ipv6()),
            ProxyFamily::UnixStream => {
                let (source, destination) = unix();
                V2Addresses::UnixStream { source, destination }
            }
            ProxyFamily::UnixDgram => {
                let (source, destination) = unix();
                V2Addresses::UnixDgram { source, destination }
            }
            ProxyFamily::Unspec | ProxyFamily::Unknown => V2Addresses::Unspec,
        }
    }
}

/// `N` octets of `bytes` from `at`, zeros where `bytes` ends first (the callers have checked
/// the length).
fn array<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0; N];
    if let Some(source) = bytes.get(at..at + N) {
        out.copy_from_slice(source);
    }
    out
}

impl ProxyFamily {
    /// The family of a version 2 family and transport octet, if it is one of the seven.
    fn from_octet(octet: u8) -> Option<Self> {
        Some(match octet {
            0x00 => ProxyFamily::Unspec,
            0x11 => ProxyFamily::Tcp4,
            0x12 => ProxyFamily::Udp4,
            0x21 => ProxyFamily::Tcp6,
            0x22 => ProxyFamily::Udp6,
            0x31 => ProxyFamily::UnixStream,
            0x32 => ProxyFamily::UnixDgram,
            _ => return None,
        })
    }

    /// The version 2 family and transport octet (`UNKNOWN`, which only version 1 has, is
    /// written as `\x00`).
    fn octet(self) -> u8 {
        match self {
            ProxyFamily::Unspec | ProxyFamily::Unknown => 0x00,
            ProxyFamily::Tcp4 => 0x11,
            ProxyFamily::Udp4 => 0x12,
            ProxyFamily::Tcp6 => 0x21,
            ProxyFamily::Udp6 => 0x22,
            ProxyFamily::UnixStream => 0x31,
            ProxyFamily::UnixDgram => 0x32,
        }
    }

    /// The length of the family's address block in version 2.
    pub fn address_len(self) -> usize {
        match self {
            ProxyFamily::Unspec | ProxyFamily::Unknown => 0,
            ProxyFamily::Tcp4 | ProxyFamily::Udp4 => 12,
            ProxyFamily::Tcp6 | ProxyFamily::Udp6 => 36,
            ProxyFamily::UnixStream | ProxyFamily::UnixDgram => 2 * UNIX_ADDRESS_LEN,
        }
    }
}

/// A TLV of a version 2 header (§2.2): the registered types typed, any other kept as it is.
///
/// A parsed TLV has passed the checks of its type; [`V2Builder::tlv`] applies the same checks
/// to one built by hand.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::Tlv;
///
/// let tlv = Tlv::Authority("mail.example.com".into());
/// assert_eq!(tlv.kind(), 0x02);
/// assert_eq!(&*tlv.value(), b"mail.example.com");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Tlv<'a> {
    /// `PP2_TYPE_ALPN` (0x01): the application protocol negotiated (RFC 7301), as octets.
    Alpn(Cow<'a, [u8]>),
    /// `PP2_TYPE_AUTHORITY` (0x02): the host name the client asked for (TLS SNI), UTF-8.
    Authority(Cow<'a, str>),
    /// `PP2_TYPE_CRC32C` (0x03): the CRC-32C of the header computed with this field zeroed.
    /// A parsed header's checksum has been verified; the builder computes its own
    /// ([`V2Builder::crc32c`]).
    Crc32c(u32),
    /// `PP2_TYPE_NOOP` (0x04): padding, ignored, kept so the header is written as read.
    Noop(Cow<'a, [u8]>),
    /// `PP2_TYPE_UNIQUE_ID` (0x05): an opaque identifier of the connection, at most 128
    /// octets.
    UniqueId(Cow<'a, [u8]>),
    /// `PP2_TYPE_SSL` (0x20): what the proxy knows of the client's TLS connection.
    Ssl(Ssl<'a>),
    /// `PP2_TYPE_NETNS` (0x30): the network namespace's name, US-ASCII.
    Netns(Cow<'a, str>),
    /// Any other type (the reserved custom and experimental ranges among them), as it is.
    Other {
        /// The type: none of the types above.
        kind: u8,
        /// The value.
        value: Cow<'a, [u8]>,
    },
}

/// The value of a `PP2_TYPE_SSL` TLV (§2.2.6): the `client` bit field, the `verify` result and
/// the sub-TLVs.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::{Ssl, SslTlv};
///
/// let ssl = Ssl { client: Ssl::CLIENT_SSL, verify: 0, sub: vec![SslTlv::Version("TLSv1.3".into())] };
/// assert!(ssl.client & Ssl::CLIENT_SSL != 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ssl<'a> {
    /// The bit field of [`CLIENT_SSL`](Self::CLIENT_SSL),
    /// [`CLIENT_CERT_CONN`](Self::CLIENT_CERT_CONN) and
    /// [`CLIENT_CERT_SESS`](Self::CLIENT_CERT_SESS) (other bits are kept as they are).
    pub client: u8,
    /// Zero if the client presented a certificate and it was verified, non-zero otherwise.
    pub verify: u32,
    /// The sub-TLVs, in order.
    pub sub: Vec<SslTlv<'a>>,
}

impl Ssl<'_> {
    /// `PP2_CLIENT_SSL`: the client connected over SSL/TLS.
    pub const CLIENT_SSL: u8 = 0x01;
    /// `PP2_CLIENT_CERT_CONN`: the client sent a certificate on this connection.
    pub const CLIENT_CERT_CONN: u8 = 0x02;
    /// `PP2_CLIENT_CERT_SESS`: the client sent a certificate in this TLS session.
    pub const CLIENT_CERT_SESS: u8 = 0x04;

    /// The same value, owning its data.
    pub fn into_owned(self) -> Ssl<'static> {
        Ssl {
            client: self.client,
            verify: self.verify,
            sub: self.sub.into_iter().map(SslTlv::into_owned).collect(),
        }
    }
}

/// A sub-TLV of a `PP2_TYPE_SSL` TLV (§2.2.6).
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::SslTlv;
///
/// let cipher = SslTlv::Cipher("ECDHE-RSA-AES128-GCM-SHA256".into());
/// assert_eq!(cipher.kind(), 0x23);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SslTlv<'a> {
    /// `PP2_SUBTYPE_SSL_VERSION` (0x21): the TLS version, US-ASCII (`TLSv1.3`).
    Version(Cow<'a, str>),
    /// `PP2_SUBTYPE_SSL_CN` (0x22): the Common Name of the client certificate's subject, UTF-8.
    CommonName(Cow<'a, str>),
    /// `PP2_SUBTYPE_SSL_CIPHER` (0x23): the cipher, US-ASCII.
    Cipher(Cow<'a, str>),
    /// `PP2_SUBTYPE_SSL_SIG_ALG` (0x24): the algorithm that signed the server's certificate,
    /// US-ASCII.
    SigAlg(Cow<'a, str>),
    /// `PP2_SUBTYPE_SSL_KEY_ALG` (0x25): the algorithm of the server certificate's key,
    /// US-ASCII.
    KeyAlg(Cow<'a, str>),
    /// `PP2_SUBTYPE_SSL_GROUP` (0x26): the key exchange group, US-ASCII.
    Group(Cow<'a, str>),
    /// `PP2_SUBTYPE_SSL_SIG_SCHEME` (0x27): the signature scheme of the handshake, US-ASCII.
    SigScheme(Cow<'a, str>),
    /// `PP2_SUBTYPE_SSL_CLIENT_CERT` (0x28): the client's certificate, DER.
    ClientCert(Cow<'a, [u8]>),
    /// Any other sub-type, as it is.
    Other {
        /// The sub-type: none of the sub-types above.
        kind: u8,
        /// The value.
        value: Cow<'a, [u8]>,
    },
}

impl<'a> Tlv<'a> {
    /// The type octet.
    pub fn kind(&self) -> u8 {
        match self {
            Tlv::Alpn(_) => types::ALPN,
            Tlv::Authority(_) => types::AUTHORITY,
            Tlv::Crc32c(_) => types::CRC32C,
            Tlv::Noop(_) => types::NOOP,
            Tlv::UniqueId(_) => types::UNIQUE_ID,
            Tlv::Ssl(_) => types::SSL,
            Tlv::Netns(_) => types::NETNS,
            Tlv::Other { kind, .. } => *kind,
        }
    }

    /// The name of the type in the specification, lower case without its `PP2_TYPE_` prefix
    /// (`authority`), or `None` for a type it does not register.
    pub fn name(&self) -> Option<&'static str> {
        Some(match self {
            Tlv::Alpn(_) => "alpn",
            Tlv::Authority(_) => "authority",
            Tlv::Crc32c(_) => "crc32c",
            Tlv::Noop(_) => "noop",
            Tlv::UniqueId(_) => "unique_id",
            Tlv::Ssl(_) => "ssl",
            Tlv::Netns(_) => "netns",
            Tlv::Other { .. } => return None,
        })
    }

    /// The value as written in the header.
    pub fn value(&self) -> Cow<'_, [u8]> {
        match self {
            Tlv::Alpn(v) | Tlv::Noop(v) | Tlv::UniqueId(v) | Tlv::Other { value: v, .. } => Cow::Borrowed(v),
            Tlv::Authority(v) | Tlv::Netns(v) => Cow::Borrowed(v.as_bytes()),
            Tlv::Crc32c(crc) => Cow::Owned(crc.to_be_bytes().to_vec()),
            Tlv::Ssl(ssl) => {
                let mut value = Vec::with_capacity(SSL_FIXED_LEN + 64);
                value.push(ssl.client);
                value.extend_from_slice(&ssl.verify.to_be_bytes());
                for sub in &ssl.sub {
                    write_tlv(sub.kind(), sub.value(), &mut value);
                }
                Cow::Owned(value)
            }
        }
    }

    /// The length of the TLV in the header, type and length included.
    fn encoded_len(&self) -> usize {
        3 + match self {
            Tlv::Alpn(v) | Tlv::Noop(v) | Tlv::UniqueId(v) | Tlv::Other { value: v, .. } => v.len(),
            Tlv::Authority(v) | Tlv::Netns(v) => v.len(),
            Tlv::Crc32c(_) => 4,
            Tlv::Ssl(ssl) => SSL_FIXED_LEN + ssl.sub.iter().map(|sub| 3 + sub.value().len()).sum::<usize>(),
        }
    }

    /// The same TLV, owning its data.
    pub fn into_owned(self) -> Tlv<'static> {
        fn own<T: ?Sized + alloc::borrow::ToOwned>(v: Cow<'_, T>) -> Cow<'static, T> {
            Cow::Owned(v.into_owned())
        }
        match self {
            Tlv::Alpn(v) => Tlv::Alpn(own(v)),
            Tlv::Authority(v) => Tlv::Authority(own(v)),
            Tlv::Crc32c(crc) => Tlv::Crc32c(crc),
            Tlv::Noop(v) => Tlv::Noop(own(v)),
            Tlv::UniqueId(v) => Tlv::UniqueId(own(v)),
            Tlv::Ssl(ssl) => Tlv::Ssl(ssl.into_owned()),
            Tlv::Netns(v) => Tlv::Netns(own(v)),
            Tlv::Other { kind, value } => Tlv::Other {
                kind,
                value: own(value),
            },
        }
    }

    /// Reads the TLV of type `kind` whose value is `value`, which starts at `at` in the
    /// header (for the offsets of errors); `tlv_at` is where the TLV starts.
    fn read(kind: u8, value: &'a [u8], at: usize, tlv_at: usize) -> Result<Self, SmtpError> {
        Ok(match kind {
            types::ALPN => Tlv::Alpn(Cow::Borrowed(value)),
            types::AUTHORITY => Tlv::Authority(Cow::Borrowed(utf8(value, at)?)),
            types::CRC32C => Tlv::Crc32c(u32::from_be_bytes(
                value
                    .try_into()
                    .map_err(|_| SmtpError::at(SmtpErrorKind::ProxyV2TlvLength, tlv_at))?,
            )),
            types::NOOP => Tlv::Noop(Cow::Borrowed(value)),
            types::UNIQUE_ID if value.len() > UNIQUE_ID_MAX => {
                return Err(SmtpError::at(SmtpErrorKind::ProxyV2TlvLength, tlv_at))
            }
            types::UNIQUE_ID => Tlv::UniqueId(Cow::Borrowed(value)),
            types::SSL => Tlv::Ssl(Ssl::read(value, at, tlv_at)?),
            types::NETNS => Tlv::Netns(Cow::Borrowed(ascii(value, at)?)),
            _ => Tlv::Other {
                kind,
                value: Cow::Borrowed(value),
            },
        })
    }

    /// Checks a TLV built by hand as [`read`](Self::read) checks a parsed one.
    fn check(&self) -> Result<(), SmtpError> {
        let wrong_type = SmtpError::new(SmtpErrorKind::ProxyTlvType);
        match self {
            Tlv::Crc32c(_) => Err(wrong_type),
            Tlv::UniqueId(v) if v.len() > UNIQUE_ID_MAX => Err(SmtpError::new(SmtpErrorKind::ProxyV2TlvLength)),
            Tlv::Netns(v) if !v.is_ascii() => Err(SmtpError::new(SmtpErrorKind::ProxyV2TlvNotAscii)),
            Tlv::Ssl(ssl) => ssl.sub.iter().try_for_each(SslTlv::check),
            Tlv::Other { kind, .. }
                if matches!(
                    *kind,
                    types::ALPN
                        | types::AUTHORITY
                        | types::CRC32C
                        | types::NOOP
                        | types::UNIQUE_ID
                        | types::SSL
                        | types::NETNS
                ) =>
            {
                Err(wrong_type)
            }
            _ => Ok(()),
        }
    }
}

impl<'a> Ssl<'a> {
    /// Reads an SSL TLV's value, which starts at `at` in the header; `tlv_at` is where the TLV
    /// starts.
    fn read(value: &'a [u8], at: usize, tlv_at: usize) -> Result<Self, SmtpError> {
        let (Some(&client), Some(verify)) = (value.first(), value.get(1..SSL_FIXED_LEN)) else {
            return Err(SmtpError::at(SmtpErrorKind::ProxyV2TlvLength, tlv_at));
        };
        let verify = u32::from_be_bytes(array(verify, 0));
        let sub = tlvs(value, SSL_FIXED_LEN, at, |kind, value, at, _| {
            SslTlv::read(kind, value, at)
        })?;
        Ok(Ssl { client, verify, sub })
    }
}

impl<'a> SslTlv<'a> {
    /// The sub-type octet.
    pub fn kind(&self) -> u8 {
        match self {
            SslTlv::Version(_) => types::SSL_VERSION,
            SslTlv::CommonName(_) => types::SSL_CN,
            SslTlv::Cipher(_) => types::SSL_CIPHER,
            SslTlv::SigAlg(_) => types::SSL_SIG_ALG,
            SslTlv::KeyAlg(_) => types::SSL_KEY_ALG,
            SslTlv::Group(_) => types::SSL_GROUP,
            SslTlv::SigScheme(_) => types::SSL_SIG_SCHEME,
            SslTlv::ClientCert(_) => types::SSL_CLIENT_CERT,
            SslTlv::Other { kind, .. } => *kind,
        }
    }

    /// The name of the sub-type in the specification, lower case without its
    /// `PP2_SUBTYPE_SSL_` prefix (`version`, `cn`), or `None` for one it does not register.
    pub fn name(&self) -> Option<&'static str> {
        Some(match self {
            SslTlv::Version(_) => "version",
            SslTlv::CommonName(_) => "cn",
            SslTlv::Cipher(_) => "cipher",
            SslTlv::SigAlg(_) => "sig_alg",
            SslTlv::KeyAlg(_) => "key_alg",
            SslTlv::Group(_) => "group",
            SslTlv::SigScheme(_) => "sig_scheme",
            SslTlv::ClientCert(_) => "client_cert",
            SslTlv::Other { .. } => return None,
        })
    }

    /// The value as written in the header.
    pub fn value(&self) -> &[u8] {
        match self {
            SslTlv::Version(v)
            | SslTlv::CommonName(v)
            | SslTlv::Cipher(v)
            | SslTlv::SigAlg(v)
            | SslTlv::KeyAlg(v)
            | SslTlv::Group(v)
            | SslTlv::SigScheme(v) => v.as_bytes(),
            SslTlv::ClientCert(v) | SslTlv::Other { value: v, .. } => v,
        }
    }

    /// The value as text, for the sub-types whose value is text.
    pub fn text(&self) -> Option<&str> {
        match self {
            SslTlv::Version(v)
            | SslTlv::CommonName(v)
            | SslTlv::Cipher(v)
            | SslTlv::SigAlg(v)
            | SslTlv::KeyAlg(v)
            | SslTlv::Group(v)
            | SslTlv::SigScheme(v) => Some(v),
            SslTlv::ClientCert(_) | SslTlv::Other { .. } => None,
        }
    }

    /// The same sub-TLV, owning its data.
    pub fn into_owned(self) -> SslTlv<'static> {
        let own = |v: Cow<'_, str>| Cow::Owned(v.into_owned());
        match self {
            SslTlv::Version(v) => SslTlv::Version(own(v)),
            SslTlv::CommonName(v) => SslTlv::CommonName(own(v)),
            SslTlv::Cipher(v) => SslTlv::Cipher(own(v)),
            SslTlv::SigAlg(v) => SslTlv::SigAlg(own(v)),
            SslTlv::KeyAlg(v) => SslTlv::KeyAlg(own(v)),
            SslTlv::Group(v) => SslTlv::Group(own(v)),
            SslTlv::SigScheme(v) => SslTlv::SigScheme(own(v)),
            SslTlv::ClientCert(v) => SslTlv::ClientCert(Cow::Owned(v.into_owned())),
            SslTlv::Other { kind, value } => SslTlv::Other {
                kind,
                value: Cow::Owned(value.into_owned()),
            },
        }
    }

    /// Reads the sub-TLV of type `kind` whose value is `value`, at `at` in the header.
    fn read(kind: u8, value: &'a [u8], at: usize) -> Result<Self, SmtpError> {
        let ascii = || ascii(value, at).map(Cow::Borrowed);
        Ok(match kind {
            types::SSL_VERSION => SslTlv::Version(ascii()?),
            types::SSL_CN => SslTlv::CommonName(Cow::Borrowed(utf8(value, at)?)),
            types::SSL_CIPHER => SslTlv::Cipher(ascii()?),
            types::SSL_SIG_ALG => SslTlv::SigAlg(ascii()?),
            types::SSL_KEY_ALG => SslTlv::KeyAlg(ascii()?),
            types::SSL_GROUP => SslTlv::Group(ascii()?),
            types::SSL_SIG_SCHEME => SslTlv::SigScheme(ascii()?),
            types::SSL_CLIENT_CERT => SslTlv::ClientCert(Cow::Borrowed(value)),
            _ => SslTlv::Other {
                kind,
                value: Cow::Borrowed(value),
            },
        })
    }

    /// Checks a sub-TLV built by hand as [`read`](Self::read) checks a parsed one.
    fn check(&self) -> Result<(), SmtpError> {
        match self {
            SslTlv::Other { kind, .. } if (types::SSL_VERSION..=types::SSL_CLIENT_CERT).contains(kind) => {
                Err(SmtpError::new(SmtpErrorKind::ProxyTlvType))
            }
            SslTlv::Version(v)
            | SslTlv::Cipher(v)
            | SslTlv::SigAlg(v)
            | SslTlv::KeyAlg(v)
            | SslTlv::Group(v)
            | SslTlv::SigScheme(v)
                if !v.is_ascii() =>
            {
                Err(SmtpError::new(SmtpErrorKind::ProxyV2TlvNotAscii))
            }
            _ => Ok(()),
        }
    }
}

/// `value` as UTF-8 text, or an error at its first invalid octet (`at` is where it starts).
fn utf8(value: &[u8], at: usize) -> Result<&str, SmtpError> {
    core::str::from_utf8(value).map_err(|e| SmtpError::at(SmtpErrorKind::ProxyV2TlvNotUtf8, at + e.valid_up_to()))
}

/// `value` as US-ASCII text, or an error at its first octet above 0x7F.
fn ascii(value: &[u8], at: usize) -> Result<&str, SmtpError> {
    match value.iter().position(|b| !b.is_ascii()) {
        Some(bad) => Err(SmtpError::at(SmtpErrorKind::ProxyV2TlvNotAscii, at + bad)),
        None => utf8(value, at),
    }
}

/// Reads the TLVs of `bytes` from `from` to its end, each with `read(kind, value, value_at,
/// tlv_at)`; `base` is where `bytes` starts in the header. Each TLV must fit: a type, a
/// two-octet length and that many octets.
fn tlvs<'a, T>(
    bytes: &'a [u8],
    from: usize,
    base: usize,
    read: impl Fn(u8, &'a [u8], usize, usize) -> Result<T, SmtpError>,
) -> Result<Vec<T>, SmtpError> {
    let mut out = Vec::new();
    let mut at = from;
    while at < bytes.len() {
        let truncated = SmtpError::at(SmtpErrorKind::ProxyV2TlvTruncated, base + at);
        let (Some(&kind), Some(len)) = (bytes.get(at), bytes.get(at + 1..at + 3)) else {
            return Err(truncated);
        };
        let len = usize::from(u16::from_be_bytes(array(len, 0)));
        let value = bytes.get(at + 3..at + 3 + len).ok_or(truncated)?;
        out.push(read(kind, value, base + at + 3, base + at)?);
        at += 3 + len;
    }
    Ok(out)
}

/// Appends a TLV: type, big-endian length, value. The caller has checked that the value fits.
fn write_tlv(kind: u8, value: &[u8], out: &mut Vec<u8>) {
    out.push(kind);
    out.extend_from_slice(&u16::try_from(value.len()).unwrap_or(u16::MAX).to_be_bytes());
    out.extend_from_slice(value);
}

// ----- the header -----

/// A version 2 header (§2.2): the command, the addresses and the TLVs.
///
/// Only the parser and [`V2Builder`] make one, so every value is a valid header: the length
/// fits in 16 bits, every TLV passed the checks of its type, and a CRC-32C TLV is right.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::{Command, ProxyHeader, V2Addresses, V2Builder};
///
/// let header = V2Builder::new(Command::Local, V2Addresses::Unspec).build();
/// let bytes = ProxyHeader::from(header.clone()).to_bytes();
/// assert_eq!(bytes.len(), 16);
/// assert_eq!(header.command(), Command::Local);
/// assert!(header.tlvs().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct V2Header<'a> {
    command: Command,
    addresses: V2Addresses,
    tlvs: Vec<Tlv<'a>>,
}

impl<'a> V2Header<'a> {
    /// LOCAL (the proxy's own connection, a health check) or PROXY (a relayed one).
    pub fn command(&self) -> Command {
        self.command
    }

    /// The family, transport and addresses. A receiver ignores them for a LOCAL header
    /// (§2.2: it "must use the real connection endpoints").
    pub fn addresses(&self) -> &V2Addresses {
        &self.addresses
    }

    /// The TLVs, in order.
    pub fn tlvs(&self) -> &[Tlv<'a>] {
        &self.tlvs
    }

    /// The header's length: 16 octets, the address block and the TLVs.
    pub fn len(&self) -> usize {
        FIXED_LEN + self.addresses.family().address_len() + self.tlvs.iter().map(Tlv::encoded_len).sum::<usize>()
    }

    /// Always `false`: a header has at least its 16 fixed octets.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The same header, owning its data.
    pub fn into_owned(self) -> V2Header<'static> {
        V2Header {
            command: self.command,
            addresses: self.addresses,
            tlvs: self.tlvs.into_iter().map(Tlv::into_owned).collect(),
        }
    }

    /// Appends the header.
    pub(super) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&SIGNATURE);
        out.push(0x20 | self.command.octet());
        out.push(self.addresses.family().octet());
        let len = self.len() - FIXED_LEN;
        out.extend_from_slice(&u16::try_from(len).unwrap_or(u16::MAX).to_be_bytes());
        self.addresses.write(out);
        for tlv in &self.tlvs {
            write_tlv(tlv.kind(), &tlv.value(), out);
        }
    }
}

impl Command {
    /// The command's low nibble of the 13th octet.
    fn octet(self) -> u8 {
        match self {
            Command::Local => 0x0,
            Command::Proxy => 0x1,
        }
    }
}

/// Builds a [`V2Header`] from typed values, checking each TLV as the parser does, so the header
/// written is one the parser accepts as the same value.
///
/// # Examples
///
/// ```
/// use core::net::Ipv4Addr;
/// use mail_envelope::smtp::proxy::{Command, Endpoints, ProxyHeader, Tlv, V2Addresses, V2Builder};
/// use mail_envelope::smtp::Status;
///
/// let addresses = V2Addresses::Tcp4(Endpoints::new(Ipv4Addr::new(192, 0, 2, 1), 56324, Ipv4Addr::new(198, 51, 100, 1), 25));
/// let header = V2Builder::new(Command::Proxy, addresses)
///     .tlv(Tlv::Authority("mx.example.com".into()))?
///     .crc32c()?
///     .build();
/// let bytes = ProxyHeader::from(header.clone()).to_bytes();
/// assert_eq!(bytes.len(), 16 + 12 + 3 + 14 + 7);
/// let Status::Complete((parsed, len)) = ProxyHeader::parse(&bytes)? else { unreachable!() };
/// assert_eq!(len, bytes.len());
/// assert_eq!(parsed, ProxyHeader::V2(header));
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct V2Builder<'a> {
    header: V2Header<'a>,
    crc32c: bool,
}

impl<'a> V2Builder<'a> {
    /// A header with this command and these addresses, and no TLVs yet.
    pub fn new(command: Command, addresses: V2Addresses) -> Self {
        V2Builder {
            header: V2Header {
                command,
                addresses,
                tlvs: Vec::new(),
            },
            crc32c: false,
        }
    }

    /// The length the header will have.
    fn len(&self) -> usize {
        self.header.len() + if self.crc32c { 7 } else { 0 }
    }

    /// Adds a TLV after those already added.
    ///
    /// An error if the TLV fails the checks of its type ([`SmtpErrorKind::ProxyV2TlvLength`]
    /// for a unique ID over 128 octets, [`SmtpErrorKind::ProxyV2TlvNotAscii`] for a non-ASCII
    /// namespace or SSL string), if it is [`Tlv::Crc32c`] or an `Other` of a registered type
    /// ([`SmtpErrorKind::ProxyTlvType`]: use [`crc32c`](Self::crc32c) or the type's variant),
    /// or if the header would pass 65,535 octets after its fixed part
    /// ([`SmtpErrorKind::ProxyV2TooLong`]).
    pub fn tlv(mut self, tlv: Tlv<'a>) -> Result<Self, SmtpError> {
        tlv.check()?;
        if self.len() + tlv.encoded_len() > FIXED_LEN + usize::from(u16::MAX) {
            return Err(SmtpError::new(SmtpErrorKind::ProxyV2TooLong));
        }
        self.header.tlvs.push(tlv);
        Ok(self)
    }

    /// Ends the header with a CRC-32C TLV (§2.2.3), computed by [`build`](Self::build) over
    /// the whole header. An error if the seven octets would make it too long.
    pub fn crc32c(mut self) -> Result<Self, SmtpError> {
        if !self.crc32c && self.len() + 7 > FIXED_LEN + usize::from(u16::MAX) {
            return Err(SmtpError::new(SmtpErrorKind::ProxyV2TooLong));
        }
        self.crc32c = true;
        Ok(self)
    }

    /// The header.
    pub fn build(self) -> V2Header<'a> {
        let mut header = self.header;
        if self.crc32c {
            header.tlvs.push(Tlv::Crc32c(0));
            let mut bytes = Vec::with_capacity(header.len());
            header.write(&mut bytes);
            if let Some(last) = header.tlvs.last_mut() {
                *last = Tlv::Crc32c(super::crc32c(&bytes));
            }
        }
        header
    }
}

// ----- parsing -----

/// Parses a version 2 header at the start of `bytes`, which starts with a prefix of the
/// signature (the caller checked its first octet). Returns the header and its length.
pub(super) fn parse_v2(bytes: &[u8]) -> Result<Status<(V2Header<'_>, usize)>, SmtpError> {
    let not_a_header = |at| SmtpError::at(SmtpErrorKind::ProxyNotAHeader, at);
    if let Some(at) = SIGNATURE.iter().zip(bytes).position(|(a, b)| a != b) {
        return Err(not_a_header(at));
    }
    let incomplete = Ok(Status::Incomplete {
        needed: FIXED_LEN.saturating_sub(bytes.len()),
    });
    let Some(&ver_cmd) = bytes.get(12) else {
        return incomplete;
    };
    if ver_cmd >> 4 != 2 {
        return Err(SmtpError::at(SmtpErrorKind::ProxyV2Version, 12));
    }
    let command = match ver_cmd & 0x0F {
        0x0 => Command::Local,
        0x1 => Command::Proxy,
        _ => return Err(SmtpError::at(SmtpErrorKind::ProxyV2Command, 12)),
    };
    let Some(&fam) = bytes.get(13) else {
        return incomplete;
    };
    let family = ProxyFamily::from_octet(fam).ok_or(SmtpError::at(SmtpErrorKind::ProxyV2Family, 13))?;
    let Some(len) = bytes.get(14..FIXED_LEN) else {
        return incomplete;
    };
    let len = usize::from(u16::from_be_bytes(array(len, 0)));
    let address_len = family.address_len();
    if len < address_len {
        return Err(SmtpError::at(SmtpErrorKind::ProxyV2AddressLength, 14));
    }
    let total = FIXED_LEN + len;
    let Some(header) = bytes.get(..total) else {
        return Ok(Status::Incomplete {
            needed: total - bytes.len(),
        });
    };
    let addresses = V2Addresses::read(family, &header[FIXED_LEN..FIXED_LEN + address_len]);
    let tlvs = tlvs(header, FIXED_LEN + address_len, 0, Tlv::read)?;
    check_crc32c(header, &tlvs)?;
    Ok(Status::Complete((
        V2Header {
            command,
            addresses,
            tlvs,
        },
        total,
    )))
}

/// Checks the header's CRC-32C TLV, if it has one (§2.2.3): the checksum of the header with the
/// TLV's value zeroed. Two are an error: each would have to cover the other.
fn check_crc32c(header: &[u8], tlvs: &[Tlv<'_>]) -> Result<(), SmtpError> {
    let mut at = FIXED_LEN + V2Addresses::read_len(header);
    let mut found = None;
    for tlv in tlvs {
        if let Tlv::Crc32c(crc) = tlv {
            if found.is_some() {
                return Err(SmtpError::at(SmtpErrorKind::ProxyV2DuplicateCrc32c, at));
            }
            found = Some((at + 3, *crc));
        }
        at += tlv.encoded_len();
    }
    let Some((value_at, crc)) = found else {
        return Ok(());
    };
    let mismatch = SmtpError::at(SmtpErrorKind::ProxyV2Crc32cMismatch, value_at);
    let (Some(before), Some(after)) = (header.get(..value_at), header.get(value_at + 4..)) else {
        return Err(mismatch);
    };
    let computed = Crc32c::new().update(before).update(&[0; 4]).update(after).finish();
    if computed == crc {
        Ok(())
    } else {
        Err(mismatch)
    }
}

impl V2Addresses {
    /// The length of the address block of a header whose family octet was checked.
    fn read_len(header: &[u8]) -> usize {
        header
            .get(13)
            .and_then(|&octet| ProxyFamily::from_octet(octet))
            .map_or(0, ProxyFamily::address_len)
    }
}
