//! Writes the example enterprise's A11 form natively (the browser's figure, and the
//! comparison with pdf-lib, come from scripts/bench-pdf.mjs), and the combined
//! file of all five forms it is offered.

use std::hint::black_box;

use chanjiao_pdf::{Application, Font, Options, render};
use chanjiao_rules::{Answers, Applicant, Date, evaluate_with};
use criterion::{Criterion, criterion_group, criterion_main};

/// The built-in plan, composed as every program composes its policy.
fn policy() -> &'static chanjiao_rules::Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

const ENTERPRISE: &str = include_str!("../../../examples/enterprise.json");
const APPLICANT: &str = include_str!("../../../examples/applicant-enterprise.json");
const FONT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fonts/NotoSansCJKsc-Regular-chanjiao.otf");

fn bench(c: &mut Criterion) {
    let answers = Answers::from_json(ENTERPRISE).unwrap_or_else(|e| panic!("{e}"));
    let applicant: Applicant = serde_json::from_str(APPLICANT).unwrap_or_else(|e| panic!("{e}"));
    let Some(on) = Date::new(2025, 6, 30) else { panic!("a real date") };
    let font = Font::new(std::fs::read(FONT).unwrap_or_else(|e| panic!("{FONT}: {e}; scripts/setup.sh makes it"))).unwrap_or_else(|e| panic!("{e}"));
    let evaluation = evaluate_with(policy(), &answers, on).unwrap_or_else(|e| panic!("{e}"));
    let apps: Vec<Application> = evaluation
        .results
        .iter()
        .filter(|r| r.offers_form())
        .map(|r| Application { result: r, answers: &answers, applicant: &applicant, evaluated_on: on })
        .collect();
    let a11: Vec<Application> = apps.iter().copied().filter(|a| a.result.incentive.code == "A11").collect();
    let options = Options::on(on, policy());
    c.bench_function("render_a11_form", |b| b.iter(|| render(black_box(&a11), &font, &options)));
    c.bench_function("render_all_five_forms_combined", |b| b.iter(|| render(black_box(&apps), &font, &options)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
