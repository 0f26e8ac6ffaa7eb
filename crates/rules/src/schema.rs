//! The answers file's vocabulary as a JSON Schema (draft 2020-12), generated from
//! the question table so that the two can never disagree.

use serde_json::{Map, Value as Json, json};

use crate::questions::{Kind, QUESTIONS, YEAR_STANDING, YEARLY};

/// The JSON Schema of an answers file. It describes the canonical form that
/// `Answers::to_json` writes; reading is more forgiving (full-width digits,
/// thousands separators, 万, 是/否), as each property's `x-also-accepts` says.
/// Each question's help is filled from the values of `params`.
pub fn json_schema(params: &crate::Params) -> Json {
    let mut properties = Map::new();
    for q in QUESTIONS {
        let mut p = match q.kind {
            // A fact the applicant may not know also takes "unknown" (不清楚).
            Kind::YesNo if crate::questions::UNSURE.contains(&q.q) => json!({
                "type": ["boolean", "string"], "enum": [true, false, "unknown"],
                "x-also-accepts": "\"是\"/\"否\"/\"不清楚\", \"yes\"/\"no\", \"true\"/\"false\", 1/0"
            }),
            Kind::YesNo => json!({ "type": "boolean", "x-also-accepts": "\"是\"/\"否\", \"yes\"/\"no\", \"true\"/\"false\", 1/0" }),
            Kind::Count { min } => {
                json!({ "type": "integer", "minimum": min, "x-also-accepts": "a string of digits, full-width digits, thousands separators" })
            }
            Kind::Money => {
                json!({ "type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,2})?$", "x-unit": "yuan", "x-also-accepts": "a JSON number; 万 or 元 suffixes; full-width digits; thousands separators" })
            }
            Kind::Date => json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "x-also-accepts": "YYYY/M/D, YYYY年M月D日" }),
            Kind::Year => json!({ "type": "integer", "minimum": 1900, "maximum": 9999 }),
            Kind::OneOf { options } => {
                let ids: Vec<&str> = options.iter().map(|c| c.id).collect();
                let labels: Map<String, Json> = options.iter().map(|c| (c.id.to_owned(), json!({ "zh-CN": c.label.zh, "en": c.label.en }))).collect();
                json!({ "type": "string", "enum": ids, "x-labels": labels })
            }
        };
        // A person's several roles may be listed instead of answering each `also_*`.
        if q.q == crate::Q::ApplicantType
            && let Json::Object(obj) = &mut p
        {
            obj.insert("x-also-accepts".into(), json!("a list of a person's roles, e.g. [\"IND-GRAD\", \"IND-WORKER\"]; roles not listed are answered no"));
        }
        if let Json::Object(obj) = &mut p {
            obj.insert("title".into(), json!(q.label.en));
            let help = q.help_under(params, crate::Date::LATEST);
            obj.insert("description".into(), json!(format!("{} {}", q.label.zh, help.zh)));
            obj.insert("x-label".into(), json!({ "zh-CN": q.label.zh, "en": q.label.en }));
            obj.insert("x-help".into(), json!({ "zh-CN": help.zh, "en": help.en }));
            obj.insert("x-clause".into(), json!(q.clause));
            obj.insert("x-applicant-types".into(), json!(q.applicant_types.iter().map(|t| t.code()).collect::<Vec<_>>()));
        }
        let nullable = json!({ "anyOf": [p, { "type": "null" }] });
        properties.insert(q.id.to_owned(), nullable);
    }
    // Several years: each year's facts under its year, as the answers file doc says.
    let of_year: Map<String, Json> = properties
        .iter()
        .filter(|(id, _)| crate::Q::from_id(id).is_some_and(|q| YEARLY.contains(&q) || YEAR_STANDING.contains(&q) || q == crate::Q::B1CarriedIn))
        .map(|(id, p)| (id.clone(), p.clone()))
        .collect();
    properties.insert(
        "years".into(),
        json!({
            "type": "object",
            "description": "Several years' facts, each under its four-digit year; the facts of a year are then never given at the top.",
            "minProperties": 1,
            "maxProperties": crate::answers::MAX_YEARS,
            "propertyNames": { "pattern": "^(19|[2-9][0-9])[0-9]{2}$" },
            "additionalProperties": { "type": "object", "additionalProperties": false, "properties": of_year },
        }),
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "chanjiao answers (泉政办规〔2022〕8号)",
        "description": "One applicant's answers. Keys are question ids; null or absent means unanswered. Unknown keys are rejected.",
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
    })
}
