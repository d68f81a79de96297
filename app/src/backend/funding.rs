//! Funding: the organisation's exchange rates and conversions that name their rate; funding
//! agreements, their tranches and transactions; the funding figures of a project, program or
//! donor. Reading rates needs an account of the organisation; reading agreements and figures
//! `view_funding` (a donor viewer only its donor's); recording anything `manage_funding`
//! (administrators and program officers).

use crate::error::AppError;
use rust_decimal::Decimal;
use shared::auth::Caller;
use shared::funding::{FundingOverview, FundingSubject};
use shared::funding_agreement::{
    FundingAgreement, FundingAgreementForm, FundingAgreementView, FundingChoices, Tranche,
    TrancheForm, Transaction, TransactionForm,
};
use shared::fx::{Converted, Rate, RateForm, RatesImported, RatesView};

/// Which agreements or transactions to list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FundingFilter {
    /// Only this donor's.
    pub donor_id: Option<i64>,
    /// Only those counted in this program.
    pub program_id: Option<i64>,
    /// Only those counted in this project.
    pub project_id: Option<i64>,
    /// Only this agreement's (transactions).
    pub agreement_id: Option<i64>,
}

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
    /// The agreements the caller may read that pass the filter, newest first.
    async fn list_agreements(
        &self,
        caller: &Caller,
        filter: FundingFilter,
    ) -> Result<Vec<FundingAgreement>, AppError>;
    /// One agreement with its reporting periods, tranches, transactions and figures.
    async fn get_agreement(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<FundingAgreementView, AppError>;
    /// Validates and stores a new agreement.
    async fn create_agreement(
        &self,
        caller: &Caller,
        form: FundingAgreementForm,
    ) -> Result<FundingAgreement, AppError>;
    /// Validates and stores changes to an agreement (its donor stays).
    async fn update_agreement(
        &self,
        caller: &Caller,
        id: i64,
        form: FundingAgreementForm,
    ) -> Result<FundingAgreement, AppError>;
    /// Validates and stores a planned tranche of an agreement.
    async fn add_tranche(
        &self,
        caller: &Caller,
        agreement_id: i64,
        form: TrancheForm,
    ) -> Result<Tranche, AppError>;
    /// The transactions the caller may read that pass the filter, newest first.
    async fn list_transactions(
        &self,
        caller: &Caller,
        filter: FundingFilter,
    ) -> Result<Vec<Transaction>, AppError>;
    /// Validates and stores a transaction.
    async fn add_transaction(
        &self,
        caller: &Caller,
        form: TransactionForm,
    ) -> Result<Transaction, AppError>;
    /// The funding figures of a project, program or donor in `currency` (the subject's own
    /// when empty).
    async fn funding_overview(
        &self,
        caller: &Caller,
        subject: FundingSubject,
        id: i64,
        currency: &str,
    ) -> Result<FundingOverview, AppError>;
    /// What the agreement and transaction forms may name, for the caller.
    async fn funding_choices(&self, caller: &Caller) -> Result<FundingChoices, AppError>;
}
