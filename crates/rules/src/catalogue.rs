//! The 47 entries as a person reads about them, from `data/entries.toml`, and the
//! seven applicant types of catalogue §1.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::data::{self, RawEntry};
use crate::error::{Error, ErrorKind};
use crate::questions::Q;
use crate::text::{Lang, StaticText, Text, st};

/// Who is applying (catalogue §1). NAMED is not a type: it narrows an entry to one body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ApplicantType {
    /// 企业 (ENT).
    #[serde(rename = "ENT")]
    Enterprise,
    /// 职业学校: 中职, 技工院校, 高职/高专, 职业本科 (SCH-VOC).
    #[serde(rename = "SCH-VOC")]
    VocationalSchool,
    /// 普通本科高校 (SCH-UG).
    #[serde(rename = "SCH-UG")]
    University,
    /// 劳动者 (IND-WORKER).
    #[serde(rename = "IND-WORKER")]
    Worker,
    /// 毕业生、求职者 (IND-GRAD).
    #[serde(rename = "IND-GRAD")]
    Graduate,
    /// 教师 (IND-TEACHER).
    #[serde(rename = "IND-TEACHER")]
    Teacher,
    /// 联盟、平台、研究院、培训机构或基地 (ORG).
    #[serde(rename = "ORG")]
    Organisation,
}

impl ApplicantType {
    /// The seven types, in the order they are offered.
    pub const ALL: [ApplicantType; 7] = [
        ApplicantType::Enterprise,
        ApplicantType::VocationalSchool,
        ApplicantType::University,
        ApplicantType::Worker,
        ApplicantType::Graduate,
        ApplicantType::Teacher,
        ApplicantType::Organisation,
    ];

    /// The catalogue's code, e.g. `SCH-VOC`.
    pub fn code(self) -> &'static str {
        match self {
            ApplicantType::Enterprise => "ENT",
            ApplicantType::VocationalSchool => "SCH-VOC",
            ApplicantType::University => "SCH-UG",
            ApplicantType::Worker => "IND-WORKER",
            ApplicantType::Graduate => "IND-GRAD",
            ApplicantType::Teacher => "IND-TEACHER",
            ApplicantType::Organisation => "ORG",
        }
    }

    /// The type with this code.
    pub fn from_code(code: &str) -> Option<ApplicantType> {
        ApplicantType::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The type's name.
    pub fn name(self) -> StaticText {
        match self {
            ApplicantType::Enterprise => st("企业", "Enterprise"),
            ApplicantType::VocationalSchool => st("职业学校（中职、技工院校、高职高专、职业本科）", "Vocational school or college"),
            ApplicantType::University => st("普通本科高校", "Undergraduate university"),
            ApplicantType::Worker => st("劳动者（个人）", "Worker (individual)"),
            ApplicantType::Graduate => st("高校毕业生、求职者（个人）", "Graduate or job seeker (individual)"),
            ApplicantType::Teacher => st("教师（个人）", "Teacher (individual)"),
            ApplicantType::Organisation => st("联盟、平台、研究院、培训机构或基地", "Alliance, platform, institute, training body or base"),
        }
    }

    /// True for the three kinds of individual.
    pub fn is_individual(self) -> bool {
        matches!(self, ApplicantType::Worker | ApplicantType::Graduate | ApplicantType::Teacher)
    }
}

/// How an entry's amount is stated (catalogue §1, amount-rule codes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)] // The codes are the catalogue's.
pub enum AmountRule {
    Fixed,
    PerPerson,
    PerYear,
    Tiered,
    Cap,
    Percent,
    Unspecified,
    InKind,
    Obligation,
}

impl AmountRule {
    /// The rule with this catalogue code, e.g. `PER_PERSON`.
    pub fn from_code(code: &str) -> Option<AmountRule> {
        use AmountRule::*;
        [Fixed, PerPerson, PerYear, Tiered, Cap, Percent, Unspecified, InKind, Obligation].into_iter().find(|r| r.code() == code)
    }

    /// The catalogue's code.
    pub fn code(self) -> &'static str {
        match self {
            AmountRule::Fixed => "FIXED",
            AmountRule::PerPerson => "PER_PERSON",
            AmountRule::PerYear => "PER_YEAR",
            AmountRule::Tiered => "TIERED",
            AmountRule::Cap => "CAP",
            AmountRule::Percent => "PERCENT",
            AmountRule::Unspecified => "UNSPECIFIED",
            AmountRule::InKind => "IN_KIND",
            AmountRule::Obligation => "OBLIGATION",
        }
    }
}

/// What the catalogue says about one entry.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    /// The catalogue code, e.g. `A8`.
    pub code: String,
    /// The kebab-case id, e.g. `new-apprenticeship-training-subsidy`.
    pub id: String,
    /// The Chinese name.
    pub name_zh: String,
    /// The English name.
    pub name_en: String,
    /// The clause, e.g. `三(三)`.
    pub clause: String,
    /// The text's own words for the condition, one or more sentences.
    pub quote: Vec<String>,
    /// Who may hold it.
    pub applicant_types: Vec<ApplicantType>,
    /// How the amount is stated.
    pub amount_rule: AmountRule,
    /// The amount rule in a short Chinese phrase.
    pub amount_rule_zh: String,
    /// The amount rule in a short English phrase.
    pub amount_rule_en: String,
    /// The probable lead unit; an inference, since the text names none (catalogue §1).
    pub lead_unit: String,
    /// Papers to attach, from the catalogue's Inputs, in Chinese; empty where it lists none.
    #[serde(default)]
    pub documents_zh: Vec<String>,
    /// The same papers in English.
    #[serde(default)]
    pub documents_en: Vec<String>,
    /// The clause's whole 责任单位 list, filled in from `[units]`.
    #[serde(default)]
    pub units: String,
    /// True for an entry the catalogue handles as information: what the plan
    /// announces rather than anything to apply for. Its result is
    /// [`crate::Status::Information`] where it concerns the applicant.
    #[serde(default)]
    pub information: bool,
    /// Where to ask about an information entry, when not its lead unit (D10:
    /// the employer); empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ask_zh: String,
    /// The same in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ask_en: String,
    /// The decision table, where the entry's rules are data (`[[entry.rule]]`),
    /// as written; compiled into `rules` when the catalogue loads.
    #[serde(default, rename = "rule", skip_serializing)]
    pub(crate) rule_text: Vec<crate::entries::table::RuleText>,
    /// The compiled table, which decides the entry (never empty once the catalogue has loaded).
    #[serde(skip)]
    pub(crate) rules: Vec<crate::entries::table::Rule>,
    /// The application form, where the entry has one (`form_title` in the data).
    #[serde(skip)]
    pub form: Option<Form>,
    /// For an entry a pack adds: the number of the document that adds it. It
    /// applies only to events under that document.
    #[serde(skip)]
    pub added_in: Option<String>,
    /// For a plan entry a pack restates: the number of the document that
    /// restates it; its table decides events that document covers. A result
    /// names the document in its `basis`.
    #[serde(skip)]
    pub restated_in: Option<String>,
    /// True when the territorial default (catalogue X4) is checked before the
    /// entry's table decides.
    #[serde(skip)]
    pub(crate) territory: bool,
    /// The date question of the event it rewards: the document in force on
    /// that date judges it.
    #[serde(skip)]
    pub(crate) event: Option<crate::Q>,
    /// Questions asked together, as one page asks them: a table that waits
    /// for one waits for every one of them unanswered (`ask_together`).
    #[serde(skip)]
    pub(crate) together: Vec<Vec<crate::Q>>,
    /// Each certificate's table, where the entry's has a `certificates` step
    /// (A14): an entry like this one, whose event is the certificate's date.
    #[serde(skip)]
    pub(crate) items: Vec<Entry>,
    /// The values its table may read, by name.
    #[serde(skip)]
    pub(crate) value_names: Vec<String>,
    /// Each of those that is the plan's parameter, found once (see `value_names`).
    #[serde(skip)]
    pub(crate) value_access: Vec<Option<crate::params::Accessor>>,
    /// "This entry is for: …", built once when the catalogue is read, since every
    /// evaluation says it for each entry not open to the applicant.
    #[serde(skip)]
    audience: (String, String),
    /// The names and amount rules as the data writes them, with placeholders for
    /// the policy's figures ([`crate::template`]); the fields above hold them
    /// filled from the built-in plan.
    #[serde(skip)]
    templates: [String; 4],
}

impl Entry {
    /// The entry's name in both languages.
    pub fn name(&self) -> Text {
        Text::new(self.name_zh.clone(), self.name_en.clone())
    }

    /// The name in one language.
    pub fn name_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }

    /// Who the entry is for, in words.
    pub fn audience(&'static self) -> Text {
        Text::new(self.audience.0.as_str(), self.audience.1.as_str())
    }

    /// The name and the amount rule with the figures of `params` in force on `on`
    /// (a successor's, where it changes them).
    pub fn texts_under(&self, params: &crate::Params, on: crate::Date) -> (Text, Text) {
        let [nz, ne, az, ae] = &self.templates;
        (crate::template::show_text(nz, ne, params, on), crate::template::show_text(az, ae, params, on))
    }

    /// The probable lead unit as a sentence in `lang` names it: in English, its
    /// English name from `[unit_names_en]`, or its Chinese name if it has none.
    pub fn lead_unit_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.lead_unit,
            Lang::En => data::UNIT_NAMES_EN.iter().find(|(zh, _)| *zh == self.lead_unit).map_or(&self.lead_unit, |(_, en)| en),
        }
    }

    /// The papers to attach in one language (from the catalogue's Inputs).
    pub fn documents_in(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Zh => &self.documents_zh,
            Lang::En => &self.documents_en,
        }
    }

    /// True when the entry has an application form (the data gives it a
    /// `form_title`); the others are designations, statuses and obligations with
    /// nothing to apply for on a form.
    pub fn has_form(&self) -> bool {
        self.form.is_some()
    }

    /// True when this type of applicant may hold the entry.
    pub fn open_to(&self, t: ApplicantType) -> bool {
        self.applicant_types.contains(&t)
    }
}

/// An entry's application form, as the data describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// The form's title, e.g. 民营企业吸纳应届高校毕业生一次性补贴申请表.
    pub title_zh: String,
    /// The per-person table the form carries, where the entry pays per person.
    pub roster: Option<Roster>,
}

/// A form's per-person table: one row per person (or certificate) the claim counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roster {
    /// The table's title, e.g. 吸纳应届高校毕业生名册.
    pub title_zh: String,
    /// How many rows it has.
    pub rows: RosterRows,
    /// Its columns, in order.
    pub columns: Vec<RosterColumn>,
}

/// How many rows a roster has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterRows {
    /// The sum of these answers (e.g. the graduates hired).
    Count(Vec<Q>),
    /// A fixed number (e.g. the one certificate claimed for).
    Fixed(u32),
}

/// One roster column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterColumn {
    /// Its key in an applicant file's roster rows, e.g. `id_number`.
    pub id: String,
    /// Its heading, e.g. 公民身份号码.
    pub label_zh: String,
    /// A resident ID number, checked as one.
    pub resident_id: bool,
    /// Where a cell comes from when the applicant does not write it.
    pub from: Option<CellSource>,
}

/// Where a roster cell can be filled from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellSource {
    /// The answer to a question, as it is shown.
    Answer(Q),
    /// A field of the applicant block, by its key.
    Applicant(String),
}

/// A roster as the data writes it, borrowed or owned.
struct RosterSpec<'a> {
    title_zh: &'a str,
    count: Vec<&'a str>,
    rows: i64,
    columns: Vec<(&'a str, &'a str, &'a str, &'a str)>,
}

impl Form {
    fn build(code: &str, title: &str, roster: Option<RosterSpec>) -> Result<Option<Form>, Error> {
        if title.is_empty() {
            if roster.is_some() {
                return Err(bad(format!("{code}: a roster needs a form_title")));
            }
            return Ok(None);
        }
        let roster = roster
            .map(|r| {
                let rows = match (r.count.as_slice(), r.rows) {
                    ([], n) if n >= 1 => RosterRows::Fixed(u32::try_from(n).map_err(|_| bad(format!("{code}: roster rows {n}")))?),
                    ([], _) => return Err(bad(format!("{code}: a roster needs count or rows"))),
                    (ids, 0) => RosterRows::Count(
                        ids.iter()
                            .map(|id| Q::from_id(id).ok_or_else(|| bad(format!("{code}: roster count {id} is no question"))))
                            .collect::<Result<_, _>>()?,
                    ),
                    _ => return Err(bad(format!("{code}: a roster has count or rows, not both"))),
                };
                let columns = r
                    .columns
                    .iter()
                    .map(|(id, zh, kind, from)| {
                        let resident_id = match *kind {
                            "" => false,
                            "resident_id" => true,
                            other => return Err(bad(format!("{code}: roster column {id} has unknown kind {other}"))),
                        };
                        let from = match from.split_once(':') {
                            None if from.is_empty() => None,
                            Some(("answer", q)) => {
                                Some(CellSource::Answer(Q::from_id(q).ok_or_else(|| bad(format!("{code}: roster column {id} reads no question {q}")))?))
                            }
                            Some(("applicant", f)) if crate::applicant::APPLICANT_FIELDS.iter().any(|a| a.id == f) => Some(CellSource::Applicant(f.to_owned())),
                            _ => return Err(bad(format!("{code}: roster column {id} has an unknown source {from}"))),
                        };
                        Ok(RosterColumn { id: (*id).to_owned(), label_zh: (*zh).to_owned(), resident_id, from })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if columns.is_empty() {
                    return Err(bad(format!("{code}: a roster needs columns")));
                }
                Ok(Roster { title_zh: r.title_zh.to_owned(), rows, columns })
            })
            .transpose()?;
        Ok(Some(Form { title_zh: title.to_owned(), roster }))
    }
}

/// The JSON form of `[entry.roster]`, read only by [`Catalogue::from_json`].
#[derive(Clone, Deserialize)]
struct JsonRoster {
    title_zh: String,
    #[serde(default)]
    count: Vec<String>,
    #[serde(default)]
    rows: i64,
    columns: Vec<JsonColumn>,
}

#[derive(Clone, Deserialize)]
struct JsonColumn {
    id: String,
    zh: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    from: String,
}

/// One `[[entry]]` in JSON: the entry and its form's data.
#[derive(Clone, Deserialize)]
struct JsonEntry {
    #[serde(flatten)]
    entry: Entry,
    #[serde(default)]
    form_title: String,
    roster: Option<JsonRoster>,
    #[serde(default)]
    territory: bool,
    #[serde(default)]
    event: String,
    #[serde(default)]
    ask_together: Vec<Vec<String>>,
}

#[derive(Deserialize)]
struct RawCatalogue {
    units: BTreeMap<String, String>,
    fallback_units: BTreeMap<String, String>,
    entry: Vec<JsonEntry>,
}

/// An entry's `ask_together`: each group of question ids as questions.
fn asked_together<'a, G: Iterator<Item = &'a str>>(code: &str, groups: impl Iterator<Item = G>) -> Result<Vec<Vec<crate::Q>>, Error> {
    groups.map(|group| group.map(|id| crate::Q::from_id(id).ok_or_else(|| bad(format!("{code}: ask_together names {id}, no question")))).collect()).collect()
}

/// The plan's parameter behind each value name (none for a pack's own value).
fn accessors(names: &[String]) -> Vec<Option<crate::params::Accessor>> {
    names.iter().map(|n| crate::Params::accessor(n)).collect()
}

/// The catalogue: all 47 entries in catalogue order (A1–A22, B1, C1, D1–D20, E1–E3).
#[derive(Debug)]
pub struct Catalogue {
    /// The entries.
    pub entries: Vec<Entry>,
}

fn bad(what: String) -> Error {
    Error::new(ErrorKind::Data, None, Text::new(format!("目录文件有误：{what}"), format!("catalogue file is inconsistent: {what}")))
}

/// "This entry is for: …", in both languages, for the plan's entries and a pack's alike.
fn audience(types: &[ApplicantType]) -> (String, String) {
    let names: Vec<StaticText> = types.iter().map(|t| t.name()).collect();
    (
        format!("此条目面向：{}。", names.iter().map(|n| n.zh).collect::<Vec<_>>().join("；")),
        format!("This entry is for: {}.", names.iter().map(|n| n.en).collect::<Vec<_>>().join("; ")),
    )
}

/// An entry as a pack adds it, checked ([`crate::added`]).
pub(crate) struct AddedEntry {
    pub code: String,
    pub id: String,
    pub name: (String, String),
    pub clause: String,
    pub quote: Vec<String>,
    pub applicant_types: Vec<ApplicantType>,
    pub amount_rule: AmountRule,
    pub amount_rule_text: (String, String),
    pub lead_unit: String,
    pub documents: (Vec<String>, Vec<String>),
    pub event: Option<crate::Q>,
    pub added_in: String,
    pub values: Vec<String>,
    pub rule_text: Vec<crate::entries::table::RuleText>,
    pub form_title: String,
}

/// What a pack's restatement of a plan entry changes ([`Entry::restated`]).
pub(crate) struct Restatement {
    pub document: String,
    pub name: Option<(String, String)>,
    pub clause: String,
    pub quote: Vec<String>,
    pub amount_rule: AmountRule,
    pub amount_rule_text: (String, String),
    pub event: crate::Q,
    pub values: Vec<String>,
    pub rule_text: Vec<crate::entries::table::RuleText>,
    pub rules: Vec<crate::entries::table::Rule>,
}

impl Entry {
    /// An entry a pack adds, with its compiled table.
    pub(crate) fn added(a: AddedEntry, rules: Vec<crate::entries::table::Rule>) -> Result<Entry, Error> {
        let audience = audience(&a.applicant_types);
        Ok(Entry {
            form: Form::build(&a.code, &a.form_title, None)?,
            templates: [a.name.0.clone(), a.name.1.clone(), a.amount_rule_text.0.clone(), a.amount_rule_text.1.clone()],
            code: a.code,
            id: a.id,
            name_zh: a.name.0,
            name_en: a.name.1,
            clause: a.clause,
            quote: a.quote,
            applicant_types: a.applicant_types,
            amount_rule: a.amount_rule,
            amount_rule_zh: a.amount_rule_text.0,
            amount_rule_en: a.amount_rule_text.1,
            units: a.lead_unit.clone(),
            lead_unit: a.lead_unit,
            documents_zh: a.documents.0,
            documents_en: a.documents.1,
            information: false,
            ask_zh: String::new(),
            ask_en: String::new(),
            rule_text: a.rule_text,
            rules,
            added_in: Some(a.added_in),
            restated_in: None,
            territory: false,
            event: a.event,
            together: Vec::new(),
            items: Vec::new(),
            value_access: accessors(&a.values),
            value_names: a.values,
            audience,
        })
    }

    /// This plan entry as a pack restates it: its own table, event, clause and
    /// amount rule; who may apply, its form and its papers as the plan's.
    pub(crate) fn restated(&self, r: Restatement) -> Entry {
        let mut e = self.clone();
        e.restated_in = Some(r.document);
        if let Some((zh, en)) = r.name {
            e.templates[0] = zh.clone();
            e.templates[1] = en.clone();
            (e.name_zh, e.name_en) = (zh, en);
        }
        e.templates[2] = r.amount_rule_text.0.clone();
        e.templates[3] = r.amount_rule_text.1.clone();
        (e.amount_rule_zh, e.amount_rule_en) = r.amount_rule_text;
        e.clause = r.clause;
        e.quote = r.quote;
        e.amount_rule = r.amount_rule;
        e.event = Some(r.event);
        e.value_access = accessors(&r.values);
        e.value_names = r.values;
        e.rule_text = r.rule_text;
        e.rules = r.rules;
        e
    }

    fn from_raw(raw: &RawEntry) -> Result<Entry, Error> {
        let applicant_types = raw
            .applicant_types
            .iter()
            .map(|c| ApplicantType::from_code(c).ok_or_else(|| bad(format!("{}: unknown applicant type {c}", raw.code))))
            .collect::<Result<_, _>>()?;
        Ok(Entry {
            code: raw.code.to_owned(),
            id: raw.id.to_owned(),
            name_zh: raw.name_zh.to_owned(),
            name_en: raw.name_en.to_owned(),
            clause: raw.clause.to_owned(),
            quote: raw.quote.iter().map(|q| (*q).to_owned()).collect(),
            applicant_types,
            amount_rule: AmountRule::from_code(raw.amount_rule).ok_or_else(|| bad(format!("{}: unknown amount rule {}", raw.code, raw.amount_rule)))?,
            amount_rule_zh: raw.amount_rule_zh.to_owned(),
            amount_rule_en: raw.amount_rule_en.to_owned(),
            lead_unit: raw.lead_unit.to_owned(),
            documents_zh: raw.documents_zh.iter().map(|d| (*d).to_owned()).collect(),
            documents_en: raw.documents_en.iter().map(|d| (*d).to_owned()).collect(),
            units: String::new(),
            information: raw.information,
            ask_zh: raw.ask_zh.to_owned(),
            ask_en: raw.ask_en.to_owned(),
            rule_text: raw
                .rules
                .iter()
                .map(|r| crate::entries::table::RuleText {
                    when: r.when.into(),
                    status: r.status.into(),
                    amount: r.amount.into(),
                    held: r.held.into(),
                    higher_zh: r.higher_zh.into(),
                    higher_en: r.higher_en.into(),
                    reason_zh: r.reason_zh.into(),
                    reason_en: r.reason_en.into(),
                    miss_question: r.miss_question.into(),
                    miss_zh: r.miss_zh.into(),
                    miss_en: r.miss_en.into(),
                    unit_zh: r.unit_zh.into(),
                    unit_en: r.unit_en.into(),
                    until: r.until.into(),
                    value: r.value.into(),
                    min: r.min.into(),
                    cash: r.cash.into(),
                    also_zh: r.also_zh.into(),
                    also_en: r.also_en.into(),
                    x7_zh: r.x7_zh.into(),
                    x7_en: r.x7_en.into(),
                    asks: r.asks.into(),
                    lead: r.lead.into(),
                    evidence: r.evidence.into(),
                    outside_zh: r.outside_zh.into(),
                    outside_en: r.outside_en.into(),
                    name: r.name.into(),
                })
                .collect(),
            rules: Vec::new(),
            added_in: None,
            restated_in: None,
            event: match raw.event {
                "" => None,
                id => Some(crate::Q::from_id(id).ok_or_else(|| bad(format!("{}: event {id} is no question", raw.code)))?),
            },
            territory: raw.territory,
            together: asked_together(raw.code, raw.together.iter().map(|g| g.iter().copied()))?,
            items: Vec::new(),
            value_names: Vec::new(),
            value_access: Vec::new(),
            templates: Default::default(),
            form: Form::build(
                raw.code,
                raw.form_title,
                raw.roster.as_ref().map(|r| RosterSpec {
                    title_zh: r.title_zh,
                    count: r.count.to_vec(),
                    rows: r.rows,
                    columns: r.columns.iter().map(|c| (c.id, c.zh, c.kind, c.from)).collect(),
                }),
            )?,
            audience: Default::default(),
        })
    }
}

impl Catalogue {
    /// Reads a catalogue file in JSON form (`data/entries.toml` converted to JSON),
    /// so that a successor's file can be checked before it is embedded. The shipped
    /// catalogue is [`crate::Params::catalogue`], which `build.rs` embeds as Rust data.
    pub fn from_json(source: &str) -> Result<Catalogue, Error> {
        let raw: RawCatalogue = serde_json::from_str(source).map_err(|e| bad(e.to_string()))?;
        let units = |clause: &str| raw.units.get(clause).or_else(|| raw.fallback_units.get(clause)).map(String::as_str);
        let entries = raw
            .entry
            .iter()
            .map(|j| {
                let roster = j.roster.as_ref().map(|r| RosterSpec {
                    title_zh: &r.title_zh,
                    count: r.count.iter().map(String::as_str).collect(),
                    rows: r.rows,
                    columns: r.columns.iter().map(|c| (c.id.as_str(), c.zh.as_str(), c.kind.as_str(), c.from.as_str())).collect(),
                });
                let event = match j.event.as_str() {
                    "" => None,
                    id => Some(crate::Q::from_id(id).ok_or_else(|| bad(format!("{}: event {id} is no question", j.entry.code)))?),
                };
                let together = asked_together(&j.entry.code, j.ask_together.iter().map(|g| g.iter().map(String::as_str)))?;
                Ok(Entry { form: Form::build(&j.entry.code, &j.form_title, roster)?, territory: j.territory, event, together, ..j.entry.clone() })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Catalogue::finish(entries, units)
    }

    /// Fills in each entry's responsible units and audience, and its texts
    /// from the plan's own values (a successor's result is worded under its
    /// own document, [`crate::params::Policy`]'s `worded`).
    fn finish<'a>(mut entries: Vec<Entry>, units: impl Fn(&str) -> Option<&'a str>) -> Result<Catalogue, Error> {
        let plan = crate::Params::plan_only()?;
        let params = &plan;
        for e in &mut entries {
            e.templates = [e.name_zh.clone(), e.name_en.clone(), e.amount_rule_zh.clone(), e.amount_rule_en.clone()];
            let fill = |t: &str| crate::template::fill(t, params, crate::Date::LATEST).map_err(|err| bad(format!("{}: {}", e.code, err.message.en)));
            let filled = [fill(&e.templates[0])?, fill(&e.templates[1])?, fill(&e.templates[2])?, fill(&e.templates[3])?];
            [e.name_zh, e.name_en, e.amount_rule_zh, e.amount_rule_en] = filled;
            if let Some(form) = &mut e.form {
                form.title_zh = fill(&form.title_zh)?;
            }
            e.units = units(&e.clause).ok_or_else(|| bad(format!("no units for clause {} of {}", e.clause, e.id)))?.to_owned();
            // A table reads the plan's values of one number by name, as in force on its event's date.
            if !e.rule_text.is_empty() {
                e.value_names = params.value_names();
                e.value_access = accessors(&e.value_names);
            }
            let names = crate::entries::table::AnswerNames { added: &[], values: &e.value_names };
            e.rules = crate::entries::table::compile(&e.code, &e.rule_text, &names).map_err(bad)?;
            if e.rules.is_empty() {
                return Err(bad(format!("{}: every entry is decided by its rows ([[entry.rule]]), and it has none", e.code)));
            }
            let items = crate::entries::table::items(&e.code, &e.rule_text, &names).map_err(bad)?;
            e.items = items
                .into_iter()
                .map(|(event, rules)| Entry { rules, event: Some(event), territory: false, together: Vec::new(), items: Vec::new(), ..e.clone() })
                .collect();
            e.audience = audience(&e.applicant_types);
        }
        Ok(Catalogue { entries })
    }

    /// The shipped catalogue, checked: what [`crate::Params::catalogue`] holds.
    pub(crate) fn build() -> Result<Catalogue, Error> {
        let entries = data::ENTRIES.iter().map(Entry::from_raw).collect::<Result<_, _>>()?;
        let find = |table: &'static [(&'static str, &'static str)], clause: &str| table.iter().find(|u| u.0 == clause).map(|u| u.1);
        Catalogue::finish(entries, |clause| find(data::UNITS, clause).or_else(|| find(data::FALLBACK_UNITS, clause)))
    }

    /// True when an entry of the shipped catalogue has exactly this code (`A11`).
    /// It reads the codes alone, so that a program which checks no more (the
    /// widget's first screen checking a policy pack) carries no entry's text.
    pub fn has_code(code: &str) -> bool {
        data::CODES.contains(&code)
    }

    /// The entry with this id (`graduate-hiring-subsidy`) or code (`A11`, any case).
    pub fn find(&self, key: &str) -> Result<&Entry, Error> {
        let key = key.trim();
        self.entries.iter().find(|e| e.id == key || e.code.eq_ignore_ascii_case(key)).ok_or_else(|| {
            Error::new(
                ErrorKind::UnknownIncentive,
                Some(key),
                Text::new("没有这个政策条目；请用 chanjiao incentives 查看全部 47 项的编号", "no such incentive; `chanjiao incentives` lists all 47 ids"),
            )
        })
    }
}
