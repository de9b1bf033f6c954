//! The window's size: maximised on screens up to 1440 px wide (office laptops are mostly
//! 1366×768; at Windows' 150 % such a screen is 910×512 logical pixels, so the smallest
//! window is 760×440), and the size a worker gives it remembered and restored at the next start. It is
//! kept in `window.json` in the data folder (no personal data in it; written only where the
//! folder exists).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tauri::{LogicalSize, WebviewWindow};

/// Screens at most this wide (in logical pixels) open the window maximised.
const MAXIMISE_UP_TO: f64 = 1440.0;

#[derive(Debug, Serialize, Deserialize)]
struct Saved {
    width: f64,
    height: f64,
    maximized: bool,
}

fn file(data_dir: &Path) -> PathBuf {
    data_dir.join("window.json")
}

/// Sizes the window as it was left, or maximises it on a small screen.
pub fn restore(window: &WebviewWindow, data_dir: &Path) {
    let saved: Option<Saved> = std::fs::read(file(data_dir))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    match saved {
        Some(s) if s.maximized => {
            let _ = window.maximize();
        }
        Some(s) => {
            let _ = window.set_size(LogicalSize::new(s.width.max(760.0), s.height.max(440.0)));
        }
        None => {
            let small = window.current_monitor().ok().flatten().is_some_and(|m| {
                m.size().to_logical::<f64>(m.scale_factor()).width <= MAXIMISE_UP_TO
            });
            if small {
                let _ = window.maximize();
            }
        }
    }
}

/// Remembers the window's size (called as it closes).
pub fn remember(window: &WebviewWindow, data_dir: &Path) {
    if !data_dir.is_dir() {
        return;
    }
    let (Ok(size), Ok(scale)) = (window.inner_size(), window.scale_factor()) else {
        return;
    };
    let logical = size.to_logical::<f64>(scale);
    let saved = Saved {
        width: logical.width,
        height: logical.height,
        maximized: window.is_maximized().unwrap_or(false),
    };
    if let Ok(json) = serde_json::to_vec(&saved) {
        let _ = kartoteka_api::print_folder::write_private(&file(data_dir), &json);
    }
}
