//! The register of generated documents: what was printed, for whom, from which consent text
//! version, when, and its SHA-256. The inputs are kept (encrypted, in the store) so the same
//! document can be rendered again byte for byte.

use crate::error::{Result, StoreError};
use crate::write::Source;
use crate::Store;
use kartoteka_domain::Id;
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

/// A document about to be recorded.
pub struct NewDocument<'a> {
    pub kind: &'a str,
    pub participant_id: Option<&'a str>,
    pub project_id: Option<&'a str>,
    pub template_version_id: Option<&'a str>,
    pub sha256: &'a str,
    pub bytes: usize,
    /// JSON of everything the document was rendered from.
    pub model: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DocumentRecord {
    pub id: String,
    pub kind: String,
    pub participant_id: Option<String>,
    pub participant_name: Option<String>,
    pub project_id: Option<String>,
    pub template_version_id: Option<String>,
    pub generated_at: String,
    pub sha256: String,
    pub bytes: u32,
    pub generated_by: String,
}

const COLUMNS: &str =
    "d.id, d.kind, d.participant_id, p.first_name || ' ' || p.last_name, d.project_id,
    d.template_version_id, d.generated_at, d.sha256, d.bytes, d.generated_by";

fn from_row(r: &Row) -> rusqlite::Result<DocumentRecord> {
    Ok(DocumentRecord {
        id: r.get(0)?,
        kind: r.get(1)?,
        participant_id: r.get(2)?,
        participant_name: r.get(3)?,
        project_id: r.get(4)?,
        template_version_id: r.get(5)?,
        generated_at: r.get(6)?,
        sha256: r.get(7)?,
        bytes: r.get(8)?,
        generated_by: r.get(9)?,
    })
}

impl Store {
    pub fn record_document(&mut self, source: Source, doc: NewDocument) -> Result<DocumentRecord> {
        let id = self
            .record_documents(source, vec![doc])?
            .pop()
            .expect("one document recorded");
        self.document(&id)
    }

    /// Records several documents (a batch) in one transaction; returns their ids.
    pub fn record_documents(
        &mut self,
        source: Source,
        docs: Vec<NewDocument>,
    ) -> Result<Vec<String>> {
        let worker = self.worker().to_owned();
        self.write(source, |tx| {
            docs.into_iter()
                .map(|doc| record_one(tx, &worker, doc))
                .collect()
        })
    }
}

fn record_one(tx: &mut crate::write::Tx, worker: &str, doc: NewDocument) -> Result<String> {
    let id = Id::new_v7().to_string();
    tx.tx.execute(
        "INSERT INTO documents(id, kind, participant_id, project_id, template_version_id, generated_at, sha256, bytes, model, generated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            doc.kind,
            doc.participant_id,
            doc.project_id,
            doc.template_version_id,
            tx.now_text(),
            doc.sha256,
            doc.bytes as i64,
            doc.model.to_string(),
            worker
        ],
    )?;
    tx.audit("document", &id, "generate", vec![doc.kind.to_owned()]);
    if let Some(p) = doc.participant_id {
        tx.audit(
            "participant",
            p,
            "document_generated",
            vec![doc.kind.to_owned()],
        );
    }
    Ok(id)
}

impl Store {
    pub fn document(&self, id: &str) -> Result<DocumentRecord> {
        let sql = format!("SELECT {COLUMNS} FROM documents d LEFT JOIN participants p ON p.id = d.participant_id WHERE d.id = ?1");
        self.conn()
            .query_row(&sql, [id.trim()], from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "dokument",
                id: id.to_owned(),
            })
    }

    /// The inputs a recorded document was rendered from.
    pub fn document_model(&self, id: &str) -> Result<serde_json::Value> {
        let text: String = self
            .conn()
            .query_row(
                "SELECT model FROM documents WHERE id = ?1",
                [id.trim()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "dokument",
                id: id.to_owned(),
            })?;
        serde_json::from_str(&text)
            .map_err(|e| StoreError::Corrupt(format!("zapis dokumentu nieczytelny: {e}")))
    }

    /// Generated documents, newest first: one person's, or all.
    pub fn documents(
        &self,
        participant_id: Option<&str>,
        limit: u32,
    ) -> Result<Vec<DocumentRecord>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM documents d LEFT JOIN participants p ON p.id = d.participant_id
             WHERE ?1 IS NULL OR d.participant_id = ?1 ORDER BY d.generated_at DESC, d.id DESC LIMIT ?2"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![participant_id.map(str::trim), limit], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
