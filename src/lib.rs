//! Temaplan: carries a municipal thematic plan from mandate to final vote and
//! hears the public on the way.

pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod documents;
pub mod domain;
pub mod i18n;
pub mod mail;
pub mod password_hashing;
pub mod retention;
pub mod telemetry;
pub mod web;
