#!/usr/bin/python3
"""Writes the seed inputs of the parsers fuzzer (tests/fuzz/parsers_fuzz.cc)
into a directory: the first byte picks the reader, as the fuzzer reads it.
Seeds come from the dev set and the shipped settings, so the fuzzer starts
from real shapes. Run from the repository root:
    /usr/bin/python3 tests/fuzz/parsers_seeds.py tests/fuzz/parsers-corpus
"""
import hashlib
import json
import pathlib
import sys

QUERY, REPORT, RESIDENT, STORED, OFFSETS, RESUME, TEXT, SERVER_CONF, SCREENING_CONF, CONCEPTS = range(10)


def main(out: pathlib.Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    seeds = []
    dev = pathlib.Path("tests/data/dev")
    for line in (dev / "queries.jsonl").read_text(encoding="utf-8").splitlines()[:40]:
        seeds.append((QUERY, json.loads(line)["query"]))
    reports = (dev / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    for line in reports[:25]:
        seeds.append((REPORT, line))
        seeds.append((TEXT, json.loads(line)["text"]))
    for line in (dev / "residents.jsonl").read_text(encoding="utf-8").splitlines()[:10]:
        seeds.append((RESIDENT, line))
    seeds.append((RESUME, json.dumps({"input": "a.jsonl", "key": "k", "batch": 3, "offset": 120, "line": 7,
                                      "complete": False})))
    seeds.append((SERVER_CONF, pathlib.Path("config/server.conf").read_text(encoding="utf-8")))
    seeds.append((SCREENING_CONF, pathlib.Path("config/screening.conf").read_text(encoding="utf-8")))
    concepts = pathlib.Path("dictionaries/concepts.da.txt").read_text(encoding="utf-8")
    start = concepts.index("[trusler]")
    seeds.append((CONCEPTS, concepts[start:concepts.index("[selvmordstrussel]")]))
    for reader, text in seeds:
        data = bytes([reader]) + text.encode("utf-8")
        (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
    print(f"{len(seeds)} seeds in {out}")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]))
