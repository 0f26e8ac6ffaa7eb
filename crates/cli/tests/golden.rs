//! The output contract, pinned: what `chanjiao evaluate` and `chanjiao explain`
//! print for every example answers file, as JSON and as tables, inside the
//! policy's period and after it, is kept in tests/golden/. A change to the rules
//! or to the output that alters any of it fails here until the files are written
//! again on purpose: `UPDATE_GOLDEN=1 cargo test -p chanjiao-cli --test golden`,
//! and the diff is reviewed with the change.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn chanjiao(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_chanjiao")).args(args).output().unwrap_or_else(|e| panic!("cannot run chanjiao: {e}"));
    assert!(out.status.success(), "chanjiao {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

/// The example answers files (not the applicant blocks or policy packs).
fn examples() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(root().join("examples"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("\"applicant_type\"")))
        .map(|p| (p.file_stem().unwrap_or_default().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

/// The incentive codes open to the example's applicant, from its evaluation,
/// each with the year to explain it in (for answers of several years: its
/// year, or the last year for what is decided once).
fn open_codes(evaluation: &str) -> Vec<(String, Option<String>)> {
    let v: serde_json::Value = serde_json::from_str(evaluation).unwrap_or_else(|e| panic!("{e}"));
    let open = |results: &serde_json::Value, year: Option<String>| -> Vec<(String, Option<String>)> {
        results
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| r["status"] != "not-applicable")
            .filter_map(|r| r["incentive"]["code"].as_str().map(|c| (c.to_owned(), year.clone())))
            .collect()
    };
    let Some(years) = v["years"].as_array() else { return open(&v["results"], None) };
    let mut codes: Vec<_> = years.iter().flat_map(|y| open(&y["results"], Some(y["year"].to_string()))).collect();
    codes.extend(open(&v["once"], years.last().map(|y| y["year"].to_string())));
    codes
}

#[test]
fn evaluate_and_explain_print_what_the_golden_files_hold() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    let mut count = 0;
    for (name, file) in examples() {
        let answers = file.to_str().unwrap_or_default();
        // Inside the period, and after it (the plan expired on 2025-12-31).
        for on in ["2025-06-30", "2026-06-30"] {
            let dir = root().join("tests/golden").join(&name).join(on);
            let evaluation = chanjiao(&["evaluate", "--answers", answers, "--on", on, "--format", "json"]);
            let mut outputs = vec![
                ("evaluate.json", evaluation.clone()),
                ("evaluate.zh.txt", chanjiao(&["evaluate", "--answers", answers, "--on", on, "--format", "table"])),
                ("evaluate.en.txt", chanjiao(&["evaluate", "--answers", answers, "--on", on, "--format", "table", "--lang", "en"])),
            ];
            let (mut json, mut table) = (String::new(), String::new());
            for (code, year) in open_codes(&evaluation) {
                let mut args = vec!["explain", &code, "--answers", answers, "--on", on];
                if let Some(year) = &year {
                    args.extend(["--year", year]);
                }
                json.push_str(&chanjiao(&[&args[..], &["--format", "json"]].concat()));
                table.push_str(&chanjiao(&[&args[..], &["--format", "table"]].concat()));
                table.push('\n');
            }
            outputs.push(("explain.json", json));
            outputs.push(("explain.zh.txt", table));
            for (file, made) in outputs {
                count += 1;
                let path = dir.join(file);
                if update {
                    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
                    std::fs::write(&path, &made).unwrap_or_else(|e| panic!("{e}"));
                    continue;
                }
                let kept = std::fs::read_to_string(&path).unwrap_or_default();
                if kept != made {
                    let line = kept.lines().zip(made.lines()).position(|(a, b)| a != b).unwrap_or_else(|| kept.lines().count().min(made.lines().count()));
                    stale.push(format!("{} (first difference at line {})", path.display(), line + 1));
                }
            }
        }
    }
    assert!(count >= 70, "every example, both dates, five outputs each: {count}");
    assert!(
        stale.is_empty(),
        "the output changed; if on purpose, run UPDATE_GOLDEN=1 cargo test -p chanjiao-cli --test golden and review the diff:\n{}",
        stale.join("\n")
    );
}
