//! Evaluates the example enterprise many times, for a profiler to read:
//! `valgrind --tool=callgrind target/release/examples/profile_evaluate`.
fn main() {
    let answers = chanjiao_rules::Answers::from_json(include_str!("../../../examples/enterprise.json")).unwrap_or_else(|e| panic!("{e}"));
    let on = chanjiao_rules::Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!());
    let policy = chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error));
    let mut n = 0;
    for _ in 0..2000 {
        n += chanjiao_rules::evaluate_with(policy, &answers, on).map_or(0, |e| e.results.len());
    }
    println!("{n}");
}
