//! Fuzz target `command`: `MailFrom::parse` and `RcptTo::parse` on any line, every strictness.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_envelope_fuzz::smtp_command::command(data));
