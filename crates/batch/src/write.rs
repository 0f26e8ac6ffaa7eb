//! Writing: one record's results (or its error) as a row of CSV or a line of
//! JSON Lines. A cell a spreadsheet would run as a formula is defused, and a
//! character a terminal or a viewer would obey is written as `U+XXXX`.

use chanjiao_rules::{Date, Lang, Status, evaluate_with, questions};

use crate::map::{Row, RowError};
use crate::summary::{EntrySummary, Listing, Summary};

/// How results are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sink {
    /// CSV with a UTF-8 byte-order mark, one row per record.
    Csv,
    /// JSON Lines, one object per record.
    Jsonl,
    /// A workbook (.xlsx): results, error rows and the summary on sheets of their own.
    #[cfg(feature = "workbooks")]
    Xlsx,
}

/// The CSV header of results: the record's columns, then three per entry.
pub(crate) fn csv_header(listing: &Listing) -> Vec<String> {
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
#[cfg(feature = "forms")]
pub(crate) fn cell(text: &str, raw: bool) -> String {
    defused(text, raw).into_owned()
}

/// `text` as [`cell`] writes it, borrowed where it needs no change, as most
/// text does.
fn defused(text: &str, raw: bool) -> std::borrow::Cow<'_, str> {
    let text = crate::safe::text(text);
    match !raw && formula(&text) {
        true => format!("'{text}").into(),
        false => text,
    }
}

/// One CSV row written into the chunk's bytes, cell by cell, as the csv crate
/// writes it (RFC 4180, a line feed between rows, quotes only where needed).
/// A million-row file would otherwise make every cell a string of its own and
/// a csv writer for every row, only to copy each cell once more; most cells
/// of a row are empty, and an empty cell here is one comma.
pub(crate) struct Line<'o> {
    out: &'o mut Vec<u8>,
    /// True until the first cell is written: every later cell starts with a comma.
    first: bool,
    /// Where a number or an amount's code is written before it is copied into the row.
    scratch: String,
    raw: bool,
}

impl<'o> Line<'o> {
    /// A row into `out`, its cells of text defused unless `raw` (see [`cell`]).
    pub(crate) fn new(out: &'o mut Vec<u8>, raw: bool) -> Line<'o> {
        Line { out, first: true, scratch: String::new(), raw }
    }

    /// A cell as it is, in quotes (and a quote in it doubled) where it holds a
    /// comma, a quote or a line break, as csv's `QuoteStyle::Necessary` does.
    fn field(out: &mut Vec<u8>, first: &mut bool, text: &str) {
        if !std::mem::take(first) {
            out.push(b',');
        }
        if text.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
            out.push(b'"');
            for part in text.split_inclusive('"') {
                out.extend_from_slice(part.as_bytes());
                if part.ends_with('"') {
                    out.push(b'"');
                }
            }
            out.push(b'"');
        } else {
            out.extend_from_slice(text.as_bytes());
        }
    }

    /// A cell the tool writes itself (a status's code, an empty cell, the
    /// illustration's notice), written as it is: nothing in it came from an
    /// applicant's list, so nothing in it needs defusing.
    pub(crate) fn code(&mut self, text: &str) {
        Line::field(self.out, &mut self.first, text);
    }

    /// `n` empty cells.
    pub(crate) fn empty(&mut self, n: usize) {
        for _ in 0..n {
            self.code("");
        }
    }

    /// A cell shown as `value` writes itself (a number, an amount's code).
    pub(crate) fn shown(&mut self, value: impl std::fmt::Display) {
        use std::fmt::Write as _;
        self.scratch.clear();
        let _ = write!(self.scratch, "{value}");
        Line::field(self.out, &mut self.first, &self.scratch);
    }

    /// A cell of text someone typed or wrote, made safe as [`cell`] makes it.
    pub(crate) fn text(&mut self, text: &str) {
        Line::field(self.out, &mut self.first, &defused(text, self.raw));
    }

    /// Ends the row.
    pub(crate) fn end(self) {
        self.out.push(b'\n');
    }
}

/// True when a spreadsheet would run `text` as a formula.
fn formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A JSON Lines record: the value on one line, with characters a terminal
/// would obey as `\uXXXX` escapes (see [`crate::output::json`]).
fn json_line(value: &serde_json::Value, out: &mut Vec<u8>) {
    let text = serde_json::to_string(value).unwrap_or_default();
    out.extend_from_slice(crate::safe::json(&text).as_bytes());
    out.push(b'\n');
}

/// How rows are written: the format, the language, and whether cells are raw.
#[derive(Clone, Copy)]
pub(crate) struct Writing<'a> {
    pub(crate) sink: Sink,
    pub(crate) lang: Lang,
    pub(crate) raw_cells: bool,
    pub(crate) on: Date,
    pub(crate) params: &'static chanjiao_rules::Params,
    /// The plan with the policy to compare it with (B), if any: each record is
    /// evaluated under both at once.
    pub(crate) compare: Option<&'a chanjiao_rules::Pair>,
    /// The entries reported, and where each side's results sit among them.
    pub(crate) listing: &'a Listing,
    /// What every row says when a side rests on an illustrative policy (the
    /// `illustration` column, or field), so that no row passes for a real result.
    pub(crate) illustration: Option<&'a str>,
}

/// Counts a record read, by its line.
fn count(row: &Row, summary: &mut Summary) {
    summary.records += 1;
    if summary.first_line == 0 {
        summary.first_line = row.line;
    }
    summary.last_line = summary.last_line.max(row.line);
}

/// Evaluates one record under side A and counts it: read, and a result or an error.
pub(crate) fn evaluate_row(row: &Row, how: &Writing, summary: &mut Summary) -> Result<chanjiao_rules::Evaluation, RowError> {
    count(row, summary);
    let result = match &row.answers {
        Ok(a) => evaluate_with(how.params, a, how.on).map_err(RowError::from),
        Err(e) => Err(e.clone()),
    };
    match result {
        Ok(ev) => {
            summary.evaluated += 1;
            summary.add(&ev, &how.listing.slots[0]);
            Ok(ev)
        }
        Err(problem) => {
            summary.failed += 1;
            Err(problem)
        }
    }
}

/// Formats one record's results (or its error) as output bytes, and counts it.
pub(crate) fn format_row(row: &Row, how: &Writing, out: &mut Vec<u8>, summary: &mut Summary, entries: usize) {
    if let Some(pair) = how.compare {
        count(row, summary);
        return compare_row(row, how, pair, out, summary, entries);
    }
    let evaluation = evaluate_row(row, how, summary);
    let lang = how.lang;
    match how.sink {
        Sink::Csv => {
            let mut line = Line::new(out, how.raw_cells);
            line.shown(row.line);
            line.text(&row.ids[0]);
            line.text(&row.ids[1]);
            match &evaluation {
                Err(RowError { column, zh, en }) => {
                    line.text(column);
                    line.text(lang.pick(zh, en));
                    line.empty(6 + 3 * entries);
                }
                Ok(ev) => {
                    let t = &ev.totals;
                    line.empty(2);
                    for n in [t.eligible, t.manual_review, t.undetermined] {
                        line.shown(n);
                    }
                    for d in [t.cash_exact, t.cash_min, t.cash_max] {
                        line.shown(d);
                    }
                    for r in &ev.results {
                        // An entry not for this applicant type stays empty: most of a
                        // row, and most of a million-row file, would otherwise say so.
                        if r.status == Status::NotApplicable {
                            line.empty(3);
                        } else {
                            line.code(r.status.code());
                            line.shown(r.amount.coded());
                            match &r.miss {
                                Some(m) => line.text(m.change.get(lang)),
                                None => line.empty(1),
                            }
                        }
                    }
                }
            }
            if let Some(text) = how.illustration {
                line.code(text);
            }
            line.end();
        }
        // Rows of a workbook are written by `crate::xlsx`, never here.
        #[cfg(feature = "workbooks")]
        Sink::Xlsx => {}
        Sink::Jsonl => {
            let mut value = match &evaluation {
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
            if let Some(text) = how.illustration {
                value["illustration"] = text.into();
            }
            json_line(&value, out);
        }
    }
}

/// One record evaluated under both policies, written side by side, and counted.
fn compare_row(row: &Row, how: &Writing, pair: &chanjiao_rules::Pair, out: &mut Vec<u8>, summary: &mut Summary, entries: usize) {
    let both = match &row.answers {
        Ok(answers) => pair.evaluate(answers, how.on).map_err(RowError::from),
        Err(e) => Err(e.clone()),
    };
    let lang = how.lang;
    match (&both, how.sink) {
        // A comparison is written as CSV or JSON Lines only (`crate::run` refuses a workbook).
        #[cfg(feature = "workbooks")]
        (_, Sink::Xlsx) => {}
        (Ok((ea, eb)), Sink::Csv) => {
            summary.evaluated += 1;
            EntrySummary::add_all(&mut summary.entries, ea, &how.listing.slots[0]);
            EntrySummary::add_all(&mut summary.entries_b, eb, &how.listing.slots[1]);
            summary.change[crate::compare::Change::of(ea, eb).index()] += 1;
            let mut line = Line::new(out, how.raw_cells);
            line.shown(row.line);
            line.text(&row.ids[0]);
            line.text(&row.ids[1]);
            line.empty(2);
            crate::compare::cells(ea, eb, how.listing, &mut line);
            if let Some(text) = how.illustration {
                line.code(text);
            }
            line.end();
        }
        (Ok((ea, eb)), Sink::Jsonl) => {
            summary.evaluated += 1;
            EntrySummary::add_all(&mut summary.entries, ea, &how.listing.slots[0]);
            EntrySummary::add_all(&mut summary.entries_b, eb, &how.listing.slots[1]);
            summary.change[crate::compare::Change::of(ea, eb).index()] += 1;
            let mut value = crate::compare::json(row.line, &row.ids, ea, eb);
            if let Some(text) = how.illustration {
                value["illustration"] = text.into();
            }
            json_line(&value, out);
        }
        (Err(RowError { column, zh, en }), Sink::Csv) => {
            summary.failed += 1;
            let mut line = Line::new(out, how.raw_cells);
            line.shown(row.line);
            line.text(&row.ids[0]);
            line.text(&row.ids[1]);
            line.text(column);
            line.text(lang.pick(zh, en));
            line.empty(12 + 4 * entries);
            if let Some(text) = how.illustration {
                line.code(text);
            }
            line.end();
        }
        (Err(RowError { column, zh, en }), Sink::Jsonl) => {
            summary.failed += 1;
            let mut value = serde_json::json!({
                "row": row.line, "applicant_id": row.ids[0], "applicant_name": row.ids[1],
                "error": { "column": column, "message": { "zh-CN": zh, "en": en } },
            });
            if let Some(text) = how.illustration {
                value["illustration"] = text.into();
            }
            json_line(&value, out);
        }
    }
}

/// The example enterprise's answer to a question, as a person would type it
/// (empty when it gives none): the example row of both templates.
pub(crate) fn example_answer(id: &str) -> String {
    static EXAMPLE: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    let example = EXAMPLE.get_or_init(|| serde_json::from_str(include_str!("../../../examples/enterprise.json")).unwrap_or_default());
    match example.get(id) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Bool(b)) => if *b { "是" } else { "否" }.to_owned(),
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

/// A CSV template: the passthrough columns, every answer field, and the example
/// enterprise as a first row.
pub fn template() -> String {
    let mut header: Vec<String> = crate::map::PASSTHROUGH.iter().map(|s| (*s).to_owned()).collect();
    header.extend(questions::all().iter().map(|q| q.id.to_owned()));
    let mut row = vec!["E0001".to_owned(), "泉州市示例鞋业有限公司".to_owned()];
    row.extend(questions::all().iter().map(|q| example_answer(q.id)));
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(&header);
    let _ = w.write_record(&row);
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    use super::Line;

    /// A row written cell by cell reads as the csv crate writes the same cells:
    /// quotes where a cell holds a comma, a quote or a line break, a quote doubled.
    #[test]
    fn a_line_is_written_as_csv_writes_it() {
        let cells = ["", "plain", "a,b", "say \"hi\"", "\"", "two\nlines", "cr\rhere", "中文，逗号", "tab\there", "'=1+1", ""];
        let mut ours = Vec::new();
        let mut line = Line::new(&mut ours, true);
        for c in cells {
            line.code(c);
        }
        line.end();
        let mut theirs = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
        theirs.write_record(cells).unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs.into_inner().unwrap_or_default()));
    }

    /// A typed cell that a spreadsheet would run is defused, and one that is
    /// raw is not; a control character is written as its code point either way.
    #[test]
    fn text_cells_are_defused_unless_raw() {
        let row = |raw: bool| {
            let mut out = Vec::new();
            let mut line = Line::new(&mut out, raw);
            line.text("=HYPERLINK(\"x\")");
            line.text("a\u{202e}b");
            line.shown(chanjiao_rules::Decimal::new(-150, 1));
            line.empty(2);
            line.end();
            String::from_utf8_lossy(&out).into_owned()
        };
        assert_eq!(row(false), "\"'=HYPERLINK(\"\"x\"\")\",aU+202Eb,-15.0,,\n");
        assert_eq!(row(true), "\"=HYPERLINK(\"\"x\"\")\",aU+202Eb,-15.0,,\n");
    }
}
