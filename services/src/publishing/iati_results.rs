//! An IATI activity's results framework imported into its project: results, indicators with
//! their baselines, targets and actuals, each mapped or listed with the line it came from.

use crate::Error;
use crate::db::{self, households::RecordedBy};
use crate::publishing::iati_import::*;
use crate::service::{Services, authorize};
use shared::actuals::{ActualForm, ActualStatus, ActualStep};
use shared::auth::Action;
use shared::i18n::Locale;
use shared::iati::ImportedActivity;
use shared::iati_read::{ReadActivity, ReadIndicator};
use shared::project::Project;
use shared::results::{Frequency, IndicatorForm, ResultForm, ResultLevel, TargetForm, TargetsForm};

impl Services {
    pub(crate) async fn import_results(
        &self,
        run: &mut Run<'_>,
        project: &Project,
        a: &ReadActivity,
        imported: &mut ImportedActivity,
    ) -> Result<(), Error> {
        if a.results.is_empty() {
            return Ok(());
        }
        let framework = self.results_framework(run.caller, project.id).await?;
        let mut results = framework.results.clone();
        let mut indicators = framework.indicators.clone();
        let find =
            |results: &[shared::results::ResultNode], level: ResultLevel, statement: &str| {
                results
                    .iter()
                    .find(|r| r.level == level && r.statement == statement)
                    .map(|r| r.id)
            };
        let first = |results: &[shared::results::ResultNode], level: ResultLevel| {
            results.iter().find(|r| r.level == level).map(|r| r.id)
        };
        for result in &a.results {
            let title = truncated(&result.title, 500);
            let title = if title.is_empty() {
                project.name.clone()
            } else {
                title
            };
            let wanted = match result.type_code.as_str() {
                "1" => ResultLevel::Output,
                "3" if first(&results, ResultLevel::Goal).is_none() => ResultLevel::Goal,
                _ => ResultLevel::Outcome,
            };
            // A result, with the results it needs above it.
            let ensure = async |level: ResultLevel,
                                statement: &str,
                                parent: Option<i64>,
                                results: &mut Vec<shared::results::ResultNode>|
                   -> Result<i64, Error> {
                if let Some(found) = find(results, level, statement) {
                    return Ok(found);
                }
                let form = ResultForm {
                    level: level.code().to_owned(),
                    parent_id: parent.map(|p| p.to_string()).unwrap_or_default(),
                    code: String::new(),
                    statement: statement.to_owned(),
                };
                let saved = self.save_result(run.caller, project.id, None, form).await?;
                let new_id = saved.id;
                results.push(saved);
                Ok(new_id)
            };
            let placed: Result<i64, Error> = async {
                let goal = match first(&results, ResultLevel::Goal) {
                    Some(goal) => goal,
                    None if wanted == ResultLevel::Goal => {
                        return ensure(ResultLevel::Goal, &title, None, &mut results).await;
                    }
                    None => ensure(ResultLevel::Goal, &project.name, None, &mut results).await?,
                };
                match wanted {
                    ResultLevel::Goal => Ok(goal),
                    ResultLevel::Outcome => {
                        ensure(ResultLevel::Outcome, &title, Some(goal), &mut results).await
                    }
                    ResultLevel::Output => {
                        let outcome = match first(&results, ResultLevel::Outcome) {
                            Some(outcome) => outcome,
                            None => {
                                ensure(
                                    ResultLevel::Outcome,
                                    &project.name,
                                    Some(goal),
                                    &mut results,
                                )
                                .await?
                            }
                        };
                        ensure(ResultLevel::Output, &title, Some(outcome), &mut results).await
                    }
                }
            }
            .await;
            let Some(result_id) = run.kept(a, "result", placed)? else {
                continue;
            };
            for indicator in &result.indicators {
                let done = self
                    .import_indicator(run, project, a, result_id, indicator, &mut indicators)
                    .await;
                if let Some(actuals) = run.kept(a, "indicator", done)? {
                    imported.indicators += 1;
                    imported.actuals += actuals;
                }
            }
        }
        Ok(())
    }

    /// One indicator with its targets and actuals; answers how many actuals it stored.
    pub(crate) async fn import_indicator(
        &self,
        run: &mut Run<'_>,
        project: &Project,
        a: &ReadActivity,
        result_id: i64,
        read: &ReadIndicator,
        indicators: &mut Vec<shared::results::Indicator>,
    ) -> Result<usize, Error> {
        let locale = run.locale;
        let id = a.identifier.as_deref();
        let unit = match read.measure.as_str() {
            "1" => "count",
            "2" => "percent",
            other => {
                run.unmapped(
                    id,
                    a.line,
                    "indicator",
                    match locale {
                        Locale::En => format!(
                            "{}: measure {other} (nominal, ordinal or qualitative) has no number to keep",
                            read.title
                        ),
                        Locale::Es => format!(
                            "{}: la medida {other} (nominal, ordinal o cualitativa) no tiene número que guardar",
                            read.title
                        ),
                    },
                );
                return Ok(0);
            }
        };
        let frequency = read
            .periods
            .first()
            .map(|p| Frequency::of_period(p.start, p.end))
            .unwrap_or(Frequency::EndOfProject);
        let name = truncated(&read.title, 200);
        let existing = indicators
            .iter()
            .find(|i| i.result_id == result_id && i.name.as_deref() == Some(name.as_str()))
            .map(|i| i.id);
        let (baseline_year, baseline_value) = match read.baseline {
            Some((year, value)) => (
                year.to_string(),
                value.map(|v| v.normalize().to_string()).unwrap_or_default(),
            ),
            None => (String::new(), String::new()),
        };
        let form = IndicatorForm {
            result_id: result_id.to_string(),
            library_code: String::new(),
            name,
            unit: unit.to_owned(),
            baseline_value,
            baseline_year,
            disaggregation: "total".to_owned(),
            data_source: pick(locale, "IATI file", "Archivo IATI"),
            frequency: frequency.code().to_owned(),
            responsible_role: "me_officer".to_owned(),
            description: String::new(),
        };
        let indicator = self
            .save_indicator(run.caller, project.id, existing, form)
            .await?;
        indicators.retain(|i| i.id != indicator.id);
        indicators.push(indicator.clone());
        let periods = indicator.periods(project.start_date, project.end_date);
        let mut targets = Vec::new();
        let mut actuals = Vec::new();
        let mut split = false;
        for period in &read.periods {
            let ours = periods.iter().find(|p| {
                p.start <= period.start.max(project.start_date)
                    && period.end.min(project.end_date) <= p.end
            });
            let Some(ours) = ours else {
                run.unmapped(
                    id,
                    a.line,
                    "period",
                    match locale {
                        Locale::En => format!(
                            "{}: the period {} – {} is not within one {} reporting period of the project",
                            indicator.display_name(locale),
                            period.start,
                            period.end,
                            frequency.code()
                        ),
                        Locale::Es => format!(
                            "{}: el periodo {} – {} no cabe en un periodo de informe ({}) del proyecto",
                            indicator.display_name(locale),
                            period.start,
                            period.end,
                            frequency.code()
                        ),
                    },
                );
                continue;
            };
            split |= period
                .targets
                .iter()
                .chain(&period.actuals)
                .any(|v| !v.dimensions.is_empty());
            let whole = |values: &[shared::iati_read::ReadValue]| {
                values
                    .iter()
                    .find(|v| v.dimensions.is_empty())
                    .or(values.first())
                    .and_then(|v| v.value)
            };
            if let Some(value) = whole(&period.targets) {
                targets.push(TargetForm {
                    period: ours.code.clone(),
                    value: value.normalize().to_string(),
                });
            }
            if let Some(value) = whole(&period.actuals) {
                actuals.push((ours.code.clone(), value));
            }
        }
        if split {
            run.unmapped(
                id,
                a.line,
                "dimension",
                match locale {
                    Locale::En => format!(
                        "{}: values split by the file's dimensions are kept as totals only (they are not Sembrar's standard disaggregation sets)",
                        indicator.display_name(locale)
                    ),
                    Locale::Es => format!(
                        "{}: los valores desglosados por las dimensiones del archivo se guardan solo como totales (no son los desgloses estándar de Sembrar)",
                        indicator.display_name(locale)
                    ),
                },
            );
        }
        if !targets.is_empty() {
            self.set_targets(
                run.caller,
                project.id,
                indicator.id,
                TargetsForm { targets },
            )
            .await?;
        }
        // Actuals as published: stored approved, with a comment saying where they come from.
        authorize(
            run.caller,
            Action::EnterActuals,
            &crate::service::project_place(project),
        )?;
        let revisions =
            db::actuals::list_for_indicator(&mut *self.db.conn().await?, indicator.id).await?;
        let by = RecordedBy {
            user_id: run.caller.user_id,
            name: &run.caller.display_name,
        };
        let mut stored = 0;
        for (period, value) in actuals {
            if revisions.iter().any(|r| r.actual.period == period) {
                continue;
            }
            let form = ActualForm {
                period: period.clone(),
                total: value.normalize().to_string(),
                cells: Vec::new(),
                note: pick(
                    locale,
                    "As published in an IATI file",
                    "Tal como se publicó en un archivo IATI",
                ),
            };
            let actual = form
                .validate(&periods, indicator.unit, indicator.disaggregation)
                .map_err(Error::Invalid)?;
            let actual_id = db::actuals::insert(
                &mut *self.db.conn().await?,
                indicator.id,
                1,
                &actual,
                ActualStep::Save,
                &by,
            )
            .await?;
            db::actuals::set_status(
                &mut *self.db.conn().await?,
                actual_id,
                ActualStatus::Draft,
                ActualStep::Approve,
                ActualStatus::Approved,
                Some(&pick(
                    locale,
                    "Imported from an IATI file: approved by its publisher",
                    "Importado de un archivo IATI: aprobado por quien lo publicó",
                )),
                &by,
            )
            .await?;
            stored += 1;
        }
        Ok(stored)
    }
}
