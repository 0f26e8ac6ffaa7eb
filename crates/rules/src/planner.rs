//! The question planner: which questions can still change some result.
//!
//! It asks the rules themselves. Every rule reports the answers it is missing, in
//! the order it needs them, and stops at the first gap; so the union of what the
//! rules miss is exactly what could change a result now, and nothing is asked
//! that no rule would read. Asking it again after each answer reveals the next
//! layer (a sector before the figures that sector is measured by).

use serde::Serialize;

use crate::answers::{Answers, ROLE_QUESTIONS};
use crate::date::Date;
use crate::error::Error;
use crate::evaluate_with;
use crate::questions::{Q, Question, YEAR_KEYS, YEARLY};

/// The questions to ask next.
#[derive(Clone, Debug, Serialize)]
pub struct Plan {
    /// Questions that can still change a result, in asking order.
    pub questions: Vec<&'static Question>,
    /// For answers of several years, the facts of a year still needed, year by
    /// year (absent for one year).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<YearPlan>,
    /// True when every result is decided: nothing more is asked.
    pub complete: bool,
}

/// The facts of one year still needed.
#[derive(Clone, Debug, Serialize)]
pub struct YearPlan {
    /// The year.
    pub year: u16,
    /// Its questions, in asking order.
    pub questions: Vec<&'static Question>,
}

impl Plan {
    /// The plan as JSON, each question's help worded with the values `params`
    /// has in force on `on` (the policy the plan was made under).
    pub fn to_json_under(&self, params: &crate::Params, on: Date) -> serde_json::Value {
        let list = |qs: &[&'static Question]| serde_json::Value::Array(qs.iter().map(|q| q.to_json_under(params, on)).collect());
        let mut value = serde_json::json!({ "questions": list(&self.questions), "complete": self.complete });
        if !self.years.is_empty() {
            value["years"] = self.years.iter().map(|y| serde_json::json!({ "year": y.year, "questions": list(&y.questions) })).collect();
        }
        value
    }
}

/// Plans the next questions for the answers so far under `params` (see
/// [`crate::evaluate_with`]), as of `on`.
pub fn plan_with(params: &'static crate::Params, answers: &Answers, on: Date) -> Result<Plan, Error> {
    if answers.applicant_type().is_none() {
        return Ok(Plan { questions: vec![Q::ApplicantType.def()], years: Vec::new(), complete: false });
    }
    if answers.has_years() {
        let mut shared: Vec<&'static Question> = Vec::new();
        let mut years = Vec::new();
        for (year, a) in crate::year_answers_with(params, answers, on)? {
            let (of_year, rest): (Vec<&'static Question>, Vec<_>) =
                plan_with(params, &a, on)?.questions.into_iter().partition(|q| YEARLY.contains(&q.q) || q.q == Q::B1CarriedIn);
            shared.extend(rest.into_iter().filter(|q| !YEAR_KEYS.contains(&q.q)));
            if !of_year.is_empty() {
                years.push(YearPlan { year, questions: of_year });
            }
        }
        shared.sort_by_key(|q| q.q);
        shared.dedup_by_key(|q| q.q);
        return Ok(Plan { complete: shared.is_empty() && years.is_empty(), questions: shared, years });
    }
    let evaluation = evaluate_with(params, answers, on)?;
    let mut wanted: Vec<Q> = evaluation.results.iter().flat_map(|r| r.missing.iter().chain(&r.also_ask).copied()).collect();
    // A person's other roles are read as no until answered, so no rule misses
    // them; yet each could open entries, so each is asked once.
    if let Some(t) = answers.applicant_type().filter(|t| t.is_individual()) {
        wanted.extend(ROLE_QUESTIONS.iter().filter(|(q, role)| *role != t && answers.get(*q).is_none()).map(|(q, _)| *q));
    }
    wanted.sort();
    wanted.dedup();
    Ok(Plan { complete: wanted.is_empty(), questions: wanted.into_iter().map(Q::def).collect(), years: Vec::new() })
}
