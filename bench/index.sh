#!/usr/bin/env bash
# Indexing benchmark, side by side in one run on the same generated
# reports (~780 bytes each):
#   (a) socialsoeg index --replace-all, default threads (and with --threads 1)
#   (a') socialsoeg index (daily ingestion path: one writer, batched transactions)
#   (b) bench/baseline_xapian_indexer.cc: Xapian TermGenerator + Stem("danish")
#   (c) bench/baseline_lucene_indexer.cc: Lucene++ with its Snowball Danish analyzer
# then the seconds to add 10,000 new reports to the (a) database.
# Prints records/s, MB/s, peak RSS and database size for each.
#   bash bench/index.sh [--size N]      (default 200000; the closing note uses 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
size=200000
while [[ $# -gt 0 ]]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    *) echo "usage: bench/index.sh [--size N]" >&2; exit 1 ;;
  esac
done
bash scripts/build.sh build >/dev/null
bin=build/cli/socialsoeg
out=$(mktemp -d /tmp/socialsoeg-bench-index.XXXXXX)
trap 'rm -rf "$out"' EXIT
build/bench/socialsoeg-sample --out "$out/data" --reports "$size" --seed 90 >/dev/null 2>&1
input=$out/data/reports.jsonl
bytes=$(stat -c %s "$input")
# 10,000 reports that are new to the index: another seed, ids marked as new.
build/bench/socialsoeg-sample --out "$out/daily" --reports 10000 --seed 91 >/dev/null 2>&1
sed 's/"id":"/"id":"NEW-/' "$out/daily/reports.jsonl" > "$out/daily.jsonl"

printf '%-44s %9s %9s %8s %7s %9s %9s\n' "indexer" "records" "seconds" "rec/s" "MB/s" "RSS MB" "DB MB"
row() {  # name db-dir time-file records [input-bytes]
  local seconds rss db bytes=${5:-$bytes}
  seconds=$(awk -F': ' '/Elapsed/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$3")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$3")
  db=$(du -sm "$2" | cut -f1)
  awk -v n="$1" -v r="$4" -v s="$seconds" -v b="$bytes" -v m="$rss" -v d="$db" \
    'BEGIN {printf "%-44s %9d %9.1f %8.0f %7.2f %9d %9d\n", n, r, s, r/s, b/s/1e6, m, d}'
}
timed() { /usr/bin/time -v -o "$1" "${@:2}" >/dev/null; }

timed "$out/a.time" $bin index --db "$out/a" --replace-all "$input"
row "(a) socialsoeg --replace-all, $(nproc) threads" "$out/a" "$out/a.time" "$size"
timed "$out/a1.time" $bin index --db "$out/a1" --replace-all --threads 1 "$input"
row "(a) socialsoeg --replace-all, 1 thread" "$out/a1" "$out/a1.time" "$size"
rm -rf "$out/a1"
timed "$out/ai.time" $bin index --db "$out/ai" "$input"
row "(a') socialsoeg index (daily path)" "$out/ai" "$out/ai.time" "$size"
rm -rf "$out/ai"
timed "$out/b.time" build/bench/socialsoeg-baseline-xapian --db "$out/b" "$input"
row "(b) Xapian TermGenerator baseline" "$out/b" "$out/b.time" "$size"
rm -rf "$out/b"
if [[ -x build/bench/socialsoeg-baseline-lucene ]]; then
  timed "$out/c.time" build/bench/socialsoeg-baseline-lucene --index "$out/c" "$input"
  row "(c) Lucene++ SnowballAnalyzer(danish)" "$out/c" "$out/c.time" "$size"
  rm -rf "$out/c"
else
  echo "(c) Lucene++: not built (install liblucene++-dev libboost-dev)"
fi
timed "$out/d.time" $bin index --db "$out/a" "$out/daily.jsonl"
row "+10,000 new reports into (a)" "$out/a" "$out/d.time" 10000 "$(stat -c %s "$out/daily.jsonl")"
generation=$(awk '{print $2}' "$out/a/XAPIANDB")
xapian-check "$out/a/$generation" >/dev/null && echo "xapian-check: (a) is sound"
echo
echo "Xapian's write path alone, one thread, the first 50,000 documents of (a) prepared in memory:"
build/bench/socialsoeg-bench-xapian-write --from "$out/a" --limit 50000 --scratch "$out/ceiling"
