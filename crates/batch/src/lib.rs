//! Screening many applicants at once (免申即享) with the rules the widget runs:
//! one applicant per record in, one row of results per record out, and a
//! summary per entry. `chanjiao batch` is this crate behind a command line; the
//! crate itself touches no file, clock or terminal, so a browser can run it too.
//!
//! The parts, by what each does:
//! - [`read`]: records from bytes (CSV or JSON Lines), strictly decoded, each
//!   bounded in memory, with the encoding rule of docs/batch.md; `sheet`
//!   (feature `workbooks`): records from a workbook's sheet (.xlsx, .xls,
//!   .xlsb, .ods);
//! - [`map`]: a record's cells to answers, or to the problem that makes it an
//!   error row;
//! - [`summary`]: counts and sums per entry, and the entries a run reports;
//! - [`write`]: result rows as CSV or JSON Lines, safe for spreadsheets;
//! - [`compare`]: the same under two policies, with the change;
//! - [`screen`]: all of them over a whole input, in order, on every core;
//! - `forms` (feature `forms`): the chosen applicants' application forms as
//!   one ZIP, with an index accounting for every row chosen.
//!
//! Nothing is lost: every record of the input becomes exactly one output row,
//! a result or an error row naming the line where the record starts, and the
//! summary states that records read = result rows + error rows. A run as a
//! whole fails only when it cannot start (a header it cannot read, an input
//! with no record) or cannot read or write; the [`Error`] says which.

use std::io::{BufRead, Write};

use chanjiao_rules::{Date, Lang, Params, Text};

pub mod compare;
#[cfg(feature = "forms")]
pub mod forms;
pub mod map;
pub mod read;
pub mod safe;
#[cfg(feature = "workbooks")]
pub mod sheet;
pub mod summary;
#[cfg(feature = "workbooks")]
pub mod table;
pub mod write;
#[cfg(feature = "workbooks")]
pub mod xlsx;

pub use map::{Column, Row, RowError};
pub use read::{Encoding, MAX_RECORD_BYTES, MAX_RECORD_LINES, Records, detect_encoding, is_utf16};
#[cfg(feature = "workbooks")]
pub use sheet::{MAX_WORKBOOK_BYTES, SheetRecords, is_workbook, sheet_names};
pub use summary::{Listing, Summary};
#[cfg(feature = "workbooks")]
pub use table::{Order, Query, Table};
pub use write::{Sink, template};
#[cfg(feature = "workbooks")]
pub use xlsx::template_workbook;

/// Records evaluated together: large enough to keep every core busy, small
/// enough that memory does not depend on the input.
const CHUNK: usize = 4096;

/// Why a run as a whole could not be done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input cannot be screened as given: its header, its encoding, a policy.
    BadInput,
    /// The input holds no record: nothing to screen, which is never what was meant.
    NoRecords,
    /// Reading the input failed.
    Read,
    /// Writing the results failed.
    Write,
    /// A bug: a worker failed, or the rows do not add up. No results should be kept.
    Internal,
}

/// A run's failure: its kind, and what to tell the user in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// What happened.
    pub message: Text,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, zh: impl Into<String>, en: impl Into<String>) -> Error {
        Error { kind, message: Text::new(zh.into(), en.into()) }
    }
}

/// How a run evaluates, reads and writes.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// The input's name, as messages give it (a path, a file's name).
    pub name: &'a str,
    /// The evaluation date.
    pub on: Date,
    /// The language of the nearest-miss and error cells and the summary.
    pub lang: Lang,
    /// Cells written as given, even those a spreadsheet would run as a formula.
    pub raw_cells: bool,
    /// The policy evaluated under (A).
    pub params: &'static Params,
    /// The policy compared with (B), if any.
    pub compare: Option<&'static Params>,
    /// The input's encoding ([`detect_encoding`] gives the rule's choice).
    pub encoding: Encoding,
    /// The input is JSON Lines rather than CSV (for [`screen`]; a sheet is a sheet).
    pub jsonl: bool,
    /// How results are written.
    pub sink: Sink,
    /// Threads to evaluate on; 1 evaluates on the caller's thread (in a browser, say).
    pub workers: usize,
}

/// What a run found: the summary and the entries it reports, for the tables,
/// the summary file and the chart.
#[derive(Debug)]
pub struct Report {
    /// Counts and sums per entry.
    pub summary: Summary,
    /// The entries reported, in order.
    pub listing: Listing,
    params: &'static Params,
    compare: Option<&'static Params>,
    on: Date,
    #[cfg(feature = "workbooks")]
    sink: Sink,
}

impl Report {
    /// True when a record became an error row.
    pub fn rows_failed(&self) -> bool {
        self.summary.failed > 0
    }

    /// What to print at the end: the count of records and, per entry, the
    /// statuses and sums (for a comparison, both sides and the change).
    pub fn table(&self, lang: Lang) -> String {
        // A workbook keeps its error rows on a sheet of their own, not in a column.
        #[cfg(feature = "workbooks")]
        let errors_at = match self.sink {
            Sink::Xlsx => ("工作簿的“错误行”工作表", "the Errors sheet of the workbook"),
            _ => ("输出文件的 error 列", "the error column of the output"),
        };
        #[cfg(not(feature = "workbooks"))]
        let errors_at = ("输出文件的 error 列", "the error column of the output");
        let table = summary::table(&self.summary, &self.listing, lang, errors_at);
        // An illustration says so before anything else, as the CLI's and the widget's results do.
        let mut text: String = illustrations(self.params, self.compare, self.on).map(|t| format!("{}\n", t.get(lang))).collect();
        match self.compare {
            None => text.push_str(&table),
            Some(b) => {
                text.push_str(table.lines().next().unwrap_or_default());
                text.push('\n');
                text.push_str(&compare::table(&self.compared(), self.summary.change, self.names(b).as_ref(), lang));
            }
        }
        text
    }

    /// The per-entry summary as CSV (for a comparison, both sides and the change).
    pub fn summary_csv(&self) -> Vec<u8> {
        match self.compare {
            None => summary::csv(&self.summary, &self.listing),
            Some(_) => compare::summary_csv(&self.compared(), &self.all_sides()),
        }
    }

    /// For a comparison, its summary as JSON (the workbench shows it): the
    /// sides, who gains and who loses, and per entry both sides and the change.
    pub fn comparison_json(&self, lang: Lang) -> Option<serde_json::Value> {
        let b = self.compare?;
        Some(compare::summary_json(&self.compared(), self.summary.change, self.names(b).as_ref(), lang))
    }

    /// For a comparison, the per-entry chart as SVG.
    pub fn chart_svg(&self) -> Option<String> {
        let b = self.compare?;
        Some(compare::svg(&self.compared(), self.summary.change, self.names(b).as_ref()))
    }

    pub(crate) fn names(&self, b: &Params) -> Names {
        Names(compare::side_name(self.params), compare::side_name(b))
    }

    fn all_sides(&self) -> Vec<(&'static chanjiao_rules::Entry, compare::Side, compare::Side)> {
        self.listing.entries.iter().zip(self.summary.entries.iter().zip(&self.summary.entries_b)).map(|(e, (a, b))| (*e, a.side(), b.side())).collect()
    }

    /// The entries open to someone in the list under either side.
    pub(crate) fn compared(&self) -> Vec<(&'static chanjiao_rules::Entry, compare::Side, compare::Side)> {
        self.all_sides()
            .into_iter()
            .zip(self.summary.entries.iter().zip(&self.summary.entries_b))
            .filter(|(_, (a, b))| a.by_status[..4].iter().chain(&b.by_status[..4]).any(|n| *n > 0))
            .map(|(r, _)| r)
            .collect()
    }
}

/// The notices of the sides that rest on an illustrative policy on `on`.
fn illustrations(a: &'static Params, b: Option<&'static Params>, on: Date) -> impl Iterator<Item = chanjiao_rules::Text> {
    std::iter::once(a).chain(b).filter_map(move |p| p.illustration_notice(on))
}

/// The cell each results row carries when a side rests on an illustrative
/// policy: short, since it repeats on every row, and naming the document.
fn illustration_cell(a: &'static Params, b: Option<&'static Params>, on: Date, lang: Lang) -> Option<String> {
    let numbers: Vec<&str> = std::iter::once(a).chain(b).filter_map(|p| p.illustrative_on(on)).map(|d| lang.pick(&d.number, &d.number_en)).collect();
    (!numbers.is_empty()).then(|| {
        let list = numbers.join(lang.pick("、", ", "));
        // An illustrative document's number says it is one (示例，非真实政策).
        lang.pick(&format!("非真实结果：依据 {list} 测算"), &format!("Not real results: worked out under {list}")).to_owned()
    })
}

/// The two sides' names, borrowed as a pair.
pub(crate) struct Names(String, String);

impl Names {
    pub(crate) fn as_ref(&self) -> (&str, &str) {
        (&self.0, &self.1)
    }
}

/// Where records come from: text (CSV or JSON Lines), or a workbook's sheet.
enum Source<'s, R> {
    Text(Records<R>),
    #[cfg(feature = "workbooks")]
    Sheet(&'s mut dyn sheet::SheetRows),
    #[cfg(not(feature = "workbooks"))]
    #[allow(dead_code)]
    Never(std::marker::PhantomData<&'s ()>),
}

impl<R: BufRead> Source<'_, R> {
    /// How the records are read: the header's columns, or JSON Lines.
    fn format(&mut self, opts: &Options, reader: &Params) -> Result<map::Format, Error> {
        match self {
            Source::Text(_) if opts.jsonl => Ok(map::Format::Jsonl),
            Source::Text(records) => map::Format::csv(records, opts.encoding, reader, opts.name),
            #[cfg(feature = "workbooks")]
            Source::Sheet(sheet) => sheet.header(reader),
            #[cfg(not(feature = "workbooks"))]
            Source::Never(_) => Err(no_records(opts.name)),
        }
    }

    fn next(&mut self, format: &map::Format) -> std::io::Result<Option<read::RawRecord>> {
        match self {
            Source::Text(records) => records.next(format),
            #[cfg(feature = "workbooks")]
            Source::Sheet(sheet) => sheet.next_record(),
            #[cfg(not(feature = "workbooks"))]
            Source::Never(_) => Ok(None),
        }
    }

    /// Bytes read (text) or rows read (a sheet).
    fn consumed(&self) -> u64 {
        match self {
            Source::Text(records) => records.consumed(),
            #[cfg(feature = "workbooks")]
            Source::Sheet(sheet) => sheet.consumed(),
            #[cfg(not(feature = "workbooks"))]
            Source::Never(_) => 0,
        }
    }
}

/// Screens every record of `input` (CSV, or JSON Lines with `opts.jsonl`)
/// into `out`: the header row (for CSV), then one row per record, in the
/// input's order. `progress` hears, after each chunk, the bytes read so far
/// and the rows written.
pub fn screen<R: BufRead, W: Write>(input: R, out: &mut W, opts: &Options, progress: &mut dyn FnMut(u64, u64)) -> Result<Report, Error> {
    run(Source::Text(Records::new(input)), out, opts, progress, None)
}

#[cfg(feature = "workbooks")]
/// Screens a CSV or JSON Lines input into a results workbook and, in the same
/// pass, the [`Table`] the workbench shows: both are made from the same rows.
/// Only a screening under one policy fills a table (a comparison's rows are two).
pub fn screen_to_table<R: BufRead>(input: R, opts: &Options, progress: &mut dyn FnMut(u64, u64)) -> Result<(Report, Vec<u8>, Table), Error> {
    to_table(Source::Text(Records::new(input)), opts, progress)
}

#[cfg(feature = "workbooks")]
/// [`screen_to_table`] for a workbook's sheet.
pub fn screen_sheet_to_table(sheet: SheetRecords, opts: &Options, progress: &mut dyn FnMut(u64, u64)) -> Result<(Report, Vec<u8>, Table), Error> {
    let opts = Options { encoding: Encoding::Utf8, jsonl: false, ..*opts };
    sheet.with_rows(|rows| to_table(Source::<&[u8]>::Sheet(rows), &opts, progress))
}

#[cfg(feature = "workbooks")]
fn to_table<R: BufRead>(source: Source<R>, opts: &Options, progress: &mut dyn FnMut(u64, u64)) -> Result<(Report, Vec<u8>, Table), Error> {
    let opts = Options { sink: Sink::Xlsx, compare: None, ..*opts };
    let listing = Listing::of(opts.params, None).map_err(|e| Error::new(ErrorKind::BadInput, e.message.zh, e.message.en))?;
    let mut table = Table::new(&listing, opts.lang);
    let mut book = Vec::new();
    let report = run(source, &mut book, &opts, progress, Some(&mut |row: &xlsx::SheetRow| table.add(row)))?;
    table.set_summary(report.summary.clone());
    Ok((report, book, table))
}

#[cfg(feature = "workbooks")]
/// Screens every row of a workbook's sheet after its header, as [`screen`]
/// does a CSV file; `progress` hears the sheet's rows read so far.
pub fn screen_sheet<W: Write>(sheet: SheetRecords, out: &mut W, opts: &Options, progress: &mut dyn FnMut(u64, u64)) -> Result<Report, Error> {
    // A sheet's cells are text already: read as UTF-8, whatever the option says.
    let opts = Options { encoding: Encoding::Utf8, jsonl: false, ..*opts };
    sheet.with_rows(|rows| run(Source::<&[u8]>::Sheet(rows), out, &opts, progress, None))
}

/// What hears each workbook row as it is written, in order (the workbench's table).
#[cfg(feature = "workbooks")]
type Tap<'t> = Option<&'t mut dyn FnMut(&xlsx::SheetRow)>;
#[cfg(not(feature = "workbooks"))]
type Tap<'t> = Option<&'t mut dyn FnMut(&())>;

fn run<R: BufRead, W: Write>(mut source: Source<R>, out: &mut W, opts: &Options, progress: &mut dyn FnMut(u64, u64), mut tap: Tap) -> Result<Report, Error> {
    // Only a workbook's rows are tapped.
    #[cfg(not(feature = "workbooks"))]
    let _: Tap = tap.take();
    let (params, compare) = (opts.params, opts.compare);
    // Rows are read under the policy that asks the most: a successor's new
    // questions are answered in the file of a comparison with the plan.
    let reader = match compare {
        Some(b) if b.added_questions.len() > params.added_questions.len() => b,
        _ => params,
    };
    let listing = Listing::of(params, compare).map_err(|e| Error::new(ErrorKind::BadInput, e.message.zh, e.message.en))?;
    let entries = listing.entries.len();
    let shown = opts.name;
    let cannot_read = |e: &dyn std::fmt::Display| Error::new(ErrorKind::Read, format!("无法读取 {shown}：{e}"), format!("cannot read {shown}: {e}"));
    let cannot_write = |e: &dyn std::fmt::Display| Error::new(ErrorKind::Write, format!("无法写出结果：{e}"), format!("cannot write the results: {e}"));
    // A comparison headed for a workbook is written as CSV, held here, and
    // made into the workbook at the end; plain results go row by row into one.
    #[cfg(feature = "workbooks")]
    let compared_book = opts.sink == Sink::Xlsx && compare.is_some();
    #[cfg(not(feature = "workbooks"))]
    let compared_book = false;
    let illustration = illustration_cell(params, compare, opts.on, opts.lang);
    #[cfg(feature = "workbooks")]
    let mut book = match opts.sink {
        Sink::Xlsx if !compared_book => Some(xlsx::Book::new(&listing, opts.lang, illustration.clone())?),
        _ => None,
    };
    let mut held: Vec<u8> = Vec::new();
    let sink = if compared_book { Sink::Csv } else { opts.sink };
    let target: &mut dyn Write = if compared_book { &mut held } else { &mut *out };
    let format = source.format(opts, reader)?;
    let raw_cells = opts.raw_cells || compared_book;
    let pair = match compare {
        Some(b) => Some(chanjiao_rules::Pair::new(params, b).map_err(|e| Error::new(ErrorKind::BadInput, e.message.zh, e.message.en))?),
        None => None,
    };
    let how = write::Writing {
        sink,
        lang: opts.lang,
        raw_cells,
        on: opts.on,
        params,
        compare: pair.as_ref(),
        listing: &listing,
        illustration: illustration.as_deref(),
    };
    if sink == Sink::Csv {
        // The byte-order mark lets spreadsheet programs read the UTF-8 as UTF-8.
        target.write_all("\u{feff}".as_bytes()).map_err(|e| cannot_write(&e))?;
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        let mut header = if compare.is_some() { compare::header(&listing) } else { write::csv_header(&listing) };
        if illustration.is_some() {
            header.push("illustration".to_owned());
        }
        let _ = w.write_record(header);
        target.write_all(&w.into_inner().unwrap_or_default()).map_err(|e| cannot_write(&e))?;
    }
    let workers = opts.workers.max(1);
    let mut summary = Summary::new(entries);
    // Records are read a chunk ahead: while the workers evaluate one chunk,
    // this thread reads the next (a workbook's XML is most of a sheet's time).
    let read_chunk = |source: &mut Source<R>| -> Result<Vec<read::RawRecord>, Error> {
        let mut chunk = Vec::with_capacity(CHUNK);
        while chunk.len() < CHUNK {
            match source.next(&format).map_err(|e| cannot_read(&e))? {
                Some(rec) => chunk.push(rec),
                None => break,
            }
        }
        Ok(chunk)
    };
    let mut chunk = read_chunk(&mut source)?;
    loop {
        if chunk.is_empty() {
            break;
        }
        // Decode, read and evaluate the chunk on every core, each part into its
        // own buffer, then write the parts in order.
        let one = |recs: &[read::RawRecord]| {
            let mut part = Part::default();
            // About what a row takes: a comparison's rows are wider.
            part.bytes.reserve(recs.len() * if compare.is_some() { 1024 } else { 512 });
            let mut s = Summary::new(entries);
            for rec in recs {
                let row = format.row(rec, opts.encoding, reader);
                #[cfg(feature = "workbooks")]
                if book.is_some() {
                    let result = write::evaluate_row(&row, &how, &mut s);
                    part.rows.push(xlsx::row(&row, result, &listing, opts.lang));
                    continue;
                }
                write::format_row(&row, &how, &mut part.bytes, &mut s, entries);
            }
            (part, s)
        };
        let (parts, next): (Vec<Option<(Part, Summary)>>, _) = if workers == 1 {
            (vec![Some(one(&chunk))], read_chunk(&mut source))
        } else {
            let part = chunk.len().div_ceil(workers);
            std::thread::scope(|scope| {
                let handles: Vec<_> = chunk.chunks(part).map(|recs| scope.spawn(move || one(recs))).collect();
                let next = read_chunk(&mut source);
                (handles.into_iter().map(|h| h.join().ok()).collect(), next)
            })
        };
        for part in parts {
            // The rules never panic (property-tested); if a worker did, stop rather
            // than write results with rows silently missing.
            let Some((part, s)) = part else {
                return Err(Error::new(
                    ErrorKind::Internal,
                    "内部错误：一个计算线程失败，未写出结果文件",
                    "internal error: a worker failed; no results file was written",
                ));
            };
            target.write_all(&part.bytes).map_err(|e| cannot_write(&e))?;
            #[cfg(feature = "workbooks")]
            if let Some(book) = book.as_mut() {
                for row in &part.rows {
                    book.add(row)?;
                    if let Some(tap) = tap.as_mut() {
                        tap(row);
                    }
                }
            }
            summary.merge(s);
        }
        progress(source.consumed(), summary.records);
        chunk = next?;
    }
    if summary.records == 0 {
        return Err(no_records(shown));
    }
    // Every record read became one row, a result or an error.
    if summary.records != summary.evaluated + summary.failed {
        return Err(Error::new(ErrorKind::Internal, "内部错误：记录数与结果行数不符", "internal error: records and rows do not add up"));
    }
    #[cfg(feature = "workbooks")]
    if let Some(book) = book {
        let notices: Vec<chanjiao_rules::Text> = illustrations(params, compare, opts.on).collect();
        target.write_all(&book.finish(&summary, &listing, &notices)?).map_err(|e| cannot_write(&e))?;
    }
    let report = Report {
        summary,
        listing,
        params,
        compare,
        on: opts.on,
        #[cfg(feature = "workbooks")]
        sink: opts.sink,
    };
    #[cfg(feature = "workbooks")]
    if let (true, Some(b)) = (compared_book, compare) {
        let names = report.names(b);
        let bytes = xlsx::comparison(&held, &report, names.as_ref(), opts.lang)?;
        drop(held);
        out.write_all(&bytes).map_err(|e| cannot_write(&e))?;
    }
    Ok(report)
}

/// What one worker made of its records: output bytes (CSV, JSON Lines), or
/// rows for the workbook, which the caller's thread writes in order.
#[derive(Default)]
struct Part {
    bytes: Vec<u8>,
    #[cfg(feature = "workbooks")]
    rows: Vec<xlsx::SheetRow>,
}

/// An input with no record.
fn no_records(shown: &str) -> Error {
    Error::new(
        ErrorKind::NoRecords,
        format!("{shown} 中没有申请人记录（文件为空，或只有表头）；未写出结果文件"),
        format!("{shown} holds no applicant record (the file is empty, or has only a header); no results file was written"),
    )
}
