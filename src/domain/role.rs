//! Staff roles and the scope each one is held in.

use std::fmt;
use std::str::FromStr;

/// The political bodies members belong to.
/// (The `bodies` table holds the same keys, with names and notice lead times.)
pub const BODIES: [&str; 3] = ["formannskapet", "kommunestyret", "eldreradet"];

/// What a signed-in user may do (DESIGN.md, "Who uses it").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Admin,
    Planner,
    /// Saksbehandler: works the submissions of one or more sections.
    Handler,
    /// Member of formannskapet, kommunestyret or a council.
    Member,
    /// Møtesekretær: sets up meetings, agendas and papers, records decisions.
    Secretary,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Admin, Role::Planner, Role::Handler, Role::Member, Role::Secretary];

    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Planner => "planner",
            Role::Handler => "handler",
            Role::Member => "member",
            Role::Secretary => "secretary",
        }
    }

    /// Whether the role is held within a scope: a section for handlers, a
    /// political body for members.
    pub fn needs_scope(self) -> bool {
        matches!(self, Role::Handler | Role::Member)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role '{0}' (use admin, planner, handler, member or secretary)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|role| role.key() == s).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// A user's roles as an admin or the command line may set them: each role
/// known, handlers in a known section, members of a known body, no scope
/// where none belongs, and at least one role (no roles is no access at all:
/// that is what disabling a user is for). Sorted, without repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleSet(Vec<(Role, String)>);

/// Why a set of roles was refused; `message_key` names the message shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoleSetError {
    #[error("no role given")]
    Empty,
    #[error(transparent)]
    UnknownRole(#[from] UnknownRole),
    #[error("{0} needs a scope, e.g. handler:innovasjon-og-digitalisering or member:formannskapet")]
    NeedsScope(Role),
    #[error("{0} takes no scope")]
    TakesNoScope(Role),
    #[error("unknown scope '{1}' for {0}")]
    UnknownScope(Role, String),
    #[error("an admin cannot take away their own admin role")]
    OwnAdmin,
}

impl RoleSetError {
    pub fn message_key(&self) -> &'static str {
        match self {
            RoleSetError::OwnAdmin => "user-error-own-admin",
            _ => "user-error-unknown-role",
        }
    }
}

impl RoleSet {
    /// From role codes as stored and typed: `admin`, `planner`,
    /// `handler:{section key}`, `member:{body}`.
    pub fn parse<'a>(
        codes: impl IntoIterator<Item = &'a str>,
        section_keys: &[String],
    ) -> Result<RoleSet, RoleSetError> {
        let mut roles = Vec::new();
        for code in codes {
            let (role, scope) = match code.split_once(':') {
                Some((role, scope)) => (role.trim().parse::<Role>()?, scope.trim()),
                None => (code.trim().parse::<Role>()?, ""),
            };
            match (role, scope.is_empty()) {
                (Role::Handler | Role::Member, true) => return Err(RoleSetError::NeedsScope(role)),
                (Role::Admin | Role::Planner | Role::Secretary, false) => return Err(RoleSetError::TakesNoScope(role)),
                (Role::Handler, false) if !section_keys.iter().any(|k| k == scope) => {
                    return Err(RoleSetError::UnknownScope(role, scope.to_owned()))
                }
                (Role::Member, false) if !BODIES.contains(&scope) => {
                    return Err(RoleSetError::UnknownScope(role, scope.to_owned()))
                }
                _ => roles.push((role, scope.to_owned())),
            }
        }
        roles.sort();
        roles.dedup();
        if roles.is_empty() {
            return Err(RoleSetError::Empty);
        }
        Ok(RoleSet(roles))
    }

    /// The set as given to `user`, by `actor`: an admin who took away their
    /// own admin role could lock everyone out.
    pub fn given_by(self, actor: Option<&str>, user: &str) -> Result<RoleSet, RoleSetError> {
        if actor == Some(user) && !self.has(Role::Admin) {
            return Err(RoleSetError::OwnAdmin);
        }
        Ok(self)
    }

    pub fn has(&self, role: Role) -> bool {
        self.0.iter().any(|(r, _)| *r == role)
    }

    /// (role key, scope) pairs as stored.
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.0.iter().map(|(r, s)| (r.key().to_owned(), s.clone())).collect()
    }

    /// The codes `parse` reads back: `admin`, `handler:{section}`.
    pub fn codes(&self) -> Vec<String> {
        self.0.iter().map(|(r, s)| code(r.key(), s)).collect()
    }
}

/// A role as one code: `planner`, `handler:{section}`.
pub fn code(role: &str, scope: &str) -> String {
    if scope.is_empty() {
        role.to_owned()
    } else {
        format!("{role}:{scope}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.key().parse::<Role>(), Ok(role));
        }
        assert!("root".parse::<Role>().is_err());
    }
    fn sections() -> Vec<String> {
        vec!["innovasjon-og-digitalisering".to_owned()]
    }

    #[test]
    fn role_sets_take_known_roles_in_known_scopes() {
        let set =
            RoleSet::parse(["planner", "handler:innovasjon-og-digitalisering", "planner"], &sections()).expect("valid");
        assert_eq!(set.codes(), ["planner", "handler:innovasjon-og-digitalisering"]);
        assert_eq!(set.pairs()[1], ("handler".to_owned(), "innovasjon-og-digitalisering".to_owned()));
        assert!(RoleSet::parse(["member:formannskapet", "admin"], &sections()).is_ok());
    }

    #[test]
    fn role_sets_refuse_what_does_not_fit() {
        let refused = |codes: &[&str]| RoleSet::parse(codes.iter().copied(), &sections()).expect_err("refused");
        assert_eq!(refused(&[]), RoleSetError::Empty);
        assert!(matches!(refused(&["root"]), RoleSetError::UnknownRole(_)));
        assert_eq!(refused(&["handler"]), RoleSetError::NeedsScope(Role::Handler));
        assert_eq!(refused(&["admin:x"]), RoleSetError::TakesNoScope(Role::Admin));
        assert_eq!(refused(&["handler:økonomi"]), RoleSetError::UnknownScope(Role::Handler, "økonomi".into()));
        assert_eq!(refused(&["member:bystyret"]), RoleSetError::UnknownScope(Role::Member, "bystyret".into()));
        assert_eq!(refused(&[]).message_key(), "user-error-unknown-role");
    }

    #[test]
    fn an_admin_keeps_their_own_admin_role() {
        let planner = RoleSet::parse(["planner"], &[]).expect("valid");
        assert_eq!(planner.clone().given_by(Some("me"), "me"), Err(RoleSetError::OwnAdmin));
        assert_eq!(RoleSetError::OwnAdmin.message_key(), "user-error-own-admin");
        assert!(planner.given_by(Some("me"), "someone-else").is_ok());
        assert!(RoleSet::parse(["admin"], &[]).expect("valid").given_by(Some("me"), "me").is_ok());
    }
}
