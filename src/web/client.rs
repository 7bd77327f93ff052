//! Where a request comes from, for throttling: the peer address, or behind
//! proxies we run, the address our outermost trusted proxy saw.

use std::net::{IpAddr, SocketAddr};

use actix_web::http::header::HeaderMap;
use actix_web::HttpRequest;

use super::AppState;

/// The client's address. With `trust_forwarded_for`, each trusted proxy
/// appends the address it was reached from to X-Forwarded-For, so the entry
/// `trusted_proxy_hops` from the right is the one the outermost trusted proxy
/// saw; everything left of it came from the client and proves nothing.
pub fn client_address(state: &AppState, req: &HttpRequest) -> Option<IpAddr> {
    let peer = req.peer_addr().map(|a| a.ip());
    let accounts = &state.settings.accounts;
    if !accounts.trust_forwarded_for {
        return peer;
    }
    forwarded_address(req.headers(), accounts.trusted_proxy_hops).or(peer)
}

/// The entry `hops` from the right of all X-Forwarded-For headers, in order.
/// A chain shorter than `hops` (a request that reached us past some of the
/// proxies) gives its leftmost entry.
fn forwarded_address(headers: &HeaderMap, hops: u32) -> Option<IpAddr> {
    let chain: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .collect();
    let hops = usize::try_from(hops).unwrap_or(usize::MAX).max(1);
    let entry = chain.get(chain.len().saturating_sub(hops))?;
    parse(entry)
}

/// "203.0.113.7", "203.0.113.7:5100", "2001:db8::1" or "[2001:db8::1]:443".
fn parse(entry: &str) -> Option<IpAddr> {
    entry.parse::<IpAddr>().ok().or_else(|| entry.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in values {
            map.append(HeaderName::from_static("x-forwarded-for"), HeaderValue::from_str(value).expect("value"));
        }
        map
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().expect("ip"))
    }

    #[test]
    fn the_rightmost_entry_is_the_one_our_proxy_appended() {
        let spoofed = headers(&["203.0.113.9, 127.0.0.1"]);
        assert_eq!(forwarded_address(&spoofed, 1), ip("127.0.0.1"));
        assert_eq!(forwarded_address(&spoofed, 2), ip("203.0.113.9"));
        assert_eq!(forwarded_address(&headers(&["198.51.100.4"]), 1), ip("198.51.100.4"));
    }

    #[test]
    fn several_headers_count_as_one_chain() {
        let split = headers(&["203.0.113.9", "198.51.100.4, 192.0.2.1"]);
        assert_eq!(forwarded_address(&split, 1), ip("192.0.2.1"));
        assert_eq!(forwarded_address(&split, 3), ip("203.0.113.9"));
        assert_eq!(forwarded_address(&split, 9), ip("203.0.113.9"), "fewer entries than hops: the leftmost");
    }

    #[test]
    fn ports_and_brackets_are_read_and_junk_is_not_an_address() {
        assert_eq!(forwarded_address(&headers(&["192.0.2.1:5100"]), 1), ip("192.0.2.1"));
        assert_eq!(forwarded_address(&headers(&["[2001:db8::1]:443"]), 1), ip("2001:db8::1"));
        assert_eq!(forwarded_address(&headers(&["2001:db8::1"]), 1), ip("2001:db8::1"));
        assert_eq!(forwarded_address(&headers(&["unknown"]), 1), None);
        assert_eq!(forwarded_address(&headers(&[" , "]), 1), None);
        assert_eq!(forwarded_address(&HeaderMap::new(), 1), None);
    }
}
