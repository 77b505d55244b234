//! `mail-envelope` turns what people write as an email address into the two forms a mailer needs:
//! the **header form** for `From:` and `To:` (RFC 5322, RFC 6532, RFC 2047), display name kept and
//! quoted or encoded as needed, and the **envelope form** for `MAIL FROM:<…>` and `RCPT TO:<…>`
//! (RFC 5321, RFC 6531): the bare path, canonical, length-checked, and never carrying a display
//! name, a comment, CR, LF or NUL. One parse gives both. Everything is a pure function or a value
//! type: no I/O, no global state, no DNS.
//!
//! # Quick start
//!
//! ```
//! use mail_envelope::{Mailbox, RenderOptions};
//!
//! let mailbox = Mailbox::parse("服务显示名称 <keepalived@server.example.com>")?;
//! // The envelope form: what MAIL FROM carries.
//! assert_eq!(mailbox.to_reverse_path()?.to_string(), "<keepalived@server.example.com>");
//! // The header form: the name kept, RFC 2047-encoded for an ASCII header.
//! assert_eq!(
//!     mailbox.to_header(&RenderOptions::default())?,
//!     "=?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Bad input is an error that says what was expected, where, and what was found:
//!
//! ```
//! use mail_envelope::{ErrorKind, Mailbox};
//!
//! let err = Mailbox::parse("Name <keepalived@host").unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::ExpectedAngleClose);
//! assert_eq!(err.to_string(), "expected '>' to close angle-addr at byte 21, found end of input");
//!
//! // CRLF injection is never an address.
//! assert_eq!(Mailbox::parse("a@b>\r\nRCPT TO:<evil@x>").unwrap_err().kind(), ErrorKind::ForbiddenControl);
//! ```
//!
//! RFC 5321 paths parse directly, source routes dropped:
//!
//! ```
//! use mail_envelope::ForwardPath;
//! let path = ForwardPath::parse("<@relay.example:user@example.com>")?;
//! assert_eq!(path.to_string(), "<user@example.com>");
//! # Ok::<(), mail_envelope::ParseError>(())
//! ```
//!
//! # Lists, `To:` fields and the envelope of a notification
//!
//! ```
//! use mail_envelope::{AddressList, Envelope, Mailbox, RenderOptions};
//!
//! let from = Mailbox::parse("Ops <ops@example.com>")?;
//! let to = AddressList::parse("Jane <jane@example.com>, Team: bob@example.org;")?;
//! let render = RenderOptions::default();
//! assert_eq!(from.to_field("From", &render)?, "From: Ops <ops@example.com>");
//! assert_eq!(to.to_field("To", &render)?, "To: Jane <jane@example.com>, Team: bob@example.org;");
//!
//! // MAIL FROM / RCPT TO: every mailbox of the list, groups' members included.
//! let forward: Vec<_> = to.mailboxes().map(Mailbox::to_forward_path).collect::<Result<_, _>>()?;
//! let envelope = Envelope::new(from.to_reverse_path()?, forward)?;
//! assert_eq!(envelope.reverse_path().to_string(), "<ops@example.com>");
//! assert_eq!(envelope.forward_paths()[1].to_string(), "<bob@example.org>");
//! # Ok::<(), mail_envelope::Error>(())
//! ```
//!
//! # A server without SMTPUTF8
//!
//! A path with a non-ASCII domain has an ASCII form (A-labels, RFC 5891); one with a non-ASCII
//! local part has none, and the crate says so rather than invent one (RFC 6531 §3.2). With
//! `utf8_headers` off, header forms are ASCII too.
//!
//! ```
//! use mail_envelope::{EnvelopeErrorKind, Mailbox};
//!
//! let path = Mailbox::parse("Jörg <joerg@bücher.example>")?.to_reverse_path()?.into_owned();
//! assert!(path.needs_smtputf8());
//! # #[cfg(feature = "idna")]
//! assert_eq!(path.to_ascii()?.to_string(), "<joerg@xn--bcher-kva.example>");
//!
//! let err = Mailbox::parse("用户@example.com")?.to_reverse_path()?.to_ascii().unwrap_err();
//! assert_eq!(err.kind(), EnvelopeErrorKind::NonAsciiLocalPart);
//! # Ok::<(), mail_envelope::Error>(())
//! ```
//!
//! # Errors at a glance
//!
//! | type | when | carries |
//! |---|---|---|
//! | [`ParseError`] | the input is not valid syntax | [`ErrorKind`], byte offset, the character found, a [`Hint`] where a common mistake explains it |
//! | [`EnvelopeError`] | a valid address has no RFC 5321 form, or an envelope has no recipient | [`EnvelopeErrorKind`], byte offset of the part at fault |
//! | [`RenderError`] | a value cannot be written as a header (controls, 998 octets, no ASCII form) | the reason |
//! | [`Error`] | any of them, for `?` across the crate | the one inside |
//!
//! # The SMTP layer
//!
//! [`smtp`] builds and reads the bytes of an SMTP dialogue without doing any I/O:
//! `MAIL FROM` / `RCPT TO` lines with typed ESMTP parameters ([`smtp::command`],
//! [`smtp::param`]), an EHLO reply's capabilities and the plan of the MAIL command from them
//! ([`smtp::capabilities`]), replies and enhanced status codes ([`smtp::reply`],
//! [`smtp::enhanced`]), RFC 2920 batches ([`smtp::pipeline`]), XCLIENT and XFORWARD
//! ([`smtp::xclient`]), xtext ([`smtp::xtext`]) and PROXY protocol headers ([`smtp::proxy`]).
//! A builder takes validated values only, so a line carrying an injected CR or LF cannot be
//! represented; input cut short is [`smtp::Status::Incomplete`].
//!
//! ```
//! use mail_envelope::smtp::command::MailFrom;
//! use mail_envelope::Mailbox;
//!
//! let mailbox = Mailbox::parse("服务显示名称 <keepalived@server.example.com>")?;
//! let path = mailbox.to_reverse_path()?;
//! assert_eq!(MailFrom::new(path)?.to_line()?, "MAIL FROM:<keepalived@server.example.com>\r\n");
//! # Ok::<(), mail_envelope::Error>(())
//! ```
//!
//! # The command line
//!
//! The `cli` feature builds `mail-envelope`: `split` prints both forms of each input as a table
//! or JSON lines (`mail-envelope --help` explains its exit status and categories); `mail-from`,
//! `rcpt-to`, `reply`, `pipeline`, `xclient` and `proxy` expose the SMTP layer, and
//! `sender-login`, `identity`, `align` and `autoreply` the policy decisions, `notify` the whole
//! notification transaction, with the same
//! conventions (a table, or `--json`; exit status 0, 1 or 2).
//!
//! # The whole notification
//!
//! [`message`] builds the client side of a notification transaction from a sender, recipients,
//! a subject, a body, and the time and Message-ID part the caller gives: EHLO, MAIL FROM and
//! RCPT TO planned against the server's capabilities, DATA, and the message (RFC 5322 header,
//! MIME, a 7bit, 8bit or quoted-printable body, dot-stuffing, the final dot), in RFC 2920
//! batches. With the `lettre` feature, the module `lettre_interop` converts addresses,
//! mailboxes and envelopes to and from lettre's.
//!
//! # Policy decisions
//!
//! [`policy`] answers, as pure functions with their reasons and exact replies: Postfix's
//! sender-login maps ([`policy::sender_login`]), verified sender identities and DMARC alignment
//! ([`policy::identity`]), and whether to send an automatic reply ([`policy::autoreply`]).
//!
//! # Zero-copy and `into_owned`
//!
//! Every text field is a `Cow<'a, str>` that borrows the input whenever the source text is the
//! value (dot-atoms, domains, quoted strings without escapes) and owns text only where decoding
//! changes it (quoted-pairs, RFC 2047, folding). Parsing a plain ASCII mailbox allocates nothing.
//! `into_owned()` turns any value into one with a `'static` lifetime, and `FromStr` gives owned
//! values directly:
//!
//! ```
//! use mail_envelope::Mailbox;
//! let owned: Mailbox<'static> = "Jane <jane@example.com>".parse()?;
//! assert_eq!(owned.display_name(), Some("Jane"));
//! # Ok::<(), mail_envelope::ParseError>(())
//! ```
//!
//! # Strictness and diagnoses
//!
//! [`Strictness::Standard`] (the default) accepts the full RFC 5322 grammar including its
//! obsolete forms; [`Strictness::Strict`] refuses obsolete syntax and addresses no RFC 5321 path
//! can carry; [`Strictness::Lenient`] also accepts what configuration files hold, but never
//! guesses. What is unusual about an address that parsed is reported as [`Diagnosis`] codes in
//! the isemail taxonomy ([`Category`]).
//!
//! # Features
//!
//! | Feature | Description | Default |
//! |---|---|---|
//! | `std` | `std` support (`no_std` + `alloc` without it) | yes |
//! | `idna` | A-labels for non-ASCII domains (`to_ascii_string`, the CLI's `envelope_ascii`), via the `idna` crate, which also adds the NFC and Bidi checks to U-label validity and measures a label's 63 octets on its A-label (without it: on its UTF-8) | yes |
//! | `charsets` | RFC 2047 charsets beyond UTF-8, US-ASCII and ISO-8859-1, via `encoding_rs` (WHATWG label mapping) | yes |
//! | `serde` | `Serialize` / `Deserialize` as canonical strings | no |
//! | `regex` | `regexp:` and `pcre:` tables of [`policy::table`], via the `regex` crate | no |
//! | `psl` | [`policy::identity::PublicSuffixList`]: organizational domains for DMARC relaxed alignment | no |
//! | `lettre` | `TryFrom` conversions to and from lettre's `Address`, `Mailbox` and `Envelope` (module `lettre_interop`) | no |
//! | `cli` | the `mail-envelope` command-line tool (turns on `regex` and `psl`) | no |
//!
//! # Conformance
//!
//! | RFC | Sections | Support |
//! |---|---|---|
//! | RFC 5322 | §3.2.1–3.2.5 lexical tokens, §3.4 and §3.4.1 addresses | supported |
//! | RFC 5322 | §4.1, §4.2, §4.4 obsolete syntax | accepted when parsing (Standard, Lenient), never written |
//! | RFC 6532 | §3.2 UTF-8 in atext, qtext, ctext, dtext | supported |
//! | RFC 2047 | §2, §4, §5 (3), §6.2 encoded-words in display names | decoded and written |
//! | RFC 5321 | §4.1.2 paths, §4.1.3 address literals, §4.5.3.1 size limits | supported |
//! | RFC 6531 | §3.3 UTF-8 in paths (the `smtputf8` need) | supported |
//! | RFC 5890/5891/5892 | U-labels by the IDNA2008 code point classes and contextual rules (tables for [`IDNA2008_UNICODE_VERSION`]) | supported; NFC and Bidi with `idna` |
//! | RFC 5890/5891 | A-labels for the ASCII envelope form | with `idna` |
//!
//! The minimum supported Rust version is the `rust-version` in `Cargo.toml`.

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]
#![forbid(unsafe_code)]

extern crate alloc;

// The layers, from the bottom up (ARCHITECTURE.md, "Layers"): each imports only from those below.
mod chars;
mod diagnosis;
mod error;
mod idna2008;
#[rustfmt::skip]
mod idna2008_table;
mod options;
mod types;

mod grammar;
mod render;

pub mod smtp;

pub mod policy;

mod api;
#[cfg(feature = "lettre")]
#[cfg_attr(docsrs, doc(cfg(feature = "lettre")))]
pub mod lettre_interop;
pub mod message;
pub mod record;
#[cfg(feature = "serde")]
mod serde_impls;

pub use api::Error;
pub use diagnosis::{Category, Diagnoses, Diagnosis};
pub use error::{EnvelopeError, EnvelopeErrorKind, ErrorKind, Hint, ParseError, RenderError};
pub use idna2008::IDNA2008_UNICODE_VERSION;
pub use options::{ParseOptions, RenderOptions, Strictness};
pub use types::{
    AddrSpec, Address, AddressList, AddressLiteral, Domain, DomainLiteral, DomainName, Envelope, ForwardPath, Group,
    LocalPart, Mailbox, ReversePath, SmtpPath,
};

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
