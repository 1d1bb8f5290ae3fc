//! Access policy: who may do what to which records, and which fields they
//! see, decided in one place.
//!
//! Storage functions take a [`Scope`], and a `Scope` can only be obtained from
//! [`authorize`]. A handler that forgets to authorise therefore does not
//! compile: there is no way to call the store with a bare id. The scope says
//! which permission was granted, which records are in reach ([`Reach`]) and
//! which categories of field may be opened for each relationship, and carries
//! the purpose and request id that every audit event records (R27).
//!
//! The firewall (R16) is the first rule of [`authorize`]: a user of an
//! enforcement organisation (police, prosecution, immigration, border) gets
//! no scope over assistance data at all, whatever their role; they reach only
//! their own inbox of documents a survivor consented to send them.
//! Cooperation with investigators never widens or narrows assistance (R15):
//! no permission here depends on it.

use crate::ids::{OrgId, UserId};
use crate::ValidationError;

/// What an organisation is. Enforcement kinds are on the far side of the
/// firewall (R16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgKind {
    NgoAssistance,
    Shelter,
    Health,
    LegalAid,
    LabourInspection,
    NrmCoordinator,
    Consular,
    Police,
    Prosecution,
    Immigration,
    Border,
    /// An online platform whose reviewers screen job advertisements (R26).
    /// It holds no case and is never sent one.
    Platform,
}

impl OrgKind {
    pub const ALL: [OrgKind; 12] = [
        OrgKind::NgoAssistance,
        OrgKind::Shelter,
        OrgKind::Health,
        OrgKind::LegalAid,
        OrgKind::LabourInspection,
        OrgKind::NrmCoordinator,
        OrgKind::Consular,
        OrgKind::Police,
        OrgKind::Prosecution,
        OrgKind::Immigration,
        OrgKind::Border,
        OrgKind::Platform,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            OrgKind::NgoAssistance => "ngo_assistance",
            OrgKind::Shelter => "shelter",
            OrgKind::Health => "health",
            OrgKind::LegalAid => "legal_aid",
            OrgKind::LabourInspection => "labour_inspection",
            OrgKind::NrmCoordinator => "nrm_coordinator",
            OrgKind::Consular => "consular",
            OrgKind::Police => "police",
            OrgKind::Prosecution => "prosecution",
            OrgKind::Immigration => "immigration",
            OrgKind::Border => "border",
            OrgKind::Platform => "platform",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s.trim()).ok_or(ValidationError::new(
            "kind",
            "invalid_org_kind",
            "unknown organisation kind",
        ))
    }

    /// R16: police, prosecution, immigration and border organisations.
    pub fn is_enforcement(&self) -> bool {
        matches!(self, OrgKind::Police | OrgKind::Prosecution | OrgKind::Immigration | OrgKind::Border)
    }

    /// R26: an online platform's reviewers screen advertisements and see
    /// nothing else.
    pub fn is_platform(&self) -> bool {
        matches!(self, OrgKind::Platform)
    }

    /// Whether a person's data may ever be sent here (a referral, a consent,
    /// a cross-border transfer): assistance organisations only, never
    /// enforcement (R16) and never a platform (R26).
    pub fn receives_case_data(&self) -> bool {
        !self.is_enforcement() && !self.is_platform()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Caseworker,
    Supervisor,
    /// May sign conclusive identification decisions.
    DecisionMaker,
    /// Manages the users of their organisation; reads no case.
    OrgAdmin,
    /// Manages organisations and the system; reads no case data.
    SystemAdmin,
    /// Reads the audit log, not case content.
    Auditor,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Role::Caseworker, Role::Supervisor, Role::DecisionMaker, Role::OrgAdmin, Role::SystemAdmin, Role::Auditor];

    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Caseworker => "caseworker",
            Role::Supervisor => "supervisor",
            Role::DecisionMaker => "decision_maker",
            Role::OrgAdmin => "org_admin",
            Role::SystemAdmin => "system_admin",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|r| r.as_str() == s.trim()).ok_or(ValidationError::new(
            "role",
            "invalid_role",
            "unknown role",
        ))
    }

    /// Roles whose misuse reaches furthest sign in with a second factor by default.
    pub fn requires_second_factor(&self) -> bool {
        matches!(self, Role::DecisionMaker | Role::OrgAdmin | Role::SystemAdmin | Role::Auditor)
    }
}

/// Sensitivity categories. Every field of a person belongs to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    Identity,
    ContactLocation,
    Narrative,
    Health,
    ImmigrationStatus,
    ForcedActs,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Identity,
        Category::ContactLocation,
        Category::Narrative,
        Category::Health,
        Category::ImmigrationStatus,
        Category::ForcedActs,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Category::Identity => "identity",
            Category::ContactLocation => "contact_location",
            Category::Narrative => "narrative",
            Category::Health => "health",
            Category::ImmigrationStatus => "immigration_status",
            Category::ForcedActs => "forced_acts",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|c| c.as_str() == s.trim()).ok_or(ValidationError::new(
            "categories",
            "invalid_category",
            "unknown data category",
        ))
    }

    fn bit(&self) -> u8 {
        1 << (*self as u8)
    }
}

/// A set of categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Categories(u8);

impl Categories {
    pub const NONE: Categories = Categories(0);
    pub const ALL: Categories = Categories(0b11_1111);

    pub fn of(cats: &[Category]) -> Self {
        Categories(cats.iter().fold(0, |acc, c| acc | c.bit()))
    }
    pub fn contains(&self, c: Category) -> bool {
        self.0 & c.bit() != 0
    }
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
    pub fn is_subset_of(&self, other: Categories) -> bool {
        self.0 & !other.0 == 0
    }
    pub fn iter(&self) -> impl Iterator<Item = Category> + '_ {
        Category::ALL.into_iter().filter(|c| self.contains(*c))
    }
    pub fn intersect(&self, other: Categories) -> Categories {
        Categories(self.0 & other.0)
    }
    pub fn without(&self, other: Categories) -> Categories {
        Categories(self.0 & !other.0)
    }
    /// Comma-separated codes, for storage and display.
    pub fn encode(&self) -> String {
        self.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")
    }
    pub fn parse_list(s: &str) -> Result<Self, ValidationError> {
        let mut out = Categories::NONE;
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            out.0 |= Category::parse(part)?.bit();
        }
        Ok(out)
    }
}

/// The authenticated user on whose behalf a request runs, with the facts
/// about their organisation the policy needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub org_id: OrgId,
    pub org_kind: OrgKind,
    pub role: Role,
    /// Organisation setting: every caseworker may see every case (with
    /// identity and contact fields only, unless assigned).
    pub org_caseworkers_see_all: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    ReadPerson,
    WritePerson,
    ErasePerson,
    ReadCase,
    WriteCase,
    /// Record or withdraw a person's consent.
    RecordConsent,
    /// Disclose without consent: a separate permission, always with a
    /// written reason, always flagged for review (R17).
    OverrideConsent,
    /// Emergency access outside one's reach, time-limited and reviewed.
    BreakGlass,
    /// Review break-glass uses and consent overrides.
    ReviewAccess,
    ManageUsers,
    ManageOrgs,
    ReadAudit,
    /// Enforcement users: documents sent to them with consent.
    ReadInbox,
    /// Sign a conclusive identification decision (R07).
    DecideConclusively,
    /// Read and write the restricted record of cooperation with
    /// investigators (R15). Supervisors only: the caseworkers deciding
    /// assistance day to day never see it, so it cannot colour their work.
    RecordCooperation,
    /// Screen job advertisements and record a reviewer's decision on one
    /// (R26). No person or case data: an ad is public text.
    ReviewAds,
    /// Read the organisation's figures, released only through disclosure
    /// control (R23): counts, never a person.
    ReadStatistics,
    /// Export the organisation's case records, as far as the exporter's
    /// reach opens them, in HTCDS 2.0 (issue 16). A copy of many people's
    /// identifying records that leaves haven's sealing and audit is the
    /// most dangerous read there is (R23, R27): supervisors only, who answer
    /// for the organisation's records and already reach all of them. A
    /// caseworker exports nothing, even of their own cases: what they need
    /// day to day is one record at a time, where each read is seen.
    ExportRecords,
    /// Import case records from an HTCDS 2.0 file: new people, cases and
    /// referrals for the whole organisation at once. Supervisors only, for
    /// the same reason as [`Permission::ExportRecords`]: one file rewrites
    /// what everyone in the organisation works from.
    ImportRecords,
    /// Mark one person record a duplicate of another, confirm or undo it
    /// (issue 13). Supervisors only: a merge changes which record everyone
    /// in the organisation works from.
    MergePersons,
}

impl Permission {
    pub const ALL: [Permission; 20] = [
        Permission::ReadPerson,
        Permission::WritePerson,
        Permission::ErasePerson,
        Permission::ReadCase,
        Permission::WriteCase,
        Permission::RecordConsent,
        Permission::OverrideConsent,
        Permission::BreakGlass,
        Permission::ReviewAccess,
        Permission::ManageUsers,
        Permission::ManageOrgs,
        Permission::ReadAudit,
        Permission::ReadInbox,
        Permission::DecideConclusively,
        Permission::RecordCooperation,
        Permission::ReviewAds,
        Permission::ReadStatistics,
        Permission::ExportRecords,
        Permission::ImportRecords,
        Permission::MergePersons,
    ];

    /// Whether the permission opens person or case data.
    pub fn touches_case_data(&self) -> bool {
        matches!(
            self,
            Permission::ReadPerson
                | Permission::WritePerson
                | Permission::ErasePerson
                | Permission::ReadCase
                | Permission::WriteCase
                | Permission::RecordConsent
                | Permission::OverrideConsent
                | Permission::BreakGlass
                | Permission::DecideConclusively
                | Permission::RecordCooperation
                | Permission::ExportRecords
                | Permission::ImportRecords
                | Permission::MergePersons
        )
    }
}

/// What an API token may be used for. A token never widens its owner's
/// role; it can only narrow it, so a script that only reads can be given a
/// token that cannot write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenScope {
    Read,
    Write,
    Admin,
}

impl TokenScope {
    pub const ALL: [TokenScope; 3] = [TokenScope::Read, TokenScope::Write, TokenScope::Admin];

    pub fn as_str(&self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
            TokenScope::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.iter().copied().find(|x| x.as_str() == s.trim()).ok_or(ValidationError::new(
            "scopes",
            "invalid_scope",
            "scopes are read, write and admin",
        ))
    }

    /// Parses a comma-separated list; an empty list is refused, since a
    /// token that can do nothing is a mistake.
    pub fn parse_list(s: &str) -> Result<Vec<Self>, ValidationError> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let scope = Self::parse(part)?;
            if !out.contains(&scope) {
                out.push(scope);
            }
        }
        if out.is_empty() {
            return Err(ValidationError::new("scopes", "invalid_scope", "scopes are read, write and admin"));
        }
        Ok(out)
    }
}

impl Permission {
    /// The token scope a permission needs: reading, changing case data, or
    /// administering accounts and organisations.
    pub fn token_scope(&self) -> TokenScope {
        match self {
            Permission::ReadPerson
            | Permission::ReadCase
            | Permission::ReadAudit
            | Permission::ReadInbox
            | Permission::ReadStatistics => TokenScope::Read,
            // A bulk copy in or out of the organisation's records is an
            // administrator's act: a token made for a script that reads or
            // writes one case at a time cannot take or replace them all.
            Permission::ManageUsers
            | Permission::ManageOrgs
            | Permission::ExportRecords
            | Permission::ImportRecords => TokenScope::Admin,
            Permission::WritePerson
            | Permission::ErasePerson
            | Permission::WriteCase
            | Permission::RecordConsent
            | Permission::OverrideConsent
            | Permission::BreakGlass
            | Permission::ReviewAccess
            | Permission::DecideConclusively
            | Permission::RecordCooperation
            | Permission::ReviewAds
            | Permission::MergePersons => TokenScope::Write,
        }
    }
}

/// Why data is being accessed, recorded in every audit event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purpose(String);

impl Purpose {
    pub const DEFAULT: &'static str = "case_management";

    /// A short code: lower-case letters, digits and underscores, 1–40 long.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        if s.is_empty() || s.len() > 40 || !s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(ValidationError::new(
                "purpose",
                "invalid_purpose",
                "the purpose must be a short code such as case_management",
            ));
        }
        Ok(Self(s.to_owned()))
    }
    pub fn case_management() -> Self {
        Self(Self::DEFAULT.to_owned())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Which records of the organisation are in reach, and which categories may
/// be opened for each relationship. Storage evaluates the relationship per
/// record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// Records the user created, or whose case is assigned to them.
    pub assigned: Categories,
    /// Every other record of the organisation; `None` means out of reach.
    pub org_wide: Option<Categories>,
    /// Records under a live break-glass grant to this user.
    pub granted: Categories,
}

impl Reach {
    const NOTHING: Reach = Reach { assigned: Categories::NONE, org_wide: None, granted: Categories::NONE };

    /// The categories for a record, given how the user relates to it.
    pub fn categories_for(&self, assigned: bool, granted: bool) -> Option<Categories> {
        let mut out = Categories::NONE;
        let mut visible = false;
        if assigned {
            out.0 |= self.assigned.0;
            visible = true;
        }
        if let Some(c) = self.org_wide {
            out.0 |= c.0;
            visible = true;
        }
        if granted {
            out.0 |= self.granted.0;
            visible = true;
        }
        (visible && !out.is_empty()).then_some(out)
    }

    pub fn is_nothing(&self) -> bool {
        *self == Reach::NOTHING
    }
}

/// Proof that a request was authorised, with the facts the audit log needs.
/// Its fields are private and it has no public constructor but [`authorize`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    actor: UserId,
    org: OrgId,
    reach: Reach,
    permission: Permission,
    purpose: Purpose,
    request_id: String,
}

impl Scope {
    pub fn actor(&self) -> UserId {
        self.actor
    }
    pub fn org(&self) -> OrgId {
        self.org
    }
    pub fn reach(&self) -> &Reach {
        &self.reach
    }
    pub fn permission(&self) -> Permission {
        self.permission
    }
    pub fn purpose(&self) -> &Purpose {
        &self.purpose
    }
    pub fn request_id(&self) -> &str {
        &self.request_id
    }
    /// Whether this scope allows `p`; storage checks this so a read scope
    /// cannot be used to write.
    pub fn allows(&self, p: Permission) -> bool {
        self.permission == p
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not permitted")]
pub struct Denied;

/// Which permissions a role has (in an assistance organisation).
pub fn role_allows(role: Role, p: Permission) -> bool {
    use Permission::*;
    match role {
        Role::Caseworker => {
            matches!(p, ReadPerson | WritePerson | ReadCase | WriteCase | RecordConsent | BreakGlass | ReviewAds)
        }
        Role::Supervisor => matches!(
            p,
            ReadPerson
                | WritePerson
                | ErasePerson
                | ReadCase
                | WriteCase
                | RecordConsent
                | OverrideConsent
                | BreakGlass
                | ReviewAccess
                | RecordCooperation
                | ReviewAds
                | ReadStatistics
                | ExportRecords
                | ImportRecords
                | MergePersons
        ),
        Role::DecisionMaker => {
            matches!(p, ReadPerson | ReadCase | WriteCase | BreakGlass | DecideConclusively | ReadStatistics)
        }
        Role::OrgAdmin => matches!(p, ManageUsers),
        Role::SystemAdmin => matches!(p, ManageOrgs | ManageUsers),
        // An auditor checks what was done, including what was released.
        Role::Auditor => matches!(p, ReadAudit | ReadStatistics),
    }
}

/// The records and fields a role reaches (in an assistance organisation).
pub fn role_reach(actor: &Actor) -> Reach {
    // An emergency grant opens what is needed to act now (who and where),
    // not the person's story.
    let emergency = Categories::of(&[Category::Identity, Category::ContactLocation, Category::Health]);
    match actor.role {
        Role::Caseworker => Reach {
            assigned: Categories::ALL,
            org_wide: actor
                .org_caseworkers_see_all
                .then(|| Categories::of(&[Category::Identity, Category::ContactLocation])),
            granted: emergency,
        },
        Role::Supervisor | Role::DecisionMaker => {
            Reach { assigned: Categories::ALL, org_wide: Some(Categories::ALL), granted: Categories::ALL }
        }
        Role::OrgAdmin | Role::SystemAdmin | Role::Auditor => Reach::NOTHING,
    }
}

/// Whose accounts an actor may see and manage: a system administrator those
/// of any organisation (to appoint its administrators), an organisation
/// administrator only their own organisation's.
pub fn may_manage_users_of(actor: &Actor, org: OrgId) -> bool {
    match actor.role {
        Role::SystemAdmin => may_manage_new_org(actor),
        Role::OrgAdmin => actor.org_id == org,
        _ => false,
    }
}

/// Whether an actor may manage an organisation they are about to create,
/// asked before it is created so that a refusal writes nothing.
pub fn may_manage_new_org(actor: &Actor) -> bool {
    actor.role == Role::SystemAdmin && !actor.org_kind.is_enforcement()
}

/// Leave to manage one organisation's accounts and settings (issue 12: no
/// store method that changes organisation data takes a bare id). Only the
/// policy makes one: [`org_admin`] for a signed-in administrator, and
/// [`OrgAdmin::key_holder`] for whoever runs the server's own commands with
/// its key file (first start, the CLI), who can read the whole database
/// anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgAdmin {
    org: OrgId,
}

impl OrgAdmin {
    /// For the operator holding the key file, who is outside the role model.
    pub fn key_holder(org: OrgId) -> Self {
        Self { org }
    }

    pub fn org(&self) -> OrgId {
        self.org
    }
}

/// An administrator's leave for `org`, when [`may_manage_users_of`] allows.
pub fn org_admin(actor: &Actor, org: OrgId) -> Option<OrgAdmin> {
    may_manage_users_of(actor, org).then_some(OrgAdmin { org })
}

impl Role {
    /// Roles that open case records in an assistance organisation. Granting
    /// one takes a second administrator's approval (four eyes).
    pub fn is_case_role(&self) -> bool {
        matches!(self, Role::Caseworker | Role::Supervisor | Role::DecisionMaker)
    }
}

/// Whether `actor` may create an account, or give an existing one, `role` in
/// the organisation `org` of kind `org_kind`.
///
/// Nobody grants a role above their own or outside their own organisation,
/// with one exception that keeps an installation manageable: a system
/// administrator appoints organisation administrators anywhere, and nothing
/// else. So a system administrator can never make the supervisor account
/// that would read a survivor's file, and an organisation administrator can
/// never make a system administrator (the escalation found in review).
/// Further system administrators are made on the server with the CLI, by
/// whoever already holds the master key.
pub fn may_grant(actor: &Actor, role: Role, org: OrgId, org_kind: OrgKind) -> bool {
    match actor.role {
        Role::SystemAdmin => !actor.org_kind.is_enforcement() && role == Role::OrgAdmin,
        Role::OrgAdmin => {
            actor.org_id == org
                && org_kind == actor.org_kind
                && matches!(
                    role,
                    Role::Caseworker | Role::Supervisor | Role::DecisionMaker | Role::OrgAdmin | Role::Auditor
                )
                // r26: a platform has ad reviewers and their administrators;
                // a decision maker or auditor there could do nothing.
                && (!org_kind.is_platform() || matches!(role, Role::Caseworker | Role::Supervisor | Role::OrgAdmin))
        }
        _ => false,
    }
}

/// Whether a newly granted role waits for approval before it works.
///
/// A case role in an assistance organisation opens survivors' files, so it
/// becomes active only when a second administrator of that organisation
/// approves it. An organisation administrator always waits too: for an
/// administrator of that organisation other than the one who appointed
/// them, or, for an organisation's first, for the operator who holds the
/// server (`haven user approve`). Were the first active at once, a system
/// administrator could appoint two administrators of their own into an
/// organisation, one approving the other's case accounts, and read its
/// survivors (issue 10, insider review). An auditor waits as well: they
/// read the whole audit trail (who opened which record, when) and the
/// released figures, so one administrator alone must not make one (R27;
/// insider review of issue 16).
pub fn grant_needs_approval(role: Role, org_kind: OrgKind) -> bool {
    // A platform's reviewers open no survivor's file (r26), so they need no second pair of eyes.
    (role.is_case_role() && org_kind.receives_case_data()) || role == Role::OrgAdmin || role == Role::Auditor
}

/// Whether `actor` may decide whether caseworkers of `org` see every case
/// of it: that widens who reads survivors' files, so it is the
/// organisation's own administrators' call, never the system
/// administrator's, who reads no case data.
pub fn may_set_case_reach(actor: &Actor, org: OrgId) -> bool {
    actor.role == Role::OrgAdmin && actor.org_id == org && actor.org_kind.receives_case_data()
}

/// Whether `approver` may approve a pending grant made by `granted_by` in
/// `org`: an organisation administrator of that organisation who is not the
/// one who made it.
pub fn may_approve(approver: &Actor, granted_by: Option<UserId>, org: OrgId) -> bool {
    approver.role == Role::OrgAdmin && approver.org_id == org && granted_by != Some(approver.user_id)
}

/// The policy. Every permission check in haven goes through here.
pub fn authorize(
    actor: &Actor,
    permission: Permission,
    purpose: Purpose,
    request_id: impl Into<String>,
) -> Result<Scope, Denied> {
    // R16: the firewall comes first and has no exceptions by role. An
    // enforcement organisation reads its inbox and manages its own users;
    // nothing else, and nothing that touches assistance data or its audit trail.
    if actor.org_kind.is_enforcement() {
        let allowed = permission == Permission::ReadInbox
            || (permission == Permission::ManageUsers && actor.role == Role::OrgAdmin);
        if !allowed {
            return Err(Denied);
        }
    } else if actor.org_kind.is_platform() {
        // r26: a platform's accounts screen and review advertisements, and
        // its administrator manages those accounts. Nothing else: no case,
        // no figure, no audit trail of anyone else.
        let allowed = (permission == Permission::ReviewAds && role_allows(actor.role, permission))
            || (permission == Permission::ManageUsers && actor.role == Role::OrgAdmin);
        if !allowed {
            return Err(Denied);
        }
    } else if permission == Permission::ReadInbox || !role_allows(actor.role, permission) {
        return Err(Denied);
    }
    let reach = if permission.touches_case_data() { role_reach(actor) } else { Reach::NOTHING };
    if permission.touches_case_data() && reach.is_nothing() {
        return Err(Denied);
    }
    Ok(Scope { actor: actor.user_id, org: actor.org_id, reach, permission, purpose, request_id: request_id.into() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn actor(role: Role, kind: OrgKind) -> Actor {
        Actor {
            user_id: UserId::from_random_bytes([1; 16]),
            org_id: OrgId::from_random_bytes([2; 16]),
            org_kind: kind,
            role,
            org_caseworkers_see_all: false,
        }
    }

    #[test]
    fn scope_is_limited_to_the_actors_organisation_and_permission() {
        let a = actor(Role::Caseworker, OrgKind::Shelter);
        let s = authorize(&a, Permission::ReadPerson, Purpose::case_management(), "r1").unwrap();
        assert_eq!(s.org(), a.org_id);
        assert!(s.allows(Permission::ReadPerson));
        assert!(!s.allows(Permission::WritePerson));
        assert_eq!(s.reach().org_wide, None, "a caseworker reaches only assigned records by default");
    }

    #[test]
    fn r26_platform_accounts_review_ads_and_nothing_else() {
        for role in Role::ALL {
            for p in Permission::ALL {
                let r = authorize(&actor(role, OrgKind::Platform), p, Purpose::case_management(), "r");
                let expected = (p == Permission::ReviewAds && matches!(role, Role::Caseworker | Role::Supervisor))
                    || (p == Permission::ManageUsers && role == Role::OrgAdmin);
                assert_eq!(r.is_ok(), expected, "{role:?} {p:?}");
                if let Ok(scope) = r {
                    assert!(scope.reach().is_nothing(), "no reach into records");
                }
            }
        }
        assert!(!OrgKind::Platform.receives_case_data());
        assert!(OrgKind::ALL.iter().all(|k| k.receives_case_data() != (k.is_enforcement() || k.is_platform())));
    }

    #[test]
    fn r26_a_platform_administrator_appoints_reviewers_at_once_and_nothing_else() {
        let admin = actor(Role::OrgAdmin, OrgKind::Platform);
        for role in Role::ALL {
            let may = may_grant(&admin, role, admin.org_id, OrgKind::Platform);
            assert_eq!(may, matches!(role, Role::Caseworker | Role::Supervisor | Role::OrgAdmin), "{role:?}");
        }
        assert!(!grant_needs_approval(Role::Caseworker, OrgKind::Platform), "reviewers open no file");
        assert!(!grant_needs_approval(Role::Supervisor, OrgKind::Platform));
        assert!(grant_needs_approval(Role::OrgAdmin, OrgKind::Platform));
        assert!(grant_needs_approval(Role::Caseworker, OrgKind::Shelter));
        assert!(!may_set_case_reach(&admin, admin.org_id), "a platform has no cases to open to anyone");
        assert!(may_set_case_reach(&actor(Role::OrgAdmin, OrgKind::Shelter), admin.org_id));
    }

    #[test]
    fn r16_enforcement_users_get_no_scope_over_assistance_data() {
        for kind in [OrgKind::Police, OrgKind::Prosecution, OrgKind::Immigration, OrgKind::Border] {
            for role in Role::ALL {
                for p in Permission::ALL {
                    let r = authorize(&actor(role, kind), p, Purpose::case_management(), "r");
                    let expected =
                        p == Permission::ReadInbox || (p == Permission::ManageUsers && role == Role::OrgAdmin);
                    assert_eq!(r.is_ok(), expected, "{kind:?} {role:?} {p:?}");
                    if let Ok(scope) = r {
                        assert!(scope.reach().is_nothing(), "no reach into records");
                    }
                }
            }
        }
    }

    #[test]
    fn administrators_and_auditors_read_no_case_data() {
        for role in [Role::OrgAdmin, Role::SystemAdmin, Role::Auditor] {
            for p in Permission::ALL.into_iter().filter(Permission::touches_case_data) {
                assert!(authorize(&actor(role, OrgKind::NgoAssistance), p, Purpose::case_management(), "r").is_err());
            }
        }
    }

    #[test]
    fn r17_consent_override_is_a_separate_permission() {
        assert!(authorize(
            &actor(Role::Caseworker, OrgKind::Shelter),
            Permission::RecordConsent,
            Purpose::case_management(),
            "r"
        )
        .is_ok());
        assert!(authorize(
            &actor(Role::Caseworker, OrgKind::Shelter),
            Permission::OverrideConsent,
            Purpose::case_management(),
            "r"
        )
        .is_err());
        assert!(authorize(
            &actor(Role::Supervisor, OrgKind::Shelter),
            Permission::OverrideConsent,
            Purpose::case_management(),
            "r"
        )
        .is_ok());
    }

    #[test]
    fn org_wide_caseworkers_see_identity_and_contact_but_not_narrative() {
        let mut a = actor(Role::Caseworker, OrgKind::NgoAssistance);
        a.org_caseworkers_see_all = true;
        let reach = role_reach(&a);
        let unassigned = reach.categories_for(false, false).unwrap();
        assert!(unassigned.contains(Category::Identity));
        assert!(!unassigned.contains(Category::Narrative));
        assert_eq!(reach.categories_for(true, false), Some(Categories::ALL));
    }

    #[test]
    fn r07_only_decision_makers_sign_conclusive_decisions() {
        for role in Role::ALL {
            let ok = authorize(
                &actor(role, OrgKind::NrmCoordinator),
                Permission::DecideConclusively,
                Purpose::case_management(),
                "r",
            )
            .is_ok();
            assert_eq!(ok, role == Role::DecisionMaker, "{role:?}");
        }
    }

    #[test]
    fn purpose_codes_are_validated() {
        assert!(Purpose::parse("case_management").is_ok());
        assert!(Purpose::parse("Drop table").is_err());
        assert!(Purpose::parse("").is_err());
    }

    #[test]
    fn r15_only_supervisors_of_assistance_organisations_reach_the_cooperation_record() {
        for kind in OrgKind::ALL {
            for role in Role::ALL {
                let ok = authorize(&actor(role, kind), Permission::RecordCooperation, Purpose::case_management(), "r")
                    .is_ok();
                assert_eq!(ok, role == Role::Supervisor && kind.receives_case_data(), "{kind:?} {role:?}");
            }
        }
    }

    #[test]
    fn r16_no_one_grants_a_role_above_their_own_or_outside_their_organisation() {
        let own = OrgId::from_random_bytes([2; 16]);
        let other = OrgId::from_random_bytes([3; 16]);
        for creator in Role::ALL {
            for kind in OrgKind::ALL {
                let a = actor(creator, kind);
                for target in Role::ALL {
                    for (org, org_kind) in [(own, kind), (other, OrgKind::Shelter), (other, OrgKind::Police)] {
                        let ok = may_grant(&a, target, org, org_kind);
                        let expected = match creator {
                            Role::SystemAdmin => target == Role::OrgAdmin && !kind.is_enforcement(),
                            Role::OrgAdmin => {
                                org == own
                                    && target != Role::SystemAdmin
                                    && (!kind.is_platform()
                                        || matches!(target, Role::Caseworker | Role::Supervisor | Role::OrgAdmin))
                            }
                            _ => false,
                        };
                        assert_eq!(ok, expected, "{creator:?} in {kind:?} granting {target:?} in {org_kind:?}");
                        // The escalation found in review, stated directly.
                        if creator != Role::SystemAdmin {
                            assert!(!(ok && target == Role::SystemAdmin));
                        }
                        if creator == Role::SystemAdmin {
                            assert!(!(ok && target.is_case_role()), "a system administrator never makes case accounts");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn only_administrators_see_accounts_and_an_org_admin_only_their_own() {
        let own = OrgId::from_random_bytes([2; 16]);
        let other = OrgId::from_random_bytes([3; 16]);
        for role in Role::ALL {
            let a = actor(role, OrgKind::Shelter);
            assert_eq!(may_manage_users_of(&a, own), matches!(role, Role::OrgAdmin | Role::SystemAdmin), "{role:?}");
            assert_eq!(may_manage_users_of(&a, other), role == Role::SystemAdmin, "{role:?}");
        }
        assert!(!may_manage_users_of(&actor(Role::SystemAdmin, OrgKind::Police), own));
    }

    /// The store's account and organisation-settings methods take an
    /// `OrgAdmin`; the policy makes one exactly where it allows management,
    /// for the organisation asked about and no other.
    #[test]
    fn r16_leave_to_manage_an_organisation_comes_only_from_the_policy() {
        let own = OrgId::from_random_bytes([2; 16]);
        let other = OrgId::from_random_bytes([3; 16]);
        for kind in OrgKind::ALL {
            for role in Role::ALL {
                let a = actor(role, kind);
                for org in [own, other] {
                    let leave = org_admin(&a, org);
                    assert_eq!(leave.is_some(), may_manage_users_of(&a, org), "{role:?} {kind:?}");
                    assert!(leave.is_none_or(|l| l.org() == org));
                }
                assert_eq!(may_manage_new_org(&a), role == Role::SystemAdmin && !kind.is_enforcement());
            }
        }
        assert!(org_admin(&actor(Role::SystemAdmin, OrgKind::Immigration), other).is_none());
        assert_eq!(OrgAdmin::key_holder(other).org(), other);
    }

    #[test]
    fn r16_case_roles_auditors_and_every_organisation_administrator_wait_for_a_second_person() {
        for role in Role::ALL {
            for kind in OrgKind::ALL {
                let expected = (role.is_case_role() && kind.receives_case_data())
                    || role == Role::OrgAdmin
                    || role == Role::Auditor;
                assert_eq!(grant_needs_approval(role, kind), expected, "{role:?} {kind:?}");
            }
        }
        let org = OrgId::from_random_bytes([2; 16]);
        let admin = actor(Role::OrgAdmin, OrgKind::Shelter);
        let someone_else = UserId::from_random_bytes([9; 16]);
        assert!(may_approve(&admin, Some(someone_else), org));
        assert!(may_approve(&admin, None, org));
        assert!(!may_approve(&admin, Some(admin.user_id), org), "four eyes: not one's own grant");
        assert!(!may_approve(&admin, Some(someone_else), OrgId::from_random_bytes([3; 16])));
        for role in Role::ALL.into_iter().filter(|r| *r != Role::OrgAdmin) {
            assert!(!may_approve(&actor(role, OrgKind::Shelter), Some(someone_else), org), "{role:?}");
        }
    }

    #[test]
    fn r16_only_the_organisations_own_administrator_widens_its_caseworkers_reach() {
        let org = OrgId::from_random_bytes([2; 16]);
        for role in Role::ALL {
            let a = Actor { org_id: org, ..actor(role, OrgKind::Shelter) };
            assert_eq!(may_set_case_reach(&a, org), role == Role::OrgAdmin, "{role:?}");
            assert!(!may_set_case_reach(&a, OrgId::from_random_bytes([3; 16])), "{role:?}");
        }
    }

    #[test]
    fn roles_that_reach_furthest_require_a_second_factor() {
        for role in Role::ALL {
            let expected = !matches!(role, Role::Caseworker | Role::Supervisor);
            assert_eq!(role.requires_second_factor(), expected, "{role:?}");
        }
    }

    #[test]
    fn token_scopes_narrow_by_kind_of_permission() {
        assert_eq!(Permission::ReadPerson.token_scope(), TokenScope::Read);
        assert_eq!(Permission::ReadAudit.token_scope(), TokenScope::Read);
        assert_eq!(Permission::WritePerson.token_scope(), TokenScope::Write);
        assert_eq!(Permission::DecideConclusively.token_scope(), TokenScope::Write);
        assert_eq!(Permission::ManageUsers.token_scope(), TokenScope::Admin);
        assert_eq!(TokenScope::parse_list("read, write,read").unwrap(), vec![TokenScope::Read, TokenScope::Write]);
        assert!(TokenScope::parse_list("").is_err());
        assert!(TokenScope::parse_list("read,root").is_err());
        // Every permission that changes data needs more than a read token.
        for p in Permission::ALL {
            let reads = matches!(
                p,
                Permission::ReadPerson
                    | Permission::ReadCase
                    | Permission::ReadAudit
                    | Permission::ReadInbox
                    | Permission::ReadStatistics
            );
            assert_eq!(p.token_scope() == TokenScope::Read, reads, "{p:?}");
        }
    }

    /// R23, R27: a bulk copy of the organisation's records, in or out, is
    /// a supervisor's alone, within their reach, and never an enforcement
    /// organisation's (R16); an API token needs its admin scope for it.
    #[test]
    fn r23_r27_only_supervisors_export_and_import_records() {
        for p in [Permission::ExportRecords, Permission::ImportRecords] {
            assert_eq!(p.token_scope(), TokenScope::Admin, "{p:?}");
            for kind in OrgKind::ALL {
                for role in Role::ALL {
                    let r = authorize(&actor(role, kind), p, Purpose::case_management(), "r");
                    let expected = role == Role::Supervisor && kind.receives_case_data();
                    assert_eq!(r.is_ok(), expected, "{kind:?} {role:?} {p:?}");
                    if let Ok(scope) = r {
                        assert_eq!(scope.reach(), &role_reach(&actor(role, kind)));
                    }
                }
            }
        }
    }

    /// R16: an organisation's kind and a user's role are stored as codes.
    /// Each code reads back as the very same value and nothing else does, so
    /// an immigration office is never read back as an assistance
    /// organisation, nor a caseworker as an administrator.
    #[test]
    fn r16_kinds_and_roles_read_back_from_their_codes_exactly() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.as_str()), Ok(k));
            assert_eq!(OrgKind::parse(&format!(" {} ", k.as_str())), Ok(k), "codes are trimmed");
        }
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Ok(r));
        }
        for t in TokenScope::ALL {
            assert_eq!(TokenScope::parse(t.as_str()), Ok(t));
        }
        assert!(OrgKind::parse("xyzzy").is_err() && OrgKind::parse("").is_err());
        assert!(Role::parse("root").is_err() && Role::parse("").is_err());
        assert!(TokenScope::parse("everything").is_err());
        // The codes are stored: they must not change under a stored row.
        assert_eq!(OrgKind::Immigration.as_str(), "immigration");
        assert_eq!(Role::SystemAdmin.as_str(), "system_admin");
        assert_eq!(TokenScope::Admin.as_str(), "admin");
        // The roles that open survivors' files, whose grant waits for a
        // second administrator (four eyes).
        let case_roles: Vec<Role> = Role::ALL.into_iter().filter(Role::is_case_role).collect();
        assert_eq!(case_roles, [Role::Caseworker, Role::Supervisor, Role::DecisionMaker]);
        assert!(grant_needs_approval(Role::Caseworker, OrgKind::Shelter));
        assert!(!grant_needs_approval(Role::SystemAdmin, OrgKind::Shelter));
        let enforcement: Vec<OrgKind> = OrgKind::ALL.into_iter().filter(OrgKind::is_enforcement).collect();
        assert_eq!(enforcement, [OrgKind::Police, OrgKind::Prosecution, OrgKind::Immigration, OrgKind::Border]);
    }

    /// R17: the categories a consent covers, a role opens or a referral
    /// shares are sets; each operation must give exactly the set it names,
    /// or a consent to share identity could open health records.
    #[test]
    fn r17_category_sets_hold_exactly_their_members() {
        let members = |bits: u8| -> Vec<Category> {
            Category::ALL.into_iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, c)| c).collect()
        };
        for a in 0u8..64 {
            let (ma, ca) = (members(a), Categories::of(&members(a)));
            assert_eq!(ca.iter().collect::<Vec<_>>(), ma, "{a:06b}");
            assert_eq!(ca.is_empty(), a == 0);
            for c in Category::ALL {
                assert_eq!(ca.contains(c), ma.contains(&c), "{a:06b} {c:?}");
            }
            let codes: Vec<&str> = ma.iter().map(Category::as_str).collect();
            assert_eq!(ca.encode(), codes.join(","));
            assert_eq!(Categories::parse_list(&ca.encode()), Ok(ca));
            for b in 0u8..64 {
                let (mb, cb) = (members(b), Categories::of(&members(b)));
                let both: Vec<Category> = ma.iter().copied().filter(|c| mb.contains(c)).collect();
                let only_a: Vec<Category> = ma.iter().copied().filter(|c| !mb.contains(c)).collect();
                assert_eq!(ca.intersect(cb).iter().collect::<Vec<_>>(), both, "{a:06b} & {b:06b}");
                assert_eq!(ca.without(cb).iter().collect::<Vec<_>>(), only_a, "{a:06b} - {b:06b}");
                assert_eq!(ca.is_subset_of(cb), only_a.is_empty(), "{a:06b} <= {b:06b}");
            }
        }
        assert_eq!(Categories::of(&Category::ALL), Categories::ALL);
        // Naming a category twice still shares it once, never cancels it.
        let twice = Categories::of(&[Category::Identity, Category::Health, Category::Identity]);
        assert_eq!(twice, Categories::of(&[Category::Identity, Category::Health]));
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Ok(c));
        }
        assert_eq!(Category::Health.as_str(), "health");
        assert_eq!(
            Categories::parse_list(" identity, ,health "),
            Ok(Categories::of(&[Category::Identity, Category::Health]))
        );
        assert!(Categories::parse_list("identity,everything").is_err());
    }

    /// R16: a record opens the union of what each of the user's
    /// relationships to it allows, and nothing when none applies.
    #[test]
    fn r16_a_record_opens_what_each_relationship_to_it_allows_and_no_more() {
        let identity = Categories::of(&[Category::Identity]);
        let narrative = Categories::of(&[Category::Narrative]);
        let health = Categories::of(&[Category::Health]);
        let union = |cs: &[Categories]| Categories(cs.iter().fold(0, |acc, c| acc | c.0));
        let reach = Reach { assigned: narrative, org_wide: Some(identity), granted: health };
        assert_eq!(reach.categories_for(false, false), Some(identity));
        assert_eq!(reach.categories_for(true, false), Some(union(&[identity, narrative])));
        assert_eq!(reach.categories_for(false, true), Some(union(&[identity, health])));
        assert_eq!(reach.categories_for(true, true), Some(union(&[identity, narrative, health])));
        let unreached = Reach { org_wide: None, ..reach };
        assert_eq!(unreached.categories_for(false, false), None, "not assigned, not granted, not org-wide");
        assert_eq!(unreached.categories_for(true, false), Some(narrative));
        assert_eq!(unreached.categories_for(false, true), Some(health));
        let empty = Reach { assigned: Categories::NONE, org_wide: Some(Categories::NONE), granted: Categories::NONE };
        assert_eq!(empty.categories_for(true, true), None, "a relationship that opens no category opens nothing");
        assert!(Reach::NOTHING.is_nothing());
        assert!(!reach.is_nothing() && !empty.is_nothing());
    }

    /// R27: the scope carries who acts, for which organisation, with which
    /// permission, why and in which request: what every audit event records.
    #[test]
    fn r27_a_scope_carries_who_why_and_which_request_for_the_audit_log() {
        let a = actor(Role::Supervisor, OrgKind::Shelter);
        let s = authorize(&a, Permission::ReadCase, Purpose::parse("referral").unwrap(), "req-42").unwrap();
        assert_eq!(s.actor(), a.user_id);
        assert_eq!(s.org(), a.org_id);
        assert_eq!(s.permission(), Permission::ReadCase);
        assert_eq!(s.purpose().as_str(), "referral");
        assert_eq!(s.request_id(), "req-42");
        assert_eq!(s.reach(), &role_reach(&a));
        assert!(s.allows(Permission::ReadCase) && !s.allows(Permission::WriteCase));
    }

    /// R27: a purpose is a short code, so that the audit log can be read and
    /// filtered by it; free text (which could hold a name) is refused.
    #[test]
    fn r27_purposes_are_short_codes() {
        assert_eq!(Purpose::parse(" referral_2 ").unwrap().as_str(), "referral_2");
        assert!(Purpose::parse(&"a".repeat(40)).is_ok());
        assert!(Purpose::parse(&"a".repeat(41)).is_err());
        for bad in ["", "   ", "Case", "case-management", "case management", "ca\u{e9}s"] {
            assert!(Purpose::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(Purpose::case_management().as_str(), Purpose::DEFAULT);
    }

    /// R16: the firewall blocks exactly the permissions that open a person's
    /// or case's data; the others (inbox, users, audit, ads) open none.
    #[test]
    fn r16_the_permissions_that_open_case_data_are_exactly_these() {
        use Permission::*;
        let case = [
            ReadPerson,
            WritePerson,
            ErasePerson,
            ReadCase,
            WriteCase,
            RecordConsent,
            OverrideConsent,
            BreakGlass,
            DecideConclusively,
            RecordCooperation,
            ExportRecords,
            ImportRecords,
            MergePersons,
        ];
        for p in Permission::ALL {
            assert_eq!(p.touches_case_data(), case.contains(&p), "{p:?}");
        }
        // No assistance organisation user has an inbox: that is enforcement's
        // only window, and only for what a survivor consented to send.
        for role in Role::ALL {
            let a = actor(role, OrgKind::NgoAssistance);
            assert!(authorize(&a, ReadInbox, Purpose::case_management(), "r").is_err(), "{role:?}");
        }
    }

    fn any_role() -> impl Strategy<Value = Role> {
        prop::sample::select(Role::ALL.to_vec())
    }
    fn any_kind() -> impl Strategy<Value = OrgKind> {
        prop::sample::select(OrgKind::ALL.to_vec())
    }
    fn any_permission() -> impl Strategy<Value = Permission> {
        prop::sample::select(Permission::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn r16_no_combination_lets_enforcement_touch_case_data(role in any_role(), kind in any_kind(), p in any_permission(), see_all in any::<bool>()) {
            let mut a = actor(role, kind);
            a.org_caseworkers_see_all = see_all;
            if let Ok(scope) = authorize(&a, p, Purpose::case_management(), "r") {
                if kind.is_enforcement() {
                    prop_assert!(!scope.permission().touches_case_data());
                    prop_assert!(scope.permission() != Permission::ReadAudit);
                    prop_assert!(scope.reach().is_nothing());
                }
                prop_assert!(scope.allows(p));
                prop_assert_eq!(scope.org(), a.org_id);
            }
        }

        #[test]
        fn granted_scopes_touching_case_data_always_reach_something(role in any_role(), kind in any_kind(), p in any_permission()) {
            if let Ok(scope) = authorize(&actor(role, kind), p, Purpose::case_management(), "r") {
                prop_assert_eq!(p.touches_case_data(), !scope.reach().is_nothing());
            }
        }

        #[test]
        fn unassigned_reach_never_exceeds_assigned_reach(role in any_role(), see_all in any::<bool>()) {
            let mut a = actor(role, OrgKind::NgoAssistance);
            a.org_caseworkers_see_all = see_all;
            let reach = role_reach(&a);
            if let Some(other) = reach.categories_for(false, false) {
                let mine = reach.categories_for(true, false).unwrap_or(Categories::NONE);
                prop_assert!(other.is_subset_of(mine));
            }
        }
    }
}
