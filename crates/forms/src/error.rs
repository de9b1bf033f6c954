//! The one error type of this crate. Messages are Polish and say what to do.

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum FormsError {
    /// The organisation's logo strip is not a PNG or JPEG image that can be read.
    #[error("Nie można odczytać paska logotypów ({0}). Wgraj plik PNG lub JPEG w ustawieniach organizacji.")]
    Logo(String),
    /// The model holds a value the document cannot print (e.g. an unknown code).
    #[error("Nie można wydrukować dokumentu: {0}")]
    Input(String),
    /// printpdf or the PDF writer failed.
    #[error("Nie udało się zapisać dokumentu PDF: {0}")]
    Pdf(String),
}

pub type Result<T, E = FormsError> = std::result::Result<T, E>;
