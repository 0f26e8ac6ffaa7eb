//! The first screen: the start page alone, built as a WebAssembly module of its
//! own (crate feature `first`) so that a citizen on a slow phone sees it, and
//! can begin, after a small download. chanjiao.js fetches the whole widget
//! while they read it; when they start, resume or import, the first screen
//! calls `onBegin` and chanjiao.js mounts the whole widget in its place, which
//! takes the choice as if it had been made on its own start page.
//!
//! The page is the widget's own `StartPage`, with the same data: the policy's
//! validity from the rules, the draft from storage. What needs the rules'
//! questions and formulas (reading imported answers, resuming) is left to the
//! whole widget, so that none of it is in this module.

use chanjiao_rules::{Date, Lang};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::app::{JsFunction, use_focus_on};
use crate::host;
use crate::state::{Action, Notice, PolicyRef};
use crate::views::{self, StartPage};

/// What the first screen needs from the host.
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct Props {
    /// The language to start in.
    pub lang: Lang,
    /// The evaluation date.
    pub on: Date,
    /// A prefix for the storage key.
    pub draft_key_prefix: AttrValue,
    /// The policy: the built-in plan, or the plan followed by the host's pack.
    pub params: PolicyRef,
    /// Called with `{ begin, beginAnswers, lang }` when the user begins (and
    /// again with `clear` if they clear their data before the widget arrives).
    pub on_begin: Option<JsFunction>,
}

/// The first screen, mounted; `unmount` removes it.
#[wasm_bindgen]
#[derive(Debug)]
pub struct FirstScreen {
    handle: Option<yew::AppHandle<First>>,
    container: crate::Container,
}

impl FirstScreen {
    /// Renders the first screen in `container`.
    pub(crate) fn render(container: crate::Container, props: Props) -> FirstScreen {
        let handle = yew::Renderer::<First>::with_root_and_props(container.element().clone(), props).render();
        FirstScreen { handle: Some(handle), container }
    }
}

#[wasm_bindgen]
impl FirstScreen {
    /// Removes the first screen from the page (the whole widget replaces it).
    pub fn unmount(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        crate::detach(&self.container);
    }
}

/// Tells chanjiao.js how the user began: `begin` is `start`, `resume` or
/// `import` (with the file's JSON text as `beginAnswers`), or `clear` when they
/// cleared their data after beginning, before the whole widget arrived; the
/// last call is the one taken.
fn hand_over(on_begin: &Option<JsFunction>, begin: &str, answers: Option<String>, lang: Lang) {
    let Some(f) = on_begin else { return };
    let detail = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(k), &v);
    };
    set("begin", JsValue::from_str(begin));
    if let Some(text) = answers {
        set("beginAnswers", JsValue::from_str(&text));
    }
    set("lang", JsValue::from_str(lang.pick("zh-CN", "en")));
    let _ = f.0.call1(&JsValue::NULL, &detail);
}

/// The first screen's component: the frame and the start page, with the
/// language, the draft on offer and the notice as its own small state.
#[function_component(First)]
pub fn first(props: &Props) -> Html {
    let prefix = props.draft_key_prefix.to_string();
    let version = props.params.0.version();
    // Read once: a draft of other rules, or one that no longer parses, is
    // removed and said so here, exactly as the whole widget does.
    let loaded = {
        let (prefix, version) = (prefix.clone(), version.clone());
        use_memo((), move |_| host::load_draft(&prefix, &version))
    };
    let lang = use_state(|| props.lang);
    let has_draft = use_state(|| loaded.draft.as_ref().is_some_and(|d| !d.is_empty()));
    let notice = use_state(|| loaded.unreadable.then_some(Notice::DraftUnreadable));
    let busy = use_state(|| false);
    let focus = use_state(|| 0u32);
    let heading = use_node_ref();
    use_focus_on(*focus, heading.clone(), None);

    let dispatch = {
        let (on_begin, lang, busy, notice, focus) = (props.on_begin.clone(), lang.clone(), busy.clone(), notice.clone(), focus.clone());
        Callback::from(move |action: Action| {
            // The first choice goes ahead; a second press while the rest loads changes nothing.
            if *busy {
                return;
            }
            let (begin, answers) = match action {
                Action::Start => ("start", None),
                Action::Resume => ("resume", None),
                Action::Import(Some(json)) => ("import", Some(json.to_string())),
                Action::Import(None) => {
                    // Not JSON at all: said here, as the whole widget would, without loading it.
                    notice.set(Some(Notice::ImportFailed));
                    focus.set(*focus + 1);
                    return;
                }
                _ => return,
            };
            busy.set(true);
            hand_over(&on_begin, begin, answers, *lang);
        })
    };
    // What "clear" removed from this browser, kept in memory (as the text it
    // was stored as) until undone or the page is left.
    let dropped = use_state(Vec::<(String, String)>::new);
    let on_clear = {
        let (has_draft, notice, focus, busy, on_begin, lang, dropped, prefix) =
            (has_draft.clone(), notice.clone(), focus.clone(), busy.clone(), props.on_begin.clone(), lang.clone(), dropped.clone(), prefix.clone());
        Callback::from(move |_| {
            let removed = host::clear_storage(&prefix);
            if *has_draft {
                dropped.set(removed);
            }
            has_draft.set(false);
            notice.set(Some(Notice::Cleared));
            focus.set(*focus + 1);
            // Cleared while the whole widget loads: the choice made before is
            // withdrawn, and the widget opens on its start page saying so.
            if *busy {
                hand_over(&on_begin, "clear", None, *lang);
            }
        })
    };
    // Undo, before the whole widget was asked for: the draft goes back where it was.
    let on_undo = (!dropped.is_empty() && !*busy).then(|| {
        let (has_draft, notice, dropped) = (has_draft.clone(), notice.clone(), dropped.clone());
        Callback::from(move |_| {
            host::restore_storage(&dropped);
            dropped.set(Vec::new());
            has_draft.set(true);
            notice.set(None);
        })
    });
    let switch = {
        let lang = lang.clone();
        Callback::from(move |_| lang.set(lang.other()))
    };
    let page = html! {
        <StartPage lang={*lang} on={props.on} params={props.params} notice={*notice} notice_said={None}
            has_draft={*has_draft} busy={*busy} dispatch={dispatch} heading={heading} on_clear={on_clear} on_undo={on_undo} />
    };
    views::frame(*lang, switch, page)
}
