//! Two policies evaluated together, as a comparison reads them: the plan and
//! a successor that follows it, for the same answers on the same date.
//!
//! A successor leaves most of the plan's entries as they are: the same rows,
//! reading the same figures. Such an entry's rows decide the same under both
//! policies; only its windows differ (which document is in force, and what it
//! says of an earlier event or of a status held now). So its rows are read
//! once, and the outcome they reach is put to each policy's windows.
//! Everything else is evaluated under each policy on its own. The results are
//! exactly [`crate::evaluate_with`]'s under each; a test holds them to it.

use crate::answers::Answers;
use crate::catalogue::{ApplicantType, Entry};
use crate::entries::table::{Before, before_window, in_window, read_before_window};
use crate::entries::{Ctx, Facts};
use crate::{Date, EntryResult, Error, Evaluation, Params};

/// The plan and a policy composed after it, with the entries whose rows read
/// the same under both found once.
#[derive(Debug)]
pub struct Pair {
    a: &'static Params,
    b: &'static Params,
    /// For each of the plan catalogue's entries, in order: whether its rows
    /// read the same under both policies, up to its windows.
    shared: Vec<bool>,
}

impl Pair {
    /// Finds what `a` and `b` share. Policies that do not share the plan's
    /// catalogue (composed from different plans) share nothing, and are
    /// evaluated each on its own.
    pub fn new(a: &'static Params, b: &'static Params) -> Result<Pair, Error> {
        let (ca, cb) = (a.catalogue()?, b.catalogue()?);
        let same_plan = std::ptr::eq(ca, cb) && a.policy.expires == b.policy.expires && a.sme == b.sme;
        let shared: Vec<bool> = ca.entries.iter().map(|e| same_plan && same_rows(e, a, b)).collect();
        Ok(Pair { a, b, shared })
    }

    /// The answers evaluated under each policy on `on`: what
    /// [`crate::evaluate_with`] gives under `a`, then under `b`, and its error
    /// where either fails (the same answers fail the same way under both).
    pub fn evaluate(&self, answers: &Answers, on: Date) -> Result<(Evaluation, Evaluation), Error> {
        let (a, b) = (self.a, self.b);
        if !self.shared.contains(&true) {
            return Ok((crate::evaluate_with(a, answers, on)?, crate::evaluate_with(b, answers, on)?));
        }
        let catalogue = crate::checked(a, answers, on)?;
        let roles = answers.roles();
        let mut ra = Vec::with_capacity(catalogue.entries.len() + a.added_entries.len());
        let mut rb = Vec::with_capacity(catalogue.entries.len() + b.added_entries.len());
        for (entry, shared) in catalogue.entries.iter().zip(&self.shared) {
            let mut open = roles.iter().copied().filter(|t| entry.open_to(*t));
            match (shared, open.next(), open.next()) {
                // One role to judge it under: the rows are read once. (A person
                // with several is judged under each, and the best is kept,
                // which each policy does on its own.)
                (true, Some(t), None) => {
                    let (x, y) = both(entry, answers, a, b, on, t, roles.len() > 1);
                    ra.push(x);
                    rb.push(y);
                }
                _ => {
                    ra.push(crate::result_for(entry, answers, &roles, a, on));
                    rb.push(crate::result_for(entry, answers, &roles, b, on));
                }
            }
        }
        ra.extend(a.added_entries.iter().map(|e| crate::result_for(e, answers, &roles, a, on)));
        rb.extend(b.added_entries.iter().map(|e| crate::result_for(e, answers, &roles, b, on)));
        Ok((crate::evaluation(a, answers, on, roles.clone(), ra), crate::evaluation(b, answers, on, roles, rb)))
    }
}

/// True when `entry`'s rows read the same under `a` and `b`, up to its
/// windows: neither restates it, no row reads a window among the rows, and
/// each value they read is the same in both. (The caller has checked the
/// rest they read: the plan's expiry and the SME thresholds.)
fn same_rows(entry: &Entry, a: &Params, b: &Params) -> bool {
    let restated = a.restated.iter().chain(&b.restated).any(|e| e.code == entry.code);
    !restated && entry.added_in.is_none() && read_before_window(entry).is_some_and(|names| names.iter().all(|n| a.same_value(b, n)))
}

/// A plan entry judged in role `t` under both policies, its rows read once:
/// the facts they noted and the outcome they reached go on to each policy's
/// window, as [`crate::result_as`] would take them under each.
fn both(
    entry: &'static Entry,
    answers: &Answers,
    a: &'static Params,
    b: &'static Params,
    on: Date,
    t: ApplicantType,
    several: bool,
) -> (EntryResult, EntryResult) {
    let fa = Facts::new(answers);
    let ca = Ctx { a: &fa, p: a, on, t, entry };
    let before = before_window(&ca);
    let fb = fa.clone();
    let cb = Ctx { a: &fb, p: b, on, t, entry };
    let (oa, ob) = match before {
        Before::Done(o) => (o.clone(), o),
        Before::Window(o, rule, q) => (in_window(&ca, o.clone(), rule, q), in_window(&cb, o, rule, q)),
    };
    (crate::finished(&ca, oa, several), crate::finished(&cb, ob, several))
}
