//! Funding: the organisation's exchange rates (imported from the ECB's and the IMF's files, or
//! typed by hand) and conversions that name the rate, day and source they used.

use crate::Error;
use crate::FundingFilter;
use crate::db::{self, households::RecordedBy};
use crate::service::{Services, authorize, signed_in};
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
    fn readable_organisation(caller: &Caller) -> Result<i64, Error> {
        signed_in(caller)?;
        caller.organisation_id.ok_or(Error::Forbidden)
    }

    /// The caller's organisation, when it may keep its funding records.
    fn managed_organisation(caller: &Caller) -> Result<i64, Error> {
        signed_in(caller)?;
        let organisation = caller.organisation_id.ok_or(Error::Forbidden)?;
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
    ) -> Result<u32, Error> {
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let mut tx = self.db.begin().await?;
        let stored = db::rates::upsert(&mut tx, organisation, rates, &by).await?;
        crate::audit::record(
            &mut tx,
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
        tx.commit().await?;
        Ok(stored)
    }
}

impl Services {
    /// The organisation's rates involving `currency` (all when empty), newest first.
    pub async fn exchange_rates(
        &self,
        caller: &Caller,
        currency: &str,
    ) -> Result<RatesView, Error> {
        let organisation = Self::readable_organisation(caller)?;
        let currency = currency.trim().to_ascii_uppercase();
        let (rates, total) =
            db::rates::list(&mut *self.db.conn().await?, organisation, &currency, LISTED).await?;
        Ok(RatesView {
            rates,
            total,
            can_manage: caller.may(Action::ManageFunding, &Place::organisation(organisation)),
        })
    }

    /// Reads a published rates file and stores its rates (a rate already stored for its day,
    /// pair and source is replaced); the cells it could not read come back with their line.
    /// `kind` is `ecb` or `imf`.
    pub async fn import_rates(
        &self,
        caller: &Caller,
        kind: &str,
        text: &str,
    ) -> Result<RatesImported, Error> {
        let organisation = Self::managed_organisation(caller)?;
        let kind = RateFileKind::from_code(kind)
            .ok_or_else(|| Error::Invalid(vec![FieldError::new("kind", Problem::UnknownChoice)]))?;
        let file = kind
            .read(text)
            .map_err(|p| Error::Invalid(vec![FieldError::new("file", p)]))?;
        if file.rates.is_empty() && file.problems.is_empty() {
            return Err(Error::Invalid(vec![FieldError::new(
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

    /// Stores a rate typed by hand.
    pub async fn add_rate(&self, caller: &Caller, form: RateForm) -> Result<Rate, Error> {
        let organisation = Self::managed_organisation(caller)?;
        let rate = form.validate().map_err(Error::Invalid)?;
        let summary = format!(
            "Exchange rate entered by hand: 1 {} = {} {} on {}",
            rate.base, rate.rate, rate.quote, rate.day
        );
        self.store_rates(caller, organisation, std::slice::from_ref(&rate), summary)
            .await?;
        Ok(rate)
    }

    /// Converts an amount at the organisation's rates, naming the rate, day and source used.
    pub async fn convert(
        &self,
        caller: &Caller,
        amount: Decimal,
        from: &str,
        to: &str,
        day: chrono::NaiveDate,
    ) -> Result<Converted, Error> {
        let organisation = Self::readable_organisation(caller)?;
        let table =
            RateTable::new(db::rates::all(&mut *self.db.conn().await?, organisation).await?);
        convert(&table, amount, from, to, day)
            .map_err(|_| Error::Invalid(vec![FieldError::new("day", Problem::NoExchangeRate)]))
    }

    /// The agreements the caller may read that pass the filter, newest first.
    pub async fn list_agreements(
        &self,
        caller: &Caller,
        filter: FundingFilter,
    ) -> Result<Vec<FundingAgreement>, Error> {
        self.list_agreements_for(caller, filter).await
    }

    /// One agreement with its reporting periods, tranches, transactions and figures.
    pub async fn get_agreement(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<FundingAgreementView, Error> {
        self.funding_agreement_view(caller, id).await
    }

    /// Validates and stores a new agreement.
    pub async fn create_agreement(
        &self,
        caller: &Caller,
        form: FundingAgreementForm,
    ) -> Result<FundingAgreement, Error> {
        self.create_agreement_for(caller, form).await
    }

    /// Validates and stores changes to an agreement (its donor stays).
    pub async fn update_agreement(
        &self,
        caller: &Caller,
        id: i64,
        form: FundingAgreementForm,
    ) -> Result<FundingAgreement, Error> {
        self.update_agreement_for(caller, id, form).await
    }

    /// Validates and stores a planned tranche of an agreement.
    pub async fn add_tranche(
        &self,
        caller: &Caller,
        agreement_id: i64,
        form: TrancheForm,
    ) -> Result<Tranche, Error> {
        self.add_tranche_to(caller, agreement_id, form).await
    }

    /// The transactions the caller may read that pass the filter, newest first.
    pub async fn list_transactions(
        &self,
        caller: &Caller,
        filter: FundingFilter,
    ) -> Result<Vec<Transaction>, Error> {
        self.list_transactions_for(caller, filter).await
    }

    /// Validates and stores a transaction.
    pub async fn add_transaction(
        &self,
        caller: &Caller,
        form: TransactionForm,
    ) -> Result<Transaction, Error> {
        self.add_transaction_for(caller, form).await
    }

    /// The funding figures of a project, program or donor in `currency` (the subject's own
    /// when empty).
    pub async fn funding_overview(
        &self,
        caller: &Caller,
        subject: FundingSubject,
        id: i64,
        currency: &str,
    ) -> Result<FundingOverview, Error> {
        self.overview(caller, subject, id, currency).await
    }

    /// What the agreement and transaction forms may name, for the caller.
    pub async fn funding_choices(&self, caller: &Caller) -> Result<FundingChoices, Error> {
        self.choices_for(caller).await
    }
}
