//! Write a deterministic corpus of synthetic post-mortems for benchmarks.
//!
//!     cargo run --release --example gen_corpus -- DIR [--files N] [--seed S]
//!     cargo run --release --example gen_corpus -- FILE.md --one-file BYTES [--seed S]
//!
//! The first form writes N files (default 2,000, 4–8 KB each) into DIR; the second writes
//! one document of at least BYTES bytes.

#[path = "corpus_gen.rs"]
mod corpus_gen;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first().cloned() else {
        eprintln!("usage: gen_corpus DIR [--files N] [--seed S] | FILE.md --one-file BYTES");
        return ExitCode::from(2);
    };
    let opt = |name: &str| -> Option<u64> {
        let i = args.iter().position(|a| a == name)?;
        args.get(i + 1)?.parse().ok()
    };
    let seed = opt("--seed").unwrap_or(2026);
    let result = match opt("--one-file") {
        Some(bytes) => std::fs::write(&out, corpus_gen::big_document(seed, bytes as usize)),
        None => write_corpus(&out, opt("--files").unwrap_or(2000) as usize, seed),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {out}: {e}");
            ExitCode::from(2)
        }
    }
}

fn write_corpus(dir: &str, files: usize, seed: u64) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for i in 0..files {
        let path = std::path::Path::new(dir).join(corpus_gen::file_name(i));
        std::fs::write(path, corpus_gen::post_mortem(seed, i))?;
    }
    Ok(())
}
