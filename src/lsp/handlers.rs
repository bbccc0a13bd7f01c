//! What the server does for each request and notification it knows.

use lsp_server::{ErrorCode, Notification, Request, RequestId};
use lsp_types::notification::{
    Cancel, DidChangeTextDocument, DidChangeWatchedFiles, DidChangeWorkspaceFolders,
    DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, DocumentDiagnosticRequest, HoverRequest, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DiagnosticOptions, DiagnosticServerCapabilities, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidChangeWorkspaceFoldersParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, DocumentDiagnosticParams, DocumentDiagnosticReport,
    DocumentDiagnosticReportResult, FileSystemWatcher, FullDocumentDiagnosticReport, GlobPattern,
    HoverParams, HoverProviderCapability, MessageType, NumberOrString, OneOf, Registration,
    RegistrationParams, RelatedFullDocumentDiagnosticReport, SaveOptions, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::actions;
use super::config::{CONFIG_NAMES, is_config_file};
use super::hover;
use super::position::Encoding;
use super::server::Server;
use super::uri;
use crate::document::markdown;

type Reply = Result<Value, (ErrorCode, String)>;

pub fn capabilities(enc: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..Default::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("pmlint".into()),
            inter_file_dependencies: false,
            workspace_diagnostics: false,
            ..Default::default()
        })),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}

/// Answer a request; `None` when the answer comes later (a pull waiting for a lint).
pub fn request(s: &mut Server, req: Request) -> Option<Reply> {
    let id = req.id.clone();
    Some(match req.method.as_str() {
        Shutdown::METHOD => {
            s.shutdown = true;
            Ok(Value::Null)
        }
        "initialize" => Err((ErrorCode::InvalidRequest, "already initialized".into())),
        CodeActionRequest::METHOD => params(req).and_then(|p| code_action(s, p)),
        HoverRequest::METHOD => params(req).and_then(|p| hover(s, p)),
        DocumentDiagnosticRequest::METHOD => match params(req) {
            Ok(p) => return pull(s, id, p),
            Err(e) => Err(e),
        },
        other => Err((ErrorCode::MethodNotFound, format!("unknown method {other}"))),
    })
}

fn params<P: DeserializeOwned>(req: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(req.params).map_err(|e| {
        (
            ErrorCode::InvalidParams,
            format!("invalid params for {}: {e}", req.method),
        )
    })
}

fn to_value(v: impl serde::Serialize) -> Reply {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

fn not_open(s: &Server, uri: &Uri, method: &str) {
    s.log(
        MessageType::WARNING,
        format!("{method} for a document that is not open: {}", uri.as_str()),
    );
}

fn code_action(s: &mut Server, p: CodeActionParams) -> Reply {
    let uri = p.text_document.uri;
    let wants_quickfix = p.context.only.as_ref().is_none_or(|only| {
        only.iter().any(|k| {
            let k = k.as_str();
            k.is_empty() || k == "quickfix" || k == CodeActionKind::QUICKFIX.as_str()
        })
    });
    if s.docs.get(&uri).is_none() {
        not_open(s, &uri, CodeActionRequest::METHOD);
        return Ok(Value::Null);
    }
    if !wants_quickfix {
        return Ok(Value::Array(Vec::new()));
    }
    let Some(diags) = s.lint_now(&uri) else {
        return Ok(Value::Array(Vec::new()));
    };
    let profile = s.profile_for(&uri);
    let Some(doc) = s.docs.get(&uri) else {
        return Ok(Value::Null);
    };
    let src = &doc.source;
    let model = markdown::parse(src, &profile.settings.catalog);
    let span = s.enc.span(src, p.range);
    to_value(actions::code_actions(
        &uri, src, &model, s.enc, &diags, &span,
    ))
}

fn hover(s: &mut Server, p: HoverParams) -> Reply {
    let uri = p.text_document_position_params.text_document.uri;
    if s.docs.get(&uri).is_none() {
        not_open(s, &uri, HoverRequest::METHOD);
        return Ok(Value::Null);
    }
    let Some(diags) = s.lint_now(&uri) else {
        return Ok(Value::Null);
    };
    let profile = s.profile_for(&uri);
    let Some(doc) = s.docs.get(&uri) else {
        return Ok(Value::Null);
    };
    let offset = s
        .enc
        .offset(&doc.source, p.text_document_position_params.position);
    to_value(hover::hover(&doc.source, s.enc, &diags, &profile, offset))
}

/// `textDocument/diagnostic`: the current lint, or a lint queued ahead of the debounce.
fn pull(s: &mut Server, id: RequestId, p: DocumentDiagnosticParams) -> Option<Reply> {
    let uri = p.text_document.uri;
    if s.docs.get(&uri).is_none() {
        not_open(s, &uri, DocumentDiagnosticRequest::METHOD);
        let msg = format!("document is not open: {}", uri.as_str());
        return Some(Err((ErrorCode::InvalidParams, msg)));
    }
    if let Some(items) = s.lsp_diagnostics(&uri) {
        return Some(Ok(full_report(items)));
    }
    s.pending_pulls.entry(uri.clone()).or_default().push(id);
    s.schedule(&uri, true);
    None
}

pub fn full_report(items: Vec<lsp_types::Diagnostic>) -> Value {
    let report = DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: None,
                items,
            },
        },
    ));
    serde_json::to_value(report).unwrap_or_default()
}

pub fn notification(s: &mut Server, n: Notification) {
    let method = n.method.clone();
    let bad = |s: &Server, e: serde_json::Error| {
        s.log(
            MessageType::ERROR,
            format!("invalid params for {method}: {e}"),
        );
    };
    macro_rules! params {
        ($t:ty) => {
            match serde_json::from_value::<$t>(n.params) {
                Ok(p) => p,
                Err(e) => return bad(s, e),
            }
        };
    }
    match n.method.as_str() {
        "initialized" => watch_config_files(s),
        DidOpenTextDocument::METHOD => {
            let p = params!(DidOpenTextDocumentParams);
            let d = p.text_document;
            s.docs.open(d.uri.clone(), d.language_id, d.version, d.text);
            s.schedule(&d.uri, false);
        }
        DidChangeTextDocument::METHOD => {
            let p = params!(DidChangeTextDocumentParams);
            let uri = p.text_document.uri;
            match s
                .docs
                .change(&uri, p.text_document.version, p.content_changes, s.enc)
            {
                Ok(()) if !s.pull => s.schedule(&uri, false),
                Ok(()) => {}
                Err(e) => s.log(MessageType::WARNING, e),
            }
        }
        DidSaveTextDocument::METHOD => {
            let p = params!(DidSaveTextDocumentParams);
            if uri::to_path(&p.text_document.uri).is_some_and(|p| is_config_file(&p)) {
                s.config_changed();
            }
        }
        DidCloseTextDocument::METHOD => {
            let p = params!(DidCloseTextDocumentParams);
            let uri = p.text_document.uri;
            if s.docs.close(&uri).is_none() {
                not_open(s, &uri, DidCloseTextDocument::METHOD);
                return;
            }
            s.publish(uri.clone(), Vec::new(), None);
            s.answer_pulls(&uri);
        }
        DidChangeWatchedFiles::METHOD => {
            let p = params!(DidChangeWatchedFilesParams);
            if p.changes
                .iter()
                .any(|c| uri::to_path(&c.uri).is_some_and(|p| is_config_file(&p)))
            {
                s.config_changed();
            }
        }
        DidChangeWorkspaceFolders::METHOD => {
            let p = params!(DidChangeWorkspaceFoldersParams);
            let gone: Vec<_> = p
                .event
                .removed
                .iter()
                .filter_map(|f| uri::to_path(&f.uri))
                .collect();
            s.folders.retain(|f| !gone.contains(f));
            s.folders
                .extend(p.event.added.iter().filter_map(|f| uri::to_path(&f.uri)));
            s.config_changed();
        }
        Cancel::METHOD => {
            let p = params!(lsp_types::CancelParams);
            let id = match p.id {
                NumberOrString::Number(n) => RequestId::from(n),
                NumberOrString::String(s) => RequestId::from(s),
            };
            let waiting: Vec<Uri> = s.pending_pulls.keys().cloned().collect();
            for uri in waiting {
                let ids = s.pending_pulls.entry(uri).or_default();
                if let Some(i) = ids.iter().position(|x| *x == id) {
                    ids.remove(i);
                    s.respond(
                        id.clone(),
                        Err((ErrorCode::RequestCanceled, "canceled".into())),
                    );
                }
            }
            s.pending_pulls.retain(|_, ids| !ids.is_empty());
        }
        m if m.starts_with("$/") => {}
        "workspace/didChangeConfiguration" => {}
        other => s.log(MessageType::LOG, format!("ignored notification {other}")),
    }
}

/// Ask the client to tell us about config files changing on disk.
fn watch_config_files(s: &mut Server) {
    if !s.watch_dynamically {
        return;
    }
    let watchers = CONFIG_NAMES
        .iter()
        .map(|name| FileSystemWatcher {
            glob_pattern: GlobPattern::String(format!("**/{name}")),
            kind: None,
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "pmlint-config-files".into(),
            method: DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    s.request("client/registerCapability", params);
}
