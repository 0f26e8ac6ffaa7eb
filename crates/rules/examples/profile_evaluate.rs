//! Evaluates an example many times, for a profiler to read:
//! `valgrind --tool=callgrind target/release/examples/profile_evaluate`.
//! `CHANJIAO_FILE` names the answers (the example enterprise by default) and
//! `CHANJIAO_N` how many evaluations (2000), so that two runs' difference
//! gives the instructions of one evaluation without the loading.
fn main() {
    let file = std::env::var("CHANJIAO_FILE").unwrap_or_else(|_| "examples/enterprise.json".into());
    let n: usize = std::env::var("CHANJIAO_N").ok().and_then(|n| n.parse().ok()).unwrap_or(2000);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let answers = chanjiao_rules::Answers::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    let on = chanjiao_rules::Date::new(2025, 6, 30).unwrap_or_else(|| unreachable!());
    let policy = chanjiao_rules::load_policy(&[]).unwrap_or_else(|r| panic!("{}", r.error));
    let mut results = 0;
    for _ in 0..n {
        results += chanjiao_rules::evaluate_with(policy, &answers, on).map_or(0, |e| e.results.len());
    }
    println!("{results}");
}
