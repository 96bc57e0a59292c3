#!/usr/bin/env bash
# Web service benchmark: `socialsoeg serve` on loopback, loaded by
# wrk with 32 connections (a logged-in session with a purpose, as the page
# has), every request audited — one record per request, fsynced before the
# answer (group commit):
#   1. family lookups (GET /api/family?cpr=…) for >= 500 CPR numbers sampled
#      from the residents: lookups/s, p50/p99 (targets: >= 1,000/s, p99 <= 25 ms)
#   2. searches (GET /api/search?q=…) drawn from a list of report words: p50/p99
#   3. the same lookups through the library call in-process
#      (socialsoeg-bench-family: FamilyLookup::by_cpr + to_json), to show what
#      the service costs
#   and the audit log's records per fsync during the run.
#   bash bench/service.sh [--size N] [--keep DIR] [--duration S] [--connections C] [--no-build]
#       (default 200000 reports; the closing note uses --keep /tmp/sb1m, the 1M data of
#        bench/family_screen.sh, whose layout this shares: DIR/data, DIR/ours)
set -euo pipefail
cd "$(dirname "$0")/.."
size=200000
duration=20
connections=32
build=1
keep=
while [[ $# -gt 0 ]]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: bench/service.sh [--size N] [--keep DIR] [--duration S] [--connections C] [--no-build]" >&2; exit 1 ;;
  esac
done
for tool in wrk curl /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "service.sh: $tool missing (scripts/setup.sh installs it)" >&2; exit 3; }
done
if [[ $build == 1 ]]; then
  if [[ ! -f build/Makefile ]]; then
    mkdir -p build
    (cd build && flock /tmp/socialsoeg-build.lock cmake -DCMAKE_BUILD_TYPE=Release .. >/dev/null)
  fi
  (cd build && flock /tmp/socialsoeg-build.lock make -j2 socialsoeg socialsoeg-sample socialsoeg-bench-family >/dev/null)
fi
bin=build/cli/socialsoeg
if [[ -n $keep ]]; then
  out=$keep
  mkdir -p "$out"
else
  out=$(mktemp -d /tmp/socialsoeg-bench-service.XXXXXX)
fi
db=$out/ours
work=$out/service
mkdir -p "$work"
as_of=2025-06-30
password=bench-service-password

# --- data, index, residents, users (reused when kept) ---------------------------
if [[ ! -s $out/data/reports.jsonl ]]; then
  echo "generating $size reports ..." >&2
  build/bench/socialsoeg-sample --out "$out/data" --reports "$size" --seed 90 >/dev/null 2>&1
fi
if [[ ! -e $db/XAPIANDB ]]; then
  echo "indexing (socialsoeg index --replace-all) ..." >&2
  $bin index --db "$db" --replace-all "$out/data/reports.jsonl" >/dev/null 2>&1
fi
[[ -d $db/residents ]] || $bin residents --db "$db" "$out/data/residents.jsonl" >/dev/null 2>&1
if [[ ! -e $db/access/users.json ]]; then
  echo "$password" | $bin user add --db "$db" "${USER:-$(id -un)}" --role admin --role secretariat --role operator \
    --role auditor --district all --password-stdin >/dev/null
fi
if ! $bin user list --db "$db" --json | grep -q '"name":"bench.officer"'; then
  echo "$password" | $bin user add --db "$db" bench.officer --role patrol --district all --password-stdin >/dev/null
fi
documents=$($bin status --db "$db" --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
echo "== $documents reports in $db; $connections connections, ${duration} s per run, as of $as_of"

# --- 3 first (quiet machine): the library call in-process, and the CPR sample -----
echo
echo "== in-process: FamilyLookup::by_cpr + to_json (socialsoeg-bench-family)"
build/bench/socialsoeg-bench-family --db "$db" --residents "$out/data/residents.jsonl" --count 1000 --as-of "$as_of" \
  --write-sample "$work/cprs.txt" | tee "$work/inprocess.txt"
inproc=$(grep '^figures' "$work/inprocess.txt")
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }

# --- the service -------------------------------------------------------------------
$bin serve --db "$db" --listen 127.0.0.1:0 > "$work/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "listening on" "$work/serve.out" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out")
echo
head -1 "$work/serve.out"
curl -s -c "$work/jar" -H 'Content-Type: application/json' \
  -d "{\"user\":\"bench.officer\",\"password\":\"$password\"}" "$url/api/login" > "$work/login.json"
csrf=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf"])' "$work/login.json")
curl -s -b "$work/jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
  -d '{"purpose":"benchmark (fictional data)"}' "$url/api/purpose" >/dev/null
cookie="socialsoeg_session=$(awk '$6 == "socialsoeg_session" {print $7}' "$work/jar")"

sed "s|.*|/api/family?as_of=$as_of\&cpr=&|" "$work/cprs.txt" > "$work/family.paths"
# Searches: words officers type, with a filter now and then.
/usr/bin/python3 - "$work/search.paths" <<'PY'
import random, sys, urllib.parse
words = ["vold", "spritkørsel", "husspektakel", "trusler", "narkokørsel", "beruset", "skænderi", "kniv", "slag",
         "hash", "børn", "naboer", "anholdt", "promille", "kokain", "selvmord", "bortvisning", "tilhold", "skadestuen",
         "politiet", "samlever", "kæreste", "spiritus", "fuld", "råb"]
filters = ["", "", "", " district:fyn", " date:2024", " concept:vold", " role:sigtet"]
rnd = random.Random(12)
with open(sys.argv[1], "w") as f:
    for _ in range(600):
        q = rnd.choice(words) + (" " + rnd.choice(words) if rnd.random() < 0.3 else "") + rnd.choice(filters)
        f.write("/api/search?q=" + urllib.parse.quote(q) + "\n")
PY
cat > "$work/paths.lua" <<'LUA'
-- Cycles through PATHS (one request path per line) with the session cookie.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local i = math.random(#paths)
wrk.headers["Cookie"] = os.getenv("COOKIE")
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

audit_before=$(wc -l < "$db/audit.log")
health() { curl -s -b "$work/jar" "$url/api/health"; }
run_wrk() {  # NAME PATHS [CONNECTIONS]
  local c=${3:-$connections} t=2
  [[ $c == 1 ]] && t=1
  echo
  echo "== $1: wrk -t$t -c$c -d${duration}s --latency"
  PATHS=$2 COOKIE=$cookie wrk -t"$t" -c"$c" -d"${duration}s" --latency -s "$work/paths.lua" "$url" | tee "$work/$1.wrk"
}
# warm the caches, then measure
PATHS=$work/family.paths COOKIE=$cookie wrk -t2 -c8 -d3s -s "$work/paths.lua" "$url" >/dev/null
PATHS=$work/search.paths COOKIE=$cookie wrk -t2 -c8 -d3s -s "$work/paths.lua" "$url" >/dev/null
run_wrk family "$work/family.paths"
run_wrk search "$work/search.paths"
run_wrk search1 "$work/search.paths" 1   # one officer at a time: latency without queueing on two cores
kill -TERM $server
wait $server || true
trap - EXIT
audit_after=$(wc -l < "$db/audit.log")

ms() {  # wrk latency value (e.g. 812.00us, 3.21ms, 1.02s) -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
pct() { ms "$(awk -v p="$2" '$1 == p {print $2}' "$work/$1.wrk")"; }
rps() { awk '/^Requests\/sec/ {printf "%.0f", $2}' "$work/$1.wrk"; }
errors() { awk '/Non-2xx/ {print $NF; found=1} END {if (!found) print 0}' "$work/$1.wrk"; }
requests() { awk '/requests in/ {print $1}' "$work/$1.wrk"; }
le() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a <= b)}'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a >= b)}'; }
audited=$((audit_after - audit_before))
served=$(( $(requests family) + $(requests search) + $(requests search1) ))

echo
echo "== results ($documents reports, $connections connections, every request audited and fsynced)"
printf '%-46s %14s %14s %s\n' figure value target verdict
printf '%-46s %14s %14s %s\n' "family lookups/s" "$(rps family)" ">= 1000" "$(ge "$(rps family)" 1000 && echo ok || echo MISSED)"
printf '%-46s %14s %14s %s\n' "family p50 (ms)" "$(pct family 50%)" "-" info
printf '%-46s %14s %14s %s\n' "family p99 (ms)" "$(pct family 99%)" "<= 25" "$(le "$(pct family 99%)" 25 && echo ok || echo MISSED)"
printf '%-46s %14s %14s %s\n' "family non-2xx answers" "$(errors family)" "0" "$([[ $(errors family) == 0 ]] && echo ok || echo MISSED)"
printf '%-46s %14s %14s %s\n' "searches/s" "$(rps search)" "-" info
printf '%-46s %14s %14s %s\n' "search p50 (ms)" "$(pct search 50%)" "-" info
printf '%-46s %14s %14s %s\n' "search p99 (ms)" "$(pct search 99%)" "-" info
printf '%-46s %14s %14s %s\n' "search non-2xx answers" "$(errors search)" "0" "$([[ $(errors search) == 0 ]] && echo ok || echo MISSED)"
printf '%-46s %14s %14s %s\n' "search, 1 connection: p50 (ms)" "$(pct search1 50%)" "-" info
printf '%-46s %14s %14s %s\n' "search, 1 connection: p99 (ms)" "$(pct search1 99%)" "-" info
printf '%-46s %14s %14s %s\n' "in-process by_cpr p50 (ms)" "$(field "$inproc" p50_ms)" "-" info
printf '%-46s %14s %14s %s\n' "in-process by_cpr p99 (ms)" "$(field "$inproc" p99_ms)" "-" info
printf '%-46s %14s %14s %s\n' "audit records written during the runs" "$audited" ">= $served" "$(ge "$audited" "$served" && echo ok || echo MISSED)"
stopped=$(grep 'stopped;' "$work/serve.out" || true)
echo "$stopped"
records=$(echo "$stopped" | awk '{for (i=1;i<=NF;i++) if ($i=="audit") print $(i-1)}')
fsyncs=$(echo "$stopped" | awk '{for (i=1;i<=NF;i++) if ($i=="fsyncs") print $(i-1)}')
[[ -n $records && -n $fsyncs && $fsyncs != 0 ]] &&
  printf '%-46s %14s %14s %s\n' "audit records per fsync (group commit)" "$(awk -v r="$records" -v f="$fsyncs" 'BEGIN {printf "%.1f", r/f}')" "-" info
