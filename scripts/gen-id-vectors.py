#!/usr/bin/env python3
"""Writes crates/rules/tests/vectors/identifiers.csv: test vectors for the
identifier checks, made by an independent implementation, python-stdnum
(pip install python-stdnum==2.2), so that the Rust checks are not tested only
against themselves.

Each row: kind, the value, the expected verdict (valid/invalid), and why. The
check characters come from stdnum's calc_check_digit, and stdnum's own verdict
is recorded beside ours. Where GB 32100 or GB 11643 asks more than stdnum checks
(the registration authority and type codes of positions 1-2 of a credit code; a
birth date after the evaluation date), the row says so: stdnum accepts it, the
standard does not.

It also writes crates/rules/tests/vectors/stdnum-regions.csv: every address
code of stdnum's GB/T 2260 data (stdnum/cn/loc.dat, drawn from Wikipedia) with
the names and years stdnum gives it, which crates/rules/tests/regions.rs holds
our own table (crates/rules/data/regions.txt, from other sources by
scripts/gen-regions.py) against.

Run: python3 scripts/gen-id-vectors.py crates/rules/tests/vectors/identifiers.csv \
         crates/rules/tests/vectors/stdnum-regions.csv
The vectors are fixed (a seeded generator), so the files only change when this
script or stdnum's version does.
"""
import csv
import random
import sys

import stdnum
from stdnum import numdb
from stdnum.cn import ric, uscc

assert stdnum.__version__ == "2.2", f"python-stdnum 2.2 expected, found {stdnum.__version__}"

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# GB 32100-2015 table 1: authority code -> organisation-type codes.
AUTHORITIES = {
    "1": "1239", "2": "19", "3": "123459", "4": "19", "5": "1239", "6": "129",
    "7": "129", "8": "19", "9": "123", "A": "19", "N": "1239", "Y": "1",
}
# Evaluation date the Rust test uses for resident IDs.
ON = "2026-11-29"

rng = random.Random(20261129)
rows = []


def uscc_with_check(body):
    return body + uscc.calc_check_digit(body)


def digits(n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def org(n):
    return "".join(rng.choice(ALPHABET) for _ in range(n))


# Valid credit codes: every authority/type pair, a real-looking region, a random
# organisation code, stdnum's check character.
for authority, types in AUTHORITIES.items():
    for t in types:
        for region in ("350500", "350503", "110000", "440300"):
            code = uscc_with_check(authority + t + region + org(9))
            # stdnum only knows digit authorities; it agrees wherever it can judge.
            if authority.isdigit():
                assert uscc.is_valid(code), code
            rows.append(("uscc", code, "valid", f"GB 32100 authority {authority} type {t}; stdnum {'valid' if uscc.is_valid(code) else 'refuses letters in positions 1-2'}"))
# A published one.
assert uscc.is_valid("91110000600037341L")
rows.append(("uscc", "91110000600037341L", "valid", "stdnum's own example"))

# Invalid: letters among the region digits (positions 3-8), with a check
# character that fits, so only the structure is wrong; stdnum refuses them too.
for k in range(12):
    body = list("91" + digits(6) + org(9))
    pos = 2 + rng.randrange(6)
    body[pos] = rng.choice("ABCDEFGHJKLMNPQRTUWXY")
    code = uscc_with_check("".join(body))
    assert not uscc.is_valid(code), code
    rows.append(("uscc", code, "invalid", f"a letter at position {pos + 1} (3-8 are digits); stdnum refuses it"))

# Invalid: positions 1-2 that are no authority and type of the standard; the
# check character fits. stdnum accepts these (it checks only that they are
# digits); GB 32100 does not.
for head in ("00", "99", "10", "94", "58", "14", "20", "0A", "Y2", "B1", "A2", "N4"):
    assert head[1] not in AUTHORITIES.get(head[0], ""), head
    code = uscc_with_check(head + "350500" + org(9))
    rows.append(("uscc", code, "invalid", f"'{head}' is no authority and type of GB 32100; stdnum {'accepts' if uscc.is_valid(code) else 'refuses'} it"))

# Invalid: a wrong check character.
for k in range(8):
    good = uscc_with_check("91350500" + org(9))
    wrong = good[:-1] + rng.choice([c for c in ALPHABET if c != good[-1]])
    assert not uscc.is_valid(wrong)
    rows.append(("uscc", wrong, "invalid", "wrong check character; stdnum refuses it"))


def ric_with_check(body17):
    return body17 + ric.calc_check_digit(body17 + "0")


# Valid resident IDs: real county codes from stdnum's GB/T 2260 data (checked
# by stdnum.validate, which looks the county up for the birth year).
for county in ("350503", "350521", "350582", "110105", "440305", "510107", "650102", "350583"):
    for birth in ("19491231", "19800229", "20000101", "20080808", "19751115"):
        code = ric_with_check(county + birth + digits(3))
        if ric.is_valid(code):
            rows.append(("ric", code, "valid", "stdnum validates it (county, birth date, check)"))
rows.append(("ric", "11010519491231002X", "valid", "the worked example of GB 11643-1999"))

# Invalid: region codes that do not exist, with a fitting check character.
for region in ("000000", "999999", "990101", "000101", "960000", "100000"):
    code = ric_with_check(region + "19900101" + digits(3))
    assert not ric.is_valid(code), code
    rows.append(("ric", code, "invalid", f"region {region}: no province of GB/T 2260; stdnum refuses it"))

# Invalid: birth dates after the evaluation date; stdnum cannot know today and
# accepts them.
for birth in ("20270101", "20261130", "20301231"):
    code = ric_with_check("350503" + birth + digits(3))
    rows.append(("ric", code, "invalid", f"born {birth}, after {ON}; stdnum {'accepts' if ric.is_valid(code) else 'refuses'} it"))

# Invalid: dates that do not exist, and wrong check characters.
for birth in ("19900230", "19991301", "20010229"):
    code = ric_with_check("350503" + birth + digits(3))
    assert not ric.is_valid(code)
    rows.append(("ric", code, "invalid", f"{birth} is no date; stdnum refuses it"))
for k in range(6):
    good = ric_with_check("350503" + "1985" + f"{rng.randrange(1, 13):02d}" + "15" + digits(3))
    wrong = good[:-1] + rng.choice([c for c in "0123456789X" if c != good[-1]])
    assert not ric.is_valid(wrong)
    rows.append(("ric", wrong, "invalid", "wrong check character; stdnum refuses it"))



def stdnum_regions():
    """Every six-digit code of stdnum/cn/loc.dat, with the county names (and
    the years each was in use) stdnum gives it."""
    found = {}

    def walk(prefixes, head, props):
        for _length, low, high, own, children in prefixes:
            assert low == high, (head, low, high)
            code, merged = head + low, {**props, **own}
            if len(code) == 6:
                found[code] = merged.get("county", "")
            walk(children, code, merged)

    walk(numdb.get("cn/loc").prefixes, "", {})
    return found


regions = stdnum_regions()


def stdnum_accepts(code):
    # stdnum 2.2 raises KeyError, rather than saying no, for a number whose
    # province it knows but whose county it does not (e.g. 123456): a refusal.
    try:
        return ric.is_valid(code)
    except KeyError:
        return False


# Resident IDs by region. These rows come after every random draw above, so
# adding them left the earlier rows as they were.
# Valid: codes abolished long ago, and one set up in 2021, with a birth year in
# which the division existed (stdnum checks the year; we do not, since a number
# keeps its code).
for county, birth in (("350522", "19880315"), ("350523", "19900101"), ("110103", "19751115"), ("110104", "19600101"), ("350405", "20220101")):
    code = ric_with_check(county + birth + digits(3))
    assert ric.is_valid(code), code
    rows.append(("ric", code, "valid", f"region {county}, {regions[county]} in stdnum; stdnum validates it"))
# Invalid: six digits that begin with a province but were never a division;
# the birth date and check character are right.
for region in ("123456", "350599", "110199", "440399", "350598", "659999"):
    assert region not in regions, region
    code = ric_with_check(region + "19850615" + digits(3))
    assert not stdnum_accepts(code), code
    rows.append(("ric", code, "invalid", f"region {region} is no division of GB/T 2260; stdnum refuses it"))

with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["kind", "value", "expected", "why"])
    w.writerows(rows)
print(f"{len(rows)} vectors written to {sys.argv[1]}")

with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "stdnum_county"])
    w.writerows(sorted(regions.items()))
print(f"{len(regions)} region codes of python-stdnum {stdnum.__version__} written to {sys.argv[2]}")
