//! Checking a form an applicant hands in (`chanjiao verify`).
//!
//! The file is read as a PDF, through a parser, never by searching its bytes,
//! so nothing an applicant typed can be read as structure:
//!
//! 1. the verification codes in the document information, and the QR code on
//!    each form's first page, read back from the modules the page draws and
//!    decoded: the two must agree;
//! 2. each code re-evaluated with these rules ([`crate::payload::verify`]);
//! 3. the applicant's name and identity number in the form's fields, against
//!    the digests the code carries;
//! 4. the whole document made again from the codes and the fields, and every
//!    page, field, and the embedded font compared with the one handed in: an
//!    edited amount, status, name or fact is a difference in the part of the
//!    form that shows it (the parts are marked in the page content).
//!
//! What this proves: the form is what chanjiao makes for the facts its code
//! declares, and the rules give what it states. What it cannot prove: that the
//! facts are true. The documents attached to the form prove those.

use std::collections::BTreeMap;

use chanjiao_rules::{Answers, Applicant, Date, EntryResult, Lang, evaluate_entry_with};
use lopdf::content::Content as Ops;
use lopdf::{Document, Object};

use crate::error::{Error, ErrorKind};
use crate::payload::{self, Payload, Verdict};
use crate::{Application, Font, Options, form, render};

/// The most a page's or stream's content may inflate to when read (a form's page
/// is a few tens of kilobytes); a larger one is refused, not read.
const MAX_STREAM: usize = 16 * 1024 * 1024;

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

/// What checking one PDF found.
#[derive(Clone, Debug)]
pub struct Report {
    /// Each form's code re-evaluated with these rules, in order.
    pub verdicts: Vec<Verdict>,
    /// Where the file differs from what its codes describe, first found first.
    pub differences: Vec<Difference>,
    /// False when the pages could not be compared because the form was made
    /// with another version of the rules (its verdict says which).
    pub pages_compared: bool,
}

impl Report {
    /// True when every figure matches and the file is what its codes describe.
    pub fn matches(&self) -> bool {
        self.differences.is_empty() && self.verdicts.iter().all(Verdict::matches)
    }
}

fn unreadable(why: impl std::fmt::Display) -> Error {
    Error::payload(format!("文件不是可读取的 PDF：{why}"), format!("the file is not a PDF that can be read: {why}"))
}

fn difference(part: &str, page: Option<usize>, found: impl Into<String>, expected: impl Into<String>) -> Difference {
    Difference { part: part.to_owned(), page, found: found.into(), expected: expected.into() }
}

/// Checks a PDF made by chanjiao, with `font` (the one the forms are made in).
pub fn verify_pdf(bytes: &[u8], font: &Font, params: &'static chanjiao_rules::Params) -> Result<Report, Error> {
    let doc = Document::load_mem(bytes).map_err(unreadable)?;
    let pages = Pages::read(&doc)?;
    let mut differences = Vec::new();

    // 1. The codes: in the document information, and in the QR codes.
    let in_info = info_payloads(&doc);
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
    let payloads = texts.iter().map(|t| payload::parse(t)).collect::<Result<Vec<Payload>, _>>()?;
    let verdicts = payloads.iter().cloned().map(|p| payload::verify(p, params)).collect::<Result<Vec<Verdict>, _>>()?;

    // 2. The applicant block and rosters, as the fields hold them; the code's
    // digests tie it to the name and number.
    let fields = read_fields(&doc)?;
    let mut applicants = Vec::with_capacity(payloads.len());
    for p in &payloads {
        let applicant = applicant_from_fields(&fields, &p.code);
        if let Some((name, id)) = &p.applicant {
            for (key, digest, value) in [("name", name, &applicant.name), ("id_number", id, &applicant.id_number)] {
                // The digest is of the checked value, as the form was made from it.
                let checked = value.trim().to_uppercase();
                let ok = payload::applicant_digest(key, value) == *digest || payload::applicant_digest(key, &checked) == *digest;
                if !ok {
                    differences.push(difference(&format!("applicant.{key}"), None, value.clone(), format!("the {key} the verification code was made for")));
                }
            }
        }
        applicants.push(applicant);
    }

    // 3. The document made again from the codes and the fields, compared with
    // the one handed in. A form of another rules version would read otherwise
    // throughout; its verdict already says so.
    let ours = params.policy.rules_version.clone();
    let pages_compared = payloads.iter().all(|p| p.rules_version == ours && p.made_on.is_some());
    if pages_compared {
        match remake(&payloads, &applicants, font, params) {
            Ok(expected) => {
                let doc2 = Document::load_mem(&expected).map_err(unreadable)?;
                let pages2 = Pages::read(&doc2)?;
                compare_pages(&pages, &pages2, &mut differences);
                compare_fields(&fields, &read_fields(&doc2)?, &mut differences);
                compare_font(&pages, &pages2, &mut differences);
            }
            Err(e) => differences.push(difference("applicant", None, e.render(Lang::En), "applicant details that pass their checks")),
        }
    }
    Ok(Report { verdicts, differences, pages_compared })
}

/// The codes in the document information, one per line.
fn info_payloads(doc: &Document) -> Vec<String> {
    let Ok(info) = doc.trailer.get_deref(b"Info", doc).and_then(Object::as_dict) else { return Vec::new() };
    let Ok(bytes) = info.get_deref(crate::payload::INFO_KEY, doc).and_then(Object::as_str) else { return Vec::new() };
    String::from_utf8_lossy(bytes).lines().map(str::trim).filter(|l| l.starts_with("CJ")).map(str::to_owned).collect()
}

/// The document made again: the forms of `payloads`, for the applicants read
/// from the fields, on the day the codes say they were made.
fn remake(payloads: &[Payload], applicants: &[Applicant], font: &Font, params: &'static chanjiao_rules::Params) -> Result<Vec<u8>, Error> {
    // Every form of one file was made from one set of answers; each code holds
    // the part its result rests on, so together they hold what every form read.
    let mut pairs: BTreeMap<&str, &str> = BTreeMap::new();
    for p in payloads {
        for (k, v) in &p.answers {
            pairs.insert(k, v);
        }
    }
    let answers = Answers::from_pairs(pairs)?;
    let results: Vec<EntryResult> = payloads.iter().map(|p| evaluate_entry_with(params, &answers, p.evaluated_on, &p.code)).collect::<Result<_, _>>()?;
    let made_on: Date = payloads.first().and_then(|p| p.made_on).ok_or_else(|| Error::payload("核验码缺少生成日期", "the code has no date made"))?;
    // One applicant block for the file: the first form's (a form whose block
    // was changed then differs from it, and is named).
    let mut applicant = applicants.first().cloned().unwrap_or_default();
    for (p, a) in payloads.iter().zip(applicants) {
        if let Some(rows) = a.rosters.get(&p.code) {
            applicant.rosters.insert(p.code.clone(), rows.clone());
        }
    }
    let apps: Vec<Application> =
        results.iter().zip(payloads).map(|(r, p)| Application { result: r, answers: &answers, applicant: &applicant, evaluated_on: p.evaluated_on }).collect();
    Ok(render(&apps, font, &Options { generated_on: made_on, params: Some(params) })?.bytes)
}

/// An AcroForm text field: its value and its appearance's content.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Field {
    value: String,
    appearance: Vec<u8>,
}

/// Every field by its name.
fn read_fields(doc: &Document) -> Result<BTreeMap<String, Field>, Error> {
    let mut out = BTreeMap::new();
    let Ok(acro) = doc.catalog().and_then(|c| c.get_deref(b"AcroForm", doc)).and_then(Object::as_dict) else { return Ok(out) };
    let Ok(list) = acro.get_deref(b"Fields", doc).and_then(Object::as_array) else { return Ok(out) };
    for item in list {
        let Ok((_, obj)) = doc.dereference(item) else { continue };
        let Ok(dict) = obj.as_dict() else { continue };
        let Ok(name) = dict.get_deref(b"T", doc).and_then(Object::as_str) else { continue };
        let value = dict.get_deref(b"V", doc).and_then(Object::as_str).map(text_string).unwrap_or_default();
        let appearance = dict
            .get_deref(b"AP", doc)
            .and_then(Object::as_dict)
            .and_then(|ap| ap.get_deref(b"N", doc))
            .and_then(Object::as_stream)
            .ok()
            .map(|s| s.decompressed_content_with_limit(MAX_STREAM).map_err(unreadable))
            .transpose()?
            .unwrap_or_default();
        out.insert(text_string(name), Field { value, appearance });
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

/// The applicant block and roster of the form for entry `code`, from its fields.
fn applicant_from_fields(fields: &BTreeMap<String, Field>, code: &str) -> Applicant {
    let mut applicant = Applicant::default();
    let mut rows: BTreeMap<usize, BTreeMap<String, String>> = BTreeMap::new();
    let prefix = format!("{code}-");
    for (name, field) in fields {
        let Some(rest) = name.strip_prefix(&prefix) else { continue };
        if let Some(cell) = rest.strip_prefix("roster-") {
            if let Some((row, column)) = cell.split_once('-')
                && let Ok(row) = row.parse::<usize>()
            {
                let entry = rows.entry(row).or_default();
                if !field.value.is_empty() {
                    entry.insert(column.to_owned(), field.value.clone());
                }
            }
        } else {
            applicant.set(rest, field.value.clone());
        }
    }
    if !rows.is_empty() {
        applicant.rosters.insert(code.to_owned(), rows.into_values().collect());
    }
    applicant
}

/// One page: its operations, the font's CID-to-character map, its boxes and
/// rotation, and the annotations drawn on it.
struct Page {
    ops: Vec<lopdf::content::Operation>,
    font_program: Vec<u8>,
    to_unicode: BTreeMap<u16, char>,
    to_unicode_bytes: Vec<u8>,
    /// `MediaBox`, `CropBox`, … and `Rotate`, as they apply (inherited ones too).
    setup: Vec<String>,
    /// Each annotation: its subtype, its field name, its rectangle.
    annotations: Vec<String>,
}

/// What decides how a page shows: its boxes, rotation and scale, looked up the
/// page tree as a viewer inherits them.
const PAGE_SETUP: [&[u8]; 7] = [b"MediaBox", b"CropBox", b"BleedBox", b"TrimBox", b"ArtBox", b"Rotate", b"UserUnit"];

/// An object as text for comparison: numbers rounded to hundredths.
fn canonical(doc: &Document, o: &Object) -> String {
    match doc.dereference(o).map(|(_, o)| o) {
        Ok(Object::Array(items)) => format!("[{}]", items.iter().map(|i| canonical(doc, i)).collect::<Vec<_>>().join(" ")),
        Ok(o) => match o.as_float() {
            Ok(f) => format!("{:.2}", f),
            Err(_) => format!("{o:?}"),
        },
        Err(_) => "?".to_owned(),
    }
}

fn page_setup(doc: &Document, page: lopdf::ObjectId) -> Vec<String> {
    let mut out = Vec::new();
    for key in PAGE_SETUP {
        let mut node = doc.get_dictionary(page).ok();
        let mut depth = 0;
        while let Some(dict) = node {
            if let Ok(v) = dict.get(key) {
                out.push(format!("{}={}", String::from_utf8_lossy(key), canonical(doc, v)));
                break;
            }
            depth += 1;
            node = if depth > 32 { None } else { dict.get_deref(b"Parent", doc).and_then(Object::as_dict).ok() };
        }
    }
    out
}

fn page_annotations(doc: &Document, page: lopdf::ObjectId) -> Vec<String> {
    let Ok(list) = doc.get_dictionary(page).and_then(|p| p.get_deref(b"Annots", doc)).and_then(Object::as_array) else { return Vec::new() };
    let mut out: Vec<String> = list
        .iter()
        .map(|a| {
            let Ok(dict) = doc.dereference(a).and_then(|(_, o)| o.as_dict()) else { return "?".to_owned() };
            let subtype = dict.get(b"Subtype").and_then(Object::as_name).map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default();
            let name = dict.get_deref(b"T", doc).and_then(Object::as_str).map(text_string).unwrap_or_default();
            let rect = dict.get(b"Rect").map(|r| canonical(doc, r)).unwrap_or_default();
            format!("{subtype} {name} {rect}")
        })
        .collect();
    out.sort();
    out
}

struct Pages(Vec<Page>);

impl Pages {
    fn read(doc: &Document) -> Result<Pages, Error> {
        let mut out = Vec::new();
        for (_, id) in doc.get_pages() {
            let content = doc.get_page_content_with_limit(id, MAX_STREAM).map_err(unreadable)?;
            let ops = Ops::decode(&content).map_err(unreadable)?.operations;
            let (font_program, to_unicode_bytes) = page_font(doc, id)?;
            let to_unicode = parse_to_unicode(&to_unicode_bytes);
            out.push(Page { ops, font_program, to_unicode, to_unicode_bytes, setup: page_setup(doc, id), annotations: page_annotations(doc, id) });
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

/// The embedded font program and ToUnicode map of a page's font `F1`.
fn page_font(doc: &Document, page: lopdf::ObjectId) -> Result<(Vec<u8>, Vec<u8>), Error> {
    let stream = |obj: Result<&Object, lopdf::Error>| -> Result<Vec<u8>, Error> {
        match obj.and_then(Object::as_stream) {
            Ok(s) => s.decompressed_content_with_limit(MAX_STREAM).map_err(unreadable),
            Err(_) => Ok(Vec::new()),
        }
    };
    let font = doc
        .get_dictionary(page)
        .and_then(|p| p.get_deref(b"Resources", doc))
        .and_then(Object::as_dict)
        .and_then(|r| r.get_deref(b"Font", doc))
        .and_then(Object::as_dict)
        .and_then(|f| f.get_deref(crate::doc::FONT.0, doc))
        .and_then(Object::as_dict);
    let Ok(font) = font else { return Ok((Vec::new(), Vec::new())) };
    let to_unicode = stream(font.get_deref(b"ToUnicode", doc))?;
    let program = font
        .get_deref(b"DescendantFonts", doc)
        .and_then(Object::as_array)
        .and_then(|a| a.first().ok_or(lopdf::Error::DictKey("DescendantFonts".into())))
        .and_then(|d| doc.dereference(d).map(|(_, o)| o))
        .and_then(Object::as_dict)
        .and_then(|d| d.get_deref(b"FontDescriptor", doc))
        .and_then(Object::as_dict)
        .and_then(|d| d.get_deref(b"FontFile3", doc).or_else(|_| d.get_deref(b"FontFile2", doc)));
    Ok((stream(program)?, to_unicode))
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
fn marked(ops: &[lopdf::content::Operation]) -> impl Iterator<Item = (Option<String>, &lopdf::content::Operation)> {
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
fn shown(op: &lopdf::content::Operation, map: &BTreeMap<u16, char>) -> String {
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
fn same_op(a: &lopdf::content::Operation, b: &lopdf::content::Operation) -> bool {
    a.operator == b.operator && a.operands.len() == b.operands.len() && a.operands.iter().zip(&b.operands).all(|(x, y)| same_object(x, y))
}

fn same_object(a: &Object, b: &Object) -> bool {
    match (a.as_float(), b.as_float()) {
        (Ok(x), Ok(y)) => (x - y).abs() < 0.01,
        _ => match (a, b) {
            (Object::Array(x), Object::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_object(p, q)),
            (Object::Dictionary(x), Object::Dictionary(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_ok_and(|w| same_object(v, w))),
            (Object::String(x, _), Object::String(y, _)) => x == y,
            _ => a == b,
        },
    }
}

/// A page's operations grouped by the part they draw, in the order the parts
/// first appear.
fn parts(page: &Page) -> Vec<(String, Vec<&lopdf::content::Operation>)> {
    let mut out: Vec<(String, Vec<&lopdf::content::Operation>)> = Vec::new();
    for (key, op) in marked(&page.ops) {
        let key = key.unwrap_or_default();
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, ops)) => ops.push(op),
            None => out.push((key, vec![op])),
        }
    }
    out
}

/// Every part of every page that differs from the form made again.
fn compare_pages(found: &Pages, expected: &Pages, out: &mut Vec<Difference>) {
    if found.0.len() != expected.0.len() {
        out.push(difference("pages", None, found.0.len().to_string(), expected.0.len().to_string()));
    }
    for (k, (a, b)) in found.0.iter().zip(&expected.0).enumerate() {
        // A page cropped, rotated or rescaled, or something drawn over it, shows
        // otherwise than its content says.
        if a.setup != b.setup {
            out.push(difference("page", Some(k + 1), a.setup.join(" "), b.setup.join(" ")));
        }
        if a.annotations != b.annotations {
            let extra: Vec<&String> = a.annotations.iter().filter(|x| !b.annotations.contains(x)).collect();
            let missing: Vec<&String> = b.annotations.iter().filter(|x| !a.annotations.contains(x)).collect();
            out.push(difference(
                "annotation",
                Some(k + 1),
                extra.iter().map(|x| x.as_str()).collect::<Vec<_>>().join("; "),
                if missing.is_empty() { "(no such annotation)".to_owned() } else { missing.iter().map(|x| x.as_str()).collect::<Vec<_>>().join("; ") },
            ));
        }
        let (pa, pb) = (parts(a), parts(b));
        let mut keys: Vec<&String> = pb.iter().map(|(k, _)| k).collect();
        keys.extend(pa.iter().map(|(k, _)| k).filter(|k| !pb.iter().any(|(kb, _)| kb == *k)));
        for key in keys {
            let ops_a = pa.iter().find(|(k, _)| k == key).map_or(&[][..], |(_, o)| o.as_slice());
            let ops_b = pb.iter().find(|(k, _)| k == key).map_or(&[][..], |(_, o)| o.as_slice());
            if ops_a.len() != ops_b.len() || ops_a.iter().zip(ops_b).any(|(x, y)| !same_op(x, y)) {
                out.push(difference(key, Some(k + 1), part_text(a, key), part_text(b, key)));
            }
        }
    }
}

fn compare_fields(found: &BTreeMap<String, Field>, expected: &BTreeMap<String, Field>, out: &mut Vec<Difference>) {
    for (name, want) in expected {
        let part = field_part(name);
        match found.get(name) {
            None => out.push(difference(&part, None, "(no field)", want.value.clone())),
            Some(have) if have.value != want.value => out.push(difference(&part, None, have.value.clone(), want.value.clone())),
            Some(have) if have.appearance != want.appearance => {
                out.push(difference(&part, None, "(the field is drawn otherwise than its value)", want.value.clone()))
            }
            Some(_) => {}
        }
    }
    for name in found.keys().filter(|n| !expected.contains_key(*n)) {
        out.push(difference(&field_part(name), None, name.clone(), "(no such field)"));
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

fn compare_font(found: &Pages, expected: &Pages, out: &mut Vec<Difference>) {
    for (k, (a, b)) in found.0.iter().zip(&expected.0).enumerate() {
        if a.font_program != b.font_program || a.to_unicode_bytes != b.to_unicode_bytes {
            out.push(difference("font", Some(k + 1), "(another font or character map)", "the font the form was made in"));
            return;
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
    match lang {
        Lang::Zh => format!("{zh}{}{page}：表上为“{}”，应为“{}”", if page.is_empty() { "" } else { "，" }, d.found, d.expected),
        Lang::En => format!("{en}{}{page}: the form says \"{}\", it should say \"{}\"", if page.is_empty() { "" } else { ", " }, d.found, d.expected),
    }
}

impl From<lopdf::Error> for Error {
    fn from(e: lopdf::Error) -> Error {
        Error::new(ErrorKind::Payload, format!("文件不是可读取的 PDF：{e}"), format!("the file is not a PDF that can be read: {e}"))
    }
}
