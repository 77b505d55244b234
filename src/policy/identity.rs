//! Verified identities.
