//! Fuzz target `roundtrip_header`: `Display`, `to_header` and `to_field` re-parse to an equal value.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_envelope_fuzz::roundtrip_header(data));
