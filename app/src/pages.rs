//! One page per file; each page component ends in `Page`.

pub mod account_page;
pub mod actuals_page;
pub mod agreement_form_page;
pub mod agreement_page;
pub mod audit_page;
pub mod baseline_import_page;
pub mod donor_dashboard_page;
pub mod donor_page;
pub mod donor_report_page;
pub mod donor_reports_page;
pub mod donors_page;
pub mod edit_project_page;
pub mod exchange_rates_page;
pub mod field_import_page;
pub mod field_page;
pub mod funding_agreement_form_page;
pub mod funding_agreement_page;
pub mod household_form_page;
pub mod household_page;
pub mod indicator_page;
pub mod invitation_page;
pub mod livelihood_plan_page;
pub mod login_page;
pub mod new_donor_report_page;
pub mod new_program_page;
pub mod new_project_page;
pub mod not_found_page;
pub mod organisation_page;
pub mod plot_form_page;
pub mod plot_page;
pub mod program_funding_page;
pub mod program_gender_page;
pub mod program_iati_page;
pub mod program_outcomes_page;
pub mod program_page;
pub mod programs_page;
pub mod project_agreements_page;
pub mod project_funding_page;
pub mod project_gender_page;
pub mod project_households_page;
pub mod project_imports_page;
pub mod project_map_page;
pub mod project_outcomes_page;
pub mod project_page;
pub mod project_plan_page;
pub mod project_reports_page;
pub mod project_results_page;
pub mod project_timeline_page;
pub mod projects_page;
pub mod targets_page;
pub mod user_page;
pub mod users_page;
pub mod visit_form_page;

use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The numeric `:id` of the current route; `NotFound` when it is not a number.
pub fn id_param() -> Memo<Result<i64, AppError>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .ok_or(AppError::NotFound)
    })
}

/// The project's `:id` and an indicator's `:indicator_id` of the current route (`None` where one
/// is not a number).
pub fn project_and_indicator_params() -> Memo<(Option<i64>, Option<i64>)> {
    let params = use_params_map();
    Memo::new(move |_| {
        let map = params.read();
        (
            map.get("id").and_then(|v| v.parse::<i64>().ok()),
            map.get("indicator_id").and_then(|v| v.parse::<i64>().ok()),
        )
    })
}

/// The `?draft=N` of the current address: the draft a form continues.
pub fn draft_param() -> Memo<Option<i64>> {
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get("draft")
            .and_then(|id| id.parse::<i64>().ok())
    })
}
