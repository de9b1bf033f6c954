//! What both front ends do first, before any personal data is in memory.

/// Makes this process safe to hold personal data, before any is read:
/// - files it creates are private to the user (umask 077: documents, reports, GDPR exports,
///   backups and bundles are 0600, folders 0700), on every Unix;
/// - core dumps are off (Linux): a crash must not leave the decrypted registry, the database
///   key or a typed password in a core file or a crash collector. On Windows files are
///   created in the user's own folders with the permissions they inherit, and no dump is
///   written unless the user set one up.
pub fn protect_process() {
    #[cfg(unix)]
    // SAFETY: umask only sets this process's file-creation mask.
    unsafe {
        libc::umask(0o077);
    }
    #[cfg(target_os = "linux")]
    {
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: plain system calls on this process with valid arguments; failures (a
        // sandbox that refuses them) leave the process as it was and are not fatal.
        unsafe {
            libc::setrlimit(libc::RLIMIT_CORE, &none);
            libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn after_the_call_the_process_can_leave_no_core_dump() {
        super::protect_process();
        let mut limit = libc::rlimit {
            rlim_cur: 1,
            rlim_max: 1,
        };
        // SAFETY: reading this process's own limits and flag.
        let (dumpable, got) = unsafe {
            (
                libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0),
                libc::getrlimit(libc::RLIMIT_CORE, &mut limit),
            )
        };
        assert_eq!(got, 0);
        assert_eq!((limit.rlim_cur, limit.rlim_max), (0, 0));
        assert_eq!(dumpable, 0);
    }
}
