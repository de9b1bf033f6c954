//! Where the data lives: `--data-dir`, else `KARTOTEKA_DATA_DIR`, else the OS app-data folder.

use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "KARTOTEKA_DATA_DIR";

/// The data directory: the explicit flag wins, then the environment, then the OS default
/// (`~/.local/share/kartoteka` on Linux, `%APPDATA%\kartoteka` on Windows).
pub fn resolve_data_dir(flag: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = flag.filter(|d| !d.as_os_str().is_empty()) {
        return dir;
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("kartoteka")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_everything() {
        assert_eq!(
            resolve_data_dir(Some("/tmp/x".into())),
            PathBuf::from("/tmp/x")
        );
    }
}
