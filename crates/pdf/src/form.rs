//! One application form: what it says, in what order.

use chanjiao_rules::{APPLICANT_FIELDS, Amount, Answers, Applicant, EntryResult, Lang, Policy, Q};

use crate::doc::{Cell, Doc, LEAD, LEFT, RIGHT, Row, SIZE, TOP, qr, show};
use crate::error::{Error, ErrorKind};

/// The QR code's side, about 34 mm: modules stay over 0.5 mm at the sizes a
/// form's payload needs, which a phone reads from paper.
const QR_SIZE: f32 = 96.0;

/// The form's title.
pub(crate) fn title(result: &EntryResult) -> String {
    let name = &result.incentive.name_zh;
    if result.incentive.code == "B1" { format!("{name}情况说明") } else { format!("{name}申请表") }
}

pub(crate) struct Facts<'a> {
    pub result: &'a EntryResult,
    pub answers: &'a Answers,
    pub applicant: &'a Applicant,
    pub individual: bool,
    pub policy: &'a Policy,
    pub evaluated_on: chanjiao_rules::Date,
    pub payload: &'a str,
}

/// Writes one form into `doc`, from a fresh page.
pub(crate) fn compose(doc: &mut Doc, f: &Facts) -> Result<(), Error> {
    let e = f.result.incentive;
    // The QR code at the top right, captioned; the title block beside it.
    let code = crate::doc::qr_modules(f.payload.as_bytes())
        .map_err(|err| Error::new(ErrorKind::NoForm, format!("核验码过长：{err}"), format!("the verification code is too long: {err}")))?;
    let qr_x = RIGHT - QR_SIZE;
    qr(doc.content(), &code, qr_x, TOP, QR_SIZE);
    let caption = doc.wrap("扫码核验", QR_SIZE, 8.0);
    if let Some(line) = caption.first() {
        let w: f32 = line.iter().map(|g| g.advance).sum::<f32>() * 8.0 / 1000.0;
        show(doc.content(), line, qr_x + (QR_SIZE - w) / 2.0, TOP - QR_SIZE - 10.0, 8.0);
    }
    let width = RIGHT - LEFT - QR_SIZE - 14.0;
    doc.paragraph(&format!("{}（{}）", f.policy.title, f.policy.number), LEFT, width, 9.0, 14.0);
    doc.y -= 4.0;
    // The title on one line where a slightly smaller size allows (三号 to 四号), so
    // that a long name does not leave "请表" alone on a second line.
    let title = title(f.result);
    let size = [16.0, 15.0, 14.0].into_iter().find(|s| doc.wrap(&title, width, *s).len() == 1).unwrap_or(16.0);
    doc.paragraph(&title, LEFT, width, size, 24.0);
    doc.y -= 2.0;
    doc.paragraph(&format!("条目 {} · 条款 {} · {}", e.code, e.clause, e.id), LEFT, width, 9.0, 14.0);
    doc.paragraph(&format!("测算日期 {} · 规则版本 {}", f.evaluated_on, f.policy.rules_version), LEFT, width, 9.0, 14.0);
    doc.y = doc.y.min(TOP - QR_SIZE - 18.0);

    doc.heading("一、申请人信息");
    let rows = APPLICANT_FIELDS
        .iter()
        .map(|field| {
            let label = if f.individual { field.label_person } else { field.label_org };
            Row {
                label: label.zh.to_owned(),
                cell: Cell::Field { name: format!("{}-{}", e.code, field.id), value: f.applicant.get(field.id).unwrap_or_default().to_owned() },
            }
        })
        .collect();
    doc.table(("项目", "填写内容"), rows);

    doc.heading("二、申请事项");
    let facts: Vec<String> = f.result.evidence.iter().map(|q| fact(*q, f.answers)).collect();
    let mut rows = vec![
        Row { label: "政策条目".into(), cell: Cell::Text(format!("{} {}", e.code, e.name_zh)) },
        Row { label: "政策依据".into(), cell: Cell::Text(format!("{}：{}", e.clause, e.quote.join(""))) },
        Row { label: "申请人填报的情况".into(), cell: Cell::Text(if facts.is_empty() { "（无）".into() } else { facts.join("\n") }) },
        Row { label: "测算结果".into(), cell: Cell::Text(f.result.status_name().zh.to_owned()) },
        Row {
            label: if f.result.cash { "申请金额（测算）".into() } else { "金额或权益（测算）".into() }, cell: Cell::Text(amount_words(f.result))
        },
        Row { label: "计算说明".into(), cell: Cell::Text(f.result.reason.get(Lang::Zh)) },
    ];
    if !f.result.flags.is_empty() {
        let flags: Vec<String> = f.result.flags.iter().map(|fl| format!("{} {}", fl.code, fl.text.get(Lang::Zh))).collect();
        rows.push(Row { label: "提示".into(), cell: Cell::Text(flags.join("\n")) });
    }
    rows.push(Row { label: "责任单位".into(), cell: Cell::Text(format!("{}（可能牵头）。本条款责任单位：{}", e.lead_unit, e.units)) });
    doc.table(("项目", "内容"), rows);

    doc.heading("三、需附材料");
    doc.paragraph("本文件未列申请材料和表格（目录 X6），以责任单位当年申报通知为准。请附能证明以下情况的材料：", LEFT, RIGHT - LEFT, SIZE, LEAD);
    let identity =
        if f.individual { "申请人居民身份证复印件" } else { "申请单位营业执照或登记证书复印件（载明统一社会信用代码）" };
    let mut items = vec![identity.to_owned()];
    // The catalogue's Inputs for the entry, where it lists them.
    items.extend(e.documents_zh.iter().cloned());
    items.extend(
        f.result
            .evidence
            .iter()
            .filter(|q| **q != Q::RegisteredInQuanzhou && **q != Q::WorksInQuanzhou)
            .map(|q| format!("证明“{}”的材料", fact(*q, f.answers))),
    );
    if f.result.evidence.contains(&Q::RegisteredInQuanzhou) {
        items.push("在泉州市登记注册的证明（营业执照或登记证书载明的登记机关）".into());
    }
    if f.result.evidence.contains(&Q::WorksInQuanzhou) {
        items.push("在泉州就业或参加社会保险的证明".into());
    }
    if f.result.cash {
        items.push("开户银行出具的账户信息（资金拨付用）".into());
    }
    for (i, item) in items.iter().enumerate() {
        doc.paragraph(&format!("{}. {item}", i + 1), LEFT + 10.5, RIGHT - LEFT - 10.5, SIZE, LEAD);
    }

    doc.heading("四、申请人声明");
    let who = if f.individual { "本人" } else { "本单位" };
    doc.paragraph(
        &format!("{who}承诺：本表所填信息和所附材料真实、准确、完整；同一事项已获其他政策资助的，已如实说明。如有虚假，愿意承担相应责任，并退回已获得的资金。"),
        LEFT,
        RIGHT - LEFT,
        SIZE,
        LEAD,
    );
    // Room to sign and seal, kept on one page.
    doc.ensure(LEAD * 6.0);
    doc.y -= LEAD;
    let name = if f.applicant.name.is_empty() { "________________".to_owned() } else { f.applicant.name.clone() };
    if f.individual {
        doc.paragraph(&format!("申请人（签字）：{name}"), LEFT, RIGHT - LEFT, SIZE, LEAD * 1.6);
    } else {
        doc.paragraph(&format!("申请单位（盖章）：{name}"), LEFT, RIGHT - LEFT, SIZE, LEAD * 1.6);
        doc.paragraph("法定代表人或授权代表（签字）：____________________", LEFT, RIGHT - LEFT, SIZE, LEAD * 1.6);
    }
    doc.paragraph("日期：________年____月____日", LEFT, RIGHT - LEFT, SIZE, LEAD * 1.6);
    Ok(())
}

/// "label：answer" for one fact.
fn fact(q: Q, answers: &Answers) -> String {
    // A question's label reads as a statement before its answer: no "？：", and
    // no typing hint such as "（元，可写“3500万”）" or "（没有填 0）".
    let mut label = q.def().label.zh.trim_end_matches(['？', '?']);
    if let Some(open) = label.rfind('（')
        && label.ends_with('）')
        && (label[open..].contains('填') || label[open..].contains("可写"))
    {
        label = &label[..open];
    }
    format!("{label}：{}", answers.shown(q, Lang::Zh).unwrap_or_default())
}

/// The amount in words, with the wording the catalogue asks for: a range, a cap,
/// or "set by the annual notice".
fn amount_words(result: &EntryResult) -> String {
    let text = result.amount_text().zh.to_string();
    match result.amount {
        Amount::None => "（无金额）".into(),
        Amount::UpTo { .. } => format!("{text}（上限，不是承诺金额）"),
        Amount::Range { .. } => format!("{text}（区间，以责任单位审核为准）"),
        _ => text,
    }
}
