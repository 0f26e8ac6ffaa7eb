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
    for name in ["example-successor-2026.json", "example-continuation-2026.json", "example-new-incentive-2026.json"] {
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

const NEW: &str = "example-new-incentive-2026.json";

/// The example that adds an incentive, changed by `edit` and written where the
/// test can read it back.
fn edited(name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut pack: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(example(NEW)).unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
    edit(&mut pack);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-pack");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join(name);
    std::fs::write(&file, pack.to_string()).unwrap_or_else(|e| panic!("{e}"));
    file.display().to_string()
}

#[test]
fn a_pack_runs_its_cases() {
    let out = chanjiao(&["pack", "check", &example(NEW), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    assert_eq!(json["packs"][0]["added"], serde_json::json!(["F1"]));
    assert_eq!(json["packs"][0]["restated"], serde_json::json!(["A11"]));
    assert_eq!(json["packs"][0]["cases_passed"], 9);
    // A case whose expectation the rules do not give fails the check, naming it.
    let file = edited("wrong-case.json", |p| p["cases"][0]["expect"]["F1"]["amount"] = "40000".into());
    let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("case \"recognised in March 2026, applied for in June\" of Example [2026] No. 2"), "{}", text(&out));
    assert!(text(&out).contains("F1: expected CNY 40000, got 50000"), "{}", text(&out));
}

#[test]
fn an_expression_that_reads_an_unknown_answer_fails_naming_the_place() {
    let file = edited("unknown-answer.json", |p| p["adds"][0]["rule"][1]["when"] = "!shared_workshop_built".into());
    let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("adds[0].rule: F1: rule 2: when = \"!shared_workshop_built\""), "{}", text(&out));
    assert!(text(&out).contains("\"shared_workshop_built\" is no answer"), "{}", text(&out));
    // An amount must be a number: a condition in its place is refused by type.
    let file = edited("amount-not-a-number.json", |p| p["adds"][0]["rule"][2]["value"] = "shared_workshop_recognised".into());
    let out = chanjiao(&["pack", "check", &file]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("adds[0].rule: F1: rule 3: value = \"shared_workshop_recognised\""), "{}", text(&out));
    // A new incentive's figure is checked against its text as any value is.
    let file = edited("new-figure-not-in-text.json", |p| p["values"]["f1_shared_workshop_grant"]["figure"] = "6万元".into());
    let out = chanjiao(&["pack", "check", &file]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("values.f1_shared_workshop_grant.figure"), "{}", text(&out));
    // Refused, each naming its place: a figure written into an amount instead of
    // a value; a value named like a question; an expression too long to be a
    // rule; an entry no case shows eligible; a question the entry's applicants are not asked.
    for (name, edit, place) in [
        ("literal.json", ("adds", 0, "rule", 2, "value", "99999"), "adds[0].rule[2]: the amount or a sentence writes the number 99999"),
        ("long.json", ("adds", 0, "rule", 0, "when", ""), "the expression is too long"),
        ("teacher-question.json", ("adds", 0, "rule", 1, "when", "!dual_teacher_excellent"), "the question dual_teacher_excellent is not asked"),
    ] {
        let (section, i, field, row, key, value) = edit;
        let value = if name == "long.json" { vec!["registered_in_quanzhou"; 600].join(" && ") } else { value.to_owned() };
        let file = edited(name, |p| p[section][i][field][row][key] = value.clone().into());
        let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out));
        assert!(text(&out).contains(place), "{name}: {}", text(&out));
    }
    let file = edited("value-named-like-a-question.json", |p| {
        p["values"]["graduates_hired"] = p["values"]["f1_shared_workshop_grant"].clone();
    });
    let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
    assert!(text(&out).contains("values.graduates_hired: the value graduates_hired has the name of a question"), "{}", text(&out));
    let file = edited("no-eligible-case.json", |p| p["cases"] = serde_json::json!([]));
    let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
    assert!(text(&out).contains("adds[0]: F1 needs a case (cases) that expects it eligible"), "{}", text(&out));
    // A later pack cannot add an entry of a code an earlier pack added.
    let later = edited("later-f1.json", |p| {
        p["document"]["number"] = "示例〔2027〕3号（示例，非真实政策）".into();
        p["document"]["signed"] = "2026-12-01".into();
        p["document"]["in_force"] = "2027-01-01".into();
        p["questions"] = serde_json::json!([]);
        p["restates"] = serde_json::json!([]);
        p["cases"] = serde_json::json!([]);
        for v in p["values"].as_object_mut().into_iter().flat_map(|m| m.values_mut()) {
            v.as_object_mut().map(|v| v.remove("kind"));
        }
    });
    let out = chanjiao(&["pack", "check", &example(NEW), &later, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("adds[0].code: there is an entry F1 already"), "{}", text(&out));
    // What a pack adds is held to the same text checks as the rest of it.
    let file = edited("hidden-in-question.json", |p| p["questions"][0]["label_en"] = "Recognised?\u{202e}".into());
    let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("questions[0].label_en: it holds an invisible control or formatting character, U+202E"), "{}", text(&out));
    // A question may not take a built-in question's id.
    let file = edited("taken-id.json", |p| p["questions"][0]["id"] = "graduates_hired".into());
    let out = chanjiao(&["pack", "check", &file]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("questions[0].id"), "{}", text(&out));
}

#[test]
fn a_new_incentive_is_asked_evaluated_and_explained_under_its_pack() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-pack");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let answers = dir.join("workshop.json");
    let json = r#"{"applicant_type":"ENT","registered_in_quanzhou":true,"shared_workshop_recognised":true,"shared_workshop_recognised_on":"2026-03-01"}"#;
    std::fs::write(&answers, json).unwrap_or_else(|e| panic!("{e}"));
    let answers = answers.display().to_string();
    let pack = example(NEW);

    // `questions --all` lists the new questions, each right after the one it follows.
    let out = chanjiao(&["questions", "--all", "--policy", &pack, "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    let ids: Vec<&str> = list["items"].as_array().map(|a| a.iter().filter_map(|q| q["id"].as_str()).collect()).unwrap_or_default();
    let at = |id: &str| ids.iter().position(|i| *i == id).unwrap_or_else(|| panic!("{id} not listed: {ids:?}"));
    assert_eq!(at("shared_workshop_recognised"), at("ent_city_demo_on") + 1);
    assert_eq!(at("shared_workshop_recognised_on"), at("shared_workshop_recognised") + 1);

    // The planner asks the new question of an enterprise, in its place: after
    // the city's recognitions, before the apprenticeships.
    let fresh = dir.join("enterprise.json");
    std::fs::write(&fresh, r#"{"applicant_type":"ENT","registered_in_quanzhou":true,"ent_city_demo":true}"#).unwrap_or_else(|e| panic!("{e}"));
    let out = chanjiao(&["questions", "--answers", &fresh.display().to_string(), "--policy", &pack, "--on", "2026-06-30", "--format", "json"]);
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    let asked: Vec<&str> = plan["questions"].as_array().map(|a| a.iter().filter_map(|q| q["id"].as_str()).collect()).unwrap_or_default();
    let new_at = asked.iter().position(|i| *i == "shared_workshop_recognised").unwrap_or_else(|| panic!("not asked: {asked:?}"));
    assert_eq!(asked.get(new_at + 1), Some(&"apprenticeship_runs"), "{asked:?}");
    assert_eq!(asked.get(new_at.wrapping_sub(1)), Some(&"ent_city_library"), "{asked:?}");

    // Evaluated on 2026-06-30, the new incentive is eligible, citing the pack's number and clause.
    let out = chanjiao(&["evaluate", "--answers", &answers, "--policy", &pack, "--on", "2026-06-30", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    let f1 = e["results"].as_array().and_then(|r| r.iter().find(|r| r["incentive"]["code"] == "F1")).cloned().unwrap_or_default();
    assert_eq!(f1["status"], "eligible", "{f1}");
    assert_eq!(f1["amount"], serde_json::json!({"kind": "exact", "yuan": "50000"}));
    assert_eq!(f1["basis"]["number"], "示例〔2026〕2号（示例，非真实政策）");
    assert_eq!(f1["basis"]["clause"], "二");
    assert!(f1["flags"].to_string().contains("示例"), "{f1}");
    assert_eq!(e["totals"]["cash_exact"], "50000");

    // explain names the clause and quotes it.
    let out = chanjiao(&["explain", "F1", "--answers", &answers, "--policy", &pack, "--on", "2026-06-30", "--format", "table", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("Under: Part 2 of Example [2026] No. 2 (an illustration, not a real policy)"), "{}", text(&out));

    // pack diff names the entry and the questions it adds, for the approvers.
    let out = chanjiao(&["pack", "diff", "builtin", &pack]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let md = text(&out);
    assert!(md.contains("| F1 产教融合共享车间一次性补助（示例） / One-off grant for a shared industry–education workshop (illustration) | 二 | ENT | 一次性补助 5万元 / CNY 50,000 once |"), "{md}");
    assert!(md.contains("| `shared_workshop_recognised` | `ent_city_demo_on` |"), "{md}");
    assert!(md.contains("| `shared_workshop_recognised_on` | `shared_workshop_recognised` |"), "{md}");

    // Without the pack, its question is no question the plan knows.
    let out = chanjiao(&["evaluate", "--answers", &answers, "--on", "2026-06-30"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("shared_workshop_recognised"), "{}", text(&out));

    // Its form is made and verified under the pack, with no Rust of its own.
    let pdf = dir.join("workshop.pdf");
    let applicant = root().join("examples/applicant-enterprise.json").display().to_string();
    let out = chanjiao(&[
        "pdf",
        "--answers",
        &answers,
        "--policy",
        &pack,
        "--on",
        "2026-06-30",
        "--incentive",
        "F1",
        "--applicant",
        &applicant,
        "-o",
        &pdf.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = chanjiao(&["verify", &pdf.display().to_string(), "--policy", &pack, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    // An event before the pack took effect is not covered by it.
    std::fs::write(dir.join("workshop-2025.json"), json.replace("2026-03-01", "2025-10-15")).unwrap_or_else(|e| panic!("{e}"));
    let out = chanjiao(&[
        "explain",
        "F1",
        "--answers",
        &dir.join("workshop-2025.json").display().to_string(),
        "--policy",
        &pack,
        "--on",
        "2026-06-30",
        "--format",
        "json",
    ]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    assert_eq!(r["status"], "not-eligible", "{r}");
}

#[test]
fn batch_costs_a_new_incentive_against_the_plan() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-pack-batch");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let input = dir.join("list.jsonl");
    let lines = [
        r#"{"applicant_id":"1","applicant_type":"ENT","registered_in_quanzhou":true,"shared_workshop_recognised":true,"shared_workshop_recognised_on":"2026-03-01"}"#,
        r#"{"applicant_id":"2","applicant_type":"ENT","registered_in_quanzhou":true,"shared_workshop_recognised":false}"#,
        r#"{"applicant_id":"3","applicant_type":"SCH-VOC"}"#,
    ];
    std::fs::write(&input, lines.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let (out_csv, summary) = (dir.join("out.csv"), dir.join("summary.csv"));
    let out = chanjiao(&[
        "batch",
        "--input",
        &input.display().to_string(),
        "--compare-policy",
        &example(NEW),
        "--on",
        "2026-06-30",
        "--lang",
        "en",
        "--output",
        &out_csv.display().to_string(),
        "--summary",
        &summary.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // The pack's entry is costed: one more claim, CNY 50,000 more, under B only.
    assert!(text(&out).contains("F1 "), "{}", text(&out));
    let summary = std::fs::read_to_string(&summary).unwrap_or_default();
    let f1 = summary.lines().find(|l| l.starts_with("F1,")).unwrap_or_else(|| panic!("no F1 row: {summary}"));
    assert!(f1.starts_with("F1,shared-workshop-grant,"), "{f1}");
    assert!(f1.contains(",0,1,1,0,50000,50000,"), "{f1}");
    // Each row has F1's columns, empty on side A, which does not have it.
    let mut csv = csv::Reader::from_path(&out_csv).unwrap_or_else(|e| panic!("{e}"));
    let header: Vec<String> = csv.headers().map(|h| h.iter().map(str::to_owned).collect()).unwrap_or_default();
    let at = header.iter().position(|h| h == "F1_status_b").unwrap_or_else(|| panic!("no F1 columns: {header:?}"));
    let first: Vec<String> = csv.records().next().and_then(Result::ok).map(|r| r.iter().map(str::to_owned).collect()).unwrap_or_default();
    assert_eq!(first.len(), header.len());
    assert_eq!((first[at - 2].as_str(), first[at].as_str(), first[at + 1].as_str()), ("", "eligible", "exact:50000"));
    // B is an illustration, and every row says so.
    assert_eq!(header.last().map(String::as_str), Some("illustration"));
    assert!(first.last().is_some_and(|c| c.starts_with("Not real results: worked out under ")), "{first:?}");
}

#[test]
fn a_successor_pays_graduates_by_degree_with_a_cap_per_enterprise() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-pack-degree");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let pack = example(NEW);
    let write = |name: &str, json: &str| {
        let file = dir.join(name);
        std::fs::write(&file, json).unwrap_or_else(|e| panic!("{e}"));
        file.display().to_string()
    };
    let five = write(
        "five.json",
        r#"{"applicant_type":"ENT","registered_in_quanzhou":true,"graduates_hired":5,"graduates_hired_on":"2026-03-01","graduates_hired_bachelor":2,"graduates_hired_postgraduate":1}"#,
    );
    let a11 = |answers: &str, policy: &[&str]| -> serde_json::Value {
        let mut args = vec!["explain", "A11", "--answers", answers, "--on", "2026-06-30", "--format", "json"];
        for p in policy {
            args.extend(["--policy", p]);
        }
        let out = chanjiao(&args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)))
    };

    // Two at 1,000 (associate), two at 1,500 (bachelor's), one at 3,000 (postgraduate).
    let r = a11(&five, &[&pack]);
    assert_eq!((r["status"].as_str(), r["amount"]["yuan"].as_str()), (Some("eligible"), Some("8000")), "{r}");
    assert_eq!(r["basis"]["clause"], "三", "{r}");
    assert_eq!(r["basis"]["amount_rule"]["zh-CN"], "按学历每人 1000元、1500元或 3000元，每家企业每年最高 10万元", "{r}");
    assert_eq!(r["incentive"]["name_zh"], "企业吸纳应届高校毕业生一次性补贴（按学历，示例）", "{r}");
    assert!(r["flags"].to_string().contains("示例"), "{r}");
    // The cap per enterprise: forty postgraduates would be 120,000.
    let forty = write(
        "forty.json",
        r#"{"applicant_type":"ENT","registered_in_quanzhou":true,"graduates_hired":40,"graduates_hired_on":"2026-03-01","graduates_hired_bachelor":0,"graduates_hired_postgraduate":40}"#,
    );
    assert_eq!(a11(&forty, &[&pack])["amount"]["yuan"], "100000");
    // Without the pack the degree questions are unknown: the plan pays per head.
    let plan_only = write(
        "plan.json",
        r#"{"applicant_type":"ENT","registered_in_quanzhou":true,"graduates_hired":5,"graduates_hired_on":"2025-03-01","ent_ownership":"private","ent_sector":"industry","ent_employees":50,"ent_revenue":1000}"#,
    );
    assert_eq!(a11(&plan_only, &[])["amount"]["yuan"], "5000");
    // A hire of 2025 is judged by the rules then in force, the plan's, even under the pack.
    let r = a11(&plan_only, &[&pack]);
    assert_eq!(r["amount"]["yuan"], "5000", "{r}");
    assert!(r["basis"].is_null(), "{r}");

    // The degree questions are asked right after the hiring date, and only of
    // an enterprise that hired someone.
    let started = write("started.json", r#"{"applicant_type":"ENT","registered_in_quanzhou":true,"graduates_hired":5,"graduates_hired_on":"2026-03-01"}"#);
    let out = chanjiao(&["questions", "--answers", &started, "--policy", &pack, "--on", "2026-06-30", "--format", "json"]);
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    let asked: Vec<&str> = plan["questions"].as_array().map(|a| a.iter().filter_map(|q| q["id"].as_str()).collect()).unwrap_or_default();
    assert!(asked.contains(&"graduates_hired_bachelor"), "{asked:?}");
    let none = write("none.json", r#"{"applicant_type":"ENT","registered_in_quanzhou":true,"graduates_hired":0}"#);
    let r = a11(&none, &[&pack]);
    assert_eq!(r["status"], "not-eligible", "{r}");
    assert!(!r["missing"].to_string().contains("graduates_hired_on"), "{r}");

    // Its form is made and verified under the pack.
    let pdf = dir.join("a11.pdf").display().to_string();
    let applicant = root().join("examples/applicant-enterprise.json").display().to_string();
    let out = chanjiao(&["pdf", "--answers", &five, "--policy", &pack, "--on", "2026-06-30", "--incentive", "A11", "--applicant", &applicant, "-o", &pdf]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = chanjiao(&["verify", &pdf, "--policy", &pack, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    // pack diff shows the officials the rows and the new figures.
    let out = chanjiao(&["pack", "diff", "builtin", &pack]);
    let md = text(&out);
    assert!(md.contains("## 规则改写的条目 / Entries whose rules are restated"), "{md}");
    assert!(md.contains("| 4 | `(graduates_hired - graduates_hired_bachelor"), "{md}");
    assert!(md.contains("| `a11_cap_per_enterprise` | 三 | — | 100,000 元 |"), "{md}");

    // batch costs the change against the plan, which expired before the 2026
    // hire: nothing under A, 8,000 by degree under B.
    let input = dir.join("list.jsonl");
    std::fs::write(
        &input,
        std::fs::read_to_string(&five)
            .unwrap_or_default()
            .replace('{', r#"{"applicant_id":"1","ent_ownership":"private","ent_sector":"industry","ent_employees":50,"ent_revenue":1000,"#),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let summary = dir.join("summary.csv");
    let out = chanjiao(&[
        "batch",
        "--input",
        &input.display().to_string(),
        "--compare-policy",
        &pack,
        "--on",
        "2026-06-30",
        "--output",
        &dir.join("out.csv").display().to_string(),
        "--summary",
        &summary.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let summary = std::fs::read_to_string(&summary).unwrap_or_default();
    let row = summary.lines().find(|l| l.starts_with("A11,")).unwrap_or_else(|| panic!("no A11 row: {summary}"));
    assert!(row.contains(",0,1,1,0,8000,8000,"), "{row}\n{summary}");
}

#[test]
fn a_restatement_is_refused_naming_the_place() {
    for (name, edit, place) in [
        ("restates-unknown.json", ("code", "Z9"), "restates[0].code: the plan has no entry Z9"),
        ("restates-b1.json", ("code", "B1"), "restates[0].code: B1 rests on a national rule"),
        ("restates-unknown-answer.json", ("when", "graduates_hired_phd > 0"), "restates[0].rule: A11: rule 3: when = \"graduates_hired_phd > 0\""),
        ("restates-literal.json", ("value", "graduates_hired * 1200"), "restates[0].rule[4]: the amount or a sentence writes the number 1200"),
        ("restates-event.json", ("event", "graduates_hired"), "restates[0].event: graduates_hired is not a date question"),
        // A sentence's holes are checked as expressions are, and may not write a figure either.
        (
            "restates-hole-unknown.json",
            ("reason_en", "By degree: {graduates_hired_phd} doctors."),
            "restates[0].rule: A11: rule 5: reason_en: \"{graduates_hired_phd}\"",
        ),
        (
            "restates-hole-literal.json",
            ("reason_en", "By degree: {graduates_hired * 1200|yuan}."),
            "restates[0].rule[4]: the amount or a sentence writes the number 1200",
        ),
        ("restates-hole-open.json", ("reason_en", "By degree: {graduates_hired|yuan"), "opens a hole with { and never closes it"),
    ] {
        let file = edited(name, |p| match edit.0 {
            "when" => p["restates"][0]["rule"][2]["when"] = edit.1.into(),
            "value" => p["restates"][0]["rule"][4]["value"] = edit.1.into(),
            "reason_en" => p["restates"][0]["rule"][4]["reason_en"] = edit.1.into(),
            key => p["restates"][0][key] = edit.1.into(),
        });
        let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out));
        assert!(text(&out).contains(place), "{name}: {}", text(&out));
    }
    // An entry that can never apply is refused: a row after one that always
    // holds, or no row that grants it; and a restated entry needs a case that
    // shows it eligible, as an added one does.
    let file = edited("restates-unreachable.json", |p| p["restates"][0]["rule"][1]["when"] = "true".into());
    let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
    assert!(text(&out).contains("A11: rule 2 always holds, so the rules after it are never reached"), "{}", text(&out));
    let file = edited("never-applies.json", |p| p["adds"][0]["rule"][2]["status"] = "not-eligible".into());
    let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
    assert!(text(&out).contains("adds[0].rule: every row of F1 is not-eligible, so the entry can never apply"), "{}", text(&out));
    let file = edited("restated-no-case.json", |p| {
        if let Some(cases) = p["cases"].as_array_mut() {
            cases.retain(|c| c["expect"].get("A11").is_none_or(|e| e["status"] != "eligible"));
        }
    });
    let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
    assert!(text(&out).contains("restates[0]: A11 needs a case (cases) that expects it eligible"), "{}", text(&out));
    // A misspelt key in a row is refused, not ignored, naming where it is.
    let file = edited("restates-row-key.json", |p| p["restates"][0]["rule"][0]["sttus"] = "eligible".into());
    let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("restates[0].rule[0].sttus: no such key here"), "{}", text(&out));
    // B1 rests on a national rule: a city's pack neither drops nor restates it.
    let file = edited("drops-b1.json", |p| p["drops"] = serde_json::json!(["B1"]));
    let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
    assert!(text(&out).contains("drops[0]: B1 rests on a national rule (财税〔2019〕46号) and does not end with a city document"), "{}", text(&out));
    // A restated entry cannot also be dropped.
    let file = edited("restates-dropped.json", |p| p["drops"] = serde_json::json!(["A11"]));
    let out = chanjiao(&["pack", "check", &file, "--lang", "en"]);
    assert!(text(&out).contains("restates[0].code: A11 is both restated and dropped"), "{}", text(&out));
}
