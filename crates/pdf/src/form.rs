//! One application form: what it says, in what order.
//!
//! Every part of the page is marked with a key (see [`crate::doc::MARK`]):
//! `chanjiao verify` names the part where a page differs from what its code
//! describes. The keys are listed in [`part_name`].

use chanjiao_rules::{Amount, Answers, Applicant, EntryResult, Lang, Policy, Q, RosterTable, without_references};

use crate::doc::{Cell, Doc, LEAD, LEFT, RIGHT, Row, SIZE, TOP, qr, show};
use crate::error::{Error, ErrorKind};

/// The QR code's side, about 34 mm: modules stay over 0.5 mm at the sizes a
/// form's payload needs, which a phone reads from paper.
const QR_SIZE: f32 = 96.0;

/// The most roster rows a form prints. A claim for more people prints this many
/// and asks for the rest as an attached list in the same columns.
pub(crate) const ROSTER_ROWS: usize = 100;

/// The form's title, from the catalogue's data; under a successor document,
/// with the entry's name as that document words it.
pub(crate) fn title(result: &EntryResult) -> String {
    let e = result.incentive;
    let title = e.form.as_ref().map_or_else(|| format!("{}申请表", e.name_zh), |f| f.title_zh.clone());
    match &result.basis {
        Some(b) => title.replace(&e.name_zh, &b.name.zh),
        None => title,
    }
}

/// Each field the form of `entry` is made with a value in, by its key within
/// the form (the field's name after `A11-`): the applicant block's, then the
/// roster's cells. These are what the code's digests cover.
pub(crate) fn filled(
    entry: &chanjiao_rules::Entry,
    t: chanjiao_rules::ApplicantType,
    applicant: &Applicant,
    roster: Option<&RosterTable>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        Applicant::fields(t).filter_map(|f| applicant.get(f.id).filter(|v| !v.is_empty()).map(|v| (f.id.to_owned(), v.to_owned()))).collect();
    if let (Some(columns), Some(table)) = (entry.form.as_ref().and_then(|f| f.roster.as_ref()).map(|r| &r.columns), roster) {
        for (r, cells) in table.rows.iter().enumerate() {
            for (c, v) in columns.iter().zip(cells).filter(|(_, v)| !v.is_empty()) {
                out.push((roster_key(r, &c.id), v.clone()));
            }
        }
    }
    out
}

/// A roster cell's key within its form: row `r` (from 0) and the column's id.
pub(crate) fn roster_key(r: usize, column: &str) -> String {
    format!("roster-{}-{column}", r + 1)
}

/// A part of a form, by its mark, in words: what `chanjiao verify` reports.
pub fn part_name(key: &str) -> (&'static str, &'static str) {
    let (head, _) = key.split_once('.').unwrap_or((key, ""));
    match head {
        "qr" => ("二维码", "QR code"),
        "heading" => ("标题", "heading"),
        "illustrative" => ("示例标记", "illustration mark"),
        "consult" => ("请先咨询的提示", "advice to ask the office first"),
        "applicant" => ("申请人信息", "applicant block"),
        "entry" => ("政策事项", "incentive"),
        "basis" => ("政策依据", "legal basis"),
        "role" => ("申请身份", "role claimed under"),
        "facts" => ("申请人填报的情况", "facts given"),
        "status" => ("测算结果", "status"),
        "amount" => ("申请金额", "amount"),
        "reason" => ("计算说明", "calculation"),
        "notes" => ("提示", "notes"),
        "office" => ("受理单位", "receiving office"),
        "roster" => ("名册", "roster"),
        "documents" => ("需附材料", "documents"),
        "declaration" => ("申请人声明", "declaration"),
        "signature" => ("签字盖章", "signature block"),
        "office-use" => ("受理单位审核意见", "office's section"),
        "units" => ("责任单位", "responsible units"),
        "footer" => ("页脚", "footer"),
        "font" => ("嵌入字体", "embedded font"),
        "page" => ("页面尺寸、裁切或旋转", "page size, cropping or rotation"),
        "annotation" => ("页面上的批注或覆盖物", "annotations or overlays on the page"),
        "pages" => ("页数", "number of pages"),
        "resources" => ("页面资源（字体、图像）", "page resources (fonts, images)"),
        "fields" => ("可填写栏目", "fillable fields"),
        "document" => ("文档结构、自动执行的操作或修订", "document structure, actions run on opening, or revisions"),
        "info" => ("文档信息（含核验码）", "document information (with the verification code)"),
        _ => ("其他内容", "other content"),
    }
}

pub(crate) struct Facts<'a> {
    pub result: &'a EntryResult,
    pub answers: &'a Answers,
    pub applicant: &'a Applicant,
    pub individual: bool,
    pub policy: &'a Policy,
    /// The rules version with the ids of the packs it was made under ([`chanjiao_rules::Params::version`]).
    pub rules_version: &'a str,
    pub evaluated_on: chanjiao_rules::Date,
    pub payload: &'a str,
    pub roster: Option<RosterTable>,
    /// The number of the illustrative document the result rests on, if any
    /// ([`chanjiao_rules::Params::illustrative_on`]).
    pub illustrative: Option<&'a str>,
}

/// Writes one form into `doc`, from a fresh page.
pub(crate) fn compose(doc: &mut Doc, f: &Facts) -> Result<(), Error> {
    let e = f.result.incentive;
    let t = f.applicant;
    // The QR code at the top right, captioned; the title block beside it.
    let code = crate::doc::qr_modules(f.payload.as_bytes())
        .map_err(|err| Error::new(ErrorKind::NoForm, format!("核验码过长：{err}"), format!("the verification code is too long: {err}")))?;
    // The page the form starts on, which its watermark goes over at the end.
    let first = doc.pages.len().saturating_sub(1);
    doc.mark(Some("qr"));
    let qr_x = RIGHT - QR_SIZE;
    qr(doc.content(), &code, qr_x, TOP, QR_SIZE);
    let caption = doc.wrap("扫码核验", QR_SIZE, 8.0);
    if let Some(line) = caption.first() {
        let w: f32 = line.iter().map(|g| g.advance).sum::<f32>() * 8.0 / 1000.0;
        show(doc.content(), line, qr_x + (QR_SIZE - w) / 2.0, TOP - QR_SIZE - 10.0, 8.0);
    }
    doc.mark(Some("heading"));
    let width = RIGHT - LEFT - QR_SIZE - 14.0;
    // A result judged under a successor document cites that document throughout.
    let (number, doc_title, clause, quote) = match &f.result.basis {
        Some(b) => (b.number.as_str(), b.title.as_str(), b.clause.as_str(), b.quote.join("")),
        None => (f.policy.number.as_str(), f.policy.title.as_str(), e.clause.as_str(), e.quote.join("")),
    };
    doc.paragraph(&format!("{doc_title}（{number}）"), LEFT, width, 9.0, 14.0);
    doc.y -= 4.0;
    // The title on one line where a slightly smaller size allows (三号 to 四号), so
    // that a long name does not leave "请表" alone on a second line.
    let title = title(f.result);
    let size = [16.0, 15.0, 14.0].into_iter().find(|s| doc.wrap(&title, width, *s).len() == 1).unwrap_or(16.0);
    doc.paragraph(&title, LEFT, width, size, 24.0);
    doc.y -= 2.0;
    doc.paragraph(&format!("条款 {clause} · 测算日期 {} · 规则版本 {}", f.evaluated_on, f.rules_version), LEFT, width, 9.0, 14.0);
    doc.y = doc.y.min(TOP - QR_SIZE - 18.0);
    // And a boxed line under the title that says what the watermark means.
    if let Some(number) = f.illustrative {
        doc.mark(Some("illustrative"));
        // The box says 示例，非真实政策 first, so a number that carries the same
        // words (as an illustrative pack's does) is not made to say them twice.
        let number = number.strip_suffix("（示例，非真实政策）").unwrap_or(number);
        boxed(doc, &format!("【示例，非真实政策】本表依据 {number} 测算，仅供演示，不能用于申请。"));
    }
    // A result that cannot be determined yet is not ready to submit: page 1
    // says what to do first.
    if f.result.status == chanjiao_rules::Status::Undetermined {
        doc.mark(Some("consult"));
        boxed(doc, &format!("【请先咨询】本项测算结果为“暂无法确定”：能否受理以申报通知或后续政策为准。请先向{}咨询，确认可以申请后再提交本表。", e.lead_unit));
    }

    doc.mark(Some("applicant"));
    doc.heading("一、申请人信息");
    let rows = Applicant::fields(f.answers.applicant_type().unwrap_or(chanjiao_rules::ApplicantType::Enterprise))
        .map(|field| {
            let label = if f.individual { field.label_person } else { field.label_org };
            Row {
                key: format!("applicant.{}", field.id),
                label: label.zh.to_owned(),
                cell: Cell::Field { name: format!("{}-{}", e.code, field.id), value: t.get(field.id).unwrap_or_default().to_owned() },
            }
        })
        .collect();
    doc.table(("项目", "填写内容"), rows);

    doc.mark(Some("entry"));
    doc.heading("二、申请事项");
    // "Another certificate?" only leads to the next question: the certificates
    // themselves are the facts, so the form does not print it as a chat line.
    let facts: Vec<String> =
        f.result.evidence.iter().filter(|q| !matches!(**q, Q::MoreCertificates | Q::MoreCertificates2)).map(|q| fact(*q, f.answers)).collect();
    let mut rows = vec![
        Row { key: "entry".into(), label: "政策事项".into(), cell: Cell::Text(e.name_zh.clone()) },
        Row { key: "basis".into(), label: "政策依据".into(), cell: Cell::Text(format!("{number} {clause}：{quote}")) },
    ];
    // A person with several roles claims each entry under one of them.
    if let Some(role) = f.result.role {
        rows.push(Row { key: "role".into(), label: "申请身份".into(), cell: Cell::Text(role.name().zh.to_owned()) });
    }
    rows.extend([
        Row {
            key: "facts".into(), label: "申请人填报的情况".into(), cell: Cell::Text(if facts.is_empty() { "（无）".into() } else { facts.join("\n") })
        },
        Row { key: "status".into(), label: "测算结果".into(), cell: Cell::Text(f.result.status_name().zh.to_owned()) },
        Row {
            key: "amount".into(),
            // With no figure (the office assesses it) nothing is "测算" on the form.
            label: match (f.result.cash, f.result.amount == Amount::None && f.result.status == chanjiao_rules::Status::ManualReview) {
                (true, true) => "申请金额".into(),
                (true, false) => "申请金额（测算）".into(),
                (false, true) => "金额或权益".into(),
                (false, false) => "金额或权益（测算）".into(),
            },
            cell: Cell::Text(amount_words(f.result)),
        },
        Row { key: "reason".into(), label: "计算说明".into(), cell: Cell::Text(without_references(&f.result.reason.get(Lang::Zh))) },
    ]);
    if !f.result.flags.is_empty() {
        let flags: Vec<String> = f.result.flags.iter().map(|fl| without_references(fl.text.get(Lang::Zh))).collect();
        rows.push(Row { key: "notes".into(), label: "提示".into(), cell: Cell::Text(flags.join("\n")) });
    }
    rows.push(Row { key: "office".into(), label: "受理单位（以申报通知为准）".into(), cell: Cell::Text(e.lead_unit.clone()) });
    doc.table(("项目", "内容"), rows);

    let mut section = 3;
    let numeral = |n: usize| ["一", "二", "三", "四", "五", "六", "七", "八"][n - 1];
    if let (Some(roster), Some(table)) = (e.form.as_ref().and_then(|form| form.roster.as_ref()), &f.roster) {
        doc.mark(Some("roster"));
        doc.heading(&format!("{}、{}", numeral(section), roster.title_zh));
        section += 1;
        let headers: Vec<String> = roster.columns.iter().map(|c| c.label_zh.clone()).collect();
        let weights: Vec<f32> = roster.columns.iter().map(|c| if c.resident_id { 1.7 } else { 1.0 }).collect();
        let rows = table
            .rows
            .iter()
            .enumerate()
            .map(|(r, cells)| roster.columns.iter().zip(cells).map(|(c, v)| (format!("{}-{}", e.code, roster_key(r, &c.id)), v.clone())).collect())
            .collect();
        doc.grid(&headers, &weights, rows);
        if table.counted > table.rows.len() as u64 {
            doc.paragraph(
                &format!("申报共 {} 人（项），本表列出 {} 行；其余请按本表各列另附名册，并加盖公章或签字。", table.counted, table.rows.len()),
                LEFT,
                RIGHT - LEFT,
                SIZE,
                LEAD,
            );
        }
    }

    doc.mark(Some("documents"));
    doc.heading(&format!("{}、需附材料", numeral(section)));
    section += 1;
    doc.paragraph("本政策文件未列明申请材料和表格，以受理单位当年申报通知为准。请附：", LEFT, RIGHT - LEFT, SIZE, LEAD);
    for (i, item) in documents(f).iter().enumerate() {
        doc.paragraph(&format!("{}. {item}", i + 1), LEFT + 10.5, RIGHT - LEFT - 10.5, SIZE, LEAD);
    }

    doc.mark(Some("declaration"));
    doc.heading(&format!("{}、申请人声明", numeral(section)));
    section += 1;
    let who = if f.individual { "本人" } else { "本单位" };
    doc.paragraph(
        &format!("{who}承诺：本表所填信息和所附材料真实、准确、完整；同一事项已获其他政策资助的，已如实说明。如有虚假，愿意承担相应责任，并退回已获得的资金。"),
        LEFT,
        RIGHT - LEFT,
        SIZE,
        LEAD,
    );
    // Room to sign and seal, kept on one page.
    doc.mark(Some("signature"));
    doc.ensure(LEAD * 6.0);
    doc.y -= LEAD;
    // A signature line stays blank: a printed name is not a signature, and the
    // person signs by hand. The unit's name stands beside its seal.
    let blank = |s: &str, line: &str| if s.is_empty() { line.to_owned() } else { s.to_owned() };
    if f.individual {
        doc.paragraph("申请人（签字）：________________", LEFT, RIGHT - LEFT, SIZE, LEAD * 1.6);
    } else {
        doc.paragraph(&format!("申请单位（盖章）：{}", blank(&t.name, "________________")), LEFT, RIGHT - LEFT, SIZE, LEAD * 1.6);
        doc.paragraph("法定代表人（签字）：____________________", LEFT, RIGHT - LEFT, SIZE, LEAD * 1.6);
    }
    doc.paragraph("日期：________年____月____日", LEFT, RIGHT - LEFT, SIZE, LEAD * 1.6);

    doc.mark(Some("office-use"));
    // The office's section is kept on one page: a heading, a header row and six
    // rows of nine lines in all.
    doc.ensure(LEAD * 1.4 + 8.0 + (LEAD + 10.0) * 7.0 + LEAD * 3.0);
    doc.heading(&format!("{}、受理单位审核意见（以下由受理单位填写）", numeral(section)));
    let office = [("受理日期及编号", 1), ("审核意见", 3), ("核定金额（元）", 1), ("经办人（签字）", 1), ("复核人（签字）", 1), ("受理单位（盖章）及日期", 2)];
    let rows = office.iter().map(|(label, lines)| Row { key: "office-use".into(), label: (*label).to_owned(), cell: Cell::Blank(*lines) }).collect();
    doc.table(("项目", "意见"), rows);

    // The clause's other responsible units, in small type: the form goes to one
    // office, and the annual notice says which.
    doc.mark(Some("units"));
    doc.y -= 4.0;
    doc.content().set_fill_gray(0.3);
    doc.paragraph(&format!("注：{number} {clause} 所列责任单位为{}。受理单位以当年申报通知为准。", e.units), LEFT, RIGHT - LEFT, 8.0, 12.0);
    if let Some(illustration) = f.illustrative {
        doc.paragraph(&format!("{illustration} 是示例，非真实政策：本表仅供演示，不能用于申请。"), LEFT, RIGHT - LEFT, 8.0, 12.0);
    }
    doc.content().set_fill_gray(0.0);
    doc.mark(None);
    // Under an illustration, page 1 carries a watermark over everything, in
    // outline only, so that the form's text stays legible through it.
    if f.illustrative.is_some() {
        watermark(doc, first, "示例 · 非真实政策");
    }
    Ok(())
}

/// A paragraph the width of the page in a box, from the cursor.
fn boxed(doc: &mut Doc, text: &str) {
    let top = doc.y;
    doc.y -= 5.0;
    doc.paragraph(text, LEFT + 6.0, RIGHT - LEFT - 12.0, SIZE, LEAD);
    doc.y -= 5.0;
    let bottom = doc.y;
    let c = doc.content();
    c.set_line_width(1.2);
    c.rect(LEFT, bottom, RIGHT - LEFT, top - bottom);
    c.stroke();
    c.set_line_width(crate::doc::BORDER);
    doc.y -= 6.0;
}

/// Large outlined words across the middle of page `page`, at 45 degrees,
/// marked as the illustration mark.
fn watermark(doc: &mut Doc, page: usize, text: &str) {
    const WATERMARK: f32 = 60.0;
    let glyphs = doc.glyphs.shape(text);
    let width: f32 = glyphs.iter().map(|g| g.advance).sum::<f32>() * WATERMARK / 1000.0;
    let (sin, cos) = std::f32::consts::FRAC_PI_4.sin_cos();
    let Some(c) = doc.pages.get_mut(page).map(|p| &mut p.content) else { return };
    c.begin_marked_content_with_properties(crate::doc::MARK).properties().pair(pdf_writer::Name(b"F"), pdf_writer::Str(b"illustrative"));
    c.save_state();
    c.set_stroke_gray(0.55);
    c.set_line_width(0.9);
    c.set_text_rendering_mode(pdf_writer::types::TextRenderingMode::Stroke);
    c.transform([cos, sin, -sin, cos, crate::doc::PAGE_W / 2.0, crate::doc::PAGE_H / 2.0]);
    show(c, &glyphs, -width / 2.0, -WATERMARK / 3.0, WATERMARK);
    c.restore_state();
    c.end_marked_content();
}

/// The papers to attach, each once: proof of identity, the catalogue's list for
/// the entry (or, where it lists none, proof of each fact given), proof of being
/// in Quanzhou, the bank account for a grant.
fn documents(f: &Facts) -> Vec<String> {
    let e = f.result.incentive;
    let mut items = vec![if f.individual { "申请人居民身份证复印件" } else { "申请单位营业执照或登记证书复印件（载明统一社会信用代码）" }.to_owned()];
    if e.documents_zh.is_empty() {
        items.extend(
            f.result
                .evidence
                .iter()
                .filter(|q| !matches!(**q, Q::ApplicantType | Q::RegisteredInQuanzhou | Q::WorksInQuanzhou))
                .map(|q| format!("证明“{}”的材料", fact(*q, f.answers))),
        );
    } else {
        items.extend(e.documents_zh.iter().cloned());
    }
    if f.result.evidence.contains(&Q::RegisteredInQuanzhou) {
        items.push("在泉州市登记注册的证明（营业执照或登记证书载明的登记机关）".into());
    }
    if f.result.evidence.contains(&Q::WorksInQuanzhou) {
        items.push("在泉州就业或参加社会保险的证明".into());
    }
    if f.result.cash {
        items.push("开户银行出具的账户信息（资金拨付用）".into());
    }
    let mut seen = Vec::with_capacity(items.len());
    items.retain(|i| {
        let new = !seen.contains(i);
        seen.push(i.clone());
        new
    });
    items
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

/// The amount in words, once, with the wording the catalogue asks for: a range,
/// a cap, or "set by the annual notice". The row's label says it is a
/// calculation; the arithmetic is in the calculation row.
fn amount_words(result: &EntryResult) -> String {
    let text = result.amount.describe().zh.to_string();
    match result.amount {
        // A figure beyond reason is not printed (nor computed): the office assesses it.
        Amount::None if result.status == chanjiao_rules::Status::ManualReview => "由受理单位核定（本表不作测算）".into(),
        Amount::None => "（无金额）".into(),
        // The words already say it is a ceiling, not a promise: said once.
        Amount::UpTo { .. } => text,
        Amount::Range { .. } => format!("{text}（区间，以受理单位审核为准）"),
        _ => text,
    }
}
