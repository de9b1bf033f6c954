//! Group work and community events: groups of a project's participants on one catalogue
//! service, their sessions (each present member gets a delivery on their own plan where the
//! plan has the service), and events open to the public.
//!
//! Invariant: recording a session is one transaction — the session, every member's
//! attendance and every delivery it logs, or nothing.

use crate::decode::{from_json, parse_day, parse_id, to_json};
use crate::error::{Result, StoreError};
use crate::write::{Source, Tx};
use crate::Store;
use chrono::NaiveDate;
use kartoteka_domain::group::{
    session_quantity_centi, CommunityEvent, EventData, EventInput, Group, GroupInput, GroupMember,
    Session, SessionAdded, SessionAttendance, SessionData, SessionInput, UnplannedAttendance,
};
use kartoteka_domain::plan::{Attendance, DeliveryData, Unit};
use kartoteka_domain::{Id, ValidationErrors};
use rusqlite::{params, Connection, OptionalExtension};

/// A row of `unplanned_attendance`: group id and name, service, person id and name, sessions,
/// first and last day.
type UnplannedRow = (String, String, String, String, String, u32, String, String);

fn not_found(what: &'static str, id: &str) -> StoreError {
    StoreError::NotFound {
        what,
        id: id.to_owned(),
    }
}

fn members_of(conn: &Connection, group_id: &str) -> Result<Vec<GroupMember>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.participant_id, p.first_name || ' ' || p.last_name, m.joined_on, m.left_on
           FROM group_members m JOIN participants p ON p.id = m.participant_id
          WHERE m.group_id = ?1 ORDER BY p.sort_key, m.joined_on",
    )?;
    let rows = stmt
        .query_map([group_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, name, joined, left)| {
            Ok(GroupMember {
                participant_id: parse_id(&id)?,
                name,
                joined_on: parse_day(&joined)?,
                left_on: left.as_deref().map(parse_day).transpose()?,
            })
        })
        .collect()
}

fn load_group(conn: &Connection, id: &str) -> Result<Group> {
    let row = conn
        .query_row(
            "SELECT g.id, g.project_id, pr.name, s.id, s.name, s.unit, g.data,
                    (SELECT count(*) FROM group_sessions gs WHERE gs.group_id = g.id)
               FROM work_groups g JOIN projects pr ON pr.id = g.project_id
               JOIN services s ON s.id = g.service_id WHERE g.id = ?1",
            [id.trim()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, u32>(7)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| not_found("grupa", id))?;
    let (gid, project_id, project_name, service_id, service_name, unit, data, sessions) = row;
    Ok(Group {
        members: members_of(conn, &gid)?,
        id: parse_id(&gid)?,
        project_id: parse_id(&project_id)?,
        project_name,
        service_id,
        service_name,
        unit: Unit::parse(&unit).unwrap_or(Unit::Hour),
        data: from_json(&data, "zapis grupy")?,
        sessions,
    })
}

impl Tx<'_> {
    /// The planned service of `participant`'s signed plan in the project that has `service`
    /// and whose period (the plan's and the service's) includes `day`.
    fn plan_service_on(
        &self,
        participant: &str,
        project: &str,
        service: &str,
        day: NaiveDate,
    ) -> Result<Option<String>> {
        let day = day.to_string();
        Ok(self
            .tx
            .prepare_cached(
                "SELECT ps.id FROM planned_services ps JOIN plans p ON p.id = ps.plan_id
                   JOIN enrolments e ON e.id = p.enrolment_id
                  WHERE e.participant_id = ?1 AND e.project_id = ?2 AND ps.service_id = ?3
                    AND p.status = 'signed'
                    AND ?4 BETWEEN json_extract(p.data, '$.start_date') AND json_extract(p.data, '$.end_date')
                    AND ?4 >= coalesce(json_extract(ps.data, '$.start_date'), '')
                    AND ?4 <= coalesce(json_extract(ps.data, '$.end_date'), '9999')
                  ORDER BY p.version DESC LIMIT 1",
            )?
            .query_row(params![participant, project, service, day], |r| r.get(0))
            .optional()?)
    }
}

impl Store {
    pub fn add_group(
        &mut self,
        source: Source,
        project_id: &str,
        input: &GroupInput,
    ) -> Result<Id> {
        let project_id = project_id.trim();
        let project = Store::project_data(self.conn(), project_id)?;
        let (data, service_ref) = input.parse(&project)?;
        let service = match self.service(&service_ref) {
            Ok(s) if !s.data.active => {
                return Err(ValidationErrors::single(
                    "service",
                    format!(
                        "Usługa „{}” została wycofana z katalogu — wybierz inną",
                        s.data.name
                    ),
                )
                .into())
            }
            Ok(s) => s,
            Err(StoreError::NotFound { .. }) => {
                return Err(ValidationErrors::single(
                    "service",
                    format!("Usługa: nie ma w katalogu usługi „{service_ref}”"),
                )
                .into())
            }
            Err(e) => return Err(e),
        };
        self.write(source, |tx| {
            let id = Id::new_v7();
            let now = tx.now_text();
            tx.tx.execute(
                "INSERT INTO work_groups(id, project_id, service_id, data, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![
                    id.to_string(),
                    project_id,
                    service.id.to_string(),
                    to_json(&data),
                    now
                ],
            )?;
            tx.audit(
                "group",
                &id.to_string(),
                "create",
                vec!["name".into(), "service".into(), "period".into()],
            );
            Ok(id)
        })
    }

    pub fn group(&self, id: &str) -> Result<Group> {
        load_group(self.conn(), id)
    }

    /// A project's groups, by name (an unknown project is "not found").
    pub fn groups(&self, project_id: &str) -> Result<Vec<Group>> {
        Store::project_data(self.conn(), project_id.trim())?;
        let ids: Vec<String> = self
            .conn()
            .prepare_cached(
                "SELECT id FROM work_groups WHERE project_id = ?1
                  ORDER BY json_extract(data, '$.name') COLLATE NOCASE, id",
            )?
            .query_map([project_id.trim()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| load_group(self.conn(), id)).collect()
    }

    /// A participant of the project joins the group on `on` (today when not given).
    pub fn join_group(
        &mut self,
        source: Source,
        group_id: &str,
        participant_id: &str,
        on: Option<NaiveDate>,
    ) -> Result<Group> {
        let group = load_group(self.conn(), group_id)?;
        let participant_id = participant_id.trim();
        let person = self.participant(participant_id)?;
        let day = on.unwrap_or(self.clock().today());
        if day < group.data.start_date || day > group.data.end_date {
            return Err(ValidationErrors::single(
                "date",
                format!(
                    "Data dołączenia musi mieścić się w okresie grupy ({} – {})",
                    group.data.start_date.format("%d.%m.%Y"),
                    group.data.end_date.format("%d.%m.%Y")
                ),
            )
            .into());
        }
        let enrolled = self
            .enrolments_of_participant(participant_id)?
            .into_iter()
            .any(|e| e.project_id == group.project_id && e.end.is_none());
        if !enrolled {
            return Err(StoreError::Conflict(format!(
                "{} {} nie uczestniczy w projekcie „{}” — najpierw zapisz tę osobę do projektu.",
                person.data.first_name, person.data.last_name, group.project_name
            )));
        }
        if group
            .members
            .iter()
            .any(|m| m.participant_id == person.id && m.left_on.is_none_or(|l| l >= day))
        {
            return Err(StoreError::Conflict(format!(
                "{} {} już należy do grupy „{}”.",
                person.data.first_name, person.data.last_name, group.data.name
            )));
        }
        let gid = group.id.to_string();
        self.write(source, |tx| {
            let id = Id::new_v7();
            let now = tx.now_text();
            tx.tx.execute(
                "INSERT INTO group_members(id, group_id, participant_id, joined_on, left_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?5)",
                params![id.to_string(), gid, participant_id, day.to_string(), now],
            )?;
            tx.audit("group_member", &id.to_string(), "create", vec!["joined_on".into()]);
            Ok(())
        })?;
        self.group(&gid)
    }

    /// A member leaves the group on `on` (today when not given); their attendance stays.
    pub fn leave_group(
        &mut self,
        source: Source,
        group_id: &str,
        participant_id: &str,
        on: Option<NaiveDate>,
    ) -> Result<Group> {
        let group = load_group(self.conn(), group_id)?;
        let day = on.unwrap_or(self.clock().today());
        let gid = group.id.to_string();
        let membership: Option<(String, String)> = self
            .conn()
            .query_row(
                "SELECT id, joined_on FROM group_members WHERE group_id = ?1 AND participant_id = ?2 AND left_on IS NULL",
                [gid.as_str(), participant_id.trim()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((membership, joined)) = membership else {
            return Err(StoreError::Conflict(format!(
                "Ta osoba nie należy teraz do grupy „{}”.",
                group.data.name
            )));
        };
        if day < parse_day(&joined)? {
            return Err(ValidationErrors::single(
                "date",
                "Data odejścia: nie może być wcześniej niż dołączenie do grupy",
            )
            .into());
        }
        self.write(source, |tx| {
            tx.tx.execute(
                "UPDATE group_members SET left_on = ?2, updated_at = ?3 WHERE id = ?1",
                params![membership, day.to_string(), tx.now_text()],
            )?;
            tx.audit("group_member", &membership, "end", vec!["left_on".into()]);
            Ok(())
        })?;
        self.group(&gid)
    }

    /// Records a held session: the members of the day, who was present, and a delivery of the
    /// group's service on each present member's plan that has it.
    pub fn add_session(
        &mut self,
        source: Source,
        group_id: &str,
        input: &SessionInput,
    ) -> Result<SessionAdded> {
        let group = load_group(self.conn(), group_id)?;
        let data: SessionData = input.parse(&group.data, self.clock().today())?;
        let members: Vec<&GroupMember> = group.members.iter().filter(|m| m.on(data.date)).collect();
        let present: Vec<String> = input
            .present
            .iter()
            .flatten()
            .map(|p| p.trim().to_owned())
            .collect();
        let mut errors = ValidationErrors::default();
        for (i, id) in present.iter().enumerate() {
            if !members.iter().any(|m| m.participant_id.to_string() == *id) {
                errors.push(
                    format!("present.{i}"),
                    format!(
                        "Obecni: osoba {} nie należy do grupy w dniu {}",
                        i + 1,
                        data.date.format("%d.%m.%Y")
                    ),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let gid = group.id.to_string();
        let project = group.project_id.to_string();
        let quantity = session_quantity_centi(group.unit, &data);
        let delivered_by = group
            .data
            .specialist
            .clone()
            .unwrap_or_else(|| self.worker().to_owned());
        let note = format!("Zajęcia grupowe „{}”: {}", group.data.name, data.topic);
        self.write(source, |tx| {
            let taken: Option<String> = tx
                .tx
                .query_row(
                    "SELECT id FROM group_sessions WHERE group_id = ?1 AND session_date = ?2
                        AND json_extract(data, '$.from') = ?3",
                    params![gid, data.date.to_string(), data.from.format("%H:%M:%S").to_string()],
                    |r| r.get(0),
                )
                .optional()?;
            if taken.is_some() {
                return Err(StoreError::Conflict(format!(
                    "Zajęcia grupy z {} o {} są już zapisane.",
                    data.date.format("%d.%m.%Y"),
                    data.from.format("%H:%M")
                )));
            }
            let id = Id::new_v7();
            let now = tx.now_text();
            tx.tx.execute(
                "INSERT INTO group_sessions(id, group_id, session_date, data, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id.to_string(), gid, data.date.to_string(), to_json(&data), now],
            )?;
            let mut deliveries = 0;
            let mut not_in_plan = Vec::new();
            for m in &members {
                let person = m.participant_id.to_string();
                let here = present.contains(&person);
                let mut delivery = None;
                if here {
                    match tx.plan_service_on(&person, &project, &group.service_id, data.date)? {
                        Some(ps) => {
                            let d = Id::new_v7().to_string();
                            tx.insert_delivery(
                                &d,
                                &ps,
                                &DeliveryData {
                                    date: data.date,
                                    quantity_centi: quantity,
                                    delivered_by: delivered_by.clone(),
                                    attendance: Attendance::Present,
                                    note: Some(note.clone()),
                                },
                            )?;
                            deliveries += 1;
                            delivery = Some(d);
                        }
                        None => not_in_plan.push(person.clone()),
                    }
                }
                tx.tx
                    .prepare_cached(
                        "INSERT INTO session_attendance(id, session_id, participant_id, present, delivery_id, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )?
                    .execute(params![Id::new_v7().to_string(), id.to_string(), person, here, delivery, now])?;
            }
            tx.audit("group_session", &id.to_string(), "create", vec!["date".into(), "topic".into(), "present".into()]);
            Ok(SessionAdded {
                id,
                deliveries,
                not_in_plan,
            })
        })
    }

    /// A group's sessions, newest first, each with its members' attendance.
    pub fn sessions(&self, group_id: &str) -> Result<Vec<Session>> {
        let group = load_group(self.conn(), group_id)?;
        let gid = group.id.to_string();
        let rows: Vec<(String, String)> = self
            .conn()
            .prepare_cached(
                "SELECT id, data FROM group_sessions WHERE group_id = ?1
                  ORDER BY session_date DESC, json_extract(data, '$.from') DESC",
            )?
            .query_map([gid.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, data) in rows {
            let attendance = self
                .conn()
                .prepare_cached(
                    "SELECT a.participant_id, p.first_name || ' ' || p.last_name, a.present, a.delivery_id
                       FROM session_attendance a JOIN participants p ON p.id = a.participant_id
                      WHERE a.session_id = ?1 ORDER BY p.sort_key",
                )?
                .query_map([id.as_str()], |r| {
                    Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?
                .collect::<rusqlite::Result<Vec<(String, String, bool, Option<String>)>>>()?
                .into_iter()
                .map(|(pid, name, present, delivery_id)| {
                    Ok(SessionAttendance {
                        participant_id: parse_id(&pid)?,
                        name,
                        present,
                        delivery_id,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            out.push(Session {
                id: parse_id(&id)?,
                group_id: group.id,
                data: from_json(&data, "zapis zajęć")?,
                attendance,
            });
        }
        Ok(out)
    }

    /// Records a community event of the project, with the registry's people who took part.
    pub fn add_event(
        &mut self,
        source: Source,
        project_id: &str,
        input: &EventInput,
    ) -> Result<Id> {
        let project_id = project_id.trim();
        let project = Store::project_data(self.conn(), project_id)?;
        let data: EventData = input.parse(&project, self.clock().today())?;
        let people: Vec<String> = input
            .participants
            .iter()
            .flatten()
            .map(|p| p.trim().to_owned())
            .collect();
        let mut errors = ValidationErrors::default();
        for (i, id) in people.iter().enumerate() {
            if matches!(self.participant(id), Err(StoreError::NotFound { .. })) {
                errors.push(
                    format!("participants.{i}"),
                    format!("Uczestnicy: nie ma w kartotece osoby {}", i + 1),
                );
            } else if people[..i].contains(id) {
                errors.push(
                    format!("participants.{i}"),
                    format!("Uczestnicy: osoba {} podana dwa razy", i + 1),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        self.write(source, |tx| {
            let id = Id::new_v7();
            let now = tx.now_text();
            tx.tx.execute(
                "INSERT INTO community_events(id, project_id, event_date, data, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id.to_string(), project_id, data.date.to_string(), to_json(&data), now],
            )?;
            for p in &people {
                tx.tx
                    .prepare_cached(
                        "INSERT INTO event_participants(id, event_id, participant_id, created_at) VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(params![Id::new_v7().to_string(), id.to_string(), p, now])?;
            }
            tx.audit("community_event", &id.to_string(), "create", vec!["date".into(), "title".into(), "headcount".into(), "participants".into()]);
            Ok(id)
        })
    }

    /// A project's community events, newest first.
    pub fn events(&self, project_id: &str) -> Result<Vec<CommunityEvent>> {
        Store::project_data(self.conn(), project_id.trim())?;
        let rows: Vec<(String, String, String)> = self
            .conn()
            .prepare_cached(
                "SELECT id, project_id, data FROM community_events WHERE project_id = ?1
                  ORDER BY event_date DESC, id",
            )?
            .query_map([project_id.trim()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, project, data)| {
                let data: EventData = from_json(&data, "zapis wydarzenia")?;
                let participants = self
                    .conn()
                    .prepare_cached("SELECT participant_id FROM event_participants WHERE event_id = ?1 ORDER BY participant_id")?
                    .query_map([id.as_str()], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()?;
                Ok(CommunityEvent {
                    id: parse_id(&id)?,
                    project_id: parse_id(&project)?,
                    kind_label: data.kind.polish().to_owned(),
                    data,
                    participants,
                })
            })
            .collect()
    }

    /// Who was present at a project's group sessions without the group's service in a plan
    /// (so no delivery reached them), per group and person.
    pub fn unplanned_attendance(&self, project_id: &str) -> Result<Vec<UnplannedAttendance>> {
        Store::project_data(self.conn(), project_id.trim())?;
        let rows: Vec<UnplannedRow> = self
            .conn()
            .prepare_cached(
                "SELECT g.id, json_extract(g.data, '$.name'), sv.name, a.participant_id,
                        p.first_name || ' ' || p.last_name, count(*), min(s.session_date), max(s.session_date)
                   FROM session_attendance a JOIN group_sessions s ON s.id = a.session_id
                   JOIN work_groups g ON g.id = s.group_id JOIN services sv ON sv.id = g.service_id
                   JOIN participants p ON p.id = a.participant_id
                  WHERE g.project_id = ?1 AND a.present = 1 AND a.delivery_id IS NULL
                  GROUP BY g.id, a.participant_id
                  ORDER BY json_extract(g.data, '$.name') COLLATE NOCASE, p.sort_key",
            )?
            .query_map([project_id.trim()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(
                |(g, group_name, service_name, p, name, sessions, first, last)| {
                    Ok(UnplannedAttendance {
                        group_id: parse_id(&g)?,
                        group_name,
                        service_name,
                        participant_id: parse_id(&p)?,
                        name,
                        sessions,
                        first: parse_day(&first)?,
                        last: parse_day(&last)?,
                    })
                },
            )
            .collect()
    }
}
