//! The organisation's publishing settings (`/organisation`): its IATI organisation identifier
//! and type, shown to everyone in it and changed by administrators through a plain form post
//! that keeps the typed values and names each problem on an error.

use crate::api::publishing::get_organisation;
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextField};
use crate::components::form::{CsrfField, FormActions, FormState};
use crate::i18n::use_locale;
use crate::submission::Submission;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::donor::OrganisationType;
use shared::i18n::{Locale, Msg};
use shared::organisation::{Organisation, OrganisationForm};

fn field_id(field: &str) -> String {
    format!("organisation-{}", field.replace('_', "-"))
}

fn field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "iati_identifier" => Msg::IatiIdentifier,
            _ => Msg::OrganisationType,
        })
        .to_owned()
}

/// The settings page.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| get_organisation());
    view! {
        <Title text=locale.t(Msg::OrganisationTitle) />
        <h1>{locale.t(Msg::OrganisationTitle)}</h1>
        <p class="lead">{locale.t(Msg::OrganisationIntro)}</p>
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(organisation) => view! { <SettingsView organisation /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SettingsView(organisation: Organisation) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let return_to = query
        .read_untracked()
        .get("return_to")
        .and_then(|v| shared::redirect::same_site_path(&v).map(str::to_owned))
        .unwrap_or_else(|| "/organisation".to_owned());
    let facts = view! {
        <dl class="facts" id="organisation-facts">
            <dt>{locale.t(Msg::OrganisationName)}</dt>
            <dd>{organisation.name.clone()}</dd>
            <dt>{locale.t(Msg::IatiIdentifier)}</dt>
            <dd id="organisation-iati">
                {organisation
                    .iati_identifier
                    .clone()
                    .unwrap_or_else(|| locale.t(Msg::OrganisationNotSet).to_owned())}
            </dd>
            <dt>{locale.t(Msg::OrganisationType)}</dt>
            <dd>{organisation.organisation_type.name(locale)}</dd>
        </dl>
    };
    if !organisation.can_edit {
        return view! {
            {facts}
            <p>{locale.t(Msg::OrganisationReadOnly)}</p>
        }
        .into_any();
    }
    let resubmitted = use_context::<Submission<OrganisationForm>>().is_some();
    let (submitted, state) = FormState::from_submission::<OrganisationForm>();
    let errors = state.errors;
    let form = if resubmitted {
        submitted
    } else {
        organisation.to_form()
    };
    let types = OrganisationType::ALL
        .iter()
        .map(|t| (t.code().to_owned(), t.name(locale).to_owned()))
        .collect();
    view! {
        {facts}
        <form id="organisation-form" class="form" method="post" action="/organisation" novalidate>
            <CsrfField />
            <input type="hidden" name="return_to" value=return_to />
            <ErrorSummary id="organisation-errors" errors general=state.general field_id field_label />
            <TextField
                id="organisation-iati-identifier"
                name="iati_identifier"
                label=Msg::IatiIdentifier
                hint=Msg::OrganisationIatiHint
                value=form.iati_identifier.clone()
                errors
                maxlength=100
            />
            <SelectField
                id="organisation-organisation-type"
                name="organisation_type"
                label=Msg::OrganisationType
                options=types
                selected=form.organisation_type.clone()
                errors
                required=true
            />
            <FormActions id="organisation-submit" label=Msg::SaveOrganisation cancel_href="/organisation" state />
        </form>
    }
    .into_any()
}
