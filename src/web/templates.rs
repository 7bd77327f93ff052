//! Tera templates, compiled into the binary: one set per language, each with
//! `t()` bound to its language, so templates just write `t(key="…")`.

use std::collections::HashMap;
use std::sync::Arc;

use include_dir::{include_dir, Dir};
use tera::{Tera, Value};

use super::assets::Assets;
use crate::i18n::{Catalog, Lang};

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

#[derive(Debug, Clone)]
pub struct Templates {
    by_lang: HashMap<Lang, Tera>,
}

impl Templates {
    pub fn load(catalog: Arc<Catalog>, assets: &Assets) -> anyhow::Result<Self> {
        let mut base = Tera::default();
        let mut sources = Vec::new();
        collect(&TEMPLATES, &mut sources);
        base.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))?;
        base.autoescape_on(vec![".html", ".txt"]);
        base.register_function("asset", AssetUrl(assets.clone()));
        let mut by_lang = HashMap::new();
        for lang in Lang::ALL {
            let mut tera = base.clone();
            tera.register_function("t", Translate { catalog: catalog.clone(), lang });
            let for_dates = catalog.clone();
            tera.register_filter("date", move |value: &Value, _: &HashMap<String, Value>| {
                let text = value.as_str().unwrap_or("");
                let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| tera::Error::msg(format!("'{text}' is not a date")))?;
                Ok(Value::String(for_dates.date(lang, date)))
            });
            let for_times = catalog.clone();
            tera.register_filter("datetime", move |value: &Value, _: &HashMap<String, Value>| {
                let text = value.as_str().unwrap_or("");
                let time = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                    .map_err(|_| tera::Error::msg(format!("'{text}' is not a time")))?;
                Ok(Value::String(for_times.datetime(lang, time)))
            });
            by_lang.insert(lang, tera);
        }
        Ok(Self { by_lang })
    }

    pub fn render(&self, lang: Lang, name: &str, context: &tera::Context) -> tera::Result<String> {
        match self.by_lang.get(&lang) {
            Some(tera) => tera.render(name, context),
            None => Err(tera::Error::msg("no templates for language")),
        }
    }
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, String)>) {
    for file in dir.files() {
        if let (Some(name), Some(text)) = (file.path().to_str(), file.contents_utf8()) {
            out.push((name.to_owned(), text.to_owned()));
        }
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

/// `asset(name="site.css")`: the fingerprinted URL of an asset. Our own
/// paths, so safe to print unescaped.
struct AssetUrl(Assets);

impl tera::Function for AssetUrl {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let name = args.get("name").and_then(Value::as_str).unwrap_or("");
        self.0.url(name).map(Value::String).ok_or_else(|| tera::Error::msg(format!("no asset named '{name}'")))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `t(key="…", name=value, …)`: a message from the catalogue, with the other
/// arguments as Fluent variables.
struct Translate {
    catalog: Arc<Catalog>,
    lang: Lang,
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args.get("key").and_then(Value::as_str).ok_or_else(|| tera::Error::msg("t() needs key"))?;
        let mut fluent_args = fluent_bundle::FluentArgs::new();
        for (name, value) in args.iter().filter(|(name, _)| name.as_str() != "key") {
            match value {
                Value::Number(n) => fluent_args.set(name.as_str(), n.as_f64().unwrap_or(0.0)),
                Value::String(s) => fluent_args.set(name.as_str(), s.as_str()),
                other => fluent_args.set(name.as_str(), other.to_string()),
            }
        }
        let args = (args.len() > 1).then_some(&fluent_args);
        Ok(Value::String(self.catalog.message(self.lang, key, args)))
    }
}
