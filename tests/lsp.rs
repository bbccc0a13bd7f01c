//! `pmlint lsp`, the real binary, spoken to over stdio with Content-Length framing as an
//! editor would. Every wait has a timeout, so a hung server fails the test instead of
//! hanging CI.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    /// Messages read while waiting for something else.
    seen: VecDeque<Value>,
    next_id: i64,
}

fn read_frames(out: impl Read, tx: std::sync::mpsc::Sender<Value>) {
    let mut r = BufReader::new(out);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("every frame has a Content-Length")];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let v = serde_json::from_slice(&body).expect("the server writes JSON");
        if tx.send(v).is_err() {
            return;
        }
    }
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pmlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pmlint lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || read_frames(stdout, tx));
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            rx,
            seen: VecDeque::new(),
            next_id: 0,
        }
    }

    /// Start and initialize with `capabilities` and `options`.
    fn initialized(capabilities: Value, options: Value, root: Option<&Path>) -> (Client, Value) {
        let mut c = Client::start();
        let folders = root.map(|r| json!([{ "uri": file_uri(r), "name": "ws" }]));
        let result = c.request(
            "initialize",
            json!({
                "processId": null,
                "capabilities": capabilities,
                "initializationOptions": options,
                "workspaceFolders": folders,
            }),
        );
        c.notify("initialized", json!({}));
        (c, result)
    }

    fn default() -> Client {
        Client::initialized(json!({}), json!({ "debounceMs": 0 }), None).0
    }

    fn write_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, msg: Value) {
        let body = serde_json::to_string(&msg).unwrap();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.write_raw(frame.as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Send a request and return its whole response (`result` or `error`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(&format!("response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let resp = self.call(method, params);
        assert!(resp.get("error").is_none(), "{method} failed: {resp}");
        resp["result"].clone()
    }

    fn next(&mut self, deadline: Instant, what: &str) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}"),
            Err(RecvTimeoutError::Disconnected) => {
                panic!("server closed its output while waiting for {what}")
            }
        }
    }

    /// The first message (seen earlier or arriving now) that matches.
    fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&pred) {
            return self.seen.remove(i).unwrap();
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let m = self.next(deadline, what);
            if pred(&m) {
                return m;
            }
            self.seen.push_back(m);
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
    }

    fn shutdown_and_exit(mut self) -> ExitStatus {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    fn wait_exit(&mut self) -> ExitStatus {
        self.stdin.take();
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn file_uri(p: &Path) -> String {
    let mut s = String::from("file://");
    for b in p.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

const POSTMORTEM: &str = "\
# Postmortem: cache outage

## Summary

漢字 🔥 The cache cluster went down for 12 minutes.

## Timeline

All times UTC.

- 10:00 deploy started
- 10:05 alert fired
- 10:12 rolled back, resolved

## Action items

- [ ] Add a cache warm-up step to the deploy pipeline — @ana, due 2026-02-01, OPS-12

Follow-up review: 2026-02-15
";

fn pm_uri(dir: &Path) -> String {
    file_uri(&dir.join("postmortems/2026-01-05-cache.md"))
}

/// The `blame-language` findings: the tests add and remove blame wording, and other rules
/// may have their own opinion of the fixture as they evolve.
fn blame(diags: Vec<Value>) -> Vec<Value> {
    diags
        .into_iter()
        .filter(|d| d["code"] == "blame-language")
        .collect()
}

fn rules_of(diags: &[Value]) -> Vec<&str> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect()
}

fn pos(line: u64, character: u64) -> Value {
    json!({ "line": line, "character": character })
}

/// Apply LSP text edits to `text` (UTF-16 positions), as an editor does.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, ch) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

#[test]
fn initialize_advertises_capabilities_and_negotiates_the_encoding() {
    let (c, result) = Client::initialized(json!({}), json!({}), None);
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(caps["diagnosticProvider"]["interFileDependencies"], false);
    assert_eq!(caps["workspace"]["workspaceFolders"]["supported"], true);
    assert_eq!(result["serverInfo"]["name"], "pmlint");
    assert!(c.shutdown_and_exit().success());

    // A client that offers UTF-8 gets it, and ranges count bytes: "漢字 🔥 " is 12 bytes.
    let offer = json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } });
    let (mut c, result) = Client::initialized(offer, json!({ "debounceMs": 0 }), None);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    let dir = tempfile::tempdir().unwrap();
    let uri = pm_uri(dir.path());
    c.open(
        &uri,
        &POSTMORTEM.replace("🔥 The cache", "🔥 human error: The cache"),
    );
    let diags = blame(c.diagnostics(&uri, 1));
    assert_eq!(
        diags[0]["range"],
        json!({ "start": pos(4, 12), "end": pos(4, 23) })
    );
    assert!(c.shutdown_and_exit().success());
}

#[test]
fn diagnostics_follow_incremental_edits_with_exact_utf16_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let uri = pm_uri(dir.path());
    let mut c = Client::default();
    c.open(&uri, POSTMORTEM);
    assert_eq!(
        blame(c.diagnostics(&uri, 1)),
        Vec::<Value>::new(),
        "the post-mortem starts clean"
    );

    // Type "human error: " after the CJK and the emoji: line 4, UTF-16 column 6.
    c.change(
        &uri,
        2,
        json!([{ "range": { "start": pos(4, 6), "end": pos(4, 6) }, "text": "human error: " }]),
    );
    let diags = blame(c.diagnostics(&uri, 2));
    assert_eq!(rules_of(&diags), ["blame-language"], "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d["range"], json!({ "start": pos(4, 6), "end": pos(4, 17) }));
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "pmlint");
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("#blame-language")
    );
    assert!(
        d["message"].as_str().unwrap().contains("\n\nhelp: "),
        "help is in the message"
    );

    // Delete it again: the finding goes away.
    c.change(
        &uri,
        3,
        json!([{ "range": { "start": pos(4, 6), "end": pos(4, 19) }, "text": "" }]),
    );
    assert!(blame(c.diagnostics(&uri, 3)).is_empty());

    // Closing clears the document's diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let m = c.wait_for("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
    });
    assert_eq!(m["params"]["diagnostics"], json!([]));
    assert!(c.shutdown_and_exit().success());
}

#[test]
fn a_burst_of_keystrokes_publishes_only_the_latest_version() {
    let dir = tempfile::tempdir().unwrap();
    let uri = pm_uri(dir.path());
    let (mut c, _) = Client::initialized(json!({}), json!({ "debounceMs": 200 }), None);
    c.open(&uri, POSTMORTEM);
    for (v, ch) in (2..)
        .zip("human error: ".chars())
        .map(|(v, ch)| (v, ch.to_string()))
    {
        let col = 6 + v as u64 - 2;
        c.change(
            &uri,
            v,
            json!([{ "range": { "start": pos(4, col), "end": pos(4, col) }, "text": ch }]),
        );
    }
    let last = 1 + "human error: ".len() as i64;
    assert_eq!(
        rules_of(&blame(c.diagnostics(&uri, last))),
        ["blame-language"]
    );
    let stale = c.seen.iter().any(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["version"]
                .as_i64()
                .is_some_and(|v| v > 1 && v < last)
    });
    assert!(
        !stale,
        "no diagnostics for versions typed over during the debounce"
    );
    assert!(c.shutdown_and_exit().success());
}

#[test]
fn quick_fix_removes_the_finding_when_applied() {
    let dir = tempfile::tempdir().unwrap();
    let uri = pm_uri(dir.path());
    let text = POSTMORTEM.replace(
        "All times UTC.",
        "All times UTC.\n\nClearly, nobody read the runbook.",
    );
    let mut c = Client::default();
    c.open(&uri, &text);
    let diags = blame(c.diagnostics(&uri, 1));
    assert_eq!(rules_of(&diags), ["blame-language"], "{diags:#?}");
    let range = diags[0]["range"].clone();
    assert_eq!(range, json!({ "start": pos(10, 0), "end": pos(10, 7) }));

    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": diags } }),
    );
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Remove “Clearly”",
            "Disable blame-language for this line",
            "Disable blame-language in this file"
        ]
    );
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "blame-language");

    // Apply the preferred fix as the editor would, and send the edit back incrementally.
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap().clone();
    let fixed = apply_edits(&text, &edits);
    assert!(fixed.contains("\nNobody read the runbook."), "{fixed}");
    c.change(
        &uri,
        2,
        Value::Array(
            edits
                .iter()
                .map(|e| json!({ "range": e["range"], "text": e["newText"] }))
                .collect(),
        ),
    );
    assert!(
        blame(c.diagnostics(&uri, 2)).is_empty(),
        "the fix removed the finding"
    );

    // Same for the suppression comment of "disable for this line".
    c.change(&uri, 3, json!([{ "text": text }]));
    assert_eq!(blame(c.diagnostics(&uri, 3)).len(), 1);
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } }),
    );
    let disable = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Disable blame-language for this line")
        .expect("a disable action");
    let edits = disable["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(
        edits[0]["newText"],
        "<!-- pmlint-disable-next-line blame-language -->\n"
    );
    let suppressed = apply_edits(&text, edits);
    c.change(&uri, 4, json!([{ "text": suppressed }]));
    assert!(
        blame(c.diagnostics(&uri, 4)).is_empty(),
        "the comment suppressed the finding"
    );
    assert!(c.shutdown_and_exit().success());
}

#[test]
fn hover_explains_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let uri = pm_uri(dir.path());
    let text = POSTMORTEM.replace("🔥 The cache", "🔥 human error: The cache");
    let mut c = Client::default();
    c.open(&uri, &text);
    assert_eq!(blame(c.diagnostics(&uri, 1)).len(), 1);
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": pos(4, 9) }),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(value.starts_with("**blame-language**"), "{value}");
    assert!(
        value.contains("Bad:") && value.contains("Good:"),
        "the rule's docs: {value}"
    );
    assert_eq!(
        hover["range"],
        json!({ "start": pos(4, 6), "end": pos(4, 17) })
    );
    let nothing = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": pos(1, 0) }),
    );
    assert_eq!(nothing, Value::Null);
    assert!(c.shutdown_and_exit().success());
}

#[test]
fn pull_diagnostics_for_clients_that_ask() {
    let dir = tempfile::tempdir().unwrap();
    let uri = pm_uri(dir.path());
    let caps = json!({ "textDocument": { "diagnostic": { "dynamicRegistration": false } } });
    let (mut c, _) = Client::initialized(caps, json!({}), None);
    c.open(
        &uri,
        &POSTMORTEM.replace("🔥 The cache", "🔥 human error: The cache"),
    );
    let report = c.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(report["kind"], "full");
    assert_eq!(
        rules_of(&blame(report["items"].as_array().unwrap().clone())),
        ["blame-language"]
    );
    c.change(
        &uri,
        2,
        json!([{ "range": { "start": pos(4, 6), "end": pos(4, 19) }, "text": "" }]),
    );
    let report = c.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(blame(report["items"].as_array().unwrap().clone()).is_empty());
    let pushed = c.seen.iter().any(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
    });
    assert!(!pushed, "a pulling client gets no pushed diagnostics");
    let not_open = c.call(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": "file:///nope.md" } }),
    );
    assert_eq!(not_open["error"]["code"], -32602);
    assert!(c.shutdown_and_exit().success());
}

#[test]
fn only_post_mortems_are_linted() {
    let dir = tempfile::tempdir().unwrap();
    let readme = file_uri(&dir.path().join("README.md"));
    let notes = file_uri(&dir.path().join("notes.md"));
    let uri = pm_uri(dir.path());
    let mut c = Client::default();
    c.open(&readme, "# Readme\n\nIt was human error.\n");
    c.open(&notes, "# Team notes\n\nIt was human error.\n");
    c.open(&uri, POSTMORTEM);
    blame(c.diagnostics(&uri, 1));
    let others = c
        .seen
        .iter()
        .any(|m| m["method"] == "textDocument/publishDiagnostics");
    assert!(
        !others,
        "README.md and notes.md get no diagnostics: {:?}",
        c.seen
    );
    assert!(c.shutdown_and_exit().success());

    let (mut c, _) = Client::initialized(
        json!({}),
        json!({ "debounceMs": 0, "allMarkdown": true }),
        None,
    );
    c.open(&notes, "# Team notes\n\nIt was human error.\n");
    assert!(rules_of(&blame(c.diagnostics(&notes, 1))).contains(&"blame-language"));
    assert!(c.shutdown_and_exit().success());
}

#[test]
fn config_changes_relint_and_a_broken_config_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("pmlint.toml");
    std::fs::write(&config, "[rules\nblame-language = \"off\"\n").unwrap();
    let uri = pm_uri(dir.path());
    let caps = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let (mut c, _) = Client::initialized(caps, json!({ "debounceMs": 0 }), Some(dir.path()));
    let reg = c.wait_for("registerCapability", |m| {
        m["method"] == "client/registerCapability"
    });
    assert_eq!(
        reg["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    let id = reg["id"].clone();
    c.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }));

    let text = POSTMORTEM.replace("🔥 The cache", "🔥 human error: The cache");
    c.open(&uri, &text);
    let shown = c.wait_for("showMessage", |m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1);
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("pmlint.toml")
    );
    let config_uri = file_uri(&config);
    let on_config = c.wait_for("config diagnostic", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri.as_str()
    });
    let d = &on_config["params"]["diagnostics"][0];
    assert_eq!(d["range"]["start"]["line"], 0);
    assert_eq!(
        rules_of(&blame(c.diagnostics(&uri, 1))),
        ["blame-language"],
        "defaults apply"
    );

    // Fix the config: the diagnostic on it clears and the rule it turns off goes quiet.
    std::fs::write(&config, "[rules]\nblame-language = \"off\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let cleared = c.wait_for("config diagnostic cleared", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri.as_str()
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    let m = c.wait_for("relint", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
    });
    assert!(blame(m["params"]["diagnostics"].as_array().unwrap().clone()).is_empty());

    // didSave of the config file works too.
    std::fs::write(&config, "[rules]\nblame-language = \"warning\"\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": config_uri } }),
    );
    let m = c.wait_for("relint after save", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
    });
    let d = blame(m["params"]["diagnostics"].as_array().unwrap().clone());
    assert_eq!(d[0]["severity"], 2);
    let more = c
        .seen
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .count();
    assert_eq!(more, 0, "the broken config was announced once");
    assert!(c.shutdown_and_exit().success());
}

#[test]
fn bad_input_gets_errors_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let uri = pm_uri(dir.path());
    let mut c = Client::default();

    let unknown = c.call("pmlint/noSuchMethod", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);

    c.write_raw(b"Content-Length: 9\r\n\r\n{not json");
    let parse_error = c.wait_for("parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);

    let bad_params = c.call("textDocument/hover", json!({ "textDocument": 7 }));
    assert_eq!(bad_params["error"]["code"], -32602);

    // A document that was never opened: logged, and hover answers nothing.
    c.change("file:///never/opened.md", 2, json!([{ "text": "x" }]));
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///never/opened.md" }, "position": pos(0, 0) }),
    );
    assert_eq!(hover, Value::Null);

    // Edits far outside the text clamp to its end.
    c.open(&uri, POSTMORTEM);
    blame(c.diagnostics(&uri, 1));
    c.change(
        &uri,
        2,
        json!([{ "range": { "start": pos(999, 5), "end": pos(1000, 0) }, "text": "\nIt was human error.\n" }]),
    );
    assert_eq!(rules_of(&blame(c.diagnostics(&uri, 2))), ["blame-language"]);
    c.notify("$/unknownNotification", json!({}));
    c.notify("textDocument/didOpen", json!({ "textDocument": 1 }));

    // Still alive and answering.
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": pos(0, 0) }),
    );
    assert_eq!(hover, Value::Null);
    assert!(c.shutdown_and_exit().success());
}

#[test]
fn exit_codes_follow_the_specification() {
    let c = Client::default();
    assert_eq!(c.shutdown_and_exit().code(), Some(0));

    let mut c = Client::default();
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit().code(), Some(1), "exit without shutdown");

    let mut c = Client::default();
    c.request("shutdown", Value::Null);
    let after = c.call("textDocument/hover", json!({}));
    assert_eq!(
        after["error"]["code"], -32600,
        "requests after shutdown are invalid"
    );
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit().code(), Some(0));

    let mut c = Client::start();
    let early = c.call("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "requests before initialize");
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit().code(), Some(1));
}

/// Frames for `serve` on an in-memory transport.
fn frames(msgs: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for m in msgs {
        let body = m.to_string();
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }
    out
}

/// Collects what the in-process server writes.
#[derive(Clone, Default)]
struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Run `serve` in this process on `input`; its exit code, output and how long it took.
fn serve_in_process(input: Vec<u8>) -> (std::process::ExitCode, String, Duration) {
    use pmlint::lsp::{server, transport::Transport};
    let sink = Sink::default();
    let transport = Transport::spawn(std::io::Cursor::new(input), sink.clone());
    let (tx, rx) = channel();
    let started = Instant::now();
    std::thread::spawn(move || tx.send(server::serve(transport)));
    let code = rx.recv_timeout(WAIT).expect("serve returns");
    let out = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
    (code, out, started.elapsed())
}

/// Threads the server started that are still alive (their names, as Linux shortens them).
fn server_threads() -> Vec<String> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Vec::new();
    };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .filter(|name| name.starts_with("pmlint-lsp-"))
        .collect()
}

#[test]
fn serve_stops_its_threads_before_returning_even_with_a_lint_pending() {
    // The only test here that runs the server in this process, so any server thread
    // seen is one of these servers'.
    let init = |debounce_ms: u64| {
        json!({ "jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "capabilities": {},
            "initializationOptions": { "debounceMs": debounce_ms, "allMarkdown": true } } })
    };
    let open = |text: &str| {
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument":
            { "uri": "untitled:pm.md", "languageId": "markdown", "version": 1, "text": text } } })
    };
    let shutdown = json!({ "jsonrpc": "2.0", "id": 1, "method": "shutdown" });
    let exit = json!({ "jsonrpc": "2.0", "method": "exit" });

    // A lint waiting out a ten-minute quiet period does not hold up `exit`...
    let (code, out, took) =
        serve_in_process(frames(&[init(600_000), open(POSTMORTEM), exit.clone()]));
    assert_eq!(
        code,
        std::process::ExitCode::from(1),
        "exit without shutdown"
    );
    assert!(took < Duration::from_secs(60), "took {took:?}");
    assert!(!out.contains("publishDiagnostics"), "{out}");
    assert_eq!(server_threads(), Vec::<String>::new());

    // ...nor the end of the input after a shutdown, whose answer is still written.
    let (code, out, _) = serve_in_process(frames(&[init(600_000), open(POSTMORTEM), shutdown]));
    assert_eq!(
        code,
        std::process::ExitCode::from(0),
        "shutdown, then end of input"
    );
    assert!(out.contains(r#""id":1,"result":null"#), "{out}");
    assert_eq!(server_threads(), Vec::<String>::new());

    // A lint in progress at `exit` is waited for, and its thread is gone when serve returns.
    // The hover (linted on the message loop) gives the lint thread time to start.
    let hover = json!({ "jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {
        "textDocument": { "uri": "untitled:other.md" }, "position": { "line": 0, "character": 0 } } });
    let big = POSTMORTEM.repeat(400);
    let mut other = open(POSTMORTEM);
    other["params"]["textDocument"]["uri"] = json!("untitled:other.md");
    let (code, out, _) = serve_in_process(frames(&[init(0), open(&big), other, hover, exit]));
    assert_eq!(code, std::process::ExitCode::from(1));
    assert!(out.contains(r#""id":2"#), "{out}");
    assert_eq!(server_threads(), Vec::<String>::new());
}
