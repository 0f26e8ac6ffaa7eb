//! The data files as `build.rs` embeds them: arrays of string slices, written
//! from `data/params.toml` and `data/entries.toml` at compile time. `params.rs`
//! and `catalogue.rs` check and type them on first use, so no parser ships.

/// One dated value as the data gives it: since, the value or values, and whether
/// the parameter is a list.
pub(crate) type RawValue<'a> = (&'a str, &'a [&'a str], bool);
/// One parameter: name, clause, kind (`yuan`, `rate`, `count`, their `_range`s,
/// `yuan_tiers`, `date`), the parameter that counts its tiers (`count`, or
/// empty), dated values.
pub(crate) type RawParam<'a> = (&'a str, &'a str, &'a str, &'a str, &'a [RawValue<'a>]);
/// One sector of 300号: name, then indicators and the large, medium and small bands.
pub(crate) type RawSector<'a> = (&'a str, [&'a [&'a str]; 4]);

/// One `[[entry]]` of `entries.toml`, as written there.
#[derive(Debug)]
pub(crate) struct RawEntry {
    pub code: &'static str,
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub clause: &'static str,
    pub quote: &'static [&'static str],
    pub applicant_types: &'static [&'static str],
    pub amount_rule: &'static str,
    pub amount_rule_zh: &'static str,
    pub amount_rule_en: &'static str,
    pub lead_unit: &'static str,
    pub documents_zh: &'static [&'static str],
    pub documents_en: &'static [&'static str],
    /// Empty when the entry has no application form.
    pub form_title: &'static str,
    pub roster: Option<RawRoster>,
    /// True for an entry the catalogue handles as information only.
    pub information: bool,
    /// Where to ask about it, when not its lead unit (empty otherwise).
    pub ask_zh: &'static str,
    pub ask_en: &'static str,
    /// True when the territorial default (catalogue X4) applies before its table.
    pub territory: bool,
    /// The question of the event whose date (or year) puts it under a document
    /// (empty when none): its window applies after the table decides.
    pub event: &'static str,
    /// Questions a page asks together (`ask_together`): a rule that waits for
    /// one of them waits for all of them that are unanswered.
    pub together: &'static [&'static [&'static str]],
    /// Its decision table, where its rules are data (`[[entry.rule]]`).
    pub rules: &'static [RawRule],
}

/// One `[[entry.rule]]` row: every field a string, empty where left out (see
/// `entries::table::RuleText`).
#[derive(Debug)]
pub(crate) struct RawRule {
    pub when: &'static str,
    pub status: &'static str,
    pub amount: &'static str,
    pub value: &'static str,
    pub min: &'static str,
    pub cash: &'static str,
    pub held: &'static str,
    pub higher_zh: &'static str,
    pub higher_en: &'static str,
    pub reason_zh: &'static str,
    pub reason_en: &'static str,
    pub also_zh: &'static str,
    pub also_en: &'static str,
    pub x7_zh: &'static str,
    pub x7_en: &'static str,
    pub miss_question: &'static str,
    pub miss_zh: &'static str,
    pub miss_en: &'static str,
    pub unit_zh: &'static str,
    pub unit_en: &'static str,
    pub until: &'static str,
    pub asks: &'static str,
    pub lead: &'static str,
    pub evidence: &'static str,
    pub outside_zh: &'static str,
    pub outside_en: &'static str,
    pub name: &'static str,
}

/// `[entry.roster]`: the per-person table of a form.
#[derive(Debug)]
pub(crate) struct RawRoster {
    pub title_zh: &'static str,
    /// Answers whose sum is the number of rows; empty when `rows` is fixed.
    pub count: &'static [&'static str],
    pub rows: i64,
    pub columns: &'static [RawColumn],
}

/// One roster column: its key, its label, its kind (empty for text) and where
/// a cell comes from (empty when the applicant writes it).
#[derive(Debug)]
pub(crate) struct RawColumn {
    pub id: &'static str,
    pub zh: &'static str,
    pub kind: &'static str,
    pub from: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/data.rs"));

/// The national rule an entry rests on (`national_rule` in `entries.toml`),
/// which no city document ends or restates.
pub(crate) fn national_rule(code: &str) -> Option<&'static str> {
    NATIONAL.iter().find(|(c, _)| *c == code).map(|(_, rule)| *rule)
}
