//! The benchmark's ceiling: a bare actix-web server, one worker, that
//! answers every request with one file's bytes held in memory. What a page
//! served "at the speed of a static file" would reach on the same core; see
//! `scripts/bench`.
//!
//!     ceiling FILE PORT [--content-type TYPE] [--content-encoding ENCODING]

use std::process::ExitCode;

use actix_web::http::header::{HeaderValue, CONTENT_ENCODING, CONTENT_TYPE};
use actix_web::web::{self, Bytes};
use actix_web::{App, HttpResponse, HttpServer};

struct Args {
    file: String,
    port: u16,
    content_type: String,
    content_encoding: Option<String>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let usage = "usage: ceiling FILE PORT [--content-type TYPE] [--content-encoding ENCODING]";
    let file = args.next().ok_or(usage)?;
    let port = args.next().ok_or(usage)?.parse().map_err(|_| format!("PORT is not a port number; {usage}"))?;
    let mut parsed = Args { file, port, content_type: "text/html; charset=utf-8".into(), content_encoding: None };
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(usage)?;
        match flag.as_str() {
            "--content-type" => parsed.content_type = value,
            "--content-encoding" => parsed.content_encoding = Some(value),
            _ => return Err(format!("unknown argument {flag}; {usage}")),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("ceiling: {message}");
            return ExitCode::from(2);
        }
    };
    match serve(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ceiling: {error}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: Args) -> std::io::Result<()> {
    let body = Bytes::from(std::fs::read(&args.file)?);
    // Header values share their bytes when cloned: nothing is copied per request.
    let invalid = |_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a header value");
    let content_type = HeaderValue::try_from(args.content_type).map_err(invalid)?;
    let content_encoding = args.content_encoding.map(HeaderValue::try_from).transpose().map_err(invalid)?;
    actix_web::rt::System::new().block_on(async move {
        HttpServer::new(move || {
            let (body, content_type, content_encoding) = (body.clone(), content_type.clone(), content_encoding.clone());
            App::new().default_service(web::to(move || {
                let mut response = HttpResponse::Ok();
                response.insert_header((CONTENT_TYPE, content_type.clone()));
                if let Some(encoding) = &content_encoding {
                    response.insert_header((CONTENT_ENCODING, encoding.clone()));
                }
                let body = body.clone();
                async move { response.body(body) }
            }))
        })
        .workers(1)
        .bind(("127.0.0.1", args.port))?
        .run()
        .await
    })
}
