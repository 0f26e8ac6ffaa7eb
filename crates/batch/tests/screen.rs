//! The batch engine in process: bytes in, bytes out, with no file, process or
//! terminal, as a browser runs it. The CLI's own tests (crates/cli/tests/batch.rs)
//! hold the same behaviour through the command line.

use chanjiao_batch::{Encoding, ErrorKind, Options, Report, Sink, detect_encoding, is_utf16, screen};
use chanjiao_rules::{Date, Lang, Params};

fn plan() -> &'static Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

fn options(name: &str) -> Options<'_> {
    Options {
        name,
        on: Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!()),
        lang: Lang::Zh,
        raw_cells: false,
        params: plan(),
        compare: None,
        encoding: Encoding::Utf8,
        jsonl: false,
        sink: Sink::Csv,
        workers: 1,
    }
}

fn run(input: &[u8], opts: &Options) -> (Result<Report, chanjiao_batch::Error>, Vec<u8>) {
    let mut out = Vec::new();
    let mut heard = Vec::new();
    let report = screen(input, &mut out, opts, &mut |read, rows| heard.push((read, rows)));
    if report.is_ok() {
        assert!(heard.last().is_some_and(|(read, _)| *read == input.len() as u64), "progress reaches the end: {heard:?}");
    }
    (report, out)
}

/// The CSV written, read back as records (the byte-order mark aside).
fn rows(out: &[u8]) -> Vec<csv::StringRecord> {
    let text = std::str::from_utf8(out).unwrap_or_else(|e| panic!("{e}"));
    let text = text.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("a byte-order mark for spreadsheets"));
    csv::Reader::from_reader(text.as_bytes()).records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect()
}

const HEADER: &str =
    "applicant_id,applicant_name,applicant_type,registered_in_quanzhou,ent_ownership,ent_sector,ent_employees,ent_revenue,graduates_hired,graduates_hired_on\n";

#[test]
fn every_record_becomes_one_row_a_result_or_an_error_naming_its_line_and_column() {
    let input = format!(
        "{HEADER}E1,恒达鞋业,ENT,是,private,industry,85,3500万,7,2024-07-01\n\
         E2,坏数字,ENT,是,private,industry,-3,3500万,7,2024-07-01\n\
         E3,\"半个引号,ENT,是,private,industry,85,3500万,7,2024-07-01\n\
         \n\
         E4,\"=HYPERLINK(\"\"x\"\")\",ENT,是,private,industry,85,3500万,0,\n"
    );
    let (report, out) = run(input.as_bytes(), &options("applicants.csv"));
    let report = report.unwrap_or_else(|e| panic!("{e:?}"));
    let s = &report.summary;
    assert_eq!((s.records, s.evaluated, s.failed, s.first_line, s.last_line), (4, 2, 2, 2, 6));
    assert!(report.rows_failed());
    let rows = rows(&out);
    assert_eq!(rows.len(), 4, "one row per record, the blank line aside");
    let col = |r: &csv::StringRecord, name: &str| {
        let header = csv::Reader::from_reader(std::str::from_utf8(&out).unwrap_or_default().trim_start_matches('\u{feff}').as_bytes())
            .headers()
            .map(|h| h.iter().position(|x| x == name))
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("no column {name}"));
        r.get(header).unwrap_or_default().to_owned()
    };
    assert_eq!((col(&rows[0], "row"), col(&rows[0], "A11_status"), col(&rows[0], "A11_amount")), ("2".into(), "eligible".into(), "exact:7000".into()));
    assert_eq!((col(&rows[1], "row"), col(&rows[1], "error_column")), ("3".into(), "ent_employees".into()));
    assert!(col(&rows[2], "error").contains("引号"), "{:?}", rows[2]);
    assert_eq!(col(&rows[2], "applicant_id"), "E3", "an error row names its applicant");
    assert_eq!(col(&rows[3], "row"), "6", "reading went on after the broken quote");
    assert_eq!(col(&rows[3], "applicant_name"), "'=HYPERLINK(\"x\")", "a formula is defused");
    let table = report.table(Lang::En);
    assert!(table.starts_with("4 records read (lines 2–6): 2 evaluated, 2 error rows"), "{table}");
    let summary = String::from_utf8(report.summary_csv()).unwrap_or_default();
    assert!(summary.lines().any(|l| l.starts_with("A11,") && l.ends_with(",7000,7000,7000")), "{summary}");
}

#[test]
fn the_same_rows_on_one_thread_or_several() {
    let mut input = String::from(HEADER);
    for i in 0..9000 {
        input.push_str(&format!("E{i},名{i},ENT,是,private,industry,{},3500万,{},2024-07-01\n", 10 + i % 300, i % 40));
    }
    let one = run(input.as_bytes(), &options("many.csv"));
    let four = run(input.as_bytes(), &Options { workers: 4, ..options("many.csv") });
    assert_eq!(one.1, four.1);
    let (a, b) = (one.0.unwrap_or_else(|e| panic!("{e:?}")), four.0.unwrap_or_else(|e| panic!("{e:?}")));
    assert_eq!(a.summary, b.summary);
    assert_eq!(a.summary.records, 9000);
}

#[test]
fn json_lines_in_and_out() {
    let input = concat!(
        r#"{"applicant_id":"W1","applicant_type":"IND-GRAD","seeking_job_in_quanzhou":true,"prep_technician_graduate":true,"nights_needed":4,"from_partner_region":false,"also_worker":false,"also_teacher":false}"#,
        "\n",
        "not json\n",
    );
    let opts = Options { jsonl: true, sink: Sink::Jsonl, ..options("people.jsonl") };
    let (report, out) = run(input.as_bytes(), &opts);
    assert_eq!(report.map(|r| (r.summary.evaluated, r.summary.failed)), Ok((1, 1)));
    let lines: Vec<serde_json::Value> = std::str::from_utf8(&out).unwrap_or_default().lines().map(|l| serde_json::from_str(l).unwrap_or_default()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["applicant_id"], "W1");
    assert!(lines[0]["results"].as_array().is_some_and(|r| !r.is_empty()));
    assert!(lines[1]["error"]["message"]["zh-CN"].as_str().is_some_and(|m| m.contains("JSON")), "{}", lines[1]);
}

#[test]
fn gb18030_is_told_from_utf8_by_the_lines_that_differ() {
    let text = format!("{HEADER}E1,恒达鞋业,ENT,是,private,industry,85,3500万,7,2024-07-01\n");
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    assert_eq!(detect_encoding(&gb[..]).ok(), Some(Encoding::Gb18030));
    assert_eq!(detect_encoding(text.as_bytes()).ok(), Some(Encoding::Utf8));
    let (report, out) = run(&gb, &Options { encoding: Encoding::Gb18030, ..options("gb.csv") });
    assert_eq!(report.map(|r| r.summary.evaluated), Ok(1));
    assert!(std::str::from_utf8(&out).unwrap_or_default().contains("恒达鞋业"), "decoded, written as UTF-8");
}

#[test]
fn a_run_that_cannot_start_says_why_by_its_kind() {
    let kind = |input: &[u8]| run(input, &options("x.csv")).0.err().map(|e| e.kind);
    assert_eq!(kind(b""), Some(ErrorKind::NoRecords));
    assert_eq!(kind(HEADER.as_bytes()), Some(ErrorKind::NoRecords));
    assert_eq!(kind(b"applicant_id,no_such_question\nE1,1\n"), Some(ErrorKind::BadInput));
    assert_eq!(kind(b"applicant_id,applicant_id\nE1,E1\n"), Some(ErrorKind::BadInput));
    let named = run(b"applicant_id,no_such_question\nE1,1\n", &options("x.csv")).0.err().map(|e| e.message.en.into_owned()).unwrap_or_default();
    assert!(named.contains("no_such_question"), "{named}");
    assert!(is_utf16(b"\xFF\xFEa\x00b\x00") && is_utf16(b"a\x00b\x00c\x00") && !is_utf16("恒达".as_bytes()));
}

#[test]
fn a_comparison_writes_both_sides_and_counts_the_change() {
    let pack = include_str!("../../../examples/policy/example-successor-2026.json");
    let successor = chanjiao_rules::load_policy(&[pack]).unwrap_or_else(|e| panic!("{:?}", e.error));
    let input = format!("{HEADER}E1,恒达鞋业,ENT,是,private,industry,85,3500万,23,2026-03-01\n");
    let opts = Options { compare: Some(successor), on: Date::new(2026, 6, 30).unwrap_or_else(|| unreachable!()), ..options("a.csv") };
    let (report, out) = run(input.as_bytes(), &opts);
    let report = report.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(report.summary.change.iter().sum::<u64>(), 1, "each applicant counted once: gains, loses, unchanged or mixed");
    let header = rows(&out);
    assert_eq!(header.len(), 1);
    assert!(report.chart_svg().is_some_and(|svg| svg.starts_with("<svg") || svg.starts_with("<?xml")));
    assert!(String::from_utf8(report.summary_csv()).unwrap_or_default().contains("A11"));
}

#[cfg(feature = "workbooks")]
#[test]
fn a_sheet_keeps_its_row_numbers_and_reads_typed_cells() -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("名单")?;
    let header = [
        "申请人编号",
        "applicant_type",
        "是否在泉州市（含泉州开发区、泉州台商投资区）登记注册？",
        "ent_ownership",
        "ent_sector",
        "ent_employees",
        "ent_revenue",
        "graduates_hired",
        "graduates_hired_on",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    // Row 2: typed cells, the date an Excel serial in a date column (45474 is 2024-07-01).
    for (c, v) in ["E1", "ENT"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v)?;
    }
    sheet.write_boolean(1, 2, true)?;
    sheet.write_string(1, 3, "private")?;
    sheet.write_string(1, 4, "industry")?;
    sheet.write_number(1, 5, 85.0)?;
    sheet.write_number(1, 6, 35_000_000.0)?;
    sheet.write_number(1, 7, 7.0)?;
    sheet.write_number(1, 8, 45474.0)?;
    // Row 3 left empty; row 4 has a cell beyond the header's columns.
    sheet.write_string(3, 0, "E2")?;
    sheet.write_string(3, 1, "ENT")?;
    sheet.write_string(3, 12, "stray")?;
    let bytes = book.save_to_buffer()?;
    assert_eq!(chanjiao_batch::sheet_names(&bytes).ok(), Some(vec!["名单".to_owned()]));
    assert!(chanjiao_batch::is_workbook(&bytes) && !chanjiao_batch::is_workbook(b"applicant_id\n"));
    let records = chanjiao_batch::SheetRecords::open(&bytes, None).unwrap_or_else(|e| panic!("{e:?}"));
    // An .xlsx is read a row at a time: its total is the used range it states,
    // the empty row among them; the report below counts the records.
    assert_eq!(records.total(), 4);
    let mut out = Vec::new();
    let report = chanjiao_batch::screen_sheet(records, &mut out, &options("名单.xlsx"), &mut |_, _| {}).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        (report.summary.evaluated, report.summary.failed, report.summary.first_line, report.summary.last_line),
        (1, 1, 2, 4),
        "the empty row is not a record"
    );
    let rows = rows(&out);
    assert_eq!(rows[0].get(0), Some("2"));
    assert!(rows[0].iter().any(|c| c == "exact:7000"), "{:?}", rows[0]);
    assert_eq!((rows[1].get(0), rows[1].get(1)), (Some("4"), Some("E2")), "the sheet's row number, and the applicant named");
    assert!(rows[1].iter().any(|c| c.contains("第 M 列")), "{:?}", rows[1]);
    // A sheet that is not there is named with those that are.
    let missing = chanjiao_batch::SheetRecords::open(&bytes, Some("Sheet1")).err().map(|e| (e.kind, e.message.zh.into_owned()));
    assert!(missing.as_ref().is_some_and(|(k, m)| *k == ErrorKind::BadInput && m.contains("名单")), "{missing:?}");
    Ok(())
}

#[cfg(feature = "workbooks")]
#[test]
fn a_workbook_out_has_every_record_once_typed_and_reads_back() {
    use calamine::{Data, Reader};
    let input = format!(
        "{HEADER}E1,=1+1,ENT,是,private,industry,85,3500万,7,2024-07-01\n\
         E2,坏数字,ENT,是,private,industry,-3,3500万,7,2024-07-01\n"
    );
    let mut out = Vec::new();
    let report = screen(input.as_bytes(), &mut out, &Options { sink: Sink::Xlsx, ..options("a.csv") }, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(report.table(Lang::Zh).contains("见工作簿的“错误行”工作表"));
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(book.sheet_names(), ["结果", "错误行", "汇总"]);
    let results = book.worksheet_range("结果").unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<&[Data]> = results.rows().collect();
    assert_eq!(rows.len(), 3, "two header rows and one result");
    assert_eq!(rows[1][6], Data::String("cash_exact".into()));
    assert_eq!(rows[2][2], Data::String("=1+1".into()), "a name that looks like a formula is a string, with no apostrophe");
    assert_eq!(rows[2][6], Data::Float(7000.0), "an amount is a number");
    let a11 = rows[1].iter().position(|c| *c == Data::String("A11_status".into())).unwrap_or_else(|| panic!("an A11 column"));
    assert_eq!((&rows[2][a11], &rows[2][a11 + 1]), (&Data::String("可申请".into()), &Data::Float(7000.0)));
    let errors = book.worksheet_range("错误行").unwrap_or_else(|e| panic!("{e}"));
    let errors: Vec<&[Data]> = errors.rows().collect();
    assert_eq!((errors.len(), &errors[1][0], &errors[1][3]), (2, &Data::Float(3.0), &Data::String("ent_employees".into())));
    // A comparison as a workbook: both sides per applicant, the errors, and the change per entry with a chart.
    let successor =
        chanjiao_rules::load_policy(&[include_str!("../../../examples/policy/example-successor-2026.json")]).unwrap_or_else(|e| panic!("{:?}", e.error));
    let mut out = Vec::new();
    screen(input.as_bytes(), &mut out, &Options { sink: Sink::Xlsx, compare: Some(successor), ..options("a.csv") }, &mut |_, _| {})
        .unwrap_or_else(|e| panic!("{e:?}"));
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(book.sheet_names(), ["对比结果", "错误行", "变化"]);
    let compared = book.worksheet_range("对比结果").unwrap_or_else(|e| panic!("{e}"));
    let compared: Vec<&[Data]> = compared.rows().collect();
    assert_eq!((compared.len(), &compared[1][0], &compared[1][2]), (2, &Data::Float(2.0), &Data::String("=1+1".into())));
    let errors = book.worksheet_range("错误行").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(errors.rows().count(), 2, "the header and the one error row");
}

#[cfg(feature = "workbooks")]
#[test]
fn a_sheet_may_leave_its_first_columns_and_rows_empty() -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    // The list starts at C3, as offices sometimes lay one out; a stray note sits in column K of a record.
    for (c, h) in [
        "applicant_id",
        "applicant_type",
        "registered_in_quanzhou",
        "ent_ownership",
        "ent_sector",
        "ent_employees",
        "ent_revenue",
        "graduates_hired",
        "graduates_hired_on",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, c as u16 + 2, *h)?;
    }
    for (c, v) in ["E1", "ENT", "是", "private", "industry", "85", "3500万", "7", "2024-07-01"].iter().enumerate() {
        sheet.write_string(3, c as u16 + 2, *v)?;
        sheet.write_string(4, c as u16 + 2, *v)?;
    }
    sheet.write_string(4, 11, "备注")?;
    let bytes = book.save_to_buffer()?;
    let records = chanjiao_batch::SheetRecords::open(&bytes, None).unwrap_or_else(|e| panic!("{e:?}"));
    let mut out = Vec::new();
    let report = chanjiao_batch::screen_sheet(records, &mut out, &options("c3.xlsx"), &mut |_, _| {}).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((report.summary.evaluated, report.summary.failed, report.summary.first_line), (1, 1, 4));
    let rows = rows(&out);
    assert!(rows[0].iter().any(|c| c == "exact:7000"), "{:?}", rows[0]);
    assert!(rows[1].iter().any(|c| c.contains("第 L 列")), "the sheet's own column letter: {:?}", rows[1]);
    Ok(())
}

/// The workbench's table, filled in the same pass as the results workbook:
/// every record once, filters that agree with the summary's counts, search by
/// id or name, and amounts sorted largest first.
#[cfg(feature = "workbooks")]
#[test]
fn the_workbench_table_holds_every_record_and_filters_as_the_summary_counts() {
    use chanjiao_batch::{Query, screen_to_table};
    let input = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/batch/applicants.csv")).unwrap_or_else(|e| panic!("{e}"));
    // One broken record at the end, to be an error row.
    let mut input = String::from_utf8(input).unwrap_or_else(|e| panic!("{e}"));
    input.push_str("E9999999,坏记录,ENT,是,private,industry,-3\n");
    let (report, book, table) = screen_to_table(input.as_bytes(), &options("applicants.csv"), &mut |_, _| {}).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(table.len() as u64, report.summary.records, "every record is one line");
    assert!(book.starts_with(b"PK"), "the results workbook, made in the same pass");
    let page = |q: serde_json::Value| table.page(&Query::from_json(&q).unwrap_or_else(|e| panic!("{e}")));
    let all = page(serde_json::json!({ "limit": 500 }));
    assert_eq!(all["total"], report.summary.records);
    let errors = page(serde_json::json!({ "errors": true }));
    assert_eq!(errors["total"], report.summary.failed);
    // Error rows have no entry's result: asking for them sets an entry filter aside.
    assert_eq!(page(serde_json::json!({ "errors": true, "entry": "A11", "status": "eligible" }))["total"], report.summary.failed);
    let broken = errors["lines"].as_array().into_iter().flatten().find(|l| l["id"] == "E9999999");
    assert!(broken.is_some_and(|l| l["error"]["reason"].as_str().is_some_and(|r| !r.is_empty())), "{errors}");
    // Per entry and status, the table's count is the summary's.
    let summary = table.summary_json();
    for (i, e) in summary["entries"].as_array().into_iter().flatten().enumerate() {
        for c in e["counts"].as_array().into_iter().flatten() {
            let got = page(serde_json::json!({ "entry": e["code"], "status": c["status"] }));
            assert_eq!(got["total"], c["count"], "entry {} ({i}), status {}", e["code"], c["status"]);
        }
    }
    let eligible_a11 = page(serde_json::json!({ "entry": "A11", "status": "eligible", "order": "amount-down" }));
    assert!(eligible_a11["total"].as_u64().is_some_and(|n| n > 0), "{eligible_a11}");
    let highs: Vec<f64> = eligible_a11["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["cells"].as_array()?.iter().find(|c| c["code"] == "A11")?["high"].as_f64())
        .collect();
    assert!(!highs.is_empty() && highs.windows(2).all(|w| w[0] >= w[1]), "largest first: {highs:?}");
    assert!(
        eligible_a11["lines"][0]["cells"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|c| c["code"] == "A11" && c["amount"].as_str().is_some_and(|a| a.ends_with(" 元")))
    );
    // Search by id, and by a name's words, in any case.
    assert_eq!(page(serde_json::json!({ "search": "e0000002" }))["total"], 1);
    assert_eq!(page(serde_json::json!({ "search": "第2号示例企业" }))["lines"][0]["id"], "E0000002");
    // Smallest first on A11: every amount in rising order, the lines with none after them.
    let up = page(serde_json::json!({ "entry": "A11", "order": "amount-up", "limit": 500 }));
    let highs: Vec<Option<f64>> = up["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| l["cells"].as_array().and_then(|c| c.iter().find(|c| c["code"] == "A11")).and_then(|c| c["high"].as_f64()))
        .collect();
    let last_amount = highs.iter().rposition(Option::is_some).unwrap_or(0);
    assert!(highs[..=last_amount].iter().all(Option::is_some) && highs[last_amount + 1..].iter().all(Option::is_none), "{highs:?}");
    assert!(highs.windows(2).all(|w| w[1].is_none() || w[0] <= w[1]), "{highs:?}");
    assert!(highs.iter().any(Option::is_none) && highs.iter().any(Option::is_some), "both kinds of line, so the order is tested: {highs:?}");
    // A page is bounded, and an unknown status is refused by name.
    assert_eq!(page(serde_json::json!({ "limit": 3 }))["lines"].as_array().map(Vec::len), Some(3));
    assert!(Query::from_json(&serde_json::json!({ "status": "maybe" })).is_err_and(|e| e.contains("maybe")));
}

#[cfg(feature = "workbooks")]
#[test]
fn an_xlsx_is_read_row_by_row_so_a_crafted_sheet_costs_a_row_not_the_memory() -> Result<(), rust_xlsxwriter::XlsxError> {
    // A lone cell at the sheet's far corner (XFD1048576) would make a sheet read
    // whole a grid of 17 billion cells; read row by row it is one error row.
    // A long text repeated in cells makes a row beyond a record's size: an error row too.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header: Vec<&str> = HEADER.trim().split(',').chain(["ent_assets", "ent_above_scale", "ent_pilot_status", "ent_pilot_revoked"]).collect();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    sheet.write_string(1, 0, "E1")?;
    sheet.write_string(1, 2, "ENT")?;
    // A cell holds at most 32,767 characters: the same one in every column
    // (kept once in the workbook's shared strings) makes a row of 1.3 MB.
    let long = "长".repeat(32_000);
    for c in 0..header.len() {
        sheet.write_string(2, c as u16, &long)?;
    }
    sheet.write_string(1_048_575, 16_383, "far")?;
    let bytes = book.save_to_buffer()?;
    let records = chanjiao_batch::SheetRecords::open(&bytes, None).unwrap_or_else(|e| panic!("{e:?}"));
    let mut out = Vec::new();
    let report = chanjiao_batch::screen_sheet(records, &mut out, &options("crafted.xlsx"), &mut |_, _| {}).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((report.summary.records, report.summary.evaluated, report.summary.failed), (3, 1, 2));
    let rows = rows(&out);
    assert_eq!(rows[1].get(0), Some("3"));
    assert!(rows[1].iter().any(|c| c.contains("超过 1 MB")), "{:?}", &rows[1].iter().take(6).collect::<Vec<_>>());
    assert_eq!(rows[2].get(0), Some("1048576"), "the far cell's row, by its number");
    assert!(rows[2].iter().any(|c| c.contains("第 XFD 列")), "{:?}", &rows[2].iter().take(6).collect::<Vec<_>>());
    Ok(())
}
