//! Staff roles and the scope each one is held in.

use std::fmt;
use std::str::FromStr;

/// The political bodies members belong to.
pub const BODIES: [&str; 2] = ["formannskapet", "kommunestyret"];

/// What a signed-in user may do (DESIGN.md, "Who uses it").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Admin,
    Planner,
    /// Saksbehandler: works the submissions of one or more sections.
    Handler,
    /// Member of formannskapet, kommunestyret or a council.
    Member,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Planner, Role::Handler, Role::Member];

    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Planner => "planner",
            Role::Handler => "handler",
            Role::Member => "member",
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
#[error("unknown role '{0}' (use admin, planner, handler or member)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|role| role.key() == s).ok_or_else(|| UnknownRole(s.to_owned()))
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
}
