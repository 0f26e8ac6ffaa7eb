//! Who is applying, as an application form names them: the identity fields that
//! no rule reads and no event to the host page ever carries.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::catalogue::{ApplicantType, CellSource, Entry, RosterRows};
use crate::date::Date;
use crate::error::{Error, ErrorKind};
use crate::text::{StaticText, Text, st};
use crate::validate;

/// The longest name or address accepted, in characters. Real names are far shorter;
/// the limit keeps a pasted document from becoming a hundred-page form.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// The applicant block of an application form. Every field is text as the person
/// typed it; [`Applicant::checked`] returns the cleaned copy a form prints.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Applicant {
    /// 申请单位（人）名称: the registered name, or the person's name.
    pub name: String,
    /// 统一社会信用代码 for an organisation, 公民身份号码 for a person.
    pub id_number: String,
    /// 通讯地址.
    pub address: String,
    /// 联系人.
    pub contact: String,
    /// 联系电话.
    pub phone: String,
    /// 开户银行, where a grant is paid.
    pub bank: String,
    /// 银行账号.
    pub account: String,
    /// 法定代表人, for an organisation.
    pub legal_representative: String,
    /// The rows of each form's roster, by entry code (`A11`): each row maps a
    /// column's key (`name`, `id_number`, …) to what the applicant wrote. Rows
    /// not given are printed blank, to be filled in by hand.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub rosters: BTreeMap<String, Vec<BTreeMap<String, String>>>,
}

/// One field of the applicant block: its key, its label, and whether a form needs it.
#[derive(Clone, Copy, Debug)]
pub struct ApplicantField {
    /// The key in an applicant file, e.g. `id_number`.
    pub id: &'static str,
    /// The label for an organisation, e.g. 统一社会信用代码.
    pub label_org: StaticText,
    /// The label for a person, e.g. 公民身份号码.
    pub label_person: StaticText,
    /// A form cannot be made without it.
    pub required: bool,
    /// Only an organisation has it (a person has no legal representative).
    pub organisations_only: bool,
}

const fn t(zh: &'static str, en: &'static str) -> StaticText {
    st(zh, en)
}

/// The applicant fields, in the order a form prints them.
pub const APPLICANT_FIELDS: [ApplicantField; 8] = [
    ApplicantField {
        id: "name",
        label_org: t("申请单位名称", "Applicant (organisation)"),
        label_person: t("申请人姓名", "Applicant's name"),
        required: true,
        organisations_only: false,
    },
    ApplicantField {
        id: "id_number",
        label_org: t("统一社会信用代码", "Unified social credit code"),
        label_person: t("公民身份号码", "Resident ID number"),
        required: true,
        organisations_only: false,
    },
    ApplicantField {
        id: "legal_representative",
        label_org: t("法定代表人", "Legal representative"),
        label_person: t("法定代表人", "Legal representative"),
        required: false,
        organisations_only: true,
    },
    ApplicantField {
        id: "address", label_org: t("通讯地址", "Address"), label_person: t("通讯地址", "Address"), required: false, organisations_only: false
    },
    // A person is their own contact: only an organisation names one.
    ApplicantField {
        id: "contact",
        label_org: t("联系人", "Contact person"),
        label_person: t("联系人", "Contact person"),
        required: false,
        organisations_only: true,
    },
    ApplicantField {
        id: "phone", label_org: t("联系电话", "Telephone"), label_person: t("联系电话", "Telephone"), required: false, organisations_only: false
    },
    ApplicantField { id: "bank", label_org: t("开户银行", "Bank"), label_person: t("开户银行", "Bank"), required: false, organisations_only: false },
    ApplicantField {
        id: "account",
        label_org: t("银行账号", "Bank account number"),
        label_person: t("银行账号", "Bank account number"),
        required: false,
        organisations_only: false,
    },
];

fn invalid(field: &str, zh: &'static str, en: &'static str) -> Error {
    Error::new(ErrorKind::InvalidApplicant, Some(field), Text::new(zh, en))
}

/// Text as a form prints it: trimmed, with line breaks and tabs as spaces and other
/// control characters removed, so that nothing typed can change a file's structure.
fn clean(raw: &str) -> String {
    let spaced: String = raw
        .chars()
        .filter_map(|c| {
            if c.is_whitespace() {
                Some(' ')
            } else if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}') {
                // Bidirectional overrides would make a printed name read otherwise
                // than it is stored.
                None
            } else {
                Some(c)
            }
        })
        .collect();
    spaced.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

impl Applicant {
    /// The value of a field by its key.
    pub fn get(&self, id: &str) -> Option<&str> {
        Some(match id {
            "name" => &self.name,
            "id_number" => &self.id_number,
            "address" => &self.address,
            "contact" => &self.contact,
            "phone" => &self.phone,
            "bank" => &self.bank,
            "account" => &self.account,
            "legal_representative" => &self.legal_representative,
            _ => return None,
        })
    }

    /// Sets a field by its key; false for a key that is not a field.
    pub fn set(&mut self, id: &str, value: String) -> bool {
        let slot = match id {
            "name" => &mut self.name,
            "id_number" => &mut self.id_number,
            "address" => &mut self.address,
            "contact" => &mut self.contact,
            "phone" => &mut self.phone,
            "bank" => &mut self.bank,
            "account" => &mut self.account,
            "legal_representative" => &mut self.legal_representative,
            _ => return false,
        };
        *slot = value;
        true
    }

    /// The fields that apply to this type of applicant, in the order a form prints them.
    pub fn fields(t: ApplicantType) -> impl Iterator<Item = &'static ApplicantField> {
        APPLICANT_FIELDS.iter().filter(move |f| !(f.organisations_only && t.is_individual()))
    }

    /// The cleaned applicant, or every problem found, each naming its field
    /// (`applicant.id_number`, `applicant.rosters.A11[2].id_number`). The identity
    /// number is checked as its standard defines it: a unified social credit code
    /// for an organisation, a resident ID number (born by `on`, the evaluation
    /// date) for a person, and so is every ID number in a roster. Empty optional
    /// fields stay empty, for a form to leave a line to write on.
    pub fn checked(&self, params: &crate::Params, t: ApplicantType, on: Date) -> Result<Applicant, Vec<Error>> {
        let mut errors = Vec::new();
        let mut out = Applicant::default();
        for f in Applicant::fields(t) {
            let value = clean(self.get(f.id).unwrap_or_default());
            let key = format!("applicant.{}", f.id);
            if value.chars().count() > MAX_TEXT_CHARS {
                errors.push(invalid(&key, "内容过长（不超过 2000 字）", "too long (2,000 characters at most)"));
                continue;
            }
            if value.is_empty() {
                if f.required {
                    let label = if t.is_individual() { f.label_person } else { f.label_org };
                    errors.push(Error::new(
                        ErrorKind::InvalidApplicant,
                        Some(&key),
                        Text::new(format!("请填写{}", label.zh), format!("{} is required", label.en)),
                    ));
                }
                continue;
            }
            let value = match f.id {
                "id_number" => {
                    let check = if t.is_individual() { validate::check_resident_id(&value, on) } else { validate::check_uscc(&value) };
                    match check {
                        Ok(v) => v,
                        Err(why) => {
                            errors.push(Error::new(ErrorKind::InvalidApplicant, Some(&key), why));
                            continue;
                        }
                    }
                }
                "phone" => {
                    let digits = validate::fold_width(&value).chars().filter(char::is_ascii_digit).count();
                    let allowed = validate::fold_width(&value).chars().all(|c| c.is_ascii_digit() || " +-()转".contains(c));
                    if !allowed || !(7..=20).contains(&digits) {
                        errors.push(invalid(
                            &key,
                            "电话号码应为 7 至 20 位数字，可含 + - ( ) 和“转”",
                            "a telephone number has 7 to 20 digits, with + - ( ) allowed",
                        ));
                        continue;
                    }
                    validate::fold_width(&value)
                }
                "account" => {
                    let folded = validate::fold_width(&value);
                    let digits: String = folded.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
                    if !digits.chars().all(|c| c.is_ascii_digit()) || !(8..=32).contains(&digits.len()) {
                        errors.push(invalid(&key, "银行账号应为 8 至 32 位数字", "a bank account number has 8 to 32 digits"));
                        continue;
                    }
                    digits
                }
                _ => value,
            };
            out.set(f.id, value);
        }
        out.rosters = self.checked_rosters(params, on, &mut errors);
        if errors.is_empty() { Ok(out) } else { Err(errors) }
    }

    /// The rosters, cleaned: each entry code names an entry whose form has a
    /// roster, each key one of its columns, each ID number a valid one.
    fn checked_rosters(&self, params: &crate::Params, on: Date, errors: &mut Vec<Error>) -> BTreeMap<String, Vec<BTreeMap<String, String>>> {
        let mut out = BTreeMap::new();
        let catalogue = params.catalogue().ok();
        for (code, rows) in &self.rosters {
            let roster = catalogue.and_then(|c| c.find(code).ok()).and_then(|e| e.form.as_ref()).and_then(|f| f.roster.as_ref());
            let Some(roster) = roster else {
                errors.push(invalid(&format!("applicant.rosters.{code}"), "没有这个条目的名册", "no entry with this code has a roster"));
                continue;
            };
            let mut clean_rows = Vec::with_capacity(rows.len());
            for (i, row) in rows.iter().enumerate() {
                let mut clean_row = BTreeMap::new();
                for (key, raw) in row {
                    let field = format!("applicant.rosters.{code}[{}].{key}", i + 1);
                    let Some(column) = roster.columns.iter().find(|c| &c.id == key) else {
                        errors.push(Error::new(
                            ErrorKind::InvalidApplicant,
                            Some(&field),
                            Text::new(
                                format!("名册没有这一列；可用：{}", roster.columns.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join("、")),
                                format!("the roster has no such column; use {}", roster.columns.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")),
                            ),
                        ));
                        continue;
                    };
                    let value = clean(raw);
                    if value.chars().count() > MAX_TEXT_CHARS {
                        errors.push(invalid(&field, "内容过长（不超过 2000 字）", "too long (2,000 characters at most)"));
                        continue;
                    }
                    let value = if column.resident_id && !value.is_empty() {
                        match validate::check_resident_id(&value, on) {
                            Ok(v) => v,
                            Err(why) => {
                                errors.push(Error::new(ErrorKind::InvalidApplicant, Some(&field), why));
                                continue;
                            }
                        }
                    } else {
                        value
                    };
                    clean_row.insert(key.clone(), value);
                }
                clean_rows.push(clean_row);
            }
            out.insert(code.clone(), clean_rows);
        }
        out
    }

    /// The roster of `entry`'s form as it prints: one row per person the claim
    /// counts (the sum of the answers the roster counts, or its fixed number),
    /// each a cell per column, from the applicant's rows, else from the answers
    /// or the applicant block where the column says so, else blank. Every row the
    /// applicant wrote is kept; blank rows stop at `limit` rows in all, and
    /// [`RosterTable::counted`] says how many the claim counts. More rows written
    /// than the claim counts is an error: the amount would not match them. `None`
    /// when the entry's form has no roster. Call on a checked applicant.
    pub fn roster_rows(&self, entry: &Entry, answers: &Answers, limit: usize) -> Result<Option<RosterTable>, Error> {
        let Some(roster) = entry.form.as_ref().and_then(|f| f.roster.as_ref()) else { return Ok(None) };
        let counted: u64 = match &roster.rows {
            RosterRows::Count(qs) => qs.iter().map(|q| answers.count(*q).unwrap_or(0)).sum(),
            RosterRows::Fixed(n) => u64::from(*n),
        };
        let given = self.rosters.get(&entry.code).map_or(&[][..], Vec::as_slice);
        if given.len() as u64 > counted {
            return Err(Error::new(
                ErrorKind::InvalidApplicant,
                Some(&format!("applicant.rosters.{}", entry.code)),
                Text::new(
                    format!("{}有 {} 行，多于申报的 {counted} 人（项）", roster.title_zh, given.len()),
                    format!("the roster has {} rows, more than the {counted} the claim counts", given.len()),
                ),
            ));
        }
        let shown = usize::try_from(counted).unwrap_or(usize::MAX).min(limit).max(given.len());
        let rows = (0..shown)
            .map(|i| {
                let written = given.get(i);
                roster
                    .columns
                    .iter()
                    .map(|c| {
                        let own = written.and_then(|r| r.get(&c.id)).filter(|v| !v.is_empty());
                        own.cloned().unwrap_or_else(|| match &c.from {
                            Some(CellSource::Answer(q)) => answers.shown(*q, crate::text::Lang::Zh).unwrap_or_default(),
                            Some(CellSource::Applicant(f)) => self.get(f).unwrap_or_default().to_owned(),
                            None => String::new(),
                        })
                    })
                    .collect()
            })
            .collect();
        Ok(Some(RosterTable { rows, counted }))
    }
}

/// A roster as a form prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterTable {
    /// The rows, each a cell per column; blank cells are to be filled by hand.
    pub rows: Vec<Vec<String>>,
    /// How many persons (or items) the claim counts; more than `rows.len()` when
    /// the form had no room for a row each.
    pub counted: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on() -> Date {
        Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!())
    }

    fn plan() -> &'static crate::Params {
        crate::Params::plan().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_organisation_needs_a_name_and_a_valid_credit_code() {
        let mut a = Applicant { name: "  泉州 市\n某某鞋业有限公司 ".into(), id_number: "91330100799655058B".into(), ..Applicant::default() };
        let ok = a.checked(plan(), ApplicantType::Enterprise, on()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok.name, "泉州 市 某某鞋业有限公司");
        a.id_number = "91330100799655058C".into();
        let errors = a.checked(plan(), ApplicantType::Enterprise, on()).err().unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field.as_deref(), Some("applicant.id_number"));
        assert_eq!(errors[0].kind, ErrorKind::InvalidApplicant);
        // A person's ID number is not a credit code, and the reverse.
        assert!(
            Applicant { name: "张三".into(), id_number: "11010519491231002X".into(), ..Applicant::default() }
                .checked(plan(), ApplicantType::Enterprise, on())
                .is_err()
        );
        assert!(
            Applicant { name: "张三".into(), id_number: "11010519491231002X".into(), ..Applicant::default() }
                .checked(plan(), ApplicantType::Worker, on())
                .is_ok()
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let a = Applicant { phone: "call me".into(), account: "12".into(), ..Applicant::default() };
        let errors = a.checked(plan(), ApplicantType::Enterprise, on()).err().unwrap_or_default();
        let fields: Vec<_> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
        assert_eq!(fields, ["applicant.name", "applicant.id_number", "applicant.phone", "applicant.account"]);
    }

    #[test]
    fn phones_and_accounts_are_normalised() {
        let a = Applicant {
            name: "甲".into(),
            id_number: "91330100799655058B".into(),
            phone: "０５９５-２２２２ ３３３３".into(),
            account: "6222 0200 1234 5678 901".into(),
            ..Applicant::default()
        };
        let ok = a.checked(plan(), ApplicantType::Enterprise, on()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok.phone, "0595-2222 3333");
        assert_eq!(ok.account, "6222020012345678901");
        let long = Applicant { name: "名".repeat(MAX_TEXT_CHARS + 1), ..a };
        assert!(long.checked(plan(), ApplicantType::Enterprise, on()).is_err());
    }
}
