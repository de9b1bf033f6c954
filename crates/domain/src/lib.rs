//! Domain types and rules of Kartoteka.
//!
//! Architecture invariant: this crate does no I/O and knows nothing of storage, windows or
//! files. Values of the parsed types (`Pesel`, `PostalCode`, `Email`, `PhoneNumber`, …) are
//! always valid; transport types (`*Input`) carry raw user text and are turned into domain
//! types by `parse`, which reports every bad field at once with a Polish message.

pub mod closed;
pub mod consent;
pub mod enrolment;
pub mod error;
pub mod fold;
pub mod group;
pub mod ids;
pub mod participant;
pub mod pesel;
pub mod plan;
pub mod project;
pub mod recruitment;
pub mod relation;
pub mod text;
pub mod values;

pub use error::{FieldError, ValidationErrors};
pub use ids::Id;
pub use pesel::{Pesel, Sex};
