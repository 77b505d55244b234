//! RFC 5321 §4.1.3 address literals and the §4.1.2 `sub-domain` rule. The paths themselves are in
//! `path.rs`.
//!
//! The rules follow the ABNF and its prose, not `std::net`: an IPv4 `Snum` with a leading zero is
//! refused (some resolvers read `010` as octal, others as decimal, and the crate does not guess),
//! and in the compressed IPv6 forms `::` must stand for at least two groups.

use crate::diagnosis::Diagnosis;

/// An address literal's syntax, as RFC 5321 §4.1.3 defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum LiteralSyntax<'a> {
    Ipv4([u8; 4]),
    /// The eight groups, a trailing IPv4 address folded into the last two.
    Ipv6([u16; 8]),
    General {
        tag: &'a str,
        content: &'a str,
    },
}

// ----- 4.1.2 Command Argument Syntax -----

/// Whether `label` is a `sub-domain` (its length is checked elsewhere).
///
/// ```abnf
/// sub-domain = Let-dig [Ldh-str]                 ; RFC 5321 §4.1.2
/// Let-dig    = ALPHA / DIGIT
/// Ldh-str    = *( ALPHA / DIGIT / "-" ) Let-dig
/// ```
pub(crate) fn is_sub_domain(label: &str) -> bool {
    let b = label.as_bytes();
    matches!((b.first(), b.last()), (Some(f), Some(l)) if f.is_ascii_alphanumeric() && l.is_ascii_alphanumeric())
        && b.iter().all(|&c| super::chars::is_ldh(c))
}

// ----- 4.1.3 Address Literals -----

/// Parses the text between a domain-literal's brackets as an address literal; on failure returns
/// the most specific finding (the isemail names).
///
/// ```abnf
/// address-literal = "[" ( IPv4-address-literal / IPv6-address-literal /
///                         General-address-literal ) "]"          ; RFC 5321 §4.1.3
/// ```
pub(crate) fn address_literal(content: &str) -> Result<LiteralSyntax<'_>, Diagnosis> {
    if let Some(octets) = ipv4_address_literal(content) {
        return Ok(LiteralSyntax::Ipv4(octets));
    }
    if let Some(addr) = ipv6_address_literal(content) {
        return addr.map(LiteralSyntax::Ipv6);
    }
    general_address_literal(content).ok_or(Diagnosis::Rfc5322DomainLiteral)
}

/// ```abnf
/// IPv4-address-literal = Snum 3("." Snum)   ; RFC 5321 §4.1.3
/// ```
fn ipv4_address_literal(s: &str) -> Option<[u8; 4]> {
    let mut octets = [0u8; 4];
    let mut parts = s.split('.');
    for octet in &mut octets {
        *octet = snum(parts.next()?)?;
    }
    parts.next().is_none().then_some(octets)
}

/// A decimal 0–255, without leading zeros.
///
/// ```abnf
/// Snum = 1*3DIGIT   ; representing a decimal integer value in the range 0 through 255
/// ```
fn snum(s: &str) -> Option<u8> {
    let digits = (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !digits || (s.len() > 1 && s.starts_with('0')) {
        return None;
    }
    s.parse().ok()
}

/// `None` when the text is not tagged `IPv6:` (any case); otherwise the address or the finding
/// that explains why it is none.
///
/// ```abnf
/// IPv6-address-literal = "IPv6:" IPv6-addr   ; RFC 5321 §4.1.3
/// ```
fn ipv6_address_literal(s: &str) -> Option<Result<[u16; 8], Diagnosis>> {
    let tag = s.get(..5)?;
    tag.eq_ignore_ascii_case("IPv6:").then(|| ipv6_addr(&s[5..]))
}

/// ```abnf
/// IPv6-addr   = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp    ; RFC 5321 §4.1.3
/// IPv6-full   = IPv6-hex 7(":" IPv6-hex)
/// IPv6-comp   = [IPv6-hex *5(":" IPv6-hex)] "::" [IPv6-hex *5(":" IPv6-hex)]
///             ; The "::" represents at least 2 16-bit groups of zeros. No more than 6 groups
///             ; in addition to the "::" may be present.
/// IPv6v4-full = IPv6-hex 5(":" IPv6-hex) ":" IPv4-address-literal
/// IPv6v4-comp = [IPv6-hex *3(":" IPv6-hex)] "::" [IPv6-hex *3(":" IPv6-hex) ":"] IPv4-address-literal
///             ; The "::" represents at least 2 16-bit groups of zeros. No more than 4 groups
///             ; in addition to the "::" and IPv4-address-literal may be present.
/// ```
fn ipv6_addr(s: &str) -> Result<[u16; 8], Diagnosis> {
    let compressed = s.matches("::").count();
    if compressed > 1 {
        return Err(Diagnosis::Rfc5322Ipv62x2xColon);
    }
    if s.starts_with(':') && !s.starts_with("::") {
        return Err(Diagnosis::Rfc5322Ipv6ColonStrt);
    }
    if s.ends_with(':') && !s.ends_with("::") {
        return Err(Diagnosis::Rfc5322Ipv6ColonEnd);
    }
    let (head, tail) = s.split_once("::").unwrap_or((s, ""));
    let (mut groups, mut tail_groups) = ([0u16; 8], [0u16; 8]);
    let head_n = ipv6_groups(head, compressed == 0, &mut groups).map_err(|d| match (d, compressed) {
        (Diagnosis::Rfc5322Ipv6MaxGrps, 0) => Diagnosis::Rfc5322Ipv6GrpCount,
        _ => d,
    })?;
    let tail_n = ipv6_groups(tail, true, &mut tail_groups)?;
    match (compressed, head_n + tail_n) {
        (0, 8) => Ok(groups),
        (0, _) => Err(Diagnosis::Rfc5322Ipv6GrpCount),
        (_, 0..=6) => {
            groups[8 - tail_n..].copy_from_slice(&tail_groups[..tail_n]);
            Ok(groups)
        }
        // RFC 4291 lets "::" stand for one group; RFC 5321's ABNF does not.
        (_, 7) => Err(Diagnosis::Rfc5321Ipv6Deprecated),
        _ => Err(Diagnosis::Rfc5322Ipv6MaxGrps),
    }
}

/// Reads the groups of one side of `::` into `out` and returns how many there were. An IPv4
/// address may end only the side that ends the address.
fn ipv6_groups(part: &str, ends_address: bool, out: &mut [u16; 8]) -> Result<usize, Diagnosis> {
    if part.is_empty() {
        return Ok(0);
    }
    let count = part.split(':').count();
    let mut n = 0;
    for (k, group) in part.split(':').enumerate() {
        for v in ipv6_group(group, ends_address && k + 1 == count)?.into_iter().flatten() {
            *out.get_mut(n).ok_or(Diagnosis::Rfc5322Ipv6MaxGrps)? = v;
            n += 1;
        }
    }
    Ok(n)
}

/// One group: a hex group, or (last in the address only) an IPv4 address worth two groups.
///
/// ```abnf
/// IPv6-hex = 1*4HEXDIG   ; RFC 5321 §4.1.3
/// ```
fn ipv6_group(group: &str, last: bool) -> Result<[Option<u16>; 2], Diagnosis> {
    if last && group.contains('.') {
        let [a, b, c, d] = ipv4_address_literal(group).ok_or(Diagnosis::Rfc5322Ipv6BadChar)?;
        return Ok([Some(u16::from_be_bytes([a, b])), Some(u16::from_be_bytes([c, d]))]);
    }
    let hex = (1..=4).contains(&group.len()) && group.bytes().all(|b| b.is_ascii_hexdigit());
    match u16::from_str_radix(group, 16) {
        Ok(v) if hex => Ok([Some(v), None]),
        _ => Err(Diagnosis::Rfc5322Ipv6BadChar),
    }
}

/// ```abnf
/// General-address-literal = Standardized-tag ":" 1*dcontent   ; RFC 5321 §4.1.3
/// Standardized-tag        = Ldh-str
/// dcontent                = %d33-90 / %d94-126
/// ```
fn general_address_literal(s: &str) -> Option<LiteralSyntax<'_>> {
    let (tag, content) = s.split_once(':')?;
    let ldh_str = tag.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric) && tag.bytes().all(super::chars::is_ldh);
    let dcontent = !content.is_empty() && content.bytes().all(|b| matches!(b, 33..=90 | 94..=126));
    (ldh_str && dcontent && !tag.eq_ignore_ascii_case("IPv6")).then_some(LiteralSyntax::General { tag, content })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v6(s: &str) -> Result<LiteralSyntax<'_>, Diagnosis> {
        address_literal(s)
    }

    #[test]
    fn sub_domain_is_letters_digits_and_inner_hyphens() {
        assert!(is_sub_domain("a") && is_sub_domain("xn--bcher-kva") && is_sub_domain("1a-2"));
        assert!(!is_sub_domain("") && !is_sub_domain("-a") && !is_sub_domain("a-") && !is_sub_domain("a_b"));
    }

    #[test]
    fn snum_is_0_to_255_without_leading_zeros() {
        assert_eq!((snum("0"), snum("9"), snum("255")), (Some(0), Some(9), Some(255)));
        assert_eq!(
            (snum("256"), snum("010"), snum("00"), snum(""), snum("1000"), snum("+1")),
            (None, None, None, None, None, None)
        );
    }

    #[test]
    fn accepts_ipv4_address_literals() {
        assert_eq!(address_literal("127.0.0.1"), Ok(LiteralSyntax::Ipv4([127, 0, 0, 1])));
        assert_eq!(address_literal("255.255.255.255"), Ok(LiteralSyntax::Ipv4([255; 4])));
    }

    #[test]
    fn rejects_ipv4_octet_out_of_range_or_with_leading_zero() {
        for bad in ["256.0.0.1", "010.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.4 ", "1..2.3"] {
            assert_eq!(address_literal(bad), Err(Diagnosis::Rfc5322DomainLiteral), "{bad}");
        }
    }

    #[test]
    fn accepts_the_four_ipv6_forms_with_any_case_tag() {
        let full = [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1];
        assert_eq!(v6("IPv6:2001:db8:0:0:0:0:0:1"), Ok(LiteralSyntax::Ipv6(full)));
        assert_eq!(v6("ipv6:2001:DB8::1"), Ok(LiteralSyntax::Ipv6(full)));
        assert_eq!(v6("IPv6:::1"), Ok(LiteralSyntax::Ipv6([0, 0, 0, 0, 0, 0, 0, 1])));
        assert_eq!(v6("IPv6:::"), Ok(LiteralSyntax::Ipv6([0; 8])));
        assert_eq!(
            v6("IPv6:1:2:3:4:5:6:1.2.3.4"),
            Ok(LiteralSyntax::Ipv6([1, 2, 3, 4, 5, 6, 0x0102, 0x0304]))
        );
        assert_eq!(
            v6("IPv6:::ffff:192.0.2.1"),
            Ok(LiteralSyntax::Ipv6([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]))
        );
    }

    #[test]
    fn rejects_bad_ipv6_literals_with_the_isemail_finding() {
        let cases = [
            ("IPv6:1::2::3", Diagnosis::Rfc5322Ipv62x2xColon),
            ("IPv6:1:2:3:4:5:6:7:g", Diagnosis::Rfc5322Ipv6BadChar),
            ("IPv6:12345::1", Diagnosis::Rfc5322Ipv6BadChar),
            ("IPv6::1:2:3:4:5:6:7", Diagnosis::Rfc5322Ipv6ColonStrt),
            ("IPv6:1:2:3:4:5:6:7:", Diagnosis::Rfc5322Ipv6ColonEnd),
            ("IPv6:1:2:3:4:5:6:7", Diagnosis::Rfc5322Ipv6GrpCount),
            ("IPv6:1:2:3:4:5:6:7:8:9", Diagnosis::Rfc5322Ipv6GrpCount),
            ("IPv6:1:2:3:4::5:6:7:8", Diagnosis::Rfc5322Ipv6MaxGrps),
            // "::" eliding a single group: RFC 4291 allows it, RFC 5321's IPv6-comp does not.
            (
                "IPv6:1111:2222:3333:4444:5555:6666::8888",
                Diagnosis::Rfc5321Ipv6Deprecated,
            ),
            ("IPv6:1:2:3:4:5::1.2.3.4", Diagnosis::Rfc5321Ipv6Deprecated),
            ("IPv6:1.2.3.4:1::", Diagnosis::Rfc5322Ipv6BadChar),
        ];
        for (input, finding) in cases {
            assert_eq!(v6(input), Err(finding), "{input}");
        }
    }

    #[test]
    fn accepts_general_literals_by_their_abnf() {
        assert_eq!(
            address_literal("x-tag:content"),
            Ok(LiteralSyntax::General {
                tag: "x-tag",
                content: "content"
            })
        );
        for bad in ["tag-:x", ":x", "tag:", "tag:a b", "not an address"] {
            assert_eq!(address_literal(bad), Err(Diagnosis::Rfc5322DomainLiteral), "{bad}");
        }
    }
}
