//! Policy packs: a successor document as data, loaded at run time.
//!
//! A pack is one JSON file (docs/policy-packs.md) holding a document that
//! follows the built-in plan: its number, title, issuer and dates, how it treats
//! claims for events under its predecessor, the values it sets (each with the
//! words of its text and the figure as printed), the entries it words anew, and
//! the entries it does not continue. It passes the checks the built-in data
//! passes: every value is its figure, every figure is in its text, every text
//! and quote is in the document's text. A pack changes values, dates,
//! documents and texts, and adds questions and entries or restates a plan
//! entry's rows (`src/added.rs`); the built-in steps those rows call stay in Rust.
//!
//! [`Params::with_packs`] applies packs onto the built-in parameters: each value
//! a pack sets takes effect from the pack's first day, so an event is judged by
//! the document in force on its date.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::error::{Error, ErrorKind};
use crate::params::{EntryText, Params, Policy, Transition};
use crate::text::Text;

/// The pack format this version reads.
pub const PACK_FORMAT: u32 = 1;

/// A policy pack as read from JSON, before its checks. Its keys are checked
/// against [`PACK_KEYS`] by hand rather than by `deny_unknown_fields`: what a
/// pack adds (`questions`, `adds`, `restates`, `cases`) is read from the JSON
/// by a full check only ([`crate::added`]), so the widget's first screen, which
/// checks the rest, carries no code to read or even skip those sections.
#[derive(Clone, Debug, Deserialize)]
struct RawPack {
    chanjiao_policy_pack: u32,
    document: RawDocument,
    text: Vec<String>,
    #[serde(default)]
    values: BTreeMap<String, RawValue>,
    #[serde(default)]
    entries: BTreeMap<String, RawEntryText>,
    #[serde(default)]
    drops: Vec<String>,
}

/// The keys a pack may have (docs/policy-pack.schema.json lists the same).
const PACK_KEYS: [&str; 10] = ["chanjiao_policy_pack", "document", "text", "values", "entries", "drops", "questions", "adds", "restates", "cases"];

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    number: String,
    #[serde(default)]
    number_en: Option<String>,
    title: String,
    issuer: String,
    signed: String,
    in_force: String,
    expires: String,
    #[serde(default)]
    illustrative: bool,
    #[serde(default)]
    transition: Option<String>,
    #[serde(default)]
    transition_clause: Option<String>,
    #[serde(default)]
    transition_text: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    /// For a value the plan does not have: its kind (`yuan`, `rate`, `count`).
    #[serde(default)]
    kind: Option<String>,
    clause: String,
    text: String,
    figure: String,
    value: RawScalar,
    /// The day the value takes effect, when the text sets one after the
    /// document's own first day (YYYY-MM-DD).
    #[serde(default)]
    since: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
enum RawScalar {
    One(String),
    Many(Vec<String>),
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntryText {
    clause: String,
    quote: Vec<String>,
    #[serde(default)]
    name_zh: Option<String>,
    #[serde(default)]
    name_en: Option<String>,
    #[serde(default)]
    units: Option<String>,
}

/// A checked policy pack: a document and the values it sets.
#[derive(Clone, Debug)]
pub struct Pack {
    /// The document, as [`Params::successors`] will hold it.
    pub document: Policy,
    /// The values it sets, by parameter name, each with the day it takes effect.
    values: Vec<(String, Date, Vec<String>)>,
    /// The values it names anew: name, kind, clause.
    new_values: Vec<(String, String, String)>,
    /// The questions and entries it adds. Never dropped: what a pack adds
    /// lives for the program once loaded, as its interned questions do, and a
    /// program that checks packs without adding anything (the widget's first
    /// screen) then carries no code to drop an entry.
    additions: std::mem::ManuallyDrop<crate::added::Additions>,
}

/// The numbers a figure as printed states, in the units the parameters use:
/// yuan (万元 × 10,000, 亿元 × 100,000,000), fractions (% ÷ 100, 减半 = ½),
/// counts, days; a date (2025年12月31日) as its year, month and day. A decimal
/// point between digits belongs to the number (1.5万 is 15,000). A figure that
/// mixes 亿 and 万 reads as nothing, so it matches no value and is refused: the
/// units would be ambiguous. The one reading of figures, for the built-in data's
/// tests and for packs alike.
pub fn figure_numbers(figure: &str) -> Vec<Decimal> {
    let figure: String = figure.chars().filter(|c| !c.is_whitespace()).collect();
    if figure == "减半" {
        return vec![Decimal::new(5, 1)];
    }
    if figure.contains('亿') && figure.contains('万') {
        return Vec::new();
    }
    let mut values = Vec::new();
    let mut digits = String::new();
    let chars: Vec<char> = figure.chars().chain(std::iter::once(' ')).collect();
    for (i, &c) in chars.iter().enumerate() {
        let decimal_point = c == '.' && !digits.is_empty() && !digits.contains('.') && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || decimal_point {
            digits.push(c);
        } else if !digits.is_empty() {
            if let Ok(d) = Decimal::from_str(&digits) {
                values.push(d);
            }
            digits.clear();
        }
    }
    if figure.contains('年') && figure.contains('月') {
        return values;
    }
    for v in &mut values {
        if figure.contains('万') {
            *v *= Decimal::from(10_000);
        }
        if figure.contains('亿') {
            *v *= Decimal::from(100_000_000);
        }
        if figure.contains('%') {
            *v /= Decimal::from(100);
        }
    }
    values
}

/// The first key that an object of the JSON text `source` holds twice, with the
/// path to it (`values.a11_per_hire`). A JSON reader keeps one of the two
/// silently, so a reviewer who reads the other would approve what is not
/// loaded; a pack with one is refused. Keys are compared as decoded (`"a"` and
/// `"\u0061"` are one key). Malformed JSON is left to the reader's own message.
pub fn duplicate_key(source: &str) -> Option<String> {
    struct Scan<'a> {
        s: &'a [u8],
        i: usize,
    }
    impl Scan<'_> {
        fn ws(&mut self) {
            while self.s.get(self.i).is_some_and(u8::is_ascii_whitespace) {
                self.i += 1;
            }
        }
        /// A string at `i` (just after its quote), decoded.
        fn string(&mut self) -> Option<String> {
            let mut units: Vec<u16> = Vec::new();
            let mut out = String::new();
            let flush = |units: &mut Vec<u16>, out: &mut String| {
                out.push_str(&String::from_utf16_lossy(units));
                units.clear();
            };
            loop {
                let b = *self.s.get(self.i)?;
                self.i += 1;
                match b {
                    b'"' => {
                        flush(&mut units, &mut out);
                        return Some(out);
                    }
                    b'\\' => {
                        let e = *self.s.get(self.i)?;
                        self.i += 1;
                        if e == b'u' {
                            let hex = std::str::from_utf8(self.s.get(self.i..self.i + 4)?).ok()?;
                            units.push(u16::from_str_radix(hex, 16).ok()?);
                            self.i += 4;
                        } else {
                            flush(&mut units, &mut out);
                            out.push(match e {
                                b'n' => '\n',
                                b't' => '\t',
                                b'r' => '\r',
                                b'b' => '\u{8}',
                                b'f' => '\u{c}',
                                other => char::from(other),
                            });
                        }
                    }
                    _ => {
                        flush(&mut units, &mut out);
                        // A UTF-8 sequence is copied whole: its bytes are never quotes or backslashes.
                        let start = self.i - 1;
                        while self.s.get(self.i).is_some_and(|c| *c & 0xC0 == 0x80) {
                            self.i += 1;
                        }
                        out.push_str(std::str::from_utf8(&self.s[start..self.i]).ok()?);
                    }
                }
            }
        }
        /// A value at `i`; `Err` carries the path of a repeated key.
        fn value(&mut self, path: &str, depth: usize) -> Result<(), Option<String>> {
            if depth > 64 {
                return Err(None);
            }
            self.ws();
            match self.s.get(self.i) {
                Some(b'{') => {
                    self.i += 1;
                    let mut seen = std::collections::BTreeSet::new();
                    loop {
                        self.ws();
                        match self.s.get(self.i) {
                            Some(b'}') => {
                                self.i += 1;
                                return Ok(());
                            }
                            Some(b',') => self.i += 1,
                            Some(b'"') => {
                                self.i += 1;
                                let key = self.string().ok_or(None)?;
                                let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                                if !seen.insert(key) {
                                    return Err(Some(here));
                                }
                                self.ws();
                                if self.s.get(self.i) != Some(&b':') {
                                    return Err(None);
                                }
                                self.i += 1;
                                self.value(&here, depth + 1)?;
                            }
                            _ => return Err(None),
                        }
                    }
                }
                Some(b'[') => {
                    self.i += 1;
                    let mut k = 0;
                    loop {
                        self.ws();
                        match self.s.get(self.i) {
                            Some(b']') => {
                                self.i += 1;
                                return Ok(());
                            }
                            Some(b',') => self.i += 1,
                            Some(_) => {
                                self.value(&format!("{path}[{k}]"), depth + 1)?;
                                k += 1;
                            }
                            None => return Err(None),
                        }
                    }
                }
                Some(b'"') => {
                    self.i += 1;
                    self.string().map(drop).ok_or(None)
                }
                Some(_) => {
                    while self.s.get(self.i).is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace()) {
                        self.i += 1;
                    }
                    Ok(())
                }
                None => Err(None),
            }
        }
    }
    Scan { s: source.as_bytes(), i: 0 }.value("", 0).err().flatten()
}

/// The key a document number is compared by, so that a number cannot pass for
/// another by its look: full-width digits read as ASCII (as NFKC reads them),
/// every kind of bracket as one, white space left out, and a run of digits
/// without its leading zeros (08号 is 8号). A character a document number never
/// holds is the `Err`, and such a number is refused rather than normalised, so
/// the key needs no Unicode tables in the browser: a control or invisible
/// character, a superscript or circled digit, a letter of any script (a Latin O
/// passes for a zero; Chinese numbers are written in Chinese characters and
/// digits).
pub fn number_key(number: &str) -> Result<String, char> {
    let folded: Vec<char> = number
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    let mut key = String::new();
    for (i, &c) in folded.iter().enumerate() {
        match c {
            c if c.is_whitespace() => {}
            '〔' | '[' | '【' | '〖' | '(' | '（' | '﹝' | '<' | '《' => key.push('〔'),
            '〕' | ']' | '】' | '〗' | ')' | '）' | '﹞' | '>' | '》' => key.push('〕'),
            c if c.is_ascii_digit() => {
                // A leading zero adds nothing when a digit follows: 08 and 8 are one number, 0 stays 0.
                let leading = !key.ends_with(|p: char| p.is_ascii_digit());
                if !(leading && c == '0' && folded.get(i + 1).is_some_and(char::is_ascii_digit)) {
                    key.push(c);
                }
            }
            '-' | '_' | '/' | '.' | ',' | ':' | '·' | '、' | '〇' => key.push(c),
            c if ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c) => key.push(c),
            _ => return Err(c),
        }
    }
    Ok(key)
}

/// True for a control character (C0, DEL, C1; a line break and a tab aside), a
/// format character (Unicode's general category Cf: bidi controls, zero-width
/// characters, the byte-order mark, tags), or a line or paragraph separator
/// (U+2028, U+2029): what must not reach a terminal, a file or a page as it is.
/// The one list of them; [`hidden_char`] adds the marks that show nothing.
pub fn format_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{AD}'
                | '\u{600}'..='\u{605}'
                | '\u{61C}'
                | '\u{6DD}'
                | '\u{70F}'
                | '\u{890}'..='\u{891}'
                | '\u{8E2}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{110BD}'
                | '\u{110CD}'
                | '\u{13430}'..='\u{1343F}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// True for a character that does not show as itself: a [`format_char`], or a
/// mark or filler that shows nothing (the combining grapheme joiner, variation
/// selectors, Hangul and Khmer fillers, the Braille blank), by which a text can
/// pass for another. Pack text holds none, nor does a value filled into a form.
pub fn hidden_char(c: char) -> bool {
    format_char(c)
        || matches!(
            c,
            '\u{34F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FFA0}'
                | '\u{E0100}'..='\u{E01EF}'
        )
}

/// True when `text` states the day `since`: as 2027年1月1日 (with or without
/// leading zeros), as 2027年1月 for the first of a month, or as 2027年 for the
/// first of a year, each not part of a longer number.
fn states_day(text: &str, since: Date) -> bool {
    let text = squash(text);
    let (y, m, d) = (since.year(), since.month(), since.day());
    let mut forms = vec![format!("{y}年{m}月{d}日"), format!("{y}年{m:02}月{d:02}日"), format!("{y}年{m}月{d:02}日"), format!("{y}年{m:02}月{d}日")];
    if d == 1 {
        forms.extend([format!("{y}年{m}月"), format!("{y}年{m:02}月")]);
        if m == 1 {
            forms.push(format!("{y}年"));
        }
    }
    forms.iter().any(|form| {
        text.match_indices(form.as_str()).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + form.len()..].chars().next();
            // 2027年1月 must not be the start of 2027年10月, nor 2027年 the end of 12027年.
            let longer_before = before.is_some_and(|c| c.is_ascii_digit());
            let longer_after = !form.ends_with('日') && after.is_some_and(|c| c.is_ascii_digit());
            !longer_before && !longer_after
        })
    })
}

/// The text without white space: documents are hard-wrapped, inside figures too.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Parameters a pack may not set: the built-in plan's own dates (a pack has
/// its own), and B1's, which rest on the national rule 财税〔2019〕46号 whatever
/// the city decides.
fn reserved(name: &str) -> bool {
    name.starts_with("policy_") || name.starts_with("b1_")
}

/// The largest value a pack may set, by the parameter's kind, and the refusal
/// that says so. Answers are bounded too (counts to 100 million, money to 10^15
/// yuan), so no product or sum of them can overflow.
fn bounds(kind: &str) -> (Decimal, &'static str, &'static str) {
    if kind.starts_with("rate") {
        (Decimal::ONE, "应为 0 至 1 之间的比例（如 0.5 表示 50%）", "must be a share from 0 to 1 (0.5 is 50%)")
    } else if kind.starts_with("count") {
        (Decimal::from(1_000_000), "应为 0 至 1,000,000 之间的数", "must be a number from 0 to 1,000,000")
    } else {
        (
            Decimal::from(crate::plausible::MOST_CLAIM_YUAN),
            "应为 0 至 1 亿元之间的金额（一项补助的合理上限）",
            "must be an amount from 0 to CNY 100,000,000 (the most one incentive plausibly pays)",
        )
    }
}

/// Refuses `text` at `key` if it holds a character [`hidden_char`] names: the
/// one check of every string of a pack, what it adds included.
pub(crate) fn refuse_hidden(key: &str, text: &str) -> Result<(), Error> {
    match text.chars().find(|c| hidden_char(*c)) {
        Some(c) => Err(refuse(
            key,
            format!("含有不可见的控制或格式字符 U+{:04X}；请删去", u32::from(c)),
            format!("it holds an invisible control or formatting character, U+{:04X}; remove it", u32::from(c)),
        )),
        None => Ok(()),
    }
}

pub(crate) fn refuse(key: &str, zh: impl Into<String>, en: impl Into<String>) -> Error {
    Error::new(ErrorKind::PolicyPack, Some(key), Text::new(zh.into(), en.into()))
}

fn refuse_duplicates(source: &str) -> Result<(), Error> {
    match duplicate_key(source) {
        Some(key) => Err(refuse(&key, "此键重复出现；每个键只能写一次", "this key appears twice; write each key once")),
        None => Ok(()),
    }
}

/// Every string a pack holds, by its key, for the check of hidden characters.
fn strings(raw: &RawPack) -> Vec<(String, &str)> {
    let d = &raw.document;
    let mut out: Vec<(String, &str)> = vec![
        ("document.number".into(), &d.number),
        ("document.title".into(), &d.title),
        ("document.issuer".into(), &d.issuer),
        ("document.signed".into(), &d.signed),
        ("document.in_force".into(), &d.in_force),
        ("document.expires".into(), &d.expires),
    ];
    for (key, v) in
        [("number_en", &d.number_en), ("transition", &d.transition), ("transition_clause", &d.transition_clause), ("transition_text", &d.transition_text)]
    {
        if let Some(v) = v {
            out.push((format!("document.{key}"), v));
        }
    }
    out.extend(raw.text.iter().enumerate().map(|(i, t)| (format!("text[{i}]"), t.as_str())));
    for (name, v) in &raw.values {
        out.push((format!("values.{name}"), name));
        out.extend([("clause", &v.clause), ("text", &v.text), ("figure", &v.figure)].map(|(k, t)| (format!("values.{name}.{k}"), t.as_str())));
        match &v.value {
            RawScalar::One(one) => out.push((format!("values.{name}.value"), one)),
            RawScalar::Many(many) => out.extend(many.iter().map(|m| (format!("values.{name}.value"), m.as_str()))),
        }
    }
    for (code, e) in &raw.entries {
        out.push((format!("entries.{code}"), code));
        out.push((format!("entries.{code}.clause"), &e.clause));
        out.extend(e.quote.iter().enumerate().map(|(i, q)| (format!("entries.{code}.quote[{i}]"), q.as_str())));
        for (k, v) in [("name_zh", &e.name_zh), ("name_en", &e.name_en), ("units", &e.units)] {
            if let Some(v) = v {
                out.push((format!("entries.{code}.{k}"), v));
            }
        }
    }
    out.extend(raw.drops.iter().enumerate().map(|(i, d)| (format!("drops[{i}]"), d.as_str())));
    out
}

impl Pack {
    /// Reads and checks a pack. `id` names it in forms and checks (the first
    /// eight hexadecimal digits of the SHA-256 of its bytes, which the caller
    /// computes); `base` is the parameters it will follow. A pack that fails a
    /// check is refused with the key and the reason, in Chinese and English.
    pub fn from_json(source: &str, id: &str, base: &Params) -> Result<Pack, Error> {
        refuse_duplicates(source)?;
        let value: serde_json::Value =
            serde_json::from_str(source).map_err(|e| refuse("", format!("不是有效的政策包 JSON：{e}"), format!("not a valid policy pack (JSON): {e}")))?;
        Pack::from_value_checked::<true, true>(&value, source, id, base)
    }

    /// The same, from a JSON value the browser has already parsed from `source`
    /// (which is read again only for a repeated key, which parsing drops).
    pub fn from_json_value(value: &serde_json::Value, source: &str, id: &str, base: &Params) -> Result<Pack, Error> {
        Pack::from_value_checked::<true, true>(value, source, id, base)
    }

    /// `CASES` reads its cases (the widget, which never runs them, does not).
    /// `DEEP` checks what the pack adds (questions, entries, cases) too; the
    /// widget's first screen checks the rest only, and leaves the expression
    /// language to the whole widget, which checks the pack again in full.
    fn from_value_checked<const DEEP: bool, const CASES: bool>(value: &serde_json::Value, source: &str, id: &str, base: &Params) -> Result<Pack, Error> {
        refuse_duplicates(source)?;
        if let Some(key) = value.as_object().and_then(|m| m.keys().find(|k| !PACK_KEYS.contains(&k.as_str()))) {
            return Err(refuse(key, "政策包没有这一项", "a policy pack has no such key"));
        }
        let raw: RawPack =
            serde_json::from_value(value.clone()).map_err(|e| refuse("", format!("不是有效的政策包：{e}"), format!("not a valid policy pack: {e}")))?;
        Pack::check::<DEEP, CASES>(raw, value, id, base)
    }

    fn check<const DEEP: bool, const CASES: bool>(raw: RawPack, value: &serde_json::Value, id: &str, base: &Params) -> Result<Pack, Error> {
        if raw.chanjiao_policy_pack != PACK_FORMAT {
            return Err(refuse(
                "chanjiao_policy_pack",
                format!("此工具读取第 {PACK_FORMAT} 版政策包，该文件为第 {} 版", raw.chanjiao_policy_pack),
                format!("this tool reads pack format {PACK_FORMAT}; the file is format {}", raw.chanjiao_policy_pack),
            ));
        }
        for (key, text) in strings(&raw) {
            refuse_hidden(&key, text)?;
        }
        let d = &raw.document;
        for (key, value) in [("number", &d.number), ("title", &d.title), ("issuer", &d.issuer)] {
            if value.trim().is_empty() {
                return Err(refuse(&format!("document.{key}"), "不能为空", "must not be empty"));
            }
        }
        let date = |key: &str, text: &str| {
            Date::parse(text)
                .ok_or_else(|| refuse(&format!("document.{key}"), format!("“{text}”不是日期（YYYY-MM-DD）"), format!("\"{text}\" is not a date (YYYY-MM-DD)")))
        };
        let (signed, issued, expires) = (date("signed", &d.signed)?, date("in_force", &d.in_force)?, date("expires", &d.expires)?);
        if !(signed <= issued && issued <= expires) {
            return Err(refuse("document", "日期应为 签发 ≤ 施行 ≤ 有效期至", "the dates must be signed ≤ in_force ≤ expires"));
        }
        let before = base.successors.last().unwrap_or(&base.policy);
        if issued <= before.issued {
            return Err(refuse(
                "document.in_force",
                format!("施行日期须晚于前一文件 {}（{} 施行）", before.number, before.issued),
                format!("it must take effect after the document before it, {} (in force from {})", before.number, before.issued),
            ));
        }
        let key = number_key(&d.number).map_err(|c| {
            refuse(
                "document.number",
                format!("文号中有不应出现的字符“{c}”（U+{:04X}）；如应为数字，请改正", u32::from(c)),
                format!("the number contains a character document numbers do not use, U+{:04X}; if it should be a digit, correct it", u32::from(c)),
            )
        })?;
        // A pack may not carry the number of the built-in plan or of a pack
        // already loaded, however it is written (full-width digits, other
        // brackets, spaces): it would pass for that document.
        if let Some(doc) = base.documents().find(|doc| number_key(&doc.number).is_ok_and(|k| k == key)) {
            return Err(refuse(
                "document.number",
                format!("文号 {} 与已载入的 {} 视为同一文号（忽略全角半角、括号样式、空格和数字前的 0）；政策包不能使用已载入文件的文号", d.number, doc.number),
                format!(
                    "the number {} is taken as the same number as {}, which is already loaded (full-width forms, bracket styles, spaces and leading zeros are ignored); a pack cannot use a number already loaded",
                    d.number, doc.number_en
                ),
            ));
        }
        if d.illustrative && !d.title.contains("示例") {
            return Err(refuse("document.title", "示例政策的标题须写明“示例”", "an illustrative document's title must say 示例"));
        }
        if raw.text.is_empty() || raw.text.iter().any(|t| t.trim().is_empty()) {
            return Err(refuse("text", "须给出文件原文（可分段）", "the document's text is needed (in passages)"));
        }
        let whole: String = raw.text.iter().map(|t| squash(t)).collect::<Vec<_>>().join("\u{1}");
        let in_text = |key: &str, words: &str| {
            if whole.contains(&squash(words)) {
                Ok(())
            } else {
                Err(refuse(key, format!("“{words}”不在本文件原文（text）中"), format!("\"{words}\" is not in the document's text")))
            }
        };
        let transition = match d.transition.as_deref() {
            None | Some("annual-notice") => Transition::AnnualNotice,
            Some("accept") => Transition::Accept,
            Some("refuse") => Transition::Refuse,
            Some(other) => {
                return Err(refuse(
                    "document.transition",
                    format!("“{other}”不是过渡规则；可用 annual-notice、accept、refuse"),
                    format!("\"{other}\" is no transition rule; use annual-notice, accept or refuse"),
                ));
            }
        };
        let transition_quote = match (&d.transition_clause, &d.transition_text) {
            (Some(clause), Some(text)) => {
                in_text("document.transition_text", text)?;
                Some((clause.clone(), text.clone()))
            }
            (None, None) if transition == Transition::AnnualNotice => None,
            _ => {
                return Err(refuse(
                    "document.transition_text",
                    "受理或不受理前一文件期间的事项，须给出条款及原文（transition_clause、transition_text）",
                    "accepting or refusing claims from the predecessor's period needs its clause and words (transition_clause, transition_text)",
                ));
            }
        };

        let mut values = Vec::new();
        let mut new_values = Vec::new();
        for (name, v) in &raw.values {
            let key = format!("values.{name}");
            if reserved(name) {
                return Err(refuse(
                    &key,
                    "政策包不能设定此参数（文件日期见 document；B1 依据财税〔2019〕46号）",
                    "a pack cannot set this parameter (a document's dates are in `document`; B1 rests on 财税〔2019〕46号)",
                ));
            }
            let shape = match (base.shape(name), &v.kind) {
                (Some(_), Some(_)) => {
                    return Err(refuse(&format!("{key}.kind"), "已有此参数；只有新参数须写明 kind", "this parameter exists; only a new one gives its kind"));
                }
                (Some(shape), None) => shape,
                (None, Some(kind)) if matches!(kind.as_str(), "yuan" | "rate" | "count") => {
                    let named = name.len() <= 64
                        && name.starts_with(|c: char| c.is_ascii_lowercase())
                        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                    if !named {
                        return Err(refuse(
                            &key,
                            "新参数名须为小写字母开头的小写字母、数字和下划线",
                            "a new parameter's name is lower-case letters, digits and underscores, starting with a letter",
                        ));
                    }
                    // Names the entry language reads as something else.
                    if matches!(name.as_str(), "applicant_type" | "plan_expires") {
                        return Err(refuse(
                            &key,
                            format!("{name} 是表达式的保留名，不能作为参数名"),
                            format!("{name} is a name expressions keep for themselves, so it cannot name a value"),
                        ));
                    }
                    new_values.push((name.clone(), kind.clone(), v.clause.clone()));
                    false
                }
                (None, Some(kind)) => {
                    return Err(refuse(
                        &format!("{key}.kind"),
                        format!("“{kind}”不是参数类型；可用 yuan、rate、count"),
                        format!("\"{kind}\" is no kind of value; use yuan, rate or count"),
                    ));
                }
                (None, None) => {
                    return Err(refuse(
                        &key,
                        "没有这个参数；参数名见 crates/rules/data/params.toml，新参数须写明 kind（yuan、rate、count）",
                        "no such parameter; the names are in crates/rules/data/params.toml, and a new one gives its kind (yuan, rate, count)",
                    ));
                }
            };
            if v.clause.trim().is_empty() {
                return Err(refuse(&format!("{key}.clause"), "须写明条款", "the clause is needed"));
            }
            in_text(&format!("{key}.text"), &v.text)?;
            if !squash(&v.text).contains(&squash(&v.figure)) {
                return Err(refuse(&format!("{key}.figure"), format!("“{}”不在其 text 中", v.figure), format!("\"{}\" is not in its text", v.figure)));
            }
            let strings = match (&v.value, shape) {
                (RawScalar::One(one), false) => vec![one.clone()],
                (RawScalar::Many(many), true) => many.clone(),
                _ => {
                    let (zh, en) = if shape { ("应为数值列表", "must be a list of numbers") } else { ("应为一个数值", "must be one number") };
                    return Err(refuse(&format!("{key}.value"), zh, en));
                }
            };
            let kind = v.kind.as_deref().or_else(|| Params::kind_of(name)).unwrap_or("yuan");
            let (most, zh, en) = bounds(kind);
            let numbers: Option<Vec<Decimal>> = strings.iter().map(|s| Decimal::from_str(s).ok()).collect();
            let Some(numbers) = numbers.filter(|n| n.iter().all(|d| !d.is_sign_negative() && *d <= most)) else {
                return Err(refuse(&format!("{key}.value"), zh, en));
            };
            if kind.starts_with("count") && numbers.iter().any(|d| !d.fract().is_zero()) {
                return Err(refuse(&format!("{key}.value"), "应为整数", "must be a whole number"));
            }
            let printed = figure_numbers(&v.figure);
            if numbers.iter().map(|n| n.normalize()).collect::<Vec<_>>() != printed.iter().map(|n| n.normalize()).collect::<Vec<_>>() {
                return Err(refuse(
                    &format!("{key}.value"),
                    format!("数值与原文数字“{}”不符", v.figure),
                    format!("the value does not equal the figure \"{}\" as printed", v.figure),
                ));
            }
            let since = match &v.since {
                None => issued,
                Some(day) => {
                    let since = Date::parse(day).ok_or_else(|| {
                        refuse(&format!("{key}.since"), format!("“{day}”不是日期（YYYY-MM-DD）"), format!("\"{day}\" is not a date (YYYY-MM-DD)"))
                    })?;
                    if since < issued || since > expires {
                        return Err(refuse(
                            &format!("{key}.since"),
                            format!("应在本文件有效期内（{issued} 至 {expires}）"),
                            format!("must fall within the document's validity ({issued} to {expires})"),
                        ));
                    }
                    if !states_day(&v.text, since) {
                        return Err(refuse(
                            &format!("{key}.since"),
                            format!("其 text 中没有写明此日期（如“{}年{}月{}日”）", since.year(), since.month(), since.day()),
                            format!("its text does not state this day (as {}年{}月{}日)", since.year(), since.month(), since.day()),
                        ));
                    }
                    since
                }
            };
            values.push((name.clone(), since, strings));
        }
        // The values together must keep the shapes the tables rely on (one
        // tier per ranked place, a range from low to high): tried on a copy.
        let mut probe = base.clone();
        for (name, since, strings) in &values {
            if let Some((_, kind, clause)) = new_values.iter().find(|(n, _, _)| n == name) {
                probe.add_value(name, kind, clause, *since, strings.first().and_then(|s| Decimal::from_str(s).ok()).unwrap_or_default());
                continue;
            }
            probe.push_value(name, *since, strings).map_err(|e| {
                refuse(
                    &format!("values.{name}"),
                    format!("与其他数值不一致：{}", e.message.zh),
                    format!("inconsistent with the other values: {}", e.message.en),
                )
            })?;
        }

        let known = |code: &str| Catalogue::has_code(code);
        let mut entries = BTreeMap::new();
        for (code, e) in &raw.entries {
            let key = format!("entries.{code}");
            if !known(code) {
                return Err(refuse(&key, "目录中没有这个条目编号", "no entry has this code"));
            }
            if e.clause.trim().is_empty() || e.quote.is_empty() {
                return Err(refuse(&key, "须写明条款和原文（clause、quote）", "the clause and its words are needed (clause, quote)"));
            }
            for (i, q) in e.quote.iter().enumerate() {
                in_text(&format!("{key}.quote[{i}]"), q)?;
            }
            if let Some(units) = &e.units {
                in_text(&format!("{key}.units"), units)?;
            }
            entries.insert(
                code.clone(),
                EntryText { name_zh: e.name_zh.clone(), name_en: e.name_en.clone(), clause: e.clause.clone(), quote: e.quote.clone(), units: e.units.clone() },
            );
        }
        for (i, code) in raw.drops.iter().enumerate() {
            let key = format!("drops[{i}]");
            if !known(code) {
                return Err(refuse(&key, format!("目录中没有条目 {code}"), format!("no entry has the code {code}")));
            }
            if let Some(rule) = crate::data::national_rule(code) {
                return Err(refuse(
                    &key,
                    format!("{code} 依据国家规定（{rule}），不随本市文件终止"),
                    format!("{code} rests on a national rule ({rule}) and does not end with a city document"),
                ));
            }
            if raw.entries.contains_key(code) {
                return Err(refuse(&key, format!("{code} 既被改写又被终止"), format!("{code} is both reworded and dropped")));
            }
            if raw.drops[..i].contains(code) {
                return Err(refuse(&key, format!("{code} 重复列出"), format!("{code} is listed twice")));
            }
        }
        let additions = std::mem::ManuallyDrop::new(match DEEP {
            false => crate::added::Additions::default(),
            true => crate::added::check::<CASES>(
                &crate::added::Sections {
                    questions: value.get("questions"),
                    adds: value.get("adds"),
                    restates: value.get("restates"),
                    cases: value.get("cases"),
                    drops: &raw.drops,
                    reworded: &|code| raw.entries.contains_key(code),
                },
                &d.number,
                &in_text,
                &probe.value_names(),
                &base.added_questions,
                base,
            )?,
        });
        let document = Policy {
            number: d.number.clone(),
            number_en: d.number_en.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| crate::params::number_en(&d.number)),
            title: d.title.clone(),
            issuer: d.issuer.clone(),
            rules_version: base.policy.rules_version.clone(),
            signed,
            issued,
            expires,
            transition,
            transition_quote,
            illustrative: d.illustrative,
            dropped: raw.drops.clone(),
            entries,
            pack_id: Some(id.to_owned()),
            entries_under: Default::default(),
            cases: Default::default(),
        };
        Ok(Pack { document, values, new_values, additions })
    }
}

/// A pack's id, as forms and checks name it: the first eight hexadecimal digits
/// of the SHA-256 of its bytes.
pub fn pack_id(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// A pack refused by [`load_policy`]: which one (from 0, in the order given),
/// and why, as a [`ErrorKind::PolicyPack`] error naming the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackRefusal {
    /// The pack's place in the list given.
    pub index: usize,
    /// The pack's id.
    pub id: String,
    /// Why, naming the key.
    pub error: Error,
}

/// The policy: the built-in plan followed by `packs` (their texts), in order,
/// each checked against the documents before it. The one way every program
/// loads packs (the CLI, the forms module, and the widget through
/// [`load_policy_parsed`]), so that each is checked, named and applied alike.
pub fn load_policy(packs: &[&str]) -> Result<&'static Params, PackRefusal> {
    load_with::<true>(packs.iter().map(|text| (*text, None)), pack_id, |text, _, id, base| Pack::from_json(text, id, base))
}

/// The same, for packs the host has parsed already (the browser's `JSON.parse`):
/// a program that calls only this carries no JSON parser of its own.
pub fn load_policy_parsed(packs: &[(&str, &serde_json::Value)]) -> Result<&'static Params, PackRefusal> {
    load_with::<true>(packs.iter().map(|(text, value)| (*text, Some(*value))), pack_id, from_value)
}

/// The same checks for a program that only checks packs and names none (the
/// widget's first screen, before anything is evaluated): the packs carry no id,
/// so the program carries no hash function.
pub fn check_policy_parsed(packs: &[(&str, &serde_json::Value)]) -> Result<&'static Params, PackRefusal> {
    load_with::<false>(
        packs.iter().map(|(text, value)| (*text, Some(*value))),
        |_| String::new(),
        |text, value, id, base| match value {
            Some(value) => Pack::from_value_checked::<false, false>(value, text, id, base),
            None => Err(refuse("", "政策包未解析", "the policy pack was not parsed")),
        },
    )
}

fn from_value(text: &str, value: Option<&serde_json::Value>, id: &str, base: &Params) -> Result<Pack, Error> {
    match value {
        // The widget runs no pack's cases (`chanjiao pack check` does), so it
        // does not read them: what it carries stays smaller.
        Some(value) => Pack::from_value_checked::<true, false>(value, text, id, base),
        None => Err(refuse("", "政策包未解析", "the policy pack was not parsed")),
    }
}

fn load_with<'a, const DEEP: bool>(
    packs: impl Iterator<Item = (&'a str, Option<&'a serde_json::Value>)>,
    id_of: impl Fn(&[u8]) -> String,
    check: impl Fn(&str, Option<&serde_json::Value>, &str, &Params) -> Result<Pack, Error>,
) -> Result<&'static Params, PackRefusal> {
    let mut params = Params::plan().map_err(|error| PackRefusal { index: 0, id: String::new(), error })?;
    for (index, (text, value)) in packs.enumerate() {
        let id = id_of(text.as_bytes());
        let refuse = |error: Error| PackRefusal { index, id: id.clone(), error };
        let pack = check(text, value, &id, params).map_err(refuse)?;
        params = params.apply::<DEEP>(vec![pack]).map_err(refuse)?;
    }
    Ok(params)
}

impl Params {
    /// These parameters followed by `packs`, in order: each pack's values take
    /// effect on its first day, and its document joins [`Params::successors`].
    /// The result lives for the rest of the program (explanations are written
    /// lazily and keep a reference to it), as the built-in parameters do; a
    /// program loads its packs once.
    pub fn with_packs(&self, packs: Vec<Pack>) -> Result<&'static Params, Error> {
        self.apply::<true>(packs)
    }

    /// [`Params::with_packs`]; `DEEP` adds what the packs add (their questions,
    /// entries and cases), which only a full check has read.
    fn apply<const DEEP: bool>(&self, packs: Vec<Pack>) -> Result<&'static Params, Error> {
        let mut params = self.clone();
        for pack in packs {
            for (name, since, strings) in &pack.values {
                match pack.new_values.iter().find(|(n, _, _)| n == name) {
                    Some((_, kind, clause)) => {
                        let value = strings.first().and_then(|s| Decimal::from_str(s).ok()).unwrap_or_default();
                        params.add_value(name, kind, clause, *since, value);
                    }
                    None => params.push_value(name, *since, strings)?,
                }
            }
            let mut document = pack.document;
            if DEEP {
                let additions = std::mem::ManuallyDrop::into_inner(pack.additions);
                document.cases = std::sync::Arc::new(additions.cases);
                params.restated.extend(additions.restated.into_iter().map(|e| &*Box::leak(Box::new(e))));
                for q in additions.questions {
                    let at = params.added_questions.partition_point(|p| *p < q);
                    params.added_questions.insert(at, q);
                }
                params.added_entries.extend(additions.entries.into_iter().map(|e| &*Box::leak(Box::new(e))));
            }
            params.successors.push(document);
        }
        Ok(Box::leak(Box::new(params)))
    }
}

#[cfg(test)]
mod tests {
    /// The schema editors use names the keys a pack may have, no more, no fewer.
    #[test]
    fn the_schema_lists_the_keys_a_pack_may_have() {
        let schema: serde_json::Value = serde_json::from_str(include_str!("../../../docs/policy-pack.schema.json")).unwrap_or_default();
        let mut listed: Vec<&str> = schema["properties"].as_object().map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default();
        let mut keys = super::PACK_KEYS.to_vec();
        listed.sort_unstable();
        keys.sort_unstable();
        assert_eq!(listed, keys);
        // And the fields of a table's row.
        let mut listed: Vec<&str> = schema["$defs"]["row"]["properties"].as_object().map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default();
        let mut fields = crate::entries::table::RuleText::FIELDS.to_vec();
        listed.sort_unstable();
        fields.sort_unstable();
        assert_eq!(listed, fields);
    }
}
