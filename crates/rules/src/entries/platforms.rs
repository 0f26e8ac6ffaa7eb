//! Platforms (五): the municipal alliance (A19) and sub-alliances (A20) of 五(一),
//! demonstration training bases (A21) of 五(二), the research institute (A22) of 五(三).

use rust_decimal::Decimal;

use super::{Ctx, Outcome, need, require_yes, x7};
use crate::money::{yuan_en, yuan_zh};
use crate::outcome::Amount;
use crate::questions::Q;
use crate::text::{Text, later};

/// An annual capped grant for one named body.
fn named_annual(ctx: &Ctx, body: &str, cap: &crate::params::Dated<Decimal>, zh: &'static str, en: &'static str) -> Outcome {
    need!(ctx, named = OrgNamedBody: choice);
    if named != body {
        let label = Q::OrgNamedBody.def().option_label(body).map_or(Text::default(), Text::from);
        return Outcome::not_eligible(later!(format!("此项只给文件点名的{}。", label.zh), format!("Only the named {} receives this.", label.en)));
    }
    need!(ctx, year = ClaimYear: year);
    let cap = *cap.at(crate::date::Date::end_of_year(year));
    let o = Outcome::eligible(
        Amount::UpTo { cap },
        later!(
            format!("每年不高于 {}，{zh}；上限下的分配方法以通知为准（目录 X8）。", yuan_zh(cap)),
            format!("Up to {} a year, {en}; the allocation below the ceiling is set by the notice (catalogue X8).", yuan_en(cap)),
        ),
    );
    ctx.year_window(year, Q::ClaimYear, o.cash())
}

/// A19: up to CNY 1,000,000 a year for the Quanzhou integration alliance.
pub(crate) fn a19(ctx: &Ctx) -> Outcome {
    named_annual(
        ctx,
        "municipal_alliance",
        &ctx.p.a19_cap_per_year,
        "重点用于建设信息服务平台、提升双师资源库、开展师资交流培训、举办产学研对接活动",
        "mainly for the information platform, the dual-teacher library, teacher exchanges and industry–research events",
    )
}

/// A20: up to CNY 100,000 a year per reorganised sub-alliance (group).
pub(crate) fn a20(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    need!(ctx, status = SubAllianceStatus: choice);
    if status == "no" {
        return Outcome::not_eligible(Text::new("不是产教融合分联盟（集团）。", "Not an industry-education sub-alliance.")).miss(
            Some(Q::SubAllianceStatus),
            "经评估改组转型为分联盟（集团）",
            "reorganisation into a sub-alliance after assessment",
        );
    }
    need!(ctx, year = ClaimYear: year);
    let cap = *ctx.p.a20_cap_per_year.at(crate::date::Date::end_of_year(year));
    let reason = later!(
        format!("每个分联盟（集团）每年不高于 {}；“重点产业”名单以通知为准（目录 A20 第 2 点）。", yuan_zh(cap)),
        format!("Up to {} a year per sub-alliance; the key-industry list is set by the notice (catalogue A20 point 2).", yuan_en(cap)),
    );
    let o = if status == "newly_formed" {
        Outcome::undetermined(Amount::Range { min: Decimal::ZERO, max: cap }, reason)
            .also(
                "文件针对“现有”职教集团、学校联盟改组转型，新组建的能否适用未写明（目录 A20 第 1 点）。",
                "The text is about existing groups being reorganised; whether a newly formed body qualifies is not stated (catalogue A20 point 1).",
            )
            .miss(Some(Q::SubAllianceStatus), "由现有职教集团或学校联盟改组转型而来", "reorganisation from an existing group or alliance")
    } else {
        Outcome::eligible(Amount::UpTo { cap }, reason)
    };
    ctx.year_window(year, Q::ClaimYear, o.cash())
}

/// A21: a one-off grant by assessed grade, at most CNY 1,000,000; the grades
/// and their amounts are unpublished (SHOW_RANGE + ANNUAL_NOTICE).
pub(crate) fn a21(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    require_yes!(ctx, TrainingBaseRecognised);
    need!(ctx, recognised_on = TrainingBaseRecognisedOn: date);
    let cap = *ctx.p.a21_cap.at(recognised_on);
    let o = x7!(Outcome::eligible(Amount::UpTo { cap }, later!(
        format!("实训基地经认定为示范性产教融合实训基地，按评定档次一次性补助，最高不超过 {}；各档金额未公布，以通知为准。共建的收款方请向市发改委确认（目录 A21）。", yuan_zh(cap)),
        format!("The base was recognised as a demonstration training base: a one-off grant by grade, at most {}; the grades are unpublished and set by the notice. For a co-built base, confirm the payee (catalogue A21).", yuan_en(cap)),
    ))
    .cash(), "中央预算内投资也支持实训基地建设（发改社会〔2023〕699号）", "central budget investment also funds training bases (发改社会〔2023〕699号)");
    ctx.window(recognised_on, Q::TrainingBaseRecognisedOn, o)
}

/// A22: up to CNY 500,000 a year for the Quanzhou integration research institute.
pub(crate) fn a22(ctx: &Ctx) -> Outcome {
    named_annual(ctx, "research_institute", &ctx.p.a22_cap_per_year, "重点用于开展专题调研、课题研究", "mainly for studies and research projects")
}
