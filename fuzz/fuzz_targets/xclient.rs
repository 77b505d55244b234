//! Fuzz target `xclient`: XCLIENT and XFORWARD from typed values the bytes pick, build → parse.
#![no_main]

// Each target uses one of the properties.
#[allow(dead_code)]
#[path = "../src/smtp_reply.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| properties::xclient(data));
