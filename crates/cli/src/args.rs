//! The command-line grammar.

use crate::io::JsonArg;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "kartoteka",
    version,
    about = "Kartoteka — kartoteka uczestników projektów pomocy społecznej (wiersz poleceń)",
    long_about = None
)]
pub struct Cli {
    /// Folder z danymi (domyślnie KARTOTEKA_DATA_DIR albo folder danych aplikacji systemu).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Tworzy nową, zaszyfrowaną kartotekę w folderze danych.
    Init {
        /// Nazwa pracownika, który będzie się logował tym hasłem.
        #[arg(long, default_value = "administrator")]
        worker: String,
    },
    /// Uczestnicy: dodawanie, zmiany, wyszukiwanie, archiwizacja.
    #[command(subcommand)]
    Participant(ParticipantCommand),
    /// Projekty.
    #[command(subcommand)]
    Project(ProjectCommand),
    /// Udział uczestników w projektach.
    #[command(subcommand)]
    Enrolment(EnrolmentCommand),
    /// Rekrutacja: nabory projektu, ich kryteria, lista rankingowa i zamknięcie.
    #[command(subcommand)]
    Recruitment(crate::recruitment_cmd::RecruitmentCommand),
    /// Kandydaci w naborach: zgłoszenia i rezygnacje.
    #[command(subcommand)]
    Candidate(crate::recruitment_cmd::CandidateCommand),
    /// Grupy zajęć w projekcie: członkowie, dołączanie i odejścia.
    #[command(subcommand)]
    Group(crate::group_cmd::GroupCommand),
    /// Zajęcia grupowe: obecność i realizacja usługi.
    #[command(subcommand)]
    Session(crate::group_cmd::SessionCommand),
    /// Wydarzenia społeczności lokalnej (OSL, wycieczki, imprezy otwarte).
    #[command(subcommand)]
    Event(crate::group_cmd::EventCommand),
    /// Dziennik zdarzeń (audyt).
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Zmienia hasło (nowe z KARTOTEKA_NEW_PASSWORD albo z pytania w terminalu); z kluczem
    /// odzyskiwania ustawia nowe hasło, gdy stare zostało zapomniane.
    Passwd {
        /// Klucz odzyskiwania (albo zmienna KARTOTEKA_RECOVERY_KEY) — zamiast starego hasła.
        #[arg(long, env = "KARTOTEKA_RECOVERY_KEY", hide_env_values = true)]
        recovery_key: Option<String>,
        /// Pracownik, którego hasło ustawić kluczem odzyskiwania (domyślnie jedyny pracownik).
        #[arg(long)]
        worker: Option<String>,
    },
    /// Otwiera sesję dla skryptów: wypisuje {"session", "expires_at"}; z KARTOTEKA_SESSION
    /// kolejne polecenia nie pytają o hasło, aż sesja wygaśnie.
    Unlock {
        /// Ile minut ma trwać sesja (1–720).
        #[arg(long, default_value_t = 30)]
        minutes: u32,
    },
    /// Kończy od razu wszystkie sesje tej kartoteki.
    Lock,
    /// Pracownicy, którzy mogą otwierać tę kartotekę.
    #[command(subcommand)]
    Worker(WorkerCommand),
    /// Kopie zapasowe (zaszyfrowane).
    #[command(subcommand)]
    Backup(BackupCommand),
    /// Sprawdza spójność pliku kartoteki.
    Check,
    /// Zgody: treści (z wersjami) i zgody uczestników.
    #[command(subcommand)]
    Consent(ConsentCommand),
    /// Dokumenty do druku (PDF): formularze wypełnione danymi albo puste.
    #[command(subcommand)]
    Form(FormCommand),
    /// Klucz odzyskiwania: nowy klucz wydrukowany do PDF (poprzedni przestaje działać).
    #[command(subcommand)]
    RecoveryKey(RecoveryKeyCommand),
    /// Dane organizacji drukowane na dokumentach; JSON: {name, address_lines, place,
    /// logo_strip_file, controller_name, controller_address, dpo_contact}.
    Organisation {
        #[arg(long, value_name = "FILE|-")]
        json: Option<String>,
    },
    /// RODO: pełny zapis danych osoby, anonimizacja po okresie przechowywania.
    #[command(subcommand)]
    Gdpr(GdprCommand),
    /// Synchronizacja z innymi komputerami organizacji przez zaszyfrowane pakiety (.kbundle).
    #[command(subcommand)]
    Sync(crate::sync_cmd::SyncCommand),
    /// Raporty: dane uczestników do SM EFS (CST2021), zestawienia CSV dla Excela.
    #[command(subcommand)]
    Report(crate::report_cmd::ReportCommand),
    /// Dane syntetyczne (fikcyjne osoby z rodzinami, projektami i udziałami) do pokazów i
    /// pomiarów; tworzy kartotekę (hasło z KARTOTEKA_PASSWORD), jeśli jej nie ma.
    Seed {
        /// Liczba uczestników.
        #[arg(long)]
        participants: usize,
        /// Ziarno generatora: to samo ziarno daje te same dane.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Dane demonstracyjne: 50 fikcyjnych osób w projektach „DEMO – …” (tylko do pustej
    /// kartoteki bez synchronizacji) i ich usunięcie jednym krokiem.
    #[command(subcommand)]
    Demo(DemoCommand),
    /// Pomiary wydajności na danych syntetycznych (10 tys., 100 tys., 1 mln osób): tabela i JSON.
    Bench {
        /// Tylko jeden rozmiar kartoteki (domyślnie 10 000, 100 000 i 1 000 000).
        #[arg(long)]
        participants: Option<usize>,
        /// Plik JSON z wynikami.
        #[arg(long, value_name = "FILE.json", default_value = "bench-results.json")]
        out: PathBuf,
    },
    /// Katalog usług (jednostki: godzina, sesja, wizyta…).
    #[command(subcommand)]
    Service(crate::plan_cmd::ServiceCommand),
    /// Indywidualne plany wsparcia: szkic, podpis, aneksy, przeglądy, zamknięcie.
    #[command(subcommand)]
    Plan(crate::plan_cmd::PlanCommand),
    /// Realizacja usług z planu (dziennik realizacji).
    #[command(subcommand)]
    Delivery(crate::plan_cmd::DeliveryCommand),
    /// Notatki z kontaktów (wizyta domowa, telefon, biuro).
    #[command(subcommand)]
    Note(crate::plan_cmd::NoteCommand),
    /// Oś czasu uczestnika: notatki, realizacje, przeglądy planu, zgody (od najnowszych).
    Timeline {
        #[arg(long)]
        participant: String,
    },
}

#[derive(Subcommand)]
pub enum GdprCommand {
    /// Zapisuje pełny zapis danych osoby (JSON) w folderze DIR.
    Export {
        #[arg(long)]
        participant: String,
        #[arg(long, value_name = "DIR")]
        out: std::path::PathBuf,
    },
    /// Anonimizuje osoby, których wszystkie projekty minęły datę przechowywania dokumentów.
    #[command(group(clap::ArgGroup::new("mode").required(true).args(["dry_run", "apply"])))]
    Anonymise {
        /// Tylko pokaż, kogo dotyczy (nic nie zmienia).
        #[arg(long)]
        dry_run: bool,
        /// Wykonaj anonimizację.
        #[arg(long)]
        apply: bool,
    },
}

#[derive(Subcommand)]
pub enum WorkerCommand {
    /// Dodaje pracownika z własnym hasłem (hasło nowego pracownika: KARTOTEKA_NEW_PASSWORD).
    Add { name: String },
    /// Lista pracowników.
    List,
    /// Odbiera pracownikowi dostęp: jego hasło przestaje działać, a baza dostaje nowy klucz
    /// (stara kopia pliku kluczy niczego już nie otwiera). Kończy wszystkie sesje (unlock).
    Remove { name: String },
}

#[derive(Subcommand)]
pub enum BackupCommand {
    /// Tworzy zaszyfrowaną kopię w folderze DIR (domyślnie backups/ w folderze danych).
    Create {
        #[arg(long, value_name = "DIR")]
        to: Option<std::path::PathBuf>,
        /// Kopia do przeniesienia na inny komputer: obok niej plik kluczy (.kbak.keys.json).
        #[arg(long)]
        for_another_computer: bool,
    },
    /// Przywraca kartotekę z kopii (najpierw ją sprawdza; poprzedni plik zostaje obok).
    Restore { file: std::path::PathBuf },
    /// Lista kopii w folderze DIR (domyślnie backups/ w folderze danych).
    List {
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum ParticipantCommand {
    /// Dodaje uczestnika; wypisuje {"id": "..."}.
    Add {
        #[command(flatten)]
        json: JsonArg,
        /// Zapisz mimo podobieństwa do istniejącej osoby (to na pewno inna osoba).
        #[arg(long)]
        confirm_duplicate: bool,
    },
    /// Zmienia podane pola uczestnika (pozostałe zostają bez zmian).
    Update {
        id: String,
        #[command(flatten)]
        json: JsonArg,
        #[arg(long)]
        confirm_duplicate: bool,
    },
    /// Pokazuje dane uczestnika jako JSON.
    Show { id: String },
    /// Wyszukuje po nazwisku, imieniu, PESEL, miejscowości, ulicy, telefonie (bez polskich znaków też).
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Uwzględnij osoby zarchiwizowane.
        #[arg(long)]
        archived: bool,
    },
    /// Lista uczestników w kolejności nazwisk.
    List {
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        archived: bool,
    },
    /// Archiwizuje uczestnika (dane i historia zostają).
    Archive { id: String },
    /// Przywraca zarchiwizowanego uczestnika.
    Restore { id: String },
    /// Zapisuje powiązanie rodzinne: RELATED jest KIND dla ID (np. --kind parent: rodzic).
    Relate {
        id: String,
        #[arg(long)]
        related: String,
        /// parent, legal_guardian, foster_parent, child, spouse, sibling, other
        #[arg(long)]
        kind: String,
    },
    /// Osoby powiązane z uczestnikiem.
    Family { id: String },
}

#[derive(Subcommand)]
pub enum ProjectCommand {
    /// Dodaje projekt; wypisuje {"id": "..."}.
    Add {
        #[command(flatten)]
        json: JsonArg,
    },
    /// Zmienia projekt (wszystkie pola jak przy dodawaniu); okres musi obejmować przystąpienia
    /// uczestników; wypisuje projekt.
    Update {
        id: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Lista projektów z liczbą uczestników.
    List,
    /// Projekt i jego uczestnicy.
    Show { id: String },
}

#[derive(Subcommand)]
pub enum EnrolmentCommand {
    /// Zapisuje uczestnika do projektu; wypisuje {"id": "..."}.
    Add {
        #[arg(long)]
        participant: String,
        #[arg(long)]
        project: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Kończy udział: data, sytuacja po zakończeniu, czy zgodnie z planem.
    End {
        id: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Poprawia dane przystąpienia (data, grupa, status i „w tym”, planowana data zakończenia
    /// edukacji); wypisuje udział.
    Update {
        id: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Zapisuje oświadczenie o sytuacji po zakończeniu udziału (do 4 tygodni):
    /// {exit_situation, statement_date}; wypisuje udział.
    ExitStatement {
        id: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Pokazuje udział jako JSON.
    Show { id: String },
    /// Udziały jednego uczestnika.
    List {
        #[arg(long)]
        participant: String,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Sprawdza łańcuch skrótów dziennika; kod 1, gdy ktoś zmienił lub usunął wpis.
    Verify,
    /// Ostatnie zdarzenia (wszystkie albo jednego rekordu).
    List {
        #[arg(long)]
        record: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

#[derive(Subcommand)]
pub enum ConsentCommand {
    /// Dodaje treść zgody (albo — z --template — jej nową wersję); JSON: {kind, title, text}.
    Text {
        /// Projekt, którego dotyczy treść (bez niego: treść całej organizacji).
        #[arg(long)]
        project: Option<String>,
        /// Szablon, którego nową wersję dodać.
        #[arg(long)]
        template: Option<String>,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Treści zgód (wszystkie wersje) dla projektu i organizacji.
    Texts {
        #[arg(long)]
        project: Option<String>,
    },
    /// Zapisuje zgodę uczestnika na wersję treści; JSON (opcjonalny): {given_on, guardian_id}.
    Give {
        #[arg(long)]
        participant: String,
        /// Wersja treści (id z „consent texts”).
        #[arg(long)]
        text: String,
        /// Plik JSON albo „-”; bez niego: zgoda wyrażona dziś przez samego uczestnika.
        #[arg(long, value_name = "FILE|-")]
        json: Option<String>,
    },
    /// Wycofuje zgodę (historia zostaje); JSON (opcjonalny): {withdrawn_on}.
    Withdraw {
        id: String,
        #[arg(long, value_name = "FILE|-")]
        json: Option<String>,
    },
    /// Zgody uczestnika, także wycofane.
    List {
        #[arg(long)]
        participant: String,
    },
}

#[derive(Args, Clone)]
pub struct FormArgs {
    /// Uczestnik, którego dane wpisać.
    #[arg(long, conflicts_with = "blank", required_unless_present = "blank")]
    pub participant: Option<String>,
    /// Pusty formularz do wypełnienia odręcznie.
    #[arg(long)]
    pub blank: bool,
    /// Projekt w nagłówku (domyślnie projekt, w którym uczestnik jest zapisany).
    #[arg(long)]
    pub project: Option<String>,
    /// Plik PDF do zapisania.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: std::path::PathBuf,
}

#[derive(Args, Clone)]
pub struct ConsentFormArgs {
    #[command(flatten)]
    pub form: FormArgs,
    /// Treść zgody rodzaju „other”: identyfikator wersji albo treści (najnowsza wersja), z listy
    /// `consent texts`.
    #[arg(long)]
    pub text: String,
}

#[derive(Args, Clone)]
pub struct RoundFormArgs {
    /// Nabór.
    #[arg(long)]
    pub recruitment: String,
    /// Plik PDF do zapisania.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: std::path::PathBuf,
}

#[derive(Args, Clone)]
pub struct PlanFormArgs {
    /// Uczestnik: drukowany jest jego bieżący plan w projekcie (podpisany, a bez niego
    /// najnowszy szkic).
    #[arg(
        long,
        conflicts_with = "blank",
        required_unless_present_any = ["blank", "plan"]
    )]
    pub participant: Option<String>,
    /// Konkretna wersja planu (id z `plan list`).
    #[arg(long, conflicts_with = "blank")]
    pub plan: Option<String>,
    /// Pusty formularz planu do wypełnienia odręcznie (wizyta w terenie).
    #[arg(long)]
    pub blank: bool,
    /// Projekt, w którym szukać planu uczestnika (i nagłówek pustego formularza).
    #[arg(long)]
    pub project: Option<String>,
    /// Plik PDF do zapisania.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: std::path::PathBuf,
}

#[derive(Args, Clone)]
pub struct AttendanceArgs {
    /// Projekt w nagłówku; z usługą z katalogu — projekt, z którego dziennika realizacji
    /// powstaje lista.
    #[arg(long)]
    pub project: Option<String>,
    /// Usługa: kod lub id z katalogu (lista uczestników z planem tej usługi i realizacje w
    /// miesiącu, wymaga --project) albo nazwa, np. „terapia psychologiczna” (lista do
    /// wypełnienia odręcznie).
    #[arg(long, value_name = "CODE|ID|NAZWA", required_unless_present = "group")]
    pub service: Option<String>,
    /// Miesiąc RRRR-MM (z --group: wszystkie zajęcia grupy w tym miesiącu).
    #[arg(long, required_unless_present = "group")]
    pub month: Option<String>,
    /// Grupa: lista obecności jej zajęć (bez --session i --month: pusta lista na następne
    /// zajęcia z obecnymi członkami).
    #[arg(long, conflicts_with = "service")]
    pub group: Option<String>,
    /// Jedne zapisane zajęcia grupy.
    #[arg(long, requires = "group", conflicts_with = "month")]
    pub session: Option<String>,
    /// Jednostka usługi, np. „godzina”.
    #[arg(long, default_value = "godzina")]
    pub unit: String,
    /// Specjalista prowadzący.
    #[arg(long, default_value = "")]
    pub specialist: String,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: std::path::PathBuf,
    /// Przyjmowane dla zgodności z innymi dokumentami (lista jest zawsze do wypełnienia).
    #[arg(long)]
    pub blank: bool,
}

#[derive(Subcommand)]
pub enum FormCommand {
    /// Formularz zgłoszeniowy.
    Enrolment(FormArgs),
    /// Deklaracja uczestnictwa.
    Declaration(FormArgs),
    /// Oświadczenie uczestnika (klauzula informacyjna RODO) — z aktualnej wersji treści.
    DataStatement(FormArgs),
    /// Zgoda na wykorzystanie wizerunku — z aktualnej wersji treści.
    ImageConsent(FormArgs),
    /// Inna zgoda projektu (treść rodzaju „other”, np. zgoda na kontakt telefoniczny), pod
    /// tytułem swojej treści.
    Consent(ConsentFormArgs),
    /// Indywidualny plan wsparcia (z aneksem, przeglądami i oceną końcową) albo pusty formularz.
    Plan(PlanFormArgs),
    /// Lista obecności / karta realizacji usługi na miesiąc.
    Attendance(AttendanceArgs),
    /// Pełny zapis danych jednej osoby (wniosek RODO o dostęp).
    Record(FormArgs),
    /// Oświadczenie o sytuacji po zakończeniu udziału w projekcie (do 4 tygodni), z
    /// zaznaczoną sytuacją, gdy jest zapisana; z --blank pusty formularz.
    ExitStatement(FormArgs),
    /// Protokół z rekrutacji (numery zgłoszeń, inicjały, punkty, decyzje, podpisy komisji).
    RecruitmentProtocol(RoundFormArgs),
    /// Lista rankingowa do wywieszenia (tylko numery zgłoszeń, bez danych osobowych).
    RecruitmentResults(RoundFormArgs),
    /// List do kandydata z wynikiem rekrutacji (z adresem do wysyłki).
    RecruitmentLetter {
        #[arg(long)]
        candidate: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: std::path::PathBuf,
    },
    /// Ten sam dokument dla wszystkich uczestników projektu: do folderu (plik na osobę) albo
    /// do jednego pliku PDF (gdy --out kończy się na .pdf).
    Batch {
        /// enrolment, declaration, data-statement, image-consent, plan, record, exit-statement
        kind: String,
        #[arg(long)]
        project: String,
        /// Folder (plik na osobę) albo plik .pdf (wszystkie dokumenty w jednym pliku).
        #[arg(long, value_name = "DIR|FILE.pdf")]
        out: std::path::PathBuf,
    },
    /// Odtwarza zapisany dokument bajt w bajt (sprawdza skrót SHA-256).
    Regenerate {
        id: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: std::path::PathBuf,
    },
    /// Historia wygenerowanych dokumentów.
    List {
        #[arg(long)]
        participant: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
}

#[derive(Subcommand)]
pub enum RecoveryKeyCommand {
    /// Tworzy nowy klucz odzyskiwania i zapisuje go do PDF (do sejfu); poprzedni przestaje działać.
    Print {
        #[arg(long, value_name = "FILE.pdf")]
        out: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
pub enum DemoCommand {
    /// Dodaje dane demonstracyjne.
    Add,
    /// Usuwa dane demonstracyjne i wszystko, co do nich dopisano.
    Remove,
}
