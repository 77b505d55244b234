//! Postfix lookup tables, loaded from their source text: fixed-string tables (`texthash:`, and
//! `hash:` as `postmap` builds it from the same text), alias tables (`aliases:`, the `postalias`
//! source format that Postfix reads as `hash:` once `postalias` has built it), pattern tables
//! (`regexp:`, `pcre:`, feature `regex`) and `unionmap:{…}`.
//!
//! Loaders are pure: they take the text the caller read from the file, and a name for the table
//! (`texthash:/etc/postfix/virtual`) that decisions quote. What Postfix would skip with a warning
//! is skipped and kept as a [`Warning`]; what this crate cannot reproduce is refused with a
//! [`PolicyError`] naming the line. A `texthash:` table with a duplicate key loads, as in
//! Postfix, as an *unavailable* table whose every lookup fails.
//!
//! # Reading the text (Postfix `src/util/readlline.c`, `readllines`)
//!
//! A logical line starts with a character that is not white space and goes on over the following
//! lines that start with white space; the line ends are dropped, the continuation's leading white
//! space kept. Blank lines, and lines whose first non-blank character is `#`, are ignored, also
//! between a line and its continuation. A logical line that starts with white space is skipped
//! with a warning.
//!
//! # Fixed-string tables (`src/postmap/postmap.c`, `postmap_body`; `src/util/dict_thash.c`)
//!
//! The key ends at the first white space outside double quotes (a backslash escapes the next
//! character); the value is the rest, trimmed. A line with an unbalanced `"`, no key or no value
//! is skipped with a warning. The key is kept in its quoted form and folded to lower case, all
//! of Unicode, as queries are: with `smtputf8_enable = yes` (Postfix's default since
//! `compatibility_level = 1`) `postmap` folds through `casefold()`, and so does `texthash:`,
//! whose in-memory table `dict_open3` wraps in `dict_utf8` (`src/util/dict_utf8.c`,
//! `dict_utf8_update`), so that `Élodie@example.com` in a table owns `élodie@example.com`.
//! Duplicates: `hash:` and `aliases:` keep the first (with a warning), `texthash:` makes the
//! table unavailable.
//!
//! # Differences from Postfix
//!
//! * Full case folding is Rust's `to_lowercase` where Postfix uses ICU's case folding: they
//!   differ for a few non-ASCII characters (`ß` stays `ß` here, ICU folds it to `ss`).
//! * `postalias` also stores the entry `@` → `@` (a Sendmail signature); it is left out, since
//!   no sender-login lookup asks for the key `@`.
//! * Input is text (`&str`): the caller decides what to do with a file that is not UTF-8, where
//!   Postfix skips the offending lines of fixed-string tables.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

pub use crate::policy::source::Warning;
use crate::policy::source::{is_space, logical_lines, trim_end_space};
use crate::policy::{PolicyError, PolicyErrorKind};

/// The types of table this crate reads.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::table::TableType;
/// assert_eq!(TableType::from_name("texthash"), Some(TableType::Texthash));
/// assert!(TableType::Pcre.is_pattern());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableType {
    /// `texthash:`: the `postmap` source format, read as it is (Postfix `dict_thash.c`).
    Texthash,
    /// `hash:`: the same source text, as `postmap` builds it into a Berkeley DB file.
    Hash,
    /// `aliases:`: the `postalias` source format (`name: value, value`), which Postfix reads as
    /// `hash:` once `postalias` has built it.
    Aliases,
    /// `regexp:`: POSIX extended regular expressions (Postfix `dict_regexp.c`).
    Regexp,
    /// `pcre:`: Perl-compatible regular expressions (Postfix `dict_pcre.c`).
    Pcre,
}

impl TableType {
    /// The type named `name` (`texthash`, `hash`, `aliases`, `regexp`, `pcre`).
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "texthash" => TableType::Texthash,
            "hash" => TableType::Hash,
            "aliases" => TableType::Aliases,
            "regexp" => TableType::Regexp,
            "pcre" => TableType::Pcre,
            _ => return None,
        })
    }

    /// The type's name, as it stands before the `:` of a table name.
    pub fn name(self) -> &'static str {
        match self {
            TableType::Texthash => "texthash",
            TableType::Hash => "hash",
            TableType::Aliases => "aliases",
            TableType::Regexp => "regexp",
            TableType::Pcre => "pcre",
        }
    }

    /// Whether the table matches patterns (and so is never asked partial keys).
    pub fn is_pattern(self) -> bool {
        matches!(self, TableType::Regexp | TableType::Pcre)
    }
}

/// One entry of a fixed-string table: its value and the line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    value: String,
    line: usize,
}

/// What a table holds.
#[derive(Debug, Clone)]
enum Body {
    /// Keys (folded) to values.
    Fixed(BTreeMap<String, Entry>),
    /// Rules tried in order.
    #[cfg(feature = "regex")]
    Pattern(crate::policy::pattern::PatternTable),
    /// Every member asked, the results joined with commas.
    Union(Vec<Table>),
    /// A table Postfix cannot open: every lookup fails, and why.
    Unavailable(String),
}

/// A Postfix lookup table.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::table::{Lookup, Table};
///
/// let table = Table::texthash("texthash:/etc/postfix/virtual", "# owners\nAlice@Example.com  alice, root\n");
/// let Lookup::Found(hit) = table.lookup("alice@example.com") else { panic!() };
/// assert_eq!(hit.value(), "alice, root");
/// assert_eq!(hit.sources()[0].line(), 2);
/// assert_eq!(table.lookup("bob@example.com"), Lookup::NotFound);
/// ```
#[derive(Debug, Clone)]
pub struct Table {
    name: String,
    fixed: bool,
    body: Body,
    warnings: Vec<Warning>,
}

/// Where a value came from: the table and the line.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::table::{Lookup, Table};
/// let table = Table::hash("hash:/etc/postfix/login", "bob@example.com bob\n");
/// let Lookup::Found(hit) = table.lookup("bob@example.com") else { panic!() };
/// assert_eq!((hit.sources()[0].table(), hit.sources()[0].line()), ("hash:/etc/postfix/login", 1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    table: String,
    line: usize,
}

impl Source {
    /// The table's name.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// The line (from 1) of the entry or rule that gave the value.
    pub fn line(&self) -> usize {
        self.line
    }
}

/// A value found, and the entries or rules it came from (several for a `unionmap`).
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::table::{Lookup, Table};
/// let union = Table::union("unionmap:{…}", vec![
///     Table::texthash("texthash:a", "x@example.com alice\n"),
///     Table::texthash("texthash:b", "x@example.com bob\n"),
/// ])?;
/// let Lookup::Found(hit) = union.lookup("x@example.com") else { panic!() };
/// assert_eq!(hit.value(), "alice,bob");
/// assert_eq!(hit.sources().len(), 2);
/// # Ok::<(), mail_envelope::policy::PolicyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hit {
    value: String,
    sources: Vec<Source>,
}

impl Hit {
    /// The value, as Postfix returns it.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The entries or rules that gave it.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }
}

/// The answer of one lookup.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::table::{Lookup, Table};
/// let broken = Table::texthash("texthash:map", "a@x one\nA@X two\n");
/// assert!(matches!(broken.lookup("a@x"), Lookup::Failed(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Lookup {
    /// The key has a value (possibly empty, which Postfix's `maps_find` treats as a
    /// configuration error).
    Found(Hit),
    /// The key has none.
    NotFound,
    /// The table cannot answer: which one, and why.
    Failed(Failure),
}

/// Why a table could not answer.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::table::{Lookup, Table};
/// let broken = Table::texthash("texthash:map", "a@x one\nA@X two\n");
/// let Lookup::Failed(failure) = broken.lookup("a@x") else { panic!() };
/// assert_eq!(failure.table(), "texthash:map");
/// assert_eq!(failure.reason(), "line 2: duplicate entry: \"A@X\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Failure {
    table: String,
    kind: FailureKind,
    reason: String,
}

/// The two ways a Postfix table lookup fails, which Postfix answers differently.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::table::{FailureKind, Lookup, Table};
/// let broken = Table::texthash("texthash:map", "a@x one\nA@X two\n");
/// let Lookup::Failed(failure) = broken.lookup("a@x") else { panic!() };
/// assert_eq!(failure.kind(), FailureKind::Unavailable);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureKind {
    /// The table could not be opened (`DICT_ERR_RETRY`): Postfix answers `451 4.3.0 … Temporary
    /// lookup failure`.
    Unavailable,
    /// The table answered something Postfix cannot use, such as text that is not UTF-8
    /// (`DICT_ERR_CONFIG`): Postfix answers `451 4.3.5 Server configuration error`.
    Configuration,
}

impl Failure {
    /// A failure of `table`.
    pub(crate) fn new(table: &str, kind: FailureKind, reason: String) -> Self {
        Failure {
            table: table.to_string(),
            kind,
            reason,
        }
    }

    /// Which kind of failure.
    pub fn kind(&self) -> FailureKind {
        self.kind
    }

    /// The table that failed.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// Why, as Postfix logs it.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl Table {
    /// A `texthash:` table from its source text. A duplicate key makes the table unavailable, as
    /// in Postfix (`dict_thash_open` returns a surrogate table whose lookups fail).
    pub fn texthash(name: &str, text: &str) -> Table {
        load_fixed(name, text, TableType::Texthash)
    }

    /// A `hash:` table from the source text `postmap` reads. Of duplicate keys the first wins,
    /// with a warning, as `postmap` builds it.
    pub fn hash(name: &str, text: &str) -> Table {
        load_fixed(name, text, TableType::Hash)
    }

    /// An alias table from the `postalias` source text (`name: value, value`), as Postfix reads
    /// it once `postalias` has built it (Postfix `src/postalias/postalias.c`,
    /// `postalias_body`): the line is split into RFC 822 tokens; the name must be local (no
    /// `@`, no `%`) and is stored in internal (unquoted) form, the value in external (quoted)
    /// form. Of duplicate names the first wins.
    pub fn aliases(name: &str, text: &str) -> Table {
        load_fixed(name, text, TableType::Aliases)
    }

    /// A `regexp:` table (POSIX extended regular expressions, Postfix `dict_regexp.c`), through
    /// the `regex` crate.
    ///
    /// # Errors
    ///
    /// A rule the `regex` crate cannot reproduce exactly (see the
    /// [crate's README](crate#) section on sender-login maps for the list).
    #[cfg(feature = "regex")]
    pub fn regexp(name: &str, text: &str) -> Result<Table, PolicyError> {
        Self::pattern(name, text, TableType::Regexp)
    }

    /// A `pcre:` table (Postfix `dict_pcre.c`), through the `regex` crate.
    ///
    /// # Errors
    ///
    /// A rule the `regex` crate cannot reproduce exactly.
    #[cfg(feature = "regex")]
    pub fn pcre(name: &str, text: &str) -> Result<Table, PolicyError> {
        Self::pattern(name, text, TableType::Pcre)
    }

    #[cfg(feature = "regex")]
    fn pattern(name: &str, text: &str, ty: TableType) -> Result<Table, PolicyError> {
        let (table, warnings) = crate::policy::pattern::PatternTable::load(text, ty == TableType::Pcre)?;
        Ok(Table {
            name: name.to_string(),
            fixed: false,
            body: Body::Pattern(table),
            warnings,
        })
    }

    /// A table of type `ty` from its source text.
    ///
    /// # Errors
    ///
    /// A pattern table the `regex` crate cannot reproduce, or any pattern table without the
    /// `regex` feature.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::policy::table::{Table, TableType};
    /// let table = Table::load(TableType::Aliases, "aliases:/etc/aliases", "postmaster: root\n")?;
    /// assert!(table.is_fixed());
    /// # Ok::<(), mail_envelope::policy::PolicyError>(())
    /// ```
    pub fn load(ty: TableType, name: &str, text: &str) -> Result<Table, PolicyError> {
        match ty {
            TableType::Texthash => Ok(Table::texthash(name, text)),
            TableType::Hash => Ok(Table::hash(name, text)),
            TableType::Aliases => Ok(Table::aliases(name, text)),
            #[cfg(feature = "regex")]
            TableType::Regexp | TableType::Pcre => Self::pattern(name, text, ty),
            #[cfg(not(feature = "regex"))]
            TableType::Regexp | TableType::Pcre => Err(PolicyError::new(PolicyErrorKind::RegexFeatureDisabled)),
        }
    }

    /// A `unionmap:{…}` of `members` (Postfix `dict_union.c`): every member is asked, the
    /// values found are joined with commas, and the union is a fixed-string or a pattern table
    /// as its first member is.
    ///
    /// # Errors
    ///
    /// [`PolicyErrorKind::UnionSyntax`] for no member, or unions nested more than 16 deep.
    pub fn union(name: &str, members: Vec<Table>) -> Result<Table, PolicyError> {
        let first = members.first().ok_or(PolicyError::new(PolicyErrorKind::UnionSyntax))?;
        if members.iter().any(|m| m.depth() >= 16) {
            return Err(PolicyError::new(PolicyErrorKind::UnionSyntax));
        }
        Ok(Table {
            name: name.to_string(),
            fixed: first.fixed,
            body: Body::Union(members),
            warnings: Vec::new(),
        })
    }

    /// How deeply unions nest in this table.
    fn depth(&self) -> usize {
        match &self.body {
            Body::Union(members) => 1 + members.iter().map(Table::depth).max().unwrap_or(0),
            _ => 0,
        }
    }

    /// The table's name, as given to the loader.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the table is a fixed-string table, which Postfix asks partial keys too (a pattern
    /// table, and an unavailable one, only see full addresses).
    pub fn is_fixed(&self) -> bool {
        self.fixed
    }

    /// What Postfix would warn about while opening the table: lines it skips.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Whether the table is unavailable (every lookup fails), and why.
    pub fn unavailable(&self) -> Option<&str> {
        match &self.body {
            Body::Unavailable(reason) => Some(reason),
            _ => None,
        }
    }

    /// The number of entries or rules.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::policy::table::Table;
    /// assert_eq!(Table::texthash("t", "a 1\nb 2\n").len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        match &self.body {
            Body::Fixed(map) => map.len(),
            #[cfg(feature = "regex")]
            Body::Pattern(table) => table.len(),
            Body::Union(members) => members.iter().map(Table::len).sum(),
            Body::Unavailable(_) => 0,
        }
    }

    /// Whether the table has no entry or rule.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Looks `key` up as Postfix's `dict_get` does: a fixed-string table folds the key to lower
    /// case first; a pattern table matches it as it is.
    pub fn lookup(&self, key: &str) -> Lookup {
        match &self.body {
            Body::Fixed(map) => match map.get(fold(key).as_str()) {
                Some(entry) => Lookup::Found(Hit {
                    value: entry.value.clone(),
                    sources: alloc::vec![Source {
                        table: self.name.clone(),
                        line: entry.line,
                    }],
                }),
                None => Lookup::NotFound,
            },
            #[cfg(feature = "regex")]
            Body::Pattern(table) => match table.lookup(key) {
                Some((Ok(value), line)) => Lookup::Found(Hit {
                    value,
                    sources: alloc::vec![Source {
                        table: self.name.clone(),
                        line,
                    }],
                }),
                Some((Err(()), line)) => Lookup::Failed(Failure::new(
                    &self.name,
                    FailureKind::Configuration,
                    format!("line {line}: the result is not UTF-8"),
                )),
                None => Lookup::NotFound,
            },
            Body::Union(members) => union_lookup(members, key),
            Body::Unavailable(reason) => {
                Lookup::Failed(Failure::new(&self.name, FailureKind::Unavailable, reason.clone()))
            }
        }
    }
}

/// `dict_union_lookup`: each member's value appended, a comma before each but the first
/// non-empty text; an empty total is no value; a member's failure is the union's.
fn union_lookup(members: &[Table], key: &str) -> Lookup {
    let mut value = String::new();
    let mut sources = Vec::new();
    for member in members {
        match member.lookup(key) {
            Lookup::Found(hit) => {
                if !value.is_empty() {
                    value.push(',');
                }
                value.push_str(&hit.value);
                sources.extend(hit.sources);
            }
            Lookup::NotFound => {}
            failed @ Lookup::Failed(_) => return failed,
        }
    }
    if value.is_empty() {
        Lookup::NotFound
    } else {
        Lookup::Found(Hit { value, sources })
    }
}

/// Folds text to lower case as Postfix's `casefold()` does for queries: ASCII by table, the
/// rest by Unicode lower-case mapping.
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }
}

// ----- fixed-string tables -----

/// Loads a `texthash:`, `hash:` or `aliases:` table.
fn load_fixed(name: &str, text: &str, ty: TableType) -> Table {
    let (lines, mut warnings) = logical_lines(text);
    let mut map: BTreeMap<String, Entry> = BTreeMap::new();
    let mut unavailable = None;
    for line in lines {
        let parsed = if ty == TableType::Aliases {
            alias_entry(&line.text)
        } else {
            postmap_entry(&line.text)
        };
        let (key, value) = match parsed {
            Ok(pair) => pair,
            Err(message) => {
                warnings.push(Warning::new(line.line, message));
                continue;
            }
        };
        if ty != TableType::Aliases && key.ends_with(':') {
            warnings.push(Warning::new(
                line.line,
                "record is in \"key: value\" format; is this an alias file?",
            ));
        }
        let folded = fold(&key);
        if map.contains_key(&folded) {
            // dict_thash_open names the key as written, postmap's dict_db_update the folded key.
            if ty == TableType::Texthash {
                unavailable.get_or_insert_with(|| format!("line {}: duplicate entry: \"{key}\"", line.line));
            } else {
                warnings.push(Warning::new(line.line, format!("duplicate entry: \"{folded}\"")));
            }
            continue;
        }
        map.insert(folded, Entry { value, line: line.line });
    }
    let body = match unavailable {
        Some(reason) => Body::Unavailable(reason),
        None => Body::Fixed(map),
    };
    Table {
        name: name.to_string(),
        // dict_surrogate() marks an unavailable table as a pattern table.
        fixed: matches!(body, Body::Fixed(_)),
        body,
        warnings,
    }
}

/// Splits a `postmap` source line into key and value (Postfix `postmap.c`, `postmap_body`).
fn postmap_entry(line: &str) -> Result<(String, String), String> {
    let bytes = line.as_bytes();
    let mut in_quotes = false;
    let mut end = bytes.len();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                if i + 1 >= bytes.len() {
                    break;
                }
                i += 1;
            }
            b'"' => in_quotes = !in_quotes,
            b if is_space(b) && !in_quotes => {
                end = i;
                break;
            }
            _ => {}
        }
        i += 1;
    }
    if in_quotes {
        return Err(format!("unbalanced '\"' in '{line}' -- ignoring this line"));
    }
    let key = &line[..end];
    let rest = line.get(end + 1..).unwrap_or("");
    let value = trim_end_space(rest.trim_start_matches(|c: char| c.is_ascii() && is_space(c as u8)));
    if key.is_empty() || value.is_empty() {
        return Err("expected format: key whitespace value -- ignoring this line".to_string());
    }
    Ok((key.to_string(), value.to_string()))
}

// ----- alias tables: RFC 822 tokens (Postfix src/global/tok822_parse.c) -----

/// A token of `tok822_scan`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Atom(String),
    QuotedString(String),
    Comment(String),
    DomainLiteral(String),
    Operator(u8),
}

impl Token {
    fn is_operator(&self, op: u8) -> bool {
        *self == Token::Operator(op)
    }
}

/// `tok822_opchar`: the characters that are tokens of their own.
const OPERATORS: &[u8] = b"|%!()<>@,;:\\\".[]";

/// `IS_SPACE_TAB_CR_LF`.
fn is_space_tab_cr_lf(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// `tok822_scan`: the line as RFC 822 tokens.
fn scan(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if is_space_tab_cr_lf(b) {
            continue;
        }
        let token = match b {
            b'(' => {
                let (comment, next) = scan_comment(bytes, i);
                i = next;
                Token::Comment(comment)
            }
            b'[' | b'"' => {
                let close = if b == b'[' { b']' } else { b'"' };
                let (content, next) = collect(bytes, i, |c| c != close);
                i = if next < bytes.len() { next + 1 } else { next };
                if b == b'[' {
                    Token::DomainLiteral(content)
                } else {
                    Token::QuotedString(content)
                }
            }
            b if b != b'\\' && OPERATORS.contains(&b) => Token::Operator(b),
            _ => {
                let (content, next) = collect(bytes, i - 1, |c| !is_space_tab_cr_lf(c) && !OPERATORS.contains(&c));
                i = next;
                // tok822_quote_atom: an atom that needs quotes is a quoted-string.
                if content
                    .bytes()
                    .any(|c| c == b' ' || c.is_ascii_control() || OPERATORS.contains(&c))
                {
                    Token::QuotedString(content)
                } else {
                    Token::Atom(content)
                }
            }
        };
        tokens.push(token);
    }
    tokens
}

/// `COLLECT`: bytes from `start` while `keep` holds, a backslash taking the next byte as it is,
/// white space turned into spaces; the text and where it stopped.
fn collect(bytes: &[u8], start: usize, keep: impl Fn(u8) -> bool) -> (String, usize) {
    let mut out = Vec::new();
    let mut i = start;
    while i < bytes.len() {
        let mut c = bytes[i];
        if c == b'\\' {
            i += 1;
            match bytes.get(i) {
                Some(&next) => c = next,
                None => break,
            }
        } else if !keep(c) {
            break;
        }
        out.push(if is_space_tab_cr_lf(c) { b' ' } else { c });
        i += 1;
    }
    (String::from_utf8_lossy(&out).into_owned(), i)
}

/// `tok822_comment`: a comment in its external form (with its parentheses), nested comments
/// included; the text and where it stopped.
fn scan_comment(bytes: &[u8], start: usize) -> (String, usize) {
    let mut out = alloc::vec![b'('];
    let mut level = 1usize;
    let mut i = start;
    while i < bytes.len() {
        let c = bytes[i];
        out.push(c);
        i += 1;
        match c {
            b'(' => level += 1,
            b')' => {
                level -= 1;
                if level == 0 {
                    break;
                }
            }
            b'\\' => {
                if let Some(&next) = bytes.get(i) {
                    out.push(next);
                    i += 1;
                } else {
                    break;
                }
            }
            _ => {}
        }
    }
    (String::from_utf8_lossy(&out).into_owned(), i)
}

/// `tok822_append_space`: whether a space follows `token` when the tokens are written out.
fn space_after(token: &Token, next: Option<&Token>) -> bool {
    let Some(next) = next else { return false };
    if token.is_operator(b',') || next.is_operator(b'<') {
        return true;
    }
    !matches!(token, Token::Operator(_)) && !matches!(next, Token::Operator(_))
}

/// `tok822_internalize`: the tokens in internal (unquoted) form.
fn internalize(tokens: &[Token]) -> String {
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Atom(t) | Token::QuotedString(t) | Token::Comment(t) => out.push_str(t),
            Token::DomainLiteral(t) => {
                out.push('[');
                out.push_str(t);
                out.push(']');
            }
            Token::Operator(op) => out.push(char::from(*op)),
        }
        if space_after(token, tokens.get(i + 1)) {
            out.push(' ');
        }
    }
    out
}

/// `tok822_externalize`: the tokens in external (quoted) form.
fn externalize(tokens: &[Token]) -> String {
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Operator(b',') => {
                out.push_str(", ");
                continue;
            }
            Token::Atom(t) | Token::Comment(t) => out.push_str(t),
            Token::QuotedString(t) => {
                out.push('"');
                copy_quoted(&mut out, t, "\"\\\r\n");
                out.push('"');
            }
            Token::DomainLiteral(t) => {
                out.push('[');
                copy_quoted(&mut out, t, "\\\r\n");
                out.push(']');
            }
            Token::Operator(op) => out.push(char::from(*op)),
        }
        if space_after(token, tokens.get(i + 1)) {
            out.push(' ');
        }
    }
    out
}

/// `tok822_copy_quoted`: `text` with a backslash before each character of `quote`.
fn copy_quoted(out: &mut String, text: &str, quote: &str) {
    for c in text.chars() {
        if quote.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Splits a `postalias` source line into name (internal form) and value (external form).
fn alias_entry(line: &str) -> Result<(String, String), String> {
    let tokens = scan(line);
    let colon = tokens.iter().position(|t| t.is_operator(b':'));
    let Some(colon) = colon.filter(|&c| c > 0 && c + 1 < tokens.len()) else {
        return Err("need name:value pair".to_string());
    };
    let name = &tokens[..colon];
    if name.iter().any(|t| t.is_operator(b',')) {
        return Err("need name:value pair".to_string());
    }
    if name.iter().any(|t| t.is_operator(b'@') || t.is_operator(b'%')) {
        return Err("name must be local".to_string());
    }
    Ok((internalize(name), externalize(&tokens[colon + 1..])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(table: &Table, key: &str) -> Option<String> {
        match table.lookup(key) {
            Lookup::Found(hit) => Some(hit.value),
            _ => None,
        }
    }

    #[test]
    fn continuation_lines_join_without_the_line_end() {
        let table = Table::texthash("t", "a@x alice,\n  bob\n# note\n\tcarol\nb@x   dave  \n");
        assert_eq!(value(&table, "A@X").as_deref(), Some("alice,  bob\tcarol"));
        assert_eq!(value(&table, "b@x").as_deref(), Some("dave"));
    }

    #[test]
    fn leading_white_space_skips_the_logical_line() {
        let table = Table::texthash("t", "  a@x alice\nb@x bob\n");
        assert_eq!(value(&table, "a@x"), None);
        assert_eq!(table.warnings().len(), 1);
        assert!(table.warnings()[0].message().starts_with("logical line must not start"));
    }

    #[test]
    fn quoted_keys_stay_quoted() {
        let table = Table::hash("t", "\"john doe\"@x john\nsplit\\ key v\n");
        assert_eq!(value(&table, "\"john doe\"@x").as_deref(), Some("john"));
        assert_eq!(value(&table, "split\\ key").as_deref(), Some("v"));
        assert!(Table::hash("t", "\"open@x v\n").warnings()[0]
            .message()
            .starts_with("unbalanced"));
    }

    #[test]
    fn fixed_tables_fold_unicode_keys() {
        let text = "JÖRG@x jorg\n";
        assert_eq!(value(&Table::texthash("t", text), "jörg@x").as_deref(), Some("jorg"));
        assert_eq!(value(&Table::hash("t", text), "JöRG@x").as_deref(), Some("jorg"));
        assert_eq!(
            value(&Table::aliases("t", "JÖRG: jorg\n"), "jörg").as_deref(),
            Some("jorg")
        );
        // Keys that differ only in the case of a non-ASCII letter are duplicates.
        assert!(Table::texthash("t", "jörg@x a\nJÖRG@x b\n").unavailable().is_some());
    }

    #[test]
    fn duplicates() {
        let text = "a@x one\nA@x two\n";
        assert_eq!(value(&Table::hash("t", text), "a@x").as_deref(), Some("one"));
        assert!(Table::texthash("t", text).unavailable().is_some());
        assert!(!Table::texthash("t", text).is_fixed());
    }

    #[test]
    fn aliases_are_tokenized() {
        let table = Table::aliases(
            "a",
            "postmaster: root\n\"john doe\": john,jane (J)\nbad@x: y\nnocolon y\nadmin: |/bin/x, \"a b\"\n",
        );
        assert_eq!(value(&table, "postmaster").as_deref(), Some("root"));
        assert_eq!(value(&table, "john doe").as_deref(), Some("john, jane (J)"));
        assert_eq!(value(&table, "admin").as_deref(), Some("|/bin/x, \"a b\""));
        assert_eq!(value(&table, "bad@x"), None);
        let messages: Vec<_> = table.warnings().iter().map(Warning::message).collect();
        assert_eq!(messages, ["name must be local", "need name:value pair"]);
    }

    #[test]
    fn union_joins_with_commas_and_takes_the_first_members_kind() {
        let a = Table::texthash("a", "k v1\n");
        let b = Table::texthash("b", "k v2\nj w\n");
        let union = Table::union("u", alloc::vec![a, b]).unwrap();
        assert_eq!(value(&union, "k").as_deref(), Some("v1,v2"));
        assert_eq!(value(&union, "j").as_deref(), Some("w"));
        assert!(union.is_fixed());
        assert!(Table::union("u", Vec::new()).is_err());
    }

    #[test]
    fn logical_line_offsets_map_back() {
        let (lines, _) = logical_lines("# c\nab\n  cd\n");
        assert_eq!(lines[0].line, 2);
        assert_eq!(lines[0].offset(0), 4);
        assert_eq!(lines[0].offset(3), 8);
    }
}
