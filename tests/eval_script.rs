//! The corpus evaluation script (`scripts/eval_corpus.py`) scores the real binary against
//! a folder of labelled documents. Run it here on a small synthetic folder so a broken
//! script or a changed JSON format is caught without `../shared`.

use std::process::Command;

#[test]
fn eval_script_scores_a_labelled_folder() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("python3 not found: skipping the eval script test");
        return;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("python3")
        .arg(format!("{root}/scripts/eval_corpus.py"))
        .args(["--pmlint", env!("CARGO_BIN_EXE_pmlint")])
        .arg(format!("{root}/tests/data/eval"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("precision   1.000"), "{stdout}");
    assert!(stdout.contains("recall      1.000"), "{stdout}");
    assert!(
        stdout.contains("missing-timeline       agreement 1.000"),
        "{stdout}"
    );
}
