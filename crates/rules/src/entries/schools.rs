//! School funding: 二(二) and 二(三) selections and majors (A1–A6), 四(二)
//! science projects (A13) and payroll headroom from training income (C1).

use rust_decimal::Decimal;

use super::{Ctx, Outcome, need, require_yes, times};
use crate::catalogue::ApplicantType;
use crate::money::{yuan_en, yuan_zh};
use crate::outcome::{Amount, Status};
use crate::questions::Q;
use crate::text::{Text, later};

/// A1: 双高 / 优质中职 selection; the amount is set by the annual notice.
pub(crate) fn a1(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    need!(ctx, double_high_list = DoubleHighList: choice);
    match double_high_list {
        "none" => {
            return Outcome::not_eligible(Text::new(
                "未入选国家或省级“双高计划”、国家“优质中职”计划。",
                "Not selected into the national or provincial Double High plan or the national quality secondary plan.",
            ))
            .miss(
                Some(Q::DoubleHighList),
                "入选国家或省级“双高计划”，或国家“优质中职学校和专业群建设计划”",
                "selection into a national or provincial Double High plan, or the national quality secondary plan",
            );
        }
        "provincial_quality_secondary" => {
            return Outcome::not_eligible(Text::new(
                "文件只写国家“优质中职学校和专业群建设计划”；省级优质中职计划默认不适用，如有疑问请向市教育局咨询（目录 A1 第 4 点）。",
                "The text names only the national quality secondary plan; a provincial one does not count by default; ask the education bureau if in doubt (catalogue A1 point 4).",
            ))
            .miss(Some(Q::DoubleHighList), "入选国家级计划", "selection into the national plan");
        }
        _ => {}
    }
    need!(ctx, double_high_unit = DoubleHighUnit: choice, double_high_selected_on = DoubleHighSelectedOn: date);
    let plan = Q::DoubleHighList.def().option_label(double_high_list).map_or(Text::default(), Text::from);
    let base = later!(
        format!("已入选{}；文件只说“予以一定经费补助”，金额和频次以年度申报通知为准（目录 A1 第 1 点）。", plan.zh),
        format!(
            "Selected into the {}; the text says only 'a subsidy', so the amount and frequency are set by the annual notice (catalogue A1 point 1).",
            plan.en
        ),
    );
    let o = if double_high_unit == "major_group" {
        Outcome::undetermined(Amount::AnnualNotice, base)
            .also(
                "仅专业群入选是否适用，文件未写明，请向市教育局确认（目录 A1 第 2 点）。",
                "Whether a cluster-only selection counts is not stated; ask the education bureau (catalogue A1 point 2).",
            )
            .miss(Some(Q::DoubleHighUnit), "学校整体入选可确定适用", "the whole school being selected")
    } else {
        Outcome::eligible(Amount::AnnualNotice, base)
    };
    ctx.window(
        double_high_selected_on,
        Q::DoubleHighSelectedOn,
        o.cash().also(
            "同时入选国家级和省级时默认按最高一级补助一次（目录 A1 第 3 点）。",
            "Selected at both levels, one award at the highest level is assumed (catalogue A1 point 3).",
        ),
    )
}

/// A2: CNY 1,000,000 per new bachelor-level pilot major at a 高职 college.
pub(crate) fn a2(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    need!(ctx, school_level = SchoolLevel: choice);
    if matches!(school_level, "secondary" | "technical") {
        return Outcome::not_eligible(Text::new(
            "此项只适用于高职院校新举办的本科层次试点专业。",
            "This is only for bachelor-level pilot majors at higher vocational colleges.",
        ))
        .miss(Some(Q::SchoolLevel), "学校为高职（专科）院校", "a higher vocational college");
    }
    need!(ctx, pilot_majors_new = PilotMajorsNew: count);
    if pilot_majors_new == 0 {
        return Outcome::not_eligible(Text::new("没有新举办的本科层次试点专业。", "No new bachelor-level pilot major.")).miss(
            Some(Q::PilotMajorsNew),
            "新举办至少 1 个本科层次试点专业",
            "at least one new pilot major",
        );
    }
    need!(ctx, pilot_majors_first_enrolled_on = PilotMajorsFirstEnrolledOn: date);
    let rate = *ctx.p.a2_grant_per_major.at(pilot_majors_first_enrolled_on);
    let total = rate * Decimal::from(pilot_majors_new);
    let arithmetic = times(pilot_majors_new, rate, total, "个专业", "majors");
    let mut o = Outcome::eligible(Amount::Exact { yuan: total }, arithmetic).cash();
    if school_level == "vocational_bachelor" {
        o = o.becomes(Status::ManualReview).also(
            "学校已是职业本科，是否仍属“高职院校”需人工认定（目录 A2 第 2 点）。",
            "The school is already a vocational bachelor university; whether it is still a 'higher vocational college' needs a person (catalogue A2 point 2).",
        );
    }
    let review_above = *ctx.p.a2_review_above_majors.at(pilot_majors_first_enrolled_on);
    if Decimal::from(pilot_majors_new) > review_above {
        o = o.becomes(Status::ManualReview).and(later!(
            format!("文件未设专业数上限；超过 {review_above} 个需人工复核（目录 A2 第 4 点）。"),
            format!("The text sets no limit on majors; more than {review_above} go to a person (catalogue A2 point 4)."),
        ));
    }
    ctx.window(
        pilot_majors_first_enrolled_on,
        Q::PilotMajorsFirstEnrolledOn,
        o.also("默认以首次招生日期判断“新举办”（目录 A2 第 1 点）。", "A major counts as new by its first enrolment date (catalogue A2 point 1)."),
    )
}

/// The three levels of industry college (二(三)), highest first.
#[derive(Clone, Copy, PartialEq)]
enum CollegeLevel {
    National,
    Provincial,
    Municipal,
}

/// A3–A5: one-off grants by level. The highest level a college reached gets its
/// exact amount; a lower level shows 0 to its amount, since the text does not say
/// whether levels add up, the highest alone counts, or only the difference is
/// paid (SHOW_RANGE, catalogue A3 point 3).
fn college(ctx: &Ctx, level: CollegeLevel) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    let (selected, on, grant, name_zh, name_en) = match level {
        CollegeLevel::National => (
            Q::IndustryCollegeNational,
            Q::IndustryCollegeNationalOn,
            &ctx.p.a3_national_college_grant,
            "国家级现代产业学院",
            "national modern industry college",
        ),
        CollegeLevel::Provincial => (
            Q::IndustryCollegeProvincial,
            Q::IndustryCollegeProvincialOn,
            &ctx.p.a4_provincial_college_grant,
            "省级现代产业学院",
            "provincial modern industry college",
        ),
        CollegeLevel::Municipal => (
            Q::IndustryCollegeMunicipal,
            Q::IndustryCollegeMunicipalOn,
            &ctx.p.a5_municipal_demo_college_grant,
            "市级示范性产业学院",
            "municipal demonstration industry college",
        ),
    };
    match ctx.a.yes(selected) {
        None => return Outcome::missing(ctx.a, &[selected]),
        Some(false) => {
            return Outcome::not_eligible(later!(format!("没有产业学院入选{name_zh}。"), format!("No industry college selected as a {name_en}."))).miss(
                Some(selected),
                format!("有产业学院入选{name_zh}"),
                format!("a college selected as a {name_en}"),
            );
        }
        Some(true) => {}
    }
    let Some(date) = ctx.a.date(on) else { return Outcome::missing(ctx.a, &[on]) };
    if level != CollegeLevel::Municipal {
        let Some(stage) = ctx.a.choice(Q::IndustryCollegeStage) else { return Outcome::missing(ctx.a, &[Q::IndustryCollegeStage]) };
        if stage == "approved_for_build" {
            let amount = Amount::Exact { yuan: *grant.at(date) };
            return ctx.window(date, on, Outcome::undetermined(amount, Text::new(
                "仅立项建设、尚未验收认定；默认以验收认定为“入选”，请向市教育局确认（目录 A3 第 2 点）。",
                "Approved for construction only, not yet accepted; by default acceptance is the selection; ask the education bureau (catalogue A3 point 2).",
            ))
            .cash()
            .miss(Some(Q::IndustryCollegeStage), "通过验收认定后可确定适用", "acceptance after review"));
        }
    }
    let higher_levels: &[Q] = match level {
        CollegeLevel::National => &[],
        CollegeLevel::Provincial => &[Q::IndustryCollegeNational],
        CollegeLevel::Municipal => &[Q::IndustryCollegeNational, Q::IndustryCollegeProvincial],
    };
    let also_higher = higher_levels.iter().any(|q| ctx.a.yes(*q) == Some(true));
    let rate = *grant.at(date);
    let mut o = if also_higher {
        Outcome::eligible(Amount::Range { min: Decimal::ZERO, max: rate }, later!(
            format!("入选{name_zh}，一次性 {}。同一学院也入选了更高一级：文件未说明累计、就高或补差，故此级显示 0～{}；若为不同学院则按全额（目录 A3 第 3 点）。", yuan_zh(rate), yuan_zh(rate)),
            format!("Selected as a {name_en}: {} once. The same college was also selected at a higher level; the text does not say whether levels add up, the highest alone counts, or the difference is paid, so this level shows 0 to {}; a different college gets the full amount (catalogue A3 point 3).", yuan_en(rate), yuan_en(rate)),
        ))
    } else {
        Outcome::eligible(Amount::Exact { yuan: rate }, later!(format!("入选{name_zh}，一次性 {}。", yuan_zh(rate)), format!("Selected as a {name_en}: {} once.", yuan_en(rate))))
    }
    .cash();
    if ctx.t == ApplicantType::University {
        o = o.becomes(Status::Undetermined).also(
            "此段针对职业学校；本科高校举办的现代产业学院能否适用，文件未写明，请向市教育局确认（目录 A3 第 1 点）。",
            "The paragraph is about vocational schools; whether a university's college counts is not stated; ask the education bureau (catalogue A3 point 1).",
        );
    }
    if level == CollegeLevel::Municipal {
        o = o.also(
            "学校与企业共建的，收款单位请向市教育局确认（目录 A5 第 2 点）。",
            "For a college run jointly with an enterprise, confirm the payee with the education bureau (catalogue A5 point 2).",
        );
    }
    ctx.window(date, on, o)
}

/// A3: national modern industry college.
pub(crate) fn a3(ctx: &Ctx) -> Outcome {
    college(ctx, CollegeLevel::National)
}

/// A4: provincial modern industry college.
pub(crate) fn a4(ctx: &Ctx) -> Outcome {
    college(ctx, CollegeLevel::Provincial)
}

/// A5: municipal demonstration industry college.
pub(crate) fn a5(ctx: &Ctx) -> Outcome {
    college(ctx, CollegeLevel::Municipal)
}

/// A6: municipal featured major cluster; the amount, by school type, is set by the notice.
pub(crate) fn a6(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    require_yes!(ctx, FeaturedClusterSelected);
    need!(ctx, featured_cluster_selected_on = FeaturedClusterSelectedOn: date, featured_cluster_negative_list = FeaturedClusterNegativeList: yes, school_ownership = SchoolOwnership: choice, school_level = SchoolLevel: choice);
    let ownership = Q::SchoolOwnership.def().option_label(school_ownership).map_or(Text::default(), Text::from);
    let level = Q::SchoolLevel.def().option_label(school_level).map_or(Text::default(), Text::from);
    let reason = later!(
        format!(
            "专业群入选市级产教融合特色专业群；补助“根据职业学校性质分别给予”，金额以年度申报通知为准。学校性质：{}、{}（目录 A6）。",
            ownership.zh, level.zh
        ),
        format!(
            "A cluster was selected as a municipal featured cluster; the grant differs by school type and is set by the annual notice. School: {}, {} (catalogue A6).",
            ownership.en, level.en
        ),
    );
    let o = if featured_cluster_negative_list {
        Outcome::undetermined(Amount::AnnualNotice, reason)
            .also(
                "专业群中有负面清单专业，能否补助未写明，请向市教育局确认（目录 E3）。",
                "A major of the cluster is on the negative list; whether the grant still applies is not stated; ask the education bureau (catalogue E3).",
            )
            .miss(Some(Q::FeaturedClusterNegativeList), "专业群中没有负面清单专业", "no major of the cluster on the negative list")
    } else {
        Outcome::eligible(Amount::AnnualNotice, reason)
    };
    ctx.window(featured_cluster_selected_on, Q::FeaturedClusterSelectedOn, o.cash())
}

/// A13: up to CNY 500,000 per approved science and technology project.
pub(crate) fn a13(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    need!(ctx, sci_tech_projects_approved = SciTechProjectsApproved: count);
    if sci_tech_projects_approved == 0 {
        return Outcome::not_eligible(Text::new(
            "没有经评审立项的科技计划项目；未立项的项目不补助。",
            "No project was approved after review; unapproved projects get nothing.",
        ))
        .miss(Some(Q::SciTechProjectsApproved), "至少 1 个项目经评审立项", "at least one project approved after review");
    }
    need!(ctx, sci_tech_approved_on = SciTechApprovedOn: date);
    let cap = *ctx.p.a13_cap_per_project.at(sci_tech_approved_on);
    let total = cap * Decimal::from(sci_tech_projects_approved);
    let mut o = Outcome::eligible(Amount::UpTo { cap: total }, later!(
        format!("{sci_tech_projects_approved} 项 × 每项不超过 {} = 最高 {}；实际金额由评审确定，上限不是承诺（目录 A13、X8）。", yuan_zh(cap), yuan_zh(total)),
        format!("{sci_tech_projects_approved} projects × up to {} each = at most {}; review sets the actual amount, and the ceiling is not a promise (catalogue A13, X8).", yuan_en(cap), yuan_en(total)),
    ))
    .cash();
    // With the request given, the lower of the two: a grant above what was asked
    // for is not to be expected, though the text does not say so (catalogue A13 point 1).
    if let Some(requested) = ctx.a.money(Q::SciTechRequested).filter(|r| *r < total) {
        o.amount = Amount::UpTo { cap: requested };
        o = o.and(later!(
            format!("申请经费合计 {}，低于上限，按申请额显示上限（文件未写明是否以申请额为限，目录 A13 第 1 点）。", yuan_zh(requested)),
            format!(
                "The request, {}, is below the ceiling, so it is shown as the ceiling (the policy does not say whether the request caps the grant).",
                yuan_en(requested)
            ),
        ));
    }
    ctx.window(sci_tech_approved_on, Q::SciTechApprovedOn, o)
}

/// C1: up to 50 % of net training income as performance-pay headroom; not money.
pub(crate) fn c1(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    need!(ctx, school_ownership = SchoolOwnership: choice);
    if school_ownership == "private" {
        return Outcome::not_eligible(Text::new(
            "民办学校不实行绩效工资总量管理，此项与其无关（目录 C1 第 2 点）。",
            "Private schools are not under the performance-pay ceiling, so this does not concern them (catalogue C1 point 2).",
        ))
        .miss(Some(Q::SchoolOwnership), "公办学校", "a public school");
    }
    need!(ctx, training_net_income = TrainingNetIncome: money);
    if training_net_income.is_zero() {
        return Outcome::not_eligible(Text::new("没有培训净收入，可提取额为 0。", "No net training income, so nothing can be added.")).miss(
            Some(Q::TrainingNetIncome),
            "有培训净收入",
            "some net training income",
        );
    }
    let share = *ctx.p.c1_net_income_share.at(ctx.on);
    let cap = crate::money::fen_floor(training_net_income * share);
    let o = Outcome::eligible(
        Amount::UpTo { cap },
        later!(
            format!(
                "培训净收入 {} × {}% = 最多 {} 可计入绩效工资总额增量；这是工资总额空间，不是财政拨款。须由教育主管部门向人社部门申请核增；“净收入”口径和培训范围（默认社会培训）请向人社部门确认（目录 C1）。",
                yuan_zh(training_net_income),
                (share * Decimal::from(100)).normalize(),
                yuan_zh(cap)
            ),
            format!(
                "Net training income {} × {}% = up to {} may be added to the performance-pay ceiling; this is payroll headroom, not government money. The education authority applies to the HR bureau; confirm what counts as net income and which training counts (by default social training) (catalogue C1).",
                yuan_en(training_net_income),
                (share * Decimal::from(100)).normalize(),
                yuan_en(cap)
            ),
        ),
    );
    ctx.status_window(o, None)
}
