//! Stable error codes and their mapping from the store's errors and to CLI exit codes.

use kartoteka_domain::FieldError;
use kartoteka_store::{ExistingRecord, StoreError};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    InvalidInput,
    NotFound,
    Duplicate,
    LikelyDuplicate,
    Conflict,
    WrongPassword,
    Locked,
    NotInitialized,
    /// The key file is there but the database file is not: restore a backup.
    DatabaseMissing,
    AlreadyInitialized,
    NewerSchema,
    Corrupt,
    Internal,
    /// The person stopped long work (an import); what it did not finish changed nothing.
    Cancelled,
    /// Something needs setting up first (sync before its passphrase is set).
    NotConfigured,
}

impl ErrorCode {
    /// The CLI's exit status: 2 invalid input, 3 not found, 4 conflict or duplicate,
    /// 5 locked or wrong password, 1 anything else.
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorCode::InvalidInput => 2,
            ErrorCode::NotFound => 3,
            ErrorCode::Duplicate
            | ErrorCode::LikelyDuplicate
            | ErrorCode::Conflict
            | ErrorCode::AlreadyInitialized
            | ErrorCode::NotConfigured => 4,
            ErrorCode::WrongPassword | ErrorCode::Locked => 5,
            ErrorCode::NotInitialized
            | ErrorCode::DatabaseMissing
            | ErrorCode::NewerSchema
            | ErrorCode::Corrupt
            | ErrorCode::Internal
            | ErrorCode::Cancelled => 1,
        }
    }
}

/// What the UI and scripts receive when something fails.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ApiError {
    pub code: ErrorCode,
    /// Polish, for people: says what is wrong and what to do.
    pub message: String,
    /// Per-field problems of invalid input (empty otherwise).
    pub fields: Vec<FieldError>,
    /// Existing records a new one collides with (duplicates).
    pub existing: Vec<ExistingRecord>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
            fields: vec![],
            existing: vec![],
        }
    }

    /// "The store is locked": what the window answers while nobody has unlocked it.
    pub fn locked() -> ApiError {
        StoreError::Locked.into()
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> ApiError {
        let message = message.into();
        ApiError {
            code: ErrorCode::InvalidInput,
            fields: vec![FieldError {
                field: field.to_owned(),
                message: message.clone(),
            }],
            message,
            existing: vec![],
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        let message = e.to_string();
        let (code, fields, existing) = match e {
            StoreError::Invalid(errors) => (ErrorCode::InvalidInput, errors.0, vec![]),
            StoreError::NotFound { .. } => (ErrorCode::NotFound, vec![], vec![]),
            StoreError::Duplicate {
                field,
                existing,
                message,
            } => (
                ErrorCode::Duplicate,
                field
                    .map(|f| {
                        vec![FieldError {
                            field: f.to_owned(),
                            message,
                        }]
                    })
                    .unwrap_or_default(),
                existing,
            ),
            StoreError::LikelyDuplicate { existing } => {
                (ErrorCode::LikelyDuplicate, vec![], existing)
            }
            StoreError::Conflict(_) => (ErrorCode::Conflict, vec![], vec![]),
            StoreError::Cancelled(_) => (ErrorCode::Cancelled, vec![], vec![]),
            StoreError::WrongPassword | StoreError::WrongRecoveryKey => {
                (ErrorCode::WrongPassword, vec![], vec![])
            }
            StoreError::Locked | StoreError::Session(_) => (ErrorCode::Locked, vec![], vec![]),
            StoreError::NotInitialized(_) => (ErrorCode::NotInitialized, vec![], vec![]),
            StoreError::DatabaseMissing(_) => (ErrorCode::DatabaseMissing, vec![], vec![]),
            StoreError::AlreadyInitialized(_) => (ErrorCode::AlreadyInitialized, vec![], vec![]),
            StoreError::NewerSchema { .. } => (ErrorCode::NewerSchema, vec![], vec![]),
            StoreError::Corrupt(_) => (ErrorCode::Corrupt, vec![], vec![]),
            StoreError::Keyring(_) | StoreError::Sqlite(_) | StoreError::Io(_) => {
                (ErrorCode::Internal, vec![], vec![])
            }
        };
        ApiError {
            code,
            message,
            fields,
            existing,
        }
    }
}
