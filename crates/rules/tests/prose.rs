//! No figure copied into prose. Every user-facing string of the question table
//! and the catalogue takes its figures from the policy's values, through
//! placeholders (`{a15_award:万}`, see `chanjiao_rules::template`), so that a
//! policy pack that changes a value changes every sentence that states it. A
//! number left in such a string fails here, unless it is a date, a document or
//! clause number, a catalogue reference, a name ("1+X", "level 2"), or an
//! example of how to type an answer.

use chanjiao_rules::{Date, template};
use regex::Regex;

/// The built-in plan, composed as every program composes its policy.
fn policy() -> &'static chanjiao_rules::Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

const ENTRIES_TOML: &str = include_str!("../data/entries.toml");

/// What may carry digits without being a figure of the policy.
fn allowed() -> Vec<Regex> {
    [
        r"\{[^}]*\}",                       // a placeholder
        r"\d{4}-\d{2}-\d{2}",               // a date
        r"\d{4}年(\d{1,2}月(\d{1,2}日)?)?", // a date or year, in Chinese
        r"\b(19|20)\d{2}\b",                // a year
        r"〔\d{4}〕\d+号",                  // a document number
        r"\d+号",                           // a document, by its number
        r"（[^（）]*目录[^（）]*）",        // a catalogue reference
        r"\([^()]*catalogue[^()]*\)",       // the same in English
        r"目录 ?[A-EX§]\d+(\.\d+)?",        // a catalogue code
        r"\b[A-EX]\d{1,2}\b",               // an entry or flag code
        r"§\d+(\.\d+)?",                    // a catalogue section
        r"1\+[XN]|8\+4",                    // programme names
        r"可写“[^”]*”|\d+万 is accepted",   // how to type money
        r"没有填 0|0 if none",              // how to type none
        r"art\. \d+",                       // an article of a rule
        r"[Ll]evel \d",                     // a certificate level's name
    ]
    .iter()
    .map(|p| Regex::new(p).unwrap_or_else(|e| panic!("{p}: {e}")))
    .collect()
}

/// The digits left in `text` once everything allowed is taken out.
fn stray_figures(text: &str, allowed: &[Regex]) -> Option<String> {
    let mut rest = text.to_owned();
    for re in allowed {
        rest = re.replace_all(&rest, " ").into_owned();
    }
    rest.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)).then_some(rest)
}

/// Every user-facing string of the catalogue data, as written (with placeholders).
fn catalogue_strings() -> Vec<(String, String)> {
    let doc: toml::Table = toml::from_str(ENTRIES_TOML).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    for entry in doc.get("entry").and_then(|e| e.as_array()).into_iter().flatten() {
        let code = entry.get("code").and_then(|c| c.as_str()).unwrap_or_default();
        for key in ["name_zh", "name_en", "amount_rule_zh", "amount_rule_en", "form_title"] {
            if let Some(text) = entry.get(key).and_then(|v| v.as_str()) {
                out.push((format!("{code}.{key}"), text.to_owned()));
            }
        }
        for key in ["documents_zh", "documents_en"] {
            for text in entry.get(key).and_then(|v| v.as_array()).into_iter().flatten().filter_map(|v| v.as_str()) {
                out.push((format!("{code}.{key}"), text.to_owned()));
            }
        }
        if let Some(roster) = entry.get("roster") {
            out.extend(roster.get("title_zh").and_then(|v| v.as_str()).map(|t| (format!("{code}.roster"), t.to_owned())));
            for c in roster.get("columns").and_then(|v| v.as_array()).into_iter().flatten() {
                out.extend(c.get("zh").and_then(|v| v.as_str()).map(|t| (format!("{code}.roster.column"), t.to_owned())));
            }
        }
    }
    out
}

/// Every user-facing string of the question table, as written.
fn question_strings() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for q in chanjiao_rules::questions::all() {
        for (what, text) in [("label", q.label.zh), ("label", q.label.en), ("help", q.help.zh), ("help", q.help.en)] {
            out.push((format!("{}.{what}", q.id), text.to_owned()));
        }
        for o in q.options() {
            out.push((format!("{}.option.{}", q.id, o.id), o.label.zh.to_owned()));
            out.push((format!("{}.option.{}", q.id, o.id), o.label.en.to_owned()));
        }
    }
    out
}

#[test]
fn no_figure_is_copied_into_the_question_table_or_the_catalogue() {
    let allowed = allowed();
    // The check can fail: a figure written out is caught, its placeholder is not.
    assert!(stray_figures("中小微企业每人 1000 元", &allowed).is_some());
    assert!(stray_figures("中小微企业每人 {a11_sme_per_hire} 元（目录 A11 第 4 点）", &allowed).is_none());
    let strings: Vec<(String, String)> = catalogue_strings().into_iter().chain(question_strings()).collect();
    assert!(strings.len() > 400, "every string is read: {}", strings.len());
    let stray: Vec<String> = strings.iter().filter_map(|(key, text)| stray_figures(text, &allowed).map(|_| format!("{key}: {text}"))).collect();
    assert!(stray.is_empty(), "figures written into prose instead of read from the policy's values:\n{}", stray.join("\n"));
}

#[test]
fn every_placeholder_fills_from_the_policy() {
    let params = policy();
    for (key, text) in catalogue_strings().into_iter().chain(question_strings()) {
        let filled = template::fill(&text, params, Date::LATEST).unwrap_or_else(|e| panic!("{key}: {e}"));
        assert!(!filled.contains('{') && !filled.contains('}'), "{key}: {filled}");
    }
}

#[test]
fn a_pack_that_changes_a_value_changes_the_sentences_that_state_it() {
    let pack_text = include_str!("../../../examples/policy/example-successor-2026.json");
    let builtin = policy();
    let pack = chanjiao_rules::Pack::from_json(pack_text, "x", builtin).unwrap_or_else(|e| panic!("{e}"));
    let params = builtin.with_packs(vec![pack]).unwrap_or_else(|e| panic!("{e}"));
    let on = Date::parse("2026-06-30").unwrap_or_else(|| panic!("date"));
    let hint = chanjiao_rules::Q::GraduatesHired.def().help_under(params, on);
    assert!(hint.zh.contains("1500 元") && hint.en.contains("CNY 1,500"), "{hint:?}");
    let before = chanjiao_rules::Q::GraduatesHired.def().help_under(builtin, on);
    assert!(before.zh.contains("1000 元"), "{before:?}");
    let a11 = policy().catalogue().unwrap_or_else(|e| panic!("{e}")).find("A11").unwrap_or_else(|e| panic!("{e}"));
    let (_, rule) = a11.texts_under(params, on);
    assert!(rule.zh.contains("1500元"), "{rule:?}");
}

/// A hint as the widget shows it (`plain`) carries no catalogue code, no
/// section sign and no bare clause number: those are for the results' "the
/// clause" disclosure and docs/answers.md, not for a citizen filling in a field.
#[test]
fn hints_read_plainly() {
    let params = policy();
    let on = chanjiao_rules::Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!());
    let mut bad = Vec::new();
    for q in chanjiao_rules::questions::all() {
        let help = q.help_under(params, on);
        for text in [chanjiao_rules::plain(&help.zh), chanjiao_rules::plain(&help.en)] {
            // "目录" alone is a word (认证目录, a directory); "目录 X4" or "目录 A14" is the catalogue.
            let catalogue = text.match_indices("目录").any(|(i, m)| text[i + m.len()..].trim_start().starts_with(|c: char| c.is_ascii_uppercase() || c == '§'));
            let code = text.contains('§')
                || catalogue
                || text.contains("catalogue")
                || text.char_indices().any(|(i, c)| c == 'X' && text[i + 1..].starts_with(|d: char| d.is_ascii_digit()));
            if code {
                bad.push(format!("{}: {text}", q.id));
            }
        }
    }
    assert!(bad.is_empty(), "hints with codes a citizen cannot use:\n{}", bad.join("\n"));
}

/// An English sentence names the unit to apply to in English: every probable
/// lead unit of the catalogue has its English name in `[unit_names_en]`.
#[test]
fn every_lead_unit_has_an_english_name() {
    let catalogue = policy().catalogue().unwrap_or_else(|e| panic!("{e}"));
    for e in &catalogue.entries {
        let en = e.lead_unit_in(chanjiao_rules::Lang::En);
        assert!(en.is_ascii() && en != e.lead_unit, "{}: no English name for {}", e.code, e.lead_unit);
    }
}
