#!/usr/bin/python3
"""Query bombs: queries built to cost the most, against the CLI and the service.

Each is refused with a clear message or answered, and timed: on the CLI the
whole command (and, for comparison, a plain one-word search: the difference is
what the query costs), on the service the request alone, with the service's
peak memory (VmHWM) before and after. Standard library only.

  bench/query_bombs.py --binary build/cli/socialsoeg --db DIR --user U --password P
"""
import argparse
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request


def bombs():
    prefixes = [a + b + c for a in "bdfghklmnprstv" for b in "aeiou" for c in "lnr"]
    words = []
    n = 0
    i = 0
    while True:
        w = "w%d" % i
        i += 1
        if n + len(w) + 4 > 1000:
            break
        words.append(w)
        n += len(w) + 4
    return [
        ("10,000-term OR", " OR ".join("ord%d" % k for k in range(10000))),
        ("1,000-deep parentheses", "(" * 1000 + "vold" + ")" * 1000),
        ("1 MB query (service only: exec refuses it)", "vold " * 200000),
        ("120 KB query (the most one argument holds)", "vold " * 24000),
        ("the longest OR allowed (1,000 bytes)", " OR ".join(words)),
        ("11-deep parentheses", "(" * 11 + "vold" + ")" * 11),
        ("a wildcard on one letter", "s*"),
        ("60 three-letter wildcards ORed", " OR ".join(p + "*" for p in prefixes[:60])),
        ("a date range of 10,000 years", "date:0001-01-01..9999-12-31"),
        ("every date the reports can have", "date:1900-01-01..2199-12-31"),
        ("a plain word (baseline)", "vold"),
    ]


def run_cli(binary, db, user, password, query):
    env = dict(os.environ, SOCIALSOEG_PASSWORD=password)
    args = [binary, "search", "--db", db, "--user", user, "--purpose", "bench: query bombs", "--limit", "10",
            "--json", query]
    t0 = time.monotonic()
    try:
        p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        out, err = p.communicate()
    except OSError as e:  # an argument longer than the kernel takes (128 KB)
        return time.monotonic() - t0, None, "not run: " + e.strerror
    elapsed = time.monotonic() - t0
    text = err.decode("utf-8", "replace").strip().splitlines()
    what = text[0] if text else "answered"
    if p.returncode == 0:
        try:
            j = json.loads(out.decode("utf-8"))
            what = "answered: %s%d reports" % ("" if j.get("total_exact", True) else "more than ", j.get("total", 0))
        except ValueError:
            what = "answered"
    return elapsed, p.returncode, what


def vm_hwm(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="build/cli/socialsoeg")
    ap.add_argument("--db", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    a = ap.parse_args()

    print("CLI: the whole command (start-up included), exit code and first line of the answer")
    print("%-40s %8s %5s  %s" % ("query", "ms", "exit", "answer"))
    for name, q in bombs():
        elapsed, code, what = run_cli(a.binary, a.db, a.user, a.password, q)
        print("%-40s %8.1f %5s  %s" % (name, elapsed * 1000, code, what[:90]))

    serve = subprocess.Popen([a.binary, "serve", "--db", a.db, "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
    try:
        line = serve.stdout.readline().decode()
        port = int(re.search(r"127\.0\.0\.1:(\d+)", line).group(1))
        base = "http://127.0.0.1:%d" % port
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

        def call(method, path, body=None, headers=None):
            data = json.dumps(body).encode() if body is not None else None
            req = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
            if data is not None:
                req.add_header("Content-Type", "application/json")
            try:
                with opener.open(req, timeout=30) as r:
                    return r.status, json.loads(r.read() or b"{}")
            except urllib.error.HTTPError as e:
                return e.code, json.loads(e.read() or b"{}")

        status, login = call("POST", "/api/login", {"user": a.user, "password": a.password})
        if status != 200:
            sys.exit("login failed: %d %s" % (status, login))
        csrf = {"X-CSRF-Token": login.get("csrf", "")}
        call("POST", "/api/purpose", {"purpose": "bench: query bombs"}, csrf)
        print()
        print("Service: the request alone, and the service's peak memory before and after")
        print("%-40s %8s %6s %9s %9s  %s" % ("query", "ms", "status", "hwm KB", "after KB", "answer"))
        for name, q in bombs():
            before = vm_hwm(serve.pid)
            t0 = time.monotonic()
            status, body = call("GET", "/api/search?" + urllib.parse.urlencode({"q": q}))
            elapsed = time.monotonic() - t0
            after = vm_hwm(serve.pid)
            what = body.get("error", {}).get("problem") if status != 200 else "answered: %s%d reports" % (
                "" if body.get("total_exact", True) else "more than ", body.get("total", 0))
            print("%-40s %8.1f %6d %9d %9d  %s" % (name, elapsed * 1000, status, before, after, str(what)[:80]))
    finally:
        serve.terminate()
        serve.wait()


if __name__ == "__main__":
    main()
