//! Voluntary eradication agreements, their verification, the support delivered to households,
//! and the sequencing check between them. A household commits to eradicate hectares of an
//! illicit crop by a date; monitors verify on later visits how much is eradicated and whether
//! illicit crops are standing again (replanting); the program delivers support (cash, food,
//! inputs, technical assistance, training). Livelihood support must come before or with
//! eradication (Guiding Principles on Alternative Development, 18(k)): an agreement whose
//! eradication was verified before any support reached the household is flagged.

use crate::crop::{IllicitCrop, coded_enum};
use crate::currency::{self, Currency};
use crate::i18n::Locale;
use crate::plot::{HECTARE_DECIMALS, plot_hectares_max};
use crate::validation::{
    Collector, FieldError, Problem, choice, crop_choice, date, non_negative_decimal, optional_text,
    positive_decimal,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The longest note or description kept.
pub const NOTE_MAX: u32 = 1000;

coded_enum! {
    /// What kind of support a household received.
    SupportKind {
        CashTransfer => "cash_transfer", "Cash transfer", "Transferencia monetaria";
        FoodSecurity => "food_security", "Food security", "Seguridad alimentaria";
        Inputs => "inputs", "Inputs (seedlings, tools, fertiliser)", "Insumos (plántulas, herramientas, abono)";
        TechnicalAssistance => "technical_assistance", "Technical assistance", "Asistencia técnica";
        Training => "training", "Training", "Capacitación";
    }
}

coded_enum! {
    /// How a verification was made.
    VerificationMethod {
        FieldVisit => "field_visit", "Field visit with GPS", "Visita de campo con GPS";
        SatelliteImagery => "satellite_imagery", "Satellite imagery", "Imágenes satelitales";
        Drone => "drone", "Drone imagery", "Imágenes de dron";
        CommunityCommittee => "community_committee", "Community verification committee", "Comité comunitario de verificación";
    }
}

coded_enum! {
    /// Where an agreement stands, as its verifications make it.
    AgreementStatus {
        Signed => "signed", "Signed, not yet verified", "Firmado, sin verificar";
        PartlyVerified => "partly_verified", "Partly verified", "Verificado en parte";
        Verified => "verified", "Eradication verified", "Erradicación verificada";
        Replanted => "replanted", "Replanting found", "Resiembra encontrada";
        Overdue => "overdue", "Overdue: not verified by its date", "Vencido: sin verificar a su fecha";
    }
}

fn not_after(field: &str, day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    if day > today {
        Err(FieldError::new(field, Problem::DateInFuture))
    } else {
        Ok(day)
    }
}

fn hectares(field: &str, raw: &str) -> Result<Decimal, FieldError> {
    positive_decimal(field, raw, plot_hectares_max(), HECTARE_DECIMALS)
}

// ------------------------------------------------------------------ support delivered

/// Support delivered to a household, as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportForm {
    /// `cash_transfer`, `food_security`, `inputs`, `technical_assistance` or `training`.
    pub kind: String,
    /// The day it was delivered, `YYYY-MM-DD`, not in the future.
    pub delivered_on: String,
    /// Its value, in `currency` (at most the currency's minor units of decimals).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "350.00"))]
    pub value: String,
    /// The ISO 4217 code of the value's currency.
    pub currency: String,
    /// What it was ("200 cocoa seedlings CCN-51").
    pub description: String,
}

crate::text_form_from_pairs!(SupportForm {
    kind,
    delivered_on,
    value,
    currency,
    description
});

/// Valid support to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSupport {
    /// Its kind.
    pub kind: SupportKind,
    /// When it was delivered.
    pub delivered_on: NaiveDate,
    /// Its value, a decimal in `currency`.
    pub value: Decimal,
    /// The currency's code.
    pub currency: String,
    /// What it was.
    pub description: Option<String>,
}

impl SupportForm {
    /// Checks every field; a value has at most its currency's minor units of decimals.
    pub fn validate(&self, today: NaiveDate) -> Result<NewSupport, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let kind = ok.take(choice("kind", &self.kind, SupportKind::from_code));
        let delivered_on = ok.take(
            date("delivered_on", &self.delivered_on)
                .and_then(|d| not_after("delivered_on", d, today)),
        );
        let currency: Option<&Currency> = ok.take(currency::currency("currency", &self.currency));
        // Money is kept with its currency's minor units (50 soles is 50.00).
        let value = currency.and_then(|c| {
            ok.take(currency::amount("value", &self.value, c).map(|mut v| {
                v.rescale(c.minor_units);
                v
            }))
        });
        let description = ok.take(optional_text("description", &self.description, NOTE_MAX));
        match (kind, delivered_on, currency, value, description) {
            (Some(kind), Some(delivered_on), Some(currency), Some(value), Some(description))
                if errors.is_empty() =>
            {
                Ok(NewSupport {
                    kind,
                    delivered_on,
                    value,
                    currency: currency.code.to_owned(),
                    description,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Support delivered, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Support {
    /// Its id.
    pub id: i64,
    /// The household that received it.
    pub household_id: i64,
    /// What was delivered.
    #[serde(flatten)]
    pub support: NewSupport,
    /// Who recorded it (the account's name then).
    pub recorded_by: String,
    /// When it was recorded (UTC).
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

/// Totals of support by currency (never added across currencies), in code order.
pub fn support_totals(support: &[Support]) -> Vec<(String, Decimal)> {
    let mut totals: std::collections::BTreeMap<String, Decimal> = Default::default();
    for s in support {
        *totals.entry(s.support.currency.clone()).or_default() += s.support.value;
    }
    totals.into_iter().collect()
}

// ------------------------------------------------------------------ agreements

/// An eradication agreement as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreementForm {
    /// The day it was signed, `YYYY-MM-DD`, not in the future.
    pub signed_on: String,
    /// The illicit crop: `coca_bush`, `opium_poppy` or `cannabis_plant`.
    pub crop: String,
    /// Hectares the household commits to eradicate.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.5"))]
    pub committed_hectares: String,
    /// The day by which they are to be eradicated, on or after signing.
    pub eradicate_by: String,
    /// A note (the plots it covers, conditions).
    pub note: String,
}

crate::text_form_from_pairs!(AgreementForm {
    signed_on,
    crop,
    committed_hectares,
    eradicate_by,
    note
});

/// A valid agreement to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAgreement {
    /// When it was signed.
    pub signed_on: NaiveDate,
    /// The crop to eradicate.
    pub crop: IllicitCrop,
    /// Hectares committed.
    pub committed_hectares: Decimal,
    /// The day by which they are to be eradicated.
    pub eradicate_by: NaiveDate,
    /// A note.
    pub note: Option<String>,
}

impl AgreementForm {
    /// Checks every field.
    pub fn validate(&self, today: NaiveDate) -> Result<NewAgreement, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let signed_on = ok.take(
            date("signed_on", &self.signed_on).and_then(|d| not_after("signed_on", d, today)),
        );
        let crop = ok.take(crop_choice("crop", &self.crop, IllicitCrop::from_code));
        let committed = ok.take(hectares("committed_hectares", &self.committed_hectares));
        let eradicate_by = ok.take(date("eradicate_by", &self.eradicate_by));
        if let (Some(signed), Some(by)) = (signed_on, eradicate_by)
            && by < signed
        {
            errors.push(FieldError::new(
                "eradicate_by",
                Problem::BeforeSigning {
                    date: signed.to_string(),
                },
            ));
        }
        let mut ok = Collector(&mut errors);
        let note = ok.take(optional_text("note", &self.note, NOTE_MAX));
        match (signed_on, crop, committed, eradicate_by, note) {
            (
                Some(signed_on),
                Some(crop),
                Some(committed_hectares),
                Some(eradicate_by),
                Some(note),
            ) if errors.is_empty() => Ok(NewAgreement {
                signed_on,
                crop,
                committed_hectares,
                eradicate_by,
                note,
            }),
            _ => Err(errors),
        }
    }

    /// The form filled with an agreement's fields.
    pub fn of(agreement: &NewAgreement) -> AgreementForm {
        AgreementForm {
            signed_on: agreement.signed_on.to_string(),
            crop: agreement.crop.code().to_owned(),
            committed_hectares: agreement.committed_hectares.normalize().to_string(),
            eradicate_by: agreement.eradicate_by.to_string(),
            note: agreement.note.clone().unwrap_or_default(),
        }
    }
}

/// A verification visit as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerificationForm {
    /// The day of the visit, `YYYY-MM-DD`: on or after signing, not in the future.
    pub visited_on: String,
    /// `field_visit`, `satellite_imagery`, `drone` or `community_committee`.
    pub method: String,
    /// Hectares verified as eradicated so far (all of them, not only since the last visit).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.5"))]
    pub eradicated_hectares: String,
    /// Hectares of illicit crops found standing at the visit (0 when none; after a verified
    /// eradication, any is replanting).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0"))]
    pub illicit_hectares_found: String,
    /// A note.
    pub note: String,
}

crate::text_form_from_pairs!(VerificationForm {
    visited_on,
    method,
    eradicated_hectares,
    illicit_hectares_found,
    note
});

/// A valid verification to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewVerification {
    /// The day of the visit.
    pub visited_on: NaiveDate,
    /// How it was made.
    pub method: VerificationMethod,
    /// Hectares verified as eradicated so far.
    pub eradicated_hectares: Decimal,
    /// Hectares of illicit crops found standing.
    pub illicit_hectares_found: Decimal,
    /// A note.
    pub note: Option<String>,
}

impl VerificationForm {
    /// Checks every field against the agreement's signing day and what it commits: no more
    /// hectares eradicated than committed.
    pub fn validate(
        &self,
        signed_on: NaiveDate,
        committed: Decimal,
        today: NaiveDate,
    ) -> Result<NewVerification, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let visited_on = ok.take(
            date("visited_on", &self.visited_on)
                .and_then(|d| not_after("visited_on", d, today))
                .and_then(|d| {
                    if d < signed_on {
                        Err(FieldError::new(
                            "visited_on",
                            Problem::BeforeSigning {
                                date: signed_on.to_string(),
                            },
                        ))
                    } else {
                        Ok(d)
                    }
                }),
        );
        let method = ok.take(choice(
            "method",
            &self.method,
            VerificationMethod::from_code,
        ));
        let eradicated = ok.take(non_negative_decimal(
            "eradicated_hectares",
            &self.eradicated_hectares,
            committed,
            HECTARE_DECIMALS,
        ));
        let found = ok.take(non_negative_decimal(
            "illicit_hectares_found",
            &self.illicit_hectares_found,
            plot_hectares_max(),
            HECTARE_DECIMALS,
        ));
        let note = ok.take(optional_text("note", &self.note, NOTE_MAX));
        match (visited_on, method, eradicated, found, note) {
            (Some(visited_on), Some(method), Some(eradicated), Some(found), Some(note))
                if errors.is_empty() =>
            {
                Ok(NewVerification {
                    visited_on,
                    method,
                    eradicated_hectares: eradicated,
                    illicit_hectares_found: found,
                    note,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A verification as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verification {
    /// Its id.
    pub id: i64,
    /// The agreement.
    pub agreement_id: i64,
    /// What was found.
    #[serde(flatten)]
    pub verification: NewVerification,
    /// Whether it found illicit crops again after the eradication had been verified whole.
    pub replanting: bool,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded (UTC).
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

/// Marks the verifications (in any order) that found replanting: illicit crops standing at a
/// visit after one that verified the whole commitment eradicated with none standing. Answers
/// them oldest first.
pub fn mark_replanting(mut visits: Vec<Verification>, committed: Decimal) -> Vec<Verification> {
    visits.sort_by_key(|v| (v.verification.visited_on, v.id));
    let mut cleared = false;
    for visit in &mut visits {
        let v = &visit.verification;
        visit.replanting = cleared && v.illicit_hectares_found > Decimal::ZERO;
        if v.eradicated_hectares >= committed && v.illicit_hectares_found == Decimal::ZERO {
            cleared = true;
        }
    }
    visits
}

/// Where an agreement stands on `today`, from its verifications (oldest first, replanting
/// marked).
pub fn agreement_status(
    agreement: &NewAgreement,
    visits: &[Verification],
    today: NaiveDate,
) -> AgreementStatus {
    if visits.iter().any(|v| v.replanting) {
        return AgreementStatus::Replanted;
    }
    let verified = visits.iter().any(|v| {
        v.verification.eradicated_hectares >= agreement.committed_hectares
            && v.verification.illicit_hectares_found == Decimal::ZERO
    });
    if verified {
        AgreementStatus::Verified
    } else if today > agreement.eradicate_by {
        AgreementStatus::Overdue
    } else if visits
        .iter()
        .any(|v| v.verification.eradicated_hectares > Decimal::ZERO)
    {
        AgreementStatus::PartlyVerified
    } else {
        AgreementStatus::Signed
    }
}

/// The hectares verified as eradicated: the largest figure of any visit (each visit states
/// everything eradicated so far).
pub fn verified_hectares(visits: &[Verification]) -> Decimal {
    visits
        .iter()
        .map(|v| v.verification.eradicated_hectares)
        .max()
        .unwrap_or(Decimal::ZERO)
}

/// How an agreement's eradication and the household's support fall in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SequencingCheck {
    /// Support reached the household on or before the first verified eradication.
    SupportFirst,
    /// Nothing eradicated yet, and support has already been delivered.
    SupportDelivered,
    /// Nothing eradicated yet and no support delivered: deliver support first.
    SupportPending,
    /// Eradication was verified before any support reached the household.
    EradicationBeforeSupport,
}

impl SequencingCheck {
    /// Whether the check breaks the sequencing principle (a warning to show).
    pub fn is_breach(self) -> bool {
        self == SequencingCheck::EradicationBeforeSupport
    }

    /// What it means, for the pages.
    pub fn explain(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (SequencingCheck::SupportFirst, Locale::En) => {
                "Support reached the household before or with the eradication."
            }
            (SequencingCheck::SupportFirst, Locale::Es) => {
                "El apoyo llegó al hogar antes o junto con la erradicación."
            }
            (SequencingCheck::SupportDelivered, Locale::En) => {
                "Support has been delivered; no eradication verified yet."
            }
            (SequencingCheck::SupportDelivered, Locale::Es) => {
                "Se entregó apoyo; todavía no hay erradicación verificada."
            }
            (SequencingCheck::SupportPending, Locale::En) => {
                "No support delivered yet: deliver livelihood support before or with the eradication (Guiding Principles, 18(k))."
            }
            (SequencingCheck::SupportPending, Locale::Es) => {
                "Todavía no se entregó apoyo: entregue apoyo a los medios de vida antes o junto con la erradicación (Principios Rectores, 18(k))."
            }
            (SequencingCheck::EradicationBeforeSupport, Locale::En) => {
                "Eradication was verified before any support reached the household: this breaks the sequencing of the Guiding Principles, 18(k)."
            }
            (SequencingCheck::EradicationBeforeSupport, Locale::Es) => {
                "La erradicación se verificó antes de que el hogar recibiera apoyo: esto incumple la secuencia de los Principios Rectores, 18(k)."
            }
        }
    }
}

/// The sequencing check: the first day eradication was verified (a visit with hectares
/// eradicated) against the first day support was delivered.
pub fn sequencing(visits: &[Verification], support: &[Support]) -> SequencingCheck {
    let first_support = support.iter().map(|s| s.support.delivered_on).min();
    let first_eradication = visits
        .iter()
        .filter(|v| v.verification.eradicated_hectares > Decimal::ZERO)
        .map(|v| v.verification.visited_on)
        .min();
    match (first_eradication, first_support) {
        (Some(e), Some(s)) if s <= e => SequencingCheck::SupportFirst,
        (Some(_), _) => SequencingCheck::EradicationBeforeSupport,
        (None, Some(_)) => SequencingCheck::SupportDelivered,
        (None, None) => SequencingCheck::SupportPending,
    }
}

/// An agreement as stored and shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agreement {
    /// Its id.
    pub id: i64,
    /// The household.
    pub household_id: i64,
    /// The household's pseudonymous code.
    pub household_code: String,
    /// The household's project.
    pub project_id: i64,
    /// What was agreed.
    #[serde(flatten)]
    pub agreement: NewAgreement,
    /// Hectares verified as eradicated so far.
    pub verified_hectares: Decimal,
    /// Where it stands today.
    pub status: AgreementStatus,
    /// The sequencing check against the household's support.
    pub sequencing: SequencingCheck,
    /// When it was recorded (UTC).
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// An agreement with its verifications and the household's support.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreementView {
    /// The agreement.
    pub agreement: Agreement,
    /// Its verification visits, oldest first.
    pub verifications: Vec<Verification>,
    /// The support the household received, oldest first.
    pub support: Vec<Support>,
    /// Whether the reader may record verifications.
    pub can_edit: bool,
}

/// A project's agreements in figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreementSummary {
    /// Agreements signed.
    pub agreements: u32,
    /// Hectares committed, all agreements.
    pub committed_hectares: Decimal,
    /// Hectares verified as eradicated, all agreements.
    pub verified_hectares: Decimal,
    /// Agreements whose eradication was verified whole (replanted ones included).
    pub verified_agreements: u32,
    /// Agreements where replanting was found after verification.
    pub replanted_agreements: u32,
    /// Replanted agreements as a percentage of those verified whole, to one decimal; none when
    /// nothing is verified yet.
    pub replanting_rate_percent: Option<Decimal>,
    /// Agreements past their date without a whole verification.
    pub overdue_agreements: u32,
    /// Agreements whose eradication was verified before any support reached the household.
    pub sequencing_breaches: u32,
}

/// Adds up a project's agreements.
pub fn summarize(agreements: &[Agreement]) -> AgreementSummary {
    let count = |f: &dyn Fn(&Agreement) -> bool| {
        u32::try_from(agreements.iter().filter(|a| f(a)).count()).unwrap_or(u32::MAX)
    };
    let verified = count(&|a| {
        matches!(
            a.status,
            AgreementStatus::Verified | AgreementStatus::Replanted
        )
    });
    let replanted = count(&|a| a.status == AgreementStatus::Replanted);
    AgreementSummary {
        agreements: count(&|_| true),
        committed_hectares: agreements
            .iter()
            .map(|a| a.agreement.committed_hectares)
            .sum(),
        verified_hectares: agreements.iter().map(|a| a.verified_hectares).sum(),
        verified_agreements: verified,
        replanted_agreements: replanted,
        replanting_rate_percent: (verified > 0).then(|| {
            let mut rate = (Decimal::from(replanted) * Decimal::from(100)
                / Decimal::from(verified))
            .round_dp(1);
            rate.rescale(1);
            rate
        }),
        overdue_agreements: count(&|a| a.status == AgreementStatus::Overdue),
        sequencing_breaches: count(&|a| a.sequencing.is_breach()),
    }
}

/// A project's agreements with their figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectAgreements {
    /// The agreements of the households the reader may see.
    pub agreements: Vec<Agreement>,
    /// Their figures.
    pub summary: AgreementSummary,
}

#[cfg(test)]
mod tests;
