//! The CST2021 XLSX opened by a real spreadsheet program: LibreOffice converts it headless to
//! CSV, and the headers and values (Polish letters, PESEL with its leading zero, dates as
//! dd.mm.yyyy) must come back as written.
//!
//! CI installs LibreOffice (scripts/test.sh); there, a missing `libreoffice`/`soffice` fails
//! the test. On a developer's machine without it the test says so and passes.

mod common;

use common::{fixture, parse_csv, row_where};
use kartoteka_reports::{export_cst2021, ColumnMap, Layout};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn find_libreoffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["libreoffice", "soffice"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Converts `file` to UTF-8 semicolon CSV (cells as shown) in `out_dir`; a fresh profile per
/// run so parallel runs never share LibreOffice's lock.
fn convert_to_csv(soffice: &Path, file: &Path, out_dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(soffice)
        .arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .arg("--convert-to")
        .arg("csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true")
        .arg("--outdir")
        .arg(out_dir)
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("LibreOffice starts");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            assert!(
                status.success(),
                "LibreOffice failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            break;
        }
        if started.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("LibreOffice did not finish the conversion in 180 s");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let csv = out_dir.join(file.with_extension("csv").file_name().unwrap());
    assert!(csv.exists(), "LibreOffice wrote no {}", csv.display());
    csv
}

#[test]
fn the_cst2021_xlsx_opens_in_libreoffice_with_the_expected_columns_and_values() {
    let Some(soffice) = find_libreoffice() else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "LibreOffice (libreoffice or soffice) is not on PATH: CI must install \
                 libreoffice-calc-nogui (scripts/test.sh) — this test checks that the XLSX opens"
            );
        }
        eprintln!("LibreOffice not installed: the XLSX round trip was not checked");
        return;
    };
    let f = fixture();
    let xlsx = f.dir.path().join("cst2021.xlsx");
    export_cst2021(&f.store, &f.project, Layout::Export, &xlsx).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let csv = convert_to_csv(&soffice, &xlsx, out_dir.path());
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).expect("UTF-8 CSV");
    let rows = parse_csv(&text, ';');

    assert_eq!(rows[0], ColumnMap::embedded().unwrap().headers());
    assert_eq!(rows.len(), 4, "header and three people: {rows:?}");

    let id = "Techniczny identyfikator uczestnika";
    let lucja = row_where(&rows, id, &f.complete);
    assert_eq!(lucja["Imię"], "Łucja");
    assert_eq!(lucja["Nazwisko"], "Wałęsa");
    assert_eq!(
        lucja["PESEL/Inny identyfikator"], "02270803624",
        "PESEL stays text with its leading zero"
    );
    assert_eq!(lucja["Płeć"], "Kobieta");
    assert_eq!(lucja["Wiek w chwili przystąpienia do projektu"], "23");
    assert_eq!(lucja["Miejscowość"], "Łódź");
    assert_eq!(lucja["Województwo"], "łódzkie");
    assert_eq!(lucja["Kod pocztowy"], "90-001");
    assert_eq!(lucja["Telefon kontaktowy"], "+48 601 234 567");
    assert_eq!(lucja["Data rozpoczęcia udziału w projekcie"], "02.03.2026");
    assert_eq!(lucja["Data zakończenia udziału w projekcie"], "30.10.2026");
    assert_eq!(
        lucja["Data rozpoczęcia udziału we wsparciu"],
        "16.03.2026|20.04.2026"
    );
    assert_eq!(
        lucja["Rodzaj przyznanego wsparcia"],
        "Terapia psychologiczna|Warsztaty dla rodziców; grupa \"Żak\""
    );
    assert_eq!(
        lucja["Wykształcenie"],
        "Ponadgimnazjalne (ISCED 3) lub policealne (ISCED 4)"
    );

    let olena = row_where(&rows, id, &f.refused);
    assert_eq!(
        olena["Obywatelstwo"],
        "Brak polskiego obywatelstwa lub UE – obywatel kraju spoza UE/ bezpaństwowiec"
    );
    assert_eq!(
        olena["Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności marginalizowane)"],
        "Odmowa podania informacji"
    );

    let grzegorz = row_where(&rows, id, &f.gaps);
    assert_eq!(grzegorz["Nazwisko"], "Brzęczyszczykiewicz");
    assert_eq!(grzegorz["Gmina"], "Chrząszczyrzewoszyce");
    assert_eq!(grzegorz["PESEL/Inny identyfikator"], "paszport ZX1234567");
}
