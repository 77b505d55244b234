//! Findings about an address that parsed: the isemail taxonomy of categories and diagnoses.
//!
//! A valid address may still be unusual for SMTP ([`Category::Rfc5321`]), carry comments or
//! folding white space that its envelope form drops ([`Category::Cfws`]), use obsolete syntax
//! ([`Category::Deprecated`]), or be valid only in a header and not as an RFC 5321 path
//! ([`Category::Rfc5322`]). The codes are the isemail names without their `ISEMAIL_` prefix, in
//! lower case; findings isemail has no name for have codes in the same style.

use core::fmt;

/// The category of a finding, from least to most severe (the order of the isemail values).
///
/// # Examples
///
/// ```
/// use mail_envelope::{Category, Mailbox};
///
/// assert_eq!(Mailbox::parse("jane@example.com")?.category(), Category::Valid);
/// assert_eq!(Mailbox::parse("jane@example.com (Jane)")?.category(), Category::Cfws);
/// assert_eq!(Mailbox::parse("jane@[not a literal]")?.category(), Category::Rfc5322);
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[non_exhaustive]
pub enum Category {
    /// Valid, and usable unchanged in an envelope.
    #[default]
    Valid,
    /// Valid for SMTP, with unusual elements (a quoted local part, an address literal, a TLD).
    Rfc5321,
    /// Valid in a message, but comments or folding white space must be removed for the envelope.
    Cfws,
    /// Uses obsolete (RFC 5322 §4) syntax.
    Deprecated,
    /// Valid only by RFC 5322's broad grammar: not usable as an RFC 5321 path.
    Rfc5322,
}

impl Category {
    /// The category's name as the CLI prints it (`valid`, `rfc5321`, `cfws`, `deprecated`, `rfc5322`).
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(mail_envelope::Category::Cfws.as_str(), "cfws");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Rfc5321 => "rfc5321",
            Self::Cfws => "cfws",
            Self::Deprecated => "deprecated",
            Self::Rfc5322 => "rfc5322",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! diagnoses {
    ($( $(#[$doc:meta])* $name:ident = $code:literal, $cat:ident; )*) => {
        /// One finding about a parsed address.
        ///
        /// # Examples
        ///
        /// ```
        /// use mail_envelope::{Category, Diagnosis, Mailbox};
        ///
        /// let mailbox = Mailbox::parse("\"jane\"@example.com")?;
        /// assert!(mailbox.diagnoses().contains(Diagnosis::Rfc5321QuotedString));
        /// assert_eq!(Diagnosis::Rfc5321QuotedString.code(), "rfc5321_quotedstring");
        /// assert_eq!(Diagnosis::Rfc5321QuotedString.category(), Category::Rfc5321);
        /// # Ok::<(), mail_envelope::ParseError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        #[repr(u8)]
        pub enum Diagnosis {
            $( $(#[$doc])* $name, )*
        }

        impl Diagnosis {
            const ALL: &'static [Diagnosis] = &[$(Diagnosis::$name,)*];

            /// The stable code: the isemail name in lower case without `ISEMAIL_`, or one in that style.
            ///
            /// # Examples
            ///
            /// ```
            /// use mail_envelope::{Diagnosis, Mailbox};
            /// let mailbox = Mailbox::parse("jane@example.com (Jane)")?;
            /// let codes: Vec<&str> = mailbox.diagnoses().iter().map(Diagnosis::code).collect();
            /// assert_eq!(codes, ["cfws_comment", "cfws_fws"]);
            /// assert_eq!(Diagnosis::CfwsComment.to_string(), "cfws_comment");
            /// # Ok::<(), mail_envelope::ParseError>(())
            /// ```
            pub fn code(self) -> &'static str {
                match self { $(Self::$name => $code,)* }
            }

            /// The category this finding puts an address in.
            ///
            /// # Examples
            ///
            /// ```
            /// use mail_envelope::{Category, Diagnosis, Mailbox};
            /// let mailbox = Mailbox::parse("J. Smith <j@example.com>")?;
            /// assert!(mailbox.diagnoses().contains(Diagnosis::DeprecPhrase));
            /// assert_eq!(Diagnosis::DeprecPhrase.category(), Category::Deprecated);
            /// assert_eq!(Diagnosis::Rfc5322Domain.category(), Category::Rfc5322);
            /// # Ok::<(), mail_envelope::ParseError>(())
            /// ```
            pub fn category(self) -> Category {
                match self { $(Self::$name => Category::$cat,)* }
            }
        }
    };
}

diagnoses! {
    /// The domain is a single label (a top-level domain).
    Rfc5321Tld = "rfc5321_tld", Rfc5321;
    /// The top-level label starts with a digit.
    Rfc5321TldNumeric = "rfc5321_tldnumeric", Rfc5321;
    /// The local part is a quoted-string.
    Rfc5321QuotedString = "rfc5321_quotedstring", Rfc5321;
    /// The domain is an RFC 5321 address literal.
    Rfc5321AddressLiteral = "rfc5321_addressliteral", Rfc5321;
    /// An IPv6 literal's `::` stands for a single group (RFC 5321 §4.1.3 needs at least two).
    Rfc5321Ipv6Deprecated = "rfc5321_ipv6deprecated", Rfc5322;
    /// The addr-spec holds a comment.
    CfwsComment = "cfws_comment", Cfws;
    /// The addr-spec holds folding white space.
    CfwsFws = "cfws_fws", Cfws;
    /// The local part uses obs-local-part (words joined by dots, CFWS between them).
    DeprecLocalpart = "deprec_localpart", Deprecated;
    /// Folding white space in its obsolete form (obs-FWS).
    DeprecFws = "deprec_fws", Deprecated;
    /// A quoted-string holds a control character (obs-qtext).
    DeprecQtext = "deprec_qtext", Deprecated;
    /// A quoted-pair escapes a control character (obs-qp).
    DeprecQp = "deprec_qp", Deprecated;
    /// A comment stands where only obsolete syntax allows one (between local-part words or labels).
    DeprecComment = "deprec_comment", Deprecated;
    /// A comment holds a control character (obs-ctext).
    DeprecCtext = "deprec_ctext", Deprecated;
    /// A domain-literal holds obs-dtext (a quoted-pair or a control character).
    DeprecDtext = "deprec_dtext", Deprecated;
    /// Comments or folding white space stand next to `@`.
    DeprecCfwsNearAt = "deprec_cfws_near_at", Deprecated;
    /// The display name uses obs-phrase (a `.` or CFWS-only word after the first word).
    DeprecPhrase = "deprec_phrase", Deprecated;
    /// The domain uses obs-domain (CFWS between labels).
    DeprecDomain = "deprec_domain", Deprecated;
    /// A source route (obs-route, RFC 5321 Appendix C) was accepted and dropped.
    ObsRouteDropped = "obs_route_dropped", Deprecated;
    /// A list holds empty members (obs-mbox-list, obs-addr-list, obs-group-list).
    DeprecList = "deprec_list", Deprecated;
    /// A `;` separated two members of an address-list (as Outlook writes them): Lenient only.
    LenientSemicolon = "lenient_semicolon", Deprecated;
    /// A list member that was a bare phrase joined the next name-addr's display name
    /// (`Doe, John <j@example.com>`): Lenient only.
    LenientJoinedPhrase = "lenient_joined_phrase", Deprecated;
    /// A mailbox without a display name took the comment after its addr-spec as one
    /// (`jdoe@example.com (John Doe)`, as mail clients show it): Lenient only.
    LenientCommentName = "lenient_comment_name", Deprecated;
    /// The domain is not a host name (not LDH labels, or a label starts or ends with `-`).
    Rfc5322Domain = "rfc5322_domain", Rfc5322;
    /// The path would be longer than 256 octets.
    Rfc5322TooLong = "rfc5322_toolong", Rfc5322;
    /// The local part is longer than 64 octets.
    Rfc5322LocalTooLong = "rfc5322_local_toolong", Rfc5322;
    /// The domain is longer than 255 octets.
    Rfc5322DomainTooLong = "rfc5322_domain_toolong", Rfc5322;
    /// A domain label is longer than 63 octets.
    Rfc5322LabelTooLong = "rfc5322_label_toolong", Rfc5322;
    /// The domain-literal is not an RFC 5321 address literal.
    Rfc5322DomainLiteral = "rfc5322_domainliteral", Rfc5322;
    /// The domain-literal is not an address literal and holds obs-dtext.
    Rfc5322DomlitObsdtext = "rfc5322_domlit_obsdtext", Rfc5322;
    /// The IPv6 literal has the wrong number of groups.
    Rfc5322Ipv6GrpCount = "rfc5322_ipv6_grpcount", Rfc5322;
    /// The IPv6 literal has more than one `::`.
    Rfc5322Ipv62x2xColon = "rfc5322_ipv6_2x2xcolon", Rfc5322;
    /// The IPv6 literal has a group that is not 1 to 4 hex digits.
    Rfc5322Ipv6BadChar = "rfc5322_ipv6_badchar", Rfc5322;
    /// The IPv6 literal has too many groups around `::`.
    Rfc5322Ipv6MaxGrps = "rfc5322_ipv6_maxgrps", Rfc5322;
    /// The IPv6 literal starts with a single `:`.
    Rfc5322Ipv6ColonStrt = "rfc5322_ipv6_colonstrt", Rfc5322;
    /// The IPv6 literal ends with a single `:`.
    Rfc5322Ipv6ColonEnd = "rfc5322_ipv6_colonend", Rfc5322;
    /// The local part holds characters no RFC 5321 path can carry (controls from obsolete syntax).
    Rfc5322LocalNotSmtp = "rfc5322_local_notsmtp", Rfc5322;
    /// An RFC 2047 encoded-word names a charset this build cannot decode; it is kept as written.
    Rfc2047UnknownCharset = "rfc2047_unknown_charset", Valid;
    /// An RFC 2047 encoded-word could not be decoded (bad encoding, or it decodes to CR, LF or NUL);
    /// it is kept as written.
    Rfc2047Undecodable = "rfc2047_undecodable", Valid;
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A set of [`Diagnosis`] codes. `Copy`, and free of allocation.
///
/// # Examples
///
/// ```
/// use mail_envelope::{Category, Diagnosis, Mailbox};
///
/// let mailbox = Mailbox::parse("jane @ example.com")?;
/// let codes: Vec<&str> = mailbox.diagnoses().iter().map(Diagnosis::code).collect();
/// assert_eq!(codes, ["cfws_fws", "deprec_cfws_near_at"]);
/// assert_eq!(mailbox.diagnoses().category(), Category::Deprecated);
/// # Ok::<(), mail_envelope::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Diagnoses(u64);

impl Diagnoses {
    /// The empty set.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Category, Diagnoses};
    /// const NONE: Diagnoses = Diagnoses::new();
    /// assert!(NONE.is_empty());
    /// assert_eq!(NONE.category(), Category::Valid);
    /// ```
    pub const fn new() -> Self {
        Self(0)
    }

    /// Adds a finding.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Diagnoses, Diagnosis};
    /// let mut set = Diagnoses::new();
    /// set.insert(Diagnosis::CfwsComment);
    /// assert!(set.contains(Diagnosis::CfwsComment));
    /// assert!(!set.contains(Diagnosis::CfwsFws));
    /// ```
    pub fn insert(&mut self, diagnosis: Diagnosis) {
        self.0 |= 1 << diagnosis as u8;
    }

    /// Adds every finding of `other`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Diagnosis, Mailbox};
    /// let mut set = Mailbox::parse("\"jane\"@example.com")?.diagnoses();
    /// set.extend(Mailbox::parse("jane@example.com (Jane)")?.diagnoses());
    /// assert!(set.contains(Diagnosis::Rfc5321QuotedString) && set.contains(Diagnosis::CfwsComment));
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn extend(&mut self, other: Diagnoses) {
        self.0 |= other.0;
    }

    /// Whether `diagnosis` is in the set.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Diagnosis, Mailbox};
    /// let diagnoses = Mailbox::parse("user@[192.0.2.1]")?.diagnoses();
    /// assert!(diagnoses.contains(Diagnosis::Rfc5321AddressLiteral));
    /// assert!(!diagnoses.contains(Diagnosis::Rfc5322DomainLiteral));
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn contains(self, diagnosis: Diagnosis) -> bool {
        self.0 & (1 << diagnosis as u8) != 0
    }

    /// Whether the set is empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::Mailbox;
    /// assert!(Mailbox::parse("jane@example.com")?.diagnoses().is_empty());
    /// assert!(!Mailbox::parse("jane@example.com (Jane)")?.diagnoses().is_empty());
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The findings in a fixed order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Diagnoses, Diagnosis};
    /// // The order is the set's, not the order of insertion.
    /// let set: Diagnoses = [Diagnosis::DeprecFws, Diagnosis::Rfc5321Tld].into_iter().collect();
    /// assert_eq!(set.iter().collect::<Vec<_>>(), [Diagnosis::Rfc5321Tld, Diagnosis::DeprecFws]);
    /// ```
    pub fn iter(self) -> impl Iterator<Item = Diagnosis> {
        Diagnosis::ALL.iter().copied().filter(move |d| self.contains(*d))
    }

    /// The most severe category among the findings ([`Category::Valid`] when there are none).
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::{Category, Mailbox};
    /// // A quoted local part (rfc5321) and a comment (cfws): the comment is the more severe.
    /// let diagnoses = Mailbox::parse("\"jane\"@example.com(Jane)")?.diagnoses();
    /// assert_eq!(diagnoses.iter().count(), 2);
    /// assert_eq!(diagnoses.category(), Category::Cfws);
    /// # Ok::<(), mail_envelope::ParseError>(())
    /// ```
    pub fn category(self) -> Category {
        self.iter().map(Diagnosis::category).max().unwrap_or_default()
    }
}

impl FromIterator<Diagnosis> for Diagnoses {
    fn from_iter<I: IntoIterator<Item = Diagnosis>>(iter: I) -> Self {
        let mut set = Self::new();
        for d in iter {
            set.insert(d);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn every_code_fits_the_bit_set() {
        assert!(Diagnosis::ALL.len() <= 64);
        for (i, d) in Diagnosis::ALL.iter().enumerate() {
            assert_eq!(*d as usize, i);
        }
    }

    #[test]
    fn codes_are_unique_and_lower_snake_case() {
        let mut codes: Vec<&str> = Diagnosis::ALL.iter().map(|d| d.code()).collect();
        assert!(codes.iter().all(|c| c
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Diagnosis::ALL.len());
    }

    #[test]
    fn category_is_the_most_severe_finding() {
        let set: Diagnoses = [Diagnosis::CfwsComment, Diagnosis::Rfc5321QuotedString]
            .into_iter()
            .collect();
        assert_eq!(set.category(), Category::Cfws);
        assert_eq!(Diagnoses::new().category(), Category::Valid);
    }
}
