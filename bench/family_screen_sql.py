#!/usr/bin/python3
"""The weekly screening in SQLite, for bench/family_screen.sh.

What an analyst would otherwise do: load the records into SQLite tables and
write the rule of docs/screening.md as one SQL query (bench/family_screen.sql).
Run with Debian's /usr/bin/python3 (modules sqlite3 and xapian, python3-xapian).

  family_screen_sql.py load --index DIR/ours --residents FILE --out DB REPORTS.jsonl...
      reports(id, occurred)            from the reports files (date part of "occurred")
      report_person(report_id, cpr, role)   every person, CPR canonical (10 digits)
      report_concept(report_id, concept)    the AFFIRMED RISK concepts per report, read
                                       from our index's value slot 4 (docs/schema.md) with
                                       the record id from the document's Q term, so that
                                       both engines see the same concept decisions
      residents(cpr, address_id, from_date, to_date)   to_date NULL while still there
      persons(cpr, birth)              birth date from the CPR (century rule of core/cpr.cc),
                                       computed here; NULL when the date part is not a date
    then the indexes and ANALYZE. Prints the seconds of each part.

  family_screen_sql.py compare --ours flags.json --sql flags.csv [--show 10]
      the flag sets (cpr, address_id) side by side: how many agree, and the differences.
"""
import argparse
import datetime
import json
import os
import sqlite3
import sys
import time

ACTING = ("sigtet", "involveret")


def canonical(cpr):
    """DDMMYY-SSSS or DDMMYYSSSS -> the ten digits (as the index stores them)."""
    if len(cpr) == 11 and cpr[6] == "-":
        return cpr[:6] + cpr[7:]
    return cpr


def birth_date(cpr):
    """ISO birth date of a canonical CPR number, or None: core/cpr.cc's rule."""
    if len(cpr) != 10 or not cpr.isdigit():
        return None
    day, month, yy, digit7 = int(cpr[0:2]), int(cpr[2:4]), int(cpr[4:6]), int(cpr[6])
    if digit7 <= 3:
        century = 1900
    elif digit7 in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:  # 5..8
        century = 2000 if yy <= 57 else 1800
    try:
        return datetime.date(century + yy, month, day).isoformat()
    except ValueError:
        return None


def index_concepts(index_dir):
    """(record id, concept) for every affirmed risk concept in our index (slot 4)."""
    import xapian  # Debian's python3-xapian

    db = xapian.Database(index_dir)
    rows = []
    for item in db.valuestream(4):
        term = db.termlist(item.docid).skip_to(b"Q").term.decode()
        if not term.startswith("Q"):
            raise SystemExit(f"document {item.docid} has no Q term")
        rid = term[1:]
        if rid.startswith(":") and len(rid) > 1 and rid[1].isupper():  # schema::boolean_term's ':'
            rid = rid[1:]
        for concept in item.value.decode().split():
            rows.append((rid, concept))
    return rows, db.get_doccount()


def batched(iterable, n=50000):
    batch = []
    for x in iterable:
        batch.append(x)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def load(args):
    if os.path.exists(args.out):
        os.remove(args.out)
    con = sqlite3.connect(args.out)
    con.executescript("""
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE reports (id TEXT PRIMARY KEY, occurred TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE report_person (report_id TEXT NOT NULL, cpr TEXT NOT NULL, role TEXT NOT NULL);
        CREATE TABLE report_concept (report_id TEXT NOT NULL, concept TEXT NOT NULL);
        CREATE TABLE residents (cpr TEXT NOT NULL, address_id TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT);
        CREATE TABLE persons (cpr TEXT PRIMARY KEY, birth TEXT) WITHOUT ROWID;
    """)
    parts = []
    start = t = time.monotonic()

    concept_rows, docs = index_concepts(args.index)
    con.executemany("INSERT INTO report_concept VALUES (?, ?)", concept_rows)
    parts.append(("concepts from our index (slot 4 + Q term)", time.monotonic() - t, len(concept_rows)))

    t = time.monotonic()
    cprs = set()
    n_reports = n_persons = 0
    for path in args.reports:
        with open(path, encoding="utf-8") as f:
            for lines in batched(f):
                reports, persons = [], []
                for line in lines:
                    if not line.strip():
                        continue
                    r = json.loads(line)
                    reports.append((r["id"], r["occurred"][:10]))
                    for p in r.get("persons", []):
                        cpr = canonical(p["cpr"])
                        cprs.add(cpr)
                        persons.append((r["id"], cpr, p["role"]))
                con.executemany("INSERT INTO reports VALUES (?, ?)", reports)
                con.executemany("INSERT INTO report_person VALUES (?, ?, ?)", persons)
                n_reports += len(reports)
                n_persons += len(persons)
    parts.append(("reports and persons from JSON Lines", time.monotonic() - t, n_reports + n_persons))

    t = time.monotonic()
    n_residents = 0
    with open(args.residents, encoding="utf-8") as f:
        for lines in batched(f):
            rows = []
            for line in lines:
                if not line.strip():
                    continue
                r = json.loads(line)
                cpr = canonical(r["cpr"])
                cprs.add(cpr)
                rows.append((cpr, r["address_id"], r["from"], r.get("to")))
            con.executemany("INSERT INTO residents VALUES (?, ?, ?, ?)", rows)
            n_residents += len(rows)
    con.executemany("INSERT INTO persons VALUES (?, ?)", ((c, birth_date(c)) for c in sorted(cprs)))
    parts.append(("residents, persons with birth dates", time.monotonic() - t, n_residents + len(cprs)))

    t = time.monotonic()
    con.executescript("""
        CREATE INDEX report_person_by_role ON report_person (role, cpr, report_id);
        CREATE INDEX report_concept_by_report ON report_concept (report_id);
        CREATE INDEX residents_by_cpr ON residents (cpr, from_date);
        CREATE INDEX residents_by_address ON residents (address_id, from_date);
        ANALYZE;
    """)
    con.commit()
    parts.append(("indexes, ANALYZE", time.monotonic() - t, 0))
    con.close()
    total = time.monotonic() - start

    print(f"SQLite {sqlite3.sqlite_version}: {n_reports} reports, {n_persons} report persons, "
          f"{len(concept_rows)} affirmed risk concepts of {docs} indexed documents, "
          f"{n_residents} registrations, {len(cprs)} persons")
    print("concepts per report: taken from our index's value slot 4 (affirmed risk concepts), so both engines")
    print("see the same concept decisions; everything else is read from the JSON Lines files themselves")
    for name, seconds, rows in parts:
        print(f"  {name:<44} {seconds:7.1f} s" + (f"  {rows} rows" if rows else ""))
    print(f"load_seconds {total:.1f}  ({os.path.getsize(args.out) / 1e6:.0f} MB)")


def compare(args):
    with open(args.ours, encoding="utf-8") as f:
        ours_json = json.load(f)
    ours = {(canonical(x["cpr"]), x["address_id"]): x for x in ours_json["flags"]}
    sql = {}
    with open(args.sql, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            cpr, address, pattern_date = line.split(",")
            sql[(cpr, address)] = pattern_date
    both = ours.keys() & sql.keys()
    only_ours = sorted(ours.keys() - sql.keys())
    only_sql = sorted(sql.keys() - ours.keys())
    same_date = sum(1 for k in both if ours[k]["pattern_date"] == sql[k])
    print(f"flags: ours {len(ours)}, SQLite {len(sql)}; agree on (cpr, address_id): {len(both)}"
          f" (of these, same pattern date: {same_date}); only ours: {len(only_ours)}; only SQLite: {len(only_sql)}")
    shown = 0
    for k in only_ours:
        if shown == args.show:
            break
        f = ours[k]
        print(f"  only ours:   {k[0]} at {k[1]} pattern {f['pattern_date']} reports {' '.join(f['reports'])}")
        shown += 1
    for k in only_sql:
        if shown == args.show:
            break
        print(f"  only SQLite: {k[0]} at {k[1]} pattern {sql[k]}")
        shown += 1
    for k in sorted(both):
        if shown == args.show:
            break
        if ours[k]["pattern_date"] != sql[k]:
            print(f"  pattern date differs: {k[0]} at {k[1]}: ours {ours[k]['pattern_date']}, SQLite {sql[k]}")
            shown += 1
    print(f"agreement {len(both)} {len(ours)} {len(sql)} {len(only_ours) + len(only_sql)}")
    return 0 if not only_ours and not only_sql and same_date == len(both) else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("load")
    p.add_argument("--index", required=True, help="our database directory (DIR/ours)")
    p.add_argument("--residents", required=True)
    p.add_argument("--out", required=True, help="the SQLite file (replaced)")
    p.add_argument("reports", nargs="+")
    p = sub.add_parser("compare")
    p.add_argument("--ours", required=True, help="socialsoeg screen --json output")
    p.add_argument("--sql", required=True, help="the query's CSV output: cpr,address_id,pattern_date")
    p.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    if args.command == "load":
        load(args)
        return 0
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
