//! A deterministic generator of realistic post-mortems for benchmarks and size tests.
//!
//! Each document has front matter, a summary mixing clean and blame-laden prose, a
//! timeline (a table or a list), a root-cause section with a code block, lessons learned
//! and action items (a table or a task list), 4–8 KB in all. The same seed always gives
//! the same bytes, so timings compare like with like across runs and machines.
//!
//! Shared by `benches/lint.rs`, the `gen_corpus` example and `tests/bad_input.rs`
//! (each includes it with `#[path]`), so not every item is used by every includer.
#![allow(dead_code)]

/// splitmix64: tiny, fast and the same everywhere; no dependency needed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SERVICES: &[&str] = &[
    "checkout-api",
    "feature-hub",
    "payments-gateway",
    "search-indexer",
    "auth-service",
    "billing-worker",
    "edge-proxy",
    "notifications",
    "inventory-db",
    "image-resizer",
];

const PEOPLE: &[&str] = &[
    "@ana", "@omar", "@rachel", "@li", "@sam", "@maria", "@kenji", "@priya", "@tom", "@zoe",
];

const NAMES: &[&str] = &["Kevin", "Sarah", "Mike", "Anna", "David", "Laura"];

const CLEAN: &[&str] = &[
    "The {svc} deployment raised the connection pool size, and the database hit its limit of 500 sessions.",
    "Latency on {svc} rose from 120 ms to 2.4 s at the 99th percentile while the cache warmed up.",
    "The health check failed to respond because the probe itself could not get a connection.",
    "Kubernetes restarted the pods in a loop, and each restart dropped the in-flight requests.",
    "The alert on error rate fired after four minutes, which matched its configured window.",
    "Clients retried without backoff, which kept every replica at its connection limit.",
    "The runbook step that drains traffic was manual and easy to skip under time pressure.",
    "We rolled back the release at the first sign of elevated errors and the graphs recovered.",
    "Traffic shifted to the secondary region once the DNS TTL of 60 seconds had expired.",
    "The dashboard for {svc} showed the saturation clearly, but nobody was paged for it.",
    "Disk usage on the primary grew by 40 GB per hour during the backfill job.",
    "Customers in the EU saw timeouts on 12% of checkout attempts 日本語のテキスト 🚀 for about half an hour.",
];

const BLAME: &[&str] = &[
    "The outage was caused by human error.",
    "{name} failed to follow the runbook for configuration deploys.",
    "{who} should have checked the dashboard after the deploy.",
    "Obviously the config was wrong, and anyone reading the diff would have seen it.",
    "This was a careless change to a service that every team depends on.",
    "{name} forgot to renew the certificate before it expired.",
    "The on-call engineer ignored the page for twenty minutes.",
];

const EVENTS: &[&str] = &[
    "Deploy of {svc} begins",
    "Error-rate alert fires for {svc}",
    "{who} acknowledges the page and opens an incident channel",
    "Rollback of {svc} started",
    "Connection pool exhausted on the primary database",
    "Traffic drained from the affected zone",
    "Error rate back to baseline; monitoring",
    "Incident declared resolved",
    "Customer support reports failed checkouts",
    "Cache hit ratio drops below 40%",
];

const ACTIONS: &[&str] = &[
    "Run {svc} with two replicas across two zones",
    "Add exponential backoff with jitter to the client library",
    "Add a CI check that diffs production overlays against the previous release",
    "Alert on connection-pool saturation above 80% for {svc}",
    "Automate the drain step in the deploy pipeline",
    "Add a load test for {svc} to the release checklist",
    "Be more careful with production config",
    "Remember to watch dashboards after every deploy",
];

const CODE: &[&str] = &[
    "```yaml\nmax_connections: 20  # was 200\npool:\n  idle_timeout: 30s\n```",
    "```console\n$ kubectl rollout undo deployment/{svc}\ndeployment.apps/{svc} rolled back\n```",
    "```\nERROR retry failed to connect to {svc}:8443 (connection refused)\n```",
];

fn fill(template: &str, rng: &mut Rng) -> String {
    let mut s = template.to_string();
    if s.contains("{svc}") {
        s = s.replace("{svc}", rng.pick(SERVICES));
    }
    if s.contains("{who}") {
        s = s.replace("{who}", rng.pick(PEOPLE));
    }
    if s.contains("{name}") {
        s = s.replace("{name}", rng.pick(NAMES));
    }
    s
}

fn paragraph(rng: &mut Rng, sentences: usize, blame_percent: usize) -> String {
    let mut p = String::new();
    for i in 0..sentences {
        if i > 0 {
            p.push(if rng.chance(30) { '\n' } else { ' ' });
        }
        let pool = if rng.chance(blame_percent) {
            BLAME
        } else {
            CLEAN
        };
        p.push_str(&fill(rng.pick(pool), rng));
    }
    p.push_str("\n\n");
    p
}

fn time(minute: usize) -> String {
    format!("{:02}:{:02}", 13 + minute / 60 % 10, minute % 60)
}

fn timeline(rng: &mut Rng, entries: usize) -> String {
    let mut s = String::from("## Timeline (UTC)\n\n");
    let mut minute = rng.below(30);
    if rng.chance(50) {
        s.push_str("| Time | Event |\n|------|-------|\n");
        for _ in 0..entries {
            minute += 1 + rng.below(6);
            s.push_str(&format!(
                "| {} | {} |\n",
                time(minute),
                fill(rng.pick(EVENTS), rng)
            ));
        }
    } else {
        for _ in 0..entries {
            minute += 1 + rng.below(6);
            s.push_str(&format!(
                "- {} — {}\n",
                time(minute),
                fill(rng.pick(EVENTS), rng)
            ));
        }
    }
    s.push('\n');
    s
}

fn action_items(rng: &mut Rng, items: usize) -> String {
    let mut s = String::from("## Action items\n\n");
    if rng.chance(50) {
        s.push_str("| Action | Owner | Due | Ticket |\n|---|---|---|---|\n");
        for i in 0..items {
            let owner = if rng.chance(80) {
                rng.pick(PEOPLE)
            } else {
                "TBD"
            };
            s.push_str(&format!(
                "| {} | {owner} | 2026-0{}-{:02} | OPS-{} |\n",
                fill(rng.pick(ACTIONS), rng),
                1 + rng.below(9),
                1 + rng.below(28),
                100 + i
            ));
        }
    } else {
        for i in 0..items {
            let done = if rng.chance(20) { 'x' } else { ' ' };
            let owner = if rng.chance(80) {
                format!(
                    " — {}, due 2026-05-{:02}",
                    rng.pick(PEOPLE),
                    1 + rng.below(28)
                )
            } else {
                String::new()
            };
            s.push_str(&format!(
                "- [{done}] {}{owner}, OPS-{}\n",
                fill(rng.pick(ACTIONS), rng),
                200 + i
            ));
        }
    }
    s.push('\n');
    s
}

/// The body of one post-mortem (everything after the front matter and title).
fn body(rng: &mut Rng) -> String {
    let mut s = String::new();
    s.push_str("## Summary\n\n");
    for _ in 0..1 + rng.below(2) {
        let n = 3 + rng.below(3);
        s.push_str(&paragraph(rng, n, 15));
    }
    s.push_str("## Impact\n\n");
    for _ in 0..2 + rng.below(3) {
        s.push_str(&format!("- {}\n", fill(rng.pick(CLEAN), rng)));
    }
    s.push('\n');
    let entries = 8 + rng.below(12);
    s.push_str(&timeline(rng, entries));
    s.push_str("## Root cause\n\n");
    let n = 3 + rng.below(4);
    s.push_str(&paragraph(rng, n, 20));
    s.push_str(&fill(rng.pick(CODE), rng));
    s.push_str("\n\n");
    let n = 2 + rng.below(3);
    s.push_str(&paragraph(rng, n, 20));
    s.push_str("## Lessons learned\n\n### What went well\n\n");
    s.push_str(&format!("- {}\n", fill(rng.pick(CLEAN), rng)));
    s.push_str("- The rollback took under two minutes.\n\n### What went wrong\n\n");
    s.push_str(&format!(
        "- {}\n- People need to pay more attention to alerts.\n\n",
        fill(rng.pick(BLAME), rng)
    ));
    let items = 4 + rng.below(6);
    s.push_str(&action_items(rng, items));
    s
}

/// Post-mortem number `index` of the corpus made from `seed`: 4–8 KB.
pub fn post_mortem(seed: u64, index: usize) -> String {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let svc = rng.pick(SERVICES);
    let mut s = format!(
        "---\ntitle: \"{svc} outage\"\ndate: 2026-{:02}-{:02}\nseverity: SEV-{}\nauthors: [{}]\n---\n\n# Post-mortem: {svc} outage\n\n",
        1 + rng.below(12),
        1 + rng.below(28),
        1 + rng.below(3),
        rng.pick(PEOPLE),
    );
    s.push_str(&body(&mut rng));
    // More analysis up to a size drawn from 4–8 KB (6 KB on average).
    let target = 4096 + rng.below(4096);
    while s.len() < target {
        s.push_str("## Analysis\n\n");
        let n = 4 + rng.below(4);
        s.push_str(&paragraph(&mut rng, n, 10));
    }
    s
}

/// File name of post-mortem `index`.
pub fn file_name(index: usize) -> String {
    format!("pm-{index:05}.md")
}

/// One post-mortem of at least `bytes` bytes: a title and front matter, then whole
/// post-mortem bodies under numbered incident headings (a long archive page).
pub fn big_document(seed: u64, bytes: usize) -> String {
    let mut rng = Rng::new(seed);
    let mut s = String::from(
        "---\ntitle: \"Incident archive\"\ndate: 2026-01-01\n---\n\n# Incident archive\n\n",
    );
    let mut n = 0;
    while s.len() < bytes {
        n += 1;
        s.push_str(&format!("# Incident {n}\n\n"));
        s.push_str(&body(&mut rng));
    }
    s
}
