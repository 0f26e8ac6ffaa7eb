//! The verification payload: what a form's QR code and its metadata carry, and
//! how an officer's copy of the rules checks it.
//!
//! One line of ASCII, fields separated by `|`:
//!
//! ```text
//! CJ1|A11|2022-8.1|2025-06-30|eligible|exact:23000|applicant_type=ENT;registered_in_quanzhou=true;…
//! ```
//!
//! the format version, the entry's catalogue code, the rules version, the
//! evaluation date, the status, the amount (see [`chanjiao_rules::Amount::code`]) and the answers
//! the result rests on as `id=value` pairs (the applicant type first). No identity
//! field is ever in it: the form prints those, the code does not.

use chanjiao_rules::{Answers, Date, EntryResult, Q, evaluate_entry};

use crate::error::Error;

const MAGIC: &str = "CJ1";

/// A payload read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payload {
    /// The entry's catalogue code, e.g. `A11`.
    pub code: String,
    /// The rules version that made the form.
    pub rules_version: String,
    /// The evaluation date the form was made for.
    pub evaluated_on: Date,
    /// The status the form states (`eligible`, `manual-review`, `undetermined`).
    pub status: String,
    /// The amount the form states, as [`chanjiao_rules::Amount::code`] writes it.
    pub amount: String,
    /// The answers, as `(question id, canonical value)`.
    pub answers: Vec<(String, String)>,
}

/// The payload of one form.
pub fn encode(result: &EntryResult, answers: &Answers, evaluated_on: Date, rules_version: &str) -> String {
    let mut pairs = Vec::new();
    if let Some(t) = answers.get(Q::ApplicantType) {
        pairs.push(format!("{}={}", Q::ApplicantType.id(), t.canonical()));
    }
    for q in &result.evidence {
        if let Some(v) = answers.get(*q) {
            pairs.push(format!("{}={}", q.id(), v.canonical()));
        }
    }
    format!("{MAGIC}|{}|{rules_version}|{evaluated_on}|{}|{}|{}", result.incentive.code, result.status.code(), result.amount.code(), pairs.join(";"))
}

/// Reads a payload (the text of a form's QR code).
pub fn parse(text: &str) -> Result<Payload, Error> {
    let bad = || {
        Error::payload(
            "这不是 chanjiao 生成的核验码（应以 CJ1| 开头，共 7 段）",
            "this is not a chanjiao verification code (it starts with CJ1| and has 7 fields)",
        )
    };
    let parts: Vec<&str> = text.trim().split('|').collect();
    let [magic, code, rules_version, on, status, amount, answers] = parts.as_slice() else { return Err(bad()) };
    if *magic != MAGIC {
        return Err(bad());
    }
    let evaluated_on = Date::parse(on).ok_or_else(bad)?;
    let answers = answers
        .split(';')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())).ok_or_else(bad))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Payload {
        code: (*code).to_owned(),
        rules_version: (*rules_version).to_owned(),
        evaluated_on,
        status: (*status).to_owned(),
        amount: (*amount).to_owned(),
        answers,
    })
}

/// What re-evaluating a payload found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The payload checked.
    pub payload: Payload,
    /// The rules version doing the check.
    pub rules_version: String,
    /// The status these rules give.
    pub status: String,
    /// The amount these rules give.
    pub amount: String,
    /// Each figure that differs: what, as stated, as computed now.
    pub differences: Vec<(String, String, String)>,
}

impl Verdict {
    /// True when the form states what these rules give.
    pub fn matches(&self) -> bool {
        self.differences.is_empty()
    }
}

/// Re-evaluates a payload with these rules, as of its own evaluation date.
pub fn verify(payload: Payload) -> Result<Verdict, Error> {
    let answers = Answers::from_pairs(payload.answers.iter().map(|(id, value)| (id.as_str(), value.as_str())))?;
    let result = evaluate_entry(&answers, payload.evaluated_on, &payload.code)?;
    let rules_version = chanjiao_rules::Params::get()?.policy.rules_version.clone();
    let status = result.status.code().to_owned();
    let amount = result.amount.code();
    let mut differences = Vec::new();
    if payload.rules_version != rules_version {
        differences.push(("rules_version".to_owned(), payload.rules_version.clone(), rules_version.clone()));
    }
    if payload.status != status {
        differences.push(("status".to_owned(), payload.status.clone(), status.clone()));
    }
    if payload.amount != amount {
        differences.push(("amount".to_owned(), payload.amount.clone(), amount.clone()));
    }
    Ok(Verdict { payload, rules_version, status, amount, differences })
}

/// The key under which a chanjiao PDF's document information carries its payloads.
pub(crate) const INFO_KEY: &[u8] = b"ChanjiaoPayload";

/// The payloads a chanjiao PDF carries in its document information, one per form.
/// Empty when there are none (the file was not made by chanjiao, or was rewritten
/// by a program that dropped them; the QR codes still hold them).
pub fn payloads_in_pdf(bytes: &[u8]) -> Vec<String> {
    let mut key = Vec::with_capacity(INFO_KEY.len() + 1);
    key.push(b'/');
    key.extend_from_slice(INFO_KEY);
    let Some(at) = bytes.windows(key.len()).position(|w| w == key.as_slice()) else { return Vec::new() };
    let rest = &bytes[at + key.len()..];
    let Some(open) = rest.iter().position(|b| !b.is_ascii_whitespace()) else { return Vec::new() };
    if rest[open] != b'(' {
        return Vec::new();
    }
    // A literal string (PDF 32000-1 7.3.4.2): undo its escapes up to the closing parenthesis.
    let mut text = Vec::new();
    let mut i = open + 1;
    let mut depth = 0;
    while i < rest.len() {
        match rest[i] {
            b'\\' if i + 1 < rest.len() => {
                i += 1;
                match rest[i] {
                    b'n' => text.push(b'\n'),
                    b'r' => text.push(b'\r'),
                    b't' => text.push(b'\t'),
                    b'b' => text.push(8),
                    b'f' => text.push(12),
                    d @ b'0'..=b'7' => {
                        let mut v = u32::from(d - b'0');
                        for _ in 0..2 {
                            if i + 1 < rest.len() && (b'0'..=b'7').contains(&rest[i + 1]) {
                                i += 1;
                                v = v * 8 + u32::from(rest[i] - b'0');
                            }
                        }
                        text.push(u8::try_from(v & 0xFF).unwrap_or(0));
                    }
                    other => text.push(other),
                }
            }
            b'(' => {
                depth += 1;
                text.push(b'(');
            }
            b')' if depth == 0 => break,
            b')' => {
                depth -= 1;
                text.push(b')');
            }
            other => text.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&text).lines().filter(|l| l.starts_with(MAGIC)).map(str::to_owned).collect()
}
