#!/usr/bin/env bash
# Builds the installers into dist/ from this checkout:
#   - the Linux .deb (Tauri's bundler): the app, the `kartoteka` CLI in /usr/bin, a desktop
#     entry and icons at every hicolor size, with its runtime dependencies declared;
#   - the Windows installer (Kartoteka_<version>_x64-setup.exe): the app and kartoteka.exe
#     cross-built for x86_64-pc-windows-gnu with mingw-w64 (SQLCipher on an OpenSSL built from
#     source for that target), packed by makensis from installer/windows/kartoteka.nsi —
#     per user, no administrator rights, Start-menu entries in Polish.
# macOS (.app/.dmg) is configured in src-tauri/tauri.conf.json but can only be built on a Mac.
# See README.md, "Instalacja w biurze".
#
#   bash scripts/package.sh          build dist/*.deb and dist/*-setup.exe
#   bash scripts/package.sh --check  then install the .deb with apt-get and start what it
#                                    installed, and run the Windows CLI and installer under wine
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHECK=0
[ "${1:-}" = "--check" ] && CHECK=1

install_packages "${BUILD_PACKAGES[@]}" dpkg-dev mingw-w64 nsis wine64
WIN=x86_64-pc-windows-gnu
rustup target list --installed | grep -qx "$WIN" || rustup target add "$WIN"
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
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

say "Building the Windows programs (x86_64-pc-windows-gnu, release)"
started=$(date +%s)
cargo build --release --locked --target "$WIN" -p kartoteka-cli -p kartoteka-app
win_out="$CARGO_TARGET_DIR/$WIN/release"
stage=$(mktemp -d)
cp "$win_out/kartoteka.exe" "$win_out/kartoteka-app.exe" "$stage/"
# The app loads WebView2Loader.dll from its folder (webview2-com-sys puts it beside the exe).
cp "$win_out/WebView2Loader.dll" "$stage/"
setup="dist/Kartoteka_${VERSION}_x64-setup.exe"
makensis -V2 -DVERSION="$VERSION" -DSRCDIR="$stage" -DOUTFILE="$ROOT/$setup" -DICON="$ROOT/icons/icon.ico" \
  installer/windows/kartoteka.nsi
cp "$win_out/kartoteka.exe" dist/kartoteka.exe
rm -rf "$stage"
say "Built $setup and dist/kartoteka.exe in $(( $(date +%s) - started )) s"

if [ "$CHECK" -eq 1 ]; then
  say "Check (Windows, under wine): the CLI and the installer"
  WINE=/usr/lib/wine/wine64
  export WINEPREFIX="$(mktemp -d)" WINEDEBUG=-all
  "$WINE" wineboot --init >/dev/null 2>&1 || true
  # wine 8 lacks bcryptprimitives.dll (ProcessPrng), which every real Windows has: a test-only
  # stub beside a copy of the exe (installer/windows/wine-test/processprng.c), never shipped.
  wtest=$(mktemp -d)
  x86_64-w64-mingw32-gcc -shared -O2 -o "$wtest/bcryptprimitives.dll" installer/windows/wine-test/processprng.c
  cp dist/kartoteka.exe "$wtest/"
  exe="$wtest/kartoteka.exe"
  "$WINE" "$exe" --version
  wdata='C:\kartoteka-dane'
  KARTOTEKA_PASSWORD='sprawdzenie-pakietu-2026' "$WINE" "$exe" --data-dir "$wdata" init >/dev/null
  added=$(KARTOTEKA_PASSWORD='sprawdzenie-pakietu-2026' "$WINE" "$exe" --data-dir "$wdata" participant add --json - \
    <<<'{"first_name": "Łucja", "last_name": "Żak", "sex": "female", "birth_date": "1950-01-02"}')
  grep -q '"id"' <<<"$added"
  # Found without Polish letters, as the Linux build finds it.
  found=$(KARTOTEKA_PASSWORD='sprawdzenie-pakietu-2026' "$WINE" "$exe" --data-dir "$wdata" participant search zak)
  grep -q 'Żak' <<<"$found"
  KARTOTEKA_PASSWORD='sprawdzenie-pakietu-2026' "$WINE" "$exe" --data-dir "$wdata" form enrolment --blank --out 'C:\pusty.pdf' >/dev/null
  test -s "$WINEPREFIX/drive_c/pusty.pdf"
  "$WINE" "$setup" /S
  installed="$WINEPREFIX/drive_c/users/${USER:-$(id -un)}/AppData/Local/Programs/Kartoteka"
  [ -d "$installed" ] || installed=$(find "$WINEPREFIX/drive_c/users" -type d -path '*Programs/Kartoteka' | head -1)
  test -f "$installed/kartoteka-app.exe" && test -f "$installed/kartoteka.exe" && test -f "$installed/Odinstaluj.exe"
  test -f "$installed/WebView2Loader.dll"
  find "$WINEPREFIX/drive_c" -name 'Kartoteka.lnk' | grep -q .
  # The uninstaller removes the programs and the Start-menu entries (the data folder stays).
  # (`_?=` runs it in place and waits; its path as Windows sees it.)
  windir="C:\\${installed#"$WINEPREFIX/drive_c/"}"
  "$WINE" "$installed/Odinstaluj.exe" /S _?="${windir//\//\\}"
  test ! -f "$installed/kartoteka-app.exe"
  ! find "$WINEPREFIX/drive_c" -name 'Kartoteka.lnk' | grep -q .
  rm -rf "$WINEPREFIX" "$wtest"
  say "Windows check passed: kartoteka.exe answers under wine (init, add, search, PDF) and the installer installs per user"
fi

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
