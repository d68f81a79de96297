//! A project's community activity reports (`/projects/:id/reports`): trainings and meetings
//! with their attendance by sex and age band, infrastructure works with their progress, the
//! attendance of all trainings and meetings added up, and — for those who report in a
//! community — the form to add one (a plain form post that keeps what was typed on an error).

use super::id_param;
use crate::api::reports::{ReportsPage, get_project_reports};
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{CountInput, SelectField, TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::components::table::CountsTable;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::activity::{ActivityKind, ReportForm, attendance_field};
use shared::format;
use shared::household::{Members, member_label};
use shared::i18n::{Locale, Msg};
use shared::indicator::{AgeBand, Sex};

fn report_field_id(field: &str) -> String {
    format!("report-{}", field.replace('_', "-"))
}

fn report_field_label(field: &str, locale: Locale) -> String {
    for sex in Sex::ALL {
        for age in AgeBand::ALL {
            if field == attendance_field(sex, age) {
                return format!(
                    "{}: {}",
                    locale.t(Msg::AttendanceLegend),
                    member_label(sex, age, locale)
                );
            }
        }
    }
    locale
        .t(match field {
            "community_id" => Msg::Community,
            "kind" => Msg::ActivityKindLabel,
            "held_on" => Msg::HeldOn,
            "title" => Msg::ActivityTitle,
            "progress_percent" => Msg::ProgressPercent,
            _ => Msg::Note,
        })
        .to_owned()
}

/// The page.
#[component]
pub fn ProjectReportsPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { get_project_reports(id?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <ReportsView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportsView(page: ReportsPage) -> impl IntoView {
    let locale = use_locale();
    let project_id = page.head.project.id;
    let reports = page.reports.clone();
    let (submitted, state) = FormState::from_submission::<ReportForm>();
    let errors = state.errors;
    let kinds: Vec<(String, String)> = ActivityKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.name(locale).to_owned()))
        .collect();
    let communities: Vec<(String, String)> = reports
        .can_report_in
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    let held_on = if submitted == ReportForm::default() {
        page.today.to_string()
    } else {
        submitted.held_on.clone()
    };
    let attendance_rows = Sex::ALL
        .iter()
        .map(|sex| {
            let cells = AgeBand::ALL
                .iter()
                .map(|age| {
                    let name = attendance_field(*sex, *age);
                    view! {
                        <CountInput
                            id=report_field_id(&name)
                            name=name
                            label=member_label(*sex, *age, locale)
                            value=submitted.attendance(*sex, *age).to_owned()
                            errors
                        />
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{sex.name(locale)}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let form = (!communities.is_empty()).then(|| {
        view! {
            <form
                id="report-form"
                class="form form--field"
                method="post"
                action=format!("/projects/{project_id}/reports")
                novalidate
            >
                <h3>{locale.t(Msg::RecordReport)}</h3>
                <CsrfField />
                <ErrorSummary
                    id="report-errors"
                    errors
                    general=state.general
                    field_id=report_field_id
                    field_label=report_field_label
                />
                <div class="form__row">
                    <SelectField
                        id="report-community-id"
                        name="community_id"
                        label=Msg::Community
                        options=communities
                        selected=submitted.community_id.clone()
                        errors
                        placeholder=Msg::ChooseCommunity
                        required=true
                    />
                    <SelectField
                        id="report-kind"
                        name="kind"
                        label=Msg::ActivityKindLabel
                        options=kinds
                        selected=submitted.kind.clone()
                        errors
                        placeholder=Msg::ChooseOption
                        required=true
                    />
                    <TextField
                        id="report-held-on"
                        name="held_on"
                        label=Msg::HeldOn
                        kind="date"
                        value=held_on
                        errors
                        required=true
                    />
                </div>
                <TextField
                    id="report-title"
                    name="title"
                    label=Msg::ActivityTitle
                    hint=Msg::ActivityTitleHint
                    value=submitted.title.clone()
                    errors
                    required=true
                    maxlength=200
                />
                <fieldset class="field fieldset" aria-describedby="report-attendance-hint">
                    <legend>{locale.t(Msg::AttendanceLegend)}</legend>
                    <p class="hint" id="report-attendance-hint">{locale.t(Msg::AttendanceHint)}</p>
                    <div class="table-scroll">
                        <table class="table members-grid" id="report-attendance">
                            <thead>
                                <tr>
                                    <td></td>
                                    {AgeBand::ALL
                                        .iter()
                                        .map(|a| view! { <th scope="col">{a.name(locale)}</th> })
                                        .collect_view()}
                                </tr>
                            </thead>
                            <tbody>{attendance_rows}</tbody>
                        </table>
                    </div>
                </fieldset>
                <TextField
                    id="report-progress-percent"
                    name="progress_percent"
                    label=Msg::ProgressPercent
                    hint=Msg::ProgressHint
                    value=submitted.progress_percent.clone()
                    errors
                    inputmode="numeric"
                />
                <TextArea
                    id="report-note"
                    name="note"
                    label=Msg::Note
                    value=submitted.note.clone()
                    errors
                    maxlength=shared::activity::REPORT_NOTE_MAX
                />
                <button id="report-submit" type="submit" class="button button--primary">
                    {locale.t(Msg::SaveReport)}
                </button>
            </form>
        }
    });
    let rows = reports
        .reports
        .iter()
        .map(|r| {
            let report = &r.report;
            view! {
                <tr>
                    <th scope="row">{format::date(report.held_on, locale)}</th>
                    <td>{r.community_name.clone()}</td>
                    <td>{report.kind.name(locale)}</td>
                    <td>{report.title.clone()}</td>
                    <td class="num">{r.attendance_total}</td>
                    <td class="num">{report.progress_percent.map(|p| format!("{p} %")).unwrap_or_else(|| "—".to_owned())}</td>
                    <td>{r.recorded_by.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let totals = Members::from_cells(&reports.attendance);
    view! {
        <Title text=locale.t(Msg::ActivityReports) />
        <ProjectHeader head=page.head.clone() tab=ProjectTab::Households />
        <section class="panel" id="reports" aria-labelledby="reports-heading">
            <h2 id="reports-heading">{locale.t(Msg::ActivityReports)}</h2>
            <p class="lead">{locale.t(Msg::ActivityReportsIntro)}</p>
            {if reports.reports.is_empty() {
                view! { <p id="no-reports">{locale.t(Msg::NoReportsYet)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" role="region" aria-label=locale.t(Msg::ActivityReports) tabindex="0">
                        <table class="table" id="activity-reports">
                            <thead>
                                <tr>
                                    <th scope="col">{locale.t(Msg::HeldOn)}</th>
                                    <th scope="col">{locale.t(Msg::Community)}</th>
                                    <th scope="col">{locale.t(Msg::ActivityKindLabel)}</th>
                                    <th scope="col">{locale.t(Msg::ActivityTitle)}</th>
                                    <th scope="col" class="num">{locale.t(Msg::Attendance)}</th>
                                    <th scope="col" class="num">{locale.t(Msg::ProgressPercent)}</th>
                                    <th scope="col">{locale.t(Msg::RecordedBy)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <CountsTable id="attendance-totals" caption=Msg::AttendanceTotals counts=totals />
                }
                    .into_any()
            }}
            {form}
        </section>
    }
}
