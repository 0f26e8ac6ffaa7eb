"""Applicant sheets for the forms' ZIP: each applicant's block (name, identity
number, address, bank…), keyed by 申请人编号, as the workbench reads it. The
identity numbers are made up but valid by their standards, so that forms can
be made from them: a unified social credit code with its GB 32100-2015 check
character, a resident ID number with its GB 11643-1999 check digit.

Used by scripts/make-applicants-xlsx.py (the worked example's 申请人信息
sheet) and, as a command, by scripts/bench-batch.sh (the blocks of the first
N applicants of a generated list, for the workbench's forms benchmark):

    python3 scripts/blocks.py LIST.csv OUT.csv N
"""

import csv
import sys

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
HEADER = ["申请人编号", "申请人名称", "证件号码（id_number）", "法定代表人", "通讯地址", "联系人", "联系电话", "开户银行", "银行账号"]


def credit_code(n):
    """A unified social credit code of an enterprise (91) registered in
    Quanzhou (350500), its organisation code made from n, with its check
    character (weights 3^i mod 31)."""
    body = "91350500" + f"MA{n:07d}"
    total = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + USCC_CHARS[(31 - total % 31) % 31]


def resident_id(n):
    """A resident ID number of 丰泽区 (350503), born 2001-01-01, sequence n
    (mod 1000), with its check character (ISO 7064 MOD 11-2)."""
    body = f"35050320010101{n % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


def block(n, key, name, applicant_type):
    """The applicant sheet's row for applicant n: an organisation's block, or a person's."""
    if applicant_type.startswith("IND"):
        return [key, name, resident_id(n), None, f"福建省泉州市鲤城区某某街 {n} 号", None, "138 0595 0000", "中国建设银行泉州分行", f"62170000123456{n:05d}"]
    return [key, name, credit_code(n), "陈建国", f"福建省泉州市丰泽区东海街道某某路 {n} 号", "王丽", "0595-2222 3333", "中国工商银行泉州分行", f"62220200123456{n:05d}"]


if __name__ == "__main__":
    source, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(source, encoding="utf-8-sig", newline="") as f, open(out, "w", encoding="utf-8", newline="") as o:
        rows = csv.DictReader(f)
        w = csv.writer(o)
        w.writerow(HEADER)
        for n, row in enumerate(rows, start=1):
            if n > count:
                break
            w.writerow(["" if c is None else c for c in block(n, row["applicant_id"], row["applicant_name"] or row["applicant_id"], row["applicant_type"])])
    print(f"{out}: the blocks of the first {count} applicants of {source}")
