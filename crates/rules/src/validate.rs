//! Reading what people type: full-width digits, thousands separators, 万, and the
//! check digits of the identifiers the application forms carry.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::money::WAN;
use crate::text::Text;

/// Folds full-width ASCII (`１２３`, `，`, `．`, `－`) and the ideographic space to
/// their ordinary forms, so that input from a Chinese IME reads like any other.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Why a number was refused, in both languages.
fn refuse(zh: &'static str, en: &'static str) -> Text {
    Text::new(zh, en)
}

/// Removes white space and checks thousands separators: `1,234,567` is fine, `1,23` is not.
fn strip_grouping(s: &str) -> Result<String, Text> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.contains(',') {
        return Ok(compact);
    }
    let (int, frac) = compact.split_once('.').map_or((compact.as_str(), None), |(i, f)| (i, Some(f)));
    let int = int.strip_prefix('-').unwrap_or(int);
    let groups: Vec<&str> = int.split(',').collect();
    let well_grouped = !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if !well_grouped || frac.is_some_and(|f| f.contains(',')) {
        return Err(refuse("千分位逗号位置不对，请写成 1,234,567 或不加逗号", "Misplaced thousands separator; write 1,234,567 or no commas"));
    }
    Ok(compact.replace(',', ""))
}

/// Reads a whole number of people, places, months or majors: `12`, `１２`, `1,200`.
pub fn parse_count(raw: &str) -> Result<u64, Text> {
    let folded = fold_width(raw.trim());
    let s = strip_grouping(folded.trim_end_matches(['人', '个', '名', '项', '月', '晚', '天']))?;
    let s = s.as_str();
    if s.is_empty() {
        return Err(refuse("请填写一个数字", "Please enter a number"));
    }
    if s.starts_with('-') && s[1..].bytes().all(|b| b.is_ascii_digit() || b == b'.') && s.len() > 1 {
        return Err(refuse("不能为负数", "Cannot be negative"));
    }
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') && s.contains('.') {
        return Err(refuse("必须是整数", "Must be a whole number"));
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refuse("只能填写数字（可用全角数字或千分位逗号）", "Digits only (full-width digits and thousands separators are fine)"));
    }
    let n = s.parse::<u64>().map_err(|_| refuse("数字太大，请核对", "Number is too large; please check it"))?;
    if n > MAX_COUNT {
        return Err(refuse("数字太大（不超过 1 亿），请核对", "Number is too large (at most 100 million); please check it"));
    }
    Ok(n)
}

/// The largest count accepted: far above any real head count, and small enough
/// that no product of counts, rates and months can overflow a decimal.
pub const MAX_COUNT: u64 = 100_000_000;

/// The largest amount accepted, in yuan (1,000万亿): far above any real figure,
/// and small enough that sums and rates cannot overflow a decimal.
pub const MAX_YUAN: i64 = 1_000_000_000_000_000;

/// Reads an amount of money in yuan: `35000000`, `3,500万`, `1250.50元`, `３５００万元`.
/// At most two decimals (fen) after conversion to yuan; never negative.
pub fn parse_money(raw: &str) -> Result<Decimal, Text> {
    let folded = fold_width(raw.trim());
    let s = folded.strip_suffix('元').unwrap_or(&folded).trim_end();
    let (digits, scale) = match s.strip_suffix('万') {
        Some(d) => (strip_grouping(d)?, WAN),
        None => (strip_grouping(s)?, Decimal::ONE),
    };
    let digits = digits.as_str();
    if digits.is_empty() {
        return Err(refuse("请填写金额", "Please enter an amount"));
    }
    if digits.starts_with('-') {
        return Err(refuse("金额不能为负数", "An amount cannot be negative"));
    }
    let plain = digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') && digits.bytes().filter(|b| *b == b'.').count() <= 1;
    if !plain || digits == "." {
        return Err(refuse("金额只能是数字，例如 3500000 或 350万", "An amount must be a number, e.g. 3500000 or 3,500,000"));
    }
    let value = Decimal::from_str(digits).map_err(|_| refuse("金额太大", "Amount is too large"))?;
    let yuan = value.checked_mul(scale).ok_or_else(|| refuse("金额太大", "Amount is too large"))?;
    if yuan > Decimal::from(MAX_YUAN) {
        return Err(refuse("金额太大，请核对单位（元）", "Amount is too large; check the unit (yuan)"));
    }
    if yuan.normalize().scale() > 2 {
        return Err(refuse("金额最多保留两位小数（分）", "At most two decimal places"));
    }
    Ok(yuan.normalize())
}

/// Reads a four-digit year, e.g. `2024` or `2024年`.
pub fn parse_year(raw: &str) -> Result<u16, Text> {
    let s = fold_width(raw.trim());
    let s = s.trim_end_matches('年');
    if s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && let Ok(y) = s.parse::<u16>()
        && y >= 1900
    {
        return Ok(y);
    }
    Err(refuse("请填写四位年份，例如 2024", "Please enter a four-digit year, e.g. 2024"))
}

/// True for "I don't know" as people write it: 不清楚, 不知道, unknown, not sure.
pub fn is_unsure(raw: &str) -> bool {
    matches!(fold_width(raw.trim()).to_ascii_lowercase().as_str(), "不清楚" | "不知道" | "不确定" | "unknown" | "not sure" | "don't know" | "i don't know")
}

/// Reads yes or no: `是`/`否`, `yes`/`no`, `true`/`false`, `y`/`n`, `1`/`0`.
pub fn parse_yes_no(raw: &str) -> Result<bool, Text> {
    match fold_width(raw.trim()).to_ascii_lowercase().as_str() {
        "是" | "有" | "yes" | "y" | "true" | "1" => Ok(true),
        "否" | "无" | "没有" | "不是" | "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(refuse("请回答“是”或“否”", "Please answer yes or no")),
    }
}

const USCC_CHARS: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// GB 32100-2015, table 1: each registration authority's code (position 1) with
/// the organisation-type codes (position 2) it issues.
const USCC_AUTHORITIES: [(u8, &[u8]); 12] = [
    (b'1', b"1239"),   // 机构编制: 机关、事业单位、中央编办直管群众团体、其他
    (b'2', b"19"),     // 外交: 外国常住新闻机构、其他
    (b'3', b"123459"), // 司法行政: 律师执业机构、公证处、基层法律服务所、司法鉴定机构、仲裁委员会、其他
    (b'4', b"19"),     // 文化: 外国在华文化中心、其他
    (b'5', b"1239"),   // 民政: 社会团体、民办非企业单位、基金会、其他
    (b'6', b"129"),    // 旅游: 外国和港澳台地区旅游部门常驻代表机构、其他
    (b'7', b"129"),    // 宗教: 宗教活动场所、宗教院校、其他
    (b'8', b"19"),     // 工会: 基层工会、其他
    (b'9', b"123"),    // 工商: 企业、个体工商户、农民专业合作社
    (b'A', b"19"),     // 中央军委改革和编制办公室: 军队事业单位、其他
    (b'N', b"1239"),   // 农业: 组级、村级、乡镇级集体经济组织、其他
    (b'Y', b"1"),      // 其他
];

/// Checks an 18-character unified social credit code (统一社会信用代码, GB 32100-2015)
/// as the standard defines it: a registration authority's code and one of its
/// organisation-type codes (positions 1–2), the administrative division in digits
/// (3–8), the organisation code in the code's alphabet, which has no I, O, S, V
/// or Z (9–17), and the check character (18).
pub fn check_uscc(raw: &str) -> Result<String, Text> {
    let code: String = fold_width(raw.trim()).to_ascii_uppercase();
    if code.chars().count() != 18 {
        return Err(refuse("统一社会信用代码应为 18 位", "A unified social credit code has 18 characters"));
    }
    let values: Vec<u32> = code.bytes().map(|b| USCC_CHARS.iter().position(|c| *c == b).map(|p| p as u32)).collect::<Option<_>>().ok_or_else(|| {
        refuse("统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）", "The code has a character it may not contain (I, O, S, V and Z are not used)")
    })?;
    let bytes = code.as_bytes();
    let types = USCC_AUTHORITIES.iter().find(|(authority, _)| *authority == bytes[0]).map(|(_, types)| *types);
    if !types.is_some_and(|t| t.contains(&bytes[1])) {
        return Err(refuse(
            "统一社会信用代码前两位不是国家标准规定的登记管理部门和机构类别代码（企业一般为 91、92、93）",
            "The code's first two characters are not a registration authority and organisation type the standard defines (enterprises usually start 91, 92 or 93)",
        ));
    }
    if !bytes[2..8].iter().all(u8::is_ascii_digit) {
        return Err(refuse("统一社会信用代码第 3 至 8 位是行政区划代码，只能是数字", "Characters 3 to 8 of the code are a region code and must be digits"));
    }
    let sum: u32 = values[..17].iter().zip(USCC_WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    if values[17] != check {
        return Err(refuse("统一社会信用代码校验位不符，请核对是否输错", "The code's check character does not match; please check for a typo"));
    }
    Ok(code)
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";

/// Whether `code` is an administrative-division code of GB/T 2260, in force or
/// abolished: an identity number keeps the code of the place where it was
/// first issued, so a code withdrawn in 1992 still begins numbers in use. The
/// table, `data/regions.txt`, also holds 810000, 820000 and 830000, which begin
/// the residence permits of people from Hong Kong, Macao and Taiwan, numbers of
/// the same format.
///
/// `build.rs` stores the table as differences between ascending codes
/// (`data::REGIONS`); reading them in order until a code is not below `code`
/// takes a few thousand byte reads and no memory, and the table is linked only
/// into builds that check identity numbers.
fn is_division(code: u32) -> bool {
    let (mut value, mut delta, mut shift) = (0u32, 0u32, 0u32);
    for &byte in crate::data::REGIONS {
        delta |= u32::from(byte & 0x7F) << shift;
        if byte & 0x80 != 0 {
            shift += 7;
            continue;
        }
        value += delta;
        if value >= code {
            return value == code;
        }
        (delta, shift) = (0, 0);
    }
    false
}

/// Checks an 18-digit resident identity number (公民身份号码, GB 11643-1999) as
/// the standard defines it: an address code of GB/T 2260, in force or
/// abolished, a birth date that exists and is not after `on` (the evaluation
/// date), and the check character (ISO 7064 MOD 11-2).
pub fn check_resident_id(raw: &str, on: crate::date::Date) -> Result<String, Text> {
    let id: String = fold_width(raw.trim()).to_ascii_uppercase();
    let bytes = id.as_bytes();
    if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) || !(bytes[17].is_ascii_digit() || bytes[17] == b'X') {
        return Err(refuse("身份证号码应为 18 位，前 17 位为数字，末位为数字或 X", "An ID number has 17 digits and then a digit or X"));
    }
    let region = bytes[..6].iter().fold(0, |n, b| n * 10 + u32::from(b - b'0'));
    if !is_division(region) {
        let code = &id[..6];
        return Err(Text::new(
            format!("身份证号码前六位（地区代码）{code} 不是有效的行政区划代码，请核对"),
            format!("The ID number's first six digits (region code) {code} are not an administrative-division code; please check it"),
        ));
    }
    let birth = format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14]);
    match crate::date::Date::parse(&birth) {
        None => return Err(refuse("身份证号码中的出生日期不存在", "The birth date inside the ID number does not exist")),
        Some(b) if b > on => return Err(refuse("身份证号码中的出生日期晚于今天", "The birth date inside the ID number is after today")),
        Some(_) => {}
    }
    let sum: u32 = bytes[..17].iter().zip(ID_WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    if bytes[17] != ID_CHECK[(sum % 11) as usize] {
        return Err(refuse("身份证号码校验位不符，请核对是否输错", "The ID number's check character does not match; please check for a typo"));
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_accept_what_people_type() {
        assert_eq!(parse_count("１２"), Ok(12));
        assert_eq!(parse_count("1,200"), Ok(1200));
        assert_eq!(parse_count("1，200"), Ok(1200));
        assert_eq!(parse_count(" 7 人"), Ok(7));
        assert!(parse_count("-3").is_err());
        assert!(parse_count("3.5").is_err());
        assert!(parse_count("abc").is_err());
        assert!(parse_count("").is_err());
        assert!(parse_count("1,23").is_err());
        assert!(parse_count("99999999999999999999999").is_err());
        assert_eq!(parse_count("100000000"), Ok(MAX_COUNT));
        assert!(parse_count("100000001").is_err());
    }

    #[test]
    fn money_in_yuan_or_wan() {
        assert_eq!(parse_money("3500万"), Ok(Decimal::from(35_000_000)));
        assert_eq!(parse_money("３,５００万元"), Ok(Decimal::from(35_000_000)));
        assert_eq!(parse_money("1250.50"), Ok(Decimal::new(12505, 1)));
        assert!(parse_money("1.234").is_err());
        assert!(parse_money("-5").is_err());
        assert!(parse_money("12a").is_err());
        assert!(parse_money("1.2.3").is_err());
        assert_eq!(parse_money("0.0001万"), Ok(Decimal::ONE));
        assert!(parse_money("1000000000000001").is_err());
        assert!(parse_money("99999999999999999999999999999999").is_err());
    }

    #[test]
    fn uscc_check_character() {
        // A published code (computed independently to end in B), and a typo of it.
        assert_eq!(check_uscc("91330100799655058B"), Ok("91330100799655058B".into()));
        assert!(check_uscc("91330100799655058C").is_err());
        // An arbitrary body: exactly one check character fits, and a changed body fails.
        let body = "91350500MA2Y3K4L5";
        let good = USCC_CHARS.iter().map(|c| format!("{body}{}", *c as char)).find(|c| check_uscc(c).is_ok());
        let Some(good) = good else { panic!("some check character must fit") };
        let changed = good.replacen('M', "N", 1);
        assert!(check_uscc(&changed).is_err());
        assert!(check_uscc(&good.to_lowercase()).is_ok());
        assert!(check_uscc("91350500MA2Y3K4LO5").is_err());
        assert!(check_uscc("123").is_err());
    }

    #[test]
    fn resident_id_check_character() {
        let on = crate::date::Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!());
        // The worked example of GB 11643-1999.
        assert_eq!(check_resident_id("11010519491231002X", on), Ok("11010519491231002X".into()));
        assert_eq!(check_resident_id("11010519491231002x", on), Ok("11010519491231002X".into()));
        assert!(check_resident_id("110105194912310021", on).is_err());
        assert!(check_resident_id("110105194902300020", on).is_err());
        assert!(check_resident_id("1101051949123100", on).is_err());
    }

    /// An ID number with the given first 17 characters and the check character that fits them.
    fn with_check(body: &str) -> String {
        let sum: u32 = body.bytes().zip(ID_WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
        format!("{body}{}", ID_CHECK[(sum % 11) as usize] as char)
    }

    #[test]
    fn resident_id_region_is_a_division() {
        let on = crate::date::Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!());
        // Two made-up regions: 12 and 35 are provinces, but neither 123456 nor
        // 350599 was ever a division; the check character and date are right.
        for region in ["123456", "350599"] {
            let id = with_check(&format!("{region}19850615123"));
            let Err(why) = check_resident_id(&id, on) else { panic!("{id} has a made-up region") };
            assert!(why.zh.contains(region) && why.zh.contains("行政区划代码"), "{}", why.zh);
            assert!(why.en.contains(region) && why.en.contains("administrative-division code"), "{}", why.en);
        }
        // Divisions in force (鲤城区, 丰泽区, 永春县 of Quanzhou; 东城区 of
        // Beijing), abolished ones (晋江县, 1985–1991, now 350582 晋江市; 南安县,
        // now 350583; 崇文区 of Beijing, to 2010), one set up in 2021 (沙县区) and
        // the residence permits of Hong Kong, Macao and Taiwan.
        let real = ["350502", "350503", "350525", "110101", "350522", "350523", "110103", "350405", "810000", "820000", "830000"];
        for region in real {
            let id = with_check(&format!("{region}19850615123"));
            assert_eq!(check_resident_id(&id, on), Ok(id.clone()), "{region} is a division");
        }
        // The ends of the table and codes beyond them.
        assert!(is_division(110000) && is_division(830000));
        assert!(!is_division(0) && !is_division(109999) && !is_division(830001) && !is_division(999999));
    }
}
