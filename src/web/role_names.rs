//! Roles by their names in the reader's language: "Planlegger",
//! "Saksbehandler – Innovasjon og digitalisering", "Medlem av formannskapet".
//! Section names come from the sections table, bodies from the catalogue.

use fluent_bundle::FluentArgs;

use crate::db::sections::Section;
use crate::domain::role::BODIES;
use crate::i18n::{Catalog, Lang};

/// The name of `role` held in `scope`. A code this version does not know
/// is shown as it is stored rather than hidden.
pub fn role_name(catalog: &Catalog, lang: Lang, role: &str, scope: &str, sections: &[Section]) -> String {
    match role {
        "admin" => catalog.message(lang, "role-admin", None),
        "planner" => catalog.message(lang, "role-planner", None),
        "secretary" => catalog.message(lang, "role-secretary", None),
        "handler" => {
            let section = sections.iter().find(|s| s.key == scope).map_or(scope, |s| s.name.as_str());
            let mut args = FluentArgs::new();
            args.set("section", section.to_owned());
            catalog.message(lang, "role-handler-in", Some(&args))
        }
        "member" => {
            let body = match BODIES.contains(&scope) {
                true => catalog.message(lang, &format!("body-{scope}"), None),
                false => scope.to_owned(),
            };
            let mut args = FluentArgs::new();
            args.set("body", body);
            catalog.message(lang, "role-member-of", Some(&args))
        }
        other => crate::domain::role::code(other, scope),
    }
}

/// The name of a role code as the audit log stores it: `planner`,
/// `handler:{section}` (older entries wrote `planner:`).
pub fn code_name(catalog: &Catalog, lang: Lang, code: &str, sections: &[Section]) -> String {
    let (role, scope) = code.trim().split_once(':').unwrap_or((code.trim(), ""));
    role_name(catalog, lang, role, scope, sections)
}
