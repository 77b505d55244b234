//! Command pipelining (RFC 2920 §3.1): which commands a client may send together, in one
//! [`Batch`], before it reads their replies.
//!
//! Without the `PIPELINING` extension every command is a batch of its own. With it, RSET, MAIL,
//! SEND, SOML, SAML and RCPT "can all appear anywhere in a pipelined command group", and so can a
//! BDAT that is not the last chunk (RFC 3030 §4.2). Every other command ends its batch: EHLO,
//! DATA, VRFY, EXPN, TURN, QUIT and NOOP by RFC 2920 §3.1 itself, HELO with them, STARTTLS
//! (RFC 3207 §4.2), AUTH (RFC 4954 §4), `BDAT … LAST`, the Postfix extensions XCLIENT and
//! XFORWARD, and any command RFC 2920 does not name ("Additional commands added by other SMTP
//! extensions may only appear as the last command in a group unless otherwise specified").
//!
//! After XCLIENT the server "resets state to the initial SMTP greeting protocol stage" and answers
//! with a new `220` greeting (Postfix `XCLIENT_README`); after STARTTLS's `220` the session starts
//! over inside TLS. In both cases the client must read that reply and send EHLO again before
//! anything else: [`Pipeline::wait_for_greeting_after`] lists those batches. Sending EHLO in the
//! same batch as XCLIENT is what Postfix refuses with "improper command pipelining after XCLIENT".
//!
//! Verbs are matched without regard to case.

use alloc::string::String;
use alloc::vec::Vec;

use super::reply::Reply;
use super::{SmtpError, SmtpErrorKind};

/// The verbs that may stand anywhere in a batch (RFC 2920 §3.1); BDAT is handled apart.
const ANYWHERE: [&str; 6] = ["RSET", "MAIL", "SEND", "SOML", "SAML", "RCPT"];

/// The verbs after which the server greets again and the client starts over with EHLO.
const GREETING_AFTER: [&str; 2] = ["XCLIENT", "STARTTLS"];

/// Commands sent together, whose replies the client reads after sending the last of them.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::pipeline::Pipeline;
///
/// let pipeline = Pipeline::plan(&["MAIL FROM:<a@example.org>", "RCPT TO:<b@example.net>", "DATA"], true)?;
/// let batch = &pipeline.batches()[0];
/// assert_eq!(batch.commands(), ["MAIL FROM:<a@example.org>", "RCPT TO:<b@example.net>", "DATA"]);
/// assert_eq!(batch.to_wire(), "MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n");
/// assert!(!batch.waits_for_greeting());
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Batch<'a> {
    commands: Vec<&'a str>,
    waits_for_greeting: bool,
}

impl<'a> Batch<'a> {
    /// The batch's commands, in order, each without its line end.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::pipeline::Pipeline;
    ///
    /// let pipeline = Pipeline::plan(&["NOOP"], true)?;
    /// assert_eq!(pipeline.batches()[0].commands(), ["NOOP"]);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn commands(&self) -> &[&'a str] {
        &self.commands
    }

    /// Whether the batch ends with XCLIENT or STARTTLS, after which the server greets again
    /// and the client must send EHLO before anything else.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::pipeline::Pipeline;
    ///
    /// let pipeline = Pipeline::plan(&["STARTTLS", "EHLO mx.example"], true)?;
    /// assert!(pipeline.batches()[0].waits_for_greeting());
    /// assert!(!pipeline.batches()[1].waits_for_greeting());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn waits_for_greeting(&self) -> bool {
        self.waits_for_greeting
    }

    /// The bytes to send: every command followed by CRLF.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::pipeline::Pipeline;
    ///
    /// let pipeline = Pipeline::plan(&["RSET", "QUIT"], true)?;
    /// assert_eq!(pipeline.batches()[0].to_wire(), "RSET\r\nQUIT\r\n");
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn to_wire(&self) -> String {
        let mut wire = String::with_capacity(self.commands.iter().map(|c| c.len() + 2).sum());
        for command in &self.commands {
            wire.push_str(command);
            wire.push_str("\r\n");
        }
        wire
    }

    /// Pairs each command with its reply: the server answers in order, one reply per command
    /// (RFC 2920 §3.2), and the client matches them by counting, never by code or text
    /// (RFC 2920 §3.1).
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::BatchReplyCount`] when there are not exactly as many replies as
    /// commands.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::pipeline::Pipeline;
    /// use mail_envelope::smtp::reply::Reply;
    ///
    /// let pipeline = Pipeline::plan(&["MAIL FROM:<a@example.org>", "RCPT TO:<b@example.net>", "DATA"], true)?;
    /// let replies = [
    ///     Reply::new(250, None, ["Ok"])?,
    ///     Reply::new(550, None, ["No such user"])?,
    ///     Reply::new(554, None, ["No valid recipients"])?,
    /// ];
    /// let paired = pipeline.batches()[0].pair(&replies)?;
    /// assert_eq!((paired[1].0, paired[1].1.code()), ("RCPT TO:<b@example.net>", 550));
    /// assert!(pipeline.batches()[0].pair(&replies[..2]).is_err());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn pair<'r, 'x>(&self, replies: &'r [Reply<'x>]) -> Result<Vec<(&'a str, &'r Reply<'x>)>, SmtpError> {
        if replies.len() != self.commands.len() {
            return Err(SmtpError::new(SmtpErrorKind::BatchReplyCount));
        }
        Ok(self.commands.iter().copied().zip(replies).collect())
    }
}

/// A client's commands cut into [`Batch`]es (RFC 2920 §3.1).
///
/// # Examples
///
/// The commands a proxy such as Mailu's sends: XCLIENT must wait for its `220` before EHLO, and
/// AUTH ends a batch.
///
/// ```
/// use mail_envelope::smtp::pipeline::Pipeline;
///
/// let commands = ["XCLIENT ADDR=192.0.2.1", "EHLO mx.example", "AUTH PLAIN AGFsaWNlAHNlY3JldA=="];
/// let pipeline = Pipeline::plan(&commands, true)?;
/// let batches: Vec<_> = pipeline.batches().iter().map(|b| b.commands().to_vec()).collect();
/// assert_eq!(batches, [vec![commands[0]], vec![commands[1]], vec![commands[2]]]);
/// assert_eq!(pipeline.wait_for_greeting_after(), [0]);
/// # Ok::<(), mail_envelope::smtp::SmtpError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pipeline<'a> {
    batches: Vec<Batch<'a>>,
}

impl<'a> Pipeline<'a> {
    /// Cuts `commands` (one command each, without its line end) into batches, for a server
    /// that offers `PIPELINING` or not.
    ///
    /// # Errors
    ///
    /// [`SmtpErrorKind::BatchCommandControl`] for a command holding CR, LF or NUL, and
    /// [`SmtpErrorKind::Empty`] for an empty command. The offset counts bytes in the commands as
    /// they would be sent: each followed by CRLF, one after another.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::pipeline::Pipeline;
    /// use mail_envelope::smtp::SmtpErrorKind;
    ///
    /// let commands = ["mail FROM:<a@example.org>", "rcpt TO:<b@example.net>", "bdat 1000", "BDAT 0 last", "quit"];
    /// assert_eq!(Pipeline::plan(&commands, true)?.batches().len(), 2);
    /// assert_eq!(Pipeline::plan(&commands, false)?.batches().len(), 5);
    ///
    /// let err = Pipeline::plan(&["NOOP", "RCPT TO:<b@example.net>\r\nDATA"], true).unwrap_err();
    /// assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::BatchCommandControl, Some(29)));
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn plan(commands: &[&'a str], pipelining: bool) -> Result<Pipeline<'a>, SmtpError> {
        let mut batches = Vec::new();
        let mut current = Vec::new();
        let mut offset = 0;
        for &command in commands {
            if command.is_empty() {
                return Err(SmtpError::at(SmtpErrorKind::Empty, offset));
            }
            if let Some(at) = command.bytes().position(|b| matches!(b, b'\r' | b'\n' | 0)) {
                return Err(SmtpError::at(SmtpErrorKind::BatchCommandControl, offset + at));
            }
            offset += command.len() + 2;
            current.push(command);
            if !pipelining || ends_batch(command) {
                batches.push(Batch {
                    commands: core::mem::take(&mut current),
                    waits_for_greeting: waits_for_greeting(command),
                });
            }
        }
        if !current.is_empty() {
            batches.push(Batch {
                commands: current,
                waits_for_greeting: false,
            });
        }
        Ok(Pipeline { batches })
    }

    /// The batches, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::pipeline::Pipeline;
    ///
    /// assert!(Pipeline::plan(&[], true)?.batches().is_empty());
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn batches(&self) -> &[Batch<'a>] {
        &self.batches
    }

    /// The 0-based indexes of the batches after which a new `220` greeting comes (they end
    /// with XCLIENT or STARTTLS).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::smtp::pipeline::Pipeline;
    ///
    /// let pipeline = Pipeline::plan(&["EHLO a.example", "XCLIENT ADDR=192.0.2.1", "EHLO a.example"], true)?;
    /// assert_eq!(pipeline.wait_for_greeting_after(), [1]);
    /// # Ok::<(), mail_envelope::smtp::SmtpError>(())
    /// ```
    pub fn wait_for_greeting_after(&self) -> Vec<usize> {
        self.batches
            .iter()
            .enumerate()
            .filter(|(_, batch)| batch.waits_for_greeting)
            .map(|(i, _)| i)
            .collect()
    }
}

/// The command's verb: what comes before the first space.
fn verb(command: &str) -> &str {
    command.split(' ').next().unwrap_or_default()
}

/// Whether `command` must be the last of its batch when pipelining (RFC 2920 §3.1): everything
/// but RSET, MAIL, SEND, SOML, SAML, RCPT and a BDAT that is not `LAST`.
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::pipeline::ends_batch;
///
/// assert!(!ends_batch("RCPT TO:<b@example.net>"));
/// assert!(!ends_batch("BDAT 4096"));
/// assert!(ends_batch("BDAT 0 LAST"));
/// assert!(ends_batch("xclient ADDR=192.0.2.1"));
/// assert!(ends_batch("ETRN example.org"));
/// ```
pub fn ends_batch(command: &str) -> bool {
    let verb = verb(command);
    if verb.eq_ignore_ascii_case("BDAT") {
        return command
            .rsplit(' ')
            .next()
            .is_some_and(|last| last.eq_ignore_ascii_case("LAST"));
    }
    !ANYWHERE.iter().any(|anywhere| verb.eq_ignore_ascii_case(anywhere))
}

/// Whether the server answers `command` with a new greeting, after which the client starts
/// over with EHLO: XCLIENT (Postfix) and STARTTLS (RFC 3207 §4.2).
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::pipeline::waits_for_greeting;
///
/// assert!(waits_for_greeting("XCLIENT NAME=mx.example"));
/// assert!(waits_for_greeting("starttls"));
/// assert!(!waits_for_greeting("XFORWARD NAME=mx.example"));
/// ```
pub fn waits_for_greeting(command: &str) -> bool {
    let verb = verb(command);
    GREETING_AFTER
        .iter()
        .any(|greeting| verb.eq_ignore_ascii_case(greeting))
}

#[cfg(feature = "serde")]
mod serde_impl {
    use serde::ser::{SerializeStruct, Serializer};
    use serde::Serialize;

    use super::Pipeline;

    /// A [`Pipeline`] serializes as the record the CLI prints: `batches`, a list of lists of
    /// commands, and `wait_for_greeting_after`.
    impl Serialize for Pipeline<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let batches: alloc::vec::Vec<&[&str]> = self.batches.iter().map(super::Batch::commands).collect();
            let mut record = serializer.serialize_struct("Pipeline", 2)?;
            record.serialize_field("batches", &batches)?;
            record.serialize_field("wait_for_greeting_after", &self.wait_for_greeting_after())?;
            record.end()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn batches<'a>(pipeline: &Pipeline<'a>) -> Vec<Vec<&'a str>> {
        pipeline.batches().iter().map(|b| b.commands().to_vec()).collect()
    }

    #[test]
    fn every_command_is_its_own_batch_without_pipelining() {
        let commands = ["MAIL FROM:<a@x.example>", "RCPT TO:<b@y.example>", "DATA"];
        let pipeline = Pipeline::plan(&commands, false).unwrap();
        assert_eq!(
            batches(&pipeline),
            [["MAIL FROM:<a@x.example>"], ["RCPT TO:<b@y.example>"], ["DATA"]]
        );
    }

    #[test]
    fn each_rfc_2920_last_command_ends_a_batch() {
        for last in [
            "EHLO x",
            "HELO x",
            "DATA",
            "VRFY x",
            "EXPN x",
            "TURN",
            "QUIT",
            "NOOP",
            "STARTTLS",
            "AUTH PLAIN",
            "XCLIENT A=B",
            "XFORWARD A=B",
            "BDAT 0 LAST",
            "HELP",
            "X-UNKNOWN",
        ] {
            let pipeline = Pipeline::plan(&["RSET", last, "MAIL FROM:<>"], true).unwrap();
            assert_eq!(batches(&pipeline), [vec!["RSET", last], vec!["MAIL FROM:<>"]], "{last}");
        }
    }

    #[test]
    fn grouping_commands_stay_together_in_any_case() {
        let commands = [
            "rset",
            "Mail FROM:<>",
            "SEND FROM:<>",
            "SOML FROM:<>",
            "SAML FROM:<>",
            "rcpt TO:<a@b>",
            "bdat 10",
        ];
        let pipeline = Pipeline::plan(&commands, true).unwrap();
        assert_eq!(batches(&pipeline), [commands.to_vec()]);
        assert!(pipeline.wait_for_greeting_after().is_empty());
    }

    #[test]
    fn the_mailu_sequence_is_three_batches() {
        let commands = [
            "XCLIENT ADDR=192.0.2.1",
            "EHLO mx.example",
            "AUTH PLAIN AGFsaWNlAHNlY3JldA==",
        ];
        let pipeline = Pipeline::plan(&commands, true).unwrap();
        assert_eq!(batches(&pipeline), [[commands[0]], [commands[1]], [commands[2]]]);
        assert_eq!(pipeline.wait_for_greeting_after(), [0]);
    }

    #[test]
    fn a_verb_is_a_whole_word() {
        assert!(ends_batch("MAILX FROM:<>"));
        assert!(ends_batch("RCPTTO:<a@b>"));
        assert!(!waits_for_greeting("XCLIENTX"));
        assert!(!ends_batch("BDAT 10 LASTING"));
        assert!(ends_batch(" MAIL FROM:<>"));
    }

    #[test]
    fn rejects_empty_commands_and_line_ends() {
        let err = Pipeline::plan(&["NOOP", ""], true).unwrap_err();
        assert_eq!((err.kind(), err.offset()), (SmtpErrorKind::Empty, Some(6)));
        for (command, at) in [("a\rb", 1), ("a\nb", 1), ("ab\0", 2)] {
            let err = Pipeline::plan(&[command], true).unwrap_err();
            assert_eq!(
                (err.kind(), err.offset()),
                (SmtpErrorKind::BatchCommandControl, Some(at))
            );
        }
    }
}
