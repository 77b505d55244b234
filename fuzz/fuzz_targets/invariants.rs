//! Fuzz target `invariants`: no panic, errors inside the input, no CR, LF or NUL in any output.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_envelope_fuzz::invariants(data));
