//! The machinery every entry's decision table runs on: the evaluation
//! context, the answers as read (what a result rests on), the outcome of a
//! rule, the validity window of catalogue §0 and the territorial default of
//! X4; and the built-in steps a table calls where no row should re-express a
//! computation: the size classification (`size`), B1's credit ledger
//! (`credit`) and the certificates of A14 (`certificates`). The entries
//! themselves are data (`entries.toml`), decided by `table`.

mod certificates;
pub(crate) mod credit;
mod size;
pub(crate) mod table;

pub(crate) use certificates::{certificates_given, is_certificate_question};

use std::borrow::Cow;
use std::cell::Cell;

use rust_decimal::Decimal;

use crate::answers::{Answers, Value};
use crate::catalogue::ApplicantType;
use crate::date::Date;
use crate::outcome::{Amount, Basis, Flag, Miss, Status};
use crate::params::{Params, Policy, Transition, Words};
use crate::questions::Q;
use crate::text::{Later, Reason, Text, later};

/// What every rule sees: the answers, the parameters, the application date and
/// the applicant type.
pub(crate) struct Ctx<'a> {
    /// Shared, not owned: a restated entry is judged under two contexts (its
    /// successor's table and the plan's rules) that note their reads in one place.
    pub a: &'a Facts<'a>,
    /// The parameters live for the whole program, so a sentence written later may keep them.
    pub p: &'static Params,
    pub on: Date,
    pub t: ApplicantType,
    /// The entry being decided, for what a document says of it.
    pub entry: &'static crate::catalogue::Entry,
}

/// The answers as a rule reads them. Every question read is noted: the answered
/// ones are the facts the result rests on, which the applicant must be able to
/// show (the text lists no documents, catalogue X6).
#[derive(Clone)]
pub(crate) struct Facts<'a> {
    answers: &'a Answers,
    /// One bit per built-in question, by [`Q`]'s index; a test keeps the table within 128.
    read: Cell<u128>,
    /// The questions a pack adds that were read (rare, so a list).
    read_added: std::cell::RefCell<Vec<Q>>,
}

/// A result that waits on answers given as "不清楚" (not sure): those are not
/// asked again; with nothing else missing, a person at the responsible unit
/// decides, and no amount is guessed.
pub(crate) fn not_known(a: &Facts, o: &mut Outcome, entry: &crate::catalogue::Entry) {
    let unsure: Vec<Q> = o.missing.iter().copied().filter(|q| a.peek().unsure(*q)).collect();
    if unsure.is_empty() {
        return;
    }
    o.missing.retain(|q| !unsure.contains(q));
    if o.status != Status::Undetermined || !o.missing.is_empty() {
        return;
    }
    let labels = |zh: bool| -> String {
        unsure
            .iter()
            .map(|q| match zh {
                true => format!("“{}”", q.def().label.zh.trim_end_matches(['？', '?'])),
                false => format!("\"{}\"", q.def().label.en.trim_end_matches('?')),
            })
            .collect::<Vec<_>>()
            .join(if zh { "、" } else { ", " })
    };
    let (unit, unit_en) = (&entry.lead_unit, entry.lead_unit_in(crate::text::Lang::En));
    let mut manual = Outcome::manual(
        Amount::None,
        Text::new(
            format!("您对{}的回答是“不清楚”：能否申请需由{unit}核实后认定，本工具不作推测。请带上相关材料向{unit}咨询。", labels(true)),
            format!(
                "You answered \"not sure\" to {}: whether you can claim this is for {unit_en} to check and decide; this tool does not guess. Ask {unit_en}, with your papers.",
                labels(false)
            ),
        ),
    );
    manual.flags = std::mem::take(&mut o.flags);
    *o = manual;
}

impl<'a> Facts<'a> {
    pub fn new(answers: &'a Answers) -> Facts<'a> {
        Facts { answers, read: Cell::new(0), read_added: Default::default() }
    }

    fn note(&self, q: Q) -> &'a Answers {
        if q.is_added() {
            self.read_added.borrow_mut().push(q);
        } else {
            let bit = 1u128.checked_shl(q.index() as u32).unwrap_or(0);
            self.read.set(self.read.get() | bit);
        }
        self.answers
    }

    /// The answered questions read so far, in asking order.
    pub fn evidence(&self) -> Vec<Q> {
        let read = self.read.get();
        let added = self.read_added.borrow();
        // Without a pack's question read, the bits alone say which were.
        if added.is_empty() {
            return self.answers.answered_among(read);
        }
        let was_read = |q: &Q| match q.is_added() {
            true => added.contains(q),
            false => 1u128.checked_shl(q.index() as u32).is_some_and(|bit| read & bit != 0),
        };
        self.answers.iter().map(|(q, _)| q).filter(was_read).collect()
    }

    pub fn get(&self, q: Q) -> Option<&'a Value> {
        self.note(q).get(q)
    }

    /// An answer read only to check that the others are plausible: not a fact
    /// the result rests on, so not noted as evidence.
    pub fn peek(&self) -> &'a Answers {
        self.answers
    }

    pub fn yes(&self, q: Q) -> Option<bool> {
        self.note(q).yes(q)
    }

    pub fn count(&self, q: Q) -> Option<u64> {
        self.note(q).count(q)
    }

    pub fn money(&self, q: Q) -> Option<Decimal> {
        self.note(q).money(q)
    }

    pub fn date(&self, q: Q) -> Option<Date> {
        self.note(q).date(q)
    }

    pub fn year(&self, q: Q) -> Option<u16> {
        self.note(q).year(q)
    }

    pub fn choice(&self, q: Q) -> Option<&'static str> {
        self.note(q).choice(q)
    }
}

/// An information entry's outcome as it is shown: what the rule found open to
/// the applicant is for its information, with no amount; what it found not to
/// concern the applicant is not shown at all (not applicable), since nothing
/// was missed; an open question stays open.
pub(crate) fn as_information(o: &mut Outcome) {
    match o.status {
        Status::Eligible => {
            o.status = Status::Information;
            o.amount = Amount::None;
            o.cash = false;
            o.miss = None;
        }
        Status::NotEligible => {
            o.status = Status::NotApplicable;
            o.miss = None;
        }
        _ => {}
    }
}

/// What a rule decides; the caller adds the catalogue's words about the entry.
#[derive(Clone, Debug)]
pub(crate) struct Outcome {
    pub status: Status,
    pub amount: Amount,
    pub cash: bool,
    pub reason: Reason,
    pub missing: Vec<Q>,
    pub miss: Option<Box<Miss>>,
    pub flags: Vec<Flag>,
    /// The successor document that judged it, if any.
    pub basis: Option<&'static Basis>,
    /// The entry as that document words it (its figures), if any.
    pub worded: Option<&'static crate::catalogue::Entry>,
    /// Questions that could change the result although it is decided without
    /// them (unanswered, they count as no): the planner asks them once.
    pub also_ask: Vec<Q>,
}

impl Outcome {
    fn new(status: Status, amount: Amount, reason: impl Into<Reason>) -> Outcome {
        Outcome {
            status,
            amount,
            cash: false,
            reason: reason.into(),
            missing: Vec::new(),
            miss: None,
            flags: Vec::new(),
            basis: None,
            worded: None,
            also_ask: Vec::new(),
        }
    }

    pub fn eligible(amount: Amount, reason: impl Into<Reason>) -> Outcome {
        Outcome::new(Status::Eligible, amount, reason)
    }

    pub fn not_eligible(reason: impl Into<Reason>) -> Outcome {
        Outcome::new(Status::NotEligible, Amount::None, reason)
    }

    pub fn undetermined(amount: Amount, reason: impl Into<Reason>) -> Outcome {
        Outcome::new(Status::Undetermined, amount, reason)
    }

    pub fn manual(amount: Amount, reason: impl Into<Reason>) -> Outcome {
        Outcome::new(Status::ManualReview, amount, reason)
    }

    /// Undetermined because these questions are unanswered; answered ones are dropped.
    pub fn missing(a: &Facts, qs: &[Q]) -> Outcome {
        // "不清楚" is no answer to decide by: the question is missing, and
        // [`not_known`] sends the result to a person rather than ask again.
        let missing: Vec<Q> = qs.iter().copied().filter(|q| a.get(*q).is_none_or(|v| matches!(v, Value::Unknown))).collect();
        let mut o = Outcome::new(Status::Undetermined, Amount::None, Text::new("还需回答几个问题才能判断。", "A few more answers are needed to decide."));
        o.miss = missing.first().map(|q| Box::new(Miss { question: Some(*q), change: q.def().label.into() }));
        o.missing = missing;
        o
    }

    /// Marks the amount as government money paid to this applicant.
    pub fn cash(mut self) -> Outcome {
        self.cash = true;
        self
    }

    pub fn flag(mut self, code: &'static str, zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Outcome {
        self.add_flag(code, zh, en);
        self
    }

    /// The same, in place: an Outcome is large, and moving it costs more than
    /// most of what is done to it.
    pub fn add_flag(&mut self, code: &'static str, zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) {
        self.flags.push(Flag { code, text: Text::new(zh, en) });
    }

    pub fn miss(mut self, question: Option<Q>, zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Outcome {
        self.set_miss(question, zh, en);
        self
    }

    /// The same, in place.
    pub fn set_miss(&mut self, question: Option<Q>, zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) {
        self.miss = Some(Box::new(Miss { question, change: Text::new(zh, en) }));
    }

    /// Adds a sentence, usually one written later with the applicant's figures.
    pub fn and(mut self, more: impl Into<Reason>) -> Outcome {
        self.reason.push(more);
        self
    }

    /// Adds a fixed sentence to the reason.
    pub fn also(mut self, zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Outcome {
        self.reason.push(Text::new(zh, en));
        self
    }
}

impl Ctx<'_> {
    /// X4: the territorial default. Entities must be registered in Quanzhou;
    /// workers and teachers must work or be insured there. Graduates have no such
    /// condition (D8 covers people coming to Quanzhou).
    // An Outcome is the rule's own answer, returned once on this cold path; boxing it gains nothing.
    #[allow(clippy::result_large_err)]
    pub fn territory(&self) -> Result<(), Outcome> {
        let q = match self.t {
            ApplicantType::Graduate => return Ok(()),
            ApplicantType::Worker | ApplicantType::Teacher => Q::WorksInQuanzhou,
            _ => Q::RegisteredInQuanzhou,
        };
        match self.a.yes(q) {
            None => Err(Outcome::missing(self.a, &[q])),
            Some(true) => Ok(()),
            // A person who lives in Quanzhou but neither works nor is insured here:
            // the text's wording does not settle it, so a person decides.
            Some(false) if q == Q::WorksInQuanzhou => match self.a.yes(Q::ResidesInQuanzhou) {
                None => Err(Outcome::missing(self.a, &[Q::ResidesInQuanzhou])),
                Some(true) => Err(Outcome::manual(
                    Amount::None,
                    Text::new(
                        "在泉州居住，但不在泉州就业或参保：文件未写明属地条件，本工具默认要求在泉就业或参保，是否适用需人工认定（目录 X4）。",
                        "You live in Quanzhou but neither work nor are insured here: the text sets no territorial rule, this tool's default asks for work or insurance here, so a person decides (catalogue X4).",
                    ),
                )
                .flag("X4", "属地条件为可配置的默认值", "The territorial condition is a configurable default")),
                Some(false) => Err(self.outside_quanzhou(q)),
            },
            Some(false) => Err(self.outside_quanzhou(q)),
        }
    }

    /// Not eligible: not in Quanzhou, under the territorial default of X4.
    fn outside_quanzhou(&self, q: Q) -> Outcome {
        Outcome::not_eligible(Text::new(
            "文件未写明属地条件；本工具默认要求在泉州登记注册（个人为在泉就业或参保），特殊情况请向责任单位咨询（目录 X4）。",
            "The text sets no territorial rule; by default this tool requires Quanzhou registration (for individuals, work or insurance in Quanzhou); ask the responsible unit about special cases (catalogue X4).",
        ))
        .miss(Some(q), "在泉州登记注册（或在泉就业、参保）", "be registered (or work, or be insured) in Quanzhou")
        .flag("X4", "属地条件为可配置的默认值", "The territorial condition is a configurable default")
    }

    /// Applies the validity window of catalogue §0 to an event on `date` (asked by
    /// question `q`): before 2022-11-29 cannot be determined (X3); on 11-29 or
    /// 11-30 needs a person (X1); after the last document's expiry is not
    /// eligible (X2). An event is judged by the document in force on its date;
    /// applied for after that document expired, by the transition rule of the
    /// document in force on the application date, or, with none in force,
    /// cannot be determined (X2).
    pub fn window(&self, date: Date, q: Q, o: Outcome) -> Outcome {
        let pol: &'static Policy = &self.p.policy;
        let on = self.on;
        if date < pol.signed {
            let zh = format!("事项发生于 {date}，早于文件施行（{}）；文件未规定此前事项是否适用，不自动计发，请向责任单位确认（目录 X3）。", pol.issued);
            let en = format!(
                "The event on {date} predates the policy ({}); the text does not say whether earlier events count, so nothing is paid automatically; ask the responsible unit (catalogue X3).",
                pol.issued
            );
            return self.downgrade(o, Status::Undetermined, Text::new(zh, en), "X3");
        }
        if date < pol.issued {
            let zh = format!("事项发生于 {date}：文件落款为 {}，印发施行为 {}，此间事项需人工认定（目录 X1）。", pol.signed, pol.issued);
            let en = format!(
                "The event on {date} falls between the notice date {} and the issue date {}: a person must decide (catalogue X1).",
                pol.signed, pol.issued
            );
            return self.downgrade(o, Status::ManualReview, Text::new(zh, en), "X1");
        }
        let Some(doc) = self.p.in_force(date) else {
            let last: &'static Policy = self.p.latest_before(date);
            let [flag, between, _] = self.expired(pol, last);
            return Outcome::not_eligible(later!(
                format!("事项发生于 {date}，在文件有效期（至 {}）之后，不属本文件支持范围（目录 X2）。", last.expires),
                format!("The event on {date} is after the policy expired on {}; this document does not cover it (catalogue X2).", last.expires),
            ))
            .miss(Some(q), &*between.zh, &*between.en)
            .flag("X2", &*flag.zh, &*flag.en);
        };
        if doc.drops(&self.entry.code) {
            return self.dropped(doc);
        }
        if on <= doc.expires {
            return self.judged_by(doc, o);
        }
        self.after_expiry(doc, o, || {
            later!(
                format!(
                    "事项在有效期内，但申请日 {} 已过文件有效期（{}）：能否受理取决于 {} 年申报通知或后续政策，所示金额为按本文件测算（目录 X2）。",
                    on,
                    doc.expires,
                    doc.expires.year() + 1
                ),
                format!(
                    "The event is within the policy's validity, but the application date {} is after it expired on {}: whether it can still be claimed depends on a {} notice or a successor policy; the amount shown is what this document would give (catalogue X2).",
                    on,
                    doc.expires,
                    doc.expires.year() + 1
                ),
            )
        })
    }

    /// Applies the window of the document that adds this entry (a pack) to an
    /// event on `date` (asked by `q`, if the entry names its event): an event
    /// before that document took effect, or after it expired, is not covered;
    /// one applied for after it expired follows the transition rule of the
    /// document then in force, as for the plan's own entries.
    pub fn added_window(&self, date: Date, q: Option<Q>, o: Outcome) -> Outcome {
        let Some(doc) = self.p.successors.iter().find(|d| Some(&d.number) == self.entry.added_in.as_ref()) else {
            return Outcome::not_eligible(Text::new("此条目所在的文件未载入。", "The document that adds this entry is not loaded."));
        };
        if date < doc.issued || date > doc.expires {
            let [_, between, _] = self.expired(doc, doc);
            let o = Outcome::not_eligible(later!(
                format!("此条目由 {} 新设，适用于 {} 至 {} 发生的事项；{date} 不在其中。", doc.number, doc.issued, doc.expires),
                format!("This entry is new in {}, for events from {} to {}; {date} is outside that.", doc.number_en, doc.issued, doc.expires),
            ))
            .miss(q, &*between.zh, &*between.en);
            return self.judged_by(doc, o);
        }
        if self.on <= doc.expires {
            return self.judged_by(doc, o);
        }
        let on = self.on;
        self.after_expiry(doc, o, || {
            later!(
                format!("事项在 {} 有效期内，但申请日 {} 已过其有效期（{}）：能否受理取决于申报通知或后续政策（目录 X2）。", doc.number, on, doc.expires),
                format!(
                    "The event falls under {}, but the application date {} is after it expired on {}: whether it can still be claimed depends on a notice or a successor (catalogue X2).",
                    doc.number_en, on, doc.expires
                ),
            )
        })
    }

    /// The outcome under `doc`, citing it when it is a successor.
    fn judged_by(&self, doc: &'static Policy, mut o: Outcome) -> Outcome {
        if std::ptr::eq(doc, &self.p.policy) {
            return o;
        }
        let judged = self.p.judged(doc, self.entry, || {
            let text = doc.entries.get(&self.entry.code);
            let (mut name, amount_rule) = self.entry.texts_under(self.p, doc.issued);
            if let Some(t) = text {
                name = Text::new(t.name_zh.clone().unwrap_or(name.zh.into_owned()), t.name_en.clone().unwrap_or(name.en.into_owned()));
            }
            crate::params::Judged {
                worded: match self.entry.added_in {
                    Some(_) => Some(self.entry),
                    None => doc.worded(self.p).iter().find(|e| e.code == self.entry.code),
                },
                basis: Basis {
                    number: doc.number.clone(),
                    number_en: doc.number_en.clone(),
                    title: doc.title.clone(),
                    clause: text.map_or_else(|| self.entry.clause.clone(), |t| t.clause.clone()),
                    quote: text.map_or_else(|| self.entry.quote.clone(), |t| t.quote.clone()),
                    illustrative: doc.illustrative,
                    pack_id: doc.pack_id.clone(),
                    name,
                    amount_rule,
                },
                flag: doc.illustrative.then(|| {
                    (
                        format!("{} 是示例，非真实政策：结果仅供演示", doc.number),
                        format!("{} is an illustration, not a real policy: for demonstration only", doc.number_en),
                    )
                }),
            }
        });
        o.basis = Some(&judged.basis);
        o.worded = judged.worded;
        if let Some((zh, en)) = &judged.flag {
            o.add_flag("示例", zh.as_str(), en.as_str());
        }
        o
    }

    /// Not eligible: `doc` does not continue this entry.
    fn dropped(&self, doc: &'static Policy) -> Outcome {
        let (number, number_en, from) = (doc.number.clone(), doc.number_en.clone(), doc.issued);
        let o = Outcome::not_eligible(later!(
            format!("{number}（{from} 起施行）未延续此条目，此后发生的事项不再支持。"),
            format!("{number_en} (in force from {from}) does not continue this entry; events after that are not supported."),
        ))
        .flag("X2", format!("{} 未延续此条目", doc.number), format!("{} does not continue this entry", doc.number_en));
        self.judged_by(doc, o)
    }

    /// An event (or year) under `doc`, applied for after `doc` expired: the
    /// document in force on the application date decides by its transition
    /// rule; with none in force, it cannot be determined (`why` says so).
    fn after_expiry(&self, doc: &'static Policy, o: Outcome, why: impl FnOnce() -> Later) -> Outcome {
        let now = self.p.in_force(self.on).filter(|now| now.issued > doc.issued);
        let Some(now) = now else {
            return self.downgrade(o, Status::Undetermined, why(), "X2");
        };
        let [said, refused, illustration] = self.transition(doc, now);
        let o = self.judged_by(doc, o);
        let o = match now.transition {
            Transition::Accept => o.also(&*said.zh, &*said.en),
            Transition::Refuse => Outcome::not_eligible(Text::new(&*said.zh, &*said.en)).flag("X2", &*refused.zh, &*refused.en),
            Transition::AnnualNotice => self.downgrade(o, Status::Undetermined, Text::new(&*said.zh, &*said.en), "X2"),
        };
        // Whatever the transition clause decides rests on the document
        // that holds it: an illustration's clause decides nothing real.
        match now.illustrative {
            true => o.flag("示例", &*illustration.zh, &*illustration.en),
            false => o,
        }
    }

    /// What `now`, in force on the application date, says of an event under the
    /// earlier `doc` by its transition rule: the sentence, the flag of a refusal,
    /// and the flag of an illustration. They depend on the two documents alone,
    /// so they are written once (see [`Words`]).
    fn transition(&self, doc: &'static Policy, now: &'static Policy) -> &'static [Text; 3] {
        self.p.words(Words::Transition, doc, now, || {
            // The successor's words, quoted as it prints them; in English, marked as its text.
            let quoted = now.transition_quote.as_ref().map(|(clause, text)| format!("{clause}：“{text}”")).unwrap_or_default();
            let quoted_en = now
                .transition_quote
                .as_ref()
                .map(|(clause, text)| format!("{} of it reads: \"{text}\"", crate::text::clause_in(clause, crate::text::Lang::En)))
                .unwrap_or_default();
            let said = match now.transition {
                Transition::Accept => Text::new(
                    format!("事项发生在 {} 有效期内；{} 受理此类事项（{quoted}），按事项发生时的规定计算。", doc.number, now.number),
                    format!("The event fell under {}; {} accepts such claims ({quoted_en}), judged by the rules in force when it happened.", doc.number_en, now.number_en),
                ),
                Transition::Refuse => Text::new(
                    format!("事项发生在 {} 有效期内；{} 不受理此前事项（{quoted}）。", doc.number, now.number),
                    format!("The event fell under {}; {} does not accept claims for earlier events ({quoted_en}).", doc.number_en, now.number_en),
                ),
                Transition::AnnualNotice => Text::new(
                    format!("事项发生在 {} 有效期内，申请日已由 {} 施行；此类事项能否受理以申报通知为准，所示金额为按事项发生时的规定测算（目录 X2）。", doc.number, now.number),
                    format!(
                        "The event fell under {}, and {} is in force on the application date; whether such claims are accepted is for the annual notice; the amount shown is what the rules then in force would give (catalogue X2).",
                        doc.number_en, now.number_en
                    ),
                ),
            };
            [
                said,
                Text::new(format!("{} 不受理前一文件期间的事项", now.number), format!("{} refuses claims from its predecessor's period", now.number_en)),
                Text::new(
                    format!("此项结果取决于 {} 的过渡规定，该文件是示例，非真实政策：结果仅供演示", now.number),
                    format!("this result rests on the transition clause of {}, an illustration, not a real policy: for demonstration only", now.number_en),
                ),
            ]
        })
    }

    /// What the window says when an event or a year falls outside `from`'s
    /// issue to `until`'s expiry: the flag that `until` has expired, what an
    /// event must be to count, and what a year must be. Written once (see [`Words`]).
    fn expired(&self, from: &'static Policy, until: &'static Policy) -> &'static [Text; 3] {
        self.p.words(Words::Expired, from, until, || {
            [
                Text::new(format!("文件有效期至 {}", until.expires), format!("The policy was valid until {}", until.expires)),
                Text::new(format!("事项发生在 {} 至 {} 之间", from.issued, until.expires), format!("an event between {} and {}", from.issued, until.expires)),
                Text::new(
                    format!("申报 {} 至 {} 年度", from.issued.year(), until.expires.year()),
                    format!("claim a year from {} to {}", from.issued.year(), until.expires.year()),
                ),
            ]
        })
    }

    /// Applies the window to an annual grant claimed for `year` (question `q`): a
    /// year no document covers is not covered; 2022, when the plan ran one month,
    /// needs a person and shows 0 to the full amount; a covered year claimed after
    /// its document expired follows the transition rule of the document then in
    /// force, or cannot be determined.
    pub fn year_window(&self, year: u16, q: Q, o: Outcome) -> Outcome {
        let pol: &'static Policy = &self.p.policy;
        let last = self.p.documents().last().unwrap_or(pol);
        let doc = self.p.documents().filter(|d| d.issued.year() <= year && year <= d.expires.year()).last();
        let Some(doc) = doc else {
            let [flag, _, years] = self.expired(pol, last);
            return Outcome::not_eligible(later!(
                format!("{year} 年不在文件有效期（{} 至 {}）内。", pol.issued, last.expires),
                format!("{year} is outside the policy's validity ({} to {}).", pol.issued, last.expires),
            ))
            .miss(Some(q), &*years.zh, &*years.en)
            .flag("X2", &*flag.zh, &*flag.en);
        };
        if doc.drops(&self.entry.code) {
            return self.dropped(doc);
        }
        if std::ptr::eq(doc, pol) && year == pol.issued.year() {
            let amount = match o.amount.cash_bounds() {
                Some((_, hi)) => Amount::Range { min: Decimal::ZERO, max: hi },
                None => o.amount.clone(),
            };
            let o = Outcome { amount, ..o };
            return self.downgrade(
                o,
                Status::ManualReview,
                later!(
                    format!("文件 {} 起施行，{year} 年仅覆盖一个月，是否全额补助未写明：显示 0 至全额，需人工认定（目录 A12 第 2 点）。", pol.issued),
                    format!("The policy began on {}, one month before the end of {year}; whether a full year is due is not stated, so 0 to the full amount is shown and a person must decide (catalogue A12 point 2).", pol.issued),
                ),
                "X1",
            );
        }
        let on = self.on;
        if on > doc.expires {
            return self.after_expiry(doc, o, || {
                later!(
                    format!("{year} 年度在有效期内，但申请日 {} 已过文件有效期：能否受理取决于 {} 年申报通知或后续政策（目录 X2）。", on, doc.expires.year() + 1),
                    format!(
                        "{year} is within the policy's validity, but the application date {} is after it expired: it depends on a {} notice or a successor policy (catalogue X2).",
                        on,
                        doc.expires.year() + 1
                    ),
                )
            });
        }
        self.judged_by(doc, o)
    }

    /// Applies the window to a status held now rather than an event (designations,
    /// permissions, obligations): held under the document in force on the
    /// application date; with none in force (after the last expiry) it is no
    /// longer held, unless `higher_rule` names a rule that carries it on.
    pub fn status_window(&self, o: Outcome, higher_rule: Option<(&str, &str)>) -> Outcome {
        let pol: &'static Policy = &self.p.policy;
        let on = self.on;
        if on <= pol.expires || o.status != Status::Eligible {
            return o;
        }
        if let Some(doc) = self.p.in_force(on) {
            if !doc.drops(&self.entry.code) {
                return self.judged_by(doc, o);
            }
            if higher_rule.is_none() {
                return self.dropped(doc);
            }
        }
        let last: &'static Policy = self.p.latest_before(on);
        match higher_rule {
            Some((zh, en)) => o.flag(
                "X2",
                format!("本文件已于 {} 到期；此项依据{zh}继续有效。", last.expires),
                format!("This document expired on {}; this continues under {en}.", last.expires),
            ),
            None => {
                let [flag, _, _] = self.expired(pol, last);
                Outcome::not_eligible(later!(
                    format!("本文件已于 {} 到期，申请日 {} 不再适用；是否延续取决于后续政策（目录 X2）。", last.expires, on),
                    format!(
                        "This document expired on {}; on {} it no longer applies, and whether it continues depends on a successor policy (catalogue X2).",
                        last.expires, on
                    ),
                ))
                .flag("X2", &*flag.zh, &*flag.en)
            }
        }
    }

    /// Lowers an outcome to `status` for a window reason, keeping its amount as the
    /// potential amount; an outcome already worse keeps its status.
    fn downgrade(&self, mut o: Outcome, status: Status, why: impl Into<Reason>, code: &'static str) -> Outcome {
        if o.status == Status::Eligible || (o.status == Status::Undetermined && status == Status::ManualReview) {
            o.status = status;
        }
        o.reason.prepend(why);
        let text = match code {
            "X1" => Text::new("有效期起点：文件落款与印发日期之间，需人工认定", "Start of validity: between the notice and issue dates, a person decides"),
            "X3" => Text::new("溯及既往：文件施行前的事项，文件未规定", "Retroactivity: events before the policy are not addressed"),
            _ => Text::new(
                "有效期：事项或申请不在文件有效期内，见原因说明",
                "Validity: the event or the claim falls outside the policy's period; the reason says how",
            ),
        };
        o.flags.push(Flag { code, text });
        o
    }
}
