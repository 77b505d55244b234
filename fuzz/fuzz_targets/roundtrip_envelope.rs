//! Fuzz target `roundtrip_envelope`: the envelope form re-parses to the same addr-spec and is a fixed point.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_envelope_fuzz::roundtrip_envelope(data));
