//! One question as a form field: radios for yes/no and short lists, a select for
//! long lists, a text input (with `inputmode`) for numbers, money and dates, so
//! that what the user typed is kept exactly, even when it is not valid.

use chanjiao_rules::questions::Kind;
use chanjiao_rules::{Answers, Lang, Q, Text, validate};
use yew::prelude::*;

use crate::state::Action;

/// A field's properties.
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The question.
    pub question: Q,
    /// What the user typed so far.
    pub value: String,
    /// The error to show, if any.
    pub error: Option<String>,
    /// The language shown.
    pub lang: Lang,
    /// The question's help, its figures from the policy in force.
    pub help: Text,
    /// Where edits go.
    pub dispatch: Callback<Action>,
}

/// The answer as the check page shows it, as the rules show an answer: option
/// labels, Yes/No, an amount in yuan with its separators, a date as YYYY-MM-DD;
/// what the rules cannot read is shown as typed.
pub fn shown_value(q: Q, raw: &str, lang: Lang) -> String {
    let mut answers = Answers::new();
    match answers.set_text(q, raw) {
        Ok(()) => answers.shown(q, lang).unwrap_or_else(|| raw.to_owned()),
        Err(_) => raw.to_owned(),
    }
}

fn input_mode(kind: Kind) -> &'static str {
    match kind {
        Kind::Count { .. } | Kind::Year => "numeric",
        Kind::Money => "decimal",
        _ => "text",
    }
}

/// A question as a field, with its hint, rule and error.
#[function_component(Field)]
pub fn field(p: &FieldProps) -> Html {
    let q = p.question.def();
    let lang = p.lang;
    let id = format!("cj-{}", q.id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = match &p.error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    let class = if p.error.is_some() { "field error" } else { "field" };
    let hint = html! {
        <span class="hint" id={hint_id.clone()}>
            { p.help.get(lang).to_owned() }
            // The rule of a typed answer; radio buttons and a list say theirs by themselves.
            if !matches!(q.kind, Kind::YesNo | Kind::OneOf { .. }) {
                { " " }{ lang.pick("（", "(") }{ q.validation.get(lang) }{ lang.pick("）", ")") }
            }
        </span>
    };
    let error = p.error.as_ref().map(|e| {
        html! {
            <span class="error-message" id={error_id.clone()}><span class="visually-hidden">{ lang.pick("错误：", "Error: ") }</span>{ e.clone() }</span>
        }
    });
    let edit = {
        let (d, qq) = (p.dispatch.clone(), q.q);
        move |text: String| d.emit(Action::Edit(qq, text))
    };
    // A select or a text input: its label, hint and error around the control.
    let labelled = |control: Html| {
        html! {
            <div class={class}>
                <label class="q" for={id.clone()}>{ q.label.get(lang) }</label>
                { hint.clone() }
                { error.clone().unwrap_or_default() }
                { control }
            </div>
        }
    };
    let radios = |options: Vec<(String, String)>, current: String, inline: bool| {
        html! {
            <div class={class}>
                <fieldset aria-describedby={described.clone()}>
                    <legend class="q">{ q.label.get(lang) }</legend>
                    { hint.clone() }
                    { error.clone().unwrap_or_default() }
                    <div class={if inline { "choices inline" } else { "choices" }}>
                        { for options.into_iter().enumerate().map(|(i, (value, label))| {
                            let input_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
                            let checked = value == current;
                            let edit = edit.clone();
                            let v = value.clone();
                            let onchange = Callback::from(move |_: Event| edit(v.clone()));
                            html! {
                                <label class="choice" for={input_id.clone()} key={value.clone()}>
                                    <input type="radio" id={input_id} name={id.clone()} value={value} checked={checked} onchange={onchange} />
                                    { label }
                                </label>
                            }
                        }) }
                    </div>
                </fieldset>
            </div>
        }
    };
    match q.kind {
        Kind::YesNo => {
            // Answers imported or resumed may say true or yes; the radios show them as 是 or 否.
            let unsure = chanjiao_rules::questions::UNSURE.contains(&q.q);
            let current = match validate::parse_yes_no(&p.value) {
                Ok(true) => "是",
                Ok(false) => "否",
                Err(_) if unsure && validate::is_unsure(&p.value) => "不清楚",
                Err(_) => "",
            };
            let mut options = vec![("是".to_owned(), lang.pick("是", "Yes").to_owned()), ("否".to_owned(), lang.pick("否", "No").to_owned())];
            // A fact the applicant may not know: "not sure" sends the result to a person.
            if unsure {
                options.push(("不清楚".to_owned(), lang.pick("不清楚", "Not sure").to_owned()));
            }
            radios(options, current.to_owned(), true)
        }
        Kind::OneOf { options } if options.len() <= 8 => {
            radios(options.iter().map(|c| (c.id.to_owned(), c.label.get(lang).to_owned())).collect(), p.value.clone(), false)
        }
        Kind::OneOf { options } => {
            let edit = edit.clone();
            let onchange = Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                edit(select.value());
            });
            labelled(html! {
                    <select id={id.clone()} aria-describedby={described} aria-invalid={p.error.is_some().then_some("true")} onchange={onchange}>
                        <option value="" selected={p.value.is_empty()}>{ lang.pick("请选择", "Choose one") }</option>
                        { for options.iter().map(|c| html! {
                            <option key={c.id} value={c.id} selected={p.value == c.id}>{ c.label.get(lang) }</option>
                        }) }
                    </select>
            })
        }
        kind => {
            let edit = edit.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                edit(input.value());
            });
            labelled(html! {
                    <input type="text" id={id.clone()} name={id.clone()} inputmode={input_mode(kind)} autocomplete="off" spellcheck="false"
                        value={p.value.clone()} aria-describedby={described} aria-invalid={p.error.is_some().then_some("true")} oninput={oninput} />
            })
        }
    }
}
