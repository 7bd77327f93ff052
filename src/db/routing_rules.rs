//! Routing rules as the admin pages use them: what a rule may name (plans
//! with their themes, sections), the next position, and deleting one.
//! (Reading rules for routing and inserting them: `submissions`.)

use diesel::prelude::*;

use super::schema::{plan_themes, plans, routing_rules};
use super::DbConnection;

/// A plan as the rule form offers it, with its themes as (key, title).
#[derive(Debug, Clone)]
pub struct PlanChoice {
    pub id: String,
    pub title: String,
    pub themes: Vec<(String, String)>,
}

/// Every plan with its themes, by title: two queries.
pub fn plan_choices(conn: &mut DbConnection) -> QueryResult<Vec<PlanChoice>> {
    let plans: Vec<(String, String)> = plans::table.order(plans::title).select((plans::id, plans::title)).load(conn)?;
    let themes: Vec<(String, String, String)> = plan_themes::table
        .order((plan_themes::plan_id, plan_themes::position))
        .select((plan_themes::plan_id, plan_themes::key, plan_themes::title))
        .load(conn)?;
    Ok(plans
        .into_iter()
        .map(|(id, title)| {
            let themes = themes.iter().filter(|(p, ..)| *p == id).map(|(_, k, t)| (k.clone(), t.clone())).collect();
            PlanChoice { id, title, themes }
        })
        .collect())
}

/// The position after the last rule, read in the inserting transaction.
pub fn next_position(conn: &mut DbConnection) -> QueryResult<i32> {
    let last: Option<i32> = routing_rules::table.select(diesel::dsl::max(routing_rules::position)).first(conn)?;
    Ok(last.unwrap_or(0) + 1)
}

/// Whether the rule exists.
pub fn exists(conn: &mut DbConnection, id: &str) -> QueryResult<bool> {
    let n: i64 = routing_rules::table.filter(routing_rules::id.eq(id)).count().get_result(conn)?;
    Ok(n > 0)
}

/// Deletes the rule; false when it was already gone. Routes it decided keep
/// their section (their rule id becomes NULL).
pub fn delete(conn: &mut DbConnection, id: &str) -> QueryResult<bool> {
    Ok(diesel::delete(routing_rules::table.find(id)).execute(conn)? > 0)
}
