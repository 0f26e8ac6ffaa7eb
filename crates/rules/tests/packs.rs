//! Successor policies as data: the example pack (clearly an illustration) loads
//! through the same checks as the built-in data; a 2026 event is judged under it
//! at its new figure and cites it; a 2025 event claimed in 2026 follows its
//! transition rule; an entry it drops ends with the plan; B1 keeps its national
//! basis; and a pack that fails a check is refused with the key and the reason.

use chanjiao_rules::{Answers, Date, ErrorKind, Pack, Params, Status, evaluate_entry_with, evaluate_with};

/// The built-in plan, composed as every program composes its policy.
fn policy() -> &'static chanjiao_rules::Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

const EXAMPLE: &str = include_str!("../../../examples/policy/example-successor-2026.json");
const ENTERPRISE: &str = include_str!("../../../examples/enterprise.json");
const ORGANISATION: &str = include_str!("../../../examples/organisation.json");

fn date(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|| panic!("{s}"))
}

fn builtin() -> &'static Params {
    policy()
}

fn with(pack_text: &str) -> &'static Params {
    let pack = Pack::from_json(pack_text, "0000test", builtin()).unwrap_or_else(|e| panic!("{e}"));
    builtin().with_packs(vec![pack]).unwrap_or_else(|e| panic!("{e}"))
}

fn answers(text: &str, changes: &[(&str, serde_json::Value)]) -> Answers {
    let mut json: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    for (k, v) in changes {
        json[*k] = v.clone();
    }
    Answers::from_json_value(&json).unwrap_or_else(|e| panic!("{e}"))
}

/// The example pack, changed by `edit` (a JSON pointer and a new value).
fn edited(pointer: &str, value: serde_json::Value) -> String {
    let mut json: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    *json.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
    json.to_string()
}

#[test]
fn the_example_says_it_is_an_illustration_everywhere() {
    let json: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["document"]["illustrative"], true);
    for key in ["number", "title", "issuer"] {
        assert!(json["document"][key].as_str().unwrap_or_default().contains("示例，非真实政策"), "document.{key}");
    }
    for passage in json["text"].as_array().into_iter().flatten() {
        assert!(passage.as_str().unwrap_or_default().contains("示例，非真实政策"), "every passage: {passage}");
    }
    let params = with(EXAMPLE);
    let doc = &params.successors[0];
    assert!(doc.illustrative);
    assert_eq!((doc.issued, doc.expires), (date("2026-01-01"), date("2028-12-31")));
}

#[test]
fn a_2026_hire_is_judged_under_the_pack_at_its_figure_and_cites_it() {
    let params = with(EXAMPLE);
    let a = answers(ENTERPRISE, &[("graduates_hired_on", "2026-03-02".into())]);
    let r = evaluate_entry_with(params, &a, date("2026-06-30"), "A11").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.amount.code(), "exact:34500", "23 hires at the pack's CNY 1,500");
    let basis = r.basis.as_ref().unwrap_or_else(|| panic!("judged under the pack"));
    assert!(basis.number.starts_with("示例〔2026〕1号"));
    assert_eq!(basis.clause, "四(一)");
    assert!(basis.quote[0].contains("1500元"), "the pack's own words");
    assert!(basis.illustrative);
    assert!(r.flags.iter().any(|f| f.text.zh.contains("示例，非真实政策")), "the result says it is an illustration");
    // Without the pack the same hire is after the plan: not eligible.
    let plain = evaluate_entry_with(builtin(), &a, date("2026-06-30"), "A11").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plain.status, Status::NotEligible);
    assert!(plain.basis.is_none());
}

#[test]
fn a_2025_event_claimed_in_2026_follows_the_transition_rule() {
    let a = answers(ENTERPRISE, &[("graduates_hired_on", "2025-03-03".into())]);
    let on = date("2026-06-30");
    // The example accepts such claims, judged by the plan then in force: CNY 1,000 a hire.
    let r = evaluate_entry_with(with(EXAMPLE), &a, on, "A11").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((r.status, r.amount.code()), (Status::Eligible, "exact:23000".to_owned()));
    assert!(r.basis.is_none(), "judged by the plan in force when the hire happened");
    assert!(r.reason.get(chanjiao_rules::Lang::Zh).contains("受理此类事项"), "{}", r.reason.get(chanjiao_rules::Lang::Zh));
    // Claimable only through the illustration's transition clause, so it says so.
    assert!(r.flags.iter().any(|f| f.code == "示例" && f.text.zh.contains("过渡规定")), "{:?}", r.flags);
    // The same claim in 2025 (before the illustration was issued) rests on the plan alone.
    let before = evaluate_entry_with(with(EXAMPLE), &a, date("2025-06-30"), "A11").unwrap_or_else(|e| panic!("{e}"));
    assert!(before.flags.iter().all(|f| f.code != "示例"), "{:?}", before.flags);
    assert!(with(EXAMPLE).illustrative_on(date("2025-12-31")).is_none());
    assert!(with(EXAMPLE).illustrative_on(on).is_some_and(|d| d.number.starts_with("示例")));
    assert!(builtin().illustrative_on(on).is_none());
    // Left to the annual notice: cannot be determined, the amount shown as potential.
    let notice = edited("/document/transition", "annual-notice".into());
    let r = evaluate_entry_with(with(&notice), &a, on, "A11").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.status, Status::Undetermined);
    // Refused: not eligible.
    let refuse = edited("/document/transition", "refuse".into());
    let r = evaluate_entry_with(with(&refuse), &a, on, "A11").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.status, Status::NotEligible);
    // Without a pack: cannot be determined, as today.
    let r = evaluate_entry_with(builtin(), &a, on, "A11").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.status, Status::Undetermined);
}

#[test]
fn an_entry_the_pack_drops_ends_with_the_plan_and_b1_keeps_its_national_basis() {
    let params = with(EXAMPLE);
    // A12 is the named innovation base's annual grant; the example does not continue it.
    let base = |year: u16| answers(ORGANISATION, &[("org_named_body", "innovation_base".into()), ("claim_year", year.into())]);
    let r = evaluate_entry_with(params, &base(2026), date("2026-06-30"), "A12").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.status, Status::NotEligible, "2026 is under the pack, which drops A12");
    assert!(r.basis.as_ref().is_some_and(|b| b.number.starts_with("示例")), "and says which document ended it");
    assert!(r.reason.get(chanjiao_rules::Lang::Zh).contains("未延续此条目"));
    // 2025, claimed in 2026, was under the plan: the pack accepts such claims.
    let r = evaluate_entry_with(params, &base(2025), date("2026-06-30"), "A12").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((r.status, r.amount.code()), (Status::Eligible, "exact:500000".to_owned()));
    // Without the pack, 2026 is after the plan.
    let r = evaluate_entry_with(builtin(), &base(2026), date("2026-06-30"), "A12").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.status, Status::NotEligible);
    assert!(r.basis.is_none());

    // B1, for the example enterprise, is the same with or without the pack.
    let a = answers(ENTERPRISE, &[]);
    for on in ["2025-06-30", "2026-06-30"] {
        let with_pack = evaluate_entry_with(params, &a, date(on), "B1").unwrap_or_else(|e| panic!("{e}"));
        let without = evaluate_entry_with(builtin(), &a, date(on), "B1").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((with_pack.status, with_pack.amount.code()), (without.status, without.amount.code()), "B1 on {on}");
    }
    // A pack may not drop B1, nor set its figures.
    let drop_b1 = edited("/drops", serde_json::json!(["B1"]));
    let err = Pack::from_json(&drop_b1, "x", builtin()).err().unwrap_or_else(|| panic!("refused"));
    assert_eq!((err.kind, err.field.as_deref()), (ErrorKind::PolicyPack, Some("drops[0]")));
}

#[test]
fn a_status_held_now_is_held_under_the_pack_in_force() {
    // Designations are held under the document in force on the application date:
    // after the plan, under the pack, which they then cite.
    let params = with(EXAMPLE);
    let a = answers(ENTERPRISE, &[]);
    let on = date("2026-06-30");
    let with_pack = evaluate_with(params, &a, on).unwrap_or_else(|e| panic!("{e}"));
    let plain = evaluate_with(builtin(), &a, on).unwrap_or_else(|e| panic!("{e}"));
    let d3 = |e: &chanjiao_rules::Evaluation| {
        e.results.iter().find(|r| r.incentive.code == "D3").map(|r| (r.status, r.basis.is_some())).unwrap_or_else(|| panic!("D3"))
    };
    // D3 is information: it is shown while a document in force announces it.
    assert_eq!(d3(&plain), (Status::NotApplicable, false), "after the plan, with no successor");
    assert_eq!(d3(&with_pack), (Status::Information, true), "announced by the pack");
}

#[test]
fn a_pack_that_fails_a_check_is_refused_with_the_key_and_the_reason() {
    let cases = [
        (edited("/values/a11_sme_per_hire/value", "1600".into()), "values.a11_sme_per_hire.value"),
        (edited("/values/a11_sme_per_hire/figure", "1800元".into()), "values.a11_sme_per_hire.figure"),
        (edited("/values/a11_sme_per_hire/text", "每吸纳 1人给予 1500元（不在原文中）".into()), "values.a11_sme_per_hire.text"),
        (edited("/document/expires", "2025-12-31".into()), "document"),
        (edited("/document/transition", "maybe".into()), "document.transition"),
        (edited("/document/title", "一份新方案".into()), "document.title"),
        (edited("/entries/A11/quote", serde_json::json!(["不在原文中的一句话"])), "entries.A11.quote[0]"),
        (edited("/drops", serde_json::json!(["Z9"])), "drops[0]"),
        (edited("/chanjiao_policy_pack", 2.into()), "chanjiao_policy_pack"),
    ];
    for (text, key) in cases {
        let err = Pack::from_json(&text, "x", builtin()).err().unwrap_or_else(|| panic!("{key}: refused"));
        assert_eq!(err.kind, ErrorKind::PolicyPack, "{key}");
        assert_eq!(err.field.as_deref(), Some(key), "{}", err.render(chanjiao_rules::Lang::En));
        assert!(!err.message.zh.is_empty() && !err.message.en.is_empty(), "{key}: both languages");
    }
    // Values out of bounds or out of shape: a huge amount (whose products would
    // overflow), a share over 1, a range run backwards, tiers that do not match
    // the ranked places (either way), a count with a fraction, a drop listed twice.
    let with_value = |name: &str, value: serde_json::Value, text: &str, figure: &str| {
        let mut json: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
        json["text"].as_array_mut().unwrap_or_else(|| panic!("text")).push(text.into());
        json["values"][name] = serde_json::json!({ "clause": "四(一)", "text": text, "figure": figure, "value": value });
        json.to_string()
    };
    for (text, key) in [
        (
            with_value(
                "a15_award",
                "79228162514264337593543950335".into(),
                "每人奖励 79228162514264337593543950335元（示例）",
                "79228162514264337593543950335元",
            ),
            "values.a15_award.value",
        ),
        (with_value("a15_award", "2000000000".into(), "每人奖励 200000万元（示例）", "200000万元"), "values.a15_award.value"),
        (with_value("c1_net_income_share", "2".into(), "提取不超过培训净收入的 200%（示例）", "200%"), "values.c1_net_income_share.value"),
        (with_value("e1_quota_share", serde_json::json!(["0.05", "0.02"]), "按职工总数的 5%～2%（示例）", "5%～2%"), "values.e1_quota_share"),
        (
            with_value("a9_award_by_rank", serde_json::json!(["500000", "400000"]), "分别给予 50万元、40万元（示例）", "50万元、40万元"),
            "values.a9_award_by_rank",
        ),
        (with_value("a9_ranked_places", "9".into(), "排名前 9名（示例）", "9名"), "values.a9_ranked_places"),
        (with_value("d8_max_nights", "7.5".into(), "最长 7.5天（示例）", "7.5天"), "values.d8_max_nights.value"),
        (edited("/drops", serde_json::json!(["A12", "A12"])), "drops[1]"),
    ] {
        let err = Pack::from_json(&text, "x", builtin()).err().unwrap_or_else(|| panic!("{key}: refused"));
        assert_eq!((err.kind, err.field.as_deref()), (ErrorKind::PolicyPack, Some(key)), "{}", err.render(chanjiao_rules::Lang::En));
    }

    // Unknown and reserved parameters, and an unknown key anywhere.
    let mut json: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    json["values"]["a11_per_hire"] = json["values"]["a11_sme_per_hire"].clone();
    assert_eq!(Pack::from_json(&json.to_string(), "x", builtin()).err().and_then(|e| e.field), Some("values.a11_per_hire".into()));
    let mut json: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    json["values"]["b1_credit_rate"] = serde_json::json!({"clause": "三(一)", "text": "按投资额的 30%抵免", "figure": "30%", "value": "0.3"});
    assert_eq!(Pack::from_json(&json.to_string(), "x", builtin()).err().and_then(|e| e.field), Some("values.b1_credit_rate".into()));
    let mut json: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    json["document"]["extra"] = "x".into();
    assert_eq!(Pack::from_json(&json.to_string(), "x", builtin()).err().map(|e| e.kind), Some(ErrorKind::PolicyPack));
    assert!(Pack::from_json("not json", "x", builtin()).is_err());
    // A pack must take effect after the plan, and a second after the first.
    let mut json: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    json["document"]["signed"] = "2022-01-01".into();
    json["document"]["in_force"] = "2022-06-01".into();
    assert_eq!(Pack::from_json(&json.to_string(), "x", builtin()).err().and_then(|e| e.field), Some("document.in_force".into()));
    let params = with(EXAMPLE);
    let again = Pack::from_json(EXAMPLE, "y", params).err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(again.field.as_deref(), Some("document.in_force"));
}

#[test]
fn without_a_pack_nothing_changes() {
    // The golden files (crates/cli/tests/golden.rs) hold every example's output
    // byte for byte; here, the built-in parameters know no successor.
    assert!(builtin().successors.is_empty());
    let a = answers(ENTERPRISE, &[]);
    let e = evaluate_with(builtin(), &a, date("2026-06-30")).unwrap_or_else(|e| panic!("{e}"));
    assert!(e.results.iter().all(|r| r.basis.is_none()));
    assert!(e.policy.successors.is_empty());
}

#[test]
fn the_codes_a_pack_is_checked_against_are_the_catalogue_s() {
    let catalogue = policy().catalogue().unwrap_or_else(|e| panic!("{e}"));
    for e in &catalogue.entries {
        assert!(chanjiao_rules::Catalogue::has_code(&e.code), "{}", e.code);
    }
    // Exact codes only, as the pack file names them.
    assert!(!chanjiao_rules::Catalogue::has_code("a11"));
    assert!(!chanjiao_rules::Catalogue::has_code("Z9"));
    // A pack naming an entry no catalogue has is refused with the key.
    let e = Pack::from_json(&edited("/drops", serde_json::json!(["Z9"])), "0000test", builtin()).err().unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.field.as_deref(), Some("drops[0]"));
}

#[test]
fn english_cites_a_pack_s_number_in_ascii_words() {
    // As the pack gives it.
    let given = with(EXAMPLE);
    assert_eq!(given.successors[0].number_en, "Example [2026] No. 1 (an illustration, not a real policy)");
    assert_eq!(given.successors[0].number_in(chanjiao_rules::Lang::Zh), "示例〔2026〕1号（示例，非真实政策）");
    // Without it, the brackets and 号 become ASCII words; what follows the serial stays.
    let mut json: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    json["document"].as_object_mut().unwrap_or_else(|| panic!("document")).remove("number_en");
    let pack = Pack::from_json(&json.to_string(), "0000test", builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pack.document.number_en, "示例 [2026] No. 1（示例，非真实政策）");
    assert_eq!(builtin().policy.number_en, "Quan Zheng Ban Gui [2022] No. 8");
}

/// The refusal of `text`, as (key, English message).
fn refusal(text: &str) -> (String, String) {
    let e = Pack::from_json(text, "x", builtin()).err().unwrap_or_else(|| panic!("accepted: {text}"));
    assert_eq!(e.kind, ErrorKind::PolicyPack);
    (e.field.unwrap_or_default(), e.message.en.into_owned())
}

#[test]
fn a_pack_cannot_pass_for_another_document() {
    // The plan's own number, written to look the same.
    for number in ["泉政办规〔2022〕8号 ", "泉政办规〔２０２２〕８号", "泉政办规[2022]8号", "泉政办规 （2022） 8 号", "泉政办规【2022】8号"]
    {
        let (key, message) = refusal(&edited("/document/number", number.into()));
        assert_eq!(key, "document.number", "{number}: {message}");
        assert!(message.contains("already loaded"), "{number}: {message}");
    }
    // Invisible characters are refused wherever they are.
    for number in ["泉政办规〔2022〕8\u{200B}号", "泉政办规〔2022〕8号\u{202E}"] {
        let (key, message) = refusal(&edited("/document/number", number.into()));
        assert_eq!(key, "document.number", "{number}: {message}");
        assert!(message.contains("U+20"), "{number}: {message}");
    }
    // A number of another script's digits, or with a letter that reads as a
    // digit (a Latin O for a zero), is refused, not read.
    for number in ["示例〔２٠２６〕１号（示例，非真实政策）", "泉政办规〔2O22〕8号", "泉政办规〔2022〕8号A"] {
        let (key, message) = refusal(&edited("/document/number", number.into()));
        assert_eq!(key, "document.number", "{number}: {message}");
        assert!(message.contains("do not use"), "{number}: {message}");
    }
    // The same pack loaded twice: the second carries a loaded number.
    let again = Pack::from_json(&edited("/document/in_force", "2026-06-01".into()), "y", with(EXAMPLE)).err();
    assert!(again.is_some_and(|e| e.message.en.contains("already loaded")));
}

#[test]
fn control_and_bidi_characters_in_pack_text_are_refused() {
    let (key, message) = refusal(&edited("/document/title", "示例\u{1b}[31m文件".into()));
    assert_eq!(key, "document.title", "{message}");
    assert!(message.contains("U+001B"), "{message}");
    let (key, _) = refusal(&edited("/values/a11_sme_per_hire/clause", "四(一)\u{202E}".into()));
    assert_eq!(key, "values.a11_sme_per_hire.clause");
    // Marks and fillers that show nothing, and tag characters.
    for c in ['\u{34F}', '\u{FE0F}', '\u{E0041}', '\u{17B4}', '\u{3164}', '\u{115F}', '\u{1160}', '\u{2800}'] {
        let (key, message) = refusal(&edited("/document/issuer", format!("泉州市人民政府办公室{c}").into()));
        assert_eq!(key, "document.issuer", "U+{:04X}: {message}", u32::from(c));
    }
}

#[test]
fn a_key_written_twice_is_refused_naming_it() {
    let text = EXAMPLE.replacen(
        "\"values\": {",
        "\"values\": {\n    \"a11_sme_per_hire\": {\"clause\": \"四(一)\", \"text\": \"x\", \"figure\": \"1\", \"value\": \"1\"},",
        1,
    );
    assert_ne!(text, EXAMPLE);
    let (key, message) = refusal(&text);
    assert_eq!(key, "values.a11_sme_per_hire", "{message}");
    // Escaped the same key is the same key.
    assert_eq!(chanjiao_rules::duplicate_key(r#"{"a": 1, "\u0061": 2}"#).as_deref(), Some("a"));
    assert_eq!(chanjiao_rules::duplicate_key(r#"{"a": {"b": [1, {"c": 1, "c": 2}]}}"#).as_deref(), Some("a.b[1].c"));
    assert_eq!(chanjiao_rules::duplicate_key(r#"{"a": "\"a\"", "b": {"a": 1}}"#), None);
}

#[test]
fn a_figure_in_yi_reads_as_hundreds_of_millions() {
    assert_eq!(chanjiao_rules::figure_numbers("1亿元"), [chanjiao_rules::Decimal::from(100_000_000)]);
    assert_eq!(chanjiao_rules::figure_numbers("1.5万元"), [chanjiao_rules::Decimal::from(15_000)]);
    assert_eq!(chanjiao_rules::figure_numbers("1亿2000万元"), [], "mixed units read as nothing");
    // A value of 1 cannot pass for a text that says 1亿元.
    let mut json: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    json["values"]["a11_sme_per_hire"] =
        serde_json::json!({"clause": "四(一)", "text": "对中小微企业按每吸纳 1人给予 1亿元一次性补贴", "figure": "1亿元", "value": "1"});
    json["text"].as_array_mut().unwrap_or_else(|| panic!("text")).push("对中小微企业按每吸纳 1人给予 1亿元一次性补贴".into());
    let (key, message) = refusal(&json.to_string());
    assert_eq!(key, "values.a11_sme_per_hire.value", "{message}");
}

#[test]
fn a_value_beyond_what_a_document_could_set_is_refused() {
    let mut json: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    json["values"]["a11_sme_per_hire"] =
        serde_json::json!({"clause": "四(一)", "text": "对中小微企业按每吸纳 1人给予 200000000元一次性补贴", "figure": "200000000元", "value": "200000000"});
    json["text"].as_array_mut().unwrap_or_else(|| panic!("text")).push("对中小微企业按每吸纳 1人给予 200000000元一次性补贴".into());
    let (key, message) = refusal(&json.to_string());
    assert_eq!(key, "values.a11_sme_per_hire.value", "{message}");
    assert!(message.contains("100,000,000"), "{message}");
}

/// The number key folds what NFKC folds to an ASCII letter or digit, or refuses
/// the character: checked over the Basic Multilingual Plane and the
/// mathematical letters and digits, against an independent NFKC.
#[test]
fn the_number_key_agrees_with_nfkc_or_refuses() {
    use unicode_normalization::UnicodeNormalization;
    let planes = (0u32..0x1_0000).chain(0x1D400..0x1D800);
    for c in planes.filter_map(char::from_u32) {
        let nfkc: String = c.to_string().nfkc().collect();
        let [only] = nfkc.as_bytes() else { continue };
        if !only.is_ascii_alphanumeric() {
            continue;
        }
        match chanjiao_rules::number_key(&c.to_string()) {
            Ok(key) => assert_eq!(key, nfkc.to_ascii_uppercase(), "U+{:04X}", u32::from(c)),
            // Refused by the character itself or by what it folds to.
            Err(refused) => assert!(refused == c || refused.to_string() == nfkc, "U+{:04X}", u32::from(c)),
        }
    }
}

#[test]
fn a_result_judged_under_the_pack_words_its_entry_with_the_pack_s_figures() {
    // A 2026 hire is paid 1,500 a head under the example; the entry's amount
    // rule must say 1,500 too, not the plan's 1,000.
    let params = with(EXAMPLE);
    let a = answers(ENTERPRISE, &[("graduates_hired_on", "2026-03-01".into())]);
    let r = evaluate_entry_with(params, &a, date("2026-06-30"), "A11").unwrap_or_else(|e| panic!("{e}"));
    assert!(r.basis.is_some(), "judged under the pack");
    assert!(r.incentive.amount_rule_zh.contains("1500"), "{}", r.incentive.amount_rule_zh);
    assert!(!r.incentive.amount_rule_zh.contains("1000元"), "{}", r.incentive.amount_rule_zh);
    assert_eq!(r.basis.as_ref().map(|b| b.amount_rule.zh.to_string()), Some(r.incentive.amount_rule_zh.clone()));
    // A 2025 hire, judged under the plan, keeps the plan's words.
    let a = answers(ENTERPRISE, &[]);
    let r = evaluate_entry_with(params, &a, date("2025-06-30"), "A11").unwrap_or_else(|e| panic!("{e}"));
    assert!(r.basis.is_none() && r.incentive.amount_rule_zh.contains("1000"), "{}", r.incentive.amount_rule_zh);
}

/// The example pack with A11's figure raised a second time, from a later day
/// its text names: `since` on the value, and the words in the document.
fn raised_from(day: &str, words: &str) -> String {
    let mut json: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    let passage = format!("四(一) 自{words}起，对中小微企业按每吸纳 1人给予 1800元一次性补贴标准执行（示例，非真实政策）。");
    json["text"].as_array_mut().unwrap_or_else(|| panic!("text")).push(passage.clone().into());
    json["values"]["a11_sme_per_hire"] = serde_json::json!({
        "clause": "四(一)", "text": passage, "figure": "1800元", "value": "1800", "since": day
    });
    json.to_string()
}

#[test]
fn a_pack_value_may_take_effect_on_its_own_day_which_its_text_states() {
    let params = with(&raised_from("2027-01-01", "2027年1月1日"));
    let hired = |on: &str| {
        let a = answers(ENTERPRISE, &[("graduates_hired_on", on.into())]);
        evaluate_entry_with(params, &a, date("2027-06-30"), "A11").unwrap_or_else(|e| panic!("{e}")).amount.code()
    };
    // Before its day the plan's figure stays in force (the pack sets no other);
    // from it, the pack's.
    assert_eq!(hired("2026-12-31"), "exact:23000", "23 hires at the plan's CNY 1,000");
    assert_eq!(hired("2027-01-01"), "exact:41400", "23 hires at the pack's CNY 1,800");
    // The same day written as the first of a year is found; a day the text
    // does not state, a day outside the document, or no date at all is refused, naming the key.
    assert!(Pack::from_json(&raised_from("2027-01-01", "2027年"), "x", builtin()).is_ok());
    let (key, message) = refusal(&raised_from("2027-02-01", "2027年1月1日"));
    assert_eq!(key, "values.a11_sme_per_hire.since");
    assert!(message.contains("does not state this day"), "{message}");
    let (key, message) = refusal(&raised_from("2029-01-01", "2029年1月1日"));
    assert_eq!(key, "values.a11_sme_per_hire.since");
    assert!(message.contains("validity"), "{message}");
    assert_eq!(refusal(&raised_from("next year", "2027年1月1日")).0, "values.a11_sme_per_hire.since");
    // 2027年1月 is not the first of 2027年10月.
    assert_eq!(refusal(&raised_from("2027-01-01", "2027年10月1日")).0, "values.a11_sme_per_hire.since");
    // The officials' comparison names the day the new figure takes effect.
    let diff = chanjiao_rules::policy_diff(builtin(), params).unwrap_or_else(|e| panic!("{e}"));
    let later: Vec<_> = diff.figures.iter().filter(|f| f.name == "a11_sme_per_hire").map(|f| (f.old.clone(), f.new.clone(), f.since)).collect();
    let n = |v: i64| vec![chanjiao_rules::Decimal::from(v)];
    assert_eq!(later, vec![(n(1000), n(1800), Some(date("2027-01-01")))]);
}
