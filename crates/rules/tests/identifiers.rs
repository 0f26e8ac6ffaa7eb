//! The identifier checks against vectors made by an independent implementation
//! (python-stdnum, by scripts/gen-id-vectors.py): every credit code and resident
//! ID number in tests/vectors/identifiers.csv gets the verdict written beside it.
//! Where GB 32100 or GB 11643 asks more than stdnum checks, the file says so.

use chanjiao_rules::Date;
use chanjiao_rules::validate::{check_resident_id, check_uscc};

#[test]
fn identifiers_get_the_verdicts_of_the_vectors() {
    let on = Date::parse("2026-11-29").unwrap_or_else(|| panic!("a date"));
    let text = include_str!("vectors/identifiers.csv");
    let mut checked = (0, 0);
    let mut wrong = Vec::new();
    for line in text.lines().skip(1) {
        let mut parts = line.splitn(4, ',');
        let (Some(kind), Some(value), Some(expected), Some(why)) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            panic!("a vector has four fields: {line}");
        };
        let verdict = match kind {
            "uscc" => check_uscc(value).is_ok(),
            "ric" => check_resident_id(value, on).is_ok(),
            other => panic!("unknown kind {other}"),
        };
        if verdict {
            checked.0 += 1;
        } else {
            checked.1 += 1;
        }
        if verdict != (expected == "valid") {
            wrong.push(format!("{kind} {value}: expected {expected} ({why})"));
        }
    }
    assert!(wrong.is_empty(), "{} vectors disagree:\n{}", wrong.len(), wrong.join("\n"));
    assert!(checked.0 > 100 && checked.1 > 40, "the file holds both verdicts in number: {checked:?}");
}
