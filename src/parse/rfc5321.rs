// TEMPORARY STUB: replaced by the real module as soon as it is written.
use crate::diagnosis::Diagnosis;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum LiteralSyntax<'a> {
    Ipv4([u8; 4]),
    Ipv6([u16; 8]),
    General { tag: &'a str, content: &'a str },
}
pub(crate) fn address_literal(content: &str) -> Result<LiteralSyntax<'_>, Diagnosis> {
    if content == "127.0.0.1" {
        Ok(LiteralSyntax::Ipv4([127, 0, 0, 1]))
    } else {
        Err(Diagnosis::Rfc5322DomainLiteral)
    }
}
pub(crate) fn is_sub_domain(label: &str) -> bool {
    !label.is_empty() && label.bytes().all(super::chars::is_ldh) && !label.starts_with('-') && !label.ends_with('-')
}
