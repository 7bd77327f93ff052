//! Form errors: field → message in the user's language, shown next to the
//! field and in a summary at the top of the form.

use std::collections::BTreeMap;

use actix_web::{web, FromRequest, HttpRequest};
use fluent_bundle::FluentArgs;
use serde::Serialize;

use crate::domain::text::{self, TextError};
use crate::i18n::{Catalog, Lang};

/// A submitted form as name–value pairs, so repeated names (checkboxes)
/// and missing ones both work: read it as `web::Form<Vec<(String, String)>>`.
#[derive(Debug, Default)]
pub struct Fields(Vec<(String, String)>);

impl From<Vec<(String, String)>> for Fields {
    /// Every value loses the characters no text may hold (`text::multi_line`):
    /// NUL, which PostgreSQL refuses, the other controls, and what XML cannot
    /// carry into a feed. Single-line fields lose more when they are checked.
    fn from(pairs: Vec<(String, String)>) -> Self {
        Self(pairs.into_iter().map(|(name, value)| (name, text::multi_line(&value))).collect())
    }
}

/// A handler may take the form as `Fields` directly: read as a urlencoded
/// `web::Form`, with its limits and errors.
impl FromRequest for Fields {
    type Error = actix_web::Error;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let form = web::Form::<Vec<(String, String)>>::from_request(req, payload);
        Box::pin(async move { Ok(Fields::from(form.await?.into_inner())) })
    }
}

impl Fields {
    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }

    /// The values to show again in the form, without the CSRF token.
    pub fn values(&self) -> BTreeMap<String, String> {
        let mut values = BTreeMap::new();
        for (name, value) in self.0.iter().filter(|(n, _)| n != "csrf") {
            values.entry(name.clone()).or_insert_with(|| value.clone());
        }
        values
    }
}

/// The errors of one submitted form: `fields` by name for the fields,
/// `list` in the order found (the form's order) for the summary.
#[derive(Debug, Default, Serialize)]
pub struct FormErrors {
    fields: BTreeMap<String, String>,
    list: Vec<(String, String)>,
}

impl FormErrors {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.fields.contains_key(field)
    }

    /// Adds a message by its catalogue key; the first error of a field wins.
    pub fn add(&mut self, catalog: &Catalog, lang: Lang, field: &str, key: &str, args: Option<&FluentArgs<'_>>) {
        if !self.fields.contains_key(field) {
            let message = catalog.message(lang, key, args);
            self.fields.insert(field.to_owned(), message.clone());
            self.list.push((field.to_owned(), message));
        }
    }

    /// Keeps the value of a checked field, or records why it was refused.
    pub fn text<T>(&mut self, catalog: &Catalog, lang: Lang, field: &str, checked: Result<T, TextError>) -> Option<T> {
        match checked {
            Ok(value) => Some(value),
            Err(error) => {
                let mut args = FluentArgs::new();
                match error {
                    TextError::TooLong { max } => args.set("max", max),
                    TextError::OutOfRange { min, max } => {
                        args.set("min", min);
                        args.set("max", max);
                    }
                    _ => {}
                }
                self.add(catalog, lang, field, error.message_key(), Some(&args));
                None
            }
        }
    }
}
