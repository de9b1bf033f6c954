//! Recruitment rounds and candidates: adding, ranking, closing (which enrols the qualified)
//! and resignations (which offer the freed place to the first reserve).
//!
//! Invariant: an open round's list is computed from its candidates every time it is read; a
//! closed round's list is the decisions frozen at closing, changed only by resignations.

use crate::decode::{from_json, parse_day, parse_id, to_json};
use crate::error::{Result, StoreError};
use crate::participants::DuplicateCheck;
use crate::write::{Source, Tx};
use crate::Store;
use chrono::NaiveDate;
use kartoteka_domain::enrolment::EnrolmentStart;
use kartoteka_domain::project::ProjectData;
use kartoteka_domain::recruitment::{
    self as rec, Application, Candidate, CandidateInput, Outcome, PlaceTaken, RankEntry, RankInput,
    Ranking, Recruitment, RecruitmentClosing, RecruitmentData, RecruitmentInput, Resignation,
    RoundClosed,
};
use kartoteka_domain::{Id, ValidationErrors};
use rusqlite::{params, Connection, OptionalExtension, Row};

const ROUND_COLUMNS: &str = "r.id, r.project_id, pr.name, r.data, r.closing,
    (SELECT count(*) FROM candidates c WHERE c.recruitment_id = r.id)";

fn round_from_row(
    r: &Row,
) -> rusqlite::Result<(String, String, String, String, Option<String>, u32)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn to_round(row: (String, String, String, String, Option<String>, u32)) -> Result<Recruitment> {
    let (id, project_id, project_name, data, closing, candidates) = row;
    Ok(Recruitment {
        id: parse_id(&id)?,
        project_id: parse_id(&project_id)?,
        project_name,
        data: from_json(&data, "zapis naboru")?,
        closing: closing
            .map(|c| from_json(&c, "zapis zamknięcia naboru"))
            .transpose()?,
        candidates,
    })
}

/// Candidates of a round in the order of registration, numbered from 1.
const CANDIDATE_SELECT: &str = "SELECT c.id, c.recruitment_id, c.participant_id,
        ROW_NUMBER() OVER (ORDER BY c.created_at, c.id), p.first_name, p.last_name,
        c.data, c.decision, c.resigned_on, c.enrolment_id
    FROM candidates c JOIN participants p ON p.id = c.participant_id
    WHERE c.recruitment_id = ?1 ORDER BY c.created_at, c.id";

struct CandidateRow {
    id: String,
    recruitment_id: String,
    participant_id: String,
    number: u32,
    first_name: String,
    last_name: String,
    data: String,
    decision: Option<String>,
    resigned_on: Option<String>,
    enrolment_id: Option<String>,
}

fn candidate_row(r: &Row) -> rusqlite::Result<CandidateRow> {
    Ok(CandidateRow {
        id: r.get(0)?,
        recruitment_id: r.get(1)?,
        participant_id: r.get(2)?,
        number: r.get(3)?,
        first_name: r.get(4)?,
        last_name: r.get(5)?,
        data: r.get(6)?,
        decision: r.get(7)?,
        resigned_on: r.get(8)?,
        enrolment_id: r.get(9)?,
    })
}

fn to_candidate(row: CandidateRow, round: &RecruitmentData) -> Result<Candidate> {
    let application: Application = from_json(&row.data, "zapis zgłoszenia")?;
    Ok(Candidate {
        id: parse_id(&row.id)?,
        recruitment_id: parse_id(&row.recruitment_id)?,
        participant_id: parse_id(&row.participant_id)?,
        number: row.number,
        name: format!("{} {}", row.first_name, row.last_name),
        initials: rec::initials(&row.first_name, &row.last_name),
        points: rec::points(round, &application),
        application,
        decision: row
            .decision
            .map(|d| from_json(&d, "zapis decyzji"))
            .transpose()?,
        resigned_on: row.resigned_on.as_deref().map(parse_day).transpose()?,
        enrolment_id: row.enrolment_id.as_deref().map(parse_id).transpose()?,
    })
}

fn load_round(conn: &Connection, id: &str) -> Result<Recruitment> {
    let sql = format!(
        "SELECT {ROUND_COLUMNS} FROM recruitments r JOIN projects pr ON pr.id = r.project_id WHERE r.id = ?1"
    );
    let row = conn
        .query_row(&sql, [id.trim()], round_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "nabór",
            id: id.to_owned(),
        })?;
    to_round(row)
}

fn load_candidates(conn: &Connection, round: &Recruitment) -> Result<Vec<Candidate>> {
    let mut stmt = conn.prepare_cached(CANDIDATE_SELECT)?;
    let rows: Vec<CandidateRow> = stmt
        .query_map([round.id.to_string()], candidate_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|r| to_candidate(r, &round.data))
        .collect()
}

/// The list of a round: computed while it is open, the frozen decisions once closed.
fn ranking_of(round: &Recruitment, candidates: &[Candidate]) -> Ranking {
    if round.closing.is_some() {
        return rec::group(candidates.iter().filter_map(|c| c.decision.clone()));
    }
    let inputs: Vec<RankInput> = candidates
        .iter()
        .map(|c| RankInput {
            candidate_id: c.id,
            participant_id: c.participant_id,
            number: c.number,
            application: c.application.clone(),
            resigned_on: c.resigned_on,
        })
        .collect();
    rec::rank(&round.data, &inputs)
}

fn refuse_closed(round: &Recruitment) -> Result<()> {
    match &round.closing {
        Some(c) => Err(StoreError::Conflict(format!(
            "Nabór „{}” został zamknięty {} — jego lista się nie zmienia.",
            round.data.name,
            c.closed_on.format("%d.%m.%Y")
        ))),
        None => Ok(()),
    }
}

/// The start a place in the project gets: on `day`, in the project's only target group (a
/// project with several leaves it to the participation's form).
fn place_start(
    project: &ProjectData,
    day: NaiveDate,
) -> std::result::Result<EnrolmentStart, ValidationErrors> {
    if day < project.start_date || day > project.end_date {
        return Err(ValidationErrors::single(
            "start_date",
            format!(
                "Data rozpoczęcia udziału musi mieścić się w okresie projektu ({} – {}) — podaj ją przy zamykaniu naboru",
                project.start_date.format("%d.%m.%Y"),
                project.end_date.format("%d.%m.%Y")
            ),
        ));
    }
    Ok(EnrolmentStart {
        start_date: day,
        target_group: match project.target_groups.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        },
        status_at_start: None,
        substatus_at_start: None,
        education_end: None,
    })
}

impl Tx<'_> {
    /// Gives a candidate a place: a participation starting on `start.start_date`, or the
    /// person's open one in the project.
    fn take_place(
        &mut self,
        candidate: &Candidate,
        project_id: &str,
        start: &EnrolmentStart,
    ) -> Result<PlaceTaken> {
        let participant = candidate.participant_id.to_string();
        let open: Option<String> = self
            .tx
            .query_row(
                "SELECT id FROM enrolments WHERE participant_id = ?1 AND project_id = ?2 AND end_data IS NULL",
                [&participant, project_id],
                |r| r.get(0),
            )
            .optional()?;
        let (enrolment_id, already_enrolled) = match open {
            Some(id) => (parse_id(&id)?, true),
            None => {
                let id = Id::new_v7();
                self.insert_enrolment(id, &participant, project_id, start)?;
                (id, false)
            }
        };
        self.tx.execute(
            "UPDATE candidates SET enrolment_id = ?2, updated_at = ?3 WHERE id = ?1",
            params![
                candidate.id.to_string(),
                enrolment_id.to_string(),
                self.now_text()
            ],
        )?;
        Ok(PlaceTaken {
            candidate_id: candidate.id,
            participant_id: candidate.participant_id,
            enrolment_id,
            already_enrolled,
        })
    }

    fn set_decision(&mut self, candidate_id: Id, decision: &RankEntry) -> Result<()> {
        self.tx.execute(
            "UPDATE candidates SET decision = ?2, updated_at = ?3 WHERE id = ?1",
            params![candidate_id.to_string(), to_json(decision), self.now_text()],
        )?;
        Ok(())
    }
}

impl Store {
    pub fn add_recruitment(
        &mut self,
        source: Source,
        project_id: &str,
        input: &RecruitmentInput,
    ) -> Result<Id> {
        let project_id = project_id.trim();
        let project = Store::project_data(self.conn(), project_id)?;
        let data = input.parse(&project)?;
        self.write(source, |tx| {
            let id = Id::new_v7();
            let now = tx.now_text();
            tx.tx.execute(
                "INSERT INTO recruitments(id, project_id, data, closing, created_at, updated_at)
                 VALUES (?1, ?2, ?3, NULL, ?4, ?4)",
                params![id.to_string(), project_id, to_json(&data), now],
            )?;
            tx.audit(
                "recruitment",
                &id.to_string(),
                "create",
                vec![
                    "name".into(),
                    "period".into(),
                    "places".into(),
                    "criteria".into(),
                ],
            );
            Ok(id)
        })
    }

    /// The rounds of a project, newest first (an unknown project is "not found").
    pub fn recruitments(&self, project_id: &str) -> Result<Vec<Recruitment>> {
        Store::project_data(self.conn(), project_id.trim())?;
        let sql = format!(
            "SELECT {ROUND_COLUMNS} FROM recruitments r JOIN projects pr ON pr.id = r.project_id
             WHERE r.project_id = ?1 ORDER BY r.created_at DESC, r.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows: Vec<_> = stmt
            .query_map([project_id.trim()], round_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(to_round).collect()
    }

    pub fn recruitment(&self, id: &str) -> Result<Recruitment> {
        load_round(self.conn(), id)
    }

    /// A round's candidates in the order of registration.
    pub fn candidates(&self, recruitment_id: &str) -> Result<Vec<Candidate>> {
        let round = load_round(self.conn(), recruitment_id)?;
        load_candidates(self.conn(), &round)
    }

    /// A round's list of qualified, reserve and rejected candidates.
    pub fn ranking(&self, recruitment_id: &str) -> Result<Ranking> {
        let round = load_round(self.conn(), recruitment_id)?;
        let candidates = load_candidates(self.conn(), &round)?;
        Ok(ranking_of(&round, &candidates))
    }

    /// Registers a candidate — an existing person, or a new one added to the registry in the
    /// same transaction (with the participant form's checks, duplicates included).
    pub fn add_candidate(
        &mut self,
        source: Source,
        recruitment_id: &str,
        input: &CandidateInput,
        check: DuplicateCheck,
    ) -> Result<Candidate> {
        let round = load_round(self.conn(), recruitment_id)?;
        refuse_closed(&round)?;
        let existing = input
            .participant_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let mut errors = ValidationErrors::default();
        let new_person = match (existing, &input.participant) {
            (Some(_), Some(_)) => {
                errors.push(
                    "participant",
                    "Kandydat: podaj istniejącą osobę (participant_id) albo dane nowej (participant), nie oba",
                );
                None
            }
            (None, None) => {
                errors.push(
                    "participant_id",
                    "Kandydat: wybierz osobę z kartoteki albo wpisz dane nowej",
                );
                None
            }
            (None, Some(p)) => match p.parse(self.clock().today()) {
                Ok(data) => Some(data),
                Err(e) => {
                    for f in e.0 {
                        errors.push(format!("participant.{}", f.field), f.message);
                    }
                    None
                }
            },
            (Some(_), None) => None,
        };
        let application = match input.parse_application(&round.data) {
            Ok(a) => Some(a),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let application = application.expect("checked");
        if let Some(id) = existing {
            self.participant(id)?;
        }
        let round_id = round.id.to_string();
        let candidate_id = self.write(source, |tx| {
            let participant_id = match (existing, &new_person) {
                (Some(id), _) => id.to_owned(),
                (None, Some(data)) => tx.add_participant(data, check)?.to_string(),
                (None, None) => unreachable!("checked above"),
            };
            let already: Option<u32> = tx
                .tx
                .query_row(
                    "SELECT n FROM (SELECT participant_id, ROW_NUMBER() OVER (ORDER BY created_at, id) AS n
                       FROM candidates WHERE recruitment_id = ?1) WHERE participant_id = ?2",
                    [&round_id, &participant_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(n) = already {
                return Err(StoreError::Conflict(format!(
                    "Ta osoba już jest kandydatem w naborze „{}” (zgłoszenie nr {n}).",
                    round.data.name
                )));
            }
            let id = Id::new_v7();
            let now = tx.now_text();
            tx.tx.execute(
                "INSERT INTO candidates(id, recruitment_id, participant_id, submitted_at, data,
                     decision, resigned_on, enrolment_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, NULL, NULL, NULL, ?6, ?6)",
                params![
                    id.to_string(),
                    round_id,
                    participant_id,
                    application.submitted_at.format("%Y-%m-%dT%H:%M").to_string(),
                    to_json(&application),
                    now
                ],
            )?;
            tx.audit(
                "candidate",
                &id.to_string(),
                "create",
                vec!["submitted_at".into(), "criteria".into(), "attachments".into()],
            );
            Ok(id)
        })?;
        self.candidate(&candidate_id.to_string())
    }

    pub fn candidate(&self, id: &str) -> Result<Candidate> {
        let round_id: String = self
            .conn()
            .query_row(
                "SELECT recruitment_id FROM candidates WHERE id = ?1",
                [id.trim()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "kandydat",
                id: id.to_owned(),
            })?;
        self.candidates(&round_id)?
            .into_iter()
            .find(|c| c.id.to_string() == id.trim())
            .ok_or_else(|| StoreError::NotFound {
                what: "kandydat",
                id: id.to_owned(),
            })
    }

    /// Closes a round: freezes every candidate's decision and gives each qualified candidate
    /// a place in the project, starting on `start_date` (today when not given).
    pub fn close_recruitment(
        &mut self,
        source: Source,
        id: &str,
        start_date: Option<NaiveDate>,
    ) -> Result<RoundClosed> {
        let round = load_round(self.conn(), id)?;
        refuse_closed(&round)?;
        let project_id = round.project_id.to_string();
        let project = Store::project_data(self.conn(), &project_id)?;
        let today = self.clock().today();
        let start = place_start(&project, start_date.unwrap_or(today))?;
        let candidates = load_candidates(self.conn(), &round)?;
        let ranking = ranking_of(&round, &candidates);
        let closing = RecruitmentClosing {
            closed_on: today,
            closed_by: self.worker().to_owned(),
        };
        let enrolled = self.write(source, |tx| {
            let changed = tx.tx.execute(
                "UPDATE recruitments SET closing = ?2, updated_at = ?3 WHERE id = ?1 AND closing IS NULL",
                params![round.id.to_string(), to_json(&closing), tx.now_text()],
            )?;
            if changed != 1 {
                return Err(StoreError::Conflict("Ten nabór został już zamknięty.".into()));
            }
            for entry in ranking.entries() {
                tx.set_decision(entry.candidate_id, entry)?;
            }
            let mut enrolled = Vec::new();
            for entry in &ranking.qualified {
                let c = candidates
                    .iter()
                    .find(|c| c.id == entry.candidate_id)
                    .expect("ranked from these candidates");
                enrolled.push(tx.take_place(c, &project_id, &start)?);
            }
            tx.audit("recruitment", &round.id.to_string(), "close", vec!["decisions".into()]);
            Ok(enrolled)
        })?;
        Ok(RoundClosed {
            id: round.id,
            closing,
            ranking,
            enrolled,
        })
    }

    /// A candidate withdraws. In a closed round a qualified candidate's place (and the
    /// participation it became, ended on the day) goes to the first reserve candidate.
    pub fn resign_candidate(
        &mut self,
        source: Source,
        id: &str,
        on: Option<NaiveDate>,
    ) -> Result<Resignation> {
        let candidate = self.candidate(id)?;
        if let Some(day) = candidate.resigned_on {
            return Err(StoreError::Conflict(format!(
                "Ten kandydat zrezygnował już {}.",
                day.format("%d.%m.%Y")
            )));
        }
        let round = load_round(self.conn(), &candidate.recruitment_id.to_string())?;
        let day = on.unwrap_or(self.clock().today());
        let project_id = round.project_id.to_string();
        let project = Store::project_data(self.conn(), &project_id)?;
        let candidates = load_candidates(self.conn(), &round)?;
        let was_qualified = round.closing.is_some()
            && candidate
                .decision
                .as_ref()
                .is_some_and(|d| d.outcome == Outcome::Qualified);
        let next = if was_qualified {
            rec::group(candidates.iter().filter_map(|c| c.decision.clone()))
                .reserve
                .into_iter()
                .next()
        } else {
            None
        };
        let start = match &next {
            Some(_) => Some(place_start(&project, day)?),
            None => None,
        };
        // The place's participation ends on the day, unless support has begun since.
        let enrolment = match candidate.enrolment_id {
            Some(e) if was_qualified => Some(self.enrolment(&e.to_string())?),
            _ => None,
        };
        self.write(source, |tx| {
            let reason = format!("Rezygnacja kandydata ({})", day.format("%d.%m.%Y"));
            tx.tx.execute(
                "UPDATE candidates SET resigned_on = ?2, updated_at = ?3 WHERE id = ?1",
                params![candidate.id.to_string(), day.format("%Y-%m-%d").to_string(), tx.now_text()],
            )?;
            if let Some(mut decision) = candidate.decision.clone() {
                decision.outcome = Outcome::Rejected;
                decision.reason = Some(reason.clone());
                tx.set_decision(candidate.id, &decision)?;
            }
            let mut ended = None;
            if let Some(e) = enrolment.as_ref().filter(|e| e.end.is_none()) {
                let end_date = day.max(e.start.start_date);
                let end = kartoteka_domain::enrolment::EnrolmentEnd {
                    end_date,
                    exit_situation: None,
                    completed_as_planned: false,
                    early_leave_reason: Some(reason.clone()),
                    exit_statement_date: None,
                };
                tx.tx.execute(
                    "UPDATE enrolments SET end_data = ?2, updated_at = ?3 WHERE id = ?1 AND end_data IS NULL",
                    params![e.id.to_string(), to_json(&end), tx.now_text()],
                )?;
                tx.audit("enrolment", &e.id.to_string(), "end", vec!["end_date".into(), "early_leave_reason".into()]);
                ended = Some(e.id);
            }
            let mut offered_to = None;
            if let (Some(mut entry), Some(start)) = (next.clone(), start.as_ref()) {
                let c = candidates
                    .iter()
                    .find(|c| c.id == entry.candidate_id)
                    .expect("listed among these candidates");
                entry.outcome = Outcome::Qualified;
                entry.reason = Some(format!(
                    "Miejsce po rezygnacji kandydata nr {} ({})",
                    candidate.number,
                    day.format("%d.%m.%Y")
                ));
                tx.set_decision(c.id, &entry)?;
                offered_to = Some(tx.take_place(c, &project_id, start)?);
                tx.audit("candidate", &c.id.to_string(), "offered_place", vec!["decision".into()]);
            }
            tx.audit("candidate", &candidate.id.to_string(), "resign", vec!["resigned_on".into()]);
            Ok(Resignation {
                candidate_id: candidate.id,
                resigned_on: day,
                ended_enrolment_id: ended,
                offered_to,
            })
        })
    }
}
