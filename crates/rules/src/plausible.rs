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

/// The first figure `outcome` read that is beyond reason: the question, and
/// the figure and its bound in Chinese and in English.
fn beyond(a: &Facts, read: &[Q]) -> Option<(Q, [String; 4])> {
    let answers = a.peek();
    read.iter().find_map(|q| match q.def().kind {
        Kind::Count { .. } => answers.count(*q).filter(|n| *n > MOST_COUNTED).map(|n| {
            let (n, most) = (crate::money::group(Decimal::from(n)), crate::money::group(Decimal::from(MOST_COUNTED)));
            (*q, [n.clone(), most.clone(), n, most])
        }),
        Kind::Money => answers.money(*q).filter(|m| *m > Decimal::from(MOST_YUAN)).map(|m| {
            let most = Decimal::from(MOST_YUAN);
            (*q, [crate::money::yuan_zh(m), crate::money::yuan_zh(most), crate::money::yuan_en(m), crate::money::yuan_en(most)])
        }),
        _ => None,
    })
}

/// Sends `outcome`, in place, to manual review with no amount when it rests
/// on a figure beyond reason or states an amount no claim could reach; else
/// leaves it as it is. `read` is what the rule read.
pub(crate) fn check(a: &Facts, read: &[Q], outcome: &mut Outcome) {
    // A rule that already sent the result to a person with no figure has said
    // why in its own words, which are more precise than these.
    if outcome.status == Status::ManualReview && outcome.amount == Amount::None {
        return;
    }
    if let Some((q, [value_zh, most_zh, value_en, most_en])) = beyond(a, read) {
        let label = q.def().label;
        to_review(
            outcome,
            Text::new(
                format!("“{}”填写为 {value_zh}，超出合理范围（上限为 {most_zh}）：本表不给出金额，由受理单位核定；请核对所填数字。", label.zh),
                format!(
                    "\"{}\" is given as {value_en}, beyond what is plausible (the bound is {most_en}): no amount is given, and the office assesses it; please check the figure.",
                    label.en
                ),
            ),
        );
        return;
    }
    let most = Decimal::from(MOST_CLAIM_YUAN);
    if outcome.status != Status::NotEligible && outcome.amount.cash_bounds().is_some_and(|(_, high)| high > most) {
        to_review(
            outcome,
            Text::new(
                format!("按所填数据，金额将超过 {}，超出单项补助的合理范围：本表不给出金额，由受理单位核定；请核对所填数字。", crate::money::yuan_zh(most)),
                format!(
                    "With these figures the amount would exceed {}, more than one incentive plausibly pays: no amount is given, and the office assesses it; please check the figures.",
                    crate::money::yuan_en(most)
                ),
            ),
        );
    }
}

/// Turns `outcome` into manual review with no amount, saying `why`; what
/// marks it (cash, its document, an illustration's flag) stays.
fn to_review(outcome: &mut Outcome, why: Text) {
    let was = std::mem::replace(outcome, Outcome::manual(Amount::None, why));
    outcome.cash = was.cash;
    outcome.basis = was.basis;
    outcome.worded = was.worded;
    // An illustration stays marked as one, whatever else is said.
    outcome.flags = was.flags.into_iter().filter(|f| f.code == "示例").collect();
    outcome.add_flag("X8", "金额需由受理单位核定", "The office must assess the amount");
}
