//! Fuzz target `policy_pattern_table`: the `regexp:` and `pcre:` loaders (Postfix rules
//! translated into the `regex` crate's syntax) on any text, then lookups. No panic; a refusal
//! names a line and a byte of the text; a value found comes from a line of the text.
#![no_main]

use mail_envelope::policy::table::{Lookup, Table};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.split('\n').count();
    for table in [Table::regexp("regexp:fuzz", text), Table::pcre("pcre:fuzz", text)] {
        match table {
            Err(e) => {
                let line = e.line().expect("a refusal names its line");
                assert!((1..=lines).contains(&line), "{e}");
                assert!(e.offset().is_some_and(|o| o <= text.len()), "{e}");
            }
            Ok(table) => {
                let first_line = text.lines().next().unwrap_or_default();
                for key in ["alice@example.com", "", "@example.com", first_line] {
                    match table.lookup(key) {
                        Lookup::Found(hit) => {
                            let line = hit.sources()[0].line();
                            assert!((1..=lines).contains(&line));
                        }
                        Lookup::NotFound | Lookup::Failed(_) => {}
                    }
                }
            }
        }
    }
});
