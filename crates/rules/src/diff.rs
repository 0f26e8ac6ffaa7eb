//! What a successor changes: the comparison of two policies, for the officials
//! who approve one (`chanjiao pack diff`). Each side is the built-in plan
//! followed by packs; it is read as of its latest document's first day.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::data;
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
    /// Entries B adds. Packs of this format cannot add entries, so it is empty;
    /// it is here so that a reader of the report need not change when they can.
    pub added_entries: Vec<String>,
    /// Questions B adds (empty for the same reason).
    pub added_questions: Vec<String>,
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
    let figures = data::PARAMS
        .iter()
        .filter_map(|(name, clause, kind, _)| {
            let (old, new) = (a.values_at(name, on_a)?, b.values_at(name, on_b)?);
            (old != new).then(|| FigureChange { name: (*name).to_owned(), clause: (*clause).to_owned(), kind: (*kind).to_owned(), old, new })
        })
        .collect();
    let dropped_by = |p: &Params, code: &str| p.documents().any(|d| d.drops(code));
    let catalogue = Catalogue::get()?;
    let codes = catalogue.entries.iter().map(|e| e.code.as_str());
    let dropped = codes.clone().filter(|c| dropped_by(b, c) && !dropped_by(a, c)).map(str::to_owned).collect();
    let restored = codes.filter(|c| dropped_by(a, c) && !dropped_by(b, c)).map(str::to_owned).collect();
    let reworded = catalogue
        .entries
        .iter()
        .filter_map(|e| {
            let words = |p: &Params, doc: &Policy, on: Date| {
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
    Ok(PolicyDiff { from: summary(doc_a), to: summary(doc_b), figures, dropped, restored, reworded, added_entries: Vec::new(), added_questions: Vec::new() })
}
