//! The application forms in the browser: `chanjiao-pdf` behind two wasm-bindgen
//! functions. The widget fetches this module (and the font) only when someone
//! asks for a form, so the first load does not pay for either.
//!
//! `set_font(bytes)` keeps the font for the page's lifetime; `render_forms(request)`
//! takes a JSON request and returns `{ bytes, fileName, pages, missing, payloads }`.
//! `evaluate_answers(answers, on, pack_text)` evaluates an answers file
//! without any interface, for a host page that knows an applicant's facts (the
//! JS API `evaluate` of chanjiao.js): it lives in this module, fetched on demand,
//! so that the widget's first load carries no JSON output.
#![deny(missing_docs)]

use std::cell::RefCell;

use chanjiao_pdf::{Choice, Font, Options, Request, make_forms};
use chanjiao_rules::{Answers, Applicant, Date, Lang, Params, load_policy, pack_id};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

thread_local! {
    static FONT: RefCell<Option<Font>> = const { RefCell::new(None) };
    /// The policy pack the widget evaluates under, checked once, by its id.
    static POLICY: RefCell<Option<(String, &'static Params)>> = const { RefCell::new(None) };
}

/// A policy pack as the widget passes it: its text (an id beside it is read as
/// the pack's own, never trusted: it is computed again from the text).
#[derive(Deserialize)]
struct PackRequest {
    text: String,
}

/// A policy pack refused, as chanjiao.js reads it: `{ kind: "policy-refused",
/// key, en, zh }`.
fn policy_refused(e: &chanjiao_rules::Error) -> JsValue {
    let out = js_sys::Object::new();
    for (k, v) in [("kind", "policy-refused"), ("key", e.field.as_deref().unwrap_or_default()), ("en", &e.message.en), ("zh", &e.message.zh)] {
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    out.into()
}

/// The built-in plan followed by `pack`, loaded as every program loads packs
/// (once per pack, kept by its id).
fn policy(pack: Option<&PackRequest>) -> Result<&'static Params, JsValue> {
    let Some(pack) = pack else { return load_policy(&[]).map_err(|r| policy_refused(&r.error)) };
    let id = pack_id(pack.text.as_bytes());
    if let Some(params) = POLICY.with(|p| p.borrow().as_ref().filter(|(kept, _)| *kept == id).map(|(_, params)| *params)) {
        return Ok(params);
    }
    let params = load_policy(&[pack.text.as_str()]).map_err(|r| policy_refused(&r.error))?;
    POLICY.with(|p| *p.borrow_mut() = Some((id, params)));
    Ok(params)
}

/// What the widget asks for.
#[derive(Deserialize)]
struct FormsRequest {
    /// The answers, as `Answers::canonical` writes them.
    answers: String,
    applicant: Applicant,
    /// Catalogue codes of the forms, in order.
    codes: Vec<String>,
    evaluated_on: String,
    generated_on: String,
    /// The host's policy pack, if the widget runs under one.
    #[serde(default)]
    pack: Option<PackRequest>,
}

fn error(zh: &str, en: &str) -> JsValue {
    JsValue::from_str(&format!("{zh}\n{en}"))
}

/// Keeps the font (the bytes of `fonts/NotoSansCJKsc-Regular-chanjiao.otf`) for
/// later calls; fails if it is not a usable font.
#[wasm_bindgen]
pub fn set_font(bytes: Vec<u8>) -> Result<(), JsValue> {
    let font = Font::new(bytes).map_err(|e| error(&e.render(Lang::Zh), &e.render(Lang::En)))?;
    FONT.with(|f| *f.borrow_mut() = Some(font));
    Ok(())
}

/// Makes the PDF the request describes; returns `{ bytes: Uint8Array, fileName,
/// pages, missing: string, payloads: string[] }`, or a message in both languages.
#[wasm_bindgen]
pub fn render_forms(request: &str) -> Result<JsValue, JsValue> {
    let request: FormsRequest = serde_json::from_str(request).map_err(|e| error(&format!("请求有误：{e}"), &format!("bad request: {e}")))?;
    let date = |s: &str| Date::parse(s).ok_or_else(|| error(&format!("日期有误：{s}"), &format!("bad date: {s}")));
    let (on, generated_on) = (date(&request.evaluated_on)?, date(&request.generated_on)?);
    let params = policy(request.pack.as_ref())?;
    let answers = Answers::from_canonical_under(&request.answers, params).map_err(|e| error(&e.render(Lang::Zh), &e.render(Lang::En)))?;
    let made = FONT.with(|f| {
        let font = f.borrow();
        let font = font.as_ref().ok_or_else(|| error("字体尚未载入", "the font is not loaded"))?;
        let request = Request { answers: &answers, applicant: &request.applicant, evaluated_on: on, choice: Choice::Entries(&request.codes) };
        make_forms(&request, font, &Options { generated_on, params }).map_err(|e| error(&e.render(Lang::Zh), &e.render(Lang::En)))
    })?;
    let rendered = &made.rendered;
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(k), v).map(drop);
    set("bytes", &js_sys::Uint8Array::from(rendered.bytes.as_slice()).into())?;
    set("fileName", &JsValue::from_str(&made.file_name))?;
    set("pages", &JsValue::from(rendered.pages as u32))?;
    set("missing", &JsValue::from_str(&rendered.missing.iter().collect::<String>()))?;
    let payloads = js_sys::Array::new();
    for p in &rendered.payloads {
        payloads.push(&JsValue::from_str(p));
    }
    set("payloads", &payloads.into())?;
    Ok(out.into())
}

/// Evaluates an answers file (JSON text, as `chanjiao evaluate --answers` reads)
/// as of `on` (`YYYY-MM-DD`; empty for today in China Standard Time), under
/// the built-in plan or the policy pack given; returns what `chanjiao evaluate
/// --format json` prints (an `evaluation`, or an `evaluation-years` for answers
/// of several years). An error is JSON too: `{ kind, field, message: { "zh-CN", en } }`.
#[wasm_bindgen]
pub fn evaluate_answers(answers: &str, on: &str, pack_text: Option<String>) -> Result<String, JsValue> {
    let refused = |e: chanjiao_rules::Error| JsValue::from_str(&serde_json::to_string(&e).unwrap_or_default());
    let on = match on.trim() {
        "" => Date::in_china((js_sys::Date::now() / 1000.0).floor() as i64),
        text => Date::parse(text),
    }
    .ok_or_else(|| error(&format!("日期有误：{on}"), &format!("bad date: {on}")))?;
    let pack = pack_text.map(|text| PackRequest { text });
    // A pack refused is said apart from answers refused: a typed object, which
    // chanjiao.js throws as PolicyRefused.
    let params = policy(pack.as_ref())?;
    let answers = Answers::from_json_under(answers, params).map_err(refused)?;
    Ok(if answers.has_years() {
        chanjiao_rules::versioned_text("evaluation-years", &chanjiao_rules::evaluate_years_with(params, &answers, on).map_err(refused)?)
    } else {
        chanjiao_rules::versioned_text("evaluation", &chanjiao_rules::evaluate_with(params, &answers, on).map_err(refused)?)
    })
}
