//! Prints the benches' generated corpus (the four workloads of `benches/common/mod.rs`:
//! `bare`, `named`, `utf8`, `hard`, 10,000 inputs each, from a fixed seed) as JSON lines, one
//! `{"workload","shape","input"}` object per input, for benchmarks outside Rust
//! (`python/bench.py`).
//!
//! ```sh
//! cargo run --release --example bench_corpus > corpus.jsonl
//! ```

#[path = "../benches/common/mod.rs"]
mod common;

use std::io::{self, BufWriter, Write};

fn main() -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    for (workload, inputs) in common::workloads() {
        for input in inputs {
            let line = serde_json::json!({"workload": workload, "shape": input.shape, "input": input.text});
            writeln!(out, "{line}")?;
        }
    }
    out.flush()
}
