//! The question planner asks only what can change a result, in order, and stops
//! when every result is decided.

use chanjiao_rules::questions::{Kind, QUESTIONS};
use chanjiao_rules::{Answers, ApplicantType, Date, Q, Status, evaluate_with, plan_with};

/// The built-in plan, composed as every program composes its policy.
fn policy() -> &'static chanjiao_rules::Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

fn on() -> Date {
    Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!())
}

/// An answer a person might give to a question: `yes` picks the answers that
/// open more questions, `!yes` the ones that close them.
fn answer_for(q: Q, yes: bool) -> String {
    // Plausible figures, so that walks reach what comes after them: the class
    // "not known" leads to the figures, a headcount above the other counts, and
    // a training length apprenticeships run.
    match q {
        Q::EntSizeClass => return "unknown".to_owned(),
        Q::EntEmployees => return "300".to_owned(),
        Q::ApprenticeshipMonths => return "24".to_owned(),
        _ => {}
    }
    match q.def().kind {
        Kind::YesNo => if yes { "是" } else { "否" }.to_owned(),
        Kind::Count { min } => {
            if yes {
                "3".to_owned()
            } else {
                min.to_string()
            }
        }
        Kind::Money => "1200000".to_owned(),
        Kind::Date => "2024-06-01".to_owned(),
        Kind::Year => "2024".to_owned(),
        Kind::OneOf { options } => {
            let pick = if yes { options.first() } else { options.last() };
            pick.map(|c| c.id.to_owned()).unwrap_or_default()
        }
    }
}

/// Walks the planner for one applicant type, answering everything it asks.
fn walk(t: ApplicantType, yes: bool) -> (Vec<Q>, Answers) {
    let mut answers = Answers::new();
    let mut asked = Vec::new();
    for round in 0.. {
        assert!(round < 60, "the planner for {t:?} did not finish");
        let next = plan_with(policy(), &answers, on()).unwrap_or_else(|e| panic!("{e}"));
        if next.complete {
            assert!(next.questions.is_empty());
            break;
        }
        assert!(!next.questions.is_empty(), "an incomplete plan must ask something");
        let ids: Vec<Q> = next.questions.iter().map(|q| q.q).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "questions must come in asking order without repeats: {ids:?}");
        for q in ids {
            assert!(!asked.contains(&q), "{} was asked twice", q.id());
            let value = if q == Q::ApplicantType { t.code().to_owned() } else { answer_for(q, yes) };
            answers.set_text(q, &value).unwrap_or_else(|e| panic!("{}: {e}", q.id()));
            asked.push(q);
        }
    }
    (asked, answers)
}

#[test]
fn the_first_question_is_the_applicant_type() {
    let first = plan_with(policy(), &Answers::new(), on()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.questions.iter().map(|q| q.id).collect::<Vec<_>>(), vec!["applicant_type"]);
    assert!(!first.complete);
}

#[test]
fn every_type_is_asked_only_its_own_questions_and_then_nothing() {
    for t in ApplicantType::ALL {
        for yes in [true, false] {
            let (asked, answers) = walk(t, yes);
            // A yes to a person's `also_*` questions adds roles, whose
            // questions are then asked too; a no keeps to the one type.
            for q in &asked {
                assert!(answers.asks(*q), "{t:?} was asked {}, which is not for its roles", q.id());
                assert!(yes || *q == Q::ApplicantType || q.def().asks(t), "{t:?} was asked {}, which is not for it", q.id());
            }
            assert_eq!(answers.roles().len(), if yes && t.is_individual() { 3 } else { 1 }, "{t:?}");
            let evaluation = evaluate_with(policy(), &answers, on()).unwrap_or_else(|e| panic!("{e}"));
            for r in &evaluation.results {
                assert!(r.missing.is_empty(), "{t:?}: {} still misses {:?} after the walk", r.incentive.code, r.missing);
            }
        }
    }
}

#[test]
fn a_worker_is_never_asked_about_apprentices_or_companies() {
    let (asked, _) = walk(ApplicantType::Worker, true);
    for q in asked {
        assert!(!q.id().starts_with("apprentic") && !q.id().starts_with("ent_") && !q.id().starts_with("b1_"), "a worker was asked {}", q.id());
    }
}

#[test]
fn a_no_answer_closes_the_questions_behind_it() {
    let (with_yes, _) = walk(ApplicantType::Enterprise, true);
    let (with_no, _) = walk(ApplicantType::Enterprise, false);
    assert!(with_yes.contains(&Q::ApprenticesAdvancedPassed));
    assert!(!with_no.contains(&Q::ApprenticesAdvancedPassed), "apprentice counts asked after answering no apprenticeship");
    assert!(with_no.len() < with_yes.len());
}

#[test]
fn sector_comes_before_the_figures_it_needs() {
    let mut answers = Answers::new();
    for (q, v) in [(Q::ApplicantType, "ENT"), (Q::RegisteredInQuanzhou, "是"), (Q::GraduatesHired, "4"), (Q::EntOwnership, "private")] {
        answers.set_text(q, v).unwrap_or_else(|e| panic!("{e}"));
    }
    let asked: Vec<&str> = plan_with(policy(), &answers, on()).unwrap_or_else(|e| panic!("{e}")).questions.iter().map(|q| q.id).collect();
    assert!(asked.contains(&"ent_size_class"), "the certified class is asked first: {asked:?}");
    assert!(!asked.contains(&"ent_assets"), "assets asked before the sector is known");
    answers.set_text(Q::EntSizeClass, "unknown").unwrap_or_else(|e| panic!("{e}"));
    let asked: Vec<&str> = plan_with(policy(), &answers, on()).unwrap_or_else(|e| panic!("{e}")).questions.iter().map(|q| q.id).collect();
    assert!(asked.contains(&"ent_sector"), "{asked:?}");
    assert!(!asked.contains(&"ent_assets"), "assets asked before the sector is known");
    answers.set_text(Q::EntSector, "construction").unwrap_or_else(|e| panic!("{e}"));
    let asked: Vec<&str> = plan_with(policy(), &answers, on()).unwrap_or_else(|e| panic!("{e}")).questions.iter().map(|q| q.id).collect();
    assert!(asked.contains(&"ent_assets") && asked.contains(&"ent_revenue"), "construction is measured by revenue and assets: {asked:?}");
}

#[test]
fn every_question_is_reachable_by_some_applicant() {
    let mut reached = std::collections::BTreeSet::new();
    for t in ApplicantType::ALL {
        for yes in [true, false] {
            reached.extend(walk(t, yes).0);
        }
    }
    // Some questions open only on particular answers (a sector measured by assets,
    // a named body); reach them with targeted answers.
    for (t, q, v) in [
        (ApplicantType::Enterprise, Q::EntSector, "construction"),
        (ApplicantType::Enterprise, Q::EntSector, "retail"),
        (ApplicantType::Graduate, Q::PrepTechnicianGraduate, "否"),
        (ApplicantType::VocationalSchool, Q::SchoolLevel, "higher_vocational"),
    ] {
        let mut a = Answers::new();
        a.set_text(Q::ApplicantType, t.code()).unwrap_or_else(|e| panic!("{e}"));
        a.set_text(q, v).unwrap_or_else(|e| panic!("{e}"));
        for _ in 0..40 {
            let p = plan_with(policy(), &a, on()).unwrap_or_else(|e| panic!("{e}"));
            if p.complete {
                break;
            }
            for next in p.questions {
                reached.insert(next.q);
                a.set_text(next.q, &answer_for(next.q, true)).unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
    let unreached: Vec<&str> = QUESTIONS.iter().filter(|q| q.interview_asks() && !reached.contains(&q.q)).map(|q| q.id).collect();
    // And the interview never asks a question it should not.
    let asked_anyway: Vec<&str> = QUESTIONS.iter().filter(|q| !q.interview_asks() && reached.contains(&q.q)).map(|q| q.id).collect();
    assert!(asked_anyway.is_empty(), "file-only questions asked: {asked_anyway:?}");
    assert!(unreached.is_empty(), "questions no walk reaches: {unreached:?}");
}

#[test]
fn a_complete_enterprise_profile_needs_nothing_more() {
    let answers = Answers::from_json(include_str!("../../../examples/enterprise.json")).unwrap_or_else(|e| panic!("{e}"));
    let p = plan_with(policy(), &answers, on()).unwrap_or_else(|e| panic!("{e}"));
    assert!(p.complete, "still asks {:?}", p.questions.iter().map(|q| q.id).collect::<Vec<_>>());
    let evaluation = evaluate_with(policy(), &answers, on()).unwrap_or_else(|e| panic!("{e}"));
    assert!(evaluation.results.iter().all(|r| r.status != Status::Undetermined || r.missing.is_empty()));
}

/// A result's evidence is the answered facts its rule read: what the applicant must
/// be able to show, since the text lists no documents (catalogue X6).
#[test]
fn evidence_is_the_answered_facts_a_result_rests_on() {
    // The read set is a 128-bit mask indexed by question.
    assert!(QUESTIONS.len() <= 128, "Facts::read holds 128 questions; widen it");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/enterprise.json")).unwrap_or_else(|e| panic!("{e}"));
    let answers = Answers::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    let evaluation = evaluate_with(policy(), &answers, on()).unwrap_or_else(|e| panic!("{e}"));
    let a11 = evaluation.results.iter().find(|r| r.incentive.code == "A11").unwrap_or_else(|| panic!("no A11"));
    assert_eq!(a11.status, Status::Eligible);
    for q in [Q::RegisteredInQuanzhou, Q::EntOwnership, Q::EntSector, Q::GraduatesHired, Q::GraduatesHiredOn] {
        assert!(a11.evidence.contains(&q), "A11 rests on {}", q.id());
    }
    // Only what the rule read: nothing about apprentices or the tax credit.
    assert!(!a11.evidence.contains(&Q::ApprenticeshipRuns) && !a11.evidence.contains(&Q::B1Investment));
    for r in &evaluation.results {
        // Every piece of evidence is an answer given, in asking order.
        assert!(r.evidence.iter().all(|q| answers.get(*q).is_some()), "{}", r.incentive.code);
        assert!(r.evidence.windows(2).all(|w| w[0] < w[1]), "{}", r.incentive.code);
        if r.status == Status::NotApplicable {
            assert!(r.evidence.is_empty(), "{} is not for this applicant, so it rests on nothing", r.incentive.code);
        }
    }
}

#[test]
fn another_certificate_is_asked_once_the_first_has_a_type_and_a_no_ends_it() {
    let mut answers = Answers::new();
    for (q, v) in [(Q::ApplicantType, "IND-WORKER"), (Q::AlsoGraduate, "否"), (Q::AlsoTeacher, "否"), (Q::WorksInQuanzhou, "是")] {
        answers.set_text(q, v).unwrap_or_else(|e| panic!("{e}"));
    }
    let asked = |a: &Answers| plan_with(policy(), a, on()).unwrap_or_else(|e| panic!("{e}")).questions.iter().map(|q| q.q).collect::<Vec<_>>();
    assert!(!asked(&answers).contains(&Q::MoreCertificates), "not before the first certificate has a type");
    answers.set_text(Q::CertificateType, "skill_level").unwrap_or_else(|e| panic!("{e}"));
    assert!(asked(&answers).contains(&Q::MoreCertificates), "with the first's other questions");
    // A second certificate's questions, its student status among them, do not
    // wait for the first to be complete.
    answers.set_text(Q::MoreCertificates, "是").unwrap_or_else(|e| panic!("{e}"));
    assert!(asked(&answers).contains(&Q::Certificate2Type), "the second's type, the first still incomplete");
    for (q, v) in [(Q::Certificate2Type, "skill_level"), (Q::Certificate2Level, "level3"), (Q::Certificate2IssuedOn, "2024-06-01")] {
        answers.set_text(q, v).unwrap_or_else(|e| panic!("{e}"));
    }
    let asked_now = asked(&answers);
    assert!(asked_now.contains(&Q::Certificate2FullTimeStudent), "the second's student status: {asked_now:?}");
    assert!(asked_now.contains(&Q::CertificateLevel), "and the first's level: {asked_now:?}");
    for q in [Q::Certificate2Type, Q::Certificate2Level, Q::Certificate2IssuedOn] {
        answers.clear(q);
    }
    answers.set_text(Q::MoreCertificates, "否").unwrap_or_else(|e| panic!("{e}"));
    for (q, v) in [(Q::CertificateLevel, "level4"), (Q::CertificateIssuedOn, "2024-05-01"), (Q::WorkerFullTimeStudent, "否")] {
        answers.set_text(q, v).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(!asked(&answers).iter().any(|q| q.id().starts_with("certificate2") || *q == Q::MoreCertificates));
    let a14 = chanjiao_rules::evaluate_entry_with(policy(), &answers, on(), "A14").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a14.status, Status::Eligible);
    // Unanswered, "another?" counts as no: the result is decided already.
    let mut open = answers.clone();
    open.clear(Q::MoreCertificates);
    let a14 = chanjiao_rules::evaluate_entry_with(policy(), &open, on(), "A14").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a14.status, Status::Eligible);
    answers.set_text(Q::MoreCertificates, "是").unwrap_or_else(|e| panic!("{e}"));
    assert!(asked(&answers).contains(&Q::Certificate2Type));
}

/// A question another answer already settles is not asked (questions::IMPLIED):
/// after "not in any cultivation scope", the city library; after "runs no
/// vocational education", the school on idle land.
#[test]
fn a_question_another_answer_settles_is_not_asked() {
    let text = include_str!("../../../examples/enterprise.json");
    let mut json: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    for key in ["ent_city_library", "ent_city_demo", "ent_city_demo_on", "ent_idle_land_school"] {
        json.as_object_mut().map(|o| o.remove(key));
    }
    json["ent_pilot_status"] = "none".into();
    json["ent_runs_vocational_education"] = false.into();
    let a = Answers::from_json_value(&json).unwrap_or_else(|e| panic!("{e}"));
    let asked: Vec<Q> = plan_with(policy(), &a, on()).unwrap_or_else(|e| panic!("{e}")).questions.iter().map(|q| q.q).collect();
    for q in [Q::EntCityLibrary, Q::EntCityDemo, Q::EntIdleLandSchool] {
        assert!(!asked.contains(&q), "{q:?} asked: {asked:?}");
    }
    let e = evaluate_with(policy(), &a, on()).unwrap_or_else(|e| panic!("{e}"));
    let status = |code: &str| e.results.iter().find(|r| r.incentive.code == code).map(|r| r.status);
    assert_eq!(status("A7"), Some(Status::NotEligible), "outside the library: no demonstration grant");
    assert_eq!(status("D2"), Some(Status::NotEligible));
    // "Only the city library": in it, so the library is not asked either.
    json["ent_pilot_status"] = "city_only".into();
    let a = Answers::from_json_value(&json).unwrap_or_else(|e| panic!("{e}"));
    let asked: Vec<Q> = plan_with(policy(), &a, on()).unwrap_or_else(|e| panic!("{e}")).questions.iter().map(|q| q.q).collect();
    assert!(!asked.contains(&Q::EntCityLibrary) && asked.contains(&Q::EntCityDemo), "{asked:?}");
    // The answers file says only what was given: nothing implied is exported.
    assert!(a.to_json().get("ent_city_library").is_none());
}

/// "不清楚" (not sure), offered for facts an applicant may not know, is not
/// asked again, and what rests on it goes to a person with no amount guessed.
#[test]
fn not_sure_is_not_asked_again_and_goes_to_a_person() {
    let text = include_str!("../../../examples/enterprise.json");
    let mut json: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    json["ent_city_library"] = "不清楚".into();
    let a = Answers::from_json_value(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.to_json()["ent_city_library"], "unknown", "written back as \"unknown\"");
    let asked: Vec<Q> = plan_with(policy(), &a, on()).unwrap_or_else(|e| panic!("{e}")).questions.iter().map(|q| q.q).collect();
    assert!(!asked.contains(&Q::EntCityLibrary), "{asked:?}");
    let e = evaluate_with(policy(), &a, on()).unwrap_or_else(|e| panic!("{e}"));
    let a7 = e.results.iter().find(|r| r.incentive.code == "A7").unwrap_or_else(|| panic!("A7"));
    assert_eq!((a7.status, a7.amount.code()), (Status::ManualReview, "none".to_owned()));
    assert!(a7.reason.get(chanjiao_rules::Lang::Zh).contains("不清楚") && a7.missing.is_empty());
    // Offered only where a person may not know: a registration is known.
    assert!(Answers::from_json_value(&serde_json::json!({ "applicant_type": "ENT", "registered_in_quanzhou": "不清楚" })).is_err());
}
