//! Talent retention and skills: the retention ranking (A9), entrepreneurship
//! colleges (A10), the innovation base (A12) of 四(一); skill certificates (A14)
//! of 四(二); and free accommodation for job seekers (D8) of 四(一).

use rust_decimal::Decimal;

use super::{Ctx, Outcome, need, require_yes, unit, x7};
use crate::catalogue::ApplicantType;
use crate::money::{group, yuan_en, yuan_zh};
use crate::outcome::{Amount, Status};
use crate::questions::Q;
use crate::text::{Text, later};

/// A9: CNY 500,000 down to 100,000 for ranks 1 to 5 in graduate retention.
// The oracle of its table only (tests/tables.rs), so not in the browser's build.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn a9(ctx: &Ctx) -> Outcome {
    if ctx.t == ApplicantType::VocationalSchool {
        need!(ctx, level = SchoolLevel: choice);
        if matches!(level, "secondary" | "technical") {
            return Outcome::not_eligible(Text::new(
                "排名面向本科（含职业本科）和高职高专学校，中职、技工院校不在其列。",
                "The ranking covers universities (incl. vocational bachelor) and higher vocational colleges, not secondary or technical schools.",
            ))
            .miss(Some(Q::SchoolLevel), "学校为高职高专或职业本科", "a higher vocational college or vocational bachelor university");
        }
    }
    if let Err(o) = ctx.territory() {
        return o.also("默认只排名泉州本地学校（目录 A9 第 4 点）。", "By default only Quanzhou schools are ranked (catalogue A9 point 4).");
    }
    require_yes!(ctx, RetentionRanked);
    need!(ctx, rank = RetentionRank: count, year = RetentionRankingYear: year);
    let on = crate::date::Date::end_of_year(year);
    let tiers = ctx.p.a9_award_by_rank.at(on);
    let places = tiers.len() as u64;
    let Some(award) = rank.checked_sub(1).and_then(|i| usize::try_from(i).ok()).and_then(|i| tiers.get(i)).copied() else {
        return Outcome::not_eligible(later!(
            format!("综合排名第 {rank} 名，奖励只到第 {places} 名。"),
            format!("Ranked {rank}; awards go to the top {places} only."),
        ))
        .miss(
            Some(Q::RetentionRank),
            format!("排名进入前 {places} 名（差 {} 名）", rank.saturating_sub(places)),
            format!("a rank in the top {places} ({} places higher)", rank.saturating_sub(places)),
        );
    };
    need!(ctx, tied = RetentionRankTied: yes);
    let reason = later!(
        format!(
            "{year} 年留泉综合排名第 {rank} 名，对应奖励 {}（第 1 至 {places} 名分档：{}）。默认本科、高职高专分别排名（目录 A9 第 1 点）；排名方法以教育部门为准。",
            yuan_zh(award),
            tiers.iter().map(|t| crate::money::wan(*t) + "万").collect::<Vec<_>>().join("、")
        ),
        format!(
            "Ranked {rank} for {year}: {} (ranks 1 to {places}: {}). Universities and higher vocational colleges are ranked separately by default (catalogue A9 point 1); the method is the education bureau's.",
            yuan_en(award),
            tiers.iter().map(|t| group(*t)).collect::<Vec<_>>().join(" / ")
        ),
    );
    let o = if tied {
        Outcome::manual(Amount::Exact { yuan: award }, reason)
            .also("名次并列，需人工认定（目录 A9 第 3 点）。", "The rank is shared, so a person must decide (catalogue A9 point 3).")
    } else {
        Outcome::eligible(Amount::Exact { yuan: award }, reason)
    };
    ctx.year_window(year, Q::RetentionRankingYear, o.cash())
}

/// A10: CNY 100,000 a year for an entrepreneurship college that meets the standard.
// The oracle of its table only (tests/tables.rs), so not in the browser's build.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn a10(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    require_yes!(ctx, EntrepreneurshipCollege);
    need!(ctx, recognised_on = EntrepreneurshipRecognisedOn: date, year = ClaimYear: year);
    if recognised_on.year() > year {
        return Outcome::not_eligible(later!(
            format!("创业学院 {recognised_on} 才获认定，晚于申报年度 {year}。"),
            format!("The college was recognised on {recognised_on}, after the year claimed, {year}."),
        ))
        .miss(Some(Q::ClaimYear), format!("申报 {} 年及以后", recognised_on.year()), format!("claiming for {} or later", recognised_on.year()));
    }
    require_yes!(ctx, EntrepreneurshipMetStandard);
    let grant = *ctx.p.a10_grant_per_year.at(crate::date::Date::end_of_year(year));
    let mut o = Outcome::eligible(
        Amount::Exact { yuan: grant },
        later!(
            format!("{year} 年培训数量、质量达标，每年每家 {}；“达标”标准以申报通知为准。", yuan_zh(grant)),
            format!("Met the standard in {year}: {} per college per year; the standard is set by the annual notice.", yuan_en(grant)),
        ),
    );
    if recognised_on.year() == year && (recognised_on.month(), recognised_on.day()) != (1, 1) {
        let months = 13 - u32::from(recognised_on.month());
        let part = crate::money::fen_floor(grant * Decimal::from(months) / Decimal::from(12));
        o = Outcome::eligible(Amount::Range { min: part, max: grant }, o.reason).and(later!(
            format!("{recognised_on} 年中认定：首年是否折算未写明，按月折算（含认定当月 {months} 个月）为 {}，全额为 {}（目录 A10 第 3 点）。", yuan_zh(part), yuan_zh(grant)),
            format!("Recognised mid-year on {recognised_on}: whether the first year is pro-rated is not stated; pro-rated over {months} months (counting the month of recognition) it is {}, in full {} (catalogue A10 point 3).", yuan_en(part), yuan_en(grant)),
        ));
    }
    ctx.year_window(year, Q::ClaimYear, o.cash())
}

/// A12: CNY 500,000 a year, for the Fujian student innovation base (Quanzhou) only.
// The oracle of its table only (tests/tables.rs), so not in the browser's build.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn a12(ctx: &Ctx) -> Outcome {
    need!(ctx, body = OrgNamedBody: choice);
    if body != "innovation_base" {
        return Outcome::not_eligible(Text::new(
            "此项只给文件点名的福建省大学生创新创业基地（泉州）。",
            "Only the named Fujian University Student Innovation Base (Quanzhou) receives this.",
        ));
    }
    need!(ctx, year = ClaimYear: year);
    let grant = *ctx.p.a12_grant_per_year.at(crate::date::Date::end_of_year(year));
    let o = Outcome::eligible(
        Amount::Exact { yuan: grant },
        later!(
            format!("文件点名的基地，每年 {}；前提是依托基地组建了创业服务团（目录 A12 第 1 点）。", yuan_zh(grant)),
            format!("The named base: {} a year, provided it has formed an entrepreneurship service team (catalogue A12 point 1).", yuan_en(grant)),
        ),
    );
    ctx.year_window(year, Q::ClaimYear, o.cash())
}

/// A14: CNY 500 to 3,000 by certificate level. The text does not itemise the
/// levels, so the amount is always the range; an unverified reference figure from
/// the catalogue is quoted in the reason, never used as the amount.
// The oracle of its table only (tests/tables.rs), so not in the browser's build.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn a14(ctx: &Ctx) -> Outcome {
    if let Err(o) = ctx.territory() {
        return o;
    }
    each_certificate(ctx, |i| a14_one(ctx, &CERTIFICATES[i]))
}

/// The built-in step `certificates` (A14): `one(i)` judges certificate `i`
/// (0 for the first), and the certificates given are judged in turn and added
/// up. "Another?" is asked once the first certificate has a type, and each
/// further certificate once it is answered yes, whether or not the one before
/// is complete: a certificate's questions never wait on another's answers. An
/// unanswered "another?" counts as no, so a file of one certificate reads as
/// one.
pub(crate) fn each_certificate(ctx: &Ctx, one: impl Fn(usize) -> Outcome) -> Outcome {
    let first = one(0);
    if matches!(ctx.a.peek().choice(Q::CertificateType), Some("none") | None) {
        return first;
    }
    let mut each = vec![first];
    for (i, more) in MORE_CERTIFICATES.iter().enumerate() {
        match ctx.a.yes(*more) {
            Some(true) => each.push(one(i + 1)),
            Some(false) => break,
            None => {
                if let Some(last) = each.last_mut() {
                    last.also_ask.push(*more);
                }
                break;
            }
        }
    }
    if each.len() == 1 {
        return each.remove(0);
    }
    several_certificates(ctx, each)
}

/// The questions of certificate `i` (0 for the first) as a table's rows below
/// the `certificates` step name them: `cert.type`, `cert.level`,
/// `cert.issued_on` and `cert.student`. `None` past the last.
pub(crate) fn certificate_questions(i: usize) -> Option<[(&'static str, Q); 4]> {
    let c = CERTIFICATES.get(i)?;
    Some([("cert.type", c.kind), ("cert.level", c.level), ("cert.issued_on", c.issued_on), ("cert.student", c.student)])
}

/// The questions that hold one certificate.
struct Certificate {
    kind: Q,
    level: Q,
    issued_on: Q,
    student: Q,
    /// How the certificate is named in a sentence about several.
    name: crate::text::StaticText,
}

/// The first certificate, and the two more a worker may give.
const CERTIFICATES: [Certificate; 3] = [
    Certificate {
        kind: Q::CertificateType,
        level: Q::CertificateLevel,
        issued_on: Q::CertificateIssuedOn,
        student: Q::WorkerFullTimeStudent,
        name: crate::text::st("第一张证书", "First certificate"),
    },
    Certificate {
        kind: Q::Certificate2Type,
        level: Q::Certificate2Level,
        issued_on: Q::Certificate2IssuedOn,
        student: Q::Certificate2FullTimeStudent,
        name: crate::text::st("第二张证书", "Second certificate"),
    },
    Certificate {
        kind: Q::Certificate3Type,
        level: Q::Certificate3Level,
        issued_on: Q::Certificate3IssuedOn,
        student: Q::Certificate3FullTimeStudent,
        name: crate::text::st("第三张证书", "Third certificate"),
    },
];

/// "Another certificate?" after the first and after the second.
const MORE_CERTIFICATES: [Q; 2] = [Q::MoreCertificates, Q::MoreCertificates2];

/// The certificates the answers give, each as its type and (but for a special
/// ability certificate) its level: the first, then each further one answered yes to.
pub(crate) fn certificates_given(a: &crate::answers::Answers) -> Vec<(&'static str, Option<&'static str>)> {
    let mut out = Vec::new();
    for (i, cert) in CERTIFICATES.iter().enumerate() {
        if i > 0 && a.yes(MORE_CERTIFICATES[i - 1]) != Some(true) {
            break;
        }
        match a.choice(cert.kind) {
            Some("none") | None => {}
            Some(kind) => out.push((kind, if kind == "special_ability" { None } else { a.choice(cert.level) })),
        }
    }
    out
}

/// True for the questions that describe a certificate.
pub(crate) fn is_certificate_question(q: Q) -> bool {
    CERTIFICATES.iter().any(|c| [c.kind, c.level, c.issued_on, c.student].contains(&q))
}

/// Several certificates, each paid by its level (catalogue A14 point 2): the
/// eligible amounts add up; a certificate of the same type and level as an
/// earlier one is not counted twice (one subsidy per occupation and level,
/// and whether two occupations at one level each count is the bureau's to
/// say); while one is undecided, so is the whole, with the potential sum.
fn several_certificates(ctx: &Ctx, each: Vec<Outcome>) -> Outcome {
    let mut seen: Vec<(&str, Option<&str>)> = Vec::new();
    let (mut sure, mut open) = ((Decimal::ZERO, Decimal::ZERO), (Decimal::ZERO, Decimal::ZERO));
    let (mut eligible, mut manual, mut undetermined) = (false, false, false);
    let mut reason = crate::text::Reason::default();
    let mut missing = Vec::new();
    let mut flags: Vec<crate::outcome::Flag> = Vec::new();
    let mut also_ask = Vec::new();
    let mut repeated = false;
    for (cert, o) in CERTIFICATES.iter().zip(each) {
        let a = ctx.a.peek();
        // A special ability certificate has no level; a level answered for it is not its.
        let kind = a.choice(cert.kind).unwrap_or("");
        let key = (kind, if kind == "special_ability" { None } else { a.choice(cert.level) });
        // Only a certificate that counts can make a later one a repeat: the order
        // they are given in must not change the result.
        let counts = matches!(o.status, Status::Eligible | Status::ManualReview | Status::Undetermined);
        let twice = counts && seen.contains(&key);
        if counts && !twice {
            seen.push(key);
        }
        let mut part = crate::text::Reason::from(Text::new(format!("{}：", cert.name.zh), format!("{}: ", cert.name.en)));
        if twice {
            repeated = true;
            part.push(Text::new(
                "与前面一张证书的类型、等级相同，不重复计算（目录 A14 第 2 点）。",
                "The same type and level as an earlier certificate, so not counted again (catalogue A14 point 2).",
            ));
        } else {
            let bounds = o.amount.cash_bounds().unwrap_or_default();
            let add = |sum: &mut (Decimal, Decimal)| {
                sum.0 += bounds.0;
                sum.1 += bounds.1;
            };
            match o.status {
                Status::Eligible => {
                    eligible = true;
                    add(&mut sure);
                }
                Status::ManualReview => {
                    manual = true;
                    add(&mut open);
                }
                Status::Undetermined => {
                    undetermined = true;
                    add(&mut open);
                }
                _ => {}
            }
            part.push(o.reason);
        }
        reason.push(part);
        missing.extend(o.missing);
        also_ask.extend(o.also_ask);
        for f in o.flags {
            if !flags.iter().any(|g| g.code == f.code) {
                flags.push(f);
            }
        }
    }
    let range = |(min, max): (Decimal, Decimal)| if max.is_zero() { Amount::None } else { Amount::Range { min, max } };
    let mut o = if eligible {
        let o = Outcome::eligible(range(sure), reason).cash();
        if manual || undetermined {
            o.also("尚未确定的证书不计入上述金额。", "The certificates not yet decided are not in this amount.")
        } else {
            o
        }
    } else if manual {
        Outcome::manual(range(open), reason).cash()
    } else if undetermined {
        Outcome::undetermined(range(open), reason).cash()
    } else {
        Outcome::not_eligible(reason).miss(Some(Q::CertificateType), "取得职业技能等级证书或专项职业能力证书", "a skill-level or special-ability certificate")
    };
    if repeated {
        o = o.also(
            "不同职业（工种）的同级证书能否各补一次，请向市人社局确认。",
            "Whether certificates of one level in different occupations are each paid, ask the HR bureau.",
        );
    }
    o.missing = missing;
    o.flags = flags;
    o.also_ask = also_ask;
    o
}

/// A14 for one certificate.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn a14_one(ctx: &Ctx, cert: &Certificate) -> Outcome {
    let Some(kind) = ctx.a.choice(cert.kind) else { return Outcome::missing(ctx.a, &[cert.kind]) };
    if kind == "none" {
        return Outcome::not_eligible(Text::new("没有取得职业技能等级证书或专项能力证书。", "No skill-level or special-ability certificate.")).miss(
            Some(cert.kind),
            "取得职业技能等级证书或专项职业能力证书",
            "a skill-level or special-ability certificate",
        );
    }
    let level = if kind == "special_ability" {
        None
    } else {
        let Some(level) = ctx.a.choice(cert.level) else { return Outcome::missing(ctx.a, &[cert.level]) };
        Some(level)
    };
    let (Some(issued_on), Some(student)) = (ctx.a.date(cert.issued_on), ctx.a.yes(cert.student)) else {
        return Outcome::missing(ctx.a, &[cert.issued_on, cert.student]);
    };
    let range = ctx.p.a14_subsidy_range.at(issued_on);
    let (min, max) = (range[0], range[1]);
    let level_label = match level {
        Some(l) => cert.level.def().option_label(l).map_or(Text::default(), Text::from),
        None => Text::new("专项职业能力", "special ability"),
    };
    let mut o = Outcome::eligible(Amount::Range { min, max }, later!(
        // No figure of another city is shown: none is verified, and an applicant
        // would read it as Quanzhou's (the range stays the text's own).
        format!("取得{}证书；文件按证书等级补贴 {}～{} 元/人，未列各级标准，具体金额以人社部门目录或申报通知为准。", level_label.zh, group(min), group(max)),
        format!("A {} certificate; the text pays CNY {} to {} per person by level without itemising levels, so the HR bureau's catalogue or notice sets the amount.", level_label.en, group(min), group(max)),
    ))
    .cash()
    .also(
        "默认每人同一职业同一等级只补一次；证书核发后申请期限以通知为准（目录 A14 第 2、5 点）。",
        "By default one subsidy per occupation and level per person; the deadline after issue is set by the notice (catalogue A14 points 2 and 5).",
    );
    if kind == "qualification" {
        o = o.also(
            "职业资格证书文件未提及，默认与等级证书同等对待（目录 A14 第 4 点）。",
            "Qualification certificates are not mentioned; they are treated like skill-level certificates by default (catalogue A14 point 4).",
        );
    }
    if student {
        o = o
            .becomes(Status::Undetermined)
            .also(
                "取证时为全日制在校学生：是否属于“劳动者”未写明，请向市人社局确认（目录 A14 第 3 点）。",
                "A full-time student when certified: whether that counts as a worker is not stated; ask the HR bureau (catalogue A14 point 3).",
            )
            .miss(Some(cert.student), "取证时不是全日制在校学生", "not a full-time student when certified");
    }
    let o = x7!(o, "失业保险技能提升补贴可能针对同一证书", "the unemployment-insurance skill-upgrading subsidy may cover the same certificate");
    ctx.window(issued_on, cert.issued_on, o)
}

/// D8: up to 7 nights' free accommodation for three groups of job seekers.
// The oracle of its table only (tests/tables.rs), so not in the browser's build.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn d8(ctx: &Ctx) -> Outcome {
    require_yes!(ctx, SeekingJobInQuanzhou);
    let mut basis: Option<Text> = None;
    if ctx.t == ApplicantType::Graduate {
        need!(ctx, prep = PrepTechnicianGraduate: yes);
        if prep {
            basis = Some(Text::new("技工院校全日制预备技师（技师）班毕业生", "a graduate of a full-time preparatory technician class"));
        }
    }
    if basis.is_none() {
        need!(ctx, kind = CertificateType: choice);
        let mut kind = kind;
        let mut technician = false;
        if matches!(kind, "skill_level" | "qualification") {
            need!(ctx, level = CertificateLevel: choice);
            technician = matches!(level, "level2" | "level1");
        }
        // A worker's further certificates count too: any one at technician level.
        // They are read as given, never asked for: "another?" (which only leads
        // on to them) and then the type, and the level only of a skill-level
        // certificate or a qualification.
        for (i, more) in MORE_CERTIFICATES.iter().enumerate() {
            if technician || ctx.a.peek().yes(*more) != Some(true) {
                break;
            }
            let cert = &CERTIFICATES[i + 1];
            if let Some(k @ ("skill_level" | "qualification")) = ctx.a.choice(cert.kind)
                && let Some("level2" | "level1") = ctx.a.choice(cert.level)
            {
                (kind, technician) = (k, true);
            }
        }
        if technician {
            basis = Some(if kind == "skill_level" {
                Text::new(
                    "持二级（技师）及以上职业技能等级证书；默认视同“技师以上职业资格”（目录 D8 第 2 点）",
                    "a level-2 (technician) or higher skill certificate, treated as a technician qualification by default (catalogue D8 point 2)",
                )
            } else {
                Text::new("取得技师以上职业资格", "a technician qualification or above")
            });
        }
    }
    if basis.is_none() {
        need!(ctx, title = ProfessionalTitle: choice);
        if matches!(title, "intermediate" | "senior") {
            basis = Some(Text::new("中级及以上专业技术职称", "an intermediate professional title or above"));
        }
    }
    let Some(basis) = basis else {
        return Outcome::not_eligible(Text::new(
            "免费住宿面向三类人：技工院校预备技师班毕业生、技师以上职业资格、中级及以上职称；您的回答都不符合。",
            "Free accommodation is for preparatory-technician graduates, technician qualifications or above, and intermediate titles or above; none applies.",
        ))
        .miss(
            Some(Q::ProfessionalTitle),
            "取得中级及以上职称，或二级（技师）及以上证书",
            "an intermediate title, or a level-2 (technician) certificate or higher",
        );
    };
    need!(ctx, nights = NightsNeeded: count);
    let max = *ctx.p.d8_max_nights.at(ctx.on);
    let granted = Decimal::from(nights).min(max);
    let o = x7!(
        Outcome::eligible(
            Amount::InKind { quantity: Some(granted), unit: Some(unit("晚", "nights")), until: None },
            later!(
                format!(
                    "符合条件：{}。需要 {nights} 晚，最长 {max} 天，可申请 {granted} 晚（凭毕业证、职称或技能等级证书申请）。默认每人一次（目录 D8 第 1 点）；不折算现金。",
                    basis.zh
                ),
                format!(
                    "Qualifies as {}. You need {nights} nights and the policy allows at most {max}, so {granted} nights (apply with the diploma, title or skill certificate). Once per person (catalogue D8 point 1); it has no cash value.",
                    basis.en
                ),
            ),
        ),
        "“涌泉行动”也提供在泉求职短期免费住宿",
        "the city's Yongquan Action measures also offer short free stays to job seekers"
    );
    ctx.status_window(o, None)
}
