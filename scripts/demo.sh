#!/usr/bin/env bash
# README command 1: install what is needed, build, and run the main job on
# generated sample data. Today that is: generate a realistic sample (reports,
# residents, planted screening truth), show how the Danish analyzer reads
# report sentences, index the reports and residents into a database (out/db),
# search it, look up a family, run the weekly screening with draft
# socialrapporter, a saved search, users and the audit log, and how to start
# the officer web page on it.
#   sudo bash scripts/demo.sh [REPORTS]      (default 20000 reports)
set -euo pipefail
cd "$(dirname "$0")/.."
reports=${1:-20000}
bash scripts/setup.sh
bash scripts/build.sh build
bin=build/cli/socialsoeg
out=out/sample

echo
echo "== 1. Sample data: $reports synthetic reports and their households (fictional)"
build/bench/socialsoeg-sample --out "$out" --reports "$reports" --seed 2026
ls -l "$out"
echo
echo "One report:"
head -n 1 "$out/reports.jsonl"
echo
echo "Planted screening truth: $(grep -c '"address_id"' "$out/truth.json") flags expected, first one:"
/usr/bin/python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); print(json.dumps(t["flags"][0], ensure_ascii=False))' "$out/truth.json"

echo
echo "== 2. How the analyzer reads report text (socialsoeg analyze)"
"$bin" analyze "Kl. 02.05 blev en 44-årig kvinde fra Hjoerring sigtet for spritkørslen, jf. § 53; promille på 1,30."
echo
"$bin" analyze "Anmelder (tlf. 22 33 44 55) så bilen AB 12 345 den 18.04.2024. CPR 010190-1234."
echo
echo "Query side, as JSON:"
"$bin" analyze --query --json "Aalborg paragraf 266"
echo
echo "Concept mentions with negation:"
"$bin" analyze "Der var ingen tegn på vold, men han var stærkt beruset. Det regnede voldsomt." | sed -n "/^concepts/,\$p"
echo
echo "== 3. Index the reports and load the residents (socialsoeg index, socialsoeg residents)"
rm -rf out/db
# Who may read what (docs/access.md): the first user is an admin; here the
# login user gets every role so that the demo can show everything.
me=${USER:-$(id -un)}
echo "demo-password-$RANDOM$RANDOM" | "$bin" user add --db out/db "$me" --role admin --role secretariat \
  --role operator --role auditor --district all --password-stdin
"$bin" index --db out/db --replace-all "$out/reports.jsonl"
"$bin" residents --db out/db "$out/residents.jsonl"
echo
echo "A day's new reports, one of them broken (rejected with file:line, kept in a rejects file, exit code 2):"
head -n 3 "$out/reports.jsonl" | sed 's/"id":"/"id":"NEW-/' > out/daily.jsonl
echo '{"id":"NEW-BAD","source":"døgnrapport","district":"fyn","occurred":"2024-02-30","text":"x"}' >> out/daily.jsonl
"$bin" index --db out/db out/daily.jsonl || echo "(exit code $?)"
echo "out/daily.jsonl.rejects: $(cat out/daily.jsonl.rejects)"
echo
echo "== 4. Search (socialsoeg search): a word finds its inflections, compounds and synonyms; filters restrict"
"$bin" search --db out/db --purpose "demo" --limit 3 'spritkørsel district:fyn'
echo
"$bin" search --db out/db --purpose "demo" --limit 2 --sort date 'concept:husspektakel date:2024'
echo
echo "A mistyped query names the place and the likely meaning (exit code 1):"
"$bin" search --db out/db --purpose "demo" 'vold concept:husspektakkel' || echo "(exit code $?)"
echo
echo "== 5. Family lookup at the door (socialsoeg family): who lives there, and each adult's history"
subject=$(/usr/bin/python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); print(t["flags"][0]["cpr"])' "$out/truth.json")
"$bin" family --db out/db --purpose "demo: patrulje" --cpr "$subject" --as-of 2025-12-31 | head -n 30
echo
echo "== 6. The weekly screening (socialsoeg screen) as of 2025-12-31, with draft socialrapporter"
rm -rf out/drafts
"$bin" screen --db out/db --purpose "demo: ugentlig screening" --as-of 2025-12-31 --report out/drafts > out/screen.txt
head -n 12 out/screen.txt
echo "..."
echo "$(grep -c ' at A-' out/screen.txt) flags; the generator planted $(grep -c '"address_id"' "$out/truth.json") (the rule on its hand-tagged concepts)."
first_draft=$(ls out/drafts/*.md | head -n 1)
echo "First draft, $first_draft (and the same as .html):"
head -n 28 "$first_draft"
echo
echo "A saved search, run twice: the second run shows only what is new"
"$bin" saved rm --db out/db demo-vold >/dev/null 2>&1 || true
"$bin" saved add --db out/db demo-vold 'concept:partnervold district:fyn' --description "partnervold på Fyn"
"$bin" saved run --db out/db demo-vold --purpose demo --limit 1 | head -n 4
"$bin" saved run --db out/db demo-vold --purpose demo --new
echo
echo "== 7. Who may see what (docs/access.md): roles, districts, the audit log"
echo "A patrol officer of Fyn (socialsoeg user add); the password is shown once:"
"$bin" user add --db out/db demo.fyn --role patrol --district fyn | sed 's/: .*/: (hidden in the demo)/'
echo "demo-fyn-password" | "$bin" user passwd --db out/db demo.fyn --password-stdin
echo "The same search as all districts, then as demo.fyn (Fyn's reports only):"
"$bin" search --db out/db --purpose "demo" --limit 1 'spritkørsel' | head -n 1
SOCIALSOEG_PASSWORD=demo-fyn-password "$bin" search --db out/db --user demo.fyn --purpose "demo" --limit 1 'spritkørsel' | head -n 1
echo "demo.fyn may not run the screening (exit code 4, and the denial is logged):"
SOCIALSOEG_PASSWORD=demo-fyn-password "$bin" screen --db out/db --user demo.fyn --purpose demo || echo "(exit code $?)"
echo "The auditor's view: every lookup of the first flagged person (CPR numbers are keyed hashes in the log):"
"$bin" audit search --db out/db --person "$subject"
"$bin" audit verify --db out/db
echo
echo "The database (socialsoeg status) and the audit log's last line:"
"$bin" status --db out/db
tail -n 1 out/db/audit.log
echo
echo "== 8. The officer web page (socialsoeg serve; docs/service.md)"
echo "A demo user for the page, with a one-time password made now and shown only here:"
"$bin" user add --db out/db demo.betjent --role patrol --role secretariat --district all
echo
echo "Start the page on the sample data with:"
echo "    build/cli/socialsoeg serve --db out/db"
echo "then open http://127.0.0.1:8080 in a browser on this machine and log in as demo.betjent"
echo "with the password above (change it with: build/cli/socialsoeg user passwd --db out/db demo.betjent)."
echo
echo "Done. Next: socialsoeg --help"
