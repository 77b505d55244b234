//! RFC 5321 §4.1.2 paths: `Reverse-path`, `Forward-path`, source routes, and the RFC 5321
//! `Mailbox` with its limits. The address-literal and sub-domain rules are in `rfc5321.rs`.

use alloc::borrow::Cow;
use alloc::string::String;

use super::lexical::dot_atom_text;
use super::{chars, cut_fail, fail, Ctx, PResult};
use crate::address::{AddrSpec, LocalPart};
use crate::diagnosis::{Diagnoses, Diagnosis};
use crate::domain::{Domain, DomainLiteral, DomainName};
use crate::error::{EnvelopeErrorKind, ErrorKind};

/// RFC 5321 §4.5.3.1.3: a path is at most 256 octets, punctuation included.
const MAX_PATH: usize = 256;

// ----- 4.1.2 Command Argument Syntax -----

/// A path as `MAIL FROM:` or `RCPT TO:` carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AnyPath<'a> {
    /// `<>`
    Null,
    /// `<Postmaster>`, any case.
    Postmaster,
    /// A path with a mailbox (any source route dropped).
    Mailbox(AddrSpec<'a>),
}

/// Parses a reverse- or forward-path. Source routes are accepted and dropped (RFC 5321 §4.1.2,
/// Appendix C); in Lenient mode the angle brackets may be missing.
///
/// ```abnf
/// Reverse-path = Path / "<>"                        ; RFC 5321 §4.1.2
/// Forward-path = Path / "<Postmaster>"
/// Path         = "<" [ A-d-l ":" ] Mailbox ">"
/// ```
pub(crate) fn path<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> PResult<'a, AnyPath<'a>> {
    if input == "<>" {
        return Ok(("", AnyPath::Null));
    }
    if input.len() == 12 && input.eq_ignore_ascii_case("<Postmaster>") {
        return Ok(("", AnyPath::Postmaster));
    }
    if let Some(inner) = input.strip_prefix('<') {
        if let Some((addr, len)) = super::fast::addr_spec(inner, ctx.offset(inner)) {
            if let Some(rest) = inner[len..].strip_prefix('>') {
                return Ok((rest, AnyPath::Mailbox(addr)));
            }
        }
    }
    let Some(inner) = input.strip_prefix('<') else {
        if ctx.lenient() {
            return smtp_mailbox(ctx, input).map(|(rest, a)| (rest, AnyPath::Mailbox(a)));
        }
        return fail(input, ErrorKind::ExpectedAngleOpen);
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
        return cut_fail(rest, ErrorKind::ExpectedAngleClose);
    };
    if input.len() - rest.len() > MAX_PATH {
        return cut_fail(input, ErrorKind::Envelope(EnvelopeErrorKind::PathTooLong));
    }
    Ok((rest, AnyPath::Mailbox(addr)))
}

/// Parses an optional source route and its `:`; `true` if there was one.
///
/// ```abnf
/// A-d-l     = At-domain *( "," At-domain )   ; RFC 5321 §4.1.2
/// At-domain = "@" Domain
/// ```
fn a_d_l(input: &str) -> PResult<'_, bool> {
    if !input.starts_with('@') {
        return Ok((input, false));
    }
    let mut rest = input;
    while let Some(after_at) = rest.strip_prefix('@') {
        let Ok((after, _)) = dot_atom_text(after_at) else {
            return cut_fail(after_at, ErrorKind::ExpectedDomain);
        };
        rest = after.strip_prefix(',').unwrap_or(after);
        if rest.len() == after.len() {
            break;
        }
    }
    match rest.strip_prefix(':') {
        Some(rest) => Ok((rest, true)),
        None => cut_fail(rest, ErrorKind::ExpectedColon),
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
fn smtp_mailbox<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> PResult<'a, AddrSpec<'a>> {
    let (rest, (raw, value)) = if input.starts_with('"') {
        smtp_quoted_string(input)?
    } else {
        match dot_atom_text(input) {
            Ok((rest, text)) => (rest, (text, Cow::Borrowed(text))),
            Err(_) => return fail(input, ErrorKind::ExpectedLocalPart),
        }
    };
    let Some(at_domain) = rest.strip_prefix('@') else {
        return fail(rest, ErrorKind::ExpectedAt);
    };
    let (rest, domain) = if let Some(body) = at_domain.strip_prefix('[') {
        let end = chars::span(body, |b| b != b']' && (b > 32 && b != b'[' && b != b'\\'));
        if body.as_bytes().get(end) != Some(&b']') {
            return cut_fail(&body[end..], ErrorKind::ExpectedBracketClose);
        }
        let raw = &at_domain[..end + 2];
        let literal = DomainLiteral {
            raw: Cow::Borrowed(raw),
            value: Cow::Borrowed(&body[..end]),
            offset: ctx.offset(at_domain),
        };
        (&body[end + 1..], Domain::Literal(literal))
    } else {
        let Ok((rest, text)) = dot_atom_text(at_domain) else {
            return fail(at_domain, ErrorKind::ExpectedDomain);
        };
        let name = DomainName {
            raw: Cow::Borrowed(text),
            value: Cow::Borrowed(text),
            offset: ctx.offset(at_domain),
        };
        (rest, Domain::Name(name))
    };
    let local_part = LocalPart {
        raw: Cow::Borrowed(raw),
        value,
        offset: ctx.offset(input),
    };
    let mut addr = AddrSpec {
        local_part,
        domain,
        diagnoses: Diagnoses::new(),
        envelope_error: None,
        canonical: None,
    };
    let (mut found, error) = crate::envelope::smtp_findings(&addr);
    if let Some(e) = error {
        // The error's offset is that of the local part or the domain, both inside `input`.
        return cut_fail(&input[e.offset() - ctx.offset(input)..], ErrorKind::Envelope(e.kind()));
    }
    if raw.starts_with('"') {
        found.insert(Diagnosis::Rfc5321QuotedString);
    }
    found.extend(ctx.diagnoses());
    addr.diagnoses = found;
    Ok((rest, addr))
}

/// Parses an RFC 5321 Quoted-string: returns the rest, the source and the unescaped value.
fn smtp_quoted_string(input: &str) -> PResult<'_, (&str, Cow<'_, str>)> {
    let body = &input[1..];
    let mut owned: Option<String> = None;
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let value = owned.map_or(Cow::Borrowed(&body[..i]), Cow::Owned);
                return Ok((&body[i + 1..], (&input[..i + 2], value)));
            }
            '\\' => match chars.next() {
                Some((_, e @ ' '..='~')) => owned.get_or_insert_with(|| String::from(&body[..i])).push(e),
                _ => return cut_fail(&body[i..], ErrorKind::InvalidQuotedPair),
            },
            ' '..='~' | '\u{80}'.. => {
                if let Some(s) = owned.as_mut() {
                    s.push(c);
                }
            }
            _ => return cut_fail(&body[i..], ErrorKind::UnexpectedControl),
        }
    }
    cut_fail("", ErrorKind::UnterminatedQuotedString)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{kat, rejects};
    use super::*;
    use alloc::format;

    fn mailbox(text: &'static str) -> AnyPath<'static> {
        AnyPath::Mailbox(AddrSpec::parse(text).unwrap())
    }

    #[test]
    fn path_reads_null_postmaster_and_mailboxes() {
        kat(path, "<>", "", AnyPath::Null);
        kat(path, "<pOsTmAsTeR>", "", AnyPath::Postmaster);
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
}
