//! The browser around the app: today's date, the shadow root's stylesheet,
//! local storage, downloads, events to the host page, and the panic panel.

use std::collections::BTreeMap;

use chanjiao_rules::{APPLICANT_FIELDS, Date};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::CONTAINERS;
use crate::state::Draft;

/// Today in China Standard Time, by the rules' one definition (as the CLI
/// reads it), or `None` if the browser's clock gives no real instant.
pub fn today() -> Option<Date> {
    let ms = js_sys::Date::now();
    if !ms.is_finite() {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)] // Milliseconds since 1970 fit an i64 for millions of years.
    Date::in_china((ms / 1000.0).floor() as i64)
}

/// Adopts a constructed stylesheet in the shadow root: no `<style>` element and
/// no `style` attribute, so a strict `style-src 'self'` allows it.
pub fn adopt_stylesheet(shadow: &web_sys::ShadowRoot, css: &str) -> Result<(), JsValue> {
    let sheet = web_sys::CssStyleSheet::new()?;
    sheet.replace_sync(css)?;
    let sheets = js_sys::Array::of1(&sheet);
    js_sys::Reflect::set(shadow, &JsValue::from_str("adoptedStyleSheets"), &sheets)?;
    Ok(())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The storage key of the current rules' draft.
pub fn draft_key(prefix: &str, rules_version: &str) -> String {
    format!("{prefix}chanjiao.{rules_version}.draft")
}

/// What storage held for this widget: a draft of the current rules, or a sign
/// that something unreadable (damaged, or written by older rules) was there.
pub struct Loaded {
    /// The draft, if one could be read.
    pub draft: Option<Draft>,
    /// True when something was found but could not be used; it has been removed.
    pub unreadable: bool,
}

/// Reads the draft for these rules; removes anything this widget wrote under another
/// rules version, or that no longer parses, and says so.
pub fn load_draft(prefix: &str, rules_version: &str) -> Loaded {
    let Some(store) = storage() else { return Loaded { draft: None, unreadable: false } };
    let key = draft_key(prefix, rules_version);
    let mut unreadable = false;
    for k in our_keys(&store, prefix).into_iter().filter(|k| k.ends_with(".draft") && *k != key) {
        unreadable = true;
        let _ = store.remove_item(&k);
    }
    let draft = match store.get_item(&key) {
        Ok(Some(text)) => match parse_draft(&text) {
            Some(d) => Some(d),
            None => {
                unreadable = true;
                let _ = store.remove_item(&key);
                None
            }
        },
        _ => None,
    };
    Loaded { draft, unreadable }
}

/// A draft's typing: by the plan's questions, and by the ids it cannot name.
type Typed = (BTreeMap<chanjiao_rules::Q, String>, Vec<(String, String)>);

fn parse_draft(text: &str) -> Option<Draft> {
    let json = parse_json(text)?;
    let answers = json.get("answers")?.as_object()?;
    // A key the plan does not have is a pack's question: kept by its id, and
    // named when the whole widget starts under its policy. One way of reading
    // serves the draft and each of its years, so the first screen carries one
    // copy of the code that builds the map.
    let typed = |map: &serde_json::Map<String, serde_json::Value>| -> Option<Typed> {
        let (mut known, mut unknown) = (Vec::new(), Vec::new());
        for (k, v) in map {
            let text = v.as_str()?.to_owned();
            match chanjiao_rules::Q::from_id(k) {
                Some(q) => known.push((q, text)),
                None => unknown.push((k.clone(), text)),
            }
        }
        Some((known.into_iter().collect(), unknown))
    };
    let (raw, unknown) = typed(answers)?;
    // A draft of several years keeps each year's typing apart; older drafts have none.
    let mut years = BTreeMap::new();
    if let Some(of_years) = json.get("years") {
        for (year, own) in of_years.as_object()? {
            // A year holds the plan's yearly facts only.
            let (own, unknown) = typed(own.as_object()?)?;
            if !unknown.is_empty() {
                return None;
            }
            years.insert(year.parse::<u16>().ok()?, own);
        }
    }
    let mut applicant = chanjiao_rules::Applicant::default();
    if let Some(fields) = json.get("applicant").and_then(|a| a.as_object()) {
        for (k, v) in fields {
            if !applicant.set(k, v.as_str()?.to_owned()) {
                return None;
            }
        }
    }
    // Groups of hires typed but not yet placed in their years, as typed.
    let mut cohorts = Vec::new();
    for row in json.get("cohorts").and_then(|c| c.as_array()).map_or(&[][..], Vec::as_slice) {
        cohorts.push((row.get(0)?.as_str()?.to_owned(), row.get(1)?.as_str()?.to_owned()));
    }
    Some(Draft { raw, years, applicant, unknown, cohorts })
}

/// Saves what the user typed, answers and applicant block; an empty draft removes the key.
pub fn save_draft(prefix: &str, rules_version: &str, draft: &Draft) {
    let Some(store) = storage() else { return };
    let key = draft_key(prefix, rules_version);
    if draft.is_empty() {
        let _ = store.remove_item(&key);
        return;
    }
    let applicant: serde_json::Map<String, serde_json::Value> = APPLICANT_FIELDS
        .iter()
        .filter_map(|f| draft.applicant.get(f.id).filter(|v| !v.is_empty()).map(|v| (f.id.to_owned(), serde_json::Value::String(v.to_owned()))))
        .collect();
    let typed = |raw: &BTreeMap<chanjiao_rules::Q, String>| -> serde_json::Map<String, serde_json::Value> {
        raw.iter().map(|(q, v)| (q.id().to_owned(), serde_json::Value::String(v.clone()))).collect()
    };
    let mut text = serde_json::json!({ "rules_version": rules_version, "answers": typed(&draft.raw), "applicant": applicant });
    if !draft.years.is_empty() {
        text["years"] = draft.years.iter().map(|(y, raw)| (y.to_string(), serde_json::Value::Object(typed(raw)))).collect::<serde_json::Map<_, _>>().into();
    }
    if !draft.cohorts.is_empty() {
        text["cohorts"] = draft.cohorts.iter().map(|(count, date)| serde_json::json!([count, date])).collect::<Vec<_>>().into();
    }
    let text = text.to_string();
    let _ = store.set_item(&key, &text);
}

/// Removes everything this widget keeps in storage, under any rules version;
/// returns what was removed, key and text, for an undo to put back.
pub fn clear_storage(prefix: &str) -> Vec<(String, String)> {
    let Some(store) = storage() else { return Vec::new() };
    let mut removed = Vec::new();
    for k in our_keys(&store, prefix) {
        if let Ok(Some(text)) = store.get_item(&k) {
            removed.push((k.clone(), text));
        }
        let _ = store.remove_item(&k);
    }
    removed
}

/// Puts back what [`clear_storage`] removed, as it was.
pub fn restore_storage(items: &[(String, String)]) {
    let Some(store) = storage() else { return };
    for (k, text) in items {
        let _ = store.set_item(k, text);
    }
}

/// Every storage key this widget (with this prefix) wrote, under any rules version;
/// listed first, since removing keys while indexing them would skip some.
fn our_keys(store: &web_sys::Storage, prefix: &str) -> Vec<String> {
    let ours = format!("{prefix}chanjiao.");
    (0..store.length().unwrap_or(0)).filter_map(|i| store.key(i).ok().flatten()).filter(|k| k.starts_with(&ours)).collect()
}

/// Offers `text` as a file download.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    download_parts(file_name, mime, &js_sys::Array::of1(&JsValue::from_str(text)))
}

/// Offers `parts` (strings or byte arrays) as one file download.
fn download_parts(file_name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    document.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Parses JSON with the browser's own parser, so that no JSON parser ships in the
/// WebAssembly; `None` if the text is not JSON.
pub fn parse_json(text: &str) -> Option<serde_json::Value> {
    js_sys::JSON::parse(text).ok().map(|v| from_js(&v))
}

/// A value `JSON.parse` produced, as `serde_json` holds it. Whole numbers stay
/// whole, since the rules read counts and years as integers.
fn from_js(v: &JsValue) -> serde_json::Value {
    use serde_json::Value;
    if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = v.as_f64() {
        // 2^53: beyond it a double no longer holds every whole number.
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if n.fract() == 0.0 && n.abs() <= EXACT {
            #[allow(clippy::cast_possible_truncation)] // Whole and within ±2^53, so exact.
            Value::from(n as i64)
        } else {
            serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
        }
    } else if let Some(s) = v.as_string() {
        Value::String(s)
    } else if js_sys::Array::is_array(v) {
        Value::Array(js_sys::Array::from(v).iter().map(|x| from_js(&x)).collect())
    } else if v.is_object() {
        let entries = js_sys::Object::entries(v.unchecked_ref());
        Value::Object(
            entries
                .iter()
                .filter_map(|pair| {
                    let pair = js_sys::Array::from(&pair);
                    Some((pair.get(0).as_string()?, from_js(&pair.get(1))))
                })
                .collect(),
        )
    } else {
        Value::Null
    }
}

/// Reads a file the user chose as JSON: `then` gets `None` if it is not JSON.
pub fn read_json_file(file: &web_sys::File, then: impl FnOnce(Option<serde_json::Value>) + 'static) {
    use wasm_bindgen::closure::Closure;
    let Ok(reader) = web_sys::FileReader::new() else { return };
    let r = reader.clone();
    let onload = Closure::once(move |_: web_sys::ProgressEvent| {
        let text = r.result().ok().and_then(|v| v.as_string()).unwrap_or_default();
        then(parse_json(&text));
    });
    reader.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    let _ = reader.read_as_text(file);
}

/// Tells the host page about a result, without any identity field.
pub fn dispatch(host: &web_sys::HtmlElement, name: &str, detail: &serde_json::Value) {
    let Ok(detail) = js_sys::JSON::parse(&detail.to_string()) else { return };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// Focuses the element with this id inside the same shadow root as `from`.
pub fn focus_in_root(from: &web_sys::Element, id: &str) {
    let root = from.get_root_node();
    let found = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.get_element_by_id(id),
        None => root.dyn_ref::<web_sys::Document>().and_then(|d| d.get_element_by_id(id)),
    };
    if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// On a panic, every widget on the page shows a readable panel instead of an empty
/// box. The WebAssembly instance cannot run again after a panic, so "try again"
/// (handled by the element's script) reloads the page; the draft in storage keeps
/// every answer.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| show_panic(&info.to_string())));
    });
}

/// What the panic hook does: the error panel in every widget, and the detail in the console.
pub fn show_panic(detail: &str) {
    CONTAINERS.with(|c| {
        for container in c.borrow().iter() {
            show_error_panel(container, detail);
        }
    });
    web_sys::console::error_1(&JsValue::from_str(&format!("chanjiao: {detail}")));
}

fn show_error_panel(container: &web_sys::Element, detail: &str) {
    let Some(document) = container.owner_document() else { return };
    let build = || -> Result<(), JsValue> {
        container.set_inner_html("");
        let panel = document.create_element("div")?;
        panel.set_attribute("class", "cj")?;
        panel.set_attribute("role", "alert")?;
        let inner = document.create_element("div")?;
        inner.set_attribute("class", "panel-error")?;
        let h = document.create_element("h2")?;
        h.set_text_content(Some("出错了 · Something went wrong"));
        let p = document.create_element("p")?;
        p.set_text_content(Some("计算器遇到意外错误。您已填写的答案保存在本浏览器中，重试不会丢失。 The calculator hit an unexpected error. Your answers are saved in this browser; trying again keeps them."));
        let button = document.create_element("button")?;
        button.set_attribute("type", "button")?;
        button.set_attribute("class", "button")?;
        button.set_attribute("data-chanjiao-retry", "")?;
        button.set_text_content(Some("重试 · Try again"));
        let details = document.create_element("p")?;
        details.set_attribute("class", "hint")?;
        details.set_text_content(Some(detail));
        inner.append_child(&h)?;
        inner.append_child(&p)?;
        inner.append_child(&button)?;
        inner.append_child(&details)?;
        panel.append_child(&inner)?;
        container.append_child(&panel)?;
        Ok(())
    };
    let _ = build();
}

/// A made PDF, as the forms module returns it.
pub struct MadePdf {
    /// The file name offered.
    pub file_name: String,
    /// Its pages.
    pub pages: u32,
    /// Characters the font lacks, drawn as □.
    pub missing: String,
}

/// A turn of the event loop, so that Yew can show a state before a long call.
async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Makes a PDF with the forms module: `load` (from chanjiao.js) fetches the module
/// and the font, reporting bytes received; then the module writes the PDF from
/// `request` (JSON) and the file is offered for download. An error is its
/// message, and true when the site served the wrong files (trying again cannot help).
/// For answers of several years, `year` names the file's year, so two years'
/// forms never download under one name.
pub async fn make_pdf(
    load: &js_sys::Function,
    request: String,
    year: Option<u16>,
    progress: impl Fn(f64, f64) + 'static,
    rendering: impl FnOnce(),
) -> Result<MadePdf, (String, bool)> {
    let text =
        |e: &JsValue| e.as_string().or_else(|| js_sys::Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string())).unwrap_or_else(|| format!("{e:?}"));
    let message = |e: JsValue| (text(&e), false);
    let progress = Closure::<dyn Fn(f64, f64)>::new(progress);
    let promise: js_sys::Promise = load.call1(&JsValue::NULL, progress.as_ref()).map_err(message)?.dyn_into().map_err(message)?;
    let module =
        wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|e| (text(&e), js_sys::Reflect::get(&e, &"setup".into()).is_ok_and(|s| s.is_truthy())))?;
    drop(progress);
    rendering();
    yield_now().await;
    let render: js_sys::Function = js_sys::Reflect::get(&module, &"render_forms".into()).map_err(message)?.dyn_into().map_err(message)?;
    let made = render.call1(&JsValue::NULL, &JsValue::from_str(&request)).map_err(message)?;
    let get = |k: &str| js_sys::Reflect::get(&made, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let bytes: js_sys::Uint8Array = get("bytes").dyn_into().map_err(message)?;
    let mut file_name = get("fileName").as_string().unwrap_or_else(|| "产教融合.pdf".to_owned());
    if let (Some(year), Some(stem)) = (year, file_name.strip_suffix(".pdf")) {
        file_name = format!("{stem}-{year}.pdf");
    }
    download_parts(&file_name, "application/pdf", &js_sys::Array::of1(&bytes)).map_err(message)?;
    let pages = get("pages").as_f64().map_or(0, |p| p as u32);
    Ok(MadePdf { file_name, pages, missing: get("missing").as_string().unwrap_or_default() })
}

/// The browser's history, as the widget uses it: each step it moves to is an
/// entry, marked in the entry's state under `chanjiao.<key>` with the step's
/// depth, so that Back and Forward move between steps. The host's own state in
/// an entry is kept, the address is never changed, and several widgets on a
/// page keep their marks apart by key.
pub mod history {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    fn history() -> Option<web_sys::History> {
        web_sys::window().and_then(|w| w.history().ok())
    }

    /// The entry's state with this widget's depth set, the rest kept.
    fn marked(state: &JsValue, key: &str, depth: u32) -> JsValue {
        let copy = js_sys::Object::new();
        if state.is_object() {
            let _ = js_sys::Object::assign(&copy, state.unchecked_ref());
        }
        let ours = js_sys::Object::new();
        if let Ok(marks) = js_sys::Reflect::get(&copy, &"chanjiao".into())
            && marks.is_object()
        {
            let _ = js_sys::Object::assign(&ours, marks.unchecked_ref());
        }
        let _ = js_sys::Reflect::set(&ours, &JsValue::from_str(key), &JsValue::from(depth));
        let _ = js_sys::Reflect::set(&copy, &"chanjiao".into(), &ours);
        copy.into()
    }

    /// This widget's depth in a history entry's state, if it marked it.
    pub fn depth_in(state: &JsValue, key: &str) -> Option<u32> {
        let marks = js_sys::Reflect::get(state, &"chanjiao".into()).ok().filter(JsValue::is_object)?;
        js_sys::Reflect::get(&marks, &JsValue::from_str(key)).ok()?.as_f64().map(|d| d as u32)
    }

    /// This widget's depth in the current entry.
    pub fn current(key: &str) -> Option<u32> {
        depth_in(&history()?.state().ok()?, key)
    }

    /// Marks the current entry with `depth` (`push`: as a new entry after it).
    pub fn record(key: &str, depth: u32, push: bool) {
        let Some(h) = history() else { return };
        let state = marked(&h.state().unwrap_or(JsValue::NULL), key, depth);
        let _ = if push { h.push_state(&state, "") } else { h.replace_state(&state, "") };
    }

    /// Moves `delta` entries through the browser's history (negative: back).
    pub fn go(delta: i32) {
        if let Some(h) = history() {
            let _ = h.go_with_delta(delta);
        }
    }

    /// The browser's Back.
    pub fn back() {
        if let Some(h) = history() {
            let _ = h.back();
        }
    }

    /// Calls `on` with the new entry's state on each popstate, until dropped.
    pub struct Listener {
        closure: Closure<dyn Fn(web_sys::PopStateEvent)>,
    }

    impl Listener {
        pub fn new(on: impl Fn(JsValue) + 'static) -> Option<Listener> {
            let closure = Closure::<dyn Fn(web_sys::PopStateEvent)>::new(move |e: web_sys::PopStateEvent| on(e.state()));
            web_sys::window()?.add_event_listener_with_callback("popstate", closure.as_ref().unchecked_ref()).ok()?;
            Some(Listener { closure })
        }
    }

    impl Drop for Listener {
        fn drop(&mut self) {
            if let Some(w) = web_sys::window() {
                let _ = w.remove_event_listener_with_callback("popstate", self.closure.as_ref().unchecked_ref());
            }
        }
    }
}
