//! The root component. It owns every effect (storage, focus, downloads, events to
//! the host); the page components below get data and callbacks.

use chanjiao_rules::{ApplicantType, Date, Lang, Status};
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::host;
use crate::state::{Action, Notice, Page, State};
use crate::views::{self, ApplyPage, CheckPage, QuestionsPage, ResultsPage, StartPage, YearPage};
use chanjiao_rules::Text;

/// What the host decides.
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct Props {
    /// The custom element the widget lives in; events are sent from it.
    pub host: HtmlElement,
    /// The language to start in.
    pub lang: Lang,
    /// The evaluation date.
    pub on: Date,
    /// The applicant types to offer; empty offers all.
    pub types: Vec<ApplicantType>,
    /// A prefix for the storage key.
    pub draft_key_prefix: AttrValue,
    /// Fetches the forms module and the font (from chanjiao.js); `None` when the
    /// page mounted the widget without it, and forms cannot be made.
    pub load_pdf: Option<JsFunction>,
    /// The bytes the first form fetches (the forms module and the font), when known.
    pub forms_bytes: Option<u64>,
    /// Whether the browser's Back and Forward move between the widget's steps.
    pub history: bool,
    /// The policy: the built-in plan, or the plan followed by the host's pack.
    pub params: crate::state::PolicyRef,
    /// The host's policy pack as it was fetched, for the forms module, which
    /// reads it again (it is a separate WebAssembly module), with its id.
    pub pack: Option<(AttrValue, AttrValue)>,
    /// How the user began on the first screen, if they did there: the widget
    /// takes the choice as if it had been made on its own start page.
    pub begin: Option<Begin>,
}

/// How a user began on the first screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Begin {
    /// Start afresh.
    Start,
    /// Resume the saved draft.
    Resume,
    /// Import an answers file, as JSON text.
    Import(AttrValue),
    /// Everything saved was cleared while the widget was loading: stay on the
    /// start page and say so.
    Clear,
}

impl Begin {
    /// The action the start page would have sent.
    fn action(&self) -> Action {
        match self {
            Begin::Start => Action::Start,
            Begin::Resume => Action::Resume,
            Begin::Import(text) => Action::Import(host::parse_json(text)),
            Begin::Clear => Action::Clear,
        }
    }
}

/// A function chanjiao.js passes: the forms loader, `(onProgress) => Promise<module>`,
/// or the first screen's `onBegin`.
#[derive(Clone, Debug)]
pub struct JsFunction(pub js_sys::Function);

impl PartialEq for JsFunction {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

/// What the host page learns when results are shown: ids, statuses, amount kinds
/// and totals, never anything that identifies the applicant.
/// For answers of several years, each incentive names its year (none for what
/// is decided once), and the totals are over every year.
fn result_summary(state: &State) -> Option<serde_json::Value> {
    let incentive = |r: &chanjiao_rules::EntryResult, year: Option<u16>| {
        let amount = serde_json::to_value(&r.amount).unwrap_or_default();
        let mut item = serde_json::json!({
            "id": r.incentive.id, "code": r.incentive.code, "status": r.status,
            "amount_kind": amount.get("kind"), "amount": amount, "cash": r.cash,
        });
        if let Some(year) = year {
            item["year"] = year.into();
        }
        item
    };
    let open = |r: &&chanjiao_rules::EntryResult| r.status != Status::NotApplicable;
    // The packs the results rest on, by id, so that a host can tell which
    // successor (or illustration) produced them.
    let packs: Vec<serde_json::Value> = state
        .params
        .successors
        .iter()
        .filter_map(|d| Some(serde_json::json!({ "id": d.pack_id.as_ref()?, "number": d.number, "illustrative": d.illustrative })))
        .collect();
    // Whether the results rest on an illustration (one already issued on the evaluation date).
    let illustrative = state.params.illustrative_on(state.on).is_some();
    if state.answers.has_years() {
        let e = state.years_evaluation()?;
        let mut incentives: Vec<serde_json::Value> =
            e.years.iter().flat_map(|y| y.results.iter().filter(open).map(|r| incentive(r, Some(y.year))).collect::<Vec<_>>()).collect();
        incentives.extend(e.once.iter().filter(open).map(|r| incentive(r, None)));
        return Some(serde_json::json!({
            "policy": e.policy.number, "packs": packs, "illustrative": illustrative, "rules_version": e.policy.rules_version,
            "evaluated_on": e.evaluated_on, "applicant_type": e.applicant_type, "totals": e.totals, "incentives": incentives,
        }));
    }
    let e = state.evaluation()?;
    let incentives: Vec<serde_json::Value> = e.results.iter().filter(open).map(|r| incentive(r, None)).collect();
    Some(serde_json::json!({
        "policy": e.policy.number, "packs": packs, "illustrative": illustrative, "rules_version": e.policy.rules_version,
        "evaluated_on": e.evaluated_on, "applicant_type": e.applicant_type, "totals": e.totals, "incentives": incentives,
    }))
}

/// Focuses `node`, or the element of id `instead` in the same root, whenever
/// `counter` moves on (not on the first render).
#[hook]
pub(crate) fn use_focus_on(counter: u32, node: NodeRef, instead: Option<String>) {
    use_effect_with(counter, move |n| {
        if *n > 0
            && let Some(el) = node.cast::<HtmlElement>()
        {
            match instead {
                Some(id) => host::focus_in_root(&el, &id),
                None => {
                    let _ = el.focus();
                }
            }
        }
    });
}

/// The app.
#[function_component(App)]
pub fn app(props: &Props) -> Html {
    let prefix = props.draft_key_prefix.to_string();
    // The rules version and the ids of the policy packs key the draft: a draft
    // made under other rules, or under another policy, is not resumed.
    let version = use_memo(props.params, |p| p.version());
    let state = {
        let (prefix, version, props) = (prefix.clone(), version.clone(), props.clone());
        use_reducer(move || {
            let loaded = host::load_draft(&prefix, &version);
            let state =
                State::new(props.params.0, props.lang, props.on, props.types.clone(), loaded.draft, loaded.unreadable.then_some(Notice::DraftUnreadable));
            // A widget begun on the first screen opens where that choice leads,
            // without drawing its own start page first.
            match &props.begin {
                Some(begin) => state.reduce(begin.action()),
                None => state,
            }
        })
    };
    let heading = use_node_ref();
    let error_summary = use_node_ref();

    // Every answer is saved as it is typed, unless a draft is still on offer (saving
    // then would overwrite it before the user chose to resume or start over).
    // Starting over saves at once: the old answers leave a shared computer then,
    // not at the first new answer.
    {
        let (prefix, version) = (prefix.clone(), version.clone());
        let offer_pending = state.draft.is_some();
        use_effect_with((state.to_draft(), offer_pending), move |(draft, offer_pending)| {
            if !offer_pending {
                host::save_draft(&prefix, &version, draft);
            }
        });
    }
    // A new page takes focus at its heading, so screen readers announce it; after a
    // failed Continue, the error summary (which links to each field) takes it.
    // A "Change" link's page focuses the answer to change instead.
    let field = state
        .focus_field
        .filter(|(page, _)| *page == state.focus_page)
        .map(|(_, q)| format!("cj-{}", q.id()))
        .or_else(|| state.focus_cohort.filter(|(page, _)| *page == state.focus_page).map(|(_, row)| format!("cj-cohort-{row}-count")));
    use_focus_on(state.focus_page, heading.clone(), field);
    use_focus_on(state.focus_errors, error_summary.clone(), None);
    // The host page hears about results once each time they are shown.
    {
        let (host_el, state) = (props.host.clone(), state.clone());
        use_effect_with((state.page, state.focus_page), move |_| {
            if state.page == Page::Results
                && let Some(detail) = result_summary(&state)
            {
                host::dispatch(&host_el, "chanjiao-result", &detail);
            }
        });
    }

    // Making the PDF: the forms module and the font are fetched on the first
    // request (with progress), then the module writes the file, which is offered
    // as a download. Nothing leaves the browser.
    {
        let (state, loader, pack) = (state.clone(), props.load_pdf.clone(), props.pack.clone());
        use_effect_with(state.pdf_request, move |n| {
            if *n == 0 {
                return;
            }
            let Some(loader) = loader else {
                state.dispatch(Action::PdfFailed(
                    Text::new("本页面未提供申请表组件（请用 chanjiao.js 嵌入）", "this page did not provide the forms component (embed with chanjiao.js)"),
                    false,
                ));
                return;
            };
            // Each year's forms make one file, from that year's answers (the
            // balance carried in), named by its year: a file holds one form per
            // entry, which is what verification accepts.
            let generated_on = host::today().unwrap_or(state.on).to_string();
            let requests: Vec<(Option<u16>, String)> = state
                .form_groups()
                .iter()
                .map(|(year, answers, codes)| {
                    let request = serde_json::json!({
                        "answers": answers.canonical(),
                        "applicant": state.applicant,
                        "codes": codes,
                        "evaluated_on": state.on.to_string(),
                        "generated_on": generated_on,
                        "pack": pack.as_ref().map(|(text, id)| serde_json::json!({ "text": text.as_str(), "id": id.as_str() })),
                    });
                    (*year, request.to_string())
                })
                .collect();
            let (progress, rendering, done) = (state.clone(), state.clone(), state.clone());
            yew::platform::spawn_local(async move {
                let (mut names, mut pages, mut missing) = (Vec::new(), 0, String::new());
                let mut failed = None;
                for (year, request) in requests {
                    let (progress, rendering) = (progress.clone(), rendering.clone());
                    match host::make_pdf(
                        &loader.0,
                        request,
                        year,
                        move |received, total| progress.dispatch(Action::PdfProgress(received, total)),
                        move || rendering.dispatch(Action::PdfRendering),
                    )
                    .await
                    {
                        Ok(m) => {
                            names.push(m.file_name);
                            pages += m.pages;
                            missing.extend(m.missing.chars().filter(|c| !missing.contains(*c)).collect::<Vec<_>>());
                        }
                        Err(why) => {
                            failed = Some(why);
                            break;
                        }
                    }
                }
                done.dispatch(match failed {
                    None => Action::PdfDone { file_name: names.join("、"), pages, missing },
                    Some((why, setup)) => {
                        let (zh, en) = why.split_once('\n').map_or((why.clone(), why.clone()), |(z, e)| (z.to_owned(), e.to_owned()));
                        Action::PdfFailed(Text::new(zh, en), !setup)
                    }
                });
            });
        });
    }

    // The browser's Back and Forward move between steps: each step is a history
    // entry marked with its depth (the length of the widget's own Back path).
    // A step the widget moves to is pushed; a popstate moves the widget to the
    // entry's depth; the widget's own Back button goes through the browser, so
    // the two never disagree. The key keeps several widgets' marks apart.
    let key = prefix.clone();
    let depth = state.history.len() as u32;
    let depth_now = use_mut_ref(|| depth);
    *depth_now.borrow_mut() = depth;
    let recorded = use_mut_ref(|| None::<u32>);
    // The depth a popstate is moving the widget to, until it gets there: the steps on
    // the way are the browser's entries already, not new ones.
    let popped = use_mut_ref(|| None::<u32>);
    {
        let (state, key, depth_now, popped, recorded) = (state.clone(), key.clone(), depth_now.clone(), popped.clone(), recorded.clone());
        use_effect_with(props.history, move |on| {
            let listener = on.then(|| {
                host::history::Listener::new(move |entry| {
                    let Some(target) = host::history::depth_in(&entry, &key) else { return };
                    let now = *depth_now.borrow();
                    // Going back to an entry deeper than the widget is: an entry
                    // of this widget's earlier mount (before a reload, or before a
                    // single-page app re-created the element), a step it no longer
                    // has. Back then goes on past that mount's entries (depths
                    // target down to 0) to the page before them, rather than
                    // stopping on each with nothing changing.
                    if target > now && recorded.borrow().is_some_and(|from| target < from) {
                        host::history::go(-(target as i32) - 1);
                        return;
                    }
                    *popped.borrow_mut() = Some(target);
                    for _ in target..now {
                        state.dispatch(Action::Back);
                    }
                    for _ in now..target {
                        state.dispatch(Action::Forward);
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        let (key, recorded, popped, begun) = (key.clone(), recorded.clone(), popped.clone(), props.begin.is_some());
        use_effect_with((props.history, depth, state.page), move |(on, depth, _)| {
            if *on {
                // After a reload the entry still carries the depth the page had: keep
                // it, so that resuming the draft lands on the entry already there.
                // A widget begun on the first screen is already past its start page:
                // the entry it was shown on becomes the start page's, and the step
                // the user began is recorded below as for a choice made here.
                if recorded.borrow().is_none() {
                    match host::history::current(&key) {
                        Some(kept) => {
                            *recorded.borrow_mut() = Some(kept);
                            if !begun {
                                return;
                            }
                        }
                        None if begun => {
                            host::history::record(&key, 0, false);
                            *recorded.borrow_mut() = Some(0);
                        }
                        None => {}
                    }
                }
                let last = *recorded.borrow();
                // A step reached through the browser's own Back or Forward is already its entry.
                let by_pop = popped.borrow().is_some();
                if popped.borrow().is_some_and(|t| t == *depth) {
                    *popped.borrow_mut() = None;
                }
                // A deeper step is a new entry; the first mark, or a shorter path (a
                // restart), marks the entry the browser is on.
                if !by_pop && last != Some(*depth) {
                    host::history::record(&key, *depth, last.is_some_and(|l| *depth > l));
                }
                *recorded.borrow_mut() = Some(*depth);
            }
        });
    }
    let dispatch = {
        let (state, key, history, popped) = (state.clone(), key.clone(), props.history, popped.clone());
        Callback::from(move |a: Action| {
            // What the user does next is theirs, whatever a popstate left unfinished.
            *popped.borrow_mut() = None;
            let depth = state.history.len() as u32;
            if matches!(a, Action::Back) && history && depth > 0 && host::history::current(&key) == Some(depth) {
                host::history::back();
            } else {
                state.dispatch(a);
            }
        })
    };
    // A widget begun on the first screen replaced the element that had the focus:
    // the heading of the page it opens on takes it, as a new page's would.
    {
        let (begun, heading) = (props.begin.is_some(), heading.clone());
        use_effect_with((), move |_| {
            if begun && let Some(h) = heading.cast::<HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    // What "clear" removed from this browser, as stored, for its undo.
    let cleared = use_state(Vec::<(String, String)>::new);
    let on_clear = {
        let (state, prefix, cleared) = (state.clone(), prefix.clone(), cleared.clone());
        Callback::from(move |_| {
            cleared.set(host::clear_storage(&prefix));
            state.dispatch(Action::Clear);
        })
    };
    let on_export = {
        let state = state.clone();
        Callback::from(move |_| {
            let text = serde_json::to_string_pretty(&state.answers.to_json()).unwrap_or_default();
            let _ = host::download("chanjiao-answers.json", "application/json", &text);
        })
    };

    // Undo of "clear": what it dropped comes back, and what it removed from
    // this browser is written back as it was (a state that offers a draft
    // saves nothing by itself).
    let on_undo = state.undo.as_ref().map(|_| {
        let (state, cleared) = (state.clone(), cleared.clone());
        Callback::from(move |_| {
            host::restore_storage(&cleared);
            cleared.set(Vec::new());
            state.dispatch(Action::Undo);
        })
    });
    let lang = state.lang;
    let page = match state.page {
        Page::Start => html! {
            <StartPage lang={state.lang} on={state.on} params={state.params} notice={state.notice} notice_said={state.notice.map(|n| views::notice_with_problem(n, state.import_problem.as_ref(), state.lang))}
                has_draft={state.draft.is_some()} dispatch={dispatch.clone()} heading={heading.clone()} on_clear={on_clear.clone()} on_undo={on_undo} />
        },
        Page::Questions(section) => html! {
            <QuestionsPage state={state.clone()} section={section} dispatch={dispatch.clone()} heading={heading.clone()} error_summary={error_summary.clone()} />
        },
        Page::Year(year) => html! {
            <YearPage state={state.clone()} year={year} dispatch={dispatch.clone()} heading={heading.clone()} error_summary={error_summary.clone()} />
        },
        Page::Check => {
            html! { <CheckPage state={state.clone()} dispatch={dispatch.clone()} heading={heading.clone()} error_summary={error_summary.clone()} /> }
        }
        Page::Apply => html! {
            <ApplyPage state={state.clone()} dispatch={dispatch.clone()} heading={heading.clone()} error_summary={error_summary.clone()} forms_bytes={props.forms_bytes} />
        },
        Page::Results => html! {
            <ResultsPage state={state.clone()} dispatch={dispatch.clone()} heading={heading.clone()} on_clear={on_clear.clone()} on_export={on_export.clone()} />
        },
    };
    let switch = dispatch.reform(move |_| Action::SetLang(lang.other()));
    views::frame(lang, switch, page)
}
