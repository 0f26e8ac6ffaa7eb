//! Non-monetary benefits, designations and statuses (D1–D20; D8 lives with the
//! talent measures). Most carry no figure: the result says what the support is,
//! who administers it, and, where the status has to be held, whether it is.

use rust_decimal::prelude::ToPrimitive;

use super::{Ctx, Outcome, in_kind, need, unit};
use crate::catalogue::ApplicantType;
use crate::outcome::Amount;
use crate::questions::Q;
use crate::text::{Text, later};

/// A benefit open to the applicant type as such.
fn open(ctx: &Ctx, zh: &'static str, en: &'static str) -> Outcome {
    ctx.status_window(Outcome::eligible(in_kind(), Text::new(zh, en)), None)
}

/// Information that concerns an enterprise only when it runs vocational
/// education or helps run a school (the rights of a school's shareholders, the
/// weight of that work in selections, 1+X pilots, the SOE platform); for the
/// other applicant types it concerns, it is open as such.
fn for_schools_run(ctx: &Ctx, zh: &'static str, en: &'static str) -> Outcome {
    if ctx.t == ApplicantType::Enterprise {
        match ctx.a.yes(Q::EntRunsVocationalEducation) {
            None => return Outcome::missing(ctx.a, &[Q::EntRunsVocationalEducation]),
            Some(false) => {
                return Outcome::not_eligible(Text::new(
                    "企业未举办或参与运营职业教育，此条与企业目前的情况无关。",
                    "The enterprise neither runs nor helps operate vocational education, so this does not concern it now.",
                ));
            }
            Some(true) => {}
        }
    }
    open(ctx, zh, en)
}

/// A status the applicant holds (yes) or may apply for under criteria the notice sets.
fn held(ctx: &Ctx, q: Q, holds: (&'static str, &'static str), may_apply: (&'static str, &'static str)) -> Outcome {
    match ctx.a.yes(q) {
        None => Outcome::missing(ctx.a, &[q]),
        Some(true) => ctx.status_window(Outcome::eligible(in_kind(), Text::new(holds.0, holds.1)), None),
        Some(false) => Outcome::undetermined(in_kind(), crate::template::fixed(may_apply.0, may_apply.1, ctx.p, ctx.on)).miss(
            Some(q),
            format!("获得此身份：{}", q.def().label.zh),
            format!("answering yes to \"{}\"", q.def().label.en),
        ),
    }
}

/// D1: land and tax preferences "按规定" for enterprises running vocational education.
pub(crate) fn d1(ctx: &Ctx) -> Outcome {
    match ctx.a.yes(Q::EntRunsVocationalEducation) {
        None => Outcome::missing(ctx.a, &[Q::EntRunsVocationalEducation]),
        Some(false) => Outcome::not_eligible(Text::new("企业未举办或参与运营职业教育。", "The enterprise neither runs nor helps operate vocational education."))
            .miss(Some(Q::EntRunsVocationalEducation), "举办职业教育或参与职业学校运营", "running vocational education or helping to run a school"),
        Some(true) => ctx.status_window(
            Outcome::eligible(in_kind(), Text::new(
                "按规定享受土地、税费等优惠：企业举办的学校用地按教育用地管理，符合划拨目录的可划拨，也可租赁或弹性年期供地（发改社会〔2023〕699号）。“符合产教融合发展要求”的标准见上级规定（目录 D1）。",
                "Land and tax preferences under other regulations: land for an enterprise-run school is managed as education land, may be allocated where the catalogue allows, or leased flexibly (the NDRC's measures of 2023). What 'meets integration requirements' means is set by higher rules (catalogue D1).",
            )),
            Some(("上级规定（“按规定”）", "the higher-level rules it refers to")),
        ),
    }
}

/// D2: five years of original land use for a school on idle industrial land.
pub(crate) fn d2(ctx: &Ctx) -> Outcome {
    match ctx.a.yes(Q::EntIdleLandSchool) {
        None => return Outcome::missing(ctx.a, &[Q::EntIdleLandSchool]),
        Some(false) => {
            return Outcome::not_eligible(Text::new("未利用园区存量工业用地或空闲资源举办职业学校。", "No school on idle industrial land or premises.")).miss(
                Some(Q::EntIdleLandSchool),
                "利用园区存量工业用地或空闲资源举办职业学校",
                "running a school on idle industrial land or premises",
            );
        }
        Some(true) => {}
    }
    need!(ctx, approved_on = EntIdleLandApprovedOn: date);
    let years = *ctx.p.d2_transition_years.at(approved_on);
    let whole_years = years.trunc().to_u16().unwrap_or(0);
    let until = approved_on.plus_years(whole_years);
    let expires = ctx.p.policy.expires;
    let o = Outcome::manual(
        Amount::InKind { quantity: Some(years), unit: Some(unit("年按原用途使用", "years of original land use")), until: Some(until) },
        later!(
            format!(
                "经县级人民政府批准（{approved_on}），{years} 年内可继续按原用途使用，至 {until}。{years} 年自批准日还是开办日起算未写明；期限跨过文件到期日（{expires}），推定批准后按全期执行，需人工确认（目录 D2）。"
            ),
            format!(
                "Approved by the county government on {approved_on}: original use continues for {years} years, until {until}. Whether the term runs from approval or from opening is not stated, and it outlasts the policy's expiry; an approval is presumed to run its full term, which a person must confirm (catalogue D2)."
            ),
        ),
    );
    ctx.window(approved_on, Q::EntIdleLandApprovedOn, o)
}

/// D3: rights of an enterprise taking part in a mixed-ownership school.
pub(crate) fn d3(ctx: &Ctx) -> Outcome {
    for_schools_run(
        ctx,
        "允许企业以资本、技术、管理等要素依法参与股份制、混合所有制职业学校办学并享有相应权利；“相应权利”未具体规定（目录 D3）。",
        "An enterprise may take part in a joint-stock or mixed-ownership school with capital, technology or management and hold the corresponding rights, which the text does not define (catalogue D3).",
    )
}

/// D4: the combined package for certified enterprises; it rests on national rules.
pub(crate) fn d4(ctx: &Ctx) -> Outcome {
    match ctx.a.yes(Q::EntCertDirectory) {
        None => Outcome::missing(ctx.a, &[Q::EntCertDirectory]),
        Some(false) => Outcome::not_eligible(Text::new("未纳入国家或省级产教融合型企业认证目录（认证目录不同于建设培育范围）。", "Not in the national or provincial certification directory (which differs from the cultivation scope)."))
            .miss(Some(Q::EntCertDirectory), "纳入国家或省级认证目录", "inclusion in the certification directory"),
        Some(true) => ctx.status_window(
            Outcome::eligible(in_kind(), crate::template::fixed(
                "认证目录企业：按规定落实税费政策（含按投资额 {b1_credit_rate:%}% 抵免教育费附加），并享受组合式激励——金融（中长期贷款推荐、保险产品、上市支持、专项债）、财政（中央预算内实训基地投资）、土地（教育用地）、信用（信用信息归集评价）（发改社会〔2023〕699号）。弄虚作假、重大事故或失信惩戒将撤销资格，5 年内不得再申报（目录 D4）。",
                "Certified enterprises get the tax policies (incl. the {b1_credit_rate:%}% credit of investment against the education surcharges) and a package: finance (long-term loans, insurance, listing support, special bonds), fiscal (central budget for training bases), land (education land), credit (credit records), under the NDRC's measures of 2023. Fraud, major accidents or credit sanctions revoke the status for 5 years (catalogue D4).",
                ctx.p,
                ctx.on,
            )),
            Some(("发改社会〔2019〕590号、发改社会〔2023〕699号", "the NDRC's measures of 2019 and 2023 (Fagai Shehui [2019] No. 590 and [2023] No. 699)")),
        ),
    }
}

/// D5: entry into the Quanzhou cultivation library, the step before A7.
pub(crate) fn d5(ctx: &Ctx) -> Outcome {
    held(
        ctx,
        Q::EntCityLibrary,
        (
            "已入泉州市产教融合型企业培育库；这是认定市级示范性产教融合型企业的前提。入库不等于抵免教育费附加所要求的建设培育范围。",
            "In the Quanzhou cultivation library, the step before recognition as a municipal demonstration enterprise. It is not the national or provincial cultivation scope the surcharge credit needs.",
        ),
        ("可申请入库；入库条件以申报通知为准（目录 D5）。", "You may apply; the entry criteria are set by the notice (catalogue D5)."),
    )
}

/// D6: integration record as a reference in selections of model enterprises.
pub(crate) fn d6(ctx: &Ctx) -> Outcome {
    for_schools_run(
        ctx,
        "各行业主管部门将企业参与产教融合的情况作为各类示范企业评选的重要参考；权重未规定（目录 D6）。",
        "Sector authorities consider integration work when selecting model enterprises; no weight is set (catalogue D6).",
    )
}

/// D7: support for 1+X certificate pilots.
pub(crate) fn d7(ctx: &Ctx) -> Outcome {
    for_schools_run(
        ctx,
        "支持行业企业与职业学校开展“1+X”证书试点；支持方式未具体规定。经此取得的证书可能适用技能证书补贴（目录 D7）。",
        "Support for 1+X certificate pilots between enterprises and schools; the form of support is not stated. Certificates obtained this way may qualify for the skill-certificate subsidy (catalogue D7).",
    )
}

/// D9: fast-track certification for outstanding skilled talent.
pub(crate) fn d9(ctx: &Ctx) -> Outcome {
    open(
        ctx,
        "可通过破格申报、等级直接认定取得技能等级；条件以人社部门规定为准。直接认定的等级可能再适用技能证书补贴（目录 D9）。",
        "Outstanding skilled workers may apply exceptionally or be certified directly; the criteria are the HR bureau's. A level certified this way may then qualify for the skill-certificate subsidy (catalogue D9).",
    )
}

/// D10: allowances employers are encouraged to pay; never government money.
pub(crate) fn d10(ctx: &Ctx) -> Outcome {
    open(
        ctx,
        "鼓励用人单位设立高技能人才岗位津贴、带徒津贴；由用人单位发放，不是政府资金，请向所在单位咨询（目录 D10）。",
        "Employers are encouraged to pay high-skill and mentoring allowances; they are paid by the employer, not the government, so ask yours (catalogue D10).",
    )
}

/// D11: designation as an industry talent skill-training base.
pub(crate) fn d11(ctx: &Ctx) -> Outcome {
    held(
        ctx,
        Q::SkillTrainingBaseDesignated,
        (
            "已确定为产业人才技能培训基地，承担技能培训、等级评价鉴定等工作；文件未写配套资金。",
            "Designated an industry skill-training base, providing training and level assessment; the text states no funding.",
        ),
        (
            "全市统筹建设 {d14_planned_bases} 家；遴选条件和是否配套资金以通知为准（目录 D11）。",
            "The city is building {d14_planned_bases}; the selection criteria and any funding are set by the notice (catalogue D11).",
        ),
    )
}

/// D12: entry into the dual-qualified teacher library, the step before A15.
pub(crate) fn d12(ctx: &Ctx) -> Outcome {
    held(
        ctx,
        Q::InDualTeacherLibrary,
        (
            "已入泉州市产教融合双师资源库；这是优秀双师型教师一次性奖励的前提。",
            "In the Quanzhou dual-qualified teacher library, the step before the award for an excellent dual-qualified teacher.",
        ),
        ("可申请入库；入库条件以通知为准（目录 D12）。", "You may apply; the entry criteria are set by the notice (catalogue D12)."),
    )
}

/// D13: support for the two named institutions to upgrade.
pub(crate) fn d13(ctx: &Ctx) -> Outcome {
    need!(ctx, school = SchoolNamed: choice);
    match school {
        "liming" => open(
            ctx,
            "文件支持黎明职业大学争创本科层次职业学校（政策与行政支持，无金额）。",
            "The policy supports Liming Vocational University in becoming a bachelor-level vocational university (policy support, no amount).",
        ),
        "quanzhou_technician" => open(
            ctx,
            "文件支持泉州市高级技工学校升格为泉州市技师学院；据泉州晚报 2024-01-05，已获批为泉州技师学院，此项似已实现（目录 D13）。",
            "The policy supports Quanzhou Senior Technical School in becoming a technician college; it was approved as Quanzhou Technician College (Quanzhou Evening News, 2024-01-05), so this appears fulfilled (catalogue D13).",
        ),
        _ => Outcome::not_eligible(Text::new("此项只针对文件点名的黎明职业大学和泉州市高级技工学校。", "This concerns only the two schools the text names.")),
    }
}

/// D14: 1+N branch campuses and industry colleges.
pub(crate) fn d14(ctx: &Ctx) -> Outcome {
    open(
        ctx,
        "支持采用“1+N”方式在各县（市、区）、产业园区开设分校、产业（二级）学院；支持方式未具体规定。",
        "Support for opening branch campuses and industry colleges in counties and parks by the 1+N model; the form of support is not stated.",
    )
}

/// D15: support for NDRC integration project applications.
pub(crate) fn d15(ctx: &Ctx) -> Outcome {
    let text = (
        "重点支持申报国家发改委产教融合建设项目；资金来自中央（高职、应用型本科每校不超过 8000 万元，中职不超过 3000 万元，发改社会〔2023〕699号），请按国家发改委项目程序申报。",
        "Priority support for NDRC integration project applications; the money is central (up to CNY 80 million per higher vocational or applied university, 30 million per secondary school, under the NDRC's measures of 2023); apply through the NDRC programme.",
    );
    if ctx.t == ApplicantType::University {
        need!(ctx, school = SchoolNamed: choice);
        if school != "quanzhou_normal" {
            return Outcome::not_eligible(Text::new(
                "文件点名的本科高校只有泉州师院，其余为“职业学校”。",
                "The only university the policy names is Quanzhou Normal University; the rest are vocational schools.",
            ));
        }
    }
    open(ctx, text.0, text.1)
}

/// D16: participation through the municipal SOE investment platform.
pub(crate) fn d16(ctx: &Ctx) -> Outcome {
    for_schools_run(
        ctx,
        "可通过市属国企职业教育产教融合投融资平台，以合作合资、民办公助、公建民营等方式参与办学或产教融合项目；无金额。",
        "Take part in schools or projects through the municipal SOE platform by joint venture, public aid to private schools, or public build and private run; no amount.",
    )
}

/// D17: cross-strait and international cooperation.
pub(crate) fn d17(ctx: &Ctx) -> Outcome {
    open(
        ctx,
        "支持闽台“校校企”合作、泉台联合培养与师资培训、“中文+职业技能”、海丝学院、鲁班工坊、承接境外园区员工培训；支持方式未具体规定。",
        "Support for cross-strait school–enterprise cooperation, joint training with Taiwan, Chinese-plus-skills, Maritime Silk Road colleges, Luban workshops and training for overseas parks; the form of support is not stated.",
    )
}

/// D18: the integration information service platform.
pub(crate) fn d18(ctx: &Ctx) -> Outcome {
    open(
        ctx,
        "泉州市产教融合信息服务平台发布产业政策、企业用工需求、科技需求、人才就业需求和科研成果信息。",
        "The Quanzhou integration platform publishes policies, job openings, technology needs, job seekers and research results.",
    )
}

/// D19: publicity and commendation.
pub(crate) fn d19(ctx: &Ctx) -> Outcome {
    open(
        ctx,
        "积极参与产教融合的行业、企业、学校及技术技能人才可获宣传和表彰；联系工作专班办公室（市发改委、教育局）。",
        "Active participants can be publicised and commended; contact the task force office (development and reform commission, education bureau).",
    )
}

/// D20: enrolment support for students from partner regions; schools host them.
pub(crate) fn d20(ctx: &Ctx) -> Outcome {
    if ctx.t == ApplicantType::VocationalSchool {
        return open(
            ctx,
            "开展对口支援地区职业教育扶持，推动贫困地区学生到我市优质职业学校就学；学校为接收方，资助规则见国家规定。",
            "Vocational-education support for partner regions brings their students to Quanzhou schools; the school is the host, and student aid follows national rules.",
        );
    }
    match ctx.a.yes(Q::FromPartnerRegion) {
        None => Outcome::missing(ctx.a, &[Q::FromPartnerRegion]),
        Some(false) => Outcome::not_eligible(Text::new("不是来自对口支援地区。", "Not from a partner region.")).miss(
            Some(Q::FromPartnerRegion),
            "来自对口支援地区",
            "being from a partner region",
        ),
        Some(true) => open(
            ctx,
            "可通过对口支援渠道到泉州优质职业学校就学；适用地区和资助以国家与省规定为准（目录 D20）。",
            "You may enrol in a Quanzhou vocational school through the partner-region scheme; the regions and any aid follow national and provincial rules (catalogue D20).",
        ),
    }
}
