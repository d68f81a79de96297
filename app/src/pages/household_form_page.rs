//! Registering a household (`/projects/:id/households/new`) or changing one
//! (`/households/:id/edit`): community, head of household, members by sex and age band,
//! indigenous status, cooperative, tenure and title, enrolment date, and — for the roles that may
//! see personal data — name and phone. A plain form post; what was typed comes back with every
//! problem named next to its field. It fits a phone-sized screen: the members grid is one row of
//! four small inputs per sex.

use crate::api::households::{get_household, get_new_household};
use crate::api::projects::ProjectHead;
use crate::components::error_view::{ErrorNotice, ErrorSummary};
use crate::components::field::{CountInput, SelectField, TextField};
use crate::components::form::{CsrfField, FormState};
use crate::components::project_header::{ProjectHeader, ProjectTab};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use shared::community::Community;
use shared::household::{HouseholdForm, LandTenure, TitleHolder, member_field, member_label};
use shared::i18n::{Locale, Msg};
use shared::indicator::{AgeBand, Sex};

/// The id of a field's input (`members_female_18_29` → `household-members-female-18-29`).
pub fn household_field_id(field: &str) -> String {
    format!("household-{}", field.replace('_', "-"))
}

/// The label of a field, for the error summary.
pub fn household_field_label(field: &str, locale: Locale) -> String {
    for sex in Sex::ALL {
        for age in AgeBand::ALL {
            if field == member_field(sex, age) {
                return format!(
                    "{}: {}",
                    locale.t(Msg::MembersLegend),
                    member_label(sex, age, locale)
                );
            }
        }
    }
    locale
        .t(match field {
            "community_id" => Msg::Community,
            "head_sex" => Msg::HeadSex,
            "head_age_band" => Msg::HeadAgeBand,
            "indigenous" => Msg::IndigenousHousehold,
            "cooperative" => Msg::CooperativeName,
            "cooperative_members_female" => Msg::CooperativeMembersFemale,
            "cooperative_members_male" => Msg::CooperativeMembersMale,
            "cooperative_leaders_female" => Msg::CooperativeLeadersFemale,
            "cooperative_leaders_male" => Msg::CooperativeLeadersMale,
            "land_tenure" => Msg::LandTenureLabel,
            "title_holder" => Msg::TitleHolderLabel,
            "enrolled_on" => Msg::EnrolledOn,
            "name" => Msg::PersonName,
            "phone" => Msg::Phone,
            _ => Msg::MembersLegend,
        })
        .to_owned()
}

/// What the form starts from.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Start {
    head: ProjectHead,
    /// The household's id and code when changing one.
    household: Option<(i64, String)>,
    form: HouseholdForm,
    communities: Vec<Community>,
    personal_data: bool,
}

/// The page, for a new household or an existing one.
#[component]
pub fn HouseholdFormPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let location = use_location();
    let key = Memo::new(move |_| {
        let id = params.read().get("id").and_then(|v| v.parse::<i64>().ok());
        // `/households/:id/edit` changes a household; `/projects/:id/households/new` adds one.
        (id, location.pathname.read().starts_with("/households/"))
    });
    let data = Resource::new(
        move || key.get(),
        move |(id, existing)| async move {
            let id = id.ok_or(crate::error::AppError::NotFound)?;
            if existing {
                let page = get_household(id).await?;
                if !page.view.can_edit {
                    return Err(crate::error::AppError::Forbidden);
                }
                let household = page.view.detail.household;
                Ok(Start {
                    personal_data: household.personal.is_some(),
                    form: HouseholdForm::of(&household),
                    household: Some((household.id, household.code)),
                    head: page.head,
                    communities: page.view.communities,
                })
            } else {
                let page = get_new_household(id).await?;
                Ok(Start {
                    head: page.head,
                    household: None,
                    form: HouseholdForm::default(),
                    communities: page.communities,
                    personal_data: page.personal_data,
                })
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(start) => view! { <HouseholdFormView start /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HouseholdFormView(start: Start) -> impl IntoView {
    let locale = use_locale();
    let project_id = start.head.project.id;
    let (submitted, state) = FormState::from_submission::<HouseholdForm>();
    let initial = if submitted != HouseholdForm::default() {
        submitted
    } else {
        start.form.clone()
    };
    let errors = state.errors;
    let (action, title) = match &start.household {
        Some((id, code)) => (
            format!("/households/{id}/edit"),
            format!("{} {code}", locale.t(Msg::EditHousehold)),
        ),
        None => (
            format!("/projects/{project_id}/households/new"),
            locale.t(Msg::RegisterHousehold).to_owned(),
        ),
    };
    let community_options: Vec<(String, String)> = start
        .communities
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    let sexes: Vec<(String, String)> = Sex::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.name(locale).to_owned()))
        .collect();
    let ages: Vec<(String, String)> = AgeBand::ALL
        .iter()
        .map(|a| (a.code().to_owned(), a.name(locale).to_owned()))
        .collect();
    let tenures: Vec<(String, String)> = LandTenure::ALL
        .iter()
        .map(|t| (t.code().to_owned(), t.name(locale).to_owned()))
        .collect();
    let holders: Vec<(String, String)> = TitleHolder::ALL
        .iter()
        .map(|t| (t.code().to_owned(), t.name(locale).to_owned()))
        .collect();
    let grid_rows = Sex::ALL
        .iter()
        .map(|sex| {
            let cells = AgeBand::ALL
                .iter()
                .map(|age| {
                    view! {
                        <CountInput
                            id=household_field_id(&member_field(*sex, *age))
                            name=member_field(*sex, *age)
                            label=member_label(*sex, *age, locale)
                            value=initial.member(*sex, *age).to_owned()
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
    let indigenous = matches!(initial.indigenous.trim(), "true" | "on" | "yes" | "1");
    let cancel = match &start.household {
        Some((id, _)) => format!("/households/{id}"),
        None => format!("/projects/{project_id}/households"),
    };
    view! {
        <ProjectHeader head=start.head.clone() tab=ProjectTab::Households />
        <h2>{title}</h2>
        <form id="household-form" class="form" method="post" action=action novalidate>
            <CsrfField />
            <ErrorSummary
                errors
                general=state.general
                field_id=household_field_id
                field_label=household_field_label
            />
            <div class="form__row">
                <SelectField
                    id="household-community-id"
                    name="community_id"
                    label=Msg::Community
                    options=community_options
                    selected=initial.community_id.clone()
                    errors
                    placeholder=Msg::ChooseCommunity
                    required=true
                />
                <TextField
                    id="household-enrolled-on"
                    name="enrolled_on"
                    label=Msg::EnrolledOn
                    kind="date"
                    value=initial.enrolled_on.clone()
                    errors
                    required=true
                />
            </div>
            <fieldset class="field fieldset">
                <legend>{locale.t(Msg::HeadOfHousehold)}</legend>
                <div class="form__row">
                    <SelectField
                        id="household-head-sex"
                        name="head_sex"
                        label=Msg::HeadSex
                        options=sexes
                        selected=initial.head_sex.clone()
                        errors
                        placeholder=Msg::ChooseOption
                        required=true
                    />
                    <SelectField
                        id="household-head-age-band"
                        name="head_age_band"
                        label=Msg::HeadAgeBand
                        options=ages
                        selected=initial.head_age_band.clone()
                        errors
                        placeholder=Msg::ChooseOption
                        required=true
                    />
                </div>
            </fieldset>
            <fieldset class="field fieldset" aria-describedby="household-members-hint">
                <legend>
                    {locale.t(Msg::MembersLegend)}
                    <span class="required" aria-hidden="true">" *"</span>
                </legend>
                <p class="hint" id="household-members-hint">{locale.t(Msg::MembersHint)}</p>
                <div class="table-scroll">
                    <table class="table members-grid" id="household-members">
                        <thead>
                            <tr>
                                <td></td>
                                {AgeBand::ALL
                                    .iter()
                                    .map(|a| view! { <th scope="col">{a.name(locale)}</th> })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>{grid_rows}</tbody>
                    </table>
                </div>
            </fieldset>
            <div class="checkbox">
                <input
                    type="checkbox"
                    id="household-indigenous"
                    name="indigenous"
                    value="true"
                    checked=indigenous
                />
                <label for="household-indigenous">{locale.t(Msg::IndigenousHousehold)}</label>
            </div>
            <fieldset class="field fieldset">
                <legend>{locale.t(Msg::CooperativeLegend)}</legend>
                <TextField
                    id="household-cooperative"
                    name="cooperative"
                    label=Msg::CooperativeName
                    value=initial.cooperative.clone()
                    errors
                />
                <div class="form__row">
                    <TextField
                        id="household-cooperative-members-female"
                        name="cooperative_members_female"
                        label=Msg::CooperativeMembersFemale
                        inputmode="numeric"
                        value=initial.cooperative_members_female.clone()
                        errors
                    />
                    <TextField
                        id="household-cooperative-members-male"
                        name="cooperative_members_male"
                        label=Msg::CooperativeMembersMale
                        inputmode="numeric"
                        value=initial.cooperative_members_male.clone()
                        errors
                    />
                </div>
                <div class="form__row">
                    <TextField
                        id="household-cooperative-leaders-female"
                        name="cooperative_leaders_female"
                        label=Msg::CooperativeLeadersFemale
                        inputmode="numeric"
                        value=initial.cooperative_leaders_female.clone()
                        errors
                    />
                    <TextField
                        id="household-cooperative-leaders-male"
                        name="cooperative_leaders_male"
                        label=Msg::CooperativeLeadersMale
                        inputmode="numeric"
                        value=initial.cooperative_leaders_male.clone()
                        errors
                    />
                </div>
            </fieldset>
            <div class="form__row">
                <SelectField
                    id="household-land-tenure"
                    name="land_tenure"
                    label=Msg::LandTenureLabel
                    options=tenures
                    selected=initial.land_tenure.clone()
                    errors
                    placeholder=Msg::ChooseOption
                    required=true
                />
                <SelectField
                    id="household-title-holder"
                    name="title_holder"
                    label=Msg::TitleHolderLabel
                    options=holders
                    selected=initial.title_holder.clone()
                    errors
                    placeholder=Msg::NoTitle
                />
            </div>
            <p class="hint">{locale.t(Msg::TitleHolderHint)}</p>
            {start
                .personal_data
                .then(|| {
                    view! {
                        <fieldset class="field fieldset" aria-describedby="household-personal-hint">
                            <legend>{locale.t(Msg::PersonalDataLegend)}</legend>
                            <p class="hint" id="household-personal-hint">{locale.t(Msg::PersonalDataHint)}</p>
                            <div class="form__row">
                                <TextField
                                    id="household-name"
                                    name="name"
                                    label=Msg::PersonName
                                    value=initial.name.clone()
                                    errors
                                    autocomplete="off"
                                />
                                <TextField
                                    id="household-phone"
                                    name="phone"
                                    label=Msg::Phone
                                    kind="tel"
                                    value=initial.phone.clone()
                                    errors
                                    autocomplete="off"
                                />
                            </div>
                        </fieldset>
                    }
                })}
            <div class="form__actions">
                <button id="household-submit" type="submit" class="button button--primary">
                    {locale.t(if start.household.is_some() { Msg::SaveChanges } else { Msg::RegisterHousehold })}
                </button>
                <a href=cancel>{locale.t(Msg::Cancel)}</a>
            </div>
        </form>
    }
}
