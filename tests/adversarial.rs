//! Hostile inputs of a mebibyte and more: deep comments, long runs of escapes and dots, huge
//! lists and header fields. Each must give its exact result (a value or the documented error)
//! without overflowing the stack. Nothing here measures time: the inputs are large enough that a
//! parser that recursed per nesting level or went quadratic would crash or never finish.
//!
//! The default [`ParseOptions::max_input_len`] is 4 MiB; the tests whose input is longer set the
//! limit themselves and say so.

use mail_envelope::{
    AddrSpec, Address, AddressList, Diagnosis, EnvelopeErrorKind, ErrorKind, ForwardPath, Mailbox, ParseError,
    ParseOptions, RenderError, RenderOptions, ReversePath, Strictness,
};

const MIB: usize = 1 << 20;
/// The default [`ParseOptions::max_input_len`].
const DEFAULT_LIMIT: usize = 4 * MIB;

/// The error's kind and offset.
fn failure<T: std::fmt::Debug>(result: Result<T, ParseError>) -> (ErrorKind, usize) {
    let err = result.expect_err("the input must be refused");
    (err.kind(), err.offset())
}

// ----- comments -----

#[test]
fn a_mebibyte_of_open_parentheses_is_refused_at_the_comment_depth_limit() {
    let input = "(".repeat(MIB);
    let too_deep = (ErrorKind::CommentTooDeep, 64);
    assert_eq!(failure(Mailbox::parse(&input)), too_deep);
    assert_eq!(failure(AddrSpec::parse(&input)), too_deep);
    assert_eq!(failure(AddressList::parse(&input)), too_deep);
    assert_eq!(failure(Mailbox::parse_bytes(input.as_bytes())), too_deep);
    // A path has no comments: the first byte is already wrong.
    assert_eq!(failure(ReversePath::parse(&input)), (ErrorKind::ExpectedAngleOpen, 0));
    assert_eq!(failure(ForwardPath::parse(&input)), (ErrorKind::ExpectedAngleOpen, 0));
}

#[test]
fn the_comment_depth_limit_counts_from_one() {
    let options = ParseOptions::default().max_comment_depth(3);
    let three = "a@example.com ((()))";
    assert!(Mailbox::parse_with(three, &options).is_ok());
    let four = "a@example.com (((())))";
    assert_eq!(
        failure(Mailbox::parse_with(four, &options)),
        (ErrorKind::CommentTooDeep, 17)
    );
}

#[test]
fn comments_nested_a_million_deep_are_counted_not_recursed() {
    // With the depth limit lifted, nesting is only a counter: a recursive parser would overflow
    // its stack here long before the end.
    let options = ParseOptions::default().max_comment_depth(usize::MAX);
    let open = "(".repeat(MIB);
    assert_eq!(
        failure(Mailbox::parse_with(&open, &options)),
        (ErrorKind::UnterminatedComment, MIB)
    );
    let closed = format!("{open}{}jane@example.com", ")".repeat(MIB));
    let mailbox = Mailbox::parse_with(&closed, &options).expect("a closed comment before an addr-spec");
    assert_eq!(mailbox.addr_spec().to_string(), "jane@example.com");
    assert_eq!(mailbox.addr_spec().local_part().offset(), 2 * MIB);
    assert!(mailbox.diagnoses().contains(Diagnosis::CfwsComment));
}

#[test]
fn a_mebibyte_long_comment_is_dropped() {
    let input = format!("jane@example.com ({})", "x".repeat(MIB));
    let mailbox = Mailbox::parse(&input).expect("a comment after an addr-spec");
    assert_eq!(mailbox.display_name(), None);
    assert_eq!(
        mailbox.to_reverse_path().map(|p| p.to_string()),
        Ok("<jane@example.com>".into())
    );
}

// ----- quoted strings -----

/// `"` followed by `count` escaped quotes, `\"\"\"…`.
fn escaped_quotes(count: usize) -> String {
    let mut s = String::with_capacity(2 * count + 1);
    s.push('"');
    for _ in 0..count {
        s.push_str("\\\"");
    }
    s
}

#[test]
fn a_mebibyte_of_escaped_quotes_is_one_quoted_local_part() {
    let count = MIB / 2;
    let input = format!("{}\"@example.com", escaped_quotes(count));
    let addr = AddrSpec::parse(&input).expect("a quoted local part of escaped quotes");
    assert_eq!(addr.local_part().value(), "\"".repeat(count));
    assert_eq!(addr.local_part().as_str().len(), 2 * count + 2);
    // Valid in a header, far too long for an envelope.
    let err = addr.to_reverse_path().unwrap_err();
    assert_eq!((err.kind(), err.offset()), (EnvelopeErrorKind::LocalPartTooLong, 0));
    assert_eq!(
        failure(ReversePath::parse(&format!("<{input}>"))),
        (ErrorKind::Envelope(EnvelopeErrorKind::LocalPartTooLong), 1)
    );
    // The canonical form escapes the same way, so it reads back to the same value.
    assert_eq!(addr.to_string(), input);
    assert_eq!(AddrSpec::parse(&addr.to_string()), Ok(addr));
}

#[test]
fn an_unterminated_mebibyte_of_escaped_quotes_is_refused_at_its_end() {
    let input = escaped_quotes(MIB / 2);
    let unterminated = (ErrorKind::UnterminatedQuotedString, input.len());
    assert_eq!(failure(AddrSpec::parse(&input)), unterminated);
    assert_eq!(failure(Mailbox::parse(&input)), unterminated);
    assert_eq!(failure(AddressList::parse(&input)), unterminated);
}

#[test]
fn a_mebibyte_display_name_of_escaped_quotes_has_no_one_line_header_form() {
    let count = MIB / 2;
    let input = format!("{}\" <jane@example.com>", escaped_quotes(count));
    let mailbox = Mailbox::parse(&input).expect("a quoted display name of escaped quotes");
    assert_eq!(mailbox.display_name().map(str::len), Some(count));
    assert!(mailbox.display_name().is_some_and(|n| n.bytes().all(|b| b == b'"')));
    // One quoted-string cannot be folded: the header form would pass 998 octets.
    assert_eq!(
        mailbox.to_header(&RenderOptions::default()),
        Err(RenderError::LineTooLong)
    );
    assert_eq!(
        mailbox.to_reverse_path().map(|p| p.to_string()),
        Ok("<jane@example.com>".into())
    );
    assert_eq!(Mailbox::parse(&mailbox.to_string()), Ok(mailbox));
}

// ----- dots -----

/// `a.a.a…a`, `atoms` atoms.
fn dotted(atoms: usize) -> String {
    let mut s = "a.".repeat(atoms);
    s.pop();
    s
}

#[test]
fn a_mebibyte_dot_atom_local_part_is_a_header_address_but_no_envelope() {
    let local = dotted(MIB / 2);
    let input = format!("{local}@example.com");
    let addr = AddrSpec::parse(&input).expect("a long dot-atom is a valid header addr-spec");
    assert_eq!(addr.local_part().value(), local);
    assert_eq!(addr.local_part().value().split('.').count(), MIB / 2);
    let err = addr.to_forward_path().unwrap_err();
    assert_eq!((err.kind(), err.offset()), (EnvelopeErrorKind::LocalPartTooLong, 0));
    let too_long = ErrorKind::Envelope(EnvelopeErrorKind::LocalPartTooLong);
    assert_eq!(failure(ReversePath::parse(&format!("<{input}>"))), (too_long, 1));
    assert_eq!(failure(ForwardPath::parse(&format!("<{input}>"))), (too_long, 1));
    let strict = ParseOptions::default().strictness(Strictness::Strict);
    assert_eq!(failure(AddrSpec::parse_with(&input, &strict)), (too_long, 0));
}

#[test]
fn a_mebibyte_dot_atom_domain_is_a_header_address_but_no_envelope() {
    let domain = dotted(MIB / 2);
    let input = format!("jane@{domain}");
    let addr = AddrSpec::parse(&input).expect("a long dot-atom is a valid header domain");
    assert_eq!(addr.domain().as_str(), domain);
    let err = addr.to_reverse_path().unwrap_err();
    assert_eq!((err.kind(), err.offset()), (EnvelopeErrorKind::DomainTooLong, 5));
}

#[test]
fn a_mebibyte_obsolete_local_part_with_spaced_dots_is_joined() {
    // `a . a . a …`: obs-local-part (RFC 5322 §4.4), every dot surrounded by white space.
    let atoms = MIB / 4;
    let input = format!("{}@example.com", vec!["a"; atoms].join(" . "));
    let addr = AddrSpec::parse(&input).expect("obs-local-part is valid in Standard mode");
    assert_eq!(addr.local_part().value(), dotted(atoms));
    assert!(addr.diagnoses().contains(Diagnosis::DeprecLocalpart));
    let strict = ParseOptions::default().strictness(Strictness::Strict);
    assert_eq!(
        failure(AddrSpec::parse_with(&input, &strict)).0,
        ErrorKind::ObsoleteSyntax
    );
}

#[test]
fn a_mebibyte_obsolete_phrase_of_initials_is_one_display_name() {
    // `a. a. a. … <jane@example.com>`: obs-phrase (RFC 5322 §4.1).
    let words = MIB / 4;
    let name = vec!["a."; words].join(" ");
    let input = format!("{name} <jane@example.com>");
    let mailbox = Mailbox::parse(&input).expect("obs-phrase");
    assert_eq!(mailbox.display_name(), Some(name.as_str()));
    assert!(mailbox.diagnoses().contains(Diagnosis::DeprecPhrase));
}

// ----- lists and header fields -----

const MEMBERS: usize = 100_000;

fn plain_members() -> Vec<String> {
    (0..MEMBERS).map(|i| format!("user{i}@example.com")).collect()
}

#[test]
fn a_hundred_thousand_member_list_has_every_member_in_order() {
    let input = plain_members().join(", ");
    assert!(input.len() < DEFAULT_LIMIT);
    let list = AddressList::parse(&input).expect("a long list of plain addresses");
    assert_eq!(list.addresses().len(), MEMBERS);
    assert!(list.addresses().iter().all(|a| matches!(a, Address::Mailbox(_))));
    for (i, mailbox) in list.mailboxes().enumerate() {
        assert_eq!(mailbox.addr_spec().local_part().value(), format!("user{i}"));
    }
}

#[test]
fn a_hundred_thousand_member_group_holds_them_all() {
    let input = format!("Everyone: {};", plain_members().join(","));
    let list = AddressList::parse(&input).expect("a group with a long member list");
    let [Address::Group(group)] = list.addresses() else {
        panic!("expected one group, got {} addresses", list.addresses().len());
    };
    assert_eq!(group.display_name(), "Everyone");
    assert_eq!(group.members().len(), MEMBERS);
    assert_eq!(
        group.members()[MEMBERS - 1].addr_spec().to_string(),
        "user99999@example.com"
    );
}

#[test]
fn a_list_past_the_default_limit_needs_the_limit_raised() {
    // About 5 MiB of named mailboxes: over the 4 MiB default, so this test sets the limit.
    let input = (0..MEMBERS)
        .map(|i| format!("\"Member number {i:06}\" <member.{i:06}@example.com>"))
        .collect::<Vec<_>>()
        .join(", ");
    assert!(input.len() > DEFAULT_LIMIT);
    assert_eq!(
        failure(AddressList::parse(&input)),
        (ErrorKind::InputTooLong, DEFAULT_LIMIT)
    );
    let options = ParseOptions::default().max_input_len(8 * MIB);
    let list = AddressList::parse_with(&input, &options).expect("within the raised limit");
    assert_eq!(list.addresses().len(), MEMBERS);
    let final_member = list.mailboxes().last().expect("a last member");
    assert_eq!(final_member.display_name(), Some("Member number 099999"));
    assert_eq!(final_member.addr_spec().to_string(), "member.099999@example.com");
}

#[test]
fn a_hundred_thousand_member_field_folds_and_reads_back() {
    let input = plain_members().join(", ");
    let list = AddressList::parse(&input).expect("a long list");
    let field = list
        .to_field("To", &RenderOptions::default())
        .expect("plain addresses fold");
    assert!(field.len() > 2 * MIB);
    let lines: Vec<&str> = field.split("\r\n").collect();
    assert!(lines.len() > MEMBERS / 4);
    assert!(lines.iter().all(|line| line.len() <= 78), "a line passes 78 octets");
    assert!(lines[1..].iter().all(|line| line.starts_with(' ')));
    let value = field.strip_prefix("To: ").expect("the field name");
    assert_eq!(AddressList::parse(value), Ok(list));
}

#[test]
fn a_mebibyte_folded_display_name_reads_as_single_spaced_words() {
    // A header field of over 1 MiB: one display name of words, folded every eight words.
    let words = MIB / 4;
    let mut input = String::with_capacity(2 * MIB);
    for i in 0..words {
        if i > 0 {
            input.push_str(if i % 8 == 0 { "\r\n " } else { " " });
        }
        input.push_str("word");
    }
    input.push_str("\r\n <jane@example.com>");
    assert!(input.len() > MIB);
    let mailbox = Mailbox::parse(&input).expect("a folded display name");
    let name = mailbox.display_name().expect("a display name");
    assert_eq!(name.len(), words * 5 - 1);
    assert_eq!(name.split(' ').count(), words);
    assert!(name.split(' ').all(|w| w == "word"));
    // Unfolded it passes 998 octets; folded at the usual width it fits, and reads back.
    assert_eq!(
        mailbox.to_header(&RenderOptions::default()),
        Err(RenderError::LineTooLong)
    );
    let list = AddressList::from(vec![Address::Mailbox(mailbox)]);
    let field = list.to_field("From", &RenderOptions::default()).expect("words fold");
    assert!(field.split("\r\n").all(|line| line.len() <= 78));
    assert_eq!(AddressList::parse(&field["From: ".len()..]), Ok(list));
}

// ----- the input length limit -----

/// An addr-spec of exactly `len` bytes.
fn addr_spec_of_len(len: usize) -> String {
    let domain = "@example.com";
    format!("{}{domain}", "a".repeat(len - domain.len()))
}

#[test]
fn an_input_of_exactly_the_default_limit_is_read() {
    let input = addr_spec_of_len(DEFAULT_LIMIT);
    let addr = AddrSpec::parse(&input).expect("an input of exactly the limit");
    assert_eq!(addr.local_part().value().len(), DEFAULT_LIMIT - "@example.com".len());
    assert!(Mailbox::parse(&input).is_ok());
    assert!(AddressList::parse(&input).is_ok());
}

#[test]
fn an_input_one_byte_over_the_default_limit_is_too_long() {
    let input = addr_spec_of_len(DEFAULT_LIMIT + 1);
    let path = format!("<{}>", &input[2..]);
    assert_eq!(path.len(), input.len());
    let too_long = (ErrorKind::InputTooLong, DEFAULT_LIMIT);
    assert_eq!(failure(AddrSpec::parse(&input)), too_long);
    assert_eq!(failure(Mailbox::parse(&input)), too_long);
    assert_eq!(failure(AddressList::parse(&input)), too_long);
    assert_eq!(failure(AddrSpec::parse_bytes(input.as_bytes())), too_long);
    assert_eq!(failure(ReversePath::parse(&path)), too_long);
    assert_eq!(failure(ForwardPath::parse(&path)), too_long);
}

#[test]
fn a_configured_limit_refuses_the_byte_after_it() {
    let options = ParseOptions::default().max_input_len(64);
    let at_limit = addr_spec_of_len(64);
    assert!(AddrSpec::parse_with(&at_limit, &options).is_ok());
    assert!(ReversePath::parse_with(&format!("<{}>", &at_limit[2..]), &options).is_ok());
    let over = addr_spec_of_len(65);
    assert_eq!(
        failure(AddrSpec::parse_with(&over, &options)),
        (ErrorKind::InputTooLong, 64)
    );
    assert_eq!(
        failure(ReversePath::parse_with(&format!("<{}>", &over[2..]), &options)),
        (ErrorKind::InputTooLong, 64)
    );
}

#[test]
fn list_errors_name_the_member_inside_groups_and_after_joined_phrases() {
    use mail_envelope::{AddressList, ParseOptions, Strictness};
    // An error inside a group is in the group's member of the top-level list.
    let err = AddressList::parse("x@example.com, Team: a@example.com, b@;, y@example.com").unwrap_err();
    assert_eq!((err.member(), err.offset()), (Some(1), 38));
    let err = AddressList::parse("@example.com").unwrap_err();
    assert_eq!(err.member(), Some(0));
    // Lenient: "Doe, John" joins the name-addr after it, which is member 0.
    let lenient = ParseOptions::default().strictness(Strictness::Lenient);
    let err = AddressList::parse_with("Doe, John <j@example.com", &lenient).unwrap_err();
    assert_eq!(err.member(), Some(0));
    assert!(mail_envelope::Mailbox::parse("@example.com")
        .unwrap_err()
        .member()
        .is_none());
}

#[test]
fn lenient_never_guesses_between_a_group_end_and_a_semicolon_separator() {
    use mail_envelope::{AddressList, ErrorKind, Hint, ParseOptions, Strictness};
    let lenient = ParseOptions::default().strictness(Strictness::Lenient);
    // Did the group end at the first `;`, or hold both addresses? Two readings: an error.
    let err = AddressList::parse_with("Team: a@x.example; b@y.example;", &lenient).unwrap_err();
    assert_eq!(
        (err.kind(), err.offset(), err.member()),
        (ErrorKind::Ambiguous, 19, Some(1))
    );
    assert_eq!(err.hint(), Some(Hint::CommaAfterGroup));
    // Either way of saying it plainly is read.
    assert_eq!(
        AddressList::parse_with("Team: a@x.example, b@y.example;", &lenient)
            .unwrap()
            .mailboxes()
            .count(),
        2
    );
    assert_eq!(
        AddressList::parse_with("Team: a@x.example;, b@y.example", &lenient)
            .unwrap()
            .mailboxes()
            .count(),
        2
    );
    // Standard has no `;` separator, so the input is only missing a comma.
    let err = AddressList::parse("Team: a@x.example; b@y.example;").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ExpectedComma);
}
