//! `chanjiao`: eligibility, amounts and reasons under 泉政办规〔2022〕8号 from the
//! command line. Glue only: it reads files and the clock, calls the rules, prints.

mod batch;
mod exit;
mod forms;
mod output;
mod pack;
mod render;

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chanjiao_rules::{Answers, Date, Lang};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

pub(crate) use crate::exit::Exit;

/// Eligibility calculator for Quanzhou's industry–education integration incentives
/// (泉政办规〔2022〕8号). 泉州产教融合政策测算工具。
#[derive(Parser, Debug)]
#[command(name = "chanjiao", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List all 47 incentives: id, names, clause, applicant types, amount rule.
    Incentives(Output),
    /// List the questions that can still change a result, given the answers so far.
    Questions {
        /// The answers file (JSON; `-` reads standard input). Not needed with --all.
        #[arg(long, value_name = "FILE", required_unless_present = "all")]
        answers: Option<PathBuf>,
        /// Evaluate as of this date, YYYY-MM-DD (default: today in China Standard Time).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        /// A policy pack that follows the built-in plan (repeat, in date order).
        #[arg(long = "policy", value_name = "FILE")]
        policy: Vec<PathBuf>,
        /// List every question in the vocabulary instead.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        output: Output,
    },
    /// Evaluate every incentive for the answers.
    Evaluate {
        #[command(flatten)]
        input: Input,
        /// Also show the incentives that are not for this type of applicant.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        output: Output,
    },
    /// Explain one incentive in full for the answers: clause, condition, reason, nearest miss.
    Explain {
        /// The incentive's id (e.g. graduate-hiring-subsidy) or code (e.g. A11).
        id: String,
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        output: Output,
    },
    /// Print the answers file's vocabulary as JSON Schema.
    Schema,
    /// Write pre-filled application forms (PDF) for incentives the answers qualify for.
    Pdf {
        #[command(flatten)]
        input: Input,
        /// The incentive's id or code (repeat for a combined file of several forms).
        #[arg(long = "incentive", value_name = "ID", required_unless_present = "all_forms")]
        incentives: Vec<String>,
        /// Every form the answers are offered, in one combined file.
        #[arg(long = "all-forms", conflicts_with = "incentives")]
        all_forms: bool,
        /// The applicant block: a JSON file with name, id_number, address, contact,
        /// phone, bank and account (name and id_number are required).
        #[arg(long, value_name = "FILE")]
        applicant: PathBuf,
        /// Where to write the PDF (default: 产教融合-<entry>-<applicant>.pdf here).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The font (default: $CHANJIAO_FONT, else fonts/NotoSansCJKsc-Regular-chanjiao.otf
        /// of this repository, made by scripts/setup.sh).
        #[arg(long, value_name = "FILE")]
        font: Option<PathBuf>,
    },
    /// Policy packs: check one, or compare two (for the officials who approve a successor).
    #[command(subcommand)]
    Pack(pack::PackCommand),
    /// Screen many applicants at once (免申即享): a CSV or JSON Lines file in, one row of
    /// results per applicant out, and a summary per entry. Exit 3 when any row failed.
    Batch(batch::Args),
    /// Check a form against these rules: a PDF made by chanjiao (its codes, its QR
    /// codes and its pages), or the text of its QR code. Exit 0 when it matches, 4
    /// when a figure or the page differs.
    Verify {
        /// A PDF made by chanjiao, or a file holding QR text (`-` reads standard input).
        #[arg(value_name = "FILE", required_unless_present = "code")]
        file: Option<PathBuf>,
        /// The QR code's text itself.
        #[arg(long, value_name = "TEXT", conflicts_with = "file")]
        code: Option<String>,
        /// The font the forms are made in, to make a PDF's pages again and compare
        /// them (default: as for `pdf`).
        #[arg(long, value_name = "FILE")]
        font: Option<PathBuf>,
        /// The policy packs the form was made under, in the same order (the form's
        /// code names them by id; verify says which it needs).
        #[arg(long = "policy", value_name = "FILE")]
        policy: Vec<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
}

#[derive(clap::Args, Debug)]
pub(crate) struct Input {
    /// The answers file (JSON; `-` reads standard input). `chanjiao schema` lists its fields.
    #[arg(long, value_name = "FILE")]
    answers: PathBuf,
    /// Evaluate as of this date, YYYY-MM-DD (default: today in China Standard Time).
    #[arg(long, value_name = "YYYY-MM-DD")]
    on: Option<String>,
    /// A policy pack that follows the built-in plan (repeat, in date order);
    /// docs/policy-packs.md says what one holds.
    #[arg(long = "policy", value_name = "FILE")]
    policy: Vec<PathBuf>,
    /// For answers of several years (`years`), the one year to use, its credit
    /// balance carried in from the years before.
    #[arg(long, value_name = "YYYY")]
    year: Option<u16>,
}

#[derive(clap::Args, Debug)]
pub(crate) struct Output {
    /// Output format (default: table on a terminal, JSON otherwise).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Language of table output.
    #[arg(long, value_enum, default_value = "zh-CN")]
    lang: LangArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum LangArg {
    #[value(name = "zh-CN", alias = "zh")]
    Zh,
    #[value(name = "en")]
    En,
}

impl LangArg {
    pub(crate) fn lang(self) -> Lang {
        match self {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

impl Output {
    pub(crate) fn format(&self) -> Format {
        self.format.unwrap_or(if std::io::stdout().is_terminal() { Format::Table } else { Format::Json })
    }

    pub(crate) fn lang(&self) -> Lang {
        self.lang.lang()
    }
}

/// A failure to report: a message and how the run ends.
pub(crate) struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl From<chanjiao_rules::Error> for Failure {
    fn from(e: chanjiao_rules::Error) -> Self {
        let exit = if e.kind == chanjiao_rules::ErrorKind::Data { Exit::Failure } else { Exit::BadInput };
        Failure { exit, message: format!("{}\n{}", e.render(Lang::Zh), e.render(Lang::En)) }
    }
}

pub(crate) fn bad_input(zh: &str, en: &str) -> Failure {
    Failure { exit: Exit::BadInput, message: format!("{zh}\n{en}") }
}

/// A file that could not be written (exit 1).
pub(crate) fn write_failure(path: &std::path::Path, e: &dyn std::fmt::Display) -> Failure {
    Failure { exit: Exit::Failure, message: format!("无法写入 {0}：{e}\ncannot write {0}: {e}", path.display()) }
}

fn main() -> ExitCode {
    let matches = Cli::command().after_help(exit::help()).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match run(cli.command) {
        Ok((text, exit)) => {
            let mut out = std::io::stdout().lock();
            // The whole output is built first and written once, so a failure never
            // leaves half a result behind. Whatever its source (a policy pack, an
            // answers file), a character a terminal would obey is shown escaped.
            match out.write_all(output::terminal(&text).as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => exit.into(),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit.into(),
                Err(e) => {
                    report(&format!("无法输出结果 / cannot write output: {e}"));
                    Exit::Failure.into()
                }
            }
        }
        Err(f) => {
            report(&f.message);
            f.exit.into()
        }
    }
}

/// Writes a message to standard error, each line marked; a closed or full
/// standard error is no reason to fail differently (the exit code says it).
/// Messages quote what was given (a header, a path, a value), so characters a
/// terminal would obey are shown escaped.
pub(crate) fn report(message: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "chanjiao: {}", output::text(message).replace('\n', "\nchanjiao: "));
}

/// Runs one command: what to print, and how the run ends.
fn run(command: Command) -> Result<(String, Exit), Failure> {
    let done = |text: String| (text, Exit::Done);
    match command {
        Command::Incentives(output) => {
            let catalogue = load_policy(&[])?.catalogue()?;
            Ok(done(match output.format() {
                Format::Json => render::json(&render::versioned("incentives", &catalogue.entries)),
                Format::Table => render::incentives(catalogue, output.lang()),
            }))
        }
        Command::Questions { answers, on, policy, all, output } => {
            if all {
                let params = load_policy(&policy)?;
                let qs = chanjiao_rules::questions_under(params);
                let on = evaluation_date(on.as_deref())?;
                return Ok(done(match output.format() {
                    Format::Json => render::json(&render::versioned("questions", &qs.iter().map(|q| q.to_json_under(params, on)).collect::<Vec<_>>())),
                    Format::Table => render::questions(qs.iter().copied(), params, on, output.lang()),
                }));
            }
            let input = Input { answers: answers.unwrap_or_else(|| PathBuf::from("-")), on, policy, year: None };
            let (answers, on, params) = read_input(&input)?;
            let plan = chanjiao_rules::plan_with(params, &answers, on)?;
            Ok(done(match output.format() {
                Format::Json => render::json(&render::versioned("questions", &plan.to_json_under(params, on))),
                Format::Table => render::plan(&plan, params, on, output.lang()),
            }))
        }
        Command::Evaluate { input, all, output } => {
            let (answers, on, params) = read_input(&input)?;
            if answers.has_years() {
                let evaluation = chanjiao_rules::evaluate_years_with(params, &answers, on)?;
                return Ok(done(match output.format() {
                    Format::Json => render::json(&render::versioned("evaluation-years", &evaluation)),
                    Format::Table => {
                        let each = chanjiao_rules::year_answers_with(params, &answers, on)?;
                        render::years(&evaluation, params, &each, all, output.lang())
                    }
                }));
            }
            let evaluation = chanjiao_rules::evaluate_with(params, &answers, on)?;
            Ok(done(match output.format() {
                Format::Json => render::json(&render::versioned("evaluation", &evaluation)),
                Format::Table => render::evaluation(&evaluation, params, &answers, all, output.lang()),
            }))
        }
        Command::Explain { id, input, output } => {
            let (answers, on, params) = read_input(&input)?;
            let result = chanjiao_rules::evaluate_entry_with(params, &answers, on, &id)?;
            Ok(done(match output.format() {
                Format::Json => render::json(&render::versioned("explanation", &result)),
                Format::Table => render::explain(&result, &answers, on, output.lang()),
            }))
        }
        Command::Schema => Ok(done(render::json(&chanjiao_rules::json_schema(load_policy(&[])?)))),
        Command::Pdf { input, incentives, all_forms, applicant, output, font } => {
            forms::pdf(&input, &incentives, all_forms, &applicant, output, font).map(done)
        }
        Command::Verify { file, code, font, policy, output } => forms::verify(file, code, font, &policy, &output),
        Command::Batch(args) => batch::run(args),
        Command::Pack(command) => pack::run(command).map(done),
    }
}

/// The date given with `--on`, or today in China Standard Time.
pub(crate) fn evaluation_date(on: Option<&str>) -> Result<Date, Failure> {
    match on {
        Some(text) => Date::parse(text).ok_or_else(|| {
            bad_input(&format!("--on：“{text}”不是存在的日期，请写成 YYYY-MM-DD"), &format!("--on: \"{text}\" is not a date that exists; write YYYY-MM-DD"))
        }),
        None => Ok(today_in_china()),
    }
}

/// The largest answers, applicant or QR-text file read: 10 MB. A real answers
/// file is a few kilobytes; the limit keeps memory bounded whatever is given.
pub(crate) const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Reads a whole file (or standard input for `-`) of at most `limit` bytes;
/// a larger one is refused before it is read into memory.
pub(crate) fn read_limited(path: &std::path::Path, limit: u64, what: (&str, &str)) -> Result<Vec<u8>, Failure> {
    let stdin = path.as_os_str() == "-";
    let (zh, en) =
        if stdin { ("（标准输入）".to_owned(), "(standard input)".to_owned()) } else { (path.display().to_string(), path.display().to_string()) };
    let mut bytes = Vec::new();
    let read = if stdin {
        std::io::stdin().lock().take(limit + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| bad_input(&format!("无法读取{} {zh}：{e}", what.0), &format!("cannot read the {} {en}: {e}", what.1)))?;
    if bytes.len() as u64 > limit {
        let mb = limit / (1024 * 1024);
        return Err(bad_input(&format!("{} {zh} 超过 {mb} MB，不予读取", what.0), &format!("the {} {en} is over {mb} MB and is not read", what.1)));
    }
    Ok(bytes)
}

/// The answers, the evaluation date and the policy an `Input` names; with
/// `--year`, the answers of that one year.
pub(crate) fn read_input(input: &Input) -> Result<(Answers, Date, &'static chanjiao_rules::Params), Failure> {
    let on = evaluation_date(input.on.as_deref())?;
    let bytes = read_limited(&input.answers, MAX_FILE_BYTES, ("答案文件", "answers file"))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        let path = input.answers.display();
        bad_input(&format!("答案文件 {path} 不是 UTF-8 文本"), &format!("the answers file {path} is not UTF-8 text"))
    })?;
    let params = load_policy(&input.policy)?;
    let answers = Answers::from_json_under(&text, params)?;
    let Some(year) = input.year else { return Ok((answers, on, params)) };
    if !answers.has_years() {
        return Err(bad_input("--year 只用于分年度（years）的答案文件", "--year is for answers files that give several years (years)"));
    }
    let years = chanjiao_rules::year_answers_with(params, &answers, on)?;
    let listed = years.iter().map(|(y, _)| y.to_string()).collect::<Vec<_>>().join(", ");
    let one = years.into_iter().find(|(y, _)| *y == year).map(|(_, a)| a);
    let one = one.ok_or_else(|| bad_input(&format!("答案文件没有 {year} 年；有：{listed}"), &format!("the answers give no {year}; they give {listed}")))?;
    Ok((one, on, params))
}

/// The built-in plan followed by the policy packs in `files`, in order, each
/// checked as the built-in data is; a pack that fails is refused, naming the
/// file, the key and the reason (exit 2).
pub(crate) fn load_policy(files: &[PathBuf]) -> Result<&'static chanjiao_rules::Params, Failure> {
    let mut texts = Vec::with_capacity(files.len());
    for file in files {
        let bytes = read_limited(file, MAX_FILE_BYTES, ("政策包", "policy pack"))?;
        let shown = file.display();
        texts.push(
            String::from_utf8(bytes)
                .map_err(|_| bad_input(&format!("政策包 {shown} 不是 UTF-8 文本"), &format!("the policy pack {shown} is not UTF-8 text")))?,
        );
    }
    let sources: Vec<&str> = texts.iter().map(String::as_str).collect();
    chanjiao_rules::load_policy(&sources).map_err(|refusal| {
        let shown = files.get(refusal.index).map(|f| f.display().to_string()).unwrap_or_default();
        let e = refusal.error;
        let key = e.field.clone().unwrap_or_default();
        let at = if key.is_empty() { String::new() } else { format!("{key}: ") };
        bad_input(
            &format!("政策包 {shown} 未通过检查，不予载入：{at}{}", e.message.zh),
            &format!("the policy pack {shown} fails its checks and is not loaded: {at}{}", e.message.en),
        )
    })
}

/// Today's date in China Standard Time, by the rules' one definition of it
/// (`Date::in_china`). This is the only place the clock is read; the rules take
/// the date as an argument.
pub(crate) fn today_in_china() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Date::in_china(secs).unwrap_or(Date::MIN)
}
