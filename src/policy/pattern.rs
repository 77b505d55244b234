//! Postfix `regexp:` and `pcre:` tables through the `regex` crate (feature `regex`).
//!
//! The rules are read as Postfix reads them (`src/util/dict_regexp.c`, `dict_regexp_open`,
//! `dict_regexp_parseline`, `dict_regexp_get_pat`, `dict_regexp_prescan`;
//! `src/util/dict_pcre.c`, `dict_pcre_open`, `dict_pcre_parse_rule`, `dict_pcre_get_pattern`;
//! `src/util/mac_parse.c`, `mac_parse`), and each pattern is translated into the `regex` crate's
//! syntax, byte for byte: Postfix runs in the C locale and PCRE without its UTF mode, so both
//! engines see bytes, `.` is one byte, classes hold bytes and case folding is ASCII only — which
//! is what `regex::bytes` does with Unicode off. What the translation cannot carry over exactly
//! is refused (see [`PolicyErrorKind`]).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;

use regex::bytes::{Regex, RegexBuilder};
use regex_syntax::hir::{Hir, HirKind};

use crate::policy::source::{is_space, logical_lines, trim_end_space, LogicalLine, Warning};
use crate::policy::{PolicyError, PolicyErrorKind};

/// A compiled pattern and whether it is negated (`!/…/`).
#[derive(Debug, Clone)]
struct Matcher {
    regex: Regex,
    negate: bool,
}

impl Matcher {
    /// `DICT_REGEXP_REGEXEC` / `DICT_PCRE_EXEC`: matched, counting the negation.
    fn test(&self, key: &[u8]) -> bool {
        self.regex.is_match(key) != self.negate
    }
}

/// A piece of a result: text, or the text of a group (`$n`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Group(usize),
}

/// A rule of the table.
#[derive(Debug, Clone)]
enum Rule {
    /// `/pattern/flags result` (`regexp:` also `/p1/!/p2/ result`).
    Match {
        line: usize,
        first: Matcher,
        second: Option<Matcher>,
        result: Vec<Piece>,
        substitutes: bool,
    },
    /// `if /pattern/`, and the index of its `endif` (none: the table ends there).
    If {
        line: usize,
        cond: Matcher,
        endif: Option<usize>,
    },
    /// `endif`.
    Endif,
}

/// A `regexp:` or `pcre:` table: its rules in order.
#[derive(Debug, Clone)]
pub(crate) struct PatternTable {
    rules: Vec<Rule>,
}

/// What a line gave: a rule, or a reason to skip it.
type Parsed = Result<Rule, String>;

impl PatternTable {
    /// Reads a table: its rules, and Postfix's warnings.
    pub(crate) fn load(text: &str, pcre: bool) -> Result<(Self, Vec<Warning>), PolicyError> {
        let (lines, mut warnings) = logical_lines(text);
        let mut rules: Vec<Rule> = Vec::new();
        let mut open_ifs: Vec<usize> = Vec::new();
        let map = if pcre { "pcre" } else { "regexp" };
        for line in &lines {
            let body = trim_end_space(&line.text);
            if body.is_empty() {
                continue;
            }
            let mut notes = Vec::new();
            match parse_line(line, body, pcre, !open_ifs.is_empty(), &mut notes)? {
                Ok(rule) => {
                    match rule {
                        Rule::If { .. } => open_ifs.push(rules.len()),
                        Rule::Endif => {
                            let here = rules.len();
                            if let Some(Rule::If { endif, .. }) = open_ifs.pop().and_then(|i| rules.get_mut(i)) {
                                *endif = Some(here);
                            }
                        }
                        Rule::Match { .. } => {}
                    }
                    rules.push(rule);
                }
                Err(message) => notes.push(message),
            }
            warnings.extend(
                notes
                    .into_iter()
                    .map(|m| Warning::new(line.line, format!("{map} map, line {}: {m}", line.line))),
            );
        }
        for &i in open_ifs.iter().rev() {
            if let Some(Rule::If { line, .. }) = rules.get(i) {
                warnings.push(Warning::new(
                    *line,
                    format!("{map} map, line {line}: IF has no matching ENDIF"),
                ));
            }
        }
        Ok((PatternTable { rules }, warnings))
    }

    /// The number of rules.
    pub(crate) fn len(&self) -> usize {
        self.rules.len()
    }

    /// `dict_regexp_lookup` / `dict_pcre_lookup`: the first rule that matches gives its result
    /// (`Err` when the substituted text is not UTF-8) and its line.
    pub(crate) fn lookup(&self, key: &str) -> Option<(Result<String, ()>, usize)> {
        let key = key.as_bytes();
        let mut i = 0;
        while let Some(rule) = self.rules.get(i) {
            i += 1;
            match rule {
                Rule::Match {
                    line,
                    first,
                    second,
                    result,
                    substitutes,
                } => {
                    if !first.test(key) || second.as_ref().is_some_and(|s| !s.test(key)) {
                        continue;
                    }
                    return Some((expand(first, result, *substitutes, key), *line));
                }
                Rule::If { cond, endif, .. } => {
                    if cond.test(key) {
                        continue;
                    }
                    i = (*endif)? + 1;
                }
                Rule::Endif => {}
            }
        }
        None
    }
}

/// The result of a matched rule: the text, with `$n` replaced by group `n` (nothing when the
/// group did not take part or matched nothing).
fn expand(first: &Matcher, result: &[Piece], substitutes: bool, key: &[u8]) -> Result<String, ()> {
    if !substitutes {
        return Ok(result
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.as_str(),
                Piece::Group(_) => "",
            })
            .collect());
    }
    let captures = first.regex.captures(key);
    let mut out = Vec::new();
    for piece in result {
        match piece {
            Piece::Text(t) => out.extend_from_slice(t.as_bytes()),
            Piece::Group(n) => {
                if let Some(m) = captures.as_ref().and_then(|c| c.get(*n)) {
                    out.extend_from_slice(m.as_bytes());
                }
            }
        }
    }
    String::from_utf8(out).map_err(|_| ())
}

/// Whether `body` starts with `keyword` (any case) followed by a character that is not
/// alphanumeric.
fn starts_with_keyword(body: &str, keyword: &str) -> bool {
    let bytes = body.as_bytes();
    bytes.len() >= keyword.len()
        && bytes[..keyword.len()].eq_ignore_ascii_case(keyword.as_bytes())
        && !bytes.get(keyword.len()).is_some_and(u8::is_ascii_alphanumeric)
}

/// Reads one logical line into a rule, or a reason to skip it; extra warnings go to `notes`.
fn parse_line(
    line: &LogicalLine,
    body: &str,
    pcre: bool,
    nested: bool,
    notes: &mut Vec<String>,
) -> Result<Parsed, PolicyError> {
    let bytes = body.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphanumeric) {
        return parse_match(line, body, pcre);
    }
    if starts_with_keyword(body, "if") {
        let mut pos = 2 + count_spaces(&bytes[2..]);
        let pat = match get_pattern(line, body, &mut pos, pcre)? {
            Ok(pat) => pat,
            Err(message) => return Ok(Err(message)),
        };
        let rest = body[pos..].trim_start_matches(|c: char| c.is_ascii() && is_space(c as u8));
        if !rest.is_empty() {
            notes.push(format!("ignoring extra text after IF statement: \"{rest}\""));
            notes.push("do not prepend whitespace to statements between IF and ENDIF".to_string());
        }
        let regex = compile(line, &pat, pcre, false)?;
        return Ok(Ok(Rule::If {
            line: line.line,
            cond: Matcher {
                regex,
                negate: pat.negate,
            },
            endif: None,
        }));
    }
    if starts_with_keyword(body, "endif") {
        if !nested {
            return Ok(Err("ignoring ENDIF without matching IF".to_string()));
        }
        if !body[5..]
            .trim_start_matches(|c: char| c.is_ascii() && is_space(c as u8))
            .is_empty()
        {
            notes.push("ignoring extra text after ENDIF".to_string());
        }
        return Ok(Ok(Rule::Endif));
    }
    Ok(Err("ignoring unrecognized request".to_string()))
}

/// Reads `/pattern/flags result` (and for `regexp:` an optional second `!/pattern/`).
fn parse_match(line: &LogicalLine, body: &str, pcre: bool) -> Result<Parsed, PolicyError> {
    let mut pos = 0;
    let first = match get_pattern(line, body, &mut pos, pcre)? {
        Ok(pat) => pat,
        Err(message) => return Ok(Err(message)),
    };
    let mut second = None;
    if !pcre && body.as_bytes().get(pos) == Some(&b'!') {
        match get_pattern(line, body, &mut pos, pcre)? {
            Ok(pat) => second = Some(pat),
            Err(message) => return Ok(Err(message)),
        }
    }
    let result_text = body[pos..].trim_start_matches(|c: char| c.is_ascii() && is_space(c as u8));
    let (result, max_sub) = match parse_result(result_text) {
        Ok(parsed) => parsed,
        Err(message) => return Ok(Err(format!("{message}; bad replacement syntax: skipping this rule"))),
    };
    if max_sub > 0 && first.negate {
        return Ok(Err(
            "$number found in negative match replacement text: skipping this rule".to_string(),
        ));
    }
    let regex = compile(line, &first, pcre, max_sub > 0)?;
    if max_sub > regex.captures_len() - 1 {
        return Ok(Err(format!(
            "out of range replacement index \"{max_sub}\": skipping this rule"
        )));
    }
    let second = match second {
        Some(pat) => Some(Matcher {
            regex: compile(line, &pat, pcre, false)?,
            negate: pat.negate,
        }),
        None => None,
    };
    Ok(Ok(Rule::Match {
        line: line.line,
        first: Matcher {
            regex,
            negate: first.negate,
        },
        second,
        result,
        substitutes: max_sub > 0,
    }))
}

/// The number of white-space bytes at the start of `bytes`.
fn count_spaces(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|&&b| is_space(b)).count()
}

/// A pattern as written between its delimiters, with its flags.
#[derive(Debug)]
struct Pattern<'a> {
    source: &'a [u8],
    /// Where the source starts in the logical line.
    at: usize,
    negate: bool,
    flags: Flags,
}

/// The flags of a pattern, after Postfix's defaults and the toggles written after it.
#[derive(Debug, Clone, Copy)]
#[allow(clippy::struct_excessive_bools)] // one per flag letter, as Postfix has them
struct Flags {
    icase: bool,
    multiline: bool,
    dotall: bool,
    extended: bool,
    anchored: bool,
    ungreedy: bool,
}

/// `dict_regexp_get_pat` / `dict_pcre_get_pattern`: negations, the delimited pattern, its flags.
fn get_pattern<'a>(
    line: &LogicalLine,
    body: &'a str,
    pos: &mut usize,
    pcre: bool,
) -> Result<Result<Pattern<'a>, String>, PolicyError> {
    let bytes = body.as_bytes();
    let mut p = *pos;
    let mut negate = false;
    while let Some(&b) = bytes.get(p) {
        if b == b'!' {
            negate = !negate;
        } else if !is_space(b) {
            break;
        }
        p += 1;
    }
    let Some(&delimiter) = bytes.get(p) else {
        return Ok(Err("no regexp: skipping this rule".to_string()));
    };
    if !delimiter.is_ascii() {
        return Err(PolicyError::at_line(
            PolicyErrorKind::UnsupportedConstruct,
            line.line,
            line.offset(p),
        ));
    }
    p += 1;
    let start = p;
    while let Some(&b) = bytes.get(p) {
        if b == b'\\' {
            if bytes.get(p + 1).is_none() {
                p += 1;
                break;
            }
            p += 1;
        } else if b == delimiter {
            break;
        }
        p += 1;
    }
    if p >= bytes.len() {
        return Ok(Err(format!(
            "no closing regexp delimiter \"{}\": skipping this rule",
            char::from(delimiter)
        )));
    }
    let source = &bytes[start..p];
    p += 1;
    let mut flags = Flags {
        icase: true,
        multiline: false,
        dotall: pcre,
        extended: !pcre,
        anchored: false,
        ungreedy: false,
    };
    while let Some(&b) = bytes.get(p) {
        if is_space(b) || (!pcre && b == b'!') {
            break;
        }
        match (b, pcre) {
            (b'i', _) => flags.icase = !flags.icase,
            (b'm', _) => flags.multiline = !flags.multiline,
            (b'x', _) => flags.extended = !flags.extended,
            (b's', true) => flags.dotall = !flags.dotall,
            (b'A', true) => flags.anchored = !flags.anchored,
            (b'U', true) => flags.ungreedy = !flags.ungreedy,
            (b'E' | b'X', true) => {} // DOLLAR_ENDONLY: `$` is end-only here anyway; X is obsolete
            _ => {
                let letter = body[p..].chars().next().unwrap_or('?');
                return Ok(Err(format!("unknown regexp option \"{letter}\": skipping this rule")));
            }
        }
        p += 1;
    }
    *pos = p;
    Ok(Ok(Pattern {
        source,
        at: start,
        negate,
        flags,
    }))
}

/// The pieces of a result (`mac_parse` with `dict_*_prescan`): text with `$$` as `$`, and
/// `$n`, `${n}`, `$(n)`; the highest `n`.
fn parse_result(text: &str) -> Result<(Vec<Piece>, usize), String> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut literal = Vec::new();
    let mut max_sub = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'$' {
            literal.push(bytes[i]);
            i += 1;
            continue;
        }
        if bytes.get(i + 1) == Some(&b'$') {
            literal.push(b'$');
            i += 2;
            continue;
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(String::from_utf8_lossy(&literal).into_owned()));
            literal.clear();
        }
        i += 1;
        let name: &[u8] = if let Some(&open @ (b'(' | b'{')) = bytes.get(i) {
            {
                let close = if open == b'(' { b')' } else { b'}' };
                let mut level = 1;
                let mut end = i + 1;
                loop {
                    match bytes.get(end) {
                        None => return Err(format!("truncated macro reference: \"{text}\"")),
                        Some(&b) if b == open => level += 1,
                        Some(&b) if b == close => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        Some(_) => {}
                    }
                    end += 1;
                }
                let name = &bytes[i + 1..end];
                i = end + 1;
                name
            }
        } else {
            let start = i;
            while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') {
                i += 1;
            }
            &bytes[start..i]
        };
        if name.is_empty() {
            return Err(format!("empty macro name: \"{text}\""));
        }
        let shown = String::from_utf8_lossy(name);
        if !name.iter().all(u8::is_ascii_digit) {
            return Err(format!("non-numeric replacement index \"{shown}\""));
        }
        let n = name.iter().fold(0usize, |n, d| {
            n.saturating_mul(10).saturating_add(usize::from(d - b'0'))
        });
        if n < 1 {
            return Err(format!("out-of-range replacement index \"{shown}\""));
        }
        max_sub = max_sub.max(n);
        pieces.push(Piece::Group(n));
    }
    if !literal.is_empty() {
        pieces.push(Piece::Text(String::from_utf8_lossy(&literal).into_owned()));
    }
    Ok((pieces, max_sub))
}

/// Translates and compiles a pattern; with `substitutes`, also refuses what would make the
/// groups differ from Postfix's.
fn compile(line: &LogicalLine, pat: &Pattern<'_>, pcre: bool, substitutes: bool) -> Result<Regex, PolicyError> {
    let fail = |kind: PolicyErrorKind, at: usize| PolicyError::at_line(kind, line.line, line.offset(pat.at + at));
    if !pcre && !pat.flags.extended {
        return Err(fail(PolicyErrorKind::PosixBasicSyntax, 0));
    }
    if pcre && pat.flags.extended {
        return Err(fail(PolicyErrorKind::UnsupportedConstruct, 0));
    }
    let body = if pcre {
        translate_pcre(pat.source)
    } else {
        translate_posix(pat.source, pat.flags.multiline)
    }
    .map_err(|(kind, at)| fail(kind, at))?;
    let mut rust = String::from("(?");
    if pat.flags.icase {
        rust.push('i');
    }
    if pat.flags.dotall || (!pcre && !pat.flags.multiline) {
        rust.push('s');
    }
    if pat.flags.multiline {
        rust.push('m');
    }
    if pat.flags.ungreedy {
        rust.push('U');
    }
    rust.push_str("-u)");
    if pat.flags.anchored {
        let _ = write!(rust, "\\A(?:{body})");
    } else {
        rust.push_str(&body);
    }
    if substitutes {
        let hir = regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(&rust)
            .map_err(|_| fail(PolicyErrorKind::PatternSyntax, 0))?;
        check_groups(&hir, pcre).map_err(|kind| fail(kind, 0))?;
    }
    RegexBuilder::new(&rust).unicode(false).build().map_err(|e| match e {
        regex::Error::CompiledTooBig(_) => fail(PolicyErrorKind::PatternTooLarge, 0),
        _ => fail(PolicyErrorKind::PatternSyntax, 0),
    })
}

/// Refuses what makes the groups' text depend on the engine: alternation under POSIX's
/// leftmost-longest rule, and a repeated group under either.
fn check_groups(hir: &Hir, pcre: bool) -> Result<(), PolicyErrorKind> {
    match hir.kind() {
        HirKind::Alternation(subs) => {
            if !pcre {
                return Err(PolicyErrorKind::LeftmostLongest);
            }
            subs.iter().try_for_each(|h| check_groups(h, pcre))
        }
        HirKind::Concat(subs) => subs.iter().try_for_each(|h| check_groups(h, pcre)),
        HirKind::Repetition(rep) => {
            // Both PCRE and the regex crate take alternatives and repetitions in priority order;
            // they differ only in how a repeated group that can match nothing reports its last
            // iteration. POSIX's longest-match rule differs for every repeated group.
            let nullable = rep.sub.properties().minimum_len() == Some(0);
            if has_capture(&rep.sub) && (!pcre || (nullable && rep.max != Some(1))) {
                return Err(PolicyErrorKind::RepeatedCapture);
            }
            check_groups(&rep.sub, pcre)
        }
        HirKind::Capture(cap) => check_groups(&cap.sub, pcre),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => Ok(()),
    }
}

/// Whether `hir` holds a capturing group.
fn has_capture(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Capture(_) => true,
        HirKind::Alternation(subs) | HirKind::Concat(subs) => subs.iter().any(has_capture),
        HirKind::Repetition(rep) => has_capture(&rep.sub),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => false,
    }
}

/// A translation failure: why, and at which byte of the pattern.
type Refusal = (PolicyErrorKind, usize);

/// Writes byte `b` as a literal of the `regex` syntax.
fn literal(out: &mut String, b: u8) {
    if b.is_ascii_alphanumeric() {
        out.push(char::from(b));
    } else {
        let _ = write!(out, "\\x{b:02X}");
    }
}

/// The POSIX character class names (all ASCII in the C locale, as in the `regex` crate).
const POSIX_CLASSES: &[&str] = &[
    "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit",
];

/// What came last, for where a quantifier may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Start of the pattern or of a group, after `|` or an anchor: no quantifier here.
    Nothing,
    /// An atom: a quantifier may follow.
    Atom,
    /// A quantifier: another would be nested repetition.
    Quantifier,
}

/// Translates a POSIX extended regular expression (glibc `regcomp` with `REG_EXTENDED`, C
/// locale) into the `regex` crate's syntax.
fn translate_posix(src: &[u8], newline: bool) -> Result<String, Refusal> {
    let mut out = String::with_capacity(src.len() * 2);
    let mut depth = 0usize;
    let mut last = Last::Nothing;
    let mut i = 0;
    while i < src.len() {
        let b = src[i];
        match b {
            b'\\' => {
                let Some(&next) = src.get(i + 1) else {
                    return Err((PolicyErrorKind::PatternSyntax, i));
                };
                match next {
                    b'1'..=b'9' => return Err((PolicyErrorKind::BackReference, i)),
                    b'w' | b'W' | b's' | b'S' => {
                        out.push('\\');
                        out.push(char::from(next));
                        last = Last::Atom;
                    }
                    b'b' | b'B' | b'<' | b'>' | b'`' | b'\'' => {
                        out.push_str(match next {
                            b'b' => "\\b",
                            b'B' => "\\B",
                            b'<' => "\\b{start}",
                            b'>' => "\\b{end}",
                            b'`' => "\\A",
                            _ => "\\z",
                        });
                        last = Last::Nothing;
                    }
                    n if n.is_ascii_alphanumeric() => return Err((PolicyErrorKind::UnsupportedEscape, i)),
                    n => {
                        literal(&mut out, n);
                        last = Last::Atom;
                    }
                }
                i += 2;
                continue;
            }
            b'[' => {
                i = posix_bracket(src, i, newline, &mut out)?;
                last = Last::Atom;
                continue;
            }
            b'(' => {
                depth += 1;
                out.push('(');
                last = Last::Nothing;
            }
            b')' => {
                if depth == 0 {
                    return Err((PolicyErrorKind::UnsupportedConstruct, i));
                }
                depth -= 1;
                out.push(')');
                last = Last::Atom;
            }
            b'|' => {
                out.push('|');
                last = Last::Nothing;
            }
            b'^' | b'$' => {
                out.push(char::from(b));
                last = Last::Nothing;
            }
            b'.' => {
                out.push('.');
                last = Last::Atom;
            }
            b'*' | b'+' | b'?' | b'{' => {
                match last {
                    Last::Nothing => return Err((PolicyErrorKind::PatternSyntax, i)),
                    Last::Quantifier => return Err((PolicyErrorKind::UnsupportedConstruct, i)),
                    Last::Atom => {}
                }
                if b == b'{' {
                    i = posix_interval(src, i, &mut out)?;
                    last = Last::Quantifier;
                    continue;
                }
                out.push(char::from(b));
                last = Last::Quantifier;
            }
            _ => {
                literal(&mut out, b);
                last = Last::Atom;
            }
        }
        i += 1;
    }
    if depth > 0 {
        return Err((PolicyErrorKind::PatternSyntax, src.len()));
    }
    Ok(out)
}

/// A POSIX interval `{n}`, `{n,}`, `{n,m}` or glibc's `{,m}` at `src[at]`; where it ends.
fn posix_interval(src: &[u8], at: usize, out: &mut String) -> Result<usize, Refusal> {
    let close = src[at..]
        .iter()
        .position(|&b| b == b'}')
        .ok_or((PolicyErrorKind::PatternSyntax, at))?;
    let inner = &src[at + 1..at + close];
    let number = |digits: &[u8]| -> Result<Option<u32>, Refusal> {
        if digits.is_empty() {
            return Ok(None);
        }
        if !digits.iter().all(u8::is_ascii_digit) || digits.len() > 5 {
            return Err((PolicyErrorKind::PatternSyntax, at));
        }
        let n = digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        if n > 0x7fff {
            return Err((PolicyErrorKind::PatternSyntax, at));
        }
        Ok(Some(n))
    };
    let (min, max) = match inner.iter().position(|&b| b == b',') {
        None => {
            let n = number(inner)?.ok_or((PolicyErrorKind::PatternSyntax, at))?;
            (n, Some(n))
        }
        Some(comma) => (number(&inner[..comma])?.unwrap_or(0), number(&inner[comma + 1..])?),
    };
    match max {
        Some(max) if max < min => return Err((PolicyErrorKind::PatternSyntax, at)),
        Some(max) if max == min && !inner.contains(&b',') => {
            let _ = write!(out, "{{{min}}}");
        }
        Some(max) => {
            let _ = write!(out, "{{{min},{max}}}");
        }
        None => {
            let _ = write!(out, "{{{min},}}");
        }
    }
    Ok(at + close + 1)
}

/// A POSIX bracket expression at `src[at]` (`[`): where it ends. A backslash is literal in it,
/// `]` first is literal, `-` first or last is literal.
fn posix_bracket(src: &[u8], at: usize, newline: bool, out: &mut String) -> Result<usize, Refusal> {
    let mut i = at + 1;
    out.push('[');
    let negated = src.get(i) == Some(&b'^');
    if negated {
        out.push('^');
        i += 1;
        if newline {
            out.push_str("\\x0A");
        }
    }
    let mut first = true;
    loop {
        let Some(&b) = src.get(i) else {
            return Err((PolicyErrorKind::PatternSyntax, at));
        };
        if b == b']' && !first {
            out.push(']');
            return Ok(i + 1);
        }
        first = false;
        if b == b'[' && matches!(src.get(i + 1), Some(b'.' | b'=')) {
            return Err((PolicyErrorKind::UnsupportedConstruct, i));
        }
        if b == b'[' && src.get(i + 1) == Some(&b':') {
            let end = src[i + 2..]
                .windows(2)
                .position(|w| w == b":]")
                .ok_or((PolicyErrorKind::PatternSyntax, i))?;
            let name = &src[i + 2..i + 2 + end];
            if !POSIX_CLASSES.iter().any(|c| c.as_bytes() == name) {
                return Err((PolicyErrorKind::PatternSyntax, i));
            }
            out.push_str("[:");
            out.push_str(core::str::from_utf8(name).unwrap_or(""));
            out.push_str(":]");
            i += end + 4;
            if src.get(i) == Some(&b'-') && src.get(i + 1).is_some_and(|&n| n != b']') {
                return Err((PolicyErrorKind::PatternSyntax, i));
            }
            continue;
        }
        // A single byte, perhaps the start of a range.
        if src.get(i + 1) == Some(&b'-') && src.get(i + 2).is_some_and(|&n| n != b']') {
            let end = src[i + 2];
            if end == b'[' && matches!(src.get(i + 3), Some(b'.' | b'=' | b':')) {
                return Err((PolicyErrorKind::UnsupportedConstruct, i + 2));
            }
            if end < b {
                return Err((PolicyErrorKind::PatternSyntax, i));
            }
            let _ = write!(out, "\\x{b:02X}-\\x{end:02X}");
            i += 3;
        } else {
            let _ = write!(out, "\\x{b:02X}");
            i += 1;
        }
    }
}

/// Translates a PCRE2 pattern (no UTF mode, PCRE2 10.42) into the `regex` crate's syntax.
fn translate_pcre(src: &[u8]) -> Result<String, Refusal> {
    let mut out = String::with_capacity(src.len() * 2);
    let mut i = 0;
    while i < src.len() {
        let b = src[i];
        match b {
            b'\\' => {
                i = pcre_escape(src, i, false, &mut out)?;
                continue;
            }
            b'[' => {
                i = pcre_class(src, i, &mut out)?;
                continue;
            }
            b'(' => {
                i = pcre_group(src, i, &mut out)?;
                continue;
            }
            b'*' | b'+' | b'?' | b'}' => {
                if b != b'}' && src.get(i + 1) == Some(&b'+') {
                    return Err((PolicyErrorKind::UnsupportedConstruct, i));
                }
                if b == b'}' {
                    literal(&mut out, b);
                } else {
                    out.push(char::from(b));
                }
            }
            b'{' => {
                let quantifier = pcre_quantifier_len(&src[i..]);
                if quantifier == 0 {
                    literal(&mut out, b);
                } else {
                    if src.get(i + quantifier) == Some(&b'+') {
                        return Err((PolicyErrorKind::UnsupportedConstruct, i));
                    }
                    out.push_str(core::str::from_utf8(&src[i..i + quantifier]).unwrap_or(""));
                    i += quantifier;
                    continue;
                }
            }
            b')' | b'|' | b'^' | b'$' | b'.' => out.push(char::from(b)),
            _ => literal(&mut out, b),
        }
        i += 1;
    }
    Ok(out)
}

/// The length of a PCRE2 10.42 quantifier `{n}`, `{n,}`, `{n,m}` at the start of `src`, or 0
/// when the `{` is a literal.
fn pcre_quantifier_len(src: &[u8]) -> usize {
    let digits = |from: usize| src[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let n = digits(1);
    if n == 0 {
        return 0;
    }
    let mut i = 1 + n;
    match src.get(i) {
        Some(b'}') => return i + 1,
        Some(b',') => i += 1,
        _ => return 0,
    }
    i += digits(i);
    if src.get(i) == Some(&b'}') {
        i + 1
    } else {
        0
    }
}

/// A PCRE group opening at `src[at]` (`(`): where its opening ends.
fn pcre_group(src: &[u8], at: usize, out: &mut String) -> Result<usize, Refusal> {
    match (src.get(at + 1), src.get(at + 2)) {
        (Some(b'*'), _) => Err((PolicyErrorKind::UnsupportedConstruct, at)),
        (Some(b'?'), Some(b':')) => {
            out.push_str("(?:");
            Ok(at + 3)
        }
        (Some(b'?'), Some(b'<' | b'\'' | b'P')) => {
            let name_at = at + if src[at + 2] == b'P' { 4 } else { 3 };
            let close = if src[at + 2] == b'\'' { b'\'' } else { b'>' };
            if src[at + 2] == b'P' && src.get(at + 3) != Some(&b'<') {
                return Err((PolicyErrorKind::UnsupportedConstruct, at));
            }
            let len = src[name_at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count();
            if len == 0 || src[name_at].is_ascii_digit() || src.get(name_at + len) != Some(&close) {
                // (?<= (?<! look-behind, or a malformed name
                return Err((PolicyErrorKind::UnsupportedConstruct, at));
            }
            out.push_str("(?P<");
            out.push_str(core::str::from_utf8(&src[name_at..name_at + len]).unwrap_or(""));
            out.push('>');
            Ok(name_at + len + 1)
        }
        (Some(b'?'), _) => {
            // Inline flags (?imsU-imsU) or (?imsU-imsU:
            let mut i = at + 2;
            while src
                .get(i)
                .is_some_and(|b| matches!(b, b'i' | b'm' | b's' | b'U' | b'-'))
            {
                i += 1;
            }
            match src.get(i) {
                Some(b')' | b':') if i > at + 2 => {
                    out.push_str(core::str::from_utf8(&src[at..=i]).unwrap_or(""));
                    Ok(i + 1)
                }
                _ => Err((PolicyErrorKind::UnsupportedConstruct, at)),
            }
        }
        _ => {
            out.push('(');
            Ok(at + 1)
        }
    }
}

/// A PCRE escape at `src[at]` (`\`), in a class or not: where it ends.
fn pcre_escape(src: &[u8], at: usize, in_class: bool, out: &mut String) -> Result<usize, Refusal> {
    let Some(&next) = src.get(at + 1) else {
        return Err((PolicyErrorKind::PatternSyntax, at));
    };
    let simple = |out: &mut String, text: &str| {
        out.push_str(text);
        Ok(at + 2)
    };
    match next {
        b'd' | b'D' | b'w' | b'W' | b's' | b'S' => simple(out, &format!("\\{}", char::from(next))),
        b'b' if in_class => simple(out, "\\x08"),
        b'b' | b'B' | b'A' | b'z' if !in_class => simple(out, &format!("\\{}", char::from(next))),
        b'n' => simple(out, "\\x0A"),
        b't' => simple(out, "\\x09"),
        b'r' => simple(out, "\\x0D"),
        b'f' => simple(out, "\\x0C"),
        b'e' => simple(out, "\\x1B"),
        b'a' => simple(out, "\\x07"),
        b'1'..=b'9' | b'g' | b'k' => Err((PolicyErrorKind::BackReference, at)),
        b'x' => {
            let (value, end) = if src.get(at + 2) == Some(&b'{') {
                let close = src[at + 3..]
                    .iter()
                    .position(|&b| b == b'}')
                    .ok_or((PolicyErrorKind::PatternSyntax, at))?;
                let digits = &src[at + 3..at + 3 + close];
                (hex(digits).ok_or((PolicyErrorKind::PatternSyntax, at))?, at + 4 + close)
            } else {
                let len = src[at + 2..]
                    .iter()
                    .take(2)
                    .take_while(|b| b.is_ascii_hexdigit())
                    .count();
                (hex(&src[at + 2..at + 2 + len]).unwrap_or(0), at + 2 + len)
            };
            let byte = u8::try_from(value).map_err(|_| (PolicyErrorKind::PatternSyntax, at))?;
            let _ = write!(out, "\\x{byte:02X}");
            Ok(end)
        }
        n if n.is_ascii_alphanumeric() => Err((PolicyErrorKind::UnsupportedEscape, at)),
        n => {
            literal(out, n);
            Ok(at + 2)
        }
    }
}

/// The value of hexadecimal digits (none: 0), if they fit.
fn hex(digits: &[u8]) -> Option<u32> {
    if digits.len() > 6 {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &d| {
        let v = char::from(d).to_digit(16)?;
        Some(n * 16 + v)
    })
}

/// A PCRE character class at `src[at]` (`[`): where it ends.
fn pcre_class(src: &[u8], at: usize, out: &mut String) -> Result<usize, Refusal> {
    let mut i = at + 1;
    out.push('[');
    if src.get(i) == Some(&b'^') {
        out.push('^');
        i += 1;
    }
    let mut first = true;
    loop {
        let Some(&b) = src.get(i) else {
            return Err((PolicyErrorKind::PatternSyntax, at));
        };
        if b == b']' && !first {
            out.push(']');
            return Ok(i + 1);
        }
        first = false;
        if b == b'[' && matches!(src.get(i + 1), Some(b'.' | b'=')) {
            return Err((PolicyErrorKind::UnsupportedConstruct, i));
        }
        if b == b'[' && src.get(i + 1) == Some(&b':') {
            let end = src[i + 2..]
                .windows(2)
                .position(|w| w == b":]")
                .ok_or((PolicyErrorKind::PatternSyntax, i))?;
            let mut name = &src[i + 2..i + 2 + end];
            let negated = name.first() == Some(&b'^');
            if negated {
                name = &name[1..];
            }
            let known = POSIX_CLASSES.iter().any(|c| c.as_bytes() == name) || name == b"word" || name == b"ascii";
            if !known {
                return Err((PolicyErrorKind::PatternSyntax, i));
            }
            out.push_str(if negated { "[:^" } else { "[:" });
            out.push_str(core::str::from_utf8(name).unwrap_or(""));
            out.push_str(":]");
            i += end + 4;
            continue;
        }
        let (start_text, next) = pcre_class_atom(src, i)?;
        let is_range = src.get(next) == Some(&b'-') && src.get(next + 1).is_some_and(|&n| n != b']');
        if is_range {
            let (end_text, after) = pcre_class_atom(src, next + 1)?;
            let (Some(lo), Some(hi)) = (start_text.single, end_text.single) else {
                return Err((PolicyErrorKind::PatternSyntax, i));
            };
            if hi < lo {
                return Err((PolicyErrorKind::PatternSyntax, i));
            }
            let _ = write!(out, "\\x{lo:02X}-\\x{hi:02X}");
            i = after;
        } else {
            out.push_str(&start_text.text);
            i = next;
        }
    }
}

/// One item of a PCRE class: its text in the `regex` syntax, and its byte when it is one.
#[derive(Debug)]
struct ClassAtom {
    text: String,
    single: Option<u8>,
}

/// Reads one class item at `src[at]`: a byte or an escape.
fn pcre_class_atom(src: &[u8], at: usize) -> Result<(ClassAtom, usize), Refusal> {
    let b = src[at];
    if b != b'\\' {
        let mut text = String::new();
        let _ = write!(text, "\\x{b:02X}");
        return Ok((ClassAtom { text, single: Some(b) }, at + 1));
    }
    let mut text = String::new();
    let end = pcre_escape(src, at, true, &mut text)?;
    // An escaped byte is written as \xHH; \d and the like are sets, no range end.
    let single = parse_hex_escape(&text);
    Ok((ClassAtom { text, single }, end))
}

/// The byte of a `\xHH` escape we wrote.
fn parse_hex_escape(text: &str) -> Option<u8> {
    let digits = text.strip_prefix("\\x")?;
    if digits.len() != 2 {
        return None;
    }
    u8::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str, pcre: bool) -> PatternTable {
        PatternTable::load(text, pcre).unwrap().0
    }

    fn get(table: &PatternTable, key: &str) -> Option<String> {
        table.lookup(key).map(|(v, _)| v.unwrap())
    }

    #[test]
    fn identity_rule() {
        let t = table("/^(.*)$/ ${1}\n", true);
        assert_eq!(get(&t, "alice@example.com").as_deref(), Some("alice@example.com"));
    }

    #[test]
    fn posix_defaults_are_case_insensitive_and_dot_matches_any_byte() {
        let t = table("/^ALICE@.*$/ alice\n", false);
        assert_eq!(get(&t, "alice@example.com").as_deref(), Some("alice"));
        let t = table("/^ALICE@/i alice\n", false);
        assert_eq!(get(&t, "alice@example.com"), None);
    }

    #[test]
    fn posix_bracket_backslash_is_literal() {
        let t = table("/^a[\\.]b$/ yes\n", false);
        assert_eq!(get(&t, "a\\b").as_deref(), Some("yes"));
        assert_eq!(get(&t, "a.b").as_deref(), Some("yes"));
        assert_eq!(get(&t, "axb"), None);
    }

    #[test]
    fn refusals() {
        let kind = |text: &str, pcre: bool| PatternTable::load(text, pcre).unwrap_err().kind();
        assert_eq!(kind("/^(a)\\1$/ x\n", false), PolicyErrorKind::BackReference);
        assert_eq!(kind("/\\d+/ x\n", false), PolicyErrorKind::UnsupportedEscape);
        assert_eq!(kind("/a/x x\n", false), PolicyErrorKind::PosixBasicSyntax);
        assert_eq!(kind("/^(a|ab)(c|bcd)$/ $1\n", false), PolicyErrorKind::LeftmostLongest);
        assert_eq!(kind("/^(a)+$/ $1\n", false), PolicyErrorKind::RepeatedCapture);
        assert_eq!(kind("/^(a)?b$/ $1\n", false), PolicyErrorKind::RepeatedCapture);
        assert_eq!(kind("/^(a*)+$/ $1\n", true), PolicyErrorKind::RepeatedCapture);
        assert!(PatternTable::load("/^(a)?b$/ $1\n", true).is_ok());
        assert_eq!(kind("/a(?=b)/ x\n", true), PolicyErrorKind::UnsupportedConstruct);
        assert_eq!(kind("/a++/ x\n", true), PolicyErrorKind::UnsupportedConstruct);
        assert_eq!(kind("/\\Qa\\E/ x\n", true), PolicyErrorKind::UnsupportedEscape);
        // Without substitution alternation is fine: only match or no match counts.
        assert!(PatternTable::load("/^(a|ab)(c|bcd)$/ x\n", false).is_ok());
        assert!(PatternTable::load("/^(a|ab)(c|bcd)$/ $1\n", true).is_ok());
    }

    #[test]
    fn skipped_rules_warn() {
        let (t, w) = PatternTable::load("/a/ $0\n/b/ $2\n/c/q x\nfoo bar\nendif\n/d\n", false).unwrap();
        assert_eq!(t.len(), 0);
        assert_eq!(w.len(), 6);
        assert!(w[1].message().contains("out of range replacement index \"2\""));
    }

    #[test]
    fn if_endif_and_negation() {
        let t = table("if !/@example\\.com$/\n/^(.*)$/ other:$1\nendif\n/./ mine\n", false);
        assert_eq!(get(&t, "a@example.org").as_deref(), Some("other:a@example.org"));
        assert_eq!(get(&t, "a@example.com").as_deref(), Some("mine"));
        let t = table("if /@x$/\n/^a@/ found\n", false);
        assert_eq!(get(&t, "b@y"), None);
        let t = table("/^a/!/^ab/ yes\n", false);
        assert_eq!(get(&t, "ac").as_deref(), Some("yes"));
        assert_eq!(get(&t, "ab"), None);
    }

    #[test]
    fn unmatched_groups_insert_nothing_and_dollar_dollar_is_dollar() {
        let t = table("/^(a)?b(c)?$/ [$1|$2|$$]\n", true);
        assert_eq!(get(&t, "bc").as_deref(), Some("[|c|$]"));
    }

    #[test]
    fn replacement_syntax() {
        assert_eq!(parse_result("a${1}b${2}.$(3)$$").unwrap().1, 3);
        assert!(parse_result("$1x").is_err());
        assert!(parse_result("${1").is_err());
        assert!(parse_result("$").is_err());
    }
}
