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
    use crate::backend::{answer, backend_and_caller};
    let (backend, caller) = backend_and_caller()?;
    let rates = answer(
        backend
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
                Ok((amount, from, to, day)) => {
                    backend.convert(&caller, amount, &from, &to, day).await
                }
                Err(errors) => Err(AppError::Invalid(errors)),
            })
        }
        _ => None,
    };
    Ok(RatesPage { rates, converted })
}
