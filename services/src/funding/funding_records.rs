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
use shared::funding::{
    FigureRow, FundingFigures, FundingOverview, FundingSubject, Money, budget_table,
    funding_figures, funding_over_time, money_of,
};
use shared::funding_agreement::{
    FundingAgreement, FundingAgreementForm, FundingAgreementView, FundingChoices,
    NewFundingAgreement, Tranche, TrancheForm, Transaction, TransactionForm,
};
use shared::fx::{NoRate, RateTable};
use shared::validation::{FieldError, Problem};

fn invalid(field: &str, problem: Problem) -> Error {
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
fn transaction_place(organisation: i64, transaction: &Transaction) -> Place {
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
fn budget_money(line: &shared::timeline::BudgetLine, project_start: NaiveDate) -> Money {
    let year = line.year.unwrap_or(project_start.year());
    Money {
        amount: line.amount,
        currency: line.currency.clone(),
        day: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(project_start),
    }
}

fn figures_or_missing(
    result: Result<FundingFigures, NoRate>,
) -> (Option<FundingFigures>, Option<NoRate>) {
    match result {
        Ok(f) => (Some(f), None),
        Err(missing) => (None, Some(missing)),
    }
}

fn agreement_money(agreement: &FundingAgreement) -> Money {
    Money {
        amount: agreement.amount,
        currency: agreement.currency.clone(),
        day: agreement.start_date,
    }
}

fn currencies_of<'a>(own: &'a str, others: impl Iterator<Item = &'a str>) -> Vec<String> {
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
    fn organisation_of(caller: &Caller) -> Result<i64, Error> {
        signed_in(caller)?;
        caller.organisation_id.ok_or(Error::Forbidden)
    }

    /// An agreement the caller may read.
    async fn readable_agreement(
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
    async fn checked_agreement(
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
    async fn audit_funding(
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

    /// Whether the caller reads the funding of `place` (a project or program): with
    /// `view_funding` there, or as the viewer of a donor that funds it.
    fn reads_funding_of(caller: &Caller, place: &Place) -> bool {
        caller.may(Action::ViewFunding, place) || !caller.donor_views_of(place).is_empty()
    }

    pub(crate) async fn overview(
        &self,
        caller: &Caller,
        subject: FundingSubject,
        id: i64,
        currency: &str,
    ) -> Result<FundingOverview, Error> {
        let organisation = Self::organisation_of(caller)?;
        let table =
            RateTable::new(db::rates::all(&mut *self.db.conn().await?, organisation).await?);
        let visible_tx =
            |t: &Transaction| caller.may(Action::ViewFunding, &transaction_place(organisation, t));
        let visible_agreement =
            |a: &FundingAgreement| caller.may(Action::ViewFunding, &agreement_place(a));
        let as_of = crate::today();
        let (name, own_currency, budget, budget_table_view, agreements, transactions, rows) =
            match subject {
                FundingSubject::Project => {
                    let (project, place) = self.visible_project(caller, id).await?;
                    if !Self::reads_funding_of(caller, &place) {
                        return Err(Error::Forbidden);
                    }
                    let lines =
                        db::timeline::list_budget_lines(&mut *self.db.conn().await?, id).await?;
                    let components =
                        db::timeline::list_components(&mut *self.db.conn().await?, id).await?;
                    let mut components: Vec<_> = components;
                    components.sort_by_key(|c| (c.position, c.id));
                    let named: Vec<(i64, String)> =
                        components.iter().map(|c| (c.id, c.name.clone())).collect();
                    let laid_out: Vec<(Option<i64>, Option<i32>, Decimal)> = lines
                        .iter()
                        .filter(|l| l.currency == project.currency)
                        .map(|l| (l.component_id, l.year, l.amount))
                        .collect();
                    let budget: Vec<Money> = lines
                        .iter()
                        .map(|l| budget_money(l, project.start_date))
                        .collect();
                    let agreements: Vec<FundingAgreement> = self
                        .list_agreements_for(
                            caller,
                            FundingFilter {
                                project_id: Some(id),
                                ..Default::default()
                            },
                        )
                        .await?;
                    let transactions: Vec<Transaction> = db::funding::transactions(
                        &mut *self.db.conn().await?,
                        organisation,
                        db::funding::TransactionFilter {
                            project: Some(id),
                            ..Default::default()
                        },
                    )
                    .await?
                    .into_iter()
                    .filter(visible_tx)
                    .collect();
                    (
                        project.name.clone(),
                        project.currency.clone(),
                        budget,
                        Some(budget_table(&project.currency, &named, &laid_out)),
                        agreements,
                        transactions,
                        Vec::new(),
                    )
                }
                FundingSubject::Program => {
                    let detail = self.get_program(caller, id).await?;
                    let place = Place {
                        organisation: detail.program.organisation_id,
                        program: Some(id),
                        ..Place::default()
                    };
                    if !Self::reads_funding_of(caller, &place) {
                        return Err(Error::Forbidden);
                    }
                    let mut budget = Vec::new();
                    let mut by_project = Vec::new();
                    for project in &detail.projects {
                        let lines = db::timeline::list_budget_lines(
                            &mut *self.db.conn().await?,
                            project.id,
                        )
                        .await?;
                        let money: Vec<Money> = lines
                            .iter()
                            .map(|l| budget_money(l, project.start_date))
                            .collect();
                        budget.extend(money.iter().cloned());
                        by_project.push((project, money));
                    }
                    let agreements: Vec<FundingAgreement> = self
                        .list_agreements_for(
                            caller,
                            FundingFilter {
                                program_id: Some(id),
                                ..Default::default()
                            },
                        )
                        .await?;
                    let transactions: Vec<Transaction> = db::funding::transactions(
                        &mut *self.db.conn().await?,
                        organisation,
                        db::funding::TransactionFilter {
                            program: Some(id),
                            ..Default::default()
                        },
                    )
                    .await?
                    .into_iter()
                    .filter(visible_tx)
                    .collect();
                    // The program's currency: that of most of its budget, else the dollar.
                    let mut counts: Vec<(String, usize)> = Vec::new();
                    for m in &budget {
                        match counts.iter_mut().find(|(c, _)| *c == m.currency) {
                            Some((_, n)) => *n += 1,
                            None => counts.push((m.currency.clone(), 1)),
                        }
                    }
                    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    let own = counts
                        .first()
                        .map(|(c, _)| c.clone())
                        .unwrap_or_else(|| "USD".to_owned());
                    let chosen = if currency.trim().is_empty() {
                        own.clone()
                    } else {
                        currency.trim().to_ascii_uppercase()
                    };
                    let rows = by_project
                        .into_iter()
                        .map(|(project, money)| {
                            let of_project: Vec<Transaction> = transactions
                                .iter()
                                .filter(|t| t.project_id == Some(project.id))
                                .cloned()
                                .collect();
                            FigureRow {
                                name: project.name.clone(),
                                href: format!("/projects/{}/funding", project.id),
                                figures: funding_figures(
                                    &money,
                                    &money_of(&of_project),
                                    &chosen,
                                    &table,
                                )
                                .ok(),
                            }
                        })
                        .collect();
                    (
                        detail.program.name.clone(),
                        own,
                        budget,
                        None,
                        agreements,
                        transactions,
                        rows,
                    )
                }
                FundingSubject::Donor => {
                    let donor = db::donors::get(&mut *self.db.conn().await?, id).await?;
                    if donor.organisation_id != organisation {
                        return Err(Error::NotFound);
                    }
                    authorize(
                        caller,
                        Action::ViewFunding,
                        &Place::organisation(organisation).of_donor(Some(id)),
                    )?;
                    let agreements: Vec<FundingAgreement> = db::funding::agreements(
                        &mut *self.db.conn().await?,
                        organisation,
                        db::funding::AgreementFilter {
                            donor: Some(id),
                            ..Default::default()
                        },
                    )
                    .await?
                    .into_iter()
                    .filter(visible_agreement)
                    .collect();
                    let transactions: Vec<Transaction> = db::funding::transactions(
                        &mut *self.db.conn().await?,
                        organisation,
                        db::funding::TransactionFilter {
                            donor: Some(id),
                            ..Default::default()
                        },
                    )
                    .await?
                    .into_iter()
                    .filter(visible_tx)
                    .collect();
                    let budget: Vec<Money> = agreements.iter().map(agreement_money).collect();
                    let own = agreements
                        .first()
                        .map(|a| a.currency.clone())
                        .unwrap_or_else(|| "USD".to_owned());
                    (
                        donor.name.clone(),
                        own,
                        budget,
                        None,
                        agreements,
                        transactions,
                        Vec::new(),
                    )
                }
            };
        let chosen = if currency.trim().is_empty() {
            own_currency.clone()
        } else {
            currency.trim().to_ascii_uppercase()
        };
        if shared::currency::Currency::from_code(&chosen).is_none() {
            return Err(invalid("currency", Problem::UnknownChoice));
        }
        let rows = if matches!(subject, FundingSubject::Program) {
            rows
        } else {
            agreements
                .iter()
                .map(|a| {
                    let of_agreement: Vec<Transaction> = transactions
                        .iter()
                        .filter(|t| t.agreement_id == Some(a.id))
                        .cloned()
                        .collect();
                    FigureRow {
                        name: format!("{} · {}", a.donor_name, a.title),
                        href: format!("/funding-agreements/{}", a.id),
                        figures: funding_figures(
                            &[agreement_money(a)],
                            &money_of(&of_agreement),
                            &chosen,
                            &table,
                        )
                        .ok(),
                    }
                })
                .collect()
        };
        let money = money_of(&transactions);
        let (figures, missing_rate) =
            figures_or_missing(funding_figures(&budget, &money, &chosen, &table));
        let over_time = funding_over_time(&money, &chosen, &table, as_of).unwrap_or_default();
        let currencies = currencies_of(
            &own_currency,
            budget
                .iter()
                .map(|m| m.currency.as_str())
                .chain(transactions.iter().map(|t| t.currency.as_str()))
                .chain(agreements.iter().map(|a| a.currency.as_str())),
        );
        let can_manage = match subject {
            FundingSubject::Donor => caller.may(
                Action::ManageFunding,
                &Place::organisation(organisation).of_donor(Some(id)),
            ),
            _ => caller.may_somewhere(Action::ManageFunding),
        };
        Ok(FundingOverview {
            subject,
            id,
            name,
            currency: chosen,
            currencies,
            as_of,
            figures,
            missing_rate,
            over_time,
            budget_table: budget_table_view,
            agreements,
            rows,
            transactions,
            can_manage,
        })
    }

    pub(crate) async fn choices_for(&self, caller: &Caller) -> Result<FundingChoices, Error> {
        let organisation = Self::organisation_of(caller)?;
        let donors = db::donors::list(&mut *self.db.conn().await?, Some(organisation))
            .await?
            .into_iter()
            .filter(|_| caller.may_somewhere(Action::ManageFunding))
            .map(|d| (d.id.to_string(), d.name))
            .collect();
        let mut choices = FundingChoices {
            donors,
            ..FundingChoices::default()
        };
        for program in db::programs::list(&mut *self.db.conn().await?).await? {
            if program.organisation_id != Some(organisation) {
                continue;
            }
            let place = Place::program(organisation, program.id);
            let projects =
                db::projects::list_for_program(&mut *self.db.conn().await?, program.id).await?;
            let managed: Vec<_> = projects
                .iter()
                .filter(|p| {
                    caller.may(
                        Action::ManageFunding,
                        &Place::project(organisation, program.id, p.id),
                    )
                })
                .collect();
            if caller.may(Action::ManageFunding, &place) {
                choices
                    .programs
                    .push((program.id.to_string(), program.name.clone()));
            }
            for project in managed {
                choices.projects.push((
                    project.id.to_string(),
                    format!("{} › {}", program.name, project.name),
                ));
                let mut components =
                    db::timeline::list_components(&mut *self.db.conn().await?, project.id).await?;
                components.sort_by_key(|c| (c.position, c.id));
                for c in components {
                    choices
                        .components
                        .push((c.id.to_string(), format!("{} › {}", project.name, c.name)));
                }
                for l in
                    db::timeline::list_budget_lines(&mut *self.db.conn().await?, project.id).await?
                {
                    choices.budget_lines.push((
                        l.id.to_string(),
                        format!("{} › {} {}", project.name, l.code, l.description),
                    ));
                }
            }
        }
        for a in db::funding::agreements(
            &mut *self.db.conn().await?,
            organisation,
            db::funding::AgreementFilter::default(),
        )
        .await?
        .into_iter()
        .filter(|a| caller.may(Action::ManageFunding, &agreement_place(a)))
        {
            choices
                .agreements
                .push((a.id.to_string(), format!("{} · {}", a.donor_name, a.title)));
            choices.earmarks.push(a.earmark);
        }
        Ok(choices)
    }
}
