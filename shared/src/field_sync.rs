//! Offline field entry: what a field monitor's device keeps (the households, plots and
//! agreements of the monitor's communities, without names, phone numbers or places), and the
//! batches of visits it sends when a connection returns.
//!
//! Each entry carries an id the device made (its `client_id`), so a batch sent again stores
//! nothing twice, and the version of the household the device had when the entry was made: when
//! the household changed on the server meanwhile, the entry comes back as a conflict for the
//! monitor to resolve, never stored over the change.

use crate::error::ErrorDetail;
use crate::household::Household;
use crate::plot::Plot;
use crate::visit::VisitForm;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The most entries one sync request may carry (a device with more sends several batches).
pub const MAX_SYNC_ENTRIES: usize = 100;

/// The most households a device is given: a monitor's communities hold far fewer; an officer
/// who sees a whole national program gets the first communities up to this many households.
pub const MAX_BUNDLE_HOUSEHOLDS: usize = 3000;

/// What a device keeps for offline entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldBundle {
    /// The account it was made for: a device keeps each account's entries apart.
    pub user_id: i64,
    /// When it was made (UTC).
    pub made_at: DateTime<Utc>,
    /// The communities where the caller may record visits, with their households.
    pub communities: Vec<FieldCommunity>,
    /// Communities where the caller may record visits that did not fit in the bundle
    /// ([`MAX_BUNDLE_HOUSEHOLDS`]).
    pub left_out_communities: u32,
}

/// A community on the device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldCommunity {
    /// Id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its municipality, if known.
    pub municipality: Option<String>,
    /// The project.
    pub project_id: i64,
    /// The project's name.
    pub project_name: String,
    /// The project's currency (ISO 4217): the sales' currency a visit form starts with.
    pub currency: String,
    /// Its households the caller may see, by code.
    pub households: Vec<FieldHousehold>,
}

/// A household on the device: its code, never its name, phone or place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldHousehold {
    /// Id.
    pub id: i64,
    /// Its pseudonymous code.
    pub code: String,
    /// Its status (`enrolled`, `active`, `suspended`, `withdrawn`).
    pub status: String,
    /// Since when.
    pub status_since: NaiveDate,
    /// Its members.
    pub member_total: u32,
    /// The version of what a visit is recorded against (see [`household_version`]).
    pub version: String,
    /// Its plots.
    pub plots: Vec<FieldPlot>,
    /// Its eradication agreements.
    pub agreements: Vec<FieldAgreement>,
}

/// A plot on the device, without its place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldPlot {
    /// Id.
    pub id: i64,
    /// What the household calls it.
    pub name: String,
    /// The area crops are measured against, in hectares.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2.5"))]
    pub hectares: Decimal,
    /// The day of its latest record, if any.
    pub latest_on: Option<NaiveDate>,
    /// Illicit hectares on that day.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "0.5"))]
    pub latest_illicit_hectares: Option<Decimal>,
    /// Licit hectares on that day.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "1.5"))]
    pub latest_licit_hectares: Option<Decimal>,
}

/// An eradication agreement on the device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldAgreement {
    /// Id.
    pub id: i64,
    /// The illicit crop (`coca_bush`, ...).
    pub crop: String,
    /// Hectares the household committed to eradicate.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.5"))]
    pub committed_hectares: Decimal,
    /// Hectares verified as eradicated so far.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.5"))]
    pub verified_hectares: Decimal,
    /// By when.
    pub eradicate_by: NaiveDate,
    /// Where it stands (`signed`, `partly_verified`, `verified`, `replanted`, `overdue`).
    pub status: String,
}

impl FieldHousehold {
    /// The household as a device keeps it.
    pub fn of(household: &Household, plots: &[Plot], agreements: Vec<FieldAgreement>) -> Self {
        FieldHousehold {
            id: household.id,
            code: household.code.clone(),
            status: household.status.code().to_owned(),
            status_since: household.status_since,
            member_total: household.member_total,
            version: household_version(household, plots),
            plots: plots
                .iter()
                .map(|p| FieldPlot {
                    id: p.id,
                    name: p.name.clone(),
                    hectares: p.reference_hectares(),
                    latest_on: p.latest.as_ref().map(|d| d.observed_on),
                    latest_illicit_hectares: p.latest.as_ref().map(|d| d.illicit_hectares),
                    latest_licit_hectares: p.latest.as_ref().map(|d| d.licit_hectares),
                })
                .collect(),
            agreements,
        }
    }
}

/// The version of a household as a visit is recorded against it: its status, its members and
/// its plots (their names and areas). Visits and plot records do not move it (a device's own
/// entries never conflict with each other); an edit of the household, a change of status, or a
/// plot added, removed, renamed or re-measured does. Personal data is left out, so the version
/// says nothing about a name or a phone number.
pub fn household_version(household: &Household, plots: &[Plot]) -> String {
    let mut text = format!(
        "{}|{}|{}|{}|{}|{}|{}|{}",
        household.id,
        household.project_id,
        household.community_id,
        household.status.code(),
        household.status_since,
        household.head_sex.code(),
        household.head_age_band.code(),
        household.member_total,
    );
    let mut plots: Vec<&Plot> = plots.iter().collect();
    plots.sort_by_key(|p| p.id);
    for plot in plots {
        text.push_str(&format!(
            "|{}:{}:{}:{}",
            plot.id,
            plot.name,
            plot.declared_hectares.normalize(),
            plot.measured_hectares
                .map(|h| h.normalize().to_string())
                .unwrap_or_default()
        ));
    }
    // FNV-1a, 64 bits: a version to compare, not a secret.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// A batch of entries a device sends.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncBatch {
    /// The entries, at most [`MAX_SYNC_ENTRIES`].
    pub entries: Vec<SyncEntry>,
}

/// One monitoring visit entered on a device.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncEntry {
    /// The id the device made for the entry (8 to 64 letters, digits or dashes, such as a UUID):
    /// an entry sent again is answered as stored, never stored twice.
    pub client_id: String,
    /// The household visited.
    pub household_id: i64,
    /// The household's version on the device when the entry was made ([`FieldHousehold::version`]);
    /// when the household changed since, the entry is answered as a conflict. Empty: not checked.
    #[serde(default)]
    pub base_version: String,
    /// The monitor saw the conflict and sends the entry as it is.
    #[serde(default)]
    pub keep_mine: bool,
    /// The visit, as the visit form takes it (its `client_id` is the entry's).
    pub visit: VisitForm,
}

/// What became of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SyncOutcome {
    /// Stored now.
    Stored,
    /// Stored before (the same entry was sent already): nothing stored again.
    AlreadyStored,
    /// Refused (its reasons are in `error`); nothing stored. The device keeps it for correction.
    Rejected,
    /// The household changed on the server since the device copied it: nothing stored; the
    /// household as it is now is in `household`.
    Conflict,
}

/// The answer for one entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncResult {
    /// The entry's id.
    pub client_id: String,
    /// What became of it.
    pub outcome: SyncOutcome,
    /// The stored visit, when stored now or before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_id: Option<i64>,
    /// Why it was refused: the error the visit form's API would answer, with a message per field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorDetail>,
    /// For a conflict: the household as it is now on the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<FieldHousehold>,
}

/// The answer to a batch: one result per entry, in the batch's order, and their count by outcome.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncReport {
    /// One per entry.
    pub results: Vec<SyncResult>,
    /// Entries stored now.
    pub stored: u32,
    /// Entries stored before.
    pub already_stored: u32,
    /// Entries refused.
    pub rejected: u32,
    /// Entries in conflict.
    pub conflicts: u32,
}

impl SyncReport {
    /// Adds a result and counts it.
    pub fn push(&mut self, result: SyncResult) {
        match result.outcome {
            SyncOutcome::Stored => self.stored += 1,
            SyncOutcome::AlreadyStored => self.already_stored += 1,
            SyncOutcome::Rejected => self.rejected += 1,
            SyncOutcome::Conflict => self.conflicts += 1,
        }
        self.results.push(result);
    }
}

/// Whether `id` can be an entry's id: 8 to 64 ASCII letters, digits or dashes.
pub fn is_entry_id(id: &str) -> bool {
    (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::household::HouseholdStatus;
    use crate::indicator::{AgeBand, Sex};
    use rust_decimal::dec;

    fn household() -> Household {
        serde_json::from_value(serde_json::json!({
            "id": 7, "code": "PUT-0007", "project_id": 1, "community_id": 2,
            "community_name": "La Carmelita", "head_sex": "female", "head_age_band": "30_59",
            "members": [], "member_total": 4, "indigenous": false, "cooperative": null,
            "cooperative_counts": {"members_female": 0, "members_male": 0, "leaders_female": 0, "leaders_male": 0}, "land_tenure": "titled_owner",
            "title_holder": null, "enrolled_on": "2025-02-01", "status": "active",
            "status_since": "2025-03-01", "personal": null, "created_at": "2025-02-01T10:00:00Z"
        }))
        .unwrap_or_else(|e| panic!("a household: {e}"))
    }

    fn plot(id: i64, hectares: Decimal) -> Plot {
        serde_json::from_value(serde_json::json!({
            "id": id, "household_id": 7, "household_code": "PUT-0007", "project_id": 1,
            "community_id": 2, "community_name": "La Carmelita", "name": format!("Lote {id}"),
            "declared_hectares": hectares.to_string(), "measured_hectares": null,
            "areas_disagree": false, "location": null, "latest": null,
            "created_at": "2025-02-01T10:00:00Z"
        }))
        .unwrap_or_else(|e| panic!("a plot: {e}"))
    }

    #[test]
    fn the_version_stays_when_nothing_a_visit_is_recorded_against_changed() {
        let h = household();
        let plots = [plot(1, dec!(2.5)), plot(2, dec!(1))];
        let reordered = [plot(2, dec!(1.0)), plot(1, dec!(2.50))];
        assert_eq!(
            household_version(&h, &plots),
            household_version(&h, &reordered)
        );
        let mut with_a_record = plots.clone();
        with_a_record[0].created_at = chrono::Utc::now();
        assert_eq!(
            household_version(&h, &plots),
            household_version(&h, &with_a_record)
        );
    }

    #[test]
    fn the_version_moves_with_a_status_members_or_plot_change() {
        let h = household();
        let plots = [plot(1, dec!(2.5))];
        let base = household_version(&h, &plots);
        let mut suspended = h.clone();
        suspended.status = HouseholdStatus::Suspended;
        assert_ne!(base, household_version(&suspended, &plots));
        let mut bigger = h.clone();
        bigger.member_total = 5;
        assert_ne!(base, household_version(&bigger, &plots));
        let mut man = h.clone();
        man.head_sex = Sex::Male;
        man.head_age_band = AgeBand::From18To29;
        assert_ne!(base, household_version(&man, &plots));
        assert_ne!(base, household_version(&h, &[plot(1, dec!(3))]));
        assert_ne!(
            base,
            household_version(&h, &[plot(1, dec!(2.5)), plot(3, dec!(1))])
        );
        assert_ne!(base, household_version(&h, &[]));
        assert_eq!(base.len(), 16);
    }

    #[test]
    fn entry_ids_are_eight_to_sixty_four_letters_digits_or_dashes() {
        assert!(is_entry_id("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(is_entry_id("abcdef12"));
        assert!(!is_entry_id("short"));
        assert!(!is_entry_id("has space in it"));
        assert!(!is_entry_id(&"a".repeat(65)));
        assert!(!is_entry_id("<script>alert</script>"));
    }

    #[test]
    fn a_report_counts_each_outcome() {
        let mut report = SyncReport::default();
        for outcome in [
            SyncOutcome::Stored,
            SyncOutcome::Stored,
            SyncOutcome::AlreadyStored,
            SyncOutcome::Rejected,
            SyncOutcome::Conflict,
        ] {
            report.push(SyncResult {
                client_id: "abcdefgh".into(),
                outcome,
                visit_id: None,
                error: None,
                household: None,
            });
        }
        assert_eq!(
            (
                report.stored,
                report.already_stored,
                report.rejected,
                report.conflicts
            ),
            (2, 1, 1, 1)
        );
        assert_eq!(report.results.len(), 5);
    }
}
