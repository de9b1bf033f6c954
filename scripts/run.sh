#!/usr/bin/env bash
# Installs what is missing, builds Kartoteka and starts it on the default data folder
# (or KARTOTEKA_DATA_DIR / --data-dir DIR, passed through).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_packages "${BUILD_PACKAGES[@]}"
check_toolchain
install_ui_dependencies
build_ui
say "Building the app (the first build takes several minutes)"
cd "$ROOT"
cargo build --release -p kartoteka-app -p kartoteka-cli
APP="$CARGO_TARGET_DIR/release/kartoteka-app"
say "Starting Kartoteka (CLI: $CARGO_TARGET_DIR/release/kartoteka)"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  install_packages xvfb xauth
  echo "No display found: starting under Xvfb (a virtual screen)." >&2
  exec xvfb-run -a --server-args="-screen 0 1366x768x24" "$APP" "$@"
fi
exec "$APP" "$@"
