//! `serde` support (feature `serde`): every address type serializes as its canonical string and
//! deserializes by parsing one, so a deserialized value has passed the same checks as a parsed one.
//!
//! ```
//! use mail_envelope::Mailbox;
//! let mailbox: Mailbox<'static> = serde_json::from_str(r#""Jane <jane@example.com>""#).unwrap();
//! assert_eq!(serde_json::to_string(&mailbox).unwrap(), r#""Jane <jane@example.com>""#);
//! ```

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::{AddrSpec, AddressList, Category, Diagnosis, ForwardPath, Mailbox, ReversePath, SmtpPath};

struct ParseVisitor<T>(core::marker::PhantomData<T>);

impl<T: FromStr<Err = crate::ParseError>> Visitor<'_> for ParseVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string holding an email address")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        self.visit_str(&v)
    }
}

macro_rules! as_string {
    ($($ty:ident),*) => {$(
        impl Serialize for $ty<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty<'static> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(ParseVisitor(core::marker::PhantomData))
            }
        }
    )*};
}

as_string!(AddrSpec, Mailbox, AddressList, ReversePath, ForwardPath, SmtpPath);

impl Serialize for Category {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for Diagnosis {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}
