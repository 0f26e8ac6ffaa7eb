//! Properties that hold for every input: evaluation never panics; amounts are
//! never negative and never above their caps; amounts grow with head counts.

use chanjiao_rules::questions::{Kind, QUESTIONS};
use chanjiao_rules::{
    Amount, Answers, ApplicantType, Date, Decimal, EntryResult, Evaluation, Q, ROLE_QUESTIONS, Status, evaluate_entry_with, evaluate_with, evaluate_years_with,
};
use proptest::prelude::*;
use proptest::sample::select;

/// The built-in plan, composed as every program composes its policy.
fn policy() -> &'static chanjiao_rules::Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

/// A valid raw answer for a question, from the whole range its rule accepts,
/// weighted towards answers that open entries (yes, a few people, recent events)
/// so that eligible results are common. Dates and years never follow `on`.
fn valid_answer(kind: Kind, on: Date) -> BoxedStrategy<String> {
    match kind {
        Kind::YesNo => prop_oneof![4 => Just("是".to_owned()), 1 => Just("否".to_owned()), 1 => Just("true".to_owned()), 1 => Just("no".to_owned())].boxed(),
        Kind::Count { min } => prop_oneof![4 => min.max(1)..=min.max(1) + 20, 1 => min..=100_000_000u64].prop_map(|n| n.to_string()).boxed(),
        Kind::Money => {
            prop_oneof![0u64..=10_000_000, 0u64..=1_000_000_000_000_000].prop_flat_map(|y| (Just(y), 0u8..100)).prop_map(|(y, f)| format!("{y}.{f:02}")).boxed()
        }
        Kind::Date => prop_oneof![4 => 2022u16.min(on.year())..=on.year(), 1 => 2015u16..=on.year()]
            .prop_flat_map(|y| (Just(y), 1u8..=12, 1u8..=28))
            .prop_map(move |(y, m, d)| Date::new(y, m, d).unwrap_or_else(|| unreachable!()).min(on).to_string())
            .boxed(),
        Kind::Year => prop_oneof![4 => 2022u16.min(on.year())..=on.year(), 1 => 2015u16..=on.year()].prop_map(|y| y.to_string()).boxed(),
        Kind::OneOf { options } => select(options.iter().map(|c| c.id.to_owned()).collect::<Vec<_>>()).boxed(),
    }
}

/// An evaluation date, and a set of valid answers not after it: most questions
/// answered, some left open at random.
fn any_case() -> impl Strategy<Value = (Answers, Date)> {
    case_on(any_date())
}

/// The same, on a date of `dates`.
fn case_on(dates: impl Strategy<Value = Date>) -> impl Strategy<Value = (Answers, Date)> {
    dates
        .prop_flat_map(|on| {
            let per_question: Vec<_> = QUESTIONS.iter().map(|q| proptest::option::weighted(0.9, valid_answer(q.kind, on))).collect();
            (per_question, Just(on))
        })
        .prop_map(|(values, on)| {
            let mut answers = Answers::new();
            for (q, v) in QUESTIONS.iter().zip(values) {
                if let Some(v) = v
                    && let Err(e) = answers.set_text(q.q, &v)
                {
                    panic!("a valid answer was refused: {}={v}: {e}", q.id);
                }
            }
            (answers, on)
        })
}

/// An evaluation date: mostly inside the policy's window, sometimes anywhere.
fn any_date() -> impl Strategy<Value = Date> {
    prop_oneof![3 => 2023u16..=2025, 1 => 2019u16..=2031]
        .prop_flat_map(|y| (Just(y), 1u8..=12, 1u8..=28))
        .prop_map(|(y, m, d)| Date::new(y, m, d).unwrap_or_else(|| unreachable!()))
}

fn find<'a>(e: &'a Evaluation, code: &str) -> &'a EntryResult {
    e.results.iter().find(|r| r.incentive.code == code).unwrap_or_else(|| panic!("{code}"))
}

fn yuan(n: i64) -> Decimal {
    Decimal::from(n)
}

/// The ceiling each capped entry may never exceed, for the answers given.
fn ceiling(r: &EntryResult, a: &Answers) -> Option<Decimal> {
    let count = |q: Q| Decimal::from(a.count(q).unwrap_or(0));
    Some(match r.incentive.code.as_str() {
        "A2" => yuan(1_000_000) * count(Q::PilotMajorsNew),
        "A3" => yuan(2_000_000),
        "A4" | "A19" | "A21" => yuan(1_000_000),
        "A5" | "A7" | "A12" | "A18" | "A22" => yuan(500_000),
        "A9" => yuan(500_000),
        "A10" | "A20" => yuan(100_000),
        "A11" => yuan(1_000) * count(Q::GraduatesHired),
        "A13" => yuan(500_000) * count(Q::SciTechProjectsApproved),
        // 3,000 a certificate, for up to three.
        "A14" => {
            let second = a.yes(Q::MoreCertificates) == Some(true);
            let third = second && a.yes(Q::MoreCertificates2) == Some(true);
            yuan(3_000) * Decimal::from(1 + u8::from(second) + u8::from(third))
        }
        "A15" | "A17" => yuan(10_000),
        "A16" => yuan(50_000),
        "A8" => {
            let months = Decimal::from(a.count(Q::ApprenticeshipMonths).unwrap_or(0).max(12));
            (yuan(5_000) * count(Q::ApprenticesIntermediatePassed) + yuan(6_000) * count(Q::ApprenticesAdvancedPassed)) * months / Decimal::from(12)
        }
        "C1" => a.money(Q::TrainingNetIncome).unwrap_or_default() / Decimal::from(2),
        _ => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn evaluation_never_panics_and_amounts_stay_in_bounds((answers, on) in any_case()) {
        // Valid answers with no event after `on` always evaluate.
        let e = match evaluate_with(policy(), &answers, on) {
            Ok(e) => e,
            Err(err) => return Err(TestCaseError::fail(format!("valid answers failed to evaluate: {err}"))),
        };
        prop_assert_eq!(e.results.len(), 47);
        for r in &e.results {
            if let Some((lo, hi)) = r.amount.cash_bounds() {
                prop_assert!(lo >= Decimal::ZERO && lo <= hi, "{}: {:?}", r.incentive.code, r.amount);
                if let Some(cap) = ceiling(r, &answers) {
                    prop_assert!(hi <= cap, "{}: {:?} above its cap {}", r.incentive.code, r.amount, cap);
                }
            }
            match &r.amount {
                Amount::Credit(c) => {
                    prop_assert!(c.used >= Decimal::ZERO && c.carried_forward >= Decimal::ZERO);
                    prop_assert!(c.used <= c.payable, "credit used above what is payable");
                    prop_assert_eq!(c.used + c.carried_forward, c.generated + c.carried_in);
                }
                Amount::InKind { quantity: Some(n), .. } if r.incentive.code == "D8" => prop_assert!(*n >= Decimal::ONE && *n <= Decimal::from(7)),
                Amount::Obligation { min: Some(lo), max: Some(hi), .. } => prop_assert!(*lo >= Decimal::ZERO && lo <= hi),
                _ => {}
            }
            // Not applicable means not for these roles, except for an information
            // entry, which is not shown either where it does not concern the answers.
            if r.status == chanjiao_rules::Status::NotApplicable && !r.incentive.information {
                prop_assert!(answers.roles().iter().all(|t| !r.incentive.applicant_types.contains(t)));
            }
            // Information is never a claim: no amount, no form, not money.
            if r.status == chanjiao_rules::Status::Information {
                prop_assert!(r.incentive.information && r.amount == Amount::None && !r.cash && !r.offers_form());
            }
        }
        let t = &e.totals;
        prop_assert!(t.cash_min <= t.cash_max && t.cash_exact <= t.cash_max && t.pending_cash_min <= t.pending_cash_max);
    }

    #[test]
    fn any_text_for_any_question_is_an_answer_or_an_error(index in 0..QUESTIONS.len(), text in "\\PC{0,40}") {
        let mut answers = Answers::new();
        let _ = answers.set_text(QUESTIONS[index].q, &text);
    }

    #[test]
    fn any_json_is_answers_or_an_error(text in "\\PC{0,200}") {
        let _ = Answers::from_json(&text);
    }

    #[test]
    fn any_json_object_of_known_keys_is_answers_or_an_error(
        keys in proptest::collection::vec(0..QUESTIONS.len(), 0..12),
        values in proptest::collection::vec(prop_oneof![
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_map(serde_json::Value::from),
            any::<bool>().prop_map(serde_json::Value::from),
            "\\PC{0,20}".prop_map(serde_json::Value::from),
            Just(serde_json::Value::Null),
            Just(serde_json::json!([1, 2])),
        ], 12),
        on in any_date(),
    ) {
        let map: serde_json::Map<String, serde_json::Value> = keys.iter().zip(values).map(|(k, v)| (QUESTIONS[*k].id.to_owned(), v)).collect();
        if let Ok(answers) = Answers::from_json_value(&serde_json::Value::Object(map)) {
            let _ = evaluate_with(policy(), &answers, on);
        }
    }

    #[test]
    fn apprenticeship_amounts_grow_with_apprentices(inter in 0u64..500, adv in 0u64..500, more in 1u64..50, months in 12u64..=36) {
        let a8 = |i: u64, v: u64| {
            let mut a = Answers::new();
            for (q, x) in [(Q::ApplicantType, "ENT".to_owned()), (Q::RegisteredInQuanzhou, "是".to_owned()), (Q::ApprenticeshipRuns, "是".to_owned()),
                (Q::ApprenticesIntermediatePassed, i.to_string()), (Q::ApprenticesAdvancedPassed, v.to_string()), (Q::ApprenticesTechnicianPassed, "0".to_owned()),
                (Q::ApprenticeshipMonths, months.to_string()), (Q::ApprenticeshipCompletedOn, "2024-06-30".to_owned())] {
                a.set_text(q, &x).unwrap_or_else(|e| panic!("{e}"));
            }
            let on = Date::new(2025, 1, 1).unwrap_or_else(|| unreachable!());
            evaluate_entry_with(policy(), &a, on, "A8").unwrap_or_else(|e| panic!("{e}")).amount.cash_bounds().unwrap_or_default()
        };
        let base = a8(inter, adv);
        for bigger in [a8(inter + more, adv), a8(inter, adv + more)] {
            prop_assert!(bigger.0 >= base.0 && bigger.1 >= base.1, "{base:?} then {bigger:?}");
            prop_assert!(bigger.1 > base.1, "one more passing apprentice must add money");
        }
        // A passing advanced apprentice is worth more than an intermediate one.
        prop_assert!(a8(inter, adv + more).1 > a8(inter + more, adv).1);
    }

    #[test]
    fn hiring_and_quota_grow_with_head_counts(hired in 1u64..10_000, more in 1u64..100, extra_staff in 0u64..100_000) {
        // As many staff at least as hires: more hires than staff is implausible (see below).
        let staff = hired + more + extra_staff;
        let eval = |h: u64, s: u64| {
            let mut a = Answers::new();
            for (q, x) in [(Q::ApplicantType, "ENT".to_owned()), (Q::RegisteredInQuanzhou, "是".to_owned()), (Q::EntOwnership, "private".to_owned()),
                (Q::EntSector, "retail".to_owned()), (Q::EntEmployees, s.to_string()), (Q::EntRevenue, "150000000".to_owned()),
                (Q::EntAboveScale, "是".to_owned()), (Q::GraduatesHired, h.to_string()), (Q::GraduatesHiredOn, "2024-06-30".to_owned())] {
                a.set_text(q, &x).unwrap_or_else(|e| panic!("{e}"));
            }
            evaluate_with(policy(), &a, Date::new(2025, 1, 1).unwrap_or_else(|| unreachable!())).unwrap_or_else(|e| panic!("{e}"))
        };
        let (a, b) = (eval(hired, staff), eval(hired + more, staff));
        let money = |e: &Evaluation| find(e, "A11").amount.cash_bounds().unwrap_or_default();
        prop_assert!(money(&b).0 > money(&a).0, "more hires, more money: {:?} then {:?}", money(&a), money(&b));
        let places = |e: &Evaluation| match find(e, "E1").amount { Amount::Obligation { min: Some(lo), max: Some(hi), .. } => (lo, hi), ref other => panic!("{other:?}") };
        let (c, d) = (eval(hired, staff), eval(hired, staff + more));
        prop_assert!(places(&d).0 >= places(&c).0 && places(&d).1 >= places(&c).1);
    }
}

/// An enterprise's years: each a distinct year with its investment, the
/// surcharges it owed and the graduates it hired, and the balance it opened with.
fn any_years() -> impl Strategy<Value = (u64, Vec<(u16, u64, u64, u64)>)> {
    let year = (0u64..10_000_000, 0u64..5_000_000, 0u64..40);
    (0u64..2_000_000, proptest::collection::btree_map(2019u16..=2025, year, 1..=4))
        .prop_map(|(opening, years)| (opening, years.into_iter().map(|(y, (i, p, h))| (y, i, p, h)).collect()))
}

/// A person with one to three roles, and the rest of their answers.
fn any_person() -> impl Strategy<Value = (Answers, Date)> {
    let individual = select(vec![ApplicantType::Worker, ApplicantType::Graduate, ApplicantType::Teacher]);
    (any_case(), individual, any::<[bool; 3]>()).prop_map(|((mut answers, on), first, also)| {
        let set = |a: &mut Answers, q: Q, v: &str| a.set_text(q, v).unwrap_or_else(|e| panic!("{e}"));
        set(&mut answers, Q::ApplicantType, first.code());
        for ((q, _), yes) in ROLE_QUESTIONS.iter().zip(also) {
            set(&mut answers, *q, if yes { "是" } else { "否" });
        }
        (answers, on)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A file of several years gives, year by year, what one-year files give
    /// when the credit balance is carried from each to the next by hand; what
    /// is decided once is what the last year's file gives; the totals add up.
    #[test]
    fn several_years_equal_one_year_files_carried_by_hand((opening, years) in any_years()) {
        let on = Date::new(2025, 12, 31).unwrap_or_else(|| unreachable!());
        let base = [("applicant_type", "ENT"), ("registered_in_quanzhou", "是"), ("ent_ownership", "private"), ("ent_sector", "industry"),
            ("ent_employees", "85"), ("ent_revenue", "35000000"), ("ent_pilot_status", "national"), ("ent_pilot_revoked", "否")];
        let mut json = serde_json::Map::new();
        for (k, v) in base {
            json.insert(k.into(), v.into());
        }
        json.insert("b1_carried_in".into(), opening.to_string().into());
        let mut of_year = serde_json::Map::new();
        for (y, invest, payable, hired) in &years {
            of_year.insert(y.to_string(), serde_json::json!({
                "b1_investment": invest.to_string(), "b1_surcharge_payable": payable.to_string(),
                "graduates_hired": hired, "graduates_hired_on": format!("{y}-06-30"),
            }));
        }
        json.insert("years".into(), of_year.into());
        let together = Answers::from_json_value(&json.into()).unwrap_or_else(|e| panic!("{e}"));
        let all = evaluate_years_with(policy(), &together, on).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(all.years.len(), years.len());

        let mut carried = Decimal::from(opening);
        let mut last = None;
        for ((y, invest, payable, hired), got) in years.iter().zip(&all.years) {
            prop_assert_eq!(got.year, *y);
            let mut pairs: Vec<(String, String)> = base.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
            pairs.extend([("b1_investment_year", y.to_string()), ("claim_year", y.to_string()), ("b1_investment", invest.to_string()),
                ("b1_surcharge_payable", payable.to_string()), ("b1_carried_in", carried.to_string()), ("graduates_hired", hired.to_string()),
                ("graduates_hired_on", format!("{y}-06-30"))].map(|(k, v)| (k.to_owned(), v)));
            let alone = Answers::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap_or_else(|e| panic!("{e}"));
            let e = evaluate_with(policy(), &alone, on).unwrap_or_else(|e| panic!("{e}"));
            for r in &got.results {
                let same = find(&e, &r.incentive.code);
                prop_assert_eq!((r.status, &r.amount), (same.status, &same.amount), "{} in {}", r.incentive.code, y);
            }
            if let Amount::Credit(c) = &find(&e, "B1").amount {
                carried = c.carried_forward;
            }
            last = Some(e);
        }
        let last = last.unwrap_or_else(|| unreachable!());
        for r in &all.once {
            let same = find(&last, &r.incentive.code);
            prop_assert_eq!((r.status, &r.amount), (same.status, &same.amount), "{} decided once", r.incentive.code);
        }
        let sum = all.years.iter().map(|y| y.totals.cash_max).sum::<Decimal>()
            + all.once.iter().filter_map(|r| r.eligible_cash()).map(|(_, _, hi)| hi).sum::<Decimal>();
        prop_assert_eq!(all.totals.cash_max, sum);
    }

    /// A person's roles together give each entry the best of what each role
    /// alone gives: applicable when some role is, eligible when some role is,
    /// and then the very result of the role it names.
    #[test]
    fn roles_together_give_the_best_single_role_result((answers, on) in any_person()) {
        let roles = answers.roles();
        let together = evaluate_with(policy(), &answers, on).unwrap_or_else(|e| panic!("{e}"));
        let alone: Vec<(ApplicantType, Evaluation)> = roles.iter().map(|&t| {
            let mut one = answers.clone();
            one.set_text(Q::ApplicantType, t.code()).unwrap_or_else(|e| panic!("{e}"));
            for (q, _) in ROLE_QUESTIONS {
                one.clear(q);
            }
            prop_assert_eq!(one.roles(), vec![t]);
            Ok((t, evaluate_with(policy(), &one, on).unwrap_or_else(|e| panic!("{e}"))))
        }).collect::<Result<_, TestCaseError>>()?;
        for (i, r) in together.results.iter().enumerate() {
            let code = &r.incentive.code;
            let singles: Vec<&EntryResult> = alone.iter().map(|(_, e)| &e.results[i]).collect();
            let applicable = singles.iter().any(|s| s.status != Status::NotApplicable);
            prop_assert_eq!(r.status != Status::NotApplicable, applicable, "{}", code);
            prop_assert_eq!(r.status == Status::Eligible, singles.iter().any(|s| s.status == Status::Eligible), "{}", code);
            if roles.len() > 1 && applicable {
                let role = r.role.unwrap_or_else(|| panic!("{code}: several roles, none named"));
                let (_, named) = alone.iter().find(|(t, _)| *t == role).unwrap_or_else(|| panic!("{code}: {role:?} is not a role"));
                let same = &named.results[i];
                prop_assert_eq!(r.status, same.status, "{}", code);
                prop_assert_eq!(&r.amount, &same.amount, "{}", code);
            } else {
                prop_assert!(r.role.is_none() || roles.len() > 1, "{}", code);
            }
        }
        let certain = |e: &Evaluation| e.totals.cash_min;
        for (t, e) in &alone {
            prop_assert!(certain(&together) >= certain(e), "{:?} alone is surely paid more", t);
        }
    }

    /// Valid but implausible values go to a person, never to a figure: a training
    /// length outside 12 to 36 months, more passing apprentices or hires than staff.
    #[test]
    fn implausible_values_never_yield_a_cash_figure(
        months in prop_oneof![1u64..12, 37u64..100_000_000],
        passed in 1u64..1_000,
        staff in 0u64..1_000,
        surplus in 1u64..1_000_000,
    ) {
        let on = Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!());
        let eval = |pairs: &[(Q, String)], code: &str| {
            let mut a = Answers::new();
            for (q, x) in pairs {
                a.set_text(*q, x).unwrap_or_else(|e| panic!("{e}"));
            }
            evaluate_entry_with(policy(), &a, on, code).unwrap_or_else(|e| panic!("{e}"))
        };
        let ent = |more: &[(Q, String)]| {
            let mut v = vec![(Q::ApplicantType, "ENT".to_owned()), (Q::RegisteredInQuanzhou, "是".to_owned()), (Q::EntOwnership, "private".to_owned()),
                (Q::EntSector, "industry".to_owned()), (Q::EntRevenue, "150000000".to_owned())];
            v.extend_from_slice(more);
            v
        };
        let long = eval(&ent(&[(Q::ApprenticeshipRuns, "是".into()), (Q::ApprenticesIntermediatePassed, passed.to_string()), (Q::ApprenticesAdvancedPassed, "0".into()),
            (Q::ApprenticesTechnicianPassed, "0".into()), (Q::ApprenticeshipMonths, months.to_string()), (Q::ApprenticeshipCompletedOn, "2024-06-30".into())]), "A8");
        prop_assert_eq!(long.amount.cash_bounds(), None, "{} months", months);
        prop_assert_eq!(long.status, chanjiao_rules::Status::ManualReview);
        let crowded = eval(&ent(&[(Q::EntEmployees, staff.to_string()), (Q::GraduatesHired, (staff + surplus).to_string()), (Q::GraduatesHiredOn, "2024-06-30".into())]), "A11");
        prop_assert_eq!(crowded.amount.cash_bounds(), None, "{} hires with {} staff", staff + surplus, staff);
        let apprentices = eval(&ent(&[(Q::EntEmployees, staff.to_string()), (Q::ApprenticeshipRuns, "是".into()), (Q::ApprenticesIntermediatePassed, (staff + surplus).to_string()),
            (Q::ApprenticesAdvancedPassed, "0".into()), (Q::ApprenticesTechnicianPassed, "0".into()), (Q::ApprenticeshipMonths, "12".into()), (Q::ApprenticeshipCompletedOn, "2024-06-30".into())]), "A8");
        prop_assert_eq!(apprentices.amount.cash_bounds(), None);
    }
}

/// The generator above must reach eligible cash results, or the bounds it checks
/// would be checked on nothing.
#[test]
fn the_random_profiles_reach_eligible_cash_results() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = any_case();
    let (mut eligible_cash, mut entries) = (0, std::collections::BTreeSet::new());
    for _ in 0..300 {
        let (answers, on) = strategy.new_tree(&mut runner).unwrap_or_else(|e| panic!("{e}")).current();
        let e = evaluate_with(policy(), &answers, on).unwrap_or_else(|err| panic!("{err}"));
        for r in e.results.iter().filter(|r| r.status == chanjiao_rules::Status::Eligible && r.cash) {
            eligible_cash += 1;
            entries.insert(r.incentive.code.clone());
        }
    }
    println!("{eligible_cash} eligible cash results from {} entries in 300 random profiles", entries.len());
    assert!(eligible_cash >= 50, "only {eligible_cash} eligible cash results in 300 random profiles");
    assert!(entries.len() >= 10, "eligible cash results came from only {entries:?}");
}

/// The policies a comparison is tested with, each as a pair: the plan with
/// each example pack (one changes a figure and drops an entry, one continues
/// the plan, one adds an entry and questions and restates another); the first
/// rewritten to change a second figure, refuse earlier events and take effect
/// a year later, alone and after the one that adds an entry; the plan with
/// itself; and a pack with the plan. Composed once for every case.
fn pairs() -> &'static [(&'static chanjiao_rules::Params, &'static chanjiao_rules::Params)] {
    static PAIRS: std::sync::OnceLock<Vec<(&'static chanjiao_rules::Params, &'static chanjiao_rules::Params)>> = std::sync::OnceLock::new();
    PAIRS.get_or_init(compose_pairs)
}

fn compose_pairs() -> Vec<(&'static chanjiao_rules::Params, &'static chanjiao_rules::Params)> {
    let load = |packs: &[&str]| chanjiao_rules::load_policy(packs).unwrap_or_else(|r| panic!("{}", r.error));
    let successor = include_str!("../../../examples/policy/example-successor-2026.json");
    let continuation = include_str!("../../../examples/policy/example-continuation-2026.json");
    let added = include_str!("../../../examples/policy/example-new-incentive-2026.json");
    let mut refusing: serde_json::Value = serde_json::from_str(successor).unwrap_or_else(|e| panic!("{e}"));
    refusing["document"]["transition"] = "refuse".into();
    let grant = "四(一) 对培训数量、质量达到标准的，每年给予每家 8万元奖补（示例，非真实政策）。";
    refusing["text"].as_array_mut().unwrap_or_else(|| unreachable!()).push(grant.into());
    refusing["values"]["a10_grant_per_year"] =
        serde_json::json!({ "clause": "四(一)", "text": "对培训数量、质量达到标准的，每年给予每家 8万元奖补", "figure": "8万元", "value": "80000" });
    // From 2027, after a year with no document in force, and after the pack that adds an entry.
    refusing["document"]["signed"] = "2026-12-15".into();
    refusing["document"]["in_force"] = "2027-01-01".into();
    refusing["document"]["expires"] = "2029-12-31".into();
    let refusing = refusing.to_string();
    let plan = load(&[]);
    vec![
        (plan, load(&[successor])),
        (plan, load(&[continuation])),
        (plan, load(&[added])),
        (plan, load(&[&refusing])),
        (plan, load(&[added, &refusing])),
        (plan, plan),
        (load(&[successor]), plan),
    ]
}

/// An example applicant of every kind (whose answers open most entries), its
/// dates moved to random days from 2022 to an evaluation date from 2026 to
/// 2030: events under the plan, in the year with none in force, and under the
/// packs, each applied for later.
fn example_case() -> impl Strategy<Value = (Answers, Date)> {
    let files = [
        include_str!("../../../examples/enterprise.json"),
        include_str!("../../../examples/small-manufacturer.json"),
        include_str!("../../../examples/organisation.json"),
        include_str!("../../../examples/university.json"),
        include_str!("../../../examples/vocational-school.json"),
        include_str!("../../../examples/graduate.json"),
        include_str!("../../../examples/graduate-worker.json"),
        include_str!("../../../examples/worker.json"),
        include_str!("../../../examples/teacher.json"),
    ];
    let day = |(y, m, d): (u16, u8, u8)| Date::new(y, m, d).unwrap_or_else(|| unreachable!());
    (select(files.to_vec()), (2026u16..=2030, 1u8..=12, 1u8..=28), proptest::collection::vec((2022u16..=2030, 1u8..=12, 1u8..=28), 16)).prop_map(
        move |(file, on, days)| {
            let on = day(on);
            let mut days = days.into_iter().map(|d| day(d).min(on)).cycle();
            fn redate(v: &mut serde_json::Value, next: &mut dyn FnMut() -> Date) {
                match v {
                    serde_json::Value::String(s) if Date::parse(s).is_some() => *s = next().to_string(),
                    serde_json::Value::Array(items) => items.iter_mut().for_each(|i| redate(i, next)),
                    serde_json::Value::Object(fields) => fields.values_mut().for_each(|f| redate(f, next)),
                    _ => {}
                }
            }
            let mut json: serde_json::Value = serde_json::from_str(file).unwrap_or_else(|e| panic!("{e}"));
            redate(&mut json, &mut || days.next().unwrap_or(on));
            (Answers::from_json_value(&json).unwrap_or_else(|e| panic!("{e}")), on)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A comparison evaluates both policies at once, reading once the rows of
    /// the entries both read alike: what it gives is, side by side, exactly what
    /// each policy gives on its own (results, reasons, evidence and errors).
    #[test]
    fn a_pair_evaluates_as_each_policy_alone(
        (answers, on) in prop_oneof![
            case_on((2022u16..=2030, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap_or_else(|| unreachable!()))),
            example_case(),
        ],
        which in 0usize..7,
    ) {
        let all = pairs();
        let (a, b) = all[which % all.len()];
        let pair = chanjiao_rules::Pair::new(a, b).unwrap_or_else(|e| panic!("{e:?}"));
        let json = |e: &Evaluation| serde_json::to_value(e).unwrap_or_else(|e| panic!("{e}"));
        match (pair.evaluate(&answers, on), evaluate_with(a, &answers, on), evaluate_with(b, &answers, on)) {
            (Ok((x, y)), Ok(ea), Ok(eb)) => {
                prop_assert_eq!(json(&x), json(&ea));
                prop_assert_eq!(json(&y), json(&eb));
            }
            (Err(e), Err(ea), _) => prop_assert_eq!(e, ea),
            (got, ea, eb) => prop_assert!(false, "the pair gave {:?}, each alone {:?} and {:?}", got.err(), ea.err(), eb.err()),
        }
    }
}
