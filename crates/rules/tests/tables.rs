//! What the decision tables ask and what their results rest on, held directly.
//! (The tables were held to the Rust formulas they replaced by a differential
//! test until all 47 entries were tables and it was green: identical results
//! on every example, every golden file and 1,000,000 generated applicants.
//! The behaviours themselves are held by the cases in tests/cases and the
//! golden files.)

use chanjiao_rules::{Answers, Date, Params, evaluate_entry_with};

/// The built-in plan, composed as every program composes its policy.
fn policy() -> &'static chanjiao_rules::Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

fn builtin() -> &'static Params {
    policy()
}

/// What a table asks, and what its result rests on, held directly, for when
/// the oracle is gone: the questions a page asks together are waited for
/// together (`ask_together`), and an event's date is asked before any row
/// but the refusals that lead the table.
#[test]
fn a_table_asks_a_page_together_and_the_event_date_before_what_follows_it() {
    let on = Date::parse("2025-06-30").unwrap_or_else(|| panic!("a date"));
    let entry = |json: &str, code: &str| {
        let a = Answers::from_json(json).unwrap_or_else(|e| panic!("{e}"));
        evaluate_entry_with(builtin(), &a, on, code).unwrap_or_else(|e| panic!("{e}"))
    };
    let ids = |qs: &[chanjiao_rules::Q]| qs.iter().map(|q| q.id()).collect::<Vec<_>>();
    // A1: the unit and the date of a selection are one page.
    let school = r#""applicant_type": "SCH-VOC", "registered_in_quanzhou": true"#;
    let a1 = entry(&format!(r#"{{{school}, "double_high_list": "national_double_high"}}"#), "A1");
    assert_eq!(ids(&a1.missing), ["double_high_unit", "double_high_selected_on"]);
    // A refusal that leads the table holds without the date.
    let a1 = entry(&format!(r#"{{{school}, "double_high_list": "none"}}"#), "A1");
    assert_eq!((a1.status, a1.missing.len()), (chanjiao_rules::Status::NotEligible, 0));
    // A3: the stage is asked after the date; answered before it, it waits, and
    // the result does not rest on it yet.
    let a3 = entry(&format!(r#"{{{school}, "industry_college_national": true, "industry_college_stage": "approved_for_build"}}"#), "A3");
    assert_eq!(ids(&a3.missing), ["industry_college_national_on"]);
    assert_eq!(ids(&a3.evidence), ["registered_in_quanzhou", "industry_college_national"]);
    // Given the date, the stage decides; the grant is the one in force on that date.
    let a3 = entry(
        &format!(
            r#"{{{school}, "industry_college_national": true, "industry_college_national_on": "2023-05-01", "industry_college_stage": "approved_for_build"}}"#
        ),
        "A3",
    );
    assert_eq!((a3.status, a3.amount.code()), (chanjiao_rules::Status::Undetermined, "exact:2000000".to_owned()));
}
