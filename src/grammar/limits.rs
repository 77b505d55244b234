//! The RFC 5321 §4.5.3.1 size limits, which the path grammar, the RFC 5321 checks and the
//! accelerators apply alike.
//!
//! Each form is measured as it is transmitted: a UTF-8 (SMTPUTF8) path's domain and path in UTF-8
//! octets, its labels on their A-labels (RFC 5890 §4.2); the ASCII fallback's on the A-label
//! form.

/// RFC 5321 §4.5.3.1.1: "The maximum total length of a user name or other local-part is 64 octets."
pub(crate) const MAX_LOCAL_PART: usize = 64;
/// RFC 5321 §4.5.3.1.2: "The maximum total length of a domain name or number is 255 octets."
pub(crate) const MAX_DOMAIN: usize = 255;
/// RFC 1035 §2.3.4, which RFC 5321 §2.3.5 refers to: labels are 63 octets or less.
pub(crate) const MAX_LABEL: usize = 63;
/// RFC 5321 §4.5.3.1.3: "The maximum total length of a reverse-path or forward-path is 256 octets
/// (including the punctuation and element separators)."
pub(crate) const MAX_PATH: usize = 256;
