//! The participant registry as both front ends use it: listing and searching in pages.

use crate::error::ApiError;
use kartoteka_store::participants::{ParticipantPage, ParticipantSummary};
use kartoteka_store::Store;

/// The most rows one list or search page returns, in the window and the CLI alike.
pub const PAGE_LIMIT: u32 = 1000;

/// A page size as asked for: 1 to `PAGE_LIMIT`; anything else is refused (never silently cut).
pub fn page_limit(limit: u32) -> Result<u32, ApiError> {
    if (1..=PAGE_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(ApiError::invalid(
            "limit",
            format!(
                "Liczba wierszy na stronie musi wynosić od 1 do {PAGE_LIMIT} (podano {limit}); dalsze wiersze czytaj z przesunięciem (--offset)."
            ),
        ))
    }
}

/// One page of the registry in surname order.
pub fn page(
    store: &Store,
    offset: u32,
    limit: u32,
    include_archived: bool,
) -> Result<ParticipantPage, ApiError> {
    Ok(store.participant_page(offset, page_limit(limit)?, include_archived)?)
}

/// As-you-type search, best match first.
pub fn search(
    store: &Store,
    query: &str,
    limit: u32,
    include_archived: bool,
) -> Result<Vec<ParticipantSummary>, ApiError> {
    Ok(store.search_participants(query, page_limit(limit)?, include_archived)?)
}
