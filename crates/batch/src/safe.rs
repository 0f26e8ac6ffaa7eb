//! Text made safe to write: a character a terminal or a viewer would obey (a
//! control, a bidi override) is written as `U+XXXX`, or in JSON as `\uXXXX`.
//! Every file the CLI and the batch engine write goes through these.

use std::borrow::Cow;

/// True for a character that must not reach a terminal or a file as it is: the
/// rules' [`chanjiao_rules::format_char`] (controls, Unicode's Cf, line and
/// paragraph separators), and the line break and tab, which callers keep where a
/// line is meant.
pub fn hidden(c: char) -> bool {
    matches!(c, '\n' | '\t') || chanjiao_rules::format_char(c)
}

/// `s` with every [`hidden`] character but those `keep` allows written as `U+XXXX`.
fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    // Most text is plain: printable ASCII and CJK, returned as it is.
    if !s.chars().any(|c| hidden(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) && !keep(c) {
            out.push_str(&format!("U+{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text of several lines (a table, a message, a CSV cell): hidden characters
/// escaped, line feeds and tabs kept.
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, |c| matches!(c, '\n' | '\t'))
}

/// Text on one line (an SVG label): every hidden character escaped.
pub fn line(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

/// Serialised JSON with every hidden character that serde_json leaves as it is
/// (DEL, C1 controls, Cf characters) written as a `\uXXXX` escape. serde_json
/// escapes the C0 controls in strings itself, so a line feed, a carriage return
/// or a tab left raw is white space between values, and is kept. Outside its
/// strings JSON text is otherwise ASCII, so every character escaped here is in a
/// string, where the escape means the same character to any JSON reader.
pub fn json(s: &str) -> Cow<'_, str> {
    let escaped = |c: char| hidden(c) && !matches!(c, '\n' | '\r' | '\t');
    if !s.chars().any(escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 12);
    for c in s.chars() {
        if escaped(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped_and_text_is_not() {
        assert_eq!(text("泉州市\n第一分公司\t甲"), "泉州市\n第一分公司\t甲");
        assert_eq!(text("a\u{1b}[31mb\u{202e}c\r\u{85}\u{7f}"), "aU+001B[31mbU+202EcU+000DU+0085U+007F");
        assert_eq!(line("a\nb\tc"), "aU+000AbU+0009c");
        assert_eq!(text("x\u{200b}\u{feff}\u{e0041}"), "xU+200BU+FEFFU+E0041");
    }

    #[test]
    fn json_escapes_mean_the_same_characters() {
        let value = serde_json::json!({ "name": "甲\u{202e}乙\u{85}\u{e0041}\n\t\u{1b}", "list": [1, 2] });
        let text = serde_json::to_string_pretty(&value).unwrap_or_default();
        let escaped = json(&text);
        assert!(!escaped.chars().any(|c| hidden(c) && c != '\n'), "{escaped}");
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap_or_default();
        assert_eq!(back, value);
    }
}
