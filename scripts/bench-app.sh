#!/usr/bin/env bash
# Measures the desktop app as the README's benchmark table asks, on release builds under Xvfb: time from
# launch to the unlock screen, unlock → the participant list, and the memory (PSS) of the
# app and its webview processes with 100,000 synthetic people and the list open.
# Prints a table; the JSON goes to app-start.json (or the file given with --out).
# Usage: scripts/bench-app.sh [--participants N] [--runs N] [--out FILE]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PARTICIPANTS=100000
RUNS=5
OUT="$ROOT/app-start.json"
while [ $# -gt 0 ]; do
  case "$1" in
    --participants) PARTICIPANTS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

install_packages "${BUILD_PACKAGES[@]}" xvfb xauth webkit2gtk-driver
check_toolchain
install_ui_dependencies
if [ ! -x "$TOOLS/bin/tauri-driver" ]; then
  say "Installing tauri-driver 2.1.0 into $TOOLS"
  cargo install tauri-driver --version 2.1.0 --locked --root "$TOOLS"
fi
export TAURI_DRIVER="$TOOLS/bin/tauri-driver"
cd "$ROOT"
build_ui
say "Building the app and the CLI (release) and the measuring harness"
cargo build --release --locked -p kartoteka-app -p kartoteka-cli
cargo build --locked -p kartoteka-e2e --example app_start

DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT
say "Seeding $PARTICIPANTS synthetic participants"
KARTOTEKA_PASSWORD=haslo-e2e-2026 "$CARGO_TARGET_DIR/release/kartoteka" --data-dir "$DATA" \
  seed --participants "$PARTICIPANTS" >/dev/null
# Today's backup, as after the first unlock of a day: the runs measure an ordinary unlock.
KARTOTEKA_PASSWORD=haslo-e2e-2026 "$CARGO_TARGET_DIR/release/kartoteka" --data-dir "$DATA" \
  backup create >/dev/null

say "Measuring ($RUNS runs after a warm-up)"
pkill -TERM -x tauri-driver 2>/dev/null || true
pkill -TERM -x WebKitWebDriver 2>/dev/null || true
xvfb-run -a --server-args="-screen 0 1366x768x24" \
  "$CARGO_TARGET_DIR/debug/examples/app_start" \
  --app "$CARGO_TARGET_DIR/release/kartoteka-app" --data "$DATA" --runs "$RUNS" --out "$OUT"
