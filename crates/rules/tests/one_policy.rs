//! One policy value, handed in: the built-in plan is reached only through
//! `load_policy`, which composes it once, and a pack's figures reach every text
//! of a result judged under it.

use chanjiao_rules::{Answers, Date, evaluate_entry_with, load_policy};

/// The crate's own code, test modules (which close each file) left out.
fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_owned();
                out.push((path.display().to_string(), code));
            }
        }
    }
    out
}

#[test]
fn only_load_policy_reaches_the_built_in_plan() {
    let reach: Vec<String> =
        sources().iter().filter(|(_, code)| code.contains("Params::plan()")).map(|(path, _)| path.rsplit('/').next().unwrap_or_default().to_owned()).collect();
    // pack.rs's `load_with` is the one caller.
    let mut reach = reach;
    reach.sort();
    assert_eq!(reach, ["pack.rs"]);
    let pack = &sources().into_iter().find(|(path, _)| path.ends_with("/pack.rs")).unwrap_or_default().1;
    assert_eq!(pack.matches("Params::plan()").count(), 1, "one call, in load_with");
    // No other global holds a policy or a catalogue: a `static` item whose type names either.
    for (path, code) in sources() {
        let statics =
            code.lines().map(str::trim_start).filter(|l| l.starts_with("static ") || l.starts_with("pub static ") || l.starts_with("pub(crate) static "));
        for line in statics.filter(|l| l.contains("Params") || l.contains("Catalogue")) {
            assert!(path.ends_with("/params.rs") && line.starts_with("static PLAN:"), "{path}: {line}");
        }
    }
}

#[test]
fn a_result_under_a_pack_reads_the_pack_s_figures_in_every_text() {
    let pack = include_str!("../../../examples/policy/example-successor-2026.json");
    let policy = load_policy(&[pack]).unwrap_or_else(|r| panic!("{}", r.error));
    let plan = load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error));
    let mut json: serde_json::Value = serde_json::from_str(include_str!("../../../examples/small-manufacturer.json")).unwrap_or_else(|e| panic!("{e}"));
    json["graduates_hired_on"] = "2026-03-01".into();
    let answers = Answers::from_json_value(&json).unwrap_or_else(|e| panic!("{e}"));
    let on = Date::new(2026, 6, 30).unwrap_or_else(|| unreachable!());
    let r = evaluate_entry_with(policy, &answers, on, "A11").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.amount.code(), "exact:4500");
    let text = serde_json::to_string(&r).unwrap_or_default();
    assert!(text.contains("1500元") && !text.contains("1000元"), "{text}");
    // The plan's catalogue, which both policies share, still reads the plan's figure.
    let entry = plan.catalogue().unwrap_or_else(|e| panic!("{e}")).find("A11").unwrap_or_else(|e| panic!("{e}"));
    assert!(entry.amount_rule_zh.contains("1000元"), "{}", entry.amount_rule_zh);
    assert!(std::ptr::eq(plan.catalogue().unwrap_or_else(|e| panic!("{e}")), policy.catalogue().unwrap_or_else(|e| panic!("{e}"))));
}
