//! Re-lint latency after one keystroke on a 200 KB post-mortem.
//!
//!     cargo bench --bench lsp
//!
//! - `keystroke/edit`: apply one incremental `didChange` to the open document (splice and
//!   new line index), as the server does on the message thread.
//! - `keystroke/edit+parse`: that, plus parsing into the document model (comrak).
//! - `keystroke/edit+lint (cpu time)`: the same, timed by the thread's CPU time, which
//!   other processes on a busy machine inflate far less than wall time (Linux only).
//! - `keystroke/edit+lint`: that, plus the lint the worker then runs (`engine::lint_source`).
//! - `keystroke/server`: the real `pmlint lsp` binary over stdio with `debounceMs: 0`: from
//!   writing a `didChange` to reading the `publishDiagnostics` for that version. Add the
//!   debounce (`server::DEFAULT_DEBOUNCE`) for the figure an editor sees with defaults.

use std::hint::black_box;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use pmlint::document::markdown;
use pmlint::lsp::documents::apply;
use pmlint::lsp::position::Encoding;
use pmlint::{Settings, SourceFile, builtin_rules, engine};
use serde_json::{Value, json};

const TARGET: usize = 200 * 1024;

/// A deterministic, realistic post-mortem of about 200 KB: front matter, summary, impact,
/// a long timeline table, contributing factors with some blame and hindsight wording,
/// lessons learned and an action-item table.
fn post_mortem() -> String {
    let people = [
        "@ana",
        "@bo",
        "@chen",
        "@dara",
        "@eli",
        "Priya",
        "the on-call engineer",
    ];
    let systems = [
        "checkout-service",
        "fraud-scoring",
        "the primary database",
        "the CDN",
        "queue-worker",
        "the load balancer",
    ];
    let events = [
        "alert fired for elevated p99 latency on {s}",
        "{p} acknowledged the page and opened an incident channel",
        "{s} error rate rose to 4% of requests",
        "{p} rolled back the last deploy of {s}",
        "traces show requests waiting on {s}",
        "{s} scaled from 3 to 12 replicas",
        "status page updated by {p}",
        "{s} recovered; error rate back under 0.1%",
    ];
    // Mostly neutral analysis; about one sentence in ten has wording pmlint flags.
    let prose = [
        "The retry policy of {s} doubled the load within two minutes, which hid the original fault behind a wave of timeouts.",
        "{p} noticed that the dashboard for {s} had no panel for queue depth, so the backlog was only visible in logs.",
        "The deploy pipeline accepted a configuration for {s} without a dry run, and the canary stage was skipped for hotfixes.",
        "Capacity for {s} is planned per quarter, but the weekend minimum was set by hand two years ago and never revisited.",
        "Health checks on {s} only tested the process, not its dependencies, so the load balancer kept sending traffic to it.",
        "The runbook for {s} described the old topology; the failover step pointed at a host that was decommissioned in May.",
        "Alerts for {s} were routed to a channel that is muted outside business hours, which delayed the first page by nine minutes.",
        "{p} paired with the database team to compare the slow query log with the release notes of {s}.",
        "A feature flag for {s} defaulted to on in the new release, which changed the request path for every customer at once.",
        "The connection pool of {s} was sized for the old traffic pattern and saturated within seconds of the failover.",
        "Clearly, nobody read the runbook for {s} before the change.",
        "The incident channel was opened quickly, and {p} kept the status page updated every fifteen minutes.",
        "Traffic shifted to the secondary region as designed, but its cache for {s} was cold and took twenty minutes to warm.",
        "The change to {s} passed review and CI; the integration tests ran against a mock that did not model rate limits.",
        "Error budgets for {s} were already spent this quarter, and the freeze policy does not cover configuration changes.",
        "It was human error: {p} should have checked the replica count of {s} first.",
        "Logs from {s} were sampled at 1%, which made the first failing requests hard to find.",
        "The on-call handbook asks for a second reviewer on production changes to {s}, but the tool does not enforce it.",
        "Dashboards showed the symptoms within a minute; deciding which of the three alerting services was the cause took longer.",
        "Rolling back {s} took eleven minutes because the previous image had been garbage-collected from the registry.",
    ];
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |n: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n as u64) as usize
    };
    let fill = |t: &str, i: usize, j: usize| {
        t.replace("{s}", systems[i % systems.len()])
            .replace("{p}", people[j % people.len()])
    };
    let mut s = String::from(
        "---\ntitle: \"Postmortem: checkout outage\"\ndate: 2026-03-14\nseverity: SEV-1\n---\n\n\
         # Postmortem: checkout outage\n\n## Summary\n\n",
    );
    for _ in 0..12 {
        s.push_str(&fill(prose[next(prose.len())], next(99), next(99)));
        s.push(' ');
    }
    s.push_str("\n\n## Impact\n\n");
    for i in 0..40 {
        s.push_str(&format!(
            "- {} minutes of degraded service for {} customers in region {i}.\n",
            5 + next(60),
            100 * next(90)
        ));
    }
    s.push_str(
        "\n## Timeline\n\nAll times are UTC on 2026-03-14.\n\n| Time (UTC) | Event |\n|---|---|\n",
    );
    let timeline_at = s.len();
    // A long incident: entries a few seconds to a minute apart, all within the day.
    let mut second = 0;
    while s.len() - timeline_at < TARGET * 6 / 10 {
        second += next(70);
        let e = fill(events[next(events.len())], next(99), next(99));
        s.push_str(&format!(
            "| {:02}:{:02}:{:02} | {e} |\n",
            second / 3600,
            second / 60 % 60,
            second % 60
        ));
    }
    s.push_str("\n## Contributing factors\n\n");
    while s.len() < TARGET * 85 / 100 {
        for _ in 0..5 {
            s.push_str(&fill(prose[next(prose.len())], next(99), next(99)));
            s.push(' ');
        }
        s.push_str("\n\n");
    }
    s.push_str("## Lessons learned\n\n");
    for i in 0..30 {
        s.push_str(&format!(
            "- The alert for {} fired {} minutes after impact started.\n",
            systems[i % systems.len()],
            1 + next(20)
        ));
    }
    s.push_str("\n## Action items\n\n| Action | Owner | Due | Ticket |\n|---|---|---|---|\n");
    let mut n = 0;
    while s.len() < TARGET {
        n += 1;
        s.push_str(&format!(
            "| Add a queue-depth alert to {} | {} | 2026-04-{:02} | OPS-{n} |\n",
            systems[next(systems.len())],
            people[next(5)],
            1 + next(28)
        ));
    }
    s
}

/// Where the benchmark types: the end of the first summary line.
fn typing_position(text: &str) -> Position {
    let line = text.lines().position(|l| l == "## Summary").unwrap() + 2;
    Position::new(line as u32, 10)
}

fn keystroke(at: Position, version: i32) -> TextDocumentContentChangeEvent {
    // Odd versions type a letter, even versions delete it: the document stays the same size.
    let end = if version % 2 == 0 {
        Position::new(at.line, at.character + 1)
    } else {
        at
    };
    TextDocumentContentChangeEvent {
        range: Some(Range::new(at, end)),
        range_length: None,
        text: if version % 2 == 0 {
            String::new()
        } else {
            "x".into()
        },
    }
}

fn in_process(c: &mut Criterion, text: &str) {
    let at = typing_position(text);
    let settings = Settings::default();
    let mut g = c.benchmark_group("keystroke");
    let mut src = SourceFile::new("pm.md", text);
    let mut version = 0;
    g.bench_function("edit", |b| {
        b.iter(|| {
            version += 1;
            src = apply(&src, keystroke(at, version), Encoding::Utf16);
            black_box(src.text.len())
        })
    });
    g.bench_function("edit+parse", |b| {
        b.iter(|| {
            version += 1;
            src = apply(&src, keystroke(at, version), Encoding::Utf16);
            black_box(markdown::parse(&src, &settings.catalog).blocks.len())
        })
    });
    // The same work timed by the thread's CPU time (Linux), which a busy machine inflates
    // far less than wall time.
    if thread_cpu_time().is_some() {
        g.bench_function("edit+lint (cpu time)", |b| {
            b.iter_custom(|iters| {
                let start = thread_cpu_time().unwrap_or_default();
                for _ in 0..iters {
                    version += 1;
                    src = apply(&src, keystroke(at, version), Encoding::Utf16);
                    black_box(
                        engine::lint_source(&src, &settings, builtin_rules()).map(|d| d.len()),
                    )
                    .ok();
                }
                thread_cpu_time().unwrap_or_default().saturating_sub(start)
            })
        });
    }
    g.bench_function("edit+lint", |b| {
        b.iter(|| {
            version += 1;
            src = apply(&src, keystroke(at, version), Encoding::Utf16);
            black_box(engine::lint_source(&src, &settings, builtin_rules()).map(|d| d.len()))
        })
    });
    g.finish();
}

/// CPU time of the calling thread so far, from `/proc/thread-self/schedstat` (Linux).
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pmlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pmlint lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if line.trim().is_empty() {
                        break;
                    }
                    if let Some(v) = line.trim().strip_prefix("Content-Length: ") {
                        len = v.parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                if tx
                    .send(serde_json::from_slice(&body).unwrap_or(Value::Null))
                    .is_err()
                {
                    return;
                }
            }
        });
        let stdin = child.stdin.take().unwrap();
        Server { child, stdin, rx }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn wait(&self, pred: impl Fn(&Value) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self
                .rx
                .recv_timeout(left)
                .expect("the server answers within 30 s");
            if pred(&m) {
                return;
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn through_the_server(c: &mut Criterion, text: &str) {
    let at = typing_position(text);
    let uri = "file:///bench/postmortems/2026-03-14-checkout.md";
    let mut s = Server::start();
    s.send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": { "capabilities": {}, "initializationOptions": { "debounceMs": 0 } } }));
    s.wait(|m| m["id"] == 1);
    s.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    s.send(
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } } }),
    );
    let published = |v: i32| {
        move |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == v
        }
    };
    s.wait(published(1));
    let mut version = 1;
    let mut g = c.benchmark_group("keystroke");
    g.bench_function("server", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                version += 1;
                let change = keystroke(at, version);
                let t = Instant::now();
                s.send(json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                    "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] } }));
                s.wait(published(version));
                total += t.elapsed();
            }
            total
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    let text = post_mortem();
    assert!(
        text.len() >= TARGET && text.len() < TARGET + 1024,
        "{} bytes",
        text.len()
    );
    let findings = pmlint::lint(
        &SourceFile::new("pm.md", text.as_str()),
        &Settings::default(),
    );
    assert!(
        !findings.is_empty(),
        "the benchmark document has findings to report"
    );
    let mut by_rule = std::collections::BTreeMap::new();
    for f in &findings {
        *by_rule.entry(f.rule.as_str()).or_insert(0) += 1;
    }
    eprintln!(
        "document: {} bytes, {} lines, findings: {by_rule:?}",
        text.len(),
        text.lines().count()
    );
    in_process(c, &text);
    through_the_server(c, &text);
}

criterion_group! {
    name = lsp;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(lsp);
