//! JSON-RPC over stdio with `Content-Length` framing. Unlike lsp-server's own stdio
//! transport this one survives bad input: a frame that is not JSON, or JSON that is not a
//! message, becomes an error for the server to answer, and reading goes on.

use std::io::{self, BufRead, Read, Write};
use std::thread::{self, JoinHandle};

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::{Value, json};

/// Frames larger than this are skipped unread (the CLI's default file-size limit is 64 MiB).
const MAX_FRAME: usize = 256 * 1024 * 1024;

pub enum Inbound {
    Message(Message),
    /// A frame that could not be read as a message; answer with this error.
    Malformed {
        id: Option<RequestId>,
        code: ErrorCode,
        error: String,
    },
}

pub enum Outbound {
    Message(Message),
    /// A JSON-RPC error with a null id (for frames whose id could not be read).
    ErrorWithoutId {
        code: ErrorCode,
        message: String,
    },
}

impl From<Message> for Outbound {
    fn from(m: Message) -> Self {
        Outbound::Message(m)
    }
}

pub struct Transport {
    pub receiver: Receiver<Inbound>,
    pub sender: Sender<Outbound>,
    writer: JoinHandle<()>,
    /// Joined by `finish`; `None` for standard input, which may stay open after `exit`
    /// and whose blocking read cannot be interrupted.
    reader: Option<JoinHandle<()>>,
}

impl Transport {
    /// Read from `input` and write to `output` on two threads. `finish` waits for the
    /// reader, so `input` must end on its own (in memory, or a pipe the client closes).
    pub fn spawn(
        input: impl BufRead + Send + 'static,
        output: impl Write + Send + 'static,
    ) -> Transport {
        let (in_tx, in_rx) = unbounded();
        let (out_tx, out_rx) = unbounded::<Outbound>();
        let reader = thread::Builder::new()
            .name("pmlint-lsp-reader".into())
            .spawn(move || read_loop(input, in_tx))
            .expect("spawn the reader thread");
        let writer = thread::Builder::new()
            .name("pmlint-lsp-writer".into())
            .spawn(move || write_loop(output, out_rx))
            .expect("spawn the writer thread");
        Transport {
            receiver: in_rx,
            sender: out_tx,
            writer,
            reader: Some(reader),
        }
    }

    pub fn stdio() -> Transport {
        let mut t = Transport::spawn(io::BufReader::new(io::stdin()), io::stdout());
        // Left running: the process ends when `serve` returns.
        t.reader = None;
        t
    }

    /// Flush every queued message, then stop writing; then stop reading, at the next
    /// frame or the end of the input.
    pub fn finish(self) {
        let Transport {
            receiver,
            sender,
            writer,
            reader,
        } = self;
        drop(sender);
        let _ = writer.join();
        drop(receiver);
        if let Some(reader) = reader {
            let _ = reader.join();
        }
    }
}

fn read_loop(mut input: impl BufRead, tx: Sender<Inbound>) {
    loop {
        let inbound = match read_frame(&mut input) {
            Ok(Some(body)) => parse(&body),
            Ok(None) => return,
            Err(e) if e.kind() == io::ErrorKind::InvalidData => Inbound::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                error: e.to_string(),
            },
            Err(e) => {
                eprintln!("pmlint lsp: reading standard input failed: {e}");
                return;
            }
        };
        if tx.send(inbound).is_err() {
            return;
        }
    }
}

/// One frame's body; `None` at end of input. A bad header is `InvalidData` and the
/// stream is left at the next header.
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length = None;
    let mut bad_header = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_none() && bad_header.is_none() && line.len() <= 2 {
                // Stray blank lines between frames are harmless.
                continue;
            }
            break;
        }
        match header.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length: {value:?}")),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("not a header: {header:?}")),
        }
    }
    let Some(length) = length else {
        let why = bad_header.unwrap_or_else(|| "missing Content-Length header".into());
        return Err(io::Error::new(io::ErrorKind::InvalidData, why));
    };
    if length > MAX_FRAME {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("message of {length} bytes is larger than the {MAX_FRAME}-byte limit"),
        ));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(body))
}

fn parse(body: &[u8]) -> Inbound {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Inbound::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                error: format!("not JSON: {e}"),
            };
        }
    };
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Inbound::Message(m),
        Err(e) => Inbound::Malformed {
            id,
            code: ErrorCode::InvalidRequest,
            error: format!("not a JSON-RPC message: {e}"),
        },
    }
}

fn write_loop(mut output: impl Write, rx: Receiver<Outbound>) {
    for out in rx {
        let written = match out {
            Outbound::Message(m) => m.write(&mut output),
            Outbound::ErrorWithoutId { code, message } => {
                let body = json!({
                    "jsonrpc": "2.0",
                    "id": null,
                    "error": { "code": code as i32, "message": message },
                })
                .to_string();
                write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())
                    .and_then(|_| output.flush())
            }
        };
        if let Err(e) = written {
            eprintln!("pmlint lsp: writing standard output failed: {e}");
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(raw: &str) -> Vec<Result<String, String>> {
        let mut input = io::Cursor::new(raw.as_bytes().to_vec());
        let mut out = Vec::new();
        loop {
            match read_frame(&mut input) {
                Ok(Some(b)) => out.push(Ok(String::from_utf8(b).unwrap())),
                Ok(None) => return out,
                Err(e) => out.push(Err(e.to_string())),
            }
        }
    }

    #[test]
    fn reads_frames_and_recovers_from_bad_headers() {
        let got = frames(
            "Content-Length: 2\r\n\r\n{}\
             Content-Type: x\r\ncontent-length: 4\r\n\r\nnull\
             Bogus\r\n\r\n\
             Content-Length: 2\r\n\r\n[]",
        );
        assert_eq!(
            got,
            vec![
                Ok("{}".to_string()),
                Ok("null".to_string()),
                Err("not a header: \"Bogus\"".to_string()),
                Ok("[]".to_string()),
            ]
        );
    }

    #[test]
    fn malformed_bodies_keep_their_id() {
        assert!(matches!(
            parse(b"{not json"),
            Inbound::Malformed {
                code: ErrorCode::ParseError,
                id: None,
                ..
            }
        ));
        match parse(br#"{"jsonrpc":"2.0","id":7}"#) {
            Inbound::Malformed { code, id, .. } => {
                assert!(matches!(code, ErrorCode::InvalidRequest));
                assert_eq!(id, Some(RequestId::from(7)));
            }
            Inbound::Message(m) => panic!("parsed as {m:?}"),
        }
    }
}
