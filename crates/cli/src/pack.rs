//! `chanjiao pack`: a policy pack's checks and what a successor changes, for
//! the officials who write and approve one. The comparison is the rules'
//! (`chanjiao_rules::policy_diff`); this module loads and prints.

use std::fmt::Write as _;
use std::path::PathBuf;

use chanjiao_rules::{Catalogue, Decimal, PolicyDiff, group_thousands};

use crate::{Failure, Format, Output, bad_input, load_policy};

/// What `pack` can do.
#[derive(clap::Subcommand, Debug)]
pub(crate) enum PackCommand {
    /// Check policy packs as every command loads them (in order, each after the
    /// ones before): exit 0 and what each sets, or exit 2 naming the key and the reason.
    Check {
        /// The packs, in date order.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
    /// What policy B changes from policy A, as Markdown in Chinese and English (or
    /// JSON): its document, the figures old → new, entries dropped, restored and
    /// reworded. Each side is the built-in plan followed by one pack, or `builtin`.
    Diff {
        /// Side A: a pack, or `builtin` for the plan alone.
        a: PathBuf,
        /// Side B: a pack, or `builtin`.
        b: PathBuf,
        /// `json` for the comparison as data; Markdown otherwise.
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
}

/// Runs a `pack` command; returns what to print.
pub(crate) fn run(command: PackCommand) -> Result<String, Failure> {
    match command {
        PackCommand::Check { files, output } => check(&files, &output),
        PackCommand::Diff { a, b, format } => {
            let side = |p: &PathBuf| if p.as_os_str() == "builtin" { load_policy(&[]) } else { load_policy(std::slice::from_ref(p)) };
            let (a, b) = (side(&a)?, side(&b)?);
            let diff = chanjiao_rules::policy_diff(a, b)?;
            Ok(match format {
                Some(Format::Json) => crate::render::json(&crate::render::versioned("policy-diff", &diff)),
                _ => markdown(&diff, a.catalogue()?),
            })
        }
    }
}

fn check(files: &[PathBuf], output: &Output) -> Result<String, Failure> {
    let params = load_policy(files)?;
    let docs: Vec<&chanjiao_rules::Policy> = params.successors.iter().collect();
    if docs.len() != files.len() {
        return Err(bad_input("政策包数量与载入的文件不符", "the packs loaded do not match the files given"));
    }
    // A pack's cases hold it to the results its authors expect: one that
    // fails refuses the pack, naming the case and the difference.
    let failed: Vec<chanjiao_rules::CaseRun> = chanjiao_rules::run_cases(params).into_iter().filter(|r| !r.failures.is_empty()).collect();
    if !failed.is_empty() {
        let lines = |zh: bool| {
            failed
                .iter()
                .flat_map(|r| {
                    r.failures.iter().map(move |(fz, fe)| match zh {
                        true => format!("{} 的案例“{}”未通过：{fz}", r.document, r.name),
                        false => format!("case \"{}\" of {} fails: {fe}", r.name, r.document_en),
                    })
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        return Err(bad_input(&lines(true), &lines(false)));
    }
    let added = |d: &chanjiao_rules::Policy| -> Vec<String> {
        params.added_entries.iter().filter(|e| e.added_in.as_deref() == Some(d.number.as_str())).map(|e| e.code.clone()).collect()
    };
    let restated = |d: &chanjiao_rules::Policy| -> Vec<String> {
        params.restated.iter().filter(|e| e.restated_in.as_ref() == Some(&d.number)).map(|e| e.code.clone()).collect()
    };
    let items: Vec<serde_json::Value> = files
        .iter()
        .zip(&docs)
        .map(|(file, d)| {
            serde_json::json!({
                "file": file.display().to_string(), "id": d.pack_id, "number": d.number, "title": d.title,
                "in_force": d.issued.to_string(), "expires": d.expires.to_string(), "illustrative": d.illustrative,
                "reworded": d.entries.keys().collect::<Vec<_>>(), "dropped": d.dropped,
                "added": added(d), "restated": restated(d), "cases_passed": d.cases.len(),
            })
        })
        .collect();
    Ok(match output.format() {
        Format::Json => crate::render::json(&crate::render::versioned("pack-check", &serde_json::json!({ "packs": items }))),
        Format::Table => {
            let lang = output.lang();
            let mut out = String::new();
            for (file, d) in files.iter().zip(&docs) {
                // An illustration says so, unless its number already does.
                let (number, number_en) = (d.number_marked(chanjiao_rules::Lang::Zh), d.number_marked(chanjiao_rules::Lang::En));
                let _ = match lang {
                    chanjiao_rules::Lang::Zh => writeln!(
                        out,
                        "通过：{}：{number}，政策包标识 {}，{} 至 {} 有效；改写条目 {} 项，终止条目 {} 项，新增条目 {} 项，改写规则的条目 {} 项，案例 {} 个全部通过。",
                        file.display(),
                        d.pack_id.as_deref().unwrap_or_default(),
                        d.issued,
                        d.expires,
                        d.entries.len(),
                        d.dropped.len(),
                        added(d).len(),
                        restated(d).len(),
                        d.cases.len()
                    ),
                    chanjiao_rules::Lang::En => writeln!(
                        out,
                        "Passed: {}: {number_en}, pack id {}, in force {} to {}; entries reworded: {}, dropped: {}, added: {}, with rules restated: {}; cases passed: {}.",
                        file.display(),
                        d.pack_id.as_deref().unwrap_or_default(),
                        d.issued,
                        d.expires,
                        d.entries.len(),
                        d.dropped.len(),
                        added(d).len(),
                        restated(d).len(),
                        d.cases.len()
                    ),
                };
            }
            out
        }
    })
}

/// A figure as the text would print it, by its kind.
fn figure(kind: &str, values: &[Decimal]) -> String {
    // A value one side does not have (a figure a pack names anew).
    if values.is_empty() {
        return "—".to_owned();
    }
    let one = |d: &Decimal| match kind {
        k if k.starts_with("rate") => format!("{}%", (d * Decimal::from(100)).normalize()),
        k if k.starts_with("yuan") => format!("{} 元", group_thousands(*d)),
        _ => d.normalize().to_string(),
    };
    values.iter().map(one).collect::<Vec<_>>().join(" / ")
}

/// An entry by its code and its names in both languages.
fn entry_name(catalogue: &Catalogue, code: &str) -> String {
    match catalogue.find(code).ok() {
        Some(e) => format!("{} {} / {}", e.code, cell(&e.name_zh), cell(&e.name_en)),
        None => code.to_owned(),
    }
}

/// The entry a parameter belongs to, by the code its name starts with
/// (`a11_sme_per_hire` is A11's), with its Chinese name.
fn entry_of(catalogue: &Catalogue, parameter: &str) -> String {
    let code = parameter.split('_').next().unwrap_or_default().to_ascii_uppercase();
    match catalogue.find(&code).ok() {
        Some(e) => format!("{} {}", e.code, cell(&e.name_zh)),
        None => "—".to_owned(),
    }
}

/// A transition rule in words, both languages.
fn transition(code: &str) -> String {
    match code {
        "accept" => "受理，按事项发生时的规定 / accepted, under the rules then in force".into(),
        "refuse" => "不受理 / refused".into(),
        _ => "以申报通知为准 / the annual notice decides".into(),
    }
}

/// Escapes a table cell: a pipe would end it, a line break the row.
fn cell(text: &str) -> String {
    crate::output::text(text).replace('|', "\\|").replace('\n', " ")
}

/// The comparison as Markdown, headings and labels in Chinese and English.
fn markdown(d: &PolicyDiff, catalogue: &Catalogue) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} → {}\n", cell(&d.from.number), cell(&d.to.number));
    let _ = writeln!(out, "政策变化对照（供审核）/ What the policy changes (for review)\n");
    if d.from.illustrative || d.to.illustrative {
        let _ = writeln!(out, "> **示例，非真实政策 / An illustration, not a real policy.**\n");
    }
    let _ = writeln!(out, "## 文件 / Document\n\n| 项目 / Item | A | B |\n|---|---|---|");
    for (label, a, b) in [
        ("文号 / Number", d.from.number.clone(), d.to.number.clone()),
        ("标题 / Title", d.from.title.clone(), d.to.title.clone()),
        ("施行 / In force", d.from.in_force.to_string(), d.to.in_force.to_string()),
        ("有效期至 / Expires", d.from.expires.to_string(), d.to.expires.to_string()),
        ("事项发生在本文件施行前 / Events before this document took effect", transition(&d.from.transition), transition(&d.to.transition)),
        ("政策包编号 / Pack id", d.from.pack_id.clone().unwrap_or_else(|| "—".into()), d.to.pack_id.clone().unwrap_or_else(|| "—".into())),
    ] {
        let _ = writeln!(out, "| {label} | {} | {} |", cell(&a), cell(&b));
    }
    let _ = writeln!(out, "\n## 数额 / Figures\n");
    if d.figures.is_empty() {
        let _ = writeln!(out, "无变化。/ No changes.");
    } else {
        let _ = writeln!(out, "| 条目 / Entry | 参数 / Parameter | 条款 / Clause | A | B |\n|---|---|---|---|---|");
        for f in &d.figures {
            let since = f.since.map(|day| format!("（自 {day} 起 / from {day}）")).unwrap_or_default();
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} | {}{since} |",
                entry_of(catalogue, &f.name),
                f.name,
                cell(&f.clause),
                figure(&f.kind, &f.old),
                figure(&f.kind, &f.new)
            );
        }
    }
    // Entries by code and name, so an official need not look the codes up.
    let codes = |list: &[String]| {
        if list.is_empty() { "无。/ None.".to_owned() } else { list.iter().map(|c| format!("- {}", entry_name(catalogue, c))).collect::<Vec<_>>().join("\n") }
    };
    let _ = writeln!(out, "\n## 终止的条目 / Entries dropped\n\n{}", codes(&d.dropped));
    let _ = writeln!(out, "\n## 恢复的条目 / Entries restored\n\n{}", codes(&d.restored));
    let _ = writeln!(out, "\n## 措辞改变的条目 / Entries reworded\n");
    if d.reworded.is_empty() {
        let _ = writeln!(out, "无。/ None.");
    } else {
        let _ = writeln!(out, "| 条目 / Entry | 条款 / Clause (A → B) | 名称 / Name (A → B) | 金额规则 / Amount rule (A → B) |\n|---|---|---|---|");
        for e in &d.reworded {
            let pair = |(a, b): &(String, String)| if a == b { cell(a) } else { format!("{} → {}", cell(a), cell(b)) };
            let _ = writeln!(out, "| {} {} | {} | {} | {} |", e.code, cell(&e.name_zh), pair(&e.clause), pair(&e.name), pair(&e.amount_rule));
        }
    }
    let _ = writeln!(out, "\n## 规则改写的条目 / Entries whose rules are restated\n");
    if d.restated.is_empty() {
        let _ = writeln!(out, "无。/ None.");
    }
    for e in &d.restated {
        let _ = writeln!(
            out,
            "### {} {} / {}\n\n条款 / Clause: {}. 按事项日期 `{}` 判断适用哪份文件的规则 / The date `{}` decides whose rules apply.\n",
            e.code,
            cell(&e.name.0),
            cell(&e.name.1),
            cell(&e.clause),
            e.event,
            e.event
        );
        let _ = writeln!(out, "| # | 条件 / When | 结果 / Status | 金额 / Amount | 理由 / Reason |\n|---|---|---|---|---|");
        for (i, row) in e.rows.iter().enumerate() {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | `{}` | {} / {} |",
                i + 1,
                cell(&row.when),
                row.status,
                cell(&row.amount),
                cell(&row.reason.0),
                cell(&row.reason.1)
            );
        }
    }
    let _ = writeln!(out, "\n## 新增的条目 / Entries added\n");
    if d.added_entries.is_empty() {
        let _ = writeln!(out, "无。/ None.");
    } else {
        let _ = writeln!(out, "| 条目 / Entry | 条款 / Clause | 申请人 / Applicants | 金额规则 / Amount rule |\n|---|---|---|---|");
        for e in &d.added_entries {
            let _ = writeln!(
                out,
                "| {} {} / {} | {} | {} | {} / {} |",
                e.code,
                cell(&e.name.0),
                cell(&e.name.1),
                cell(&e.clause),
                e.applicant_types.join(", "),
                cell(&e.amount_rule.0),
                cell(&e.amount_rule.1)
            );
        }
    }
    let _ = writeln!(out, "\n## 新增的问题 / Questions added\n");
    if d.added_questions.is_empty() {
        let _ = writeln!(out, "无。/ None.");
    } else {
        let _ = writeln!(out, "| 问题 / Question | 字段 / Field | 在此之后提问 / Asked after |\n|---|---|---|");
        for q in &d.added_questions {
            let _ = writeln!(out, "| {} / {} | `{}` | `{}` |", cell(&q.label.0), cell(&q.label.1), q.id, q.after);
        }
    }
    out
}
