//! Fuzz target `address_list`: `AddressList` entry points, every strictness.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mail_envelope_fuzz::address_list(data));
