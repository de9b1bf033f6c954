//! Laying out a snapshot as a document of `kartoteka_forms` (pure: nothing is read here).

use super::*;

pub(super) fn address_sheet(a: &Address) -> forms::AddressSheet {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    forms::AddressSheet {
        country: a.country.clone().unwrap_or_else(|| "Polska".into()),
        voivodeship: s(&a.voivodeship),
        county: s(&a.county),
        commune: s(&a.commune),
        town: s(&a.town),
        street: s(&a.street),
        building: s(&a.building),
        flat: s(&a.flat),
        postcode: a
            .postcode
            .as_ref()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
        degurba: a.degurba,
    }
}

pub(super) fn participant_sheet(
    p: &ParticipantData,
    enrolment: Option<&EnrolmentStart>,
    signatory: Option<String>,
    project: Option<&ProjectData>,
) -> forms::ParticipantSheet {
    let _ = project;
    forms::ParticipantSheet {
        first_names: p.first_name.clone(),
        surname: p.last_name.clone(),
        sex: p.sex,
        pesel: p.pesel.map(|x| x.as_string()),
        other_id: p.other_id.clone(),
        birth_date: p.birth_date,
        age_on_joining: enrolment.map(|e| p.age_on(e.start_date)),
        citizenship: p.citizenship.clone().unwrap_or_else(|| "polskie".into()),
        education: p.education.clone(),
        address: p.address.as_ref().map(address_sheet).unwrap_or_default(),
        correspondence_address: p.correspondence_address.as_ref().map(address_sheet),
        phone: p
            .phone
            .as_ref()
            .map(|x| x.as_str().to_owned())
            .unwrap_or_default(),
        email: p
            .email
            .as_ref()
            .map(|x| x.as_str().to_owned())
            .unwrap_or_default(),
        labour_status: enrolment
            .and_then(|e| e.status_at_start.clone())
            .or_else(|| p.labour_status.clone()),
        labour_substatus: p.labour_substatus.clone(),
        foreign_origin: p.foreign_origin,
        third_country_national: p.third_country_national,
        minority: p.minority,
        homeless: p.homeless,
        disability: p.disability,
        disability_degree: p.disability_degree.clone(),
        other_disadvantage: p.other_disadvantage,
        accessibility_needs: p.accessibility_needs.clone().unwrap_or_default(),
        start_date: enrolment.map(|e| e.start_date),
        target_group: enrolment
            .and_then(|e| e.target_group.clone())
            .unwrap_or_default(),
        signatory,
        guardian: None,
    }
}

pub(super) fn person_ref(s: &Snapshot) -> Option<forms::PersonRef> {
    s.participant.as_ref().map(|p| forms::PersonRef {
        full_name: p.full_name(),
        pesel: p.pesel.map(|x| x.as_string()),
        signatory: s.signatory.clone(),
    })
}

pub(super) fn context(s: &Snapshot) -> Result<forms::DocumentContext, ApiError> {
    document_context_as(
        &s.organisation,
        s.project.as_ref(),
        s.generated_at,
        s.revision,
    )
}

/// The letterhead of a new document: the organisation, the project (if any) and when.
pub(crate) fn document_context(
    organisation: &OrganisationSettings,
    project: Option<&ProjectData>,
    generated_at: DateTime<FixedOffset>,
) -> Result<forms::DocumentContext, ApiError> {
    document_context_as(
        organisation,
        project,
        generated_at,
        forms::RENDERING_REVISION,
    )
}

/// [`document_context`] as the rendering `revision` of a stored snapshot prints it.
fn document_context_as(
    organisation: &OrganisationSettings,
    project: Option<&ProjectData>,
    generated_at: DateTime<FixedOffset>,
    revision: u32,
) -> Result<forms::DocumentContext, ApiError> {
    use base64::Engine;
    let logo_strip = match &organisation.logo_strip_base64 {
        Some(b64) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map_err(internal)?;
            let format = if bytes.starts_with(b"\x89PNG") {
                forms::ImageFormat::Png
            } else {
                forms::ImageFormat::Jpeg
            };
            Some(forms::LogoStrip::new(bytes, format))
        }
        None => None,
    };
    Ok(forms::DocumentContext {
        organisation: forms::Organisation {
            name: organisation.name.clone(),
            address_lines: organisation.address_lines.clone(),
            logo_strip,
            controller: controller(organisation),
        },
        project: project.map(|p| forms::ProjectHeader {
            name: p.name.clone(),
            agreement_number: p.agreement_number.clone().unwrap_or_default(),
            // Snapshots of revision 2 and older printed no programme line: they regenerate as
            // they were.
            programme: (revision >= 3)
                .then(|| p.programme.clone())
                .flatten()
                .unwrap_or_default(),
            eu_funded: p.eu_funds.is_some_and(|v| v > 0),
            eligibility: p.eligibility_criteria.clone(),
            attachments: p.attachments.clone(),
        }),
        generated_at,
        place: Some(organisation.place.clone()).filter(|p| !p.is_empty()),
        revision,
    })
}

/// The controller the RODO clause names: set once either the controller or the officer is
/// given (an empty controller is the organisation itself). Older snapshots have neither, and
/// print as they did.
fn controller(o: &OrganisationSettings) -> Option<forms::Controller> {
    let name = o.controller_name.trim();
    let dpo = o.dpo_contact.trim();
    if name.is_empty() && dpo.is_empty() {
        return None;
    }
    let address = o.controller_address.trim();
    Some(forms::Controller {
        name: if name.is_empty() { o.name.trim() } else { name }.to_owned(),
        address: if address.is_empty() && name.is_empty() {
            o.address_lines.join(", ")
        } else {
            address.to_owned()
        },
        dpo_contact: dpo.to_owned(),
    })
}

pub(super) fn template(s: &Snapshot) -> Result<forms::ConsentTemplate, ApiError> {
    let t = s.text.as_ref().ok_or_else(|| internal("brak treści"))?;
    Ok(forms::ConsentTemplate {
        title: t.title.clone(),
        version: format!("v{}", t.version),
        text: t.text.clone(),
    })
}

/// Renders a document from its snapshot. The same snapshot always gives the same bytes.
pub fn render_snapshot(s: &Snapshot) -> Result<Vec<u8>, ApiError> {
    lay_out_snapshot(s)?.to_pdf().map_err(internal)
}

pub(super) fn plan_sheet(s: &Snapshot, plan: &PlanSnapshot) -> forms::PlanSheet {
    forms::PlanSheet {
        kind: plan.kind,
        person: person_ref(s).unwrap_or(forms::PersonRef {
            full_name: String::new(),
            pesel: None,
            signatory: s.signatory.clone(),
        }),
        worker: plan.worker.clone(),
        start_date: plan.start_date,
        end_date: plan.end_date,
        version: plan.version,
        status: plan.status.clone(),
        draft: plan.draft,
        amendment: plan
            .amendment
            .map(|(number, plan_date)| forms::PlanAmendment { number, plan_date }),
        problem_situation: plan.problem_situation.clone(),
        strengths: plan.strengths.clone(),
        needs: plan.needs.clone(),
        areas: plan
            .areas
            .iter()
            .map(|a| forms::AreaScore {
                area: a.area,
                score: Some(a.score),
                comment: a.comment.clone(),
            })
            .collect(),
        goals: plan
            .goals
            .iter()
            .map(|g| forms::PlanGoal {
                title: g.title.clone(),
                measure: g.measure.clone(),
                target_date: g.target_date,
                status: g.status.clone(),
                services: g
                    .services
                    .iter()
                    .map(|x| forms::PlanServiceRow {
                        service: x.service.clone(),
                        quantity: x.quantity.clone(),
                        specialist: x.specialist.clone(),
                        start_date: x.start_date,
                        end_date: x.end_date,
                        frequency: x.frequency.clone(),
                    })
                    .collect(),
            })
            .collect(),
        commitments: plan.commitments.clone(),
        reviews: plan
            .reviews
            .iter()
            .map(|r| forms::PlanReviewRow {
                date: r.date,
                changes: r.changes.clone(),
                goals: r.goals.clone(),
                worker: r.worker.clone(),
            })
            .collect(),
        closing: plan.closing.as_ref().map(|c| forms::PlanClosingSheet {
            closed_on: c.closed_on,
            evaluation: c.evaluation.clone(),
            worker: c.worker.clone(),
        }),
        signing: plan
            .signed_on
            .map(|(participant, worker)| forms::PlanSigningSheet {
                participant_signed_on: participant,
                worker_signed_on: worker,
            }),
        team: plan.team.clone(),
        worker_obligations: plan.worker_obligations.clone(),
        family: plan.family.clone(),
        initial_assessment: plan.initial_assessment.clone(),
    }
}

/// Lays a document out from its snapshot, ready to be written alone or into a batch file.
pub fn lay_out_snapshot(s: &Snapshot) -> Result<forms::Document, ApiError> {
    use forms::Model;
    let kind = DocumentKind::parse(&s.kind)
        .ok_or_else(|| internal(format!("nieznany dokument {}", s.kind)))?;
    let ctx = context(s)?;
    let laid = match kind {
        DocumentKind::Enrolment => {
            let sheet = s.participant.as_ref().map(|p| forms::ParticipantSheet {
                guardian: s.guardian.as_ref().map(|g| forms::GuardianSheet {
                    name: g.name.clone(),
                    address: g.address.clone(),
                    phone: g.phone.clone(),
                }),
                ..participant_sheet(
                    p,
                    s.enrolment.as_ref(),
                    s.signatory.clone(),
                    s.project.as_ref(),
                )
            });
            forms::lay_out(&ctx, Model::Enrolment(sheet.as_ref()))
        }
        DocumentKind::Declaration => {
            let sheet = person_ref(s).map(|person| forms::DeclarationSheet {
                person,
                min_attendance_percent: 80,
            });
            forms::lay_out(&ctx, Model::Declaration(sheet.as_ref()))
        }
        DocumentKind::DataStatement => {
            let person = person_ref(s);
            let authority = s.authority_text.as_ref().map(|t| forms::ConsentTemplate {
                title: t.title.clone(),
                version: format!("v{}", t.version),
                text: t.text.clone(),
            });
            forms::lay_out(
                &ctx,
                Model::DataStatement(&template(s)?, authority.as_ref(), person.as_ref()),
            )
        }
        DocumentKind::ImageConsent | DocumentKind::Consent => {
            // A child aged 13–17 on the day of printing signs the image consent too.
            let child = s
                .participant
                .as_ref()
                .is_some_and(|p| (13..18).contains(&p.age_on(s.generated_at.date_naive())));
            let sheet = person_ref(s).map(|person| forms::ImageConsentSheet {
                person,
                consent: s.image_consent,
                child_co_signs: child && kind == DocumentKind::ImageConsent,
            });
            let text = template(s)?;
            forms::lay_out(
                &ctx,
                if kind == DocumentKind::Consent {
                    Model::Consent(&text, sheet.as_ref())
                } else {
                    Model::ImageConsent(&text, sheet.as_ref())
                },
            )
        }
        DocumentKind::Plan => {
            let sheet = s.plan.as_ref().map(|plan| plan_sheet(s, plan));
            forms::lay_out(&ctx, Model::Plan(sheet.as_ref()))
        }
        DocumentKind::Attendance => {
            let a = s.attendance.clone().unwrap_or_default();
            let sheet = match &s.attendance_log {
                // Recorded before the delivery log was read: a sheet to fill in by hand.
                None => forms::AttendanceSheet {
                    service: a.service,
                    unit: a.unit,
                    year: a.year,
                    month: a.month,
                    specialist: a.specialist,
                    rows: vec![],
                    blank_rows: 20,
                    participants: vec![],
                },
                Some(people) => forms::AttendanceSheet {
                    service: a.service,
                    unit: a.unit,
                    year: a.year,
                    month: a.month,
                    specialist: a.specialist,
                    rows: vec![],
                    blank_rows: if people.is_empty() { 20 } else { 3 },
                    participants: people
                        .iter()
                        .map(|p| forms::AttendanceParticipant {
                            name: p.name.clone(),
                            planned: p.planned.clone(),
                            delivered: p.delivered.clone(),
                            deliveries: p
                                .deliveries
                                .iter()
                                .map(|d| forms::AttendanceDelivery {
                                    date: d.date,
                                    quantity: d.quantity.clone(),
                                    attendance: d.attendance.clone(),
                                    attended: d.attended,
                                })
                                .collect(),
                        })
                        .collect(),
                },
            };
            forms::lay_out(&ctx, Model::Attendance(Some(&sheet)))
        }
        DocumentKind::Record => {
            let blocks = s.record.clone().unwrap_or_default();
            let record = forms::PersonRecord {
                full_name: s
                    .participant
                    .as_ref()
                    .map(ParticipantData::full_name)
                    .unwrap_or_default(),
                blocks: blocks
                    .into_iter()
                    .map(|b| match b {
                        Block::Fields { title, fields } => {
                            forms::RecordBlock::Fields { title, fields }
                        }
                        Block::Table {
                            title,
                            columns,
                            rows,
                        } => forms::RecordBlock::Table {
                            title,
                            columns,
                            rows,
                        },
                    })
                    .collect(),
            };
            forms::lay_out(&ctx, Model::Record(&record))
        }
        DocumentKind::ExitStatement => {
            let sheet = person_ref(s).map(|person| forms::ExitStatementSheet {
                person,
                start_date: s.enrolment.as_ref().map(|e| e.start_date),
                end_date: s.exit.as_ref().map(|e| e.end_date),
                situation: s.exit.as_ref().and_then(|e| e.exit_situation.clone()),
            });
            forms::lay_out(&ctx, Model::ExitStatement(sheet.as_ref()))
        }
        DocumentKind::RecoveryKey => {
            return Err(internal(
                "klucz odzyskiwania nie jest zapisywany w rejestrze",
            ))
        }
    };
    laid.map_err(internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> ProjectData {
        serde_json::from_value(serde_json::json!({
            "name": "Razem łatwiej", "agreement_number": "FELD.07.05-IZ.00-0001/26",
            "programme": "Fundusze Europejskie dla Łódzkiego 2021–2027",
            "start_date": "2026-01-01", "end_date": "2027-12-31",
            "participant_target": null, "target_groups": [], "retention_until": null,
            "eu_funds": 8_500_000
        }))
        .unwrap()
    }

    #[test]
    fn the_programme_line_is_printed_from_revision_3_on_so_older_snapshots_keep_their_bytes() {
        let organisation = OrganisationSettings::default();
        let at = DateTime::parse_from_rfc3339("2026-11-07T10:30:00+01:00").unwrap();
        let new = document_context(&organisation, Some(&project()), at)
            .unwrap()
            .project
            .unwrap();
        assert_eq!(
            new.programme,
            "Fundusze Europejskie dla Łódzkiego 2021–2027"
        );
        assert!(new.eu_funded);
        let old = document_context_as(&organisation, Some(&project()), at, 2)
            .unwrap()
            .project
            .unwrap();
        assert_eq!(
            old.programme, "",
            "a revision-2 snapshot printed no programme line"
        );
    }
}
