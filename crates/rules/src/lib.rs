//! The rules of 泉州市《加快建设国家产教融合试点城市实施方案》(泉政办规〔2022〕8号).
//!
//! Given an applicant's answers and an evaluation date, this crate decides, for
//! each of the policy's 47 catalogued entries, whether the applicant is eligible,
//! how much (an exact sum, a range, "up to" a cap, "set by the annual notice", a
//! benefit in kind, an obligation or a tax credit), and why, quoting the clause
//! and showing the arithmetic with the applicant's own figures.
//!
//! The crate has no platform code: no clock, no files, no network, no browser.
//! The evaluation date, the answers and the policy are arguments. The policy is
//! one value, composed once by [`load_policy`] from the built-in plan, whose
//! figures and entries are embedded data (`data/params.toml`, `data/entries.toml`,
//! turned into Rust statics by `build.rs`, so no TOML parser ships), and the
//! packs that follow it. So the same code runs in the command-line tool and,
//! compiled to WebAssembly, in the browser.
//!
//! ```
//! use chanjiao_rules::{Answers, Date, Status, evaluate_with, load_policy};
//!
//! let answers = Answers::from_json(r#"{
//!     "applicant_type": "ENT", "registered_in_quanzhou": true,
//!     "graduates_hired": 7, "ent_ownership": "private", "ent_sector": "industry",
//!     "ent_employees": 85, "ent_revenue": "3500万", "graduates_hired_on": "2024-07-01"
//! }"#)?;
//! let on = Date::new(2025, 6, 1).expect("a real date");
//! let policy = load_policy(&[]).map_err(|refusal| refusal.error)?;
//! let evaluation = evaluate_with(policy, &answers, on)?;
//! let hiring = evaluation.results.iter().find(|r| r.incentive.code == "A11").expect("A11 exists");
//! assert_eq!(hiring.status, Status::Eligible);
//! assert!(hiring.reason.zh().contains("7 人 × 1,000 元 = 7,000 元"));
//! # Ok::<(), chanjiao_rules::Error>(())
//! ```
#![deny(missing_docs)]

mod added;
mod answers;
mod applicant;
mod catalogue;
pub mod cohorts;
mod data;
mod date;
mod diff;
mod entries;
mod envelope;
mod error;
pub mod expr;
mod money;
mod outcome;
mod pack;
mod pair;
mod params;
mod planner;
mod plausible;
pub mod questions;
mod schema;
mod sme;
pub mod template;
mod text;
pub mod validate;

pub use added::{Case, CaseRun, run_cases};
pub use answers::{Answers, MAX_YEARS, ROLE_QUESTIONS, Value};
pub use applicant::{APPLICANT_FIELDS, Applicant, ApplicantField, MAX_TEXT_CHARS, RosterTable};
pub use catalogue::{AmountRule, ApplicantType, Catalogue, CellSource, Entry, Form, Roster, RosterColumn, RosterRows};
pub use date::Date;
pub use diff::{AddedEntry, AddedQuestion, DocumentSummary, EntryChange, FigureChange, PolicyDiff, diff as policy_diff};
#[doc(hidden)]
pub use envelope::{FORMAT_VERSION, versioned, versioned_text};
pub use error::{Error, ErrorKind};
pub use money::{group as group_thousands, wan, yuan_en, yuan_zh};
pub use outcome::{Amount, Basis, Credit, EntryResult, Evaluation, Flag, Group, Miss, PolicySummary, Status, Totals, YearResults, YearsEvaluation};
pub use pack::{
    PACK_FORMAT, Pack, PackRefusal, check_policy_parsed, duplicate_key, figure_numbers, format_char, hidden_char, load_policy, load_policy_parsed, number_key,
    pack_id,
};
pub use pair::Pair;
pub use params::{Dated, EntryText, Params, Policy, Transition};
pub use planner::{Plan, YearPlan, plan_with};
pub use plausible::{MOST_CLAIM_YUAN, MOST_COUNTED, MOST_YUAN};
pub use questions::{Q, Question, Section};
pub use schema::json_schema;
pub use sme::{Classification, Figures, Indicator, Sector, SectorThresholds, Size};
pub use text::{Lang, Reason, StaticText, Text, answer_separator, clause_in, plain, references, without_references};

/// The decimal type of every amount.
pub use rust_decimal::Decimal;

use entries::{Ctx, Outcome};

/// Every question the policy may ask, in asking order: the plan's, with the
/// questions its packs add each in its place.
pub fn questions_under(params: &Params) -> Vec<&'static questions::Question> {
    let mut all: Vec<&'static questions::Question> = questions::all().iter().chain(params.added_questions.iter().map(|q| q.def())).collect();
    all.sort_by_key(|q| q.q);
    all
}

/// Evaluates every entry under `params` (the policy [`load_policy`] composed:
/// the built-in plan, or the plan followed by policy packs) for the answers, as
/// of `on` (the application date). The entries' tables read only the policy
/// they are handed.
///
/// Fails only on answers that cannot be true (an event after `on`) or on a broken
/// build; an incomplete set of answers gives undetermined results, not an error.
pub fn evaluate_with(params: &'static Params, answers: &Answers, on: Date) -> Result<Evaluation, Error> {
    let catalogue = checked(params, answers, on)?;
    // Sized up front: growing a vector of 47 results copies them several times over.
    let mut results = Vec::with_capacity(catalogue.entries.len() + params.added_entries.len());
    // The applicant's roles, read once for every entry.
    let roles = answers.roles();
    for entry in params.entries()? {
        results.push(result_for(entry, answers, &roles, params, on));
    }
    Ok(evaluation(params, answers, on, roles, results))
}

/// The checks an evaluation makes before it reads any entry, in this order,
/// so that the same answers fail the same way however they are evaluated
/// (alone or in a [`Pair`]): one year's answers, a catalogue that builds, no
/// event after `on`. Gives the plan's catalogue.
fn checked(params: &'static Params, answers: &Answers, on: Date) -> Result<&'static Catalogue, Error> {
    one_year(answers)?;
    let catalogue = params.catalogue()?;
    answers.check_not_after(on)?;
    Ok(catalogue)
}

/// An evaluation of these results under `params`, with their totals.
fn evaluation(params: &'static Params, answers: &Answers, on: Date, roles: Vec<ApplicantType>, results: Vec<EntryResult>) -> Evaluation {
    let totals = Totals::of(&results);
    Evaluation {
        policy: PolicySummary {
            number: &params.policy.number,
            number_en: &params.policy.number_en,
            rules_version: &params.policy.rules_version,
            valid_from: params.policy.issued,
            valid_until: params.policy.expires,
            successors: params
                .successors
                .iter()
                .map(|d| outcome::SuccessorSummary {
                    number: &d.number,
                    title: &d.title,
                    valid_from: d.issued,
                    valid_until: d.expires,
                    illustrative: d.illustrative,
                    pack_id: d.pack_id.as_deref(),
                })
                .collect(),
        },
        evaluated_on: on,
        applicant_type: answers.applicant_type(),
        roles: if roles.len() > 1 { roles } else { Vec::new() },
        results,
        totals,
    }
}

/// Evaluates one entry under `params` (see [`evaluate_with`]), named by id
/// (`graduate-hiring-subsidy`) or code (`A11`).
pub fn evaluate_entry_with(params: &'static Params, answers: &Answers, on: Date, key: &str) -> Result<EntryResult, Error> {
    one_year(answers)?;
    let entry = params.find_entry(key)?;
    answers.check_not_after(on)?;
    Ok(result_for(entry, answers, &answers.roles(), params, on))
}

/// Answers of several years are evaluated year by year ([`evaluate_years_with`]);
/// evaluating them as one would drop every year's facts.
fn one_year(answers: &Answers) -> Result<(), Error> {
    match answers.has_years() {
        false => Ok(()),
        true => Err(Error::new(
            ErrorKind::SeveralYears,
            Some("years"),
            Text::new(
                "答案分多个年度填写，请按年度测算（chanjiao evaluate 会逐年计算，或用 --year 指定一年）",
                "the answers give several years, so they are evaluated year by year (chanjiao evaluate does so, or --year picks one)",
            ),
        )),
    }
}

/// Evaluates answers of several years (`years`) under `params`, as of `on`:
/// each year with the facts given once and its own, B1's balance carried from
/// each year's close to the next year's opening by itself.
/// An entry whose result reads no fact of a year and is the same every year is
/// reported once; the others year by year; the totals count each once.
pub fn evaluate_years_with(params: &'static Params, answers: &Answers, on: Date) -> Result<YearsEvaluation, Error> {
    let each = year_evaluations(params, answers, on)?;
    let Some((_, _, last)) = each.last() else {
        return Err(Error::new(ErrorKind::SeveralYears, Some("years"), Text::new("答案没有分年度", "the answers give no years")));
    };
    let yearly = |i: usize| {
        let first = &each[0].2.results[i];
        each.iter().any(|(_, _, e)| {
            let r = &e.results[i];
            r.evidence.iter().chain(&r.missing).any(|q| questions::YEARLY.contains(q) || questions::YEAR_KEYS.contains(q) || *q == Q::B1CarriedIn)
                || r.status != first.status
                || r.amount != first.amount
        })
    };
    let per_year: Vec<bool> = (0..last.results.len()).map(yearly).collect();
    let once: Vec<EntryResult> = last.results.iter().zip(&per_year).filter(|(_, y)| !**y).map(|(r, _)| r.clone()).collect();
    let years: Vec<YearResults> = each
        .iter()
        .map(|(year, _, e)| {
            let results: Vec<EntryResult> = e.results.iter().zip(&per_year).filter(|(_, y)| **y).map(|(r, _)| r.clone()).collect();
            YearResults { year: *year, totals: Totals::of(&results), results }
        })
        .collect();
    let totals = Totals::of(once.iter().chain(years.iter().flat_map(|y| &y.results)));
    let future = answers.years().filter(|y| *y > on.year()).collect();
    Ok(YearsEvaluation {
        policy: last.policy.clone(),
        evaluated_on: on,
        applicant_type: last.applicant_type,
        roles: last.roles.clone(),
        once,
        years,
        future,
        totals,
    })
}

/// The answers of each year, as [`evaluate_years_with`] evaluates them: the facts
/// given once, the year's own, the year answering its [`questions::YEAR_KEYS`],
/// and the balance carried in from the year before. A form for one year is made
/// from these.
pub fn year_answers_with(params: &'static Params, answers: &Answers, on: Date) -> Result<Vec<(u16, Answers)>, Error> {
    Ok(year_evaluations(params, answers, on)?.into_iter().map(|(y, a, _)| (y, a)).collect())
}

/// Each year's answers and evaluation, in order, carrying B1's balance forward.
fn year_evaluations(params: &'static Params, answers: &Answers, on: Date) -> Result<Vec<(u16, Answers, Evaluation)>, Error> {
    answers.check_not_after(on)?;
    answers.check_dates_in_years()?;
    let mut carried = answers.money(Q::B1CarriedIn);
    let mut out = Vec::new();
    let mut certified: Vec<(u16, (&str, Option<&str>))> = Vec::new();
    // A year still to come is not evaluated: nothing of it has happened.
    for year in answers.years().filter(|y| *y <= on.year()) {
        let a = answers.for_year(year, carried)?;
        let mut e = evaluate_with(params, &a, on)?;
        carried = closing_balance(&e, &a);
        // A certificate of a type and level counted in an earlier year is not paid
        // again by itself (catalogue A14 point 2): a person decides.
        let given = entries::certificates_given(&a);
        if let Some((earlier, _)) = certified.iter().find(|(_, k)| given.contains(k)) {
            let earlier = *earlier;
            for r in e.results.iter_mut().filter(|r| r.cash && r.status == Status::Eligible && r.evidence.iter().any(|q| entries::is_certificate_question(*q)))
            {
                r.status = Status::ManualReview;
                r.reason.push(Text::new(
                    format!("同类型、同等级的证书已在 {earlier} 年度计算；同一职业同一等级只补一次，是否为不同职业的证书，由责任单位认定（目录 A14 第 2 点）。"),
                    format!("A certificate of the same type and level was counted in {earlier}; one subsidy per occupation and level, so whether this one is another occupation's is for the responsible unit (catalogue A14 point 2)."),
                ));
            }
            e.totals = Totals::of(&e.results);
        }
        certified.extend(given.into_iter().map(|k| (year, k)));
        out.push((year, a, e));
    }
    Ok(out)
}

/// The credit balance a year closes with, which the next year opens with: what
/// the credit carries forward, or nothing when the year had neither investment
/// nor a balance; unknown while the year's credit is undecided.
fn closing_balance(e: &Evaluation, a: &Answers) -> Option<Decimal> {
    let credit = e.results.iter().find_map(|r| match &r.amount {
        Amount::Credit(c) => Some(c.carried_forward),
        _ => None,
    });
    let nothing = a.money(Q::B1Investment).is_some_and(|m| m.is_zero()) && a.money(Q::B1CarriedIn).is_some_and(|m| m.is_zero());
    credit.or(nothing.then_some(Decimal::ZERO))
}

// Neither this nor `result_as` can fail (the answers were checked before), so
// neither wraps its result: a result is large, and each wrapping was a copy.
fn result_for(entry: &'static Entry, answers: &Answers, roles: &[ApplicantType], params: &'static Params, on: Date) -> EntryResult {
    let mut open = roles.iter().copied().filter(|t| entry.open_to(*t));
    let Some(first) = open.next() else {
        return match roles.is_empty() {
            true => EntryResult::new(entry, Outcome::missing(&entries::Facts::new(answers), &[Q::ApplicantType]), Vec::new()),
            false => EntryResult::not_applicable(entry),
        };
    };
    let several = roles.len() > 1;
    let mut best = result_as(entry, answers, params, on, first, several);
    // A person with several roles: the entry is judged under each role it is
    // open to and claimed under the best. While that best is undetermined,
    // every undetermined role's missing answers could still change it.
    for t in open {
        let other = result_as(entry, answers, params, on, t, several);
        let undetermined = best.status == Status::Undetermined && other.status == Status::Undetermined;
        let missing = if undetermined { other.missing.clone() } else { Vec::new() };
        if better(&other, &best) {
            let kept = std::mem::take(&mut best.missing);
            best = other;
            if undetermined {
                merge(&mut best.missing, kept);
            }
        } else {
            merge(&mut best.missing, missing);
        }
    }
    best
}

/// The entry judged for the applicant in one role, which the result names when
/// the applicant has `several`.
fn result_as(entry: &'static Entry, answers: &Answers, params: &'static Params, on: Date, t: ApplicantType, several: bool) -> EntryResult {
    let facts = entries::Facts::new(answers);
    let ctx = Ctx { a: &facts, p: params, on, t, entry };
    // Every entry is decided by its table: the plan's by `entries.toml`, a
    // pack's by its own rows, within the window of the document that adds it.
    let outcome = if entry.added_in.is_some() {
        entries::table::decide_added(&ctx, &entry.rules)
    } else {
        let plan = || entries::table::decide_plan(&ctx);
        // A successor may restate the entry's rules (a pack's `restates`), from its first day.
        let restated: Vec<_> = params
            .restated
            .iter()
            .filter(|e| e.code == entry.code)
            .filter_map(|e| Some((params.successors.iter().find(|d| Some(&d.number) == e.restated_in.as_ref())?, *e)))
            .collect();
        match restated.is_empty() {
            true => plan(),
            false => entries::table::decide_restated(&ctx, &restated, plan),
        }
    };
    finished(&ctx, outcome, several)
}

/// The result of an entry's outcome under `ctx`, with the facts it rests on,
/// checked for plausibility, and worded as information where the entry is.
#[inline(always)]
fn finished(ctx: &Ctx, mut outcome: Outcome, several: bool) -> EntryResult {
    let evidence = ctx.a.evidence();
    // Checked and turned in place: a result is moved as little as it can be.
    plausible::check(ctx.a, &evidence, &mut outcome);
    entries::not_known(ctx.a, &mut outcome, ctx.entry);
    if ctx.entry.information {
        entries::as_information(&mut outcome);
    }
    let mut result = EntryResult::new(ctx.entry, outcome, evidence);
    if several {
        result.role = Some(ctx.t);
    }
    result
}

/// True when `a` is the better claim: a surer status, then more money at most.
fn better(a: &EntryResult, b: &EntryResult) -> bool {
    fn rank(s: Status) -> u8 {
        match s {
            Status::Eligible => 4,
            Status::ManualReview => 3,
            Status::Undetermined => 2,
            Status::NotEligible => 1,
            Status::NotApplicable | Status::Information => 0,
        }
    }
    let most = |r: &EntryResult| r.amount.cash_bounds().map(|(_, high)| high);
    (rank(a.status), most(a)) > (rank(b.status), most(b))
}

/// Adds questions not yet listed, keeping asking order.
fn merge(into: &mut Vec<Q>, more: Vec<Q>) {
    into.extend(more);
    into.sort();
    into.dedup();
}
