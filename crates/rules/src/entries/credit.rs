//! The built-in step `ledger` of B1: the 30 % credit of vocational-education
//! investment against the education surcharges (三(一), restating 财税〔2019〕46号
//! 第三条), for the year claimed.

use rust_decimal::Decimal;

use super::{Ctx, Outcome};
use crate::money::{fen_floor, yuan_en, yuan_zh};
use crate::outcome::Credit;
use crate::questions::Q;
use crate::text::later;

/// The parameters the ledger reads, by the names and kinds `data/params.toml`
/// gives them. [`crate::Params`] refuses data without them, so reading them
/// here cannot miss.
pub(crate) const PARAMS: [(&str, &str); 4] =
    [("b1_credit_rate", "rate"), ("b1_education_surcharge_rate", "rate"), ("b1_local_surcharge_rate", "rate"), ("b1_national_rule_since", "date")];

impl crate::Params {
    /// A rate the ledger reads, in force on `on`.
    fn ledger_rate(&self, name: &str, on: crate::Date) -> Decimal {
        self.number(name, on).unwrap_or_default()
    }

    /// The day 财税〔2019〕46号 took effect, from which the ledger's rule applies
    /// (the first year the widget offers for B1, and `ledger.since`).
    pub fn ledger_since(&self) -> crate::Date {
        self.date(PARAMS[3].0).map_or(crate::Date::MIN, |d| *d.latest())
    }
}

/// The surcharges payable in `year`: as entered (`b1_surcharge_payable`), or
/// computed from the VAT and consumption tax paid at the two surcharges' rates,
/// less other reliefs, with the sentence saying so. People know the taxes they
/// paid better than the surcharges computed from them.
// An Outcome is the rule's own answer, returned once on this cold path; boxing it gains nothing.
#[allow(clippy::result_large_err)]
fn surcharges_payable(ctx: &Ctx, year: u16) -> Result<(Decimal, Option<crate::text::Later>), Outcome> {
    if let Some(payable) = ctx.a.money(Q::B1SurchargePayable) {
        return Ok((payable, None));
    }
    let (Some(vat), Some(consumption), Some(reliefs)) = (ctx.a.money(Q::B1VatPaid), ctx.a.money(Q::B1ConsumptionTaxPaid), ctx.a.money(Q::B1SurchargeReliefs))
    else {
        return Err(Outcome::missing(ctx.a, &[Q::B1VatPaid, Q::B1ConsumptionTaxPaid, Q::B1SurchargeReliefs]));
    };
    Ok(from_taxes(ctx, year, vat, consumption, reliefs))
}

/// The surcharges payable computed from the taxes paid, where the applicant
/// also entered a payable figure that differs from it; then both are facts the
/// result rests on, so the taxes are noted as read.
fn conflict(ctx: &Ctx, year: u16) -> Option<Decimal> {
    let answers = ctx.a.peek();
    let entered = answers.money(Q::B1SurchargePayable)?;
    let (vat, consumption, reliefs) = (answers.money(Q::B1VatPaid)?, answers.money(Q::B1ConsumptionTaxPaid)?, answers.money(Q::B1SurchargeReliefs)?);
    let (derived, _) = from_taxes(ctx, year, vat, consumption, reliefs);
    (derived != entered).then(|| {
        let _ = (ctx.a.money(Q::B1VatPaid), ctx.a.money(Q::B1ConsumptionTaxPaid), ctx.a.money(Q::B1SurchargeReliefs));
        derived
    })
}

/// B1's ledger for the year claimed, as the built-in step `ledger` of its
/// table finds it (财税〔2019〕46号 第三条): the credit generated (the
/// investment at the rate in force at the year's end, rounded down to the
/// fen), what is available with the balance carried in, what the year's
/// surcharges use of it and what carries forward, without a time limit.
pub(crate) struct Ledger {
    pub credit: Credit,
    pub year: u16,
    /// How the surcharges were computed from the taxes, where they were.
    pub taxes: Option<crate::text::Later>,
    /// The payable computed from the taxes, where it differs from the one
    /// entered: found only when a row asks, since finding it makes the taxes
    /// facts the result rests on.
    conflict: std::cell::OnceCell<Option<Decimal>>,
}

impl Ledger {
    /// The payable computed from the taxes where it contradicts the one entered.
    pub fn conflict(&self, ctx: &Ctx) -> Option<Decimal> {
        *self.conflict.get_or_init(|| conflict(ctx, self.year))
    }

    /// `o` with what the credit rests on once the city's plan has expired: the
    /// national rule, which has no end date (X2).
    pub fn after_the_plan(&self, ctx: &Ctx, o: Outcome) -> Outcome {
        let pol = &ctx.p.policy;
        if self.year <= pol.expires.year() && ctx.on <= pol.expires {
            return o;
        }
        o.flag(
            "X2",
            format!("本市文件已于 {} 到期；此项依据财税〔2019〕46号（未见截止日期）继续适用，法律依据为国家规定而非泉政办规〔2022〕8号。", pol.expires),
            format!("The city policy expired on {}; the credit continues under the national rule of 2019 (Caishui [2019] No. 46, no end date found), so its legal basis is the national rule, not the city plan.", pol.expires),
        )
    }
}

/// Finds B1's ledger: asks for the surcharges payable (or the taxes they are
/// computed from) and the balance carried in, as the rule reads them.
// An Outcome is the question the step asks, returned once on this cold path; boxing it gains nothing.
#[allow(clippy::result_large_err)]
pub(crate) fn ledger(ctx: &Ctx) -> Result<Ledger, Outcome> {
    let (Some(year), Some(investment)) = (ctx.a.year(Q::B1InvestmentYear), ctx.a.money(Q::B1Investment)) else {
        return Err(Outcome::missing(ctx.a, &[Q::B1InvestmentYear, Q::B1Investment]));
    };
    let (payable, taxes) = surcharges_payable(ctx, year)?;
    let Some(carried_in) = ctx.a.money(Q::B1CarriedIn) else { return Err(Outcome::missing(ctx.a, &[Q::B1CarriedIn])) };
    let rate = ctx.p.ledger_rate(PARAMS[0].0, crate::date::Date::end_of_year(year));
    let generated = fen_floor(investment * rate);
    let available = generated + carried_in;
    let used = available.min(payable);
    let credit = Credit { investment, rate, generated, carried_in, payable, used, carried_forward: available - used };
    Ok(Ledger { credit, year, taxes, conflict: Default::default() })
}

/// The surcharges payable from the taxes paid, with the sentence saying so.
fn from_taxes(ctx: &Ctx, year: u16, vat: Decimal, consumption: Decimal, reliefs: Decimal) -> (Decimal, Option<crate::text::Later>) {
    let end = crate::date::Date::end_of_year(year);
    let (education, local) = (ctx.p.ledger_rate(PARAMS[1].0, end), ctx.p.ledger_rate(PARAMS[2].0, end));
    let base = vat + consumption;
    let gross = fen_floor(base * education) + fen_floor(base * local);
    let payable = (gross - reliefs).max(Decimal::ZERO);
    let (pe, pl) = ((education * Decimal::from(100)).normalize(), (local * Decimal::from(100)).normalize());
    (
        payable,
        Some(later!(
            format!(
                "两项附加按实际缴纳的增值税和消费税 {} 计：{pe}% + {pl}% = {}，减其他减免 {}，应缴 {}。",
                yuan_zh(base),
                yuan_zh(gross),
                yuan_zh(reliefs),
                yuan_zh(payable)
            ),
            format!(
                "The surcharges on the VAT and consumption tax paid, {}: {pe}% + {pl}% = {}, less {} of other reliefs, {} payable.",
                yuan_en(base),
                yuan_en(gross),
                yuan_en(reliefs),
                yuan_en(payable)
            ),
        )),
    )
}
