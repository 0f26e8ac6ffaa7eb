//! The one error type of the rules, with a kind a caller can match on.

use std::fmt;

use serde::Serialize;

use crate::text::{Lang, Text};

/// What went wrong, so that a caller can decide what to do without reading prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The answers were not a JSON object (or not JSON at all).
    Malformed,
    /// An answer names a question that does not exist; `field` is the name given.
    UnknownQuestion,
    /// An answer's value fails its question's rule (a negative count, letters in a
    /// number, too many decimals, a date that does not exist, a rank of 0, an option
    /// not on the list); `field` is the question id.
    InvalidAnswer,
    /// An answer is about an event after the evaluation date; `field` is the question id.
    DateAfterEvaluation,
    /// A field of the applicant block is missing or fails its rule (a check
    /// character, a telephone number, an account number); `field` is
    /// `applicant.<key>`.
    InvalidApplicant,
    /// An incentive id or code that is not in the catalogue.
    UnknownIncentive,
    /// A policy pack fails its checks; `field` is the key (e.g.
    /// `values.a11_sme_per_hire.figure`), and the message says why.
    PolicyPack,
    /// The answers hold several years (`years`), and this needs one: evaluate them
    /// with `evaluate_years_with`, or pick one year with `year_answers`.
    SeveralYears,
    /// The embedded parameter or catalogue file is inconsistent. This is a defect of
    /// the build, never of the user's input; tests keep it from shipping.
    Data,
}

/// An error with the field it concerns and a message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Error {
    /// What kind of error this is.
    pub kind: ErrorKind,
    /// The question id (or the name given) the error is about, if any.
    pub field: Option<String>,
    /// A sentence for the person who typed the answer.
    pub message: Text,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, field: Option<&str>, message: Text) -> Error {
        Error { kind, field: field.map(str::to_owned), message }
    }

    /// The message in one language, prefixed by the field it concerns.
    pub fn render(&self, lang: Lang) -> String {
        match &self.field {
            Some(f) => format!("{f}: {}", self.message.get(lang)),
            None => self.message.get(lang).to_owned(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Error {}
