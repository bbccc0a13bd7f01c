//! The server: lifecycle, the message loop and the server's state. Handlers for
//! individual methods live in `handlers.rs`.

use std::collections::{BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use crossbeam_channel::{Sender, select};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{LogMessage, Notification as _, PublishDiagnostics, ShowMessage};
use lsp_types::{
    InitializeParams, InitializeResult, LogMessageParams, MessageType, PublishDiagnosticsParams,
    ServerInfo, ShowMessageParams, Uri,
};
use serde_json::Value;

use super::config::{Broken, Profile, Profiles};
use super::diagnostics;
use super::documents::Documents;
use super::handlers;
use super::position::Encoding;
use super::scope;
use super::transport::{Inbound, Outbound, Transport};
use super::uri;
use super::worker::{self, Done, Job};
use crate::diagnostic::Diagnostic;
use crate::engine;

/// Quiet period after a keystroke before re-linting (`initializationOptions.debounceMs`).
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(10);

pub struct Server {
    pub out: Sender<Outbound>,
    pub enc: Encoding,
    pub docs: Documents,
    pub profiles: Profiles,
    pub folders: Vec<PathBuf>,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so none are pushed.
    pub pull: bool,
    pub refresh_support: bool,
    pub watch_dynamically: bool,
    /// Lint every Markdown document, not only post-mortems
    /// (`initializationOptions.allMarkdown`).
    pub all_markdown: bool,
    pub jobs: Sender<Job>,
    /// Pull requests waiting for a lint of the document's current version.
    pub pending_pulls: HashMap<Uri, Vec<RequestId>>,
    pub shutdown: bool,
    /// Config files that currently show a diagnostic.
    pub config_diags: BTreeSet<PathBuf>,
    next_id: i32,
}

/// Run a language server on `transport` until `exit`; the exit code is 0 after a
/// `shutdown` request and 1 otherwise (LSP specification).
pub fn serve(transport: Transport) -> ExitCode {
    let Some((id, params)) = wait_for_initialize(&transport) else {
        transport.finish();
        return ExitCode::from(1);
    };
    let debounce = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("debounceMs"))
        .and_then(Value::as_u64)
        .map_or(DEFAULT_DEBOUNCE, Duration::from_millis);
    // Dropping `worker` stops and joins the lint thread, also when a panic unwinds.
    let (jobs, worker) = worker::spawn(debounce);
    let mut server = Server::new(transport.sender.clone(), jobs, &params);
    let result = InitializeResult {
        capabilities: handlers::capabilities(server.enc),
        server_info: Some(ServerInfo {
            name: "pmlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    server.respond(id, Ok(serde_json::to_value(result).unwrap_or_default()));

    let code = loop {
        select! {
            recv(transport.receiver) -> msg => match msg {
                Ok(Inbound::Message(msg)) => {
                    if let Some(code) = server.handle_guarded(msg) {
                        break code;
                    }
                }
                Ok(Inbound::Malformed { id, code, error }) => server.malformed(id, code, error),
                // The client went away without `exit`.
                Err(_) => break if server.shutdown { 0 } else { 1 },
            },
            recv(worker.done) -> d => if let Ok(d) = d { server.lint_done(d) },
        }
    };
    drop(server);
    // Nothing the server started outlives it: the lint thread finishes the lint in
    // progress, if any, and ends; queued lints are dropped.
    drop(worker);
    transport.finish();
    ExitCode::from(code)
}

/// Answer everything before `initialize` with `ServerNotInitialized`; `None` if the client
/// exits or leaves first.
fn wait_for_initialize(t: &Transport) -> Option<(RequestId, InitializeParams)> {
    let reply = |id, code: ErrorCode, msg: String| {
        let _ = t
            .sender
            .send(Message::Response(Response::new_err(id, code as i32, msg)).into());
    };
    loop {
        match t.receiver.recv().ok()? {
            Inbound::Message(Message::Request(r)) if r.method == "initialize" => {
                match serde_json::from_value(r.params) {
                    Ok(p) => return Some((r.id, p)),
                    Err(e) => reply(r.id, ErrorCode::InvalidParams, e.to_string()),
                }
            }
            Inbound::Message(Message::Request(r)) => reply(
                r.id,
                ErrorCode::ServerNotInitialized,
                format!("{} before initialize", r.method),
            ),
            Inbound::Message(Message::Notification(n)) if n.method == "exit" => return None,
            Inbound::Message(_) => {}
            Inbound::Malformed { id, code, error } => match id {
                Some(id) => reply(id, code, error),
                None => {
                    let _ = t.sender.send(Outbound::ErrorWithoutId {
                        code,
                        message: error,
                    });
                }
            },
        }
    }
}

impl Server {
    fn new(out: Sender<Outbound>, jobs: Sender<Job>, params: &InitializeParams) -> Self {
        let caps = &params.capabilities;
        let enc = Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let workspace = caps.workspace.as_ref();
        let mut folders: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| uri::to_path(&f.uri))
            .collect();
        #[allow(deprecated)]
        if folders.is_empty() {
            folders.extend(params.root_uri.as_ref().and_then(uri::to_path));
        }
        Server {
            out,
            enc,
            docs: Documents::default(),
            profiles: Profiles::default(),
            folders,
            pull: caps
                .text_document
                .as_ref()
                .is_some_and(|t| t.diagnostic.is_some()),
            refresh_support: workspace
                .and_then(|w| w.diagnostic.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            watch_dynamically: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            all_markdown: params
                .initialization_options
                .as_ref()
                .and_then(|o| o.get("allMarkdown"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
            jobs,
            pending_pulls: HashMap::new(),
            shutdown: false,
            config_diags: BTreeSet::new(),
            next_id: 0,
        }
    }

    /// Handle one message; a bug in a handler is logged and answered, never fatal.
    fn handle_guarded(&mut self, msg: Message) -> Option<u8> {
        let id = match &msg {
            Message::Request(r) => Some((r.id.clone(), r.method.clone())),
            _ => None,
        };
        match catch_unwind(AssertUnwindSafe(|| self.handle(msg))) {
            Ok(code) => code,
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                self.log(
                    MessageType::ERROR,
                    format!("internal error (please report): {what}"),
                );
                if let Some((id, method)) = id {
                    self.respond(
                        id,
                        Err((ErrorCode::InternalError, format!("{method} failed: {what}"))),
                    );
                }
                None
            }
        }
    }

    fn handle(&mut self, msg: Message) -> Option<u8> {
        match msg {
            Message::Request(req) => {
                if self.shutdown {
                    let err = (
                        ErrorCode::InvalidRequest,
                        "the server is shutting down".into(),
                    );
                    self.respond(req.id, Err(err));
                } else {
                    let id = req.id.clone();
                    if let Some(reply) = handlers::request(self, req) {
                        self.respond(id, reply);
                    }
                }
            }
            Message::Notification(n) if n.method == "exit" => {
                return Some(if self.shutdown { 0 } else { 1 });
            }
            Message::Notification(n) => handlers::notification(self, n),
            Message::Response(r) => {
                if let Err(e) = r.response_result {
                    self.log(
                        MessageType::WARNING,
                        format!("client answered {} with an error: {}", r.id, e.message),
                    );
                }
            }
        }
        None
    }

    fn malformed(&mut self, id: Option<RequestId>, code: ErrorCode, error: String) {
        self.log(MessageType::ERROR, format!("malformed message: {error}"));
        match id {
            Some(id) => self.respond(id, Err((code, error))),
            None => self.send(Outbound::ErrorWithoutId {
                code,
                message: error,
            }),
        }
    }

    pub fn send(&self, out: Outbound) {
        // Only fails when the writer is gone, i.e. the client left; nothing to tell anyone.
        let _ = self.out.send(out);
    }

    pub fn respond(&self, id: RequestId, result: Result<Value, (ErrorCode, String)>) {
        let resp = match result {
            Ok(v) => Response::new_ok(id, v),
            Err((code, msg)) => Response::new_err(id, code as i32, msg),
        };
        self.send(Message::Response(resp).into());
    }

    pub fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(method.into(), params)).into());
    }

    pub fn request(&mut self, method: &str, params: impl serde::Serialize) {
        self.next_id += 1;
        let id = RequestId::from(format!("pmlint-{}", self.next_id));
        self.send(Message::Request(Request::new(id, method.into(), params)).into());
    }

    pub fn log(&self, typ: MessageType, message: impl Into<String>) {
        self.notify(
            LogMessage::METHOD,
            LogMessageParams {
                typ,
                message: message.into(),
            },
        );
    }

    pub fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify(
            PublishDiagnostics::METHOD,
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        );
    }

    /// The profile for an open document, reporting a config file's error the first time.
    pub fn profile_for(&mut self, uri: &Uri) -> Arc<Profile> {
        let path = self.docs.get(uri).and_then(|d| d.path.clone());
        let fallback = self.folders.first().cloned();
        let (profile, error) = self
            .profiles
            .for_document(path.as_deref(), fallback.as_deref());
        if let Some(e) = error {
            self.report_config_error(&e);
        }
        profile
    }

    fn report_config_error(&mut self, b: &Broken) {
        self.notify(
            ShowMessage::METHOD,
            ShowMessageParams {
                typ: MessageType::ERROR,
                message: format!("pmlint: {} (using the default settings)", b.error),
            },
        );
        if let Some(u) = uri::from_path(&b.file) {
            self.publish(u, vec![diagnostics::config_error(b, self.enc)], None);
            self.config_diags.insert(b.file.clone());
        }
    }

    /// Clear the diagnostic of config files that are no longer broken.
    pub fn sync_config_diagnostics(&mut self) {
        let fixed: Vec<PathBuf> = self
            .config_diags
            .iter()
            .filter(|p| !self.profiles.broken.values().any(|b| &b.file == *p))
            .cloned()
            .collect();
        for p in fixed {
            self.config_diags.remove(&p);
            if let Some(u) = uri::from_path(&p) {
                self.publish(u, Vec::new(), None);
            }
        }
    }

    /// Whether a document is one pmlint lints (an open post-mortem).
    pub fn lintable(&mut self, uri: &Uri) -> Option<Arc<Profile>> {
        let profile = self.profile_for(uri);
        let doc = self.docs.get(uri)?;
        let folder = doc
            .path
            .as_deref()
            .and_then(|p| self.folders.iter().find(|f| p.starts_with(f)));
        scope::should_lint(
            doc.path.as_deref(),
            &doc.language_id,
            &doc.source,
            &profile,
            folder.map(PathBuf::as_path),
            self.all_markdown,
        )
        .then_some(profile)
    }

    /// Queue a lint of the document's current version for the worker.
    pub fn schedule(&mut self, uri: &Uri, urgent: bool) {
        let Some(profile) = self.lintable(uri) else {
            self.not_linted(uri);
            return;
        };
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let job = Job {
            uri: uri.clone(),
            version: doc.version,
            source: doc.source.clone(),
            profile,
            urgent,
        };
        if self.jobs.send(job).is_err() {
            self.log(
                MessageType::ERROR,
                "the lint thread is gone; diagnostics are not updated",
            );
        }
    }

    /// A document outside pmlint's scope: no diagnostics, and none left over.
    fn not_linted(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        let had = doc.lint.as_ref().is_some_and(|(_, d)| !d.is_empty());
        let version = doc.version;
        doc.lint = Some((version, Arc::new(Vec::new())));
        if had && !self.pull {
            self.publish(uri.clone(), Vec::new(), Some(version));
        }
        self.answer_pulls(uri);
    }

    /// Lint now, on this thread, unless the last lint is current (for code actions and
    /// hover, which need the answer before anything else).
    pub fn lint_now(&mut self, uri: &Uri) -> Option<Arc<Vec<Diagnostic>>> {
        if let Some(d) = self.docs.get(uri)?.current_lint() {
            return Some(d);
        }
        let Some(profile) = self.lintable(uri) else {
            return Some(Arc::new(Vec::new()));
        };
        let doc = self.docs.get_mut(uri)?;
        match engine::lint_source(&doc.source, &profile.settings, profile.rules()) {
            Ok(d) => {
                let d = Arc::new(d);
                doc.lint = Some((doc.version, d.clone()));
                Some(d)
            }
            Err(e) => {
                let msg = format!("{}: {e}", doc.source.path);
                self.log(MessageType::ERROR, msg);
                None
            }
        }
    }

    /// A lint came back: keep and publish it if it is for the current version.
    fn lint_done(&mut self, done: Done) {
        let Some(doc) = self.docs.get_mut(&done.uri) else {
            return;
        };
        if doc.version != done.version {
            // Outdated: a newer version is queued already, unless only a pull waits.
            if self.pending_pulls.contains_key(&done.uri) {
                self.schedule(&done.uri, true);
            }
            return;
        }
        match done.result {
            Ok(diags) => {
                doc.lint = Some((done.version, Arc::new(diags)));
                if !self.pull {
                    let items = self.lsp_diagnostics(&done.uri).unwrap_or_default();
                    self.publish(done.uri.clone(), items, Some(done.version));
                }
            }
            Err(e) => {
                let msg = format!("{}: {e}", doc.source.path);
                doc.lint = Some((done.version, Arc::new(Vec::new())));
                self.log(MessageType::ERROR, msg);
            }
        }
        self.answer_pulls(&done.uri);
    }

    /// The current lint of a document as LSP diagnostics.
    pub fn lsp_diagnostics(&self, uri: &Uri) -> Option<Vec<lsp_types::Diagnostic>> {
        let doc = self.docs.get(uri)?;
        let diags = doc.current_lint()?;
        Some(
            diags
                .iter()
                .map(|d| diagnostics::to_lsp(uri, &doc.source, self.enc, d))
                .collect(),
        )
    }

    /// Answer pull requests waiting for this document, if its lint is current.
    pub fn answer_pulls(&mut self, uri: &Uri) {
        let items = match self.docs.get(uri) {
            Some(_) => match self.lsp_diagnostics(uri) {
                Some(items) => items,
                None => return,
            },
            None => Vec::new(),
        };
        for id in self.pending_pulls.remove(uri).unwrap_or_default() {
            self.respond(id, Ok(handlers::full_report(items.clone())));
        }
    }

    /// A config file changed: forget loaded configs and lint every open document again.
    pub fn config_changed(&mut self) {
        self.profiles.invalidate();
        self.profiles.revalidate_broken();
        for uri in self.docs.uris() {
            if let Some(doc) = self.docs.get_mut(&uri) {
                doc.lint = None;
            }
            if self.pull {
                // Resolving the profile reports a config error; the client re-pulls.
                self.profile_for(&uri);
            } else {
                self.schedule(&uri, false);
            }
        }
        if self.pull && self.refresh_support {
            self.request("workspace/diagnostic/refresh", ());
        }
        self.sync_config_diagnostics();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossbeam_channel::unbounded;
    use std::str::FromStr;

    fn server() -> (Server, crossbeam_channel::Receiver<Outbound>) {
        let (out, sent) = unbounded();
        let (jobs, _) = unbounded();
        let params: InitializeParams =
            serde_json::from_value(serde_json::json!({ "capabilities": {} })).unwrap();
        (Server::new(out, jobs, &params), sent)
    }

    fn notifications(sent: &crossbeam_channel::Receiver<Outbound>) -> Vec<Notification> {
        sent.try_iter()
            .filter_map(|o| match o {
                Outbound::Message(Message::Notification(n)) => Some(n),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_panicking_lint_is_logged_and_outdated_results_are_dropped() {
        let (mut s, sent) = server();
        let uri = Uri::from_str("file:///pm/postmortems/a.md").unwrap();
        s.docs
            .open(uri.clone(), "markdown".into(), 3, "# Postmortem\n".into());
        let done = |version, result| Done {
            uri: uri.clone(),
            version,
            result,
            elapsed: Duration::ZERO,
        };

        s.lint_done(done(2, Ok(Vec::new())));
        assert!(notifications(&sent).is_empty(), "version 2 is outdated");

        s.lint_done(done(3, Err("internal error while linting: boom".into())));
        let sent = notifications(&sent);
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].method, "window/logMessage");
        assert_eq!(sent[0].params["type"], 1);
        assert!(sent[0].params["message"].as_str().unwrap().contains("boom"));
    }
}
