//! Synthetic, realistic-looking Polish registry data for demos, tests and benchmarks.
//!
//! Everything comes from one seeded PRNG (SplitMix64) and fixed dates, so one seed always gives
//! the same people, ids and audit log. People come in households sharing an address: single
//! adults, couples, parents with children, grandparents as legal guardians of grandchildren.
//! Surnames take their female form (Kowalski/Kowalska); PESELs are valid and agree with the
//! birth date and sex; addresses are real towns of the 16 voivodeships with their postcodes.
//! People, projects and enrolments are parsed through the same domain rules as typed input;
//! the casework of enrolled people (plans, deliveries, notes: `casework.rs`) is built from the
//! domain types, with dates inside the plan and project and never after the seed date. The
//! word lists (names, surnames, towns, streets) are in `corpus.rs`.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use kartoteka_domain::enrolment::{EnrolmentInput, EnrolmentStart};
use kartoteka_domain::participant::{AddressInput, ParticipantInput};
use kartoteka_domain::pesel::{Pesel, Sex};
use kartoteka_domain::project::ProjectData;
use kartoteka_domain::relation::RelationKind;
use kartoteka_domain::Id;
use kartoteka_store::bulk::BulkRecord;
use std::collections::HashMap;

mod casework;
mod corpus;
pub(crate) mod groups;
mod projects;
pub(crate) mod recruitment;

use corpus::*;
use projects::project_data;

/// The moment the synthetic data is "made" (the store's clock while seeding).
pub fn seed_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 15, 9, 0, 0).unwrap()
}

/// SplitMix64: tiny, fast, good enough for synthetic data, and stable across versions.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_F42D_4C95_7F2D)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
    pub fn range(&mut self, lo: i64, hi_inclusive: i64) -> i64 {
        lo + self.below((hi_inclusive - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// The project of the 350-person benchmark (CST2021 export, batch of forms).
pub const MAIN_PROJECT_SIZE: usize = 350;

/// Counts of what was generated.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub participants: usize,
    pub households: usize,
    pub relations: usize,
    pub projects: usize,
    pub enrolments: usize,
    pub plans: usize,
    pub planned_services: usize,
    pub deliveries: usize,
    pub notes: usize,
    pub recruitments: usize,
    pub candidates: usize,
    pub groups: usize,
    pub sessions: usize,
    pub events: usize,
}

struct Member {
    id: Id,
    birth: NaiveDate,
}

/// Makes the records of a registry of `participants` people, household by household.
pub struct Generator {
    rng: Rng,
    id_counter: u64,
    id_salt: u16,
    serials: HashMap<(NaiveDate, Sex), (u16, u16)>,
    target: usize,
    pub counts: Counts,
    projects: Vec<(Id, ProjectData)>,
    main_project_enrolled: usize,
    pending_projects: bool,
}

impl Generator {
    pub fn new(seed: u64, participants: usize) -> Generator {
        let mut rng = Rng::new(seed);
        let id_salt = (rng.next_u64() & 0x0fff) as u16;
        let mut g = Generator {
            rng,
            id_counter: 0,
            id_salt,
            serials: HashMap::new(),
            target: participants,
            counts: Counts::default(),
            projects: Vec::new(),
            main_project_enrolled: 0,
            pending_projects: true,
        };
        let n_projects = (participants / 5_000).clamp(2, 200);
        for i in 0..n_projects {
            let id = g.next_id();
            g.projects.push((id, project_data(i)));
        }
        g
    }

    /// Names every project "DEMO – …", as the first-run wizard's demo data shows them.
    pub fn demo(mut self) -> Generator {
        for (_, project) in &mut self.projects {
            project.name = format!("DEMO – {}", project.name);
        }
        self
    }

    /// The id of the project with (up to) 350 participants.
    pub fn main_project(&self) -> Id {
        self.projects[0].0
    }

    /// A UUID v7: a fixed base time advancing 1 ms per record (so ids sort in creation order),
    /// the seed's salt and random bits.
    fn next_id(&mut self) -> Id {
        let ms = seed_time().timestamp_millis() as u64 + self.id_counter;
        self.id_counter += 1;
        let rand_b = self.rng.next_u64() & 0x3fff_ffff_ffff_ffff;
        let text = format!(
            "{:08x}-{:04x}-7{:03x}-{:04x}-{:012x}",
            ms >> 16,
            ms & 0xffff,
            self.id_salt,
            0x8000 | (rand_b >> 48),
            rand_b & 0xffff_ffff_ffff
        );
        text.parse().expect("a well-formed UUID")
    }

    pub fn done(&self) -> bool {
        self.counts.participants >= self.target
    }

    /// Appends the records of the next household (and, the first time, the projects).
    pub fn next_household(&mut self, out: &mut Vec<BulkRecord>) {
        if self.pending_projects {
            self.pending_projects = false;
            for (id, data) in &self.projects {
                out.push(BulkRecord::Project {
                    id: *id,
                    data: Box::new(data.clone()),
                });
            }
            self.counts.projects = self.projects.len();
        }
        let left = self.target - self.counts.participants;
        if left == 0 {
            return;
        }
        self.counts.households += 1;
        let address = self.address();
        let surname = self.surname();
        let roll = self.rng.below(100);
        let mut members: Vec<Member> = Vec::new();
        let now_year = seed_time().year() as i64;
        match roll {
            // A single adult.
            0..=34 => {
                let sex = self.sex();
                let birth = self.birth(now_year - 90, now_year - 18);
                members.push(self.person(out, sex, birth, &surname, &address));
            }
            // A couple, maybe with children.
            35..=84 => {
                let a_birth = self.birth(now_year - 75, now_year - 20);
                let b_birth = a_birth + chrono::Days::new(self.rng.below(6 * 365));
                let husband = self.person(out, Sex::Male, a_birth, &surname, &address);
                if left >= 2 {
                    let wife = self.person(out, Sex::Female, b_birth, &surname, &address);
                    self.relate(out, wife.id, husband.id, RelationKind::Spouse);
                    members.push(wife);
                }
                members.push(husband);
                if roll >= 55 {
                    let children = self.rng.range(1, 3) as usize;
                    self.children(
                        out,
                        &members,
                        children,
                        &surname,
                        &address,
                        RelationKind::Parent,
                    );
                }
            }
            // A single parent.
            85..=94 => {
                let sex = if self.rng.chance(80) {
                    Sex::Female
                } else {
                    Sex::Male
                };
                let birth = self.birth(now_year - 55, now_year - 20);
                members.push(self.person(out, sex, birth, &surname, &address));
                let children = self.rng.range(1, 3) as usize;
                self.children(
                    out,
                    &members,
                    children,
                    &surname,
                    &address,
                    RelationKind::Parent,
                );
            }
            // A grandparent who is the legal guardian of grandchildren.
            _ => {
                let sex = self.sex();
                let birth = self.birth(now_year - 80, now_year - 55);
                members.push(self.person(out, sex, birth, &surname, &address));
                let children = self.rng.range(1, 2) as usize;
                self.children(
                    out,
                    &members,
                    children,
                    &surname,
                    &address,
                    RelationKind::LegalGuardian,
                );
            }
        }
        // Adults enrol in projects: the first 350 in the main project, then one in ten.
        for m in &members {
            self.maybe_enrol(out, m);
        }
    }

    fn children(
        &mut self,
        out: &mut Vec<BulkRecord>,
        carers: &[Member],
        count: usize,
        surname: &(String, String),
        address: &AddressInput,
        kind: RelationKind,
    ) {
        let youngest_carer = carers.iter().map(|m| m.birth).max().expect("a carer");
        let oldest_allowed =
            youngest_carer.year() as i64 + if kind == RelationKind::Parent { 18 } else { 40 };
        let from = oldest_allowed.max(seed_time().year() as i64 - 30);
        let to = seed_time().year() as i64 - 1;
        if from > to {
            return;
        }
        for _ in 0..count {
            if self.done() {
                return;
            }
            let sex = self.sex();
            let birth = self.birth(from, to);
            let child = self.person(out, sex, birth, surname, address);
            for carer in carers {
                self.relate(out, child.id, carer.id, kind);
            }
        }
    }

    fn maybe_enrol(&mut self, out: &mut Vec<BulkRecord>, m: &Member) {
        let adult = (seed_time().date_naive() - m.birth).num_days() >= 18 * 366;
        if !adult {
            return;
        }
        let project = if self.main_project_enrolled < MAIN_PROJECT_SIZE {
            self.main_project_enrolled += 1;
            0
        } else if self.rng.chance(10) && self.projects.len() > 1 {
            1 + self.rng.below(self.projects.len() as u64 - 1) as usize
        } else {
            return;
        };
        let main = project == 0;
        let (project_id, data) = self.projects[project].clone();
        let start = data.start_date + chrono::Days::new(self.rng.below(600));
        let statuses = [
            "registered_unemployed",
            "unregistered_unemployed",
            "inactive",
            "employed",
        ];
        let input = EnrolmentInput {
            start_date: Some(start.to_string()),
            target_group: data.target_groups.first().cloned(),
            status_at_start: Some((*self.rng.pick(&statuses)).to_owned()),
            // "Inne" fits every status (no draw: the rest of the data stays as it was).
            substatus_at_start: Some("other".to_owned()),
            education_end: None,
        };
        let parsed: EnrolmentStart = input.parse(&data).expect("synthetic enrolments are valid");
        let id = self.next_id();
        out.push(BulkRecord::Enrolment {
            id,
            participant: m.id,
            project: project_id,
            start: Box::new(parsed),
        });
        self.counts.enrolments += 1;
        self.casework(out, m, id, &data, start, main);
    }

    fn relate(
        &mut self,
        out: &mut Vec<BulkRecord>,
        participant: Id,
        related: Id,
        kind: RelationKind,
    ) {
        let id = self.next_id();
        out.push(BulkRecord::Relation {
            id,
            participant,
            related,
            kind,
        });
        self.counts.relations += 1;
    }

    fn sex(&mut self) -> Sex {
        if self.rng.chance(52) {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    fn birth(&mut self, from_year: i64, to_year: i64) -> NaiveDate {
        let from = NaiveDate::from_ymd_opt(from_year as i32, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(to_year as i32, 12, 31)
            .unwrap()
            .min(seed_time().date_naive() - chrono::Days::new(1));
        let span = (to - from).num_days().max(0) as u64;
        from + chrono::Days::new(self.rng.below(span + 1))
    }

    fn surname(&mut self) -> (String, String) {
        // Two in five from the common list, the rest from the long tail.
        if self.rng.chance(40) {
            let (m, f) = *self.rng.pick(SURNAMES);
            (m.to_owned(), f.to_owned())
        } else {
            let stem = *self.rng.pick(STEMS);
            let (m, f) = *self.rng.pick(ENDINGS);
            (format!("{stem}{m}"), format!("{stem}{f}"))
        }
    }

    fn address(&mut self) -> AddressInput {
        let v = self.rng.below(16) as usize;
        let (town, county, lo, hi, degurba) = *self.rng.pick(TOWNS[v]);
        let code = lo + self.rng.below(u64::from(hi - lo + 1)) as u32;
        let flat = if degurba == 1 && self.rng.chance(70) {
            Some(self.rng.range(1, 120).to_string())
        } else {
            None
        };
        AddressInput {
            country: Some("Polska".into()),
            voivodeship: Some(kartoteka_domain::values::VOIVODESHIPS[v].to_owned()),
            county: Some(county.to_owned()),
            commune: Some(town.to_owned()),
            town: Some(town.to_owned()),
            street: Some(format!("ul. {}", self.rng.pick(STREETS))),
            building: Some(self.rng.range(1, 160).to_string()),
            flat,
            postcode: Some(format!("{:02}-{:03}", code / 1000, code % 1000)),
            degurba: Some(degurba),
        }
    }

    fn pesel(&mut self, birth: NaiveDate, sex: Sex) -> Option<Pesel> {
        // 1,000 serials per day and sex: take the next free one after a random first.
        let first = self.rng.below(1000) as u16;
        let (start, used) = self.serials.entry((birth, sex)).or_insert((first, 0));
        if *used >= 1000 {
            return None;
        }
        let serial = (*start + *used) % 1000;
        *used += 1;
        Pesel::generate(birth, serial, sex)
    }

    fn person(
        &mut self,
        out: &mut Vec<BulkRecord>,
        sex: Sex,
        birth: NaiveDate,
        surname: &(String, String),
        address: &AddressInput,
    ) -> Member {
        let first_name = match sex {
            Sex::Male => *self.rng.pick(MALE_NAMES),
            Sex::Female => *self.rng.pick(FEMALE_NAMES),
        };
        let last_name = match sex {
            Sex::Male => surname.0.as_str(),
            Sex::Female => surname.1.as_str(),
        };
        let today = seed_time().date_naive();
        let adult = (today - birth).num_days() >= 18 * 366;
        // About one in fifty has no PESEL (a foreigner with a passport).
        let foreigner = self.rng.chance(2);
        let pesel = if foreigner {
            None
        } else {
            self.pesel(birth, sex)
        };
        let mut input = ParticipantInput {
            first_name: Some(first_name.to_owned()),
            last_name: Some(last_name.to_owned()),
            pesel: pesel.map(|p| p.as_string()),
            sex: Some(sex.as_str().to_owned()),
            birth_date: Some(birth.to_string()),
            citizenship: Some(
                if pesel.is_some() {
                    "polskie"
                } else {
                    "ukraińskie"
                }
                .to_owned(),
            ),
            address: Some(address.clone()),
            ..Default::default()
        };
        if pesel.is_none() {
            input.no_pesel_reason = Some("cudzoziemiec bez numeru PESEL".into());
            input.other_id = Some(format!(
                "paszport F{}{:06}",
                (b'A' + self.rng.below(26) as u8) as char,
                self.rng.below(1_000_000)
            ));
        }
        if adult {
            if self.rng.chance(75) {
                input.phone = Some(format!(
                    "{} {:03} {:03}",
                    self.rng
                        .pick(&[501, 512, 533, 601, 604, 661, 693, 721, 785, 880]),
                    self.rng.below(1000),
                    self.rng.below(1000)
                ));
            }
            if self.rng.chance(30) {
                let local = kartoteka_domain::fold::fold(&format!("{first_name}.{last_name}"))
                    .replace(' ', ".");
                input.email = Some(format!("{local}{}@example.pl", self.rng.below(100)));
            }
            let education = ["isced1", "isced2", "isced3", "isced3", "isced4", "isced5_8"];
            // A few records wait for the education level (asked at the next visit): the
            // monitoring check then has someone to list.
            if !self.rng.chance(4) {
                input.education = Some((*self.rng.pick(&education)).to_owned());
            }
            let labour = [
                "registered_unemployed",
                "unregistered_unemployed",
                "inactive",
                "employed",
            ];
            input.labour_status = Some((*self.rng.pick(&labour)).to_owned());
            // Its "w tym", as SM EFS needs it: "other" fits every status, also the one drawn
            // for the enrolment (no draw here: the rest of the data stays as it was).
            input.labour_substatus = Some("other".to_owned());
            input.disability = Some(if self.rng.chance(12) { "yes" } else { "no" }.to_owned());
            input.homeless = Some(if self.rng.chance(3) { "yes" } else { "no" }.to_owned());
        }
        // The EU monitoring questions every participant (or a child's parent) answers; a few
        // people decline the one about minorities, as the form allows.
        let foreign = self.rng.chance(3);
        let third_country = foreign && self.rng.chance(50);
        let minority = match self.rng.below(100) {
            0..=1 => "yes",
            2..=5 => "refused",
            _ => "no",
        };
        let yes_no = |yes: bool| if yes { "yes" } else { "no" }.to_owned();
        input.foreign_origin = Some(yes_no(foreign));
        input.third_country_national = Some(yes_no(third_country));
        input.minority = Some(minority.to_owned());
        let data = input
            .parse(today)
            .unwrap_or_else(|e| panic!("synthetic participant is invalid: {e:?}"));
        let id = self.next_id();
        out.push(BulkRecord::Participant {
            id,
            data: Box::new(data),
        });
        self.counts.participants += 1;
        Member { id, birth }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(seed: u64, n: usize) -> Vec<BulkRecord> {
        let mut g = Generator::new(seed, n);
        let mut out = Vec::new();
        while !g.done() {
            g.next_household(&mut out);
        }
        assert_eq!(g.counts.participants, n);
        out
    }

    fn people(records: &[BulkRecord]) -> Vec<(String, String)> {
        records
            .iter()
            .filter_map(|r| match r {
                BulkRecord::Participant { id, data } => {
                    Some((id.to_string(), serde_json::to_string(data).unwrap()))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn one_seed_gives_one_data_set() {
        assert_eq!(people(&records(5, 500)), people(&records(5, 500)));
        assert_ne!(people(&records(5, 500)), people(&records(6, 500)));
    }

    #[test]
    fn pesels_agree_with_birth_date_and_sex_and_surnames_with_sex() {
        let mut seen = std::collections::HashSet::new();
        for r in records(9, 3000) {
            let BulkRecord::Participant { data, .. } = r else {
                continue;
            };
            if let Some(p) = data.pesel {
                assert!(seen.insert(p.as_string()));
                assert_eq!(Pesel::parse(&p.as_string()), Ok(p));
                assert_eq!(p.birth_date(), data.birth_date);
                assert_eq!(p.sex(), data.sex);
            }
            if data.sex == Sex::Male {
                assert!(
                    !data.last_name.ends_with("ska"),
                    "a man named {}",
                    data.last_name
                );
            }
            let a = data.address.as_ref().unwrap();
            assert!(
                kartoteka_domain::values::VOIVODESHIPS.contains(&a.voivodeship.as_deref().unwrap())
            );
        }
    }
}
