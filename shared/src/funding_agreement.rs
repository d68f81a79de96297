//! Funding agreements, their planned tranches and the transactions recorded against them and
//! against projects: what a donor agreed to give (amount, currency, period, what it is earmarked
//! for, whether it is long-term or flexible funding as resolution 75/198 paragraph 75 asks, when
//! it wants reports), when the money is due, and what was committed, received, disbursed and
//! spent. Forms are read here with every problem reported at once; the store checks that the
//! records they name belong together ([`Earmark::admits`]).

use crate::currency::{self, Currency};
use crate::funding::TransactionKind;
use crate::i18n::Locale;
use crate::timeline::{optional_line, optional_reference, reference};
use crate::validation::{
    Collector, FieldError, Problem, choice, date, flag, optional_text, required_line, whole_number,
};
use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The longest agreement title.
pub const TITLE_MAX: u32 = 200;
/// The longest reference (the donor's agreement number).
pub const REFERENCE_MAX: u32 = 100;
/// The longest text of reporting requirements.
pub const REQUIREMENTS_MAX: u32 = 2000;
/// The longest transaction description or tranche condition.
pub const DESCRIPTION_MAX: u32 = 300;
/// Days after a reporting period's end a report is due, unless the agreement says otherwise.
pub const DEFAULT_REPORT_DUE_DAYS: u32 = 30;
/// An agreement of at least this many months counts as long-term funding.
pub const LONG_TERM_MONTHS: u32 = 36;

crate::crop::coded_enum! {
    /// How often a donor wants reports on an agreement.
    ReportingFrequency {
        Quarterly => "quarterly", "Every quarter", "Cada trimestre";
        SemiAnnual => "semiannual", "Every half year", "Cada semestre";
        Annual => "annual", "Every year", "Cada año";
        EndOfAgreement => "end_of_agreement", "At the end of the agreement", "Al final del acuerdo";
    }
}

impl ReportingFrequency {
    /// The months in one reporting period (`None`: the agreement's whole period).
    pub fn months(self) -> Option<u32> {
        match self {
            ReportingFrequency::Quarterly => Some(3),
            ReportingFrequency::SemiAnnual => Some(6),
            ReportingFrequency::Annual => Some(12),
            ReportingFrequency::EndOfAgreement => None,
        }
    }
}

/// What an agreement's money is for: a program, one of its projects, or one component of that
/// project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Earmark {
    /// The program.
    pub program_id: i64,
    /// The project, when earmarked to one.
    pub project_id: Option<i64>,
    /// The project's component, when earmarked to one.
    pub component_id: Option<i64>,
}

impl Earmark {
    /// Whether money of this agreement may be recorded against `project` (of `program`) and
    /// `component`: the project must be within the earmark, and a component earmark admits only
    /// its component (or the project as a whole, for money not yet assigned to a component).
    pub fn admits(&self, program: i64, project: Option<i64>, component: Option<i64>) -> bool {
        if program != self.program_id {
            return false;
        }
        match (self.project_id, project) {
            (Some(own), Some(p)) if own != p => return false,
            _ => {}
        }
        match (self.component_id, component) {
            (Some(own), Some(c)) => own == c,
            _ => true,
        }
    }
}

/// A funding agreement as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundingAgreementForm {
    /// The donor's id (one of the organisation's donors; required).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2"))]
    pub donor_id: String,
    /// The agreement's title (required, at most 200 characters).
    pub title: String,
    /// The donor's reference for it, such as a grant number (optional, at most 100).
    pub reference: String,
    /// The amount agreed, a decimal string or JSON number, positive, with no more decimals than
    /// the currency has.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2500000"))]
    pub amount: String,
    /// Its currency (ISO 4217, one of the product's currencies).
    pub currency: String,
    /// The first day, `YYYY-MM-DD`.
    pub start_date: String,
    /// The last day, `YYYY-MM-DD`, after the first.
    pub end_date: String,
    /// The program it funds (required).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1"))]
    pub program_id: String,
    /// The project of that program it is earmarked for (optional).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3"))]
    pub project_id: String,
    /// The component of that project it is earmarked for (optional; needs the project).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = ""))]
    pub component_id: String,
    /// Long-term funding (`true`, or `on` from a checkbox).
    #[serde(deserialize_with = "crate::project::string_or_bool")]
    #[cfg_attr(feature = "openapi", schema(value_type = bool))]
    pub long_term: String,
    /// Flexible funding: the program may move it between budget lines (`true` or `on`).
    #[serde(deserialize_with = "crate::project::string_or_bool")]
    #[cfg_attr(feature = "openapi", schema(value_type = bool))]
    pub flexible: String,
    /// How often the donor wants reports: `quarterly`, `semiannual`, `annual` (default when
    /// empty) or `end_of_agreement`.
    pub reporting_frequency: String,
    /// Days after each period's end a report is due (0 to 365; 30 when empty).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "30"))]
    pub report_due_days: String,
    /// What the reports must contain (narrative, financial statement, audit...), at most 2,000
    /// characters.
    pub reporting_requirements: String,
}

crate::text_form_from_pairs!(FundingAgreementForm {
    donor_id,
    title,
    reference,
    amount,
    currency,
    start_date,
    end_date,
    program_id,
    project_id,
    component_id,
    long_term,
    flexible,
    reporting_frequency,
    report_due_days,
    reporting_requirements
});

/// A funding agreement ready to be stored (its references not yet checked).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFundingAgreement {
    /// The donor.
    pub donor_id: i64,
    /// The title, trimmed.
    pub title: String,
    /// The donor's reference.
    pub reference: Option<String>,
    /// The amount agreed.
    pub amount: Decimal,
    /// Its currency.
    pub currency: String,
    /// The first day.
    pub start_date: NaiveDate,
    /// The last day.
    pub end_date: NaiveDate,
    /// What it is earmarked for.
    pub earmark: Earmark,
    /// Long-term funding.
    pub long_term: bool,
    /// Flexible funding.
    pub flexible: bool,
    /// How often reports are due.
    pub reporting_frequency: ReportingFrequency,
    /// Days after a period's end its report is due.
    pub report_due_days: u32,
    /// What the reports must contain.
    pub reporting_requirements: Option<String>,
}

impl FundingAgreementForm {
    /// Checks every field, reporting every problem at once.
    pub fn validate(&self) -> Result<NewFundingAgreement, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let donor_id = ok.take(reference("donor_id", &self.donor_id));
        let title = ok.take(required_line("title", &self.title, TITLE_MAX));
        let reference_text = ok.take(optional_line("reference", &self.reference, REFERENCE_MAX));
        let currency = ok.take(currency::currency("currency", &self.currency));
        let amount = currency.and_then(|c| ok.take(currency::amount("amount", &self.amount, c)));
        let start = ok.take(date("start_date", &self.start_date));
        let end = ok.take(date("end_date", &self.end_date));
        if let (Some(start), Some(end)) = (start, end)
            && end <= start
        {
            ok.0.push(FieldError::new("end_date", Problem::EndNotAfterStart));
        }
        let program_id = ok.take(reference("program_id", &self.program_id));
        let project_id = ok.take(optional_reference("project_id", &self.project_id));
        let component_id = ok.take(optional_reference("component_id", &self.component_id));
        if matches!((project_id, component_id), (Some(None), Some(Some(_)))) {
            ok.0.push(FieldError::new("project_id", Problem::Required));
        }
        let long_term = ok.take(flag("long_term", &self.long_term));
        let flexible = ok.take(flag("flexible", &self.flexible));
        let reporting_frequency = if self.reporting_frequency.trim().is_empty() {
            Some(ReportingFrequency::Annual)
        } else {
            ok.take(choice(
                "reporting_frequency",
                &self.reporting_frequency,
                ReportingFrequency::from_code,
            ))
        };
        let report_due_days = if self.report_due_days.trim().is_empty() {
            Some(DEFAULT_REPORT_DUE_DAYS)
        } else {
            ok.take(whole_number(
                "report_due_days",
                &self.report_due_days,
                0,
                365,
            ))
            .map(|d| d as u32)
        };
        let requirements = ok.take(optional_text(
            "reporting_requirements",
            &self.reporting_requirements,
            REQUIREMENTS_MAX,
        ));
        match (
            donor_id,
            title,
            reference_text,
            currency,
            amount,
            start,
            end,
            program_id,
            project_id,
            component_id,
            long_term,
            flexible,
            reporting_frequency,
            report_due_days,
            requirements,
        ) {
            (
                Some(donor_id),
                Some(title),
                Some(reference),
                Some(currency),
                Some(amount),
                Some(start_date),
                Some(end_date),
                Some(program_id),
                Some(project_id),
                Some(component_id),
                Some(long_term),
                Some(flexible),
                Some(reporting_frequency),
                Some(report_due_days),
                Some(reporting_requirements),
            ) if errors.is_empty() => Ok(NewFundingAgreement {
                donor_id,
                title,
                reference,
                amount,
                currency: currency.code.to_owned(),
                start_date,
                end_date,
                earmark: Earmark {
                    program_id,
                    project_id,
                    component_id,
                },
                long_term,
                flexible,
                reporting_frequency,
                report_due_days,
                reporting_requirements,
            }),
            _ => Err(errors),
        }
    }
}

/// A stored funding agreement, with the names of what it refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundingAgreement {
    /// Id.
    pub id: i64,
    /// The organisation that keeps it.
    pub organisation_id: i64,
    /// The donor.
    pub donor_id: i64,
    /// The donor's name.
    pub donor_name: String,
    /// The title.
    pub title: String,
    /// The donor's reference.
    pub reference: Option<String>,
    /// The amount agreed (a decimal string in JSON).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2500000.00"))]
    pub amount: Decimal,
    /// Its currency.
    pub currency: String,
    /// The first day.
    pub start_date: NaiveDate,
    /// The last day.
    pub end_date: NaiveDate,
    /// What it is earmarked for.
    pub earmark: Earmark,
    /// The program's name.
    pub program_name: String,
    /// The project's name, when earmarked to one.
    pub project_name: Option<String>,
    /// The component's name, when earmarked to one.
    pub component_name: Option<String>,
    /// Long-term funding.
    pub long_term: bool,
    /// Flexible funding.
    pub flexible: bool,
    /// How often reports are due.
    pub reporting_frequency: ReportingFrequency,
    /// Days after a period's end its report is due.
    pub report_due_days: u32,
    /// What the reports must contain.
    pub reporting_requirements: Option<String>,
}

impl FundingAgreement {
    /// The agreement as its edit form shows it first.
    pub fn to_form(&self) -> FundingAgreementForm {
        let id = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        let yes = |v: bool| if v { "true" } else { "" }.to_owned();
        FundingAgreementForm {
            donor_id: self.donor_id.to_string(),
            title: self.title.clone(),
            reference: self.reference.clone().unwrap_or_default(),
            amount: self.amount.to_string(),
            currency: self.currency.clone(),
            start_date: self.start_date.to_string(),
            end_date: self.end_date.to_string(),
            program_id: self.earmark.program_id.to_string(),
            project_id: id(self.earmark.project_id),
            component_id: id(self.earmark.component_id),
            long_term: yes(self.long_term),
            flexible: yes(self.flexible),
            reporting_frequency: self.reporting_frequency.code().to_owned(),
            report_due_days: self.report_due_days.to_string(),
            reporting_requirements: self.reporting_requirements.clone().unwrap_or_default(),
        }
    }

    /// What it is earmarked for, for people: "Program X › Project Y › Component Z".
    pub fn earmark_text(&self) -> String {
        let mut parts = vec![self.program_name.clone()];
        parts.extend(self.project_name.clone());
        parts.extend(self.component_name.clone());
        parts.join(" › ")
    }

    /// The agreement's reporting periods and when each report is due.
    pub fn reporting_periods(&self) -> Vec<ReportingPeriod> {
        reporting_periods(
            self.start_date,
            self.end_date,
            self.reporting_frequency,
            self.report_due_days,
        )
    }

    /// Whether it lasts long enough to count as long-term funding (at least
    /// [`LONG_TERM_MONTHS`]), whatever its flag says.
    pub fn lasts_long_term(&self) -> bool {
        months_between(self.start_date, self.end_date + Duration::days(1)) >= LONG_TERM_MONTHS
    }
}

fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let months = (to.year() - from.year()) * 12 + to.month() as i32
        - from.month() as i32
        - i32::from(to.day() < from.day());
    months.max(0) as u32
}

/// One reporting period of an agreement and the day its report is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportingPeriod {
    /// The first day.
    pub start: NaiveDate,
    /// The last day.
    pub end: NaiveDate,
    /// The day the report is due.
    pub due: NaiveDate,
}

fn first_of_month(year: i32, month0: i32) -> NaiveDate {
    let y = year + month0.div_euclid(12);
    let m = month0.rem_euclid(12) as u32 + 1;
    NaiveDate::from_ymd_opt(y, m, 1).expect("first of a month")
}

/// The reporting periods of an agreement from `start` to `end`: calendar quarters, half years or
/// years (as donors count them), the first and last cut to the agreement's days; or the whole
/// agreement. Each report is due `due_days` after its period's end.
pub fn reporting_periods(
    start: NaiveDate,
    end: NaiveDate,
    frequency: ReportingFrequency,
    due_days: u32,
) -> Vec<ReportingPeriod> {
    let due = |end: NaiveDate| end + Duration::days(i64::from(due_days));
    let Some(months) = frequency.months() else {
        return vec![ReportingPeriod {
            start,
            end,
            due: due(end),
        }];
    };
    let months = months as i32;
    let mut out = Vec::new();
    // The calendar period holding `start`.
    let mut index = (start.month0() as i32).div_euclid(months) * months;
    let mut year = start.year();
    loop {
        let period_start = first_of_month(year, index);
        let period_end = first_of_month(year, index + months) - Duration::days(1);
        if period_start > end {
            break;
        }
        let (s, e) = (period_start.max(start), period_end.min(end));
        out.push(ReportingPeriod {
            start: s,
            end: e,
            due: due(e),
        });
        index += months;
        if index >= 12 {
            index -= 12;
            year += 1;
        }
    }
    out
}

/// A planned tranche as typed or sent: when a part of the agreement's amount is due.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrancheForm {
    /// The day it is due, `YYYY-MM-DD`, within the agreement's period.
    pub due_date: String,
    /// The amount, in the agreement's currency.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "500000"))]
    pub amount: String,
    /// What releases it, such as "first progress report approved" (optional, at most 300).
    pub condition: String,
}

crate::text_form_from_pairs!(TrancheForm {
    due_date,
    amount,
    condition
});

/// A tranche ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTranche {
    /// The due day.
    pub due_date: NaiveDate,
    /// The amount, in the agreement's currency.
    pub amount: Decimal,
    /// What releases it.
    pub condition: Option<String>,
}

impl TrancheForm {
    /// Checks the tranche against its agreement and the tranches it already has (`planned`:
    /// their sum): due within the agreement's period, and all of them together no more than the
    /// agreement's amount.
    pub fn validate(
        &self,
        agreement: &FundingAgreement,
        planned: Decimal,
    ) -> Result<NewTranche, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let due = ok.take(date("due_date", &self.due_date));
        if let Some(day) = due
            && !(agreement.start_date..=agreement.end_date).contains(&day)
        {
            ok.0.push(FieldError::new(
                "due_date",
                Problem::OutsidePeriod {
                    start: agreement.start_date.to_string(),
                    end: agreement.end_date.to_string(),
                },
            ));
        }
        let currency = Currency::from_code(&agreement.currency);
        let amount = currency.and_then(|c| ok.take(currency::amount("amount", &self.amount, c)));
        if let Some(amount) = amount
            && planned + amount > agreement.amount
        {
            ok.0.push(FieldError::new(
                "amount",
                Problem::ExceedsAgreement {
                    remaining: (agreement.amount - planned).max(Decimal::ZERO).to_string(),
                },
            ));
        }
        let condition = ok.take(optional_line("condition", &self.condition, DESCRIPTION_MAX));
        match (due, amount, condition) {
            (Some(due_date), Some(amount), Some(condition)) if errors.is_empty() => {
                Ok(NewTranche {
                    due_date,
                    amount,
                    condition,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A stored tranche.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tranche {
    /// Id.
    pub id: i64,
    /// Its agreement.
    pub agreement_id: i64,
    /// The due day.
    pub due_date: NaiveDate,
    /// The amount, in the agreement's currency (a decimal string in JSON).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "500000.00"))]
    pub amount: Decimal,
    /// What releases it.
    pub condition: Option<String>,
}

/// A transaction as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransactionForm {
    /// `incoming_funds`, `commitment`, `disbursement` or `expenditure`.
    pub kind: String,
    /// The value day, `YYYY-MM-DD`, not after today.
    pub value_date: String,
    /// The amount, positive, with no more decimals than the currency has.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "125000"))]
    pub amount: String,
    /// Its currency (ISO 4217), which may differ from the agreement's.
    pub currency: String,
    /// What it is (required, at most 300 characters).
    pub description: String,
    /// The funding agreement it belongs to: required for commitments and incoming funds.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "4"))]
    pub agreement_id: String,
    /// The project it is for: required for expenditure, and for a disbursement of no
    /// agreement; within the agreement's earmark.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3"))]
    pub project_id: String,
    /// The project's component (optional).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = ""))]
    pub component_id: String,
    /// The project's budget line (optional).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = ""))]
    pub budget_line_id: String,
}

crate::text_form_from_pairs!(TransactionForm {
    kind,
    value_date,
    amount,
    currency,
    description,
    agreement_id,
    project_id,
    component_id,
    budget_line_id
});

/// A transaction ready to be stored (its references not yet checked).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTransaction {
    /// What it records.
    pub kind: TransactionKind,
    /// The value day.
    pub value_date: NaiveDate,
    /// The amount.
    pub amount: Decimal,
    /// Its currency.
    pub currency: String,
    /// What it is.
    pub description: String,
    /// Its agreement.
    pub agreement_id: Option<i64>,
    /// Its project.
    pub project_id: Option<i64>,
    /// Its component.
    pub component_id: Option<i64>,
    /// Its budget line.
    pub budget_line_id: Option<i64>,
}

impl TransactionForm {
    /// Checks every field, reporting every problem at once. Money from a donor (a commitment,
    /// incoming funds) names its agreement; an expenditure names its project; a disbursement
    /// names its agreement (funds the donor paid out to the program) or its project (funds the
    /// program passed on to it); a component or budget line needs the project.
    pub fn validate(&self, today: NaiveDate) -> Result<NewTransaction, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let kind = ok.take(choice("kind", &self.kind, TransactionKind::from_code));
        let value_date = ok.take(date("value_date", &self.value_date));
        if value_date.is_some_and(|d| d > today) {
            ok.0.push(FieldError::new("value_date", Problem::DateInFuture));
        }
        let currency = ok.take(currency::currency("currency", &self.currency));
        let amount = currency.and_then(|c| ok.take(currency::amount("amount", &self.amount, c)));
        let description = ok.take(required_line(
            "description",
            &self.description,
            DESCRIPTION_MAX,
        ));
        let agreement_id = ok.take(optional_reference("agreement_id", &self.agreement_id));
        let project_id = ok.take(optional_reference("project_id", &self.project_id));
        let component_id = ok.take(optional_reference("component_id", &self.component_id));
        let budget_line_id = ok.take(optional_reference("budget_line_id", &self.budget_line_id));
        if let Some(kind) = kind {
            let from_donor = matches!(
                kind,
                TransactionKind::Commitment | TransactionKind::IncomingFunds
            );
            if from_donor && agreement_id == Some(None) {
                ok.0.push(FieldError::new("agreement_id", Problem::Required));
            }
            let needs_project = kind == TransactionKind::Expenditure
                || (kind == TransactionKind::Disbursement && agreement_id == Some(None));
            if needs_project && project_id == Some(None) {
                ok.0.push(FieldError::new("project_id", Problem::Required));
            }
        }
        if project_id == Some(None)
            && (matches!(component_id, Some(Some(_))) || matches!(budget_line_id, Some(Some(_))))
            && !errors.iter().any(|e| e.field == "project_id")
        {
            errors.push(FieldError::new("project_id", Problem::Required));
        }
        match (
            kind,
            value_date,
            currency,
            amount,
            description,
            agreement_id,
            project_id,
            component_id,
            budget_line_id,
        ) {
            (
                Some(kind),
                Some(value_date),
                Some(currency),
                Some(amount),
                Some(description),
                Some(agreement_id),
                Some(project_id),
                Some(component_id),
                Some(budget_line_id),
            ) if errors.is_empty() => Ok(NewTransaction {
                kind,
                value_date,
                amount,
                currency: currency.code.to_owned(),
                description,
                agreement_id,
                project_id,
                component_id,
                budget_line_id,
            }),
            _ => Err(errors),
        }
    }
}

/// A stored transaction, with the names of what it refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transaction {
    /// Id.
    pub id: i64,
    /// What it records.
    pub kind: TransactionKind,
    /// The value day.
    pub value_date: NaiveDate,
    /// The amount (a decimal string in JSON).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "125000.00"))]
    pub amount: Decimal,
    /// Its currency.
    pub currency: String,
    /// What it is.
    pub description: String,
    /// Its agreement.
    pub agreement_id: Option<i64>,
    /// The agreement's title.
    pub agreement_title: Option<String>,
    /// The donor of its agreement.
    pub donor_id: Option<i64>,
    /// The donor's name.
    pub donor_name: Option<String>,
    /// The program it counts in (its project's, else its agreement's).
    pub program_id: i64,
    /// Its project (its own, else its agreement's earmark).
    pub project_id: Option<i64>,
    /// The project's name.
    pub project_name: Option<String>,
    /// Its component.
    pub component_id: Option<i64>,
    /// The component's name.
    pub component_name: Option<String>,
    /// Its budget line.
    pub budget_line_id: Option<i64>,
    /// The budget line's code.
    pub budget_line_code: Option<String>,
}

/// A funding agreement as its page and the API show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundingAgreementView {
    /// The agreement.
    pub agreement: FundingAgreement,
    /// Its reporting periods and when each report is due.
    pub reporting_periods: Vec<ReportingPeriod>,
    /// Its planned tranches, by due day.
    pub tranches: Vec<Tranche>,
    /// The sum of its tranches, in its currency.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1500000"))]
    pub planned: Decimal,
    /// Its transactions, newest first.
    pub transactions: Vec<Transaction>,
    /// Its figures in its own currency: the amount agreed as the budget, then committed,
    /// disbursed (received) and spent under it; none when a transaction in another currency
    /// has no rate (`missing_rate` says which).
    pub figures: Option<crate::funding::FundingFigures>,
    /// The first amount that could not be converted.
    pub missing_rate: Option<crate::fx::NoRate>,
    /// Whether the reader may change it and record its tranches and transactions.
    pub can_manage: bool,
}

/// One option of a select: its value and its label.
pub type Choice = (String, String);

/// What the agreement and transaction forms offer: the records the reader may name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundingChoices {
    /// The organisation's donors.
    pub donors: Vec<Choice>,
    /// The programs.
    pub programs: Vec<Choice>,
    /// The projects ("Program › Project").
    pub projects: Vec<Choice>,
    /// The components ("Project › Component").
    pub components: Vec<Choice>,
    /// The budget lines ("Project › 2.3 Description").
    pub budget_lines: Vec<Choice>,
    /// The funding agreements ("Donor · Title").
    pub agreements: Vec<Choice>,
    /// What each of `agreements` is earmarked for, in the same order.
    pub earmarks: Vec<Earmark>,
}

impl FundingChoices {
    /// The agreements whose money may be recorded against project `project` of `program`.
    pub fn agreements_for(&self, program: i64, project: i64) -> Vec<Choice> {
        self.agreements
            .iter()
            .zip(&self.earmarks)
            .filter(|(_, e)| e.admits(program, Some(project), None))
            .map(|(c, _)| c.clone())
            .collect()
    }
}

/// The kinds of transaction, for a select: code and translated name.
pub fn kind_options(locale: Locale) -> Vec<(String, String)> {
    TransactionKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.name(locale).to_owned()))
        .collect()
}

/// The reporting frequencies, for a select.
pub fn frequency_options(locale: Locale) -> Vec<(String, String)> {
    ReportingFrequency::ALL
        .iter()
        .map(|f| (f.code().to_owned(), f.name(locale).to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn form() -> FundingAgreementForm {
        FundingAgreementForm {
            donor_id: "2".into(),
            title: "Cocoa for peace, phase II".into(),
            amount: "2500000".into(),
            currency: "EUR".into(),
            start_date: "2025-04-01".into(),
            end_date: "2028-03-31".into(),
            program_id: "1".into(),
            project_id: "3".into(),
            long_term: "on".into(),
            reporting_frequency: "semiannual".into(),
            ..FundingAgreementForm::default()
        }
    }

    fn agreement() -> FundingAgreement {
        let new = form().validate().unwrap();
        FundingAgreement {
            id: 4,
            organisation_id: 1,
            donor_id: new.donor_id,
            donor_name: "EU".into(),
            title: new.title,
            reference: None,
            amount: new.amount,
            currency: new.currency,
            start_date: new.start_date,
            end_date: new.end_date,
            earmark: new.earmark,
            program_name: "Program".into(),
            project_name: Some("Project".into()),
            component_name: None,
            long_term: new.long_term,
            flexible: new.flexible,
            reporting_frequency: new.reporting_frequency,
            report_due_days: new.report_due_days,
            reporting_requirements: None,
        }
    }

    #[test]
    fn an_agreement_form_is_read_with_its_defaults() {
        let new = form().validate().unwrap();
        assert_eq!(new.amount, dec!(2500000));
        assert_eq!(new.earmark.project_id, Some(3));
        assert!(new.long_term && !new.flexible);
        assert_eq!(new.report_due_days, DEFAULT_REPORT_DUE_DAYS);
        assert!(agreement().lasts_long_term());
        let round = agreement().to_form().validate().unwrap();
        assert_eq!(round, new);
    }

    #[test]
    fn every_problem_of_an_agreement_form_is_named_at_once() {
        let bad = FundingAgreementForm {
            donor_id: String::new(),
            title: " ".into(),
            amount: "12.345".into(),
            currency: "EUR".into(),
            start_date: "2026-01-01".into(),
            end_date: "2025-12-31".into(),
            program_id: "1".into(),
            component_id: "9".into(),
            reporting_frequency: "monthly".into(),
            report_due_days: "400".into(),
            ..FundingAgreementForm::default()
        };
        let errors = bad.validate().unwrap_err();
        let fields: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.problem.code()))
            .collect();
        assert_eq!(
            fields,
            [
                ("donor_id", "required"),
                ("title", "required"),
                ("amount", "too_many_decimals"),
                ("end_date", "end_not_after_start"),
                ("project_id", "required"),
                ("reporting_frequency", "unknown_choice"),
                ("report_due_days", "out_of_range"),
            ]
        );
    }

    #[test]
    fn reporting_periods_follow_the_calendar_and_are_cut_to_the_agreement() {
        let periods = agreement().reporting_periods();
        // 1 April 2025 to 31 March 2028, by half years: Apr–Jun 2025 cut, then six full halves,
        // then Jan–Mar 2028 cut.
        assert_eq!(periods.len(), 7);
        assert_eq!(
            periods[0],
            ReportingPeriod {
                start: d("2025-04-01"),
                end: d("2025-06-30"),
                due: d("2025-07-30"),
            }
        );
        assert_eq!(
            (periods[1].start, periods[1].end),
            (d("2025-07-01"), d("2025-12-31"))
        );
        assert_eq!(
            (periods[6].start, periods[6].end),
            (d("2028-01-01"), d("2028-03-31"))
        );
        let quarters = reporting_periods(
            d("2025-02-15"),
            d("2025-12-31"),
            ReportingFrequency::Quarterly,
            15,
        );
        assert_eq!(quarters.len(), 4);
        assert_eq!(quarters[0].start, d("2025-02-15"));
        assert_eq!(quarters[3].due, d("2026-01-15"));
        let once = reporting_periods(
            d("2025-02-15"),
            d("2025-12-31"),
            ReportingFrequency::EndOfAgreement,
            0,
        );
        assert_eq!(once.len(), 1);
    }

    #[test]
    fn tranches_stay_within_the_agreements_days_and_amount() {
        let agreement = agreement();
        let tranche = |due: &str, amount: &str| TrancheForm {
            due_date: due.into(),
            amount: amount.into(),
            condition: String::new(),
        };
        assert!(
            tranche("2025-06-01", "1000000")
                .validate(&agreement, dec!(1500000))
                .is_ok()
        );
        let errors = tranche("2029-01-01", "1000000.01")
            .validate(&agreement, dec!(1500000))
            .unwrap_err();
        assert_eq!(errors[0].field, "due_date");
        assert_eq!(
            errors[1].problem,
            Problem::ExceedsAgreement {
                remaining: "1000000".into()
            }
        );
    }

    #[test]
    fn money_from_a_donor_names_its_agreement_and_money_spent_its_project() {
        let today = d("2026-06-30");
        let tx = |kind: &str, agreement: &str, project: &str| TransactionForm {
            kind: kind.into(),
            value_date: "2026-06-01".into(),
            amount: "1000".into(),
            currency: "USD".into(),
            description: "Tranche 1".into(),
            agreement_id: agreement.into(),
            project_id: project.into(),
            ..TransactionForm::default()
        };
        assert!(tx("incoming_funds", "4", "").validate(today).is_ok());
        assert!(tx("expenditure", "", "3").validate(today).is_ok());
        let e = tx("commitment", "", "3").validate(today).unwrap_err();
        assert_eq!(e[0].field, "agreement_id");
        let e = tx("expenditure", "4", "").validate(today).unwrap_err();
        assert_eq!(e[0].field, "project_id");
        assert!(tx("disbursement", "4", "").validate(today).is_ok());
        let e = tx("disbursement", "", "").validate(today).unwrap_err();
        assert_eq!(e[0].field, "project_id");
        let mut future = tx("expenditure", "", "3");
        future.value_date = "2026-07-01".into();
        assert_eq!(
            future.validate(today).unwrap_err()[0].problem,
            Problem::DateInFuture
        );
    }

    #[test]
    fn an_earmark_admits_only_what_it_names() {
        let program = Earmark {
            program_id: 1,
            project_id: None,
            component_id: None,
        };
        assert!(program.admits(1, Some(5), Some(9)));
        assert!(!program.admits(2, Some(5), None));
        let component = Earmark {
            program_id: 1,
            project_id: Some(5),
            component_id: Some(9),
        };
        assert!(component.admits(1, Some(5), Some(9)));
        assert!(component.admits(1, Some(5), None));
        assert!(!component.admits(1, Some(5), Some(8)));
        assert!(!component.admits(1, Some(6), None));
    }
}
