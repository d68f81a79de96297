//! The HTML document around every page, and the router.

use crate::api::account::get_me;
use crate::components::form::csrf_token;
use crate::components::layout::{Footer, Header};
use crate::error::AppError;
use crate::i18n::{provide_locale, t};
use crate::pages::{
    account_page::AccountPage, actuals_page::ActualsPage, agreement_form_page::AgreementFormPage,
    agreement_page::AgreementPage, audit_page::AuditPage, baseline_import_page::BaselineImportPage,
    donor_dashboard_page::DonorDashboardPage, donor_page::DonorPage,
    donor_report_page::DonorReportPage, donor_reports_page::DonorReportsPage,
    donors_page::DonorsPage, edit_project_page::EditProjectPage,
    exchange_rates_page::ExchangeRatesPage, field_import_page::FieldImportPage,
    field_page::FieldPage, funding_agreement_form_page::FundingAgreementFormPage,
    funding_agreement_page::FundingAgreementPage, household_form_page::HouseholdFormPage,
    household_page::HouseholdPage, indicator_page::IndicatorPage, invitation_page::InvitationPage,
    livelihood_plan_page::LivelihoodPlanPage, login_page::LoginPage,
    new_donor_report_page::NewDonorReportPage, new_program_page::NewProgramPage,
    new_project_page::NewProjectPage, not_found_page::NotFoundPage,
    organisation_page::OrganisationPage, plot_form_page::PlotFormPage, plot_page::PlotPage,
    program_funding_page::ProgramFundingPage, program_gender_page::ProgramGenderPage,
    program_iati_page::ProgramIatiPage, program_outcomes_page::ProgramOutcomesPage,
    program_page::ProgramPage, programs_page::ProgramsPage,
    project_agreements_page::ProjectAgreementsPage, project_funding_page::ProjectFundingPage,
    project_gender_page::ProjectGenderPage, project_households_page::ProjectHouseholdsPage,
    project_imports_page::ProjectImportsPage, project_map_page::ProjectMapPage,
    project_outcomes_page::ProjectOutcomesPage, project_page::ProjectPage,
    project_plan_page::ProjectPlanPage, project_reports_page::ProjectReportsPage,
    project_results_page::ProjectResultsPage, project_timeline_page::ProjectTimelinePage,
    projects_page::ProjectsPage, targets_page::TargetsPage, user_page::UserPage,
    users_page::UsersPage, visit_form_page::VisitFormPage,
};
use crate::submission::PlainFormResponse;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};
use shared::auth::Me;
use shared::i18n::Msg;

/// The whole HTML document, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = provide_locale();
    // A page answering a plain form post is used without WebAssembly: leave the scripts out.
    let hydrate = use_context::<PlainFormResponse>().is_none();
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <meta name="csrf-token" content=csrf_token() />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                {hydrate.then(|| view! { <HydrationScripts options=options.clone() /> })}
                // Offline field entry: the service worker and the field-entry page's script.
                <script type="module" src="/offline.js"></script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: layout and routes. Every route renders fully on the server before it is
/// sent (`SsrMode::Async`), so pages work before, or without, their WebAssembly.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_locale();
    provide_context(MeResource(Resource::new(|| (), |_| get_me())));
    mark_hydrated();
    view! {
        <Stylesheet id="sembrar" href="/pkg/sembrar.css" />
        <Title formatter=|page: String| {
            if page.is_empty() { "Sembrar".to_owned() } else { format!("{page} · Sembrar") }
        } />
        <Router>
            <a class="skip-link" href="#main">{t(Msg::SkipToContent)}</a>
            <Header />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=ProgramsPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/programs") view=ProgramsPage ssr=SsrMode::Async />
                    <Route path=path!("/programs/new") view=NewProgramPage ssr=SsrMode::Async />
                    <Route path=path!("/programs/:id") view=ProgramPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/programs/:id/projects/new")
                        view=NewProjectPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/projects") view=ProjectsPage ssr=SsrMode::Async />
                    <Route path=path!("/projects/:id") view=ProjectPage ssr=SsrMode::Async />
                    <Route path=path!("/projects/:id/edit") view=EditProjectPage ssr=SsrMode::Async />
                    <Route path=path!("/projects/:id/map") view=ProjectMapPage ssr=SsrMode::Async />
                    <Route path=path!("/projects/:id/plan") view=ProjectPlanPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/projects/:id/results")
                        view=ProjectResultsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/timeline")
                        view=ProjectTimelinePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/baselines/import")
                        view=BaselineImportPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/livelihood-plans/new")
                        view=LivelihoodPlanPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/livelihood-plans/:plan_id")
                        view=LivelihoodPlanPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/indicators/new")
                        view=IndicatorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/indicators/:indicator_id")
                        view=IndicatorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/imports")
                        view=ProjectImportsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/imports/:import_id")
                        view=FieldImportPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/indicators/:indicator_id/actuals")
                        view=ActualsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/indicators/:indicator_id/targets")
                        view=TargetsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/households")
                        view=ProjectHouseholdsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/households/new")
                        view=HouseholdFormPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/households/:id") view=HouseholdPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/households/:id/edit")
                        view=HouseholdFormPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/households/:id/plots/new")
                        view=PlotFormPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/households/:id/agreements/new")
                        view=AgreementFormPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/field") view=FieldPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/households/:id/visits/new")
                        view=VisitFormPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/reports")
                        view=ProjectReportsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/gender")
                        view=ProjectGenderPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/programs/:id/gender")
                        view=ProgramGenderPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/agreements/:id") view=AgreementPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/projects/:id/agreements")
                        view=ProjectAgreementsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/plots/:id") view=PlotPage ssr=SsrMode::Async />
                    <Route path=path!("/plots/:id/edit") view=PlotFormPage ssr=SsrMode::Async />
                    <Route path=path!("/donors") view=DonorsPage ssr=SsrMode::Async />
                    <Route path=path!("/donors/:id") view=DonorPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/donors/:id/dashboard")
                        view=DonorDashboardPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/funding-agreements/new")
                        view=FundingAgreementFormPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/funding-agreements/:id")
                        view=FundingAgreementPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/funding-agreements/:id/edit")
                        view=FundingAgreementFormPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/funding")
                        view=ProjectFundingPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/programs/:id/funding")
                        view=ProgramFundingPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/programs/:id/iati")
                        view=ProgramIatiPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/programs/:id/outcomes")
                        view=ProgramOutcomesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/projects/:id/outcomes")
                        view=ProjectOutcomesPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/reports") view=DonorReportsPage ssr=SsrMode::Async />
                    <Route path=path!("/reports/new") view=NewDonorReportPage ssr=SsrMode::Async />
                    <Route path=path!("/reports/:id") view=DonorReportPage ssr=SsrMode::Async />
                    <Route path=path!("/organisation") view=OrganisationPage ssr=SsrMode::Async />
                    <Route path=path!("/exchange-rates") view=ExchangeRatesPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users/:id") view=UserPage ssr=SsrMode::Async />
                    <Route path=path!("/audit") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/invite/:token") view=InvitationPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// The signed-in user (or `None`), loaded once per page and shared by the header and pages.
#[derive(Clone, Copy)]
pub struct MeResource(pub Resource<Result<Option<Me>, AppError>>);

/// The signed-in user's resource.
pub fn use_me() -> Resource<Result<Option<Me>, AppError>> {
    expect_context::<MeResource>().0
}

/// The page's Content-Security-Policy: scripts only from this site or with this response's nonce
/// (the hydration script), WebAssembly allowed to compile, nothing framed, forms posted only here.
fn set_content_security_policy() {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        // A deployment's tile layer is the only other place images may come from.
        let tiles = use_context::<services::Services>()
            .and_then(|b| b.tile_layer())
            .and_then(|t| t.origin())
            .map(|origin| format!(" {origin}"))
            .unwrap_or_default();
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:{tiles}; connect-src 'self'; font-src 'self'; \
             object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// Marks `<body data-hydrated="true">` once the WebAssembly runs: tests and styles can tell a
/// hydrated page from a server-rendered one.
fn mark_hydrated() {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
