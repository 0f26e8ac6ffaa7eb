//! The results: the total of determinable cash, then eligible, maybe and not
//! eligible groups, each entry with its amount, reason, nearest miss, what to
//! prepare, clause and responsible units.

use chanjiao_rules::{Answers, EntryResult, Group, Lang, Status, answer_separator, clause_in};
use yew::prelude::*;

use crate::state::{Action, State};

/// The results page's properties.
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// The state to show.
    pub state: UseReducerHandle<State>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
    /// The page heading.
    pub heading: NodeRef,
    /// Clears everything saved in this browser.
    pub on_clear: Callback<MouseEvent>,
    /// Downloads the answers as a JSON file.
    pub on_export: Callback<MouseEvent>,
}

/// What to prepare: the text lists no documents (catalogue X6), so the widget
/// lists the papers the catalogue's Inputs name, where it names them, and the
/// facts the result rests on, each with the answer given, for the applicant to
/// evidence as the responsible unit's notice asks.
fn documents(r: &EntryResult, answers: &Answers, lang: Lang) -> Html {
    if r.evidence.is_empty() || r.status == Status::NotEligible {
        return Html::default();
    }
    let catalogued = r.incentive.documents_in(lang);
    html! {
        <details class="documents">
            <summary>{ lang.pick("需要准备的材料", "Documents to prepare") }</summary>
            <p>{ lang.pick(
                "本文件未列申请材料和表格，以责任单位当年申报通知为准。",
                "The policy does not list the forms or documents needed; the responsible unit's annual notice will say.",
            ) }</p>
            if !catalogued.is_empty() {
                <p>{ lang.pick("通常需要的材料：", "Usually needed:") }</p>
                <ul>{ for catalogued.iter().map(|d| html! { <li>{ d.clone() }</li> }) }</ul>
            }
            <p>{ if catalogued.is_empty() {
                lang.pick("请准备能证明以下回答的材料：", "Prepare documents that prove each of these answers:")
            } else {
                lang.pick("以及能证明以下回答的材料：", "Also prepare documents that prove each of these answers:")
            } }</p>
            <ul>
                { for r.evidence.iter().map(|q| html! {
                    <li>{ q.def().label.get(lang).to_owned() }{ answer_separator(q.def().label.get(lang), lang) }<strong>{ answers.shown(*q, lang).unwrap_or_default() }</strong></li>
                }) }
            </ul>
        </details>
    }
}

/// One result. `year` is the year it belongs to, for answers of several years:
/// its form is that year's, and its ids carry the year, each entry appearing
/// once a year.
fn entry(r: &EntryResult, answers: &Answers, lang: Lang, dispatch: &Callback<Action>, year: Option<u16>, show_year: bool) -> Html {
    let e = r.incentive;
    // Information is no status to claim under: it has no badge, its section says what it is.
    let tag = match r.status {
        Status::Eligible => Some(("tag eligible", r.status_name().get(lang))),
        Status::ManualReview | Status::Undetermined => Some(("tag maybe", r.status_name().get(lang))),
        Status::Information => None,
        _ => Some(("tag no", r.status_name().get(lang))),
    };
    let reason = r.reason.get(lang);
    // What the explanation cites of the catalogue, and the flags by their codes.
    let mut cited: Vec<String> = chanjiao_rules::references(&reason).into_iter().map(str::to_owned).collect();
    for f in &r.flags {
        cited.extend(chanjiao_rules::references(f.text.get(lang)).into_iter().map(str::to_owned));
        cited.push(match lang {
            Lang::Zh => format!("提示 {}", f.code),
            Lang::En => format!("flag {}", f.code),
        });
    }
    cited.dedup();
    let miss = r.miss.as_ref().map(|m| html! { <p><strong>{ lang.pick("差什么：", "What would change it: ") }</strong>{ m.change.get(lang).to_owned() }</p> });
    let id = match year {
        Some(y) => format!("cj-r-{y}-{}", e.id),
        None => format!("cj-r-{}", e.id),
    };
    // The button's text says which form, for a screen reader reading it alone.
    let form_label = match year {
        Some(y) => format!(" {} {y}", r.name_in(lang)),
        None => format!(" {}", r.name_in(lang)),
    };
    html! {
        <section class="result" key={id.clone()} aria-labelledby={id.clone()}>
            <h3 id={id.clone()}>
                { r.name_in(lang) }
                if let Some((class, tag)) = tag {
                    <span class={class}>{ tag }</span>
                }
                if let Some(y) = year.filter(|_| show_year) {
                    <span class="caption">{ match lang { Lang::Zh => format!(" {y} 年度"), Lang::En => format!(" {y}") } }</span>
                }
            </h3>
            <p class="lead">{ r.lead().get(lang).to_owned() }</p>
            if let Some(role) = r.role {
                <p class="role">{ lang.pick("申请身份：", "Claimed as: ") }{ role.name().get(lang) }</p>
            }
            // The arithmetic, what would change it and the catalogue's notes, for who wants them.
            <details>
                <summary>{ lang.pick("计算过程与说明", "How this was worked out") }</summary>
                // In plain words: the catalogue's references and the flags' codes are
                // kept for the basis below.
                <p>{ chanjiao_rules::without_references(&reason) }</p>
                { miss.unwrap_or_default() }
                { for r.flags.iter().map(|f| html! { <p class="hint">{ chanjiao_rules::without_references(f.text.get(lang)) }</p> }) }
            </details>
            { documents(r, answers, lang) }
            if r.offers_form() {
                <p><button type="button" class="button secondary" onclick={ let code = e.code.clone(); dispatch.reform(move |_| Action::Apply(year, Some(code.clone()))) }>
                    { lang.pick("准备此项申请表（PDF）", "Prepare the application form (PDF)") }
                    <span class="visually-hidden">{ form_label }</span>
                </button></p>
            }
            <details>
                <summary>{ lang.pick("政策依据与办理单位", "The clause and who handles it") }</summary>
                // The catalogue's code, which officers and the forms use, is a reference like the clause.
                <p>{ lang.pick("目录编号：", "Catalogue entry: ") }{ e.code.clone() }</p>
                // A result judged under a successor document cites that document.
                { match &r.basis {
                    Some(b) => html! {
                        <>
                            <p>{ match lang {
                                Lang::Zh => format!("条款：{} {}", b.number, b.clause),
                                Lang::En => format!("Clause: {} of {}", clause_in(&b.clause, lang), b.number_en),
                            } }</p>
                            <blockquote lang="zh-CN">{ b.quote.join(" ") }</blockquote>
                        </>
                    },
                    None => html! {
                        <>
                            <p>{ format!("{} {}", lang.pick("条款：", "Clause:"), clause_in(&e.clause, lang)) }</p>
                            <blockquote lang="zh-CN">{ e.quote.join(" ") }</blockquote>
                        </>
                    },
                } }
                if !cited.is_empty() {
                    <p>{ lang.pick("目录参考：", "The catalogue's notes: ") }{ cited.join(lang.pick("；", "; ")) }</p>
                }
                <p>{ lang.pick("可能牵头单位：", "Probable lead unit: ") }
                    if lang == Lang::En { { format!("{} ", e.lead_unit_in(lang)) } }
                    <span lang="zh-CN">{ match lang { Lang::Zh => e.lead_unit.clone(), Lang::En => format!("({})", e.lead_unit) } }</span>
                </p>
                <p>{ lang.pick("责任单位：", "Responsible units: ") }<span lang="zh-CN">{ e.units.clone() }</span></p>
            </details>
        </section>
    }
}

/// Results grouped as the applicant reads them (see [`Group`]): money to claim,
/// what is still open, support that is not money, obligations, related policy
/// information, and (folded) what is not eligible; a group with nothing in it
/// has no heading.
fn groups(
    results: &[EntryResult],
    answers: &Answers,
    lang: Lang,
    dispatch: &Callback<Action>,
    year: Option<u16>,
    show_year: bool,
    level: &'static str,
) -> Html {
    html! {
        <>
            { for Group::ALL.into_iter().filter(|g| *g != Group::NotApplicable).map(|g| {
                let members: Vec<&EntryResult> = results.iter().filter(|r| r.group() == g).collect();
                if members.is_empty() {
                    return Html::default();
                }
                let heading = match lang {
                    Lang::Zh => format!("{}（{}）", g.title().zh, members.len()),
                    Lang::En => format!("{} ({})", g.title().en, members.len()),
                };
                let cards: Html = members.iter().map(|r| entry(r, answers, lang, dispatch, year, show_year)).collect();
                html! {
                    <>
                        <@{level}>{ heading }</@>
                        if g == Group::No {
                            <details>
                                <summary>{ lang.pick("查看不符合的条目及原因", "Show these incentives and why they do not apply") }</summary>
                                { cards }
                            </details>
                        } else {
                            { cards }
                        }
                    </>
                }
            }) }
        </>
    }
}

/// How many forms are offered for results that can be claimed today, and how
/// many for results still open (to ask about before submitting).
fn form_counts<'a>(results: impl IntoIterator<Item = &'a EntryResult>) -> (usize, usize) {
    results.into_iter().filter(|r| r.offers_form()).fold((0, 0), |(ready, open), r| match r.status {
        Status::Eligible => (ready + 1, open),
        _ => (ready, open + 1),
    })
}

/// The totals in words, which the host page may read.
fn totals(t: &chanjiao_rules::Totals, lang: Lang) -> Html {
    html! {
        <div class="totals" role="status" data-cash-exact={t.cash_exact.to_string()}>
            { for t.describe().into_iter().map(|line| html! { <p>{ line.get(lang).to_owned() }</p> }) }
        </div>
    }
}

/// The results.
#[function_component(ResultsPage)]
pub fn results_page(p: &ResultsProps) -> Html {
    let lang = p.state.lang;
    // Not reached through the check page, which refuses answers the rules refuse;
    // still, never a dead end.
    let failed = || {
        html! {
            <>
                <h1 ref={p.heading.clone()} tabindex="-1">{ lang.pick("测算结果", "Your results") }</h1>
                <p role="alert">{ lang.pick("无法计算，请返回检查答案。", "The results could not be computed; go back and check your answers.") }</p>
                <button type="button" class="button secondary" onclick={p.dispatch.reform(|_| Action::Back)}>{ lang.pick("返回", "Back") }</button>
            </>
        }
    };
    let (body, forms) = if p.state.answers.has_years() {
        let Some(e) = p.state.years_evaluation() else { return failed() };
        let each = chanjiao_rules::year_answers_with(p.state.params.0, &p.state.answers, p.state.on).unwrap_or_default();
        let last = each.last().map(|(y, a)| (*y, a.clone()));
        let forms = form_counts(e.years.iter().flat_map(|y| &y.results).chain(&e.once));
        let body = html! {
            <>
                { totals(&e.totals, lang) }
                { for e.years.iter().map(|y| {
                    let answers = each.iter().find(|(year, _)| *year == y.year).map(|(_, a)| a.clone()).unwrap_or_default();
                    html! {
                        <section class="year" key={y.year.to_string()} aria-labelledby={format!("cj-year-{}", y.year)}>
                            <h2 id={format!("cj-year-{}", y.year)}>{ match lang { Lang::Zh => format!("{} 年度", y.year), Lang::En => y.year.to_string() } }</h2>
                            { for y.totals.describe().into_iter().map(|line| html! { <p>{ line.get(lang).to_owned() }</p> }) }
                            { groups(&y.results, &answers, lang, &p.dispatch, Some(y.year), true, "h3") }
                        </section>
                    }
                }) }
                // A year still to come is said, not evaluated.
                { for e.future.iter().map(|year| html! {
                    <section class="year" key={format!("future-{year}")} aria-labelledby={format!("cj-year-{year}")}>
                        <h2 id={format!("cj-year-{year}")}>{ match lang { Lang::Zh => format!("{year} 年度", ), Lang::En => year.to_string() } }</h2>
                        <p>{ chanjiao_rules::YearsEvaluation::future_notice(*year, p.state.on).get(lang).to_owned() }</p>
                    </section>
                }) }
                if !e.once.is_empty() {
                    <section class="year" aria-labelledby="cj-year-once">
                        <h2 id="cj-year-once">{ lang.pick("不分年度（一次认定）", "Not tied to a year (decided once)") }</h2>
                        { groups(&e.once, &last.as_ref().map(|(_, a)| a.clone()).unwrap_or_default(), lang, &p.dispatch, last.map(|(y, _)| y), false, "h3") }
                    </section>
                }
            </>
        };
        (body, forms)
    } else {
        let Some(e) = p.state.evaluation() else { return failed() };
        let forms = form_counts(&e.results);
        let body = html! {
            <>
                { totals(&e.totals, lang) }
                { groups(&e.results, &p.state.answers, lang, &p.dispatch, None, false, "h2") }
            </>
        };
        (body, forms)
    };
    let back = p.dispatch.reform(|_| Action::Back);
    let restart = p.dispatch.reform(|_| Action::Restart);
    let on = p.state.on;
    // The documents the results were worked out under: the plan and each
    // successor already issued, an illustration named as one.
    let params = p.state.params.0;
    let under: Vec<String> = params.issued_by(on).map(|d| d.number_marked(lang)).collect();
    html! {
        <>
            <h1 ref={p.heading.clone()} tabindex="-1">{ lang.pick("测算结果", "Your results") }</h1>
            // An illustration is said first, before any figure or badge is read.
            if let Some(notice) = params.illustration_notice(on) {
                <div class="warning illustrative" role="note"><p><strong>{ notice.get(lang).to_owned() }</strong></p></div>
            }
            <p class="caption">{ match lang {
                Lang::Zh => format!("按 {} 测算，评估日期 {on}，规则版本 {}", under.join("、"), params.version()),
                Lang::En => format!("Under {}, as of {on}, rules version {}", under.join("; "), params.version()),
            } }</p>
            if forms.0 + forms.1 > 0 {
                <div class="apply-block">
                    // Only what can be claimed is "to submit"; what is still open is
                    // said apart, with what to do first.
                    if forms.0 > 0 {
                        <p>{ match lang {
                            Lang::Zh => format!("可为 {} 项生成预填好的申请表（PDF），打印、签字盖章后提交。", forms.0),
                            Lang::En => format!("You can make pre-filled application forms (PDF) for {} of these, to print, sign, stamp with your seal if you are an organisation, and submit.", forms.0),
                        } }</p>
                    }
                    if forms.1 > 0 {
                        <p>{ match lang {
                            Lang::Zh => format!("另有 {} 项暂无法确定或需人工认定：请先向下面各项所写的受理单位咨询，再决定是否提交。也可先生成预填表，带去咨询。", forms.1),
                            Lang::En => format!("For {} more, there is no decision yet, or an officer must decide: ask the office named under each one first, then decide whether to submit. You can make their pre-filled forms to take with you.", forms.1),
                        } }</p>
                    }
                    <button type="button" class="button" onclick={p.dispatch.reform(|_| Action::Apply(None, None))}>{ lang.pick("准备申请表", "Prepare the application forms") }</button>
                </div>
            }
            { body }
            <p>
                <button type="button" class="button secondary" onclick={back}>{ lang.pick("返回修改", "Back to your answers") }</button>
                <button type="button" class="button secondary" onclick={p.on_export.clone()}>{ lang.pick("导出答案（JSON）", "Export answers (JSON)") }</button>
                <button type="button" class="button secondary" onclick={restart}>{ lang.pick("重新开始", "Start again") }</button>
            </p>
            <p><button type="button" class="link" onclick={p.on_clear.clone()}>{ lang.pick("清除我在本浏览器中的数据", "Clear my data from this browser") }</button></p>
        </>
    }
}
