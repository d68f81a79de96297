//! Funding agreements, tranches and transactions, and the funding figures of a project,
//! program or donor. Every record of funding sits at its earmark (program, project) and its
//! donor: who may read it is decided there (a donor viewer reads only its donor's), and who may
//! record it (`manage_funding`) too.

use crate::Error;
use crate::FundingFilter;
use crate::db::{self, households::RecordedBy};
use crate::service::{Services, authorize, signed_in};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use shared::auth::{Action, Caller, Place};
use shared::funding::{FundingFigures, Money, funding_figures, money_of};
use shared::funding_agreement::{
    FundingAgreement, FundingAgreementForm, FundingAgreementView, NewFundingAgreement, Tranche,
    TrancheForm, Transaction, TransactionForm,
};
use shared::fx::{NoRate, RateTable};
use shared::validation::{FieldError, Problem};

pub(crate) fn invalid(field: &str, problem: Problem) -> Error {
    Error::Invalid(vec![FieldError::new(field, problem)])
}

/// Where an agreement sits: its earmark and its donor.
pub(crate) fn agreement_place(agreement: &FundingAgreement) -> Place {
    Place {
        organisation: Some(agreement.organisation_id),
        program: Some(agreement.earmark.program_id),
        project: agreement.earmark.project_id,
        community: None,
        donor: Some(agreement.donor_id),
    }
}

/// Where a transaction sits: where it counts, and its agreement's donor.
pub(crate) fn transaction_place(organisation: i64, transaction: &Transaction) -> Place {
    Place {
        organisation: Some(organisation),
        program: Some(transaction.program_id),
        project: transaction.project_id,
        community: None,
        donor: transaction.donor_id,
    }
}

/// A budget line's amount on the first day of its year (or of the project, for a line of no
/// year): converted at that year's rates.
pub(crate) fn budget_money(line: &shared::timeline::BudgetLine, project_start: NaiveDate) -> Money {
    let year = line.year.unwrap_or(project_start.year());
    Money {
        amount: line.amount,
        currency: line.currency.clone(),
        day: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(project_start),
    }
}

pub(crate) fn figures_or_missing(
    result: Result<FundingFigures, NoRate>,
) -> (Option<FundingFigures>, Option<NoRate>) {
    match result {
        Ok(f) => (Some(f), None),
        Err(missing) => (None, Some(missing)),
    }
}

pub(crate) fn agreement_money(agreement: &FundingAgreement) -> Money {
    Money {
        amount: agreement.amount,
        currency: agreement.currency.clone(),
        day: agreement.start_date,
    }
}

pub(crate) fn currencies_of<'a>(
    own: &'a str,
    others: impl Iterator<Item = &'a str>,
) -> Vec<String> {
    let mut all: Vec<String> = std::iter::once(own)
        .chain(others)
        .chain(["USD", "EUR"])
        .map(|c| c.to_owned())
        .collect();
    all.sort();
    all.dedup();
    all
}

impl Services {
    pub(crate) fn organisation_of(caller: &Caller) -> Result<i64, Error> {
        signed_in(caller)?;
        caller.organisation_id.ok_or(Error::Forbidden)
    }

    /// An agreement the caller may read.
    pub(crate) async fn readable_agreement(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<FundingAgreement, Error> {
        signed_in(caller)?;
        let agreement = db::funding::agreement(&mut *self.db.conn().await?, id).await?;
        authorize(caller, Action::ViewFunding, &agreement_place(&agreement))?;
        Ok(agreement)
    }

    /// Checks that what a valid agreement names exists in the organisation and fits together,
    /// and that the caller may record funding there.
    pub(crate) async fn checked_agreement(
        &self,
        caller: &Caller,
        organisation: i64,
        new: &NewFundingAgreement,
        donor_id: i64,
    ) -> Result<(), Error> {
        let mut errors = Vec::new();
        match db::donors::get(&mut *self.db.conn().await?, donor_id).await {
            Ok(donor) if donor.organisation_id == organisation => {}
            Ok(_) | Err(Error::NotFound) => {
                errors.push(FieldError::new("donor_id", Problem::UnknownReference))
            }
            Err(e) => return Err(e),
        }
        match db::programs::get(&mut *self.db.conn().await?, new.earmark.program_id).await {
            Ok(program) if program.organisation_id == Some(organisation) => {}
            Ok(_) | Err(Error::NotFound) => {
                errors.push(FieldError::new("program_id", Problem::UnknownReference))
            }
            Err(e) => return Err(e),
        }
        if let Some(project_id) = new.earmark.project_id {
            match db::projects::get(&mut *self.db.conn().await?, project_id).await {
                Ok(project) if project.program_id == new.earmark.program_id => {}
                Ok(_) => errors.push(FieldError::new("project_id", Problem::OutsideEarmark)),
                Err(Error::NotFound) => {
                    errors.push(FieldError::new("project_id", Problem::UnknownReference))
                }
                Err(e) => return Err(e),
            }
            if let Some(component_id) = new.earmark.component_id {
                match db::timeline::get_component(&mut *self.db.conn().await?, component_id).await {
                    Ok(c) if c.project_id == project_id => {}
                    Ok(_) | Err(Error::NotFound) => {
                        errors.push(FieldError::new("component_id", Problem::UnknownReference))
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let place = Place {
            organisation: Some(organisation),
            program: Some(new.earmark.program_id),
            project: new.earmark.project_id,
            community: None,
            donor: Some(donor_id),
        };
        authorize(caller, Action::ManageFunding, &place)
    }

    /// Records an event about a funding record (its place without the donor, so the audit
    /// trail's readers are those of the program or project).
    pub(crate) async fn audit_funding(
        &self,
        conn: &mut crate::db::Conn,
        caller: &Caller,
        event: crate::audit::Event<'_>,
    ) -> Result<(), Error> {
        let place = Place {
            donor: None,
            ..event.place
        };
        crate::audit::record(conn, caller, "", crate::audit::Event { place, ..event }).await
    }

    pub(crate) async fn list_agreements_for(
        &self,
        caller: &Caller,
        filter: FundingFilter,
    ) -> Result<Vec<FundingAgreement>, Error> {
        let organisation = Self::organisation_of(caller)?;
        let all = db::funding::agreements(
            &mut *self.db.conn().await?,
            organisation,
            db::funding::AgreementFilter {
                donor: filter.donor_id,
                program: filter.program_id,
                project: filter.project_id,
            },
        )
        .await?;
        Ok(all
            .into_iter()
            .filter(|a| caller.may(Action::ViewFunding, &agreement_place(a)))
            .collect())
    }

    pub(crate) async fn funding_agreement_view(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<FundingAgreementView, Error> {
        let agreement = self.readable_agreement(caller, id).await?;
        let tranches = db::funding::tranches(&mut *self.db.conn().await?, id).await?;
        let transactions = db::funding::transactions(
            &mut *self.db.conn().await?,
            agreement.organisation_id,
            db::funding::TransactionFilter {
                agreement: Some(id),
                ..Default::default()
            },
        )
        .await?;
        let table = RateTable::new(
            db::rates::all(&mut *self.db.conn().await?, agreement.organisation_id).await?,
        );
        let (figures, missing_rate) = figures_or_missing(funding_figures(
            &[agreement_money(&agreement)],
            &money_of(&transactions),
            &agreement.currency,
            &table,
        ));
        Ok(FundingAgreementView {
            reporting_periods: agreement.reporting_periods(),
            planned: tranches.iter().map(|t| t.amount).sum(),
            can_manage: caller.may(Action::ManageFunding, &agreement_place(&agreement)),
            agreement,
            tranches,
            transactions,
            figures,
            missing_rate,
        })
    }

    pub(crate) async fn create_agreement_for(
        &self,
        caller: &Caller,
        form: FundingAgreementForm,
    ) -> Result<FundingAgreement, Error> {
        let organisation = Self::organisation_of(caller)?;
        if !caller.may_somewhere(Action::ManageFunding) {
            return Err(Error::Forbidden);
        }
        let new = form.validate().map_err(Error::Invalid)?;
        self.checked_agreement(caller, organisation, &new, new.donor_id)
            .await?;
        let mut tx = self.db.begin().await?;
        let id = db::funding::insert_agreement(&mut tx, organisation, &new).await?;
        let stored = db::funding::agreement(&mut tx, id).await?;
        self.audit_funding(
            &mut tx,
            caller,
            crate::audit::Event {
                action: "create",
                entity_type: "funding_agreement",
                entity_id: Some(id.to_string()),
                summary: format!(
                    "Funding agreement \"{}\" with {}: {} {}",
                    stored.title, stored.donor_name, stored.amount, stored.currency
                ),
                old_value: None,
                new_value: serde_json::to_string(&stored).ok(),
                place: agreement_place(&stored),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    pub(crate) async fn update_agreement_for(
        &self,
        caller: &Caller,
        id: i64,
        form: FundingAgreementForm,
    ) -> Result<FundingAgreement, Error> {
        let before = self.readable_agreement(caller, id).await?;
        authorize(caller, Action::ManageFunding, &agreement_place(&before))?;
        // The donor of an agreement stays: its records are the donor's.
        let form = FundingAgreementForm {
            donor_id: before.donor_id.to_string(),
            ..form
        };
        let new = form.validate().map_err(Error::Invalid)?;
        self.checked_agreement(caller, before.organisation_id, &new, before.donor_id)
            .await?;
        let mut tx = self.db.begin().await?;
        let planned: Decimal = db::funding::tranches(&mut tx, id)
            .await?
            .iter()
            .map(|t| t.amount)
            .sum();
        if new.currency != before.currency && planned > Decimal::ZERO {
            return Err(invalid("currency", Problem::NotAllowedNow));
        }
        if planned > new.amount {
            // The tranches already planned must still fit in the agreement.
            return Err(invalid(
                "amount",
                Problem::OutOfRange {
                    min: planned.normalize().to_string(),
                    max: shared::currency::AMOUNT_MAX.to_string(),
                },
            ));
        }
        db::funding::update_agreement(&mut tx, id, &new).await?;
        let stored = db::funding::agreement(&mut tx, id).await?;
        self.audit_funding(
            &mut tx,
            caller,
            crate::audit::Event {
                action: "update",
                entity_type: "funding_agreement",
                entity_id: Some(id.to_string()),
                summary: format!("Funding agreement \"{}\" changed", stored.title),
                old_value: serde_json::to_string(&before).ok(),
                new_value: serde_json::to_string(&stored).ok(),
                place: agreement_place(&stored),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    pub(crate) async fn add_tranche_to(
        &self,
        caller: &Caller,
        agreement_id: i64,
        form: TrancheForm,
    ) -> Result<Tranche, Error> {
        let agreement = self.readable_agreement(caller, agreement_id).await?;
        authorize(caller, Action::ManageFunding, &agreement_place(&agreement))?;
        let mut tx = self.db.begin().await?;
        let planned: Decimal = db::funding::tranches(&mut tx, agreement_id)
            .await?
            .iter()
            .map(|t| t.amount)
            .sum();
        let new = form.validate(&agreement, planned).map_err(Error::Invalid)?;
        let id = db::funding::insert_tranche(&mut tx, agreement_id, &new).await?;
        self.audit_funding(
            &mut tx,
            caller,
            crate::audit::Event {
                action: "create",
                entity_type: "funding_tranche",
                entity_id: Some(id.to_string()),
                summary: format!(
                    "Tranche of {} {} due {} planned in \"{}\"",
                    new.amount, agreement.currency, new.due_date, agreement.title
                ),
                old_value: None,
                new_value: None,
                place: agreement_place(&agreement),
            },
        )
        .await?;
        tx.commit().await?;
        db::funding::tranches(&mut *self.db.conn().await?, agreement_id)
            .await?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or(Error::Internal)
    }

    pub(crate) async fn list_transactions_for(
        &self,
        caller: &Caller,
        filter: FundingFilter,
    ) -> Result<Vec<Transaction>, Error> {
        let organisation = Self::organisation_of(caller)?;
        let all = db::funding::transactions(
            &mut *self.db.conn().await?,
            organisation,
            db::funding::TransactionFilter {
                agreement: filter.agreement_id,
                donor: filter.donor_id,
                program: filter.program_id,
                project: filter.project_id,
            },
        )
        .await?;
        Ok(all
            .into_iter()
            .filter(|t| caller.may(Action::ViewFunding, &transaction_place(organisation, t)))
            .collect())
    }

    pub(crate) async fn add_transaction_for(
        &self,
        caller: &Caller,
        form: TransactionForm,
    ) -> Result<Transaction, Error> {
        let organisation = Self::organisation_of(caller)?;
        if !caller.may_somewhere(Action::ManageFunding) {
            return Err(Error::Forbidden);
        }
        let new = form.validate(crate::today()).map_err(Error::Invalid)?;
        let mut errors = Vec::new();
        let agreement = match new.agreement_id {
            Some(id) => match db::funding::agreement(&mut *self.db.conn().await?, id).await {
                Ok(a) if a.organisation_id == organisation => Some(a),
                Ok(_) | Err(Error::NotFound) => {
                    errors.push(FieldError::new("agreement_id", Problem::UnknownReference));
                    None
                }
                Err(e) => return Err(e),
            },
            None => None,
        };
        let project = match new.project_id {
            Some(id) => match db::projects::get(&mut *self.db.conn().await?, id).await {
                Ok(p) if p.organisation_id == Some(organisation) => Some(p),
                Ok(_) | Err(Error::NotFound) => {
                    errors.push(FieldError::new("project_id", Problem::UnknownReference));
                    None
                }
                Err(e) => return Err(e),
            },
            None => None,
        };
        if let Some(project) = &project {
            if let Some(component_id) = new.component_id {
                match db::timeline::get_component(&mut *self.db.conn().await?, component_id).await {
                    Ok(c) if c.project_id == project.id => {}
                    Ok(_) | Err(Error::NotFound) => {
                        errors.push(FieldError::new("component_id", Problem::UnknownReference))
                    }
                    Err(e) => return Err(e),
                }
            }
            if let Some(line_id) = new.budget_line_id {
                match db::timeline::get_budget_line(&mut *self.db.conn().await?, line_id).await {
                    Ok(l)
                        if l.project_id == project.id
                            && (new.component_id.is_none()
                                || l.component_id.is_none()
                                || l.component_id == new.component_id) => {}
                    Ok(_) | Err(Error::NotFound) => {
                        errors.push(FieldError::new("budget_line_id", Problem::UnknownReference))
                    }
                    Err(e) => return Err(e),
                }
            }
            if let Some(agreement) = &agreement
                && !agreement
                    .earmark
                    .admits(project.program_id, Some(project.id), new.component_id)
            {
                errors.push(FieldError::new("project_id", Problem::OutsideEarmark));
            }
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let counted = match (&project, &agreement) {
            (Some(p), _) => db::funding::Counted {
                program_id: p.program_id,
                project_id: Some(p.id),
            },
            (None, Some(a)) => db::funding::Counted {
                program_id: a.earmark.program_id,
                project_id: a.earmark.project_id,
            },
            (None, None) => return Err(invalid("project_id", Problem::Required)),
        };
        let place = Place {
            organisation: Some(organisation),
            program: Some(counted.program_id),
            project: counted.project_id,
            community: None,
            donor: agreement.as_ref().map(|a| a.donor_id),
        };
        authorize(caller, Action::ManageFunding, &place)?;
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let mut tx = self.db.begin().await?;
        let id = db::funding::insert_transaction(&mut tx, organisation, &new, counted, &by).await?;
        let stored = db::funding::transaction(&mut tx, id).await?;
        self.audit_funding(
            &mut tx,
            caller,
            crate::audit::Event {
                action: "create",
                entity_type: "funding_transaction",
                entity_id: Some(id.to_string()),
                summary: format!(
                    "{} of {} {} on {}: {}",
                    stored.kind.name(shared::i18n::Locale::En),
                    stored.amount,
                    stored.currency,
                    stored.value_date,
                    stored.description
                ),
                old_value: None,
                new_value: serde_json::to_string(&stored).ok(),
                place,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }
}
