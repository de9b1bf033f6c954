//! The harness for end-to-end tests: starts `tauri-driver` (which starts WebKitWebDriver and
//! the real `kartoteka-app` binary) on a fresh data folder and hands out a WebDriver session.
//!
//! Needs a display (run under `xvfb-run`), the debug builds of `kartoteka-app` and
//! `kartoteka`, and `tauri-driver` (found through `TAURI_DRIVER`, then
//! `~/.cache/kartoteka-tools/bin`, then `PATH`).

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

pub const PASSWORD: &str = "haslo-e2e-2026";
const DRIVER_PORT: u16 = 4444;
const NATIVE_PORT: u16 = 4445;

/// Only one app at a time: the driver ports are fixed.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The folder holding the built binaries (`target/debug`), found from this test's own path.
pub fn bin_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    // target/debug/deps/<test> → target/debug
    exe.parent()
        .and_then(Path::parent)
        .expect("target dir")
        .to_path_buf()
}

pub fn app_binary() -> PathBuf {
    std::env::var_os("KARTOTEKA_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| bin_dir().join("kartoteka-app"))
}

pub fn cli_binary() -> PathBuf {
    bin_dir().join("kartoteka")
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let cached = home.join(".cache/kartoteka-tools/bin/tauri-driver");
    if cached.exists() {
        cached
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// Runs the CLI on a data folder; panics with its stderr when it fails.
pub fn cli(data_dir: &Path, args: &[&str], stdin: Option<&str>) -> serde_json::Value {
    use std::io::Write;
    let mut child = Command::new(cli_binary())
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("KARTOTEKA_PASSWORD", PASSWORD)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the kartoteka CLI is built");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "kartoteka {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

/// A new data folder with an empty store, made with `kartoteka init`.
pub fn initialised_dir() -> tempfile::TempDir {
    let data_dir = tempfile::tempdir().unwrap();
    let out = Command::new(cli_binary())
        .arg("--data-dir")
        .arg(data_dir.path())
        .arg("init")
        .env("KARTOTEKA_PASSWORD", PASSWORD)
        .output()
        .expect("the kartoteka CLI is built");
    assert!(
        out.status.success(),
        "init: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    data_dir
}

/// A new data folder with a store holding one person, Łucja Żółkiewska (PESEL 02270803624).
pub fn dir_with_one_person() -> tempfile::TempDir {
    let dir = initialised_dir();
    cli(
        dir.path(),
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Łucja", "last_name": "Żółkiewska", "pesel": "02270803624"}"#),
    );
    dir
}

fn port_open(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).is_ok()
}

fn wait_port(port: u16, open: bool, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if port_open(port) == open {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// A running app with a WebDriver session on it. Dropping it ends the session and stops the
/// driver with SIGTERM (SIGKILL would orphan WebKitWebDriver and keep its port).
pub struct App {
    pub driver: Option<WebDriver>,
    pub data_dir: tempfile::TempDir,
    /// A stand-in `xdg-open` first on the app's PATH: it writes down what the app asked to
    /// open (a PDF for "Drukuj") instead of launching whatever this machine would (the
    /// fallback script's browser search left the window unable to take screenshots).
    tools: tempfile::TempDir,
    child: Child,
    _lock: tokio::sync::MutexGuard<'static, ()>,
}

impl App {
    /// Starts the app on a new data folder that already holds a store (made with the CLI).
    pub async fn start_initialised() -> App {
        App::start(initialised_dir()).await
    }

    pub async fn start(data_dir: tempfile::TempDir) -> App {
        let lock = ONE_AT_A_TIME.lock().await;
        assert!(
            app_binary().exists(),
            "build the app first: cargo build -p kartoteka-app"
        );
        for port in [DRIVER_PORT, NATIVE_PORT] {
            assert!(
                wait_port(port, false, Duration::from_secs(20)),
                "port {port} is still taken by an earlier run"
            );
        }
        let tools = tempfile::tempdir().unwrap();
        let opener = tools.path().join("xdg-open");
        std::fs::write(
            &opener,
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> \"$(dirname \"$0\")/opened.txt\"\n",
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = format!(
            "{}:{}",
            tools.path().display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let child = Command::new(tauri_driver())
            .args([
                "--port",
                &DRIVER_PORT.to_string(),
                "--native-port",
                &NATIVE_PORT.to_string(),
            ])
            .env("KARTOTEKA_DATA_DIR", data_dir.path())
            .env("KARTOTEKA_PRINT_DIR", data_dir.path().join("wydruki"))
            .env("PATH", path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver is installed (see .ci/run)");
        assert!(
            wait_port(DRIVER_PORT, true, Duration::from_secs(20)),
            "tauri-driver did not start"
        );
        let mut caps = Capabilities::new();
        caps.set("browserName", "wry").unwrap();
        caps.set(
            "tauri:options",
            serde_json::json!({ "application": app_binary().to_string_lossy() }),
        )
        .unwrap();
        // tauri-driver accepts connections before WebKitWebDriver behind it is ready: retry
        // briefly, and never leave the drivers running when the session cannot be made.
        let mut child = child;
        let mut attempt = 0;
        let driver = loop {
            match WebDriver::new(format!("http://127.0.0.1:{DRIVER_PORT}"), caps.clone()).await {
                Ok(driver) => break driver,
                Err(e) if attempt < 10 => {
                    attempt += 1;
                    eprintln!("WebDriver session not ready yet ({e}); retrying");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => {
                    // SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver too.
                    let _ = Command::new("kill")
                        .args(["-TERM", &child.id().to_string()])
                        .status();
                    let _ = child.wait();
                    panic!("a WebDriver session on the app: {e}");
                }
            }
        };
        App {
            driver: Some(driver),
            data_dir,
            tools,
            child,
            _lock: lock,
        }
    }

    pub fn d(&self) -> &WebDriver {
        self.driver.as_ref().unwrap()
    }

    /// Waits for an element matching a CSS selector (up to 10 s).
    pub async fn el(&self, css: &str) -> WebElement {
        self.d()
            .query(By::Css(css))
            .wait(Duration::from_secs(10), Duration::from_millis(100))
            .first()
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits for an element matching a CSS selector for up to `seconds`.
    pub async fn el_within(&self, css: &str, seconds: u64) -> WebElement {
        self.d()
            .query(By::Css(css))
            .wait(Duration::from_secs(seconds), Duration::from_millis(250))
            .first()
            .await
            .unwrap_or_else(|e| panic!("no element {css} within {seconds} s: {e}"))
    }

    /// Waits until the page's text contains `text`.
    pub async fn wait_text(&self, css: &str, text: &str) -> WebElement {
        let start = Instant::now();
        loop {
            if let Ok(elems) = self.d().find_all(By::Css(css)).await {
                for e in elems {
                    if e.text().await.map(|t| t.contains(text)).unwrap_or(false) {
                        return e;
                    }
                }
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("no {css} with text {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for the element and scrolls it to the middle of the window (WebKit's driver does
    /// not scroll a long view for us before a click).
    pub async fn centred(&self, css: &str) -> WebElement {
        let e = self.el(css).await;
        self.d()
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![e.to_json().unwrap()],
            )
            .await
            .unwrap();
        e
    }

    /// Clicks the element, scrolled into view first.
    pub async fn click(&self, css: &str) {
        self.centred(css)
            .await
            .click()
            .await
            .unwrap_or_else(|err| panic!("click {css}: {err}"));
    }

    /// Picks the option with `value` in the select, scrolled into view first.
    pub async fn select(&self, css: &str, value: &str) {
        let e = self.centred(css).await;
        thirtyfour::components::SelectElement::new(&e)
            .await
            .unwrap()
            .select_by_value(value)
            .await
            .unwrap_or_else(|err| panic!("select {value} in {css}: {err}"));
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        // Scrolled to first: a field below the fold of a long form is not interactable.
        let e = self.centred(css).await;
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    /// Searches the participant list for `query` and opens the row showing `shown`, until the
    /// person's page (its h1 holding `heading`) is open. The list re-renders as the search
    /// answers, so a click can land on a row that has just been replaced: it is tried again.
    pub async fn open_participant(&self, query: &str, shown: &str, heading: &str) {
        self.type_into("#participant-search", query).await;
        let start = Instant::now();
        loop {
            if let Ok(rows) = self.d().find_all(By::Css("[data-participant-id]")).await {
                for row in rows {
                    if row.text().await.map(|t| t.contains(shown)).unwrap_or(false) {
                        let _ = row.click().await;
                        break;
                    }
                }
            }
            let opened = async {
                for _ in 0..10 {
                    if let Ok(hs) = self.d().find_all(By::Css("h1")).await {
                        for h in hs {
                            if h.text().await.map(|t| t.contains(heading)).unwrap_or(false) {
                                return true;
                            }
                        }
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                false
            };
            if opened.await {
                return;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("the page of {heading:?} did not open from the search {query:?}");
            }
        }
    }

    /// The file a print action saved (its path in the `data-printed-file` attribute of
    /// `css`, waited for up to 20 s): its name, and its text read back with pdftotext with
    /// the lines joined (a phrase may wrap).
    pub async fn printed_file(&self, css: &str) -> (String, String) {
        let path = self
            .el_within(css, 20)
            .await
            .attr("data-printed-file")
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{css} names no file"));
        let name = Path::new(&path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let out = Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("poppler-utils is installed");
        assert!(out.status.success(), "pdftotext {path} failed");
        let text = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (name, text)
    }

    /// Waits for "Zapisano dokument: FILE" in the view's information bar (a document the
    /// window saved in the print folder) and gives the file's text, read back with pdftotext.
    pub async fn saved_document_text(&self) -> String {
        let bar = self
            .wait_text("[data-info-bar] .message-text", "Zapisano dokument: ")
            .await;
        let text = bar.text().await.unwrap();
        let file = text
            .split("Zapisano dokument: ")
            .nth(1)
            .and_then(|rest| rest.lines().next())
            .unwrap_or_else(|| panic!("no file named in {text:?}"))
            .trim()
            .to_owned();
        let out = Command::new("pdftotext")
            .args(["-layout", &file, "-"])
            .output()
            .expect("poppler-utils is installed");
        assert!(out.status.success(), "pdftotext {file} failed");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Starts a new participant, types a first name and clicks "Projekty": waits for the
    /// question about the unsaved changes (the dialog stays open for the caller's answer).
    pub async fn leave_a_changed_form(&self) {
        self.click("[data-nav=participants]").await;
        self.click("[data-action=new-participant]").await;
        self.el("[data-view=participant-form]").await;
        self.type_into("input[name=first_name]", "Zofia").await;
        self.click("[data-nav=projects]").await;
        self.wait_text("dialog", "Masz niezapisane zmiany").await;
    }

    /// The files the app asked the system to open so far (each "Drukuj" opens its PDF).
    pub fn opened_files(&self) -> Vec<String> {
        std::fs::read_to_string(self.tools.path().join("opened.txt"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Types the password on the unlock screen and waits for the shell.
    pub async fn unlock(&self) {
        self.type_into("input[type=password]", PASSWORD).await;
        self.el("button[type=submit]").await.click().await.unwrap();
        self.el("[data-nav=participants]").await;
    }

    /// Runs axe-core (the npm package the UI installs, injected over WebDriver) on the page as
    /// it is now: its violations of moderate impact or worse, as `[{id, impact, help, nodes}]`.
    pub async fn accessibility_violations(&self) -> serde_json::Value {
        let injected = self
            .d()
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .unwrap()
            .json()
            .as_bool()
            .unwrap_or(false);
        if !injected {
            let axe = std::fs::read_to_string(
                manifest_dir().join("../../ui/node_modules/axe-core/axe.min.js"),
            )
            .expect("axe-core is installed (npm ci in ui/)");
            self.d().execute(&axe, vec![]).await.unwrap();
        }
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then((r) => done(JSON.stringify(r.violations
                .filter((v) => ['moderate', 'serious', 'critical'].includes(v.impact))
                .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                               nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))))
              .catch((e) => done('axe failed: ' + e));
        "#;
        let out = self.d().execute_async(script, vec![]).await.unwrap();
        let text = out.json().as_str().unwrap_or_default().to_owned();
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("axe-core did not run: {text}"))
    }

    /// Panics listing the page's accessibility violations (see `accessibility_violations`);
    /// `what` names the view or dialog in the message.
    pub async fn assert_accessible(&self, what: &str) {
        assert_eq!(
            self.accessibility_violations().await,
            serde_json::json!([]),
            "{what}: accessibility violations (axe-core)"
        );
    }

    /// Gives the page the room a screen of `width`×`height` at `scale` (1.5: Windows' 150 %)
    /// leaves it: the window is made that many CSS pixels large, so the layout, media queries
    /// included, is the one such a laptop shows. Returns the page's inner size.
    pub async fn as_if_scaled(&self, width: u32, height: u32, scale: f64) -> (i64, i64) {
        let (w, h) = (
            (f64::from(width) / scale).round() as u32,
            (f64::from(height) / scale).round() as u32,
        );
        self.d().set_window_rect(0, 0, w, h).await.unwrap();
        tokio::time::sleep(Duration::from_millis(500)).await;
        let inner = self
            .d()
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await
            .unwrap();
        let v = inner.json();
        (v[0].as_i64().unwrap_or(0), v[1].as_i64().unwrap_or(0))
    }

    /// What a person would see as broken layout on the page now (./layout.js): text over
    /// text, text cut off, text beyond the right edge, headers broken mid-word.
    pub async fn layout_problems(&self) -> Vec<String> {
        let found = self
            .d()
            .execute(include_str!("layout.js"), vec![])
            .await
            .unwrap();
        serde_json::from_value(found.json().clone()).unwrap_or_default()
    }

    /// [`App::layout_problems`] of the whole view: `.main` is scrolled through screen by
    /// screen (and back to the top), each problem once.
    pub async fn layout_problems_of_view(&self) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for screen in 0..30 {
            let moved = self
                .d()
                .execute(
                    "const m = document.querySelector('.main'); if (!m) return false; \
                     const before = m.scrollTop; m.scrollTop = arguments[0] * m.clientHeight * 0.8; \
                     return arguments[0] === 0 || m.scrollTop !== before;",
                    vec![serde_json::json!(screen)],
                )
                .await
                .unwrap();
            if moved.json().as_bool() != Some(true) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
            for p in self.layout_problems().await {
                if !all.contains(&p) {
                    all.push(p);
                }
            }
        }
        let _ = self
            .d()
            .execute(
                "const m = document.querySelector('.main'); if (m) m.scrollTop = 0;",
                vec![],
            )
            .await;
        all
    }

    /// Saves a screenshot under `.e2e-artifacts/` for people to look at.
    pub async fn screenshot(&self, name: &str) {
        tokio::time::sleep(Duration::from_millis(800)).await;
        let dir = manifest_dir().join("../../.e2e-artifacts");
        std::fs::create_dir_all(&dir).unwrap();
        // WebKitWebDriver at times never answers a screenshot request (seen after some view
        // changes under Xvfb): give up after a while instead of the client's two minutes.
        let file = dir.join(format!("{name}.png"));
        match tokio::time::timeout(Duration::from_secs(20), self.d().screenshot(&file)).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("screenshot {name} failed: {e}"),
            Err(_) => eprintln!("screenshot {name}: no answer from the driver in 20 s"),
        }
    }

    pub async fn quit(mut self) {
        if let Some(d) = self.driver.take() {
            let _ = d.quit().await;
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.try_wait();
        wait_port(NATIVE_PORT, false, Duration::from_secs(10));
    }
}

/// The package's folder in the checkout being tested. Read when the test runs (cargo sets it),
/// not baked in at compile time: clones that share a target folder reuse each other's test
/// binaries, and a baked path would point at another clone.
pub fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}
