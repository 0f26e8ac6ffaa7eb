//! The pages, after the GOV.UK Design System's question pages: one topic per
//! step, an error summary that takes focus and links to each field, check your
//! answers with change links, then the results. Views only: they show state and
//! send actions.

mod apply;
mod fields;
mod results;

use chanjiao_rules::{Lang, Section};
use yew::prelude::*;

pub use apply::ApplyPage;
pub use results::ResultsPage;

use crate::host;
use crate::state::{Action, Notice, State};
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
}

/// The start page's properties.
#[derive(Properties, PartialEq)]
pub struct StartProps {
    /// The state to show.
    pub state: UseReducerHandle<State>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
    /// The page heading.
    pub heading: NodeRef,
    /// Clears everything saved in this browser.
    pub on_clear: Callback<MouseEvent>,
}

/// What this is, the policy's validity, privacy, and how to begin.
#[function_component(StartPage)]
pub fn start_page(p: &StartProps) -> Html {
    let lang = p.state.lang;
    let on = p.state.on;
    let params = p.state.params;
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
    let notice = p.state.notice.map(|n| match n {
        Notice::DraftUnreadable => lang.pick(
            "上次保存的答案无法读取（可能已损坏，或由旧版规则保存），已重新开始。",
            "Your saved answers could not be read (damaged, or saved under older rules), so you are starting afresh.",
        ),
        Notice::ImportFailed => lang.pick("导入的文件不是有效的答案文件，未作更改。", "The imported file is not a valid answers file; nothing was changed."),
        Notice::Imported => lang.pick("已导入答案。", "Your answers were imported."),
        Notice::Cleared => lang.pick("已清除本浏览器中保存的全部数据。", "Everything saved in this browser has been cleared."),
    });
    let policy = params.in_force(on).unwrap_or(&params.policy);
    let validity = match params.expiry_notice(on) {
        Some(notice) => html! { <div class="warning"><p>{ notice.get(lang).to_owned() }</p></div> },
        None if policy.illustrative => html! {
            <div class="warning"><p>{ match lang {
                Lang::Zh => format!("按 {}（{} 至 {}）测算。此文件是示例，非真实政策：结果仅供演示，不能用于申请。", policy.number, policy.issued, policy.expires),
                Lang::En => format!("Evaluated under {} ({} to {}). This document is an illustration, not a real policy: results are for demonstration only and cannot be used to apply.", policy.number, policy.issued, policy.expires),
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
            if let Some(text) = notice { <div class="notice" role="status"><p>{ text }</p></div> }
            <p>{ lang.pick(
                "根据《泉州市加快建设国家产教融合试点城市实施方案》（泉政办规〔2022〕8号），回答几个问题，即可看到可申请的补助、奖励和其他支持，以及金额和依据。",
                "Answer a few questions to see which grants, awards and other support of Quanzhou's plan (泉政办规〔2022〕8号) you can claim, how much, and why.") }</p>
            { validity }
            <p>{ lang.pick("隐私：您填写的内容只保存在本浏览器中，不会发送到任何地方。", "Privacy: what you type stays in this browser and is sent nowhere.") }</p>
            if p.state.draft.is_some() {
                <div class="notice">
                    <p>{ lang.pick("您之前填写过，答案已保存在本浏览器中。", "You started before; your answers are saved in this browser.") }</p>
                    <button type="button" class="button" onclick={resume}>{ lang.pick("继续上次填写", "Resume") }</button>
                    <button type="button" class="button secondary" onclick={start.clone()}>{ lang.pick("重新开始", "Start over") }</button>
                </div>
            } else {
                <button type="button" class="button" onclick={start}>{ lang.pick("开始", "Start now") }</button>
            }
            <h2>{ lang.pick("已有答案文件？", "Have an answers file?") }</h2>
            <p>
                <label class="q" for="cj-import">{ lang.pick("导入答案（JSON 文件）", "Import answers (a JSON file)") }</label>
                <input id="cj-import" type="file" accept="application/json,.json" onchange={import} />
            </p>
            <p><button type="button" class="link" onclick={p.on_clear.clone()}>{ lang.pick("清除我在本浏览器中的数据", "Clear my data from this browser") }</button></p>
        </>
    }
}

/// Reads a small text file and hands its text on.
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
    let (n, total) = state.progress();
    let text = match state.lang {
        Lang::Zh => format!("第 {n} 步，共 {total} 步"),
        Lang::En => format!("Step {n} of {total}"),
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
    let submit = {
        let d = p.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.emit(Action::Continue);
        })
    };
    let back = p.dispatch.reform(|_| Action::Back);
    let errors = &p.state.errors;
    let summary = error_summary(lang, p.error_summary.clone(), errors.iter().map(|e| (format!("cj-{}", e.q.id()), e.message.get(lang).to_owned())).collect());
    html! {
        <>
            { progress(&p.state) }
            { summary }
            <h1 ref={p.heading.clone()} tabindex="-1">{ p.section.title().get(lang) }</h1>
            <form novalidate=true onsubmit={submit}>
                // One stable slot per question of the topic, filled or empty: a field that
                // appears fills its slot instead of being inserted, so the fields around it
                // are never moved or recreated and keep the keyboard focus.
                { for chanjiao_rules::questions::all().iter().filter(|q| q.q.section() == p.section).map(|slot| {
                    let shown = questions.iter().any(|q| q.q == slot.q);
                    let error = errors.iter().find(|e| e.q == slot.q).map(|e| e.message.get(lang).to_owned());
                    let value = p.state.raw.get(&slot.q).cloned().unwrap_or_default();
                    html! {
                        <div class="slot" key={slot.id}>
                            if shown { <Field question={slot.q} value={value} error={error} lang={lang} help={slot.q.def().help_under(p.state.params.0, p.state.on)} dispatch={p.dispatch.clone()} /> }
                        </div>
                    }
                }) }
                <button type="submit" class="button">{ lang.pick("继续", "Continue") }</button>
                <button type="button" class="button secondary" onclick={back}>{ lang.pick("返回", "Back") }</button>
            </form>
        </>
    }
}

/// Check your answers, with a change link for each topic.
#[function_component(CheckPage)]
pub fn check_page(p: &PageProps) -> Html {
    let lang = p.state.lang;
    let rows: Vec<(chanjiao_rules::Q, String)> = p
        .state
        .answers
        .iter()
        .filter(|(q, _)| p.state.answers.asks(*q))
        .map(|(q, _)| (q, fields::shown_value(q, p.state.raw.get(&q).map(String::as_str).unwrap_or(""), lang)))
        .collect();
    let go = p.dispatch.reform(|_| Action::Continue);
    let back = p.dispatch.reform(|_| Action::Back);
    html! {
        <>
            { progress(&p.state) }
            <h1 ref={p.heading.clone()} tabindex="-1">{ lang.pick("核对您的回答", "Check your answers") }</h1>
            <dl class="summary">
                { for rows.into_iter().map(|(q, shown)| {
                    let section = q.section();
                    let change = p.dispatch.reform(move |_| Action::Change(section));
                    let label = q.def().label.get(lang);
                    html! {
                        <>
                            <dt>{ label }</dt>
                            <dd>{ shown }</dd>
                            <dd><button type="button" class="link" onclick={change}>
                                { lang.pick("更改", "Change") }<span class="visually-hidden">{ format!(" {label}") }</span>
                            </button></dd>
                        </>
                    }
                }) }
            </dl>
            <button type="button" class="button" onclick={go}>{ lang.pick("查看结果", "See the results") }</button>
            <button type="button" class="button secondary" onclick={back}>{ lang.pick("返回", "Back") }</button>
        </>
    }
}
