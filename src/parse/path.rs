//! RFC 5321 §4.1.2 paths: `Reverse-path`, `Forward-path`, source routes, and the RFC 5321
//! `Mailbox` with its limits. The address-literal and sub-domain rules are in `rfc5321.rs`.

// ----- 4.1.2 Command Argument Syntax -----

/// A path as `MAIL FROM:` or `RCPT TO:` carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AnyPath<'a> {
    /// `<>`
    Null,
    /// `<Postmaster>`, any case.
    Postmaster,
    /// A path with a mailbox (any source route dropped).
    Mailbox(crate::address::AddrSpec<'a>),
}

/// Parses a reverse- or forward-path. Source routes are accepted and dropped (RFC 5321 §4.1.2,
/// Appendix C); in Lenient mode the angle brackets may be missing.
///
/// ```abnf
/// Reverse-path = Path / "<>"                        ; RFC 5321 §4.1.2
/// Forward-path = Path / "<Postmaster>"
/// Path         = "<" [ A-d-l ":" ] Mailbox ">"
/// ```
pub(crate) fn path<'a>(ctx: &super::Ctx<'_, '_>, input: &'a str) -> super::PResult<'a, AnyPath<'a>> {
    use crate::error::ErrorKind;
    if input == "<>" {
        return Ok(("", AnyPath::Null));
    }
    if input.len() == 12 && input.eq_ignore_ascii_case("<Postmaster>") {
        return Ok(("", AnyPath::Postmaster));
    }
    let Some(inner) = input.strip_prefix('<') else {
        if ctx.lenient() {
            return smtp_mailbox(ctx, input).map(|(rest, a)| (rest, AnyPath::Mailbox(a)));
        }
        return super::fail(input, ErrorKind::ExpectedAngleOpen);
    };
    let inner = match a_d_l(inner)? {
        (rest, true) => {
            ctx.note(crate::diagnosis::Diagnosis::ObsRouteDropped);
            rest
        }
        (rest, false) => rest,
    };
    let (rest, addr) = smtp_mailbox(ctx, inner)?;
    let Some(rest) = rest.strip_prefix('>') else {
        return super::cut_fail(rest, ErrorKind::ExpectedAngleClose);
    };
    if input.len() - rest.len() > 256 {
        return super::cut_fail(input, ErrorKind::Envelope(crate::EnvelopeErrorKind::PathTooLong));
    }
    Ok((rest, AnyPath::Mailbox(addr)))
}

/// Parses an optional source route and its `:`; `true` if there was one.
///
/// ```abnf
/// A-d-l     = At-domain *( "," At-domain )   ; RFC 5321 §4.1.2
/// At-domain = "@" Domain
/// ```
fn a_d_l(input: &str) -> super::PResult<'_, bool> {
    use crate::error::ErrorKind;
    if !input.starts_with('@') {
        return Ok((input, false));
    }
    let mut rest = input;
    while let Some(after_at) = rest.strip_prefix('@') {
        let Ok((after, _)) = super::lexical::dot_atom_text(after_at) else {
            return super::cut_fail(after_at, ErrorKind::ExpectedDomain);
        };
        rest = after.strip_prefix(',').unwrap_or(after);
        if rest.len() == after.len() {
            break;
        }
    }
    match rest.strip_prefix(':') {
        Some(rest) => Ok((rest, true)),
        None => super::cut_fail(rest, ErrorKind::ExpectedColon),
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
fn smtp_mailbox<'a>(ctx: &super::Ctx<'_, '_>, input: &'a str) -> super::PResult<'a, crate::address::AddrSpec<'a>> {
    use crate::address::{AddrSpec, LocalPart};
    use crate::diagnosis::Diagnosis;
    use crate::domain::{Domain, DomainLiteral, DomainName};
    use crate::error::ErrorKind;
    use alloc::borrow::Cow;
    let (rest, (raw, value)) = if input.starts_with('"') {
        smtp_quoted_string(input)?
    } else {
        match super::lexical::dot_atom_text(input) {
            Ok((rest, text)) => (rest, (text, Cow::Borrowed(text))),
            Err(_) => return super::fail(input, ErrorKind::ExpectedLocalPart),
        }
    };
    let Some(at_domain) = rest.strip_prefix('@') else {
        return super::fail(rest, ErrorKind::ExpectedAt);
    };
    let (rest, domain) = if let Some(body) = at_domain.strip_prefix('[') {
        let end = super::chars::span(body, |b| b != b']' && (b > 32 && b != b'[' && b != b'\\'));
        if body.as_bytes().get(end) != Some(&b']') {
            return super::cut_fail(&body[end..], ErrorKind::ExpectedBracketClose);
        }
        let raw = &at_domain[..end + 2];
        let literal = DomainLiteral { raw: Cow::Borrowed(raw), value: Cow::Borrowed(&body[..end]), offset: ctx.offset(at_domain) };
        (&body[end + 1..], Domain::Literal(literal))
    } else {
        let Ok((rest, text)) = super::lexical::dot_atom_text(at_domain) else {
            return super::fail(at_domain, ErrorKind::ExpectedDomain);
        };
        let name = DomainName { raw: Cow::Borrowed(text), value: Cow::Borrowed(text), offset: ctx.offset(at_domain) };
        (rest, Domain::Name(name))
    };
    let local_part = LocalPart { raw: Cow::Borrowed(raw), value, offset: ctx.offset(input) };
    let mut addr = AddrSpec { local_part, domain, diagnoses: crate::diagnosis::Diagnoses::new() };
    let (mut found, error) = crate::envelope::smtp_findings(&addr);
    if let Some(e) = error {
        // The error's offset is that of the local part or the domain, both inside `input`.
        return super::cut_fail(&input[e.offset() - ctx.offset(input)..], ErrorKind::Envelope(e.kind()));
    }
    if raw.starts_with('"') {
        found.insert(Diagnosis::Rfc5321QuotedString);
    }
    found.extend(ctx.diagnoses());
    addr.diagnoses = found;
    Ok((rest, addr))
}

/// Parses an RFC 5321 Quoted-string: returns the rest, the source and the unescaped value.
fn smtp_quoted_string(input: &str) -> super::PResult<'_, (&str, alloc::borrow::Cow<'_, str>)> {
    use crate::error::ErrorKind;
    use alloc::borrow::Cow;
    use alloc::string::String;
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
                _ => return super::cut_fail(&body[i..], ErrorKind::InvalidQuotedPair),
            },
            ' '..='~' | '\u{80}'.. => {
                if let Some(s) = owned.as_mut() {
                    s.push(c);
                }
            }
            _ => return super::cut_fail(&body[i..], ErrorKind::UnexpectedControl),
        }
    }
    super::cut_fail("", ErrorKind::UnterminatedQuotedString)
}
