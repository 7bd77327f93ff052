//! The admin's form for a routing rule, parsed into a `RoutingRule`: each
//! chosen value must be one offered (a plan, a theme of that plan or of any
//! plan, a configured category, a section), and at least one condition set.
//! Also the order rules are tried in, as the admin page lists them.

use super::routing::{NoCondition, RoutingRule};

/// The form as posted; empty means "any".
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleDraft<'a> {
    pub plan: &'a str,
    pub theme: &'a str,
    pub category: &'a str,
    pub section: &'a str,
}

/// What the form may choose from.
#[derive(Debug, Clone, Copy)]
pub struct RuleChoices<'a> {
    /// Each plan's id with its theme keys.
    pub plans: &'a [(&'a str, Vec<&'a str>)],
    pub categories: &'a [&'a str],
    /// Section ids.
    pub sections: &'a [&'a str],
}

/// (field, catalogue key) for each refused field.
pub type RuleErrors = Vec<(&'static str, &'static str)>;

pub fn parse(draft: &RuleDraft<'_>, choices: &RuleChoices<'_>) -> Result<RoutingRule, RuleErrors> {
    let given = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
    let (plan, theme, category, section) =
        (given(draft.plan), given(draft.theme), given(draft.category), given(draft.section));
    let mut errors = RuleErrors::new();
    let plan_themes = plan.as_deref().map(|id| choices.plans.iter().find(|(p, _)| *p == id));
    if let Some(None) = plan_themes {
        errors.push(("plan", "routing-error-unknown"));
    }
    if let Some(key) = theme.as_deref() {
        match plan_themes {
            Some(Some((_, keys))) if !keys.contains(&key) => errors.push(("theme", "routing-error-theme-not-in-plan")),
            None if !choices.plans.iter().any(|(_, keys)| keys.contains(&key)) => {
                errors.push(("theme", "routing-error-unknown"))
            }
            _ => {}
        }
    }
    if category.as_deref().is_some_and(|c| !choices.categories.contains(&c)) {
        errors.push(("category", "routing-error-unknown"));
    }
    match section.as_deref() {
        None => errors.push(("section", "routing-error-section")),
        Some(s) if !choices.sections.contains(&s) => errors.push(("section", "routing-error-section")),
        Some(_) => {}
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    RoutingRule::new(plan, theme, category, section.unwrap_or_default())
        .map_err(|e: NoCondition| vec![("plan", e.key())])
}

/// The rules' indices in the order they are tried: the most specific first,
/// between equals the one listed first (see `routing::route`).
pub fn precedence(rules: &[RoutingRule]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rules.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(rules[i].specificity()), i));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    type Plans = Vec<(&'static str, Vec<&'static str>)>;

    fn choices() -> (Plans, Vec<&'static str>, Vec<&'static str>) {
        (vec![("p1", vec!["energi", "natur"]), ("p2", vec!["skole"])], vec!["innbygger", "naeringsliv"], vec!["s1"])
    }

    fn parsed(plan: &str, theme: &str, category: &str, section: &str) -> Result<RoutingRule, RuleErrors> {
        let (plans, categories, sections) = choices();
        let c = RuleChoices { plans: &plans, categories: &categories, sections: &sections };
        parse(&RuleDraft { plan, theme, category, section }, &c)
    }

    #[test]
    fn a_rule_needs_a_condition_and_a_known_section() {
        assert_eq!(parsed("", " ", "", "s1"), Err(vec![("plan", "routing-error-no-condition")]));
        assert_eq!(parsed("", "", "innbygger", ""), Err(vec![("section", "routing-error-section")]));
        assert_eq!(parsed("", "", "innbygger", "s9"), Err(vec![("section", "routing-error-section")]));
        let rule = parsed("", "", "innbygger", "s1").expect("valid");
        assert_eq!((rule.category.as_deref(), rule.section.as_str()), (Some("innbygger"), "s1"));
    }

    #[test]
    fn only_offered_values_are_taken() {
        assert_eq!(parsed("p9", "", "", "s1"), Err(vec![("plan", "routing-error-unknown")]));
        assert_eq!(parsed("", "ukjent", "", "s1"), Err(vec![("theme", "routing-error-unknown")]));
        assert_eq!(parsed("", "", "romvesen", "s1"), Err(vec![("category", "routing-error-unknown")]));
        assert_eq!(parsed("p2", "energi", "", "s1"), Err(vec![("theme", "routing-error-theme-not-in-plan")]));
        assert!(parsed("p1", "energi", "naeringsliv", "s1").is_ok());
        assert!(parsed("", "skole", "", "s1").is_ok(), "a theme of any plan");
    }

    #[test]
    fn the_most_specific_is_tried_first() {
        let rule = |p: Option<&str>, t: Option<&str>, c: Option<&str>| {
            RoutingRule::new(p.map(Into::into), t.map(Into::into), c.map(Into::into), "s".into()).expect("rule")
        };
        let rules = [
            rule(Some("p"), None, None),
            rule(None, None, Some("c")),
            rule(None, Some("t"), None),
            rule(Some("p"), Some("t"), None),
            rule(None, Some("t2"), None),
        ];
        assert_eq!(precedence(&rules), vec![3, 2, 4, 1, 0]);
    }
}
