//! Whether to send an automatic reply (an out-of-office notice), to whom and with which header
//! fields: RFC 3834 and RFC 5230 (Sieve vacation), rule by rule as Pigeonhole decides
//! (`src/lib-sieve/plugins/vacation/cmd-vacation.c`, `act_vacation_commit`,
//! `_is_system_address`, `_contains_my_address`, `act_vacation_send`).
//!
//! The rules, in Pigeonhole's order; the first that fires names the decision:
//!
//! | rule | no reply when | source |
//! |---|---|---|
//! | `null-sender` | the envelope sender is `<>` | RFC 3834 §2, RFC 5230 §5.1 |
//! | `own-address` | the sender is one of the recipient's addresses (case-insensitive) | RFC 5230 §4.5 |
//! | `already-replied` | the caller answered this sender within the interval | RFC 3834 §2, RFC 5230 §4.2 |
//! | `list-header` | a `List-Id`, `List-Owner`, `List-Subscribe`, `List-Post`, `List-Unsubscribe`, `List-Help` or `List-Archive` field is present | RFC 3834 §2 (RFC 2369, RFC 2919) |
//! | `auto-submitted` | an `Auto-Submitted` field has a keyword other than `no` | RFC 3834 §2, §5 |
//! | `precedence` | `Precedence` is `junk`, `bulk` or `list` | RFC 3834 §2 (Pigeonhole) |
//! | `auto-response-suppress` | `X-Auto-Response-Suppress` lists `All` or `OOF` | Microsoft (Pigeonhole) |
//! | `system-sender` | the sender's local part is `MAILER-DAEMON`, `LISTSERV`, `majordomo`, contains `-request` or starts with `owner-` (case-insensitive) | RFC 5230 §4.6, RFC 3834 §2 |
//! | `not-addressed` | none of the recipient's addresses is in `To`, `Cc`, `Bcc`, `Resent-To`, `Resent-Cc`, `Resent-Bcc` | RFC 5230 §4.5, RFC 3834 §2 |
//!
//! Otherwise the reply goes to the envelope sender (never to `From:` or `Reply-To:`, RFC 3834
//! §4) with `MAIL FROM:<>` (RFC 3834 §3.3, RFC 5230 §5.1), and carries `Auto-Submitted:
//! auto-replied` (RFC 3834 §3.1.7), `Subject: Auto: <original>` (§3.1.5; `Automated reply`
//! when there was none, as Pigeonhole writes), and `In-Reply-To` / `References` (§3.1.6, RFC
//! 5322 §3.6.4).
//!
//! # Where Pigeonhole goes beyond RFC 3834, and where this module differs from it
//!
//! * Beyond RFC 3834: Pigeonhole also skips `Precedence: junk/bulk/list` (RFC 3834 only says a
//!   responder *may*), `X-Auto-Response-Suppress: All/OOF` (a Microsoft field), and the system
//!   senders (`MAILER-DAEMON`, `LISTSERV`, `majordomo`, `*-request*`, `owner-*`: RFC 5230 §4.6
//!   suggests them); and its reply adds `Precedence: bulk`, `X-Auto-Response-Suppress: All` and
//!   writes `Auto-Submitted: auto-replied (vacation)`. This module adds only the RFC 3834 fields.
//! * Pigeonhole matches `-request` and `owner-` case-sensitively, and anywhere for `-request`;
//!   this module matches both case-insensitively (so it skips `Owner-x` where Pigeonhole would
//!   reply).
//! * Pigeonhole compares the whole `Auto-Submitted` and `Precedence` values with `no`, `junk`…;
//!   this module reads RFC 3834 §5.1's syntax: comments and parameters are ignored, so
//!   `Auto-Submitted: no (human)` allows a reply where Pigeonhole would not send one.
//! * Pigeonhole reads at most 256 addresses of each field; this module reads all of them, with
//!   the crate's RFC 5322 parser (groups and obsolete syntax included, Lenient for fields that do
//!   not parse otherwise).
//! * Pigeonhole decodes the original subject (RFC 2047) and encodes it again; this module keeps
//!   it as written, which RFC 3834 §3.1.5 allows. Without `References`, Pigeonhole does not fall
//!   back to `In-Reply-To`; this module follows RFC 5322 §3.6.4 and does.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::policy::table::fold;
use crate::policy::{PolicyError, PolicyErrorKind};
use crate::{AddrSpec, AddressList, Domain, ParseOptions, ReversePath, Strictness};

/// The rule that stopped a reply.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::autoreply::Rule;
/// assert_eq!(Rule::ListHeader.as_str(), "list-header");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Rule {
    /// The envelope sender is `<>`.
    NullSender,
    /// The sender is one of the recipient's own addresses.
    OwnAddress,
    /// The sender was answered within the interval.
    AlreadyReplied,
    /// A mailing-list field is present.
    ListHeader,
    /// `Auto-Submitted` is not `no`.
    AutoSubmitted,
    /// `Precedence` is `junk`, `bulk` or `list`.
    Precedence,
    /// `X-Auto-Response-Suppress` lists `All` or `OOF`.
    AutoResponseSuppress,
    /// The sender is a system address.
    SystemSender,
    /// None of the recipient's addresses is among the message's recipients.
    NotAddressed,
}

impl Rule {
    /// The rule's name, in kebab case.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::NullSender => "null-sender",
            Rule::OwnAddress => "own-address",
            Rule::AlreadyReplied => "already-replied",
            Rule::ListHeader => "list-header",
            Rule::AutoSubmitted => "auto-submitted",
            Rule::Precedence => "precedence",
            Rule::AutoResponseSuppress => "auto-response-suppress",
            Rule::SystemSender => "system-sender",
            Rule::NotAddressed => "not-addressed",
        }
    }
}

/// The decision: reply (to whom, from which path, with which fields), or not and why.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::autoreply::{decide, parse_header_block, Rule};
/// use mail_envelope::{AddrSpec, ReversePath};
///
/// let headers = parse_header_block("From: Bob <bob@example.org>\r\nTo: alice@example.com\r\nList-Id: <dev.lists.example.org>\r\n\r\nbody")?;
/// let me = AddrSpec::parse("alice@example.com")?;
/// let decision = decide(&ReversePath::parse("<dev-bounces@lists.example.org>")?, &me, &[], &headers, false);
/// assert_eq!((decision.reply(), decision.rule()), (false, Some(Rule::ListHeader)));
/// assert_eq!(decision.detail(), Some("List-Id"));
/// # Ok::<(), mail_envelope::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Decision {
    reply: bool,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    to: Option<String>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    mail_from: Option<String>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    headers: Vec<(String, String)>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    rule: Option<Rule>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    detail: Option<String>,
}

impl Decision {
    /// Whether to send a reply.
    pub fn reply(&self) -> bool {
        self.reply
    }

    /// The reply's recipient: the envelope sender, as an RFC 5321 path.
    pub fn to(&self) -> Option<&str> {
        self.to.as_deref()
    }

    /// The reply's MAIL FROM path: `<>`.
    pub fn mail_from(&self) -> Option<&str> {
        self.mail_from.as_deref()
    }

    /// The header fields the reply adds, in order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The rule that stopped the reply.
    pub fn rule(&self) -> Option<Rule> {
        self.rule
    }

    /// What fired the rule (a field name, a value, an address), or for a reply which of the
    /// recipient's addresses the message named.
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }
}

/// The mailing-list fields (RFC 2369, RFC 2919), in Pigeonhole's order.
const LIST_HEADERS: [&str; 7] = [
    "List-Id",
    "List-Owner",
    "List-Subscribe",
    "List-Post",
    "List-Unsubscribe",
    "List-Help",
    "List-Archive",
];

/// The fields searched for the recipient's addresses.
const RECIPIENT_HEADERS: [&str; 6] = ["To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"];

/// Decides whether the message with envelope sender `sender`, delivered to `recipient` (who
/// also owns `addresses`, Sieve's `:addresses`), with header fields `headers`, gets an
/// automatic reply; `already_replied` says whether the caller answered this sender within its
/// interval (it keeps that record, RFC 5230 §4.2).
pub fn decide(
    sender: &ReversePath<'_>,
    recipient: &AddrSpec<'_>,
    addresses: &[AddrSpec<'_>],
    headers: &[(String, String)],
    already_replied: bool,
) -> Decision {
    let ReversePath::Path(from) = sender else {
        return no(Rule::NullSender, "<>".to_string());
    };
    let mine = || core::iter::once(recipient).chain(addresses);
    if let Some(own) = mine().find(|m| same_address(from, m)) {
        return no(Rule::OwnAddress, own.to_string());
    }
    if already_replied {
        return no(Rule::AlreadyReplied, sender.to_string());
    }
    let fields = |name: &'static str| {
        headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    if let Some(list) = LIST_HEADERS.iter().find(|name| fields(name).next().is_some()) {
        return no(Rule::ListHeader, (*list).to_string());
    }
    if let Some(value) = fields("Auto-Submitted").find(|v| !auto_submitted_keyword(v).eq_ignore_ascii_case("no")) {
        return no(Rule::AutoSubmitted, format!("Auto-Submitted: {value}"));
    }
    if let Some(value) = fields("Precedence").find(|v| {
        let word = strip_comments(v);
        ["junk", "bulk", "list"]
            .iter()
            .any(|p| word.trim().eq_ignore_ascii_case(p))
    }) {
        return no(Rule::Precedence, format!("Precedence: {value}"));
    }
    for value in fields("X-Auto-Response-Suppress") {
        if let Some(flag) = value
            .split(',')
            .map(|f| f.trim_matches([' ', '\t']))
            .find(|f| f.eq_ignore_ascii_case("All") || f.eq_ignore_ascii_case("OOF"))
        {
            return no(Rule::AutoResponseSuppress, format!("X-Auto-Response-Suppress: {flag}"));
        }
    }
    if let Some(why) = system_sender(from.local_part().value()) {
        return no(Rule::SystemSender, why);
    }
    let named = RECIPIENT_HEADERS.iter().find_map(|name| {
        fields(name).find_map(|value| {
            let list = parse_address_field(value)?;
            let found = list
                .mailboxes()
                .find_map(|m| mine().find(|me| same_address(m.addr_spec(), me)));
            found.map(|me| format!("{me} in {name}"))
        })
    });
    let Some(named) = named else {
        let all: Vec<String> = mine().map(ToString::to_string).collect();
        return no(
            Rule::NotAddressed,
            format!(
                "none of {} is in To, Cc, Bcc, Resent-To, Resent-Cc or Resent-Bcc",
                all.join(", ")
            ),
        );
    };
    Decision {
        reply: true,
        to: Some(sender.to_string()),
        mail_from: Some("<>".to_string()),
        headers: reply_headers(&fields),
        rule: None,
        detail: Some(named),
    }
}

/// A decision not to reply.
fn no(rule: Rule, detail: String) -> Decision {
    Decision {
        reply: false,
        to: None,
        mail_from: None,
        headers: Vec::new(),
        rule: Some(rule),
        detail: Some(detail),
    }
}

/// The fields of the reply: `Auto-Submitted`, `Subject`, `In-Reply-To`, `References`.
fn reply_headers<'h, I: Iterator<Item = &'h str>>(fields: &impl Fn(&'static str) -> I) -> Vec<(String, String)> {
    let first = |name: &'static str| fields(name).next().map(str::trim).filter(|v| !v.is_empty());
    let mut out = alloc::vec![("Auto-Submitted".to_string(), "auto-replied".to_string())];
    let subject = first("Subject").map_or_else(|| "Automated reply".to_string(), |s| format!("Auto: {s}"));
    out.push(("Subject".to_string(), subject));
    let message_id = first("Message-ID");
    if let Some(id) = message_id {
        out.push(("In-Reply-To".to_string(), id.to_string()));
    }
    // RFC 5322 §3.6.4: the parent's References (or else its In-Reply-To when that holds one
    // identifier), then its Message-ID.
    let parent = first("References").map(str::to_string).or_else(|| {
        first("In-Reply-To")
            .filter(|v| v.matches('<').count() == 1)
            .map(str::to_string)
    });
    let references = match (parent, message_id) {
        (Some(parent), Some(id)) => Some(format!("{parent} {id}")),
        (Some(parent), None) => Some(parent),
        (None, Some(id)) => Some(id.to_string()),
        (None, None) => None,
    };
    if let Some(references) = references {
        out.push(("References".to_string(), references));
    }
    out
}

/// The keyword of an `Auto-Submitted` value (RFC 3834 §5.1): comments and parameters dropped.
fn auto_submitted_keyword(value: &str) -> String {
    let text = strip_comments(value);
    text.split(';').next().unwrap_or("").trim().to_string()
}

/// The text without RFC 5322 comments (nested, with quoted-pairs), quoted strings kept.
fn strip_comments(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut depth = 0usize;
    let mut quoted = false;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if depth > 0 || quoted => {
                let next = chars.next();
                if depth == 0 {
                    out.push(c);
                    out.extend(next);
                }
            }
            '"' if depth == 0 => {
                quoted = !quoted;
                out.push(c);
            }
            '(' if !quoted => depth += 1,
            ')' if !quoted && depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// Why a local part is a system sender's, if it is.
fn system_sender(local: &str) -> Option<String> {
    let lower = local.to_ascii_lowercase();
    for name in ["mailer-daemon", "listserv", "majordomo"] {
        if lower == name {
            return Some(format!("the local part {local} is a system address"));
        }
    }
    if lower.contains("-request") {
        return Some(format!("the local part {local} contains -request"));
    }
    if lower.starts_with("owner-") {
        return Some(format!("the local part {local} starts with owner-"));
    }
    None
}

/// An address field read by the crate's parser: Standard, else Lenient.
fn parse_address_field(value: &str) -> Option<AddressList<'_>> {
    AddressList::parse(value)
        .or_else(|_| AddressList::parse_with(value, &ParseOptions::default().strictness(Strictness::Lenient)))
        .ok()
}

/// Whether two addresses are the same for vacation: local parts and domains compared
/// case-insensitively, domains by their A-labels where they have one.
fn same_address(a: &AddrSpec<'_>, b: &AddrSpec<'_>) -> bool {
    if fold(a.local_part().value()) != fold(b.local_part().value()) {
        return false;
    }
    let key = |d: &Domain<'_>| match d {
        Domain::Name(name) => name
            .to_ascii()
            .map_or_else(|_| fold(name.value()), |ascii| ascii.to_ascii_lowercase()),
        Domain::Literal(literal) => literal.as_str().to_ascii_lowercase(),
    };
    key(a.domain()) == key(b.domain())
}

/// Reads a message's header block (RFC 5322 §2.2): `name: value` fields, folded lines unfolded
/// (§2.2.3), up to the first empty line; the body, if any, is ignored. Lines may end in CRLF or
/// LF. Values are kept as written, without the white space around them.
///
/// # Errors
///
/// [`PolicyErrorKind::HeaderSyntax`] at the byte offset of a line that is neither a field nor a
/// continuation (a continuation before any field, a name with a character outside `!`..`~`, a
/// line without `:`).
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::autoreply::parse_header_block;
/// let fields = parse_header_block("To: a@example.com,\r\n b@example.com\r\nSubject: hi\r\n")?;
/// assert_eq!(fields[0], ("To".to_string(), "a@example.com, b@example.com".to_string()));
/// assert_eq!(fields.len(), 2);
/// assert_eq!(parse_header_block("To a@example.com\n").unwrap_err().offset(), Some(0));
/// # Ok::<(), mail_envelope::policy::PolicyError>(())
/// ```
pub fn parse_header_block(text: &str) -> Result<Vec<(String, String)>, PolicyError> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            let Some((_, value)) = fields.last_mut() else {
                return Err(PolicyError::at(PolicyErrorKind::HeaderSyntax, start));
            };
            value.push_str(line);
            continue;
        }
        let Some(colon) = line.find(':') else {
            return Err(PolicyError::at(PolicyErrorKind::HeaderSyntax, start));
        };
        // RFC 5322 §4.5 obs-optional: white space may stand before the colon.
        let name = line[..colon].trim_end_matches([' ', '\t']);
        if name.is_empty() || !name.bytes().all(|b| (b'!'..=b'~').contains(&b)) {
            return Err(PolicyError::at(PolicyErrorKind::HeaderSyntax, start));
        }
        fields.push((name.to_string(), line[colon + 1..].to_string()));
    }
    for (_, value) in &mut fields {
        *value = value.trim_matches([' ', '\t']).to_string();
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(sender: &str, headers: &str) -> Decision {
        let me = AddrSpec::parse("alice@example.com").unwrap();
        let also = [AddrSpec::parse("a.smith@example.net").unwrap()];
        let headers = parse_header_block(headers).unwrap();
        decide(&ReversePath::parse(sender).unwrap(), &me, &also, &headers, false)
    }

    #[test]
    fn rules() {
        let to = "To: Alice <ALICE@Example.COM>\n";
        assert_eq!(run("<>", to).rule(), Some(Rule::NullSender));
        assert_eq!(run("<Alice@example.com>", to).rule(), Some(Rule::OwnAddress));
        assert_eq!(run("<a.smith@EXAMPLE.net>", to).rule(), Some(Rule::OwnAddress));
        assert_eq!(
            run("<b@x>", &format!("{to}List-Help: <x>\n")).rule(),
            Some(Rule::ListHeader)
        );
        assert_eq!(
            run("<b@x>", &format!("{to}Auto-Submitted: auto-generated\n")).rule(),
            Some(Rule::AutoSubmitted)
        );
        assert!(run("<b@x>", &format!("{to}Auto-Submitted: No (a human)\n")).reply());
        assert_eq!(
            run("<b@x>", &format!("{to}Auto-Submitted:\n")).rule(),
            Some(Rule::AutoSubmitted)
        );
        assert_eq!(
            run("<b@x>", &format!("{to}Precedence: Bulk\n")).rule(),
            Some(Rule::Precedence)
        );
        assert!(run("<b@x>", &format!("{to}Precedence: first-class\n")).reply());
        assert_eq!(
            run("<b@x>", &format!("{to}X-Auto-Response-Suppress: DR, OOF\n")).rule(),
            Some(Rule::AutoResponseSuppress)
        );
        for sender in [
            "<MAILER-DAEMON@x>",
            "<listserv@x>",
            "<list-request@x>",
            "<Owner-list@x>",
            "<a-REQUEST-b@x>",
        ] {
            assert_eq!(run(sender, to).rule(), Some(Rule::SystemSender), "{sender}");
        }
        assert!(run("<ownerx@x>", to).reply());
        assert_eq!(run("<b@x>", "To: carol@example.com\n").rule(), Some(Rule::NotAddressed));
        assert!(run(
            "<b@x>",
            "To: undisclosed-recipients:;\nBcc: Team: a.smith@example.net;\n"
        )
        .reply());
        assert!(run("<b@x>", "Resent-Cc: <@relay.example:alice@example.com>\n").reply());
    }

    #[test]
    fn the_reply() {
        let d = run(
            "<bob@example.org>",
            "From: Bob <bob@example.org>\nReply-To: list@example.org\nTo: alice@example.com\nSubject: Lunch\n\t tomorrow?\nMessage-ID: <2@x>\nReferences: <1@x>\n",
        );
        assert_eq!(d.to(), Some("<bob@example.org>"));
        assert_eq!(d.mail_from(), Some("<>"));
        let h: Vec<(&str, &str)> = d.headers().iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        assert_eq!(
            h,
            [
                ("Auto-Submitted", "auto-replied"),
                ("Subject", "Auto: Lunch\t tomorrow?"),
                ("In-Reply-To", "<2@x>"),
                ("References", "<1@x> <2@x>"),
            ]
        );
        let d = run("<bob@example.org>", "To: alice@example.com\nIn-Reply-To: <0@x>\n");
        assert_eq!(d.headers()[1].1, "Automated reply");
        assert_eq!(d.headers()[2], ("References".to_string(), "<0@x>".to_string()));
    }

    #[test]
    fn header_block_errors() {
        assert_eq!(parse_header_block(" folded\n").unwrap_err().offset(), Some(0));
        assert_eq!(parse_header_block("A: b\nBad Name: x\n").unwrap_err().offset(), Some(5));
        assert_eq!(parse_header_block("A: b\n\nnot a header\n").unwrap().len(), 1);
        assert_eq!(parse_header_block("Subject : x\n").unwrap()[0].0, "Subject");
    }
}
