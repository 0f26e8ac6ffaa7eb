//! Comparing (`chanjiao batch --compare-policy`): what a reform would cost. Every record is
//! evaluated under two policies, A (`--policy`, or the built-in plan) and B
//! (`--compare-policy`), and the results are written side by side with the
//! difference; the summary gives, per entry, the applicants eligible and the
//! cash under each side and the change, how many applicants gain, lose or are
//! unchanged, and a chart (SVG) of the per-entry totals.

use std::fmt::Write as _;

use chanjiao_rules::{Decimal, Evaluation, Lang, Params, Status, group_thousands};

/// How one applicant's cash changes from A to B, by the lowest and highest
/// totals (an exact amount is both): gains when neither falls and one rises,
/// loses when neither rises and one falls, unchanged when both are equal, and
/// mixed when one rises and the other falls (a range that widens both ways).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Neither total falls, and one rises.
    Gains,
    /// Neither total rises, and one falls.
    Loses,
    /// Both totals are equal.
    Unchanged,
    /// One rises and the other falls.
    Mixed,
}

impl Change {
    /// The change from `a` to `b`.
    pub fn of(a: &Evaluation, b: &Evaluation) -> Change {
        let (ta, tb) = (&a.totals, &b.totals);
        let lo = tb.cash_min.cmp(&ta.cash_min);
        let hi = tb.cash_max.cmp(&ta.cash_max);
        use std::cmp::Ordering::{Equal, Greater, Less};
        match (lo, hi) {
            (Equal, Equal) => Change::Unchanged,
            (Greater | Equal, Greater | Equal) => Change::Gains,
            (Less | Equal, Less | Equal) => Change::Loses,
            _ => Change::Mixed,
        }
    }

    /// Where it is counted in [`crate::Summary::change`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Its code in the output.
    pub fn code(self) -> &'static str {
        ["gains", "loses", "unchanged", "mixed"][self.index()]
    }
}

/// The name of a side: the last document it loads.
pub(crate) fn side_name(params: &Params) -> String {
    params.successors.last().map_or_else(|| params.policy.number.clone(), |d| d.number.clone())
}

/// The CSV header of a comparison.
pub(crate) fn header(listing: &crate::summary::Listing) -> Vec<String> {
    let mut h: Vec<String> = [
        "row",
        "applicant_id",
        "applicant_name",
        "error_column",
        "error",
        "eligible_a",
        "cash_exact_a",
        "cash_min_a",
        "cash_max_a",
        "eligible_b",
        "cash_exact_b",
        "cash_min_b",
        "cash_max_b",
        "change_cash_exact",
        "change_cash_min",
        "change_cash_max",
        "change",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for e in &listing.entries {
        for suffix in ["status_a", "amount_a", "status_b", "amount_b"] {
            h.push(format!("{}_{suffix}", e.code));
        }
    }
    h
}

/// One applicant's results under both sides, written as CSV cells after the
/// ids and the (empty) error cells.
pub(crate) fn cells(a: &Evaluation, b: &Evaluation, listing: &crate::summary::Listing, line: &mut crate::write::Line) {
    let (ta, tb) = (&a.totals, &b.totals);
    for t in [ta, tb] {
        line.shown(t.eligible);
        for d in [t.cash_exact, t.cash_min, t.cash_max] {
            line.shown(d);
        }
    }
    for (da, db) in [(ta.cash_exact, tb.cash_exact), (ta.cash_min, tb.cash_min), (ta.cash_max, tb.cash_max)] {
        line.shown((db - da).normalize());
    }
    line.code(Change::of(a, b).code());
    // An entry one side does not have (a pack's new one) is empty on that side.
    for (ra, rb) in listing.aligned(a, 0).zip(listing.aligned(b, 1)) {
        for r in [ra, rb] {
            match r {
                Some(r) if r.status != Status::NotApplicable => {
                    line.code(r.status.code());
                    line.shown(r.amount.coded());
                }
                _ => line.empty(2),
            }
        }
    }
}

/// One applicant under both sides, as a JSON Lines record.
pub(crate) fn json(line: u64, ids: &[String; 2], a: &Evaluation, b: &Evaluation) -> serde_json::Value {
    let side = |e: &Evaluation| -> serde_json::Value {
        let results: Vec<serde_json::Value> = e
            .results
            .iter()
            .filter(|r| r.status != Status::NotApplicable)
            .map(|r| serde_json::json!({ "code": r.incentive.code, "status": r.status.code(), "amount": r.amount.code(), "cash": r.cash }))
            .collect();
        serde_json::json!({ "totals": e.totals, "results": results })
    };
    let (ta, tb) = (&a.totals, &b.totals);
    serde_json::json!({
        "row": line, "applicant_id": ids[0], "applicant_name": ids[1],
        "a": side(a), "b": side(b),
        "change": {
            "cash_exact": (tb.cash_exact - ta.cash_exact).normalize(),
            "cash_min": (tb.cash_min - ta.cash_min).normalize(),
            "cash_max": (tb.cash_max - ta.cash_max).normalize(),
            "change": Change::of(a, b).code(),
        },
    })
}

/// Per entry, under one side: applicants eligible and the sums of their cash.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Side {
    pub eligible: u64,
    pub exact: Decimal,
    pub min: Decimal,
    pub max: Decimal,
}

/// The comparison's summary, in words: per entry with anything under either
/// side, A and B and the change; then who gains and who loses.
pub(crate) fn table(rows: &[(&chanjiao_rules::Entry, Side, Side)], change: [u64; 4], names: (&str, &str), lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "A = {}；B = {}", names.0, names.1);
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "条目 | 可申请（A → B） | 确定金额合计（A → B，变化，元） | 合计区间（A；B，元）",
            "entry | eligible (A → B) | exact cash (A → B, change, CNY) | cash range (A; B, CNY)"
        )
    );
    for (e, a, b) in rows {
        let _ = writeln!(
            out,
            "{} {} | {} → {} | {} → {}（{}） | {}–{}；{}–{}",
            e.code,
            e.name_in(lang),
            a.eligible,
            b.eligible,
            group_thousands(a.exact),
            group_thousands(b.exact),
            signed(b.exact - a.exact),
            group_thousands(a.min),
            group_thousands(a.max),
            group_thousands(b.min),
            group_thousands(b.max)
        );
    }
    let [gains, loses, unchanged, mixed] = change;
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Zh => format!("申请人：增加 {gains}，减少 {loses}，不变 {unchanged}，区间一增一减 {mixed}。"),
            Lang::En => format!("Applicants: {gains} gain, {loses} lose, {unchanged} unchanged, {mixed} mixed (a range that moves both ways)."),
        }
    );
    out
}

/// The comparison's summary for the workbench: the sides' names, who gains
/// and who loses, and per entry with anything under either side its eligible
/// applicants and cash under A and B, with the changes in words.
pub(crate) fn summary_json(rows: &[(&chanjiao_rules::Entry, Side, Side)], change: [u64; 4], names: (&str, &str), lang: Lang) -> serde_json::Value {
    let side = |s: Side| {
        serde_json::json!({
            "eligible": s.eligible,
            "exact": group_thousands(s.exact),
            "range": if s.min == s.max { group_thousands(s.max) } else { format!("{}–{}", group_thousands(s.min), group_thousands(s.max)) },
            "max": s.max.to_string(),
        })
    };
    let [gains, loses, unchanged, mixed] = change;
    serde_json::json!({
        "a": names.0,
        "b": names.1,
        "change": { "gains": gains, "loses": loses, "unchanged": unchanged, "mixed": mixed },
        "entries": rows.iter().map(|(e, a, b)| serde_json::json!({
            "code": e.code,
            "name": e.name_in(lang),
            "a": side(*a),
            "b": side(*b),
            "eligible_change": i128::from(b.eligible) - i128::from(a.eligible),
            "exact_change": signed(b.exact - a.exact),
            "max_change": signed(b.max - a.max),
        })).collect::<Vec<_>>(),
    })
}

fn signed(d: Decimal) -> String {
    if d.is_sign_negative() { format!("-{}", group_thousands(-d)) } else { format!("+{}", group_thousands(d)) }
}

/// The per-entry summary as CSV, both sides and the change, with a total row.
pub(crate) fn summary_csv(rows: &[(&chanjiao_rules::Entry, Side, Side)], all: &[(&chanjiao_rules::Entry, Side, Side)]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut w = csv::Writer::from_writer(&mut out);
    let _ = w.write_record([
        "code",
        "id",
        "name_zh",
        "eligible_a",
        "eligible_b",
        "eligible_change",
        "cash_exact_a",
        "cash_exact_b",
        "cash_exact_change",
        "cash_min_a",
        "cash_max_a",
        "cash_min_b",
        "cash_max_b",
    ]);
    let mut total = (Side::default(), Side::default());
    for (e, a, b) in all {
        for (t, s) in [(&mut total.0, a), (&mut total.1, b)] {
            t.eligible += s.eligible;
            t.exact += s.exact;
            t.min += s.min;
            t.max += s.max;
        }
        if !rows.iter().any(|(r, ..)| r.code == e.code) {
            continue;
        }
        let _ = w.write_record(record(&e.code, &e.id, &e.name_zh, *a, *b));
    }
    let _ = w.write_record(record("ALL", "", "合计", total.0, total.1));
    drop(w);
    out
}

fn record(code: &str, id: &str, name: &str, a: Side, b: Side) -> Vec<String> {
    let n = |d: Decimal| d.normalize().to_string();
    let t = |s: &str| crate::safe::text(s).into_owned();
    vec![
        t(code),
        t(id),
        t(name),
        a.eligible.to_string(),
        b.eligible.to_string(),
        (i128::from(b.eligible) - i128::from(a.eligible)).to_string(),
        n(a.exact),
        n(b.exact),
        n(b.exact - a.exact),
        n(a.min),
        n(a.max),
        n(b.min),
        n(b.max),
    ]
}

/// Escapes text for SVG: XML's own characters as entities, and characters XML
/// does not allow (most controls) or a viewer would obey (bidi controls) as
/// `U+XXXX`, so the chart stays well-formed XML whatever a pack's name holds.
fn esc(s: &str) -> String {
    crate::safe::line(s).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The chart: per entry with cash under either side, two bars (A, B) of the
/// exact totals, each with a thin extension to its highest total where ranges
/// and caps reach further; labelled in Chinese, sized for an A4 report.
pub(crate) fn svg(rows: &[(&chanjiao_rules::Entry, Side, Side)], change: [u64; 4], names: (&str, &str)) -> String {
    let cash: Vec<&(&chanjiao_rules::Entry, Side, Side)> = rows.iter().filter(|(_, a, b)| a.max > Decimal::ZERO || b.max > Decimal::ZERO).collect();
    let (width, label_w, right_pad, row_h, top) = (900.0_f64, 300.0_f64, 150.0_f64, 54.0_f64, 110.0_f64);
    let height = top + row_h * cash.len().max(1) as f64 + 60.0;
    let biggest = cash.iter().map(|(_, a, b)| a.max.max(b.max)).max().unwrap_or(Decimal::ONE).max(Decimal::ONE);
    let scale = |d: Decimal| -> f64 {
        let ratio = d / biggest;
        (width - label_w - right_pad) * ratio.to_string().parse::<f64>().unwrap_or(0.0)
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif" font-size="14">"#
    );
    let _ = writeln!(s, r#"<title>政策比较：各条目可申请现金合计</title>"#);
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(s, r##"<text x="20" y="32" font-size="20" font-weight="bold" fill="#1a1a1a">各条目可申请现金合计（元）：A 与 B 比较</text>"##);
    let [gains, loses, unchanged, mixed] = change;
    let _ = writeln!(
        s,
        r##"<text x="20" y="56" fill="#444444">申请人：增加 {gains}，减少 {loses}，不变 {unchanged}，区间一增一减 {mixed}。深色为确定金额，浅色延伸至含区间与上限的最高额。</text>"##
    );
    let _ = writeln!(s, r##"<rect x="20" y="72" width="14" height="14" fill="#7a7a7a"/><text x="40" y="84" fill="#1a1a1a">A：{}</text>"##, esc(names.0));
    let _ = writeln!(s, r##"<rect x="20" y="92" width="14" height="14" fill="#1f5fa8"/><text x="40" y="104" fill="#1a1a1a">B：{}</text>"##, esc(names.1));
    for (i, (e, a, b)) in cash.iter().enumerate() {
        let y = top + row_h * i as f64;
        let mut name: String = e.name_zh.chars().take(15).collect();
        if e.name_zh.chars().count() > 15 {
            name.push('…');
        }
        let _ = writeln!(s, r##"<text x="20" y="{}" fill="#1a1a1a">{} {}</text>"##, y + 26.0, esc(&e.code), esc(&name));
        for (k, (side, dark, light)) in [(a, "#7a7a7a", "#d0d0d0"), (b, "#1f5fa8", "#b9cfe8")].into_iter().enumerate() {
            let by = y + 6.0 + 20.0 * k as f64;
            let (exact, max) = (scale(side.exact), scale(side.max));
            if max > exact {
                let _ = writeln!(s, r#"<rect x="{}" y="{by}" width="{:.1}" height="16" fill="{light}"/>"#, label_w + exact, max - exact);
            }
            let _ = writeln!(s, r#"<rect x="{label_w}" y="{by}" width="{exact:.1}" height="16" fill="{dark}"/>"#);
            let value = if side.max > side.exact {
                format!("{}（至 {}）", group_thousands(side.exact), group_thousands(side.max))
            } else {
                group_thousands(side.exact)
            };
            let _ = writeln!(s, r##"<text x="{:.1}" y="{}" font-size="12" fill="#1a1a1a">{}</text>"##, label_w + max.max(exact) + 6.0, by + 13.0, esc(&value));
        }
    }
    if cash.is_empty() {
        let _ = writeln!(s, r##"<text x="20" y="{}" fill="#444444">两方均无可申请的现金。</text>"##, top + 20.0);
    }
    let _ = writeln!(
        s,
        r##"<text x="20" y="{}" font-size="12" fill="#666666">由 chanjiao batch --compare-policy 生成；金额为按各政策测算，非承诺。</text>"##,
        height - 20.0
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    /// Whatever the sides are named, the chart is well-formed XML and shows a
    /// control or bidi character as `U+XXXX` (XML does not allow most controls).
    #[test]
    fn the_chart_is_xml_whatever_a_side_is_called() {
        let svg = super::svg(&[], [1, 0, 0, 0], ("A\u{1b}[31m", "示例\u{202e}1号\u{85}\u{0}<&>\""));
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"));
        let labels: Vec<&str> =
            doc.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).filter(|t| t.starts_with("A：") || t.starts_with("B：")).collect();
        assert_eq!(labels, ["A：AU+001B[31m", "B：示例U+202E1号U+0085U+0000<&>\""]);
    }
}
