//! The gender view of a project or a program: who the beneficiaries are by sex and age band,
//! women-headed households, the support and income that reach households by the sex and age
//! band of who heads them, women in cooperatives and in their leadership, and land titles by
//! sex. Withdrawn households are left out: they no longer take part.

use crate::agreement::Support;
use crate::household::{
    CooperativeCounts, Household, HouseholdStatus, MemberCount, Members, TitleHolder,
};
use crate::indicator::{AgeBand, Sex};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Money reaching households headed by one sex and age band, in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoneyByHead {
    /// The head of household's sex.
    pub sex: Sex,
    /// The head of household's age band.
    pub age_band: AgeBand,
    /// The currency (amounts in different currencies are never added).
    pub currency: String,
    /// The total.
    pub total: Decimal,
    /// How many households it reached.
    pub households: u32,
}

/// Land titles by in whose name they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TitlesBySex {
    /// Titles in a woman's name.
    pub woman: u32,
    /// Titles in a man's name.
    pub man: u32,
    /// Joint titles, a woman and a man.
    pub joint: u32,
    /// Collective titles of the community.
    pub collective: u32,
    /// Households without a title.
    pub none: u32,
}

/// The gender view.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GenderView {
    /// Households taking part (not withdrawn).
    pub households: u32,
    /// Of them, headed by a woman.
    pub women_headed: u32,
    /// Women-headed households as a percentage of all, to one decimal; none without households.
    pub women_headed_percent: Option<Decimal>,
    /// Heads of household by sex and age band.
    pub heads: Vec<MemberCount>,
    /// Everyone in those households by sex and age band: the beneficiaries.
    pub beneficiaries: Vec<MemberCount>,
    /// Support delivered, by the sex and age band of the head of the household that received it.
    pub support: Vec<MoneyByHead>,
    /// Income from sales recorded on monitoring visits, by the head of household's sex and age
    /// band.
    pub income: Vec<MoneyByHead>,
    /// Cooperative members and leaders by sex, over the households' cooperatives.
    pub cooperatives: CooperativeCounts,
    /// Households in a cooperative, by the head's sex: (women-headed, men-headed).
    pub in_cooperative: (u32, u32),
    /// Land titles by in whose name they are.
    pub titles: TitlesBySex,
}

fn add(members: &mut Members, sex: Sex, age: AgeBand, n: u32) {
    members.set(sex, age, members.get(sex, age) + n);
}

fn money_by_head<'a>(
    households: &BTreeMap<i64, &Household>,
    amounts: impl IntoIterator<Item = (i64, &'a str, Decimal)>,
) -> Vec<MoneyByHead> {
    let mut totals: BTreeMap<(Sex, AgeBand, String), (Decimal, Vec<i64>)> = BTreeMap::new();
    for (household, currency, amount) in amounts {
        let Some(h) = households.get(&household) else {
            continue;
        };
        let entry = totals
            .entry((h.head_sex, h.head_age_band, currency.to_owned()))
            .or_default();
        entry.0 += amount;
        if !entry.1.contains(&household) {
            entry.1.push(household);
        }
    }
    totals
        .into_iter()
        .map(
            |((sex, age_band, currency), (total, reached))| MoneyByHead {
                sex,
                age_band,
                currency,
                total,
                households: u32::try_from(reached.len()).unwrap_or(u32::MAX),
            },
        )
        .collect()
}

/// Works out the view from the households, the support they received, and the income recorded
/// on visits as (household id, currency, amount).
pub fn gender_view(
    households: &[Household],
    support: &[Support],
    income: &[(i64, String, Decimal)],
) -> GenderView {
    let taking_part: BTreeMap<i64, &Household> = households
        .iter()
        .filter(|h| h.status != HouseholdStatus::Withdrawn)
        .map(|h| (h.id, h))
        .collect();
    let mut view = GenderView::default();
    let mut heads = Members::default();
    let mut beneficiaries = Members::default();
    for h in taking_part.values() {
        view.households += 1;
        add(&mut heads, h.head_sex, h.head_age_band, 1);
        let members = Members::from_cells(&h.members);
        for sex in Sex::ALL {
            for age in AgeBand::ALL {
                add(&mut beneficiaries, sex, age, members.get(sex, age));
            }
        }
        if h.cooperative.is_some() {
            let c = h.cooperative_counts;
            view.cooperatives.members_female += c.members_female;
            view.cooperatives.members_male += c.members_male;
            view.cooperatives.leaders_female += c.leaders_female;
            view.cooperatives.leaders_male += c.leaders_male;
            match h.head_sex {
                Sex::Female => view.in_cooperative.0 += 1,
                Sex::Male => view.in_cooperative.1 += 1,
            }
        }
        match h.title_holder {
            Some(TitleHolder::Woman) => view.titles.woman += 1,
            Some(TitleHolder::Man) => view.titles.man += 1,
            Some(TitleHolder::Joint) => view.titles.joint += 1,
            Some(TitleHolder::Collective) => view.titles.collective += 1,
            None => view.titles.none += 1,
        }
    }
    view.women_headed = heads.of_sex(Sex::Female);
    view.women_headed_percent = (view.households > 0).then(|| {
        let mut percent = (Decimal::from(view.women_headed) * Decimal::from(100)
            / Decimal::from(view.households))
        .round_dp(1);
        percent.rescale(1);
        percent
    });
    view.heads = heads.cells();
    view.beneficiaries = beneficiaries.cells();
    view.support = money_by_head(
        &taking_part,
        support
            .iter()
            .map(|s| (s.household_id, s.support.currency.as_str(), s.support.value)),
    );
    view.income = money_by_head(
        &taking_part,
        income.iter().map(|(h, c, v)| (*h, c.as_str(), *v)),
    );
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::{NewSupport, SupportKind};
    use crate::household::LandTenure;
    use chrono::NaiveDate;
    use rust_decimal::dec;

    fn household(id: i64, head: Sex, age: AgeBand, status: HouseholdStatus) -> Household {
        let mut members = Members::default();
        members.set(head, age, 1);
        members.set(Sex::Female, AgeBand::Under18, 2);
        Household {
            id,
            code: format!("H{id}"),
            project_id: 1,
            community_id: 1,
            community_name: "La Esperanza".into(),
            head_sex: head,
            head_age_band: age,
            members: members.cells(),
            member_total: members.total(),
            indigenous: false,
            cooperative: (id % 2 == 1).then(|| "Coop".to_owned()),
            cooperative_counts: CooperativeCounts {
                members_female: 1,
                members_male: 1,
                leaders_female: u32::from(head == Sex::Female),
                leaders_male: 0,
            },
            land_tenure: LandTenure::TitledOwner,
            title_holder: match id {
                1 => Some(TitleHolder::Woman),
                2 => Some(TitleHolder::Joint),
                _ => None,
            },
            enrolled_on: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            status,
            status_since: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            personal: None,
            created_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    fn support(household: i64, value: Decimal, currency: &str) -> Support {
        Support {
            id: 1,
            household_id: household,
            support: NewSupport {
                kind: SupportKind::Inputs,
                delivered_on: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
                value,
                currency: currency.into(),
                description: None,
            },
            recorded_by: "Officer".into(),
            recorded_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn the_gender_view_of_four_households_worked_out_by_hand() {
        use AgeBand::*;
        let households = [
            household(1, Sex::Female, From30To59, HouseholdStatus::Active),
            household(2, Sex::Male, From30To59, HouseholdStatus::Active),
            household(3, Sex::Female, From18To29, HouseholdStatus::Enrolled),
            // Withdrawn: left out of everything, its support too.
            household(4, Sex::Female, From60, HouseholdStatus::Withdrawn),
        ];
        let view = gender_view(
            &households,
            &[
                support(1, dec!(100.50), "PEN"),
                support(1, dec!(49.50), "PEN"),
                support(3, dec!(200), "PEN"),
                support(2, dec!(300000), "COP"),
                support(4, dec!(999), "PEN"),
            ],
            &[
                (2, "COP".into(), dec!(1500000)),
                (1, "PEN".into(), dec!(80)),
            ],
        );
        assert_eq!(view.households, 3);
        assert_eq!(view.women_headed, 2);
        assert_eq!(view.women_headed_percent, Some(dec!(66.7)));
        let beneficiaries = Members::from_cells(&view.beneficiaries);
        // Two girls under 18 in each of the three households, plus the heads.
        assert_eq!(beneficiaries.get(Sex::Female, Under18), 6);
        assert_eq!(beneficiaries.of_sex(Sex::Female), 8);
        assert_eq!(beneficiaries.of_sex(Sex::Male), 1);
        let support: Vec<(Sex, AgeBand, &str, Decimal, u32)> = view
            .support
            .iter()
            .map(|m| {
                (
                    m.sex,
                    m.age_band,
                    m.currency.as_str(),
                    m.total,
                    m.households,
                )
            })
            .collect();
        assert_eq!(
            support,
            vec![
                (Sex::Female, From18To29, "PEN", dec!(200), 1),
                (Sex::Female, From30To59, "PEN", dec!(150.00), 1),
                (Sex::Male, From30To59, "COP", dec!(300000), 1),
            ]
        );
        assert_eq!(view.income.len(), 2);
        // Households 1 and 3 are in a cooperative, both women-headed.
        assert_eq!(view.in_cooperative, (2, 0));
        assert_eq!(view.cooperatives.members_female, 2);
        assert_eq!(view.cooperatives.leaders_female, 2);
        assert_eq!(
            view.titles,
            TitlesBySex {
                woman: 1,
                joint: 1,
                none: 1,
                ..TitlesBySex::default()
            }
        );
        assert_eq!(gender_view(&[], &[], &[]).women_headed_percent, None);
    }
}
