//! As-you-type search over names, PESEL, town, street and phone.
//!
//! Both the indexed text and the query are folded in Rust (lower case, no diacritics, ł→l),
//! because SQLite's unicode61 tokenizer does not fold ł. Every query word is a prefix; all
//! words must match; the best match (names weigh most) comes first.

use crate::error::Result;
use crate::participants::{summary_from_row, ParticipantSummary, SUMMARY_COLUMNS};
use crate::Store;
use kartoteka_domain::fold::{digits, fold, fold_words};
use kartoteka_domain::participant::ParticipantData;
use rusqlite::{params, Transaction};

fn search_columns(data: &ParticipantData) -> [String; 4] {
    let names = fold(&format!("{} {}", data.first_name, data.last_name));
    let pesel = data.pesel.map(|p| p.as_string()).unwrap_or_default();
    let place = data
        .address
        .as_ref()
        .map(|a| {
            fold(&format!(
                "{} {} {}",
                a.town.as_deref().unwrap_or(""),
                a.street.as_deref().unwrap_or(""),
                a.commune.as_deref().unwrap_or("")
            ))
        })
        .unwrap_or_default();
    let phone = data
        .phone
        .as_ref()
        .map(|p| {
            let all = digits(p.as_str());
            // Also index the national number, so "601 234" finds "+48 601 234 567".
            let national = all
                .get(all.len().saturating_sub(9)..)
                .unwrap_or("")
                .to_owned();
            if national == all {
                all
            } else {
                format!("{all} {national}")
            }
        })
        .unwrap_or_default();
    [names, pesel, place, phone]
}

pub(crate) fn index_participant(tx: &Transaction, seq: i64, data: &ParticipantData) -> Result<()> {
    let [names, pesel, place, phone] = search_columns(data);
    tx.prepare_cached("INSERT INTO participant_search(rowid, names, pesel, place, phone) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![seq, names, pesel, place, phone])?;
    Ok(())
}

pub(crate) fn reindex_participant(
    tx: &Transaction,
    seq: i64,
    data: &ParticipantData,
) -> Result<()> {
    tx.prepare_cached("DELETE FROM participant_search WHERE rowid = ?1")?
        .execute([seq])?;
    index_participant(tx, seq, data)
}

/// The FTS5 query for what the user typed: every folded word as a quoted prefix.
/// Returns `None` when nothing searchable was typed.
pub fn match_expression(query: &str) -> Option<String> {
    let mut words = fold_words(query);
    if words.is_empty() {
        return None;
    }
    // "601 234 567" or "440514 01359" is one number typed with spaces: search it as one.
    if words.len() > 1 && words.iter().all(|w| w.bytes().all(|b| b.is_ascii_digit())) {
        words = vec![words.concat()];
    }
    // Words are folded to [a-z0-9 ]: quoting them is enough to keep FTS syntax out.
    Some(
        words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

impl Store {
    /// The best matches first; archived people only when asked for.
    pub fn search_participants(
        &self,
        query: &str,
        limit: u32,
        include_archived: bool,
    ) -> Result<Vec<ParticipantSummary>> {
        let Some(expr) = match_expression(query) else {
            return Ok(vec![]);
        };
        // Rank all matches reading only the FTS index and the narrow participants_search_rank
        // index (not the wide rows: a common prefix matches thousands of people), then read
        // in full only the rows that are shown.
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM (
                 SELECT k.seq, h.score, k.sort_key
                 FROM (SELECT rowid AS seq, bm25(participant_search, 10.0, 5.0, 2.0, 2.0) AS score
                       FROM participant_search WHERE participant_search MATCH ?1) h
                 JOIN participants k INDEXED BY participants_search_rank ON k.seq = h.seq
                 WHERE ?2 OR k.status = 'active'
                 ORDER BY h.score, k.sort_key
                 LIMIT ?3
             ) t
             JOIN participants p ON p.seq = t.seq
             ORDER BY t.score, t.sort_key"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![expr, include_archived, limit], summary_from_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_is_folded_and_every_word_is_a_prefix() {
        assert_eq!(
            match_expression("Wałę ŁÓDŹ").unwrap(),
            "\"wale\"* \"lodz\"*"
        );
        assert_eq!(match_expression("\"OR*("), Some("\"or\"*".into()));
        assert_eq!(match_expression(" - "), None);
        assert_eq!(match_expression("601 234-5").unwrap(), "\"6012345\"*");
    }
}
