//! Data-driven cases: every file in `tests/cases/` holds cases written as data,
//! each with its answers, its evaluation date and the expected status and amount
//! of the entries it is about. All failures are reported together.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use chanjiao_rules::{Amount, Answers, Date, Decimal, EntryResult, evaluate_with, evaluate_years_with};
use serde::Deserialize;

/// The built-in plan, composed as every program composes its policy.
fn policy() -> &'static chanjiao_rules::Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    bases: BTreeMap<String, toml::Table>,
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    on: String,
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    answers: toml::Table,
    #[serde(default)]
    unset: Vec<String>,
    /// The kind of error expected instead of results, e.g. "invalid-answer".
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    expect: Vec<Expect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    entry: String,
    status: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    exact: Option<String>,
    #[serde(default)]
    range: Option<[String; 2]>,
    #[serde(default)]
    up_to: Option<String>,
    #[serde(default)]
    obligation: Option<[String; 2]>,
    #[serde(default)]
    in_kind: Option<String>,
    #[serde(default)]
    until: Option<String>,
    #[serde(default)]
    credit_used: Option<String>,
    #[serde(default)]
    credit_forward: Option<String>,
    #[serde(default)]
    cash: Option<bool>,
    #[serde(default)]
    missing: Option<Vec<String>>,
    #[serde(default)]
    miss: Option<String>,
    #[serde(default)]
    flags: Vec<String>,
    #[serde(default)]
    reason_contains: Vec<String>,
    /// Words the reason must not hold, in either language.
    #[serde(default)]
    reason_lacks: Vec<String>,
    /// The role the entry is claimed under, for a person with several.
    #[serde(default)]
    role: Option<String>,
    /// For answers of several years, the year the result belongs to (none for
    /// a result decided once).
    #[serde(default)]
    year: Option<u16>,
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|e| panic!("bad decimal {s} in a case: {e}"))
}

fn check(e: &Expect, r: &EntryResult) -> Vec<String> {
    let mut bad = Vec::new();
    let mut want = |ok: bool, what: String| {
        if !ok {
            bad.push(what);
        }
    };
    let status = serde_json::to_value(r.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    want(status == e.status, format!("status {status}, expected {}", e.status));
    let kind = serde_json::to_value(&r.amount).ok().and_then(|v| v.get("kind").and_then(|k| k.as_str().map(str::to_owned))).unwrap_or_default();
    if let Some(k) = &e.kind {
        want(&kind == k, format!("amount kind {kind}, expected {k}"));
    }
    if let Some(x) = &e.exact {
        want(r.amount == Amount::Exact { yuan: dec(x) }, format!("amount {:?}, expected exact {x}", r.amount));
    }
    if let Some([lo, hi]) = &e.range {
        want(r.amount == Amount::Range { min: dec(lo), max: dec(hi) }, format!("amount {:?}, expected range {lo}–{hi}", r.amount));
    }
    if let Some(cap) = &e.up_to {
        want(r.amount == Amount::UpTo { cap: dec(cap) }, format!("amount {:?}, expected up to {cap}", r.amount));
    }
    if let Some([lo, hi]) = &e.obligation {
        let ok = matches!(&r.amount, Amount::Obligation { min: Some(a), max: Some(b), .. } if *a == dec(lo) && *b == dec(hi));
        want(ok, format!("amount {:?}, expected obligation {lo}–{hi}", r.amount));
    }
    if let Some(q) = &e.in_kind {
        let ok = matches!(&r.amount, Amount::InKind { quantity: Some(n), .. } if *n == dec(q));
        want(ok, format!("amount {:?}, expected in kind {q}", r.amount));
    }
    if let Some(u) = &e.until {
        let ok = matches!(&r.amount, Amount::InKind { until: Some(d), .. } if d.to_string() == *u);
        want(ok, format!("amount {:?}, expected until {u}", r.amount));
    }
    if let Some(used) = &e.credit_used {
        let ok = matches!(&r.amount, Amount::Credit(c) if c.used == dec(used));
        want(ok, format!("amount {:?}, expected credit used {used}", r.amount));
    }
    if let Some(fwd) = &e.credit_forward {
        let ok = matches!(&r.amount, Amount::Credit(c) if c.carried_forward == dec(fwd));
        want(ok, format!("amount {:?}, expected carried forward {fwd}", r.amount));
    }
    if let Some(c) = e.cash {
        want(r.cash == c, format!("cash {}, expected {c}", r.cash));
    }
    if let Some(m) = &e.missing {
        let got: Vec<&str> = r.missing.iter().map(|q| q.id()).collect();
        want(got == m.iter().map(String::as_str).collect::<Vec<_>>(), format!("missing {got:?}, expected {m:?}"));
    }
    if let Some(m) = &e.miss {
        let got = r.miss.as_ref().and_then(|m| m.question).map(|q| q.id());
        want(got == Some(m.as_str()), format!("nearest miss {got:?}, expected {m}"));
    }
    for f in &e.flags {
        want(r.flags.iter().any(|x| x.code == f), format!("flag {f} not raised (flags: {:?})", r.flags.iter().map(|x| x.code).collect::<Vec<_>>()));
    }
    if let Some(role) = &e.role {
        let got = r.role.map(|t| t.code());
        want(got == Some(role.as_str()), format!("claimed as {got:?}, expected {role}"));
    }
    for s in &e.reason_contains {
        want(r.reason.zh().contains(s.as_str()) || r.reason.en().contains(s.as_str()), format!("reason lacks {s:?}: {}", r.reason.zh()));
    }
    for s in &e.reason_lacks {
        want(!r.reason.zh().contains(s.as_str()) && !r.reason.en().contains(s.as_str()), format!("reason holds {s:?}: {}", r.reason.zh()));
    }
    bad
}

fn answers_json(file: &File, case: &Case) -> serde_json::Value {
    let mut merged = toml::Table::new();
    if let Some(b) = &case.base {
        merged.extend(file.bases.get(b).unwrap_or_else(|| panic!("{}: no base {b}", case.name)).clone());
    }
    merged.extend(case.answers.clone());
    for k in &case.unset {
        merged.remove(k);
    }
    serde_json::to_value(&merged).unwrap_or_else(|e| panic!("{}: {e}", case.name))
}

#[test]
fn cases_hold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    let (mut cases, mut checks) = (0, 0);
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for case in &file.case {
            cases += 1;
            let on = Date::parse(&case.on).unwrap_or_else(|| panic!("{}: bad date", case.name));
            let json = answers_json(&file, case);
            // A case of several years is evaluated year by year; an expectation
            // names its year, or none for what is decided once.
            let result = Answers::from_json_value(&json).and_then(|a| match a.has_years() {
                false => evaluate_with(policy(), &a, on).map(|e| vec![(None, e.results)]),
                true => evaluate_years_with(policy(), &a, on)
                    .map(|e| std::iter::once((None, e.once)).chain(e.years.into_iter().map(|y| (Some(y.year), y.results))).collect()),
            });
            match (&case.error, result) {
                (Some(kind), Err(e)) => {
                    checks += 1;
                    let got = serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                    if &got != kind {
                        failures.push(format!("{stem} / {}: error {got}, expected {kind}", case.name));
                    }
                }
                (Some(kind), Ok(_)) => failures.push(format!("{stem} / {}: no error, expected {kind}", case.name)),
                (None, Err(e)) => failures.push(format!("{stem} / {}: unexpected error {e}", case.name)),
                (None, Ok(evaluation)) => {
                    for e in &case.expect {
                        checks += 1;
                        let results = evaluation.iter().find(|(year, _)| *year == e.year).map(|(_, r)| r.as_slice()).unwrap_or_default();
                        let Some(r) = results.iter().find(|r| r.incentive.code == e.entry || r.incentive.id == e.entry) else {
                            let year = e.year.map(|y| format!(" in {y}")).unwrap_or_default();
                            failures.push(format!("{stem} / {}: no entry {}{year}", case.name, e.entry));
                            continue;
                        };
                        for b in check(e, r) {
                            failures.push(format!("{stem} / {} / {}: {b}", case.name, e.entry));
                        }
                    }
                }
            }
        }
    }
    println!("{cases} cases, {checks} expectations, from {} files", paths.len());
    assert!(cases > 0, "no cases found in {}", dir.display());
    assert!(failures.is_empty(), "{} failing expectations:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_year_still_to_come_is_reported_as_such_and_left_out_of_the_totals() {
    let text = include_str!("../../../examples/enterprise-years.json");
    let a = Answers::from_json(text).unwrap_or_else(|e| panic!("{e}"));
    let on = Date::parse("2024-12-20").unwrap_or_else(|| unreachable!());
    let e = evaluate_years_with(policy(), &a, on).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(e.years.iter().map(|y| y.year).collect::<Vec<_>>(), [2024]);
    assert_eq!(e.future, [2025]);
    let json = serde_json::to_value(&e).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["future"], serde_json::json!([2025]));
    // As of the end of 2025, both years are evaluated and none is to come.
    let later = evaluate_years_with(policy(), &a, Date::parse("2025-12-31").unwrap_or_else(|| unreachable!())).unwrap_or_else(|e| panic!("{e}"));
    assert!(later.future.is_empty() && later.years.len() == 2);
    assert!(serde_json::to_value(&later).unwrap_or_else(|e| panic!("{e}")).get("future").is_none(), "absent when none");
}
