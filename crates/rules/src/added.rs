//! What a pack adds to the plan: questions the plan never asks, entries the plan
//! does not have (decided by a table, as `entries.toml` writes one), values
//! those entries read, and cases that hold the pack to the results its authors
//! expect (docs/policy-packs.md, "Adding incentives").
//!
//! Everything here is checked when the pack loads, as the rest of a pack is:
//! every question, value and entry is named once; every expression is typed
//! against the questions and values it may read; every quote is in the
//! document's text. The first screen of the widget does not read these
//! sections (it checks a pack's document and figures only), so that the
//! expression language stays out of its first load.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::catalogue::{AmountRule, ApplicantType, Entry};
use crate::date::Date;
use crate::entries::table::{self, AnswerNames, RuleText};
use crate::error::Error;
use crate::pack::refuse;
use crate::questions::{Choice, Kind, Q, Question};
use crate::text::StaticText;

/// A question as a pack writes it (`questions`).
struct RawQuestion {
    id: String,
    /// The question it is asked after: a built-in one, or one the pack added before it.
    after: String,
    /// `yes-no`, `count`, `money`, `date` or `one-of`.
    kind: String,
    /// For `count`: the smallest accepted value (0 unless given).
    min: u64,
    /// For `one-of`: the options.
    options: Vec<RawOption>,
    label_zh: String,
    label_en: String,
    help_zh: String,
    help_en: String,
    clause: String,
    applicant_types: Vec<String>,
}

struct RawOption {
    id: String,
    zh: String,
    en: String,
}

/// An entry as a pack adds it (`adds`).
struct RawEntry {
    code: String,
    id: String,
    name_zh: String,
    name_en: String,
    clause: String,
    quote: Vec<String>,
    applicant_types: Vec<String>,
    amount_rule: String,
    amount_rule_zh: String,
    amount_rule_en: String,
    lead_unit: String,
    documents_zh: Vec<String>,
    documents_en: Vec<String>,
    /// The application form's title, where the entry has a form.
    form_title: String,
    /// The date question of the event the entry rewards: the event is judged
    /// by the document in force on its date.
    event: Option<String>,
    rule: Vec<RuleText>,
}

/// A plan entry whose rules a pack restates (`restates`): from the document's
/// first day, an event it covers is decided by this table instead of the
/// plan's rules. Who may apply, the form and the papers stay the plan's.
struct RawRestatement {
    /// The plan entry's code, such as `A11`.
    code: String,
    /// The entry's name under the pack, where the pack names it otherwise.
    name_zh: Option<String>,
    name_en: Option<String>,
    clause: String,
    quote: Vec<String>,
    amount_rule: String,
    amount_rule_zh: String,
    amount_rule_en: String,
    /// The date question of the event: it decides which document's rules apply.
    event: String,
    rule: Vec<RuleText>,
}

/// A case as a pack writes it (`cases`).
struct RawCase {
    name: String,
    on: String,
    answers: serde_json::Value,
    expect: BTreeMap<String, RawExpect>,
}

struct RawExpect {
    status: String,
    amount: Option<String>,
}

/// A case a pack carries: answers, a date, and what each named entry gives.
#[derive(Clone, Debug)]
pub struct Case {
    /// What the case shows.
    pub name: String,
    /// The application date.
    pub on: Date,
    /// The answers, as an answers file writes them (read under the policy, so
    /// that the pack's own questions are known).
    pub answers: serde_json::Value,
    /// By entry code: the status (`eligible`, `not-eligible`, …) and, where
    /// given, the exact amount in yuan.
    pub expect: Vec<(String, String, Option<Decimal>)>,
}

/// What one pack adds, checked.
#[derive(Clone, Debug, Default)]
pub(crate) struct Additions {
    pub questions: Vec<Q>,
    pub entries: Vec<Entry>,
    /// The plan's entries restated, each a copy with the pack's table.
    pub restated: Vec<Entry>,
    pub cases: Vec<Case>,
}

/// The inputs of [`check`]: the pack's sections as parsed JSON.
pub(crate) struct Sections<'a> {
    pub questions: Option<&'a serde_json::Value>,
    pub adds: Option<&'a serde_json::Value>,
    pub restates: Option<&'a serde_json::Value>,
    pub cases: Option<&'a serde_json::Value>,
    /// The codes the pack drops, and whether it rewords an entry (`entries`):
    /// a restated entry can be neither.
    pub drops: &'a [String],
    pub reworded: &'a dyn Fn(&str) -> bool,
}

/// One object of a pack's sections, read by hand rather than by serde's derive:
/// its fields are few and all text, and the derived readers would weigh on the
/// widget, which checks every pack it loads. Unknown keys are refused, as a
/// misspelt key anywhere in a pack is.
struct Reader<'a> {
    key: String,
    map: &'a serde_json::Map<String, serde_json::Value>,
}

impl<'a> Reader<'a> {
    fn new(key: String, v: &'a serde_json::Value, fields: &[&str]) -> Result<Reader<'a>, Error> {
        let map = v.as_object().ok_or_else(|| refuse(&key, "须为对象（{…}）", "must be an object ({…})"))?;
        if let Some(k) = map.keys().find(|k| !fields.contains(&k.as_str())) {
            return Err(refuse(
                &format!("{key}.{k}"),
                format!("此处没有这一项（可用：{}）", fields.join("、")),
                format!("no such key here (known: {})", fields.join(", ")),
            ));
        }
        Ok(Reader { key, map })
    }

    fn at(&self, name: &str) -> String {
        format!("{}.{name}", self.key)
    }

    /// An optional text.
    #[inline(never)]
    fn opt(&self, name: &str) -> Result<Option<String>, Error> {
        match self.map.get(name) {
            None => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(refuse(&self.at(name), "须为文字（\"…\"）", "must be text (\"…\")")),
        }
    }

    /// A text the object must give.
    #[inline(never)]
    fn text(&self, name: &str) -> Result<String, Error> {
        self.opt(name)?.ok_or_else(|| refuse(&self.at(name), "缺少此项", "is missing"))
    }

    /// A list of texts (none when absent).
    #[inline(never)]
    fn texts(&self, name: &str) -> Result<Vec<String>, Error> {
        self.list(name)?
            .iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| refuse(&self.at(name), "须为文字列表", "must be a list of texts")))
            .collect()
    }

    /// A list (none when absent).
    #[inline(never)]
    fn list(&self, name: &str) -> Result<&'a [serde_json::Value], Error> {
        match self.map.get(name) {
            None => Ok(&[]),
            Some(serde_json::Value::Array(items)) => Ok(items),
            Some(_) => Err(refuse(&self.at(name), "须为列表（[…]）", "must be a list ([…])")),
        }
    }

    /// Each object of a list, read with `fields`.
    fn objects(&self, name: &str, fields: &[&str]) -> Result<Vec<Reader<'a>>, Error> {
        let at = self.at(name);
        self.list(name)?.iter().enumerate().map(|(i, v)| Reader::new(format!("{at}[{i}]"), v, fields)).collect()
    }
}

/// A section of a pack: a list of objects, each read with `fields`.
fn section<'a>(key: &str, value: Option<&'a serde_json::Value>, fields: &[&str]) -> Result<Vec<Reader<'a>>, Error> {
    match value {
        None => Ok(Vec::new()),
        Some(serde_json::Value::Array(items)) => items.iter().enumerate().map(|(i, v)| Reader::new(format!("{key}[{i}]"), v, fields)).collect(),
        Some(_) => Err(refuse(key, "须为列表（[…]）", "must be a list ([…])")),
    }
}

/// An entry's rows as a pack writes them.
fn rows_of(r: &Reader) -> Result<Vec<RuleText>, Error> {
    r.objects("rule", &RuleText::FIELDS)?
        .iter()
        .map(|row| {
            if row.opt("status")?.is_none() {
                return Err(refuse(&row.at("status"), "缺少此项", "is missing"));
            }
            let mut text = RuleText::default();
            for name in RuleText::FIELDS {
                text.set(name, row.opt(name)?.unwrap_or_default().into());
            }
            Ok(text)
        })
        .collect()
}

impl RawQuestion {
    const FIELDS: [&str; 11] = ["id", "after", "kind", "min", "options", "label_zh", "label_en", "help_zh", "help_en", "clause", "applicant_types"];

    fn read(r: &Reader) -> Result<RawQuestion, Error> {
        let min = match r.map.get("min") {
            None => 0,
            Some(v) => v.as_u64().ok_or_else(|| refuse(&r.at("min"), "须为非负整数", "must be a whole number, 0 or more"))?,
        };
        let options = r
            .objects("options", &["id", "zh", "en"])?
            .iter()
            .map(|o| Ok(RawOption { id: o.text("id")?, zh: o.text("zh")?, en: o.text("en")? }))
            .collect::<Result<_, Error>>()?;
        Ok(RawQuestion {
            id: r.text("id")?,
            after: r.text("after")?,
            kind: r.text("kind")?,
            min,
            options,
            label_zh: r.text("label_zh")?,
            label_en: r.text("label_en")?,
            help_zh: r.text("help_zh")?,
            help_en: r.text("help_en")?,
            clause: r.text("clause")?,
            applicant_types: r.texts("applicant_types")?,
        })
    }
}

impl RawEntry {
    const FIELDS: [&str; 16] = [
        "code",
        "id",
        "name_zh",
        "name_en",
        "clause",
        "quote",
        "applicant_types",
        "amount_rule",
        "amount_rule_zh",
        "amount_rule_en",
        "lead_unit",
        "documents_zh",
        "documents_en",
        "form_title",
        "event",
        "rule",
    ];

    fn read(r: &Reader) -> Result<RawEntry, Error> {
        Ok(RawEntry {
            code: r.text("code")?,
            id: r.text("id")?,
            name_zh: r.text("name_zh")?,
            name_en: r.text("name_en")?,
            clause: r.text("clause")?,
            quote: r.texts("quote")?,
            applicant_types: r.texts("applicant_types")?,
            amount_rule: r.text("amount_rule")?,
            amount_rule_zh: r.text("amount_rule_zh")?,
            amount_rule_en: r.text("amount_rule_en")?,
            lead_unit: r.text("lead_unit")?,
            documents_zh: r.texts("documents_zh")?,
            documents_en: r.texts("documents_en")?,
            form_title: r.opt("form_title")?.unwrap_or_default(),
            event: r.opt("event")?,
            rule: rows_of(r)?,
        })
    }
}

impl RawRestatement {
    const FIELDS: [&str; 10] = ["code", "name_zh", "name_en", "clause", "quote", "amount_rule", "amount_rule_zh", "amount_rule_en", "event", "rule"];

    fn read(r: &Reader) -> Result<RawRestatement, Error> {
        Ok(RawRestatement {
            code: r.text("code")?,
            name_zh: r.opt("name_zh")?,
            name_en: r.opt("name_en")?,
            clause: r.text("clause")?,
            quote: r.texts("quote")?,
            amount_rule: r.text("amount_rule")?,
            amount_rule_zh: r.text("amount_rule_zh")?,
            amount_rule_en: r.text("amount_rule_en")?,
            event: r.text("event")?,
            rule: rows_of(r)?,
        })
    }
}

impl RawCase {
    const FIELDS: [&str; 4] = ["name", "on", "answers", "expect"];

    fn read(r: &Reader) -> Result<RawCase, Error> {
        let answers = r.map.get("answers").cloned().ok_or_else(|| refuse(&r.at("answers"), "缺少此项", "is missing"))?;
        let expect = match r.map.get("expect") {
            Some(serde_json::Value::Object(m)) => m
                .iter()
                .map(|(code, v)| {
                    let e = Reader::new(format!("{}.{code}", r.at("expect")), v, &["status", "amount"])?;
                    Ok((code.clone(), RawExpect { status: e.text("status")?, amount: e.opt("amount")? }))
                })
                .collect::<Result<_, Error>>()?,
            _ => return Err(refuse(&r.at("expect"), "须为对象：按条目编号写预期结果", "must be an object: the expected result by entry code")),
        };
        Ok(RawCase { name: r.text("name")?, on: r.text("on")?, answers, expect })
    }
}

/// Refuses an invisible control or formatting character anywhere in `v`, a
/// key or a string, naming where it is, as for the rest of a pack.
fn hidden(key: &str, v: &serde_json::Value) -> Result<(), Error> {
    match v {
        serde_json::Value::String(t) => crate::pack::refuse_hidden(key, t),
        serde_json::Value::Array(items) => items.iter().enumerate().try_for_each(|(i, item)| hidden(&format!("{key}[{i}]"), item)),
        serde_json::Value::Object(map) => map.iter().try_for_each(|(k, item)| {
            let at = format!("{key}.{k}");
            crate::pack::refuse_hidden(&at, k)?;
            hidden(&at, item)
        }),
        _ => Ok(()),
    }
}

/// The most questions, entries or cases one pack may add.
const MOST_ADDED: usize = 100;

/// Names an expression reads as literals or operators, so no question may take them.
const RESERVED_IDS: [&str; 6] = ["true", "false", "null", "in", "years", "plan_expires"];

/// A kind as a pack names it.
fn kind(raw: &RawQuestion, key: &str) -> Result<Kind, Error> {
    Ok(match raw.kind.as_str() {
        "yes-no" => Kind::YesNo,
        "count" => Kind::Count { min: raw.min },
        "money" => Kind::Money,
        "date" => Kind::Date,
        "one-of" => {
            if raw.options.len() < 2 {
                return Err(refuse(&format!("{key}.options"), "选择题至少要有两个选项", "a one-of question needs two options or more"));
            }
            let mut seen = Vec::new();
            for (i, o) in raw.options.iter().enumerate() {
                if !snake(&o.id) || seen.contains(&o.id.as_str()) {
                    return Err(refuse(
                        &format!("{key}.options[{i}].id"),
                        "选项编号须为小写字母、数字和下划线，且不重复",
                        "an option's id is lower-case letters, digits and underscores, used once",
                    ));
                }
                seen.push(&o.id);
            }
            let options: Vec<Choice> = raw.options.iter().map(|o| Choice { id: lasting(&o.id), label: text(&o.zh, &o.en) }).collect();
            Kind::OneOf { options: Box::leak(options.into_boxed_slice()) }
        }
        other => {
            return Err(refuse(
                &format!("{key}.kind"),
                format!("“{other}”不是问题类型；可用 yes-no、count、money、date、one-of"),
                format!("\"{other}\" is no kind of question; use yes-no, count, money, date or one-of"),
            ));
        }
    })
}

/// A question's id and an option's: what answers files and expressions name.
fn snake(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') && id.as_bytes()[0].is_ascii_lowercase()
}

/// A pack's text, kept for the rest of the program as the built-in text is: a
/// question or entry, once loaded, is named by `&'static` references. A
/// program loads its packs once.
fn lasting(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn text(zh: &str, en: &str) -> StaticText {
    StaticText { zh: lasting(zh), en: lasting(en) }
}

fn types(list: &[String], key: &str) -> Result<&'static [ApplicantType], Error> {
    if list.is_empty() {
        return Err(refuse(key, "须写明面向哪些申请人", "say which applicants it is for"));
    }
    let types = list
        .iter()
        .map(|c| {
            ApplicantType::from_code(c).ok_or_else(|| {
                refuse(
                    key,
                    format!("“{c}”不是申请人类型（ENT、SCH-VOC、SCH-UG、IND-WORKER、IND-GRAD、IND-TEACHER、ORG）"),
                    format!("\"{c}\" is no applicant type"),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Box::leak(types.into_boxed_slice()))
}

/// Checks what a pack adds. `number` is the pack's document; `in_text` checks
/// that words are in its text; `values` are the names of every one-number value
/// the pack's expressions may read (the plan's and the pack's own); `known` are
/// the questions the packs before this one added. `CASES` reads and requires
/// the pack's cases (the CLI); the widget, which never runs them, skips them.
pub(crate) fn check<const CASES: bool>(
    s: &Sections,
    number: &str,
    in_text: &dyn Fn(&str, &str) -> Result<(), Error>,
    values: &[String],
    known: &[Q],
    base: &crate::Params,
) -> Result<Additions, Error> {
    let known_entries = &base.added_entries;
    for (key, value) in [("questions", s.questions), ("adds", s.adds), ("restates", s.restates), ("cases", s.cases)] {
        if let Some(v) = value {
            hidden(key, v)?;
        }
    }
    let raw_questions: Vec<RawQuestion> = section("questions", s.questions, &RawQuestion::FIELDS)?.iter().map(RawQuestion::read).collect::<Result<_, _>>()?;
    let raw_entries: Vec<RawEntry> = section("adds", s.adds, &RawEntry::FIELDS)?.iter().map(RawEntry::read).collect::<Result<_, _>>()?;
    let raw_restated: Vec<RawRestatement> =
        section("restates", s.restates, &RawRestatement::FIELDS)?.iter().map(RawRestatement::read).collect::<Result<_, _>>()?;
    let raw_cases: Vec<RawCase> = match CASES {
        true => section("cases", s.cases, &RawCase::FIELDS)?.iter().map(RawCase::read).collect::<Result<_, _>>()?,
        false => Vec::new(),
    };
    // Bounds on what one pack adds: far above a real successor's, and low
    // enough that checking a pack stays quick.
    for (key, n) in [("questions", raw_questions.len()), ("adds", raw_entries.len()), ("restates", raw_restated.len()), ("cases", raw_cases.len())] {
        if n > MOST_ADDED {
            return Err(refuse(key, format!("最多 {MOST_ADDED} 项，此处为 {n} 项"), format!("at most {MOST_ADDED}; this has {n}")));
        }
    }

    let mut questions: Vec<Q> = Vec::new();
    let mut ranks: BTreeMap<Q, u32> = BTreeMap::new();
    for (i, raw) in raw_questions.iter().enumerate() {
        let key = format!("questions[{i}]");
        if !snake(&raw.id) {
            return Err(refuse(
                &format!("{key}.id"),
                "问题编号须为小写字母开头的小写字母、数字和下划线",
                "a question's id is lower-case letters, digits and underscores, starting with a letter",
            ));
        }
        if RESERVED_IDS.contains(&raw.id.as_str()) {
            return Err(refuse(
                &format!("{key}.id"),
                format!("{} 是表达式或答案文件的保留字，不能作为问题编号", raw.id),
                format!("{} is a word expressions or answers files keep for themselves, so it cannot be a question's id", raw.id),
            ));
        }
        let taken = Q::from_id(&raw.id).is_some() || known.iter().chain(&questions).any(|q| q.id() == raw.id);
        if taken {
            return Err(refuse(&format!("{key}.id"), format!("已有问题 {}", raw.id), format!("there is a question {} already", raw.id)));
        }
        let after = Q::from_id(&raw.after)
            .or_else(|| Q::among(&raw.after, &questions))
            .ok_or_else(|| refuse(&format!("{key}.after"), format!("没有问题 {}", raw.after), format!("there is no question {}", raw.after)))?;
        for (field, value) in
            [("label_zh", &raw.label_zh), ("label_en", &raw.label_en), ("help_zh", &raw.help_zh), ("help_en", &raw.help_en), ("clause", &raw.clause)]
        {
            if value.trim().is_empty() {
                return Err(refuse(&format!("{key}.{field}"), "不能为空", "must not be empty"));
            }
        }
        let kind = kind(raw, &key)?;
        if raw.min > 0 && !matches!(kind, Kind::Count { .. }) {
            return Err(refuse(&format!("{key}.min"), "只有计数题（count）有最小值", "only a count question has a min"));
        }
        if raw.min > crate::plausible::MOST_COUNTED {
            return Err(refuse(
                &format!("{key}.min"),
                format!("最小值不能超过 {}", crate::plausible::MOST_COUNTED),
                format!("the min cannot exceed {}", crate::plausible::MOST_COUNTED),
            ));
        }
        if !matches!(kind, Kind::OneOf { .. }) && !raw.options.is_empty() {
            return Err(refuse(&format!("{key}.options"), "只有选择题（one-of）有选项", "only a one-of question has options"));
        }
        // Several questions after one are asked in the order the pack gives them;
        // one after a pack's own question follows it.
        let rank = ranks.entry(after).or_insert(0);
        *rank += 1;
        let question = Question {
            q: after,
            id: lasting(&raw.id),
            kind,
            label: text(&raw.label_zh, &raw.label_en),
            help: text(&raw.help_zh, &raw.help_en),
            clause: lasting(&raw.clause),
            applicant_types: types(&raw.applicant_types, &format!("{key}.applicant_types"))?,
            validation: match kind {
                Kind::Count { min } if min > 1 => text(&format!("不小于 {min} 的整数"), &format!("a whole number, {min} or more")),
                _ => kind.rule(),
            },
        };
        let q = crate::questions::added::intern(question, after, *rank).map_err(|(zh, en)| refuse(&key, zh, en))?;
        questions.push(q);
    }

    let visible: Vec<Q> = known.iter().chain(&questions).copied().collect();
    // A value named like a question would hide the answer from every expression.
    if let Some(name) = values.iter().find(|v| Q::among(v, &visible).is_some()) {
        return Err(refuse(
            &format!("values.{name}"),
            format!("参数名 {name} 与问题同名；请另取一个名字"),
            format!("the value {name} has the name of a question; give it another"),
        ));
    }
    let mut entries: Vec<Entry> = Vec::new();
    for (i, raw) in raw_entries.iter().enumerate() {
        let key = format!("adds[{i}]");
        let code_ok = raw.code.len() <= 8
            && raw.code.starts_with(|c: char| c.is_ascii_uppercase())
            && raw.code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !code_ok {
            return Err(refuse(&format!("{key}.code"), "条目编号为大写字母加数字，如 F1", "an entry's code is capitals and digits, such as F1"));
        }
        // The catalogue's own cross-cutting rules are X1…X9, which results cite as flags.
        let flag_like = raw.code.starts_with('X') && raw.code.len() > 1 && raw.code[1..].bytes().all(|b| b.is_ascii_digit());
        let taken = crate::catalogue::Catalogue::has_code(&raw.code) || entries.iter().chain(known_entries.iter().copied()).any(|e| e.code == raw.code);
        if flag_like {
            return Err(refuse(
                &format!("{key}.code"),
                "X 加数字是目录通用规则的编号（如 X8），不能作为条目编号",
                "X and a number names one of the catalogue's general rules (such as X8), so it cannot be an entry's code",
            ));
        }
        if taken {
            return Err(refuse(&format!("{key}.code"), format!("已有条目 {}", raw.code), format!("there is an entry {} already", raw.code)));
        }
        let id_ok = !raw.id.is_empty() && raw.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let id_taken = entries.iter().chain(known_entries.iter().copied()).any(|e| e.id == raw.id)
            || base.catalogue().is_ok_and(|c| c.entries.iter().any(|e| e.id == raw.id));
        if !id_ok || id_taken {
            return Err(refuse(
                &format!("{key}.id"),
                "条目 id 须为小写字母、数字和连字符，且不重复",
                "an entry's id is lower-case letters, digits and hyphens, used once",
            ));
        }
        worded(
            &key,
            &[
                ("name_zh", &raw.name_zh),
                ("name_en", &raw.name_en),
                ("clause", &raw.clause),
                ("amount_rule_zh", &raw.amount_rule_zh),
                ("amount_rule_en", &raw.amount_rule_en),
                ("lead_unit", &raw.lead_unit),
            ],
            &raw.quote,
            in_text,
        )?;
        let amount_rule = amount_rule(&key, &raw.amount_rule)?;
        let event = raw.event.as_deref().map(|id| event(&key, id, &visible)).transpose()?;
        let applicant_types = types(&raw.applicant_types, &format!("{key}.applicant_types"))?.to_vec();
        let names = AnswerNames { added: &visible, values };
        let rules = rows(&key, &raw.code, &raw.rule, amount_rule, &raw.amount_rule, &applicant_types, &names)?;
        let entry = Entry::added(
            crate::catalogue::AddedEntry {
                code: raw.code.clone(),
                id: raw.id.clone(),
                name: (raw.name_zh.clone(), raw.name_en.clone()),
                clause: raw.clause.clone(),
                quote: raw.quote.clone(),
                applicant_types,
                amount_rule,
                amount_rule_text: (raw.amount_rule_zh.clone(), raw.amount_rule_en.clone()),
                lead_unit: raw.lead_unit.clone(),
                documents: (raw.documents_zh.clone(), raw.documents_en.clone()),
                event,
                added_in: number.to_owned(),
                values: values.to_vec(),
                rule_text: raw.rule.clone(),
                form_title: raw.form_title.clone(),
            },
            rules,
        )?;
        entries.push(entry);
    }

    let mut restated: Vec<Entry> = Vec::new();
    for (i, raw) in raw_restated.iter().enumerate() {
        let key = format!("restates[{i}]");
        let plan = base.catalogue()?.entries.iter().find(|e| e.code == raw.code).ok_or_else(|| {
            refuse(
                &format!("{key}.code"),
                format!("计划中没有条目 {}；新条目请写在 adds", raw.code),
                format!("the plan has no entry {}; a new entry goes in adds", raw.code),
            )
        })?;
        if restated.iter().any(|e| e.code == raw.code) {
            return Err(refuse(&format!("{key}.code"), format!("{} 重复改写", raw.code), format!("{} is restated twice", raw.code)));
        }
        if let Some(rule) = crate::data::national_rule(&raw.code) {
            return Err(refuse(
                &format!("{key}.code"),
                format!("{} 依据国家规定（{rule}），本市文件不能改写其规则", raw.code),
                format!("{} rests on a national rule ({rule}), which a city document cannot restate", raw.code),
            ));
        }
        if s.drops.contains(&raw.code) {
            return Err(refuse(&format!("{key}.code"), format!("{} 既被改写又被终止", raw.code), format!("{} is both restated and dropped", raw.code)));
        }
        if (s.reworded)(&raw.code) {
            return Err(refuse(
                &format!("{key}.code"),
                format!("{} 已在 entries 中改写文字；改写规则时，条款和原文写在 restates 中", raw.code),
                format!("{} is reworded in entries already; a restatement gives its clause and words itself", raw.code),
            ));
        }
        worded(&key, &[("clause", &raw.clause), ("amount_rule_zh", &raw.amount_rule_zh), ("amount_rule_en", &raw.amount_rule_en)], &raw.quote, in_text)?;
        let amount_rule = amount_rule(&key, &raw.amount_rule)?;
        let event = event(&key, &raw.event, &visible)?;
        let names = AnswerNames { added: &visible, values };
        let rules = rows(&key, &raw.code, &raw.rule, amount_rule, &raw.amount_rule, &plan.applicant_types, &names)?;
        if raw.name_zh.is_some() != raw.name_en.is_some() || [&raw.name_zh, &raw.name_en].iter().any(|n| n.as_ref().is_some_and(|n| n.trim().is_empty())) {
            return Err(refuse(
                &format!("{key}.name_zh"),
                "名称须同时写中文和英文（name_zh、name_en），且不能为空",
                "a name is given in both languages (name_zh, name_en), neither empty",
            ));
        }
        restated.push(plan.restated(crate::catalogue::Restatement {
            document: number.to_owned(),
            name: raw.name_zh.clone().zip(raw.name_en.clone()),
            clause: raw.clause.clone(),
            quote: raw.quote.clone(),
            amount_rule,
            amount_rule_text: (raw.amount_rule_zh.clone(), raw.amount_rule_en.clone()),
            event,
            values: values.to_vec(),
            rule_text: raw.rule.clone(),
            rules,
        }));
    }

    let mut cases = Vec::new();
    for (i, raw) in raw_cases.iter().enumerate() {
        let key = format!("cases[{i}]");
        let on = Date::parse(&raw.on)
            .ok_or_else(|| refuse(&format!("{key}.on"), format!("“{}”不是日期（YYYY-MM-DD）", raw.on), format!("\"{}\" is not a date (YYYY-MM-DD)", raw.on)))?;
        let mut expect = Vec::new();
        for (code, e) in &raw.expect {
            if !matches!(e.status.as_str(), "eligible" | "not-eligible" | "manual-review" | "undetermined" | "not-applicable" | "information") {
                return Err(refuse(
                    &format!("{key}.expect.{code}.status"),
                    format!("“{}”不是结果状态", e.status),
                    format!("\"{}\" is no status (eligible, not-eligible, manual-review, undetermined, not-applicable, information)", e.status),
                ));
            }
            let amount = match &e.amount {
                None => None,
                Some(a) => Some(a.parse::<Decimal>().map_err(|_| {
                    refuse(&format!("{key}.expect.{code}.amount"), format!("“{a}”不是金额（元）"), format!("\"{a}\" is not an amount in yuan"))
                })?),
            };
            expect.push((code.clone(), e.status.clone(), amount));
        }
        if raw.name.trim().is_empty() || expect.is_empty() {
            return Err(refuse(&key, "案例须有名称和至少一项预期结果", "a case needs a name and at least one expected result"));
        }
        cases.push(Case { name: raw.name.clone(), on, answers: raw.answers.clone(), expect });
    }
    // Each entry a pack adds or restates is shown to apply by a case of its own.
    let shown =
        entries.iter().enumerate().map(|(i, e)| (format!("adds[{i}]"), e)).chain(restated.iter().enumerate().map(|(i, e)| (format!("restates[{i}]"), e)));
    for (key, e) in shown.filter(|_| CASES) {
        if !cases.iter().any(|c| c.expect.iter().any(|(code, status, _)| *code == e.code && status == "eligible")) {
            return Err(refuse(
                &key,
                format!("{} 须有一个预期可申请（eligible）的案例（cases），以示其能够适用", e.code),
                format!("{} needs a case (cases) that expects it eligible, to show that it can apply", e.code),
            ));
        }
    }
    Ok(Additions { questions, entries, restated, cases })
}

/// Checks and compiles an entry's rows (`key` names the entry in messages):
/// every row says why; its amount is of the kind the entry's amount rule
/// states, a figure in it is a value, and it reads only questions asked of the
/// applicants the entry is for.
fn rows(
    key: &str,
    code: &str,
    raw_rows: &[RuleText],
    amount_rule: AmountRule,
    amount_rule_code: &str,
    applicant_types: &[ApplicantType],
    names: &AnswerNames,
) -> Result<Vec<table::Rule>, Error> {
    if raw_rows.is_empty() {
        return Err(refuse(&format!("{key}.rule"), "须至少有一行规则", "at least one row is needed"));
    }
    for (j, row) in raw_rows.iter().enumerate() {
        let at = format!("{key}.rule[{j}]");
        // The certificates step needs a table per certificate, which only the plan's A14 has.
        if row.status == "certificates" {
            return Err(refuse(
                &format!("{at}.status"),
                "“certificates”只用于本计划的 A14（每张证书一张表），附加包中不能使用",
                "\"certificates\" is a step of the plan's own A14 (a table per certificate); a pack cannot use it",
            ));
        }
        // A territory row and the steps say nothing themselves: the rows that decide do.
        if !row.is_step() && (row.reason_zh.trim().is_empty() || row.reason_en.trim().is_empty()) {
            return Err(refuse(&at, "每行须写明理由（reason_zh、reason_en）", "every row says why (reason_zh, reason_en)"));
        }
        // The amount a row gives must be of the kind the entry's amount rule states.
        let fits = match row.amount.as_ref() {
            "exact" | "up-to" | "range" => {
                matches!(
                    amount_rule,
                    AmountRule::Fixed | AmountRule::PerPerson | AmountRule::PerYear | AmountRule::Tiered | AmountRule::Cap | AmountRule::Percent
                )
            }
            "in-kind" => amount_rule == AmountRule::InKind,
            "obligation" => amount_rule == AmountRule::Obligation,
            "annual-notice" => amount_rule == AmountRule::Unspecified,
            "credit" => amount_rule == AmountRule::Percent,
            _ => true,
        };
        if !fits {
            return Err(refuse(
                &format!("{at}.amount"),
                format!("金额“{}”与条目的金额规则 {amount_rule_code} 不符", row.amount),
                format!("the amount \"{}\" does not fit the entry's amount rule {amount_rule_code}", row.amount),
            ));
        }
    }
    let rules = table::compile(code, raw_rows, names).map_err(|why| refuse(&format!("{key}.rule"), format!("规则有误：{why}"), why))?;
    // An entry none of whose rows can grant it never applies.
    // (The steps decide nothing, and a territory row only refuses; every
    // status is known once the rows have compiled.)
    if raw_rows.iter().filter(|r| !r.is_step()).all(|r| r.status == "not-eligible") {
        return Err(refuse(
            &format!("{key}.rule"),
            format!("{code} 的每一行都是不符合（not-eligible），此条目永远不会适用"),
            format!("every row of {code} is not-eligible, so the entry can never apply"),
        ));
    }
    // A figure in an amount is a value, so that it is held to its words in the text.
    if let Some((row, n)) = table::amount_numbers(&rules).into_iter().find(|(_, n)| !n.is_zero() && *n != Decimal::ONE) {
        return Err(refuse(
            &format!("{key}.rule[{}]", row - 1),
            format!("金额或理由中写有数字 {n}；数额须写成参数（values），以便与原文核对"),
            format!("the amount or a sentence writes the number {n}; a figure must be a value (values), so that it is checked against the text"),
        ));
    }
    // An entry may read only questions asked of those it is for.
    for slot in table::reads(&rules).into_iter().filter(|s| table::is_question(*s)) {
        let Some(q) = Q::at(slot) else { continue };
        if !q.def().applicant_types.iter().any(|t| applicant_types.contains(t)) {
            return Err(refuse(
                &format!("{key}.rule"),
                format!("问题 {} 不向此条目的申请人提问", q.id()),
                format!("the question {} is not asked of the applicants this entry is for", q.id()),
            ));
        }
    }
    Ok(rules)
}

/// Checks an entry's words: each field given, and its quote in the document's text.
fn worded(key: &str, fields: &[(&str, &String)], quote: &[String], in_text: &dyn Fn(&str, &str) -> Result<(), Error>) -> Result<(), Error> {
    if let Some((field, _)) = fields.iter().find(|(_, value)| value.trim().is_empty()) {
        return Err(refuse(&format!("{key}.{field}"), "不能为空", "must not be empty"));
    }
    if quote.is_empty() {
        return Err(refuse(&format!("{key}.quote"), "须引用条款原文", "the clause's words are needed"));
    }
    quote.iter().enumerate().try_for_each(|(j, q)| in_text(&format!("{key}.quote[{j}]"), q))
}

/// The amount rule a pack names by its code (`FIXED`, `PER_PERSON` …).
fn amount_rule(key: &str, code: &str) -> Result<AmountRule, Error> {
    AmountRule::from_code(code).ok_or_else(|| {
        refuse(
            &format!("{key}.amount_rule"),
            format!("“{code}”不是金额规则（FIXED、PER_PERSON、CAP、IN_KIND 等）"),
            format!("\"{code}\" is no amount rule (FIXED, PER_PERSON, CAP, IN_KIND …)"),
        )
    })
}

/// The date question an entry names as its event.
fn event(key: &str, id: &str, visible: &[Q]) -> Result<Q, Error> {
    match Q::among(id, visible) {
        Some(q) if q.def().kind == Kind::Date => Ok(q),
        _ => Err(refuse(&format!("{key}.event"), format!("{id} 不是日期问题"), format!("{id} is not a date question"))),
    }
}

/// One case's outcome: what failed, in both languages (nothing when it passed).
#[derive(Clone, Debug)]
pub struct CaseRun {
    /// The document whose case it is, by its number.
    pub document: String,
    /// Its number in English.
    pub document_en: String,
    /// The case's name.
    pub name: String,
    /// Each difference from what the case expects, in Chinese and English.
    pub failures: Vec<(String, String)>,
}

/// Runs the cases of every document `params` holds against it.
pub fn run_cases(params: &'static crate::Params) -> Vec<CaseRun> {
    let mut out = Vec::new();
    for doc in &params.successors {
        for case in doc.cases.iter() {
            out.push(CaseRun { document: doc.number.clone(), document_en: doc.number_en.clone(), name: case.name.clone(), failures: run(params, case) });
        }
    }
    out
}

fn run(params: &'static crate::Params, case: &Case) -> Vec<(String, String)> {
    let answers = match crate::Answers::from_json_value_under(&case.answers, params) {
        Ok(a) => a,
        Err(e) => {
            let at = e.field.clone().map(|f| format!("{f}: ")).unwrap_or_default();
            return vec![(format!("答案有误：{at}{}", e.message.zh), format!("the answers are wrong: {at}{}", e.message.en))];
        }
    };
    let evaluation = match crate::evaluate_with(params, &answers, case.on) {
        Ok(e) => e,
        Err(e) => return vec![(format!("无法测算：{}", e.message.zh), format!("cannot be evaluated: {}", e.message.en))],
    };
    let mut failures = Vec::new();
    for (code, status, amount) in &case.expect {
        let Some(r) = evaluation.results.iter().find(|r| r.incentive.code == *code) else {
            failures.push((format!("{code}：没有这个条目"), format!("{code}: there is no such entry")));
            continue;
        };
        let got = r.status.code();
        if got != status {
            failures.push((format!("{code}：预期 {status}，实为 {got}"), format!("{code}: expected {status}, got {got}")));
        }
        if let Some(want) = amount {
            let have = match &r.amount {
                crate::Amount::Exact { yuan } => Some(*yuan),
                _ => None,
            };
            if have.map(|h| h.normalize()) != Some(want.normalize()) {
                let (zh, en) =
                    have.map_or_else(|| ("无确定金额".to_owned(), "no exact amount".to_owned()), |h| (h.normalize().to_string(), h.normalize().to_string()));
                failures.push((format!("{code}：预期金额 {want}，实为 {zh}"), format!("{code}: expected CNY {want}, got {en}")));
            }
        }
    }
    failures
}
