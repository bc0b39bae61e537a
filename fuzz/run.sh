#!/bin/sh
# Runs every fuzz target for SECONDS each (default 60). Findings land in fuzz/crashes/TARGET/;
# the exit code is non-zero if any target found one. Built with the dev profile (dependencies
# at opt-level 1), like the tests; pass --release via CARGO_FLAGS for more executions.
set -u
cd "$(dirname "$0")/.." || exit 2
SECONDS_EACH="${1:-60}"
cargo build ${CARGO_FLAGS:-} --bin tidings-fuzz || exit 2
BIN="target/debug/tidings-fuzz"
case "${CARGO_FLAGS:-}" in *--release*) BIN="target/release/tidings-fuzz" ;; esac
status=0
for target in parse render opml filter discover; do
    "$BIN" "$target" "$SECONDS_EACH" || status=1
done
exit $status
