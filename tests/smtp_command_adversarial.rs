//! The injections other SMTP libraries let through, each tried against the crate's MAIL FROM /
//! RCPT TO builders and parsers: unrepresentable, or refused with the offset of the byte at
//! fault.

use mail_envelope::smtp::capabilities::Capabilities;
use mail_envelope::smtp::command::{MailFrom, RcptTo};
use mail_envelope::smtp::param::{AddrType, EsmtpKeyword, EsmtpParam, EsmtpValue};
use mail_envelope::smtp::xtext::XText;
use mail_envelope::smtp::SmtpErrorKind;
use mail_envelope::{AddrSpec, ErrorKind, ForwardPath, Mailbox, ReversePath, Strictness};

const INJECTED: &str = "\r\nRCPT TO:<evil@example.com>";

/// Asserts that `line` is one command line: CRLF once, at the end.
fn one_line(line: &str) {
    assert_eq!(line.matches('\r').count(), 1, "{line:?}");
    assert_eq!(line.matches('\n').count(), 1, "{line:?}");
    assert!(line.ends_with("\r\n"), "{line:?}");
}

#[test]
fn lettre_esmtp_keyword_with_crlf_is_no_keyword() {
    // lettre wrote `MailParameter::Other { keyword, .. }` verbatim.
    let keyword = format!("X{INJECTED}");
    let err = EsmtpKeyword::new(keyword.as_str()).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::InvalidKeyword, Some(1)));
    let err = EsmtpParam::parse(&keyword, Strictness::Lenient).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::InvalidKeyword, Some(1)));
    let line = format!("MAIL FROM:<a@example.com> {keyword}\r\n");
    let err = MailFrom::parse(&line, Strictness::Lenient).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::ForbiddenControl, Some(27)));
}

#[test]
fn nodemailer_crlf_in_size_cannot_be_written() {
    // nodemailer wrote the SIZE it was given; here SIZE is a u64, and a value is checked.
    let err = EsmtpValue::new(format!("100{INJECTED}")).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::InvalidValue, Some(3)));
    let err = EsmtpParam::parse(&format!("SIZE=100{INJECTED}"), Strictness::Lenient).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::InvalidValue, Some(8)));
    let mail = MailFrom::new(ReversePath::Null)
        .unwrap()
        .with_param(EsmtpParam::Size(u64::MAX))
        .unwrap();
    let line = mail.to_line().unwrap();
    one_line(&line);
    assert_eq!(line, "MAIL FROM:<> SIZE=18446744073709551615\r\n");
}

#[test]
fn nodemailer_crlf_in_the_ehlo_name_is_refused_in_a_reply() {
    // The client's EHLO name is another module's line; a server name with CR or LF is refused
    // when the reply is read, so no capability or domain ever holds one.
    let err = Capabilities::parse(
        "250-mx.example\rRCPT TO:<evil@example.com>\r\n250 SIZE\r\n",
        Strictness::Lenient,
    )
    .unwrap_err();
    assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::ForbiddenControl, Some(14)));
    let err = Capabilities::parse(
        "250-mx.example\r\nMAIL FROM:<evil@example.com>\r\n250 X\r\n",
        Strictness::Lenient,
    )
    .unwrap_err();
    assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::ExpectedEhloLine, Some(16)));
}

#[test]
fn go_mail_address_cannot_smuggle_parameters() {
    // go-mail wrote `MAIL FROM:<` + address + `>` with the address as given.
    for input in [
        "<a@example.com> SIZE=1",
        "a@example.com> SIZE=1",
        "a@example.com SIZE=1",
    ] {
        assert!(Mailbox::parse(input).is_err(), "{input:?}");
        assert!(ReversePath::parse(input).is_err(), "{input:?}");
    }
    // As a local part the text is quoted: it stays inside the path.
    let addr = AddrSpec::new("a@example.com> SIZE=1", "example.com").unwrap();
    let mail = MailFrom::new(ReversePath::Path(addr)).unwrap();
    let line = mail.to_line().unwrap();
    assert_eq!(line, "MAIL FROM:<\"a@example.com> SIZE=1\"@example.com>\r\n");
    let read = MailFrom::parse(&line, Strictness::Strict).unwrap();
    assert!(read.params().is_empty());
    assert_eq!(read, mail);
}

#[test]
fn mimekit_crlf_in_a_quoted_local_part_is_refused() {
    // MimeKit let CRLF through inside a quoted local part.
    let quoted = format!("\"a{INJECTED}\"@example.com");
    let err = Mailbox::parse(&quoted).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::ForbiddenControl, 2));
    assert!(AddrSpec::new(&format!("a{INJECTED}"), "example.com").is_err());
    let line = format!("RCPT TO:<{quoted}>\r\n");
    let err = RcptTo::parse(&line, Strictness::Lenient).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::ForbiddenControl, Some(11)));
}

#[test]
fn smtp_proto_cr_inside_an_address_is_refused_not_deleted() {
    // smtp-proto deleted a CR inside an address and read the rest as the address.
    for line in ["MAIL FROM:<a\r@example.com>\r\n", "MAIL FROM:<\"a\rb\"@example.com>"] {
        let err = MailFrom::parse(line, Strictness::Lenient).unwrap_err();
        assert_eq!(err.kind(), SmtpErrorKind::ForbiddenControl, "{line:?}");
        assert_eq!(err.offset(), line.find('\r'), "{line:?}");
    }
    // smtp-proto read SIZE=99999999999999999999999 as 999.
    let err = MailFrom::parse("MAIL FROM:<> SIZE=99999999999999999999999", Strictness::Lenient).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::SizeTooLarge, Some(18)));
}

#[test]
fn text_values_are_encoded_never_written_raw() {
    let hostile = format!("id{INJECTED} =+\0");
    let orcpt = EsmtpParam::Orcpt {
        addr_type: AddrType::RFC822,
        addr: hostile.clone().into(),
    };
    let rcpt = RcptTo::new(ForwardPath::Postmaster).unwrap().with_param(orcpt).unwrap();
    let line = rcpt.to_line().unwrap();
    one_line(&line);
    assert_eq!(RcptTo::parse(&line, Strictness::Strict).unwrap(), rcpt);
    let mail = MailFrom::new(ReversePath::Null)
        .unwrap()
        .with_param(EsmtpParam::EnvId(XText::encode(&hostile)))
        .unwrap();
    let line = mail.to_line().unwrap();
    one_line(&line);
    assert!(
        line.contains("ENVID=id+0D+0ARCPT+20TO:<evil@example.com>+20+3D+2B+00"),
        "{line}"
    );
    // unitext has no escape for LF, so a utf-8 ORCPT cannot carry one at all.
    let orcpt = EsmtpParam::Orcpt {
        addr_type: AddrType::UTF8,
        addr: hostile.into(),
    };
    let rcpt = RcptTo::new(ForwardPath::Postmaster).unwrap().with_param(orcpt).unwrap();
    assert_eq!(rcpt.to_line().unwrap_err().kind(), SmtpErrorKind::UnitextCharacter);
}
