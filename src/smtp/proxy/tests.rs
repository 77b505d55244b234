//! The rules of haproxy's proxy-protocol.txt, one test each, its examples, and the incomplete
//! prefixes of valid headers.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::net::{Ipv4Addr, Ipv6Addr};

use super::*;

// ----- helpers -----

/// The header and length of input that must hold a whole header.
fn complete(input: &[u8]) -> (ProxyHeader<'static>, usize) {
    match ProxyHeader::parse(input) {
        Ok(Status::Complete((header, len))) => (header.into_owned(), len),
        other => panic!("{:?}: expected a header, got {other:?}", String::from_utf8_lossy(input)),
    }
}

/// The kind and offset of the error input must give.
fn error(input: &[u8]) -> (SmtpErrorKind, Option<usize>) {
    match ProxyHeader::parse(input) {
        Err(err) => (err.kind(), err.offset()),
        other => panic!("{:?}: expected an error, got {other:?}", String::from_utf8_lossy(input)),
    }
}

/// The `needed` of input that must be incomplete.
fn needed(input: &[u8]) -> usize {
    match ProxyHeader::parse(input) {
        Ok(Status::Incomplete { needed }) => needed,
        other => panic!(
            "{:?}: expected incomplete, got {other:?}",
            String::from_utf8_lossy(input)
        ),
    }
}

fn v4(a: [u8; 4]) -> Ipv4Addr {
    Ipv4Addr::from(a)
}

fn v6(groups: [u16; 8]) -> Ipv6Addr {
    Ipv6Addr::from(groups)
}

/// A version 2 header by hand: signature, the two octets, the length of `rest`, and `rest`.
fn v2_bytes(ver_cmd: u8, fam: u8, rest: &[u8]) -> Vec<u8> {
    let mut bytes = binary::SIGNATURE.to_vec();
    bytes.push(ver_cmd);
    bytes.push(fam);
    bytes.extend_from_slice(&u16::try_from(rest.len()).unwrap().to_be_bytes());
    bytes.extend_from_slice(rest);
    bytes
}

/// The TCP over IPv4 address block 192.0.2.1:56324 → 198.51.100.1:25.
const TCP4_BLOCK: [u8; 12] = [192, 0, 2, 1, 198, 51, 100, 1, 0xDC, 0x04, 0, 25];

fn tlv(kind: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![kind];
    out.extend_from_slice(&u16::try_from(value.len()).unwrap().to_be_bytes());
    out.extend_from_slice(value);
    out
}

/// Every proper prefix of `input` (a whole header) is incomplete, with a `needed` of at least
/// one that never reaches past the header's end; the whole is complete.
fn assert_prefixes_incomplete(input: &[u8]) {
    let (_, len) = complete(input);
    assert_eq!(len, input.len(), "{:?} is one header", String::from_utf8_lossy(input));
    for cut in 0..len {
        let needed = needed(&input[..cut]);
        assert!(needed >= 1, "prefix {cut}");
        assert!(cut + needed <= len, "prefix {cut} of {len}: needed {needed} overshoots");
    }
}

// ----- telling the versions apart (§2.2, end) -----

#[test]
fn empty_input_needs_the_shortest_header() {
    assert_eq!(needed(b""), 15);
}

#[test]
fn a_prefix_of_proxy_needs_the_rest_of_the_unknown_line() {
    assert_eq!(needed(b"P"), 14);
    assert_eq!(needed(b"PROXY"), 10);
    assert_eq!(needed(b"PROXY "), 9);
}

#[test]
fn a_prefix_of_the_signature_needs_the_rest_of_the_fixed_part() {
    for len in 1..16 {
        let bytes = v2_bytes(0x20, 0x00, b"");
        assert_eq!(needed(&bytes[..len]), 16 - len, "prefix {len}");
    }
}

#[test]
fn other_protocols_are_not_a_header() {
    assert_eq!(
        error(b"EHLO client.example\r\n"),
        (SmtpErrorKind::ProxyNotAHeader, Some(0))
    );
    assert_eq!(error(b"GET / HTTP/1.1\r\n"), (SmtpErrorKind::ProxyNotAHeader, Some(0)));
    assert_eq!(error(b"\x16\x03\x01"), (SmtpErrorKind::ProxyNotAHeader, Some(0)));
    // "PROXY" is matched exactly, upper case.
    assert_eq!(error(b"proxy TCP4"), (SmtpErrorKind::ProxyNotAHeader, Some(0)));
    assert_eq!(error(b"PROXZ"), (SmtpErrorKind::ProxyNotAHeader, Some(4)));
    assert_eq!(
        error(b"\r\n\r\n\0\r\nQUIT\r"),
        (SmtpErrorKind::ProxyNotAHeader, Some(11))
    );
    assert_eq!(error(b"\r\n\r\nX"), (SmtpErrorKind::ProxyNotAHeader, Some(4)));
}

// ----- version 1 (§2.1) -----

#[test]
fn spec_example_before_an_http_request() {
    let input = b"PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\nGET / HTTP/1.1\r\nHost: 192.168.0.11\r\n\r\n";
    let (header, len) = complete(input);
    assert_eq!(len, 47);
    assert_eq!(&input[len..len + 3], b"GET");
    assert_eq!(
        header,
        ProxyHeader::V1(V1Header::Tcp4(Endpoints::new(
            v4([192, 168, 0, 1]),
            56324,
            v4([192, 168, 0, 11]),
            443
        )))
    );
}

#[test]
fn spec_longest_lines_are_accepted() {
    let tcp4 = b"PROXY TCP4 255.255.255.255 255.255.255.255 65535 65535\r\n";
    assert_eq!(complete(tcp4).1, 56);
    let f = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
    let tcp6 = alloc::format!("PROXY TCP6 {f} {f} 65535 65535\r\n");
    assert_eq!(complete(tcp6.as_bytes()).1, 104);
    assert_eq!(
        complete(tcp6.as_bytes()).0,
        ProxyHeader::V1(V1Header::Tcp6(Endpoints::new(
            v6([0xffff; 8]),
            65535,
            v6([0xffff; 8]),
            65535
        )))
    );
    assert_eq!(complete(b"PROXY UNKNOWN\r\n").1, 15);
    let worst = alloc::format!("PROXY UNKNOWN {f} {f} 65535 65535\r\n");
    assert_eq!(complete(worst.as_bytes()), (ProxyHeader::V1(V1Header::Unknown), 107));
}

#[test]
fn a_line_without_crlf_in_107_octets_is_too_long() {
    let f = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
    let long = alloc::format!("PROXY UNKNOWN {f} {f} 65535 655350\r\n");
    assert_eq!(long.len(), 108);
    assert_eq!(error(long.as_bytes()), (SmtpErrorKind::ProxyV1TooLong, Some(107)));
    // Cut before the CRLF, it cannot end in time either.
    assert_eq!(
        error(&long.as_bytes()[..106]),
        (SmtpErrorKind::ProxyV1TooLong, Some(106))
    );
    // But the same line one octet shorter can.
    assert_eq!(needed(&long.as_bytes()[..105]), 2);
    let mut endless = b"PROXY UNKNOWN ".to_vec();
    endless.resize(500, b'a');
    assert_eq!(error(&endless), (SmtpErrorKind::ProxyV1TooLong, Some(107)));
    // An IPv6 line made long by dotted quads: valid addresses, but no room for the CRLF.
    let mixed = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";
    let line = alloc::format!("PROXY TCP6 {mixed} {mixed} 65535 65535\r\n");
    assert_eq!(error(line.as_bytes()).0, SmtpErrorKind::ProxyV1TooLong);
}

#[test]
fn exactly_one_space_between_fields() {
    assert_eq!(error(b"PROXY  TCP4"), (SmtpErrorKind::ProxyV1Protocol, Some(6)));
    assert_eq!(error(b"PROXY\tTCP4"), (SmtpErrorKind::ProxyV1ExpectedSpace, Some(5)));
    assert_eq!(error(b"PROXY TCP4  1.2.3.4"), (SmtpErrorKind::ProxyV1Ipv4, Some(11)));
    assert_eq!(
        error(b"PROXY TCP4 1.2.3.4  5.6.7.8"),
        (SmtpErrorKind::ProxyV1Ipv4, Some(19))
    );
    assert_eq!(
        error(b"PROXY TCP4 1.2.3.4 5.6.7.8 1  2\r\n"),
        (SmtpErrorKind::ProxyV1Port, Some(29))
    );
    assert_eq!(
        error(b"PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \r\n"),
        (SmtpErrorKind::ProxyV1ExpectedCrlf, Some(30))
    );
    assert_eq!(
        error(b"PROXY TCP4\t1.2.3.4"),
        (SmtpErrorKind::ProxyV1ExpectedSpace, Some(10))
    );
    assert_eq!(
        error(b"PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n"),
        (SmtpErrorKind::ProxyV1ExpectedSpace, Some(28))
    );
}

#[test]
fn protocol_is_tcp4_tcp6_or_unknown_in_upper_case() {
    assert_eq!(error(b"PROXY tcp4 1.2.3.4"), (SmtpErrorKind::ProxyV1Protocol, Some(6)));
    // "U" could still be "UNKNOWN": the fault is the "D".
    assert_eq!(error(b"PROXY UDP4 1.2.3.4"), (SmtpErrorKind::ProxyV1Protocol, Some(7)));
    assert_eq!(error(b"PROXY TCP5 1.2.3.4"), (SmtpErrorKind::ProxyV1Protocol, Some(9)));
    assert_eq!(error(b"PROXY TCP41"), (SmtpErrorKind::ProxyV1ExpectedSpace, Some(10)));
    assert_eq!(
        error(b"PROXY UNKNOWNX\r\n"),
        (SmtpErrorKind::ProxyV1ExpectedSpace, Some(13))
    );
    assert_eq!(
        error(b"PROXY UNKNOWN\n"),
        (SmtpErrorKind::ProxyV1ExpectedCrlf, Some(13))
    );
}

#[test]
fn ipv4_octets_have_no_leading_zeros() {
    assert_eq!(
        error(b"PROXY TCP4 192.168.0.01 1.2.3.4 1 2\r\n"),
        (SmtpErrorKind::ProxyV1Ipv4, Some(22))
    );
    assert_eq!(
        error(b"PROXY TCP4 010.0.0.1 1.2.3.4 1 2\r\n"),
        (SmtpErrorKind::ProxyV1Ipv4, Some(12))
    );
    assert_eq!(
        error(b"PROXY TCP4 1.2.3.256 1.2.3.4 1 2\r\n"),
        (SmtpErrorKind::ProxyV1Ipv4, Some(19))
    );
    assert_eq!(
        error(b"PROXY TCP4 1.2.3 1.2.3.4 1 2\r\n"),
        (SmtpErrorKind::ProxyV1Ipv4, Some(16))
    );
    // Found at once, before the line ends.
    assert_eq!(error(b"PROXY TCP4 01"), (SmtpErrorKind::ProxyV1Ipv4, Some(12)));
}

#[test]
fn ports_are_0_to_65535_without_leading_zeros_or_sign() {
    let line = |sport: &str| alloc::format!("PROXY TCP4 1.2.3.4 5.6.7.8 {sport} 25\r\n");
    assert!(ProxyHeader::parse(line("0").as_bytes()).unwrap().is_complete());
    assert!(ProxyHeader::parse(line("65535").as_bytes()).unwrap().is_complete());
    for bad in ["65536", "080", "00", "+80", "-1", "8O", "99999"] {
        let (kind, offset) = error(line(bad).as_bytes());
        assert_eq!(kind, SmtpErrorKind::ProxyV1Port, "{bad}");
        assert!(offset >= Some(27), "{bad}: {offset:?}");
    }
    assert_eq!(
        error(b"PROXY TCP4 1.2.3.4 5.6.7.8 25 080\r\n"),
        (SmtpErrorKind::ProxyV1Port, Some(31))
    );
}

#[test]
fn addresses_match_the_family() {
    assert_eq!(
        error(b"PROXY TCP4 ::1 ::1 1 2\r\n"),
        (SmtpErrorKind::ProxyV1Ipv4, Some(11))
    );
    assert_eq!(
        error(b"PROXY TCP6 1.2.3.4 ::1 1 2\r\n"),
        (SmtpErrorKind::ProxyV1Ipv6, Some(12))
    );
    assert_eq!(
        error(b"PROXY TCP4 1.2.3.4 ::1 1 2\r\n"),
        (SmtpErrorKind::ProxyV1Ipv4, Some(19))
    );
}

#[test]
fn ipv6_addresses_in_rfc4291_forms() {
    let (header, _) = complete(b"PROXY TCP6 2001:DB8::1 ::ffff:192.0.2.1 1 2\r\n");
    assert_eq!(
        header,
        ProxyHeader::V1(V1Header::Tcp6(Endpoints::new(
            v6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]),
            1,
            v6([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]),
            2
        )))
    );
    assert_eq!(
        error(b"PROXY TCP6 1::2::3 ::1 1 2\r\n"),
        (SmtpErrorKind::ProxyV1Ipv6, Some(16))
    );
    assert_eq!(
        error(b"PROXY TCP6 12345:: ::1 1 2\r\n"),
        (SmtpErrorKind::ProxyV1Ipv6, Some(15))
    );
    assert_eq!(
        error(b"PROXY TCP6 ::1.2.3.04 ::1 1 2\r\n"),
        (SmtpErrorKind::ProxyV1Ipv6, Some(20))
    );
    assert_eq!(
        error(b"PROXY TCP6 1:2:3:4:5:6:7 ::1 1 2\r\n"),
        (SmtpErrorKind::ProxyV1Ipv6, Some(24))
    );
}

#[test]
fn crlf_ends_the_line_and_nothing_else_does() {
    assert_eq!(
        error(b"PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n"),
        (SmtpErrorKind::ProxyV1ExpectedCrlf, Some(30))
    );
    assert_eq!(
        error(b"PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\r\n"),
        (SmtpErrorKind::ProxyV1ExpectedCrlf, Some(30))
    );
    assert_eq!(
        error(b"PROXY TCP4 1.2.3.4 5.6.7.8 1 2\rX"),
        (SmtpErrorKind::ProxyV1ExpectedCrlf, Some(30))
    );
    assert_eq!(
        error(b"PROXY UNKNOWN\rX"),
        (SmtpErrorKind::ProxyV1ExpectedCrlf, Some(13))
    );
    // A port that stops at an LF is no port.
    assert_eq!(
        error(b"PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n\r\n"),
        (SmtpErrorKind::ProxyV1ExpectedCrlf, Some(30))
    );
}

#[test]
fn unknown_ignores_the_rest_of_the_line() {
    for line in [
        &b"PROXY UNKNOWN\r\n"[..],
        b"PROXY UNKNOWN \r\n",
        b"PROXY UNKNOWN 1.2.3.4 5.6.7.8 1 2\r\n",
        b"PROXY UNKNOWN anything \xff at all\r\n",
        b"PROXY UNKNOWN a  b\tc\r\n",
    ] {
        assert_eq!(complete(line), (ProxyHeader::V1(V1Header::Unknown), line.len()));
    }
    // A lone CR or LF is ignored too: only CRLF ends the line.
    assert_eq!(
        complete(b"PROXY UNKNOWN a\nb\r\nEHLO"),
        (ProxyHeader::V1(V1Header::Unknown), 19)
    );
    assert_eq!(
        complete(b"PROXY UNKNOWN a\rb\r\r\n"),
        (ProxyHeader::V1(V1Header::Unknown), 20)
    );
    assert_eq!(needed(b"PROXY UNKNOWN a\n"), 2);
    // Right after UNKNOWN, only a space or the CRLF.
    assert_eq!(
        error(b"PROXY UNKNOWN\nx\r\n"),
        (SmtpErrorKind::ProxyV1ExpectedCrlf, Some(13))
    );
    assert_eq!(needed(b"PROXY UNKNOWN a b"), 2);
    assert_eq!(needed(b"PROXY UNKNOWN a b\r"), 1);
}

#[test]
fn partial_lines_need_the_least_that_completes_them() {
    let cases: &[(&[u8], usize)] = &[
        (b"PROXY T", 15),                  // "CP6 :: :: 0 0\r\n"
        (b"PROXY U", 8),                   // "NKNOWN\r\n"
        (b"PROXY TCP4", 22),               // " 0.0.0.0 0.0.0.0 0 0\r\n"
        (b"PROXY TCP6", 12),               // " :: :: 0 0\r\n"
        (b"PROXY TCP4 ", 21),              // "0.0.0.0 0.0.0.0 0 0\r\n"
        (b"PROXY TCP4 1.2", 18),           // ".0.0 0.0.0.0 0 0\r\n"
        (b"PROXY TCP4 1.2.3.4", 14),       // " 0.0.0.0 0 0\r\n"
        (b"PROXY TCP6 1:2", 11),           // ":: :: 0 0\r\n"
        (b"PROXY TCP6 :: ::ffff:1.2.", 9), // "0.0 0 0\r\n"
        (b"PROXY TCP6 :: :: 0 1", 2),
        (b"PROXY TCP6 :: :: 0 1\r", 1),
        (b"PROXY TCP4 1.2.3.4 5.6.7.8 1 ", 3),
    ];
    for (input, expected) in cases {
        assert_eq!(needed(input), *expected, "{:?}", String::from_utf8_lossy(input));
        // The named completion works: the least is reachable.
    }
    assert!(complete(b"PROXY TCP6 :: ::ffff:1.2.0.0 0 0\r\n").1 == 34);
}

#[test]
fn every_prefix_of_a_valid_line_is_incomplete() {
    for line in [
        &b"PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n"[..],
        b"PROXY TCP4 0.0.0.0 255.255.255.255 0 65535\r\n",
        b"PROXY TCP6 2001:db8::1 ::ffff:192.0.2.1 1 2\r\n",
        b"PROXY TCP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 65535 65535\r\n",
        b"PROXY TCP6 1:2:3:4:5:6:7:: :: 10 0\r\n",
        b"PROXY UNKNOWN\r\n",
        b"PROXY UNKNOWN whatever was here\r\n",
        b"PROXY UNKNOWN \n\r x\r\n",
    ] {
        assert_prefixes_incomplete(line);
    }
}

#[test]
fn v1_headers_are_written_canonically() {
    let (header, _) = complete(b"PROXY TCP6 2001:0DB8:0000:0000:0000:0000:0000:0001 ::0:1 80 443\r\n");
    assert_eq!(header.to_bytes(), b"PROXY TCP6 2001:db8::1 ::1 80 443\r\n");
    let (header, _) = complete(b"PROXY UNKNOWN 1.2.3.4 5.6.7.8 1 2\r\n");
    assert_eq!(header.to_bytes(), b"PROXY UNKNOWN\r\n");
    let header = ProxyHeader::V1(V1Header::Tcp4(Endpoints::new(
        v4([10, 0, 0, 1]),
        0,
        v4([10, 0, 0, 2]),
        65535,
    )));
    assert_eq!(header.to_bytes(), b"PROXY TCP4 10.0.0.1 10.0.0.2 0 65535\r\n");
}

#[test]
fn v1_from_socket_addresses_needs_one_family() {
    let a: core::net::SocketAddr = "192.0.2.1:1".parse().unwrap();
    let b: core::net::SocketAddr = "[::1]:2".parse().unwrap();
    assert_eq!(
        V1Header::new(a, b).unwrap_err().kind(),
        SmtpErrorKind::ProxyFamilyMismatch
    );
    assert_eq!(
        V1Header::new(b, b).unwrap(),
        V1Header::Tcp6(Endpoints::new(Ipv6Addr::LOCALHOST, 2, Ipv6Addr::LOCALHOST, 2))
    );
    let header = ProxyHeader::V1(V1Header::new(a, a).unwrap());
    assert_eq!((header.source(), header.destination()), (Some(a), Some(a)));
}

// ----- version 2 (§2.2) -----

#[test]
fn v2_tcp4_example() {
    let mut input = v2_bytes(0x21, 0x11, &TCP4_BLOCK);
    input.extend_from_slice(b"EHLO x\r\n");
    let (header, len) = complete(&input);
    assert_eq!(len, 28);
    assert_eq!(header.version(), 2);
    assert_eq!(header.command(), Command::Proxy);
    assert_eq!(header.family(), ProxyFamily::Tcp4);
    assert_eq!(header.source(), Some("192.0.2.1:56324".parse().unwrap()));
    assert_eq!(header.destination(), Some("198.51.100.1:25".parse().unwrap()));
    assert_eq!(header.to_bytes(), &input[..len]);
}

#[test]
fn v2_every_family() {
    let mut ipv6 = [0u8; 36];
    ipv6[15] = 1;
    ipv6[16] = 0x20;
    ipv6[17] = 0x01;
    ipv6[32..].copy_from_slice(&[0, 80, 1, 187]);
    let mut unix = [0u8; 216];
    unix[..5].copy_from_slice(b"/a/b\0");
    unix[108..111].copy_from_slice(b"/cd");
    let cases: &[(u8, &[u8], ProxyFamily)] = &[
        (0x00, b"", ProxyFamily::Unspec),
        (0x11, &TCP4_BLOCK, ProxyFamily::Tcp4),
        (0x12, &TCP4_BLOCK, ProxyFamily::Udp4),
        (0x21, &ipv6, ProxyFamily::Tcp6),
        (0x22, &ipv6, ProxyFamily::Udp6),
        (0x31, &unix, ProxyFamily::UnixStream),
        (0x32, &unix, ProxyFamily::UnixDgram),
    ];
    for &(fam, block, family) in cases {
        let input = v2_bytes(0x21, fam, block);
        let (header, len) = complete(&input);
        assert_eq!((header.family(), len), (family, 16 + block.len()), "{fam:#x}");
        assert_eq!(header.to_bytes(), input, "{fam:#x}");
    }
    let (header, _) = complete(&v2_bytes(0x21, 0x22, &ipv6));
    assert_eq!(header.source(), Some("[::1]:80".parse().unwrap()));
    assert_eq!(header.destination(), Some("[2001::]:443".parse().unwrap()));
    let ProxyHeader::V2(v2) = complete(&v2_bytes(0x21, 0x31, &unix)).0 else {
        unreachable!()
    };
    let V2Addresses::UnixStream { source, destination } = v2.addresses() else {
        unreachable!()
    };
    assert_eq!((source.path(), destination.path()), (&b"/a/b"[..], &b"/cd"[..]));
}

#[test]
fn v2_local_with_unspec_and_no_addresses() {
    let (header, len) = complete(&v2_bytes(0x20, 0x00, b""));
    assert_eq!(len, 16);
    assert_eq!(header.command(), Command::Local);
    assert_eq!(header.family(), ProxyFamily::Unspec);
    assert_eq!(header.source(), None);
}

#[test]
fn v2_local_still_skips_its_address_block() {
    // §2.2: receivers "must not assume zero is presented for LOCAL connections".
    let (header, len) = complete(&v2_bytes(0x20, 0x11, &TCP4_BLOCK));
    assert_eq!(len, 28);
    assert_eq!(header.command(), Command::Local);
}

#[test]
fn v2_version_must_be_2() {
    for ver_cmd in [0x01, 0x11, 0x31, 0xF1] {
        assert_eq!(
            error(&v2_bytes(ver_cmd, 0x11, &TCP4_BLOCK)),
            (SmtpErrorKind::ProxyV2Version, Some(12))
        );
    }
    // Known from the 13th octet on.
    assert_eq!(
        error(&v2_bytes(0x11, 0x11, b"")[..13]),
        (SmtpErrorKind::ProxyV2Version, Some(12))
    );
}

#[test]
fn v2_command_is_local_or_proxy() {
    for ver_cmd in [0x22, 0x2F] {
        assert_eq!(
            error(&v2_bytes(ver_cmd, 0x11, &TCP4_BLOCK)),
            (SmtpErrorKind::ProxyV2Command, Some(12))
        );
    }
}

#[test]
fn v2_family_is_one_of_the_seven() {
    for fam in [0x01, 0x02, 0x10, 0x13, 0x20, 0x30, 0x33, 0x41, 0xFF] {
        assert_eq!(
            error(&v2_bytes(0x21, fam, &[0; 216])),
            (SmtpErrorKind::ProxyV2Family, Some(13)),
            "{fam:#x}"
        );
    }
}

#[test]
fn v2_length_holds_the_address_block() {
    assert_eq!(
        error(&v2_bytes(0x21, 0x11, &TCP4_BLOCK[..11])),
        (SmtpErrorKind::ProxyV2AddressLength, Some(14))
    );
    assert_eq!(
        error(&v2_bytes(0x21, 0x21, &[0; 35])),
        (SmtpErrorKind::ProxyV2AddressLength, Some(14))
    );
    assert_eq!(
        error(&v2_bytes(0x21, 0x31, &[0; 215])),
        (SmtpErrorKind::ProxyV2AddressLength, Some(14))
    );
    // Known from the 16th octet on.
    assert_eq!(
        error(&v2_bytes(0x21, 0x11, b"")[..16]),
        (SmtpErrorKind::ProxyV2AddressLength, Some(14))
    );
}

#[test]
fn v2_partial_headers_need_exactly_the_rest() {
    let mut rest = TCP4_BLOCK.to_vec();
    rest.extend(tlv(0x02, b"example.com"));
    let input = v2_bytes(0x21, 0x11, &rest);
    for cut in 0..input.len() {
        // Nothing at all could still become the 15-octet `PROXY UNKNOWN\r\n`.
        let expected = match cut {
            0 => 15,
            1..16 => 16 - cut,
            _ => input.len() - cut,
        };
        assert_eq!(needed(&input[..cut]), expected, "prefix {cut}");
    }
}

#[test]
fn v2_tlvs_must_fit_exactly() {
    let mut rest = TCP4_BLOCK.to_vec();
    rest.extend([0x04, 0x00]);
    assert_eq!(
        error(&v2_bytes(0x21, 0x11, &rest)),
        (SmtpErrorKind::ProxyV2TlvTruncated, Some(28))
    );
    let mut rest = TCP4_BLOCK.to_vec();
    rest.extend([0x04, 0x00, 0x02, 0xAA]);
    assert_eq!(
        error(&v2_bytes(0x21, 0x11, &rest)),
        (SmtpErrorKind::ProxyV2TlvTruncated, Some(28))
    );
    let mut rest = TCP4_BLOCK.to_vec();
    rest.extend(tlv(0x04, b""));
    rest.push(0xEE);
    assert_eq!(
        error(&v2_bytes(0x21, 0x11, &rest)),
        (SmtpErrorKind::ProxyV2TlvTruncated, Some(31))
    );
}

#[test]
fn v2_unspec_is_followed_by_tlvs() {
    let (header, _) = complete(&v2_bytes(0x20, 0x00, &tlv(0x04, b"pad")));
    assert_eq!(header.tlvs(), &[Tlv::Noop(Cow::Borrowed(&b"pad"[..]))]);
    assert_eq!(
        error(&v2_bytes(0x20, 0x00, &[1, 2])),
        (SmtpErrorKind::ProxyV2TlvTruncated, Some(16))
    );
}

#[test]
fn v2_registered_tlvs_are_typed() {
    let mut rest = TCP4_BLOCK.to_vec();
    rest.extend(tlv(0x01, b"h2"));
    rest.extend(tlv(0x02, "mx.exämple".as_bytes()));
    rest.extend(tlv(0x04, b""));
    rest.extend(tlv(0x05, &[7; 128]));
    rest.extend(tlv(0x30, b"blue"));
    rest.extend(tlv(0xE0, b"custom"));
    rest.extend(tlv(0x21, b"a sub-type at the top"));
    let input = v2_bytes(0x21, 0x11, &rest);
    let (header, len) = complete(&input);
    assert_eq!(len, input.len());
    assert_eq!(
        header.tlvs(),
        &[
            Tlv::Alpn(Cow::Borrowed(&b"h2"[..])),
            Tlv::Authority(Cow::Borrowed("mx.exämple")),
            Tlv::Noop(Cow::Borrowed(&b""[..])),
            Tlv::UniqueId(Cow::Borrowed(&[7; 128][..])),
            Tlv::Netns(Cow::Borrowed("blue")),
            Tlv::Other {
                kind: 0xE0,
                value: Cow::Borrowed(&b"custom"[..])
            },
            Tlv::Other {
                kind: 0x21,
                value: Cow::Borrowed(&b"a sub-type at the top"[..])
            },
        ]
    );
    assert_eq!(header.to_bytes(), input);
}

#[test]
fn v2_tlv_values_are_checked() {
    let with = |tlvs: &[u8]| {
        let mut rest = TCP4_BLOCK.to_vec();
        rest.extend_from_slice(tlvs);
        v2_bytes(0x21, 0x11, &rest)
    };
    assert_eq!(
        error(&with(&tlv(0x02, b"a\xffb"))),
        (SmtpErrorKind::ProxyV2TlvNotUtf8, Some(32))
    );
    assert_eq!(
        error(&with(&tlv(0x30, b"n\xe4s"))),
        (SmtpErrorKind::ProxyV2TlvNotAscii, Some(32))
    );
    assert_eq!(
        error(&with(&tlv(0x05, &[0; 129]))),
        (SmtpErrorKind::ProxyV2TlvLength, Some(28))
    );
    assert_eq!(
        error(&with(&tlv(0x03, &[0; 3]))),
        (SmtpErrorKind::ProxyV2TlvLength, Some(28))
    );
    assert_eq!(
        error(&with(&tlv(0x03, &[0; 5]))),
        (SmtpErrorKind::ProxyV2TlvLength, Some(28))
    );
    assert_eq!(
        error(&with(&tlv(0x20, &[1, 0, 0, 0]))),
        (SmtpErrorKind::ProxyV2TlvLength, Some(28))
    );
}

#[test]
fn v2_ssl_tlv_and_its_sub_tlvs() {
    let mut ssl = vec![0x07, 0, 0, 0, 0];
    ssl.extend(tlv(0x21, b"TLSv1.3"));
    ssl.extend(tlv(0x22, "Jörg".as_bytes()));
    ssl.extend(tlv(0x23, b"TLS_AES_128_GCM_SHA256"));
    ssl.extend(tlv(0x24, b"RSA-SHA256"));
    ssl.extend(tlv(0x25, b"RSA2048"));
    ssl.extend(tlv(0x26, b"x25519"));
    ssl.extend(tlv(0x27, b"rsa_pss_rsae_sha256"));
    ssl.extend(tlv(0x28, &[0x30, 0x82]));
    ssl.extend(tlv(0x99, b"?"));
    let mut rest = TCP4_BLOCK.to_vec();
    rest.extend(tlv(0x20, &ssl));
    let input = v2_bytes(0x21, 0x11, &rest);
    let (header, _) = complete(&input);
    let [Tlv::Ssl(parsed)] = header.tlvs() else {
        panic!("{header:?}")
    };
    assert_eq!(
        parsed.client,
        Ssl::CLIENT_SSL | Ssl::CLIENT_CERT_CONN | Ssl::CLIENT_CERT_SESS
    );
    assert_eq!(parsed.verify, 0);
    assert_eq!(
        parsed.sub,
        vec![
            SslTlv::Version("TLSv1.3".into()),
            SslTlv::CommonName("Jörg".into()),
            SslTlv::Cipher("TLS_AES_128_GCM_SHA256".into()),
            SslTlv::SigAlg("RSA-SHA256".into()),
            SslTlv::KeyAlg("RSA2048".into()),
            SslTlv::Group("x25519".into()),
            SslTlv::SigScheme("rsa_pss_rsae_sha256".into()),
            SslTlv::ClientCert(Cow::Borrowed(&[0x30, 0x82][..])),
            SslTlv::Other {
                kind: 0x99,
                value: Cow::Borrowed(&b"?"[..])
            },
        ]
    );
    assert_eq!(header.to_bytes(), input);

    // A sub-TLV that runs past its SSL TLV, even if the header goes on.
    let mut ssl = vec![1, 0, 0, 0, 1];
    ssl.extend([0x21, 0x00, 0x09, b'T']);
    let mut rest = TCP4_BLOCK.to_vec();
    rest.extend(tlv(0x20, &ssl));
    rest.extend(tlv(0x04, b"12345678"));
    assert_eq!(
        error(&v2_bytes(0x21, 0x11, &rest)),
        (SmtpErrorKind::ProxyV2TlvTruncated, Some(36))
    );
    // Sub-TLV strings: US-ASCII, but the CN is UTF-8.
    let mut ssl = vec![1, 0, 0, 0, 0];
    ssl.extend(tlv(0x23, "é".as_bytes()));
    let mut rest = TCP4_BLOCK.to_vec();
    rest.extend(tlv(0x20, &ssl));
    assert_eq!(
        error(&v2_bytes(0x21, 0x11, &rest)),
        (SmtpErrorKind::ProxyV2TlvNotAscii, Some(39))
    );
    let mut ssl = vec![1, 0, 0, 0, 0];
    ssl.extend(tlv(0x22, b"\xc3"));
    let mut rest = TCP4_BLOCK.to_vec();
    rest.extend(tlv(0x20, &ssl));
    assert_eq!(
        error(&v2_bytes(0x21, 0x11, &rest)),
        (SmtpErrorKind::ProxyV2TlvNotUtf8, Some(39))
    );
}

/// A header with a CRC-32C TLV, its checksum computed here independently.
fn with_crc(tlvs_before: &[u8]) -> Vec<u8> {
    let mut rest = TCP4_BLOCK.to_vec();
    rest.extend_from_slice(tlvs_before);
    rest.extend(tlv(0x03, &[0; 4]));
    let mut input = v2_bytes(0x21, 0x11, &rest);
    let crc = crc32c(&input);
    let at = input.len() - 4;
    input[at..].copy_from_slice(&crc.to_be_bytes());
    input
}

#[test]
fn v2_crc32c_is_verified() {
    let input = with_crc(&tlv(0x02, b"mx.example"));
    let (header, _) = complete(&input);
    let crc = u32::from_be_bytes(input[input.len() - 4..].try_into().unwrap());
    assert_eq!(header.tlvs().last(), Some(&Tlv::Crc32c(crc)));
    for flip in [0, 13, 20, input.len() - 1] {
        let mut bad = input.clone();
        bad[flip] ^= 0x01;
        let result = ProxyHeader::parse(&bad);
        assert!(result.is_err(), "flip {flip}: {result:?}");
    }
    let mut bad = input.clone();
    bad[20] ^= 0x01; // an address octet: only the checksum can tell
    assert_eq!(
        error(&bad),
        (SmtpErrorKind::ProxyV2Crc32cMismatch, Some(input.len() - 4))
    );
}

#[test]
fn v2_crc32c_may_come_before_other_tlvs() {
    let mut rest = TCP4_BLOCK.to_vec();
    rest.extend(tlv(0x03, &[0; 4]));
    rest.extend(tlv(0x04, b"after"));
    let mut input = v2_bytes(0x21, 0x11, &rest);
    let crc = crc32c(&input);
    input[31..35].copy_from_slice(&crc.to_be_bytes());
    assert_eq!(complete(&input).1, input.len());
}

#[test]
fn v2_one_crc32c_at_most() {
    let mut rest = TCP4_BLOCK.to_vec();
    rest.extend(tlv(0x03, &[0; 4]));
    rest.extend(tlv(0x03, &[0; 4]));
    assert_eq!(
        error(&v2_bytes(0x21, 0x11, &rest)),
        (SmtpErrorKind::ProxyV2DuplicateCrc32c, Some(35))
    );
}

// ----- building -----

fn tcp4() -> V2Addresses {
    V2Addresses::Tcp4(Endpoints::new(v4([192, 0, 2, 1]), 56324, v4([198, 51, 100, 1]), 25))
}

#[test]
fn builder_writes_what_the_parser_reads() {
    let header = V2Builder::new(Command::Proxy, tcp4())
        .tlv(Tlv::Alpn(Cow::Borrowed(&b"smtp"[..])))
        .unwrap()
        .tlv(Tlv::Ssl(Ssl {
            client: Ssl::CLIENT_SSL,
            verify: 1,
            sub: vec![SslTlv::Version("TLSv1.2".into()), SslTlv::CommonName("ü".into())],
        }))
        .unwrap()
        .tlv(Tlv::Other {
            kind: 0xF0,
            value: Cow::Borrowed(&b"x"[..]),
        })
        .unwrap()
        .build();
    let bytes = ProxyHeader::from(header.clone()).to_bytes();
    assert_eq!(bytes.len(), header.len());
    assert_eq!(complete(&bytes), (ProxyHeader::V2(header), bytes.len()));
}

#[test]
fn builder_crc32c_is_over_the_whole_header() {
    let header = V2Builder::new(Command::Proxy, tcp4())
        .tlv(Tlv::Authority("mx.example".into()))
        .unwrap()
        .crc32c()
        .unwrap()
        .build();
    let bytes = ProxyHeader::from(header.clone()).to_bytes();
    assert_eq!(bytes, with_crc(&tlv(0x02, b"mx.example")));
    assert_eq!(complete(&bytes).0, ProxyHeader::V2(header));
}

#[test]
fn builder_refuses_what_the_parser_would() {
    let builder = || V2Builder::new(Command::Local, V2Addresses::Unspec);
    let kind = |result: Result<V2Builder<'_>, SmtpError>| result.unwrap_err().kind();
    assert_eq!(kind(builder().tlv(Tlv::Crc32c(0))), SmtpErrorKind::ProxyTlvType);
    assert_eq!(
        kind(builder().tlv(Tlv::Other {
            kind: 0x02,
            value: Cow::Borrowed(&b"x"[..])
        })),
        SmtpErrorKind::ProxyTlvType
    );
    let ssl_other = Ssl {
        client: 0,
        verify: 0,
        sub: vec![SslTlv::Other {
            kind: 0x21,
            value: Cow::Borrowed(&b"x"[..]),
        }],
    };
    assert_eq!(kind(builder().tlv(Tlv::Ssl(ssl_other))), SmtpErrorKind::ProxyTlvType);
    assert_eq!(
        kind(builder().tlv(Tlv::UniqueId(Cow::Owned(vec![0; 129])))),
        SmtpErrorKind::ProxyV2TlvLength
    );
    assert_eq!(
        kind(builder().tlv(Tlv::Netns("é".into()))),
        SmtpErrorKind::ProxyV2TlvNotAscii
    );
    let ssl_utf8 = Ssl {
        client: 0,
        verify: 0,
        sub: vec![SslTlv::Cipher("é".into())],
    };
    assert_eq!(
        kind(builder().tlv(Tlv::Ssl(ssl_utf8))),
        SmtpErrorKind::ProxyV2TlvNotAscii
    );
    // 16 + 3 + 65,532 = 65,551: the longest header.
    let full = builder().tlv(Tlv::Noop(Cow::Owned(vec![0; 65_532]))).unwrap();
    assert_eq!(full.clone().build().len(), 65_551);
    assert_eq!(
        kind(full.clone().tlv(Tlv::Noop(Cow::Borrowed(&b""[..])))),
        SmtpErrorKind::ProxyV2TooLong
    );
    assert_eq!(kind(full.crc32c()), SmtpErrorKind::ProxyV2TooLong);
    let longest = ProxyHeader::from(builder().tlv(Tlv::Noop(Cow::Owned(vec![0; 65_532]))).unwrap().build()).to_bytes();
    assert_eq!(complete(&longest).1, 65_551);
}

#[test]
fn unix_addresses_hold_108_octets() {
    assert_eq!(UnixAddress::new(&[b'a'; 108]).unwrap().path().len(), 108);
    assert_eq!(
        UnixAddress::new(&[b'a'; 109]).unwrap_err().kind(),
        SmtpErrorKind::ProxyUnixAddressTooLong
    );
    let mut abstract_name = [0u8; 108];
    abstract_name[1..4].copy_from_slice(b"abs");
    let address = UnixAddress::from_bytes(abstract_name);
    assert_eq!(address.path(), b"");
    assert_eq!(address.text(), "@abs");
}

#[test]
fn every_prefix_of_a_valid_v2_header_is_incomplete() {
    let header = V2Builder::new(
        Command::Proxy,
        V2Addresses::UnixDgram {
            source: UnixAddress::new(b"/tmp/a").unwrap(),
            destination: UnixAddress::new(b"/tmp/b").unwrap(),
        },
    )
    .tlv(Tlv::UniqueId(Cow::Borrowed(&b"id"[..])))
    .unwrap()
    .crc32c()
    .unwrap()
    .build();
    assert_prefixes_incomplete(&ProxyHeader::from(header).to_bytes());
    assert_prefixes_incomplete(&v2_bytes(0x20, 0x00, b""));
}

#[test]
fn into_owned_keeps_the_value() {
    let input = with_crc(&tlv(0x02, b"mx.example"));
    let (header, _) = complete(&input);
    let owned: ProxyHeader<'static> = header.clone().into_owned();
    assert_eq!(owned, header);
}

// ----- the record -----

#[test]
fn record_of_each_outcome() {
    let ProxyRecord::Header(record) = ProxyRecord::parse(&with_crc(&tlv(0x02, b"mx"))) else {
        panic!()
    };
    assert_eq!(record.version, 2);
    assert_eq!(record.family, "tcp4");
    assert_eq!(record.source.as_deref(), Some("192.0.2.1"));
    assert_eq!(record.source_port, Some(56324));
    assert_eq!(record.destination_port, Some(25));
    assert_eq!(record.tlvs.len(), 2);
    assert_eq!((record.tlvs[0].kind, record.tlvs[0].value_hex.as_str()), (2, "6d78"));
    assert_eq!(record.tlvs[1].name, Some("crc32c"));
    assert_eq!(
        ProxyRecord::parse(b"PROXY TCP4 1"),
        ProxyRecord::Incomplete { needed: 20 }
    );
    let ProxyRecord::Error(e) = ProxyRecord::parse(b"PROXY TCP4 1.2.3.4 5.6.7.8 +1 2\r\n") else {
        panic!()
    };
    assert_eq!((e.kind.as_str(), e.offset), ("proxy_v1_port", Some(27)));
    assert!(e.message.ends_with("at byte 27"), "{}", e.message);
}

#[test]
fn record_shows_ipv6_as_rfc5952_and_unix_as_paths() {
    let ProxyRecord::Header(record) = ProxyRecord::parse(b"PROXY TCP6 ::FFFF:192.0.2.1 2001:DB8:0:0:0:0:0:1 1 2\r\n")
    else {
        panic!()
    };
    assert_eq!(record.source.as_deref(), Some("::ffff:c000:201"));
    assert_eq!(record.destination.as_deref(), Some("2001:db8::1"));
    let mut unix = [0u8; 216];
    unix[..3].copy_from_slice(b"/s1");
    unix[108..111].copy_from_slice(b"/s2");
    let ProxyRecord::Header(record) = ProxyRecord::parse(&v2_bytes(0x21, 0x31, &unix)) else {
        panic!()
    };
    assert_eq!(
        (record.source.as_deref(), record.destination.as_deref()),
        (Some("/s1"), Some("/s2"))
    );
    assert_eq!((record.family, record.source_port), ("unix", None));
}

#[cfg(feature = "serde")]
#[test]
fn record_json_has_the_contract_shape() {
    let json = |input: &[u8]| serde_json::to_string(&ProxyRecord::parse(input)).unwrap();
    assert_eq!(
        json(b"PROXY TCP4 192.0.2.1 198.51.100.1 56324 25\r\n"),
        r#"{"ok":true,"version":1,"command":"proxy","family":"tcp4","source":"192.0.2.1","source_port":56324,"destination":"198.51.100.1","destination_port":25,"tlvs":[],"header_len":44}"#
    );
    assert_eq!(
        json(b"PROXY TCP4 192.0.2.1 198.51.100.1 56324 25"),
        r#"{"ok":false,"error":{"kind":"incomplete","needed":2}}"#
    );
    assert_eq!(
        json(b"PROXY TCP9"),
        r#"{"ok":false,"error":{"kind":"proxy_v1_protocol","offset":9,"message":"expected TCP4, TCP6 or UNKNOWN after \"PROXY \" at byte 9"}}"#
    );
    let mut ssl = vec![1, 0, 0, 0, 0];
    ssl.extend(tlv(0x21, b"TLSv1.3"));
    let v2 = v2_bytes(0x20, 0x00, &tlv(0x20, &ssl));
    assert_eq!(
        json(&v2),
        r#"{"ok":true,"version":2,"command":"local","family":"unspec","source":null,"source_port":null,"destination":null,"destination_port":null,"tlvs":[{"type":32,"name":"ssl","value_hex":"0100000000210007544c5376312e33","client":1,"verify":0,"sub":[{"type":33,"name":"version","value_hex":"544c5376312e33","text":"TLSv1.3"}]}],"header_len":34}"#
    );
}
