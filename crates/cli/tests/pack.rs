//! `chanjiao pack`: the checks a successor's writer runs, and the comparison its
//! approvers read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn chanjiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chanjiao")).args(args).output().unwrap_or_else(|e| panic!("cannot run chanjiao: {e}"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> String {
    root().join("examples/policy").join(name).display().to_string()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn both_example_packs_pass_their_checks() {
    for name in ["example-successor-2026.json", "example-continuation-2026.json"] {
        let out = chanjiao(&["pack", "check", &example(name), "--format", "table", "--lang", "en"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out));
        assert!(text(&out).starts_with("Passed: "), "{}", text(&out));
    }
}

#[test]
fn a_figure_not_in_its_text_fails_naming_the_place() {
    let mut pack: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example("example-successor-2026.json")).unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
    pack["values"]["a11_sme_per_hire"]["figure"] = "1600元".into();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-pack");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("figure-not-in-text.json");
    std::fs::write(&file, pack.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let out = chanjiao(&["pack", "check", &file.display().to_string()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("values.a11_sme_per_hire.figure"), "{}", text(&out));
}

#[test]
fn the_diff_says_what_the_successor_changes_in_both_languages() {
    let out = chanjiao(&["pack", "diff", "builtin", &example("example-successor-2026.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let md = text(&out);
    assert!(md.contains("| A11 民营企业吸纳应届高校毕业生一次性补贴 | `a11_sme_per_hire` | 四(一) | 1,000 元 | 1,500 元 |"), "{md}");
    assert!(md.contains("## 终止的条目 / Entries dropped\n\n- A12 "), "{md}");
    assert!(md.contains("示例，非真实政策 / An illustration, not a real policy"), "{md}");
    assert!(md.contains("中小微企业每吸纳一人 1000元，其他企业按其 50% → 中小微企业每吸纳一人 1500元"), "{md}");
    // As data too; the same policy on both sides changes nothing.
    let out = chanjiao(&["pack", "diff", "builtin", "builtin", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    assert_eq!(json["figures"], serde_json::json!([]));
    assert_eq!(json["dropped"], serde_json::json!([]));
}
