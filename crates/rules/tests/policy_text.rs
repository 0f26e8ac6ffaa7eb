//! The parameter and catalogue files are held to the policy text they cite.
//!
//! Every yuan figure, percentage, date, duration and rank count in the text must
//! be covered by a parameter (whose value must equal the figure as printed) or by
//! a `[[not_parameter]]` entry that says why it is not one. Every quote of the
//! catalogue must appear in the text verbatim, white space aside.

use std::str::FromStr;

use chanjiao_rules::{Catalogue, Decimal, Params};
use regex::Regex;

/// The built-in plan, composed as every program composes its policy.
fn policy() -> &'static chanjiao_rules::Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

const POLICY: &str = include_str!("../data/quanzhou-2022-8.txt");
const PARAMS_TOML: &str = include_str!("../data/params.toml");
const ENTRIES_TOML: &str = include_str!("../data/entries.toml");

/// A TOML data file as JSON, the form the crate reads (as build.rs converts it).
fn as_json(toml_text: &str) -> String {
    let value: toml::Table = toml::from_str(toml_text).unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_string(&value).unwrap_or_else(|e| panic!("{e}"))
}

/// The text with all white space removed: the source is hard-wrapped, and the
/// wrapping falls inside sentences and even inside figures ("2025年 12月 31日").
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A figure of the text: money, a percentage, a date, a year, a duration or a rank count.
fn figure_pattern() -> Regex {
    Regex::new(r"\d{4}年\d{1,2}月\d{1,2}日|\d{4}年|\d+(?:～\d+)?万?元|\d+%(?:～\d+%)?|\d+年内|\d+天|前\d+名").unwrap_or_else(|e| panic!("{e}"))
}

/// The number(s) a figure states, in the units the parameters use: the rules'
/// own reading, which checks policy packs too.
fn read_figure(figure: &str) -> Vec<Decimal> {
    chanjiao_rules::figure_numbers(figure)
}

fn value_numbers(kind: &str, value: &toml::Value) -> Vec<Decimal> {
    let as_decimal = |v: &toml::Value| Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("values are strings"))).unwrap_or_else(|e| panic!("{e}"));
    match (kind, value) {
        ("date", toml::Value::String(s)) => s.split('-').map(|p| Decimal::from_str(p).unwrap_or_else(|e| panic!("{e}"))).collect(),
        (_, toml::Value::Array(items)) => items.iter().map(as_decimal).collect(),
        (_, v) => vec![as_decimal(v)],
    }
}

#[test]
fn every_parameter_is_its_figure_in_the_text() {
    let policy = squash(POLICY);
    let doc: toml::Table = toml::from_str(PARAMS_TOML).unwrap_or_else(|e| panic!("{e}"));
    let mut checked = 0;
    for (name, value) in &doc {
        let Some(table) = value.as_table() else { continue };
        let Some(values) = table.get("values").and_then(|v| v.as_array()) else { continue };
        let kind = table.get("kind").and_then(|k| k.as_str()).unwrap_or_else(|| panic!("{name} has no kind"));
        assert!(table.get("clause").and_then(|c| c.as_str()).is_some_and(|c| !c.is_empty()), "{name} has no clause");
        match table.get("text").and_then(|t| t.as_str()) {
            None => assert!(table.get("source").is_some(), "{name} cites neither the text nor another source"),
            Some(text) => {
                let text = squash(text);
                assert!(policy.contains(&text), "{name}: its text is not in the policy: {text}");
                for v in values {
                    let figure = v.get("figure").and_then(|f| f.as_str()).unwrap_or_else(|| panic!("{name}: a value from the text needs its figure"));
                    assert!(text.contains(&squash(figure)), "{name}: figure {figure} is not in its text");
                    let expected = read_figure(&squash(figure));
                    let got = value_numbers(kind, v.get("value").unwrap_or_else(|| panic!("{name}: no value")));
                    assert_eq!(got, expected, "{name}: the value does not equal the figure {figure}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 30, "only {checked} values were checked against the text");
}

#[test]
fn every_figure_of_the_text_is_covered() {
    let policy = squash(POLICY);
    let doc: toml::Table = toml::from_str(PARAMS_TOML).unwrap_or_else(|e| panic!("{e}"));
    // Each covering fragment: where it stands in the text and which figures it vouches for.
    let mut covers: Vec<(String, Vec<String>)> = Vec::new();
    for (_, value) in &doc {
        let Some(table) = value.as_table() else { continue };
        let (Some(text), Some(values)) = (table.get("text").and_then(|t| t.as_str()), table.get("values").and_then(|v| v.as_array())) else { continue };
        let figures = values.iter().filter_map(|v| v.get("figure").and_then(|f| f.as_str()).map(squash)).collect();
        covers.push((squash(text), figures));
    }
    let pattern = figure_pattern();
    if let Some(list) = doc.get("not_parameter").and_then(|v| v.as_array()) {
        for item in list {
            let text = squash(item.get("text").and_then(|t| t.as_str()).unwrap_or_else(|| panic!("not_parameter needs text")));
            assert!(item.get("reason").is_some(), "not_parameter {text} needs a reason");
            assert!(policy.contains(&text), "not_parameter text is not in the policy: {text}");
            let figures = pattern.find_iter(&text).map(|m| m.as_str().to_owned()).collect();
            covers.push((text, figures));
        }
    }
    let mut uncovered = Vec::new();
    let mut found = 0;
    for m in pattern.find_iter(&policy) {
        found += 1;
        let (start, end) = (m.start(), m.end());
        let covered = covers.iter().any(|(text, figures)| {
            policy.match_indices(text.as_str()).any(|(at, _)| {
                at <= start
                    && end <= at + text.len()
                    && figures.iter().any(|f| text.match_indices(f.as_str()).any(|(fa, _)| at + fa <= start && end <= at + fa + f.len()))
            })
        });
        if !covered {
            let from = policy[..start].char_indices().rev().nth(12).map_or(0, |(i, _)| i);
            uncovered.push(format!("{} (…{}…)", m.as_str(), &policy[from..end]));
        }
    }
    assert!(found >= 35, "the pattern found only {found} figures; is the text intact?");
    assert!(uncovered.is_empty(), "figures of the text neither a parameter nor listed as not one:\n{}", uncovered.join("\n"));
}

#[test]
fn the_parameters_parse_and_have_the_shapes_the_formulas_need() {
    let params = Params::from_json(&as_json(PARAMS_TOML)).unwrap_or_else(|e| panic!("{e}"));
    // What ships (the build script's Rust data) reads to the same values.
    let shipped = policy();
    assert_eq!(format!("{params:?}"), format!("{shipped:?}"));
    assert_eq!(params.policy.issued.to_string(), "2022-12-01");
    assert_eq!(params.policy.expires.to_string(), "2025-12-31");
    assert_eq!(params.policy.signed.to_string(), "2022-11-29");
    // A successor value takes over from its own date, leaving earlier dates alone.
    let successor = PARAMS_TOML.replace(
        r#"values = [{ since = "2022-12-01", value = "1000000", figure = "100万元" }]"#,
        r#"values = [{ since = "2022-12-01", value = "1000000", figure = "100万元" }, { since = "2026-01-01", value = "1200000" }]"#,
    );
    let later = Params::from_json(&as_json(&successor)).unwrap_or_else(|e| panic!("{e}"));
    let day = |s: &str| chanjiao_rules::Date::parse(s).unwrap_or_else(|| panic!("{s}"));
    assert_eq!(later.values_at("a2_grant_per_major", day("2025-12-31")), Some(vec![Decimal::from(1_000_000)]));
    assert_eq!(later.values_at("a2_grant_per_major", day("2026-01-01")), Some(vec![Decimal::from(1_200_000)]));
    // Out-of-order dated values are refused rather than silently reordered.
    let disordered = PARAMS_TOML.replace(
        r#"values = [{ since = "2022-12-01", value = "5000", figure = "5000元" }]"#,
        r#"values = [{ since = "2022-12-01", value = "5000", figure = "5000元" }, { since = "2020-01-01", value = "1" }]"#,
    );
    assert!(Params::from_json(&as_json(&disordered)).is_err());
    assert!(Params::from_json(&as_json("[policy]\nnumber = 1")).is_err());
    assert!(Params::from_json("not json").is_err());
}

/// A parameter is a table of the data file: a new one is read, checked by its
/// kind and offered to the tables with no Rust edit, and the shapes its kind
/// promises are held for every parameter alike.
#[test]
fn a_parameter_is_a_table_of_the_data_and_its_kind_is_checked() {
    let day = |s: &str| chanjiao_rules::Date::parse(s).unwrap_or_else(|| panic!("{s}"));
    let added = format!(
        "{PARAMS_TOML}\n[z_new_cap]\nclause = \"四(一)\"\nkind = \"yuan_range\"\nvalues = [{{ since = \"2022-12-01\", value = [\"1\", \"2\"] }}, {{ since = \"2026-01-01\", value = [\"3\", \"4\"] }}]\n"
    );
    let params = Params::from_json(&as_json(&added)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(params.values_at("z_new_cap", day("2025-01-01")), Some(vec![Decimal::from(1), Decimal::from(2)]));
    assert_eq!(params.values_at("z_new_cap", day("2026-06-01")), Some(vec![Decimal::from(3), Decimal::from(4)]));
    // A range of three, or one running downwards, is refused by its kind.
    let three = added.replace(r#"value = ["3", "4"]"#, r#"value = ["3", "4", "5"]"#);
    assert!(Params::from_json(&as_json(&three)).is_err_and(|e| e.to_string().contains("z_new_cap must have 2 values")));
    let down = added.replace(r#"value = ["3", "4"]"#, r#"value = ["4", "3"]"#);
    assert!(Params::from_json(&as_json(&down)).is_err_and(|e| e.to_string().contains("z_new_cap: a range runs from low to high")));
    // Tiers must match the parameter the data says counts them.
    let tiers = PARAMS_TOML.replace(r#"value = "5", figure = "前5名""#, r#"value = "4", figure = "前5名""#);
    assert!(
        Params::from_json(&as_json(&tiers))
            .is_err_and(|e| e.to_string().contains("a9_award_by_rank must have one tier per place that a9_ranked_places counts"))
    );
    // A parameter a built-in step reads cannot go missing from the data.
    let missing = PARAMS_TOML.replace("[b1_credit_rate]", "[b1_credit_rate_renamed]");
    assert!(Params::from_json(&as_json(&missing)).is_err_and(|e| e.to_string().contains("b1_credit_rate: the ledger reads it")));
    // One number is one number, whatever its name.
    let listed = PARAMS_TOML.replace(r#"value = "100000", figure = "10万元""#, r#"value = ["100000"], figure = "10万元""#);
    assert!(Params::from_json(&as_json(&listed)).is_err());
}

#[test]
fn the_catalogue_has_all_47_entries_with_quotes_from_the_text() {
    let shipped = policy().catalogue().unwrap_or_else(|e| panic!("{e}"));
    let policy = squash(POLICY);
    let catalogue = Catalogue::from_json(&as_json(ENTRIES_TOML)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(format!("{catalogue:?}"), format!("{shipped:?}"));
    let codes: Vec<&str> = catalogue.entries.iter().map(|e| e.code.as_str()).collect();
    let mut expected: Vec<String> = (1..=22).map(|n| format!("A{n}")).collect();
    expected.extend(["B1".to_owned(), "C1".to_owned()]);
    expected.extend((1..=20).map(|n| format!("D{n}")));
    expected.extend((1..=3).map(|n| format!("E{n}")));
    assert_eq!(codes, expected);
    let ids = Regex::new(r"^[a-z0-9]+(-[a-z0-9]+)*$").unwrap_or_else(|e| panic!("{e}"));
    for e in &catalogue.entries {
        assert!(ids.is_match(&e.id), "{}: id {} is not kebab-case", e.code, e.id);
        assert!(!e.applicant_types.is_empty(), "{} is open to nobody", e.code);
        for q in &e.quote {
            assert!(policy.contains(&squash(q)), "{}: quote not in the text: {q}", e.code);
        }
        assert!(!e.units.is_empty(), "{} has no responsible units", e.code);
        assert!(policy.contains(&squash(&e.units)) || e.clause == "六(三)", "{}: units are not the text's 责任单位 line: {}", e.code, e.units);
    }
    // Papers to attach come from the catalogue's Inputs, in both languages, one for one.
    let with_documents: Vec<&str> = catalogue.entries.iter().filter(|e| !e.documents_zh.is_empty()).map(|e| e.code.as_str()).collect();
    assert_eq!(with_documents, ["A1", "A2", "A3", "A4", "A7", "A8", "A9", "A11", "A14", "B1"]);
    for e in &catalogue.entries {
        assert_eq!(e.documents_zh.len(), e.documents_en.len(), "{}: documents in both languages", e.code);
    }
    let doc: toml::Table = toml::from_str(ENTRIES_TOML).unwrap_or_else(|e| panic!("{e}"));
    let units = doc.get("units").and_then(|u| u.as_table()).unwrap_or_else(|| panic!("no [units]"));
    for (clause, list) in units {
        let list = list.as_str().unwrap_or_default();
        assert!(policy.contains(&squash(&format!("责任单位：{list}"))), "[units] {clause} is not a 责任单位 line of the text");
    }
}
