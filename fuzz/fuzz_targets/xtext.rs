//! Fuzz target `xtext`: xtext and unitext decoding and encoding.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_envelope_fuzz::smtp_command::xtext(data));
