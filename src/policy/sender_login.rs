//! Postfix's `smtpd_sender_login_maps` and the `reject_*_sender_login_mismatch` restrictions, as
//! Postfix 3.7.11 decides them.
//!
//! # What Postfix does (and this module does)
//!
//! * **Which restriction checks what** (`src/smtpd/smtpd_check.c`, `generic_checks`,
//!   `reject_auth_sender_login_mismatch`, `reject_unauth_sender_login_mismatch`): the null
//!   sender is never checked. `reject_authenticated_sender_login_mismatch` acts when the client
//!   is logged in and rejects unless the login owns the sender, also when the sender has no owner
//!   at all; `reject_unauthenticated_sender_login_mismatch` acts when the client is not logged in
//!   and rejects a sender that has an owner; `reject_sender_login_mismatch` is both;
//!   `reject_known_sender_login_mismatch` is the unauthenticated check, or for a logged-in
//!   client the authenticated one that lets a sender without owner pass. (The restrictions act
//!   only with `smtpd_sasl_auth_enable = yes`; the caller says whether there is a login.)
//! * **The key** (`src/smtpd/smtpd_resolve.c`, `resolve_pagein`): the sender, rewritten and
//!   resolved, then case-folded. This module takes the sender in canonical form and folds it;
//!   it refuses the one rewrite it does not reproduce ([`PolicyErrorKind::SenderRewritten`]).
//! * **The search** (`src/global/mail_addr_find.c`, `mail_addr_find_opt` with
//!   `MA_FIND_DEFAULT` and the legacy query forms): `user+ext@domain`, then `user@domain` when a
//!   `recipient_delimiter` is set and the local part has an extension (split at the first
//!   delimiter character, never for `postmaster`, `MAILER-DAEMON`, `double-bounce`, nor with `-`
//!   among the delimiters for `owner-*` and `*-request`: `src/global/split_addr.c`,
//!   `split_addr_internal`), then — only when the domain is local — `user+ext` and `user`,
//!   then `@domain`. Each address key is asked in external (quoted) form first, then in
//!   internal form if that differs (`find_addr`). Every key after the first is a partial key,
//!   which pattern tables never see (`maps_find` with `DICT_FLAG_FIXED`).
//! * **The tables** (`src/global/maps.c`, `maps_find`): each key against every table in order,
//!   the first value wins; an empty value is a configuration error; a table that fails stops
//!   the search.
//! * **The owners**: the value split at commas and white space, each compared with the login
//!   case-insensitively (`strcasecmp_utf8`).
//! * **The replies** (`smtpd_check_reject`): `553 5.7.1 <SENDER>: Sender address rejected: not
//!   owned by user LOGIN`, `553 5.7.1 <SENDER>: Sender address rejected: not logged in`; a
//!   failed table gives `451 4.3.0 <SENDER>: Temporary lookup failure` (`reject_dict_retry`) or
//!   `451 4.3.5 Server configuration error` (`reject_server_error`). SENDER is the address in
//!   internal form (unquoted) as the client sent it; non-printable ASCII becomes a space.
//!
//! # Differences from Postfix
//!
//! * The sender must have a domain (Postfix would append `@$myorigin`), and a sender whose
//!   domain is local and whose local part holds `%`, `!` or `@` is refused, where Postfix would
//!   reroute it (`allow_percent_hack`, `swap_bangpath`, `resolve_dequoted_address`).
//! * The local domains are the caller's list (Postfix: `$myorigin`, `$mydestination`,
//!   `$inet_interfaces`, `$proxy_interfaces`), compared case-insensitively with one trailing dot
//!   ignored; write interface addresses as literals (`[192.0.2.1]`).
//! * A reply longer than 510 octets is cut at the last character boundary at or before octet 510;
//!   Postfix cuts at octet 510.
//! * The tables' own differences are listed in [`table`](crate::policy::table).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::policy::table::{fold, FailureKind, Lookup, Table};
use crate::policy::{PolicyError, PolicyErrorKind};
use crate::{Domain, ReversePath};

/// Which restriction is applied.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::sender_login::Mode;
/// assert_eq!(Mode::from_name("reject_sender_login_mismatch"), Some(Mode::RejectSenderLoginMismatch));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// `reject_authenticated_sender_login_mismatch`: a logged-in client must own the sender.
    RejectAuthenticatedSenderLoginMismatch,
    /// `reject_unauthenticated_sender_login_mismatch`: a sender with an owner needs a login.
    RejectUnauthenticatedSenderLoginMismatch,
    /// `reject_sender_login_mismatch`: both of the above.
    RejectSenderLoginMismatch,
    /// `reject_known_sender_login_mismatch`: like both, but a logged-in client may send as an
    /// address that has no owner.
    RejectKnownSenderLoginMismatch,
}

impl Mode {
    /// The restriction named `name`.
    pub fn from_name(name: &str) -> Option<Mode> {
        Some(match name {
            "reject_authenticated_sender_login_mismatch" => Mode::RejectAuthenticatedSenderLoginMismatch,
            "reject_unauthenticated_sender_login_mismatch" => Mode::RejectUnauthenticatedSenderLoginMismatch,
            "reject_sender_login_mismatch" => Mode::RejectSenderLoginMismatch,
            "reject_known_sender_login_mismatch" => Mode::RejectKnownSenderLoginMismatch,
            _ => return None,
        })
    }

    /// The restriction's name in `main.cf`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::policy::sender_login::Mode;
    /// assert_eq!(Mode::RejectKnownSenderLoginMismatch.name(), "reject_known_sender_login_mismatch");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Mode::RejectAuthenticatedSenderLoginMismatch => "reject_authenticated_sender_login_mismatch",
            Mode::RejectUnauthenticatedSenderLoginMismatch => "reject_unauthenticated_sender_login_mismatch",
            Mode::RejectSenderLoginMismatch => "reject_sender_login_mismatch",
            Mode::RejectKnownSenderLoginMismatch => "reject_known_sender_login_mismatch",
        }
    }
}

/// What the caller knows of its Postfix: `recipient_delimiter` and the local domains.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::sender_login::Options;
/// let options = Options::default().recipient_delimiter("+").local_domain("example.com");
/// assert_eq!(options.delimiter(), "+");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    delimiter: String,
    local_domains: Vec<String>,
}

impl Options {
    /// Sets `recipient_delimiter`: the characters that start an address extension (none by
    /// default, as in Postfix).
    #[must_use]
    pub fn recipient_delimiter(mut self, delimiter: &str) -> Self {
        self.delimiter = delimiter.to_string();
        self
    }

    /// Adds a local domain (`$myorigin`, `$mydestination`, an interface as `[192.0.2.1]`).
    #[must_use]
    pub fn local_domain(mut self, domain: &str) -> Self {
        self.local_domains.push(domain.to_string());
        self
    }

    /// The recipient delimiter characters.
    pub fn delimiter(&self) -> &str {
        &self.delimiter
    }

    /// Whether `domain` (folded) is local (`resolve_local`: one trailing dot ignored).
    fn is_local(&self, domain: &str) -> bool {
        let Some(domain) = strip_one_dot(domain) else {
            return false;
        };
        self.local_domains
            .iter()
            .filter_map(|d| strip_one_dot(d))
            .any(|d| fold(d) == domain)
    }
}

/// The domain without one trailing dot; none for an empty name or one ending in `..`.
fn strip_one_dot(domain: &str) -> Option<&str> {
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    (!domain.is_empty() && !domain.ends_with('.')).then_some(domain)
}

/// The answer.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::sender_login::Verdict;
/// assert_eq!(Verdict::Defer.as_str(), "defer");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Verdict {
    /// The restriction lets the sender pass.
    Accept,
    /// `553 5.7.1`.
    Reject,
    /// A table failed: `451`.
    Defer,
}

impl Verdict {
    /// `accept`, `reject` or `defer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accept => "accept",
            Verdict::Reject => "reject",
            Verdict::Defer => "defer",
        }
    }
}

/// Why the restriction decided as it did.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::sender_login::Reason;
/// assert_eq!(Reason::NotOwned.as_str(), "not_owned");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Reason {
    /// The null sender `<>` is never checked.
    NullSender,
    /// The restriction does not apply to this client (logged in, or not).
    NotApplicable,
    /// The login is among the sender's owners.
    Owner,
    /// The sender has no owner and the client is not logged in.
    NoOwner,
    /// The sender has no owner, which `reject_known_sender_login_mismatch` allows a login.
    UnknownSenderAllowed,
    /// The login is not among the owners (or the sender has none).
    NotOwned,
    /// The sender has an owner and the client is not logged in.
    NotLoggedIn,
    /// A table failed.
    LookupFailed,
}

impl Reason {
    /// The reason's name in snake case.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NullSender => "null_sender",
            Reason::NotApplicable => "not_applicable",
            Reason::Owner => "owner",
            Reason::NoOwner => "no_owner",
            Reason::UnknownSenderAllowed => "unknown_sender_allowed",
            Reason::NotOwned => "not_owned",
            Reason::NotLoggedIn => "not_logged_in",
            Reason::LookupFailed => "lookup_failed",
        }
    }
}

/// The table entry that answered: the table's name, the key asked, and the line.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::sender_login::{check, Mode, Options};
/// use mail_envelope::policy::table::Table;
/// use mail_envelope::ReversePath;
///
/// let maps = [Table::texthash("texthash:map", "@example.com alice\n")];
/// let sender = ReversePath::parse("<Bob+News@Example.com>")?;
/// let decision = check(&maps, &Options::default(), Mode::RejectSenderLoginMismatch, &sender, Some("alice"))?;
/// let matched = decision.matched().unwrap();
/// assert_eq!((matched.table(), matched.key(), matched.line()), ("texthash:map", "@example.com", 1));
/// # Ok::<(), mail_envelope::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Match {
    table: String,
    key: String,
    line: usize,
}

impl Match {
    /// The table (for a `unionmap`, the member that gave the first value).
    pub fn table(&self) -> &str {
        &self.table
    }

    /// The key as asked.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The line of the entry or rule.
    pub fn line(&self) -> usize {
        self.line
    }
}

/// The decision, why, and the reply a Postfix server would send.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::sender_login::{check, Mode, Options, Reason, Verdict};
/// use mail_envelope::policy::table::Table;
/// use mail_envelope::ReversePath;
///
/// let maps = [Table::texthash("texthash:map", "alice@example.com alice\n")];
/// let sender = ReversePath::parse("<alice@example.com>")?;
/// let decision = check(&maps, &Options::default(), Mode::RejectSenderLoginMismatch, &sender, None)?;
/// assert_eq!((decision.verdict(), decision.reason()), (Verdict::Reject, Reason::NotLoggedIn));
/// assert_eq!(decision.reply(), Some("553 5.7.1 <alice@example.com>: Sender address rejected: not logged in"));
/// assert_eq!(decision.owners(), ["alice"]);
/// # Ok::<(), mail_envelope::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Decision {
    #[cfg_attr(feature = "serde", serde(rename = "decision"))]
    verdict: Verdict,
    reason: Reason,
    reply: Option<String>,
    owners: Vec<String>,
    matched: Option<Match>,
    keys: Vec<String>,
    detail: String,
}

impl Decision {
    /// Accept, reject or defer.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// Why.
    pub fn reason(&self) -> Reason {
        self.reason
    }

    /// The reply Postfix sends (none when the sender is accepted).
    pub fn reply(&self) -> Option<&str> {
        self.reply.as_deref()
    }

    /// The sender's owners as the tables give them (empty when it has none or was not looked
    /// up).
    pub fn owners(&self) -> &[String] {
        &self.owners
    }

    /// The entry that gave the owners.
    pub fn matched(&self) -> Option<&Match> {
        self.matched.as_ref()
    }

    /// Every key asked, in order (partial keys marked ` (partial)`).
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The decision explained in a sentence.
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

/// Applies restriction `mode` to `sender` with the tables `maps` (a list searched as Postfix
/// searches `smtpd_sender_login_maps`), for a client logged in as `login` (none: not logged in).
///
/// # Errors
///
/// [`PolicyErrorKind::SenderRewritten`] for a sender Postfix would reroute first.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::sender_login::{check, Mode, Options, Verdict};
/// use mail_envelope::policy::table::Table;
/// use mail_envelope::ReversePath;
///
/// let maps = [Table::texthash("texthash:map", "alice@example.com alice\n")];
/// let options = Options::default().recipient_delimiter("+");
/// let sender = ReversePath::parse("<alice+lists@example.com>")?;
/// let decision = check(&maps, &options, Mode::RejectSenderLoginMismatch, &sender, Some("ALICE"))?;
/// assert_eq!(decision.verdict(), Verdict::Accept);
/// assert_eq!(decision.keys(), ["alice+lists@example.com", "alice@example.com (partial)"]);
/// # Ok::<(), mail_envelope::Error>(())
/// ```
pub fn check(
    maps: &[Table],
    options: &Options,
    mode: Mode,
    sender: &ReversePath<'_>,
    login: Option<&str>,
) -> Result<Decision, PolicyError> {
    let ReversePath::Path(addr) = sender else {
        return Ok(accept(
            Reason::NullSender,
            "the null sender <> is never checked".to_string(),
        ));
    };
    let domain = match addr.domain() {
        Domain::Name(name) => name.value(),
        Domain::Literal(literal) => literal.as_str(),
    };
    let local = addr.local_part().value();
    let sender_text = format!("{local}@{domain}");
    let (check_auth, allow_unknown) = match (mode, login) {
        (Mode::RejectAuthenticatedSenderLoginMismatch | Mode::RejectSenderLoginMismatch, Some(_)) => (true, false),
        (Mode::RejectKnownSenderLoginMismatch, Some(_)) => (true, true),
        (Mode::RejectAuthenticatedSenderLoginMismatch, None) => {
            let detail = format!("{} checks only clients that are logged in", mode.name());
            return Ok(accept(Reason::NotApplicable, detail));
        }
        (Mode::RejectUnauthenticatedSenderLoginMismatch, Some(_)) => {
            let detail = format!("{} checks only clients that are not logged in", mode.name());
            return Ok(accept(Reason::NotApplicable, detail));
        }
        (_, None) => (false, false),
    };
    if options.is_local(&fold(domain)) && local.contains(['%', '!', '@']) {
        return Err(PolicyError::new(PolicyErrorKind::SenderRewritten));
    }
    let mut search = Search { maps, keys: Vec::new() };
    let found = search.mail_addr_find(&fold(&sender_text), options);
    let keys = search.keys;
    let decision = match found {
        Err((failure, temporary)) => {
            let reply = if temporary {
                format!("451 4.3.0 <{sender_text}>: Temporary lookup failure")
            } else {
                "451 4.3.5 Server configuration error".to_string()
            };
            Decision {
                verdict: Verdict::Defer,
                reason: Reason::LookupFailed,
                reply: Some(reply),
                owners: Vec::new(),
                matched: None,
                keys,
                detail: failure,
            }
        }
        Ok(None) => unowned(&sender_text, mode, login.filter(|_| check_auth), allow_unknown, keys),
        Ok(Some((value, matched))) => owned(&sender_text, login, &value, matched, keys),
    };
    Ok(Decision {
        reply: decision.reply.map(|r| printable(&r)),
        ..decision
    })
}

/// The decision for a sender without owner: a login is rejected unless unknown senders are
/// allowed; without a login there is nothing to check.
fn unowned(sender: &str, mode: Mode, login: Option<&str>, allow_unknown: bool, keys: Vec<String>) -> Decision {
    let tried = keys.join(", ");
    let (verdict, reason, reply, detail) = match login {
        Some(login) if !allow_unknown => (
            Verdict::Reject,
            Reason::NotOwned,
            Some(format!("553 5.7.1 <{sender}>: Sender address rejected: not owned by user {login}")),
            format!(
                "no table gives an owner for <{sender}> (keys tried: {tried}), and {} rejects a login sending as an address without owner",
                mode.name()
            ),
        ),
        Some(_) => (
            Verdict::Accept,
            Reason::UnknownSenderAllowed,
            None,
            format!(
                "no table gives an owner for <{sender}> (keys tried: {tried}); {} lets a login send as it",
                mode.name()
            ),
        ),
        None => (
            Verdict::Accept,
            Reason::NoOwner,
            None,
            format!("no table gives an owner for <{sender}> (keys tried: {tried}), so it needs no login"),
        ),
    };
    Decision {
        verdict,
        reason,
        reply,
        owners: Vec::new(),
        matched: None,
        keys,
        detail,
    }
}

/// The decision for a sender with owners `value`: the login must be one of them.
fn owned(sender: &str, login: Option<&str>, value: &str, matched: Match, keys: Vec<String>) -> Decision {
    let owners: Vec<String> = value
        .split([',', ' ', '\t', '\r', '\n'])
        .filter(|s| !s.is_empty())
        .map(ToString::to_string)
        .collect();
    let entry = format!("{}, key {}, line {}", matched.table, matched.key, matched.line);
    let (verdict, reason, reply, detail) = match login {
        Some(login) if owners.iter().any(|o| fold(o) == fold(login)) => (
            Verdict::Accept,
            Reason::Owner,
            None,
            format!("{login} is among the owners of <{sender}> ({entry})"),
        ),
        Some(login) => (
            Verdict::Reject,
            Reason::NotOwned,
            Some(format!(
                "553 5.7.1 <{sender}>: Sender address rejected: not owned by user {login}"
            )),
            format!(
                "the owners of <{sender}> are {} ({entry}); {login} is not one of them",
                owners.join(", ")
            ),
        ),
        None => (
            Verdict::Reject,
            Reason::NotLoggedIn,
            Some(format!("553 5.7.1 <{sender}>: Sender address rejected: not logged in")),
            format!(
                "<{sender}> is owned by {} ({entry}) and the client is not logged in",
                owners.join(", ")
            ),
        ),
    };
    Decision {
        verdict,
        reason,
        reply,
        owners,
        matched: Some(matched),
        keys,
        detail,
    }
}

/// An accepting decision without lookup.
fn accept(reason: Reason, detail: String) -> Decision {
    Decision {
        verdict: Verdict::Accept,
        reason,
        reply: None,
        owners: Vec::new(),
        matched: None,
        keys: Vec::new(),
        detail,
    }
}

/// `smtpd_check_reject`'s last touches: at most 510 octets, non-printable ASCII as spaces.
fn printable(reply: &str) -> String {
    let mut end = reply.len().min(510);
    while !reply.is_char_boundary(end) {
        end -= 1;
    }
    reply[..end]
        .chars()
        .map(|c| {
            if c.is_ascii() && !(' '..='~').contains(&c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A search through the tables, remembering the keys asked.
struct Search<'m> {
    maps: &'m [Table],
    keys: Vec<String>,
}

/// A value and where it came from; or no value.
type Found = Option<(String, Match)>;

/// A failed search: why, and whether it is temporary (`DICT_ERR_RETRY`) or not
/// (`DICT_ERR_CONFIG`).
type Failed = (String, bool);

impl Search<'_> {
    /// `mail_addr_find_opt` with `MA_FIND_DEFAULT`, internal input, external-first queries.
    fn mail_addr_find(&mut self, key: &str, options: &Options) -> Result<Found, Failed> {
        if let Some(found) = self.find_addr(key, false, true)? {
            return Ok(Some(found));
        }
        let bare = strip_extension(key, options.delimiter());
        if let Some(bare) = &bare {
            if let Some(found) = self.find_addr(bare, true, true)? {
                return Ok(Some(found));
            }
        }
        let Some(at) = key.rfind('@') else {
            return Ok(None);
        };
        if options.is_local(&key[at + 1..]) {
            if let Some(found) = self.find_addr(&key[..at], true, false)? {
                return Ok(Some(found));
            }
            if let Some(bare) = &bare {
                let bare_at = bare.rfind('@').unwrap_or(bare.len());
                if let Some(found) = self.find_addr(&bare[..bare_at], true, false)? {
                    return Ok(Some(found));
                }
            }
        }
        self.maps_find(&key[at..], true)
    }

    /// `find_addr` with `MA_FORM_EXTERNAL_FIRST`: the external (quoted) form, then the internal
    /// form if it differs.
    fn find_addr(&mut self, address: &str, partial: bool, with_domain: bool) -> Result<Found, Failed> {
        let external = quote_822_local(address, with_domain);
        if let Some(found) = self.maps_find(&external, partial)? {
            return Ok(Some(found));
        }
        if external == address {
            return Ok(None);
        }
        self.maps_find(address, partial)
    }

    /// `maps_find`: each table in order (pattern tables skipped for partial keys).
    fn maps_find(&mut self, key: &str, partial: bool) -> Result<Found, Failed> {
        if key.is_empty() {
            return Ok(None);
        }
        self.keys.push(if partial {
            format!("{key} (partial)")
        } else {
            key.to_string()
        });
        for table in self.maps {
            if partial && !table.is_fixed() {
                continue;
            }
            match table.lookup(key) {
                Lookup::Found(hit) => {
                    if hit.value().is_empty() {
                        return Err((
                            format!("{} lookup of {key} returns an empty string result", table.name()),
                            false,
                        ));
                    }
                    let source = hit.sources().first();
                    let matched = Match {
                        table: source.map_or_else(|| table.name().to_string(), |s| s.table().to_string()),
                        key: key.to_string(),
                        line: source.map_or(0, crate::policy::table::Source::line),
                    };
                    return Ok(Some((hit.value().to_string(), matched)));
                }
                Lookup::NotFound => {}
                Lookup::Failed(failure) => {
                    let temporary = failure.kind() == FailureKind::Unavailable;
                    return Err((
                        format!(
                            "{} lookup error for \"{key}\": {} is unavailable: {}",
                            table.name(),
                            failure.table(),
                            failure.reason()
                        ),
                        temporary,
                    ));
                }
            }
        }
        Ok(None)
    }
}

/// `strip_addr_internal` / `split_addr_internal`: the address without its extension, when it
/// has one and may be split.
fn strip_extension(address: &str, delimiters: &str) -> Option<String> {
    if delimiters.is_empty() || !address.contains(|c| delimiters.contains(c)) {
        return None;
    }
    let (local, domain) = match address.rfind('@') {
        Some(at) => (&address[..at], &address[at..]),
        None => (address, ""),
    };
    let special = ["postmaster", "mailer-daemon", "double-bounce"];
    if special.iter().any(|s| local.eq_ignore_ascii_case(s)) {
        return None;
    }
    if delimiters.contains('-') {
        let lower = local.to_ascii_lowercase();
        if lower.starts_with("owner-") || (lower.len() > 8 && lower.ends_with("-request")) {
            return None;
        }
    }
    let split = local.find(|c| delimiters.contains(c))?;
    if split == 0 {
        return None;
    }
    Some(format!("{}{domain}", &local[..split]))
}

/// `quote_822_local_flags` with `QUOTE_FLAG_8BITCLEAN`: the local part (all of it, or up to
/// the last `@`) quoted when it is not a dot-string.
fn quote_822_local(address: &str, with_domain: bool) -> String {
    let (local, rest) = match address.rfind('@').filter(|_| with_domain) {
        Some(at) => (&address[..at], &address[at..]),
        None => (address, ""),
    };
    if is_dot_string(local) {
        return address.to_string();
    }
    let mut out = String::with_capacity(address.len() + 2);
    out.push('"');
    for c in local.chars() {
        if matches!(c, '"' | '\\' | '\r') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out.push_str(rest);
    out
}

/// `is_822_dot_string`: atoms separated by single dots (8-bit characters allowed).
fn is_dot_string(local: &str) -> bool {
    !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.bytes().any(|b| {
            b == b' '
                || b.is_ascii_control()
                || matches!(
                    b,
                    b'(' | b')' | b'<' | b'>' | b'@' | b',' | b';' | b':' | b'\\' | b'"' | b'[' | b']'
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_splitting() {
        assert_eq!(strip_extension("a+b@x", "+").as_deref(), Some("a@x"));
        assert_eq!(strip_extension("a+b+c@x", "+").as_deref(), Some("a@x"));
        assert_eq!(strip_extension("a-b+c@x", "+-").as_deref(), Some("a@x"));
        assert_eq!(strip_extension("+b@x", "+"), None);
        assert_eq!(strip_extension("a+@x", "+").as_deref(), Some("a@x"));
        assert_eq!(strip_extension("postmaster+x@x", "+").as_deref(), Some("postmaster@x"));
        assert_eq!(strip_extension("Postmaster@x", "+-"), None);
        assert_eq!(strip_extension("owner-list@x", "-"), None);
        assert_eq!(strip_extension("owner-list@x", "+"), None);
        assert_eq!(strip_extension("list-request@x", "-"), None);
        assert_eq!(strip_extension("a-request@x", "+"), None);
        assert_eq!(strip_extension("a-b@x", "+"), None);
    }

    #[test]
    fn external_form() {
        assert_eq!(quote_822_local("john doe@x", true), "\"john doe\"@x");
        assert_eq!(quote_822_local("a.b@x", true), "a.b@x");
        assert_eq!(quote_822_local("a..b@x", true), "\"a..b\"@x");
        assert_eq!(quote_822_local("a\"b", false), "\"a\\\"b\"");
    }

    #[test]
    fn replies_are_printable_and_cut() {
        assert_eq!(printable("553 a\u{1}b"), "553 a b");
        assert_eq!(printable(&"é".repeat(300)).len(), 510);
    }
}
