//! `sembrar generate-national`: writes a synthetic program the size of a national one into the
//! configured database, to measure the dashboards and donor reports at that size (see the
//! `national` benchmark). By default 250,000 households in 2,500 communities of 25 projects, each
//! household with 4 plots (1,000,000 plots), enrolling in waves over ten years (2016–2025) and
//! visited quarterly during their ten-quarter support period — about 10,000,000 plot
//! observations, 3 % of visits corrected by a second visit in the same quarter — with an
//! eradication agreement, its verification and a support delivery per household, five donors and
//! a funding agreement per project. Everything is marked as synthetic in its name; nobody's data.
//!
//! Small records (program, projects, communities, donors, funding) go through the same database
//! functions as the app; the millions of field records are written in multi-row inserts inside
//! large transactions. SQLite only: the benchmark measures the embedded default.

use app::error::AppError;
use chrono::{Datelike, Duration, NaiveDate};
use services::db::{self, Db, Engine};
use shared::funding_agreement::{FundingAgreementForm, TransactionForm};
use shared::project::{PlannedCropForm, ProjectForm};
use sqlx::Executor;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NationalSize {
    /// Households (a hundred per community, ten thousand per project).
    pub households: u32,
}

impl Default for NationalSize {
    /// A national program: 250,000 households.
    fn default() -> Self {
        NationalSize {
            households: 250_000,
        }
    }
}

/// What was written.
#[derive(Clone, Copy, Debug, Default)]
pub struct Generated {
    /// The program's id.
    pub program_id: i64,
    /// Its projects.
    pub projects: u32,
    /// Communities.
    pub communities: u32,
    /// Households.
    pub households: u64,
    /// Plots.
    pub plots: u64,
    /// Plot observations.
    pub observations: u64,
}

const HOUSEHOLDS_PER_COMMUNITY: u32 = 100;
const COMMUNITIES_PER_PROJECT: u32 = 100;
const PLOTS_PER_HOUSEHOLD: u32 = 4;
const SUPPORT_QUARTERS: i64 = 10;
const DONORS: [&str; 5] = [
    "SYNTHETIC · Fondo Andino",
    "SYNTHETIC · Cooperación Norte",
    "SYNTHETIC · Banco Regional",
    "SYNTHETIC · Agencia Europea",
    "SYNTHETIC · Fundación Pacífico",
];
const ROWS_PER_INSERT: usize = 400;

/// A small deterministic generator (splitmix64), so every run writes the same program.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Rows of one table, written `ROWS_PER_INSERT` at a time.
struct Bulk {
    head: &'static str,
    rows: Vec<String>,
    written: u64,
}

impl Bulk {
    fn new(head: &'static str) -> Bulk {
        Bulk {
            head,
            rows: Vec::with_capacity(ROWS_PER_INSERT),
            written: 0,
        }
    }

    async fn push(&mut self, conn: &mut sqlx::AnyConnection, row: String) -> Result<(), AppError> {
        self.rows.push(row);
        if self.rows.len() >= ROWS_PER_INSERT {
            self.flush(conn).await?;
        }
        Ok(())
    }

    async fn flush(&mut self, conn: &mut sqlx::AnyConnection) -> Result<(), AppError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let sql = format!("{} VALUES {}", self.head, self.rows.join(","));
        conn.execute(sql.as_str()).await.map_err(db::db_error)?;
        self.written += self.rows.len() as u64;
        self.rows.clear();
        Ok(())
    }
}

fn next_id(max: Option<i64>) -> i64 {
    max.unwrap_or(0) + 1
}

async fn max_id(db: &Db, table: &str) -> Result<i64, AppError> {
    let max: Option<i64> = sqlx::query_scalar(&format!("SELECT MAX(id) FROM {table}"))
        .fetch_one(&db.pool)
        .await
        .map_err(db::db_error)?;
    Ok(next_id(max))
}

fn invalid(errors: Vec<shared::validation::FieldError>) -> AppError {
    AppError::Invalid(errors)
}

/// Hectares in quarters of a hectare, as the database stores decimals.
fn hectares(quarters: u64) -> String {
    let whole = quarters / 4;
    match quarters % 4 {
        0 => whole.to_string(),
        1 => format!("{whole}.25"),
        2 => format!("{whole}.5"),
        _ => format!("{whole}.75"),
    }
}

/// Writes the program; `progress` hears each project as it is done.
pub async fn generate(
    db: &Db,
    size: NationalSize,
    today: NaiveDate,
    progress: &mut dyn FnMut(u32, &Generated),
) -> Result<Generated, AppError> {
    if db.engine != Engine::Sqlite {
        return Err(AppError::BadRequest(
            "generate-national writes into SQLite only".into(),
        ));
    }
    let organisation =
        db::accounts::ensure_organisation(&mut *db.conn().await?, "Sembrar", false).await?;
    let mut donor_ids = Vec::new();
    for name in DONORS {
        let donor = shared::donor::DonorForm {
            name: name.to_owned(),
            iati_identifier: String::new(),
            organisation_type: "government".to_owned(),
        }
        .validate()
        .map_err(invalid)?;
        donor_ids
            .push(db::donors::insert(&mut *db.conn().await?, organisation, &donor, false).await?);
    }
    let program = shared::program::ProgramForm {
        name: "SYNTHETIC · Programa nacional de desarrollo alternativo".to_owned(),
        description: "Generated by `sembrar generate-national` to measure the app at national \
                      size. Not real data."
            .to_owned(),
    }
    .validate()
    .map_err(invalid)?;
    let program_id =
        db::programs::insert(&mut *db.conn().await?, organisation, &program, false).await?;
    let projects = size
        .households
        .div_ceil(HOUSEHOLDS_PER_COMMUNITY * COMMUNITIES_PER_PROJECT);
    let mut out = Generated {
        program_id,
        projects,
        ..Generated::default()
    };
    let mut rng = Rng(0x5EED_2026);
    let now = db::now_text();
    let mut household_id = max_id(db, "households").await?;
    let mut plot_id = max_id(db, "plots").await?;
    let mut agreement_id = max_id(db, "eradication_agreements").await?;
    let mut left = u64::from(size.households);
    for p in 0..projects {
        let donor = donor_ids[p as usize % donor_ids.len()];
        let project = ProjectForm {
            name: format!("SYNTHETIC · Proyecto {:02}", p + 1),
            kind: "ad".into(),
            country: "CO".into(),
            start_date: "2016-01-01".into(),
            end_date: "2028-12-31".into(),
            illicit_crops: vec!["coca_bush".into()],
            planned_crops: vec![PlannedCropForm {
                crop: "cocoa".into(),
                hectares: "10000".into(),
            }],
            description: String::new(),
            status: "active".into(),
            currency: "COP".into(),
            donors: vec![donor.to_string()],
        }
        .validate()
        .map_err(invalid)?;
        let project_id = db::projects::insert(&mut *db.conn().await?, program_id, &project).await?;
        let agreement = FundingAgreementForm {
            donor_id: donor.to_string(),
            title: format!("SYNTHETIC · Convenio {:02}", p + 1),
            amount: "20000000".into(),
            currency: "USD".into(),
            start_date: "2016-01-01".into(),
            end_date: "2028-12-31".into(),
            program_id: program_id.to_string(),
            project_id: project_id.to_string(),
            ..FundingAgreementForm::default()
        }
        .validate()
        .map_err(invalid)?;
        let funding_id =
            db::funding::insert_agreement(&mut *db.conn().await?, organisation, &agreement).await?;
        let by = db::households::RecordedBy {
            user_id: None,
            name: "generate-national",
        };
        for year in 2016..=2025 {
            for (kind, amount) in [("incoming_funds", "1500000"), ("expenditure", "1350000")] {
                let t = TransactionForm {
                    kind: kind.into(),
                    value_date: format!("{year}-06-30"),
                    amount: amount.into(),
                    currency: "USD".into(),
                    description: "SYNTHETIC".into(),
                    agreement_id: funding_id.to_string(),
                    project_id: project_id.to_string(),
                    ..TransactionForm::default()
                }
                .validate(today)
                .map_err(invalid)?;
                let counted = db::funding::Counted {
                    program_id,
                    project_id: Some(project_id),
                };
                db::funding::insert_transaction(
                    &mut *db.conn().await?,
                    organisation,
                    &t,
                    counted,
                    &by,
                )
                .await?;
            }
        }
        let mut communities = Vec::new();
        for c in 0..COMMUNITIES_PER_PROJECT {
            let lon = -77.0 + f64::from(p % 5) * 0.8 + f64::from(c % 10) * 0.05;
            let lat = 0.5 + f64::from(p / 5) * 0.6 + f64::from(c / 10) * 0.04;
            let community = shared::community::CommunityForm {
                name: format!("Vereda {:03}", c + 1),
                municipality: format!("Municipio {:02}-{}", p + 1, c / 10 + 1),
                longitude: format!("{lon:.4}"),
                latitude: format!("{lat:.4}"),
                indigenous: "false".into(),
            }
            .validate()
            .map_err(invalid)?;
            communities.push((
                db::communities::insert(&mut *db.conn().await?, project_id, &community).await?,
                c,
                lon,
                lat,
            ));
        }
        out.communities += COMMUNITIES_PER_PROJECT;

        let mut conn = db.pool.acquire().await.map_err(db::db_error)?;
        conn.execute("BEGIN").await.map_err(db::db_error)?;
        // Each table's rows go in batches of their own: a plot may be written before its
        // household, so the keys are checked when the project's transaction commits.
        conn.execute("PRAGMA defer_foreign_keys = ON")
            .await
            .map_err(db::db_error)?;
        let mut households = Bulk::new(
            "INSERT INTO households (id, project_id, community_id, code, head_sex, head_age_band, \
             members_female_under_18, members_female_18_29, members_female_30_59, \
             members_female_60_plus, members_male_under_18, members_male_18_29, \
             members_male_30_59, members_male_60_plus, land_tenure, enrolled_on, status, \
             status_since, created_at, updated_at)",
        );
        let mut plots = Bulk::new(
            "INSERT INTO plots (id, household_id, name, declared_hectares, longitude, latitude, \
             created_at, updated_at)",
        );
        let mut uses = Bulk::new(
            "INSERT INTO plot_uses (plot_id, observed_on, crop, hectares, source, \
             recorded_by_name, recorded_at)",
        );
        let mut agreements = Bulk::new(
            "INSERT INTO eradication_agreements (id, household_id, signed_on, crop, \
             committed_hectares, eradicate_by, created_at)",
        );
        let mut verifications = Bulk::new(
            "INSERT INTO agreement_verifications (agreement_id, visited_on, method, \
             eradicated_hectares, illicit_hectares_found, recorded_by_name, recorded_at)",
        );
        let mut support = Bulk::new(
            "INSERT INTO support_deliveries (household_id, kind, delivered_on, value, currency, \
             recorded_by_name, recorded_at)",
        );
        for (community_id, c, lon, lat) in &communities {
            let wave = 2016 + i32::try_from(c % 10).unwrap_or(0);
            // A community's households enrol in a registration campaign of ten days, and the
            // monitor comes back each quarter on the same round.
            let campaign = NaiveDate::from_ymd_opt(
                wave,
                u32::try_from(1 + rng.below(12)).unwrap_or(1),
                u32::try_from(1 + rng.below(28)).unwrap_or(1),
            )
            .unwrap_or_default();
            for _ in 0..HOUSEHOLDS_PER_COMMUNITY {
                if left == 0 {
                    break;
                }
                left -= 1;
                let enrolled = campaign + Duration::days(i64::try_from(rng.below(10)).unwrap_or(0));
                let female = rng.below(100) < 48;
                let (head, head_band) = if female { ("female", 0) } else { ("male", 4) };
                let mut members = [0_u64; 8];
                members[head_band + 2] += 1; // the head, 30–59
                for _ in 0..rng.below(5) {
                    members[usize::try_from(rng.below(8)).unwrap_or(0)] += 1;
                }
                let m: Vec<String> = members.iter().map(u64::to_string).collect();
                households
                    .push(
                        &mut conn,
                        format!(
                            "({household_id},{project_id},{community_id},'NAT-{household_id:07}',\
                             '{head}','30_59',{},'untitled_possession','{enrolled}','active',\
                             '{enrolled}','{now}','{now}')",
                            m.join(","),
                        ),
                    )
                    .await?;
                out.households += 1;
                let mut committed = 0_u64;
                let mut cleared_on = None;
                for k in 0..PLOTS_PER_HOUSEHOLD {
                    let quarters = 1 + rng.below(8);
                    committed += quarters;
                    let ha = hectares(quarters);
                    plots
                        .push(
                            &mut conn,
                            format!(
                                "({plot_id},{household_id},'Parcela {}','{ha}',{:.5},{:.5},'{now}','{now}')",
                                k + 1,
                                lon + (rng.below(1000) as f64 - 500.0) * 0.00002,
                                lat + (rng.below(1000) as f64 - 500.0) * 0.00002,
                            ),
                        )
                        .await?;
                    out.plots += 1;
                    let switch = 2 + i64::try_from(rng.below(5)).unwrap_or(0);
                    let replants = rng.below(100) < 5;
                    for q in 0..SUPPORT_QUARTERS {
                        let day = enrolled + Duration::days(91 * q + 7);
                        if day > today {
                            break;
                        }
                        let illicit = q < switch || (replants && q == switch + 2);
                        if q == switch && k == 0 {
                            cleared_on = Some(day);
                        }
                        let crop = if illicit { "coca_bush" } else { "cocoa" };
                        uses.push(
                            &mut conn,
                            format!(
                                "({plot_id},'{day}','{crop}','{ha}','field_verification','generate-national','{now}')"
                            ),
                        )
                        .await?;
                        out.observations += 1;
                        if rng.below(100) < 3 {
                            // A second visit in the same quarter corrects the figure.
                            let again = day + Duration::days(20);
                            let corrected = hectares(quarters + 1);
                            uses.push(
                                &mut conn,
                                format!(
                                    "({plot_id},'{again}','{crop}','{corrected}','field_verification','generate-national','{now}')"
                                ),
                            )
                            .await?;
                            out.observations += 1;
                        }
                    }
                    plot_id += 1;
                }
                let signed = enrolled;
                let by =
                    NaiveDate::from_ymd_opt(signed.year() + 1, signed.month(), 1).unwrap_or(signed);
                let committed_ha = hectares(committed);
                agreements
                    .push(
                        &mut conn,
                        format!(
                            "({agreement_id},{household_id},'{signed}','coca_bush','{committed_ha}','{by}','{now}')"
                        ),
                    )
                    .await?;
                if let Some(day) = cleared_on {
                    verifications
                        .push(
                            &mut conn,
                            format!(
                                "({agreement_id},'{day}','field_visit','{committed_ha}','0','generate-national','{now}')"
                            ),
                        )
                        .await?;
                }
                agreement_id += 1;
                let delivered = enrolled + Duration::days(30);
                if delivered <= today {
                    support
                        .push(
                            &mut conn,
                            format!(
                                "({household_id},'inputs','{delivered}','1500000','COP','generate-national','{now}')"
                            ),
                        )
                        .await?;
                }
                household_id += 1;
            }
        }
        for bulk in [
            &mut households,
            &mut plots,
            &mut uses,
            &mut agreements,
            &mut verifications,
            &mut support,
        ] {
            bulk.flush(&mut conn).await?;
        }
        conn.execute("COMMIT").await.map_err(db::db_error)?;
        progress(p + 1, &out);
    }
    Ok(out)
}

/// `sembrar generate-national [--households N]` (read by `crate::cli`): opens the configured
/// database (made and migrated if new, with the administrator from the settings), writes the
/// program and prints what it wrote and how long it took.
pub async fn command(
    settings: &crate::settings::Settings,
    size: NationalSize,
) -> Result<Generated, String> {
    std::fs::create_dir_all(&settings.data_dir).map_err(|e| e.to_string())?;
    let db = Db::connect(&settings.database_url, settings.max_connections)
        .await
        .map_err(|e| e.to_string())?;
    crate::seed::bootstrap_admin(&db, settings)
        .await
        .map_err(|e| format!("{e:?}"))?;
    let started = std::time::Instant::now();
    let today = services::today();
    let generated = generate(&db, size, today, &mut |done, so_far| {
        println!(
            "  project {done}: {} households, {} plots, {} observations ({:.0} s)",
            so_far.households,
            so_far.plots,
            so_far.observations,
            started.elapsed().as_secs_f64()
        );
    })
    .await
    .map_err(|e| format!("{e:?}"))?;
    let loaded = started.elapsed().as_secs_f64();
    let digests = db::digests::refresh_all(&db)
        .await
        .map_err(|e| format!("{e:?}"))?;
    println!(
        "  {digests} community digests worked out in {:.1} s",
        started.elapsed().as_secs_f64() - loaded
    );
    println!(
        "Generated program {} in {:.1} s: {} projects, {} communities, {} households, {} plots, {} plot observations",
        generated.program_id,
        started.elapsed().as_secs_f64(),
        generated.projects,
        generated.communities,
        generated.households,
        generated.plots,
        generated.observations
    );
    Ok(generated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hectares_are_written_in_quarters() {
        assert_eq!(
            [1, 2, 3, 4, 9].map(hectares),
            ["0.25", "0.5", "0.75", "1", "2.25"]
        );
    }

    #[test]
    fn the_generator_is_the_same_every_run() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        assert_eq!(
            (0..5).map(|_| a.below(100)).collect::<Vec<_>>(),
            (0..5).map(|_| b.below(100)).collect::<Vec<_>>()
        );
    }
}
