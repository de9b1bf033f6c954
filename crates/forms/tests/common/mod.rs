//! Shared fixtures of the document tests: an office, a project, a participant with every
//! Polish letter in her name and address, and helpers that read a PDF back with poppler.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, NaiveDate};
use kartoteka_domain::values::Answer;
use kartoteka_domain::Sex;
use kartoteka_forms::*;

pub const LOGO: &[u8] = include_bytes!("../fixtures/logo-strip.png");

pub const FULL_NAME: &str = "Łucja Żółkiewska-Wałęsa";
pub const PESEL: &str = "88051401247";

pub fn context() -> DocumentContext {
    DocumentContext {
        organisation: Organisation {
            name: "Miejski Ośrodek Pomocy Społecznej w Łodzi".into(),
            address_lines: vec![
                "ul. Piotrkowska 1, 90-001 Łódź".into(),
                "tel. 42 123 45 67, mops@lodz.example.pl".into(),
            ],
            logo_strip: Some(LogoStrip::new(LOGO.to_vec(), ImageFormat::Png)),
            controller: Some(Controller {
                name: "Gmina Miasto Łódź — Miejski Ośrodek Pomocy Społecznej w Łodzi".into(),
                address: "ul. Piotrkowska 1, 90-001 Łódź".into(),
                dpo_contact: "Jan Kowalski, iod@lodz.example.pl".into(),
            }),
        },
        project: Some(ProjectHeader {
            name: "Razem łatwiej — aktywizacja społeczna mieszkańców Łodzi".into(),
            agreement_number: "FELD.07.05-IZ.00-0001/26".into(),
            programme: "Fundusze Europejskie dla Łódzkiego 2021–2027".into(),
            eu_funded: true,
            eligibility: vec![
                "zamieszkuję na terenie Łodzi w rozumieniu Kodeksu cywilnego".into(),
                "jestem osobą zagrożoną ubóstwem lub wykluczeniem społecznym".into(),
            ],
            attachments: vec!["zaświadczenie z ośrodka pomocy społecznej".into()],
        }),
        generated_at: DateTime::parse_from_rfc3339("2026-11-07T10:30:00+01:00").unwrap(),
        place: Some("Łódź".into()),
        revision: kartoteka_forms::RENDERING_REVISION,
    }
}

pub fn address() -> AddressSheet {
    AddressSheet {
        country: "Polska".into(),
        voivodeship: "łódzkie".into(),
        county: "Łódź".into(),
        commune: "Łódź".into(),
        town: "Łódź".into(),
        street: "Źródlana".into(),
        building: "5".into(),
        flat: "12".into(),
        postcode: "90-001".into(),
        degurba: Some(1),
    }
}

pub fn participant() -> ParticipantSheet {
    ParticipantSheet {
        first_names: "Łucja".into(),
        surname: "Żółkiewska-Wałęsa".into(),
        sex: Sex::Female,
        pesel: Some(PESEL.into()),
        other_id: None,
        birth_date: NaiveDate::from_ymd_opt(1988, 5, 14).unwrap(),
        age_on_joining: Some(38),
        citizenship: "polskie".into(),
        education: Some("isced3".into()),
        address: address(),
        correspondence_address: None,
        phone: "601 234 567".into(),
        email: "lucja.zolkiewska@example.pl".into(),
        labour_status: Some("inactive".into()),
        labour_substatus: Some("not_in_education".into()),
        foreign_origin: Some(Answer::No),
        third_country_national: Some(Answer::No),
        minority: Some(Answer::Refused),
        homeless: Some(Answer::No),
        disability: Some(Answer::Yes),
        disability_degree: Some("moderate".into()),
        other_disadvantage: Some(Answer::No),
        accessibility_needs: "Duży druk materiałów, miejsce przy drzwiach.".into(),
        start_date: NaiveDate::from_ymd_opt(2026, 11, 3),
        target_group: "osoby zagrożone ubóstwem lub wykluczeniem społecznym".into(),
        signatory: None,
        guardian: None,
    }
}

pub fn person() -> PersonRef {
    PersonRef {
        full_name: FULL_NAME.into(),
        pesel: Some(PESEL.into()),
        signatory: None,
    }
}

pub fn minor() -> PersonRef {
    PersonRef {
        full_name: "Żaneta Ćwiek".into(),
        pesel: Some("15272305688".into()),
        signatory: Some("Grzegorz Ćwiek".into()),
    }
}

pub fn gdpr_template() -> ConsentTemplate {
    ConsentTemplate {
        title: "Klauzula informacyjna dla uczestników projektów EFS+".into(),
        version: "v3".into(),
        text:
            "Zgodnie z art. 13 i 14 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2016/679 \
(RODO) informujemy, że administratorem Pani/Pana danych osobowych jest Miejski Ośrodek Pomocy \
Społecznej w Łodzi oraz Instytucja Zarządzająca programem regionalnym.\n\n\
Dane osobowe przetwarzane są w celu realizacji projektu, w szczególności potwierdzenia \
kwalifikowalności, udzielenia wsparcia, monitoringu, ewaluacji, kontroli, audytu i \
sprawozdawczości.\n\n\
Podstawą przetwarzania jest obowiązek prawny ciążący na administratorze (art. 6 ust. 1 lit. c \
oraz art. 9 ust. 2 lit. g RODO).\n\n\
Odbiorcami danych mogą być instytucje kontrolne, podmioty realizujące badania ewaluacyjne oraz \
dostawcy usług informatycznych. Dane będą przechowywane do czasu zamknięcia programu i upływu \
okresu archiwizacji.\n\n\
Przysługuje Pani/Panu prawo dostępu do danych, ich sprostowania, ograniczenia przetwarzania \
oraz wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych (UODO).\n\n\
Zobowiązuję się przekazać informacje o mojej sytuacji po zakończeniu udziału w projekcie w \
ciągu 4 tygodni od jego zakończenia."
                .into(),
    }
}

pub fn image_template() -> ConsentTemplate {
    ConsentTemplate {
        title: "Zgoda na utrwalenie i rozpowszechnianie wizerunku".into(),
        version: "v2".into(),
        text: "Na podstawie art. 81 ust. 1 ustawy o prawie autorskim i prawach pokrewnych \
wyrażam zgodę na nieodpłatne utrwalenie i rozpowszechnianie mojego wizerunku (lub wizerunku \
mojego dziecka) na zdjęciach i nagraniach z zajęć projektu, w materiałach promocyjnych \
projektu i na stronie internetowej ośrodka.\n\n\
Zgoda jest dobrowolna i nie wpływa na udział w projekcie. Mogę ją wycofać w każdej chwili."
            .into(),
    }
}

pub fn attendance() -> AttendanceSheet {
    let names = [
        FULL_NAME,
        "Żaneta Ćwiek",
        "Józef Ślęzak",
        "Zdzisław Gęśla",
        "Ewa Łęcka",
    ];
    let rows = (0..40)
        .map(|i| AttendanceRow {
            date: NaiveDate::from_ymd_opt(2026, 11, 1 + (i % 28) as u32).unwrap(),
            participant: names[i % names.len()].to_string(),
            quantity: if i % 3 == 0 { "1,5".into() } else { "1".into() },
            attended: i % 7 != 3,
        })
        .collect();
    AttendanceSheet {
        service: "Terapia psychologiczna — sesje indywidualne".into(),
        unit: "godzina".into(),
        year: 2026,
        month: 11,
        specialist: "mgr Bożena Źrebięta".into(),
        rows,
        blank_rows: 3,
        participants: Vec::new(),
    }
}

pub fn record() -> PersonRecord {
    let a = address();
    PersonRecord {
        full_name: FULL_NAME.into(),
        blocks: vec![
            RecordBlock::Fields {
                title: "Dane osobowe".into(),
                fields: vec![
                    ("Imię".into(), "Łucja".into()),
                    ("Nazwisko".into(), "Żółkiewska-Wałęsa".into()),
                    ("PESEL".into(), PESEL.into()),
                    ("Data urodzenia".into(), "14.05.1988".into()),
                    ("Adres zamieszkania".into(), a.one_line()),
                    ("Telefon".into(), "601 234 567".into()),
                    ("Adres e-mail".into(), String::new()),
                    (
                        "Uwagi".into(),
                        "Kontakt najlepiej po godzinie 15:00. ".repeat(6),
                    ),
                ],
            },
            RecordBlock::Table {
                title: "Udział w projektach".into(),
                columns: vec![
                    "Projekt".into(),
                    "Od".into(),
                    "Do".into(),
                    "Grupa docelowa".into(),
                ],
                rows: vec![vec![
                    "Razem łatwiej".into(),
                    "03.11.2026".into(),
                    String::new(),
                    "osoby zagrożone wykluczeniem".into(),
                ]],
            },
            RecordBlock::Table {
                title: "Zgody".into(),
                columns: vec![
                    "Treść".into(),
                    "Wersja".into(),
                    "Udzielona".into(),
                    "Wycofana".into(),
                    "Przez".into(),
                ],
                rows: vec![
                    vec![
                        "Klauzula RODO".into(),
                        "v3".into(),
                        "03.11.2026".into(),
                        String::new(),
                        "osobiście".into(),
                    ],
                    vec![
                        "Wizerunek".into(),
                        "v2".into(),
                        "03.11.2026".into(),
                        "05.11.2026".into(),
                        "osobiście".into(),
                    ],
                ],
            },
            RecordBlock::Table {
                title: "Historia zmian (dziennik zdarzeń)".into(),
                columns: vec![
                    "Kiedy".into(),
                    "Kto".into(),
                    "Czynność".into(),
                    "Pola".into(),
                ],
                rows: (0..60)
                    .map(|i| {
                        vec![
                            format!("{:02}.11.2026 10:{:02}", 1 + i % 28, i % 60),
                            "Agnieszka Wójcik".into(),
                            if i == 0 { "utworzenie" } else { "zmiana" }.into(),
                            "telefon, adres e-mail".into(),
                        ]
                    })
                    .collect(),
            },
        ],
    }
}

pub fn recovery_key() -> RecoveryKeySheet {
    RecoveryKeySheet {
        key: "K7QMX-2XPAB-94FDH-Z3RWN-8CT6L-BYE5J-VAUSM-QRSTU".into(),
        data_folder: "C:\\Users\\Biuro\\AppData\\Roaming\\pl.kartoteka\\dane".into(),
    }
}

/// Writes `bytes` to a file named `name` in `dir` and returns its path. With
/// `KARTOTEKA_FORMS_KEEP=/some/folder` set, a copy is kept there to look at.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    if let Ok(keep) = std::env::var("KARTOTEKA_FORMS_KEEP") {
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::write(Path::new(&keep).join(name), bytes).unwrap();
    }
    path
}

/// Runs a poppler tool and returns its standard output.
pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} could not run (install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text of a PDF, laid out as on the page.
pub fn text_of(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout"], pdf)
}

/// One word of `pdftotext -bbox` output: its text, page (from 1) and box in points from
/// the top of the page.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub page: usize,
    pub x_max: f32,
    pub y_min: f32,
    pub y_max: f32,
}

/// Every word of a PDF with its position.
pub fn words_of(pdf: &Path) -> Vec<Word> {
    let html = poppler("pdftotext", &["-bbox"], pdf);
    let mut words = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let attr = |name: &str| -> f32 {
                let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                let end = start + rest[start..].find('"').unwrap();
                rest[start..end].parse().unwrap()
            };
            let open = rest.find('>').unwrap();
            let close = rest.rfind("</word>").unwrap();
            words.push(Word {
                text: unescape(&rest[open + 1..close]),
                page,
                x_max: attr("xMax"),
                y_min: attr("yMin"),
                y_max: attr("yMax"),
            });
        }
    }
    words
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The number of pages, from `pdfinfo`.
pub fn pages_of(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[], pdf);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .unwrap()
}

/// Checks what every document must have: embedded subset fonts, page numbers on every
/// page, the title in the metadata, and the same bytes when rendered again.
pub fn assert_well_formed(pdf: &Path, title: &str) {
    let fonts = poppler("pdffonts", &[], pdf);
    let font_lines: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!font_lines.is_empty(), "no fonts:\n{fonts}");
    for line in font_lines {
        assert!(
            line.contains("yes yes yes"),
            "font not embedded as a subset with a Unicode map: {line}"
        );
        assert!(
            line.split_whitespace().next().unwrap().contains('+'),
            "no subset tag: {line}"
        );
    }
    let text = text_of(pdf);
    let pages = pages_of(pdf);
    for page in 1..=pages {
        assert!(
            text.contains(&format!("strona {page} z {pages}")),
            "page {page} has no number"
        );
    }
    let info = poppler("pdfinfo", &["-isodates"], pdf);
    assert!(
        info.contains(&format!("Title:           {title}")),
        "{info}"
    );
    assert!(info.contains("Author:          Kartoteka"), "{info}");
    assert!(
        info.contains("CreationDate:    2026-11-07T09:30:00Z"),
        "{info}"
    );
    assert!(
        info.contains("ModDate:         2026-11-07T09:30:00Z"),
        "{info}"
    );
    assert!(
        !info.contains("PDF/X"),
        "the file claims to be PDF/X: {info}"
    );
}

/// Every body word lies above the bottom margin (only the footer goes below it) and no
/// word runs past the right margin.
pub fn assert_nothing_below_the_margin(pdf: &Path) {
    use kartoteka_forms::layout::flow::{BODY_BOTTOM, MARGIN_RIGHT};
    use kartoteka_forms::layout::page::PAGE_WIDTH;
    let bottom = BODY_BOTTOM;
    for word in words_of(pdf) {
        assert!(
            word.x_max <= PAGE_WIDTH - MARGIN_RIGHT + 0.5,
            "word {:?} on page {} runs past the right margin",
            word.text,
            word.page
        );
        let in_footer = word.y_min > bottom;
        assert!(
            word.y_max <= bottom + 0.5 || in_footer,
            "word {:?} on page {} crosses the bottom margin ({} > {bottom})",
            word.text,
            word.page,
            word.y_max
        );
    }
}

pub fn plan() -> PlanSheet {
    use kartoteka_domain::plan::LifeArea;
    let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    PlanSheet {
        kind: kartoteka_domain::plan::PlanKind::SupportPlan,
        team: Vec::new(),
        worker_obligations: String::new(),
        family: Vec::new(),
        initial_assessment: String::new(),
        person: person(),
        worker: "Agnieszka Wójcik".into(),
        start_date: d(2, 1),
        end_date: d(12, 31),
        version: 2,
        status: "podpisany".into(),
        draft: false,
        amendment: Some(PlanAmendment {
            number: 1,
            plan_date: d(2, 5),
        }),
        problem_situation: "Od dwóch lat bez pracy, samotnie wychowuje dwoje dzieci; zadłużenie \
                            czynszowe, obniżony nastrój."
            .into(),
        strengths: "Motywacja do zmiany, dobre relacje z dziećmi.".into(),
        needs: "Wsparcie psychologiczne, doradztwo zawodowe.".into(),
        areas: vec![
            AreaScore {
                area: LifeArea::Family,
                score: Some(4),
                comment: "relacje z dziećmi dobre".into(),
            },
            AreaScore {
                area: LifeArea::Finances,
                score: Some(1),
                comment: "zaległości czynszowe".into(),
            },
        ],
        goals: vec![
            PlanGoal {
                title: "Poprawa samopoczucia psychicznego".into(),
                measure: "Udział w co najmniej 80% sesji".into(),
                target_date: Some(d(6, 30)),
                status: "w realizacji".into(),
                services: vec![
                    PlanServiceRow {
                        service: "Terapia psychologiczna".into(),
                        quantity: "10 godz.".into(),
                        specialist: "mgr Bożena Źrebięta".into(),
                        start_date: Some(d(2, 1)),
                        end_date: Some(d(6, 30)),
                        frequency: "raz w tygodniu".into(),
                    },
                    PlanServiceRow {
                        service: "Interwencja kryzysowa".into(),
                        quantity: "2,5 godz.".into(),
                        specialist: "mgr Bożena Źrebięta".into(),
                        start_date: None,
                        end_date: None,
                        frequency: "w razie potrzeby".into(),
                    },
                ],
            },
            PlanGoal {
                title: "Podjęcie zatrudnienia".into(),
                measure: "Umowa o pracę lub staż".into(),
                target_date: Some(d(12, 31)),
                status: "nierozpoczęty".into(),
                services: vec![PlanServiceRow {
                    service: "Pośrednictwo pracy i doradztwo zawodowe".into(),
                    quantity: "6 godz.".into(),
                    specialist: "Jan Kowalski".into(),
                    start_date: None,
                    end_date: None,
                    frequency: "dwa razy w miesiącu".into(),
                }],
            },
        ],
        commitments: "Regularny udział w sesjach, informowanie o zmianach sytuacji.".into(),
        reviews: vec![PlanReviewRow {
            date: d(5, 30),
            changes: "Nastrój się poprawił, podjęła kurs zawodowy.".into(),
            goals: "Cel 1: w realizacji — regularny udział".into(),
            worker: "Agnieszka Wójcik".into(),
        }],
        closing: None,
        signing: Some(PlanSigningSheet {
            participant_signed_on: d(6, 10),
            worker_signed_on: d(6, 10),
        }),
    }
}
