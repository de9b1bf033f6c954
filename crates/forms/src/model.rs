//! What the documents are made from: plain view models the store or the command line fills.
//!
//! Invariants: these structs hold text ready to print (names, addresses, numbers) and only a
//! few typed values the layout needs to choose a check box (`Sex`, `Answer`, dates, codes of
//! the closed lists in `kartoteka_domain::values`). They carry no ids and no rules; a blank
//! form is the absence of a model (`None`), never a model of empty strings.

use chrono::{DateTime, FixedOffset, NaiveDate};
use kartoteka_domain::plan::{LifeArea, PlanKind};
use kartoteka_domain::values::Answer;
use kartoteka_domain::Sex;

pub use crate::logo::{ImageFormat, LogoStrip};

/// The organisation and project a document is printed for, and when.
#[derive(Debug, Clone)]
pub struct DocumentContext {
    pub organisation: Organisation,
    /// The project the document concerns, if any: printed under the organisation.
    pub project: Option<ProjectHeader>,
    /// When the document is generated (local time of the office). Goes into the PDF's
    /// metadata and onto documents that print their date; never read from the clock here.
    pub generated_at: DateTime<FixedOffset>,
    /// The town printed before "miejscowość, data" under signature lines, if known.
    pub place: Option<String>,
    /// The rendering revision the document is laid out as (`crate::RENDERING_REVISION` for a
    /// new one; a stored snapshot's own, so it regenerates as it was printed).
    pub revision: u32,
}

/// The organisation's letterhead.
#[derive(Debug, Clone)]
pub struct Organisation {
    pub name: String,
    /// Address and contact lines, printed as given.
    pub address_lines: Vec<String>,
    /// The strip of logos EU projects print at the top of every page.
    pub logo_strip: Option<LogoStrip>,
    /// Who the RODO clause names as the data controller and the data protection officer
    /// (`None`: not set, the clause's own text is all that is printed).
    pub controller: Option<Controller>,
}

/// The data controller and its data protection officer, as the data statement names them.
#[derive(Debug, Clone, PartialEq)]
pub struct Controller {
    pub name: String,
    pub address: String,
    /// How to reach the data protection officer ("" = not given).
    pub dpo_contact: String,
}

/// The project header of a document.
#[derive(Debug, Clone)]
pub struct ProjectHeader {
    pub name: String,
    /// The grant agreement number ("umowa o dofinansowanie nr …").
    pub agreement_number: String,
    /// The programme the project is funded from ("Fundusze Europejskie dla Łódzkiego
    /// 2021–2027"); empty: none. Printed at the foot of every page.
    pub programme: String,
    /// Whether EU funds co-finance it (the programme line then says so).
    pub eu_funded: bool,
    /// Who may take part: statements the enrolment form asks the person to confirm.
    pub eligibility: Vec<String>,
    /// What the person attaches to the enrolment form (empty: the usual list).
    pub attachments: Vec<String>,
}

/// An address as printed on the enrolment form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AddressSheet {
    pub country: String,
    pub voivodeship: String,
    pub county: String,
    pub commune: String,
    pub town: String,
    pub street: String,
    pub building: String,
    pub flat: String,
    /// NN-NNN.
    pub postcode: String,
    /// 1 densely, 2 intermediate, 3 thinly populated area.
    pub degurba: Option<u8>,
}

impl AddressSheet {
    /// "Źródlana 5/12, 90-001 Łódź" — for one-line fields.
    pub fn one_line(&self) -> String {
        let mut street = self.street.clone();
        if !self.building.is_empty() {
            street = format!("{street} {}", self.building).trim().to_string();
            if !self.flat.is_empty() {
                street = format!("{street}/{}", self.flat);
            }
        }
        let town = format!("{} {}", self.postcode, self.town)
            .trim()
            .to_string();
        [street, town, self.country.clone()]
            .into_iter()
            .filter(|s| !s.is_empty() && s != "Polska")
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Everything the enrolment form prints about one participant.
#[derive(Debug, Clone)]
pub struct ParticipantSheet {
    pub first_names: String,
    pub surname: String,
    pub sex: Sex,
    /// Eleven digits; `None` for a person without a PESEL.
    pub pesel: Option<String>,
    /// For a person without a PESEL: the kind and number of another document.
    pub other_id: Option<String>,
    pub birth_date: NaiveDate,
    /// Age in full years on the day the person joined the project.
    pub age_on_joining: Option<u32>,
    pub citizenship: String,
    /// A code of `kartoteka_domain::values::EDUCATION`.
    pub education: Option<String>,
    pub address: AddressSheet,
    /// `None` when letters go to the residence address.
    pub correspondence_address: Option<AddressSheet>,
    pub phone: String,
    pub email: String,
    /// A code of `kartoteka_domain::values::LABOUR_STATUS`.
    pub labour_status: Option<String>,
    /// A code of `kartoteka_domain::values::LABOUR_SUBSTATUS`.
    pub labour_substatus: Option<String>,
    pub foreign_origin: Option<Answer>,
    pub third_country_national: Option<Answer>,
    pub minority: Option<Answer>,
    pub homeless: Option<Answer>,
    pub disability: Option<Answer>,
    /// A code of `kartoteka_domain::values::DISABILITY_DEGREE`.
    pub disability_degree: Option<String>,
    pub other_disadvantage: Option<Answer>,
    pub accessibility_needs: String,
    /// What staff fill in: start of participation and target group.
    pub start_date: Option<NaiveDate>,
    pub target_group: String,
    /// The parent or legal guardian who signs for a minor.
    pub signatory: Option<String>,
    /// The guardian's address and phone, where the registry has them (revision 4 on).
    pub guardian: Option<GuardianSheet>,
}

/// A minor's parent or legal guardian as the enrolment form prints them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GuardianSheet {
    pub name: String,
    /// One line ("Źródlana 5/12, 90-001 Łódź"); empty: written by hand.
    pub address: String,
    pub phone: String,
}

impl ParticipantSheet {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_names, self.surname)
    }
}

/// Who a one-person statement is about, and who signs it.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRef {
    pub full_name: String,
    pub pesel: Option<String>,
    /// The parent or legal guardian who signs for a minor.
    pub signatory: Option<String>,
}

/// The participation declaration's particulars.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclarationSheet {
    pub person: PersonRef,
    /// The least attendance the project requires, in per cent (often 80).
    pub min_attendance_percent: u8,
}

/// The exit statement of one participation.
#[derive(Debug, Clone)]
pub struct ExitStatementSheet {
    pub person: PersonRef,
    pub start_date: Option<NaiveDate>,
    /// Empty while the participation lasts (the date is written by hand).
    pub end_date: Option<NaiveDate>,
    /// A code of `kartoteka_domain::values::EXIT_SITUATION` once recorded.
    pub situation: Option<String>,
}

/// A versioned consent or information text (GDPR clause, image consent).
#[derive(Debug, Clone, PartialEq)]
pub struct ConsentTemplate {
    pub title: String,
    /// The version printed on the paper, e.g. "v3".
    pub version: String,
    /// Paragraphs separated by blank lines.
    pub text: String,
}

/// The image-use consent of one person.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageConsentSheet {
    pub person: PersonRef,
    /// The answer already recorded, if any: ticks "wyrażam zgodę" or "nie wyrażam zgody".
    pub consent: Option<bool>,
    /// A child aged 13–17 signs beside the guardian (revision 4 on).
    pub child_co_signs: bool,
}

/// An attendance or delivery sheet of one service in one month.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceSheet {
    pub service: String,
    /// The unit of the service ("godzina", "sesja (60 min)", "wyjazd").
    pub unit: String,
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    pub specialist: String,
    pub rows: Vec<AttendanceRow>,
    /// Empty rows printed after the filled ones, to add entries by hand.
    pub blank_rows: usize,
    /// The participants who have the service in their plan, each with what was delivered in
    /// the month (from the delivery log). When not empty, the sheet lists these (one row per
    /// delivery, a row to fill in for someone with none yet) and a summary per person,
    /// instead of `rows`.
    pub participants: Vec<AttendanceParticipant>,
}

/// One participant on an attendance sheet built from the delivery log.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceParticipant {
    pub name: String,
    /// What the plan foresees, formatted ("10 godz."); empty when unknown.
    pub planned: String,
    /// Deliveries in the month, in date order.
    pub deliveries: Vec<AttendanceDelivery>,
    /// The attended amount in the month, formatted ("4,5 godz.").
    pub delivered: String,
}

/// One logged delivery.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceDelivery {
    pub date: NaiveDate,
    /// The amount, formatted ("1,5").
    pub quantity: String,
    /// "obecny", "nieobecny (usprawiedliwiony)", …
    pub attendance: String,
    pub attended: bool,
}

/// One delivery of the service.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceRow {
    pub date: NaiveDate,
    pub participant: String,
    /// The amount delivered, formatted ("1,5").
    pub quantity: String,
    pub attended: bool,
}

/// The full record of one person (GDPR access request).
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRecord {
    pub full_name: String,
    pub blocks: Vec<RecordBlock>,
}

/// A part of a person's record: a list of fields or a table.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordBlock {
    Fields {
        title: String,
        fields: Vec<(String, String)>,
    },
    Table {
        title: String,
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// The recovery key of an installation, printed to keep in the office safe.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryKeySheet {
    pub key: String,
    pub data_folder: String,
}

/// An individual support plan version as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSheet {
    /// Which document: a support plan, an IŚR, a social contract, a family work plan.
    pub kind: PlanKind,
    /// The participant; `signatory` is the parent or guardian who signs for a minor.
    pub person: PersonRef,
    /// The worker responsible for the plan.
    pub worker: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub version: u32,
    /// The version's state in Polish ("szkic", "podpisany", …).
    pub status: String,
    /// A draft: printed as a working copy, not yet signed.
    pub draft: bool,
    /// Set for a version above 1: "Aneks nr N do planu z dnia …".
    pub amendment: Option<PlanAmendment>,
    pub problem_situation: String,
    pub strengths: String,
    pub needs: String,
    /// Assessments per area of life; an area left out prints unticked.
    pub areas: Vec<AreaScore>,
    pub goals: Vec<PlanGoal>,
    pub commitments: String,
    pub reviews: Vec<PlanReviewRow>,
    pub closing: Option<PlanClosingSheet>,
    pub signing: Option<PlanSigningSheet>,
    /// An IŚR: the team that made the diagnosis, as (name, role); each signs by hand.
    pub team: Vec<(String, String)>,
    /// A social contract: what the social worker undertakes.
    pub worker_obligations: String,
    /// A family work plan: the other members of the family, as (name, who they are to the
    /// person: "dziecko", …).
    pub family: Vec<(String, String)>,
    /// A family work plan: the assistant's initial assessment of the family's situation.
    pub initial_assessment: String,
}

/// Which amendment a plan version is, and the date of the plan it amends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanAmendment {
    pub number: u32,
    pub plan_date: NaiveDate,
}

/// One area of life assessed 1 (very difficult) to 5 (no problems).
#[derive(Debug, Clone, PartialEq)]
pub struct AreaScore {
    pub area: LifeArea,
    pub score: Option<u8>,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanGoal {
    pub title: String,
    /// How we will know the goal is achieved.
    pub measure: String,
    pub target_date: Option<NaiveDate>,
    /// In Polish ("w realizacji").
    pub status: String,
    pub services: Vec<PlanServiceRow>,
}

/// One planned service (action) of a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanServiceRow {
    pub service: String,
    /// Amount and unit, formatted ("10 godz.").
    pub quantity: String,
    pub specialist: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub frequency: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanReviewRow {
    pub date: NaiveDate,
    pub changes: String,
    /// The goals' assessment, one line each ("Cel 1: osiągnięty — uwagi").
    pub goals: String,
    pub worker: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanClosingSheet {
    pub closed_on: NaiveDate,
    pub evaluation: String,
    pub worker: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanSigningSheet {
    pub participant_signed_on: NaiveDate,
    pub worker_signed_on: NaiveDate,
}

/// A recruitment round's list, for its protocol and its public list of results.
#[derive(Debug, Clone)]
pub struct RecruitmentSheet {
    pub round: String,
    pub opens: NaiveDate,
    pub closes: NaiveDate,
    pub places: u32,
    pub reserve_places: u32,
    pub criteria: Vec<RecruitmentCriterion>,
    /// Qualified, then reserve (each by place), then the rest.
    pub rows: Vec<RecruitmentRow>,
    /// The day the list was frozen; `None` prints it as a provisional list.
    pub closed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct RecruitmentCriterion {
    pub label: String,
    pub required: bool,
    pub points: u32,
}

#[derive(Debug, Clone)]
pub struct RecruitmentRow {
    pub number: u32,
    /// "A.Ż." — the protocol's only trace of the name.
    pub initials: String,
    /// "dd.mm.yyyy gg:mm"
    pub submitted_at: String,
    pub points: u32,
    pub rank: Option<u32>,
    /// "zakwalifikowany", "lista rezerwowa", "niezakwalifikowany".
    pub decision: String,
    /// Why (never printed on the public list).
    pub reason: String,
}

/// A letter telling one candidate the decision on their application.
#[derive(Debug, Clone)]
pub struct RecruitmentLetter {
    /// Name and postal address, as on an envelope.
    pub addressee: Vec<String>,
    pub female: bool,
    pub round: String,
    pub number: u32,
    pub submitted_on: NaiveDate,
    pub points: u32,
    pub rank: Option<u32>,
    /// "zakwalifikowany", "lista rezerwowa", "niezakwalifikowany".
    pub decision: String,
    pub reason: String,
    /// The list is not yet closed: the letter says the decision may still change.
    pub provisional: bool,
}

/// A group's attendance list: one page (or more) per session, or a blank one to take to the
/// next session.
#[derive(Debug, Clone)]
pub struct GroupAttendanceSheet {
    pub group: String,
    pub service: String,
    pub specialist: String,
    pub sessions: Vec<GroupSessionSheet>,
}

#[derive(Debug, Clone)]
pub struct GroupSessionSheet {
    /// `None`: a blank list (date, hours and topic written by hand).
    pub date: Option<NaiveDate>,
    /// "16:00–17:30", or empty on a blank list.
    pub hours: String,
    pub topic: String,
    /// Members of the day in order; `present` is `None` on a blank list.
    pub rows: Vec<(String, Option<bool>)>,
}
