//! Compiling and running the C programs of `ffi/tests/` against the static library of this test
//! run, for every test file that needs them.
//!
//! Cargo builds the library's `staticlib` along with the rlib a test links, into the `deps/`
//! directory the test executable stands in (`target/debug/deps/libmail_envelope_ffi.a`); the
//! helpers check that it is there and no older than the crate's sources, so a test never
//! compiles against a stale library.
#![allow(dead_code)] // each test file uses the part it needs

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// The crate's directory, `ffi/`.
pub(crate) fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The static library of this build, in the `deps/` directory of this test executable.
fn static_library() -> PathBuf {
    let exe = std::env::current_exe().expect("the test executable's path");
    let deps = exe
        .parent()
        .expect("the test executable stands in <target>/<profile>/deps/");
    let library = deps.join("libmail_envelope_ffi.a");
    let built = fs::metadata(&library)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{}: {e}; run the tests with cargo test", library.display()));
    let newest_source = newest(&crate_dir().join("src")).max(modified(&crate_dir().join("Cargo.toml")));
    assert!(
        built >= newest_source,
        "{} is older than the crate's sources; run the tests with cargo test",
        library.display()
    );
    library
}

fn modified(path: &Path) -> SystemTime {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The newest modification time of the files under `dir`.
fn newest(dir: &Path) -> SystemTime {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                newest(&path)
            } else {
                modified(&path)
            }
        })
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

/// Compiles `ffi/tests/<name>.c` with `cc`, runs it, and returns its standard output; fails the
/// test when compiling or running fails.
pub(crate) fn compile_and_run(name: &str) -> String {
    compile_and_run_file(name, &crate_dir().join("tests").join(format!("{name}.c")))
}

/// Compiles the C file `source` with `cc` into a program called `name`, runs it, and returns its
/// standard output.
pub(crate) fn compile_and_run_file(name: &str, source: &Path) -> String {
    let dir = crate_dir();
    let exe = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("c-{name}"));
    let compiled = Command::new("cc")
        .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-g"])
        .arg("-I")
        .arg(dir.join("include"))
        .arg(source)
        .arg(static_library())
        .args(["-lpthread", "-ldl", "-lm", "-o"])
        .arg(&exe)
        .output()
        .expect("the system C compiler `cc`");
    assert!(
        compiled.status.success(),
        "cc {name}.c failed:\n{}",
        String::from_utf8_lossy(&compiled.stderr)
    );
    let ran = Command::new(&exe)
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", exe.display()));
    assert!(
        ran.status.success(),
        "{name} exited with {}:\n{}",
        ran.status,
        String::from_utf8_lossy(&ran.stderr)
    );
    String::from_utf8(ran.stdout).expect("the program's output is UTF-8")
}
