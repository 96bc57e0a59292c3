#!/usr/bin/python3
"""How well the analyzer conflates and splits real Danish word forms.

Data: bench/data/ud-ddt-dev-forms.tsv, the word forms (lower-cased) with lemma and
UPOS of the development split of the Universal Dependencies Danish treebank,
UD_Danish-DDT (da_ddt-ud-dev.conllu), licence CC BY-SA 4.0.

Every distinct form is analysed twice by `socialsoeg analyze --json -`, as the
index analyses it and (with --query) as a query is analysed. A search for form A
"finds" form B when every query position of A has a term among B's index terms
(for a form of one word: A's query terms intersect B's index terms). Measured:

1. Conflation recall: over all unordered pairs of distinct forms with the same
   (lemma, UPOS), the share where a search for either form finds the other (the
   headline), and where each finds the other; both again with B's compound parts
   (extra == "part") left out of its index terms. The missed pairs are listed.
2. False conflations: ordered pairs (A, B) of forms with no lemma in common where
   a search for A finds B, in all and through a compound part of B only (B is not
   found without its parts: a search for `bil` finding `billeder`).
3. Split forms: forms whose index terms include compound parts, with the parts.
4. Wrong-split rate: a random sample (fixed, printed seed: --seed) of the split
   forms checked against the hand verdicts in
   bench/data/treebank-split-verdicts.tsv (form, parts as the analyzer gives them,
   ok|wrong, reason). A verdict counts only while the parts are still the
   analyzer's parts; sampled splits without one are listed, and
   --write-unchecked FILE writes them in the verdict file's format to fill in.

Run with /usr/bin/python3 (standard library only), or through bench/treebank.sh:
  bench/treebank.py [--binary build/cli/socialsoeg] [--seed N] [--sample 200]
                    [--json] [--write-unchecked FILE] [--list-splits] [--show 40]
"""
import argparse
import bisect
import collections
import json
import os
import random
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.join(ROOT, "bench", "data", "ud-ddt-dev-forms.tsv")
DEFAULT_VERDICTS = os.path.join(ROOT, "bench", "data", "treebank-split-verdicts.tsv")
DEFAULT_BINARY = os.path.join(ROOT, "build", "cli", "socialsoeg")
DEFAULT_SEED = 20261207

VERDICT_HEADER = """\
# What: hand-checked compound splits of treebank word forms, by Socialsøg's developers
# Source: word forms of bench/data/ud-ddt-dev-forms.tsv (UD_Danish-DDT dev split) as split by Socialsøg's analyzer
# Licence: CC BY-SA 4.0 (derived from UD_Danish-DDT)
# Columns: form<TAB>parts (space-separated, as the analyzer gives them)<TAB>verdict ok|wrong<TAB>reason
"""


def load_forms(path):
    """The data file -> list of (form, lemma, upos, count)."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            form, lemma, upos, count = line.split("\t")
            rows.append((form, lemma, upos, int(count)))
    return rows


def run_analyze(binary, words, query):
    """Analyse `words`, one per line, in one call -> list (per word) of term lists,
    or None for a word whose terms do not lie inside its own line."""
    text = "".join(w + "\n" for w in words).encode("utf-8")
    args = [binary, "analyze", "--json"] + (["--query"] if query else []) + ["-"]
    out = subprocess.run(args, input=text, stdout=subprocess.PIPE, check=True).stdout
    terms = json.loads(out.decode("utf-8"))["terms"]
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w.encode("utf-8")) + 1
    per_word = [[] for _ in words]
    bad = set()
    for t in terms:
        i = bisect.bisect_right(starts, t["start"]) - 1
        if i < 0 or t["end"] > starts[i] + len(words[i].encode("utf-8")):
            bad.add(max(i, 0))
        per_word[i].append(t)
    return [None if i in bad else ts for i, ts in enumerate(per_word)]


def analyze_all(binary, words, query):
    """Words of letters only in one call; any other word (hyphens, digits, dots:
    a hanging hyphen borrows the next line's head, a protected token could span
    lines) and any word whose terms left its line, on its own."""
    plain = [w for w in words if w.isalpha()]
    result = dict(zip(plain, run_analyze(binary, plain, query))) if plain else {}
    for w in words:
        if result.get(w) is None:
            result[w] = run_analyze(binary, [w], query)[0] or []
    return result


class Form:
    __slots__ = ("form", "lemmas", "upos", "count", "index", "own", "parts", "query")

    def __init__(self, form):
        self.form, self.lemmas, self.upos, self.count = form, set(), set(), 0


def index_terms(terms):
    own, parts, ordered_parts = set(), set(), []
    for t in terms:
        if t.get("extra") == "part":
            parts.add(t["term"])
            if t["term"] not in ordered_parts:
                ordered_parts.append(t["term"])
        else:
            own.add(t["term"])
    return own, parts, ordered_parts


def query_positions(terms):
    """Query terms -> list of term sets, one per position; stopword-only positions
    are left out unless the query has nothing else (docs/search.md)."""
    by_pos = collections.OrderedDict()
    stop = collections.defaultdict(bool)
    for t in terms:
        by_pos.setdefault(t["position"], set()).add(t["term"])
        stop[t["position"]] = stop[t["position"]] or bool(t.get("stopword"))
    content = [s for p, s in by_pos.items() if not stop[p]]
    return content or list(by_pos.values())


def finds(query, terms):
    """Does a query (term sets per position) match a form's index terms?"""
    return bool(query) and all(alts & terms for alts in query)


def postings_hit(query, postings):
    """The forms (ids) a query finds, through an inverted index term -> ids."""
    hit = None
    for alts in query:
        ids = set()
        for t in alts:
            ids |= postings.get(t, set())
        hit = ids if hit is None else hit & ids
        if not hit:
            return set()
    return hit or set()


def fmt_query(f):
    return " ".join("|".join(sorted(a)) for a in f.query) or "-"


def fmt_index(f):
    s = " ".join(sorted(f.own)) or "-"
    if f.parts:
        s += " + parts " + " ".join(f.parts)
    return s


def load_verdicts(path):
    """form -> (parts string, verdict, reason)."""
    verdicts = {}
    if not os.path.exists(path):
        return verdicts
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t") + ["", "", ""]
            form, parts, verdict, reason = (c.strip() for c in cols[:4])
            if verdict not in ("", "ok", "wrong"):
                sys.exit("%s:%d: verdict must be ok, wrong or empty, not %r" % (path, n, verdict))
            verdicts[form] = (" ".join(parts.split()), verdict, reason)
    return verdicts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=DEFAULT_BINARY, help="the socialsoeg program")
    ap.add_argument("--data", default=DEFAULT_DATA, help="the treebank forms (TSV)")
    ap.add_argument("--verdicts", default=DEFAULT_VERDICTS, help="the hand-checked splits (TSV)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the split sample")
    ap.add_argument("--sample", type=int, default=200, help="size of the split sample")
    ap.add_argument("--show", type=int, default=40, help="how many missed pairs / false conflations to list")
    ap.add_argument("--list-splits", action="store_true", help="list every split form with its parts")
    ap.add_argument("--write-unchecked", metavar="FILE",
                    help="write the sampled splits that have no verdict, to fill in by hand")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = ap.parse_args()

    t0 = time.time()
    rows = load_forms(a.data)
    forms = collections.OrderedDict()
    for form, lemma, upos, count in rows:
        f = forms.setdefault(form, Form(form))
        f.lemmas.add(lemma)
        f.upos.add(upos)
        f.count += count
    words = list(forms)
    idx = analyze_all(a.binary, words, query=False)
    qry = analyze_all(a.binary, words, query=True)
    flist = list(forms.values())
    for f in flist:
        f.index = idx[f.form]
        f.own, f.parts, parts_ordered = index_terms(f.index)
        f.parts = parts_ordered
        f.query = query_positions(qry[f.form])
    allterms = [f.own | set(f.parts) for f in flist]
    no_terms = [f.form for f in flist if not f.index]

    # 1. Conflation recall over pairs of distinct forms with the same (lemma, UPOS).
    groups = collections.defaultdict(set)
    for form, lemma, upos, _ in rows:
        groups[(lemma, upos)].add(form)
    pos_of = {f.form: i for i, f in enumerate(flist)}
    pairs = either = both = either_own = both_own = 0
    missed, missed_own = [], []
    for (lemma, upos), members in sorted(groups.items()):
        members = sorted(members)
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                x, y = pos_of[members[i]], pos_of[members[j]]
                A, B = flist[x], flist[y]
                ab, ba = finds(A.query, allterms[y]), finds(B.query, allterms[x])
                ab_own, ba_own = finds(A.query, B.own), finds(B.query, A.own)
                pairs += 1
                either += ab or ba
                both += ab and ba
                either_own += ab_own or ba_own
                both_own += ab_own and ba_own
                if not (ab or ba):
                    missed.append((lemma, upos, A, B))
                elif not (ab_own or ba_own):
                    missed_own.append((lemma, upos, A, B))

    # 2. False conflations through an inverted index term -> forms.
    post_all, post_own = collections.defaultdict(set), collections.defaultdict(set)
    for i, f in enumerate(flist):
        for t in allterms[i]:
            post_all[t].add(i)
        for t in f.own:
            post_own[t].add(i)
    false_all, false_part = 0, []
    for i, A in enumerate(flist):
        hit = postings_hit(A.query, post_all)
        if not hit:
            continue
        own_hit = postings_hit(A.query, post_own)
        for j in hit:
            if j == i or A.lemmas & flist[j].lemmas:
                continue
            false_all += 1
            if j not in own_hit:
                false_part.append((A, flist[j]))
    false_part.sort(key=lambda p: (-min(p[0].count, p[1].count), p[0].form, p[1].form))
    part_reached = len({B.form for _, B in false_part})

    # 3. Split forms.
    split = sorted(f.form for f in flist if f.parts)
    by_upos = {}
    for u in ("NOUN", "ADJ", "VERB", "ADV"):
        tot = [f for f in flist if u in f.upos]
        by_upos[u] = (sum(1 for f in tot if f.parts), len(tot))
    nav = [f for f in flist if f.upos & {"NOUN", "ADJ", "VERB"}]
    nav_split = sum(1 for f in nav if f.parts)

    # 4. Wrong-split rate on a sample, against the hand verdicts.
    rng = random.Random(a.seed)
    sample = sorted(rng.sample(split, min(a.sample, len(split))))
    verdicts = load_verdicts(a.verdicts)
    checked, wrong, unchecked = 0, [], []
    for form in sample:
        parts = " ".join(forms[form].parts)
        v = verdicts.get(form)
        if v and v[0] == parts and v[1]:
            checked += 1
            if v[1] == "wrong":
                wrong.append((form, parts, v[2]))
        else:
            unchecked.append((form, parts, v))
    def judged(form):
        v = verdicts.get(form)
        return v[1] if v and v[1] and v[0] == " ".join(forms[form].parts) else None
    part_judged = collections.Counter(judged(B.form) or "none" for _, B in false_part)
    all_checked = all_wrong = 0
    for form in split:
        v = verdicts.get(form)
        if v and v[0] == " ".join(forms[form].parts) and v[1]:
            all_checked += 1
            all_wrong += v[1] == "wrong"
    if a.write_unchecked:
        with open(a.write_unchecked, "w", encoding="utf-8") as out:
            out.write(VERDICT_HEADER)
            out.write("# Unchecked splits of the sample (seed %d, %d of %d split forms); fill in verdict and reason\n"
                      % (a.seed, len(sample), len(split)))
            for form, parts, old in unchecked:
                if old:
                    out.write("# was: %s\t%s\t%s\t%s\n" % (form, old[0], old[1], old[2]))
                out.write("%s\t%s\t\t\n" % (form, parts))
    elapsed = time.time() - t0

    pct = lambda n, d: 100.0 * n / d if d else 0.0
    figures = {
        "analyzer": None,
        "forms": len(flist), "rows": len(rows), "forms_without_terms": len(no_terms),
        "conflation": {"pairs": pairs, "either": either, "both": both,
                       "recall_either": pct(either, pairs), "recall_both": pct(both, pairs),
                       "own_terms_either": either_own, "own_terms_both": both_own,
                       "own_recall_either": pct(either_own, pairs), "own_recall_both": pct(both_own, pairs),
                       "missed": [{"lemma": l, "upos": u, "a": A.form, "b": B.form} for l, u, A, B in missed]},
        "false_conflations": {"pairs": false_all, "through_part_only": len(false_part),
                              "forms_reached_through_part": part_reached,
                              "through_part_by_verdict": {k: part_judged[k] for k in ("wrong", "ok", "none")},
                              "examples_through_part": [
                                  {"query": A.form, "found": B.form, "via": sorted(set().union(*A.query) & set(B.parts))}
                                  for A, B in false_part[:a.show]]},
        "splits": {"forms": len(split), "share": pct(len(split), len(flist)),
                   "noun_adj_verb": nav_split, "noun_adj_verb_forms": len(nav),
                   "share_noun_adj_verb": pct(nav_split, len(nav)),
                   "by_upos": {u: {"split": s, "forms": n, "share": pct(s, n)} for u, (s, n) in by_upos.items()},
                   "parts": {form: forms[form].parts for form in split}},
        "wrong_split_sample": {"seed": a.seed, "size": len(sample), "checked": checked, "wrong": len(wrong),
                               "rate": (len(wrong) / checked) if checked else None,
                               "rate_percent": pct(len(wrong), checked) if checked else None,
                               "wrong_splits": [{"form": f, "parts": p, "reason": r} for f, p, r in wrong],
                               "unchecked": [{"form": f, "parts": p} for f, p, _ in unchecked],
                               "all_split_forms_checked": all_checked, "all_split_forms_wrong": all_wrong},
        "seconds": round(elapsed, 2),
    }
    try:
        head = subprocess.run([a.binary, "analyze", "--json", "x"], stdout=subprocess.PIPE, check=True).stdout
        figures["analyzer"] = json.loads(head.decode("utf-8")).get("analyzer")
    except (OSError, subprocess.CalledProcessError, ValueError):
        pass
    if a.json:
        json.dump(figures, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return

    p = print
    p("Treebank benchmark: UD_Danish-DDT dev split (CC BY-SA 4.0), %d distinct forms (%d form/lemma/UPOS rows)"
      % (len(flist), len(rows)))
    p("Analyzer: %s" % figures["analyzer"])
    p("Forms without any term: %d" % len(no_terms))
    p("")
    p("1. Conflation recall over %d pairs of distinct forms with the same lemma and UPOS" % pairs)
    p("   either direction finds the other: %5.1f%%  (%d)" % (pct(either, pairs), either))
    p("   both directions:                  %5.1f%%  (%d)" % (pct(both, pairs), both))
    p("   own terms only (no parts): either %5.1f%%  (%d), both %5.1f%%  (%d)"
      % (pct(either_own, pairs), either_own, pct(both_own, pairs), both_own))
    p("   missed pairs (%d; first %d)  lemma/UPOS: form [query terms | index terms]" % (len(missed), min(a.show, len(missed))))
    for lemma, upos, A, B in missed[:a.show]:
        p("     %s/%s: %s [%s | %s]  ~  %s [%s | %s]" % (lemma, upos, A.form, fmt_query(A), fmt_index(A),
                                                    B.form, fmt_query(B), fmt_index(B)))
    if missed_own:
        p("   found only through a compound part (%d): %s" % (
            len(missed_own), ", ".join("%s~%s" % (A.form, B.form) for _, _, A, B in missed_own[:a.show])))
    p("")
    p("2. False conflations (a search for A finds B, A and B share no lemma): %d ordered pairs" % false_all)
    p("   through a compound part of B only: %d pairs, reaching %d forms" % (len(false_part), part_reached))
    p("   of these, to a form whose split is judged wrong %d, ok %d, not judged %d (verdicts file)"
      % (part_judged["wrong"], part_judged["ok"], part_judged["none"]))
    p("   examples (query -> found form: via part; most frequent first; [verdict on the split])")
    for A, B in false_part[:a.show]:
        via = sorted(set().union(*A.query) & set(B.parts))
        p("     %-16s -> %-24s via %-10s (parts: %s) [%s]" % (A.form, B.form, " ".join(via), " ".join(B.parts),
                                                            judged(B.form) or "?"))
    p("")
    p("3. Split forms (index terms include parts): %d of %d forms (%.1f%%); of NOUN/ADJ/VERB forms %d of %d (%.1f%%)"
      % (len(split), len(flist), pct(len(split), len(flist)), nav_split, len(nav), pct(nav_split, len(nav))))
    p("   " + ", ".join("%s %d/%d (%.1f%%)" % (u, s, n, pct(s, n)) for u, (s, n) in by_upos.items()))
    if a.list_splits:
        for form in split:
            p("     %s\t%s" % (form, " ".join(forms[form].parts)))
    p("")
    p("4. Wrong-split rate: sample of %d split forms, seed %d (--seed), verdicts %s"
      % (len(sample), a.seed, os.path.relpath(a.verdicts)))
    if checked:
        p("   checked %d of %d, wrong %d (rate %.1f%%)" % (checked, len(sample), len(wrong), 100.0 * len(wrong) / checked))
    else:
        p("   checked 0 of %d" % len(sample))
    for form, parts, reason in wrong[:a.show]:
        p("     wrong: %-22s %-28s %s" % (form, parts, reason))
    if len(wrong) > a.show:
        p("     ... %d more wrong (--show N, or --json)" % (len(wrong) - a.show))
    if unchecked:
        p("   unchecked (%d; no verdict for these parts; --write-unchecked FILE writes them):" % len(unchecked))
        for form, parts, old in unchecked:
            p("     %-22s %s%s" % (form, parts, "   (verdict was for: %s)" % old[0] if old and old[0] != parts else ""))
    p("   all split forms with a current verdict: %d of %d, wrong %d" % (all_checked, len(split), all_wrong))
    if a.write_unchecked:
        p("   wrote %d unchecked splits to %s" % (len(unchecked), a.write_unchecked))
    p("")
    p("(%.1f s)" % elapsed)


if __name__ == "__main__":
    main()
