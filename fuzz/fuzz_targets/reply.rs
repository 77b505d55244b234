//! Fuzz target `reply`: `Reply::parse_prefix` on any bytes, the rendering round trip, prefixes.
#![no_main]

// Each target uses one of the properties.
#[allow(dead_code)]
#[path = "../src/smtp_reply.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| properties::reply(data));
