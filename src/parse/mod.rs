//! The grammar: one function per ABNF rule, each with its ABNF and RFC section in its doc comment.
//!
//! Everything here is `pub(crate)`; the public types in `address.rs`, `envelope.rs` and
//! `header.rs` call in through the entry points at the bottom of each module. nom's types never
//! leave this module tree: [`finish`] turns a [`PError`] into the public [`ParseError`].

use core::cell::Cell;
use core::convert::Infallible;

use crate::diagnosis::{Diagnoses, Diagnosis};
use crate::error::{ErrorKind, ParseError};
use crate::options::{ParseOptions, Strictness};

pub(crate) mod chars;
pub(crate) mod fast;
pub(crate) mod lexical;
pub(crate) mod path;
pub(crate) mod rfc2047;
pub(crate) mod rfc5321;
pub(crate) mod rfc5322;

/// The parser's internal error: what was expected, and the input left where it went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PError<'a> {
    pub(crate) input: &'a str,
    pub(crate) kind: ErrorKind,
}

impl<'a> PError<'a> {
    pub(crate) fn new(input: &'a str, kind: ErrorKind) -> Self {
        Self { input, kind }
    }
}

impl<'a> nom::error::ParseError<&'a str> for PError<'a> {
    fn from_error_kind(input: &'a str, _kind: nom::error::ErrorKind) -> Self {
        Self::new(input, ErrorKind::ExpectedAddress)
    }

    fn append(_input: &'a str, _kind: nom::error::ErrorKind, other: Self) -> Self {
        other
    }

    /// Of two failed alternatives, keeps the one that got further: its message is the useful one.
    fn or(self, other: Self) -> Self {
        if other.input.len() < self.input.len() {
            other
        } else {
            self
        }
    }
}

/// The result of every grammar function.
pub(crate) type PResult<'a, O> = nom::IResult<&'a str, O, PError<'a>>;

/// A recoverable failure (`alt` may try another branch).
pub(crate) fn fail<O>(input: &str, kind: ErrorKind) -> PResult<'_, O> {
    Err(nom::Err::Error(PError::new(input, kind)))
}

/// An unrecoverable failure: the prefix was unambiguous, so no other branch can succeed.
pub(crate) fn cut_fail<O>(input: &str, kind: ErrorKind) -> PResult<'_, O> {
    Err(nom::Err::Failure(PError::new(input, kind)))
}

/// What every grammar function can see: the whole input (for offsets), the options, and the
/// findings collected so far.
#[derive(Debug)]
pub(crate) struct Ctx<'a, 'o> {
    full: &'a str,
    pub(crate) options: &'o ParseOptions,
    diagnoses: Cell<Diagnoses>,
    /// `true` while parsing a single mailbox (the Lenient display-name rule applies only there).
    pub(crate) single_mailbox: bool,
}

impl<'a, 'o> Ctx<'a, 'o> {
    pub(crate) fn new(full: &'a str, options: &'o ParseOptions) -> Self {
        Self {
            full,
            options,
            diagnoses: Cell::new(Diagnoses::new()),
            single_mailbox: false,
        }
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

    /// Records obsolete syntax: a finding in Standard and Lenient mode, an error in Strict mode.
    pub(crate) fn obsolete<'i>(&self, at: &'i str, diagnosis: Diagnosis) -> Result<(), nom::Err<PError<'i>>> {
        if self.options.strictness == Strictness::Strict {
            return Err(nom::Err::Failure(PError::new(at, ErrorKind::ObsoleteSyntax)));
        }
        self.note(diagnosis);
        Ok(())
    }

    pub(crate) fn diagnoses(&self) -> Diagnoses {
        self.diagnoses.get()
    }

    /// Takes the findings collected so far, leaving the set empty.
    pub(crate) fn take_diagnoses(&self) -> Diagnoses {
        self.diagnoses.replace(Diagnoses::new())
    }

    pub(crate) fn set_diagnoses(&self, diagnoses: Diagnoses) {
        self.diagnoses.set(diagnoses);
    }

    pub(crate) fn lenient(&self) -> bool {
        self.options.strictness == Strictness::Lenient
    }

    /// Runs `parser`; if it fails recoverably, forgets the findings it recorded (so a failed `alt`
    /// branch leaves no trace).
    pub(crate) fn attempt<'i, O>(
        &self,
        parser: impl FnOnce(&'i str) -> PResult<'i, O>,
        input: &'i str,
    ) -> PResult<'i, O> {
        let saved = self.diagnoses.get();
        let result = parser(input);
        if result.is_err() {
            self.diagnoses.set(saved);
        }
        result
    }
}

/// Checks what holds for every input before the grammar runs: the length limit, and CR, LF and
/// NUL only as `CRLF WSP` folding (DESIGN: no output may carry them).
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
            // A CR that starts a bad fold is reported at the byte that breaks the fold.
            let bad = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at
            };
            let bad = if bad > at && bad >= bytes.len() { at } else { bad };
            return Err(ParseError::at(ErrorKind::ForbiddenControl, input, bad));
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

/// Runs a whole-input parser: prechecks, then requires that nothing is left over.
pub(crate) fn finish<'a, O>(full: &'a str, result: PResult<'a, O>) -> Result<O, ParseError> {
    match result {
        Ok(("", value)) => Ok(value),
        Ok((rest, _)) => Err(ParseError::at(ErrorKind::TrailingInput, full, full.len() - rest.len())),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(ParseError::at(e.kind, full, full.len() - e.input.len())),
        // Every parser here is built from `complete` combinators, so `Incomplete` cannot occur;
        // report it as an unexpected end rather than panic.
        Err(nom::Err::Incomplete(_)) => Err(ParseError::at(ErrorKind::ExpectedAddress, full, full.len())),
    }
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
        parser: impl FnOnce(&Ctx<'a, '_>, &'a str) -> PResult<'a, O>,
        input: &'a str,
        remainder: &str,
        expected: O,
    ) {
        let options = ParseOptions::default();
        let ctx = Ctx::new(input, &options);
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
        parser: impl FnOnce(&Ctx<'a, '_>, &'a str) -> PResult<'a, O>,
        input: &'a str,
        kind: ErrorKind,
        offset: usize,
    ) {
        let options = ParseOptions::default();
        let ctx = Ctx::new(input, &options);
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
        assert_eq!((e.kind(), e.offset()), (ErrorKind::ForbiddenControl, 3));
        let e = precheck("a@b>\r\nRCPT TO:<evil@x>", &o).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::ForbiddenControl, 6));
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

/// Parses the whole of `input`: by the fast path if `scan` takes the whole input (then `build`
/// makes the value from what it found, in the caller's return slot), else the precheck, the
/// grammar (`parser`), nothing left over, and in Strict mode the RFC 5321 usability of every
/// addr-spec (`check`).
#[inline]
pub(crate) fn run<'a, T, S>(
    input: &'a str,
    options: &ParseOptions,
    single_mailbox: bool,
    (scan, build): (impl FnOnce(&'a str) -> Option<S>, impl FnOnce(&'a str, S) -> T),
    parser: impl FnOnce(&Ctx<'a, '_>, &'a str) -> PResult<'a, T>,
    check: impl FnOnce(&T) -> Result<(), crate::EnvelopeError>,
) -> Result<T, ParseError> {
    // The fast path takes no CR, LF or NUL, and what it takes is RFC 5321-usable: neither the
    // precheck nor the Strict check can fail on it.
    if input.len() <= options.max_input_len {
        if let Some(found) = scan(input) {
            return Ok(build(input, found));
        }
    }
    run_grammar(input, options, single_mailbox, parser, check)
}

/// A fast path for [`run`]: the scan, and the builder of the value from what the scan found.
pub(crate) type FastPath<S, T> = (fn(&str) -> Option<S>, fn(&str, S) -> T);

/// The fast path of an entry point that has none, for [`run`].
pub(crate) fn no_fast_path<T>() -> FastPath<Infallible, T> {
    (|_| None, |_, never| match never {})
}

/// [`run`] without the fast path: kept out of line, so the fast path's caller stays small.
#[inline(never)]
fn run_grammar<'a, T>(
    input: &'a str,
    options: &ParseOptions,
    single_mailbox: bool,
    parser: impl FnOnce(&Ctx<'a, '_>, &'a str) -> PResult<'a, T>,
    check: impl FnOnce(&T) -> Result<(), crate::EnvelopeError>,
) -> Result<T, ParseError> {
    precheck(input, options)?;
    let mut ctx = Ctx::new(input, options);
    ctx.single_mailbox = single_mailbox;
    if let Ok((rest, _)) = lexical::opt_cfws(&ctx, input) {
        if rest.is_empty() {
            return Err(ParseError::at(ErrorKind::ExpectedAddress, input, input.len()));
        }
    }
    let value = finish(input, parser(&ctx, input))?;
    if options.strictness == Strictness::Strict {
        check(&value).map_err(|e| ParseError::at(ErrorKind::Envelope(e.kind()), input, e.offset()))?;
    }
    Ok(value)
}
