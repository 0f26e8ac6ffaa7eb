//! The pages, after the GOV.UK Design System's question pages: one topic per
//! step, an error summary that takes focus and links to each field, check your
//! answers with change links, then the results. Views only: they show state and
//! send actions.

mod apply;
mod fields;
mod results;

use chanjiao_rules::{Date, Lang, Section, Text};
use yew::prelude::*;

pub use apply::ApplyPage;
pub use results::ResultsPage;

use crate::host;
use crate::state::{Action, Notice, Page, PolicyRef, State};
use fields::Field;

/// What every page gets.
#[derive(Properties, PartialEq)]
pub struct PageProps {
    /// The state to show.
    pub state: UseReducerHandle<State>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
    /// The page heading, which takes focus when the page changes.
    pub heading: NodeRef,
    /// The page's error summary, which takes focus after a refused Continue.
    #[prop_or_default]
    pub error_summary: NodeRef,
}

/// The widget's frame: the language of everything inside, and the switch to
/// the other language above the page.
pub fn frame(lang: Lang, on_switch: Callback<MouseEvent>, page: Html) -> Html {
    let (name, tag) = match lang {
        Lang::Zh => ("English", "en"),
        Lang::En => ("中文", "zh-CN"),
    };
    html! {
        <div class="cj" lang={if lang == Lang::Zh { "zh-CN" } else { "en" }}>
            <p class="lang"><button type="button" class="link" lang={tag} onclick={on_switch}>{ name }</button></p>
            { page }
        </div>
    }
}

/// The start page's properties: what it shows, not the whole state, so that the
/// first screen (crate feature `first`) can show it before the rest of the
/// widget has arrived.
#[derive(Properties, PartialEq)]
pub struct StartProps {
    /// The language shown.
    pub lang: Lang,
    /// The evaluation date.
    pub on: Date,
    /// The policy evaluated under.
    pub params: PolicyRef,
    /// A notice to show above the introduction.
    pub notice: Option<Notice>,
    /// The notice in words, when the whole widget has more to say than
    /// [`notice_text`] (what the rules found wrong in an import).
    pub notice_said: Option<String>,
    /// Whether a saved draft is on offer.
    pub has_draft: bool,
    /// Set while the rest of the widget is still loading after the user chose
    /// how to begin: the buttons wait, and a status line says so.
    #[prop_or_default]
    pub busy: bool,
    /// Where Start, Resume and Import go.
    pub dispatch: Callback<Action>,
    /// The page heading.
    pub heading: NodeRef,
    /// Clears everything saved in this browser.
    pub on_clear: Callback<MouseEvent>,
    /// Brings back what "clear" dropped, while it can.
    #[prop_or_default]
    pub on_undo: Option<Callback<MouseEvent>>,
}

/// What this is, the policy's validity, privacy, and how to begin.
#[function_component(StartPage)]
pub fn start_page(p: &StartProps) -> Html {
    let (lang, on, params) = (p.lang, p.on, p.params);
    // While the rest of the widget loads, the buttons say they wait (a second
    // press changes nothing: the first choice goes ahead).
    let waiting = p.busy.then_some("true");
    let start = p.dispatch.reform(|_| Action::Start);
    let resume = p.dispatch.reform(|_| Action::Resume);
    let import = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                let d = d.clone();
                crate::host::read_json_file(&file, move |json| d.emit(Action::Import(json)));
            }
        })
    };
    let notice = p.notice.map(|n| p.notice_said.clone().unwrap_or_else(|| notice_text(n, lang).to_owned()));
    let policy = params.in_force(on).unwrap_or(&params.policy);
    // An illustration already issued is said first, whether or not it is still in force.
    let illustration = params.illustrative_on(on).filter(|d| !std::ptr::eq(*d, policy)).map(|d| {
        html! {
            <div class="warning"><p>{ match lang {
                Lang::Zh => format!("已载入示例文件 {}（{} 至 {}）。此文件是示例，非真实政策：结果仅供演示，不能用于申请。", d.number, d.issued, d.expires),
                Lang::En => format!("The illustrative document {} ({} to {}) is loaded. It is an illustration, not a real policy: results are for demonstration only and cannot be used to apply.", d.number_en, d.issued, d.expires),
            } }</p></div>
        }
    });
    let validity = match params.expiry_notice(on) {
        Some(notice) => html! { <div class="warning"><p>{ notice.get(lang).to_owned() }</p></div> },
        None if policy.illustrative => html! {
            <div class="warning"><p>{ match lang {
                Lang::Zh => format!("按 {}（{} 至 {}）测算。此文件是示例，非真实政策：结果仅供演示，不能用于申请。", policy.number, policy.issued, policy.expires),
                Lang::En => format!("Evaluated under {} ({} to {}). This document is an illustration, not a real policy: results are for demonstration only and cannot be used to apply.", policy.number_en, policy.issued, policy.expires),
            } }</p></div>
        },
        None => html! {
            <p>{ match lang {
                Lang::Zh => format!("本政策有效期为 {} 至 {}。", policy.issued, policy.expires),
                Lang::En => format!("The policy is valid from {} to {}.", policy.issued, policy.expires),
            } }</p>
        },
    };
    html! {
        <>
            <h1 ref={p.heading.clone()} tabindex="-1">{ lang.pick("产教融合政策申报测算", "Industry–education integration incentives: check what you can claim") }</h1>
            if let Some(text) = notice {
                <div class="notice" role="status">
                    <p>{ text }</p>
                    if let Some(on_undo) = p.on_undo.clone().filter(|_| p.notice == Some(Notice::Cleared)) { { undo_button(lang, on_undo) } }
                </div>
            }
            // The plan's title and number as the rules hold them, not copied
            // here, and the documents that follow it, an illustration named as one.
            <p>{ match lang {
                Lang::Zh => format!("根据《泉州市{}》（{}）{}，回答几个问题，即可看到可申请的补助、奖励和其他支持，以及金额和依据。", params.policy.title, params.policy.number, followers(params.0, on, lang)),
                Lang::En => format!(
                    "Answer a few questions to see which grants, awards and other support you can claim under Quanzhou's plan for a national industry–education integration pilot city ({}){}, how much, and why.",
                    params.policy.number_en, followers(params.0, on, lang)
                ),
            } }</p>
            { validity }
            { illustration.unwrap_or_default() }
            <p>{ lang.pick("隐私：您填写的内容只保存在本浏览器中，不会发送到任何地方。", "Privacy: what you type stays in this browser and is sent nowhere.") }</p>
            if p.has_draft {
                <div class="notice">
                    <p>{ lang.pick("您之前填写过，答案已保存在本浏览器中。", "You have answers saved in this browser from an earlier visit.") }</p>
                    <button type="button" class="button" aria-disabled={waiting} onclick={resume}>{ lang.pick("继续上次填写", "Continue where you left off") }</button>
                    <button type="button" class="button secondary" aria-disabled={waiting} onclick={start.clone()}>{ lang.pick("重新开始", "Start over") }</button>
                </div>
            } else {
                <button type="button" class="button" aria-disabled={waiting} onclick={start}>{ lang.pick("开始", "Start now") }</button>
            }
            <p class="status" role="status">{ if p.busy { lang.pick("正在载入，请稍候……", "Loading, please wait…") } else { "" } }</p>
            <h2>{ lang.pick("已有答案文件？", "Already have an answers file?") }</h2>
            <p>
                <label class="q" for="cj-import">{ lang.pick("导入答案（JSON 文件）", "Import answers (a JSON file)") }</label>
                <input id="cj-import" type="file" accept="application/json,.json" onchange={import} />
            </p>
            <p><button type="button" class="link" onclick={p.on_clear.clone()}>{ lang.pick("清除我在本浏览器中的数据", "Clear my data from this browser") }</button></p>
        </>
    }
}

/// The successors already issued on `on`, as the start page's first sentence
/// names them after the plan ("及 示例〔2026〕1号（示例，非真实政策）"), or nothing.
fn followers(params: &chanjiao_rules::Params, on: Date, lang: Lang) -> String {
    let names: Vec<String> = params.issued_by(on).skip(1).map(|d| d.number_marked(lang)).collect();
    match (names.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Zh) => format!("及 {}", names.join("、")),
        (false, Lang::En) => format!(" and {}", names.join("; ")),
    }
}

/// A notice in words: answers imported, or not, a draft that could not be
/// read, data cleared, answers dropped to start again.
pub(crate) fn notice_text(n: Notice, lang: Lang) -> &'static str {
    match n {
        Notice::DraftUnreadable => lang.pick(
            "上次保存的答案无法读取（可能已损坏，或由旧版规则保存），已重新开始。",
            "Your saved answers could not be read (damaged, or saved under older rules), so you are starting again.",
        ),
        Notice::Imported => lang.pick("已导入答案。", "Your answers were imported."),
        Notice::ImportFailed => lang.pick("导入的文件不是有效的答案文件，未作更改。", "The imported file is not a valid answers file; nothing was changed."),
        Notice::Cleared => lang.pick("已清除本浏览器中保存的全部数据。", "Everything saved in this browser has been cleared."),
        Notice::Restarted => lang.pick("已清空答案，从第一个问题重新开始。", "Your answers were cleared; you are starting again from the first question."),
    }
}

/// A notice with what the rules found wrong in an import, where they found
/// something: the whole widget says this; the first screen, which never
/// reads a file with the rules, only [`notice_text`].
pub(crate) fn notice_with_problem(n: Notice, problem: Option<&Text>, lang: Lang) -> String {
    match (n, problem, lang) {
        (Notice::Imported, Some(problem), Lang::Zh) => format!("已导入答案，但有一处需要修改：{}核对答案时可前往修改。", sentence(&problem.zh, "。")),
        (Notice::Imported, Some(problem), Lang::En) => {
            format!("Your answers were imported, but one needs fixing: {} You can go to it when you check your answers.", sentence(&problem.en, "."))
        }
        (Notice::ImportFailed, Some(why), Lang::Zh) => format!("导入的文件未能读取，未作更改：{}", sentence(&why.zh, "。")),
        (Notice::ImportFailed, Some(why), Lang::En) => format!("The imported file could not be read, so nothing was changed: {}", sentence(&why.en, ".")),
        _ => notice_text(n, lang).to_owned(),
    }
}

/// The button that brings back what was just dropped, while it can.
pub(crate) fn undo_button(lang: Lang, on_undo: Callback<MouseEvent>) -> Html {
    html! { <button type="button" class="button secondary" onclick={on_undo}>{ lang.pick("撤销", "Undo") }</button> }
}

/// On the page an import or "start again" led to: that the answers were
/// imported (and what the rules found wrong in them), or dropped, with the
/// way to bring them back.
fn imported(state: &State, dispatch: &Callback<Action>) -> Html {
    match state.notice {
        Some(n @ Notice::Imported) => {
            html! { <div class="notice" role="status"><p>{ notice_with_problem(n, state.import_problem.as_ref(), state.lang) }</p></div> }
        }
        Some(n @ Notice::Restarted) => html! {
            <div class="notice" role="status">
                <p>{ notice_text(n, state.lang) }</p>
                if state.undo.is_some() { { undo_button(state.lang, dispatch.reform(|_| Action::Undo)) } }
            </div>
        },
        _ => Html::default(),
    }
}

/// A message as a sentence: with its full stop, added if it has none.
fn sentence(message: &str, stop: &str) -> String {
    match message.ends_with(['。', '.', '！', '？', '!', '?']) {
        true => message.to_owned(),
        false => format!("{message}{stop}"),
    }
}

/// The error summary: it takes focus after a failed submit and links to each
/// field (by element id) with its message. Nothing when there are no errors.
pub(crate) fn error_summary(lang: Lang, node: NodeRef, items: Vec<(String, String)>) -> Html {
    if items.is_empty() {
        return html! {};
    }
    html! {
        <div class="error-summary" role="alert" tabindex="-1" ref={node} aria-labelledby="cj-error-title">
            <h2 id="cj-error-title">{ lang.pick("请修改以下问题", "There is a problem") }</h2>
            <ul>
                { for items.into_iter().map(|(id, message)| {
                    let target = id.clone();
                    let jump = Callback::from(move |ev: MouseEvent| {
                        ev.prevent_default();
                        if let Some(el) = ev.target_dyn_into::<web_sys::Element>() {
                            host::focus_in_root(&el, &target);
                        }
                    });
                    html! { <li key={id.clone()}><a href={format!("#{id}")} onclick={jump}>{ message }</a></li> }
                }) }
            </ul>
        </div>
    }
}

/// "Step 3 of 7".
fn progress(state: &State) -> Html {
    let p = state.progress();
    let n = p.step;
    let text = match (state.lang, p.total, p.exact) {
        (Lang::Zh, None, _) => format!("第 {n} 步"),
        (Lang::En, None, _) => format!("Step {n}"),
        (Lang::Zh, Some(total), true) => format!("第 {n} 步，共 {total} 步"),
        (Lang::En, Some(total), true) => format!("Step {n} of {total}"),
        (Lang::Zh, Some(total), false) => format!("第 {n} 步，最多 {total} 步"),
        (Lang::En, Some(total), false) => format!("Step {n} of at most {total}"),
    };
    html! { <p class="caption">{ text }</p> }
}

/// The questions page's properties.
#[derive(Properties, PartialEq)]
pub struct QuestionsProps {
    /// The state to show.
    pub state: UseReducerHandle<State>,
    /// The topic shown.
    pub section: Section,
    /// Where actions go.
    pub dispatch: Callback<Action>,
    /// The page heading.
    pub heading: NodeRef,
    /// The error summary, which takes focus after a failed Continue.
    pub error_summary: NodeRef,
}

/// One topic's questions.
#[function_component(QuestionsPage)]
pub fn questions_page(p: &QuestionsProps) -> Html {
    let lang = p.state.lang;
    let questions = p.state.questions_in(p.section);
    let finished = p.state.finished_sections();
    html! {
        <>
            { progress(&p.state) }
            { imported(&p.state, &p.dispatch) }
            { moved(&p.state) }
            { field_errors(&p.state, p.error_summary.clone()) }
            <h1 ref={p.heading.clone()} tabindex="-1">{ p.section.title().get(lang) }</h1>
            <form novalidate=true onsubmit={continue_on_submit(&p.dispatch)}>
                // Shown fields in the order they appeared (with any of a finished topic
                // that an answer here made necessary), then the topic's empty slots.
                // Every field that may appear has its slot from the start, so that one
                // appearing moves an empty slot rather than the field being typed in.
                { for p.state.shown_order.iter().map(|q| q.def()).filter(|q| q.q.section() == p.section || questions.iter().any(|x| x.q == q.q))
                    .chain(p.state.questions().into_iter().filter(|q| (q.q.section() == p.section || finished.contains(&q.q.section())) && !p.state.shown_order.contains(&q.q)))
                    .map(|q| slot(&p.state, q, &questions, p.state.raw.get(&q.q).cloned().unwrap_or_default(), &p.dispatch)) }
                { continue_and_back(lang, &p.dispatch) }
            </form>
        </>
    }
}

/// A form's submit: Continue.
fn continue_on_submit(dispatch: &Callback<Action>) -> Callback<SubmitEvent> {
    dispatch.reform(|e: SubmitEvent| {
        e.prevent_default();
        Action::Continue
    })
}

/// A question page's buttons.
fn continue_and_back(lang: Lang, dispatch: &Callback<Action>) -> Html {
    html! {
        <>
            <button type="submit" class="button">{ lang.pick("继续", "Continue") }</button>
            <button type="button" class="button secondary" onclick={dispatch.reform(|_| Action::Back)}>{ lang.pick("返回", "Back") }</button>
        </>
    }
}

/// The error summary of a question page's fields.
fn field_errors(state: &State, node: NodeRef) -> Html {
    let lang = state.lang;
    let mut items: Vec<(String, String)> = state.errors.iter().map(|e| (format!("cj-{}", e.q.id()), e.message.get(lang).to_owned())).collect();
    items.extend(state.cohort_errors.iter().map(|(row, date, message)| match row {
        Some(i) => (cohort_input(*i, *date), format!("{}{}", group_name(*i, lang), message.get(lang))),
        None => (format!("cj-{}", chanjiao_rules::Q::GraduatesHiredOn.id()), message.get(lang).to_owned()),
    }));
    error_summary(lang, node, items)
}

/// What the last Continue did with the graduates' groups, said on the page it led to.
fn moved(state: &State) -> Html {
    match &state.year_notice {
        Some((false, said)) => html! { <div class="notice" role="status"><p>{ said.get(state.lang).to_owned() }</p></div> },
        _ => Html::default(),
    }
}

/// The id of a group row's input: its count, or with `date` its start date.
fn cohort_input(row: usize, date: bool) -> String {
    format!("cj-cohort-{row}-{}", if date { "date" } else { "count" })
}

/// A group row's name: the page's own count and date are the first group.
fn group_name(row: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {} 批：", row + 2),
        Lang::En => format!("Group {}: ", row + 2),
    }
}

/// Further groups of graduates hired on other dates, each a count and a
/// start date, after the page's own; on Continue each goes to its year.
fn cohort_rows(state: &State, dispatch: &Callback<Action>) -> Html {
    let lang = state.lang;
    let error = |row: usize, date: bool| state.cohort_errors.iter().find(|(r, d, _)| (*r, *d) == (Some(row), date)).map(|(_, _, m)| m.get(lang).to_owned());
    let whole = state.cohort_errors.iter().find(|(r, _, _)| r.is_none()).map(|(_, _, m)| m.get(lang).to_owned());
    let input = |row: usize, date: bool, value: &str| {
        let id = cohort_input(row, date);
        let error = error(row, date);
        let (label, hint) = if date {
            (lang.pick("入职日期", "Start date"), lang.pick("劳动合同上的入职日期，例如 2025-08-01", "As in the labour contract, e.g. 2025-08-01"))
        } else {
            (lang.pick("人数", "Number hired"), lang.pick("这一批的人数", "How many started in this group"))
        };
        let oninput = dispatch.reform(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            Action::EditCohort(row, date, input.value())
        });
        html! {
            <div class={if error.is_some() { "field error" } else { "field" }}>
                <label class="q" for={id.clone()}>{ label }</label>
                <span class="hint" id={format!("{id}-hint")}>{ hint }</span>
                if let Some(e) = &error {
                    <span class="error-message" id={format!("{id}-error")}><span class="visually-hidden">{ lang.pick("错误：", "Error: ") }</span>{ e.clone() }</span>
                }
                <input type="text" id={id.clone()} inputmode={if date { "text" } else { "numeric" }} autocomplete="off" spellcheck="false" value={value.to_owned()}
                    aria-describedby={if error.is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-hint") }}
                    aria-invalid={error.is_some().then_some("true")} {oninput} />
            </div>
        }
    };
    html! {
        <div class="cohorts">
            if let Some(e) = whole {
                <p class="error-message"><span class="visually-hidden">{ lang.pick("错误：", "Error: ") }</span>{ e }</p>
            }
            if !state.cohorts.is_empty() {
                <p class="hint">{ lang.pick("第 1 批为上面填写的人数和入职日期。", "Group 1 is the number and date above.") }</p>
            }
            { for state.cohorts.iter().enumerate().map(|(row, (count, date))| {
                let name = group_name(row, lang);
                html! {
                    <fieldset class="cohort" key={row}>
                        <legend class="q">{ name.trim_end_matches(['：', ':', ' ']).to_owned() }</legend>
                        { input(row, false, count) }
                        { input(row, true, date) }
                        <button type="button" class="link" onclick={dispatch.reform(move |_| Action::RemoveCohort(row))}>
                            { lang.pick("删除", "Remove") }<span class="visually-hidden">{ format!(" {}", name.trim_end_matches(['：', ':', ' '])) }</span>
                        </button>
                    </fieldset>
                }
            }) }
            if state.cohorts.len() < crate::state::MAX_COHORTS {
                <p><button type="button" class="button secondary" onclick={dispatch.reform(|_| Action::AddCohort)}>
                    { lang.pick("添加另一批（其他日期入职的）", "Add another group (started on another date)") }
                </button></p>
            }
            <p class="hint">{ lang.pick(
                "其他年度入职的一批，会自动记入那一年度；同一年度的各批人数相加，按最早的入职日期测算。",
                "A group that started in another year is counted in that year automatically. Groups in the same year are added together, using the earliest start date.",
            ) }</p>
        </div>
    }
}

/// A question's hint as a citizen reads it: its figures from the policy in
/// force, without the catalogue's references and bare clause numbers (the
/// results keep those, under "the clause").
fn hint(q: &chanjiao_rules::Question, state: &State) -> chanjiao_rules::Text {
    let help = q.help_under(state.params.0, state.on);
    chanjiao_rules::Text::new(chanjiao_rules::plain(&help.zh), chanjiao_rules::plain(&help.en))
}

/// One stable slot per question a page may hold, filled when `shown` lists it:
/// a field that appears fills its slot instead of being inserted, so the
/// fields around it are never moved or recreated and keep the keyboard focus.
fn slot(state: &State, q: &'static chanjiao_rules::Question, shown: &[&chanjiao_rules::Question], value: String, dispatch: &Callback<Action>) -> Html {
    let lang = state.lang;
    let error = state.errors.iter().find(|e| e.q == q.q).map(|e| e.message.get(lang).to_owned());
    html! {
        <div class="slot" key={q.id}>
            if shown.iter().any(|s| s.q == q.q) {
                <Field question={q.q} value={value} error={error} lang={lang} help={hint(q, state)} dispatch={dispatch.clone()} />
                if q.q == chanjiao_rules::Q::GraduatesHiredOn {
                    { cohort_rows(state, dispatch) }
                }
            }
        </div>
    }
}

/// A year's page's properties.
#[derive(Properties, PartialEq)]
pub struct YearProps {
    /// The state to show.
    pub state: UseReducerHandle<State>,
    /// The year shown.
    pub year: u16,
    /// Where actions go.
    pub dispatch: Callback<Action>,
    /// The page heading.
    pub heading: NodeRef,
    /// The error summary, which takes focus after a failed Continue.
    pub error_summary: NodeRef,
}

/// One year's facts, for answers of several years, under the topics they belong to.
#[function_component(YearPage)]
pub fn year_page(p: &YearProps) -> Html {
    let lang = p.state.lang;
    let year = p.year;
    let questions = p.state.questions_in_year(year);
    let typed = p.state.years_raw.get(&year).cloned().unwrap_or_default();
    let of_year = |q: &chanjiao_rules::Question| chanjiao_rules::questions::YEARLY.contains(&q.q) || q.q == chanjiao_rules::Q::B1CarriedIn;
    let mut sections: Vec<Section> = chanjiao_rules::questions::all().iter().filter(|q| of_year(q)).map(|q| q.q.section()).collect();
    sections.dedup();
    html! {
        <>
            { progress(&p.state) }
            { imported(&p.state, &p.dispatch) }
            { moved(&p.state) }
            { field_errors(&p.state, p.error_summary.clone()) }
            <h1 ref={p.heading.clone()} tabindex="-1">{ match lang { Lang::Zh => format!("{year} 年度的情况"), Lang::En => format!("Your facts for {year}") } }</h1>
            <p>{ lang.pick(
                "只填写这一年度新发生的情况（当年的投资、学徒、新吸纳的毕业生、新取得的证书）；其他年度已填写的，不要重复填写。",
                "Give only what happened in this year (its investment, apprentices, graduates hired, certificates obtained); do not repeat anything you entered for another year.",
            ) }</p>
            if p.state.answers.roles().contains(&chanjiao_rules::ApplicantType::Enterprise) {
                <p>{ lang.pick("上年结转的抵免余额会自动计算。", "The unused credit carried over from the year before is worked out for you.") }</p>
            }
            <form novalidate=true onsubmit={continue_on_submit(&p.dispatch)}>
                // The facts a year may hold, under the topics they belong to.
                { for sections.into_iter().map(|section| {
                    let slots: Vec<&'static chanjiao_rules::Question> =
                        chanjiao_rules::questions::all().iter().filter(|q| of_year(q) && q.q.section() == section).collect();
                    let any = slots.iter().any(|s| questions.iter().any(|q| q.q == s.q));
                    html! {
                        <div class="slot" key={format!("{section:?}")}>
                            if any { <h2>{ section.title().get(lang) }</h2> }
                            { for slots.into_iter().map(|q| slot(&p.state, q, &questions, typed.get(&q.q).cloned().unwrap_or_default(), &p.dispatch)) }
                        </div>
                    }
                }) }
                { continue_and_back(lang, &p.dispatch) }
            </form>
        </>
    }
}

/// Rows of answers with a change link each, as the check page lists them;
/// `within` names the year in the links' hidden text, when rows are a year's.
fn answer_rows(
    rows: Vec<(chanjiao_rules::Q, String)>,
    lang: Lang,
    within: Option<u16>,
    change: impl Fn(chanjiao_rules::Q) -> Action + Clone + 'static,
    dispatch: &Callback<Action>,
) -> Html {
    html! {
        <dl class="summary">
            { for rows.into_iter().map(|(q, shown)| {
                let change = { let change = change.clone(); dispatch.reform(move |_| change(q)) };
                let label = q.def().label.get(lang);
                let hidden = match (within, lang) {
                    (Some(y), Lang::Zh) => format!(" {y} 年度的{label}"),
                    (Some(y), Lang::En) => format!(" {label} for {y}"),
                    (None, _) => format!(" {label}"),
                };
                html! {
                    <>
                        <dt>{ label }</dt>
                        <dd>{ shown }</dd>
                        <dd><button type="button" class="link" onclick={change}>
                            { lang.pick("更改", "Change") }<span class="visually-hidden">{ hidden }</span>
                        </button></dd>
                    </>
                }
            }) }
        </dl>
    }
}

/// Check your answers, with a change link for each topic; for answers of
/// several years, each year's facts (the first with the balance it opens
/// with); and a way to add another year.
#[function_component(CheckPage)]
pub fn check_page(p: &PageProps) -> Html {
    let lang = p.state.lang;
    let years = p.state.answers.has_years();
    let opening = chanjiao_rules::Q::B1CarriedIn;
    let row = |q: chanjiao_rules::Q, raw: &str| (q, fields::shown_value(q, raw, lang));
    let rows: Vec<(chanjiao_rules::Q, String)> = p
        .state
        .answers
        .iter()
        .filter(|(q, _)| p.state.answers.asks(*q) && !(years && *q == opening))
        .map(|(q, _)| row(q, p.state.raw.get(&q).map(String::as_str).unwrap_or("")))
        .collect();
    let first = p.state.years_raw.keys().next().copied();
    let last = p.state.years_raw.keys().last().copied();
    let go = p.dispatch.reform(|_| Action::Continue);
    let back = p.dispatch.reform(|_| Action::Back);
    html! {
        <>
            { progress(&p.state) }
            { imported(&p.state, &p.dispatch) }
            <h1 ref={p.heading.clone()} tabindex="-1">{ lang.pick("核对您的回答", "Check your answers") }</h1>
            if let Some((message, page)) = &p.state.check_error {
                <div class="error-summary" role="alert" tabindex="-1" ref={p.error_summary.clone()} aria-labelledby="cj-error-title">
                    <h2 id="cj-error-title">{ lang.pick("请先修改以下问题，再查看结果", "Fix this before seeing the results") }</h2>
                    <p>{ message.get(lang).to_owned() }</p>
                    if let Some(page) = *page {
                        <p><button type="button" class="link" onclick={p.dispatch.reform(move |_| match page {
                            Page::Year(year) => Action::ChangeYear(year),
                            Page::Questions(section) => Action::Change(section),
                            _ => Action::Back,
                        })}>{ lang.pick("前往修改", "Change this answer") }</button></p>
                    }
                </div>
            }
            // What the last change did (a year removed, groups of hires placed),
            // said above the answers, where it is seen.
            if let Some((false, said)) = &p.state.year_notice {
                <p class="notice" role="status">{ said.get(lang).to_owned() }</p>
            }
            { answer_rows(rows, lang, None, |q| Action::ChangeAnswer(q, None), &p.dispatch) }
            { for p.state.years_raw.iter().map(|(year, typed)| {
                let year = *year;
                // The balance carried in is given once, for the first year; later years' are worked out.
                let carried = (Some(year) == first).then(|| p.state.raw.get(&opening).map(|raw| row(opening, raw))).flatten();
                let mut rows: Vec<(chanjiao_rules::Q, String)> = carried.into_iter().collect();
                rows.extend(typed.iter().map(|(q, raw)| row(*q, raw)));
                let title = match lang { Lang::Zh => format!("{year} 年度"), Lang::En => year.to_string() };
                html! {
                    <section class="year" key={year.to_string()} aria-labelledby={format!("cj-check-{year}")}>
                        <h2 id={format!("cj-check-{year}")}>{ title.clone() }</h2>
                        { answer_rows(rows, lang, Some(year), move |q| if q == opening { Action::ChangeAnswer(q, None) } else { Action::ChangeAnswer(q, Some(year)) }, &p.dispatch) }
                        // The last year may go; the only one stays (its facts would go with it).
                        if Some(year) == last && first != last {
                            <p><button type="button" class="link" onclick={p.dispatch.reform(move |_| Action::RemoveYear(year))}>
                                { lang.pick("删除此年度", "Remove this year") }<span class="visually-hidden">{ format!(" {title}") }</span>
                            </button></p>
                        }
                    </section>
                }
            }) }
            if p.state.can_add_years() {
                <AddYear state={p.state.clone()} dispatch={p.dispatch.clone()} />
            }
            <button type="button" class="button" onclick={go}>{ lang.pick("查看结果", "See the results") }</button>
            <button type="button" class="button secondary" onclick={back}>{ lang.pick("返回", "Back") }</button>
        </>
    }
}

/// The add-a-year panel's properties.
#[derive(Properties, PartialEq)]
struct AddYearProps {
    state: UseReducerHandle<State>,
    dispatch: Callback<Action>,
}

/// Another year in the same assessment: the year the answers so far are for
/// (asked once, before any year is added) and the year to add, after the last.
#[function_component(AddYear)]
fn add_year(p: &AddYearProps) -> Html {
    let lang = p.state.lang;
    let on = p.state.on.year();
    let first = !p.state.answers.has_years();
    let choices = p.state.year_choices();
    let current = use_state(|| p.state.likely_year().clamp(*choices.start(), *choices.end()));
    let addable = p.state.addable_years(*current);
    let added = use_state(|| None::<u16>);
    let chosen = added.filter(|y| addable.contains(y)).or_else(|| addable.first().copied());
    let pick_current = {
        let current = current.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(y) = select.value().parse() {
                current.set(y);
            }
        })
    };
    let pick_added = {
        let added = added.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            added.set(select.value().parse().ok());
        })
    };
    let add = {
        let (d, current) = (p.dispatch.clone(), *current);
        Callback::from(move |_: MouseEvent| {
            if let Some(added) = chosen {
                d.emit(Action::AddYear { current, added });
            }
        })
    };
    let credit = p.state.answers.roles().contains(&chanjiao_rules::ApplicantType::Enterprise);
    let refused = match &p.state.year_notice {
        Some((true, said)) => Some(said.get(lang).to_owned()),
        _ => None,
    };
    html! {
        <section class="add-year" aria-labelledby="cj-add-year">
            <h2 id="cj-add-year">{ lang.pick("一并测算其他年度", "Add another year") }</h2>
            <p>{ lang.pick(
                "如还有之后年度的情况（当年的投资、学徒、新吸纳的毕业生，或新取得的证书），可添加年度一并测算。请从最早的年度开始。",
                "If you also have a later year's facts (that year's investment, apprentices, graduates hired, or certificates obtained), add the year to assess it too. Start with the earliest year.",
            ) }</p>
            if credit {
                <p>{ lang.pick("抵免余额会自动结转到下一年度。", "The credit balance is carried forward to the next year automatically.") }</p>
            }
            if let Some(message) = refused {
                <p class="error-message" role="alert">{ message }</p>
            }
            if first {
                <div class="setting">
                    <label class="q" for="cj-current-year">{ lang.pick("以上回答属于哪一年度？", "Which year are the answers above for?") }</label>
                    <select id="cj-current-year" onchange={pick_current}>
                        { for choices.rev().map(|y| html! { <option key={y} value={y.to_string()} selected={y == *current}>{ y }</option> }) }
                    </select>
                </div>
            }
            if addable.is_empty() {
                <p class="hint">{ match lang {
                    Lang::Zh => format!("{on} 年度之后的年度尚未到来。"),
                    Lang::En => format!("You cannot add a year after {on} yet."),
                } }</p>
            } else {
                <div class="setting">
                    <label class="q" for="cj-added-year">{ lang.pick("要添加的年度", "Year to add") }</label>
                    <select id="cj-added-year" onchange={pick_added}>
                        { for addable.iter().map(|y| html! { <option key={*y} value={y.to_string()} selected={Some(*y) == chosen}>{ y }</option> }) }
                    </select>
                </div>
                <button type="button" class="button secondary" onclick={add}>{ lang.pick("添加此年度", "Add this year") }</button>
            }
        </section>
    }
}
