"""Writes docs/batch/applicants.xlsx: the applicants of docs/batch/applicants.csv
as an office would keep them in Excel, written by openpyxl (software no one
here wrote), so that `chanjiao batch` is shown reading a real workbook.

The headers are the questions' words in Chinese (with the id in brackets
where two questions share their words), the ids' columns are 申请人编号 and
申请人名称; counts, years and plain amounts are numbers, dates are date cells,
and yes/no answers are TRUE/FALSE cells. The results must be those of the CSV
(crates/cli/tests/batch.rs holds them to it).

A second sheet, 申请人信息, gives each applicant's block for the forms (name,
credit code or ID number, address, bank…), keyed by 申请人编号, as the
workbench's "forms as one ZIP" reads it. The identity numbers are made up but
valid by their standards (scripts/blocks.py); one
applicant, E0000012, is left out on purpose, so the ZIP's index says why it has
no form. A third sheet, 名册, gives the graduates two applicants hired, for
A11's roster on their forms.

Usage: python3 scripts/make-applicants-xlsx.py   (after cargo build -p chanjiao-cli)
"""

import csv
import datetime
import json
import subprocess
from collections import Counter

import openpyxl
from blocks import HEADER, block, resident_id

ROOT = __file__.rsplit("/scripts/", 1)[0]
CSV = f"{ROOT}/docs/batch/applicants.csv"
OUT = f"{ROOT}/docs/batch/applicants.xlsx"

questions = {
    q["id"]: q
    for q in json.loads(subprocess.run([f"{ROOT}/target/debug/chanjiao", "questions", "--all", "--format", "json"], check=True, capture_output=True, text=True).stdout)["items"]
}
words = Counter(q["label"]["zh-CN"] for q in questions.values())


def header(column):
    if column == "applicant_id":
        return "申请人编号"
    if column == "applicant_name":
        return "申请人名称"
    label = questions[column]["label"]["zh-CN"]
    return label if words[label] == 1 else f"{label}（{column}）"


def cell(column, text):
    if text == "" or column not in questions:
        return text or None
    kind = questions[column]["kind"]
    if kind == "yes-no" and text in ("是", "否"):
        return text == "是"
    if kind == "date":
        return datetime.date.fromisoformat(text)
    if kind in ("count", "year") and text.isdigit():
        return int(text)
    if kind == "money" and text.isdigit():
        return int(text)
    return text


with open(CSV, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "申请人"
columns = rows[0]
sheet.append([header(c) for c in columns])
for row in rows[1:]:
    sheet.append([cell(c, t) for c, t in zip(columns, row)])
for r in sheet.iter_rows(min_row=2):
    for c in r:
        if isinstance(c.value, datetime.date):
            c.number_format = "yyyy-mm-dd"
sheet.freeze_panes = "C2"

blocks = book.create_sheet("申请人信息")
blocks.append(HEADER)
for n, row in enumerate(rows[1:], start=1):
    record = dict(zip(columns, row))
    if record["applicant_id"] and record["applicant_id"] != "E0000012":
        blocks.append(block(n, record["applicant_id"], record["applicant_name"], record["applicant_type"]))
for column, width in zip("ABCDEFGHI", [12, 30, 22, 10, 36, 8, 16, 22, 22]):
    blocks.column_dimensions[column].width = width
blocks.freeze_panes = "B2"
# A third sheet, 名册, gives the graduates two applicants hired (A11's roster),
# as the workbench reads it into their forms: E0000001's three in full, and
# one of E0000011's three, whose form leaves the other two rows to fill by hand.
roster = book.create_sheet("名册")
roster.append(["申请人编号", "条目", "姓名", "公民身份号码", "毕业院校", "毕业时间", "劳动合同起始日期", "社会保险参保起始日期"])
graduates = [
    ("E0000001", "林晓雯", 101, "泉州师范学院"),
    ("E0000001", "陈志明", 102, "华侨大学"),
    ("E0000001", "黄雅婷", 103, "黎明职业大学"),
    ("E0000011", "吴俊杰", 104, "泉州信息工程学院"),
]
for key, name, n, school in graduates:
    roster.append([key, "A11", name, resident_id(n), school, datetime.date(2024, 6, 30), datetime.date(2024, 7, 8), datetime.date(2024, 7, 8)])
for r in roster.iter_rows(min_row=2):
    for c in r:
        if isinstance(c.value, datetime.date):
            c.number_format = "yyyy-mm-dd"
for column, width in zip("ABCDEFGH", [12, 8, 10, 22, 20, 12, 18, 20]):
    roster.column_dimensions[column].width = width
roster.freeze_panes = "A2"
book.properties.creator = "chanjiao scripts/make-applicants-xlsx.py"
# A fixed time, so the file is the same each time it is made.
book.properties.created = book.properties.modified = datetime.datetime(2026, 1, 1)
book.save(OUT)
print(f"{OUT}: {len(rows) - 1} applicants, {blocks.max_row - 1} applicant blocks, {roster.max_row - 1} roster rows")
