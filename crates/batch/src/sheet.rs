//! Workbooks in: the first sheet (or one named) of an .xlsx, .xls, .xlsb or
//! .ods file, read with calamine, as records the engine screens like CSV
//! rows. A row's number is the sheet's, as Excel and WPS show it, so an error
//! row points at the row to fix. Cells keep their types until they meet the
//! rules: a number is written as a person would type it (no `.0`, no
//! exponent), a date cell as YYYY-MM-DD, a number in a date column as the
//! Excel serial it is (1900 system), TRUE and FALSE as 是 and 否, and a cell
//! holding an Excel error (#DIV/0!, #N/A…) makes an error row naming it.

use std::io::Cursor;

use calamine::{Data, ExcelDateTime, ExcelDateTimeType, Reader};
use chanjiao_rules::questions::Kind;

use crate::map::{Column, Format, RowError};
use crate::read::RawRecord;
use crate::{Error, ErrorKind};

/// The sheet's rows not yet read, each with its number (the first row is 1).
#[derive(Debug)]
pub struct SheetRecords {
    /// The sheet's used cells, read whole by calamine; rows are taken from it
    /// in place, one at a time, never copied.
    range: calamine::Range<Data>,
    /// The next row of `range` to look at.
    next: usize,
    /// The sheet's row and column where `range` starts (its first used cell).
    top: u64,
    left: usize,
    /// Rows read so far, for progress.
    read: u64,
    /// Rows in all (those with anything in them, the header among them).
    total: u64,
    /// Which columns hold dates, once the header is read.
    dates: Vec<bool>,
    /// The header's names, for the column an error row blames.
    headers: Vec<String>,
    /// The sheet read, and the workbook's other sheets, for messages.
    name: String,
    others: Vec<String>,
}

/// True when bytes open as a workbook rather than text: a zip (.xlsx,
/// .xlsb, .ods) or an OLE compound file (.xls, and WPS's .et).
pub fn is_workbook(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// The largest workbook read (256 MB): a sheet is read whole, so its size is capped.
pub const MAX_WORKBOOK_BYTES: u64 = 256 * 1024 * 1024;

/// The names of a workbook's sheets, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, Error> {
    Ok(open(bytes)?.sheet_names())
}

/// The most a zipped workbook may unpack to (2 GiB), and the most it may
/// unpack per byte it holds beyond 100 MB (100 to 1): a workbook is read whole,
/// so a few megabytes that unpack to gigabytes (a compression bomb) would take
/// the machine's memory rather than be screened.
pub const MAX_UNPACKED_BYTES: u64 = 2 * 1024 * 1024 * 1024;
const MAX_RATIO: u64 = 100;

/// Refuses a zipped workbook whose parts unpack beyond the limits, by the
/// sizes its own directory gives, before anything is unpacked.
fn check_unpacked(bytes: &[u8]) -> Result<(), Error> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(());
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(part) = zip.by_index_raw(i) {
            total = total.saturating_add(part.size());
        }
    }
    let mb = |n: u64| n / (1024 * 1024);
    if total > MAX_UNPACKED_BYTES || (total > 100 * 1024 * 1024 && total / (bytes.len() as u64).max(1) > MAX_RATIO) {
        return Err(Error::new(
            ErrorKind::BadInput,
            format!("工作簿解压后有 {} MB（文件本身 {} MB），超出可读取的范围，未读取；请另存为 CSV（按行读取，不受此限）", mb(total), mb(bytes.len() as u64)),
            format!(
                "the workbook unpacks to {} MB (the file is {} MB), beyond what is read, so it was not read: save it as CSV (read row by row, with no such limit)",
                mb(total),
                mb(bytes.len() as u64)
            ),
        ));
    }
    Ok(())
}

fn open(bytes: &[u8]) -> Result<calamine::Sheets<Cursor<&[u8]>>, Error> {
    check_unpacked(bytes)?;
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        Error::new(
            ErrorKind::BadInput,
            format!("无法作为工作簿读取（支持 .xlsx、.xls、.xlsb、.ods）。文件若设有密码，请先取消密码；若已损坏，请在 Excel 或 WPS 中另存为 .xlsx。（{e}）"),
            format!("cannot be read as a workbook (.xlsx, .xls, .xlsb or .ods). If it has a password, remove it first; if it is damaged, save it again as .xlsx in Excel or WPS. ({e})"),
        )
    })
}

impl SheetRecords {
    /// The rows of `sheet` (by name), or of the first sheet.
    pub fn open(bytes: &[u8], sheet: Option<&str>) -> Result<SheetRecords, Error> {
        let mut book = open(bytes)?;
        let names = book.sheet_names();
        let name = match sheet {
            Some(wanted) => names.iter().find(|n| n.as_str() == wanted).cloned().ok_or_else(|| {
                Error::new(
                    ErrorKind::BadInput,
                    format!("工作簿中没有名为“{wanted}”的工作表；有：{}", names.join("、")),
                    format!("the workbook has no sheet named \"{wanted}\"; it has: {}", names.join(", ")),
                )
            })?,
            None => names.first().cloned().ok_or_else(|| Error::new(ErrorKind::BadInput, "工作簿中没有工作表", "the workbook has no sheet"))?,
        };
        let range = book
            .worksheet_range(&name)
            .map_err(|e| Error::new(ErrorKind::BadInput, format!("无法读取工作表“{name}”：{e}"), format!("cannot read the sheet \"{name}\": {e}")))?;
        // The range starts at its first used cell; numbers count from the sheet's first row and column.
        let (top, left) = range.start().unwrap_or((0, 0));
        let total = range.rows().filter(|cells| cells.iter().any(|c| !blank(c))).count() as u64;
        let others = names.into_iter().filter(|n| *n != name).collect();
        Ok(SheetRecords { range, next: 0, top: u64::from(top), left: left as usize, read: 0, total, dates: Vec::new(), headers: Vec::new(), name, others })
    }

    /// The next row with anything in it: its number on the sheet and its index in `range`.
    fn next_row(&mut self) -> Option<(u64, usize)> {
        while self.next < self.range.height() {
            let i = self.next;
            self.next += 1;
            if self.cells(i).iter().any(|c| !blank(c)) {
                self.read += 1;
                return Some((self.top + i as u64 + 1, i));
            }
        }
        None
    }

    /// The cells of row `i` of `range`, from the range's first column; none
    /// past its last row. (Indexing a row is a slice of the range, where
    /// `rows().nth` would walk every row before it.)
    fn cells(&self, i: usize) -> &[Data] {
        if i < self.range.height() { &self.range[i] } else { &[] }
    }

    /// Rows read so far.
    pub fn consumed(&self) -> u64 {
        self.read
    }

    /// Rows in all, the header among them (rows with nothing in them aside).
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The header: the first row with anything in it, its cells the columns'
    /// names (question ids, or the questions' labels).
    pub(crate) fn header(&mut self, reader: &chanjiao_rules::Params) -> Result<Format, Error> {
        let Some((line, i)) = self.next_row() else {
            let (zh, en) = match self.others.is_empty() {
                true => (String::new(), String::new()),
                false => (
                    format!("；工作簿中还有：{}，可用 --sheet 选择", self.others.join("、")),
                    format!("; the workbook also has {}, which --sheet can choose", self.others.join(", ")),
                ),
            };
            return Err(Error::new(ErrorKind::NoRecords, format!("工作表“{}”是空的{zh}", self.name), format!("the sheet \"{}\" is empty{en}", self.name)));
        };
        // Columns count from the range's first: a sheet may leave its first columns empty.
        let mut headers: Vec<String> = self.cells(i).iter().map(|c| text(c, false).unwrap_or_default()).collect();
        // Empty cells after the last name are not columns.
        while headers.last().is_some_and(|h| h.trim().is_empty()) {
            headers.pop();
        }
        if let Some(i) = headers.iter().position(|h| h.trim().is_empty()) {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!("表头（第 {line} 行）第 {} 列没有名称", column_name(self.left + i)),
                format!("the header (row {line}) has no name in column {}", column_name(self.left + i)),
            ));
        }
        let cols = crate::map::columns(&headers, reader)?;
        self.headers.clone_from(&headers);
        self.dates = cols.iter().map(|c| matches!(c, Column::Question(q) if matches!(q.def().kind, Kind::Date))).collect();
        Ok(Format::Csv { cols, headers })
    }

    /// The next row as a record: its cells as text, in the header's columns.
    pub(crate) fn next_record(&mut self) -> Option<RawRecord> {
        let (line, row) = self.next_row()?;
        let width = self.dates.len();
        let mut rec = RawRecord { line, bytes: Vec::new(), ends: Vec::with_capacity(width), problem: None };
        let left = self.left;
        for (i, cell) in self.cells(row).iter().enumerate() {
            if i >= width {
                if !blank(cell) {
                    rec.problem.get_or_insert_with(|| {
                        RowError::whole(
                            format!("第 {} 列有内容，但表头在该列没有名称", column_name(left + i)),
                            format!("column {} holds something, but the header names no column there", column_name(left + i)),
                        )
                    });
                }
                continue;
            }
            match text(cell, self.dates[i]) {
                Ok(t) => rec.bytes.extend_from_slice(t.as_bytes()),
                Err(e) => {
                    // The cell is to blame: its column is named.
                    rec.problem.get_or_insert(RowError { column: self.headers.get(i).cloned().unwrap_or_default(), ..e });
                }
            }
            rec.ends.push(rec.bytes.len());
        }
        // A row shorter than the header has its last cells empty.
        while rec.ends.len() < width {
            rec.ends.push(rec.bytes.len());
        }
        Some(rec)
    }
}

/// A row of a sheet read as plain text: its number, its cells, and the
/// problem of its first cell that cannot be read as text.
pub(crate) type TextRow = (u64, Vec<String>, Option<RowError>);

impl SheetRecords {
    /// Every row with anything in it, header and all, as text: for a sheet
    /// that is not a list of answers (the applicant sheet of a ZIP of forms).
    /// A cell holding a formula's error, or a number too long for a
    /// spreadsheet to keep every digit of (an account or identity number
    /// typed as a number: Excel keeps 15 digits), is the row's problem.
    pub(crate) fn text_rows(mut self) -> Vec<TextRow> {
        let mut out = Vec::new();
        let headers: Vec<String> = match self.range.rows().find(|cells| cells.iter().any(|c| !blank(c))) {
            Some(cells) => cells.iter().map(|c| text(c, false).unwrap_or_default()).collect(),
            None => Vec::new(),
        };
        while let Some((line, i)) = self.next_row() {
            let mut problem = None;
            let cells = self
                .cells(i)
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let column = headers.get(c).cloned().unwrap_or_else(|| column_name(self.left + c));
                    match cell {
                        Data::Float(f) if f.abs() >= 1e15 => {
                            problem.get_or_insert(RowError {
                                column,
                                zh: "数字超过 15 位，表格软件已无法保留每一位；请将该单元格设为文本后重新填写".to_owned(),
                                en:
                                    "a number of more than 15 digits, which a spreadsheet cannot keep every digit of: format the cell as text and type it again"
                                        .to_owned(),
                            });
                            String::new()
                        }
                        _ => text(cell, false).unwrap_or_else(|e| {
                            problem.get_or_insert(RowError { column, ..e });
                            String::new()
                        }),
                    }
                })
                .collect();
            out.push((line, cells, problem));
        }
        out
    }
}

/// True for a cell with nothing in it.
fn blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A column's letters, as a spreadsheet names it (0 → A, 26 → AA).
fn column_name(mut i: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// A cell as the text a person would have typed; `date` for a column that
/// holds dates, where a number is an Excel serial date.
fn text(cell: &Data, date: bool) -> Result<String, RowError> {
    let serial = |v: f64| {
        let (y, m, d, ..) = ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false).to_ymd_hms_milli();
        format!("{y:04}-{m:02}-{d:02}")
    };
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) if date => serial(*i as f64),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if date => serial(*f),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, d, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(d) => number(d.as_f64()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => {
            return Err(RowError::whole(format!("单元格是公式错误 {e}，不是数值"), format!("a cell holds the formula error {e}, not a value")));
        }
    })
}

/// A number as typed: an integer without `.0`, a fraction in its shortest
/// form, never an exponent (a spreadsheet's 3.5E+07 is 35000000).
fn number(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    match chanjiao_rules::Decimal::try_from(f) {
        Ok(d) => d.normalize().to_string(),
        Err(_) => f.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[Data]]) -> SheetRecords {
        let width = rows.iter().map(|r| r.len()).max().unwrap_or(1);
        let mut range = calamine::Range::new((0, 0), (rows.len() as u32 - 1, width as u32 - 1));
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                range.set_value((r as u32, c as u32), cell.clone());
            }
        }
        let total = rows.len() as u64;
        SheetRecords {
            range,
            next: 0,
            top: 0,
            left: 0,
            read: 0,
            total,
            dates: Vec::new(),
            headers: Vec::new(),
            name: "申请人".into(),
            others: vec!["说明".into()],
        }
    }

    #[test]
    fn a_formula_error_blames_its_column_and_an_empty_sheet_points_to_the_others() {
        let params = chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error));
        let s = |t: &str| Data::String(t.into());
        let mut records = sheet(&[&[s("applicant_id"), s("graduates_hired")], &[s("E1"), Data::Error(calamine::CellErrorType::Div0)]]);
        assert!(records.header(params).is_ok());
        let rec = records.next_record().unwrap_or_else(|| panic!("a record"));
        let problem = rec.problem.unwrap_or_else(|| panic!("an error row"));
        assert_eq!(problem.column, "graduates_hired");
        assert!(problem.zh.contains("#DIV/0!"), "{}", problem.zh);
        let mut empty = sheet(&[&[Data::Empty]]);
        let said = empty.header(params).err().map(|e| e.message.zh.into_owned()).unwrap_or_default();
        assert!(said.contains("申请人") && said.contains("说明") && said.contains("--sheet"), "{said}");
    }

    #[test]
    fn a_workbook_that_unpacks_a_hundredfold_beyond_100_mb_is_refused_before_it_is_unpacked() {
        use std::io::Write;
        let mut zipped = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zipped.start_file("xl/worksheets/sheet1.xml", options).unwrap_or_else(|e| panic!("{e}"));
        let block = vec![b'a'; 1 << 20];
        for _ in 0..110 {
            zipped.write_all(&block).unwrap_or_else(|e| panic!("{e}"));
        }
        let bytes = zipped.finish().unwrap_or_else(|e| panic!("{e}")).into_inner();
        assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
        let refused = check_unpacked(&bytes).err().map(|e| (e.kind, e.message.en.into_owned()));
        assert!(refused.as_ref().is_some_and(|(k, m)| *k == ErrorKind::BadInput && m.contains("unpacks to 110 MB")), "{refused:?}");
        // A workbook of ordinary size and ratio is let through to calamine.
        assert!(check_unpacked(include_bytes!("../../../docs/batch/applicants.xlsx")).is_ok());
    }

    #[test]
    fn cells_read_as_a_person_would_type_them() {
        assert_eq!(text(&Data::Float(35_000_000.0), false), Ok("35000000".to_owned()));
        assert_eq!(text(&Data::Float(1234.5), false), Ok("1234.5".to_owned()));
        assert_eq!(text(&Data::Float(0.1 + 0.2), false).map(|t| t.len() < 20), Ok(true));
        assert_eq!(text(&Data::Int(12), false), Ok("12".to_owned()));
        assert_eq!(text(&Data::Bool(true), false), Ok("是".to_owned()));
        // 45474 is 2024-07-01 in Excel's 1900 system.
        assert_eq!(text(&Data::Float(45474.0), true), Ok("2024-07-01".to_owned()));
        assert_eq!(text(&Data::DateTime(ExcelDateTime::new(45474.0, ExcelDateTimeType::DateTime, false)), false), Ok("2024-07-01".to_owned()));
        assert_eq!(text(&Data::DateTimeIso("2024-07-01T00:00:00".into()), false), Ok("2024-07-01".to_owned()));
        assert!(text(&Data::Error(calamine::CellErrorType::Div0), false).is_err());
        assert_eq!((column_name(0), column_name(25), column_name(26), column_name(701)), ("A".into(), "Z".into(), "AA".into(), "ZZ".into()));
    }
}
