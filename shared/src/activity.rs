//! Community activity reports: what happened in a community on a day — a training or a meeting
//! with its attendance by sex and age band, or the progress of an infrastructure work (a road,
//! a collection centre, a drying yard) in per cent.

use crate::crop::coded_enum;
use crate::household::{MemberCount, Members};
use crate::i18n::Locale;
use crate::indicator::{AgeBand, Sex};
use crate::validation::{
    Collector, FieldError, Problem, choice, date, optional_text, required_line, whole_number,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The largest attendance one cell takes (a whole community's assembly).
pub const ATTENDANCE_MAX: i64 = 5000;
/// The longest note kept.
pub const REPORT_NOTE_MAX: u32 = 2000;

coded_enum! {
    /// What a report is about.
    ActivityKind {
        Training => "training", "Training", "Capacitación";
        Meeting => "meeting", "Community meeting", "Reunión comunitaria";
        Infrastructure => "infrastructure", "Infrastructure progress", "Avance de infraestructura";
    }
}

/// The form field of an attendance cell (`attendance_female_18_29`).
pub fn attendance_field(sex: Sex, age: AgeBand) -> String {
    format!("attendance_{}_{}", sex.code(), age.code())
}

/// A report as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportForm {
    /// The community (one of the project's).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub community_id: String,
    /// `training`, `meeting` or `infrastructure`.
    pub kind: String,
    /// The day, `YYYY-MM-DD`, not in the future.
    pub held_on: String,
    /// What it was ("Grafting cocoa", "Collection centre, roof").
    pub title: String,
    /// Women under 18 who attended.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    pub attendance_female_under_18: String,
    /// Women 18 to 29.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    pub attendance_female_18_29: String,
    /// Women 30 to 59.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    pub attendance_female_30_59: String,
    /// Women 60 and over.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    pub attendance_female_60_plus: String,
    /// Men under 18.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    pub attendance_male_under_18: String,
    /// Men 18 to 29.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    pub attendance_male_18_29: String,
    /// Men 30 to 59.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    pub attendance_male_30_59: String,
    /// Men 60 and over.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    pub attendance_male_60_plus: String,
    /// For infrastructure: how far the work is, 0 to 100.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    pub progress_percent: String,
    /// A note.
    pub note: String,
}

crate::text_form_from_pairs!(ReportForm {
    community_id,
    kind,
    held_on,
    title,
    attendance_female_under_18,
    attendance_female_18_29,
    attendance_female_30_59,
    attendance_female_60_plus,
    attendance_male_under_18,
    attendance_male_18_29,
    attendance_male_30_59,
    attendance_male_60_plus,
    progress_percent,
    note
});

impl ReportForm {
    /// The typed attendance of one sex and age band.
    pub fn attendance(&self, sex: Sex, age: AgeBand) -> &str {
        match (sex, age) {
            (Sex::Female, AgeBand::Under18) => &self.attendance_female_under_18,
            (Sex::Female, AgeBand::From18To29) => &self.attendance_female_18_29,
            (Sex::Female, AgeBand::From30To59) => &self.attendance_female_30_59,
            (Sex::Female, AgeBand::From60) => &self.attendance_female_60_plus,
            (Sex::Male, AgeBand::Under18) => &self.attendance_male_under_18,
            (Sex::Male, AgeBand::From18To29) => &self.attendance_male_18_29,
            (Sex::Male, AgeBand::From30To59) => &self.attendance_male_30_59,
            (Sex::Male, AgeBand::From60) => &self.attendance_male_60_plus,
        }
    }

    /// Checks every field: a training or meeting has at least one attendee; an infrastructure
    /// report has its progress.
    pub fn validate(&self, today: NaiveDate) -> Result<NewReport, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let community_id = ok.take(
            whole_number("community_id", &self.community_id, 1, i64::MAX).map_err(|e| {
                if e.problem == Problem::Required {
                    e
                } else {
                    FieldError::new("community_id", Problem::UnknownReference)
                }
            }),
        );
        let kind = ok.take(choice("kind", &self.kind, ActivityKind::from_code));
        let held_on = ok.take(date("held_on", &self.held_on).and_then(|d| {
            if d > today {
                Err(FieldError::new("held_on", Problem::DateInFuture))
            } else {
                Ok(d)
            }
        }));
        let title = ok.take(required_line(
            "title",
            &self.title,
            crate::program::NAME_MAX,
        ));
        let mut attendance = Members::default();
        let mut counted = true;
        for sex in Sex::ALL {
            for age in AgeBand::ALL {
                let raw = self.attendance(sex, age);
                let cell = if raw.trim().is_empty() {
                    Ok(0)
                } else {
                    whole_number(&attendance_field(sex, age), raw, 0, ATTENDANCE_MAX)
                        .map(|n| u32::try_from(n).unwrap_or(0))
                };
                match ok.take(cell) {
                    Some(n) => attendance.set(sex, age, n),
                    None => counted = false,
                }
            }
        }
        let progress = if self.progress_percent.trim().is_empty() {
            if kind == Some(ActivityKind::Infrastructure) {
                ok.0.push(FieldError::new("progress_percent", Problem::Required));
            }
            Some(None)
        } else {
            ok.take(
                whole_number("progress_percent", &self.progress_percent, 0, 100)
                    .map(|n| Some(u8::try_from(n).unwrap_or(0))),
            )
        };
        if counted
            && attendance.total() == 0
            && matches!(kind, Some(ActivityKind::Training | ActivityKind::Meeting))
        {
            ok.0.push(FieldError::new(
                attendance_field(Sex::Female, AgeBand::Under18),
                Problem::Required,
            ));
        }
        let note = ok.take(optional_text("note", &self.note, REPORT_NOTE_MAX));
        match (community_id, kind, held_on, title, progress, note) {
            (
                Some(community_id),
                Some(kind),
                Some(held_on),
                Some(title),
                Some(progress),
                Some(note),
            ) if errors.is_empty() => Ok(NewReport {
                community_id,
                kind,
                held_on,
                title,
                attendance: attendance.cells(),
                progress_percent: progress,
                note,
            }),
            _ => Err(errors),
        }
    }
}

/// A valid report to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReport {
    /// The community.
    pub community_id: i64,
    /// What it is about.
    pub kind: ActivityKind,
    /// The day.
    pub held_on: NaiveDate,
    /// What it was.
    pub title: String,
    /// Who attended, by sex and age band (eight cells).
    pub attendance: Vec<MemberCount>,
    /// An infrastructure work's progress in per cent.
    pub progress_percent: Option<u8>,
    /// A note.
    pub note: Option<String>,
}

/// A report as stored and shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityReport {
    /// Its id.
    pub id: i64,
    /// The community's project.
    pub project_id: i64,
    /// The community's name.
    pub community_name: String,
    /// What was reported.
    #[serde(flatten)]
    pub report: NewReport,
    /// Everyone who attended.
    pub attendance_total: u32,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded (UTC).
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

/// A project's reports with their attendance added up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectReports {
    /// The reports of the communities the reader may see, newest first.
    pub reports: Vec<ActivityReport>,
    /// Attendance of all trainings and meetings, by sex and age band.
    pub attendance: Vec<MemberCount>,
    /// The communities where the reader may report, as (id, name).
    pub can_report_in: Vec<(i64, String)>,
}

/// Attendance of trainings and meetings added up by sex and age band.
pub fn total_attendance(reports: &[ActivityReport]) -> Members {
    let mut total = Members::default();
    for report in reports {
        let cells = Members::from_cells(&report.report.attendance);
        for sex in Sex::ALL {
            for age in AgeBand::ALL {
                total.set(sex, age, total.get(sex, age) + cells.get(sex, age));
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
    }

    fn training() -> ReportForm {
        ReportForm::from_pairs([
            ("community_id", "3"),
            ("kind", "training"),
            ("held_on", "2025-05-20"),
            ("title", "Grafting cocoa"),
            ("attendance_female_18_29", "7"),
            ("attendance_female_30_59", "5"),
            ("attendance_male_30_59", "9"),
            ("attendance_male_60_plus", ""),
        ])
    }

    #[test]
    fn a_training_counts_its_attendance_by_sex_and_age_band() {
        let report = training().validate(today()).unwrap();
        let cells = Members::from_cells(&report.attendance);
        assert_eq!(cells.of_sex(Sex::Female), 12);
        assert_eq!(cells.get(Sex::Male, AgeBand::From30To59), 9);
        assert_eq!(cells.total(), 21);
        assert_eq!(report.progress_percent, None);
    }

    #[test]
    fn a_training_without_attendees_or_a_work_without_progress_is_refused() {
        let empty = ReportForm {
            attendance_female_18_29: String::new(),
            attendance_female_30_59: String::new(),
            attendance_male_30_59: String::new(),
            ..training()
        };
        let codes: Vec<(String, &str)> = empty
            .validate(today())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem.code()))
            .collect();
        assert_eq!(
            codes,
            vec![("attendance_female_under_18".to_owned(), "required")]
        );
        let work = ReportForm {
            kind: "infrastructure".into(),
            title: "Collection centre, roof".into(),
            ..empty.clone()
        };
        let codes: Vec<(String, &str)> = work
            .validate(today())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem.code()))
            .collect();
        assert_eq!(codes, vec![("progress_percent".to_owned(), "required")]);
        let done = ReportForm {
            progress_percent: "60".into(),
            ..work
        };
        assert_eq!(done.validate(today()).unwrap().progress_percent, Some(60));
        let bad = ReportForm {
            community_id: "x".into(),
            kind: "party".into(),
            held_on: "2026-01-01".into(),
            title: " ".into(),
            attendance_male_18_29: "-2".into(),
            progress_percent: "120".into(),
            ..training()
        };
        let codes: Vec<(String, &str)> = bad
            .validate(today())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem.code()))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("community_id".to_owned(), "unknown_reference"),
                ("kind".to_owned(), "unknown_choice"),
                ("held_on".to_owned(), "date_in_future"),
                ("title".to_owned(), "required"),
                ("attendance_male_18_29".to_owned(), "out_of_range"),
                ("progress_percent".to_owned(), "out_of_range"),
            ]
        );
    }

    #[test]
    fn attendance_adds_up_across_reports() {
        let report = |form: ReportForm| ActivityReport {
            id: 1,
            project_id: 1,
            community_name: "La Esperanza".into(),
            report: form.validate(today()).unwrap(),
            attendance_total: 0,
            recorded_by: "Monitor".into(),
            recorded_at: chrono::DateTime::UNIX_EPOCH,
        };
        let total = total_attendance(&[report(training()), report(training())]);
        assert_eq!(total.of_sex(Sex::Female), 24);
        assert_eq!(total.total(), 42);
    }
}
