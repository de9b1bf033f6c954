#!/usr/bin/env bash
# Runs every test: formatting, lints, unit and integration tests on real databases, the CLI
# as a black box, the UI's type-check and tests, and the end-to-end tests of the real window
# under Xvfb.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_packages "${BUILD_PACKAGES[@]}" xvfb xauth webkit2gtk-driver poppler-utils libreoffice-calc-nogui xdotool xclip
check_toolchain
install_ui_dependencies
if [ ! -x "$TOOLS/bin/tauri-driver" ]; then
  say "Installing tauri-driver 2.1.0 into $TOOLS"
  cargo install tauri-driver --version 2.1.0 --locked --root "$TOOLS"
fi
export TAURI_DRIVER="$TOOLS/bin/tauri-driver"

cd "$ROOT"
say "UI: type-check and tests"
(cd ui && npm run check && npm test)
build_ui

say "Rust: formatting"
cargo fmt --all -- --check
say "Rust: clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings
say "Rust: unit and integration tests"
cargo test --locked
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  if ! git -C "$ROOT" diff --quiet -- ui/src/bindings || [ -n "$(git -C "$ROOT" ls-files --others --exclude-standard ui/src/bindings)" ]; then
    echo "ui/src/bindings is out of date with the Rust types: commit the regenerated files." >&2
    git -C "$ROOT" status --short ui/src/bindings >&2
    exit 1
  fi
fi

say "End-to-end: the real app under Xvfb"
cargo build --locked -p kartoteka-app -p kartoteka-cli
# Stale drivers from an interrupted run would hold the WebDriver ports.
pkill -TERM -x tauri-driver 2>/dev/null || true
pkill -TERM -x WebKitWebDriver 2>/dev/null || true
xvfb-run -a --server-args="-screen 0 1366x768x24" \
  cargo test --locked -p kartoteka-e2e -- --test-threads=1
