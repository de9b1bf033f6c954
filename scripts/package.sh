#!/usr/bin/env bash
# Builds the installers into dist/ from this checkout:
#   - the Linux .deb (Tauri's bundler): the app, the `kartoteka` CLI in /usr/bin, a desktop
#     entry and icons at every hicolor size, with its runtime dependencies declared.
# Windows (NSIS, cross-built with mingw-w64) and macOS (.app/.dmg, only on a Mac) are configured
# in src-tauri/tauri.conf.json; see README.md, "Instalacja w biurze", for what is built where.
#
#   bash scripts/package.sh          build dist/*.deb
#   bash scripts/package.sh --check  then install it with apt-get and start what it installed
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHECK=0
[ "${1:-}" = "--check" ] && CHECK=1

install_packages "${BUILD_PACKAGES[@]}" dpkg-dev
check_toolchain
install_ui_dependencies
cd "$ROOT"
build_ui

say "Building the kartoteka CLI (release)"
cargo build --release --locked -p kartoteka-cli
mkdir -p src-tauri/package dist
install -m 0755 "$CARGO_TARGET_DIR/release/kartoteka" src-tauri/package/kartoteka

say "Building the app and its .deb (Tauri's bundler)"
started=$(date +%s)
(cd src-tauri && "$ROOT/ui/node_modules/.bin/tauri" build --bundles deb --ci)
deb=$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -1)
cp "$deb" dist/
say "Built dist/$(basename "$deb") in $(( $(date +%s) - started )) s"
dpkg-deb --info "dist/$(basename "$deb")" | sed -n '/Package:/,$p'
dpkg-deb --contents "dist/$(basename "$deb")" | awk '{print $6}'

if [ "$CHECK" -eq 1 ]; then
  say "Check: install the package and run what it installed"
  install_packages xvfb xauth
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./dist/$(basename "$deb")"
  kartoteka --version
  data=$(mktemp -d)
  KARTOTEKA_PASSWORD='sprawdzenie-pakietu-2026' kartoteka --data-dir "$data" init >/dev/null
  KARTOTEKA_PASSWORD='sprawdzenie-pakietu-2026' kartoteka --data-dir "$data" participant add --json - \
    <<<'{"first_name": "Łucja", "last_name": "Żak", "sex": "female", "birth_date": "1950-01-02"}' >/dev/null
  KARTOTEKA_PASSWORD='sprawdzenie-pakietu-2026' kartoteka --data-dir "$data" form enrolment --blank --out "$data/pusty.pdf" >/dev/null
  test -s "$data/pusty.pdf"
  grep -q '^Name=Kartoteka' /usr/share/applications/*artoteka*.desktop
  # The installed app starts and keeps running (a crash at start ends it at once).
  KARTOTEKA_DATA_DIR="$data" timeout 15 xvfb-run -a /usr/bin/kartoteka-app && status=0 || status=$?
  rm -rf "$data"
  if [ "$status" -ne 124 ]; then
    echo "The installed app ended by itself (exit $status) instead of running." >&2
    exit 1
  fi
  say "Package check passed: CLI answers, the desktop entry is there, the app starts"
fi
