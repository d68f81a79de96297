//! Who may do what: roles, the scopes they are granted in, the actions they allow, and the one
//! rule that decides ([`allows`]). The server asks it for every operation; pages ask it only to
//! hide what the user may not do.

use crate::i18n::{Locale, Msg};
use crate::validation::{FieldError, Problem};
use serde::{Deserialize, Serialize};

/// A role, as program staff know them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    /// Manages accounts and everything else in their scope.
    Administrator,
    /// Designs projects, sets targets and budgets, writes donor reports.
    ProgramOfficer,
    /// Owns the results framework, approves field data, checks quality.
    MeOfficer,
    /// Visits households and plots in the communities assigned.
    FieldMonitor,
    /// Reads reports and dashboards of the projects it funds, and nothing else.
    DonorViewer,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 5] = [
        Role::Administrator,
        Role::ProgramOfficer,
        Role::MeOfficer,
        Role::FieldMonitor,
        Role::DonorViewer,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::ProgramOfficer => "program_officer",
            Role::MeOfficer => "me_officer",
            Role::FieldMonitor => "field_monitor",
            Role::DonorViewer => "donor_viewer",
        }
    }

    /// Reads a code.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        locale.t(match self {
            Role::Administrator => Msg::RoleAdministrator,
            Role::ProgramOfficer => Msg::RoleProgramOfficer,
            Role::MeOfficer => Msg::RoleMeOfficer,
            Role::FieldMonitor => Msg::RoleFieldMonitor,
            Role::DonorViewer => Msg::RoleDonorViewer,
        })
    }

    /// Whether this role allows `action` (within the scope it is granted in).
    pub fn allows(self, action: Action) -> bool {
        use Action::*;
        match self {
            Role::Administrator => true,
            Role::ProgramOfficer => matches!(
                action,
                ViewProgram
                    | ViewProject
                    | ViewCommunity
                    | CreateProgram
                    | CreateProject
                    | EditProject
                    | EditResultsFramework
                    | CreateCommunity
                    | ManageDonors
                    | ManageFunding
                    | ViewFunding
                    | PublishReports
                    | ViewPersonalData
                    | ViewHouseholds
                    | EditHouseholds
                    | EnterActuals
            ),
            Role::MeOfficer => matches!(
                action,
                ViewProgram
                    | ViewProject
                    | ViewCommunity
                    | EditResultsFramework
                    | ViewPersonalData
                    | ViewAudit
                    | ViewHouseholds
                    | EditHouseholds
                    | EnterActuals
                    | ApproveActuals
                    | ViewFunding
                    | PublishReports
            ),
            Role::FieldMonitor => matches!(
                action,
                ViewProgram
                    | ViewProject
                    | ViewCommunity
                    | ViewPersonalData
                    | ViewHouseholds
                    | EditHouseholds
            ),
            Role::DonorViewer => matches!(
                action,
                ViewProgram | ViewProject | ViewCommunity | ViewFunding
            ),
        }
    }
}

/// Something a user may do; each operation of the product names the action it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// See a program (its name, description, the projects one may see).
    ViewProgram,
    /// Create a program in one's organisation.
    CreateProgram,
    /// See a project.
    ViewProject,
    /// Create a project in a program.
    CreateProject,
    /// Change a project and its plan: its facts, area, communities' places, baselines,
    /// components and activities, livelihood plans, budget lines and safeguards.
    EditProject,
    /// Change a project's results framework: results, indicators, their baselines and targets.
    EditResultsFramework,
    /// Add donors to the organisation's list.
    ManageDonors,
    /// See a community (its name and municipality).
    ViewCommunity,
    /// Add a community to a project.
    CreateCommunity,
    /// See names, phone numbers and exact plot locations of beneficiaries.
    ViewPersonalData,
    /// See a community's household records (pseudonymous: codes, members, tenure, status).
    /// Donor viewers never see records of people, only figures added up.
    ViewHouseholds,
    /// Register households, change them and their status.
    EditHouseholds,
    /// Create accounts, hand out invitations, change roles.
    ManageUsers,
    /// Browse the audit trail.
    ViewAudit,
    /// Enter indicator actuals for a reporting period and submit them for approval.
    EnterActuals,
    /// Approve submitted indicator actuals, or return them with a comment.
    ApproveActuals,
    /// Keep the organisation's funding records: exchange rates, funding agreements, their
    /// tranches and transactions.
    ManageFunding,
    /// Read funding agreements, tranches, transactions and funding figures. A donor viewer
    /// reads only those of the donor it is granted ([`Scope::Donor`]), never another donor's.
    ViewFunding,
    /// Publish what the organisation reports of its projects: IATI files and donor reports.
    /// Published outputs never hold names, phones or household places, and withhold small
    /// counts ([`crate::protection`]).
    PublishReports,
}

/// Where a grant applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Scope {
    /// Everywhere.
    Global,
    /// Everything of one organisation.
    Organisation(i64),
    /// One program and its projects.
    Program(i64),
    /// One project.
    Project(i64),
    /// One community (village, vereda) of a project: what a field monitor is assigned.
    Community(i64),
    /// One donor: its funding agreements and transactions, and the projects it funds (named
    /// in the project's donors or earmarked by one of its agreements). What a donor viewer is
    /// granted.
    Donor(i64),
}

impl Scope {
    /// The stable code of the scope's kind.
    pub fn kind_code(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Organisation(_) => "organisation",
            Scope::Program(_) => "program",
            Scope::Project(_) => "project",
            Scope::Community(_) => "community",
            Scope::Donor(_) => "donor",
        }
    }

    /// The scope's id (0 for global).
    pub fn id(self) -> i64 {
        match self {
            Scope::Global => 0,
            Scope::Organisation(id)
            | Scope::Program(id)
            | Scope::Project(id)
            | Scope::Community(id)
            | Scope::Donor(id) => id,
        }
    }

    /// Every kind of scope, as the account form offers them.
    pub const KINDS: [&'static str; 6] = [
        "global",
        "organisation",
        "program",
        "project",
        "community",
        "donor",
    ];

    /// The translated name of a scope kind (`global`, `organisation`, `program`, `project`).
    pub fn kind_name(kind: &str, locale: Locale) -> Option<&'static str> {
        let msg = match kind {
            "global" => Msg::ScopeGlobal,
            "organisation" => Msg::ScopeOrganisation,
            "program" => Msg::ScopeProgram,
            "project" => Msg::ScopeProject,
            "community" => Msg::ScopeCommunity,
            "donor" => Msg::ScopeDonor,
            _ => return None,
        };
        Some(locale.t(msg))
    }

    /// Where the scope is, for people: "Everywhere", "Program 3".
    pub fn describe(self, locale: Locale) -> String {
        let kind = Scope::kind_name(self.kind_code(), locale).unwrap_or_default();
        match self {
            Scope::Global => kind.to_owned(),
            Scope::Organisation(id)
            | Scope::Program(id)
            | Scope::Project(id)
            | Scope::Community(id)
            | Scope::Donor(id) => format!("{kind} {id}"),
        }
    }

    /// Reads a stored scope.
    pub fn from_parts(kind: &str, id: i64) -> Option<Scope> {
        match kind {
            "global" => Some(Scope::Global),
            "organisation" => Some(Scope::Organisation(id)),
            "program" => Some(Scope::Program(id)),
            "project" => Some(Scope::Project(id)),
            "community" => Some(Scope::Community(id)),
            "donor" => Some(Scope::Donor(id)),
            _ => None,
        }
    }
}

/// A role granted in a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Grant {
    /// The role.
    pub role: Role,
    /// Where it applies.
    pub scope: Scope,
}

/// Where a thing sits: its organisation, program and project (as far as they apply).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// The owning organisation.
    pub organisation: Option<i64>,
    /// The program.
    pub program: Option<i64>,
    /// The project.
    pub project: Option<i64>,
    /// The community.
    pub community: Option<i64>,
    /// The donor, for a funding record (an agreement, its tranches and transactions).
    pub donor: Option<i64>,
}

impl Place {
    /// An organisation as a whole (creating a program in it).
    pub fn organisation(organisation: i64) -> Place {
        Place {
            organisation: Some(organisation),
            ..Place::default()
        }
    }

    /// A program.
    pub fn program(organisation: i64, program: i64) -> Place {
        Place {
            organisation: Some(organisation),
            program: Some(program),
            ..Place::default()
        }
    }

    /// A project.
    pub fn project(organisation: i64, program: i64, project: i64) -> Place {
        Place {
            organisation: Some(organisation),
            program: Some(program),
            project: Some(project),
            community: None,
            donor: None,
        }
    }

    /// The same place, one level down: a community of this project.
    pub fn with_community(self, community: i64) -> Place {
        Place {
            community: Some(community),
            ..self
        }
    }

    /// The same place, as a record of a donor's funding.
    pub fn of_donor(self, donor: Option<i64>) -> Place {
        Place { donor, ..self }
    }
}

impl Grant {
    /// The role and where it applies, for people: "Field monitor · Project 4".
    pub fn describe(&self, locale: Locale) -> String {
        format!(
            "{} · {}",
            self.role.name(locale),
            self.scope.describe(locale)
        )
    }
}

/// A project a donor funds, as the caller's donor grants reach it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Funded {
    /// The donor.
    pub donor: i64,
    /// The project's program.
    pub program: i64,
    /// The project.
    pub project: i64,
}

impl Grant {
    /// Whether this grant allows `action` at all. A donor viewer reads funding records only
    /// through a grant for its donor: a project grant would show other donors' agreements.
    pub fn allows(&self, action: Action) -> bool {
        self.role.allows(action)
            && !(self.role == Role::DonorViewer
                && action == Action::ViewFunding
                && !matches!(self.scope, Scope::Donor(_)))
    }

    /// Whether this grant's scope covers `place` (a donor's grant covers that donor's funding
    /// records; the projects it funds are known only to the [`Caller`]).
    pub fn covers(&self, place: &Place) -> bool {
        match self.scope {
            Scope::Global => true,
            Scope::Organisation(id) => place.organisation == Some(id),
            Scope::Program(id) => place.program == Some(id),
            Scope::Project(id) => place.project == Some(id),
            Scope::Community(id) => place.community == Some(id),
            Scope::Donor(id) => place.donor == Some(id),
        }
    }

    /// Whether this grant reaches into `place` at all: it covers it, or covers something inside
    /// it (a project grant reaches its program, so the program's name can be shown).
    pub fn reaches(&self, place: &Place, inside: &[Place]) -> bool {
        self.covers(place) || inside.iter().any(|p| self.covers(p))
    }
}

/// Who is asking: a signed-in user (through a session or an API token) or nobody.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    /// The user's id; `None` for an anonymous caller.
    pub user_id: Option<i64>,
    /// The user's email, for the audit trail.
    pub email: String,
    /// The user's name, for the interface.
    pub display_name: String,
    /// The user's organisation.
    pub organisation_id: Option<i64>,
    /// The roles granted to the user (or to the API token used).
    pub grants: Vec<Grant>,
    /// The projects the donors of its donor grants fund, looked up when the caller is loaded.
    #[serde(default)]
    pub funded: Vec<Funded>,
    /// The projects an API token is limited to, when the caller comes with such a token (its
    /// grants are then those projects'); `None` for a session or a token without limits. A
    /// limited caller never makes anything that reaches further than its limits.
    #[serde(default)]
    pub token_projects: Option<Vec<i64>>,
}

impl Caller {
    /// Nobody signed in.
    pub fn anonymous() -> Caller {
        Caller::default()
    }

    /// Whether someone is signed in.
    pub fn is_signed_in(&self) -> bool {
        self.user_id.is_some()
    }

    /// The one rule: a caller may take `action` on `place` when one of its grants allows the
    /// action and covers the place.
    pub fn may(&self, action: Action, place: &Place) -> bool {
        self.grants
            .iter()
            .any(|g| g.allows(action) && self.grant_covers(g, place, action))
    }

    /// Whether `grant` covers `place`: its scope does, or it is a donor's grant and the place
    /// is (in) a project the donor funds. The projects a donor funds never open other records
    /// of funding than the donor's own.
    fn grant_covers(&self, grant: &Grant, place: &Place, action: Action) -> bool {
        grant.covers(place)
            || match grant.scope {
                Scope::Donor(donor) => {
                    action != Action::ViewFunding
                        && place.donor.is_none()
                        && place.project.is_some_and(|p| {
                            self.funded
                                .iter()
                                .any(|f| f.donor == donor && f.project == p)
                        })
                }
                _ => false,
            }
    }

    /// The donors whose funding of `place` (a project, or a program: any of its projects) the
    /// caller reads as their donor viewer.
    pub fn donor_views_of(&self, place: &Place) -> Vec<i64> {
        let mut donors: Vec<i64> = self
            .grants
            .iter()
            .filter(|g| g.allows(Action::ViewFunding))
            .filter_map(|g| match g.scope {
                Scope::Donor(donor) => Some(donor),
                _ => None,
            })
            .filter(|donor| {
                self.funded.iter().any(|f| {
                    f.donor == *donor
                        && match place.project {
                            Some(project) => f.project == project,
                            None => place.program == Some(f.program),
                        }
                })
            })
            .collect();
        donors.sort_unstable();
        donors.dedup();
        donors
    }

    /// Whether any grant allows `action` somewhere (to show or hide a menu entry).
    pub fn may_somewhere(&self, action: Action) -> bool {
        self.grants.iter().any(|g| g.allows(action))
    }

    /// Whether any grant reaches into `place`, or into one of the places `inside` it (its
    /// projects and communities), with `action`.
    pub fn reaches(&self, action: Action, place: &Place, inside: &[Place]) -> bool {
        self.grants.iter().any(|g| {
            g.allows(action)
                && std::iter::once(place)
                    .chain(inside)
                    .any(|p| self.grant_covers(g, p, action))
        })
    }
}

/// The signed-in user as the interface shows it: name, roles and which menus to offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    /// The name shown.
    pub display_name: String,
    /// The email.
    pub email: String,
    /// The roles held, with their scopes.
    pub grants: Vec<Grant>,
    /// Whether "New program" is offered.
    pub can_create_program: bool,
    /// Whether user administration is offered.
    pub can_manage_users: bool,
    /// Whether the audit trail is offered.
    pub can_view_audit: bool,
    /// Whether the user may record monitoring visits somewhere (the field-entry page is theirs).
    #[serde(default)]
    pub can_record_visits: bool,
}

impl Me {
    /// The signed-in user's view of itself; `None` when nobody is signed in.
    pub fn of(caller: &Caller) -> Option<Me> {
        caller.is_signed_in().then(|| Me {
            display_name: caller.display_name.clone(),
            email: caller.email.clone(),
            grants: caller.grants.clone(),
            can_create_program: caller
                .organisation_id
                .is_some_and(|o| caller.may(Action::CreateProgram, &Place::organisation(o))),
            can_manage_users: caller.may_somewhere(Action::ManageUsers),
            can_view_audit: caller.may_somewhere(Action::ViewAudit),
            can_record_visits: caller.may_somewhere(Action::EditHouseholds),
        })
    }
}

/// The sign-in form as typed (the password is never kept or sent back).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginForm {
    /// The email typed.
    pub email: String,
    /// Where to go after signing in (a path on this site).
    pub next: String,
}

crate::text_form_from_pairs!(LoginForm { email, next });

/// The fewest characters in a password.
pub const PASSWORD_MIN: u32 = 10;
/// The most characters in a password (argon2 takes any length; this bounds the work).
pub const PASSWORD_MAX: u32 = 200;

/// A new password: at least 10 characters, not all the same character, not the email.
pub fn new_password(field: &str, password: &str, email: &str) -> Result<String, FieldError> {
    let count = password.chars().count();
    if count == 0 {
        return Err(FieldError::new(field, Problem::Required));
    }
    if count > PASSWORD_MAX as usize {
        return Err(FieldError::new(
            field,
            Problem::TooLong { max: PASSWORD_MAX },
        ));
    }
    let first = password.chars().next();
    let monotonous = password.chars().all(|c| Some(c) == first);
    if count < PASSWORD_MIN as usize || monotonous || password.eq_ignore_ascii_case(email.trim()) {
        return Err(FieldError::new(
            field,
            Problem::WeakPassword { min: PASSWORD_MIN },
        ));
    }
    Ok(password.to_owned())
}

/// An email address: trimmed, lower-cased, one `@` with text on both sides and a dot after it.
pub fn email(field: &str, raw: &str) -> Result<String, FieldError> {
    let text = raw.trim().to_lowercase();
    if text.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    let valid = text.len() <= 254
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
        && text.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if valid {
        Ok(text)
    } else {
        Err(FieldError::new(field, Problem::InvalidEmail))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(grants: &[(Role, Scope)]) -> Caller {
        Caller {
            user_id: Some(1),
            grants: grants
                .iter()
                .map(|&(role, scope)| Grant { role, scope })
                .collect(),
            ..Caller::default()
        }
    }

    #[test]
    fn nobody_signed_in_may_do_nothing() {
        let anonymous = Caller::anonymous();
        assert!(!anonymous.may(Action::ViewProgram, &Place::program(1, 1)));
        assert!(!anonymous.is_signed_in());
    }

    #[test]
    fn a_donor_viewer_granted_a_donor_sees_its_projects_and_only_its_own_funding_records() {
        let mut donor = caller(&[(Role::DonorViewer, Scope::Donor(4))]);
        donor.funded = vec![Funded {
            donor: 4,
            program: 2,
            project: 7,
        }];
        let funded = Place::project(1, 2, 7);
        assert!(donor.may(Action::ViewProject, &funded));
        assert!(!donor.may(Action::ViewProject, &Place::project(1, 2, 8)));
        assert!(donor.reaches(Action::ViewProgram, &Place::program(1, 2), &[funded]));
        // Its own agreement on the project, not another donor's, nor spending of no agreement.
        assert!(donor.may(Action::ViewFunding, &funded.of_donor(Some(4))));
        assert!(!donor.may(Action::ViewFunding, &funded.of_donor(Some(5))));
        assert!(!donor.may(Action::ViewFunding, &funded));
        assert_eq!(donor.donor_views_of(&funded), [4]);
        assert_eq!(donor.donor_views_of(&Place::program(1, 2)), [4]);
        assert!(donor.donor_views_of(&Place::project(1, 2, 8)).is_empty());
        assert!(!donor.may(Action::ViewPersonalData, &funded));
        // A donor viewer granted a project reads no funding records at all.
        let project = caller(&[(Role::DonorViewer, Scope::Project(7))]);
        assert!(!project.may(Action::ViewFunding, &funded.of_donor(Some(4))));
        // A program officer of the organisation reads every donor's.
        let officer = caller(&[(Role::ProgramOfficer, Scope::Organisation(1))]);
        assert!(officer.may(Action::ViewFunding, &funded.of_donor(Some(5))));
    }

    #[test]
    fn a_donor_viewer_sees_only_the_projects_it_is_granted_and_never_personal_data() {
        let donor = caller(&[(Role::DonorViewer, Scope::Project(7))]);
        assert!(donor.may(Action::ViewProject, &Place::project(1, 2, 7)));
        assert!(!donor.may(Action::ViewProject, &Place::project(1, 2, 8)));
        assert!(!donor.may(Action::ViewPersonalData, &Place::project(1, 2, 7)));
        assert!(!donor.may(
            Action::ViewHouseholds,
            &Place::project(1, 2, 7).with_community(3)
        ));
        assert!(!donor.may(Action::CreateProject, &Place::program(1, 2)));
        let inside = [Place::project(1, 2, 7), Place::project(1, 2, 8)];
        assert!(donor.reaches(Action::ViewProgram, &Place::program(1, 2), &inside));
        let elsewhere = [Place::project(1, 3, 9)];
        assert!(!donor.reaches(Action::ViewProgram, &Place::program(1, 3), &elsewhere));
    }

    #[test]
    fn a_field_monitor_reaches_only_the_communities_assigned_to_it() {
        let monitor = caller(&[(Role::FieldMonitor, Scope::Community(30))]);
        let project = Place::project(1, 2, 7);
        assert!(monitor.may(Action::ViewCommunity, &project.with_community(30)));
        assert!(!monitor.may(Action::ViewCommunity, &project.with_community(31)));
        assert!(!monitor.may(Action::ViewProject, &project));
        assert!(monitor.reaches(Action::ViewProject, &project, &[project.with_community(30)]));
        assert!(!monitor.reaches(Action::ViewProject, &project, &[project.with_community(31)]));
        assert!(!monitor.may(Action::CreateCommunity, &project));
        assert!(monitor.may(Action::EditHouseholds, &project.with_community(30)));
        assert!(!monitor.may(Action::ViewHouseholds, &project.with_community(31)));
    }

    #[test]
    fn a_program_officer_works_within_its_organisation_only() {
        let officer = caller(&[(Role::ProgramOfficer, Scope::Organisation(1))]);
        assert!(officer.may(Action::CreateProgram, &Place::organisation(1)));
        assert!(officer.may(Action::CreateProject, &Place::program(1, 5)));
        assert!(!officer.may(Action::CreateProject, &Place::program(2, 6)));
        assert!(!officer.may(Action::ManageUsers, &Place::organisation(1)));
        assert!(!officer.may(Action::ViewAudit, &Place::organisation(1)));
    }

    #[test]
    fn an_me_officer_reads_the_audit_trail_but_creates_no_projects() {
        let me = caller(&[(Role::MeOfficer, Scope::Program(5))]);
        assert!(me.may(Action::ViewAudit, &Place::program(1, 5)));
        assert!(!me.may(Action::CreateProject, &Place::program(1, 5)));
        assert!(me.may_somewhere(Action::ViewAudit));
    }

    #[test]
    fn a_global_administrator_may_do_everything() {
        let admin = caller(&[(Role::Administrator, Scope::Global)]);
        assert!(admin.may(Action::ManageUsers, &Place::default()));
        assert!(admin.may(Action::CreateProject, &Place::program(9, 9)));
    }

    #[test]
    fn passwords_must_be_long_and_not_trivial() {
        assert!(new_password("p", "correct horse battery", "a@b.co").is_ok());
        assert_eq!(
            new_password("p", "short", "a@b.co")
                .unwrap_err()
                .problem
                .code(),
            "weak_password"
        );
        assert_eq!(
            new_password("p", "aaaaaaaaaaaa", "a@b.co")
                .unwrap_err()
                .problem
                .code(),
            "weak_password"
        );
        assert_eq!(
            new_password("p", "me@example.org", "me@example.org")
                .unwrap_err()
                .problem
                .code(),
            "weak_password"
        );
        assert_eq!(
            new_password("p", "", "a@b.co").unwrap_err().problem,
            Problem::Required
        );
    }

    #[test]
    fn emails_are_lower_cased_and_checked_for_shape() {
        assert_eq!(email("e", "  Ana@Example.ORG ").unwrap(), "ana@example.org");
        for bad in [
            "ana",
            "ana@",
            "@x.org",
            "ana@x",
            "a b@x.org",
            "a@@x.org",
            "a@x.org.",
        ] {
            assert_eq!(
                email("e", bad).unwrap_err().problem,
                Problem::InvalidEmail,
                "{bad}"
            );
        }
    }

    #[test]
    fn grants_are_described_in_the_locale() {
        let grant = Grant {
            role: Role::FieldMonitor,
            scope: Scope::Project(4),
        };
        assert_eq!(grant.describe(Locale::En), "Field monitor · Project 4");
        assert_eq!(grant.describe(Locale::Es), "Monitor de campo · Proyecto 4");
        assert_eq!(Scope::Global.describe(Locale::Es), "En todo");
        for kind in Scope::KINDS {
            assert!(Scope::kind_name(kind, Locale::En).is_some(), "{kind}");
        }
    }

    #[test]
    fn roles_and_scopes_read_back_from_their_codes() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        for scope in [
            Scope::Global,
            Scope::Organisation(3),
            Scope::Program(4),
            Scope::Project(5),
        ] {
            assert_eq!(
                Scope::from_parts(scope.kind_code(), scope.id()),
                Some(scope)
            );
        }
    }

    #[test]
    fn officers_enter_actuals_and_only_m_and_e_officers_and_administrators_approve_them() {
        use Role::*;
        for (role, enters, approves) in [
            (Administrator, true, true),
            (ProgramOfficer, true, false),
            (MeOfficer, true, true),
            (FieldMonitor, false, false),
            (DonorViewer, false, false),
        ] {
            assert_eq!(role.allows(Action::EnterActuals), enters, "{role:?}");
            assert_eq!(role.allows(Action::ApproveActuals), approves, "{role:?}");
        }
    }

    #[test]
    fn officers_publish_reports_and_field_monitors_and_donor_viewers_do_not() {
        use Role::*;
        for (role, publishes) in [
            (Administrator, true),
            (ProgramOfficer, true),
            (MeOfficer, true),
            (FieldMonitor, false),
            (DonorViewer, false),
        ] {
            assert_eq!(role.allows(Action::PublishReports), publishes, "{role:?}");
        }
    }
}
