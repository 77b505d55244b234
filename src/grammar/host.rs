//! RFC 5321 §4.1.2 `Domain` as a host name: what one pass over a name's labels finds, for the
//! RFC 5321 checks and the accelerator alike.

use super::limits::MAX_LABEL;
use crate::chars::{is_label_byte, is_ldh, span, span_ascii_first};
use crate::diagnosis::Diagnosis;
use crate::error::EnvelopeErrorKind;

/// What one pass over the labels of a domain name finds about it as an RFC 5321 `Domain`: how
/// many there are, whether each is a `sub-domain` or a U-label within 63 octets, and whether
/// the last starts with a digit.
///
/// ```abnf
/// Domain     = sub-domain *("." sub-domain)   ; RFC 5321 §4.1.2
/// sub-domain = Let-dig [Ldh-str]
/// sub-domain =/ U-label                       ; RFC 6531 §3.3
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Labels {
    /// How many labels the name has.
    pub(crate) count: usize,
    /// Whether a label is neither a `sub-domain` nor a U-label (an empty label included).
    pub(crate) bad_label: bool,
    /// Whether a label is longer than 63 octets.
    pub(crate) long_label: bool,
    /// Whether the last label starts with a digit.
    pub(crate) tld_digit: bool,
}

impl Labels {
    /// Scans the host name at the start of `b`: labels of LDH or UTF-8 bytes separated by single
    /// dots, up to the first byte that is neither. Returns its length and what it found; one pass.
    #[allow(clippy::inline_always)] // the accelerator's hot loop
    #[inline(always)]
    pub(crate) fn scan(b: &[u8]) -> (usize, Self) {
        let mut host = Labels::default();
        let mut start = 0;
        loop {
            let (len, non_ascii) = span_ascii_first(&b[start..], is_ldh, is_label_byte);
            let end = start + len;
            host.label(&b[start..end], non_ascii);
            if b.get(end) != Some(&b'.') {
                return (end, host);
            }
            start = end + 1;
        }
    }

    /// Reads the whole of `name` (a dot-atom: any atext may stand in its labels).
    pub(crate) fn read(name: &[u8]) -> Self {
        let (len, host) = Self::scan(name);
        if len == name.len() {
            return host;
        }
        // A byte no label may hold makes its label bad; the labels are still those the dots
        // split, for the findings about their number and the last one.
        let mut host = Labels::default();
        for label in name.split(|&b| b == b'.') {
            host.label(label, !label.is_ascii());
            host.bad_label |= span(label, is_label_byte) != label.len();
        }
        host
    }

    /// Adds a label whose bytes are LDH or UTF-8 (`non_ascii`: some are UTF-8). An ASCII label
    /// is a `sub-domain` when it has no hyphen at either end; a UTF-8 one is a U-label when its
    /// characters may stand in one, too.
    #[allow(clippy::inline_always)] // once per label of every accelerated address
    #[inline(always)]
    fn label(&mut self, label: &[u8], non_ascii: bool) {
        let hyphen_end = label.first() == Some(&b'-') || label.last() == Some(&b'-');
        self.bad_label |= label.is_empty() || hyphen_end;
        if non_ascii {
            match u_label_len(label) {
                Some(len) => self.long_label |= len > MAX_LABEL,
                None => self.bad_label = true,
            }
        } else {
            self.long_label |= label.len() > MAX_LABEL;
        }
        self.tld_digit = label.first().is_some_and(u8::is_ascii_digit);
        self.count += 1;
    }

    /// Whether every label is a `sub-domain` or a U-label of at most 63 octets.
    pub(crate) fn is_valid(&self) -> bool {
        !self.bad_label && !self.long_label
    }

    /// The findings about a name with one label, or with a last label that starts with a digit.
    pub(crate) fn notes(&self) -> impl Iterator<Item = Diagnosis> {
        [
            (self.count == 1, Diagnosis::Rfc5321Tld),
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

/// The length of the A-label of a U-label (RFC 5890 §4.2 measures the 63-octet limit there), or
/// `None` when `label` is not a valid U-label: the one IDNA2008 answer (see `crate::idna2008`).
#[cold]
fn u_label_len(label: &[u8]) -> Option<usize> {
    core::str::from_utf8(label).ok().and_then(crate::idna2008::u_label_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_domain_is_letters_digits_and_inner_hyphens() {
        let sub_domain = |label: &[u8]| Labels::read(label).is_valid();
        assert!(sub_domain(b"a") && sub_domain(b"xn--bcher-kva") && sub_domain(b"1a-2"));
        assert!(!sub_domain(b"") && !sub_domain(b"-a") && !sub_domain(b"a-") && !sub_domain(b"a_b"));
    }

    #[test]
    fn reads_labels_lengths_and_the_last_label() {
        let host = Labels::read(b"mail.example.123");
        assert!(host.is_valid() && host.tld_digit);
        assert_eq!(host.count, 3);
        let host = Labels::read("bücher.example".as_bytes());
        assert!(host.is_valid() && !host.tld_digit);
        assert!(!Labels::read(b"a..b").is_valid());
        assert!(!Labels::read(b"a_b.example").is_valid());
        assert!(!Labels::read("-bü.example".as_bytes()).is_valid());
        let long = Labels::read(alloc::format!("{}.example", "a".repeat(64)).as_bytes());
        assert!(long.long_label && !long.bad_label);
        // A U-label's 63 octets are those of its A-label (RFC 5890 §4.2): 40 `ñ` are 80 octets of
        // UTF-8 but `xn--ida` and 39 more, 46 octets.
        let spanish = Labels::read(alloc::format!("{}.es", "ñ".repeat(40)).as_bytes());
        #[cfg(feature = "idna")]
        assert!(spanish.is_valid());
        #[cfg(not(feature = "idna"))]
        assert!(spanish.long_label);
        assert_eq!(
            Labels::read(b"localhost").notes().collect::<alloc::vec::Vec<_>>(),
            [Diagnosis::Rfc5321Tld]
        );
    }
}
