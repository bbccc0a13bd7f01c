//! Editor set-up: the VS Code extension (run with Node when it is installed — no network,
//! no `npm install`) and the Neovim and Helix snippets of the README.

use std::path::Path;
use std::process::Command;

const VSCODE: &str = "editors/vscode";

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn vscode_extension_starts_pmlint_lsp_for_markdown() {
    if !node_available() {
        eprintln!("note: skipping the VS Code extension test: `node` is not installed");
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(VSCODE);
    for args in [
        &["--check", "extension.js"][..],
        &["test/activate.test.js"][..],
    ] {
        let out = Command::new("node")
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("run node");
        assert!(
            out.status.success(),
            "node {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn vscode_lockfile_matches_the_manifest_and_no_modules_are_committed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(VSCODE);
    let read = |f: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(f)).unwrap()).unwrap()
    };
    let (pkg, lock) = (read("package.json"), read("package-lock.json"));
    assert_eq!(pkg["main"], "./extension.js");
    assert_eq!(lock["packages"][""]["dependencies"], pkg["dependencies"]);
    assert!(lock["packages"]["node_modules/vscode-languageclient"].is_object());
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "node_modules/"));
}

/// The fenced block of `lang` in the README that contains `needle`.
fn readme_block(lang: &str, needle: &str) -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let fence = format!("```{lang}\n");
    readme
        .split(fence.as_str())
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .find(|block| block.contains(needle))
        .unwrap_or_else(|| panic!("no ```{lang} block with {needle:?} in the README"))
        .to_string()
}

#[test]
fn readme_helix_snippet_is_valid_languages_toml() {
    let block = readme_block("toml", "[language-server.pmlint]");
    let v: toml::Table = toml::from_str(&block).expect("the Helix snippet is TOML");
    let server = &v["language-server"]["pmlint"];
    assert_eq!(server["command"].as_str(), Some("pmlint"));
    assert_eq!(server["args"].as_array().unwrap()[0].as_str(), Some("lsp"));
    let markdown = v["language"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"].as_str() == Some("markdown"))
        .expect("a markdown language entry");
    let servers = markdown["language-servers"].as_array().unwrap();
    assert!(servers.iter().any(|s| s.as_str() == Some("pmlint")));
}

#[test]
fn readme_neovim_snippet_starts_pmlint_lsp_for_markdown() {
    let block = readme_block("lua", "vim.lsp.config");
    assert!(block.contains("cmd = { 'pmlint', 'lsp' }"), "{block}");
    assert!(block.contains("filetypes = { 'markdown' }"), "{block}");
    assert!(block.contains("vim.lsp.enable('pmlint')"), "{block}");
}
