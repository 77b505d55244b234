// TEMPORARY STUB: replaced by the real module as soon as it is written.
use alloc::string::String;
use alloc::vec::Vec;
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decoded {
    Text(String),
    UnknownCharset,
    Undecodable,
}
pub(crate) fn decode_encoded_word(_word: &str) -> Option<Decoded> {
    None
}
pub(crate) fn encode_phrase(text: &str) -> Vec<String> {
    alloc::vec![String::from(text)]
}
