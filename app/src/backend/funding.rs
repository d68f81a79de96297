//! Funding: for now the organisation's exchange rates and conversions that name their rate.
//! Reading needs an account of the organisation; importing and entering rates
//! `manage_funding` (administrators and program officers).

use crate::error::AppError;
use rust_decimal::Decimal;
use shared::auth::Caller;
use shared::fx::{Converted, Rate, RateForm, RatesImported, RatesView};

/// Funding.
#[async_trait::async_trait]
pub trait FundingBackend {
    /// The organisation's rates involving `currency` (all when empty), newest first.
    async fn exchange_rates(&self, caller: &Caller, currency: &str) -> Result<RatesView, AppError>;
    /// Reads a published rates file and stores its rates (a rate already stored for its day,
    /// pair and source is replaced); the cells it could not read come back with their line.
    /// `kind` is `ecb` or `imf`.
    async fn import_rates(
        &self,
        caller: &Caller,
        kind: &str,
        text: &str,
    ) -> Result<RatesImported, AppError>;
    /// Stores a rate typed by hand.
    async fn add_rate(&self, caller: &Caller, form: RateForm) -> Result<Rate, AppError>;
    /// Converts an amount at the organisation's rates, naming the rate, day and source used.
    async fn convert(
        &self,
        caller: &Caller,
        amount: Decimal,
        from: &str,
        to: &str,
        day: chrono::NaiveDate,
    ) -> Result<Converted, AppError>;
}
