//! What the REST API and the pages show of a project's plan, put together from the domain
//! records: safeguards with their warnings in words, livelihood plans with their income
//! transition worked out, the results framework with its reporting periods and gaps. Messages
//! are written in the reader's language.

use crate::i18n::Locale;
use crate::income::Transition;
use crate::livelihood::{LivelihoodPlan, TransitionSummary};
use crate::results::{Gap, ReportingPeriod, ResultsFramework};
use crate::safeguard::{Safeguard, SafeguardKind, SafeguardWarning};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A safeguard warning in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarningView {
    /// The safeguard it is about.
    pub kind: SafeguardKind,
    /// The rule's stable code (`fpic_not_met`, `support_after_eradication`...).
    pub code: String,
    /// The community or plan it is about, if one.
    pub subject: Option<String>,
    /// What is wrong, in the reader's language.
    pub message: String,
}

impl WarningView {
    /// A warning in `locale`.
    pub fn of(warning: &SafeguardWarning, locale: Locale) -> WarningView {
        WarningView {
            kind: warning.kind,
            code: warning.code().to_owned(),
            subject: warning.subject.clone(),
            message: warning.message(locale),
        }
    }
}

/// A project's safeguards and the warnings its plan raises.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SafeguardsView {
    /// Every safeguard, in order (those never assessed as `not_assessed`).
    pub safeguards: Vec<Safeguard>,
    /// The warnings, most serious first.
    pub warnings: Vec<WarningView>,
}

/// A livelihood plan with its income transition summed up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LivelihoodPlanView {
    /// The plan.
    pub plan: LivelihoodPlan,
    /// Valley, bridging support per household and in total, by year.
    pub summary: TransitionSummary,
}

impl LivelihoodPlanView {
    /// The plan and its summary.
    pub fn of(plan: LivelihoodPlan) -> LivelihoodPlanView {
        LivelihoodPlanView {
            summary: plan.summary(),
            plan,
        }
    }
}

/// A livelihood plan with its transition month by month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LivelihoodPlanDetail {
    /// The plan.
    pub plan: LivelihoodPlan,
    /// Valley, bridging support per household and in total, by year.
    pub summary: TransitionSummary,
    /// One household's licit income and gap, month by month (exact decimals).
    pub household: Transition,
    /// All households' licit income and gap, month by month.
    pub total: Transition,
}

impl LivelihoodPlanDetail {
    /// The plan with its transitions.
    pub fn of(plan: LivelihoodPlan) -> LivelihoodPlanDetail {
        LivelihoodPlanDetail {
            summary: plan.summary(),
            household: plan.household_transition(),
            total: plan.total_transition(),
            plan,
        }
    }
}

/// A reporting period with its label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodView {
    /// The period's code (`2025-Q1`, `2025`, `end`).
    pub code: String,
    /// Its label in the reader's language.
    pub label: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl PeriodView {
    /// A period in `locale`.
    pub fn of(period: &ReportingPeriod, locale: Locale) -> PeriodView {
        PeriodView {
            code: period.code.clone(),
            label: period.label(locale),
            start: period.start,
            end: period.end,
        }
    }
}

/// What a reviewer would flag in a results framework, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GapView {
    /// The gap's stable code.
    pub code: String,
    /// The result it is about, if one.
    pub result_id: Option<i64>,
    /// The indicator it is about, if one.
    pub indicator_id: Option<i64>,
    /// What is missing, in the reader's language.
    pub message: String,
}

/// An indicator's reporting periods.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorPeriods {
    /// The indicator.
    pub indicator_id: i64,
    /// Its periods over the project's span.
    pub periods: Vec<PeriodView>,
    /// Each period's target against its approved actual, in the same order.
    pub progress: Vec<PeriodProgress>,
}

/// One period of an indicator: its target, its approved actual, and how far that is towards
/// the target (see [`crate::results::percent_of_target`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodProgress {
    /// The period's code.
    pub period: String,
    /// Its target, if set.
    pub target: Option<Decimal>,
    /// Its approved actual, if any.
    pub actual: Option<Decimal>,
    /// The revision approved.
    pub revision: Option<u32>,
    /// Per cent of the target reached, to one decimal, when both are known.
    pub percent_of_target: Option<Decimal>,
}

/// A project's results framework with its periods and gaps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultsFrameworkView {
    /// Results and indicators (with targets).
    pub framework: ResultsFramework,
    /// Each indicator's reporting periods.
    pub periods: Vec<IndicatorPeriods>,
    /// What a reviewer would flag.
    pub gaps: Vec<GapView>,
}

impl ResultsFrameworkView {
    /// The framework of a project running from `start` to `end`, in `locale`.
    pub fn of(
        framework: ResultsFramework,
        start: NaiveDate,
        end: NaiveDate,
        locale: Locale,
    ) -> ResultsFrameworkView {
        let periods = framework
            .indicators
            .iter()
            .map(|i| {
                let reporting = i.periods(start, end);
                let progress = reporting
                    .iter()
                    .map(|p| {
                        let target = i.target(&p.code);
                        let approved = framework
                            .approved
                            .iter()
                            .find(|a| a.indicator_id == i.id && a.period == p.code);
                        let actual = approved.map(|a| a.value);
                        PeriodProgress {
                            period: p.code.clone(),
                            target,
                            actual,
                            revision: approved.map(|a| a.revision),
                            percent_of_target: target.zip(actual).and_then(|(t, a)| {
                                crate::results::percent_of_target(i.baseline_value, t, a)
                            }),
                        }
                    })
                    .collect();
                IndicatorPeriods {
                    indicator_id: i.id,
                    periods: reporting
                        .iter()
                        .map(|p| PeriodView::of(p, locale))
                        .collect(),
                    progress,
                }
            })
            .collect();
        let gaps = framework
            .gaps()
            .iter()
            .map(|g: &Gap| GapView {
                code: g.code().to_owned(),
                result_id: g.result_id(),
                indicator_id: g.indicator_id(),
                message: g.message(&framework, locale),
            })
            .collect();
        ResultsFrameworkView {
            framework,
            periods,
            gaps,
        }
    }

    /// Each period's target against its approved actual, for an indicator.
    pub fn progress_of(&self, indicator_id: i64) -> &[PeriodProgress] {
        self.periods
            .iter()
            .find(|p| p.indicator_id == indicator_id)
            .map(|p| p.progress.as_slice())
            .unwrap_or_default()
    }

    /// The periods of an indicator.
    pub fn periods_of(&self, indicator_id: i64) -> &[PeriodView] {
        self.periods
            .iter()
            .find(|p| p.indicator_id == indicator_id)
            .map(|p| p.periods.as_slice())
            .unwrap_or_default()
    }
}
