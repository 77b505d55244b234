//! Fuzz target `policy_autoreply`: a header block read by `parse_header_block`, then the
//! auto-reply decision on it. No panic; an error points into the input; a reply goes to the
//! envelope sender from `<>` and starts with `Auto-Submitted: auto-replied`; no reply names a
//! rule.
#![no_main]

use mail_envelope::policy::autoreply::{decide, parse_header_block};
use mail_envelope::{AddrSpec, ReversePath};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let headers = match parse_header_block(text) {
        Ok(headers) => headers,
        Err(e) => {
            assert!(e.offset().is_some_and(|o| o < text.len()), "{e}");
            return;
        }
    };
    let me = AddrSpec::parse("alice@example.com").expect("valid");
    let also = [AddrSpec::parse("a@example.net").expect("valid")];
    let sender = ReversePath::parse("<bob@example.org>").expect("valid");
    for already in [false, true] {
        let d = decide(&sender, &me, &also, &headers, already);
        if d.reply() {
            assert!(!already);
            assert_eq!(d.to(), Some("<bob@example.org>"));
            assert_eq!(d.mail_from(), Some("<>"));
            assert_eq!(d.headers()[0].0, "Auto-Submitted");
            assert!(d.rule().is_none());
        } else {
            assert!(d.rule().is_some());
        }
    }
});
