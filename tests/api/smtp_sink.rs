//! An SMTP server for tests: speaks just enough SMTP on 127.0.0.1 to take
//! messages, and keeps each one (envelope and raw data) for the test to read.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One message as the sink took it.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The message as sent after DATA, dot-stuffing undone.
    pub data: String,
}

/// How the sink answers `RCPT TO`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Accept,
    /// 550: the mailbox does not exist (a refusal for good).
    RefuseRecipients,
    /// Accepts, taking this long over each message.
    Slow(Duration),
}

/// A running sink; it stops when dropped.
pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// A port nothing listens on now (bound and let go).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("address").port()
}

impl SmtpSink {
    pub fn start() -> Self {
        Self::start_on(0, Mode::Accept)
    }

    /// Starts on `port` (0: any free one), on a thread and runtime of its
    /// own, so that it answers whatever the test's runtime is doing.
    pub fn start_on(port: u16, mode: Mode) -> Self {
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).expect("the sink binds");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("address").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let keep = received.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).expect("tokio listener");
                tokio::select! {
                    _ = stopped => {}
                    _ = async {
                        loop {
                            let Ok((stream, _)) = listener.accept().await else { continue };
                            tokio::spawn(serve(stream, keep.clone(), mode));
                        }
                    } => {}
                }
            });
        });
        Self { port, received, stop: Some(stop), thread: Some(thread) }
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().expect("sink lock").clone()
    }

    /// Waits up to `limit` until at least `count` messages are in.
    pub async fn wait_for(&self, count: usize, limit: Duration) -> bool {
        let deadline = std::time::Instant::now() + limit;
        while self.messages().len() < count {
            if std::time::Instant::now() > deadline {
                return false;
            }
            actix_web::rt::time::sleep(Duration::from_millis(20)).await;
        }
        true
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(stream: TcpStream, received: Arc<Mutex<Vec<Received>>>, mode: Mode) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    if write.write_all(b"220 sink.test ESMTP\r\n").await.is_err() {
        return;
    }
    let mut mail_from = String::new();
    let mut rcpt_to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end().to_owned();
        let verb = command.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
        let answer: &str = match verb.as_str() {
            "EHLO" => "250-sink.test\r\n250 8BITMIME",
            "HELO" => "250 sink.test",
            "MAIL" => {
                mail_from = address_in(&command);
                rcpt_to.clear();
                "250 OK"
            }
            "RCPT" if mode == Mode::RefuseRecipients => "550 5.1.1 No such mailbox here",
            "RCPT" => {
                rcpt_to.push(address_in(&command));
                "250 OK"
            }
            "DATA" => {
                if write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await.is_err() {
                    return;
                }
                let Some(data) = read_data(&mut lines).await else { return };
                if let Mode::Slow(pause) = mode {
                    tokio::time::sleep(pause).await;
                }
                let message = Received { mail_from: mail_from.clone(), rcpt_to: rcpt_to.clone(), data };
                received.lock().expect("sink lock").push(message);
                "250 OK queued"
            }
            "RSET" => {
                mail_from.clear();
                rcpt_to.clear();
                "250 OK"
            }
            "NOOP" => "250 OK",
            "QUIT" => {
                let _ = write.write_all(b"221 Bye\r\n").await;
                return;
            }
            _ => "502 Command not implemented",
        };
        if write.write_all(format!("{answer}\r\n").as_bytes()).await.is_err() {
            return;
        }
    }
}

/// The lines after DATA up to the one with a lone dot.
async fn read_data(lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> Option<String> {
    let mut data = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let content = line.trim_end_matches(['\r', '\n']);
        if content == "." {
            return Some(data);
        }
        data.push_str(content.strip_prefix('.').filter(|_| content.starts_with("..")).unwrap_or(content));
        data.push_str("\r\n");
    }
}

/// `MAIL FROM:<a@b> SIZE=1` → `a@b`.
fn address_in(command: &str) -> String {
    let start = command.find('<').map_or(0, |i| i + 1);
    let end = command[start..].find('>').map_or(command.len(), |i| start + i);
    command[start..end].to_owned()
}

impl Received {
    /// A header of the message, unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next()?;
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        let prefix = format!("{}:", name.to_ascii_lowercase());
        unfolded
            .split("\r\n")
            .find(|line| line.to_ascii_lowercase().starts_with(&prefix))
            .map(|line| line[prefix.len()..].trim().to_owned())
    }

    /// The subject with its RFC 2047 encoded words decoded.
    pub fn subject(&self) -> String {
        decode_words(&self.header("Subject").unwrap_or_default())
    }

    /// The decoded body of the part of this content type (e.g. text/plain).
    pub fn part(&self, content_type: &str) -> Option<String> {
        let boundary = self.header("Content-Type")?.split("boundary=").nth(1)?.trim_matches('"').to_owned();
        self.data.split(&format!("--{boundary}")).find_map(|part| {
            let (head, body) = part.trim_start_matches("\r\n").split_once("\r\n\r\n")?;
            let head = head.to_ascii_lowercase();
            if !head.contains(&format!("content-type: {content_type}")) {
                return None;
            }
            let body = body.trim_end_matches("\r\n");
            Some(if head.contains("content-transfer-encoding: base64") {
                String::from_utf8(base64(&body.replace("\r\n", ""))).ok()?
            } else if head.contains("content-transfer-encoding: quoted-printable") {
                String::from_utf8(quoted_printable(&body.replace("=\r\n", ""), false)).ok()?
            } else {
                body.to_owned()
            })
        })
    }
}

/// `=?utf-8?b?…?=` and `=?utf-8?q?…?=` words decoded; the space between two
/// encoded words dropped, as RFC 2047 says.
fn decode_words(text: &str) -> String {
    let mut out = String::new();
    let mut last_encoded = false;
    for (i, token) in text.split(' ').enumerate() {
        let decoded = token.strip_prefix("=?").and_then(|t| t.strip_suffix("?=")).and_then(|t| {
            let mut parts = t.splitn(3, '?');
            let (_charset, encoding, payload) = (parts.next()?, parts.next()?, parts.next()?);
            let bytes = match encoding.to_ascii_lowercase().as_str() {
                "b" => base64(payload),
                "q" => quoted_printable(payload, true),
                _ => return None,
            };
            String::from_utf8(bytes).ok()
        });
        if i > 0 && !(last_encoded && decoded.is_some()) {
            out.push(' ');
        }
        last_encoded = decoded.is_some();
        out.push_str(decoded.as_deref().unwrap_or(token));
    }
    out
}

fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0);
    for byte in text.bytes().filter(|b| *b != b'=') {
        let Some(value) = ALPHABET.iter().position(|a| *a == byte) else { continue };
        buffer = (buffer << 6) | value as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

fn quoted_printable(text: &str, underscore_is_space: bool) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'=' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 3;
            }
            b'_' if underscore_is_space => {
                out.push(b' ');
                i += 1;
            }
            other => {
                out.push(other);
                i += 1;
            }
        }
    }
    out
}

#[test]
fn encoded_words_and_bodies_decode() {
    assert_eq!(
        decode_words("Kvittering for innspill =?utf-8?b?4oCT?= TP-2026-0042 =?utf-8?b?w6bDuMOl?="),
        "Kvittering for innspill – TP-2026-0042 æøå"
    );
    assert_eq!(decode_words("=?utf-8?q?=C3=A6?= =?utf-8?q?_x?="), "æ x");
    assert_eq!(quoted_printable("bl=C3=A5", false), "blå".as_bytes());
    assert_eq!(base64("w6bDuMOl"), "æøå".as_bytes());
}
