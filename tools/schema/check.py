#!/usr/bin/env python3
"""Validates RoleLayer analysis results (`rolelayer analyze --format json`) against
docs/result-schema.json (JSON Schema draft 2020-12).

Usage: python3 tools/schema/check.py RESULT.json [RESULT.json ...]

Also checks that the schema itself is a valid draft 2020-12 schema and that each result's
schemaVersion is the schema's. Prints one line per file; exit status 1 when any file fails,
2 on usage errors.
"""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator

SCHEMA = pathlib.Path(__file__).resolve().parents[2] / "docs" / "result-schema.json"


def main(paths):
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    version = schema["properties"]["schemaVersion"]["const"]
    failed = 0
    for path in paths:
        try:
            result = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            print(f"{path}: cannot read: {e}")
            failed += 1
            continue
        errors = sorted(validator.iter_errors(result), key=lambda e: list(e.absolute_path))
        if errors:
            failed += 1
            print(f"{path}: {len(errors)} schema error(s)")
            for e in errors[:20]:
                where = "/".join(str(p) for p in e.absolute_path) or "(top level)"
                print(f"  {where}: {e.message[:300]}")
        else:
            print(f"{path}: valid (schema {version})")
    print(f"schema check: {len(paths) - failed} valid, {failed} invalid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
