#!/usr/bin/env python3
"""Times `chanjiao verify` (release build) on hostile PDFs and prints, for each,
how it ended, the time and the peak memory. Goal: any PDF under 50 MB verified
or refused within 10 s and 500 MB. A report, not a test: it never fails on a
slow machine (crates/cli/tests/verify.rs holds what each refusal says).

The files are written here from raw PDF syntax, so nothing is downloaded:
  big        49 MB: a form's worth of objects and a 49 MB junk stream
  objects    about 3.9 MB of tiny indirect objects (the input limit is 4 MiB)
  bomb       one page whose content stream inflates without end (3.8 MB of deflated zeros)
  operations one page whose content is 250 streams of 4 MB of operations each (refused: one stream a page)
  array      one array of 1.95 million items (3.9 MB)
  copies     a document information holding its code 2,500 times
  valid      a real form (the example enterprise's A11), for comparison
"""
import os
import resource
import subprocess
import sys
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "bench", "verify")
BIN = os.path.join(ROOT, "target", "release", "chanjiao")


def pdf(objects, root=1, info=None):
    """A PDF from `objects` (bytes of each object's body, numbered from 1)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def page_with(contents):
    """Catalog, pages, one page whose content is `contents` (object numbers)."""
    refs = b" ".join(b"%d 0 R" % c for c in contents)
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [" + refs + b"] >>",
    ]


def make(name):
    path = os.path.join(OUT, name + ".pdf")
    if name == "big":
        junk = os.urandom(49 * 1024 * 1024)
        data = pdf(page_with([4]) + [stream(junk)])
    elif name == "objects":
        n = 3_900_000 // 40
        data = pdf(page_with([4]) + [stream(b"")] + [b"0"] * n)
    elif name == "bomb":
        zeros = zlib.compressobj(9)
        chunk = b"\0" * (1 << 20)
        body = b"".join(zeros.compress(chunk) for _ in range(3_800)) + zeros.flush()
        data = pdf(page_with([4]) + [stream(body, b"/Filter /FlateDecode")])
    elif name == "operations":
        ops = zlib.compress(b"0 0 m\n" * (4 * 1024 * 1024 // 6), 9)
        data = pdf(page_with(range(4, 254)) + [stream(ops, b"/Filter /FlateDecode")] * 250)
    elif name == "array":
        data = pdf(page_with([4]) + [stream(b""), b"[" + b"0 " * 1_950_000 + b"]"])
    elif name == "copies":
        code = b"CJ3|A11|2022-8.1|2025-06-30|2025-07-02|eligible|exact:23000|-|applicant_type=ENT"
        data = pdf(page_with([4]) + [stream(b""), b"<< /ChanjiaoPayload (" + b"\\n".join([code] * 2500) + b") >>"], info=5)
    else:
        raise SystemExit(f"no such file: {name}")
    with open(path, "wb") as f:
        f.write(data)
    return path


def measure(path):
    """Runs verify through a small Python parent of its own, whose children's
    peak resident memory is then verify's alone."""
    probe = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "said = (p.stderr.strip().splitlines() or p.stdout.strip().splitlines() or [''])[-1]; "
             "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, said)")
    start = time.monotonic()
    p = subprocess.run([sys.executable, "-c", probe, BIN, "verify", path, "--lang", "en", "--format", "table"], capture_output=True, text=True)
    seconds = time.monotonic() - start
    code, kb, said = p.stdout.strip().split(" ", 2)
    return int(code), seconds, int(kb) / 1024, said


def main():
    os.makedirs(OUT, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--locked", "-q", "-p", "chanjiao-cli"], cwd=ROOT, check=True)
    valid = os.path.join(OUT, "valid.pdf")
    subprocess.run([BIN, "pdf", "--answers", "examples/enterprise.json", "--on", "2025-06-30", "--incentive", "A11",
                    "--applicant", "examples/applicant-enterprise.json", "-o", valid], cwd=ROOT, check=True, capture_output=True)
    files = [("valid", valid)] + [(n, make(n)) for n in ["big", "objects", "bomb", "operations", "array", "copies"]]
    for name, path in files:
        code, seconds, mb, said = measure(path)
        size = os.path.getsize(path) / 1e6
        print(f"chanjiao verify {name}: {size:.1f} MB file, exit {code}, {seconds:.2f} s, peak memory {mb:.0f} MB "
              f"(goal 10 s, 500 MB): {said[:150]}")
        os.remove(path) if name != "valid" else None


if __name__ == "__main__":
    sys.exit(main())
