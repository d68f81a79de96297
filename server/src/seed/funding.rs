//! The demo's funding: exchange rates typed by hand (annual averages), the donors' funding
//! agreements with their tranches, and what was committed, received and spent under them.
//! Demonstration figures, not a real program's; every one goes through the same validation as
//! user input.

use app::error::AppError;
use services::db::Conn;
use services::db::{self, households::RecordedBy};
use shared::funding_agreement::{FundingAgreementForm, TrancheForm, TransactionForm};
use shared::fx::RateForm;

fn invalid(errors: Vec<shared::validation::FieldError>) -> AppError {
    tracing::error!(?errors, "demo funding data does not validate");
    AppError::Invalid(errors)
}

/// Annual averages: base, quote, year's last day, rate.
const RATES: &[(&str, &str, &str, &str)] = &[
    ("EUR", "USD", "2025-12-31", "1.0820"),
    ("EUR", "USD", "2026-12-31", "1.1650"),
    ("USD", "COP", "2025-12-31", "4105.50"),
    ("USD", "COP", "2026-12-31", "3950"),
    ("USD", "PEN", "2025-12-31", "3.745"),
    ("USD", "PEN", "2026-12-31", "3.68"),
];

/// A demo agreement: donor index, program index, project (index in the program) or none, title,
/// reference, amount, currency, start, end, long-term, flexible, reporting, due days,
/// requirements, tranches (due, amount, condition), transactions (kind, day, amount, currency,
/// description, project index in the program for spending).
/// A demo transaction: kind, day, amount, currency, description, and for spending the project's
/// index in the program.
type DemoTransaction = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<usize>,
);

struct DemoAgreement {
    donor: usize,
    program: usize,
    project: Option<usize>,
    title: &'static str,
    reference: &'static str,
    amount: &'static str,
    currency: &'static str,
    start: &'static str,
    end: &'static str,
    long_term: bool,
    flexible: bool,
    reporting: &'static str,
    due_days: &'static str,
    requirements: &'static str,
    tranches: &'static [(&'static str, &'static str, &'static str)],
    transactions: &'static [DemoTransaction],
}

const AGREEMENTS: &[DemoAgreement] = &[
    DemoAgreement {
        donor: 0,
        program: 0,
        project: Some(1),
        title: "DEMO · Specialty coffee in Caquetá",
        reference: "DEMO-EU-2025-014",
        amount: "450000",
        currency: "EUR",
        start: "2025-01-01",
        end: "2027-12-31",
        long_term: true,
        flexible: false,
        reporting: "semiannual",
        due_days: "45",
        requirements: "A narrative and a financial report each half year; an audited statement at the end.",
        tranches: &[
            ("2025-02-01", "150000", "On signature"),
            ("2026-02-01", "200000", "First annual report approved"),
            ("2027-02-01", "100000", "Second annual report approved"),
        ],
        transactions: &[
            (
                "commitment",
                "2025-01-15",
                "450000",
                "EUR",
                "Agreement signed",
                None,
            ),
            (
                "incoming_funds",
                "2025-02-20",
                "150000",
                "EUR",
                "First tranche received",
                None,
            ),
            (
                "incoming_funds",
                "2026-02-25",
                "200000",
                "EUR",
                "Second tranche received",
                None,
            ),
            (
                "expenditure",
                "2025-06-30",
                "250000000",
                "COP",
                "Coffee seedlings and grafting",
                Some(1),
            ),
            (
                "expenditure",
                "2025-12-15",
                "400000000",
                "COP",
                "Technical assistance, first year",
                Some(1),
            ),
            (
                "expenditure",
                "2026-06-30",
                "500000000",
                "COP",
                "Wet mills and drying beds",
                Some(1),
            ),
        ],
    },
    DemoAgreement {
        donor: 0,
        program: 1,
        project: Some(0),
        title: "DEMO · Fine-flavour cocoa in the VRAEM",
        reference: "DEMO-EU-2025-031",
        amount: "2000000",
        currency: "EUR",
        start: "2025-04-01",
        end: "2028-03-31",
        long_term: true,
        flexible: true,
        reporting: "annual",
        due_days: "60",
        requirements: "A yearly report on results and spending, with the indicators of the results framework.",
        tranches: &[
            ("2025-05-01", "800000", "On signature"),
            ("2026-05-01", "700000", "First yearly report approved"),
        ],
        transactions: &[
            (
                "commitment",
                "2025-04-10",
                "2000000",
                "EUR",
                "Agreement signed",
                None,
            ),
            (
                "incoming_funds",
                "2025-05-12",
                "800000",
                "EUR",
                "First tranche received",
                None,
            ),
            (
                "expenditure",
                "2025-11-28",
                "1200000",
                "PEN",
                "Cocoa nurseries and grafting",
                Some(0),
            ),
        ],
    },
    DemoAgreement {
        donor: 1,
        program: 0,
        project: None,
        title: "DEMO · Southern Colombia licit livelihoods",
        reference: "DEMO-USAID-72051425",
        amount: "3000000",
        currency: "USD",
        start: "2025-01-01",
        end: "2026-12-31",
        long_term: false,
        flexible: true,
        reporting: "quarterly",
        due_days: "30",
        requirements: "A quarterly financial report; results against targets twice a year.",
        tranches: &[
            ("2025-03-01", "1000000", "On signature"),
            ("2025-09-01", "1000000", "Work plan approved"),
        ],
        transactions: &[
            (
                "commitment",
                "2025-01-20",
                "3000000",
                "USD",
                "Agreement signed",
                None,
            ),
            (
                "incoming_funds",
                "2025-03-10",
                "1000000",
                "USD",
                "First tranche received",
                None,
            ),
            (
                "incoming_funds",
                "2025-09-15",
                "1000000",
                "USD",
                "Second tranche received",
                None,
            ),
            (
                "expenditure",
                "2025-09-30",
                "2000000000",
                "COP",
                "Cocoa and banana inputs, Putumayo",
                Some(0),
            ),
            (
                "expenditure",
                "2026-03-31",
                "1500000000",
                "COP",
                "Rubber tapping training, Guaviare",
                Some(2),
            ),
        ],
    },
];

/// Seeds the demo's rates, agreements, tranches and transactions.
pub async fn seed(
    conn: &mut Conn,
    organisation: i64,
    donors: &[i64],
    programs: &[i64],
    projects: &[Vec<i64>],
) -> Result<(), AppError> {
    let by = RecordedBy {
        user_id: None,
        name: "Demo",
    };
    let mut rates = Vec::new();
    for (base, quote, day, rate) in RATES {
        let form = RateForm {
            base: (*base).into(),
            quote: (*quote).into(),
            day: (*day).into(),
            rate: (*rate).into(),
            span: "year".into(),
        };
        rates.push(form.validate().map_err(invalid)?);
    }
    db::rates::upsert(conn, organisation, &rates, &by).await?;
    let today = services::today();
    for demo in AGREEMENTS {
        let project_of = |i: usize| projects[demo.program][i];
        let form = FundingAgreementForm {
            donor_id: donors[demo.donor].to_string(),
            title: demo.title.into(),
            reference: demo.reference.into(),
            amount: demo.amount.into(),
            currency: demo.currency.into(),
            start_date: demo.start.into(),
            end_date: demo.end.into(),
            program_id: programs[demo.program].to_string(),
            project_id: demo
                .project
                .map(|p| project_of(p).to_string())
                .unwrap_or_default(),
            component_id: String::new(),
            long_term: if demo.long_term { "true" } else { "" }.into(),
            flexible: if demo.flexible { "true" } else { "" }.into(),
            reporting_frequency: demo.reporting.into(),
            report_due_days: demo.due_days.into(),
            reporting_requirements: demo.requirements.into(),
        };
        let new = form.validate().map_err(invalid)?;
        let id = db::funding::insert_agreement(conn, organisation, &new).await?;
        let agreement = db::funding::agreement(conn, id).await?;
        let mut planned = rust_decimal::Decimal::ZERO;
        for (due, amount, condition) in demo.tranches {
            let tranche = TrancheForm {
                due_date: (*due).into(),
                amount: (*amount).into(),
                condition: (*condition).into(),
            }
            .validate(&agreement, planned)
            .map_err(invalid)?;
            planned += tranche.amount;
            db::funding::insert_tranche(conn, id, &tranche).await?;
        }
        for (kind, day, amount, currency, description, project) in demo.transactions {
            let project = project.map(project_of);
            let new = TransactionForm {
                kind: (*kind).into(),
                value_date: (*day).into(),
                amount: (*amount).into(),
                currency: (*currency).into(),
                description: (*description).into(),
                agreement_id: id.to_string(),
                project_id: project.map(|p| p.to_string()).unwrap_or_default(),
                ..TransactionForm::default()
            }
            .validate(today)
            .map_err(invalid)?;
            let counted = db::funding::Counted {
                program_id: programs[demo.program],
                project_id: project.or(agreement.earmark.project_id),
            };
            db::funding::insert_transaction(conn, organisation, &new, counted, &by).await?;
        }
    }
    Ok(())
}
