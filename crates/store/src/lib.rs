//! Kartoteka's storage: one encrypted SQLite (SQLCipher) file per installation.
//!
//! Architecture invariant: this is the only crate that opens the database, and `Store::open`
//! / `Store::init` are the only places that do it. Every write goes through `Store::write`,
//! which runs it in one transaction and appends its audit events in that same transaction.
//! Repositories take and return domain types; SQL never leaves this crate.

mod access;
mod attendance;
mod audit;
pub mod backup;
pub mod bulk;
mod clock;
mod consents;
mod decode;
mod deliveries;
mod demo;
mod documents;
mod drafts;
mod enrolments;
mod error;
pub mod files;
mod gdpr;
mod groups;
pub mod keyring;
pub mod migrate;
mod notes;
pub mod participants;
mod plans;
mod projects;
mod recruitment;
mod rekey;
mod relations;
mod reports;
mod search;
mod services;
mod session;
pub mod settings;
mod summary;
pub mod sync;
mod write;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{ExistingRecord, Result, StoreError};
pub use write::{Source, Tx};

// What the crates above use of the private modules.
pub use access::{delay_after, unlock_wait};
pub use audit::{AuditEvent, Verification};
pub use deliveries::{DeliverableService, DeliveryAdded, DeliveryView};
pub use demo::DemoRemoved;
pub use documents::{DocumentRecord, NewDocument};
pub use drafts::{Draft, DRAFT_MAX_BYTES};
pub use gdpr::AnonymisationCandidate;
pub use notes::{CaseNote, TimelineEntry, TimelineKind};
pub use plans::{
    FamilyMemberView, GoalView, PlanOverviewRow, PlanSummary, PlanView, PlannedServiceView,
};
pub use rekey::WorkerRemoved;
pub use reports::{DeliveryRow, EnrolmentRow, ReportParticipant, SupportStart};
pub use session::end_sessions;

/// What `Store::write` runs just before it commits: sync's stamping of the rows the write
/// changed (wired here, so the write path knows nothing of sync).
pub(crate) const STAMP_CHANGED_ROWS: fn(
    &rusqlite::Transaction,
    chrono::DateTime<chrono::Utc>,
) -> Result<usize> = sync::stamp_dirty;

use keyring::{DbKey, KdfCost, Keyring, Slot, SlotKind};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use zeroize::Zeroizing;

pub const DB_FILE: &str = "kartoteka.db";
/// The folder of the automatic and hand-made backups, inside the data folder.
pub const BACKUP_DIR: &str = "backups";

/// What `init` hands back once: the recovery key is shown to the user and never stored.
pub struct Initialised {
    pub store: Store,
    pub recovery_key: Zeroizing<String>,
}

/// An open, unlocked store. Dropping it closes the database and forgets the key.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
    worker: String,
    clock: Arc<dyn Clock>,
    /// The database key while unlocked (zeroed on drop), to wrap it for new passwords.
    key: Option<DbKey>,
}

/// Options for creating or opening a store; tests lower the key-derivation cost.
#[derive(Clone)]
pub struct OpenOptions {
    pub clock: Arc<dyn Clock>,
    pub kdf: KdfCost,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            clock: Arc::new(SystemClock),
            kdf: KdfCost::default(),
        }
    }
}

impl Store {
    /// Whether `dir` holds a store (its key file).
    pub fn exists(dir: &Path) -> bool {
        dir.join(keyring::KEYS_FILE).exists()
    }

    /// Creates an empty encrypted store in `dir` with one worker and a recovery key.
    pub fn init(
        dir: &Path,
        worker: &str,
        password: &str,
        options: OpenOptions,
    ) -> Result<Initialised> {
        Store::init_at_schema(dir, worker, password, options, migrate::latest_version())
    }

    /// A store whose schema stops at `version`, as an older program would have left it.
    #[cfg(feature = "test-support")]
    pub fn init_with_schema(
        dir: &Path,
        worker: &str,
        password: &str,
        options: OpenOptions,
        version: u32,
    ) -> Result<Initialised> {
        Store::init_at_schema(dir, worker, password, options, version)
    }

    fn init_at_schema(
        dir: &Path,
        worker: &str,
        password: &str,
        options: OpenOptions,
        schema_version: u32,
    ) -> Result<Initialised> {
        validate_new_password(password)?;
        let worker = worker.trim();
        if worker.is_empty() {
            return Err(kartoteka_domain::ValidationErrors::single(
                "worker",
                "Nazwa pracownika: pole jest wymagane",
            )
            .into());
        }
        if Store::exists(dir) || dir.join(DB_FILE).exists() {
            return Err(StoreError::AlreadyInitialized(dir.to_path_buf()));
        }
        std::fs::create_dir_all(dir)?;
        restrict_permissions(dir);
        // All or nothing: a store that could not be made whole (a full disk, say) leaves no
        // database file behind, so `init` can simply be run again.
        Store::create(dir, worker, password, options, schema_version).inspect_err(|_| {
            for ext in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(dir.join(format!("{DB_FILE}{ext}")));
            }
        })
    }

    fn create(
        dir: &Path,
        worker: &str,
        password: &str,
        options: OpenOptions,
        schema_version: u32,
    ) -> Result<Initialised> {
        let key = DbKey::random()?;
        let recovery_key = keyring::new_recovery_key()?;
        let slots = vec![
            Slot::wrap(
                SlotKind::Password,
                worker,
                password.as_bytes(),
                &key,
                options.kdf,
            )?,
            Slot::wrap(
                SlotKind::Recovery,
                "odzyskiwanie",
                recovery_key.as_bytes(),
                &key,
                options.kdf,
            )?,
        ];
        let mut conn = create_connection(&dir.join(DB_FILE), &key)?;
        migrate::migrate_to(&mut conn, schema_version)?;
        let device_id = kartoteka_domain::Id::new_v7().to_string();
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('device_id', ?1), ('created_at', ?2)",
            (&device_id, options.clock.now().to_rfc3339()),
        )?;
        // The key file goes last: a store counts as existing only once it is complete.
        Keyring::new(slots, &key).save(dir)?;
        Ok(Initialised {
            store: Store {
                conn,
                dir: dir.to_path_buf(),
                worker: worker.to_owned(),
                clock: options.clock,
                key: Some(key),
            },
            recovery_key,
        })
    }

    /// Unlocks the store in `dir` with a worker's password and brings its schema up to date.
    ///
    /// A missing database file beside the key file is refused (never silently replaced by an
    /// empty one): the message says where it was expected and how to restore a backup.
    pub fn open(dir: &Path, password: &str, options: OpenOptions) -> Result<Store> {
        let ring = Keyring::load(dir)?;
        if !dir.join(DB_FILE).is_file() {
            return Err(StoreError::DatabaseMissing(dir.to_path_buf()));
        }
        let ring = rekey::finish_interrupted(dir, ring, password)?;
        let (slot, worker, key) = access::unlock_counted(dir, &ring, password)?;
        // A slot made at a lower cost than this program's, or before slots had key pairs, is
        // wrapped again now that the password is known (the database key does not change).
        if ring.slots[slot].cost().weaker_than(options.kdf) || !ring.slots[slot].has_key_pair() {
            let mut ring = ring;
            ring.slots[slot] = Slot::wrap(
                SlotKind::Password,
                &worker,
                password.as_bytes(),
                &key,
                options.kdf,
            )?;
            ring.save(dir)?;
        }
        Store::open_with_key(dir, worker, key, options)
    }

    /// Opens the database with its key (from a password slot or a session) and brings its
    /// schema up to date, keeping a backup first when a migration is about to run.
    pub(crate) fn open_with_key(
        dir: &Path,
        worker: String,
        key: DbKey,
        options: OpenOptions,
    ) -> Result<Store> {
        let mut conn = open_connection(&dir.join(DB_FILE), &key)?;
        let found = migrate::check_not_newer(&conn)?;
        if found > 0 && found < migrate::latest_version() {
            // A schema change is about to run: keep a copy of the data as it was.
            backup::backup_connection(
                &conn,
                &dir.join(backup::BACKUP_DIR),
                &key,
                "przed-migracja",
                options.clock.now(),
                None,
            )?;
        }
        migrate::migrate(&mut conn)?;
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
            worker,
            clock: options.clock,
            key: Some(key),
        })
    }

    /// A second connection to this unlocked store, for long work in the background (the daily
    /// backup) while the window keeps using the first: no key derivation, no unlock counted,
    /// the same worker and clock. Reads see a consistent snapshot (WAL).
    pub fn second_connection(&self) -> Result<Store> {
        let key = self
            .key
            .as_ref()
            .map(DbKey::duplicate)
            .ok_or_else(|| StoreError::Keyring("kartoteka jest zablokowana".into()))?;
        let conn = open_connection(&self.dir.join(DB_FILE), &key)?;
        Ok(Store {
            conn,
            dir: self.dir.clone(),
            worker: self.worker.clone(),
            clock: self.clock.clone(),
            key: Some(key),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The worker who unlocked the store; recorded as the actor of every audit event.
    pub fn worker(&self) -> &str {
        &self.worker
    }

    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Copies what the log (WAL) holds into the database file, without waiting for anyone;
    /// returns how many pages the log held. Cheap when there is nothing to copy. Closing the
    /// store does the same, so only a long-running process (the window) needs to call it.
    pub fn checkpoint(&self) -> Result<u32> {
        let (_busy, log, _copied): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        Ok(log.max(0) as u32)
    }

    pub fn schema_version(&self) -> Result<u32> {
        migrate::current_version(&self.conn)
    }

    /// SQLite's own integrity check; `Ok(())` when the file is sound.
    pub fn integrity_check(&self) -> Result<()> {
        let result: String = self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt(result))
        }
    }
}

/// The shortest password a worker may choose.
pub const PASSWORD_MIN_CHARS: usize = 12;

/// Passwords people choose first, refused whatever their length (compared without case,
/// spaces and Polish letters' tails).
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "qwertyuiopas",
    "qwertyuiop12",
    "qwertyuiop123",
    "password1234",
    "password12345",
    "haslohaslo12",
    "haslo1234567",
    "haslo12345678",
    "kartoteka123",
    "kartoteka1234",
    "kartoteka2026",
    "kartoteka2027",
    "administrator",
    "administrator1",
    "zaq12wsxcde3",
    "1qaz2wsx3edc",
    "polska123456",
    "mops12345678",
    "ops123456789",
    "abcdefghijkl",
    "aaaaaaaaaaaa",
    "111111111111",
    "000000000000",
    "iloveyou1234",
    "zaq1zaq1zaq1",
    "qazwsxedcrfv",
    "asdfghjkl123",
];

/// A new password: at least `PASSWORD_MIN_CHARS` characters and not a common one; the message
/// says why and what to do.
pub(crate) fn validate_new_password(password: &str) -> Result<()> {
    let refuse = |message: &str| -> Result<()> {
        Err(kartoteka_domain::ValidationErrors::single("password", message).into())
    };
    if password.chars().count() < PASSWORD_MIN_CHARS {
        return refuse(&format!(
            "Hasło musi mieć co najmniej {PASSWORD_MIN_CHARS} znaków — najłatwiej zapamiętać kilka słów, np. „zielony rower nad Wartą”"
        ));
    }
    let folded: String = kartoteka_domain::fold::fold(password)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let one_char = folded.chars().all(|c| folded.starts_with(c));
    if one_char || COMMON_PASSWORDS.contains(&folded.as_str()) {
        return refuse("To hasło jest zbyt popularne — każdy, kto zdobędzie ten komputer, spróbuje go najpierw. Wybierz inne, np. kilka słów");
    }
    Ok(())
}

fn restrict_permissions(dir: &Path) {
    let _ = files::restrict_dir(dir);
}

/// Opens an existing database file; a missing one is an error (SQLite's create flag is off),
/// never a new empty registry.
pub(crate) fn open_connection(path: &Path, key: &DbKey) -> Result<Connection> {
    use rusqlite::OpenFlags;
    sqlite_ready()?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match Connection::open_with_flags(path, flags) {
        Ok(conn) => conn,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::CannotOpen && !path.exists() =>
        {
            let dir = path.parent().unwrap_or(Path::new("."));
            return Err(StoreError::DatabaseMissing(dir.to_path_buf()));
        }
        Err(e) => return Err(e.into()),
    };
    configure_connection(conn, key)
}

/// Finishes SQLite's and SQLCipher's start-up once, before the process's first connection.
///
/// `sqlite3_initialize` marks SQLite ready before it runs SQLCipher's own start-up
/// (`SQLITE_EXTRA_INIT`), outside its lock; a connection opened on another thread in that
/// window had its `PRAGMA key` refused ("An error occurred with PRAGMA key…"): seen now and
/// then when tests, or the window's backup and sync threads, opened stores together. Every
/// connection the store opens comes after this call, and the `Once` makes the other threads
/// wait until the first has finished both parts.
fn sqlite_ready() -> Result<()> {
    static READY: std::sync::OnceLock<std::os::raw::c_int> = std::sync::OnceLock::new();
    // SAFETY: sqlite3_initialize takes no arguments and may be called at any time.
    let rc = *READY.get_or_init(|| unsafe { rusqlite::ffi::sqlite3_initialize() });
    if rc == rusqlite::ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rc), None).into())
    }
}

/// Creates a new database file (only `init` does).
fn create_connection(path: &Path, key: &DbKey) -> Result<Connection> {
    sqlite_ready()?;
    configure_connection(Connection::open(path)?, key)
}

/// The one place a connection is set up: key first, then the settings that keep data safe
/// (WAL, full sync, temporary tables in memory so nothing unencrypted reaches disk).
fn configure_connection(conn: Connection, key: &DbKey) -> Result<Connection> {
    // The store runs a few dozen distinct statements (one per table and path, search groups,
    // sync per table); rusqlite's default cache of 16 re-prepared them in every sync import.
    conn.set_prepared_statement_cache_capacity(256);
    conn.execute_batch(key.key_pragma().as_str())?;
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => {}
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(StoreError::Corrupt(
                "plik bazy nie pasuje do kluczy albo jest zniszczony".into(),
            ))
        }
        Err(e) => return Err(e.into()),
    }
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         -- A write waits up to 30 s for another connection's long work (a sync import,
         -- a backup) before it gives up with a Polish message.
         PRAGMA busy_timeout = 30000;
         -- 32 MiB of decrypted pages (default 2 MB): a search of a common surname or a list
         -- page of a large registry would otherwise read and decrypt the same pages again.
         PRAGMA cache_size = -32768;
         -- Pages written go to the log (WAL) and are copied into the database file by
         -- `Store::checkpoint` in quiet moments (the window does it when the worker pauses),
         -- not by whichever save happens to fill 4 MB of log: the automatic checkpoint stays
         -- only as a safety net, at 32 MiB, and the log file is cut back to that size.
         PRAGMA wal_autocheckpoint = 8192;
         PRAGMA journal_size_limit = 33554432;",
    )?;
    migrate::check_not_newer(&conn)?;
    Ok(conn)
}

impl Store {
    /// Rows in one of the store's tables (for status displays and tests).
    pub fn count_rows(&self, table: &str) -> Result<i64> {
        const TABLES: &[&str] = &[
            "participants",
            "projects",
            "enrolments",
            "relations",
            "audit_events",
            "services",
            "plans",
            "planned_services",
            "plan_reviews",
            "deliveries",
            "case_notes",
            "recruitments",
            "candidates",
            "work_groups",
            "group_members",
            "group_sessions",
            "session_attendance",
            "community_events",
            "event_participants",
            "consents",
            "documents",
        ];
        if !TABLES.contains(&table) {
            return Err(StoreError::NotFound {
                what: "tabela",
                id: table.to_owned(),
            });
        }
        Ok(self
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    }

    /// The connection itself, for tests and measurements that read with raw SQL.
    #[cfg(feature = "test-support")]
    pub fn raw_connection(&self) -> &Connection {
        &self.conn
    }

    /// Runs raw SQL, bypassing every rule: only for tests that damage data on purpose.
    #[cfg(feature = "test-support")]
    pub fn execute_raw(&self, sql: &str) -> Result<()> {
        Ok(self.conn.execute_batch(sql)?)
    }
}
