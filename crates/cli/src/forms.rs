//! `chanjiao pdf` and `chanjiao verify`: application forms and their check.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chanjiao_pdf::{Application, Font, Options, file_name, payload, render};
use chanjiao_rules::{Applicant, Catalogue, EntryResult, Lang, evaluate};

use crate::{Exit, Failure, Format, Input, MAX_FILE_BYTES, Output, bad_input, read_input, read_limited, today_in_china, write_failure};

/// The font scripts/setup.sh makes, in this repository.
const DEFAULT_FONT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fonts/NotoSansCJKsc-Regular-chanjiao.otf");

fn pdf_failure(e: chanjiao_pdf::Error) -> Failure {
    let exit = if e.kind == chanjiao_pdf::ErrorKind::Font { Exit::Failure } else { Exit::BadInput };
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
    let (answers, on) = read_input(input)?;
    let applicant = read_applicant(applicant)?;
    let evaluation = evaluate(&answers, on)?;
    let chosen: Vec<&EntryResult> = if all_forms {
        evaluation.results.iter().filter(|r| r.offers_form()).collect()
    } else {
        let catalogue = Catalogue::get()?;
        let mut chosen = Vec::new();
        for key in incentives {
            let code = &catalogue.find(key)?.code;
            chosen.extend(evaluation.results.iter().filter(|r| &r.incentive.code == code));
        }
        chosen
    };
    if chosen.is_empty() {
        return Err(bad_input(
            "这些答案没有可生成的申请表（只有可申请或待确认的申请类条目有申请表）",
            "these answers are offered no application form (only claimable entries that are eligible or open have one)",
        ));
    }
    let font = read_font(font)?;
    let apps: Vec<Application> = chosen.iter().map(|r| Application { result: r, answers: &answers, applicant: &applicant, evaluated_on: on }).collect();
    let rendered = render(&apps, &font, &Options { generated_on: today_in_china() }).map_err(pdf_failure)?;
    let path = output.unwrap_or_else(|| {
        let entry = if chosen.len() == 1 { chosen[0].incentive.name_zh.clone() } else { format!("{}项", chosen.len()) };
        PathBuf::from(file_name(&entry, &applicant.name))
    });
    std::fs::write(&path, &rendered.bytes).map_err(|e| write_failure(&path, &e))?;
    let mut out = String::new();
    let codes: Vec<&str> = chosen.iter().map(|r| r.incentive.code.as_str()).collect();
    let _ = writeln!(
        out,
        "已写入 {}：{} 份申请表（{}），共 {} 页，{} 字节。",
        path.display(),
        chosen.len(),
        codes.join("、"),
        rendered.pages,
        rendered.bytes.len()
    );
    if !rendered.missing.is_empty() {
        let chars: String = rendered.missing.iter().map(|c| format!("“{c}”")).collect::<Vec<_>>().join("、");
        let _ = writeln!(out, "注意：字体中没有 {chars}，表中以 □ 代替（复制时仍是原字）；打印后请手写补正。");
    }
    Ok(out)
}

/// Checks payloads; returns the report and whether every one matched.
pub fn verify(file: Option<PathBuf>, code: Option<String>, output: &Output) -> Result<(String, Exit), Failure> {
    let texts: Vec<String> = match (code, file) {
        (Some(code), _) => vec![code],
        (None, Some(path)) => {
            let bytes = read_limited(&path, MAX_FILE_BYTES, ("文件", "file"))?;
            let found = if bytes.starts_with(b"%PDF") {
                payload::payloads_in_pdf(&bytes)
            } else {
                String::from_utf8_lossy(&bytes).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
            };
            if found.is_empty() {
                return Err(bad_input(
                    "文件中没有 chanjiao 核验码；请扫描表上的二维码，用 --code 提供其文字",
                    "the file holds no chanjiao verification code; scan the form's QR code and give its text with --code",
                ));
            }
            found
        }
        (None, None) => return Err(bad_input("请提供 PDF 文件或 --code", "give a PDF file or --code")),
    };
    let mut verdicts = Vec::new();
    for text in &texts {
        let parsed = payload::parse(text).map_err(pdf_failure)?;
        verdicts.push(payload::verify(parsed).map_err(pdf_failure)?);
    }
    let all_match = verdicts.iter().all(payload::Verdict::matches);
    let report = match output.format() {
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
            crate::render::json(&crate::render::versioned("verification", &serde_json::json!({ "all_match": all_match, "items": items })))
        }
        Format::Table => {
            let lang = output.lang();
            let mut out = String::new();
            for v in &verdicts {
                let name = Catalogue::get().ok().and_then(|c| c.find(&v.payload.code).ok()).map(|e| e.name_in(lang).to_owned()).unwrap_or_default();
                if v.matches() {
                    let _ = writeln!(out, "{} {name}：{}（{}，{}）", v.payload.code, lang.pick("一致", "matches"), v.status, v.amount);
                } else {
                    let _ = writeln!(out, "{} {name}：{}", v.payload.code, lang.pick("不一致", "DIFFERS"));
                    for (what, stated, computed) in &v.differences {
                        let _ = writeln!(out, "  {what}: {}{stated}；{}{computed}", lang.pick("表上 ", "on the form "), lang.pick("按规则 ", "by the rules "));
                    }
                }
            }
            out
        }
    };
    Ok((report, if all_match { Exit::Done } else { Exit::Mismatch }))
}
