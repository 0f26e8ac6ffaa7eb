//! The envelope of every JSON output, the CLI's and the browser's alike: what it
//! is (`kind`) and the version of its shape (`format_version`), so that one
//! program can read what another wrote.

use serde::Serialize;

/// The version of the JSON output's shape; it changes only with a breaking change.
pub const FORMAT_VERSION: u32 = 1;

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
