//! `chanjiao batch`: screen many applicants at once (免申即享) with the rules the
//! widget runs. One applicant per record in, one row of results per record out,
//! and a summary per entry.
//!
//! Nothing is lost: every record of the input becomes exactly one output row,
//! a result or an error row naming the line where the record starts, and the
//! summary states that records read = result rows + error rows. The reader is
//! this module's own (see [`Records`]): it decodes strictly, so a byte that is
//! not text in the file's encoding makes an error row rather than mojibake, and
//! a broken quote makes an error row and reading resumes at the next line,
//! rather than swallowing the rows after it. Streaming: records are read in
//! chunks, evaluated on every core and written in order, and no record may
//! exceed [`MAX_RECORD_BYTES`], so memory stays bounded whatever the input.
//! The results go to a temporary file beside the output, renamed at the end
//! (`crate::output`, as every file the CLI writes).

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use chanjiao_rules::{Answers, Date, Decimal, Evaluation, Lang, Q, Status, evaluate_with, questions};
use indicatif::{ProgressBar, ProgressStyle};

use crate::{Exit, Failure, bad_input, write_failure};

/// Records evaluated together: large enough to keep every core busy, small
/// enough that memory does not depend on the file.
const CHUNK: usize = 4096;

/// The longest record read, in bytes (1 MiB). A longer line is an error row and
/// is skipped without being held in memory.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// The most lines one CSV record may span (a quoted cell with line breaks). A
/// quote left open would otherwise take the rows after it into one cell.
pub const MAX_RECORD_LINES: usize = 16;

/// Columns that are not answers: carried through to the results as given.
const PASSTHROUGH: [&str; 2] = ["applicant_id", "applicant_name"];

/// The input's text encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    #[value(name = "utf-8")]
    Utf8,
    /// GB18030 (and so GBK and GB2312), as many office tools export.
    #[value(name = "gb18030")]
    Gb18030,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
        }
    }

    /// The text of `bytes`, or `None` when they are not text in this encoding.
    /// Never a replacement character: a bad byte is the caller's error row.
    fn decode(self, bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            Encoding::Utf8 => std::str::from_utf8(bytes).ok().map(std::borrow::Cow::Borrowed),
            Encoding::Gb18030 => encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes),
        }
    }
}

/// What `chanjiao batch` was asked.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The applicants: CSV (UTF-8 with or without BOM, or GB18030) or JSON Lines (.jsonl).
    #[arg(long, value_name = "FILE", required_unless_present = "template")]
    input: Option<PathBuf>,
    /// The results: CSV, or JSON Lines when the name ends in .jsonl. Written to a
    /// temporary file beside it and renamed when the run ends; never a file the
    /// run reads.
    #[arg(long, value_name = "FILE", required_unless_present = "template")]
    output: Option<PathBuf>,
    /// Evaluate as of this date, YYYY-MM-DD (default: today in China Standard Time).
    #[arg(long, value_name = "YYYY-MM-DD")]
    on: Option<String>,
    /// The input's encoding (default: see docs/batch.md; UTF-8 unless more of the
    /// file's non-ASCII lines read only as GB18030).
    #[arg(long, value_enum)]
    encoding: Option<Encoding>,
    /// Also write the per-entry summary as CSV to this file.
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
    /// Language of the nearest-miss and error columns and the printed summary.
    #[arg(long, value_enum, default_value = "zh-CN")]
    lang: crate::LangArg,
    /// Write cells as given, even those a spreadsheet would run as a formula
    /// (by default a cell starting with = + - @, a tab or a carriage return gets
    /// a leading apostrophe, the OWASP rule for CSV injection). Control and bidi
    /// characters are written as U+XXXX either way.
    #[arg(long)]
    raw_cells: bool,
    /// A policy pack that follows the built-in plan (repeat, in date order).
    #[arg(long = "policy", value_name = "FILE")]
    policy: Vec<PathBuf>,
    /// Compare with another policy: evaluate every record under both, A (--policy,
    /// or the plan) and B (these packs, in order; `builtin` for the plan alone),
    /// and write both with the difference (docs/batch.md, "What a reform would cost").
    #[arg(long = "compare-policy", value_name = "FILE|builtin")]
    compare_policy: Vec<PathBuf>,
    /// With --compare-policy: also write the per-entry summary as an SVG chart.
    #[arg(long, value_name = "FILE.svg", requires = "compare_policy")]
    chart: Option<PathBuf>,
    /// Print a CSV template (every column, and an example row) and exit.
    #[arg(long)]
    template: bool,
}

/// One input column.
#[derive(Clone, Copy, Debug)]
enum Column {
    Question(Q),
    Passthrough(usize),
}

/// A record's problem: the column (empty when no one column is to blame) and
/// what is wrong, in both languages.
#[derive(Clone)]
struct RowError {
    column: String,
    zh: String,
    en: String,
}

impl RowError {
    /// A problem with no one column to blame.
    fn whole(zh: String, en: String) -> RowError {
        RowError { column: String::new(), zh, en }
    }
}

/// The rules' refusal, in the column it names.
impl From<chanjiao_rules::Error> for RowError {
    fn from(e: chanjiao_rules::Error) -> RowError {
        RowError { column: e.field.unwrap_or_default(), zh: e.message.zh.into_owned(), en: e.message.en.into_owned() }
    }
}

/// One physical line of the input, without its line ending.
struct Line {
    /// Its number in the file; the first line is 1.
    number: u64,
    /// Its bytes, at most [`MAX_RECORD_BYTES`] of them.
    bytes: Vec<u8>,
    /// The line was longer than [`MAX_RECORD_BYTES`]; the rest was skipped unread.
    oversized: bool,
}

/// Physical lines, each bounded in memory whatever the file holds.
struct Lines<R> {
    inner: R,
    number: u64,
    /// Bytes consumed so far, for the progress bar.
    consumed: u64,
}

impl<R: BufRead> Lines<R> {
    fn new(inner: R) -> Lines<R> {
        Lines { inner, number: 0, consumed: 0 }
    }

    fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        let mut bytes = Vec::new();
        let mut oversized = false;
        let mut any = false;
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            any = true;
            let (part, used, ended) = match memchr::memchr(b'\n', buf) {
                Some(i) => (&buf[..i], i + 1, true),
                None => (buf, buf.len(), false),
            };
            let room = MAX_RECORD_BYTES.saturating_sub(bytes.len());
            if part.len() > room {
                oversized = true;
            }
            bytes.extend_from_slice(&part[..part.len().min(room)]);
            self.inner.consume(used);
            self.consumed += used as u64;
            if ended {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.number += 1;
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        if self.number == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        Ok(Some(Line { number: self.number, bytes, oversized }))
    }
}

fn blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// A record as read, before it is decoded: where it starts, its cells' bytes,
/// or why it could not be read. Decoding and evaluation happen on the workers.
struct RawRecord {
    line: u64,
    /// The cells' bytes, one after another; `ends[i]` is where cell `i` ends.
    bytes: Vec<u8>,
    ends: Vec<usize>,
    problem: Option<RowError>,
}

impl RawRecord {
    fn cell(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }
}

/// Where a CSV parse is within a record.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CsvState {
    CellStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted cell: the cell's end, or the first of a doubled quote.
    QuoteInQuoted,
}

/// Why a record's quoting is broken.
#[derive(Clone, Copy)]
enum QuoteError {
    InUnquoted,
    AfterClosing,
    Unclosed,
}

/// Parses one line of a CSV record (RFC 4180, strictly) into `bytes`/`ends`.
fn parse_csv_line(line: &[u8], state: &mut CsvState, bytes: &mut Vec<u8>, ends: &mut Vec<usize>) -> Result<(), QuoteError> {
    for &c in line {
        *state = match (*state, c) {
            (CsvState::CellStart, b'"') => CsvState::Quoted,
            (CsvState::CellStart | CsvState::Unquoted | CsvState::QuoteInQuoted, b',') => {
                ends.push(bytes.len());
                CsvState::CellStart
            }
            (CsvState::CellStart | CsvState::Unquoted, _) if c == b'"' => return Err(QuoteError::InUnquoted),
            (CsvState::CellStart | CsvState::Unquoted, _) => {
                bytes.push(c);
                CsvState::Unquoted
            }
            (CsvState::Quoted, b'"') => CsvState::QuoteInQuoted,
            (CsvState::Quoted, _) => {
                bytes.push(c);
                CsvState::Quoted
            }
            (CsvState::QuoteInQuoted, b'"') => {
                bytes.push(b'"');
                CsvState::Quoted
            }
            (CsvState::QuoteInQuoted, _) => return Err(QuoteError::AfterClosing),
        };
    }
    if *state != CsvState::Quoted {
        ends.push(bytes.len());
    }
    Ok(())
}

/// True when a line, on its own, would be a whole record of `width` cells with no
/// quoting: met inside a quoted cell, it means the quote was never closed.
fn looks_like_a_record(line: &[u8], width: usize) -> bool {
    width > 1 && !line.contains(&b'"') && line.iter().filter(|b| **b == b',').count() == width - 1
}

/// Records, read from lines. A broken record is reported at the line where it
/// starts, and reading resumes at the line after that one: the lines it had
/// taken are read again, so a quote left open costs one error row, not the rows
/// after it.
struct Records<R> {
    lines: Lines<R>,
    /// Lines taken back after a broken record, read again first.
    again: VecDeque<Line>,
    /// The header's number of cells (0 while the header itself is read).
    width: usize,
}

impl<R: BufRead> Records<R> {
    fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        match self.again.pop_front() {
            Some(l) => Ok(Some(l)),
            None => self.lines.next_line(),
        }
    }

    /// The next CSV record, blank lines skipped; `None` at the end of the file.
    fn next_csv(&mut self) -> std::io::Result<Option<RawRecord>> {
        let first = loop {
            match self.next_line()? {
                None => return Ok(None),
                Some(l) if !l.oversized && blank(&l.bytes) => {}
                Some(l) => break l,
            }
        };
        let mut rec = RawRecord { line: first.number, bytes: Vec::with_capacity(first.bytes.len()), ends: Vec::new(), problem: None };
        if first.oversized {
            let mb = MAX_RECORD_BYTES / (1024 * 1024);
            rec.problem = Some(RowError::whole(format!("此行超过 {mb} MB，未读取"), format!("this line is over {mb} MB and was not read")));
            // The cells that end within the part read are whole: keep them, so
            // the error row still names its applicant. The last cell, cut at the
            // limit, is dropped.
            let mut state = CsvState::CellStart;
            if parse_csv_line(&first.bytes, &mut state, &mut rec.bytes, &mut rec.ends).is_ok() && state != CsvState::Quoted {
                rec.ends.pop();
            }
            rec.bytes.truncate(rec.ends.last().copied().unwrap_or(0));
            return Ok(Some(rec));
        }
        let mut state = CsvState::CellStart;
        let mut result = parse_csv_line(&first.bytes, &mut state, &mut rec.bytes, &mut rec.ends);
        let on_first_line = rec.ends.len();
        let mut taken: Vec<Line> = Vec::new();
        let mut size = first.bytes.len();
        while result.is_ok() && state == CsvState::Quoted {
            if taken.len() + 1 >= MAX_RECORD_LINES {
                result = Err(QuoteError::Unclosed);
                break;
            }
            let Some(line) = self.next_line()? else {
                result = Err(QuoteError::Unclosed);
                break;
            };
            size += line.bytes.len() + 1;
            if line.oversized || size > MAX_RECORD_BYTES {
                taken.push(line);
                result = Err(QuoteError::Unclosed);
                break;
            }
            rec.bytes.push(b'\n');
            result = parse_csv_line(&line.bytes, &mut state, &mut rec.bytes, &mut rec.ends);
            taken.push(line);
        }
        // A quoted cell that spans lines is one cell only if the record it closes
        // has the header's width and no line inside it is a record of its own.
        if result.is_ok()
            && !taken.is_empty()
            && self.width > 0
            && (rec.ends.len() != self.width || taken[..taken.len() - 1].iter().any(|l| looks_like_a_record(&l.bytes, self.width)))
        {
            result = Err(QuoteError::Unclosed);
        }
        if let Err(e) = result {
            let (zh, en) = match e {
                QuoteError::InUnquoted => (
                    "未加引号的单元格中有英文引号（含引号的单元格须整体加引号，内部引号写两次）",
                    "a quote inside an unquoted cell (a cell with quotes must be quoted whole, its quotes doubled)",
                ),
                QuoteError::AfterClosing => ("引号后紧跟其他文字（引号未正确闭合）", "text right after a closing quote (a quote is not closed properly)"),
                QuoteError::Unclosed => ("引号未闭合；已从下一行继续读取", "a quote is never closed; reading went on at the next line"),
            };
            rec.ends.truncate(on_first_line);
            rec.bytes.truncate(rec.ends.last().copied().unwrap_or(0));
            rec.problem = Some(RowError::whole(zh.to_owned(), en.to_owned()));
            for line in taken.into_iter().rev() {
                self.again.push_front(line);
            }
        }
        Ok(Some(rec))
    }

    /// The next JSON Lines record (one line), blank lines skipped.
    fn next_jsonl(&mut self) -> std::io::Result<Option<RawRecord>> {
        loop {
            match self.next_line()? {
                None => return Ok(None),
                Some(l) if !l.oversized && blank(&l.bytes) => {}
                Some(l) => {
                    let len = l.bytes.len();
                    let mut rec = RawRecord { line: l.number, bytes: l.bytes, ends: vec![len], problem: None };
                    if l.oversized {
                        let mb = MAX_RECORD_BYTES / (1024 * 1024);
                        rec.problem = Some(RowError::whole(format!("此行超过 {mb} MB，未读取"), format!("this line is over {mb} MB and was not read")));
                        rec.bytes.clear();
                        rec.ends = vec![0];
                    }
                    return Ok(Some(rec));
                }
            }
        }
    }
}

/// One record ready to evaluate: its line, the passthrough values, and the
/// answers or a problem.
struct Row {
    line: u64,
    ids: [String; 2],
    answers: Result<Answers, RowError>,
}

fn undecodable(encoding: Encoding, column: &str) -> RowError {
    RowError {
        column: column.to_owned(),
        zh: format!("含有不是 {} 文字的字节（文件按 {} 读取，见 docs/batch.md 的编码规则）", encoding.name(), encoding.name()),
        en: format!("holds bytes that are not {} text (the file is read as {}; see the encoding rule in docs/batch.md)", encoding.name(), encoding.name()),
    }
}

/// True for a line of a GB18030 file that is valid UTF-8 and not ASCII: it
/// decodes as GB18030 too, but to mojibake.
fn utf8_in_gb18030(rec: &RawRecord, encoding: Encoding) -> bool {
    encoding == Encoding::Gb18030 && !rec.bytes.is_ascii() && std::str::from_utf8(&rec.bytes).is_ok()
}

/// True when bytes hold a control character that no applicant's data holds (a
/// NUL, say); tabs and line breaks are text.
fn has_control(bytes: &[u8]) -> bool {
    bytes.iter().any(|b| *b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
}

/// A record that cannot be read as text of the file: in a GB18030 file, a line
/// that is valid UTF-8 (it decodes as GB18030 too, but to mojibake); or a
/// control character (a NUL, say) that no applicant's data holds.
fn foreign_bytes(rec: &RawRecord, encoding: Encoding) -> Option<RowError> {
    if utf8_in_gb18030(rec, encoding) {
        return Some(RowError::whole(
            "此行是 UTF-8 编码，而文件按 GB18030 读取（多数行为 GB18030）；请统一文件编码后重试".to_owned(),
            "this line is UTF-8 in a file read as GB18030 (most lines are); save the file in one encoding and try again".to_owned(),
        ));
    }
    if has_control(&rec.bytes) {
        return Some(RowError::whole(
            "含有控制字符（如 NUL），不是正常的文字".to_owned(),
            "holds a control character (such as NUL), which no text holds".to_owned(),
        ));
    }
    None
}

/// Decodes and reads a CSV record's cells into answers.
fn csv_row(rec: &RawRecord, cols: &[Column], headers: &[String], encoding: Encoding) -> Row {
    let mut ids = [String::new(), String::new()];
    let mut answers = Answers::new();
    // An error row names its applicant whenever the id cell itself can be read,
    // whatever is wrong elsewhere in the record. In a UTF-8 line of a GB18030
    // file only an ASCII cell reads the same in both (anything else would be
    // mojibake); a cell with a control character is itself the problem.
    let utf8_line = utf8_in_gb18030(rec, encoding);
    let readable = |bytes: &[u8]| !has_control(bytes) && (!utf8_line || bytes.is_ascii());
    let mut problem = rec.problem.clone().or_else(|| foreign_bytes(rec, encoding));
    let cells = rec.ends.len();
    if problem.is_none() && cells != cols.len() {
        problem = Some(RowError::whole(format!("有 {cells} 列，表头有 {} 列", cols.len()), format!("{cells} columns where the header has {}", cols.len())));
    }
    for (i, col) in cols.iter().enumerate().take(cells) {
        let Some(text) = encoding.decode(rec.cell(i)) else {
            problem.get_or_insert_with(|| undecodable(encoding, &headers[i]));
            continue;
        };
        match col {
            Column::Passthrough(k) if readable(rec.cell(i)) => ids[*k] = text.trim().to_owned(),
            Column::Passthrough(_) => {}
            Column::Question(q) => {
                if problem.is_none()
                    && !text.trim().is_empty()
                    && let Err(e) = answers.set_text(*q, &text)
                {
                    problem = Some(RowError::from(e));
                }
            }
        }
    }
    Row { line: rec.line, ids, answers: problem.map_or(Ok(answers), Err) }
}

/// Decodes and reads a JSON Lines record.
fn json_row(rec: &RawRecord, encoding: Encoding, reader: &'static chanjiao_rules::Params) -> Row {
    let mut ids = [String::new(), String::new()];
    // The line is not text of the file, or not JSON: its ids are salvaged below.
    let mut unreadable = false;
    let answers = (|| {
        if let Some(p) = rec.problem.clone() {
            return Err(p);
        }
        if let Some(p) = foreign_bytes(rec, encoding) {
            unreadable = true;
            return Err(p);
        }
        let Some(text) = encoding.decode(&rec.bytes) else {
            unreadable = true;
            return Err(undecodable(encoding, ""));
        };
        let mut json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            unreadable = true;
            RowError::whole(format!("不是有效的 JSON：{e}"), format!("not valid JSON: {e}"))
        })?;
        if let Some(map) = json.as_object_mut() {
            for (i, key) in PASSTHROUGH.iter().enumerate() {
                if let Some(v) = map.remove(*key) {
                    ids[i] = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                }
            }
        }
        Answers::from_json_value_under(&json, reader).map_err(RowError::from)
    })();
    if unreadable {
        ids = salvaged_ids(rec, encoding);
    }
    Row { line: rec.line, ids, answers }
}

/// The ids of a JSON Lines record whose line is not text of the file (a stray
/// byte in another field, a UTF-8 line in a GB18030 file) or not one JSON value
/// (text after the object), so that its error row still names the applicant:
/// the line is read with replacement characters, its first JSON value taken,
/// and an id kept only if it came through whole (no replacement character; in
/// a UTF-8 line of a GB18030 file, ASCII, which both encodings read alike).
fn salvaged_ids(rec: &RawRecord, encoding: Encoding) -> [String; 2] {
    let mut ids = [String::new(), String::new()];
    let utf8_line = utf8_in_gb18030(rec, encoding);
    let text = match encoding {
        Encoding::Gb18030 if !utf8_line => encoding_rs::GB18030.decode_without_bom_handling(&rec.bytes).0,
        _ => String::from_utf8_lossy(&rec.bytes),
    };
    let first = serde_json::Deserializer::from_str(&text).into_iter::<serde_json::Value>().next();
    let Some(Ok(serde_json::Value::Object(map))) = first else { return ids };
    for (i, key) in PASSTHROUGH.iter().enumerate() {
        if let Some(v) = map.get(*key) {
            let id = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
            if !id.contains('\u{fffd}') && (!utf8_line || id.is_ascii()) {
                ids[i] = id;
            }
        }
    }
    ids
}

/// Counts and sums per entry, and over records.
#[derive(Clone, Default)]
struct Summary {
    /// Records read (blank lines and the header aside).
    records: u64,
    /// Records that became result rows.
    evaluated: u64,
    /// Records that became error rows.
    failed: u64,
    /// The first and last line a record started on.
    first_line: u64,
    last_line: u64,
    /// Per entry, in catalogue order: counts by status and cash sums of eligible results.
    entries: Vec<EntrySummary>,
    /// The same under the compared policy (empty without one).
    entries_b: Vec<EntrySummary>,
    /// Applicants who gain, lose, are unchanged or mixed from A to B.
    change: [u64; 4],
}

#[derive(Clone, Default)]
struct EntrySummary {
    by_status: [u64; 6],
    cash_exact: Decimal,
    cash_min: Decimal,
    cash_max: Decimal,
}

impl Summary {
    fn new(entries: usize) -> Summary {
        Summary { entries: vec![EntrySummary::default(); entries], entries_b: vec![EntrySummary::default(); entries], ..Summary::default() }
    }

    fn add(&mut self, e: &Evaluation, slots: &[usize]) {
        EntrySummary::add_all(&mut self.entries, e, slots);
    }

    fn merge(&mut self, other: Summary) {
        self.records += other.records;
        self.evaluated += other.evaluated;
        self.failed += other.failed;
        if self.first_line == 0 || (other.first_line != 0 && other.first_line < self.first_line) {
            self.first_line = other.first_line;
        }
        self.last_line = self.last_line.max(other.last_line);
        for (a, b) in self.entries.iter_mut().zip(other.entries) {
            a.merge(b);
        }
        for (a, b) in self.entries_b.iter_mut().zip(other.entries_b) {
            a.merge(b);
        }
        for (a, b) in self.change.iter_mut().zip(other.change) {
            *a += b;
        }
    }
}

impl EntrySummary {
    fn add_all(entries: &mut [EntrySummary], e: &Evaluation, slots: &[usize]) {
        for (r, at) in e.results.iter().zip(slots) {
            let Some(s) = entries.get_mut(*at) else { continue };
            s.by_status[status_index(r.status)] += 1;
            if let Some((exact, lo, hi)) = r.eligible_cash() {
                s.cash_exact += exact.unwrap_or_default();
                s.cash_min += lo;
                s.cash_max += hi;
            }
        }
    }

    fn merge(&mut self, b: EntrySummary) {
        for (x, y) in self.by_status.iter_mut().zip(b.by_status) {
            *x += y;
        }
        self.cash_exact += b.cash_exact;
        self.cash_min += b.cash_min;
        self.cash_max += b.cash_max;
    }

    fn side(&self) -> crate::compare::Side {
        crate::compare::Side { eligible: self.by_status[0], exact: self.cash_exact, min: self.cash_min, max: self.cash_max }
    }
}

fn status_index(s: Status) -> usize {
    match s {
        Status::Eligible => 0,
        Status::ManualReview => 1,
        Status::Undetermined => 2,
        Status::NotEligible => 3,
        Status::NotApplicable => 4,
        Status::Information => 5,
    }
}

/// True when the file is UTF-16, which is not read: it opens with a UTF-16
/// byte-order mark (FF FE or FE FF, which no UTF-8 or GB18030 text starts
/// with), or, without one, at least a quarter of its first KB are NUL bytes
/// (UTF-16 gives every ASCII character one; UTF-8 and GB18030 text has none).
fn utf16(path: &Path) -> std::io::Result<bool> {
    let mut head = Vec::with_capacity(1024);
    File::open(path)?.take(1024).read_to_end(&mut head)?;
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Ok(true);
    }
    let nul = head.iter().filter(|b| **b == 0).count();
    Ok(nul > 0 && nul * 4 >= head.len())
}

/// The file's encoding, by the rule docs/batch.md states: a UTF-8 byte-order
/// mark means UTF-8; otherwise every line with a byte outside ASCII votes, for
/// UTF-8 if it reads as UTF-8 and for GB18030 if not, and UTF-8 wins a tie. So
/// one stray byte never turns a UTF-8 file into GB18030: it makes one error row.
fn detect_encoding(path: &Path) -> std::io::Result<Encoding> {
    let mut reader = BufReader::with_capacity(1 << 20, File::open(path)?);
    let mut votes = (0u64, 0u64);
    let mut line = Vec::new();
    let mut first = true;
    loop {
        line.clear();
        // Long lines are judged by their first 1 MiB, as they would be read.
        let n = (&mut reader).take(MAX_RECORD_BYTES as u64 + 1).read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        if first {
            if line.starts_with(b"\xEF\xBB\xBF") {
                return Ok(Encoding::Utf8);
            }
            first = false;
        }
        if line.len() > MAX_RECORD_BYTES {
            // Skip the rest of an over-long line without holding it.
            loop {
                let buf = reader.fill_buf()?;
                if buf.is_empty() {
                    break;
                }
                match memchr::memchr(b'\n', buf) {
                    Some(i) => {
                        reader.consume(i + 1);
                        break;
                    }
                    None => {
                        let len = buf.len();
                        reader.consume(len);
                    }
                }
            }
        }
        if line.is_ascii() {
            continue;
        }
        match std::str::from_utf8(&line) {
            Ok(_) => votes.0 += 1,
            // A character cut by the 1 MiB limit is not evidence either way.
            Err(e) if e.error_len().is_none() && line.len() > MAX_RECORD_BYTES => votes.0 += 1,
            Err(_) => votes.1 += 1,
        }
    }
    Ok(if votes.1 > votes.0 { Encoding::Gb18030 } else { Encoding::Utf8 })
}

fn columns(headers: &[String], reader: &chanjiao_rules::Params) -> Result<Vec<Column>, Failure> {
    let mut seen: Vec<&str> = Vec::new();
    headers
        .iter()
        .map(|h| {
            let h = h.trim();
            if seen.contains(&h) {
                return Err(bad_input(&format!("表头中“{h}”重复"), &format!("the header repeats \"{h}\"")));
            }
            seen.push(h);
            if let Some(i) = PASSTHROUGH.iter().position(|p| *p == h) {
                return Ok(Column::Passthrough(i));
            }
            Q::from_id(h).or_else(|| reader.question(h)).map(Column::Question).ok_or_else(|| {
                bad_input(
                    &format!("表头“{h}”不是答案字段；可用 applicant_id、applicant_name 和 chanjiao schema 列出的字段（chanjiao batch --template 给出模板）"),
                    &format!("the header \"{h}\" is not an answer field; use applicant_id, applicant_name and the fields chanjiao schema lists (chanjiao batch --template prints a template)"),
                )
            })
        })
        .collect()
}

/// How records are read.
enum Format {
    Csv { cols: Vec<Column>, headers: Vec<String> },
    Jsonl,
}

/// How results are written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sink {
    Csv,
    Jsonl,
}

/// The entries a run reports, in order: the plan's, then those the packs of
/// side A add, then those of side B that A does not have; and where each
/// side's results sit among them. A pack's entries are listed like the plan's,
/// so nothing a successor adds is dropped from the output.
pub(crate) struct Listing {
    pub(crate) entries: Vec<&'static chanjiao_rules::Entry>,
    /// For each result of side A (then B), its place in `entries`.
    slots: [Vec<usize>; 2],
}

impl Listing {
    fn of(a: &'static chanjiao_rules::Params, b: Option<&'static chanjiao_rules::Params>) -> Result<Listing, Failure> {
        let mut entries: Vec<&'static chanjiao_rules::Entry> = a.entries()?.collect();
        let slots_a: Vec<usize> = (0..entries.len()).collect();
        let mut slots_b = Vec::new();
        if let Some(b) = b {
            for e in b.entries()? {
                let at = entries.iter().position(|x| x.code == e.code).unwrap_or_else(|| {
                    entries.push(e);
                    entries.len() - 1
                });
                slots_b.push(at);
            }
        }
        Ok(Listing { entries, slots: [slots_a, slots_b] })
    }

    /// Side `side`'s result for each listed entry, or nothing where that side has no such entry.
    pub(crate) fn aligned<'e>(&self, e: &'e Evaluation, side: usize) -> Vec<Option<&'e chanjiao_rules::EntryResult>> {
        let mut out = vec![None; self.entries.len()];
        for (r, at) in e.results.iter().zip(&self.slots[side]) {
            out[*at] = Some(r);
        }
        out
    }
}

fn csv_header(listing: &Listing) -> Vec<String> {
    let mut h: Vec<String> =
        ["row", "applicant_id", "applicant_name", "error_column", "error", "eligible", "manual_review", "undetermined", "cash_exact", "cash_min", "cash_max"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
    for e in &listing.entries {
        for suffix in ["status", "amount", "miss"] {
            h.push(format!("{}_{suffix}", e.code));
        }
    }
    h
}

/// A cell as a spreadsheet should see it: one that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return would be run as a formula, so it gets a
/// leading apostrophe (OWASP, "CSV Injection"), unless `raw` is asked for.
/// Either way a character a terminal or a viewer would obey (a control, a bidi
/// override) is written as `U+XXXX`; line feeds and tabs are kept, as in an
/// address of two lines.
fn cell(text: &str, raw: bool) -> String {
    let text = crate::output::text(text);
    if !raw && text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.into_owned() }
}

/// A JSON Lines record: the value on one line, with characters a terminal
/// would obey as `\uXXXX` escapes (see [`crate::output::json`]).
fn json_line(value: &serde_json::Value, out: &mut Vec<u8>) {
    let text = serde_json::to_string(value).unwrap_or_default();
    out.extend_from_slice(crate::output::json(&text).as_bytes());
    out.push(b'\n');
}

/// How rows are written: the format, the language, and whether cells are raw.
#[derive(Clone, Copy)]
struct Writing {
    sink: Sink,
    lang: Lang,
    raw_cells: bool,
    on: Date,
    params: &'static chanjiao_rules::Params,
    /// The policy to compare with (B), if any.
    compare: Option<&'static chanjiao_rules::Params>,
    /// The entries reported, and where each side's results sit among them.
    listing: &'static Listing,
}

/// Formats one record's results (or its error) as output bytes, and counts it.
fn format_row(row: &Row, how: Writing, out: &mut Vec<u8>, summary: &mut Summary, entries: usize) {
    summary.records += 1;
    if summary.first_line == 0 {
        summary.first_line = row.line;
    }
    summary.last_line = summary.last_line.max(row.line);
    if let Some(b) = how.compare {
        return compare_row(row, how, b, out, summary, entries);
    }
    let result = match &row.answers {
        Ok(a) => evaluate_with(how.params, a, how.on).map_err(RowError::from),
        Err(e) => Err(e.clone()),
    };
    let evaluation = match result {
        Ok(ev) => {
            summary.evaluated += 1;
            summary.add(&ev, &how.listing.slots[0]);
            Ok(ev)
        }
        Err(problem) => {
            summary.failed += 1;
            Err(problem)
        }
    };
    let lang = how.lang;
    match how.sink {
        Sink::Csv => {
            let raw = how.raw_cells;
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(&mut *out);
            let mut record: Vec<String> = Vec::with_capacity(11 + 3 * entries);
            record.push(row.line.to_string());
            record.push(cell(&row.ids[0], raw));
            record.push(cell(&row.ids[1], raw));
            match &evaluation {
                Err(RowError { column, zh, en }) => {
                    record.push(cell(column, raw));
                    record.push(cell(lang.pick(zh, en), raw));
                    record.resize(11 + 3 * entries, String::new());
                }
                Ok(ev) => {
                    let t = &ev.totals;
                    record.extend([String::new(), String::new(), t.eligible.to_string(), t.manual_review.to_string(), t.undetermined.to_string()]);
                    record.extend([t.cash_exact.to_string(), t.cash_min.to_string(), t.cash_max.to_string()]);
                    for r in &ev.results {
                        // An entry not for this applicant type stays empty: most of a
                        // row, and most of a million-row file, would otherwise say so.
                        if r.status == Status::NotApplicable {
                            record.extend([String::new(), String::new(), String::new()]);
                        } else {
                            record.push(r.status.code().to_owned());
                            record.push(r.amount.code());
                            record.push(r.miss.as_ref().map(|m| cell(m.change.get(lang), raw)).unwrap_or_default());
                        }
                    }
                }
            }
            // Writing to a Vec cannot fail.
            let _ = w.write_record(&record);
            let _ = w.flush();
        }
        Sink::Jsonl => {
            let value = match &evaluation {
                Err(RowError { column, zh, en }) => serde_json::json!({
                    "row": row.line, "applicant_id": row.ids[0], "applicant_name": row.ids[1],
                    "error": { "column": column, "message": { "zh-CN": zh, "en": en } },
                }),
                Ok(ev) => {
                    let results: Vec<serde_json::Value> = ev
                        .results
                        .iter()
                        .filter(|r| r.status != Status::NotApplicable)
                        .map(|r| {
                            serde_json::json!({
                                "code": r.incentive.code, "status": r.status.code(), "amount": r.amount.code(), "cash": r.cash,
                                "miss": r.miss.as_ref().map(|m| m.change.get(lang).to_owned()),
                            })
                        })
                        .collect();
                    serde_json::json!({
                        "row": row.line, "applicant_id": row.ids[0], "applicant_name": row.ids[1],
                        "totals": ev.totals, "results": results,
                    })
                }
            };
            json_line(&value, out);
        }
    }
}

/// One record evaluated under both policies, written side by side, and counted.
fn compare_row(row: &Row, how: Writing, b: &'static chanjiao_rules::Params, out: &mut Vec<u8>, summary: &mut Summary, entries: usize) {
    let both = match &row.answers {
        Ok(answers) => evaluate_with(how.params, answers, how.on).and_then(|ea| Ok((ea, evaluate_with(b, answers, how.on)?))).map_err(RowError::from),
        Err(e) => Err(e.clone()),
    };
    let raw = how.raw_cells;
    let lang = how.lang;
    match (&both, how.sink) {
        (Ok((ea, eb)), Sink::Csv) => {
            summary.evaluated += 1;
            EntrySummary::add_all(&mut summary.entries, ea, &how.listing.slots[0]);
            EntrySummary::add_all(&mut summary.entries_b, eb, &how.listing.slots[1]);
            summary.change[crate::compare::Change::of(ea, eb).index()] += 1;
            let mut record = vec![row.line.to_string(), cell(&row.ids[0], raw), cell(&row.ids[1], raw), String::new(), String::new()];
            record.extend(crate::compare::cells(ea, eb, how.listing));
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(&mut *out);
            let _ = w.write_record(&record);
            let _ = w.flush();
        }
        (Ok((ea, eb)), Sink::Jsonl) => {
            summary.evaluated += 1;
            EntrySummary::add_all(&mut summary.entries, ea, &how.listing.slots[0]);
            EntrySummary::add_all(&mut summary.entries_b, eb, &how.listing.slots[1]);
            summary.change[crate::compare::Change::of(ea, eb).index()] += 1;
            json_line(&crate::compare::json(row.line, &row.ids, ea, eb), out);
        }
        (Err(RowError { column, zh, en }), Sink::Csv) => {
            summary.failed += 1;
            let mut record = vec![row.line.to_string(), cell(&row.ids[0], raw), cell(&row.ids[1], raw), cell(column, raw), cell(lang.pick(zh, en), raw)];
            record.resize(17 + 4 * entries, String::new());
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(&mut *out);
            let _ = w.write_record(&record);
            let _ = w.flush();
        }
        (Err(RowError { column, zh, en }), Sink::Jsonl) => {
            summary.failed += 1;
            let value = serde_json::json!({
                "row": row.line, "applicant_id": row.ids[0], "applicant_name": row.ids[1],
                "error": { "column": column, "message": { "zh-CN": zh, "en": en } },
            });
            json_line(&value, out);
        }
    }
}

fn summary_table(s: &Summary, listing: &Listing, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Zh => format!(
                "读入 {} 条记录（第 {}–{} 行）：{} 条得出结果，{} 条为错误行（见输出文件的 error 列）；{} = {} + {}。",
                s.records, s.first_line, s.last_line, s.evaluated, s.failed, s.records, s.evaluated, s.failed
            ),
            Lang::En => format!(
                "{} records read (lines {}–{}): {} evaluated, {} error rows (see the error column of the output); {} = {} + {}.",
                s.records, s.first_line, s.last_line, s.evaluated, s.failed, s.records, s.evaluated, s.failed
            ),
        }
    );
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "条目 | 可申请 | 需人工认定 | 暂无法确定 | 不符合 | 了解即可 | 确定金额合计（元） | 合计区间（元）",
            "entry | eligible | manual review | undetermined | not eligible | for information | exact cash (CNY) | cash range (CNY)"
        )
    );
    for (e, x) in listing.entries.iter().zip(&s.entries) {
        if [0, 1, 2, 3, 5].iter().all(|i| x.by_status[*i] == 0) {
            continue;
        }
        let _ = writeln!(
            out,
            "{} {} | {} | {} | {} | {} | {} | {} | {}–{}",
            e.code,
            e.name_in(lang),
            x.by_status[0],
            x.by_status[1],
            x.by_status[2],
            x.by_status[3],
            x.by_status[5],
            chanjiao_rules::group_thousands(x.cash_exact),
            chanjiao_rules::group_thousands(x.cash_min),
            chanjiao_rules::group_thousands(x.cash_max)
        );
    }
    out
}

/// Writes the per-entry summary as CSV, through a temporary file renamed at the end.
fn summary_csv(s: &Summary, listing: &Listing) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice("\u{feff}".as_bytes());
    let mut w = csv::Writer::from_writer(&mut out);
    let _ = w.write_record([
        "code",
        "id",
        "name_zh",
        "eligible",
        "manual_review",
        "undetermined",
        "not_eligible",
        "not_applicable",
        "information",
        "cash_exact",
        "cash_min",
        "cash_max",
    ]);
    for (e, x) in listing.entries.iter().zip(&s.entries) {
        let mut r = [&e.code, &e.id, &e.name_zh].map(|t| crate::output::text(t).into_owned()).to_vec();
        r.extend(x.by_status.iter().map(u64::to_string));
        r.extend([x.cash_exact, x.cash_min, x.cash_max].map(|d| d.normalize().to_string()));
        let _ = w.write_record(&r);
    }
    drop(w);
    out
}

/// A CSV template: the passthrough columns, every answer field, and the example
/// enterprise as a first row.
fn template() -> String {
    let example: serde_json::Value = serde_json::from_str(include_str!("../../../examples/enterprise.json")).unwrap_or_default();
    let mut header: Vec<String> = PASSTHROUGH.iter().map(|s| (*s).to_owned()).collect();
    header.extend(questions::all().iter().map(|q| q.id.to_owned()));
    let mut row = vec!["E0001".to_owned(), "泉州市示例鞋业有限公司".to_owned()];
    row.extend(questions::all().iter().map(|q| match example.get(q.id) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Bool(b)) => if *b { "是" } else { "否" }.to_owned(),
        Some(v) => v.to_string(),
        None => String::new(),
    }));
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(&header);
    let _ = w.write_record(&row);
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// Runs the batch; returns what to print and how the run ends (3 when any
/// record became an error row, or when there was none).
pub fn run(args: Args) -> Result<(String, Exit), Failure> {
    if args.template {
        return Ok((template(), Exit::Done));
    }
    let (Some(input), Some(output)) = (args.input, args.output) else {
        return Err(bad_input("请给出 --input 和 --output", "give --input and --output"));
    };
    let lang = args.lang.lang();
    let on = crate::evaluation_date(args.on.as_deref())?;
    let params = crate::load_policy(&args.policy)?;
    let compare = if args.compare_policy.is_empty() {
        None
    } else {
        // `builtin` stands for the plan alone.
        let files: Vec<PathBuf> = args.compare_policy.iter().filter(|p| p.as_os_str() != "builtin").cloned().collect();
        Some(crate::load_policy(&files)?)
    };
    // Rows are read under the policy that asks the most: a successor's new
    // questions are answered in the file of a comparison with the plan.
    let reader = match compare {
        Some(b) if b.added_questions.len() > params.added_questions.len() => b,
        _ => params,
    };
    // The listing lives for the run's threads, as the policies do.
    let listing: &'static Listing = Box::leak(Box::new(Listing::of(params, compare)?));
    let entries = listing.entries.len();
    let shown = input.display().to_string();
    let cannot_read = |e: &dyn std::fmt::Display| bad_input(&format!("无法读取 {shown}：{e}"), &format!("cannot read {shown}: {e}"));
    let file = File::open(&input).map_err(|e| cannot_read(&e))?;
    // No output may be a file the run reads, nor another output.
    let mut files = crate::output::Files::default();
    files.input(&input, ("输入文件", "input"));
    for pack in args.policy.iter().chain(args.compare_policy.iter().filter(|p| p.as_os_str() != "builtin")) {
        files.input(pack, ("政策包", "policy pack"));
    }
    files.output(&output, ("输出文件", "output"));
    if let Some(summary) = &args.summary {
        files.output(summary, ("汇总文件", "summary file"));
    }
    if let Some(chart) = &args.chart {
        files.output(chart, ("图表文件", "chart file"));
    }
    files.check()?;
    if utf16(&input).map_err(|e| cannot_read(&e))? {
        return Err(bad_input(
            &format!("{shown}：此文件是 UTF-16 编码，不受支持；请另存为 UTF-8（在 Excel 中选“CSV UTF-8（逗号分隔）”）"),
            &format!("{shown}: this file is UTF-16, which is not supported: save it as UTF-8 (in Excel, as \"CSV UTF-8\")"),
        ));
    }
    // Every file the run writes is opened (as a temporary beside it) before a
    // record is read: a folder that does not exist fails now, not after an hour,
    // and a failed run replaces none of them.
    let tmp = crate::output::temporary(&output)?;
    let summary_tmp = args.summary.as_deref().map(crate::output::temporary).transpose()?;
    let chart_tmp = args.chart.as_deref().map(crate::output::temporary).transpose()?;
    let size = file.metadata().map_or(0, |m| m.len());
    let encoding = match args.encoding {
        Some(e) => e,
        None => detect_encoding(&input).map_err(|e| cannot_read(&e))?,
    };
    let jsonl = |p: &Path| p.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
    let mut records = Records { lines: Lines::new(BufReader::with_capacity(256 * 1024, file)), again: VecDeque::new(), width: 0 };
    let format = if jsonl(&input) {
        Format::Jsonl
    } else {
        let header = records.next_csv().map_err(|e| cannot_read(&e))?;
        let Some(header) = header else {
            return Err(no_records(&shown));
        };
        if let Some(p) = &header.problem {
            return Err(bad_input(&format!("{shown} 的表头无法读取：{}", p.zh), &format!("the header of {shown} cannot be read: {}", p.en)));
        }
        let headers =
            (0..header.ends.len()).map(|i| encoding.decode(header.cell(i)).map(|t| t.into_owned())).collect::<Option<Vec<String>>>().ok_or_else(|| {
                bad_input(&format!("{shown} 的表头不是 {} 文字", encoding.name()), &format!("the header of {shown} is not {} text", encoding.name()))
            })?;
        let cols = columns(&headers, reader)?;
        records.width = cols.len();
        Format::Csv { cols, headers }
    };
    let sink = if jsonl(&output) { Sink::Jsonl } else { Sink::Csv };
    let how = Writing { sink, lang, raw_cells: args.raw_cells, on, params, compare, listing };
    let write_fail = |e: &dyn std::fmt::Display| write_failure(&output, e);
    let mut out = BufWriter::with_capacity(1 << 20, tmp);
    if sink == Sink::Csv {
        // The byte-order mark lets spreadsheet programs read the UTF-8 as UTF-8.
        out.write_all("\u{feff}".as_bytes()).map_err(|e| write_fail(&e))?;
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        let _ = w.write_record(if compare.is_some() { crate::compare::header(listing) } else { csv_header(listing) });
        out.write_all(&w.into_inner().unwrap_or_default()).map_err(|e| write_fail(&e))?;
    }

    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(size);
        bar.set_style(ProgressStyle::with_template("{bar:40} {percent}% {msg} ({elapsed})").unwrap_or_else(|_| ProgressStyle::default_bar()));
        bar
    } else {
        ProgressBar::hidden()
    };
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, 8);
    let mut summary = Summary::new(entries);
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        while chunk.len() < CHUNK {
            let next = match &format {
                Format::Csv { .. } => records.next_csv(),
                Format::Jsonl => records.next_jsonl(),
            };
            match next.map_err(|e| cannot_read(&e))? {
                Some(rec) => chunk.push(rec),
                None => break,
            }
        }
        if chunk.is_empty() {
            break;
        }
        // Decode, read and evaluate the chunk on every core, each part into its
        // own buffer, then write the parts in order.
        let part = chunk.len().div_ceil(workers);
        let format = &format;
        let parts: Vec<Option<(Vec<u8>, Summary)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .chunks(part)
                .map(|recs| {
                    scope.spawn(move || {
                        let mut bytes = Vec::with_capacity(recs.len() * 512);
                        let mut s = Summary::new(entries);
                        for rec in recs {
                            let row = match format {
                                Format::Csv { cols, headers } => csv_row(rec, cols, headers, encoding),
                                Format::Jsonl => json_row(rec, encoding, reader),
                            };
                            format_row(&row, how, &mut bytes, &mut s, entries);
                        }
                        (bytes, s)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().ok()).collect()
        });
        for part in parts {
            // The rules never panic (property-tested); if a worker did, stop rather
            // than write a results file with rows silently missing. The temporary
            // file is removed, so no half file is left under the output's name.
            let Some((bytes, s)) = part else {
                return Err(Failure {
                    exit: Exit::Failure,
                    message: "内部错误：一个计算线程失败，未写出结果文件\ninternal error: a worker failed; no results file was written".into(),
                });
            };
            out.write_all(&bytes).map_err(|e| write_fail(&e))?;
            summary.merge(s);
        }
        progress.set_position(records.lines.consumed.min(size));
        progress.set_message(format!("{} rows", summary.records));
    }
    progress.finish_and_clear();
    if summary.records == 0 {
        return Err(no_records(&shown));
    }
    // Every record read became one row, a result or an error.
    if summary.records != summary.evaluated + summary.failed {
        return Err(Failure {
            exit: Exit::Failure, message: "内部错误：记录数与结果行数不符\ninternal error: records and rows do not add up".into()
        });
    }
    let tmp = out.into_inner().map_err(|e| write_fail(e.error()))?;
    let exit = if summary.failed > 0 { Exit::RowsFailed } else { Exit::Done };
    // The summary and the chart are written into their temporaries, then every
    // output is renamed at once: a run replaces all of its files or none.
    let mut done = vec![tmp];
    let mut finish = |path: Option<&PathBuf>, tmp: Option<crate::output::Temporary>, bytes: &dyn Fn() -> Vec<u8>| -> Result<(), Failure> {
        if let (Some(path), Some(mut tmp)) = (path, tmp) {
            tmp.write_all(&bytes()).map_err(|e| write_failure(path, &e))?;
            done.push(tmp);
        }
        Ok(())
    };
    if let Some(b) = compare {
        let names = (crate::compare::side_name(params), crate::compare::side_name(b));
        let names = (names.0.as_str(), names.1.as_str());
        let all: Vec<(&chanjiao_rules::Entry, crate::compare::Side, crate::compare::Side)> =
            listing.entries.iter().zip(summary.entries.iter().zip(&summary.entries_b)).map(|(e, (a, b))| (*e, a.side(), b.side())).collect();
        // Entries open to someone in the list under either side.
        let rows: Vec<_> = all
            .iter()
            .zip(summary.entries.iter().zip(&summary.entries_b))
            .filter(|(_, (a, b))| a.by_status[..4].iter().chain(&b.by_status[..4]).any(|n| *n > 0))
            .map(|(r, _)| *r)
            .collect();
        finish(args.summary.as_ref(), summary_tmp, &|| crate::compare::summary_csv(&rows, &all))?;
        finish(args.chart.as_ref(), chart_tmp, &|| crate::compare::svg(&rows, summary.change, names).into_bytes())?;
        crate::output::commit(done)?;
        let mut text = summary_table(&summary, listing, lang).lines().next().unwrap_or_default().to_owned();
        text.push('\n');
        text.push_str(&crate::compare::table(&rows, summary.change, names, lang));
        return Ok((text, exit));
    }
    finish(args.summary.as_ref(), summary_tmp, &|| summary_csv(&summary, listing))?;
    crate::output::commit(done)?;
    Ok((summary_table(&summary, listing, lang), exit))
}

/// An input with no record: nothing to screen, which is never what was meant.
fn no_records(shown: &str) -> Failure {
    Failure {
        exit: Exit::RowsFailed,
        message: format!(
            "{shown} 中没有申请人记录（文件为空，或只有表头）；未写出结果文件\n{shown} holds no applicant record (the file is empty, or has only a header); no results file was written"
        ),
    }
}
