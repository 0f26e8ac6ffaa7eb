//! Preparing the application forms: which forms, who is applying, and making
//! the PDF, with its progress shown.

use chanjiao_rules::{APPLICANT_FIELDS, Lang};
use yew::prelude::*;

use super::error_summary;
use crate::state::{Action, PdfStatus, State, form_key};

/// The forms page's properties.
#[derive(Properties, PartialEq)]
pub struct ApplyProps {
    /// The state to show.
    pub state: UseReducerHandle<State>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
    /// The page heading.
    pub heading: NodeRef,
    /// The error summary, which takes focus after a refused submit.
    pub error_summary: NodeRef,
    /// The bytes the first form fetches, when known.
    pub forms_bytes: Option<u64>,
}

/// What a field asks for, beside its label.
fn hint(field: &str, lang: Lang) -> &'static str {
    match field {
        "name" => lang.pick("必填；与营业执照、登记证书或身份证一致。", "Required; as on the business licence, registration certificate or ID card."),
        "id_number" => lang.pick("必填；18 位，会核对校验位。", "Required; 18 characters. The last one is a check character, so typing errors are caught."),
        "phone" => lang.pick("可留空，打印后手写；7 至 20 位数字。", "Optional; 7 to 20 digits. You can leave it blank and write it on the printed form."),
        "account" => lang.pick("可留空；资金拨付用，8 至 32 位数字。", "Optional; for payment, 8 to 32 digits."),
        _ => lang.pick("可留空，打印后手写。", "Optional; you can write it by hand later."),
    }
}

/// Bytes as megabytes with one decimal (`2.6`), by integer arithmetic: printing
/// a float would bring float formatting into the first load.
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes + 50_000) / 100_000;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Progress and outcome of making the PDF, announced politely to screen readers.
/// `open` is set when a chosen form is for a result still open, which is to be
/// asked about before it is submitted.
fn status(pdf: &PdfStatus, lang: Lang, open: bool) -> Html {
    match pdf {
        PdfStatus::Idle => html! {},
        PdfStatus::Loading { received, total } => {
            // A whole percentage, formatted as an integer: formatting a float would
            // bring float printing into the first load.
            let pct = (*total > 0.0).then(|| (received / total * 100.0).clamp(0.0, 100.0).round() as u32);
            let text = if let Some(pct) = pct {
                match lang {
                    Lang::Zh => format!("正在下载申请表组件和中文字体：{pct}%"),
                    Lang::En => format!("Downloading the forms component and the Chinese font: {pct}%"),
                }
            } else {
                lang.pick("正在下载申请表组件和中文字体……", "Downloading the forms component and the Chinese font…").to_owned()
            };
            let pct = pct.map(|p| p.to_string()).unwrap_or_default();
            html! {
                <div class="pdf-status">
                    <p>{ text.clone() }</p>
                    <progress max="100" value={pct} aria-label={text}></progress>
                </div>
            }
        }
        PdfStatus::Rendering => html! { <div class="pdf-status"><p>{ lang.pick("正在生成申请表……", "Writing the forms…") }</p></div> },
        PdfStatus::Done { file_name, pages, missing } => html! {
            <div class="notice pdf-status">
                <p>{ match lang {
                    Lang::Zh => format!("已生成 {file_name}（共 {pages} 页），已开始下载。请打印、签字盖章后按申报通知提交。"),
                    Lang::En => format!("{file_name} is ready ({pages} pages) and is downloading. Print it, sign it (and stamp it with your seal if you are an organisation), and submit it as the notice says."),
                } }</p>
                if open {
                    <p>{ lang.pick(
                        "其中标为“暂无法确定”或“需人工认定”的申请表，请先向受理单位咨询，确认可以申请后再提交。",
                        "Forms marked \"Cannot be determined yet\" or \"Needs an officer's decision\": ask the office first, and submit them once it says you can apply.",
                    ) }</p>
                }
                <p class="hint">{ lang.pick(
                    "如需修改，请在这里改好后重新生成：在 PDF 阅读器中改写表格，新输入的字可能无法显示（文件只嵌入了用到的字形）。",
                    "To correct something, change it here and make the forms again: typing into the PDF in a reader may not show new characters (the file embeds only the glyphs it uses).",
                ) }</p>
                if !missing.is_empty() {
                    <p class="warning-text">{ match lang {
                        Lang::Zh => format!("注意：字体中没有这些字：{missing}。表中以 □ 代替，打印后请手写补正。"),
                        Lang::En => format!("Note: the font lacks these characters: {missing}. They are printed as □; write them in by hand."),
                    } }</p>
                }
            </div>
        },
        PdfStatus::Failed(why, retry) => html! {
            <div class="error-summary pdf-status" role="alert">
                <p>{ lang.pick("申请表未能生成：", "The forms could not be made: ") }{ why.get(lang).to_owned() }</p>
                <p>{ if *retry {
                    lang.pick("请再试一次；您填写的内容都已保留。", "Please try again; everything you entered is kept.")
                } else {
                    lang.pick("您填写的内容都已保留。", "Everything you entered is kept.")
                } }</p>
            </div>
        },
    }
}

/// Which forms, who is applying, and the button that makes the PDF.
#[function_component(ApplyPage)]
pub fn apply_page(p: &ApplyProps) -> Html {
    let lang = p.state.lang;
    let individual = p.state.answers.applicant_type().is_some_and(chanjiao_rules::ApplicantType::is_individual);
    let offered = p.state.offered();
    let several = offered.iter().any(|(year, _)| year.is_some());
    let errors = &p.state.applicant_errors;
    let items = errors
        .iter()
        .map(|e| (if e.field == "forms" { "cj-forms".to_owned() } else { format!("cj-applicant-{}", e.field) }, e.message.get(lang).to_owned()))
        .collect();
    let submit = p.dispatch.reform(|e: SubmitEvent| {
        e.prevent_default();
        Action::MakePdf
    });
    let back = p.dispatch.reform(|_| Action::Back);
    let busy = matches!(p.state.pdf, PdfStatus::Loading { .. } | PdfStatus::Rendering);
    let forms_error = errors.iter().find(|e| e.field == "forms").map(|e| e.message.get(lang).to_owned());
    html! {
        <>
            { error_summary(lang, p.error_summary.clone(), items) }
            <h1 ref={p.heading.clone()} tabindex="-1">{ lang.pick("准备申请表", "Prepare the application forms") }</h1>
            <p>{ lang.pick(
                "申请表在本浏览器中生成，您填写的信息不会发送出去。",
                "The forms are made in this browser; nothing you enter is sent anywhere.",
            ) }{ match (p.forms_bytes.map(megabytes), lang) {
                (Some(mb), Lang::Zh) => format!("首次生成需下载申请表组件和中文字体，约 {mb} MB，之后会缓存。"),
                (Some(mb), Lang::En) => format!(" The first time, the forms component and a Chinese font are downloaded, about {mb} MB; after that they are cached."),
                (None, Lang::Zh) => "首次生成需下载申请表组件和中文字体，之后会缓存。".to_owned(),
                (None, Lang::En) => " The first time, the forms component and a Chinese font are downloaded; after that they are cached.".to_owned(),
            } }</p>
            if several {
                <p>{ lang.pick(
                    "每份申请表按其所属年度的情况填写；每个年度的申请表生成一个文件。",
                    "Each form is filled in with the facts of its year; each year's forms come as a file of their own.",
                ) }
                // Only a firm with the tax credit has a balance to carry.
                if offered.iter().any(|(_, r)| matches!(r.amount, chanjiao_rules::Amount::Credit(_))) {
                    { lang.pick("抵免申请表含上年结转的抵免余额。", " The credit form includes the balance carried in from the year before.") }
                }
                </p>
            }
            <form novalidate=true onsubmit={submit}>
                <div class={if forms_error.is_some() { "field error" } else { "field" }}>
                    <fieldset id="cj-forms" tabindex="-1">
                        <legend class="q">{ lang.pick("选择申请表", "Choose the forms") }</legend>
                        <span class="hint">{ lang.pick("多份申请表合并为一个 PDF 文件。", "If you choose several forms, they are combined into one PDF file.") }</span>
                        if let Some(message) = forms_error {
                            <span class="error-message"><span class="visually-hidden">{ lang.pick("错误：", "Error: ") }</span>{ message }</span>
                        }
                        <div class="choices">
                            { for offered.iter().map(|(year, r)| {
                                let key = form_key(*year, &r.incentive.code);
                                let id = match year {
                                    Some(y) => format!("cj-form-{y}-{}", r.incentive.code),
                                    None => format!("cj-form-{}", r.incentive.code),
                                };
                                let checked = p.state.forms.contains(&key);
                                let toggle = p.dispatch.reform(move |_: Event| Action::ToggleForm(key.clone()));
                                html! {
                                    <label class="choice" for={id.clone()} key={id.clone()}>
                                        <input type="checkbox" id={id} checked={checked} onchange={toggle} />
                                        if let Some(y) = year {
                                            { match lang { Lang::Zh => format!("{y} 年度 · "), Lang::En => format!("{y}: ") } }
                                        }
                                        { r.name_in(lang) }
                                        <span class="hint">{ format!(" — {}", r.amount_text().get(lang)) }</span>
                                        // A form for an open result is for asking, not yet for submitting.
                                        if r.status != chanjiao_rules::Status::Eligible {
                                            <span class="hint">{ match lang {
                                                Lang::Zh => format!("（{}：请先向{}咨询）", r.status_name().zh, r.incentive.lead_unit),
                                                Lang::En => format!(" ({}: ask {} first)", r.status_name().en, r.incentive.lead_unit_in(lang)),
                                            } }</span>
                                        }
                                    </label>
                                }
                            }) }
                        </div>
                    </fieldset>
                </div>
                <h2>{ lang.pick("申请人信息", "Applicant details") }</h2>
                { for APPLICANT_FIELDS.iter().filter(|f| !(f.organisations_only && individual)).map(|f| {
                    let id = format!("cj-applicant-{}", f.id);
                    let hint_id = format!("{id}-hint");
                    let error = errors.iter().find(|e| e.field == f.id).map(|e| e.message.get(lang).to_owned());
                    let label = if individual { f.label_person } else { f.label_org };
                    let field = f.id;
                    let edit = p.dispatch.reform(move |e: InputEvent| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        Action::EditApplicant(field, input.value())
                    });
                    let value = p.state.applicant.get(f.id).unwrap_or_default().to_owned();
                    let described = if error.is_some() { format!("{hint_id} {id}-error") } else { hint_id.clone() };
                    html! {
                        <div class={if error.is_some() { "field error" } else { "field" }} key={f.id}>
                            <label class="q" for={id.clone()}>{ label.get(lang) }</label>
                            <span class="hint" id={hint_id}>{ hint(f.id, lang) }</span>
                            if let Some(message) = error {
                                <span class="error-message" id={format!("{id}-error")}><span class="visually-hidden">{ lang.pick("错误：", "Error: ") }</span>{ message }</span>
                            }
                            <input type="text" id={id} value={value} oninput={edit} aria-describedby={described}
                                autocomplete={match f.id { "name" => "organization", "address" => "street-address", "contact" => "name", "phone" => "tel", _ => "off" }}
                                aria-invalid={errors.iter().any(|e| e.field == f.id).then_some("true")} />
                        </div>
                    }
                }) }
                <div role="status" aria-live="polite">{ status(&p.state.pdf, lang, offered.iter().any(|(year, r)| r.status != chanjiao_rules::Status::Eligible && p.state.forms.contains(&form_key(*year, &r.incentive.code)))) }</div>
                // Busy, the button stays focusable (a disabled one would drop the keyboard
                // focus to the page) and says so; a second press is ignored.
                <button type="submit" class="button" aria-disabled={busy.then_some("true")}>{ lang.pick("生成申请表（PDF）", "Create the PDF") }</button>
                <button type="button" class="button secondary" onclick={back}>{ lang.pick("返回结果", "Back to the results") }</button>
            </form>
        </>
    }
}
