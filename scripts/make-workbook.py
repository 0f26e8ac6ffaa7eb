"""Writes a CSV of applicants as an .xlsx (openpyxl, write-only), digits as
numbers, for the workbook benchmark of scripts/bench-batch.sh.

Usage: python3 scripts/make-workbook.py INPUT.csv OUTPUT.xlsx
"""

import csv
import sys

import openpyxl

source, target = sys.argv[1], sys.argv[2]
book = openpyxl.Workbook(write_only=True)
sheet = book.create_sheet("申请人")
with open(source, encoding="utf-8-sig", newline="") as f:
    for i, row in enumerate(csv.reader(f)):
        sheet.append(row if i == 0 else [int(x) if x.isdigit() and len(x) < 10 else x for x in row])
book.save(target)
