//! The demo projects' plans: illicit-crop baselines, components with activities, milestones and
//! budget lines, livelihood plans (with their bridging support budgeted where the plan says so),
//! results frameworks with indicators and targets, and safeguards. Demonstration data, not a real
//! program's: every figure goes through the same validation as user input. Two plans are left
//! with gaps on purpose (support after eradication, an indigenous community whose consent is
//! still being sought), so the warnings can be seen.

use super::demo_plan_putumayo::PUTUMAYO;
use super::demo_plans::{CAQUETA, DemoPlanning, VRAEM};
use app::error::AppError;
use services::db::Conn;
use services::db::{self};
use shared::baseline_record::BaselineForm;
use shared::livelihood::{LivelihoodPlanForm, ValueChainForm, bridging_budget_lines};
use shared::project::Project;
use shared::results::{IndicatorForm, ResultForm, TargetForm, TargetsForm};
use shared::safeguard::SafeguardForm;
use shared::timeline::{ActivityForm, BudgetLineForm, ComponentForm, MilestoneForm, ProjectSpan};

fn invalid(errors: Vec<shared::validation::FieldError>) -> AppError {
    tracing::error!(?errors, "demo plan data does not validate");
    AppError::Invalid(errors)
}

/// The demo projects' areas: polygons drawn around their communities (about 15 km around them),
/// not official boundaries. The tests check that every demo community lies inside the real
/// department boundaries of `shared/testdata/geo`.
const DEMO_AREAS: &[((usize, usize), &str)] = &[
    (
        (0, 0),
        r#"{"type":"Polygon","coordinates":[[[-76.351,0.549],[-76.313,0.48],[-76.318,0.402],[-76.365,0.339],[-76.438,0.311],[-76.515,0.326],[-76.935,0.546],[-76.988,0.594],[-77.01,0.662],[-76.996,0.732],[-76.949,0.786],[-76.882,0.81],[-76.812,0.797],[-76.442,0.627],[-76.351,0.549]]]}"#,
    ),
    (
        (0, 1),
        r#"{"type":"Polygon","coordinates":[[[-74.805,2.292],[-74.745,2.333],[-74.673,2.337],[-74.608,2.305],[-74.567,2.245],[-74.563,2.173],[-74.595,2.108],[-74.665,2.028],[-74.725,1.987],[-74.797,1.983],[-74.862,2.015],[-74.903,2.075],[-74.907,2.147],[-74.875,2.212],[-74.805,2.292]]]}"#,
    ),
    (
        (0, 2),
        r#"{"type":"Polygon","coordinates":[[[-72.409,2.556],[-72.368,2.496],[-72.362,2.424],[-72.394,2.359],[-72.454,2.318],[-72.526,2.312],[-72.591,2.344],[-72.731,2.464],[-72.772,2.524],[-72.778,2.596],[-72.746,2.661],[-72.686,2.702],[-72.614,2.708],[-72.549,2.676],[-72.409,2.556]]]}"#,
    ),
    (
        (1, 0),
        r#"{"type":"Polygon","coordinates":[[[-73.66,-12.568],[-73.651,-12.64],[-73.68,-12.707],[-73.738,-12.75],[-73.81,-12.759],[-73.877,-12.73],[-73.92,-12.672],[-73.96,-12.572],[-73.969,-12.5],[-73.94,-12.433],[-73.882,-12.39],[-73.81,-12.381],[-73.743,-12.41],[-73.7,-12.468],[-73.66,-12.568]]]}"#,
    ),
];

/// Seeds the plans of the demo projects that have one: projects (program, project index) with
/// their communities' ids.
pub async fn seed(
    conn: &mut Conn,
    projects: &[Vec<i64>],
    communities: &[Vec<Vec<i64>>],
) -> Result<(), AppError> {
    for ((program, project), geojson) in DEMO_AREAS {
        let Some(project_id) = projects.get(*program).and_then(|p| p.get(*project)) else {
            continue;
        };
        let area = shared::geometry::area_from_geojson(geojson).map_err(|problems| {
            tracing::error!(?problems, "a demo area does not validate");
            AppError::Internal
        })?;
        let hectares = area.hectares_decimal();
        db::areas::upsert(conn, *project_id, &area.to_geojson(), hectares).await?;
    }
    for ((program, project), demo) in [((0, 0), &PUTUMAYO), ((0, 1), &CAQUETA), ((1, 0), &VRAEM)] {
        let (Some(project_id), Some(community_ids)) = (
            projects.get(program).and_then(|p| p.get(project)),
            communities.get(program).and_then(|p| p.get(project)),
        ) else {
            continue;
        };
        let project = db::projects::get(conn, *project_id).await?;
        seed_project(conn, &project, community_ids, demo).await?;
    }
    Ok(())
}

async fn seed_project(
    conn: &mut Conn,
    project: &Project,
    communities: &[i64],
    demo: &DemoPlanning,
) -> Result<(), AppError> {
    let span = ProjectSpan::from(project);
    let currency =
        shared::currency::Currency::from_code(&project.currency).ok_or(AppError::Internal)?;
    for (place, year, hectares, source, note) in demo.baselines {
        let mut form = BaselineForm {
            crop: "coca_bush".into(),
            year: (*year).into(),
            hectares: (*hectares).into(),
            source: (*source).into(),
            note: (*note).into(),
            ..BaselineForm::default()
        };
        match place {
            Ok(index) => form.community_id = communities[*index].to_string(),
            Err(name) => form.place = (*name).into(),
        }
        let mut figure = form.validate().map_err(invalid)?;
        if let Some(id) = figure.community_id {
            figure.place = db::communities::get(conn, id).await?.name;
        }
        db::baselines::upsert(conn, project.id, &figure).await?;
    }

    let mut component_ids = Vec::new();
    for (kind, name, activities) in demo.components {
        let component = ComponentForm {
            kind: (*kind).into(),
            name: (*name).into(),
            description: String::new(),
        }
        .validate()
        .map_err(invalid)?;
        let component_id = db::timeline::insert_component(conn, project.id, &component).await?;
        component_ids.push(component_id);
        for (name, start, end, partner, partner_name, status) in *activities {
            let activity = ActivityForm {
                component_id: component_id.to_string(),
                name: (*name).into(),
                start_date: (*start).into(),
                end_date: (*end).into(),
                partner_kind: (*partner).into(),
                partner_name: (*partner_name).into(),
                status: (*status).into(),
                ..ActivityForm::default()
            }
            .validate(span)
            .map_err(invalid)?;
            db::timeline::insert_activity(conn, &activity).await?;
        }
    }
    for (name, due, status, reached) in demo.milestones {
        let milestone = MilestoneForm {
            name: (*name).into(),
            due_date: (*due).into(),
            status: (*status).into(),
            reached_on: (*reached).into(),
            component_id: String::new(),
        }
        .validate(span)
        .map_err(invalid)?;
        db::timeline::insert_milestone(conn, project.id, &milestone).await?;
    }
    for (code, description, component, year, amount) in demo.budget {
        let line = BudgetLineForm {
            code: (*code).into(),
            description: (*description).into(),
            component_id: component_ids[*component].to_string(),
            year: (*year).into(),
            amount: (*amount).into(),
        }
        .validate(span, currency)
        .map_err(invalid)?;
        db::timeline::insert_budget_line(conn, project.id, &line).await?;
    }
    for (name, community, households, illicit, eradication, chains, budgeted) in demo.plans {
        let form = LivelihoodPlanForm {
            name: (*name).into(),
            community_id: communities[*community].to_string(),
            households: (*households).into(),
            illicit_income_monthly: (*illicit).into(),
            eradication_month: (*eradication).into(),
            horizon_months: String::new(),
            value_chains: chains
                .iter()
                .map(
                    |(crop, hectares, month, curve, price, channel, certification)| {
                        ValueChainForm {
                            crop: (*crop).into(),
                            hectares: (*hectares).into(),
                            planting_month: (*month).into(),
                            yield_curve: (*curve).into(),
                            price_per_kg: (*price).into(),
                            market_channel: (*channel).into(),
                            certification: (*certification).into(),
                        }
                    },
                )
                .collect(),
        };
        let plan = form
            .validate(project.start_date, project.end_date, currency)
            .map_err(invalid)?;
        let plan_id = db::livelihood::insert(conn, project.id, &plan).await?;
        if *budgeted {
            let plan = db::livelihood::get(conn, plan_id).await?;
            let component = component_ids.get(demo.bridging_component).copied();
            for line in bridging_budget_lines(&plan, span, component, shared::i18n::Locale::Es)
                .map_err(invalid)?
            {
                db::timeline::insert_budget_line(conn, project.id, &line).await?;
            }
        }
    }
    let mut result_ids: Vec<i64> = Vec::new();
    let mut levels = Vec::new();
    for (level, code, statement, parent, indicators) in demo.results {
        let parent_id = parent.map(|i| result_ids[i]);
        let parent_level = parent.map(|i| levels[i]);
        let result = ResultForm {
            level: (*level).into(),
            parent_id: parent_id.map(|id| id.to_string()).unwrap_or_default(),
            code: (*code).into(),
            statement: (*statement).into(),
        }
        .validate(parent_level)
        .map_err(invalid)?;
        levels.push(result.level);
        let result_id = db::results::insert_result(conn, project.id, &result).await?;
        result_ids.push(result_id);
        for (library, baseline, year, frequency, targets) in *indicators {
            let indicator = IndicatorForm {
                result_id: result_id.to_string(),
                library_code: (*library).into(),
                baseline_value: (*baseline).into(),
                baseline_year: (*year).into(),
                frequency: (*frequency).into(),
                responsible_role: "me_officer".into(),
                ..IndicatorForm::default()
            }
            .validate(project.end_date)
            .map_err(invalid)?;
            let periods = indicator
                .frequency
                .periods(project.start_date, project.end_date);
            let unit = indicator.unit;
            let indicator_id = db::results::insert_indicator(conn, project.id, &indicator).await?;
            let targets = TargetsForm {
                targets: targets
                    .iter()
                    .map(|(period, value)| TargetForm {
                        period: (*period).into(),
                        value: (*value).into(),
                    })
                    .collect(),
            }
            .validate(&periods, unit)
            .map_err(invalid)?;
            db::results::set_targets(conn, indicator_id, &targets).await?;
        }
    }
    let today = services::today();
    for (kind, status, evidence, assessed) in demo.safeguards {
        let safeguard = SafeguardForm {
            status: (*status).into(),
            evidence: (*evidence).into(),
            assessed_on: (*assessed).into(),
        }
        .validate(*kind, today)
        .map_err(invalid)?;
        db::safeguards::upsert(conn, project.id, &safeguard, None).await?;
    }
    Ok(())
}
