//! The screened applicants as the officer's workbench shows them: one line per
//! record, kept compact (a status and the amounts per entry that concerns the
//! applicant, amounts in words shared between lines), and read a page at a
//! time: filtered by entry and status, searched by id or name, sorted by
//! amount. The workbench's worker holds it, so a list of 100,000 never crosses
//! to the page whole.
//!
//! It is filled from the same rows the results workbook is written from, in
//! one pass ([`crate::screen_sheet_to_table`], [`crate::screen_to_table`]),
//! so what the table shows is what the workbook says.

use chanjiao_rules::{Lang, Status, group_thousands};
use serde_json::{Value as Json, json};

use crate::summary::{Listing, Summary, status_index};
use crate::xlsx::{Cell, SheetRow};

/// The most lines one page gives.
pub const MAX_PAGE: usize = 500;

/// One entry's result on one line: the entry's place in the listing, its
/// status, its amounts (lowest and highest, in yuan, where it has them) and
/// its amount in words, as an index into [`Table::words`] (0: none).
#[derive(Clone, Copy, Debug)]
struct EntryCell {
    entry: u16,
    status: Status,
    low: Option<f64>,
    high: Option<f64>,
    words: u32,
}

/// One record: its row in the input, its ids, and its results or its error.
#[derive(Clone, Debug)]
struct Line {
    line: u64,
    id: String,
    name: String,
    /// The column to blame and the reason, for an error row.
    error: Option<(String, String)>,
    /// The cash it may claim at most, over every entry.
    most: f64,
    /// Only the entries that concern the applicant: the others are not applicable.
    cells: Vec<EntryCell>,
}

/// The screened list, ready to be read a page at a time.
#[derive(Debug)]
pub struct Table {
    lang: Lang,
    /// Per listed entry: its code and name.
    entries: Vec<(String, String)>,
    lines: Vec<Line>,
    /// Amounts in words, each kept once (index 0 is "none").
    words: Vec<String>,
    summary: Option<Summary>,
}

/// How the lines are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// As in the input.
    Row,
    /// By the highest amount, largest first: of the entry filtered on, or over every entry.
    AmountDown,
    /// By the highest amount, smallest first.
    AmountUp,
}

/// Which lines a page shows, and which of them.
#[derive(Clone, Debug)]
pub struct Query {
    /// Only lines with a result for this entry (by code), if given.
    pub entry: Option<String>,
    /// Only lines whose result for that entry (or any entry, with none named) has this status.
    pub status: Option<Status>,
    /// Only error rows (`Some(true)`, whatever the entry and status asked),
    /// or only results (`Some(false)`).
    pub errors: Option<bool>,
    /// Only lines whose id or name holds this text (any case).
    pub search: String,
    /// The order.
    pub order: Order,
    /// The first matching line to give, and how many (at most [`MAX_PAGE`]).
    pub offset: usize,
    /// How many lines to give.
    pub limit: usize,
}

impl Default for Query {
    fn default() -> Query {
        Query { entry: None, status: None, errors: None, search: String::new(), order: Order::Row, offset: 0, limit: 50 }
    }
}

impl Query {
    /// Reads a query as the workbench's page sends it: `{ entry, status, errors, search, order, offset, limit }`,
    /// each optional. An unknown status or order is refused, naming it.
    pub fn from_json(value: &Json) -> Result<Query, String> {
        let text = |key: &str| value.get(key).and_then(Json::as_str).map(str::trim).filter(|s| !s.is_empty());
        let status = match text("status") {
            None => None,
            Some(code) => Some(STATUSES.iter().copied().find(|s| s.code() == code).ok_or_else(|| format!("unknown status {code}"))?),
        };
        let order = match text("order").unwrap_or("row") {
            "row" => Order::Row,
            "amount-down" => Order::AmountDown,
            "amount-up" => Order::AmountUp,
            other => return Err(format!("unknown order {other}")),
        };
        let number = |key: &str, default: usize| value.get(key).and_then(Json::as_u64).map_or(default, |n| usize::try_from(n).unwrap_or(usize::MAX));
        Ok(Query {
            entry: text("entry").map(str::to_owned),
            status,
            errors: value.get("errors").and_then(Json::as_bool),
            search: text("search").unwrap_or_default().to_owned(),
            order,
            offset: number("offset", 0),
            limit: number("limit", 50).min(MAX_PAGE),
        })
    }
}

/// The statuses a line may be filtered on, in the order a list of them shows.
const STATUSES: [Status; 5] = [Status::Eligible, Status::ManualReview, Status::Undetermined, Status::NotEligible, Status::Information];

fn yuan_of(cell: Option<&Cell>) -> Option<f64> {
    match cell {
        Some(Cell::Yuan(y)) => Some(*y),
        _ => None,
    }
}

impl Table {
    /// An empty table for the entries of `listing`, in `lang`.
    pub(crate) fn new(listing: &Listing, lang: Lang) -> Table {
        let entries = listing.entries.iter().map(|e| (e.code.clone(), e.name_in(lang).to_owned())).collect();
        Table { lang, entries, lines: Vec::new(), words: vec![String::new()], summary: None }
    }

    /// Adds one record's row, as the workbook took it.
    pub(crate) fn add(&mut self, row: &SheetRow) {
        let (line, [id, name]) = (row.line, row.ids.clone());
        let mut out = Line { line, id, name, error: None, most: 0.0, cells: Vec::new() };
        match &row.cells {
            Err(e) => out.error = Some((e.column.clone(), self.lang.pick(&e.zh, &e.en).to_owned())),
            Ok(cells) => {
                // Six totals, then five cells per listed entry (see `xlsx::row`).
                out.most = yuan_of(cells.get(5)).unwrap_or(0.0);
                for (i, status) in row.statuses.iter().enumerate() {
                    let Some(status) = *status else { continue };
                    let at = 6 + i * 5;
                    let words = match cells.get(at + 3) {
                        Some(Cell::Text(w)) => self.word(w),
                        _ => 0,
                    };
                    let entry = u16::try_from(i).unwrap_or(u16::MAX);
                    out.cells.push(EntryCell { entry, status, low: yuan_of(cells.get(at + 1)), high: yuan_of(cells.get(at + 2)), words });
                }
            }
        }
        self.lines.push(out);
    }

    fn word(&mut self, w: &str) -> u32 {
        let at = self.words.iter().position(|x| x == w).unwrap_or_else(|| {
            self.words.push(w.to_owned());
            self.words.len() - 1
        });
        u32::try_from(at).unwrap_or(0)
    }

    /// Keeps the run's summary, for [`Table::summary_json`].
    pub(crate) fn set_summary(&mut self, summary: Summary) {
        self.summary = Some(summary);
    }

    /// The lines read.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when no line was read.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The entries, the statuses a line may be filtered on, and the record
    /// counts, for the workbench's filters and its summary: per entry its
    /// counts by status and the cash of eligible results.
    pub fn summary_json(&self) -> Json {
        let lang = self.lang;
        let sums = self.summary.as_ref();
        let entries: Vec<Json> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, (code, name))| {
                let s = sums.and_then(|s| s.entries.get(i));
                let count = |st: Status| s.map_or(0, |s| s.by_status[status_index(st)]);
                json!({
                    "code": code,
                    "name": name,
                    "counts": STATUSES.iter().map(|st| json!({ "status": st.code(), "count": count(*st) })).collect::<Vec<_>>(),
                    "cash_min": s.map(|s| s.cash_min.to_string()),
                    "cash_max": s.map(|s| s.cash_max.to_string()),
                    "cash_min_words": s.map(|s| group_thousands(s.cash_min)),
                    "cash_max_words": s.map(|s| group_thousands(s.cash_max)),
                })
            })
            .collect();
        json!({
            "records": sums.map_or(self.lines.len() as u64, |s| s.records),
            "evaluated": sums.map_or(0, |s| s.evaluated),
            "failed": sums.map_or(0, |s| s.failed),
            "statuses": STATUSES.iter().map(|s| json!({ "code": s.code(), "name": s.name().get(lang) })).collect::<Vec<_>>(),
            "entries": entries,
        })
    }

    /// The lines the query asks for, and how many match in all.
    pub fn page(&self, q: &Query) -> Json {
        let hits = self.matching(q);
        let total = hits.len();
        let lines: Vec<Json> = hits.into_iter().skip(q.offset).take(q.limit.min(MAX_PAGE)).map(|l| self.line_json(l)).collect();
        json!({ "total": total, "offset": q.offset, "lines": lines })
    }

    /// The rows of every line the query matches that has results (error rows
    /// have no form), in the query's order, offset and limit aside: what the
    /// workbench chooses when the officer takes every applicant the filters show.
    pub fn rows(&self, q: &Query) -> Vec<u64> {
        self.matching(q).into_iter().filter(|l| l.error.is_none()).map(|l| l.line).collect()
    }

    /// Every line the query matches, in its order.
    fn matching(&self, q: &Query) -> Vec<&Line> {
        let entry = q.entry.as_deref().and_then(|code| self.entries.iter().position(|(c, _)| c.eq_ignore_ascii_case(code)));
        let entry = entry.and_then(|e| u16::try_from(e).ok());
        let needle = q.search.to_lowercase();
        fn cell(l: &Line, entry: Option<u16>) -> Option<&EntryCell> {
            entry.and_then(|e| l.cells.iter().find(|c| c.entry == e))
        }
        let cell_of = |l: &Line| cell(l, entry).copied();
        // Error rows have no result for any entry, so asking for them alone
        // sets the entry and status filters aside.
        let errors_only = q.errors == Some(true);
        let found = |l: &Line| needle.is_empty() || l.id.to_lowercase().contains(&needle) || l.name.to_lowercase().contains(&needle);
        let keeps = |l: &Line| {
            let kind = q.errors.is_none_or(|errors| errors == l.error.is_some());
            if errors_only {
                return kind && found(l);
            }
            let on_entry = q.entry.is_none() || cell_of(l).is_some();
            let status = match (q.status, entry) {
                (None, _) => true,
                (Some(s), Some(_)) => cell_of(l).is_some_and(|c| c.status == s),
                (Some(s), None) => l.cells.iter().any(|c| c.status == s),
            };
            kind && on_entry && status && found(l)
        };
        let mut hits: Vec<&Line> = self.lines.iter().filter(|l| keeps(l)).collect();
        let amount = |l: &Line| match entry {
            Some(_) => cell_of(l).and_then(|c| c.high).unwrap_or(-1.0),
            None => l.most,
        };
        match q.order {
            Order::Row => {}
            Order::AmountDown => hits.sort_by(|a, b| amount(b).total_cmp(&amount(a)).then(a.line.cmp(&b.line))),
            // Lines with no amount (-1) come last either way: smallest first means the smallest amount.
            Order::AmountUp => hits.sort_by(|a, b| {
                let up = |l: &Line| match amount(l) {
                    x if x < 0.0 => f64::INFINITY,
                    x => x,
                };
                up(a).total_cmp(&up(b)).then(a.line.cmp(&b.line))
            }),
        }
        hits
    }

    fn line_json(&self, l: &Line) -> Json {
        let lang = self.lang;
        let cells: Vec<Json> = l
            .cells
            .iter()
            .map(|c| {
                let (code, name) = &self.entries[usize::from(c.entry)];
                json!({
                    "code": code,
                    "name": name,
                    "status": c.status.code(),
                    "status_name": c.status.name().get(lang),
                    "amount": self.amount_words(c),
                    "high": c.high,
                })
            })
            .collect();
        match &l.error {
            Some((column, reason)) => json!({ "row": l.line, "id": l.id, "name": l.name, "error": { "column": column, "reason": reason } }),
            None => json!({ "row": l.line, "id": l.id, "name": l.name, "most": l.most, "cells": cells }),
        }
    }

    /// An amount as the table shows it: a sum of yuan, a range, or its words.
    fn amount_words(&self, c: &EntryCell) -> String {
        let yuan = |v: f64| {
            let d = chanjiao_rules::Decimal::try_from(v).unwrap_or_default();
            match self.lang {
                Lang::Zh => format!("{} 元", group_thousands(d)),
                Lang::En => format!("CNY {}", group_thousands(d)),
            }
        };
        match (c.words, c.low, c.high) {
            (0, Some(lo), Some(hi)) if lo == hi => yuan(hi),
            (w, _, _) if w != 0 => self.words[w as usize].clone(),
            (_, Some(lo), Some(hi)) => format!("{}–{}", yuan(lo), yuan(hi)),
            _ => String::new(),
        }
    }
}
