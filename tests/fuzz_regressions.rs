//! Replays every input saved in `fuzz/regressions/` (hand-made hostile inputs and minimized
//! fuzzer findings) through the properties the fuzz targets check, with the same code: the fuzz
//! crate's `src/lib.rs` is compiled in here as a module.

use std::any::Any;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;

// The fuzz crate's properties; its `pub` items are this test's own, and each test uses one.
#[allow(unreachable_pub, dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod properties;

/// The saved inputs, sorted by name; fails if there are none, so the replay cannot pass empty.
fn saved_inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join("regressions");
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut inputs: Vec<PathBuf> = entries
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
                .path()
        })
        .filter(|path| path.is_file())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no saved inputs in {}", dir.display());
    inputs
}

/// A panic's message, cut to `max` characters: the saved inputs reach several MiB, and a failed
/// property quotes its input.
fn cut(payload: &(dyn Any + Send), max: usize) -> String {
    let message = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    let mut cut: String = message.chars().take(max).collect();
    if cut.len() < message.len() {
        cut.push_str(" [...]");
    }
    cut
}

/// Replaces the panic hook by one that prints cut messages, once for every test.
fn print_cut_panic_messages() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        panic::set_hook(Box::new(|info| {
            let location = info.location().map(ToString::to_string).unwrap_or_default();
            eprintln!("panicked at {location}: {}", cut(info.payload(), 4000));
        }));
    });
}

/// Runs `property` on every saved input and fails naming each input it does not hold for.
fn replay(property: fn(&[u8])) {
    print_cut_panic_messages();
    let inputs = saved_inputs();
    let mut failed = Vec::new();
    for path in &inputs {
        let data = fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(|| property(&data))) {
            let name = path
                .file_name()
                .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
            failed.push(format!("{name}: {}", cut(payload.as_ref(), 300)));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} saved inputs fail:\n{}",
        failed.len(),
        inputs.len(),
        failed.join("\n")
    );
}

#[test]
fn saved_inputs_keep_the_mailbox_properties() {
    replay(properties::mailbox);
}

#[test]
fn saved_inputs_keep_the_address_list_properties() {
    replay(properties::address_list);
}

#[test]
fn saved_inputs_keep_the_path_properties() {
    replay(properties::path);
}

#[test]
fn saved_inputs_round_trip_through_the_header_form() {
    replay(properties::roundtrip_header);
}

#[test]
fn saved_inputs_round_trip_through_the_envelope_form() {
    replay(properties::roundtrip_envelope);
}

#[test]
fn saved_inputs_keep_the_output_invariants() {
    replay(properties::invariants);
}

#[test]
fn saved_inputs_read_the_same_with_and_without_the_accelerators() {
    replay(properties::differential);
}
