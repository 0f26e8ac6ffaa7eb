//! What an evaluation returns: a status, an amount of the right kind, and an
//! explanation a person can check against the text.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalogue::{ApplicantType, Entry};
use crate::date::Date;
use crate::money::{group, yuan_en, yuan_zh};
use crate::questions::Q;
use crate::text::{Reason, StaticText, Text};

/// Where an applicant stands on one entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Eligible (for an obligation: it applies).
    Eligible,
    /// A person must decide (the catalogue's MANUAL_REVIEW).
    ManualReview,
    /// Cannot be determined yet: answers are missing (see `missing`), or the text
    /// leaves it open and the reason says what it depends on.
    Undetermined,
    /// Not eligible; `miss` says what would change that, where anything could.
    NotEligible,
    /// The entry is not for this type of applicant, or (for an information
    /// entry) does not concern these answers.
    NotApplicable,
    /// For your information: what the plan announces and no one applies for
    /// (the catalogue's informational entries). Never counted as a claim.
    Information,
}

impl Status {
    /// The status as the JSON output, batch files and form codes write it:
    /// `eligible`, `manual-review`, `undetermined`, `not-eligible`, `not-applicable`.
    pub fn code(self) -> &'static str {
        match self {
            Status::Eligible => "eligible",
            Status::ManualReview => "manual-review",
            Status::Undetermined => "undetermined",
            Status::NotEligible => "not-eligible",
            Status::NotApplicable => "not-applicable",
            Status::Information => "information",
        }
    }

    /// The status in words.
    pub fn name(self) -> StaticText {
        match self {
            Status::Eligible => crate::text::st("可申请", "Eligible"),
            Status::ManualReview => crate::text::st("需人工认定", "Needs an officer's decision"),
            Status::Undetermined => crate::text::st("暂无法确定", "Cannot be determined yet"),
            Status::NotEligible => crate::text::st("不符合", "Not eligible"),
            Status::NotApplicable => crate::text::st("不适用于此类申请人", "Not for this type of applicant"),
            Status::Information => crate::text::st("了解即可", "For your information"),
        }
    }
}

/// The education-surcharge credit of B1, with the used and carried-forward parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Credit {
    /// The year's qualifying investment.
    pub investment: Decimal,
    /// The credit rate, 0.30.
    pub rate: Decimal,
    /// Credit generated this year: investment × rate.
    pub generated: Decimal,
    /// Credit carried in from earlier years.
    pub carried_in: Decimal,
    /// Surcharges payable this year after other reliefs.
    pub payable: Decimal,
    /// Credit used this year: the smaller of what is available and what is payable.
    pub used: Decimal,
    /// Credit carried forward to later years.
    pub carried_forward: Decimal,
}

/// An amount, of the kind the text allows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Amount {
    /// No amount (not applicable, or nothing to pay).
    None,
    /// An exact sum in yuan.
    Exact {
        /// Yuan.
        yuan: Decimal,
    },
    /// A range in yuan, shown as min–max and never as one figure (SHOW_RANGE).
    Range {
        /// The lower end.
        min: Decimal,
        /// The upper end.
        max: Decimal,
    },
    /// A ceiling ("不超过/不高于"), never a promise (X8).
    UpTo {
        /// The ceiling in yuan.
        cap: Decimal,
    },
    /// The amount is set by the responsible bureau's annual notice (ANNUAL_NOTICE).
    AnnualNotice,
    /// A benefit in kind, with a quantity where the text gives one.
    InKind {
        /// How much, e.g. 7 (nights).
        quantity: Option<Decimal>,
        /// The unit of `quantity`.
        unit: Option<&'static StaticText>,
        /// Until when, where the benefit runs for a term.
        until: Option<Date>,
    },
    /// An obligation with its figures, e.g. 2 to 3 internship places.
    Obligation {
        /// The lower figure, if any.
        min: Option<Decimal>,
        /// The upper figure, if any.
        max: Option<Decimal>,
        /// What is counted.
        unit: &'static StaticText,
    },
    /// The B1 tax credit (boxed: it is rare, and would otherwise make every amount large).
    Credit(Box<Credit>),
}

impl Amount {
    /// The same amount with every figure in its shortest form: a rate of 0.5
    /// applied to 3,000 gives 1500.0, which is written and compared as 1500.
    pub(crate) fn normalized(self) -> Amount {
        let n = |d: Decimal| d.normalize();
        match self {
            Amount::Exact { yuan } => Amount::Exact { yuan: n(yuan) },
            // A range whose ends are equal is one figure, said once.
            Amount::Range { min, max } if min == max => Amount::Exact { yuan: n(min) },
            Amount::Range { min, max } => Amount::Range { min: n(min), max: n(max) },
            Amount::UpTo { cap } => Amount::UpTo { cap: n(cap) },
            Amount::InKind { quantity, unit, until } => Amount::InKind { quantity: quantity.map(n), unit, until },
            Amount::Obligation { min, max, unit } => Amount::Obligation { min: min.map(n), max: max.map(n), unit },
            Amount::Credit(mut c) => {
                for d in [&mut c.investment, &mut c.rate, &mut c.generated, &mut c.carried_in, &mut c.payable, &mut c.used, &mut c.carried_forward] {
                    *d = d.normalize();
                }
                Amount::Credit(c)
            }
            other => other,
        }
    }

    /// The amount in a few ASCII characters, as batch files and form codes write
    /// it: `exact:23000`, `range:90000-135000`, `up-to:500000`, `annual-notice`,
    /// `in-kind:7`, `obligation:2-3`, `credit:<used>/<carried forward>`, `none`.
    pub fn code(&self) -> String {
        self.coded().to_string()
    }

    /// The amount's [`code`](Self::code), written where it is shown: a million
    /// rows of a batch write it into the row, with no string made for each.
    pub fn coded(&self) -> impl std::fmt::Display + '_ {
        Coded(self)
    }

    /// The amount in words.
    pub fn describe(&self) -> Text {
        match self {
            Amount::None => Text::new("—", "—"),
            Amount::Exact { yuan } => Text::new(yuan_zh(*yuan), yuan_en(*yuan)),
            Amount::Range { min, max } => Text::new(format!("{}～{}", group(*min), yuan_zh(*max)), format!("CNY {} to {}", group(*min), group(*max))),
            Amount::UpTo { cap } => Text::new(format!("最高 {}（上限，非承诺）", yuan_zh(*cap)), format!("up to {} (a ceiling, not a promise)", yuan_en(*cap))),
            Amount::AnnualNotice => Text::new("金额以年度申报通知为准", "set by the annual notice"),
            Amount::InKind { quantity, unit, until } => {
                let mut t = match (quantity, unit) {
                    (Some(q), Some(u)) => Text::new(format!("最长 {q} {}", u.zh), format!("up to {q} {}", u.en)),
                    _ => Text::new("非现金支持", "support in kind"),
                };
                if let Some(d) = until {
                    t.zh.to_mut().push_str(&format!("，至 {d}"));
                    t.en.to_mut().push_str(&format!(", until {d}"));
                }
                t
            }
            Amount::Obligation { min, max, unit } => match (min, max) {
                // The English unit is plural ("internship places"): one is one place.
                (Some(a), Some(b)) if a == b && *a == Decimal::ONE => {
                    Text::new(format!("{a} {}", unit.zh), format!("{a} {}", unit.en.strip_suffix('s').unwrap_or(unit.en)))
                }
                (Some(a), Some(b)) if a == b => Text::new(format!("{a} {}", unit.zh), format!("{a} {}", unit.en)),
                (Some(a), Some(b)) => Text::new(format!("{a}～{b} {}", unit.zh), format!("{a} to {b} {}", unit.en)),
                _ => Text::new(format!("义务：{}", unit.zh), format!("obligation: {}", unit.en)),
            },
            Amount::Credit(c) => Text::new(
                format!("本年可抵免 {}，结转以后年度 {}", yuan_zh(c.used), yuan_zh(c.carried_forward)),
                format!("a credit of {} this year, with {} carried forward", yuan_en(c.used), yuan_en(c.carried_forward)),
            ),
        }
    }

    /// The lowest and highest cash this amount can be, for totals; `None` when it
    /// has no yuan figure (annual notice, in kind, obligation, credit).
    pub fn cash_bounds(&self) -> Option<(Decimal, Decimal)> {
        match self {
            Amount::Exact { yuan } => Some((*yuan, *yuan)),
            Amount::Range { min, max } => Some((*min, *max)),
            Amount::UpTo { cap } => Some((Decimal::ZERO, *cap)),
            _ => None,
        }
    }
}

/// A catalogue flag: a cross-cutting issue (X1–X11) raised by this result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// The catalogue's code, e.g. `X7`.
    pub code: &'static str,
    /// What it means here.
    pub text: Text,
}

/// The nearest miss: which answer, changed how, would make the entry eligible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Miss {
    /// The question whose answer would have to change, if one would.
    pub question: Option<Q>,
    /// The change, in words.
    pub change: Text,
}

impl EntryResult {
    /// True when this result offers an application form: the entry has one, and
    /// the applicant is eligible or the result is still open (a person decides,
    /// or it cannot be determined yet).
    pub fn offers_form(&self) -> bool {
        self.incentive.has_form() && matches!(self.status, Status::Eligible | Status::ManualReview | Status::Undetermined)
    }

    /// What this result adds to the cash an applicant can claim: for an eligible
    /// cash result, the exact sum (for an exact amount) and the lowest and highest
    /// it can be. The totals of one applicant and `chanjiao batch`'s sums over many
    /// both count this.
    pub fn eligible_cash(&self) -> Option<(Option<Decimal>, Decimal, Decimal)> {
        if self.status != Status::Eligible || !self.cash {
            return None;
        }
        let (lo, hi) = self.amount.cash_bounds()?;
        let exact = match self.amount {
            Amount::Exact { yuan } => Some(yuan),
            _ => None,
        };
        Some((exact, lo, hi))
    }

    /// The amount in words; an undetermined result's amount is marked as what this
    /// document would give.
    pub fn amount_text(&self) -> Text {
        let text = self.amount.describe();
        // An amount not yet decided is said as potential, whoever decides it.
        if matches!(self.status, Status::Undetermined | Status::ManualReview) && self.amount.cash_bounds().is_some() {
            Text::new(format!("（测算）{}", text.zh), format!("(potential) {}", text.en))
        } else {
            text
        }
    }

    /// How the result is read (see [`Group`]).
    pub fn group(&self) -> Group {
        match (self.status, &self.amount) {
            (Status::Eligible, Amount::Obligation { .. }) => Group::Obligation,
            (Status::Eligible, Amount::Credit(_)) => Group::Money,
            (Status::Eligible, _) if self.cash => Group::Money,
            (Status::Eligible, _) => Group::Support,
            (Status::ManualReview | Status::Undetermined, _) => Group::Open,
            (Status::NotEligible, _) => Group::No,
            (Status::NotApplicable, _) => Group::NotApplicable,
            (Status::Information, _) => Group::Information,
        }
    }

    /// One plain sentence that leads the result: the amount, and what to do
    /// next. The arithmetic, the clause and the flags follow in `reason`.
    pub fn lead(&self) -> Text {
        let (unit, unit_en) = (&self.incentive.lead_unit, self.incentive.lead_unit_in(crate::text::Lang::En));
        let amount = self.amount.describe();
        match self.group() {
            Group::Money if self.amount == Amount::AnnualNotice => Text::new(
                format!("可申请，{}。请按当年申报通知向{unit}申报。", amount.zh),
                format!("You can claim this; the amount is set by the annual notice. Apply to {unit_en} as its notice for the year says."),
            ),
            Group::Money => Text::new(
                format!("可申请：{}。请按当年申报通知向{unit}申报。", amount.zh),
                format!("You can claim {}. Apply to {unit_en} as its notice for the year says.", amount.en),
            ),
            Group::Support => {
                Text::new(format!("可享受：{}。请向{unit}咨询办理。", amount.zh), format!("Available to you: {}. Ask {unit_en} how to take it up.", amount.en))
            }
            Group::Information => {
                let (what_zh, what_en) = (&self.incentive.amount_rule_zh, &self.incentive.amount_rule_en);
                let e = self.incentive;
                let (ask_zh, ask_en) = if e.ask_zh.is_empty() { (unit.as_str(), unit_en) } else { (e.ask_zh.as_str(), e.ask_en.as_str()) };
                Text::new(format!("了解即可：{what_zh}。如需了解详情，请向{ask_zh}咨询。"), format!("For your information: {what_en}. For more, ask {ask_en}."))
            }
            Group::Obligation => {
                // The amount column labels an obligation as one; the sentence says what applies.
                let what = match &self.amount {
                    Amount::Obligation { min, max, unit } if min.is_none() || max.is_none() => Text::new(unit.zh, unit.en),
                    _ => amount.clone(),
                };
                Text::new(format!("适用于您：{}。", what.zh), format!("This applies to you: {}.", what.en))
            }
            Group::Open => {
                let potential = self.amount.cash_bounds().map(|_| amount.clone());
                if let Some(first) = self.missing.first() {
                    let label = first.def().label;
                    Text::new(
                        format!("还需回答几个问题才能判断，先答：{}", label.zh),
                        format!("More answers are needed to decide this. Start with: {}", label.en),
                    )
                } else if self.status == Status::ManualReview {
                    match potential {
                        Some(a) => Text::new(
                            format!("需由{unit}人工认定；按本文件测算为 {}。", a.zh),
                            format!("An officer at {unit_en} must decide; under this policy it would be {}.", a.en),
                        ),
                        None => Text::new(format!("需由{unit}人工认定。"), format!("An officer at {unit_en} must decide.")),
                    }
                } else {
                    match potential {
                        // What the applicant can do today: ask the office first.
                        Some(a) => Text::new(
                            format!("暂无法确定；按本文件测算为 {}，以申报通知或后续政策为准。请先向{unit}咨询能否申请，再决定是否提交。", a.zh),
                            format!(
                                "Not decided yet; under this document it would be {}, subject to the notice or a successor policy. Ask {unit_en} whether you can claim it before you apply.",
                                a.en
                            ),
                        ),
                        None => Text::new(
                            format!("暂无法确定，以申报通知或后续政策为准。请先向{unit}咨询能否申请，再决定是否提交。"),
                            format!("Not decided yet; the notice or a successor policy decides. Ask {unit_en} whether you can claim it before you apply."),
                        ),
                    }
                }
            }
            Group::No => match &self.miss {
                Some(m) => Text::new(format!("不符合。需要：{}", m.change.zh), format!("Not eligible. What would change it: {}", m.change.en)),
                None => Text::new("不符合。", "Not eligible."),
            },
            Group::NotApplicable => Text::new("不适用于此类申请人。", "Not for this type of applicant."),
        }
    }

    /// The status in words; an obligation that applies reads "applies", not "eligible".
    pub fn status_name(&self) -> StaticText {
        match (&self.amount, self.status) {
            (Amount::Obligation { .. }, Status::Eligible) => crate::text::st("适用（义务）", "Applies (obligation)"),
            _ => self.status.name(),
        }
    }
}

/// The document a result was judged under, when it is not the built-in plan:
/// a successor loaded from a policy pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Basis {
    /// The document's number.
    pub number: String,
    /// The number as English text cites it ([`crate::Policy::number_en`]).
    #[serde(skip)]
    pub number_en: String,
    /// Its title.
    pub title: String,
    /// The clause of it that states the entry.
    pub clause: String,
    /// Its words for the entry's condition.
    pub quote: Vec<String>,
    /// An illustration, not a real policy.
    pub illustrative: bool,
    /// The pack it came from ([`crate::Policy::pack_id`]).
    pub pack_id: Option<String>,
    /// The entry's name under this document (its own words, or the catalogue's
    /// with this document's figures).
    pub name: Text,
    /// The amount rule with this document's figures.
    pub amount_rule: Text,
}

/// The result for one entry.
#[derive(Clone, Debug, Serialize)]
pub struct EntryResult {
    /// The entry, as the catalogue describes it.
    pub incentive: &'static Entry,
    /// Where the applicant stands.
    pub status: Status,
    /// Questions whose answers would decide an undetermined result.
    pub missing: Vec<Q>,
    /// How much.
    pub amount: Amount,
    /// True when the amount is government money paid to this applicant, and so
    /// counts in the totals (false for credits, payroll headroom, in-kind benefits,
    /// obligations, and money paid to someone else such as a studio).
    pub cash: bool,
    /// Why, with the applicant's own figures and the arithmetic.
    pub reason: Reason,
    /// What would change a not-eligible or undetermined result (boxed: most results have none).
    pub miss: Option<Box<Miss>>,
    /// Catalogue flags raised.
    pub flags: Vec<Flag>,
    /// The answered questions the rule read, in asking order: the facts this result
    /// rests on, which an application must be able to show. The text lists no
    /// documents (catalogue X6), so these, not an invented list, are what to prepare.
    pub evidence: Vec<Q>,
    /// The document the result was judged under, when it is a successor of the
    /// built-in plan (absent for the plan itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<&'static Basis>,
    /// The role the entry is claimed under, for a person with several roles
    /// (absent for one role): the one of them that gives the best result.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::catalogue::ApplicantType>,
    /// Questions that could change this result although it is decided without
    /// them (unanswered, they count as no, such as another certificate): the
    /// planner asks them once. Not part of the output.
    #[serde(skip)]
    pub also_ask: Vec<Q>,
}

impl EntryResult {
    /// The entry's name in one language, as the document that judged it words it.
    pub fn name_in(&self, lang: crate::text::Lang) -> &str {
        match &self.basis {
            Some(b) => b.name.get(lang),
            None => self.incentive.name_in(lang),
        }
    }

    /// The amount rule in one language, with the figures of the document that judged it.
    pub fn amount_rule_in(&self, lang: crate::text::Lang) -> &str {
        match (&self.basis, lang) {
            (Some(b), lang) => b.amount_rule.get(lang),
            (None, crate::text::Lang::Zh) => &self.incentive.amount_rule_zh,
            (None, crate::text::Lang::En) => &self.incentive.amount_rule_en,
        }
    }

    /// The result of an entry not open to the applicant: most of an
    /// evaluation's results, so it is made as it is, not by way of an outcome.
    pub(crate) fn not_applicable(incentive: &'static Entry) -> EntryResult {
        EntryResult {
            incentive,
            status: Status::NotApplicable,
            missing: Vec::new(),
            amount: Amount::None,
            cash: false,
            reason: incentive.audience().into(),
            miss: None,
            flags: Vec::new(),
            evidence: Vec::new(),
            basis: None,
            role: None,
            also_ask: Vec::new(),
        }
    }

    pub(crate) fn new(incentive: &'static Entry, o: crate::entries::Outcome, evidence: Vec<Q>) -> EntryResult {
        EntryResult {
            // Judged under a successor, the entry is as that document words it.
            incentive: o.worded.unwrap_or(incentive),
            status: o.status,
            missing: o.missing,
            amount: o.amount.normalized(),
            cash: o.cash,
            reason: o.reason,
            miss: o.miss,
            flags: o.flags,
            evidence,
            basis: o.basis,
            role: None,
            also_ask: o.also_ask,
        }
    }
}

/// How a result is read: what the applicant can do with it. Results are shown
/// in this order, so that what can be claimed comes first and only money is
/// counted as something to claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// Money to claim: a grant, a subsidy, or the surcharge credit.
    Money,
    /// Not decided yet: answers are missing, the annual notice or a successor
    /// decides, or a person must.
    Open,
    /// Support that is not money (accommodation, certification, publicity…).
    Support,
    /// What the text asks of the applicant.
    Obligation,
    /// What the plan announces, for the applicant's information.
    Information,
    /// Not eligible.
    No,
    /// Not for this applicant.
    NotApplicable,
}

impl Group {
    /// Every group, in the order results are shown.
    pub const ALL: [Group; 7] = [Group::Money, Group::Open, Group::Support, Group::Obligation, Group::Information, Group::No, Group::NotApplicable];

    /// The group's heading.
    pub fn title(self) -> StaticText {
        match self {
            Group::Money => crate::text::st("可申请的资金与税费抵免", "Money and tax credits you can claim"),
            Group::Open => crate::text::st("需进一步确认", "Still to be decided"),
            Group::Support => crate::text::st("可享受的非资金支持", "Non-cash support"),
            Group::Obligation => crate::text::st("适用于您的义务", "Obligations that apply to you"),
            Group::Information => crate::text::st("相关政策信息", "Related policy information"),
            Group::No => crate::text::st("不符合", "Not eligible"),
            Group::NotApplicable => crate::text::st("不适用", "Not for this type of applicant"),
        }
    }
}

/// Sums over the results.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Entries eligible (money, support and obligations alike).
    pub eligible: usize,
    /// Entries of money to claim: eligible grants, subsidies and the credit
    /// ([`Group::Money`]), the count to say as "can be claimed".
    pub money: usize,
    /// Entries a person must decide.
    pub manual_review: usize,
    /// Entries that cannot be determined yet.
    pub undetermined: usize,
    /// Entries not eligible.
    pub not_eligible: usize,
    /// Entries not for this applicant type.
    pub not_applicable: usize,
    /// Entries for the applicant's information ([`Status::Information`]):
    /// never counted as eligible.
    pub information: usize,
    /// The sum of exact cash amounts of eligible entries.
    pub cash_exact: Decimal,
    /// The lowest total cash of eligible entries: exact amounts, range minimums, and
    /// 0 for each "up to".
    pub cash_min: Decimal,
    /// The highest: exact amounts, range maximums and caps.
    pub cash_max: Decimal,
    /// Eligible cash entries whose amount the annual notice sets (not in the sums).
    pub cash_annual_notice: usize,
    /// The lowest total of the potential cash of results a person must decide or
    /// that cannot be determined yet (what this document would give).
    pub pending_cash_min: Decimal,
    /// The highest such total.
    pub pending_cash_max: Decimal,
}

/// The policy facts an evaluation reports with its results, borrowed from the
/// policy (which lives for the program): every evaluation reports them, and
/// copying them was three allocations each time.
#[derive(Clone, Debug, Serialize)]
pub struct PolicySummary {
    /// 文号.
    pub number: &'static str,
    /// The number as English text cites it ([`crate::Policy::number_en`]); not in the JSON.
    #[serde(skip)]
    pub number_en: &'static str,
    /// The rules version.
    pub rules_version: &'static str,
    /// The first day of validity.
    pub valid_from: Date,
    /// The last day of validity.
    pub valid_until: Date,
    /// The documents that follow the plan, from policy packs (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub successors: Vec<SuccessorSummary>,
}

/// A successor document, as an evaluation reports it.
#[derive(Clone, Debug, Serialize)]
pub struct SuccessorSummary {
    /// 文号.
    pub number: &'static str,
    /// Its title.
    pub title: &'static str,
    /// The first day it is in force.
    pub valid_from: Date,
    /// The last day of validity.
    pub valid_until: Date,
    /// An illustration, not a real policy.
    pub illustrative: bool,
    /// The pack it came from.
    pub pack_id: Option<&'static str>,
}

/// A whole evaluation: one result per catalogue entry, in catalogue order.
#[derive(Clone, Debug, Serialize)]
pub struct Evaluation {
    /// Which policy and rules produced this.
    pub policy: PolicySummary,
    /// The date the evaluation is made as of (the application date).
    pub evaluated_on: Date,
    /// The applicant type, once answered.
    pub applicant_type: Option<ApplicantType>,
    /// Every role of a person with several (absent for one role).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<ApplicantType>,
    /// One result per entry.
    pub results: Vec<EntryResult>,
    /// Sums.
    pub totals: Totals,
}

/// An evaluation of several years (an answers file with `years`): what is
/// decided once, each year's results, and the sums over all of them.
#[derive(Clone, Debug, Serialize)]
pub struct YearsEvaluation {
    /// Which policy and rules produced this.
    pub policy: PolicySummary,
    /// The date the evaluation is made as of (the application date).
    pub evaluated_on: Date,
    /// The applicant type, once answered.
    pub applicant_type: Option<ApplicantType>,
    /// Every role of a person with several (absent for one role).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<ApplicantType>,
    /// The entries whose result is the same whatever the year (a designation,
    /// a one-time award, a type the entry is not for), decided once from the
    /// facts of the last year.
    pub once: Vec<EntryResult>,
    /// The entries that rest on a year's facts, year by year.
    pub years: Vec<YearResults>,
    /// Years the answers give that are after the evaluation date: not
    /// evaluated (nothing of them has happened yet), and not in the totals
    /// (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub future: Vec<u16>,
    /// Sums over `once` and every year.
    pub totals: Totals,
}

impl YearsEvaluation {
    /// What to say of a year still to come.
    pub fn future_notice(year: u16, on: Date) -> Text {
        Text::new(
            format!("{year} 年度晚于评估日期 {on}，尚未发生，未作测算：该年度的事项发生后再测算和申报。"),
            format!(
                "{year} is after the evaluation date {on} and has not happened yet, so it was not evaluated: evaluate and claim it once its events have happened."
            ),
        )
    }
}

/// One year's results of the entries that rest on a year's facts.
#[derive(Clone, Debug, Serialize)]
pub struct YearResults {
    /// The year.
    pub year: u16,
    /// The results, in catalogue order.
    pub results: Vec<EntryResult>,
    /// Sums over this year's results.
    pub totals: Totals,
}

impl Totals {
    /// The totals in words, a line each: the eligible cash, the potential cash still
    /// to be decided (if any), and the entries whose amount the notice sets (if any).
    /// The CLI and the widget both show exactly these lines.
    pub fn describe(&self) -> Vec<Text> {
        let pending = |zh_sep: &str| match self.pending_cash_min == self.pending_cash_max {
            true => (yuan_zh(self.pending_cash_max), yuan_en(self.pending_cash_max)),
            false => (
                format!("{}{zh_sep}{}", group(self.pending_cash_min), yuan_zh(self.pending_cash_max)),
                format!("CNY {} to {}", group(self.pending_cash_min), group(self.pending_cash_max)),
            ),
        };
        // Nothing certain but something pending (as after the plan's expiry): lead with
        // what is pending, rather than with a total of 0.
        if self.cash_max.is_zero() && self.pending_cash_max > Decimal::ZERO {
            let (zh, en) = pending("～");
            // A credit that can be claimed is money too, though not cash: say where it is.
            let (credit_zh, credit_en) =
                if self.money > 0 { ("（可申请的税费抵免见下）", " (the tax credit you can claim is below)") } else { ("", "") };
            let mut lines = vec![Text::new(
                format!("暂无可确定申请的现金{credit_zh}；待确定或需人工认定的测算金额为 {zh}（未计入合计，以申报通知、后续政策或人工认定为准）"),
                format!(
                    "No cash can be claimed for certain yet{credit_en}; still to be decided: {en} (not in the total; the notice, a successor policy or a person decides)"
                ),
            )];
            if self.cash_annual_notice > 0 {
                lines.push(Text::new(
                    format!("另有 {} 项金额以年度申报通知为准，未计入合计。", self.cash_annual_notice),
                    match self.cash_annual_notice {
                        1 => "1 more has its amount set by the annual notice; it is not in the total.".to_owned(),
                        n => format!("{n} more have their amounts set by the annual notice; they are not in the total."),
                    },
                ));
            }
            return lines;
        }
        let mut lines = vec![if self.cash_max.is_zero() && self.pending_cash_max.is_zero() && self.cash_annual_notice == 0 {
            // No cash at all: say so, rather than a total of 0.
            Text::new("没有可申请的现金（其他支持与不符合的原因见下）", "No cash to claim (any other support, and why the rest do not apply, is below)")
        } else if self.cash_min == self.cash_max {
            Text::new(format!("可申请的现金合计：{}", yuan_zh(self.cash_exact)), format!("Cash you can claim: {}", yuan_en(self.cash_exact)))
        } else if self.cash_exact.is_zero() {
            // Nothing exact: say the range alone, so "0" is not read as the answer.
            Text::new(
                format!("可申请的现金合计：{}～{}（具体金额由责任单位核定）", group(self.cash_min), yuan_zh(self.cash_max)),
                format!("Cash you can claim: CNY {} to {} (the responsible unit sets the exact amount)", group(self.cash_min), group(self.cash_max)),
            )
        } else {
            Text::new(
                format!("可申请的现金合计：确定金额 {}；含区间与上限为 {}～{}", yuan_zh(self.cash_exact), group(self.cash_min), yuan_zh(self.cash_max)),
                format!(
                    "Cash you can claim: {} for certain; CNY {} to {} including ranges and ceilings",
                    yuan_en(self.cash_exact),
                    group(self.cash_min),
                    group(self.cash_max)
                ),
            )
        }];
        if self.pending_cash_max > Decimal::ZERO {
            lines.push(if self.pending_cash_min == self.pending_cash_max {
                Text::new(
                    format!("待确定或需人工认定的测算金额（未计入合计）：{}", yuan_zh(self.pending_cash_max)),
                    format!("Potential cash still to be decided (not in the total): {}", yuan_en(self.pending_cash_max)),
                )
            } else {
                Text::new(
                    format!("待确定或需人工认定的测算金额（未计入合计）：{}～{}", group(self.pending_cash_min), yuan_zh(self.pending_cash_max)),
                    format!("Potential cash still to be decided (not in the total): CNY {} to {}", group(self.pending_cash_min), group(self.pending_cash_max)),
                )
            });
        }
        if self.cash_annual_notice > 0 {
            lines.push(Text::new(
                format!("另有 {} 项金额以年度申报通知为准，未计入合计。", self.cash_annual_notice),
                match self.cash_annual_notice {
                    1 => "1 more has its amount set by the annual notice; it is not in the total.".to_owned(),
                    n => format!("{n} more have their amounts set by the annual notice; they are not in the total."),
                },
            ));
        }
        lines
    }

    pub(crate) fn of<'a>(results: impl IntoIterator<Item = &'a EntryResult>) -> Totals {
        let mut t = Totals::default();
        for r in results {
            if r.group() == Group::Money {
                t.money += 1;
            }
            match r.status {
                Status::Eligible => t.eligible += 1,
                Status::ManualReview => t.manual_review += 1,
                Status::Undetermined => t.undetermined += 1,
                Status::NotEligible => t.not_eligible += 1,
                Status::NotApplicable => t.not_applicable += 1,
                Status::Information => t.information += 1,
            }
            if !r.cash {
                continue;
            }
            if matches!(r.status, Status::ManualReview | Status::Undetermined) {
                if let Some((lo, hi)) = r.amount.cash_bounds() {
                    t.pending_cash_min += lo;
                    t.pending_cash_max += hi;
                }
                continue;
            }
            if r.status != Status::Eligible {
                continue;
            }
            if r.amount == Amount::AnnualNotice {
                t.cash_annual_notice += 1;
            } else if let Some((exact, lo, hi)) = r.eligible_cash() {
                t.cash_exact += exact.unwrap_or_default();
                t.cash_min += lo;
                t.cash_max += hi;
            }
        }
        // Sums of whole yuan stay whole: 1,500 is written "1500", not "1500.0".
        for sum in [&mut t.cash_exact, &mut t.cash_min, &mut t.cash_max, &mut t.pending_cash_min, &mut t.pending_cash_max] {
            *sum = sum.normalize();
        }
        t
    }
}

/// An amount written as its code (see [`Amount::code`]).
struct Coded<'a>(&'a Amount);

/// A number of a code, or nothing where the amount has none (`in-kind:`, `obligation:-`).
struct Maybe<'a>(&'a Option<Decimal>);

impl std::fmt::Display for Maybe<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(d) => write!(f, "{}", d.normalize()),
            None => Ok(()),
        }
    }
}

impl std::fmt::Display for Coded<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Amount::None => f.write_str("none"),
            Amount::Exact { yuan } => write!(f, "exact:{}", yuan.normalize()),
            Amount::Range { min, max } => write!(f, "range:{}-{}", min.normalize(), max.normalize()),
            Amount::UpTo { cap } => write!(f, "up-to:{}", cap.normalize()),
            Amount::AnnualNotice => f.write_str("annual-notice"),
            Amount::InKind { quantity, .. } => write!(f, "in-kind:{}", Maybe(quantity)),
            Amount::Obligation { min, max, .. } => write!(f, "obligation:{}-{}", Maybe(min), Maybe(max)),
            Amount::Credit(c) => write!(f, "credit:{}/{}", c.used.normalize(), c.carried_forward.normalize()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_internship_place_is_singular_in_english() {
        static UNIT: StaticText = StaticText { zh: "个实习岗位", en: "internship places" };
        let unit = &UNIT;
        let one = Amount::Obligation { min: Some(Decimal::ONE), max: Some(Decimal::ONE), unit };
        assert_eq!(one.describe().en, "1 internship place");
        let two = Amount::Obligation { min: Some(Decimal::TWO), max: Some(Decimal::TWO), unit };
        assert_eq!(two.describe().en, "2 internship places");
    }
}
