#!/usr/bin/env bash
# Builds the C ABI's static library (debug, so the panic hook is in), compiles the C programs of
# ffi/tests/ against it, and runs each under valgrind: any memory error or leak fails.
# Run from anywhere: `bash ffi/tests/run_valgrind.sh`. Needs cc, cargo and valgrind.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
command -v valgrind >/dev/null 2>&1 || { echo "run_valgrind.sh: valgrind is not installed" >&2; exit 1; }

cargo build -p mail-envelope-ffi
target="${CARGO_TARGET_DIR:-$root/target}"
library="$target/debug/libmail_envelope_ffi.a"
[ -f "$library" ] || { echo "run_valgrind.sh: $library is missing" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for program in notify errors transaction; do
    cc -std=c99 -Wall -Wextra -Werror -g -I ffi/include "ffi/tests/$program.c" "$library" \
        -lpthread -ldl -lm -o "$work/$program"
    echo "== valgrind $program"
    # The panic hook's message and backtrace go to standard error; RUST_BACKTRACE=0 keeps it short.
    if ! RUST_BACKTRACE=0 valgrind --error-exitcode=1 --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible "$work/$program" >"$work/$program.out" 2>"$work/$program.err"; then
        cat "$work/$program.err" >&2
        echo "run_valgrind.sh: $program failed under valgrind" >&2
        exit 1
    fi
    grep -E '(ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|All heap blocks were freed|in use at exit)' \
        "$work/$program.err" | sed 's/^==[0-9]*== //'
done
