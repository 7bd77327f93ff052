//! A plan's themes and contacts: add and delete.

use actix_web::{web, HttpResponse};

use super::{dashboard_with_errors, done, PlannerRequest};
use crate::db::{self, plans};
use crate::domain::plan::{ThemeError, ThemeName, MAX_CONTACT_FIELD, MAX_CONTACT_PHONE};
use crate::domain::text;
use crate::web::error::AppError;
use crate::web::form::{Fields, FormErrors};
use crate::web::page::Page;
use crate::web::AppState;

/// POST /planlegger/planer/{slug}/tema
///
/// An add overwrites nothing, so it carries no version; what it depends on —
/// the title not taken, the place at the end — is checked inside the write
/// transaction with the plan locked.
pub async fn add_theme(
    state: web::Data<AppState>,
    fields: Fields,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    let PlannerRequest { actor, page, bundle, req } = planner;
    let mut errors = FormErrors::default();
    let theme = match ThemeName::parse(fields.get("theme_title")) {
        Ok(theme) => theme,
        Err(error) => {
            theme_error(&state, &page, &mut errors, error);
            return dashboard_with_errors(&state, &page, &bundle, |f| &mut f.theme, &fields, errors).await;
        }
    };
    let plan_id = bundle.plan.id.clone();
    let added = state
        .write(move |conn| {
            plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            let themes = plans::themes(conn, &plan_id)?;
            let ThemeName { title, key } =
                match theme.unique_among(themes.iter().map(|t| (t.key.as_str(), t.title.as_str()))) {
                    Ok(theme) => theme,
                    Err(taken) => return Ok(Err(taken)),
                };
            let position = plans::next_theme_position(conn, &plan_id)?;
            plans::insert_themes(
                conn,
                &[plans::NewTheme { id: db::new_id(), plan_id: &plan_id, key: &key, title: &title, position }],
            )?;
            db::audit::record(
                conn,
                actor.as_deref(),
                "plan-changed",
                db::audit::Target::Plan(&plan_id),
                &format!("theme added: {title}"),
            )?;
            Ok::<_, AppError>(Ok(()))
        })
        .await?;
    if let Err(error) = added {
        theme_error(&state, &page, &mut errors, error);
        return dashboard_with_errors(&state, &page, &bundle, |f| &mut f.theme, &fields, errors).await;
    }
    done(&state, &req, &bundle, "themes", "flash-theme-added").await
}

/// Puts a refused theme's error in the user's language.
fn theme_error(state: &AppState, page: &Page, errors: &mut FormErrors, error: ThemeError) {
    match error {
        ThemeError::Text(text) => {
            errors.text::<()>(&state.catalog, page.lang, "theme_title", Err(text));
        }
        ThemeError::Taken => errors.add(&state.catalog, page.lang, "theme_title", error.message_key(), None),
    }
}

/// POST /planlegger/planer/{slug}/tema/{id}/slett
pub async fn delete_theme(state: web::Data<AppState>, planner: PlannerRequest) -> Result<HttpResponse, AppError> {
    delete_part(&state, planner, plans::delete_theme, "themes").await
}

/// POST /planlegger/planer/{slug}/kontakter
pub async fn add_contact(
    state: web::Data<AppState>,
    fields: Fields,
    planner: PlannerRequest,
) -> Result<HttpResponse, AppError> {
    let PlannerRequest { actor, page, bundle, req } = planner;
    let (catalog, lang) = (&state.catalog, page.lang);
    let mut errors = FormErrors::default();
    let name =
        errors.text(catalog, lang, "contact_name", text::optional(fields.get("contact_name"), MAX_CONTACT_FIELD));
    // Ticked only when the person agreed to have their name published.
    let name_consent = !fields.get("contact_name_consent").is_empty();
    let role =
        errors.text(catalog, lang, "contact_role", text::required(fields.get("contact_role"), MAX_CONTACT_FIELD));
    let responsibility = errors.text(
        catalog,
        lang,
        "contact_responsibility",
        text::optional(fields.get("contact_responsibility"), MAX_CONTACT_FIELD),
    );
    let email = errors.text(catalog, lang, "contact_email", text::optional_email(fields.get("contact_email")));
    let phone =
        errors.text(catalog, lang, "contact_phone", text::optional(fields.get("contact_phone"), MAX_CONTACT_PHONE));
    let (Some(name), Some(role), Some(responsibility), Some(email), Some(phone)) =
        (name, role, responsibility, email, phone)
    else {
        return dashboard_with_errors(&state, &page, &bundle, |f| &mut f.contact, &fields, errors).await;
    };
    let plan_id = bundle.plan.id.clone();
    state
        .write(move |conn| {
            plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            let position = plans::next_contact_position(conn, &plan_id)?;
            plans::insert_contacts(
                conn,
                &[plans::NewContact {
                    id: db::new_id(),
                    plan_id: &plan_id,
                    role: &role,
                    responsibility: responsibility.as_deref(),
                    email: email.as_deref(),
                    phone: phone.as_deref(),
                    position,
                    name: name.as_deref(),
                    name_consent: name.is_some() && name_consent,
                }],
            )?;
            db::audit::record(
                conn,
                actor.as_deref(),
                "plan-changed",
                db::audit::Target::Plan(&plan_id),
                &format!("contact added: {role}{}", if name_consent { " (name published)" } else { "" }),
            )?;
            Ok::<_, AppError>(())
        })
        .await?;
    done(&state, &req, &bundle, "contacts", "flash-contact-added").await
}

/// POST /planlegger/planer/{slug}/kontakter/{id}/slett
pub async fn delete_contact(state: web::Data<AppState>, planner: PlannerRequest) -> Result<HttpResponse, AppError> {
    delete_part(&state, planner, plans::delete_contact, "contacts").await
}

/// Deletes a theme or contact of the plan; an id that is not the plan's is
/// not found, and changes nothing. These rows are never edited, so the id
/// alone names the state the delete was decided on.
pub(super) async fn delete_part(
    state: &AppState,
    planner: PlannerRequest,
    delete: fn(&mut db::DbConnection, &str, &str) -> diesel::QueryResult<Option<String>>,
    anchor: &'static str,
) -> Result<HttpResponse, AppError> {
    let id = planner.id()?;
    let PlannerRequest { actor, bundle, req, .. } = planner;
    let plan_id = bundle.plan.id.clone();
    let deleted = state
        .write(move |conn| {
            plans::lock(conn, &plan_id)?.ok_or(AppError::NotFound)?;
            let Some(title) = delete(conn, &plan_id, &id)? else { return Ok(false) };
            // With its title, as a milestone's: the log names what is gone.
            let summary = format!("{anchor}: {id} deleted ({title})");
            db::audit::record(conn, actor.as_deref(), "plan-changed", db::audit::Target::Plan(&plan_id), &summary)?;
            Ok::<_, AppError>(true)
        })
        .await?;
    if !deleted {
        return Err(AppError::NotFound);
    }
    let flash = if anchor == "themes" { "flash-theme-deleted" } else { "flash-contact-deleted" };
    done(state, &req, &bundle, anchor, flash).await
}
