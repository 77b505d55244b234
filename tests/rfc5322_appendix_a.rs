//! RFC 5322 Appendix A examples as golden tests: every address field of the appendix's messages,
//! with the display names and addr-specs the RFC's prose says they carry.

use mail_envelope::{Address, AddressList, Diagnosis, Mailbox, ParseOptions, Strictness};

/// (display name, addr-spec) of every mailbox in a list, groups flattened.
fn mailboxes(list: &AddressList<'_>) -> Vec<(Option<String>, String)> {
    list.mailboxes()
        .map(|m| (m.display_name().map(str::to_owned), m.addr_spec().to_string()))
        .collect()
}

fn named(name: &str, addr: &str) -> (Option<String>, String) {
    (Some(name.to_owned()), addr.to_owned())
}

fn bare(addr: &str) -> (Option<String>, String) {
    (None, addr.to_owned())
}

/// Rendering and re-parsing gives the same value (the `Display` guarantee).
fn assert_round_trip(list: &AddressList<'_>) {
    let text = list.to_string();
    assert_eq!(&AddressList::parse(&text).unwrap(), list, "re-parse of {text:?}");
}

#[test]
fn a_1_1_a_message_from_one_person_to_another() {
    let from = Mailbox::parse("John Doe <jdoe@machine.example>").unwrap();
    assert_eq!(from.display_name(), Some("John Doe"));
    assert_eq!(from.addr_spec().to_string(), "jdoe@machine.example");
    let sender = Mailbox::parse("Michael Jones <mjones@machine.example>").unwrap();
    assert_eq!(
        sender.to_reverse_path().unwrap().to_string(),
        "<mjones@machine.example>"
    );
}

#[test]
fn a_1_2_different_types_of_mailboxes() {
    let from = Mailbox::parse("\"Joe Q. Public\" <john.q.public@example.com>").unwrap();
    assert_eq!(from.display_name(), Some("Joe Q. Public"));
    assert!(from.diagnoses().is_empty());

    let to = AddressList::parse("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>").unwrap();
    assert_eq!(
        mailboxes(&to),
        [
            named("Mary Smith", "mary@x.test"),
            bare("jdoe@example.org"),
            named("Who?", "one@y.test")
        ]
    );
    assert_round_trip(&to);

    let cc = AddressList::parse(r#"<boss@nil.test>, "Giant; \"Big\" Box" <sysservices@example.net>"#).unwrap();
    assert_eq!(
        mailboxes(&cc),
        [
            bare("boss@nil.test"),
            named("Giant; \"Big\" Box", "sysservices@example.net")
        ]
    );
    assert_round_trip(&cc);
}

#[test]
fn a_1_3_group_addresses() {
    let to = AddressList::parse("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;").unwrap();
    let [Address::Group(group)] = to.addresses() else {
        panic!("one group expected: {to:?}")
    };
    assert_eq!(group.display_name(), "A Group");
    assert_eq!(
        mailboxes(&to),
        [
            named("Ed Jones", "c@a.test"),
            bare("joe@where.test"),
            named("John", "jdoe@one.test")
        ]
    );
    assert_round_trip(&to);

    let cc = AddressList::parse("Undisclosed recipients:;").unwrap();
    let [Address::Group(group)] = cc.addresses() else {
        panic!("one group expected")
    };
    assert_eq!(group.display_name(), "Undisclosed recipients");
    assert!(group.members().is_empty());
    assert_round_trip(&cc);
}

#[test]
fn a_2_reply_to_with_a_colon_in_a_quoted_display_name() {
    let reply_to = Mailbox::parse("\"Mary Smith: Personal Account\" <smith@home.example>").unwrap();
    assert_eq!(reply_to.display_name(), Some("Mary Smith: Personal Account"));
    assert_eq!(
        reply_to.to_string(),
        "\"Mary Smith: Personal Account\" <smith@home.example>"
    );
}

#[test]
fn a_5_white_space_comments_and_other_oddities() {
    let from = Mailbox::parse(r"Pete(A nice \) chap) <pete(his account)@silly.test(his host)>").unwrap();
    assert_eq!(from.display_name(), Some("Pete"));
    assert_eq!(from.addr_spec().to_string(), "pete@silly.test");
    assert!(from.diagnoses().contains(Diagnosis::CfwsComment));

    let to = AddressList::parse(
        "A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n         \
         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of the group)",
    )
    .unwrap();
    let [Address::Group(group)] = to.addresses() else {
        panic!("one group expected")
    };
    assert_eq!(group.display_name(), "A Group");
    assert_eq!(
        mailboxes(&to),
        [
            named("Chris Jones", "c@public.example"),
            bare("joe@example.org"),
            named("John", "jdoe@one.test")
        ]
    );
    assert_round_trip(&to);

    let cc = AddressList::parse("(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;").unwrap();
    let [Address::Group(group)] = cc.addresses() else {
        panic!("one group expected")
    };
    assert_eq!(group.display_name(), "Hidden recipients");
    assert!(group.members().is_empty());
}

#[test]
fn a_6_1_obsolete_addressing() {
    let from = Mailbox::parse("Joe Q. Public <john.q.public@example.com>").unwrap();
    assert_eq!(from.display_name(), Some("Joe Q. Public"));
    assert!(from.diagnoses().contains(Diagnosis::DeprecPhrase));

    let to = AddressList::parse("Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example").unwrap();
    assert_eq!(
        mailboxes(&to),
        [named("Mary Smith", "mary@example.net"), bare("jdoe@test.example")]
    );
    assert!(to.diagnoses().contains(Diagnosis::ObsRouteDropped));
    assert!(to.diagnoses().contains(Diagnosis::DeprecList));
    assert!(to.diagnoses().contains(Diagnosis::DeprecDomain));
    assert_round_trip(&to);
}

#[test]
fn obsolete_appendix_forms_are_refused_in_strict_mode() {
    let strict = ParseOptions::default().strictness(Strictness::Strict);
    assert!(Mailbox::parse_with("Joe Q. Public <john.q.public@example.com>", &strict).is_err());
    assert!(AddressList::parse_with(
        "Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example",
        &strict
    )
    .is_err());
    assert!(Mailbox::parse_with("\"Joe Q. Public\" <john.q.public@example.com>", &strict).is_ok());
}
