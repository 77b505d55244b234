#!/bin/sh
# Instruction counts (callgrind) of the benches, as Markdown tables:
#
#   1. every contestant of the `peers` bench on every workload (`PEERS_RUN`): instructions per
#      input, and this crate's count over mail-parser's and over the fastest peer's;
#   2. every input shape of the corpus (`PARSE_RUN` of the `parse` bench): instructions per input
#      and per byte of `Mailbox::parse`, the per-byte cost over that of plain addr-specs, and what
#      `to_reverse_path()` (and the owned bare address) add to the parse.
#
# Usage, from anywhere in the repository:
#
#   benches/callgrind.sh [passes]          # both tables; each run goes over its inputs `passes` times (default 2)
#   CALLGRIND_ONLY=peers benches/callgrind.sh
#   CALLGRIND_ONLY=shapes benches/callgrind.sh
#
# The bench binaries are built with `cargo bench --no-run` (set CARGO_BUILD_JOBS to limit the
# build's jobs). Needs valgrind and awk. Takes a few minutes: the `peers` binary checks every
# contestant on the whole corpus before each counted run.
set -eu

passes=${1:-2}
only=${CALLGRIND_ONLY:-all}
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# The path of a bench binary, built if needed.
binary() {
    cargo bench --bench "$1" --no-run 2>&1 | sed -n 's/^ *Executable .*(\(.*\))$/\1/p' | tail -n 1
}

# count <function> <env assignment> <binary>: runs the binary under callgrind, counting only
# <function>; prints "<instructions> <the binary's last output line>".
count() {
    env "$2" valgrind --tool=callgrind --callgrind-out-file="$work/out" --toggle-collect="$1" \
        "$3" --bench >"$work/stdout" 2>"$work/stderr" || {
        cat "$work/stderr" >&2
        exit 1
    }
    instructions=$(awk '/^summary:/ { print $2 }' "$work/out")
    echo "$instructions $(tail -n 1 "$work/stdout")"
}

if [ "$only" != shapes ]; then
    peers=$(binary peers)
    [ -n "$peers" ] || { echo "callgrind.sh: could not build the peers bench" >&2; exit 1; }
    contestants="mail_envelope lettre mailparse mail_parser email_address"
    echo "Instructions per input, $passes passes over each workload's common inputs (PEERS_RUN):"
    echo
    echo "| workload | inputs | mail_envelope | lettre | mailparse | mail_parser | email_address | this ÷ mail_parser | this ÷ fastest peer |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for workload in bare named utf8 hard; do
        row=""
        for contestant in $contestants; do
            # "<instructions> peers: ran <contestant> over <n> <workload> inputs <passes> times (…)"
            set -- $(count 'peers::passes' "PEERS_RUN=$workload/$contestant/$passes" "$peers")
            row="$row $1 $6"
        done
        echo "$row" | awk -v w="$workload" -v p="$passes" '{
            n = $2
            printf "| %s | %d |", w, n
            for (i = 1; i <= 9; i += 2) { v[i] = $i / (p * n); printf " %.0f |", v[i] }
            fastest = v[3]
            for (i = 5; i <= 9; i += 2) if (v[i] < fastest) fastest = v[i]
            printf " %.2f× | %.2f× |\n", v[1] / v[7], v[1] / fastest
        }'
    done
    echo
fi

if [ "$only" != peers ]; then
    parse=$(binary parse)
    [ -n "$parse" ] || { echo "callgrind.sh: could not build the parse bench" >&2; exit 1; }
    echo "Instructions per input and per byte, $passes passes over a batch of each shape (PARSE_RUN):"
    echo
    echo "| workload | shape | bytes/input | parse instr/input | parse instr/byte | per byte ÷ addr_spec's | parse + to_reverse_path instr/input | to_reverse_path overhead | address instr/input |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    PARSE_RUN=list "$parse" --bench | while read -r workload shape; do
        row=""
        for step in parse reverse_path address; do
            # "<instructions> parse: ran <step> over <n> <shape> inputs (<bytes> bytes) <passes> times (…)"
            set -- $(count 'parse::passes' "PARSE_RUN=$shape/$step/$passes" "$parse")
            row="$row $1"
            n=$6
            bytes=${9#(}
        done
        echo "$row $n $bytes" | awk -v w="$workload" -v s="$shape" -v p="$passes" '{
            n = $4; b = $5 / n
            parse = $1 / (p * n); path = $2 / (p * n); address = $3 / (p * n)
            printf "| %s | %s | %.1f | %.0f | %.1f | %s | %.0f | %.0f %% | %.0f |\n", \
                w, s, b, parse, parse / b, "RATIO", path, (path - parse) / parse * 100, address
        }'
    done | awk '
        # The per-byte ratio needs the addr_spec row, which comes first.
        { split($0, c, "|"); per_byte = c[6] + 0; if ($4 == "addr_spec") plain = per_byte
          sub(/RATIO/, sprintf("%.2f×", per_byte / plain)); print }'
    echo
fi
