//! As-you-type search over names, PESEL, town, street and phone.
//!
//! Both the indexed text and the query are folded in Rust (lower case, no diacritics, ł→l),
//! because SQLite's unicode61 tokenizer does not fold ł. Every query word is a prefix; all
//! words must match.
//!
//! Order, the same at any size: first people whose surname starts with the word typed (one
//! word only: what a worker types most), then other people whose names match every word,
//! then people matched elsewhere (PESEL, town, street, phone); alphabetical (surname, first
//! name) within each group. Each group is read only while the page is not full, and the
//! first one straight from the sorted list index, so a broad prefix ("k", "kowal") costs the
//! same with a million people as with a thousand: only the rows shown are read.

use crate::error::Result;
use crate::summary::{summary_from_row, ParticipantSummary, SUMMARY_COLUMNS};
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
pub(crate) fn match_expression(query: &str) -> Option<String> {
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

/// The groups of matches, best first.
#[derive(Clone, Copy)]
enum Group {
    /// The surname starts with the single word typed.
    Surname,
    /// Every word matches the names (first name or surname), the surname does not start so.
    Names,
    /// Every word matches, not all of them in the names.
    Elsewhere,
}

impl Store {
    /// The best matches first (see the module notes); archived people only when asked for.
    pub fn search_participants(
        &self,
        query: &str,
        limit: u32,
        include_archived: bool,
    ) -> Result<Vec<ParticipantSummary>> {
        let Some(expr) = match_expression(query) else {
            return Ok(vec![]);
        };
        let words = fold_words(query);
        let surname = match words.as_slice() {
            [word] => Some((word.clone(), format!("{word}{}", char::MAX))),
            _ => None,
        };
        let mut found = Vec::new();
        for group in [Group::Surname, Group::Names, Group::Elsewhere] {
            let left = limit.saturating_sub(found.len() as u32);
            if left == 0 {
                break;
            }
            self.search_group(
                group,
                &expr,
                surname.as_ref(),
                include_archived,
                left,
                &mut found,
            )?;
        }
        Ok(found)
    }

    fn search_group(
        &self,
        group: Group,
        expr: &str,
        surname: Option<&(String, String)>,
        include_archived: bool,
        limit: u32,
        found: &mut Vec<ParticipantSummary>,
    ) -> Result<()> {
        let (low, high) = match surname {
            Some((low, high)) => (Some(low.as_str()), Some(high.as_str())),
            None => (None, None),
        };
        // The groups of sort keys are read through narrow indexes (status, sort key); only
        // the rows shown are read in full.
        let (sql, fts) = match group {
            Group::Surname => {
                if low.is_none() {
                    return Ok(());
                }
                (
                    format!(
                        "SELECT {SUMMARY_COLUMNS} FROM participants p
                         WHERE p.sort_key >= ?2 AND p.sort_key < ?3
                           AND (?4 OR p.status = 'active')
                         ORDER BY p.sort_key, p.seq LIMIT ?5"
                    ),
                    None,
                )
            }
            Group::Names => (ranked(false), Some(format!("{{names}} : ({expr})"))),
            Group::Elsewhere => (
                ranked(true),
                Some(format!("({expr}) NOT {{names}} : ({expr})")),
            ),
        };
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![fts, low, high, include_archived, limit],
            summary_from_row,
        )?;
        for row in rows {
            found.push(row?);
        }
        Ok(())
    }
}

/// How many matches outside the names are put in order at most. A word found in most
/// addresses ("ul", a big town) matches a large share of the registry; the page then shows
/// the first this many matches in alphabetical order, and typing one more letter narrows it.
/// The groups of name matches are always complete.
const ELSEWHERE_CANDIDATES: u32 = 2_000;

/// Matches of an FTS expression (?1) in alphabetical order; the surname group's range
/// (?2..?3) is left out of the names group, whose people it already listed.
fn ranked(elsewhere: bool) -> String {
    let (skip_surnames, cap) = if elsewhere {
        ("", format!("LIMIT {ELSEWHERE_CANDIDATES}"))
    } else {
        (
            "AND (?2 IS NULL OR NOT (k.sort_key >= ?2 AND k.sort_key < ?3))",
            String::new(),
        )
    };
    format!(
        "SELECT {SUMMARY_COLUMNS} FROM (
             SELECT k.seq, k.sort_key
             FROM (SELECT rowid AS seq FROM participant_search WHERE participant_search MATCH ?1 {cap}) h
             JOIN participants k INDEXED BY participants_search_rank ON k.seq = h.seq
             WHERE (?4 OR k.status = 'active') {skip_surnames}
             ORDER BY k.sort_key, k.seq
             LIMIT ?5
         ) t
         JOIN participants p ON p.seq = t.seq
         ORDER BY t.sort_key, t.seq"
    )
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
