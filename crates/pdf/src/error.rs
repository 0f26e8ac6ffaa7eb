//! The error type of the PDF crate, with a kind a caller can match on.

use std::fmt;

use chanjiao_rules::{Lang, Text};

/// What went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The font is not a usable OpenType font, or could not be subset.
    Font,
    /// The applicant block fails its checks; [`Error::fields`] lists each problem.
    Applicant,
    /// The entry has no application form, or its result offers none (it is not
    /// eligible, or not for this applicant).
    NoForm,
    /// The answers or the rules refused the input; the message is the rules' own.
    Rules,
    /// A verification payload is not one chanjiao wrote.
    Payload,
    /// A file `verify` refuses unread: encrypted, or beyond its limits. Such a
    /// file cannot be a form as chanjiao makes it.
    Refused,
}

/// An error, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// What kind of error this is.
    pub kind: ErrorKind,
    /// A sentence for the person who asked for the form.
    pub message: Text,
    /// For [`ErrorKind::Applicant`] and [`ErrorKind::Rules`]: the rules' errors, each naming its field.
    pub fields: Vec<chanjiao_rules::Error>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, zh: impl Into<String>, en: impl Into<String>) -> Error {
        Error { kind, message: Text::new(zh.into(), en.into()), fields: Vec::new() }
    }

    pub(crate) fn font(why: String) -> Error {
        Error::new(ErrorKind::Font, format!("字体无法使用：{why}"), format!("the font cannot be used: {why}"))
    }

    pub(crate) fn payload(zh: impl Into<String>, en: impl Into<String>) -> Error {
        Error::new(ErrorKind::Payload, zh, en)
    }

    /// The message in one language, followed by each field's problem; a rules
    /// error passed on whole is said once, with its field.
    pub fn render(&self, lang: Lang) -> String {
        if let [one] = &self.fields[..]
            && one.message == self.message
        {
            return one.render(lang);
        }
        let mut out = self.message.get(lang).to_owned();
        for f in &self.fields {
            out.push_str(lang.pick("\n  ", "\n  "));
            out.push_str(&f.render(lang));
        }
        out
    }
}

impl From<chanjiao_rules::Error> for Error {
    fn from(e: chanjiao_rules::Error) -> Error {
        Error { kind: ErrorKind::Rules, message: e.message.clone(), fields: vec![e] }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Error {}
