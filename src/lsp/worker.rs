//! The lint worker: lints off the message loop, after a short quiet period, so typing
//! never waits for a lint and a burst of keystrokes costs one lint.

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, unbounded};
use lsp_types::Uri;

use super::config::Profile;
use crate::diagnostic::Diagnostic;
use crate::engine;
use crate::source::SourceFile;

pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub source: Arc<SourceFile>,
    pub profile: Arc<Profile>,
    /// Someone is waiting for this one (a pull request): skip the quiet period.
    pub urgent: bool,
}

pub struct Done {
    pub uri: Uri,
    pub version: i32,
    /// `Err` when linting panicked (the panic is caught by the engine).
    pub result: Result<Vec<Diagnostic>, String>,
    pub elapsed: Duration,
}

/// Start the worker. Jobs for the same document replace each other while waiting.
pub fn spawn(debounce: Duration) -> (Sender<Job>, Receiver<Done>) {
    let (job_tx, job_rx) = unbounded::<Job>();
    let (done_tx, done_rx) = unbounded();
    thread::Builder::new()
        .name("pmlint-lsp-lint".into())
        .spawn(move || run(job_rx, done_tx, debounce))
        .expect("spawn the lint thread");
    (job_tx, done_rx)
}

fn run(jobs: Receiver<Job>, done: Sender<Done>, debounce: Duration) {
    // Continuous typing still gets a lint at least this often.
    let max_wait = debounce * 8;
    while let Ok(first) = jobs.recv() {
        let started = Instant::now();
        let mut pending = vec![first];
        let mut open = true;
        while open && !pending.iter().any(|j| j.urgent) && started.elapsed() < max_wait {
            match jobs.recv_timeout(debounce) {
                Ok(job) => queue(&mut pending, job),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => open = false,
            }
        }
        for job in pending {
            let t = Instant::now();
            let result =
                engine::lint_source(&job.source, &job.profile.settings, job.profile.rules());
            let out = Done {
                uri: job.uri,
                version: job.version,
                result,
                elapsed: t.elapsed(),
            };
            if done.send(out).is_err() {
                return;
            }
        }
        if !open {
            return;
        }
    }
}

fn queue(pending: &mut Vec<Job>, job: Job) {
    match pending.iter_mut().find(|p| p.uri == job.uri) {
        Some(p) => {
            let urgent = p.urgent || job.urgent;
            *p = job;
            p.urgent = urgent;
        }
        None => pending.push(job),
    }
}
