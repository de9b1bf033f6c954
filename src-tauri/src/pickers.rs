//! The system's own file and folder choosers (Tauri's dialog plugin, used from Rust only: the
//! window is granted no `dialog:` permission, it asks these commands). Each returns the
//! chosen path, or nothing when she closed the chooser. The titles come from the window, in
//! its language.

use kartoteka_api::{settings, ApiError};
use tauri::WebviewWindow;
use tauri_plugin_dialog::DialogExt;

type Chooser = tauri_plugin_dialog::FileDialogBuilder<tauri::Wry>;

/// The chooser over the window with `title`, opening in `current` when that is a folder.
fn chooser(window: &WebviewWindow, title: String, current: Option<String>) -> Chooser {
    let builder = window.dialog().file().set_title(title).set_parent(window);
    match current.map(std::path::PathBuf::from).filter(|p| p.is_dir()) {
        Some(dir) => builder.set_directory(dir),
        None => builder,
    }
}

/// A folder (the sync folder, the import folder): `current` is where the chooser opens.
#[tauri::command(async, rename_all = "snake_case")]
pub fn pick_folder(
    window: WebviewWindow,
    title: String,
    current: Option<String>,
) -> Option<String> {
    chooser(&window, title, current)
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

/// A file of one kind: `table` (the SM EFS export: XLSX or CSV).
#[tauri::command(async, rename_all = "snake_case")]
pub fn pick_file(
    window: WebviewWindow,
    title: String,
    kind: String,
    current: Option<String>,
) -> Result<Option<String>, ApiError> {
    let builder = chooser(&window, title, current);
    let builder = match kind.as_str() {
        "table" => builder.add_filter("Arkusz (XLSX, CSV)", &["xlsx", "csv"]),
        _ => return Err(ApiError::invalid("kind", "Nieznany rodzaj pliku")),
    };
    Ok(builder
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// The strip of logos (Ustawienia, the first-run wizard): a PNG or JPEG read here and given to
/// the window as base64, so the window never reads files itself.
#[tauri::command(async, rename_all = "snake_case")]
pub fn pick_logo(window: WebviewWindow, title: String) -> Result<Option<String>, ApiError> {
    chooser(&window, title, None)
        .add_filter("PNG, JPEG", &["png", "jpg", "jpeg"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
        .map(|file| settings::read_logo_file(&file, "org_logo"))
        .transpose()
}
