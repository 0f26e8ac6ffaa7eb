//! Enterprise grants: the municipal demonstration award (A7, 三(二)), the
//! apprenticeship subsidy (A8, 三(三)) and the graduate-hiring subsidy (A11, 四(一)).

use rust_decimal::Decimal;

use super::{Ctx, Outcome, need, require_yes, times, x7};
use crate::money::{group, yuan_en, yuan_zh};
use crate::outcome::Amount;
use crate::questions::Q;
use crate::sme::{Figures, Indicator, Sector, Size};
use crate::text::{Text, later};

/// A7: CNY 500,000 once for a recognised municipal demonstration enterprise.
// The oracle of its table only (tests/tables.rs), so not in the browser's build.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn a7(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    // The library comes first: the text recognises demonstration enterprises from
    // it (三(二), catalogue A7 "who may apply"), so outside it there is nothing to ask.
    need!(ctx, in_library = EntCityLibrary: yes);
    if !in_library {
        return Outcome::not_eligible(Text::new(
            "示范企业从泉州市产教融合型企业培育库中认定；未入库的不能认定，也就没有此项补助。如已获认定，请核对入库情况。",
            "Demonstration enterprises are recognised from the Quanzhou cultivation library; outside it there is no recognition and no grant. If you were recognised, check the library entry.",
        ))
        .miss(Some(Q::EntCityLibrary), "入选泉州市产教融合型企业培育库并获认定为市级示范企业", "entry into the Quanzhou library and recognition as a demonstration enterprise");
    }
    require_yes!(ctx, EntCityDemo);
    need!(ctx, recognised_on = EntCityDemoOn: date);
    let grant = *ctx.p.a7_demo_enterprise_grant.at(recognised_on);
    let reason = later!(
        format!("已认定为市级示范性产教融合型企业，每家企业一次性 {}。集团企业按法人单位还是按集团计，请向市发改委确认（目录 A7 第 3 点）。", yuan_zh(grant)),
        format!(
            "Recognised as a municipal demonstration integration enterprise: {} once per enterprise. Whether a group counts once or per legal entity, confirm with the development and reform commission (catalogue A7 point 3).",
            yuan_en(grant)
        ),
    );
    let o = Outcome::eligible(Amount::Exact { yuan: grant }, reason);
    ctx.window(recognised_on, Q::EntCityDemoOn, o.cash())
}

/// A8: CNY 5,000 (intermediate) or 6,000 (advanced) per passing apprentice per
/// training year. "每人每年" over a programme of several months has two readings:
/// pro-rated by month (the default) or one year; both are computed and, where
/// they differ, shown as a range (catalogue A8 points 1–2).
// The oracle of its table only (tests/tables.rs), so not in the browser's build.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn a8(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    require_yes!(ctx, ApprenticeshipRuns);
    need!(
        ctx,
        intermediate = ApprenticesIntermediatePassed: count,
        advanced = ApprenticesAdvancedPassed: count,
        technician = ApprenticesTechnicianPassed: count,
    );
    if intermediate + advanced + technician == 0 {
        return Outcome::not_eligible(Text::new("没有考核合格的学徒；未通过考核的不计。", "No apprentice passed; those who did not pass count 0.")).miss(
            Some(Q::ApprenticesIntermediatePassed),
            "至少 1 名学徒通过毕业（结业）考核",
            "at least one apprentice passing the final assessment",
        );
    }
    if let Some(o) = beyond_headcount(ctx, intermediate + advanced + technician, "考核合格学徒", "apprentices who passed") {
        return o;
    }
    for (passed, enrolled_q) in [(intermediate, Q::ApprenticesIntermediateEnrolled), (advanced, Q::ApprenticesAdvancedEnrolled)] {
        if let Some(enrolled) = ctx.a.peek().count(enrolled_q).filter(|e| passed > *e) {
            return Outcome::manual(
                Amount::None,
                later!(
                    format!("考核合格 {passed} 人，多于入学 {enrolled} 人：数字不合常理，不作测算，需人工核实。"),
                    format!("{passed} passed, more than the {enrolled} enrolled: the figures do not add up, so nothing is computed and a person must check."),
                ),
            )
            .flag("X8", "数字不合常理，需人工核实", "The figures are implausible; a person checks them");
        }
    }
    need!(ctx, months = ApprenticeshipMonths: count, completed_on = ApprenticeshipCompletedOn: date);
    // A length outside what apprenticeships run (1 to 2 years, 3 at most) is no
    // basis for a figure: a person checks it.
    let bounds = ctx.p.a8_plausible_months.at(completed_on);
    if let [lo, hi] = bounds.as_slice()
        && (Decimal::from(months) < *lo || Decimal::from(months) > *hi)
    {
        let (lo, hi) = (*lo, *hi);
        return Outcome::manual(
            Amount::None,
            later!(
                format!("培训期限 {months} 个月，不在新型学徒制通常的 {lo}～{hi} 个月之内：不作测算，需人工核实。"),
                format!("A training length of {months} months is outside the usual {lo} to {hi} months of new-style apprenticeships: nothing is computed, and a person must check."),
            ),
        )
        .flag("X8", "数字不合常理，需人工核实", "The figures are implausible; a person checks them");
    }
    if let Some(o) = before_founding(ctx, completed_on) {
        return o;
    }
    let classes = [
        (intermediate, *ctx.p.a8_intermediate_rate.at(completed_on), "中级工班", "Intermediate class"),
        (advanced, *ctx.p.a8_advanced_rate.at(completed_on), "高级工班", "Advanced class"),
    ];
    // Multiply before dividing, so that the only rounding is the final one to the fen.
    let pro_rata = move |n: u64, rate: Decimal| crate::money::fen_floor(rate * Decimal::from(n) * Decimal::from(months) / Decimal::from(12));
    let pro_rated: Decimal = classes.iter().map(|(n, rate, _, _)| pro_rata(*n, *rate)).sum();
    let one_year: Decimal = classes.iter().map(|(n, rate, _, _)| rate * Decimal::from(*n)).sum();
    let lines = crate::text::Later::new(move |lang| {
        let shown = classes.iter().filter(|(n, ..)| *n > 0);
        let parts: Vec<String> = match lang {
            crate::text::Lang::Zh => {
                shown.map(|(n, rate, zh, _)| format!("{zh} {n} 人 × {} 元 × {months}/12 年 = {}", group(*rate), yuan_zh(pro_rata(*n, *rate)))).collect()
            }
            crate::text::Lang::En => shown
                .map(|(n, rate, _, en)| format!("{en}: {n} apprentices × CNY {} a year × {months}/12 years = {}", group(*rate), yuan_en(pro_rata(*n, *rate))))
                .collect(),
        };
        match lang {
            crate::text::Lang::Zh => format!("{}。", parts.join("；")),
            crate::text::Lang::En => format!("{}.", parts.join(". ")),
        }
    });
    if intermediate + advanced == 0 {
        return ctx.window(completed_on, Q::ApprenticeshipCompletedOn, Outcome::undetermined(Amount::None, later!(
            format!("技师、高级技师班 {technician} 人：泉州文件只列中级工班、高级工班，技师班能否补助、按何标准无法确定，不作推断（目录 A8 第 3 点）。"),
            format!("{technician} in technician classes: the text lists only intermediate and advanced classes, so whether and how technician classes are paid cannot be determined (catalogue A8 point 3)."),
        )));
    }
    let (lo, hi) = if pro_rated <= one_year { (pro_rated, one_year) } else { (one_year, pro_rated) };
    let amount = if lo == hi { Amount::Exact { yuan: lo } } else { Amount::Range { min: lo, max: hi } };
    let mut o = Outcome::eligible(amount, lines).cash();
    if lo != hi {
        o = o.and(later!(
            format!("默认按月折算为 {}；若按“每人每年”只计 1 年则为 {}，故显示区间（目录 A8 第 1、2 点）。", yuan_zh(pro_rated), yuan_zh(one_year)),
            format!(
                "Counting the months trained this is {}; counting one year per apprentice it is {}, so both ends are shown (catalogue A8 points 1–2).",
                yuan_en(pro_rated),
                yuan_en(one_year)
            ),
        ));
    }
    // With the enrolment given: the prepayment it allows and the settlement.
    let enrolled = [ctx.a.count(Q::ApprenticesIntermediateEnrolled), ctx.a.count(Q::ApprenticesAdvancedEnrolled)];
    if enrolled.iter().any(Option::is_some) {
        let share = *ctx.p.a8_prepay_share.at(completed_on);
        let prepay: Decimal = classes.iter().zip(enrolled).map(|((_, rate, ..), e)| crate::money::fen_floor(pro_rata(e.unwrap_or(0), *rate) * share)).sum();
        let pct = (share * Decimal::from(100)).normalize();
        o = o.and(later!(
            format!("按入学人数可预拨不超过 {pct}%：{}；结业后按考核合格人数清算为 {}，多预拨的收回（闽人社文〔2019〕220号）。", yuan_zh(prepay), yuan_zh(pro_rated)),
            format!("By enrolment up to {pct}% may be prepaid: {}; it is settled after the assessment at {} by those who passed, and any excess is recovered (Fujian's apprenticeship rules of 2019).", yuan_en(prepay), yuan_en(pro_rated)),
        ));
    }
    if technician > 0 {
        o = o.and(later!(
            format!("另有技师班 {technician} 人未计入：文件未列技师班（目录 A8 第 3 点）。"),
            format!("{technician} in technician classes are not counted: the text does not list them (catalogue A8 point 3)."),
        ));
    }
    o = x7!(o
        .also(
            "按闽人社文〔2019〕220号，可预拨不超过 50% 补贴，结业后清算，未完成培训的预拨款收回；学徒须为签订 1 年以上劳动合同的新招用或转岗人员，并与技工院校或培训机构合作培养。",
            "Under Fujian's apprenticeship rules of 2019 up to 50% can be prepaid, settled on completion, and recovered for apprentices who do not finish; apprentices are new hires or transfers on contracts of a year or more, trained with a technical school or training body.",
        ),
        "与福建省新型学徒制补贴（闽人社文〔2019〕220号，标准相同）为同一项目，不得重复申领",
        "the same scheme as Fujian's apprenticeship subsidy (its rules of 2019, same rates); do not claim twice");
    let o = ctx.window(completed_on, Q::ApprenticeshipCompletedOn, o);
    if o.status == crate::outcome::Status::NotEligible {
        return o.also(
            "闽人社文〔2019〕220号 规定了相同标准，但其为试行文件，现行效力未核实，可向市人社局咨询。",
            "闽人社文〔2019〕220号 sets the same rates, but it is a trial rule whose current validity was not verified; ask the HR bureau.",
        );
    }
    o
}

/// The size figures a sector needs, as questions.
pub(crate) fn indicator_question(i: Indicator) -> Q {
    match i {
        Indicator::Employees => Q::EntEmployees,
        Indicator::Revenue => Q::EntRevenue,
        Indicator::Assets => Q::EntAssets,
    }
}

/// The enterprise's size: from its employees and revenue (and assets) under
/// 300号 where they are given; else from the class it was certified in
/// (`ent_size_class`); else the outcome asking for them, the class first. When
/// both are given and disagree, the second value is the certified class, and
/// the caller sends the result to a person.
// An Outcome is the rule's own answer, returned once on this cold path; boxing it gains nothing.
#[allow(clippy::result_large_err)]
pub(crate) fn classify(ctx: &Ctx) -> Result<(crate::sme::Classification, Option<Size>), Outcome> {
    let certified = ctx.a.choice(Q::EntSizeClass).and_then(Size::from_id);
    let figures = Figures { employees: ctx.a.count(Q::EntEmployees), revenue: ctx.a.money(Q::EntRevenue), assets: ctx.a.money(Q::EntAssets) };
    let sector = ctx.a.choice(Q::EntSector).and_then(Sector::from_id);
    let computed = sector.and_then(|s| ctx.p.sme.get(&s).and_then(|t| t.classify(s, &figures)));
    match (computed, certified) {
        (Some(c), Some(size)) if c.size != size => Ok((c, Some(size))),
        (Some(c), _) => Ok((c, None)),
        (None, Some(size)) => {
            let name = size.name();
            Ok((
                crate::sme::Classification {
                    size,
                    is_sme: size != Size::Large,
                    on_boundary: false,
                    reason: Text::new(format!("按企业的划型结果：{}。", name.zh), format!("By the enterprise's certified class: {}.", name.en)).into(),
                },
                None,
            ))
        }
        (None, None) => {
            // The class first: many enterprises know it; "not known" leads to the figures.
            if ctx.a.choice(Q::EntSizeClass).is_none() {
                return Err(Outcome::missing(ctx.a, &[Q::EntSizeClass]));
            }
            let Some(sector) = sector else { return Err(Outcome::missing(ctx.a, &[Q::EntSector])) };
            let Some(thresholds) = ctx.p.sme.get(&sector) else { return Err(Outcome::missing(ctx.a, &[Q::EntSector])) };
            let missing: Vec<Q> = thresholds.missing(&figures).into_iter().map(indicator_question).collect();
            Err(Outcome::missing(ctx.a, &missing))
        }
    }
}

/// A count that cannot be true for this enterprise: more people than it
/// employs. `None` when it is plausible (or the headcount is not known).
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn beyond_headcount(ctx: &Ctx, count: u64, what_zh: &'static str, what_en: &'static str) -> Option<Outcome> {
    let employees = ctx.a.peek().count(Q::EntEmployees)?;
    (count > employees).then(|| {
        Outcome::manual(
            Amount::None,
            later!(
                format!("{what_zh} {count} 人，多于从业人员 {employees} 人：数字不合常理，不作测算，需人工核实。"),
                format!("{count} {what_en}, more than the {employees} employees: the figures do not add up, so nothing is computed and a person must check."),
            ),
        )
        .flag("X8", "数字不合常理，需人工核实", "The figures are implausible; a person checks them")
    })
}

/// An event dated before the enterprise was established (when that date is
/// given): it cannot have happened, so a person checks it, with no figure.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn before_founding(ctx: &Ctx, date: crate::date::Date) -> Option<Outcome> {
    let founded = ctx.a.peek().date(Q::EntEstablishedOn)?;
    (date < founded).then(|| {
        Outcome::manual(
            Amount::None,
            later!(
                format!("事项日期 {date} 早于企业成立日期 {founded}：不可能发生，不作测算，需人工核实。"),
                format!("The event on {date} is before the enterprise was established on {founded}: it cannot have happened, so nothing is computed and a person must check."),
            ),
        )
        .flag("X8", "数字不合常理，需人工核实", "The figures are implausible; a person checks them")
    })
}

/// A11: CNY 1,000 per hired graduate for an SME, half for other enterprises.
// The oracle of its table only (tests/tables.rs), so not in the browser's build.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn a11(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    need!(ctx, hired = GraduatesHired: count);
    if hired == 0 {
        return Outcome::not_eligible(Text::new("没有吸纳应届高校毕业生。", "No new graduate was hired.")).miss(
            Some(Q::GraduatesHired),
            "吸纳至少 1 名应届高校毕业生",
            "hiring at least one new graduate",
        );
    }
    need!(ctx, ownership = EntOwnership: choice);
    let (size, certified) = match classify(ctx) {
        Ok(c) => c,
        Err(o) => return o,
    };
    if let Some(o) = beyond_headcount(ctx, hired, "吸纳应届高校毕业生", "graduates hired") {
        return o;
    }
    need!(ctx, hired_on = GraduatesHiredOn: date);
    if let Some(o) = before_founding(ctx, hired_on) {
        return o;
    }
    let sme_rate = *ctx.p.a11_sme_per_hire.at(hired_on);
    let other_rate = sme_rate * *ctx.p.a11_other_enterprise_share.at(hired_on);
    let n = Decimal::from(hired);
    let rate = if size.is_sme { sme_rate } else { other_rate };
    let mut reason = size.reason.clone();
    reason.push(if size.is_sme {
        times(hired, sme_rate, sme_rate * n, "人", "hires")
    } else {
        later!(
            format!("非中小微企业按减半标准：{hired} 人 × {} 元 = {}", group(other_rate), yuan_zh(other_rate * n)),
            format!("Not an SME, so half the rate: {hired} × CNY {} = {}", group(other_rate), yuan_en(other_rate * n)),
        )
    });
    let mut o = if let Some(certified) = certified {
        let (given, computed) = (certified.name(), size.size.name());
        Outcome::manual(Amount::Range { min: other_rate * n, max: sme_rate * n }, reason).also(
            format!("企业提供的划型结果为{}，按从业人员和营业收入测算为{}，两者不一致，需人工认定。", given.zh, computed.zh),
            format!("The certified class is {}, but the employees and revenue give {}: they disagree, so a person decides.", given.en, computed.en),
        )
    } else if size.on_boundary {
        Outcome::manual(Amount::Range { min: other_rate * n, max: sme_rate * n }, reason)
    } else {
        Outcome::eligible(Amount::Exact { yuan: rate * n }, reason)
    };
    if !matches!(ownership, "private" | "mixed") {
        let label = Q::EntOwnership.def().option_label(ownership).map_or(Text::default(), Text::from);
        o = Outcome::undetermined(Amount::Range { min: Decimal::ZERO, max: rate * n }, o.reason).and(later!(
            format!("本条鼓励“民营企业”吸纳毕业生；{}能否适用未写明，显示 0～{}，请向市人社局确认（目录 A11 第 2 点）。", label.zh, group(rate * n)),
            format!("The clause encourages private enterprises; whether a {} qualifies is not stated, so 0 to {} is shown; ask the HR bureau (catalogue A11 point 2).", label.en, group(rate * n)),
        ))
        .miss(Some(Q::EntOwnership), "民营企业可确定适用", "being a private enterprise");
    }
    o = x7!(o
        .cash()
        .also(
            "劳动合同期限、社保缴纳、工作地点、申请期限等条件以人社部门申报通知为准（目录 A11 第 4 点）；“应届”默认指毕业当年的普通高校（含高职）毕业生。",
            "Contract length, social insurance, workplace and deadlines are set by the HR bureau's notice (catalogue A11 point 4); 'new graduate' means one in the calendar year of graduation from a college or university (incl. higher vocational).",
        ),
        "与国家或省级一次性扩岗补助、吸纳就业补贴可能针对同一人",
        "national or provincial hiring subsidies may cover the same hire");
    ctx.window(hired_on, Q::GraduatesHiredOn, o)
}
