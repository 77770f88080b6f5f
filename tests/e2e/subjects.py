#!/usr/bin/env python3
"""Prints every subject of a registry with each version's id and schema text, as one JSON document (sorted), so
the schemas two runs registered can be compared as text: the texts do not depend on LSNs or timestamps.

usage: subjects.py --registry URL > subjects.json
"""
import argparse
import json
import urllib.parse
import urllib.request


def get(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--registry", required=True)
    a = ap.parse_args()
    base = a.registry.rstrip("/")
    out = {}
    for subject in sorted(get(base + "/subjects")):
        s = urllib.parse.quote(subject, safe="")
        out[subject] = [{k: v for k, v in get(f"{base}/subjects/{s}/versions/{n}").items() if k != "subject"}
                        for n in get(f"{base}/subjects/{s}/versions")]
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
