//! The envelope of every JSON output, the CLI's and the browser's alike: what it
//! is (`kind`) and the version of its shape (`format_version`), so that one
//! program can read what another wrote.

use serde::Serialize;

/// The version of the JSON output's shape; it changes only with a breaking change.
pub const FORMAT_VERSION: u32 = 2;

/// Wraps a payload for JSON output with what it is and the format version: an
/// object gains `format_version` and `kind`; anything else is put under `items`.
pub fn versioned(kind: &str, payload: &impl Serialize) -> serde_json::Value {
    let value = serde_json::to_value(payload).unwrap_or_default();
    let mut out = serde_json::Map::new();
    out.insert("format_version".into(), FORMAT_VERSION.into());
    out.insert("kind".into(), kind.into());
    match value {
        serde_json::Value::Object(map) => out.extend(map),
        other => {
            out.insert("items".into(), other);
        }
    }
    serde_json::Value::Object(out)
}

/// The same envelope written straight to JSON text, without building the value
/// first: what a browser asking for many evaluations wants. Its keys are those
/// of [`versioned`]; only their order may differ.
pub fn versioned_text(kind: &str, payload: &impl Serialize) -> String {
    #[derive(Serialize)]
    struct Versioned<'a, T: Serialize> {
        format_version: u32,
        kind: &'a str,
        #[serde(flatten)]
        payload: &'a T,
    }
    serde_json::to_string(&Versioned { format_version: FORMAT_VERSION, kind, payload }).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_and_the_value_say_the_same() {
        let payload = serde_json::json!({ "results": [1, 2], "totals": { "money": 0 } });
        let text: serde_json::Value = serde_json::from_str(&versioned_text("evaluation", &payload)).unwrap_or_default();
        assert_eq!(text, versioned("evaluation", &payload));
    }
}
