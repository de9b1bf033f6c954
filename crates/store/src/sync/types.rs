//! What the sync operations of the store take and give back.

use super::*;

/// What an export read, besides its rows.
pub struct ExportInfo {
    pub device: String,
    /// The change number up to which the rows are complete (the next watermark).
    pub upto_seq: i64,
    pub records: usize,
    /// This installation's Ed25519 signing seed (hex), made at its first export; it signs the
    /// bundle and never leaves the encrypted database otherwise.
    pub signing_seed: Zeroizing<String>,
}

/// Rows for a bundle, read in one transaction.
pub struct ExportBatch {
    pub device: String,
    pub rows: Vec<RowState>,
    /// The change number up to which these rows are complete (the next watermark).
    pub upto_seq: i64,
    /// Everything, not only changes since the last export.
    pub full: bool,
}

/// Takes the rows of a bundle one at a time (see `Store::sync_apply`).
pub type RowSink<'a> = dyn FnMut(RowState) -> Result<()> + 'a;

/// A bundle about to be applied (already verified and decrypted).
pub struct ApplyBatch<'a> {
    pub bundle_id: &'a str,
    pub file_sha256: &'a str,
    pub device: &'a str,
    /// How many rows it holds.
    pub records: usize,
    /// The public key (hex) whose signature over the bundle the caller verified; `None`: the
    /// bundle is not signed. Checked against the key known for `device` (see
    /// `check_device_key`) inside the import's transaction; a device's first key is recorded.
    pub signing_key: Option<&'a str>,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct ApplySummary {
    /// Records that changed here.
    pub applied: u32,
    /// Records that were already as in the bundle.
    pub unchanged: u32,
    /// Fields both sides changed since they last met (kept for review).
    pub conflicts: u32,
}

/// The sync key and organisation set up on this installation.
pub struct SyncConfig {
    pub organisation: String,
    /// The age identity ("AGE-SECRET-KEY-1…") derived from the passphrase.
    pub identity: Zeroizing<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncStatus {
    pub device_id: String,
    pub configured: bool,
    pub organisation: Option<String>,
    /// RFC 3339, UTC.
    pub last_export_at: Option<String>,
    pub last_export_file: Option<String>,
    /// Changed records (made here or received) not yet in an exported bundle.
    pub pending_changes: u32,
    pub open_conflicts: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncConflict {
    pub id: String,
    pub table: String,
    pub record_id: String,
    pub field: String,
    /// JSON of this installation's value before the import (null: none).
    #[ts(type = "unknown")]
    pub mine: Option<Value>,
    /// JSON of the incoming value (null: none).
    #[ts(type = "unknown")]
    pub theirs: Option<Value>,
    pub mine_stamp: String,
    pub theirs_stamp: String,
    /// "mine" or "theirs": whose value is in the record now.
    pub winner: String,
    pub detected_at: String,
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
}
