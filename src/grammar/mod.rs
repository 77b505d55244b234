//! The grammar: one function per ABNF rule, each with its ABNF and RFC section in its doc comment.
//! It builds the values of [`crate::types`]; the entry points in `api.rs` run it.

use core::cell::Cell;

use crate::diagnosis::{Diagnoses, Diagnosis};
use crate::error::{ErrorKind, ParseError};
use crate::options::{ParseOptions, Strictness};

pub(crate) mod accel;
pub(crate) mod host;
pub(crate) mod lexical;
pub(crate) mod limits;
pub(crate) mod rfc2047;
pub(crate) mod rfc5321;
pub(crate) mod rfc5322;

/// The grammar's error: what was expected, and the input left where it went wrong (so the
/// offset is the whole input's length less this one's, and the character found is its first).
/// It travels through nom as nom's error type, so nom's combinators keep it whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GrammarError<'a> {
    pub(crate) input: &'a str,
    pub(crate) kind: ErrorKind,
    /// The index of the address-list member the error lies in, once the list knows it.
    pub(crate) member: Option<usize>,
}

impl<'a> GrammarError<'a> {
    pub(crate) fn new(input: &'a str, kind: ErrorKind) -> Self {
        Self {
            input,
            kind,
            member: None,
        }
    }

    /// The same error, placed in list member `index` unless an inner list placed it already.
    pub(crate) fn in_member(self, index: usize) -> Self {
        Self {
            member: self.member.or(Some(index)),
            ..self
        }
    }

    /// A name-addr that stopped at `@` for want of `<` was an addr-spec all along (`a..b@x`):
    /// the addr-spec's error is the one that explains the input.
    fn is_angle_open_at_at(&self) -> bool {
        self.kind == ErrorKind::ExpectedAngleOpen && self.input.starts_with('@')
    }
}

impl<'a> nom::error::ParseError<&'a str> for GrammarError<'a> {
    /// A nom parser used bare failed; the grammar names what it expected with [`expect`].
    fn from_error_kind(input: &'a str, _kind: nom::error::ErrorKind) -> Self {
        Self::new(input, ErrorKind::ExpectedAddress)
    }

    fn append(_input: &'a str, _kind: nom::error::ErrorKind, other: Self) -> Self {
        other
    }

    /// Of two failed alternatives, keeps the one that got further (on a tie, the first): its
    /// message is the useful one. A name-addr's "expected '<'" at an `@` never wins.
    fn or(self, other: Self) -> Self {
        match (self.is_angle_open_at_at(), other.is_angle_open_at_at()) {
            (false, true) => self,
            (true, false) => other,
            _ if other.input.len() < self.input.len() => other,
            _ => self,
        }
    }
}

/// The result of every grammar function: nom's, with the grammar's error.
pub(crate) type RuleResult<'a, O> = nom::IResult<&'a str, O, GrammarError<'a>>;

/// A failure another branch may recover from (nom's `Err::Error`).
pub(crate) fn backtrack<O>(input: &str, kind: ErrorKind) -> RuleResult<'_, O> {
    Err(nom::Err::Error(GrammarError::new(input, kind)))
}

/// A failure no other branch can recover from: the input so far was unambiguous (nom's
/// `Err::Failure`).
pub(crate) fn cut<O>(input: &str, kind: ErrorKind) -> RuleResult<'_, O> {
    Err(nom::Err::Failure(GrammarError::new(input, kind)))
}

/// The character `c`; where it is missing, a backtrack that says `kind` was expected.
pub(crate) fn expect<'a>(c: char, kind: ErrorKind) -> impl Fn(&'a str) -> RuleResult<'a, char> {
    move |input: &'a str| match input.strip_prefix(c) {
        Some(rest) => Ok((rest, c)),
        None => backtrack(input, kind),
    }
}

/// What the whole input is read as, where a rule depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// One mailbox alone: Lenient's display-name rule applies, and a group is an error.
    Mailbox,
    /// Anything else: an addr-spec, a list, a path.
    Other,
}

/// What every grammar function can see: the whole input (for offsets), the options, what the
/// input is read as, and the findings collected so far.
#[derive(Debug)]
pub(crate) struct Ctx<'a, 'o> {
    full: &'a str,
    pub(crate) options: &'o ParseOptions,
    pub(crate) reading: Reading,
    diagnoses: Cell<Diagnoses>,
}

impl<'a, 'o> Ctx<'a, 'o> {
    pub(crate) fn new(full: &'a str, options: &'o ParseOptions, reading: Reading) -> Self {
        Self {
            full,
            options,
            reading,
            diagnoses: Cell::new(Diagnoses::new()),
        }
    }

    /// Whether the input is one mailbox alone.
    pub(crate) fn single_mailbox(&self) -> bool {
        self.reading == Reading::Mailbox
    }

    /// Whether the rules may use their byte-run accelerators (always, but for the differential
    /// fuzz target and the tests that compare the two readings).
    pub(crate) fn accelerate(&self) -> bool {
        self.options.accelerate
    }

    /// The byte offset of `rest` (a suffix of the input) in the whole input.
    pub(crate) fn offset(&self, rest: &str) -> usize {
        self.full.len() - rest.len()
    }

    /// Records a finding.
    pub(crate) fn note(&self, diagnosis: Diagnosis) {
        let mut set = self.diagnoses.get();
        set.insert(diagnosis);
        self.diagnoses.set(set);
    }

    /// Records findings.
    pub(crate) fn note_all(&self, diagnoses: Diagnoses) {
        let mut set = self.diagnoses.get();
        set.extend(diagnoses);
        self.diagnoses.set(set);
    }

    /// Accepts obsolete syntax, recording it as a finding, in Standard and Lenient mode; refuses
    /// it (a cut) in Strict mode.
    pub(crate) fn allow_obsolete<'i>(
        &self,
        at: &'i str,
        diagnosis: Diagnosis,
    ) -> Result<(), nom::Err<GrammarError<'i>>> {
        if self.options.strictness == Strictness::Strict {
            return Err(nom::Err::Failure(GrammarError::new(at, ErrorKind::ObsoleteSyntax)));
        }
        self.note(diagnosis);
        Ok(())
    }

    /// The findings recorded so far.
    pub(crate) fn diagnoses(&self) -> Diagnoses {
        self.diagnoses.get()
    }

    pub(crate) fn lenient(&self) -> bool {
        self.options.strictness == Strictness::Lenient
    }

    /// Runs `rule` as one branch of a choice: if it fails, the findings it recorded are forgotten,
    /// so a failed branch leaves no trace.
    pub(crate) fn try_branch<'i, O>(
        &self,
        rule: impl FnOnce(&'i str) -> RuleResult<'i, O>,
        input: &'i str,
    ) -> RuleResult<'i, O> {
        let saved = self.diagnoses.get();
        let result = rule(input);
        if result.is_err() {
            self.diagnoses.set(saved);
        }
        result
    }

    /// Forgets the findings recorded since they were `saved`.
    pub(crate) fn forget_findings_since(&self, saved: Diagnoses) {
        self.diagnoses.set(saved);
    }

    /// Runs `rule` and returns, beside its value, the findings it recorded; they stay recorded
    /// for the whole input too. If it fails, they are forgotten.
    pub(crate) fn with_findings<'i, O>(
        &self,
        rule: impl FnOnce(&'i str) -> RuleResult<'i, O>,
        input: &'i str,
    ) -> RuleResult<'i, (O, Diagnoses)> {
        let outer = self.diagnoses.replace(Diagnoses::new());
        let result = rule(input);
        let mine = self.diagnoses.replace(outer);
        let (rest, value) = result?;
        self.note_all(mine);
        Ok((rest, (value, mine)))
    }
}

/// Checks what holds for every input before the grammar runs: the length limit, and CR, LF and
/// NUL only as `CRLF WSP` folding (no output may carry them: ARCHITECTURE.md, "Decisions where the
/// RFCs leave room").
///
/// ```abnf
/// FWS = ([*WSP CRLF] 1*WSP) / obs-FWS   ; RFC 5322 §3.2.2: the only place CR and LF may stand
/// ```
pub(crate) fn precheck(input: &str, options: &ParseOptions) -> Result<(), ParseError> {
    if input.len() > options.max_input_len {
        return Err(ParseError::at(ErrorKind::InputTooLong, input, options.max_input_len));
    }
    let bytes = input.as_bytes();
    let mut i = 0;
    while let Some(pos) = find_cr_lf_nul(&bytes[i..]) {
        let at = i + pos;
        let folded =
            bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') && matches!(bytes.get(at + 2), Some(b' ' | b'\t'));
        if !folded {
            // The error is at the CR, LF or NUL itself, even where a CR LF starts a fold that
            // does not go on with white space.
            return Err(ParseError::at(ErrorKind::ForbiddenControl, input, at));
        }
        i = at + 3;
    }
    Ok(())
}

/// The offset of the first CR, LF or NUL in `b`. Eight bytes at a time are passed over while
/// none of them is below 0x0E (the `hasless` test of Sean Anderson's "Bit Twiddling Hacks", which
/// may flag a word that holds none, never misses one); a flagged word is looked at byte by byte.
fn find_cr_lf_nul(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let stop = |c: &u8| matches!(c, b'\r' | b'\n' | 0);
    let mut chunks = b.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        // `chunks_exact(8)` yields 8 bytes, so the conversion cannot fail.
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        if word.wrapping_sub(ONES * 0x0E) & !word & HIGH != 0 {
            if let Some(pos) = chunk.iter().position(stop) {
                return Some(base + pos);
            }
        }
        base += 8;
    }
    chunks.remainder().iter().position(stop).map(|pos| base + pos)
}

/// Turns a rule's result on the whole input into the public one: nothing may be left over, the
/// value must pass `check`, and an error's offset is counted from the start of the input.
#[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
#[inline(always)]
pub(crate) fn finish<'a, O>(
    full: &'a str,
    result: RuleResult<'a, O>,
    check: impl FnOnce(&O) -> Option<ParseError>,
) -> Result<O, ParseError> {
    if let Ok((rest, value)) = &result {
        if rest.is_empty() {
            if let Some(e) = check(value) {
                return Err(e);
            }
        }
    }
    match result {
        Ok(("", value)) => Ok(value),
        Ok((rest, _)) => Err(ParseError::at(ErrorKind::TrailingInput, full, full.len() - rest.len())),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
            Err(ParseError::at(e.kind, full, full.len() - e.input.len()).in_member(e.member))
        }
        // The rules run nom on complete input (`parse_complete`), which never answers
        // `Incomplete`; were it to, it is an unexpected end, not a panic.
        Err(nom::Err::Incomplete(_)) => Err(ParseError::at(ErrorKind::ExpectedAddress, full, full.len())),
    }
}

/// The error for a refused input: at its first CR, LF or NUL outside a fold, if it has one.
#[cold]
fn refused(input: &str, options: &ParseOptions, error: ParseError) -> ParseError {
    precheck(input, options).err().unwrap_or(error)
}

/// Checks bytes for UTF-8, reporting the first bad byte's offset.
pub(crate) fn from_utf8(bytes: &[u8]) -> Result<&str, ParseError> {
    core::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        ParseError::with_found(ErrorKind::InvalidUtf8, at, bytes.get(at).map(|&b| char::from(b)))
    })
}

#[cfg(test)]
pub(crate) mod testing {
    //! Known-answer helpers for the grammar's unit tests.
    use super::*;

    /// Runs `parser` on `input` with default options and checks the remainder and the output.
    #[allow(clippy::needless_pass_by_value)] // callers write the expected value inline
    pub(crate) fn kat<'a, O: core::fmt::Debug + PartialEq>(
        parser: impl FnOnce(&Ctx<'a, '_>, &'a str) -> RuleResult<'a, O>,
        input: &'a str,
        remainder: &str,
        expected: O,
    ) {
        let options = ParseOptions::default();
        let ctx = Ctx::new(input, &options, Reading::Other);
        match parser(&ctx, input) {
            Ok((rest, out)) => {
                assert_eq!(rest, remainder, "remainder for {input:?}");
                assert_eq!(out, expected, "output for {input:?}");
            }
            Err(e) => panic!("{input:?} failed: {e:?}"),
        }
    }

    /// Runs `parser` on `input` and checks that it fails with `kind` at `offset`.
    pub(crate) fn rejects<'a, O: core::fmt::Debug>(
        parser: impl FnOnce(&Ctx<'a, '_>, &'a str) -> RuleResult<'a, O>,
        input: &'a str,
        kind: ErrorKind,
        offset: usize,
    ) {
        let options = ParseOptions::default();
        let ctx = Ctx::new(input, &options, Reading::Other);
        match parser(&ctx, input) {
            Ok((rest, out)) => panic!("{input:?} parsed as {out:?}, remainder {rest:?}"),
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                assert_eq!(
                    (e.kind, input.len() - e.input.len()),
                    (kind, offset),
                    "error for {input:?}"
                );
            }
            Err(e) => panic!("{input:?}: {e:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precheck_accepts_folding_and_rejects_bare_controls() {
        let o = ParseOptions::default();
        assert!(precheck("a\r\n b", &o).is_ok());
        assert!(precheck("a\r\n\tb", &o).is_ok());
        let e = precheck("a\r\nb", &o).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::ForbiddenControl, 1));
        let e = precheck("a@b>\r\nRCPT TO:<evil@x>", &o).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::ForbiddenControl, 4));
        assert_eq!(precheck("ab\n", &o).unwrap_err().offset(), 2);
        assert_eq!(precheck("a\0", &o).unwrap_err().offset(), 1);
        assert_eq!(precheck("a\r", &o).unwrap_err().offset(), 1);
        assert_eq!(precheck("a\r\n", &o).unwrap_err().offset(), 1);
    }

    #[test]
    fn find_cr_lf_nul_finds_the_first_one_anywhere() {
        let fillers: [&[u8]; 4] = [
            b"abcdefgh",
            b"\t\x0b\x0c\x0e\x1f ~\x7f",
            "ü€\u{10ffff}".as_bytes(),
            b"\xff\x80\x8d\x8a",
        ];
        for filler in fillers {
            for len in 0..40 {
                let text: alloc::vec::Vec<u8> = filler.iter().copied().cycle().take(len).collect();
                assert_eq!(find_cr_lf_nul(&text), None, "{text:?}");
                for at in 0..len {
                    for stop in [b'\r', b'\n', 0] {
                        let mut text = text.clone();
                        text[at] = stop;
                        assert_eq!(find_cr_lf_nul(&text), Some(at), "{text:?}");
                        if at + 1 < len {
                            text[len - 1] = b'\n';
                            assert_eq!(find_cr_lf_nul(&text), Some(at), "{text:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn precheck_enforces_the_length_limit() {
        let o = ParseOptions::default().max_input_len(3);
        assert!(precheck("abc", &o).is_ok());
        assert_eq!(precheck("abcd", &o).unwrap_err().kind(), ErrorKind::InputTooLong);
    }

    #[test]
    fn from_utf8_reports_the_first_bad_byte() {
        let e = from_utf8(b"ab\xffc").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidUtf8, 2));
    }
}

/// Parses the whole of `input` by `rule`: an input that is not only CFWS, the rule, nothing left
/// over, and no error from `check` on the value.
///
/// CR, LF and NUL are refused by every rule except as the CRLF of a fold, so a value read whole
/// holds none, and there is no pass over the input before the grammar. When the input is refused,
/// [`precheck`] says whether such a character is the reason: then the error is at the first one.
#[allow(clippy::inline_always)] // the accelerated value is built where the caller keeps it
#[inline(always)]
pub(crate) fn parse_whole<'a, T>(
    input: &'a str,
    options: &ParseOptions,
    reading: Reading,
    rule: impl FnOnce(&Ctx<'a, '_>, &'a str) -> RuleResult<'a, T>,
    check: impl FnOnce(&T) -> Option<ParseError>,
) -> Result<T, ParseError> {
    if input.len() > options.max_input_len {
        return Err(ParseError::at(ErrorKind::InputTooLong, input, options.max_input_len));
    }
    let ctx = Ctx::new(input, options, reading);
    let only_cfws = match input.as_bytes().first() {
        None => true,
        Some(b' ' | b'\t' | b'\r' | b'(') => matches!(lexical::opt_cfws(&ctx, input), Ok(("", _))),
        Some(_) => false,
    };
    let result = if only_cfws {
        Err(ParseError::at(ErrorKind::ExpectedAddress, input, input.len()))
    } else {
        finish(input, rule(&ctx, input), check)
    };
    debug_assert!(
        result.is_err() || precheck(input, options).is_ok(),
        "a rule took CR, LF or NUL: {input:?}"
    );
    result.map_err(|e| refused(input, options, e))
}
