//! `chanjiao batch`: the batch engine (`chanjiao-batch`) behind a command line.
//! This module parses the arguments, checks that no output is a file the run
//! reads, opens every output as a temporary beside it before a record is read,
//! shows progress on a terminal, and renames the outputs at the end
//! (`crate::output`, as every file the CLI writes): a run replaces all of its
//! files or none.

use std::fs::File;
use std::io::{BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use chanjiao_batch::{Encoding, ErrorKind, Options, Sink};
use indicatif::{ProgressBar, ProgressStyle};

use crate::{Exit, Failure, bad_input, write_failure};

/// The input's text encoding, as the command line names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EncodingArg {
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
    /// The applicants: CSV (UTF-8 with or without BOM, or GB18030), JSON Lines
    /// (.jsonl), or a workbook (.xlsx, .xls, .xlsb, .ods; its first sheet, or --sheet).
    #[arg(long, value_name = "FILE", required_unless_present = "template")]
    input: Option<PathBuf>,
    /// The results: CSV, JSON Lines when the name ends in .jsonl, or a workbook
    /// when it ends in .xlsx (results, error rows and a summary on their own sheets). Written to a
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
    encoding: Option<EncodingArg>,
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
    /// The sheet of a workbook input to read (default: the first).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Print a CSV template (every column, and an example row) and exit; with a
    /// file name ending in .xlsx, write a template workbook there instead (every
    /// column headed by its question, its help in a note, lists to choose from).
    #[arg(long, value_name = "FILE.xlsx", num_args = 0..=1, conflicts_with_all = ["input", "output", "summary", "chart", "compare_policy"])]
    template: Option<Option<PathBuf>>,
}

/// The engine's failure as the CLI reports it, with its exit code.
fn failure(e: chanjiao_batch::Error, output: &Path) -> Failure {
    let message = format!("{}\n{}", e.message.zh, e.message.en);
    match e.kind {
        ErrorKind::BadInput | ErrorKind::Read => bad_input(&e.message.zh, &e.message.en),
        ErrorKind::NoRecords => Failure { exit: Exit::RowsFailed, message },
        ErrorKind::Write => write_failure(output, &e.message.en),
        ErrorKind::Internal => Failure { exit: Exit::Failure, message },
    }
}

/// Writes the template workbook to `path` (a name ending in .xlsx), never over a policy pack it reads.
fn template_workbook(path: &Path, policy: &[PathBuf], on: Option<&str>) -> Result<(String, Exit), Failure> {
    let shown = path.display();
    if !path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        return Err(bad_input(
            &format!("模板文件名须以 .xlsx 结尾（{shown}）；不带文件名时 --template 打印 CSV 模板"),
            &format!("the template's name must end in .xlsx ({shown}); without a name, --template prints a CSV template"),
        ));
    }
    // A template is filled in by hand: one that exists may be an office's
    // filled list, so it is never replaced.
    if path.exists() {
        return Err(bad_input(
            &format!("{shown} 已存在，未改动；模板只写入新文件，请换一个文件名"),
            &format!("{shown} already exists and was left as it is: a template is only written to a new file, so choose another name"),
        ));
    }
    let params = crate::load_policy(policy)?;
    let on = crate::evaluation_date(on)?;
    let mut files = crate::output::Files::default();
    for pack in policy {
        files.input(pack, ("政策包", "policy pack"));
    }
    files.output(path, ("模板文件", "template"));
    files.check()?;
    let bytes = chanjiao_batch::template_workbook(params, on).map_err(|e| failure(e, path))?;
    crate::output::write(path, &bytes)?;
    Ok((
        format!(
            "已写出模板 {shown}：第一个工作表填写申请人，每列一个问题；“填写说明”工作表列出每列的说明和示例。\nwrote the template {shown}: fill in the first sheet, one applicant a row; the sheet 填写说明 explains each column, with an example.\n"
        ),
        Exit::Done,
    ))
}

/// A workbook's failure, with the file named first.
fn prefixed(mut e: chanjiao_batch::Error, shown: &str, output: &Path) -> Failure {
    e.message = chanjiao_rules::Text::new(format!("{shown}：{}", e.message.zh), format!("{shown}: {}", e.message.en));
    failure(e, output)
}

/// Runs the batch; returns what to print and how the run ends (3 when any
/// record became an error row, or when there was none).
pub fn run(args: Args) -> Result<(String, Exit), Failure> {
    match args.template {
        Some(None) => return Ok((chanjiao_batch::template(), Exit::Done)),
        Some(Some(path)) => return template_workbook(&path, &args.policy, args.on.as_deref()),
        None => {}
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
    let mut head = Vec::with_capacity(1024);
    File::open(&input).and_then(|f| f.take(1024).read_to_end(&mut head)).map_err(|e| cannot_read(&e))?;
    let workbook = chanjiao_batch::is_workbook(&head);
    if args.sheet.is_some() && !workbook {
        return Err(bad_input(
            &format!("{shown} 不是工作簿；--sheet 只用于 .xlsx、.xls、.ods 等工作簿"),
            &format!("{shown} is not a workbook; --sheet is for workbooks (.xlsx, .xls, .ods)"),
        ));
    }
    if !workbook && chanjiao_batch::is_utf16(&head) {
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
    // A workbook's file is read into memory (a zip is read from its end), so
    // it is read now, within its cap, and its rows counted for the progress bar.
    let bytes: Vec<u8>;
    let sheet = if workbook {
        if size > chanjiao_batch::MAX_WORKBOOK_BYTES {
            let mb = chanjiao_batch::MAX_WORKBOOK_BYTES / (1024 * 1024);
            return Err(bad_input(
                &format!("{shown} 超过 {mb} MB，工作簿文件须读入内存，未读取；请拆分，或另存为 CSV（CSV 按行读取，不限大小）"),
                &format!(
                    "{shown} is over {mb} MB and a workbook's file is held in memory, so it was not read: split it, or save it as CSV (read row by row, with no such limit)"
                ),
            ));
        }
        bytes = std::fs::read(&input).map_err(|e| cannot_read(&e))?;
        Some(chanjiao_batch::SheetRecords::open(&bytes, args.sheet.as_deref()).map_err(|e| prefixed(e, &shown, &output))?)
    } else {
        None
    };
    let encoding = match args.encoding {
        Some(EncodingArg::Utf8) => Encoding::Utf8,
        Some(EncodingArg::Gb18030) => Encoding::Gb18030,
        None if workbook => Encoding::Utf8,
        None => File::open(&input).and_then(|f| chanjiao_batch::detect_encoding(BufReader::with_capacity(1 << 20, f))).map_err(|e| cannot_read(&e))?,
    };
    let named = |p: &Path, ext: &[&str]| p.extension().and_then(|e| e.to_str()).is_some_and(|e| ext.iter().any(|x| e.eq_ignore_ascii_case(x)));
    let jsonl = |p: &Path| named(p, &["jsonl", "ndjson"]);
    let options = Options {
        name: &shown,
        on,
        lang,
        raw_cells: args.raw_cells,
        params,
        compare,
        encoding,
        jsonl: jsonl(&input),
        sink: if jsonl(&output) {
            Sink::Jsonl
        } else if named(&output, &["xlsx"]) {
            Sink::Xlsx
        } else {
            Sink::Csv
        },
        workers: std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, 8),
    };
    let total = sheet.as_ref().map_or(size, chanjiao_batch::SheetRecords::total);
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(total);
        bar.set_style(ProgressStyle::with_template("{bar:40} {percent}% {msg} ({elapsed})").unwrap_or_else(|_| ProgressStyle::default_bar()));
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut out = BufWriter::with_capacity(1 << 20, tmp);
    let mut heard = |read: u64, rows: u64| {
        progress.set_position(read.min(total));
        progress.set_message(format!("{rows} rows"));
    };
    let report = match sheet {
        Some(sheet) => chanjiao_batch::screen_sheet(sheet, &mut out, &options, &mut heard),
        None => chanjiao_batch::screen(BufReader::with_capacity(256 * 1024, file), &mut out, &options, &mut heard),
    }
    .map_err(|e| failure(e, &output))?;
    progress.finish_and_clear();
    let tmp = out.into_inner().map_err(|e| write_failure(&output, e.error()))?;
    let exit = if report.rows_failed() { Exit::RowsFailed } else { Exit::Done };
    // The summary and the chart are written into their temporaries, then every
    // output is renamed at once.
    let mut done = vec![tmp];
    // Each is made only when asked for.
    let summary_csv = || report.summary_csv();
    let chart_svg = || report.chart_svg().unwrap_or_default().into_bytes();
    for (path, tmp, bytes) in [(args.summary.as_ref(), summary_tmp, &summary_csv as &dyn Fn() -> Vec<u8>), (args.chart.as_ref(), chart_tmp, &chart_svg)] {
        if let (Some(path), Some(mut tmp)) = (path, tmp) {
            tmp.write_all(&bytes()).map_err(|e| write_failure(path, &e))?;
            done.push(tmp);
        }
    }
    crate::output::commit(done)?;
    Ok((report.table(lang), exit))
}
