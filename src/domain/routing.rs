//! Which section's inbox a hearing submission lands in. A rule names a plan,
//! a theme and/or a submitter category, and a section; a submission goes to
//! the most specific rule that matches it, otherwise to the plan's
//! responsible section.
//!
//! "Most specific": the rule with the most conditions; between rules with as
//! many, a theme condition outranks a category condition, which outranks a
//! plan condition (a theme says most about who should read it); between
//! equals, the rule listed first.

/// A routing rule; at least one condition is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingRule {
    pub plan_id: Option<String>,
    pub theme: Option<String>,
    pub category: Option<String>,
    pub section: String,
}

/// What a submission says about itself, as routing reads it.
#[derive(Debug, Clone, Copy)]
pub struct Submission<'a> {
    pub plan_id: &'a str,
    /// Theme keys the submission concerns.
    pub themes: &'a [&'a str],
    pub category: &'a str,
}

/// Where a submission goes and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Routed<'a> {
    /// The rule at this index of the list matched.
    Rule { index: usize, section: &'a str },
    /// No rule matched: the plan's responsible section.
    Responsible,
}

/// A rule without any condition would catch every submission: refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a routing rule needs a plan, a theme or a category")]
pub struct NoCondition;

impl NoCondition {
    pub fn key(self) -> &'static str {
        "routing-error-no-condition"
    }
}

impl RoutingRule {
    pub fn new(
        plan_id: Option<String>,
        theme: Option<String>,
        category: Option<String>,
        section: String,
    ) -> Result<Self, NoCondition> {
        if plan_id.is_none() && theme.is_none() && category.is_none() {
            return Err(NoCondition);
        }
        Ok(Self { plan_id, theme, category, section })
    }

    fn matches(&self, submission: &Submission<'_>) -> bool {
        self.plan_id.as_deref().is_none_or(|plan| plan == submission.plan_id)
            && self.theme.as_deref().is_none_or(|theme| submission.themes.contains(&theme))
            && self.category.as_deref().is_none_or(|category| category == submission.category)
    }

    /// Higher is more specific: the number of conditions first, then which.
    pub fn specificity(&self) -> (u8, u8) {
        let theme = u8::from(self.theme.is_some());
        let category = u8::from(self.category.is_some());
        let plan = u8::from(self.plan_id.is_some());
        (theme + category + plan, theme * 4 + category * 2 + plan)
    }
}

/// The section a submission goes to under `rules` (in their listed order).
pub fn route<'a>(rules: &'a [RoutingRule], submission: &Submission<'_>) -> Routed<'a> {
    let mut best: Option<(usize, &RoutingRule)> = None;
    for (index, rule) in rules.iter().enumerate() {
        if !rule.matches(submission) {
            continue;
        }
        // Strictly more specific replaces; an equal one listed later does not.
        if best.is_none_or(|(_, found)| rule.specificity() > found.specificity()) {
            best = Some((index, rule));
        }
    }
    match best {
        Some((index, rule)) => Routed::Rule { index, section: &rule.section },
        None => Routed::Responsible,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(plan: Option<&str>, theme: Option<&str>, category: Option<&str>, section: &str) -> RoutingRule {
        RoutingRule::new(plan.map(Into::into), theme.map(Into::into), category.map(Into::into), section.into())
            .expect("a condition")
    }

    const CLIMATE: &str = "plan-klima";

    fn submission<'a>(themes: &'a [&'a str], category: &'a str) -> Submission<'a> {
        Submission { plan_id: CLIMATE, themes, category }
    }

    fn section<'a>(routed: Routed<'a>) -> Option<&'a str> {
        match routed {
            Routed::Rule { section, .. } => Some(section),
            Routed::Responsible => None,
        }
    }

    #[test]
    fn without_a_matching_rule_the_responsible_section_gets_it() {
        assert_eq!(route(&[], &submission(&["energi"], "innbygger")), Routed::Responsible);
        let rules = [
            rule(Some("plan-annen"), None, None, "a"),
            rule(None, Some("transport"), None, "b"),
            rule(None, None, Some("naeringsliv"), "c"),
            rule(Some(CLIMATE), Some("energi"), Some("naeringsliv"), "d"),
        ];
        assert_eq!(route(&rules, &submission(&["energi"], "innbygger")), Routed::Responsible);
    }

    #[test]
    fn each_kind_of_condition_matches_on_its_own() {
        let by_plan = [rule(Some(CLIMATE), None, None, "plan")];
        let by_theme = [rule(None, Some("energi"), None, "theme")];
        let by_category = [rule(None, None, Some("innbygger"), "category")];
        let s = submission(&["transport", "energi"], "innbygger");
        assert_eq!(route(&by_plan, &s), Routed::Rule { index: 0, section: "plan" });
        assert_eq!(section(route(&by_theme, &s)), Some("theme"));
        assert_eq!(section(route(&by_category, &s)), Some("category"));
        let other = Submission { plan_id: "plan-annen", themes: &["transport"], category: "ansatt" };
        for rules in [&by_plan, &by_theme, &by_category] {
            assert_eq!(route(rules, &other), Routed::Responsible);
        }
    }

    #[test]
    fn every_condition_of_a_rule_must_match() {
        let rules = [rule(Some(CLIMATE), Some("energi"), Some("naeringsliv"), "all")];
        assert_eq!(section(route(&rules, &submission(&["energi"], "naeringsliv"))), Some("all"));
        assert_eq!(route(&rules, &submission(&["transport"], "naeringsliv")), Routed::Responsible);
        assert_eq!(route(&rules, &submission(&["energi"], "innbygger")), Routed::Responsible);
        let other = Submission { plan_id: "plan-annen", themes: &["energi"], category: "naeringsliv" };
        assert_eq!(route(&rules, &other), Routed::Responsible);
    }

    #[test]
    fn more_conditions_win_whatever_the_order() {
        let general = rule(None, Some("energi"), None, "general");
        let specific = rule(Some(CLIMATE), None, Some("naeringsliv"), "specific");
        let s = submission(&["energi"], "naeringsliv");
        assert_eq!(section(route(&[general.clone(), specific.clone()], &s)), Some("specific"));
        assert_eq!(route(&[specific, general], &s), Routed::Rule { index: 0, section: "specific" });
        let three = rule(Some(CLIMATE), Some("energi"), Some("naeringsliv"), "three");
        let two = rule(None, Some("energi"), Some("naeringsliv"), "two");
        assert_eq!(section(route(&[two.clone(), three.clone()], &s)), Some("three"));
        assert_eq!(section(route(&[three, two], &s)), Some("three"));
    }

    #[test]
    fn between_as_many_conditions_theme_outranks_category_outranks_plan() {
        let s = submission(&["energi"], "naeringsliv");
        let plan = rule(Some(CLIMATE), None, None, "plan");
        let category = rule(None, None, Some("naeringsliv"), "category");
        let theme = rule(None, Some("energi"), None, "theme");
        for rules in [
            [plan.clone(), category.clone(), theme.clone()],
            [theme.clone(), plan.clone(), category.clone()],
            [category.clone(), theme.clone(), plan.clone()],
        ] {
            assert_eq!(section(route(&rules, &s)), Some("theme"));
        }
        assert_eq!(section(route(&[plan.clone(), category.clone()], &s)), Some("category"));
        assert_eq!(section(route(&[category.clone(), plan.clone()], &s)), Some("category"));
        let plan_theme = rule(Some(CLIMATE), Some("energi"), None, "plan+theme");
        let plan_category = rule(Some(CLIMATE), None, Some("naeringsliv"), "plan+category");
        let theme_category = rule(None, Some("energi"), Some("naeringsliv"), "theme+category");
        assert_eq!(section(route(&[plan_category.clone(), plan_theme.clone()], &s)), Some("plan+theme"));
        assert_eq!(
            section(route(&[plan_theme.clone(), plan_category.clone(), theme_category.clone()], &s)),
            Some("theme+category")
        );
    }

    #[test]
    fn between_equals_the_first_listed_wins() {
        let s = submission(&["energi", "transport"], "innbygger");
        let energy = rule(None, Some("energi"), None, "energy");
        let transport = rule(None, Some("transport"), None, "transport");
        assert_eq!(route(&[energy.clone(), transport.clone()], &s), Routed::Rule { index: 0, section: "energy" });
        assert_eq!(route(&[transport, energy], &s), Routed::Rule { index: 0, section: "transport" });
    }

    #[test]
    fn a_rule_needs_a_condition() {
        assert_eq!(RoutingRule::new(None, None, None, "a".into()), Err(NoCondition));
        assert_eq!(NoCondition.key(), "routing-error-no-condition");
        for (plan, theme, category) in [(Some("p"), None, None), (None, Some("t"), None), (None, None, Some("c"))] {
            let made =
                RoutingRule::new(plan.map(Into::into), theme.map(Into::into), category.map(Into::into), "a".into());
            assert!(made.is_ok());
        }
    }
}
