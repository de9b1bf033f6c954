//! App start and memory, measured on the real release window (targets in the README's benchmark table):
//! - launch → usable window: from the moment the `kartoteka-app` process starts (its start
//!   time in /proc) to the moment the unlock screen's password field is on the page;
//! - unlock → participant list: from pressing "Odblokuj" to the first rows of the list;
//! - memory: proportional set size (PSS) of the app and every process it started (the
//!   WebKit web and network processes), with the list of 100,000 people open.
//!
//! Run through `scripts/bench-app.sh` (release builds, Xvfb, a seeded data folder):
//!   app_start --app target/release/kartoteka-app --data DIR [--runs 5] [--out FILE]
//! The data folder is reused through hard links, so every run opens the same store. When it
//! holds today's backup, the runs measure an ordinary unlock (the first one of a day also
//! starts the daily backup, in the background).

use kartoteka_e2e::{App, PASSWORD};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// Seconds since boot, as /proc/uptime gives them (10 ms resolution).
fn uptime_ms() -> f64 {
    let text = std::fs::read_to_string("/proc/uptime").expect("/proc/uptime");
    let secs: f64 = text
        .split_whitespace()
        .next()
        .and_then(|s| s.parse().ok())
        .expect("uptime");
    secs * 1000.0
}

fn clock_ticks() -> f64 {
    // CLK_TCK is 100 on every Linux this runs on (getconf CLK_TCK).
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// (pid, parent pid, start time in ms since boot) of every process.
fn processes() -> Vec<(u32, u32, f64, PathBuf)> {
    let tick = 1000.0 / clock_ticks();
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // The command name may hold spaces: the fields start after its closing parenthesis.
        let Some(rest) = stat.rfind(')').map(|i| &stat[i + 2..]) else {
            continue;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ppid = fields.get(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let start = fields
            .get(19)
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(0.0)
            * tick;
        let exe = std::fs::read_link(entry.path().join("exe")).unwrap_or_default();
        out.push((pid, ppid, start, exe));
    }
    out
}

/// The running app process: its pid and start time (ms since boot).
fn app_process(app: &Path) -> Option<(u32, f64)> {
    let app = app.canonicalize().ok()?;
    processes()
        .into_iter()
        .filter(|(_, _, _, exe)| *exe == app)
        .max_by(|a, b| a.2.total_cmp(&b.2))
        .map(|(pid, _, start, _)| (pid, start))
}

/// The app and all its descendants.
fn family(root: u32) -> Vec<(u32, PathBuf)> {
    let all = processes();
    let mut members = vec![root];
    let mut i = 0;
    while i < members.len() {
        let parent = members[i];
        members.extend(all.iter().filter(|p| p.1 == parent).map(|p| p.0));
        i += 1;
    }
    members
        .into_iter()
        .map(|pid| {
            let exe = all
                .iter()
                .find(|p| p.0 == pid)
                .map(|p| p.3.clone())
                .unwrap_or_default();
            (pid, exe)
        })
        .collect()
}

/// A field of /proc/PID/smaps_rollup in kB.
fn rollup_kb(pid: u32, field: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

async fn wait_for(driver: &WebDriver, css: &str, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if let Ok(found) = driver.find_all(By::Css(css)).await {
            if !found.is_empty() {
                return true;
            }
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    false
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

struct Run {
    start_ms: f64,
    unlock_ms: f64,
    pss_mb: f64,
    rss_mb: f64,
    processes: Vec<String>,
}

async fn one_run(app_bin: &Path, data: &Path) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["kartoteka.db", "keys.json"] {
        std::fs::hard_link(data.join(name), dir.path().join(name)).expect("hard link");
    }
    // Today's backup too (made by bench-app.sh), so the runs measure an ordinary unlock;
    // the first unlock of a day copies the registry in the background as well.
    if let Ok(backups) = std::fs::read_dir(data.join("backups")) {
        let to = dir.path().join("backups");
        std::fs::create_dir_all(&to).expect("backups folder");
        for b in backups.flatten() {
            std::fs::hard_link(b.path(), to.join(b.file_name())).expect("hard link");
        }
    }
    let app = App::start(dir).await;
    let d = app.d();
    assert!(
        wait_for(d, "input[type=password]", Duration::from_secs(20)).await,
        "the unlock screen did not appear"
    );
    let ready = uptime_ms();
    let (pid, started) = app_process(app_bin).expect("the app process");
    let start_ms = ready - started;

    let password = d.find(By::Css("input[type=password]")).await.unwrap();
    password.send_keys(PASSWORD).await.unwrap();
    let submit = d.find(By::Css("button[type=submit]")).await.unwrap();
    let t = Instant::now();
    submit.click().await.unwrap();
    assert!(
        wait_for(
            d,
            "#participant-rows tr[data-participant-id]",
            Duration::from_secs(20)
        )
        .await,
        "the participant list did not appear"
    );
    let unlock_ms = t.elapsed().as_secs_f64() * 1000.0;
    // Let the page settle (fonts, layout, idle work) before reading memory.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let members = family(pid);
    let pss_mb = members
        .iter()
        .map(|(p, _)| rollup_kb(*p, "Pss:"))
        .sum::<f64>()
        / 1024.0;
    let rss_mb = members
        .iter()
        .map(|(p, _)| rollup_kb(*p, "Rss:"))
        .sum::<f64>()
        / 1024.0;
    let processes = members
        .iter()
        .map(|(p, exe)| {
            format!(
                "{} {:.0} MB (anonymous {:.0} MB)",
                exe.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default(),
                rollup_kb(*p, "Pss:") / 1024.0,
                rollup_kb(*p, "Pss_Anon:") / 1024.0
            )
        })
        .collect();
    app.quit().await;
    Run {
        start_ms,
        unlock_ms,
        pss_mb,
        rss_mb,
        processes,
    }
}

#[tokio::main]
async fn main() {
    let app_bin = PathBuf::from(arg("--app").expect("--app PATH (the release kartoteka-app)"));
    let data = PathBuf::from(arg("--data").expect("--data DIR (a seeded data folder)"));
    let runs: usize = arg("--runs").and_then(|r| r.parse().ok()).unwrap_or(5);
    let out = PathBuf::from(arg("--out").unwrap_or_else(|| "app-start.json".into()));
    std::env::set_var("KARTOTEKA_APP_BIN", &app_bin);

    eprintln!("warm-up run…");
    let _ = one_run(&app_bin, &data).await;
    let mut all = Vec::new();
    for i in 0..runs {
        let run = one_run(&app_bin, &data).await;
        eprintln!(
            "run {}: start {:.0} ms, unlock → list {:.0} ms, PSS {:.0} MB (RSS {:.0} MB): {}",
            i + 1,
            run.start_ms,
            run.unlock_ms,
            run.pss_mb,
            run.rss_mb,
            run.processes.join(", ")
        );
        all.push(run);
    }
    let stat = |f: &dyn Fn(&Run) -> f64| {
        let mut v: Vec<f64> = all.iter().map(f).collect();
        let min = v.iter().cloned().fold(f64::INFINITY, f64::min);
        let max = v.iter().cloned().fold(0.0, f64::max);
        (median(&mut v), min, max)
    };
    let rows = [
        (
            "app start → usable window (unlock screen)",
            stat(&|r| r.start_ms),
            "ms",
            "< 800 ms",
            800.0,
        ),
        (
            "unlock → participant list (window)",
            stat(&|r| r.unlock_ms),
            "ms",
            "< 300 ms",
            300.0,
        ),
        (
            "memory, app + webview (PSS), list open",
            stat(&|r| r.pss_mb),
            "MB",
            "< 330 MB",
            330.0,
        ),
    ];
    println!(
        "{:<44} {:>9} {:>9} {:>9}  {:<10} status",
        "what", "median", "min", "max", "target"
    );
    let mut json_rows = Vec::new();
    for (what, (median, min, max), unit, target, limit) in rows {
        let status = if median < limit { "met" } else { "missed" };
        println!(
            "{what:<44} {median:>6.0} {unit} {min:>6.0} {unit} {max:>6.0} {unit}  {target:<10} {status}"
        );
        json_rows.push(serde_json::json!({
            "what": what, "unit": unit, "median": median, "min": min, "max": max,
            "target": target, "status": status, "runs": runs,
        }));
    }
    let json = serde_json::json!({
        "data": data.display().to_string(),
        "processes_last_run": all.last().map(|r| r.processes.clone()),
        "rows": json_rows,
    });
    std::fs::write(&out, serde_json::to_string_pretty(&json).unwrap()).expect("write JSON");
    eprintln!("JSON: {}", out.display());
}
