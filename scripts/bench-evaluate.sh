#!/usr/bin/env bash
# Times the rules natively (criterion, release build, one core): all 47
# entries evaluated as data for the example enterprise and vocational school,
# the planner, and one entry's condition and amount in the entry language.
# Prints each median. Goal: evaluate at most 10 µs per applicant.
# A report, not a test: it never fails on a slow machine.
set -euo pipefail
cd "$(dirname "$0")/.."
log=target/bench/evaluate.log
mkdir -p target/bench
cargo bench --locked -q -p chanjiao-rules --bench evaluate -- --warm-up-time 1 --measurement-time 4 --noplot >"$log" 2>&1 || { cat "$log"; exit 1; }
python3 - <<'PY'
import json
goals = {"evaluate_all_47_enterprise": " (goal <= 10 µs)", "evaluate_all_47_vocational_school": " (goal <= 10 µs)"}
for name in ["evaluate_all_47_enterprise", "evaluate_all_47_vocational_school", "plan_enterprise", "parse_answers_enterprise", "expr_condition_and_amount"]:
    with open(f"target/criterion/{name}/new/estimates.json") as f:
        ns = json.load(f)["median"]["point_estimate"]
    print(f"rules, natively on one core: {name} median {ns / 1000:.2f} µs{goals.get(name, '')}")
PY
