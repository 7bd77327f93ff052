//! A stored document's access class, and the one rule that says who may
//! read its content.

use super::role::Role;

/// Who may read a document's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessClass {
    /// Everyone.
    Public,
    /// Unntatt offentlighet: staff and the members of one political body.
    /// The public sees that it exists, its public title, date and ground.
    Exempt { legal_ground: String, body: String },
    /// E.g. a submitter's attachment: the responsible section's handlers
    /// and admins.
    Private { section: String },
}

impl AccessClass {
    /// The key stored in the database.
    pub fn key(&self) -> &'static str {
        match self {
            AccessClass::Public => "public",
            AccessClass::Exempt { .. } => "exempt",
            AccessClass::Private { .. } => "private",
        }
    }

    pub fn is_public(&self) -> bool {
        matches!(self, AccessClass::Public)
    }
}

/// Decides whether a reader — `None` for the public, else the signed-in
/// user's (role, scope) pairs — may read a document's content.
pub fn may_read(class: &AccessClass, roles: Option<&[(Role, String)]>) -> bool {
    let holds = |role: Role, scope: Option<&str>| {
        roles.unwrap_or_default().iter().any(|(r, s)| *r == role && scope.is_none_or(|scope| s == scope))
    };
    match class {
        AccessClass::Public => true,
        AccessClass::Exempt { body, .. } => {
            holds(Role::Admin, None)
                || holds(Role::Planner, None)
                || holds(Role::Secretary, None)
                || holds(Role::Handler, None)
                || holds(Role::Member, Some(body))
        }
        AccessClass::Private { section } => holds(Role::Admin, None) || holds(Role::Handler, Some(section)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exempt() -> AccessClass {
        AccessClass::Exempt { legal_ground: "offl. § 13 jf. fvl. § 13".into(), body: "formannskapet".into() }
    }

    fn private() -> AccessClass {
        AccessClass::Private { section: "digitalisering".into() }
    }

    type Reader<'a> = Option<&'a [(Role, String)]>;

    #[test]
    fn who_reads_what() {
        let admin = vec![(Role::Admin, String::new())];
        let planner = vec![(Role::Planner, String::new())];
        let handler_own = vec![(Role::Handler, "digitalisering".to_owned())];
        let handler_other = vec![(Role::Handler, "helse".to_owned())];
        let member = vec![(Role::Member, "formannskapet".to_owned())];
        let member_other = vec![(Role::Member, "kommunestyret".to_owned())];
        let secretary = vec![(Role::Secretary, String::new())];
        let nobody: Vec<(Role, String)> = Vec::new();
        let readers: [(&str, Reader); 9] = [
            ("public", None),
            ("signed in, no roles", Some(&nobody)),
            ("admin", Some(&admin)),
            ("planner", Some(&planner)),
            ("handler of the section", Some(&handler_own)),
            ("handler of another section", Some(&handler_other)),
            ("member of the body", Some(&member)),
            ("member of another body", Some(&member_other)),
            ("meeting secretary", Some(&secretary)),
        ];
        //              public exempt private
        let table = [
            (true, false, false),
            (true, false, false),
            (true, true, true),
            (true, true, false),
            (true, true, true),
            (true, true, false),
            (true, true, false),
            (true, false, false),
            (true, true, false),
        ];
        for ((name, roles), (public, exempt_ok, private_ok)) in readers.into_iter().zip(table) {
            assert_eq!(may_read(&AccessClass::Public, roles), public, "{name} reading public");
            assert_eq!(may_read(&exempt(), roles), exempt_ok, "{name} reading exempt");
            assert_eq!(may_read(&private(), roles), private_ok, "{name} reading private");
        }
    }
}
