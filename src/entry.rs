//! The entry points every parsed type offers on top of its own `parse_with`: `parse`,
//! `parse_bytes`, `parse_bytes_with`, `FromStr` (owned) and `TryFrom<&str>` (borrowed).

/// Defines those for `$ty`, which has `parse_with` and `into_owned`. `$what` names the syntax in
/// the docs, `$example` is a Rust string literal that parses in Strict mode, `$errors` says what
/// a parse error reports.
macro_rules! conversions {
    ($ty:ident, $what:literal, $example:literal, $errors:literal) => {
        impl<'a> $ty<'a> {
            #[doc = concat!("Parses ", $what, " with the default [`ParseOptions`](crate::ParseOptions).")]
            ///
            /// # Errors
            ///
            #[doc = $errors]
            ///
            /// # Examples
            ///
            /// ```
            #[doc = concat!("let value = mail_envelope::", stringify!($ty), "::parse(", $example, ")?;")]
            #[doc = concat!("assert_eq!(mail_envelope::", stringify!($ty), "::parse(&value.to_string())?, value);")]
            /// # Ok::<(), mail_envelope::ParseError>(())
            /// ```
            pub fn parse(input: &'a str) -> Result<Self, $crate::ParseError> {
                Self::parse_with(input, &$crate::ParseOptions::default())
            }

            #[doc = concat!("Parses ", $what, " from bytes, which must be UTF-8.")]
            ///
            /// # Errors
            ///
            /// [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8) at the first byte that is
            /// not UTF-8, or any error of [`parse`](Self::parse).
            ///
            /// # Examples
            ///
            /// ```
            #[doc = concat!("assert!(mail_envelope::", stringify!($ty), "::parse_bytes(", $example, ".as_bytes()).is_ok());")]
            #[doc = concat!("let err = mail_envelope::", stringify!($ty), "::parse_bytes(b\"a\\xff@example.com\").unwrap_err();")]
            /// assert_eq!(err.offset(), 1);
            /// ```
            pub fn parse_bytes(input: &'a [u8]) -> Result<Self, $crate::ParseError> {
                Self::parse_bytes_with(input, &$crate::ParseOptions::default())
            }

            #[doc = concat!("Parses ", $what, " from bytes, which must be UTF-8, with the given options.")]
            ///
            /// # Errors
            ///
            /// [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8) at the first byte that is
            /// not UTF-8, or any error of [`parse_with`](Self::parse_with).
            ///
            /// # Examples
            ///
            /// ```
            /// use mail_envelope::{ParseOptions, Strictness};
            /// let strict = ParseOptions::default().strictness(Strictness::Strict);
            #[doc = concat!("assert!(mail_envelope::", stringify!($ty), "::parse_bytes_with(", $example, ".as_bytes(), &strict).is_ok());")]
            /// ```
            pub fn parse_bytes_with(
                input: &'a [u8],
                options: &$crate::ParseOptions,
            ) -> Result<Self, $crate::ParseError> {
                Self::parse_with($crate::parse::from_utf8(input)?, options)
            }
        }

        impl core::str::FromStr for $ty<'static> {
            type Err = $crate::ParseError;

            fn from_str(s: &str) -> Result<Self, $crate::ParseError> {
                $ty::parse(s).map($ty::into_owned)
            }
        }

        impl<'a> TryFrom<&'a str> for $ty<'a> {
            type Error = $crate::ParseError;

            fn try_from(s: &'a str) -> Result<Self, $crate::ParseError> {
                $ty::parse(s)
            }
        }
    };
}
