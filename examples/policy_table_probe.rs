//! Reads `TYPE<TAB>PATTERN<TAB>KEY` lines on standard input and prints, for each, what a one-rule
//! table answers for the key: `found:VALUE`, `none`, `skip` (Postfix would skip the rule) or
//! `err:KIND` (the rule cannot be reproduced). TYPE is `regexp` or `pcre` (the rule's result is
//! `[$1|$2]`), or `regexp-match` / `pcre-match` (its result is `yes`).
//!
//! `scripts/policy_regex_differential.py` feeds it random patterns and compares its answers with
//! glibc's `regexec` and PCRE2's `pcre2_match`, the engines Postfix uses.

use std::io::BufRead;

use mail_envelope::policy::table::{Lookup, Table};

fn main() {
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let mut parts = line.splitn(3, '\t');
        let (Some(kind), Some(pattern), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            println!("err:bad_probe_line");
            continue;
        };
        let text = if kind.ends_with("-match") {
            format!("/{pattern}/ yes\n")
        } else {
            format!("/{pattern}/ [$1|$2]\n")
        };
        let table = if kind.starts_with("pcre") {
            Table::pcre("pcre:probe", &text)
        } else {
            Table::regexp("regexp:probe", &text)
        };
        match table {
            Err(e) => println!("err:{}", e.kind().code()),
            Ok(table) if !table.warnings().is_empty() => println!("skip"),
            Ok(table) => match table.lookup(key) {
                Lookup::Found(hit) => println!("found:{}", hit.value()),
                Lookup::NotFound | Lookup::Failed(_) => println!("none"),
            },
        }
    }
}
