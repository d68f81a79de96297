//! Server functions for the exchange rates page.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::fx::{Converted, RatesView};

/// The exchange rates page: the rates listed, and a conversion when one was asked for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatesPage {
    /// The rates.
    pub rates: RatesView,
    /// The conversion asked for (`?amount=…&from=…&to=…&day=…`), or why it could not be made.
    pub converted: Option<Result<Converted, AppError>>,
}

/// The organisation's rates (of `currency`, when given) and a conversion.
#[server(prefix = "/rpc", endpoint = "get_exchange_rates")]
pub async fn get_exchange_rates(
    currency: Option<String>,
    convert: Option<(String, String, String, String)>,
) -> Result<RatesPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let rates = answer(
        services
            .exchange_rates(&caller, currency.as_deref().unwrap_or_default())
            .await,
    )?;
    let converted = match convert {
        Some((amount, from, to, day)) if !amount.trim().is_empty() => {
            let form = shared::fx::ConvertForm {
                amount,
                from,
                to,
                day,
            };
            Some(match form.validate() {
                Ok((amount, from, to, day)) => services
                    .convert(&caller, amount, &from, &to, day)
                    .await
                    .map_err(AppError::from),
                Err(errors) => Err(AppError::Invalid(errors)),
            })
        }
        _ => None,
    };
    Ok(RatesPage { rates, converted })
}

/// A funding page (a project's tab, a program's or a donor's page): the figures, the chart,
/// and what its forms may name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FundingPage {
    /// The figures.
    pub overview: shared::funding::FundingOverview,
    /// The chart of the figures quarter by quarter, as SVG.
    pub chart_svg: String,
    /// What the forms may name (empty for readers who record nothing).
    pub choices: shared::funding_agreement::FundingChoices,
    /// The project, for its tab.
    pub head: Option<crate::api::projects::ProjectHead>,
    /// The donor, for its page.
    pub donor: Option<shared::donor::Donor>,
}

#[cfg(feature = "ssr")]
async fn funding_page(
    subject: shared::funding::FundingSubject,
    id: i64,
    currency: String,
    locale: shared::i18n::Locale,
) -> Result<FundingPage, AppError> {
    use crate::context::{answer, services_and_caller};
    use shared::funding::FundingSubject;
    let (services, caller) = services_and_caller()?;
    let head = match subject {
        FundingSubject::Project => {
            Some(crate::api::projects::project_head(&services, &caller, id).await?)
        }
        _ => None,
    };
    let overview = answer(
        services
            .funding_overview(&caller, subject, id, &currency)
            .await,
    )?;
    let donor = match subject {
        FundingSubject::Donor => answer(services.list_donors(&caller).await)?
            .0
            .into_iter()
            .find(|d| d.id == id),
        _ => None,
    };
    let chart_svg = shared::funding_chart::funding_svg(
        &overview.name,
        &overview.over_time,
        overview.figures.as_ref().map(|f| f.budget.amount),
        &overview.currency,
        locale,
    )
    .map_err(|error| {
        leptos::logging::error!("chart: {error}");
        AppError::Internal
    })?;
    let choices = if overview.can_manage {
        answer(services.funding_choices(&caller).await)?
    } else {
        Default::default()
    };
    Ok(FundingPage {
        overview,
        chart_svg,
        choices,
        head,
        donor,
    })
}

/// A project's funding tab, in `currency` (the project's when empty).
#[server(prefix = "/rpc", endpoint = "get_project_funding")]
pub async fn get_project_funding(
    id: i64,
    currency: String,
    locale: shared::i18n::Locale,
) -> Result<FundingPage, AppError> {
    funding_page(
        shared::funding::FundingSubject::Project,
        id,
        currency,
        locale,
    )
    .await
}

/// A program's funding page.
#[server(prefix = "/rpc", endpoint = "get_program_funding")]
pub async fn get_program_funding(
    id: i64,
    currency: String,
    locale: shared::i18n::Locale,
) -> Result<FundingPage, AppError> {
    funding_page(
        shared::funding::FundingSubject::Program,
        id,
        currency,
        locale,
    )
    .await
}

/// A donor's page: its agreements and funding.
#[server(prefix = "/rpc", endpoint = "get_donor_funding")]
pub async fn get_donor_funding(
    id: i64,
    currency: String,
    locale: shared::i18n::Locale,
) -> Result<FundingPage, AppError> {
    funding_page(shared::funding::FundingSubject::Donor, id, currency, locale).await
}

/// A funding agreement's page: the agreement and what its forms may name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgreementPage {
    /// The agreement with its periods, tranches, transactions and figures.
    pub view: shared::funding_agreement::FundingAgreementView,
    /// What the transaction form may name.
    pub choices: shared::funding_agreement::FundingChoices,
}

/// One funding agreement.
#[server(prefix = "/rpc", endpoint = "get_funding_agreement")]
pub async fn get_funding_agreement(id: i64) -> Result<AgreementPage, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    let view = answer(services.get_agreement(&caller, id).await)?;
    let choices = if view.can_manage {
        answer(services.funding_choices(&caller).await)?
    } else {
        Default::default()
    };
    Ok(AgreementPage { view, choices })
}

/// The agreement form: the agreement to change (none for a new one) and what it may name.
#[server(prefix = "/rpc", endpoint = "get_agreement_form")]
pub async fn get_agreement_form(
    id: Option<i64>,
) -> Result<
    (
        Option<shared::funding_agreement::FundingAgreement>,
        shared::funding_agreement::FundingChoices,
    ),
    AppError,
> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    if !caller.is_signed_in() {
        return answer(Err(AppError::Unauthorized));
    }
    if !caller.may_somewhere(shared::auth::Action::ManageFunding) {
        return answer(Err(AppError::Forbidden));
    }
    let agreement = match id {
        Some(id) => Some(answer(services.get_agreement(&caller, id).await)?.agreement),
        None => None,
    };
    let choices = answer(services.funding_choices(&caller).await)?;
    Ok((agreement, choices))
}
