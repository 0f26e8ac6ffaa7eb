//! The differential test of the entries written as data (decision tables in
//! entries.toml) against their Rust formulas, the oracle kept until every entry
//! has moved: identical results, field by field, for every example on the dates
//! the golden files use, under the built-in plan and under each example pack,
//! and for many generated applicants (`CHANJIAO_DIFF_N`, 20,000 by default;
//! scripts/test.sh runs 1,000,000 in a release build). It prints the count.

use chanjiao_rules::{Answers, Date, EntryResult, Lang, Pack, Params, evaluate_entry_with, with_formulas};

const EXAMPLES: [&str; 10] = [
    include_str!("../../../examples/enterprise.json"),
    include_str!("../../../examples/small-manufacturer.json"),
    include_str!("../../../examples/vocational-school.json"),
    include_str!("../../../examples/university.json"),
    include_str!("../../../examples/teacher.json"),
    include_str!("../../../examples/worker.json"),
    include_str!("../../../examples/graduate.json"),
    include_str!("../../../examples/graduate-worker.json"),
    include_str!("../../../examples/organisation.json"),
    include_str!("../../../examples/enterprise.json"),
];
const PACKS: [&str; 2] =
    [include_str!("../../../examples/policy/example-successor-2026.json"), include_str!("../../../examples/policy/example-continuation-2026.json")];
const DATES: [&str; 6] = ["2022-12-15", "2023-06-30", "2025-06-30", "2026-01-01", "2026-06-30", "2027-12-31"];

fn builtin() -> &'static Params {
    Params::get().unwrap_or_else(|e| panic!("{e}"))
}

/// The policies to compare under: the plan alone, and the plan with each example pack.
fn policies() -> Vec<&'static Params> {
    let mut out = vec![builtin()];
    for text in PACKS {
        let pack = Pack::from_json(text, "0000test", builtin()).unwrap_or_else(|e| panic!("{e}"));
        out.push(builtin().with_packs(vec![pack]).unwrap_or_else(|e| panic!("{e}")));
    }
    out
}

/// The entries decided by a table.
fn tabled() -> Vec<String> {
    let catalogue = chanjiao_rules::Catalogue::get().unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<String> = catalogue.entries.iter().filter(|e| e.has_table()).map(|e| e.code.clone()).collect();
    assert!(!codes.is_empty(), "some entries are tables");
    codes
}

/// Everything a result says, as the JSON output and the forms read it.
fn said(r: &EntryResult) -> String {
    let json = serde_json::to_string(r).unwrap_or_default();
    format!("{json}\n{}\n{}\n{}", r.reason.get(Lang::Zh), r.reason.get(Lang::En), r.lead().get(Lang::En))
}

/// Compares one applicant on one date under one policy; returns whether it
/// could be evaluated (answers with a date after `on` cannot).
fn same(params: &'static Params, a: &Answers, on: Date, codes: &[String]) -> bool {
    for code in codes {
        let table = evaluate_entry_with(params, a, on, code);
        let formula = with_formulas(|| evaluate_entry_with(params, a, on, code));
        match (table, formula) {
            (Ok(t), Ok(f)) => assert_eq!(said(&t), said(&f), "{code} on {on}, answers {}", a.canonical()),
            (Err(t), Err(f)) => {
                assert_eq!(t, f, "{code}");
                return false;
            }
            (t, f) => panic!("{code} on {on}: the table gives {t:?}, the formula {f:?}"),
        }
    }
    true
}

#[test]
fn every_example_gives_identical_results_by_table_and_by_formula() {
    let codes = tabled();
    let mut compared = 0;
    for params in policies() {
        for text in EXAMPLES {
            let a = Answers::from_json(text).unwrap_or_else(|e| panic!("{e}"));
            for on in DATES.iter().filter_map(|d| Date::parse(d)) {
                compared += usize::from(same(params, &a, on, &codes));
            }
        }
    }
    println!("examples: {compared} applicant-dates compared on {} tabled entries", codes.len());
    assert!(compared > 50);
}

/// A small random generator (xorshift), so the test needs no crate and repeats.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A random applicant: a type, and each question answered or not, every date
/// and year before the year of `on` (an event after the evaluation date is refused).
fn random_answers(rng: &mut Rng, on: Date) -> Option<Answers> {
    let years = u64::from(on.year().saturating_sub(2021)).max(1);
    const TYPES: [&str; 7] = ["ENT", "SCH-VOC", "SCH-UG", "IND-WORKER", "IND-GRAD", "IND-TEACHER", "ORG"];
    let mut pairs: Vec<(String, String)> = vec![("applicant_type".into(), TYPES[rng.below(7) as usize].into())];
    for q in chanjiao_rules::questions::all() {
        if q.id == "applicant_type" || q.id.starts_with("also_") || rng.below(3) == 0 {
            continue;
        }
        let value = match q.kind {
            chanjiao_rules::questions::Kind::YesNo => (rng.below(2) == 0).to_string(),
            chanjiao_rules::questions::Kind::Count { min } => (min + rng.below(30)).to_string(),
            chanjiao_rules::questions::Kind::Money => (rng.below(5_000_000)).to_string(),
            chanjiao_rules::questions::Kind::Date => format!("{}-{:02}-{:02}", 2021 + rng.below(years), 1 + rng.below(12), 1 + rng.below(28)),
            chanjiao_rules::questions::Kind::Year => (2021 + rng.below(years)).to_string(),
            chanjiao_rules::questions::Kind::OneOf { options } => options[rng.below(options.len() as u64) as usize].id.to_owned(),
        };
        pairs.push((q.id.to_owned(), value));
    }
    Answers::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).ok()
}

#[test]
fn generated_applicants_give_identical_results_by_table_and_by_formula() {
    let n: usize = std::env::var("CHANJIAO_DIFF_N").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
    let codes = tabled();
    let policies = policies();
    let dates: Vec<Date> = DATES.iter().filter_map(|d| Date::parse(d)).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut applicants, mut compared) = (0, 0);
    while applicants < n {
        let params = policies[rng.below(policies.len() as u64) as usize];
        let on = dates[rng.below(dates.len() as u64) as usize];
        let Some(a) = random_answers(&mut rng, on) else { continue };
        applicants += 1;
        compared += usize::from(same(params, &a, on, &codes));
    }
    println!("generated: {applicants} applicants, {compared} evaluable on their date, identical by table and by formula on {} entries", codes.len());
    assert!(compared > n * 9 / 10, "the generated applicants are evaluable ({compared} of {n})");
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

/// Compares `pairs` whole and with each answer but the first (the type) left
/// out, so that what is asked next is compared too; returns how many compared.
fn each_left_out(pairs: &[(&str, &str)], on: Date, codes: &[String]) -> usize {
    let mut compared = 0;
    for left_out in 0..pairs.len() {
        let given = pairs.iter().enumerate().filter(|(i, _)| *i == 0 || *i != left_out).map(|(_, p)| *p);
        let Ok(a) = Answers::from_pairs(given) else { continue };
        compared += usize::from(same(builtin(), &a, on, codes));
    }
    compared
}

/// The rarer ways of the graduate-hiring subsidy (A11), which random answers
/// seldom reach: every size class certified or not, figures below, on and
/// beyond the large-enterprise line (X10), each ownership and each sector, a
/// hire before the founding, and each answer left out in turn, so that what
/// is asked next is compared too.
#[test]
fn the_graduate_hiring_subsidy_gives_identical_results_on_every_branch_of_its_size_rule() {
    let codes = ["A11".to_owned()];
    let on = Date::parse("2025-06-30").unwrap_or_else(|| panic!("a date"));
    let sectors = chanjiao_rules::questions::all().iter().find(|q| q.id == "ent_sector").map(|q| q.kind);
    let Some(chanjiao_rules::questions::Kind::OneOf { options: sectors }) = sectors else { panic!("the sector is a choice") };
    let mut compared = 0;
    for sector in sectors.iter().map(|s| s.id) {
        for class in ["", "large", "medium", "small", "micro", "unknown"] {
            for (employees, (revenue, assets)) in ["8", "300", "1000", "1001"]
                .into_iter()
                .flat_map(|e| [("900000", "1000000"), ("20000000", "120000000"), ("400000000", "800000000"), ("500000000", "900000000")].map(|r| (e, r)))
            {
                for ownership in ["private", "mixed", "state", "foreign"] {
                    for (hired, established) in [("3", "2020-01-01"), ("2000", "2024-09-01")] {
                        let mut pairs = vec![
                            ("applicant_type", "ENT"),
                            ("registered_in_quanzhou", "true"),
                            ("graduates_hired", hired),
                            ("ent_ownership", ownership),
                            ("ent_sector", sector),
                            ("ent_employees", employees),
                            ("ent_revenue", revenue),
                            ("ent_assets", assets),
                            ("graduates_hired_on", "2024-05-01"),
                            ("ent_established_on", established),
                        ];
                        if !class.is_empty() {
                            pairs.push(("ent_size_class", class));
                        }
                        compared += each_left_out(&pairs, on, &codes);
                    }
                }
            }
        }
    }
    println!("A11: {compared} applicants compared");
    assert!(compared > 1000);
}

/// The same for the apprenticeship subsidy (A8): each class passed or not,
/// enrolments given, fewer or none, lengths within and beyond reason,
/// completions before the plan, within it and after it expired, a completion
/// before the founding, and each answer left out in turn.
#[test]
fn the_apprenticeship_subsidy_gives_identical_results_on_every_branch() {
    let codes = ["A8".to_owned()];
    let on = Date::parse("2026-06-30").unwrap_or_else(|| panic!("a date"));
    let mut compared = 0;
    for (intermediate, advanced, technician) in [("0", "0", "0"), ("4", "0", "0"), ("0", "3", "0"), ("4", "3", "0"), ("0", "0", "2"), ("4", "3", "2")] {
        for (enrolled_i, enrolled_a) in [(None, None), (Some("5"), None), (Some("2"), Some("6")), (Some("0"), Some("0"))] {
            for months in ["6", "12", "18", "40"] {
                for completed in ["2021-12-01", "2023-03-15", "2026-02-01"] {
                    for (employees, established) in [("50", "2019-01-01"), ("5", "2023-01-01")] {
                        let mut pairs = vec![
                            ("applicant_type", "ENT"),
                            ("registered_in_quanzhou", "true"),
                            ("apprenticeship_runs", "true"),
                            ("apprentices_intermediate_passed", intermediate),
                            ("apprentices_advanced_passed", advanced),
                            ("apprentices_technician_passed", technician),
                            ("apprenticeship_months", months),
                            ("apprenticeship_completed_on", completed),
                            ("ent_employees", employees),
                            ("ent_established_on", established),
                        ];
                        pairs.extend(enrolled_i.map(|e| ("apprentices_intermediate_enrolled", e)));
                        pairs.extend(enrolled_a.map(|e| ("apprentices_advanced_enrolled", e)));
                        compared += each_left_out(&pairs, on, &codes);
                    }
                }
            }
        }
    }
    println!("A8: {compared} applicants compared");
    assert!(compared > 1000);
}

/// The same for the education-surcharge credit (B1): each pilot status, a
/// revoked status, claim years before the national rule, within the plan and
/// after it, investment and balances of nothing or something, the surcharges
/// entered, computed from the taxes, or both (agreeing or not), on dates
/// within the plan and after it, and each answer left out in turn.
#[test]
fn the_education_surcharge_credit_gives_identical_results_on_every_branch() {
    let codes = ["B1".to_owned()];
    let mut compared = 0;
    for on in ["2025-06-30", "2027-03-01"].iter().filter_map(|d| Date::parse(d)) {
        for pilot in ["none", "city_only", "provincial", "national"] {
            for revoked in ["false", "true"] {
                for year in ["2018", "2023", "2026"] {
                    for (investment, carried_in) in [("0", "0"), ("1000000", "0"), ("0", "50000"), ("2500000", "120000")] {
                        for (payable, taxes) in [
                            (Some("90000"), None),
                            (None, Some(("1000000", "0", "2000"))),
                            (Some("98000"), Some(("1000000", "0", "2000"))),
                            (Some("1"), Some(("1000000", "200000", "0"))),
                        ] {
                            let mut pairs = vec![
                                ("applicant_type", "ENT"),
                                ("ent_pilot_status", pilot),
                                ("ent_pilot_revoked", revoked),
                                ("b1_investment_year", year),
                                ("b1_investment", investment),
                                ("b1_carried_in", carried_in),
                            ];
                            pairs.extend(payable.map(|p| ("b1_surcharge_payable", p)));
                            if let Some((vat, consumption, reliefs)) = taxes {
                                pairs.extend([("b1_vat_paid", vat), ("b1_consumption_tax_paid", consumption), ("b1_surcharge_reliefs", reliefs)]);
                            }
                            compared += each_left_out(&pairs, on, &codes);
                        }
                    }
                }
            }
        }
    }
    println!("B1: {compared} applicants compared");
    assert!(compared > 1000);
}

/// The same for free accommodation (D8): graduates of a preparatory class or
/// not, each certificate type and level, a technician certificate given first,
/// second or third (or after a "no more"), titles, nights within and beyond
/// the most, and each answer left out in turn.
#[test]
fn free_accommodation_gives_identical_results_on_every_branch() {
    let codes = ["D8".to_owned()];
    let on = Date::parse("2025-06-30").unwrap_or_else(|| panic!("a date"));
    let mut compared = 0;
    let certificates = [("skill_level", "level2"), ("skill_level", "level4"), ("qualification", "level1"), ("special_ability", "level3"), ("none", "level5")];
    for (kind, prep) in [("IND-GRAD", "true"), ("IND-GRAD", "false"), ("IND-WORKER", "false")] {
        for first in certificates {
            for (more, second, more2, third) in [
                ("false", ("skill_level", "level2"), "false", ("none", "level5")),
                ("true", ("special_ability", "level3"), "true", ("qualification", "level2")),
                ("true", ("qualification", "level2"), "true", ("skill_level", "level1")),
                ("true", ("skill_level", "level3"), "false", ("skill_level", "level1")),
            ] {
                for title in ["none", "junior", "intermediate"] {
                    for nights in ["3", "12"] {
                        let pairs = [
                            ("applicant_type", kind),
                            ("seeking_job_in_quanzhou", "true"),
                            ("prep_technician_graduate", prep),
                            ("certificate_type", first.0),
                            ("certificate_level", first.1),
                            ("more_certificates", more),
                            ("certificate2_type", second.0),
                            ("certificate2_level", second.1),
                            ("more_certificates2", more2),
                            ("certificate3_type", third.0),
                            ("certificate3_level", third.1),
                            ("professional_title", title),
                            ("nights_needed", nights),
                        ];
                        compared += each_left_out(&pairs, on, &codes);
                    }
                }
            }
        }
    }
    println!("D8: {compared} applicants compared");
    assert!(compared > 1000);
}

/// The same for the skill-certificate subsidy (A14): one, two or three
/// certificates of every type and level, repeats, a student's, dates before
/// the plan and within it, "another?" answered or not, and each answer left
/// out in turn.
#[test]
fn the_certificate_subsidy_gives_identical_results_on_every_branch() {
    let codes = ["A14".to_owned()];
    let on = Date::parse("2025-06-30").unwrap_or_else(|| panic!("a date"));
    let mut compared = 0;
    let certificates = [
        ("skill_level", "level3", "2024-03-01", "false"),
        ("qualification", "level2", "2023-05-01", "true"),
        ("special_ability", "level5", "2021-06-01", "false"),
        ("none", "level4", "2024-01-01", "false"),
        ("skill_level", "level3", "2024-09-01", "false"),
    ];
    for first in certificates {
        for (more, second) in [(None, certificates[0]), (Some("false"), certificates[1]), (Some("true"), certificates[0]), (Some("true"), certificates[2])] {
            for (more2, third) in [(None, certificates[4]), (Some("true"), certificates[4]), (Some("true"), certificates[1]), (Some("false"), certificates[3])]
            {
                let mut pairs = vec![
                    ("applicant_type", "IND-WORKER"),
                    ("works_in_quanzhou", "true"),
                    ("certificate_type", first.0),
                    ("certificate_level", first.1),
                    ("certificate_issued_on", first.2),
                    ("worker_full_time_student", first.3),
                    ("certificate2_type", second.0),
                    ("certificate2_level", second.1),
                    ("certificate2_issued_on", second.2),
                    ("certificate2_full_time_student", second.3),
                    ("certificate3_type", third.0),
                    ("certificate3_level", third.1),
                    ("certificate3_issued_on", third.2),
                    ("certificate3_full_time_student", third.3),
                ];
                pairs.extend(more.map(|m| ("more_certificates", m)));
                pairs.extend(more2.map(|m| ("more_certificates2", m)));
                compared += each_left_out(&pairs, on, &codes);
            }
        }
    }
    println!("A14: {compared} applicants compared");
    assert!(compared > 1000);
}
