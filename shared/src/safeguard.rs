//! A project's safeguards — free, prior and informed consent of indigenous communities,
//! traditional licit uses, human rights, environmental protection, and the sequencing of
//! livelihood support and eradication — each with its status and evidence, and the warnings the
//! plan shows where its facts break one.
//!
//! The sources: resolution 75/198 of the General Assembly, paragraph 77 (measures to prevent
//! illicit cultivation and to eradicate respect fundamental human rights, take due account of
//! traditional licit uses and of the protection of the environment, and take into account the UN
//! Declaration on the Rights of Indigenous Peoples), paragraph 71 (the environmental consequences
//! of illicit cultivation), paragraphs 15 and 17 (women and men benefit equally; women take part
//! in every stage); and the UN Guiding Principles on Alternative Development (resolution 68/196),
//! paragraphs 9 and 18(k) (crop control measures are properly sequenced: small-farmer households
//! have viable licit livelihoods first).

use crate::crop::{AlternativeCrop, IllicitCrop};
use crate::i18n::Locale;
use crate::project::ProjectKind;
use crate::results::month_name;
use crate::validation::{Collector, FieldError, Problem, choice, optional_date, optional_text};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The most characters of evidence one safeguard takes.
pub const EVIDENCE_MAX: u32 = 4000;

/// A safeguard every project records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SafeguardKind {
    /// Free, prior and informed consent of indigenous communities.
    Fpic,
    /// Traditional licit uses.
    TraditionalUses,
    /// Human rights.
    HumanRights,
    /// Environmental protection.
    Environment,
    /// Livelihood support before or with eradication.
    Sequencing,
}

impl SafeguardKind {
    /// Every safeguard, in the order the plan lists them.
    pub const ALL: [SafeguardKind; 5] = [
        SafeguardKind::Fpic,
        SafeguardKind::TraditionalUses,
        SafeguardKind::HumanRights,
        SafeguardKind::Environment,
        SafeguardKind::Sequencing,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            SafeguardKind::Fpic => "fpic",
            SafeguardKind::TraditionalUses => "traditional_uses",
            SafeguardKind::HumanRights => "human_rights",
            SafeguardKind::Environment => "environment",
            SafeguardKind::Sequencing => "sequencing",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        SafeguardKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (SafeguardKind::Fpic, Locale::En) => {
                "Free, prior and informed consent of indigenous communities"
            }
            (SafeguardKind::Fpic, Locale::Es) => {
                "Consentimiento libre, previo e informado de las comunidades indígenas"
            }
            (SafeguardKind::TraditionalUses, Locale::En) => "Traditional licit uses",
            (SafeguardKind::TraditionalUses, Locale::Es) => "Usos tradicionales lícitos",
            (SafeguardKind::HumanRights, Locale::En) => "Human rights",
            (SafeguardKind::HumanRights, Locale::Es) => "Derechos humanos",
            (SafeguardKind::Environment, Locale::En) => "Environmental protection",
            (SafeguardKind::Environment, Locale::Es) => "Protección del medio ambiente",
            (SafeguardKind::Sequencing, Locale::En) => {
                "Livelihood support before or with eradication"
            }
            (SafeguardKind::Sequencing, Locale::Es) => {
                "Apoyo a los medios de vida antes de la erradicación o junto con ella"
            }
        }
    }

    /// What the safeguard requires, in one or two sentences citing its source, as the
    /// safeguard's form explains it.
    pub fn guidance(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (SafeguardKind::Fpic, Locale::En) => {
                "Indigenous communities give their free, prior and informed consent, through \
                 their own representative institutions, before the project acts on their lands, \
                 crops or livelihoods (UN Declaration on the Rights of Indigenous Peoples, \
                 articles 19 and 32, which resolution 75/198, paragraph 77, asks measures to \
                 take into account)."
            }
            (SafeguardKind::Fpic, Locale::Es) => {
                "Las comunidades indígenas dan su consentimiento libre, previo e informado, por \
                 medio de sus propias instituciones representativas, antes de que el proyecto \
                 actúe sobre sus tierras, cultivos o medios de vida (Declaración de las Naciones \
                 Unidas sobre los Derechos de los Pueblos Indígenas, artículos 19 y 32, que la \
                 resolución 75/198, párrafo 77, pide tener en cuenta)."
            }
            (SafeguardKind::TraditionalUses, Locale::En) => {
                "Measures to prevent illicit cultivation and to eradicate take due account of \
                 traditional licit uses where there is historical evidence of such use, such as \
                 the traditional use of the coca leaf (resolution 75/198, paragraph 77)."
            }
            (SafeguardKind::TraditionalUses, Locale::Es) => {
                "Las medidas para prevenir el cultivo ilícito y para erradicar tienen \
                 debidamente en cuenta los usos tradicionales lícitos donde hay pruebas \
                 históricas de ellos, como el uso tradicional de la hoja de coca (resolución \
                 75/198, párrafo 77)."
            }
            (SafeguardKind::HumanRights, Locale::En) => {
                "Eradication and crop-control measures respect fundamental human rights \
                 (resolution 75/198, paragraph 77), and women take full part in every stage of \
                 the project and benefit equally with men (paragraphs 15 and 17)."
            }
            (SafeguardKind::HumanRights, Locale::Es) => {
                "Las medidas de erradicación y de control de cultivos respetan los derechos \
                 humanos fundamentales (resolución 75/198, párrafo 77), y las mujeres \
                 participan plenamente en todas las etapas del proyecto y se benefician por \
                 igual que los hombres (párrafos 15 y 17)."
            }
            (SafeguardKind::Environment, Locale::En) => {
                "Measures take due account of the protection of the environment (resolution \
                 75/198, paragraph 77) and address the damage illicit cultivation did to it \
                 (paragraph 71): new crops and pasture must not clear forest."
            }
            (SafeguardKind::Environment, Locale::Es) => {
                "Las medidas tienen debidamente en cuenta la protección del medio ambiente \
                 (resolución 75/198, párrafo 77) y atienden el daño que le causó el cultivo \
                 ilícito (párrafo 71): los nuevos cultivos y potreros no deben talar bosque."
            }
            (SafeguardKind::Sequencing, Locale::En) => {
                "Households have viable licit livelihoods before crop control measures: \
                 livelihood support (food security, bridging income, inputs, technical \
                 assistance) arrives before or with eradication and covers the months until \
                 licit crops pay (Guiding Principles on Alternative Development, paragraphs 9 \
                 and 18(k))."
            }
            (SafeguardKind::Sequencing, Locale::Es) => {
                "Los hogares cuentan con medios de vida lícitos viables antes de las medidas de \
                 control de cultivos: el apoyo (seguridad alimentaria, ingreso puente, insumos, \
                 asistencia técnica) llega antes de la erradicación o junto con ella y cubre los \
                 meses hasta que los cultivos lícitos dan ingresos (Principios Rectores de las \
                 Naciones Unidas sobre el Desarrollo Alternativo, párrafos 9 y 18 k))."
            }
        }
    }
}

/// Where a safeguard stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SafeguardStatus {
    /// Nobody has assessed it yet (what a safeguard not recorded is).
    #[default]
    NotAssessed,
    /// It does not apply to this project (the evidence says why).
    NotApplicable,
    /// Being worked on (consultations under way, say).
    InProgress,
    /// Met, with evidence and the date it was assessed.
    Met,
    /// Breached: the project must remedy it.
    Breached,
}

impl SafeguardStatus {
    /// Every status, in form order.
    pub const ALL: [SafeguardStatus; 5] = [
        SafeguardStatus::NotAssessed,
        SafeguardStatus::NotApplicable,
        SafeguardStatus::InProgress,
        SafeguardStatus::Met,
        SafeguardStatus::Breached,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            SafeguardStatus::NotAssessed => "not_assessed",
            SafeguardStatus::NotApplicable => "not_applicable",
            SafeguardStatus::InProgress => "in_progress",
            SafeguardStatus::Met => "met",
            SafeguardStatus::Breached => "breached",
        }
    }

    /// Reads a code; `None` when unknown.
    pub fn from_code(code: &str) -> Option<Self> {
        SafeguardStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The translated name (a safeguard, «salvaguarda», is feminine in Spanish).
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (SafeguardStatus::NotAssessed, Locale::En) => "Not assessed",
            (SafeguardStatus::NotAssessed, Locale::Es) => "Sin evaluar",
            (SafeguardStatus::NotApplicable, Locale::En) => "Not applicable",
            (SafeguardStatus::NotApplicable, Locale::Es) => "No aplica",
            (SafeguardStatus::InProgress, Locale::En) => "In progress",
            (SafeguardStatus::InProgress, Locale::Es) => "En curso",
            (SafeguardStatus::Met, Locale::En) => "Met",
            (SafeguardStatus::Met, Locale::Es) => "Cumplida",
            (SafeguardStatus::Breached, Locale::En) => "Breached",
            (SafeguardStatus::Breached, Locale::Es) => "Incumplida",
        }
    }

    /// Whether this status needs evidence: what shows it met, why it does not apply, what
    /// happened when it was breached.
    pub fn needs_evidence(self) -> bool {
        matches!(
            self,
            SafeguardStatus::Met | SafeguardStatus::NotApplicable | SafeguardStatus::Breached
        )
    }
}

/// A safeguard's assessment as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SafeguardForm {
    /// `not_assessed`, `not_applicable`, `in_progress`, `met` or `breached`.
    pub status: String,
    /// What shows the status (minutes of the consultation, the agreement's reference, the
    /// environmental assessment...), at most 4,000 characters; required when `met`,
    /// `not_applicable` (say why) or `breached`.
    pub evidence: String,
    /// The day it was assessed, `YYYY-MM-DD`, not in the future; required when `met`.
    pub assessed_on: String,
}

crate::text_form_from_pairs!(SafeguardForm {
    status,
    evidence,
    assessed_on
});

impl SafeguardForm {
    /// Checks every field of the assessment of safeguard `kind`, on `today`.
    pub fn validate(
        &self,
        kind: SafeguardKind,
        today: NaiveDate,
    ) -> Result<Safeguard, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let status = ok.take(choice("status", &self.status, SafeguardStatus::from_code));
        let evidence = ok.take(optional_text("evidence", &self.evidence, EVIDENCE_MAX));
        let assessed_on = ok.take(optional_date("assessed_on", &self.assessed_on).and_then(
            |day| match day {
                Some(day) if day > today => Err(FieldError::new(
                    "assessed_on",
                    Problem::OutsidePeriod {
                        start: format!("{:04}-01-01", crate::validation::DATE_YEARS.0),
                        end: today.format("%Y-%m-%d").to_string(),
                    },
                )),
                day => Ok(day),
            },
        ));
        if let Some(status) = status {
            if status.needs_evidence() && evidence == Some(None) {
                errors.push(FieldError::new("evidence", Problem::Required));
            }
            if status == SafeguardStatus::Met && assessed_on == Some(None) {
                errors.push(FieldError::new("assessed_on", Problem::Required));
            }
        }
        match (status, evidence, assessed_on) {
            (Some(status), Some(evidence), Some(assessed_on)) if errors.is_empty() => {
                Ok(Safeguard {
                    kind,
                    status,
                    evidence,
                    assessed_on,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A project's safeguard, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Safeguard {
    /// Which safeguard.
    pub kind: SafeguardKind,
    /// Where it stands.
    pub status: SafeguardStatus,
    /// What shows it, if recorded.
    pub evidence: Option<String>,
    /// The day it was assessed, if recorded.
    pub assessed_on: Option<NaiveDate>,
}

impl Safeguard {
    /// A safeguard nobody has assessed.
    pub fn not_assessed(kind: SafeguardKind) -> Self {
        Safeguard {
            kind,
            status: SafeguardStatus::NotAssessed,
            evidence: None,
            assessed_on: None,
        }
    }

    /// Every safeguard in [`SafeguardKind::ALL`] order: those recorded, and the others as not
    /// assessed (what the project's safeguards page lists).
    pub fn complete(recorded: &[Safeguard]) -> Vec<Safeguard> {
        SafeguardKind::ALL
            .into_iter()
            .map(|kind| {
                recorded
                    .iter()
                    .find(|s| s.kind == kind)
                    .cloned()
                    .unwrap_or_else(|| Safeguard::not_assessed(kind))
            })
            .collect()
    }

    /// The form that edits this safeguard, filled with its values.
    pub fn form(&self) -> SafeguardForm {
        SafeguardForm {
            status: self.status.code().to_owned(),
            evidence: self.evidence.clone().unwrap_or_default(),
            assessed_on: self
                .assessed_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        }
    }
}

/// A community of the project, as the safeguard rules see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunityFact {
    /// Its name.
    pub name: String,
    /// Whether it is an indigenous community (resguardo, comunidad nativa...).
    pub indigenous: bool,
}

/// When a livelihood plan eradicates and when its support starts, as the sequencing rules see
/// it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanSequencing {
    /// The plan's name (a household's code, a community's plan, a value chain).
    pub name: String,
    /// The month illicit crops are eradicated (its first day, or any day of it).
    pub eradication_month: NaiveDate,
    /// The month the first livelihood support arrives (any day of it); `None` when none is
    /// planned.
    pub first_support_month: Option<NaiveDate>,
    /// How many months licit income takes to replace the illicit income given up (the income
    /// valley, [`crate::income::Transition::valley_months`]); zero when there is none.
    pub valley_months: i64,
    /// Whether bridging support (cash, food, a quick-yield crop) is budgeted for the valley.
    pub bridging_budgeted: bool,
}

/// What the caller gathers about a project for the safeguard rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanFacts {
    /// Alternative development, or preventive (where nothing is eradicated).
    pub kind: ProjectKind,
    /// The illicit crops the project targets.
    pub illicit_crops: Vec<IllicitCrop>,
    /// Its communities.
    pub communities: Vec<CommunityFact>,
    /// The safeguards recorded; a kind missing is not assessed.
    pub safeguards: Vec<Safeguard>,
    /// Its livelihood plans' timing.
    pub livelihood_plans: Vec<PlanSequencing>,
    /// The alternative crops and value chains planned.
    pub alternative_crops: Vec<AlternativeCrop>,
    /// Eradication agreements whose eradication was verified before any support reached the
    /// household (from the field records, [`crate::agreement::sequencing`]).
    #[serde(default)]
    pub eradicated_before_support: u32,
}

impl PlanFacts {
    /// The status recorded for `kind` ([`SafeguardStatus::NotAssessed`] when none is).
    pub fn status(&self, kind: SafeguardKind) -> SafeguardStatus {
        self.safeguards
            .iter()
            .find(|s| s.kind == kind)
            .map_or(SafeguardStatus::NotAssessed, |s| s.status)
    }
}

/// Which rule a warning comes from, with what the message needs. Serialized with a stable
/// `code`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum WarningRule {
    /// The safeguard is recorded as breached.
    Breached,
    /// An indigenous community, and free, prior and informed consent not recorded as met.
    FpicNotMet {
        /// The status recorded for the safeguard.
        status: SafeguardStatus,
    },
    /// Coca bush targeted where indigenous communities live, and traditional uses not
    /// assessed.
    TraditionalUsesNotAssessed,
    /// Human rights not assessed.
    HumanRightsNotAssessed,
    /// Environmental protection not assessed.
    EnvironmentNotAssessed {
        /// The planned value chains that tend to clear forest (livestock, timber), if any.
        expanding: Vec<AlternativeCrop>,
    },
    /// A plan's first support comes after its eradication.
    SupportAfterEradication {
        /// By how many months.
        months_late: i64,
    },
    /// A plan eradicates with no livelihood support planned.
    NoSupportPlanned {
        /// The month of eradication.
        eradication_month: NaiveDate,
    },
    /// A plan has an income valley and no bridging support budgeted.
    ValleyNotBridged {
        /// The valley's length in months.
        valley_months: i64,
    },
    /// Livelihood plans exist and sequencing is not assessed.
    SequencingNotAssessed,
    /// Agreements whose eradication was verified before any support reached the household.
    EradicatedBeforeSupport {
        /// How many.
        agreements: u32,
    },
}

impl WarningRule {
    /// The stable code (the serde tag).
    pub fn code(&self) -> &'static str {
        match self {
            WarningRule::Breached => "breached",
            WarningRule::FpicNotMet { .. } => "fpic_not_met",
            WarningRule::TraditionalUsesNotAssessed => "traditional_uses_not_assessed",
            WarningRule::HumanRightsNotAssessed => "human_rights_not_assessed",
            WarningRule::EnvironmentNotAssessed { .. } => "environment_not_assessed",
            WarningRule::SupportAfterEradication { .. } => "support_after_eradication",
            WarningRule::NoSupportPlanned { .. } => "no_support_planned",
            WarningRule::ValleyNotBridged { .. } => "valley_not_bridged",
            WarningRule::SequencingNotAssessed => "sequencing_not_assessed",
            WarningRule::EradicatedBeforeSupport { .. } => "eradicated_before_support",
        }
    }
}

/// A warning the plan shows where it breaks a safeguard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SafeguardWarning {
    /// The safeguard it is about.
    pub kind: SafeguardKind,
    /// The rule, with its stable `code`.
    pub rule: WarningRule,
    /// The community or livelihood plan it is about, if it is about one.
    pub subject: Option<String>,
}

fn months_word(n: i64, locale: Locale) -> String {
    match (n, locale) {
        (1, Locale::En) => "1 month".to_owned(),
        (1, Locale::Es) => "1 mes".to_owned(),
        (n, Locale::En) => format!("{n} months"),
        (n, Locale::Es) => format!("{n} meses"),
    }
}

impl SafeguardWarning {
    /// The stable code of its rule.
    pub fn code(&self) -> &'static str {
        self.rule.code()
    }

    /// The warning as the plan shows it, in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        let es = locale == Locale::Es;
        let subject = self.subject.clone().unwrap_or_else(|| {
            if es {
                "Un plan de medios de vida".to_owned()
            } else {
                "A livelihood plan".to_owned()
            }
        });
        let quote = |text: &str| {
            if es {
                format!("«{text}»")
            } else {
                format!("“{text}”")
            }
        };
        match &self.rule {
            WarningRule::Breached if es => format!(
                "La salvaguarda {} figura como incumplida: hay que remediarla, y registrar cómo, \
                 antes de seguir adelante con el plan.",
                quote(self.kind.name(locale))
            ),
            WarningRule::Breached => format!(
                "The safeguard {} is recorded as breached: remedy it, and record how, before the \
                 plan goes ahead.",
                quote(self.kind.name(locale))
            ),
            WarningRule::FpicNotMet { status } if es => format!(
                "{subject} es una comunidad indígena y su consentimiento libre, previo e \
                 informado no figura como obtenido (estado: {}).",
                status.name(locale).to_lowercase()
            ),
            WarningRule::FpicNotMet { status } => format!(
                "{subject} is an indigenous community and its free, prior and informed consent \
                 is not recorded as obtained (status: {}).",
                status.name(locale).to_lowercase()
            ),
            WarningRule::TraditionalUsesNotAssessed if es => {
                "El proyecto aborda el arbusto de coca y trabaja con comunidades indígenas, pero \
                 no se han evaluado los usos tradicionales lícitos de la hoja de coca."
                    .to_owned()
            }
            WarningRule::TraditionalUsesNotAssessed => {
                "The project targets coca bush and works with indigenous communities, but \
                 traditional licit uses of the coca leaf have not been assessed."
                    .to_owned()
            }
            WarningRule::HumanRightsNotAssessed if es => {
                "No se ha evaluado el respeto de los derechos humanos en las medidas del \
                 proyecto."
                    .to_owned()
            }
            WarningRule::HumanRightsNotAssessed => {
                "Respect for human rights in the project's measures has not been assessed."
                    .to_owned()
            }
            WarningRule::EnvironmentNotAssessed { expanding } => {
                let mut text = if es {
                    "No se ha evaluado la protección del medio ambiente.".to_owned()
                } else {
                    "Environmental protection has not been assessed.".to_owned()
                };
                if !expanding.is_empty() {
                    let names: Vec<String> =
                        expanding.iter().map(|c| quote(c.name(locale))).collect();
                    let list = names.join(if es { " y " } else { " and " });
                    text.push(' ');
                    text.push_str(&if es {
                        format!("El plan incluye {list}, que pueden llevar a talar bosque.")
                    } else {
                        format!("The plan includes {list}, which can lead to forest being cleared.")
                    });
                }
                text
            }
            WarningRule::SupportAfterEradication { months_late } if es => format!(
                "{subject}: el primer apoyo a los medios de vida llega {} después de la \
                 erradicación; debe llegar antes o al mismo tiempo.",
                months_word(*months_late, locale)
            ),
            WarningRule::SupportAfterEradication { months_late } => format!(
                "{subject}: the first livelihood support comes {} after eradication; it should \
                 come before or with it.",
                months_word(*months_late, locale)
            ),
            WarningRule::NoSupportPlanned { eradication_month } if es => format!(
                "{subject}: la erradicación está prevista para {} de {}, pero no hay apoyo a los \
                 medios de vida previsto.",
                month_name(eradication_month.month(), locale),
                eradication_month.year()
            ),
            WarningRule::NoSupportPlanned { eradication_month } => format!(
                "{subject}: eradication is planned for {} {} but no livelihood support is \
                 planned.",
                month_name(eradication_month.month(), locale),
                eradication_month.year()
            ),
            WarningRule::ValleyNotBridged { valley_months } if es => format!(
                "{subject}: el ingreso lícito tarda {} en reemplazar el ingreso que se deja, y no \
                 hay apoyo puente presupuestado para ese tiempo.",
                months_word(*valley_months, locale)
            ),
            WarningRule::ValleyNotBridged { valley_months } => format!(
                "{subject}: licit income takes {} to replace the income given up, and no \
                 bridging support is budgeted for that time.",
                months_word(*valley_months, locale)
            ),
            WarningRule::SequencingNotAssessed if es => {
                "El proyecto tiene planes de medios de vida, pero no se ha evaluado la secuencia \
                 entre el apoyo a los medios de vida y la erradicación."
                    .to_owned()
            }
            WarningRule::SequencingNotAssessed => {
                "The project has livelihood plans, but the sequencing of livelihood support and \
                 eradication has not been assessed."
                    .to_owned()
            }
            WarningRule::EradicatedBeforeSupport { agreements } if es => format!(
                "En {agreements} acuerdos de erradicación, la erradicación se verificó antes de \
                 que el hogar recibiera apoyo: revise la secuencia con los equipos de campo."
            ),
            WarningRule::EradicatedBeforeSupport { agreements } => format!(
                "In {agreements} eradication agreements, eradication was verified before the \
                 household received any support: review the sequencing with the field teams."
            ),
        }
    }
}

/// Months from `from`'s month to `to`'s month (negative when `to` is earlier).
fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month())
}

/// The warnings the plan shows, most serious first. The rules, each with its source:
///
/// 1. A safeguard recorded as breached (`breached`), whichever it is.
/// 2. Each indigenous community, named, while free, prior and informed consent is not met
///    (`fpic_not_met`; not repeated when it is breached, rule 1 says so): UN Declaration on the
///    Rights of Indigenous Peoples, articles 19 and 32; resolution 75/198, paragraph 77.
/// 3. Coca bush targeted where indigenous communities live, and traditional licit uses not
///    assessed (`traditional_uses_not_assessed`): resolution 75/198, paragraph 77.
/// 4. Human rights not assessed (`human_rights_not_assessed`; breached is rule 1): paragraph 77.
/// 5. Environmental protection not assessed (`environment_not_assessed`), naming livestock and
///    timber when the plan expands them, as they are what clears forest: paragraphs 71 and 77.
/// 6. Alternative development only (preventive projects eradicate nothing), for each livelihood
///    plan: first support after the eradication month, by how many months
///    (`support_after_eradication`), or none planned (`no_support_planned`); an income valley
///    with no bridging support budgeted (`valley_not_bridged`); and sequencing not assessed
///    while there are plans (`sequencing_not_assessed`): Guiding Principles on Alternative
///    Development, paragraphs 9 and 18(k).
pub fn warnings(facts: &PlanFacts) -> Vec<SafeguardWarning> {
    use SafeguardStatus::{Breached, Met, NotAssessed};
    let mut out = Vec::new();
    let mut warn = |kind, rule, subject: Option<&str>| {
        out.push(SafeguardWarning {
            kind,
            rule,
            subject: subject.map(str::to_owned),
        });
    };
    for kind in SafeguardKind::ALL {
        if facts.status(kind) == Breached {
            warn(kind, WarningRule::Breached, None);
        }
    }

    let indigenous: Vec<&CommunityFact> =
        facts.communities.iter().filter(|c| c.indigenous).collect();
    let fpic = facts.status(SafeguardKind::Fpic);
    if !matches!(fpic, Met | Breached) {
        for community in &indigenous {
            warn(
                SafeguardKind::Fpic,
                WarningRule::FpicNotMet { status: fpic },
                Some(&community.name),
            );
        }
    }

    if facts.illicit_crops.contains(&IllicitCrop::CocaBush)
        && !indigenous.is_empty()
        && facts.status(SafeguardKind::TraditionalUses) == NotAssessed
    {
        warn(
            SafeguardKind::TraditionalUses,
            WarningRule::TraditionalUsesNotAssessed,
            None,
        );
    }

    if facts.status(SafeguardKind::HumanRights) == NotAssessed {
        warn(
            SafeguardKind::HumanRights,
            WarningRule::HumanRightsNotAssessed,
            None,
        );
    }

    if facts.status(SafeguardKind::Environment) == NotAssessed {
        let expanding: Vec<AlternativeCrop> = [AlternativeCrop::Livestock, AlternativeCrop::Timber]
            .into_iter()
            .filter(|c| facts.alternative_crops.contains(c))
            .collect();
        warn(
            SafeguardKind::Environment,
            WarningRule::EnvironmentNotAssessed { expanding },
            None,
        );
    }

    if facts.kind == ProjectKind::Ad {
        if !facts.livelihood_plans.is_empty()
            && facts.status(SafeguardKind::Sequencing) == NotAssessed
        {
            warn(
                SafeguardKind::Sequencing,
                WarningRule::SequencingNotAssessed,
                None,
            );
        }
        for plan in &facts.livelihood_plans {
            let eradication_month = plan
                .eradication_month
                .with_day(1)
                .unwrap_or(plan.eradication_month);
            match plan.first_support_month {
                None => warn(
                    SafeguardKind::Sequencing,
                    WarningRule::NoSupportPlanned { eradication_month },
                    Some(&plan.name),
                ),
                Some(first) => {
                    let months_late = months_between(plan.eradication_month, first);
                    if months_late > 0 {
                        warn(
                            SafeguardKind::Sequencing,
                            WarningRule::SupportAfterEradication { months_late },
                            Some(&plan.name),
                        );
                    }
                }
            }
            if plan.valley_months > 0 && !plan.bridging_budgeted {
                warn(
                    SafeguardKind::Sequencing,
                    WarningRule::ValleyNotBridged {
                        valley_months: plan.valley_months,
                    },
                    Some(&plan.name),
                );
            }
        }
        if facts.eradicated_before_support > 0 {
            warn(
                SafeguardKind::Sequencing,
                WarningRule::EradicatedBeforeSupport {
                    agreements: facts.eradicated_before_support,
                },
                None,
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn today() -> NaiveDate {
        day(2025, 6, 30)
    }

    fn problems(form: &SafeguardForm) -> Vec<(String, &'static str)> {
        form.validate(SafeguardKind::Fpic, today())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem.code()))
            .collect()
    }

    fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        list.iter().map(|(f, c)| ((*f).to_owned(), *c)).collect()
    }

    fn form(status: &str, evidence: &str, assessed_on: &str) -> SafeguardForm {
        SafeguardForm {
            status: status.into(),
            evidence: evidence.into(),
            assessed_on: assessed_on.into(),
        }
    }

    // ----- the form -----

    #[test]
    fn a_met_safeguard_is_stored_with_its_evidence_and_date() {
        let safeguard = form(
            "met",
            " Acta de consulta previa del resguardo, 12 de marzo ",
            "2025-03-12",
        )
        .validate(SafeguardKind::Fpic, today())
        .unwrap();
        assert_eq!(
            safeguard,
            Safeguard {
                kind: SafeguardKind::Fpic,
                status: SafeguardStatus::Met,
                evidence: Some("Acta de consulta previa del resguardo, 12 de marzo".into()),
                assessed_on: Some(day(2025, 3, 12)),
            }
        );
        assert_eq!(
            safeguard.form().validate(SafeguardKind::Fpic, today()),
            Ok(safeguard)
        );
    }

    #[test]
    fn a_status_is_required_and_must_be_one_of_the_list() {
        assert_eq!(
            problems(&form("", "", "")),
            pairs(&[("status", "required")])
        );
        assert_eq!(
            problems(&form("done", "", "")),
            pairs(&[("status", "unknown_choice")])
        );
    }

    #[test]
    fn met_needs_evidence_and_the_day_it_was_assessed() {
        assert_eq!(
            problems(&form("met", " ", "")),
            pairs(&[("evidence", "required"), ("assessed_on", "required")])
        );
    }

    #[test]
    fn not_applicable_and_breached_need_evidence_but_not_a_date() {
        for status in ["not_applicable", "breached"] {
            assert_eq!(
                problems(&form(status, "", "")),
                pairs(&[("evidence", "required")]),
                "{status}"
            );
            assert!(
                form(status, "No indigenous communities in the area", "")
                    .validate(SafeguardKind::Fpic, today())
                    .is_ok()
            );
        }
    }

    #[test]
    fn not_assessed_and_in_progress_need_nothing_more() {
        for status in ["not_assessed", "in_progress"] {
            let s = form(status, "", "")
                .validate(SafeguardKind::Sequencing, today())
                .unwrap();
            assert_eq!((s.evidence, s.assessed_on), (None, None));
            assert_eq!(s.kind, SafeguardKind::Sequencing);
        }
    }

    #[test]
    fn evidence_is_limited_and_the_date_must_be_real_and_not_in_the_future() {
        assert_eq!(
            problems(&form("in_progress", &"e".repeat(4001), "2025-02-30")),
            pairs(&[("evidence", "too_long"), ("assessed_on", "invalid_date")])
        );
        let errors = form("met", "Minutes", "2025-07-01")
            .validate(SafeguardKind::Fpic, today())
            .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "assessed_on");
        assert_eq!(
            errors[0].problem,
            Problem::OutsidePeriod {
                start: "1990-01-01".into(),
                end: "2025-06-30".into()
            }
        );
        assert!(
            form("met", &"e".repeat(4000), "2025-06-30")
                .validate(SafeguardKind::Fpic, today())
                .is_ok()
        );
    }

    #[test]
    fn a_form_post_and_json_are_read() {
        let f = SafeguardForm::from_pairs([("status", "met"), ("evidence", "x"), ("csrf", "y")]);
        assert_eq!(f, form("met", "x", ""));
        assert!(serde_json::from_str::<SafeguardForm>(r#"{"estado":"met"}"#).is_err());
    }

    #[test]
    fn missing_safeguards_are_listed_as_not_assessed() {
        let met = Safeguard {
            status: SafeguardStatus::Met,
            ..Safeguard::not_assessed(SafeguardKind::HumanRights)
        };
        let all = Safeguard::complete(std::slice::from_ref(&met));
        assert_eq!(all.len(), 5);
        assert_eq!(all[2], met);
        assert_eq!(all[0], Safeguard::not_assessed(SafeguardKind::Fpic));
    }

    #[test]
    fn every_kind_and_status_has_a_code_and_both_names_and_each_kind_cites_its_source() {
        for k in SafeguardKind::ALL {
            assert_eq!(SafeguardKind::from_code(k.code()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.code());
            assert_ne!(k.name(Locale::En), k.name(Locale::Es));
            let (en, es) = (k.guidance(Locale::En), k.guidance(Locale::Es));
            assert!(en.contains("paragraph") || en.contains("article"), "{k:?}");
            assert!(es.contains("párrafo"), "{k:?}");
        }
        assert!(
            SafeguardKind::Sequencing
                .guidance(Locale::En)
                .contains("18(k)")
        );
        for s in SafeguardStatus::ALL {
            assert_eq!(SafeguardStatus::from_code(s.code()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
            assert_ne!(s.name(Locale::En), s.name(Locale::Es));
        }
    }

    // ----- the warnings -----

    fn met(kind: SafeguardKind) -> Safeguard {
        Safeguard {
            kind,
            status: SafeguardStatus::Met,
            evidence: Some("Evidence".into()),
            assessed_on: Some(day(2025, 3, 1)),
        }
    }

    fn plan(name: &str, eradication: (i32, u32), support: Option<(i32, u32)>) -> PlanSequencing {
        PlanSequencing {
            name: name.into(),
            eradication_month: day(eradication.0, eradication.1, 1),
            first_support_month: support.map(|(y, m)| day(y, m, 1)),
            valley_months: 36,
            bridging_budgeted: true,
        }
    }

    /// A coca project with an indigenous and a non-indigenous community, cocoa and livestock,
    /// every safeguard met, and two plans whose support comes before and with eradication.
    fn satisfied() -> PlanFacts {
        PlanFacts {
            kind: ProjectKind::Ad,
            illicit_crops: vec![IllicitCrop::CocaBush],
            communities: vec![
                CommunityFact {
                    name: "Resguardo Nasa Kiwe".into(),
                    indigenous: true,
                },
                CommunityFact {
                    name: "Vereda La Carmelita".into(),
                    indigenous: false,
                },
            ],
            safeguards: SafeguardKind::ALL.into_iter().map(met).collect(),
            livelihood_plans: vec![
                plan("Cacao La Carmelita", (2025, 6), Some((2025, 3))),
                plan("Cacao Nasa Kiwe", (2025, 6), Some((2025, 6))),
            ],
            alternative_crops: vec![AlternativeCrop::Cocoa, AlternativeCrop::Livestock],
            eradicated_before_support: 0,
        }
    }

    fn codes(facts: &PlanFacts) -> Vec<(SafeguardKind, &'static str, Option<String>)> {
        warnings(facts)
            .into_iter()
            .map(|w| (w.kind, w.code(), w.subject))
            .collect()
    }

    fn set(facts: &mut PlanFacts, kind: SafeguardKind, status: SafeguardStatus) {
        facts.safeguards.retain(|s| s.kind != kind);
        facts.safeguards.push(Safeguard {
            status,
            ..met(kind)
        });
    }

    #[test]
    fn a_plan_that_keeps_every_safeguard_shows_no_warning() {
        assert!(warnings(&satisfied()).is_empty());
    }

    #[test]
    fn a_breached_safeguard_is_warned_about_first() {
        let mut facts = satisfied();
        set(
            &mut facts,
            SafeguardKind::HumanRights,
            SafeguardStatus::Breached,
        );
        set(&mut facts, SafeguardKind::Fpic, SafeguardStatus::Breached);
        assert_eq!(
            codes(&facts),
            [
                (SafeguardKind::Fpic, "breached", None),
                (SafeguardKind::HumanRights, "breached", None),
            ]
        );
        assert_eq!(
            warnings(&facts)[1].message(Locale::En),
            "The safeguard “Human rights” is recorded as breached: remedy it, and record how, \
             before the plan goes ahead."
        );
        assert_eq!(
            warnings(&facts)[1].message(Locale::Es),
            "La salvaguarda «Derechos humanos» figura como incumplida: hay que remediarla, y \
             registrar cómo, antes de seguir adelante con el plan."
        );
    }

    #[test]
    fn each_indigenous_community_is_named_while_consent_is_not_met() {
        for status in [
            SafeguardStatus::NotAssessed,
            SafeguardStatus::InProgress,
            SafeguardStatus::NotApplicable,
        ] {
            let mut facts = satisfied();
            set(&mut facts, SafeguardKind::Fpic, status);
            facts.communities.push(CommunityFact {
                name: "Comunidad nativa Alto Yurinaki".into(),
                indigenous: true,
            });
            assert_eq!(
                codes(&facts),
                [
                    (
                        SafeguardKind::Fpic,
                        "fpic_not_met",
                        Some("Resguardo Nasa Kiwe".into())
                    ),
                    (
                        SafeguardKind::Fpic,
                        "fpic_not_met",
                        Some("Comunidad nativa Alto Yurinaki".into())
                    ),
                ],
                "{status:?}"
            );
        }
        let mut facts = satisfied();
        facts.safeguards.retain(|s| s.kind != SafeguardKind::Fpic);
        let warning = &warnings(&facts)[0];
        assert_eq!(
            warning.message(Locale::En),
            "Resguardo Nasa Kiwe is an indigenous community and its free, prior and informed \
             consent is not recorded as obtained (status: not assessed)."
        );
        assert_eq!(
            warning.message(Locale::Es),
            "Resguardo Nasa Kiwe es una comunidad indígena y su consentimiento libre, previo e \
             informado no figura como obtenido (estado: sin evaluar)."
        );
    }

    #[test]
    fn consent_is_not_asked_of_a_project_without_indigenous_communities() {
        let mut facts = satisfied();
        facts.communities.retain(|c| !c.indigenous);
        facts
            .safeguards
            .retain(|s| !matches!(s.kind, SafeguardKind::Fpic | SafeguardKind::TraditionalUses));
        assert!(warnings(&facts).is_empty());
    }

    #[test]
    fn traditional_uses_are_asked_for_where_coca_meets_indigenous_communities() {
        let mut facts = satisfied();
        facts
            .safeguards
            .retain(|s| s.kind != SafeguardKind::TraditionalUses);
        assert_eq!(
            codes(&facts),
            [(
                SafeguardKind::TraditionalUses,
                "traditional_uses_not_assessed",
                None
            )]
        );
        assert!(
            warnings(&facts)[0]
                .message(Locale::Es)
                .contains("usos tradicionales lícitos")
        );
        facts.illicit_crops = vec![IllicitCrop::OpiumPoppy];
        assert!(warnings(&facts).is_empty(), "not for poppy");
        facts.illicit_crops = vec![IllicitCrop::CocaBush];
        set(
            &mut facts,
            SafeguardKind::TraditionalUses,
            SafeguardStatus::InProgress,
        );
        assert!(warnings(&facts).is_empty(), "assessed");
    }

    #[test]
    fn human_rights_must_be_assessed() {
        let mut facts = satisfied();
        facts
            .safeguards
            .retain(|s| s.kind != SafeguardKind::HumanRights);
        assert_eq!(
            codes(&facts),
            [(
                SafeguardKind::HumanRights,
                "human_rights_not_assessed",
                None
            )]
        );
        set(
            &mut facts,
            SafeguardKind::HumanRights,
            SafeguardStatus::InProgress,
        );
        assert!(warnings(&facts).is_empty());
    }

    #[test]
    fn an_unassessed_environment_names_livestock_and_timber_expansion() {
        let mut facts = satisfied();
        facts
            .safeguards
            .retain(|s| s.kind != SafeguardKind::Environment);
        facts.alternative_crops.push(AlternativeCrop::Timber);
        let w = warnings(&facts);
        assert_eq!(
            w[0].rule,
            WarningRule::EnvironmentNotAssessed {
                expanding: vec![AlternativeCrop::Livestock, AlternativeCrop::Timber]
            }
        );
        assert_eq!(
            w[0].message(Locale::En),
            "Environmental protection has not been assessed. The plan includes “Livestock” and \
             “Timber and agroforestry”, which can lead to forest being cleared."
        );
        assert_eq!(
            w[0].message(Locale::Es),
            "No se ha evaluado la protección del medio ambiente. El plan incluye «Ganadería» y \
             «Maderables y agroforestería», que pueden llevar a talar bosque."
        );
        facts.alternative_crops = vec![AlternativeCrop::Cocoa];
        let w = warnings(&facts);
        assert_eq!(
            w[0].message(Locale::En),
            "Environmental protection has not been assessed."
        );
        assert_eq!(
            serde_json::to_value(&w[0]).unwrap(),
            serde_json::json!({
                "kind": "environment",
                "rule": {"code": "environment_not_assessed", "expanding": []},
                "subject": null
            })
        );
    }

    #[test]
    fn support_after_eradication_is_warned_with_the_months_it_is_late() {
        let mut facts = satisfied();
        // Eradication in November 2025, first support in February 2026: 3 months late.
        facts.livelihood_plans[0] = plan("Cacao La Carmelita", (2025, 11), Some((2026, 2)));
        facts.livelihood_plans[1] = plan("Café Nasa Kiwe", (2025, 6), Some((2025, 7)));
        facts.livelihood_plans[1].eradication_month = day(2025, 6, 20);
        facts.livelihood_plans[1].first_support_month = Some(day(2025, 7, 2));
        let w = warnings(&facts);
        assert_eq!(
            codes(&facts),
            [
                (
                    SafeguardKind::Sequencing,
                    "support_after_eradication",
                    Some("Cacao La Carmelita".into())
                ),
                (
                    SafeguardKind::Sequencing,
                    "support_after_eradication",
                    Some("Café Nasa Kiwe".into())
                ),
            ]
        );
        assert_eq!(
            w[0].rule,
            WarningRule::SupportAfterEradication { months_late: 3 }
        );
        assert_eq!(
            w[0].message(Locale::En),
            "Cacao La Carmelita: the first livelihood support comes 3 months after eradication; \
             it should come before or with it."
        );
        assert_eq!(
            w[1].message(Locale::Es),
            "Café Nasa Kiwe: el primer apoyo a los medios de vida llega 1 mes después de la \
             erradicación; debe llegar antes o al mismo tiempo."
        );
    }

    #[test]
    fn eradication_without_any_support_planned_is_warned() {
        let mut facts = satisfied();
        facts.livelihood_plans[1].first_support_month = None;
        facts.livelihood_plans[1].eradication_month = day(2025, 6, 15);
        let w = warnings(&facts);
        assert_eq!(
            w,
            [SafeguardWarning {
                kind: SafeguardKind::Sequencing,
                rule: WarningRule::NoSupportPlanned {
                    eradication_month: day(2025, 6, 1)
                },
                subject: Some("Cacao Nasa Kiwe".into()),
            }]
        );
        assert_eq!(
            w[0].message(Locale::En),
            "Cacao Nasa Kiwe: eradication is planned for June 2025 but no livelihood support is \
             planned."
        );
        assert_eq!(
            w[0].message(Locale::Es),
            "Cacao Nasa Kiwe: la erradicación está prevista para junio de 2025, pero no hay \
             apoyo a los medios de vida previsto."
        );
    }

    #[test]
    fn an_income_valley_without_bridging_support_is_warned() {
        let mut facts = satisfied();
        facts.livelihood_plans[0].bridging_budgeted = false;
        facts.livelihood_plans[1].bridging_budgeted = false;
        facts.livelihood_plans[1].valley_months = 0;
        let w = warnings(&facts);
        assert_eq!(
            codes(&facts),
            [(
                SafeguardKind::Sequencing,
                "valley_not_bridged",
                Some("Cacao La Carmelita".into())
            )]
        );
        assert_eq!(
            w[0].message(Locale::En),
            "Cacao La Carmelita: licit income takes 36 months to replace the income given up, \
             and no bridging support is budgeted for that time."
        );
        assert!(w[0].message(Locale::Es).contains("36 meses"));
    }

    #[test]
    fn sequencing_must_be_assessed_once_there_are_livelihood_plans() {
        let mut facts = satisfied();
        facts
            .safeguards
            .retain(|s| s.kind != SafeguardKind::Sequencing);
        assert_eq!(
            codes(&facts),
            [(SafeguardKind::Sequencing, "sequencing_not_assessed", None)]
        );
        facts.livelihood_plans.clear();
        assert!(warnings(&facts).is_empty());
    }

    #[test]
    fn preventive_projects_skip_the_eradication_sequencing_rules() {
        let mut facts = satisfied();
        facts.kind = ProjectKind::PreventiveAd;
        facts
            .safeguards
            .retain(|s| s.kind != SafeguardKind::Sequencing);
        facts.livelihood_plans[0] = plan("Café preventivo", (2025, 1), None);
        facts.livelihood_plans[1].bridging_budgeted = false;
        assert!(warnings(&facts).is_empty());
        facts
            .safeguards
            .retain(|s| s.kind != SafeguardKind::HumanRights);
        assert_eq!(
            codes(&facts),
            [(
                SafeguardKind::HumanRights,
                "human_rights_not_assessed",
                None
            )]
        );
    }

    #[test]
    fn a_project_with_nothing_recorded_shows_every_warning_in_order() {
        let mut facts = satisfied();
        facts.safeguards.clear();
        facts.livelihood_plans[0] = plan("Plan A", (2025, 6), Some((2025, 8)));
        let got: Vec<&str> = warnings(&facts).iter().map(|w| w.code()).collect();
        assert_eq!(
            got,
            [
                "fpic_not_met",
                "traditional_uses_not_assessed",
                "human_rights_not_assessed",
                "environment_not_assessed",
                "sequencing_not_assessed",
                "support_after_eradication",
            ]
        );
        for w in warnings(&facts) {
            let (en, es) = (w.message(Locale::En), w.message(Locale::Es));
            assert!(!en.is_empty() && en != es, "{w:?}");
        }
    }

    #[test]
    fn agreements_eradicated_before_support_are_warned_about_under_sequencing() {
        let mut facts = satisfied();
        assert!(warnings(&facts).is_empty());
        facts.eradicated_before_support = 3;
        let found = warnings(&facts);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, SafeguardKind::Sequencing);
        assert_eq!(found[0].code(), "eradicated_before_support");
        assert!(
            found[0]
                .message(Locale::En)
                .contains("In 3 eradication agreements")
        );
        assert!(found[0].message(Locale::Es).contains("En 3 acuerdos"));
    }
}
