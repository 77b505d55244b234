//! RFC 5322 §3.2 lexical tokens, with the RFC 6532 §3.2 UTF-8 extensions and the §4.1/§4.2
//! obsolete forms: quoted-pair, FWS, comments, CFWS, atoms, quoted strings and words, and the
//! reader of what stands between a quoted-string's or a domain-literal's delimiters. Phrases are
//! in `rfc5322.rs`, where they are used.

use alloc::borrow::Cow;
use alloc::string::String;

use super::{backtrack, cut, Ctx, RuleResult};
use crate::chars::{is_atext, is_ctext, is_obs_no_ws_ctl, is_wsp, span, Class, DTEXT_CLASS, QTEXT_CLASS};
use crate::diagnosis::{Diagnoses, Diagnosis};
use crate::error::ErrorKind;

// ----- 3.2.1 Quoted characters -----

/// Parses a quoted-pair and returns the character it stands for.
///
/// ```abnf
/// quoted-pair = ("\" (VCHAR / WSP)) / obs-qp     ; RFC 5322 §3.2.1
/// obs-qp      = "\" (%d0 / obs-NO-WS-CTL / LF / CR)  ; RFC 5322 §4.1
/// VCHAR      =/ UTF8-non-ascii                    ; RFC 6532 §3.2
/// ```
///
/// `obs-qp` of a control is a `deprec_qp` finding (an error in Strict mode); of NUL, CR or LF it
/// is always an error, since no output may carry them.
pub(crate) fn quoted_pair<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, char> {
    let Some(rest) = input.strip_prefix('\\') else {
        return backtrack(input, ErrorKind::InvalidQuotedPair);
    };
    let Some(c) = rest.chars().next() else {
        return cut(rest, ErrorKind::InvalidQuotedPair);
    };
    match c {
        '\0' | '\r' | '\n' => return cut(rest, ErrorKind::ForbiddenControl),
        c if c.is_ascii() && is_obs_no_ws_ctl(c as u8) => ctx.allow_obsolete(input, Diagnosis::DeprecQp)?,
        _ => {}
    }
    Ok((&rest[c.len_utf8()..], c))
}

// ----- 3.2.2 Folding White Space and Comments -----

/// Whether `b` starts with the CRLF of a fold: CR LF and then WSP (RFC 5322 §3.2.2). CR and LF
/// stand nowhere else, so every rule that meets a CR asks this.
#[inline]
pub(crate) fn starts_fold(b: &[u8]) -> bool {
    b.starts_with(b"\r\n") && b.get(2).copied().is_some_and(is_wsp)
}

/// Parses folding white space. Returns `true` if it folded (held a CRLF).
///
/// ```abnf
/// FWS     = ([*WSP CRLF] 1*WSP) / obs-FWS   ; RFC 5322 §3.2.2
/// obs-FWS = 1*WSP *(CRLF 1*WSP)             ; RFC 5322 §4.2
/// ```
///
/// More than one CRLF is obs-FWS: a `deprec_fws` finding. CR and LF anywhere else were refused
/// before the grammar ran ([`precheck`](super::precheck)).
pub(crate) fn fws<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, bool> {
    let bytes = input.as_bytes();
    let mut i = 0;
    let mut folds = 0;
    loop {
        i += span(&input[i..], is_wsp);
        if starts_fold(&bytes[i..]) {
            folds += 1;
            i += 2;
        } else {
            break;
        }
    }
    if i == 0 {
        return backtrack(input, ErrorKind::ExpectedAddress);
    }
    if folds > 1 {
        ctx.allow_obsolete(input, Diagnosis::DeprecFws)?;
    }
    Ok((&input[i..], folds > 0))
}

/// Parses a comment, nested comments included, up to the configured depth.
///
/// ```abnf
/// comment   = "(" *([FWS] ccontent) [FWS] ")"   ; RFC 5322 §3.2.2
/// ccontent  = ctext / quoted-pair / comment
/// ctext     = %d33-39 / %d42-91 / %d93-126 / obs-ctext
/// obs-ctext = obs-NO-WS-CTL                     ; RFC 5322 §4.1
/// ctext    =/ UTF8-non-ascii                    ; RFC 6532 §3.2
/// ```
///
/// Nesting is counted, not recursed, so a deep input costs neither stack nor more than linear time.
pub(crate) fn comment<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, ()> {
    if !input.starts_with('(') {
        return backtrack(input, ErrorKind::ExpectedAddress);
    }
    let bytes = input.as_bytes();
    let (mut i, mut depth) = (0, 0usize);
    loop {
        match bytes.get(i) {
            None => return cut(&input[i..], ErrorKind::UnterminatedComment),
            Some(b'(') => {
                depth += 1;
                if depth > ctx.options.max_comment_depth {
                    return cut(&input[i..], ErrorKind::CommentTooDeep);
                }
                i += 1;
            }
            Some(b')') => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Ok((&input[i..], ()));
                }
            }
            Some(b'\\') => i = input.len() - quoted_pair(ctx, &input[i..])?.0.len(),
            Some(b'\r') if starts_fold(&bytes[i..]) => i += 2,
            Some(&b) if is_ctext(b) || is_wsp(b) => i += span(&input[i..], |b| is_ctext(b) || is_wsp(b)),
            Some(&b) if is_obs_no_ws_ctl(b) => {
                ctx.allow_obsolete(&input[i..], Diagnosis::DeprecCtext)?;
                i += 1;
            }
            Some(_) => return cut(&input[i..], ErrorKind::ForbiddenControl),
        }
    }
}

/// What a run of CFWS held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Cfws {
    pub(crate) fws: bool,
    pub(crate) comment: bool,
}

impl Cfws {
    pub(crate) fn is_empty(self) -> bool {
        !self.fws && !self.comment
    }

    /// This CFWS as findings: `cfws_comment`, `cfws_fws`.
    pub(crate) fn findings(self) -> Diagnoses {
        let mut found = Diagnoses::new();
        if self.comment {
            found.insert(Diagnosis::CfwsComment);
        }
        if self.fws {
            found.insert(Diagnosis::CfwsFws);
        }
        found
    }

    /// Records this CFWS as findings.
    pub(crate) fn note(self, ctx: &Ctx<'_, '_>) {
        ctx.note_all(self.findings());
    }
}

/// Parses optional comments and folding white space.
///
/// ```abnf
/// CFWS = (1*([FWS] comment) [FWS]) / FWS   ; RFC 5322 §3.2.2
/// ```
///
/// Returns what it saw ([`Cfws::is_empty`] when there was none); `[CFWS]` in the ABNF is this.
#[inline]
pub(crate) fn opt_cfws<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, Cfws> {
    // Most calls find none: answer those without a call.
    match input.as_bytes().first() {
        Some(b' ' | b'\t' | b'\r' | b'(') => cfws_run(ctx, input),
        _ => Ok((input, Cfws::default())),
    }
}

/// [`opt_cfws`] once its first byte is white space or `(`.
fn cfws_run<'a>(ctx: &Ctx<'_, '_>, mut input: &'a str) -> RuleResult<'a, Cfws> {
    let mut seen = Cfws::default();
    loop {
        match input.as_bytes().first() {
            Some(b' ' | b'\t' | b'\r') => {
                input = fws(ctx, input)?.0;
                seen.fws = true;
            }
            Some(b'(') => {
                input = comment(ctx, input)?.0;
                seen.comment = true;
            }
            _ => return Ok((input, seen)),
        }
    }
}

// ----- 3.2.3 Atom -----

/// Parses the text of an atom.
///
/// ```abnf
/// atom  = [CFWS] 1*atext [CFWS]   ; RFC 5322 §3.2.3 (the CFWS is the caller's)
/// atext =/ UTF8-non-ascii         ; RFC 6532 §3.2
/// ```
pub(crate) fn atext_run(input: &str) -> RuleResult<'_, &str> {
    match span(input, is_atext) {
        0 => backtrack(input, ErrorKind::ExpectedAddress),
        n => Ok((&input[n..], &input[..n])),
    }
}

/// Parses a dot-atom-text.
///
/// ```abnf
/// dot-atom-text = 1*atext *("." 1*atext)   ; RFC 5322 §3.2.3
/// ```
pub(crate) fn dot_atom_text(input: &str) -> RuleResult<'_, &str> {
    let mut end = atext_run(input)?.1.len();
    while input.as_bytes().get(end) == Some(&b'.') {
        match span(&input[end + 1..], is_atext) {
            0 => break,
            n => end += 1 + n,
        }
    }
    Ok((&input[end..], &input[..end]))
}

// ----- 3.2.4 Quoted Strings -----

/// A parsed quoted-string: its value (unescaped, unfolded), its source text, quotes included, and
/// whether it folded (held a CRLF, which an envelope form must drop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quoted<'a> {
    pub(crate) value: Cow<'a, str>,
    pub(crate) raw: &'a str,
    pub(crate) folded: bool,
}

/// Parses a quoted-string (the surrounding CFWS is the caller's).
///
/// ```abnf
/// quoted-string = [CFWS] DQUOTE *([FWS] qcontent) [FWS] DQUOTE [CFWS]  ; RFC 5322 §3.2.4
/// qcontent      = qtext / quoted-pair
/// qtext         = %d33 / %d35-91 / %d93-126 / obs-qtext
/// obs-qtext     = obs-NO-WS-CTL                                       ; RFC 5322 §4.1
/// qtext        =/ UTF8-non-ascii                                      ; RFC 6532 §3.2
/// ```
///
/// The value borrows the input unless a quoted-pair or a fold changes it: the CRLF of FWS is not
/// part of the value (§3.2.4), the WSP is.
pub(crate) fn quoted_string<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, Quoted<'a>> {
    let Some(body) = input.strip_prefix('"') else {
        return backtrack(input, ErrorKind::ExpectedLocalPart);
    };
    let (rest, content) = enclosed(ctx, body, &QUOTED_STRING)?;
    let raw = &input[..input.len() - rest.len()];
    Ok((
        rest,
        Quoted {
            value: content.value,
            raw,
            folded: content.folded,
        },
    ))
}

/// What may stand between the delimiters of a quoted-string or a domain-literal, and what is
/// said of what may not.
pub(crate) struct Enclosure {
    /// The closing delimiter.
    close: u8,
    /// The text class (`qtext` or `dtext`); WSP may stand between its runs.
    class: Class,
    /// The finding for an obsolete control, and for a quoted-pair if that is obsolete here.
    obs_ctl: Diagnosis,
    escape: Option<Diagnosis>,
    /// The error at the end of input, and at any other byte.
    unterminated: ErrorKind,
    stray: ErrorKind,
}

/// The content of a quoted-string (RFC 5322 §3.2.4).
pub(crate) const QUOTED_STRING: Enclosure = Enclosure {
    close: b'"',
    class: QTEXT_CLASS,
    obs_ctl: Diagnosis::DeprecQtext,
    escape: None,
    unterminated: ErrorKind::UnterminatedQuotedString,
    stray: ErrorKind::ForbiddenControl,
};

/// The content of a domain-literal (RFC 5322 §3.4.1), where a quoted-pair is obs-dtext (§4.4).
pub(crate) const DOMAIN_LITERAL: Enclosure = Enclosure {
    close: b']',
    class: DTEXT_CLASS,
    obs_ctl: Diagnosis::DeprecDtext,
    escape: Some(Diagnosis::DeprecDtext),
    unterminated: ErrorKind::ExpectedBracketClose,
    stray: ErrorKind::ExpectedBracketClose,
};

/// The content between two delimiters, once read.
pub(crate) struct Content<'a> {
    /// The value: quoted-pairs undone, the CRLF of folds removed.
    pub(crate) value: Cow<'a, str>,
    /// The source text, without the delimiters.
    pub(crate) raw: &'a str,
    /// Whether it folded.
    pub(crate) folded: bool,
}

/// Reads `body` up to and including the closing delimiter of `enclosure`: runs of its class and
/// WSP, quoted-pairs, folds and obsolete controls. The byte runs are read by [`span`]; only a
/// quoted-pair or a fold makes the value a string of its own.
pub(crate) fn enclosed<'a>(ctx: &Ctx<'_, '_>, body: &'a str, enclosure: &Enclosure) -> RuleResult<'a, Content<'a>> {
    let bytes = body.as_bytes();
    let mut value = Unescaped::new(body);
    let mut folded = false;
    let mut i = 0;
    loop {
        let run = span(&bytes[i..], |b| enclosure.class.contains(b) || is_wsp(b));
        value.keep(i, i + run);
        i += run;
        match bytes.get(i) {
            Some(&b) if b == enclosure.close => break,
            Some(b'\\') => {
                if let Some(finding) = enclosure.escape {
                    ctx.allow_obsolete(&body[i..], finding)?;
                }
                let (rest, c) = quoted_pair(ctx, &body[i..])?;
                value.replace(i, Some(c));
                i = body.len() - rest.len();
            }
            Some(b'\r') if starts_fold(&bytes[i..]) => {
                value.replace(i, None);
                folded = true;
                i += 2;
            }
            Some(&b) if is_obs_no_ws_ctl(b) => {
                ctx.allow_obsolete(&body[i..], enclosure.obs_ctl)?;
                value.keep(i, i + 1);
                i += 1;
            }
            None => return cut(&body[i..], enclosure.unterminated),
            Some(_) => return cut(&body[i..], enclosure.stray),
        }
    }
    let content = Content {
        value: value.finish(i),
        raw: &body[..i],
        folded,
    };
    Ok((&body[i + 1..], content))
}

/// A value read from `source` that stays a slice of it until the source text stops being the
/// value: at a quoted-pair undone or a fold removed. From then on it is built in a string.
pub(crate) struct Unescaped<'a> {
    source: &'a str,
    owned: Option<String>,
}

impl<'a> Unescaped<'a> {
    pub(crate) fn new(source: &'a str) -> Self {
        Self { source, owned: None }
    }

    /// `source[from..to]` is part of the value as it stands.
    #[inline]
    pub(crate) fn keep(&mut self, from: usize, to: usize) {
        if let Some(s) = self.owned.as_mut() {
            s.push_str(&self.source[from..to]);
        }
    }

    /// At byte `at` the source stops being the value: `c` stands for what is there (`None`:
    /// nothing does).
    pub(crate) fn replace(&mut self, at: usize, c: Option<char>) {
        let s = self.owned.get_or_insert_with(|| String::from(&self.source[..at]));
        s.extend(c);
    }

    /// The value of `source[..end]`.
    pub(crate) fn finish(self, end: usize) -> Cow<'a, str> {
        self.owned.map_or(Cow::Borrowed(&self.source[..end]), Cow::Owned)
    }
}

// ----- 3.2.5 Miscellaneous Tokens -----

/// One word of a phrase or a local part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Word<'a> {
    /// An atom's text.
    Atom(&'a str),
    /// A quoted-string.
    Quoted(Quoted<'a>),
}

/// Parses a word (the surrounding CFWS is the caller's).
///
/// ```abnf
/// word = atom / quoted-string   ; RFC 5322 §3.2.5
/// ```
pub(crate) fn word<'a>(ctx: &Ctx<'_, '_>, input: &'a str) -> RuleResult<'a, Word<'a>> {
    if input.starts_with('"') {
        let (rest, q) = quoted_string(ctx, input)?;
        Ok((rest, Word::Quoted(q)))
    } else {
        let (rest, atom) = atext_run(input)?;
        Ok((rest, Word::Atom(atom)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{kat, rejects};
    use super::*;
    use crate::grammar::Reading;
    use crate::options::{ParseOptions, Strictness};

    #[test]
    fn quoted_pair_unescapes_vchar_wsp_and_utf8() {
        kat(quoted_pair, "\\\"x", "x", '"');
        kat(quoted_pair, "\\ ", "", ' ');
        kat(quoted_pair, "\\ü!", "!", 'ü');
        rejects(quoted_pair, "\\", ErrorKind::InvalidQuotedPair, 1);
        rejects(quoted_pair, "\\\0", ErrorKind::ForbiddenControl, 1);
    }

    #[test]
    fn fws_accepts_one_fold_and_marks_obsolete_folds() {
        kat(fws, "  x", "x", false);
        kat(fws, " \r\n x", "x", true);
        kat(fws, "\r\n\tx", "x", true);
        let input = " \r\n \r\n x";
        let o = ParseOptions::default();
        let ctx = Ctx::new(input, &o, Reading::Other);
        assert_eq!(fws(&ctx, input), Ok(("x", true)));
        assert!(ctx.diagnoses().contains(Diagnosis::DeprecFws));
        rejects(fws, "x", ErrorKind::ExpectedAddress, 0);
    }

    #[test]
    fn comment_nests_and_stops_at_its_close() {
        kat(comment, "(a (b) \\) c)rest", "rest", ());
        kat(comment, "(ü)", "", ());
        rejects(comment, "(a (b)", ErrorKind::UnterminatedComment, 6);
        rejects(comment, "a", ErrorKind::ExpectedAddress, 0);
    }

    #[test]
    fn comment_depth_is_bounded() {
        let deep = "(".repeat(65) + &")".repeat(65);
        rejects(comment, &deep, ErrorKind::CommentTooDeep, 64);
        let ok = "(".repeat(64) + &")".repeat(64);
        kat(comment, &ok, "", ());
    }

    #[test]
    fn obs_ctext_is_an_error_in_strict_mode() {
        let input = "(a\u{1}b)";
        let strict = ParseOptions::default().strictness(Strictness::Strict);
        let ctx = Ctx::new(input, &strict, Reading::Other);
        assert!(comment(&ctx, input).is_err());
        let standard = ParseOptions::default();
        let ctx = Ctx::new(input, &standard, Reading::Other);
        assert_eq!(comment(&ctx, input), Ok(("", ())));
        assert!(ctx.diagnoses().contains(Diagnosis::DeprecCtext));
    }

    #[test]
    fn opt_cfws_reports_what_it_saw() {
        kat(opt_cfws, "x", "x", Cfws::default());
        kat(
            opt_cfws,
            " (c) x",
            "x",
            Cfws {
                fws: true,
                comment: true,
            },
        );
        kat(
            opt_cfws,
            "(c)x",
            "x",
            Cfws {
                fws: false,
                comment: true,
            },
        );
    }

    #[test]
    fn dot_atom_text_stops_before_a_stray_dot() {
        kat(|_, i| dot_atom_text(i), "a.b.c@", "@", "a.b.c");
        kat(|_, i| dot_atom_text(i), "a..b", "..b", "a");
        kat(|_, i| dot_atom_text(i), "a.", ".", "a");
        kat(|_, i| dot_atom_text(i), "ünï.çødé x", " x", "ünï.çødé");
        rejects(|_, i| dot_atom_text(i), ".a", ErrorKind::ExpectedAddress, 0);
    }

    #[test]
    fn quoted_string_borrows_unless_it_must_unescape() {
        let (rest, q) = {
            let o = ParseOptions::default();
            let ctx = Ctx::new("\"a b\"x", &o, Reading::Other);
            quoted_string(&ctx, "\"a b\"x").unwrap()
        };
        assert_eq!(rest, "x");
        assert!(matches!(q.value, Cow::Borrowed("a b")));
        assert_eq!(q.raw, "\"a b\"");
        kat(
            quoted_string,
            "\"a\\\"b\"",
            "",
            Quoted {
                value: Cow::Owned("a\"b".into()),
                raw: "\"a\\\"b\"",
                folded: false,
            },
        );
        kat(
            quoted_string,
            "\"a\r\n b\"",
            "",
            Quoted {
                value: Cow::Owned("a b".into()),
                raw: "\"a\r\n b\"",
                folded: true,
            },
        );
        kat(
            quoted_string,
            "\"\"",
            "",
            Quoted {
                value: Cow::Borrowed(""),
                raw: "\"\"",
                folded: false,
            },
        );
        rejects(quoted_string, "\"abc", ErrorKind::UnterminatedQuotedString, 4);
        rejects(quoted_string, "\"a\\", ErrorKind::InvalidQuotedPair, 3);
    }

    #[test]
    fn word_is_an_atom_or_a_quoted_string() {
        kat(word, "abc def", " def", Word::Atom("abc"));
        kat(
            word,
            "\"a\" b",
            " b",
            Word::Quoted(Quoted {
                value: Cow::Borrowed("a"),
                raw: "\"a\"",
                folded: false,
            }),
        );
        rejects(word, "<", ErrorKind::ExpectedAddress, 0);
    }
}
