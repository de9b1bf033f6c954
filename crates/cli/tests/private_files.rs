//! Files that hold personal data are the user's alone (issue 15, item 6): every file the CLI
//! writes with people's data in it is 0600, and every folder it makes for them is 0700 — also
//! a file written over one that was readable by everyone, which the process's umask alone
//! (`kartoteka_api::process`) would leave as it was.

#![cfg(unix)]

mod common;
use common::*;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn assert_private_file(path: &Path) {
    assert_eq!(mode(path), 0o600, "{} should be 0600", path.display());
}

fn assert_private_dir(path: &Path) {
    assert_eq!(mode(path), 0o700, "{} should be 0700", path.display());
}

#[test]
fn documents_exports_reports_and_backups_are_readable_by_the_user_alone() {
    let root = tempfile::tempdir().unwrap();
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = root.path().join("dane");
    let out = run(&dir, &["init"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_private_dir(&dir);
    let project = id(&ok(
        &dir,
        &["project", "add", "--json", "-"],
        Some(r#"{"name": "Razem łatwiej", "start_date": "2026-01-01", "end_date": "2027-12-31"}"#),
    ));
    let person = id(&ok(
        &dir,
        &["participant", "add", "--json", "-"],
        Some(r#"{"first_name": "Łucja", "last_name": "Wałęsa", "pesel": "02270803624"}"#),
    ));
    ok(
        &dir,
        &[
            "enrolment",
            "add",
            "--participant",
            &person,
            "--project",
            &project,
            "--json",
            "-",
        ],
        Some(r#"{"start_date": "2026-02-01"}"#),
    );

    // A printed form, into folders that do not exist yet.
    let form = root.path().join("wydruki/luty/deklaracja.pdf");
    let print_form = || {
        ok(
            &dir,
            &[
                "form",
                "enrolment",
                "--participant",
                &person,
                "--out",
                form.to_str().unwrap(),
            ],
            None,
        )
    };
    print_form();
    assert_private_file(&form);
    assert_private_dir(&root.path().join("wydruki"));
    assert_private_dir(&root.path().join("wydruki/luty"));
    std::fs::set_permissions(&form, std::fs::Permissions::from_mode(0o644)).unwrap();
    print_form();
    assert_private_file(&form);

    // A person's full record (art. 15 RODO): JSON and PDF, into a new folder.
    let export = root.path().join("rodo");
    let files = ok(
        &dir,
        &[
            "gdpr",
            "export",
            "--participant",
            &person,
            "--out",
            export.to_str().unwrap(),
        ],
        None,
    );
    assert_private_dir(&export);
    let files = files["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    for file in files {
        assert_private_file(Path::new(file.as_str().unwrap()));
    }

    // A report for Excel, replacing a file that was readable by everyone.
    let csv = root.path().join("uczestnicy.csv");
    std::fs::write(&csv, "stary").unwrap();
    std::fs::set_permissions(&csv, std::fs::Permissions::from_mode(0o644)).unwrap();
    ok(
        &dir,
        &[
            "report",
            "csv",
            "participants",
            "--out",
            csv.to_str().unwrap(),
        ],
        None,
    );
    assert_private_file(&csv);

    // Backups: the store's own folder, and one for another computer with its key slots.
    let backup = ok(&dir, &["backup", "create"], None);
    assert_private_file(Path::new(backup["file"].as_str().unwrap()));
    assert_private_dir(&dir.join("backups"));
    let usb = root.path().join("pendrive");
    let moved = ok(
        &dir,
        &[
            "backup",
            "create",
            "--for-another-computer",
            "--to",
            usb.to_str().unwrap(),
        ],
        None,
    );
    let file = moved["file"].as_str().unwrap();
    assert_private_file(Path::new(file));
    assert_private_file(Path::new(&format!("{file}.keys.json")));
    assert_private_dir(&usb);
}
