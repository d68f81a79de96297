//! Programs: the umbrella under which an agency or NGO runs its alternative development projects.

use crate::validation::{Collector, FieldError, optional_text, required_line};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The most characters in a program or project name.
pub const NAME_MAX: u32 = 200;
/// The most characters in a description.
pub const DESCRIPTION_MAX: u32 = 2000;

/// What a user typed or sent to create a program, as text, before validation. It serves the HTML
/// form, the server function and the REST API alike; unknown JSON fields are refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgramForm {
    /// The program's name (required, at most 200 characters, unique).
    pub name: String,
    /// What the program is about (optional, at most 2,000 characters).
    pub description: String,
}

/// A program ready to be stored: every field valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProgram {
    /// The name, trimmed.
    pub name: String,
    /// The description, trimmed; `None` when empty.
    pub description: Option<String>,
}

crate::text_form_from_pairs!(ProgramForm { name, description });

impl ProgramForm {
    /// Checks every field, reporting every problem at once.
    pub fn validate(&self) -> Result<NewProgram, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let name = ok.take(required_line("name", &self.name, NAME_MAX));
        let description = ok.take(optional_text(
            "description",
            &self.description,
            DESCRIPTION_MAX,
        ));
        match (name, description) {
            (Some(name), Some(description)) if errors.is_empty() => {
                Ok(NewProgram { name, description })
            }
            _ => Err(errors),
        }
    }
}

/// A stored program, as pages and the API show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Program {
    /// The program's identifier.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its description, if any.
    pub description: Option<String>,
    /// The organisation that runs it.
    pub organisation_id: Option<i64>,
    /// Whether this is demonstration data seeded by the run command.
    pub is_demo: bool,
    /// How many projects it has (that the reader may see).
    pub project_count: i64,
    /// When it was created (UTC).
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Problem;

    #[test]
    fn a_program_needs_a_name() {
        let errors = ProgramForm::default().validate().unwrap_err();
        assert_eq!(errors, vec![FieldError::new("name", Problem::Required)]);
    }

    #[test]
    fn a_valid_program_form_is_trimmed_and_an_empty_description_is_none() {
        let form =
            ProgramForm::from_pairs([("name", "  PNIS Sur  "), ("description", " "), ("x", "y")]);
        let program = form.validate().unwrap();
        assert_eq!(program.name, "PNIS Sur");
        assert_eq!(program.description, None);
    }

    #[test]
    fn every_problem_in_a_program_form_is_reported_at_once() {
        let form = ProgramForm {
            name: "n".repeat(201),
            description: "d".repeat(2001),
        };
        let fields: Vec<_> = form
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "description"]);
    }

    #[test]
    fn unknown_json_fields_are_refused() {
        let err = serde_json::from_str::<ProgramForm>(r#"{"name":"a","colour":"red"}"#);
        assert!(
            err.unwrap_err()
                .to_string()
                .contains("unknown field `colour`")
        );
    }
}

/// A program with its projects, as the program page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgramDetail {
    /// The program.
    pub program: Program,
    /// Its projects that the reader may see, by name.
    pub projects: Vec<crate::project::ProjectSummary>,
    /// Whether the reader may create projects in it.
    pub can_create_project: bool,
    /// Whether the reader may see household records somewhere in it (and so its gender view).
    pub sees_households: bool,
    /// Whether the reader sees its funding (a donor viewer: its donor's part).
    #[serde(default)]
    pub sees_funding: bool,
    /// Whether the reader may publish some of its projects (its IATI file).
    #[serde(default)]
    pub can_publish: bool,
    /// Whether the reader sees the outcomes of some of its projects (their household records).
    #[serde(default)]
    pub sees_outcomes: bool,
}
