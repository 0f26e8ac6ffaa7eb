//! Who is applying, as an application form names them: the identity fields that
//! no rule reads and no event to the host page ever carries.

use serde::{Deserialize, Serialize};

use crate::catalogue::ApplicantType;
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
}

const fn t(zh: &'static str, en: &'static str) -> StaticText {
    st(zh, en)
}

/// The applicant fields, in the order a form prints them.
pub const APPLICANT_FIELDS: [ApplicantField; 7] = [
    ApplicantField {
        id: "name", label_org: t("申请单位名称", "Applicant (organisation)"), label_person: t("申请人姓名", "Applicant's name"), required: true
    },
    ApplicantField {
        id: "id_number",
        label_org: t("统一社会信用代码", "Unified social credit code"),
        label_person: t("公民身份号码", "Resident ID number"),
        required: true,
    },
    ApplicantField { id: "address", label_org: t("通讯地址", "Address"), label_person: t("通讯地址", "Address"), required: false },
    ApplicantField { id: "contact", label_org: t("联系人", "Contact person"), label_person: t("联系人", "Contact person"), required: false },
    ApplicantField { id: "phone", label_org: t("联系电话", "Telephone"), label_person: t("联系电话", "Telephone"), required: false },
    ApplicantField { id: "bank", label_org: t("开户银行", "Bank"), label_person: t("开户银行", "Bank"), required: false },
    ApplicantField {
        id: "account", label_org: t("银行账号", "Bank account number"), label_person: t("银行账号", "Bank account number"), required: false
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
            } else if c.is_control() {
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
            _ => return false,
        };
        *slot = value;
        true
    }

    /// The cleaned applicant, or every problem found, each naming its field
    /// (`applicant.id_number`). The identity number is checked by its check
    /// character: a unified social credit code for an organisation, a resident ID
    /// number for a person. Empty optional fields stay empty, for a form to leave
    /// a line to write on.
    pub fn checked(&self, t: ApplicantType) -> Result<Applicant, Vec<Error>> {
        let mut errors = Vec::new();
        let mut out = Applicant::default();
        for f in APPLICANT_FIELDS {
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
                    let check = if t.is_individual() { validate::check_resident_id(&value) } else { validate::check_uscc(&value) };
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
        if errors.is_empty() { Ok(out) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_needs_a_name_and_a_valid_credit_code() {
        let mut a = Applicant { name: "  泉州 市\n某某鞋业有限公司 ".into(), id_number: "91330100799655058B".into(), ..Applicant::default() };
        let ok = a.checked(ApplicantType::Enterprise).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok.name, "泉州 市 某某鞋业有限公司");
        a.id_number = "91330100799655058C".into();
        let errors = a.checked(ApplicantType::Enterprise).err().unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field.as_deref(), Some("applicant.id_number"));
        assert_eq!(errors[0].kind, ErrorKind::InvalidApplicant);
        // A person's ID number is not a credit code, and the reverse.
        assert!(Applicant { name: "张三".into(), id_number: "11010519491231002X".into(), ..Applicant::default() }.checked(ApplicantType::Enterprise).is_err());
        assert!(Applicant { name: "张三".into(), id_number: "11010519491231002X".into(), ..Applicant::default() }.checked(ApplicantType::Worker).is_ok());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let a = Applicant { phone: "call me".into(), account: "12".into(), ..Applicant::default() };
        let errors = a.checked(ApplicantType::Enterprise).err().unwrap_or_default();
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
        let ok = a.checked(ApplicantType::Enterprise).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok.phone, "0595-2222 3333");
        assert_eq!(ok.account, "6222020012345678901");
        let long = Applicant { name: "名".repeat(MAX_TEXT_CHARS + 1), ..a };
        assert!(long.checked(ApplicantType::Enterprise).is_err());
    }
}
