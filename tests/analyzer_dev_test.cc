// The analyzer on the labelled Danish dev set (tests/data/dev): analyzer
// pairs and term queries, measured by term overlap alone (no index): a query
// meets a report when every query word has a term among the report's
// index-side terms. Prints the figures next to plain Snowball's (Xapian's
// TermGenerator with Stem("danish")), and fails under the floors below.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "analyzer_test_support.h"

using socialsoeg::analysis::Side;
using socialsoeg::analysis::Token;

namespace {

const std::string kDev = std::string(SOCIALSOEG_TEST_DATA) + "/dev/";

struct DevReport {
  std::string id, text;
};

std::vector<DevReport> dev_reports() {
  std::vector<DevReport> out;
  std::ifstream in(kDev + "reports.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    out.push_back({j["id"], j.value("title", std::string()) + "\n" + j["text"].get<std::string>()});
  }
  return out;
}

// A way of turning text into index terms and a query into groups of
// alternatives (one group per query word; a report must meet every group).
struct Scheme {
  std::function<std::set<std::string>(const std::string&)> index;
  std::function<std::vector<std::set<std::string>>(const std::string&)> query;
};

Scheme ours() {
  const auto& a = socialsoeg::test::analyzer();
  return {[&a](const std::string& text) {
            std::set<std::string> terms;
            for (const auto& t : a.analyze(text, Side::kIndex)) terms.insert(t.term);
            return terms;
          },
          [&a](const std::string& q) {
            std::vector<std::set<std::string>> groups;
            uint32_t position = 0;
            for (const auto& t : a.analyze(q, Side::kQuery)) {
              if (t.stopword) continue;
              if (t.position != position || groups.empty()) groups.emplace_back();
              position = t.position;
              groups.back().insert(t.term);
              // Synonyms and word families; a multi-word member is written
              // as its terms joined by '+', met when all of them are there.
              for (const auto& e : a.expansions(t.term)) {
                std::string joined;
                for (const auto& x : e.terms) joined += (joined.empty() ? "" : "+") + x;
                groups.back().insert(joined);
              }
            }
            return groups;
          }};
}

Scheme snowball() {
  auto terms_of = [](const std::string& text) {
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("danish"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(text);
    std::vector<std::string> out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) out.push_back(*it);
    return out;
  };
  return {[terms_of](const std::string& text) {
            const auto v = terms_of(text);
            return std::set<std::string>(v.begin(), v.end());
          },
          [terms_of](const std::string& q) {
            std::vector<std::set<std::string>> groups;
            for (const auto& t : terms_of(q)) groups.push_back({t});
            return groups;
          }};
}

bool meets(const std::vector<std::set<std::string>>& groups, const std::set<std::string>& terms) {
  if (groups.empty()) return false;
  for (const auto& g : groups) {
    bool any = false;
    for (const auto& t : g) {
      bool all = true;
      for (size_t start = 0; start <= t.size() && all;) {
        size_t plus = t.find('+', start);
        if (plus == std::string::npos || plus == 0) plus = t.size();
        all = terms.count(t.substr(start, plus - start)) > 0;
        start = plus + 1;
      }
      any = any || all;
    }
    if (!any) return false;
  }
  return true;
}

struct PairFigures {
  int right = 0, total = 0;
  std::vector<std::string> wrong, one_way;
};

PairFigures pairs(const Scheme& s, const std::string& path = kDev + "analyzer_pairs.tsv") {
  PairFigures f;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    const std::string a = line.substr(0, t1), b = line.substr(t1 + 1, t2 - t1 - 1), want = line.substr(t2 + 1);
    const bool ab = meets(s.query(a), s.index(b)), ba = meets(s.query(b), s.index(a));
    // "match": a search for one form finds the other. For a compound and its
    // part that holds one way only — the index splits compounds, the query
    // side never does (docs/contract.md §4) — so one direction is required;
    // "nomatch": neither way.
    const bool ok = want == "match" ? (ab || ba) : (!ab && !ba);
    if (want == "match" && !(ab && ba)) f.one_way.push_back(a + "/" + b);
    ++f.total;
    if (ok) {
      ++f.right;
    } else {
      f.wrong.push_back(a + "/" + b + " (" + want + ")");
    }
  }
  return f;
}

struct TermFigures {
  int found = 0, relevant = 0, false_hits = 0, queries = 0;
  std::vector<std::string> notes;
};

TermFigures term_queries(const Scheme& s, const std::vector<DevReport>& reports) {
  std::vector<std::set<std::string>> index;
  for (const auto& r : reports) index.push_back(s.index(r.text));
  TermFigures f;
  std::ifstream in(kDev + "queries.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    const auto q = nlohmann::json::parse(line);
    if (q["kind"] != "term") continue;
    ++f.queries;
    const std::set<std::string> relevant(q["relevant"].begin(), q["relevant"].end());
    const std::set<std::string> neutral(q["neutral"].begin(), q["neutral"].end());
    const auto groups = s.query(q["query"]);
    int found = 0, wrong = 0;
    for (size_t i = 0; i < reports.size(); ++i) {
      const bool hit = meets(groups, index[i]);
      if (relevant.count(reports[i].id)) {
        found += hit;
      } else if (hit && !neutral.count(reports[i].id)) {
        ++wrong;
      }
    }
    f.found += found;
    f.relevant += static_cast<int>(relevant.size());
    f.false_hits += wrong;
    if (found < static_cast<int>(relevant.size()) || wrong > 0)
      f.notes.push_back(q["query"].get<std::string>() + " " + std::to_string(found) + "/" +
                        std::to_string(relevant.size()) + " +" + std::to_string(wrong));
  }
  return f;
}

}  // namespace

TEST_CASE("analyzer on the dev set: pairs and term queries, next to plain Snowball", "[analyzer][dev]") {
  const auto reports = dev_reports();
  REQUIRE(reports.size() >= 100);
  const auto our_pairs = pairs(ours()), base_pairs = pairs(snowball());
  const auto our_terms = term_queries(ours(), reports), base_terms = term_queries(snowball(), reports);
  std::cout << "analyzer pairs: ours " << our_pairs.right << "/" << our_pairs.total << ", Snowball "
            << base_pairs.right << "/" << base_pairs.total << "\n";
  for (const auto& w : our_pairs.wrong) std::cout << "  ours wrong: " << w << "\n";
  for (const auto& w : our_pairs.one_way) std::cout << "  ours one way only (compound and part): " << w << "\n";
  std::cout << "term queries (" << our_terms.queries << "): ours recall " << our_terms.found << "/"
            << our_terms.relevant << ", non-relevant hits " << our_terms.false_hits << "; Snowball recall "
            << base_terms.found << "/" << base_terms.relevant << ", non-relevant hits " << base_terms.false_hits
            << "\n";
  for (const auto& n : our_terms.notes) std::cout << "  ours: " << n << "\n";
  CHECK(our_pairs.right == our_pairs.total);
  // Floors ("nearly all, and nearly nothing wrong"); today 276/276 and 0.
  CHECK(our_terms.found >= 0.97 * our_terms.relevant);
  CHECK(our_terms.false_hits <= 3);
  // The comparison is only meaningful if the baseline is what we think it is.
  CHECK(base_terms.found < our_terms.found);
}

TEST_CASE("analyzer on pairs the dev set does not have: other police words, their forms and their traps",
          "[analyzer][pairs]") {
  // tests/data/analyzer_pairs_probe.tsv: written for Socialsøg in the dev
  // set's format — inflections and irregular forms of other words of police
  // reports, spelling variants of other places, compounds whose part means
  // something else ("fuldtid" is no "fuld", "ruskind" no "rus").
  const auto probe = pairs(ours(), std::string(SOCIALSOEG_TEST_DATA) + "/analyzer_pairs_probe.tsv");
  std::cout << "analyzer pairs (probe): " << probe.right << "/" << probe.total << "\n";
  for (const auto& w : probe.wrong) std::cout << "  wrong: " << w << "\n";
  CHECK(probe.total >= 60);
  CHECK(probe.right == probe.total);
}

struct ConceptFigures {
  int tp = 0, fp = 0, fn = 0, polarity_right = 0, polarity_total = 0;
  std::map<std::string, int> errors;  // "extra vold", "missed stoffer", "polarity trusler" -> count
  std::vector<std::string> notes;
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
};

// Per report and concept: the label's polarity (affirmed wins when a report
// has both) against the analyzer's.
ConceptFigures concept_figures(const std::string& reports_file, const std::string& labels_file) {
  std::map<std::string, std::map<std::string, bool>> truth;
  {
    std::ifstream in(labels_file);
    std::string line;
    while (std::getline(in, line)) {
      const auto j = nlohmann::json::parse(line);
      auto& t = truth[j["id"]];
      for (const auto& c : j["concepts"]) t[c["concept"]] = t[c["concept"]] || c["polarity"] == "affirmed";
    }
  }
  const auto& a = socialsoeg::test::analyzer();
  ConceptFigures f;
  std::ifstream in(reports_file);
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    const std::string id = j["id"], text = j.value("title", std::string()) + "\n" + j["text"].get<std::string>();
    std::map<std::string, bool> found;
    for (const auto& m : a.mentions(a.analyze(text, Side::kIndex))) found[m.concept_id] = found[m.concept_id] || m.affirmed;
    const auto& t = truth[id];
    for (const auto& [c, affirmed] : found) {
      const auto it = t.find(c);
      if (it == t.end()) {
        ++f.fp;
        ++f.errors["extra " + c];
        f.notes.push_back("extra " + c + " in " + id);
      } else {
        ++f.tp;
        ++f.polarity_total;
        if (it->second == affirmed) {
          ++f.polarity_right;
        } else {
          ++f.errors["polarity " + c];
          f.notes.push_back("polarity " + c + " in " + id);
        }
      }
    }
    for (const auto& [c, affirmed] : t)
      if (!found.count(c)) {
        ++f.fn;
        ++f.errors["missed " + c];
        f.notes.push_back("missed " + c + " in " + id);
      }
  }
  return f;
}

void print(const char* what, const ConceptFigures& f, bool details) {
  std::cout << what << ": precision " << f.precision() << " (" << f.tp << "/" << f.tp + f.fp << "), recall "
            << f.recall() << " (" << f.tp << "/" << f.tp + f.fn << "), polarity right " << f.polarity_right << "/"
            << f.polarity_total << "\n";
  if (details) {
    for (const auto& n : f.notes) std::cout << "  " << n << "\n";
  } else {
    for (const auto& [e, n] : f.errors) std::cout << "  " << e << ": " << n << "\n";
  }
}

// The baseline a stock engine offers: a report mentions a concept when the
// Snowball stem of one of the concept's words (concepts.da.txt "word" lines)
// is among its TermGenerator terms; no patterns, no negation.
ConceptFigures snowball_concept_figures() {
  std::map<std::string, std::set<std::string>> stems;  // concept -> stems of its words
  {
    std::ifstream in(std::string(SOCIALSOEG_DICTIONARIES) + "/concepts.da.txt");
    std::string line, concept_name;
    Xapian::Stem stem("danish");
    while (std::getline(in, line)) {
      if (line.size() > 2 && line.front() == '[') concept_name = line.substr(1, line.size() - 2);
      if (line.rfind("word ", 0) == 0) stems[concept_name].insert(stem(Xapian::Unicode::tolower(line.substr(5))));
    }
  }
  std::map<std::string, std::map<std::string, bool>> truth;
  {
    std::ifstream in(kDev + "labels.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      const auto j = nlohmann::json::parse(line);
      for (const auto& c : j["concepts"]) truth[j["id"]][c["concept"]] = truth[j["id"]][c["concept"]] || c["polarity"] == "affirmed";
    }
  }
  const auto scheme = snowball();
  ConceptFigures f;
  for (const auto& r : dev_reports()) {
    const auto terms = scheme.index(r.text);
    const auto& t = truth[r.id];
    for (const auto& [c, words] : stems) {
      bool hit = false;
      for (const auto& w : words) hit = hit || terms.count(w);
      const auto it = t.find(c);
      if (hit && it == t.end()) ++f.fp;
      if (!hit && it != t.end()) ++f.fn;
      if (hit && it != t.end()) {
        ++f.tp;
        ++f.polarity_total;
        f.polarity_right += it->second;  // the baseline calls every mention affirmed
      }
    }
  }
  return f;
}

TEST_CASE("analyzer on the dev set: concept mentions against labels.jsonl", "[analyzer][dev][concepts]") {
  const auto f = concept_figures(kDev + "reports.jsonl", kDev + "labels.jsonl");
  print("concepts (dev set)", f, true);
  print("concepts (dev set), Snowball word-stem baseline", snowball_concept_figures(), false);
  CHECK(f.precision() >= 0.95);
  CHECK(f.recall() >= 0.95);
  CHECK(f.polarity_right >= 0.95 * f.polarity_total);
}

// A second, larger check with other words: the generator's reports, built from
// a separately hand-tagged phrase bank (bench/data/phrases.da.txt).
TEST_CASE("analyzer on generated reports: concept mentions against the phrase bank's tags", "[analyzer][concepts]") {
  const std::string dir = "/tmp/socialsoeg-concepts-" + std::to_string(::getpid());
  REQUIRE(std::system((std::string(SOCIALSOEG_SAMPLE_BIN) + " --out " + dir + " --reports 3000 --seed 99 2>/dev/null").c_str()) == 0);
  const auto f = concept_figures(dir + "/reports.jsonl", dir + "/labels.jsonl");
  std::filesystem::remove_all(dir);
  print("concepts (generated)", f, false);
  CHECK(f.precision() >= 0.85);
  CHECK(f.recall() >= 0.85);
  CHECK(f.polarity_right >= 0.9 * f.polarity_total);
}
