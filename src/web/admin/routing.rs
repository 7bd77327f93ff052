//! Routing rules (`/admin/ruting`): the list in the order rules are tried,
//! the form to add one, and deleting one after a confirmation page. Every
//! change is audited and ends with a success message.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db::{self, audit, routing_rules, sections, submissions};
use crate::domain::routing::RoutingRule;
use crate::domain::routing_form::{self, RuleChoices, RuleDraft};
use crate::web::access::known_id;
use crate::web::error::AppError;
use crate::web::flash;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::{see_other, Page};
use crate::web::request::actor_id;
use crate::web::AppState;

type Form = web::Form<Vec<(String, String)>>;

#[derive(Serialize)]
struct RuleView {
    id: String,
    plan: Option<String>,
    theme: Option<String>,
    category: Option<String>,
    section: String,
}

/// Everything the page names: plans with themes, sections, and the rules.
struct Names {
    plans: Vec<routing_rules::PlanChoice>,
    sections: Vec<sections::Section>,
    rules: Vec<(String, RoutingRule)>,
}

async fn names(state: &AppState) -> Result<Names, AppError> {
    state
        .db(|conn| {
            Ok(Names {
                plans: routing_rules::plan_choices(conn)?,
                sections: sections::list(conn)?,
                rules: submissions::routing_rules(conn)?,
            })
        })
        .await
}

impl Names {
    fn plan(&self, id: &str) -> String {
        self.plans.iter().find(|p| p.id == id).map_or_else(|| id.to_owned(), |p| p.title.clone())
    }

    /// The theme's title in the rule's plan, or in the first plan that has it.
    fn theme(&self, plan: Option<&str>, key: &str) -> String {
        self.plans
            .iter()
            .filter(|p| plan.is_none_or(|id| p.id == id))
            .find_map(|p| p.themes.iter().find(|(k, _)| k == key).map(|(_, t)| t.clone()))
            .unwrap_or_else(|| key.to_owned())
    }

    fn section(&self, id: &str) -> String {
        self.sections.iter().find(|s| s.id == id).map_or_else(|| id.to_owned(), |s| s.name.clone())
    }

    fn view(&self, state: &AppState, page: &Page, id: &str, rule: &RoutingRule) -> RuleView {
        RuleView {
            id: id.to_owned(),
            plan: rule.plan_id.as_deref().map(|p| self.plan(p)),
            theme: rule.theme.as_deref().map(|t| self.theme(rule.plan_id.as_deref(), t)),
            category: rule
                .category
                .as_deref()
                .map(|c| state.catalog.message(page.lang, &format!("submission-category-{c}"), None)),
            section: self.section(&rule.section),
        }
    }

    /// The rule in words for the audit log (no personal data in a rule).
    fn describe(&self, rule: &RoutingRule) -> String {
        let or_any = |v: Option<String>| v.unwrap_or_else(|| "*".into());
        format!(
            "plan {}, theme {}, category {} → section {}",
            or_any(rule.plan_id.as_deref().map(|p| self.plan(p))),
            or_any(rule.theme.clone()),
            or_any(rule.category.clone()),
            self.section(&rule.section)
        )
    }
}

async fn render(
    state: &AppState,
    page: &Page,
    values: BTreeMap<String, String>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let names = names(state).await?;
    let only: Vec<RoutingRule> = names.rules.iter().map(|(_, r)| r.clone()).collect();
    let rules: Vec<RuleView> = routing_form::precedence(&only)
        .into_iter()
        .map(|i| names.view(state, page, &names.rules[i].0, &names.rules[i].1))
        .collect();
    let categories: Vec<(String, String)> = state
        .settings
        .submissions
        .categories
        .iter()
        .map(|c| (c.key.clone(), state.catalog.message(page.lang, &format!("submission-category-{}", c.key), None)))
        .collect();
    let plans: Vec<_> =
        names.plans.iter().map(|p| serde_json::json!({ "id": p.id, "title": p.title, "themes": p.themes })).collect();
    let sections: Vec<(&str, &str)> = names.sections.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();
    let mut context = tera::Context::new();
    context.insert("rules", &rules);
    context.insert("plans", &plans);
    context.insert("categories", &categories);
    context.insert("sections", &sections);
    context.insert("form", &serde_json::json!({ "values": values, "errors": errors }));
    page.render_status(state, "admin/routing.html", context, status)
}

/// GET /admin/ruting
pub async fn list(state: web::Data<AppState>, page: Page) -> Result<HttpResponse, AppError> {
    render(&state, &page, BTreeMap::new(), FormErrors::default(), StatusCode::OK).await
}

/// POST /admin/ruting
pub async fn add(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    form: Form,
) -> Result<HttpResponse, AppError> {
    let fields = Fields::from(form.into_inner());
    let names = names(&state).await?;
    let plans: Vec<(&str, Vec<&str>)> =
        names.plans.iter().map(|p| (p.id.as_str(), p.themes.iter().map(|(k, _)| k.as_str()).collect())).collect();
    let categories: Vec<&str> = state.settings.submissions.categories.iter().map(|c| c.key.as_str()).collect();
    let section_ids: Vec<&str> = names.sections.iter().map(|s| s.id.as_str()).collect();
    let choices = RuleChoices { plans: &plans, categories: &categories, sections: &section_ids };
    let draft = RuleDraft {
        plan: fields.get("plan"),
        theme: fields.get("theme"),
        category: fields.get("category"),
        section: fields.get("section"),
    };
    let rule = match routing_form::parse(&draft, &choices) {
        Ok(rule) => rule,
        Err(found) => {
            let mut errors = FormErrors::default();
            for (field, key) in found {
                errors.add(&state.catalog, page.lang, field, key, None);
            }
            return render(&state, &page, fields.values(), errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let summary = format!("routing rule added: {}", names.describe(&rule));
    let actor = actor_id(&req);
    state
        .write(move |conn| {
            let id = db::new_id();
            let position = routing_rules::next_position(conn)?;
            let new = submissions::NewRule {
                id: id.clone(),
                plan_id: rule.plan_id.as_deref(),
                theme_key: rule.theme.as_deref(),
                category: rule.category.as_deref(),
                section_id: &rule.section,
                position,
                created_at: db::now(),
            };
            submissions::insert_rule(conn, &new)?;
            let target = audit::Target::Named("routing-rule", &id, "");
            audit::record(conn, actor.as_deref(), "routing-changed", target, &summary)?;
            Ok::<_, AppError>(())
        })
        .await?;
    flash::set(&state, &req, "flash-routing-added").await?;
    Ok(see_other("/admin/ruting".into()))
}

/// GET /admin/ruting/{id}/slett
pub async fn confirm_delete(
    state: web::Data<AppState>,
    page: Page,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = known_id(id.into_inner())?;
    let names = names(&state).await?;
    let (_, rule) = names.rules.iter().find(|(r, _)| *r == id).ok_or(AppError::NotFound)?;
    let mut context = tera::Context::new();
    context.insert("rule", &names.view(&state, &page, &id, rule));
    page.render(&state, "admin/routing_delete.html", context)
}

/// POST /admin/ruting/{id}/slett
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = known_id(id.into_inner())?;
    let names = names(&state).await?;
    let described = names.rules.iter().find(|(r, _)| *r == id).map(|(_, rule)| names.describe(rule));
    let actor = actor_id(&req);
    let deleted = state
        .write(move |conn| {
            // Decided on the rule as listed: gone already, nothing to do.
            if !routing_rules::exists(conn, &id)? || !routing_rules::delete(conn, &id)? {
                return Ok(false);
            }
            let summary = format!("routing rule deleted: {}", described.unwrap_or_default());
            audit::record(
                conn,
                actor.as_deref(),
                "routing-changed",
                audit::Target::Named("routing-rule", &id, ""),
                &summary,
            )?;
            Ok::<_, AppError>(true)
        })
        .await?;
    let message = if deleted { "flash-routing-deleted" } else { "flash-routing-gone" };
    flash::set(&state, &req, message).await?;
    Ok(see_other("/admin/ruting".into()))
}
