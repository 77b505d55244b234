//! Fuzz target `ehlo`: `Capabilities::parse` on any EHLO reply, every strictness.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_envelope_fuzz::smtp_command::ehlo(data));
