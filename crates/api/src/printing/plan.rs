//! The plan parts of a snapshot: which plan a form shows, its areas, goals, services and
//! reviews, and the attendance sheet from the delivery log.

use super::*;

/// The plan version a plan print is about: `plan_id` when given (it must belong to the
/// participant and project named), else the participant's current plan — in the project
/// when one is named — the signed version, else the newest draft, else the newest version.
/// `None` for the blank form (no participant, no plan).
pub(super) fn choose_plan(
    store: &Store,
    plan_id: Option<&str>,
    participant_id: Option<&str>,
    project_id: Option<&str>,
) -> Result<Option<PlanView>, ApiError> {
    if let Some(id) = plan_id {
        let plan = store.plan(id)?;
        if participant_id.is_some_and(|p| p.trim() != plan.participant_id) {
            return Err(ApiError::invalid(
                "plan",
                "Ten plan wsparcia dotyczy innego uczestnika",
            ));
        }
        if project_id.is_some_and(|p| Some(p.trim()) != plan.project_id.as_deref()) {
            return Err(ApiError::invalid(
                "plan",
                "Ten plan wsparcia dotyczy innego projektu",
            ));
        }
        return Ok(Some(plan));
    }
    let Some(participant_id) = participant_id else {
        return Ok(None);
    };
    current_plan(store, participant_id, project_id)?
        .map(Some)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                "Ta osoba nie ma planu wsparcia w tym projekcie — najpierw załóż plan (Plany wsparcia), potem go wydrukuj.",
            )
        })
}

/// The participant's current plan in the project (any project when `None`), if any.
pub(super) fn current_plan(
    store: &Store,
    participant_id: &str,
    project_id: Option<&str>,
) -> Result<Option<PlanView>, ApiError> {
    let projects: Vec<(String, String)> = store
        .enrolments_of_participant(participant_id)?
        .into_iter()
        .map(|e| (e.id.to_string(), e.project_id.to_string()))
        .collect();
    let in_project = |enrolment: &Option<String>| match (project_id, enrolment) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(p), Some(enrolment)) => projects
            .iter()
            .any(|(e, project)| e == enrolment && project == p.trim()),
    };
    // Newest enrolment first, newest version first within it.
    let plans: Vec<PlanSummary> = store
        .plans_of_participant(participant_id)?
        .into_iter()
        .filter(|p| in_project(&p.enrolment_id))
        .collect();
    let chosen = plans
        .iter()
        .find(|p| p.status == PlanStatus::Signed)
        .or_else(|| plans.iter().find(|p| p.status == PlanStatus::Draft))
        .or_else(|| plans.first());
    chosen
        .map(|p| store.plan(&p.id))
        .transpose()
        .map_err(Into::into)
}

/// "10 godz." from a quantity in the service's unit.
pub(super) fn amount(quantity: f64, unit_label: &str) -> String {
    let centi = (quantity * 100.0).round() as i64;
    format!("{} {unit_label}", format_quantity(centi))
}

/// A plan version as printed, with the date of the plan an amendment amends.
pub(super) fn plan_snapshot(store: &Store, plan: &PlanView) -> Result<PlanSnapshot, ApiError> {
    let amendment = if plan.version > 1 {
        // Follow the chain back to version 1: its date is the plan's date.
        let mut first = None;
        let mut at = plan.replaces_id.clone();
        let mut steps = 0;
        while let Some(id) = at {
            let earlier = store.plan(&id)?;
            at = earlier.replaces_id.clone();
            first = Some(earlier);
            steps += 1;
            if steps > 1000 {
                return Err(internal("łańcuch aneksów planu nie ma początku"));
            }
        }
        let date = first
            .map(|p| match &p.signing {
                Some(s) => s.participant_signed_on.max(s.worker_signed_on),
                None => p.start_date,
            })
            .unwrap_or(plan.start_date);
        Some((plan.version - 1, date))
    } else {
        None
    };
    let goal_number = |id: &str| plan.goals.iter().position(|g| g.id == id).map(|i| i + 1);
    let reviews = plan
        .reviews
        .iter()
        .map(|r| ReviewSnapshot {
            date: r.review_date,
            changes: r.changes.clone(),
            goals: r
                .goals
                .iter()
                .map(|g| {
                    let which = match goal_number(&g.goal_id.to_string()) {
                        Some(n) => format!("Cel {n}"),
                        None => "Cel z wcześniejszej wersji".to_string(),
                    };
                    match &g.comment {
                        Some(c) => format!("{which}: {} — {c}", g.status.polish()),
                        None => format!("{which}: {}", g.status.polish()),
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
            worker: r.worker.clone(),
        })
        .collect();
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    Ok(PlanSnapshot {
        id: plan.id.clone(),
        version: plan.version,
        status: plan.status_label.clone(),
        draft: plan.status == PlanStatus::Draft,
        worker: plan.worker.clone(),
        start_date: plan.start_date,
        end_date: plan.end_date,
        amendment,
        problem_situation: text(&plan.diagnosis.problem_situation),
        strengths: text(&plan.diagnosis.strengths),
        needs: text(&plan.diagnosis.needs),
        areas: plan
            .diagnosis
            .areas
            .iter()
            .map(|a| AreaSnapshot {
                area: a.area,
                score: a.score,
                comment: text(&a.comment),
            })
            .collect(),
        goals: plan
            .goals
            .iter()
            .map(|g| GoalSnapshot {
                title: g.title.clone(),
                measure: text(&g.measure),
                target_date: g.target_date,
                status: g.status_label.clone(),
                services: g
                    .services
                    .iter()
                    .map(|x| PlannedServiceSnapshot {
                        service: x.service_name.clone(),
                        quantity: amount(x.quantity, &x.unit_label),
                        specialist: text(&x.specialist),
                        start_date: x.start_date,
                        end_date: x.end_date,
                        frequency: text(&x.frequency),
                    })
                    .collect(),
            })
            .collect(),
        commitments: text(&plan.commitments),
        reviews,
        closing: plan.closing.as_ref().map(|c| ClosingSnapshot {
            closed_on: c.closed_on,
            evaluation: c.final_evaluation.clone(),
            worker: c.worker.clone(),
        }),
        signed_on: plan
            .signing
            .as_ref()
            .map(|s| (s.participant_signed_on, s.worker_signed_on)),
        kind: plan.kind,
        team: plan
            .team
            .iter()
            .map(|m| (m.name.clone(), m.role.clone()))
            .collect(),
        worker_obligations: text(&plan.worker_obligations),
        family: plan
            .family_members
            .iter()
            .map(|m| (m.name.clone(), m.relation.clone().unwrap_or_default()))
            .collect(),
        initial_assessment: text(&plan.initial_assessment),
    })
}

/// A catalogue code as typed: capitals, digits and dashes ("TER-PSY").
pub(super) fn looks_like_code(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

/// An attendance request for a catalogue service (its code or id) in a project becomes the
/// sheet of the month from the delivery log; any other service name stays a sheet to fill
/// in by hand, as before.
pub(super) fn attendance_from_log(
    store: &Store,
    a: &AttendanceRequest,
    project_id: Option<&str>,
) -> Result<(Option<AttendanceRequest>, Option<Vec<AttendancePerson>>), ApiError> {
    let service = a.service.trim();
    let catalogue = match store.service(service) {
        Ok(s) => s,
        Err(kartoteka_store::StoreError::NotFound { .. }) if !looks_like_code(service) => {
            return Ok((Some(a.clone()), None));
        }
        Err(kartoteka_store::StoreError::NotFound { .. }) => {
            return Err(ApiError::invalid(
                "service",
                format!(
                "Usługa: nie ma w katalogu usługi o kodzie „{service}” (kartoteka service list)"
            ),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    let project_id = project_id.ok_or_else(|| {
        ApiError::invalid(
            "project",
            "Lista obecności z dziennika realizacji: podaj projekt",
        )
    })?;
    let month = NaiveDate::from_ymd_opt(a.year, a.month, 1)
        .ok_or_else(|| ApiError::invalid("month", "Miesiąc: podaj RRRR-MM, np. 2026-11"))?;
    let log = store.service_month(project_id, &catalogue.id.to_string(), month)?;
    let unit = log.service.data.unit;
    let label = unit.after_number();
    let mut specialists: Vec<String> = Vec::new();
    for p in &log.participants {
        for s in &p.specialists {
            if !specialists.contains(s) {
                specialists.push(s.clone());
            }
        }
    }
    if specialists.is_empty() {
        for p in &log.participants {
            for d in &p.deliveries {
                if !d.delivered_by.is_empty() && !specialists.contains(&d.delivered_by) {
                    specialists.push(d.delivered_by.clone());
                }
            }
        }
    }
    let people = log
        .participants
        .iter()
        .map(|p| {
            let attended: i64 = p
                .deliveries
                .iter()
                .filter(|d| d.attendance == Attendance::Present)
                .map(|d| d.quantity_centi)
                .sum();
            AttendancePerson {
                name: format!("{} {}", p.first_name, p.last_name),
                planned: if p.planned_centi > 0 {
                    format!("{} {label}", format_quantity(p.planned_centi))
                } else {
                    "—".to_string()
                },
                delivered: format!("{} {label}", format_quantity(attended)),
                deliveries: p
                    .deliveries
                    .iter()
                    .map(|d| AttendanceEntry {
                        date: d.date,
                        quantity: format_quantity(d.quantity_centi),
                        attendance: d.attendance.polish().to_string(),
                        attended: d.attendance == Attendance::Present,
                    })
                    .collect(),
            }
        })
        .collect();
    let request = AttendanceRequest {
        service: log.service.data.name.clone(),
        unit: unit.polish().to_string(),
        specialist: if a.specialist.trim().is_empty() {
            specialists.join(", ")
        } else {
            a.specialist.trim().to_string()
        },
        year: a.year,
        month: a.month,
    };
    Ok((Some(request), Some(people)))
}
