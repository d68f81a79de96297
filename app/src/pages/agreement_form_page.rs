//! Recording a voluntary eradication agreement a household signed
//! (`/households/:id/agreements/new`): the day, the illicit crop, the hectares committed and the
//! day by which they are to be eradicated. A plain form post; what was typed comes back with
//! every problem named next to its field.

use super::id_param;
use crate::api::households::{HouseholdPage, get_household};
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextArea, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::agreement::AgreementForm;
use shared::crop::IllicitCrop;
use shared::i18n::{Locale, Msg};

fn field_id(field: &str) -> String {
    format!("agreement-{}", field.replace('_', "-"))
}

fn field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "signed_on" => Msg::SignedOn,
            "crop" => Msg::IllicitCropLabel,
            "committed_hectares" => Msg::CommittedHectares,
            "eradicate_by" => Msg::EradicateBy,
            _ => Msg::Note,
        })
        .to_owned()
}

/// The page.
#[component]
pub fn AgreementFormPage() -> impl IntoView {
    let locale = use_locale();
    let id = id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let page = get_household(id?).await?;
            if page.view.can_edit {
                Ok(page)
            } else {
                Err(crate::error::AppError::Forbidden)
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <AgreementFormView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AgreementFormView(page: HouseholdPage) -> impl IntoView {
    let locale = use_locale();
    let household = page.view.detail.household.clone();
    let id = household.id;
    let (submitted, state) = FormState::from_submission::<AgreementForm>();
    let errors = state.errors;
    let title = format!("{} — {}", locale.t(Msg::RecordAgreement), household.code);
    let crops: Vec<(String, String)> = IllicitCrop::ALL
        .iter()
        .map(|c| (c.code().to_owned(), c.name(locale).to_owned()))
        .collect();
    view! {
        <Title text=title.clone() />
        <ProjectHeader head=page.head tab=ProjectTab::Households />
        <h2>{title}</h2>
        <form
            id="agreement-form"
            class="form"
            method="post"
            action=format!("/households/{id}/agreements/new")
            novalidate
        >
            <CsrfField />
            <ErrorSummary errors general=state.general field_id=field_id field_label=field_label />
            <div class="form__row">
                <TextField
                    id="agreement-signed-on"
                    name="signed_on"
                    label=Msg::SignedOn
                    kind="date"
                    value=submitted.signed_on.clone()
                    errors
                    required=true
                />
                <SelectField
                    id="agreement-crop"
                    name="crop"
                    label=Msg::IllicitCropLabel
                    options=crops
                    selected=submitted.crop.clone()
                    errors
                    placeholder=Msg::ChooseOption
                    required=true
                />
            </div>
            <div class="form__row">
                <TextField
                    id="agreement-committed-hectares"
                    name="committed_hectares"
                    label=Msg::CommittedHectares
                    value=submitted.committed_hectares.clone()
                    errors
                    inputmode="decimal"
                    required=true
                />
                <TextField
                    id="agreement-eradicate-by"
                    name="eradicate_by"
                    label=Msg::EradicateBy
                    kind="date"
                    value=submitted.eradicate_by.clone()
                    errors
                    required=true
                />
            </div>
            <TextArea
                id="agreement-note"
                name="note"
                label=Msg::Note
                value=submitted.note.clone()
                errors
                maxlength=shared::agreement::NOTE_MAX
            />
            <div class="form__actions">
                <button id="agreement-submit" type="submit" class="button button--primary">
                    {locale.t(Msg::SaveAgreement)}
                </button>
                <a class="button button--secondary" href=format!("/households/{id}#agreements")>
                    {locale.t(Msg::Cancel)}
                </a>
            </div>
        </form>
    }
}
