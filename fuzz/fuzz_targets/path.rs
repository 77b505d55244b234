//! Fuzz target `path`: `ReversePath` and `ForwardPath` entry points, every strictness.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_envelope_fuzz::path(data));
