//! Entries as data: an entry's rules written in `entries.toml` as a decision
//! table, first row whose condition holds decides (ARCHITECTURE.md, "Successors
//! as data"). The conditions are expressions of the entry language
//! ([`crate::expr`]) over the answers, by question id, and `applicant_type`, the
//! role the entry is judged under. A condition that reads an unanswered
//! question stops there, and the entry waits for that answer, as a Rust rule
//! does: so the planner asks what the table reads, in the order it reads it.
//!
//! While entries move from Rust into data, an entry with a table has its Rust
//! formula kept as the oracle: `tests/tables.rs` holds the two to identical
//! results ([`with_formulas`]).

use std::borrow::Cow;
use std::cell::Cell;

use serde::Deserialize;

use super::{Ctx, Outcome, in_kind};
use crate::expr::{Expr, Names, Slots, Stop, Type, Val};
use crate::outcome::{Amount, Status};
use crate::questions::{Kind, Q, all};
use crate::text::{StaticText, Text};

/// One row as `entries.toml` writes it (`[[entry.rule]]`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleText {
    /// The condition; `true` when absent.
    #[serde(default)]
    pub when: Cow<'static, str>,
    /// `eligible` or `not-eligible`.
    pub status: Cow<'static, str>,
    /// `none` (the default), `in-kind` or `obligation` (with `unit_zh`, `unit_en`).
    #[serde(default)]
    pub amount: Cow<'static, str>,
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
    /// What the row says, in both languages.
    pub reason_zh: Cow<'static, str>,
    pub reason_en: Cow<'static, str>,
    /// The nearest miss of a not-eligible row: the question and what would change it.
    #[serde(default)]
    pub miss_question: Cow<'static, str>,
    #[serde(default)]
    pub miss_zh: Cow<'static, str>,
    #[serde(default)]
    pub miss_en: Cow<'static, str>,
    /// An obligation's unit.
    #[serde(default)]
    pub unit_zh: Cow<'static, str>,
    #[serde(default)]
    pub unit_en: Cow<'static, str>,
}

/// One row, compiled when the catalogue loads.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    when: Expr,
    text: RuleText,
    status: Status,
    miss: Option<Q>,
    /// An obligation's unit, as the amount holds it.
    unit: StaticText,
}

/// The names a table reads: each question by its id (slot = its index in the
/// question table), and `applicant_type` after them.
struct AnswerNames;

const APPLICANT_TYPE: &str = "applicant_type";

impl Names for AnswerNames {
    fn resolve(&self, name: &str) -> Option<(usize, Type)> {
        if name == APPLICANT_TYPE {
            return Some((all().len(), Type::Str));
        }
        let q = Q::from_id(name)?;
        let ty = match q.def().kind {
            Kind::YesNo => Type::Bool,
            Kind::Count { .. } | Kind::Money | Kind::Year => Type::Num,
            Kind::Date => Type::Date,
            Kind::OneOf { .. } => Type::Str,
        };
        Some((q as usize, ty))
    }
}

/// Compiles an entry's rows. The last row must hold whatever the answers (its
/// condition `true`), so that an entry always decides.
pub(crate) fn compile(code: &str, rows: &[RuleText]) -> Result<Vec<Rule>, String> {
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let at = |what: String| format!("{code}: rule {}: {what}", i + 1);
        let src = if row.when.trim().is_empty() { "true" } else { row.when.as_ref() };
        let when = Expr::compile_as(src, Type::Bool, &AnswerNames, &[]).map_err(|e| at(format!("when = \"{src}\": {e}")))?;
        let status = match row.status.as_ref() {
            "eligible" => Status::Eligible,
            "not-eligible" => Status::NotEligible,
            other => return Err(at(format!("status \"{other}\" (eligible or not-eligible)"))),
        };
        if !matches!(row.amount.as_ref(), "" | "none" | "in-kind" | "obligation") {
            return Err(at(format!("amount \"{}\" (none, in-kind or obligation)", row.amount)));
        }
        if !matches!(row.held.as_ref(), "" | "now") {
            return Err(at(format!("held \"{}\" (now, or nothing)", row.held)));
        }
        let miss = match row.miss_question.as_ref() {
            "" => None,
            id => Some(Q::from_id(id).ok_or_else(|| at(format!("miss_question \"{id}\" is no question")))?),
        };
        let unit = StaticText { zh: lasting(row.unit_zh.clone()), en: lasting(row.unit_en.clone()) };
        out.push(Rule { when, text: row.clone(), status, miss, unit });
    }
    if out.last().is_some_and(|r| r.text.when.trim() != "true" && !r.text.when.trim().is_empty()) {
        return Err(format!("{code}: the last rule must hold whatever the answers (when = \"true\")"));
    }
    Ok(out)
}

/// The answers as a table reads them: each read noted as the Rust rules' are.
struct Read<'a, 'c>(&'a Ctx<'c>);

impl Slots for Read<'_, '_> {
    fn get(&self, slot: usize) -> Option<Val> {
        let ctx = self.0;
        if slot == all().len() {
            return Some(Val::Str(ctx.t.code().into()));
        }
        let q = all().get(slot)?.q;
        Some(match ctx.a.get(q)? {
            crate::answers::Value::YesNo(b) => Val::Bool(*b),
            crate::answers::Value::Count(n) => Val::Num((*n).into()),
            crate::answers::Value::Money(m) => Val::Num(*m),
            crate::answers::Value::Date(d) => Val::Date(*d),
            crate::answers::Value::Year(y) => Val::Num((*y).into()),
            crate::answers::Value::Choice(c) => Val::Str((*c).into()),
        })
    }
}

/// Decides an entry by its table.
pub(crate) fn decide(ctx: &Ctx, rules: &[Rule]) -> Outcome {
    for rule in rules {
        match rule.when.test(&Read(ctx)) {
            Ok(false) => continue,
            Ok(true) => return outcome(ctx, rule),
            Err(Stop::Unknown(slot)) => {
                let q = all().get(slot).map(|q| q.q);
                return Outcome::missing(&ctx.a, q.as_slice());
            }
            Err(Stop::Error(why)) => {
                return Outcome::manual(
                    Amount::None,
                    Text::new(
                        format!("此条目的规则无法计算（{why}），需人工认定。"),
                        format!("This entry's rule cannot be computed ({why}); a person decides."),
                    ),
                );
            }
        }
    }
    Outcome::not_eligible(Text::new("没有适用的规则。", "No rule applies."))
}

fn outcome(ctx: &Ctx, rule: &Rule) -> Outcome {
    let t = &rule.text;
    let reason = Text::new(t.reason_zh.clone(), t.reason_en.clone());
    let amount = match t.amount.as_ref() {
        "in-kind" => in_kind(),
        "obligation" => Amount::Obligation { min: None, max: None, unit: rule.unit },
        _ => Amount::None,
    };
    let o = match rule.status {
        Status::NotEligible => {
            let o = Outcome::not_eligible(reason);
            match (&rule.miss, t.miss_zh.is_empty()) {
                (_, true) => o,
                (q, false) => o.miss(*q, t.miss_zh.clone(), t.miss_en.clone()),
            }
        }
        _ => Outcome::eligible(amount, reason),
    };
    if t.held == "now" {
        let higher = (!t.higher_zh.is_empty()).then_some((t.higher_zh.as_ref(), t.higher_en.as_ref()));
        ctx.status_window(o, higher)
    } else {
        o
    }
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

thread_local! {
    /// True while [`with_formulas`] runs: entries with a table are decided by
    /// their Rust formula instead, the oracle the table is held to.
    static FORMULAS: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with every entry decided by its Rust formula, tables ignored: the
/// oracle of the differential test, until the formulas are removed.
#[doc(hidden)]
pub fn with_formulas<T>(f: impl FnOnce() -> T) -> T {
    FORMULAS.set(true);
    let out = f();
    FORMULAS.set(false);
    out
}

/// True when an entry with a table is decided by it (not inside [`with_formulas`]).
pub(crate) fn tables_decide() -> bool {
    !FORMULAS.get()
}
