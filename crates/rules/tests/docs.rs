//! docs/answers.md is generated from the question table; this test keeps it so.
//! After changing a question, regenerate it with `UPDATE_DOCS=1 cargo test -p chanjiao-rules --test docs`.

use std::fmt::Write as _;
use std::path::Path;

use chanjiao_rules::questions::{Kind, YEAR_KEYS, YEAR_STANDING, YEARLY, all};

/// The built-in plan, composed as every program composes its policy.
fn policy() -> &'static chanjiao_rules::Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

fn render() -> String {
    let mut out = String::from(
        "# The answers file\n\n\
         <!-- Generated from crates/rules/src/questions.rs by crates/rules/tests/docs.rs; do not edit by hand. -->\n\n\
         An answers file is one JSON object describing one applicant. Each key is a question id below; a\n\
         missing key or `null` means unanswered, and an unknown key is an error. `chanjiao schema` prints the\n\
         same vocabulary as JSON Schema, and `chanjiao questions --answers FILE` lists the questions that can\n\
         still change a result.\n\n\
         Value forms: **yes/no** is `true`/`false` (also \"是\"/\"否\", \"yes\"/\"no\"), and **yes/no/unknown** also takes `\"unknown\"` (\"不清楚\"): not known, so the result that rests on it goes to a person; **count** is a whole number\n\
         (a string of digits, full-width digits and thousands separators are accepted); **money** is yuan as a\n\
         string such as `\"35000000\"` (also `\"3500万\"`, at most two decimals); **date** is `\"YYYY-MM-DD\"` (also\n\
         `\"2024年3月1日\"`); **year** is a number such as `2024`; **one of** is an option id.\n\n\
         Every date must be on or before the evaluation date: only events that have happened can be claimed.\n\n\
         A person may have several roles (graduate, worker, teacher). Either name the first as\n\
         `applicant_type` and answer `also_graduate`, `also_worker` or `also_teacher`, or list them all:\n\
         `\"applicant_type\": [\"IND-GRAD\", \"IND-WORKER\"]` (a role not listed is answered no). Each entry is judged under every role it is open\n\
         to and claimed under the best; the result names that role. An unanswered `also_*` counts as no, so\n\
         a file with one `applicant_type` gives the results it always did.\n\n\
         Questions marked *file only* may be given in an answers file (or a batch column) but the interview\n\
         does not ask them: they refine a result without deciding it, or stand in for a question it asks.\n\n\
         `b1_surcharge_payable` given beside the taxes paid (`b1_vat_paid`, `b1_consumption_tax_paid`,\n\
         `b1_surcharge_reliefs`): when the taxes give other surcharges than the figure entered, the figure\n\
         entered wins for the credit shown, and the result goes to manual review with both figures.\n\n\
         ## Several years\n\n\
         One file may give several years: the facts given once stay at the top, and each year's facts go\n\
         under `years`, keyed by the year, e.g. `\"years\": {\"2024\": {\"graduates_hired\": 3, ...}, \"2025\": {...}}`.\n\
         The column *per year* below says where each question may go: **year** facts belong to one year\n\
         and, in a file with `years`, are given under each year and never at the top (so none counts twice);\n\
         **either** facts (the enterprise's size and standing) are given at the top for every year, or under\n\
         a year for that year alone; **the year** questions are answered by the year itself; **opening**\n\
         is B1's balance carried in, given at the top for the first year and carried from each year's close\n\
         to the next year's opening by itself (a year stated to open with another balance is an error).\n\
         `chanjiao evaluate` then gives each year's results, what is decided once, and the totals over\n\
         all; `--year YYYY` picks one year (its balance carried in) for `evaluate`, `explain` and `pdf`.\n\n\
         | id | form | asked of | per year | clause | question | 问题 | why, and the source |\n|---|---|---|---|---|---|---|---|\n",
    );
    let params = policy();
    for q in all() {
        let form = match q.kind {
            Kind::YesNo if chanjiao_rules::questions::UNSURE.contains(&q.q) => "yes/no/unknown".to_owned(),
            Kind::YesNo => "yes/no".to_owned(),
            Kind::Count { min } => format!("count ≥ {min}"),
            Kind::Money => "money".to_owned(),
            Kind::Date => "date".to_owned(),
            Kind::Year => "year".to_owned(),
            Kind::OneOf { options } => format!("one of: {}", options.iter().map(|c| format!("`{}`", c.id)).collect::<Vec<_>>().join(", ")),
        };
        let types: Vec<&str> = q.applicant_types.iter().map(|t| t.code()).collect();
        let file_only = if q.interview_asks() { "" } else { " *File only.*" };
        let why = q.help_under(params, chanjiao_rules::Date::LATEST).en.replace('|', "/");
        let per_year = if YEARLY.contains(&q.q) {
            "year"
        } else if YEAR_STANDING.contains(&q.q) {
            "either"
        } else if YEAR_KEYS.contains(&q.q) {
            "the year"
        } else if q.id == "b1_carried_in" {
            "opening"
        } else {
            ""
        };
        let _ =
            writeln!(out, "| `{}` | {} | {} | {per_year} | {} | {} | {} | {why}{file_only} |", q.id, form, types.join(" "), q.clause, q.label.en, q.label.zh);
    }
    let group = |n: i64| chanjiao_rules::group_thousands(chanjiao_rules::Decimal::from(n));
    let _ = write!(
        out,
        "\n## Figures within reason\n\n\
         The input rules accept counts up to 100 million and amounts up to 10^15 yuan, so that a slip is\n\
         caught by a person rather than refused. A result that rests on a count above {} or an amount\n\
         above CNY {}, or that would state an amount above CNY {} (the most one incentive plausibly\n\
         pays), goes to manual review with no amount, saying which figure is beyond reason; its form says\n\
         that the office assesses the amount. These bounds are the tool's, not the policy's.\n",
        group(chanjiao_rules::MOST_COUNTED as i64),
        group(chanjiao_rules::MOST_YUAN),
        group(chanjiao_rules::MOST_CLAIM_YUAN)
    );
    out.push_str("\n## Options\n");
    for q in all() {
        if let Kind::OneOf { options } = q.kind {
            let _ = writeln!(out, "\n`{}`\n", q.id);
            for c in options {
                let _ = writeln!(out, "- `{}`: {} / {}", c.id, c.label.zh, c.label.en);
            }
        }
    }
    out
}

#[test]
fn the_answers_doc_matches_the_question_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/answers.md");
    let fresh = render();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &fresh).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(current == fresh, "docs/answers.md is out of date; run UPDATE_DOCS=1 cargo test -p chanjiao-rules --test docs");
}
