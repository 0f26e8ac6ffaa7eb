//! Characters a terminal or a viewer would obey never reach one raw: an escape
//! sequence or a bidi override from a CSV header, an applicant's name or the
//! command line is shown as `U+XXXX` on the terminal and in CSV files, and
//! written as a `\uXXXX` escape in JSON, which means the same character. (The
//! SVG chart's labels are tested in `src/compare.rs`: the policy packs that name
//! its sides are refused by the rules when they hold such characters.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn chanjiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chanjiao")).args(args).output().unwrap_or_else(|e| panic!("cannot run chanjiao: {e}"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-text");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.join(name)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

const ESC: char = '\u{1b}';
const RLO: char = '\u{202e}';

/// Neither raw: no escape character, no right-to-left override.
fn clean(text: &str) -> bool {
    !text.contains(ESC) && !text.contains(RLO)
}

#[test]
fn a_csv_header_with_an_escape_sequence_is_shown_escaped_in_the_message() {
    let input = scratch("header.csv");
    std::fs::write(&input, format!("applicant_id,applicant_{ESC}[2J{RLO}name,applicant_type\nE1,A,ENT\n")).unwrap_or_else(|e| panic!("{e}"));
    let out = chanjiao(&["batch", "--input", path(&input), "--output", path(&scratch("header-out.csv")), "--on", "2025-06-30"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(clean(&err), "raw control characters reached the terminal: {err:?}");
    assert!(err.contains("applicant_U+001B[2JU+202Ename"), "{err}");
    assert!(!err.bytes().any(|b| b < 0x20 && b != b'\n'), "{err:?}");
}

#[test]
fn a_name_with_a_bidi_override_is_written_escaped_to_csv() {
    let input = scratch("names.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"applicant_id": "J1\u001b[31m", "applicant_name": "泉州\u202egpj.exe", "applicant_type": "ENT"}"#,
            "\n",
            r#"{"applicant_id": "=J2\u200b", "applicant_name": "第一行\n第二行", "applicant_type": "ENT", "ent_employees": -1}"#,
            "\n",
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = scratch("names-out.csv");
    let out = chanjiao(&["batch", "--input", path(&input), "--output", path(&output), "--on", "2025-06-30"]);
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&output).unwrap_or_else(|e| panic!("{e}"));
    assert!(clean(&text) && !text.contains('\u{200b}'), "raw characters in the CSV");
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect();
    assert_eq!((&rows[0][1], &rows[0][2]), ("J1U+001B[31m", "泉州U+202Egpj.exe"));
    // The formula rule still holds, and a line break in a name is kept.
    assert_eq!((&rows[1][1], &rows[1][2]), ("'=J2U+200B", "第一行\n第二行"));
}

#[test]
fn json_lines_output_keeps_the_characters_as_escapes() {
    let input = scratch("names-in.jsonl");
    std::fs::write(&input, concat!(r#"{"applicant_id": "J1\u0085", "applicant_name": "泉州\u202egpj.exe\u200b", "applicant_type": "ENT"}"#, "\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let output = scratch("names-out.jsonl");
    let out = chanjiao(&["batch", "--input", path(&input), "--output", path(&output), "--on", "2025-06-30"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&output).unwrap_or_else(|e| panic!("{e}"));
    assert!(clean(&text) && !text.contains('\u{85}') && !text.contains('\u{200b}'), "raw characters in the JSON Lines: {text:?}");
    assert!(text.contains(r#""applicant_name":"泉州\u202egpj.exe\u200b""#), "{text}");
    // JSON's own escapes: a program reads the name as it was given.
    let value: serde_json::Value = serde_json::from_str(text.trim_end()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((value["applicant_id"].as_str(), value["applicant_name"].as_str()), (Some("J1\u{85}"), Some("泉州\u{202e}gpj.exe\u{200b}")));
}

#[test]
fn what_a_message_quotes_from_the_command_line_is_shown_escaped() {
    let answers = root().join("examples/enterprise.json");
    let out = chanjiao(&["evaluate", "--answers", path(&answers), "--on", &format!("2025{ESC}[31m-06-30{RLO}")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(clean(&err) && err.contains("2025U+001B[31m-06-30U+202E"), "{err:?}");
    let missing = scratch(&format!("no-such-{ESC}]0;title{RLO}.json"));
    let out = chanjiao(&["evaluate", "--answers", path(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(clean(&err) && err.contains("no-such-U+001B]0;titleU+202E.json"), "{err:?}");
}
