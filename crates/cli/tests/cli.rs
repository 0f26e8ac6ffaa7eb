//! The `chanjiao` binary as a user and a script meet it: exit codes, messages
//! that name the field, nothing half-written, and stable JSON.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn chanjiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chanjiao")).args(args).output().unwrap_or_else(|e| panic!("cannot run chanjiao: {e}"))
}

fn with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chanjiao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    child.stdin.take().unwrap_or_else(|| unreachable!()).write_all(input.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}\n{}", String::from_utf8_lossy(&out.stdout)))
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn example(name: &str) -> String {
    examples().join(name).display().to_string()
}

#[test]
fn incentives_lists_all_47_in_json_and_as_a_table() {
    let v = json(&chanjiao(&["incentives", "--format", "json"]));
    assert_eq!(v["format_version"], 2);
    assert_eq!(v["kind"], "incentives");
    let items = v["items"].as_array().unwrap_or_else(|| panic!("items"));
    assert_eq!(items.len(), 47);
    assert_eq!(items[10]["id"], "graduate-hiring-subsidy");
    assert_eq!(items[10]["clause"], "四(一)");
    let table = text(&chanjiao(&["incentives", "--format", "table"]));
    assert!(table.contains("graduate-hiring-subsidy") && table.contains("共 47 项"), "{table}");
    let english = text(&chanjiao(&["incentives", "--format", "table", "--lang", "en"]));
    assert!(english.contains("47 incentives"), "{english}");
}

#[test]
fn evaluate_every_example_and_read_the_enterprise_totals() {
    for name in ["enterprise.json", "vocational-school.json", "university.json", "worker.json", "graduate.json", "teacher.json", "organisation.json"] {
        let v = json(&chanjiao(&["evaluate", "--answers", &example(name), "--on", "2025-06-30", "--format", "json"]));
        assert_eq!(v["results"].as_array().map(Vec::len), Some(47), "{name}");
        assert_eq!(v["evaluated_on"], "2025-06-30");
    }
    let v = json(&chanjiao(&["evaluate", "--answers", &example("enterprise.json"), "--on", "2025-06-30", "--format", "json"]));
    assert_eq!(v["kind"], "evaluation");
    assert_eq!(v["totals"]["cash_exact"], "523000");
    assert_eq!(v["totals"]["cash_max"], "1658000");
    let a11 = v["results"].as_array().and_then(|r| r.iter().find(|x| x["incentive"]["code"] == "A11")).unwrap_or_else(|| panic!("A11"));
    assert_eq!(a11["status"], "eligible");
    assert_eq!(a11["amount"], serde_json::json!({ "kind": "exact", "yuan": "23000" }));
    assert!(a11["reason"]["zh-CN"].as_str().is_some_and(|r| r.contains("23 人 × 1,000 元 = 23,000 元")));
}

#[test]
fn the_table_is_readable_by_a_finance_officer() {
    let out = text(&chanjiao(&["evaluate", "--answers", &example("enterprise.json"), "--on", "2025-06-30", "--format", "table"]));
    assert!(out.contains("可申请的现金合计：确定金额 523,000 元（52.3万元）"), "{out}");
    assert!(out.contains("A11 民营企业吸纳应届高校毕业生一次性补贴"));
    assert!(out.contains("条款原文："));
    assert!(out.contains("适用（义务）"), "the quota reads as an obligation");
    assert!(!out.contains("A14 "), "not-applicable entries are hidden without --all");
    let all = text(&chanjiao(&["evaluate", "--answers", &example("enterprise.json"), "--on", "2025-06-30", "--format", "table", "--all"]));
    assert!(all.contains("A14 "));
    let en = text(&chanjiao(&["evaluate", "--answers", &example("enterprise.json"), "--on", "2025-06-30", "--format", "table", "--lang", "en"]));
    assert!(en.contains("Cash you can claim: CNY 523,000 for certain"), "{en}");
}

#[test]
fn after_expiry_the_table_says_so_and_shows_what_is_pending() {
    let out = text(&chanjiao(&["evaluate", "--answers", &example("enterprise.json"), "--on", "2026-11-28", "--format", "table"]));
    assert!(out.contains("已到期"), "{out}");
    assert!(out.contains("暂无可确定申请的现金（可申请的税费抵免见下）；待确定或需人工认定的测算金额为 613,000～1,658,000 元"), "{out}");
}

#[test]
fn explain_gives_the_clause_the_units_and_the_nearest_miss() {
    let out = text(&chanjiao(&["explain", "D4", "--answers", &example("enterprise.json"), "--on", "2025-06-30", "--format", "table"]));
    assert!(out.contains("不符合") && out.contains("差什么：") && out.contains("ent_cert_directory"), "{out}");
    assert!(out.contains("全部责任单位：市发改委、工信局"), "{out}");
    let v = json(&chanjiao(&["explain", "graduate-hiring-subsidy", "--answers", &example("enterprise.json"), "--on", "2025-06-30", "--format", "json"]));
    assert_eq!(v["kind"], "explanation");
    assert_eq!(v["incentive"]["code"], "A11");
}

#[test]
fn questions_follow_the_answers() {
    let v = json(&with_stdin(&["questions", "--answers", "-", "--on", "2025-06-30", "--format", "json"], "{}"));
    assert_eq!(v["questions"][0]["id"], "applicant_type");
    assert_eq!(v["complete"], false);
    let v = json(&with_stdin(&["questions", "--answers", "-", "--on", "2025-06-30", "--format", "json"], r#"{"applicant_type":"IND-WORKER"}"#));
    let ids: Vec<&str> = v["questions"].as_array().map(|q| q.iter().filter_map(|x| x["id"].as_str()).collect()).unwrap_or_default();
    assert!(ids.contains(&"works_in_quanzhou") && ids.contains(&"seeking_job_in_quanzhou"), "{ids:?}");
    assert!(ids.iter().all(|id| !id.starts_with("ent_") && !id.starts_with("apprentic")), "{ids:?}");
    let all = json(&chanjiao(&["questions", "--all", "--format", "json"]));
    assert!(all["items"].as_array().is_some_and(|q| q.len() > 70));
}

#[test]
fn schema_describes_every_question_and_refuses_unknown_keys() {
    let v = json(&chanjiao(&["schema"]));
    assert_eq!(v["additionalProperties"], false);
    let props = v["properties"].as_object().unwrap_or_else(|| panic!("properties"));
    assert_eq!(props.len(), chanjiao_rules::questions::all().len() + 1, "every question, and years");
    let of_year = &props["years"]["additionalProperties"]["properties"];
    assert!(of_year.get("graduates_hired").is_some() && of_year.get("ent_employees").is_some() && of_year.get("ent_ownership").is_none());
    assert_eq!(props["retention_rank"]["anyOf"][0]["minimum"], 1);
    assert_eq!(props["ent_sector"]["anyOf"][0]["enum"].as_array().map(Vec::len), Some(16));
}

/// Bad input: exit code 2, a message naming the field, and nothing on stdout.
fn refused(out: &Output, field: &str) {
    assert_eq!(out.status.code(), Some(2), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "something was written: {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(field), "the message does not name {field}: {err}");
}

#[test]
fn bad_input_exits_2_naming_the_field() {
    let eval = ["evaluate", "--answers", "-", "--on", "2025-06-30", "--format", "json"];
    refused(&with_stdin(&eval, r#"{"applicant_type":"ENT","ent_employees":-3}"#), "ent_employees");
    refused(&with_stdin(&eval, r#"{"applicant_type":"ENT","ent_employees":"十二"}"#), "ent_employees");
    refused(&with_stdin(&eval, r#"{"applicant_type":"SCH-UG","retention_rank":0}"#), "retention_rank");
    refused(&with_stdin(&eval, r#"{"applicant_type":"ENT","employees":5}"#), "employees");
    refused(&with_stdin(&eval, r#"{"applicant_type":"ENT","graduates_hired_on":"2025-07-01"}"#), "graduates_hired_on");
    refused(&with_stdin(&eval, "{\"applicant_type\": "), "JSON");
    refused(&chanjiao(&["evaluate", "--answers", "/no/such/file.json"]), "/no/such/file.json");
    refused(&chanjiao(&["evaluate", "--answers", &example("enterprise.json"), "--on", "2025-02-30"]), "--on");
    refused(&chanjiao(&["explain", "Z9", "--answers", &example("enterprise.json")]), "Z9");
    let usage = chanjiao(&["evaluate"]);
    assert_eq!(usage.status.code(), Some(2));
    assert!(usage.stdout.is_empty());
}

#[test]
fn messages_come_in_both_languages() {
    let out = with_stdin(&["evaluate", "--answers", "-", "--on", "2025-06-30"], r#"{"ent_employees":"3.5"}"#);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("必须是整数") && err.contains("Must be a whole number"), "{err}");
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-pdf");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.join(name)
}

/// `chanjiao pdf` for the example enterprise as of 2025-06-30.
fn pdf(incentive: &str, applicant: &Path, out: &Path) -> Output {
    let (applicant, out) = (applicant.to_str().unwrap_or_default(), out.to_str().unwrap_or_default());
    let answers = example("enterprise.json");
    chanjiao(&["pdf", "--answers", &answers, "--on", "2025-06-30", "--incentive", incentive, "--applicant", applicant, "-o", out])
}

#[test]
fn pdf_writes_a_form_that_verify_accepts_and_a_changed_code_is_caught() {
    let out_path = scratch("a11.pdf");
    let out = pdf("graduate-hiring-subsidy", &examples().join("applicant-enterprise.json"), &out_path);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text(&out).contains("1 份申请表（A11）"), "{}", text(&out));
    let bytes = std::fs::read(&out_path).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"%PDF-1.7"));

    let verified = json(&chanjiao(&["verify", out_path.to_str().unwrap_or_default(), "--format", "json"]));
    assert_eq!(verified["all_match"], true);
    assert_eq!(verified["items"][0]["computed"]["amount"], "exact:23000");

    // The QR text with one figure changed: reported on standard output, exit 4.
    let code = chanjiao_pdf_payload(&bytes).replace("graduates_hired=23", "graduates_hired=30");
    let forged = chanjiao(&["verify", "--code", &code, "--format", "table"]);
    assert_eq!(forged.status.code(), Some(4));
    assert!(text(&forged).contains("不一致") && text(&forged).contains("exact:30000"), "{}", text(&forged));
}

/// The payload line as the document information holds it (the test reads it as
/// an officer's script would, without the library).
fn chanjiao_pdf_payload(pdf: &[u8]) -> String {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find("/ChanjiaoPayload (").unwrap_or_else(|| panic!("no payload")) + "/ChanjiaoPayload (".len();
    let end = text[start..].find(')').unwrap_or_else(|| panic!("unterminated")) + start;
    text[start..end].to_owned()
}

#[test]
fn pdf_refuses_a_bad_applicant_or_a_form_that_does_not_exist() {
    let bad = scratch("bad-applicant.json");
    std::fs::write(&bad, r#"{"name": "泉州某公司", "id_number": "91330100799655058C"}"#).unwrap_or_else(|e| panic!("{e}"));
    let args = |incentive: &str, applicant: &Path| pdf(incentive, applicant, &scratch("never.pdf"));
    refused(&args("A11", &bad), "applicant.id_number");
    // D3 is a designation, with nothing to apply for on a form.
    refused(&args("D3", &examples().join("applicant-enterprise.json")), "D3");
    let unknown = scratch("unknown-field.json");
    std::fs::write(&unknown, r#"{"name": "甲", "id_number": "91330100799655058B", "fax": "1"}"#).unwrap_or_else(|e| panic!("{e}"));
    refused(&args("A11", &unknown), "fax");
    assert!(!scratch("never.pdf").exists(), "nothing is written on refusal");
}

#[test]
fn answers_of_several_years_are_evaluated_year_by_year_and_one_year_picked_by_year() {
    let file = example("enterprise-years.json");
    let v = json(&chanjiao(&["evaluate", "--answers", &file, "--on", "2025-06-30", "--format", "json"]));
    assert_eq!(v["kind"], "evaluation-years");
    let years: Vec<u64> = v["years"].as_array().map(|y| y.iter().filter_map(|y| y["year"].as_u64()).collect()).unwrap_or_default();
    assert_eq!(years, [2024, 2025]);
    // 2025 opens with what 2024 carried forward, by itself.
    let b1 = |i: usize| v["years"][i]["results"].as_array().and_then(|r| r.iter().find(|r| r["incentive"]["code"] == "B1")).cloned().unwrap_or_default();
    assert_eq!(b1(0)["amount"]["carried_forward"], "107000");
    assert_eq!(b1(1)["amount"]["carried_in"], "107000");
    // One year, with its balance carried in: the same result as in the years.
    let one = json(&chanjiao(&["explain", "B1", "--answers", &file, "--on", "2025-06-30", "--year", "2025", "--format", "json"]));
    assert_eq!(one["amount"], b1(1)["amount"]);
    // A form for one year, which verify accepts as it stands.
    let out_path = scratch("b1-2025.pdf");
    let out = out_path.to_str().unwrap_or_default();
    let applicant = example("applicant-enterprise.json");
    let made = chanjiao(&["pdf", "--answers", &file, "--on", "2025-06-30", "--year", "2025", "--incentive", "B1", "--applicant", &applicant, "-o", out]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    assert_eq!(json(&chanjiao(&["verify", out, "--format", "json"]))["all_match"], true);
    // Without a year, what needs one says so; a year the file lacks, or --year on a file of one year, is refused.
    refused(&chanjiao(&["explain", "B1", "--answers", &file, "--on", "2025-06-30"]), "--year");
    refused(&chanjiao(&["explain", "B1", "--answers", &file, "--on", "2025-06-30", "--year", "2023"]), "2024, 2025");
    refused(&chanjiao(&["explain", "B1", "--answers", &example("enterprise.json"), "--on", "2025-06-30", "--year", "2024"]), "--year");
    // The questions still needed are said year by year.
    let q = json(&with_stdin(
        &["questions", "--answers", "-", "--on", "2025-06-30", "--format", "json"],
        r#"{"applicant_type":"ENT","registered_in_quanzhou":true,"ent_pilot_status":"national","ent_pilot_revoked":false,"b1_carried_in":"0","years":{"2024":{"b1_investment":"10"}}}"#,
    ));
    assert_eq!(q["years"][0]["year"], 2024);
    let ids: Vec<&str> = q["years"][0]["questions"].as_array().map(|q| q.iter().filter_map(|x| x["id"].as_str()).collect()).unwrap_or_default();
    assert!(ids.contains(&"b1_vat_paid") && ids.contains(&"graduates_hired"), "{ids:?}");
}
