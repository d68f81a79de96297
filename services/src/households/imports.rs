//! Imports of monitoring visits from KoboToolbox and ODK exports. The upload is read (off the
//! request's thread) into sheets and kept with the mapping offered; starting it checks the
//! mapping, remembers it for the form, and imports in a background task that records its
//! progress, so a large file neither blocks the server nor the page. Every submission goes
//! through the same checks and rights as a visit typed in the form; each is either stored,
//! found already stored (its entry id), or listed with its sheet, line and reason.

use crate::Error;
use crate::db::{self, households::RecordedBy};
use crate::service::{Services, project_place};
use shared::auth::{Action, Caller, Place};
use shared::field_import::{
    FieldImport, ImportField, ImportMapping, ImportStatus, ProjectImports, RowIssue, Sheet,
    Submission, form_name, reason_of, submissions,
};
use shared::household::parse_household_code;
use shared::i18n::Locale;
use shared::validation::FieldError;
use std::time::{Duration, Instant};

/// How long a running import may stay silent before it counts as interrupted.
const SILENCE: Duration = Duration::from_secs(120);

fn no_household(code: &str, locale: Locale) -> String {
    match locale {
        Locale::En => format!(
            "No household with the code “{code}” in the communities you may record visits in."
        ),
        Locale::Es => format!(
            "No hay ningún hogar con el código «{code}» en las comunidades donde usted puede registrar visitas."
        ),
    }
}

/// The entry id of a submission whose export has none: made from what its rows hold, so the
/// same rows imported again are found already stored.
fn derived_entry_id(form: &str, submission: &Submission) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{form}\u{1d}{}", submission.fingerprint).as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("import-{hex}")
}

impl Services {
    /// Whether the caller may import visits into a project: record visits in it or in one of
    /// its communities.
    async fn may_import(&self, caller: &Caller, project_id: i64) -> Result<(bool, Place), Error> {
        let (_, place) = self.visible_project(caller, project_id).await?;
        if caller.may(Action::EditHouseholds, &place) {
            return Ok((true, place));
        }
        let communities =
            db::communities::list_for_project(&mut *self.db.conn().await?, project_id).await?;
        Ok((
            communities
                .iter()
                .any(|c| caller.may(Action::EditHouseholds, &place.with_community(c.id))),
            place,
        ))
    }

    /// An import the caller may see: their own, or any for who may edit households in the
    /// whole project.
    async fn visible_import(&self, caller: &Caller, id: i64) -> Result<FieldImport, Error> {
        crate::service::signed_in(caller)?;
        let mut import = db::imports::get(&mut *self.db.conn().await?, id).await?;
        let (may, place) = self.may_import(caller, import.project_id).await?;
        let own = import.created_by_id.is_some() && import.created_by_id == caller.user_id;
        if !may || !(own || caller.may(Action::EditHouseholds, &place)) {
            return Err(Error::NotFound);
        }
        if import.status == ImportStatus::Running {
            let before =
                chrono::Utc::now() - chrono::Duration::from_std(SILENCE).unwrap_or_default();
            let before = before.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
            db::imports::interrupt_if_silent_since(&mut *self.db.conn().await?, id, &before)
                .await?;
            import = db::imports::get(&mut *self.db.conn().await?, id).await?;
        }
        Ok(import)
    }

    /// Imports one submission: `Ok(true)` stored, `Ok(false)` already stored, else the reason.
    async fn import_one(
        &self,
        caller: &Caller,
        project_id: i64,
        form: &str,
        submission: &Submission,
        mapping: &ImportMapping,
        locale: Locale,
    ) -> Result<Result<bool, String>, Error> {
        let heading = mapping
            .heading(ImportField::HouseholdCode)
            .unwrap_or_default();
        let code = match parse_household_code("household_code", &submission.household_code) {
            Ok(code) => code,
            Err(e) => {
                return Ok(Err(format!("“{heading}”: {}", e.problem.message(locale))));
            }
        };
        let Some(household) = db::households::list(
            &mut *self.db.conn().await?,
            project_id,
            None,
            None,
            Some(&code),
        )
        .await?
        .into_iter()
        .next() else {
            return Ok(Err(no_household(&code, locale)));
        };
        let mut visit = submission.form.clone();
        if visit.client_id.trim().is_empty() {
            visit.client_id = derived_entry_id(form, submission);
        }
        let plots =
            db::plots::list_for_household(&mut *self.db.conn().await?, household.household.id)
                .await?;
        for (i, row) in visit.plots.iter_mut().enumerate() {
            let name = row.plot_id.trim().to_owned();
            if name.is_empty() {
                continue;
            }
            match plots
                .iter()
                .find(|p| p.name.trim().eq_ignore_ascii_case(&name) || p.id.to_string() == name)
            {
                Some(plot) => row.plot_id = plot.id.to_string(),
                None => {
                    let line = submission.plot_lines.get(i).copied().unwrap_or_default();
                    let known: Vec<&str> = plots.iter().map(|p| p.name.as_str()).collect();
                    return Ok(Err(match locale {
                        Locale::En => format!(
                            "Plots sheet, line {line}: household {code} has no plot “{name}” (its plots: {}).",
                            known.join(", ")
                        ),
                        Locale::Es => format!(
                            "Hoja de predios, línea {line}: el hogar {code} no tiene ningún predio «{name}» (sus predios: {}).",
                            known.join(", ")
                        ),
                    }));
                }
            }
        }
        match self
            .record_visit(caller, household.household.id, visit)
            .await
        {
            Ok((_, created)) => Ok(Ok(created)),
            Err(Error::Invalid(errors)) => Ok(Err(reason_of(
                mapping,
                &errors,
                &submission.plot_lines,
                locale,
            ))),
            // A household of a community the importer does not work in is not theirs to find.
            Err(Error::Forbidden | Error::NotFound) => Ok(Err(no_household(&code, locale))),
            Err(other) => Err(other),
        }
    }

    /// The background work of an import: every submission, progress recorded as it goes.
    async fn run_import(
        self,
        caller: Caller,
        import: FieldImport,
        sheets: Vec<Sheet>,
        mapping: ImportMapping,
        locale: Locale,
    ) {
        let id = import.id;
        if let Err(error) = self
            .import_all(&caller, &import, &sheets, &mapping, locale)
            .await
        {
            // The import stays "running" and goes silent: it is shown as interrupted and can
            // be started again; nothing it stored is stored twice.
            tracing::error!(import = id, ?error, "an import stopped");
        }
    }

    async fn import_all(
        &self,
        caller: &Caller,
        import: &FieldImport,
        sheets: &[Sheet],
        mapping: &ImportMapping,
        locale: Locale,
    ) -> Result<(), Error> {
        let (subs, mut issues) = submissions(sheets, mapping, locale);
        let main = sheets.first().map(|s| s.name.clone()).unwrap_or_default();
        let (mut processed, mut imported, mut already) = (0u32, 0u32, 0u32);
        let mut reported = Instant::now();
        for submission in &subs {
            match self
                .import_one(
                    caller,
                    import.project_id,
                    &import.form_name,
                    submission,
                    mapping,
                    locale,
                )
                .await?
            {
                Ok(true) => imported += 1,
                Ok(false) => already += 1,
                Err(reason) => issues.push(RowIssue {
                    sheet: main.clone(),
                    line: submission.line,
                    household_code: Some(submission.household_code.clone())
                        .filter(|c| !c.trim().is_empty()),
                    reason,
                }),
            }
            processed += 1;
            if processed % 25 == 0 || reported.elapsed() > Duration::from_secs(1) {
                db::imports::progress(
                    &mut *self.db.conn().await?,
                    import.id,
                    processed,
                    imported,
                    already,
                )
                .await?;
                reported = Instant::now();
            }
            tokio::task::yield_now().await;
        }
        issues.sort_by(|a, b| {
            (a.sheet != main, &a.sheet, a.line).cmp(&(b.sheet != main, &b.sheet, b.line))
        });
        let mut tx = self.db.begin().await?;
        db::imports::finish(&mut tx, import, processed, imported, already, &issues).await?;
        let project = db::projects::get(&mut tx, import.project_id).await?;
        self.log(&mut tx,
            caller,
            project_place(&project),
            "import",
            "field_import",
            Some(import.id),
            format!(
                "Import of “{}” (form “{}”): {imported} visits stored, {already} already stored, {} rows not imported (project “{}”)",
                import.file_name,
                import.form_name,
                issues.len(),
                project.name
            ),
            None,
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

impl Services {
    /// A project's imports the reader may see (their own, or all of them for who may edit
    /// households in the whole project), newest first.
    pub async fn project_imports(
        &self,
        caller: &Caller,
        project_id: i64,
    ) -> Result<ProjectImports, Error> {
        let (may, place) = self.may_import(caller, project_id).await?;
        if !may {
            return Err(Error::Forbidden);
        }
        let all = caller.may(Action::EditHouseholds, &place);
        let imports = db::imports::list_for_project(&mut *self.db.conn().await?, project_id)
            .await?
            .into_iter()
            .filter(|i| all || (i.created_by_id.is_some() && i.created_by_id == caller.user_id))
            .map(|mut i| {
                for sheet in &mut i.sheets {
                    sheet.sample.clear();
                }
                i
            })
            .collect();
        Ok(ProjectImports {
            imports,
            can_import: true,
        })
    }

    /// One import, with its progress and the rows it could not import.
    pub async fn field_import(&self, caller: &Caller, id: i64) -> Result<FieldImport, Error> {
        self.visible_import(caller, id).await
    }

    /// Reads an uploaded export (one XLSX workbook, a ZIP of CSV files, or CSV files) into
    /// sheets, and offers the mapping remembered for its form, else one its headings suggest.
    /// Nothing is imported yet.
    pub async fn upload_import(
        &self,
        caller: &Caller,
        project_id: i64,
        files: Vec<(String, Vec<u8>)>,
        _locale: Locale,
    ) -> Result<FieldImport, Error> {
        let (may, _) = self.may_import(caller, project_id).await?;
        if !may {
            return Err(Error::Forbidden);
        }
        self.purge_abandoned_uploads().await;
        let files: Vec<(String, Vec<u8>)> =
            files.into_iter().filter(|(_, b)| !b.is_empty()).collect();
        if files.is_empty() {
            return Err(Error::Invalid(vec![FieldError::new(
                "file",
                shared::validation::Problem::Required,
            )]));
        }
        let file_name = files
            .iter()
            .map(|(n, _)| n.rsplit(['/', '\\']).next().unwrap_or(n).to_owned())
            .collect::<Vec<_>>()
            .join(", ");
        // Reading a large workbook takes a while: not on the request's thread.
        let sheets = tokio::task::spawn_blocking(move || crate::import_files::read_export(&files))
            .await
            .map_err(|_| Error::Internal)?
            .map_err(|p| Error::Invalid(vec![FieldError::new("file", p.problem())]))?;
        let form = form_name(&sheets[0].name);
        let remembered =
            db::imports::mapping_for(&mut *self.db.conn().await?, project_id, &form).await?;
        let (mapping, is_remembered) = match remembered {
            Some(m) if m.validate(&sheets).is_empty() => (m, true),
            _ => (ImportMapping::suggest(&sheets), false),
        };
        let by = RecordedBy {
            user_id: caller.user_id,
            name: &caller.display_name,
        };
        let id = db::imports::insert(
            &mut *self.db.conn().await?,
            &db::imports::NewImport {
                project_id,
                form_name: &form,
                file_name: &file_name,
                sheets: &sheets,
                mapping: &mapping,
                remembered: is_remembered,
            },
            &by,
        )
        .await?;
        db::imports::get(&mut *self.db.conn().await?, id).await
    }

    /// Checks the mapping, remembers it for the form, and starts importing in the background;
    /// answers at once. Starting an interrupted import again stores nothing twice.
    pub async fn start_import(
        &self,
        caller: &Caller,
        id: i64,
        mapping: ImportMapping,
        locale: Locale,
    ) -> Result<FieldImport, Error> {
        let import = self.visible_import(caller, id).await?;
        if !matches!(
            import.status,
            ImportStatus::Mapping | ImportStatus::Interrupted
        ) {
            return Err(Error::Invalid(vec![FieldError::new(
                "status",
                shared::validation::Problem::NotAllowedNow,
            )]));
        }
        let (_, place) = self.visible_project(caller, import.project_id).await?;
        // Who may see the import may start it; each visit is then checked with their rights.
        let sheets = db::imports::sheets(&mut *self.db.conn().await?, id).await?;
        if sheets.is_empty() {
            // Left unimported past the days the settings allow: its contents were removed.
            return Err(Error::Invalid(vec![FieldError::new(
                "file",
                shared::validation::Problem::UploadExpired,
            )]));
        }
        let problems = mapping.validate(&sheets);
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        db::imports::remember_mapping(
            &mut *self.db.conn().await?,
            import.project_id,
            &import.form_name,
            &mapping,
        )
        .await?;
        let total = u32::try_from(sheets.first().map_or(0, |s| s.rows.len())).unwrap_or(u32::MAX);
        let mut tx = self.db.begin().await?;
        if !db::imports::start(&mut tx, id, &mapping, total).await? {
            return Err(Error::Invalid(vec![FieldError::new(
                "status",
                shared::validation::Problem::NotAllowedNow,
            )]));
        }
        self.log(
            &mut tx,
            caller,
            place,
            "start",
            "field_import",
            Some(id),
            format!(
                "Import of “{}” started: {total} submissions (form “{}”)",
                import.file_name, import.form_name
            ),
            None,
            None,
        )
        .await?;
        tx.commit().await?;
        let started = db::imports::get(&mut *self.db.conn().await?, id).await?;
        tokio::spawn(self.clone().run_import(
            caller.clone(),
            started.clone(),
            sheets,
            mapping,
            locale,
        ));
        Ok(started)
    }
}

impl Services {
    /// Empties the contents of imports left unimported longer than the settings allow; logs
    /// (never fails) so that an upload or the hourly sweep goes on regardless.
    pub async fn purge_abandoned_uploads(&self) {
        let before = chrono::Utc::now() - chrono::Duration::days(self.import_upload_days);
        let before = before.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        match async { db::imports::purge_abandoned(&mut *self.db.conn().await?, &before).await }
            .await
        {
            Ok(0) => {}
            Ok(emptied) => tracing::info!(
                emptied,
                days = self.import_upload_days,
                "removed the contents of uploaded files left unimported"
            ),
            Err(error) => tracing::warn!(?error, "could not remove abandoned uploads"),
        }
    }
}
