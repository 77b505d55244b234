//! RFC 5321: paths (§4.1.2), address literals (§4.1.3), and the limits and checks that decide
//! whether an addr-spec can be an RFC 5321 path (§4.5.3.1), each defined once here.
//!
//! The rules follow the ABNF and its prose, not `std::net`: an IPv4 `Snum` with a leading zero is
//! refused (some resolvers read `010` as octal, others as decimal, and the crate does not guess),
//! and in the compressed IPv6 forms `::` must stand for at least two groups.

use alloc::borrow::Cow;
use core::net::{Ipv4Addr, Ipv6Addr};

use super::host::Labels;
use super::lexical::{dot_atom_text, Unescaped};
use super::limits::{MAX_DOMAIN, MAX_LOCAL_PART, MAX_PATH};
use super::{backtrack, cut, Ctx, RuleResult};
use crate::chars::{self, span};
use crate::diagnosis::{Diagnoses, Diagnosis};
use crate::error::{EnvelopeError, EnvelopeErrorKind, ErrorKind};
use crate::types::address::{AddrSpec, LocalPart, Rating};
use crate::types::domain::{AddressLiteral, Domain, DomainLiteral, DomainName};
use crate::types::path::SmtpPath;
use crate::types::text::Text;

/// Rates the parts of an addr-spec against RFC 5321: the findings, and the first reason (if any)
/// why it cannot be a path.
pub(crate) fn rate_smtp(local: &LocalPart<'_>, domain: &Domain<'_>) -> Rating {
    let mut found = Diagnoses::new();
    let mut first: Option<EnvelopeError> = None;
    let mut refuse = |d: Diagnosis, kind: EnvelopeErrorKind, offset: usize, found: &mut Diagnoses| {
        found.insert(d);
        first.get_or_insert(EnvelopeError::new(kind, offset));
    };
    let local_len = local.canonical_len();
    if chars::has_unicode_control(local.value()) {
        refuse(
            Diagnosis::Rfc5322LocalNotSmtp,
            EnvelopeErrorKind::LocalPartNotSmtp,
            local.offset(),
            &mut found,
        );
    }
    if local_len > MAX_LOCAL_PART {
        refuse(
            Diagnosis::Rfc5322LocalTooLong,
            EnvelopeErrorKind::LocalPartTooLong,
            local.offset(),
            &mut found,
        );
    }
    let domain_len = match domain {
        Domain::Name(name) => {
            let host = Labels::read(name.value().as_bytes());
            for (d, kind) in host.findings(name.value().len() > MAX_DOMAIN) {
                refuse(d, kind, domain.offset(), &mut found);
            }
            found.extend(host.notes().collect());
            name.value().len()
        }
        Domain::Literal(literal) => {
            // isemail's name for a literal that is none and was written with obs-dtext.
            let obs_dtext = || {
                literal
                    .as_str()
                    .bytes()
                    .any(|b| b == b'\\' || chars::is_obs_no_ws_ctl(b))
            };
            let offset = domain.offset();
            // The grammar read the value once; only a literal that is none is read again, for
            // the finding that says why.
            let verdict = match literal.address_literal() {
                Some(_) => Ok(()),
                None => address_literal(literal.value()).map(|_| ()),
            };
            match verdict {
                Ok(()) => found.insert(Diagnosis::Rfc5321AddressLiteral),
                Err(Diagnosis::Rfc5322DomainLiteral) if obs_dtext() => refuse(
                    Diagnosis::Rfc5322DomlitObsdtext,
                    EnvelopeErrorKind::NotAddressLiteral,
                    offset,
                    &mut found,
                ),
                Err(d) => refuse(d, EnvelopeErrorKind::NotAddressLiteral, offset, &mut found),
            }
            literal.value().len() + 2
        }
    };
    if local_len + 1 + domain_len + 2 > MAX_PATH {
        refuse(
            Diagnosis::Rfc5322TooLong,
            EnvelopeErrorKind::PathTooLong,
            local.offset(),
            &mut found,
        );
    }
    Rating {
        diagnoses: found,
        envelope_error: first,
    }
}

// ----- 4.1.2 Command Argument Syntax -----

/// Parses a reverse- or forward-path. Source routes are accepted and dropped (RFC 5321 §4.1.2,
/// Appendix C); in Lenient mode the angle brackets may be missing.
///
/// ```abnf
/// Reverse-path = Path / "<>"                        ; RFC 5321 §4.1.2
/// Forward-path = Path / "<Postmaster>"
/// Path         = "<" [ A-d-l ":" ] Mailbox ">"
/// ```
pub(crate) fn path<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, SmtpPath<'a>> {
    if input == "<>" {
        return Ok(("", SmtpPath::Null));
    }
    if input.len() == 12 && input.eq_ignore_ascii_case("<Postmaster>") {
        return Ok(("", SmtpPath::Postmaster));
    }
    // Accelerator: `<` a plain addr-spec `>`, read in one pass with the grammar's result.
    if let Some(inner) = input.strip_prefix('<').filter(|_| ctx.accelerate()) {
        if let Some((addr, len)) = super::accel::addr_spec(inner, ctx.offset(inner)) {
            if let Some(rest) = inner[len..].strip_prefix('>') {
                return Ok((rest, SmtpPath::Path(addr)));
            }
        }
    }
    let Some(inner) = input.strip_prefix('<') else {
        if ctx.lenient() {
            return smtp_mailbox(ctx, input).map(|(rest, a)| (rest, SmtpPath::Path(a)));
        }
        return backtrack(input, ErrorKind::ExpectedAngleOpen);
    };
    let inner = match a_d_l(inner)? {
        (rest, true) => {
            ctx.note(Diagnosis::ObsRouteDropped);
            rest
        }
        (rest, false) => rest,
    };
    let (rest, addr) = smtp_mailbox(ctx, inner)?;
    let Some(rest) = rest.strip_prefix('>') else {
        return cut(rest, ErrorKind::ExpectedAngleClose);
    };
    if input.len() - rest.len() > MAX_PATH {
        return cut(input, ErrorKind::Envelope(EnvelopeErrorKind::PathTooLong));
    }
    Ok((rest, SmtpPath::Path(addr)))
}

/// Parses an optional source route and its `:`; `true` if there was one.
///
/// ```abnf
/// A-d-l     = At-domain *( "," At-domain )   ; RFC 5321 §4.1.2
/// At-domain = "@" Domain
/// ```
fn a_d_l(input: &str) -> RuleResult<'_, bool> {
    if !input.starts_with('@') {
        return Ok((input, false));
    }
    let mut rest = input;
    while let Some(after_at) = rest.strip_prefix('@') {
        let Ok((after, _)) = dot_atom_text(after_at) else {
            return cut(after_at, ErrorKind::ExpectedDomain);
        };
        rest = after.strip_prefix(',').unwrap_or(after);
        if rest.len() == after.len() {
            break;
        }
    }
    match rest.strip_prefix(':') {
        Some(rest) => Ok((rest, true)),
        None => cut(rest, ErrorKind::ExpectedColon),
    }
}

/// Parses an RFC 5321 Mailbox and checks its limits.
///
/// ```abnf
/// Mailbox         = Local-part "@" ( Domain / address-literal )   ; RFC 5321 §4.1.2
/// Local-part      = Dot-string / Quoted-string
/// Dot-string      = Atom *("."  Atom)
/// Quoted-string   = DQUOTE *QcontentSMTP DQUOTE
/// QcontentSMTP    = qtextSMTP / quoted-pairSMTP
/// quoted-pairSMTP = %d92 %d32-126
/// qtextSMTP       = %d32-33 / %d35-91 / %d93-126
/// atext          =/ UTF8-non-ascii                                ; RFC 6531 §3.3
/// qtextSMTP      =/ UTF8-non-ascii
/// ```
fn smtp_mailbox<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, AddrSpec<'a>> {
    let (rest, (raw, value)) = if input.starts_with('"') {
        smtp_quoted_string(input)?
    } else {
        match dot_atom_text(input) {
            Ok((rest, text)) => (rest, (text, Cow::Borrowed(text))),
            Err(_) => return backtrack(input, ErrorKind::ExpectedLocalPart),
        }
    };
    let Some(at_domain) = rest.strip_prefix('@') else {
        return backtrack(rest, ErrorKind::ExpectedAt);
    };
    let (rest, domain) = if let Some(body) = at_domain.strip_prefix('[') {
        let end = chars::span(body, |b| b != b']' && (b > 32 && b != b'[' && b != b'\\'));
        if body.as_bytes().get(end) != Some(&b']') {
            return cut(&body[end..], ErrorKind::ExpectedBracketClose);
        }
        let text = Text::new(&at_domain[..end + 2], &body[..end], ctx.offset(at_domain));
        (&body[end + 1..], Domain::Literal(literal(text)))
    } else {
        let Ok((rest, text)) = dot_atom_text(at_domain) else {
            return backtrack(at_domain, ErrorKind::ExpectedDomain);
        };
        (
            rest,
            Domain::Name(DomainName::from_text(Text::verbatim(text, ctx.offset(at_domain)))),
        )
    };
    let local_part = LocalPart::from_text(Text::new(raw, value, ctx.offset(input)));
    let mut rating = rate_smtp(&local_part, &domain);
    if let Some(e) = rating.envelope_error {
        // The error's offset is that of the local part or the domain, both inside `input`.
        return cut(&input[e.offset() - ctx.offset(input)..], ErrorKind::Envelope(e.kind()));
    }
    if raw.starts_with('"') {
        rating.diagnoses.insert(Diagnosis::Rfc5321QuotedString);
    }
    rating.diagnoses.extend(ctx.diagnoses());
    Ok((rest, AddrSpec::from_parts(local_part, domain, rating, None)))
}

/// A domain-literal with the given text, its value read once as an address literal.
pub(crate) fn literal(text: Text<'_>) -> DomainLiteral<'_> {
    DomainLiteral::from_text(text, |value| address_literal(value).ok())
}

/// Parses an RFC 5321 Quoted-string: returns the rest, the source and the unescaped value.
fn smtp_quoted_string(input: &str) -> RuleResult<'_, (&str, Cow<'_, str>)> {
    let body = &input[1..];
    let mut value = Unescaped::new(body);
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((&body[i + 1..], (&input[..i + 2], value.finish(i)))),
            '\\' => match chars.next() {
                Some((_, escaped @ ' '..='~')) => value.replace(i, Some(escaped)),
                _ => return cut(&body[i..], ErrorKind::InvalidQuotedPair),
            },
            ' '..='~' | '\u{80}'.. => value.keep(i, i + c.len_utf8()),
            _ => return cut(&body[i..], ErrorKind::UnexpectedControl),
        }
    }
    cut("", ErrorKind::UnterminatedQuotedString)
}

// ----- 4.1.2 Command Argument Syntax -----

// ----- 4.1.3 Address Literals -----

/// Parses the text between a domain-literal's brackets as an address literal; on failure returns
/// the most specific finding (the isemail names).
///
/// ```abnf
/// address-literal = "[" ( IPv4-address-literal / IPv6-address-literal /
///                         General-address-literal ) "]"          ; RFC 5321 §4.1.3
/// ```
pub(crate) fn address_literal(content: &str) -> Result<AddressLiteral<'_>, Diagnosis> {
    if let Some(octets) = ipv4_address_literal(content) {
        return Ok(AddressLiteral::Ipv4(Ipv4Addr::from(octets)));
    }
    if let Some(addr) = ipv6_address_literal(content) {
        return addr.map(|groups| AddressLiteral::Ipv6(Ipv6Addr::from(groups)));
    }
    general_address_literal(content).ok_or(Diagnosis::Rfc5322DomainLiteral)
}

/// ```abnf
/// IPv4-address-literal = Snum 3("." Snum)   ; RFC 5321 §4.1.3
/// ```
fn ipv4_address_literal(s: &str) -> Option<[u8; 4]> {
    let b = s.as_bytes();
    let mut octets = [0u8; 4];
    let mut i = 0;
    for (k, octet) in octets.iter_mut().enumerate() {
        if k > 0 {
            if b.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
        let digits = b.get(i..)?;
        let len = span(digits, |c| c.is_ascii_digit());
        *octet = snum(&digits[..len])?;
        i += len;
    }
    (i == b.len()).then_some(octets)
}

/// A decimal 0–255, without leading zeros.
///
/// ```abnf
/// Snum = 1*3DIGIT   ; representing a decimal integer value in the range 0 through 255
/// ```
fn snum(digits: &[u8]) -> Option<u8> {
    let decimal = (1..=3).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit);
    if !decimal || (digits.len() > 1 && digits[0] == b'0') {
        return None;
    }
    let value = digits.iter().fold(0u16, |v, &d| v * 10 + u16::from(d - b'0'));
    u8::try_from(value).ok()
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
    let b = s.as_bytes();
    // The `::`s, counted from the left without overlap (`:::` holds one), and where the first is.
    let (mut compressed, mut first, mut i) = (0, None, 0);
    while i + 1 < b.len() {
        if b[i] == b':' && b[i + 1] == b':' {
            compressed += 1;
            first.get_or_insert(i);
            i += 2;
        } else {
            i += 1;
        }
    }
    if compressed > 1 {
        return Err(Diagnosis::Rfc5322Ipv62x2xColon);
    }
    if s.starts_with(':') && !s.starts_with("::") {
        return Err(Diagnosis::Rfc5322Ipv6ColonStrt);
    }
    if s.ends_with(':') && !s.ends_with("::") {
        return Err(Diagnosis::Rfc5322Ipv6ColonEnd);
    }
    let (head, tail) = first.map_or((b, &b[..0]), |at| (&b[..at], &b[at + 2..]));
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
fn ipv6_groups(part: &[u8], ends_address: bool, out: &mut [u16; 8]) -> Result<usize, Diagnosis> {
    if part.is_empty() {
        return Ok(0);
    }
    let mut n = 0;
    let mut groups = part.split(|&c| c == b':').peekable();
    while let Some(group) = groups.next() {
        let last = ends_address && groups.peek().is_none();
        for v in ipv6_group(group, last)?.into_iter().flatten() {
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
fn ipv6_group(group: &[u8], last: bool) -> Result<[Option<u16>; 2], Diagnosis> {
    if last && group.contains(&b'.') {
        // A slice of text cut at ASCII bytes is text.
        let text = core::str::from_utf8(group).map_err(|_| Diagnosis::Rfc5322Ipv6BadChar)?;
        let [a, b, c, d] = ipv4_address_literal(text).ok_or(Diagnosis::Rfc5322Ipv6BadChar)?;
        return Ok([Some(u16::from_be_bytes([a, b])), Some(u16::from_be_bytes([c, d]))]);
    }
    if !(1..=4).contains(&group.len()) {
        return Err(Diagnosis::Rfc5322Ipv6BadChar);
    }
    let mut value = 0u16;
    for &c in group {
        let digit = char::from(c).to_digit(16).ok_or(Diagnosis::Rfc5322Ipv6BadChar)?;
        // Four hex digits at most: the value fits in 16 bits.
        value = value << 4 | u16::try_from(digit).unwrap_or_default();
    }
    Ok([Some(value), None])
}

/// ```abnf
/// General-address-literal = Standardized-tag ":" 1*dcontent   ; RFC 5321 §4.1.3
/// Standardized-tag        = Ldh-str
///                         ; Standardized-tag MUST be specified in a Standards-Track RFC and
///                         ; registered with IANA
/// dcontent                = %d33-90 / %d94-126
/// ```
///
/// The IANA registry of address literal tags holds `IPv6` alone, which has its own form: any
/// other tag makes a domain-literal that is no address literal.
fn general_address_literal(s: &str) -> Option<AddressLiteral<'_>> {
    let (tag, content) = s.split_once(':')?;
    let ldh_str = tag.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric) && tag.bytes().all(chars::is_ldh);
    let dcontent = !content.is_empty() && content.bytes().all(|b| matches!(b, 33..=90 | 94..=126));
    let registered = REGISTERED_TAGS.iter().any(|t| tag.eq_ignore_ascii_case(t));
    (ldh_str && dcontent && registered).then_some(AddressLiteral::General { tag, content })
}

/// The `Standardized-tag`s registered with IANA ("Address Literal Tags") other than `IPv6`,
/// which [`ipv6_address_literal`] reads: none today.
const REGISTERED_TAGS: [&str; 0] = [];

#[cfg(test)]
mod tests {
    use super::super::testing::{kat, rejects};
    use super::*;
    use alloc::format;

    fn mailbox(text: &'static str) -> SmtpPath<'static> {
        SmtpPath::Path(AddrSpec::parse(text).unwrap())
    }

    #[test]
    fn path_reads_null_postmaster_and_mailboxes() {
        kat(path, "<>", "", SmtpPath::Null);
        kat(path, "<pOsTmAsTeR>", "", SmtpPath::Postmaster);
        kat(path, "<a@b.example> SIZE=1", " SIZE=1", mailbox("a@b.example"));
        kat(
            path,
            "<@r1.example,@r2.example:a@b.example>",
            "",
            mailbox("a@b.example"),
        );
        kat(path, "<\"a b\"@[127.0.0.1]>", "", mailbox("\"a b\"@[127.0.0.1]"));
    }

    #[test]
    fn path_rejects_what_rfc_5321_does_not_allow() {
        rejects(path, "a@b.example", ErrorKind::ExpectedAngleOpen, 0);
        rejects(path, "<a@b.example", ErrorKind::ExpectedAngleClose, 12);
        rejects(path, "<Name <a@b.example>>", ErrorKind::ExpectedAt, 5);
        rejects(path, "<a (c)@b.example>", ErrorKind::ExpectedAt, 2);
        rejects(path, "<@r1.example a@b.example>", ErrorKind::ExpectedColon, 12);
        rejects(path, "<\"a\tb\"@b.example>", ErrorKind::UnexpectedControl, 3);
        rejects(
            path,
            "<a@-b.example>",
            ErrorKind::Envelope(EnvelopeErrorKind::NotHostname),
            3,
        );
        let long = format!("<{}@b.example>", "a".repeat(65));
        rejects(path, &long, ErrorKind::Envelope(EnvelopeErrorKind::LocalPartTooLong), 1);
    }

    #[test]
    fn a_d_l_is_optional_and_needs_its_colon() {
        kat(|_, i| a_d_l(i), "a@b", "a@b", false);
        kat(|_, i| a_d_l(i), "@x.example:a@b", "a@b", true);
        rejects(|_, i| a_d_l(i), "@:a@b", ErrorKind::ExpectedDomain, 1);
    }

    #[test]
    fn smtp_quoted_string_allows_only_printable_escapes() {
        kat(
            |_, i| smtp_quoted_string(i),
            "\"a\\\"b\"@",
            "@",
            ("\"a\\\"b\"", Cow::Owned("a\"b".into())),
        );
        kat(
            |_, i| smtp_quoted_string(i),
            "\"ü\"@",
            "@",
            ("\"ü\"", Cow::Borrowed("ü")),
        );
        rejects(
            |_, i| smtp_quoted_string(i),
            "\"a",
            ErrorKind::UnterminatedQuotedString,
            2,
        );
        rejects(
            |_, i| smtp_quoted_string(i),
            "\"\\\u{1}\"",
            ErrorKind::InvalidQuotedPair,
            1,
        );
    }
    fn v6(s: &str) -> Result<AddressLiteral<'_>, Diagnosis> {
        address_literal(s)
    }

    #[test]
    fn snum_is_0_to_255_without_leading_zeros() {
        assert_eq!((snum(b"0"), snum(b"9"), snum(b"255")), (Some(0), Some(9), Some(255)));
        assert_eq!(
            (
                snum(b"256"),
                snum(b"010"),
                snum(b"00"),
                snum(b""),
                snum(b"1000"),
                snum(b"+1")
            ),
            (None, None, None, None, None, None)
        );
    }

    #[test]
    fn accepts_ipv4_address_literals() {
        assert_eq!(
            address_literal("127.0.0.1"),
            Ok(AddressLiteral::Ipv4(Ipv4Addr::from([127, 0, 0, 1])))
        );
        assert_eq!(
            address_literal("255.255.255.255"),
            Ok(AddressLiteral::Ipv4(Ipv4Addr::from([255; 4])))
        );
    }

    #[test]
    fn rejects_ipv4_octet_out_of_range_or_with_leading_zero() {
        for bad in ["256.0.0.1", "010.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.4 ", "1..2.3"] {
            assert_eq!(address_literal(bad), Err(Diagnosis::Rfc5322DomainLiteral), "{bad}");
        }
    }

    #[test]
    fn accepts_the_four_ipv6_forms_with_any_case_tag() {
        let full: [u16; 8] = [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1];
        assert_eq!(
            v6("IPv6:2001:db8:0:0:0:0:0:1"),
            Ok(AddressLiteral::Ipv6(Ipv6Addr::from(full)))
        );
        assert_eq!(v6("ipv6:2001:DB8::1"), Ok(AddressLiteral::Ipv6(Ipv6Addr::from(full))));
        assert_eq!(
            v6("IPv6:::1"),
            Ok(AddressLiteral::Ipv6(Ipv6Addr::from([0, 0, 0, 0, 0, 0, 0, 1])))
        );
        assert_eq!(v6("IPv6:::"), Ok(AddressLiteral::Ipv6(Ipv6Addr::UNSPECIFIED)));
        assert_eq!(
            v6("IPv6:1:2:3:4:5:6:1.2.3.4"),
            Ok(AddressLiteral::Ipv6(Ipv6Addr::from([1, 2, 3, 4, 5, 6, 0x0102, 0x0304])))
        );
        assert_eq!(
            v6("IPv6:::ffff:192.0.2.1"),
            Ok(AddressLiteral::Ipv6(Ipv6Addr::from([
                0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201
            ])))
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
    fn general_literals_need_a_registered_tag() {
        // RFC 5321 §4.1.3: the tag MUST be registered with IANA, whose registry holds only IPv6.
        for unregistered in ["x-tag:content", "IPv5:1.2.3.4", "1111:2222"] {
            assert_eq!(
                address_literal(unregistered),
                Err(Diagnosis::Rfc5322DomainLiteral),
                "{unregistered}"
            );
        }
        for bad in ["tag-:x", ":x", "tag:", "tag:a b", "not an address"] {
            assert_eq!(address_literal(bad), Err(Diagnosis::Rfc5322DomainLiteral), "{bad}");
        }
    }
    #[test]
    fn u_labels_take_letters_but_not_controls_spaces_or_invisible_characters() {
        assert!(AddrSpec::parse("jane@bücher.example")
            .unwrap()
            .to_reverse_path()
            .is_ok());
        for domain in [
            "b\u{85}c",
            "b\u{2028}c",
            "b\u{a0}c",
            "b\u{feff}c",
            "b\u{200b}c",
            "b\u{ad}c",
        ] {
            let input = alloc::format!("jane@{domain}.example");
            let addr = AddrSpec::parse(&input).unwrap();
            assert!(addr.diagnoses().contains(Diagnosis::Rfc5322Domain), "{domain:?}");
            let err = addr.to_reverse_path().unwrap_err();
            assert_eq!(
                (err.kind(), err.offset()),
                (EnvelopeErrorKind::NotHostname, 5),
                "{domain:?}"
            );
        }
    }
}
