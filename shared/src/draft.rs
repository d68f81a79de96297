//! Drafts: a project form saved as typed, valid or not, so that an officer can stop half-way and
//! come back. A draft is checked only for size; the full rules apply when it is submitted.

use crate::project::ProjectForm;
use crate::validation::{FieldError, Problem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest text a draft keeps in one field.
pub const DRAFT_TEXT_MAX: u32 = 10_000;
/// The most rows or choices a draft keeps in one list.
pub const DRAFT_ROWS_MAX: u32 = 100;

/// What a draft will become.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DraftKind {
    /// A project not created yet.
    NewProject,
    /// Changes to an existing project.
    EditProject,
}

impl DraftKind {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            DraftKind::NewProject => "new_project",
            DraftKind::EditProject => "edit_project",
        }
    }

    /// Reads a code.
    pub fn from_code(code: &str) -> Option<Self> {
        [DraftKind::NewProject, DraftKind::EditProject]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// A saved draft of a project form. Only its author sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Draft {
    /// The draft's identifier.
    pub id: i64,
    /// What it will become.
    pub kind: DraftKind,
    /// The program the project is (or will be) in.
    pub program_id: i64,
    /// The project it changes, for an edit.
    pub project_id: Option<i64>,
    /// The form exactly as typed.
    pub form: ProjectForm,
    /// When it was first saved (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last saved (UTC).
    pub updated_at: DateTime<Utc>,
}

impl Draft {
    /// The name typed, if any, to list the draft by.
    pub fn title(&self) -> Option<&str> {
        Some(self.form.name.trim()).filter(|t| !t.is_empty())
    }

    /// The address of the form that continues this draft.
    pub fn continue_path(&self) -> String {
        match self.project_id {
            Some(project) => format!("/projects/{project}/edit?draft={}", self.id),
            None => format!(
                "/programs/{}/projects/new?draft={}",
                self.program_id, self.id
            ),
        }
    }
}

/// Checks a form to be kept as a draft: any value is kept as typed, within generous limits
/// (so that a draft cannot fill the database); every field over a limit is named.
pub fn check_draft(form: &ProjectForm) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut text = |field: String, value: &str| {
        if value.chars().count() > DRAFT_TEXT_MAX as usize {
            errors.push(FieldError::new(
                field,
                Problem::TooLong {
                    max: DRAFT_TEXT_MAX,
                },
            ));
        }
    };
    for (field, value) in [
        ("name", &form.name),
        ("kind", &form.kind),
        ("country", &form.country),
        ("start_date", &form.start_date),
        ("end_date", &form.end_date),
        ("description", &form.description),
        ("status", &form.status),
        ("currency", &form.currency),
    ] {
        text(field.to_owned(), value);
    }
    for (i, row) in form.planned_crops.iter().enumerate() {
        text(crate::project::planned_field(i, "crop"), &row.crop);
        text(crate::project::planned_field(i, "hectares"), &row.hectares);
    }
    for (i, value) in form.illicit_crops.iter().enumerate() {
        text(format!("illicit_crops[{i}]"), value);
    }
    for (i, value) in form.donors.iter().enumerate() {
        text(format!("donors[{i}]"), value);
    }
    for (field, count) in [
        ("planned_crops", form.planned_crops.len()),
        ("illicit_crops", form.illicit_crops.len()),
        ("donors", form.donors.len()),
    ] {
        if count > DRAFT_ROWS_MAX as usize {
            errors.push(FieldError::new(
                field,
                Problem::TooMany {
                    max: DRAFT_ROWS_MAX,
                },
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::PlannedCropForm;

    #[test]
    fn a_draft_keeps_invalid_values_as_typed() {
        let form = ProjectForm {
            name: String::new(),
            start_date: "31/02/2025".into(),
            planned_crops: vec![PlannedCropForm {
                crop: "cocoa".into(),
                hectares: "1,234".into(),
            }],
            ..ProjectForm::default()
        };
        assert!(form.validate().is_err());
        assert_eq!(check_draft(&form), Ok(()));
    }

    #[test]
    fn a_draft_over_the_size_limits_names_each_field() {
        let form = ProjectForm {
            description: "x".repeat(DRAFT_TEXT_MAX as usize + 1),
            planned_crops: vec![PlannedCropForm::default(); DRAFT_ROWS_MAX as usize + 1],
            ..ProjectForm::default()
        };
        let fields: Vec<String> = check_draft(&form)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["description", "planned_crops"]);
    }

    #[test]
    fn a_draft_continues_where_it_was_started() {
        let mut draft = Draft {
            id: 4,
            kind: DraftKind::NewProject,
            program_id: 2,
            project_id: None,
            form: ProjectForm {
                name: "  ".into(),
                ..ProjectForm::default()
            },
            created_at: Utc::now(),
            updated_at: Utc::now(),
        };
        assert_eq!(draft.title(), None);
        assert_eq!(draft.continue_path(), "/programs/2/projects/new?draft=4");
        draft.project_id = Some(9);
        draft.kind = DraftKind::EditProject;
        assert_eq!(draft.continue_path(), "/projects/9/edit?draft=4");
    }
}
