//! Files that hold personal data are the user's alone: written 0600, in folders this program
//! creates 0700 (on Unix; on Windows a file inherits the user's own folder's access, and
//! nothing here adds sharing). Every writer of such a file — backups, printed documents, GDPR
//! exports, reports, sync bundles, sessions — goes through this module.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Makes `dir` and any missing parents; the folders made here are 0700. A folder that was
/// already there keeps its permissions (it may be the user's own, such as a USB stick).
pub fn create_dir(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Narrows an existing folder to the user alone (0700): for the program's own folders (the
/// data folder, the print folder), which an older version may have made with wider access.
pub fn restrict_dir(dir: &Path) -> io::Result<()> {
    set_mode(dir, 0o700)
}

/// Narrows an existing file to the user alone (0600): for a file another library created
/// (SQLite's backup copy) before it holds anything.
pub(crate) fn restrict_file(path: &Path) -> io::Result<()> {
    set_mode(path, 0o600)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

/// Creates (or truncates) `path` for writing, readable by the user alone. A file that was
/// there with wider access is narrowed first.
pub fn create(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    // `mode` applies only to a new file; an old one keeps its bits unless narrowed.
    restrict_file(path)?;
    Ok(file)
}

/// Writes `bytes` to `path` (making its folder as `create_dir` does), the user's alone, and
/// syncs it to disk.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        create_dir(parent)?;
    }
    let mut file = create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn new_folders_are_0700_and_files_0600_even_over_a_wider_old_file() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("a/b/dokument.pdf");
        write(&file, b"%PDF").unwrap();
        assert_eq!(mode(&root.path().join("a")), 0o700);
        assert_eq!(mode(&root.path().join("a/b")), 0o700);
        assert_eq!(mode(&file), 0o600);

        let old = root.path().join("stary.csv");
        std::fs::write(&old, b"x").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        write(&old, b"y").unwrap();
        assert_eq!(mode(&old), 0o600);
        assert_eq!(std::fs::read(&old).unwrap(), b"y");
    }

    #[test]
    fn a_folder_that_was_there_keeps_its_permissions() {
        let root = tempfile::tempdir().unwrap();
        std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        write(&root.path().join("x.json"), b"{}").unwrap();
        assert_eq!(mode(root.path()), 0o755);
    }
}
