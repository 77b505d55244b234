//! The text every part of an address is made of: what was written, what it means, and where.

use alloc::borrow::Cow;

/// A piece of parsed text: its source form (`raw`: quotes, escapes and inner CFWS kept), its
/// semantic value, and the byte offset where it starts in the text it was parsed from.
///
/// Both strings borrow the input whenever they can; only decoding (quoted-pairs, folds, inner
/// CFWS) makes the value owned. [`LocalPart`](crate::LocalPart), [`DomainName`](crate::DomainName)
/// and [`DomainLiteral`](crate::DomainLiteral) are built on it.
#[derive(Debug, Clone)]
pub(crate) struct Text<'a> {
    raw: Cow<'a, str>,
    value: Cow<'a, str>,
    offset: usize,
}

impl<'a> Text<'a> {
    /// Text whose value differs from its source form.
    pub(crate) fn new(raw: impl Into<Cow<'a, str>>, value: impl Into<Cow<'a, str>>, offset: usize) -> Self {
        Self {
            raw: raw.into(),
            value: value.into(),
            offset,
        }
    }

    /// Text whose value is its source form.
    pub(crate) fn verbatim(text: &'a str, offset: usize) -> Self {
        Self::new(text, text, offset)
    }

    pub(crate) fn raw(&self) -> &str {
        &self.raw
    }

    pub(crate) fn value(&self) -> &str {
        &self.value
    }

    pub(crate) fn offset(&self) -> usize {
        self.offset
    }

    /// Whether the value is the source text unchanged.
    pub(crate) fn is_verbatim(&self) -> bool {
        self.raw == self.value
    }

    /// Whether the value borrows the text it was parsed from.
    #[cfg(test)]
    pub(crate) fn is_borrowed(&self) -> bool {
        matches!(self.value, Cow::Borrowed(_))
    }

    pub(crate) fn into_owned(self) -> Text<'static> {
        Text {
            raw: Cow::Owned(self.raw.into_owned()),
            value: Cow::Owned(self.value.into_owned()),
            offset: self.offset,
        }
    }

    /// The same text, borrowed from `self`.
    pub(crate) fn reborrow(&self) -> Text<'_> {
        Text::new(&*self.raw, &*self.value, self.offset)
    }
}
