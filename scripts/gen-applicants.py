#!/usr/bin/env python3
"""Writes N synthetic applicants as CSV for chanjiao batch (the benchmark and
the worked example): enterprises mostly, with schools, workers, graduates,
teachers and organisations, their answers drawn from a seeded generator so the
file is the same every time. Usage: gen-applicants.py N OUTPUT.csv [--bad K]
(every K-th row gets a bad value, to exercise the error rows) [--events-in YEAR]
(every event dated in YEAR instead of 2024 and 2025, e.g. to screen a list
under a successor policy)."""

import csv
import random
import sys

SECTORS = ["industry", "construction", "wholesale", "retail", "software_it", "catering", "transport", "real_estate"]
OWNERSHIP = ["private", "private", "private", "state", "foreign", "mixed"]


def enterprise(r, i):
    hired = r.choice([0, 0, 1, 3, 8, 23, 60])
    return {
        "applicant_id": f"E{i:07d}",
        "applicant_name": f"泉州市第{i}号示例企业有限公司",
        "applicant_type": "ENT",
        "registered_in_quanzhou": r.choice(["是", "是", "是", "否"]),
        "ent_ownership": r.choice(OWNERSHIP),
        "ent_sector": r.choice(SECTORS),
        "ent_employees": str(r.choice([8, 45, 120, 420, 1500])),
        "ent_revenue": r.choice(["300万", "3500万", "21000万", "386000000", "50000万"]),
        "ent_assets": r.choice(["", "8000万"]),
        "ent_above_scale": r.choice(["", "是", "否"]),
        "ent_pilot_status": r.choice(["none", "none", "provincial", "national"]),
        "ent_pilot_revoked": "否",
        "b1_investment_year": "2024",
        "b1_investment": r.choice(["0", "500000", "1200000"]),
        "b1_surcharge_payable": r.choice(["100000", "268000"]),
        "b1_carried_in": "0",
        "ent_cert_directory": r.choice(["是", "否"]),
        "ent_city_library": r.choice(["是", "否"]),
        "ent_city_demo": r.choice(["是", "否", "否"]),
        "ent_city_demo_on": "2024-05-20",
        "apprenticeship_runs": r.choice(["是", "否"]),
        "apprentices_intermediate_passed": str(r.choice([0, 5, 12])),
        "apprentices_advanced_passed": str(r.choice([0, 3])),
        "apprentices_technician_passed": "0",
        "apprenticeship_months": str(r.choice([12, 18, 24])),
        "apprenticeship_completed_on": "2025-03-28",
        "graduates_hired": str(hired),
        "graduates_hired_on": "2024-07-08",
        "ent_runs_vocational_education": r.choice(["是", "否"]),
        "ent_idle_land_school": "否",
    }


def worker(r, i):
    return {
        "applicant_id": f"W{i:07d}",
        "applicant_name": f"劳动者{i}",
        "applicant_type": "IND-WORKER",
        "works_in_quanzhou": r.choice(["是", "否"]),
        "certificate_type": r.choice(["skill_level", "special_ability", "none"]),
        "certificate_level": r.choice(["level5", "level4", "level3", "level2"]),
        "certificate_issued_on": "2024-10-18",
        "worker_full_time_student": "否",
        "seeking_job_in_quanzhou": r.choice(["是", "否"]),
        "nights_needed": str(r.choice([3, 5, 9])),
    }


# The answers that date an event, and the year they are generated in.
DATED = ["b1_investment_year", "ent_city_demo_on", "apprenticeship_completed_on", "graduates_hired_on", "certificate_issued_on"]


def moved(row, year):
    """The row with every event in `year`, the month and day kept."""
    for key in DATED:
        if row.get(key):
            row[key] = str(year) + row[key][4:]
    return row


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    bad = int(sys.argv[sys.argv.index("--bad") + 1]) if "--bad" in sys.argv else 0
    year = int(sys.argv[sys.argv.index("--events-in") + 1]) if "--events-in" in sys.argv else None
    r = random.Random(20221201)
    columns = []
    for i in range(1, 3):
        for row in (enterprise(r, i), worker(r, i)):
            for k in row:
                if k not in columns:
                    columns.append(k)
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, restval="")
        w.writeheader()
        for i in range(1, n + 1):
            row = enterprise(r, i) if r.random() < 0.85 else worker(r, i)
            if year:
                row = moved(row, year)
            if bad and i % bad == 0:
                key = "ent_employees" if "ent_employees" in row else "nights_needed"
                row[key] = "-3"
            w.writerow(row)


if __name__ == "__main__":
    main()
