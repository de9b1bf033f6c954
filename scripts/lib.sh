# Shared by run.sh and test.sh: installs what is missing, never what is already there.
# Source it; it sets ROOT, CARGO_TARGET_DIR and TOOLS.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Builds are reused across clones of the project on one machine (CI clones afresh each run).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kartoteka-target}"
TOOLS="$HOME/.cache/kartoteka-tools"

say() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian/Ubuntu packages to build and run the app; test-only ones are added by test.sh.
BUILD_PACKAGES=(build-essential pkg-config file libssl-dev librsvg2-dev libwebkit2gtk-4.1-dev)

install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if ! command -v apt-get >/dev/null; then
      echo "Missing system packages: ${missing[*]} (install them with your package manager; see README.md)" >&2
      exit 1
    fi
    say "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

check_toolchain() {
  if ! command -v cargo >/dev/null; then
    echo "Rust is missing: install it with rustup (https://rustup.rs), Rust 1.88 or newer." >&2
    exit 1
  fi
  if ! command -v npm >/dev/null; then
    install_packages nodejs npm
  fi
}

# npm ci only when node_modules is missing or older than the lockfile.
install_ui_dependencies() {
  if [ ! -d "$ROOT/ui/node_modules" ] || [ "$ROOT/ui/package-lock.json" -nt "$ROOT/ui/node_modules/.package-lock.json" ]; then
    say "Installing UI dependencies (npm ci, offline from the lockfile's registry)"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund)
  fi
}

build_ui() {
  say "Building the UI"
  (cd "$ROOT/ui" && npm run build)
}
