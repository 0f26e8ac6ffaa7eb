//! The widget in a real DOM (wasm-bindgen-test in headless Chromium): what is
//! clearer to check from inside than by driving the page. Run by scripts/test.sh:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//!  cargo test -p chanjiao-widget --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Yew renders asynchronously: give it a turn of the event loop.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("a window");
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn host() -> HtmlElement {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let host: HtmlElement = document.create_element("div").expect("a div").dyn_into().expect("an HTML element");
    document.body().expect("a body").append_child(&host).expect("appended");
    host
}

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v)).expect("set");
    }
    o.into()
}

#[wasm_bindgen_test]
async fn mounts_in_a_shadow_root_with_one_adopted_stylesheet_and_no_style_attributes() {
    let host = host();
    let mut widget = chanjiao_widget::mount(host.clone(), options(&[("date", "2025-06-30")])).expect("mounts");
    settle().await;
    let shadow = host.shadow_root().expect("a shadow root");
    let h1 = shadow.query_selector("h1").expect("query").expect("a heading");
    assert!(h1.text_content().unwrap_or_default().contains("产教融合"));
    let sheets: js_sys::Array = js_sys::Reflect::get(&shadow, &JsValue::from_str("adoptedStyleSheets")).expect("sheets").dyn_into().expect("an array");
    assert_eq!(sheets.length(), 1);
    assert!(shadow.query_selector("[style]").expect("query").is_none(), "no style attribute anywhere");
    assert!(shadow.query_selector("style").expect("query").is_none(), "no style element");
    // The policy is in force on 2025-06-30: no expiry warning.
    assert!(shadow.query_selector(".warning").expect("query").is_none());
    widget.unmount();
    assert!(shadow.query_selector("h1").expect("query").is_none(), "unmount removes the app");
}

#[wasm_bindgen_test]
async fn after_expiry_the_start_page_says_so_in_english() {
    let host = host();
    let mut widget = chanjiao_widget::mount(host.clone(), options(&[("date", "2026-11-28"), ("lang", "en")])).expect("mounts");
    settle().await;
    let shadow = host.shadow_root().expect("a shadow root");
    let warning = shadow.query_selector(".warning").expect("query").expect("an expiry warning");
    assert!(warning.text_content().unwrap_or_default().contains("This policy has expired"));
    widget.unmount();
}

#[wasm_bindgen_test]
fn bad_options_are_refused_with_a_message() {
    let err = chanjiao_widget::mount(host(), options(&[("types", "ENT,ALIEN")])).expect_err("refused");
    assert!(err.as_string().unwrap_or_default().contains("ALIEN"));
    let err = chanjiao_widget::mount(host(), options(&[("date", "2025-02-30")])).expect_err("refused");
    assert!(err.as_string().unwrap_or_default().contains("2025-02-30"));
}

#[wasm_bindgen_test]
async fn a_panic_leaves_a_readable_panel_with_try_again_not_an_empty_box() {
    let host = host();
    let mut widget = chanjiao_widget::mount(host.clone(), options(&[("date", "2025-06-30")])).expect("mounts");
    settle().await;
    let shadow = host.shadow_root().expect("a shadow root");
    assert!(shadow.query_selector("h1").expect("query").is_some());
    chanjiao_widget::show_panic_panel("panicked at crates/widget/src/app.rs:1:1: a test");
    settle().await;
    let panel = shadow.query_selector("[role=alert] .panel-error").expect("query").expect("the error panel");
    let text = panel.text_content().unwrap_or_default();
    assert!(text.contains("出错了") && text.contains("Something went wrong"), "{text}");
    assert!(text.contains("答案保存在本浏览器中"), "it says the answers are kept: {text}");
    assert!(text.contains("a test"), "the detail is shown for a support request: {text}");
    let retry = shadow.query_selector("button[data-chanjiao-retry]").expect("query").expect("a try-again button");
    assert_eq!(retry.get_attribute("type").as_deref(), Some("button"));
    assert!(shadow.query_selector("h1").expect("query").is_none(), "the broken app is gone, not half-shown");
    widget.unmount();
}
