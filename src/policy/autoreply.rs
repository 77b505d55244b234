//! Auto-replies.
