//! Turns the policy's data files into compact JSON at compile time.
//!
//! `data/params.toml` and `data/entries.toml` are the readable, commented source
//! of every figure and entry. Parsing TOML at run time would ship a TOML parser
//! to every browser; instead this script converts both files to JSON (which the
//! crate reads with `serde_json`, needed anyway for answers), keeping only what
//! the formulas and explanations read: a parameter's clause and dated values,
//! not the text and figure the tests check it against.

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| panic!("cargo sets OUT_DIR"));
    for name in ["params", "entries"] {
        let source = format!("data/{name}.toml");
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let mut value: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{source} is not valid TOML: {e}"));
        if name == "params" {
            value.remove("not_parameter");
            for (_, item) in value.iter_mut() {
                if let Some(table) = item.as_table_mut() {
                    for key in ["text", "source", "kind"] {
                        table.remove(key);
                    }
                    if let Some(values) = table.get_mut("values").and_then(|v| v.as_array_mut()) {
                        for v in values.iter_mut().filter_map(|v| v.as_table_mut()) {
                            v.remove("figure");
                        }
                    }
                }
            }
        }
        let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{source}: {e}"));
        std::fs::write(Path::new(&out).join(format!("{name}.json")), json).unwrap_or_else(|e| panic!("{out}: {e}"));
    }
}
