//! The household registry: who takes part in a project, counted by sex, age band and indigenous
//! status, with a pseudonymous code instead of a name. Names and phone numbers are optional,
//! kept encrypted by the server and shown only to the roles that may see personal data; every
//! other figure here can be added up for reports without pointing at a person.

use crate::crop::coded_enum;
use crate::i18n::Locale;
use crate::indicator::{AgeBand, Sex};
use crate::validation::{
    Collector, FieldError, Problem, choice, date, flag, optional_text, whole_number,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Where a household stands in a project.
    HouseholdStatus {
        Enrolled => "enrolled", "Enrolled", "Inscrito";
        Active => "active", "Active", "Activo";
        Suspended => "suspended", "Suspended", "Suspendido";
        Withdrawn => "withdrawn", "Withdrawn", "Retirado";
    }
}

coded_enum! {
    /// How the household holds the land it farms.
    LandTenure {
        TitledOwner => "titled_owner", "Owner with a title", "Propietario con título";
        UntitledPossession => "untitled_possession", "Possession without a title", "Posesión sin título";
        Tenant => "tenant", "Tenant", "Arrendatario";
        Sharecropper => "sharecropper", "Sharecropper", "Aparcero";
        CollectiveLand => "collective_land", "Collective or communal land", "Tierra colectiva o comunal";
        NoLand => "no_land", "No land of its own", "Sin tierra propia";
    }
}

coded_enum! {
    /// In whose name the land title is (land titles by sex are a gender indicator).
    TitleHolder {
        Woman => "woman", "A woman of the household", "Una mujer del hogar";
        Man => "man", "A man of the household", "Un hombre del hogar";
        Joint => "joint", "Jointly, a woman and a man", "Conjunto, mujer y hombre";
        Collective => "collective", "The community (collective title)", "La comunidad (título colectivo)";
    }
}

impl HouseholdStatus {
    /// Whether a household in this status may move to `next`: never back to enrolled, never
    /// out of withdrawn.
    pub fn may_become(self, next: HouseholdStatus) -> bool {
        self != next && self != HouseholdStatus::Withdrawn && next != HouseholdStatus::Enrolled
    }
}

impl LandTenure {
    /// The title holders this tenure allows: a titled owner's title is in a woman's, a man's or
    /// both names; collective land may have a collective title; other tenures have none.
    pub fn title_holders(self) -> &'static [TitleHolder] {
        match self {
            LandTenure::TitledOwner => &[TitleHolder::Woman, TitleHolder::Man, TitleHolder::Joint],
            LandTenure::CollectiveLand => &[TitleHolder::Collective],
            _ => &[],
        }
    }
}

/// The most members of one sex and age band a household form takes.
pub const MEMBERS_MAX: i64 = 40;
/// The longest name kept.
pub const PERSON_NAME_MAX: u32 = 120;
/// The longest reason for a status change.
pub const REASON_MAX: u32 = 500;

/// The form field holding the count of members of `sex` in `age`: `members_female_18_29`.
pub fn member_field(sex: Sex, age: AgeBand) -> String {
    format!("members_{}_{}", sex.code(), age.code())
}

/// Members counted by sex and age band.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Members {
    counts: [[u32; 4]; 2],
}

fn sex_index(sex: Sex) -> usize {
    Sex::ALL.iter().position(|s| *s == sex).unwrap_or(0)
}

fn age_index(age: AgeBand) -> usize {
    AgeBand::ALL.iter().position(|a| *a == age).unwrap_or(0)
}

impl Members {
    /// The count in one cell.
    pub fn get(&self, sex: Sex, age: AgeBand) -> u32 {
        self.counts[sex_index(sex)][age_index(age)]
    }

    /// Sets the count in one cell.
    pub fn set(&mut self, sex: Sex, age: AgeBand, count: u32) {
        self.counts[sex_index(sex)][age_index(age)] = count;
    }

    /// Members of one sex.
    pub fn of_sex(&self, sex: Sex) -> u32 {
        self.counts[sex_index(sex)].iter().sum()
    }

    /// Every member.
    pub fn total(&self) -> u32 {
        Sex::ALL.iter().map(|s| self.of_sex(*s)).sum()
    }

    /// Every cell, women first and youngest first, as the API lists them.
    pub fn cells(&self) -> Vec<MemberCount> {
        Sex::ALL
            .iter()
            .flat_map(|sex| {
                AgeBand::ALL.iter().map(move |age| MemberCount {
                    sex: *sex,
                    age_band: *age,
                    count: self.get(*sex, *age),
                })
            })
            .collect()
    }

    /// Reads cells back (missing cells are zero).
    pub fn from_cells(cells: &[MemberCount]) -> Members {
        let mut members = Members::default();
        for cell in cells {
            members.set(cell.sex, cell.age_band, cell.count);
        }
        members
    }
}

/// The members of one sex and age band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberCount {
    /// Sex.
    pub sex: Sex,
    /// Age band.
    pub age_band: AgeBand,
    /// How many.
    pub count: u32,
}

/// A household as typed in the registry form or sent to the API: every value as text, so a form
/// with problems comes back exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdForm {
    /// The community's id (one of the project's).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub community_id: String,
    /// The head of household's sex: `female` or `male`.
    pub head_sex: String,
    /// The head of household's age band: `under_18`, `18_29`, `30_59`, `60_plus`.
    pub head_age_band: String,
    /// Women and girls under 18.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub members_female_under_18: String,
    /// Women 18–29.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub members_female_18_29: String,
    /// Women 30–59.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub members_female_30_59: String,
    /// Women 60 and over.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub members_female_60_plus: String,
    /// Men and boys under 18.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub members_male_under_18: String,
    /// Men 18–29.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub members_male_18_29: String,
    /// Men 30–59.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub members_male_30_59: String,
    /// Men 60 and over.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub members_male_60_plus: String,
    /// Whether the household is indigenous: `true` or `false` (default).
    #[serde(deserialize_with = "crate::project::string_or_bool")]
    #[cfg_attr(feature = "openapi", schema(value_type = bool))]
    pub indigenous: String,
    /// The cooperative or producers' association it belongs to, if any.
    pub cooperative: String,
    /// Women of the household who are members of it.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub cooperative_members_female: String,
    /// Men of the household who are members of it.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub cooperative_members_male: String,
    /// Women of the household on its board or in its leadership.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub cooperative_leaders_female: String,
    /// Men of the household on its board or in its leadership.
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub cooperative_leaders_male: String,
    /// Land tenure: `titled_owner`, `untitled_possession`, `tenant`, `sharecropper`,
    /// `collective_land`, `no_land`.
    pub land_tenure: String,
    /// In whose name the title is: `woman`, `man`, `joint` (titled owners) or `collective`
    /// (collective land); empty otherwise.
    pub title_holder: String,
    /// Date of enrolment, `YYYY-MM-DD`, not in the future.
    pub enrolled_on: String,
    /// The head of household's name (personal data, optional, kept encrypted).
    pub name: String,
    /// A phone number (personal data, optional, kept encrypted).
    pub phone: String,
}

crate::text_form_from_pairs!(HouseholdForm {
    community_id,
    head_sex,
    head_age_band,
    members_female_under_18,
    members_female_18_29,
    members_female_30_59,
    members_female_60_plus,
    members_male_under_18,
    members_male_18_29,
    members_male_30_59,
    members_male_60_plus,
    indigenous,
    cooperative,
    cooperative_members_female,
    cooperative_members_male,
    cooperative_leaders_female,
    cooperative_leaders_male,
    land_tenure,
    title_holder,
    enrolled_on,
    name,
    phone
});

/// Counts of a household's people in its cooperative.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CooperativeCounts {
    /// Women who are members.
    pub members_female: u32,
    /// Men who are members.
    pub members_male: u32,
    /// Women in its leadership.
    pub leaders_female: u32,
    /// Men in its leadership.
    pub leaders_male: u32,
}

/// A valid household.
#[derive(Clone, Debug, PartialEq)]
pub struct NewHousehold {
    /// The community.
    pub community_id: i64,
    /// The head of household's sex.
    pub head_sex: Sex,
    /// The head of household's age band.
    pub head_age_band: AgeBand,
    /// Members by sex and age band.
    pub members: Members,
    /// Whether it is indigenous.
    pub indigenous: bool,
    /// Its cooperative, if any.
    pub cooperative: Option<String>,
    /// Its people in the cooperative.
    pub cooperative_counts: CooperativeCounts,
    /// Land tenure.
    pub land_tenure: LandTenure,
    /// The title holder, where the tenure has a title.
    pub title_holder: Option<TitleHolder>,
    /// Date of enrolment.
    pub enrolled_on: NaiveDate,
    /// Personal data: name and phone.
    pub personal: PersonalData,
}

/// Name and phone number: personal data, for the roles that may see it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonalData {
    /// The head of household's name.
    pub name: Option<String>,
    /// A phone number.
    pub phone: Option<String>,
}

/// A phone number: 6 to 15 digits, an optional leading `+`, spaces, dashes, dots and brackets;
/// kept as typed (trimmed, spaces collapsed). Empty is `None`.
pub fn optional_phone(field: &str, raw: &str) -> Result<Option<String>, FieldError> {
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Ok(None);
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let allowed = text.char_indices().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0)
    });
    if allowed && (6..=15).contains(&digits) {
        Ok(Some(text))
    } else {
        Err(FieldError::new(field, Problem::InvalidPhone))
    }
}

fn count(field: &str, raw: &str, max: i64) -> Result<u32, FieldError> {
    if raw.trim().is_empty() {
        return Ok(0);
    }
    whole_number(field, raw, 0, max).map(|n| u32::try_from(n).unwrap_or(0))
}

/// A date that is not after `today`.
fn past_date(field: &str, raw: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let day = date(field, raw)?;
    if day > today {
        return Err(FieldError::new(field, Problem::DateInFuture));
    }
    Ok(day)
}

impl HouseholdForm {
    /// The members count typed for one cell.
    pub fn member(&self, sex: Sex, age: AgeBand) -> &str {
        match (sex, age) {
            (Sex::Female, AgeBand::Under18) => &self.members_female_under_18,
            (Sex::Female, AgeBand::From18To29) => &self.members_female_18_29,
            (Sex::Female, AgeBand::From30To59) => &self.members_female_30_59,
            (Sex::Female, AgeBand::From60) => &self.members_female_60_plus,
            (Sex::Male, AgeBand::Under18) => &self.members_male_under_18,
            (Sex::Male, AgeBand::From18To29) => &self.members_male_18_29,
            (Sex::Male, AgeBand::From30To59) => &self.members_male_30_59,
            (Sex::Male, AgeBand::From60) => &self.members_male_60_plus,
        }
    }

    /// The form filled in from a stored household (to edit it), with its personal data when the
    /// reader may see it.
    pub fn of(household: &Household) -> HouseholdForm {
        let members = Members::from_cells(&household.members);
        let cell = |sex, age| members.get(sex, age).to_string();
        let personal = household.personal.clone().unwrap_or_default();
        let coop = household.cooperative_counts;
        HouseholdForm {
            community_id: household.community_id.to_string(),
            head_sex: household.head_sex.code().to_owned(),
            head_age_band: household.head_age_band.code().to_owned(),
            members_female_under_18: cell(Sex::Female, AgeBand::Under18),
            members_female_18_29: cell(Sex::Female, AgeBand::From18To29),
            members_female_30_59: cell(Sex::Female, AgeBand::From30To59),
            members_female_60_plus: cell(Sex::Female, AgeBand::From60),
            members_male_under_18: cell(Sex::Male, AgeBand::Under18),
            members_male_18_29: cell(Sex::Male, AgeBand::From18To29),
            members_male_30_59: cell(Sex::Male, AgeBand::From30To59),
            members_male_60_plus: cell(Sex::Male, AgeBand::From60),
            indigenous: household.indigenous.to_string(),
            cooperative: household.cooperative.clone().unwrap_or_default(),
            cooperative_members_female: coop.members_female.to_string(),
            cooperative_members_male: coop.members_male.to_string(),
            cooperative_leaders_female: coop.leaders_female.to_string(),
            cooperative_leaders_male: coop.leaders_male.to_string(),
            land_tenure: household.land_tenure.code().to_owned(),
            title_holder: household
                .title_holder
                .map(|t| t.code().to_owned())
                .unwrap_or_default(),
            enrolled_on: household.enrolled_on.to_string(),
            name: personal.name.unwrap_or_default(),
            phone: personal.phone.unwrap_or_default(),
        }
    }

    /// Checks every field; `today` bounds the enrolment date.
    pub fn validate(&self, today: NaiveDate) -> Result<NewHousehold, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let community_id = ok.take(
            whole_number("community_id", &self.community_id, 1, i64::MAX)
                .map_err(|e| FieldError::new(e.field, Problem::Required)),
        );
        let head_sex = ok.take(choice("head_sex", &self.head_sex, Sex::from_code));
        let head_age_band = ok.take(choice(
            "head_age_band",
            &self.head_age_band,
            AgeBand::from_code,
        ));
        let mut members = Members::default();
        let mut members_ok = true;
        for sex in Sex::ALL {
            for age in AgeBand::ALL {
                let field = member_field(sex, age);
                match ok.take(count(&field, self.member(sex, age), MEMBERS_MAX)) {
                    Some(n) => members.set(sex, age, n),
                    None => members_ok = false,
                }
            }
        }
        if let (Some(sex), Some(age)) = (head_sex, head_age_band)
            && members_ok
            && members.get(sex, age) == 0
        {
            errors.push(FieldError::new(
                member_field(sex, age),
                Problem::HeadNotCounted,
            ));
        }
        let mut ok = Collector(&mut errors);
        let indigenous = ok.take(flag("indigenous", &self.indigenous));
        let cooperative = ok.take(optional_text(
            "cooperative",
            &self.cooperative,
            crate::program::NAME_MAX,
        ));
        let counts = [
            (
                "cooperative_members_female",
                &self.cooperative_members_female,
            ),
            ("cooperative_members_male", &self.cooperative_members_male),
            (
                "cooperative_leaders_female",
                &self.cooperative_leaders_female,
            ),
            ("cooperative_leaders_male", &self.cooperative_leaders_male),
        ]
        .map(|(field, raw)| ok.take(count(field, raw, MEMBERS_MAX * 4)));
        let land_tenure = ok.take(choice(
            "land_tenure",
            &self.land_tenure,
            LandTenure::from_code,
        ));
        let title_holder = match self.title_holder.trim() {
            "" => Some(None),
            code => ok.take(
                TitleHolder::from_code(code)
                    .map(Some)
                    .ok_or_else(|| FieldError::new("title_holder", Problem::UnknownChoice)),
            ),
        };
        let enrolled_on = ok.take(past_date("enrolled_on", &self.enrolled_on, today));
        let name = ok.take(optional_text("name", &self.name, PERSON_NAME_MAX));
        let phone = ok.take(optional_phone("phone", &self.phone));
        if let (Some(tenure), Some(holder)) = (land_tenure, title_holder) {
            match holder {
                Some(h) if !tenure.title_holders().contains(&h) => {
                    errors.push(FieldError::new("title_holder", Problem::NotApplicable));
                }
                None if tenure == LandTenure::TitledOwner => {
                    errors.push(FieldError::new("title_holder", Problem::Required));
                }
                _ => {}
            }
        }
        let cooperative_counts = match counts {
            [Some(mf), Some(mm), Some(lf), Some(lm)] => {
                let coop = CooperativeCounts {
                    members_female: mf,
                    members_male: mm,
                    leaders_female: lf,
                    leaders_male: lm,
                };
                if members_ok {
                    for (field, n, max) in [
                        (
                            "cooperative_members_female",
                            mf,
                            members.of_sex(Sex::Female),
                        ),
                        ("cooperative_members_male", mm, members.of_sex(Sex::Male)),
                        ("cooperative_leaders_female", lf, mf),
                        ("cooperative_leaders_male", lm, mm),
                    ] {
                        if n > max {
                            errors.push(FieldError::new(field, Problem::ExceedsMembers { max }));
                        }
                    }
                }
                Some(coop)
            }
            _ => None,
        };
        match (
            community_id,
            head_sex,
            head_age_band,
            indigenous,
            cooperative,
            cooperative_counts,
            land_tenure,
            title_holder,
            enrolled_on,
            name,
            phone,
        ) {
            (
                Some(community_id),
                Some(head_sex),
                Some(head_age_band),
                Some(indigenous),
                Some(cooperative),
                Some(cooperative_counts),
                Some(land_tenure),
                Some(title_holder),
                Some(enrolled_on),
                Some(name),
                Some(phone),
            ) if errors.is_empty() => Ok(NewHousehold {
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
                personal: PersonalData { name, phone },
            }),
            _ => Err(errors),
        }
    }
}

/// A registered household as the registry shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Household {
    /// Id.
    pub id: i64,
    /// Its pseudonymous code (see [`household_code`]).
    pub code: String,
    /// The project.
    pub project_id: i64,
    /// The community.
    pub community_id: i64,
    /// The community's name.
    pub community_name: String,
    /// The head of household's sex.
    pub head_sex: Sex,
    /// The head of household's age band.
    pub head_age_band: AgeBand,
    /// Members by sex and age band (all eight cells).
    pub members: Vec<MemberCount>,
    /// Every member.
    pub member_total: u32,
    /// Whether it is indigenous.
    pub indigenous: bool,
    /// Its cooperative, if any.
    pub cooperative: Option<String>,
    /// Its people in the cooperative and its leadership.
    pub cooperative_counts: CooperativeCounts,
    /// Land tenure.
    pub land_tenure: LandTenure,
    /// In whose name the title is, if titled.
    pub title_holder: Option<TitleHolder>,
    /// Date of enrolment.
    pub enrolled_on: NaiveDate,
    /// Its status now.
    pub status: HouseholdStatus,
    /// Since when.
    pub status_since: NaiveDate,
    /// Name and phone: present only for readers who may see personal data.
    pub personal: Option<PersonalData>,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
}

/// One change of a household's status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    /// The new status.
    pub status: HouseholdStatus,
    /// The day it took effect.
    pub changed_on: NaiveDate,
    /// Why (required for suspensions and withdrawals).
    pub reason: Option<String>,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// A household with its status history, oldest change first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdDetail {
    /// The household.
    pub household: Household,
    /// Every status it has had, enrolment first.
    pub history: Vec<StatusChange>,
}

/// A status change as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusForm {
    /// The new status: `active`, `suspended` or `withdrawn`.
    pub status: String,
    /// The day it takes effect, `YYYY-MM-DD`: not in the future, not before the last change.
    pub changed_on: String,
    /// Why; required for a suspension or a withdrawal.
    pub reason: String,
}

crate::text_form_from_pairs!(StatusForm {
    status,
    changed_on,
    reason
});

/// A valid status change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewStatusChange {
    /// The new status.
    pub status: HouseholdStatus,
    /// The day it takes effect.
    pub changed_on: NaiveDate,
    /// Why.
    pub reason: Option<String>,
}

impl StatusForm {
    /// Checks the change against the household's status now and the date of its last change.
    pub fn validate(
        &self,
        current: HouseholdStatus,
        last_change: NaiveDate,
        today: NaiveDate,
    ) -> Result<NewStatusChange, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let status = ok.take(choice("status", &self.status, HouseholdStatus::from_code));
        let changed_on = ok.take(past_date("changed_on", &self.changed_on, today));
        let reason = ok.take(optional_text("reason", &self.reason, REASON_MAX));
        if let Some(next) = status {
            let problem = if current == HouseholdStatus::Withdrawn {
                Some(Problem::HouseholdWithdrawn)
            } else if next == current {
                Some(Problem::SameStatus)
            } else if !current.may_become(next) {
                Some(Problem::NotApplicable)
            } else {
                None
            };
            if let Some(problem) = problem {
                errors.push(FieldError::new("status", problem));
            }
            let needs_reason = matches!(
                next,
                HouseholdStatus::Suspended | HouseholdStatus::Withdrawn
            );
            if needs_reason && matches!(reason, Some(None)) {
                errors.push(FieldError::new("reason", Problem::Required));
            }
        }
        if let Some(day) = changed_on
            && day < last_change
        {
            errors.push(FieldError::new(
                "changed_on",
                Problem::BeforeLastChange {
                    date: last_change.to_string(),
                },
            ));
        }
        match (status, changed_on, reason) {
            (Some(status), Some(changed_on), Some(reason)) if errors.is_empty() => {
                Ok(NewStatusChange {
                    status,
                    changed_on,
                    reason,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Which households a registry page lists.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
pub struct HouseholdFilter {
    /// Only this community (an id).
    pub community: String,
    /// Only this status (a code).
    pub status: String,
    /// Only the household with this code (typed with or without dashes).
    pub code: String,
}

crate::text_form_from_pairs!(HouseholdFilter {
    community,
    status,
    code
});

/// A project's registry as one reader may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdRegistry {
    /// The households the reader may see that pass the filter.
    pub households: Vec<Household>,
    /// The communities whose households the reader may see.
    pub communities: Vec<crate::community::Community>,
    /// The communities where the reader may register households.
    pub can_register_in: Vec<i64>,
    /// Whether names and phone numbers are shown (the reader may see personal data in at least
    /// one of these communities).
    pub shows_personal_data: bool,
}

/// One household as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdView {
    /// The household and its status history.
    pub detail: HouseholdDetail,
    /// Whether the reader may change it.
    pub can_edit: bool,
    /// The communities it may be moved to (those where the reader may register households).
    pub communities: Vec<crate::community::Community>,
    /// Its plots (their exact places only for readers who may see personal data).
    pub plots: Vec<crate::plot::Plot>,
    /// Its eradication agreements.
    pub agreements: Vec<crate::agreement::Agreement>,
    /// The support it received, oldest first.
    pub support: Vec<crate::agreement::Support>,
    /// Its monitoring visits, newest first (their positions only for readers who may see
    /// personal data).
    pub visits: Vec<crate::visit::Visit>,
}

// ------------------------------------------------------------------ codes

/// The symbols of a household code: Crockford's base 32 (digits and letters without I, L, O, U,
/// so that nothing reads as something else).
const SYMBOLS: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Symbols before the check character.
const CODE_SYMBOLS: usize = 8;

fn symbol_value(c: char) -> Option<u64> {
    let c = match c.to_ascii_uppercase() {
        'I' | 'L' => '1',
        'O' => '0',
        other => other,
    };
    SYMBOLS
        .iter()
        .position(|s| char::from(*s) == c)
        .map(|p| p as u64)
}

/// A household code made from 40 random bits: eight symbols of Crockford's base 32 and a check
/// symbol (the 40-bit number modulo 37, which catches any one mistyped symbol and any two
/// neighbours swapped), written `7K3M-Q9XD-5`. `None` when the check would fall outside the 32
/// plain symbols: draw again (about one draw in seven).
pub fn household_code(bits: u64) -> Option<String> {
    let number = bits & ((1 << 40) - 1);
    let check = number % 37;
    if check >= 32 {
        return None;
    }
    let mut symbols = [0_u8; CODE_SYMBOLS];
    for (i, slot) in symbols.iter_mut().enumerate() {
        let shift = 5 * (CODE_SYMBOLS - 1 - i);
        *slot = SYMBOLS[((number >> shift) & 31) as usize];
    }
    let text = String::from_utf8_lossy(&symbols).into_owned();
    Some(format!(
        "{}-{}-{}",
        &text[..4],
        &text[4..],
        char::from(SYMBOLS[check as usize])
    ))
}

/// Reads a household code as people type it — any case, with or without dashes or spaces, I
/// and L for 1, O for 0 — and answers it written the standard way, or
/// [`Problem::InvalidHouseholdCode`] when it is not one (the check symbol does not match).
pub fn parse_household_code(field: &str, raw: &str) -> Result<String, FieldError> {
    let invalid = || FieldError::new(field, Problem::InvalidHouseholdCode);
    let values: Vec<u64> = raw
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\u{2010}'..='\u{2015}'))
        .map(symbol_value)
        .collect::<Option<_>>()
        .ok_or_else(invalid)?;
    if values.len() != CODE_SYMBOLS + 1 {
        return Err(invalid());
    }
    let number = values[..CODE_SYMBOLS]
        .iter()
        .fold(0_u64, |n, v| (n << 5) | v);
    if number % 37 != values[CODE_SYMBOLS] {
        return Err(invalid());
    }
    household_code(number).ok_or_else(invalid)
}

/// The household's members cells named for a table heading: "Female, 18–29".
pub fn member_label(sex: Sex, age: AgeBand, locale: Locale) -> String {
    format!("{}, {}", sex.name(locale), age.name(locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
    }

    fn form() -> HouseholdForm {
        HouseholdForm {
            community_id: "3".into(),
            head_sex: "female".into(),
            head_age_band: "30_59".into(),
            members_female_30_59: "1".into(),
            members_female_under_18: "2".into(),
            members_male_30_59: "1".into(),
            indigenous: "false".into(),
            cooperative: "Cooperativa Agraria Cacaotera ACOPAGRO".into(),
            cooperative_members_female: "1".into(),
            cooperative_members_male: "1".into(),
            cooperative_leaders_female: "1".into(),
            land_tenure: "titled_owner".into(),
            title_holder: "joint".into(),
            enrolled_on: "2025-03-14".into(),
            name: " María  Quispe ".into(),
            phone: "+51 987 654 321".into(),
            ..HouseholdForm::default()
        }
    }

    fn problems(form: &HouseholdForm) -> Vec<(String, String)> {
        form.validate(today())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem.code().to_owned()))
            .collect()
    }

    fn pair(field: &str, code: &str) -> (String, String) {
        (field.to_owned(), code.to_owned())
    }

    #[test]
    fn a_complete_household_is_read_with_its_members_cooperative_title_and_personal_data() {
        let household = form().validate(today()).unwrap();
        assert_eq!(household.community_id, 3);
        assert_eq!(household.head_sex, Sex::Female);
        assert_eq!(household.members.total(), 4);
        assert_eq!(household.members.of_sex(Sex::Female), 3);
        assert_eq!(household.members.get(Sex::Female, AgeBand::Under18), 2);
        assert_eq!(household.cooperative_counts.leaders_female, 1);
        assert_eq!(household.title_holder, Some(TitleHolder::Joint));
        assert_eq!(household.personal.name.as_deref(), Some("María  Quispe"));
        assert_eq!(household.personal.phone.as_deref(), Some("+51 987 654 321"));
    }

    #[test]
    fn the_head_of_household_must_be_counted_among_the_members() {
        let mut f = form();
        f.members_female_30_59 = "0".into();
        assert_eq!(
            problems(&f),
            vec![pair("members_female_30_59", "head_not_counted")]
        );
    }

    #[test]
    fn cooperative_members_cannot_outnumber_the_household_and_leaders_its_members() {
        let mut f = form();
        f.cooperative_members_male = "2".into();
        f.cooperative_leaders_female = "2".into();
        assert_eq!(
            problems(&f),
            vec![
                pair("cooperative_members_male", "exceeds_members"),
                pair("cooperative_leaders_female", "exceeds_members"),
            ]
        );
    }

    #[test]
    fn a_title_holder_goes_with_a_titled_tenure_only() {
        let mut f = form();
        f.title_holder = String::new();
        assert_eq!(problems(&f), vec![pair("title_holder", "required")]);
        f.land_tenure = "tenant".into();
        f.title_holder = "woman".into();
        assert_eq!(problems(&f), vec![pair("title_holder", "not_applicable")]);
        f.land_tenure = "collective_land".into();
        f.title_holder = "collective".into();
        assert!(f.validate(today()).is_ok());
        f.title_holder = String::new();
        assert!(
            f.validate(today()).is_ok(),
            "collective land may be untitled"
        );
        f.land_tenure = "titled_owner".into();
        f.title_holder = "collective".into();
        assert_eq!(problems(&f), vec![pair("title_holder", "not_applicable")]);
    }

    #[test]
    fn every_bad_field_is_named_at_once_and_blank_counts_are_zero() {
        let f = HouseholdForm {
            community_id: "x".into(),
            head_sex: "other".into(),
            members_male_18_29: "-1".into(),
            members_female_60_plus: "1.5".into(),
            indigenous: "perhaps".into(),
            land_tenure: "".into(),
            enrolled_on: "2026-07-01".into(),
            phone: "call me".into(),
            ..HouseholdForm::default()
        };
        assert_eq!(
            problems(&f),
            vec![
                pair("community_id", "required"),
                pair("head_sex", "unknown_choice"),
                pair("head_age_band", "required"),
                pair("members_female_60_plus", "not_a_whole_number"),
                pair("members_male_18_29", "out_of_range"),
                pair("indigenous", "unknown_choice"),
                pair("land_tenure", "required"),
                pair("enrolled_on", "date_in_future"),
                pair("phone", "invalid_phone"),
            ]
        );
    }

    #[test]
    fn phone_numbers_keep_their_shape_and_need_six_to_fifteen_digits() {
        assert_eq!(
            optional_phone("p", " (01) 555-1234 ").unwrap().as_deref(),
            Some("(01) 555-1234")
        );
        assert_eq!(optional_phone("p", "").unwrap(), None);
        for bad in [
            "12345",
            "1234567890123456",
            "98+7654321",
            "987 654 321 ext 2",
        ] {
            assert_eq!(
                optional_phone("p", bad).unwrap_err().problem,
                Problem::InvalidPhone,
                "{bad}"
            );
        }
    }

    #[test]
    fn a_household_form_filled_from_a_stored_household_validates_to_the_same_household() {
        let new = form().validate(today()).unwrap();
        let stored = Household {
            id: 1,
            code: "0000-0001-1".into(),
            project_id: 1,
            community_id: new.community_id,
            community_name: "Tocache".into(),
            head_sex: new.head_sex,
            head_age_band: new.head_age_band,
            members: new.members.cells(),
            member_total: new.members.total(),
            indigenous: new.indigenous,
            cooperative: new.cooperative.clone(),
            cooperative_counts: new.cooperative_counts,
            land_tenure: new.land_tenure,
            title_holder: new.title_holder,
            enrolled_on: new.enrolled_on,
            status: HouseholdStatus::Enrolled,
            status_since: new.enrolled_on,
            personal: Some(new.personal.clone()),
            created_at: DateTime::<Utc>::default(),
        };
        assert_eq!(HouseholdForm::of(&stored).validate(today()).unwrap(), new);
        assert_eq!(stored.members.len(), 8);
    }

    #[test]
    fn status_changes_move_forward_never_back_to_enrolled_nor_out_of_withdrawn() {
        let last = NaiveDate::from_ymd_opt(2025, 3, 14).unwrap();
        let change = |current, status: &str, on: &str, reason: &str| {
            StatusForm {
                status: status.into(),
                changed_on: on.into(),
                reason: reason.into(),
            }
            .validate(current, last, today())
            .map_err(|e| {
                e.into_iter()
                    .map(|e| (e.field, e.problem.code().to_owned()))
                    .collect::<Vec<_>>()
            })
        };
        use HouseholdStatus::*;
        assert_eq!(
            change(Enrolled, "active", "2025-04-01", "").unwrap().status,
            Active
        );
        assert_eq!(
            change(Active, "suspended", "2025-04-01", ""),
            Err(vec![pair("reason", "required")])
        );
        assert!(change(Suspended, "active", "2025-04-01", "").is_ok());
        assert_eq!(
            change(Active, "active", "2025-04-01", ""),
            Err(vec![pair("status", "same_status")])
        );
        assert_eq!(
            change(Active, "enrolled", "2025-04-01", ""),
            Err(vec![pair("status", "not_applicable")])
        );
        assert_eq!(
            change(Withdrawn, "active", "2025-04-01", ""),
            Err(vec![pair("status", "household_withdrawn")])
        );
        assert_eq!(
            change(Active, "withdrawn", "2025-03-01", "Moved away"),
            Err(vec![pair("changed_on", "before_last_change")])
        );
        assert_eq!(
            change(Active, "withdrawn", "2026-07-01", "Moved away"),
            Err(vec![pair("changed_on", "date_in_future")])
        );
        assert!(change(Active, "withdrawn", "2025-03-14", "Moved away").is_ok());
    }

    #[test]
    fn household_codes_are_eight_symbols_and_a_check_that_catches_typing_mistakes() {
        let codes: Vec<String> = (0..2000_u64)
            .filter_map(|i| household_code(i.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
            .collect();
        assert!(codes.len() > 1500, "about six draws in seven give a code");
        for code in &codes {
            assert_eq!(code.len(), 11);
            assert_eq!(parse_household_code("c", code).unwrap(), *code);
            let plain: Vec<char> = code.chars().filter(|c| *c != '-').collect();
            // One symbol mistyped.
            for i in 0..plain.len() {
                for other in SYMBOLS.iter().map(|s| char::from(*s)) {
                    if other != plain[i] {
                        let mut typo = plain.clone();
                        typo[i] = other;
                        let typed: String = typo.iter().collect();
                        assert!(parse_household_code("c", &typed).is_err(), "{typed}");
                    }
                }
            }
            // Two neighbours swapped.
            for i in 0..plain.len() - 1 {
                if plain[i] != plain[i + 1] {
                    let mut swapped = plain.clone();
                    swapped.swap(i, i + 1);
                    let typed: String = swapped.iter().collect();
                    assert!(parse_household_code("c", &typed).is_err(), "{typed}");
                }
            }
        }
    }

    #[test]
    fn household_codes_are_read_as_people_type_them() {
        let code = (1..).find_map(household_code).unwrap();
        let lower = code.to_lowercase().replace('-', " ");
        assert_eq!(parse_household_code("c", &lower).unwrap(), code);
        let with_o = code.replace('0', "o");
        assert_eq!(parse_household_code("c", &with_o).unwrap(), code);
        for bad in [
            "",
            "7K3M-Q9XD",
            "7K3M-Q9XD-55",
            "7K3M-Q9XU-5",
            "ÑK3M-Q9XD-5",
        ] {
            assert_eq!(
                parse_household_code("c", bad).unwrap_err().problem,
                Problem::InvalidHouseholdCode,
                "{bad}"
            );
        }
    }

    #[test]
    fn every_status_tenure_and_title_has_a_name_in_both_languages() {
        for s in HouseholdStatus::ALL {
            assert_ne!(s.name(Locale::En), s.name(Locale::Es));
            assert_eq!(HouseholdStatus::from_code(s.code()), Some(*s));
        }
        for t in LandTenure::ALL {
            assert_ne!(t.name(Locale::En), t.name(Locale::Es));
        }
        for t in TitleHolder::ALL {
            assert_ne!(t.name(Locale::En), t.name(Locale::Es));
        }
        assert_eq!(
            member_label(Sex::Female, AgeBand::From18To29, Locale::Es),
            "Mujer, 18 a 29"
        );
    }
}
