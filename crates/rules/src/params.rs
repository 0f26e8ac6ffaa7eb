//! The policy's figures, read from `data/params.toml` into typed, dated values.
//!
//! The tables and the built-in steps read figures only from here. `build.rs` embeds the file as Rust data,
//! so the same crate runs in the CLI and in the browser without a file system or
//! a parser.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::data::{self, RawParam, RawSector, RawValue};
use crate::date::Date;
use crate::error::{Error, ErrorKind};
use crate::sme::{Indicator, Sector, SectorThresholds};
use crate::text::{Lang, Text};

/// A value that may change over time: each value applies from its `since` date.
#[derive(Clone, Debug, PartialEq)]
pub struct Dated<T> {
    /// The clause of the policy that states the value, e.g. `二(二)`.
    pub clause: String,
    /// Values in order of `since`; never empty.
    values: Vec<(Date, T)>,
}

impl<T> Dated<T> {
    /// Adds a value in force from `since`, which must come after every value so far.
    pub(crate) fn push(&mut self, since: Date, value: T) -> Result<(), Error> {
        if self.values.last().is_some_and(|(last, _)| *last >= since) {
            return Err(data_error(format!("a value from {since} must come after the values before it")));
        }
        self.values.push((since, value));
        Ok(())
    }

    /// The value in force on `date`: the one with the latest `since` on or before it.
    /// For a date before every `since`, the earliest value, so that a potential
    /// amount can still be shown for an event the window check then rejects.
    pub fn at(&self, date: Date) -> &T {
        let mut chosen = &self.values[0].1;
        for (since, value) in &self.values {
            if *since <= date {
                chosen = value;
            }
        }
        chosen
    }

    /// The most recent value, for figures that are the policy's own facts (its dates).
    pub fn latest(&self) -> &T {
        &self.values[self.values.len() - 1].1
    }
}

/// Whether a document accepts claims for events that happened while its
/// predecessor was in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Transition {
    /// The annual notice decides; until it does, such a claim cannot be determined.
    AnnualNotice,
    /// Such claims are accepted, and judged by the document in force on the event's date.
    Accept,
    /// Such claims are not accepted.
    Refuse,
}

/// An entry as a later document words it: where it changes the name, the
/// clause, the quote or the responsible units.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct EntryText {
    /// The name, in Chinese, if changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// The name, in English, if changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The clause of the document, e.g. `三(二)`.
    pub clause: String,
    /// The document's own words for the condition.
    pub quote: Vec<String>,
    /// The clause's 责任单位, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<String>,
}

/// A policy document: its identity, its validity and how it treats what came before.
#[derive(Clone, Debug)]
pub struct Policy {
    /// 文号, `泉政办规〔2022〕8号`.
    pub number: String,
    /// The number as English text cites it, `Quan Zheng Ban Gui [2022] No. 8`
    /// (for a pack that gives none, [`number_en`] of its number).
    pub number_en: String,
    /// The plan's title.
    pub title: String,
    /// The issuing office.
    pub issuer: String,
    /// The version of these rules; it changes with any formula or figure.
    pub rules_version: String,
    /// The date on the notice (落款), 2022-11-29.
    pub signed: Date,
    /// The date it was issued and took effect (印发), 2022-12-01.
    pub issued: Date,
    /// The last day of validity, 2025-12-31.
    pub expires: Date,
    /// Whether it accepts claims for events under its predecessor (the built-in
    /// plan has none, so its own is never asked).
    pub transition: Transition,
    /// The clause that says so, quoted, where the document says it.
    pub transition_quote: Option<(String, String)>,
    /// An illustration, not a real policy: every result under it says so.
    pub illustrative: bool,
    /// Catalogue codes of the entries this document does not continue.
    pub dropped: Vec<String>,
    /// The entries as this document words them, by catalogue code.
    pub entries: BTreeMap<String, EntryText>,
    /// For a document from a policy pack: the first eight hexadecimal digits of
    /// the SHA-256 of the pack's bytes, which forms name so that a check can ask
    /// for the same pack.
    pub pack_id: Option<String>,
    /// The catalogue's entries as this document words them: names and amount
    /// rules filled with its figures, its own names where it gives them, so
    /// that a result judged under a successor quotes its figures, not the
    /// plan's. Filled on first use ([`Policy::worded`]): a program that only
    /// checks a pack (the widget's first screen) never builds the catalogue.
    pub(crate) entries_under: Worded,
    /// The cases a pack carries, which `chanjiao pack check` runs ([`crate::run_cases`]).
    /// Shared, not copied, when the policy is composed.
    pub cases: std::sync::Arc<Vec<crate::added::Case>>,
}

/// The cache of [`Policy::worded`]. A copy starts empty: the words depend on
/// the policy a document belongs to, and a policy composed anew (a pack
/// applied) words them again. Not copying the entries also keeps their code
/// out of the widget's first screen, which copies documents but never words them.
#[derive(Debug, Default)]
pub struct Worded(std::sync::OnceLock<Vec<crate::catalogue::Entry>>);

impl Clone for Worded {
    fn clone(&self) -> Self {
        Worded::default()
    }
}

impl Policy {
    /// The catalogue's entries as this document words them, under `params` (the
    /// policy it belongs to), read from its first day in force.
    pub(crate) fn worded(&self, params: &Params) -> &[crate::catalogue::Entry] {
        self.entries_under.0.get_or_init(|| {
            let Ok(catalogue) = params.catalogue() else { return Vec::new() };
            catalogue
                .entries
                .iter()
                .map(|e| {
                    // An entry the document restates is worded by its restatement (its amount rule).
                    let e = params.restated.iter().copied().find(|r| r.restated_in.as_ref() == Some(&self.number) && r.code == e.code).unwrap_or(e);
                    let (name, rule) = e.texts_under(params, self.issued);
                    let own = self.entries.get(&e.code);
                    let mut e = e.clone();
                    e.name_zh = own.and_then(|t| t.name_zh.clone()).unwrap_or_else(|| name.zh.into_owned());
                    e.name_en = own.and_then(|t| t.name_en.clone()).unwrap_or_else(|| name.en.into_owned());
                    (e.amount_rule_zh, e.amount_rule_en) = (rule.zh.into_owned(), rule.en.into_owned());
                    // The document's own clause, words and units, where it gives them.
                    if let Some(own) = own {
                        e.clause.clone_from(&own.clause);
                        e.quote.clone_from(&own.quote);
                        if let Some(units) = &own.units {
                            e.units.clone_from(units);
                        }
                    }
                    e
                })
                .collect()
        })
    }

    /// The document's number as text in `lang` cites it.
    pub fn number_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.number,
            Lang::En => &self.number_en,
        }
    }

    /// The number as text in `lang` cites it, marked "（示例，非真实政策）" when
    /// the document is an illustration and its number does not already say so.
    pub fn number_marked(&self, lang: Lang) -> String {
        let number = self.number_in(lang);
        let says = match lang {
            Lang::Zh => number.contains("示例"),
            Lang::En => number.contains("illustration"),
        };
        match (self.illustrative && !says, lang) {
            (false, _) => number.to_owned(),
            (true, Lang::Zh) => format!("{number}（示例，非真实政策）"),
            (true, Lang::En) => format!("{number} (an illustration, not a real policy)"),
        }
    }

    /// What an applicant must know when the evaluation date is after the policy
    /// expired, or `None` while it is in force. The CLI and the widget both say this.
    pub fn expiry_notice(&self, on: Date) -> Option<Text> {
        (on > self.expires).then(|| {
            let (number, number_en, from, until, next) = (&self.number, &self.number_en, self.issued, self.expires, self.expires.year() + 1);
            Text::new(
                format!("本政策已到期：{number} 的有效期为 {from} 至 {until}。有效期内发生的事项能否继续申请，取决于 {next} 年的申报通知或后续政策；以下金额为按本文件测算，并注明“暂无法确定”。"),
                format!(
                    "This policy has expired: {number_en} was valid from {from} to {until}. Whether events inside that period can still be claimed depends on a {next} notice or a successor policy; the amounts shown are what this document would give, marked \"cannot be determined yet\"."
                ),
            )
        })
    }

    /// True when the document is in force on `date`.
    pub fn in_force_on(&self, date: Date) -> bool {
        self.issued <= date && date <= self.expires
    }

    /// True when the document does not continue the entry with this code.
    pub fn drops(&self, code: &str) -> bool {
        self.dropped.iter().any(|d| d == code)
    }
}

/// The policy: the documents (the built-in plan, then the packs that follow
/// it), every figure the entries' tables use as dated values by name (each
/// documented, with its clause, in params.toml or in its pack), the entries
/// and questions packs add, and the plan's catalogue. [`crate::load_policy`]
/// composes it; everything else is handed it.
#[derive(Clone, Debug)]
pub struct Params {
    /// The built-in plan, 泉政办规〔2022〕8号.
    pub policy: Policy,
    /// The documents that follow it, in date order (from policy packs).
    pub successors: Vec<Policy>,
    /// Every named value: the plan's, in the order of `data/params.toml`, then
    /// those packs name anew. One list, so that a new parameter is a table in
    /// the data and no Rust edit; the tables find a plan's value by its place
    /// once, when they compile ([`Params::accessor`]).
    values: Vec<Param>,
    /// Enterprise-size thresholds of 工信部联企业〔2011〕300号, one per sector.
    pub sme: BTreeMap<Sector, SectorThresholds>,
    /// The questions packs add, in asking order.
    pub added_questions: Vec<crate::Q>,
    /// The entries packs add, in the order the packs give them.
    pub added_entries: Vec<&'static crate::catalogue::Entry>,
    /// The plan's catalogue, its texts filled from the plan's own values, built
    /// on first use and shared by every policy that follows this plan.
    plan_catalogue: PlanCatalogue,
    /// The plan's entries whose rules a pack restates (`restates`), in the
    /// packs' order: each a copy of the plan's entry with the document's
    /// table, event, clause and amount rule, naming the document (`restated_in`).
    pub restated: Vec<&'static crate::catalogue::Entry>,
    /// What a successor says of each entry it judges, made once per document
    /// and entry (see [`Judged`]).
    judged: Kept<(usize, usize), Judged>,
    /// The window's sentences, by kind and the documents they name (see [`Words`]).
    words: Kept<(Words, usize, usize), [Text; 3]>,
}

/// What a result judged under a successor document carries that does not
/// depend on the applicant: its basis (the document's number, clause, quote
/// and the entry's name and amount rule in its figures), the entry as the
/// document words it, and, for an illustrative document, the flag that says
/// so. Writing these for every result was most of the cost of judging under a
/// successor, so they are made once and kept for the life of the policy, as
/// the policy itself is.
#[derive(Debug)]
pub(crate) struct Judged {
    /// The entry as the document words it (found by its code among them all).
    pub worded: Option<&'static crate::catalogue::Entry>,
    pub basis: crate::outcome::Basis,
    pub flag: Option<(String, String)>,
}

/// What does not depend on an applicant, made the first time it is needed and
/// kept for the life of the program, as the policy is: found by a key of the
/// documents' (and entries') addresses, which live as long. A copy of a policy
/// starts empty: a pack composed onto it may change what its documents say.
struct Kept<K, V: ?Sized + 'static>(std::sync::Mutex<Vec<(K, &'static V)>>);

impl<K: PartialEq, V: ?Sized> Kept<K, V> {
    /// The value kept under `key`, made by `make` the first time.
    fn get(&self, key: K, make: impl FnOnce() -> Box<V>) -> &'static V {
        let mut kept = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, value)) = kept.iter().find(|(k, _)| *k == key) {
            return value;
        }
        let value: &'static V = Box::leak(make());
        kept.push((key, value));
        value
    }
}

impl<K, V: ?Sized> Default for Kept<K, V> {
    fn default() -> Self {
        Kept(std::sync::Mutex::new(Vec::new()))
    }
}

impl<K, V: ?Sized> Clone for Kept<K, V> {
    fn clone(&self) -> Self {
        Kept::default()
    }
}

impl<K, V: ?Sized> std::fmt::Debug for Kept<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kept")
    }
}

/// Sentences the validity window writes that depend on the documents alone
/// (a document's expiry, what a successor's transition rule says of an event
/// under an earlier one): after the plan expired, every dated result says one
/// of them, and a million applicants would otherwise write them a million times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Words {
    /// The flag that a document has expired, and what an event must be to count.
    Expired,
    /// What the document in force on the application date says of an event under an earlier one.
    Transition,
}

/// The plan's catalogue, built on first use: a program that only checks a pack
/// (the widget's first screen) never builds it, and so carries none of its code.
#[derive(Clone, Default)]
struct PlanCatalogue(std::sync::Arc<OnceLock<Result<crate::catalogue::Catalogue, Error>>>);

impl std::fmt::Debug for PlanCatalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlanCatalogue")
    }
}

fn data_error(what: String) -> Error {
    Error::new(ErrorKind::Data, None, Text::new(format!("参数文件有误：{what}"), format!("parameter file is inconsistent: {what}")))
}

/// One named value of the policy, as `data/params.toml` or a pack gives it.
#[derive(Clone, Debug)]
pub(crate) struct Param {
    /// Its name (`a11_sme_per_hire`).
    name: String,
    /// Its kind (`yuan`, `rate`, `count`, their `_range`s, `yuan_tiers`, `date`).
    kind: String,
    /// For tiers, the parameter whose count they must match (`count` in the data).
    count: String,
    /// Its dated values.
    value: Value,
}

/// The dated values of one parameter: one number, a list of numbers, or a date.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    One(Dated<Decimal>),
    Many(Dated<Vec<Decimal>>),
    Day(Dated<Date>),
}

/// Reads one parameter as the data gives it. Its kind says whether it is a
/// date; whether a number or a list of them, the data's own brackets say, and
/// every dated value must agree.
fn read_param((name, clause, kind, count, raw): &RawParam) -> Result<Param, Error> {
    fn dated<T>(name: &str, clause: &str, raw: &[RawValue], read: impl Fn(&[&str], bool) -> Option<T>) -> Result<Dated<T>, Error> {
        let mut values = Vec::with_capacity(raw.len());
        for (since, value, many) in raw {
            let since_date = Date::parse(since).ok_or_else(|| data_error(format!("{name}: bad since {since}")))?;
            let value = read(value, *many).ok_or_else(|| data_error(format!("{name}: bad value")))?;
            values.push((since_date, value));
        }
        if values.is_empty() || values.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err(data_error(format!("{name}: values must be non-empty and in order of since")));
        }
        Ok(Dated { clause: clause.to_owned(), values })
    }
    let many = raw.first().is_some_and(|v| v.2);
    let value = if *kind == "date" {
        Value::Day(dated(name, clause, raw, |v, many| match v {
            [one] if !many => Date::parse(one),
            _ => None,
        })?)
    } else if many {
        Value::Many(dated(name, clause, raw, |v, many| if many { v.iter().map(|s| non_negative(s)).collect() } else { None })?)
    } else {
        Value::One(dated(name, clause, raw, |v, many| match v {
            [one] if !many => non_negative(one),
            _ => None,
        })?)
    };
    Ok(Param { name: (*name).to_owned(), kind: (*kind).to_owned(), count: (*count).to_owned(), value })
}

fn strings(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn non_negative(s: &str) -> Option<Decimal> {
    Decimal::from_str(s).ok().filter(|d| !d.is_sign_negative())
}

// The JSON form of the parameter file, read only by `Params::from_json`.
#[derive(Deserialize)]
struct JsonParam {
    clause: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    count: String,
    values: Vec<JsonValue>,
}

#[derive(Deserialize)]
struct JsonValue {
    since: String,
    value: JsonScalar,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonScalar {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct JsonPolicy {
    number: String,
    #[serde(default)]
    number_en: Option<String>,
    title: String,
    issuer: String,
    rules_version: String,
}

/// A document number as English text cites it when no English form is given:
/// the brackets and 号 in ASCII words (`泉政办规〔2026〕3号` → `泉政办规 [2026] No. 3`),
/// the issuer's abbreviation as printed, which only its own translation can render.
pub fn number_en(number: &str) -> String {
    let Some((prefix, rest)) = number.split_once('〔') else { return number.to_owned() };
    let Some((year, serial)) = rest.split_once('〕') else { return number.to_owned() };
    let (serial, after) = serial.split_once('号').unwrap_or((serial, ""));
    format!("{prefix} [{year}] No. {serial}{after}")
}

#[derive(Deserialize)]
struct JsonSme {
    sectors: BTreeMap<String, JsonSector>,
}

#[derive(Deserialize)]
struct JsonSector {
    indicators: Vec<String>,
    large: Vec<String>,
    medium: Vec<String>,
    small: Vec<String>,
}

impl Params {
    /// Reads a parameter file in JSON form (`data/params.toml` converted to JSON,
    /// comments aside), so that a successor policy's file can be checked before
    /// it is embedded. The shipped parameters, which `build.rs` embeds as Rust
    /// data and [`crate::load_policy`] starts from, go through the same checks.
    pub fn from_json(source: &str) -> Result<Params, Error> {
        let table: serde_json::Map<String, serde_json::Value> = serde_json::from_str(source).map_err(|e| data_error(e.to_string()))?;
        let section = |name: &str| table.get(name).cloned().ok_or_else(|| data_error(format!("missing [{name}]")));
        let policy: JsonPolicy = serde_json::from_value(section("policy")?).map_err(|e| data_error(format!("[policy]: {e}")))?;
        let sme: JsonSme = serde_json::from_value(section("sme")?).map_err(|e| data_error(format!("[sme]: {e}")))?;
        let mut params = Vec::new();
        for (name, value) in table.iter().filter(|(k, _)| !matches!(k.as_str(), "policy" | "sme" | "not_parameter")) {
            let param: JsonParam = serde_json::from_value(value.clone()).map_err(|e| data_error(format!("{name}: {e}")))?;
            params.push((name.as_str(), param));
        }
        // In the order the shipped data gives them (a JSON object's keys come
        // sorted), so that both sources make the same value; new names last.
        params.sort_by_key(|(name, _)| data::PARAMS.iter().position(|p| p.0 == *name).unwrap_or(usize::MAX));
        // The checks below read borrowed slices, as build.rs embeds them; lend them.
        let value_strings: Vec<Vec<Vec<&str>>> = params
            .iter()
            .map(|(_, p)| {
                p.values
                    .iter()
                    .map(|v| match &v.value {
                        JsonScalar::One(one) => vec![one.as_str()],
                        JsonScalar::Many(many) => strings(many),
                    })
                    .collect()
            })
            .collect();
        let values: Vec<Vec<RawValue>> = params
            .iter()
            .zip(&value_strings)
            .map(|((_, p), strs)| p.values.iter().zip(strs).map(|(v, s)| (v.since.as_str(), s.as_slice(), matches!(v.value, JsonScalar::Many(_)))).collect())
            .collect();
        let raw: Vec<RawParam> =
            params.iter().zip(&values).map(|((name, p), v)| (*name, p.clause.as_str(), p.kind.as_str(), p.count.as_str(), v.as_slice())).collect();
        let bands: Vec<(&str, [Vec<&str>; 4])> =
            sme.sectors.iter().map(|(n, s)| (n.as_str(), [strings(&s.indicators), strings(&s.large), strings(&s.medium), strings(&s.small)])).collect();
        let sectors: Vec<RawSector> = bands.iter().map(|(n, b)| (*n, [b[0].as_slice(), b[1].as_slice(), b[2].as_slice(), b[3].as_slice()])).collect();
        let number_en = policy.number_en.clone().unwrap_or_else(|| number_en(&policy.number));
        let policy = [policy.number.as_str(), policy.title.as_str(), policy.issuer.as_str(), policy.rules_version.as_str(), number_en.as_str()];
        Params::from_raw(policy, &raw, &sectors)
    }

    /// Checks and types the parameters, from either source.
    fn from_raw(policy: [&str; 5], raw: &[RawParam], sectors: &[RawSector]) -> Result<Params, Error> {
        let values = raw.iter().map(read_param).collect::<Result<Vec<_>, _>>()?;
        if let Some(twice) = values.iter().enumerate().find(|(i, p)| values[..*i].iter().any(|q| q.name == p.name)) {
            return Err(data_error(format!("{} is given twice", twice.1.name)));
        }
        let day = |name: &str| match values.iter().find(|p| p.name == name).map(|p| &p.value) {
            Some(Value::Day(d)) => Ok(*d.latest()),
            _ => Err(data_error(format!("missing date {name}"))),
        };
        let [number, title, issuer, rules_version, number_en] = policy.map(str::to_owned);
        let policy = Policy {
            number,
            number_en,
            title,
            issuer,
            rules_version,
            signed: day("policy_signed")?,
            issued: day("policy_issued")?,
            expires: day("policy_expires")?,
            transition: Transition::AnnualNotice,
            transition_quote: None,
            illustrative: false,
            dropped: Vec::new(),
            entries: BTreeMap::new(),
            pack_id: None,
            entries_under: Worded::default(),
            cases: Default::default(),
        };
        let mut sme = BTreeMap::new();
        for (name, bands) in sectors {
            let sector = Sector::from_id(name).ok_or_else(|| data_error(format!("unknown sector {name}")))?;
            sme.insert(sector, sector_thresholds(name, bands)?);
        }
        if let Some(missing) = Sector::ALL.iter().find(|s| !sme.contains_key(s)) {
            return Err(data_error(format!("no thresholds for sector {}", missing.id())));
        }
        let params = Params {
            policy,
            successors: Vec::new(),
            values,
            sme,
            plan_catalogue: PlanCatalogue::default(),
            added_questions: Vec::new(),
            added_entries: Vec::new(),
            restated: Vec::new(),
            judged: Kept::default(),
            words: Kept::default(),
        };
        params.check_shapes()?;
        // The built-in steps read a few parameters by name: they must be there, of their kind.
        for (name, kind) in crate::entries::credit::PARAMS {
            if params.find(name).is_none_or(|p| p.kind != kind) {
                return Err(data_error(format!("{name}: the ledger reads it as a {kind}, and the data has no such {kind}")));
            }
        }
        Ok(params)
    }

    /// Checks the shapes the tables rely on, so that they can index without
    /// panicking. Each check follows from a kind the data declares, so a new
    /// parameter is checked as the plan's own are.
    fn check_shapes(&self) -> Result<(), Error> {
        for p in &self.values {
            let name = &p.name;
            let lists = match &p.value {
                Value::Many(d) => Some(d),
                Value::One(_) | Value::Day(_) => None,
            };
            if p.kind.ends_with("_range") || p.kind.ends_with("_tiers") {
                let Some(lists) = lists else { return Err(data_error(format!("{name}: a {} is a list of numbers", p.kind))) };
                // A range runs from its lower end to its higher.
                if p.kind.ends_with("_range") {
                    if lists.values.iter().any(|(_, v)| v.len() != 2) {
                        return Err(data_error(format!("{name} must have 2 values")));
                    }
                    if lists.values.iter().any(|(_, v)| v[0] > v[1]) {
                        return Err(data_error(format!("{name}: a range runs from low to high")));
                    }
                }
            } else if lists.is_some() || (p.kind == "date") != matches!(p.value, Value::Day(_)) {
                return Err(data_error(format!("{name}: a {} is one value", p.kind)));
            }
            // Tiers, one per counted place, whichever of the two a document changes.
            if p.count.is_empty() {
                continue;
            }
            let (Some(tiers), Some(Value::One(count))) = (lists, self.find(&p.count).map(|c| &c.value)) else {
                return Err(data_error(format!("{name}: its tiers are counted by {}, which is no number", p.count)));
            };
            for since in tiers.values.iter().map(|(d, _)| *d).chain(count.values.iter().map(|(d, _)| *d)) {
                let n = tiers.at(since).len();
                if n == 0 || Decimal::from(n) != *count.at(since) {
                    return Err(data_error(format!("{name} must have one tier per place that {} counts", p.count)));
                }
            }
        }
        if self.policy.signed > self.policy.issued || self.policy.issued > self.policy.expires {
            return Err(data_error("policy dates out of order".into()));
        }
        Ok(())
    }

    fn find(&self, name: &str) -> Option<&Param> {
        self.values.iter().find(|p| p.name == name)
    }

    /// True when `other` gives the value `name` the same dated values, from
    /// the same clause, as this policy does (or neither names it).
    pub(crate) fn same_value(&self, other: &Params, name: &str) -> bool {
        self.find(name).map(|p| &p.value) == other.find(name).map(|p| &p.value)
    }

    /// The date parameter `name` (a document's own dates, B1's national rule).
    pub(crate) fn date(&self, name: &str) -> Option<&Dated<Date>> {
        match &self.find(name)?.value {
            Value::Day(d) => Some(d),
            Value::One(_) | Value::Many(_) => None,
        }
    }

    /// The kind of the parameter `name` as the built-in data declares it
    /// (`yuan`, `rate`, `count`, their `_range`s, `yuan_tiers`, `date`).
    pub(crate) fn kind_of(name: &str) -> Option<&'static str> {
        data::PARAMS.iter().find(|p| p.0 == name).map(|p| p.2)
    }

    /// True when the plan's parameter `name` holds a list of numbers, as its data writes it.
    pub(crate) fn is_list(name: &str) -> bool {
        data::PARAMS.iter().find(|p| p.0 == name).is_some_and(|p| p.2 != "date" && p.4.first().is_some_and(|v| v.2))
    }

    /// Where the plan's number (or list) `name` sits among every [`Params`]'
    /// values, found once when a table compiles so that reading it costs no
    /// search by name. The plan's parameters come first, in the data's order,
    /// and packs only add after them, so the place holds under every policy.
    pub(crate) fn accessor(name: &str) -> Option<Accessor> {
        data::PARAMS.iter().position(|p| p.0 == name && p.2 != "date")
    }

    /// Whether the parameter `name` holds a list (`Some(true)`) or one number
    /// (`Some(false)`); `None` when there is no such number a pack may set.
    pub(crate) fn shape(&self, name: &str) -> Option<bool> {
        match self.find(name)?.value {
            Value::One(_) => Some(false),
            Value::Many(_) => Some(true),
            Value::Day(_) => None,
        }
    }

    /// The numbers of the parameter `name` in force on `on` (one, or a list).
    pub fn values_at(&self, name: &str, on: Date) -> Option<Vec<Decimal>> {
        match &self.find(name)?.value {
            Value::One(d) => Some(vec![*d.at(on)]),
            Value::Many(d) => Some(d.at(on).clone()),
            Value::Day(_) => None,
        }
    }

    /// Each value the number `name` takes, with the day it takes effect, in order.
    pub(crate) fn value_history(&self, name: &str) -> Vec<(Date, Vec<Decimal>)> {
        match self.find(name).map(|p| &p.value) {
            Some(Value::One(d)) => d.values.iter().map(|(day, v)| (*day, vec![*v])).collect(),
            Some(Value::Many(d)) => d.values.clone(),
            Some(Value::Day(_)) | None => Vec::new(),
        }
    }

    /// The number `name` in force on `on`, for a built-in step that reads a
    /// parameter by the name its data gives it.
    pub(crate) fn number(&self, name: &str, on: Date) -> Option<Decimal> {
        match &self.find(name)?.value {
            Value::One(d) => Some(*d.at(on)),
            Value::Many(_) | Value::Day(_) => None,
        }
    }

    /// The value `name` in force on `on`, as the entry language reads it: one
    /// number, or a list of them. `access` is the plan's parameter found
    /// beforehand ([`Params::accessor`]); a pack's own value is found by name.
    pub(crate) fn value_for_expr(&self, name: &str, access: Option<Accessor>, on: Date) -> Option<crate::expr::Val> {
        use crate::expr::Val;
        let param = access.and_then(|i| self.values.get(i)).filter(|p| p.name == name).or_else(|| self.find(name))?;
        match &param.value {
            Value::One(d) => Some(Val::Num(*d.at(on))),
            Value::Many(d) => Some(Val::List(d.at(on).iter().copied().map(Val::Num).collect())),
            Value::Day(_) => None,
        }
    }

    /// Adds a pack's value for `name`, in force from `since`, and checks the
    /// shapes again.
    pub(crate) fn push_value(&mut self, name: &str, since: Date, strings: &[String]) -> Result<(), Error> {
        let bad = || data_error(format!("{name}: bad value"));
        let numbers: Vec<Decimal> = strings.iter().map(|s| non_negative(s)).collect::<Option<_>>().ok_or_else(bad)?;
        let param = self.values.iter_mut().find(|p| p.name == name).ok_or_else(|| data_error(format!("unknown parameter {name}")))?;
        match (&mut param.value, numbers.as_slice()) {
            (Value::One(d), [one]) => d.push(since, *one)?,
            (Value::Many(d), _) => d.push(since, numbers)?,
            _ => return Err(bad()),
        }
        self.check_shapes()
    }

    /// Names a value anew for a pack (a new incentive's grant), of `kind`
    /// (`yuan`, `rate` or `count`), in force from `since`.
    pub(crate) fn add_value(&mut self, name: &str, kind: &str, clause: &str, since: Date, value: Decimal) {
        // A name is new only once: a later pack that sets it sets a value that
        // exists (`shape` finds it), so it is pushed as any value is.
        let value = Value::One(Dated { clause: clause.to_owned(), values: vec![(since, value)] });
        self.values.push(Param { name: name.to_owned(), kind: kind.to_owned(), count: String::new(), value });
    }

    /// Every number or list of numbers, the plan's and then those packs name:
    /// its name, clause and kind.
    pub(crate) fn numbers(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.values.iter().filter_map(|p| match &p.value {
            Value::One(d) => Some((p.name.as_str(), d.clause.as_str(), p.kind.as_str())),
            Value::Many(d) => Some((p.name.as_str(), d.clause.as_str(), p.kind.as_str())),
            Value::Day(_) => None,
        })
    }

    /// The names of every number or list of numbers, the plan's and those packs
    /// name: what a table's expressions may read.
    pub(crate) fn value_names(&self) -> Vec<String> {
        self.values.iter().filter(|p| !matches!(p.value, Value::Day(_))).map(|p| p.name.clone()).collect()
    }

    /// The question a pack added with this id, under this policy.
    pub fn question(&self, id: &str) -> Option<crate::Q> {
        self.added_questions.iter().copied().find(|q| q.id() == id)
    }

    /// The plan's catalogue: its 47 entries, their texts filled from the plan's
    /// own values. Built once per plan, from the embedded data, on first use.
    pub fn catalogue(&self) -> Result<&crate::catalogue::Catalogue, Error> {
        self.plan_catalogue.0.get_or_init(crate::catalogue::Catalogue::build).as_ref().map_err(Clone::clone)
    }

    /// The rules version with the id of each policy pack composed after the
    /// plan, in order (`2022-8.1+1a2b3c4d`): the rules a form was made under,
    /// as its header and footer print them and a saved draft is keyed by.
    pub fn version(&self) -> String {
        let mut version = self.policy.rules_version.clone();
        for id in self.successors.iter().filter_map(|d| d.pack_id.as_deref()) {
            version.push('+');
            version.push_str(id);
        }
        version
    }

    /// The entries: the plan's, then those packs add.
    pub fn entries(&'static self) -> Result<impl Iterator<Item = &'static crate::catalogue::Entry>, Error> {
        Ok(self.catalogue()?.entries.iter().chain(self.added_entries.iter().copied()))
    }

    /// The entry with this id or code, the plan's or a pack's.
    pub fn find_entry(&'static self, key: &str) -> Result<&'static crate::catalogue::Entry, Error> {
        let catalogue = self.catalogue()?;
        match catalogue.find(key) {
            Ok(e) => Ok(e),
            Err(err) => self.added_entries.iter().copied().find(|e| e.id == key.trim() || e.code.eq_ignore_ascii_case(key.trim())).ok_or(err),
        }
    }

    /// Every document, the built-in plan first, then its successors in date order.
    pub fn documents(&self) -> impl Iterator<Item = &Policy> {
        std::iter::once(&self.policy).chain(&self.successors)
    }

    /// The document in force on `date`: the latest whose validity holds it.
    pub fn in_force(&self, date: Date) -> Option<&Policy> {
        self.documents().filter(|d| d.in_force_on(date)).last()
    }

    /// The last document that took effect on or before `date` (the built-in plan
    /// for an earlier date): the one whose expiry a late event or claim is after.
    pub fn latest_before(&self, date: Date) -> &Policy {
        self.documents().filter(|d| d.issued <= date).last().unwrap_or(&self.policy)
    }

    /// The illustrative document that results evaluated on `on` rest on, if
    /// any: the latest illustration already issued by then. Once a document has
    /// taken effect it decides every later claim, its own events by its rules
    /// and earlier ones through its transition clause, so every result from
    /// that day on rests on it, and must say it is an illustration.
    pub fn illustrative_on(&self, on: Date) -> Option<&Policy> {
        self.issued_by(on).filter(|d| d.illustrative).last()
    }

    /// The documents already issued on `on`, the built-in plan first: those
    /// results evaluated then are worked out under.
    pub fn issued_by(&self, on: Date) -> impl Iterator<Item = &Policy> {
        self.documents().filter(move |d| d.issued <= on)
    }

    /// What results evaluated on `on` must say first when they rest on an
    /// illustration ([`Params::illustrative_on`]). The CLI and the widget both say this.
    pub fn illustration_notice(&self, on: Date) -> Option<Text> {
        let d = self.illustrative_on(on)?;
        Some(Text::new(
            format!(
                "示例政策，非真实结果：以下结果依据 {} 测算（包括它对此前事项的过渡规定）。此文件是示例，不是真实政策：结果和申请表仅供演示，不能用于申请。",
                d.number
            ),
            format!(
                "An illustrative policy, not real results: these rest on {} (including its transition clause for earlier events). That document is an illustration, not a real policy: the results and forms are for demonstration only and cannot be used to apply.",
                d.number_en
            ),
        ))
    }

    /// What an applicant must know when no document is in force on `on`, or
    /// `None` while one is.
    pub fn expiry_notice(&self, on: Date) -> Option<Text> {
        if self.in_force(on).is_some() {
            return None;
        }
        self.latest_before(on).expiry_notice(on)
    }

    /// The plan's parameters, read afresh from the embedded data: what a
    /// catalogue's texts are filled from, whatever packs follow.
    pub(crate) fn plan_only() -> Result<Params, Error> {
        Params::from_raw(data::POLICY, data::PARAMS, data::SECTORS)
    }

    /// What `doc` says of `entry` ([`Judged`]), made by `make` the first time.
    pub(crate) fn judged(&self, doc: &'static Policy, entry: &'static crate::catalogue::Entry, make: impl FnOnce() -> Judged) -> &'static Judged {
        self.judged.get((std::ptr::from_ref(doc) as usize, std::ptr::from_ref(entry) as usize), || Box::new(make()))
    }

    /// The window's three sentences of `kind` for documents `a` and `b`, made by `make` once.
    pub(crate) fn words(&self, kind: Words, a: &'static Policy, b: &'static Policy, make: impl FnOnce() -> [Text; 3]) -> &'static [Text; 3] {
        self.words.get((kind, std::ptr::from_ref(a) as usize, std::ptr::from_ref(b) as usize), || Box::new(make()))
    }

    /// The built-in plan, 泉政办规〔2022〕8号, composed once: the base that
    /// [`crate::load_policy`] composes packs onto. Only that function reads it;
    /// every other reads the policy it is handed.
    ///
    /// The embedded file is tested, so this only fails on a broken build; even then
    /// it returns the error rather than panicking.
    pub(crate) fn plan() -> Result<&'static Params, Error> {
        static PLAN: OnceLock<Result<Params, Error>> = OnceLock::new();
        PLAN.get_or_init(Params::plan_only).as_ref().map_err(Clone::clone)
    }
}

/// A plan's parameter, found before it is read: its place among the values.
pub(crate) type Accessor = usize;

fn sector_thresholds(name: &str, bands: &[&[&str]; 4]) -> Result<SectorThresholds, Error> {
    let indicators: Vec<Indicator> =
        bands[0].iter().map(|i| Indicator::from_id(i).ok_or_else(|| data_error(format!("sector {name}: unknown indicator {i}")))).collect::<Result<_, _>>()?;
    let band = |b: &[&str]| -> Result<Vec<Decimal>, Error> {
        if b.len() != indicators.len() {
            return Err(data_error(format!("sector {name}: a band needs one limit per indicator")));
        }
        b.iter().map(|s| Decimal::from_str(s).map_err(|_| data_error(format!("sector {name}: bad limit {s}")))).collect()
    };
    let (large, medium, small) = (band(bands[1])?, band(bands[2])?, band(bands[3])?);
    Ok(SectorThresholds { indicators, large, medium, small })
}
