//! Evaluates all 47 entries for a full enterprise profile (goal: at most 10 µs
//! median on one core), and the planner on the same answers.

use std::hint::black_box;

use chanjiao_rules::{Answers, Date, evaluate, plan};
use criterion::{Criterion, criterion_group, criterion_main};

const ENTERPRISE: &str = include_str!("../../../examples/enterprise.json");

fn bench(c: &mut Criterion) {
    let answers = match Answers::from_json(ENTERPRISE) {
        Ok(a) => a,
        Err(e) => panic!("the example must parse: {e}"),
    };
    let Some(on) = Date::new(2025, 6, 30) else { panic!("a real date") };
    // Parse the embedded data once, outside the measurement, as a long-lived page would.
    let _ = evaluate(&answers, on);
    c.bench_function("evaluate_all_47_enterprise", |b| b.iter(|| evaluate(black_box(&answers), black_box(on))));
    c.bench_function("plan_enterprise", |b| b.iter(|| plan(black_box(&answers), black_box(on))));
    c.bench_function("parse_answers_enterprise", |b| b.iter(|| Answers::from_json(black_box(ENTERPRISE))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
