// socialsoeg-bench-search: the search benchmark (bench/search.sh).
// The same reports indexed three ways, the same queries in seven classes run
// through each engine, per-query latency in milliseconds:
//
//   ours     query::Searcher::search, top 10 with snippets (the normal path)
//   Xapian   plain Xapian::QueryParser (Stem("danish"), STEM_SOME, default
//            AND, boolean prefixes and a DateRangeProcessor for the filters)
//            on bench/baseline_xapian_indexer.cc's database; get_mset(0, 10)
//            and every hit's document data
//   Lucene++ QueryParser over title and text with SnowballAnalyzer("danish")
//            (keyword analysis for the filter fields) on
//            bench/baseline_lucene_indexer.cc's index; top 10 and every hit's
//            stored fields (only when built with Lucene++ and --lucene given)
//
//   socialsoeg-bench-search --ours DIR --xapian DIR [--lucene DIR] --reports FILE
//                           [--per-class N] [--seed S]
//
// Queries are drawn from the reports file with a seeded RNG (the same seed
// gives the same queries), so every class finds something:
//   word      a content word of a report (letters only, lower case, >= 4
//             letters, not a stopword)
//   and       two content words of one report
//   phrase    two adjacent content words of one report, quoted
//   filtered  a word + date:YYYY-MM-01..YYYY-MM-28 (a few months around the
//             report's) + district:<the report's district>
//   concept   concept:<id>, cycling over dictionaries/concepts.da.txt; the
//             baselines have no concept terms and search the concept's first
//             word as free text instead (printed)
//   cpr       cpr:<10 digits> of a person in a report
//   or8       eight single-word members of dictionaries/synonyms.da.txt
//             groups OR'ed (ours expands each further with its synonyms)
//
// Each engine runs every query list once untimed (warm cache; the untimed
// pass also counts every query's exact number of matches), then once timed
// with std::chrono::steady_clock around parse + search + fetching the hits.
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "index/places.h"
#include "index/schema.h"
#include "query/query_builder.h"
#include "query/searcher.h"

#ifdef SOCIALSOEG_HAVE_LUCENE
// LuceneHeaders.h first: the other headers rely on what it declares.
#include "LuceneHeaders.h"

#include "KeywordAnalyzer.h"
#include "MultiFieldQueryParser.h"
#include "PerFieldAnalyzerWrapper.h"
#include "SnowballAnalyzer.h"
#endif

namespace {

using socialsoeg::analysis::Analyzer;
using socialsoeg::analysis::AnalyzerOptions;
using socialsoeg::index::Places;
using Clock = std::chrono::steady_clock;

constexpr unsigned kTop = 10;
constexpr double kTargetP99Ms = 20.0;
constexpr double kTargetRatio = 1.5;

// One query, written for each engine (the same meaning in each syntax).
struct Query {
  std::string ours, xapian, lucene;
};

struct QueryClass {
  std::string name;
  std::string note;
  bool latency_target = true;  // p99 <= 20 ms applies
  std::vector<Query> queries;
};

struct Report {
  std::string id, district, occurred, title, text;
  std::vector<std::string> cprs;  // 10 digits
};

// ---- reading the inputs ------------------------------------------------------

std::vector<std::string> data_lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(std::string("cannot open ").append(file.string()));
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out.push_back(line);
  }
  return out;
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// Concept ids in file order, each with the word the baselines search for it:
// the first `word`, else the first word of the first `pattern` (first
// alternative, without '=' or '?').
std::vector<std::pair<std::string, std::string>> concepts(const std::filesystem::path& file) {
  struct Section {
    std::string id, word, pattern_word;
  };
  std::vector<Section> sections;
  for (const auto& line : data_lines(file)) {
    if (line.front() == '[' && line.back() == ']') {
      sections.push_back({line.substr(1, line.size() - 2), "", ""});
    } else if (sections.empty()) {
      continue;
    } else if (line.rfind("word ", 0) == 0 && sections.back().word.empty()) {
      sections.back().word = trim(line.substr(5));
    } else if (line.rfind("pattern ", 0) == 0 && sections.back().pattern_word.empty()) {
      std::istringstream parts(line.substr(8));
      std::string first;
      parts >> first;
      first = first.substr(0, first.find('|'));
      std::erase(first, '=');
      std::erase(first, '?');
      sections.back().pattern_word = first;
    }
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& sec : sections) out.emplace_back(sec.id, sec.word.empty() ? sec.pattern_word : sec.word);
  return out;
}

// Groups of dictionaries/synonyms.da.txt, single-word members only.
std::vector<std::vector<std::string>> synonym_groups(const std::filesystem::path& file) {
  std::vector<std::vector<std::string>> out;
  for (const auto& line : data_lines(file)) {
    if (line.front() == '[') continue;
    std::vector<std::string> group;
    size_t start = 0;
    while (start <= line.size()) {
      auto bar = line.find('|', start);
      if (bar == std::string::npos) bar = line.size();
      const std::string member = trim(line.substr(start, bar - start));
      if (!member.empty() && member.find(' ') == std::string::npos) group.push_back(member);
      start = bar + 1;
    }
    if (!group.empty()) out.push_back(std::move(group));
  }
  return out;
}

// The reports file as byte offsets of its lines, so that a million reports
// need not be held in memory to sample a few thousand.
class ReportFile {
 public:
  explicit ReportFile(const std::string& path) : in_(path, std::ios::binary) {
    if (!in_) throw std::runtime_error(std::string("cannot open ").append(path));
    std::string line;
    std::uint64_t offset = 0;
    while (std::getline(in_, line)) {
      if (line.find_first_not_of(" \t\r") != std::string::npos) offsets_.push_back(offset);
      offset += line.size() + 1;
    }
    in_.clear();
    if (offsets_.empty()) throw std::runtime_error(std::string("no reports in ").append(path));
  }

  size_t size() const { return offsets_.size(); }

  Report read(size_t i) {
    in_.seekg(static_cast<std::streamoff>(offsets_.at(i)));
    std::string line;
    std::getline(in_, line);
    const auto j = nlohmann::json::parse(line);
    Report r;
    r.id = j.value("id", "");
    r.district = j.value("district", "");
    r.occurred = j.value("occurred", "");
    r.title = j.value("title", "");
    r.text = j.value("text", "");
    for (const auto& p : j.value("persons", nlohmann::json::array())) {
      std::string digits;
      for (const char c : p.value("cpr", ""))
        if (c >= '0' && c <= '9') digits += c;
      if (digits.size() == 10) r.cprs.push_back(digits);
    }
    return r;
  }

 private:
  std::ifstream in_;
  std::vector<std::uint64_t> offsets_;
};

// ---- content words -----------------------------------------------------------

// Letters of Danish text as UTF-8; upper case ones make a word "not lower case".
bool lower_letter(std::string_view s, size_t i, size_t& len) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c >= 'a' && c <= 'z') {
    len = 1;
    return true;
  }
  if (c == 0xC3 && i + 1 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    // æ ø å é ü ö ä (U+00E6 F8 E5 E9 FC F6 E4)
    if (d == 0xA6 || d == 0xB8 || d == 0xA5 || d == 0xA9 || d == 0xBC || d == 0xB6 || d == 0xA4) {
      len = 2;
      return true;
    }
  }
  return false;
}

// The letters-only, lower-case word of ≥ 4 letters `w` is, or "".
bool is_content_word(std::string_view w, const std::set<std::string, std::less<>>& stopwords) {
  size_t letters = 0;
  for (size_t i = 0, len = 0; i < w.size(); i += len) {
    if (!lower_letter(w, i, len)) return false;
    ++letters;
  }
  return letters >= 4 && !stopwords.count(w);
}

struct Word {
  std::string text;
  bool joined_to_next;  // the next word follows after one space, no punctuation
};

// The text's whitespace-separated words with their leading and trailing
// punctuation removed; "" where the rest is not a content word.
std::vector<Word> words_of(const std::string& text, const std::set<std::string, std::less<>>& stopwords) {
  static const std::string punct = ".,;:!?()\"'";
  std::vector<Word> out;
  std::istringstream in(text);
  std::string chunk;
  bool prev_clean_end = false;
  while (in >> chunk) {
    const auto b = chunk.find_first_not_of(punct);
    const auto e = chunk.find_last_not_of(punct);
    const bool clean_start = b == 0, clean_end = e != std::string::npos && e + 1 == chunk.size();
    std::string w = b == std::string::npos ? std::string() : chunk.substr(b, e - b + 1);
    if (!out.empty()) out.back().joined_to_next = prev_clean_end && clean_start;
    out.push_back({is_content_word(w, stopwords) ? w : std::string(), false});
    prev_clean_end = clean_end;
  }
  return out;
}

// ---- building the queries ----------------------------------------------------

class QueryMaker {
 public:
  QueryMaker(ReportFile& reports, std::set<std::string, std::less<>> stopwords, std::uint64_t seed)
      : reports_(reports), stopwords_(std::move(stopwords)), rng_(seed) {}

  Report random_report() {
    std::uniform_int_distribution<size_t> pick(0, reports_.size() - 1);
    return reports_.read(pick(rng_));
  }

  std::vector<std::string> content_words(const Report& r) {
    std::vector<std::string> out;
    for (auto& w : words_of(r.text, stopwords_))
      if (!w.text.empty()) out.push_back(w.text);
    return out;
  }

  template <class T>
  const T& pick(const std::vector<T>& v) {
    std::uniform_int_distribution<size_t> d(0, v.size() - 1);
    return v[d(rng_)];
  }

  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  std::mt19937_64& rng() { return rng_; }

  // Tries `make` on random reports until it has `n` queries.
  template <class F>
  std::vector<Query> draw(size_t n, F make) {
    std::vector<Query> out;
    for (size_t tries = 0; out.size() < n && tries < n * 200; ++tries) {
      const Report r = random_report();
      Query q;
      if (make(r, q)) out.push_back(std::move(q));
    }
    return out;
  }

  const std::set<std::string, std::less<>>& stopwords() const { return stopwords_; }

 private:
  ReportFile& reports_;
  std::set<std::string, std::less<>> stopwords_;
  std::mt19937_64 rng_;
};

Query same(const std::string& q) { return {q, q, q}; }

// "2019-05-19..." -> months since year 0, or -1.
int month_index(const std::string& occurred) {
  if (occurred.size() < 7) return -1;
  return std::stoi(occurred.substr(0, 4)) * 12 + std::stoi(occurred.substr(5, 2)) - 1;
}

std::string month_day(int index, int day, bool dashes) {
  char buf[48];
  if (dashes)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", index / 12, index % 12 + 1, day);
  else
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", index / 12, index % 12 + 1, day);
  return buf;
}

std::vector<QueryClass> make_queries(ReportFile& reports, const std::filesystem::path& dictionaries, size_t n,
                                     std::uint64_t seed) {
  std::set<std::string, std::less<>> stopwords;
  for (const auto& w : data_lines(dictionaries / "stopwords.da.txt")) stopwords.insert(trim(w));
  QueryMaker m(reports, std::move(stopwords), seed);
  std::vector<QueryClass> classes;

  classes.push_back({"word", "", true, m.draw(n, [&](const Report& r, Query& q) {
                       const auto words = m.content_words(r);
                       if (words.empty()) return false;
                       q = same(m.pick(words));
                       return true;
                     })});
  classes.push_back({"and", "", true, m.draw(n, [&](const Report& r, Query& q) {
                       const auto words = m.content_words(r);
                       if (words.size() < 2) return false;
                       const std::string a = m.pick(words), b = m.pick(words);
                       if (a == b) return false;
                       q = same(std::string(a).append(" ").append(b));
                       return true;
                     })});
  classes.push_back({"phrase", "", true, m.draw(n, [&](const Report& r, Query& q) {
                       const auto words = words_of(r.text, m.stopwords());
                       std::vector<std::string> pairs;
                       for (size_t i = 0; i + 1 < words.size(); ++i)
                         if (words[i].joined_to_next && !words[i].text.empty() && !words[i + 1].text.empty())
                           pairs.push_back(std::string("\"").append(words[i].text).append(" ")
                                               .append(words[i + 1].text).append("\""));
                       if (pairs.empty()) return false;
                       q = same(m.pick(pairs));
                       return true;
                     })});
  classes.push_back({"word+date+district", "", true, m.draw(n, [&](const Report& r, Query& q) {
                       const auto words = m.content_words(r);
                       const int month = month_index(r.occurred);
                       if (words.empty() || month < 0 || r.district.empty()) return false;
                       const std::string& w = m.pick(words);
                       const int from = month - m.uniform(1, 2), to = month + m.uniform(1, 2);
                       const std::string filters = std::string("date:")
                                                       .append(month_day(from, 1, true))
                                                       .append("..")
                                                       .append(month_day(to, 28, true))
                                                       .append(" district:")
                                                       .append(r.district);
                       q.ours = q.xapian = std::string(w).append(" ").append(filters);
                       q.lucene = std::string(w)
                                      .append(" date:[")
                                      .append(month_day(from, 1, false))
                                      .append(" TO ")
                                      .append(month_day(to, 28, false))
                                      .append("] district:")
                                      .append(r.district);
                       return true;
                     })});

  const auto concept_list = concepts(dictionaries / "concepts.da.txt");
  QueryClass concept_class{"concept", "baselines: free text ", true, {}};
  for (size_t i = 0; i < concept_list.size(); ++i)
    concept_class.note.append(i ? ", " : "").append(concept_list[i].first).append("->").append(concept_list[i].second);
  for (size_t i = 0; !concept_list.empty() && i < n; ++i) {
    const auto& [id, word] = concept_list[i % concept_list.size()];
    concept_class.queries.push_back({std::string("concept:").append(id), word, word});
  }
  classes.push_back(std::move(concept_class));

  classes.push_back({"cpr", "", true, m.draw(n, [&](const Report& r, Query& q) {
                       if (r.cprs.empty()) return false;
                       q = same(std::string("cpr:").append(m.pick(r.cprs)));
                       return true;
                     })});

  const auto groups = synonym_groups(dictionaries / "synonyms.da.txt");
  QueryClass or8{"or8", "", false, {}};
  for (size_t i = 0; !groups.empty() && i < n; ++i) {
    // Groups in a random order, each group's members shuffled; the first 8 distinct words.
    std::vector<size_t> order(groups.size());
    for (size_t g = 0; g < order.size(); ++g) order[g] = g;
    std::shuffle(order.begin(), order.end(), m.rng());
    std::vector<std::string> words;
    for (const size_t g : order) {
      auto members = groups[g];
      std::shuffle(members.begin(), members.end(), m.rng());
      for (auto& w : members)
        if (words.size() < 8 && std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
      if (words.size() == 8) break;
    }
    std::string q;
    for (const auto& w : words) q.append(q.empty() ? "" : " OR ").append(w);
    or8.queries.push_back(same(q));
  }
  classes.push_back(std::move(or8));
  return classes;
}

// ---- the engines ---------------------------------------------------------------

struct Outcome {
  std::vector<double> ms;   // timed, successful queries
  size_t errors = 0;
  std::string first_error;
  double matches = 0;       // sum of exact match counts (untimed pass)
  double returned = 0;      // sum of hits returned (timed pass)
  std::uint64_t sink = 0;   // bytes of fetched data, so nothing is optimised away
};

class Engine {
 public:
  virtual ~Engine() = default;
  virtual const char* name() const = 0;
  // Runs one query the normal way: top 10 and the hits' data. Returns hits returned.
  virtual size_t run(const Query& q, std::uint64_t& sink) = 0;
  // The exact number of matches of `q` (untimed).
  virtual double count(const Query& q) = 0;
};

class Ours final : public Engine {
 public:
  Ours(const std::string& dir, const Analyzer& analyzer, const Places& places)
      : db_(dir), builder_(analyzer, places), searcher_(analyzer, places) {
    options_.limit = kTop;
  }
  const char* name() const override { return "ours"; }
  size_t run(const Query& q, std::uint64_t& sink) override {
    const auto result = searcher_.search(db_, q.ours, options_);
    for (const auto& h : result.hits) sink += h.id.size() + h.snippet.text.size() + h.title.size();
    return result.hits.size();
  }
  double count(const Query& q) override {
    Xapian::Enquire enquire(db_);
    enquire.set_query(builder_.build(q.ours, db_).query);
    return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
  }

 private:
  Xapian::Database db_;
  socialsoeg::query::QueryBuilder builder_;
  socialsoeg::query::Searcher searcher_;
  socialsoeg::query::SearchOptions options_;
};

class XapianBaseline final : public Engine {
 public:
  // With `snippets`, each hit also gets Xapian's own MSet::snippet of its
  // text: the like-for-like page of results (ours always makes snippets).
  explicit XapianBaseline(const std::string& dir, bool snippets = false)
      : db_(dir), dates_(0, "date:"), snippets_(snippets) {
    qp_.set_database(db_);
    qp_.set_stemmer(Xapian::Stem("danish"));
    qp_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp_.set_default_op(Xapian::Query::OP_AND);
    qp_.add_boolean_prefix("district", "XDISTRICT");
    qp_.add_boolean_prefix("cpr", "XCPR");
    qp_.add_rangeprocessor(&dates_);
  }
  const char* name() const override { return snippets_ ? "Xapian + MSet::snippet" : "xapian"; }
  size_t run(const Query& q, std::uint64_t& sink) override {
    Xapian::Enquire enquire(db_);
    enquire.set_query(parse(q));
    const auto mset = enquire.get_mset(0, kTop);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string data = it.get_document().get_data();
      sink += snippets_ ? mset.snippet(data, 220, stem_).size() : data.size();
    }
    return mset.size();
  }
  double count(const Query& q) override {
    Xapian::Enquire enquire(db_);
    enquire.set_query(parse(q));
    return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
  }

 private:
  Xapian::Query parse(const Query& q) {
    return qp_.parse_query(q.xapian, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE |
                                         Xapian::QueryParser::FLAG_BOOLEAN);
  }
  Xapian::Database db_;
  Xapian::DateRangeProcessor dates_;
  Xapian::QueryParser qp_;
  Xapian::Stem stem_{"danish"};
  bool snippets_;
};

// --breakdown: parts of ours' path, to see where its time goes.
class OursPart final : public Engine {
 public:
  enum class Part {
    kBuild,       // parse + build the Xapian query (QueryBuilder)
    kMatch,       // + Enquire with BM25, get_mset(0, 10) as Xapian's default (no check_at_least)
    kNoSnippets,  // Searcher::search with snippets off (check_at_least 110, the stored JSON parsed)
  };
  OursPart(const std::string& dir, const Analyzer& analyzer, const Places& places, Part part)
      : db_(dir), builder_(analyzer, places), searcher_(analyzer, places), part_(part) {
    options_.limit = kTop;
    options_.snippets = false;
  }
  const char* name() const override {
    switch (part_) {
      case Part::kBuild: return "ours: parse + build query";
      case Part::kMatch: return "ours: + get_mset(0,10), doc data";
      case Part::kNoSnippets: return "ours: Searcher, snippets off";
    }
    return "";
  }
  size_t run(const Query& q, std::uint64_t& sink) override {
    if (part_ == Part::kNoSnippets) {
      const auto result = searcher_.search(db_, q.ours, options_);
      for (const auto& h : result.hits) sink += h.id.size() + h.title.size();
      return result.hits.size();
    }
    const auto built = builder_.build(q.ours, db_);
    if (part_ == Part::kBuild) {
      sink += built.matches.terms.size();
      return 0;
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(built.query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    const auto mset = enquire.get_mset(0, kTop);
    for (auto it = mset.begin(); it != mset.end(); ++it)
      sink += it.get_document().get_value(socialsoeg::schema::kSlotStoredReport).size();
    return mset.size();
  }
  double count(const Query&) override { return 0; }

 private:
  Xapian::Database db_;
  socialsoeg::query::QueryBuilder builder_;
  socialsoeg::query::Searcher searcher_;
  socialsoeg::query::SearchOptions options_;
  Part part_;
};

#ifdef SOCIALSOEG_HAVE_LUCENE
class LuceneBaseline final : public Engine {
 public:
  explicit LuceneBaseline(const std::string& dir) {
    using namespace Lucene;
    searcher_ = newLucene<IndexSearcher>(FSDirectory::open(StringUtils::toUnicode(dir)), true);
    const auto analyzer = newLucene<PerFieldAnalyzerWrapper>(
        newLucene<SnowballAnalyzer>(LuceneVersion::LUCENE_CURRENT, L"danish"));
    for (const wchar_t* field : {L"district", L"cpr", L"date"}) analyzer->addAnalyzer(field, newLucene<KeywordAnalyzer>());
    Collection<String> fields = Collection<String>::newInstance();
    fields.add(L"title");
    fields.add(L"text");
    parser_ = newLucene<MultiFieldQueryParser>(LuceneVersion::LUCENE_CURRENT, fields, analyzer);
    parser_->setDefaultOperator(QueryParser::AND_OPERATOR);
  }
  const char* name() const override { return "lucene"; }
  size_t run(const Query& q, std::uint64_t& sink) override {
    const auto top = searcher_->search(parse(q), static_cast<int32_t>(kTop));
    for (const auto& sd : top->scoreDocs) sink += searcher_->doc(sd->doc)->get(L"text").size();
    return static_cast<size_t>(top->scoreDocs.size());
  }
  double count(const Query& q) override {
    return static_cast<double>(searcher_->search(parse(q), 1)->totalHits);
  }

 private:
  Lucene::QueryPtr parse(const Query& q) { return parser_->parse(Lucene::StringUtils::toUnicode(q.lucene)); }
  Lucene::IndexSearcherPtr searcher_;
  Lucene::QueryParserPtr parser_;
};
#endif

template <class F>
bool guarded(Outcome& o, F f) {
  try {
    f();
    return true;
  } catch (const Xapian::Error& e) {
    ++o.errors;
    if (o.first_error.empty()) o.first_error = e.get_description();
#ifdef SOCIALSOEG_HAVE_LUCENE
  } catch (const Lucene::LuceneException& e) {
    ++o.errors;
    if (o.first_error.empty()) o.first_error = Lucene::StringUtils::toUTF8(e.getError());
#endif
  } catch (const std::exception& e) {
    ++o.errors;
    if (o.first_error.empty()) o.first_error = e.what();
  }
  return false;
}

Outcome measure(Engine& engine, const QueryClass& c) {
  Outcome o, warm;
  // Untimed pass: warms the caches and counts the matches exactly.
  for (const auto& q : c.queries) {
    guarded(warm, [&] { engine.run(q, warm.sink); });
    guarded(warm, [&] { o.matches += engine.count(q); });
  }
  for (const auto& q : c.queries) {
    size_t hits = 0;
    const auto t0 = Clock::now();
    const bool ok = guarded(o, [&] { hits = engine.run(q, o.sink); });
    const auto t1 = Clock::now();
    if (!ok) continue;
    o.ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    o.returned += static_cast<double>(hits);
  }
  std::sort(o.ms.begin(), o.ms.end());
  return o;
}

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return NAN;
  const auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

std::string cell(double v, bool fine = false) {
  if (std::isnan(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, fine && v < 1 ? "%.3f" : v < 10 ? "%.2f" : "%.1f", v);
  return buf;
}

// "p50 / p99" of sorted values, to the microsecond below 1 ms.
std::string p50_p99(const std::vector<double>& sorted) {
  return cell(percentile(sorted, 50), true).append(" / ").append(cell(percentile(sorted, 99), true));
}

}  // namespace

int main(int argc, char** argv) {
  std::string ours_dir, xapian_dir, lucene_dir, reports_file;
  size_t per_class = 500;
  std::uint64_t seed = 10;
  CLI::App app{"Search latency: Socialsøg next to plain Xapian QueryParser and Lucene++",
               "socialsoeg-bench-search"};
  app.add_option("--ours", ours_dir, "Socialsøg database directory (socialsoeg index --db)")->required();
  app.add_option("--xapian", xapian_dir, "socialsoeg-baseline-xapian database")->required();
  app.add_option("--lucene", lucene_dir, "socialsoeg-baseline-lucene index (optional)");
  app.add_option("--reports", reports_file, "the reports all three were built from (JSON Lines)")->required();
  app.add_option("--per-class", per_class, "queries per class")->default_val(500);
  app.add_option("--seed", seed, "seed of the query sample")->default_val(10);
  bool breakdown = false;
  std::string only;
  app.add_option("--only", only, "run one class (word, and, phrase, word+date+district, concept, cpr, or8)");
  app.add_flag("--breakdown", breakdown, "also time parts of ours' path (query build, match, snippets off)");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto analyzer_options = AnalyzerOptions::defaults();
    const Analyzer analyzer(analyzer_options);
    const Places places = Places::load(analyzer_options.dictionaries / "municipalities.tsv");
    ReportFile reports(reports_file);
    auto classes = make_queries(reports, analyzer_options.dictionaries, per_class, seed);
    if (!only.empty()) {
      std::erase_if(classes, [&](const QueryClass& c) { return c.name != only; });
      if (classes.empty()) throw std::runtime_error("--only: no class named " + only);
    }

    std::vector<std::unique_ptr<Engine>> engines;
    engines.push_back(std::make_unique<Ours>(ours_dir, analyzer, places));
    engines.push_back(std::make_unique<XapianBaseline>(xapian_dir));
#ifdef SOCIALSOEG_HAVE_LUCENE
    if (!lucene_dir.empty()) engines.push_back(std::make_unique<LuceneBaseline>(lucene_dir));
#else
    if (!lucene_dir.empty()) std::fprintf(stderr, "socialsoeg-bench-search: built without Lucene++, --lucene ignored\n");
#endif
    const bool have_lucene = engines.size() == 3;

    // results[class][engine]
    std::vector<std::vector<Outcome>> results;
    for (const auto& c : classes) {
      results.emplace_back();
      for (auto& e : engines) results.back().push_back(measure(*e, c));
    }

    std::printf("%zu reports; %zu queries per class (seed %llu); latency in ms per query, warm cache, top %u with"
                " hit data (ours: with snippets)\n\n",
                reports.size(), per_class, static_cast<unsigned long long>(seed), kTop);
    std::printf("%-19s %7s | %-20s | %-20s | %-20s | %9s | %s\n", "", "", "ours", "Xapian QueryParser", "Lucene++",
                "ours/Xap", "");
    std::printf("%-19s %7s | %6s %6s %6s | %6s %6s %6s | %6s %6s %6s | %9s | %s\n", "class", "queries", "p50", "p95",
                "p99", "p50", "p95", "p99", "p50", "p95", "p99", "p99", "verdict");
    bool all_ok = true;
    for (size_t ci = 0; ci < classes.size(); ++ci) {
      const auto& c = classes[ci];
      const auto& r = results[ci];
      std::printf("%-19s %7zu |", c.name.c_str(), c.queries.size());
      for (size_t ei = 0; ei < 3; ++ei) {
        if (ei < r.size())
          std::printf(" %6s %6s %6s |", cell(percentile(r[ei].ms, 50)).c_str(), cell(percentile(r[ei].ms, 95)).c_str(),
                      cell(percentile(r[ei].ms, 99)).c_str());
        else
          std::printf(" %6s %6s %6s |", "-", "-", "-");
      }
      const double ours99 = percentile(r[0].ms, 99), xap99 = percentile(r[1].ms, 99);
      const double ratio = ours99 / xap99;
      std::string verdict;
      if (r[0].errors > 0) verdict.append("FAIL (errors) ");
      if (c.latency_target && !(ours99 <= kTargetP99Ms)) verdict.append("FAIL (p99 > 20 ms) ");
      if (!(ratio <= kTargetRatio)) verdict.append("FAIL (> 1.5x Xapian) ");
      if (verdict.empty()) verdict = c.latency_target ? "ok " : "ok (ratio only) ";
      if (c.name == "concept") verdict.append("[baselines: free text]");
      if (verdict.back() == ' ') verdict.pop_back();
      all_ok = all_ok && verdict.rfind("ok", 0) == 0;
      char ratio_text[32];
      std::snprintf(ratio_text, sizeof ratio_text, "%.2fx", ratio);
      std::printf(" %9s | %s\n", ratio_text, verdict.c_str());
    }
    std::printf("\ntargets: p99 <= %.0f ms for every class but or8; no class above %.1fx the Xapian baseline's p99%s\n",
                kTargetP99Ms, kTargetRatio, all_ok ? ": all met" : ": NOT all met");

    std::printf("\ncomparable work: average exact matches per query (average hits returned)\n");
    std::printf("%-19s | %-20s | %-20s | %-20s\n", "class", "ours", "Xapian QueryParser", "Lucene++");
    for (size_t ci = 0; ci < classes.size(); ++ci) {
      std::printf("%-19s |", classes[ci].name.c_str());
      for (size_t ei = 0; ei < 3; ++ei) {
        if (ei >= results[ci].size()) {
          std::printf(" %-20s |", "-");
          continue;
        }
        const auto& o = results[ci][ei];
        const double n = static_cast<double>(std::max<size_t>(classes[ci].queries.size(), 1));
        const double ok = static_cast<double>(std::max<size_t>(o.ms.size(), 1));
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.1f (%.1f)", o.matches / n, o.returned / ok);
        std::printf(" %-20s |", buf);
      }
      std::printf("\n");
    }
    if (breakdown) {
      std::printf("\nwhere ours' time goes: p50 / p99 in ms of parts of its path (Xapian baseline for scale)\n");
      std::vector<std::unique_ptr<Engine>> parts;
      for (const auto part : {OursPart::Part::kBuild, OursPart::Part::kMatch, OursPart::Part::kNoSnippets})
        parts.push_back(std::make_unique<OursPart>(ours_dir, analyzer, places, part));
      parts.push_back(std::make_unique<XapianBaseline>(xapian_dir, true));
      std::printf("%-19s |", "class");
      for (const auto& p : parts) std::printf(" %-32s |", p->name());
      std::printf(" %-15s | %-15s |\n", "ours (all)", "Xapian");
      for (size_t ci = 0; ci < classes.size(); ++ci) {
        std::printf("%-19s |", classes[ci].name.c_str());
        for (auto& p : parts) {
          const Outcome o = measure(*p, classes[ci]);
          std::printf(" %-32s |", p50_p99(o.ms).c_str());
        }
        for (size_t ei = 0; ei < 2; ++ei) std::printf(" %-15s |", p50_p99(results[ci][ei].ms).c_str());
        std::printf("\n");
      }
    }

    std::printf("\nnotes:\n");
    for (size_t ci = 0; ci < classes.size(); ++ci) {
      if (!classes[ci].note.empty()) std::printf("  %s: %s\n", classes[ci].name.c_str(), classes[ci].note.c_str());
      for (size_t ei = 0; ei < results[ci].size(); ++ei)
        if (results[ci][ei].errors > 0)
          std::printf("  %s, %s: %zu queries failed, first: %s\n", classes[ci].name.c_str(), engines[ei]->name(),
                      results[ci][ei].errors, results[ci][ei].first_error.c_str());
    }
    std::printf("  examples:");
    for (const auto& c : classes)
      if (!c.queries.empty())
        std::printf("\n    %-19s ours: %s | xapian: %s | lucene: %s", c.name.c_str(), c.queries[0].ours.c_str(),
                    c.queries[0].xapian.c_str(), c.queries[0].lucene.c_str());
    std::printf("\n");
    if (!have_lucene) std::printf("  Lucene++ columns empty: not built with Lucene++ or no --lucene given\n");
    std::uint64_t sink = 0;
    for (const auto& r : results)
      for (const auto& o : r) sink += o.sink;
    std::printf("  (%llu bytes of hit data fetched in all)\n", static_cast<unsigned long long>(sink));
    return 0;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "socialsoeg-bench-search: %s\n", e.get_description().c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "socialsoeg-bench-search: %s\n", e.what());
    return 1;
  }
}
