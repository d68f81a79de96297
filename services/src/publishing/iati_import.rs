//! Importing an IATI activity file into a program: each activity creates a project or updates
//! the one imported from it before (matched by its IATI identifier), its funding organisations
//! become donors, its budgets budget lines, its transactions transactions (commitments and
//! incoming funds under an agreement of their donor), its results and indicators the project's
//! results framework with targets and the actuals as published. Every step goes through the
//! same operations, rules and rights as typing it; what cannot be mapped is listed with its
//! line and reason, and importing the same file again stores nothing twice.

use crate::Error;
use crate::FundingFilter;
use crate::db::{self};
use crate::service::{Services, authorize, program_place, signed_in};
use chrono::Datelike;
use rust_decimal::Decimal;
use shared::auth::{Action, Caller};
use shared::crop::{AlternativeCrop, IllicitCrop};
use shared::donor::{Donor, DonorForm, OrganisationType};
use shared::funding::TransactionKind;
use shared::funding_agreement::{FundingAgreementForm, TransactionForm};
use shared::i18n::Locale;
use shared::iati::{IatiImportOptions, IatiImportReport, IatiUnmapped, ImportedActivity};
use shared::iati_read::{ReadActivity, ReadOrg, read_activities};
use shared::project::{
    HECTARES_DECIMALS, HECTARES_MAX, PlannedCropForm, Project, ProjectForm, ProjectStatus,
};
use shared::validation::{FieldError, Problem, positive_decimal};
use std::collections::HashMap;

/// The code of budget lines made from an IATI budget: `IATI-1`, `IATI-2`...; they are replaced
/// when the file is imported again.
const BUDGET_CODE: &str = "IATI-";

pub(crate) fn pick(locale: Locale, en: &str, es: &str) -> String {
    match locale {
        Locale::En => en.to_owned(),
        Locale::Es => es.to_owned(),
    }
}

/// The problems of a refused step, in the reader's language.
pub(crate) fn reasons(error: &Error, locale: Locale) -> String {
    match error {
        Error::Invalid(errors) => errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.problem.message(locale)))
            .collect::<Vec<_>>()
            .join("; "),
        Error::Forbidden => pick(
            locale,
            "you may not do this here",
            "no tiene permiso para hacerlo aquí",
        ),
        _ => pick(locale, "it could not be stored", "no se pudo guardar"),
    }
}

pub(crate) fn truncated(text: &str, max: usize) -> String {
    text.chars().take(max).collect::<String>().trim().to_owned()
}

pub(crate) fn status_of(code: Option<&str>) -> ProjectStatus {
    match code {
        Some("2") => ProjectStatus::Active,
        Some("3" | "4") => ProjectStatus::Completed,
        Some("5") => ProjectStatus::Cancelled,
        Some("6") => ProjectStatus::Suspended,
        _ => ProjectStatus::Planning,
    }
}

pub(crate) fn kind_of(code: &str) -> Option<TransactionKind> {
    match code {
        "1" => Some(TransactionKind::IncomingFunds),
        "2" | "11" => Some(TransactionKind::Commitment),
        "3" => Some(TransactionKind::Disbursement),
        "4" => Some(TransactionKind::Expenditure),
        _ => None,
    }
}

/// What one import is doing: the report, and where the activity being imported is.
pub(crate) struct Run<'a> {
    pub(crate) caller: &'a Caller,
    pub(crate) locale: Locale,
    pub(crate) report: IatiImportReport,
    pub(crate) donors: Vec<Donor>,
}

impl Run<'_> {
    /// A step's value; a refused step (invalid, or not allowed) is listed with its reasons and
    /// gives `None`; any other failure ends the import.
    pub(crate) fn kept<T>(
        &mut self,
        a: &ReadActivity,
        element: &str,
        result: Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        match result {
            Ok(value) => Ok(Some(value)),
            Err(error @ (Error::Invalid(_) | Error::Forbidden)) => {
                let reason = reasons(&error, self.locale);
                self.unmapped(a.identifier.as_deref(), a.line, element, reason);
                Ok(None)
            }
            Err(error) => Err(error),
        }
    }

    pub(crate) fn unmapped(
        &mut self,
        activity: Option<&str>,
        line: usize,
        element: &str,
        reason: String,
    ) {
        self.report.unmapped.push(IatiUnmapped {
            activity: activity.map(str::to_owned),
            line,
            element: element.to_owned(),
            reason,
        });
    }
}

impl Services {
    /// The organisation's donor for an organisation of the file (by identifier, else by name),
    /// added to the list when it is not there.
    pub(crate) async fn donor_for(&self, run: &mut Run<'_>, org: &ReadOrg) -> Result<i64, Error> {
        let found = run
            .donors
            .iter()
            .find(|d| match (&org.reference, &d.iati_identifier) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => d.name.eq_ignore_ascii_case(org.name.trim()),
            });
        if let Some(donor) = found {
            return Ok(donor.id);
        }
        let kind = org
            .type_code
            .as_deref()
            .and_then(|code| {
                OrganisationType::ALL
                    .into_iter()
                    .find(|t| t.iati_code() == code)
            })
            .unwrap_or_default();
        let mut form = DonorForm {
            name: truncated(&org.name, 200),
            iati_identifier: org.reference.clone().unwrap_or_default(),
            organisation_type: kind.code().to_owned(),
        };
        if form.validate().is_err() {
            // A malformed identifier: the donor is still named.
            form.iati_identifier.clear();
        }
        let donor = self.create_donor(run.caller, form).await?;
        run.report.donors_created += 1;
        let id = donor.id;
        run.donors.push(donor);
        Ok(id)
    }

    /// Imports an IATI activities file into a program.
    pub(crate) async fn run_iati_import(
        &self,
        caller: &Caller,
        program_id: i64,
        xml: &str,
        options: &IatiImportOptions,
        locale: Locale,
    ) -> Result<IatiImportReport, Error> {
        signed_in(caller)?;
        let program = db::programs::get(&mut *self.db.conn().await?, program_id).await?;
        authorize(caller, Action::CreateProject, &program_place(&program))?;
        let mut errors = Vec::new();
        let crop = IllicitCrop::from_code(options.illicit_crop.trim());
        if crop.is_none() {
            errors.push(FieldError::new("illicit_crop", Problem::UnknownCrop));
        }
        let planned = AlternativeCrop::from_code(options.planned_crop.trim());
        if planned.is_none() {
            errors.push(FieldError::new("planned_crop", Problem::UnknownCrop));
        }
        let hectares = positive_decimal(
            "planned_hectares",
            &options.planned_hectares,
            HECTARES_MAX,
            HECTARES_DECIMALS,
        )
        .map_err(|e| errors.push(e))
        .ok();
        let (Some(crop), Some(planned), Some(hectares)) = (crop, planned, hectares) else {
            return Err(Error::Invalid(errors));
        };
        let plan = PlannedCropForm {
            crop: planned.code().to_owned(),
            hectares: hectares.normalize().to_string(),
        };
        let activities = read_activities(xml).map_err(|detail| {
            tracing::info!(detail, "not an IATI file");
            Error::Invalid(vec![FieldError::new(
                "file",
                Problem::UnreadableXml { detail },
            )])
        })?;
        let mut donors = self.visible_donors(caller).await?;
        donors.retain(|d| Some(d.organisation_id) == caller.organisation_id);
        let mut run = Run {
            caller,
            locale,
            report: IatiImportReport::default(),
            donors,
        };
        for activity in &activities {
            self.import_activity(&mut run, program_id, crop, &plan, activity)
                .await?;
        }
        Ok(run.report)
    }

    pub(crate) async fn import_activity(
        &self,
        run: &mut Run<'_>,
        program_id: i64,
        crop: IllicitCrop,
        plan: &PlannedCropForm,
        a: &ReadActivity,
    ) -> Result<(), Error> {
        let locale = run.locale;
        for (line, element, why) in &a.unreadable {
            run.unmapped(a.identifier.as_deref(), *line, element, why.clone());
        }
        let Some(identifier) = a.identifier.clone() else {
            run.unmapped(
                None,
                a.line,
                "iati-activity",
                pick(
                    locale,
                    "the activity has no iati-identifier",
                    "la actividad no tiene iati-identifier",
                ),
            );
            return Ok(());
        };
        let id = Some(identifier.as_str());
        let existing =
            db::organisations::project_by_iati_identifier(&mut *self.db.conn().await?, &identifier)
                .await?;
        if let Some((_, other)) = existing
            && other != program_id
        {
            run.unmapped(
                id,
                a.line,
                "iati-activity",
                pick(
                    locale,
                    "it was imported into another program",
                    "se importó en otro programa",
                ),
            );
            return Ok(());
        }
        let start = a.date("2").or(a.date("1"));
        let end = a.date("4").or(a.date("3"));
        let (Some(start), Some(end)) = (start, end) else {
            run.unmapped(
                id,
                a.line,
                "activity-date",
                pick(
                    locale,
                    "the activity needs a start and an end date (activity-date types 1 or 2, and 3 or 4)",
                    "la actividad necesita fechas de inicio y de fin (activity-date tipos 1 o 2, y 3 o 4)",
                ),
            );
            return Ok(());
        };
        let Some(country) = a.countries.first().cloned() else {
            run.unmapped(
                id,
                a.line,
                "recipient-country",
                pick(
                    locale,
                    "the activity names no recipient country",
                    "la actividad no nombra país receptor",
                ),
            );
            return Ok(());
        };
        if shared::country::Country::from_code(&country).is_none() {
            run.unmapped(
                id,
                a.line,
                "recipient-country",
                match locale {
                    Locale::En => format!(
                        "{country}: not one of the countries with alternative development programs that projects can be in"
                    ),
                    Locale::Es => format!(
                        "{country}: no es uno de los países con programas de desarrollo alternativo en que puede estar un proyecto"
                    ),
                },
            );
            return Ok(());
        }
        for other in a.countries.iter().skip(1) {
            run.unmapped(
                id,
                a.line,
                "recipient-country",
                match locale {
                    Locale::En => {
                        format!("{other}: a project works in one country; {country} is kept")
                    }
                    Locale::Es => {
                        format!("{other}: un proyecto trabaja en un país; se conserva {country}")
                    }
                },
            );
        }
        // The budgets' currency when they agree, else the activity's default.
        let mut budget_currencies: Vec<&str> = a
            .budgets
            .iter()
            .filter_map(|b| b.currency.as_deref().or(a.default_currency.as_deref()))
            .collect();
        budget_currencies.dedup();
        let currency = match budget_currencies.as_slice() {
            [one] => (*one).to_owned(),
            _ => a
                .default_currency
                .clone()
                .unwrap_or_else(|| "USD".to_owned()),
        };
        let mut donor_ids = Vec::new();
        for org in a
            .participants
            .iter()
            .filter(|p| p.role.as_deref() == Some("1"))
        {
            match self.donor_for(run, org).await {
                Ok(donor) if !donor_ids.contains(&donor) => donor_ids.push(donor),
                Ok(_) => {}
                Err(error) => {
                    run.unmapped(id, a.line, "participating-org", reasons(&error, locale))
                }
            }
        }
        let name = truncated(a.title.as_deref().unwrap_or(&identifier), 200);
        let mut form = ProjectForm {
            name,
            kind: "ad".to_owned(),
            country,
            start_date: start.to_string(),
            end_date: end.to_string(),
            illicit_crops: vec![crop.code().to_owned()],
            planned_crops: vec![plan.clone()],
            description: truncated(a.description.as_deref().unwrap_or_default(), 2000),
            status: status_of(a.status_code.as_deref()).code().to_owned(),
            currency,
            donors: Vec::new(),
        };
        let saved = match existing {
            Some((project_id, _)) => {
                let before = self.get_project(run.caller, project_id).await?;
                let kept = before.to_form();
                form.kind = kept.kind;
                form.illicit_crops = kept.illicit_crops;
                form.planned_crops = kept.planned_crops;
                let mut donors = kept.donors;
                for donor in &donor_ids {
                    if !donors.contains(&donor.to_string()) {
                        donors.push(donor.to_string());
                    }
                }
                form.donors = donors;
                self.change_project(run.caller, project_id, form).await
            }
            None => {
                form.donors = donor_ids.iter().map(i64::to_string).collect();
                self.create_project(run.caller, program_id, form, None)
                    .await
            }
        };
        let Some(project) = run.kept(a, "iati-activity", saved)? else {
            return Ok(());
        };
        db::organisations::set_project_iati_identifier(
            &mut *self.db.conn().await?,
            project.id,
            &identifier,
        )
        .await?;
        let mut imported = ImportedActivity {
            identifier: identifier.clone(),
            project_id: project.id,
            project_name: project.name.clone(),
            created: existing.is_none(),
            budgets: 0,
            transactions: 0,
            transactions_already_stored: 0,
            indicators: 0,
            actuals: 0,
        };
        self.import_budgets(run, &project, a, &mut imported).await?;
        self.import_transactions(run, &project, a, &mut imported)
            .await?;
        self.import_results(run, &project, a, &mut imported).await?;
        run.report.activities.push(imported);
        Ok(())
    }

    pub(crate) async fn import_budgets(
        &self,
        run: &mut Run<'_>,
        project: &Project,
        a: &ReadActivity,
        imported: &mut ImportedActivity,
    ) -> Result<(), Error> {
        let locale = run.locale;
        let id = a.identifier.as_deref();
        for line in db::timeline::list_budget_lines(&mut *self.db.conn().await?, project.id).await?
        {
            if line.code.starts_with(BUDGET_CODE) {
                self.delete_budget_line(run.caller, project.id, line.id)
                    .await?;
            }
        }
        for (n, budget) in a.budgets.iter().enumerate() {
            let currency = budget
                .currency
                .as_deref()
                .or(a.default_currency.as_deref())
                .unwrap_or(&project.currency);
            if currency != project.currency {
                run.unmapped(
                    id,
                    a.line,
                    "budget",
                    match locale {
                        Locale::En => format!(
                            "a budget in {currency}: the project plans in {}",
                            project.currency
                        ),
                        Locale::Es => format!(
                            "un presupuesto en {currency}: el proyecto planifica en {}",
                            project.currency
                        ),
                    },
                );
                continue;
            }
            let form = shared::timeline::BudgetLineForm {
                code: format!("{BUDGET_CODE}{}", n + 1),
                description: format!("IATI {} – {}", budget.start, budget.end),
                component_id: String::new(),
                year: budget.start.year().to_string(),
                amount: budget.amount.normalize().to_string(),
            };
            let saved = self
                .save_budget_line(run.caller, project.id, None, form)
                .await;
            if run.kept(a, "budget", saved)?.is_some() {
                imported.budgets += 1;
            }
        }
        Ok(())
    }

    pub(crate) async fn import_transactions(
        &self,
        run: &mut Run<'_>,
        project: &Project,
        a: &ReadActivity,
        imported: &mut ImportedActivity,
    ) -> Result<(), Error> {
        let locale = run.locale;
        let id = a.identifier.as_deref();
        let identifier = a.identifier.clone().unwrap_or_default();
        let organisation = run.caller.organisation_id.ok_or(Error::Forbidden)?;
        let funders: Vec<&ReadOrg> = a
            .participants
            .iter()
            .filter(|p| p.role.as_deref() == Some("1"))
            .collect();
        // The agreements of this activity, by donor and currency.
        let mut agreements: HashMap<(i64, String), i64> = HashMap::new();
        for agreement in self
            .list_agreements(
                run.caller,
                FundingFilter {
                    project_id: Some(project.id),
                    ..FundingFilter::default()
                },
            )
            .await?
        {
            if agreement.reference.as_deref() == Some(identifier.as_str()) {
                agreements.insert(
                    (agreement.donor_id, agreement.currency.clone()),
                    agreement.id,
                );
            }
        }
        for (n, t) in a.transactions.iter().enumerate() {
            let currency = t
                .currency
                .clone()
                .or_else(|| a.default_currency.clone())
                .unwrap_or_else(|| project.currency.clone());
            let reference = match &t.reference {
                Some(r) => format!("{identifier}#{r}"),
                None => format!(
                    "{identifier}#{}-{}-{}-{currency}-{}",
                    t.type_code,
                    t.date,
                    t.amount.normalize(),
                    n + 1
                ),
            };
            if db::organisations::transaction_reference_exists(
                &mut *self.db.conn().await?,
                organisation,
                &reference,
            )
            .await?
            {
                imported.transactions_already_stored += 1;
                continue;
            }
            let Some(kind) = kind_of(&t.type_code) else {
                run.unmapped(
                    id,
                    a.line,
                    "transaction",
                    match locale {
                        Locale::En => format!(
                            "transaction type {} is not one Sembrar records (1, 2, 3, 4 and 11 are)",
                            t.type_code
                        ),
                        Locale::Es => format!(
                            "Sembrar no registra transacciones de tipo {} (sí 1, 2, 3, 4 y 11)",
                            t.type_code
                        ),
                    },
                );
                continue;
            };
            let mut agreement_id = String::new();
            if matches!(
                kind,
                TransactionKind::IncomingFunds | TransactionKind::Commitment
            ) {
                let provider = t.provider.as_ref().or(funders.first().copied());
                let Some(provider) = provider else {
                    run.unmapped(
                        id,
                        a.line,
                        "transaction",
                        pick(
                            locale,
                            "funds received need their provider (provider-org or a funding participating-org)",
                            "los fondos recibidos necesitan su proveedor (provider-org o una participating-org financiadora)",
                        ),
                    );
                    continue;
                };
                let donor = match self.donor_for(run, provider).await {
                    Ok(donor) => donor,
                    Err(error) => {
                        run.unmapped(id, a.line, "transaction", reasons(&error, locale));
                        continue;
                    }
                };
                let key = (donor, currency.clone());
                let agreement = match agreements.get(&key) {
                    Some(agreement) => *agreement,
                    None => {
                        // The donor's commitments in this currency, else what it sent.
                        let of_donor = |codes: &[&str]| -> Decimal {
                            a.transactions
                                .iter()
                                .filter(|o| codes.contains(&o.type_code.as_str()))
                                .filter(|o| {
                                    o.currency.as_deref().or(a.default_currency.as_deref())
                                        == Some(currency.as_str())
                                        || (o.currency.is_none() && a.default_currency.is_none())
                                })
                                .map(|o| o.amount)
                                .sum()
                        };
                        let committed = of_donor(&["2", "11"]);
                        let amount = if committed > Decimal::ZERO {
                            committed
                        } else {
                            of_donor(&["1"]).max(t.amount)
                        };
                        let form = FundingAgreementForm {
                            donor_id: donor.to_string(),
                            title: truncated(&format!("IATI: {}", project.name), 200),
                            reference: identifier.clone(),
                            amount: amount.normalize().to_string(),
                            currency: currency.clone(),
                            start_date: project.start_date.to_string(),
                            end_date: project.end_date.to_string(),
                            program_id: project.program_id.to_string(),
                            project_id: project.id.to_string(),
                            ..FundingAgreementForm::default()
                        };
                        let created = self.create_agreement(run.caller, form).await;
                        let Some(agreement) = run.kept(a, "transaction", created)? else {
                            continue;
                        };
                        agreements.insert(key, agreement.id);
                        agreement.id
                    }
                };
                agreement_id = agreement.to_string();
            }
            let form = TransactionForm {
                kind: kind.code().to_owned(),
                value_date: t.date.to_string(),
                amount: t.amount.normalize().to_string(),
                currency,
                description: truncated(t.description.as_deref().unwrap_or("IATI"), 500),
                agreement_id,
                project_id: project.id.to_string(),
                component_id: String::new(),
                budget_line_id: String::new(),
            };
            let added = self.add_transaction(run.caller, form).await;
            if let Some(stored) = run.kept(a, "transaction", added)? {
                db::organisations::set_transaction_reference(
                    &mut *self.db.conn().await?,
                    stored.id,
                    &reference,
                )
                .await?;
                imported.transactions += 1;
            }
        }
        Ok(())
    }
}
