//! `chanjiao batch` as an officer meets it: a GB18030 export with good and bad
//! rows, results equal to `chanjiao evaluate` row by row, error rows that name
//! the line and the column, JSON Lines both ways, and refused headers.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn chanjiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chanjiao")).args(args).output().unwrap_or_else(|e| panic!("cannot run chanjiao: {e}"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-batch");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.join(name)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

/// The output CSV as header → value maps, the byte-order mark dropped.
fn read_csv(p: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{e}"));
    let text = text.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("the CSV starts with a byte-order mark for spreadsheets"));
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap_or_else(|e| panic!("{e}")).clone();
    r.records().map(|rec| headers.iter().zip(rec.unwrap_or_else(|e| panic!("{e}")).iter()).map(|(h, v)| (h.to_owned(), v.to_owned())).collect()).collect()
}

/// Evaluates one applicant's answers with `chanjiao evaluate`, as JSON.
fn evaluate(answers: &serde_json::Value) -> serde_json::Value {
    let file = scratch("one.json");
    std::fs::write(&file, answers.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let out = chanjiao(&["evaluate", "--answers", path(&file), "--on", "2025-06-30", "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

const HEADER: &str = "applicant_id,applicant_name,applicant_type,registered_in_quanzhou,works_in_quanzhou,ent_ownership,ent_sector,ent_employees,ent_revenue,graduates_hired,graduates_hired_on,certificate_type,certificate_level,certificate_issued_on,worker_full_time_student,seeking_job_in_quanzhou,nights_needed";

#[test]
fn a_gb18030_file_with_good_and_bad_rows_gives_results_and_error_rows() {
    // As an office tool exports it: GB18030, CRLF, Chinese values.
    let rows = [
        HEADER,
        "E001,泉州市恒达鞋业有限公司,企业,是,,民营企业,industry,420,38600万,23,2024-07-08,,,,,,",
        "E002,泉州市某某建材有限公司,ENT,是,,private,construction,-3,3000万,2,2024-07-08,,,,,,",
        "W001,张三,IND-WORKER,,是,,,,,,,skill_level,level2,2024-10-18,否,是,5",
        "E003,错列公司,ENT,是",
        "E004,泉州市未来科技有限公司,ENT,是,,private,software_it,30,800万,1,2023-09-01,,,,,,",
        "E005,字母公司,ENT,是,,private,industry,十二,500万,1,2024-01-01,,,,,,",
    ];
    let text = rows.join("\r\n") + "\r\n";
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let input = scratch("mixed-gb18030.csv");
    std::fs::write(&input, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let output = scratch("mixed-out.csv");
    let summary = scratch("mixed-summary.csv");
    let out = chanjiao(&["batch", "--input", path(&input), "--output", path(&output), "--on", "2025-06-30", "--summary", path(&summary)]);
    assert_eq!(out.status.code(), Some(3), "exit 3 when a row failed: {}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("共 6 行，其中 3 行有误"), "{printed}");

    let results = read_csv(&output);
    assert_eq!(results.len(), 6, "one output row per input row, good or bad");
    // Rows are named by their line in the file (the header is line 1).
    let lines: Vec<&str> = results.iter().map(|r| r["row"].as_str()).collect();
    assert_eq!(lines, ["2", "3", "4", "5", "6", "7"]);
    let bad: Vec<(&str, &str)> = results.iter().filter(|r| !r["error"].is_empty()).map(|r| (r["row"].as_str(), r["error_column"].as_str())).collect();
    assert_eq!(bad, [("3", "ent_employees"), ("5", "-"), ("7", "ent_employees")]);
    assert!(results[1]["error"].contains("不能为负数"), "{}", results[1]["error"]);
    assert!(results[3]["error"].contains("表头有 17 列"), "a short row says so: {}", results[3]["error"]);
    assert_eq!(results[3]["applicant_id"], "E003", "and still names the applicant");
    // The GB18030 text came through intact.
    assert_eq!(results[0]["applicant_name"], "泉州市恒达鞋业有限公司");

    // Good rows equal chanjiao evaluate on the same answers, entry by entry.
    let good = [
        (
            0,
            serde_json::json!({"applicant_type": "ENT", "registered_in_quanzhou": true, "ent_ownership": "private", "ent_sector": "industry", "ent_employees": 420, "ent_revenue": "38600万", "graduates_hired": 23, "graduates_hired_on": "2024-07-08"}),
        ),
        (
            2,
            serde_json::json!({"applicant_type": "IND-WORKER", "works_in_quanzhou": true, "certificate_type": "skill_level", "certificate_level": "level2", "certificate_issued_on": "2024-10-18", "worker_full_time_student": false, "seeking_job_in_quanzhou": true, "nights_needed": 5}),
        ),
        (
            4,
            serde_json::json!({"applicant_type": "ENT", "registered_in_quanzhou": true, "ent_ownership": "private", "ent_sector": "software_it", "ent_employees": 30, "ent_revenue": "800万", "graduates_hired": 1, "graduates_hired_on": "2023-09-01"}),
        ),
    ];
    for (i, answers) in good {
        let row = &results[i];
        let cli = evaluate(&answers);
        assert_eq!(row["cash_exact"], cli["totals"]["cash_exact"].as_str().unwrap_or_default(), "row {i} cash_exact");
        assert_eq!(row["cash_max"], cli["totals"]["cash_max"].as_str().unwrap_or_default(), "row {i} cash_max");
        assert_eq!(row["eligible"], cli["totals"]["eligible"].to_string(), "row {i} eligible");
        for r in cli["results"].as_array().unwrap_or_else(|| panic!("results")) {
            let code = r["incentive"]["code"].as_str().unwrap_or_default();
            let status = r["status"].as_str().unwrap_or_default();
            let expected = if status == "not-applicable" { "" } else { status };
            assert_eq!(row[&format!("{code}_status")], expected, "row {i} {code}");
        }
    }
    assert_eq!(results[0]["A11_amount"], "exact:23000");

    // The summary per entry counts the good rows.
    let s = read_csv(&summary);
    let a11 = s.iter().find(|r| r["code"] == "A11").unwrap_or_else(|| panic!("A11 in the summary"));
    assert_eq!(a11["eligible"], "2");
    assert_eq!(a11["cash_exact"], "24000", "23 hires and 1 hire at CNY 1,000");
}

#[test]
fn json_lines_in_and_out_and_a_utf8_file_with_a_bom() {
    let input = scratch("in.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"applicant_id": "G1", "applicant_type": "IND-GRAD", "seeking_job_in_quanzhou": true, "prep_technician_graduate": true, "nights_needed": 9, "from_partner_region": false}"#,
            "\n\n",
            r#"{"applicant_type": "ENT", "employees": 5}"#,
            "\n",
            "not json\n",
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = scratch("out.jsonl");
    let out = chanjiao(&["batch", "--input", path(&input), "--output", path(&output), "--on", "2025-06-30"]);
    assert_eq!(out.status.code(), Some(3));
    let lines: Vec<serde_json::Value> =
        std::fs::read_to_string(&output).unwrap_or_else(|e| panic!("{e}")).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"))).collect();
    assert_eq!(lines.len(), 3, "the blank line is skipped");
    assert_eq!(lines[0]["applicant_id"], "G1");
    let d8 = lines[0]["results"].as_array().and_then(|r| r.iter().find(|x| x["code"] == "D8")).unwrap_or_else(|| panic!("D8"));
    assert_eq!(d8["amount"], "in-kind:7", "at most 7 nights");
    assert_eq!((lines[1]["row"].as_u64(), lines[1]["error"]["column"].as_str()), (Some(3), Some("employees")));
    assert_eq!(lines[2]["row"], 4);

    let bom = scratch("bom.csv");
    std::fs::write(&bom, "\u{feff}applicant_type,seeking_job_in_quanzhou,prep_technician_graduate,nights_needed,from_partner_region\nIND-GRAD,是,是,3,否\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let output = scratch("bom-out.csv");
    let out = chanjiao(&["batch", "--input", path(&bom), "--output", path(&output), "--on", "2025-06-30"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(read_csv(&output)[0]["D8_amount"], "in-kind:3");
}

#[test]
fn an_unknown_column_is_refused_before_any_row() {
    let input = scratch("unknown.csv");
    std::fs::write(&input, "applicant_type,employes\nENT,5\n").unwrap_or_else(|e| panic!("{e}"));
    let out = chanjiao(&["batch", "--input", path(&input), "--output", path(&scratch("never.csv")), "--on", "2025-06-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("employes"));
}

#[test]
fn the_template_lists_every_field_and_its_example_row_evaluates() {
    let out = chanjiao(&["batch", "--template"]);
    assert!(out.status.success());
    let template = scratch("template.csv");
    std::fs::write(&template, &out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    for q in chanjiao_rules::questions::all() {
        assert!(text.lines().next().unwrap_or_default().contains(q.id), "the template has {}", q.id);
    }
    let output = scratch("template-out.csv");
    let run = chanjiao(&["batch", "--input", path(&template), "--output", path(&output), "--on", "2025-06-30"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stdout));
    assert_eq!(read_csv(&output)[0]["cash_exact"], "523000", "the example enterprise's exact cash");
}

/// The worked example in docs/batch/ is what the command gives today; run with
/// UPDATE_DOCS=1 to write it again after a change to the rules.
#[test]
fn the_worked_example_is_current() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/batch");
    let (results, summary) = (scratch("docs-results.csv"), scratch("docs-summary.csv"));
    let out =
        chanjiao(&["batch", "--input", path(&docs.join("applicants.csv")), "--output", path(&results), "--summary", path(&summary), "--on", "2025-06-30"]);
    assert_eq!(out.status.code(), Some(3), "the example has two bad rows, on purpose");
    let pairs = [(results, docs.join("results.csv")), (summary, docs.join("summary.csv"))];
    for (made, kept) in &pairs {
        let made_text = std::fs::read_to_string(made).unwrap_or_else(|e| panic!("{e}"));
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(kept, &made_text).unwrap_or_else(|e| panic!("{e}"));
            continue;
        }
        let kept_text = std::fs::read_to_string(kept).unwrap_or_else(|e| panic!("{e}"));
        assert!(made_text == kept_text, "{} is out of date: run UPDATE_DOCS=1 cargo test -p chanjiao-cli --test batch", kept.display());
    }
    // Whole yuan are written whole (a half rate once gave "1500.0").
    assert!(!std::fs::read_to_string(docs.join("results.csv")).unwrap_or_default().contains(".0,"));
}
