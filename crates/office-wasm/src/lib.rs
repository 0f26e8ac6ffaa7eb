//! The officer's workbench in the browser: `chanjiao-batch` behind wasm-bindgen.
//! `<chanjiao-office>` (crates/widget/js/office.js) runs this module in a Web
//! Worker (office-worker.js), so a list of 100,000 applicants is screened off
//! the page's thread; the page asks the worker for one page of the table at a
//! time. Nothing here touches the network: the list arrives as bytes the user
//! chose, and leaves only as files the user downloads.
//!
//! `screen(bytes, name, on, lang, progress)` screens a workbook (.xlsx, .xls,
//! .ods) or a CSV / JSON Lines file under the built-in plan and returns a
//! [`Screening`]: its summary, its table a page at a time, the results workbook
//! made in the same pass, and the results as CSV on request. `compare(bytes,
//! name, on, lang, pack, progress)` compares the list under the plan and a pack.
//! `forms(…)` makes the application forms of the rows chosen as one ZIP, each
//! applicant's block read from an applicant sheet. A failure is a
//! typed object `{ kind, zh, en }`, `kind` being the engine's
//! ([`chanjiao_batch::ErrorKind`], in kebab case).
#![deny(missing_docs)]

use std::collections::BTreeSet;

use chanjiao_batch::forms::{Blocks, FormsRequest, ROSTER_SHEET};
use chanjiao_batch::{Encoding, ErrorKind, Options, Query, SheetRecords, Sink, Table, detect_encoding, is_workbook};
use chanjiao_rules::{Date, Lang, Params, load_policy};
use wasm_bindgen::prelude::*;

/// A failure as the page reads it: `{ kind, zh, en }`.
fn failure(kind: &str, zh: &str, en: &str) -> JsValue {
    let out = js_sys::Object::new();
    for (k, v) in [("kind", kind), ("zh", zh), ("en", en)] {
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    out.into()
}

fn batch_failure(e: &chanjiao_batch::Error) -> JsValue {
    let kind = match e.kind {
        ErrorKind::BadInput => "bad-input",
        ErrorKind::NoRecords => "no-records",
        ErrorKind::Read => "read",
        ErrorKind::Write => "write",
        ErrorKind::Internal => "internal",
    };
    failure(kind, &e.message.zh, &e.message.en)
}

/// One screened list, kept in the worker.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Screening {
    table: Table,
    workbook: Vec<u8>,
    input: Vec<u8>,
    name: String,
    sheet: Option<String>,
    on: Date,
    lang: Lang,
    params: &'static Params,
}

/// Compares the list `bytes` (the file named `name`) as of `on` in `lang`
/// under the policy it is screened under (A: the built-in plan, followed by
/// the packs `packs` the host names for screening) and the plan followed by
/// the pack `pack_text` (B), which the host names to compare with. The workbench runs it in a worker of its own, so
/// that cancelling a comparison leaves the screening shown. A pack that fails
/// its checks is refused as the widget refuses it: `{ kind: "policy-refused",
/// key, zh, en }`.
// A JavaScript call's arguments are flat: the worker passes what the page asked.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn compare(
    bytes: Vec<u8>,
    name: String,
    sheet: Option<String>,
    on: &str,
    lang: &str,
    packs: Vec<String>,
    pack_text: &str,
    progress: &js_sys::Function,
) -> Result<Comparison, JsValue> {
    let (on, lang, a) = setting(on, lang, &packs)?;
    let b = policy(&[pack_text])?;
    let mut workbook = Vec::new();
    let opts = Options { compare: Some(b), ..options(&name, on, lang, a, Sink::Xlsx) };
    let report = screen_into(&bytes, sheet.as_deref(), opts, &mut workbook, progress)?;
    let summary = report.comparison_json(lang).map(|v| v.to_string()).unwrap_or_default();
    Ok(Comparison { workbook, summary })
}

/// The names of a workbook's sheets, in order, for the page to offer; none
/// for a file that is not a workbook (or that cannot be read: screening it
/// says why).
#[wasm_bindgen]
pub fn sheets(bytes: &[u8]) -> Vec<String> {
    if !is_workbook(bytes) {
        return Vec::new();
    }
    chanjiao_batch::sheet_names(bytes).unwrap_or_default()
}

/// The evaluation date and language as the page gives them, and the policy
/// screened under: the built-in plan followed by `packs`.
fn setting(on: &str, lang: &str, packs: &[String]) -> Result<(Date, Lang, &'static Params), JsValue> {
    let on = Date::parse(on).ok_or_else(|| failure("bad-input", &format!("“{on}”不是日期（YYYY-MM-DD）"), &format!("\"{on}\" is not a date (YYYY-MM-DD)")))?;
    let lang = if lang.starts_with("en") { Lang::En } else { Lang::Zh };
    Ok((on, lang, policy(packs)?))
}

/// The built-in plan followed by the packs `texts`; a pack that fails its
/// checks is refused as the widget refuses it: `{ kind: "policy-refused",
/// key, zh, en }`, `key` naming the place in the pack.
fn policy<S: AsRef<str>>(texts: &[S]) -> Result<&'static Params, JsValue> {
    let texts: Vec<&str> = texts.iter().map(AsRef::as_ref).collect();
    load_policy(&texts).map_err(|r| {
        let e = r.error;
        let out = failure("policy-refused", &e.message.zh, &e.message.en);
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str("key"), &JsValue::from_str(e.field.as_deref().unwrap_or_default()));
        out
    })
}

/// The list compared under two policies.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Comparison {
    workbook: Vec<u8>,
    summary: String,
}

#[wasm_bindgen]
impl Comparison {
    /// The comparison workbook (.xlsx): both sides per applicant, the error
    /// rows, and the change per entry with a native chart.
    pub fn workbook(&self) -> Vec<u8> {
        self.workbook.clone()
    }

    /// The summary as JSON: the sides' names, who gains and who loses, and per
    /// entry both sides and the change.
    pub fn summary(&self) -> String {
        self.summary.clone()
    }
}

/// How a run reads, evaluates and writes: JSON Lines by the file's name, on
/// the worker's one thread. The encoding is the text's own ([`screen_into`],
/// [`screen`] read it from the bytes); a sheet's cells are text already.
fn options<'a>(name: &'a str, on: Date, lang: Lang, params: &'static Params, sink: Sink) -> Options<'a> {
    let jsonl = name.to_ascii_lowercase().ends_with(".jsonl");
    Options { name, on, lang, raw_cells: false, params, compare: None, encoding: Encoding::Utf8, jsonl, sink, workers: 1 }
}

/// Screens `bytes` into `out` under `opts`: a workbook's sheet `sheet` (or its
/// first), or text in the encoding it is written in.
fn screen_into(bytes: &[u8], sheet: Option<&str>, opts: Options, out: &mut Vec<u8>, progress: &js_sys::Function) -> Result<chanjiao_batch::Report, JsValue> {
    let list = List::open(bytes, sheet)?;
    let mut heard = heard(progress, list.total());
    match list {
        List::Sheet(sheet) => chanjiao_batch::screen_sheet(sheet, out, &opts, &mut heard),
        List::Text(text, encoding) => chanjiao_batch::screen(text, out, &Options { encoding, ..opts }, &mut heard),
    }
    .map_err(|e| batch_failure(&e))
}

/// A list as the engine reads it: a workbook's sheet, or text in the
/// encoding it is written in. Screening, its CSV and the forms all open it so.
enum List<'b> {
    Sheet(SheetRecords<'b>),
    Text(&'b [u8], Encoding),
}

impl<'b> List<'b> {
    /// The list in `bytes`: for a workbook, its sheet `sheet` (or its first).
    fn open(bytes: &'b [u8], sheet: Option<&str>) -> Result<List<'b>, JsValue> {
        match is_workbook(bytes) {
            true => SheetRecords::open(bytes, sheet).map(List::Sheet).map_err(|e| batch_failure(&e)),
            false => Ok(List::Text(bytes, encoding_of(bytes)?)),
        }
    }

    /// How far a run over it goes, as its progress counts: a sheet's rows, or the text's bytes.
    fn total(&self) -> u64 {
        match self {
            List::Sheet(sheet) => sheet.total(),
            List::Text(text, _) => text.len() as u64,
        }
    }
}

/// What tells the page how far a run is: `progress(read, rows, total)`.
fn heard(progress: &js_sys::Function, total: u64) -> impl FnMut(u64, u64) + '_ {
    move |read, rows| {
        let _ = progress.call3(&JsValue::NULL, &JsValue::from_f64(read as f64), &JsValue::from_f64(rows as f64), &JsValue::from_f64(total as f64));
    }
}

fn encoding_of(bytes: &[u8]) -> Result<Encoding, JsValue> {
    detect_encoding(bytes).map_err(|e| failure("read", &format!("无法读取文件：{e}"), &format!("cannot read the file: {e}")))
}

/// Screens `bytes` (the file named `name`; for a workbook, its sheet `sheet`,
/// or the first) as of `on` (YYYY-MM-DD), in `lang` (`zh-CN` or `en`), under
/// the built-in plan followed by the packs `packs` the host names (none: the
/// plan alone). `progress(read, rows, total)` hears, after each chunk of
/// records, how far the reading is (`read` of `total`, in bytes for text and in
/// rows for a sheet) and the rows written.
#[wasm_bindgen]
pub fn screen(
    bytes: Vec<u8>,
    name: String,
    sheet: Option<String>,
    on: &str,
    lang: &str,
    packs: Vec<String>,
    progress: &js_sys::Function,
) -> Result<Screening, JsValue> {
    let (on, lang, params) = setting(on, lang, &packs)?;
    let opts = options(&name, on, lang, params, Sink::Xlsx);
    let list = List::open(&bytes, sheet.as_deref())?;
    let mut heard = heard(progress, list.total());
    let (_, workbook, table) = match list {
        List::Sheet(sheet) => chanjiao_batch::screen_sheet_to_table(sheet, &opts, &mut heard),
        List::Text(text, encoding) => chanjiao_batch::screen_to_table(text, &Options { encoding, ..opts }, &mut heard),
    }
    .map_err(|e| batch_failure(&e))?;
    Ok(Screening { table, workbook, input: bytes, name, sheet, on, lang, params })
}

/// A query as the page sends it, as JSON; one it cannot read is refused, saying why.
fn query_of(query: &str) -> Result<Query, JsValue> {
    let bad = |e: &dyn std::fmt::Display| failure("bad-input", &format!("查询有误：{e}"), &format!("bad query: {e}"));
    let value: serde_json::Value = serde_json::from_str(query).map_err(|e| bad(&e))?;
    Query::from_json(&value).map_err(|e| bad(&e))
}

#[wasm_bindgen]
impl Screening {
    /// The summary as JSON: records read, evaluated and failed; the statuses a
    /// line may be filtered on, in words; per entry its counts and cash range.
    pub fn summary(&self) -> String {
        self.table.summary_json().to_string()
    }

    /// One page of the table as JSON, for a query `{ entry, status, errors,
    /// search, order, offset, limit }` (see [`chanjiao_batch::Query`]).
    pub fn page(&self, query: &str) -> Result<String, JsValue> {
        Ok(self.table.page(&query_of(query)?).to_string())
    }

    /// The rows of every applicant with results that the query `{ entry,
    /// status, search }` matches, for the workbench to choose them all.
    pub fn rows(&self, query: &str) -> Result<Vec<f64>, JsValue> {
        Ok(self.table.rows(&query_of(query)?).into_iter().map(|r| r as f64).collect())
    }

    /// The results workbook (.xlsx), made in the same pass as the table.
    pub fn workbook(&self) -> Vec<u8> {
        self.workbook.clone()
    }

    /// The results as CSV (UTF-8 with a byte-order mark), screened again from
    /// the kept input; `progress` hears as [`screen`]'s does.
    pub fn csv(&self, progress: &js_sys::Function) -> Result<Vec<u8>, JsValue> {
        let mut out = Vec::new();
        let opts = options(&self.name, self.on, self.lang, self.params, Sink::Csv);
        screen_into(&self.input, self.sheet.as_deref(), opts, &mut out, progress)?;
        Ok(out)
    }
}

/// The sheet an applicant sheet is read from when none is named: the one
/// called 申请人信息 (as in the worked example's workbook), or the first.
const BLOCKS_SHEET: &str = "申请人信息";

/// The application forms of the list's rows `rows` (their numbers as the
/// table gives them), as one ZIP with an index (清单.csv) accounting for each.
/// The list is `bytes` (the file `name`, its sheet `sheet`); each applicant's
/// block comes from `blocks` (the file `blocks_name`), or from the list's own
/// workbook when `blocks` is not given, its sheet `blocks_sheet` or the one
/// called 申请人信息, or the first; under the plan followed by `packs`, as
/// the list was screened. `font` is the forms' font, `today` the
/// date printed as the forms' making; `progress(done, chosen, chosen)` hears each applicant.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn forms(
    bytes: Vec<u8>,
    name: String,
    sheet: Option<String>,
    blocks: Option<Vec<u8>>,
    blocks_name: String,
    blocks_sheet: Option<String>,
    rows: Vec<f64>,
    on: &str,
    today: &str,
    lang: &str,
    packs: Vec<String>,
    font: Vec<u8>,
    progress: &js_sys::Function,
) -> Result<FormsZip, JsValue> {
    let (on, lang, params) = setting(on, lang, &packs)?;
    let today = Date::parse(today)
        .ok_or_else(|| failure("bad-input", &format!("“{today}”不是日期（YYYY-MM-DD）"), &format!("\"{today}\" is not a date (YYYY-MM-DD)")))?;
    let font = chanjiao_pdf::Font::new(font).map_err(|e| failure("internal", &e.message.zh, &e.message.en))?;
    let blocks_bytes = blocks.as_deref().unwrap_or(&bytes);
    let names = sheets(blocks_bytes);
    let blocks_sheet = blocks_sheet.or_else(|| names.iter().find(|s| *s == BLOCKS_SHEET).cloned());
    let mut blocks = Blocks::read(blocks_bytes, blocks_sheet.as_deref(), &blocks_name).map_err(|e| batch_failure(&e))?;
    // The persons a per-person form lists, from the 名册 sheet of the same workbook, where it has one.
    let roster_rows = match names.iter().any(|s| s == ROSTER_SHEET) {
        true => blocks.read_rosters(blocks_bytes, ROSTER_SHEET, &blocks_name, params).map_err(|e| batch_failure(&e))?,
        false => 0,
    };
    let rows: BTreeSet<u64> = rows.into_iter().filter(|r| r.is_finite() && *r >= 0.0).map(|r| r as u64).collect();
    let request = FormsRequest { blocks: &blocks, rows: Some(&rows), font: &font, generated_on: today, max_bytes: chanjiao_batch::forms::MAX_ZIP_BYTES };
    let opts = options(&name, on, lang, params, Sink::Xlsx);
    // `progress(done, chosen, chosen)`: applicants done, as the page's bar reads a run's progress.
    let mut heard = heard(progress, rows.len() as u64);
    let (zip, made) = match List::open(&bytes, sheet.as_deref())? {
        List::Sheet(sheet) => chanjiao_batch::forms::forms_zip_from_sheet(sheet, &request, &opts, &mut heard),
        List::Text(text, encoding) => chanjiao_batch::forms::forms_zip(text, &request, &Options { encoding, ..opts }, &mut heard),
    }
    .map_err(|e| batch_failure(&e))?;
    let summary = serde_json::json!({
        "chosen": made.chosen,
        "applicants": made.applicants,
        "forms": made.forms,
        "without": made.without,
        "missing_rows": made.missing_rows,
        "roster_rows": roster_rows,
    });
    Ok(FormsZip { zip, summary: summary.to_string() })
}

/// The forms made, as one ZIP.
#[wasm_bindgen]
#[derive(Debug)]
pub struct FormsZip {
    zip: Vec<u8>,
    summary: String,
}

#[wasm_bindgen]
impl FormsZip {
    /// The ZIP: one PDF per applicant with forms, and 清单.csv.
    pub fn zip(&self) -> Vec<u8> {
        self.zip.clone()
    }

    /// What it holds, as JSON: `{ chosen, applicants, forms, without, missing_rows, roster_rows }`.
    pub fn summary(&self) -> String {
        self.summary.clone()
    }
}
