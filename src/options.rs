//! Parse and render options.

/// How much of the grammar the parser accepts.
///
/// # Examples
///
/// ```
/// use mail_envelope::{Mailbox, ParseOptions, Strictness};
///
/// // `J. Smith` is obs-phrase (RFC 5322 §4.1): accepted by default, refused in Strict mode.
/// assert!(Mailbox::parse("J. Smith <j@example.com>").is_ok());
/// let strict = ParseOptions::default().strictness(Strictness::Strict);
/// assert!(Mailbox::parse_with("J. Smith <j@example.com>", &strict).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Strictness {
    /// RFC 5322 §3 only (no obsolete syntax), and every addr-spec must also be usable as an RFC 5321
    /// path. RFC 6532 UTF-8 is accepted. Meant for sign-up forms.
    Strict,
    /// The full RFC 5322 grammar including the §4 obsolete forms, which parsers must accept, and RFC
    /// 6532 UTF-8. Findings that are not fatal become [`Diagnosis`](crate::Diagnosis) codes.
    #[default]
    Standard,
    /// Also what real configuration files and mail clients write: unquoted `,` `.` `:` `;` `[` `]`
    /// in the display name of a single mailbox (`Doe, John <j@example.com>`); RFC 5321 paths
    /// without their angle brackets; in an address-list, `;` between members and bare phrases
    /// joined to the next name-addr (`Doe, John <j@x>; Roe, Jane <r@x>` is two mailboxes); and a
    /// trailing comment as the display name of a mailbox that has none (`jdoe@x (John Doe)`);
    /// each with a `lenient_*` diagnosis. Never guesses: ambiguous input is still an error.
    Lenient,
}

/// Options for the parsers (`parse_with` on every type): set them with the builder methods,
/// read them as fields.
///
/// # Examples
///
/// ```
/// use mail_envelope::{ParseOptions, Strictness};
///
/// let options = ParseOptions::default()
///     .strictness(Strictness::Lenient)
///     .max_comment_depth(8)
///     .max_input_len(1 << 20);
/// assert_eq!(options.strictness, Strictness::Lenient);
/// assert_eq!((options.max_comment_depth, options.max_input_len), (8, 1 << 20));
/// assert_eq!(ParseOptions::default().max_input_len, 4 << 20);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ParseOptions {
    /// How much of the grammar is accepted (default [`Strictness::Standard`]).
    pub strictness: Strictness,
    /// How deeply comments may nest (default 64).
    pub max_comment_depth: usize,
    /// The longest input in bytes (default 4 MiB).
    pub max_input_len: usize,
    pub(crate) accelerate: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            strictness: Strictness::Standard,
            max_comment_depth: 64,
            max_input_len: 4 << 20,
            accelerate: true,
        }
    }
}

impl ParseOptions {
    /// Sets the [`Strictness`] (default [`Strictness::Standard`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Mailbox, ParseOptions, Strictness};
    /// // An unquoted comma in a display name is accepted only in Lenient mode.
    /// assert!(Mailbox::parse("Doe, John <j@example.com>").is_err());
    /// let lenient = ParseOptions::default().strictness(Strictness::Lenient);
    /// assert_eq!(Mailbox::parse_with("Doe, John <j@example.com>", &lenient)?.display_name(), Some("Doe, John"));
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    #[must_use]
    pub fn strictness(mut self, strictness: Strictness) -> Self {
        self.strictness = strictness;
        self
    }

    /// Sets how deeply comments may nest before [`ErrorKind::CommentTooDeep`](crate::ErrorKind::CommentTooDeep)
    /// (default 64).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{ErrorKind, Mailbox, ParseOptions};
    /// let shallow = ParseOptions::default().max_comment_depth(1);
    /// assert!(Mailbox::parse_with("j@example.com (one)", &shallow).is_ok());
    /// let err = Mailbox::parse_with("j@example.com ((two))", &shallow).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::CommentTooDeep);
    /// ```
    #[must_use]
    pub fn max_comment_depth(mut self, depth: usize) -> Self {
        self.max_comment_depth = depth;
        self
    }

    /// Sets the longest input, in bytes, before [`ErrorKind::InputTooLong`](crate::ErrorKind::InputTooLong)
    /// (default 4 MiB).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{ErrorKind, Mailbox, ParseOptions};
    /// let short = ParseOptions::default().max_input_len(13);
    /// assert!(Mailbox::parse_with("j@example.com", &short).is_ok());
    /// let err = Mailbox::parse_with("jo@example.com", &short).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InputTooLong);
    /// ```
    #[must_use]
    pub fn max_input_len(mut self, len: usize) -> Self {
        self.max_input_len = len;
        self
    }

    /// Whether the grammar's rules may use their byte-run accelerators (default `true`). They
    /// read the shapes nearly every input has in one pass, with the same result as the rules; the
    /// differential fuzz target and the tests turn them off to prove it. Not part of the stable
    /// API.
    #[doc(hidden)]
    #[must_use]
    pub fn accelerate(mut self, on: bool) -> Self {
        self.accelerate = on;
        self
    }
}

/// Options for rendering header fields.
///
/// # Examples
///
/// ```
/// use mail_envelope::{Mailbox, RenderOptions};
///
/// let mailbox = Mailbox::parse("Jörg <joerg@example.com>")?;
/// assert_eq!(mailbox.to_header(&RenderOptions::default())?, "=?utf-8?b?SsO2cmc=?= <joerg@example.com>");
/// let utf8 = RenderOptions::default().utf8_headers(true);
/// assert_eq!(mailbox.to_header(&utf8)?, "Jörg <joerg@example.com>");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Whether non-ASCII display names are written as RFC 6532 UTF-8 rather than RFC 2047
    /// encoded-words (default `false`).
    pub utf8_headers: bool,
    /// The line length a field line is folded at, where white space allows (default 78).
    pub fold_at: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            utf8_headers: false,
            fold_at: 78,
        }
    }
}

impl RenderOptions {
    /// Writes non-ASCII display names as RFC 6532 UTF-8 instead of RFC 2047 encoded-words
    /// (default `false`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Mailbox, RenderOptions};
    /// let mailbox = Mailbox::parse("Zoë <zoe@example.com>")?;
    /// assert_eq!(mailbox.to_header(&RenderOptions::default())?, "=?utf-8?q?Zo=C3=AB?= <zoe@example.com>");
    /// assert_eq!(mailbox.to_header(&RenderOptions::default().utf8_headers(true))?, "Zoë <zoe@example.com>");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn utf8_headers(mut self, utf8: bool) -> Self {
        self.utf8_headers = utf8;
        self
    }

    /// Sets the line length a field line is folded at, where white space allows (default 78,
    /// RFC 5322 §2.1.1). Lines never pass 998 octets whatever this says.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{AddressList, RenderOptions};
    /// let list = AddressList::parse("ann@example.com, bob@example.com")?;
    /// let narrow = RenderOptions::default().fold_at(30);
    /// assert_eq!(list.to_field("To", &narrow)?, "To: ann@example.com,\r\n bob@example.com");
    /// assert_eq!(list.to_field("To", &RenderOptions::default())?, "To: ann@example.com, bob@example.com");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn fold_at(mut self, width: usize) -> Self {
        self.fold_at = width;
        self
    }
}
