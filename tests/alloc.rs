//! Zero-copy, measured: parsing a plain ASCII address allocates nothing, and parsing one whose
//! value must be decoded (a quoted-pair, an encoded-word) does, which shows the counter counts.
//!
//! The counter is a global allocator that counts the allocations of the thread that asked for
//! counting, so the tests libtest runs on other threads at the same time do not disturb it.

#![allow(unsafe_code)] // `GlobalAlloc` is an unsafe trait; this file only forwards to `System`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use mail_envelope::{AddrSpec, AddressList, ForwardPath, Mailbox, ReversePath};

/// Forwards to the system allocator and counts, per thread, the calls that obtain memory.
struct Counting;

thread_local! {
    /// Whether this thread's allocations are being counted.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    /// How many allocations this thread made while counting.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn record() {
    // `try_with`: the thread-locals may already be gone while the thread shuts down.
    let counting = COUNTING.try_with(Cell::get).unwrap_or(false);
    if counting {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the counting
// touches only `const`-initialized thread-locals without destructors, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record();
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which `System` shares.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record();
        // SAFETY: `ptr` was allocated by this allocator, that is by `System`, with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by this allocator, that is by `System`, with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// How many allocations `f` makes on this thread; its result is dropped uncounted.
fn allocations<T>(f: impl FnOnce() -> T) -> usize {
    ALLOCATIONS.with(|n| n.set(0));
    COUNTING.with(|c| c.set(true));
    let value = f();
    COUNTING.with(|c| c.set(false));
    drop(value);
    ALLOCATIONS.with(Cell::get)
}

/// Plain ASCII mailboxes: atoms, a quoted-string without escapes, CFWS, a literal, a route.
const PLAIN_MAILBOXES: &[&str] = &[
    "Jane Doe <jane.doe@example.com>",
    "jane@example.com",
    "\"Jane Doe\" <jane@example.com>",
    "<jane@example.com>",
    "\"jane doe\"@example.com",
    "jane@example.com (Jane Doe)",
    "Jane Doe  <jane@example.com>",
    "\"Doe, Jane\" (work) <jane@example.com>",
    "Jane <jane@[192.0.2.1]>",
    "Jane <@relay.example:jane@example.com>",
];

#[test]
fn parsing_a_plain_ascii_mailbox_allocates_nothing() {
    for input in PLAIN_MAILBOXES {
        let count = allocations(|| Mailbox::parse(input).expect("a valid mailbox"));
        assert_eq!(count, 0, "Mailbox::parse({input:?}) allocated");
        assert_eq!(
            allocations(|| Mailbox::parse_bytes(input.as_bytes())),
            0,
            "{input:?} as bytes"
        );
    }
}

#[test]
fn parsing_a_plain_ascii_addr_spec_allocates_nothing() {
    for input in [
        "jane@example.com",
        "jane.doe@mail.example.com",
        "\"jane\"@example.com",
        "jane @ example.com",
        "jane@[IPv6:2001:db8::1]",
    ] {
        let count = allocations(|| AddrSpec::parse(input).expect("a valid addr-spec"));
        assert_eq!(count, 0, "AddrSpec::parse({input:?}) allocated");
    }
}

#[test]
fn parsing_a_plain_ascii_path_allocates_nothing() {
    for input in [
        "<jane@example.com>",
        "<\"jane doe\"@example.com>",
        "<@relay.example:jane@example.com>",
        "<>",
    ] {
        let count = allocations(|| ReversePath::parse(input).expect("a valid reverse-path"));
        assert_eq!(count, 0, "ReversePath::parse({input:?}) allocated");
    }
    let count = allocations(|| ForwardPath::parse("<Postmaster>").expect("a valid forward-path"));
    assert_eq!(count, 0, "ForwardPath::parse allocated");
}

#[test]
fn the_envelope_form_of_a_plain_mailbox_borrows_it() {
    let mailbox = Mailbox::parse("Jane Doe <jane.doe@example.com>").expect("a plain mailbox");
    let count = allocations(|| mailbox.to_reverse_path().expect("an envelope form"));
    assert_eq!(count, 0, "to_reverse_path allocated");
}

#[test]
fn decoding_allocates_and_is_counted() {
    // The counter counts: values that decoding changes must own their text.
    for input in [
        "\"Jane \\\"JD\\\" Doe\" <jane@example.com>",
        "=?utf-8?q?J=C3=B6rg?= <joerg@example.com>",
        "\"jane\\.doe\"@example.com",
        "Jane\r\n Doe <jane@example.com>",
    ] {
        let count = allocations(|| Mailbox::parse(input).expect("a valid mailbox"));
        assert!(count > 0, "Mailbox::parse({input:?}) allocated nothing");
    }
    let count = allocations(|| AddressList::parse("a@example.com, b@example.com").expect("a list"));
    assert!(count > 0, "a list's Vec was not counted");
    assert!(allocations(|| String::from("x")) == 1);
}
