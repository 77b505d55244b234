//! Fuzz target `mailbox`: `Mailbox` and `AddrSpec` entry points, every strictness.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_envelope_fuzz::mailbox(data));
