//! The header form (RFC 5322 §3.4, RFC 6532, RFC 2047): display names as atoms, quoted-strings or
//! encoded-words, mailboxes, groups, and whole field lines folded at a width.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use super::rfc2047::encode_phrase;
use super::{is_atom_phrase, write_quoted};
use crate::chars::{has_ascii_control_but_tab, quoted_len};
use crate::error::RenderError;
use crate::options::RenderOptions;
use crate::types::{AddrSpec, Address, AddressList, Domain, Group, Mailbox};

/// RFC 5322 §2.1.1: "Each line of characters MUST be no more than 998 characters ... excluding the CRLF."
const MAX_LINE: usize = 998;

/// Appends the tokens of a display name: atoms, one quoted-string, or encoded-words.
fn name_tokens<'n>(name: &'n str, options: &RenderOptions, out: &mut Vec<Cow<'n, str>>) -> Result<(), RenderError> {
    if has_ascii_control_but_tab(name) {
        return Err(RenderError::ControlCharacter);
    }
    if is_atom_phrase(name) && (name.is_ascii() || options.utf8_headers) {
        out.extend(name.split(' ').map(Cow::Borrowed));
    } else if name.is_ascii() || options.utf8_headers {
        let mut quoted = String::with_capacity(quoted_len(name));
        // Writing to a String cannot fail.
        let _ = write_quoted(&mut quoted, name);
        out.push(Cow::Owned(quoted));
    } else {
        out.extend(encode_phrase(name).into_iter().map(Cow::Owned));
    }
    Ok(())
}

/// Appends the tokens of a mailbox: its display name's, then `<addr-spec>`; or the bare addr-spec.
fn mailbox_tokens<'m>(
    m: &'m Mailbox<'_>,
    options: &RenderOptions,
    out: &mut Vec<Cow<'m, str>>,
) -> Result<(), RenderError> {
    let addr = addr_spec_text(m.addr_spec(), options)?;
    if has_ascii_control_but_tab(&addr) {
        return Err(RenderError::ControlCharacter);
    }
    match m.display_name() {
        Some(name) => {
            name_tokens(name, options, out)?;
            out.push(Cow::Owned(alloc::format!("<{addr}>")));
        }
        None => out.push(Cow::Owned(addr)),
    }
    Ok(())
}

/// The addr-spec as a header carries it: as written with `utf8_headers`; else ASCII, the domain
/// in A-labels, and an error when that cannot be (a non-ASCII local part has no ASCII form).
fn addr_spec_text(addr: &AddrSpec<'_>, options: &RenderOptions) -> Result<String, RenderError> {
    let text = alloc::format!("{addr}");
    if options.utf8_headers || text.is_ascii() {
        return Ok(text);
    }
    let local = addr.local_part();
    if !local.value().is_ascii() {
        return Err(RenderError::NeedsUtf8);
    }
    match addr.domain() {
        Domain::Name(name) => {
            let ascii = name.to_ascii().map_err(|_| RenderError::NoAsciiDomain)?;
            Ok(alloc::format!("{local}@{ascii}"))
        }
        Domain::Literal(_) => Err(RenderError::NoAsciiDomain),
    }
}

/// Appends `suffix` to the last token.
fn attach(out: &mut [Cow<'_, str>], suffix: &str) {
    if let Some(last) = out.last_mut() {
        last.to_mut().push_str(suffix);
    }
}

fn group_tokens<'g>(g: &'g Group<'_>, options: &RenderOptions, out: &mut Vec<Cow<'g, str>>) -> Result<(), RenderError> {
    name_tokens(g.display_name(), options, out)?;
    attach(out, ":");
    for (i, m) in g.members().iter().enumerate() {
        if i > 0 {
            attach(out, ",");
        }
        mailbox_tokens(m, options, out)?;
    }
    attach(out, ";");
    Ok(())
}

fn address_tokens<'a>(
    a: &'a Address<'_>,
    options: &RenderOptions,
    out: &mut Vec<Cow<'a, str>>,
) -> Result<(), RenderError> {
    match a {
        Address::Mailbox(m) => mailbox_tokens(m, options, out),
        Address::Group(g) => group_tokens(g, options, out),
    }
}

/// Joins tokens with single spaces, folding (`CRLF SP` in place of the space) before a token that
/// would pass `width`. A line that still passes 998 octets is an error.
fn fold(first_line: usize, tokens: &[Cow<'_, str>], width: usize) -> Result<String, RenderError> {
    let mut out = String::new();
    let mut line = first_line;
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 {
            if line + 1 + token.len() > width && line > 1 {
                out.push_str("\r\n ");
                line = 1;
            } else {
                out.push(' ');
                line += 1;
            }
        }
        out.push_str(token);
        line += token.len();
        if line > MAX_LINE {
            return Err(RenderError::LineTooLong);
        }
    }
    Ok(out)
}

impl Mailbox<'_> {
    /// The header form of this mailbox, unfolded: the display name as atoms, a quoted-string, or
    /// (non-ASCII, and `utf8_headers` off) RFC 2047 encoded-words, then `<addr-spec>`.
    ///
    /// With `utf8_headers` off the result is ASCII, always: a non-ASCII domain is written in
    /// A-labels, and a non-ASCII local part, which has no ASCII form, is an error. With
    /// `utf8_headers` on, the addr-spec stays as written (RFC 6532) and the result re-parses to an
    /// equal mailbox.
    ///
    /// # Errors
    ///
    /// [`RenderError::ControlCharacter`] when the mailbox holds a control character (obsolete
    /// syntax that no header may carry), [`RenderError::LineTooLong`] past 998 octets; for an
    /// ASCII header, [`RenderError::NeedsUtf8`] for a non-ASCII local part and
    /// [`RenderError::NoAsciiDomain`] for a domain without an A-label form.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Mailbox, RenderError, RenderOptions};
    /// let mailbox = Mailbox::parse(r#""Ops, Team" <ops@example.com>"#)?;
    /// assert_eq!(mailbox.to_header(&RenderOptions::default())?, "\"Ops, Team\" <ops@example.com>");
    ///
    /// let joerg = Mailbox::parse("Jörg <joerg@bücher.example>")?;
    /// # #[cfg(feature = "idna")]
    /// assert_eq!(joerg.to_header(&RenderOptions::default())?, "=?utf-8?b?SsO2cmc=?= <joerg@xn--bcher-kva.example>");
    /// assert_eq!(joerg.to_header(&RenderOptions::default().utf8_headers(true))?, "Jörg <joerg@bücher.example>");
    ///
    /// let err = Mailbox::parse("用户@example.com")?.to_header(&RenderOptions::default()).unwrap_err();
    /// assert_eq!(err, RenderError::NeedsUtf8);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_header(&self, options: &RenderOptions) -> Result<String, RenderError> {
        let mut tokens = Vec::new();
        mailbox_tokens(self, options, &mut tokens)?;
        fold(0, &tokens, usize::MAX)
    }
}

impl AddressList<'_> {
    /// A whole header field line, `Name: value`, folded at [`RenderOptions::fold_at`] where white
    /// space allows, without the final CRLF. The value re-parses to an equal list.
    ///
    /// # Errors
    ///
    /// [`RenderError::InvalidFieldName`] for a name that is not printable ASCII without `:`
    /// (RFC 5322 §3.6.8 `ftext`), and the errors of [`Mailbox::to_header`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddressList, RenderOptions};
    /// let list = AddressList::parse("Jörg <joerg@example.com>, ops@example.com")?;
    /// assert_eq!(
    ///     list.to_field("To", &RenderOptions::default())?,
    ///     "To: =?utf-8?b?SsO2cmc=?= <joerg@example.com>, ops@example.com"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_field(&self, name: &str, options: &RenderOptions) -> Result<String, RenderError> {
        let mut tokens = Vec::new();
        for (i, a) in self.addresses().iter().enumerate() {
            if i > 0 {
                attach(&mut tokens, ",");
            }
            address_tokens(a, options, &mut tokens)?;
        }
        field(name, &tokens, options)
    }

    /// A header field whose value is a `mailbox-list`, as `From:`, `Sender:` and `Resent-From:`
    /// require (RFC 5322 §3.6.2, §3.6.6): [`to_field`](Self::to_field), refusing groups.
    ///
    /// # Errors
    ///
    /// [`RenderError::GroupInMailboxList`] when the list holds a group, and the errors of
    /// [`to_field`](Self::to_field).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddressList, RenderError, RenderOptions};
    /// let from = AddressList::parse("Ops <ops@example.com>, jane@example.com")?;
    /// assert_eq!(from.to_mailbox_list_field("From", &RenderOptions::default())?, "From: Ops <ops@example.com>, jane@example.com");
    /// let group = AddressList::parse("Team: a@example.com;")?;
    /// assert_eq!(group.to_mailbox_list_field("From", &RenderOptions::default()), Err(RenderError::GroupInMailboxList));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_mailbox_list_field(&self, name: &str, options: &RenderOptions) -> Result<String, RenderError> {
        if self.addresses().iter().any(|a| matches!(a, Address::Group(_))) {
            return Err(RenderError::GroupInMailboxList);
        }
        self.to_field(name, options)
    }
}

impl Mailbox<'_> {
    /// A whole header field line for this one mailbox, `Name: value` (`From:`, `Sender:`,
    /// `Reply-To:`), folded at [`RenderOptions::fold_at`] where white space allows, without the
    /// final CRLF.
    ///
    /// # Errors
    ///
    /// [`RenderError::InvalidFieldName`] for a name that is not printable ASCII without `:`
    /// (RFC 5322 §3.6.8 `ftext`), and the errors of [`Mailbox::to_header`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Mailbox, RenderOptions};
    /// let from = Mailbox::parse("服务显示名称 <keepalived@server.example.com>")?;
    /// assert_eq!(
    ///     from.to_field("From", &RenderOptions::default())?,
    ///     "From: =?utf-8?b?5pyN5Yqh5pi+56S65ZCN56ew?= <keepalived@server.example.com>"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_field(&self, name: &str, options: &RenderOptions) -> Result<String, RenderError> {
        let mut tokens = Vec::new();
        mailbox_tokens(self, options, &mut tokens)?;
        field(name, &tokens, options)
    }
}

/// `name: value`, the value's tokens folded at the options' width.
fn field(name: &str, tokens: &[Cow<'_, str>], options: &RenderOptions) -> Result<String, RenderError> {
    if name.is_empty() || !name.bytes().all(|b| (33..=126).contains(&b) && b != b':') {
        return Err(RenderError::InvalidFieldName);
    }
    let value = fold(name.len() + 2, tokens, options.fold_at.max(1))?;
    Ok(alloc::format!("{name}: {value}"))
}
