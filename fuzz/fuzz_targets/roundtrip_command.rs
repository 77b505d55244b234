//! Fuzz target `roundtrip_command`: MAIL FROM / RCPT TO lines built from arbitrary text through the public constructors.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_envelope_fuzz::smtp_command::roundtrip_command(data));
