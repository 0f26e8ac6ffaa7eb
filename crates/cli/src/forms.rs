//! `chanjiao pdf` and `chanjiao verify`: application forms and their check.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chanjiao_pdf::{Choice, Font, Options, Request, make_forms, payload, verify};
use chanjiao_rules::{Applicant, Lang};

use crate::{Exit, Failure, Format, Input, MAX_FILE_BYTES, Output, bad_input, load_policy, read_input, read_limited, today_in_china};

/// The font scripts/setup.sh makes, in this repository.
const DEFAULT_FONT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fonts/NotoSansCJKsc-Regular-chanjiao.otf");

fn pdf_failure(e: chanjiao_pdf::Error) -> Failure {
    let exit = match e.kind {
        chanjiao_pdf::ErrorKind::Font => Exit::Failure,
        // A file verify refuses unread is not a form as chanjiao makes it.
        chanjiao_pdf::ErrorKind::Refused => Exit::Mismatch,
        _ => Exit::BadInput,
    };
    Failure { exit, message: format!("{}\n{}", e.render(Lang::Zh), e.render(Lang::En)) }
}

fn read_applicant(path: &Path) -> Result<Applicant, Failure> {
    let p = path.display();
    let bytes = read_limited(path, MAX_FILE_BYTES, ("申请人文件", "applicant file"))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        bad_input(
            &format!("申请人文件 {p} 有误：{e}（字段：name, id_number, address, contact, phone, bank, account）"),
            &format!("the applicant file {p} is not valid: {e} (fields: name, id_number, address, contact, phone, bank, account)"),
        )
    })
}

fn read_font(path: Option<PathBuf>) -> Result<Font, Failure> {
    let path = path.or_else(|| std::env::var_os("CHANJIAO_FONT").map(PathBuf::from)).unwrap_or_else(|| PathBuf::from(DEFAULT_FONT));
    let bytes = std::fs::read(&path).map_err(|e| Failure {
        exit: Exit::Failure,
        message: format!(
            "无法读取字体 {0}：{e}；请运行 scripts/setup.sh，或用 --font 指定\ncannot read the font {0}: {e}; run scripts/setup.sh, or give --font",
            path.display()
        ),
    })?;
    Font::new(bytes).map_err(pdf_failure)
}

/// Writes the forms; returns what to print.
pub fn pdf(input: &Input, incentives: &[String], all_forms: bool, applicant: &Path, output: Option<PathBuf>, font: Option<PathBuf>) -> Result<String, Failure> {
    // Every file this command reads, so that an output that is one of them is
    // refused before anything is made (crate::output); the font is resolved
    // here, as read_font would, to be one of them.
    const PDF: crate::output::Role = ("PDF 文件", "PDF file");
    let font = font.or_else(|| std::env::var_os("CHANJIAO_FONT").map(PathBuf::from)).unwrap_or_else(|| PathBuf::from(DEFAULT_FONT));
    let mut files = crate::output::Files::default();
    files.input(&input.answers, ("答案文件", "answers file")).input(applicant, ("申请人文件", "applicant file")).input(&font, ("字体文件", "font file"));
    for pack in &input.policy {
        files.input(pack, ("政策包", "policy pack"));
    }
    if let Some(path) = &output {
        files.output(path, PDF).check()?;
    }
    let (answers, on, params) = read_input(input)?;
    let applicant = read_applicant(applicant)?;
    let font = read_font(Some(font))?;
    let choice = if all_forms { Choice::Offered } else { Choice::Entries(incentives) };
    let options = Options { generated_on: today_in_china(), params };
    let made = make_forms(&Request { answers: &answers, applicant: &applicant, evaluated_on: on, choice }, &font, &options).map_err(pdf_failure)?;
    let path = match output {
        Some(path) => path,
        None => {
            let path = PathBuf::from(&made.file_name);
            files.output(&path, PDF).check()?;
            path
        }
    };
    crate::output::write(&path, &made.rendered.bytes)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "已写入 {}：{} 份申请表（{}），共 {} 页，{} 字节。",
        path.display(),
        made.codes.len(),
        made.codes.join("、"),
        made.rendered.pages,
        made.rendered.bytes.len()
    );
    if !made.rendered.missing.is_empty() {
        let chars: String = made.rendered.missing.iter().map(|c| format!("“{c}”")).collect::<Vec<_>>().join("、");
        let _ = writeln!(out, "注意：字体中没有 {chars}，表中以 □ 代替（复制时仍是原字）；打印后请手写补正。");
    }
    Ok(out)
}

/// Checks a form (a PDF, read through a parser and compared with the form its
/// codes describe) or a QR code's text; returns the report and how the run ends.
pub fn verify(file: Option<PathBuf>, code: Option<String>, font: Option<PathBuf>, policy: &[PathBuf], output: &Output) -> Result<(String, Exit), Failure> {
    let params = load_policy(policy)?;
    let (verdicts, report) = match (code, file) {
        (Some(code), _) => (vec![check_code(&code, params)?], None),
        (None, Some(path)) => {
            let bytes = read_limited(&path, verify::LIMITS.input_bytes as u64, ("文件", "file"))?;
            if bytes.starts_with(b"%PDF") {
                let font = read_font(font)?;
                let report = verify::verify_pdf(&bytes, &font, params).map_err(pdf_failure)?;
                (report.verdicts.clone(), Some(report))
            } else {
                let texts: Vec<String> = String::from_utf8_lossy(&bytes).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
                if texts.is_empty() {
                    return Err(bad_input(
                        "文件中没有 chanjiao 核验码；请扫描表上的二维码，用 --code 提供其文字",
                        "the file holds no chanjiao verification code; scan the form's QR code and give its text with --code",
                    ));
                }
                (texts.iter().map(|t| check_code(t, params)).collect::<Result<_, _>>()?, None)
            }
        }
        (None, None) => return Err(bad_input("请提供 PDF 文件或 --code", "give a PDF file or --code")),
    };
    let differences = report.as_ref().map_or(&[][..], |r| r.differences.as_slice());
    let all_match = verdicts.iter().all(payload::Verdict::matches) && differences.is_empty();
    let text = match output.format() {
        Format::Json => {
            let items: Vec<serde_json::Value> = verdicts
                .iter()
                .map(|v| {
                    serde_json::json!({
                        "incentive": v.payload.code,
                        "evaluated_on": v.payload.evaluated_on.to_string(),
                        "stated": { "rules_version": v.payload.rules_version, "status": v.payload.status, "amount": v.payload.amount },
                        "computed": { "rules_version": v.rules_version, "status": v.status, "amount": v.amount },
                        "matches": v.matches(),
                        "differences": v.differences.iter().map(|(what, stated, computed)| serde_json::json!({ "what": what, "stated": stated, "computed": computed })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let page: Vec<serde_json::Value> = differences
                .iter()
                .map(|d| {
                    let (zh, en) = chanjiao_pdf::part_name(&d.part);
                    serde_json::json!({ "part": d.part, "part_name": { "zh-CN": zh, "en": en }, "page": d.page, "found": d.found, "expected": d.expected })
                })
                .collect();
            crate::render::json(&crate::render::versioned(
                "verification",
                &serde_json::json!({
                    "all_match": all_match,
                    "items": items,
                    "pages_compared": report.as_ref().map(|r| r.pages_compared),
                    "page_differences": page,
                    "filled_by_hand": report.as_ref().map(|r| r.filled_by_hand.iter().map(|f| serde_json::json!({ "part": f.part, "field": f.field, "value": f.value })).collect::<Vec<_>>()),
                }),
            ))
        }
        Format::Table => {
            let lang = output.lang();
            let mut out = String::new();
            for v in &verdicts {
                let name = params.catalogue().ok().and_then(|c| c.find(&v.payload.code).ok()).map(|e| e.name_in(lang).to_owned()).unwrap_or_default();
                let code = &v.payload.code;
                if v.outdated() {
                    // An older format or other rules: say which, and what the applicant does.
                    let _ = match lang {
                        Lang::Zh => writeln!(
                            out,
                            "{code} {name}：核验码为 CJ{} 格式、规则版本 {}；本版本只核验 CJ{} 格式、规则版本 {} 的申请表，不予通过：请申请人用本版本重新生成申请表。",
                            v.payload.format,
                            v.payload.rules_version,
                            payload::FORMAT,
                            v.rules_version
                        ),
                        Lang::En => writeln!(
                            out,
                            "{code} {name}: the code is of format CJ{} and rules {}; this version checks only forms of format CJ{} and rules {}, so it does not pass: ask the applicant to make the form again with this version.",
                            v.payload.format,
                            v.payload.rules_version,
                            payload::FORMAT,
                            v.rules_version
                        ),
                    };
                } else if v.matches() {
                    let _ = match lang {
                        Lang::Zh => writeln!(out, "{code} {name}：核验码与规则一致（{}，{}）", v.status, v.amount),
                        Lang::En => writeln!(out, "{code} {name}: the code matches the rules ({}, {})", v.status, v.amount),
                    };
                } else {
                    let _ = match lang {
                        Lang::Zh => writeln!(out, "{code} {name}：核验码与规则不一致"),
                        Lang::En => writeln!(out, "{code} {name}: the code DIFFERS from the rules"),
                    };
                    for (what, stated, computed) in &v.differences {
                        let _ = match lang {
                            Lang::Zh => writeln!(out, "  {what}：表上 {stated}；按规则 {computed}"),
                            Lang::En => writeln!(out, "  {what}: on the form {stated}; by the rules {computed}"),
                        };
                    }
                }
            }
            if let Some(r) = &report {
                let listed = |out: &mut String| {
                    for d in &r.differences {
                        let _ = writeln!(out, "  {}", verify::describe(d, lang));
                    }
                    if r.differences.len() >= verify::MAX_DIFFERENCES {
                        let _ = writeln!(out, "  {}", lang.pick("（差异过多，仅列出前 100 处）", "(only the first 100 differences are listed)"));
                    }
                };
                match (r.pages_compared, r.differences.is_empty()) {
                    (true, true) => {
                        let _ = writeln!(out, "{}", lang.pick("页面内容与核验码所述一致。", "The pages say what the verification code describes."));
                    }
                    (true, false) => {
                        let _ = writeln!(out, "{}", lang.pick("页面内容与核验码所述不一致：", "The pages DIFFER from what the verification code describes:"));
                        listed(&mut out);
                    }
                    (false, true) => {
                        let _ = writeln!(out, "{}", lang.pick("页面内容未比对。", "The pages were not compared."));
                    }
                    (false, false) => {
                        let _ = writeln!(
                            out,
                            "{}",
                            lang.pick(
                                "此文件与其核验码不符，未再比对页面内容，不予通过：",
                                "The file does not agree with its verification codes, so its pages were not compared, and it does not pass:"
                            )
                        );
                        listed(&mut out);
                    }
                }
                if !r.filled_by_hand.is_empty() {
                    let _ = writeln!(
                        out,
                        "{}",
                        lang.pick(
                            "以下栏目在生成时为空白、系事后填写，核验码不能证明其内容，请与所附材料核对：",
                            "These fields were blank when the form was made and were filled in since; the verification code does not cover them, so check them against the attached documents:"
                        )
                    );
                    for f in &r.filled_by_hand {
                        let _ = writeln!(out, "  {}{}{}", filled_label(f, lang), lang.pick("：", ": "), f.value);
                    }
                }
                let _ = writeln!(
                    out,
                    "{}",
                    lang.pick(
                        "说明：核验证明此表与其所申报情况下的规则测算一致，不能证明所申报情况属实；情况是否属实以所附材料为准。",
                        "Note: this proves the form agrees with the rules for the facts it declares, not that the facts are true; the attached documents prove those."
                    )
                );
            }
            out
        }
    };
    Ok((text, if all_match { Exit::Done } else { Exit::Mismatch }))
}

/// A field filled in by hand as a person names it: the applicant block's by its
/// label, a roster cell by its row and column (`A11-roster-3-name`).
fn filled_label(f: &verify::FilledByHand, lang: Lang) -> String {
    if let Some(label) = f.part.strip_prefix("applicant.").and_then(|id| chanjiao_rules::APPLICANT_FIELDS.iter().find(|a| a.id == id)).map(|a| a.label_org) {
        return label.get(lang).to_owned();
    }
    let cell = f.field.split_once("-roster-").and_then(|(_, rest)| rest.split_once('-'));
    match (cell, lang) {
        (Some((row, column)), Lang::Zh) => format!("名册第 {row} 行（{column}）"),
        (Some((row, column)), Lang::En) => format!("roster, row {row} ({column})"),
        (None, _) => f.field.clone(),
    }
}

/// Re-evaluates one QR code's text.
fn check_code(text: &str, params: &'static chanjiao_rules::Params) -> Result<payload::Verdict, Failure> {
    let parsed = payload::parse(text).map_err(pdf_failure)?;
    payload::verify(parsed, params).map_err(pdf_failure)
}
