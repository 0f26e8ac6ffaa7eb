//! `chanjiao batch`: screen many applicants at once (免申即享) with the rules the
//! widget runs. One applicant per row in, one row of results per applicant out,
//! and a summary per entry. Streaming: rows are read, evaluated on every core and
//! written in chunks, so memory stays constant whatever the file's size. A bad
//! row becomes an error row naming its line and column; the run goes on.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Seek, Write};
use std::path::{Path, PathBuf};

use chanjiao_rules::{Answers, Catalogue, Date, Decimal, Evaluation, Lang, Q, Status, evaluate, questions};
use indicatif::{ProgressBar, ProgressStyle};

use crate::{Failure, bad_input};

/// Rows evaluated together: large enough to keep every core busy, small enough
/// that memory does not depend on the file.
const CHUNK: usize = 4096;

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

/// What `chanjiao batch` was asked.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The applicants: CSV (UTF-8 with or without BOM, or GB18030) or JSON Lines (.jsonl).
    #[arg(long, value_name = "FILE", required_unless_present = "template")]
    input: Option<PathBuf>,
    /// The results: CSV, or JSON Lines when the name ends in .jsonl.
    #[arg(long, value_name = "FILE", required_unless_present = "template")]
    output: Option<PathBuf>,
    /// Evaluate as of this date, YYYY-MM-DD (default: today in China Standard Time).
    #[arg(long, value_name = "YYYY-MM-DD")]
    on: Option<String>,
    /// The input's encoding (default: UTF-8 if it reads as UTF-8, else GB18030).
    #[arg(long, value_enum)]
    encoding: Option<Encoding>,
    /// Also write the per-entry summary as CSV to this file.
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
    /// Language of the nearest-miss column and the printed summary.
    #[arg(long, value_enum, default_value = "zh-CN")]
    lang: crate::LangArg,
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

/// A row's problem: the column (or `-`) and what is wrong, in both languages.
#[derive(Clone)]
struct RowError {
    column: String,
    zh: String,
    en: String,
}

impl RowError {
    /// A problem with no one column to blame.
    fn whole(zh: String, en: String) -> RowError {
        RowError { column: "-".into(), zh, en }
    }
}

/// The rules' refusal, in the column it names.
impl From<chanjiao_rules::Error> for RowError {
    fn from(e: chanjiao_rules::Error) -> RowError {
        RowError { column: e.field.unwrap_or_else(|| "-".into()), zh: e.message.zh.into_owned(), en: e.message.en.into_owned() }
    }
}

/// One row read: its line in the file, the passthrough values, and the answers or a problem.
struct Row {
    line: u64,
    ids: [String; 2],
    answers: Result<Answers, RowError>,
}

/// Counts and sums per entry, and over rows.
#[derive(Clone, Default)]
struct Summary {
    rows: u64,
    failed: u64,
    /// Per entry, in catalogue order: counts by status and cash sums of eligible results.
    entries: Vec<EntrySummary>,
}

#[derive(Clone, Default)]
struct EntrySummary {
    by_status: [u64; 5],
    cash_exact: Decimal,
    cash_min: Decimal,
    cash_max: Decimal,
}

impl Summary {
    fn new(entries: usize) -> Summary {
        Summary { rows: 0, failed: 0, entries: vec![EntrySummary::default(); entries] }
    }

    fn add(&mut self, e: &Evaluation) {
        for (s, r) in self.entries.iter_mut().zip(&e.results) {
            s.by_status[status_index(r.status)] += 1;
            if let Some((exact, lo, hi)) = r.eligible_cash() {
                s.cash_exact += exact.unwrap_or_default();
                s.cash_min += lo;
                s.cash_max += hi;
            }
        }
    }

    fn merge(&mut self, other: Summary) {
        self.rows += other.rows;
        self.failed += other.failed;
        for (a, b) in self.entries.iter_mut().zip(other.entries) {
            for (x, y) in a.by_status.iter_mut().zip(b.by_status) {
                *x += y;
            }
            a.cash_exact += b.cash_exact;
            a.cash_min += b.cash_min;
            a.cash_max += b.cash_max;
        }
    }
}

fn status_index(s: Status) -> usize {
    match s {
        Status::Eligible => 0,
        Status::ManualReview => 1,
        Status::Undetermined => 2,
        Status::NotEligible => 3,
        Status::NotApplicable => 4,
    }
}

/// UTF-8 when the start of the file reads as UTF-8 (a character cut at the end of
/// the sample aside), else GB18030.
fn sniff(sample: &[u8]) -> Encoding {
    match std::str::from_utf8(sample) {
        Ok(_) => Encoding::Utf8,
        Err(e) if e.error_len().is_none() => Encoding::Utf8,
        Err(_) => Encoding::Gb18030,
    }
}

fn decoded(mut file: File, forced: Option<Encoding>) -> std::io::Result<impl Read> {
    let mut sample = vec![0; 64 * 1024];
    let n = file.read(&mut sample)?;
    sample.truncate(n);
    file.rewind()?;
    let encoding = match forced.unwrap_or_else(|| sniff(&sample)) {
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Gb18030 => encoding_rs::GB18030,
    };
    // A UTF-8 byte-order mark is dropped whatever the encoding named.
    Ok(encoding_rs_io::DecodeReaderBytesBuilder::new().encoding(Some(encoding)).bom_override(true).build(file))
}

fn columns(headers: &[String]) -> Result<Vec<Column>, Failure> {
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
            Q::from_id(h).map(Column::Question).ok_or_else(|| {
                bad_input(
                    &format!("表头“{h}”不是答案字段；可用 applicant_id、applicant_name 和 chanjiao schema 列出的字段（chanjiao batch --template 给出模板）"),
                    &format!("the header \"{h}\" is not an answer field; use applicant_id, applicant_name and the fields chanjiao schema lists (chanjiao batch --template prints a template)"),
                )
            })
        })
        .collect()
}

fn row_from_cells<'a>(line: u64, cells: impl Iterator<Item = &'a str>, cols: &[Column]) -> Row {
    let mut ids = [String::new(), String::new()];
    let mut answers = Answers::new();
    let mut problem = None;
    for (col, cell) in cols.iter().zip(cells) {
        match col {
            Column::Passthrough(i) => ids[*i] = cell.trim().to_owned(),
            Column::Question(q) => {
                if problem.is_none()
                    && !cell.trim().is_empty()
                    && let Err(e) = answers.set_text(*q, cell)
                {
                    problem = Some(RowError::from(e));
                }
            }
        }
    }
    Row { line, ids, answers: problem.map_or(Ok(answers), Err) }
}

fn row_from_json(line: u64, text: &str) -> Row {
    let mut ids = [String::new(), String::new()];
    let answers = (|| {
        let mut json: serde_json::Value =
            serde_json::from_str(text).map_err(|e| RowError::whole(format!("不是有效的 JSON：{e}"), format!("not valid JSON: {e}")))?;
        if let Some(map) = json.as_object_mut() {
            for (i, key) in PASSTHROUGH.iter().enumerate() {
                if let Some(v) = map.remove(*key) {
                    ids[i] = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                }
            }
        }
        Answers::from_json_value(&json).map_err(RowError::from)
    })();
    Row { line, ids, answers }
}

/// Where rows come from.
enum Source {
    Csv { reader: csv::Reader<Box<dyn Read>>, cols: Vec<Column>, record: csv::StringRecord, last_line: u64 },
    Jsonl { lines: std::io::Lines<BufReader<Box<dyn Read>>>, line: u64 },
}

impl Source {
    /// Up to `CHUNK` rows; an empty vector at the end of the file.
    fn next_chunk(&mut self) -> Result<Vec<Row>, Failure> {
        let mut rows = Vec::with_capacity(CHUNK);
        match self {
            Source::Csv { reader, cols, record, last_line } => {
                while rows.len() < CHUNK {
                    match reader.read_record(record) {
                        Ok(false) => break,
                        Ok(true) => {
                            // The csv reader counts a CRLF file's lines one short; a
                            // record is at least one line past the one before.
                            let line = record.position().map_or(0, csv::Position::line).max(*last_line + 1);
                            *last_line = line;
                            if record.len() != cols.len() {
                                let mut ids = [String::new(), String::new()];
                                for (col, cell) in cols.iter().zip(record.iter()) {
                                    if let Column::Passthrough(i) = col {
                                        ids[*i] = cell.trim().to_owned();
                                    }
                                }
                                rows.push(Row {
                                    line,
                                    ids,
                                    answers: Err(RowError::whole(
                                        format!("有 {} 列，表头有 {} 列", record.len(), cols.len()),
                                        format!("{} columns where the header has {}", record.len(), cols.len()),
                                    )),
                                });
                            } else {
                                rows.push(row_from_cells(line, record.iter(), cols));
                            }
                        }
                        // A line that cannot be decoded (bad UTF-8 in a forced encoding, or
                        // a broken quote) is a bad row too.
                        Err(e) => {
                            let line = e.position().map_or(0, csv::Position::line).max(*last_line + 1);
                            *last_line = line;
                            if let csv::ErrorKind::Io(io) = e.kind() {
                                return Err(bad_input(&format!("无法读取输入：{io}"), &format!("cannot read the input: {io}")));
                            }
                            rows.push(Row {
                                line,
                                ids: [String::new(), String::new()],
                                answers: Err(RowError::whole(format!("无法解析：{e}"), format!("cannot be read: {e}"))),
                            });
                        }
                    }
                }
            }
            Source::Jsonl { lines, line } => {
                while rows.len() < CHUNK {
                    let Some(text) = lines.next() else { break };
                    *line += 1;
                    match text {
                        Ok(t) if t.trim().is_empty() => {}
                        Ok(t) => rows.push(row_from_json(*line, &t)),
                        Err(e) => rows.push(Row {
                            line: *line,
                            ids: [String::new(), String::new()],
                            answers: Err(RowError::whole(format!("无法读取：{e}"), format!("cannot be read: {e}"))),
                        }),
                    }
                }
            }
        }
        Ok(rows)
    }
}

/// How results are written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sink {
    Csv,
    Jsonl,
}

fn csv_header(catalogue: &Catalogue) -> Vec<String> {
    let mut h: Vec<String> =
        ["row", "applicant_id", "applicant_name", "error_column", "error", "eligible", "manual_review", "undetermined", "cash_exact", "cash_min", "cash_max"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
    for e in &catalogue.entries {
        for suffix in ["status", "amount", "miss"] {
            h.push(format!("{}_{suffix}", e.code));
        }
    }
    h
}

/// Formats one row's results (or its error) as output bytes, and counts it.
fn format_row(row: &Row, on: Date, lang: Lang, sink: Sink, out: &mut Vec<u8>, summary: &mut Summary, entries: usize) {
    summary.rows += 1;
    let result = match &row.answers {
        Ok(a) => evaluate(a, on).map_err(RowError::from),
        Err(e) => Err(e.clone()),
    };
    let evaluation = match result {
        Ok(ev) => {
            summary.add(&ev);
            Ok(ev)
        }
        Err(problem) => {
            summary.failed += 1;
            Err(problem)
        }
    };
    match sink {
        Sink::Csv => {
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(&mut *out);
            let mut record: Vec<String> = Vec::with_capacity(11 + 3 * entries);
            record.push(row.line.to_string());
            record.push(row.ids[0].clone());
            record.push(row.ids[1].clone());
            match &evaluation {
                Err(RowError { column, zh, en }) => {
                    record.push(column.clone());
                    record.push(lang.pick(zh, en).to_owned());
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
                            record.push(r.miss.as_ref().map(|m| m.change.get(lang).to_owned()).unwrap_or_default());
                        }
                    }
                }
            }
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
            let _ = serde_json::to_writer(&mut *out, &value);
            out.push(b'\n');
        }
    }
}

fn summary_table(s: &Summary, catalogue: &Catalogue, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Zh => format!("共 {} 行，其中 {} 行有误（见输出文件的 error 列）。", s.rows, s.failed),
            Lang::En => format!("{} rows, of which {} failed (see the error column of the output).", s.rows, s.failed),
        }
    );
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "条目 | 可申请 | 需人工认定 | 暂无法确定 | 不符合 | 确定金额合计（元） | 合计区间（元）",
            "entry | eligible | manual review | undetermined | not eligible | exact cash (CNY) | cash range (CNY)"
        )
    );
    for (e, x) in catalogue.entries.iter().zip(&s.entries) {
        if x.by_status[..4].iter().all(|n| *n == 0) {
            continue;
        }
        let _ = writeln!(
            out,
            "{} {} | {} | {} | {} | {} | {} | {}–{}",
            e.code,
            e.name_in(lang),
            x.by_status[0],
            x.by_status[1],
            x.by_status[2],
            x.by_status[3],
            chanjiao_rules::group_thousands(x.cash_exact),
            chanjiao_rules::group_thousands(x.cash_min),
            chanjiao_rules::group_thousands(x.cash_max)
        );
    }
    out
}

fn summary_csv(s: &Summary, catalogue: &Catalogue, path: &Path) -> Result<(), Failure> {
    let fail = |e: &dyn std::fmt::Display| Failure { code: 1, message: format!("无法写入 {0}：{e}\ncannot write {0}: {e}", path.display()) };
    let mut file = File::create(path).map_err(|e| fail(&e))?;
    file.write_all("\u{feff}".as_bytes()).map_err(|e| fail(&e))?;
    let mut w = csv::Writer::from_writer(file);
    let _ = w.write_record([
        "code",
        "id",
        "name_zh",
        "eligible",
        "manual_review",
        "undetermined",
        "not_eligible",
        "not_applicable",
        "cash_exact",
        "cash_min",
        "cash_max",
    ]);
    for (e, x) in catalogue.entries.iter().zip(&s.entries) {
        let mut r = vec![e.code.clone(), e.id.clone(), e.name_zh.clone()];
        r.extend(x.by_status.iter().map(u64::to_string));
        r.extend([x.cash_exact, x.cash_min, x.cash_max].map(|d| d.normalize().to_string()));
        w.write_record(&r).map_err(|e| fail(&e))?;
    }
    w.flush().map_err(|e| fail(&e))
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

/// Runs the batch; returns what to print and the exit code (3 when any row failed).
pub fn run(args: Args) -> Result<(String, u8), Failure> {
    if args.template {
        return Ok((template(), 0));
    }
    let (Some(input), Some(output)) = (args.input, args.output) else {
        return Err(bad_input("请给出 --input 和 --output", "give --input and --output"));
    };
    let lang = args.lang.lang();
    let on = crate::evaluation_date(args.on.as_deref())?;
    let catalogue = Catalogue::get()?;
    let entries = catalogue.entries.len();
    let shown = input.display().to_string();
    let file = File::open(&input).map_err(|e| bad_input(&format!("无法读取 {shown}：{e}"), &format!("cannot read {shown}: {e}")))?;
    let size = file.metadata().map_or(0, |m| m.len());
    let reader: Box<dyn Read> =
        Box::new(decoded(file, args.encoding).map_err(|e| bad_input(&format!("无法读取 {shown}：{e}"), &format!("cannot read {shown}: {e}")))?);
    let jsonl = |p: &Path| p.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
    let mut source = if jsonl(&input) {
        Source::Jsonl { lines: BufReader::with_capacity(256 * 1024, reader).lines(), line: 0 }
    } else {
        let mut reader = csv::ReaderBuilder::new().flexible(true).buffer_capacity(256 * 1024).from_reader(reader);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| bad_input(&format!("{shown} 的表头无法读取：{e}"), &format!("the header of {shown} cannot be read: {e}")))?
            .iter()
            .map(str::to_owned)
            .collect();
        let cols = columns(&headers)?;
        Source::Csv { reader, cols, record: csv::StringRecord::new(), last_line: 1 }
    };
    let sink = if jsonl(&output) { Sink::Jsonl } else { Sink::Csv };
    let out_shown = output.display().to_string();
    let write_fail = |e: &dyn std::fmt::Display| Failure { code: 1, message: format!("无法写入 {out_shown}：{e}\ncannot write {out_shown}: {e}") };
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&output).map_err(|e| write_fail(&e))?);
    if sink == Sink::Csv {
        // The byte-order mark lets spreadsheet programs read the UTF-8 as UTF-8.
        out.write_all("\u{feff}".as_bytes()).map_err(|e| write_fail(&e))?;
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        let _ = w.write_record(csv_header(catalogue));
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
        let rows = source.next_chunk()?;
        if rows.is_empty() {
            break;
        }
        // Evaluate the chunk on every core, each part into its own buffer, then
        // write the parts in order.
        let part = rows.len().div_ceil(workers);
        let parts: Vec<Option<(Vec<u8>, Summary)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = rows
                .chunks(part)
                .map(|chunk| {
                    scope.spawn(move || {
                        let mut bytes = Vec::with_capacity(chunk.len() * 512);
                        let mut s = Summary::new(entries);
                        for row in chunk {
                            format_row(row, on, lang, sink, &mut bytes, &mut s, entries);
                        }
                        (bytes, s)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().ok()).collect()
        });
        for part in parts {
            // The rules never panic (property-tested); if a worker did, stop rather
            // than write a results file with rows silently missing.
            let Some((bytes, s)) = part else {
                return Err(Failure {
                    code: 1,
                    message: "内部错误：一个计算线程失败，结果文件不完整
internal error: a worker failed; the results file is incomplete"
                        .into(),
                });
            };
            out.write_all(&bytes).map_err(|e| write_fail(&e))?;
            summary.merge(s);
        }
        if let Source::Csv { reader, .. } = &source {
            progress.set_position(reader.position().byte().min(size));
        }
        progress.set_message(format!("{} rows", summary.rows));
    }
    out.flush().map_err(|e| write_fail(&e))?;
    progress.finish_and_clear();
    if let Some(path) = &args.summary {
        summary_csv(&summary, catalogue, path)?;
    }
    let code = if summary.failed > 0 { 3 } else { 0 };
    Ok((summary_table(&summary, catalogue, lang), code))
}
