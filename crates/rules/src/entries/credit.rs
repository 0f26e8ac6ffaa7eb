//! B1: the 30 % credit of vocational-education investment against the education
//! surcharges (三(一), restating 财税〔2019〕46号 第三条).

use rust_decimal::Decimal;

use super::{Ctx, Outcome, need};
use crate::money::{fen_floor, yuan_en, yuan_zh};
use crate::outcome::{Amount, Credit};
use crate::questions::Q;
use crate::text::{Text, later};

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

/// The surcharges entered beside taxes that give other surcharges: the two
/// figures, said for a person to reconcile. The entered figure is the one the
/// credit is computed with (the applicant's own statement of what it owes), and
/// the result goes to manual review. `None` when they agree or no taxes are given.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn contradiction(ctx: &Ctx, year: u16) -> Option<Text> {
    let entered = ctx.a.peek().money(Q::B1SurchargePayable)?;
    conflict(ctx, year).map(|derived| {
        Text::new(
            format!(
                "填报的应缴教育费附加和地方教育附加（{}）与按所填增值税、消费税计算的结果（{}）不一致：按填报数测算抵免，请受理单位核对两者。",
                yuan_zh(entered),
                yuan_zh(derived)
            ),
            format!(
                "The surcharges payable you gave ({}) differ from the {} computed from the VAT and consumption tax you gave: the credit uses your figure, and the office reconciles the two.",
                yuan_en(entered),
                yuan_en(derived)
            ),
        )
    })
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
    let rate = *ctx.p.b1_credit_rate.at(crate::date::Date::end_of_year(year));
    let generated = fen_floor(investment * rate);
    let available = generated + carried_in;
    let used = available.min(payable);
    let credit = Credit { investment, rate, generated, carried_in, payable, used, carried_forward: available - used };
    Ok(Ledger { credit, year, taxes, conflict: Default::default() })
}

/// The surcharges payable from the taxes paid, with the sentence saying so.
fn from_taxes(ctx: &Ctx, year: u16, vat: Decimal, consumption: Decimal, reliefs: Decimal) -> (Decimal, Option<crate::text::Later>) {
    let end = crate::date::Date::end_of_year(year);
    let (education, local) = (*ctx.p.b1_education_surcharge_rate.at(end), *ctx.p.b1_local_surcharge_rate.at(end));
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

/// B1. The credit generated is 30 % of the year's qualifying investment; it is
/// used up to the surcharges payable after other reliefs, and the rest carries
/// forward without a time limit (HIGHER_RULE, catalogue B1 points 1 and 4). It
/// rests on the national rule, so it outlives the local policy's expiry.
// The oracle of its table only (tests/tables.rs), so not in the browser's build.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn b1(ctx: &Ctx) -> Outcome {
    need!(ctx, pilot = EntPilotStatus: choice);
    match pilot {
        "none" => {
            return Outcome::not_eligible(Text::new("未纳入产教融合型企业建设培育范围。", "Not in an integration-enterprise cultivation scope.")).miss(
                Some(Q::EntPilotStatus),
                "纳入国家或省级产教融合型企业建设培育范围",
                "inclusion in the national or provincial cultivation scope",
            );
        }
        "city_only" => {
            return Outcome::not_eligible(Text::new(
                "仅入泉州市培育库或获市级示范，不等同于财税〔2019〕46号所称“纳入产教融合型企业建设培育范围”；如认为符合，请向税务部门确认（目录 B1 第 3 点）。",
                "The Quanzhou library or a municipal demonstration is not the 'cultivation scope' of the national rule of 2019 (Caishui [2019] No. 46); if you think you qualify, ask the tax bureau (catalogue B1 point 3).",
            ))
            .miss(Some(Q::EntPilotStatus), "纳入国家或省级建设培育范围", "inclusion in the national or provincial scope");
        }
        _ => {}
    }
    need!(ctx, revoked = EntPilotRevoked: yes, year = B1InvestmentYear: year, investment = B1Investment: money);
    let (payable, from_taxes) = match surcharges_payable(ctx, year) {
        Ok(p) => p,
        Err(o) => return o,
    };
    need!(ctx, carried_in = B1CarriedIn: money);
    let national_since = *ctx.p.b1_national_rule_since.latest();
    if year < national_since.year() {
        return Outcome::not_eligible(later!(
            format!("{year} 年早于财税〔2019〕46号施行（{national_since}）。"),
            format!("{year} is before the national rule of 2019 (Caishui [2019] No. 46) took effect ({national_since})."),
        ))
        .miss(Some(Q::B1InvestmentYear), format!("{} 年及以后的投资", national_since.year()), format!("investment from {} on", national_since.year()));
    }
    if investment.is_zero() && carried_in.is_zero() {
        return Outcome::not_eligible(Text::new(
            "当年没有合规投资，也没有结转余额，无可抵免额。",
            "No qualifying investment and no balance carried in, so there is nothing to credit.",
        ))
        .miss(Some(Q::B1Investment), "当年有兴办职业教育的合规投资", "qualifying investment in the year");
    }
    let rate = *ctx.p.b1_credit_rate.at(crate::date::Date::end_of_year(year));
    let generated = fen_floor(investment * rate);
    let available = generated + carried_in;
    let used = available.min(payable);
    let carried_forward = available - used;
    let credit = Credit { investment, rate, generated, carried_in, payable, used, carried_forward };
    let pct = (rate * Decimal::from(100)).normalize();
    let reason = later!(
        format!(
            "{year} 年投资 {} × {pct}% = {}；加上年结转 {}，可抵免 {}；当年应缴附加 {}，本年抵免 {}，结转以后年度 {}（财税〔2019〕46号：不足抵免的部分可在以后年度继续抵免）。抵免额在其他减免之后计算（目录 B1 第 4 点）；两项附加间的分配默认按 3:2。",
            yuan_zh(investment),
            yuan_zh(generated),
            yuan_zh(carried_in),
            yuan_zh(available),
            yuan_zh(payable),
            yuan_zh(used),
            yuan_zh(carried_forward)
        ),
        format!(
            "{year}: investment {} × {pct}% = {}; with {} carried in, {} is available; surcharges payable {}, so {} is credited this year and {} carries forward (the national rule: unused credit carries to later years). The credit comes after other reliefs (catalogue B1 point 4); it is split 3:2 between the two surcharges by default.",
            yuan_en(investment),
            yuan_en(generated),
            yuan_en(carried_in),
            yuan_en(available),
            yuan_en(payable),
            yuan_en(used),
            yuan_en(carried_forward)
        ),
    );
    let reason = match from_taxes {
        Some(taxes) => {
            let mut r = crate::text::Reason::from(taxes);
            r.push(reason);
            r
        }
        None => crate::text::Reason::from(reason),
    };
    let conflict = contradiction(ctx, year);
    let mut o = if revoked {
        Outcome::manual(Amount::Credit(Box::new(credit)), reason).also(
            "试点资格曾被撤销：撤销后的投资不得抵免，撤销前留抵余额的处理未找到规定，需人工认定（目录 B1 第 8 点）。",
            "The pilot status was revoked: investment after revocation does not qualify, and no rule was found for a balance from before, so a person must decide (catalogue B1 point 8).",
        )
    } else if let Some(conflict) = conflict.clone() {
        Outcome::manual(Amount::Credit(Box::new(credit)), reason).also(conflict.zh, conflict.en)
    } else {
        Outcome::eligible(Amount::Credit(Box::new(credit)), reason)
    };
    if let (true, Some(conflict)) = (revoked, conflict) {
        o = o.also(conflict.zh, conflict.en);
    }
    o = o.also(
        "撤回投资或转让股权的，应补缴已抵免的附加（目录 B1 第 6 点）。",
        "Withdrawing the investment or transferring the equity means repaying the credit (catalogue B1 point 6).",
    );
    let pol = &ctx.p.policy;
    if year > pol.expires.year() || ctx.on > pol.expires {
        o = o.flag(
            "X2",
            format!("本市文件已于 {} 到期；此项依据财税〔2019〕46号（未见截止日期）继续适用，法律依据为国家规定而非泉政办规〔2022〕8号。", pol.expires),
            format!("The city policy expired on {}; the credit continues under the national rule of 2019 (Caishui [2019] No. 46, no end date found), so its legal basis is the national rule, not the city plan.", pol.expires),
        );
    }
    o
}
