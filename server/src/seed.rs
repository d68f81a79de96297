//! The demo program seeded into an empty database on first start, clearly marked as demo data.
//! It goes through the same validation as user input. Later slices add communities, households,
//! agreements, funding and monitoring to it.

use crate::db::{self, Db};
use app::error::AppError;
use shared::program::ProgramForm;
use shared::project::{PlannedCropForm, ProjectForm};

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
}

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
            },
        ],
    },
];

/// Seeds the demo program unless it was seeded before or the database already has programs.
/// Answers whether it seeded.
pub async fn seed_demo_if_new(db: &Db) -> Result<bool, AppError> {
    if db.meta(SEEDED_KEY).await?.is_some() || db::programs::count(db).await? > 0 {
        return Ok(false);
    }
    for demo in DEMO {
        let program = ProgramForm {
            name: demo.name.to_owned(),
            description: demo.description.to_owned(),
        }
        .validate()
        .map_err(AppError::Invalid)?;
        let program_id = db::programs::insert(db, &program, true).await?;
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
            }
            .validate()
            .map_err(AppError::Invalid)?;
            db::projects::insert(db, program_id, &project).await?;
        }
    }
    db.set_meta(SEEDED_KEY, &db::now_text()).await?;
    Ok(true)
}
