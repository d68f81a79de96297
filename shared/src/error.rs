//! The one error shape of the REST API, shared so that clients (and the tests) can read it.

use serde::{Deserialize, Serialize};

/// The body of every error response: `{"error": {...}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// What went wrong, for people and for programs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// The HTTP status code, repeated for convenience.
    pub status: u16,
    /// A stable machine-readable code: `validation_failed`, `not_found`, `invalid_json`,
    /// `unavailable`, `internal`.
    pub code: String,
    /// A sentence for people, in the language the client asked for (`Accept-Language`).
    pub message: String,
    /// For `validation_failed`: one entry per invalid field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldErrorBody>,
}

/// One invalid field in an error response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldErrorBody {
    /// The field's path, such as `end_date` or `planned_crops[0].hectares`.
    pub field: String,
    /// A stable code for the problem, such as `required` or `end_not_after_start`.
    pub code: String,
    /// The message shown next to the field in the forms.
    pub message: String,
}
