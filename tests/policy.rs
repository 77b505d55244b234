//! The policy layer, table-driven: the sender-login cases of `tests/policy/sender_login_cases.txt`
//! (the same file a real Postfix replays), the verified-identity and alignment scenarios (the
//! Zulip + `SendGrid` incident), the out-of-office scenarios, and adversarial inputs with exact
//! results.

use std::fmt::Write;

use mail_envelope::policy::autoreply::{self, parse_header_block, Rule};
use mail_envelope::policy::identity::{align, AlignmentMode, IdentityKind, OrgDomain, VerifiedIdentities};
use mail_envelope::policy::sender_login::{self, Mode, Options, Verdict};
use mail_envelope::policy::table::{Lookup, Table};
use mail_envelope::{AddrSpec, ReversePath};

// ----- sender-login cases -----

#[path = "policy/cases.rs"]
mod cases;

#[test]
fn sender_login_cases_agree() {
    let scenarios = cases::read();
    let mut count = 0;
    for scenario in &scenarios {
        let maps = scenario.tables();
        let options = scenario.options();
        for case in &scenario.cases {
            let decision = case.check(&maps, &options).unwrap_or_else(|e| panic!("{e}"));
            let context = format!("{} line {}: {}", scenario.name, case.line, decision.detail());
            assert_eq!(decision.verdict().as_str(), case.decision, "{context}");
            assert_eq!(decision.reply(), case.reply.as_deref(), "{context}");
            count += 1;
        }
    }
    assert!(
        scenarios.len() >= 9 && count >= 60,
        "{} scenarios, {count} cases",
        scenarios.len()
    );
}

#[test]
fn the_done_when_case() {
    let maps = [Table::texthash("texthash:MAP", "alice@example.com alice\n")];
    let sender = ReversePath::parse("<alice@example.com>").unwrap();
    let decision = sender_login::check(
        &maps,
        &Options::default(),
        Mode::RejectSenderLoginMismatch,
        &sender,
        Some("bob"),
    )
    .unwrap();
    assert_eq!(decision.verdict(), Verdict::Reject);
    assert_eq!(
        decision.reply(),
        Some("553 5.7.1 <alice@example.com>: Sender address rejected: not owned by user bob")
    );
    let matched = decision.matched().unwrap();
    assert_eq!((matched.table(), matched.key()), ("texthash:MAP", "alice@example.com"));
}

#[test]
fn the_keys_postfix_asks_in_order() {
    let maps = [Table::texthash("t", "nothing here\n")];
    let options = Options::default().recipient_delimiter("+").local_domain("Example.COM.");
    let sender = ReversePath::parse("<Alice+Tag@example.com>").unwrap();
    let decision = sender_login::check(&maps, &options, Mode::RejectSenderLoginMismatch, &sender, None).unwrap();
    assert_eq!(
        decision.keys(),
        [
            "alice+tag@example.com",
            "alice@example.com (partial)",
            "alice+tag (partial)",
            "alice (partial)",
            "@example.com (partial)",
        ]
    );
    let quoted = ReversePath::parse("<\"a b\"@example.org>").unwrap();
    let decision = sender_login::check(&maps, &options, Mode::RejectSenderLoginMismatch, &quoted, None).unwrap();
    assert_eq!(
        decision.keys(),
        ["\"a b\"@example.org", "a b@example.org", "@example.org (partial)"]
    );
}

#[test]
fn a_local_sender_that_postfix_would_reroute_is_refused() {
    let maps = [Table::texthash("t", "a b\n")];
    let options = Options::default().local_domain("example.com");
    let sender = ReversePath::parse("<user%elsewhere.example@example.com>").unwrap();
    let err = sender_login::check(&maps, &options, Mode::RejectSenderLoginMismatch, &sender, None).unwrap_err();
    assert_eq!(err.kind(), mail_envelope::policy::PolicyErrorKind::SenderRewritten);
    // Not local: no rewriting, no refusal.
    let remote = ReversePath::parse("<user%x@example.org>").unwrap();
    assert!(sender_login::check(&maps, &options, Mode::RejectSenderLoginMismatch, &remote, None).is_ok());
}

// ----- identities and alignment (Zulip + SendGrid) -----

/// The organizational domain as the last two labels, for tests that must not depend on the
/// public suffix list (and one suffix of two labels).
struct TwoLabels;

impl OrgDomain for TwoLabels {
    fn org_domain(&self, name: &str) -> Option<String> {
        if name == "co.uk" || !name.contains('.') {
            return None;
        }
        let labels: Vec<&str> = name.split('.').collect();
        let keep = if name.ends_with(".co.uk") { 3 } else { 2 };
        (labels.len() >= keep).then(|| labels[labels.len() - keep..].join("."))
    }
}

#[test]
fn verified_identities() {
    let ids = VerifiedIdentities::parse(
        "# SendGrid sender identities\n\
         noreply@chat.example.com   # the fixed no-reply address\n\
         example.org\n\
         .example.net\n",
    )
    .unwrap();
    let check = |from: &str| ids.check(&AddrSpec::parse(from).unwrap());
    let rows: &[(&str, bool, Option<&str>, Option<IdentityKind>)] = &[
        (
            "noreply@chat.example.com",
            true,
            Some("noreply@chat.example.com"),
            Some(IdentityKind::Address),
        ),
        (
            "NoReply@Chat.Example.COM",
            true,
            Some("noreply@chat.example.com"),
            Some(IdentityKind::Address),
        ),
        (
            "anyone@example.org",
            true,
            Some("example.org"),
            Some(IdentityKind::Domain),
        ),
        ("anyone@sub.example.org", false, None, None),
        (
            "anyone@example.net",
            true,
            Some(".example.net"),
            Some(IdentityKind::Subdomains),
        ),
        (
            "anyone@a.b.example.net",
            true,
            Some(".example.net"),
            Some(IdentityKind::Subdomains),
        ),
        ("anyone@badexample.net", false, None, None),
        ("other@chat.example.com", false, None, None),
        ("noreply-abcdefghijklmnopqrstuvwx@chat.example.com", false, None, None),
    ];
    for &(from, verified, by, kind) in rows {
        let c = check(from);
        assert_eq!(
            (c.verified(), c.verified_by(), c.kind()),
            (verified, by, kind),
            "{from}"
        );
    }
    // The Zulip incident: a tokenized noreply address passes only a domain identity.
    let zulip = check("noreply-abcdefghijklmnopqrstuvwx@chat.example.com");
    assert!(zulip.tokenized());
    let reason = zulip.reason().unwrap();
    assert!(reason.contains("tokenized"), "{reason}");
    assert!(reason.contains("only a domain identity"), "{reason}");
    assert!(
        reason.contains("noreply@chat.example.com is verified: send from that fixed address"),
        "{reason}"
    );
    let with_domain = VerifiedIdentities::parse("chat.example.com\n").unwrap();
    let c = with_domain.check(&AddrSpec::parse("noreply-abcdefghijklmnopqrstuvwx@chat.example.com").unwrap());
    assert_eq!((c.verified(), c.kind()), (true, Some(IdentityKind::Domain)));
    let none = VerifiedIdentities::default();
    let reason = none
        .check(&AddrSpec::parse("noreply-abcdefghijklmnopqrstuvwx@chat.example.com").unwrap())
        .reason()
        .unwrap()
        .to_owned();
    assert!(reason.contains("verify the domain chat.example.com"), "{reason}");
    assert!(reason.contains("verify noreply@chat.example.com"), "{reason}");
    // The subdomain hint.
    let reason = check("anyone@sub.example.org").reason().unwrap().to_owned();
    assert!(
        reason.contains("write .example.org to cover sub.example.org"),
        "{reason}"
    );
}

#[test]
fn identity_file_errors_name_the_line() {
    let err = VerifiedIdentities::parse("example.com\n\n  bad domain!\n").unwrap_err();
    assert_eq!(err.line(), Some(3));
    assert_eq!(err.offset(), Some(15));
}

#[test]
fn alignment() {
    let from = AddrSpec::parse("payments@example.com").unwrap();
    let path = |p: &'static str| ReversePath::parse(p).unwrap();
    let run = |mail_from: &'static str, helo: Option<&str>, dkim: &[&str], mode| {
        align(&from, &path(mail_from), helo, dkim, mode, &TwoLabels).unwrap()
    };
    // RFC 7489 §3.1.2's example: relaxed yes, strict no.
    let relaxed = run("<b@cbg.bounces.example.com>", None, &[], AlignmentMode::Relaxed);
    assert!(relaxed.aligned() && relaxed.spf_aligned());
    assert_eq!(relaxed.mail_from_org(), Some("example.com"));
    assert!(!run("<b@cbg.bounces.example.com>", None, &[], AlignmentMode::Strict).aligned());
    // SendGrid without domain authentication: MAIL FROM and d= are sendgrid.net.
    let sendgrid = run(
        "<bounces+1@sendgrid.net>",
        None,
        &["sendgrid.net"],
        AlignmentMode::Relaxed,
    );
    assert!(!sendgrid.aligned());
    assert_eq!(sendgrid.dkim_aligned(), [false]);
    assert!(
        sendgrid.reason().starts_with("not aligned in relaxed mode"),
        "{}",
        sendgrid.reason()
    );
    // With it: d=example.com aligns even strictly; case and a trailing dot do not matter.
    let dkim = run(
        "<bounces+1@sendgrid.net>",
        None,
        &["sendgrid.net", "Example.COM."],
        AlignmentMode::Strict,
    );
    assert_eq!((dkim.aligned(), dkim.dkim_aligned()), (true, &[false, true][..]));
    // A null MAIL FROM takes the HELO name.
    let null = run("<>", Some("mta.example.com"), &[], AlignmentMode::Relaxed);
    assert!(null.spf_aligned() && null.spf_domain_from_helo());
    assert!(align(&from, &path("<>"), None, &[], AlignmentMode::Relaxed, &TwoLabels).is_err());
    // d=co.uk never aligns a co.uk domain relaxed.
    let uk = AddrSpec::parse("a@shop.example.co.uk").unwrap();
    let r = align(
        &uk,
        &path("<b@x.test>"),
        None,
        &["co.uk"],
        AlignmentMode::Relaxed,
        &TwoLabels,
    )
    .unwrap();
    assert!(!r.aligned());
    let r = align(
        &uk,
        &path("<b@x.test>"),
        None,
        &["example.co.uk"],
        AlignmentMode::Relaxed,
        &TwoLabels,
    )
    .unwrap();
    assert!(r.aligned());
}

#[cfg(all(feature = "psl", feature = "idna"))]
#[test]
fn alignment_with_the_public_suffix_list_and_idn() {
    use mail_envelope::policy::identity::PublicSuffixList;
    let from = AddrSpec::parse("a@news.bücher.co.uk").unwrap();
    let mail_from = ReversePath::parse("<b@XN--BCHER-KVA.co.uk>").unwrap();
    let r = align(&from, &mail_from, None, &[], AlignmentMode::Relaxed, &PublicSuffixList).unwrap();
    assert!(r.aligned());
    assert_eq!(r.from_org(), Some("xn--bcher-kva.co.uk"));
    assert_eq!(r.mail_from_org(), Some("xn--bcher-kva.co.uk"));
    let strict = align(&from, &mail_from, None, &[], AlignmentMode::Strict, &PublicSuffixList).unwrap();
    assert!(!strict.aligned());
}

// ----- out-of-office -----

#[test]
fn out_of_office_scenarios() {
    let me = AddrSpec::parse("alice@example.com").unwrap();
    let also = [AddrSpec::parse("alice.smith@example.net").unwrap()];
    let rows: &[(&str, &str, bool, Option<Rule>)] = &[
        ("<bob@example.org>", "To: Alice <alice@example.com>\n", false, None),
        (
            "<bob@example.org>",
            "Cc: =?utf-8?q?Al=C3=AFce?= <alice.smith@EXAMPLE.net>\n",
            false,
            None,
        ),
        (
            "<bob@example.org>",
            "To: Team: alice@example.com, carol@example.com;\n",
            false,
            None,
        ),
        (
            "<bob@example.org>",
            "To: Alice Smith <alice@example.com> (obsolete comment) , bob@x\n",
            false,
            None,
        ),
        ("<>", "To: alice@example.com\n", false, Some(Rule::NullSender)),
        (
            "<alice@example.com>",
            "To: alice@example.com\n",
            false,
            Some(Rule::OwnAddress),
        ),
        (
            "<bob@example.org>",
            "To: alice@example.com\n",
            true,
            Some(Rule::AlreadyReplied),
        ),
        (
            "<dev-bounces@lists.example.org>",
            "To: dev@lists.example.org\nList-Id: <dev.lists.example.org>\n",
            false,
            Some(Rule::ListHeader),
        ),
        (
            "<bob@example.org>",
            "To: alice@example.com\nAuto-Submitted: auto-replied\n",
            false,
            Some(Rule::AutoSubmitted),
        ),
        (
            "<bob@example.org>",
            "To: alice@example.com\nPrecedence: junk\n",
            false,
            Some(Rule::Precedence),
        ),
        (
            "<bob@example.org>",
            "To: alice@example.com\nX-Auto-Response-Suppress: All\n",
            false,
            Some(Rule::AutoResponseSuppress),
        ),
        (
            "<MAILER-DAEMON@mx.example.org>",
            "To: alice@example.com\n",
            false,
            Some(Rule::SystemSender),
        ),
        (
            "<majordomo@example.org>",
            "To: alice@example.com\n",
            false,
            Some(Rule::SystemSender),
        ),
        (
            "<owner-dev@example.org>",
            "To: alice@example.com\n",
            false,
            Some(Rule::SystemSender),
        ),
        (
            "<bob@example.org>",
            "To: carol@example.com\nBcc: dave@example.com\n",
            false,
            Some(Rule::NotAddressed),
        ),
    ];
    for &(sender, headers, already, rule) in rows {
        let headers = parse_header_block(headers).unwrap();
        let d = autoreply::decide(&ReversePath::parse(sender).unwrap(), &me, &also, &headers, already);
        assert_eq!(d.rule(), rule, "{sender} {headers:?}: {:?}", d.detail());
        assert_eq!(d.reply(), rule.is_none());
        if d.reply() {
            assert_eq!(d.to(), Some(sender));
            assert_eq!(d.mail_from(), Some("<>"));
            assert_eq!(d.headers()[0], ("Auto-Submitted".to_owned(), "auto-replied".to_owned()));
        }
    }
}

#[test]
fn the_reply_goes_to_the_envelope_sender_never_to_from_or_reply_to() {
    let me = AddrSpec::parse("alice@example.com").unwrap();
    let headers = parse_header_block(
        "From: Bob <bob@example.org>\r\nReply-To: everyone@lists.example.org\r\nTo: alice@example.com\r\n\
         Subject: =?utf-8?q?D=C3=A9jeuner?=\r\nMessage-ID: <m2@example.org>\r\nReferences: <m0@example.org>\r\n \
         <m1@example.org>\r\n\r\nbody\r\n",
    )
    .unwrap();
    let d = autoreply::decide(
        &ReversePath::parse("<bounce-7@mailer.example.org>").unwrap(),
        &me,
        &[],
        &headers,
        false,
    );
    assert_eq!(d.to(), Some("<bounce-7@mailer.example.org>"));
    let fields: Vec<(&str, &str)> = d.headers().iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    assert_eq!(
        fields,
        [
            ("Auto-Submitted", "auto-replied"),
            ("Subject", "Auto: =?utf-8?q?D=C3=A9jeuner?="),
            ("In-Reply-To", "<m2@example.org>"),
            ("References", "<m0@example.org> <m1@example.org> <m2@example.org>"),
        ]
    );
}

// ----- adversarial inputs -----

#[test]
fn a_one_mebibyte_map_loads_exactly() {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 1 << 20 {
        writeln!(text, "user{n}@example.com user{n}, admin").unwrap();
        n += 1;
    }
    let table = Table::hash("hash:big", &text);
    assert_eq!(table.len(), n);
    assert!(table.warnings().is_empty());
    let Lookup::Found(hit) = table.lookup(&format!("USER{}@example.com", n - 1)) else {
        panic!("last entry missing")
    };
    assert_eq!(hit.value(), format!("user{}, admin", n - 1));
    assert_eq!(hit.sources()[0].line(), n);
    assert_eq!(table.lookup(&format!("user{n}@example.com")), Lookup::NotFound);
    // One logical line of 1 MiB: a value continued over 32,768 lines.
    let long = format!("key@example.com v\n{}", " continued\n".repeat(1 << 15));
    let Lookup::Found(hit) = Table::texthash("t", &long).lookup("key@example.com") else {
        panic!()
    };
    assert_eq!(hit.value().len(), 1 + " continued".len() * (1 << 15));
    // 1 MiB of garbage: every line skipped with a warning, nothing loaded.
    let garbage = "\"\n".repeat(1 << 19);
    let table = Table::texthash("t", &garbage);
    assert_eq!((table.len(), table.warnings().len()), (0, 1 << 19));
}

#[test]
fn pathological_patterns_answer_exactly() {
    // Exponential for a backtracking engine; the regex crate answers in linear time.
    let table = Table::pcre(
        "pcre:evil",
        "/^(a+)+$/ evil\n/^(a|aa)*c$/ evil2\n/^a{1,100}b{1,100}$/ bounded\n",
    )
    .unwrap();
    let key = format!("{}b", "a".repeat(100_000));
    assert_eq!(table.lookup(&key), Lookup::NotFound);
    let Lookup::Found(hit) = table.lookup(&format!("{}c", "a".repeat(100_000))) else {
        panic!()
    };
    assert_eq!((hit.value(), hit.sources()[0].line()), ("evil2", 2));
    let Lookup::Found(hit) = table.lookup("aab") else {
        panic!()
    };
    assert_eq!(hit.value(), "bounded");
    // A 1 MiB key through the docker-mailserver identity rule comes back whole.
    let identity = Table::pcre("pcre:identity", "/^(.*)$/ ${1}\n").unwrap();
    let huge = "x".repeat(1 << 20);
    let Lookup::Found(hit) = identity.lookup(&huge) else {
        panic!()
    };
    assert_eq!(hit.value().len(), 1 << 20);
    // A 1 MiB regexp table of rules that never match, then one that does.
    let mut rules = String::new();
    let mut count = 0;
    while rules.len() < 1 << 20 {
        writeln!(rules, "/^never{count}@example\\.com$/ nobody").unwrap();
        count += 1;
    }
    rules.push_str("/@example\\.com$/ last\n");
    let table = Table::regexp("regexp:big", &rules).unwrap();
    assert_eq!(table.len(), count + 1);
    let Lookup::Found(hit) = table.lookup("someone@example.com") else {
        panic!()
    };
    assert_eq!((hit.value(), hit.sources()[0].line()), ("last", count + 1));
}

#[test]
fn unreproducible_rules_name_their_line() {
    let text = "# ok\n/^alice@/ alice\n/(a)(b)\\2/ x\n";
    let err = Table::regexp("regexp:t", text).unwrap_err();
    assert_eq!(
        (err.line(), err.to_string()),
        (
            Some(3),
            "back-references are not supported at line 3, byte 28".to_owned()
        )
    );
    let err = Table::pcre("pcre:t", "/^(?<=x)a/ y\n").unwrap_err();
    assert_eq!(err.line(), Some(1));
}
