//! The submission benchmark's client: CLIENTS threads, each on its own
//! keep-alive connection, open the climate plan's form (a fresh CSRF cookie
//! and idempotency token, as a browser gets them) and post a text-only
//! submission as `multipart/form-data`, for SECONDS. Counts the 303s (each
//! is a receipt: the submission is committed) and prints one line:
//! `receipts=N seconds=S per_second=R p50_ms=… p99_ms=… other=M`. Only
//! std, and only to the given loopback port; see `scripts/submission-bench`.
//!
//!     submission-load PORT CLIENTS SECONDS [SLUG] [--forwarded-for]
//!
//! With `--forwarded-for` each round comes from another address (an
//! `X-Forwarded-For` of 10.x.y.z, for a server started with
//! `TEMAPLAN_TRUST_FORWARDED_FOR=true`), as many citizens do, so that the
//! per-address limit can stay as configured; without it every round is
//! 127.0.0.1, and the limit must be lifted.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

struct Answer {
    status: u16,
    cookies: Vec<String>,
    body: String,
}

fn exchange(stream: &mut BufReader<TcpStream>, request: &[u8]) -> std::io::Result<Answer> {
    stream.get_mut().write_all(request)?;
    let mut line = String::new();
    stream.read_line(&mut line)?;
    let status = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (mut length, mut cookies) = (0usize, Vec::new());
    loop {
        line.clear();
        if stream.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        } else if lower.starts_with("set-cookie:") {
            cookies.push(line["set-cookie:".len()..].trim().split(';').next().unwrap_or("").to_owned());
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body)?;
    Ok(Answer { status, cookies, body: String::from_utf8_lossy(&body).into_owned() })
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    text[from..].split(end).next()
}

/// One round: the form, then the post. The post's latency in ms, or None.
fn round(
    stream: &mut BufReader<TcpStream>,
    port: u16,
    path: &str,
    n: u64,
    forwarded: bool,
) -> std::io::Result<Option<f64>> {
    let from = if forwarded {
        format!("X-Forwarded-For: 10.{}.{}.{}\r\n", (n >> 16) & 255, (n >> 8) & 255, n & 255)
    } else {
        String::new()
    };
    let get = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{from}\r\n");
    let form = exchange(stream, get.as_bytes())?;
    let csrf_cookie = form.cookies.iter().find(|c| c.starts_with("temaplan_csrf=")).cloned().unwrap_or_default();
    let action_csrf = between(&form.body, &format!("action=\"{path}?csrf="), "\"").unwrap_or_default().to_owned();
    let token = between(&form.body, "name=\"form_token\" value=\"", "\"").unwrap_or_default().to_owned();
    let boundary = format!("----load{n}");
    let mut body = String::new();
    for (name, value) in [
        ("form_token", token.as_str()),
        ("category", "innbygger"),
        ("text", "Et innspill fra belastningstesten: flere sykkelveier og ladepunkter, takk."),
    ] {
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let post = format!(
        "POST {path}?csrf={action_csrf} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{from}Cookie: {csrf_cookie}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let started = Instant::now();
    let answer = exchange(stream, post.as_bytes())?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    Ok((answer.status == 303).then_some(ms))
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let forwarded = args.iter().any(|a| a == "--forwarded-for");
    args.retain(|a| a != "--forwarded-for");
    let (Some(port), Some(clients), Some(seconds)) = (
        args.first().and_then(|a| a.parse::<u16>().ok()),
        args.get(1).and_then(|a| a.parse::<u64>().ok()),
        args.get(2).and_then(|a| a.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: submission-load PORT CLIENTS SECONDS [SLUG] [--forwarded-for]");
        std::process::exit(2);
    };
    let path = format!("/planer/{}/innspill", args.get(3).map_or("klima-og-miljo", String::as_str));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|c| {
            let path = path.clone();
            std::thread::spawn(move || {
                let (mut latencies, mut other) = (Vec::new(), 0u64);
                let mut stream = None;
                // Rounds numbered apart per client: distinct form boundaries
                // and, with --forwarded-for, distinct addresses.
                let mut n = c * 1_000_000_000 + c * 65_536;
                while Instant::now() < deadline {
                    n += 1;
                    if stream.is_none() {
                        stream = TcpStream::connect(("127.0.0.1", port)).ok().map(BufReader::new);
                    }
                    let Some(s) = stream.as_mut() else {
                        other += 1;
                        continue;
                    };
                    match round(s, port, &path, n, forwarded) {
                        Ok(Some(ms)) => latencies.push(ms),
                        Ok(None) => other += 1,
                        Err(_) => {
                            other += 1;
                            stream = None;
                        }
                    }
                }
                (latencies, other)
            })
        })
        .collect();
    let (mut all, mut other) = (Vec::new(), 0);
    for thread in threads {
        if let Ok((latencies, failed)) = thread.join() {
            all.extend(latencies);
            other += failed;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort_by(f64::total_cmp);
    let at = |q: f64| all.get(((all.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(0.0);
    println!(
        "receipts={} seconds={elapsed:.1} per_second={:.0} p50_ms={:.1} p99_ms={:.1} other={other}",
        all.len(),
        all.len() as f64 / elapsed,
        at(0.5),
        at(0.99)
    );
}
