#!/usr/bin/env python3
"""Holds docs/policy-pack.schema.json to the pack format: every example pack is
valid against it, and packs the tool refuses for their shape are invalid too.

The schema is for editors (completion and checking as one types); `chanjiao
pack check` stays the judge, since only it can find a figure in the text or
type-check an expression. This check keeps the two from drifting apart.
"""
import copy
import json
import pathlib
import subprocess
import sys
import tempfile

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((ROOT / "docs/policy-pack.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

examples = sorted((ROOT / "examples/policy").glob("*.json"))
assert examples, "no example packs found"
failed = False
for path in examples:
    pack = json.loads(path.read_text(encoding="utf-8"))
    errors = list(validator.iter_errors(pack))
    for e in errors:
        print(f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    failed |= bool(errors)
    print(f"{path.name}: {'invalid' if errors else 'valid'} against the pack schema")

# Shapes the tool refuses, each of which the schema must refuse as well.
base = json.loads((ROOT / "examples/policy/example-new-incentive-2026.json").read_text(encoding="utf-8"))
def broken(edit):
    pack = copy.deepcopy(base)
    edit(pack)
    return pack
refused = {
    "a misspelt top-level key": broken(lambda p: p.update({"value": p.pop("values")})),
    "a question of an unknown kind": broken(lambda p: p["questions"][0].update({"kind": "number"})),
    "a row with an unknown status": broken(lambda p: p["adds"][0]["rule"][0].update({"status": "maybe"})),
    "an entry without its rows": broken(lambda p: p["adds"][0].pop("rule")),
    "a restatement without its event": broken(lambda p: p["restates"][0].pop("event")),
    "a case expecting an amount in words": broken(lambda p: p["cases"][0]["expect"]["F1"].update({"amount": "五万"})),
    "a document without the day it takes effect": broken(lambda p: p["document"].pop("in_force")),
}
chanjiao = ["cargo", "run", "--quiet", "--locked", "-p", "chanjiao-cli", "--"]
with tempfile.TemporaryDirectory() as tmp:
    for what, pack in refused.items():
        file = pathlib.Path(tmp) / "pack.json"
        file.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
        tool = subprocess.run([*chanjiao, "pack", "check", str(file)], cwd=ROOT, capture_output=True, text=True)
        if tool.returncode != 2:
            print(f"chanjiao pack check does not refuse {what} (exit {tool.returncode}): {tool.stdout}{tool.stderr}")
            failed = True
        if validator.is_valid(pack):
            print(f"the schema accepts {what}, which chanjiao pack check refuses")
            failed = True
        else:
            print(f"the schema refuses {what}, as chanjiao pack check does")
sys.exit(1 if failed else 0)
