//! An arbitrary stream of LSP messages and edits through the real server (`serve` on an
//! in-memory transport): open, incremental and full changes with arbitrary ranges in
//! either position encoding, hovers, code actions, pulls, closes, raw garbage frames,
//! shutdown and exit. The server must answer without panicking (its panic guard is no
//! cover: the fuzzer's panic hook aborts first) and must stop when the input ends.
#![no_main]

use std::io::{Cursor, Write};
use std::sync::{Arc, Mutex};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

#[derive(Arbitrary, Debug)]
enum Op {
    Open { doc: u8, text: String },
    Change { doc: u8, edits: Vec<Edit> },
    Hover { doc: u8, line: u32, character: u32 },
    CodeAction { doc: u8, range: Range },
    Pull { doc: u8 },
    Close { doc: u8 },
    Raw(Vec<u8>),
    Shutdown,
}

#[derive(Arbitrary, Debug)]
struct Range(u32, u32, u32, u32);

#[derive(Arbitrary, Debug)]
struct Edit {
    range: Option<Range>,
    text: String,
}

#[derive(Arbitrary, Debug)]
struct Session {
    utf8: bool,
    ops: Vec<Op>,
}

fn uri(doc: u8) -> String {
    format!("untitled:pm-{}.md", doc % 4)
}

fn range(r: &Range) -> Value {
    json!({"start": {"line": r.0 % 64, "character": r.1 % 256},
           "end": {"line": r.2 % 64, "character": r.3 % 256}})
}

fn frame(out: &mut Vec<u8>, msg: Value) {
    let body = msg.to_string();
    let _ = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len());
}

/// Collects what the server writes; nothing reads it.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fuzz_target!(|s: Session| {
    let mut input = Vec::new();
    let encodings = if s.utf8 { json!(["utf-8"]) } else { json!(["utf-16"]) };
    frame(&mut input, json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "capabilities": {"general": {"positionEncodings": encodings}},
        "initializationOptions": {"debounceMs": 0}}}));
    frame(&mut input, json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let mut version = 1;
    for (id, op) in s.ops.iter().enumerate().take(64) {
        let id = id + 1;
        version += 1;
        let msg = match op {
            Op::Open { doc, text } => json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri(*doc), "languageId": "markdown", "version": version, "text": text}}}),
            Op::Change { doc, edits } => {
                let changes: Vec<Value> = edits.iter().take(8).map(|e| match &e.range {
                    Some(r) => json!({"range": range(r), "text": e.text}),
                    None => json!({"text": e.text}),
                }).collect();
                json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                    "params": {"textDocument": {"uri": uri(*doc), "version": version}, "contentChanges": changes}})
            }
            Op::Hover { doc, line, character } => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                "params": {"textDocument": {"uri": uri(*doc)}, "position": {"line": line % 64, "character": character % 256}}}),
            Op::CodeAction { doc, range: r } => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/codeAction",
                "params": {"textDocument": {"uri": uri(*doc)}, "range": range(r), "context": {"diagnostics": []}}}),
            Op::Pull { doc } => json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic",
                "params": {"textDocument": {"uri": uri(*doc)}}}),
            Op::Close { doc } => json!({"jsonrpc": "2.0", "method": "textDocument/didClose",
                "params": {"textDocument": {"uri": uri(*doc)}}}),
            Op::Raw(bytes) => {
                let _ = write!(input, "Content-Length: {}\r\n\r\n", bytes.len());
                input.extend_from_slice(bytes);
                continue;
            }
            Op::Shutdown => json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}),
        };
        frame(&mut input, msg);
    }
    frame(&mut input, json!({"jsonrpc": "2.0", "method": "exit"}));
    let transport = pmlint::lsp::transport::Transport::spawn(Cursor::new(input), Sink::default());
    let _ = pmlint::lsp::server::serve(transport);
});
