//! The app's state: the data folder, the open store while unlocked, and the idle clock that
//! locks it after the time set in Ustawienia.

use kartoteka_api::{ApiError, App};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct AppState {
    pub data_dir: PathBuf,
    app: Mutex<Option<App>>,
    idle: Mutex<Idle>,
}

struct Idle {
    last_activity: Instant,
    limit: Duration,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> AppState {
        AppState {
            data_dir,
            app: Mutex::new(None),
            idle: Mutex::new(Idle {
                last_activity: Instant::now(),
                limit: Duration::from_secs(10 * 60),
            }),
        }
    }

    fn guard(&self) -> std::sync::MutexGuard<'_, Option<App>> {
        // A panic in one command must not lock the user out for the rest of the session.
        self.app.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Idle> {
        self.idle.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` with the unlocked application; `Locked` when there is none. Counts as
    /// activity.
    pub fn with_app<T>(
        &self,
        f: impl FnOnce(&mut App) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut guard = self.guard();
        let app = guard.as_mut().ok_or_else(ApiError::locked)?;
        self.touch();
        f(app)
    }

    /// Puts an unlocked store in place (or drops it, which forgets the key) and restarts the
    /// idle clock with the store's own setting.
    pub fn set(&self, app: Option<App>) {
        let limit = app
            .as_ref()
            .and_then(App::idle_lock_minutes)
            .map(|m| Duration::from_secs(u64::from(m) * 60));
        *self.guard() = app;
        let mut idle = self.idle();
        idle.last_activity = Instant::now();
        if let Some(limit) = limit {
            idle.limit = limit;
        }
    }

    pub fn set_idle_limit(&self, minutes: u32) {
        self.idle().limit = Duration::from_secs(u64::from(minutes) * 60);
    }

    pub fn touch(&self) {
        self.idle().last_activity = Instant::now();
    }

    /// Locks the store when the user has been idle for longer than the limit; returns whether
    /// it did.
    pub fn lock_if_idle(&self) -> bool {
        let expired = {
            let idle = self.idle();
            idle.last_activity.elapsed() >= idle.limit
        };
        if !expired {
            return false;
        }
        let mut guard = self.guard();
        if guard.is_none() {
            return false;
        }
        *guard = None;
        true
    }

    /// When the worker has paused for `quiet` and no command holds the store, copies the
    /// store's log into its file (`Store::checkpoint`), so that work is never waited for by a
    /// click. Skipped while a command runs.
    pub fn checkpoint_when_quiet(&self, quiet: Duration) {
        if self.idle().last_activity.elapsed() < quiet {
            return;
        }
        let guard = match self.app.try_lock() {
            Ok(guard) => guard,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return,
        };
        if let Some(app) = guard.as_ref() {
            let _ = app.checkpoint();
        }
    }

    /// What the window shows before and after unlocking.
    pub fn status(&self) -> kartoteka_api::dto::AppStatus {
        kartoteka_api::dto::AppStatus::of(&self.data_dir, self.guard().as_ref())
    }

    /// Runs `f` with the application if it is unlocked (for background work such as backups).
    pub fn if_unlocked(&self, f: impl FnOnce(&App)) {
        if let Some(app) = self.guard().as_ref() {
            f(app);
        }
    }

    /// Like `if_unlocked`, for background work that writes (the periodic sync export) or
    /// reads a value (the status bar): `None` while locked. Never counts as activity, so it
    /// does not keep the idle lock away.
    pub fn in_background<T>(&self, f: impl FnOnce(&mut App) -> T) -> Option<T> {
        self.guard().as_mut().map(f)
    }
}
