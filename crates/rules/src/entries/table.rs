//! Entries as data: an entry's rules written in `entries.toml` as a decision
//! table, first row whose condition holds decides (ARCHITECTURE.md, "Successors
//! as data"). The conditions are expressions of the entry language
//! ([`crate::expr`]) over the answers, by question id, and `applicant_type`, the
//! role the entry is judged under. A condition that reads an unanswered
//! question stops there, and the entry waits for that answer: so the planner
//! asks what the table reads, in the order it reads it.

use std::borrow::Cow;

use serde::Deserialize;

use super::{Ctx, Outcome};
use crate::expr::{Expr, Names, Slots, Stop, Type, Val};
use crate::outcome::{Amount, Status};
use crate::questions::{Kind, Q};
use crate::text::{Lang, Reason, StaticText, Text};

/// One row as `entries.toml` writes it (`[[entry.rule]]`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleText {
    /// The condition; `true` when absent.
    #[serde(default)]
    pub when: Cow<'static, str>,
    /// `eligible`, `manual-review` (a person decides, with the reason),
    /// `undetermined` (the text does not settle it) or `not-eligible`; or
    /// `territory`: here the territorial default of X4 applies (the built-in
    /// `Ctx::territory`), its refusal with the row's `also`, and otherwise
    /// the next row decides. Two more steps decide nothing themselves: `ask`
    /// asks the questions of `asks` here; `sme` classifies the enterprise here
    /// by the built-in of 工信部联企业〔2011〕300号 ([`crate::sme`]), asking for
    /// its certified class, then its sector and figures, as it needs them, and
    /// the rows after it read what it found (`size.sme`, `size.boundary`,
    /// `size.differs`, `size.class`, `size.certified`).
    pub status: Cow<'static, str>,
    /// `none` (the default), `in-kind`, `obligation` (with `unit_zh`, `unit_en`),
    /// `annual-notice` (money the year's notice sets), or, with `value`,
    /// `exact`, `up-to` or `range` (with `min` too).
    #[serde(default)]
    pub amount: Cow<'static, str>,
    /// For `exact` and `up-to`: the amount in yuan, as an expression over the
    /// answers and the values in force.
    #[serde(default)]
    pub value: Cow<'static, str>,
    /// `now` when the status is held under the document in force on the
    /// application date (designations, permissions, obligations).
    #[serde(default)]
    pub held: Cow<'static, str>,
    /// With `held = "now"`: the higher rule that carries the status on after the
    /// last document expired, in both languages.
    #[serde(default)]
    pub higher_zh: Cow<'static, str>,
    #[serde(default)]
    pub higher_en: Cow<'static, str>,
    /// What the row says, in both languages (every row but a territory row).
    #[serde(default)]
    pub reason_zh: Cow<'static, str>,
    #[serde(default)]
    pub reason_en: Cow<'static, str>,
    /// The nearest miss of a not-eligible row: the question and what would change it.
    #[serde(default)]
    pub miss_question: Cow<'static, str>,
    #[serde(default)]
    pub miss_zh: Cow<'static, str>,
    #[serde(default)]
    pub miss_en: Cow<'static, str>,
    /// The unit of an obligation (its least and most are `min` and `value`,
    /// when given) or of an in-kind amount (its quantity is `value`).
    #[serde(default)]
    pub unit_zh: Cow<'static, str>,
    #[serde(default)]
    pub unit_en: Cow<'static, str>,
    /// For `in-kind`: its end date, an expression giving a date.
    #[serde(default)]
    pub until: Cow<'static, str>,
    /// For `range`: the low end, an expression (the high end is `value`).
    #[serde(default)]
    pub min: Cow<'static, str>,
    /// `no` when the amount is not paid to the applicant (a studio's award
    /// claimed by its teacher): it is then left out of the applicant's cash.
    #[serde(default)]
    pub cash: Cow<'static, str>,
    /// A sentence added to the reason, in both languages.
    #[serde(default)]
    pub also_zh: Cow<'static, str>,
    #[serde(default)]
    pub also_en: Cow<'static, str>,
    /// Possible double funding (catalogue X7): what else may fund the same thing.
    #[serde(default)]
    pub x7_zh: Cow<'static, str>,
    #[serde(default)]
    pub x7_en: Cow<'static, str>,
    /// For an `ask` row: the questions asked at its place, by id, separated by
    /// commas; while one is unanswered, the row waits for all that are. The
    /// row decides nothing; it fixes the order in which a person is asked,
    /// and, naming the entry's `event`, where its date is asked.
    #[serde(default)]
    pub asks: Cow<'static, str>,
    /// `sme`: the row's reason begins with how the `sme` row above it
    /// classified the enterprise, with the enterprise's own figures.
    #[serde(default)]
    pub lead: Cow<'static, str>,
    /// `no` for a plausibility check (a count beyond the headcount, an event
    /// before the founding): what the row reads is not noted as a fact the
    /// result rests on, since it only sends a doubtful figure to a person, and
    /// the result is marked so (X8).
    #[serde(default)]
    pub evidence: Cow<'static, str>,
    /// A sentence added, in both languages, when the row's result falls
    /// outside every document by its event's date and is refused for that
    /// (A8: where else the same rates are set).
    #[serde(default)]
    pub outside_zh: Cow<'static, str>,
    #[serde(default)]
    pub outside_en: Cow<'static, str>,
    /// For a `let` row: the name its `value` is given, for the rows below.
    #[serde(default)]
    pub name: Cow<'static, str>,
}

impl RuleText {
    /// The fields a row may give.
    pub(crate) const FIELDS: [&str; 27] = include!("row_fields.rs");

    /// True for a row that decides nothing itself (a territory row and the
    /// steps), so that it gives no reason of its own.
    pub(crate) fn is_step(&self) -> bool {
        matches!(self.status.as_ref(), "territory" | "ask" | "let" | CERTIFICATES) || Builtin::named(&self.status).is_some()
    }

    /// Sets the field `name` (one of [`RuleText::FIELDS`]) to `value`.
    pub(crate) fn set(&mut self, name: &str, value: Cow<'static, str>) {
        if let Some(field) = self.field(name) {
            *field = value;
        }
    }

    /// The field `name` (one of [`RuleText::FIELDS`]).
    fn field(&mut self, name: &str) -> Option<&mut Cow<'static, str>> {
        Some(match name {
            "when" => &mut self.when,
            "status" => &mut self.status,
            "amount" => &mut self.amount,
            "value" => &mut self.value,
            "min" => &mut self.min,
            "cash" => &mut self.cash,
            "held" => &mut self.held,
            "higher_zh" => &mut self.higher_zh,
            "higher_en" => &mut self.higher_en,
            "reason_zh" => &mut self.reason_zh,
            "reason_en" => &mut self.reason_en,
            "also_zh" => &mut self.also_zh,
            "also_en" => &mut self.also_en,
            "x7_zh" => &mut self.x7_zh,
            "x7_en" => &mut self.x7_en,
            "miss_question" => &mut self.miss_question,
            "miss_zh" => &mut self.miss_zh,
            "miss_en" => &mut self.miss_en,
            "unit_zh" => &mut self.unit_zh,
            "unit_en" => &mut self.unit_en,
            "until" => &mut self.until,
            "asks" => &mut self.asks,
            "lead" => &mut self.lead,
            "evidence" => &mut self.evidence,
            "outside_zh" => &mut self.outside_zh,
            "outside_en" => &mut self.outside_en,
            "name" => &mut self.name,
            _ => return None,
        })
    }
}

/// One row, compiled when the catalogue loads.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    when: Expr,
    text: RuleText,
    status: Status,
    /// What the row does: decide, or one of the built-in steps.
    step: Step,
    /// The reason begins with what this step found (`lead = "sme"`, `"ledger"`).
    lead: Option<Builtin>,
    /// What the row reads is noted as evidence (not for `evidence = "no"`).
    noted: bool,
    miss: Option<Q>,
    /// An obligation's unit, as the amount holds it.
    unit: StaticText,
    /// The amount of an `exact`, `up-to` or `range` row (its high end).
    value: Option<Expr>,
    /// The low end of a `range` row.
    min: Option<Expr>,
    /// The day an `in-kind` row's amount lasts until.
    until: Option<Expr>,
    /// The flag of possible double funding (X7), worded once, when the table
    /// compiles, since most results that carry it are never read.
    x7: Option<[String; 2]>,
    /// The reason, the added sentence and the nearest miss, where they hold
    /// `{expression}` holes.
    reason: Sentence,
    also: Sentence,
    miss_text: Sentence,
}

/// What a row does.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    /// It decides when its condition holds.
    Decides,
    /// The territorial default of X4 (the built-in `Ctx::territory`).
    Territory,
    /// Asks these questions, in order, when unanswered; decides nothing.
    Ask(Vec<Q>),
    /// A built-in that finds something, asking what it needs; the rows after
    /// it read what it found.
    Find(Builtin),
    /// `let`: names the value of an expression (`name`, `value`) for the rows
    /// below, computed once, when one of them first reads it. Decides nothing.
    Let(usize),
    /// The built-in `certificates` (A14): the rows below are each
    /// certificate's table ([`items`]), judged in turn and added up. It always
    /// decides.
    Each,
}

/// The status that starts the rows read once for each certificate.
const CERTIFICATES: &str = "certificates";

/// The built-in steps that find something for the rows below them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Builtin {
    /// The enterprise's size under 工信部联企业〔2011〕300号 (`classify`).
    Sme,
    /// B1's credit for the year claimed under 财税〔2019〕46号 (`credit::ledger`).
    Ledger,
}

impl Builtin {
    /// The step as a row's `status` (and `lead`) names it.
    fn named(name: &str) -> Option<Builtin> {
        match name {
            "sme" => Some(Builtin::Sme),
            "ledger" => Some(Builtin::Ledger),
            _ => None,
        }
    }

    /// The questions it may read, in the order it asks them.
    fn reads(self) -> &'static [Q] {
        match self {
            Builtin::Sme => &[Q::EntSizeClass, Q::EntSector, Q::EntEmployees, Q::EntRevenue, Q::EntAssets],
            Builtin::Ledger => {
                &[Q::B1InvestmentYear, Q::B1Investment, Q::B1SurchargePayable, Q::B1VatPaid, Q::B1ConsumptionTaxPaid, Q::B1SurchargeReliefs, Q::B1CarriedIn]
            }
        }
    }
}

/// A `let` row passed in one decision: its expression, and its value (or
/// what it waits for) once a row has read it.
type Let = (&'static Expr, Option<Result<Val, Stop>>);

/// What the steps of one decision found, for the rows after them to read.
#[derive(Default)]
struct Found {
    /// Each value read, with its place among the entry's (a list's read
    /// builds it), so that a figure a table reads again is found once. A
    /// table reads a few of the policy's many values, so they are kept as
    /// pairs, not in a row as long as the policy's.
    values: std::cell::RefCell<Vec<(usize, Val)>>,
    /// Each `let` row passed: its expression, and its value once read.
    lets: std::cell::RefCell<Vec<Option<Let>>>,
    /// The enterprise's size class, and the certified class where it differs.
    size: std::cell::OnceCell<(crate::sme::Classification, Option<crate::sme::Size>)>,
    /// B1's ledger for the year claimed.
    ledger: std::cell::OnceCell<super::credit::Ledger>,
}

impl Rule {
    /// What the row pays or shows: its amount's expressions and its sentences'
    /// holes (a section's condition among them).
    fn shown(&self) -> impl Iterator<Item = &Expr> {
        let mut holes = Vec::new();
        for s in [&self.reason, &self.also, &self.miss_text] {
            holes.extend(&s.exprs);
        }
        self.value.iter().chain(&self.min).chain(&self.until).chain(holes)
    }
}

/// A sentence with holes: `{expression}` or `{expression|format}`, the format
/// `yuan` (1,000 元 / CNY 1,000), `wan` (50万), `group` (1,000), `percent` (30 for 0.3),
/// `label` (a one-of question's answer in the words of the language: `{name|label}`),
/// `size` (an enterprise size class in words) or none (the number as it is). A list
/// is written item by item. A section, `{#condition}…{/}`, is written only where
/// its condition holds, and may hold holes and sections of its own.
/// Filled when the row decides, from the answers and values it reads.
#[derive(Clone, Debug)]
pub(crate) struct Template {
    pieces: Vec<Piece>,
}

/// A piece of a template; a hole or a section names its expression by its
/// place among its sentence's ([`Sentence::exprs`]).
#[derive(Clone, Debug)]
enum Piece {
    Text(Box<str>),
    Hole(usize, Format),
    /// Written only where the condition holds (`{#condition}…{/}`).
    Section(usize, Vec<Piece>),
}

/// A sentence in Chinese and English, each a template where it has holes
/// (`None` where it is used as written). The two languages mostly fill the
/// same holes (and a sentence may repeat one), so each distinct expression
/// is kept once and evaluated once for both.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sentence {
    /// The words as written, in Chinese and English, for a language without holes.
    words: [Cow<'static, str>; 2],
    t: [Option<Template>; 2],
    /// Each distinct expression of its holes and sections, in the order the
    /// Chinese and then the English first reads them.
    exprs: Vec<Expr>,
    /// The source of each and whether it is a section's condition, by which
    /// the same expression is found again while compiling.
    sources: Vec<(Box<str>, bool)>,
}

impl Sentence {
    /// The sentence of `zh` and `en`.
    // A `&Cow`, not a `&str`: cloning it keeps the embedded data's text borrowed.
    #[allow(clippy::ptr_arg)]
    fn compile(zh: &Cow<'static, str>, en: &Cow<'static, str>, names: &Scoped) -> Result<Sentence, (usize, String)> {
        let mut s = Sentence { words: [zh.clone(), en.clone()], ..Sentence::default() };
        for (i, src) in [zh, en].into_iter().enumerate() {
            s.t[i] = Template::compile(src, names, &mut s).map_err(|e| (i, e))?;
        }
        s.sources = Vec::new();
        Ok(s)
    }

    /// The place of the expression `src` (a section's `condition`), compiled
    /// the first time it is met.
    fn intern(&mut self, src: &str, condition: bool, names: &Scoped) -> Result<usize, crate::expr::ExprError> {
        if let Some(i) = self.sources.iter().position(|(s, c)| **s == *src && *c == condition) {
            return Ok(i);
        }
        let expr = match condition {
            true => Expr::compile_as(src, Type::Bool, names, &[])?,
            false => Expr::compile(src, names, &[])?,
        };
        self.exprs.push(expr);
        self.sources.push((src.into(), condition));
        Ok(self.exprs.len() - 1)
    }

    /// True when neither language has a hole.
    fn is_plain(&self) -> bool {
        self.t.iter().all(Option::is_none)
    }

    /// The values of its holes, by their place: the Chinese template's first,
    /// then those the English alone reads. A section's condition is read
    /// before what it holds, and what it holds only where it holds (a section
    /// may guard an answer that can be left out); a hole it skips stays `None`.
    fn values<S: Slots + ?Sized>(&self, slots: &S) -> Result<Vec<Option<Val>>, Stop> {
        fn walk<S: Slots + ?Sized>(pieces: &[Piece], exprs: &[Expr], slots: &S, out: &mut [Option<Val>]) -> Result<(), Stop> {
            for p in pieces {
                match p {
                    Piece::Text(_) => {}
                    Piece::Hole(i, _) => {
                        if out[*i].is_none() {
                            out[*i] = Some(exprs[*i].eval(slots)?);
                        }
                    }
                    Piece::Section(i, inner) => {
                        let holds = match &out[*i] {
                            Some(Val::Bool(b)) => *b,
                            _ => exprs[*i].test(slots)?,
                        };
                        out[*i] = Some(Val::Bool(holds));
                        if holds {
                            walk(inner, exprs, slots, out)?;
                        }
                    }
                }
            }
            Ok(())
        }
        let mut out = vec![None; self.exprs.len()];
        for t in self.t.iter().flatten() {
            walk(&t.pieces, &self.exprs, slots, &mut out)?;
        }
        Ok(out)
    }
}

/// Money in words of the language, or a number as a placeholder of the
/// catalogue's prose formats it (`crate::template::formatted`: none, `,`, `%`).
#[derive(Clone, Copy, Debug)]
enum Format {
    Yuan,
    Number(&'static str),
    /// The option's label, in the language, of this one-of question.
    Label(Q),
    /// In 万, with its unit: 50万 for 500,000.
    Wan,
    /// An enterprise size class by its id (`{size.class|size}`): 小型企业, small enterprise.
    Size,
}

impl Template {
    /// The template of `src`, or `None` when it has no hole (it is used as written).
    fn compile(src: &str, names: &Scoped, sentence: &mut Sentence) -> Result<Option<Template>, String> {
        if !src.contains('{') {
            return Ok(None);
        }
        let mut rest = src;
        let pieces = Template::pieces(src, &mut rest, names, sentence, false)?;
        Ok(Some(Template { pieces }))
    }

    /// The pieces from `rest` on, up to the end (or, `in_section`, up to the
    /// `{/}` that closes the section, which `rest` is left after).
    fn pieces(src: &str, rest: &mut &str, names: &Scoped, sentence: &mut Sentence, in_section: bool) -> Result<Vec<Piece>, String> {
        let mut pieces = Vec::new();
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|c| open + c).ok_or_else(|| format!("\"{}\" opens a hole with {{ and never closes it", shown(src)))?;
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].into()));
            }
            let hole = &rest[open + 1..close];
            *rest = &rest[close + 1..];
            if hole == "/" {
                return match in_section {
                    true => Ok(pieces),
                    false => Err(format!("\"{}\" closes a section with {{/}} that no {{#…}} opened", shown(src))),
                };
            }
            if let Some(condition) = hole.strip_prefix('#') {
                let when = sentence.intern(condition.trim(), true, names).map_err(|e| format!("\"{{{hole}}}\": {e}"))?;
                let inner = Template::pieces(src, rest, names, sentence, true)?;
                pieces.push(Piece::Section(when, inner));
                continue;
            }
            let (expr, format) = match hole.rsplit_once('|') {
                Some((e, "yuan")) => (e, Format::Yuan),
                Some((e, "group")) => (e, Format::Number(",")),
                Some((e, "percent")) => (e, Format::Number("%")),
                Some((e, "wan")) => (e, Format::Wan),
                Some((e, "size")) => (e, Format::Size),
                Some((e, "label")) => match Q::among(e.trim(), names.base.added) {
                    Some(q) if matches!(q.def().kind, Kind::OneOf { .. }) => (e, Format::Label(q)),
                    _ => return Err(format!("\"{{{hole}}}\": label names a question with options")),
                },
                Some((_, other)) => return Err(format!("\"{{{hole}}}\": the format {other} is none of yuan, wan, group, percent, label, size")),
                None => (hole, Format::Number("")),
            };
            let expr = sentence.intern(expr.trim(), false, names).map_err(|e| format!("\"{{{hole}}}\": {e}"))?;
            pieces.push(Piece::Hole(expr, format));
        }
        if in_section {
            return Err(format!("\"{}\" opens a section with {{#…}} and never closes it with {{/}}", shown(src)));
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text((*rest).into()));
        }
        Ok(pieces)
    }

    /// The sentence with its holes filled by `values`, in Chinese (`zh`) or English.
    /// `values` are its sentence's, by their place ([`Sentence::values`]).
    fn write(&self, values: &[Option<Val>], zh: bool) -> String {
        fn walk(pieces: &[Piece], values: &[Option<Val>], zh: bool, out: &mut String) {
            for piece in pieces {
                match piece {
                    Piece::Text(t) => out.push_str(t),
                    Piece::Hole(i, format) => write(out, values.get(*i).cloned().flatten().unwrap_or(Val::Bool(false)), *format, zh),
                    Piece::Section(i, inner) => {
                        if matches!(values.get(*i), Some(Some(Val::Bool(true)))) {
                            walk(inner, values, zh, out);
                        }
                    }
                }
            }
        }
        let mut out = String::new();
        walk(&self.pieces, values, zh, &mut out);
        out
    }
}

/// A value written into a sentence in its format; a list item by item, as
/// the language lists them ("50万、40万" and "500,000 / 400,000").
fn write(out: &mut String, v: Val, format: Format, zh: bool) {
    match (v, format) {
        (Val::Num(n), Format::Yuan) if zh => out.push_str(&crate::money::yuan_zh(n)),
        (Val::Num(n), Format::Yuan) => out.push_str(&crate::money::yuan_en(n)),
        (Val::Num(n), Format::Wan) => {
            out.push_str(&crate::template::formatted(n, "万").unwrap_or_default());
            out.push('万');
        }
        (Val::Num(n), Format::Number(f)) => out.push_str(&crate::template::formatted(n, f).unwrap_or_default()),
        (Val::Num(n), Format::Label(_) | Format::Size) => out.push_str(&crate::template::formatted(n, "").unwrap_or_default()),
        (Val::Str(t), Format::Size) => match crate::sme::Size::from_id(&t) {
            Some(size) => out.push_str(if zh { size.name().zh } else { size.name().en }),
            None => out.push_str(&t),
        },
        (Val::Str(t), Format::Label(q)) => out.push_str(q.def().option_label(&t).map_or("", |l| if zh { l.zh } else { l.en })),
        (Val::Str(t), _) => out.push_str(&t),
        (Val::Date(d), _) => out.push_str(&d.to_string()),
        (Val::Bool(b), _) => out.push_str(if b { "true" } else { "false" }),
        (Val::List(items), _) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(if zh { "、" } else { " / " });
                }
                write(out, item.clone(), format, zh);
            }
        }
    }
}

/// A sentence in both languages, its holes filled where it has any: their
/// values are read now (a hole may wait for an answer), and the words are
/// written when a language is asked for ([`crate::text::Filled`]), since
/// most results are never shown, and hardly any in both languages.
fn sentence(s: &'static Sentence, slots: &impl Slots) -> Result<Reason, Stop> {
    if s.is_plain() {
        return Ok(Text::new(s.words[0].clone(), s.words[1].clone()).into());
    }
    Ok(crate::text::Filled::new(s, s.values(slots)?.into_boxed_slice()).into())
}

impl crate::text::Fill for Sentence {
    fn fill(&self, values: &[Option<Val>], lang: Lang) -> String {
        let i = match lang {
            Lang::Zh => 0,
            Lang::En => 1,
        };
        match &self.t[i] {
            Some(t) => t.write(values, i == 0),
            None => self.words[i].to_string(),
        }
    }
}

/// The same, written at once in both languages (a nearest miss keeps its words).
fn sentence_now(s: &Sentence, slots: &impl Slots) -> Result<Text, Stop> {
    if s.is_plain() {
        return Ok(Text::new(s.words[0].clone(), s.words[1].clone()));
    }
    let values = s.values(slots)?;
    let one = |i: usize| -> Cow<'static, str> {
        match &s.t[i] {
            None => s.words[i].clone(),
            Some(t) => Cow::Owned(t.write(&values, i == 0)),
        }
    };
    Ok(Text::new(one(0), one(1)))
}

/// The names a table reads: each question by its id (slot = its index in the
/// question table), and `applicant_type` after them.
/// A pack's table also reads the questions packs add, and values by name.
pub(crate) struct AnswerNames<'a> {
    pub added: &'a [Q],
    pub values: &'a [String],
}

/// The slot of the first value; a value's slot is this plus its place in `values`.
const VALUE_SLOT: usize = TYPE_SLOT + 1;

const APPLICANT_TYPE: &str = "applicant_type";

/// The slot of `applicant_type`, past every question's.
const TYPE_SLOT: usize = u16::MAX as usize;

/// The day the 2022 plan expires, as `plan_expires` reads it.
const PLAN_EXPIRES: &str = "plan_expires";

/// The slot of `plan_expires`, past every value's.
const PLAN_EXPIRES_SLOT: usize = usize::MAX;

/// The most `let` rows a table may have, and the slot of the first, below
/// what the steps find.
const MOST_LETS: usize = 32;
const LET_SLOT: usize = FOUND_SLOT - MOST_LETS;

/// The `let` that fills `slot`, by its place among the table's.
fn let_index(slot: usize) -> Option<usize> {
    (LET_SLOT..FOUND_SLOT).contains(&slot).then(|| slot - LET_SLOT)
}

/// The names a row may read: the table's, and those the `let` rows above it give.
pub(crate) struct Scoped<'n, 'a> {
    base: &'n AnswerNames<'a>,
    lets: Vec<(String, Type)>,
}

impl Names for Scoped<'_, '_> {
    fn resolve(&self, name: &str) -> Option<(usize, Type)> {
        match self.lets.iter().position(|(n, _)| n == name) {
            Some(i) => Some((LET_SLOT + i, self.lets[i].1.clone())),
            None => self.base.resolve(name),
        }
    }
}

/// What the built-in steps find, by name, from [`FOUND_SLOT`] on. The `sme`
/// step: whether the enterprise is an SME, sits on a size boundary, was
/// certified in a class that differs from its figures'; its class by its
/// figures (else as certified), and the certified class (else the same). The
/// `ledger` step: the credit's rate, what it generates, what is available,
/// the surcharges payable, what is used and what carries forward; the payable
/// computed from the taxes and whether it contradicts the one entered; and the
/// day the national rule took effect.
const FOUND_NAMES: [(Builtin, &str, Type); 14] = [
    (Builtin::Sme, "size.sme", Type::Bool),
    (Builtin::Sme, "size.boundary", Type::Bool),
    (Builtin::Sme, "size.differs", Type::Bool),
    (Builtin::Sme, "size.class", Type::Str),
    (Builtin::Sme, "size.certified", Type::Str),
    (Builtin::Ledger, "ledger.rate", Type::Num),
    (Builtin::Ledger, "ledger.generated", Type::Num),
    (Builtin::Ledger, "ledger.available", Type::Num),
    (Builtin::Ledger, "ledger.payable", Type::Num),
    (Builtin::Ledger, "ledger.used", Type::Num),
    (Builtin::Ledger, "ledger.carried_forward", Type::Num),
    (Builtin::Ledger, "ledger.derived", Type::Num),
    (Builtin::Ledger, "ledger.conflict", Type::Bool),
    (Builtin::Ledger, "ledger.since", Type::Date),
];
const FOUND_SLOT: usize = PLAN_EXPIRES_SLOT - FOUND_NAMES.len();

/// The step that fills `slot`, where a step does.
fn found_by(slot: usize) -> Option<Builtin> {
    slot.checked_sub(FOUND_SLOT).and_then(|i| FOUND_NAMES.get(i)).map(|(b, ..)| *b)
}

impl Names for AnswerNames<'_> {
    fn resolve(&self, name: &str) -> Option<(usize, Type)> {
        if name == APPLICANT_TYPE {
            return Some((TYPE_SLOT, Type::Str));
        }
        if name == PLAN_EXPIRES {
            return Some((PLAN_EXPIRES_SLOT, Type::Date));
        }
        if let Some(i) = FOUND_NAMES.iter().position(|(_, n, _)| *n == name) {
            return Some((FOUND_SLOT + i, FOUND_NAMES[i].2.clone()));
        }
        if let Some(i) = self.values.iter().position(|v| v == name) {
            let ty = if crate::Params::is_list(name) { Type::List(Box::new(Type::Num)) } else { Type::Num };
            return Some((VALUE_SLOT + i, ty));
        }
        let q = Q::among(name, self.added)?;
        let ty = match q.def().kind {
            Kind::YesNo => Type::Bool,
            Kind::Count { .. } | Kind::Money | Kind::Year => Type::Num,
            Kind::Date => Type::Date,
            Kind::OneOf { .. } => Type::Str,
        };
        Some((q.index(), ty))
    }
}

/// Compiles an entry's rows. The last row must hold whatever the answers (its
/// condition `true`), so that an entry always decides.
pub(crate) fn compile(code: &str, rows: &[RuleText], names: &AnswerNames) -> Result<Vec<Rule>, String> {
    // The rows below a `certificates` step are each certificate's ([`items`]).
    let rows = match rows.iter().position(|r| r.status == CERTIFICATES) {
        Some(i) => &rows[..=i],
        None => rows,
    };
    let mut out = Vec::with_capacity(rows.len());
    let mut names = Scoped { base: names, lets: Vec::new() };
    for (i, row) in rows.iter().enumerate() {
        let names = &mut names;
        let at = |what: String| format!("{code}: rule {}: {what}", i + 1);
        let src = if row.when.trim().is_empty() { "true" } else { row.when.as_ref() };
        let when = Expr::compile_as(src, Type::Bool, names, &[]).map_err(|e| at(format!("when = \"{}\": {e}", shown(src))))?;
        let (status, step) = match row.status.as_ref() {
            // The default refuses or asks, and it comes before what depends on the event.
            "territory" => (Status::NotEligible, Step::Territory),
            "eligible" => (Status::Eligible, Step::Decides),
            "not-eligible" => (Status::NotEligible, Step::Decides),
            "manual-review" => (Status::ManualReview, Step::Decides),
            "undetermined" => (Status::Undetermined, Step::Decides),
            // The steps that only ask or find decide nothing: their status is never shown.
            "ask" => {
                let asks = row.asks.split(',').map(str::trim).filter(|id| !id.is_empty());
                let asks =
                    asks.map(|id| Q::among(id, names.base.added).ok_or_else(|| at(format!("asks \"{id}\", no question")))).collect::<Result<Vec<_>, _>>()?;
                if asks.is_empty() {
                    return Err(at("an ask row names its questions (asks = \"question, …\")".to_owned()));
                }
                (Status::Undetermined, Step::Ask(asks))
            }
            CERTIFICATES => (Status::Undetermined, Step::Each),
            "let" => (Status::Undetermined, Step::Let(names.lets.len())),
            other => match Builtin::named(other) {
                Some(b) => (Status::Undetermined, Step::Find(b)),
                None => {
                    return Err(at(format!(
                        "status \"{other}\" (eligible, manual-review, undetermined, not-eligible, territory, ask, sme, ledger, let or certificates)"
                    )));
                }
            },
        };
        let territory = step == Step::Territory;
        let decides = step == Step::Decides;
        if !row.asks.is_empty() && !matches!(step, Step::Ask(_)) {
            return Err(at("asks is given only with status = \"ask\"".to_owned()));
        }
        // What a step finds is known to the rows below it, once it has run.
        let above = |b: Builtin| out.iter().any(|r: &Rule| r.step == Step::Find(b));
        let lead = match (row.lead.as_ref(), Builtin::named(&row.lead)) {
            ("", _) => None,
            (_, Some(b)) if above(b) && decides => Some(b),
            (name, Some(_)) => return Err(at(format!("lead = \"{name}\" is given only to a deciding row below a row with status = \"{name}\""))),
            (other, None) => return Err(at(format!("lead \"{other}\" (sme, ledger, or nothing)"))),
        };
        if row.amount == "credit" && !above(Builtin::Ledger) {
            return Err(at("amount = \"credit\" is given only below a row with status = \"ledger\", which finds it".to_owned()));
        }
        let noted = match row.evidence.as_ref() {
            "" => true,
            "no" => false,
            other => return Err(at(format!("evidence \"{other}\" (no, or nothing)"))),
        };
        if !matches!(row.amount.as_ref(), "" | "none" | "in-kind" | "obligation" | "exact" | "up-to" | "range" | "annual-notice" | "credit") {
            return Err(at(format!("amount \"{}\" (none, in-kind, obligation, exact, up-to, range, annual-notice or credit)", row.amount)));
        }
        let number = |field: &str, src: &str| Expr::compile_as(src, Type::Num, &*names, &[]).map_err(|e| at(format!("{field} = \"{}\": {e}", shown(src))));
        let is_let = matches!(step, Step::Let(_));
        if !row.name.is_empty() && !is_let {
            return Err(at("name is given only with status = \"let\"".to_owned()));
        }
        let value = if is_let {
            let (name, src) = (row.name.trim(), row.value.trim());
            if name.is_empty() || src.is_empty() {
                return Err(at("a let row gives a name and a value (name = \"…\", value = \"…\")".to_owned()));
            }
            // A name the rows below read must always be there to read.
            if !row.when.trim().is_empty() {
                return Err(at("a let row has no condition: its value may test one (c ? a : b)".to_owned()));
            }
            if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') || names.resolve(name).is_some() {
                return Err(at(format!("let name \"{name}\" is not a lower-case name, or another name already")));
            }
            if names.lets.len() == MOST_LETS {
                return Err(at(format!("a table gives at most {MOST_LETS} lets")));
            }
            Some(Expr::compile(src, &*names, &[]).map_err(|e| at(format!("value = \"{}\": {e}", shown(src))))?)
        } else {
            match (row.amount.as_ref(), row.value.trim()) {
                ("exact" | "up-to" | "range", "") => return Err(at(format!("amount \"{}\" needs its value", row.amount))),
                ("exact" | "up-to" | "range" | "obligation" | "in-kind", src) if !src.is_empty() => Some(number("value", src)?),
                (_, "") => None,
                (_, _) => return Err(at("a value is given only with amount = \"exact\", \"up-to\", \"range\" or \"obligation\"".to_owned())),
            }
        };
        let min = match (row.amount.as_ref(), row.min.trim()) {
            ("range", "") => return Err(at("amount \"range\" needs its min".to_owned())),
            ("range" | "obligation", src) if !src.is_empty() => Some(number("min", src)?),
            (_, "") => None,
            (_, _) => return Err(at("a min is given only with amount = \"range\" or \"obligation\"".to_owned())),
        };
        let until = match (row.amount.as_ref(), row.until.trim()) {
            (_, "") => None,
            ("in-kind", src) => Some(Expr::compile_as(src, Type::Date, names, &[]).map_err(|e| at(format!("until = \"{}\": {e}", shown(src))))?),
            (_, _) => return Err(at("until is given only with amount = \"in-kind\"".to_owned())),
        };
        if !matches!(row.cash.as_ref(), "" | "no") {
            return Err(at(format!("cash \"{}\" (no, or nothing)", row.cash)));
        }
        if row.x7_zh.is_empty() != row.x7_en.is_empty()
            || row.also_zh.is_empty() != row.also_en.is_empty()
            || row.outside_zh.is_empty() != row.outside_en.is_empty()
        {
            return Err(at("also, outside and x7 are written in both languages (also_zh and also_en, outside_zh and outside_en, x7_zh and x7_en)".to_owned()));
        }
        let sentence = |field: &str, zh: &Cow<'static, str>, en: &Cow<'static, str>| {
            Sentence::compile(zh, en, names).map_err(|(i, e)| at(format!("{field}_{}: {e}", ["zh", "en"][i])))
        };
        let reason = sentence("reason", &row.reason_zh, &row.reason_en)?;
        let also = sentence("also", &row.also_zh, &row.also_en)?;
        let miss_text = sentence("miss", &row.miss_zh, &row.miss_en)?;
        if !matches!(row.held.as_ref(), "" | "now") {
            return Err(at(format!("held \"{}\" (now, or nothing)", row.held)));
        }
        let miss = match row.miss_question.as_ref() {
            "" => None,
            id => Some(Q::among(id, names.base.added).ok_or_else(|| at(format!("miss_question \"{id}\" is no question")))?),
        };
        let unit = StaticText { zh: lasting(row.unit_zh.clone()), en: lasting(row.unit_en.clone()) };
        if decides && (row.reason_zh.trim().is_empty() || row.reason_en.trim().is_empty()) {
            return Err(at("every row says why (reason_zh, reason_en)".to_owned()));
        }
        if territory && (!row.amount.is_empty() || value.is_some() || miss.is_some() || !row.reason_zh.is_empty() || !row.held.is_empty()) {
            return Err(at("a territory row gives only its condition and an also sentence".to_owned()));
        }
        if !decides
            && !territory
            && (!row.amount.is_empty()
                || (value.is_some() && !is_let)
                || miss.is_some()
                || !row.reason_zh.is_empty()
                || !row.also_zh.is_empty()
                || !row.held.is_empty()
                || !row.x7_zh.is_empty()
                || !row.outside_zh.is_empty())
        {
            let more = match row.status.as_ref() {
                "ask" => " and asks",
                "let" => ", name and value",
                _ => "",
            };
            return Err(at(format!("a row with status = \"{}\" gives only its condition{more}", row.status)));
        }
        // Worded as the catalogue words X7 for every entry.
        let x7 = (!row.x7_zh.is_empty()).then(|| {
            [
                format!("可能重复资助：{}。申请时请如实说明同一事项是否已获其他政策资助。", row.x7_zh),
                format!("Possible double funding: {}. When you apply, say whether the same thing has already been funded under another policy.", row.x7_en),
            ]
        });
        let rule = Rule { when, text: row.clone(), status, step, lead, noted, miss, unit, value, min, until, x7, reason, also, miss_text };
        let unfound = std::iter::once(&rule.when).chain(rule.shown()).flat_map(|e| e.reads.iter().filter_map(|s| found_by(*s))).find(|b| !above(*b));
        if let Some(b) = unfound {
            let (name, prefix) = match b {
                Builtin::Sme => ("sme", "size"),
                Builtin::Ledger => ("ledger", "ledger"),
            };
            return Err(at(format!("{prefix}.* is read only below a row with status = \"{name}\", which finds it")));
        }
        // The rows below read the let by its name.
        if let (Step::Let(_), Some(e)) = (&rule.step, &rule.value) {
            names.lets.push((rule.text.name.trim().to_owned(), e.ty.clone()));
        }
        out.push(rule);
    }
    // A step decides nothing (but the certificates, which always decide), and a
    // territory row only for an applicant outside the territory.
    let always = |r: &Rule| matches!(r.step, Step::Decides | Step::Each) && matches!(r.text.when.trim(), "" | "true");
    if out.last().is_some_and(|r| !always(r)) {
        return Err(format!("{code}: the last rule must hold whatever the answers (when = \"true\")"));
    }
    // A row after one that always holds is never reached.
    if let Some(i) = out.iter().position(always).filter(|i| i + 1 < out.len()) {
        return Err(format!("{code}: rule {} always holds, so the rules after it are never reached", i + 1));
    }
    Ok(out)
}

/// The tables of each certificate, for an entry whose rows have a
/// `certificates` step: the rows below it, once for each certificate the
/// answers may give, with `cert.type`, `cert.level`, `cert.issued_on` and
/// `cert.student` naming that certificate's questions; each certificate's
/// date is its event. Empty for an entry without the step.
pub(crate) fn items(code: &str, rows: &[RuleText], names: &AnswerNames) -> Result<Vec<(Q, Vec<Rule>)>, String> {
    let Some(step) = rows.iter().position(|r| r.status == CERTIFICATES) else { return Ok(Vec::new()) };
    let below = &rows[step + 1..];
    if below.is_empty() {
        return Err(format!("{code}: the rows below the certificates step are each certificate's, and there are none"));
    }
    let mut out = Vec::new();
    for i in 0.. {
        let Some(questions) = super::certificates::certificate_questions(i) else { break };
        let named = |text: &Cow<'static, str>| -> Cow<'static, str> {
            match text.contains("cert.") {
                false => text.clone(),
                true => Cow::Owned(questions.iter().fold(text.to_string(), |t, (name, q)| t.replace(name, q.id()))),
            }
        };
        let rows: Vec<RuleText> = below.iter().map(|r| r.map(named)).collect();
        let table = compile(&format!("{code} (certificate {})", i + 1), &rows, names)?;
        out.push((questions[2].1, table));
    }
    Ok(out)
}

impl RuleText {
    /// The row with `f` applied to each of its fields.
    fn map(&self, f: impl Fn(&Cow<'static, str>) -> Cow<'static, str>) -> RuleText {
        let mut row = self.clone();
        for name in RuleText::FIELDS {
            if let Some(field) = row.field(name) {
                *field = f(field);
            }
        }
        row
    }
}

/// An expression as a message quotes it: a long one cut short.
fn shown(src: &str) -> String {
    match src.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &src[..cut]),
        None => src.to_owned(),
    }
}

/// What a table's rows read (conditions and amounts), by slot: questions by
/// their row, `applicant_type` and values past them.
pub(crate) fn reads(rules: &[Rule]) -> Vec<usize> {
    let steps = |r: &Rule| -> Vec<usize> {
        match &r.step {
            Step::Ask(qs) => qs.iter().map(|q| q.index()).collect(),
            Step::Find(b) => b.reads().iter().map(|q| q.index()).collect(),
            Step::Each => (0..).map_while(super::certificates::certificate_questions).flatten().map(|(_, q)| q.index()).collect(),
            Step::Let(_) => Vec::new(),
            Step::Decides | Step::Territory => Vec::new(),
        }
    };
    rules
        .iter()
        .flat_map(|r| std::iter::once(&r.when).chain(r.shown()).flat_map(|e| e.reads.iter().copied()).chain(steps(r)))
        .filter(|s| found_by(*s).is_none() && let_index(*s).is_none())
        .collect()
}

/// The numbers written in a table's amounts and in the holes of its sentences,
/// by row (from 1): a figure a row pays or shows must be a value, held to its
/// words in the text.
pub(crate) fn amount_numbers(rules: &[Rule]) -> Vec<(usize, rust_decimal::Decimal)> {
    rules.iter().enumerate().flat_map(|(i, r)| r.shown().flat_map(move |v| v.numbers().into_iter().map(move |n| (i + 1, n)))).collect()
}

/// True when `slot` is a question's.
pub(crate) fn is_question(slot: usize) -> bool {
    slot < TYPE_SLOT
}

/// The place among the entry's figures of the policy's figure in `slot`, when
/// the slot is one (not a question, the type, the plan's end, what a step
/// found, or a let): as [`Read::get`] tells them apart.
fn figure_at(slot: usize) -> Option<usize> {
    let figure = !is_question(slot) && slot != TYPE_SLOT && slot != PLAN_EXPIRES_SLOT && found_by(slot).is_none() && let_index(slot).is_none();
    (figure && slot >= VALUE_SLOT).then(|| slot - VALUE_SLOT)
}

/// The answers as a table reads them: each read noted as the Rust rules' are
/// (but by a plausibility check); values as in force on the event's date (or
/// the application date); and what the steps above the row found.
struct Read<'a, 'c> {
    ctx: &'a Ctx<'c>,
    found: &'a Found,
    noted: bool,
}

impl<'a, 'c> Read<'a, 'c> {
    fn row(ctx: &'a Ctx<'c>, found: &'a Found, rule: &Rule) -> Read<'a, 'c> {
        Read { ctx, found, noted: rule.noted }
    }
}

impl Read<'_, '_> {
    /// What a step found, by its place in [`FOUND_NAMES`], read by its name
    /// there, so that the list and what each name reads cannot part.
    fn found(&self, step: Builtin, at: usize) -> Option<Val> {
        let str = |s: &'static str| Val::Str(crate::expr::Str::Static(s));
        let name = FOUND_NAMES.get(at)?.1;
        match step {
            Builtin::Sme => {
                let (c, certified) = self.found.size.get()?;
                Some(match name {
                    "size.sme" => Val::Bool(c.is_sme),
                    "size.boundary" => Val::Bool(c.on_boundary),
                    "size.differs" => Val::Bool(certified.is_some()),
                    "size.class" => str(c.size.id()),
                    "size.certified" => str(certified.unwrap_or(c.size).id()),
                    _ => return None,
                })
            }
            Builtin::Ledger => {
                let l = self.found.ledger.get()?;
                let c = &l.credit;
                Some(match name {
                    "ledger.rate" => Val::Num(c.rate),
                    "ledger.generated" => Val::Num(c.generated),
                    "ledger.available" => Val::Num(c.carried_in + c.generated),
                    "ledger.payable" => Val::Num(c.payable),
                    "ledger.used" => Val::Num(c.used),
                    "ledger.carried_forward" => Val::Num(c.carried_forward),
                    "ledger.derived" => Val::Num(l.conflict(self.ctx)?),
                    "ledger.conflict" => Val::Bool(l.conflict(self.ctx).is_some()),
                    "ledger.since" => Val::Date(self.ctx.p.ledger_since()),
                    _ => return None,
                })
            }
        }
    }
}

impl Read<'_, '_> {
    /// A question's answer as given, noted as read unless the row only checks figures.
    #[inline(always)]
    fn answer_value(&self, slot: usize) -> Option<&crate::answers::Value> {
        let q = Q::at(slot)?;
        if self.noted { self.ctx.a.get(q) } else { self.ctx.a.peek().get(q) }
    }

    /// A question's answer: what most reads are, so it is tested first.
    #[inline(always)]
    fn answer(&self, slot: usize) -> Option<Val> {
        Some(match self.answer_value(slot)? {
            crate::answers::Value::YesNo(b) => Val::Bool(*b),
            crate::answers::Value::Count(n) => Val::Num((*n).into()),
            crate::answers::Value::Money(m) => Val::Num(*m),
            crate::answers::Value::Date(d) => Val::Date(*d),
            crate::answers::Value::Year(y) => Val::Num((*y).into()),
            crate::answers::Value::Choice(c) => Val::Str(crate::expr::Str::Static(c)),
            // Not known: the row waits for it, as for an unanswered question.
            crate::answers::Value::Unknown => return None,
        })
    }
}

impl Read<'_, '_> {
    /// The value in `slot` as one type: from an answer as given (`answer`), or
    /// from a value computed (`computed`); `what` names the type for the error
    /// a policy that reads it as another would meet. The typed reads of
    /// [`Slots`] (`number`, `text`, `date`, `truth`) are this with their types.
    #[inline(always)]
    fn read_as<T>(
        &self,
        slot: usize,
        what: &str,
        answer: impl FnOnce(&crate::answers::Value) -> Option<T>,
        computed: impl FnOnce(Val) -> Option<T>,
    ) -> Result<T, Stop> {
        let wrong = || Stop::Error(format!("not a {what}"));
        if !is_question(slot) {
            return computed(self.computed(slot)?).ok_or_else(wrong);
        }
        match self.answer_value(slot) {
            Some(crate::answers::Value::Unknown) | None => Err(Stop::Unknown(slot)),
            Some(v) => answer(v).ok_or_else(wrong),
        }
    }

    /// A figure of the policy's found before in this decision, by its place
    /// among the entry's figures.
    fn known(&self, i: usize) -> Option<std::cell::Ref<'_, Val>> {
        std::cell::Ref::filter_map(self.found.values.borrow(), |values| values.iter().find(|(at, _)| *at == i).map(|(_, v)| v)).ok()
    }

    /// A value that is not an answer: a let's (computed the first time a row
    /// reads it), a figure of the policy's, or what a step found.
    #[inline(never)]
    fn computed(&self, slot: usize) -> Result<Val, Stop> {
        let Some(i) = let_index(slot) else { return self.get(slot).ok_or(Stop::Unknown(slot)) };
        let expr = match self.found.lets.borrow().get(i) {
            Some(Some((_, Some(known)))) => return known.clone(),
            Some(Some((expr, None))) => *expr,
            _ => return Err(Stop::Error(format!("a let read above its row ({i})"))),
        };
        let known = expr.eval(self);
        if let Some(Some((_, slot))) = self.found.lets.borrow_mut().get_mut(i) {
            *slot = Some(known.clone());
        }
        known
    }
}

// What a row reads of the policy is what [`read_before_window`] lists: the
// entry's figures and the plan's expiry here, and what the steps found.
impl Slots for Read<'_, '_> {
    fn get(&self, slot: usize) -> Option<Val> {
        let ctx = self.ctx;
        if is_question(slot) {
            return self.answer(slot);
        }
        // The applicant's type, which many conditions test, before the rest.
        if slot == TYPE_SLOT {
            return Some(Val::Str(crate::expr::Str::Static(ctx.t.code())));
        }
        if slot == PLAN_EXPIRES_SLOT {
            return Some(Val::Date(ctx.p.policy.expires));
        }
        if let Some(step) = found_by(slot) {
            return self.found(step, slot - FOUND_SLOT);
        }
        if let_index(slot).is_some() {
            return self.value(slot).ok();
        }
        if let Some(i) = figure_at(slot) {
            if let Some(known) = self.known(i) {
                return Some(known.clone());
            }
            let name = ctx.entry.value_names.get(i)?;
            // A value as in force on the event's date (for a year, at its end).
            // Before the date is known, the figure is not either, so the row
            // waits for the date ([`stopped`] asks for it); once it is, the
            // result rests on the date, so it is read, not peeked at.
            let at = match ctx.entry.event {
                None => ctx.on,
                Some(q) => ctx.a.date(q).or_else(|| ctx.a.year(q).map(crate::date::Date::end_of_year))?,
            };
            let access = ctx.entry.value_access.get(i).copied().flatten();
            let value = ctx.p.value_for_expr(name, access, at)?;
            self.found.values.borrow_mut().push((i, value.clone()));
            return Some(value);
        }
        None
    }

    /// An answer, or a let's value, computed the first time a row reads it;
    /// or what it waits for.
    // Inlined where it is read, so that an answer goes straight to what reads
    // it: passed back through memory, a value's parts were written apart and
    // read as one, and the processor waited on every read.
    #[inline(always)]
    fn value(&self, slot: usize) -> Result<Val, Stop> {
        if is_question(slot) {
            return self.answer(slot).ok_or(Stop::Unknown(slot));
        }
        self.computed(slot)
    }

    #[inline(always)]
    fn number(&self, slot: usize) -> Result<rust_decimal::Decimal, Stop> {
        use crate::answers::Value;
        self.read_as(
            slot,
            "number",
            |v| match v {
                Value::Count(n) => Some((*n).into()),
                Value::Money(m) => Some(*m),
                Value::Year(y) => Some((*y).into()),
                _ => None,
            },
            |v| match v {
                Val::Num(x) => Some(x),
                _ => None,
            },
        )
    }

    /// A figure's item, read from the figure found before (a list a table
    /// reads again, as the internship quota reads its shares a dozen times)
    /// without sharing it anew.
    fn item(&self, slot: usize, i: rust_decimal::Decimal) -> Result<Val, Stop> {
        if let Some(known) = figure_at(slot).and_then(|at| self.known(at))
            && let Val::List(items) = &*known
        {
            return crate::expr::item_of(items, i);
        }
        match self.value(slot)? {
            Val::List(items) => crate::expr::item_of(&items, i),
            _ => Err(Stop::Error("not a list".into())),
        }
    }

    #[inline(always)]
    fn text(&self, slot: usize) -> Result<crate::expr::Str, Stop> {
        use crate::answers::Value;
        use crate::expr::Str;
        // The applicant's type, which many conditions test, without a call.
        if slot == TYPE_SLOT {
            return Ok(Str::Static(self.ctx.t.code()));
        }
        self.read_as(
            slot,
            "string",
            |v| match v {
                Value::Choice(c) => Some(Str::Static(c)),
                _ => None,
            },
            |v| match v {
                Val::Str(t) => Some(t),
                _ => None,
            },
        )
    }

    #[inline(always)]
    fn date(&self, slot: usize) -> Result<crate::Date, Stop> {
        use crate::answers::Value;
        self.read_as(
            slot,
            "date",
            |v| match v {
                Value::Date(d) => Some(*d),
                _ => None,
            },
            |v| match v {
                Val::Date(d) => Some(d),
                _ => None,
            },
        )
    }

    #[inline(always)]
    fn truth(&self, slot: usize) -> Result<bool, Stop> {
        use crate::answers::Value;
        self.read_as(
            slot,
            "bool",
            |v| match v {
                Value::YesNo(b) => Some(*b),
                _ => None,
            },
            |v| match v {
                Val::Bool(b) => Some(b),
                _ => None,
            },
        )
    }

    /// An answer read without noting it (`peek(x)`).
    fn peek(&self, slot: usize) -> Option<Val> {
        Read { ctx: self.ctx, found: self.found, noted: false }.get(slot)
    }

    /// Whether a question is answered, without noting it as read: `has(x) && x
    /// > 0` rests on `x` only where it goes on to read it.
    fn has(&self, slot: usize) -> bool {
        match Q::at(slot) {
            Some(q) if is_question(slot) => answered(self.ctx, q),
            _ => self.get(slot).is_some(),
        }
    }
}

/// True when `q` has an answer to decide by ("不清楚" is none).
fn answered(ctx: &Ctx, q: Q) -> bool {
    ctx.a.peek().get(q).is_some_and(|v| !matches!(v, crate::answers::Value::Unknown))
}

/// The questions asked together with `q` for this entry (`ask_together`), or
/// `q` alone: a rule that waits for one of them waits for all that are
/// unanswered, as one page asks them.
fn asked_with(ctx: &Ctx, q: Q) -> Outcome {
    match ctx.entry.together.iter().find(|group| group.contains(&q)) {
        Some(group) => Outcome::missing(ctx.a, group),
        None => Outcome::missing(ctx.a, &[q]),
    }
}

/// Decides an entry by its table.
pub(crate) fn decide(ctx: &Ctx, rules: &'static [Rule]) -> Outcome {
    decided(ctx, rules).0
}

/// The same, and the row that decided, if a row did.
fn decided(ctx: &Ctx, rules: &'static [Rule]) -> (Outcome, Option<&'static Rule>) {
    let (o, rule) = decided_by_rows(ctx, rules);
    (held(ctx, rule, o), rule)
}

/// What the rows decide, and the row that decided, before the window of a
/// status held now ([`held`]).
#[inline(always)]
fn decided_by_rows(ctx: &Ctx, rules: &'static [Rule]) -> (Outcome, Option<&'static Rule>) {
    let found = Found::default();
    for rule in rules {
        if let Some(o) = decides(ctx, rule, &found) {
            return (o, Some(rule));
        }
    }
    (Outcome::not_eligible(Text::new("没有适用的规则。", "No rule applies.")), None)
}

/// `o`, decided by `rule`, under the window of a status held now where the
/// row decides one (`held = "now"`): held under the document in force on the
/// application date. Only an eligible outcome is changed by it, so a row that
/// stopped short of deciding (which [`stopped`] never makes eligible) is left
/// as it is.
#[inline(always)]
fn held(ctx: &Ctx, rule: Option<&'static Rule>, o: Outcome) -> Outcome {
    match rule {
        Some(r) if r.step == Step::Decides && r.text.held == "now" => {
            let higher = (!r.text.higher_zh.is_empty()).then_some((r.text.higher_zh.as_ref(), r.text.higher_en.as_ref()));
            ctx.status_window(o, higher)
        }
        _ => o,
    }
}

impl Rule {
    /// A plausibility check (`evidence = "no"`) that decided: a figure in doubt
    /// goes to a person before any document's window is read.
    fn doubts(&self) -> bool {
        self.step == Step::Decides && !self.noted
    }
}

/// `o`, refused by its event's date, with what the row that decided it says
/// then (`outside_zh`, `outside_en`).
fn outside(o: Outcome, rule: Option<&'static Rule>) -> Outcome {
    match rule {
        Some(r) if o.status == Status::NotEligible && !r.text.outside_zh.is_empty() => o.also(r.text.outside_zh.clone(), r.text.outside_en.clone()),
        _ => o,
    }
}

/// What one row decides, or `None` when the next row is to be read: its
/// condition does not hold; or a step found what it looks for (a territory
/// row: the applicant is within; an ask row: its questions are answered; an
/// sme row: the enterprise is classified, in `found`).
fn decides(ctx: &Ctx, rule: &'static Rule, found: &Found) -> Option<Outcome> {
    let read = Read::row(ctx, found, rule);
    match rule.when.test(&read) {
        Ok(false) => None,
        Ok(true) => match &rule.step {
            Step::Territory => match ctx.territory() {
                Ok(()) => None,
                Err(o) if rule.text.also_zh.is_empty() => Some(o),
                Err(o) => Some(match sentence(&rule.also, &read) {
                    Ok(also) => o.and(also),
                    Err(stop) => stopped(ctx, stop),
                }),
            },
            // Each is read, as a rule that needs them all reads them; while one is
            // unanswered, the row waits for all that are, as one page asks them.
            Step::Ask(qs) => match qs.iter().filter(|q| read.get(q.index()).is_none()).count() {
                0 => None,
                _ if qs.len() == 1 => Some(asked_with(ctx, qs[0])),
                _ => Some(Outcome::missing(ctx.a, qs)),
            },
            Step::Find(Builtin::Sme) => match super::size::classify(ctx) {
                Ok(size) => {
                    let _ = found.size.set(size);
                    None
                }
                Err(asks) => Some(asks),
            },
            Step::Find(Builtin::Ledger) => match super::credit::ledger(ctx) {
                Ok(ledger) => {
                    let _ = found.ledger.set(ledger);
                    None
                }
                Err(asks) => Some(asks),
            },
            Step::Decides => Some(outcome(ctx, rule, found)),
            Step::Let(i) => {
                if let Some(e) = &rule.value {
                    let mut lets = found.lets.borrow_mut();
                    if lets.len() <= *i {
                        lets.resize(*i + 1, None);
                    }
                    lets[*i] = Some((e, None));
                }
                None
            }
            // Each certificate is judged by its own table, as an entry whose event is its date.
            Step::Each => Some(super::certificates::each_certificate(ctx, |i| match ctx.entry.items.get(i) {
                Some(item) => decide_plan(&Ctx { a: ctx.a, p: ctx.p, on: ctx.on, t: ctx.t, entry: item }),
                None => Outcome::not_eligible(Text::new("没有适用的规则。", "No rule applies.")),
            })),
        },
        Err(stop) => Some(stopped(ctx, stop)),
    }
}

/// The rows read while `event` is unanswered: down to the `ask` row that asks
/// for it, where the table has one; else the leading refusals (a territory row
/// among them). The first that decides decides; past them, `event` is asked.
fn before_event(ctx: &Ctx, rules: &'static [Rule], event: Q) -> (Outcome, Option<&'static Rule>) {
    let found = Found::default();
    let asked_at = rules.iter().position(|r| matches!(&r.step, Step::Ask(qs) if qs.contains(&event)));
    let read = match asked_at {
        Some(i) => &rules[..=i],
        None => &rules[..rules.iter().take_while(|r| r.status == Status::NotEligible).count()],
    };
    read.iter().find_map(|rule| Some((decides(ctx, rule, &found)?, Some(rule)))).unwrap_or_else(|| (asked_with(ctx, event), None))
}

/// Decides an entry of the plan by its table: the territorial default first
/// where the entry says so (catalogue X4), then the rows, then, for an outcome
/// that is not a refusal, the window of its event: the document in force on
/// the event's date, or in the year claimed for (§0, X1–X3), as the Rust rules
/// apply `Ctx::window` and `Ctx::year_window`.
pub(crate) fn decide_plan(ctx: &Ctx) -> Outcome {
    match before_window(ctx) {
        Before::Done(o) => o,
        Before::Window(o, rule, q) => in_window(ctx, o, rule, q),
    }
}

/// Where deciding a plan entry stands before any window is read.
pub(crate) enum Before {
    /// Decided without a window: outside the territory.
    Done(Outcome),
    /// Decided by its rows (by this one, if one decided); the windows decide
    /// the rest: a status held now, then the event's, asked by the question
    /// where the entry has one and the rows have read as far as its date.
    Window(Outcome, Option<&'static Rule>, Option<Q>),
}

/// [`decide_plan`] up to its windows: everything that reads the answers, the
/// entry's own figures and the plan's dates, and no document's window.
#[inline(always)]
pub(crate) fn before_window(ctx: &Ctx) -> Before {
    let entry = ctx.entry;
    if entry.territory
        && let Err(o) = ctx.territory()
    {
        return Before::Done(o);
    }
    let Some(q) = entry.event else {
        let (o, rule) = decided_by_rows(ctx, &entry.rules);
        return Before::Window(o, rule, None);
    };
    // The event's date decides which document, and so which figures, judge
    // the rest: the refusals that do not need it are read first, and the date
    // before any other row.
    if !answered(ctx, q) {
        let (o, rule) = before_event(ctx, &entry.rules, q);
        return Before::Window(o, rule, None);
    }
    let (o, rule) = decided_by_rows(ctx, &entry.rules);
    // A row that waits for a question asked after the date has read the date first.
    if o.missing.first().is_some_and(|m| *m > q) {
        let _ = ctx.a.get(q);
    }
    Before::Window(o, rule, Some(q))
}

/// [`decide_plan`] from its windows on: the outcome the rows decided, put to
/// the window of a status held now, then to that of the event asked by `q`
/// unless the rows refused it, asked for more, or doubt a figure.
#[inline(always)]
pub(crate) fn in_window(ctx: &Ctx, o: Outcome, rule: Option<&'static Rule>, q: Option<Q>) -> Outcome {
    let o = held(ctx, rule, o);
    let Some(q) = q else { return o };
    if rule.is_some_and(Rule::doubts) || !o.missing.is_empty() || o.status == Status::NotEligible {
        return o;
    }
    let o = match q.def().kind {
        Kind::Year => match ctx.a.year(q) {
            None => asked_with(ctx, q),
            Some(year) => ctx.year_window(year, q, o),
        },
        _ => match ctx.a.date(q) {
            None => asked_with(ctx, q),
            Some(date) => ctx.window(date, q, o),
        },
    };
    outside(o, rule)
}

/// The names of the policy's values that deciding `entry` by its table reads
/// before its windows ([`before_window`]): the figures its rows' expressions
/// read, and the ledger's where a row finds the ledger. `None` when a window
/// is read among the rows: certificates, each judged in its own window.
/// Besides these, the rows read only the answers, the plan's expiry
/// (`plan_expires`, and the ledger's rule after it) and the SME thresholds.
/// A comparison (`crate::Pair`) reads the rows once for two policies on the
/// strength of this list: a row that comes to read anything else of the
/// policy must add it here, or to what `Pair::new` compares.
pub(crate) fn read_before_window(entry: &crate::catalogue::Entry) -> Option<Vec<&str>> {
    // The figures its expressions read, among all the catalogue's.
    let mut names: Vec<&str> = reads(&entry.rules).into_iter().filter_map(figure_at).filter_map(|i| entry.value_names.get(i)).map(String::as_str).collect();
    for rule in &entry.rules {
        match rule.step {
            Step::Each => return None,
            Step::Find(Builtin::Ledger) => names.extend(super::credit::PARAMS.iter().map(|(name, _)| *name)),
            _ => {}
        }
    }
    Some(names)
}

/// A table stopped: at an unanswered question, which the planner then asks;
/// or at a value it cannot compute, which a person decides.
fn stopped(ctx: &Ctx, stop: Stop) -> Outcome {
    match stop {
        // A question's slot waits for that question (and those asked with it);
        // a value's waits for the event's date, on which its figure depends.
        Stop::Unknown(slot) => match if is_question(slot) { Q::at(slot) } else { ctx.entry.event } {
            Some(q) => asked_with(ctx, q),
            None => Outcome::missing(ctx.a, &[]),
        },
        Stop::Error(why) => Outcome::manual(
            Amount::None,
            Text::new(format!("此条目的规则无法计算（{why}），需人工认定。"), format!("This entry's rule cannot be computed ({why}); a person decides.")),
        ),
    }
}

/// Decides an entry a pack adds: by its table, then, for an outcome that
/// holds, by the window of the document that adds it, on the event's date.
pub(crate) fn decide_added(ctx: &Ctx, rules: &'static [Rule]) -> Outcome {
    let (o, rule) = decided(ctx, rules);
    if rule.is_some_and(Rule::doubts) || !matches!(o.status, Status::Eligible | Status::ManualReview) {
        return o;
    }
    let o = match ctx.entry.event {
        None => ctx.added_window(ctx.on, None, o),
        Some(q) => match ctx.a.date(q) {
            None => Outcome::missing(ctx.a, &[q]),
            Some(date) => ctx.added_window(date, Some(q), o),
        },
    };
    outside(o, rule)
}

/// Decides a plan entry that a successor restates (a pack's `restates`). The
/// event's date decides whose rules apply: a restating document's table for
/// an event it covers, the plan's own rules (`earlier`) for one before it or
/// after it expired. While the date is unanswered, the newest restating
/// table is read, since today's applicants mostly claim under it; it asks for
/// the date as soon as it needs a question asked after it, so that an old
/// event is never asked what only the successor reads. A not-eligible row it
/// reaches before that holds without the date: an enterprise that hired nobody
/// is never asked when. docs/policy-packs.md asks authors to write such rows
/// only for conditions the earlier rules share.
pub(crate) fn decide_restated(
    ctx: &Ctx,
    restated: &[(&'static crate::params::Policy, &'static crate::catalogue::Entry)],
    earlier: impl FnOnce() -> Outcome,
) -> Outcome {
    let Some(&(_, latest)) = restated.last() else { return earlier() };
    let under = |entry: &'static crate::catalogue::Entry| Ctx { a: ctx.a, p: ctx.p, on: ctx.on, t: ctx.t, entry };
    let Some(q) = latest.event else { return decide(&under(latest), &latest.rules) };
    let Some(date) = ctx.a.peek().date(q) else {
        let o = decide(&under(latest), &latest.rules);
        return match o.missing.first() {
            Some(next) if *next > q => Outcome::missing(ctx.a, &[q]),
            Some(_) => o,
            None if o.status == Status::NotEligible => o,
            None => Outcome::missing(ctx.a, &[q]),
        };
    };
    // The date chose the rules, so it is a fact the result rests on.
    let _ = ctx.a.date(q);
    match restated.iter().rev().find(|(doc, _)| doc.in_force_on(date)) {
        Some(&(_, entry)) => {
            let (o, rule) = decided(&under(entry), &entry.rules);
            if rule.is_some_and(Rule::doubts) || !o.missing.is_empty() {
                return o;
            }
            outside(under(entry).window(date, q, o), rule)
        }
        None => earlier(),
    }
}

/// What a deciding row decides: its status, amount and sentences, with the
/// applicant's figures; or, where a figure it needs is unanswered or cannot be
/// computed, what [`stopped`] makes of that.
// Everything that can stop is computed before the outcome is made, and the
// outcome is returned as it is: an outcome is large, and wrapping it in a
// `Result` to unwrap it again copied it twice for every deciding row.
fn outcome(ctx: &Ctx, rule: &'static Rule, found: &Found) -> Outcome {
    let read = Read::row(ctx, found, rule);
    match parts(rule, found, &read) {
        Ok((reason, amount, also, change)) => decided_as(ctx, rule, found, reason, amount, also, change),
        Err(stop) => stopped(ctx, stop),
    }
}

/// A deciding row's reason, amount, extra sentence and nearest miss, each of
/// which may stop at an unanswered figure.
#[allow(clippy::type_complexity)]
fn parts(rule: &'static Rule, found: &Found, read: &Read) -> Result<(Reason, Amount, Option<Reason>, Option<Text>), Stop> {
    let t = &rule.text;
    let mut reason = sentence(&rule.reason, read)?;
    match rule.lead {
        Some(Builtin::Sme) => {
            if let Some((size, _)) = found.size.get() {
                reason.prepend(size.reason.clone());
            }
        }
        Some(Builtin::Ledger) => {
            if let Some(taxes) = found.ledger.get().and_then(|l| l.taxes.clone()) {
                reason.prepend(taxes);
            }
        }
        None => {}
    }
    let yuan = |e: &Expr| -> Result<rust_decimal::Decimal, Stop> {
        match e.eval(read)? {
            Val::Num(n) if !n.is_sign_negative() => Ok(crate::money::fen_floor(n)),
            _ => Err(Stop::Error("the amount is negative".into())),
        }
    };
    let amount = match (t.amount.as_ref(), &rule.value) {
        ("in-kind", _) => {
            let quantity = match &rule.value {
                None => None,
                Some(e) => match e.eval(read)? {
                    Val::Num(n) if !n.is_sign_negative() => Some(n),
                    _ => return Err(Stop::Error("the quantity is negative".into())),
                },
            };
            let until = match &rule.until {
                None => None,
                Some(e) => match e.eval(read)? {
                    Val::Date(d) => Some(d),
                    _ => return Err(Stop::Error("until is no date".into())),
                },
            };
            let unit = (!rule.unit.zh.is_empty()).then_some(&rule.unit);
            Amount::InKind { quantity, unit, until }
        }
        ("obligation", _) => {
            // A count of places or hours, not money: as computed, never below 0.
            let count = |e: &Expr| -> Result<rust_decimal::Decimal, Stop> {
                match e.eval(read)? {
                    Val::Num(n) if !n.is_sign_negative() => Ok(n.normalize()),
                    _ => Err(Stop::Error("the obligation is negative".into())),
                }
            };
            Amount::Obligation { min: rule.min.as_ref().map(count).transpose()?, max: rule.value.as_ref().map(count).transpose()?, unit: &rule.unit }
        }
        ("exact", Some(e)) => Amount::Exact { yuan: yuan(e)? },
        ("up-to", Some(e)) => Amount::UpTo { cap: yuan(e)? },
        ("range", Some(e)) => Amount::Range { min: rule.min.as_ref().map_or(Ok(rust_decimal::Decimal::ZERO), yuan)?, max: yuan(e)? },
        ("annual-notice", _) => Amount::AnnualNotice,
        ("credit", _) => match found.ledger.get() {
            Some(l) => Amount::Credit(Box::new(l.credit.clone())),
            None => Amount::None,
        },
        _ => Amount::None,
    };
    let also = match t.also_zh.is_empty() {
        true => None,
        false => Some(sentence(&rule.also, read)?),
    };
    let change = match t.miss_zh.is_empty() {
        true => None,
        false => Some(sentence_now(&rule.miss_text, read)?),
    };
    Ok((reason, amount, also, change))
}

/// The outcome of a deciding row, from its parts.
fn decided_as(ctx: &Ctx, rule: &'static Rule, found: &Found, reason: Reason, amount: Amount, also: Option<Reason>, change: Option<Text>) -> Outcome {
    let t = &rule.text;
    // Built in place: an Outcome is large, and each rebinding of it was a copy.
    let mut o = match rule.status {
        Status::NotEligible => Outcome::not_eligible(reason),
        Status::ManualReview => Outcome::manual(amount, reason),
        Status::Undetermined => Outcome::undetermined(amount, reason),
        _ => Outcome::eligible(amount, reason),
    };
    if let Some(also) = also {
        o.reason.push(also);
    }
    if let Some(change) = change {
        o.set_miss(rule.miss, change.zh, change.en);
    }
    // Money paid to the applicant, whether its figure is known or set by the notice.
    let money = matches!(t.amount.as_ref(), "exact" | "up-to" | "range" | "annual-notice");
    if money && rule.status != Status::NotEligible && t.cash != "no" {
        o.cash = true;
    }
    if let Some([zh, en]) = &rule.x7 {
        o.add_flag("X7", zh.as_str(), en.as_str());
    }
    // A credit led by the ledger rests on the national rule once the plan has expired.
    if let (Some(Builtin::Ledger), Some(l)) = (rule.lead, found.ledger.get()) {
        o = l.after_the_plan(ctx, o);
    }
    // A figure in doubt is marked as every implausible figure is.
    if !rule.noted {
        o.add_flag("X8", "数字不合常理，需人工核实", "The figures are implausible; a person checks them");
    }
    // A status held now (`held = "now"`) is put to its window by whoever reads
    // the rows ([`held`]), after them: the window is the policy's, the rows the entry's.
    o
}

/// An obligation's unit is a `StaticText`. The catalogue lives for the program,
/// so its text does too: the embedded data's is borrowed as it is, and a
/// catalogue read from JSON (for tests) keeps its own once, when compiled.
fn lasting(s: Cow<'static, str>) -> &'static str {
    match s {
        Cow::Borrowed(b) => b,
        Cow::Owned(o) => Box::leak(o.into_boxed_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::{AnswerNames, RuleText, compile};

    /// A table of rows each given as `field = value` pairs, compiled against the plan's questions.
    fn table(rows: &[&[(&str, &str)]]) -> Result<(), String> {
        let rows: Vec<RuleText> = rows
            .iter()
            .map(|fields| {
                let mut row = RuleText::default();
                for (name, value) in *fields {
                    row.set(name, value.to_string().into());
                }
                row
            })
            .collect();
        compile("T1", &rows, &AnswerNames { added: &[], values: &[] }).map(|_| ())
    }

    const LAST: &[(&str, &str)] = &[("status", "eligible"), ("reason_zh", "是"), ("reason_en", "Yes")];

    /// A sentence's section is written, and its holes read, only where its
    /// condition holds; a section left open or closed twice refuses the table.
    #[test]
    fn a_section_is_written_only_where_its_condition_holds() {
        use crate::expr::{Slots, Val};
        use crate::questions::Q;
        struct Hired(Option<u64>);
        impl Slots for Hired {
            fn get(&self, slot: usize) -> Option<Val> {
                self.0.filter(|_| slot == Q::GraduatesHired.index()).map(|n| Val::Num(n.into()))
            }
        }
        let plan = AnswerNames { added: &[], values: &[] };
        let names = super::Scoped { base: &plan, lets: Vec::new() };
        let src = "A{#has(graduates_hired)}, {graduates_hired} hired{#graduates_hired > 5}, many{/}{/}.";
        let src = std::borrow::Cow::Borrowed(src);
        let s = super::Sentence::compile(&src, &src, &names).unwrap_or_else(|(_, e)| panic!("{e}"));
        let Some(t) = &s.t[1] else { panic!("it has holes") };
        assert_eq!(s.exprs.len(), 3, "the holes the two languages share are kept once");
        let say = |n: Option<u64>| s.values(&Hired(n)).map(|v| t.write(&v, false));
        assert_eq!(say(None), Ok("A.".to_owned()), "a section's holes are not read where it does not hold");
        assert_eq!(say(Some(3)), Ok("A, 3 hired.".to_owned()));
        assert_eq!(say(Some(9)), Ok("A, 9 hired, many.".to_owned()));
        let refused = |src: &str, why: &str| {
            let e = super::Sentence::compile(&src.to_owned().into(), &"".into(), &names).err().unwrap_or_default().1;
            assert!(e.contains(why), "{src}: {e} should say {why}");
        };
        refused("A{#graduates_hired > 2}, more", "never closes it");
        refused("A{/}", "that no {#…} opened");
        refused("A{#graduates_hired}x{/}", "graduates_hired");
    }

    /// The steps that ask and classify are checked as the table compiles: what
    /// they name, what they give, and that what the `sme` step finds is read
    /// only below it.
    #[test]
    fn the_steps_are_checked_when_the_table_compiles() {
        let sme: &[(&str, &str)] = &[("status", "sme")];
        let ask: &[(&str, &str)] = &[("status", "ask"), ("asks", "ent_ownership, graduates_hired_on")];
        let led: &[(&str, &str)] = &[("when", "size.sme"), ("status", "eligible"), ("lead", "sme"), ("reason_zh", "是"), ("reason_en", "Yes")];
        assert_eq!(table(&[ask, sme, led, LAST]), Ok(()));
        let refused = |rows: &[&[(&str, &str)]], why: &str| {
            let e = table(rows).err().unwrap_or_default();
            assert!(e.contains(why), "{e} should say {why}");
        };
        refused(&[&[("when", "size.sme"), ("status", "eligible"), ("reason_zh", "是"), ("reason_en", "Yes")], sme, LAST], "size.* is read only below");
        refused(&[&[("status", "eligible"), ("lead", "sme"), ("reason_zh", "是"), ("reason_en", "Yes")]], "lead = \"sme\" is given only");
        refused(&[&[("status", "ask"), ("asks", "ent_ownershop")], LAST], "asks \"ent_ownershop\", no question");
        refused(&[&[("status", "ask")], LAST], "an ask row names its questions");
        refused(&[&[("status", "sme"), ("reason_zh", "是"), ("reason_en", "Yes")], LAST], "gives only its condition");
        refused(&[&[("status", "eligible"), ("asks", "ent_ownership"), ("reason_zh", "是"), ("reason_en", "Yes")]], "asks is given only");
        refused(&[&[("status", "eligible"), ("evidence", "maybe"), ("reason_zh", "是"), ("reason_en", "Yes")]], "evidence \"maybe\"");
        refused(&[ask], "the last rule must hold");
        let named: &[(&str, &str)] = &[("status", "let"), ("name", "twice"), ("value", "graduates_hired * 2")];
        assert_eq!(table(&[named, &[("when", "twice > 4"), ("status", "eligible"), ("reason_zh", "{twice}"), ("reason_en", "{twice}")], LAST]), Ok(()));
        refused(&[&[("when", "twice > 4"), ("status", "eligible"), ("reason_zh", "是"), ("reason_en", "Yes")], named, LAST], "\"twice\"");
        refused(&[&[("status", "let"), ("name", "graduates_hired"), ("value", "1")], LAST], "let name \"graduates_hired\"");
        refused(&[&[("status", "let"), ("name", "x")], LAST], "a let row gives a name and a value");
        refused(&[&[("when", "graduates_hired > 2"), ("status", "let"), ("name", "x"), ("value", "1")], LAST], "a let row has no condition");
        refused(&[&[("status", "eligible"), ("name", "x"), ("reason_zh", "是"), ("reason_en", "Yes")]], "name is given only");
        refused(&[&[("status", "eligible"), ("amount", "credit"), ("reason_zh", "是"), ("reason_en", "Yes")]], "amount = \"credit\" is given only below");
        refused(
            &[&[("when", "ledger.used > 0"), ("status", "eligible"), ("reason_zh", "是"), ("reason_en", "Yes")], &[("status", "ledger")], LAST],
            "ledger.* is read only below",
        );
        refused(&[sme, &[("status", "eligible"), ("lead", "ledger"), ("reason_zh", "是"), ("reason_en", "Yes")]], "lead = \"ledger\" is given only");
        refused(&[LAST, &[("status", "eligible"), ("reason_zh", "{size.class|sized}"), ("reason_en", "x")]], "the format sized");
    }

    /// A pack's row is read field by field: every field listed is set.
    #[test]
    fn every_row_field_is_set_by_its_name() {
        let mut row = RuleText::default();
        for name in RuleText::FIELDS {
            row.set(name, format!("<{name}>").into());
        }
        let written = format!("{row:?}");
        for name in RuleText::FIELDS {
            assert!(written.contains(&format!("<{name}>")), "{name} is not set: {written}");
        }
    }
}
