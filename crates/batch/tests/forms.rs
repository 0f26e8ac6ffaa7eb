//! The forms of chosen applicants as one ZIP, in process: the worked example's
//! workbook (its list on 申请人, the blocks on 申请人信息) in, a ZIP out, read
//! back with a zip reader, every row chosen accounted for in its index.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use chanjiao_batch::forms::{Blocks, FormsRequest, MAX_FORM_APPLICANTS, MAX_ZIP_BYTES, Made, forms_zip, forms_zip_from_sheet};
use chanjiao_batch::{Encoding, ErrorKind, Options, SheetRecords, Sink};
use chanjiao_pdf::{Choice, Font, Request, make_forms};
use chanjiao_rules::{Date, Lang, Params};

fn plan() -> &'static Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn font() -> Font {
    let path = root().join("fonts/NotoSansCJKsc-Regular-chanjiao.otf");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; scripts/setup.sh makes it", path.display()));
    Font::new(bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn on() -> Date {
    Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!())
}

fn options(name: &str, lang: Lang) -> Options<'_> {
    Options { name, on: on(), lang, raw_cells: false, params: plan(), compare: None, encoding: Encoding::Utf8, jsonl: false, sink: Sink::Xlsx, workers: 1 }
}

fn workbook() -> Vec<u8> {
    std::fs::read(root().join("docs/batch/applicants.xlsx")).unwrap_or_else(|e| panic!("{e}"))
}

/// A ZIP's files: each name with its bytes.
type Files = Vec<(String, Vec<u8>)>;

/// The ZIP's files by name, and its index's rows (the byte-order mark aside).
fn unzip(bytes: &[u8]) -> (Files, Vec<Vec<String>>) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut files = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap_or_else(|e| panic!("{e}"));
        let mut out = Vec::new();
        f.read_to_end(&mut out).unwrap_or_else(|e| panic!("{e}"));
        files.push((f.name().map(std::borrow::Cow::into_owned).unwrap_or_else(|e| panic!("{e}")), out));
    }
    let index = files.iter().find(|(n, _)| n == "清单.csv" || n == "index.csv").map(|(_, b)| b.clone()).unwrap_or_else(|| panic!("an index"));
    let text = String::from_utf8(index).unwrap_or_else(|e| panic!("{e}"));
    let text = text.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("a byte-order mark for spreadsheets"));
    let rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")).iter().map(str::to_owned).collect())
        .collect();
    (files, rows)
}

fn zip_of(rows: Option<&BTreeSet<u64>>, blocks: &Blocks, lang: Lang) -> Result<(Vec<u8>, Made), chanjiao_batch::Error> {
    zip_within(rows, blocks, lang, MAX_ZIP_BYTES)
}

fn zip_within(rows: Option<&BTreeSet<u64>>, blocks: &Blocks, lang: Lang, max_bytes: u64) -> Result<(Vec<u8>, Made), chanjiao_batch::Error> {
    let font = font();
    let request = FormsRequest { blocks, rows, font: &font, generated_on: Date::new(2025, 7, 1).unwrap_or_else(|| unreachable!()), max_bytes };
    let bytes = workbook();
    let sheet = SheetRecords::open(&bytes, None).unwrap_or_else(|e| panic!("{e:?}"));
    let mut heard = Vec::new();
    let out = forms_zip_from_sheet(sheet, &request, &options("applicants.xlsx", lang), &mut |done, of| heard.push((done, of)));
    if let Ok((_, made)) = &out {
        assert_eq!(heard.last().map(|h| h.0), Some(made.chosen), "progress hears every applicant: {heard:?}");
    }
    out
}

#[test]
fn every_row_chosen_gets_its_forms_or_a_reason_in_the_index() {
    let blocks = Blocks::read(&workbook(), Some("申请人信息"), "applicants.xlsx").unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(blocks.len(), 11);
    let (bytes, made) = zip_of(None, &blocks, Lang::Zh).unwrap_or_else(|e| panic!("{e:?}"));
    let (files, index) = unzip(&bytes);
    assert_eq!(index[0], ["行号", "申请人编号", "申请人名称", "文件", "申请表", "页数", "说明"]);
    let rows = &index[1..];
    assert_eq!(rows.len(), 12, "one index row per record of the list");
    assert_eq!(made.chosen, 12);
    assert_eq!(made.applicants + made.without, 12);
    // Every file the index names is in the ZIP, is a PDF, and holds the forms
    // `chanjiao pdf --all-forms` makes for the same answers and block.
    let named: BTreeSet<&str> = rows.iter().map(|r| r[3].as_str()).filter(|f| !f.is_empty()).collect();
    let pdfs: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).filter(|n| n.ends_with(".pdf")).collect();
    assert_eq!(named, pdfs);
    assert_eq!(pdfs.len() as u64, made.applicants);
    assert!(made.applicants >= 5, "{made:?}");
    let forms: u64 = rows.iter().map(|r| r[4].split_whitespace().count() as u64).sum();
    assert_eq!(forms, made.forms);
    for (name, pdf) in files.iter().filter(|(n, _)| n.ends_with(".pdf")) {
        assert!(pdf.starts_with(b"%PDF-"), "{name}");
        assert!(name.starts_with("000") && name.contains("-产教融合-"), "{name}: the row first, then the name chanjiao pdf gives");
    }
    // The rows without a file say why: the two error rows, and E0000012, whose block the sheet leaves out.
    let reason = |id: &str| rows.iter().find(|r| r[1] == id).map(|r| (r[3].clone(), r[6].clone())).unwrap_or_default();
    assert_eq!(reason("E0000012"), (String::new(), "申请人信息表中没有此编号：E0000012".to_owned()));
    let errors: Vec<&Vec<String>> = rows.iter().filter(|r| r[6].starts_with("错误行：")).collect();
    assert_eq!(errors.len(), 2, "{rows:?}");
    // One applicant's PDF is, byte for byte, what make_forms makes of its answers and block.
    let first = rows.iter().find(|r| r[1] == "E0000001").unwrap_or_else(|| panic!("E0000001"));
    let csv = std::fs::read_to_string(root().join("docs/batch/applicants.csv")).unwrap_or_default();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().cloned().unwrap_or_else(|e| panic!("{e}"));
    let record = reader.records().next().and_then(Result::ok).unwrap_or_else(|| panic!("a record"));
    let mut answers = serde_json::Map::new();
    for (h, v) in headers.iter().zip(record.iter()).skip(2) {
        if !v.is_empty() {
            answers.insert(h.to_owned(), serde_json::Value::String(v.to_owned()));
        }
    }
    let answers = chanjiao_rules::Answers::from_json_value_under(&serde_json::Value::Object(answers), plan()).unwrap_or_else(|e| panic!("{e:?}"));
    let applicant = chanjiao_rules::Applicant {
        name: "泉州市第1号示例企业有限公司".into(),
        id_number: "91350500MA0000001C".into(),
        legal_representative: "陈建国".into(),
        address: "福建省泉州市丰泽区东海街道某某路 1 号".into(),
        contact: "王丽".into(),
        phone: "0595-2222 3333".into(),
        bank: "中国工商银行泉州分行".into(),
        account: "6222020012345600001".into(),
        ..Default::default()
    };
    let opts = chanjiao_pdf::Options::on(Date::new(2025, 7, 1).unwrap_or_else(|| unreachable!()), plan());
    let direct = make_forms(&Request { answers: &answers, applicant: &applicant, evaluated_on: on(), choice: Choice::Offered }, &font(), &opts)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let zipped = files.iter().find(|(n, _)| *n == first[3]).map(|(_, b)| b.clone()).unwrap_or_default();
    assert_eq!(first[4], direct.codes.join(" "));
    assert!(zipped == direct.rendered.bytes, "the ZIP's PDF is make_forms's");
}

#[test]
fn rows_chosen_are_the_only_ones_made_and_a_row_the_list_lacks_is_named() {
    let blocks = Blocks::read(&workbook(), Some("申请人信息"), "applicants.xlsx").unwrap_or_else(|e| panic!("{e:?}"));
    let chosen: BTreeSet<u64> = [2, 6, 999].into_iter().collect();
    let (bytes, made) = zip_of(Some(&chosen), &blocks, Lang::En).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((made.chosen, made.missing_rows.clone()), (2, vec![999]));
    let (files, index) = unzip(&bytes);
    assert_eq!(index[0][0], "Row");
    let rows: Vec<&str> = index[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(rows, ["2", "6", "999"]);
    assert_eq!(index[3][6], "the list has no such row");
    assert!(files.iter().any(|(n, _)| n == "index.csv"));
    // A ZIP that is full makes no more files, and its index says so for each row left.
    let (full, made) = zip_within(None, &blocks, Lang::Zh, 1).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(made.applicants, 1, "the first applicant with forms fills a ZIP of one byte");
    let (_, index) = unzip(&full);
    let left = index[1..].iter().filter(|r| r[6].starts_with("压缩包已满")).count();
    assert!(left >= 4, "{index:?}");
    // More than a ZIP holds is refused before any form is made.
    let many: BTreeSet<u64> = (0..=MAX_FORM_APPLICANTS as u64).collect();
    let refused = zip_of(Some(&many), &blocks, Lang::Zh).err().map(|e| (e.kind, e.message.zh.into_owned()));
    assert!(refused.as_ref().is_some_and(|(k, m)| *k == ErrorKind::BadInput && m.contains("分批")), "{refused:?}");
}

#[test]
fn an_applicant_sheet_as_csv_its_problems_named_per_row() {
    // A block whose credit code fails its check, an id given twice, and a block the list does not need.
    let sheet = "申请人编号,申请单位名称,统一社会信用代码,开户银行\n\
                 E0000001,泉州市第1号示例企业有限公司,91350500MA0000001D,工行\n\
                 E0000002,甲,91350500MA0000002F,\n\
                 E0000002,乙,91350500MA0000002F,\n";
    let blocks = Blocks::read(sheet.as_bytes(), None, "blocks.csv").unwrap_or_else(|e| panic!("{e:?}"));
    let list = std::fs::read(root().join("docs/batch/applicants.csv")).unwrap_or_default();
    let font = font();
    let chosen: BTreeSet<u64> = [2, 3].into_iter().collect();
    let request = FormsRequest { blocks: &blocks, rows: Some(&chosen), font: &font, generated_on: on(), max_bytes: MAX_ZIP_BYTES };
    let (bytes, made) = forms_zip(&list[..], &request, &options("applicants.csv", Lang::Zh), &mut |_, _| {}).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((made.applicants, made.without), (0, 2));
    let (_, index) = unzip(&bytes);
    assert!(index[1][6].starts_with("申请人信息有误：统一社会信用代码：") && index[1][6].contains("校验位") && !index[1][6].contains('\n'), "{:?}", index[1]);
    assert!(index[2][6].contains("出现多次") && index[2][6].contains("第 3、4 行"), "{:?}", index[2]);
    // A header that is no field of the block stops the reading, naming it.
    let bad = Blocks::read("申请人编号,开户行\nE1,工行\n".as_bytes(), None, "blocks.csv").err().map(|e| e.message.zh.into_owned());
    assert!(bad.as_ref().is_some_and(|m| m.contains("开户行") && m.contains("开户银行")), "{bad:?}");
    // A picture chosen by mistake is no spreadsheet, and is named as such.
    let picture = Blocks::read(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None, "photo.png").err().map(|e| e.message.zh.into_owned());
    assert!(picture.as_ref().is_some_and(|m| m.contains("photo.png 不是表格文件")), "{picture:?}");
    // Without 申请人编号 no row can be matched.
    let keyless = Blocks::read("申请单位名称\n甲\n".as_bytes(), None, "blocks.csv").err().map(|e| e.message.en.into_owned());
    assert!(keyless.as_ref().is_some_and(|m| m.contains("applicant_id")), "{keyless:?}");
}

#[test]
fn a_number_too_long_for_a_spreadsheet_is_the_rows_problem_not_a_wrong_account() {
    // An account typed as a number keeps 15 digits in Excel: the block is refused, naming the column.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["申请人编号", "申请单位名称", "统一社会信用代码", "银行账号"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap_or_else(|e| panic!("{e}"));
    }
    sheet.write_string(1, 0, "E0000001").unwrap_or_else(|e| panic!("{e}"));
    sheet.write_string(1, 1, "甲").unwrap_or_else(|e| panic!("{e}"));
    sheet.write_string(1, 2, "91350500MA0000001C").unwrap_or_else(|e| panic!("{e}"));
    sheet.write_number(1, 3, 6_222_020_012_345_600_001.0).unwrap_or_else(|e| panic!("{e}"));
    let bytes = book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"));
    let blocks = Blocks::read(&bytes, None, "blocks.xlsx").unwrap_or_else(|e| panic!("{e:?}"));
    let chosen: BTreeSet<u64> = [2].into_iter().collect();
    let (zipped, made) = zip_of(Some(&chosen), &blocks, Lang::Zh).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(made.without, 1);
    let (_, index) = unzip(&zipped);
    assert!(index[1][6].contains("第 2 行") && index[1][6].contains("银行账号") && index[1][6].contains("15 位"), "{:?}", index[1]);
}

/// The words of a PDF, as poppler's pdftotext (software no one here wrote) reads them.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("chanjiao-forms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(format!("{:x}.pdf", pdf.len()));
    std::fs::write(&path, pdf).unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new("pdftotext").args([path.to_str().unwrap_or_default(), "-"]).output().unwrap_or_else(|e| panic!("pdftotext: {e}"));
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_roster_sheet_fills_the_rosters_of_its_applicants_forms() {
    let bytes = workbook();
    let mut blocks = Blocks::read(&bytes, Some("申请人信息"), "applicants.xlsx").unwrap_or_else(|e| panic!("{e:?}"));
    let read = blocks.read_rosters(&bytes, "名册", "applicants.xlsx", plan()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(read, 4, "every row of the worked example's 名册");
    let chosen: BTreeSet<u64> = [2, 12].into_iter().collect();
    let (zipped, made) = zip_of(Some(&chosen), &blocks, Lang::Zh).unwrap_or_else(|e| panic!("{e:?}"));
    let (files, index) = unzip(&zipped);
    assert_eq!((made.applicants, made.without), (2, 0), "{made:?} {index:?}");
    let text_of = |id: &str| {
        let file = &index.iter().find(|r| r[1] == id).unwrap_or_else(|| panic!("{id} in the index"))[3];
        pdf_text(&files.iter().find(|(n, _)| n == file).unwrap_or_else(|| panic!("{file}")).1)
    };
    let first = text_of("E0000001");
    // Each graduate's row, with the dates of the sheet's date cells as dates.
    for words in ["林晓雯", "陈志明", "黄雅婷", "35050320010101101X", "泉州师范学院", "2024-06-30", "2024-07-08"] {
        assert!(first.contains(words), "E0000001's form lacks {words}: {first}");
    }
    let second = text_of("E0000011");
    assert!(second.contains("吴俊杰") && !second.contains("林晓雯"), "E0000011's form has its own graduate alone: {second}");
}

#[test]
fn a_roster_row_that_cannot_be_read_stops_its_applicants_forms_and_says_why() {
    let bytes = workbook();
    let roster = |rows: &[[&str; 4]]| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("名册").unwrap_or_else(|e| panic!("{e}"));
        for (r, row) in std::iter::once(&["申请人编号", "条目", "姓名", "培训班级（中级工班、高级工班等）"]).chain(rows).enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"))
    };
    let note = |rows: &[[&str; 4]]| {
        let mut blocks = Blocks::read(&bytes, Some("申请人信息"), "applicants.xlsx").unwrap_or_else(|e| panic!("{e:?}"));
        let read = blocks.read_rosters(&roster(rows), "名册", "rosters.xlsx", plan()).unwrap_or_else(|e| panic!("{e:?}"));
        let chosen: BTreeSet<u64> = [2].into_iter().collect();
        let (zipped, made) = zip_of(Some(&chosen), &blocks, Lang::Zh).unwrap_or_else(|e| panic!("{e:?}"));
        (read, made.without, unzip(&zipped).1[1][6].clone())
    };
    // A roster row read: the form is made.
    assert_eq!(note(&[["E0000001", "A8", "林晓雯", "中级工班"]]), (1, 0, String::new()));
    // A class is a column of A8's roster, not A11's.
    let (read, without, why) = note(&[["E0000001", "A11", "林晓雯", "中级工班"]]);
    assert_eq!((read, without), (0, 1));
    assert!(why.contains("名册第 2 行") && why.contains("A11 的名册没有“class”一栏"), "{why}");
    // An entry with no roster (A1 pays no one per person) or none at all.
    for entry in ["A1", "Z9"] {
        let (_, without, why) = note(&[["E0000001", entry, "林晓雯", ""]]);
        assert_eq!(without, 1);
        assert!(why.contains(&format!("“{entry}”不是有名册的条目")), "{why}");
    }
    // A header no roster has stops the reading, naming the columns it takes.
    let mut blocks = Blocks::read(&bytes, Some("申请人信息"), "applicants.xlsx").unwrap_or_else(|e| panic!("{e:?}"));
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["申请人编号", "条目", "学号"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap_or_else(|e| panic!("{e}"));
    }
    let bad = book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"));
    let refused = blocks.read_rosters(&bad, "Sheet1", "rosters.xlsx", plan()).err().map(|e| e.message.zh.into_owned()).unwrap_or_default();
    assert!(refused.contains("“学号”不是名册的栏目") && refused.contains("公民身份号码"), "{refused}");
}
