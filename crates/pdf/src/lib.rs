//! Pre-filled application forms for 泉政办规〔2022〕8号, as PDF.
//!
//! Answers and results in, PDF bytes out: [`render`] writes one A4 form per
//! [`Application`] (several make one combined file), in Chinese, with
//!
//! - the applicant block as AcroForm text fields, pre-filled, each with an
//!   appearance drawn in the embedded font so that every viewer shows it;
//! - the incentive block: clause, quoted condition, the facts the applicant gave,
//!   the amount with its arithmetic (or the range, cap, or "set by the annual
//!   notice" wording), the flags and the responsible units;
//! - the documents to attach, the declaration and the signature and seal block;
//! - a QR code carrying the [`payload`], which `chanjiao verify` re-evaluates, and
//!   the same payload in the document information;
//! - a roster where the entry pays per person (its columns are data in the
//!   catalogue), the office's section, and the clause's responsible units;
//! - a footer with the policy number, the rules version, a digest of the
//!   verification code, the generation date and page numbers.
//!
//! [`make_forms`] is the whole job: evaluate the answers, choose the forms,
//! render them, name the file; the CLI and the browser both call it. With the
//! `verify` feature, [`verify::verify_pdf`] checks a form an applicant hands in.
//!
//! No platform code: the font and the generation date are arguments, so the same
//! code runs in the CLI and, as a second WebAssembly module, in the browser. Only
//! the glyphs a document uses are embedded (a CID font with ToUnicode, so the
//! text can be searched and copied). A character outside the font is drawn as a
//! visible placeholder □ (copying it gives the real character back) and listed in
//! [`Rendered::missing`], never dropped silently.
//!
//! Editing a field in a PDF reader: the reader redraws the field with the
//! embedded font, which holds only the glyphs this document used, so characters
//! that were not in the document may not show. Correct answers in the widget (or
//! the answers file) and make the form again instead.
#![deny(missing_docs)]

mod doc;
mod error;
mod font;
mod form;
mod layout;
pub mod payload;
#[cfg(feature = "verify")]
pub mod verify;

use chanjiao_rules::{Answers, Applicant, Date, EntryResult, Params, evaluate_with};
use pdf_writer::types::{AnnotationFlags, FieldFlags, FieldType};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use sha2::{Digest, Sha256};

pub use error::{Error, ErrorKind};
pub use font::Font;
pub use form::part_name;

use crate::doc::{Doc, FONT, LEFT, PAGE_H, PAGE_W, RIGHT, show};
use crate::font::Glyphs;

/// One application: a result that offers a form, the answers it came from, and
/// who is applying.
#[derive(Clone, Copy, Debug)]
pub struct Application<'a> {
    /// The entry's result, from `chanjiao_rules::evaluate` on `answers`.
    pub result: &'a EntryResult,
    /// The answers.
    pub answers: &'a Answers,
    /// The applicant block, as typed; it is checked here.
    pub applicant: &'a Applicant,
    /// The date the result was evaluated as of.
    pub evaluated_on: Date,
}

/// What the environment provides.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The date printed as the generation date (the library has no clock).
    pub generated_on: Date,
    /// The policy the forms are made under: the built-in plan, or the plan
    /// followed by policy packs ([`chanjiao_rules::load_policy`]), whose ids the
    /// verification code then names.
    pub params: &'static Params,
}

impl Options {
    /// Forms made on `generated_on` under `params`.
    pub fn on(generated_on: Date, params: &'static Params) -> Options {
        Options { generated_on, params }
    }
}

/// A finished PDF.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// The file.
    pub bytes: Vec<u8>,
    /// Characters the font could not draw, in the order met: each was drawn as □.
    pub missing: Vec<char>,
    /// The number of pages.
    pub pages: usize,
    /// Each form's verification payload, in order.
    pub payloads: Vec<String>,
}

/// The first eight hexadecimal digits of the SHA-256 of `text`: printed in each
/// footer (of the form's verification code), so two printouts can be told apart
/// at a glance.
pub fn digest(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// Which forms to make.
#[derive(Clone, Copy, Debug)]
pub enum Choice<'a> {
    /// Every form the answers are offered.
    Offered,
    /// These entries, by id or code, in this order.
    Entries(&'a [String]),
}

/// What [`make_forms`] is asked.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The answers.
    pub answers: &'a Answers,
    /// The applicant block, as typed; it is checked here.
    pub applicant: &'a Applicant,
    /// The evaluation date.
    pub evaluated_on: Date,
    /// Which forms.
    pub choice: Choice<'a>,
}

/// The forms made, and what to call the file.
#[derive(Clone, Debug)]
pub struct Made {
    /// The PDF.
    pub rendered: Rendered,
    /// A file name for it: `产教融合-<entry or n项>-<applicant>.pdf`.
    pub file_name: String,
    /// The catalogue codes of the forms, in order.
    pub codes: Vec<String>,
}

/// Evaluates the answers, chooses the forms, renders them into one PDF and
/// names the file: what `chanjiao pdf` and the widget's forms module both do.
pub fn make_forms(request: &Request, font: &Font, options: &Options) -> Result<Made, Error> {
    let evaluation = evaluate_with(options.params, request.answers, request.evaluated_on)?;
    let chosen: Vec<&EntryResult> = match request.choice {
        Choice::Offered => evaluation.results.iter().filter(|r| r.offers_form()).collect(),
        Choice::Entries(keys) => {
            let params = options.params;
            let mut chosen = Vec::with_capacity(keys.len());
            for key in keys {
                let code = &params.find_entry(key)?.code;
                chosen.extend(evaluation.results.iter().filter(|r| &r.incentive.code == code));
            }
            chosen
        }
    };
    if chosen.is_empty() {
        return Err(Error::new(
            ErrorKind::NoForm,
            "这些答案没有可生成的申请表（只有可申请或待确认的申请类条目有申请表）",
            "these answers are offered no application form (only claimable entries that are eligible or open have one)",
        ));
    }
    let apps: Vec<Application> =
        chosen.iter().map(|r| Application { result: r, answers: request.answers, applicant: request.applicant, evaluated_on: request.evaluated_on }).collect();
    let rendered = render(&apps, font, options)?;
    let entry = match chosen.as_slice() {
        [one] => one.incentive.name_zh.clone(),
        many => format!("{}项", many.len()),
    };
    Ok(Made { rendered, file_name: file_name(&entry, &request.applicant.name), codes: chosen.iter().map(|r| r.incentive.code.clone()).collect() })
}

/// A file name for a form: `产教融合-<entry>-<applicant>.pdf`, with characters that
/// file systems refuse replaced, and the applicant's name shortened.
pub fn file_name(entry_name: &str, applicant: &str) -> String {
    let safe = |s: &str, max: usize| -> String {
        s.chars().filter(|c| !c.is_control()).map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c }).take(max).collect::<String>().trim().to_owned()
    };
    let applicant = safe(applicant, 40);
    if applicant.is_empty() { format!("产教融合-{}.pdf", safe(entry_name, 60)) } else { format!("产教融合-{}-{applicant}.pdf", safe(entry_name, 60)) }
}

/// Flate for the font program, at level 1: on glyph outlines it comes within
/// about 1% of level 6 in size, at a third of the time.
fn deflate_fast(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 1)
}

/// Flate for page contents and maps, at level 6: they are small, and their
/// repeated operators compress a fifth better than at level 1.
fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// Writes the forms of `applications`, in order, into one PDF.
pub fn render(applications: &[Application], font: &Font, options: &Options) -> Result<Rendered, Error> {
    if applications.is_empty() {
        return Err(Error::new(ErrorKind::NoForm, "没有选择要生成的申请表", "no application was chosen"));
    }
    let params = options.params;
    let policy = &params.policy;
    let packs: Vec<&str> = params.successors.iter().filter_map(|d| d.pack_id.as_deref()).collect();
    // The rules a form was made under, as it prints them: the version, and the
    // packs composed after the plan (a form under a pack is not the plan's).
    let version = params.version();
    let mut checked = Vec::with_capacity(applications.len());
    for app in applications {
        if !app.result.offers_form() {
            let e = app.result.incentive;
            return Err(Error::new(
                ErrorKind::NoForm,
                format!("{} {} 没有可生成的申请表（仅可申请或待确认的申请类条目有申请表）", e.code, e.name_zh),
                format!("{} {} has no application form (only claimable entries that are eligible or open have one)", e.code, e.name_en),
            ));
        }
        let t = app.answers.applicant_type().ok_or_else(|| Error::new(ErrorKind::NoForm, "尚未选择申请人类型", "the applicant type is not answered"))?;
        let applicant_error = |fields| Error {
            kind: ErrorKind::Applicant,
            message: chanjiao_rules::Text::new("申请人信息有误，请修改后再生成", "the applicant details need correcting before the form can be made"),
            fields,
        };
        let applicant = app.applicant.checked(params, t, app.evaluated_on).map_err(applicant_error)?;
        let roster = applicant.roster_rows(app.result.incentive, app.answers, form::ROSTER_ROWS).map_err(|e| applicant_error(vec![e]))?;
        let filled = form::filled(app.result.incentive, t, &applicant, roster.as_ref());
        let payload = payload::encode(
            app.result,
            app.answers,
            filled.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            app.evaluated_on,
            options.generated_on,
            &policy.rules_version,
            &packs,
        );
        checked.push((app, applicant, t.is_individual(), payload, roster));
    }

    let mut doc = Doc::new(Glyphs::new(font)?);
    for (i, (app, applicant, individual, payload, roster)) in checked.iter().enumerate() {
        doc.start_form(i);
        form::compose(
            &mut doc,
            &form::Facts {
                result: app.result,
                answers: app.answers,
                applicant,
                individual: *individual,
                policy,
                rules_version: &version,
                evaluated_on: app.evaluated_on,
                payload,
                roster: roster.clone(),
                illustrative: app
                    .result
                    .basis
                    .as_ref()
                    .filter(|b| b.illustrative)
                    .map(|b| b.number.as_str())
                    .or_else(|| params.illustrative_on(app.evaluated_on).map(|d| d.number.as_str())),
            },
        )?;
    }

    // Footers, now that each form's page count is known.
    let mut per_form = vec![0usize; checked.len()];
    for p in &doc.pages {
        per_form[p.form] += 1;
    }
    let mut seen = vec![0usize; checked.len()];
    for k in 0..doc.pages.len() {
        let form = doc.pages[k].form;
        seen[form] += 1;
        let (app, _, _, payload, _) = &checked[form];
        let number = app.result.basis.as_ref().map_or(&policy.number, |b| &b.number);
        let left = format!("{} · 规则版本 {} · 核验摘要 {} · 生成日期 {}", number, version, digest(payload), options.generated_on);
        let right = format!("第 {} 页 共 {} 页", seen[form], per_form[form]);
        let left_glyphs = doc.glyphs.shape(&left);
        let right_glyphs = doc.glyphs.shape(&right);
        let right_w: f32 = right_glyphs.iter().map(|g| g.advance).sum::<f32>() * 8.0 / 1000.0;
        let c = &mut doc.pages[k].content;
        c.begin_marked_content_with_properties(doc::MARK).properties().pair(Name(b"F"), Str(b"footer"));
        c.set_line_width(0.4);
        c.set_stroke_gray(0.5);
        c.move_to(LEFT, 50.0);
        c.line_to(RIGHT, 50.0);
        c.stroke();
        c.set_fill_gray(0.3);
        show(c, &left_glyphs, LEFT, 38.0, 8.0);
        show(c, &right_glyphs, RIGHT - right_w, 38.0, 8.0);
        c.set_fill_gray(0.0);
        c.end_marked_content();
    }

    // Field appearances are laid out now, so their glyphs are in the font too.
    let mut appearances = Vec::with_capacity(doc.fields.len());
    for f in &doc.fields {
        let (w, h) = (f.rect.x2 - f.rect.x1, f.rect.y2 - f.rect.y1);
        let mut c = Content::new();
        c.begin_marked_content(Name(b"Tx"));
        c.save_state();
        for (k, line) in f.lines.iter().enumerate() {
            let baseline = h - 4.0 - f.lead * k as f32 - f.lead * 0.75;
            show(&mut c, line, 4.0, baseline, f.size);
        }
        c.restore_state();
        c.end_marked_content();
        appearances.push((w, h, c.finish()));
    }

    let mut next_id = 1;
    let mut alloc = move || {
        let r = Ref::new(next_id);
        next_id += 1;
        r
    };
    let catalog_id = alloc();
    let tree_id = alloc();
    let info_id = alloc();
    let font_id = alloc();
    let page_ids: Vec<(Ref, Ref)> = doc.pages.iter().map(|_| (alloc(), alloc())).collect();
    let field_ids: Vec<(Ref, Ref)> = doc.fields.iter().map(|_| (alloc(), alloc())).collect();

    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);
    let title = if checked.len() == 1 { form::title(checked[0].0.result) } else { format!("产教融合政策申请表（{} 份）", checked.len()) };
    {
        let mut catalog = pdf.catalog(catalog_id);
        catalog.pages(tree_id);
        catalog.lang(TextStr("zh-CN"));
        catalog.viewer_preferences().display_doc_title(true);
        let mut form = catalog.form();
        form.fields(field_ids.iter().map(|(f, _)| *f));
        form.default_resources().fonts().pair(FONT, font_id);
        form.default_appearance(Str(b"/F1 10.5 Tf 0 g"));
    }
    pdf.pages(tree_id).kids(page_ids.iter().map(|(p, _)| *p)).count(i32::try_from(page_ids.len()).unwrap_or(i32::MAX));
    for (k, page) in doc.pages.into_iter().enumerate() {
        let (page_id, content_id) = page_ids[k];
        let annots: Vec<Ref> = doc.fields.iter().zip(&field_ids).filter(|(f, _)| f.page == k).map(|(_, (id, _))| *id).collect();
        let mut p = pdf.page(page_id);
        p.parent(tree_id).media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H)).contents(content_id);
        p.resources().fonts().pair(FONT, font_id);
        if !annots.is_empty() {
            p.annotations(annots);
        }
        p.finish();
        let data = deflate(&page.content.finish());
        pdf.stream(content_id, &data).filter(Filter::FlateDecode);
    }
    for (k, f) in doc.fields.iter().enumerate() {
        let (field_id, ap_id) = field_ids[k];
        let (page_id, _) = page_ids[f.page];
        let mut field = pdf.form_field(field_id);
        field.partial_name(TextStr(&f.name)).field_type(FieldType::Text).text_value(TextStr(&f.value));
        // A field made with a value is read-only: the value is the one the code's
        // digest was made for, and a viewer should not invite an edit that would
        // make the form fail its check. A blank field is left to be filled in.
        let mut flags = FieldFlags::empty();
        if f.multiline {
            flags |= FieldFlags::MULTILINE;
        }
        if !f.value.is_empty() {
            flags |= FieldFlags::READ_ONLY;
        }
        if !flags.is_empty() {
            field.field_flags(flags);
        }
        let da = format!("/F1 {} Tf 0 g", f.size);
        field.vartext_default_appearance(Str(da.as_bytes()));
        let mut annot = field.into_annotation();
        annot.rect(f.rect).flags(AnnotationFlags::PRINT).page(page_id);
        annot.appearance().normal().stream(ap_id);
        annot.finish();
        let (w, h, stream) = &appearances[k];
        // A field's appearance is a few operators: compressing each would cost a
        // compressor's set-up for a handful of bytes. Long values are compressed.
        let compress = stream.len() > 512;
        let data = if compress { deflate(stream) } else { stream.to_vec() };
        let mut x = pdf.form_xobject(ap_id, &data);
        x.bbox(Rect::new(0.0, 0.0, *w, *h));
        if compress {
            x.filter(Filter::FlateDecode);
        }
        x.resources().fonts().pair(FONT, font_id);
        x.finish();
    }
    let payloads: Vec<String> = checked.iter().map(|c| c.3.clone()).collect();
    {
        let mut info = pdf.document_info(info_id);
        info.title(TextStr(&title));
        info.subject(TextStr(&format!("{} {}", policy.number, policy.title)));
        info.creator(TextStr("chanjiao"));
        info.producer(TextStr(concat!("chanjiao-pdf ", env!("CARGO_PKG_VERSION"))));
        info.pair(Name(payload::INFO_KEY), Str(payloads.join("\n").as_bytes()));
        info.finish();
    }
    let mut next = alloc;
    doc.glyphs.write(&mut pdf, font_id, &mut next)?;
    let missing = doc.glyphs.missing.clone();
    let pages = page_ids.len();
    Ok(Rendered { bytes: pdf.finish(), missing, pages, payloads })
}
