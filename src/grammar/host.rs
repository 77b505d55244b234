//! RFC 5321 §4.1.2 `Domain` as a host name: what one pass over a name's labels finds, for the
//! RFC 5321 checks and the accelerator alike.

use super::limits::MAX_LABEL;
use crate::chars::{is_ldh, is_u_label_char};
use crate::diagnosis::Diagnosis;
use crate::error::EnvelopeErrorKind;

/// What one pass over a domain name finds about it as an RFC 5321 `Domain`.
///
/// ```abnf
/// Domain     = sub-domain *("." sub-domain)   ; RFC 5321 §4.1.2
/// sub-domain = Let-dig [Ldh-str]
/// sub-domain =/ U-label                       ; RFC 6531 §3.3
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct HostName {
    /// How many labels the name has.
    pub(crate) labels: usize,
    /// Whether a label is neither a `sub-domain` nor a U-label (an empty label included).
    pub(crate) bad_label: bool,
    /// Whether a label is longer than 63 octets.
    pub(crate) long_label: bool,
    /// Whether the last label starts with a digit.
    pub(crate) tld_digit: bool,
}

impl HostName {
    /// Reads the labels of `name`, split at each `.`.
    pub(crate) fn read(name: &[u8]) -> Self {
        let mut host = HostName::default();
        for label in name.split(|&b| b == b'.') {
            host.label(label);
        }
        host
    }

    fn label(&mut self, label: &[u8]) {
        let ascii = label.is_ascii();
        let u_label = !ascii
            && label.first() != Some(&b'-')
            && label.last() != Some(&b'-')
            && label.iter().all(|&b| b >= 0x80 || is_ldh(b))
            && is_u_label_text(label);
        self.bad_label |= !(is_sub_domain(label) || u_label);
        self.long_label |= label.len() > MAX_LABEL;
        self.tld_digit = label.first().is_some_and(u8::is_ascii_digit);
        self.labels += 1;
    }

    /// Whether every label is a `sub-domain` or a U-label of at most 63 octets.
    pub(crate) fn is_valid(&self) -> bool {
        !self.bad_label && !self.long_label
    }

    /// The findings about a name with one label, or with a last label that starts with a digit.
    pub(crate) fn notes(&self) -> impl Iterator<Item = Diagnosis> {
        [
            (self.labels == 1, Diagnosis::Rfc5321Tld),
            (self.tld_digit, Diagnosis::Rfc5321TldNumeric),
        ]
        .into_iter()
        .filter_map(|(found, d)| found.then_some(d))
    }

    /// The ways the name (`too_long`: longer than 255 octets) fails to be an RFC 5321 `Domain`,
    /// in the order they are reported.
    pub(crate) fn findings(&self, too_long: bool) -> impl Iterator<Item = (Diagnosis, EnvelopeErrorKind)> {
        [
            (self.bad_label, Diagnosis::Rfc5322Domain, EnvelopeErrorKind::NotHostname),
            (
                self.long_label,
                Diagnosis::Rfc5322LabelTooLong,
                EnvelopeErrorKind::LabelTooLong,
            ),
            (
                too_long,
                Diagnosis::Rfc5322DomainTooLong,
                EnvelopeErrorKind::DomainTooLong,
            ),
        ]
        .into_iter()
        .filter(|(bad, _, _)| *bad)
        .map(|(_, d, k)| (d, k))
    }
}

/// Whether `label` is a `sub-domain` (its length is checked elsewhere).
///
/// ```abnf
/// sub-domain = Let-dig [Ldh-str]                 ; RFC 5321 §4.1.2
/// Let-dig    = ALPHA / DIGIT
/// Ldh-str    = *( ALPHA / DIGIT / "-" ) Let-dig
/// ```
pub(crate) fn is_sub_domain(b: &[u8]) -> bool {
    matches!((b.first(), b.last()), (Some(f), Some(l)) if f.is_ascii_alphanumeric() && l.is_ascii_alphanumeric())
        && b.iter().all(|&c| is_ldh(c))
}

/// Whether the UTF-8 in `b` holds only characters a U-label may (see [`is_u_label_char`]).
pub(crate) fn is_u_label_text(b: &[u8]) -> bool {
    // Every character that test refuses is written with one of these lead bytes (the unit tests
    // check it), so text without them needs no decoding.
    !b.iter().any(|&c| matches!(c, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF))
        || core::str::from_utf8(b).is_ok_and(|s| s.chars().all(|c| c.is_ascii() || is_u_label_char(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_domain_is_letters_digits_and_inner_hyphens() {
        assert!(is_sub_domain(b"a") && is_sub_domain(b"xn--bcher-kva") && is_sub_domain(b"1a-2"));
        assert!(!is_sub_domain(b"") && !is_sub_domain(b"-a") && !is_sub_domain(b"a-") && !is_sub_domain(b"a_b"));
    }

    #[test]
    fn every_character_a_u_label_refuses_has_a_listed_lead_byte() {
        let mut buf = [0u8; 4];
        for c in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            let text = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(is_u_label_text(text), is_u_label_char(c), "{c:?}");
            if !is_u_label_char(c) {
                assert!(matches!(text[0], 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF), "{c:?}");
            }
        }
    }

    #[test]
    fn reads_labels_lengths_and_the_last_label() {
        let host = HostName::read(b"mail.example.123");
        assert!(host.is_valid() && host.tld_digit);
        assert_eq!(host.labels, 3);
        let host = HostName::read("bücher.example".as_bytes());
        assert!(host.is_valid() && !host.tld_digit);
        assert!(!HostName::read(b"a..b").is_valid());
        assert!(!HostName::read(b"a_b.example").is_valid());
        assert!(!HostName::read("-bü.example".as_bytes()).is_valid());
        let long = HostName::read(alloc::format!("{}.example", "a".repeat(64)).as_bytes());
        assert!(long.long_label && !long.bad_label);
        assert_eq!(
            HostName::read(b"localhost").notes().collect::<alloc::vec::Vec<_>>(),
            [Diagnosis::Rfc5321Tld]
        );
    }
}
