//! The demo projects' plans: illicit-crop baselines, components with activities, milestones and
//! budget lines, livelihood plans (with their bridging support budgeted where the plan says so),
//! results frameworks with indicators and targets, and safeguards. Demonstration data, not a real
//! program's: every figure goes through the same validation as user input. Two plans are left
//! with gaps on purpose (support after eradication, an indigenous community whose consent is
//! still being sought), so the warnings can be seen.

use app::error::AppError;
use services::db::Conn;
use services::db::{self};
use shared::baseline_record::BaselineForm;
use shared::livelihood::{LivelihoodPlanForm, ValueChainForm, bridging_budget_lines};
use shared::project::Project;
use shared::results::{IndicatorForm, ResultForm, TargetForm, TargetsForm};
use shared::safeguard::{SafeguardForm, SafeguardKind};
use shared::timeline::{ActivityForm, BudgetLineForm, ComponentForm, MilestoneForm, ProjectSpan};

fn invalid(errors: Vec<shared::validation::FieldError>) -> AppError {
    tracing::error!(?errors, "demo plan data does not validate");
    AppError::Invalid(errors)
}

/// A component and its activities: kind, name, and per activity name, start, end, partner kind,
/// partner name, status.
type DemoComponent = (
    &'static str,
    &'static str,
    &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    )],
);

/// A value chain: crop, hectares per household, planting month, yield curve, price per kg,
/// market channel, certification.
type DemoChain = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// A livelihood plan: name, community index, households, illicit income per household and
/// month, eradication month, value chains, whether its bridging support is budgeted.
type DemoPlan = (
    &'static str,
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static [DemoChain],
    bool,
);

/// An indicator: library code, baseline, baseline year, frequency, targets (period, value).
type DemoIndicator = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// A result: level, code, statement, index of its parent among the results before it,
/// indicators.
type DemoResult = (
    &'static str,
    &'static str,
    &'static str,
    Option<usize>,
    &'static [DemoIndicator],
);

/// A baseline figure: the community (its index) or a place's name, year, hectares, source, note.
type DemoBaseline = (
    Result<usize, &'static str>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

struct DemoPlanning {
    /// Baselines: community index (or a place), crop, year, hectares, source, note.
    baselines: &'static [DemoBaseline],
    components: &'static [DemoComponent],
    /// Milestones: name, due date, status, reached on.
    milestones: &'static [(&'static str, &'static str, &'static str, &'static str)],
    /// Budget lines: code, description, component index, year, amount.
    budget: &'static [(
        &'static str,
        &'static str,
        usize,
        &'static str,
        &'static str,
    )],
    plans: &'static [DemoPlan],
    results: &'static [DemoResult],
    /// Safeguards: kind, status, evidence, assessed on.
    safeguards: &'static [(SafeguardKind, &'static str, &'static str, &'static str)],
    /// The component (index) where bridging support is budgeted.
    bridging_component: usize,
}

const PUTUMAYO: DemoPlanning = DemoPlanning {
    baselines: &[
        (
            Ok(0),
            "2023",
            "86.5",
            "household_declaration",
            "Declaración al firmar el acuerdo",
        ),
        (
            Ok(1),
            "2023",
            "64.25",
            "household_declaration",
            "Declaración al firmar el acuerdo",
        ),
        (
            Ok(2),
            "2023",
            "41",
            "household_declaration",
            "Declaración al firmar el acuerdo",
        ),
        (
            Ok(0),
            "2024",
            "79",
            "field_verification",
            "Verificación de predios, marzo 2024",
        ),
        (
            Ok(1),
            "2024",
            "60.5",
            "field_verification",
            "Verificación de predios, marzo 2024",
        ),
        (
            Err("Puerto Asís"),
            "2023",
            "3412",
            "satellite_survey",
            "Cifra de demostración",
        ),
        (
            Err("Orito"),
            "2023",
            "2187",
            "satellite_survey",
            "Cifra de demostración",
        ),
    ],
    components: &[
        (
            "livelihoods",
            "Cacao fino de aroma bajo sombra",
            &[
                (
                    "Viveros comunitarios de cacao",
                    "2024-02-01",
                    "2024-09-30",
                    "fao",
                    "",
                    "completed",
                ),
                (
                    "Siembra de cacao y plátano en 240 ha",
                    "2024-04-01",
                    "2025-06-30",
                    "cooperative",
                    "Cooperativa Agropecuaria de Puerto Asís",
                    "completed",
                ),
                (
                    "Asistencia técnica en poscosecha y fermentación",
                    "2025-07-01",
                    "2027-12-31",
                    "unodc",
                    "",
                    "planned",
                ),
            ],
        ),
        (
            "market_access",
            "Comercialización con cooperativas",
            &[
                (
                    "Acuerdo de compra con una chocolatería",
                    "2025-01-15",
                    "2025-09-30",
                    "private_buyer",
                    "Chocolates del Sur (demostración)",
                    "completed",
                ),
                (
                    "Certificación orgánica del grupo",
                    "2026-01-01",
                    "2027-06-30",
                    "cooperative",
                    "Cooperativa Agropecuaria de Puerto Asís",
                    "planned",
                ),
            ],
        ),
        (
            "social_inclusion",
            "Apoyo puente y seguridad alimentaria",
            &[
                (
                    "Entrega de kits de seguridad alimentaria",
                    "2024-02-15",
                    "2024-12-31",
                    "government",
                    "Agencia de Renovación del Territorio",
                    "completed",
                ),
                (
                    "Pagos de apoyo puente",
                    "2024-03-01",
                    "2027-02-28",
                    "government",
                    "Agencia de Renovación del Territorio",
                    "in_progress",
                ),
            ],
        ),
        (
            "rural_development",
            "Vías terciarias y acopio",
            &[(
                "Mejoramiento de 12 km de vía veredal",
                "2025-03-01",
                "2026-06-30",
                "government",
                "Alcaldía de Puerto Asís",
                "in_progress",
            )],
        ),
        (
            "institutions",
            "Juntas de acción comunal y liderazgo de mujeres",
            &[(
                "Escuela de liderazgo de mujeres rurales",
                "2024-06-01",
                "2026-12-31",
                "ngo",
                "Corporación Mujeres del Putumayo (demostración)",
                "in_progress",
            )],
        ),
        (
            "environment",
            "Restauración y acuerdos de conservación",
            &[(
                "Acuerdos de conservación de bosque con las familias",
                "2024-05-01",
                "2028-06-30",
                "undp",
                "",
                "in_progress",
            )],
        ),
    ],
    milestones: &[
        (
            "Acuerdos de sustitución firmados",
            "2024-03-31",
            "reached",
            "2024-03-28",
        ),
        (
            "Primera cosecha de plátano",
            "2025-03-31",
            "reached",
            "2025-04-10",
        ),
        (
            "Evaluación de medio término",
            "2026-06-30",
            "reached",
            "2026-07-15",
        ),
        (
            "Primera cosecha de cacao",
            "2026-09-30",
            "reached",
            "2026-10-20",
        ),
    ],
    budget: &[
        ("1.1", "Viveros y material vegetal", 0, "2024", "420000000"),
        (
            "1.2",
            "Establecimiento de cacao y plátano",
            0,
            "2025",
            "1850000000",
        ),
        (
            "2.1",
            "Comercialización y certificación",
            1,
            "2026",
            "380000000",
        ),
        (
            "3.1",
            "Kits de seguridad alimentaria",
            2,
            "2024",
            "960000000",
        ),
        ("4.1", "Mejoramiento de vías", 3, "2025", "2400000000"),
        ("5.1", "Escuela de liderazgo", 4, "2025", "210000000"),
        ("6.1", "Restauración de bosque", 5, "2026", "540000000"),
    ],
    plans: &[
        (
            "Cacao y plátano — La Carmelita",
            0,
            "120",
            "1200000",
            "2024-03",
            &[
                (
                    "cocoa",
                    "2",
                    "2024-03",
                    "0; 0; 350; 700; 900",
                    "9000",
                    "cooperative",
                    "Orgánico en transición",
                ),
                (
                    "banana",
                    "0.5",
                    "2024-03",
                    "0; 12000",
                    "700",
                    "local_market",
                    "",
                ),
            ],
            true,
        ),
        (
            "Cacao — El Cedral",
            1,
            "80",
            "1000000",
            "2024-06",
            &[(
                "cocoa",
                "1.5",
                "2024-09",
                "0; 0; 350; 700; 900",
                "9000",
                "cooperative",
                "",
            )],
            false,
        ),
    ],
    results: &[
        (
            "goal",
            "",
            "Las familias de las veredas del proyecto sustituyen voluntariamente la coca por medios de vida lícitos y sostenibles.",
            None,
            &[],
        ),
        (
            "outcome",
            "1",
            "Aumenta el ingreso lícito de las familias participantes.",
            Some(0),
            &[
                (
                    "licit_income",
                    "350000",
                    "2023",
                    "annual",
                    &[
                        ("2025", "600000"),
                        ("2026", "900000"),
                        ("2027", "1300000"),
                        ("2028", "1600000"),
                    ],
                ),
                (
                    "licit_income_share",
                    "20",
                    "2023",
                    "annual",
                    &[
                        ("2025", "45"),
                        ("2026", "65"),
                        ("2027", "85"),
                        ("2028", "100"),
                    ],
                ),
            ],
        ),
        (
            "outcome",
            "2",
            "Se reducen de manera verificada los cultivos de coca en los predios de las familias.",
            Some(0),
            &[
                (
                    "illicit_hectares_on_plots",
                    "191.75",
                    "2023",
                    "annual",
                    &[("2024", "120"), ("2025", "40"), ("2026", "0")],
                ),
                (
                    "replanting_rate",
                    "0",
                    "2024",
                    "annual",
                    &[("2025", "2"), ("2026", "2"), ("2027", "2")],
                ),
            ],
        ),
        (
            "output",
            "1.1",
            "Hectáreas de cacao y plátano establecidas con asistencia técnica.",
            Some(1),
            &[(
                "promoted_crop_hectares",
                "0",
                "2023",
                "semiannual",
                &[("2024-H2", "120"), ("2025-H1", "200"), ("2025-H2", "240")],
            )],
        ),
        (
            "output",
            "1.2",
            "Mujeres en cargos directivos de las cooperativas.",
            Some(1),
            &[(
                "women_in_cooperative_leadership",
                "2",
                "2023",
                "annual",
                &[("2025", "6"), ("2026", "8")],
            )],
        ),
        (
            "output",
            "2.1",
            "Acuerdos de erradicación voluntaria firmados y verificados.",
            Some(2),
            &[
                (
                    "agreements_signed",
                    "0",
                    "2023",
                    "annual",
                    &[("2024", "200")],
                ),
                (
                    "eradicated_verified",
                    "0",
                    "2023",
                    "annual",
                    &[("2024", "150"), ("2025", "190")],
                ),
            ],
        ),
    ],
    safeguards: &[
        (
            SafeguardKind::Fpic,
            "not_applicable",
            "Ninguna de las veredas es territorio indígena; certificación del Ministerio del Interior de 2023 (demostración).",
            "2023-11-20",
        ),
        (
            SafeguardKind::TraditionalUses,
            "not_applicable",
            "No hay usos tradicionales de la hoja de coca en las veredas del proyecto (demostración).",
            "2023-11-20",
        ),
        (
            SafeguardKind::HumanRights,
            "in_progress",
            "Ruta de protección con la Defensoría del Pueblo en construcción (demostración).",
            "",
        ),
        (
            SafeguardKind::Environment,
            "met",
            "Plan de manejo ambiental aprobado por la autoridad ambiental regional (demostración).",
            "2024-02-15",
        ),
        (
            SafeguardKind::Sequencing,
            "met",
            "Kits de seguridad alimentaria entregados antes de la erradicación de marzo de 2024 (demostración).",
            "2024-03-30",
        ),
    ],
    bridging_component: 2,
};

const CAQUETA: DemoPlanning = DemoPlanning {
    baselines: &[
        (
            Ok(0),
            "2023",
            "52",
            "household_declaration",
            "Declaración al firmar el acuerdo",
        ),
        (
            Ok(1),
            "2023",
            "38.5",
            "household_declaration",
            "Declaración al firmar el acuerdo",
        ),
        (
            Err("San Vicente del Caguán"),
            "2023",
            "1240",
            "satellite_survey",
            "Cifra de demostración",
        ),
    ],
    components: &[
        (
            "livelihoods",
            "Café especial en ladera",
            &[
                (
                    "Renovación de cafetales con variedades resistentes",
                    "2024-05-01",
                    "2025-04-30",
                    "fao",
                    "",
                    "completed",
                ),
                (
                    "Apiarios y cítricos como ingreso puente",
                    "2024-06-01",
                    "2027-06-30",
                    "ngo",
                    "Fundación Abejas del Caguán (demostración)",
                    "in_progress",
                ),
            ],
        ),
        (
            "market_access",
            "Tostión y venta de café especial",
            &[(
                "Catación y venta a tostadores",
                "2026-01-01",
                "2027-12-31",
                "private_buyer",
                "Tostadores asociados (demostración)",
                "planned",
            )],
        ),
    ],
    milestones: &[("Primera cosecha de café", "2026-10-31", "pending", "")],
    budget: &[
        ("1.1", "Renovación de cafetales", 0, "2024", "780000000"),
        (
            "2.1",
            "Comercialización de café especial",
            1,
            "2026",
            "260000000",
        ),
    ],
    plans: &[(
        "Café, miel y cítricos — La Tigrera",
        0,
        "60",
        "900000",
        "2024-05",
        &[
            (
                "coffee",
                "1.5",
                "2024-05",
                "0; 0; 900; 1400",
                "14000",
                "private_buyer",
                "Especial (puntaje 84+)",
            ),
            (
                "honey",
                "0.5",
                "2024-06",
                "0; 40; 60",
                "25000",
                "local_market",
                "",
            ),
            (
                "citrus",
                "0.5",
                "2024-06",
                "0; 3000; 8000",
                "600",
                "local_market",
                "",
            ),
        ],
        true,
    )],
    results: &[
        (
            "goal",
            "",
            "Las familias cafeteras del Caguán viven de medios de vida lícitos.",
            None,
            &[],
        ),
        (
            "outcome",
            "1",
            "Ingresos lícitos de café especial.",
            Some(0),
            &[(
                "licit_income",
                "300000",
                "2023",
                "annual",
                &[("2026", "800000"), ("2027", "1200000")],
            )],
        ),
    ],
    safeguards: &[
        (
            SafeguardKind::Environment,
            "in_progress",
            "Evaluación de impacto de la renovación en curso (demostración).",
            "",
        ),
        (
            SafeguardKind::Sequencing,
            "met",
            "Apiarios entregados antes de la erradicación (demostración).",
            "2024-05-30",
        ),
    ],
    bridging_component: 0,
};

const VRAEM: DemoPlanning = DemoPlanning {
    baselines: &[
        (
            Ok(0),
            "2023",
            "12.5",
            "household_declaration",
            "Declaración comunal",
        ),
        (
            Ok(1),
            "2023",
            "58",
            "household_declaration",
            "Declaración al firmar el convenio",
        ),
        (
            Err("Distrito de Pichari"),
            "2022",
            "3985",
            "satellite_survey",
            "Cifra de demostración",
        ),
        (
            Err("Distrito de Kimbiri"),
            "2022",
            "3120",
            "satellite_survey",
            "Cifra de demostración",
        ),
    ],
    components: &[
        (
            "livelihoods",
            "Cacao injertado con clones finos",
            &[
                (
                    "Injertación y renovación de cacaotales",
                    "2023-08-01",
                    "2024-12-31",
                    "government",
                    "DEVIDA (demostración)",
                    "completed",
                ),
                (
                    "Centros de acopio y poscosecha",
                    "2024-03-01",
                    "2025-12-31",
                    "cooperative",
                    "Cooperativa Agraria de Pichari (demostración)",
                    "completed",
                ),
            ],
        ),
        (
            "market_access",
            "Certificación y exportación",
            &[(
                "Certificación orgánica y de comercio justo",
                "2025-01-01",
                "2026-12-31",
                "cooperative",
                "Cooperativa Agraria de Pichari (demostración)",
                "in_progress",
            )],
        ),
        (
            "institutions",
            "Gobernanza comunal",
            &[(
                "Consulta previa con la comunidad nativa",
                "2023-09-01",
                "2027-03-31",
                "government",
                "Ministerio de Cultura (demostración)",
                "delayed",
            )],
        ),
    ],
    milestones: &[
        (
            "Convenios de reconversión firmados",
            "2023-09-30",
            "reached",
            "2023-10-05",
        ),
        (
            "Certificación orgánica obtenida",
            "2026-06-30",
            "pending",
            "",
        ),
    ],
    budget: &[
        ("1.1", "Injertación y plantones", 0, "2023", "1450000"),
        ("1.2", "Centros de acopio", 0, "2024", "980000"),
        ("2.1", "Certificación", 1, "2025", "320000"),
    ],
    plans: &[(
        "Cacao injertado — Unión Mantaro",
        1,
        "90",
        "1500",
        "2023-10",
        &[
            (
                "cocoa",
                "1.5",
                "2023-08",
                "0; 300; 700; 1000",
                "9.5",
                "export",
                "Orgánico, Comercio Justo",
            ),
            (
                "coffee",
                "0.5",
                "2023-08",
                "0; 0; 500; 900",
                "11",
                "cooperative",
                "",
            ),
        ],
        true,
    )],
    results: &[
        (
            "goal",
            "",
            "Las familias del VRAEM dejan la coca por cacao y café de calidad.",
            None,
            &[],
        ),
        (
            "outcome",
            "1",
            "Las familias participantes, hombres y mujeres, indígenas y no indígenas, mejoran sus ingresos lícitos.",
            Some(0),
            &[(
                "beneficiaries",
                "0",
                "2023",
                "annual",
                &[("2024", "400"), ("2025", "520"), ("2026", "600")],
            )],
        ),
    ],
    safeguards: &[
        (
            SafeguardKind::Fpic,
            "in_progress",
            "Proceso de consulta previa con la comunidad nativa Otari (asháninka) en curso (demostración).",
            "",
        ),
        (
            SafeguardKind::HumanRights,
            "met",
            "Protocolo de protección acordado con la Defensoría del Pueblo (demostración).",
            "2023-08-15",
        ),
    ],
    bridging_component: 0,
};

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
