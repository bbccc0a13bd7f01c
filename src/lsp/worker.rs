//! The lint worker: lints off the message loop, after a short quiet period, so typing
//! never waits for a lint and a burst of keystrokes costs one lint.

use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, TryRecvError, select, unbounded};
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

/// The running lint thread. Dropping it stops the thread and waits for it: a lint in
/// progress runs to its end, queued jobs and the quiet period are cut short, and no
/// result is delivered. The server drops it when it stops, however it stops, so nothing
/// outlives `serve`.
pub struct Worker {
    pub done: Receiver<Done>,
    /// Never sent on: dropping it is the stop signal, seen even while the thread waits.
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Worker {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            // A panic on the lint thread has already been logged by the panic hook.
            let _ = thread.join();
        }
    }
}

/// Start the worker. Jobs for the same document replace each other while waiting.
pub fn spawn(debounce: Duration) -> (Sender<Job>, Worker) {
    let (job_tx, job_rx) = unbounded::<Job>();
    let (done_tx, done_rx) = unbounded();
    let (stop_tx, stop_rx) = unbounded();
    let thread = thread::Builder::new()
        .name("pmlint-lsp-lint".into())
        .spawn(move || run(job_rx, done_tx, stop_rx, debounce))
        .expect("spawn the lint thread");
    let worker = Worker {
        done: done_rx,
        stop: Some(stop_tx),
        thread: Some(thread),
    };
    (job_tx, worker)
}

fn run(jobs: Receiver<Job>, done: Sender<Done>, stop: Receiver<()>, debounce: Duration) {
    // Continuous typing still gets a lint at least this often.
    let max_wait = debounce * 8;
    loop {
        // The server is gone (its job sender dropped) or stopping: nobody wants a result.
        let first = select! {
            recv(jobs) -> job => match job {
                Ok(job) => job,
                Err(_) => return,
            },
            recv(stop) -> _ => return,
        };
        let started = Instant::now();
        let mut pending = vec![first];
        while !pending.iter().any(|j| j.urgent) && started.elapsed() < max_wait {
            select! {
                recv(jobs) -> job => match job {
                    Ok(job) => queue(&mut pending, job),
                    Err(_) => return,
                },
                recv(stop) -> _ => return,
                default(debounce) => break,
            }
        }
        for job in pending {
            if !matches!(stop.try_recv(), Err(TryRecvError::Empty)) {
                return;
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn job(source: &Arc<SourceFile>, urgent: bool) -> Job {
        Job {
            uri: Uri::from_str("untitled:pm.md").unwrap(),
            version: 1,
            source: source.clone(),
            profile: Arc::new(Profile::defaults()),
            urgent,
        }
    }

    /// The worker holds a clone of each job's source until it is done with the job, so a
    /// count of one means the thread let go of it, i.e. it has ended.
    fn released(source: &Arc<SourceFile>) -> bool {
        Arc::strong_count(source) == 1
    }

    #[test]
    fn dropping_the_worker_cuts_the_quiet_period_short_and_joins_the_thread() {
        let source = Arc::new(SourceFile::new(
            "pm.md",
            "# Postmortem\n\nIt was human error.\n",
        ));
        let (jobs, worker) = spawn(Duration::from_secs(600));
        let done = worker.done.clone();
        jobs.send(job(&source, false)).unwrap();
        // Let the thread take the job into its quiet period.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !jobs.is_empty() && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(1));
        }

        let t = Instant::now();
        drop(worker);
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "waited out the quiet period"
        );
        assert!(
            released(&source),
            "the lint thread still runs after the drop"
        );
        assert!(
            done.try_recv().is_err(),
            "a queued job was linted after the stop"
        );
        drop(jobs);
    }

    #[test]
    fn dropping_the_worker_waits_for_the_lint_in_progress() {
        let text = "# Postmortem\n\n## Summary\n\nIt was human error. 漢字 🔥\n".repeat(2000);
        let source = Arc::new(SourceFile::new("pm.md", text));
        let (jobs, worker) = spawn(Duration::ZERO);
        jobs.send(job(&source, true)).unwrap();
        // Let the lint start.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !jobs.is_empty() && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(1));
        }

        drop(worker);
        assert!(
            released(&source),
            "returned before the lint in progress ended"
        );
        drop(jobs);
    }
}
