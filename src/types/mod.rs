//! The values at the bottom of the crate: data, accessors, semantic equality and `into_owned`.
//! Nothing here parses or renders; the grammar builds these values and the renderers write them.

pub(crate) mod address;
pub(crate) mod domain;
pub(crate) mod path;
pub(crate) mod text;

pub use address::{AddrSpec, Address, AddressList, Group, LocalPart, Mailbox};
pub use domain::{AddressLiteral, Domain, DomainLiteral, DomainName};
pub use path::{Envelope, ForwardPath, ReversePath, SmtpPath};
