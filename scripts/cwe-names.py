#!/usr/bin/env python3
"""Writes src/Depwatch.Core/Vulnerabilities/Data/cwe-names.tsv from MITRE's CWE list.

    scripts/cwe-names.py cwec_v4.14.xml 4.14          # the full list: weaknesses, categories and views
    scripts/cwe-names.py 2000.csv 4.14                # the comprehensive view's CSV: weaknesses only

Download either from https://cwe.mitre.org/data/downloads.html (the XML is cwec_vX.Y.xml.zip, the CSV is the
"Comprehensive CWE Dictionary", 2000.csv.zip). The XML names its version itself; a CSV does not, so the version
argument is required for one and checked against the other.
"""
import csv
import re
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "src/Depwatch.Core/Vulnerabilities/Data/cwe-names.tsv"


def from_xml(path):
    root = ElementTree.parse(path).getroot()
    namespace = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    names = {}
    for kind in ("Weakness", "Category", "View"):
        for element in root.iter(namespace + kind):
            names[int(element.get("ID"))] = element.get("Name")
    return root.get("Version"), "weaknesses, categories and views of cwec_v{}.xml", names


def from_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        names = {int(row["CWE-ID"]): row["Name"] for row in rows}
    return None, "weaknesses of the Comprehensive CWE Dictionary (view 2000) CSV, version {}", names


def main(source, version=None):
    found, described, names = from_xml(source) if source.endswith(".xml") else from_csv(source)
    if found and version and found != version:
        sys.exit(f"{source} is CWE version {found}, not {version}")
    version = found or version
    if not version or not re.fullmatch(r"\d+\.\d+(\.\d+)?", version):
        sys.exit("name the CWE version, e.g. 4.14")
    lines = [
        f"# CWE names from MITRE's CWE List version {version}: {described.format(version)}.",
        "# Regenerate with scripts/cwe-names.py. CWE is a trademark of The MITRE Corporation; the list is",
        "# Copyright (c) 2006-2024 The MITRE Corporation and used under its Terms of Use (https://cwe.mitre.org/about/termsofuse.html).",
        f"#version\t{version}",
    ]
    lines += [f"{cwe}\t{' '.join(name.split())}" for cwe, name in sorted(names.items())]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(names)} names, CWE {version}")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(*sys.argv[1:])
