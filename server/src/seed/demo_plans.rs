//! The demo projects' plans as data: the shape of a demo plan, and the plans of the Caquetá and
//! VRAEM projects (the Putumayo project's is in `demo_plan_putumayo.rs`). Demonstration data, not
//! a real program's; `plan.rs` puts every figure through the same validation as user input.

use shared::safeguard::SafeguardKind;

/// A component and its activities: kind, name, and per activity name, start, end, partner kind,
/// partner name, status.
pub(super) type DemoComponent = (
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
pub(super) type DemoChain = (
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
pub(super) type DemoPlan = (
    &'static str,
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static [DemoChain],
    bool,
);

/// An indicator: library code, baseline, baseline year, frequency, targets (period, value).
pub(super) type DemoIndicator = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// A result: level, code, statement, index of its parent among the results before it,
/// indicators.
pub(super) type DemoResult = (
    &'static str,
    &'static str,
    &'static str,
    Option<usize>,
    &'static [DemoIndicator],
);

/// A baseline figure: the community (its index) or a place's name, year, hectares, source, note.
pub(super) type DemoBaseline = (
    Result<usize, &'static str>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

pub(super) struct DemoPlanning {
    /// Baselines: community index (or a place), crop, year, hectares, source, note.
    pub(super) baselines: &'static [DemoBaseline],
    pub(super) components: &'static [DemoComponent],
    /// Milestones: name, due date, status, reached on.
    pub(super) milestones: &'static [(&'static str, &'static str, &'static str, &'static str)],
    /// Budget lines: code, description, component index, year, amount.
    pub(super) budget: &'static [(
        &'static str,
        &'static str,
        usize,
        &'static str,
        &'static str,
    )],
    pub(super) plans: &'static [DemoPlan],
    pub(super) results: &'static [DemoResult],
    /// Safeguards: kind, status, evidence, assessed on.
    pub(super) safeguards: &'static [(SafeguardKind, &'static str, &'static str, &'static str)],
    /// The component (index) where bridging support is budgeted.
    pub(super) bridging_component: usize,
}

pub(super) const CAQUETA: DemoPlanning = DemoPlanning {
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

pub(super) const VRAEM: DemoPlanning = DemoPlanning {
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
