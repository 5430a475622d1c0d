#!/usr/bin/env python3
"""Independent counts for the sample reports (standard library only).

Usage: independent_count.py [REPORTS_DIR]   (default: ../resources/reports next to this file)
Prints EXPECTED.tsv content on stdout:
    relative/path<TAB>tests<TAB>failures<TAB>errors<TAB>skipped<TAB>flaky

Rules (deliberately independent of any testsuite/testsuites attribute):
  * every <testcase> element anywhere in the document counts once (namespace prefix ignored);
  * it is an error if it has an <error> child, else a failure if it has a <failure> child
    (several <failure> children still count once), else skipped if it has a <skipped> child
    (or TestNG's <ignored>), else passed;
  * a testcase with <rerunError> (resp. <rerunFailure>) children but no <error>/<failure>
    counts as error (resp. failure) -- none of the real samples has that shape, surefire 3.5.4
    always writes the <failure>/<error> first;
  * flaky = passed testcases with a <flakyFailure> or <flakyError> child.
Any DOCTYPE / entity declaration is refused before ElementTree sees the bytes, so no entity
is ever expanded or fetched. Files that are not meant to parse (empty, truncated, hostile,
non-JUnit) are excluded and reported on stderr.
"""
import os
import sys
import xml.etree.ElementTree as ET
import xml.parsers.expat

EXCLUDED = {
    "edge/empty.xml": "0-byte file, not well-formed",
    "edge/truncated.xml": "cut mid-element, not well-formed",
    "failsafe/failsafe-summary.xml": "failsafe summary, not a JUnit report",
}
EXCLUDED_DIRS = {"hostile/": "hostile (DTD/entities/XInclude), must be refused"}


class DtdRefused(Exception):
    pass


def _refuse(*_args):
    raise DtdRefused("DOCTYPE/entity declarations are not accepted")


def refuse_dtd(data):
    """Pre-flight with expat: fail on any DOCTYPE, entity declaration or external entity."""
    p = xml.parsers.expat.ParserCreate()
    p.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.StartDoctypeDeclHandler = _refuse
    p.EntityDeclHandler = _refuse
    p.ExternalEntityRefHandler = _refuse
    p.Parse(data, True)


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def count(path):
    with open(path, "rb") as fh:
        data = fh.read()
    refuse_dtd(data)
    root = ET.fromstring(data)
    tests = failures = errors = skipped = flaky = 0
    notes = []
    for tc in root.iter():
        if local(tc.tag) != "testcase":
            continue
        tests += 1
        kids = [local(c.tag) for c in tc]
        if "error" in kids:
            errors += 1
        elif "failure" in kids:
            failures += 1
        elif "rerunError" in kids:
            errors += 1
            notes.append(f"{tc.get('name')}: only rerunError children -> error")
        elif "rerunFailure" in kids:
            failures += 1
            notes.append(f"{tc.get('name')}: only rerunFailure children -> failure")
        elif "skipped" in kids or "ignored" in kids:
            skipped += 1
        elif "flakyFailure" in kids or "flakyError" in kids:
            flaky += 1
    return (tests, failures, errors, skipped, flaky), notes


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    reports = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(here, "..", "resources", "reports"))
    rows = []
    for dirpath, _dirs, files in os.walk(reports):
        for name in files:
            if not name.endswith(".xml"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), reports).replace(os.sep, "/")
            reason = EXCLUDED.get(rel) or next((r for d, r in EXCLUDED_DIRS.items() if rel.startswith(d)), None)
            if reason:
                print(f"excluded\t{rel}\t{reason}", file=sys.stderr)
                continue
            counts, notes = count(os.path.join(dirpath, name))
            for note in notes:
                print(f"note\t{rel}\t{note}", file=sys.stderr)
            rows.append((rel,) + counts)
    for row in sorted(rows):
        print("\t".join(str(v) for v in row))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
