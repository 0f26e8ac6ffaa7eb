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
    assert!(printed.contains("读入 6 条记录（第 2–7 行）：3 条得出结果，3 条为错误行"), "{printed}");

    let results = read_csv(&output);
    assert_eq!(results.len(), 6, "one output row per input row, good or bad");
    // Rows are named by their line in the file (the header is line 1).
    let lines: Vec<&str> = results.iter().map(|r| r["row"].as_str()).collect();
    assert_eq!(lines, ["2", "3", "4", "5", "6", "7"]);
    let bad: Vec<(&str, &str)> = results.iter().filter(|r| !r["error"].is_empty()).map(|r| (r["row"].as_str(), r["error_column"].as_str())).collect();
    assert_eq!(bad, [("3", "ent_employees"), ("5", ""), ("7", "ent_employees")]);
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
    // The comparison of the worked example (docs/batch.md, "What a reform would cost").
    let (compare, compare_summary, chart) = (scratch("docs-compare.csv"), scratch("docs-compare-summary.csv"), scratch("docs-compare.svg"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = chanjiao(&[
        "batch",
        "--input",
        path(&docs.join("applicants-2026.csv")),
        "--output",
        path(&compare),
        "--summary",
        path(&compare_summary),
        "--chart",
        path(&chart),
        "--on",
        "2026-12-31",
        "--policy",
        path(&root.join("examples/policy/example-continuation-2026.json")),
        "--compare-policy",
        path(&root.join("examples/policy/example-successor-2026.json")),
    ]);
    assert_eq!(out.status.code(), Some(3), "two bad rows on purpose: {}", String::from_utf8_lossy(&out.stderr));
    for (made, kept) in [(compare, docs.join("compare.csv")), (compare_summary, docs.join("compare-summary.csv")), (chart, docs.join("compare.svg"))] {
        let made_text = std::fs::read_to_string(&made).unwrap_or_else(|e| panic!("{e}"));
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&kept, &made_text).unwrap_or_else(|e| panic!("{e}"));
            continue;
        }
        let kept_text = std::fs::read_to_string(&kept).unwrap_or_else(|e| panic!("{e}"));
        assert!(made_text == kept_text, "{} is out of date: run UPDATE_DOCS=1 cargo test -p chanjiao-cli --test batch", kept.display());
    }
    // Whole yuan are written whole (a half rate once gave "1500.0").
    assert!(!std::fs::read_to_string(docs.join("results.csv")).unwrap_or_default().contains(".0,"));
}

/// Runs a batch over `input` as of 2025-06-30; returns the exit code, standard
/// output and standard error.
fn batch(input: &Path, output: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec!["batch", "--input", path(input), "--output", path(output), "--on", "2025-06-30"];
    args.extend_from_slice(extra);
    let out = chanjiao(&args);
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let p = scratch(name);
    std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{e}"));
    p
}

/// (line, applicant_id, error) of each output row.
fn rows_of(p: &Path) -> Vec<(String, String, String)> {
    read_csv(p).into_iter().map(|r| (r["row"].clone(), r["applicant_id"].clone(), r["error"].clone())).collect()
}

#[test]
fn a_broken_quote_is_one_error_row_and_reading_resumes_at_the_next_line() {
    // The issue's file: two unclosed quotes used to swallow E3 and E4 into E2's
    // name, and E2 was evaluated with E4's values.
    let input = write(
        "quotes.csv",
        b"applicant_id,applicant_name,applicant_type,graduates_hired\nE1,Alpha,ENT,1\nE2,\"Beta,ENT,2\nE3,Gamma,ENT,3\nE4,\"Delta,ENT,4\nE5,Epsilon,ENT,5\n",
    );
    let output = scratch("quotes-out.csv");
    let (code, printed, _) = batch(&input, &output, &[]);
    assert_eq!(code, Some(3), "two records failed");
    assert!(printed.contains("读入 5 条记录（第 2–6 行）：3 条得出结果，2 条为错误行") && printed.contains("5 = 3 + 2"), "{printed}");
    let rows = rows_of(&output);
    let summary: Vec<(&str, &str, bool)> = rows.iter().map(|(l, id, e)| (l.as_str(), id.as_str(), e.is_empty())).collect();
    assert_eq!(summary, [("2", "E1", true), ("3", "E2", false), ("4", "E3", true), ("5", "E4", false), ("6", "E5", true)]);
    assert!(rows[1].2.contains("引号"), "the error says it is a quote: {}", rows[1].2);
    // E3 is evaluated with its own answers, not swallowed.
    let e3 = &read_csv(&output)[2];
    assert_eq!(e3["applicant_name"], "Gamma");
}

#[test]
fn a_quoted_cell_that_spans_lines_is_one_cell_and_later_rows_keep_their_line_numbers() {
    let input = write(
        "multiline.csv",
        "applicant_id,applicant_name,applicant_type\r\nE1,\"泉州市\r\n第一分公司\",ENT\r\nE2,Beta,ENT\r\nE3,\"说\"\"好\"\"\",ENT\r\n\r\nE4,,ENT\r\n".as_bytes(),
    );
    let output = scratch("multiline-out.csv");
    let (code, ..) = batch(&input, &output, &[]);
    assert_eq!(code, Some(0));
    let rows = read_csv(&output);
    let lines: Vec<&str> = rows.iter().map(|r| r["row"].as_str()).collect();
    assert_eq!(lines, ["2", "4", "5", "7"], "a record is named by the line it starts on; the blank line 6 is no record");
    assert_eq!(rows[0]["applicant_name"], "泉州市\n第一分公司");
    assert_eq!(rows[2]["applicant_name"], "说\"好\"");
}

#[test]
fn the_output_is_never_the_input() {
    let text = b"applicant_id,applicant_type\nE1,ENT\nE2,ENT\n";
    let input = write("same.csv", text);
    let (code, _, err) = batch(&input, &input, &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("同一个文件") && err.contains("same file"), "{err}");
    assert_eq!(std::fs::read(&input).unwrap_or_default(), text, "the input is unchanged");
    // Nor the same file through a link.
    #[cfg(unix)]
    {
        let link = scratch("same-link.csv");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&input, &link).unwrap_or_else(|e| panic!("{e}"));
        let (code, ..) = batch(&input, &link, &[]);
        assert_eq!(code, Some(2));
        let hard = scratch("same-hard.csv");
        let _ = std::fs::remove_file(&hard);
        std::fs::hard_link(&input, &hard).unwrap_or_else(|e| panic!("{e}"));
        let (code, ..) = batch(&input, &hard, &[]);
        assert_eq!(code, Some(2));
        let (code, ..) = batch(&input, &scratch("same-out.csv"), &["--summary", path(&hard)]);
        assert_eq!(code, Some(2), "the summary may not be the input either");
        assert_eq!(std::fs::read(&input).unwrap_or_default(), text);
    }
}

#[test]
fn one_bad_byte_fails_only_its_row_and_never_turns_utf8_into_mojibake() {
    let mut bytes = "applicant_id,applicant_name,applicant_type\nA,泉州市甲公司,ENT\nB,乙".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff");
    bytes.extend_from_slice("公司,ENT\nC,晋江市丙公司,ENT\n".as_bytes());
    let input = write("bad-byte.csv", &bytes);
    let output = scratch("bad-byte-out.csv");
    let (code, ..) = batch(&input, &output, &[]);
    assert_eq!(code, Some(3));
    let rows = read_csv(&output);
    assert_eq!(rows.len(), 3);
    assert_eq!((rows[0]["applicant_name"].as_str(), rows[0]["error"].as_str()), ("泉州市甲公司", ""));
    assert_eq!((rows[1]["row"].as_str(), rows[1]["error_column"].as_str()), ("3", "applicant_name"));
    assert!(rows[1]["error"].contains("UTF-8"), "{}", rows[1]["error"]);
    assert_eq!((rows[2]["applicant_name"].as_str(), rows[2]["error"].as_str()), ("晋江市丙公司", ""));
    let text = std::fs::read_to_string(&output).unwrap_or_default();
    assert!(!text.contains('\u{fffd}'), "no replacement character in the results");
    // Forced to UTF-8, the same: an error row, not U+FFFD.
    let (code, ..) = batch(&input, &output, &["--encoding", "utf-8"]);
    assert_eq!(code, Some(3));
    assert!(!std::fs::read_to_string(&output).unwrap_or_default().contains('\u{fffd}'));
}

#[test]
fn cells_a_spreadsheet_would_run_are_neutralised_unless_raw_cells() {
    let input = write(
        "formulas.csv",
        "applicant_id,applicant_name,applicant_type\n=1+2,+cmd|' /C calc'!A0,ENT\n@SUM(A1),-2+3,ENT\n\"=HYPERLINK(\"\"http://x\"\")\",\"\tTab\",ENT\nE4,平常的名字,ENT\n"
            .as_bytes(),
    );
    let output = scratch("formulas-out.csv");
    let (code, ..) = batch(&input, &output, &[]);
    assert_eq!(code, Some(0));
    let rows = read_csv(&output);
    let ids: Vec<(&str, &str)> = rows.iter().map(|r| (r["applicant_id"].as_str(), r["applicant_name"].as_str())).collect();
    assert_eq!(ids, [("'=1+2", "'+cmd|' /C calc'!A0"), ("'@SUM(A1)", "'-2+3"), ("'=HYPERLINK(\"http://x\")", "Tab"), ("E4", "平常的名字")]);
    let (code, ..) = batch(&input, &output, &["--raw-cells"]);
    assert_eq!(code, Some(0));
    assert_eq!(read_csv(&output)[0]["applicant_id"], "=1+2", "--raw-cells writes cells as given");
}

#[test]
fn an_empty_input_or_a_header_alone_exits_3_and_writes_nothing() {
    for (name, text) in
        [("empty.csv", ""), ("header.csv", "applicant_id,applicant_type\n"), ("blank.csv", "applicant_id,applicant_type\n\n  \n"), ("empty.jsonl", "\n")]
    {
        let input = write(name, text.as_bytes());
        let output = scratch(&format!("{name}-out.csv"));
        let _ = std::fs::remove_file(&output);
        let (code, printed, err) = batch(&input, &output, &[]);
        assert_eq!(code, Some(3), "{name}: {printed}{err}");
        assert!(err.contains("没有申请人记录") && err.contains("no applicant record"), "{name}: {err}");
        assert!(!output.exists(), "{name}: no results file");
    }
}

#[test]
fn an_oversized_line_is_an_error_row_and_the_rows_after_it_are_read() {
    let mut text = String::from("applicant_id,applicant_name,applicant_type\nE1,Alpha,ENT\nE2,");
    text.push_str(&"长".repeat(400_000)); // 1.2 MB of UTF-8
    text.push_str(",ENT\nE3,Gamma,ENT\n");
    let input = write("long.csv", text.as_bytes());
    let output = scratch("long-out.csv");
    let (code, ..) = batch(&input, &output, &[]);
    assert_eq!(code, Some(3));
    let rows = rows_of(&output);
    assert_eq!(rows.len(), 3);
    assert_eq!((rows[1].0.as_str(), rows[1].2.contains("超过 1 MB")), ("3", true), "{:?}", rows[1]);
    assert_eq!((rows[2].0.as_str(), rows[2].1.as_str(), rows[2].2.as_str()), ("4", "E3", ""));
    // JSON Lines too.
    let mut jsonl = String::from("{\"applicant_type\": \"ENT\", \"applicant_name\": \"");
    jsonl.push_str(&"长".repeat(400_000));
    jsonl.push_str("\"}\n{\"applicant_type\": \"ENT\"}\n");
    let input = write("long.jsonl", jsonl.as_bytes());
    let output = scratch("long-out.jsonl");
    let (code, ..) = batch(&input, &output, &[]);
    assert_eq!(code, Some(3));
    let lines: Vec<serde_json::Value> =
        std::fs::read_to_string(&output).unwrap_or_default().lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"))).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"]["message"]["en"].as_str().unwrap_or_default().contains("over 1 MB"));
    assert!(lines[1]["totals"].is_object());
}

#[test]
fn an_oversized_answers_file_is_refused() {
    let mut text = String::from("{\"applicant_type\": \"ENT\", \"x\": \"");
    text.push_str(&"a".repeat(11 * 1024 * 1024));
    text.push_str("\"}");
    let input = write("huge-answers.json", text.as_bytes());
    let out = chanjiao(&["evaluate", "--answers", path(&input), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("超过 10 MB") && err.contains("over 10 MB"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn every_record_of_a_large_file_with_broken_quotes_is_accounted_for() {
    // 20,000 records, every 100th with a quote opened and never closed.
    let mut text = String::from("applicant_id,applicant_name,applicant_type,graduates_hired\n");
    for i in 0..20_000 {
        let name = if i % 100 == 7 { format!("\"公司{i}") } else { format!("公司{i}") };
        text.push_str(&format!("E{i},{name},ENT,{}\n", i % 5));
    }
    let input = write("many.csv", text.as_bytes());
    let output = scratch("many-out.csv");
    let (code, printed, _) = batch(&input, &output, &[]);
    assert_eq!(code, Some(3));
    assert!(printed.contains("20000 = 19800 + 200"), "{printed}");
    let rows = rows_of(&output);
    assert_eq!(rows.len(), 20_000);
    for (k, (line, id, error)) in rows.iter().enumerate() {
        assert_eq!(line, &(k + 2).to_string());
        assert_eq!(id, &format!("E{k}"));
        assert_eq!(error.is_empty(), k % 100 != 7, "row {k}");
    }
}

#[test]
fn a_comparison_writes_both_sides_the_difference_and_a_summary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let input = scratch("cmp-in.csv");
    std::fs::write(
        &input,
        "applicant_id,applicant_type,registered_in_quanzhou,ent_ownership,ent_sector,ent_employees,ent_revenue,graduates_hired,graduates_hired_on\nE1,ENT,是,private,industry,420,38600万,2,2026-03-02\nE2,ENT,是,private,industry,420,38600万,0,2026-03-02\nE3,ENT,是,private,industry,-1,38600万,1,2026-03-02\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (output, summary, chart) = (scratch("cmp-out.csv"), scratch("cmp-summary.csv"), scratch("cmp.svg"));
    // A: the plan alone (2026 hires are after it); B: the example successor.
    let out = chanjiao(&[
        "batch",
        "--input",
        path(&input),
        "--output",
        path(&output),
        "--summary",
        path(&summary),
        "--chart",
        path(&chart),
        "--on",
        "2026-06-30",
        "--compare-policy",
        path(&root.join("examples/policy/example-successor-2026.json")),
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("3 = 2 + 1"), "every record accounted for: {printed}");
    assert!(printed.contains("申请人：增加 1，减少 0，不变 1"), "{printed}");
    let rows = read_csv(&output);
    assert_eq!(rows.len(), 3);
    assert_eq!((rows[0]["A11_status_a"].as_str(), rows[0]["A11_status_b"].as_str()), ("not-eligible", "eligible"));
    assert_eq!((rows[0]["A11_amount_b"].as_str(), rows[0]["change_cash_exact"].as_str(), rows[0]["change"].as_str()), ("exact:3000", "3000", "gains"));
    assert_eq!(rows[1]["change"], "unchanged");
    assert_eq!(rows[2]["error_column"], "ent_employees");
    let s = read_csv(&summary);
    let a11 = s.iter().find(|r| r["code"] == "A11").unwrap_or_else(|| panic!("A11"));
    assert_eq!((a11["eligible_a"].as_str(), a11["eligible_b"].as_str(), a11["cash_exact_change"].as_str()), ("0", "1", "3000"));
    assert_eq!(s.last().map(|r| r["code"].as_str()), Some("ALL"));
    let svg = std::fs::read_to_string(&chart).unwrap_or_default();
    assert!(svg.starts_with("<svg") && svg.contains("A11 民营企业") && svg.contains("示例〔2026〕1号"), "a labelled chart");
    // The reverse: `builtin` names the plan alone as B.
    let out = chanjiao(&[
        "batch",
        "--input",
        path(&input),
        "--output",
        path(&output),
        "--on",
        "2026-06-30",
        "--policy",
        path(&root.join("examples/policy/example-successor-2026.json")),
        "--compare-policy",
        "builtin",
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(read_csv(&output)[0]["change"], "loses");
}

#[test]
fn a_utf8_line_in_a_gb18030_file_is_an_error_row_not_mojibake() {
    let mut bytes = Vec::new();
    for line in ["applicant_id,applicant_name,applicant_type", "E1,泉州公司,ENT", "E2,晋江公司,ENT", "E3,石狮公司,ENT"] {
        let (b, _, _) = encoding_rs::GB18030.encode(line);
        bytes.extend_from_slice(&b);
        bytes.push(b'\n');
    }
    bytes.extend_from_slice("E9,厦门公司,ENT\n".as_bytes());
    let input = write("mixed-enc.csv", &bytes);
    let output = scratch("mixed-enc-out.csv");
    let (code, ..) = batch(&input, &output, &[]);
    assert_eq!(code, Some(3));
    let rows = read_csv(&output);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["applicant_name"], "泉州公司");
    assert_eq!(rows[3]["applicant_name"], "", "no mojibake of the UTF-8 line");
    assert!(rows[3]["error"].contains("UTF-8"), "{}", rows[3]["error"]);
    // A NUL is no text either.
    let input = write("nul.csv", b"applicant_id,applicant_type\nE\x001,ENT\nE2,ENT\n");
    let (code, ..) = batch(&input, &output, &[]);
    assert_eq!(code, Some(3));
    assert!(read_csv(&output)[0]["error"].contains("控制字符"));
}

#[test]
fn a_run_that_cannot_write_its_summary_fails_first_and_replaces_nothing() {
    let input = write("keep-in.csv", b"applicant_id,applicant_type\nE1,ENT\n");
    let output = write("keep-out.csv", b"previous results\n");
    let missing = scratch("no-such-folder/summary.csv");
    let (code, _, err) = batch(&input, &output, &["--summary", path(&missing)]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(std::fs::read(&output).unwrap_or_default(), b"previous results\n", "the earlier results are left as they were");
    // --summary and --chart may not be one file.
    let both = scratch("both.csv");
    let (code, _, err) = batch(&input, &output, &["--compare-policy", "builtin", "--summary", path(&both), "--chart", path(&both)]);
    assert_eq!(code, Some(2), "{err}");
}

#[test]
fn a_row_of_several_years_is_an_error_row_and_a_person_of_several_roles_a_result() {
    let input = write(
        "roles-years.jsonl",
        concat!(
            r#"{"applicant_id": "Y", "applicant_type": "ENT", "years": {"2024": {"graduates_hired": 3}}}"#,
            "\n",
            r#"{"applicant_id": "R", "applicant_type": ["IND-GRAD", "IND-WORKER"], "works_in_quanzhou": true, "certificate_type": "skill_level", "certificate_level": "level4", "certificate_issued_on": "2024-05-01", "worker_full_time_student": false}"#,
            "\n",
        )
        .as_bytes(),
    );
    let output = scratch("roles-years-out.jsonl");
    let (code, _, _) = batch(&input, &output, &[]);
    assert_eq!(code, Some(3), "one error row");
    let lines: Vec<serde_json::Value> =
        std::fs::read_to_string(&output).unwrap_or_else(|e| panic!("{e}")).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"))).collect();
    assert_eq!(lines.len(), 2, "nothing lost");
    assert_eq!((lines[0]["applicant_id"].as_str(), lines[0]["error"]["column"].as_str()), (Some("Y"), Some("years")));
    let a14 = lines[1]["results"].as_array().and_then(|r| r.iter().find(|x| x["code"] == "A14")).unwrap_or_else(|| panic!("A14"));
    assert_eq!(a14["status"], "eligible", "claimed as a worker");
}

#[test]
fn a_utf16_file_is_named_as_utf16() {
    let text = "applicant_id,applicant_name,applicant_type\nE1,泉州公司,ENT\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let files = [
        ("utf16le-bom.csv", [&b"\xFF\xFE"[..], &le].concat()),
        ("utf16be-bom.csv", [&b"\xFE\xFF"[..], &be].concat()),
        ("utf16le.csv", le.clone()),
        ("utf16be.jsonl", "{\"applicant_type\": \"ENT\"}\n".encode_utf16().flat_map(u16::to_be_bytes).collect()),
    ];
    for (name, bytes) in files {
        let input = write(name, &bytes);
        let (code, _, err) = batch(&input, &scratch("utf16-out.csv"), &[]);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(err.contains("此文件是 UTF-16 编码，不受支持；请另存为 UTF-8"), "{name}: {err}");
        assert!(err.contains("this file is UTF-16, which is not supported: save it as UTF-8"), "{name}: {err}");
    }
}

#[test]
fn an_error_row_keeps_its_applicant_id_whenever_the_id_cell_can_be_read() {
    // CSV: a control character in another cell; a line over 1 MB whose id comes first.
    let mut text = String::from("applicant_id,applicant_name,applicant_type\nC1,甲\u{1}公司,ENT\nC2,");
    text.push_str(&"长".repeat(400_000));
    text.push_str(",ENT\nC3,乙公司,ENT\n");
    let input = write("ids.csv", text.as_bytes());
    let output = scratch("ids-out.csv");
    let (code, ..) = batch(&input, &output, &[]);
    assert_eq!(code, Some(3));
    let rows = rows_of(&output);
    let ids: Vec<(&str, bool)> = rows.iter().map(|(_, id, e)| (id.as_str(), e.is_empty())).collect();
    assert_eq!(ids, [("C1", false), ("C2", false), ("C3", true)]);
    // A GB18030 file with a UTF-8 line: its ASCII id reads the same either way.
    let mut bytes = Vec::new();
    for line in ["applicant_id,applicant_name,applicant_type", "G1,泉州公司,ENT", "G2,晋江公司,ENT"] {
        bytes.extend_from_slice(&encoding_rs::GB18030.encode(line).0);
        bytes.push(b'\n');
    }
    bytes.extend_from_slice("G3,厦门公司,ENT\n".as_bytes());
    let input = write("ids-gb.csv", &bytes);
    let (code, ..) = batch(&input, &output, &[]);
    assert_eq!(code, Some(3));
    let rows = read_csv(&output);
    assert_eq!((rows[2]["applicant_id"].as_str(), rows[2]["applicant_name"].as_str()), ("G3", ""), "the id, and no mojibake of the name");
    assert!(!rows[2]["error"].is_empty());
    // JSON Lines: a byte that is not UTF-8 in another field; text after the object.
    let mut jsonl = br#"{"applicant_id": "J1", "applicant_name": "A"#.to_vec();
    jsonl.extend_from_slice(b"\xFF");
    jsonl.extend_from_slice(
        concat!(
            r#"B", "applicant_type": "ENT"}"#,
            "\n",
            r#"{"applicant_id": "J2", "applicant_type": "ENT"} trailing"#,
            "\n",
            r#"{"applicant_id": "J3", "applicant_type": "ENT"}"#,
            "\n"
        )
        .as_bytes(),
    );
    let input = write("ids.jsonl", &jsonl);
    let output = scratch("ids-out.jsonl");
    let (code, ..) = batch(&input, &output, &["--encoding", "utf-8"]);
    assert_eq!(code, Some(3));
    let lines: Vec<serde_json::Value> =
        std::fs::read_to_string(&output).unwrap_or_default().lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"))).collect();
    let ids: Vec<(&str, bool)> = lines.iter().map(|l| (l["applicant_id"].as_str().unwrap_or_default(), l["error"].is_object())).collect();
    assert_eq!(ids, [("J1", true), ("J2", true), ("J3", false)]);
}

#[test]
fn a_workbook_written_by_openpyxl_gives_the_results_of_its_csv() {
    // docs/batch/applicants.xlsx is docs/batch/applicants.csv as an office keeps
    // it (scripts/make-applicants-xlsx.py): Chinese headers, numbers, date cells,
    // TRUE and FALSE. Every record is read, each on the sheet's row number.
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/batch");
    let (from_sheet, from_csv) = (scratch("sheet-results.csv"), scratch("sheet-csv-results.csv"));
    let (code, stdout, stderr) = batch(&docs.join("applicants.xlsx"), &from_sheet, &[]);
    assert_eq!(code, Some(3), "the example has two bad rows, on purpose: {stderr}");
    assert!(stdout.starts_with("读入 12 条记录（第 2–13 行）"), "{stdout}");
    batch(&docs.join("applicants.csv"), &from_csv, &[]);
    let (sheet, csv) = (std::fs::read(&from_sheet).unwrap_or_default(), std::fs::read(&from_csv).unwrap_or_default());
    assert!(!sheet.is_empty() && sheet == csv, "the workbook's results are the CSV's");
    // The same workbook as LibreOffice saves it in OpenDocument and in Excel 97 (tests/workbooks/).
    let workbooks = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/workbooks");
    for name in ["applicants.ods", "applicants.xls"] {
        let (code, _, stderr) = batch(&workbooks.join(name), &from_sheet, &[]);
        assert_eq!(code, Some(3), "{name}: {stderr}");
        assert!(std::fs::read(&from_sheet).unwrap_or_default() == csv, "{name}: the results of the CSV");
    }
    // Its list's sheet by name; another name is refused, naming those it has.
    assert_eq!(batch(&docs.join("applicants.xlsx"), &from_sheet, &["--sheet", "申请人"]).0, Some(3));
    let (code, _, stderr) = batch(&docs.join("applicants.xlsx"), &from_sheet, &["--sheet", "Sheet9"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("Sheet9") && stderr.contains("申请人"), "{stderr}");
    // --sheet is for workbooks.
    assert_eq!(batch(&docs.join("applicants.csv"), &from_sheet, &["--sheet", "申请人"]).0, Some(2));
}

#[test]
fn a_csv_may_name_its_columns_by_the_questions_words() {
    let input = write(
        "labels.csv",
        "申请人编号,吸纳应届高校毕业生人数,applicant_type,是否在泉州市（含泉州开发区、泉州台商投资区）登记注册？,企业所有制类型,企业所属行业,从业人员（年末人数）,上一会计年度的营业收入（元）,吸纳日期（graduates_hired_on）\nE1,7,ENT,是,private,industry,85,3500万,2024-07-01\n".as_bytes(),
    );
    let output = scratch("labels-out.csv");
    let (code, _, stderr) = batch(&input, &output, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let rows = read_csv(&output);
    assert_eq!((rows[0]["applicant_id"].as_str(), rows[0]["A11_amount"].as_str()), ("E1", "exact:7000"));
    // The same field twice, by its id and by its words, is refused.
    let twice = write("twice.csv", "graduates_hired,吸纳应届高校毕业生人数\n1,1\n".as_bytes());
    let (code, _, stderr) = batch(&twice, &output, &[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("同一字段"), "{stderr}");
}

#[test]
fn a_workbook_out_is_a_zip_and_so_is_a_comparison() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/batch");
    let output = scratch("results.xlsx");
    let (code, stdout, stderr) = batch(&docs.join("applicants.csv"), &output, &[]);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(stdout.contains("见工作簿的“错误行”工作表"), "{stdout}");
    assert!(std::fs::read(&output).unwrap_or_default().starts_with(b"PK\x03\x04"), "an .xlsx is a zip");
    let compared = scratch("compare.xlsx");
    let (code, _, stderr) = batch(&docs.join("applicants.csv"), &compared, &["--compare-policy", "builtin"]);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(std::fs::read(&compared).unwrap_or_default().starts_with(b"PK\x03\x04"));
}

#[test]
fn a_template_workbook_is_written_and_only_as_xlsx() {
    let book = scratch("template.xlsx");
    let _ = std::fs::remove_file(&book);
    let out = chanjiao(&["batch", "--template", path(&book)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&book).unwrap_or_default().starts_with(b"PK\x03\x04"), "an .xlsx is a zip");
    let csv = scratch("template-refused.csv");
    let _ = std::fs::remove_file(&csv);
    let out = chanjiao(&["batch", "--template", path(&csv)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".xlsx") && !csv.exists());
    // An existing file (an office's filled list, say) is never replaced, and a
    // template is not written in the same run as a screening.
    let before = std::fs::read(&book).unwrap_or_default();
    let out = chanjiao(&["batch", "--template", path(&book)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("已存在") && std::fs::read(&book).unwrap_or_default() == before);
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/batch");
    let out = chanjiao(&["batch", "--template", path(&scratch("other.xlsx")), "--input", path(&docs.join("applicants.xlsx"))]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    // Without a name it prints the CSV template, as it always did.
    let out = chanjiao(&["batch", "--template"]);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).starts_with("\u{feff}applicant_id,applicant_name,"));
}

/// Results under an illustrative policy say so on every row and in the
/// printed summary, and results under the plan do not (scripts/check-results-xlsx.py
/// reads a workbook's).
#[test]
fn every_result_under_an_illustrative_policy_says_so() {
    let input = format!("{}/../../docs/batch/applicants-2026.csv", env!("CARGO_MANIFEST_DIR"));
    let pack = format!("{}/../../examples/policy/example-successor-2026.json", env!("CARGO_MANIFEST_DIR"));
    for (policy, illustrative) in [(Some(pack.as_str()), true), (None, false)] {
        let out = scratch(&format!("illustrated-{illustrative}.csv"));
        let _ = std::fs::remove_file(&out);
        let mut args = vec!["batch", "--input", &input, "--output", path(&out), "--on", "2026-12-31"];
        if let Some(p) = policy {
            args.extend(["--policy", p]);
        }
        let run = chanjiao(&args);
        let printed = String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
        assert_eq!(printed.contains("示例政策，非真实结果"), illustrative, "{printed}");
        let text = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
        let mut lines = text.lines();
        assert_eq!(lines.next().is_some_and(|h| h.ends_with(",illustration")), illustrative);
        let mut rows = 0;
        for line in lines {
            assert_eq!(line.ends_with("非真实结果：依据 示例〔2026〕1号（示例，非真实政策） 测算"), illustrative, "{line}");
            rows += 1;
        }
        assert_eq!(rows, 12, "every row, error rows too");
    }
}
