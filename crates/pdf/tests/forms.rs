//! The forms as a reader and an officer meet them: text extracted by `pdftotext`,
//! the file checked by `qpdf`, the fields read back, a page rendered by
//! `pdftoppm` and its QR code decoded by `zbarimg`, then verified with the rules.
//! The tools and the font come from scripts/setup.sh; a missing one fails loudly.
//! Rendered pages are kept in tests/artifacts/pdf/ for a person to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

use chanjiao_pdf::{Application, ErrorKind, Font, Options, payload, render};
use chanjiao_rules::{Answers, Applicant, Date, EntryResult, evaluate_with};

/// The built-in plan, composed as every program composes its policy.
fn policy() -> &'static chanjiao_rules::Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn font() -> Font {
    let path = root().join("fonts/NotoSansCJKsc-Regular-chanjiao.otf");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; scripts/setup.sh makes it", path.display()));
    Font::new(bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn builtin() -> &'static chanjiao_rules::Params {
    policy()
}

fn on() -> Date {
    Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!())
}

fn answers(example: &str) -> Answers {
    let text = std::fs::read_to_string(root().join("examples").join(format!("{example}.json"))).unwrap_or_else(|e| panic!("{e}"));
    Answers::from_json(&text).unwrap_or_else(|e| panic!("{e}"))
}

fn company() -> Applicant {
    Applicant {
        name: "泉州市恒达鞋业有限公司".into(),
        id_number: "91330100799655058B".into(),
        address: "福建省泉州市丰泽区东海街道某某路 88 号".into(),
        contact: "王丽".into(),
        phone: "0595-2222 3333".into(),
        bank: "中国工商银行泉州分行".into(),
        account: "6222020012345678901".into(),
        legal_representative: "陈建国".into(),
        ..Applicant::default()
    }
}

/// The verification codes in a PDF's document information, read through a PDF
/// parser as `chanjiao verify` reads them.
fn info_payloads(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("{e}"));
    let info = doc.trailer.get_deref(b"Info", &doc).and_then(lopdf::Object::as_dict).unwrap_or_else(|e| panic!("{e}"));
    let text = info.get(b"ChanjiaoPayload").and_then(lopdf::Object::as_str).unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8_lossy(text).lines().map(str::to_owned).collect()
}

fn artifacts() -> PathBuf {
    let dir = root().join("tests/artifacts/pdf");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// Runs a tool from scripts/setup.sh's Debian packages; its standard output.
fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name}: {e}; scripts/setup.sh installs it"));
    assert!(out.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes the PDF, checks it with qpdf, and returns its path.
fn checked_file(bytes: &[u8], name: &str) -> PathBuf {
    let path = artifacts().join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    let check = tool("qpdf", &["--check", path.to_str().unwrap_or_default()]);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");
    path
}

fn text_of(path: &Path) -> String {
    tool("pdftotext", &["-layout", path.to_str().unwrap_or_default(), "-"])
}

/// Each AcroForm field's full name and value, as qpdf reads them.
fn fields_of(path: &Path) -> Vec<(String, String)> {
    let json: serde_json::Value = serde_json::from_str(&tool("qpdf", &["--json", path.to_str().unwrap_or_default()])).unwrap_or_else(|e| panic!("{e}"));
    json["acroform"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("no AcroForm fields"))
        .iter()
        .map(|f| (f["fullname"].as_str().unwrap_or_default().to_owned(), f["value"].as_str().unwrap_or_default().trim_start_matches("u:").to_owned()))
        .collect()
}

/// Renders page `page` at 150 dpi into the artifacts and decodes its QR codes.
fn qr_of(path: &Path, page: usize, stem: &str) -> Vec<String> {
    let prefix = artifacts().join(stem);
    let p = page.to_string();
    tool("pdftoppm", &["-r", "150", "-png", "-f", &p, "-l", &p, path.to_str().unwrap_or_default(), prefix.to_str().unwrap_or_default()]);
    let png = std::fs::read_dir(artifacts())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|f| f.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&format!("{stem}-")) && n.ends_with(".png")))
        .unwrap_or_else(|| panic!("pdftoppm wrote no page"));
    let out = Command::new("zbarimg").args(["-q", "--raw", png.to_str().unwrap_or_default()]).output().unwrap_or_else(|e| panic!("zbarimg: {e}"));
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect()
}

fn result<'a>(evaluation: &'a chanjiao_rules::Evaluation, code: &str) -> &'a EntryResult {
    evaluation.results.iter().find(|r| r.incentive.code == code).unwrap_or_else(|| panic!("no {code}"))
}

#[test]
fn a_form_reads_back_by_text_fields_and_qr_and_verifies() {
    let a = answers("enterprise");
    let evaluation = evaluate_with(policy(), &a, on()).unwrap_or_else(|e| panic!("{e}"));
    let a11 = result(&evaluation, "A11");
    let applicant = company();
    let app = Application { result: a11, answers: &a, applicant: &applicant, evaluated_on: on() };
    let out = render(&[app], &font(), &Options::on(on(), policy())).unwrap_or_else(|e| panic!("{e}"));
    assert!(out.missing.is_empty(), "{:?}", out.missing);
    let path = checked_file(&out.bytes, "a11.pdf");
    // Each page for a person to look at.
    tool("pdftoppm", &["-r", "80", "-png", path.to_str().unwrap_or_default(), artifacts().join("a11-page").to_str().unwrap_or_default()]);

    let text = text_of(&path);
    assert!(text.contains("泉州市恒达鞋业有限公司"), "the applicant's name");
    assert!(text.contains("23,000 元（2.3万元）"), "the amount");
    assert!(!text.contains("（测算）（测算）") && !text.contains("（测算）23,000"), "the amount is said once");
    assert!(text.contains("四(一)：鼓励民营企业吸纳应届高校毕业生就业"), "the clause, quoted");
    assert!(text.contains("23 人 × 1,000 元 = 23,000 元"), "the arithmetic");
    assert!(text.contains("每名所吸纳毕业生的毕业证书"), "the documents, from the catalogue's inputs");
    assert!(text.contains("泉政办规〔2022〕8号 · 规则版本 2022-8.1 · 核验摘要"), "the footer");
    assert!(text.contains(&format!("第 1 页 共 {} 页", out.pages).replace(' ', "")) || text.contains(&format!("第 1 页 共 {} 页", out.pages)));
    if out.pages > 1 {
        // The table that runs on repeats its header at the top of the next page.
        let second = text.split('\u{c}').nth(1).unwrap_or_default();
        assert!(second.trim_start().starts_with("项目"), "page 2 begins with the header row: {}", &second[..second.len().min(80)]);
    }

    let fields = fields_of(&path);
    assert_eq!(fields.len(), 8 + 23 * 6, "eight applicant fields, and a roster row of six for each of the 23 hires");
    assert!(fields.contains(&("A11-name".into(), "泉州市恒达鞋业有限公司".into())));
    assert!(fields.contains(&("A11-id_number".into(), "91330100799655058B".into())));
    assert!(fields.contains(&("A11-account".into(), "6222020012345678901".into())));

    let codes = qr_of(&path, 1, "a11-qr");
    assert_eq!(codes, out.payloads, "the QR code holds the payload");
    assert_eq!(info_payloads(&out.bytes), out.payloads, "and so does the metadata");
    let verdict = payload::verify(payload::parse(&codes[0]).unwrap_or_else(|e| panic!("{e}")), builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert!(verdict.matches(), "{:?}", verdict.differences);
    assert_eq!(verdict.amount, "exact:23000");
    // No identity field is in the code.
    assert!(!codes[0].contains("91330100799655058B") && !codes[0].contains("恒达"));
}

#[test]
fn a_changed_figure_is_found_by_verify() {
    let a = answers("enterprise");
    let evaluation = evaluate_with(policy(), &a, on()).unwrap_or_else(|e| panic!("{e}"));
    let company = company();
    let text = payload::encode(result(&evaluation, "A11"), &a, [("name", company.name.as_str())], on(), on(), "2022-8.1", &[]);
    let forged = text.replace("exact:23000", "exact:230000");
    let verdict = payload::verify(payload::parse(&forged).unwrap_or_else(|e| panic!("{e}")), builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!verdict.matches());
    assert_eq!(verdict.differences, [("amount".to_owned(), "exact:230000".to_owned(), "exact:23000".to_owned())]);
    // A changed answer changes the computed amount.
    let more_hires = text.replace("graduates_hired=23", "graduates_hired=24");
    let verdict = payload::verify(payload::parse(&more_hires).unwrap_or_else(|e| panic!("{e}")), builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verdict.amount, "exact:24000");
    assert!(!verdict.matches());
    assert!(payload::parse("hello").is_err());
    assert!(payload::parse("CJ1|A11|x|2025-13-01|eligible|none|").is_err());
    // A code of an earlier format is read, and never passes: its form is made again.
    let old = text.replacen("CJ3|", "CJ2|", 1).replacen("|name:", "|", 1).replacen("|applicant_type", "|0123abcd|applicant_type", 1);
    let verdict = payload::verify(payload::parse(&old).unwrap_or_else(|e| panic!("{e}: {old}")), builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert!(verdict.outdated() && !verdict.matches(), "{:?}", verdict.differences);
}

#[test]
fn hostile_text_does_not_break_a_file() {
    let a = answers("enterprise");
    let evaluation = evaluate_with(policy(), &a, on()).unwrap_or_else(|e| panic!("{e}"));
    let a11 = result(&evaluation, "A11");
    let long = "泉州市(某某)\\鞋业<b>有限</b>公司".repeat(80).chars().take(2_000).collect::<String>();
    let mut applicant = company();
    applicant.name = long.clone();
    // A string that would end a PDF string and inject operators, HTML, emoji, and
    // a hanzi outside GB2312 (䶮, as in a given name).
    applicant.address = r"福建省泉州市 ) Tj ET BT (x) \\ \) <script>alert('x')</script> 😀 刘䶮路 1 号".into();
    applicant.contact = "王（丽）\\n".into();
    let app = Application { result: a11, answers: &a, applicant: &applicant, evaluated_on: on() };
    let out = render(&[app], &font(), &Options::on(on(), policy())).unwrap_or_else(|e| panic!("{e}"));
    let path = checked_file(&out.bytes, "hostile.pdf");
    tool("pdftoppm", &["-r", "60", "-png", path.to_str().unwrap_or_default(), artifacts().join("hostile-page").to_str().unwrap_or_default()]);
    assert!(out.missing.contains(&'😀') && out.missing.contains(&'䶮'), "characters outside the font are reported: {:?}", out.missing);
    let fields = fields_of(&path);
    let value = |name: &str| fields.iter().find(|f| f.0 == name).map(|f| f.1.clone()).unwrap_or_default();
    assert_eq!(value("A11-name"), long, "the whole 2,000-character name is kept");
    assert!(value("A11-address").contains("😀 刘䶮路"), "the field keeps the real characters");
    assert!(value("A11-address").contains(r") Tj ET BT (x)"));
    let text = text_of(&path);
    assert!(text.contains("<script>alert('x')</script>"), "HTML is text");
    // The placeholder carries the real character as ActualText.
    assert!(text.contains('䶮') || text.contains('□'), "the rare character or its placeholder is on the page");
    // The QR code still decodes and verifies.
    let codes = qr_of(&path, 1, "hostile-qr");
    assert_eq!(codes, out.payloads);
}

#[test]
fn every_offered_form_of_every_example_renders_and_one_combined_file_holds_them() {
    let font = font();
    for example in ["enterprise", "vocational-school", "university", "worker", "graduate", "graduate-worker", "teacher", "organisation"] {
        let a = answers(example);
        let evaluation = evaluate_with(policy(), &a, on()).unwrap_or_else(|e| panic!("{e}"));
        let individual = a.applicant_type().is_some_and(chanjiao_rules::ApplicantType::is_individual);
        let applicant = if individual {
            Applicant { name: "张三".into(), id_number: "11010519491231002X".into(), ..Applicant::default() }
        } else {
            Applicant { address: String::new(), ..company() }
        };
        let offered: Vec<&EntryResult> = evaluation.results.iter().filter(|r| r.offers_form()).collect();
        assert!(!offered.is_empty(), "{example} is offered no form");
        let apps: Vec<Application> = offered.iter().map(|r| Application { result: r, answers: &a, applicant: &applicant, evaluated_on: on() }).collect();
        let out = render(&apps, &font, &Options::on(on(), policy())).unwrap_or_else(|e| panic!("{example}: {e}"));
        assert_eq!(out.payloads.len(), offered.len());
        assert!(out.pages >= offered.len());
        let path = checked_file(&out.bytes, &format!("all-{example}.pdf"));
        assert_eq!(info_payloads(&out.bytes), out.payloads);
        for p in &out.payloads {
            let verdict = payload::verify(payload::parse(p).unwrap_or_else(|e| panic!("{e}")), builtin()).unwrap_or_else(|e| panic!("{e}"));
            assert!(verdict.matches(), "{example}: {p}: {:?}", verdict.differences);
        }
        let text = text_of(&path).replace([' ', '\n'], "");
        // What a reviewer found: a ceiling said twice, another city's figure.
        assert!(!text.contains("（上限，非承诺）（上限"), "{example}: a ceiling is said once");
        assert!(!text.contains("厦门"), "{example}: no other city's figure is printed");
        if individual {
            assert!(!text.contains("联系人"), "{example}: a person is not asked for a contact person");
        }
        assert!(!text.contains("吗："), "{example}: no chat-style question is printed as a fact");
        let fields = fields_of(&path);
        for r in &offered {
            let title = r.incentive.form.as_ref().map(|f| f.title_zh.replace(' ', "")).unwrap_or_default();
            assert!(text.contains(&title), "{example}: {title} is in the combined file");
            // Fields are named per form, so one file holds several forms' fields.
            assert!(fields.iter().any(|f| f.0 == format!("{}-name", r.incentive.code)), "{example}: {} has its applicant fields", r.incentive.code);
        }
    }
}

#[test]
fn a_form_is_refused_for_a_result_that_offers_none_or_a_bad_applicant() {
    let a = answers("enterprise");
    let evaluation = evaluate_with(policy(), &a, on()).unwrap_or_else(|e| panic!("{e}"));
    let font = font();
    // D3 is a designation: no form.
    let d3 = result(&evaluation, "D3");
    let applicant = company();
    let err = render(&[Application { result: d3, answers: &a, applicant: &applicant, evaluated_on: on() }], &font, &Options::on(on(), policy()));
    assert_eq!(err.map(|_| ()).map_err(|e| e.kind), Err(ErrorKind::NoForm));
    // A credit code with a wrong check character names the field.
    let bad = Applicant { id_number: "91330100799655058C".into(), ..company() };
    let a11 = result(&evaluation, "A11");
    let err = render(&[Application { result: a11, answers: &a, applicant: &bad, evaluated_on: on() }], &font, &Options::on(on(), policy()))
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.kind, ErrorKind::Applicant);
    assert_eq!(err.fields[0].field.as_deref(), Some("applicant.id_number"));
}

/// What an office needs of the A11 form, and nothing it does not: a roster of
/// the graduates, the legal representative, a section for the office's use, one
/// receiving office, the amount once, the attachments once, and no internal
/// codes or English.
#[test]
fn the_a11_form_is_what_an_office_accepts() {
    let a = answers("enterprise");
    let mut applicant = company();
    let roster: serde_json::Value = serde_json::json!([
        { "name": "林晓燕", "id_number": "350503200203142010", "school": "华侨大学", "graduated_on": "2024-06", "contract_start": "2024-07-08", "insurance_start": "2024-07" },
        { "name": "黄志强", "id_number": "350582200111083522", "school": "黎明职业大学", "graduated_on": "2024-06", "contract_start": "2024-07-08", "insurance_start": "2024-07" },
    ]);
    applicant.rosters.insert("A11".into(), serde_json::from_value(roster).unwrap_or_else(|e| panic!("{e}")));
    let codes = ["A11".to_owned()];
    let request = chanjiao_pdf::Request { answers: &a, applicant: &applicant, evaluated_on: on(), choice: chanjiao_pdf::Choice::Entries(&codes) };
    let made = chanjiao_pdf::make_forms(&request, &font(), &Options::on(on(), policy())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(made.codes, ["A11"]);
    assert_eq!(made.file_name, "产教融合-民营企业吸纳应届高校毕业生一次性补贴-泉州市恒达鞋业有限公司.pdf");
    let path = checked_file(&made.rendered.bytes, "a11-office.pdf");
    let text = text_of(&path);
    // Reading order, without the layout's columns side by side: a wrapped heading reads whole.
    let flat = tool("pdftotext", &[path.to_str().unwrap_or_default(), "-"]).replace([' ', '\n', '\u{c}'], "");
    // The roster: its columns, the named graduates, and a row for each of the 23 hires.
    assert!(flat.contains("三、吸纳应届高校毕业生名册"), "{text}");
    for column in ["姓名", "公民身份号码", "毕业院校", "毕业时间", "劳动合同起始日期", "社会保险参保起始日期"] {
        assert!(flat.contains(column), "the roster has the column {column}");
    }
    let fields = fields_of(&path);
    let value = |name: &str| fields.iter().find(|f| f.0 == name).map(|f| f.1.clone());
    assert_eq!(value("A11-roster-1-name").as_deref(), Some("林晓燕"));
    assert_eq!(value("A11-roster-2-id_number").as_deref(), Some("350582200111083522"));
    assert_eq!(value("A11-roster-23-name").as_deref(), Some(""), "blank rows to fill by hand, up to the 23 hires");
    assert_eq!(value("A11-roster-24-name"), None);
    // The legal representative in the block; the signature line is left to sign by hand.
    assert_eq!(value("A11-legal_representative").as_deref(), Some("陈建国"));
    assert!(flat.contains("法定代表人（签字）：____"), "{flat}");
    assert!(!flat.contains("法定代表人（签字）：陈建国"));
    // The office's section.
    for item in ["受理单位审核意见（以下由受理单位填写）", "受理日期及编号", "审核意见", "经办人（签字）", "复核人（签字）"]
    {
        assert!(flat.contains(item), "the office's section has {item}");
    }
    // One receiving office, the others in the note at the end.
    assert!(text.lines().any(|l| l.contains("受理单位（以申报通知") && l.trim_end().ends_with("市人社局")), "{text}");
    assert!(flat.contains("受理单位（以申报通知市人社局为准）") || flat.contains("受理单位（以申报通知为准）市人社局"));
    assert!(!flat.contains("可能牵头"));
    assert!(flat.contains("所列责任单位为市委组织部，市教育局、人社局"));
    // The amount once; no internal codes or English slugs.
    assert_eq!(flat.matches("23,000元（2.3万元）").count(), 2, "in the amount row and in its arithmetic, once each");
    for code in ["目录", "A11", "X2", "X6", "X7", "graduate-hiring-subsidy", "§"] {
        assert!(!flat.contains(code), "the form prints the internal code {code}");
    }
    // Attachments listed once each.
    let items: Vec<&str> = text.lines().map(str::trim).filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()) && l.contains(". ")).collect();
    let mut unique = items.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(items.len(), unique.len(), "{items:?}");
    assert!(items.len() >= 8, "{items:?}");
    // A roster longer than the claim is refused: the amount would not match it.
    let mut too_many = applicant.clone();
    let rows = too_many.rosters.get("A11").cloned().unwrap_or_default();
    too_many.rosters.insert("A11".into(), rows.iter().cycle().take(24).cloned().collect());
    let request = chanjiao_pdf::Request { applicant: &too_many, ..request };
    let err = chanjiao_pdf::make_forms(&request, &font(), &Options::on(on(), policy())).err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.kind, ErrorKind::Applicant);
    assert_eq!(err.fields[0].field.as_deref(), Some("applicant.rosters.A11"));
    // A roster's identity numbers are checked as identity numbers.
    let mut bad_id = applicant.clone();
    if let Some(rows) = bad_id.rosters.get_mut("A11") {
        rows[1].insert("id_number".into(), "990101200001011234".into());
    }
    let request = chanjiao_pdf::Request { applicant: &bad_id, ..request };
    let err = chanjiao_pdf::make_forms(&request, &font(), &Options::on(on(), policy())).err().unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.fields[0].field.as_deref(), Some("applicant.rosters.A11[2].id_number"));
}
