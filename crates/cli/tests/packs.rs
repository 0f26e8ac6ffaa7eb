//! `--policy` as a maintainer and an officer use it: the example successor pack
//! (an illustration) is loaded by every command from data alone; a broken pack
//! is refused naming the file and the key; a form made under a pack names it, and
//! verify asks for it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn chanjiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chanjiao")).args(args).output().unwrap_or_else(|e| panic!("cannot run chanjiao: {e}"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn file(rel: &str) -> String {
    root().join(rel).to_string_lossy().into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-packs");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.join(name)
}

const PACK: &str = "examples/policy/example-successor-2026.json";

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn evaluate_under_the_example_pack_gives_results_that_cite_it() {
    let v = json(&chanjiao(&["evaluate", "--answers", &file("examples/enterprise.json"), "--policy", &file(PACK), "--on", "2026-06-30", "--format", "json"]));
    let cited: Vec<&serde_json::Value> =
        v["results"].as_array().into_iter().flatten().filter(|r| r["status"] == "eligible" && r["basis"].is_object()).collect();
    assert!(!cited.is_empty(), "at least one eligible result is computed under the pack");
    for r in cited {
        assert!(r["basis"]["number"].as_str().unwrap_or_default().starts_with("示例〔2026〕1号"));
        assert!(!r["basis"]["clause"].as_str().unwrap_or_default().is_empty());
        assert_eq!(r["basis"]["illustrative"], true);
    }
    assert_eq!(v["policy"]["successors"][0]["valid_from"], "2026-01-01");
    // The table says it is an illustration.
    let table = chanjiao(&["evaluate", "--answers", &file("examples/enterprise.json"), "--policy", &file(PACK), "--on", "2026-06-30", "--format", "table"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("后续文件：示例〔2026〕1号") && text.contains("非真实政策"), "{text}");
    // questions and explain take it too.
    let q = chanjiao(&["questions", "--answers", &file("examples/enterprise.json"), "--policy", &file(PACK), "--on", "2026-06-30", "--format", "json"]);
    assert!(q.status.success());
    let e =
        json(&chanjiao(&["explain", "D3", "--answers", &file("examples/enterprise.json"), "--policy", &file(PACK), "--on", "2026-06-30", "--format", "json"]));
    assert!(e["basis"]["number"].as_str().unwrap_or_default().starts_with("示例"));
}

#[test]
fn a_broken_pack_is_refused_naming_the_file_and_the_key() {
    let text = std::fs::read_to_string(root().join(PACK)).unwrap_or_else(|e| panic!("{e}")).replace("\"value\": \"1500\"", "\"value\": \"1600\"");
    let bad = scratch("bad-pack.json");
    std::fs::write(&bad, text).unwrap_or_else(|e| panic!("{e}"));
    let out = chanjiao(&["evaluate", "--answers", &file("examples/enterprise.json"), "--policy", bad.to_str().unwrap_or_default(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad-pack.json") && err.contains("values.a11_sme_per_hire.value"), "{err}");
    assert!(err.contains("不予载入") && err.contains("not loaded"), "in both languages: {err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_form_made_under_a_pack_names_it_and_verify_asks_for_it() {
    let pdf = scratch("d-under-pack.pdf");
    let answers = file("examples/enterprise.json");
    let mut json_answers: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&answers).unwrap_or_default()).unwrap_or_default();
    json_answers["graduates_hired_on"] = "2026-03-02".into();
    let a2026 = scratch("enterprise-2026.json");
    std::fs::write(&a2026, json_answers.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let made = chanjiao(&[
        "pdf",
        "--answers",
        a2026.to_str().unwrap_or_default(),
        "--policy",
        &file(PACK),
        "--on",
        "2026-06-30",
        "--incentive",
        "A11",
        "--applicant",
        &file("examples/applicant-enterprise.json"),
        "-o",
        pdf.to_str().unwrap_or_default(),
    ]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let text = Command::new("pdftotext").args([pdf.to_str().unwrap_or_default(), "-"]).output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&text.stdout).replace([' ', '\n'], "");
    assert!(text.contains("示例〔2026〕1号") && text.contains("34,500元"), "the form cites the pack and its figure");
    assert!(text.contains("是示例，非真实政策"), "and says it is an illustration");
    // With the pack: verified, pages and all.
    let ok = chanjiao(&["verify", pdf.to_str().unwrap_or_default(), "--policy", &file(PACK), "--format", "json"]);
    let v = json(&ok);
    assert_eq!((v["all_match"].as_bool(), v["pages_compared"].as_bool()), (Some(true), Some(true)));
    // Without it: refused, naming the pack it needs.
    let refused = chanjiao(&["verify", pdf.to_str().unwrap_or_default(), "--format", "json"]);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    let bytes = std::fs::read(root().join(PACK)).unwrap_or_default();
    let id: String = {
        use sha2::Digest;
        sha2::Sha256::digest(&bytes).iter().take(4).map(|b| format!("{b:02x}")).collect()
    };
    assert!(err.contains(&id) && err.contains("--policy"), "{err}");
}

#[test]
fn batch_takes_the_pack_too() {
    let input = scratch("pack-batch.csv");
    std::fs::write(&input, "applicant_id,applicant_type,registered_in_quanzhou,ent_ownership,ent_sector,ent_employees,ent_revenue,graduates_hired,graduates_hired_on\nE1,ENT,是,private,industry,420,38600万,2,2026-03-02\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let output = scratch("pack-batch-out.csv");
    let out = chanjiao(&[
        "batch",
        "--input",
        input.to_str().unwrap_or_default(),
        "--output",
        output.to_str().unwrap_or_default(),
        "--on",
        "2026-06-30",
        "--policy",
        &file(PACK),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&output).unwrap_or_default();
    assert!(text.contains("exact:3000"), "2 hires at the pack's CNY 1,500: {text}");
}

#[test]
fn a_form_resting_on_an_illustration_is_marked_on_page_one_and_verify_keeps_the_mark() {
    // A 2024 hire claimed in 2026: judged by the plan, but claimable only
    // through the illustration's transition clause, so the form says so.
    let pdf = enterprise_a11("transition-under-pack.pdf", "2026-06-30", &["--policy", &file(PACK)]);
    let page_one = Command::new("pdftotext").args(["-f", "1", "-l", "1", pdf.to_str().unwrap_or_default(), "-"]).output().unwrap_or_else(|e| panic!("{e}"));
    let page_one = String::from_utf8_lossy(&page_one.stdout).replace([' ', '\n'], "");
    assert!(page_one.contains("【示例，非真实政策】本表依据示例〔2026〕1号测算"), "the boxed mark under the title, saying it once: {page_one}");
    // The rules it was made under are the plan's with the pack, in the header and the footer.
    let id = chanjiao_rules::pack_id(&std::fs::read(file(PACK)).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(page_one.matches(&format!("规则版本2022-8.1+{id}")).count(), 2, "the pack's id beside the version, twice: {page_one}");
    let whole = Command::new("pdftotext").args([pdf.to_str().unwrap_or_default(), "-"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&whole.stdout).replace([' ', '\n'], "").contains("过渡规定"), "the notes say why it rests on the illustration");
    // Page 1 for a person to look at.
    let shot = root().join("tests/artifacts/example-pack-form-page1");
    std::fs::create_dir_all(root().join("tests/artifacts")).unwrap_or_else(|e| panic!("{e}"));
    let png = Command::new("pdftoppm")
        .args(["-r", "80", "-png", "-singlefile", "-f", "1", "-l", "1", pdf.to_str().unwrap_or_default(), shot.to_str().unwrap_or_default()])
        .status()
        .unwrap_or_else(|e| panic!("pdftoppm: {e}"));
    assert!(png.success());

    // The same claim under the plan alone, as of 2025, carries no mark.
    let plain = enterprise_a11("transition-plain.pdf", "2025-06-30", &[]);
    let text = Command::new("pdftotext").args([plain.to_str().unwrap_or_default(), "-"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(!String::from_utf8_lossy(&text.stdout).contains("示例"));

    // The mark and the watermark taken off page 1: verify names the illustration mark.
    let mut doc = lopdf::Document::load(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let page = *doc.get_pages().get(&1).unwrap_or_else(|| panic!("page 1"));
    let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap_or_else(|e| panic!("{e}"));
    // Two marked parts: the boxed line and the watermark drawn over the page.
    let marks = content.operations.iter().filter(|op| op.operator == "BDC" && format!("{:?}", op.operands).contains("illustrative")).count();
    assert_eq!(marks, 2);
    let (mut kept, mut inside) = (Vec::new(), false);
    for op in content.operations {
        let opens_mark = op.operator == "BDC" && format!("{:?}", op.operands).contains("illustrative");
        if opens_mark {
            inside = true;
        } else if inside && op.operator == "EMC" {
            inside = false;
        } else if !inside {
            kept.push(op);
        }
    }
    let bytes = lopdf::content::Content { operations: kept }.encode().unwrap_or_else(|e| panic!("{e}"));
    doc.change_page_content(page, bytes).unwrap_or_else(|e| panic!("{e}"));
    let stripped = scratch("transition-stripped.pdf");
    doc.save(&stripped).unwrap_or_else(|e| panic!("{e}"));
    let out = chanjiao(&["verify", stripped.to_str().unwrap_or_default(), "--policy", &file(PACK), "--format", "json"]);
    assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let parts: Vec<&str> = report["page_differences"].as_array().into_iter().flatten().filter_map(|d| d["part"].as_str()).collect();
    assert!(parts.contains(&"illustrative"), "{parts:?}");
}

/// The example enterprise's A11 form as of `on`, with `more` arguments, written to `name`.
fn enterprise_a11(name: &str, on: &str, more: &[&str]) -> PathBuf {
    let pdf = scratch(name);
    let (answers, applicant) = (file("examples/enterprise.json"), file("examples/applicant-enterprise.json"));
    let mut args = vec!["pdf", "--answers", &answers, "--on", on, "--incentive", "A11", "--applicant", &applicant, "-o", pdf.to_str().unwrap_or_default()];
    args.extend_from_slice(more);
    let made = chanjiao(&args);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    pdf
}
