//! The print folder (Dokumenty/Kartoteka) holds personal data in the clear: printed documents,
//! reports, GDPR exports. What is older than the office's setting is deleted when the store is
//! unlocked, so it does not pile up for years on a laptop.

use crate::error::{ApiError, ErrorCode};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Where the window writes documents, reports and GDPR exports when this is set.
pub const PRINT_DIR_ENV: &str = "KARTOTEKA_PRINT_DIR";

/// The print folder: `KARTOTEKA_PRINT_DIR`, else the user's Documents folder (their home,
/// failing that), in a Kartoteka subfolder.
pub fn dir() -> PathBuf {
    std::env::var_os(PRINT_DIR_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            dirs::document_dir()
                .or_else(dirs::home_dir)
                .unwrap_or_else(std::env::temp_dir)
                .join("Kartoteka")
        })
}

/// The print folder, made if missing and narrowed to the user alone (0700 on Unix), also
/// when an older version made it with wider access.
pub fn ensure() -> Result<PathBuf, ApiError> {
    let dir = dir();
    kartoteka_store::files::create_dir(&dir)
        .and_then(|_| kartoteka_store::files::restrict_dir(&dir))
        .map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("Nie można utworzyć folderu {}: {e}", dir.display()),
            )
        })?;
    Ok(dir)
}

/// Writes a file that holds personal data (a PDF, an export) for the user alone: 0600, in
/// folders made 0700.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    kartoteka_store::files::write(path, bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!(
                "Nie można zapisać {}: {e}. Sprawdź, czy folder jest zapisywalny i czy jest miejsce na dysku.",
                path.display()
            ),
        )
    })
}

/// The kinds of file Kartoteka writes there; nothing else is ever touched.
const OURS: &[&str] = &["pdf", "csv", "xlsx", "json"];

/// Deletes files Kartoteka writes (PDF, CSV, XLSX, JSON) last changed more than `keep_days`
/// days before `now` from `dir` and its subfolders (batch folders), and subfolders left empty.
/// Returns how many files were deleted. A missing folder deletes nothing.
pub fn clean(dir: &Path, keep_days: u32, now: SystemTime) -> std::io::Result<usize> {
    let limit = now
        .checked_sub(Duration::from_secs(u64::from(keep_days) * 24 * 60 * 60))
        .unwrap_or(SystemTime::UNIX_EPOCH);
    clean_below(dir, limit, 0)
}

fn clean_below(dir: &Path, limit: SystemTime, depth: u32) -> std::io::Result<usize> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut deleted = 0;
    for entry in entries {
        let entry = entry?;
        let meta = entry.metadata()?;
        let path = entry.path();
        if meta.is_dir() && depth == 0 {
            deleted += clean_below(&path, limit, 1)?;
            // A batch folder emptied by this is removed; anything else keeps it.
            let _ = std::fs::remove_dir(&path);
        } else if meta.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| OURS.contains(&e.to_ascii_lowercase().as_str()))
            && meta.modified()? < limit
        {
            std::fs::remove_file(&path)?;
            deleted += 1;
        }
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &Path, days_old: u64, now: SystemTime) {
        std::fs::write(path, b"x").unwrap();
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(now - Duration::from_secs(days_old * 86_400))
            .unwrap();
    }

    #[test]
    fn only_our_files_older_than_the_setting_go() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let d = dir.path();
        file(&d.join("enrolment-1.pdf"), 40, now);
        file(&d.join("uczestnicy.csv"), 31, now);
        file(&d.join("dane-osoby-2.json"), 100, now);
        file(&d.join("enrolment-3.pdf"), 5, now);
        file(&d.join("notatki.docx"), 400, now);
        std::fs::create_dir(d.join("partia-enrolment-x")).unwrap();
        file(&d.join("partia-enrolment-x/a.pdf"), 60, now);
        std::fs::create_dir(d.join("partia-enrolment-y")).unwrap();
        file(&d.join("partia-enrolment-y/b.pdf"), 60, now);
        file(&d.join("partia-enrolment-y/c.pdf"), 2, now);

        assert_eq!(clean(d, 30, now).unwrap(), 5);
        let mut left: Vec<String> = walk(d);
        left.sort();
        assert_eq!(
            left,
            [
                "enrolment-3.pdf",
                "notatki.docx",
                "partia-enrolment-y/c.pdf"
            ]
        );
        assert_eq!(clean(&d.join("nie-ma"), 30, now).unwrap(), 0);
    }

    fn walk(d: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                out.extend(walk(&p).into_iter().map(|n| format!("{name}/{n}")));
            } else {
                out.push(name);
            }
        }
        out
    }
}
