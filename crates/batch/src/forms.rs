//! The forms of many applicants at once, as one ZIP: the list's answers (the
//! records screened), each applicant's block (name, identity number, address,
//! bank…) from an applicant sheet keyed by 申请人编号, and the rows chosen. Each
//! applicant chosen gets one PDF holding every form its answers are offered,
//! made by `chanjiao_pdf::make_forms` as `chanjiao pdf --all-forms` makes it;
//! an index, 清单.csv, accounts for every row chosen: its file and forms, or
//! why it has none (an error row, no block in the sheet, a block that fails its
//! checks, no form offered, a ZIP already full). So nothing chosen is silently
//! left out.
//!
//! The PDFs are stored in the ZIP as they are, not compressed again: their
//! pages and font are compressed already, and storing keeps a thousand forms
//! quick to make in a browser.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, Cursor, Write};

use chanjiao_pdf::{Choice, Font, Request, make_forms};
use chanjiao_rules::{APPLICANT_FIELDS, Applicant, Date, Lang, Params, RosterColumn};

use crate::read::{Encoding, Records};
use crate::{Error, ErrorKind, Options, Source};

/// The most applicants one ZIP holds: each PDF is a few hundred kilobytes, and
/// a browser holds the whole ZIP in memory before it is saved.
pub const MAX_FORM_APPLICANTS: usize = 2000;

/// The headers that name an applicant's row in the list and in the sheet.
const KEY_HEADERS: [&str; 3] = ["applicant_id", "申请人编号", "Applicant ID"];
/// The headers that name the entry a roster row belongs to.
const ENTRY_HEADERS: [&str; 4] = ["entry", "条目", "条目编号", "Entry code"];
/// The sheet rosters are read from, in the applicant sheet's workbook.
pub const ROSTER_SHEET: &str = "名册";

/// True when `header` is one of `names`, its English in any case.
fn named(names: &[&str], header: &str) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(header))
}

/// What one column of the roster sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RosterCell {
    Key,
    Entry,
    Column(&'static str),
}

/// Headers that name the applicant, besides the block's own labels.
const NAME_HEADERS: [&str; 2] = ["applicant_name", "申请人名称"];

/// The applicant sheet read: each applicant's block by 申请人编号, and the
/// ids given on more than one row (whose block is not guessed).
#[derive(Debug, Default)]
pub struct Blocks {
    by_id: HashMap<String, (u64, Result<Applicant, crate::RowError>)>,
    twice: HashMap<String, Vec<u64>>,
}

/// What one column of the applicant sheet holds: the key, or a field of the block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlockColumn {
    Key,
    Field(&'static str),
}

/// The column a header names, as the list's headers are read: by the field's
/// id, by its label for an organisation or a person in either language, or by
/// the label with the id in brackets (`统一社会信用代码（id_number）`).
fn block_column(header: &str) -> Option<BlockColumn> {
    let h = header.trim();
    // `label（id）` or `label(id)`: the id in brackets decides.
    let inner =
        h.strip_suffix('）').and_then(|s| s.rsplit_once('（')).or_else(|| h.strip_suffix(')').and_then(|s| s.rsplit_once('('))).map(|(_, id)| id.trim());
    let h = inner.unwrap_or(h);
    if named(&KEY_HEADERS, h) {
        return Some(BlockColumn::Key);
    }
    if NAME_HEADERS.contains(&h) {
        return Some(BlockColumn::Field("name"));
    }
    APPLICANT_FIELDS
        .iter()
        .find(|f| {
            f.id == h || [f.label_org.zh, f.label_person.zh].contains(&h) || [f.label_org.en, f.label_person.en].iter().any(|l| l.eq_ignore_ascii_case(h))
        })
        .map(|f| BlockColumn::Field(f.id))
}

impl Blocks {
    /// Reads an applicant sheet: a workbook's sheet `sheet` (or its first), or
    /// CSV text, named `name` in messages. Its header names 申请人编号 and the
    /// block's fields (`name`, `id_number`, … or their labels, 申请单位名称,
    /// 统一社会信用代码, …); a header it does not know stops the reading, as in
    /// the list, so that a misspelt column is not silently left blank.
    pub fn read(bytes: &[u8], sheet: Option<&str>, name: &str) -> Result<Blocks, Error> {
        let mut rows = text_rows(bytes, sheet, name)?.into_iter();
        let Some((line, header, _)) = rows.next() else {
            return Err(Error::new(ErrorKind::NoRecords, format!("申请人信息表 {name} 是空的"), format!("the applicant sheet {name} is empty")));
        };
        let mut cols = Vec::with_capacity(header.len());
        for h in &header {
            if h.trim().is_empty() {
                cols.push(None);
                continue;
            }
            let col = block_column(h).ok_or_else(|| {
                let known: Vec<&str> = std::iter::once("申请人编号").chain(APPLICANT_FIELDS.iter().map(|f| f.label_org.zh)).collect();
                Error::new(
                    ErrorKind::BadInput,
                    format!("申请人信息表 {name} 第 {line} 行的表头“{h}”不是申请人信息的栏目；可用：{}", known.join("、")),
                    format!(
                        "the header \"{h}\" (row {line} of the applicant sheet {name}) is not one of the applicant's details; use: applicant_id, {}",
                        APPLICANT_FIELDS.iter().map(|f| f.id).collect::<Vec<_>>().join(", ")
                    ),
                )
            })?;
            if cols.contains(&Some(col)) {
                return Err(Error::new(
                    ErrorKind::BadInput,
                    format!("申请人信息表 {name} 的表头中“{h}”与另一列是同一栏目"),
                    format!("the applicant sheet {name} names the same field twice (\"{h}\")"),
                ));
            }
            cols.push(Some(col));
        }
        if !cols.contains(&Some(BlockColumn::Key)) {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!("申请人信息表 {name} 没有“申请人编号”（applicant_id）一列，无法与名单对应"),
                format!("the applicant sheet {name} has no applicant_id (申请人编号) column, so its rows cannot be matched to the list"),
            ));
        }
        let mut blocks = Blocks::default();
        for (line, cells, problem) in rows {
            let mut id = String::new();
            let mut applicant = Applicant::default();
            for (col, cell) in cols.iter().zip(cells) {
                match col {
                    Some(BlockColumn::Key) => id = cell.trim().to_owned(),
                    Some(BlockColumn::Field(f)) => {
                        applicant.set(f, cell);
                    }
                    None => {}
                }
            }
            if id.is_empty() {
                continue;
            }
            if let Some(lines) = blocks.twice.get_mut(&id) {
                lines.push(line);
            } else if let Some((first, _)) = blocks.by_id.remove(&id) {
                blocks.twice.insert(id, vec![first, line]);
            } else {
                blocks.by_id.insert(id, (line, problem.map_or(Ok(applicant), Err)));
            }
        }
        Ok(blocks)
    }

    /// Reads the roster sheet `sheet` of the workbook `bytes` (named `name` in
    /// messages) into the blocks read before: the persons (or certificates) a
    /// per-person entry's form lists, as an applicant file's `rosters` gives
    /// them to `chanjiao pdf`. Each row names its applicant by 申请人编号, its
    /// entry by code (`A11`) or id, and the person's cells under the roster's
    /// columns, headed by their keys or their Chinese headings (姓名, 公民身份号码…,
    /// from `[entry.roster]` in the data); a header no roster has stops the
    /// reading. A row that cannot be read as a roster row (an entry with no
    /// roster, a cell under a column that entry's roster does not have)
    /// breaks its applicant's block, so that no form is made with part of a
    /// roster and the ZIP's index says why. Rows for an applicant the
    /// applicant sheet has no single row for are left, as their forms are.
    /// Returns the rows read into a block.
    pub fn read_rosters(&mut self, bytes: &[u8], sheet: &str, name: &str, params: &'static Params) -> Result<u64, Error> {
        let mut rows = crate::sheet::text_rows(bytes, Some(sheet))?.into_iter();
        let Some((line, header, _)) = rows.next() else {
            return Ok(0);
        };
        let columns: Vec<&'static RosterColumn> = params
            .entries()
            .map_err(|e| Error::new(ErrorKind::BadInput, e.message.zh, e.message.en))?
            .filter_map(|e| e.form.as_ref()?.roster.as_ref())
            .flat_map(|r| &r.columns)
            .collect();
        let mut cols = Vec::with_capacity(header.len());
        for h in &header {
            let h = h.trim();
            let col = if h.is_empty() {
                None
            } else if named(&KEY_HEADERS, h) {
                Some(RosterCell::Key)
            } else if named(&ENTRY_HEADERS, h) {
                Some(RosterCell::Entry)
            } else {
                let column = columns.iter().find(|c| c.id == h || c.label_zh == h).ok_or_else(|| {
                    let mut known: Vec<&str> = Vec::new();
                    for c in &columns {
                        if !known.contains(&c.label_zh.as_str()) {
                            known.push(&c.label_zh);
                        }
                    }
                    Error::new(
                        ErrorKind::BadInput,
                        format!("名册 {name} 第 {line} 行的表头“{h}”不是名册的栏目；可用：申请人编号、条目、{}", known.join("、")),
                        format!(
                            "the header \"{h}\" (row {line} of the roster sheet {name}) is no roster's column; use: applicant_id, entry, {}",
                            columns.iter().map(|c| c.id.as_str()).collect::<BTreeSet<_>>().into_iter().collect::<Vec<_>>().join(", ")
                        ),
                    )
                })?;
                Some(RosterCell::Column(column.id.as_str()))
            };
            cols.push(col);
        }
        for needed in [RosterCell::Key, RosterCell::Entry] {
            if !cols.contains(&Some(needed)) {
                return Err(Error::new(
                    ErrorKind::BadInput,
                    format!("名册 {name} 没有“申请人编号”和“条目”两列，无法与申请人对应"),
                    format!("the roster sheet {name} needs an applicant_id column and an entry column, to match its rows to applicants"),
                ));
            }
        }
        let mut read = 0;
        for (line, cells, problem) in rows {
            let (mut id, mut entry) = ("", "");
            let mut person = std::collections::BTreeMap::new();
            for (col, cell) in cols.iter().zip(&cells) {
                match col {
                    Some(RosterCell::Key) => id = cell.trim(),
                    Some(RosterCell::Entry) => entry = cell.trim(),
                    Some(RosterCell::Column(c)) if !cell.trim().is_empty() => {
                        person.insert((*c).to_owned(), cell.trim().to_owned());
                    }
                    _ => {}
                }
            }
            let Some((_, Ok(applicant))) = self.by_id.get_mut(id) else {
                continue;
            };
            let broken = |zh: String, en: String| crate::RowError {
                column: String::new(),
                zh: format!("名册第 {line} 行：{zh}"),
                en: format!("row {line} of the roster sheet: {en}"),
            };
            let roster = params.find_entry(entry).ok().and_then(|e| Some((e, e.form.as_ref()?.roster.as_ref()?)));
            let row = match (problem, roster) {
                (Some(p), _) if p.column.is_empty() => Err(broken(p.zh, p.en)),
                (Some(p), _) => Err(broken(format!("{}：{}", p.column, p.zh), format!("{}: {}", p.column, p.en))),
                (None, None) => Err(broken(format!("“{entry}”不是有名册的条目"), format!("\"{entry}\" is no entry with a roster"))),
                (None, Some((e, roster))) => match person.keys().find(|k| !roster.columns.iter().any(|c| &c.id == *k)) {
                    Some(k) => Err(broken(format!("{} 的名册没有“{k}”一栏", e.code), format!("{}'s roster has no column {k}", e.code))),
                    None => Ok((e.code.clone(), person)),
                },
            };
            match row {
                Ok((code, person)) => {
                    applicant.rosters.entry(code).or_default().push(person);
                    read += 1;
                }
                Err(problem) => {
                    if let Some(block) = self.by_id.get_mut(id) {
                        block.1 = Err(problem);
                    }
                }
            }
        }
        Ok(read)
    }

    /// The applicants with a block, for a message.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// True when the sheet gave no applicant a block.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// Every row with anything in it, as text, with its number: a workbook's
/// sheet, or CSV in the encoding it is written in.
fn text_rows(bytes: &[u8], sheet: Option<&str>, name: &str) -> Result<Vec<crate::sheet::TextRow>, Error> {
    if crate::is_workbook(bytes) {
        return crate::sheet::text_rows(bytes, sheet);
    }
    // Text has no NUL byte: a picture, a PDF or a Word file chosen by mistake does.
    if bytes.iter().take(4096).any(|b| *b == 0) {
        return Err(Error::new(
            ErrorKind::BadInput,
            format!("{name} 不是表格文件：申请人信息表应为 .xlsx、.xls、.ods 或 CSV 文件"),
            format!("{name} is not a spreadsheet: the applicant sheet is an .xlsx, .xls, .ods or CSV file"),
        ));
    }
    let encoding =
        crate::detect_encoding(bytes).map_err(|e| Error::new(ErrorKind::Read, format!("无法读取 {name}：{e}"), format!("cannot read {name}: {e}")))?;
    let mut records = Records::new(bytes);
    let mut rows = Vec::new();
    while let Some(rec) = records.next_csv().map_err(|e| Error::new(ErrorKind::Read, format!("无法读取 {name}：{e}"), format!("cannot read {name}: {e}")))?
    {
        if let Some(p) = &rec.problem {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!("申请人信息表 {name} 第 {} 行无法读取：{}", rec.line, p.zh),
                format!("row {} of the applicant sheet {name} cannot be read: {}", rec.line, p.en),
            ));
        }
        let cells = (0..rec.ends.len()).map(|i| encoding.decode(rec.cell(i)).map(|t| t.into_owned())).collect::<Option<Vec<String>>>();
        let cells = cells.ok_or_else(|| {
            Error::new(
                ErrorKind::BadInput,
                format!("申请人信息表 {name} 第 {} 行不是 {} 文字", rec.line, encoding.name()),
                format!("row {} of the applicant sheet {name} is not {} text", rec.line, encoding.name()),
            )
        })?;
        rows.push((rec.line, cells, None));
    }
    Ok(rows)
}

/// What a ZIP of forms holds, for the page to say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Made {
    /// Rows chosen and found in the list.
    pub chosen: u64,
    /// Applicants with a PDF in the ZIP.
    pub applicants: u64,
    /// Forms in all (a PDF may hold several).
    pub forms: u64,
    /// Rows chosen that have no PDF; 清单.csv says why for each.
    pub without: u64,
    /// Rows chosen that the list does not have.
    pub missing_rows: Vec<u64>,
}

/// What [`forms_zip`] and [`forms_zip_from_sheet`] are asked besides the list.
#[derive(Clone, Copy, Debug)]
pub struct FormsRequest<'a> {
    /// The applicants' blocks.
    pub blocks: &'a Blocks,
    /// The list's rows to make forms for, by their number (the sheet's row,
    /// or the line a CSV record starts on); all rows when `None`.
    pub rows: Option<&'a BTreeSet<u64>>,
    /// The font the forms are drawn in.
    pub font: &'a Font,
    /// The date printed on the forms as made (the library has no clock).
    pub generated_on: Date,
    /// The most bytes of PDF one ZIP holds ([`MAX_ZIP_BYTES`]): past it, the
    /// rows left get no file, and the index says that the ZIP was full.
    pub max_bytes: u64,
}

/// The most bytes of PDF one ZIP holds (1 GiB): a browser holds the ZIP in
/// memory until it is saved, and WebAssembly's memory ends at 4 GiB.
pub const MAX_ZIP_BYTES: u64 = 1 << 30;

/// Makes the forms of a CSV or JSON Lines list's chosen rows into a ZIP, as
/// of `opts.on` under `opts.params`, in `opts.lang` (the index's language;
/// the forms are in Chinese); `progress(done, chosen)` hears each applicant.
pub fn forms_zip<R: BufRead>(input: R, request: &FormsRequest, opts: &Options, progress: &mut dyn FnMut(u64, u64)) -> Result<(Vec<u8>, Made), Error> {
    run(Source::Text(Records::new(input)), request, opts, progress)
}

/// [`forms_zip`] for a workbook's sheet.
pub fn forms_zip_from_sheet(
    sheet: crate::SheetRecords,
    request: &FormsRequest,
    opts: &Options,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(Vec<u8>, Made), Error> {
    let opts = Options { encoding: Encoding::Utf8, jsonl: false, ..*opts };
    sheet.with_rows(|rows| run(Source::<&[u8]>::Sheet(rows), request, &opts, progress))
}

/// One row of 清单.csv.
struct IndexRow {
    row: u64,
    id: String,
    name: String,
    file: String,
    forms: String,
    pages: String,
    note: String,
}

fn run<R: BufRead>(mut source: Source<R>, request: &FormsRequest, opts: &Options, progress: &mut dyn FnMut(u64, u64)) -> Result<(Vec<u8>, Made), Error> {
    let lang = opts.lang;
    let wanted = request.rows.map_or(0, BTreeSet::len);
    if wanted > MAX_FORM_APPLICANTS {
        return Err(too_many(wanted));
    }
    let shown = opts.name;
    let cannot_read = |e: &dyn std::fmt::Display| Error::new(ErrorKind::Read, format!("无法读取 {shown}：{e}"), format!("cannot read {shown}: {e}"));
    let cannot_write = |e: &dyn std::fmt::Display| Error::new(ErrorKind::Write, format!("无法写出压缩包：{e}"), format!("cannot write the ZIP: {e}"));
    let format = source.format(opts, opts.params)?;
    let pdf_options = chanjiao_pdf::Options::on(request.generated_on, opts.params);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let (y, m, d) = (request.generated_on.year(), request.generated_on.month(), request.generated_on.day());
    let stamp = zip::DateTime::from_date_and_time(y, m, d, 0, 0, 0).unwrap_or_default();
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).last_modified_time(stamp);
    let mut index: Vec<IndexRow> = Vec::new();
    let mut made = Made::default();
    let mut seen: BTreeSet<u64> = BTreeSet::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    let total = wanted as u64;
    let mut zipped: u64 = 0;
    while let Some(rec) = source.next(&format).map_err(|e| cannot_read(&e))? {
        if request.rows.is_some_and(|rows| !rows.contains(&rec.line)) {
            continue;
        }
        if request.rows.is_none() && index.len() >= MAX_FORM_APPLICANTS {
            return Err(too_many(index.len() + 1));
        }
        seen.insert(rec.line);
        let row = format.row(&rec, opts.encoding, opts.params);
        let [id, name] = row.ids.clone();
        let mut entry = IndexRow {
            row: row.line,
            id: id.clone(),
            name: name.clone(),
            file: String::new(),
            forms: String::new(),
            pages: String::new(),
            note: String::new(),
        };
        made.chosen += 1;
        match (&row.answers, request.blocks.lookup(&id)) {
            (Err(e), _) => entry.note = format!("{}{}", lang.pick("错误行：", "error row: "), lang.pick(&e.zh, &e.en)),
            (Ok(_), Lookup::NoId) => {
                entry.note =
                    lang.pick("名单中此行没有申请人编号，无法对应申请人信息", "the row has no applicant_id, so no applicant block matches it").to_owned()
            }
            (Ok(_), Lookup::Missing) => entry.note = format!("{}{id}", lang.pick("申请人信息表中没有此编号：", "the applicant sheet has no row for ")),
            (Ok(_), Lookup::Broken(line, problem)) => {
                let column = if problem.column.is_empty() { String::new() } else { format!("{}{}", problem.column, lang.pick("：", ": ")) };
                let what = lang.pick(&problem.zh, &problem.en);
                entry.note = format!("{}{line}{}{column}{what}", lang.pick("申请人信息表第 ", "row "), lang.pick(" 行：", " of the applicant sheet: "));
            }
            (Ok(_), Lookup::Twice(lines)) => {
                let list = lines.iter().map(u64::to_string).collect::<Vec<_>>().join(lang.pick("、", ", "));
                entry.note = match lang {
                    Lang::Zh => format!("申请人信息表中此编号出现多次（第 {list} 行），未选用任何一行"),
                    Lang::En => format!("the applicant sheet gives this id on more than one row (rows {list}), so none was used"),
                };
            }
            (Ok(_), Lookup::Found(_)) if zipped >= request.max_bytes => {
                entry.note = match lang {
                    Lang::Zh => format!("压缩包已满（申请表超过 {} MB），此行未生成：请分批选择", request.max_bytes >> 20),
                    Lang::En => format!("the ZIP was full (over {} MB of forms), so this row was not made: choose the rows in parts", request.max_bytes >> 20),
                };
            }
            (Ok(answers), Lookup::Found(applicant)) => {
                let req = Request { answers, applicant, evaluated_on: opts.on, choice: Choice::Offered };
                match make_forms(&req, request.font, &pdf_options) {
                    Ok(forms) => {
                        zipped += forms.rendered.bytes.len() as u64;
                        let file = unique(&mut names, &format!("{:0>5}-{}", row.line, forms.file_name));
                        zip.start_file(file.as_str(), stored).map_err(|e| cannot_write(&e))?;
                        zip.write_all(&forms.rendered.bytes).map_err(|e| cannot_write(&e))?;
                        made.applicants += 1;
                        made.forms += forms.codes.len() as u64;
                        entry.forms = forms.codes.join(" ");
                        entry.pages = forms.rendered.pages.to_string();
                        entry.file = file;
                        if !forms.rendered.missing.is_empty() {
                            let chars: String = forms.rendered.missing.iter().collect();
                            entry.note = format!(
                                "{}{chars}",
                                lang.pick(
                                    "字体中没有这些字，表中以 □ 代替，打印后请手写补正：",
                                    "the font lacks these characters, drawn as □ (correct them by hand once printed): "
                                )
                            );
                        }
                    }
                    Err(e) => entry.note = reason(&e, lang),
                }
            }
        }
        if entry.file.is_empty() {
            made.without += 1;
        }
        index.push(entry);
        progress(made.chosen, total.max(made.chosen));
    }
    if let Some(rows) = request.rows {
        made.missing_rows = rows.difference(&seen).copied().collect();
    }
    if made.chosen == 0 {
        return Err(Error::new(
            ErrorKind::NoRecords,
            format!("{shown} 中没有所选的申请人；未生成压缩包"),
            format!("{shown} holds none of the applicants chosen; no ZIP was made"),
        ));
    }
    zip.start_file(lang.pick("清单.csv", "index.csv"), stored).map_err(|e| cannot_write(&e))?;
    zip.write_all(&index_csv(&index, &made, lang)).map_err(|e| cannot_write(&e))?;
    let bytes = zip.finish().map_err(|e| cannot_write(&e))?.into_inner();
    Ok((bytes, made))
}

/// Why a row's forms could not be made, on one line of the index: each
/// problem of the applicant block by its column's label (统一社会信用代码),
/// not by its key in a file (`applicant.id_number`).
fn reason(e: &chanjiao_pdf::Error, lang: Lang) -> String {
    if e.fields.is_empty() {
        return e.message.get(lang).replace('\n', " ");
    }
    let label = |field: &str| {
        let id = field.strip_prefix("applicant.").unwrap_or(field);
        APPLICANT_FIELDS.iter().find(|f| f.id == id).map_or_else(|| field.to_owned(), |f| lang.pick(f.label_org.zh, f.label_org.en).to_owned())
    };
    let problems: Vec<String> = e
        .fields
        .iter()
        .map(|f| match &f.field {
            Some(field) => format!("{}{}{}", label(field), lang.pick("：", ": "), f.message.get(lang)),
            None => f.message.get(lang).to_owned(),
        })
        .collect();
    format!("{}{}{}", lang.pick("申请人信息有误：", "the applicant's details are not valid: "), problems.join(lang.pick("；", "; ")), lang.pick("。", "."))
}

fn too_many(n: usize) -> Error {
    Error::new(
        ErrorKind::BadInput,
        format!("一次最多生成 {MAX_FORM_APPLICANTS} 位申请人的申请表（所选 {n} 位）；请分批选择"),
        format!("forms are made for at most {MAX_FORM_APPLICANTS} applicants at a time ({n} chosen): choose them in parts"),
    )
}

/// `name`, or `name` with a number before its extension when the ZIP has it
/// already (two rows can share a row number only across sheets, but two
/// applicants can share a name).
fn unique(names: &mut BTreeSet<String>, name: &str) -> String {
    let mut out = name.to_owned();
    let mut n = 2;
    while names.contains(&out) {
        out = match name.rsplit_once('.') {
            Some((stem, ext)) => format!("{stem}-{n}.{ext}"),
            None => format!("{name}-{n}"),
        };
        n += 1;
    }
    names.insert(out.clone());
    out
}

/// The index as CSV (UTF-8 with a byte-order mark, so Excel and WPS read it
/// as UTF-8): a row per applicant chosen, then the counts. Cells are written
/// as text a spreadsheet will not run as a formula.
fn index_csv(rows: &[IndexRow], made: &Made, lang: Lang) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let header = match lang {
        Lang::Zh => ["行号", "申请人编号", "申请人名称", "文件", "申请表", "页数", "说明"],
        Lang::En => ["Row", "Applicant ID", "Applicant", "File", "Forms", "Pages", "Note"],
    };
    let _ = w.write_record(header);
    for r in rows {
        let row = r.row.to_string();
        let cells = [&row, &r.id, &r.name, &r.file, &r.forms, &r.pages, &r.note].map(|c| crate::write::cell(c, false));
        let _ = w.write_record(cells);
    }
    for missing in &made.missing_rows {
        let row = missing.to_string();
        let note = lang.pick("名单中没有这一行", "the list has no such row");
        let _ = w.write_record([row.as_str(), "", "", "", "", "", note]);
    }
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend_from_slice(&w.into_inner().unwrap_or_default());
    out
}

/// An applicant's block, as the sheet gives it.
enum Lookup<'a> {
    NoId,
    Missing,
    Twice(&'a [u64]),
    Broken(u64, &'a crate::RowError),
    Found(&'a Applicant),
}

impl Blocks {
    fn lookup(&self, id: &str) -> Lookup<'_> {
        let id = id.trim();
        if id.is_empty() {
            return Lookup::NoId;
        }
        if let Some(lines) = self.twice.get(id) {
            return Lookup::Twice(lines);
        }
        match self.by_id.get(id) {
            None => Lookup::Missing,
            Some((_, Ok(a))) => Lookup::Found(a),
            Some((line, Err(problem))) => Lookup::Broken(*line, problem),
        }
    }
}
