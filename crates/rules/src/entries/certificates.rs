//! The built-in step `certificates` of A14 (四(二)): each certificate a worker
//! gives is judged by its own table, and the amounts added up; and the
//! certificates the answers give, as the forms and the planner read them.

use rust_decimal::Decimal;

use super::{Ctx, Outcome};
use crate::outcome::{Amount, Status};
use crate::questions::Q;
use crate::text::Text;

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
