//! The verification payload: what a form's QR code and its metadata carry, and
//! how an officer's copy of the rules checks it.
//!
//! One line of ASCII, fields separated by `|`:
//!
//! ```text
//! CJ3|A11|2022-8.1|2025-06-30|2025-07-02|eligible|exact:23000|name:5b7d0c1e,id_number:9a3f2e71,roster:0c4d…|applicant_type=ENT;…
//! ```
//!
//! the format version, the entry's catalogue code, the rules version, the
//! evaluation date, the date the form was made, the status, the amount (see
//! [`chanjiao_rules::Amount::code`]), a digest of each field the form was made
//! with a value in (the applicant block's by their keys, the roster's cells as
//! one `roster` digest; `-` when none was), and the answers the result rests on
//! as `id=value` pairs (the applicant type first). No identity is in it, only
//! the digests, which tie the code to what the form prints; a field without a
//! digest was left blank, to be filled in by hand. Codes of the earlier formats
//! (`CJ1`, `CJ2`) are still read, so that `verify` can say what they are, but
//! they never pass: their forms must be made again with this version.

use chanjiao_rules::{Answers, Date, EntryResult, Q, evaluate_entry_with};

use crate::error::Error;

const MAGIC: &str = "CJ3";
const MAGIC_V2: &str = "CJ2";
const MAGIC_V1: &str = "CJ1";

/// The format a code is written in: the version after `CJ`.
pub const FORMAT: u8 = 3;

/// A payload read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payload {
    /// The entry's catalogue code, e.g. `A11`.
    pub code: String,
    /// The rules version that made the form.
    pub rules_version: String,
    /// The evaluation date the form was made for.
    pub evaluated_on: Date,
    /// The format the code is written in (1, 2 or [`FORMAT`]).
    pub format: u8,
    /// The date the form was made; `None` in a `CJ1` code.
    pub made_on: Option<Date>,
    /// The status the form states (`eligible`, `manual-review`, `undetermined`).
    pub status: String,
    /// The amount the form states, as [`chanjiao_rules::Amount::code`] writes it.
    pub amount: String,
    /// The digest of each field the form was made with a value in, by its key
    /// (`name`, `id_number`, …, and `roster` for the roster's cells together);
    /// see [`field_digests`]. Empty in a code of an earlier format.
    pub fields: Vec<(String, String)>,
    /// The answers, as `(question id, canonical value)`.
    pub answers: Vec<(String, String)>,
    /// The ids of the policy packs the form was made under, in order (none for
    /// the built-in plan alone).
    pub packs: Vec<String>,
}

/// The digest of one applicant field as a payload carries it: eight hexadecimal
/// digits of the SHA-256 of the field's key and its checked value. It ties the
/// code to what the form prints without carrying the name or number itself.
pub fn applicant_digest(field: &str, value: &str) -> String {
    crate::digest(&format!("chanjiao-applicant|{field}|{value}"))
}

/// The digests a code carries of the fields a form is made with a value in:
/// `filled` holds each such field by its key within the form (`name`,
/// `id_number`, …, `roster-3-id_number`). An applicant field has a digest of
/// its own, so that `verify` names the one that was changed; the roster's cells
/// share one (`roster`), over their keys and values in order, to keep the code
/// short enough for a QR code on paper.
pub fn field_digests<'a>(filled: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<(String, String)> {
    let mut own = Vec::new();
    let mut roster: Vec<String> = Vec::new();
    for (key, value) in filled {
        if value.is_empty() {
            continue;
        }
        if key.starts_with("roster-") {
            roster.push(format!("{key}={value}"));
        } else {
            own.push((key.to_owned(), applicant_digest(key, value)));
        }
    }
    own.sort();
    if !roster.is_empty() {
        roster.sort();
        own.push(("roster".to_owned(), applicant_digest("roster", &roster.join("\n"))));
    }
    own
}

/// The payload of one form. `filled` is each field the form is made with a
/// value in, by its key within the form (see [`field_digests`]).
pub fn encode<'a>(
    result: &EntryResult,
    answers: &Answers,
    filled: impl IntoIterator<Item = (&'a str, &'a str)>,
    evaluated_on: Date,
    made_on: Date,
    rules_version: &str,
    packs: &[&str],
) -> String {
    let mut pairs = Vec::new();
    if let Some(t) = answers.get(Q::ApplicantType) {
        pairs.push(format!("{}={}", Q::ApplicantType.id(), t.canonical()));
    }
    // A result judged under another of a person's roles (a graduate who also
    // works) rests on that role too: the check needs it to judge the same way.
    let role = result.role.and_then(|t| chanjiao_rules::ROLE_QUESTIONS.iter().find(|(_, r)| *r == t)).map(|(q, _)| *q);
    for q in role.iter().filter(|q| !result.evidence.contains(q)).chain(&result.evidence) {
        if let Some(v) = answers.get(*q) {
            pairs.push(format!("{}={}", q.id(), v.canonical()));
        }
    }
    let digests = field_digests(filled);
    let digests = if digests.is_empty() { "-".to_owned() } else { digests.iter().map(|(k, d)| format!("{k}:{d}")).collect::<Vec<_>>().join(",") };
    let code = format!(
        "{MAGIC}|{}|{rules_version}|{evaluated_on}|{made_on}|{}|{}|{digests}|{}",
        result.incentive.code,
        result.status.code(),
        result.amount.code(),
        pairs.join(";")
    );
    // Made under policy packs: their ids, so that a check loads the same ones.
    if packs.is_empty() { code } else { format!("{code}|packs={}", packs.join(",")) }
}

/// Reads a payload (the text of a form's QR code).
pub fn parse(text: &str) -> Result<Payload, Error> {
    let bad = || {
        Error::payload(
            "这不是 chanjiao 生成的核验码（核验码以 CJ3| 开头，共 9 段）",
            "this is not a chanjiao verification code (a code starts with CJ3| and has 9 fields)",
        )
    };
    let mut parts: Vec<&str> = text.trim().split('|').collect();
    let mut packs = Vec::new();
    let with_packs = match parts.first().copied() {
        Some(MAGIC) => 10,
        Some(MAGIC_V2) => 11,
        _ => usize::MAX,
    };
    if parts.len() == with_packs {
        let last = parts.pop().unwrap_or_default();
        let ids = last.strip_prefix("packs=").ok_or_else(bad)?;
        packs = ids.split(',').filter(|i| !i.is_empty()).map(str::to_owned).collect();
    }
    let is_digest = |d: &str| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let (format, code, rules_version, on, made_on, status, amount, fields, answers) = match parts.as_slice() {
        [MAGIC, code, rules, on, made, status, amount, digests, answers] => {
            let fields = if *digests == "-" {
                Vec::new()
            } else {
                digests
                    .split(',')
                    .map(|p| {
                        // A key is an applicant field's or `roster`: ASCII letters and underscores.
                        let (k, d) = p.split_once(':').ok_or_else(bad)?;
                        let key_ok = !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
                        if key_ok && is_digest(d) { Ok((k.to_owned(), d.to_owned())) } else { Err(bad()) }
                    })
                    .collect::<Result<Vec<_>, _>>()?
            };
            (3, *code, *rules, *on, Some(Date::parse(made).ok_or_else(bad)?), *status, *amount, fields, *answers)
        }
        [MAGIC_V2, code, rules, on, made, status, amount, name, id, answers] => {
            if !(is_digest(name) && is_digest(id)) {
                return Err(bad());
            }
            (2, *code, *rules, *on, Some(Date::parse(made).ok_or_else(bad)?), *status, *amount, Vec::new(), *answers)
        }
        [MAGIC_V1, code, rules, on, status, amount, answers] => (1, *code, *rules, *on, None, *status, *amount, Vec::new(), *answers),
        _ => return Err(bad()),
    };
    let evaluated_on = Date::parse(on).ok_or_else(bad)?;
    let answers = answers
        .split(';')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())).ok_or_else(bad))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Payload {
        code: code.to_owned(),
        rules_version: rules_version.to_owned(),
        evaluated_on,
        format,
        made_on,
        status: status.to_owned(),
        amount: amount.to_owned(),
        fields,
        answers,
        packs,
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

    /// True when the code was written by another version of chanjiao (an
    /// earlier format, or other rules): its form must be made again with this
    /// version, as this version can check only its own.
    pub fn outdated(&self) -> bool {
        self.differences.iter().any(|(what, _, _)| what == "format" || what == "rules_version")
    }
}

/// Re-evaluates a payload with these rules, under `params` (the built-in plan,
/// or the plan and the policy packs the form names), as of its own evaluation
/// date. A form made under packs other than those loaded is refused, naming the
/// packs it needs.
pub fn verify(payload: Payload, params: &'static chanjiao_rules::Params) -> Result<Verdict, Error> {
    let loaded: Vec<&str> = params.successors.iter().filter_map(|d| d.pack_id.as_deref()).collect();
    if payload.packs != loaded {
        let want = if payload.packs.is_empty() { "（无）".to_owned() } else { payload.packs.join("、") };
        let have = if loaded.is_empty() { "（无）".to_owned() } else { loaded.join("、") };
        return Err(Error::new(
            crate::ErrorKind::Payload,
            format!("此表按政策包 {want} 测算，现载入的是 {have}；请用 --policy 按原顺序提供相同的政策包（政策包编号为其 SHA-256 前 8 位）"),
            format!(
                "this form was made under the policy packs {} and the loaded ones are {}; give the same packs, in order, with --policy (a pack's id is the first 8 digits of its SHA-256)",
                if payload.packs.is_empty() { "(none)".to_owned() } else { payload.packs.join(", ") },
                if loaded.is_empty() { "(none)".to_owned() } else { loaded.join(", ") }
            ),
        ));
    }
    let answers = Answers::from_pairs_under(payload.answers.iter().map(|(id, value)| (id.as_str(), value.as_str())), params)?;
    // chanjiao writes each answer once, canonically, in asking order: a code
    // that reads otherwise (a repeated key, 0420 for 420) was not written by it.
    let written: Vec<String> = payload.answers.iter().map(|(k, v)| format!("{k}={v}")).collect();
    if answers.canonical() != written.join(";") {
        return Err(Error::payload(
            "核验码中的答案不是 chanjiao 写出的形式（重复、顺序或写法不符）",
            "the answers in the code are not as chanjiao writes them (repeated, out of order, or not canonical)",
        ));
    }
    let result = evaluate_entry_with(params, &answers, payload.evaluated_on, &payload.code)?;
    let rules_version = params.policy.rules_version.clone();
    let status = result.status.code().to_owned();
    let amount = result.amount.code();
    let mut differences = Vec::new();
    // A code of an earlier format carries less than a form needs to be checked
    // whole (no digest of the fields a form was made with), so it never passes.
    if payload.format != FORMAT {
        differences.push(("format".to_owned(), format!("CJ{}", payload.format), format!("CJ{FORMAT}")));
    }
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

/// The key under which a chanjiao PDF's document information carries its
/// payloads, one per form, separated by line breaks.
pub(crate) const INFO_KEY: &[u8] = b"ChanjiaoPayload";
