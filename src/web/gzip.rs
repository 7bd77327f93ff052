//! Bodies compressed once and kept, instead of on every response.

use std::io::Write;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::HttpRequest;
use flate2::write::GzEncoder;
use flate2::Compression;

/// The body gzip-compressed, or None when that does not make it smaller.
pub fn compress(body: &[u8]) -> Option<Bytes> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(body.len() / 3), Compression::default());
    encoder.write_all(body).ok()?;
    let compressed = encoder.finish().ok()?;
    (compressed.len() < body.len()).then(|| Bytes::from(compressed))
}

/// Whether the client takes gzip (`Accept-Encoding`, q > 0).
pub fn accepted(req: &HttpRequest) -> bool {
    req.headers().get_all(header::ACCEPT_ENCODING).filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
        |part| {
            let mut pieces = part.trim().split(';');
            let name = pieces.next().unwrap_or("").trim();
            let quality = pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok());
            (name.eq_ignore_ascii_case("gzip") || name == "*") && quality.is_none_or(|q| q > 0.0)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn compresses_and_round_trips() {
        let text = "Temaplan ".repeat(200);
        let gz = compress(text.as_bytes()).expect("smaller");
        let mut out = String::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut out).expect("decodes");
        assert_eq!(out, text);
        assert!(compress(b"x").is_none(), "tiny bodies stay as they are");
    }

    #[test]
    fn reads_accept_encoding() {
        let req = |value: &str| {
            actix_web::test::TestRequest::default().insert_header(("Accept-Encoding", value)).to_http_request()
        };
        assert!(accepted(&req("gzip, deflate, br")));
        assert!(accepted(&req("br;q=1.0, gzip;q=0.8")));
        assert!(!accepted(&req("gzip;q=0, br")));
        assert!(!accepted(&req("identity")));
        assert!(!accepted(&actix_web::test::TestRequest::default().to_http_request()));
    }
}
