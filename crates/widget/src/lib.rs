//! The chanjiao widget: an eligibility calculator for 泉政办规〔2022〕8号 that a
//! web page embeds as one custom element, `<chanjiao-widget>`.
//!
//! `mount(element, options)` attaches a shadow root to the element, adopts the
//! widget's stylesheet there and renders the Yew app inside it, so the host
//! page's CSS cannot reach in. Views and state only: every decision is made by
//! `chanjiao-rules`. Nothing the user types leaves the browser; answers are kept
//! in `localStorage` under a key that names the rules version.
#![deny(missing_docs)]

mod app;
#[cfg(feature = "first")]
mod first;
mod host;
pub mod state;
mod views;

use std::cell::RefCell;
use std::rc::Rc;

use chanjiao_rules::{ApplicantType, Date, Lang};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

pub use app::{App, Props};

thread_local! {
    /// The containers of every widget on the page, for the panic panel.
    static CONTAINERS: RefCell<Vec<web_sys::Element>> = const { RefCell::new(Vec::new()) };
}

/// A mounted widget; `unmount` removes it and its app.
#[cfg(not(feature = "first"))]
#[wasm_bindgen]
#[derive(Debug)]
pub struct Widget {
    handle: Option<yew::AppHandle<App>>,
    container: Container,
}

#[cfg(not(feature = "first"))]
#[wasm_bindgen]
impl Widget {
    /// Removes the widget from the page. Its saved draft stays in storage.
    pub fn unmount(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        detach(&self.container);
    }
}

/// The element an app is mounted in, with the event listeners Yew puts on it.
/// Yew never removes those (yew 0.23 keeps them as static, and keeps the element
/// with them), so a single-page app that mounts widget after widget would pile
/// them up; they are recorded as they are added and removed on detach.
#[derive(Debug)]
pub(crate) struct Container {
    element: web_sys::Element,
    added: Rc<RefCell<Vec<js_sys::Array>>>,
    // Stands in for the element's own addEventListener while the app is mounted.
    _recorder: Closure<dyn Fn(JsValue, JsValue, JsValue)>,
}

impl Container {
    fn new(element: web_sys::Element) -> Result<Container, JsValue> {
        let add: js_sys::Function = js_sys::Reflect::get(&element, &"addEventListener".into())?.dyn_into()?;
        let added = Rc::new(RefCell::new(Vec::new()));
        let (target, list) = (element.clone(), added.clone());
        let recorder = Closure::<dyn Fn(JsValue, JsValue, JsValue)>::new(move |kind: JsValue, listener: JsValue, options: JsValue| {
            let _ = add.call3(&target, &kind, &listener, &options);
            list.borrow_mut().push(js_sys::Array::of3(&kind, &listener, &options));
        });
        js_sys::Reflect::set(&element, &"addEventListener".into(), recorder.as_ref())?;
        Ok(Container { element, added, _recorder: recorder })
    }

    pub(crate) fn element(&self) -> &web_sys::Element {
        &self.element
    }
}

impl Drop for Container {
    // The recorder goes with the container: a widget freed without unmounting
    // would otherwise leave the element calling a closure that no longer exists
    // when Yew adds its next listener (it adds one per kind of event, when first used).
    fn drop(&mut self) {
        let _ = js_sys::Reflect::delete_property(self.element.unchecked_ref::<js_sys::Object>(), &"addEventListener".into());
    }
}

/// Removes a container from the page, from the panic panel's list, and the
/// listeners Yew added to it.
fn detach(container: &Container) {
    let element = &container.element;
    CONTAINERS.with(|c| c.borrow_mut().retain(|e| e != element));
    element.remove();
    if let Ok(remove) = js_sys::Reflect::get(element, &"removeEventListener".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        for call in container.added.borrow_mut().drain(..) {
            let _ = remove.apply(element, &call);
        }
    }
}

/// Shows the panic panel in every mounted widget, as the panic hook does. A
/// panic would end the test that checks the panel (WebAssembly aborts), so the
/// test calls this instead; it is not exported to JavaScript.
#[doc(hidden)]
pub fn show_panic_panel(detail: &str) {
    host::show_panic(detail);
}

/// Options a host passes, as attributes of the element or as the second argument of `mount`.
/// Both builds read them all, so that a wrong option is refused on the first
/// screen already; the first screen uses few of them, and only it has `onBegin`.
#[cfg_attr(feature = "first", allow(dead_code))]
struct Options {
    lang: Lang,
    types: Vec<ApplicantType>,
    date: Option<Date>,
    draft_key_prefix: String,
    load_pdf: Option<app::JsFunction>,
    forms_bytes: Option<u64>,
    history: bool,
    params: &'static chanjiao_rules::Params,
    pack: Option<(String, String)>,
    begin: Option<app::Begin>,
    #[cfg(feature = "first")]
    on_begin: Option<js_sys::Function>,
}

fn read_options(options: &JsValue) -> Result<Options, JsValue> {
    let get = |name: &str| -> Option<String> {
        if options.is_undefined() || options.is_null() {
            return None;
        }
        js_sys::Reflect::get(options, &JsValue::from_str(name)).ok().and_then(|v| v.as_string()).filter(|s| !s.trim().is_empty())
    };
    let lang = get("lang").map_or(Lang::Zh, |t| Lang::from_tag(&t));
    let mut types = Vec::new();
    for code in get("types").unwrap_or_default().split([',', ' ']).filter(|s| !s.is_empty()) {
        let t = ApplicantType::from_code(code.trim()).ok_or_else(|| JsValue::from_str(&format!("chanjiao: unknown applicant type {code:?} in types")))?;
        types.push(t);
    }
    let date = match get("date") {
        Some(text) => Some(Date::parse(&text).ok_or_else(|| JsValue::from_str(&format!("chanjiao: date {text:?} is not YYYY-MM-DD")))?),
        None => None,
    };
    // The bytes the first form fetches, as chanjiao.js's build wrote them (absent or 0: unknown).
    let forms_bytes = if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str("formsBytes")).ok().and_then(|v| v.as_f64()).filter(|n| *n >= 1.0).map(|n| n as u64)
    } else {
        None
    };
    // A function chanjiao.js passes: the forms loader, or the first screen's `onBegin`.
    let function = |name: &str| -> Option<js_sys::Function> {
        if !options.is_object() {
            return None;
        }
        js_sys::Reflect::get(options, &JsValue::from_str(name)).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    };
    let load_pdf = function("loadPdf").map(app::JsFunction);
    // The host's policy pack: chanjiao.js fetched it and checked its integrity,
    // and passes its text; it is loaded here as every program loads packs
    // (`chanjiao_rules::load_policy_parsed`, which names it by its id). A pack that fails
    // refuses the whole widget (the page shows a notice), never half of it, with
    // a typed refusal chanjiao.js reads: `{ kind: "policy-refused", key, en, zh }`.
    // The first screen only checks the pack; the whole widget names it too.
    #[cfg(feature = "first")]
    let load = chanjiao_rules::check_policy_parsed;
    #[cfg(not(feature = "first"))]
    let load = chanjiao_rules::load_policy_parsed;
    let (params, pack) = match get("policyPackText") {
        Some(text) => {
            let json = host::parse_json(&text).ok_or_else(|| policy_refused("", "the policy pack is not JSON", "政策包不是 JSON"))?;
            let params = load(&[(text.as_str(), &json)]).map_err(|r| {
                let e = r.error;
                policy_refused(e.field.as_deref().unwrap_or_default(), &e.message.en, &e.message.zh)
            })?;
            let id = params.successors.last().and_then(|d| d.pack_id.clone()).unwrap_or_default();
            (params, Some((text, id)))
        }
        // The plan alone, composed by the same function as a plan with packs.
        None => (load(&[]).map_err(|r| JsValue::from_str(&r.error.render(Lang::En)))?, None),
    };
    // The browser's Back and Forward move between the widget's steps, unless the host says `history: off`.
    let history = get("history").is_none_or(|h| h.trim() != "off");
    // How the user began on the first screen (chanjiao.js passes it on).
    let begin = match (get("begin").as_deref(), get("beginAnswers")) {
        (Some("start"), _) => Some(app::Begin::Start),
        (Some("resume"), _) => Some(app::Begin::Resume),
        (Some("import"), Some(text)) => Some(app::Begin::Import(text.into())),
        (Some("clear"), _) => Some(app::Begin::Clear),
        _ => None,
    };
    Ok(Options {
        lang,
        types,
        date,
        draft_key_prefix: get("draftKeyPrefix").unwrap_or_default(),
        load_pdf,
        forms_bytes,
        history,
        params,
        pack,
        begin,
        #[cfg(feature = "first")]
        on_begin: function("onBegin"),
    })
}

/// The element's shadow root, with the widget's stylesheet adopted, and a new
/// container in it that the panic panel knows of.
fn attach(element: &HtmlElement) -> Result<Container, JsValue> {
    host::install_panic_hook();
    let shadow = match element.shadow_root() {
        Some(root) => root,
        None => element.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?,
    };
    host::adopt_stylesheet(&shadow, include_str!("style.css"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("chanjiao: no document")?;
    let container = document.create_element("div")?;
    container.set_attribute("class", "cj-root")?;
    shadow.append_child(&container)?;
    CONTAINERS.with(|c| c.borrow_mut().push(container.clone()));
    Container::new(container)
}

/// The evaluation date: the host's, or today. Without a real date the window
/// rules cannot be applied; say so rather than guess one.
fn evaluation_date(options: &Options) -> Result<Date, JsValue> {
    Ok(options.date.or_else(host::today).ok_or("chanjiao: the browser's clock gives no valid date; pass a date option")?)
}

/// Mounts a widget on `element` with options `{ lang, types, date, draftKeyPrefix }`:
/// A policy pack refused, as chanjiao.js reads it: `{ kind: "policy-refused",
/// key, en, zh }`, the key naming where in the pack.
fn policy_refused(key: &str, en: &str, zh: &str) -> JsValue {
    let out = js_sys::Object::new();
    for (k, v) in [("kind", "policy-refused"), ("key", key), ("en", en), ("zh", zh)] {
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    out.into()
}

/// `lang` is `zh-CN` (default) or `en`; `types` a comma-separated list of applicant
/// types to offer (default all seven); `date` an evaluation date `YYYY-MM-DD` for
/// testing (default today); `draftKeyPrefix` a prefix for the storage key, so that
/// several widgets on one site keep separate drafts. chanjiao.js adds
/// `policyPackText` for a policy pack it fetched and checked, and
/// `begin` (`start`, `resume` or `import`, with `beginAnswers`; `clear` when the
/// user cleared their data while it loaded) when the user began on the first screen.
#[cfg(not(feature = "first"))]
#[wasm_bindgen]
pub fn mount(element: HtmlElement, options: JsValue) -> Result<Widget, JsValue> {
    let options = read_options(&options)?;
    let on = evaluation_date(&options)?;
    let container = attach(&element)?;
    let props = Props {
        host: element,
        lang: options.lang,
        on,
        types: options.types,
        draft_key_prefix: options.draft_key_prefix.into(),
        load_pdf: options.load_pdf,
        forms_bytes: options.forms_bytes,
        history: options.history,
        params: state::PolicyRef(options.params),
        pack: options.pack.map(|(text, id)| (text.into(), id.into())),
        begin: options.begin,
    };
    let handle = yew::Renderer::<App>::with_root_and_props(container.element().clone(), props).render();
    Ok(Widget { handle: Some(handle), container })
}

/// Mounts the first screen on `element`, with the options of `mount` and
/// `onBegin`, called once with `{ begin, beginAnswers, lang }` when the user
/// starts, resumes or imports: chanjiao.js then mounts the whole widget in its place.
#[cfg(feature = "first")]
#[wasm_bindgen]
pub fn mount_first(element: HtmlElement, options: JsValue) -> Result<first::FirstScreen, JsValue> {
    let options = read_options(&options)?;
    let on = evaluation_date(&options)?;
    let container = attach(&element)?;
    let props = first::Props {
        lang: options.lang,
        on,
        draft_key_prefix: options.draft_key_prefix.into(),
        params: state::PolicyRef(options.params),
        on_begin: options.on_begin.map(app::JsFunction),
    };
    Ok(first::FirstScreen::render(container, props))
}
