//! The applicant's answers: read from JSON (or typed text), checked against each
//! question's rule, and held in a typed array indexed by [`Q`].

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::{Map, Value as Json};

use crate::catalogue::ApplicantType;
use crate::date::Date;
use crate::error::{Error, ErrorKind};
use crate::questions::{Kind, Q, QUESTIONS, YEAR_KEYS, YEAR_STANDING, YEARLY};
use crate::text::{Lang, Text};
use crate::validate;

/// One checked answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Yes or no.
    YesNo(bool),
    /// A whole number.
    Count(u64),
    /// Yuan.
    Money(Decimal),
    /// A date.
    Date(Date),
    /// A year.
    Year(u16),
    /// The id of one option.
    Choice(&'static str),
    /// "不清楚": the applicant does not know (only for the questions of
    /// [`crate::questions::UNSURE`]). Rules read it as unanswered; the result
    /// that waits on it goes to a person ([`crate::Status::ManualReview`]),
    /// and the question is not asked again.
    Unknown,
}

impl Value {
    /// The value as plain ASCII text that reads back to itself: `true`, `1200`,
    /// `35000000`, `2024-03-01`, `2024`, an option's id.
    pub fn canonical(&self) -> String {
        match self {
            Value::YesNo(b) => b.to_string(),
            Value::Unknown => "unknown".to_owned(),
            Value::Count(n) => n.to_string(),
            Value::Money(m) => m.normalize().to_string(),
            Value::Date(d) => d.to_string(),
            Value::Year(y) => y.to_string(),
            Value::Choice(c) => (*c).to_owned(),
        }
    }
}

/// All answers given so far; an unanswered question holds nothing. A file may
/// give the facts of several years (`years`), each year's apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answers {
    values: Vec<Option<Value>>,
    /// The facts of each year, by year ([`crate::questions::YEARLY`] and
    /// [`crate::questions::YEAR_STANDING`], and the balance carried into it).
    years: BTreeMap<u16, Answers>,
}

impl Default for Answers {
    fn default() -> Self {
        Answers { values: vec![None; QUESTIONS.len()], years: BTreeMap::new() }
    }
}

/// The most years one file may hold: a generation of claims, and a bound on
/// the work one file can ask for.
pub const MAX_YEARS: usize = 30;

/// The answers in asking order ([`Answers::iter`]): the plan's alone, or merged
/// with a pack's.
enum Iter<'a> {
    /// The plan's questions from row `at`.
    Plan {
        at: usize,
        values: &'a [Option<Value>],
    },
    Merged(std::vec::IntoIter<(Q, &'a Value)>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (Q, &'a Value);

    fn next(&mut self) -> Option<(Q, &'a Value)> {
        match self {
            Iter::Plan { at, values } => {
                while let (Some(q), Some(v)) = (QUESTIONS.get(*at), values.get(*at)) {
                    *at += 1;
                    if let Some(v) = v {
                        return Some((q.q, v));
                    }
                }
                None
            }
            Iter::Merged(all) => all.next(),
        }
    }
}

/// An answers file's JSON, or the error that says where it is not JSON.
fn parse(text: &str) -> Result<Json, Error> {
    serde_json::from_str(text).map_err(|e| {
        Error::new(
            ErrorKind::Malformed,
            None,
            Text::new(
                format!("答案文件不是有效的 JSON（第 {} 行第 {} 列）：{e}", e.line(), e.column()),
                format!("the answers are not valid JSON (line {}, column {}): {e}", e.line(), e.column()),
            ),
        )
    })
}

/// The question with this id, a pack's under `params` included, or the error
/// that names the unknown key.
fn question_under(key: &str, params: Option<&crate::Params>) -> Result<Q, Error> {
    match params.and_then(|p| p.question(key)) {
        Some(q) => Ok(q),
        None => question(key),
    }
}

/// The question with this id, or the error that names the unknown key.
fn question(key: &str) -> Result<Q, Error> {
    Q::from_id(key).ok_or_else(|| {
        Error::new(
            ErrorKind::UnknownQuestion,
            Some(key),
            Text::new("没有这个问题；请用 chanjiao schema 查看可用的字段名", "no such question; `chanjiao schema` lists the field names"),
        )
    })
}

fn invalid(q: Q, problem: Text) -> Error {
    let label = q.def().label;
    Error::new(ErrorKind::InvalidAnswer, Some(q.id()), Text::new(format!("“{}”：{}", label.zh, problem.zh), format!("\"{}\": {}", label.en, problem.en)))
}

impl Answers {
    /// No answers.
    pub fn new() -> Answers {
        Answers::default()
    }

    /// Reads an answers file: a JSON object whose keys are question ids. `null` leaves
    /// a question unanswered. Unknown keys and bad values are errors naming the field.
    pub fn from_json(text: &str) -> Result<Answers, Error> {
        Answers::from_json_value(&parse(text)?)
    }

    /// Reads an answers file under a policy: the questions its packs add are
    /// known too (see [`Answers::from_json`]).
    pub fn from_json_under(text: &str, params: &crate::Params) -> Result<Answers, Error> {
        Answers::from_json_value_under(&parse(text)?, params)
    }

    /// Reads answers from a parsed JSON value (see [`Answers::from_json`]).
    pub fn from_json_value(json: &Json) -> Result<Answers, Error> {
        Answers::read_value(json, None)
    }

    /// Reads answers from a parsed JSON value under a policy (see [`Answers::from_json_under`]).
    pub fn from_json_value_under(json: &Json, params: &crate::Params) -> Result<Answers, Error> {
        Answers::read_value(json, Some(params))
    }

    fn read_value(json: &Json, params: Option<&crate::Params>) -> Result<Answers, Error> {
        let Json::Object(map) = json else {
            return Err(Error::new(
                ErrorKind::Malformed,
                None,
                Text::new(
                    "答案文件应为 JSON 对象，例如 {\"applicant_type\": \"ENT\"}",
                    "the answers must be a JSON object, e.g. {\"applicant_type\": \"ENT\"}",
                ),
            ));
        };
        let mut answers = Answers::new();
        for (key, value) in map {
            if key == "years" {
                answers.years = read_years(value)?;
                continue;
            }
            let q = question_under(key, params)?;
            match value {
                Json::Null => {}
                Json::Array(roles) if q == Q::ApplicantType => answers.set_roles(roles, map)?,
                _ => answers.put(q, Some(read_json(q, value)?)),
            }
        }
        answers.check_years()?;
        Ok(answers)
    }

    /// With several years, a year's facts belong under it: given once at the top
    /// they would count for every year.
    fn check_years(&self) -> Result<(), Error> {
        if self.years.is_empty() {
            return Ok(());
        }
        if let Some(q) = YEARLY.iter().chain(YEAR_KEYS).find(|q| self.get(**q).is_some()) {
            let label = q.def().label;
            return Err(Error::new(
                ErrorKind::InvalidAnswer,
                Some(q.id()),
                Text::new(
                    format!("“{}”按年度填写：文件已分年度（years），请写在对应年度下", label.zh),
                    format!("\"{}\" belongs to a year: the file gives several years, so give it under each year in `years`", label.en),
                ),
            ));
        }
        Ok(())
    }

    /// A year's dated facts (a hire, a completion, a certificate) happened in
    /// that year: a date in another year would count the event in the wrong
    /// year, or twice.
    pub(crate) fn check_dates_in_years(&self) -> Result<(), Error> {
        for (year, own) in &self.years {
            for (q, v) in own.iter() {
                if let Value::Date(d) = v
                    && d.year() != *year
                {
                    let label = q.def().label;
                    return Err(Error::new(
                        ErrorKind::InvalidAnswer,
                        Some(&format!("years.{year}.{}", q.id())),
                        Text::new(
                            format!("“{}”为 {d}，不在 {year} 年度内；请写在 {} 年度下，或改正日期", label.zh, d.year()),
                            format!("\"{}\" is {d}, not in {year}; give it under {}, or correct the date", label.en, d.year()),
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The years the answers give facts for, in order (none for a file of one year).
    pub fn years(&self) -> impl Iterator<Item = u16> + '_ {
        self.years.keys().copied()
    }

    /// True when the answers give several years' facts (`years`).
    pub fn has_years(&self) -> bool {
        !self.years.is_empty()
    }

    /// The answers of one year: the facts given once, then that year's, the
    /// year answering the questions a year answers ([`YEAR_KEYS`]); the
    /// balance carried in is `carried_in` when known (the year before's closing
    /// balance, or for the first year the one given at the top), else what the
    /// year itself says. A year stated to open with a balance other than the one
    /// carried to it is an error naming both.
    pub(crate) fn for_year(&self, year: u16, carried_in: Option<Decimal>) -> Result<Answers, Error> {
        let own = self.years.get(&year);
        let mut a = Answers { values: self.values.clone(), years: BTreeMap::new() };
        a.put(Q::B1CarriedIn, None);
        if let Some(own) = own {
            for (q, v) in own.iter() {
                a.put(q, Some(v.clone()));
            }
        }
        for q in YEAR_KEYS {
            a.put(*q, Some(Value::Year(year)));
        }
        if let Some(c) = carried_in {
            if let Some(stated) = a.money(Q::B1CarriedIn).filter(|s| *s != c) {
                return Err(Error::new(
                    ErrorKind::InvalidAnswer,
                    Some(&format!("years.{year}.{}", Q::B1CarriedIn.id())),
                    Text::new(
                        format!(
                            "{year} 年的上年结转写为 {}，而此年度的期初余额为 {}（第一个年度取文件顶层给出的余额，之后各年度由上一年度自动结转）；请删去此项或核对",
                            crate::money::yuan_zh(stated),
                            crate::money::yuan_zh(c)
                        ),
                        format!(
                            "{year} is said to open with {} carried in, but it opens with {} (the balance given at the top of the file for the first year, carried from the year before for later ones); remove it or check it",
                            crate::money::yuan_en(stated),
                            crate::money::yuan_en(c)
                        ),
                    ),
                ));
            }
            a.put(Q::B1CarriedIn, Some(Value::Money(c)));
        }
        Ok(a)
    }

    /// Reads `"applicant_type": ["IND-GRAD", "IND-WORKER"]`: the first role is the
    /// applicant type and the list answers each other role's `also_*` question
    /// (yes when listed, no when not), so a file in either form holds the same
    /// answers.
    fn set_roles(&mut self, roles: &[Json], map: &Map<String, Json>) -> Result<(), Error> {
        let bad = |zh: String, en: String| invalid(Q::ApplicantType, Text::new(zh, en));
        let mut types = Vec::new();
        for role in roles {
            let t = role
                .as_str()
                .and_then(ApplicantType::from_code)
                .ok_or_else(|| bad(format!("{role} 不是申请人类型；可选 {}", codes()), format!("{role} is not an applicant type; one of {}", codes())))?;
            if !types.contains(&t) {
                types.push(t);
            }
        }
        let Some(&first) = types.first() else {
            return Err(bad("至少列出一种身份".into(), "list at least one role".into()));
        };
        if types.len() > 1 && !types.iter().all(|t| t.is_individual()) {
            return Err(bad(
                "只有个人可以同时有几种身份（毕业生、劳动者、教师）；单位只选一种类型".into(),
                "only a person can have several roles (graduate, worker, teacher); an organisation has one type".into(),
            ));
        }
        if let Some(q) = ROLE_QUESTIONS.iter().map(|(q, _)| *q).find(|q| map.contains_key(q.id())) {
            return Err(bad(format!("身份已在列表中给出，不能再写 {}", q.id()), format!("the roles are given as a list, so {} cannot be given too", q.id())));
        }
        self.put(Q::ApplicantType, Some(Value::Choice(first.code())));
        // The list names every role, so a person's other roles are answered no.
        if first.is_individual() {
            for (q, t) in ROLE_QUESTIONS {
                if t != first {
                    self.put(q, Some(Value::YesNo(types.contains(&t))));
                }
            }
        }
        Ok(())
    }

    /// Sets one answer from text as a person typed it (`"１２"`, `"3500万"`, `"是"`).
    /// Empty text clears the answer.
    pub fn set_text(&mut self, q: Q, raw: &str) -> Result<(), Error> {
        if raw.trim().is_empty() {
            self.put(q, None);
            return Ok(());
        }
        self.put(q, Some(read_text(q, raw)?));
        Ok(())
    }

    /// Sets one answer that is already checked.
    pub fn set(&mut self, q: Q, value: Value) -> Result<(), Error> {
        self.set_text(q, &value.canonical())
    }

    /// Answers from `(question id, text)` pairs, each read as [`Answers::set_text`]
    /// reads it; an unknown id or a bad value is an error naming the field.
    /// A year's fact is named `2024.graduates_hired`.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Answers, Error> {
        Answers::pairs(pairs, None)
    }

    /// The same under a policy: the questions its packs add are known too.
    pub fn from_pairs_under<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>, params: &crate::Params) -> Result<Answers, Error> {
        Answers::pairs(pairs, Some(params))
    }

    fn pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>, params: Option<&crate::Params>) -> Result<Answers, Error> {
        let mut answers = Answers::new();
        for (id, text) in pairs {
            match id.split_once('.') {
                Some((year, id)) => {
                    let year = year_key(year)?;
                    answers.set_in_year(year, year_question(year, id)?, text)?;
                }
                None => answers.set_text(question_under(id, params)?, text)?,
            }
        }
        answers.check_years()?;
        Ok(answers)
    }

    /// Sets one of a year's facts from text, as [`Answers::set_text`] does (empty
    /// text clears it), adding the year if it is new. The fact must be one a
    /// year may hold.
    pub fn set_in_year(&mut self, year: u16, q: Q, raw: &str) -> Result<(), Error> {
        year_question(year, q.id())?;
        let own = self.years.entry(year).or_default();
        own.set_text(q, raw).map_err(|e| Error { field: Some(format!("years.{year}.{}", q.id())), ..e })
    }

    /// Adds a year with no facts yet, for them to be asked; at most [`MAX_YEARS`].
    pub fn add_year(&mut self, year: u16) -> Result<(), Error> {
        year_key(&year.to_string())?;
        if !self.years.contains_key(&year) && self.years.len() >= MAX_YEARS {
            return Err(Error::new(
                ErrorKind::InvalidAnswer,
                Some("years"),
                Text::new(format!("最多 {MAX_YEARS} 个年度"), format!("at most {MAX_YEARS} years")),
            ));
        }
        self.years.entry(year).or_default();
        Ok(())
    }

    /// Removes a year and its facts.
    pub fn remove_year(&mut self, year: u16) {
        self.years.remove(&year);
    }

    /// The facts given for one year, if any.
    pub fn facts_of(&self, year: u16) -> Option<&Answers> {
        self.years.get(&year)
    }

    /// Reads the text [`Answers::canonical`] writes (`id=value;id=value`).
    pub fn from_canonical(text: &str) -> Result<Answers, Error> {
        Answers::canonical_under(text, None)
    }

    /// The same under a policy: the questions its packs add are known too.
    pub fn from_canonical_under(text: &str, params: &crate::Params) -> Result<Answers, Error> {
        Answers::canonical_under(text, Some(params))
    }

    fn canonical_under(text: &str, params: Option<&crate::Params>) -> Result<Answers, Error> {
        let malformed = || {
            Error::new(ErrorKind::Malformed, None, Text::new("答案应写成 字段=值，以分号分隔", "the answers must be id=value pairs separated by semicolons"))
        };
        let pairs = text.split(';').filter(|p| !p.is_empty()).map(|p| p.split_once('=').ok_or_else(malformed)).collect::<Result<Vec<_>, _>>()?;
        Answers::pairs(pairs, params)
    }

    /// Every answer as `id=value`, in asking order, joined by `;`: the values in
    /// their canonical text ([`Value::canonical`]). Each pair reads back with
    /// [`Answers::set_text`]; a form's answers digest is taken over this text.
    pub fn canonical(&self) -> String {
        let own = self.iter().map(|(q, v)| format!("{}={}", q.id(), v.canonical()));
        let years = self.years.iter().flat_map(|(y, a)| a.iter().map(move |(q, v)| format!("{y}.{}={}", q.id(), v.canonical())));
        own.chain(years).collect::<Vec<_>>().join(";")
    }

    /// Clears one answer.
    pub fn clear(&mut self, q: Q) {
        self.put(q, None);
    }

    /// The answer to a question, if given.
    pub fn get(&self, q: Q) -> Option<&Value> {
        self.values.get(q.index()).and_then(Option::as_ref).or_else(|| self.implied(q))
    }

    /// True when `q` is answered "不清楚" ([`Value::Unknown`]).
    pub fn unsure(&self, q: Q) -> bool {
        matches!(self.get(q), Some(Value::Unknown))
    }

    /// The answer to `q` another answer gives ([`crate::questions::IMPLIED`]).
    fn implied(&self, q: Q) -> Option<&'static Value> {
        static YES: Value = Value::YesNo(true);
        static NO: Value = Value::YesNo(false);
        // Read on every unanswered question, so the question is matched first.
        crate::questions::IMPLIED.iter().filter(|(_, _, implied, _)| *implied == q).find_map(|(given, option, _, value)| {
            let answer = self.values.get(given.index()).and_then(Option::as_ref)?;
            let matches = match answer {
                Value::Choice(id) => id == option,
                Value::YesNo(b) => (if *b { "true" } else { "false" }) == *option,
                _ => false,
            };
            matches.then_some(if *value { &YES } else { &NO })
        })
    }

    /// A yes-or-no answer.
    pub fn yes(&self, q: Q) -> Option<bool> {
        match self.get(q) {
            Some(Value::YesNo(b)) => Some(*b),
            _ => None,
        }
    }

    /// A count.
    pub fn count(&self, q: Q) -> Option<u64> {
        match self.get(q) {
            Some(Value::Count(n)) => Some(*n),
            _ => None,
        }
    }

    /// An amount of money.
    pub fn money(&self, q: Q) -> Option<Decimal> {
        match self.get(q) {
            Some(Value::Money(m)) => Some(*m),
            _ => None,
        }
    }

    /// A date.
    pub fn date(&self, q: Q) -> Option<Date> {
        match self.get(q) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }

    /// A year.
    pub fn year(&self, q: Q) -> Option<u16> {
        match self.get(q) {
            Some(Value::Year(y)) => Some(*y),
            _ => None,
        }
    }

    /// The id of the chosen option.
    pub fn choice(&self, q: Q) -> Option<&'static str> {
        match self.get(q) {
            Some(Value::Choice(c)) => Some(c),
            _ => None,
        }
    }

    /// The applicant type, once answered: for a person with several roles, the
    /// first one named.
    pub fn applicant_type(&self) -> Option<ApplicantType> {
        self.choice(Q::ApplicantType).and_then(ApplicantType::from_code)
    }

    /// Every role the applicant applies in: the applicant type, then, for a
    /// person, each other individual role answered yes (an unanswered `also_*`
    /// counts as no). An organisation or school has its one type. Empty until
    /// the applicant type is answered.
    pub fn roles(&self) -> Vec<ApplicantType> {
        let Some(first) = self.applicant_type() else { return Vec::new() };
        let mut roles = vec![first];
        if first.is_individual() {
            roles.extend(ROLE_QUESTIONS.iter().filter(|(q, t)| *t != first && self.yes(*q) == Some(true)).map(|(_, t)| *t));
        }
        roles
    }

    /// True when some role of the applicant may be asked `q` (the applicant
    /// type is asked of everyone).
    pub fn asks(&self, q: Q) -> bool {
        q == Q::ApplicantType || self.roles().into_iter().any(|t| q.def().asks(t))
    }

    /// An answer in words, as a form or a list of evidence shows it: 是/否, an
    /// option's label, money in yuan with separators, a date, a number.
    pub fn shown(&self, q: Q, lang: Lang) -> Option<String> {
        Some(match self.get(q)? {
            Value::YesNo(b) => lang.pick(if *b { "是" } else { "否" }, if *b { "Yes" } else { "No" }).to_owned(),
            Value::Unknown => lang.pick("不清楚", "Not sure").to_owned(),
            Value::Count(n) => n.to_string(),
            Value::Money(m) => match lang {
                Lang::Zh => crate::money::yuan_zh(*m),
                Lang::En => crate::money::yuan_en(*m),
            },
            Value::Date(d) => d.to_string(),
            Value::Year(y) => y.to_string(),
            Value::Choice(c) => q.def().option_label(c).map_or_else(|| (*c).to_owned(), |l| l.get(lang).to_owned()),
        })
    }

    /// The answered questions, in asking order.
    pub fn iter(&self) -> impl Iterator<Item = (Q, &Value)> {
        if self.values.len() <= QUESTIONS.len() {
            // Every rule reads the answers through this, many times an evaluation:
            // with no pack's question answered, nothing is allocated.
            return Iter::Plan { at: 0, values: &self.values };
        }
        // A pack's questions are asked among the built-in ones, each after the
        // question it follows; each is put in its place by a binary search, not
        // a sort: the widget's first screen reads answers too, and a sort's code
        // is large in it.
        let mut all: Vec<(Q, &Value)> = QUESTIONS.iter().zip(&self.values).filter_map(|(q, v)| v.as_ref().map(|v| (q.q, v))).collect();
        for (i, v) in self.values.iter().enumerate().skip(QUESTIONS.len()) {
            if let (Some(q), Some(v)) = (crate::questions::added::at(i), v.as_ref()) {
                all.insert(all.partition_point(|(p, _)| *p < q), (q, v));
            }
        }
        Iter::Merged(all.into_iter())
    }

    /// The built-in questions among `read` (one bit per question, by its
    /// index) that are answered, in asking order: what [`Answers::iter`]
    /// gives of them, found from the bits rather than by walking every row,
    /// since each entry's result asks it once.
    pub(crate) fn answered_among(&self, mut read: u128) -> Vec<Q> {
        let mut out = Vec::with_capacity(read.count_ones() as usize);
        while read != 0 {
            let i = read.trailing_zeros() as usize;
            read &= read - 1;
            if let (Some(q), Some(Some(_))) = (QUESTIONS.get(i), self.values.get(i)) {
                out.push(q.q);
            }
        }
        out
    }

    /// Sets or clears one answer; the row of a pack's question is made on first use.
    fn put(&mut self, q: Q, value: Option<Value>) {
        if q.index() >= self.values.len() {
            if value.is_none() {
                return;
            }
            self.values.resize(q.index() + 1, None);
        }
        self.values[q.index()] = value;
        // Equal answers hold equal rows: none is kept past the last pack answer.
        while self.values.len() > QUESTIONS.len() && self.values.last().is_some_and(Option::is_none) {
            self.values.pop();
        }
    }

    /// The answers as a canonical JSON object: question ids in asking order, money
    /// and dates as strings, so that the file round-trips exactly.
    pub fn to_json(&self) -> Json {
        let mut map = Map::new();
        for (q, v) in self.iter() {
            let json = match v {
                Value::YesNo(b) => Json::Bool(*b),
                Value::Unknown => Json::String("unknown".to_owned()),
                Value::Count(n) => Json::from(*n),
                Value::Money(m) => Json::String(m.to_string()),
                Value::Date(d) => Json::String(d.to_string()),
                Value::Year(y) => Json::from(*y),
                Value::Choice(c) => Json::String((*c).to_owned()),
            };
            map.insert(q.id().to_owned(), json);
        }
        if !self.years.is_empty() {
            map.insert("years".to_owned(), Json::Object(self.years.iter().map(|(y, a)| (y.to_string(), a.to_json())).collect()));
        }
        Json::Object(map)
    }

    /// The first date or year answered that lies after `on`: an event cannot be
    /// claimed before it has happened. A year of `years` still to come is no
    /// error (it is reported as such, not evaluated); only when every year is
    /// to come is there nothing to evaluate.
    pub(crate) fn check_not_after(&self, on: Date) -> Result<(), Error> {
        if let Some(year) = self.years().next().filter(|y| *y > on.year()) {
            return Err(Error::new(
                ErrorKind::DateAfterEvaluation,
                Some(&format!("years.{year}")),
                Text::new(
                    format!("{year} 年晚于评估日期 {on}；只能申报已经发生的事项"),
                    format!("{year} is after the evaluation date {on}; only events that have happened can be claimed"),
                ),
            ));
        }
        for (year, own) in self.years.iter().filter(|(y, _)| **y <= on.year()) {
            own.check_not_after(on).map_err(|e| Error { field: e.field.map(|f| format!("years.{year}.{f}")), ..e })?;
        }
        let after = |v: &Value| match v {
            Value::Date(d) => *d > on,
            Value::Year(y) => *y > on.year(),
            _ => false,
        };
        // Checked on every evaluation, and almost always passed: the answers are
        // scanned as stored first, and walked in asking order, to name the first
        // date too late, only when one is.
        if !self.values.iter().flatten().any(after) {
            return Ok(());
        }
        for (q, v) in self.iter() {
            if after(v) {
                let label = q.def().label;
                return Err(Error::new(
                    ErrorKind::DateAfterEvaluation,
                    Some(q.id()),
                    Text::new(
                        format!("“{}”晚于评估日期 {on}；只能申报已经发生的事项", label.zh),
                        format!("\"{}\" is after the evaluation date {on}; only events that have happened can be claimed", label.en),
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Reads `"years": {"2024": {...}, "2025": {...}}`: each key a year, each value
/// the facts of that year (questions of [`YEARLY`], [`YEAR_STANDING`] and the
/// balance carried in).
fn read_years(json: &Json) -> Result<BTreeMap<u16, Answers>, Error> {
    let bad = |field: String, zh: String, en: String| Error::new(ErrorKind::InvalidAnswer, Some(&field), Text::new(zh, en));
    let Json::Object(map) = json else {
        return Err(bad(
            "years".into(),
            "years 应为以年份为键的对象，例如 {\"2024\": {\"graduates_hired\": 3}}".into(),
            "years must be an object keyed by year, e.g. {\"2024\": {\"graduates_hired\": 3}}".into(),
        ));
    };
    if map.is_empty() || map.len() > MAX_YEARS {
        return Err(bad("years".into(), format!("years 应含 1～{MAX_YEARS} 个年度"), format!("years must hold 1 to {MAX_YEARS} years")));
    }
    let mut years = BTreeMap::new();
    for (key, facts) in map {
        let year = year_key(key)?;
        let Json::Object(facts) = facts else {
            return Err(bad(
                format!("years.{key}"),
                "每个年度应为一个对象，写明该年度的情况".into(),
                "each year must be an object holding that year's facts".into(),
            ));
        };
        let mut answers = Answers::new();
        for (id, value) in facts {
            let q = year_question(year, id)?;
            if !value.is_null() {
                answers.put(q, Some(read_json(q, value).map_err(|e| Error { field: Some(format!("years.{year}.{id}")), ..e })?));
            }
        }
        years.insert(year, answers);
    }
    Ok(years)
}

/// A year as a key of `years`: four digits, 1900 or later.
fn year_key(key: &str) -> Result<u16, Error> {
    Some(key).filter(|k| k.len() == 4 && k.bytes().all(|b| b.is_ascii_digit())).and_then(|k| k.parse::<u16>().ok()).filter(|y| *y >= 1900).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidAnswer,
            Some(&format!("years.{key}")),
            Text::new(format!("“{key}”不是四位年份"), format!("\"{key}\" is not a four-digit year")),
        )
    })
}

/// A question given under a year: one of a year's facts, never one the year
/// itself answers.
fn year_question(year: u16, id: &str) -> Result<Q, Error> {
    let q = question(id)?;
    let bad = |zh: &'static str, en: &'static str| Error::new(ErrorKind::InvalidAnswer, Some(&format!("years.{year}.{id}")), Text::new(zh, en));
    if YEAR_KEYS.contains(&q) {
        return Err(bad("由年度本身确定，不必填写", "the year itself answers this; leave it out"));
    }
    if !(YEARLY.contains(&q) || YEAR_STANDING.contains(&q) || q == Q::B1CarriedIn) {
        return Err(bad("这不是按年度填写的情况；请写在文件顶层", "this is not a fact of a year; give it once at the top of the file"));
    }
    Ok(q)
}

/// The question that adds each individual role to another.
pub const ROLE_QUESTIONS: [(Q, ApplicantType); 3] =
    [(Q::AlsoGraduate, ApplicantType::Graduate), (Q::AlsoWorker, ApplicantType::Worker), (Q::AlsoTeacher, ApplicantType::Teacher)];

/// The applicant type codes, for an error message.
fn codes() -> String {
    ApplicantType::ALL.iter().map(|t| t.code()).collect::<Vec<_>>().join(", ")
}

fn read_json(q: Q, value: &Json) -> Result<Value, Error> {
    let def = q.def();
    match (def.kind, value) {
        (Kind::YesNo, Json::Bool(b)) => Ok(Value::YesNo(*b)),
        (Kind::Count { .. } | Kind::Money | Kind::Year, Json::Number(n)) => read_text(q, &n.to_string()),
        (_, Json::String(s)) => read_text(q, s),
        _ => Err(invalid(q, Text::new(format!("应为{}", def.kind.rule().zh), format!("expected {}", def.kind.rule().en)))),
    }
}

fn read_text(q: Q, raw: &str) -> Result<Value, Error> {
    let def = q.def();
    if crate::questions::UNSURE.contains(&q) && validate::is_unsure(raw) {
        return Ok(Value::Unknown);
    }
    let value = match def.kind {
        Kind::YesNo => Value::YesNo(validate::parse_yes_no(raw).map_err(|t| invalid(q, t))?),
        Kind::Count { min } => {
            let n = validate::parse_count(raw).map_err(|t| invalid(q, t))?;
            if n < min {
                return Err(invalid(q, Text::new(format!("不能小于 {min}"), format!("must be at least {min}"))));
            }
            Value::Count(n)
        }
        Kind::Money => Value::Money(validate::parse_money(raw).map_err(|t| invalid(q, t))?),
        Kind::Date => Value::Date(Date::parse(raw).ok_or_else(|| {
            invalid(q, Text::new("不是存在的日期，请写成 YYYY-MM-DD，例如 2024-03-01", "not a date that exists; write YYYY-MM-DD, e.g. 2024-03-01"))
        })?),
        Kind::Year => Value::Year(validate::parse_year(raw).map_err(|t| invalid(q, t))?),
        Kind::OneOf { options } => {
            let wanted = validate::fold_width(raw.trim());
            // Both sides folded: a label's own full-width brackets ("工业（采矿…）")
            // must match when typed as written.
            let found = options.iter().find(|c| c.id == wanted || validate::fold_width(c.label.zh) == wanted);
            let ids: Vec<&str> = options.iter().map(|c| c.id).collect();
            Value::Choice(found.map(|c| c.id).ok_or_else(|| {
                invalid(q, Text::new(format!("不在可选项中；可选：{}", ids.join("、")), format!("not one of the options: {}", ids.join(", "))))
            })?)
        }
    };
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_is_read_by_its_chinese_words_as_written_full_width_brackets_and_all() {
        for q in crate::questions::all() {
            if let Kind::OneOf { options } = q.kind {
                for o in options {
                    let mut a = Answers::new();
                    assert_eq!(a.set_text(q.q, o.label.zh).map(|()| a.choice(q.q)), Ok(Some(o.id)), "{}: {}", q.id, o.label.zh);
                }
            }
        }
    }

    #[test]
    fn reads_and_round_trips() {
        let a = Answers::from_json(
            r#"{"applicant_type":"ENT","ent_employees":"１,２００","ent_revenue":"3500万","graduates_hired_on":"2024年3月1日","apprenticeship_runs":"是"}"#,
        );
        let Ok(a) = a else { panic!("{a:?}") };
        assert_eq!(a.count(Q::EntEmployees), Some(1200));
        assert_eq!(a.money(Q::EntRevenue), Some(Decimal::from(35_000_000)));
        assert_eq!(a.yes(Q::ApprenticeshipRuns), Some(true));
        assert_eq!(Answers::from_canonical(&a.canonical()).as_ref(), Ok(&a));
        assert_eq!(Answers::from_canonical("ent_employees").map_err(|e| e.kind), Err(ErrorKind::Malformed));
        assert_eq!(Answers::from_canonical("employees=5").map_err(|e| e.kind), Err(ErrorKind::UnknownQuestion));
        let again = Answers::from_json_value(&a.to_json());
        assert_eq!(again.as_ref(), Ok(&a));
    }

    #[test]
    fn roles_read_the_same_as_a_list_or_as_also_questions() {
        let list = Answers::from_json(r#"{"applicant_type": ["IND-TEACHER", "IND-GRAD", "IND-TEACHER"]}"#);
        let each = Answers::from_json(r#"{"applicant_type": "IND-TEACHER", "also_graduate": true, "also_worker": false}"#);
        let (Ok(list), Ok(each)) = (list, each) else { panic!("roles refused") };
        assert_eq!(list, each);
        assert_eq!(list.roles(), vec![ApplicantType::Teacher, ApplicantType::Graduate]);
        assert!(list.asks(Q::SeekingJobInQuanzhou) && list.asks(Q::DisciplineLeader) && !list.asks(Q::ApprenticeshipRuns));
        assert_eq!(Answers::from_json_value(&list.to_json()).as_ref(), Ok(&list));
        // An organisation has one type: an also_* answer given to one is not a role.
        let Ok(ent) = Answers::from_json(r#"{"applicant_type": "ENT", "also_worker": true}"#) else { panic!() };
        assert_eq!(ent.roles(), vec![ApplicantType::Enterprise]);
        assert!(!ent.asks(Q::CertificateLevel) && ent.asks(Q::ApprenticeshipRuns));
        assert_eq!(Answers::new().roles(), Vec::new());
    }

    #[test]
    fn bad_values_name_their_field() {
        for (json, field) in [
            (r#"{"ent_employees": -3}"#, "ent_employees"),
            (r#"{"ent_employees": "12a"}"#, "ent_employees"),
            (r#"{"ent_employees": 2.5}"#, "ent_employees"),
            (r#"{"retention_rank": 0}"#, "retention_rank"),
            (r#"{"ent_revenue": "1.234"}"#, "ent_revenue"),
            (r#"{"graduates_hired_on": "2023-02-30"}"#, "graduates_hired_on"),
            (r#"{"applicant_type": "ALIEN"}"#, "applicant_type"),
            (r#"{"apprenticeship_runs": "maybe"}"#, "apprenticeship_runs"),
            (r#"{"no_such_question": 1}"#, "no_such_question"),
        ] {
            let err = Answers::from_json(json).err();
            assert_eq!(err.as_ref().and_then(|e| e.field.as_deref()), Some(field), "{json}");
        }
        assert_eq!(Answers::from_json("[1]").err().map(|e| e.kind), Some(ErrorKind::Malformed));
        assert_eq!(Answers::from_json("{").err().map(|e| e.kind), Some(ErrorKind::Malformed));
    }
}
