//! The boundary shared by the `kartoteka` CLI and the desktop shell.
//!
//! Architecture invariant: both front ends resolve the data directory, open the store and
//! classify errors here, so the CLI and the app always agree. Errors cross the boundary as
//! `ApiError { code, message, fields, existing }`: a stable code for programs (and the CLI's
//! exit status), a Polish message for people.

pub mod access;
pub mod app;
pub mod bench;
pub mod casework;
pub mod closed_lists;
pub mod data_dir;
pub mod drafts;
pub mod dto;
pub mod error;
pub mod file_names;
pub mod first_run;
pub mod groups;
pub mod participants;
pub mod plan_list;
pub mod preferences;
pub mod print_folder;
pub mod printing;
pub mod process;
pub mod projects;
pub mod records;
pub mod recruitment;
pub mod reports;
pub mod seed;
pub mod settings;
pub mod sync;
pub mod sync_settings;
mod synthetic;

pub use app::{App, Frontend};
pub use data_dir::{resolve_data_dir, DATA_DIR_ENV};
pub use error::{ApiError, ErrorCode};
