//! U-label validity by IDNA2008 through the public API: one answer for the UTF-8 envelope, the
//! ASCII fallback and the category.

use mail_envelope::{AddrSpec, Category, EnvelopeErrorKind, Mailbox};

#[test]
fn a_valid_u_label_keeps_a_utf8_envelope_and_gets_an_a_label() {
    let mailbox = Mailbox::parse("user@Bücher.example").unwrap();
    assert_eq!(mailbox.diagnoses().category(), Category::Valid);
    let path = mailbox.to_reverse_path().unwrap();
    assert_eq!(path.to_string(), "<user@Bücher.example>");
    #[cfg(feature = "idna")]
    assert_eq!(path.to_ascii().unwrap().to_string(), "<user@xn--bcher-kva.example>");
}

#[test]
fn disallowed_code_points_have_no_envelope_form_at_all() {
    // Fullwidth, circled, compatibility ligature, symbol, emoji, unassigned: what UTS 46 would map
    // or let through is refused, and no form of the path exists.
    for domain in [
        "ｂücher.example",
        "ⓑücher.example",
        "ﬁle.example",
        "☃.example",
        "i❤.example",
        "\u{103FF}x.example",
    ] {
        let input = format!("user@{domain}");
        let addr = AddrSpec::parse(&input).unwrap();
        assert_eq!(addr.diagnoses().category(), Category::Rfc5322, "{input}");
        let err = Mailbox::parse(&input).unwrap().to_reverse_path().unwrap_err();
        assert_eq!(err.kind(), EnvelopeErrorKind::NotHostname, "{input}");
        assert!(addr.to_ascii_string().is_err(), "{input}");
    }
}

#[test]
fn the_label_limit_is_measured_on_the_a_label() {
    // 40 `ñ` are 80 octets of UTF-8, but the A-label has 46.
    let spanish = format!("test@{}.es", "ñ".repeat(40));
    let cjk: String = (0..21).map(|i| char::from_u32(0x4E00 + i * 1500).unwrap()).collect();
    let chinese = format!("test@{cjk}.example");
    #[cfg(feature = "idna")]
    {
        assert!(Mailbox::parse(&spanish).unwrap().to_reverse_path().is_ok());
        // 63 octets of UTF-8, but an A-label past 63.
        let err = Mailbox::parse(&chinese).unwrap().to_reverse_path().unwrap_err();
        assert_eq!(err.kind(), EnvelopeErrorKind::LabelTooLong);
    }
    #[cfg(not(feature = "idna"))]
    {
        assert!(Mailbox::parse(&spanish).unwrap().to_reverse_path().is_err());
        assert!(Mailbox::parse(&chinese).unwrap().to_reverse_path().is_ok());
    }
}
