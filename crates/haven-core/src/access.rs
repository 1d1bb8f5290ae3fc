//! Access policy: who may do what, decided in one place.
//!
//! Storage functions take a [`Scope`], and a `Scope` can only be obtained from
//! [`authorize`]. A handler that forgets to authorise therefore does not
//! compile: there is no way to call the store with a bare id. The scope also
//! carries the purpose and request id that every audit event records (R27).

use crate::ids::{OrgId, UserId};
use crate::ValidationError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The first account of an installation. Until organisations and finer
    /// roles exist it acts for its own organisation in every capacity.
    Administrator,
    Caseworker,
}

impl Role {
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Caseworker => "caseworker",
        }
    }
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        match s {
            "administrator" => Ok(Role::Administrator),
            "caseworker" => Ok(Role::Caseworker),
            _ => Err(ValidationError::new("role", "invalid_role", "unknown role")),
        }
    }
}

/// The authenticated user on whose behalf a request runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub org_id: OrgId,
    pub role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ReadPerson,
    WritePerson,
    ErasePerson,
    ReadCase,
    WriteCase,
    ManageTokens,
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

/// Which records a caller may touch. Storage restricts every query to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    /// Records held by this organisation.
    Organisation(OrgId),
}

/// Proof that a request was authorised, with the facts the audit log needs.
/// Its fields are private and it has no public constructor but [`authorize`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    actor: UserId,
    visibility: Visibility,
    permission: Permission,
    purpose: Purpose,
    request_id: String,
}

impl Scope {
    pub fn actor(&self) -> UserId {
        self.actor
    }
    pub fn visibility(&self) -> &Visibility {
        &self.visibility
    }
    pub fn org(&self) -> OrgId {
        match self.visibility {
            Visibility::Organisation(org) => org,
        }
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

/// The policy table. Every permission check in haven goes through here.
pub fn authorize(
    actor: &Actor,
    permission: Permission,
    purpose: Purpose,
    request_id: impl Into<String>,
) -> Result<Scope, Denied> {
    let allowed = match (actor.role, permission) {
        (Role::Administrator, _) => true,
        (Role::Caseworker, Permission::ManageTokens) => false,
        (Role::Caseworker, _) => true,
    };
    if !allowed {
        return Err(Denied);
    }
    Ok(Scope {
        actor: actor.user_id,
        visibility: Visibility::Organisation(actor.org_id),
        permission,
        purpose,
        request_id: request_id.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor { user_id: UserId::from_random_bytes([1; 16]), org_id: OrgId::from_random_bytes([2; 16]), role }
    }

    #[test]
    fn scope_is_limited_to_the_actors_organisation() {
        let a = actor(Role::Caseworker);
        let s = authorize(&a, Permission::ReadPerson, Purpose::case_management(), "r1").unwrap();
        assert_eq!(s.visibility(), &Visibility::Organisation(a.org_id));
        assert!(s.allows(Permission::ReadPerson));
        assert!(!s.allows(Permission::WritePerson));
    }

    #[test]
    fn caseworkers_cannot_manage_tokens() {
        assert_eq!(
            authorize(&actor(Role::Caseworker), Permission::ManageTokens, Purpose::case_management(), "r"),
            Err(Denied)
        );
    }

    #[test]
    fn purpose_codes_are_validated() {
        assert!(Purpose::parse("case_management").is_ok());
        assert!(Purpose::parse("Drop table").is_err());
        assert!(Purpose::parse("").is_err());
    }
}
