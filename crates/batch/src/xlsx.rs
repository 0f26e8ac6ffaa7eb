//! Workbooks out: the results as an .xlsx an office opens in Excel or WPS,
//! written with rust_xlsxwriter. Three sheets: 结果 (one row per applicant
//! evaluated: Chinese headers with the field ids in a second row, frozen;
//! statuses in words; amounts as numbers in yuan), 错误行 (each record that
//! could not be evaluated, with its row and reason) and 汇总 (one row per
//! entry). Every cell is written as a typed value, a string as a string, so
//! no cell can run as a formula, whatever an applicant's name says.

use chanjiao_rules::{Amount, Decimal, Evaluation, Lang, Status};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::map::{Row, RowError};
use crate::summary::{Listing, Summary};
use crate::{Error, ErrorKind};

/// The most rows a worksheet holds (Excel's limit, headers included).
pub const MAX_SHEET_ROWS: u64 = 1_048_576;

/// One cell of a row, typed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    Number(f64),
    Yuan(f64),
    Empty,
}

/// One record as the workbook takes it: its row, ids, and its result cells or its error.
#[derive(Clone, Debug)]
pub(crate) struct SheetRow {
    pub(crate) line: u64,
    pub(crate) ids: [String; 2],
    pub(crate) cells: Result<Vec<Cell>, RowError>,
    /// Per listed entry, the status where the entry concerns the applicant
    /// (the workbench's table filters on it; the workbook writes it in words).
    pub(crate) statuses: Vec<Option<Status>>,
}

fn yuan(d: Decimal) -> Cell {
    Cell::Yuan(f64::try_from(d).unwrap_or(f64::NAN))
}

/// A record's result cells, computed on a worker: totals, then per listed
/// entry its status in words, the lowest and highest amount as numbers, the
/// amount in words, and the nearest miss.
pub(crate) fn row(row: &Row, e: Result<Evaluation, RowError>, listing: &Listing, lang: Lang) -> SheetRow {
    let mut statuses = Vec::new();
    let cells = e.map(|ev| {
        let t = &ev.totals;
        let mut cells = vec![
            Cell::Number(t.eligible as f64),
            Cell::Number(t.manual_review as f64),
            Cell::Number(t.undetermined as f64),
            yuan(t.cash_exact),
            yuan(t.cash_min),
            yuan(t.cash_max),
        ];
        for r in listing.aligned(&ev, 0) {
            statuses.push(r.map(|r| r.status).filter(|s| *s != Status::NotApplicable));
            match r {
                Some(r) if r.status != Status::NotApplicable => {
                    let (lo, hi) = match &r.amount {
                        Amount::Exact { yuan: y } => (yuan(*y), yuan(*y)),
                        Amount::Range { min, max } => (yuan(*min), yuan(*max)),
                        Amount::UpTo { cap } => (Cell::Empty, yuan(*cap)),
                        _ => (Cell::Empty, Cell::Empty),
                    };
                    let words = if matches!(r.amount, Amount::Exact { .. } | Amount::None) {
                        Cell::Empty
                    } else {
                        Cell::Text(r.amount.describe().get(lang).to_owned())
                    };
                    cells.extend([
                        Cell::Text(r.status.name().get(lang).to_owned()),
                        lo,
                        hi,
                        words,
                        r.miss.as_ref().map_or(Cell::Empty, |m| Cell::Text(m.change.get(lang).to_owned())),
                    ]);
                }
                _ => cells.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]),
            }
        }
        cells
    });
    SheetRow { line: row.line, ids: row.ids.clone(), cells, statuses }
}

/// The workbook being written: the results and errors sheets filled as rows
/// arrive, in order; the summary at the end.
pub(crate) struct Book {
    results: Worksheet,
    errors: Worksheet,
    next_result: u32,
    next_error: u32,
    lang: Lang,
    yuan: Format,
    /// What every result row says when a side rests on an illustrative policy,
    /// in a last column, and the column it goes in.
    illustration: Option<(String, u16)>,
}

fn failed(e: XlsxError) -> Error {
    Error::new(ErrorKind::Write, format!("无法写出工作簿：{e}"), format!("cannot write the workbook: {e}"))
}

/// The errors sheet, headed: row, ids, the column to blame and the reason.
fn errors_sheet(lang: Lang, bold: &Format) -> Result<Worksheet, Error> {
    let mut errors = Worksheet::new();
    errors.set_name(lang.pick("错误行", "Errors")).map_err(failed)?;
    let columns = [
        (lang.pick("行号", "Row"), 8.0),
        (lang.pick("申请人编号", "Applicant id"), 16.0),
        (lang.pick("申请人名称", "Applicant"), 28.0),
        (lang.pick("出错的列", "Column"), 24.0),
        (lang.pick("原因", "Reason"), 70.0),
    ];
    for (c, (words, w)) in columns.into_iter().enumerate() {
        errors.write_string_with_format(0, c as u16, words, bold).map_err(failed)?;
        errors.set_column_width(c as u16, w).map_err(failed)?;
    }
    errors.set_freeze_panes(1, 0).map_err(failed)?;
    Ok(errors)
}

/// Text as a cell holds it: Excel keeps at most 32,767 characters in one, so
/// a longer text (a name pasted a thousand times over) is cut, and says so,
/// rather than failing the whole workbook.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    const MOST: usize = 32_000;
    match text.char_indices().nth(MOST) {
        None => std::borrow::Cow::Borrowed(text),
        Some((at, _)) => std::borrow::Cow::Owned(format!("{}…（超长，已截断 / too long, cut）", &text[..at])),
    }
}

/// Column widths in characters, as the header words want.
fn width(words: &str) -> f64 {
    (words.chars().map(|c| if c.is_ascii() { 1.0 } else { 2.0 }).sum::<f64>() + 2.0).clamp(8.0, 40.0)
}

impl Book {
    pub(crate) fn new(listing: &Listing, lang: Lang, illustration: Option<String>) -> Result<Book, Error> {
        let bold = Format::new().set_bold().set_background_color(0xF2F2F2).set_text_wrap();
        let id_format = Format::new().set_font_color(0x595959).set_background_color(0xF2F2F2);
        let mut results = Worksheet::new();
        results.set_name(lang.pick("结果", "Results")).map_err(failed)?;
        let mut header: Vec<(String, String)> = [
            ("row", "行号", "Row"),
            ("applicant_id", "申请人编号", "Applicant id"),
            ("applicant_name", "申请人名称", "Applicant"),
            ("eligible", "可申请项数", "Eligible"),
            ("manual_review", "需人工认定项数", "Manual review"),
            ("undetermined", "暂无法确定项数", "Undetermined"),
            ("cash_exact", "确定金额合计（元）", "Exact cash (CNY)"),
            ("cash_min", "金额合计下限（元）", "Cash at least (CNY)"),
            ("cash_max", "金额合计上限（元）", "Cash at most (CNY)"),
        ]
        .iter()
        .map(|(id, zh, en)| ((*id).to_owned(), lang.pick(zh, en).to_owned()))
        .collect();
        for e in &listing.entries {
            let name = e.name_in(lang);
            header.push((format!("{}_status", e.code), format!("{} {name} · {}", e.code, lang.pick("状态", "status"))));
            header.push((format!("{}_min", e.code), format!("{} · {}", e.code, lang.pick("金额（元）", "amount (CNY)"))));
            header.push((format!("{}_max", e.code), format!("{} · {}", e.code, lang.pick("最高（元）", "at most (CNY)"))));
            header.push((format!("{}_amount", e.code), format!("{} · {}", e.code, lang.pick("金额说明", "amount in words"))));
            header.push((format!("{}_miss", e.code), format!("{} · {}", e.code, lang.pick("差一点", "nearest miss"))));
        }
        let illustration = illustration.map(|text| (text, u16::try_from(header.len()).unwrap_or(u16::MAX)));
        if illustration.is_some() {
            header.push(("illustration".to_owned(), lang.pick("示例政策", "Illustration").to_owned()));
        }
        for (c, (id, words)) in header.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            results.write_string_with_format(0, c, words, &bold).map_err(failed)?;
            results.write_string_with_format(1, c, id, &id_format).map_err(failed)?;
            let w = if c >= 9 && (c - 9) % 5 == 0 { width(words).min(24.0) } else { width(words) };
            results.set_column_width(c, w).map_err(failed)?;
        }
        results.set_freeze_panes(2, 3).map_err(failed)?;
        let errors = errors_sheet(lang, &bold)?;
        Ok(Book { results, errors, next_result: 2, next_error: 1, lang, yuan: Format::new().set_num_format("#,##0.00"), illustration })
    }

    /// Writes one record's row: a result on the results sheet, an error on the errors sheet.
    pub(crate) fn add(&mut self, row: &SheetRow) -> Result<(), Error> {
        let full = || {
            Error::new(
                ErrorKind::Write,
                "结果超过一个工作表的行数上限（1,048,576 行）；请改写为 CSV",
                "more results than a worksheet holds (1,048,576 rows): write CSV instead",
            )
        };
        match &row.cells {
            Ok(cells) => {
                if u64::from(self.next_result) >= MAX_SHEET_ROWS {
                    return Err(full());
                }
                let r = self.next_result;
                let s = &mut self.results;
                s.write_number(r, 0, row.line as f64).map_err(failed)?;
                s.write_string(r, 1, fit(&row.ids[0])).map_err(failed)?;
                s.write_string(r, 2, fit(&row.ids[1])).map_err(failed)?;
                for (i, cell) in cells.iter().enumerate() {
                    let c = u16::try_from(i + 3).unwrap_or(u16::MAX);
                    match cell {
                        Cell::Text(t) => s.write_string(r, c, fit(t)).map(|_| ()),
                        Cell::Number(n) => s.write_number(r, c, *n).map(|_| ()),
                        Cell::Yuan(n) => s.write_number_with_format(r, c, *n, &self.yuan).map(|_| ()),
                        Cell::Empty => Ok(()),
                    }
                    .map_err(failed)?;
                }
                if let Some((text, c)) = &self.illustration {
                    s.write_string(r, *c, text).map_err(failed)?;
                }
                self.next_result += 1;
            }
            Err(RowError { column, zh, en }) => {
                if u64::from(self.next_error) >= MAX_SHEET_ROWS {
                    return Err(full());
                }
                let r = self.next_error;
                let s = &mut self.errors;
                s.write_number(r, 0, row.line as f64).map_err(failed)?;
                for (c, text) in [&row.ids[0], &row.ids[1], column, self.lang.pick(zh, en)].into_iter().enumerate() {
                    s.write_string(r, c as u16 + 1, fit(text)).map_err(failed)?;
                }
                self.next_error += 1;
            }
        }
        Ok(())
    }

    /// The whole workbook's bytes, with the summary sheet after the others.
    /// `notices` (a side resting on an illustrative policy) head the summary.
    pub(crate) fn finish(self, summary: &Summary, listing: &Listing, notices: &[chanjiao_rules::Text]) -> Result<Vec<u8>, Error> {
        let lang = self.lang;
        let bold = Format::new().set_bold().set_background_color(0xF2F2F2).set_text_wrap();
        let mut sheet = Worksheet::new();
        sheet.set_name(lang.pick("汇总", "Summary")).map_err(failed)?;
        let header = [
            (lang.pick("条目", "Entry"), 8.0),
            (lang.pick("名称", "Name"), 50.0),
            (lang.pick("可申请", "Eligible"), 10.0),
            (lang.pick("需人工认定", "Manual review"), 12.0),
            (lang.pick("暂无法确定", "Undetermined"), 12.0),
            (lang.pick("不符合", "Not eligible"), 10.0),
            (lang.pick("不适用", "Not applicable"), 10.0),
            (lang.pick("了解即可", "Information"), 10.0),
            (lang.pick("确定金额合计（元）", "Exact cash (CNY)"), 18.0),
            (lang.pick("合计下限（元）", "At least (CNY)"), 16.0),
            (lang.pick("合计上限（元）", "At most (CNY)"), 16.0),
        ];
        // The notices first, a line each, then a blank line, then the table.
        let warning = Format::new().set_bold().set_font_color(0x9C0006).set_background_color(0xFFC7CE);
        for (r, notice) in notices.iter().enumerate() {
            sheet.merge_range(r as u32, 0, r as u32, 10, notice.get(lang), &warning).map_err(failed)?;
        }
        let top = if notices.is_empty() { 0 } else { notices.len() as u32 + 1 };
        for (c, (words, w)) in header.iter().enumerate() {
            sheet.write_string_with_format(top, c as u16, *words, &bold).map_err(failed)?;
            sheet.set_column_width(c as u16, *w).map_err(failed)?;
        }
        sheet.set_freeze_panes(top + 1, 2).map_err(failed)?;
        for (i, (e, s)) in listing.entries.iter().zip(&summary.entries).enumerate() {
            let r = top + i as u32 + 1;
            sheet.write_string(r, 0, &e.code).map_err(failed)?;
            sheet.write_string(r, 1, e.name_in(lang)).map_err(failed)?;
            for (k, at) in [0usize, 1, 2, 3, 4, 5].into_iter().enumerate() {
                sheet.write_number(r, k as u16 + 2, s.by_status[at] as f64).map_err(failed)?;
            }
            for (k, d) in [s.cash_exact, s.cash_min, s.cash_max].into_iter().enumerate() {
                sheet.write_number_with_format(r, k as u16 + 8, f64::try_from(d).unwrap_or(f64::NAN), &self.yuan).map_err(failed)?;
            }
        }
        let mut book = Workbook::new();
        book.push_worksheet(self.results);
        book.push_worksheet(self.errors);
        book.push_worksheet(sheet);
        book.save_to_buffer().map_err(failed)
    }
}

/// A template workbook for an office to fill: one sheet of columns, each
/// headed by its question's words with the id in brackets (which the reader
/// takes back), a note on each header with the question's help, lists to
/// choose from for yes/no and choice columns, date columns shown as dates;
/// and a second sheet, 填写说明, listing each column with its help and an
/// example from the example enterprise. The first sheet is the one read, so
/// the explanations never count as applicants.
pub fn template_workbook(params: &chanjiao_rules::Params, on: chanjiao_rules::Date) -> Result<Vec<u8>, Error> {
    use chanjiao_rules::questions::Kind;
    use rust_xlsxwriter::{DataValidation, Note};
    let bold = Format::new().set_bold().set_background_color(0xF2F2F2).set_text_wrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut sheet = Worksheet::new();
    sheet.set_name("申请人").map_err(failed)?;
    let mut guide = Worksheet::new();
    guide.set_name("填写说明").map_err(failed)?;
    for (c, (words, w)) in [("列名", 36.0), ("字段", 28.0), ("填写说明", 80.0), ("示例", 16.0)].into_iter().enumerate() {
        guide.write_string_with_format(0, c as u16, words, &bold).map_err(failed)?;
        guide.set_column_width(c as u16, w).map_err(failed)?;
    }
    let ids = [
        ("申请人编号（applicant_id）", "applicant_id", "复制到结果中，便于核对；不参与测算。", "E0001"),
        ("申请人名称（applicant_name）", "applicant_name", "复制到结果中，便于核对；不参与测算。", "泉州市示例鞋业有限公司"),
    ];
    let mut column: u16 = 0;
    let mut put = |sheet: &mut Worksheet, guide: &mut Worksheet, header: &str, id: &str, help: &str, sample: &str| -> Result<u16, Error> {
        sheet.write_string_with_format(0, column, header, &bold).map_err(failed)?;
        sheet.set_column_width(column, width(header).min(30.0)).map_err(failed)?;
        sheet.insert_note(0, column, &Note::new(help).add_author_prefix(false).set_width(360).set_height(160)).map_err(failed)?;
        let r = u32::from(column) + 1;
        for (c, text) in [header, id, help, sample].into_iter().enumerate() {
            guide.write_string(r, c as u16, text).map_err(failed)?;
        }
        column += 1;
        Ok(column - 1)
    };
    for (header, id, help, sample) in ids {
        put(&mut sheet, &mut guide, header, id, help, sample)?;
    }
    let last_row = MAX_SHEET_ROWS as u32 - 1;
    for q in chanjiao_rules::questions_under(params) {
        let header = format!("{}（{}）", q.label.zh, q.id);
        let help = q.help_under(params, on);
        let mut help = chanjiao_rules::plain(&help.zh);
        if !matches!(q.kind, Kind::YesNo | Kind::OneOf { .. }) {
            help.push_str(&format!("（{}）", q.validation.zh));
        }
        let sample = crate::write::example_answer(q.id);
        let c = put(&mut sheet, &mut guide, &header, q.id, &help, &sample)?;
        let choices: Vec<String> = match q.kind {
            Kind::YesNo if chanjiao_rules::questions::UNSURE.contains(&q.q) => vec!["是".into(), "否".into(), "不清楚".into()],
            Kind::YesNo => vec!["是".into(), "否".into()],
            Kind::OneOf { options } => options.iter().map(|o| o.label.zh.to_string()).collect(),
            _ => Vec::new(),
        };
        // Excel holds a list of at most 255 characters in the cell's rule; a
        // longer one is left as free text, which the rules still check.
        if !choices.is_empty() && choices.iter().map(|c| c.chars().count() + 1).sum::<usize>() <= 255 {
            let rule = DataValidation::new()
                .allow_list_strings(&choices)
                .and_then(|v| v.set_error_message("请从下拉列表中选择（Choose from the list）"))
                .map_err(failed)?;
            sheet.add_data_validation(1, c, last_row, c, &rule).map_err(failed)?;
        }
        if matches!(q.kind, Kind::Date) {
            sheet.set_column_format(c, &date).map_err(failed)?;
        }
    }
    sheet.set_freeze_panes(1, 2).map_err(failed)?;
    guide.set_freeze_panes(1, 0).map_err(failed)?;
    let mut book = Workbook::new();
    book.push_worksheet(sheet);
    book.push_worksheet(guide);
    book.save_to_buffer().map_err(failed)
}

/// A comparison as a workbook, from its CSV (`csv`, as [`crate::screen`]
/// writes it with `--compare-policy`): 对比结果, each applicant under both
/// sides with the change, numbers as numbers and ids and names as strings;
/// 错误行, the records that could not be evaluated; and 变化, one row per
/// entry open to someone under either side (applicants eligible and the cash
/// under A and B, and the change) with a native Excel chart of the cash.
pub(crate) fn comparison(csv: &[u8], report: &crate::Report, names: (&str, &str), lang: Lang) -> Result<Vec<u8>, Error> {
    use rust_xlsxwriter::{Chart, ChartType};
    let bold = Format::new().set_bold().set_background_color(0xF2F2F2).set_text_wrap();
    let money = Format::new().set_num_format("#,##0.00");
    let text = std::str::from_utf8(csv).unwrap_or_default();
    let mut reader = ::csv::ReaderBuilder::new().has_headers(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().map(|h| h.iter().map(str::to_owned).collect()).unwrap_or_default();
    let mut results = Worksheet::new();
    results.set_name(lang.pick("对比结果", "Comparison")).map_err(failed)?;
    // The error columns belong on the errors sheet; the results sheet keeps the rest.
    let kept: Vec<usize> = (0..header.len()).filter(|i| !matches!(header[*i].as_str(), "error_column" | "error")).collect();
    for (c, i) in kept.iter().enumerate() {
        results.write_string_with_format(0, c as u16, &header[*i], &bold).map_err(failed)?;
        results.set_column_width(c as u16, width(&header[*i]).min(22.0)).map_err(failed)?;
    }
    results.set_freeze_panes(1, 3).map_err(failed)?;
    let mut errors = errors_sheet(lang, &bold)?;
    let (mut r, mut e) = (1u32, 1u32);
    for record in reader.records() {
        let record = record.map_err(|err| {
            Error::new(ErrorKind::Internal, format!("内部错误：对比结果无法读回：{err}"), format!("internal error: the comparison cannot be read back: {err}"))
        })?;
        let cell = |i: usize| record.get(i).unwrap_or_default();
        if !cell(4).is_empty() {
            if u64::from(e) >= MAX_SHEET_ROWS {
                return Err(Error::new(
                    ErrorKind::Write,
                    "错误行超过一个工作表的行数上限；请改写为 CSV",
                    "more error rows than a worksheet holds: write CSV instead",
                ));
            }
            errors.write_number(e, 0, cell(0).parse::<f64>().unwrap_or_default()).map_err(failed)?;
            for c in 1..5 {
                errors.write_string(e, c as u16, fit(cell(c))).map_err(failed)?;
            }
            e += 1;
            continue;
        }
        if u64::from(r) >= MAX_SHEET_ROWS {
            return Err(Error::new(
                ErrorKind::Write,
                "结果超过一个工作表的行数上限（1,048,576 行）；请改写为 CSV",
                "more results than a worksheet holds (1,048,576 rows): write CSV instead",
            ));
        }
        for (c, i) in kept.iter().enumerate() {
            let value = cell(*i);
            // Ids and names stay strings; a plain number is a number; anything else is words.
            let number = (*i == 0 || *i > 2).then(|| value.parse::<f64>().ok()).flatten().filter(|n| n.is_finite());
            match number {
                Some(n) if header[*i].starts_with("cash") || header[*i].starts_with("change_cash") => {
                    results.write_number_with_format(r, c as u16, n, &money).map(|_| ())
                }
                Some(n) => results.write_number(r, c as u16, n).map(|_| ()),
                None if value.is_empty() => Ok(()),
                None => results.write_string(r, c as u16, fit(value)).map(|_| ()),
            }
            .map_err(failed)?;
        }
        r += 1;
    }
    let mut change = Worksheet::new();
    change.set_name(lang.pick("变化", "Change")).map_err(failed)?;
    let a = names.0;
    let b = names.1;
    let columns = [
        (lang.pick("条目", "Entry").to_owned(), 8.0),
        (lang.pick("名称", "Name").to_owned(), 40.0),
        (format!("{} {a}", lang.pick("可申请人数", "eligible under")), 16.0),
        (format!("{} {b}", lang.pick("可申请人数", "eligible under")), 16.0),
        (format!("{} {a}", lang.pick("确定金额（元）", "exact cash (CNY) under")), 20.0),
        (format!("{} {b}", lang.pick("确定金额（元）", "exact cash (CNY) under")), 20.0),
        (lang.pick("变化（元）", "Change (CNY)").to_owned(), 16.0),
    ];
    for (c, (words, w)) in columns.iter().enumerate() {
        change.write_string_with_format(0, c as u16, words, &bold).map_err(failed)?;
        change.set_column_width(c as u16, *w).map_err(failed)?;
    }
    let rows = report.compared();
    for (i, (entry, sa, sb)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        change.write_string(r, 0, &entry.code).map_err(failed)?;
        change.write_string(r, 1, entry.name_in(lang)).map_err(failed)?;
        change.write_number(r, 2, sa.eligible as f64).map_err(failed)?;
        change.write_number(r, 3, sb.eligible as f64).map_err(failed)?;
        let f = |d: Decimal| f64::try_from(d).unwrap_or(f64::NAN);
        change.write_number_with_format(r, 4, f(sa.exact), &money).map_err(failed)?;
        change.write_number_with_format(r, 5, f(sb.exact), &money).map_err(failed)?;
        change.write_number_with_format(r, 6, f(sb.exact - sa.exact), &money).map_err(failed)?;
    }
    if !rows.is_empty() {
        let sheet_name = lang.pick("变化", "Change");
        let last = rows.len() as u32;
        let mut chart = Chart::new(ChartType::Bar);
        for (col, name) in [(4u16, a), (5u16, b)] {
            chart.add_series().set_categories((sheet_name, 1, 0, last, 0)).set_values((sheet_name, 1, col, last, col)).set_name(name);
        }
        chart.title().set_name(lang.pick("各条目确定金额：两项政策对比（元）", "Exact cash by entry under the two policies (CNY)"));
        chart.set_width(720).set_height(u32::try_from(160 + 28 * rows.len()).unwrap_or(u32::MAX).min(1600));
        change.insert_chart(1, 8, &chart).map_err(failed)?;
    }
    change.set_freeze_panes(1, 2).map_err(failed)?;
    let mut book = Workbook::new();
    book.push_worksheet(results);
    book.push_worksheet(errors);
    book.push_worksheet(change);
    book.save_to_buffer().map_err(failed)
}
