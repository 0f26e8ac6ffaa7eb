//! What a successor changes: the comparison of two policies, for the officials
//! who approve one (`chanjiao pack diff`). Each side is the built-in plan
//! followed by packs; it is read as of its latest document's first day.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::date::Date;
use crate::error::Error;
use crate::params::{Params, Policy};

/// One figure that differs: the parameter, its clause, and its values on each side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FigureChange {
    /// The parameter's name (`a11_sme_per_hire`).
    pub name: String,
    /// The clause of the built-in plan that states it.
    pub clause: String,
    /// Its kind (`yuan`, `rate`, `count`, …).
    pub kind: String,
    /// The value or values on side A.
    pub old: Vec<Decimal>,
    /// The value or values on side B.
    pub new: Vec<Decimal>,
    /// When side B's value takes effect after its document's first day (the
    /// pack's `since`); then `old` is side B's value before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<Date>,
}

/// An entry that a side words in its own way, with both wordings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntryChange {
    /// The catalogue code.
    pub code: String,
    /// Its name in the catalogue.
    pub name_zh: String,
    /// The clause on side A and on side B.
    pub clause: (String, String),
    /// The name on side A and on side B (Chinese).
    pub name: (String, String),
    /// The amount rule on side A and on side B (Chinese).
    pub amount_rule: (String, String),
}

/// What side B changes from side A.
#[derive(Clone, Debug, Serialize)]
pub struct PolicyDiff {
    /// Side A's latest document.
    pub from: DocumentSummary,
    /// Side B's latest document.
    pub to: DocumentSummary,
    /// Figures that differ, in the order of `params.toml`.
    pub figures: Vec<FigureChange>,
    /// Entries B no longer continues (A still did), by code.
    pub dropped: Vec<String>,
    /// Entries A had dropped and B continues again, by code.
    pub restored: Vec<String>,
    /// Entries whose clause, name or amount rule reads otherwise.
    pub reworded: Vec<EntryChange>,
    /// Plan entries whose rules side B restates otherwise than side A, with B's rows.
    pub restated: Vec<RestatedEntry>,
    /// Entries B adds (A has no entry of their code).
    pub added_entries: Vec<AddedEntry>,
    /// Questions B adds (A asks no question of their id).
    pub added_questions: Vec<AddedQuestion>,
}

/// An entry a side adds, as the report names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AddedEntry {
    /// Its code (`F1`).
    pub code: String,
    /// Its name in Chinese and English.
    pub name: (String, String),
    /// The clause of the document that adds it.
    pub clause: String,
    /// Its amount rule in Chinese and English.
    pub amount_rule: (String, String),
    /// Who may apply, by applicant type code.
    pub applicant_types: Vec<String>,
}

/// A plan entry whose rules a side restates, with the rows it decides by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RestatedEntry {
    /// Its code (`A11`).
    pub code: String,
    /// Its name in Chinese and English.
    pub name: (String, String),
    /// The clause of the document that restates it.
    pub clause: String,
    /// The date question whose date decides which rules apply.
    pub event: String,
    /// The rows, first that holds decides.
    pub rows: Vec<RestatedRow>,
}

/// One row of a restated entry, as its pack writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RestatedRow {
    /// The condition (`true` for the last row).
    pub when: String,
    /// `eligible`, `manual-review`, `undetermined` or `not-eligible`.
    pub status: String,
    /// The amount's kind and, for `exact` and `up-to`, its expression.
    pub amount: String,
    /// What the row says, in Chinese and English.
    pub reason: (String, String),
}

/// A question a side adds, as the report names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AddedQuestion {
    /// Its id, the key in answers files.
    pub id: String,
    /// What it asks, in Chinese and English.
    pub label: (String, String),
    /// The question it is asked right after.
    pub after: String,
}

/// A document as the report names it.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentSummary {
    /// Its number.
    pub number: String,
    /// Its title.
    pub title: String,
    /// The first day it is in force.
    pub in_force: Date,
    /// Its last day.
    pub expires: Date,
    /// How it treats claims for events under its predecessor.
    pub transition: String,
    /// An illustration, not a real policy.
    pub illustrative: bool,
    /// The pack it came from, if any.
    pub pack_id: Option<String>,
}

fn summary(doc: &Policy) -> DocumentSummary {
    DocumentSummary {
        number: doc.number.clone(),
        title: doc.title.clone(),
        in_force: doc.issued,
        expires: doc.expires,
        transition: serde_json::to_value(doc.transition).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
        illustrative: doc.illustrative,
        pack_id: doc.pack_id.clone(),
    }
}

/// The latest document of a policy and the day it is read on.
fn latest(p: &Params) -> (&Policy, Date) {
    let doc = p.successors.last().unwrap_or(&p.policy);
    (doc, doc.issued)
}

/// Compares policy `b` with policy `a`, each as of its latest document's first day.
pub fn diff(a: &'static Params, b: &'static Params) -> Result<PolicyDiff, Error> {
    let ((doc_a, on_a), (doc_b, on_b)) = (latest(a), latest(b));
    // Every number of B, the plan's and those its packs name anew (for which
    // side A may have none); then each later day B's document changes it.
    let figures = b
        .numbers()
        .flat_map(|(name, clause, kind)| {
            let change = |old: Vec<Decimal>, new: Vec<Decimal>, since| {
                (old != new).then(|| FigureChange { name: name.to_owned(), clause: clause.to_owned(), kind: kind.to_owned(), old, new, since })
            };
            let first = b.values_at(name, on_b).and_then(|new| change(a.values_at(name, on_a).unwrap_or_default(), new, None));
            let history = b.value_history(name);
            let later =
                history.windows(2).filter(|w| w[1].0 > on_b && w[1].0 <= doc_b.expires).filter_map(|w| change(w[0].1.clone(), w[1].1.clone(), Some(w[1].0)));
            first.into_iter().chain(later).collect::<Vec<_>>()
        })
        .collect();
    let dropped_by = |p: &Params, code: &str| p.documents().any(|d| d.drops(code));
    let catalogue = a.catalogue()?;
    let codes = catalogue.entries.iter().map(|e| e.code.as_str());
    let dropped = codes.clone().filter(|c| dropped_by(b, c) && !dropped_by(a, c)).map(str::to_owned).collect();
    let restored = codes.filter(|c| dropped_by(a, c) && !dropped_by(b, c)).map(str::to_owned).collect();
    let reworded = catalogue
        .entries
        .iter()
        .filter_map(|e| {
            let words = |p: &Params, doc: &Policy, on: Date| {
                let e = restated_in(p, &e.code).unwrap_or(e);
                let (name, rule) = e.texts_under(p, on);
                let own = doc.entries.get(&e.code);
                let clause = own.map_or_else(|| e.clause.clone(), |t| t.clause.clone());
                let name = own.and_then(|t| t.name_zh.clone()).unwrap_or_else(|| name.zh.into_owned());
                (clause, name, rule.zh.into_owned())
            };
            let (ca, na, ra) = words(a, doc_a, on_a);
            let (cb, nb, rb) = words(b, doc_b, on_b);
            (ca != cb || na != nb || ra != rb).then(|| EntryChange {
                code: e.code.clone(),
                name_zh: e.name_zh.clone(),
                clause: (ca, cb),
                name: (na, nb),
                amount_rule: (ra, rb),
            })
        })
        .collect();
    let restated = catalogue
        .entries
        .iter()
        .filter_map(|e| {
            let r = restated_in(b, &e.code)?;
            let same = restated_in(a, &e.code).is_some_and(|x| x.rule_text == r.rule_text && x.event == r.event);
            (!same).then(|| RestatedEntry {
                code: r.code.clone(),
                name: (r.name_zh.clone(), r.name_en.clone()),
                clause: r.clause.clone(),
                event: r.event.map(|q| q.id().to_owned()).unwrap_or_default(),
                rows: r
                    .rule_text
                    .iter()
                    .map(|row| RestatedRow {
                        when: if row.when.trim().is_empty() { "true".to_owned() } else { row.when.to_string() },
                        status: row.status.to_string(),
                        amount: match row.value.trim() {
                            "" if row.amount.is_empty() => "none".to_owned(),
                            "" => row.amount.to_string(),
                            value => format!("{}: {value}", row.amount),
                        },
                        reason: (row.reason_zh.to_string(), row.reason_en.to_string()),
                    })
                    .collect(),
            })
        })
        .collect();
    let added_entries = b
        .added_entries
        .iter()
        .filter(|e| !a.added_entries.iter().any(|x| x.code == e.code))
        .map(|e| AddedEntry {
            code: e.code.clone(),
            name: (e.name_zh.clone(), e.name_en.clone()),
            clause: e.clause.clone(),
            amount_rule: (e.amount_rule_zh.clone(), e.amount_rule_en.clone()),
            applicant_types: e.applicant_types.iter().map(|t| t.code().to_owned()).collect(),
        })
        .collect();
    let asked = crate::questions_under(b);
    let added_questions = b
        .added_questions
        .iter()
        .filter(|q| a.question(q.id()).is_none())
        .map(|q| {
            let d = q.def();
            // The question asked just before it, the plan's or the pack's.
            let after = asked.iter().take_while(|x| x.q != *q).last().map_or("", |x| x.id);
            AddedQuestion { id: d.id.to_owned(), label: (d.label.zh.to_owned(), d.label.en.to_owned()), after: after.to_owned() }
        })
        .collect();
    Ok(PolicyDiff { from: summary(doc_a), to: summary(doc_b), figures, dropped, restored, reworded, restated, added_entries, added_questions })
}

/// The newest restatement of a plan entry's rules in a policy, if any.
fn restated_in(p: &Params, code: &str) -> Option<&'static crate::catalogue::Entry> {
    p.restated.iter().rev().copied().find(|e| e.code == code)
}
