//! Tidy tests (in the style of rust-analyzer's): the shape of the repository, checked like
//! behaviour. Each names the file and says what to do when it fails.

use std::path::{Path, PathBuf};

/// The package's folder in the checkout being tested. Read when the test runs (cargo sets it),
/// not baked in at compile time: clones that share a target folder reuse each other's test
/// binaries, and a baked path would point at another clone.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

fn repo() -> PathBuf {
    manifest_dir().join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n == "target" || n == "gen")
            {
                continue;
            }
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

const BELOW_API: [&str; 4] = [
    "kartoteka_store",
    "kartoteka_sync",
    "kartoteka_forms",
    "kartoteka_reports",
];

/// The front ends reach the registry only through `kartoteka_api` (issue 16).
#[test]
fn front_ends_use_no_crate_below_the_api() {
    let mut offences = vec![];
    for front_end in ["src-tauri", "crates/cli"] {
        let manifest = std::fs::read_to_string(repo().join(front_end).join("Cargo.toml")).unwrap();
        for krate in BELOW_API {
            let name = krate.replace('_', "-");
            if manifest.lines().any(|l| l.trim_start().starts_with(&name)) {
                offences.push(format!("{front_end}/Cargo.toml depends on {name}"));
            }
        }
        let mut files = vec![];
        rust_files(&repo().join(front_end).join("src"), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                if BELOW_API.iter().any(|k| line.contains(k)) {
                    offences.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "A front end reaches below kartoteka_api; add what it needs to the api instead:\n{}",
        offences.join("\n")
    );
}

/// No Rust source grows past 600 lines: split it by what its parts do.
#[test]
fn rust_source_files_stay_short() {
    let mut files = vec![];
    for dir in ["crates", "src-tauri/src", "tests"] {
        rust_files(&repo().join(dir), &mut files);
    }
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).unwrap().lines().count();
            (lines > 600).then(|| format!("{} ({lines} lines)", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "Split these files (at most 600 lines each):\n{}",
        long.join("\n")
    );
}

/// The sections of ARCHITECTURE.md's code map, `crates/x` → its text.
fn code_map() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo().join("ARCHITECTURE.md")).unwrap();
    let mut sections: Vec<(String, String)> = vec![];
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("### `") {
            let name = rest.split('`').next().unwrap().to_owned();
            sections.push((name, String::new()));
        } else if line.starts_with("## ") {
            sections.push((String::new(), String::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    sections
        .into_iter()
        .filter(|(name, _)| name.starts_with("crates/") || name == "src-tauri")
        .collect()
}

/// Every `file.rs` (or `folder/`) the code map names exists in its crate, and every module
/// of a crate's `src/` is named in its section.
#[test]
fn the_code_map_matches_the_tree() {
    let mut problems = vec![];
    for (krate, body) in code_map() {
        let root = repo().join(&krate);
        let src = root.join("src");
        let named: Vec<&str> = body
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|t| {
                !t.contains(' ')
                    && (t.ends_with(".rs") || (t.ends_with('/') && !t.starts_with('/')))
            })
            .collect();
        for name in &named {
            let exists = [&src, &root, &repo()]
                .iter()
                .any(|base| base.join(name.trim_end_matches('/')).exists());
            if !exists {
                problems.push(format!(
                    "{krate}: the code map names `{name}`, which is not there"
                ));
            }
        }
        let Ok(entries) = std::fs::read_dir(&src) else {
            problems.push(format!("{krate}: no src/ folder"));
            continue;
        };
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let module = if entry.path().is_dir() {
                format!("{file}/")
            } else if let Some(stem) = file.strip_suffix(".rs") {
                if stem == "lib" || stem == "main" {
                    continue;
                }
                file.clone()
            } else {
                continue;
            };
            let stem = module.trim_end_matches('/').trim_end_matches(".rs");
            let mentioned = named.iter().any(|n| {
                let n = n.trim_start_matches("src/");
                let n = n.strip_prefix(&format!("{krate}/src/")).unwrap_or(n);
                n == module
                    || n.trim_end_matches('/').trim_end_matches(".rs") == stem
                    || n.starts_with(&format!("{stem}/"))
            });
            if !mentioned {
                problems.push(format!(
                    "{krate}: module `{module}` is missing from its section of the code map"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "ARCHITECTURE.md's code map and the tree disagree; update the map:\n{}",
        problems.join("\n")
    );
}

/// The top-level modules of a crate and the files of each (`foo.rs`, or every file of `foo/`).
fn modules(src: &Path) -> Vec<(String, Vec<PathBuf>)> {
    let mut out = vec![];
    for entry in std::fs::read_dir(src).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut files = vec![];
            rust_files(&path, &mut files);
            out.push((name, files));
        } else if let Some(stem) = name.strip_suffix(".rs") {
            if stem != "lib" && stem != "main" {
                out.push((stem.to_owned(), vec![path]));
            }
        }
    }
    out.sort();
    out
}

/// The modules a module's code names as `crate::x` (comments and test modules left out).
fn uses(files: &[PathBuf], names: &[String]) -> Vec<String> {
    let mut found = std::collections::BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let code: String = text
            .lines()
            .take_while(|l| l.trim() != "#[cfg(test)]")
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut rest = code.as_str();
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let group = rest
                .strip_prefix('{')
                .map(|g| &g[..g.find('}').unwrap_or(g.len())]);
            let words: Vec<&str> = match group {
                Some(g) => g.split([',', ' ', '\n']).collect(),
                None => vec![rest],
            };
            for word in words {
                let ident: String = word
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if names.contains(&ident) {
                    found.insert(ident);
                }
            }
        }
    }
    found.into_iter().collect()
}

/// No two top-level modules of a crate use each other, directly or through others: each
/// crate's modules form layers a reader can take one at a time.
#[test]
fn no_import_cycles_between_modules() {
    let mut cycles = vec![];
    for krate in [
        "crates/domain",
        "crates/store",
        "crates/sync",
        "crates/reports",
        "crates/forms",
        "crates/api",
        "crates/cli",
        "src-tauri",
    ] {
        let mods = modules(&repo().join(krate).join("src"));
        let names: Vec<String> = mods.iter().map(|(n, _)| n.clone()).collect();
        let edges: Vec<(String, Vec<String>)> = mods
            .iter()
            .map(|(n, files)| {
                let mut used = uses(files, &names);
                used.retain(|u| u != n);
                (n.clone(), used)
            })
            .collect();
        let next = |m: &str| -> Vec<String> {
            edges
                .iter()
                .find(|(n, _)| n == m)
                .map(|(_, e)| e.clone())
                .unwrap_or_default()
        };
        for (start, _) in &edges {
            // A path from `start` back to itself, breadth first (the shortest one).
            let mut paths: Vec<Vec<String>> = vec![vec![start.clone()]];
            let mut seen = std::collections::BTreeSet::new();
            let mut cycle = None;
            while cycle.is_none() && !paths.is_empty() {
                let mut longer = vec![];
                for path in &paths {
                    for n in next(path.last().unwrap()) {
                        if &n == start {
                            cycle = Some([path.clone(), vec![n]].concat());
                        } else if seen.insert(n.clone()) {
                            longer.push([path.clone(), vec![n]].concat());
                        }
                    }
                }
                paths = longer;
            }
            if let Some(c) = cycle {
                cycles.push(format!("{krate}: {}", c.join(" → ")));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "Modules that use each other (move what both need into a module of its own):\n{}",
        cycles.join("\n")
    );
}

/// Tests find the checkout through CARGO_MANIFEST_DIR read when they run: a path baked in at
/// compile time points at whichever clone first built a test binary that other clones (sharing
/// a target folder) then reuse.
#[test]
fn tests_read_the_checkout_path_when_they_run() {
    let baked = concat!("env!(\"CARGO_", "MANIFEST_DIR\")");
    let mut files = vec![];
    for dir in ["crates", "src-tauri/src", "tests"] {
        rust_files(&repo().join(dir), &mut files);
    }
    let mut offences = vec![];
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            // The fallback for a binary run outside cargo is fine.
            if line.contains(baked) && !line.contains("unwrap_or_else") {
                offences.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "Read std::env::var_os(\"CARGO_MANIFEST_DIR\") at run time instead:\n{}",
        offences.join("\n")
    );
}
