//! What a pack adds: its questions take their place among the plan's, its
//! answers are read under it, and loading it twice names the same questions.

use chanjiao_rules::{Answers, Date, Q, Status, evaluate_with, load_policy, plan_with, questions_under};

fn pack() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/policy/example-new-incentive-2026.json");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn on() -> Date {
    Date::new(2026, 6, 30).unwrap_or_else(|| unreachable!())
}

#[test]
fn a_pack_question_sits_right_after_the_one_it_follows() {
    let text = pack();
    let params = load_policy(&[&text]).unwrap_or_else(|r| panic!("{:?}", r.error));
    let added = params.question("shared_workshop_recognised").unwrap_or_else(|| panic!("not added"));
    assert!(added.is_added());
    assert!(Q::EntCityDemoOn < added && added < Q::ApprenticeshipRuns);
    let all = questions_under(params);
    let at = all.iter().position(|q| q.q == added).unwrap_or_default();
    assert_eq!(all[at - 1].q, Q::EntCityDemoOn);
    assert_eq!(all[at + 1].id, "shared_workshop_recognised_on");
    // Loaded again, the same definitions are the same questions.
    let again = load_policy(&[&text]).unwrap_or_else(|r| panic!("{:?}", r.error));
    assert_eq!(again.question("shared_workshop_recognised"), Some(added));
    // The plan alone does not know it.
    assert_eq!(Q::from_id("shared_workshop_recognised"), None);
    assert!(Answers::from_json(r#"{"shared_workshop_recognised": true}"#).is_err());
}

#[test]
fn a_pack_answer_is_read_kept_in_order_and_evaluated() {
    let text = pack();
    let params = load_policy(&[&text]).unwrap_or_else(|r| panic!("{:?}", r.error));
    let json =
        r#"{"shared_workshop_recognised_on": "2026-03-01", "applicant_type": "ENT", "shared_workshop_recognised": true, "registered_in_quanzhou": true}"#;
    let answers = Answers::from_json_under(json, params).unwrap_or_else(|e| panic!("{e:?}"));
    let ids: Vec<&str> = answers.iter().map(|(q, _)| q.id()).collect();
    assert_eq!(ids, ["applicant_type", "registered_in_quanzhou", "shared_workshop_recognised", "shared_workshop_recognised_on"]);
    let e = evaluate_with(params, &answers, on()).unwrap_or_else(|e| panic!("{e:?}"));
    let f1 = e.results.iter().find(|r| r.incentive.code == "F1").unwrap_or_else(|| panic!("no F1"));
    assert_eq!(f1.status, Status::Eligible);
    // Its evidence is the answers its table read, the pack's among them.
    let evidence: Vec<&str> = f1.evidence.iter().map(|q| q.id()).collect();
    assert_eq!(evidence, ["registered_in_quanzhou", "shared_workshop_recognised", "shared_workshop_recognised_on"]);
    // Unanswered, the pack's question is asked; answered no, the entry is a near miss on it.
    let partial = Answers::from_json_under(r#"{"applicant_type": "ENT", "registered_in_quanzhou": true}"#, params).unwrap_or_else(|e| panic!("{e:?}"));
    let plan = plan_with(params, &partial, on()).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(plan.questions.iter().any(|q| q.id == "shared_workshop_recognised"));
    let no = Answers::from_json_under(r#"{"applicant_type": "ENT", "registered_in_quanzhou": true, "shared_workshop_recognised": false}"#, params)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let e = evaluate_with(params, &no, on()).unwrap_or_else(|e| panic!("{e:?}"));
    let f1 = e.results.iter().find(|r| r.incentive.code == "F1").unwrap_or_else(|| panic!("no F1"));
    assert_eq!(f1.status, Status::NotEligible);
    assert_eq!(f1.miss.as_ref().and_then(|m| m.question).map(|q| q.id()), Some("shared_workshop_recognised"));
}

#[test]
fn the_cases_of_the_example_pass() {
    let text = pack();
    let params = load_policy(&[&text]).unwrap_or_else(|r| panic!("{:?}", r.error));
    let runs = chanjiao_rules::run_cases(params);
    assert_eq!(runs.len(), 9);
    assert!(runs.iter().all(|r| r.failures.is_empty()), "{runs:?}");
}

#[test]
fn a_restated_entry_asks_the_event_date_before_what_only_the_successor_reads() {
    let text = pack();
    let params = load_policy(&[&text]).unwrap_or_else(|r| panic!("{:?}", r.error));
    let a11 = |json: &str| {
        let answers = Answers::from_json_under(json, params).unwrap_or_else(|e| panic!("{e:?}"));
        let e = evaluate_with(params, &answers, on()).unwrap_or_else(|e| panic!("{e:?}"));
        e.results.into_iter().find(|r| r.incentive.code == "A11").unwrap_or_else(|| panic!("no A11"))
    };
    let ids = |r: &chanjiao_rules::EntryResult| r.missing.iter().map(|q| q.id()).collect::<Vec<_>>();
    // Hired some, date unknown: the date comes first, since the degree questions follow it.
    let r = a11(r#"{"applicant_type": "ENT", "registered_in_quanzhou": true, "graduates_hired": 4}"#);
    assert_eq!(ids(&r), ["graduates_hired_on"]);
    // A hire under the successor: then the degrees.
    let r = a11(r#"{"applicant_type": "ENT", "registered_in_quanzhou": true, "graduates_hired": 4, "graduates_hired_on": "2026-02-01"}"#);
    assert_eq!(ids(&r), ["graduates_hired_bachelor"]);
    // A hire under the plan: the plan's questions, never the degrees.
    let r = a11(r#"{"applicant_type": "ENT", "registered_in_quanzhou": true, "graduates_hired": 4, "graduates_hired_on": "2025-02-01"}"#);
    assert_eq!(ids(&r), ["ent_ownership"]);
    // Hired nobody: not eligible, and never asked when.
    let r = a11(r#"{"applicant_type": "ENT", "registered_in_quanzhou": true, "graduates_hired": 0}"#);
    assert_eq!((r.status, ids(&r)), (Status::NotEligible, Vec::<&str>::new()));
}

/// The example's F1 with its last row edited by `edit`.
fn with_last_row(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut json: serde_json::Value = serde_json::from_str(&pack()).unwrap_or_else(|e| panic!("{e}"));
    let rows = json["adds"][0]["rule"].as_array_mut().unwrap_or_else(|| panic!("F1 has rows"));
    edit(rows.last_mut().unwrap_or_else(|| panic!("a last row")));
    json.to_string()
}

#[test]
fn a_row_words_a_one_of_answer_by_its_label_and_pays_by_the_annual_notice_only_where_the_rule_says_so() {
    // `{question|label}`: the option's words in the sentence's language.
    let text = with_last_row(|row| {
        row["reason_zh"] = "共享车间已经认定（{ent_ownership|label}）。".into();
        row["reason_en"] = "The shared workshop is recognised ({ent_ownership|label}).".into();
    });
    let params = load_policy(&[&text]).unwrap_or_else(|r| panic!("{:?}", r.error));
    let json = r#"{"applicant_type": "ENT", "registered_in_quanzhou": true, "ent_ownership": "private", "shared_workshop_recognised": true, "shared_workshop_recognised_on": "2026-03-01"}"#;
    let answers = Answers::from_json_under(json, params).unwrap_or_else(|e| panic!("{e:?}"));
    let e = evaluate_with(params, &answers, on()).unwrap_or_else(|e| panic!("{e:?}"));
    let f1 = e.results.iter().find(|r| r.incentive.code == "F1").unwrap_or_else(|| panic!("no F1"));
    let label = Q::EntOwnership.def().option_label("private").unwrap_or_else(|| panic!("an option"));
    assert!(f1.reason.zh().contains(&format!("（{}）", label.zh)), "{}", f1.reason.zh());
    assert!(f1.reason.en().contains(&format!("({})", label.en)), "{}", f1.reason.en());

    // A label is for a question with options, and is refused for any other, naming the row.
    let text = with_last_row(|row| row["reason_en"] = "Recognised on {shared_workshop_recognised|label}.".into());
    let refused = load_policy(&[&text]).err().unwrap_or_else(|| panic!("a yes-no question has no labels"));
    assert!(refused.error.field.as_deref().is_some_and(|f| f.contains("rule")), "{:?}", refused.error);
    assert!(refused.error.message.en.contains("label"), "{}", refused.error.message.en);

    // The annual notice's money is for an entry whose amount rule leaves the figure unsaid.
    let text = with_last_row(|row| {
        row["amount"] = "annual-notice".into();
        row.as_object_mut().map(|r| r.remove("value"));
    });
    let refused = load_policy(&[&text]).err().unwrap_or_else(|| panic!("F1's rule is FIXED"));
    assert!(refused.error.field.as_deref().is_some_and(|f| f.ends_with(".amount")), "{:?}", refused.error);
}

#[test]
fn the_names_expressions_keep_cannot_be_taken_by_a_question_or_a_value() {
    let mut json: serde_json::Value = serde_json::from_str(&pack()).unwrap_or_else(|e| panic!("{e}"));
    json["questions"][0]["id"] = "plan_expires".into();
    let refused = load_policy(&[&json.to_string()]).err().unwrap_or_else(|| panic!("plan_expires is the plan's expiry"));
    assert_eq!(refused.error.field.as_deref(), Some("questions[0].id"), "{:?}", refused.error);
    let mut json: serde_json::Value = serde_json::from_str(&pack()).unwrap_or_else(|e| panic!("{e}"));
    let values = json["values"].as_object_mut().unwrap_or_else(|| panic!("values"));
    let (name, value) = values.iter().find(|(_, v)| v.get("kind").is_some()).map(|(n, v)| (n.clone(), v.clone())).unwrap_or_else(|| panic!("a new value"));
    values.remove(&name);
    values.insert("plan_expires".into(), value);
    let refused = load_policy(&[&json.to_string()]).err().unwrap_or_else(|| panic!("plan_expires names no value"));
    assert_eq!(refused.error.field.as_deref(), Some("values.plan_expires"), "{:?}", refused.error);
}

#[test]
fn a_territory_row_applies_the_territorial_default_at_its_place() {
    let mut json: serde_json::Value = serde_json::from_str(&pack()).unwrap_or_else(|e| panic!("{e}"));
    json["adds"][0]["rule"][0] = serde_json::json!({ "status": "territory", "also_zh": "共享车间须在泉州。", "also_en": "The workshop must be in Quanzhou." });
    let text = json.to_string();
    let params = load_policy(&[&text]).unwrap_or_else(|r| panic!("{:?}", r.error));
    let f1 = |registered: bool| {
        let json = format!(
            r#"{{"applicant_type": "ENT", "registered_in_quanzhou": {registered}, "shared_workshop_recognised": true, "shared_workshop_recognised_on": "2026-03-01"}}"#
        );
        let answers = Answers::from_json_under(&json, params).unwrap_or_else(|e| panic!("{e:?}"));
        let e = evaluate_with(params, &answers, on()).unwrap_or_else(|e| panic!("{e:?}"));
        e.results.into_iter().find(|r| r.incentive.code == "F1").unwrap_or_else(|| panic!("no F1"))
    };
    let outside = f1(false);
    assert_eq!(outside.status, Status::NotEligible);
    assert!(outside.reason.en().contains("catalogue X4") && outside.reason.en().ends_with("The workshop must be in Quanzhou."), "{}", outside.reason.en());
    assert!(outside.flags.iter().any(|f| f.code == "X4"), "the default is flagged as such");
    assert_eq!(f1(true).status, Status::Eligible, "within the territory, the next rows decide");
    // It gives no reason or amount of its own.
    json["adds"][0]["rule"][0]["amount"] = "exact".into();
    json["adds"][0]["rule"][0]["value"] = "f1_shared_workshop_grant".into();
    assert!(load_policy(&[&json.to_string()]).is_err(), "a territory row pays nothing");
}

#[test]
fn a_let_row_names_a_value_for_the_rows_below_and_waits_for_what_it_reads() {
    let mut json: serde_json::Value = serde_json::from_str(&pack()).unwrap_or_else(|e| panic!("{e}"));
    let rows = json["adds"][0]["rule"].as_array_mut().unwrap_or_else(|| panic!("F1 has rows"));
    rows.insert(0, serde_json::json!({ "status": "let", "name": "private_owner", "value": "ent_ownership == 'private'" }));
    rows.insert(
        1,
        serde_json::json!({ "when": "!private_owner", "status": "not-eligible", "reason_zh": "只限民营企业。", "reason_en": "Private enterprises only." }),
    );
    let text = json.to_string();
    let params = load_policy(&[&text]).unwrap_or_else(|r| panic!("{:?}", r.error));
    let f1 = |ownership: &str| {
        let json = format!(
            r#"{{"applicant_type": "ENT", "registered_in_quanzhou": true, {ownership} "shared_workshop_recognised": true, "shared_workshop_recognised_on": "2026-03-01"}}"#
        );
        let answers = Answers::from_json_under(&json, params).unwrap_or_else(|e| panic!("{e:?}"));
        let e = evaluate_with(params, &answers, on()).unwrap_or_else(|e| panic!("{e:?}"));
        e.results.into_iter().find(|r| r.incentive.code == "F1").unwrap_or_else(|| panic!("no F1"))
    };
    // Unanswered, the let waits for the question it reads, which the planner then asks.
    let waiting = f1("");
    assert_eq!(waiting.missing.iter().map(|q| q.id()).collect::<Vec<_>>(), ["ent_ownership"]);
    assert_eq!(f1(r#""ent_ownership": "state","#).status, Status::NotEligible);
    assert_eq!(f1(r#""ent_ownership": "private","#).status, Status::Eligible);
    // A let is read only below its row, and its name is not an answer's.
    let rows = json["adds"][0]["rule"].as_array_mut().unwrap_or_else(|| panic!("F1 has rows"));
    rows.swap(0, 1);
    assert!(load_policy(&[&json.to_string()]).is_err(), "private_owner is read above the row that names it");
    let rows = json["adds"][0]["rule"].as_array_mut().unwrap_or_else(|| panic!("F1 has rows"));
    rows.swap(0, 1);
    rows[0]["name"] = "ent_ownership".into();
    assert!(load_policy(&[&json.to_string()]).is_err(), "a let cannot take an answer's name");
}
