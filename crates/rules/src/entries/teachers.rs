//! Teachers (四(三)): the dual-qualified teacher award (A15), master-teacher
//! studios (A16), discipline leaders (A17) and international teacher training (A18).

use super::{Ctx, Outcome, need, require_yes, x7};
use crate::catalogue::ApplicantType;
use crate::money::{yuan_en, yuan_zh};
use crate::outcome::Amount;
use crate::questions::Q;
use crate::text::later;

/// The X7 flag shared by the three teacher awards, which the text lets stack.
macro_rules! stacking {
    ($o:expr) => {
        x7!(
            $o,
            "同一教师可能同时获得双师型教师奖、名师工作室奖、学科带头人奖，文件未限制",
            "the same teacher may receive the dual-qualified, studio and leader awards; the text sets no limit"
        )
    };
}

/// A15: CNY 10,000 once for an excellent dual-qualified teacher in the library.
pub(crate) fn a15(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    require_yes!(ctx, InDualTeacherLibrary);
    need!(ctx, side = TeacherSide: choice);
    require_yes!(ctx, DualTeacherExcellent);
    need!(ctx, selected_on = DualTeacherSelectedOn: date);
    let award = *ctx.p.a15_award.at(selected_on);
    let reason = later!(
        format!("已入库并经评选为优秀双师型教师，每人一次性 {}；默认每人一次（目录 A15 第 3 点）。", yuan_zh(award)),
        format!("In the library and selected as an excellent dual-qualified teacher: {} once per person (catalogue A15 point 3).", yuan_en(award)),
    );
    let o = if side == "enterprise" {
        Outcome::undetermined(Amount::Exact { yuan: award }, reason)
            .also(
                "企业兼职教师或专家能否获奖未写明（“入校、入企”两个方向），请向市教育局确认（目录 A15 第 2 点）。",
                "Whether an enterprise's part-time teacher qualifies is not stated; ask the education bureau (catalogue A15 point 2).",
            )
            .miss(Some(Q::TeacherSide), "学校专任教师可确定适用", "being a school's full-time teacher")
    } else {
        Outcome::eligible(Amount::Exact { yuan: award }, reason)
    };
    ctx.window(selected_on, Q::DualTeacherSelectedOn, stacking!(o.cash()))
}

/// A16: CNY 50,000 once per municipal master-teacher studio. The payee is the
/// studio or its host school, so for a teacher it is not personal money.
pub(crate) fn a16(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    require_yes!(ctx, StudioSelected);
    need!(ctx, selected_on = StudioSelectedOn: date);
    let award = *ctx.p.a16_studio_award.at(selected_on);
    let mut o = Outcome::eligible(
        Amount::Exact { yuan: award },
        later!(
            format!("工作室入选市级名师工作室，每个工作室一次性 {}；默认限职业教育名师工作室（目录 A16 第 2 点）。", yuan_zh(award)),
            format!(
                "The studio was selected as a municipal master-teacher studio: {} once per studio; vocational-education studios by default (catalogue A16 point 2).",
                yuan_en(award)
            ),
        ),
    );
    if ctx.t == ApplicantType::Teacher {
        o = o.also(
            "奖励按工作室计发，收款方可能是工作室或所在学校，不计入个人所得合计（目录 A16 第 1 点）。",
            "The award is per studio and may be paid to the studio or its school, so it is not counted in a personal total (catalogue A16 point 1).",
        );
    } else {
        o = o.cash();
    }
    ctx.window(selected_on, Q::StudioSelectedOn, stacking!(o))
}

/// A17: CNY 10,000 once per municipal vocational-education discipline leader.
pub(crate) fn a17(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    require_yes!(ctx, DisciplineLeader);
    need!(ctx, selected_on = DisciplineLeaderSelectedOn: date);
    let award = *ctx.p.a17_leader_award.at(selected_on);
    let o = Outcome::eligible(
        Amount::Exact { yuan: award },
        later!(
            format!("入选市级职业教育学科（专业）带头人，每名一次性 {}；评选标准以通知为准。", yuan_zh(award)),
            format!("Selected as a municipal discipline leader: {} once; the criteria are set by the notice.", yuan_en(award)),
        ),
    );
    ctx.window(selected_on, Q::DisciplineLeaderSelectedOn, stacking!(o.cash()))
}

/// A18: up to CNY 500,000 a year for international teacher training: the named
/// Sino-German centre, or (undetermined) another institution under "等机构".
pub(crate) fn a18(ctx: &Ctx) -> Outcome {
    need!(ctx, body = OrgNamedBody: choice);
    let named = body == "sino_german_centre";
    if !named {
        require_yes!(ctx, InternationalTeacherTraining);
    }
    need!(ctx, year = ClaimYear: year);
    let cap = *ctx.p.a18_cap_per_year.at(crate::date::Date::end_of_year(year));
    let reason = later!(
        format!("每年根据培训情况给予不高于 {}；默认每家机构单独计算上限，分配方法以通知为准（目录 A18 第 1、3 点）。", yuan_zh(cap)),
        format!(
            "Up to {} a year by the training done; the ceiling is per institution by default, and the allocation is set by the notice (catalogue A18 points 1 and 3).",
            yuan_en(cap)
        ),
    );
    let o = if named {
        Outcome::eligible(Amount::UpTo { cap }, reason)
    } else {
        Outcome::undetermined(Amount::Range { min: rust_decimal::Decimal::ZERO, max: cap }, reason).also(
            "文件点名中德（福建）教育发展与合作中心“等机构”，其他机构的条件未写明（目录 A18 第 2 点）。",
            "The text names the Sino-German centre 'and others' without criteria for others (catalogue A18 point 2).",
        )
    };
    ctx.year_window(year, Q::ClaimYear, o.cash())
}
