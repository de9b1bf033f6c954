//! The rows of the benchmark: samples and their statistics, the table and the JSON file.

use super::*;

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub size: usize,
    pub what: String,
    pub unit: &'static str,
    pub runs: usize,
    pub p50: Option<f64>,
    pub p95: Option<f64>,
    pub p99: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Bytes, counts or ratios that go with the row.
    pub extra: Option<String>,
    pub target: String,
    /// "met", "missed", "—" (no target) or "n/a".
    pub status: String,
}

impl Row {
    pub(super) fn note(size: usize, what: &str, note: &str, target: &str) -> Row {
        Row {
            size,
            what: what.into(),
            unit: "",
            runs: 0,
            p50: None,
            p95: None,
            p99: None,
            min: None,
            max: None,
            extra: Some(note.into()),
            target: target.into(),
            status: "n/a".into(),
        }
    }
}

/// Times in milliseconds, sorted.
pub(super) struct Samples(pub(super) Vec<f64>);

impl Samples {
    pub(super) fn percentile(&self, p: f64) -> f64 {
        let v = &self.0;
        let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
        v[rank.clamp(1, v.len()) - 1]
    }
    pub(super) fn row(
        mut self,
        size: usize,
        what: &str,
        target: &str,
        check: Option<(Which, f64)>,
    ) -> Row {
        self.0.sort_by(|a, b| a.total_cmp(b));
        let (p50, p95, p99) = (
            self.percentile(50.0),
            self.percentile(95.0),
            self.percentile(99.0),
        );
        let status = match check {
            None => "—".to_owned(),
            Some((which, limit)) => {
                let value = match which {
                    Which::P50 => p50,
                    Which::P95 => p95,
                };
                if value < limit {
                    "met".into()
                } else {
                    format!("missed ({:.1}×)", value / limit)
                }
            }
        };
        Row {
            size,
            what: what.into(),
            unit: "ms",
            runs: self.0.len(),
            p50: Some(p50),
            p95: Some(p95),
            p99: Some(p99),
            min: self.0.first().copied(),
            max: self.0.last().copied(),
            extra: None,
            target: target.into(),
            status,
        }
    }
}

#[derive(Clone, Copy)]
pub(super) enum Which {
    P50,
    P95,
}

pub(super) fn write_json(out: &Path, rows: &[Row]) -> Result<(), ApiError> {
    let json = serde_json::json!({
        "machine": machine(),
        "rows": rows,
    });
    std::fs::write(
        out,
        serde_json::to_string_pretty(&json).expect("serialises"),
    )
    .map_err(internal)
}

pub(super) fn machine() -> String {
    let cpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kib| format!("{:.0} GiB", kib / 1024.0 / 1024.0))
        .unwrap_or_default();
    format!("{cpus} CPU, {mem}, {}", std::env::consts::OS)
}

pub(super) fn fmt(v: Option<f64>) -> String {
    match v {
        Some(x) if x >= 100.0 => format!("{x:.0}"),
        Some(x) if x >= 10.0 => format!("{x:.1}"),
        Some(x) => format!("{x:.2}"),
        None => "".into(),
    }
}

pub(super) fn print_table(rows: &[Row]) {
    println!(
        "{:>9} | {:<38} | {:>4} | {:>8} | {:>8} | {:>8} | {:>8} | {:>8} | {:<28} | {:<20} | notes",
        "size", "what", "unit", "p50", "p95", "p99", "min", "max", "target", "status"
    );
    println!("{}", "-".repeat(170));
    for r in rows {
        println!(
            "{:>9} | {:<38} | {:>4} | {:>8} | {:>8} | {:>8} | {:>8} | {:>8} | {:<28} | {:<20} | {}",
            r.size,
            r.what,
            r.unit,
            fmt(r.p50),
            fmt(r.p95),
            fmt(r.p99),
            fmt(r.min),
            fmt(r.max),
            r.target,
            r.status,
            r.extra.as_deref().unwrap_or("")
        );
    }
}
