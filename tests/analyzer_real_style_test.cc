// Risk concepts on sentences written in the style of real police Danish
// (tests/data/concepts_real_style/): precision and recall per concept,
// negations read as negated, any risk per item, and children present.
//
// Each file pair has a development half (*.dev.tsv), which the concept
// patterns were written against, and a held-out half (*.holdout.tsv), written
// at the same time and kept aside: its figures show whether a pattern learnt
// from the first half generalises. docs/analysis.md records both.
//
// SOCIALSOEG_SHOW_MISSES=1 prints every wrong item.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "analyzer_test_support.h"

namespace {

namespace fs = std::filesystem;
using socialsoeg::analysis::Side;

struct Item {
  std::string where, text;
  std::map<std::string, char> gold;  // concept -> '+', '-', '?'
};

std::vector<Item> read_items(const std::string& suffix) {
  std::vector<Item> items;
  const fs::path dir = fs::path(SOCIALSOEG_TEST_DATA) / "concepts_real_style";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().ends_with(suffix)) files.push_back(e.path());
  // SOCIALSOEG_REAL_STYLE_SET=paragraphs: figures for one set alone (the floors still apply).
  if (const char* only = std::getenv("SOCIALSOEG_REAL_STYLE_SET"); only && *only)
    std::erase_if(files, [&](const fs::path& f) { return !f.filename().string().starts_with(only); });
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    for (size_t n = 1; std::getline(in, line); ++n) {
      if (line.empty() || line[0] == '#') continue;
      const size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
      INFO(f.string() << ":" << n);
      REQUIRE(t1 != std::string::npos);
      REQUIRE(t2 != std::string::npos);
      Item item{f.filename().string() + ":" + std::to_string(n), line.substr(0, t1), {}};
      std::istringstream labels(line.substr(t1 + 1, t2 - t1 - 1));
      for (std::string l; labels >> l;) {
        REQUIRE(l.size() > 1);
        REQUIRE(std::string("+-?").find(l.back()) != std::string::npos);
        item.gold[l.substr(0, l.size() - 1)] = l.back();
      }
      // A kind is a mention of its parent: partner violence is violence.
      if (item.gold.count("partnervold") && !item.gold.count("vold")) item.gold["vold"] = item.gold["partnervold"];
      items.push_back(std::move(item));
    }
  }
  return items;
}

// concept -> '+' (some affirmed mention) or '-' (only negated ones).
std::map<std::string, char> predicted(const std::string& text) {
  const auto& a = socialsoeg::test::analyzer();
  std::map<std::string, char> out;
  for (const auto& m : a.mentions(a.analyze(text, Side::kIndex))) {
    char& p = out[m.concept_id];
    if (m.affirmed) p = '+';
    else if (p != '+') p = '-';
  }
  return out;
}

struct Counts {
  size_t tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? double(tp) / double(tp + fp) : 1.0; }
  double recall() const { return tp + fn ? double(tp) / double(tp + fn) : 1.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

struct Figures {
  std::map<std::string, Counts> per_concept;  // risk concepts; children apart
  Counts all, any_risk, children;
  size_t negated = 0, negated_read_negated = 0, negated_read_affirmed = 0;
};

bool is_risk(const std::string& id) { return id != "boern-til-stede"; }

Figures evaluate(const std::vector<Item>& items, bool show) {
  Figures f;
  for (const Item& item : items) {
    const auto pred = predicted(item.text);
    std::set<std::string> concepts;
    for (const auto& [c, _] : item.gold) concepts.insert(c);
    for (const auto& [c, _] : pred) concepts.insert(c);
    bool gold_any = false, pred_any = false;
    std::string wrong;
    for (const auto& c : concepts) {
      const char g = item.gold.count(c) ? item.gold.at(c) : ' ';
      const char p = pred.count(c) ? pred.at(c) : ' ';
      Counts& counts = is_risk(c) ? f.per_concept[c] : f.children;
      if (g == '+' && p == '+') ++counts.tp;
      if (g != '+' && p == '+') ++counts.fp;
      if (g == '+' && p != '+') ++counts.fn;
      if (is_risk(c)) {
        if (g == '+' && p == '+') ++f.all.tp;
        if (g != '+' && p == '+') ++f.all.fp;
        if (g == '+' && p != '+') ++f.all.fn;
        gold_any = gold_any || g == '+';
        pred_any = pred_any || p == '+';
      }
      if (g == '-') {
        ++f.negated;
        if (p == '-') ++f.negated_read_negated;
        if (p == '+') ++f.negated_read_affirmed;
      }
      if ((g == '+') != (p == '+') || (g == '-' && p != '-'))
        wrong += " " + c + ":" + std::string(1, g == ' ' ? '0' : g) + "->" + std::string(1, p == ' ' ? '0' : p);
    }
    if (gold_any && pred_any) ++f.any_risk.tp;
    if (!gold_any && pred_any) ++f.any_risk.fp;
    if (gold_any && !pred_any) ++f.any_risk.fn;
    if (show && !wrong.empty()) std::cout << "  " << item.where << wrong << "  | " << item.text << "\n";
  }
  return f;
}

void print(const std::string& name, size_t items, const Figures& f) {
  std::cout << std::fixed << std::setprecision(3) << "real-style " << name << " (" << items << " items): risk concepts P "
            << f.all.precision() << " R " << f.all.recall() << " F1 " << f.all.f1() << "; any risk P "
            << f.any_risk.precision() << " R " << f.any_risk.recall() << "; children present P "
            << f.children.precision() << " R " << f.children.recall() << "; negated " << f.negated_read_negated << "/"
            << f.negated << " read negated, " << f.negated_read_affirmed << " read affirmed\n";
  for (const auto& [c, n] : f.per_concept)
    std::cout << "  " << std::left << std::setw(18) << c << " P " << n.precision() << " R " << n.recall() << " F1 "
              << n.f1() << "  (tp " << n.tp << ", fp " << n.fp << ", fn " << n.fn << ")\n";
}

// The whole collection unless SOCIALSOEG_REAL_STYLE_SET names one set.
bool one_set() {
  const char* only = std::getenv("SOCIALSOEG_REAL_STYLE_SET");
  return only && *only;
}

bool show_misses() { return std::getenv("SOCIALSOEG_SHOW_MISSES") != nullptr; }

}  // namespace

TEST_CASE("concepts: real-style development sentences", "[analyzer][concepts][real-style]") {
  const auto items = read_items(".dev.tsv");
  REQUIRE(items.size() >= (one_set() ? 1u : 900u));
  const Figures f = evaluate(items, show_misses());
  print("dev", items.size(), f);
  // Floors at what the patterns reach today (docs/analysis.md has the
  // figures and the goal: P >= 0.95, R >= 0.92, every concept F1 >= 0.85).
  CHECK(f.all.precision() >= 0.93);
  CHECK(f.all.recall() >= 0.93);
  CHECK(f.any_risk.recall() >= 0.95);
  CHECK(f.children.recall() >= 0.89);
  CHECK(f.children.precision() >= 0.89);
  CHECK(f.negated_read_negated >= f.negated * 80 / 100);
  CHECK(f.negated_read_affirmed <= f.negated / 25);
  for (const auto& [c, n] : f.per_concept) {
    INFO(c);
    CHECK(n.f1() >= 0.78);
  }
}

TEST_CASE("concepts: real-style held-out sentences", "[analyzer][concepts][real-style]") {
  const auto items = read_items(".holdout.tsv");
  REQUIRE(items.size() >= (one_set() ? 1u : 550u));
  const Figures f = evaluate(items, show_misses());
  print("held-out", items.size(), f);
  // Written with the development half and never tuned on: a floor that
  // catches a change breaking what generalises, not a target.
  CHECK(f.all.precision() >= 0.81);
  CHECK(f.all.recall() >= 0.81);
}
