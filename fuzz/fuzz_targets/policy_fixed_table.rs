//! Fuzz target `policy_fixed_table`: the `texthash:`, `hash:` and `aliases:` loaders (the
//! `postmap` and `postalias` source formats) and a unionmap of the three, on any text. No panic;
//! every warning names a line of the text; every key a line starts with is looked up.
#![no_main]

use mail_envelope::policy::table::{Lookup, Table};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.split('\n').count();
    let tables = [
        Table::texthash("texthash:fuzz", text),
        Table::hash("hash:fuzz", text),
        Table::aliases("aliases:fuzz", text),
    ];
    for table in &tables {
        assert!(table.len() <= lines);
        for warning in table.warnings() {
            assert!((1..=lines).contains(&warning.line()), "{warning}");
        }
    }
    let union = Table::union("unionmap:{fuzz}", tables.to_vec()).expect("three members");
    for line in text.lines().take(64) {
        let key = line.split([' ', '\t', ':']).next().unwrap_or_default();
        if let Lookup::Found(hit) = union.lookup(key) {
            assert!(!hit.sources().is_empty());
            for source in hit.sources() {
                assert!((1..=lines).contains(&source.line()));
            }
        }
    }
});
