//! Figures within reason. An applicant may type any count or amount the input
//! rules accept (up to 100 million people, 10^15 yuan), so that a typo is
//! caught by a person rather than refused. But no result may rest on a figure
//! no applicant could have, nor state an amount no claim under a city's plan
//! could reach: such a result goes to manual review, with no amount, and says
//! which figure is beyond reason. These bounds are this tool's, not the
//! policy's (docs/answers.md lists them); they are far above any real figure.

use rust_decimal::Decimal;

use crate::entries::{Facts, Outcome};
use crate::outcome::{Amount, Status};
use crate::questions::{Kind, Q};
use crate::text::Text;

/// The most people or items one answer can plausibly count: more than any
/// enterprise, school or programme in Quanzhou has.
pub const MOST_COUNTED: u64 = 500_000;

/// The most yuan one answer can plausibly state (1万亿: the revenue of China's
/// largest enterprises).
pub const MOST_YUAN: i64 = 1_000_000_000_000;

/// The most one incentive can plausibly pay one applicant (1亿元): a hundred
/// times the plan's largest award. A policy pack's values are held to it too.
pub const MOST_CLAIM_YUAN: i64 = 100_000_000;

/// The first figure `outcome` read that is beyond reason, with its bound.
fn beyond(a: &Facts, read: &[Q]) -> Option<(Q, String, String)> {
    let answers = a.peek();
    read.iter().find_map(|q| match q.def().kind {
        Kind::Count { .. } => answers
            .count(*q)
            .filter(|n| *n > MOST_COUNTED)
            .map(|n| (*q, crate::money::group(Decimal::from(n)), crate::money::group(Decimal::from(MOST_COUNTED)))),
        Kind::Money => answers
            .money(*q)
            .filter(|m| *m > Decimal::from(MOST_YUAN))
            .map(|m| (*q, format!("{} 元", crate::money::group(m)), format!("{} 元", crate::money::group(Decimal::from(MOST_YUAN))))),
        _ => None,
    })
}

/// `outcome`, or manual review with no amount when it rests on a figure beyond
/// reason or states an amount no claim could reach. `read` is what the rule read.
pub(crate) fn checked(a: &Facts, read: &[Q], outcome: Outcome) -> Outcome {
    // A rule that already sent the result to a person with no figure has said
    // why in its own words, which are more precise than these.
    if outcome.status == Status::ManualReview && outcome.amount == Amount::None {
        return outcome;
    }
    if let Some((q, value, most)) = beyond(a, read) {
        let label = q.def().label;
        return to_review(
            outcome,
            Text::new(
                format!("“{}”填写为 {value}，超出合理范围（至多 {most}）：不作测算，金额由受理单位核定。", label.zh),
                format!(
                    "\"{}\" is given as {value}, beyond what is plausible (at most {most}): nothing is computed, and the office assesses the amount.",
                    label.en
                ),
            ),
        );
    }
    let most = Decimal::from(MOST_CLAIM_YUAN);
    if outcome.status != Status::NotEligible && outcome.amount.cash_bounds().is_some_and(|(_, high)| high > most) {
        return to_review(
            outcome,
            Text::new(
                format!("测算金额超过 {} 元，超出一项补助的合理范围：不作测算，金额由受理单位核定。", crate::money::group(most)),
                format!(
                    "The amount computed is above CNY {}, beyond what one incentive plausibly pays: nothing is computed, and the office assesses the amount.",
                    crate::money::group(most)
                ),
            ),
        );
    }
    outcome
}

fn to_review(outcome: Outcome, why: Text) -> Outcome {
    let mut o = Outcome::manual(Amount::None, why.clone());
    o.cash = outcome.cash;
    o.basis = outcome.basis;
    o.worded = outcome.worded;
    o.flag("X8", why.zh, why.en)
}
