//! The PROXY protocol parser (`smtp::proxy`) against the `ppp` crate, on generated headers:
//! valid ones of both versions, written in every form the specification allows, and mutated ones
//! (octets replaced, inserted, removed; the input cut short). The same corpus checks this crate's
//! own properties: a complete header is written back and read again as the same value (a
//! version 2 header octet for octet), and every prefix of a valid header is incomplete with a
//! `needed` that never reaches past the header's end.
//!
//! Where the two parsers may disagree, the difference is one of those the module documentation
//! of `smtp::proxy` lists, each for a reason the specification (haproxy's proxy-protocol.txt)
//! gives:
//!
//! * a port with a `+` sign: refused here (§2.1 asks for a decimal integer); `ppp` reads it with
//!   `u16::from_str`, which takes the sign;
//! * `UNKNOWN` with anything after it: accepted here (§2.1: "the receiver must ignore anything
//!   presented before the CRLF"); `ppp` refuses some such lines (five or more fields, not UTF-8);
//! * a line without CR that has a bare LF as a field of its own (`… 25 \n`): not a line's end
//!   here (§2.1: the receiver "must not tolerate a single CR or LF character to end the line"),
//!   so an error, or after `UNKNOWN` still incomplete; `ppp` splits the line at spaces and CRs
//!   and takes a field of `"\n"` for the line's end;
//! * a family and transport octet outside the seven of §2.2: refused here; `ppp` checks the two
//!   nibbles separately;
//! * the bytes after an UNSPEC header's fixed part: TLVs here (as haproxy writes and reads them),
//!   address bytes for `ppp`;
//! * TLV contents (CRC-32C, UTF-8 and US-ASCII strings, lengths, SSL sub-TLVs): checked here, not
//!   by `ppp`.
//!
//! Each comparison asserts that a disagreement is one of these, so any other fails the test.
//! Failing cases are kept in `proptest-regressions/proxy_ppp.txt` and replayed first.

use std::net::{Ipv4Addr, Ipv6Addr};

use mail_envelope::smtp::proxy::{
    crc32c, Command, Endpoints, ProxyHeader, Ssl, SslTlv, Tlv, UnixAddress, V1Header, V2Addresses, V2Builder,
};
use mail_envelope::smtp::{SmtpErrorKind, Status};
use ppp::{v1, v2, HeaderResult, PartialResult};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

// ----- what ppp makes of an input -----

/// `ppp`'s reading, reduced to what both parsers can say.
#[derive(Debug, PartialEq)]
enum Theirs {
    /// A header: its length, and what it says.
    Header(usize, Said),
    /// No header (an error, or more input needed).
    None,
}

/// What a header says, in terms both parsers share.
#[derive(Debug, PartialEq)]
enum Said {
    V1Tcp4(Ipv4Addr, u16, Ipv4Addr, u16),
    V1Tcp6(Ipv6Addr, u16, Ipv6Addr, u16),
    V1Unknown,
    /// Command, family octet, address bytes, TLVs (type and value).
    V2 {
        local: bool,
        family: u8,
        addresses: Vec<u8>,
        tlvs: Vec<(u8, Vec<u8>)>,
    },
}

fn theirs(input: &[u8]) -> Theirs {
    let result = HeaderResult::parse(input);
    if result.is_incomplete() {
        return Theirs::None;
    }
    match result {
        HeaderResult::V1(Ok(header)) => {
            let said = match header.addresses {
                v1::Addresses::Tcp4(a) => Said::V1Tcp4(
                    a.source_address,
                    a.source_port,
                    a.destination_address,
                    a.destination_port,
                ),
                v1::Addresses::Tcp6(a) => Said::V1Tcp6(
                    a.source_address,
                    a.source_port,
                    a.destination_address,
                    a.destination_port,
                ),
                v1::Addresses::Unknown => Said::V1Unknown,
            };
            Theirs::Header(header.header.len(), said)
        }
        HeaderResult::V2(Ok(header)) => {
            let Ok(tlvs) = header.tlvs().collect::<Result<Vec<_>, _>>() else {
                return Theirs::None;
            };
            let family = header.as_bytes()[13];
            Theirs::Header(
                header.len(),
                Said::V2 {
                    local: header.command == v2::Command::Local,
                    family,
                    addresses: header.address_bytes().to_vec(),
                    tlvs: tlvs.into_iter().map(|tlv| (tlv.kind, tlv.value.into_owned())).collect(),
                },
            )
        }
        _ => Theirs::None,
    }
}

/// What our header says, in the same terms; `input` is the header's octets.
fn said(header: &ProxyHeader<'_>, input: &[u8]) -> Said {
    match header {
        ProxyHeader::V1(V1Header::Tcp4(e)) => Said::V1Tcp4(e.source, e.source_port, e.destination, e.destination_port),
        ProxyHeader::V1(V1Header::Tcp6(e)) => Said::V1Tcp6(e.source, e.source_port, e.destination, e.destination_port),
        ProxyHeader::V1(V1Header::Unknown) => Said::V1Unknown,
        ProxyHeader::V2(v2) => {
            let address_len = header.family().address_len();
            let tlvs: Vec<(u8, Vec<u8>)> = v2
                .tlvs()
                .iter()
                .map(|tlv| (tlv.kind(), tlv.value().into_owned()))
                .collect();
            let (addresses, tlvs) = if matches!(v2.addresses(), V2Addresses::Unspec) {
                // The difference in reading UNSPEC: ppp counts every octet after the fixed part
                // as an address octet and finds no TLVs.
                (input[16..].to_vec(), Vec::new())
            } else {
                (input[16..16 + address_len].to_vec(), tlvs)
            };
            Said::V2 {
                local: v2.command() == Command::Local,
                family: input[13],
                addresses,
                tlvs,
            }
        }
    }
}

/// Whether the first port-like field of a version 1 line carries a `+`.
fn has_plus_port(input: &[u8]) -> bool {
    let line_end = input.iter().position(|&b| b == b'\r').unwrap_or(input.len());
    input[..line_end]
        .split(|&b| b == b' ')
        .skip(4)
        .any(|field| field.first() == Some(&b'+'))
}

/// Whether `ppp` took a line without CR to end at a field that is a bare LF.
fn bare_lf_field(line: &[u8]) -> bool {
    !line.contains(&b'\r') && line.split(|&b| b == b' ').any(|field| field == b"\n")
}

/// Compares the two parsers on `input`, and checks our own properties of what we read.
fn compare(input: &[u8]) {
    let ours = ProxyHeader::parse(input);
    let theirs = theirs(input);
    match &ours {
        Ok(Status::Complete((header, len))) => {
            check_round_trip(header, &input[..*len]);
            match theirs {
                Theirs::Header(their_len, their_said) => {
                    assert_eq!(*len, their_len, "length of {input:?}");
                    assert_eq!(said(header, &input[..*len]), their_said, "{input:?}");
                }
                Theirs::None => {
                    // Only `UNKNOWN` with more on its line.
                    assert!(
                        matches!(header, ProxyHeader::V1(V1Header::Unknown)) && *len > 15,
                        "we read {header:?} from {input:?}, ppp does not"
                    );
                }
            }
        }
        Ok(Status::Incomplete { needed }) => {
            assert!(*needed >= 1);
            if let Theirs::Header(their_len, _) = theirs {
                assert!(
                    bare_lf_field(&input[..their_len]),
                    "incomplete for us, ppp reads {input:?}"
                );
            }
        }
        Err(err) => {
            let Theirs::Header(their_len, their_said) = theirs else {
                return;
            };
            let explained = match err.kind() {
                SmtpErrorKind::ProxyV1Port => has_plus_port(input),
                SmtpErrorKind::ProxyV1ExpectedCrlf | SmtpErrorKind::ProxyV1TooLong => {
                    bare_lf_field(&input[..their_len])
                }
                SmtpErrorKind::ProxyV2Family => matches!(input[13], 0x01 | 0x02 | 0x10 | 0x20 | 0x30),
                SmtpErrorKind::ProxyV2TlvLength
                | SmtpErrorKind::ProxyV2TlvNotUtf8
                | SmtpErrorKind::ProxyV2TlvNotAscii
                | SmtpErrorKind::ProxyV2Crc32cMismatch
                | SmtpErrorKind::ProxyV2DuplicateCrc32c => true,
                // Truncated TLVs ppp does not see: inside an SSL TLV, or after an UNSPEC
                // header's fixed part.
                SmtpErrorKind::ProxyV2TlvTruncated => match &their_said {
                    Said::V2 { family: 0x00, .. } => true,
                    Said::V2 { tlvs, .. } => tlvs.iter().any(|(kind, _)| *kind == 0x20),
                    _ => false,
                },
                _ => false,
            };
            assert!(explained, "we refuse {input:?} ({err}), ppp reads {their_said:?}");
        }
    }
}

/// A complete header is written back and read again as the same value; a version 2 header is
/// written back octet for octet.
fn check_round_trip(header: &ProxyHeader<'_>, octets: &[u8]) {
    let written = header.to_bytes();
    if header.version() == 2 {
        assert_eq!(written, octets);
    }
    match ProxyHeader::parse(&written) {
        Ok(Status::Complete((again, len))) => {
            assert_eq!(&again, header);
            assert_eq!(len, written.len());
        }
        other => panic!("{written:?} written from {octets:?} reads as {other:?}"),
    }
}

/// Every proper prefix of a valid header is incomplete, and `needed` never reaches past its end.
fn check_prefixes(header: &[u8]) {
    for cut in 0..header.len() {
        match ProxyHeader::parse(&header[..cut]) {
            Ok(Status::Incomplete { needed }) => {
                assert!(needed >= 1);
                assert!(
                    cut + needed <= header.len(),
                    "prefix {cut} of {header:?}: needed {needed}"
                );
            }
            other => panic!("prefix {cut} of {header:?}: {other:?}"),
        }
    }
}

// ----- generating headers -----

/// An IPv6 address in one of the text forms RFC 4291 §2.2 allows.
fn ipv6_text() -> impl Strategy<Value = (Ipv6Addr, String)> {
    let groups = prop_oneof![
        any::<[u16; 8]>(),
        // Runs of zeros, for "::".
        (any::<[u16; 8]>(), 0..8usize, 0..8usize).prop_map(|(mut g, start, len)| {
            for group in g.iter_mut().skip(start).take(len) {
                *group = 0;
            }
            g
        }),
        any::<[u8; 4]>().prop_map(|v4| {
            let [a, b, c, d] = v4;
            [
                0,
                0,
                0,
                0,
                0,
                0xffff,
                u16::from_be_bytes([a, b]),
                u16::from_be_bytes([c, d]),
            ]
        }),
    ];
    (groups, 0..5u8).prop_map(|(groups, form)| {
        let address = Ipv6Addr::from(groups);
        let text = match form {
            0 => address.to_string(),
            1 => groups.iter().map(|g| format!("{g:x}")).collect::<Vec<_>>().join(":"),
            2 => groups.iter().map(|g| format!("{g:04X}")).collect::<Vec<_>>().join(":"),
            3 => {
                let [a, b] = groups[6].to_be_bytes();
                let [c, d] = groups[7].to_be_bytes();
                let head: Vec<String> = groups[..6].iter().map(|g| format!("{g:x}")).collect();
                format!("{}:{a}.{b}.{c}.{d}", head.join(":"))
            }
            _ => address.to_string().to_uppercase(),
        };
        (address, text)
    })
}

fn port_text() -> impl Strategy<Value = u16> {
    prop_oneof![Just(0u16), Just(65535u16), any::<u16>()]
}

/// A valid version 1 line.
fn v1_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        (any::<[u8; 4]>(), any::<[u8; 4]>(), port_text(), port_text()).prop_map(|(s, d, sp, dp)| {
            format!("PROXY TCP4 {} {} {sp} {dp}\r\n", Ipv4Addr::from(s), Ipv4Addr::from(d)).into_bytes()
        }),
        (ipv6_text(), ipv6_text(), port_text(), port_text())
            .prop_map(|((_, s), (_, d), sp, dp)| format!("PROXY TCP6 {s} {d} {sp} {dp}\r\n").into_bytes())
            .prop_filter("at most 107 octets", |line| line.len() <= 107),
        prop::collection::vec(
            prop_oneof![Just(b' '), Just(b'0'), Just(b'f'), Just(b':'), 0x20u8..0x7f],
            0..60
        )
        .prop_map(|rest| {
            let mut line = b"PROXY UNKNOWN".to_vec();
            if !rest.is_empty() {
                line.push(b' ');
                line.extend(rest);
            }
            line.extend_from_slice(b"\r\n");
            line
        }),
    ]
}

/// A TLV type and value, mostly of the registered types and mostly valid.
fn tlv_parts() -> impl Strategy<Value = (u8, Vec<u8>)> {
    let ascii = prop::collection::vec(0x20u8..0x7f, 0..20);
    let bytes = prop::collection::vec(any::<u8>(), 0..20);
    let sub = (
        prop_oneof![0x21u8..=0x28, Just(0x99u8)],
        prop_oneof![
            prop::collection::vec(0x20u8..0x7f, 0..12),
            prop::collection::vec(any::<u8>(), 0..4)
        ],
    );
    let ssl = (any::<u8>(), any::<u32>(), prop::collection::vec(sub, 0..4)).prop_map(|(client, verify, subs)| {
        let mut value = vec![client];
        value.extend_from_slice(&verify.to_be_bytes());
        for (kind, sub_value) in subs {
            value.extend(tlv_octets(kind, &sub_value));
        }
        value
    });
    prop_oneof![
        (
            prop_oneof![Just(0x01u8), Just(0x02), Just(0x04), Just(0x30), Just(0xE0), Just(0x21)],
            ascii
        ),
        (
            prop_oneof![Just(0x01u8), Just(0x04), Just(0x05), Just(0xF0), any::<u8>()],
            bytes
        ),
        (Just(0x05u8), prop::collection::vec(any::<u8>(), 120..140)),
        (Just(0x20u8), ssl),
    ]
}

fn tlv_octets(kind: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![kind];
    out.extend_from_slice(&u16::try_from(value.len()).unwrap().to_be_bytes());
    out.extend_from_slice(value);
    out
}

/// A version 2 header by hand: valid commands and families mostly, the address block of the
/// family, TLVs, and sometimes a right CRC-32C.
fn v2_header() -> impl Strategy<Value = Vec<u8>> {
    let family = prop_oneof![
        8 => prop_oneof![Just(0x00u8), Just(0x11), Just(0x12), Just(0x21), Just(0x22), Just(0x31), Just(0x32)],
        1 => any::<u8>(),
    ];
    let command = prop_oneof![8 => 0x20u8..=0x21, 1 => any::<u8>()];
    (
        command,
        family,
        prop::collection::vec(any::<u8>(), 216),
        prop::collection::vec(tlv_parts(), 0..4),
        any::<bool>(),
    )
        .prop_map(|(ver_cmd, fam, block, tlvs, crc)| {
            let address_len = match fam {
                0x11 | 0x12 => 12,
                0x21 | 0x22 => 36,
                0x31 | 0x32 => 216,
                _ => 0,
            };
            let mut rest = block[..address_len].to_vec();
            for (kind, value) in &tlvs {
                rest.extend(tlv_octets(*kind, value));
            }
            if crc {
                rest.extend(tlv_octets(0x03, &[0; 4]));
            }
            let mut header = b"\r\n\r\n\0\r\nQUIT\n".to_vec();
            header.push(ver_cmd);
            header.push(fam);
            header.extend_from_slice(&u16::try_from(rest.len()).unwrap().to_be_bytes());
            header.extend(rest);
            if crc {
                let sum = crc32c(&header);
                let at = header.len() - 4;
                header[at..].copy_from_slice(&sum.to_be_bytes());
            }
            header
        })
}

/// A change to an input.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, u8),
    Insert(usize, u8),
    Remove(usize),
    Truncate(usize),
}

/// The octets a mutation brings: the ones that matter to either version.
fn interesting_octet() -> impl Strategy<Value = u8> {
    prop_oneof![
        prop::sample::select(b"0123456789abcdefABCDEF.: \r\n+-PROXYTCP46UNKW\0\xff".to_vec()),
        any::<u8>(),
    ]
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let mutation = prop_oneof![
        (any::<usize>(), interesting_octet()).prop_map(|(at, b)| Mutation::Replace(at, b)),
        (any::<usize>(), interesting_octet()).prop_map(|(at, b)| Mutation::Insert(at, b)),
        any::<usize>().prop_map(Mutation::Remove),
        any::<usize>().prop_map(Mutation::Truncate),
    ];
    prop::collection::vec(mutation, 1..4)
}

fn mutate(mut input: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for mutation in mutations {
        let len = input.len();
        match *mutation {
            Mutation::Replace(at, b) if len > 0 => input[at % len] = b,
            Mutation::Insert(at, b) => input.insert(at % (len + 1), b),
            Mutation::Remove(at) if len > 0 => {
                input.remove(at % len);
            }
            Mutation::Truncate(at) => input.truncate(at % (len + 1)),
            _ => {}
        }
    }
    input
}

/// A version 2 header from our builder, of typed values.
fn built_v2() -> impl Strategy<Value = ProxyHeader<'static>> {
    let endpoints4 = (any::<[u8; 4]>(), any::<u16>(), any::<[u8; 4]>(), any::<u16>())
        .prop_map(|(s, sp, d, dp)| Endpoints::new(Ipv4Addr::from(s), sp, Ipv4Addr::from(d), dp));
    let endpoints6 = (any::<[u16; 8]>(), any::<u16>(), any::<[u16; 8]>(), any::<u16>())
        .prop_map(|(s, sp, d, dp)| Endpoints::new(Ipv6Addr::from(s), sp, Ipv6Addr::from(d), dp));
    let unix = (
        prop::collection::vec(1u8..=255, 0..108),
        prop::collection::vec(any::<u8>(), 108),
    )
        .prop_map(|(s, d)| {
            (
                UnixAddress::new(&s).unwrap(),
                UnixAddress::from_bytes(d.try_into().unwrap()),
            )
        });
    let addresses = prop_oneof![
        Just(V2Addresses::Unspec),
        endpoints4.clone().prop_map(V2Addresses::Tcp4),
        endpoints4.prop_map(V2Addresses::Udp4),
        endpoints6.clone().prop_map(V2Addresses::Tcp6),
        endpoints6.prop_map(V2Addresses::Udp6),
        unix.clone()
            .prop_map(|(source, destination)| V2Addresses::UnixStream { source, destination }),
        unix.prop_map(|(source, destination)| V2Addresses::UnixDgram { source, destination }),
    ];
    let text = "[ -~]{0,16}";
    let tlv = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..8).prop_map(|v| Tlv::Alpn(v.into())),
        ".{0,12}".prop_map(|s| Tlv::Authority(s.into())),
        prop::collection::vec(any::<u8>(), 0..8).prop_map(|v| Tlv::Noop(v.into())),
        prop::collection::vec(any::<u8>(), 0..=128).prop_map(|v| Tlv::UniqueId(v.into())),
        text.prop_map(|s| Tlv::Netns(s.into())),
        (0x40u8..=0xFF, prop::collection::vec(any::<u8>(), 0..8)).prop_map(|(kind, value)| Tlv::Other {
            kind,
            value: value.into()
        }),
        (any::<u8>(), any::<u32>(), text, ".{0,8}").prop_map(|(client, verify, version, cn)| {
            Tlv::Ssl(Ssl {
                client,
                verify,
                sub: vec![SslTlv::Version(version.into()), SslTlv::CommonName(cn.into())],
            })
        }),
    ];
    (
        any::<bool>(),
        addresses,
        prop::collection::vec(tlv, 0..4),
        any::<bool>(),
    )
        .prop_map(|(local, addresses, tlvs, crc)| {
            let command = if local { Command::Local } else { Command::Proxy };
            let mut builder = V2Builder::new(command, addresses);
            for tlv in tlvs {
                builder = builder.tlv(tlv).unwrap();
            }
            if crc {
                builder = builder.crc32c().unwrap();
            }
            ProxyHeader::V2(builder.build())
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/proptest-regressions/proxy_ppp.txt"
        )))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn valid_v1_lines_agree(line in v1_line(), tail in prop::collection::vec(any::<u8>(), 0..8)) {
        let (_, len) = ProxyHeader::parse(&line).unwrap().complete().unwrap();
        prop_assert_eq!(len, line.len());
        check_prefixes(&line);
        let mut input = line;
        input.extend(tail);
        compare(&input);
    }

    #[test]
    fn mutated_v1_lines_agree(line in v1_line(), mutations in mutations()) {
        compare(&mutate(line, &mutations));
    }

    #[test]
    fn generated_v2_headers_agree(header in v2_header(), tail in prop::collection::vec(any::<u8>(), 0..8)) {
        if ProxyHeader::parse(&header).is_ok_and(|status| status.is_complete()) {
            check_prefixes(&header);
        }
        let mut input = header;
        input.extend(tail);
        compare(&input);
    }

    #[test]
    fn mutated_v2_headers_agree(header in v2_header(), mutations in mutations()) {
        compare(&mutate(header, &mutations));
    }

    #[test]
    fn built_v2_headers_read_back_and_agree(header in built_v2()) {
        let bytes = header.to_bytes();
        let (again, len) = ProxyHeader::parse(&bytes).unwrap().complete().unwrap();
        prop_assert_eq!(&again, &header);
        prop_assert_eq!(len, bytes.len());
        check_prefixes(&bytes);
        compare(&bytes);
    }

    #[test]
    fn built_v1_headers_read_back(
        source in prop_oneof![any::<[u8; 4]>().prop_map(|a| Ipv4Addr::from(a).into()), any::<[u16; 8]>().prop_map(|g| Ipv6Addr::from(g).into())],
        ports in any::<(u16, u16)>(),
    ) {
        let source: std::net::IpAddr = source;
        let header = ProxyHeader::V1(V1Header::new((source, ports.0).into(), (source, ports.1).into()).unwrap());
        let bytes = header.to_bytes();
        prop_assert!(bytes.len() <= 104);
        let (again, len) = ProxyHeader::parse(&bytes).unwrap().complete().unwrap();
        prop_assert_eq!(again, header);
        prop_assert_eq!(len, bytes.len());
        compare(&bytes);
    }

    #[test]
    fn arbitrary_bytes_agree(input in prop::collection::vec(any::<u8>(), 0..64)) {
        compare(&input);
    }
}

/// The differences, one input each: each is seen, and each is as documented.
#[test]
fn documented_differences() {
    // A port with a sign.
    let plus = b"PROXY TCP4 1.2.3.4 5.6.7.8 +80 25\r\n";
    assert_eq!(ProxyHeader::parse(plus).unwrap_err().kind(), SmtpErrorKind::ProxyV1Port);
    assert!(matches!(theirs(plus), Theirs::Header(..)));

    // UNKNOWN with five fields after it.
    let unknown = b"PROXY UNKNOWN TCP4 1.2.3.4 5.6.7.8 80 25\r\n";
    assert!(ProxyHeader::parse(unknown).unwrap().is_complete());
    assert_eq!(theirs(unknown), Theirs::None);

    // A line that ends with a space and a bare LF.
    let bare_lf = b"PROXY TCP4 1.2.3.4 5.6.7.8 80 25 \n";
    assert_eq!(
        ProxyHeader::parse(bare_lf).unwrap_err().kind(),
        SmtpErrorKind::ProxyV1ExpectedCrlf
    );
    assert!(matches!(theirs(bare_lf), Theirs::Header(..)));

    // A family octet of two valid nibbles that §2.2 does not list.
    let mut odd_family = b"\r\n\r\n\0\r\nQUIT\n\x21\x10\x00\x0c".to_vec();
    odd_family.extend([127, 0, 0, 1, 127, 0, 0, 2, 0, 80, 0, 25]);
    assert_eq!(
        ProxyHeader::parse(&odd_family).unwrap_err().kind(),
        SmtpErrorKind::ProxyV2Family
    );
    assert!(matches!(theirs(&odd_family), Theirs::Header(..)));

    // UNSPEC followed by a TLV: a TLV here, address bytes for ppp.
    let mut unspec = b"\r\n\r\n\0\r\nQUIT\n\x20\x00\x00\x05".to_vec();
    unspec.extend([0x04, 0x00, 0x02, 0xAA, 0xBB]);
    let (ours, _) = ProxyHeader::parse(&unspec).unwrap().complete().unwrap();
    assert_eq!(ours.tlvs(), &[Tlv::Noop(vec![0xAA, 0xBB].into())]);
    let Theirs::Header(_, Said::V2 { addresses, tlvs, .. }) = theirs(&unspec) else {
        panic!()
    };
    assert_eq!((addresses.len(), tlvs.len()), (5, 0));

    // A wrong checksum.
    let mut bad_crc = b"\r\n\r\n\0\r\nQUIT\n\x21\x11\x00\x13".to_vec();
    bad_crc.extend([127, 0, 0, 1, 127, 0, 0, 2, 0, 80, 0, 25, 0x03, 0x00, 0x04, 1, 2, 3, 4]);
    assert_eq!(
        ProxyHeader::parse(&bad_crc).unwrap_err().kind(),
        SmtpErrorKind::ProxyV2Crc32cMismatch
    );
    assert!(matches!(theirs(&bad_crc), Theirs::Header(..)));
    compare(plus);
    compare(bare_lf);
    compare(unknown);
    compare(&odd_family);
    compare(&unspec);
    compare(&bad_crc);
}
