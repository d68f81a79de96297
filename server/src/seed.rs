//! The demo program seeded into an empty database on first start, clearly marked as demo data.
//! It goes through the same validation as user input. Later slices add communities, households,
//! agreements, funding and monitoring to it.

use crate::settings::Settings;
use app::error::AppError;
use services::auth::hash_password;
use services::db::{self, Db};
use shared::auth::{Grant, Role, Scope};
use shared::program::ProgramForm;
use shared::project::{PlannedCropForm, ProjectForm};

mod demo_plan_putumayo;
mod demo_plans;
mod funding;
mod households;
mod plan;

const SEEDED_KEY: &str = "demo_seeded_at";

struct DemoProject {
    name: &'static str,
    kind: &'static str,
    country: &'static str,
    start: &'static str,
    end: &'static str,
    illicit: &'static [&'static str],
    planned: &'static [(&'static str, &'static str)],
    description: &'static str,
    /// `planning`, `active`...
    status: &'static str,
    /// The demo donors funding it, by index in [`DEMO_DONORS`].
    donors: &'static [usize],
    /// Communities: name, municipality, longitude and latitude (approximate, for the map), and
    /// whether it is an indigenous community.
    communities: &'static [(&'static str, &'static str, &'static str, &'static str, bool)],
}

/// The demo donors: name, IATI organisation identifier, IATI organisation type.
const DEMO_DONORS: &[(&str, &str, &str)] = &[
    ("European Union", "XI-IATI-EC_INTPA", "multilateral"),
    (
        "United States Agency for International Development (USAID)",
        "US-GOV-1",
        "government",
    ),
];

struct DemoProgram {
    name: &'static str,
    description: &'static str,
    projects: &'static [DemoProject],
}

const DEMO: &[DemoProgram] = &[
    DemoProgram {
        name: "DEMO · Southern Colombia alternative development program",
        description: "Demonstration data, not a real program. Voluntary substitution of coca \
                      bush with cocoa, specialty coffee, honey and agroforestry in Putumayo, \
                      Caquetá and Guaviare, with cooperatives as buyers.",
        projects: &[
            DemoProject {
                name: "Cacao para la paz — Putumayo",
                kind: "ad",
                country: "CO",
                start: "2024-01-15",
                end: "2028-12-31",
                illicit: &["coca_bush"],
                planned: &[("cocoa", "1850"), ("banana", "420.5"), ("timber", "310")],
                description: "Fine-flavour cocoa under agroforestry shade with plantain as the \
                              first-year income crop, sold through two cooperatives in Puerto \
                              Asís and Orito.",
                status: "active",
                donors: &[1],
                communities: &[
                    ("Vereda La Carmelita", "Puerto Asís", "-76.5", "0.5", false),
                    ("Vereda El Cedral", "Orito", "-76.87", "0.67", false),
                    (
                        "Vereda Brisas del Hong Kong",
                        "Puerto Asís",
                        "-76.45",
                        "0.45",
                        false,
                    ),
                ],
            },
            DemoProject {
                name: "Cafés especiales del Caquetá",
                kind: "ad",
                country: "CO",
                start: "2024-04-01",
                end: "2028-03-31",
                illicit: &["coca_bush"],
                planned: &[("coffee", "960"), ("honey", "120"), ("citrus", "85.25")],
                description: "Specialty coffee on hillside farms of San Vicente del Caguán, \
                              with beekeeping and citrus to bridge the years before the first \
                              coffee harvest.",
                status: "active",
                donors: &[0],
                communities: &[
                    (
                        "Vereda La Tigrera",
                        "San Vicente del Caguán",
                        "-74.77",
                        "2.12",
                        false,
                    ),
                    (
                        "Vereda Campo Hermoso",
                        "San Vicente del Caguán",
                        "-74.7",
                        "2.2",
                        false,
                    ),
                ],
            },
            DemoProject {
                name: "Guaviare sostenible — caucho, miel y piscicultura",
                kind: "preventive_ad",
                country: "CO",
                start: "2025-02-01",
                end: "2029-01-31",
                illicit: &["coca_bush"],
                planned: &[
                    ("rubber", "500"),
                    ("palm_heart", "140"),
                    ("honey", "150"),
                    ("fish_farming", "35.5"),
                ],
                description: "Preventive alternative development with communities at risk near \
                              the agricultural frontier of San José del Guaviare.",
                status: "planning",
                donors: &[1],
                communities: &[
                    (
                        "Vereda Charras",
                        "San José del Guaviare",
                        "-72.64",
                        "2.57",
                        false,
                    ),
                    (
                        "Vereda Puerto Cachicamo",
                        "San José del Guaviare",
                        "-72.5",
                        "2.45",
                        false,
                    ),
                ],
            },
        ],
    },
    DemoProgram {
        name: "DEMO · VRAEM and Huallaga crop substitution (Peru)",
        description: "Demonstration data, not a real program. Cocoa and coffee value chains \
                      with producer cooperatives in the Apurímac, Ene and Mantaro river valley \
                      and the Huallaga valley.",
        projects: &[
            DemoProject {
                name: "Cacao fino de aroma — VRAEM",
                kind: "ad",
                country: "PE",
                start: "2023-07-01",
                end: "2027-06-30",
                illicit: &["coca_bush"],
                planned: &[
                    ("cocoa", "2400.75"),
                    ("coffee", "800"),
                    ("sacha_inchi", "150"),
                ],
                description: "Cocoa grafted with fine-flavour clones, post-harvest centres and \
                              certification for export through cooperatives in Pichari and \
                              Kimbiri.",
                status: "active",
                donors: &[0],
                communities: &[
                    (
                        "Comunidad nativa Otari",
                        "Pichari",
                        "-73.83",
                        "-12.52",
                        true,
                    ),
                    (
                        "Centro poblado Unión Mantaro",
                        "Kimbiri",
                        "-73.79",
                        "-12.62",
                        false,
                    ),
                ],
            },
            DemoProject {
                name: "Huallaga: café y cacao con cooperativas",
                kind: "ad",
                country: "PE",
                start: "2022-01-01",
                end: "2026-12-31",
                illicit: &["coca_bush"],
                planned: &[("coffee", "1320"), ("cocoa", "980.5"), ("pineapple", "60")],
                description: "Coffee and cocoa renovation with technical assistance and market \
                              access through the cooperatives of Tocache and Uchiza.",
                status: "completed",
                donors: &[1],
                communities: &[
                    ("Caserío Pucayacu", "Tocache", "-76.51", "-8.19", false),
                    (
                        "Caserío Santa Rosa de Mishollo",
                        "Uchiza",
                        "-76.46",
                        "-8.46",
                        false,
                    ),
                ],
            },
        ],
    },
];

/// The demo organisation that runs the demo programs.
const DEMO_ORGANISATION: &str = "DEMO · Agencia de Desarrollo Alternativo";

/// The demo organisation's IATI identifier (the `XX` prefix is not a registration agency's:
/// nothing real is named).
const DEMO_IATI_IDENTIFIER: &str = "XX-DEMO-SEMBRAR";

/// Where a demo account's role applies.
enum DemoScope {
    Organisation,
    /// The nth demo program (0-based).
    Program(usize),
    /// Communities by (program, project, community) index.
    Communities(&'static [(usize, usize, usize)]),
    /// The nth demo donor (0-based): its agreements and the projects it funds.
    Donor(usize),
}

/// The demo accounts, one per role: email, password, role, scope. Printed at start-up and listed
/// in README.md; they exist only in a database seeded with the demo.
const DEMO_ACCOUNTS: &[(&str, &str, Role, DemoScope)] = &[
    (
        "admin@demo.sembrar.example",
        "sembrar-admin-demo",
        Role::Administrator,
        DemoScope::Organisation,
    ),
    (
        "officer@demo.sembrar.example",
        "sembrar-officer-demo",
        Role::ProgramOfficer,
        DemoScope::Organisation,
    ),
    (
        "me@demo.sembrar.example",
        "sembrar-me-demo",
        Role::MeOfficer,
        DemoScope::Program(0),
    ),
    (
        "monitor@demo.sembrar.example",
        "sembrar-monitor-demo",
        Role::FieldMonitor,
        DemoScope::Communities(&[(0, 0, 0)]),
    ),
    (
        "donor@demo.sembrar.example",
        "sembrar-donor-demo",
        Role::DonorViewer,
        DemoScope::Donor(0),
    ),
];

/// A demo account as printed: email, password, role.
pub type DemoAccount = (&'static str, &'static str, &'static str);

fn demo_account_list() -> Vec<DemoAccount> {
    DEMO_ACCOUNTS
        .iter()
        .map(|(email, password, role, _)| (*email, *password, role.code()))
        .collect()
}

/// Seeds the demo programs and accounts unless the database already has programs or was seeded
/// before. Answers the demo accounts when the database holds the demo (seeded now or before).
pub async fn seed_demo_if_new(
    db: &Db,
    sealer: &services::sealing::Sealer,
) -> Result<Option<Vec<DemoAccount>>, AppError> {
    if db.meta(SEEDED_KEY).await?.is_some() {
        return Ok(Some(demo_account_list()));
    }
    if db::programs::count(&mut *db.conn().await?).await? > 0 {
        return Ok(None);
    }
    // Demo accounts are only added next to an administrator from the settings, never next to
    // other existing accounts.
    if db::accounts::count_users(&mut *db.conn().await?).await? > 1 {
        return Ok(None);
    }
    // The whole demo in one transaction: a start that fails half-way leaves nothing behind.
    let mut tx = db.begin().await?;
    let organisation = db::accounts::ensure_organisation(&mut tx, DEMO_ORGANISATION, true).await?;
    db::organisations::update(
        &mut tx,
        organisation,
        &shared::organisation::OrganisationSettings {
            iati_identifier: Some(DEMO_IATI_IDENTIFIER.to_owned()),
            organisation_type: shared::donor::OrganisationType::NationalNgo,
        },
    )
    .await?;
    let mut donor_ids = Vec::new();
    for (name, iati, kind) in DEMO_DONORS {
        let donor = shared::donor::DonorForm {
            name: (*name).to_owned(),
            iati_identifier: (*iati).to_owned(),
            organisation_type: (*kind).to_owned(),
        }
        .validate()
        .map_err(AppError::Invalid)?;
        donor_ids.push(db::donors::insert(&mut tx, organisation, &donor, true).await?);
    }
    let mut program_ids = Vec::new();
    let mut project_ids: Vec<Vec<i64>> = Vec::new();
    let mut community_ids: Vec<Vec<Vec<i64>>> = Vec::new();
    for demo in DEMO {
        let program = ProgramForm {
            name: demo.name.to_owned(),
            description: demo.description.to_owned(),
        }
        .validate()
        .map_err(AppError::Invalid)?;
        let program_id = db::programs::insert(&mut tx, organisation, &program, true).await?;
        program_ids.push(program_id);
        let mut ids = Vec::new();
        let mut program_communities = Vec::new();
        for p in demo.projects {
            let project = ProjectForm {
                name: p.name.to_owned(),
                kind: p.kind.to_owned(),
                country: p.country.to_owned(),
                start_date: p.start.to_owned(),
                end_date: p.end.to_owned(),
                illicit_crops: p.illicit.iter().map(|c| (*c).to_owned()).collect(),
                planned_crops: p
                    .planned
                    .iter()
                    .map(|(crop, hectares)| PlannedCropForm {
                        crop: (*crop).to_owned(),
                        hectares: (*hectares).to_owned(),
                    })
                    .collect(),
                description: p.description.to_owned(),
                status: p.status.to_owned(),
                currency: String::new(),
                donors: p.donors.iter().map(|i| donor_ids[*i].to_string()).collect(),
            }
            .validate()
            .map_err(AppError::Invalid)?;
            let project_id = db::projects::insert(&mut tx, program_id, &project).await?;
            ids.push(project_id);
            let mut communities = Vec::new();
            for (name, municipality, longitude, latitude, indigenous) in p.communities {
                let community = shared::community::CommunityForm {
                    name: (*name).to_owned(),
                    municipality: (*municipality).to_owned(),
                    longitude: (*longitude).to_owned(),
                    latitude: (*latitude).to_owned(),
                    indigenous: indigenous.to_string(),
                }
                .validate()
                .map_err(AppError::Invalid)?;
                communities.push(db::communities::insert(&mut tx, project_id, &community).await?);
            }
            program_communities.push(communities);
        }
        project_ids.push(ids);
        community_ids.push(program_communities);
    }
    plan::seed(&mut tx, &project_ids, &community_ids).await?;
    households::seed(&mut tx, sealer, &community_ids).await?;
    funding::seed(
        &mut tx,
        organisation,
        &donor_ids,
        &program_ids,
        &project_ids,
    )
    .await?;
    for (email, password, role, scope) in DEMO_ACCOUNTS {
        let grants: Vec<Grant> = match scope {
            DemoScope::Organisation => vec![Scope::Organisation(organisation)],
            DemoScope::Program(i) => vec![Scope::Program(program_ids[*i])],
            DemoScope::Communities(list) => list
                .iter()
                .map(|(program, project, community)| {
                    Scope::Community(community_ids[*program][*project][*community])
                })
                .collect(),
            DemoScope::Donor(i) => vec![Scope::Donor(donor_ids[*i])],
        }
        .into_iter()
        .map(|scope| Grant { role: *role, scope })
        .collect();
        let hash = hash_password((*password).to_owned()).await.map_err(|e| {
            tracing::error!(error = e, "hashing a demo password");
            AppError::Internal
        })?;
        let name = format!(
            "Demo {}",
            role.name(shared::i18n::Locale::En).to_lowercase()
        );
        db::accounts::create_user(&mut tx, organisation, email, &name, Some(&hash), &grants)
            .await?;
    }
    tx.commit().await.map_err(db::db_error)?;
    db.set_meta(SEEDED_KEY, &db::now_text()).await?;
    tracing::info!("demo programs and accounts seeded (clearly marked as demo data)");
    Ok(Some(demo_account_list()))
}

/// Creates the administrator named in the settings when the database has no account yet.
pub async fn bootstrap_admin(db: &Db, settings: &Settings) -> Result<(), AppError> {
    if let Some((email, password)) = &settings.admin
        && db::accounts::count_users(&mut *db.conn().await?).await? == 0
    {
        let email = shared::auth::email("email", email).map_err(|e| AppError::Invalid(vec![e]))?;
        let password = shared::auth::new_password("password", password.expose(), &email)
            .map_err(|e| AppError::Invalid(vec![e]))?;
        let organisation =
            db::accounts::ensure_organisation(&mut *db.conn().await?, "Sembrar", false).await?;
        let hash = hash_password(password).await.map_err(|e| {
            tracing::error!(error = e, "hashing the administrator's password");
            AppError::Internal
        })?;
        let grants = [Grant {
            role: Role::Administrator,
            scope: Scope::Global,
        }];
        db::accounts::create_user(
            &mut *db.conn().await?,
            organisation,
            &email,
            "Administrator",
            Some(&hash),
            &grants,
        )
        .await?;
        tracing::info!(%email, "administrator created from the settings");
    }
    Ok(())
}

/// Gives programs made before accounts existed to the first organisation.
pub async fn adopt_orphan_programs(db: &Db) -> Result<(), AppError> {
    if let Some(first) = db::accounts::first_organisation(&mut *db.conn().await?).await? {
        db::accounts::adopt_orphan_programs(&mut *db.conn().await?, first).await?;
    }
    Ok(())
}
