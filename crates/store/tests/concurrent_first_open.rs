//! The first connections of a process, opened on several threads at once, all get their key.
//!
//! SQLite marks itself initialised before SQLCipher's own start-up has finished, so a thread
//! that opened a connection in that window had its `PRAGMA key` refused ("An error occurred
//! with PRAGMA key…"): seen now and then when tests, or the window's backup and sync threads,
//! opened stores together at start. This binary holds only this test, so its threads are the
//! process's first connections.

mod common;

use kartoteka_store::Store;
use std::sync::{Arc, Barrier};

#[test]
fn stores_created_on_many_threads_at_start_all_open() {
    const THREADS: usize = 12;
    let barrier = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let dir = tempfile::tempdir().unwrap();
                barrier.wait();
                let created = Store::init(
                    dir.path(),
                    "Anna Pracownik",
                    common::PASSWORD,
                    common::options(),
                )
                .map_err(|e| e.to_string())?;
                created
                    .store
                    .count_rows("participants")
                    .map_err(|e| e.to_string())
            })
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().unwrap(), Ok(0));
    }
}
