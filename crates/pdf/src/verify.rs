//! Checking a form an applicant hands in (`chanjiao verify`).
//!
//! A form is deterministic: the same codes, fields, font and rules make the
//! same document. So a form is checked by making it again and requiring that
//! everything a viewer can show is equal. The file is read as a PDF, through a
//! parser (lopdf), never by searching its bytes, and within [`LIMITS`]:
//!
//! 1. the verification codes in the document information, and the QR code on
//!    each form's first page, read back from the modules the page draws and
//!    decoded: the two must agree, and each must be of this version's format
//!    and rules (an older form is never passed: it is made again);
//! 2. each code re-evaluated with these rules ([`crate::payload::verify`]);
//! 3. each field the form was made with a value in (marked read-only) against
//!    the code's digest of it; a field left blank may have been filled in
//!    since, and its value is checked as text and reported;
//! 4. the whole document made again from the codes and the made-with values,
//!    and every object reachable from the document's catalog and information
//!    compared with the one handed in, after parsing: pages and their content,
//!    resources, the font (program, encoding, widths, character map),
//!    annotations, the form fields and the catalog's entries. A blank field's
//!    value and appearance are all that may differ. Page content is compared
//!    part by part (the parts are marked in it), so an edited amount, status,
//!    name or fact is named by the part that shows it.
//!
//! What this proves: the form is what chanjiao makes for the facts its code
//! declares, and the rules give what it states. What it cannot prove: that the
//! facts are true. The documents attached to the form prove those.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chanjiao_rules::{Answers, Applicant, Date, EntryResult, Lang, evaluate_entry_with};
use lopdf::content::{Content as Ops, Operation};
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId, Stream};

use crate::error::{Error, ErrorKind};
use crate::payload::{self, Payload, Verdict};
use crate::{Application, Font, Options, form, render};

/// The bounds within which a file is read. A file beyond any of them is
/// refused unread, so that no file can make a check run long or take much
/// memory. chanjiao's own forms stay far inside them: a file of every form one
/// applicant can be offered, with full rosters, uses a small part of each.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The file's size, in bytes.
    pub input_bytes: usize,
    /// Indirect objects in the file, those inside object streams included.
    pub objects: usize,
    /// Object streams in the file.
    pub object_streams: usize,
    /// Pages.
    pub pages: usize,
    /// Form fields.
    pub fields: usize,
    /// What any one stream may decompress to, in bytes.
    pub stream_bytes: usize,
    /// What all the streams read in one check may decompress to, in bytes.
    pub total_bytes: usize,
    /// Operations in the pages' content, all pages together.
    pub operations: usize,
    /// Words (operators and operands) in the pages' content, all pages
    /// together: counted before the content is decoded, so a page of millions
    /// of one-word operations is refused before it costs memory.
    pub content_words: usize,
    /// Verification codes (forms) in one file.
    pub forms: usize,
    /// Items in one array, or entries in one dictionary.
    pub items: usize,
}

/// The limits of `chanjiao verify`, as docs/forms.md lists them.
pub const LIMITS: Limits = Limits {
    input_bytes: 4 * 1024 * 1024,
    objects: 50_000,
    object_streams: 100,
    pages: 1_000,
    fields: 20_000,
    stream_bytes: 4 * 1024 * 1024,
    total_bytes: 64 * 1024 * 1024,
    operations: 1_000_000,
    content_words: 2_000_000,
    forms: 64,
    items: 100_000,
};

/// A difference between the form handed in and the form its code describes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The part of the form, by its mark (`amount`, `applicant.name`, `qr`, …);
    /// [`crate::part_name`] says it in words.
    pub part: String,
    /// The page it is on (from 1), where there is one.
    pub page: Option<usize>,
    /// What the form handed in says there.
    pub found: String,
    /// What it should say.
    pub expected: String,
}

/// A field that was blank when the form was made and holds a value now: filled
/// in by hand, in a PDF viewer. Nothing vouches for it but the applicant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilledByHand {
    /// The part of the form it is in (`applicant.contact`, `roster`).
    pub part: String,
    /// The field's name (`A11-contact`, `A11-roster-3-name`).
    pub field: String,
    /// Its value, as the field holds it.
    pub value: String,
}

/// What checking one PDF found.
#[derive(Clone, Debug)]
pub struct Report {
    /// Each form's code re-evaluated with these rules, in order.
    pub verdicts: Vec<Verdict>,
    /// Where the file differs from what its codes describe, first found first.
    pub differences: Vec<Difference>,
    /// False when the document could not be made again to compare, because its
    /// codes were written by another version (their verdicts say which): such
    /// a form never passes, it is made again with this version.
    pub pages_compared: bool,
    /// The blank fields that hold a value now.
    pub filled_by_hand: Vec<FilledByHand>,
}

impl Report {
    /// True when every figure matches and the file is what its codes describe.
    pub fn matches(&self) -> bool {
        self.pages_compared && self.differences.is_empty() && self.verdicts.iter().all(Verdict::matches)
    }
}

fn unreadable(why: impl std::fmt::Display) -> Error {
    Error::payload(format!("文件不是可读取的 PDF：{why}"), format!("the file is not a PDF that can be read: {why}"))
}

/// A file refused unread: it cannot be a form as chanjiao makes it.
fn refused(zh: impl Into<String>, en: impl Into<String>) -> Error {
    Error::new(ErrorKind::Refused, zh, en)
}

fn over_limit(what_zh: &str, what_en: &str, found: usize, limit: usize) -> Error {
    refused(
        format!("文件超出核验的限度：{what_zh}为 {found}，上限为 {limit}；chanjiao 生成的申请表远小于此，此文件不予核验，视为未通过"),
        format!(
            "the file is beyond what verify reads: {what_en} is {found}, the limit is {limit}; a form chanjiao makes is far below it, so the file is refused and does not pass"
        ),
    )
}

fn difference(part: &str, page: Option<usize>, found: impl Into<String>, expected: impl Into<String>) -> Difference {
    Difference { part: part.to_owned(), page, found: found.into(), expected: expected.into() }
}

thread_local! {
    /// Objects and object streams loaded so far by [`load`] on this thread: a
    /// load filter is a plain function, so its count lives here.
    static LOADED: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
    /// Set by [`count_object`] when a stream is stored so that lopdf and a viewer
    /// could read it differently (see [`divergent_storage`]).
    static DIVERGENT: Cell<bool> = const { Cell::new(false) };
    /// The most items [`count_object`] saw in one array or dictionary.
    static WIDEST: Cell<usize> = const { Cell::new(0) };
}

/// True when a stream's storage could be decoded one way by lopdf and another by
/// a viewer: lopdf applies a single `/DecodeParms` dictionary to every filter of
/// a `/Filter` array, where viewers apply it to none; and lopdf falls back to raw
/// deflate when a zlib header is wrong, where viewers may not. chanjiao writes
/// neither, and no PDF tool that rewrites a form needs them.
fn divergent_storage(s: &Stream) -> bool {
    let array_with_one_dict = matches!(s.dict.get(b"Filter"), Ok(Object::Array(_))) && matches!(s.dict.get(b"DecodeParms"), Ok(Object::Dictionary(_)));
    let flate = matches!(s.dict.get(b"Filter"), Ok(Object::Name(n)) if n.as_slice() == b"FlateDecode");
    array_with_one_dict || (flate && !zlib_header(&s.content))
}

/// True when `bytes` start with a zlib header (RFC 1950): deflate, a window of
/// at most 32 KB, and the check bits right.
fn zlib_header(bytes: &[u8]) -> bool {
    match bytes {
        [cmf, flg, ..] => cmf & 0x0F == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) * 256 + u16::from(*flg)) % 31 == 0,
        _ => false,
    }
}

/// Counts each object lopdf loads, and drops every one past the limits, so a
/// file of millions of tiny objects costs no memory; [`load`] then refuses it.
fn count_object(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let (objects, streams) = LOADED.get();
    let is_object_stream = matches!(object, Object::Stream(s) if s.dict.has_type(b"ObjStm"));
    let width = match &*object {
        Object::Array(a) => a.len(),
        Object::Dictionary(d) => d.len(),
        Object::Stream(s) => s.dict.len(),
        _ => 0,
    };
    WIDEST.set(WIDEST.get().max(width));
    // An object past the limit is dropped unread (and refused after the load),
    // so it is never copied.
    if width > LIMITS.items {
        return None;
    }
    if let Object::Stream(s) = object
        && divergent_storage(s)
    {
        DIVERGENT.set(true);
    }
    let now = (objects + 1, streams + usize::from(is_object_stream));
    LOADED.set(now);
    if now.0 > LIMITS.objects || now.1 > LIMITS.object_streams {
        return None;
    }
    // lopdf keeps the object it handed in for a top-level object, and keeps
    // what is returned for a member of an object stream; a stream is never such
    // a member, so it need not be copied.
    if matches!(object, Object::Stream(_)) { Some((id, Object::Null)) } else { Some((id, object.clone())) }
}

/// Reads a file as a PDF within [`LIMITS`]: strictly (no repair of a broken
/// cross-reference table), every stream bounded as it is decompressed.
fn load(bytes: &[u8]) -> Result<Document, Error> {
    if bytes.len() > LIMITS.input_bytes {
        return Err(over_limit("文件大小（字节）", "the file's size in bytes", bytes.len(), LIMITS.input_bytes));
    }
    raw_checks(bytes)?;
    LOADED.set((0, 0));
    DIVERGENT.set(false);
    WIDEST.set(0);
    let options = LoadOptions { strict: true, max_decompressed_size: Some(LIMITS.stream_bytes), filter: Some(count_object), ..LoadOptions::default() };
    let loaded = Document::load_mem_with_options(bytes, options);
    let (objects, streams) = LOADED.get();
    if WIDEST.get() > LIMITS.items {
        return Err(over_limit("单个数组或字典的项数", "the items in one array or dictionary", WIDEST.get(), LIMITS.items));
    }
    if objects > LIMITS.objects {
        return Err(over_limit("对象数", "the number of objects", objects, LIMITS.objects));
    }
    if streams > LIMITS.object_streams {
        return Err(over_limit("对象流数", "the number of object streams", streams, LIMITS.object_streams));
    }
    let doc = loaded.map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword | lopdf::Error::UnsupportedSecurityHandler(_) | lopdf::Error::AlreadyEncrypted => {
            encrypted()
        }
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            over_limit("单个数据流解压后的大小（字节）", "a stream's decompressed size in bytes", LIMITS.stream_bytes + 1, LIMITS.stream_bytes)
        }
        e => unreadable(e),
    })?;
    if doc.is_encrypted() || doc.encryption_state.is_some() || doc.trailer.get(b"Encrypt").is_ok() {
        return Err(encrypted());
    }
    xref_consistent(bytes, &doc)?;
    no_repeated_keys(bytes, &doc)?;
    // A cross-reference stream's dictionary is the trailer.
    let trailer_divergent = matches!(doc.trailer.get(b"Filter"), Ok(Object::Array(_))) && matches!(doc.trailer.get(b"DecodeParms"), Ok(Object::Dictionary(_)));
    if DIVERGENT.get() || trailer_divergent {
        return Err(odd_storage("a /DecodeParms dictionary beside a /Filter array, or a deflated stream without its zlib header"));
    }
    Ok(doc)
}

/// What must hold of a file's bytes before it is parsed, where lopdf and
/// viewers would read it differently: the header first, nothing after the
/// last `%%EOF` but a line end (viewers that look for the table near the end
/// would rebuild it by scanning, and could read objects lopdf never saw), and
/// every stream's `/Length` a whole number written in its dictionary (lopdf
/// trusts another kind of length where viewers read to `endstream`, and
/// resolves an indirect one by parsing again, without bound).
fn raw_checks(bytes: &[u8]) -> Result<(), Error> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(odd_storage("bytes before the %PDF- header"));
    }
    let end = bytes.windows(5).rposition(|w| w == b"%%EOF").ok_or_else(|| odd_storage("no %%EOF at the end"))?;
    if !matches!(&bytes[end + 5..], b"" | b"\n" | b"\r" | b"\r\n") {
        return Err(odd_storage("data after the last %%EOF"));
    }
    let mut at = 0;
    while let Some(found) = bytes[at..].windows(7).position(|w| w == b"/Length") {
        let start = at + found + 7;
        at = start;
        // A longer name (/Length1 of a font file) is another key.
        if bytes.get(start).is_some_and(|b| !b.is_ascii_whitespace() && !b"/<>[]()%".contains(b)) {
            continue;
        }
        // The value: a whole number, then a delimiter; not a real (70347.0), not a
        // reference (12 0 R, however spaced or followed).
        let rest = &bytes[start..bytes.len().min(start + 48)];
        let delimiter = |b: &u8| b.is_ascii_whitespace() || b"/<>[]()%".contains(b);
        let value = rest.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(rest.len());
        let digits = rest[value..].iter().take_while(|b| b.is_ascii_digit()).count();
        let whole = digits > 0 && rest.get(value + digits).is_none_or(delimiter);
        let mut tokens = rest[value + digits..].split(|b| delimiter(b)).filter(|w| !w.is_empty());
        let indirect = whole && tokens.next().is_some_and(|w| w.iter().all(u8::is_ascii_digit)) && tokens.next().is_some_and(|w| w.first() == Some(&b'R'));
        if !whole || indirect {
            return Err(odd_storage("a stream /Length that is not a whole number written in its dictionary"));
        }
    }
    Ok(())
}

/// Refuses a file whose cross-reference table and objects disagree: an entry
/// pointing at another object's definition, or an object loaded that no entry
/// names. lopdf takes each object by the number in its own header, and loads
/// members of object streams the table does not list; a viewer that finds a
/// wrong offset rebuilds the table by scanning the file, where a later
/// definition wins, and sees an unlisted object as absent. Either way the
/// viewer could show objects this check never read.
fn xref_consistent(bytes: &[u8], doc: &Document) -> Result<(), Error> {
    use lopdf::xref::XrefEntry;
    let inconsistent = |what: String| {
        refused(
            format!("文件的交叉引用表与其中的对象不一致（{what}），阅读器可能显示未经核验的内容，不予核验，视为未通过"),
            format!(
                "the file's cross-reference table and its objects disagree ({what}); a viewer could show what was never checked, so the file is refused and does not pass"
            ),
        )
    };
    // Offsets count from the header, which raw_checks holds to the first byte.
    for (id, entry) in &doc.reference_table.entries {
        if let XrefEntry::Normal { offset, generation } = entry {
            let at = usize::try_from(*offset).unwrap_or(usize::MAX);
            let header = bytes.get(at..).map(object_header).unwrap_or(None);
            if header != Some((*id, *generation)) {
                return Err(inconsistent(format!(
                    "entry {id} {generation} points at {}",
                    header.map_or_else(|| "no object".to_owned(), |(i, g)| format!("object {i} {g}"))
                )));
            }
        }
    }
    for (id, generation) in doc.objects.keys() {
        let listed = match doc.reference_table.get(*id) {
            Some(XrefEntry::Normal { generation: g, .. }) => g == generation,
            Some(XrefEntry::Compressed { .. }) => *generation == 0,
            _ => false,
        };
        if !listed {
            return Err(inconsistent(format!("object {id} {generation} is not in the table")));
        }
    }
    Ok(())
}

/// Refuses a file with a key written twice in one dictionary. lopdf keeps the
/// last; a viewer may keep the first (poppler, in a large dictionary), and so
/// show a page's other /Contents, a field's other value. The dictionaries are
/// read from the bytes of each object the table lists, and from each object
/// stream, decompressed.
fn no_repeated_keys(bytes: &[u8], doc: &Document) -> Result<(), Error> {
    use lopdf::xref::XrefEntry;
    let repeated = |key: Vec<u8>| odd_storage(&format!("the key /{} written twice in one dictionary", String::from_utf8_lossy(&key)));
    for entry in doc.reference_table.entries.values() {
        if let XrefEntry::Normal { offset, .. } = entry
            && let Some(object) = bytes.get(usize::try_from(*offset).unwrap_or(usize::MAX)..)
            && let Some(key) = repeated_key(object, true)
        {
            return Err(repeated(key));
        }
    }
    let mut budget = Budget { left: LIMITS.total_bytes };
    for object in doc.objects.values() {
        if let Object::Stream(s) = object
            && s.dict.has_type(b"ObjStm")
            && let Some(key) = repeated_key(&budget.content(s)?, false)
        {
            return Err(repeated(key));
        }
    }
    Ok(())
}

/// The first key repeated in a dictionary of `bytes`, read as PDF tokens. With
/// `one_object`, reading stops where the object's dictionary ends (at `stream`
/// or `endobj`); otherwise it reads all of `bytes` (an object stream's content).
fn repeated_key(bytes: &[u8], one_object: bool) -> Option<Vec<u8>> {
    enum Frame {
        Dict { keys: Vec<Vec<u8>>, expect_key: bool },
        Array,
    }
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"/<>[](){}%".contains(&b);
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    // After a value in a dictionary, the next name is a key.
    let value_done = |stack: &mut Vec<Frame>| {
        if let Some(Frame::Dict { expect_key, .. }) = stack.last_mut() {
            *expect_key = true;
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            _ if b.is_ascii_whitespace() => i += 1,
            b'%' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                if stack.len() > 64 {
                    return None;
                }
                stack.push(Frame::Dict { keys: Vec::new(), expect_key: true });
                i += 2;
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                stack.pop();
                value_done(&mut stack);
                i += 2;
            }
            b'[' => {
                stack.push(Frame::Array);
                i += 1;
            }
            b']' => {
                stack.pop();
                value_done(&mut stack);
                i += 1;
            }
            b'<' => {
                while i < bytes.len() && bytes[i] != b'>' {
                    i += 1;
                }
                i += 1;
                value_done(&mut stack);
            }
            b'(' => {
                let mut depth = 0;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
                value_done(&mut stack);
            }
            b'/' => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && !delimiter(bytes[i]) {
                    i += 1;
                }
                // #xx escapes name the same key as the character itself.
                let mut name = Vec::new();
                let raw = &bytes[start..i];
                let mut k = 0;
                while k < raw.len() {
                    if raw[k] == b'#'
                        && let Some(v) = raw.get(k + 1..k + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok())
                    {
                        name.push(v);
                        k += 3;
                    } else {
                        name.push(raw[k]);
                        k += 1;
                    }
                }
                match stack.last_mut() {
                    Some(Frame::Dict { keys, expect_key }) if *expect_key => {
                        if keys.contains(&name) {
                            return Some(name);
                        }
                        keys.push(name);
                        *expect_key = false;
                    }
                    _ => value_done(&mut stack),
                }
            }
            _ => {
                let start = i;
                while i < bytes.len() && !delimiter(bytes[i]) {
                    i += 1;
                }
                let word = &bytes[start..i.max(start + 1).min(bytes.len())];
                i = i.max(start + 1);
                if one_object && stack.is_empty() && (word == b"stream" || word == b"endobj") {
                    return None;
                }
                // A number or R in a key's place is the rest of a reference value.
                if let Some(Frame::Dict { expect_key, .. }) = stack.last_mut()
                    && !*expect_key
                {
                    *expect_key = true;
                }
            }
        }
    }
    None
}

/// The number and generation of an object header (`12 0 obj`) at the start of `bytes`.
fn object_header(bytes: &[u8]) -> Option<(u32, u16)> {
    let text = std::str::from_utf8(bytes.get(..bytes.len().min(40))?).ok().or_else(|| {
        // The header is ASCII; what follows it may not be.
        let end = bytes.iter().take(40).position(|b| !b.is_ascii()).unwrap_or(40.min(bytes.len()));
        std::str::from_utf8(&bytes[..end]).ok()
    })?;
    let mut words = text.split_ascii_whitespace();
    let id = words.next()?.parse().ok()?;
    let generation = words.next()?.parse().ok()?;
    words.next().filter(|w| w.starts_with("obj")).map(|_| (id, generation))
}

/// A stream stored in a way chanjiao never writes and viewers may read otherwise.
fn odd_storage(what: &str) -> Error {
    refused(
        format!("文件的写法是 chanjiao 不会使用、且阅读器可能另作解读的（{what}），不予核验，视为未通过"),
        format!("the file is written in a way chanjiao never writes and viewers may read otherwise ({what}), so the file is refused and does not pass"),
    )
}

fn encrypted() -> Error {
    refused(
        "此 PDF 已加密（设有密码或权限限制），不予核验，视为未通过；chanjiao 生成的申请表不加密，请申请人提交生成时的原文件",
        "this PDF is encrypted (it has a password or permission restrictions), so it is refused and does not pass; chanjiao never encrypts a form, so ask the applicant for the file as it was made",
    )
}

/// Checks a PDF made by chanjiao, with `font` (the one the forms are made in).
pub fn verify_pdf(bytes: &[u8], font: &Font, params: &'static chanjiao_rules::Params) -> Result<Report, Error> {
    let doc = load(bytes)?;
    let mut budget = Budget { left: LIMITS.total_bytes };
    let pages = Pages::read(&doc, &mut budget)?;
    let mut differences = Vec::new();
    if doc.revision_count() > 1 {
        differences.push(difference(
            "document",
            None,
            format!("{} revisions (changes were appended after the form was made)", doc.revision_count()),
            "one revision, as the form was made",
        ));
    }

    // 1. The codes: in the document information, and in the QR codes.
    let in_info = info_payloads(&doc)?;
    let in_qr: Vec<(usize, Result<String, String>)> = pages.qr_codes();
    let decoded: Vec<String> = in_qr.iter().filter_map(|(_, r)| r.as_ref().ok().cloned()).collect();
    for (page, r) in &in_qr {
        if let Err(why) = r {
            differences.push(difference("qr", Some(page + 1), why.clone(), "a QR code that decodes"));
        }
    }
    let texts = match (in_info.is_empty(), decoded.is_empty()) {
        (true, true) => {
            return Err(Error::payload(
                "文件中没有 chanjiao 核验码（文档信息和二维码中都没有）；请扫描表上的二维码，用 --code 提供其文字",
                "the file holds no chanjiao verification code (neither in its document information nor in a QR code); scan the form's QR code and give its text with --code",
            ));
        }
        (true, false) => decoded.clone(),
        (false, _) => {
            if in_info != decoded {
                differences.push(difference("qr", None, decoded.join("\n"), in_info.join("\n")));
            }
            in_info
        }
    };
    if texts.len() > LIMITS.forms {
        return Err(over_limit("核验码（申请表）份数", "the number of verification codes (forms)", texts.len(), LIMITS.forms));
    }
    let payloads = texts.iter().map(|t| payload::parse(t)).collect::<Result<Vec<Payload>, _>>()?;
    let mut codes: Vec<&str> = payloads.iter().map(|p| p.code.as_str()).collect();
    codes.sort_unstable();
    let repeated = codes.windows(2).any(|w| w[0] == w[1]);
    if repeated {
        differences.push(difference("qr", None, codes.join(", "), "one form for each incentive"));
    }
    let verdicts = payloads.iter().cloned().map(|p| payload::verify(p, params)).collect::<Result<Vec<Verdict>, _>>()?;
    // A code of another version describes a document this version does not
    // make: there is nothing to compare it with, and it does not pass.
    if verdicts.iter().any(Verdict::outdated) {
        return Ok(Report { verdicts, differences, pages_compared: false, filled_by_hand: Vec::new() });
    }
    // Codes that disagree with the QR codes, or repeat, already fail the file;
    // making the document again from them would only cost time.
    if !differences.is_empty() {
        return Ok(Report { verdicts, differences, pages_compared: false, filled_by_hand: Vec::new() });
    }

    // 2. The fields: those made with a value against the codes' digests, the
    // blank ones as filled in since.
    let fields = read_fields(&doc)?;
    let mut applicants = Vec::with_capacity(payloads.len());
    let mut filled_by_hand = Vec::new();
    let mut filled_in = BTreeSet::new();
    for p in &payloads {
        let prefix = format!("{}-", p.code);
        let mine: Vec<(&str, &Field)> = fields.iter().filter_map(|(name, f)| name.strip_prefix(&prefix).map(|k| (k, f))).collect();
        let made_with: Vec<(&str, &str)> = mine.iter().filter(|(_, f)| f.read_only).map(|(k, f)| (*k, f.value.as_str())).collect();
        let have = payload::field_digests(made_with.iter().copied());
        let keys: BTreeSet<&str> = have.iter().chain(&p.fields).map(|(k, _)| k.as_str()).collect();
        for key in keys {
            let digest_of = |list: &[(String, String)]| list.iter().find(|(k, _)| k == key).map(|(_, d)| d.clone());
            if digest_of(&have) != digest_of(&p.fields) {
                let (part, found) = if key == "roster" {
                    ("roster".to_owned(), "(the roster's filled-in rows)".to_owned())
                } else {
                    (format!("applicant.{key}"), made_with.iter().find(|(k, _)| *k == key).map_or_else(|| "(blank)".to_owned(), |(_, v)| (*v).to_owned()))
                };
                differences.push(difference(&part, None, found, "the value the verification code was made for"));
            }
        }
        for (key, f) in &mine {
            if !f.text {
                differences.push(difference(&field_part(&format!("{prefix}{key}")), None, "(a value that is not text)", "text, or no value"));
            }
            // A field left blank and still blank is compared whole, its
            // appearance too: only a value filled in may bring its own.
            if !f.read_only && f.text && !f.value.is_empty() {
                filled_in.insert(format!("{prefix}{key}"));
                let part = field_part(&format!("{prefix}{key}"));
                if let Some(c) = f.value.chars().find(|c| chanjiao_rules::hidden_char(*c)) {
                    differences.push(difference(&part, None, escaped(&f.value), format!("text without hidden characters (it holds U+{:04X})", u32::from(c))));
                }
                filled_by_hand.push(FilledByHand { part, field: format!("{prefix}{key}"), value: f.value.clone() });
            }
        }
        applicants.push(applicant_from_fields(made_with.iter().copied()));
    }
    // A field that does not match its digest already fails the file; made again
    // with the changed value, every glyph of it would differ too and bury it.
    if !differences.is_empty() {
        return Ok(Report { verdicts, differences, pages_compared: false, filled_by_hand });
    }

    // 3. The document made again, compared with the one handed in.
    match remake(&payloads, &applicants, font, params) {
        Ok(expected) => {
            let doc2 = Document::load_mem(&expected).map_err(unreadable)?;
            let pages2 = Pages::read(&doc2, &mut Budget { left: usize::MAX })?;
            compare_pages(&pages, &pages2, &mut differences);
            let mut walk = Walk::new(&doc, &doc2, &filled_in, budget);
            walk.documents();
            differences.extend(walk.out);
            if let Some(e) = walk.failed {
                return Err(e);
            }
        }
        Err(e) => differences.push(difference(
            "applicant",
            None,
            format!("{} / {}", e.render(Lang::Zh), e.render(Lang::En)),
            "applicant details that pass their checks",
        )),
    }
    Ok(Report { verdicts, differences, pages_compared: true, filled_by_hand })
}

/// The codes in the document information, one per line.
fn info_payloads(doc: &Document) -> Result<Vec<String>, Error> {
    let Ok(info) = doc.trailer.get_deref(b"Info", doc).and_then(Object::as_dict) else { return Ok(Vec::new()) };
    let Ok(bytes) = info.get_deref(crate::payload::INFO_KEY, doc).and_then(Object::as_str) else { return Ok(Vec::new()) };
    let lines: Vec<String> = String::from_utf8_lossy(bytes).lines().map(str::trim).filter(|l| l.starts_with("CJ")).map(str::to_owned).collect();
    if lines.len() > LIMITS.forms {
        return Err(over_limit("核验码（申请表）份数", "the number of verification codes (forms)", lines.len(), LIMITS.forms));
    }
    Ok(lines)
}

/// The document made again: the forms of `payloads`, for the applicants made
/// from the fields' made-with values, on the day the codes say they were made.
fn remake(payloads: &[Payload], applicants: &[Applicant], font: &Font, params: &'static chanjiao_rules::Params) -> Result<Vec<u8>, Error> {
    // Every form of one file was made from one set of answers; each code holds
    // the part its result rests on, so together they hold what every form read.
    let mut pairs: BTreeMap<&str, &str> = BTreeMap::new();
    for p in payloads {
        for (k, v) in &p.answers {
            pairs.insert(k, v);
        }
    }
    let answers = Answers::from_pairs_under(pairs, params)?;
    let results: Vec<EntryResult> = payloads.iter().map(|p| evaluate_entry_with(params, &answers, p.evaluated_on, &p.code)).collect::<Result<_, _>>()?;
    let made_on: Date = payloads
        .first()
        .and_then(|p| p.made_on)
        .ok_or_else(|| Error::payload("核验码未写明申请表的生成日期", "the code does not say when the form was made"))?;
    // One applicant block for the file: the first form's (a form whose block
    // was changed then differs from it, and is named).
    let mut applicant = applicants.first().cloned().unwrap_or_default();
    applicant.rosters.clear();
    for (p, a) in payloads.iter().zip(applicants) {
        if let Some(rows) = a.rosters.get("") {
            applicant.rosters.insert(p.code.clone(), rows.clone());
        }
    }
    let apps: Vec<Application> =
        results.iter().zip(payloads).map(|(r, p)| Application { result: r, answers: &answers, applicant: &applicant, evaluated_on: p.evaluated_on }).collect();
    Ok(render(&apps, font, &Options { generated_on: made_on, params })?.bytes)
}

/// An AcroForm text field: its value, and whether it was made with it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Field {
    value: String,
    read_only: bool,
    /// False when the field holds a value that is not text (a name, a number):
    /// a viewer may draw it, and it reads as no value.
    text: bool,
}

/// Every field by its name, as the AcroForm lists them.
fn read_fields(doc: &Document) -> Result<BTreeMap<String, Field>, Error> {
    let mut out = BTreeMap::new();
    let Ok(acro) = doc.catalog().and_then(|c| c.get_deref(b"AcroForm", doc)).and_then(Object::as_dict) else { return Ok(out) };
    let Ok(list) = acro.get_deref(b"Fields", doc).and_then(Object::as_array) else { return Ok(out) };
    if list.len() > LIMITS.fields {
        return Err(over_limit("表单域数", "the number of form fields", list.len(), LIMITS.fields));
    }
    for item in list {
        let Ok((_, obj)) = doc.dereference(item) else { continue };
        let Ok(dict) = obj.as_dict() else { continue };
        let Ok(name) = dict.get_deref(b"T", doc).and_then(Object::as_str) else { continue };
        let raw = dict.get_deref(b"V", doc);
        let text = matches!(raw, Err(_) | Ok(Object::String(..)) | Ok(Object::Null));
        let value = raw.and_then(Object::as_str).map(text_string).unwrap_or_default();
        let flags = dict.get_deref(b"Ff", doc).and_then(Object::as_i64).unwrap_or(0);
        out.insert(text_string(name), Field { value, read_only: flags & 1 == 1, text });
    }
    Ok(out)
}

/// A PDF text string: UTF-16BE after its byte-order mark, else PDFDocEncoding
/// (as ASCII, which is all chanjiao writes that way).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}

/// Text with every hidden character written as `U+XXXX`, so a report shows
/// what is there.
fn escaped(text: &str) -> String {
    text.chars().map(|c| if chanjiao_rules::hidden_char(c) { format!("U+{:04X}", u32::from(c)) } else { c.to_string() }).collect()
}

/// The applicant block and roster of one form, from its fields' values by their
/// keys within the form. The roster is kept under the empty key; [`remake`]
/// files it under the form's entry.
fn applicant_from_fields<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Applicant {
    let mut applicant = Applicant::default();
    let mut rows: BTreeMap<usize, BTreeMap<String, String>> = BTreeMap::new();
    for (key, value) in fields {
        if let Some(cell) = key.strip_prefix("roster-") {
            // A form prints at most its roster rows; a field numbered past them
            // is no field of the form (and would make a table of that many rows).
            if let Some((row, column)) = cell.split_once('-')
                && let Ok(row) = row.parse::<usize>()
                && (1..=form::ROSTER_ROWS).contains(&row)
            {
                rows.entry(row).or_default().insert(column.to_owned(), value.to_owned());
            }
        } else {
            applicant.set(key, value.to_owned());
        }
    }
    // Rows are numbered from 1 and the form prints them in order; a row with no
    // made-with cell between two that have one stays, blank, in its place.
    if let Some(last) = rows.keys().next_back().copied() {
        let table = (1..=last).map(|r| rows.remove(&r).unwrap_or_default()).collect();
        applicant.rosters.insert(String::new(), table);
    }
    applicant
}

/// What may still be decompressed in one check.
struct Budget {
    left: usize,
}

impl Budget {
    /// A stream's content, decompressed within both the per-stream and the
    /// whole check's limits. Only the storage chanjiao writes is read: no
    /// filter, or `/FlateDecode` alone, with no parameters and a zlib header;
    /// any other is refused, since a viewer may decode it otherwise than this
    /// check would (a predictor lopdf applies and a viewer ignores, say).
    fn content(&mut self, s: &Stream) -> Result<Vec<u8>, Error> {
        let limit = LIMITS.stream_bytes.min(self.left);
        let flate = match s.dict.get(b"Filter") {
            Err(_) | Ok(Object::Null) => false,
            Ok(Object::Name(n)) if n.as_slice() == b"FlateDecode" => true,
            Ok(Object::Array(a)) if matches!(a.as_slice(), [Object::Name(n)] if n.as_slice() == b"FlateDecode") => true,
            Ok(other) => return Err(odd_storage(&format!("/Filter {}", show_object(other)))),
        };
        match s.dict.get(b"DecodeParms") {
            Err(_) | Ok(Object::Null) => {}
            Ok(Object::Dictionary(d)) if d.is_empty() => {}
            Ok(other) => return Err(odd_storage(&format!("/DecodeParms {}", show_object(other)))),
        }
        let too_big = |limit: usize| {
            if limit < LIMITS.stream_bytes {
                over_limit("解压后的数据总量（字节）", "all streams' decompressed size in bytes", LIMITS.total_bytes + 1, LIMITS.total_bytes)
            } else {
                over_limit("单个数据流解压后的大小（字节）", "a stream's decompressed size in bytes", LIMITS.stream_bytes + 1, LIMITS.stream_bytes)
            }
        };
        let bytes = if flate {
            if !zlib_header(&s.content) {
                return Err(odd_storage("a deflated stream without its zlib header"));
            }
            miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&s.content, limit).map_err(|e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => too_big(limit),
                _ => unreadable(format!("a stream does not decompress ({:?})", e.status)),
            })?
        } else {
            if s.content.len() > limit {
                return Err(too_big(limit));
            }
            s.content.clone()
        };
        self.left = self.left.saturating_sub(bytes.len());
        Ok(bytes)
    }
}

/// One page: its operations and the font's CID-to-character map.
struct Page {
    ops: Vec<Operation>,
    to_unicode: std::rc::Rc<BTreeMap<u16, char>>,
}

struct Pages(Vec<Page>);

impl Pages {
    fn read(doc: &Document, budget: &mut Budget) -> Result<Pages, Error> {
        let count = doc.page_iter().take(LIMITS.pages + 1).count();
        if count > LIMITS.pages {
            return Err(over_limit("页数", "the number of pages", count, LIMITS.pages));
        }
        let mut out = Vec::new();
        let mut maps: HashMap<ObjectId, std::rc::Rc<BTreeMap<u16, char>>> = HashMap::new();
        let (mut operations, mut words) = (0, 0);
        let too_many = |n| over_limit("页面内容的操作数", "the operations in the pages' content", n, LIMITS.operations);
        for id in doc.page_iter() {
            let streams = doc.get_page_contents(id);
            // Viewers join several content streams with nothing between them
            // (or a space), and a string or a number can run from one into the
            // next; chanjiao writes one stream a page, so no join is ever read.
            if streams.len() > 1 {
                return Err(refused(
                    "页面内容分为多个数据流，阅读器的拼接方式可能与核验不同，不予核验，视为未通过",
                    "a page's content is split into several streams, which viewers may join otherwise than this check, so the file is refused and does not pass",
                ));
            }
            let mut content = Vec::new();
            for stream in streams {
                let s = doc.get_object(stream).and_then(Object::as_stream).map_err(unreadable)?;
                content.extend(budget.content(s)?);
                content.push(b'\n');
            }
            // Each word costs at most an operand or an operation once decoded:
            // count them first, so content of millions of operations is refused
            // before it takes memory.
            words += content.split(u8::is_ascii_whitespace).filter(|w| !w.is_empty()).count();
            if words > LIMITS.content_words {
                return Err(over_limit(
                    "页面内容的词数（操作符与操作数）",
                    "the words (operators and operands) in the pages' content",
                    words,
                    LIMITS.content_words,
                ));
            }
            // Strictly: a viewer skips what it cannot read and draws the rest, so
            // content this check could not read whole would go unchecked.
            let ops = Ops::decode_strict(&content)
                .map_err(|e| {
                    refused(
                        format!("页面内容无法完整读取（{e}），不予核验，视为未通过"),
                        format!("a page's content cannot be read whole ({e}), so the file is refused and does not pass"),
                    )
                })?
                .operations;
            operations += ops.len();
            if operations > LIMITS.operations {
                return Err(too_many(operations));
            }
            let to_unicode = match to_unicode_of(doc, id) {
                Some(map_id) => match maps.get(&map_id) {
                    Some(map) => map.clone(),
                    None => {
                        let s = doc.get_object(map_id).and_then(Object::as_stream).map_err(unreadable)?;
                        let map = std::rc::Rc::new(parse_to_unicode(&budget.content(s)?));
                        maps.insert(map_id, map.clone());
                        map
                    }
                },
                None => std::rc::Rc::default(),
            };
            out.push(Page { ops, to_unicode });
        }
        Ok(Pages(out))
    }

    /// The QR code drawn on each page that has one, decoded from its modules.
    fn qr_codes(&self) -> Vec<(usize, Result<String, String>)> {
        let mut out = Vec::new();
        for (k, page) in self.0.iter().enumerate() {
            let rects: Vec<[f32; 4]> = marked(&page.ops)
                .filter(|(key, op)| key.as_deref() == Some("qr") && op.operator == "re")
                .filter_map(|(_, op)| {
                    let n: Vec<f32> = op.operands.iter().filter_map(|o| o.as_float().ok()).collect();
                    <[f32; 4]>::try_from(n.as_slice()).ok()
                })
                .collect();
            if !rects.is_empty() {
                out.push((k, decode_qr(&rects)));
            }
        }
        out
    }
}

/// The ToUnicode map of a page's font `F1`, for naming what a part shows (the
/// font itself, map included, is compared whole by [`Walk`]).
fn to_unicode_of(doc: &Document, page: ObjectId) -> Option<ObjectId> {
    doc.get_dictionary(page)
        .and_then(|p| p.get_deref(b"Resources", doc))
        .and_then(Object::as_dict)
        .and_then(|r| r.get_deref(b"Font", doc))
        .and_then(Object::as_dict)
        .and_then(|f| f.get_deref(crate::doc::FONT.0, doc))
        .and_then(Object::as_dict)
        .and_then(|f| f.get(b"ToUnicode"))
        .and_then(Object::as_reference)
        .ok()
}

/// The CID-to-character pairs of a ToUnicode CMap (`bfchar` and `bfrange`).
fn parse_to_unicode(cmap: &[u8]) -> BTreeMap<u16, char> {
    let text = String::from_utf8_lossy(cmap);
    let hex = |s: &str| u32::from_str_radix(s.trim_matches(['<', '>']), 16).ok();
    let mut out = BTreeMap::new();
    let mut mode = "";
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.last().copied() {
            Some("beginbfchar") => mode = "char",
            Some("beginbfrange") => mode = "range",
            Some("endbfchar" | "endbfrange") => mode = "",
            _ => {}
        }
        match (mode, words.as_slice()) {
            ("char", [cid, uni]) => {
                if let (Some(c), Some(u)) = (hex(cid), hex(uni))
                    && let (Ok(c), Some(ch)) = (u16::try_from(c), char::from_u32(u))
                {
                    out.insert(c, ch);
                }
            }
            ("range", [lo, hi, start]) => {
                if let (Some(lo), Some(hi), Some(start)) = (hex(lo), hex(hi), hex(start)) {
                    for (k, c) in (lo..=hi.min(lo + 0xFFFF)).enumerate() {
                        if let (Ok(c), Some(ch)) = (u16::try_from(c), char::from_u32(start + k as u32)) {
                            out.insert(c, ch);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Each operation with the mark (`/Chanjiao <</F (key)>> BDC`) it is inside.
fn marked(ops: &[Operation]) -> impl Iterator<Item = (Option<String>, &Operation)> {
    let mut stack: Vec<Option<String>> = Vec::new();
    ops.iter().map(move |op| {
        match op.operator.as_str() {
            "BDC" => {
                let key = match op.operands.as_slice() {
                    [Object::Name(tag), Object::Dictionary(props)] if tag.as_slice() == crate::doc::MARK.0 => {
                        props.get(b"F").and_then(Object::as_str).ok().map(|k| String::from_utf8_lossy(k).into_owned())
                    }
                    _ => stack.last().cloned().flatten(),
                };
                stack.push(key);
            }
            "BMC" => stack.push(stack.last().cloned().flatten()),
            "EMC" => {
                stack.pop();
            }
            _ => {}
        }
        (stack.last().cloned().flatten(), op)
    })
}

/// A QR code's module grid, as drawn.
struct Modules {
    size: usize,
    dark: Vec<bool>,
}

impl rqrr::BitGrid for Modules {
    fn size(&self) -> usize {
        self.size
    }

    fn bit(&self, y: usize, x: usize) -> bool {
        self.dark.get(y * self.size + x).copied().unwrap_or(false)
    }
}

/// Decodes a QR code from the rectangles that draw its dark modules.
fn decode_qr(rects: &[[f32; 4]]) -> Result<String, String> {
    let module = rects.iter().map(|r| r[3].abs()).fold(f32::INFINITY, f32::min);
    let left = rects.iter().map(|r| r[0].min(r[0] + r[2])).fold(f32::INFINITY, f32::min);
    let right = rects.iter().map(|r| r[0].max(r[0] + r[2])).fold(f32::NEG_INFINITY, f32::max);
    let top = rects.iter().map(|r| r[1].max(r[1] + r[3])).fold(f32::NEG_INFINITY, f32::max);
    if !(module.is_finite() && module > 0.0) {
        return Err("no QR modules".into());
    }
    let size = ((right - left) / module).round() as usize;
    if !(21..=177).contains(&size) {
        return Err(format!("a QR code of {size} modules"));
    }
    // chanjiao draws a QR code as runs of dark modules, one module high, so no
    // more runs than modules: a drawing otherwise is no QR code of its making
    // (and filling it would take long).
    if rects.len() > size * size || rects.iter().any(|r| ((r[3].abs() - module) / module).abs() > 0.01) {
        return Err("modules not drawn as a QR code's rows".into());
    }
    let mut dark = vec![false; size * size];
    for r in rects {
        let (x0, x1) = (r[0].min(r[0] + r[2]), r[0].max(r[0] + r[2]));
        let (y0, y1) = (r[1].min(r[1] + r[3]), r[1].max(r[1] + r[3]));
        let (c0, c1) = (((x0 - left) / module).round() as usize, ((x1 - left) / module).round() as usize);
        let (r0, r1) = (((top - y1) / module).round() as usize, ((top - y0) / module).round() as usize);
        for row in r0..r1.min(size) {
            for col in c0..c1.min(size) {
                dark[row * size + col] = true;
            }
        }
    }
    rqrr::Grid::new(Modules { size, dark }).decode().map(|(_, text)| text).map_err(|e| format!("the QR code does not decode: {e}"))
}

/// The text an operation shows, through the page's map.
fn shown(op: &Operation, map: &BTreeMap<u16, char>) -> String {
    let mut out = String::new();
    let mut push = |bytes: &[u8]| {
        for pair in bytes.chunks(2) {
            let cid = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
            out.push(map.get(&cid).copied().unwrap_or('\u{fffd}'));
        }
    };
    for o in &op.operands {
        match o {
            Object::String(bytes, _) => push(bytes),
            Object::Array(items) => items.iter().filter_map(|i| i.as_str().ok()).for_each(&mut push),
            _ => {}
        }
    }
    out
}

/// The text a page shows in the part `key`.
fn part_text(page: &Page, key: &str) -> String {
    marked(&page.ops)
        .filter(|(k, op)| k.as_deref() == Some(key) && matches!(op.operator.as_str(), "Tj" | "TJ"))
        .map(|(_, op)| shown(op, &page.to_unicode))
        .collect::<Vec<_>>()
        .join("")
}

/// True when two operations are the same, numbers compared as numbers: a PDF
/// tool that rewrites a file may write `96` for `96.0`, which draws the same.
fn same_op(a: &Operation, b: &Operation) -> bool {
    a.operator == b.operator && a.operands.len() == b.operands.len() && a.operands.iter().zip(&b.operands).all(|(x, y)| same_direct(x, y))
}

fn same_direct(a: &Object, b: &Object) -> bool {
    match (a, b) {
        // An integer is an integer: a viewer may read /F 4.001 as no flag at all.
        (_, Object::Integer(y)) => matches!(a, Object::Integer(x) if x == y),
        // A real may be rewritten as an integer of the same value (96.0 as 96).
        (Object::Integer(_) | Object::Real(_), Object::Real(_)) => a.as_float().is_ok_and(|x| b.as_float().is_ok_and(|y| (x - y).abs() < 0.01)),
        (Object::Array(x), Object::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_direct(p, q)),
        (Object::Dictionary(x), Object::Dictionary(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_ok_and(|w| same_direct(v, w))),
        (Object::String(x, _), Object::String(y, _)) => x == y,
        _ => a == b,
    }
}

/// A page's operations grouped by the part they draw, in the order the parts
/// first appear.
fn parts(page: &Page) -> Vec<(String, Vec<&Operation>)> {
    let mut out: Vec<(String, Vec<&Operation>)> = Vec::new();
    // Indexed by key: a hostile page may mark each of its operations as a part of its own.
    let mut index: HashMap<String, usize> = HashMap::new();
    for (key, op) in marked(&page.ops) {
        let key = key.unwrap_or_default();
        match index.get(&key) {
            Some(&k) => out[k].1.push(op),
            None => {
                index.insert(key.clone(), out.len());
                out.push((key, vec![op]));
            }
        }
    }
    out
}

/// Every part of every page's content that differs from the form made again.
fn compare_pages(found: &Pages, expected: &Pages, out: &mut Vec<Difference>) {
    if found.0.len() != expected.0.len() {
        out.push(difference("pages", None, found.0.len().to_string(), expected.0.len().to_string()));
    }
    for (k, (a, b)) in found.0.iter().zip(&expected.0).enumerate() {
        let (pa, pb) = (parts(a), parts(b));
        let by_key = |p: &[(String, Vec<&Operation>)]| p.iter().enumerate().map(|(i, (key, _))| (key.clone(), i)).collect::<HashMap<String, usize>>();
        let (ia, ib) = (by_key(&pa), by_key(&pb));
        let mut keys: Vec<&String> = pb.iter().map(|(k, _)| k).collect();
        keys.extend(pa.iter().map(|(k, _)| k).filter(|k| !ib.contains_key(*k)));
        for key in keys {
            if out.len() >= MAX_DIFFERENCES {
                return;
            }
            let ops_a = ia.get(key).map_or(&[][..], |i| pa[*i].1.as_slice());
            let ops_b = ib.get(key).map_or(&[][..], |i| pb[*i].1.as_slice());
            if ops_a.len() != ops_b.len() || ops_a.iter().zip(ops_b).any(|(x, y)| !same_op(x, y)) {
                out.push(difference(key, Some(k + 1), part_text(a, key), part_text(b, key)));
            }
        }
    }
}

/// The part of the form a field belongs to: `A11-name` is `applicant.name`.
fn field_part(name: &str) -> String {
    match name.split_once('-') {
        Some((_, rest)) if rest.starts_with("roster-") => "roster".into(),
        Some((_, rest)) => format!("applicant.{rest}"),
        None => "applicant".into(),
    }
}

/// The keys a PDF tool may write otherwise without changing what shows: how a
/// stream is stored, and the file's identifier.
const STORAGE_KEYS: [&[u8]; 4] = [b"Length", b"Filter", b"DecodeParms", b"DL"];

/// What the trailer may hold beside the catalog and the information: its size
/// and identifier, and, in a file whose cross-references are a stream, that
/// stream's own entries.
const TRAILER_KEYS: [&[u8]; 10] = [b"Size", b"ID", b"Type", b"W", b"Index", b"Filter", b"DecodeParms", b"Length", b"DL", b"Root"];

/// Where in the document a comparison is: the part it concerns and its page.
#[derive(Clone, Debug)]
struct Place {
    part: String,
    page: Option<usize>,
    /// The path from the catalog or the information, for the report.
    path: String,
    /// True inside a field that was blank when the form was made and has been
    /// filled in since.
    filled_in: bool,
}

/// The comparison of two whole documents, object by object, from their
/// trailers. Indirect objects are paired as they are met, and a pairing holds
/// both ways: an object of the file handed in stands for one object of the form
/// made again, so a copy of a field with another value cannot stand in for it
/// in one place and the original in another.
struct Walk<'a> {
    found: &'a Document,
    expected: &'a Document,
    pairs: HashMap<ObjectId, ObjectId>,
    back: HashMap<ObjectId, ObjectId>,
    pages: HashMap<ObjectId, usize>,
    filled_in: &'a BTreeSet<String>,
    budget: Budget,
    out: Vec<Difference>,
    failed: Option<Error>,
}

/// The most differences one check reports: past these the file is plainly not
/// the form, and more would only bury the first.
pub const MAX_DIFFERENCES: usize = 100;

fn short(doc: &Document, o: &Object) -> String {
    let text = match o {
        Object::Reference(id) => match doc.get_object(*id) {
            Ok(Object::Stream(s)) => format!("a stream {}", describe_dict(&s.dict)),
            Ok(o) => show_object(o),
            Err(_) => "(missing object)".to_owned(),
        },
        Object::Stream(s) => format!("a stream {}", describe_dict(&s.dict)),
        o => show_object(o),
    };
    let text = escaped(&text);
    if text.chars().count() > 120 { format!("{}…", text.chars().take(120).collect::<String>()) } else { text }
}

fn show_object(o: &Object) -> String {
    match o {
        Object::Null => "null".into(),
        Object::Boolean(b) => b.to_string(),
        Object::Integer(i) => i.to_string(),
        Object::Real(r) => format!("{r}"),
        Object::Name(n) => format!("/{}", String::from_utf8_lossy(n)),
        Object::String(s, _) => format!("({})", text_string(s)),
        Object::Array(a) => format!("[{}]", a.iter().map(show_object).collect::<Vec<_>>().join(" ")),
        Object::Dictionary(d) => describe_dict(d),
        Object::Stream(s) => format!("a stream {}", describe_dict(&s.dict)),
        Object::Reference(id) => format!("{} {} R", id.0, id.1),
    }
}

fn describe_dict(d: &Dictionary) -> String {
    format!("<<{}>>", d.iter().map(|(k, v)| format!("/{} {}", String::from_utf8_lossy(k), show_object(v))).collect::<Vec<_>>().join(" "))
}

impl<'a> Walk<'a> {
    fn new(found: &'a Document, expected: &'a Document, filled_in: &'a BTreeSet<String>, budget: Budget) -> Walk<'a> {
        let pages = expected.page_iter().enumerate().map(|(k, id)| (id, k + 1)).collect();
        Walk { found, expected, pairs: HashMap::new(), back: HashMap::new(), pages, filled_in, budget, out: Vec::new(), failed: None }
    }

    fn differ(&mut self, at: &Place, found: String, expected: String) {
        if self.out.len() < MAX_DIFFERENCES {
            self.out.push(difference(&at.part, at.page, format!("{}: {found}", at.path), expected));
        }
    }

    /// The trailers: the catalog and the information, and nothing else that a
    /// viewer reads (an encryption dictionary, say).
    fn documents(&mut self) {
        let top = |part: &str, path: &str| Place { part: part.to_owned(), page: None, path: path.to_owned(), filled_in: false };
        for (key, _) in self.found.trailer.iter() {
            if !TRAILER_KEYS.contains(&key.as_slice()) && key.as_slice() != b"Info" {
                let at = top("document", "trailer");
                let value = short(self.found, self.found.trailer.get(key).unwrap_or(&Object::Null));
                self.differ(&at, format!("/{} {value}", String::from_utf8_lossy(key)), "(no such entry)".into());
            }
        }
        for (key, part) in [(&b"Root"[..], "document"), (&b"Info"[..], "info")] {
            let name = String::from_utf8_lossy(key).into_owned();
            match (self.found.trailer.get(key), self.expected.trailer.get(key)) {
                (Ok(a), Ok(b)) => {
                    let (a, b) = (a.clone(), b.clone());
                    self.same(&a, &b, &top(part, &format!("/{name}")), 0);
                }
                (Err(_), Ok(_)) => self.differ(&top(part, "trailer"), format!("no /{name}"), format!("/{name}")),
                (Ok(a), Err(_)) => {
                    let a = short(self.found, a);
                    self.differ(&top(part, "trailer"), format!("/{name} {a}"), "(no such entry)".into())
                }
                (Err(_), Err(_)) => {}
            }
        }
    }

    /// Compares `a` (handed in) with `b` (made again) at `at`.
    fn same(&mut self, a: &Object, b: &Object, at: &Place, depth: usize) {
        if self.failed.is_some() || self.out.len() >= MAX_DIFFERENCES {
            return;
        }
        if depth > 64 {
            self.differ(at, "(objects nested too deep)".into(), "the form's structure".into());
            return;
        }
        match (a, b) {
            (Object::Reference(ra), Object::Reference(rb)) => {
                match (self.pairs.get(ra), self.back.get(rb)) {
                    (Some(x), Some(y)) if x == rb && y == ra => return,
                    (None, None) => {
                        self.pairs.insert(*ra, *rb);
                        self.back.insert(*rb, *ra);
                    }
                    _ => {
                        self.differ(
                            at,
                            format!("object {} {} R, which stands elsewhere for another part of the form", ra.0, ra.1),
                            "the form's own object".into(),
                        );
                        return;
                    }
                }
                let (Ok(oa), Ok(ob)) = (self.found.get_object(*ra), self.expected.get_object(*rb)) else {
                    self.differ(at, "(a missing object)".into(), short(self.expected, b));
                    return;
                };
                // Entering a page names it, by the form's own page numbers.
                let here = match self.pages.get(rb) {
                    Some(k) => Place { part: "page".into(), page: Some(*k), ..at.clone() },
                    None => at.clone(),
                };
                self.same(oa, ob, &here, depth + 1);
            }
            // A direct object written as an indirect one, or the other way
            // round, shows the same.
            (Object::Reference(ra), _) => match self.found.get_object(*ra) {
                Ok(oa) => self.same(oa, b, at, depth + 1),
                Err(_) => self.differ(at, "(a missing object)".into(), short(self.expected, b)),
            },
            (_, Object::Reference(rb)) => {
                if let Ok(ob) = self.expected.get_object(*rb) {
                    self.same(a, ob, at, depth + 1);
                }
            }
            (Object::Dictionary(da), Object::Dictionary(db)) => self.dicts(da, db, at, depth, false),
            (Object::Stream(sa), Object::Stream(sb)) => {
                self.dicts(&sa.dict, &sb.dict, at, depth, true);
                let content = self.budget.content(sa).and_then(|ca| self.budget.content(sb).map(|cb| (ca, cb)));
                match content {
                    Ok((ca, cb)) if ca == cb => {}
                    Ok(_) => self.differ(at, "(the stream's content)".into(), "the content of the form as made".into()),
                    Err(e) => self.failed = Some(e),
                }
            }
            (Object::Array(xa), Object::Array(xb)) => {
                if xa.len() != xb.len() {
                    self.differ(at, format!("{} items", xa.len()), format!("{} items", xb.len()));
                    return;
                }
                for (k, (p, q)) in xa.iter().zip(xb).enumerate() {
                    let place = Place { path: format!("{}[{k}]", at.path), ..at.clone() };
                    self.same(p, q, &place, depth + 1);
                }
            }
            _ => {
                if !same_direct(a, b) {
                    let (fa, fb) = (short(self.found, a), short(self.expected, b));
                    self.differ(at, fa, fb);
                }
            }
        }
    }

    /// Two dictionaries: the same keys, the same values. `stream` leaves out
    /// how a stream is stored.
    fn dicts(&mut self, a: &Dictionary, b: &Dictionary, at: &Place, depth: usize, stream: bool) {
        let mut here = at.clone();
        // Entering a field or a font names the part compared.
        if b.get(b"FT").is_ok()
            && let Ok(name) = b.get(b"T").and_then(Object::as_str)
        {
            let name = text_string(name);
            here.part = field_part(&name);
            here.filled_in = self.filled_in.contains(&name);
        }
        if b.has_type(b"Font") || b.has_type(b"FontDescriptor") {
            here.part = "font".into();
        }
        let skip = |k: &[u8]| stream && STORAGE_KEYS.contains(&k);
        for (key, va) in a.iter() {
            if skip(key) || b.get(key).is_ok() {
                continue;
            }
            let name = String::from_utf8_lossy(key).into_owned();
            let part = self.part_of_key(&here, key);
            let place = Place { part, path: format!("{}/{name}", here.path), ..here.clone() };
            let value = short(self.found, va);
            self.differ(&place, format!("/{name} {value}"), "(no such entry)".into());
        }
        for (key, vb) in b.iter() {
            if skip(key) {
                continue;
            }
            // A blank field filled in since: its value, and the appearance the
            // viewer drew for it, are the applicant's.
            if here.filled_in && matches!(key.as_slice(), b"V" | b"AP") {
                continue;
            }
            // A page's content is compared part by part (compare_pages).
            if b.has_type(b"Page") && key.as_slice() == b"Contents" {
                continue;
            }
            let name = String::from_utf8_lossy(key).into_owned();
            let part = self.part_of_key(&here, key);
            let place = Place { part, path: format!("{}/{name}", here.path), ..here.clone() };
            match a.get(key) {
                Ok(va) => {
                    let (va, vb) = (va.clone(), vb.clone());
                    self.same(&va, &vb, &place, depth + 1);
                }
                Err(_) => {
                    let value = short(self.expected, vb);
                    self.differ(&place, "(no such entry)".into(), format!("/{name} {value}"));
                }
            }
        }
    }

    /// The part a dictionary's entry concerns.
    fn part_of_key(&self, here: &Place, key: &[u8]) -> String {
        match (here.part.as_str(), key) {
            ("page", b"Annots") => "annotation".into(),
            ("page", b"Resources") => "resources".into(),
            ("document", b"AcroForm") => "fields".into(),
            ("document", b"Pages" | b"Type") => "document".into(),
            (part, _) => part.into(),
        }
    }
}

/// The difference in words, in one language: the part, the page, what the form
/// says and what it should.
pub fn describe(d: &Difference, lang: Lang) -> String {
    let (zh, en) = form::part_name(&d.part);
    // An applicant field is named as the form labels it.
    let field = d.part.strip_prefix("applicant.").and_then(|f| chanjiao_rules::APPLICANT_FIELDS.iter().find(|a| a.id == f));
    let (zh, en) = match field {
        Some(f) => (format!("{zh}（{}）", f.label_org.zh), format!("{en} ({})", f.label_org.en)),
        None => (zh.to_owned(), en.to_owned()),
    };
    let page = d.page.map(|p| lang.pick(&format!("第 {p} 页"), &format!("page {p}")).to_owned()).unwrap_or_default();
    let (found, expected) = match lang {
        Lang::Zh => (in_chinese(&escaped(&d.found)), in_chinese(&escaped(&d.expected))),
        Lang::En => (escaped(&d.found), escaped(&d.expected)),
    };
    match lang {
        Lang::Zh => format!("{zh}{}{page}：表上为“{found}”，应为“{expected}”", if page.is_empty() { "" } else { "，" }),
        Lang::En => format!("{en}{}{page}: the form says \"{found}\", it should say \"{expected}\"", if page.is_empty() { "" } else { ", " }),
    }
}

/// The fixed phrases a difference is described by, in Chinese: the report is
/// read in either language, and values and paths stay as they are.
fn in_chinese(text: &str) -> String {
    const PHRASES: [(&str, &str); 14] = [
        ("the value the verification code was made for", "核验码所对应的原值"),
        ("(no such entry)", "（无此项）"),
        ("(the stream's content)", "（数据流内容）"),
        ("the content of the form as made", "生成时的内容"),
        ("one form for each incentive", "每个事项一份申请表"),
        ("a QR code that decodes", "可识别的二维码"),
        ("(blank)", "（空白）"),
        ("(a value that is not text)", "（非文字的值）"),
        ("text, or no value", "文字，或空白"),
        ("one revision, as the form was made", "生成时的单一版本"),
        ("the form's own object", "申请表自身的对象"),
        ("(a missing object)", "（缺失的对象）"),
        ("applicant details that pass their checks", "通过检查的申请人信息"),
        ("the form's structure", "申请表的结构"),
    ];
    let mut out = text.to_owned();
    for (en, zh) in PHRASES {
        out = out.replace(en, zh);
    }
    if let Some(rest) = out.strip_suffix(" items")
        && rest.chars().all(|c| c.is_ascii_digit())
    {
        return format!("{rest} 项");
    }
    out.replace("text without hidden characters (it holds ", "不含隐藏字符的文字（含有 ")
}

impl From<lopdf::Error> for Error {
    fn from(e: lopdf::Error) -> Error {
        Error::new(ErrorKind::Payload, format!("文件不是可读取的 PDF：{e}"), format!("the file is not a PDF that can be read: {e}"))
    }
}
