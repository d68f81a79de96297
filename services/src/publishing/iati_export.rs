//! Publishing: the organisation's publishing settings, and IATI 2.03 files of a program's
//! projects. What leaves the organisation is protected here: locations are administrative
//! areas (municipalities, counted communities), never a household's or a plot's point; no
//! person is named; counts of fewer than five people or households are withheld
//! ([`shared::protection`]).

use crate::Error;
use crate::audit::{self, Event};
use crate::db;
use crate::service::{Services, authorize, program_place, project_place, signed_in};
use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use shared::actuals::approved_revision;
use shared::auth::{Action, Caller, Place};
use shared::donor::Donor;
use shared::funding::TransactionKind;
use shared::i18n::Locale;
use shared::iati::{
    IatiActivity, IatiActivitySummary, IatiBudget, IatiImportReport, IatiIndicator, IatiLocation,
    IatiNote, IatiOrg, IatiPeriod, IatiPreview, IatiResult, IatiTransaction, IatiValue, OrgRole,
    activity_status, published_values, result_type, sector_split, write_activities,
};
use shared::indicator::Unit;
use shared::organisation::{Organisation, OrganisationForm};
use shared::project::Project;
use shared::validation::{FieldError, Problem};
use std::collections::BTreeMap;

/// A program's activities as they will be published, with what was left out.
struct Built {
    organisation: Organisation,
    program_name: String,
    activities: Vec<IatiActivity>,
    summaries: Vec<IatiActivitySummary>,
    notes: Vec<IatiNote>,
}

fn org_of(donor: &Donor) -> IatiOrg {
    IatiOrg {
        reference: donor.iati_identifier.clone(),
        type_code: Some(donor.organisation_type.iati_code()),
        name: donor.name.clone(),
    }
}

fn own_org(organisation: &Organisation) -> IatiOrg {
    IatiOrg {
        reference: organisation.iati_identifier.clone(),
        type_code: Some(organisation.organisation_type.iati_code()),
        name: organisation.name.clone(),
    }
}

/// A project's activity identifier: its own when set, else the organisation's identifier and
/// the project's number.
fn activity_identifier(own: Option<String>, organisation: &str, project_id: i64) -> String {
    own.unwrap_or_else(|| format!("{organisation}-SMB-P{project_id}"))
}

impl Services {
    /// The caller's organisation, with whether it may change its settings.
    async fn caller_organisation(&self, caller: &Caller) -> Result<Organisation, Error> {
        signed_in(caller)?;
        let id = caller.organisation_id.ok_or(Error::Forbidden)?;
        let mut organisation = db::organisations::get(&mut *self.db.conn().await?, id).await?;
        organisation.can_edit = caller.may(Action::ManageUsers, &Place::organisation(id));
        Ok(organisation)
    }

    /// One project's activity.
    async fn iati_activity(
        &self,
        project: &Project,
        organisation: &Organisation,
        reference: &str,
        donors: &[Donor],
        locale: Locale,
        notes: &mut Vec<IatiNote>,
    ) -> Result<(IatiActivity, IatiActivitySummary), Error> {
        let identifier = activity_identifier(
            db::organisations::project_iati_identifier(&mut *self.db.conn().await?, project.id)
                .await?,
            reference,
            project.id,
        );
        let own = own_org(organisation);
        let donor = |id: i64| donors.iter().find(|d| d.id == id);

        let mut participants: Vec<(IatiOrg, OrgRole)> = project
            .donors
            .iter()
            .filter_map(|d| donor(d.id))
            .map(|d| (org_of(d), OrgRole::Funding))
            .collect();
        participants.push((own.clone(), OrgRole::Implementing));

        // Communities counted by municipality: the finest place a file names.
        let mut municipalities: BTreeMap<String, usize> = BTreeMap::new();
        for community in
            db::communities::list_for_project(&mut *self.db.conn().await?, project.id).await?
        {
            let name = community
                .municipality
                .unwrap_or_else(|| project.name.clone());
            *municipalities.entry(name).or_default() += 1;
        }
        let locations: Vec<IatiLocation> = municipalities
            .into_iter()
            .enumerate()
            .map(|(i, (name, count))| IatiLocation {
                reference: format!("{identifier}-L{}", i + 1),
                name: format!("{name}, {}", project.country),
                description: Some(match locale {
                    Locale::Es => format!("{count} comunidad(es)"),
                    Locale::En => format!("{count} communities"),
                }),
            })
            .collect();

        // Budgets by year in the project's currency, within its dates.
        let lines =
            db::timeline::list_budget_lines(&mut *self.db.conn().await?, project.id).await?;
        let components =
            db::timeline::list_components(&mut *self.db.conn().await?, project.id).await?;
        let mut by_year: BTreeMap<i32, Decimal> = BTreeMap::new();
        let mut by_kind = Vec::new();
        let (mut without_year, mut other_currency) = (0, 0);
        for line in &lines {
            if line.currency != project.currency {
                other_currency += 1;
                continue;
            }
            if let Some(kind) = line
                .component_id
                .and_then(|id| components.iter().find(|c| c.id == id))
                .map(|c| c.kind)
            {
                by_kind.push((kind, line.amount));
            }
            match line.year {
                Some(year) => *by_year.entry(year).or_default() += line.amount,
                None => without_year += 1,
            }
        }
        if without_year > 0 {
            notes.push(IatiNote::BudgetLinesWithoutYear {
                project: project.name.clone(),
                count: without_year,
            });
        }
        if other_currency > 0 {
            notes.push(IatiNote::BudgetLinesInOtherCurrency {
                project: project.name.clone(),
                count: other_currency,
            });
        }
        let budgets: Vec<IatiBudget> = by_year
            .into_iter()
            .filter_map(|(year, amount)| {
                let start = NaiveDate::from_ymd_opt(year, 1, 1)?.max(project.start_date);
                let end = NaiveDate::from_ymd_opt(year, 12, 31)?.min(project.end_date);
                (start <= end).then(|| IatiBudget {
                    start,
                    end,
                    amount,
                    currency: project.currency.clone(),
                })
            })
            .collect();

        // Transactions counted in the project.
        let organisation_id = organisation.id;
        let transactions = db::funding::transactions(
            &mut *self.db.conn().await?,
            organisation_id,
            db::funding::TransactionFilter {
                project: Some(project.id),
                ..Default::default()
            },
        )
        .await?;
        let mut transactions: Vec<IatiTransaction> = transactions
            .into_iter()
            .map(|t| {
                let from_donor = t.donor_id.and_then(donor).map(org_of);
                let (provider, receiver) = match t.kind {
                    TransactionKind::IncomingFunds | TransactionKind::Commitment => {
                        (from_donor, Some(own.clone()))
                    }
                    TransactionKind::Disbursement | TransactionKind::Expenditure => {
                        (Some(own.clone()), None)
                    }
                };
                IatiTransaction {
                    reference: format!("{identifier}-T{}", t.id),
                    type_code: t.kind.iati_code(),
                    date: t.value_date,
                    amount: t.amount,
                    currency: t.currency,
                    description: Some(t.description).filter(|d| !d.trim().is_empty()),
                    provider,
                    receiver,
                }
            })
            .collect();
        transactions.sort_by(|a, b| (a.date, &a.reference).cmp(&(b.date, &b.reference)));

        // Results with their indicators, targets and approved actuals.
        let results = db::results::list_results(&mut *self.db.conn().await?, project.id).await?;
        let indicators =
            db::results::list_indicators(&mut *self.db.conn().await?, project.id).await?;
        let mut withheld = 0;
        let mut published_results = Vec::new();
        let mut empty_results = 0;
        let mut sorted_results = results.clone();
        sorted_results.sort_by_key(|r| {
            (
                r.level != shared::results::ResultLevel::Goal,
                r.position,
                r.id,
            )
        });
        for result in &sorted_results {
            let mut published = Vec::new();
            for indicator in indicators.iter().filter(|i| i.result_id == result.id) {
                let revisions =
                    db::actuals::list_for_indicator(&mut *self.db.conn().await?, indicator.id)
                        .await?;
                let mut periods = Vec::new();
                for period in indicator.periods(project.start_date, project.end_date) {
                    let target = indicator.target(&period.code);
                    let actual = approved_revision(&revisions, &period.code);
                    if target.is_none() && actual.is_none() {
                        continue;
                    }
                    let targets = target
                        .map(|value| IatiValue {
                            value: Some(value),
                            dimensions: Vec::new(),
                            comment: None,
                        })
                        .into_iter()
                        .collect();
                    let actuals = match actual {
                        Some(actual) => {
                            let (values, hidden) = published_values(
                                indicator.unit,
                                actual.actual.total,
                                &actual.actual.cells,
                                locale,
                            );
                            withheld += hidden;
                            values
                        }
                        None => Vec::new(),
                    };
                    periods.push(IatiPeriod {
                        start: period.start,
                        end: period.end,
                        targets,
                        actuals,
                    });
                }
                let last_target = indicator.targets.last().map(|t| t.value);
                published.push(IatiIndicator {
                    title: indicator.display_name(locale).to_owned(),
                    description: Some(indicator.unit.label(locale, &project.currency)),
                    percentage: indicator.unit == Unit::Percent,
                    ascending: match (indicator.baseline_value, last_target) {
                        (Some(b), Some(t)) if t != b => Some(t > b),
                        _ => None,
                    },
                    baseline: indicator
                        .baseline_year
                        .filter(|y| *y > 0)
                        .zip(indicator.baseline_value),
                    periods,
                });
            }
            if published.is_empty() {
                empty_results += 1;
                continue;
            }
            published_results.push(IatiResult {
                type_code: result_type(result.level),
                title: result.statement.clone(),
                description: None,
                indicators: published,
            });
        }
        if empty_results > 0 {
            notes.push(IatiNote::ResultsWithoutIndicators {
                project: project.name.clone(),
                count: empty_results,
            });
        }
        if withheld > 0 {
            notes.push(IatiNote::Withheld {
                project: project.name.clone(),
                count: withheld,
            });
        }
        let summary = IatiActivitySummary {
            project_id: project.id,
            name: project.name.clone(),
            identifier: identifier.clone(),
            locations: locations.len(),
            budgets: budgets.len(),
            transactions: transactions.len(),
            indicators: published_results.iter().map(|r| r.indicators.len()).sum(),
        };
        let activity = IatiActivity {
            identifier,
            reporting_org: own.clone(),
            language: locale.code(),
            default_currency: project.currency.clone(),
            last_updated: project.updated_at.unwrap_or(project.created_at),
            title: project.name.clone(),
            description: project.description.clone(),
            participants,
            status_code: activity_status(project.status),
            planned_start: project.start_date,
            planned_end: project.end_date,
            recipient_country: project.country.clone(),
            locations,
            sectors: sector_split(&by_kind),
            budgets,
            transactions,
            results: published_results,
        };
        Ok((activity, summary))
    }

    /// A program's activities as the caller may publish them.
    async fn build_iati(
        &self,
        caller: &Caller,
        program_id: i64,
        locale: Locale,
    ) -> Result<Built, Error> {
        let organisation = self.caller_organisation(caller).await?;
        let program = db::programs::get(&mut *self.db.conn().await?, program_id).await?;
        let place = program_place(&program);
        // An organisation publishes its own programs, under its own identifier.
        if place.organisation != Some(organisation.id)
            || !caller.reaches(
                Action::PublishReports,
                &place,
                &self.places_inside(&place).await?,
            )
        {
            return Err(Error::Forbidden);
        }
        let mut notes = Vec::new();
        let reference = organisation.iati_identifier.clone();
        if reference.is_none() {
            notes.push(IatiNote::NoOrganisationIdentifier);
        }
        let donors = db::donors::list(&mut *self.db.conn().await?, Some(organisation.id)).await?;
        let mut activities = Vec::new();
        let mut summaries = Vec::new();
        for summary in
            db::projects::list_for_program(&mut *self.db.conn().await?, program_id).await?
        {
            let project = db::projects::get(&mut *self.db.conn().await?, summary.id).await?;
            if !caller.may(Action::PublishReports, &project_place(&project)) {
                continue;
            }
            let Some(reference) = &reference else {
                // The page still lists what would be published once the identifier is set.
                summaries.push(IatiActivitySummary {
                    project_id: project.id,
                    name: project.name,
                    identifier: String::new(),
                    locations: 0,
                    budgets: 0,
                    transactions: 0,
                    indicators: 0,
                });
                continue;
            };
            let (activity, summary) = self
                .iati_activity(
                    &project,
                    &organisation,
                    reference,
                    &donors,
                    locale,
                    &mut notes,
                )
                .await?;
            activities.push(activity);
            summaries.push(summary);
        }
        let mut unnamed: Vec<String> = activities
            .iter()
            .flat_map(|a| a.participants.iter())
            .filter(|(org, _)| org.reference.is_none())
            .map(|(org, _)| org.name.clone())
            .collect();
        unnamed.sort();
        unnamed.dedup();
        notes.extend(
            unnamed
                .into_iter()
                .map(|donor| IatiNote::DonorWithoutIdentifier { donor }),
        );
        Ok(Built {
            organisation,
            program_name: program.name,
            activities,
            summaries,
            notes,
        })
    }
}

impl Services {
    /// The caller's organisation, with whether the caller may change its settings.
    pub async fn organisation(&self, caller: &Caller) -> Result<Organisation, Error> {
        self.caller_organisation(caller).await
    }

    /// Validates and stores the caller's organisation's publishing settings.
    pub async fn update_organisation(
        &self,
        caller: &Caller,
        form: OrganisationForm,
    ) -> Result<Organisation, Error> {
        let before = self.caller_organisation(caller).await?;
        authorize(caller, Action::ManageUsers, &Place::organisation(before.id))?;
        let settings = form.validate().map_err(Error::Invalid)?;
        let mut tx = self.db.begin().await?;
        db::organisations::update(&mut tx, before.id, &settings).await?;
        let after = Organisation {
            can_edit: before.can_edit,
            ..db::organisations::get(&mut tx, before.id).await?
        };
        audit::record(
            &mut tx,
            caller,
            "",
            Event {
                action: "update",
                entity_type: "organisation",
                entity_id: Some(before.id.to_string()),
                summary: format!("Publishing settings of {} changed", before.name),
                old_value: serde_json::to_string(&before.to_form()).ok(),
                new_value: serde_json::to_string(&after.to_form()).ok(),
                place: Place::organisation(before.id),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// What a program's IATI file will hold: the projects the caller may publish, and what
    /// is left out.
    pub async fn iati_preview(
        &self,
        caller: &Caller,
        program_id: i64,
    ) -> Result<IatiPreview, Error> {
        let built = self.build_iati(caller, program_id, Locale::En).await?;
        let program = db::programs::get(&mut *self.db.conn().await?, program_id).await?;
        Ok(IatiPreview {
            can_import: caller.may(Action::CreateProject, &program_place(&program)),
            program_id,
            program_name: built.program_name,
            organisation: built.organisation,
            activities: built.summaries,
            notes: built.notes,
        })
    }

    /// A program's IATI 2.03 activity file (texts in `locale`), or why it cannot be made.
    pub async fn iati_file(
        &self,
        caller: &Caller,
        program_id: i64,
        locale: Locale,
    ) -> Result<String, Error> {
        let built = self.build_iati(caller, program_id, locale).await?;
        if built.organisation.iati_identifier.is_none() {
            return Err(Error::Invalid(vec![FieldError::new(
                "iati_identifier",
                Problem::Required,
            )]));
        }
        let xml = write_activities(&built.activities, Utc::now());
        let mut tx = self.db.begin().await?;
        audit::record(
            &mut tx,
            caller,
            "",
            Event {
                action: "export",
                entity_type: "program",
                entity_id: Some(program_id.to_string()),
                summary: format!(
                    "IATI file of {} made ({} activities)",
                    built.program_name,
                    built.activities.len()
                ),
                old_value: None,
                new_value: None,
                place: Place {
                    organisation: Some(built.organisation.id),
                    program: Some(program_id),
                    ..Place::default()
                },
            },
        )
        .await?;
        tx.commit().await?;
        Ok(xml)
    }

    /// Imports an IATI activities file into a program: projects created or updated (by their
    /// IATI identifier; new ones with the crops of `options`), donors, budget lines, transactions, results,
    /// indicators, targets and actuals; what could not be mapped comes back with its line.
    pub async fn import_iati(
        &self,
        caller: &Caller,
        program_id: i64,
        xml: &str,
        options: &shared::iati::IatiImportOptions,
        locale: Locale,
    ) -> Result<IatiImportReport, Error> {
        self.run_iati_import(caller, program_id, xml, options, locale)
            .await
    }
}
