//! The submission benchmark's mail server: takes SMTP on a loopback port
//! and answers every command as a relay that accepted the message would,
//! keeping nothing. With it the benchmark's mail worker sends as in
//! production (SMTP to a relay), instead of writing a file per message.
//! Only std; see `scripts/submission-bench`.
//!
//!     smtp-sink PORT

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};

/// One client's session, until it quits or goes away.
fn serve(stream: TcpStream) -> std::io::Result<()> {
    // Each reply at once, as mail servers send them (no wait for more to add).
    stream.set_nodelay(true)?;
    let mut reply = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    reply.write_all(b"220 127.0.0.1 smtp-sink\r\n")?;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => reply.write_all(b"250-127.0.0.1\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")?,
            "DATA" => {
                reply.write_all(b"354 end with a line of a single dot\r\n")?;
                loop {
                    line.clear();
                    if lines.read_line(&mut line)? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                }
                reply.write_all(b"250 accepted\r\n")?;
            }
            "QUIT" => return reply.write_all(b"221 bye\r\n"),
            _ => reply.write_all(b"250 ok\r\n")?,
        }
    }
}

fn main() {
    let Some(port) = std::env::args().nth(1).and_then(|a| a.parse::<u16>().ok()) else {
        eprintln!("usage: smtp-sink PORT");
        std::process::exit(2);
    };
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("smtp-sink: cannot listen on 127.0.0.1:{port}: {error}");
            std::process::exit(1);
        }
    };
    for stream in listener.incoming().flatten() {
        std::thread::spawn(move || serve(stream));
    }
}
