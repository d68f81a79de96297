//! The demo's household registry: about two dozen households per community, drawn from a fixed
//! seed so that every start makes the same demo, with the shape of real enrolment lists in coca
//! valleys (mostly men as heads of household, untitled possession the commonest tenure,
//! collective land in indigenous communities, most households active, a few suspended or
//! withdrawn with their reasons), each with a plot or two and what grew on them. Names are invented and clearly part of the demo; no phone
//! numbers are made up (they could be someone's).

use app::error::AppError;
use chrono::{Duration, NaiveDate};
use services::db::Conn;
use services::db::{self, households::RecordedBy, households::Sealed};
use services::sealing::Sealer;
use shared::household::{
    CooperativeCounts, HouseholdStatus, LandTenure, Members, NewHousehold, NewStatusChange,
    PersonalData, TitleHolder, household_code,
};
use shared::indicator::{AgeBand, Sex};

/// Households per community.
const PER_COMMUNITY: usize = 24;

const GIVEN_FEMALE: [&str; 10] = [
    "Rosa", "María", "Juana", "Nélida", "Yeni", "Flor", "Marleny", "Luz", "Elva", "Ruth",
];
const GIVEN_MALE: [&str; 10] = [
    "Juan", "Wilber", "Teodoro", "Edwin", "Hugo", "Fredy", "Nilo", "Rubén", "Saúl", "Elías",
];
const SURNAMES: [&str; 12] = [
    "Quispe",
    "Huamán",
    "Ccori",
    "Mamani",
    "Rojas",
    "Torres",
    "Chávez",
    "Ñaupari",
    "Vargas",
    "Ramos",
    "Cárdenas",
    "Yupanqui",
];
const COOPERATIVES: [&str; 3] = [
    "Cooperativa Agraria Cacaotera (demo)",
    "Asociación de Productores de Café (demo)",
    "Cooperativa de Servicios Múltiples (demo)",
];

/// A small deterministic generator (64-bit LCG, high bits) so the demo is the same every time.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 24
    }

    /// A number below `n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with `percent` per cent.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[usize::try_from(self.below(list.len() as u64)).unwrap_or(0)]
    }
}

fn household(
    draw: &mut Draw,
    community_id: i64,
    indigenous: bool,
    enrolled_on: NaiveDate,
) -> NewHousehold {
    let head_sex = if draw.chance(32) {
        Sex::Female
    } else {
        Sex::Male
    };
    let head_age_band = match draw.below(10) {
        0..=2 => AgeBand::From18To29,
        3..=8 => AgeBand::From30To59,
        _ => AgeBand::From60,
    };
    let mut members = Members::default();
    members.set(head_sex, head_age_band, 1);
    // A partner for most heads, children and sometimes an elder.
    if draw.chance(75) {
        let partner = if head_sex == Sex::Male {
            Sex::Female
        } else {
            Sex::Male
        };
        let band = if head_age_band == AgeBand::From60 {
            AgeBand::From60
        } else {
            head_age_band
        };
        members.set(partner, band, members.get(partner, band) + 1);
    }
    for sex in Sex::ALL {
        let children = u32::try_from(draw.below(3)).unwrap_or(0);
        members.set(
            sex,
            AgeBand::Under18,
            members.get(sex, AgeBand::Under18) + children,
        );
    }
    if draw.chance(20) {
        let sex = if draw.chance(50) {
            Sex::Female
        } else {
            Sex::Male
        };
        members.set(sex, AgeBand::From60, members.get(sex, AgeBand::From60) + 1);
    }
    let (land_tenure, title_holder) = if indigenous && draw.chance(70) {
        (
            LandTenure::CollectiveLand,
            draw.chance(80).then_some(TitleHolder::Collective),
        )
    } else {
        match draw.below(20) {
            0..=8 => (LandTenure::UntitledPossession, None),
            9..=13 => {
                let holder = match draw.below(4) {
                    0 => TitleHolder::Woman,
                    1 => TitleHolder::Joint,
                    _ => TitleHolder::Man,
                };
                (LandTenure::TitledOwner, Some(holder))
            }
            14..=16 => (LandTenure::Tenant, None),
            17..=18 => (LandTenure::Sharecropper, None),
            _ => (LandTenure::NoLand, None),
        }
    };
    let (cooperative, cooperative_counts) = if draw.chance(55) {
        let women = members
            .of_sex(Sex::Female)
            .min(u32::from(draw.chance(60)) + u32::from(head_sex == Sex::Female));
        let men = members
            .of_sex(Sex::Male)
            .min(u32::from(head_sex == Sex::Male || draw.chance(40)));
        let counts = CooperativeCounts {
            members_female: women,
            members_male: men,
            leaders_female: u32::from(women > 0 && draw.chance(15)),
            leaders_male: u32::from(men > 0 && draw.chance(12)),
        };
        (Some(draw.pick(&COOPERATIVES).to_owned()), counts)
    } else {
        (None, CooperativeCounts::default())
    };
    let given = if head_sex == Sex::Female {
        draw.pick(&GIVEN_FEMALE)
    } else {
        draw.pick(&GIVEN_MALE)
    };
    let name = format!("{given} {} {}", draw.pick(&SURNAMES), draw.pick(&SURNAMES));
    NewHousehold {
        community_id,
        head_sex,
        head_age_band,
        members,
        indigenous,
        cooperative,
        cooperative_counts,
        land_tenure,
        title_holder,
        enrolled_on,
        personal: PersonalData {
            name: Some(name),
            phone: None,
        },
    }
}

/// Registers the demo households of every community, with their status histories.
pub async fn seed(
    conn: &mut Conn,
    sealer: &Sealer,
    communities: &[Vec<Vec<i64>>],
) -> Result<(), AppError> {
    let mut draw = Draw(0x5EED_2026);
    let by = RecordedBy {
        user_id: None,
        name: "Demo",
    };
    let today = services::today();
    // One transaction for the whole registry: hundreds of households start in a blink.
    let mut codes = std::collections::HashSet::new();
    for community_id in communities.iter().flatten().flatten() {
        let community = db::communities::get(conn, *community_id).await?;
        let project = db::projects::get(conn, community.project_id).await?;
        let last_day = (today - Duration::days(60)).min(project.end_date);
        let span = (last_day - project.start_date).num_days().clamp(1, 540);
        for _ in 0..PER_COMMUNITY {
            let enrolled_on = project.start_date
                + Duration::days(
                    i64::try_from(draw.below(u64::try_from(span).unwrap_or(1))).unwrap_or(0),
                );
            let new = household(&mut draw, community.id, community.indigenous, enrolled_on);
            let id = loop {
                let Some(code) = household_code(draw.next()) else {
                    continue;
                };
                if !codes.insert(code.clone()) {
                    continue;
                }
                let sealed = Sealed {
                    name: new
                        .personal
                        .name
                        .as_deref()
                        .map(|n| sealer.seal(&format!("household:{code}:name"), n)),
                    phone: None,
                };
                if let Some(id) =
                    db::households::insert_in(conn, project.id, &code, &new, &sealed, &by).await?
                {
                    break id;
                }
            };
            let farm = match (community.longitude, community.latitude) {
                (Some(lon), Some(lat)) => {
                    plots(conn, &mut draw, id, (lon, lat), enrolled_on, today, &by).await?
                }
                _ => Farm::default(),
            };
            let active_on = (enrolled_on
                + Duration::days(20 + i64::try_from(draw.below(40)).unwrap_or(0)))
            .min(today);
            let fate = draw.below(100);
            if fate < 8 {
                continue;
            }
            let change = |status, changed_on, reason: Option<&str>| NewStatusChange {
                status,
                changed_on,
                reason: reason.map(str::to_owned),
            };
            db::households::change_status_in(
                conn,
                id,
                &change(HouseholdStatus::Active, active_on, None),
                &by,
            )
            .await?;
            let later = (active_on
                + Duration::days(90 + i64::try_from(draw.below(200)).unwrap_or(0)))
            .min(today);
            if fate >= 92 {
                db::households::change_status_in(
                    conn,
                    id,
                    &change(
                        HouseholdStatus::Suspended,
                        later,
                        Some("Coca replanted on a plot under agreement (verification visit)"),
                    ),
                    &by,
                )
                .await?;
            } else if fate >= 87 {
                db::households::change_status_in(
                    conn,
                    id,
                    &change(
                        HouseholdStatus::Withdrawn,
                        later,
                        Some("Moved out of the valley"),
                    ),
                    &by,
                )
                .await?;
            }
            agreement(
                conn,
                &mut draw,
                id,
                &Farm {
                    replanted: fate >= 92,
                    late_support: project.country == "CO",
                    ..farm
                },
                &project.currency,
                (enrolled_on, today),
                &by,
            )
            .await?;
        }
    }
    Ok(())
}

const PLOT_NAMES: [&str; 8] = [
    "La quebrada",
    "El bajo",
    "La loma",
    "Chacra alta",
    "El cacaotal",
    "Junto al río",
    "La pampa",
    "El mirador",
];

/// What a household's plots add up to: the coca declared at enrolment, the last verification
/// visit, and the coca still standing then.
#[derive(Default)]
struct Farm {
    coca: rust_decimal::Decimal,
    visited: Option<NaiveDate>,
    kept: rust_decimal::Decimal,
    /// Whether a later visit finds coca again (the household is suspended for it).
    replanted: bool,
    /// Whether this project's demo shows support arriving after eradication (the Colombian
    /// program does; the Peruvian projects keep to the sequencing their safeguards record).
    late_support: bool,
}

/// Most households with coca sign an agreement to eradicate all of it within six months, get
/// inputs and technical assistance first (a few only after the eradication: the sequencing
/// check flags them), and are verified on the plots' visit; a suspended household was found
/// replanting on a later visit.
async fn agreement(
    tx: &mut Conn,
    draw: &mut Draw,
    household: i64,
    farm: &Farm,
    currency: &str,
    (enrolled_on, today): (NaiveDate, NaiveDate),
    by: &RecordedBy<'_>,
) -> Result<(), AppError> {
    use rust_decimal::Decimal;
    use shared::agreement::{
        NewAgreement, NewSupport, NewVerification, SupportKind, VerificationMethod,
    };
    if farm.coca <= Decimal::ZERO || !draw.chance(70) {
        return Ok(());
    }
    let signed_on = enrolled_on + Duration::days(15 + i64::try_from(draw.below(45)).unwrap_or(0));
    let id = db::agreements::insert(
        tx,
        household,
        &NewAgreement {
            signed_on,
            crop: shared::crop::IllicitCrop::CocaBush,
            committed_hectares: farm.coca,
            eradicate_by: signed_on + Duration::days(180),
            note: None,
        },
    )
    .await?;
    // Values in whole units of the project's currency: a season's inputs, a month of transfers.
    let value = |draw: &mut Draw| {
        let units = if currency == "COP" { 1000 } else { 1 };
        Decimal::from((150 + draw.below(450)) * units)
    };
    let late = draw.chance(8) && farm.late_support;
    let first_support = match (late, farm.visited) {
        (true, Some(visited)) => visited + Duration::days(20),
        _ => signed_on + Duration::days(i64::try_from(draw.below(30)).unwrap_or(0)),
    };
    for (kind, after) in [
        (SupportKind::Inputs, 0),
        (SupportKind::TechnicalAssistance, 45),
    ] {
        let delivered_on = first_support + Duration::days(after);
        if delivered_on > today {
            continue;
        }
        db::agreements::insert_support(
            tx,
            household,
            &NewSupport {
                kind,
                delivered_on,
                value: value(draw),
                currency: currency.to_owned(),
                description: None,
            },
            by,
        )
        .await?;
    }
    let Some(visited) = farm.visited else {
        return Ok(());
    };
    let mut visit = |on, found: Decimal| NewVerification {
        visited_on: on,
        method: if draw.chance(70) {
            VerificationMethod::FieldVisit
        } else {
            VerificationMethod::CommunityCommittee
        },
        eradicated_hectares: (farm.coca - farm.kept).max(Decimal::ZERO),
        illicit_hectares_found: found,
        note: None,
    };
    let first = visit(visited.max(signed_on), farm.kept);
    db::agreements::insert_verification(tx, id, &first, by).await?;
    let again_on = first.visited_on + Duration::days(90);
    if farm.replanted && farm.kept == Decimal::ZERO && again_on <= today {
        let on = again_on;
        let again = visit(on, (farm.coca / Decimal::from(4)).round_dp(2));
        db::agreements::insert_verification(tx, id, &again, by).await?;
    }
    Ok(())
}

/// A household's plots (one, sometimes two) a few kilometres around its community, with what
/// grew on them: coca declared at enrolment, then — after a verification a year or so later —
/// less coca or none, and cocoa or coffee instead. The move the program is there for, with its
/// usual setbacks.
async fn plots(
    tx: &mut Conn,
    draw: &mut Draw,
    household: i64,
    (lon, lat): (f64, f64),
    enrolled_on: NaiveDate,
    today: NaiveDate,
    by: &RecordedBy<'_>,
) -> Result<Farm, AppError> {
    use rust_decimal::Decimal;
    use shared::baseline::BaselineSource;
    use shared::crop::{AlternativeCrop, IllicitCrop};
    use shared::plot::{PlotCrop, PlotUse};
    let mut farm = Farm::default();
    let count = if draw.chance(30) { 2 } else { 1 };
    let first = usize::try_from(draw.below(PLOT_NAMES.len() as u64)).unwrap_or(0);
    for n in 0..count {
        // Within about ±2 km of the community; hundredths of a hectare.
        let offset = |draw: &mut Draw| (draw.below(4001) as f64 - 2000.0) / 100_000.0;
        let location = (lon + offset(draw), lat + offset(draw));
        let declared = Decimal::new(i64::try_from(50 + draw.below(250)).unwrap_or(100), 2);
        let name = PLOT_NAMES[(first + n) % PLOT_NAMES.len()];
        let plot = db::plots::insert(
            tx,
            household,
            &db::plots::PlotRow {
                name,
                declared_hectares: declared,
                measured_hectares: None,
                boundary: None,
                location,
            },
        )
        .await?;
        let share = |draw: &mut Draw, low: u64, high: u64| {
            let percent = Decimal::from(low + draw.below(high - low + 1));
            (declared * percent / Decimal::from(100)).round_dp(2)
        };
        let grows = |observed_on, crop, hectares, source| PlotUse {
            observed_on,
            crop,
            hectares,
            source,
            note: None,
        };
        let coca = PlotCrop::Illicit(IllicitCrop::CocaBush);
        let before = share(draw, 50, 100);
        farm.coca += before;
        if before > Decimal::ZERO {
            db::plots::record_use_in(
                tx,
                plot,
                &grows(
                    enrolled_on,
                    coca,
                    before,
                    BaselineSource::HouseholdDeclaration,
                ),
                by,
            )
            .await?;
        }
        let visited =
            enrolled_on + Duration::days(300 + i64::try_from(draw.below(200)).unwrap_or(0));
        if visited > today {
            continue;
        }
        farm.visited = Some(farm.visited.map_or(visited, |v: NaiveDate| v.max(visited)));
        let licit = if draw.chance(60) {
            AlternativeCrop::Cocoa
        } else {
            AlternativeCrop::Coffee
        };
        let planted = share(draw, 30, 70);
        if planted > Decimal::ZERO {
            db::plots::record_use_in(
                tx,
                plot,
                &grows(
                    visited,
                    PlotCrop::Licit(licit),
                    planted,
                    BaselineSource::FieldVerification,
                ),
                by,
            )
            .await?;
        }
        // Most eradicate all of it; some keep a patch.
        if draw.chance(25) {
            let kept = share(draw, 5, 25);
            farm.kept += kept;
            if kept > Decimal::ZERO {
                db::plots::record_use_in(
                    tx,
                    plot,
                    &grows(visited, coca, kept, BaselineSource::FieldVerification),
                    by,
                )
                .await?;
            }
        }
    }
    Ok(farm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_household_passes_the_registry_s_own_rules() {
        let mut draw = Draw(0x5EED_2026);
        let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        for i in 0..500 {
            let h = household(&mut draw, 1, i % 3 == 0, day);
            let form = shared::household::HouseholdForm::of(&shared::household::Household {
                id: 1,
                code: "0000-0000-0".into(),
                project_id: 1,
                community_id: 1,
                community_name: String::new(),
                head_sex: h.head_sex,
                head_age_band: h.head_age_band,
                members: h.members.cells(),
                member_total: h.members.total(),
                indigenous: h.indigenous,
                cooperative: h.cooperative.clone(),
                cooperative_counts: h.cooperative_counts,
                land_tenure: h.land_tenure,
                title_holder: h.title_holder,
                enrolled_on: h.enrolled_on,
                status: HouseholdStatus::Enrolled,
                status_since: h.enrolled_on,
                personal: Some(h.personal.clone()),
                created_at: chrono::DateTime::default(),
            });
            assert_eq!(form.validate(day).as_ref(), Ok(&h), "household {i}");
        }
    }
}
