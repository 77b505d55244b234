//! The human-readable header of PROXY protocol version 1 (haproxy's proxy-protocol.txt §2.1),
//! and the address texts it carries.
//!
//! ```text
//! proxy-line  = "PROXY" SP ( tcp4 / tcp6 / unknown ) CRLF       ; at most 107 octets
//! tcp4        = "TCP4" SP ipv4 SP ipv4 SP port SP port
//! tcp6        = "TCP6" SP ipv6 SP ipv6 SP port SP port
//! unknown     = "UNKNOWN" [ SP *OCTET ]             ; up to the first CRLF, and ignored
//! ipv4        = dec-octet 3( "." dec-octet )                   ; no leading zeros
//! dec-octet   = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35
//! ipv6        = the text forms of RFC 4291 §2.2 (1 to 4 hexadecimal digits a group, one "::",
//!               an IPv4 dotted quad as the last 32 bits), the dotted quad as strict as ipv4
//! port        = "0" / %x31-39 *4DIGIT                          ; 0 to 65535, no leading zeros
//! ```
//!
//! Parsing reads as far as the input goes: input that stops inside a line that could still be
//! valid is [`Status::Incomplete`] with the least number of octets that could complete it, and
//! the first octet that no valid line could hold is an error at that octet, without waiting for
//! the CRLF.

use alloc::vec::Vec;
use core::fmt::{self, Write as _};
use core::net::{Ipv4Addr, Ipv6Addr};

use super::{Endpoints, V1Header};
use crate::smtp::{SmtpError, SmtpErrorKind, Status};

/// The longest version 1 line, CRLF included (§2.1: "PROXY UNKNOWN" with two full IPv6 addresses
/// and two five-digit ports).
pub(super) const V1_MAX_LEN: usize = 107;

/// The shortest version 1 line: `PROXY UNKNOWN\r\n`.
pub(super) const V1_MIN_LEN: usize = 15;

/// `PROXY` and the space after it.
pub(super) const V1_PREFIX: &[u8] = b"PROXY ";

/// The longest IPv6 text: six groups of four digits and a 15-character dotted quad.
const IPV6_MAX_TEXT: usize = 45;

// ----- addresses and ports -----

/// An IPv4 address in the dotted-quad form of §2.1: four decimal numbers 0 to 255, none with a
/// leading zero, separated by single dots.
///
/// ```abnf
/// ipv4      = dec-octet 3( "." dec-octet )
/// dec-octet = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35
/// ```
pub(super) fn ipv4(text: &[u8]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut parts = text.split(|&b| b == b'.');
    for octet in &mut octets {
        *octet = dec_octet(parts.next()?)?;
    }
    match parts.next() {
        None => Some(Ipv4Addr::from(octets)),
        Some(_) => None,
    }
}

/// One decimal octet without a leading zero (RFC 3986 §3.2.2 `dec-octet`).
fn dec_octet(text: &[u8]) -> Option<u8> {
    let value = decimal(text, 3)?;
    u8::try_from(value).ok()
}

/// A decimal number of 1 to `max_digits` digits without a leading zero (`0` itself is fine)
/// and without a sign.
fn decimal(text: &[u8], max_digits: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_digits || (text.len() > 1 && text[0] == b'0') {
        return None;
    }
    text.iter().try_fold(0u32, |value, &b| {
        b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
    })
}

/// A port: a decimal number 0 to 65535 without leading zeros or sign (§2.1).
///
/// ```abnf
/// port = "0" / %x31-39 *4DIGIT     ; at most 65535
/// ```
pub(super) fn port(text: &[u8]) -> Option<u16> {
    decimal(text, 5).and_then(|value| u16::try_from(value).ok())
}

/// An IPv6 address in one of the text forms of RFC 4291 §2.2: eight groups of one to four
/// hexadecimal digits (either case) separated by colons, one `::` standing for one or more
/// groups of zeros, and optionally an IPv4 dotted quad (as strict as [`ipv4`]) as the last 32
/// bits.
///
/// ```abnf
/// ipv6  = 8h16-with-colons / [ h16 *6( ":" h16 ) ] "::" [ h16 *6( ":" h16 ) ]  ; at most 7 groups
///       / the same with ipv4 in place of the last two groups
/// h16   = 1*4HEXDIG
/// ```
pub(super) fn ipv6(text: &[u8]) -> Option<Ipv6Addr> {
    if text.len() > IPV6_MAX_TEXT {
        return None;
    }
    let mut head = [0u16; 8];
    let mut tail = [0u16; 8];
    let (mut head_len, mut tail_len) = (0usize, 0usize);
    let mut compressed = false;
    let mut at = 0;
    if text.starts_with(b"::") {
        compressed = true;
        at = 2;
    }
    while at < text.len() {
        let start = at;
        while at < text.len() && at - start < 5 && text[at].is_ascii_hexdigit() {
            at += 1;
        }
        let mut groups = [0u16; 2];
        let count = if text.get(at) == Some(&b'.') {
            let [a, b, c, d] = ipv4(&text[start..])?.octets();
            groups = [u16::from_be_bytes([a, b]), u16::from_be_bytes([c, d])];
            at = text.len();
            2
        } else if (1..=4).contains(&(at - start)) {
            groups[0] = hex_group(&text[start..at]);
            1
        } else {
            return None;
        };
        let (list, len) = if compressed {
            (&mut tail, &mut tail_len)
        } else {
            (&mut head, &mut head_len)
        };
        for &group in &groups[..count] {
            *list.get_mut(*len)? = group;
            *len += 1;
        }
        if at == text.len() {
            break;
        }
        if text[at] != b':' {
            return None;
        }
        at += 1;
        if text.get(at) == Some(&b':') {
            if compressed {
                return None;
            }
            compressed = true;
            at += 1;
        } else if at == text.len() {
            return None;
        }
    }
    let total = head_len + tail_len;
    if (compressed && total > 7) || (!compressed && total != 8) {
        return None;
    }
    let mut groups = [0u16; 8];
    groups[..head_len].copy_from_slice(&head[..head_len]);
    groups[8 - tail_len..].copy_from_slice(&tail[..tail_len]);
    Some(Ipv6Addr::from(groups))
}

/// The value of one to four hexadecimal digits.
fn hex_group(digits: &[u8]) -> u16 {
    digits.iter().fold(0u16, |value, &b| {
        let digit = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            _ => b - b'A' + 10,
        };
        (value << 4) | u16::from(digit)
    })
}

/// An IPv6 address written as RFC 5952 §4 says: lower-case hexadecimal without leading zeros,
/// the longest run of two or more zero groups (the first of equal runs) as `::`, and never the
/// dotted-quad form, which the version 1 line does not provide for (§2.1: "series of sets of 4
/// hexadecimal digits").
///
/// `core::net::Ipv6Addr`'s `Display` writes the same text except for IPv4-mapped addresses
/// (`::ffff:0:0/96`), which it writes in the mixed notation RFC 5952 §5 recommends.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ipv6Text(pub(super) Ipv6Addr);

impl fmt::Display for Ipv6Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups = self.0.segments();
        // The longest run of zero groups, at least two long; the first of equal runs.
        let (mut best_start, mut best_len) = (0, 0);
        let mut run_start = 0;
        for (i, &group) in groups.iter().enumerate() {
            if group != 0 {
                run_start = i + 1;
            } else if i + 1 - run_start > best_len {
                (best_start, best_len) = (run_start, i + 1 - run_start);
            }
        }
        if best_len < 2 {
            best_len = 0;
            best_start = groups.len();
        }
        let write_groups = |f: &mut fmt::Formatter<'_>, groups: &[u16]| -> fmt::Result {
            for (i, group) in groups.iter().enumerate() {
                if i > 0 {
                    f.write_char(':')?;
                }
                write!(f, "{group:x}")?;
            }
            Ok(())
        };
        write_groups(f, &groups[..best_start])?;
        if best_len > 0 {
            f.write_str("::")?;
            write_groups(f, &groups[best_start + best_len..])?;
        }
        Ok(())
    }
}

// ----- what may still come -----

/// The texts that complete every valid prefix of a field of one kind, shortest first; the least
/// number of octets that completes a prefix is the length of the first that does.
///
/// For IPv6 this list is complete: a prefix that ends inside hexadecimal groups is completed by
/// nothing, one digit, one colon, or `::` / `:0`; one that ends inside the dotted quad by one to
/// three `.0` after a digit if its last octet ended with a dot.
const IPV4_COMPLETIONS: &[&[u8]] = &[b"", b"0", b".0", b"0.0", b".0.0", b"0.0.0", b".0.0.0", b"0.0.0.0"];
const IPV6_COMPLETIONS: &[&[u8]] = &[
    b"", b"0", b":", b"::", b":0", b".0", b"0.0", b".0.0", b"0.0.0", b".0.0.0",
];
const PORT_COMPLETIONS: &[&[u8]] = &[b"", b"0"];

/// One field of a `TCP4` or `TCP6` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Ipv4,
    Ipv6,
    Port,
}

impl Field {
    /// Whether `text` is the whole field.
    fn is_valid(self, text: &[u8]) -> bool {
        match self {
            Field::Ipv4 => ipv4(text).is_some(),
            Field::Ipv6 => ipv6(text).is_some(),
            Field::Port => port(text).is_some(),
        }
    }

    /// The least number of octets that make `prefix` a whole field, or `None` when no octets
    /// can.
    fn completion(self, prefix: &[u8]) -> Option<usize> {
        let completions = match self {
            Field::Ipv4 => IPV4_COMPLETIONS,
            Field::Ipv6 => IPV6_COMPLETIONS,
            Field::Port => PORT_COMPLETIONS,
        };
        let mut candidate = Vec::with_capacity(prefix.len() + 8);
        completions.iter().find_map(|suffix| {
            candidate.clear();
            candidate.extend_from_slice(prefix);
            candidate.extend_from_slice(suffix);
            self.is_valid(&candidate).then_some(suffix.len())
        })
    }

    /// The length of the longest prefix of `text` that some octets could still make a whole
    /// field: where an invalid field goes wrong.
    fn valid_prefix_len(self, text: &[u8]) -> usize {
        (0..=text.len())
            .rev()
            .find(|&len| self.completion(&text[..len]).is_some())
            .unwrap_or(0)
    }

    /// The error for a field that is not valid.
    fn error(self) -> SmtpErrorKind {
        match self {
            Field::Ipv4 => SmtpErrorKind::ProxyV1Ipv4,
            Field::Ipv6 => SmtpErrorKind::ProxyV1Ipv6,
            Field::Port => SmtpErrorKind::ProxyV1Port,
        }
    }

    /// The shortest text of the field: `0.0.0.0`, `::` or `0`.
    fn min_len(self) -> usize {
        match self {
            Field::Ipv4 => 7,
            Field::Ipv6 => 2,
            Field::Port => 1,
        }
    }
}

/// The protocols of a version 1 line, with the length of the shortest line of each.
const PROTOCOLS: [(&[u8], usize); 3] = [(b"TCP4", 32), (b"TCP6", 22), (b"UNKNOWN", V1_MIN_LEN)];

// ----- the line -----

/// The end of the input was reached with `needed` more octets at least to come: incomplete, or
/// too long if the line could then not end within 107 octets.
fn stop<T>(line_len: usize, needed: usize) -> Result<Status<T>, SmtpError> {
    if line_len + needed > V1_MAX_LEN {
        Err(SmtpError::at(SmtpErrorKind::ProxyV1TooLong, line_len.min(V1_MAX_LEN)))
    } else {
        Ok(Status::Incomplete { needed })
    }
}

/// Parses a version 1 line at the start of `bytes`, which starts with `PROXY ` (the caller
/// checked). Returns the header and the length of the line, CRLF included.
pub(super) fn parse_v1(bytes: &[u8]) -> Result<Status<(V1Header, usize)>, SmtpError> {
    // Nothing past octet 107 can belong to the line.
    let line = &bytes[..bytes.len().min(V1_MAX_LEN)];
    let at = V1_PREFIX.len();
    let rest = &line[at..];
    let Some(&(name, _)) = PROTOCOLS.iter().find(|(name, _)| rest.starts_with(name)) else {
        let possible = PROTOCOLS.iter().filter(|(name, _)| name.starts_with(rest));
        if let Some(min) = possible.map(|&(_, min)| min).min() {
            return stop(line.len(), min - line.len());
        }
        let common = PROTOCOLS
            .iter()
            .map(|(name, _)| name.iter().zip(rest).take_while(|(a, b)| a == b).count())
            .max()
            .unwrap_or(0);
        return Err(SmtpError::at(SmtpErrorKind::ProxyV1Protocol, at + common));
    };
    let at = at + name.len();
    match name {
        b"TCP4" => tcp(line, at, Field::Ipv4),
        b"TCP6" => tcp(line, at, Field::Ipv6),
        _ => unknown(line, at),
    }
}

/// The rest of an `UNKNOWN` line from `at`, just after `UNKNOWN`: CRLF, or a space and anything
/// up to the first CRLF (§2.1: "the receiver must ignore anything presented before the CRLF is
/// found"; a lone CR or LF in there is ignored too, and does not end the line).
fn unknown(line: &[u8], at: usize) -> Result<Status<(V1Header, usize)>, SmtpError> {
    let rest_at = match line.get(at) {
        None => return stop(line.len(), 2),
        Some(b'\r' | b'\n') => {
            return crlf(line, at).map(|status| map_len(status, V1Header::Unknown));
        }
        Some(b' ') => at + 1,
        Some(_) => return Err(SmtpError::at(SmtpErrorKind::ProxyV1ExpectedSpace, at)),
    };
    match line[rest_at..].windows(2).position(|pair| pair == b"\r\n") {
        Some(end) => Ok(Status::Complete((V1Header::Unknown, rest_at + end + 2))),
        None if line.ends_with(b"\r") => stop(line.len(), 1),
        None => stop(line.len(), 2),
    }
}

/// A status of the line's length, with the header.
fn map_len(status: Status<usize>, header: V1Header) -> Status<(V1Header, usize)> {
    match status {
        Status::Complete(len) => Status::Complete((header, len)),
        Status::Incomplete { needed } => Status::Incomplete { needed },
    }
}

/// The CRLF expected at `at`: the length of the line through it. A CR without its LF, or an LF
/// alone, is an error at that CR or LF.
fn crlf(line: &[u8], at: usize) -> Result<Status<usize>, SmtpError> {
    match line.get(at) {
        None => stop(line.len(), 2),
        Some(b'\r') => match line.get(at + 1) {
            Some(b'\n') => Ok(Status::Complete(at + 2)),
            None => stop(line.len(), 1),
            Some(_) => Err(SmtpError::at(SmtpErrorKind::ProxyV1ExpectedCrlf, at)),
        },
        Some(_) => Err(SmtpError::at(SmtpErrorKind::ProxyV1ExpectedCrlf, at)),
    }
}

/// The rest of a `TCP4` or `TCP6` line from `at`, just after the protocol: four fields, each
/// after one space, then CRLF.
fn tcp(line: &[u8], at: usize, address: Field) -> Result<Status<(V1Header, usize)>, SmtpError> {
    const PORT: Field = Field::Port;
    let fields = [address, address, PORT, PORT];
    let mut texts: [&[u8]; 4] = [b""; 4];
    let mut at = at;
    for (i, &field) in fields.iter().enumerate() {
        // The least the line needs after this field: the spaces and shortest fields that
        // follow it, and CRLF.
        let after: usize = fields[i + 1..].iter().map(|f| 1 + f.min_len()).sum::<usize>() + 2;
        match line.get(at) {
            None => return stop(line.len(), 1 + field.min_len() + after),
            Some(b' ') => at += 1,
            Some(_) => return Err(SmtpError::at(SmtpErrorKind::ProxyV1ExpectedSpace, at)),
        }
        let end = line[at..]
            .iter()
            .position(|&b| matches!(b, b' ' | b'\r' | b'\n'))
            .map_or(line.len(), |len| at + len);
        let text = &line[at..end];
        let bad = || SmtpError::at(field.error(), at + field.valid_prefix_len(text));
        if end == line.len() {
            let more = field.completion(text).ok_or_else(bad)?;
            return stop(line.len(), more + after);
        }
        if !field.is_valid(text) {
            return Err(bad());
        }
        texts[i] = text;
        at = end;
    }
    let len = match crlf(line, at)? {
        Status::Complete(len) => len,
        Status::Incomplete { needed } => return Ok(Status::Incomplete { needed }),
    };
    let header = if address == Field::Ipv4 {
        V1Header::Tcp4(endpoints(texts, |text| ipv4(text).unwrap_or(Ipv4Addr::UNSPECIFIED)))
    } else {
        V1Header::Tcp6(endpoints(texts, |text| ipv6(text).unwrap_or(Ipv6Addr::UNSPECIFIED)))
    };
    Ok(Status::Complete((header, len)))
}

/// The endpoints of four field texts already found valid.
fn endpoints<A>(texts: [&[u8]; 4], address: impl Fn(&[u8]) -> A) -> Endpoints<A> {
    Endpoints {
        source: address(texts[0]),
        destination: address(texts[1]),
        source_port: port(texts[2]).unwrap_or(0),
        destination_port: port(texts[3]).unwrap_or(0),
    }
}

/// The line of `header`, CRLF included.
pub(super) fn v1_line(header: &V1Header) -> alloc::string::String {
    match header {
        V1Header::Tcp4(e) => alloc::format!(
            "PROXY TCP4 {} {} {} {}\r\n",
            e.source,
            e.destination,
            e.source_port,
            e.destination_port
        ),
        V1Header::Tcp6(e) => alloc::format!(
            "PROXY TCP6 {} {} {} {}\r\n",
            Ipv6Text(e.source),
            Ipv6Text(e.destination),
            e.source_port,
            e.destination_port
        ),
        V1Header::Unknown => "PROXY UNKNOWN\r\n".into(),
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;

    use super::*;

    #[test]
    fn ipv4_takes_dotted_quads_without_leading_zeros() {
        assert_eq!(ipv4(b"192.168.0.1"), Some(Ipv4Addr::new(192, 168, 0, 1)));
        assert_eq!(ipv4(b"0.0.0.0"), Some(Ipv4Addr::UNSPECIFIED));
        assert_eq!(ipv4(b"255.255.255.255"), Some(Ipv4Addr::BROADCAST));
        for bad in [
            &b"01.2.3.4"[..],
            b"1.2.3.04",
            b"1.2.3.00",
            b"256.1.1.1",
            b"1.2.3",
            b"1.2.3.4.5",
            b"1..3.4",
            b"1.2.3.4.",
            b".1.2.3",
            b"+1.2.3.4",
            b"1.2.3.0x4",
            b"1.2.3.1000",
            b"",
        ] {
            assert_eq!(ipv4(bad), None, "{:?}", core::str::from_utf8(bad));
        }
    }

    #[test]
    fn ports_are_decimal_without_leading_zeros_or_sign() {
        assert_eq!(port(b"0"), Some(0));
        assert_eq!(port(b"65535"), Some(65535));
        assert_eq!(port(b"443"), Some(443));
        for bad in [
            &b"65536"[..],
            b"00",
            b"0443",
            b"+443",
            b"-1",
            b"",
            b"1e3",
            b"100000",
            b" 1",
        ] {
            assert_eq!(port(bad), None, "{:?}", core::str::from_utf8(bad));
        }
    }

    #[test]
    fn ipv6_takes_the_rfc4291_forms() {
        let cases: &[(&[u8], [u16; 8])] = &[
            (b"::", [0; 8]),
            (b"::1", [0, 0, 0, 0, 0, 0, 0, 1]),
            (b"1::", [1, 0, 0, 0, 0, 0, 0, 0]),
            (
                b"2001:DB8:0:0:8:800:200C:417A",
                [0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a],
            ),
            (
                b"2001:db8::8:800:200c:417a",
                [0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a],
            ),
            (b"ff01::101", [0xff01, 0, 0, 0, 0, 0, 0, 0x101]),
            (b"0:0:0:0:0:0:13.1.68.3", [0, 0, 0, 0, 0, 0, 0x0d01, 0x4403]),
            (b"::FFFF:129.144.52.38", [0, 0, 0, 0, 0, 0xffff, 0x8190, 0x3426]),
            (b"1:2:3:4:5:6:7::", [1, 2, 3, 4, 5, 6, 7, 0]),
            (b"::2:3:4:5:6:7:8", [0, 2, 3, 4, 5, 6, 7, 8]),
            (b"0001:02:3:4:5:6:7:8", [1, 2, 3, 4, 5, 6, 7, 8]),
            (
                b"ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255",
                [0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff],
            ),
        ];
        for (text, groups) in cases {
            assert_eq!(
                ipv6(text),
                Some(Ipv6Addr::from(*groups)),
                "{:?}",
                core::str::from_utf8(text)
            );
        }
        for bad in [
            &b""[..],
            b":",
            b":::",
            b"1:::2",
            b"1::2::3",
            b":1::",
            b"1::2:",
            b"1:2:3:4:5:6:7",
            b"1:2:3:4:5:6:7:8:9",
            b"1:2:3:4:5:6:7:8::",
            b"::1:2:3:4:5:6:7:8",
            b"12345::",
            b"g::",
            b"::1.2.3",
            b"::1.2.3.04",
            b"::1.2.3.4:5",
            b"1:2:3:4:5:6:7:1.2.3.4",
            b"::1.2.3.4.5",
            b"1.2.3.4",
            b" ::1",
        ] {
            assert_eq!(ipv6(bad), None, "{:?}", core::str::from_utf8(bad));
        }
    }

    #[test]
    fn ipv6_text_follows_rfc5952_section_4() {
        let cases: &[([u16; 8], &str)] = &[
            ([0; 8], "::"),
            ([0, 0, 0, 0, 0, 0, 0, 1], "::1"),
            ([0x2001, 0xdb8, 0, 0, 0, 0, 2, 1], "2001:db8::2:1"),
            // §4.2.2: one zero group is not shortened.
            ([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1], "2001:db8:0:1:1:1:1:1"),
            // §4.2.3: the longest run, and the first of equal runs.
            ([0x2001, 0, 0, 1, 0, 0, 0, 1], "2001:0:0:1::1"),
            ([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1], "2001:db8::1:0:0:1"),
            // §4.3: lower case; §4.1: no leading zeros.
            ([0xABCD, 0x00EF, 0, 0, 0, 0, 0, 0x0A], "abcd:ef::a"),
            ([1, 0, 0, 0, 0, 0, 0, 0], "1::"),
            ([0xffff; 8], "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
            // No mixed notation, even for an IPv4-mapped address.
            ([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201], "::ffff:c000:201"),
        ];
        for (groups, text) in cases {
            assert_eq!(Ipv6Text(Ipv6Addr::from(*groups)).to_string(), *text);
            assert_eq!(ipv6(text.as_bytes()), Some(Ipv6Addr::from(*groups)));
        }
    }

    #[test]
    fn core_display_agrees_but_for_ipv4_mapped_addresses() {
        let mapped = Ipv6Addr::from([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
        assert_eq!(mapped.to_string(), "::ffff:192.0.2.1");
        assert_eq!(Ipv6Text(mapped).to_string(), "::ffff:c000:201");
        let plain = Ipv6Addr::from([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]);
        assert_eq!(plain.to_string(), Ipv6Text(plain).to_string());
    }

    #[test]
    fn completions_of_partial_addresses() {
        assert_eq!(Field::Ipv4.completion(b""), Some(7));
        assert_eq!(Field::Ipv4.completion(b"25"), Some(6));
        assert_eq!(Field::Ipv4.completion(b"1.2."), Some(3));
        assert_eq!(Field::Ipv4.completion(b"1.2.3.4"), Some(0));
        assert_eq!(Field::Ipv4.completion(b"256"), None);
        assert_eq!(Field::Ipv4.completion(b"01"), None);
        assert_eq!(Field::Ipv6.completion(b""), Some(2));
        assert_eq!(Field::Ipv6.completion(b":"), Some(1));
        assert_eq!(Field::Ipv6.completion(b"1:2"), Some(2));
        assert_eq!(Field::Ipv6.completion(b"1:2:"), Some(1));
        assert_eq!(Field::Ipv6.completion(b"::ffff:1.2"), Some(4));
        assert_eq!(Field::Ipv6.completion(b"::ffff:1.2."), Some(3));
        assert_eq!(Field::Ipv6.completion(b"1:2:3:4:5:6:7:8"), Some(0));
        assert_eq!(Field::Ipv6.completion(b"1:2:3:4:5:6:7:8:"), None);
        assert_eq!(Field::Ipv6.completion(b"1::2::"), None);
        assert_eq!(Field::Port.completion(b""), Some(1));
        assert_eq!(Field::Port.completion(b"0"), Some(0));
        assert_eq!(Field::Port.completion(b"00"), None);
        assert_eq!(Field::Port.valid_prefix_len(b"655360"), 4);
        assert_eq!(Field::Ipv4.valid_prefix_len(b"1.2.300.4"), 6);
    }

    /// Every prefix of a valid field is completed by the listed texts: the list misses no
    /// shape of prefix.
    #[test]
    fn every_prefix_of_a_valid_address_has_a_completion() {
        let addresses: &[(&str, Field)] = &[
            ("255.255.255.255", Field::Ipv4),
            ("10.0.100.9", Field::Ipv4),
            ("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", Field::Ipv6),
            ("1:2:3:4:5:6:7:8", Field::Ipv6),
            ("1:2:3:4:5:6:7::", Field::Ipv6),
            ("::ffff:10.0.0.1", Field::Ipv6),
            ("1::2:3:4:5:6:7", Field::Ipv6),
            ("1:22:333:4444::5.6.7.8", Field::Ipv6),
            ("65535", Field::Port),
        ];
        for (text, field) in addresses {
            assert!(field.is_valid(text.as_bytes()), "{text}");
            for len in 0..=text.len() {
                let prefix = &text.as_bytes()[..len];
                let more = field.completion(prefix);
                assert!(more.is_some(), "{:?} of {text}", &text[..len]);
                assert!(more <= Some(text.len() - len), "{:?} of {text}", &text[..len]);
            }
        }
    }
}
