//! The closed lists: every coded value a person picks from (a service's unit, a life area, a
//! goal's status, attendance, a plan's state and kind, a note's kind, sex, the yes / no / refused answer of
//! the sensitive questions, a community event's kind), each with its code and its
//! Polish and English labels, defined here once. The UI gets them from a file generated from
//! this (`ui/src/bindings/closedListValues.ts`, by `kartoteka_api::closed_lists`); reports and
//! printed forms call `polish()`. No other place spells a label out.

use crate::group::EventKind;
use crate::pesel::Sex;
use crate::plan::{Attendance, GoalStatus, LifeArea, NoteKind, PlanKind, PlanStatus, Unit};
use crate::values::Answer;

/// A closed list of coded values.
pub trait ClosedList: Copy + PartialEq + 'static {
    /// Every value, in the order a person sees them.
    const ALL: &'static [Self];
    /// The code stored and exchanged (`hour`, `in_progress`, …).
    fn code(self) -> &'static str;
    /// The Polish label.
    fn polish(self) -> &'static str;
    /// The English label.
    fn english(self) -> &'static str;
    /// The value of a code; `None` for a code the list does not know.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

macro_rules! closed_list {
    ($ty:ty, [$($variant:ident => $en:literal),+ $(,)?]) => {
        impl ClosedList for $ty {
            const ALL: &'static [Self] = &[$(<$ty>::$variant),+];
            fn code(self) -> &'static str {
                self.as_str()
            }
            fn polish(self) -> &'static str {
                <$ty>::polish(self)
            }
            fn english(self) -> &'static str {
                match self {
                    $(<$ty>::$variant => $en),+
                }
            }
        }
    };
}

closed_list!(Unit, [
    Hour => "hour",
    Session => "session",
    Visit => "visit",
    Trip => "trip",
    Day => "day",
    Ticket => "ticket",
    Event => "event",
    Course => "course",
]);

closed_list!(LifeArea, [
    Family => "Family",
    Housing => "Housing",
    Finances => "Finances",
    Work => "Work",
    Health => "Health",
    Psychological => "Mental well-being",
    SocialSkills => "Social skills",
]);

closed_list!(GoalStatus, [
    Open => "not started",
    InProgress => "in progress",
    Achieved => "achieved",
    PartlyAchieved => "partly achieved",
    NotAchieved => "not achieved",
    Dropped => "dropped",
]);

closed_list!(Attendance, [
    Present => "present",
    AbsentExcused => "absent (excused)",
    AbsentUnexcused => "absent (unexcused)",
]);

closed_list!(PlanStatus, [
    Draft => "draft",
    Signed => "signed",
    Closed => "closed",
    Superseded => "superseded by an amendment",
]);

closed_list!(PlanKind, [
    SupportPlan => "individual support plan",
    ReintegrationPath => "individual reintegration path",
    SocialContract => "social contract",
    FamilyWorkPlan => "work plan with a family",
]);

closed_list!(NoteKind, [
    HomeVisit => "home visit",
    Phone => "phone call",
    Office => "office meeting",
    Other => "other",
]);

closed_list!(Sex, [
    Female => "female",
    Male => "male",
]);

closed_list!(EventKind, [
    Meeting => "residents' meeting",
    Integration => "integration event",
    Trip => "trip",
    Workshop => "open workshop",
    Initiative => "local initiative",
    Other => "other",
]);

closed_list!(Answer, [
    Yes => "yes",
    No => "no",
    Refused => "refused to answer",
]);

#[cfg(test)]
mod tests {
    use super::*;

    fn check<T: ClosedList + std::fmt::Debug>() {
        let mut codes: Vec<&str> = T::ALL.iter().map(|v| v.code()).collect();
        for v in T::ALL {
            assert_eq!(T::from_code(v.code()), Some(*v));
            assert!(!v.polish().is_empty() && !v.english().is_empty(), "{v:?}");
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), T::ALL.len(), "codes repeat");
        assert_eq!(T::from_code("no-such-code"), None);
    }

    #[test]
    fn every_value_has_one_code_and_both_labels() {
        check::<Unit>();
        check::<LifeArea>();
        check::<GoalStatus>();
        check::<Attendance>();
        check::<PlanStatus>();
        check::<PlanKind>();
        check::<NoteKind>();
        check::<Sex>();
        check::<Answer>();
        check::<EventKind>();
    }
}
