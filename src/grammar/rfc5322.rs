//! RFC 5322 §3.4 addresses and the §4.4 obsolete address forms, with RFC 6532 UTF-8 and RFC 2047
//! encoded-words in display names.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use nom::branch::alt;
use nom::combinator::{self, map, opt};
use nom::sequence::delimited;
use nom::Parser;

use super::lexical::{dot_atom_text, enclosed, opt_cfws, quoted_string, word, Cfws, Quoted, Word, DOMAIN_LITERAL};
use super::rfc2047::{decode_encoded_word, Decoded};
use super::rfc5321::{literal, rate_smtp};
use super::{accel, backtrack, cut, expect, Ctx, GrammarError, RuleResult};
use crate::chars::{is_atext, is_qtext, is_wsp, span};
use crate::diagnosis::{Diagnoses, Diagnosis};
use crate::error::ErrorKind;
use crate::types::address::{AddrSpec, Address, AddressList, Group, LocalPart, Mailbox};
use crate::types::domain::{Domain, DomainLiteral, DomainName};
use crate::types::text::Text;

// ----- 3.2.5 Miscellaneous Tokens -----

/// Builds a phrase's value while it is parsed. It borrows the input for as long as the value is
/// the source text (atoms and dots separated by single spaces, or one quoted-string without
/// quoted-pairs or folds), and owns it from the first token that changes it (an encoded-word, a
/// quoted-string after another token, a comment or a fold between words).
struct PhraseValue<'a> {
    base: &'a str,
    /// The borrowed value so far is `base[start..end]`.
    start: usize,
    end: usize,
    owned: Option<String>,
    count: usize,
    last_encoded: bool,
}

impl<'a> PhraseValue<'a> {
    fn new(base: &'a str) -> Self {
        Self {
            base,
            start: 0,
            end: 0,
            owned: None,
            count: 0,
            last_encoded: false,
        }
    }

    /// Adds `token`, which follows the white space and comments `gap`.
    fn push(&mut self, token: Token<'a>, gap: Gap<'_>) {
        let Token { at, text, source } = token;
        let encoded = source == Source::EncodedWord;
        // Where the value stands as it is in the token's source, if it does.
        let verbatim_at = match source {
            Source::Verbatim => Some(0),
            Source::InsideQuotes => Some(1),
            Source::Decoded | Source::EncodedWord => None,
        };
        let (gap, gap_cfws) = (gap.text, gap.cfws);
        if self.owned.is_none() {
            let pos = self.base.len() - at.len();
            // The value stays a slice of the input while each token's text follows the last one
            // in the source with nothing or one space between them.
            let start = verbatim_at
                .map(|at| pos + at)
                .filter(|&start| self.count == 0 || (matches!(gap, "" | " ") && start == self.end + gap.len()));
            if let Some(start) = start {
                if self.count == 0 {
                    self.start = start;
                }
                self.end = start + text.len();
                self.count += 1;
                self.last_encoded = encoded;
                return;
            }
            if self.count == 0 {
                if let Cow::Owned(first) = text {
                    // A first token decoded into a string of its own is the value so far.
                    self.owned = Some(first);
                    self.count = 1;
                    self.last_encoded = encoded;
                    return;
                }
            }
            self.owned = Some(String::from(&self.base[self.start..self.end]));
        }
        if let Some(s) = self.owned.as_mut() {
            // RFC 2047 §6.2: white space between adjacent encoded-words is not displayed.
            let joined = encoded && self.last_encoded && !gap_cfws.comment;
            if self.count > 0 && !gap.is_empty() && !joined {
                s.push(' ');
            }
            s.push_str(&text);
        }
        self.count += 1;
        self.last_encoded = encoded;
    }

    fn finish(self) -> Cow<'a, str> {
        self.owned
            .map_or(Cow::Borrowed(&self.base[self.start..self.end]), Cow::Owned)
    }
}

/// One token of a phrase: its source (a suffix of the input, from the token on), its value, and
/// how the value relates to the source.
struct Token<'a> {
    at: &'a str,
    text: Cow<'a, str>,
    source: Source,
}

/// How a phrase token's value relates to its source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The value is the source (an atom, a `.`, a Lenient special).
    Verbatim,
    /// The value is the source inside its quotes (a quoted-string without quoted-pairs or folds).
    InsideQuotes,
    /// The value was decoded from a quoted-string.
    Decoded,
    /// The value was decoded from an RFC 2047 encoded-word.
    EncodedWord,
}

/// The white space and comments between two phrase tokens.
#[derive(Debug, Clone, Copy, Default)]
struct Gap<'a> {
    text: &'a str,
    cfws: Cfws,
}

impl<'a> Token<'a> {
    /// A token whose value is its source text.
    fn verbatim(at: &'a str, len: usize) -> Self {
        Token {
            at,
            text: Cow::Borrowed(&at[..len]),
            source: Source::Verbatim,
        }
    }

    /// An atom of a phrase: the atom itself, or what its RFC 2047 encoded-word decodes to. A word
    /// that cannot be decoded is kept as written, with a finding.
    fn atom(ctx: &Ctx<'_, '_>, at: &'a str, atom: &'a str) -> Self {
        if !(atom.starts_with("=?") && atom.ends_with("?=")) {
            return Token::verbatim(at, atom.len());
        }
        match decode_encoded_word(atom) {
            Some(Decoded::Text(text)) => {
                return Token {
                    at,
                    text: Cow::Owned(text),
                    source: Source::EncodedWord,
                }
            }
            Some(Decoded::UnknownCharset) => ctx.note(Diagnosis::Rfc2047UnknownCharset),
            Some(Decoded::Undecodable) => ctx.note(Diagnosis::Rfc2047Undecodable),
            None => {}
        }
        Token::verbatim(at, atom.len())
    }

    /// A quoted-string of a phrase.
    fn quoted(at: &'a str, quoted: Quoted<'a>) -> Self {
        let source = match quoted.value {
            Cow::Borrowed(_) => Source::InsideQuotes,
            Cow::Owned(_) => Source::Decoded,
        };
        Token {
            at,
            text: quoted.value,
            source,
        }
    }
}

/// The specials Lenient mode lets stand unquoted in a single mailbox's display name.
fn is_lenient_special(b: u8) -> bool {
    matches!(b, b',' | b'.' | b':' | b';' | b'[' | b']')
}

/// Parses a phrase and returns its value: words joined by one space where white space or comments
/// stood, encoded-words decoded (RFC 2047 §5 (3)), adjacent encoded-words joined (§6.2).
///
/// ```abnf
/// phrase     = 1*word / obs-phrase              ; RFC 5322 §3.2.5
/// obs-phrase = word *(word / "." / CFWS)        ; RFC 5322 §4.1
/// ```
pub(crate) fn phrase<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, Cow<'a, str>> {
    let (mut rest, _) = opt_cfws(ctx, input)?;
    let mut value = PhraseValue::new(rest);
    let mut gap = Gap::default();
    loop {
        let first = value.count == 0;
        let (next, token) = match rest.as_bytes().first() {
            Some(&b) if b == b'"' || is_atext(b) => match word(ctx, rest)? {
                (after, Word::Atom(atom)) => (after, Token::atom(ctx, rest, atom)),
                (after, Word::Quoted(q)) => (after, Token::quoted(rest, q)),
            },
            Some(&b) if ctx.lenient() && ctx.single_mailbox() && is_lenient_special(b) => {
                (&rest[1..], Token::verbatim(rest, 1))
            }
            Some(b'.') if !first => {
                ctx.allow_obsolete(rest, Diagnosis::DeprecPhrase)?;
                (&rest[1..], Token::verbatim(rest, 1))
            }
            _ if first => return backtrack(rest, ErrorKind::ExpectedAddress),
            _ => break,
        };
        value.push(token, gap);
        let (after, cfws) = opt_cfws(ctx, next)?;
        gap = Gap {
            text: &next[..next.len() - after.len()],
            cfws,
        };
        rest = after;
    }
    Ok((rest, value.finish()))
}

// ----- 3.4 Address Specification -----

/// Parses a display-name.
///
/// ```abnf
/// display-name = phrase   ; RFC 5322 §3.4
/// ```
pub(crate) fn display_name<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, Cow<'a, str>> {
    phrase(ctx, input)
}

/// Parses an address: a mailbox or a group.
///
/// ```abnf
/// address = mailbox / group   ; RFC 5322 §3.4
/// ```
pub(crate) fn address<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, Address<'a>> {
    alt((
        map(|i| ctx.try_branch(|i| mailbox(ctx, i), i), Address::Mailbox),
        map(|i| ctx.try_branch(|i| group(ctx, i), i), Address::Group),
    ))
    .parse_complete(input)
}

/// Parses a mailbox.
///
/// ```abnf
/// mailbox = name-addr / addr-spec   ; RFC 5322 §3.4
/// ```
///
/// The two branches cannot both match: an addr-spec needs an `@` outside `<>`, where a
/// display-name cannot hold one. addr-spec is tried first, being the shorter path for bare
/// addresses, except where the input starts as only a name-addr can (see
/// [`starts_as_name_addr`]); of two failures the one that got further is reported.
///
/// Accelerator: a plain mailbox (`local@host`, `Name <local@host>`, `"Name" <local@host>`) is
/// read in one pass over its bytes ([`accel::scan_mailbox`]), with the value and findings the grammar
/// would give.
#[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
#[inline(always)]
pub(crate) fn mailbox<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, Mailbox<'a>> {
    if ctx.accelerate() {
        if let Some(shape) = accel::scan_mailbox(input.as_bytes()) {
            ctx.note_all(shape.diagnoses());
            // Built straight into the result, where the caller keeps it.
            return Ok((
                &input[shape.end()..],
                accel::build_mailbox(input, ctx.offset(input), shape),
            ));
        }
    }
    mailbox_by_grammar(ctx, input)
}

/// [`mailbox`] past its accelerator: kept out of line, so the accelerated path stays small
/// enough to be inlined where the value is wanted.
#[inline(never)]
fn mailbox_by_grammar<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, Mailbox<'a>> {
    let (rest, ((mut display_name, addr_spec), mut diagnoses)) =
        ctx.with_findings(|i| name_addr_or_addr_spec(ctx, i), input)?;
    if ctx.lenient() && display_name.is_none() {
        // The text after the domain, up to where the mailbox ends.
        let domain_end = addr_spec.domain().offset() + addr_spec.domain().as_str().len() - ctx.offset(input);
        let after = input.get(domain_end..input.len() - rest.len()).unwrap_or_default();
        if let Some(name) = comment_name(after) {
            display_name = Some(Cow::Borrowed(name));
            diagnoses.insert(Diagnosis::LenientCommentName);
            ctx.note(Diagnosis::LenientCommentName);
        }
    }
    Ok((rest, Mailbox::from_parts(display_name, addr_spec, diagnoses)))
}

/// The text of `after`, if it is one plain comment between white space (no nested comment,
/// quoted-pair or fold, so its text is its value): what Lenient takes as a display name.
fn comment_name(after: &str) -> Option<&str> {
    let inner = after.trim_matches([' ', '\t']).strip_prefix('(')?.strip_suffix(')')?;
    let plain = !inner.contains(['(', ')', '\\', '\r', '\n']);
    let name = inner.trim_matches([' ', '\t']);
    (plain && !name.is_empty() && !name.contains(|c: char| c.is_control())).then_some(name)
}

/// The two branches of [`mailbox`], as a display name (if any) and an addr-spec.
fn name_addr_or_addr_spec<'a>(
    ctx: &Ctx<'_, '_>,
    input: &'a str,
) -> RuleResult<'a, (Option<Cow<'a, str>>, AddrSpec<'a>)> {
    let name_addr = |i: &'a str| ctx.try_branch(|i| name_addr(ctx, i), i);
    let addr_spec = |i: &'a str| {
        ctx.try_branch(|i| addr_spec(ctx, i), i)
            .map(|(rest, a)| (rest, (None, a)))
    };
    // Where addr-spec would fail at once, try name-addr first; if that fails too, read both in
    // the usual order, so the error reported is the usual one.
    if starts_as_name_addr(input) {
        if let found @ Ok(_) = name_addr(input) {
            return found;
        }
    }
    alt((addr_spec, name_addr)).parse_complete(input)
}

/// Whether `input` starts with `<`, or with one atom or one quoted-string of qtext and spaces,
/// then spaces or tabs and `<`. There addr-spec fails (`ExpectedLocalPart` or `ExpectedAt`)
/// without a cut and without a finding, so [`name_addr_or_addr_spec`] may try name-addr first.
fn starts_as_name_addr(input: &str) -> bool {
    let b = input.as_bytes();
    let word = match b.first() {
        Some(b'<') => return true,
        Some(b'"') => b[1..]
            .iter()
            .position(|&c| !(is_qtext(c) || c == b' '))
            .filter(|&n| b[1 + n] == b'"')
            .map(|n| n + 2),
        _ => Some(span(input, is_atext)).filter(|&n| n > 0),
    };
    word.is_some_and(|n| b[n..].iter().find(|&&c| !is_wsp(c)) == Some(&b'<'))
}

/// Parses a name-addr.
///
/// ```abnf
/// name-addr = [display-name] angle-addr   ; RFC 5322 §3.4
/// ```
pub(crate) fn name_addr<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, (Option<Cow<'a, str>>, AddrSpec<'a>)> {
    let (rest, name) = opt(|i| ctx.try_branch(|i| display_name(ctx, i), i)).parse_complete(input)?;
    // `display-name ":"` opens a group (RFC 5322 §3.4), which a single mailbox cannot be.
    if name.is_some() && ctx.single_mailbox() && rest.starts_with(':') {
        return cut(rest, ErrorKind::UnexpectedGroup);
    }
    let (rest, addr) = angle_addr(ctx, rest)?;
    Ok((rest, (name, addr)))
}

/// Parses an angle-addr, dropping an obsolete source route. After the `<` the input can only be
/// an angle-addr: failures there are cuts.
///
/// ```abnf
/// angle-addr     = [CFWS] "<" addr-spec ">" [CFWS] / obs-angle-addr   ; RFC 5322 §3.4
/// obs-angle-addr = [CFWS] "<" obs-route addr-spec ">" [CFWS]          ; RFC 5322 §4.4
/// ```
pub(crate) fn angle_addr<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, AddrSpec<'a>> {
    delimited(
        (
            |i| opt_cfws(ctx, i),
            expect('<', ErrorKind::ExpectedAngleOpen),
            |i| obs_route(ctx, i),
        ),
        combinator::cut(|i| addr_spec(ctx, i)),
        (combinator::cut(expect('>', ErrorKind::ExpectedAngleClose)), |i| {
            opt_cfws(ctx, i)
        }),
    )
    .parse_complete(input)
}

/// Parses an optional obs-route, which is dropped (RFC 5321 Appendix C: relays ignore it).
///
/// ```abnf
/// obs-route       = obs-domain-list ":"                                         ; RFC 5322 §4.4
/// obs-domain-list = *(CFWS / ",") "@" domain *("," [CFWS] ["@" domain])
/// ```
pub(crate) fn obs_route<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, bool> {
    let (mut rest, _) = opt_cfws(ctx, input)?;
    if !rest.starts_with(['@', ',']) {
        return Ok((input, false));
    }
    // The route is dropped, and with it what it held: its findings are not the address's.
    let saved = ctx.diagnoses();
    let mut seen_domain = false;
    loop {
        rest = opt_cfws(ctx, rest)?.0;
        if let Some(r) = rest.strip_prefix(',') {
            rest = r;
        } else if let Some(r) = rest.strip_prefix('@') {
            rest = combinator::cut(|i| domain(ctx, i)).parse_complete(r)?.0;
            seen_domain = true;
        } else {
            break;
        }
    }
    ctx.forget_findings_since(saved);
    if !seen_domain {
        return cut(rest, ErrorKind::ExpectedDomain);
    }
    let Some(rest) = rest.strip_prefix(':') else {
        return cut(rest, ErrorKind::ExpectedColon);
    };
    ctx.allow_obsolete(input, Diagnosis::ObsRouteDropped)?;
    Ok((rest, true))
}

/// Parses a group.
///
/// ```abnf
/// group          = display-name ":" [group-list] ";" [CFWS]   ; RFC 5322 §3.4
/// group-list     = mailbox-list / CFWS / obs-group-list
/// obs-group-list = 1*([CFWS] ",") [CFWS]                      ; RFC 5322 §4.4
/// ```
pub(crate) fn group<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, Group<'a>> {
    let (rest, (display_name, _, members, _, _)) = (
        |i| display_name(ctx, i),
        expect(':', ErrorKind::ExpectedColon),
        |i| list(ctx, i, ListOf::GroupMembers, mailbox),
        combinator::cut(expect(';', ErrorKind::ExpectedSemicolon)),
        |i| opt_cfws(ctx, i),
    )
        .parse_complete(input)?;
    Ok((rest, Group::from_parts(display_name, members)))
}

/// What a list holds: the addresses of an address-list, or the mailboxes of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListOf {
    Addresses,
    GroupMembers,
}

/// A list member that can take a bare phrase written before it (Lenient).
pub(crate) trait Member<'a>: Sized {
    /// This member with `phrase` joined to its display name; `None` if it has none to join.
    fn join_phrase(self, phrase: &str) -> Option<Self>;
}

impl<'a> Member<'a> for Mailbox<'a> {
    fn join_phrase(self, phrase: &str) -> Option<Self> {
        Mailbox::join_phrase(self, phrase, Diagnosis::LenientJoinedPhrase)
    }
}

impl<'a> Member<'a> for Address<'a> {
    fn join_phrase(self, phrase: &str) -> Option<Self> {
        match self {
            Address::Mailbox(m) => m
                .join_phrase(phrase, Diagnosis::LenientJoinedPhrase)
                .map(Address::Mailbox),
            Address::Group(_) => None,
        }
    }
}

/// Parses the members of a list, empty members included (the obsolete list forms).
///
/// ```abnf
/// mailbox-list  = (mailbox *("," mailbox)) / obs-mbox-list       ; RFC 5322 §3.4
/// address-list  = (address *("," address)) / obs-addr-list
/// obs-mbox-list = *([CFWS] ",") mailbox *("," [mailbox / CFWS])  ; RFC 5322 §4.4
/// obs-addr-list = *([CFWS] ",") address *("," [address / CFWS])
/// ```
///
/// Stops before anything that is neither a member nor `,` (`;` ends a group, the end of input a
/// list); the caller says what must come there. An empty member is a `deprec_list` finding.
///
/// Lenient also takes what configuration files and mail clients write, each with its finding:
/// `;` between the members of an address-list (`lenient_semicolon`), and a member that is a bare
/// phrase before a name-addr, which joins that name-addr's display name (`Doe, John <j@x>` is
/// one mailbox named `Doe, John`: `lenient_joined_phrase`).
pub(crate) fn list<'a, T: Member<'a>>(
    ctx: &Ctx<'_, '_>,
    input: &'a str,
    of: ListOf,
    member: impl Fn(&Ctx<'_, '_>, &'a str) -> RuleResult<'a, T>,
) -> RuleResult<'a, Vec<T>> {
    let semicolons = ctx.lenient() && of == ListOf::Addresses;
    let mut items = Vec::new();
    let mut rest = input;
    let mut expect_member = true;
    // Bare phrases waiting for the name-addr they join (Lenient), and where the first stood.
    let mut pending: Option<(String, &'a str)> = None;
    loop {
        let (after, _) = opt_cfws(ctx, rest)?;
        let separator = match after.as_bytes().first() {
            Some(b',') => true,
            Some(b';') if semicolons && !expect_member => {
                ctx.note(Diagnosis::LenientSemicolon);
                true
            }
            _ => false,
        };
        if separator {
            if expect_member && pending.is_none() {
                ctx.allow_obsolete(after, Diagnosis::DeprecList)?;
            }
            rest = &after[1..];
            expect_member = true;
            continue;
        }
        if after.is_empty() || after.starts_with(';') || !expect_member {
            if let Some((_, at)) = pending {
                let error = GrammarError::new(at, ErrorKind::ExpectedAngleOpen);
                let error = if of == ListOf::Addresses {
                    error.in_member(items.len())
                } else {
                    error
                };
                return Err(nom::Err::Error(error));
            }
            if expect_member && !items.is_empty() {
                ctx.allow_obsolete(after, Diagnosis::DeprecList)?;
            }
            return Ok((after, items));
        }
        let item = match member(ctx, after) {
            Ok((r, item)) => {
                rest = r;
                item
            }
            Err(nom::Err::Error(e)) if ctx.lenient() => {
                // A bare phrase followed by a separator waits for the name-addr it belongs to.
                let (r, phrase) = bare_phrase(ctx, after, semicolons).ok_or(nom::Err::Error(e))?;
                pending = Some(match pending {
                    Some((before, at)) => (alloc::format!("{before}, {phrase}"), at),
                    None => (phrase, after),
                });
                rest = r;
                expect_member = true;
                continue;
            }
            Err(e) if of == ListOf::Addresses => return Err(e.map(|e| e.in_member(items.len()))),
            Err(e) => return Err(e),
        };
        let item = match pending.take() {
            Some((phrase, at)) => match item.join_phrase(&phrase) {
                Some(item) => item,
                None => return backtrack(at, ErrorKind::ExpectedAngleOpen),
            },
            None => item,
        };
        items.push(item);
        expect_member = false;
    }
}

/// A phrase alone as a list member (Lenient): its value, and the input after it, if what follows
/// it is a member separator (`,`, or `;` where `semicolons` separate).
fn bare_phrase<'a>(ctx: &Ctx<'_, '_>, input: &'a str, semicolons: bool) -> Option<(&'a str, String)> {
    let (rest, value) = ctx.try_branch(|i| phrase(ctx, i), input).ok()?;
    let next = rest.as_bytes().first();
    let separator = next == Some(&b',') || (semicolons && next == Some(&b';'));
    separator.then(|| (rest, value.into_owned()))
}

/// Parses a whole address-list: at least one address, and nothing after the list.
///
/// ```abnf
/// address-list = (address *("," address)) / obs-addr-list   ; RFC 5322 §3.4
/// ```
pub(crate) fn address_list<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, AddressList<'a>> {
    let (rest, addresses) = list(ctx, input, ListOf::Addresses, address)?;
    if addresses.is_empty() {
        return backtrack(rest, ErrorKind::ExpectedAddress);
    }
    if !rest.is_empty() {
        // The input goes on where the next member would start, without a separator. In Lenient,
        // where `;` also separates members, after a group that is two readings of one input
        // (`Team: a@x; b@y;`: did the group end at the first `;`, or hold both?): no guess.
        let after_group = matches!(addresses.last(), Some(Address::Group(g)) if !g.members().is_empty());
        let kind = if ctx.lenient() && after_group {
            ErrorKind::Ambiguous
        } else {
            ErrorKind::ExpectedComma
        };
        let error = GrammarError::new(rest, kind).in_member(addresses.len());
        return Err(nom::Err::Error(error));
    }
    Ok((rest, AddressList::from_parts(addresses, ctx.diagnoses())))
}

// ----- 3.4.1 Addr-Spec Specification -----

/// Parses an addr-spec, and rates it against RFC 5321.
///
/// ```abnf
/// addr-spec = local-part "@" domain   ; RFC 5322 §3.4.1
/// ```
///
/// CFWS around the `@` is allowed but "SHOULD NOT be used" (§3.4.1): a `deprec_cfws_near_at` finding.
#[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
#[inline(always)]
pub(crate) fn addr_spec<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, AddrSpec<'a>> {
    if ctx.accelerate() {
        if let Some(found) = accelerated_addr_spec(ctx, input) {
            return found;
        }
    }
    addr_spec_by_grammar(ctx, input)
}

/// The accelerator of [`addr_spec`]: `[CFWS] local@host [CFWS]` with a plain addr-spec
/// ([`accel::addr_spec_with`]) and its CFWS read by their rule, where the grammar would stop too
/// (not before more atext or a dot). `None` where it does not apply.
#[inline]
fn accelerated_addr_spec<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> Option<RuleResult<'a, AddrSpec<'a>>> {
    // The local part's leading CFWS, read as the grammar reads it (so an error is the grammar's).
    let (start, lead) = match cfws_with_findings(ctx, input) {
        Ok(found) => found,
        Err(e) => return Some(Err(e)),
    };
    let (addr, _, rest) = accel::addr_spec_with(start, ctx.offset(start), |after: &'a str| {
        if after.as_bytes().first().is_some_and(|&b| b == b'.' || is_atext(b)) {
            return None;
        }
        let (rest, mut found) = cfws_with_findings(ctx, after).ok()?;
        if rest.starts_with('.') {
            return None;
        }
        found.extend(lead);
        Some((found, rest))
    })?;
    ctx.note_all(addr.diagnoses());
    Some(Ok((rest, addr)))
}

/// `[CFWS]`, and every finding about it: the CFWS itself and any obsolete form inside it.
#[inline]
fn cfws_with_findings<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, Diagnoses> {
    let (rest, (cfws, mut found)) = ctx.with_findings(|i| opt_cfws(ctx, i), input)?;
    found.extend(cfws.findings());
    Ok((rest, found))
}

/// [`addr_spec`] past its accelerator, out of line as [`mailbox_by_grammar`] is.
#[inline(never)]
fn addr_spec_by_grammar<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, AddrSpec<'a>> {
    let (rest, ((local_part, domain), found)) = ctx.with_findings(|i| local_part_at_domain(ctx, i), input)?;
    let mut rating = rate_smtp(&local_part, &domain);
    ctx.note_all(rating.diagnoses);
    rating.diagnoses.extend(found);
    let canonical = source_canonical(&local_part, &domain, input, ctx.offset(input));
    Ok((rest, AddrSpec::from_parts(local_part, domain, rating, canonical)))
}

/// The parts of an addr-spec, and the findings about the CFWS around them.
fn local_part_at_domain<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, (LocalPart<'a>, Domain<'a>)> {
    let (rest, ((local_part, before_at), _, (domain, after_at, trailing))) = (
        |i| local_part(ctx, i),
        expect('@', ErrorKind::ExpectedAt),
        |i| self::domain(ctx, i),
    )
        .parse_complete(input)?;
    if !before_at.is_empty() || !after_at.is_empty() {
        ctx.note(Diagnosis::DeprecCfwsNearAt);
    }
    before_at.note(ctx);
    after_at.note(ctx);
    trailing.note(ctx);
    Ok((rest, (local_part, domain)))
}

/// The text `local@domain` of `source` (which starts at byte `base` of the whole input) when it
/// is already the canonical form: a dot-atom-text local part and a domain as written, with
/// nothing between them but the `@`. Then `Display` writes it whole.
fn source_canonical<'a>(local: &LocalPart<'_>, domain: &Domain<'_>, source: &'a str, base: usize) -> Option<&'a str> {
    let domain_len = match domain {
        Domain::Name(name) if name.as_str() == name.value() => name.as_str().len(),
        Domain::Literal(literal)
            if literal.as_str().strip_prefix('[').and_then(|r| r.strip_suffix(']')) == Some(literal.value()) =>
        {
            literal.as_str().len()
        }
        _ => return None,
    };
    let start = local.offset().checked_sub(base)?;
    let end = domain.offset().checked_sub(base)? + domain_len;
    let contiguous = domain.offset() == local.offset() + local.as_str().len() + 1;
    if !contiguous || !local.text().is_verbatim() || local.needs_quotes() {
        return None;
    }
    source.get(start..end)
}

/// Parses a local-part; returns it with the CFWS that followed it.
///
/// ```abnf
/// local-part     = dot-atom / quoted-string / obs-local-part   ; RFC 5322 §3.4.1
/// dot-atom       = [CFWS] dot-atom-text [CFWS]                 ; RFC 5322 §3.2.3
/// obs-local-part = word *("." word)                            ; RFC 5322 §4.4
/// ```
///
/// The value is the words' values joined by `.`; it borrows the input for a dot-atom and for a
/// quoted-string without quoted-pairs or folds. A fold inside a quoted-string is a `cfws_fws`
/// finding: its CRLF is no part of the value (§3.2.4), so the envelope form drops it.
pub(crate) fn local_part<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, (LocalPart<'a>, Cfws)> {
    let (start, lead) = opt_cfws(ctx, input)?;
    lead.note(ctx);
    let word_text = |q: Quoted<'a>| {
        if q.folded {
            ctx.note(Diagnosis::CfwsFws);
        }
        q.value
    };
    let (rest, mut value, quoted) = if start.starts_with('"') {
        let (rest, q) = quoted_string(ctx, start)?;
        (rest, word_text(q), true)
    } else {
        match dot_atom_text(start) {
            Ok((rest, text)) => (rest, Cow::Borrowed(text), false),
            Err(_) => return backtrack(start, ErrorKind::ExpectedLocalPart),
        }
    };
    let item = |i: &'a str| {
        word(ctx, i).map(|(rest, w)| match w {
            Word::Atom(atom) => (rest, Cow::Borrowed(atom)),
            Word::Quoted(q) => (rest, word_text(q)),
        })
    };
    let (rest, more) = obs_dotted(ctx, rest, &mut value, item, |dot, comment| {
        if comment {
            ctx.allow_obsolete(dot, Diagnosis::DeprecComment)?;
        }
        Ok(())
    })?;
    if more.items > 0 {
        ctx.allow_obsolete(start, Diagnosis::DeprecLocalpart)?;
    } else if quoted {
        ctx.note(Diagnosis::Rfc5321QuotedString);
    }
    let raw = &start[..start.len() - more.end.len()];
    let local = LocalPart::from_text(Text::new(raw, value, ctx.offset(start)));
    Ok((rest, (local, more.trailing)))
}

/// Parses a domain; returns it with the CFWS before and after it.
///
/// ```abnf
/// domain     = dot-atom / domain-literal / obs-domain   ; RFC 5322 §3.4.1
/// obs-domain = atom *("." atom)                         ; RFC 5322 §4.4
/// ```
pub(crate) fn domain<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, (Domain<'a>, Cfws, Cfws)> {
    let (start, lead) = opt_cfws(ctx, input)?;
    if start.starts_with('[') {
        let (rest, literal) = domain_literal(ctx, start)?;
        let (rest, trailing) = opt_cfws(ctx, rest)?;
        return Ok((rest, (Domain::Literal(literal), lead, trailing)));
    }
    let Ok((rest, text)) = dot_atom_text(start) else {
        return backtrack(start, ErrorKind::ExpectedDomain);
    };
    let mut value = Cow::Borrowed(text);
    let item = |i: &'a str| dot_atom_text(i).map(|(rest, text)| (rest, Cow::Borrowed(text)));
    let (rest, more) = obs_dotted(ctx, rest, &mut value, item, |dot, comment| {
        ctx.allow_obsolete(dot, Diagnosis::DeprecDomain)?;
        if comment {
            ctx.note(Diagnosis::DeprecComment);
        }
        Ok(())
    })?;
    let raw = &start[..start.len() - more.end.len()];
    let name = DomainName::from_text(Text::new(raw, value, ctx.offset(start)));
    Ok((rest, (Domain::Name(name), lead, more.trailing)))
}

/// What [`obs_dotted`] read.
struct Dotted<'a> {
    /// How many items followed the first.
    items: usize,
    /// The input after the last item (before its trailing CFWS).
    end: &'a str,
    /// The CFWS after the last item.
    trailing: Cfws,
}

/// Reads the obsolete continuation of a local part or a domain: further items, each after
/// `[CFWS] "." [CFWS]`, appended to `value` with their `.`. `item` reads one; `found` is told,
/// after each, where its `.` stood and whether a comment stood around it.
///
/// ```abnf
/// obs-local-part = word *("." word)   ; RFC 5322 §4.4 (CFWS is part of each word and atom)
/// obs-domain     = atom *("." atom)
/// ```
fn obs_dotted<'a>(
    ctx: &Ctx<'_, '_>,
    mut rest: &'a str,
    value: &mut Cow<'a, str>,
    mut item: impl FnMut(&'a str) -> RuleResult<'a, Cow<'a, str>>,
    mut found: impl FnMut(&'a str, bool) -> Result<(), nom::Err<GrammarError<'a>>>,
) -> RuleResult<'a, Dotted<'a>> {
    let mut end = rest;
    let mut items = 0;
    loop {
        let (after, gap) = opt_cfws(ctx, rest)?;
        let Some(after_dot) = after.strip_prefix('.') else {
            return Ok((
                after,
                Dotted {
                    items,
                    end,
                    trailing: gap,
                },
            ));
        };
        let (at_item, gap2) = opt_cfws(ctx, after_dot)?;
        let Ok((after_item, text)) = item(at_item) else {
            return backtrack(at_item, ErrorKind::ExpectedAtomAroundDot);
        };
        found(after, gap.comment || gap2.comment)?;
        let s = value.to_mut();
        s.push('.');
        s.push_str(&text);
        items += 1;
        rest = after_item;
        end = after_item;
    }
}

/// Parses a domain-literal (the surrounding CFWS is the caller's). The value is the text between
/// the brackets with quoted-pairs undone, folds removed and outer white space trimmed.
///
/// obs-dtext is a `deprec_dtext` finding (an error in Strict mode). Whether the value is an RFC
/// 5321 address literal is decided on the value, so `[\1.2.3.4]` is `[1.2.3.4]`; a literal that is
/// none and held obs-dtext is rated `rfc5322_domlit_obsdtext` with the other RFC 5321 findings.
///
/// ```abnf
/// domain-literal = [CFWS] "[" *([FWS] dtext) [FWS] "]" [CFWS]   ; RFC 5322 §3.4.1
/// dtext          = %d33-90 / %d94-126 / obs-dtext
/// obs-dtext      = obs-NO-WS-CTL / quoted-pair                  ; RFC 5322 §4.4
/// dtext         =/ UTF8-non-ascii                               ; RFC 6532 §3.2
/// ```
pub(crate) fn domain_literal<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, DomainLiteral<'a>> {
    let Some(body) = input.strip_prefix('[') else {
        return backtrack(input, ErrorKind::ExpectedDomain);
    };
    let (rest, content) = enclosed(ctx, body, &DOMAIN_LITERAL)?;
    // FWS in a literal is not part of its value at the ends, and folds unfold: the envelope
    // form drops it, as it drops CFWS (isemail's CFWS_FWS).
    if content.folded || content.raw.bytes().any(is_wsp) {
        ctx.note(Diagnosis::CfwsFws);
    }
    let value = match content.value {
        Cow::Owned(s) => Cow::Owned(String::from(s.trim_matches([' ', '\t']))),
        Cow::Borrowed(s) => Cow::Borrowed(s.trim_matches([' ', '\t'])),
    };
    let raw = &input[..input.len() - rest.len()];
    Ok((rest, literal(Text::new(raw, value, ctx.offset(input)))))
}

/// The benches' corpus generator, for the test that shows the accelerators read its plain shapes.
#[cfg(all(test, feature = "std"))]
#[path = "../../benches/common/mod.rs"]
mod bench_corpus;

#[cfg(test)]
mod tests {
    use super::super::testing::{kat, rejects};
    use super::*;
    use crate::diagnosis::Diagnoses;
    use crate::grammar::Reading;
    use crate::options::{ParseOptions, Strictness};
    use alloc::string::ToString;

    fn addr(text: &'static str) -> AddrSpec<'static> {
        AddrSpec::parse(text).unwrap()
    }

    #[test]
    fn source_canonical_is_the_display_form() {
        let cases = [
            ("jane@example.com (Jane)", true),
            ("(sender) jane.doe@example.com", true),
            ("Jane <jane@example.com> (work)", true),
            ("Jane <@relay.example:jane@example.com>", true),
            ("jane@[192.0.2.1] (lit)", true),
            ("jane@[ 192.0.2.1 ]", false),
            ("jane@[\\1.2.3.4]", false),
            ("\"jane\"@example.com", false),
            ("\"jane doe\"@example.com", false),
            ("jane . doe@example.com", false),
            ("jane @ example.com", false),
            ("jane(c)@example.com", false),
            ("jane@example . com", false),
            ("\"a\".b@example.com", false),
        ];
        for (input, borrowed) in cases {
            let mailbox = Mailbox::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            let addr = mailbox.addr_spec();
            let pieces = alloc::format!("{}@{}", addr.local_part(), addr.domain());
            assert_eq!(addr.to_string(), pieces, "{input:?}");
            assert_eq!(addr.canonical_text().is_some(), borrowed, "{input:?}");
        }
    }

    /// Runs `parser` with options on a list's member and checks that it fails recoverably with
    /// `kind` at `offset`.
    fn rejects_with<'a, O: core::fmt::Debug>(
        options: &ParseOptions,
        parser: impl FnOnce(&Ctx<'a, '_>, &'a str) -> RuleResult<'a, O>,
        input: &'a str,
        kind: ErrorKind,
        offset: usize,
    ) {
        match with(options, parser, input).0 {
            Err(nom::Err::Error(e)) => assert_eq!((e.kind, input.len() - e.input.len()), (kind, offset), "{input:?}"),
            other => panic!("{input:?}: {other:?}"),
        }
    }

    /// Runs `parser` with options and returns the output and the findings.
    fn with<'a, O>(
        options: &ParseOptions,
        parser: impl FnOnce(&Ctx<'a, '_>, &'a str) -> RuleResult<'a, O>,
        input: &'a str,
    ) -> (RuleResult<'a, O>, Diagnoses) {
        let ctx = Ctx::new(input, options, Reading::Other);
        let out = parser(&ctx, input);
        (out, ctx.diagnoses())
    }

    #[test]
    fn phrase_joins_words_with_single_spaces_and_borrows_plain_atoms() {
        kat(phrase, "John Doe <", "<", Cow::Borrowed("John Doe"));
        kat(phrase, "John   Doe<", "<", Cow::Owned("John Doe".into()));
        kat(
            phrase,
            "(c) John (d) \"Q. Doe\" <",
            "<",
            Cow::Owned("John Q. Doe".into()),
        );
        kat(phrase, "\"a\"b:", ":", Cow::Owned("ab".into()));
        rejects(phrase, "<a@b>", ErrorKind::ExpectedAddress, 0);
        let (out, _) = with(&ParseOptions::default(), phrase, "John Doe");
        assert!(matches!(out, Ok(("", Cow::Borrowed("John Doe")))));
    }

    #[test]
    fn phrase_borrows_a_lone_quoted_string_without_escapes() {
        let options = ParseOptions::default();
        for (input, value) in [
            ("\"Jane Doe\" <", "Jane Doe"),
            ("(c) \"\" (d)<", ""),
            ("J. Smith <", "J. Smith"),
        ] {
            let (out, _) = with(&options, phrase, input);
            let (rest, name) = out.unwrap();
            assert_eq!((rest, &*name), ("<", value), "{input:?}");
            assert!(matches!(name, Cow::Borrowed(_)), "{input:?} copied its value");
        }
        // A quoted-pair, or a quoted-string next to another word, changes the text: then it is owned.
        for (input, value) in [
            ("\"a\\\"b\"", "a\"b"),
            ("\"a\" b", "a b"),
            ("a \"b\"", "a b"),
            ("\"a\".b", "a.b"),
        ] {
            let (out, _) = with(&options, phrase, input);
            let name = out.unwrap().1;
            assert_eq!(&*name, value, "{input:?}");
            assert!(
                matches!(name, Cow::Owned(_)),
                "{input:?} borrowed a value it does not hold"
            );
        }
    }

    #[test]
    fn phrase_accepts_obs_phrase_dots_after_the_first_word() {
        let (out, found) = with(&ParseOptions::default(), phrase, "J. Smith <");
        assert_eq!(out.unwrap().1, "J. Smith");
        assert!(found.contains(Diagnosis::DeprecPhrase));
        let strict = ParseOptions::default().strictness(Strictness::Strict);
        assert!(with(&strict, phrase, "J. Smith").0.is_err());
        rejects(phrase, ".J", ErrorKind::ExpectedAddress, 0);
    }

    #[test]
    fn phrase_decodes_encoded_words_and_joins_adjacent_ones() {
        kat(phrase, "=?utf-8?b?SsO2cmc=?= Doe", "", Cow::Owned("Jörg Doe".into()));
        kat(phrase, "=?utf-8?q?a?= =?utf-8?q?b?= c", "", Cow::Owned("ab c".into()));
        kat(phrase, "\"=?utf-8?q?a?=\"", "", Cow::Borrowed("=?utf-8?q?a?="));
        let (out, found) = with(&ParseOptions::default(), phrase, "=?x-unknown?q?a?=");
        assert_eq!(out.unwrap().1, "=?x-unknown?q?a?=");
        assert!(found.contains(Diagnosis::Rfc2047UnknownCharset));
    }

    #[test]
    fn local_part_classifies_dot_atom_quoted_and_obsolete_forms() {
        let (out, found) = with(&ParseOptions::default(), local_part, "john.doe@");
        let (rest, (local, trailing)) = out.unwrap();
        assert_eq!((rest, local.value(), trailing.is_empty()), ("@", "john.doe", true));
        assert!(local.text().is_borrowed() && found.is_empty());

        let (out, found) = with(&ParseOptions::default(), local_part, "\"john doe\" @");
        let (rest, (local, trailing)) = out.unwrap();
        assert_eq!(
            (rest, local.value(), local.as_str(), trailing.fws),
            ("@", "john doe", "\"john doe\"", true)
        );
        assert!(found.contains(Diagnosis::Rfc5321QuotedString));

        let (out, found) = with(&ParseOptions::default(), local_part, "\"a\" . b (c) .c@");
        assert_eq!(out.unwrap().1 .0.value(), "a.b.c");
        assert!(found.contains(Diagnosis::DeprecLocalpart) && found.contains(Diagnosis::DeprecComment));
    }

    #[test]
    fn local_part_notes_a_fold_inside_its_quoted_string() {
        let (out, found) = with(&ParseOptions::default(), local_part, "\"test\r\n blah\"@");
        assert_eq!(out.unwrap().1 .0.value(), "test blah");
        assert!(found.contains(Diagnosis::CfwsFws));
        let (_, found) = with(&ParseOptions::default(), local_part, "\"a\".\"b\r\n c\"@");
        assert!(found.contains(Diagnosis::CfwsFws));
        let (_, found) = with(&ParseOptions::default(), local_part, "\"test blah\"@");
        assert!(!found.contains(Diagnosis::CfwsFws));
        let folded = AddrSpec::parse("\"test\r\n blah\"@iana.org").unwrap();
        assert_eq!(folded.category(), crate::Category::Cfws);
        assert_eq!(
            folded.to_reverse_path().unwrap().to_string(),
            "<\"test blah\"@iana.org>"
        );
    }

    #[test]
    fn local_part_rejects_stray_dots() {
        rejects(local_part, ".a@", ErrorKind::ExpectedLocalPart, 0);
        rejects(local_part, "a.@", ErrorKind::ExpectedAtomAroundDot, 2);
        rejects(local_part, "a..b@", ErrorKind::ExpectedAtomAroundDot, 2);
    }

    #[test]
    fn domain_reads_names_obs_domains_and_literals() {
        let (out, found) = with(&ParseOptions::default(), domain, "example.com>");
        let (rest, (d, lead, trail)) = out.unwrap();
        assert_eq!(
            (rest, d.as_str(), lead.is_empty(), trail.is_empty()),
            (">", "example.com", true, true)
        );
        assert!(found.is_empty());
        let (out, found) = with(&ParseOptions::default(), domain, "test  . example");
        assert_eq!(out.unwrap().1 .0.to_string(), "test.example");
        assert!(found.contains(Diagnosis::DeprecDomain));
        rejects(domain, "", ErrorKind::ExpectedDomain, 0);
        rejects(domain, "a.", ErrorKind::ExpectedAtomAroundDot, 2);
    }

    #[test]
    fn domain_literal_unescapes_and_trims() {
        let (out, _) = with(&ParseOptions::default(), domain_literal, "[ 1.2.3.4 ]x");
        let (rest, lit) = out.unwrap();
        assert_eq!((rest, lit.value(), lit.as_str()), ("x", "1.2.3.4", "[ 1.2.3.4 ]"));
        let (_, found) = with(&ParseOptions::default(), domain_literal, "[ 1.2.3.4 ]");
        assert!(found.contains(Diagnosis::CfwsFws));
        let (_, found) = with(&ParseOptions::default(), domain_literal, "[1.2.3.4]");
        assert!(!found.contains(Diagnosis::CfwsFws));
        let (out, found) = with(&ParseOptions::default(), domain_literal, "[a\\]b]");
        assert_eq!(out.unwrap().1.value(), "a]b");
        assert!(found.contains(Diagnosis::DeprecDtext));
        rejects(domain_literal, "[1.2.3.4", ErrorKind::ExpectedBracketClose, 8);
        rejects(domain_literal, "[a[b]", ErrorKind::ExpectedBracketClose, 2);
    }

    #[test]
    fn domain_literal_with_obs_dtext_is_rated_by_its_value() {
        // `\1` stands for `1` (RFC 5322 §3.2.1): an address literal written in obsolete syntax.
        let ip = AddrSpec::parse("foo@[\\1.2.3.4]").unwrap();
        assert!(ip.diagnoses().contains(Diagnosis::DeprecDtext));
        assert!(!ip.diagnoses().contains(Diagnosis::Rfc5322DomlitObsdtext));
        assert_eq!(ip.category(), crate::Category::Deprecated);
        assert_eq!(ip.to_reverse_path().unwrap().to_string(), "<foo@[1.2.3.4]>");
        // No address literal, and obs-dtext in it: isemail's rfc5322_domlit_obsdtext.
        let other = AddrSpec::parse("foo@[a\\]b]").unwrap();
        assert!(other.diagnoses().contains(Diagnosis::Rfc5322DomlitObsdtext));
        assert!(!other.diagnoses().contains(Diagnosis::Rfc5322DomainLiteral));
        assert!(other.to_reverse_path().is_err());
        let plain = AddrSpec::parse("foo@[not a literal]").unwrap();
        assert!(plain.diagnoses().contains(Diagnosis::Rfc5322DomainLiteral));
        let strict = ParseOptions::default().strictness(Strictness::Strict);
        assert!(AddrSpec::parse_with("foo@[\\1.2.3.4]", &strict).is_err());
    }

    #[test]
    fn addr_spec_notes_cfws_near_the_at_sign() {
        kat(addr_spec, "a@b.example rest", "rest", addr("a@b.example"));
        let (out, found) = with(&ParseOptions::default(), addr_spec, "a (x) @ b.example");
        assert_eq!(out.unwrap().1, addr("a@b.example"));
        assert!(found.contains(Diagnosis::DeprecCfwsNearAt) && found.contains(Diagnosis::CfwsComment));
        rejects(addr_spec, "a b@c", ErrorKind::ExpectedAt, 2);
        rejects(addr_spec, "a@", ErrorKind::ExpectedDomain, 2);
    }

    #[test]
    fn angle_addr_drops_a_route_and_requires_its_close() {
        kat(angle_addr, " <a@b.example> x", "x", addr("a@b.example"));
        let (out, found) = with(&ParseOptions::default(), angle_addr, "<@r1,@r2:a@b.example>");
        assert_eq!(out.unwrap().1, addr("a@b.example"));
        assert!(found.contains(Diagnosis::ObsRouteDropped));
        rejects(angle_addr, "<a@b.example", ErrorKind::ExpectedAngleClose, 12);
        rejects(angle_addr, "a@b", ErrorKind::ExpectedAngleOpen, 0);
        rejects(angle_addr, "<>", ErrorKind::ExpectedLocalPart, 1);
        rejects(angle_addr, "<@r a@b>", ErrorKind::ExpectedColon, 4);
    }

    #[test]
    fn name_addr_has_an_optional_display_name() {
        kat(name_addr, "<a@b.example>", "", (None, addr("a@b.example")));
        kat(
            name_addr,
            "Jane <a@b.example>",
            "",
            (Some(Cow::Borrowed("Jane")), addr("a@b.example")),
        );
        rejects(name_addr, "Jane a@b", ErrorKind::ExpectedAngleOpen, 6);
    }

    #[test]
    fn mailbox_is_a_name_addr_or_an_addr_spec() {
        let (out, _) = with(&ParseOptions::default(), mailbox, "Jane <a@b.example>, x");
        let (rest, m) = out.unwrap();
        assert_eq!((rest, m.display_name()), (", x", Some("Jane")));
        let (out, _) = with(&ParseOptions::default(), mailbox, "a@b.example, x");
        assert_eq!(out.unwrap().0, ", x");
        rejects(mailbox, "Jane <a@b.example", ErrorKind::ExpectedAngleClose, 17);
        rejects(mailbox, "a..b@x", ErrorKind::ExpectedAtomAroundDot, 2);
    }

    #[test]
    fn single_mailbox_rejects_a_group_by_name() {
        let options = ParseOptions::default();
        let input = "Team: a@b.example;";
        let ctx = Ctx::new(input, &options, Reading::Mailbox);
        match mailbox(&ctx, input) {
            Err(nom::Err::Failure(e)) => {
                assert_eq!((e.kind, input.len() - e.input.len()), (ErrorKind::UnexpectedGroup, 4));
            }
            other => panic!("{other:?}"),
        }
        // In a list the same text is a group, so the mailbox rule fails recoverably.
        let ctx = Ctx::new(input, &options, Reading::Other);
        assert!(matches!(mailbox(&ctx, input), Err(nom::Err::Error(_))));
    }

    #[test]
    fn group_holds_a_possibly_empty_mailbox_list() {
        let (out, _) = with(&ParseOptions::default(), group, "G: a@b.example, Jane <c@d.example>; x");
        let (rest, g) = out.unwrap();
        assert_eq!((rest, g.display_name(), g.members().len()), ("x", "G", 2));
        let (out, found) = with(&ParseOptions::default(), group, "G: , ,;");
        assert!(out.unwrap().1.members().is_empty());
        assert!(found.contains(Diagnosis::DeprecList));
        rejects(group, "G: a@b.example", ErrorKind::ExpectedSemicolon, 14);
        rejects(group, "G a@b;", ErrorKind::ExpectedColon, 3);
    }

    #[test]
    fn address_prefers_the_member_that_parses() {
        let (out, _) = with(&ParseOptions::default(), address, "G:;");
        assert!(matches!(out.unwrap().1, Address::Group(_)));
        let (out, _) = with(&ParseOptions::default(), address, "a@b.example");
        assert!(matches!(out.unwrap().1, Address::Mailbox(_)));
    }

    #[test]
    fn list_skips_empty_members_as_obsolete() {
        let (out, found) = with(
            &ParseOptions::default(),
            |c, i| list(c, i, ListOf::GroupMembers, mailbox),
            ", a@b.example,,c@d.example,",
        );
        let (rest, items) = out.unwrap();
        assert_eq!((rest, items.len()), ("", 2));
        assert!(found.contains(Diagnosis::DeprecList));
        let (out, found) = with(
            &ParseOptions::default(),
            |c, i| list(c, i, ListOf::GroupMembers, mailbox),
            "a@b.example , c@d.example;",
        );
        assert_eq!(out.unwrap().0, ";");
        assert!(!found.contains(Diagnosis::DeprecList));
        let strict = ParseOptions::default().strictness(Strictness::Strict);
        assert!(with(
            &strict,
            |c, i| list(c, i, ListOf::GroupMembers, mailbox),
            "a@b.example,"
        )
        .0
        .is_err());
    }

    #[test]
    fn lenient_single_mailbox_names_may_hold_specials() {
        let lenient = ParseOptions::default().strictness(Strictness::Lenient);
        let input = "Doe, John <j@x.example>";
        let ctx = Ctx::new(input, &lenient, Reading::Mailbox);
        assert_eq!(mailbox(&ctx, input).unwrap().1.display_name(), Some("Doe, John"));
        // In a list the comma separates members: "Doe" alone is no mailbox. Both branches stop at
        // the comma, and addr-spec's error, tried first, is the one reported.
        rejects_with(&lenient, mailbox, input, ErrorKind::ExpectedAt, 3);
    }

    #[test]
    fn name_addr_first_reads_what_addr_spec_first_reads() {
        // The reference algorithm: the order the mailbox rule had before it looked ahead,
        // addr-spec then name-addr. Looking ahead must change neither results nor errors.
        fn addr_spec_first<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, Option<Cow<'a, str>>> {
            match ctx.try_branch(|i| addr_spec(ctx, i), input) {
                Ok((rest, _)) => Ok((rest, None)),
                Err(nom::Err::Error(e1)) => match ctx.try_branch(|i| name_addr(ctx, i), input) {
                    Ok((rest, (name, _))) => Ok((rest, name)),
                    Err(nom::Err::Error(e2))
                        if e2.kind == ErrorKind::ExpectedAngleOpen && e2.input.starts_with('@') =>
                    {
                        Err(nom::Err::Error(e1))
                    }
                    Err(nom::Err::Error(e2)) => Err(nom::Err::Error(nom::error::ParseError::or(e1, e2))),
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            }
        }
        let inputs = [
            "<a@b.example>",
            "<a@b.example",
            "<>",
            "< a@b.example >",
            "Jane <a@b.example>",
            "Jane\t<a@b.example> (c)",
            "Jane<a@b.example",
            "Jane <@r:a@b.example>",
            "Jane <a@b..example>",
            "=?utf-8?q?Jos=C3=A9?= <a@b.example>",
            "=?x-unknown?q?a?= <a@b.example>",
            "\"Doe, Jane\" <a@b.example>",
            "\"Doe, Jane\"<a@b.example>x",
            "\"\" <\"a b\"@b.example>",
            "a <b>",
            "a <",
        ];
        for strictness in [Strictness::Strict, Strictness::Standard, Strictness::Lenient] {
            let options = ParseOptions::default().strictness(strictness);
            for input in inputs {
                assert!(starts_as_name_addr(input), "{input:?}");
                let ctx = Ctx::new(input, &options, Reading::Other);
                let expected = addr_spec_first(&ctx, input).map_err(|e| match e {
                    nom::Err::Error(e) | nom::Err::Failure(e) => (e.kind, input.len() - e.input.len()),
                    nom::Err::Incomplete(_) => unreachable!(),
                });
                let expected_found = ctx.diagnoses();
                let plain = options.clone().accelerate(false);
                let ctx = Ctx::new(input, &plain, Reading::Other);
                let got = mailbox(&ctx, input)
                    .map(|(rest, m)| (rest, m.display_name().map(|n| Cow::Owned(n.into()))))
                    .map_err(|e| match e {
                        nom::Err::Error(e) | nom::Err::Failure(e) => (e.kind, input.len() - e.input.len()),
                        nom::Err::Incomplete(_) => unreachable!(),
                    });
                assert_eq!(got, expected, "{input:?} ({strictness:?})");
                assert_eq!(ctx.diagnoses(), expected_found, "{input:?} ({strictness:?})");
            }
        }
        assert!(!starts_as_name_addr("J. Smith <a@b.example>") && !starts_as_name_addr("a@b.example"));
        assert!(!starts_as_name_addr("\"a\\\"b\" <a@b.example>") && !starts_as_name_addr("Jane"));
    }

    /// The shapes of the benches' corpus whose every input the mailbox accelerator reads whole
    /// (the others it leaves to the grammar, but for the few that happen to be plain).
    #[cfg(feature = "std")]
    const PLAIN_SHAPES: [&str; 10] = [
        "addr_spec",
        "angle_only",
        "name_addr",
        "name_no_space",
        "quoted_name",
        "utf8_name",
        "utf8_local",
        "idn_domain",
        "utf8_addr",
        "utf8_named_addr",
    ];

    #[cfg(feature = "std")]
    #[test]
    fn accelerators_read_the_plain_shapes_of_the_bench_corpus() {
        let options = ParseOptions::default();
        let mut taken = 0;
        for shape in super::bench_corpus::shapes() {
            let plain = PLAIN_SHAPES.contains(&shape.name);
            for input in super::bench_corpus::shape_inputs(shape, 1000) {
                let whole = accel::mailbox(&input, 0).is_some_and(|(_, len)| len == input.len());
                if plain {
                    assert!(whole, "{} {input:?}", shape.name);
                    taken += 1;
                }
                // White space around a bare address is the addr-spec accelerator's.
                if shape.name == "spaced" {
                    let ctx = Ctx::new(&input, &options, Reading::Mailbox);
                    assert!(
                        matches!(accelerated_addr_spec(&ctx, &input), Some(Ok(("", _)))),
                        "{input:?}"
                    );
                }
            }
        }
        assert_eq!(taken, PLAIN_SHAPES.len() * 1000);
    }

    #[test]
    fn lenient_lists_take_semicolons_and_join_bare_phrases() {
        let lenient = ParseOptions::default().strictness(Strictness::Lenient);
        let input = "Doe, John <j@x.example>; Roe, Jane <r@x.example>";
        let (out, found) = with(&lenient, address_list, input);
        let (rest, list) = out.unwrap();
        assert_eq!(rest, "");
        let names: Vec<_> = list.mailboxes().map(Mailbox::display_name).collect();
        assert_eq!(names, [Some("Doe, John"), Some("Roe, Jane")]);
        assert!(found.contains(Diagnosis::LenientSemicolon));
        assert!(list
            .mailboxes()
            .all(|m| m.diagnoses().contains(Diagnosis::LenientJoinedPhrase)));
        // Two bare phrases join too; in a group `;` still ends the group.
        let (out, _) = with(
            &lenient,
            address_list,
            "A, B, C <c@x.example>, Team: D, E <e@x.example>;",
        );
        let list = out.unwrap().1;
        let names: Vec<_> = list.mailboxes().map(Mailbox::display_name).collect();
        assert_eq!(names, [Some("A, B, C"), Some("D, E")]);
        // A bare phrase before a bare address joins nothing: the error is at the phrase.
        rejects_with(
            &lenient,
            address_list,
            "Doe, x@y.example",
            ErrorKind::ExpectedAngleOpen,
            0,
        );
        rejects_with(&lenient, address_list, "Doe, ", ErrorKind::ExpectedAngleOpen, 0);
        // Standard keeps the RFC reading: `Doe` is no address.
        rejects_with(&ParseOptions::default(), address_list, input, ErrorKind::ExpectedAt, 3);
        let standard = ParseOptions::default();
        let (out, _) = with(&standard, address_list, "a@x.example; b@x.example");
        assert!(out.is_err());
    }

    #[test]
    fn lenient_takes_a_trailing_comment_as_the_display_name() {
        let lenient = ParseOptions::default().strictness(Strictness::Lenient);
        let input = "jdoe@example.com (John Doe)";
        let ctx = Ctx::new(input, &lenient, Reading::Mailbox);
        let (rest, found) = mailbox(&ctx, input).unwrap();
        assert_eq!((rest, found.display_name()), ("", Some("John Doe")));
        assert!(found.diagnoses().contains(Diagnosis::LenientCommentName));
        // Not with a name already, not for a comment that is not plain, never in Standard.
        for (options, input) in [
            (&lenient, "Jane <jdoe@example.com> (John Doe)"),
            (&lenient, "jdoe@example.com (John (Q) Doe)"),
            (&lenient, "jdoe@example.com ()"),
            (&ParseOptions::default(), "jdoe@example.com (John Doe)"),
        ] {
            let ctx = Ctx::new(input, options, Reading::Mailbox);
            let name = mailbox(&ctx, input)
                .unwrap()
                .1
                .display_name()
                .map(alloc::string::String::from);
            assert_ne!(name.as_deref(), Some("John Doe"), "{input:?}");
            assert_ne!(name.as_deref(), Some("John (Q) Doe"), "{input:?}");
        }
    }
}
