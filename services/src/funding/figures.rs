//! The funding figures of a project, program or donor (budgeted, committed, disbursed and spent,
//! converted at the organisation's rates, each rate named), and the choices the funding forms
//! offer.

use crate::Error;
use crate::FundingFilter;
use crate::db::{self};
use crate::funding::funding_records::*;
use crate::service::{Services, authorize};
use rust_decimal::Decimal;
use shared::auth::{Action, Caller, Place};
use shared::funding::{
    FigureRow, FundingOverview, FundingSubject, Money, budget_table, funding_figures,
    funding_over_time, money_of,
};
use shared::funding_agreement::{FundingAgreement, FundingChoices, Transaction};
use shared::fx::RateTable;
use shared::validation::Problem;

impl Services {
    /// Whether the caller reads the funding of `place` (a project or program): with
    /// `view_funding` there, or as the viewer of a donor that funds it.
    pub(crate) fn reads_funding_of(caller: &Caller, place: &Place) -> bool {
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
