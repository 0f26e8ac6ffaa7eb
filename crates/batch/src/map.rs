//! Mapping: a record's cells to answers, read by the rules as the widget reads
//! what a person types, or to the problem that makes the record an error row.
//! An error row names its applicant whenever the id can be read.

use chanjiao_rules::{Answers, Q};

use crate::read::{Encoding, RawRecord, Records};
use crate::{Error, ErrorKind};

/// Columns that are not answers: carried through to the results as given.
pub const PASSTHROUGH: [&str; 2] = ["applicant_id", "applicant_name"];

/// How records are read: CSV with its header's columns, or JSON Lines.
#[derive(Debug)]
pub enum Format {
    /// CSV: the columns and their headers.
    Csv {
        /// What each column holds.
        cols: Vec<Column>,
        /// The header's cells, as written.
        headers: Vec<String>,
    },
    /// One JSON object per line, keyed as an answers file is.
    Jsonl,
}

impl Format {
    /// Reads a CSV input's header, the first record, and the columns it names;
    /// the records after it must have as many cells.
    pub fn csv<R: std::io::BufRead>(records: &mut Records<R>, encoding: Encoding, reader: &chanjiao_rules::Params, shown: &str) -> Result<Format, Error> {
        let header = records.next_csv().map_err(|e| Error::new(ErrorKind::Read, format!("无法读取 {shown}：{e}"), format!("cannot read {shown}: {e}")))?;
        let Some(header) = header else {
            return Err(crate::no_records(shown));
        };
        if let Some(p) = &header.problem {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!("{shown} 的表头无法读取：{}", p.zh),
                format!("the header of {shown} cannot be read: {}", p.en),
            ));
        }
        let headers =
            (0..header.ends.len()).map(|i| encoding.decode(header.cell(i)).map(|t| t.into_owned())).collect::<Option<Vec<String>>>().ok_or_else(|| {
                Error::new(
                    ErrorKind::BadInput,
                    format!("{shown} 的表头不是 {} 文字", encoding.name()),
                    format!("the header of {shown} is not {} text", encoding.name()),
                )
            })?;
        let cols = columns(&headers, reader)?;
        records.width = cols.len();
        Ok(Format::Csv { cols, headers })
    }

    /// A record read into a row: decoded, and its cells read as answers.
    pub fn row(&self, rec: &RawRecord, encoding: Encoding, reader: &'static chanjiao_rules::Params) -> Row {
        match self {
            Format::Csv { cols, headers } => csv_row(rec, cols, headers, encoding),
            Format::Jsonl => json_row(rec, encoding, reader),
        }
    }
}

/// One input column: an answer, or one carried through to the results.
#[derive(Clone, Copy, Debug)]
pub enum Column {
    /// The answer to a question.
    Question(Q),
    /// `applicant_id` (0) or `applicant_name` (1), carried through as given.
    Passthrough(usize),
}

/// A record's problem: the column (empty when no one column is to blame) and
/// what is wrong, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The column to blame, by its header; empty when no one column is.
    pub column: String,
    /// What is wrong, in Chinese.
    pub zh: String,
    /// What is wrong, in English.
    pub en: String,
}

impl RowError {
    /// A problem with no one column to blame.
    pub(crate) fn whole(zh: String, en: String) -> RowError {
        RowError { column: String::new(), zh, en }
    }
}

/// The rules' refusal, in the column it names.
impl From<chanjiao_rules::Error> for RowError {
    fn from(e: chanjiao_rules::Error) -> RowError {
        RowError { column: e.field.unwrap_or_default(), zh: e.message.zh.into_owned(), en: e.message.en.into_owned() }
    }
}

/// One record ready to evaluate: its line, the passthrough values, and the
/// answers or a problem.
#[derive(Clone, Debug)]
pub struct Row {
    /// The line the record starts on; the first line is 1.
    pub line: u64,
    /// `applicant_id` and `applicant_name`, as given (empty when not).
    pub ids: [String; 2],
    /// The answers, or why the record cannot be evaluated.
    pub answers: Result<Answers, RowError>,
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
pub(crate) fn csv_row(rec: &RawRecord, cols: &[Column], headers: &[String], encoding: Encoding) -> Row {
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
pub(crate) fn json_row(rec: &RawRecord, encoding: Encoding, reader: &'static chanjiao_rules::Params) -> Row {
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

/// The columns a header names: the passthrough ids, and questions of the plan
/// or of the policy's packs. A header may name a question by its id, by its
/// label in either language (when no other question has that label), or as
/// a label with the id after it in brackets, as the results workbook and the
/// template write it ("吸纳应届高校毕业生人数（graduates_hired）"). A repeated,
/// unknown or ambiguous header is refused.
pub fn columns(headers: &[String], reader: &chanjiao_rules::Params) -> Result<Vec<Column>, Error> {
    let questions = chanjiao_rules::questions_under(reader);
    let mut seen: Vec<&str> = Vec::new();
    let mut found: Vec<(Column, &str)> = Vec::new();
    for h in headers {
        let h = h.trim();
        if seen.contains(&h) {
            return Err(Error::new(ErrorKind::BadInput, format!("表头中“{h}”重复"), format!("the header repeats \"{h}\"")));
        }
        seen.push(h);
        let column = column_of(h, reader, &questions)?.ok_or_else(|| {
            Error::new(
                ErrorKind::BadInput,
                format!("表头“{h}”不是答案字段；可用 applicant_id、applicant_name 和 chanjiao schema 列出的字段或其问题文字（chanjiao batch --template 给出模板）"),
                format!("the header \"{h}\" is not an answer field; use applicant_id, applicant_name and the fields chanjiao schema lists, or their questions' words (chanjiao batch --template prints a template)"),
            )
        })?;
        // Two headers for one question (its id and its label, say) would give it twice.
        if let Some((_, other)) = found.iter().find(|(c, _)| same(c, &column)) {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!("表头“{other}”和“{h}”是同一字段"),
                format!("the headers \"{other}\" and \"{h}\" are the same field"),
            ));
        }
        found.push((column, h));
    }
    Ok(found.into_iter().map(|(c, _)| c).collect())
}

fn same(a: &Column, b: &Column) -> bool {
    match (a, b) {
        (Column::Question(x), Column::Question(y)) => x == y,
        (Column::Passthrough(x), Column::Passthrough(y)) => x == y,
        _ => false,
    }
}

/// The passthrough columns' names in Chinese, as the template workbook writes them.
pub const PASSTHROUGH_ZH: [&str; 2] = ["申请人编号", "申请人名称"];

/// The column one header names, if any.
fn column_of(h: &str, reader: &chanjiao_rules::Params, questions: &[&'static chanjiao_rules::Question]) -> Result<Option<Column>, Error> {
    if let Some(i) = PASSTHROUGH.iter().position(|p| *p == h).or_else(|| PASSTHROUGH_ZH.iter().position(|p| *p == h)) {
        return Ok(Some(Column::Passthrough(i)));
    }
    if let Some(q) = Q::from_id(h).or_else(|| reader.question(h)) {
        return Ok(Some(Column::Question(q)));
    }
    // "label（id）" or "label (id)": the id decides.
    if let Some(inner) = h.strip_suffix(')').or_else(|| h.strip_suffix('）')).and_then(|rest| rest.rsplit_once(['(', '（'])).map(|(_, id)| id.trim())
        && let Some(c) = column_of(inner, reader, &[])?
    {
        return Ok(Some(c));
    }
    let labelled: Vec<&chanjiao_rules::Question> = questions.iter().copied().filter(|q| q.label.zh.trim() == h || q.label.en.trim() == h).collect();
    match labelled.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(Column::Question(one.q))),
        many => Err(Error::new(
            ErrorKind::BadInput,
            format!("表头“{h}”是多个问题的文字（{}），请改用字段名", many.iter().map(|q| q.id).collect::<Vec<_>>().join("、")),
            format!("the header \"{h}\" is the words of several questions ({}): use the field's id", many.iter().map(|q| q.id).collect::<Vec<_>>().join(", ")),
        )),
    }
}
