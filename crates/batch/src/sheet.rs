//! Workbooks in: the first sheet (or one named) of an .xlsx, .xls, .xlsb or
//! .ods file, read with calamine, as records the engine screens like CSV
//! rows. A row's number is the sheet's, as Excel and WPS show it, so an error
//! row points at the row to fix. Cells keep their types until they meet the
//! rules: a number is written as a person would type it (no `.0`, no
//! exponent), a date cell as YYYY-MM-DD, a number in a date column as the
//! Excel serial it is (1900 system), TRUE and FALSE as 是 and 否, and a cell
//! holding an Excel error (#DIV/0!, #N/A…) makes an error row naming it.
//! An .xlsx sheet streams, a row at a time; the other formats are read whole.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, DataRef, ExcelDateTime, ExcelDateTimeType, Reader};
use chanjiao_rules::questions::Kind;

use crate::map::{Column, Format, RowError};
use crate::read::RawRecord;
use crate::{Error, ErrorKind};

/// A sheet's rows not yet read, each with its number (the first row is 1).
/// An .xlsx sheet is read a row at a time as its XML is unpacked
/// ([`Stream`], inside [`SheetRecords::with_rows`]), so memory does not grow
/// with the sheet; an .xls, .xlsb or .ods sheet is read whole by calamine and
/// its rows taken from it in place.
#[derive(Debug)]
pub struct SheetRecords<'b> {
    rows: Rows<'b>,
    state: State,
}

/// Where a sheet's rows come from.
enum Rows<'b> {
    /// Read whole: the sheet's used cells, and the next row of them to look at.
    Whole { range: calamine::Range<Data>, next: usize },
    /// An .xlsx workbook, its sheet read row by row when the run starts.
    Xlsx(Box<calamine::Xlsx<Cursor<&'b [u8]>>>),
}

impl std::fmt::Debug for Rows<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rows::Whole { next, .. } => write!(f, "Whole {{ next: {next} }}"),
            Rows::Xlsx(_) => write!(f, "Xlsx"),
        }
    }
}

/// What reading a sheet keeps, whichever way its rows come.
#[derive(Debug)]
pub(crate) struct State {
    /// The sheet's row and column where its used cells start.
    top: u64,
    left: usize,
    /// Rows read so far, for progress.
    read: u64,
    /// Rows in all, as far as known before reading (see [`SheetRecords::total`]).
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

/// The largest workbook read (256 MB): its file is held in memory (and a
/// sheet other than an .xlsx's is read whole), so its size is capped.
pub const MAX_WORKBOOK_BYTES: u64 = 256 * 1024 * 1024;

/// The names of a workbook's sheets, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, Error> {
    Ok(open(bytes)?.sheet_names())
}

/// The most a zipped workbook may unpack to (2 GiB), and the most it may
/// unpack per byte it holds beyond 100 MB (100 to 1): an .xlsx's shared
/// strings, and an .ods sheet, are read whole, so a few megabytes that unpack
/// to gigabytes (a compression bomb) would take the machine's memory rather
/// than be screened.
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

/// A cell as the sheet reader sees it: calamine's owned cell (a sheet read
/// whole) or its borrowed one (an .xlsx read row by row, whose shared strings
/// are borrowed rather than copied into every cell).
pub(crate) trait SheetCell {
    /// True for a cell with nothing in it.
    fn blank(&self) -> bool;
    /// The cell as typed text; `date` for a column of dates.
    fn text(&self, date: bool) -> Result<Cow<'_, str>, RowError>;
}

impl SheetCell for Data {
    fn blank(&self) -> bool {
        blank(self)
    }

    fn text(&self, date: bool) -> Result<Cow<'_, str>, RowError> {
        match self {
            Data::String(s) => Ok(Cow::Borrowed(s)),
            other => text(other, date).map(Cow::Owned),
        }
    }
}

impl SheetCell for DataRef<'_> {
    fn blank(&self) -> bool {
        match self {
            DataRef::Empty => true,
            DataRef::String(s) => s.trim().is_empty(),
            DataRef::SharedString(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    fn text(&self, date: bool) -> Result<Cow<'_, str>, RowError> {
        match self {
            DataRef::Empty => Ok(Cow::Borrowed("")),
            DataRef::String(s) => Ok(Cow::Borrowed(s)),
            DataRef::SharedString(s) => Ok(Cow::Borrowed(s)),
            other => text(&Data::from(other.clone()), date).map(Cow::Owned),
        }
    }
}

/// The workbook's sheet to read: `sheet` by name, or the first; and the others.
fn choose(names: Vec<String>, sheet: Option<&str>) -> Result<(String, Vec<String>), Error> {
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
    let others = names.into_iter().filter(|n| *n != name).collect();
    Ok((name, others))
}

fn cannot_read_sheet(name: &str, e: &dyn std::fmt::Display) -> Error {
    Error::new(ErrorKind::BadInput, format!("无法读取工作表“{name}”：{e}"), format!("cannot read the sheet \"{name}\": {e}"))
}

impl<'b> SheetRecords<'b> {
    /// The rows of `sheet` (by name), or of the first sheet: an .xlsx sheet to
    /// be read row by row, any other read whole.
    pub fn open(bytes: &'b [u8], sheet: Option<&str>) -> Result<SheetRecords<'b>, Error> {
        if bytes.starts_with(b"PK\x03\x04") {
            check_unpacked(bytes)?;
            if let Ok(mut book) = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(Cursor::new(bytes)) {
                let (name, others) = choose(book.sheet_names(), sheet)?;
                // The sheet's XML is opened once now, so that a sheet that cannot
                // be read is refused before the run, and its used range is known.
                let (top, total) = {
                    let reader = book.worksheet_cells_reader(&name).map_err(|e| cannot_read_sheet(&name, &e))?;
                    used_rows(reader.dimensions())
                };
                let state = State { top, left: 0, read: 0, total, dates: Vec::new(), headers: Vec::new(), name, others };
                return Ok(SheetRecords { rows: Rows::Xlsx(Box::new(book)), state });
            }
        }
        Self::open_whole(bytes, sheet)
    }

    /// The rows of `sheet`, or of the first, read whole (.xls, .xlsb, .ods).
    fn open_whole(bytes: &[u8], sheet: Option<&str>) -> Result<SheetRecords<'b>, Error> {
        let Whole { range, next, state } = Whole::open(bytes, sheet)?;
        Ok(SheetRecords { rows: Rows::Whole { range, next }, state })
    }

    /// Rows read so far.
    pub fn consumed(&self) -> u64 {
        self.state.read
    }

    /// Rows in all, the header among them: for a sheet read whole, those with
    /// anything in them; for an .xlsx, the rows its used range spans, as the
    /// file states it (empty rows among them), known before it is read.
    pub fn total(&self) -> u64 {
        self.state.total
    }

    /// Runs `f` over the sheet's rows: in place for a sheet read whole, or as
    /// an .xlsx sheet's XML is unpacked.
    pub(crate) fn with_rows<T>(self, f: impl FnOnce(&mut dyn SheetRows) -> Result<T, Error>) -> Result<T, Error> {
        let SheetRecords { rows, state } = self;
        match rows {
            Rows::Whole { range, next } => f(&mut Whole { range, next, state }),
            Rows::Xlsx(mut book) => {
                let name = state.name.clone();
                let reader = book.worksheet_cells_reader(&name).map_err(|e| cannot_read_sheet(&name, &e))?;
                f(&mut Stream { reader, pending: None, done: false, state })
            }
        }
    }
}

/// The first row of a sheet's used range (from 0) and the rows it spans, as
/// an .xlsx states them (none when it does not).
fn used_rows(d: calamine::Dimensions) -> (u64, u64) {
    match d.start == (0, 0) && d.end == (0, 0) {
        true => (0, 0),
        false => (u64::from(d.start.0), u64::from(d.end.0.saturating_sub(d.start.0)) + 1),
    }
}

/// A sheet's rows as the engine reads them: the header, then records.
pub(crate) trait SheetRows {
    /// The header: the first row with anything in it.
    fn header(&mut self, reader: &chanjiao_rules::Params) -> Result<Format, Error>;
    /// The next row as a record, in the header's columns; `None` at the end.
    fn next_record(&mut self) -> std::io::Result<Option<RawRecord>>;
    /// Rows read so far.
    fn consumed(&self) -> u64;
}

/// A sheet read whole by calamine.
struct Whole {
    range: calamine::Range<Data>,
    next: usize,
    state: State,
}

impl Whole {
    /// The rows of `sheet`, or of the first, read whole whatever the format
    /// (for a small sheet read as text, the applicant sheet, an .xlsx too).
    fn open(bytes: &[u8], sheet: Option<&str>) -> Result<Whole, Error> {
        let mut book = open(bytes)?;
        let (name, others) = choose(book.sheet_names(), sheet)?;
        let range = book.worksheet_range(&name).map_err(|e| cannot_read_sheet(&name, &e))?;
        // The range starts at its first used cell; numbers count from the sheet's first row and column.
        let (top, left) = range.start().unwrap_or((0, 0));
        let total = range.rows().filter(|cells| cells.iter().any(|c| !blank(c))).count() as u64;
        let state = State { top: u64::from(top), left: left as usize, read: 0, total, dates: Vec::new(), headers: Vec::new(), name, others };
        Ok(Whole { range, next: 0, state })
    }

    /// The next row with anything in it: its number on the sheet and its index in `range`.
    fn next_row(&mut self) -> Option<(u64, usize)> {
        while self.next < self.range.height() {
            let i = self.next;
            self.next += 1;
            if self.cells(i).iter().any(|c| !blank(c)) {
                self.state.read += 1;
                return Some((self.state.top + i as u64 + 1, i));
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
}

impl SheetRows for Whole {
    fn header(&mut self, reader: &chanjiao_rules::Params) -> Result<Format, Error> {
        let row = self.next_row();
        let left = self.state.left;
        let cells = row.map(|(line, i)| (line, self.cells(i).iter().enumerate().map(|(c, cell)| (left + c, cell)).collect::<Vec<_>>()));
        let (format, headers, dates) = header_of(&self.state, cells, reader)?;
        self.state.headers = headers;
        self.state.dates = dates;
        Ok(format)
    }

    fn next_record(&mut self) -> std::io::Result<Option<RawRecord>> {
        let Some((line, i)) = self.next_row() else { return Ok(None) };
        let left = self.state.left;
        Ok(Some(record_of(&self.state, line, self.cells(i).iter().enumerate().map(|(c, cell)| (left + c, cell)))))
    }

    fn consumed(&self) -> u64 {
        self.state.read
    }
}

/// The columns a sheet has (A to XFD).
const MAX_COLUMNS: usize = 16_384;

/// A row read from an .xlsx: its number, and its cells with their columns.
type StreamRow<'s> = (u64, Vec<(usize, DataRef<'s>)>);

/// An .xlsx sheet read a row at a time: the cells arrive in the XML's order,
/// row by row, and the first cell of the next row waits in `pending`.
struct Stream<'s, 'b> {
    reader: calamine::XlsxCellReader<'s, Cursor<&'b [u8]>>,
    pending: Option<calamine::Cell<DataRef<'s>>>,
    /// The sheet's end was read: the reader is not asked again (it would
    /// report the end of the XML as an error).
    done: bool,
    state: State,
}

impl<'s> Stream<'s, '_> {
    /// The next cell in the XML's order; `None` at the sheet's end, and after it.
    fn next_cell(&mut self) -> std::io::Result<Option<calamine::Cell<DataRef<'s>>>> {
        if self.done {
            return Ok(None);
        }
        let cell = self.reader.next_cell().map_err(std::io::Error::other)?;
        self.done = cell.is_none();
        Ok(cell)
    }

    /// The next row with anything in it: its number on the sheet and its cells with their columns.
    fn next_row(&mut self) -> std::io::Result<Option<StreamRow<'s>>> {
        loop {
            let first = match self.pending.take() {
                Some(c) => c,
                None => match self.next_cell()? {
                    Some(c) => c,
                    None => return Ok(None),
                },
            };
            let row = first.get_position().0;
            let mut cells = vec![(first.get_position().1 as usize, first.get_value().clone())];
            while let Some(c) = self.next_cell()? {
                if c.get_position().0 != row {
                    self.pending = Some(c);
                    break;
                }
                cells.push((c.get_position().1 as usize, c.get_value().clone()));
            }
            // Rows passed so far, empty ones among them, as the used range counts them.
            self.state.read = (u64::from(row) + 1).saturating_sub(self.state.top);
            if cells.iter().any(|(_, c)| !c.blank()) {
                return Ok(Some((u64::from(row) + 1, cells)));
            }
        }
    }
}

impl SheetRows for Stream<'_, '_> {
    fn header(&mut self, reader: &chanjiao_rules::Params) -> Result<Format, Error> {
        let name = self.state.name.clone();
        let row = self.next_row().map_err(|e| cannot_read_sheet(&name, &e))?;
        // The columns count from the header's first: a sheet may leave its first columns empty.
        if let Some((_, cells)) = &row {
            self.state.left = cells.iter().find(|(_, c)| !c.blank()).map_or(0, |(c, _)| *c);
        }
        let left = self.state.left;
        let cells = row.as_ref().map(|(line, cells)| (*line, cells.iter().filter(|(c, _)| *c >= left).map(|(c, cell)| (*c, cell)).collect::<Vec<_>>()));
        let (format, headers, dates) = header_of(&self.state, cells, reader)?;
        self.state.headers = headers;
        self.state.dates = dates;
        Ok(format)
    }

    fn next_record(&mut self) -> std::io::Result<Option<RawRecord>> {
        let Some((line, cells)) = self.next_row()? else { return Ok(None) };
        Ok(Some(record_of(&self.state, line, cells.iter().map(|(c, cell)| (*c, cell)))))
    }

    fn consumed(&self) -> u64 {
        self.state.read
    }
}

/// The header read from its row (its number and its cells by column): the
/// columns' names (question ids, or the questions' labels), the format to
/// read records in, and which columns hold dates.
fn header_of<C: SheetCell>(
    state: &State,
    row: Option<(u64, Vec<(usize, &C)>)>,
    reader: &chanjiao_rules::Params,
) -> Result<(Format, Vec<String>, Vec<bool>), Error> {
    let Some((line, cells)) = row else {
        let (zh, en) = match state.others.is_empty() {
            true => (String::new(), String::new()),
            false => (
                format!("；工作簿中还有：{}，可用 --sheet 选择", state.others.join("、")),
                format!("; the workbook also has {}, which --sheet can choose", state.others.join(", ")),
            ),
        };
        return Err(Error::new(ErrorKind::NoRecords, format!("工作表“{}”是空的{zh}", state.name), format!("the sheet \"{}\" is empty{en}", state.name)));
    };
    let left = state.left;
    let mut headers: Vec<String> = Vec::new();
    for (col, cell) in cells {
        let at = col - left;
        // A spreadsheet has 16,384 columns (A to XFD); a header beyond them is a crafted file's.
        if at >= MAX_COLUMNS {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!("表头（第 {line} 行）超出了工作表的 16384 列"),
                format!("the header (row {line}) goes beyond a sheet's 16,384 columns"),
            ));
        }
        if headers.len() < at {
            headers.resize(at, String::new());
        }
        headers.push(cell.text(false).map(Cow::into_owned).unwrap_or_default());
    }
    // Empty cells after the last name are not columns.
    while headers.last().is_some_and(|h| h.trim().is_empty()) {
        headers.pop();
    }
    if let Some(i) = headers.iter().position(|h| h.trim().is_empty()) {
        return Err(Error::new(
            ErrorKind::BadInput,
            format!("表头（第 {line} 行）第 {} 列没有名称", column_name(left + i)),
            format!("the header (row {line}) has no name in column {}", column_name(left + i)),
        ));
    }
    let cols = crate::map::columns(&headers, reader)?;
    let dates = cols.iter().map(|c| matches!(c, Column::Question(q) if matches!(q.def().kind, Kind::Date))).collect();
    Ok((Format::Csv { cols, headers: headers.clone() }, headers, dates))
}

/// A row as a record: its cells as text, in the header's columns (by their
/// place from `state.left`); a cell outside them that holds anything, a
/// cell that cannot be read, or a row longer than a record may be, is the
/// record's problem.
fn record_of<'c, C: SheetCell + 'c>(state: &State, line: u64, cells: impl Iterator<Item = (usize, &'c C)>) -> RawRecord {
    let width = state.dates.len();
    let mut rec = RawRecord { line, bytes: Vec::new(), ends: Vec::with_capacity(width), problem: None };
    for (col, cell) in cells {
        let i = col.wrapping_sub(state.left);
        if col < state.left || i >= width {
            if !cell.blank() {
                rec.problem.get_or_insert_with(|| {
                    RowError::whole(
                        format!("第 {} 列有内容，但表头在该列没有名称", column_name(col)),
                        format!("column {} holds something, but the header names no column there", column_name(col)),
                    )
                });
            }
            continue;
        }
        // Cells the row leaves out before this one are empty.
        while rec.ends.len() < i {
            rec.ends.push(rec.bytes.len());
        }
        match cell.text(state.dates[i]) {
            Ok(t) if rec.bytes.len() + t.len() <= crate::read::MAX_RECORD_BYTES => rec.bytes.extend_from_slice(t.as_bytes()),
            Ok(_) => {
                rec.problem.get_or_insert_with(|| {
                    let mb = crate::read::MAX_RECORD_BYTES / (1024 * 1024);
                    RowError::whole(
                        format!("这一行的内容超过 {mb} MB，不是一条申请人记录"),
                        format!("the row holds more than {mb} MB, which is no applicant's record"),
                    )
                });
            }
            Err(e) => {
                // The cell is to blame: its column is named.
                rec.problem.get_or_insert(RowError { column: state.headers.get(i).cloned().unwrap_or_default(), ..e });
            }
        }
        rec.ends.push(rec.bytes.len());
    }
    // A row shorter than the header has its last cells empty.
    while rec.ends.len() < width {
        rec.ends.push(rec.bytes.len());
    }
    rec
}

/// A row of a sheet read as plain text: its number, its cells, and the
/// problem of its first cell that cannot be read as text.
#[cfg(feature = "forms")]
pub(crate) type TextRow = (u64, Vec<String>, Option<RowError>);

/// Every row with anything in it of the workbook's sheet `sheet` (or its
/// first), header and all, as text: for a sheet that is not a list of answers
/// (the applicant sheet of a ZIP of forms), small enough to read whole. A
/// cell holding a formula's error, or a number too long for a spreadsheet to
/// keep every digit of (an account or identity number typed as a number:
/// Excel keeps 15 digits), is the row's problem.
#[cfg(feature = "forms")]
pub(crate) fn text_rows(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<TextRow>, Error> {
    let mut whole = Whole::open(bytes, sheet)?;
    let mut out = Vec::new();
    let headers: Vec<String> = match whole.range.rows().find(|cells| cells.iter().any(|c| !blank(c))) {
        Some(cells) => cells.iter().map(|c| text(c, false).unwrap_or_default()).collect(),
        None => Vec::new(),
    };
    let left = whole.state.left;
    while let Some((line, i)) = whole.next_row() {
        let mut problem = None;
        let cells = whole
            .cells(i)
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let column = headers.get(c).cloned().unwrap_or_else(|| column_name(left + c));
                match cell {
                    Data::Float(f) if f.abs() >= 1e15 => {
                        problem.get_or_insert(RowError {
                            column,
                            zh: "数字超过 15 位，表格软件已无法保留每一位；请将该单元格设为文本后重新填写".to_owned(),
                            en: "a number of more than 15 digits, which a spreadsheet cannot keep every digit of: format the cell as text and type it again"
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
    Ok(out)
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

    fn sheet(rows: &[&[Data]]) -> Whole {
        let width = rows.iter().map(|r| r.len()).max().unwrap_or(1);
        let mut range = calamine::Range::new((0, 0), (rows.len() as u32 - 1, width as u32 - 1));
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                range.set_value((r as u32, c as u32), cell.clone());
            }
        }
        let total = rows.len() as u64;
        let state = State { top: 0, left: 0, read: 0, total, dates: Vec::new(), headers: Vec::new(), name: "申请人".into(), others: vec!["说明".into()] };
        Whole { range, next: 0, state }
    }

    #[test]
    fn a_formula_error_blames_its_column_and_an_empty_sheet_points_to_the_others() {
        let params = chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error));
        let s = |t: &str| Data::String(t.into());
        let mut records = sheet(&[&[s("applicant_id"), s("graduates_hired")], &[s("E1"), Data::Error(calamine::CellErrorType::Div0)]]);
        assert!(records.header(params).is_ok());
        let rec = records.next_record().ok().flatten().unwrap_or_else(|| panic!("a record"));
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
