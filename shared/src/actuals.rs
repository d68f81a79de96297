//! Indicator actuals: the value an indicator reached in one reporting period, with its
//! disaggregation, and the approval workflow around it — draft → submitted → approved, or
//! returned with a comment. An approved period is locked; a correction after approval is a new
//! revision, kept beside the approved one until it is approved in turn.

use crate::crop::coded_enum;
use crate::i18n::Locale;
use crate::indicator::{Cell, Disaggregation, Unit};
use crate::results::ReportingPeriod;
use crate::validation::{FieldError, Problem, optional_text};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The longest note or comment kept.
pub const ACTUAL_NOTE_MAX: u32 = 2000;

coded_enum! {
    /// Where an actual stands in the workflow.
    ActualStatus {
        Draft => "draft", "Draft", "Borrador";
        Submitted => "submitted", "Submitted for approval", "Enviado para aprobación";
        Approved => "approved", "Approved", "Aprobado";
        Returned => "returned", "Returned for correction", "Devuelto para corrección";
    }
}

coded_enum! {
    /// A step of the workflow.
    ActualStep {
        Save => "save", "Saved", "Guardado";
        Submit => "submit", "Submitted", "Enviado";
        Approve => "approve", "Approved", "Aprobado";
        Return => "return", "Returned", "Devuelto";
        Revise => "revise", "New revision started", "Nueva revisión iniciada";
    }
}

/// Whether the unit's figures add up across cells (hectares, people, money...), so the total
/// is the cells' sum; percentages and yields do not.
pub fn is_additive(unit: Unit) -> bool {
    !matches!(unit, Unit::Percent | Unit::KilogramsPerHectare)
}

/// The field of a cell's value in a form (`cell[3]`).
pub fn cell_field(index: usize) -> String {
    format!("cell[{index}]")
}

/// An actual as typed or sent: the period, the total, a value per cell of the indicator's
/// disaggregation (in [`Disaggregation::cells`] order), and a note.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActualForm {
    /// The reporting period's code (`2025`, `2025-Q1`...).
    pub period: String,
    /// The total; for units that add up it may be left empty when every cell is given.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "120"))]
    pub total: String,
    /// A value per cell, in the disaggregation's order; all of them or none.
    pub cells: Vec<String>,
    /// How it was worked out, sources.
    pub note: String,
}

impl ActualForm {
    /// Reads a form post: `period`, `total`, `note` and `cell[N]`.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut form = ActualForm::default();
        let mut cells: BTreeMap<usize, String> = BTreeMap::new();
        for (key, value) in pairs {
            match key {
                "period" => form.period = value.to_owned(),
                "total" => form.total = value.to_owned(),
                "note" => form.note = value.to_owned(),
                _ => {
                    if let Some(index) = key
                        .strip_prefix("cell[")
                        .and_then(|rest| rest.strip_suffix(']'))
                        .and_then(|i| i.parse::<usize>().ok())
                        .filter(|i| *i < 64)
                    {
                        cells.insert(index, value.to_owned());
                    }
                }
            }
        }
        if let Some(last) = cells.keys().next_back() {
            form.cells = vec![String::new(); last + 1];
            for (i, v) in cells {
                form.cells[i] = v;
            }
        }
        form
    }

    /// The form filled with an actual's values.
    pub fn of(actual: &NewActual) -> ActualForm {
        ActualForm {
            period: actual.period.clone(),
            total: actual.total.normalize().to_string(),
            cells: actual
                .cells
                .iter()
                .map(|c| c.value.normalize().to_string())
                .collect(),
            note: actual.note.clone().unwrap_or_default(),
        }
    }

    /// Checks the actual against the indicator's periods, unit and disaggregation.
    pub fn validate(
        &self,
        periods: &[ReportingPeriod],
        unit: Unit,
        disaggregation: Disaggregation,
    ) -> Result<NewActual, Vec<FieldError>> {
        let mut errors = Vec::new();
        let period = match self.period.trim() {
            "" => Err(FieldError::new("period", Problem::Required)),
            code if periods.iter().any(|p| p.code == code) => Ok(code.to_owned()),
            _ => Err(FieldError::new("period", Problem::UnknownPeriod)),
        }
        .map_err(|e| errors.push(e))
        .ok();
        let wanted = disaggregation.cells();
        // A total-only indicator has no cells beyond its total.
        let split = disaggregation != Disaggregation::Total;
        let given: Vec<&String> = self.cells.iter().filter(|c| !c.trim().is_empty()).collect();
        let mut cells = Vec::new();
        if split && !given.is_empty() {
            for (i, cell) in wanted.iter().enumerate() {
                let raw = self.cells.get(i).map_or("", String::as_str);
                match unit.parse_value(&cell_field(i), raw) {
                    Ok(value) => cells.push(CellValue { cell: *cell, value }),
                    Err(e) => errors.push(e),
                }
            }
        }
        let sum: Option<Decimal> = (split && cells.len() == wanted.len() && is_additive(unit))
            .then(|| cells.iter().map(|c| c.value).sum());
        let total = if self.total.trim().is_empty() {
            match sum {
                Some(sum) => Some(sum),
                None => {
                    errors.push(FieldError::new("total", Problem::Required));
                    None
                }
            }
        } else {
            match unit.parse_value("total", &self.total) {
                Ok(total) => {
                    if let Some(sum) = sum.filter(|s| *s != total) {
                        errors.push(FieldError::new(
                            "total",
                            Problem::CellsDoNotAddUp {
                                sum: sum.normalize().to_string(),
                            },
                        ));
                    }
                    Some(total)
                }
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        };
        let note = optional_text("note", &self.note, ACTUAL_NOTE_MAX)
            .map_err(|e| errors.push(e))
            .ok();
        match (period, total, note) {
            (Some(period), Some(total), Some(note)) if errors.is_empty() => Ok(NewActual {
                period,
                total,
                cells,
                note,
            }),
            _ => Err(errors),
        }
    }
}

/// One cell's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CellValue {
    /// The cell (sex, age band, indigenous status as the set splits them).
    pub cell: Cell,
    /// Its value in the indicator's unit.
    pub value: Decimal,
}

/// A valid actual.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewActual {
    /// The period's code.
    pub period: String,
    /// The total.
    pub total: Decimal,
    /// The cells (empty when not disaggregated or not known).
    pub cells: Vec<CellValue>,
    /// The note.
    pub note: Option<String>,
}

/// What the workflow allows next from `status`: the status `step` leads to, or why not.
pub fn step(status: ActualStatus, step: ActualStep) -> Result<ActualStatus, Problem> {
    use ActualStatus::*;
    match (status, step) {
        (Draft | Returned, ActualStep::Save) => Ok(Draft),
        (Draft | Returned, ActualStep::Submit) => Ok(Submitted),
        (Submitted, ActualStep::Approve) => Ok(Approved),
        (Submitted, ActualStep::Return) => Ok(Returned),
        (Approved, ActualStep::Revise) => Ok(Draft),
        (Approved, _) => Err(Problem::PeriodLocked),
        (Submitted, ActualStep::Save) => Err(Problem::AwaitingApproval),
        _ => Err(Problem::NotAllowedNow),
    }
}

/// A step taken, with who took it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActualEvent {
    /// The step.
    pub step: ActualStep,
    /// The status it led to.
    pub status: ActualStatus,
    /// The comment (required to return an actual).
    pub comment: Option<String>,
    /// Who took it.
    pub by: String,
    /// When (UTC).
    pub at: chrono::DateTime<chrono::Utc>,
}

/// One revision of an indicator's actual for a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Actual {
    /// Its id.
    pub id: i64,
    /// The indicator.
    pub indicator_id: i64,
    /// The revision: 1 first, then one more for each correction after approval.
    pub revision: u32,
    /// Where it stands.
    pub status: ActualStatus,
    /// The values.
    #[serde(flatten)]
    pub actual: NewActual,
    /// Whether a later revision has been approved in its place.
    pub superseded: bool,
    /// Every step, oldest first.
    pub events: Vec<ActualEvent>,
}

/// A comment for a step: required to return an actual.
pub fn step_comment(step: ActualStep, raw: &str) -> Result<Option<String>, FieldError> {
    let comment = optional_text("comment", raw, ACTUAL_NOTE_MAX)?;
    if step == ActualStep::Return && comment.is_none() {
        return Err(FieldError::new("comment", Problem::Required));
    }
    Ok(comment)
}

/// The revision that counts for a period: the latest approved one.
pub fn approved_revision<'a>(revisions: &'a [Actual], period: &str) -> Option<&'a Actual> {
    revisions
        .iter()
        .filter(|a| a.actual.period == period && a.status == ActualStatus::Approved)
        .max_by_key(|a| a.revision)
}

/// The value that counts for a period: the latest approved revision's.
pub fn approved_value(revisions: &[Actual], period: &str) -> Option<Decimal> {
    approved_revision(revisions, period).map(|a| a.actual.total)
}

/// An indicator's actuals page: its periods, every revision of every period, and what the
/// reader may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorActuals {
    /// The indicator.
    pub indicator: crate::results::Indicator,
    /// Its reporting periods within the project's dates.
    pub periods: Vec<ReportingPeriod>,
    /// Every revision, by period and revision.
    pub actuals: Vec<Actual>,
    /// Whether the reader may enter and submit actuals.
    pub can_enter: bool,
    /// Whether the reader may approve or return them.
    pub can_approve: bool,
    /// How the records define the indicator, when they do: its actuals can be worked out
    /// from them and offered as a draft.
    pub computation: Option<crate::computed::Computation>,
}

impl IndicatorActuals {
    /// The latest revision of a period, if any.
    pub fn latest(&self, period: &str) -> Option<&Actual> {
        self.actuals
            .iter()
            .filter(|a| a.actual.period == period)
            .max_by_key(|a| a.revision)
    }
}

/// A workflow step as sent: `submit`, `approve`, `return` or `revise`, with a comment
/// (required to return).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepForm {
    /// The step.
    pub step: String,
    /// The comment.
    pub comment: String,
}

crate::text_form_from_pairs!(StepForm { step, comment });

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use rust_decimal::dec;

    fn periods() -> Vec<ReportingPeriod> {
        crate::results::Frequency::Annual.periods(
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        )
    }

    fn codes(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors
            .into_iter()
            .map(|e| (e.field, e.problem.code().to_owned()))
            .collect()
    }

    #[test]
    fn an_additive_actual_by_sex_takes_its_total_from_the_cells() {
        let form = ActualForm::from_pairs([
            ("period", "2025"),
            ("total", ""),
            ("cell[0]", "70"),
            ("cell[1]", "50"),
        ]);
        let actual = form
            .validate(&periods(), Unit::People, Disaggregation::Sex)
            .unwrap();
        assert_eq!(actual.total, dec!(120));
        assert_eq!(actual.cells.len(), 2);
        assert_eq!(ActualForm::of(&actual).cells, ["70", "50"]);
        let off = ActualForm {
            total: "121".into(),
            ..form.clone()
        };
        assert_eq!(
            codes(
                off.validate(&periods(), Unit::People, Disaggregation::Sex)
                    .unwrap_err()
            ),
            [("total".to_owned(), "cells_do_not_add_up".to_owned())]
        );
    }

    #[test]
    fn a_percentage_needs_its_total_and_every_problem_is_named() {
        let form = ActualForm {
            period: "2031".into(),
            total: String::new(),
            cells: vec!["40".into(), "x".into()],
            note: String::new(),
        };
        assert_eq!(
            codes(
                form.validate(&periods(), Unit::Percent, Disaggregation::Sex)
                    .unwrap_err()
            ),
            [
                ("period".to_owned(), "unknown_period".to_owned()),
                ("cell[1]".to_owned(), "not_a_number".to_owned()),
                ("total".to_owned(), "required".to_owned()),
            ]
        );
        let total_only = ActualForm {
            period: "2026".into(),
            total: "35,5".into(),
            ..ActualForm::default()
        };
        let actual = total_only
            .validate(&periods(), Unit::Percent, Disaggregation::Total)
            .unwrap();
        assert_eq!((actual.total, actual.cells.len()), (dec!(35.5), 0));
    }

    #[test]
    fn the_workflow_goes_draft_submitted_approved_and_an_approved_period_is_locked() {
        use ActualStatus::*;
        assert_eq!(step(Draft, ActualStep::Submit), Ok(Submitted));
        assert_eq!(step(Submitted, ActualStep::Return), Ok(Returned));
        assert_eq!(step(Returned, ActualStep::Save), Ok(Draft));
        assert_eq!(step(Returned, ActualStep::Submit), Ok(Submitted));
        assert_eq!(step(Submitted, ActualStep::Approve), Ok(Approved));
        assert_eq!(
            step(Submitted, ActualStep::Save),
            Err(Problem::AwaitingApproval)
        );
        assert_eq!(step(Approved, ActualStep::Save), Err(Problem::PeriodLocked));
        assert_eq!(
            step(Approved, ActualStep::Approve),
            Err(Problem::PeriodLocked)
        );
        assert_eq!(step(Approved, ActualStep::Revise), Ok(Draft));
        assert_eq!(
            step(Draft, ActualStep::Approve),
            Err(Problem::NotAllowedNow)
        );
        assert_eq!(
            step_comment(ActualStep::Return, " ").unwrap_err().problem,
            Problem::Required
        );
        assert_eq!(step_comment(ActualStep::Approve, "").unwrap(), None);
    }
}
