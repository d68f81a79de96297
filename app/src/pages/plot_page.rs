//! One plot: its areas, its place (for the roles that may see it) on a map, its illicit and
//! licit hectares day by day, every record of what grew on it, and — for those who may change
//! it — a form to record what grows and a button to delete a record made in error.

use super::id_param;
use crate::api::plots::{PlotPage, get_plot};
use crate::components::error_view::{ActionFailedNotice, ErrorNotice, ErrorSummary};
use crate::components::field::{FieldErrorText, SelectField, TextArea, TextField, error_text};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::baseline::BaselineSource;
use shared::crop::{AlternativeCrop, IllicitCrop};
use shared::format;
use shared::i18n::{Locale, Msg};
use shared::mapview::PlotStatus;
use shared::plot::{PlotLocation, PlotUseForm};

/// The page.
#[component]
pub fn PlotPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        move |id| async move { get_plot(id?, locale).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <PlotView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The class of a plot status badge.
pub fn plot_status_class(status: PlotStatus) -> String {
    format!(
        "badge plot-status plot-status--{}",
        status.code().replace('_', "-")
    )
}

fn use_field_id(field: &str) -> String {
    format!("use-{}", field.replace('_', "-"))
}

fn use_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "observed_on" => Msg::ObservedOn,
            "crop" => Msg::Crop,
            "hectares" => Msg::PlotHectares,
            "source" => Msg::Source,
            _ => Msg::Note,
        })
        .to_owned()
}

fn place_text(location: &PlotLocation, locale: Locale) -> String {
    let point = format!("{:.6}, {:.6}", location.latitude, location.longitude);
    match location.boundary {
        Some(_) => format!("{} {point}", locale.t(Msg::PlotBoundaryCentroid)),
        None => format!("{}: {point}", locale.t(Msg::PlotPointAt)),
    }
}

#[component]
fn PlotView(page: PlotPage) -> impl IntoView {
    let locale = use_locale();
    let view = page.view;
    let plot = view.plot.clone();
    let id = plot.id;
    let title = format!("{} “{}”", locale.t(Msg::PlotTitle), plot.name);
    let can_edit = view.can_edit;
    let ha = move |value| format::decimal(value, locale);
    let day_rows = view
        .days
        .iter()
        .rev()
        .map(|day| {
            view! {
                <tr>
                    <th scope="row">{format::date(day.observed_on, locale)}</th>
                    <td class="num">{ha(day.illicit_hectares)}</td>
                    <td class="num">{ha(day.licit_hectares)}</td>
                    <td><span class=plot_status_class(day.status)>{day.status.name(locale)}</span></td>
                </tr>
            }
        })
        .collect_view();
    let use_rows = view
        .uses
        .iter()
        .map(|u| {
            let record = &u.record;
            let label = format!(
                "{} {} {}",
                format::date(record.observed_on, locale),
                record.crop.name(locale),
                ha(record.hectares)
            );
            let use_id = u.id;
            view! {
                <tr>
                    <th scope="row">{format::date(record.observed_on, locale)}</th>
                    <td>
                        {record.crop.name(locale)}
                        {record.crop.is_illicit().then(|| view! { " " <span class=plot_status_class(PlotStatus::Illicit)>{PlotStatus::Illicit.name(locale)}</span> })}
                    </td>
                    <td class="num">{ha(record.hectares)}</td>
                    <td>{record.source.name(locale)}</td>
                    <td>{record.note.clone().unwrap_or_default()}</td>
                    <td>{u.recorded_by.clone()}", "{format::date_time(u.recorded_at, locale)}</td>
                    {can_edit
                        .then(|| {
                            view! {
                                <td>
                                    <form
                                        class="inline-form"
                                        method="post"
                                        action=format!("/plots/{id}/uses/{use_id}/delete")
                                    >
                                        <CsrfField />
                                        <button type="submit" class="button button--link delete-plot-use">
                                            {locale.t(Msg::DeleteRecord)}
                                            <span class="visually-hidden">" "{label.clone()}</span>
                                        </button>
                                    </form>
                                </td>
                            }
                        })}
                </tr>
            }
        })
        .collect_view();
    let (submitted, state) = FormState::from_submission::<PlotUseForm>();
    let errors = state.errors;
    let illicit: Vec<(String, String)> = IllicitCrop::ALL
        .iter()
        .map(|c| (c.code().to_owned(), c.name(locale).to_owned()))
        .collect();
    let licit: Vec<(String, String)> = AlternativeCrop::ALL
        .iter()
        .map(|c| (c.code().to_owned(), c.name(locale).to_owned()))
        .collect();
    let sources: Vec<(String, String)> = BaselineSource::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.name(locale).to_owned()))
        .collect();
    let chosen_crop = submitted.crop.clone();
    let crop_options = move |options: Vec<(String, String)>| {
        let chosen = chosen_crop.clone();
        options
            .into_iter()
            .map(move |(code, name)| {
                let selected = code == chosen;
                view! { <option value=code selected=selected>{name}</option> }
            })
            .collect_view()
    };
    let crop_error = error_text(errors, "crop".to_owned());
    let record_form = can_edit.then(|| {
        view! {
            <form
                id="plot-use-form"
                class="form"
                method="post"
                action=format!("/plots/{id}/uses")
                novalidate
            >
                <h3>{locale.t(Msg::RecordPlotUse)}</h3>
                <p class="hint">{locale.t(Msg::RecordPlotUseHint)}</p>
                <CsrfField />
                <ErrorSummary
                    id="plot-use-errors"
                    errors
                    general=state.general
                    field_id=use_field_id
                    field_label=use_field_label
                />
                <div class="form__row">
                    <TextField
                        id="use-observed-on"
                        name="observed_on"
                        label=Msg::ObservedOn
                        kind="date"
                        value=submitted.observed_on.clone()
                        errors
                        required=true
                    />
                    <div class="field" class:field--invalid=move || crop_error.with(Option::is_some)>
                        <label for="use-crop">
                            {locale.t(Msg::Crop)}
                            <span class="required" aria-hidden="true">" *"</span>
                        </label>
                        <select
                            id="use-crop"
                            name="crop"
                            aria-required="true"
                            aria-invalid=move || crop_error.with(Option::is_some).then_some("true")
                            aria-describedby="use-crop-error"
                        >
                            <option value="">{locale.t(Msg::ChooseOption)}</option>
                            <optgroup label=locale.t(Msg::IllicitCropsGroup)>{crop_options(illicit)}</optgroup>
                            <optgroup label=locale.t(Msg::LicitCropsGroup)>{crop_options(licit)}</optgroup>
                        </select>
                        <FieldErrorText id="use-crop" message=crop_error />
                    </div>
                    <TextField
                        id="use-hectares"
                        name="hectares"
                        label=Msg::PlotHectares
                        value=submitted.hectares.clone()
                        errors
                        inputmode="decimal"
                        required=true
                    />
                    <SelectField
                        id="use-source"
                        name="source"
                        label=Msg::Source
                        options=sources
                        selected=submitted.source.clone()
                        errors
                        placeholder=Msg::ChooseOption
                        required=true
                    />
                </div>
                <TextArea
                    id="use-note"
                    name="note"
                    label=Msg::Note
                    value=submitted.note.clone()
                    errors
                    maxlength=500
                />
                <button id="use-submit" type="submit" class="button button--primary">
                    {locale.t(Msg::SaveRecord)}
                </button>
            </form>
        }
    });
    let latest = plot.latest.clone();
    view! {
        <Title text=title.clone() />
        <ProjectHeader head=page.head tab=ProjectTab::Households />
        <div class="page-header">
            <h2 id="plot-title">{title}</h2>
            {can_edit
                .then(|| {
                    view! {
                        <a id="edit-plot-link" class="button button--secondary" href=format!("/plots/{id}/edit")>
                            {locale.t(Msg::EditPlot)}
                        </a>
                    }
                })}
        </div>
        <ActionFailedNotice />
        <section class="panel" aria-labelledby="plot-facts-heading">
            <h3 id="plot-facts-heading" class="visually-hidden">{locale.t(Msg::PlotTitle)}</h3>
            <dl class="facts" id="plot-facts">
                <div><dt>{locale.t(Msg::PlotOf)}</dt>
                <dd><a id="plot-household-link" class="household-code" href=format!("/households/{}", plot.household_id)>{plot.household_code.clone()}</a></dd></div>
                <div><dt>{locale.t(Msg::Community)}</dt>
                <dd>{plot.community_name.clone()}</dd></div>
                <div><dt>{locale.t(Msg::DeclaredHectares)}</dt>
                <dd id="plot-declared">{ha(plot.declared_hectares)}</dd></div>
                <div><dt>{locale.t(Msg::MeasuredHectares)}</dt>
                <dd id="plot-measured">{plot.measured_hectares.map_or_else(|| "—".to_owned(), ha)}</dd></div>
                <div><dt>{locale.t(Msg::PlotPlace)}</dt>
                <dd id="plot-place">{plot.location.as_ref().map_or_else(|| locale.t(Msg::PlotPlaceHidden).to_owned(), |l| place_text(l, locale))}</dd></div>
                <div><dt>{locale.t(Msg::LatestRecord)}</dt>
                <dd id="plot-latest">
                    {match latest {
                        Some(day) => view! {
                            <span class=plot_status_class(day.status)>{day.status.name(locale)}</span>
                            " "{format!("{}: {} {} · {} {}", format::date(day.observed_on, locale), locale.t(Msg::IllicitHectares), ha(day.illicit_hectares), locale.t(Msg::LicitHectares), ha(day.licit_hectares))}
                        }.into_any(),
                        None => view! { <span class=plot_status_class(PlotStatus::Unknown)>{PlotStatus::Unknown.name(locale)}</span> }.into_any(),
                    }}
                </dd></div>
            </dl>
            {plot.areas_disagree.then(|| view! { <p class="notice notice--warning" id="plot-areas-disagree" role="note">{locale.t(Msg::AreasDisagree)}</p> })}
            {page.map_svg.map(|svg| view! { <div class="chart__svg plot-map" id="plot-map" inner_html=svg></div> })}
        </section>
        <section class="panel" id="uses" aria-labelledby="uses-heading">
            <h3 id="uses-heading">{locale.t(Msg::PlotUsesTitle)}</h3>
            {if view.uses.is_empty() {
                view! { <p id="no-plot-uses">{locale.t(Msg::NoPlotUsesYet)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" role="region" aria-label=locale.t(Msg::PlotDaysTitle) tabindex="0">
                        <table class="table" id="plot-days">
                            <caption>{locale.t(Msg::PlotDaysTitle)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{locale.t(Msg::ObservedOn)}</th>
                                    <th scope="col" class="num">{locale.t(Msg::IllicitHectares)}</th>
                                    <th scope="col" class="num">{locale.t(Msg::LicitHectares)}</th>
                                    <th scope="col">{locale.t(Msg::Status)}</th>
                                </tr>
                            </thead>
                            <tbody>{day_rows}</tbody>
                        </table>
                    </div>
                    <div class="table-scroll" role="region" aria-label=locale.t(Msg::PlotUsesTitle) tabindex="0">
                        <table class="table" id="plot-uses">
                            <thead>
                                <tr>
                                    <th scope="col">{locale.t(Msg::ObservedOn)}</th>
                                    <th scope="col">{locale.t(Msg::Crop)}</th>
                                    <th scope="col" class="num">{locale.t(Msg::Hectares)}</th>
                                    <th scope="col">{locale.t(Msg::Source)}</th>
                                    <th scope="col">{locale.t(Msg::Note)}</th>
                                    <th scope="col">{locale.t(Msg::RecordedBy)}</th>
                                    {can_edit.then(|| view! { <td></td> })}
                                </tr>
                            </thead>
                            <tbody>{use_rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
            {record_form}
        </section>
        <p><a href=format!("/households/{}", plot.household_id)>{locale.t(Msg::BackToHousehold)}</a></p>
    }
}
