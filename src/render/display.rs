//! `Display` for every value: its canonical form. Addresses are written with RFC 6532 UTF-8 and
//! never encoded; [`Mailbox::to_header`] and [`AddressList::to_field`] write header forms.

use core::fmt::{self, Write as _};

use super::{is_atom_phrase, write_quoted};
use crate::types::{
    AddrSpec, Address, AddressList, Domain, DomainLiteral, ForwardPath, Group, LocalPart, Mailbox, ReversePath,
    SmtpPath,
};

impl fmt::Display for LocalPart<'_> {
    /// The canonical RFC 5321 §4.1.2 form: a `Dot-string` when the value is one, otherwise a
    /// `Quoted-string` escaping only `"` and `\`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.needs_quotes() {
            write_quoted(f, self.value())
        } else {
            f.write_str(self.value())
        }
    }
}

impl fmt::Display for AddrSpec<'_> {
    /// The canonical form: minimal quoting, no CFWS.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = self.canonical_text() {
            return f.write_str(text);
        }
        fmt::Display::fmt(self.local_part(), f)?;
        f.write_str("@")?;
        fmt::Display::fmt(self.domain(), f)
    }
}

impl fmt::Display for Domain<'_> {
    /// The canonical form: the name without CFWS, or the literal in brackets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Domain::Name(n) => f.write_str(n.value()),
            Domain::Literal(l) => fmt::Display::fmt(l, f),
        }
    }
}

impl fmt::Display for DomainLiteral<'_> {
    /// `[` value `]`, with `[`, `]` and `\` escaped as quoted-pairs (obs-dtext) when present.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for part in self.value().split_inclusive(['[', ']', '\\']) {
            match part.char_indices().last() {
                Some((i, c @ ('[' | ']' | '\\'))) => write!(f, "{}\\{c}", &part[..i])?,
                _ => f.write_str(part)?,
            }
        }
        f.write_str("]")
    }
}

/// Writes a display name for `Display`: atoms or a UTF-8 quoted-string (RFC 6532), never encoded.
fn write_display_name(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    if is_atom_phrase(name) {
        f.write_str(name)
    } else {
        write_quoted(f, name)
    }
}

impl fmt::Display for Mailbox<'_> {
    /// The canonical form with RFC 6532 UTF-8: `name <addr-spec>` or `addr-spec`. Use
    /// [`Mailbox::to_header`] for a header that must be ASCII.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.display_name() {
            Some(name) => {
                write_display_name(f, name)?;
                write!(f, " <{}>", self.addr_spec())
            }
            None => write!(f, "{}", self.addr_spec()),
        }
    }
}

impl fmt::Display for Group<'_> {
    /// `name: member, member;`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_display_name(f, self.display_name())?;
        f.write_char(':')?;
        for (i, m) in self.members().iter().enumerate() {
            f.write_str(if i == 0 { " " } else { ", " })?;
            write!(f, "{m}")?;
        }
        f.write_char(';')
    }
}

impl fmt::Display for Address<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Address::Mailbox(m) => fmt::Display::fmt(m, f),
            Address::Group(g) => fmt::Display::fmt(g, f),
        }
    }
}

impl fmt::Display for AddressList<'_> {
    /// The addresses joined by `, `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, a) in self.addresses().iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{a}")?;
        }
        Ok(())
    }
}

impl fmt::Display for SmtpPath<'_> {
    /// `<>`, `<Postmaster>` or `<addr-spec>` in canonical form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmtpPath::Null => f.write_str("<>"),
            SmtpPath::Postmaster => f.write_str("<Postmaster>"),
            SmtpPath::Path(a) => write!(f, "<{a}>"),
        }
    }
}

impl fmt::Display for ReversePath<'_> {
    /// `<>` or `<addr-spec>` in canonical form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReversePath::Null => f.write_str("<>"),
            ReversePath::Path(a) => write!(f, "<{a}>"),
        }
    }
}

impl fmt::Display for ForwardPath<'_> {
    /// `<Postmaster>` or `<addr-spec>` in canonical form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ForwardPath::Postmaster => f.write_str("<Postmaster>"),
            ForwardPath::Path(a) => write!(f, "<{a}>"),
        }
    }
}
