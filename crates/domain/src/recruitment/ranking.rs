//! The ranking of a round's candidates and the frozen decisions of a closed round (the
//! order is the module's parent's invariant: required criteria, points, submission time,
//! number).

use super::{Application, RecruitmentData};
use crate::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a candidate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    Qualified,
    Reserve,
    Rejected,
}

impl Outcome {
    /// The Polish word printed in the protocol and the lists.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Qualified => "zakwalifikowany",
            Outcome::Reserve => "lista rezerwowa",
            Outcome::Rejected => "niezakwalifikowany",
        }
    }
}

/// What the ranking needs to know of one candidate.
#[derive(Debug, Clone)]
pub struct RankInput {
    pub candidate_id: Id,
    pub participant_id: Id,
    pub number: u32,
    pub application: Application,
    /// The day the candidate withdrew, if they did.
    pub resigned_on: Option<NaiveDate>,
}

/// One candidate's place in the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RankEntry {
    #[ts(type = "string")]
    pub candidate_id: Id,
    #[ts(type = "string")]
    pub participant_id: Id,
    /// The candidate's number in the round (the order of submission).
    pub number: u32,
    pub points: u32,
    /// Place among those who meet every required criterion (1 = best); none for the others.
    pub rank: Option<u32>,
    pub outcome: Outcome,
    /// Why a candidate is not qualified (a missing required criterion, no place left, a
    /// resignation), or how a reserve candidate got a place.
    pub reason: Option<String>,
}

/// A round's list: qualified, reserve (in order) and rejected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Ranking {
    pub qualified: Vec<RankEntry>,
    pub reserve: Vec<RankEntry>,
    pub rejected: Vec<RankEntry>,
}

impl Ranking {
    /// Every entry: qualified, then reserve, then rejected.
    pub fn entries(&self) -> impl Iterator<Item = &RankEntry> {
        self.qualified
            .iter()
            .chain(&self.reserve)
            .chain(&self.rejected)
    }
}

/// The points a candidate's application scores in a round.
pub fn points(round: &RecruitmentData, application: &Application) -> u32 {
    round
        .criteria
        .iter()
        .filter(|c| !c.required && application.criteria_met.contains(&c.code))
        .map(|c| c.points)
        .sum()
}

/// Ranks a round's candidates (see the module's invariants).
pub fn rank(round: &RecruitmentData, candidates: &[RankInput]) -> Ranking {
    let mut ranking = Ranking::default();
    let mut eligible: Vec<(&RankInput, u32)> = Vec::new();
    let mut rejected: Vec<RankEntry> = Vec::new();
    for c in candidates {
        let pts = points(round, &c.application);
        let entry = |reason: String| RankEntry {
            candidate_id: c.candidate_id,
            participant_id: c.participant_id,
            number: c.number,
            points: pts,
            rank: None,
            outcome: Outcome::Rejected,
            reason: Some(reason),
        };
        if let Some(day) = c.resigned_on {
            rejected.push(entry(format!(
                "Rezygnacja kandydata ({})",
                day.format("%d.%m.%Y")
            )));
            continue;
        }
        let missing: Vec<&str> = round
            .criteria
            .iter()
            .filter(|k| k.required && !c.application.criteria_met.contains(&k.code))
            .map(|k| k.label.as_str())
            .collect();
        if !missing.is_empty() {
            rejected.push(entry(format!(
                "Niespełnione kryterium obowiązkowe: {}",
                missing.join("; ")
            )));
            continue;
        }
        eligible.push((c, pts));
    }
    eligible.sort_by(|(a, pa), (b, pb)| {
        pb.cmp(pa)
            .then(a.application.submitted_at.cmp(&b.application.submitted_at))
            .then(a.number.cmp(&b.number))
    });
    for (i, (c, pts)) in eligible.into_iter().enumerate() {
        let place = i as u32 + 1;
        let (outcome, reason) = if place <= round.places {
            (Outcome::Qualified, None)
        } else if place <= round.places + round.reserve_places {
            (Outcome::Reserve, None)
        } else {
            (
                Outcome::Rejected,
                Some("Brak wolnych miejsc (poza listą rezerwową)".to_owned()),
            )
        };
        let entry = RankEntry {
            candidate_id: c.candidate_id,
            participant_id: c.participant_id,
            number: c.number,
            points: pts,
            rank: Some(place),
            outcome,
            reason,
        };
        match outcome {
            Outcome::Qualified => ranking.qualified.push(entry),
            Outcome::Reserve => ranking.reserve.push(entry),
            Outcome::Rejected => ranking.rejected.push(entry),
        }
    }
    rejected.sort_by_key(|e| e.number);
    ranking.rejected.extend(rejected);
    ranking
}

/// Sorts frozen decisions into the three lists: by rank, the unranked rejected by number.
pub fn group(entries: impl IntoIterator<Item = RankEntry>) -> Ranking {
    let mut ranking = Ranking::default();
    for e in entries {
        match e.outcome {
            Outcome::Qualified => ranking.qualified.push(e),
            Outcome::Reserve => ranking.reserve.push(e),
            Outcome::Rejected => ranking.rejected.push(e),
        }
    }
    let key = |e: &RankEntry| (e.rank.unwrap_or(u32::MAX), e.number);
    ranking.qualified.sort_by_key(key);
    ranking.reserve.sort_by_key(key);
    ranking.rejected.sort_by_key(key);
    ranking
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recruitment::tests::round;
    use crate::recruitment::Application;
    use chrono::NaiveDate;

    fn candidate(number: u32, day: u32, hour: u32, met: &[&str]) -> RankInput {
        RankInput {
            candidate_id: Id::new_v7(),
            participant_id: Id::new_v7(),
            number,
            application: Application {
                submitted_at: NaiveDate::from_ymd_opt(2026, 1, day)
                    .unwrap()
                    .and_hms_opt(hour, 0, 0)
                    .unwrap(),
                criteria_met: met.iter().map(|s| s.to_string()).collect(),
                attachments: vec![],
            },
            resigned_on: None,
        }
    }

    #[test]
    fn required_first_then_points_then_submission_time() {
        let r = round(2, 1);
        let cands = vec![
            candidate(1, 2, 9, &["wiek60", "samotna"]), // 3 pts, early
            candidate(2, 3, 9, &["wiek60", "niepelnosprawnosc"]), // 5 pts
            candidate(3, 1, 9, &["niepelnosprawnosc", "samotna"]), // no wiek60
            candidate(4, 4, 9, &["wiek60", "samotna"]), // 3 pts, later than 1
            candidate(5, 5, 9, &["wiek60"]),            // 0 pts, no place
        ];
        let ranking = rank(&r, &cands);
        let numbers = |v: &[RankEntry]| v.iter().map(|e| e.number).collect::<Vec<_>>();
        assert_eq!(numbers(&ranking.qualified), vec![2, 1]);
        assert_eq!(numbers(&ranking.reserve), vec![4]);
        assert_eq!(numbers(&ranking.rejected), vec![5, 3]);
        assert_eq!(ranking.rejected[0].rank, Some(4));
        assert!(ranking.rejected[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("Brak wolnych miejsc"));
        assert_eq!(ranking.rejected[1].rank, None);
        assert_eq!(
            ranking.rejected[1].reason.as_deref(),
            Some("Niespełnione kryterium obowiązkowe: Wiek 60+")
        );
        assert_eq!(ranking.qualified[0].points, 5);
    }

    #[test]
    fn a_tie_in_points_and_time_goes_to_the_lower_number() {
        let r = round(1, 1);
        let ranking = rank(
            &r,
            &[
                candidate(7, 2, 9, &["wiek60"]),
                candidate(6, 2, 9, &["wiek60"]),
            ],
        );
        assert_eq!(ranking.qualified[0].number, 6);
        assert_eq!(ranking.reserve[0].number, 7);
    }

    #[test]
    fn a_resigned_candidate_leaves_the_ranking_with_the_reason() {
        let r = round(1, 0);
        let mut first = candidate(1, 2, 9, &["wiek60", "niepelnosprawnosc"]);
        first.resigned_on = NaiveDate::from_ymd_opt(2026, 1, 10);
        let ranking = rank(&r, &[first, candidate(2, 3, 9, &["wiek60"])]);
        assert_eq!(ranking.qualified[0].number, 2);
        assert_eq!(
            ranking.rejected[0].reason.as_deref(),
            Some("Rezygnacja kandydata (10.01.2026)")
        );
    }
}
