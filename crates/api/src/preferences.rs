//! The window's preferences for this data folder (today: the language of the window). They are
//! kept in `preferences.json` beside the store — no personal data in it — so they are known
//! before the unlock (the unlock screen speaks the chosen language) and each data folder, as
//! each test, has its own. Printed documents stay Polish whatever is chosen: they are legal
//! forms.

use crate::{ApiError, ErrorCode};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The language of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Pl,
    En,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Preferences {
    #[serde(default)]
    language: Language,
}

fn file(data_dir: &Path) -> PathBuf {
    data_dir.join("preferences.json")
}

fn load(data_dir: &Path) -> Preferences {
    std::fs::read(file(data_dir))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// The chosen language; Polish when none was chosen (or the file cannot be read).
pub fn language(data_dir: &Path) -> Language {
    load(data_dir).language
}

/// Remembers `language` for this data folder. Before the folder exists (the first-run wizard's
/// first step) nothing is written and the choice lasts while the window is open.
pub fn set_language(data_dir: &Path, language: Language) -> Result<(), ApiError> {
    if !data_dir.is_dir() {
        return Ok(());
    }
    let mut preferences = load(data_dir);
    preferences.language = language;
    let bytes = serde_json::to_vec_pretty(&preferences).expect("preferences serialise");
    let target = file(data_dir);
    let tmp = data_dir.join("preferences.json.tmp");
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, &target))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            ApiError::new(
                ErrorCode::Internal,
                format!(
                    "Nie udało się zapisać wybranego języka w folderze danych ({}). Sprawdź, czy folder nie jest tylko do odczytu.",
                    e.kind()
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_until_another_language_is_chosen_and_then_remembered() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(language(dir.path()), Language::Pl);
        set_language(dir.path(), Language::En).unwrap();
        assert_eq!(language(dir.path()), Language::En);
        assert!(std::fs::read_to_string(dir.path().join("preferences.json"))
            .unwrap()
            .contains("\"en\""));
        set_language(dir.path(), Language::Pl).unwrap();
        assert_eq!(language(dir.path()), Language::Pl);
    }

    #[test]
    fn a_folder_not_made_yet_is_not_made_for_a_preference() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("not-yet");
        set_language(&missing, Language::En).unwrap();
        assert!(!missing.exists());
        assert_eq!(language(&missing), Language::Pl);
    }

    #[test]
    fn a_damaged_file_means_polish() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("preferences.json"), b"{not json").unwrap();
        assert_eq!(language(dir.path()), Language::Pl);
    }
}
