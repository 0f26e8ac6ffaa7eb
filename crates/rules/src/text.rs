//! Bilingual text: every message a person reads exists in zh-CN and in English.

use serde::Serialize;

/// A fixed pair of strings, for labels and help that never change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct StaticText {
    /// Simplified Chinese, the first language of every user.
    #[serde(rename = "zh-CN")]
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

/// A pair of strings built at evaluation time from the applicant's own figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Text {
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    /// Makes a text from its two languages.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text { zh: zh.into(), en: en.into() }
    }

    /// The text in the language named by a BCP 47 tag; anything not English is Chinese.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// Appends another text, separated the way each language separates sentences.
    pub fn push(&mut self, more: &Text) {
        if more.zh.is_empty() && more.en.is_empty() {
            return;
        }
        // Sentences joined here must stay sentences: end the previous one first.
        if !self.zh.is_empty() && !self.zh.ends_with(['。', '！', '？', '；', '）']) {
            self.zh.push('。');
        }
        if !self.en.is_empty() {
            if !self.en.ends_with(['.', '!', '?', ')']) {
                self.en.push('.');
            }
            self.en.push(' ');
        }
        self.zh.push_str(&more.zh);
        self.en.push_str(&more.en);
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

impl Lang {
    /// Reads a language tag such as `zh-CN`, `zh`, `en` or `en-GB`; unknown tags fall back to Chinese.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Zh }
    }
}

/// Builds a [`StaticText`] from two literals.
pub(crate) const fn st(zh: &'static str, en: &'static str) -> StaticText {
    StaticText { zh, en }
}
