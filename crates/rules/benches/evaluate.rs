//! Evaluates all 47 entries for a full enterprise profile and a vocational
//! school's (goal: at most 10 µs median on one core), the planner on the same answers, and one entry's
//! condition and amount in the entry language (ARCHITECTURE.md), the unit the
//! data entries will be built of.

use std::hint::black_box;

use chanjiao_rules::expr::{Expr, Names, Slots, Type, Val};
use chanjiao_rules::{Answers, Date, Decimal, evaluate_with, plan_with};
use criterion::{Criterion, criterion_group, criterion_main};

/// The built-in plan, composed as every program composes its policy.
fn policy() -> &'static chanjiao_rules::Params {
    chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error))
}

const ENTERPRISE: &str = include_str!("../../../examples/enterprise.json");
/// A school's profile: most of the schools' entries are decision tables.
const SCHOOL: &str = include_str!("../../../examples/vocational-school.json");

fn bench(c: &mut Criterion) {
    let answers = match Answers::from_json(ENTERPRISE) {
        Ok(a) => a,
        Err(e) => panic!("the example must parse: {e}"),
    };
    let Some(on) = Date::new(2025, 6, 30) else { panic!("a real date") };
    // Parse the embedded data once, outside the measurement, as a long-lived page would.
    let policy = policy();
    let _ = evaluate_with(policy, &answers, on);
    c.bench_function("evaluate_all_47_enterprise", |b| b.iter(|| evaluate_with(policy, black_box(&answers), black_box(on))));
    c.bench_function("plan_enterprise", |b| b.iter(|| plan_with(policy, black_box(&answers), black_box(on))));
    let Ok(school) = Answers::from_json(SCHOOL) else { panic!("the school example must parse") };
    c.bench_function("evaluate_all_47_vocational_school", |b| b.iter(|| evaluate_with(policy, black_box(&school), black_box(on))));
    c.bench_function("parse_answers_enterprise", |b| b.iter(|| Answers::from_json(black_box(ENTERPRISE))));
}

/// The graduate-hiring subsidy's names, as slots: registered, hires, ownership,
/// SME, the rate and the other enterprises' share.
struct Applicant([Val; 6]);

const NAMES: [(&str, Type); 6] = [
    ("registered_in_quanzhou", Type::Bool),
    ("graduates_hired", Type::Num),
    ("ent_ownership", Type::Str),
    ("sme", Type::Bool),
    ("values.a11_sme_per_hire", Type::Num),
    ("values.a11_other_enterprise_share", Type::Num),
];

impl Names for Applicant {
    fn resolve(&self, name: &str) -> Option<(usize, Type)> {
        NAMES.iter().position(|(n, _)| *n == name).map(|i| (i, NAMES[i].1.clone()))
    }
}

impl Slots for Applicant {
    fn get(&self, slot: usize) -> Option<Val> {
        self.0.get(slot).cloned()
    }
}

fn bench_expr(c: &mut Criterion) {
    let a = Applicant([
        Val::Bool(true),
        Val::Num(Decimal::from(23)),
        Val::Str("private".into()),
        Val::Bool(true),
        Val::Num(Decimal::from(1000)),
        Val::Num(Decimal::new(5, 1)),
    ]);
    let compile = |src: &str| Expr::compile(src, &a, &[]).unwrap_or_else(|e| panic!("{src}: {e}"));
    let when = compile("registered_in_quanzhou && graduates_hired > 0 && ent_ownership in ['private', 'mixed']");
    let amount = compile("graduates_hired * (sme ? values.a11_sme_per_hire : values.a11_sme_per_hire * values.a11_other_enterprise_share)");
    c.bench_function("expr_condition_and_amount", |b| b.iter(|| (when.test(black_box(&a)), amount.eval(black_box(&a)))));
}

criterion_group!(benches, bench, bench_expr);
criterion_main!(benches);
