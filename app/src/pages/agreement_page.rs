//! One eradication agreement: what the household committed, where it stands, the sequencing
//! check against the support it received (Guiding Principles 18(k)), every verification visit
//! with replanting marked, and — for those who may record — the form for a new visit.

use super::id_param;
use crate::api::agreements::{AgreementPage, get_agreement};
use crate::components::agreements::agreement_status_class;
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::agreement::{VerificationForm, VerificationMethod};
use shared::format;
use shared::i18n::{Locale, Msg};

/// The page.
#[component]
pub fn AgreementPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move { get_agreement(id?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <AgreementView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn visit_field_id(field: &str) -> String {
    format!("visit-{}", field.replace('_', "-"))
}

fn visit_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "visited_on" => Msg::VisitedOn,
            "method" => Msg::VerificationMethodLabel,
            "eradicated_hectares" => Msg::EradicatedHectares,
            "illicit_hectares_found" => Msg::IllicitHectaresFound,
            _ => Msg::Note,
        })
        .to_owned()
}

#[component]
fn AgreementView(page: AgreementPage) -> impl IntoView {
    let locale = use_locale();
    let view = page.view;
    let agreement = view.agreement.clone();
    let terms = agreement.agreement.clone();
    let id = agreement.id;
    let ha = move |value| format::decimal(value, locale);
    let title = format!(
        "{} — {}",
        locale.t(Msg::AgreementTitle),
        agreement.household_code
    );
    let check = agreement.sequencing;
    let notice_class = if check.is_breach() {
        "notice notice--warning"
    } else {
        "notice notice--info"
    };
    let visit_rows = view
        .verifications
        .iter()
        .map(|v| {
            let visit = &v.verification;
            view! {
                <tr class:row--warning=v.replanting>
                    <th scope="row">{format::date(visit.visited_on, locale)}</th>
                    <td>{visit.method.name(locale)}</td>
                    <td class="num">{ha(visit.eradicated_hectares)}</td>
                    <td class="num">
                        {ha(visit.illicit_hectares_found)}
                        {v.replanting.then(|| view! { " " <span class="badge badge--warning">{locale.t(Msg::ReplantingFound)}</span> })}
                    </td>
                    <td>{visit.note.clone().unwrap_or_default()}</td>
                    <td>{v.recorded_by.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let support_rows = view
        .support
        .iter()
        .map(|s| {
            let support = &s.support;
            view! {
                <tr>
                    <th scope="row">{format::date(support.delivered_on, locale)}</th>
                    <td>{support.kind.name(locale)}</td>
                    <td class="num">{format::money(support.value, &support.currency, locale)}</td>
                </tr>
            }
        })
        .collect_view();
    let (submitted, state) = FormState::from_submission::<VerificationForm>();
    let errors = state.errors;
    let methods: Vec<(String, String)> = VerificationMethod::ALL
        .iter()
        .map(|m| (m.code().to_owned(), m.name(locale).to_owned()))
        .collect();
    let visit_form = view.can_edit.then(|| {
        view! {
            <form
                id="verification-form"
                class="form"
                method="post"
                action=format!("/agreements/{id}/verifications")
                novalidate
            >
                <h3>{locale.t(Msg::RecordVerification)}</h3>
                <p class="hint">{locale.t(Msg::RecordVerificationHint)}</p>
                <CsrfField />
                <ErrorSummary
                    id="verification-errors"
                    errors
                    general=state.general
                    field_id=visit_field_id
                    field_label=visit_field_label
                />
                <div class="form__row">
                    <TextField
                        id="visit-visited-on"
                        name="visited_on"
                        label=Msg::VisitedOn
                        kind="date"
                        value=submitted.visited_on.clone()
                        errors
                        required=true
                    />
                    <SelectField
                        id="visit-method"
                        name="method"
                        label=Msg::VerificationMethodLabel
                        options=methods
                        selected=submitted.method.clone()
                        errors
                        placeholder=Msg::ChooseOption
                        required=true
                    />
                </div>
                <div class="form__row">
                    <TextField
                        id="visit-eradicated-hectares"
                        name="eradicated_hectares"
                        label=Msg::EradicatedHectares
                        value=submitted.eradicated_hectares.clone()
                        errors
                        inputmode="decimal"
                        required=true
                    />
                    <TextField
                        id="visit-illicit-hectares-found"
                        name="illicit_hectares_found"
                        label=Msg::IllicitHectaresFound
                        value=submitted.illicit_hectares_found.clone()
                        errors
                        inputmode="decimal"
                        required=true
                    />
                </div>
                <TextArea
                    id="visit-note"
                    name="note"
                    label=Msg::Note
                    value=submitted.note.clone()
                    errors
                    maxlength=shared::agreement::NOTE_MAX
                />
                <button id="verification-submit" type="submit" class="button button--primary">
                    {locale.t(Msg::SaveVerification)}
                </button>
            </form>
        }
    });
    view! {
        <Title text=title.clone() />
        <ProjectHeader head=page.head tab=ProjectTab::Households />
        <h2 id="agreement-title">{title}</h2>
        <div class=notice_class id="sequencing-check" role="note">
            <p><strong>{locale.t(Msg::SequencingLabel)}": "</strong>{check.explain(locale)}</p>
        </div>
        <section class="panel" aria-labelledby="agreement-facts-heading">
            <h3 id="agreement-facts-heading" class="visually-hidden">{locale.t(Msg::AgreementTitle)}</h3>
            <dl class="facts" id="agreement-facts">
                <div><dt>{locale.t(Msg::HouseholdFacts)}</dt>
                <dd><a class="household-code" href=format!("/households/{}", agreement.household_id)>{agreement.household_code.clone()}</a></dd></div>
                <div><dt>{locale.t(Msg::SignedOn)}</dt><dd>{format::date(terms.signed_on, locale)}</dd></div>
                <div><dt>{locale.t(Msg::IllicitCropLabel)}</dt><dd>{terms.crop.name(locale)}</dd></div>
                <div><dt>{locale.t(Msg::CommittedHectares)}</dt><dd id="agreement-committed">{ha(terms.committed_hectares)}</dd></div>
                <div><dt>{locale.t(Msg::EradicateBy)}</dt><dd>{format::date(terms.eradicate_by, locale)}</dd></div>
                <div><dt>{locale.t(Msg::VerifiedHectares)}</dt><dd id="agreement-verified">{ha(agreement.verified_hectares)}</dd></div>
                <div><dt>{locale.t(Msg::AgreementStatusLabel)}</dt>
                <dd><span id="agreement-status" class=agreement_status_class(agreement.status)>{agreement.status.name(locale)}</span></dd></div>
                {terms.note.clone().map(|note| view! { <div><dt>{locale.t(Msg::Note)}</dt><dd>{note}</dd></div> })}
            </dl>
        </section>
        <section class="panel" id="verifications" aria-labelledby="verifications-heading">
            <h3 id="verifications-heading">{locale.t(Msg::Verifications)}</h3>
            {if view.verifications.is_empty() {
                view! { <p id="no-verifications">{locale.t(Msg::NoVerificationsYet)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" role="region" aria-label=locale.t(Msg::Verifications) tabindex="0">
                        <table class="table" id="verifications-table">
                            <thead>
                                <tr>
                                    <th scope="col">{locale.t(Msg::VisitedOn)}</th>
                                    <th scope="col">{locale.t(Msg::VerificationMethodLabel)}</th>
                                    <th scope="col" class="num">{locale.t(Msg::EradicatedHectares)}</th>
                                    <th scope="col" class="num">{locale.t(Msg::IllicitHectaresFound)}</th>
                                    <th scope="col">{locale.t(Msg::Note)}</th>
                                    <th scope="col">{locale.t(Msg::RecordedBy)}</th>
                                </tr>
                            </thead>
                            <tbody>{visit_rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
            {visit_form}
        </section>
        <section class="panel" aria-labelledby="agreement-support-heading">
            <h3 id="agreement-support-heading">{locale.t(Msg::SupportReceived)}</h3>
            {if view.support.is_empty() {
                view! { <p>{locale.t(Msg::NoSupportYet)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" role="region" aria-label=locale.t(Msg::SupportReceived) tabindex="0">
                        <table class="table" id="agreement-support">
                            <thead>
                                <tr>
                                    <th scope="col">{locale.t(Msg::DeliveredOn)}</th>
                                    <th scope="col">{locale.t(Msg::SupportKindLabel)}</th>
                                    <th scope="col" class="num">{locale.t(Msg::SupportValue)}</th>
                                </tr>
                            </thead>
                            <tbody>{support_rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
            <p><a href=format!("/households/{}#support", agreement.household_id)>{locale.t(Msg::BackToHousehold)}</a></p>
        </section>
    }
}
