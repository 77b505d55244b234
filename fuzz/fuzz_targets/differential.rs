//! Fuzz target `differential`: every entry point reads the same with the accelerators on and off.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_envelope_fuzz::differential(data));
