//! The widget's state: plain data and one reducer. Every decision (what to ask,
//! whether an answer is valid, what the applicant is eligible for) is a call
//! into `chanjiao-rules`; this module only remembers where the user is.

use std::collections::BTreeMap;
use std::rc::Rc;

use chanjiao_rules::cohorts::{self, Cohort};
use chanjiao_rules::{
    Answers, Applicant, ApplicantType, Date, EntryResult, Evaluation, Lang, Params, Q, Question, Section, Text, YearsEvaluation, evaluate_with,
    evaluate_years_with, plan_with, year_answers_with,
};
use yew::Reducible;

/// The most further groups of hires one page takes.
pub const MAX_COHORTS: usize = 20;

/// Where the user is in the flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Page {
    /// What this is, the policy's validity, privacy; resume or start.
    Start,
    /// One topic's questions.
    Questions(Section),
    /// One year's facts, for answers of several years.
    Year(u16),
    /// Check your answers, with change links.
    Check,
    /// The results.
    Results,
    /// The application forms: who is applying, which forms, and making the PDF.
    Apply,
}

/// Where making a PDF stands.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum PdfStatus {
    /// Nothing asked yet.
    #[default]
    Idle,
    /// Fetching the forms module and the font: bytes received of the font's total
    /// (0 when the server does not say).
    Loading {
        /// Bytes received.
        received: f64,
        /// Bytes in all, or 0 when unknown.
        total: f64,
    },
    /// Writing the PDF.
    Rendering,
    /// Done: the file was offered for download.
    Done {
        /// Its name.
        file_name: String,
        /// Its pages.
        pages: u32,
        /// Characters the font lacks, drawn as □.
        missing: String,
    },
    /// It failed: why, in both languages, and whether trying again can help
    /// (not when the site serves the wrong files).
    Failed(Text, bool),
}

/// A message about one applicant field (by its key, e.g. `id_number`).
#[derive(Clone, Debug, PartialEq)]
pub struct ApplicantError {
    /// The field's key.
    pub field: &'static str,
    /// What is wrong.
    pub message: Text,
}

/// A message about one field, shown in the error summary and beside the field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The question.
    pub q: Q,
    /// What is wrong, in both languages.
    pub message: Text,
}

/// Why the user sees a notice on the start page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A saved draft could not be read (damaged, or from older rules); the user starts afresh.
    DraftUnreadable,
    /// Imported answers could not be read.
    ImportFailed,
    /// Answers were imported.
    Imported,
    /// Everything saved in this browser was cleared.
    Cleared,
    /// The answers were dropped to start again.
    Restarted,
}

/// What is saved in this browser as the user types: the answers as typed and the
/// applicant block. Only ever in local storage; never sent anywhere.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// What the user typed, per question.
    pub raw: BTreeMap<Q, String>,
    /// What the user typed for each year, for answers of several years.
    pub years: BTreeMap<u16, BTreeMap<Q, String>>,
    /// The applicant block of the forms.
    pub applicant: Applicant,
    /// What the user typed for questions the plan does not have, by id: a
    /// policy pack's, which the first screen cannot name. The whole widget
    /// names them under its policy when it starts ([`State::new`]).
    pub unknown: Vec<(String, String)>,
    /// Further groups of graduates hired, as typed ([`State::cohorts`]).
    pub cohorts: Vec<(String, String)>,
}

impl Draft {
    /// The draft with its pack questions named under `params`; an id the
    /// policy does not ask (a pack no longer loaded) is left out.
    fn under(mut self, params: &'static Params) -> Draft {
        for (id, text) in std::mem::take(&mut self.unknown) {
            if let Some(q) = params.question(&id) {
                self.raw.insert(q, text);
            }
        }
        self
    }

    /// True when there is nothing to keep.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty() && self.unknown.is_empty() && self.years.is_empty() && self.cohorts.is_empty() && self.applicant == Applicant::default()
    }
}

/// The policy the widget evaluates under: the built-in plan, or the plan and
/// the policy pack the host added. Two are equal when they are the same value.
#[derive(Clone, Copy, Debug)]
pub struct PolicyRef(pub &'static Params);

impl PartialEq for PolicyRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl std::ops::Deref for PolicyRef {
    type Target = Params;
    fn deref(&self) -> &Params {
        self.0
    }
}

/// Everything the widget shows, and nothing it does not need.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The policy evaluated under.
    pub params: PolicyRef,
    /// The language shown.
    pub lang: Lang,
    /// The evaluation date: the application date, today unless the host overrides it.
    pub on: Date,
    /// The applicant types the host offers (all seven by default).
    pub offered: Vec<ApplicantType>,
    /// The page shown.
    pub page: Page,
    /// Pages visited before this one, for Back.
    pub history: Vec<Page>,
    /// Pages left by Back, for Forward (the browser's forward button); a new
    /// page forgets them.
    pub forward: Vec<Page>,
    /// What the user typed, per question, kept even when it is not valid.
    pub raw: BTreeMap<Q, String>,
    /// What the user typed for each year, once the answers give several years.
    pub years_raw: BTreeMap<u16, BTreeMap<Q, String>>,
    /// The answers that passed their question's rule.
    pub answers: Answers,
    /// Errors on the current page, in the order of its fields.
    pub errors: Vec<FieldError>,
    /// Further groups of graduates hired (count and start date, as typed),
    /// beyond the one the hiring questions hold. On Continue each group goes to
    /// the year it started in ([`chanjiao_rules::cohorts`]), and the list empties.
    pub cohorts: Vec<(String, String)>,
    /// What is wrong with the groups, by row (`None` for the groups as a
    /// whole) and by part (true for the date).
    pub cohort_errors: Vec<(Option<usize>, bool, Text)>,
    /// A group row to take the focus (a row just added), on the page shown
    /// when `focus_page` had this value.
    pub focus_cohort: Option<(u32, usize)>,
    /// The questions of the current page in the order they appeared, so that a
    /// field an answer reveals comes after the field that revealed it.
    pub shown_order: Vec<Q>,
    /// Questions an answer on this page has just revealed, still unanswered:
    /// Enter pressed in the field that revealed them moves the focus to the
    /// first, rather than calling it unanswered.
    pub revealed: Vec<Q>,
    /// A saved draft, offered on the start page.
    pub draft: Option<Draft>,
    /// A notice for the start page.
    pub notice: Option<Notice>,
    /// Bumped whenever the error summary should take focus.
    pub focus_errors: u32,
    /// Bumped whenever a new page should take focus at its heading.
    pub focus_page: u32,
    /// A field to take the focus instead of the heading, on the page shown when
    /// `focus_page` had this value (a "Change" link goes to the answer itself).
    pub focus_field: Option<(u32, Q)>,
    /// The applicant block of the forms, as typed (saved with the draft, in this browser only).
    pub applicant: Applicant,
    /// The forms chosen, by key ([`form_key`]: the code, and for answers of
    /// several years the year before it).
    pub forms: Vec<String>,
    /// What became of the last change to the years, said on the check page:
    /// a year removed (a status), or a year that could not be added (an alert).
    pub year_notice: Option<(bool, Text)>,
    /// A problem of the answers as a whole (a date outside its year, a balance a
    /// year cannot open with), said on the check page with the page that holds
    /// the field it names, if any; results wait until it is fixed.
    pub check_error: Option<(Text, Option<Page>)>,
    /// What the rules say is wrong with answers just imported, though they were read.
    pub import_problem: Option<Text>,
    /// Problems with the applicant block, in the order of its fields.
    pub applicant_errors: Vec<ApplicantError>,
    /// Making the PDF.
    pub pdf: PdfStatus,
    /// Bumped to ask the root component to make the PDF.
    pub pdf_request: u32,
    /// What "start again" or "clear" dropped, kept in memory (never saved)
    /// until the user undoes it, goes on, or leaves the page.
    pub undo: Option<Box<State>>,
}

/// Where the interview stands, for "step n of m".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// This page's step, from 1.
    pub step: usize,
    /// The steps in all, once the applicant's type is known.
    pub total: Option<usize>,
    /// False while `total` is an upper bound that answers may lower.
    pub exact: bool,
}

/// What can happen.
#[derive(Clone, Debug)]
pub enum Action {
    /// Switch language.
    SetLang(Lang),
    /// Start (or restart) filling in, from the start page.
    Start,
    /// Resume the saved draft.
    Resume,
    /// The user typed or chose something.
    Edit(Q, String),
    /// Continue from the current page.
    Continue,
    /// Go back one page, keeping every answer.
    Back,
    /// Go forward again to a page left by Back.
    Forward,
    /// Change the answers of one topic (from the check page).
    Change(Section),
    /// Change one answer (from the check page): its page, with the focus on it;
    /// for a fact of a year, that year's page.
    ChangeAnswer(Q, Option<u16>),
    /// Change the facts of one year (from the check page).
    ChangeYear(u16),
    /// Add a year after the last: the answers given so far become the facts of
    /// `current` (unless years are already given), and `added` is asked next.
    AddYear {
        /// The year the answers so far belong to.
        current: u16,
        /// The year to add.
        added: u16,
    },
    /// Remove a year and its facts.
    RemoveYear(u16),
    /// Add a row for another group of graduates hired.
    AddCohort,
    /// The user typed in a group's row: the row, the part (true for the
    /// start date, false for the count) and the text.
    EditCohort(usize, bool, String),
    /// Remove a group's row.
    RemoveCohort(usize),
    /// Forget everything: answers, draft, page.
    Clear,
    /// Start again with no answers, at the first question.
    Restart,
    /// Answers from an imported file, parsed by the browser; `None` if it was not JSON.
    Import(Option<serde_json::Value>),
    /// Open the forms page with one form chosen, or every form offered; for
    /// answers of several years, the forms of the year given (the last if none).
    Apply(Option<u16>, Option<String>),
    /// The user typed in an applicant field (by its key).
    EditApplicant(&'static str, String),
    /// Choose or drop a form.
    ToggleForm(String),
    /// Make the PDF of the chosen forms.
    MakePdf,
    /// Bring back what "start again" or "clear" dropped.
    Undo,
    /// The forms module or the font is arriving.
    PdfProgress(f64, f64),
    /// The module and font are here; the PDF is being written.
    PdfRendering,
    /// The PDF was made and offered for download.
    PdfDone {
        /// Its file name.
        file_name: String,
        /// Its pages.
        pages: u32,
        /// Characters drawn as □.
        missing: String,
    },
    /// Making the PDF failed: why, and whether trying again can help.
    PdfFailed(Text, bool),
}

impl State {
    /// A fresh state.
    pub fn new(params: &'static Params, lang: Lang, on: Date, offered: Vec<ApplicantType>, draft: Option<Draft>, notice: Option<Notice>) -> State {
        let offered = if offered.is_empty() { ApplicantType::ALL.to_vec() } else { offered };
        let mut state = State {
            params: PolicyRef(params),
            lang,
            on,
            offered,
            page: Page::Start,
            history: Vec::new(),
            forward: Vec::new(),
            raw: BTreeMap::new(),
            years_raw: BTreeMap::new(),
            answers: Answers::new(),
            errors: Vec::new(),
            cohorts: Vec::new(),
            cohort_errors: Vec::new(),
            focus_cohort: None,
            shown_order: Vec::new(),
            revealed: Vec::new(),
            draft: draft.map(|d| d.under(params)).filter(|d| !d.is_empty()),
            notice,
            focus_errors: 0,
            focus_page: 0,
            focus_field: None,
            applicant: Applicant::default(),
            forms: Vec::new(),
            year_notice: None,
            check_error: None,
            import_problem: None,
            applicant_errors: Vec::new(),
            pdf: PdfStatus::Idle,
            pdf_request: 0,
            undo: None,
        };
        // A host that offers a single type has already answered the first question.
        if let [only] = state.offered.as_slice() {
            state.set(Q::ApplicantType, only.code().to_owned());
        }
        state
    }

    /// Records what the user typed and, if it passes its rule, the answer.
    fn set(&mut self, q: Q, text: String) {
        let mut checked = self.answers.clone();
        match checked.set_text(q, &text) {
            Ok(()) => self.answers = checked,
            // An invalid answer leaves the last valid one out, so nothing downstream uses it.
            Err(_) => self.answers.clear(q),
        }
        if text.trim().is_empty() {
            self.raw.remove(&q);
        } else {
            self.raw.insert(q, text);
        }
    }

    /// Records what the user typed for one year and, if it passes its rule, the answer.
    fn set_year(&mut self, year: u16, q: Q, text: String) {
        let mut checked = self.answers.clone();
        match checked.set_in_year(year, q, &text) {
            Ok(()) => self.answers = checked,
            Err(_) => {
                let _ = self.answers.set_in_year(year, q, "");
            }
        }
        let own = self.years_raw.entry(year).or_default();
        if text.trim().is_empty() {
            own.remove(&q);
        } else {
            own.insert(q, text);
        }
    }

    /// The answers again from what was typed: after years are added or removed.
    fn rebuild(&mut self) {
        self.answers = Answers::new();
        for (q, text) in self.raw.clone() {
            self.set(q, text);
        }
        for (year, own) in self.years_raw.clone() {
            let _ = self.answers.add_year(year);
            for (q, text) in own {
                self.set_year(year, q, text);
            }
        }
    }

    /// The questions the planner still needs, in asking order (for answers of
    /// several years, those not of a year).
    pub fn planned(&self) -> Vec<&'static Question> {
        plan_with(self.params.0, &self.answers, self.on).map(|p| p.questions).unwrap_or_default()
    }

    /// The facts of one year the planner still needs, in asking order.
    pub fn planned_in_year(&self, year: u16) -> Vec<&'static Question> {
        let plan = plan_with(self.params.0, &self.answers, self.on).map(|p| p.years).unwrap_or_default();
        plan.into_iter().find(|y| y.year == year).map(|y| y.questions).unwrap_or_default()
    }

    /// Every question the policy may ask, in asking order: the plan's and its packs'.
    pub fn questions(&self) -> Vec<&'static Question> {
        chanjiao_rules::questions_under(self.params.0)
    }

    /// The facts shown on a year's page: those still needed, and those already
    /// given for it.
    pub fn questions_in_year(&self, year: u16) -> Vec<&'static Question> {
        let planned = self.planned_in_year(year);
        let typed = self.years_raw.get(&year);
        chanjiao_rules::questions::all().iter().filter(|q| planned.iter().any(|p| p.q == q.q) || typed.is_some_and(|t| t.contains_key(&q.q))).collect()
    }

    /// The first year with facts still needed.
    fn next_year(&self) -> Option<u16> {
        let plan = plan_with(self.params.0, &self.answers, self.on).map(|p| p.years).unwrap_or_default();
        plan.into_iter().find(|y| !y.questions.is_empty()).map(|y| y.year)
    }

    /// The year the answers so far are most likely for, offered when a second
    /// year is added: the year of the investment or claim, else of a dated
    /// fact of a year, else the evaluation year.
    pub fn likely_year(&self) -> u16 {
        self.year_of_facts(None).unwrap_or(self.on.year())
    }

    /// The year the facts given say they are for, leaving out one question's
    /// date (`except`): the year of the investment or claim, else of a dated
    /// fact of a year.
    fn year_of_facts(&self, except: Option<Q>) -> Option<u16> {
        let stated = [Q::B1InvestmentYear, Q::ClaimYear].into_iter().find_map(|q| self.answers.year(q));
        let dated = || chanjiao_rules::questions::YEARLY.iter().filter(|q| Some(**q) != except).find_map(|q| self.answers.date(*q)).map(|d| d.year());
        stated.or_else(dated)
    }

    /// The years that may be added after `current` (the year the answers so far
    /// are for, until years are given): after the last year, up to the
    /// evaluation year, so the first year opens with the balance given at the top.
    pub fn addable_years(&self, current: u16) -> Vec<u16> {
        let last = self.answers.years().last().unwrap_or(current);
        (last + 1..=self.on.year()).collect()
    }

    /// True when another year could be added: the applicant claims year by year
    /// (an enterprise, a school or organisation, a worker with certificates)
    /// and has given facts of a year.
    pub fn can_add_years(&self) -> bool {
        let yearly =
            |t: &ApplicantType| matches!(t, ApplicantType::Enterprise | ApplicantType::VocationalSchool | ApplicantType::Organisation | ApplicantType::Worker);
        self.answers.roles().iter().any(yearly)
            && (self.answers.has_years() || chanjiao_rules::questions::YEARLY.iter().any(|q| self.answers.get(*q).is_some()))
    }

    /// The years the answers so far may be for: from the first year a credit
    /// could be claimed in (财税〔2019〕46号) to the evaluation year.
    pub fn year_choices(&self) -> std::ops::RangeInclusive<u16> {
        let first = self.params.ledger_since().year().min(self.params.policy.issued.year());
        first..=self.on.year()
    }

    /// The facts of a year typed so far whose date is not in `year`, by label and date.
    fn dated_outside(&self, year: u16) -> Option<Text> {
        let (q, d) = chanjiao_rules::questions::YEARLY.iter().find_map(|q| Some((*q, self.answers.date(*q).filter(|d| d.year() != year)?)))?;
        let label = q.def().label;
        Some(Text::new(
            format!("无法把以上回答作为 {year} 年度：“{}”为 {d}，不在 {year} 年度内。请改正日期，或另选年度。", label.zh),
            format!("The answers above cannot be for {year}: \"{}\" is {d}, not in {year}. Correct the date, or choose another year.", label.en),
        ))
    }

    /// The facts of a year given so far become the facts of `current`, which
    /// now answers the questions a year answers: the answers turn into answers
    /// of several years.
    fn split_into_years(&mut self, current: u16) {
        let of_year: Vec<Q> = self.raw.keys().copied().filter(|q| chanjiao_rules::questions::YEARLY.contains(q)).collect();
        let own = self.years_raw.entry(current).or_default();
        for q in of_year {
            if let Some(text) = self.raw.remove(&q) {
                own.insert(q, text);
            }
        }
        for q in chanjiao_rules::questions::YEAR_KEYS {
            self.raw.remove(q);
        }
    }

    /// The facts of a year given so far become answers of several years, each
    /// topic's facts going to the year of its date (an apprenticeship completed
    /// in 2025 is 2025's), the others (and the graduates, whom their groups
    /// place) to `current`. The topics placed in another year, with it.
    fn split_by_dates(&mut self, current: u16) -> Vec<(Section, u16)> {
        let range = self.year_choices();
        let year_of = |s: Section| {
            chanjiao_rules::questions::YEARLY
                .iter()
                .filter(|q| q.section() == s && **q != Q::GraduatesHiredOn)
                .find_map(|q| self.answers.date(*q))
                .map(|d| d.year())
                .filter(|y| range.contains(y))
                .unwrap_or(current)
        };
        let of_year: Vec<(Q, u16)> =
            self.raw.keys().copied().filter(|q| chanjiao_rules::questions::YEARLY.contains(q)).map(|q| (q, year_of(q.section()))).collect();
        let mut placed: Vec<(Section, u16)> = Vec::new();
        for (q, year) in of_year {
            if let Some(text) = self.raw.remove(&q) {
                self.years_raw.entry(year).or_default().insert(q, text);
            }
            if year != current && !placed.contains(&(q.section(), year)) {
                placed.push((q.section(), year));
            }
        }
        self.years_raw.entry(current).or_default();
        for q in chanjiao_rules::questions::YEAR_KEYS {
            self.raw.remove(q);
        }
        placed
    }

    /// Reads the further groups of hires typed on the page shown, noting what
    /// is wrong with each; the groups when all are right. Rows left empty are
    /// passed over, and rows the page does not show (no hire given) wait.
    fn check_cohorts(&mut self) -> Option<Vec<Cohort>> {
        self.cohort_errors.clear();
        if !self.on_page().contains(&Q::GraduatesHiredOn) {
            return Some(Vec::new());
        }
        let mut rows = Vec::new();
        for (i, (count, date)) in self.cohorts.iter().enumerate() {
            if count.trim().is_empty() && date.trim().is_empty() {
                continue;
            }
            match Cohort::read(count, date) {
                Ok(c) => rows.push(c),
                Err(errors) => {
                    for e in errors {
                        self.cohort_errors.push((Some(i), e.field.as_deref() == Some(Q::GraduatesHiredOn.id()), e.message));
                    }
                }
            }
        }
        self.cohort_errors.is_empty().then_some(rows)
    }

    /// Puts the hires of the page shown (its own count and date, and the
    /// further groups `rows`) in the years they started in, as the rules
    /// place them: one year's groups add up, dated by the earliest; groups of
    /// another year go to that year (added to what it holds), turning answers
    /// of one year into answers of several. What became of them, said to the
    /// user, or why they cannot be placed.
    fn fold_cohorts(&mut self, rows: Vec<Cohort>) -> Result<Option<Text>, Text> {
        let page_year = match self.page {
            Page::Year(y) => Some(y),
            _ => None,
        };
        let typed = |q: Q| self.page_raw().get(&q).cloned().unwrap_or_default();
        let Ok(own) = Cohort::read(&typed(Q::GraduatesHired), &typed(Q::GraduatesHiredOn)) else { return Ok(None) };
        // A hire of another year typed on a year's page goes there too.
        if rows.is_empty() && page_year.is_none_or(|y| own.hired_on.year() == y) {
            return Ok(None);
        }
        let groups = cohorts::by_year(&std::iter::once(own).chain(rows.iter().copied()).collect::<Vec<_>>());
        let first = groups.keys().next().copied().unwrap_or(own.hired_on.year());
        let current = match page_year {
            Some(y) => y,
            None if groups.len() == 1 => {
                let all = groups[&first];
                self.set(Q::GraduatesHired, all.count.to_string());
                self.set(Q::GraduatesHiredOn, all.hired_on.to_string());
                self.cohorts.clear();
                return Ok(Some(Text::new(
                    format!("{} 批合计 {} 人，均在 {first} 年入职，按最早的入职日期 {} 测算。", rows.len() + 1, all.count, all.hired_on),
                    format!(
                        "The {} groups add up to {} graduates, all hired in {first}; the earliest start date, {}, is used.",
                        rows.len() + 1,
                        all.count,
                        all.hired_on
                    ),
                )));
            }
            None => self.year_of_facts(Some(Q::GraduatesHiredOn)).unwrap_or(first),
        };
        let range = self.year_choices();
        if let Some(y) = groups.keys().find(|y| !range.contains(y)) {
            return Err(Text::new(
                format!("{y} 年入职的毕业生无法记入年度：可测算的年度为 {}–{} 年。请核对入职日期。", range.start(), range.end()),
                format!(
                    "Graduates who started in {y} cannot be given a year: the years that can be worked out are {} to {}. Check the start date.",
                    range.start(),
                    range.end()
                ),
            ));
        }
        let mut placed = Vec::new();
        if page_year.is_none() {
            placed = self.split_by_dates(current);
        }
        let became_years = page_year.is_none();
        for (year, group) in &groups {
            let held = self.years_raw.entry(*year).or_default();
            let mut all = *group;
            if *year != current
                && let Ok(before) =
                    Cohort::read(held.get(&Q::GraduatesHired).map_or("", String::as_str), held.get(&Q::GraduatesHiredOn).map_or("", String::as_str))
            {
                all = cohorts::by_year(&[before, all])[year];
            }
            held.insert(Q::GraduatesHired, all.count.to_string());
            held.insert(Q::GraduatesHiredOn, all.hired_on.to_string());
        }
        if !groups.contains_key(&current) {
            let held = self.years_raw.entry(current).or_default();
            held.insert(Q::GraduatesHired, "0".to_owned());
            held.remove(&Q::GraduatesHiredOn);
        }
        self.cohorts.clear();
        self.rebuild();
        if became_years {
            // The topic pages whose facts are now the year's leave the pages
            // behind, and the page shown becomes that year's page, so Back
            // leads to where those facts now are and the steps count the
            // pages as they now are.
            let planned = self.planned();
            let empty: Vec<Page> =
                self.history.iter().filter(|p| matches!(p, Page::Questions(s) if self.questions_in_plan(*s, &planned).is_empty())).copied().collect();
            self.history.retain(|p| !empty.contains(p));
            self.page = Page::Year(current);
        }
        let count = |y: &u16| self.years_raw.get(y).and_then(|h| h.get(&Q::GraduatesHired)).cloned().unwrap_or_default();
        let (zh, en): (Vec<String>, Vec<String>) = groups.keys().map(|y| (format!("{y} 年度 {} 人", count(y)), format!("{} in {y}", count(y)))).unzip();
        let (mut more_zh, mut more_en) = (String::new(), String::new());
        if became_years {
            let elsewhere: Vec<(String, String)> = placed
                .iter()
                .map(|(section, year)| (format!("“{}”记入 {year} 年度", section.title().zh), format!("{} goes to {year}", section.title().en)))
                .collect();
            let (ez, ee): (Vec<String>, Vec<String>) = elsewhere.into_iter().unzip();
            more_zh = format!(
                "您已填写的其他当年情况记入 {current} 年度{}，各年度分开测算，步骤数随之调整。",
                if ez.is_empty() { String::new() } else { format!("（按日期，{}）", ez.join("，")) }
            );
            more_en = format!(
                " The other facts of a year you gave now belong to {current}{}; each year is worked out on its own, so the step count has changed.",
                if ee.is_empty() { String::new() } else { format!(" (by their dates, {})", ee.join(", ")) }
            );
        }
        Ok(Some(Text::new(
            format!("每批毕业生已按入职日期记入各自年度：{}。{more_zh}", zh.join("，")),
            format!("Each group of graduates now counts in the year it started: {}.{more_en}", en.join(", ")),
        )))
    }

    /// Removes the last year; false (and nothing changed) if `year` is not the
    /// last. With `undo` (a year just added, left empty, and gone back from),
    /// one year left makes the answers one year's again, as before the year was
    /// added. A year removed on purpose leaves the others years, even one: its
    /// facts keep their year, and the page its way to add another.
    fn remove_last_year(&mut self, year: u16, undo: bool) -> bool {
        if self.years_raw.keys().last() != Some(&year) || (!undo && self.years_raw.len() < 2) {
            return false;
        }
        self.years_raw.remove(&year);
        self.history.retain(|p| *p != Page::Year(year));
        if undo
            && self.years_raw.len() == 1
            && let Some((only, typed)) = self.years_raw.pop_first()
        {
            self.raw.extend(typed);
            for q in chanjiao_rules::questions::YEAR_KEYS {
                if self.answers.asks(*q) {
                    self.raw.insert(*q, only.to_string());
                }
            }
            self.history.retain(|p| *p != Page::Year(only));
        }
        self.rebuild();
        true
    }

    /// The questions shown on a topic's page: those still needed, and those already
    /// answered there (so that going back shows them), for this applicant type.
    pub fn questions_in(&self, section: Section) -> Vec<&'static Question> {
        self.questions_in_plan(section, &self.planned())
    }

    fn questions_in_plan(&self, section: Section, planned: &[&'static Question]) -> Vec<&'static Question> {
        let typed = self.answers.applicant_type().is_some();
        // On the page being answered, a question of a topic already finished that an
        // answer here made necessary is asked here, after its trigger, rather than
        // sending the user back to that topic.
        let here = self.page == Page::Questions(section);
        let finished = self.finished_sections();
        let late = |q: &Question| {
            here && finished.contains(&q.q.section()) && (planned.iter().any(|p| p.q == q.q) || (self.shown_order.contains(&q.q) && self.answers.asks(q.q)))
        };
        self.questions()
            .into_iter()
            .filter(|q| {
                (q.q.section() == section && (planned.iter().any(|p| p.q == q.q) || (self.raw.contains_key(&q.q) && (!typed || self.answers.asks(q.q)))))
                    || late(q)
            })
            .collect()
    }

    /// The topics whose page the user has finished: those in the pages behind,
    /// but for the one shown now.
    pub fn finished_sections(&self) -> Vec<Section> {
        self.history
            .iter()
            .filter_map(|p| match p {
                Page::Questions(s) if *p != self.page => Some(*s),
                _ => None,
            })
            .collect()
    }

    /// The next topic with questions still needed, or `None` when everything is
    /// decided. A topic is not returned to once finished (its questions that
    /// become necessary are asked on the page that made them so); only when no
    /// topic page is open (from a year's page) does a finished topic come back.
    pub fn next_section(&self) -> Option<Section> {
        let planned = self.planned();
        let finished = self.finished_sections();
        let current = match self.page {
            Page::Questions(s) => Some(s),
            _ => None,
        };
        planned
            .iter()
            .map(|q| q.q.section())
            .find(|s| !finished.contains(s) && Some(*s) != current)
            .or_else(|| current.is_none().then(|| planned.first().map(|q| q.q.section())).flatten())
    }

    /// The evaluation of answers of several years.
    pub fn years_evaluation(&self) -> Option<YearsEvaluation> {
        evaluate_years_with(self.params.0, &self.answers, self.on).ok()
    }

    /// The answers the forms of `year` are made from: the answers, or for
    /// several years that year's (its balance carried in).
    pub fn form_answers(&self, year: Option<u16>) -> Option<Answers> {
        let Some(year) = year.filter(|_| self.answers.has_years()) else { return Some(self.answers.clone()) };
        let years = year_answers_with(self.params.0, &self.answers, self.on).ok()?;
        years.into_iter().find(|(y, _)| *y == year).map(|(_, a)| a)
    }

    /// The pages of the interview behind and at this one, each once, in the
    /// order first met: the topics visited that still ask something (a topic an
    /// answer made unnecessary drops out), the years still given, and the page
    /// shown. A page returned to from the check page keeps its first place.
    fn path(&self, planned: &[&'static Question]) -> Vec<Page> {
        let mut path: Vec<Page> = Vec::new();
        for page in self.history.iter().chain(std::iter::once(&self.page)) {
            let keep = match page {
                Page::Questions(s) => *page == self.page || !self.questions_in_plan(*s, planned).is_empty(),
                Page::Year(y) => self.years_raw.contains_key(y),
                _ => false,
            };
            if keep && !path.contains(page) {
                path.push(*page);
            }
        }
        path
    }

    /// The pages still to come after those of `path`, but for the check page and
    /// the results: the topics not yet visited that this applicant's roles can
    /// reach (an upper bound, since an answer may make a topic unnecessary), and
    /// the years with facts still needed; `exact` when the planner says that is all.
    fn pages_ahead(&self, path: &[Page], plan: Option<&chanjiao_rules::Plan>) -> (usize, bool) {
        let planned: Vec<Section> = plan.map(|p| p.questions.iter().map(|q| q.q.section()).collect()).unwrap_or_default();
        let mut reachable: Vec<Section> = self
            .questions()
            .into_iter()
            .filter(|q| {
                self.answers.asks(q.q)
                    && !chanjiao_rules::questions::FILE_ONLY.contains(&q.q)
                    && !path.contains(&Page::Questions(q.q.section()))
                    && !self.history.contains(&Page::Questions(q.q.section()))
            })
            .map(|q| q.q.section())
            .collect();
        reachable.dedup();
        // With nothing still open on this page, only a changed answer could open
        // a topic the planner does not need: the count is the planner's, exact.
        let open_here = match self.page {
            Page::Questions(section) => planned.contains(&section),
            Page::Year(year) => plan.is_some_and(|p| p.years.iter().any(|y| y.year == year && !y.questions.is_empty())),
            _ => false,
        };
        if plan.is_some() && !open_here {
            reachable.retain(|s| planned.contains(s));
        }
        let years = plan.map_or(0, |p| p.years.iter().filter(|y| !path.contains(&Page::Year(y.year)) && !y.questions.is_empty()).count());
        let exact = reachable.iter().all(|s| planned.contains(s));
        (reachable.len() + years, exact)
    }

    /// Where the interview stands: this page's step and, once the applicant's type
    /// is known, the steps in all (the check page and the results included).
    /// The step is the page's place in the interview, not the count of pages
    /// walked, so an edit, an import or a year removed leaves it exact. Until the
    /// planner can say, the total is an upper bound ("about"), so it never
    /// grows: it only shrinks when an answer makes a topic unnecessary.
    pub fn progress(&self) -> Progress {
        // One plan for the whole count: each use of it evaluates every entry.
        let plan = plan_with(self.params.0, &self.answers, self.on).ok();
        let path = self.path(plan.as_ref().map_or(&[], |p| p.questions.as_slice()));
        let (step, after) = match self.page {
            Page::Questions(_) | Page::Year(_) => (path.iter().position(|p| *p == self.page).unwrap_or(path.len()) + 1, 2),
            Page::Check => (path.len() + 1, 1),
            Page::Results | Page::Apply => (path.len() + 2, 0),
            Page::Start => (1, 0),
        };
        if self.answers.applicant_type().is_none() {
            return Progress { step, total: None, exact: false };
        }
        let (ahead, exact) = match self.page {
            Page::Questions(_) | Page::Year(_) => self.pages_ahead(&path, plan.as_ref()),
            _ => (0, true),
        };
        // The pages after this one in the path, then those still to come.
        let behind_and_here = path.iter().position(|p| *p == self.page).map_or(step, |i| i + 1);
        let later_in_path = path.len().saturating_sub(behind_and_here);
        Progress { step, total: Some(step + later_in_path + ahead + after), exact }
    }

    /// What to save in this browser now.
    pub fn to_draft(&self) -> Draft {
        Draft { raw: self.raw.clone(), years: self.years_raw.clone(), applicant: self.applicant.clone(), unknown: Vec::new(), cohorts: self.cohorts.clone() }
    }

    /// Every form the results offer, as the results page lists them: for
    /// answers of several years, each year's (what is decided once with the
    /// last year's), each with the year it is for; in catalogue order.
    pub fn offered(&self) -> Vec<(Option<u16>, EntryResult)> {
        if !self.answers.has_years() {
            return self.evaluation().map(|e| e.results.into_iter().filter(EntryResult::offers_form).map(|r| (None, r)).collect()).unwrap_or_default();
        }
        let Some(e) = self.years_evaluation() else { return Vec::new() };
        let last = e.years.last().map(|y| y.year);
        let mut out: Vec<(Option<u16>, EntryResult)> =
            e.years.into_iter().flat_map(|y| y.results.into_iter().filter(EntryResult::offers_form).map(move |r| (Some(y.year), r))).collect();
        out.extend(e.once.into_iter().filter(EntryResult::offers_form).map(|r| (last, r)));
        out
    }

    /// The keys of the forms on offer ([`State::offered`]).
    pub fn offered_forms(&self) -> Vec<String> {
        self.offered().iter().map(|(year, r)| form_key(*year, &r.incentive.code)).collect()
    }

    /// The year all the chosen forms are for, when they are one year's.
    pub fn form_year(&self) -> Option<u16> {
        let mut years = self.forms.iter().map(|k| parse_form_key(k).0);
        let first = years.next().flatten()?;
        years.all(|y| y == Some(first)).then_some(first)
    }

    /// The chosen forms by year, in order: each year's answers and its codes
    /// (one group, with no year, for answers of one year).
    pub fn form_groups(&self) -> Vec<(Option<u16>, Answers, Vec<String>)> {
        let mut groups: Vec<(Option<u16>, Answers, Vec<String>)> = Vec::new();
        for key in &self.forms {
            let (year, code) = parse_form_key(key);
            match groups.iter_mut().find(|(y, _, _)| *y == year) {
                Some((_, _, codes)) => codes.push(code.to_owned()),
                None => {
                    if let Some(answers) = self.form_answers(year) {
                        groups.push((year, answers, vec![code.to_owned()]));
                    }
                }
            }
        }
        groups
    }

    /// Checks the applicant block and the choice of forms; true when a PDF can be made.
    fn check_applicant(&mut self) -> bool {
        self.applicant_errors.clear();
        let Some(t) = self.answers.applicant_type() else { return false };
        if let Err(errors) = self.applicant.checked(self.params.0, t, self.on) {
            for e in errors {
                let key = e.field.as_deref().and_then(|f| f.strip_prefix("applicant."));
                if let Some(field) = chanjiao_rules::APPLICANT_FIELDS.iter().find(|f| Some(f.id) == key) {
                    self.applicant_errors.push(ApplicantError { field: field.id, message: e.message });
                }
            }
        }
        if self.forms.is_empty() {
            self.applicant_errors.push(ApplicantError { field: "forms", message: Text::new("请至少选择一份申请表", "Choose at least one form") });
        }
        self.applicant_errors.is_empty()
    }

    /// The evaluation of the answers so far.
    pub fn evaluation(&self) -> Option<Evaluation> {
        evaluate_with(self.params.0, &self.answers, self.on).ok()
    }

    /// Checks the fields of the current page (a topic, or a year); an answer the
    /// planner still needs and the user left empty is an error too.
    /// With `whole`, the answers as a whole are checked too.
    fn check_page(&mut self, page: Page, whole: bool) -> bool {
        let (shown, planned, raw) = match page {
            Page::Questions(section) => {
                let planned = self.planned();
                (self.questions_in_plan(section, &planned), planned, self.raw.clone())
            }
            Page::Year(year) => (self.questions_in_year(year), self.planned_in_year(year), self.years_raw.get(&year).cloned().unwrap_or_default()),
            _ => return true,
        };
        self.errors = shown
            .into_iter()
            .filter_map(|q| {
                let raw = raw.get(&q.q).map(String::as_str).unwrap_or("");
                if raw.trim().is_empty() {
                    return planned
                        .iter()
                        .any(|p| p.q == q.q)
                        .then(|| FieldError { q: q.q, message: Text::new(format!("请回答：{}", q.label.zh), format!("Please answer: {}", q.label.en)) });
                }
                Answers::new().set_text(q.q, raw).err().map(|e| FieldError { q: q.q, message: e.message })
            })
            .collect();
        // A date after the evaluation date, or a balance a year cannot open with,
        // is a rule of the whole set, not of one field; it is shown on the page
        // of the field it names.
        let whole = if whole { self.whole_error() } else { None };
        if self.errors.is_empty()
            && let Some(e) = whole
            && let Some(field) = e.field.as_deref()
        {
            let (year, q) = locate(field, self.params.0);
            let on_this_page = match page {
                Page::Year(y) => year == Some(y),
                _ => year.is_none(),
            };
            if on_this_page && let Some(q) = q {
                self.errors.push(FieldError { q, message: e.message });
            }
        }
        self.errors.is_empty()
    }

    /// What the rules refuse in the answers as a whole, if anything.
    fn whole_error(&self) -> Option<chanjiao_rules::Error> {
        match self.answers.has_years() {
            false => evaluate_with(self.params.0, &self.answers, self.on).err(),
            true => evaluate_years_with(self.params.0, &self.answers, self.on).err(),
        }
    }

    /// The page that holds the field an error names (`years.2025.x` or `x`), if any.
    fn page_of(&self, field: Option<&str>) -> Option<Page> {
        match locate(field?, self.params.0) {
            (Some(year), _) => self.years_raw.contains_key(&year).then_some(Page::Year(year)),
            (None, q) => q.map(|q| Page::Questions(q.section())),
        }
    }

    fn go(&mut self, page: Page) {
        if self.page != page {
            self.history.push(self.page);
            self.forward.clear();
        }
        self.page = page;
        self.errors.clear();
        // A notice (answers imported, or dropped with an undo) belongs to the
        // page it was said on; going on keeps what was dropped dropped.
        self.notice = None;
        self.undo = None;
        self.year_notice = None;
        self.check_error = None;
        self.focus_page += 1;
    }

    fn after_questions(&self) -> Page {
        match (self.next_section(), self.next_year()) {
            (Some(section), _) => Page::Questions(section),
            (None, Some(year)) => Page::Year(year),
            (None, None) => Page::Check,
        }
    }

    /// Into the interview with answers already given (a draft resumed, a file
    /// imported): the next page that needs answers, or the check page, with the
    /// topics already answered behind it, in order, so that Back walks through
    /// them as if the user had never left.
    fn enter(&mut self) {
        // The interview replayed: from no answers, each page the planner would
        // open is answered from these answers, until one needs what they lack
        // (where the user lands) or none is left. The pages passed are the
        // history, in the order a person would have met them.
        let mut sim = self.clone();
        // Facts only a file gives (the surcharges, rather than the taxes the
        // interview asks) are never on a page: the replay has them from the start.
        sim.raw.retain(|q, _| chanjiao_rules::questions::FILE_ONLY.contains(q));
        sim.rebuild();
        sim.history = Vec::new();
        sim.page = Page::Start;
        let mut landing = sim.after_questions();
        for _ in 0..60 {
            let Page::Questions(section) = landing else { break };
            sim.go(landing);
            loop {
                let copied: Vec<Q> = sim.questions_in(section).iter().map(|q| q.q).filter(|q| !sim.raw.contains_key(q) && self.raw.contains_key(q)).collect();
                if copied.is_empty() {
                    break;
                }
                for q in copied {
                    if let Some(text) = self.raw.get(&q) {
                        sim.raw.insert(q, text.clone());
                    }
                }
                sim.rebuild();
            }
            let planned = sim.planned();
            if sim.questions_in(section).iter().any(|q| !sim.raw.contains_key(&q.q) && planned.iter().any(|p| p.q == q.q)) {
                break;
            }
            landing = sim.after_questions();
        }
        if !matches!(landing, Page::Questions(_)) {
            // Past every topic: where all the answers lead (a year's facts the
            // replay holds in part are whole here).
            landing = self.after_questions();
            sim.go(landing);
            // The years already given come before the page the user lands on.
            sim.history.retain(|p| !matches!(p, Page::Year(_)));
            for year in self.years_raw.keys().map(|y| Page::Year(*y)) {
                if year != landing && (landing == Page::Check || year < landing) {
                    sim.history.push(year);
                }
            }
        }
        self.history = sim.history;
        self.page = landing;
        self.errors.clear();
        self.focus_page += 1;
    }

    /// This state, kept for "undo", when it holds anything to lose: answers, an
    /// applicant block or a saved draft (an undo of its own is not kept).
    fn undoable(mut self) -> Option<Box<State>> {
        let empty = self.raw.is_empty() && self.years_raw.is_empty() && self.applicant == Applicant::default() && self.draft.is_none();
        self.undo = None;
        self.notice = None;
        self.pdf = PdfStatus::Idle;
        (!empty).then(|| Box::new(self))
    }

    /// The questions on the page shown (none off the question and year pages).
    fn on_page(&self) -> Vec<Q> {
        match self.page {
            Page::Questions(section) => self.questions_in(section).into_iter().map(|q| q.q).collect(),
            Page::Year(year) => self.questions_in_year(year).into_iter().map(|q| q.q).collect(),
            _ => Vec::new(),
        }
    }

    /// What was typed on the page shown, by question.
    fn page_raw(&self) -> &BTreeMap<Q, String> {
        static EMPTY: BTreeMap<Q, String> = BTreeMap::new();
        match self.page {
            Page::Year(year) => self.years_raw.get(&year).unwrap_or(&EMPTY),
            _ => &self.raw,
        }
    }

    /// The reducer: the next state after an action.
    pub fn reduce(self, action: Action) -> State {
        let before = self.page;
        let edited = match action {
            Action::Edit(q, _) => Some((q, self.on_page())),
            _ => None,
        };
        let mut next = self.apply(action);
        // A new page lists its questions in the table's order; on the same page,
        // a question that appears goes after those already there.
        if next.page != before {
            next.shown_order.clear();
            next.revealed.clear();
            next.cohort_errors.clear();
        }
        // What an edit brought onto the page, unanswered, is "revealed" until answered.
        if let Some((q, was)) = edited
            && next.page == before
        {
            let now = next.on_page();
            next.revealed.retain(|r| *r != q && now.contains(r));
            let raw = next.page_raw();
            let new: Vec<Q> = now.into_iter().filter(|r| !was.contains(r) && !raw.contains_key(r)).collect();
            for r in new {
                if !next.revealed.contains(&r) {
                    next.revealed.push(r);
                }
            }
        }
        if let Page::Questions(section) = next.page {
            for q in next.questions_in(section) {
                if !next.shown_order.contains(&q.q) {
                    next.shown_order.push(q.q);
                }
            }
        }
        next
    }

    fn apply(mut self, action: Action) -> State {
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::Start => {
                self.notice = None;
                self.draft = None;
                let next = self.after_questions();
                self.go(next);
            }
            Action::Resume => {
                if let Some(draft) = self.draft.take() {
                    self.raw = draft.raw;
                    self.years_raw = draft.years;
                    self.cohorts = draft.cohorts;
                    self.rebuild();
                    self.applicant = draft.applicant;
                }
                self.notice = None;
                self.enter();
            }
            Action::Edit(q, text) => {
                // An answer changed after going back may change what comes next.
                self.forward.clear();
                // A field belongs to the page it is on: a year's page edits that year.
                match self.page {
                    Page::Year(year) => self.set_year(year, q, text),
                    _ => self.set(q, text),
                }
                // Once the user fixes a field, its message goes; the others stay until Continue.
                self.errors.retain(|e| e.q != q);
            }
            Action::Continue => match self.page {
                Page::Start => {
                    let next = self.after_questions();
                    self.go(next);
                }
                page @ (Page::Questions(_) | Page::Year(_)) => {
                    // Further groups of hires go to their years once the page's
                    // own fields are right, before the answers as a whole are checked.
                    let mut moved = None;
                    let rows = self.check_cohorts();
                    if self.check_page(page, false)
                        && let Some(rows) = rows
                    {
                        match self.fold_cohorts(rows) {
                            Ok(said) => moved = said,
                            Err(why) => self.cohort_errors.push((None, true, why)),
                        }
                    }
                    let groups_right = self.cohort_errors.is_empty();
                    // Answers that have just become several years' go on to what
                    // the years still need, asked on their pages, not as errors here.
                    let turned = self.page != page;
                    if groups_right && (turned || self.check_page(page, true)) {
                        let next = self.after_questions();
                        self.go(next);
                    } else if groups_right
                        && let Some(first) = self.revealed.first().copied()
                        && self.errors.iter().all(|e| self.revealed.contains(&e.q))
                    {
                        // Enter in the field that revealed these: the user has not
                        // seen them yet, so the focus goes to the first, with no
                        // error; a second Enter with it still empty says so.
                        self.errors.clear();
                        self.revealed.clear();
                        self.focus_page += 1;
                        self.focus_field = Some((self.focus_page, first));
                    } else {
                        self.focus_errors += 1;
                    }
                    if moved.is_some() {
                        self.year_notice = moved.map(|said| (false, said));
                    }
                }
                Page::Check => match self.whole_error() {
                    // Results computed from answers the rules refuse would be a dead end.
                    Some(e) => {
                        let page = self.page_of(e.field.as_deref());
                        self.check_error = Some((e.message, page));
                        self.focus_errors += 1;
                    }
                    None => self.go(Page::Results),
                },
                Page::Results | Page::Apply => {}
            },
            Action::Back => {
                // Back from a year just added, with nothing typed for it, takes the year away.
                if let Page::Year(year) = self.page
                    && self.years_raw.get(&year).is_some_and(BTreeMap::is_empty)
                    && self.remove_last_year(year, true)
                {
                    self.year_notice =
                        Some((false, Text::new(format!("{year} 年度未填写任何内容，已移除。"), format!("Nothing was entered for {year}, so it was removed."))));
                }
                if let Some(previous) = self.history.pop() {
                    // A year Back took away is not a page to go forward to.
                    if !matches!(self.page, Page::Year(y) if !self.years_raw.contains_key(&y)) {
                        self.forward.push(self.page);
                    }
                    self.page = previous;
                    self.errors.clear();
                    self.focus_page += 1;
                }
            }
            Action::Forward => {
                if let Some(next) = self.forward.pop() {
                    self.history.push(self.page);
                    self.page = next;
                    self.errors.clear();
                    self.focus_page += 1;
                }
            }
            Action::Change(section) => self.go(Page::Questions(section)),
            Action::ChangeAnswer(q, year) => {
                self.go(year.map_or(Page::Questions(q.section()), Page::Year));
                self.focus_field = Some((self.focus_page, q));
            }
            Action::ChangeYear(year) => self.go(Page::Year(year)),
            Action::AddYear { current, added } => {
                let last = self.answers.years().last().unwrap_or(current);
                if added <= last || added > self.on.year() || current > self.on.year() {
                    return self;
                }
                if self.years_raw.is_empty()
                    && let Some(outside) = self.dated_outside(current)
                {
                    self.year_notice = Some((true, outside));
                    self.focus_errors += 1;
                    return self;
                }
                self.year_notice = None;
                if self.years_raw.is_empty() {
                    self.split_into_years(current);
                }
                self.years_raw.entry(added).or_default();
                self.rebuild();
                self.go(Page::Year(added));
            }
            Action::AddCohort => {
                if self.cohorts.len() < MAX_COHORTS {
                    self.cohorts.push((String::new(), String::new()));
                    self.focus_page += 1;
                    self.focus_cohort = Some((self.focus_page, self.cohorts.len() - 1));
                }
            }
            Action::EditCohort(row, date, text) => {
                self.forward.clear();
                if let Some(typed) = self.cohorts.get_mut(row) {
                    *(if date { &mut typed.1 } else { &mut typed.0 }) = text;
                    self.cohort_errors.retain(|(r, d, _)| (*r, *d) != (Some(row), date));
                }
            }
            Action::RemoveCohort(row) => {
                if row < self.cohorts.len() {
                    self.cohorts.remove(row);
                    self.cohort_errors.retain(|(r, _, _)| *r != Some(row));
                    for (r, _, _) in &mut self.cohort_errors {
                        *r = r.map(|r| if r > row { r - 1 } else { r });
                    }
                    // The focus goes to the row that took its place, else the row
                    // before, else the hiring date, never to the page with the
                    // button that went; and the removal is said.
                    self.focus_page += 1;
                    let next = if row < self.cohorts.len() { Some(row) } else { row.checked_sub(1) };
                    match next {
                        Some(r) => self.focus_cohort = Some((self.focus_page, r)),
                        None => self.focus_field = Some((self.focus_page, Q::GraduatesHiredOn)),
                    }
                    let n = row + 2;
                    self.year_notice = Some((false, Text::new(format!("已删除第 {n} 批。"), format!("Group {n} was removed."))));
                }
            }
            Action::RemoveYear(year) => {
                if self.remove_last_year(year, false) {
                    // The pages behind as these answers now have them, and the
                    // focus on the heading of the page it leads to (the check
                    // page, unless something is now missing), not lost with the
                    // button that went.
                    self.enter();
                    self.check_error = None;
                    self.year_notice = Some((false, Text::new(format!("已删除 {year} 年度的情况。"), format!("The facts of {year} were removed."))));
                }
            }
            Action::Clear => {
                let mut fresh = State::new(self.params.0, self.lang, self.on, self.offered.clone(), None, Some(Notice::Cleared));
                fresh.focus_page = self.focus_page + 1;
                fresh.undo = self.undoable();
                return fresh;
            }
            Action::Restart => {
                let mut fresh = State::new(self.params.0, self.lang, self.on, self.offered.clone(), None, None);
                fresh.focus_page = self.focus_page;
                let next = fresh.after_questions();
                fresh.go(next);
                fresh.notice = Some(Notice::Restarted);
                fresh.undo = self.undoable();
                return fresh;
            }
            Action::Undo => {
                if let Some(mut before) = self.undo.take() {
                    before.focus_page = self.focus_page + 1;
                    before.focus_errors = self.focus_errors;
                    return *before;
                }
            }
            Action::Apply(year, code) => {
                let offered = self.offered_forms();
                self.forms = match code.map(|c| form_key(year, &c)) {
                    Some(key) if offered.contains(&key) => vec![key],
                    _ => offered,
                };
                self.applicant_errors.clear();
                self.pdf = PdfStatus::Idle;
                self.go(Page::Apply);
            }
            Action::EditApplicant(field, text) => {
                self.applicant.set(field, text);
                self.applicant_errors.retain(|e| e.field != field);
            }
            Action::ToggleForm(code) => {
                let chosen = self.forms.contains(&code);
                // Kept in catalogue order, as the combined file prints them.
                self.forms = self.offered_forms().into_iter().filter(|c| if *c == code { !chosen } else { self.forms.contains(c) }).collect();
                self.applicant_errors.retain(|e| e.field != "forms");
            }
            Action::MakePdf => {
                if matches!(self.pdf, PdfStatus::Loading { .. } | PdfStatus::Rendering) {
                    return self;
                }
                if self.check_applicant() {
                    self.pdf = PdfStatus::Loading { received: 0.0, total: 0.0 };
                    self.pdf_request += 1;
                } else {
                    self.focus_errors += 1;
                }
            }
            Action::PdfProgress(received, total) => {
                if matches!(self.pdf, PdfStatus::Loading { .. }) {
                    self.pdf = PdfStatus::Loading { received, total };
                }
            }
            Action::PdfRendering => self.pdf = PdfStatus::Rendering,
            Action::PdfDone { file_name, pages, missing } => self.pdf = PdfStatus::Done { file_name, pages, missing },
            Action::PdfFailed(why, retry) => self.pdf = PdfStatus::Failed(why, retry),
            Action::Import(json) => match json.ok_or(None).and_then(|j| Answers::from_json_value_under(&j, self.params.0).map_err(Some)) {
                Ok(imported) => {
                    let mut fresh = State::new(self.params.0, self.lang, self.on, self.offered.clone(), None, Some(Notice::Imported));
                    let json = imported.to_json();
                    for (q, _) in imported.iter() {
                        if let Some(text) = json.get(q.id()).map(json_text) {
                            fresh.raw.insert(q, text);
                        }
                    }
                    for year in imported.years() {
                        let own = fresh.years_raw.entry(year).or_default();
                        for (q, _) in imported.facts_of(year).map(|a| a.iter().collect::<Vec<_>>()).unwrap_or_default() {
                            if let Some(text) = json["years"][year.to_string()].get(q.id()).map(json_text) {
                                own.insert(q, text);
                            }
                        }
                    }
                    fresh.rebuild();
                    // Read, but refused by the rules as a whole: say so now, not at the end.
                    fresh.import_problem = fresh.whole_error().map(|e| e.message);
                    fresh.focus_page = self.focus_page;
                    // Straight into the interview, where the answers lead; the
                    // notice is said on that page.
                    fresh.enter();
                    return fresh;
                }
                // Not JSON, or answers the rules refuse: nothing changes, and the
                // notice names the field where the rules say which.
                Err(why) => {
                    self.notice = Some(Notice::ImportFailed);
                    self.import_problem = why.map(|e| named(&e, self.params.0));
                }
            },
        }
        self
    }
}

/// A chosen form's key: its code, and for answers of several years the year
/// before it (`2024:A11`).
pub fn form_key(year: Option<u16>, code: &str) -> String {
    match year {
        Some(y) => format!("{y}:{code}"),
        None => code.to_owned(),
    }
}

/// A form key's year (if any) and code: what [`form_key`] joined.
fn parse_form_key(key: &str) -> (Option<u16>, &str) {
    match key.split_once(':') {
        Some((y, code)) => (y.parse::<u16>().ok(), code),
        None => (None, key),
    }
}

/// A rules error's message led by the field it is about, by its question's
/// label and the key in the file (unless the message already quotes the label).
fn named(e: &chanjiao_rules::Error, params: &Params) -> Text {
    let Some(field) = e.field.as_deref() else { return e.message.clone() };
    let (year, q) = locate(field, params);
    let (label_zh, label_en) = q.map(|q| (q.def().label.zh, q.def().label.en)).unwrap_or((field, field));
    let in_year = |zh: bool| match (year, zh) {
        (Some(y), true) => format!("{y} 年度的"),
        (Some(y), false) => format!(" of {y}"),
        (None, _) => String::new(),
    };
    let zh = match e.message.zh.contains(label_zh) {
        true => format!("{}（文件中的 {field}）", e.message.zh.trim_end_matches('。')),
        false => format!("{}“{}”（文件中的 {field}）：{}", in_year(true), label_zh.trim_end_matches(['？', '?']), e.message.zh),
    };
    let en = match e.message.en.contains(label_en) {
        true => format!("{} ({field} in the file)", e.message.en.trim_end_matches('.')),
        false => format!("\"{}\"{} ({field} in the file): {}", label_en.trim_end_matches('?'), in_year(false), e.message.en),
    };
    Text::new(zh, en)
}

/// The year and the question a rules error's field names: `years.2025.x`,
/// `years.2025` or `x`.
fn locate(field: &str, params: &Params) -> (Option<u16>, Option<Q>) {
    let q = |id: &str| Q::from_id(id).or_else(|| params.question(id));
    match field.strip_prefix("years.") {
        Some(rest) => {
            let (year, id) = rest.split_once('.').unwrap_or((rest, ""));
            match year.parse() {
                Ok(year) => (Some(year), q(id)),
                Err(_) => (None, None),
            }
        }
        None => (None, q(field)),
    }
}

/// An answer's JSON value as the text a person would have typed.
fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Bool(true) => "是".to_owned(),
        serde_json::Value::Bool(false) => "否".to_owned(),
        other => other.to_string(),
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().reduce(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> &'static Params {
        chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
    }

    fn state() -> State {
        State::new(builtin(), Lang::Zh, Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!()), Vec::new(), None, None)
    }

    /// Walks the interview as a person would who knows the facts of `file`:
    /// each page's shown questions answered from the file, then Continue.
    /// Returns the pages visited with their step counts.
    fn walk(file: &str, on: Date) -> Vec<(Page, Progress)> {
        walked(file, on).0
    }

    /// [`walk`], and the state it ends in.
    fn walked(file: &str, on: Date) -> (Vec<(Page, Progress)>, State) {
        let json: serde_json::Value = serde_json::from_str(file).unwrap_or_else(|e| panic!("{e}"));
        let mut s = State::new(builtin(), Lang::Zh, on, Vec::new(), None, None).reduce(Action::Start);
        let mut seen = Vec::new();
        for _ in 0..60 {
            seen.push((s.page, s.progress()));
            let Page::Questions(section) = s.page else { break };
            // Answer what is shown, then what an answer reveals, until the page is stable.
            loop {
                let todo: Vec<Q> = s.questions_in(section).iter().map(|q| q.q).filter(|q| !s.raw.contains_key(q)).collect();
                let mut typed = false;
                for q in todo {
                    let text = match (q, json.get(q.id())) {
                        (Q::ApplicantType, Some(serde_json::Value::Array(types))) => types.first().map(json_text),
                        (_, Some(v)) => Some(json_text(v)),
                        (_, None) if q.id().starts_with("also_") || q.id().starts_with("more_") => Some("否".to_owned()),
                        // A fact the file gives in another form (surcharges rather than
                        // the taxes they come from): any valid answer keeps the walk going.
                        _ => {
                            ["0", "否", "2025-01-01", "unknown", "none", "2024"].into_iter().find(|t| Answers::new().set_text(q, t).is_ok()).map(str::to_owned)
                        }
                    };
                    if let Some(text) = text {
                        s = s.reduce(Action::Edit(q, text));
                        typed = true;
                    }
                }
                if !typed {
                    break;
                }
            }
            let before = s.page;
            s = s.reduce(Action::Continue);
            assert_ne!(s.page, before, "stuck on {before:?}: {:?}", s.errors);
        }
        (seen, s)
    }

    const EXAMPLES: [(&str, &str); 9] = [
        ("enterprise", include_str!("../../../examples/enterprise.json")),
        ("small-manufacturer", include_str!("../../../examples/small-manufacturer.json")),
        ("graduate", include_str!("../../../examples/graduate.json")),
        ("graduate-worker", include_str!("../../../examples/graduate-worker.json")),
        ("worker", include_str!("../../../examples/worker.json")),
        ("teacher", include_str!("../../../examples/teacher.json")),
        ("organisation", include_str!("../../../examples/organisation.json")),
        ("university", include_str!("../../../examples/university.json")),
        ("vocational-school", include_str!("../../../examples/vocational-school.json")),
    ];

    #[test]
    fn the_step_count_is_exact_after_edits_imports_and_deletions() {
        for on in [Date::new(2025, 6, 30), Date::new(2026, 6, 30)].into_iter().flatten() {
            for (name, file) in EXAMPLES {
                let (seen, at_check) = walked(file, on);
                let check = at_check.progress();
                assert_eq!(at_check.page, Page::Check, "{name}");
                // Each page changed from the check page shows the step it had, and
                // the check page its own again after.
                for (page, first) in seen.iter().filter(|(p, _)| matches!(p, Page::Questions(_))) {
                    let Page::Questions(section) = page else { continue };
                    let Some(q) = at_check.questions_in(*section).first().map(|q| q.q) else { continue };
                    let s = at_check.clone().reduce(Action::ChangeAnswer(q, None));
                    assert_eq!((s.page, s.progress().step, s.progress().total), (*page, first.step, check.total), "{name} on {on}: {q:?}");
                    let back = s.reduce(Action::Continue);
                    assert_eq!((back.page, back.progress()), (Page::Check, check), "{name} on {on}: back from {page:?}");
                }
                // The same answers imported: straight to the check page, the same step.
                let imported = State::new(builtin(), Lang::Zh, on, Vec::new(), None, None).reduce(Action::Import(Some(at_check.answers.to_json())));
                assert_eq!((imported.page, imported.progress()), (Page::Check, check), "{name} on {on}: imported");
                // Back from there walks the same pages, each at its step.
                let mut s = imported;
                for (page, first) in seen.iter().rev().skip(1) {
                    s = s.reduce(Action::Back);
                    assert_eq!((s.page, s.progress().step), (*page, first.step), "{name} on {on}: Back after the import");
                }
            }
        }
        // A year removed on the check page: the steps of the answers left, as if
        // they had been imported (with one year left, its facts are no year's).
        let file: serde_json::Value = serde_json::from_str(include_str!("../../../examples/enterprise-years.json")).unwrap_or_else(|e| panic!("{e}"));
        let on = Date::new(2026, 6, 30).unwrap_or_else(|| unreachable!());
        let s = State::new(builtin(), Lang::Zh, on, Vec::new(), None, None).reduce(Action::Import(Some(file)));
        assert_eq!(s.page, Page::Check);
        let before = s.progress();
        let last = s.answers.years().last().unwrap_or_else(|| unreachable!());
        let s = s.reduce(Action::RemoveYear(last));
        let after = s.progress();
        assert!(after.step < before.step && after.exact, "{before:?} then {after:?}");
        let fresh = State::new(builtin(), Lang::Zh, on, Vec::new(), None, None).reduce(Action::Import(Some(s.answers.to_json())));
        assert_eq!((fresh.page, fresh.progress()), (Page::Check, after));
    }

    #[test]
    fn topics_come_in_one_order_and_the_step_count_never_jumps() {
        let on = Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!());
        for (name, file) in EXAMPLES {
            let seen = walk(file, on);
            let pages: Vec<Page> = seen.iter().map(|(p, _)| *p).collect();
            assert_eq!(pages.last(), Some(&Page::Check), "{name}: {pages:?}");
            for (i, page) in pages.iter().enumerate() {
                assert!(!pages[..i].contains(page), "{name}: {page:?} comes back: {pages:?}");
            }
            let steps: Vec<Progress> = seen.iter().map(|(_, p)| *p).collect();
            for pair in steps.windows(2) {
                assert_eq!(pair[1].step, pair[0].step + 1, "{name}: {steps:?}");
                if let (Some(before), Some(after)) = (pair[0].total, pair[1].total) {
                    assert!(after <= before, "{name}: the total grew: {steps:?}");
                }
            }
            let last = steps[steps.len() - 1];
            assert!(last.exact && last.total == Some(last.step + 1), "{name}: {last:?}");
            eprintln!("{name}: {:?}", steps.iter().map(|p| (p.total, p.exact)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn answers_the_rules_refuse_as_a_whole_are_said_on_import_and_stop_at_the_check_page() {
        let mut file: serde_json::Value = serde_json::from_str(include_str!("../../../examples/enterprise-years.json")).unwrap_or_else(|e| panic!("{e}"));
        // A hire of 2024 given under 2025: every field is valid, the set is not.
        file["years"]["2025"]["graduates_hired_on"] = "2024-07-08".into();
        let s = State::new(builtin(), Lang::Zh, Date::new(2026, 6, 30).unwrap_or_else(|| unreachable!()), Vec::new(), None, None);
        let s = s.reduce(Action::Import(Some(file)));
        assert_eq!(s.notice, Some(Notice::Imported));
        assert!(s.import_problem.as_ref().is_some_and(|t| t.zh.contains("不在 2025 年度内")), "{:?}", s.import_problem);
        let mut s = s.reduce(Action::Start);
        for _ in 0..40 {
            if s.page == Page::Check {
                break;
            }
            s = s.reduce(Action::Continue);
        }
        assert_eq!(s.page, Page::Check, "{:?}", s.errors);
        let focus = s.focus_errors;
        let s = s.reduce(Action::Continue);
        assert_eq!(s.page, Page::Check, "no results from answers the rules refuse");
        assert_eq!(s.focus_errors, focus + 1);
        assert_eq!(s.check_error.as_ref().and_then(|(_, page)| *page), Some(Page::Year(2025)), "the way to the year that holds it");
        // Fixed on its page, the results follow.
        let s = s.reduce(Action::ChangeYear(2025)).reduce(Action::Edit(Q::GraduatesHiredOn, "2025-07-08".into()));
        assert!(s.check_error.is_none());
        let s = s.reduce(Action::Continue);
        let s = if s.page == Page::Check { s } else { s.reduce(Action::Continue) };
        assert_eq!(s.reduce(Action::Continue).page, Page::Results);
    }

    #[test]
    fn change_goes_to_the_answer_with_the_focus_on_it() {
        let file: serde_json::Value = serde_json::from_str(include_str!("../../../examples/enterprise-years.json")).unwrap_or_else(|e| panic!("{e}"));
        let s = state().reduce(Action::Import(Some(file)));
        let s = s.reduce(Action::ChangeAnswer(Q::EntEmployees, None));
        assert_eq!(s.page, Page::Questions(Q::EntEmployees.section()));
        assert_eq!(s.focus_field, Some((s.focus_page, Q::EntEmployees)));
        let s = s.reduce(Action::ChangeAnswer(Q::GraduatesHired, Some(2025)));
        assert_eq!(s.page, Page::Year(2025));
        assert_eq!(s.focus_field, Some((s.focus_page, Q::GraduatesHired)));
        // Any other page change leaves the field behind: the heading takes the focus.
        let s = s.reduce(Action::Back);
        assert_ne!(s.focus_field.map(|(page, _)| page), Some(s.focus_page));
    }

    #[test]
    fn enter_in_a_field_that_reveals_another_moves_the_focus_there_without_an_error() {
        let mut file: serde_json::Value = serde_json::from_str(include_str!("../../../examples/enterprise.json")).unwrap_or_else(|e| panic!("{e}"));
        for key in ["graduates_hired", "graduates_hired_on"] {
            file.as_object_mut().map(|o| o.remove(key));
        }
        let s = state().reduce(Action::Import(Some(file))).reduce(Action::ChangeAnswer(Q::GraduatesHired, None));
        assert!(!s.on_page().contains(&Q::GraduatesHiredOn), "the date waits for the count");
        // The count reveals the date; Enter (Continue) goes to it, no error shown.
        let s = s.reduce(Action::Edit(Q::GraduatesHired, "3".into()));
        assert_eq!(s.revealed, [Q::GraduatesHiredOn]);
        let page = s.page;
        let s = s.reduce(Action::Continue);
        assert_eq!((s.page, s.errors.len()), (page, 0));
        assert_eq!(s.focus_field, Some((s.focus_page, Q::GraduatesHiredOn)));
        // Enter again with it still empty: now it is unanswered.
        let focus = s.focus_errors;
        let s = s.reduce(Action::Continue);
        assert_eq!(s.errors.iter().map(|e| e.q).collect::<Vec<_>>(), [Q::GraduatesHiredOn]);
        assert_eq!(s.focus_errors, focus + 1);
        // An error elsewhere on the page is said at once, revealed field or not.
        let s = s.reduce(Action::Edit(Q::GraduatesHired, "x".into()));
        let s = s.reduce(Action::Continue);
        assert!(s.errors.iter().any(|e| e.q == Q::GraduatesHired), "{:?}", s.errors);
        // Answered, the page goes on.
        let s = s.reduce(Action::Edit(Q::GraduatesHired, "3".into())).reduce(Action::Edit(Q::GraduatesHiredOn, "2025-03-03".into()));
        assert!(s.revealed.is_empty());
        let s = s.reduce(Action::Continue);
        assert_ne!(s.page, page, "{:?} {:?}", s.errors, s.on_page());
    }

    #[test]
    fn an_import_lands_on_the_page_of_the_first_answer_it_lacks() {
        let mut file: serde_json::Value = serde_json::from_str(include_str!("../../../examples/enterprise.json")).unwrap_or_else(|e| panic!("{e}"));
        file.as_object_mut().map(|o| o.remove("ent_city_library"));
        let s = state().reduce(Action::Import(Some(file)));
        assert!(s.on_page().contains(&Q::EntCityLibrary), "{:?}: {:?}", s.page, s.on_page());
        // The file's surcharges stand for the taxes the interview asks: no page waits for those.
        let whole: serde_json::Value = serde_json::from_str(include_str!("../../../examples/enterprise.json")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(state().reduce(Action::Import(Some(whole))).page, Page::Check);
    }

    #[test]
    fn an_import_that_fails_names_the_field_and_changes_nothing() {
        let s = state().reduce(Action::Import(Some(serde_json::json!({ "applicant_type": "ENT", "ent_employees": -3 }))));
        assert_eq!((s.notice, s.page), (Some(Notice::ImportFailed), Page::Start));
        assert!(s.raw.is_empty());
        let why = s.import_problem.unwrap_or_else(|| panic!("a reason"));
        assert!(why.zh.contains("从业人员") && why.zh.contains("ent_employees"), "{}", why.zh);
        assert!(why.en.contains("ent_employees"), "{}", why.en);
    }

    #[test]
    fn start_again_and_clear_can_be_undone_until_the_user_goes_on() {
        let file: serde_json::Value = serde_json::from_str(include_str!("../../../examples/enterprise.json")).unwrap_or_else(|e| panic!("{e}"));
        let s = state().reduce(Action::Import(Some(file)));
        let (answers, page) = (s.answers.clone(), s.page);
        for action in [Action::Restart, Action::Clear] {
            let dropped = s.clone().reduce(action);
            assert!(dropped.raw.is_empty() && dropped.undo.is_some());
            assert!(matches!(dropped.notice, Some(Notice::Restarted | Notice::Cleared)));
            let back = dropped.clone().reduce(Action::Undo);
            assert_eq!((back.answers.clone(), back.page), (answers.clone(), page));
            assert!(back.undo.is_none() && back.focus_page > dropped.focus_page, "the restored page takes the focus");
            // Going on keeps it dropped.
            let on = dropped.reduce(Action::Edit(Q::ApplicantType, "ENT".into())).reduce(Action::Continue);
            assert!(on.undo.is_none());
        }
        // Nothing to lose, nothing to undo.
        assert!(state().reduce(Action::Restart).undo.is_none());
    }

    #[test]
    fn removing_a_year_says_so_only_when_one_was_removed() {
        let file: serde_json::Value = serde_json::from_str(include_str!("../../../examples/enterprise-years.json")).unwrap_or_else(|e| panic!("{e}"));
        let s = State::new(builtin(), Lang::Zh, Date::new(2026, 6, 30).unwrap_or_else(|| unreachable!()), Vec::new(), None, None);
        let s = s.reduce(Action::Import(Some(file)));
        let kept = s.clone().reduce(Action::RemoveYear(2024));
        assert!(kept.year_notice.is_none() && kept.years_raw.contains_key(&2024), "only the last year can be removed");
        let removed = s.clone().reduce(Action::RemoveYear(2025));
        // The year left stays a year, on the check page, with nothing of it moved
        // into the answers as a fact of no year.
        assert!(removed.year_notice.is_some() && removed.answers.years().collect::<Vec<_>>() == [2024], "{:?}", removed.year_notice);
        assert_eq!(removed.page, Page::Check);
        assert!(!removed.raw.contains_key(&Q::B1InvestmentYear));
        // A year added and left empty goes when the user goes back, and they are told.
        let s = s.reduce(Action::AddYear { current: 2024, added: 2026 });
        assert_eq!(s.page, Page::Year(2026));
        let s = s.reduce(Action::Back);
        assert!(!s.years_raw.contains_key(&2026));
        assert!(s.year_notice.as_ref().is_some_and(|(_, t)| t.zh.contains("2026")), "{:?}", s.year_notice);
    }

    #[test]
    fn a_second_year_takes_the_first_years_facts_and_asks_its_own() {
        let file: serde_json::Value = serde_json::from_str(include_str!("../../../examples/enterprise.json")).unwrap_or_else(|e| panic!("{e}"));
        let s = state().reduce(Action::Import(Some(file)));
        assert!(s.can_add_years() && !s.answers.has_years());
        assert_eq!(s.likely_year(), 2024, "the investment year");
        assert_eq!(s.addable_years(2024), vec![2025]);
        // A year that is not after the last, or not yet begun, is not added.
        assert!(!s.clone().reduce(Action::AddYear { current: 2024, added: 2024 }).answers.has_years());
        assert!(!s.clone().reduce(Action::AddYear { current: 2024, added: 2026 }).answers.has_years());

        // The example's apprentices completed in 2025: not a fact of 2024, so the year is refused, saying why.
        let refused = s.clone().reduce(Action::AddYear { current: 2024, added: 2025 });
        assert!(!refused.answers.has_years());
        assert!(matches!(&refused.year_notice, Some((true, t)) if t.zh.contains("2025-03-28")), "{:?}", refused.year_notice);
        let s = s.reduce(Action::Edit(Q::ApprenticeshipCompletedOn, "2024-11-28".into()));
        let s = s.reduce(Action::AddYear { current: 2024, added: 2025 });
        assert_eq!(s.page, Page::Year(2025));
        // Back from the new year, nothing typed for it: the year goes, and the answers are one year's again.
        let undone = s.clone().reduce(Action::Back);
        assert!(!undone.answers.has_years() && undone.years_raw.is_empty());
        assert_eq!(undone.raw.get(&Q::B1InvestmentYear).map(String::as_str), Some("2024"));
        assert_eq!(undone.raw.get(&Q::GraduatesHired).map(String::as_str), Some("23"));
        assert!(!undone.raw.contains_key(&Q::ClaimYear), "an enterprise is not asked a claim year");
        assert_eq!(s.answers.years().collect::<Vec<_>>(), vec![2024, 2025]);
        let first = &s.years_raw[&2024];
        assert_eq!(first.get(&Q::GraduatesHired).map(String::as_str), Some("23"));
        assert!(!s.raw.contains_key(&Q::GraduatesHired) && !s.raw.contains_key(&Q::B1InvestmentYear), "moved, not copied");
        assert_eq!(s.raw.get(&Q::B1CarriedIn).map(String::as_str), Some("15000"), "the opening balance stays at the top");
        let asked: Vec<Q> = s.questions_in_year(2025).iter().map(|q| q.q).collect();
        assert!(asked.contains(&Q::GraduatesHired) && asked.contains(&Q::B1Investment) && !asked.contains(&Q::B1CarriedIn), "{asked:?}");

        // Answers typed on the year's page are that year's; Continue checks them.
        let mut s = s.reduce(Action::Continue);
        assert!(s.errors.iter().any(|e| e.q == Q::GraduatesHired), "an empty needed fact is an error");
        for (q, text) in [
            (Q::B1Investment, "0"),
            (Q::B1VatPaid, "0"),
            (Q::B1ConsumptionTaxPaid, "0"),
            (Q::B1SurchargeReliefs, "0"),
            (Q::ApprenticeshipRuns, "否"),
            (Q::GraduatesHired, "0"),
        ] {
            s = s.reduce(Action::Edit(q, text.into()));
        }
        let s = s.reduce(Action::Continue);
        assert_eq!(s.years_raw[&2025].get(&Q::GraduatesHired).map(String::as_str), Some("0"));
        assert_eq!(s.page, Page::Check, "{:?}", s.errors);
        let e = s.years_evaluation().unwrap_or_else(|| panic!("years evaluate"));
        let b1 = |y: usize| e.years[y].results.iter().find(|r| r.incentive.code == "B1").map(|r| r.amount.clone());
        let Some(chanjiao_rules::Amount::Credit(c)) = b1(1) else { panic!("{:?}", b1(1)) };
        assert_eq!(c.carried_in, chanjiao_rules::Decimal::from(107_000), "2025 opens with 2024's close");
        // The forms page offers every year's forms, each made from its year's answers.
        let all = s.clone().reduce(Action::Apply(None, None));
        assert!(all.forms.contains(&"2024:A11".to_owned()) && all.forms.contains(&"2025:B1".to_owned()), "{:?}", all.forms);
        assert_eq!(all.form_year(), None, "forms of two years");
        let groups = all.form_groups();
        assert_eq!(groups.iter().map(|(y, _, _)| *y).collect::<Vec<_>>(), [Some(2024), Some(2025)]);
        assert_eq!(groups[0].1.count(Q::GraduatesHired), Some(23), "2024's facts for 2024's forms");
        // One form asked for from a year's results: that one, that year's.
        let s = s.reduce(Action::Apply(Some(2024), Some("A11".into())));
        assert_eq!((s.forms.clone(), s.form_year()), (vec!["2024:A11".to_owned()], Some(2024)));
        // The draft keeps each year apart, and resumes the same.
        let draft = s.to_draft();
        assert_eq!(draft.years.len(), 2);
        let resumed = State::new(builtin(), Lang::Zh, s.on, Vec::new(), Some(draft), None).reduce(Action::Resume);
        assert_eq!(resumed.answers, s.answers);
        // Only the last year may be removed; the one left stays a year.
        assert_eq!(s.clone().reduce(Action::RemoveYear(2024)).answers.years().count(), 2);
        let fewer = s.reduce(Action::RemoveYear(2025));
        assert_eq!(fewer.answers.years().collect::<Vec<_>>(), [2024]);
        assert!(!fewer.history.contains(&Page::Year(2025)), "Back never opens a removed year");
        assert!(matches!(&fewer.year_notice, Some((false, t)) if t.zh.contains("2025")));
        assert!(fewer.years_evaluation().is_some(), "one year's answers evaluate");
        assert!(fewer.can_add_years(), "and another year can be added again");
    }

    #[test]
    fn a_field_an_answer_reveals_comes_after_the_fields_already_there() {
        let mut s = state().reduce(Action::Start).reduce(Action::Edit(Q::ApplicantType, "ENT".into())).reduce(Action::Continue);
        s = s.reduce(Action::Edit(Q::RegisteredInQuanzhou, "是".into())).reduce(Action::Continue);
        let Page::Questions(section) = s.page else { panic!("{:?}", s.page) };
        let mut seen = s.shown_order.clone();
        let mut grew = false;
        for (q, text) in
            [(Q::EntOwnership, "private"), (Q::EntSizeClass, "unknown"), (Q::EntSector, "industry"), (Q::EntRevenue, "386000000"), (Q::EntEmployees, "420")]
        {
            if !s.questions_in(section).iter().any(|x| x.q == q) {
                continue;
            }
            s = s.reduce(Action::Edit(q, text.into()));
            assert_eq!(s.page, Page::Questions(section));
            assert!(s.shown_order.starts_with(&seen), "the fields already shown keep their places: {seen:?} then {:?}", s.shown_order);
            grew |= s.shown_order.len() > seen.len();
            seen = s.shown_order.clone();
            for x in s.questions_in(section) {
                assert!(s.shown_order.contains(&x.q), "{} shown but not placed", x.id);
            }
        }
        assert!(grew, "some answer revealed a field");
        // A new page starts in the table's order.
        let next = s.reduce(Action::Continue);
        assert_ne!(next.page, Page::Questions(section));
        assert!(!next.shown_order.contains(&Q::EntRevenue));
    }

    #[test]
    fn the_first_page_after_start_asks_the_applicant_type() {
        let s = state().reduce(Action::Start);
        assert_eq!(s.page, Page::Questions(Section::Applicant));
        assert_eq!(s.questions_in(Section::Applicant).iter().map(|q| q.id).collect::<Vec<_>>(), vec!["applicant_type"]);
        assert_eq!(s.progress(), Progress { step: 1, total: None, exact: false }, "the total waits for the applicant's type");
    }

    #[test]
    fn continuing_without_an_answer_shows_an_error_and_stays() {
        let s = state().reduce(Action::Start).reduce(Action::Continue);
        assert_eq!(s.page, Page::Questions(Section::Applicant));
        assert_eq!(s.errors.len(), 1);
        assert_eq!(s.focus_errors, 1);
    }

    #[test]
    fn bad_input_keeps_the_text_and_names_the_field() {
        let mut s = state().reduce(Action::Start).reduce(Action::Edit(Q::ApplicantType, "ENT".into())).reduce(Action::Continue);
        assert_eq!(s.page, Page::Questions(Section::Territory));
        s = s.reduce(Action::Edit(Q::RegisteredInQuanzhou, "是".into())).reduce(Action::Continue);
        let Page::Questions(section) = s.page else { panic!("{:?}", s.page) };
        let first = s.questions_in(section)[0].q;
        // Whatever the first field is, letters where a number or a choice belongs are refused.
        s = s.reduce(Action::Edit(first, "-3x".into())).reduce(Action::Continue);
        assert_eq!(s.page, Page::Questions(section));
        assert!(s.errors.iter().any(|e| e.q == first));
        assert_eq!(s.raw.get(&first).map(String::as_str), Some("-3x"));
    }

    #[test]
    fn back_keeps_every_answer() {
        let s = state().reduce(Action::Start).reduce(Action::Edit(Q::ApplicantType, "IND-WORKER".into())).reduce(Action::Continue);
        assert_eq!(s.page, Page::Questions(Section::Roles));
        let s = s
            .reduce(Action::Edit(Q::AlsoGraduate, "是".into()))
            .reduce(Action::Edit(Q::AlsoTeacher, "否".into()))
            .reduce(Action::Continue)
            .reduce(Action::Edit(Q::WorksInQuanzhou, "是".into()))
            .reduce(Action::Continue);
        let back = s.reduce(Action::Back).reduce(Action::Back).reduce(Action::Back);
        assert_eq!(back.page, Page::Questions(Section::Applicant));
        assert_eq!(back.answers.roles(), vec![ApplicantType::Worker, ApplicantType::Graduate]);
        assert_eq!(back.answers.yes(Q::WorksInQuanzhou), Some(true));
    }

    #[test]
    fn a_complete_walk_reaches_check_and_results() {
        let mut s = state().reduce(Action::Start);
        let mut rounds = 0;
        while let Page::Questions(section) = s.page {
            rounds += 1;
            assert!(rounds < 40, "the walk did not end");
            for q in s.questions_in(section) {
                let text = match q.kind {
                    chanjiao_rules::questions::Kind::YesNo => "否".to_owned(),
                    chanjiao_rules::questions::Kind::OneOf { options } if q.q == Q::ApplicantType => options[3].id.to_owned(),
                    chanjiao_rules::questions::Kind::OneOf { options } => options[0].id.to_owned(),
                    chanjiao_rules::questions::Kind::Count { min } => min.max(1).to_string(),
                    chanjiao_rules::questions::Kind::Money => "100000".to_owned(),
                    chanjiao_rules::questions::Kind::Date => "2024-06-01".to_owned(),
                    chanjiao_rules::questions::Kind::Year => "2024".to_owned(),
                };
                s = s.reduce(Action::Edit(q.q, text));
            }
            s = s.reduce(Action::Continue);
        }
        assert_eq!(s.page, Page::Check);
        let p = s.progress();
        assert_eq!(Some(p.step + 1), p.total, "the check page is one step before the results");
        assert!(p.exact);
        s = s.reduce(Action::Continue);
        assert_eq!(s.page, Page::Results);
        assert!(s.evaluation().is_some());
    }

    #[test]
    fn a_draft_resumes_and_clear_forgets() {
        let raw: BTreeMap<Q, String> = [(Q::ApplicantType, "IND-GRAD".to_owned()), (Q::SeekingJobInQuanzhou, "是".to_owned())].into();
        let draft = Draft { raw, ..Draft::default() };
        let s = State::new(builtin(), Lang::En, Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!()), Vec::new(), Some(draft), None);
        let resumed = s.reduce(Action::Resume);
        assert_eq!(resumed.answers.applicant_type(), Some(ApplicantType::Graduate));
        // Back from a resumed draft walks through the topics already answered.
        assert_eq!(resumed.history, vec![Page::Start, Page::Questions(Section::Applicant)]);
        // A draft from before roles were asked resumes at them.
        assert_eq!(resumed.page, Page::Questions(Section::Roles));
        let cleared = resumed.reduce(Action::Clear);
        assert_eq!(cleared.raw.len(), 0);
        assert_eq!(cleared.page, Page::Start);
        assert_eq!(cleared.notice, Some(Notice::Cleared));
    }

    #[test]
    fn a_pack_question_is_asked_in_its_topic_and_kept_in_the_draft() {
        let text = include_str!("../../../examples/policy/example-new-incentive-2026.json");
        let params = chanjiao_rules::load_policy(&[text]).unwrap_or_else(|r| panic!("{:?}", r.error));
        let q = params.question("shared_workshop_recognised").unwrap_or_else(|| panic!("not added"));
        // A draft keeps the id the first screen cannot name; the widget names it under its policy.
        let raw: BTreeMap<Q, String> = [(Q::ApplicantType, "ENT".to_owned()), (Q::RegisteredInQuanzhou, "是".to_owned())].into();
        let draft = Draft { raw, unknown: vec![("shared_workshop_recognised".to_owned(), "是".to_owned())], ..Draft::default() };
        let on = Date::new(2026, 6, 30).unwrap_or_else(|| unreachable!());
        let s = State::new(params, Lang::Zh, on, Vec::new(), Some(draft), None).reduce(Action::Resume);
        assert_eq!(s.raw.get(&q).map(String::as_str), Some("是"));
        assert!(s.to_draft().raw.contains_key(&q), "saved again under its id");
        // Under the plan alone, the id is no question, and is left out.
        let draft = Draft { unknown: vec![("shared_workshop_recognised".to_owned(), "是".to_owned())], ..Draft::default() };
        assert!(State::new(builtin(), Lang::Zh, on, Vec::new(), Some(draft), None).draft.is_none());
        // It belongs to the topic of the question it follows, and the widget lists it there.
        assert_eq!(q.section(), Q::EntCityDemoOn.section());
        assert!(s.questions().iter().any(|x| x.q == q));
    }

    #[test]
    fn a_host_offering_one_type_skips_the_question() {
        let s = State::new(builtin(), Lang::Zh, Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!()), vec![ApplicantType::Enterprise], None, None);
        assert_eq!(s.reduce(Action::Start).page, Page::Questions(Section::Territory));
    }

    #[test]
    fn restart_forgets_the_answers_and_asks_the_first_question() {
        let s = state().reduce(Action::Start).reduce(Action::Edit(Q::ApplicantType, "ENT".into())).reduce(Action::Continue).reduce(Action::Restart);
        assert_eq!(s.page, Page::Questions(Section::Applicant));
        assert!(s.raw.is_empty() && s.answers.applicant_type().is_none());
    }

    #[test]
    fn import_reads_an_answers_file() {
        let file = serde_json::json!({"applicant_type": "ENT", "registered_in_quanzhou": true, "ent_employees": 85});
        let s = state().reduce(Action::Import(Some(file)));
        assert_eq!(s.notice, Some(Notice::Imported));
        assert_eq!(s.answers.count(Q::EntEmployees), Some(85));
        let bad = state().reduce(Action::Import(None));
        assert_eq!(bad.notice, Some(Notice::ImportFailed));
        let wrong = state().reduce(Action::Import(Some(serde_json::json!({"ent_employees": "many"}))));
        assert_eq!(wrong.notice, Some(Notice::ImportFailed));
    }

    fn enterprise() -> State {
        let text = include_str!("../../../examples/enterprise.json");
        let json = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        let s = state().reduce(Action::Import(Some(json)));
        assert_eq!(s.notice, Some(Notice::Imported));
        s
    }

    #[test]
    fn the_forms_page_offers_every_form_or_the_one_asked_for() {
        let s = enterprise().reduce(Action::Apply(None, None));
        assert_eq!(s.page, Page::Apply);
        assert_eq!(s.forms, ["A7", "A8", "A11", "A21", "B1"]);
        let one = enterprise().reduce(Action::Apply(None, Some("A11".into())));
        assert_eq!(one.forms, ["A11"]);
        // Choosing again keeps catalogue order; a designation is never a form.
        let two = one.reduce(Action::ToggleForm("A7".into())).reduce(Action::ToggleForm("D3".into()));
        assert_eq!(two.forms, ["A7", "A11"]);
        assert_eq!(two.reduce(Action::ToggleForm("A11".into())).forms, ["A7"]);
    }

    #[test]
    fn a_pdf_is_asked_for_only_with_a_valid_applicant_and_a_form() {
        let s = enterprise().reduce(Action::Apply(None, Some("A11".into()))).reduce(Action::MakePdf);
        assert_eq!(s.pdf, PdfStatus::Idle);
        assert_eq!(s.pdf_request, 0);
        assert_eq!(s.applicant_errors.iter().map(|e| e.field).collect::<Vec<_>>(), ["name", "id_number"]);
        assert_eq!(s.focus_errors, 1);
        let s = s
            .reduce(Action::EditApplicant("name", "泉州市恒达鞋业有限公司".into()))
            .reduce(Action::EditApplicant("id_number", "91330100799655058C".into()))
            .reduce(Action::MakePdf);
        assert_eq!(s.applicant_errors.iter().map(|e| e.field).collect::<Vec<_>>(), ["id_number"], "the check character is wrong");
        let s = s.reduce(Action::EditApplicant("id_number", "91330100799655058B".into())).reduce(Action::MakePdf);
        assert!(s.applicant_errors.is_empty());
        assert_eq!(s.pdf, PdfStatus::Loading { received: 0.0, total: 0.0 });
        assert_eq!(s.pdf_request, 1);
        // A second press while it is loading asks nothing more.
        let s = s.reduce(Action::MakePdf).reduce(Action::PdfProgress(10.0, 100.0));
        assert_eq!(s.pdf_request, 1);
        assert_eq!(s.pdf, PdfStatus::Loading { received: 10.0, total: 100.0 });
        let s = s.reduce(Action::PdfRendering).reduce(Action::PdfDone { file_name: "a.pdf".into(), pages: 2, missing: String::new() });
        assert!(matches!(s.pdf, PdfStatus::Done { pages: 2, .. }));
        // With no form chosen, nothing is made.
        let none = s.reduce(Action::ToggleForm("A11".into())).reduce(Action::MakePdf);
        assert!(none.applicant_errors.iter().any(|e| e.field == "forms"));
    }

    #[test]
    fn the_applicant_block_is_part_of_the_draft() {
        let s = enterprise().reduce(Action::Apply(None, None)).reduce(Action::EditApplicant("contact", "王丽".into()));
        let draft = s.to_draft();
        assert_eq!(draft.applicant.contact, "王丽");
        let resumed = State::new(builtin(), Lang::Zh, s.on, Vec::new(), Some(draft), None).reduce(Action::Resume);
        assert_eq!(resumed.applicant.contact, "王丽");
        assert_eq!(resumed.answers, s.answers);
    }

    /// The example enterprise on 2026-06-30, on the page of its graduates.
    fn at_the_graduates() -> State {
        let file: serde_json::Value = serde_json::from_str(include_str!("../../../examples/enterprise.json")).unwrap_or_else(|e| panic!("{e}"));
        let s = State::new(builtin(), Lang::Zh, Date::new(2026, 6, 30).unwrap_or_else(|| unreachable!()), Vec::new(), None, None);
        let s = s.reduce(Action::Import(Some(file))).reduce(Action::ChangeAnswer(Q::GraduatesHired, None));
        assert!(s.on_page().contains(&Q::GraduatesHiredOn), "{:?}", s.page);
        s
    }

    fn with_group(s: State, row: usize, count: &str, date: &str) -> State {
        s.reduce(Action::AddCohort).reduce(Action::EditCohort(row, false, count.into())).reduce(Action::EditCohort(row, true, date.into()))
    }

    #[test]
    fn groups_of_one_year_add_up_and_are_dated_by_the_earliest() {
        let s = with_group(at_the_graduates(), 0, "2", "2024-03-15");
        assert_eq!(s.focus_cohort, Some((s.focus_page, 0)), "the new row takes the focus");
        let s = with_group(s, 1, "1", "2024-11-01").reduce(Action::Continue);
        assert!(s.cohort_errors.is_empty() && s.errors.is_empty(), "{:?} {:?}", s.cohort_errors, s.errors);
        assert!(!s.answers.has_years() && s.cohorts.is_empty());
        assert_eq!((s.answers.count(Q::GraduatesHired), s.raw.get(&Q::GraduatesHiredOn).map(String::as_str)), (Some(26), Some("2024-03-15")));
        assert!(s.year_notice.as_ref().is_some_and(|(alert, t)| !alert && t.zh.contains("3 批合计 26 人")), "{:?}", s.year_notice);
    }

    #[test]
    fn a_group_of_another_year_goes_to_that_year_by_itself() {
        let s = with_group(at_the_graduates(), 0, "2", "2025-08-01");
        // A bad row is named by its group, both its parts.
        let bad = with_group(s.clone(), 1, "0", "2025-13-01").reduce(Action::Continue);
        assert_eq!(bad.cohort_errors.iter().map(|(r, d, _)| (*r, *d)).collect::<Vec<_>>(), [(Some(1), false), (Some(1), true)]);
        assert_eq!(bad.cohorts.len(), 2, "nothing lost");
        // The example's apprentices completed in 2025: that topic goes to 2025
        // with the group, by its date, and the rest to 2024, the investment's year.
        let moved = s.clone().reduce(Action::Continue);
        assert!(moved.cohort_errors.is_empty() && moved.errors.is_empty(), "{:?} {:?}", moved.cohort_errors, moved.errors);
        assert_eq!(moved.years_raw[&2025].get(&Q::ApprenticeshipCompletedOn).map(String::as_str), Some("2025-03-28"));
        assert_eq!(moved.years_raw[&2025].get(&Q::GraduatesHired).map(String::as_str), Some("2"));
        assert!(!moved.years_raw[&2024].contains_key(&Q::ApprenticeshipCompletedOn) && moved.years_raw[&2024].contains_key(&Q::B1Investment));
        let said = moved.year_notice.as_ref().map(|(_, t)| t.zh.clone()).unwrap_or_default();
        assert!(said.contains("2025 年度 2 人") && said.contains(&format!("“{}”记入 2025 年度", Section::Apprenticeship.title().zh)), "{said}");
        // 2024 now lacks its apprenticeship: asked on 2024's page, with no error shown.
        assert_eq!((moved.page, moved.errors.len()), (Page::Year(2024), 0));
        assert!(moved.on_page().contains(&Q::ApprenticeshipRuns), "{:?}", moved.on_page());

        let s = s.reduce(Action::ChangeAnswer(Q::ApprenticeshipCompletedOn, None)).reduce(Action::Edit(Q::ApprenticeshipCompletedOn, "2024-11-28".into()));
        let s = s.reduce(Action::ChangeAnswer(Q::GraduatesHired, None));
        assert_eq!(s.cohorts.len(), 1, "the group waits on the page");
        let s = s.reduce(Action::Continue);
        assert!(s.cohort_errors.is_empty() && s.errors.is_empty(), "{:?} {:?}", s.cohort_errors, s.errors);
        assert_eq!(s.answers.years().collect::<Vec<_>>(), [2024, 2025]);
        assert_eq!(s.years_raw[&2024].get(&Q::GraduatesHired).map(String::as_str), Some("23"));
        assert_eq!(s.years_raw[&2025].get(&Q::GraduatesHired).map(String::as_str), Some("2"));
        assert_eq!(s.years_raw[&2025].get(&Q::GraduatesHiredOn).map(String::as_str), Some("2025-08-01"));
        assert_eq!(s.raw.get(&Q::B1CarriedIn).map(String::as_str), Some("15000"), "the opening balance stays at the top");
        assert!(s.year_notice.as_ref().is_some_and(|(_, t)| t.zh.contains("2025 年度 2 人")), "{:?}", s.year_notice);
        // The page left is now 2024's page, where its facts are, and no topic
        // page emptied by the move is left behind for Back.
        assert_eq!(s.history.last(), Some(&Page::Year(2024)), "{:?}", s.history);
        assert!(
            !s.history.contains(&Page::Questions(Section::GraduateHiring)) && !s.history.contains(&Page::Questions(Section::Apprenticeship)),
            "{:?}",
            s.history
        );
        let back = s.clone().reduce(Action::Back);
        assert_eq!(back.page, Page::Year(2024));
        assert!(back.on_page().contains(&Q::GraduatesHired) && back.on_page().contains(&Q::ApprenticeshipRuns), "{:?}", back.on_page());
        assert_eq!(back.progress().step + 1, s.progress().step, "one step before");
        // The interview goes on to what 2025 still needs, and every step counts on by one.
        let mut s = s;
        let mut steps = vec![s.progress()];
        for _ in 0..20 {
            if s.page == Page::Check {
                break;
            }
            // An answer may reveal another: answered until none is left.
            while let Some(q) = s.on_page().into_iter().find(|q| !s.page_raw().contains_key(q)) {
                let text = match q.def().kind {
                    chanjiao_rules::questions::Kind::YesNo => "否",
                    _ => "0",
                };
                s = s.reduce(Action::Edit(q, text.into()));
            }
            s = s.reduce(Action::Continue);
            steps.push(s.progress());
        }
        assert_eq!(s.page, Page::Check, "{:?} {:?}", s.errors, s.on_page());
        for pair in steps.windows(2) {
            assert_eq!(pair[1].step, pair[0].step + 1, "{steps:?}");
        }
        assert!(steps.last().is_some_and(|p| p.exact && p.total == Some(p.step + 1)), "{steps:?}");
        let e = s.years_evaluation().unwrap_or_else(|| panic!("years evaluate"));
        let a11 = |y: usize| e.years[y].results.iter().find(|r| r.incentive.code == "A11").map(|r| r.amount.clone());
        // A medium-sized firm (420 staff, CNY 386m in industry): CNY 1,000 a hire in each year.
        assert_eq!(a11(1), Some(chanjiao_rules::Amount::Exact { yuan: chanjiao_rules::Decimal::from(2_000) }), "2025's two hires");
        assert_eq!(a11(0), Some(chanjiao_rules::Amount::Exact { yuan: chanjiao_rules::Decimal::from(23_000) }), "2024 keeps its 23 hires");
    }

    #[test]
    fn on_a_years_page_a_hire_of_another_year_joins_that_year() {
        let file: serde_json::Value = serde_json::from_str(include_str!("../../../examples/enterprise-years.json")).unwrap_or_else(|e| panic!("{e}"));
        let s = State::new(builtin(), Lang::Zh, Date::new(2026, 6, 30).unwrap_or_else(|| unreachable!()), Vec::new(), None, None);
        let s = s.reduce(Action::Import(Some(file))).reduce(Action::ChangeAnswer(Q::GraduatesHired, Some(2025)));
        let before: u64 = s.years_raw[&2024].get(&Q::GraduatesHired).and_then(|t| t.parse().ok()).unwrap_or_default();
        let own: u64 = s.years_raw[&2025].get(&Q::GraduatesHired).and_then(|t| t.parse().ok()).unwrap_or_default();
        let s = with_group(s, 0, "3", "2024-12-01").reduce(Action::Continue);
        assert!(s.cohort_errors.is_empty() && s.errors.is_empty(), "{:?} {:?}", s.cohort_errors, s.errors);
        assert_eq!(s.years_raw[&2024].get(&Q::GraduatesHired), Some(&(before + 3).to_string()), "added to what 2024 held");
        assert_eq!(s.years_raw[&2025].get(&Q::GraduatesHired), Some(&own.to_string()));
        assert!(s.year_notice.as_ref().is_some_and(|(_, t)| t.zh.contains(&format!("2024 年度 {} 人", before + 3))), "{:?}", s.year_notice);
    }

    #[test]
    fn a_group_row_removed_gives_the_focus_back_and_rows_are_kept_in_the_draft() {
        let s = with_group(with_group(at_the_graduates(), 0, "2", "2025-08-01"), 1, "x", "");
        let draft = s.to_draft();
        assert_eq!(draft.cohorts.len(), 2);
        let resumed = State::new(builtin(), Lang::Zh, s.on, Vec::new(), Some(draft), None).reduce(Action::Resume);
        assert_eq!(resumed.cohorts, s.cohorts);
        let s = s.reduce(Action::RemoveCohort(1));
        assert_eq!((s.cohorts.len(), s.focus_cohort), (1, Some((s.focus_page, 0))));
        let s = s.reduce(Action::RemoveCohort(0));
        assert_eq!((s.cohorts.len(), s.focus_field), (0, Some((s.focus_page, Q::GraduatesHiredOn))));
    }
}
