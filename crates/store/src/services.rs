//! The service catalogue: what a project offers and the unit it is counted in. Seeded by the
//! plans migration; users add, rename and retire services. A retired service stays on the plans
//! that already use it but is not offered for new ones.

use crate::error::{Result, StoreError};
use crate::write::Source;
use crate::Store;
use kartoteka_domain::plan::{Service, ServiceData, ServiceInput, Unit};
use kartoteka_domain::Id;
use rusqlite::{params, OptionalExtension, Row};

const SERVICE_COLUMNS: &str =
    "id, code, name, category, unit, active, sm_efs_scope, sm_efs_kind, sm_efs_detail";

pub(crate) fn service_from_row(r: &Row) -> rusqlite::Result<Result<Service>> {
    let id: String = r.get(0)?;
    let unit: String = r.get(4)?;
    let data = ServiceData {
        code: r.get(1)?,
        name: r.get(2)?,
        category: r.get(3)?,
        unit: Unit::parse(&unit).unwrap_or(Unit::Hour),
        active: r.get::<_, i64>(5)? == 1,
        sm_efs_scope: r.get(6)?,
        sm_efs_kind: r.get(7)?,
        sm_efs_detail: r.get(8)?,
    };
    Ok(id
        .parse::<Id>()
        .map_err(|_| StoreError::Corrupt("identyfikator usługi nieczytelny".into()))
        .map(|id| Service {
            id,
            unit_label: data.unit.polish().to_owned(),
            data,
            sm_efs_default: None,
        }))
}

impl Store {
    /// The catalogue, active services first, by category and name.
    pub fn services(&self, include_retired: bool) -> Result<Vec<Service>> {
        let sql = format!(
            "SELECT {SERVICE_COLUMNS} FROM services {} ORDER BY active DESC, category, name",
            if include_retired {
                ""
            } else {
                "WHERE active = 1"
            }
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows: Vec<Result<Service>> = stmt
            .query_map([], service_from_row)?
            .collect::<Result<_, _>>()?;
        rows.into_iter().collect()
    }

    /// A service by id or by code (any case).
    pub fn service(&self, id_or_code: &str) -> Result<Service> {
        let key = id_or_code.trim();
        let sql =
            format!("SELECT {SERVICE_COLUMNS} FROM services WHERE id = ?1 OR code = upper(?1)");
        self.conn()
            .query_row(&sql, [key], service_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "usługa",
                id: key.to_owned(),
            })?
    }

    pub fn add_service(&mut self, source: Source, input: &ServiceInput) -> Result<Service> {
        let data = input.parse()?;
        let id = self.write(source, |tx| {
            let taken: Option<String> = tx
                .tx
                .query_row(
                    "SELECT name FROM services WHERE code = ?1",
                    [&data.code],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(name) = taken {
                return Err(StoreError::Duplicate {
                    message: format!(
                        "Kod usługi {} ma już usługa „{name}”. Wybierz inny kod.",
                        data.code
                    ),
                    field: Some("code"),
                    existing: Vec::new(),
                });
            }
            let id = Id::new_v7().to_string();
            tx.tx.execute(
                "INSERT INTO services(id, code, name, category, unit, active, sm_efs_scope, sm_efs_kind, sm_efs_detail, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![id, data.code, data.name, data.category, data.unit.as_str(), data.active as i64,
                        data.sm_efs_scope, data.sm_efs_kind, data.sm_efs_detail, tx.now_text()],
            )?;
            let mut fields: Vec<String> = ["code", "name", "category", "unit"].map(String::from).into();
            if data.sm_efs_scope.is_some() {
                fields.extend(["sm_efs_scope", "sm_efs_kind", "sm_efs_detail"].map(String::from));
            }
            tx.audit("service", &id, "create", fields);
            Ok(id)
        })?;
        self.service(&id)
    }

    /// Renames or re-categorises a service, or retires/reactivates it. The unit of a service
    /// already planned somewhere cannot change (it would change what was planned).
    pub fn update_service(
        &mut self,
        source: Source,
        id: &str,
        input: &ServiceInput,
    ) -> Result<Service> {
        let current = self.service(id)?;
        let merged = ServiceInput {
            code: input.code.clone().or(Some(current.data.code.clone())),
            name: input.name.clone().or(Some(current.data.name.clone())),
            category: input
                .category
                .clone()
                .or(Some(current.data.category.clone())),
            unit: input
                .unit
                .clone()
                .or(Some(current.data.unit.as_str().to_owned())),
            active: input.active.or(Some(current.data.active)),
            sm_efs_scope: input
                .sm_efs_scope
                .clone()
                .or(current.data.sm_efs_scope.clone()),
            sm_efs_kind: input
                .sm_efs_kind
                .clone()
                .or(current.data.sm_efs_kind.clone()),
            sm_efs_detail: input
                .sm_efs_detail
                .clone()
                .or(current.data.sm_efs_detail.clone()),
        };
        let data = merged.parse()?;
        let id = current.id.to_string();
        self.write(source, |tx| {
            if data.unit != current.data.unit {
                let used: i64 = tx.tx.query_row(
                    "SELECT count(*) FROM planned_services WHERE service_id = ?1",
                    [&id],
                    |r| r.get(0),
                )?;
                if used > 0 {
                    return Err(kartoteka_domain::ValidationErrors::single(
                        "unit",
                        "Jednostka: usługa jest już w planach — nie można zmienić jej jednostki. Dodaj nową usługę.",
                    )
                    .into());
                }
            }
            if data.code != current.data.code {
                let taken: i64 = tx.tx.query_row(
                    "SELECT count(*) FROM services WHERE code = ?1 AND id <> ?2",
                    [&data.code, &id],
                    |r| r.get(0),
                )?;
                if taken > 0 {
                    return Err(StoreError::Duplicate {
                        message: format!("Kod usługi {} jest już zajęty.", data.code),
                        field: Some("code"),
                        existing: Vec::new(),
                    });
                }
            }
            tx.tx.execute(
                "UPDATE services SET code = ?2, name = ?3, category = ?4, unit = ?5, active = ?6,
                        sm_efs_scope = ?7, sm_efs_kind = ?8, sm_efs_detail = ?9, updated_at = ?10 WHERE id = ?1",
                params![id, data.code, data.name, data.category, data.unit.as_str(), data.active as i64,
                        data.sm_efs_scope, data.sm_efs_kind, data.sm_efs_detail, tx.now_text()],
            )?;
            let mut fields = Vec::new();
            for (name, changed) in [
                ("code", data.code != current.data.code),
                ("name", data.name != current.data.name),
                ("category", data.category != current.data.category),
                ("unit", data.unit != current.data.unit),
                ("active", data.active != current.data.active),
                ("sm_efs_scope", data.sm_efs_scope != current.data.sm_efs_scope),
                ("sm_efs_kind", data.sm_efs_kind != current.data.sm_efs_kind),
                ("sm_efs_detail", data.sm_efs_detail != current.data.sm_efs_detail),
            ] {
                if changed {
                    fields.push(name.to_owned());
                }
            }
            let action = match (current.data.active, data.active) {
                (true, false) => "retire",
                (false, true) => "reactivate",
                _ => "update",
            };
            tx.audit("service", &id, action, fields);
            Ok(())
        })?;
        self.service(&id)
    }
}
