//! Summarising: counts and sums per entry, over records, and the entries a
//! run reports. Parts counted apart (on several threads) merge into one.

use std::fmt::Write as _;

use chanjiao_rules::{Decimal, Evaluation, Lang, Status};

/// Counts and sums per entry, and over records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Records read (blank lines and the header aside).
    pub records: u64,
    /// Records that became result rows.
    pub evaluated: u64,
    /// Records that became error rows.
    pub failed: u64,
    /// The first line a record started on.
    pub first_line: u64,
    /// The last line a record started on.
    pub last_line: u64,
    /// Per entry, as the listing orders them: counts by status and cash sums of eligible results.
    pub entries: Vec<EntrySummary>,
    /// The same under the compared policy (empty without one).
    pub entries_b: Vec<EntrySummary>,
    /// Applicants who gain, lose, are unchanged or mixed from A to B.
    pub change: [u64; 4],
}

/// One entry's counts and sums.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntrySummary {
    /// Results by status: eligible, manual review, undetermined, not eligible,
    /// not applicable, information ([`status_index`]).
    pub by_status: [u64; 6],
    /// The exact cash of eligible results.
    pub cash_exact: Decimal,
    /// The lowest cash of eligible results.
    pub cash_min: Decimal,
    /// The highest cash of eligible results.
    pub cash_max: Decimal,
}

impl Summary {
    pub(crate) fn new(entries: usize) -> Summary {
        Summary { entries: vec![EntrySummary::default(); entries], entries_b: vec![EntrySummary::default(); entries], ..Summary::default() }
    }

    pub(crate) fn add(&mut self, e: &Evaluation, slots: &[usize]) {
        EntrySummary::add_all(&mut self.entries, e, slots);
    }

    pub(crate) fn merge(&mut self, other: Summary) {
        self.records += other.records;
        self.evaluated += other.evaluated;
        self.failed += other.failed;
        if self.first_line == 0 || (other.first_line != 0 && other.first_line < self.first_line) {
            self.first_line = other.first_line;
        }
        self.last_line = self.last_line.max(other.last_line);
        for (a, b) in self.entries.iter_mut().zip(other.entries) {
            a.merge(b);
        }
        for (a, b) in self.entries_b.iter_mut().zip(other.entries_b) {
            a.merge(b);
        }
        for (a, b) in self.change.iter_mut().zip(other.change) {
            *a += b;
        }
    }
}

impl EntrySummary {
    pub(crate) fn add_all(entries: &mut [EntrySummary], e: &Evaluation, slots: &[usize]) {
        for (r, at) in e.results.iter().zip(slots) {
            let Some(s) = entries.get_mut(*at) else { continue };
            s.by_status[status_index(r.status)] += 1;
            if let Some((exact, lo, hi)) = r.eligible_cash() {
                s.cash_exact += exact.unwrap_or_default();
                s.cash_min += lo;
                s.cash_max += hi;
            }
        }
    }

    fn merge(&mut self, b: EntrySummary) {
        for (x, y) in self.by_status.iter_mut().zip(b.by_status) {
            *x += y;
        }
        self.cash_exact += b.cash_exact;
        self.cash_min += b.cash_min;
        self.cash_max += b.cash_max;
    }

    pub(crate) fn side(&self) -> crate::compare::Side {
        crate::compare::Side { eligible: self.by_status[0], exact: self.cash_exact, min: self.cash_min, max: self.cash_max }
    }
}

/// Where a status is counted in [`EntrySummary::by_status`].
pub fn status_index(s: Status) -> usize {
    match s {
        Status::Eligible => 0,
        Status::ManualReview => 1,
        Status::Undetermined => 2,
        Status::NotEligible => 3,
        Status::NotApplicable => 4,
        Status::Information => 5,
    }
}

/// The entries a run reports, in order: the plan's, then those the packs of
/// side A add, then those of side B that A does not have; and where each
/// side's results sit among them. A pack's entries are listed like the plan's,
/// so nothing a successor adds is dropped from the output.
#[derive(Debug)]
pub struct Listing {
    /// The entries, in order.
    pub entries: Vec<&'static chanjiao_rules::Entry>,
    /// For each result of side A (then B), its place in `entries`.
    pub(crate) slots: [Vec<usize>; 2],
    /// For each entry, side A's (then B's) result for it, by its place among
    /// that side's results, or nothing where that side has no such entry.
    at: [Vec<Option<usize>>; 2],
}

impl Listing {
    /// The entries of side A, then those of B that A does not have.
    pub fn of(a: &'static chanjiao_rules::Params, b: Option<&'static chanjiao_rules::Params>) -> Result<Listing, chanjiao_rules::Error> {
        let mut entries: Vec<&'static chanjiao_rules::Entry> = a.entries()?.collect();
        let slots_a: Vec<usize> = (0..entries.len()).collect();
        let mut slots_b = Vec::new();
        if let Some(b) = b {
            for e in b.entries()? {
                let at = entries.iter().position(|x| x.code == e.code).unwrap_or_else(|| {
                    entries.push(e);
                    entries.len() - 1
                });
                slots_b.push(at);
            }
        }
        let at = [&slots_a, &slots_b].map(|slots| {
            let mut at = vec![None; entries.len()];
            for (i, place) in slots.iter().enumerate() {
                at[*place] = Some(i);
            }
            at
        });
        Ok(Listing { entries, slots: [slots_a, slots_b], at })
    }

    /// Side `side`'s result for the entry listed at `place`, if that side has the entry.
    pub(crate) fn result<'e>(&self, e: &'e Evaluation, side: usize, place: usize) -> Option<&'e chanjiao_rules::EntryResult> {
        self.at[side][place].and_then(|i| e.results.get(i))
    }

    /// Side `side`'s result for each listed entry, or nothing where that side has no such entry.
    pub(crate) fn aligned<'e>(&self, e: &'e Evaluation, side: usize) -> impl Iterator<Item = Option<&'e chanjiao_rules::EntryResult>> {
        (0..self.entries.len()).map(move |place| self.result(e, side, place))
    }
}

/// The summary as printed: records read, and per entry the statuses and sums.
/// `errors_at` says where the error rows are, in Chinese and English.
pub(crate) fn table(s: &Summary, listing: &Listing, lang: Lang, errors_at: (&str, &str)) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Zh => format!(
                "读入 {} 条记录（第 {}–{} 行）：{} 条得出结果，{} 条为错误行（见{}）；{} = {} + {}。",
                s.records, s.first_line, s.last_line, s.evaluated, s.failed, errors_at.0, s.records, s.evaluated, s.failed
            ),
            Lang::En => format!(
                "{} records read (lines {}–{}): {} evaluated, {} error rows (see {}); {} = {} + {}.",
                s.records, s.first_line, s.last_line, s.evaluated, s.failed, errors_at.1, s.records, s.evaluated, s.failed
            ),
        }
    );
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "条目 | 可申请 | 需人工认定 | 暂无法确定 | 不符合 | 了解即可 | 确定金额合计（元） | 合计区间（元）",
            "entry | eligible | manual review | undetermined | not eligible | for information | exact cash (CNY) | cash range (CNY)"
        )
    );
    for (e, x) in listing.entries.iter().zip(&s.entries) {
        if [0, 1, 2, 3, 5].iter().all(|i| x.by_status[*i] == 0) {
            continue;
        }
        let _ = writeln!(
            out,
            "{} {} | {} | {} | {} | {} | {} | {} | {}–{}",
            e.code,
            e.name_in(lang),
            x.by_status[0],
            x.by_status[1],
            x.by_status[2],
            x.by_status[3],
            x.by_status[5],
            chanjiao_rules::group_thousands(x.cash_exact),
            chanjiao_rules::group_thousands(x.cash_min),
            chanjiao_rules::group_thousands(x.cash_max)
        );
    }
    out
}

/// Writes the per-entry summary as CSV, through a temporary file renamed at the end.
pub(crate) fn csv(s: &Summary, listing: &Listing) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice("\u{feff}".as_bytes());
    let mut w = csv::Writer::from_writer(&mut out);
    let _ = w.write_record([
        "code",
        "id",
        "name_zh",
        "eligible",
        "manual_review",
        "undetermined",
        "not_eligible",
        "not_applicable",
        "information",
        "cash_exact",
        "cash_min",
        "cash_max",
    ]);
    for (e, x) in listing.entries.iter().zip(&s.entries) {
        let mut r = [&e.code, &e.id, &e.name_zh].map(|t| crate::safe::text(t).into_owned()).to_vec();
        r.extend(x.by_status.iter().map(u64::to_string));
        r.extend([x.cash_exact, x.cash_min, x.cash_max].map(|d| d.normalize().to_string()));
        let _ = w.write_record(&r);
    }
    drop(w);
    out
}
