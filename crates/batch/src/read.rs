//! Reading: records from bytes. The reader is this crate's own: it decodes
//! strictly, so a byte that is not text in the input's encoding makes an error
//! row rather than mojibake, and a broken quote makes an error row and reading
//! resumes at the next line, rather than swallowing the rows after it. No
//! record may exceed [`MAX_RECORD_BYTES`], so memory stays bounded whatever
//! the input.

use std::collections::VecDeque;
use std::io::{BufRead, Read};

use crate::map::RowError;

/// The longest record read, in bytes (1 MiB). A longer line is an error row and
/// is skipped without being held in memory.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// The most lines one CSV record may span (a quoted cell with line breaks). A
/// quote left open would otherwise take the rows after it into one cell.
pub const MAX_RECORD_LINES: usize = 16;

/// The input's text encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// GB18030 (and so GBK and GB2312), as many office tools export.
    Gb18030,
}

impl Encoding {
    /// The encoding's name, as messages give it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
        }
    }

    /// The text of `bytes`, or `None` when they are not text in this encoding.
    /// Never a replacement character: a bad byte is the caller's error row.
    pub(crate) fn decode(self, bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            Encoding::Utf8 => std::str::from_utf8(bytes).ok().map(std::borrow::Cow::Borrowed),
            Encoding::Gb18030 => encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes),
        }
    }
}

/// One physical line of the input, without its line ending.
#[derive(Debug)]
struct Line {
    /// Its number in the file; the first line is 1.
    number: u64,
    /// Its bytes, at most [`MAX_RECORD_BYTES`] of them.
    bytes: Vec<u8>,
    /// The line was longer than [`MAX_RECORD_BYTES`]; the rest was skipped unread.
    oversized: bool,
}

/// Physical lines, each bounded in memory whatever the file holds.
#[derive(Debug)]
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
#[derive(Debug)]
pub struct RawRecord {
    pub(crate) line: u64,
    /// The cells' bytes, one after another; `ends[i]` is where cell `i` ends.
    pub(crate) bytes: Vec<u8>,
    pub(crate) ends: Vec<usize>,
    pub(crate) problem: Option<RowError>,
}

impl RawRecord {
    pub(crate) fn cell(&self, i: usize) -> &[u8] {
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
#[derive(Debug)]
pub struct Records<R> {
    lines: Lines<R>,
    /// Lines taken back after a broken record, read again first.
    again: VecDeque<Line>,
    /// The header's number of cells (0 while the header itself is read).
    pub(crate) width: usize,
}

impl<R: BufRead> Records<R> {
    /// Records from an input, which may start with a UTF-8 byte-order mark.
    pub fn new(input: R) -> Records<R> {
        Records { lines: Lines::new(input), again: VecDeque::new(), width: 0 }
    }

    /// Bytes of the input read so far, for a progress bar.
    pub fn consumed(&self) -> u64 {
        self.lines.consumed
    }

    /// The next record in the input's format; `None` at its end.
    pub(crate) fn next(&mut self, format: &crate::map::Format) -> std::io::Result<Option<RawRecord>> {
        match format {
            crate::map::Format::Csv { .. } => self.next_csv(),
            crate::map::Format::Jsonl => self.next_jsonl(),
        }
    }

    fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        match self.again.pop_front() {
            Some(l) => Ok(Some(l)),
            None => self.lines.next_line(),
        }
    }

    /// The next CSV record, blank lines skipped; `None` at the end of the file.
    pub(crate) fn next_csv(&mut self) -> std::io::Result<Option<RawRecord>> {
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
    pub(crate) fn next_jsonl(&mut self) -> std::io::Result<Option<RawRecord>> {
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

/// True when an input is UTF-16, which is not read, judged by its first KB
/// (`head`; what follows is not looked at): it opens with a UTF-16 byte-order
/// mark (FF FE or FE FF, which no UTF-8 or GB18030 text starts with), or,
/// without one, at least a quarter of those bytes are NUL (UTF-16 gives every
/// ASCII character one; UTF-8 and GB18030 text has none).
pub fn is_utf16(head: &[u8]) -> bool {
    let head = &head[..head.len().min(1024)];
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return true;
    }
    let nul = head.iter().filter(|b| **b == 0).count();
    nul > 0 && nul * 4 >= head.len()
}

/// The input's encoding, by the rule docs/batch.md states: a UTF-8 byte-order
/// mark means UTF-8; otherwise every line with a byte outside ASCII votes, for
/// UTF-8 if it reads as UTF-8 and for GB18030 if not, and UTF-8 wins a tie. So
/// one stray byte never turns a UTF-8 file into GB18030: it makes one error row.
pub fn detect_encoding<R: BufRead>(mut reader: R) -> std::io::Result<Encoding> {
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
