#!/usr/bin/env bash
# Builds the release `kartoteka` and runs the benchmark of the README's targets (10k, 100k and 1M
# synthetic participants, each in its own temporary data folder). Prints the table; the JSON
# goes to bench-results.json (or the file given with --out). Extra arguments go to
# `kartoteka bench`, e.g. `scripts/bench.sh --participants 100000`.
#
# The desktop app's start time and memory are measured by scripts/bench-app.sh.
# LibreOffice Writer is installed so the CLI form is compared with a real conversion.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_packages "${BUILD_PACKAGES[@]}" libreoffice-writer-nogui
check_toolchain
cd "$ROOT"

say "Building kartoteka (release)"
cargo build --release --locked -p kartoteka-cli
say "Benchmark (a few minutes; 1M people take the longest)"
"$CARGO_TARGET_DIR/release/kartoteka" bench "$@"
