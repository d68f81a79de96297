//! Server functions for programs.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use shared::program::{Program, ProgramDetail, ProgramForm};

/// Every program, by name.
#[server(prefix = "/rpc", endpoint = "list_programs")]
pub async fn list_programs() -> Result<Vec<Program>, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.list_programs(&caller).await)
}

/// One program with its projects.
#[server(prefix = "/rpc", endpoint = "get_program")]
pub async fn get_program(id: i64) -> Result<ProgramDetail, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.get_program(&caller, id).await)
}

/// Creates a program; answers its id.
#[server(prefix = "/rpc", endpoint = "create_program", input = Json)]
pub async fn create_program(form: ProgramForm) -> Result<i64, AppError> {
    let (services, caller) = crate::context::services_and_caller()?;
    crate::context::answer(services.create_program(&caller, form).await.map(|p| p.id))
}

/// A program's figures, added up over the projects the reader may see.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProgramOverview {
    /// How many projects are in each status (statuses with none left out).
    pub status_counts: Vec<(shared::project::ProjectStatus, i64)>,
    /// Hectares planned, by licit crop, over every project.
    pub planned_by_crop: Vec<(shared::crop::AlternativeCrop, rust_decimal::Decimal)>,
    /// The projects' areas added up, in hectares, and how many projects have one.
    pub area_hectares: rust_decimal::Decimal,
    /// How many projects have an area.
    pub projects_with_area: i64,
    /// Communities, and how many of them are indigenous.
    pub communities: i64,
    /// Indigenous communities.
    pub indigenous_communities: i64,
    /// Illicit hectares in the projects' communities: each project's latest year, by crop.
    pub baseline_by_crop: Vec<(shared::crop::IllicitCrop, rust_decimal::Decimal)>,
    /// Households in livelihood plans.
    pub households_in_plans: i64,
    /// Bridging support the plans need, per currency.
    pub bridging: Vec<shared::timeline::BudgetTotal>,
    /// The budget lines added up, per currency (currencies are never added together).
    pub budget: Vec<shared::timeline::BudgetTotal>,
    /// Safeguard warnings per project: id, name, count.
    pub warnings: Vec<(i64, String, i64)>,
    /// A map of every project's area and communities, when any has an area.
    pub map_svg: Option<String>,
}

/// Adds amounts per currency, keeping currencies apart.
#[cfg(feature = "ssr")]
fn add_to(
    totals: &mut Vec<shared::timeline::BudgetTotal>,
    currency: &str,
    amount: rust_decimal::Decimal,
) {
    match totals.iter_mut().find(|t| t.currency == currency) {
        Some(total) => total.amount += amount,
        None => totals.push(shared::timeline::BudgetTotal {
            currency: currency.to_owned(),
            amount,
        }),
    }
}

/// A program's overview: figures over the projects the reader may see, and a map of them all.
#[server(prefix = "/rpc", endpoint = "get_program_overview")]
pub async fn get_program_overview(
    id: i64,
    locale: shared::i18n::Locale,
) -> Result<ProgramOverview, AppError> {
    use crate::context::{answer, services_and_caller};
    use rust_decimal::Decimal;
    use std::collections::BTreeMap;
    let (services, caller) = services_and_caller()?;
    let detail = answer(services.get_program(&caller, id).await)?;
    let mut statuses: BTreeMap<&'static str, (shared::project::ProjectStatus, i64)> =
        BTreeMap::new();
    let mut planned: BTreeMap<shared::crop::AlternativeCrop, Decimal> = BTreeMap::new();
    let mut baseline: BTreeMap<shared::crop::IllicitCrop, Decimal> = BTreeMap::new();
    let (mut area_hectares, mut projects_with_area) = (Decimal::ZERO, 0);
    let (mut communities, mut indigenous) = (0, 0);
    let mut households = 0;
    let (mut bridging, mut budget) = (Vec::new(), Vec::new());
    let mut warnings = Vec::new();
    let mut layers = shared::mapview::MapLayers::default();
    for summary in &detail.projects {
        let project = answer(services.get_project(&caller, summary.id).await)?;
        statuses
            .entry(project.status.code())
            .or_insert((project.status, 0))
            .1 += 1;
        for crop in &project.planned_crops {
            *planned.entry(crop.crop).or_default() += crop.hectares;
        }
        let (area, _) = answer(services.project_area(&caller, project.id).await)?;
        if let Some(area) = &area {
            area_hectares += area.hectares;
            projects_with_area += 1;
            if let Some(shape) = shared::geometry::Area::from_stored(&area.geometry.to_string()) {
                layers.areas.push(shape.map_area(project.name.clone()));
            }
        }
        let found = answer(services.project_communities(&caller, project.id).await)?;
        for c in &found.communities {
            communities += 1;
            indigenous += i64::from(c.indigenous);
            if let (Some(lon), Some(lat)) = (c.longitude, c.latitude) {
                layers.communities.push(shared::mapview::MapCommunity {
                    label: c.name.clone(),
                    lon,
                    lat,
                    outside_area: c.outside_project_area == Some(true),
                });
            }
        }
        let figures = answer(services.list_baselines(&caller, project.id).await)?;
        for crop in shared::crop::IllicitCrop::ALL {
            let latest = figures
                .iter()
                .filter(|f| f.crop == *crop && f.community_id.is_some())
                .map(|f| f.year)
                .max();
            if let Some(year) = latest {
                // One source per place: the verified figure when there is one.
                let mut by_place: BTreeMap<i64, (u8, Decimal)> = BTreeMap::new();
                for f in figures.iter().filter(|f| f.crop == *crop && f.year == year) {
                    let Some(community) = f.community_id else {
                        continue;
                    };
                    let rank = match f.source {
                        shared::baseline::BaselineSource::FieldVerification => 0,
                        shared::baseline::BaselineSource::SatelliteSurvey => 1,
                        shared::baseline::BaselineSource::HouseholdDeclaration => 2,
                    };
                    let entry = by_place.entry(community).or_insert((rank, f.hectares));
                    if rank < entry.0 {
                        *entry = (rank, f.hectares);
                    }
                }
                *baseline.entry(*crop).or_default() +=
                    by_place.values().map(|(_, h)| *h).sum::<Decimal>();
            }
        }
        for plan in answer(services.list_livelihood_plans(&caller, project.id).await)? {
            households += plan.households;
            add_to(&mut bridging, &plan.currency, plan.bridging_total());
        }
        let timeline = answer(services.project_timeline(&caller, project.id).await)?;
        for total in timeline.budget_total() {
            add_to(&mut budget, &total.currency, total.amount);
        }
        let (_, raised) = answer(services.project_safeguards(&caller, project.id).await)?;
        if !raised.is_empty() {
            warnings.push((
                project.id,
                project.name.clone(),
                i64::try_from(raised.len()).unwrap_or(i64::MAX),
            ));
        }
    }
    let map_svg = (!layers.areas.is_empty()).then(|| {
        let title = format!(
            "{} — {}",
            detail.program.name,
            locale.t(shared::i18n::Msg::ProgramMap)
        );
        let mut options = shared::mapview::MapOptions::new(title, locale);
        if let Some(tiles) = services.tile_layer() {
            options = tiles.apply(options);
        }
        shared::mapview::map_svg(&layers, &options)
    });
    Ok(ProgramOverview {
        status_counts: statuses.into_values().collect(),
        planned_by_crop: planned.into_iter().collect(),
        area_hectares,
        projects_with_area,
        communities,
        indigenous_communities: indigenous,
        baseline_by_crop: baseline.into_iter().collect(),
        households_in_plans: households,
        bridging,
        budget,
        warnings,
        map_svg,
    })
}
