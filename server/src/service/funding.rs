//! Funding: the organisation's exchange rates (imported from the ECB's and the IMF's files, or
//! typed by hand) and conversions that name the rate, day and source they used.

use super::{Services, authorize, signed_in};
use crate::db::{self, households::RecordedBy};
use app::backend::funding::{FundingBackend, FundingFilter};
use app::error::AppError;
use rust_decimal::Decimal;
use shared::auth::{Action, Caller, Place};
use shared::funding::{FundingOverview, FundingSubject};
use shared::funding_agreement::{
    FundingAgreement, FundingAgreementForm, FundingAgreementView, FundingChoices, Tranche,
    TrancheForm, Transaction, TransactionForm,
};
use shared::fx::{
    Converted, Rate, RateFileKind, RateForm, RateTable, RatesImported, RatesView, convert,
};
use shared::validation::{FieldError, Problem};

/// The most rates the page lists at once.
const LISTED: i64 = 500;

impl Services {
    /// The caller's organisation: its exchange rates are published figures, read by everyone
    /// who works in it.
    fn readable_organisation(caller: &Caller) -> Result<i64, AppError> {
        signed_in(caller)?;
        caller.organisation_id.ok_or(AppError::Forbidden)
    }

    /// The caller's organisation, when it may keep its funding records.
    fn managed_organisation(caller: &Caller) -> Result<i64, AppError> {
        signed_in(caller)?;
        let organisation = caller.organisation_id.ok_or(AppError::Forbidden)?;
        authorize(
            caller,
            Action::ManageFunding,
            &Place::organisation(organisation),
        )?;
        Ok(organisation)
    }

    async fn store_rates(
        &self,
        caller: &Caller,
        organisation: i64,
        rates: &[Rate],
        summary: String,
    ) -> Result<u32, AppError> {
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let stored = db::rates::upsert(&self.db, organisation, rates, &by).await?;
        crate::audit::record(
            &self.db,
            caller,
            "",
            crate::audit::Event {
                action: "import",
                entity_type: "exchange_rate",
                entity_id: None,
                summary,
                old_value: None,
                new_value: None,
                place: Place::organisation(organisation),
            },
        )
        .await?;
        Ok(stored)
    }
}

#[async_trait::async_trait]
impl FundingBackend for Services {
    async fn exchange_rates(&self, caller: &Caller, currency: &str) -> Result<RatesView, AppError> {
        let organisation = Self::readable_organisation(caller)?;
        let currency = currency.trim().to_ascii_uppercase();
        let (rates, total) = db::rates::list(&self.db, organisation, &currency, LISTED).await?;
        Ok(RatesView {
            rates,
            total,
            can_manage: caller.may(Action::ManageFunding, &Place::organisation(organisation)),
        })
    }

    async fn import_rates(
        &self,
        caller: &Caller,
        kind: &str,
        text: &str,
    ) -> Result<RatesImported, AppError> {
        let organisation = Self::managed_organisation(caller)?;
        let kind = RateFileKind::from_code(kind).ok_or_else(|| {
            AppError::Invalid(vec![FieldError::new("kind", Problem::UnknownChoice)])
        })?;
        let file = kind
            .read(text)
            .map_err(|p| AppError::Invalid(vec![FieldError::new("file", p)]))?;
        if file.rates.is_empty() && file.problems.is_empty() {
            return Err(AppError::Invalid(vec![FieldError::new(
                "file",
                Problem::EmptyFile,
            )]));
        }
        let summary = format!(
            "{} exchange rates imported from a {} file ({} cells not read)",
            file.rates.len(),
            match kind {
                RateFileKind::Ecb => "ECB",
                RateFileKind::Imf => "IMF",
            },
            file.problems.len()
        );
        let stored = self
            .store_rates(caller, organisation, &file.rates, summary)
            .await?;
        Ok(RatesImported {
            stored,
            problems: file.problems,
        })
    }

    async fn add_rate(&self, caller: &Caller, form: RateForm) -> Result<Rate, AppError> {
        let organisation = Self::managed_organisation(caller)?;
        let rate = form.validate().map_err(AppError::Invalid)?;
        let summary = format!(
            "Exchange rate entered by hand: 1 {} = {} {} on {}",
            rate.base, rate.rate, rate.quote, rate.day
        );
        self.store_rates(caller, organisation, std::slice::from_ref(&rate), summary)
            .await?;
        Ok(rate)
    }

    async fn convert(
        &self,
        caller: &Caller,
        amount: Decimal,
        from: &str,
        to: &str,
        day: chrono::NaiveDate,
    ) -> Result<Converted, AppError> {
        let organisation = Self::readable_organisation(caller)?;
        let table = RateTable::new(db::rates::all(&self.db, organisation).await?);
        convert(&table, amount, from, to, day)
            .map_err(|_| AppError::Invalid(vec![FieldError::new("day", Problem::NoExchangeRate)]))
    }

    async fn list_agreements(
        &self,
        caller: &Caller,
        filter: FundingFilter,
    ) -> Result<Vec<FundingAgreement>, AppError> {
        self.list_agreements_for(caller, filter).await
    }

    async fn get_agreement(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<FundingAgreementView, AppError> {
        self.funding_agreement_view(caller, id).await
    }

    async fn create_agreement(
        &self,
        caller: &Caller,
        form: FundingAgreementForm,
    ) -> Result<FundingAgreement, AppError> {
        self.create_agreement_for(caller, form).await
    }

    async fn update_agreement(
        &self,
        caller: &Caller,
        id: i64,
        form: FundingAgreementForm,
    ) -> Result<FundingAgreement, AppError> {
        self.update_agreement_for(caller, id, form).await
    }

    async fn add_tranche(
        &self,
        caller: &Caller,
        agreement_id: i64,
        form: TrancheForm,
    ) -> Result<Tranche, AppError> {
        self.add_tranche_to(caller, agreement_id, form).await
    }

    async fn list_transactions(
        &self,
        caller: &Caller,
        filter: FundingFilter,
    ) -> Result<Vec<Transaction>, AppError> {
        self.list_transactions_for(caller, filter).await
    }

    async fn add_transaction(
        &self,
        caller: &Caller,
        form: TransactionForm,
    ) -> Result<Transaction, AppError> {
        self.add_transaction_for(caller, form).await
    }

    async fn funding_overview(
        &self,
        caller: &Caller,
        subject: FundingSubject,
        id: i64,
        currency: &str,
    ) -> Result<FundingOverview, AppError> {
        self.overview(caller, subject, id, currency).await
    }

    async fn funding_choices(&self, caller: &Caller) -> Result<FundingChoices, AppError> {
        self.choices_for(caller).await
    }
}
