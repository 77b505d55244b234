//! Fuzz target `proxy`: `smtp::proxy::ProxyHeader::parse` on arbitrary bytes, both versions.
//!
//! Never a panic; an error points into the input; an incomplete header needs at least one more
//! octet and no more than the longest header allows; a complete header is written back and read
//! again as the same value (a version 2 header octet for octet), and the prefixes of what it
//! took are incomplete, each `needed` reaching no further than the header's end.
#![no_main]

use mail_envelope::smtp::proxy::{ProxyHeader, ProxyRecord};
use mail_envelope::smtp::Status;

/// The longest version 1 line and the longest version 2 header.
const V1_MAX: usize = 107;
const V2_MAX: usize = 16 + 65_535;

/// How many prefixes of a complete header are checked: all of a short one, this many spread
/// over a long one.
const PREFIXES: usize = 64;

fn check(data: &[u8]) {
    let result = ProxyHeader::parse(data);
    // The record of every outcome can be made.
    let record = ProxyRecord::new(&result);
    assert_eq!(record.ok(), matches!(result, Ok(Status::Complete(_))));
    match result {
        Err(err) => {
            let offset = err.offset().expect("a parse error points into the input");
            assert!(offset <= data.len(), "offset {offset} past {} octets", data.len());
        }
        Ok(Status::Incomplete { needed }) => {
            assert!(needed >= 1);
            let max = if data.first() == Some(&b'P') { V1_MAX } else { V2_MAX };
            assert!(data.len() + needed <= max, "{} + {needed} past {max}", data.len());
        }
        Ok(Status::Complete((header, len))) => {
            assert!(
                (15..=data.len()).contains(&len),
                "length {len} of {} octets",
                data.len()
            );
            let written = header.to_bytes();
            if header.version() == 2 {
                assert_eq!(written, &data[..len], "a version 2 header is written as read");
            } else {
                assert!(written.len() <= V1_MAX);
            }
            match ProxyHeader::parse(&written) {
                Ok(Status::Complete((again, again_len))) => {
                    assert_eq!(again, header);
                    assert_eq!(again_len, written.len());
                }
                other => panic!("{written:?}, written from {header:?}, reads as {other:?}"),
            }
            let step = (len / PREFIXES).max(1);
            for cut in (0..len).step_by(step).chain(len.saturating_sub(3)..len) {
                match ProxyHeader::parse(&data[..cut]) {
                    Ok(Status::Incomplete { needed }) => {
                        assert!(
                            needed >= 1 && cut + needed <= len,
                            "prefix {cut} of {len}: needed {needed}"
                        );
                    }
                    other => panic!("prefix {cut} of a {len}-octet header: {other:?}"),
                }
            }
        }
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));
