//! `chanjiao verify` as an officer needs it: it reads the form as a PDF, not as
//! bytes to search, so a name cannot smuggle in a code; and a form whose page was
//! edited after it was made (decompressed, changed and recompressed with qpdf,
//! as anyone can) exits 4 and names the part that was changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn chanjiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chanjiao")).args(args).output().unwrap_or_else(|e| panic!("cannot run chanjiao: {e}"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-verify");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.join(name)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Makes the example enterprise's A11 form (as of 2025-06-30) for `applicant`.
fn form(name: &str, applicant: &serde_json::Value) -> PathBuf {
    let file = scratch(&format!("{name}-applicant.json"));
    std::fs::write(&file, applicant.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let out = scratch(&format!("{name}.pdf"));
    let answers = root().join("examples/enterprise.json");
    let made = chanjiao(&["pdf", "--answers", path(&answers), "--on", "2025-06-30", "--incentive", "A11", "--applicant", path(&file), "-o", path(&out)]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    out
}

fn example_applicant() -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("examples/applicant-enterprise.json")).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
}

fn tool(name: &str, args: &[&str]) {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name}: {e}; scripts/setup.sh installs it"));
    // qpdf exits 3 for warnings it recovered from; both mean a file was written.
    assert!(matches!(out.status.code(), Some(0 | 3)), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A literal string's bytes (PDF 32000-1 7.3.4.2), from just after its `(`.
fn literal(text: &[u8]) -> (Vec<u8>, usize) {
    let (mut out, mut i, mut depth) = (Vec::new(), 0, 0);
    while i < text.len() {
        match text[i] {
            b'\\' => {
                i += 1;
                match text.get(i) {
                    Some(b'n') => out.push(b'\n'),
                    Some(b'r') => out.push(b'\r'),
                    Some(b't') => out.push(b'\t'),
                    Some(b'b') => out.push(8),
                    Some(b'f') => out.push(12),
                    Some(d @ b'0'..=b'7') => {
                        let mut v = u32::from(d - b'0');
                        for _ in 0..2 {
                            if let Some(n @ b'0'..=b'7') = text.get(i + 1) {
                                i += 1;
                                v = v * 8 + u32::from(n - b'0');
                            }
                        }
                        out.push(u8::try_from(v & 0xFF).unwrap_or(0));
                    }
                    Some(other) => out.push(*other),
                    None => {}
                }
            }
            b'(' => {
                depth += 1;
                out.push(b'(');
            }
            b')' if depth == 0 => return (out, i + 1),
            b')' => {
                depth -= 1;
                out.push(b')');
            }
            other => out.push(other),
        }
        i += 1;
    }
    (out, i)
}

/// Edits the text the pages (and field appearances) show: decompresses the file
/// with qpdf, replaces `from` by `to` in every shown string, using the file's own
/// character map, and recompresses it. Returns the edited file.
fn edit_shown_text(pdf: &Path, from: &str, to: &str, name: &str) -> PathBuf {
    let qdf = scratch(&format!("{name}.qdf.pdf"));
    tool("qpdf", &["--qdf", "--object-streams=disable", path(pdf), path(&qdf)]);
    let bytes = std::fs::read(&qdf).unwrap_or_else(|e| panic!("{e}"));
    // The font's character map: CID ↔ character.
    let text = String::from_utf8_lossy(&bytes);
    let mut cid_of: BTreeMap<char, u16> = BTreeMap::new();
    let mut char_of: BTreeMap<u16, char> = BTreeMap::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if let [cid, uni] = parts.as_slice()
            && cid.len() == 6
            && cid.starts_with('<')
            && let (Ok(c), Ok(u)) = (u16::from_str_radix(cid.trim_matches(['<', '>']), 16), u32::from_str_radix(uni.trim_matches(['<', '>']), 16))
            && let Some(ch) = char::from_u32(u)
        {
            cid_of.entry(ch).or_insert(c);
            char_of.insert(c, ch);
        }
    }
    let encode = |s: &str| -> String {
        let hex: String = s.chars().map(|c| format!("{:04X}", cid_of.get(&c).unwrap_or_else(|| panic!("{c} is not in the file's font")))).collect();
        format!("<{hex}>")
    };
    // Every `(…) Tj` or `<…> Tj` whose text holds `from`.
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let mut edits = 0;
    while i < bytes.len() {
        let at_line = i == 0 || bytes[i - 1] == b'\n';
        let string = match bytes[i] {
            b'(' if at_line => Some(literal(&bytes[i + 1..])),
            b'<' if at_line && bytes.get(i + 1) != Some(&b'<') => bytes[i + 1..].iter().position(|b| *b == b'>').map(|end| {
                let hex: Vec<u8> = bytes[i + 1..i + 1 + end].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                let raw = hex.chunks(2).filter_map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap_or("0"), 16).ok()).collect();
                (raw, end + 1)
            }),
            _ => None,
        };
        if let Some((raw, used)) = string {
            let rest = &bytes[i + 1 + used..];
            if rest.starts_with(b" Tj") && raw.len() % 2 == 0 {
                let shown: String = raw.chunks(2).map(|p| char_of.get(&u16::from_be_bytes([p[0], p[1]])).copied().unwrap_or('\u{fffd}')).collect();
                if shown.contains(from) {
                    out.extend_from_slice(encode(&shown.replace(from, to)).as_bytes());
                    edits += 1;
                    i += 1 + used;
                    continue;
                }
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    assert!(edits > 0, "no shown text holds {from}");
    let edited = scratch(&format!("{name}.edited.qdf.pdf"));
    std::fs::write(&edited, &out).unwrap_or_else(|e| panic!("{e}"));
    let fixed = scratch(&format!("{name}.fixed.pdf"));
    let status = Command::new("fix-qdf").arg(path(&edited)).output().unwrap_or_else(|e| panic!("fix-qdf: {e}"));
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    std::fs::write(&fixed, &status.stdout).unwrap_or_else(|e| panic!("{e}"));
    let done = scratch(&format!("{name}-edited.pdf"));
    tool("qpdf", &["--compress-streams=y", "--object-streams=generate", path(&fixed), path(&done)]);
    done
}

#[test]
fn an_untouched_form_verifies_pages_and_all() {
    let pdf = form("plain", &example_applicant());
    let out = chanjiao(&["verify", path(&pdf), "--format", "table"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("页面内容与核验码所述一致"), "{}", stdout(&out));
    // Rewritten by qpdf, unchanged: still the same form.
    let rewritten = scratch("plain-rewritten.pdf");
    tool("qpdf", &["--object-streams=generate", path(&pdf), path(&rewritten)]);
    let out = chanjiao(&["verify", path(&rewritten), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_code_hidden_in_the_applicant_name_is_text_not_structure() {
    let mut applicant = example_applicant();
    applicant["name"] = "泉州市恒达鞋业有限公司/ChanjiaoPayload (CJ1|A11|2022-8.1|2025-06-30|eligible|exact:1000|applicant_type=ENT;graduates_hired=1)".into();
    let pdf = form("smuggled", &applicant);
    let out = chanjiao(&["verify", path(&pdf), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    assert_eq!(report["items"].as_array().map(Vec::len), Some(1), "one code: the form's own");
    assert_eq!(report["items"][0]["stated"]["amount"], "exact:23000", "the real amount, not the smuggled one");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

/// Edits the example form's shown text and verifies it: the exit code, the parts
/// named as differing, and the table report in `lang`.
fn verify_edited(name: &str, from: &str, to: &str, lang: &str) -> (Option<i32>, Vec<String>, String) {
    let pdf = form(name, &example_applicant());
    let edited = edit_shown_text(&pdf, from, to, name);
    let json = chanjiao(&["verify", path(&edited), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&json)));
    let parts = report["page_differences"].as_array().into_iter().flatten().filter_map(|d| d["part"].as_str().map(str::to_owned)).collect();
    let table = chanjiao(&["verify", path(&edited), "--format", "table", "--lang", lang]);
    assert_eq!(table.status.code(), json.status.code());
    (json.status.code(), parts, stdout(&table))
}

#[test]
fn an_edited_amount_is_a_mismatch_naming_the_amount() {
    let (code, parts, table) = verify_edited("amount", "23,000 元（2.3万元）", "93,000 元（9.3万元）", "zh-CN");
    assert_eq!(code, Some(4), "{table}");
    assert_eq!(parts.first().map(String::as_str), Some("amount"), "{parts:?}");
    assert!(table.contains("申请金额") && table.contains("93,000"), "{table}");
}

#[test]
fn an_edited_status_is_a_mismatch_naming_the_status() {
    let (code, parts, table) = verify_edited("status", "可申请", "申请", "en");
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.iter().any(|p| p == "status"), "{parts:?}");
    assert!(table.contains("status, page 1"), "{table}");
}

#[test]
fn an_edited_applicant_is_a_mismatch_naming_the_applicant() {
    let (code, parts, table) = verify_edited("applicant", "恒达", "达恒", "zh-CN");
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.iter().any(|p| p == "applicant.name"), "{parts:?}");
    assert!(table.contains("申请人信息（申请单位名称）"), "the field is named: {table}");
}

#[test]
fn an_edited_fact_is_a_mismatch_naming_the_facts() {
    let (code, parts, table) = verify_edited("facts", "从业人员（年末人数）：420", "从业人员（年末人数）：42", "zh-CN");
    assert_eq!(code, Some(4), "{table}");
    assert_eq!(parts.first().map(String::as_str), Some("facts"), "{parts:?}");
}

/// Opens the example form with lopdf, lets `change` edit page 1, saves it.
fn edit_page_one(name: &str, change: impl FnOnce(&mut lopdf::Document, lopdf::ObjectId)) -> PathBuf {
    let pdf = form(name, &example_applicant());
    let mut doc = lopdf::Document::load(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let page = *doc.get_pages().get(&1).unwrap_or_else(|| panic!("page 1"));
    change(&mut doc, page);
    let out = scratch(&format!("{name}-edited.pdf"));
    doc.save(&out).unwrap_or_else(|e| panic!("{e}"));
    out
}

fn page_parts(path: &Path) -> (Option<i32>, Vec<String>) {
    let out = chanjiao(&["verify", path.to_str().unwrap_or_default(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    (out.status.code(), report["page_differences"].as_array().into_iter().flatten().filter_map(|d| d["part"].as_str().map(str::to_owned)).collect())
}

#[test]
fn an_overlay_drawn_over_the_page_is_a_mismatch() {
    use lopdf::{Object, dictionary};
    // A free-text annotation that paints a white box and "93,000" over the amount.
    let path = edit_page_one("overlay", |doc, page| {
        let annot = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "FreeText",
            "Rect" => vec![178.into(), 97.into(), 330.into(), 117.into()],
            "Contents" => Object::string_literal("93,000"), "DA" => Object::string_literal("/Helv 12 Tf 0 g"),
        });
        let dict = doc.get_object_mut(page).and_then(Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
        match dict.get_mut(b"Annots") {
            Ok(Object::Array(list)) => list.push(annot.into()),
            _ => dict.set("Annots", vec![annot.into()]),
        }
    });
    let (code, parts) = page_parts(&path);
    assert_eq!(code, Some(4));
    assert!(parts.contains(&"annotation".to_owned()), "{parts:?}");
}

#[test]
fn a_page_cropped_or_rotated_is_a_mismatch() {
    let path = edit_page_one("cropped", |doc, page| {
        let dict = doc.get_object_mut(page).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
        dict.set("CropBox", vec![0.into(), 300.into(), 595.28.into(), 841.89.into()]);
        dict.set("Rotate", 90);
    });
    let (code, parts) = page_parts(&path);
    assert_eq!(code, Some(4));
    assert!(parts.contains(&"page".to_owned()), "{parts:?}");
}

#[test]
fn a_code_not_as_chanjiao_writes_it_is_refused() {
    let pdf = form("codes", &example_applicant());
    let out = chanjiao(&["verify", path(&pdf), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read(&pdf).unwrap_or_default();
    let doc = lopdf::Document::load_mem(&text).unwrap_or_else(|e| panic!("{e}"));
    let info = doc.trailer.get_deref(b"Info", &doc).and_then(lopdf::Object::as_dict).unwrap_or_else(|e| panic!("{e}"));
    let code = String::from_utf8_lossy(info.get(b"ChanjiaoPayload").and_then(lopdf::Object::as_str).unwrap_or_default()).into_owned();
    let fields: Vec<&str> = code.split('|').collect();
    let with = |i: usize, v: &str| {
        let mut f = fields.clone();
        f[i] = v;
        f.join("|")
    };
    for bad in
        [with(7, "ZZZ"), code.replace("ent_employees=420", "ent_employees=0420"), code.replace("graduates_hired=23", "graduates_hired=23;graduates_hired=1")]
    {
        let out = chanjiao(&["verify", "--code", &bad, "--format", "json"]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// The form of `name`, loaded with lopdf, edited by `change` (given the document
/// and the object of its `A11-name` field), and saved; returns the edited file.
fn edit_form(name: &str, change: impl FnOnce(&mut lopdf::Document, lopdf::ObjectId)) -> PathBuf {
    let pdf = form(name, &example_applicant());
    let mut doc = lopdf::Document::load(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let field = field_id(&doc, "A11-name");
    change(&mut doc, field);
    let out = scratch(&format!("{name}-edited.pdf"));
    doc.save(&out).unwrap_or_else(|e| panic!("{e}"));
    out
}

/// The object of the field named `name`, through the AcroForm.
fn field_id(doc: &lopdf::Document, name: &str) -> lopdf::ObjectId {
    let catalog = doc.catalog().unwrap_or_else(|e| panic!("{e}"));
    let acro = catalog.get_deref(b"AcroForm", doc).and_then(lopdf::Object::as_dict).unwrap_or_else(|e| panic!("{e}"));
    let fields = acro.get(b"Fields").and_then(lopdf::Object::as_array).unwrap_or_else(|e| panic!("{e}"));
    fields
        .iter()
        .filter_map(|f| f.as_reference().ok())
        .find(|id| doc.get_dictionary(*id).and_then(|d| d.get(b"T")).and_then(lopdf::Object::as_str).is_ok_and(|t| field_name(t) == name))
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn field_name(t: &[u8]) -> String {
    match t.strip_prefix(&[0xFE, 0xFF]) {
        Some(u) => String::from_utf16_lossy(&u.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>()),
        None => String::from_utf8_lossy(t).into_owned(),
    }
}

/// A PDF text string as chanjiao writes one: UTF-16BE after a byte-order mark.
fn text_string(s: &str) -> lopdf::Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// Verifies `pdf`: the exit code, the parts named as differing, the table
/// report (English) and what the error stream says.
fn check(pdf: &Path) -> (Option<i32>, Vec<String>, String, String) {
    // A file refused unread has no report, only a message.
    let json = chanjiao(&["verify", path(pdf), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
    let parts = report["page_differences"].as_array().into_iter().flatten().filter_map(|d| d["part"].as_str().map(str::to_owned)).collect();
    let code = json.status.code();
    let table = chanjiao(&["verify", path(pdf), "--format", "table", "--lang", "en"]);
    assert_eq!(table.status.code(), code);
    (code, parts, stdout(&table), String::from_utf8_lossy(&table.stderr).into_owned())
}

#[test]
fn a_code_of_an_earlier_format_never_passes() {
    let pdf = form("downgrade", &example_applicant());
    let doc = lopdf::Document::load(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let info = doc.trailer.get_deref(b"Info", &doc).and_then(lopdf::Object::as_dict).unwrap_or_else(|e| panic!("{e}"));
    let code = String::from_utf8_lossy(info.get(b"ChanjiaoPayload").and_then(lopdf::Object::as_str).unwrap_or_default()).into_owned();
    let f: Vec<&str> = code.split('|').collect();
    // The first format: no date made, no digest of any field.
    let cj1 = format!("CJ1|{}|{}|{}|{}|{}|{}", f[1], f[2], f[3], f[5], f[6], f[8]);
    let out = chanjiao(&["verify", "--code", &cj1, "--format", "table", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(4), "{}", stdout(&out));
    assert!(stdout(&out).contains("make the form again with this version"), "{}", stdout(&out));
    // The same code put in the file's information, with the amount and the
    // name changed on the page: not passed, whatever the page says.
    let mut doc = doc.clone();
    let info_id = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).unwrap_or_else(|e| panic!("{e}"));
    let info = doc.get_object_mut(info_id).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
    info.set("ChanjiaoPayload", lopdf::Object::string_literal(cj1.replace("exact:23000", "exact:93000")));
    let edited = scratch("downgrade-edited.pdf");
    doc.save(&edited).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, table, _) = check(&edited);
    assert_eq!(code, Some(4), "{table}");
    assert!(table.contains("make the form again with this version"), "{table}");
}

#[test]
fn a_widget_swapped_for_a_copy_is_named() {
    let edited = edit_form("swapped", |doc, field| {
        let mut copy = doc.get_dictionary(field).unwrap_or_else(|e| panic!("{e}")).clone();
        copy.set("V", text_string("泉州市别家鞋业有限公司"));
        let copy = doc.add_object(copy);
        for (_, page) in doc.get_pages() {
            let dict = doc.get_object_mut(page).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
            if let Ok(lopdf::Object::Array(list)) = dict.get_mut(b"Annots") {
                for a in list.iter_mut().filter(|a| a.as_reference().ok() == Some(field)) {
                    *a = copy.into();
                }
            }
        }
    });
    let (code, parts, table, _) = check(&edited);
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.contains(&"applicant.name".to_owned()), "{parts:?}");
}

/// The font `F1` of page 1, as a dictionary to edit.
fn font_of_page_one(doc: &mut lopdf::Document) -> &mut lopdf::Dictionary {
    let page = *doc.get_pages().get(&1).unwrap_or_else(|| panic!("page 1"));
    let resources = doc.get_dictionary(page).and_then(|p| p.get_deref(b"Resources", doc)).and_then(lopdf::Object::as_dict).unwrap_or_else(|e| panic!("{e}"));
    let font = resources.get_deref(b"Font", doc).and_then(lopdf::Object::as_dict).and_then(|f| f.get(b"F1")).and_then(lopdf::Object::as_reference);
    let font = font.unwrap_or_else(|e| panic!("{e}"));
    doc.get_object_mut(font).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_font_encoding_that_swaps_digits_is_named() {
    let edited = edit_form("encoding", |doc, _| {
        // An embedded CMap that maps each code to the CID of another digit.
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Swap def 1 begincodespacerange <0000> <FFFF> endcodespacerange 1 begincidrange <0000> <FFFF> 0 endcidrange endcmap CMapName currentdict /CMap defineresource pop end end".to_vec();
        let stream = doc.add_object(lopdf::Stream::new(lopdf::dictionary! { "Type" => "CMap", "CMapName" => "Swap" }, cmap));
        font_of_page_one(doc).set("Encoding", stream);
    });
    let (code, parts, table, _) = check(&edited);
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.contains(&"font".to_owned()), "{parts:?}");
}

#[test]
fn glyph_widths_set_to_zero_are_named() {
    let edited = edit_form("widths", |doc, _| {
        let descendant =
            font_of_page_one(doc).get(b"DescendantFonts").and_then(lopdf::Object::as_array).map(|a| a[0].clone()).unwrap_or_else(|e| panic!("{e}"));
        let id = descendant.as_reference().unwrap_or_else(|e| panic!("{e}"));
        let cid_font = doc.get_object_mut(id).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
        cid_font.set("DW", 0);
        cid_font.set("W", lopdf::Object::Array(vec![]));
    });
    let (code, parts, table, _) = check(&edited);
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.contains(&"font".to_owned()), "{parts:?}");
}

#[test]
fn a_hidden_name_field_is_named() {
    let edited = edit_form("hidden", |doc, field| {
        let dict = doc.get_object_mut(field).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
        dict.set("F", 4 | 2);
    });
    let (code, parts, table, _) = check(&edited);
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.contains(&"applicant.name".to_owned()), "{parts:?}");
}

#[test]
fn a_field_made_with_a_value_cannot_pass_as_filled_by_hand() {
    let edited = edit_form("unlocked", |doc, field| {
        let dict = doc.get_object_mut(field).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
        dict.set("Ff", 0);
        dict.set("V", text_string("泉州市别家鞋业有限公司"));
        dict.remove(b"AP");
    });
    let (code, parts, table, _) = check(&edited);
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.contains(&"applicant.name".to_owned()), "{parts:?}");
}

#[test]
fn a_blank_field_filled_in_afterwards_passes_and_is_reported() {
    // The example applicant gives no contact's mobile? Find a field left blank.
    let pdf = form("by-hand", &example_applicant());
    let mut doc = lopdf::Document::load(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let blank = field_id(&doc, "A11-roster-23-name");
    let ff = doc.get_dictionary(blank).and_then(|d| d.get(b"Ff")).and_then(lopdf::Object::as_i64).unwrap_or(0);
    assert_eq!(ff & 1, 0, "the 23rd roster row is blank and open to filling in");
    let dict = doc.get_object_mut(blank).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
    dict.set("V", text_string("张三"));
    let filled = scratch("by-hand-filled.pdf");
    doc.save(&filled).unwrap_or_else(|e| panic!("{e}"));
    let out = chanjiao(&["verify", path(&filled), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["filled_by_hand"][0]["value"], "张三", "{report}");
    let (_, _, table, _) = check(&filled);
    assert!(table.contains("filled in since") && table.contains("张三"), "{table}");
    // A value filled in with a bidi override reads otherwise than it is: named.
    let dict = doc.get_object_mut(blank).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
    dict.set("V", text_string("张\u{202E}三"));
    let bidi = scratch("by-hand-bidi.pdf");
    doc.save(&bidi).unwrap_or_else(|e| panic!("{e}"));
    let (code, parts, table, _) = check(&bidi);
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.contains(&"roster".to_owned()) && table.contains("U+202E"), "{parts:?} {table}");
}

#[test]
fn an_action_a_page_or_a_revision_added_is_named() {
    // JavaScript run when the file opens.
    let edited = edit_form("javascript", |doc, _| {
        let js = doc.add_object(lopdf::dictionary! { "S" => "JavaScript", "JS" => lopdf::Object::string_literal("app.alert('x')") });
        let root = doc.trailer.get(b"Root").and_then(lopdf::Object::as_reference).unwrap_or_else(|e| panic!("{e}"));
        doc.get_object_mut(root).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}")).set("OpenAction", js);
    });
    let (code, parts, table, _) = check(&edited);
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.contains(&"document".to_owned()), "{parts:?}");
    // A page shown twice.
    let edited = edit_form("extra-page", |doc, _| {
        let root = doc.trailer.get(b"Root").and_then(lopdf::Object::as_reference).unwrap_or_else(|e| panic!("{e}"));
        let tree = doc.get_dictionary(root).and_then(|c| c.get(b"Pages")).and_then(lopdf::Object::as_reference).unwrap_or_else(|e| panic!("{e}"));
        let tree = doc.get_object_mut(tree).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
        if let Ok(lopdf::Object::Array(kids)) = tree.get_mut(b"Kids") {
            kids.push(kids[0].clone());
        }
        let count = tree.get(b"Count").and_then(lopdf::Object::as_i64).unwrap_or(0);
        tree.set("Count", count + 1);
    });
    let (code, parts, table, _) = check(&edited);
    assert_eq!(code, Some(4), "{table}");
    // Page 1 twice shows its QR code twice: named as such, before any page is compared.
    assert!(parts.contains(&"pages".to_owned()) || parts.contains(&"qr".to_owned()), "{parts:?}");
    // An incremental update that only appends an unused object: the file's
    // pages are the form's, but it is not the file as made.
    let pdf = form("revision", &example_applicant());
    let mut bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let start: usize =
        text.rsplit("startxref").next().and_then(|t| t.split_whitespace().next()).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("startxref"));
    let doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let size = doc.trailer.get(b"Size").and_then(lopdf::Object::as_i64).unwrap_or_else(|e| panic!("{e}"));
    let root = doc.trailer.get(b"Root").and_then(lopdf::Object::as_reference).unwrap_or_else(|e| panic!("{e}"));
    let info = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).unwrap_or_else(|e| panic!("{e}"));
    let offset = bytes.len() + 1;
    bytes.extend_from_slice(format!("\n{size} 0 obj\n(appended)\nendobj\n").as_bytes());
    let xref = bytes.len();
    bytes.extend_from_slice(
        format!(
            "xref\n{size} 1\n{offset:010} 00000 n \ntrailer\n<< /Size {} /Root {} 0 R /Info {} 0 R /Prev {start} >>\nstartxref\n{xref}\n%%EOF\n",
            size + 1,
            root.0,
            info.0
        )
        .as_bytes(),
    );
    let updated = scratch("revision-updated.pdf");
    std::fs::write(&updated, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let (code, parts, table, _) = check(&updated);
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.contains(&"document".to_owned()), "{parts:?}");
}

#[test]
fn an_encrypted_pdf_is_named_as_encrypted() {
    let pdf = form("encrypt", &example_applicant());
    let encrypted = scratch("encrypt-encrypted.pdf");
    tool("qpdf", &["--encrypt", "", "owner", "256", "--", path(&pdf), path(&encrypted)]);
    let (code, _, table, stderr) = check(&encrypted);
    assert_eq!(code, Some(4), "{table}");
    assert!(stderr.contains("encrypted"), "{stderr}");
}

#[test]
fn a_file_beyond_the_limits_is_refused_quickly() {
    use std::time::Instant;
    // Page 1's content replaced by 12 MB of operations (a few kilobytes compressed).
    let edited = edit_form("operations", |doc, _| {
        let page = *doc.get_pages().get(&1).unwrap_or_else(|| panic!("page 1"));
        let content = b"0 0 m\n".repeat(2_000_000);
        let mut stream = lopdf::Stream::new(lopdf::Dictionary::new(), content);
        stream.compress().unwrap_or_else(|e| panic!("{e}"));
        let id = doc.add_object(stream);
        doc.get_object_mut(page).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}")).set("Contents", id);
    });
    let started = Instant::now();
    let (code, _, _, stderr) = check(&edited);
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("limit"), "{stderr}");
    eprintln!("refused in {:?}", started.elapsed());
    // The code repeated 2,500 times in the document information.
    let pdf = form("copies", &example_applicant());
    let mut doc = lopdf::Document::load(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let info_id = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).unwrap_or_else(|e| panic!("{e}"));
    let info = doc.get_object_mut(info_id).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
    let code = String::from_utf8_lossy(info.get(b"ChanjiaoPayload").and_then(lopdf::Object::as_str).unwrap_or_default()).into_owned();
    info.set("ChanjiaoPayload", lopdf::Object::string_literal(vec![code; 2_500].join("\n")));
    let copies = scratch("copies-edited.pdf");
    doc.save(&copies).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, _, stderr) = check(&copies);
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("limit"), "{stderr}");
}

/// docs/forms.md's table of limits says what `LIMITS` holds.
#[test]
fn the_documented_limits_are_the_limits() {
    let doc = std::fs::read_to_string(root().join("docs/forms.md")).unwrap_or_else(|e| panic!("{e}"));
    let l = chanjiao_pdf::verify::LIMITS;
    let mib = |n: usize| format!("{} MiB", n / (1024 * 1024));
    let count = |n: usize| chanjiao_rules::group_thousands(chanjiao_rules::Decimal::from(n as u64));
    for (what, value) in [
        ("the file's size", mib(l.input_bytes)),
        ("indirect objects (those inside object streams included)", count(l.objects)),
        ("object streams", count(l.object_streams)),
        ("pages", count(l.pages)),
        ("form fields", count(l.fields)),
        ("what one stream may decompress to", mib(l.stream_bytes)),
        ("what all the streams read in one check may decompress to", mib(l.total_bytes)),
        ("operations in the pages' content, all pages together", count(l.operations)),
        ("words (operators and operands) in the pages' content, counted before it is decoded", count(l.content_words)),
        ("verification codes (forms) in one file", count(l.forms)),
        ("items in one array, or entries in one dictionary", count(l.items)),
    ] {
        let row = format!("| {what} | {value} |");
        assert!(doc.contains(&row), "docs/forms.md lacks the row {row}");
    }
}

#[test]
fn a_page_of_many_marked_parts_is_compared_in_time() {
    // Page 1 redrawn as 150,000 parts of its own, each one mark, and a QR
    // drawing of as many modules: each named part of a page is found by key,
    // not by search, and the report stops at its limit.
    let edited = edit_form("parts", |doc, _| {
        let page = *doc.get_pages().get(&1).unwrap_or_else(|| panic!("page 1"));
        let mut content = Vec::new();
        for k in 0..150_000 {
            content.extend_from_slice(format!("/Chanjiao <</F (p{k})>> BDC 0 0 1 1 re f EMC\n").as_bytes());
        }
        content.extend_from_slice(b"/Chanjiao <</F (qr)>> BDC\n");
        for k in 0..100_000 {
            content.extend_from_slice(format!("{} 0 1 {} re\n", k % 177, 1 + k % 50).as_bytes());
        }
        content.extend_from_slice(b"f EMC\n");
        let mut stream = lopdf::Stream::new(lopdf::Dictionary::new(), content);
        stream.compress().unwrap_or_else(|e| panic!("{e}"));
        let id = doc.add_object(stream);
        doc.get_object_mut(page).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}")).set("Contents", id);
    });
    let started = std::time::Instant::now();
    let (code, parts, table, _) = check(&edited);
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.len() <= 100, "{}", parts.len());
    eprintln!("compared in {:?}", started.elapsed());
}

/// Page 1's content replaced by one stream: its own content followed by `extra`,
/// stored as `store` leaves it.
fn add_content(doc: &mut lopdf::Document, extra: &[u8], store: impl FnOnce(&mut lopdf::Stream)) {
    let page = *doc.get_pages().get(&1).unwrap_or_else(|| panic!("page 1"));
    let mut content = doc.get_page_content(page);
    content.extend_from_slice(extra);
    let mut stream = lopdf::Stream::new(lopdf::Dictionary::new(), content);
    store(&mut stream);
    let id = doc.add_object(stream);
    doc.get_object_mut(page).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}")).set("Contents", id);
}

#[test]
fn content_that_cannot_be_read_whole_is_refused() {
    // A viewer skips the stray brace and draws what follows; a check that read
    // up to the brace and stopped would compare nothing after it.
    let edited = edit_form("brace", |doc, _| {
        add_content(doc, b"\n}\nq 0.95 g 175.5 94 362 24 re f Q\n", |_| {});
    });
    let (code, _, _, stderr) = check(&edited);
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("cannot be read whole"), "{stderr}");
}

#[test]
fn a_stream_stored_as_viewers_would_read_otherwise_is_refused() {
    // A /DecodeParms dictionary beside a /Filter array: lopdf applies it, viewers do not.
    let edited = edit_form("predictor", |doc, _| {
        add_content(doc, b"\nq Q\n", |s| {
            s.compress().unwrap_or_else(|e| panic!("{e}"));
            s.dict.set("Filter", vec![lopdf::Object::Name(b"FlateDecode".to_vec())]);
            s.dict.set("DecodeParms", lopdf::dictionary! { "Predictor" => 10, "Columns" => 4 });
        });
    });
    let (code, _, _, stderr) = check(&edited);
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("written in a way"), "{stderr}");
    // A page of three million one-word operations, a few kilobytes deflated.
    let edited = edit_form("words", |doc, _| {
        add_content(doc, &b"n ".repeat(3_000_000), |s| s.compress().unwrap_or_else(|e| panic!("{e}")));
    });
    let (code, _, _, stderr) = check(&edited);
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("limit"), "{stderr}");
}

#[test]
fn a_blank_field_cannot_show_what_it_does_not_hold() {
    let pdf = form("blank-ap", &example_applicant());
    // A value that is not text (a name), which reads as no value.
    let mut doc = lopdf::Document::load(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let blank = field_id(&doc, "A11-roster-23-name");
    doc.get_object_mut(blank).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}")).set("V", lopdf::Object::Name(b"X".to_vec()));
    let named = scratch("blank-ap-name.pdf");
    doc.save(&named).unwrap_or_else(|e| panic!("{e}"));
    let (code, parts, table, _) = check(&named);
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.contains(&"roster".to_owned()), "{parts:?}");
    // Still blank, but with an appearance that draws something: compared whole.
    let mut doc = lopdf::Document::load(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let blank = field_id(&doc, "A11-roster-23-name");
    let ap = doc.add_object(lopdf::Stream::new(
        lopdf::dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 100.into(), 20.into()] },
        b"0 g 0 0 100 20 re f".to_vec(),
    ));
    doc.get_object_mut(blank).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}")).set("AP", lopdf::dictionary! { "N" => ap });
    let drawn = scratch("blank-ap-drawn.pdf");
    doc.save(&drawn).unwrap_or_else(|e| panic!("{e}"));
    let (code, parts, table, _) = check(&drawn);
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.contains(&"roster".to_owned()), "{parts:?}");
}

#[test]
fn a_page_in_several_streams_or_objects_out_of_their_table_are_refused() {
    // Two content streams: viewers join them with nothing between, so a string
    // or a number could run from one into the next.
    let edited = edit_form("two-streams", |doc, _| {
        let page = *doc.get_pages().get(&1).unwrap_or_else(|| panic!("page 1"));
        let id = doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), b"q Q".to_vec()));
        let dict = doc.get_object_mut(page).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
        let old = dict.get(b"Contents").cloned().unwrap_or_else(|e| panic!("{e}"));
        dict.set("Contents", vec![old, id.into()]);
    });
    let (code, _, _, stderr) = check(&edited);
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("several streams"), "{stderr}");
    // Two entries of the cross-reference table swapped: lopdf reads each object by
    // its own header, a viewer rebuilds the table and may read other objects.
    let pdf = form("xref-swap", &example_applicant());
    let mut bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let table = bytes.windows(6).rposition(|w| w == b"\nxref\n").unwrap_or_else(|| panic!("xref")) + 6;
    // The first entry line follows the subsection header "0 N".
    let entries = table + bytes[table..].iter().position(|b| *b == b'\n').unwrap_or_else(|| panic!("header")) + 1;
    let (one, three) = (entries + 20, entries + 60);
    let (a, b) = (bytes[one..one + 20].to_vec(), bytes[three..three + 20].to_vec());
    bytes[one..one + 20].copy_from_slice(&b);
    bytes[three..three + 20].copy_from_slice(&a);
    let swapped = scratch("xref-swap-edited.pdf");
    std::fs::write(&swapped, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, _, stderr) = check(&swapped);
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("cross-reference"), "{stderr}");
}

#[test]
fn an_integer_written_as_a_real_is_a_difference() {
    // /F 4.001: poppler and pdf.js read a flag that is not an integer as none, so
    // the field would not print.
    let edited = edit_form("flag-real", |doc, field| {
        doc.get_object_mut(field).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}")).set("F", lopdf::Object::Real(4.001));
    });
    let (code, parts, table, _) = check(&edited);
    assert_eq!(code, Some(4), "{table}");
    assert!(parts.contains(&"applicant.name".to_owned()), "{parts:?}");
}

#[test]
fn a_roster_field_numbered_past_the_form_costs_nothing() {
    let edited = edit_form("roster-far", |doc, field| {
        let mut copy = doc.get_dictionary(field).unwrap_or_else(|e| panic!("{e}")).clone();
        copy.set("T", lopdf::Object::string_literal("A11-roster-1000000000-name"));
        let copy = doc.add_object(copy);
        let root = doc.trailer.get(b"Root").and_then(lopdf::Object::as_reference).unwrap_or_else(|e| panic!("{e}"));
        let catalog = doc.get_object_mut(root).and_then(lopdf::Object::as_dict_mut).unwrap_or_else(|e| panic!("{e}"));
        if let Ok(lopdf::Object::Dictionary(acro)) = catalog.get_mut(b"AcroForm")
            && let Ok(lopdf::Object::Array(fields)) = acro.get_mut(b"Fields")
        {
            fields.push(copy.into());
        }
    });
    let started = std::time::Instant::now();
    let (code, _, table, _) = check(&edited);
    assert_eq!(code, Some(4), "{table}");
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "it took {:?}", started.elapsed());
}

/// The example form's bytes, edited by `edit` (which keeps every offset of the
/// file where it was); the edited file.
fn edit_bytes(name: &str, edit: impl FnOnce(&mut Vec<u8>)) -> PathBuf {
    let pdf = form(name, &example_applicant());
    let mut bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{e}"));
    edit(&mut bytes);
    let out = scratch(&format!("{name}-edited.pdf"));
    std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{e}"));
    out
}

fn replace_once(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len(), "same length, so offsets hold");
    let at = bytes.windows(from.len()).position(|w| w == from).unwrap_or_else(|| panic!("{} not found", String::from_utf8_lossy(from)));
    bytes[at..at + to.len()].copy_from_slice(to);
}

#[test]
fn files_a_viewer_would_read_otherwise_are_refused_before_parsing() {
    // A key twice in the catalog: lopdf keeps the last, poppler may keep the first.
    let dup = edit_bytes("dup-key", |b| replace_once(b, b"/Lang (zh-CN)", b"/Type/Catalog"));
    let (code, _, _, stderr) = check(&dup);
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("written twice"), "{stderr}");
    // A /Length that is a reference: lopdf parses the object it names (again for
    // every stream that names it), and a chain of them exhausts the stack.
    let indirect = edit_bytes("length-ref", |b| {
        // The first stream of at least 10,000 bytes: room for "1 0 R" in its length.
        let long = |at: &usize| b[at + 8..].iter().take_while(|c| c.is_ascii_digit()).count() >= 5;
        let at = (0..b.len().saturating_sub(8)).filter(|i| &b[*i..*i + 8] == b"/Length ").find(long).unwrap_or_else(|| panic!("a long stream"));
        let digits = b[at + 8..].iter().take_while(|c| c.is_ascii_digit()).count();
        let to = format!("{:<width$}", "1 0 R", width = digits);
        b[at + 8..at + 8 + digits].copy_from_slice(to.as_bytes());
    });
    let (code, _, _, stderr) = check(&indirect);
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("/Length"), "{stderr}");
    // Padding after %%EOF: a viewer that looks for the table near the end
    // rebuilds it by scanning instead.
    let pdf = form("tail-pad", &example_applicant());
    let mut bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{e}"));
    bytes.extend(std::iter::repeat_n(b' ', 2000));
    let padded = scratch("tail-pad-edited.pdf");
    std::fs::write(&padded, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, _, stderr) = check(&padded);
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("%%EOF"), "{stderr}");
}
