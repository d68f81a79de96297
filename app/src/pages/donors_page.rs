//! The organisation's donors: listed with their IATI identifier and type, and (for those who may)
//! a form to add one (a plain form post, with or without JavaScript). Projects name their donors
//! from this list.

use crate::api::projects::list_donors;
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextField};
use crate::components::form::{CsrfField, FormActions, FormState};
use crate::components::table::WideTable;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::donor::{DonorForm, OrganisationType};
use shared::i18n::{Locale, Msg};

fn donor_field_id(field: &str) -> String {
    format!("donor-{}", field.replace('_', "-"))
}

fn donor_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "iati_identifier" => Msg::IatiIdentifier,
            "organisation_type" => Msg::OrganisationType,
            _ => Msg::DonorName,
        })
        .to_owned()
}

/// The donors page.
#[component]
pub fn DonorsPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(|| (), |_| list_donors());
    view! {
        <Title text=locale.t(Msg::DonorsTitle) />
        <h1>{locale.t(Msg::DonorsTitle)}</h1>
        <p class="lead">{locale.t(Msg::DonorsIntro)}</p>
        <p><a id="exchange-rates-link" href="/exchange-rates">{locale.t(Msg::RatesLink)}</a></p>
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((donors, can_add)) => {
                        let rows = donors
                            .into_iter()
                            .map(|d| {
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <a href=format!("/donors/{}", d.id)>{d.name}</a>
                                        </th>
                                        <td>
                                            <code>{d.iati_identifier.unwrap_or_default()}</code>
                                        </td>
                                        <td>{d.organisation_type.name(locale)}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <WideTable
                                id="donors-table"
                                caption=Msg::DonorsTitle
                                headers=vec![Msg::DonorName, Msg::IatiIdentifier, Msg::OrganisationType]
                            >
                                {rows}
                            </WideTable>
                            {can_add.then(|| view! { <DonorFormView /> })}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DonorFormView() -> impl IntoView {
    let locale = use_locale();
    let (initial, state) = FormState::from_submission::<DonorForm>();
    let errors = state.errors;
    let kind = if initial.organisation_type.is_empty() {
        OrganisationType::Government.code().to_owned()
    } else {
        initial.organisation_type.clone()
    };
    let types = OrganisationType::ALL
        .iter()
        .map(|t| (t.code().to_owned(), t.name(locale).to_owned()))
        .collect();
    view! {
        <form
            id="donor-form"
            class="form form--inline"
            method="post"
            action="/donors"
            novalidate
        >
            <h2>{locale.t(Msg::AddDonor)}</h2>
            <CsrfField />
            <ErrorSummary errors general=state.general field_id=donor_field_id field_label=donor_field_label />
            <TextField id="donor-name" name="name" label=Msg::DonorName value=initial.name.clone() errors required=true />
            <TextField
                id="donor-iati-identifier"
                name="iati_identifier"
                label=Msg::IatiIdentifier
                hint=Msg::IatiIdentifierHint
                value=initial.iati_identifier.clone()
                errors
            />
            <SelectField
                id="donor-organisation-type"
                name="organisation_type"
                label=Msg::OrganisationType
                options=types
                selected=kind
                errors
            />
            <FormActions id="donor-submit" label=Msg::AddDonor cancel_href="/donors" state />
        </form>
    }
}
