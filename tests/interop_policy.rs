//! The sender-login cases of `tests/policy/sender_login_cases.txt` replayed against a real
//! Postfix, as `tests/policy/README.md` describes: every decision and reply the case file
//! expects, and every one `mail_envelope::policy::sender_login::check` gives, must be the one
//! Postfix gives.
//!
//! `bash tests/interop/postfix.sh run -- cargo test --all-features --test interop_policy -- --nocapture`
//! starts a Postfix of its own on 127.0.0.1 and gives its port in `MAIL_ENVELOPE_POSTFIX_PORT` and
//! its configuration directory in `MAIL_ENVELOPE_POSTFIX_CONFIG`. The test runs as root: for each
//! scenario it writes the table files under that directory, builds the `hash:` tables with
//! `postmap`/`postalias`, sets `main.cf` with `postconf -e` (the maps list, the delimiter, the
//! local domains, the restriction) and reloads; it waits until a new connection is answered by
//! an `smtpd` of the new configuration (each configuration has its own greeting), then for each
//! case connects, says EHLO, `XCLIENT LOGIN=…` when the case has a login (and EHLO again after
//! the new greeting), `MAIL FROM:<…>`, and compares the reply. At the end it puts `main.cf` back
//! as it found it, reloads, and removes its tables.
//!
//! * Without `MAIL_ENVELOPE_POSTFIX_PORT` the test says loudly that it was skipped, and passes.
//! * With it, a server that does not answer fails the test, and so does a missing
//!   `MAIL_ENVELOPE_POSTFIX_CONFIG`.
//! * When `MAIL_ENVELOPE_INTEROP_RAN` names a file, the test appends its name to it once it ran
//!   against the server to its end, so CI can tell that it ran.
//!
//! Every case is printed with Postfix's reply; every disagreement with the transcript of its
//! session; every configuration with the `warning:` and `error:` lines Postfix logged under it.

#[path = "policy/cases.rs"]
mod cases;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use mail_envelope::policy::sender_login::Verdict;
use mail_envelope::smtp::xclient::{AttributeText, Value, XClient, XClientAttribute};

use cases::{Case, Scenario};

#[path = "common/interop.rs"]
mod interop_env;
use interop_env::{ran, server_port, PORT_VAR};

/// The variable that carries the server's configuration directory.
const CONFIG_VAR: &str = "MAIL_ENVELOPE_POSTFIX_CONFIG";
/// How long a connection attempt, a write or the wait for a reply line may take.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How long a reload may take to give new `smtpd` processes.
const RELOAD_TIMEOUT: Duration = Duration::from_secs(30);
/// Postfix's reply to a MAIL FROM that passes the restrictions.
const ACCEPTED: &str = "250 2.1.0 Ok";
/// The directory, under the configuration directory, that holds the scenarios' tables.
const TABLES: &str = "sender-login-replay";

/// Runs a Postfix command; its output, or an error with the output.
///
/// The output goes through a file, not a pipe: `postfix reload` leaves a `postsuper` running in
/// the background with the command's output open, and reading a pipe to its end would wait for
/// that `postsuper` too (about two seconds).
fn run(program: &str, args: &[&str]) -> Result<String, String> {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "mail-envelope-interop-policy-{}-{}.out",
        std::process::id(),
        RUNS.fetch_add(1, Ordering::Relaxed)
    ));
    let file = fs::File::create(&path).map_err(|err| format!("{}: {err}", path.display()))?;
    let status = file.try_clone().map_err(|err| err.to_string()).and_then(|out| {
        Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(file)
            .status()
            .map_err(|err| format!("{program}: {err} (Postfix's commands must be in PATH)"))
    });
    let text = fs::read(&path).map(|b| String::from_utf8_lossy(&b).into_owned());
    let _ = fs::remove_file(&path);
    let status = status?;
    let text = text.map_err(|err| format!("{}: {err}", path.display()))?;
    if status.success() {
        Ok(text)
    } else {
        Err(format!("{program} {}: {status}: {text}", args.join(" ")))
    }
}

/// Dates a file that is written 10 seconds back. Postfix does not read a configuration file or
/// a `texthash:` table modified within the last second, which may be half-written: it waits,
/// 300 ms at a time, until it is a second old (`dict_load_file`, `dict_thash_open`). These are
/// complete, so the replay need not wait.
fn cool(path: &Path) -> std::io::Result<()> {
    let past = SystemTime::now() - Duration::from_secs(10);
    fs::OpenOptions::new().write(true).open(path)?.set_modified(past)
}

// ----- SMTP -----

/// One SMTP reply: its lines as the server wrote them, without CRLF.
#[derive(Debug)]
struct Reply {
    lines: Vec<String>,
}

impl Reply {
    /// The reply code.
    fn code(&self) -> &str {
        self.lines.first().and_then(|line| line.get(..3)).unwrap_or("")
    }

    /// The reply as one line: its lines joined with ` / ` (Postfix's MAIL replies have one).
    fn text(&self) -> String {
        self.lines.join(" / ")
    }
}

/// A connection that keeps its transcript.
struct Connection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    transcript: Vec<String>,
}

impl Connection {
    /// Connects and reads the greeting.
    fn open(port: u16) -> Result<(Connection, Reply), String> {
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let stream = TcpStream::connect_timeout(&address, TIMEOUT)
            .map_err(|err| format!("{PORT_VAR}={port} is set, but no server answers on {address}: {err}"))?;
        stream.set_read_timeout(Some(TIMEOUT)).map_err(|e| e.to_string())?;
        stream.set_write_timeout(Some(TIMEOUT)).map_err(|e| e.to_string())?;
        let writer = stream.try_clone().map_err(|e| e.to_string())?;
        let mut connection = Connection {
            reader: BufReader::new(stream),
            writer,
            transcript: Vec::new(),
        };
        let greeting = connection.reply()?;
        Ok((connection, greeting))
    }

    /// Reads one reply.
    fn reply(&mut self) -> Result<Reply, String> {
        let mut lines = Vec::new();
        loop {
            let mut raw = Vec::new();
            let n = self
                .reader
                .read_until(b'\n', &mut raw)
                .map_err(|err| format!("reading a reply: {err}"))?;
            if n == 0 {
                self.transcript.push("S: (connection closed)".to_owned());
                return Err(format!("the server closed the connection (after {lines:?})"));
            }
            let line = String::from_utf8_lossy(&raw);
            let line = line
                .strip_suffix("\r\n")
                .ok_or_else(|| format!("reply line {line:?} does not end in CRLF"))?
                .to_owned();
            self.transcript.push(format!("S: {line}"));
            let last = line.as_bytes().get(3) != Some(&b'-');
            lines.push(line);
            if last {
                return Ok(Reply { lines });
            }
        }
    }

    /// Sends one command line (with its CRLF) and reads the reply.
    fn command(&mut self, line: &str) -> Result<Reply, String> {
        self.transcript.push(format!("C: {}", line.trim_end_matches("\r\n")));
        self.writer
            .write_all(line.as_bytes())
            .map_err(|err| format!("writing {line:?}: {err}"))?;
        self.reply()
    }
}

// ----- the instance -----

/// The Postfix instance under test, whose `main.cf` is put back as it was when this is dropped.
struct Instance {
    port: u16,
    config: PathBuf,
    saved: String,
    /// The greeting before any change, which the restored configuration gives again.
    greeting: String,
    tables: PathBuf,
    generation: usize,
    reloads: usize,
}

impl Instance {
    /// Takes the instance at `port` whose configuration is in `config`; fails when the server
    /// does not answer.
    fn new(port: u16, config: PathBuf) -> Instance {
        let (mut connection, greeting) = Connection::open(port).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(greeting.code(), "220", "greeting: {}", greeting.text());
        let _ = connection.command("QUIT\r\n");
        let main_cf = config.join("main.cf");
        let saved = fs::read_to_string(&main_cf).unwrap_or_else(|err| {
            panic!(
                "{CONFIG_VAR}={}: {err}: the instance's configuration directory is needed",
                config.display()
            )
        });
        let tables = config.join(TABLES);
        assert!(
            !tables.exists(),
            "{} exists: another replay is running on this instance, or one left it behind",
            tables.display()
        );
        fs::create_dir(&tables).unwrap_or_else(|err| panic!("{}: {err}", tables.display()));
        Instance {
            port,
            config,
            saved,
            greeting: greeting.text(),
            tables,
            generation: 0,
            reloads: 0,
        }
    }

    fn config_arg(&self) -> &str {
        self.config.to_str().expect("a UTF-8 configuration directory")
    }

    /// The path of the server's log.
    fn maillog(&self) -> PathBuf {
        let path =
            run("postconf", &["-c", self.config_arg(), "-h", "maillog_file"]).unwrap_or_else(|err| panic!("{err}"));
        PathBuf::from(path.trim())
    }

    /// Writes a scenario's files into a directory of their own, builds its `hash:` tables, and
    /// gives its `smtpd_sender_login_maps` in Postfix syntax.
    fn install_tables(&self, index: usize, scenario: &Scenario) -> String {
        let dir = self.tables.join(format!("{index:02}-{}", scenario.name));
        fs::create_dir(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
        for (name, text) in &scenario.files {
            let path = dir.join(name);
            fs::write(&path, text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            cool(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        }
        let dir = dir.to_str().expect("a UTF-8 directory").to_owned();
        let mut built = Vec::new();
        let maps: Vec<String> = scenario
            .maps
            .iter()
            .map(|spec| self.translate(spec, &dir, &mut built))
            .collect();
        maps.join(", ")
    }

    /// One map of the case file in Postfix syntax, building it first when it is a `hash:`.
    fn translate(&self, spec: &str, dir: &str, built: &mut Vec<String>) -> String {
        if let Some(inner) = spec.strip_prefix("unionmap:{").and_then(|s| s.strip_suffix('}')) {
            let members: Vec<String> = inner
                .split([',', ' '])
                .filter(|m| !m.is_empty())
                .map(|m| self.translate(m, dir, built))
                .collect();
            return format!("unionmap:{{{}}}", members.join(", "));
        }
        let (ty, name) = spec
            .split_once(':')
            .unwrap_or_else(|| panic!("map {spec:?} has no type"));
        let table = format!("{dir}/{name}");
        let builder = match ty {
            "texthash" | "regexp" | "pcre" => None,
            "hash" => Some("postmap"),
            "aliases" => Some("postalias"),
            other => panic!("map {spec:?}: no table type {other} in Postfix"),
        };
        let postfix = format!("{}:{table}", if ty == "aliases" { "hash" } else { ty });
        if let Some(builder) = builder {
            if !built.contains(&postfix) {
                let output = run(builder, &["-c", self.config_arg(), &postfix]).unwrap_or_else(|err| panic!("{err}"));
                if !output.trim().is_empty() {
                    eprintln!("    {builder} {postfix}: {}", output.trim());
                }
                built.push(postfix.clone());
            }
        }
        postfix
    }

    /// Sets `settings` in `main.cf`, reloads, and waits until new connections are answered by
    /// an `smtpd` that read the new configuration; gives that configuration's greeting word and
    /// what the wait took: the `postfix reload` command, then the rest until a new `smtpd`
    /// answered, with the number of connections an old one answered meanwhile.
    fn configure(&mut self, settings: &[(&str, String)]) -> (String, Reload) {
        self.generation += 1;
        let token = format!("sender-login-replay-{}", self.generation);
        let mut args: Vec<String> = vec!["-c".into(), self.config_arg().into(), "-e".into()];
        for (name, value) in settings {
            args.push(format!("{name} = {value}"));
        }
        args.push(format!("smtpd_banner = $myhostname ESMTP {token}"));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run("postconf", &args).unwrap_or_else(|err| panic!("{err}"));
        let main_cf = self.config.join("main.cf");
        cool(&main_cf).unwrap_or_else(|err| panic!("{}: {err}", main_cf.display()));
        let start = Instant::now();
        self.reload();
        let command = start.elapsed();
        let (mut connection, _, stale) = self.connect(&token).unwrap_or_else(|err| panic!("{err}"));
        let _ = connection.command("QUIT\r\n");
        let reload = Reload {
            command,
            until_new: start.elapsed().saturating_sub(command),
            stale,
        };
        (token, reload)
    }

    fn reload(&mut self) {
        run("postfix", &["-c", self.config_arg(), "reload"]).unwrap_or_else(|err| panic!("{err}"));
        self.reloads += 1;
    }

    /// A connection greeted by an `smtpd` of the configuration whose greeting holds `token`;
    /// connections that an `smtpd` of an older configuration answers are closed and tried again.
    /// Gives the connection, its greeting, and how many connections were tried before.
    fn connect(&self, token: &str) -> Result<(Connection, Reply, usize), String> {
        self.connect_until(|greeting| greeting.split(' ').any(|word| word == token))
    }

    fn connect_until(&self, fresh: impl Fn(&str) -> bool) -> Result<(Connection, Reply, usize), String> {
        let start = Instant::now();
        let mut stale = 0;
        loop {
            let (mut connection, greeting) = Connection::open(self.port)?;
            if greeting.code() == "220" && fresh(&greeting.text()) {
                return Ok((connection, greeting, stale));
            }
            stale += 1;
            let _ = connection.command("QUIT\r\n");
            if start.elapsed() > RELOAD_TIMEOUT {
                return Err(format!(
                    "{:?} after a reload the server still greets with {:?}",
                    RELOAD_TIMEOUT,
                    greeting.text()
                ));
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let main_cf = self.config.join("main.cf");
        if let Err(err) = fs::write(&main_cf, &self.saved).and_then(|()| cool(&main_cf)) {
            eprintln!("could not put {} back: {err}", main_cf.display());
            return;
        }
        if let Err(err) = run("postfix", &["-c", self.config_arg(), "reload"]) {
            eprintln!("{err}");
            return;
        }
        let greeting = self.greeting.clone();
        match self.connect_until(|g| g == greeting) {
            Ok((mut connection, _, _)) => {
                let _ = connection.command("QUIT\r\n");
            }
            Err(err) => eprintln!("after putting main.cf back: {err}"),
        }
        if let Err(err) = fs::remove_dir_all(&self.tables) {
            eprintln!("{}: {err}", self.tables.display());
        }
    }
}

// ----- the replay -----

/// What a reload took.
struct Reload {
    /// The `postfix reload` command.
    command: Duration,
    /// From its end until a new `smtpd` answered.
    until_new: Duration,
    /// Connections an `smtpd` of the old configuration answered meanwhile.
    stale: usize,
}

/// What one case gave.
struct Outcome {
    expected: String,
    postfix: String,
    crate_reply: String,
    transcript: Vec<String>,
}

impl Outcome {
    fn agrees(&self) -> bool {
        self.postfix == self.expected && self.crate_reply == self.expected
    }
}

/// The reply the case file expects.
fn expected(case: &Case) -> String {
    match (case.decision.as_str(), &case.reply) {
        ("accept", None) => ACCEPTED.to_owned(),
        ("reject" | "defer", Some(reply)) => reply.clone(),
        (decision, reply) => panic!("line {}: decision {decision} with reply {reply:?}", case.line),
    }
}

/// The crate's reply: Postfix's acceptance for an accepted sender, else the reply; with the
/// verdict named when it does not fit the reply code.
fn crate_reply(scenario: &Scenario, case: &Case) -> String {
    let maps = scenario.tables();
    match case.check(&maps, &scenario.options()) {
        Err(err) => format!("error: {err}"),
        Ok(decision) => {
            let reply = decision.reply().unwrap_or(ACCEPTED).to_owned();
            let code_fits = match decision.verdict() {
                Verdict::Accept => decision.reply().is_none(),
                Verdict::Reject => reply.starts_with('5'),
                Verdict::Defer => reply.starts_with('4'),
            };
            if code_fits {
                reply
            } else {
                format!("{} with {reply}", decision.verdict().as_str())
            }
        }
    }
}

/// One session: EHLO, XCLIENT LOGIN and EHLO again when there is a login, MAIL FROM, QUIT.
/// Gives the reply to MAIL FROM (or what went wrong before it) and the transcript.
fn replay(instance: &Instance, token: &str, case: &Case) -> (String, Vec<String>) {
    let mut smtp = match instance.connect(token) {
        Ok((connection, _greeting, _stale)) => connection,
        Err(err) => return (format!("no session: {err}"), Vec::new()),
    };
    let result = (|| -> Result<String, String> {
        let ehlo = smtp.command("EHLO client.example\r\n")?;
        if ehlo.code() != "250" {
            return Err(format!("EHLO: {}", ehlo.text()));
        }
        if let Some(login) = &case.login {
            let text = AttributeText::new(login).map_err(|err| format!("login {login:?}: {err}"))?;
            let xclient =
                XClient::new(vec![XClientAttribute::Login(Value::Known(text))]).map_err(|err| err.to_string())?;
            for line in xclient.to_lines() {
                let reply = smtp.command(&line)?;
                if reply.code() != "220" {
                    return Err(format!("XCLIENT: {}", reply.text()));
                }
            }
            let ehlo = smtp.command("EHLO client.example\r\n")?;
            if ehlo.code() != "250" {
                return Err(format!("EHLO after XCLIENT: {}", ehlo.text()));
            }
        }
        let sender = if case.sender == "<>" { "" } else { case.sender.as_str() };
        let smtputf8 = if sender.is_ascii() { "" } else { " SMTPUTF8" };
        let mail = smtp.command(&format!("MAIL FROM:<{sender}>{smtputf8}\r\n"))?;
        Ok(mail.text())
    })();
    let _ = smtp.command("QUIT\r\n");
    let reply = result.unwrap_or_else(|err| format!("no reply to MAIL FROM: {err}"));
    (reply, std::mem::take(&mut smtp.transcript))
}

/// The cases of one scenario with one restriction: one configuration of the server.
struct Group<'a> {
    scenario: &'a Scenario,
    mode: &'a str,
    /// Where the server's log stood before the configuration was loaded.
    log_offset: usize,
    reload: Reload,
    outcomes: Vec<(&'a Case, Outcome)>,
}

/// The restrictions a scenario's cases use, in the order they first appear.
fn modes(scenario: &Scenario) -> Vec<&str> {
    let mut modes: Vec<&str> = Vec::new();
    for case in &scenario.cases {
        if !modes.contains(&case.mode.as_str()) {
            modes.push(&case.mode);
        }
    }
    modes
}

/// The lines of `log` from byte `from` to byte `to` that say `warning:`, `error:`, `fatal:` or
/// `panic:`.
fn log_problems(log: &str, from: usize, to: usize) -> Vec<String> {
    log.get(from..to.min(log.len()))
        .unwrap_or("")
        .lines()
        .filter(|line| {
            ["warning:", "error:", "fatal:", "panic:"]
                .iter()
                .any(|w| line.contains(w))
        })
        .map(str::to_owned)
        .collect()
}

/// Prints every configuration (what its reload took, what Postfix logged under it) and every
/// case; gives the number of cases and the disagreements.
fn report(groups: &[Group<'_>], log: &str) -> (usize, Vec<String>) {
    let mut total = 0;
    let mut disagreements = Vec::new();
    for (i, group) in groups.iter().enumerate() {
        let Group { scenario, mode, .. } = group;
        let end = groups.get(i + 1).map_or(log.len(), |next| next.log_offset);
        let reload = &group.reload;
        eprintln!(
            "==== {} / {mode} (postfix reload {} ms, then {} ms until a new smtpd answered; {} \
             connections answered by the old configuration meanwhile)",
            scenario.name,
            reload.command.as_millis(),
            reload.until_new.as_millis(),
            reload.stale
        );
        for line in log_problems(log, group.log_offset, end) {
            eprintln!("  log: {line}");
        }
        for (case, outcome) in &group.outcomes {
            total += 1;
            let login = case.login.as_deref().unwrap_or("-");
            if outcome.agrees() {
                eprintln!(
                    "  ok   line {} {} as {login}: {}",
                    case.line, case.sender, outcome.postfix
                );
                continue;
            }
            let report = format!(
                "{} line {}: {mode} {} as {login}\n    expected: {}\n    postfix:  {}\n    crate:    {}",
                scenario.name, case.line, case.sender, outcome.expected, outcome.postfix, outcome.crate_reply
            );
            eprintln!(
                "  DIFF {report}\n    transcript:\n      {}",
                outcome.transcript.join("\n      ")
            );
            disagreements.push(report);
        }
    }
    (total, disagreements)
}

#[test]
fn sender_login_cases_agree_with_postfix() {
    const TEST: &str = "sender_login_cases_agree_with_postfix";
    let Some(port) = server_port(TEST) else { return };
    let config = std::env::var_os(CONFIG_VAR).unwrap_or_else(|| {
        panic!("{PORT_VAR} is set but {CONFIG_VAR} is not: run the test through tests/interop/postfix.sh")
    });
    let started = Instant::now();
    let scenarios = cases::read();
    let mut instance = Instance::new(port, PathBuf::from(config));
    let maillog = instance.maillog();
    let log_size = |path: &Path| fs::metadata(path).map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));

    let mut groups: Vec<Group<'_>> = Vec::new();
    for (index, scenario) in scenarios.iter().enumerate() {
        let maps = instance.install_tables(index, scenario);
        for mode in modes(scenario) {
            let log_offset = log_size(&maillog);
            let (token, reload) = instance.configure(&[
                ("smtpd_sender_login_maps", maps.clone()),
                ("recipient_delimiter", scenario.delimiter.clone()),
                ("mydestination", scenario.local_domains.join(", ")),
                ("smtpd_delay_reject", "no".to_owned()),
                ("smtpd_sender_restrictions", mode.to_owned()),
            ]);
            let mut outcomes = Vec::new();
            for case in scenario.cases.iter().filter(|c| c.mode == mode) {
                let (postfix, transcript) = replay(&instance, &token, case);
                outcomes.push((
                    case,
                    Outcome {
                        expected: expected(case),
                        postfix,
                        crate_reply: crate_reply(scenario, case),
                        transcript,
                    },
                ));
            }
            groups.push(Group {
                scenario,
                mode,
                log_offset,
                reload,
                outcomes,
            });
        }
    }
    let reloads = instance.reloads;
    drop(instance);
    let elapsed = started.elapsed();

    // Everything Postfix logged is in by now (the restore waited for a new smtpd).
    let log = fs::read(&maillog)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let (total, disagreements) = report(&groups, &log);
    eprintln!(
        "replayed {total} cases of {} scenarios against Postfix in {:.1}s ({reloads} reloads): {} agree, {} differ",
        scenarios.len(),
        elapsed.as_secs_f64(),
        total - disagreements.len(),
        disagreements.len()
    );
    assert!(
        disagreements.is_empty(),
        "{} of {total} cases differ:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert!(total >= 60, "only {total} cases replayed");
    ran(TEST);
}
