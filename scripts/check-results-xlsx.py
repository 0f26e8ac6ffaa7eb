"""The results workbook read back by software no one here wrote (openpyxl):
`chanjiao batch --input docs/batch/applicants.xlsx --output results.xlsx`, the
worked example of docs/batch.md, then the same applicants with names a
spreadsheet would run as formulas. Every record is accounted for, once, on the
results sheet or the errors sheet; the figures are those of the CSV output; a
name that looks like a formula is a string; amounts are numbers in yuan.

Usage: python3 scripts/check-results-xlsx.py [path/to/chanjiao]   (run by scripts/test.sh)
"""

import csv
import io
import os
import subprocess
import sys
import tempfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHANJIAO = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/debug/chanjiao")


def batch(*args):
    run = subprocess.run([CHANJIAO, "batch", "--on", "2025-06-30", *args], capture_output=True, text=True)
    assert run.returncode in (0, 3), run.stderr
    return run


def csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def check(source, work, expect_names=None):
    xlsx, csvout = os.path.join(work, "results.xlsx"), os.path.join(work, "results.csv")
    printed = batch("--input", source, "--output", xlsx).stdout
    batch("--input", source, "--output", csvout)
    assert "错误行" in printed, printed
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["结果", "错误行", "汇总"], book.sheetnames
    results, errors, summary = book["结果"], book["错误行"], book["汇总"]
    assert results.freeze_panes == "D3", results.freeze_panes
    ids = [c.value for c in results[2]]
    assert ids[:3] == ["row", "applicant_id", "applicant_name"], ids[:3]
    result_rows = [dict(zip(ids, r)) for r in results.iter_rows(min_row=3, values_only=True)]
    error_rows = list(errors.iter_rows(min_row=2, values_only=True))
    expected = csv_rows(csvout)
    # Every record once: its row number on one sheet or the other.
    numbers = sorted([r["row"] for r in result_rows] + [e[0] for e in error_rows])
    assert numbers == sorted(int(r["row"]) for r in expected), (numbers, [r["row"] for r in expected])
    by_row = {int(r["row"]): r for r in expected}
    for r in result_rows:
        want = by_row[r["row"]]
        assert want["error"] == "", want
        for key in ("cash_exact", "cash_min", "cash_max"):
            assert isinstance(r[key], (int, float)), (key, r[key])
            assert abs(r[key] - float(want[key])) < 0.005, (key, r[key], want[key])
        assert r["eligible"] == int(want["eligible"]), r
        if want["A11_status"] == "eligible":
            assert r["A11_status"] == "可申请" and isinstance(r["A11_min"], (int, float)), r
    for e in error_rows:
        assert by_row[e[0]]["error"] == e[4], (e, by_row[e[0]]["error"])
    entries = [r[0] for r in summary.iter_rows(min_row=2, values_only=True)]
    assert "A11" in entries and "B1" in entries, entries
    if expect_names:
        names = [r["applicant_name"] for r in result_rows] + [e[2] for e in error_rows]
        for name in expect_names:
            assert name in names, (name, names)
        for row in results.iter_rows(min_row=3):
            assert row[2].data_type == "s", (row[2].value, row[2].data_type)
    return len(result_rows), len(error_rows)


with tempfile.TemporaryDirectory() as work:
    good, bad = check(os.path.join(ROOT, "docs/batch/applicants.xlsx"), work)
    print(f"docs/batch/applicants.xlsx: {good} results + {bad} error rows, every record once, read back by openpyxl {openpyxl.__version__}")
    # Names a spreadsheet would run, written as strings.
    with open(os.path.join(ROOT, "docs/batch/applicants.csv"), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    hostile = ["=1+1", "+SUM(A1:A2)", "@cmd", "-2+3"]
    for row, name in zip(rows[1:], hostile):
        row[1] = name
    source = os.path.join(work, "hostile.csv")
    with open(source, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    check(source, work, expect_names=hostile)
    print("names that look like formulas are strings in the workbook")

# The template workbook, filled in as an office would (choices by their
# Chinese words, a date as a date cell), screens to what `chanjiao evaluate`
# gives the example enterprise.
import datetime
import json

with tempfile.TemporaryDirectory() as work:
    template = os.path.join(work, "template.xlsx")
    made = subprocess.run([CHANJIAO, "batch", "--template", template], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["申请人", "填写说明"], book.sheetnames
    sheet = book["申请人"]
    headers = [c.value for c in sheet[1]]
    assert all(h.endswith("）") for h in headers), headers
    assert all(sheet.cell(1, c).comment for c in range(3, len(headers) + 1)), "every question's help in a note"
    listed = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    questions = {q["id"]: q for q in json.loads(subprocess.run([CHANJIAO, "questions", "--all", "--format", "json"], capture_output=True, text=True, check=True).stdout)["items"]}
    with open(os.path.join(ROOT, "examples/enterprise.json"), encoding="utf-8") as f:
        example = json.load(f)
    row = []
    for h in headers:
        field = h[h.rindex("（") + 1 : -1]
        value = example.get(field, {"applicant_id": "E0001", "applicant_name": "泉州市恒达鞋业有限公司"}.get(field))
        q = questions.get(field)
        if q and q["kind"] == "one-of" and value is not None:
            value = next(o["label"]["zh-CN"] for o in q["options"] if o["id"] == value)
        elif q and q["kind"] == "date" and value is not None:
            value = datetime.date.fromisoformat(value)
        elif isinstance(value, bool):
            value = "是" if value else "否"
        row.append(value)
    sheet.append(row)
    # A choice column offers its words to pick from.
    ownership = headers.index("企业所有制类型（ent_ownership）")
    letter = openpyxl.utils.get_column_letter(ownership + 1)
    assert "民营企业" in listed[f"{letter}2"], listed.get(f"{letter}2")
    filled = os.path.join(work, "filled.xlsx")
    book.save(filled)
    out = os.path.join(work, "filled-results.csv")
    run = batch("--input", filled, "--output", out)
    [result] = csv_rows(out)
    assert run.returncode == 0, (result["error_column"], result["error"])
    evaluated = json.loads(subprocess.run([CHANJIAO, "evaluate", "--answers", os.path.join(ROOT, "examples/enterprise.json"), "--on", "2025-06-30", "--format", "json"], capture_output=True, text=True, check=True).stdout)
    assert result["cash_exact"] == evaluated["totals"]["cash_exact"], (result["cash_exact"], evaluated["totals"]["cash_exact"])
    assert result["cash_min"] == evaluated["totals"]["cash_min"] and result["cash_max"] == evaluated["totals"]["cash_max"], result
    print(f"the template workbook ({len(headers)} columns, {len(listed)} lists), filled in by openpyxl, screens to the totals of chanjiao evaluate")

# A comparison as a workbook: every record once, the change per entry, and a chart.
with tempfile.TemporaryDirectory() as work:
    compared = os.path.join(work, "compare.xlsx")
    policy = os.path.join(ROOT, "examples/policy")
    args = ["--input", os.path.join(ROOT, "docs/batch/applicants-2026.csv"), "--on", "2026-12-31", "--policy", os.path.join(policy, "example-continuation-2026.json"), "--compare-policy", os.path.join(policy, "example-successor-2026.json")]
    run = subprocess.run([CHANJIAO, "batch", "--output", compared, *args], capture_output=True, text=True)
    assert run.returncode == 3, run.stderr
    as_csv = os.path.join(work, "compare.csv")
    subprocess.run([CHANJIAO, "batch", "--output", as_csv, *args], capture_output=True, text=True)
    book = openpyxl.load_workbook(compared)
    assert book.sheetnames == ["对比结果", "错误行", "变化"], book.sheetnames
    rows = [r[0] for r in book["对比结果"].iter_rows(min_row=2, values_only=True)] + [r[0] for r in book["错误行"].iter_rows(min_row=2, values_only=True)]
    assert sorted(rows) == sorted(int(r["row"]) for r in csv_rows(as_csv)), rows
    change = book["变化"]
    assert len(change._charts) == 1, "a native chart"
    a11 = next(r for r in change.iter_rows(min_row=2, values_only=True) if r[0] == "A11")
    assert a11[6] == a11[5] - a11[4], a11
    print(f"the comparison workbook: {len(rows)} records once, {change.max_row - 1} entries with their change, and a chart")
    # Both sides are illustrations: every row says so, in its last column.
    results = book["对比结果"]
    header = [c.value for c in results[1]]
    assert header[-1] == "illustration", header[-1]
    marks = {r[-1] for r in results.iter_rows(min_row=2, values_only=True)}
    assert marks == {"非真实结果：依据 示例〔2026〕0号（示例，非真实政策）、示例〔2026〕1号（示例，非真实政策） 测算"}, marks

# Results under an illustration, as a workbook: every row and the summary say so.
with tempfile.TemporaryDirectory() as work:
    out = os.path.join(work, "results.xlsx")
    pack = os.path.join(ROOT, "examples/policy/example-successor-2026.json")
    run = subprocess.run([CHANJIAO, "batch", "--input", os.path.join(ROOT, "docs/batch/applicants-2026.csv"), "--on", "2026-12-31", "--policy", pack, "--output", out], capture_output=True, text=True)
    assert run.returncode in (0, 3), run.stderr
    book = openpyxl.load_workbook(out)
    results = book["结果"]
    header = [c.value for c in results[1]]
    assert header[-1] == "示例政策", header[-1]
    marks = {r[len(header) - 1] for r in results.iter_rows(min_row=3, values_only=True)}
    assert marks == {"非真实结果：依据 示例〔2026〕1号（示例，非真实政策） 测算"}, marks
    first = book["汇总"]["A1"].value
    assert first.startswith("示例政策，非真实结果：以下结果依据 示例〔2026〕1号"), first
    print("results under an illustrative policy, as a workbook, say so on every row and atop the summary")
