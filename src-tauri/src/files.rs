//! Handing saved files to the system: open in the default program, print ("Drukuj": on
//! Windows the file's print verb, which opens the PDF program's print dialog; elsewhere the
//! default viewer, where Ctrl+P prints) and "Pokaż w folderze". A failure is said, never
//! passed over: the file is saved, and the message says where.

use kartoteka_api::{print_folder, ApiError, ErrorCode};
use std::path::{Path, PathBuf};

fn could_not_open(file: &Path, reason: impl std::fmt::Display) -> ApiError {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = file
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    ApiError::new(
        ErrorCode::Internal,
        format!(
            "Plik „{name}” jest zapisany w folderze {folder}, ale nie udało się go otworzyć ({reason}). Otwórz go z tego folderu albo sprawdź, czy jest zainstalowany program do plików PDF."
        ),
    )
}

/// Opens `file` in the system's program for it.
pub fn open(file: &Path) -> Result<(), ApiError> {
    opener::open(file).map_err(|e| could_not_open(file, e))
}

/// Prints `file`: the print dialog of the PDF program on Windows (the viewer if the program
/// has no print verb), the default viewer elsewhere.
pub fn print(file: &Path) -> Result<(), ApiError> {
    #[cfg(windows)]
    {
        if print_verb(file) {
            return Ok(());
        }
    }
    open(file)
}

/// Windows: `ShellExecute` with the "print" verb, through PowerShell's `Start-Process -Verb
/// Print` (no extra dependency); false when the program registered no such verb.
#[cfg(windows)]
fn print_verb(file: &Path) -> bool {
    use std::os::windows::process::CommandExt;
    const CREATE_NO_WINDOW: u32 = 0x0800_0000;
    let quoted = file.display().to_string().replace('\'', "''");
    std::process::Command::new("powershell")
        .args([
            "-NoProfile",
            "-NonInteractive",
            "-Command",
            &format!("Start-Process -FilePath '{quoted}' -Verb Print"),
        ])
        .creation_flags(CREATE_NO_WINDOW)
        .status()
        .is_ok_and(|s| s.success())
}

/// The saved file `file` must lie in the print folder: the window never reveals or opens
/// anything else through these commands.
fn in_print_folder(file: &str) -> Result<PathBuf, ApiError> {
    let gone = || {
        ApiError::new(
            ErrorCode::NotFound,
            "Tego pliku już nie ma w folderze wydruków (stare wydruki są usuwane po czasie ustawionym w Ustawieniach). Wydrukuj dokument ponownie.",
        )
    };
    let base = print_folder::dir().canonicalize().map_err(|_| gone())?;
    let path = Path::new(file).canonicalize().map_err(|_| gone())?;
    if !path.starts_with(&base) {
        return Err(ApiError::invalid(
            "file",
            "Ten plik nie jest w folderze wydruków Kartoteki.",
        ));
    }
    Ok(path)
}

/// Windows Explorer and the macOS Finder open the folder with the file selected; elsewhere
/// (false) the folder is opened.
fn reveal(path: &Path) -> bool {
    #[cfg(windows)]
    {
        let mut arg = std::ffi::OsString::from("/select,");
        arg.push(path);
        return std::process::Command::new("explorer.exe")
            .arg(arg)
            .spawn()
            .is_ok();
    }
    #[cfg(target_os = "macos")]
    {
        return std::process::Command::new("open")
            .arg("-R")
            .arg(path)
            .spawn()
            .is_ok();
    }
    #[allow(unreachable_code)]
    {
        let _ = path;
        false
    }
}

/// "Pokaż w folderze": the system's file manager with the saved file selected (or its
/// folder opened, where the file manager cannot select).
#[tauri::command(async, rename_all = "snake_case")]
pub fn show_in_folder(file: String) -> Result<(), ApiError> {
    let path = in_print_folder(&file)?;
    if reveal(&path) {
        return Ok(());
    }
    let folder = path.parent().unwrap_or(&path).to_path_buf();
    opener::open(&folder).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!(
                "Nie udało się otworzyć folderu {} ({e}). Otwórz go ręcznie.",
                folder.display()
            ),
        )
    })
}
