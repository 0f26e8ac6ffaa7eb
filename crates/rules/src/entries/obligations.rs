//! Quotas and obligations (E1–E3): what the text asks of applicants. A quota
//! never reduces any subsidy (catalogue E1 point 4).

use rust_decimal::{Decimal, RoundingStrategy};

use super::{Ctx, Outcome, need, unit};
use crate::money::yuan_zh;
use crate::outcome::Amount;
use crate::questions::Q;
use crate::text::{Reason, Text, later};

/// E1: enterprises above designated size place interns for 2 %–3 % of their staff.
/// 规模以上 is computed for industry (main revenue of CNY 20 million or more, with
/// revenue standing in for main revenue) and asked for any other sector.
pub(crate) fn e1(ctx: &Ctx) -> Outcome {
    need!(ctx, sector = EntSector: choice);
    let (above, basis) = if sector == "industry" {
        need!(ctx, revenue = EntRevenue: money);
        let line = *ctx.p.e1_above_scale_industry_revenue.at(ctx.on);
        let above = revenue >= line;
        (
            above,
            Reason::from(later!(
                format!(
                    "工业企业年主营业务收入 {} 及以上为规模以上（国家统计局）；按营业收入 {} 近似，{}。",
                    yuan_zh(line),
                    yuan_zh(revenue),
                    if above { "属规模以上" } else { "不属规模以上" }
                ),
                format!(
                    "An industrial firm is above designated size with main revenue of CNY {} or more (NBS); taking revenue {} as main revenue, it {}.",
                    crate::money::group(line),
                    crate::money::group(revenue),
                    if above { "is" } else { "is not" }
                ),
            )),
        )
    } else {
        need!(ctx, above = EntAboveScale: yes);
        (above, Reason::from(Text::new("非工业行业的规模以上标准不同，按您的回答认定。", "Outside industry the threshold differs, so your answer decides.")))
    };
    if !above {
        let mut o =
            Outcome::not_eligible(basis).also("实习岗位比例只针对规模以上企业。", "The internship quota concerns only enterprises above designated size.");
        o = o.miss(Some(if sector == "industry" { Q::EntRevenue } else { Q::EntAboveScale }), "成为规模以上企业", "being above designated size");
        return o;
    }
    need!(ctx, staff = EntEmployees: count);
    let shares = ctx.p.e1_quota_share.at(ctx.on);
    let n = Decimal::from(staff);
    let low = (n * shares[0]).round_dp_with_strategy(0, RoundingStrategy::ToPositiveInfinity);
    let high = (n * shares[1]).round_dp_with_strategy(0, RoundingStrategy::ToNegativeInfinity).max(low);
    let (lo_pct, hi_pct) = ((shares[0] * Decimal::from(100)).normalize(), (shares[1] * Decimal::from(100)).normalize());
    let (lo_exact, hi_exact) = ((n * shares[0]).normalize(), (n * shares[1]).normalize());
    let mut reason = basis;
    reason.push(later!(
        format!("职工总数 {staff} 人 × {lo_pct}%～{hi_pct}% = {}～{} 个专业对口实习岗位（下限向上取整、上限向下取整）。“原则上”，非强制，无罚则；不影响任何补贴。职工总数默认取年末人数（目录 E1）。", lo_exact, hi_exact),
        format!("{staff} staff × {lo_pct}% to {hi_pct}% = {} to {} matching internship places (minimum rounded up, maximum down). 'In principle': not binding, with no sanction, and it never reduces a subsidy. Staff means year-end headcount by default (catalogue E1).", lo_exact, hi_exact),
    ));
    let o = Outcome::eligible(
        Amount::Obligation { min: Some(low.normalize()), max: Some(high.normalize()), unit: unit("个实习岗位", "internship places") },
        reason,
    );
    ctx.status_window(o, None)
}

/// E2: the teacher enterprise-practice system.
pub(crate) fn e2(ctx: &Ctx) -> Outcome {
    let o = Outcome::eligible(
        Amount::Obligation {
            min: None,
            max: None,
            unit: unit("按国家职业学校教师企业实践规定的时长赴企业实践", "enterprise practice for the time national rules require"),
        },
        Text::new(
            "严格落实职业学校教师赴企业实践制度；时长按国家规定（本文件未写）。入企实践也可能是优秀双师型教师一次性奖励的条件。",
            "Vocational teachers' enterprise practice is to be carried out; the duration follows national rules (not stated here). It may also count towards the award for an excellent dual-qualified teacher.",
        ),
    );
    ctx.status_window(o, None)
}

/// E3: positive and negative lists of majors.
pub(crate) fn e3(ctx: &Ctx) -> Outcome {
    let o = Outcome::eligible(
        Amount::Obligation {
            min: None, max: None, unit: unit("按专业正负面清单调整专业结构", "adjusting majors by the positive and negative lists")
        },
        Text::new(
            "学校须根据市场供需和就业质量评估调整专业结构；清单以教育部门公布为准，负面清单专业可能影响特色专业群经费补助。",
            "Schools adjust their majors by market demand and employment quality; the lists are the education bureau's, and a negative-list major may affect the featured major cluster grant.",
        ),
    );
    ctx.status_window(o, None)
}
