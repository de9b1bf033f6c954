//! Writing a finished report where the user asked: the format from the file's extension, and
//! an atomic write (a temporary file beside the target, synced, then renamed) so a failed
//! export never leaves half a file.

use crate::ReportError;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// A report's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileFormat {
    Xlsx,
    Csv,
}

impl FileFormat {
    /// The format named by the file's extension (`.xlsx` or `.csv`, any case).
    pub fn from_path(path: &Path) -> Result<FileFormat, ReportError> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("xlsx") => Ok(FileFormat::Xlsx),
            Some("csv") => Ok(FileFormat::Csv),
            _ => Err(ReportError::Invalid {
                field: "out",
                message: "Plik raportu musi mieć rozszerzenie .xlsx (Excel) albo .csv (tekst rozdzielany średnikami) — popraw nazwę pliku".into(),
            }),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FileFormat::Xlsx => "xlsx",
            FileFormat::Csv => "csv",
        }
    }
}

/// Checks, before any work, that `path` names a file in an existing folder.
pub fn check_target(path: &Path) -> Result<(), ReportError> {
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        return Err(ReportError::Invalid {
            field: "out",
            message: "Podaj nazwę pliku raportu (np. raport.xlsx)".into(),
        });
    }
    if path.is_dir() {
        return Err(ReportError::Invalid {
            field: "out",
            message: format!(
                "{} jest folderem — podaj nazwę pliku w tym folderze (np. raport.csv)",
                path.display()
            ),
        });
    }
    let parent = parent_of(path);
    if !parent.is_dir() {
        return Err(ReportError::Invalid {
            field: "out",
            message: format!(
                "Folder {} nie istnieje — utwórz go albo wybierz inny folder",
                parent.display()
            ),
        });
    }
    Ok(())
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` all or nothing: a temporary file in the same folder (its name
/// carries no personal data), flushed to disk, then renamed over the target.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    write_streamed(path, &mut |w| {
        w.write_all(bytes).map_err(|e| write_failed(path, e))
    })
}

fn write_failed(path: &Path, e: std::io::Error) -> ReportError {
    ReportError::Write(format!(
        "Nie udało się zapisać pliku {}: {e}. Sprawdź, czy folder jest zapisywalny, czy jest miejsce na dysku i czy plik nie jest otwarty w innym programie.",
        path.display()
    ))
}

/// Like `write_atomically`, for a file made piece by piece: `fill` writes into the temporary
/// file (buffered); if it fails (or is stopped) the temporary file is removed and `path` is
/// left as it was.
pub fn write_streamed(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> Result<(), ReportError>,
) -> Result<(), ReportError> {
    check_target(path)?;
    let parent = parent_of(path);
    let failed = |e: std::io::Error| write_failed(path, e);
    let tmp = tempfile::Builder::new()
        .prefix(".kartoteka-raport-")
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(failed)?;
    let mut buffered = std::io::BufWriter::with_capacity(256 * 1024, tmp);
    fill(&mut buffered)?;
    let tmp = buffered.into_inner().map_err(|e| failed(e.into_error()))?;
    tmp.as_file().sync_all().map_err(failed)?;
    tmp.persist(path).map_err(|e| failed(e.error))?;
    // The new name must survive a power cut too.
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(parent) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_extension() {
        assert_eq!(
            FileFormat::from_path(Path::new("a/raport.XLSX")).unwrap(),
            FileFormat::Xlsx
        );
        assert_eq!(
            FileFormat::from_path(Path::new("raport.csv")).unwrap(),
            FileFormat::Csv
        );
        assert!(FileFormat::from_path(Path::new("raport.ods")).is_err());
        assert!(FileFormat::from_path(Path::new("raport")).is_err());
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.csv");
        write_atomically(&file, b"one").unwrap();
        write_atomically(&file, b"two").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("r.csv")]);
    }

    #[test]
    fn a_missing_folder_is_invalid_input_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("nie-ma").join("r.csv");
        let err = write_atomically(&file, b"x").unwrap_err();
        assert!(matches!(err, ReportError::Invalid { field: "out", .. }));
        assert!(!file.exists());
    }
}
