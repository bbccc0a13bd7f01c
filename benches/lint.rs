//! Parse-only against full lint, measured in the same run on the same inputs, so the
//! ratio between them holds even on a noisy machine.
//!
//!     cargo bench --bench lint                 # everything
//!     cargo bench --bench lint -- corpus       # one group
//!
//! Groups: `corpus` (200 generated post-mortems, one thread), `document` (one 5 MB
//! document), `one-file` (a single ~6 KB post-mortem). In each, `parse` is comrak plus the
//! document model (`pmlint::document::markdown::parse`) and `lint` is `pmlint::lint`
//! (parse + every built-in rule).

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pmlint::{Settings, SourceFile, document::markdown};

fn parse_and_lint(c: &mut Criterion, group: &str, sources: &[SourceFile]) {
    let settings = Settings::default();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("parse", |b| {
        b.iter(|| {
            for s in sources {
                black_box(markdown::parse(s, &settings.catalog).blocks.len());
            }
        })
    });
    g.bench_function("lint", |b| {
        b.iter(|| {
            for s in sources {
                black_box(pmlint::lint(s, &settings).len());
            }
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    let corpus: Vec<SourceFile> = (0..200)
        .map(|i| SourceFile::new(corpus_gen::file_name(i), corpus_gen::post_mortem(2026, i)))
        .collect();
    parse_and_lint(c, "corpus", &corpus);
    parse_and_lint(c, "one-file", &corpus[..1]);
    let big = SourceFile::new("big.md", corpus_gen::big_document(2026, 5 << 20));
    parse_and_lint(c, "document", std::slice::from_ref(&big));
}

criterion_group! {
    name = lint;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(lint);
