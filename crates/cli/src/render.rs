//! Rendering for people (tables and text blocks) and for programs (JSON).

use std::fmt::Write as _;

use chanjiao_rules::{
    Amount, Answers, ApplicantType, Catalogue, Date, EntryResult, Evaluation, Group, Lang, Params, Plan, Question, Status, Totals, YearsEvaluation,
    answer_separator, clause_in,
};
use comfy_table::{ContentArrangement, Table, presets::ASCII_MARKDOWN};
use serde::Serialize;

pub use chanjiao_rules::versioned;

/// Pretty JSON with a final newline; characters a terminal would obey (bidi
/// controls, C1 controls, zero-width characters) as `\uXXXX` escapes, which JSON
/// readers take as the same characters (serde_json escapes C0 controls itself).
pub fn json(value: &impl Serialize) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    match crate::output::json(&s) {
        std::borrow::Cow::Borrowed(_) => s,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
}

/// A table with ASCII borders: box-drawing characters have East Asian
/// "ambiguous" width, and terminals with Chinese fonts draw them double-width,
/// which breaks the alignment; `|` and `-` are narrow everywhere.
fn table() -> Table {
    let mut t = Table::new();
    t.load_style(ASCII_MARKDOWN).set_content_arrangement(ContentArrangement::Dynamic).set_width(120);
    t
}

/// `chanjiao incentives` as a table.
pub fn incentives(catalogue: &Catalogue, lang: Lang) -> String {
    let mut t = table();
    t.set_header(vec![
        lang.pick("编号", "Code"),
        "id",
        lang.pick("名称", "Name"),
        lang.pick("条款", "Clause"),
        lang.pick("申请人", "Applicants"),
        lang.pick("金额规则", "Amount rule"),
    ]);
    // The id is what `chanjiao explain` takes, so it must stay whole to be copied.
    if let Some(id) = t.column_mut(1) {
        id.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
    for e in &catalogue.entries {
        let types: Vec<&str> = e.applicant_types.iter().map(|t| t.code()).collect();
        t.add_row(vec![e.code.as_str(), e.id.as_str(), e.name_in(lang), e.clause.as_str(), &types.join(" "), lang.pick(&e.amount_rule_zh, &e.amount_rule_en)]);
    }
    format!("{t}\n{}\n", lang.pick(&format!("共 {} 项。", catalogue.entries.len()), &format!("{} incentives.", catalogue.entries.len())))
}

/// A list of questions, numbered, with their rules and options.
/// Their help reads its figures from `params` in force on `on`.
pub fn questions<'a>(qs: impl Iterator<Item = &'a Question>, params: &Params, on: Date, lang: Lang) -> String {
    let mut out = String::new();
    for (i, q) in qs.enumerate() {
        let _ = writeln!(out, "{}. {}  [{}]", i + 1, q.label.get(lang), q.id);
        let _ = writeln!(out, "   {}", q.help_under(params, on).get(lang));
        let _ = writeln!(out, "   {}{}", lang.pick("填写要求：", "Rule: "), q.validation.get(lang));
        if !q.options().is_empty() {
            let opts: Vec<String> = q.options().iter().map(|c| format!("{} = {}", c.id, c.label.get(lang))).collect();
            let _ = writeln!(out, "   {}{}", lang.pick("可选：", "Options: "), opts.join(lang.pick("；", "; ")));
        }
    }
    out
}

/// `chanjiao questions` for a plan.
pub fn plan(plan: &Plan, params: &Params, on: Date, lang: Lang) -> String {
    if plan.complete {
        return format!("{}\n", lang.pick("所有结果均已确定，无需再回答问题。", "Every result is decided; nothing more needs answering."));
    }
    let head = lang.pick("以下问题的回答会影响结果（按填写顺序）：", "These answers can still change a result (in asking order):");
    let mut out = match plan.questions.is_empty() {
        true => String::new(),
        false => format!("{head}\n{}", questions(plan.questions.iter().copied(), params, on, lang)),
    };
    for y in &plan.years {
        let head = match lang {
            Lang::Zh => format!("{} 年度还需填写（写在 years 的 \"{}\" 下）：", y.year, y.year),
            Lang::En => format!("Still needed for {} (under \"{}\" in years):", y.year, y.year),
        };
        let _ = write!(out, "{head}\n{}", questions(y.questions.iter().copied(), params, on, lang));
    }
    out
}

fn group_heading(group: Group, n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("■ {}（{n}）", group.title().zh),
        Lang::En => format!("■ {} ({n})", group.title().en),
    }
}

/// `chanjiao evaluate` for people: totals, a summary table, then the details.
pub fn evaluation(e: &Evaluation, params: &chanjiao_rules::Params, answers: &Answers, all: bool, lang: Lang) -> String {
    let mut out = String::new();
    header(&mut out, e.applicant_type, &e.roles, e.evaluated_on, params, lang);
    totals(&mut out, &e.totals, &e.results, lang);
    let _ = writeln!(out, "{}", summary(&e.results, all, lang));
    details(&mut out, &e.results, answers, all, lang);
    not_shown(&mut out, &e.totals, all, lang);
    out
}

/// `chanjiao evaluate` for answers of several years: the totals over every year,
/// then each year's results, then what is decided once.
pub fn years(e: &YearsEvaluation, params: &chanjiao_rules::Params, answers: &[(u16, Answers)], all: bool, lang: Lang) -> String {
    let mut out = String::new();
    header(&mut out, e.applicant_type, &e.roles, e.evaluated_on, params, lang);
    let listed = e.years.iter().map(|y| y.year.to_string()).collect::<Vec<_>>().join(lang.pick("、", ", "));
    let _ = writeln!(out, "{}{listed}", lang.pick("申报年度：", "Years: "));
    for year in &e.future {
        let _ = writeln!(out, "{}", YearsEvaluation::future_notice(*year, e.evaluated_on).get(lang));
    }
    let _ = writeln!(out, "\n{}", lang.pick("■ 各年度与一次认定合计", "■ All years and what is decided once, together"));
    let every: Vec<EntryResult> = e.once.iter().chain(e.years.iter().flat_map(|y| &y.results)).cloned().collect();
    totals(&mut out, &e.totals, &every, lang);
    for y in &e.years {
        let _ = writeln!(out, "\n{}", lang.pick(&format!("■■ {} 年度", y.year), &format!("■■ {}", y.year)));
        for line in y.totals.describe() {
            let _ = writeln!(out, "{}", line.get(lang));
        }
        let _ = writeln!(out, "{}", summary(&y.results, all, lang));
        let own = answers.iter().find(|(year, _)| *year == y.year).map(|(_, a)| a);
        details(&mut out, &y.results, own.unwrap_or(&Answers::new()), all, lang);
    }
    if !e.once.is_empty() {
        let _ = writeln!(out, "\n{}", lang.pick("■■ 不分年度（一次认定）", "■■ Decided once, whatever the year"));
        let _ = writeln!(out, "{}", summary(&e.once, all, lang));
        let last = answers.last().map(|(_, a)| a);
        details(&mut out, &e.once, last.unwrap_or(&Answers::new()), all, lang);
    }
    not_shown(&mut out, &e.totals, all, lang);
    out
}

/// The title, who applies, the date, the rules and the documents in force.
fn header(out: &mut String, t: Option<ApplicantType>, roles: &[ApplicantType], on: Date, params: &chanjiao_rules::Params, lang: Lang) {
    let applicant = match (roles, t) {
        (roles @ [_, _, ..], _) => roles.iter().map(|t| t.name().get(lang)).collect::<Vec<_>>().join(lang.pick("、", "; ")),
        (_, Some(t)) => t.name().get(lang).to_owned(),
        (_, None) => lang.pick("（未填写）", "(not given)").to_owned(),
    };
    let _ = writeln!(out, "{} {}", params.policy.number_in(lang), lang.pick("产教融合政策测算", "industry–education integration incentives"));
    let sep = lang.pick("　", " · ");
    let _ = writeln!(
        out,
        "{}{}{sep}{}{}{sep}{}{}",
        lang.pick("申请人：", "Applicant: "),
        applicant,
        lang.pick("评估日期：", "As of: "),
        on,
        lang.pick("规则版本：", "Rules version: "),
        params.version()
    );
    for d in &params.successors {
        let _ = writeln!(
            out,
            "{}{} {}",
            lang.pick("后续文件：", "Successor: "),
            d.number_marked(lang),
            lang.pick(&format!("（{} 至 {}）", d.issued, d.expires), &format!("({} to {})", d.issued, d.expires))
        );
    }
    // Results that rest on an illustration say so before any figure.
    if let Some(notice) = params.illustration_notice(on) {
        let _ = writeln!(out, "{}", notice.get(lang));
    }
    if let Some(notice) = params.expiry_notice(on) {
        let _ = writeln!(out, "{}", notice.get(lang));
    }
}

/// The totals in words and how many results each group holds.
fn totals(out: &mut String, t: &Totals, results: &[EntryResult], lang: Lang) {
    let _ = writeln!(out);
    for line in t.describe() {
        let _ = writeln!(out, "{}", line.get(lang));
    }
    let counts: Vec<String> = Group::ALL
        .iter()
        .map(|g| (g, results.iter().filter(|r| r.group() == *g).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(g, n)| match lang {
            Lang::Zh => format!("{} {n}", g.title().zh),
            Lang::En => format!("{} {n}", g.title().en),
        })
        .collect();
    let _ = writeln!(out, "{}", counts.join(lang.pick("　", " · ")));
}

/// One row per result: code, name, status, amount.
fn summary(results: &[EntryResult], all: bool, lang: Lang) -> Table {
    let mut summary = table();
    summary.set_header(vec![lang.pick("编号", "Code"), lang.pick("条目", "Incentive"), lang.pick("结果", "Status"), lang.pick("金额", "Amount")]);
    let mut shown: Vec<&EntryResult> = results.iter().filter(|r| all || r.status != Status::NotApplicable).collect();
    // In the order the results are read: money first, then what is still open.
    shown.sort_by_key(|r| r.group());
    for r in shown {
        summary.add_row(vec![r.incentive.code.clone(), r.name_in(lang).to_owned(), r.status_name().get(lang).to_owned(), r.amount_text().get(lang).to_owned()]);
    }
    summary
}

/// Each result in full, grouped by status.
fn details(out: &mut String, results: &[EntryResult], answers: &Answers, all: bool, lang: Lang) {
    for g in Group::ALL {
        if g == Group::NotApplicable && !all {
            continue;
        }
        let members: Vec<&EntryResult> = results.iter().filter(|r| r.group() == g).collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", group_heading(g, members.len(), lang));
        for r in members {
            block(out, r, answers, lang, false);
        }
    }
}

/// The count of results not shown (not for this applicant), and how to see them.
fn not_shown(out: &mut String, t: &Totals, all: bool, lang: Lang) {
    if !all && t.not_applicable > 0 {
        let _ = writeln!(
            out,
            "\n{}",
            lang.pick(
                &format!("另有 {} 项不适用于此类申请人（加 --all 显示）。", t.not_applicable),
                &format!("{} more are not for this applicant type (--all shows them).", t.not_applicable)
            )
        );
    }
}

fn block(out: &mut String, r: &EntryResult, answers: &Answers, lang: Lang, full: bool) {
    let e = r.incentive;
    let clause = match lang {
        Lang::Zh => format!("〔{}〕", e.clause),
        Lang::En => format!("[{}]", clause_in(&e.clause, lang)),
    };
    let _ = writeln!(out, "\n{} {}  {clause}  {}", e.code, r.name_in(lang), e.id);
    let _ = writeln!(out, "  {}", r.lead().get(lang));
    let _ = writeln!(out, "  {}{}", lang.pick("结果：", "Status: "), r.status_name().get(lang));
    if let Some(t) = r.role {
        let _ = writeln!(out, "  {}{}", lang.pick("申请身份：", "Claimed as: "), t.name().get(lang));
    }
    if r.amount != Amount::None {
        let _ = writeln!(out, "  {}{}", lang.pick("金额：", "Amount: "), r.amount_text().get(lang).to_owned());
    }
    let _ = writeln!(out, "  {}{}", lang.pick("原因：", "Why: "), r.reason.get(lang));
    if !r.missing.is_empty() {
        let labels: Vec<String> = r.missing.iter().map(|q| format!("{} [{}]", q.def().label.get(lang), q.id())).collect();
        let _ = writeln!(out, "  {}{}", lang.pick("待回答：", "To answer: "), labels.join(lang.pick("；", "; ")));
    } else if let Some(m) = &r.miss {
        let q = m.question.map(|q| format!(" [{}]", q.id())).unwrap_or_default();
        let _ = writeln!(out, "  {}{}{q}", lang.pick("差什么：", "Nearest miss: "), m.change.get(lang));
    }
    for f in &r.flags {
        let _ = writeln!(out, "  {} {}", f.code, f.text.get(lang));
    }
    if let Some(b) = &r.basis {
        let _ = match lang {
            Lang::Zh => writeln!(out, "  依据：{} {}", b.number, b.clause),
            Lang::En => writeln!(out, "  Under: {} of {}", clause_in(&b.clause, lang), b.number_en),
        };
    }
    if full || r.status != Status::NotEligible {
        let (quote, clause) = r.basis.as_ref().map_or((&e.quote, &e.clause), |b| (&b.quote, &b.clause));
        let _ = writeln!(out, "  {}{}（{}）", lang.pick("条款原文：", "The text: "), quote.join(" "), clause);
        if !r.evidence.is_empty() && r.status != Status::NotEligible {
            let facts: Vec<String> = r
                .evidence
                .iter()
                .map(|q| {
                    let label = q.def().label.get(lang);
                    format!("{label}{}{}", answer_separator(label, lang), answers.shown(*q, lang).unwrap_or_default())
                })
                .collect();
            let _ = writeln!(out, "  {}{}", lang.pick("需能证明：", "Be ready to show: "), facts.join(lang.pick("；", "; ")));
        }
        let lead = match lang {
            Lang::Zh => e.lead_unit.clone(),
            Lang::En => format!("{} ({})", e.lead_unit_in(lang), e.lead_unit),
        };
        let _ = writeln!(out, "  {}{lead}{}", lang.pick("责任单位：", "Responsible units: "), lang.pick("（可能牵头）", " (probable lead)"));
        if full {
            let _ = writeln!(out, "  {}{}", lang.pick("全部责任单位：", "All units: "), e.units);
        }
    }
}

/// `chanjiao explain`: one entry in full.
pub fn explain(r: &EntryResult, answers: &Answers, on: Date, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}{}", lang.pick("评估日期：", "As of: "), on);
    block(&mut out, r, answers, lang, true);
    let _ = writeln!(out, "  {}{}", lang.pick("金额规则：", "Amount rule: "), r.amount_rule_in(lang));
    out
}
