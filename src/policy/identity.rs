//! Verified sender identities, and DMARC identifier alignment (RFC 7489 §3.1).
//!
//! **Identities** are what a sending service (`SendGrid`'s "Sender Identity", Amazon SES's
//! verified identities) lets a customer put in `From:`: exact addresses, and domains, which may
//! cover their subdomains. [`VerifiedIdentities::check`] says which identity verifies a `From:`
//! address, or why none does. A tokenized local part (`noreply-<24 characters of [a-z2-7]>`, as
//! Zulip writes when it adds reply tokens) changes with every message: only a domain identity
//! can cover it, and the reason says so.
//!
//! **Alignment** ([`align`]) compares the `From:` domain with the domain SPF authenticates (the
//! MAIL FROM domain, or for a null MAIL FROM the HELO name: RFC 7489 §3.1.2 and §4.1, RFC 7208
//! §2.4) and with each DKIM `d=` domain (RFC 7489 §3.1.1): strictly (the same name) or relaxed
//! (the same organizational domain, RFC 7489 §3.2, through an [`OrgDomain`]). Names compare
//! case-insensitively (RFC 4343), by their A-labels, with one trailing dot ignored. Whether SPF
//! and DKIM *passed* is not this function's question: give it the identifiers that passed.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;

use crate::policy::table::fold;
use crate::policy::{PolicyError, PolicyErrorKind};
use crate::{AddrSpec, Domain, ReversePath};

/// What an identity covers.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::identity::IdentityKind;
/// assert_eq!(IdentityKind::Subdomains.as_str(), "subdomains");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum IdentityKind {
    /// One address (`noreply@example.com`).
    Address,
    /// One domain (`example.com`), not its subdomains.
    Domain,
    /// A domain and its subdomains (written `.example.com`).
    Subdomains,
}

impl IdentityKind {
    /// `address`, `domain` or `subdomains`.
    pub fn as_str(self) -> &'static str {
        match self {
            IdentityKind::Address => "address",
            IdentityKind::Domain => "domain",
            IdentityKind::Subdomains => "subdomains",
        }
    }
}

/// One verified identity, as written and as compared.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Identity {
    kind: IdentityKind,
    written: String,
    /// For an address: the folded local part.
    local: Option<String>,
    /// The domain in A-labels, lower case, without trailing dot.
    domain: String,
}

/// A list of verified identities.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::identity::{IdentityKind, VerifiedIdentities};
/// use mail_envelope::AddrSpec;
///
/// let ids = VerifiedIdentities::parse("# SendGrid\nnoreply@chat.example.com\n.example.org\n")?;
/// let check = ids.check(&AddrSpec::parse("alerts@mail.example.org")?);
/// assert_eq!((check.verified(), check.verified_by(), check.kind()), (true, Some(".example.org"), Some(IdentityKind::Subdomains)));
///
/// let zulip = ids.check(&AddrSpec::parse("noreply-abcdefghijklmnopqrstuvwx@chat.example.com")?);
/// assert!(!zulip.verified());
/// assert!(zulip.reason().unwrap().contains("only a domain identity"));
/// # Ok::<(), mail_envelope::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct VerifiedIdentities {
    identities: Vec<Identity>,
}

/// The answer of [`VerifiedIdentities::check`].
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::identity::VerifiedIdentities;
/// use mail_envelope::AddrSpec;
/// let check = VerifiedIdentities::parse("example.com")?.check(&AddrSpec::parse("a@sub.example.com")?);
/// assert!(!check.verified());
/// assert!(check.reason().unwrap().contains(".example.com"));
/// # Ok::<(), mail_envelope::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct IdentityCheck {
    verified: bool,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    verified_by: Option<String>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    kind: Option<IdentityKind>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    reason: Option<String>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "core::ops::Not::not"))]
    tokenized: bool,
}

impl IdentityCheck {
    /// Whether an identity verifies the address.
    pub fn verified(&self) -> bool {
        self.verified
    }

    /// The identity that verifies it, as written in the list.
    pub fn verified_by(&self) -> Option<&str> {
        self.verified_by.as_deref()
    }

    /// What that identity covers.
    pub fn kind(&self) -> Option<IdentityKind> {
        self.kind
    }

    /// Why no identity verifies the address, and what would.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// Whether the local part is tokenized (changes with every message).
    pub fn tokenized(&self) -> bool {
        self.tokenized
    }
}

impl VerifiedIdentities {
    /// Reads a list: one identity a line, `addr@domain` (an address), `domain` (that domain),
    /// `.domain` (that domain and its subdomains); `#` at the start of a line or after white
    /// space starts a comment; blank lines are ignored.
    ///
    /// # Errors
    ///
    /// [`PolicyErrorKind::IdentitySyntax`] (or [`PolicyErrorKind::NoAsciiDomain`]) naming the
    /// line of the first entry that is neither.
    pub fn parse(text: &str) -> Result<Self, PolicyError> {
        let mut identities = Vec::new();
        let mut offset = 0;
        for (index, raw) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += raw.len();
            let line = strip_comment(raw.trim_end_matches(['\n', '\r']));
            let entry = line.trim();
            if entry.is_empty() {
                continue;
            }
            let at = start + (line.len() - line.trim_start().len());
            let identity = Identity::parse(entry).map_err(|kind| PolicyError::at_line(kind, index + 1, at))?;
            identities.push(identity);
        }
        Ok(VerifiedIdentities { identities })
    }

    /// Adds one identity, written as in a list.
    ///
    /// # Errors
    ///
    /// [`PolicyErrorKind::IdentitySyntax`] when it is neither an address nor a domain.
    ///
    /// # Examples
    ///
    /// ```
    /// use mail_envelope::policy::identity::VerifiedIdentities;
    /// let mut ids = VerifiedIdentities::default();
    /// ids.add("Example.COM.")?;
    /// assert_eq!(ids.len(), 1);
    /// # Ok::<(), mail_envelope::policy::PolicyError>(())
    /// ```
    pub fn add(&mut self, identity: &str) -> Result<(), PolicyError> {
        let identity = Identity::parse(identity.trim()).map_err(PolicyError::new)?;
        self.identities.push(identity);
        Ok(())
    }

    /// The number of identities.
    pub fn len(&self) -> usize {
        self.identities.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.identities.is_empty()
    }

    /// Which identity verifies `from`: an address identity first, then the domain itself, then
    /// the closest domain that covers its subdomains. Local parts compare case-insensitively.
    pub fn check(&self, from: &AddrSpec<'_>) -> IdentityCheck {
        let written = from.to_string();
        let local = fold(from.local_part().value());
        let domain = addr_domain(from);
        let tokenized = tokenized(from.local_part().value()).is_some();
        if let Ok(domain) = &domain {
            let by_address = self
                .identities
                .iter()
                .find(|i| i.kind == IdentityKind::Address && i.domain == *domain && i.local.as_deref() == Some(&local));
            let by_domain = || {
                self.identities
                    .iter()
                    .find(|i| i.kind == IdentityKind::Domain && i.domain == *domain)
            };
            let by_parent = || {
                self.identities
                    .iter()
                    .filter(|i| i.kind == IdentityKind::Subdomains && covers(&i.domain, domain))
                    .max_by_key(|i| i.domain.len())
            };
            if let Some(identity) = by_address.or_else(by_domain).or_else(by_parent) {
                return IdentityCheck {
                    verified: true,
                    verified_by: Some(identity.written.clone()),
                    kind: Some(identity.kind),
                    reason: None,
                    tokenized,
                };
            }
        }
        IdentityCheck {
            verified: false,
            verified_by: None,
            kind: None,
            reason: Some(self.reason(from, &written, domain.as_deref().ok())),
            tokenized,
        }
    }

    /// Why nothing verifies `from`, and what would.
    fn reason(&self, from: &AddrSpec<'_>, written: &str, domain: Option<&str>) -> String {
        let Some(domain) = domain else {
            return format!("{written} has no domain name in A-labels, so no identity can verify it");
        };
        let shown = from.domain().as_str();
        if let Some(prefix) = tokenized(from.local_part().value()) {
            let fixed = format!("{prefix}@{shown}");
            let fixed_verified = self.identities.iter().any(|i| {
                i.kind == IdentityKind::Address && i.domain == domain && i.local.as_deref() == Some(&fold(prefix))
            });
            let advice = if fixed_verified {
                format!("{fixed} is verified: send from that fixed address (in Zulip: ADD_TOKENS_TO_NOREPLY_ADDRESS = False)")
            } else {
                format!("verify the domain {shown} (or .{shown} with its subdomains), or verify {fixed} and send from that fixed address (in Zulip: ADD_TOKENS_TO_NOREPLY_ADDRESS = False)")
            };
            return format!(
                "the local part of {written} is tokenized (it changes with every message), so no address identity can verify it, only a domain identity: {advice}"
            );
        }
        let same_domain: Vec<&str> = self
            .identities
            .iter()
            .filter(|i| i.kind == IdentityKind::Address && i.domain == domain)
            .map(|i| i.written.as_str())
            .collect();
        let parent = self
            .identities
            .iter()
            .find(|i| i.kind == IdentityKind::Domain && covers(&i.domain, domain));
        let mut reason = format!("no verified identity covers {written}");
        if !same_domain.is_empty() {
            let _ = write!(
                reason,
                "; the addresses verified at {shown} are {}",
                same_domain.join(", ")
            );
        }
        if let Some(parent) = parent {
            let _ = write!(
                reason,
                "; {} is verified without its subdomains: write .{} to cover {shown}",
                parent.written, parent.domain
            );
        } else {
            let _ = write!(reason, "; verify the address, or the domain {shown}");
        }
        reason
    }
}

/// The text before a comment: `#` at the start or after white space.
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// Whether `parent` is `domain` or one of its parent domains.
fn covers(parent: &str, domain: &str) -> bool {
    domain == parent || domain.strip_suffix(parent).is_some_and(|head| head.ends_with('.'))
}

/// The prefix of a tokenized local part: `<prefix>-<24 characters of [a-z2-7]>`.
fn tokenized(local: &str) -> Option<&str> {
    let (prefix, token) = local.rsplit_once('-')?;
    let is_token = token.len() == 24
        && token
            .bytes()
            .all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b));
    (is_token && !prefix.is_empty()).then_some(prefix)
}

impl Identity {
    /// Reads one entry.
    fn parse(entry: &str) -> Result<Identity, PolicyErrorKind> {
        if entry.contains('@') {
            let addr = AddrSpec::parse(entry).map_err(|_| PolicyErrorKind::IdentitySyntax)?;
            let domain = addr_domain(&addr)?;
            return Ok(Identity {
                kind: IdentityKind::Address,
                written: entry.to_string(),
                local: Some(fold(addr.local_part().value())),
                domain,
            });
        }
        let (kind, name) = match entry.strip_prefix('.') {
            Some(name) => (IdentityKind::Subdomains, name),
            None => (IdentityKind::Domain, entry),
        };
        let domain = normalize_domain(name).map_err(|kind| match kind {
            PolicyErrorKind::DomainSyntax => PolicyErrorKind::IdentitySyntax,
            other => other,
        })?;
        Ok(Identity {
            kind,
            written: entry.to_string(),
            local: None,
            domain,
        })
    }
}

/// The domain of an address, compared form.
fn addr_domain(addr: &AddrSpec<'_>) -> Result<String, PolicyErrorKind> {
    match addr.domain() {
        Domain::Name(name) => normalize_domain(name.value()),
        Domain::Literal(_) => Err(PolicyErrorKind::DomainSyntax),
    }
}

/// A domain name as compared: A-labels, lower case, one trailing dot dropped.
///
/// # Errors
///
/// [`PolicyErrorKind::DomainSyntax`] for what is not a domain name, and
/// [`PolicyErrorKind::NoAsciiDomain`] for a name without an A-label form.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::identity::normalize_domain;
/// assert_eq!(normalize_domain("Mail.Example.COM.").unwrap(), "mail.example.com");
/// # #[cfg(feature = "idna")]
/// assert_eq!(normalize_domain("Bücher.example").unwrap(), "xn--bcher-kva.example");
/// assert!(normalize_domain("a..b").is_err());
/// ```
pub fn normalize_domain(name: &str) -> Result<String, PolicyErrorKind> {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() || name.len() > 253 {
        return Err(PolicyErrorKind::DomainSyntax);
    }
    let ascii: Cow<'_, str> = if name.is_ascii() {
        Cow::Borrowed(name)
    } else {
        let probe = format!("x@{name}");
        let addr = AddrSpec::parse(&probe).map_err(|_| PolicyErrorKind::DomainSyntax)?;
        let Domain::Name(domain) = addr.domain() else {
            return Err(PolicyErrorKind::DomainSyntax);
        };
        Cow::Owned(
            domain
                .to_ascii()
                .map_err(|_| PolicyErrorKind::NoAsciiDomain)?
                .into_owned(),
        )
    };
    let valid_label = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if !ascii.split('.').all(valid_label) {
        return Err(PolicyErrorKind::DomainSyntax);
    }
    Ok(ascii.to_ascii_lowercase())
}

// ----- DMARC identifier alignment -----

/// The organizational domain of a name (RFC 7489 §3.2): the public suffix and one more label.
///
/// Implement it over the public suffix list you trust; the `psl` feature gives
/// [`PublicSuffixList`], compiled in. The name given is in A-labels, lower case, without a
/// trailing dot; answer `None` when the name is itself a public suffix.
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::identity::OrgDomain;
///
/// /// Two labels, always (a toy; use the public suffix list).
/// struct LastTwo;
/// impl OrgDomain for LastTwo {
///     fn org_domain(&self, name: &str) -> Option<String> {
///         let labels: Vec<&str> = name.rsplitn(3, '.').collect();
///         (labels.len() >= 2).then(|| format!("{}.{}", labels[1], labels[0]))
///     }
/// }
/// assert_eq!(LastTwo.org_domain("a.b.example.com").as_deref(), Some("example.com"));
/// ```
pub trait OrgDomain {
    /// The organizational domain of `name`, or `None` when it has none.
    fn org_domain(&self, name: &str) -> Option<String>;
}

/// The organizational domain by the public suffix list compiled into the `psl` crate (no
/// network, no file).
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::identity::{OrgDomain, PublicSuffixList};
/// assert_eq!(PublicSuffixList.org_domain("news.example.co.uk").as_deref(), Some("example.co.uk"));
/// assert_eq!(PublicSuffixList.org_domain("co.uk"), None);
/// ```
#[cfg(feature = "psl")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PublicSuffixList;

#[cfg(feature = "psl")]
impl OrgDomain for PublicSuffixList {
    fn org_domain(&self, name: &str) -> Option<String> {
        use psl::Psl;
        let domain = psl::List.domain(name.as_bytes())?;
        core::str::from_utf8(domain.as_bytes()).ok().map(ToString::to_string)
    }
}

/// Strict or relaxed alignment (RFC 7489 §3.1.1, §3.1.2: `aspf`, `adkim`).
///
/// # Examples
///
/// ```
/// use mail_envelope::policy::identity::AlignmentMode;
/// assert_eq!(AlignmentMode::Relaxed.as_str(), "relaxed");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AlignmentMode {
    /// The same name.
    Strict,
    /// The same organizational domain.
    Relaxed,
}

impl AlignmentMode {
    /// `strict` or `relaxed`.
    pub fn as_str(self) -> &'static str {
        match self {
            AlignmentMode::Strict => "strict",
            AlignmentMode::Relaxed => "relaxed",
        }
    }
}

/// One DKIM `d=` domain and whether it aligns.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "psl")] {
/// use mail_envelope::policy::identity::{align, AlignmentMode, PublicSuffixList};
/// use mail_envelope::{AddrSpec, ReversePath};
/// let from = AddrSpec::parse("a@example.com")?;
/// let result = align(&from, &ReversePath::parse("<b@example.com>")?, None, &["sendgrid.net"], AlignmentMode::Relaxed, &PublicSuffixList)?;
/// assert_eq!(result.dkim()[0].domain(), "sendgrid.net");
/// assert!(!result.dkim()[0].aligned());
/// # }
/// # Ok::<(), mail_envelope::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DkimAlignment {
    domain: String,
    org: Option<String>,
    aligned: bool,
}

impl DkimAlignment {
    /// The `d=` domain, compared form.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// Its organizational domain.
    pub fn org(&self) -> Option<&str> {
        self.org.as_deref()
    }

    /// Whether it aligns with the `From:` domain.
    pub fn aligned(&self) -> bool {
        self.aligned
    }
}

/// The answer of [`align`].
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "psl")] {
/// use mail_envelope::policy::identity::{align, AlignmentMode, PublicSuffixList};
/// use mail_envelope::{AddrSpec, ReversePath};
///
/// let from = AddrSpec::parse("payments@example.com")?;
/// let mail_from = ReversePath::parse("<bounce@cbg.bounces.example.com>")?;
/// let relaxed = align(&from, &mail_from, None, &[], AlignmentMode::Relaxed, &PublicSuffixList)?;
/// assert!(relaxed.aligned() && relaxed.spf_aligned());
/// let strict = align(&from, &mail_from, None, &[], AlignmentMode::Strict, &PublicSuffixList)?;
/// assert!(!strict.aligned());
/// # }
/// # Ok::<(), mail_envelope::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Alignment {
    aligned: bool,
    spf_aligned: bool,
    dkim_aligned: Vec<bool>,
    mode: AlignmentMode,
    from_domain: String,
    from_org: Option<String>,
    mail_from_domain: String,
    mail_from_org: Option<String>,
    spf_domain_from_helo: bool,
    dkim: Vec<DkimAlignment>,
    reason: String,
}

impl Alignment {
    /// Whether SPF or any DKIM domain aligns: DMARC can pass.
    pub fn aligned(&self) -> bool {
        self.aligned
    }

    /// Whether the SPF-authenticated domain aligns.
    pub fn spf_aligned(&self) -> bool {
        self.spf_aligned
    }

    /// Whether each DKIM domain aligns, in the order given.
    pub fn dkim_aligned(&self) -> &[bool] {
        &self.dkim_aligned
    }

    /// The mode applied.
    pub fn mode(&self) -> AlignmentMode {
        self.mode
    }

    /// The `From:` domain, compared form.
    pub fn from_domain(&self) -> &str {
        &self.from_domain
    }

    /// Its organizational domain.
    pub fn from_org(&self) -> Option<&str> {
        self.from_org.as_deref()
    }

    /// The SPF-authenticated domain: the MAIL FROM domain, or the HELO name for `<>`.
    pub fn mail_from_domain(&self) -> &str {
        &self.mail_from_domain
    }

    /// Its organizational domain.
    pub fn mail_from_org(&self) -> Option<&str> {
        self.mail_from_org.as_deref()
    }

    /// Whether the SPF domain is the HELO name (a null MAIL FROM).
    pub fn spf_domain_from_helo(&self) -> bool {
        self.spf_domain_from_helo
    }

    /// Each DKIM domain.
    pub fn dkim(&self) -> &[DkimAlignment] {
        &self.dkim
    }

    /// The answer in a sentence.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// DMARC identifier alignment (RFC 7489 §3.1) of the `From:` address `from` with the MAIL FROM
/// path (`<>`: the HELO name `helo`, RFC 7489 §3.1.2 and RFC 7208 §2.4) and the DKIM `d=`
/// domains `dkim`, in `mode`. Relaxed mode counts two names as aligned when they are equal or
/// have the same organizational domain.
///
/// # Errors
///
/// [`PolicyErrorKind::NullMailFromWithoutHelo`]; [`PolicyErrorKind::DomainSyntax`] or
/// [`PolicyErrorKind::NoAsciiDomain`] for a domain that is no domain name (an address literal
/// included).
pub fn align(
    from: &AddrSpec<'_>,
    mail_from: &ReversePath<'_>,
    helo: Option<&str>,
    dkim: &[&str],
    mode: AlignmentMode,
    org: &dyn OrgDomain,
) -> Result<Alignment, PolicyError> {
    let from_domain = addr_domain(from).map_err(PolicyError::new)?;
    let (spf_domain, from_helo) = match mail_from {
        ReversePath::Path(addr) => (addr_domain(addr).map_err(PolicyError::new)?, false),
        ReversePath::Null => {
            let helo = helo.ok_or(PolicyError::new(PolicyErrorKind::NullMailFromWithoutHelo))?;
            (normalize_domain(helo).map_err(PolicyError::new)?, true)
        }
    };
    let from_org = org.org_domain(&from_domain);
    let aligned_with = |domain: &str, domain_org: Option<&String>| match mode {
        AlignmentMode::Strict => domain == from_domain,
        AlignmentMode::Relaxed => domain == from_domain || (from_org.is_some() && domain_org == from_org.as_ref()),
    };
    let spf_org = org.org_domain(&spf_domain);
    let spf_aligned = aligned_with(&spf_domain, spf_org.as_ref());
    let mut dkim_results = Vec::new();
    for d in dkim {
        let domain = normalize_domain(d).map_err(PolicyError::new)?;
        let d_org = org.org_domain(&domain);
        let aligned = aligned_with(&domain, d_org.as_ref());
        dkim_results.push(DkimAlignment {
            domain,
            org: d_org,
            aligned,
        });
    }
    let any_dkim = dkim_results.iter().any(|d| d.aligned);
    let spf_source = if from_helo { "HELO name" } else { "MAIL FROM domain" };
    let compare = match mode {
        AlignmentMode::Strict => "is not",
        AlignmentMode::Relaxed => "has another organizational domain than",
    };
    let reason = if spf_aligned || any_dkim {
        let mut by = Vec::new();
        if spf_aligned {
            by.push(format!("SPF ({spf_source} {spf_domain})"));
        }
        by.extend(
            dkim_results
                .iter()
                .filter(|d| d.aligned)
                .map(|d| format!("DKIM (d={})", d.domain)),
        );
        format!(
            "{from_domain} is aligned by {} in {} mode",
            by.join(" and "),
            mode.as_str()
        )
    } else {
        let mut why = alloc::vec![format!("the {spf_source} {spf_domain} {compare} {from_domain}")];
        why.extend(
            dkim_results
                .iter()
                .map(|d| format!("d={} {compare} {from_domain}", d.domain)),
        );
        if dkim_results.is_empty() {
            why.push("no DKIM domain was given".to_string());
        }
        format!("not aligned in {} mode: {}", mode.as_str(), why.join("; "))
    };
    Ok(Alignment {
        aligned: spf_aligned || any_dkim,
        spf_aligned,
        dkim_aligned: dkim_results.iter().map(|d| d.aligned).collect(),
        mode,
        from_domain,
        from_org,
        mail_from_domain: spf_domain,
        mail_from_org: spf_org,
        spf_domain_from_helo: from_helo,
        dkim: dkim_results,
        reason,
    })
}
