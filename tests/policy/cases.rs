//! The sender-login case file (`sender_login_cases.txt`, format in its header), read for
//! `tests/policy.rs` (the crate's decisions) and `tests/interop_policy.rs` (the same cases
//! replayed against a real Postfix).

use std::collections::BTreeMap;

use mail_envelope::policy::sender_login::{self, Decision, Mode, Options};
use mail_envelope::policy::table::{Table, TableType};
use mail_envelope::ReversePath;

/// The case file.
pub(crate) const TEXT: &str = include_str!("sender_login_cases.txt");

/// One scenario of the case file: one Postfix configuration and its cases.
#[derive(Debug, Default)]
pub(crate) struct Scenario {
    /// The name after `scenario`.
    pub(crate) name: String,
    /// The table files: name and text (each line with its `\n`).
    pub(crate) files: BTreeMap<String, String>,
    /// The `map` lines, in order, as written (`texthash:NAME`, `unionmap:{…}`).
    pub(crate) maps: Vec<String>,
    /// `recipient_delimiter` (empty when absent).
    pub(crate) delimiter: String,
    /// The `local-domain` lines.
    pub(crate) local_domains: Vec<String>,
    /// The cases, in file order.
    pub(crate) cases: Vec<Case>,
}

/// One `case` line.
#[derive(Debug)]
pub(crate) struct Case {
    /// Its line in the file, from 1.
    pub(crate) line: usize,
    /// The restriction's name.
    pub(crate) mode: String,
    /// The sender as written, without brackets (`<>` for the null sender).
    pub(crate) sender: String,
    /// The SASL login, none for `-`.
    pub(crate) login: Option<String>,
    /// `accept`, `reject` or `defer`.
    pub(crate) decision: String,
    /// The exact reply for `reject` and `defer`.
    pub(crate) reply: Option<String>,
}

/// Splits off the first word, where a word may hold a quoted string with spaces.
fn word(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => return (&text[..i], text[i + 1..].trim_start()),
            _ => {}
        }
    }
    (text, "")
}

/// The scenarios of the case file, in order.
pub(crate) fn read() -> Vec<Scenario> {
    let mut scenarios: Vec<Scenario> = Vec::new();
    let mut current_file: Option<String> = None;
    for (index, line) in TEXT.lines().enumerate() {
        if let Some(content) = line.strip_prefix('|') {
            let name = current_file.as_ref().expect("a '|' line outside a file");
            let scenario = scenarios.last_mut().unwrap();
            let file = scenario.files.get_mut(name).unwrap();
            file.push_str(content.strip_prefix(' ').unwrap_or(content));
            file.push('\n');
            continue;
        }
        current_file = None;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (directive, rest) = word(line);
        match directive {
            "scenario" => scenarios.push(Scenario {
                name: rest.to_string(),
                ..Scenario::default()
            }),
            "file" => {
                scenarios
                    .last_mut()
                    .unwrap()
                    .files
                    .insert(rest.to_string(), String::new());
                current_file = Some(rest.to_string());
            }
            "map" => scenarios.last_mut().unwrap().maps.push(rest.to_string()),
            "delimiter" => scenarios.last_mut().unwrap().delimiter = rest.to_string(),
            "local-domain" => scenarios.last_mut().unwrap().local_domains.push(rest.to_string()),
            "case" => {
                let (mode, rest) = word(rest);
                let (sender, rest) = word(rest);
                let (login, rest) = word(rest);
                let (decision, reply) = word(rest);
                scenarios.last_mut().unwrap().cases.push(Case {
                    line: index + 1,
                    mode: mode.to_string(),
                    sender: sender.to_string(),
                    login: (login != "-").then(|| login.to_string()),
                    decision: decision.to_string(),
                    reply: (!reply.is_empty()).then(|| reply.to_string()),
                });
            }
            other => panic!("line {}: unknown directive {other}", index + 1),
        }
    }
    scenarios
}

impl Scenario {
    /// The tables of its `map` lines, loaded by the crate, in order.
    pub(crate) fn tables(&self) -> Vec<Table> {
        self.maps.iter().map(|m| self.load(m)).collect()
    }

    /// Loads the table `spec` names from the scenario's files.
    fn load(&self, spec: &str) -> Table {
        if let Some(inner) = spec.strip_prefix("unionmap:{").and_then(|s| s.strip_suffix('}')) {
            let members = inner
                .split([',', ' '])
                .filter(|m| !m.is_empty())
                .map(|m| self.load(m))
                .collect();
            return Table::union(spec, members).unwrap();
        }
        let (ty, name) = spec.split_once(':').unwrap();
        let ty = TableType::from_name(ty).unwrap();
        let text = self.files.get(name).unwrap_or_else(|| panic!("no file {name}"));
        Table::load(ty, spec, text).unwrap_or_else(|e| panic!("{spec}: {e}"))
    }

    /// The options its `delimiter` and `local-domain` lines give.
    pub(crate) fn options(&self) -> Options {
        let mut options = Options::default().recipient_delimiter(&self.delimiter);
        for domain in &self.local_domains {
            options = options.local_domain(domain);
        }
        options
    }
}

impl Case {
    /// The crate's decision for the case, with the scenario's `maps` and `options`.
    ///
    /// # Errors
    ///
    /// The crate's error, as text with the case's line.
    pub(crate) fn check(&self, maps: &[Table], options: &Options) -> Result<Decision, String> {
        let mode =
            Mode::from_name(&self.mode).ok_or_else(|| format!("line {}: no restriction {}", self.line, self.mode))?;
        let bracketed = format!("<{}>", self.sender.trim_matches(['<', '>']));
        let sender = ReversePath::parse(&bracketed).map_err(|e| format!("line {}: {e}", self.line))?;
        sender_login::check(maps, options, mode, &sender, self.login.as_deref())
            .map_err(|e| format!("line {}: {e}", self.line))
    }
}
