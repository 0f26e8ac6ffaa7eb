//! Bilingual text: every message a person reads exists in zh-CN and in English.
//!
//! Text is `Cow<'static, str>`, so the fixed sentences that make up most of every
//! explanation cost nothing to produce; only the parts with the applicant's own
//! figures are formatted. A [`Reason`] keeps its sentences apart and joins them
//! only when read, so building one never copies or reallocates.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// A fixed pair of strings, for labels and help that never change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct StaticText {
    /// Simplified Chinese, the first language of every user.
    #[serde(rename = "zh-CN")]
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

/// A pair of strings, fixed or built from the applicant's own figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Text {
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    pub zh: Cow<'static, str>,
    /// English.
    pub en: Cow<'static, str>,
}

impl Text {
    /// Makes a text from its two languages; literals are borrowed, not copied.
    pub fn new(zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Self {
        Text { zh: zh.into(), en: en.into() }
    }

    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl From<StaticText> for Text {
    fn from(t: StaticText) -> Self {
        Text::new(t.zh, t.en)
    }
}

impl StaticText {
    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// A sentence whose words are written only when read, from figures it captured.
///
/// Most results of an evaluation are shown to nobody (an officer screening
/// thousands of applicants reads statuses and amounts), so the sentences that
/// carry the applicant's figures are formatted on demand, in the language asked.
#[derive(Clone)]
pub struct Later(Arc<dyn Fn(Lang) -> String + Send + Sync>);

impl Later {
    /// A sentence written by `write` in the language asked.
    pub fn new(write: impl Fn(Lang) -> String + Send + Sync + 'static) -> Later {
        Later(Arc::new(write))
    }
}

impl fmt::Debug for Later {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Later({:?})", (self.0)(Lang::En))
    }
}

/// A sentence that writes its words from values captured when it was
/// decided: the entry language's sentences with holes.
pub(crate) trait Fill: Send + Sync {
    /// The sentence in `lang`, its holes filled by `values`.
    fn fill(&self, values: &[Option<crate::expr::Val>], lang: Lang) -> String;
}

/// A [`Fill`] sentence and its values: written, like a [`Later`], only when
/// read, but holding no closure, so that deciding it allocates only its values.
#[derive(Clone)]
pub(crate) struct Filled(&'static dyn Fill, Box<[Option<crate::expr::Val>]>);

impl Filled {
    pub(crate) fn new(sentence: &'static dyn Fill, values: Box<[Option<crate::expr::Val>]>) -> Filled {
        Filled(sentence, values)
    }
}

impl fmt::Debug for Filled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Filled({:?})", self.0.fill(&self.1, Lang::En))
    }
}

#[derive(Clone, Debug)]
enum Part {
    Ready(Text),
    Later(Later),
    Filled(Filled),
}

impl Part {
    fn get(&self, lang: Lang) -> Cow<'_, str> {
        match self {
            Part::Ready(t) => Cow::Borrowed(t.get(lang)),
            Part::Later(l) => Cow::Owned((l.0)(lang)),
            Part::Filled(f) => Cow::Owned(f.0.fill(&f.1, lang)),
        }
    }
}

/// An explanation: sentences in both languages, joined when read.
///
/// The first sentence is kept inline and only later ones are allocated: most
/// results (every entry not open to the applicant) say one thing.
#[derive(Clone, Debug, Default)]
pub struct Reason {
    first: Option<Part>,
    rest: Vec<Part>,
}

impl Reason {
    fn one(part: Part) -> Reason {
        Reason { first: Some(part), rest: Vec::new() }
    }

    fn parts(&self) -> impl Iterator<Item = &Part> {
        self.first.iter().chain(&self.rest)
    }

    /// Adds a sentence at the end.
    pub fn push(&mut self, sentence: impl Into<Reason>) {
        let more = sentence.into();
        match self.first {
            None => *self = more,
            Some(_) => {
                self.rest.extend(more.first);
                self.rest.extend(more.rest);
            }
        }
    }

    /// Adds a sentence at the start (a window rule says why before the rule's own reason).
    pub fn prepend(&mut self, sentence: impl Into<Reason>) {
        let mut new = sentence.into();
        new.push(std::mem::take(self));
        *self = new;
    }

    /// The whole reason in one language. A sentence that does not end in
    /// punctuation is ended before the next begins.
    pub fn get(&self, lang: Lang) -> String {
        let mut out = String::with_capacity(256);
        for part in self.parts() {
            let s = part.get(lang);
            if s.is_empty() {
                continue;
            }
            match lang {
                Lang::Zh => {
                    // A closing bracket ends a parenthesis, not a sentence; a
                    // colon leads into what follows it ("第一张证书：…").
                    if !out.is_empty() && !out.ends_with(['。', '！', '？', '；', '：']) {
                        out.push('。');
                    }
                }
                Lang::En => {
                    if !out.is_empty() {
                        let lead_in = out.trim_end().ends_with(':');
                        out.truncate(out.trim_end().len());
                        if !lead_in && !out.ends_with(['.', '!', '?']) {
                            out.push('.');
                        }
                        out.push(' ');
                    }
                }
            }
            out.push_str(&s);
        }
        out
    }

    /// The whole reason in Chinese.
    pub fn zh(&self) -> String {
        self.get(Lang::Zh)
    }

    /// The whole reason in English.
    pub fn en(&self) -> String {
        self.get(Lang::En)
    }
}

impl From<Text> for Reason {
    fn from(t: Text) -> Self {
        Reason::one(Part::Ready(t))
    }
}

impl From<Later> for Reason {
    fn from(l: Later) -> Self {
        Reason::one(Part::Later(l))
    }
}

impl From<Filled> for Reason {
    fn from(f: Filled) -> Self {
        Reason::one(Part::Filled(f))
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Text::new(self.zh(), self.en()).serialize(s)
    }
}

/// A reason written when read: `later!(zh, en)` takes the same two expressions as
/// `Text::new`, usually `format!`s, and evaluates the one for the language asked.
/// Whatever they use is moved into the sentence, so it must be owned or `'static`.
macro_rules! later {
    ($zh:expr, $en:expr $(,)?) => {
        $crate::text::Later::new(move |lang: $crate::text::Lang| match lang {
            $crate::text::Lang::Zh => ::std::string::String::from($zh),
            $crate::text::Lang::En => ::std::string::String::from($en),
        })
    };
}
pub(crate) use later;

/// The two languages the tool speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum Lang {
    /// Simplified Chinese (zh-CN), the default.
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    /// English.
    #[serde(rename = "en")]
    En,
}

/// `text` without its references to the catalogue, for a reader who has no use
/// for them (an application form, a plain summary): a parenthesis that opens
/// with 目录, 见目录, "catalogue" or "see catalogue" is dropped with the space
/// before it, e.g. "（目录 A11 第 4 点）" or " (catalogue X2)". The references
/// stay in the full explanation, where a reader can follow them.
pub fn without_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((open, close, width)) = next_reference(rest) {
        out.push_str(rest[..open].trim_end_matches(' '));
        rest = &rest[close + width..];
    }
    out.push_str(rest);
    out
}

/// The references [`without_references`] drops, in order, each without its
/// brackets (e.g. "目录 A11 第 4 点", "catalogue X2"), for the place where a
/// reader follows them.
pub fn references(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((open, close, width)) = next_reference(rest) {
        let opening = if rest[open..].starts_with('（') { '（'.len_utf8() } else { 1 };
        out.push(&rest[open + opening..close]);
        rest = &rest[close + width..];
    }
    out
}

/// `text` as a citizen reads it in a hint: without references to the catalogue
/// (as [`without_references`]) and without a parenthesis that holds only
/// citations (the text's clause numbers, documents' numbers, the catalogue),
/// e.g. "（四(二)）", " (三(一), 四(二))" or "（三(三)，目录 E1）". The citations
/// stay in docs/answers.md and in each result's "the clause" disclosure.
pub fn plain(text: &str) -> String {
    let text = without_references(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some((open, end)) = next_clause_only(rest) {
        out.push_str(rest[..open].trim_end_matches(' '));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The next parenthesis holding only clause numbers: where it opens and where it ends.
fn next_clause_only(text: &str) -> Option<(usize, usize)> {
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut from = 0;
    while let Some(at) = text[from..].find(['（', '(']).map(|i| from + i) {
        let full = text[at..].starts_with('（');
        let (open_len, close) = if full { ('（'.len_utf8(), '）') } else { (1, ')') };
        let inner_start = at + open_len;
        // The inner text runs to the matching close: clause numbers hold their own "(…)".
        let mut depth = 0usize;
        let mut end = None;
        for (i, c) in text[inner_start..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth > 0 => depth -= 1,
                c if c == close && depth == 0 => {
                    end = Some(inner_start + i);
                    break;
                }
                _ => {}
            }
        }
        let end = end?;
        let inner = &text[inner_start..end];
        let clause_only = !inner.is_empty()
            && inner.split(['、', ',', '，']).all(|part| {
                let part = part.trim();
                let (head, tail) = part.split_once('(').unwrap_or((part, ""));
                let clause = !head.is_empty()
                    && head.chars().all(numeral)
                    && (tail.is_empty() || tail.strip_suffix(')').is_some_and(|n| !n.is_empty() && n.chars().all(numeral)));
                // A document's number (财税〔2019〕46号, with its article) is a citation too.
                let document = part.contains('〔') && (part.ends_with('号') || part.contains("号 "));
                let reference = ["目录", "见目录", "catalogue", "see catalogue"].iter().any(|r| part.starts_with(r));
                clause || document || reference
            });
        // "三(一)" is itself a clause number, not a parenthesis around one.
        let part_of_number = text[..at].chars().next_back().is_some_and(numeral);
        if clause_only && !part_of_number {
            return Some((at, end + close.len_utf8()));
        }
        from = inner_start;
    }
    None
}

/// The next reference parenthesis in `text`: where it opens, where its closing
/// mark starts, and the closing mark's width in bytes.
fn next_reference(text: &str) -> Option<(usize, usize, usize)> {
    let mut from = 0;
    loop {
        let (open, full) = match (text[from..].find('（'), text[from..].find('(')) {
            (Some(a), Some(b)) if b < a => (from + b, false),
            (Some(a), _) => (from + a, true),
            (None, Some(b)) => (from + b, false),
            (None, None) => return None,
        };
        let (opening, closing) = if full { ("（", '）') } else { ("(", ')') };
        let inner = &text[open + opening.len()..];
        let is_reference = if full {
            inner.starts_with("目录") || inner.starts_with("见目录")
        } else {
            inner.starts_with("catalogue") || inner.starts_with("see catalogue")
        };
        if is_reference && let Some(close) = inner.find(closing) {
            return Some((open, open + opening.len() + close, closing.len_utf8()));
        }
        from = open + opening.len();
    }
}

impl Lang {
    /// Picks the text for this language: the one helper every edge uses.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The other of the two languages: what a language switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// Reads a language tag such as `zh-CN`, `zh`, `en` or `en-GB`; unknown tags fall back to Chinese.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Zh }
    }
}

/// A clause number of a document as a reader of `lang` writes it: `三(二)` in
/// Chinese, `Part 3(2)` in English (the plan's parts are numbered 一 to 六 and
/// their items (一), (二)…). A number in another shape is returned as it is.
pub fn clause_in(clause: &str, lang: Lang) -> String {
    const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let digit = |c: char| NUMERALS.iter().position(|n| *n == c).map(|i| i + 1);
    let english = || {
        let mut chars = clause.chars();
        let part = digit(chars.next()?)?;
        let rest: String = chars.collect();
        if rest.is_empty() {
            return Some(format!("Part {part}"));
        }
        let inner = rest.strip_prefix('(')?.strip_suffix(')')?;
        let mut inner = inner.chars();
        let item = digit(inner.next()?)?;
        inner.next().is_none().then(|| format!("Part {part}({item})"))
    };
    match lang {
        Lang::Zh => clause.to_owned(),
        Lang::En => english().unwrap_or_else(|| clause.to_owned()),
    }
}

/// What goes between a question's label and its answer: a colon, or only a
/// space (nothing in Chinese) after a label that ends with its question mark,
/// so that "Revoked? No" never reads "Revoked?: No".
pub fn answer_separator(label: &str, lang: Lang) -> &'static str {
    match (label.ends_with(['?', '？']), lang) {
        (true, Lang::Zh) => "",
        (true, Lang::En) => " ",
        (false, Lang::Zh) => "：",
        (false, Lang::En) => ": ",
    }
}

/// Builds a [`StaticText`] from two literals.
pub(crate) const fn st(zh: &'static str, en: &'static str) -> StaticText {
    StaticText { zh, en }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_catalogue_references_and_bare_clause_numbers() {
        assert_eq!(plain("中小微企业每人 1000 元（四(一)）。"), "中小微企业每人 1000 元。");
        assert_eq!(plain("Paid by level (四(二)); see the notice (catalogue A14 point 2)."), "Paid by level; see the notice.");
        assert_eq!(plain("按“三(一)”计算（四(一)、四(二)）"), "按“三(一)”计算");
        // A parenthesis with words stays: it says something.
        assert_eq!(plain("年收入（元，可写“3500万”）"), "年收入（元，可写“3500万”）");
        assert_eq!(plain("(a) and (四(二) of the text)"), "(a) and (四(二) of the text)");
        assert_eq!(plain("按统计部门认定填写（三(三)，目录 E1）。"), "按统计部门认定填写。");
        assert_eq!(plain("Carries forward (财税〔2019〕46号 art. 3)."), "Carries forward.");
        assert_eq!(plain("分行业认定（工信部联企业〔2011〕300号）。"), "分行业认定。");
    }

    #[test]
    fn a_question_mark_is_not_followed_by_a_colon() {
        assert_eq!(answer_separator("Has the status been revoked?", Lang::En), " ");
        assert_eq!(answer_separator("是否被撤销？", Lang::Zh), "");
        assert_eq!(answer_separator("Number of employees", Lang::En), ": ");
        assert_eq!(answer_separator("从业人员", Lang::Zh), "：");
    }

    #[test]
    fn clause_numbers_read_as_parts_and_items_in_english() {
        assert_eq!(clause_in("三(二)", Lang::En), "Part 3(2)");
        assert_eq!(clause_in("六(三)", Lang::En), "Part 6(3)");
        assert_eq!(clause_in("四", Lang::En), "Part 4");
        assert_eq!(clause_in("三(二)", Lang::Zh), "三(二)");
        // Another shape is left as the document prints it.
        assert_eq!(clause_in("art. 3", Lang::En), "art. 3");
        assert_eq!(clause_in("三(二十一)", Lang::En), "三(二十一)");
    }

    #[test]
    fn a_reason_ends_each_sentence_before_the_next() {
        let mut r = Reason::from(Text::new("7 人 × 1,000 元 = 7,000 元（0.7万元）", "7 × CNY 1,000 = CNY 7,000 (0.7 wan)"));
        let n = 7;
        r.push(later!(format!("共 {n} 人。"), format!("{n} in all.")));
        r.push(Text::new("以通知为准。", "Set by the notice."));
        r.prepend(Text::new("有效期内（X2）", "In the window (X2)"));
        assert_eq!(r.zh(), "有效期内（X2）。7 人 × 1,000 元 = 7,000 元（0.7万元）。共 7 人。以通知为准。");
        assert_eq!(r.en(), "In the window (X2). 7 × CNY 1,000 = CNY 7,000 (0.7 wan). 7 in all. Set by the notice.");
        // A colon leads into the next sentence, which is not cut off from it.
        let mut r = Reason::from(Text::new("第一张证书：", "First certificate: "));
        r.push(Text::new("取得二级证书。", "A level-2 certificate."));
        assert_eq!(r.zh(), "第一张证书：取得二级证书。");
        assert_eq!(r.en(), "First certificate: A level-2 certificate.");
    }
}

#[cfg(test)]
mod reference_tests {
    use super::{references, without_references};

    #[test]
    fn references_are_what_without_references_drops() {
        let zh = "以申报通知为准（目录 A11 第 4 点）；见（目录 X2）。";
        assert_eq!(references(zh), ["目录 A11 第 4 点", "目录 X2"]);
        assert_eq!(references("set by the notice (catalogue A11 point 4); see (a)."), ["catalogue A11 point 4"]);
        assert!(references("按工信部联企业〔2011〕300号（工业）。").is_empty());
    }

    #[test]
    fn catalogue_references_are_dropped_and_nothing_else() {
        assert_eq!(without_references("以申报通知为准（目录 A11 第 4 点）；“应届”默认指毕业当年。"), "以申报通知为准；“应届”默认指毕业当年。");
        assert_eq!(without_references("set by the notice (catalogue A11 point 4); see (a)."), "set by the notice; see (a).");
        assert_eq!(
            without_references("按工信部联企业〔2011〕300号（工业）：中型（大型须同时满足）。"),
            "按工信部联企业〔2011〕300号（工业）：中型（大型须同时满足）。"
        );
        assert_eq!(without_references("（见目录 X6）开头"), "开头");
        assert_eq!(without_references("未闭合（目录 X2"), "未闭合（目录 X2");
    }
}
