// socialsoeg-bench-family: family lookup latency for the benchmark of issue
// 11 (bench/family_screen.sh).
//
// Opens the database the way `socialsoeg family` does (the live reports
// database through indexer::DatabaseDir with the analyzer's identity check,
// indexer::ResidentStore on DIR/residents, analysis::Analyzer with its
// defaults), draws CPR numbers from a residents extract with a seeded RNG
// (distinct numbers, in random order), runs family::FamilyLookup::by_cpr once
// over all of them untimed (warm cache), then once timed with
// std::chrono::steady_clock around each call. to_json() (what the command
// prints) is timed separately, after the lookup, and reported beside it.
//
//   socialsoeg-bench-family --db DIR --residents FILE [--count N] [--seed S]
//                           [--as-of YYYY-MM-DD]
//
// Prints the latency table and, last, one line of figures for scripts:
//   figures lookups=N p50_ms=.. p95_ms=.. p99_ms=.. max_ms=.. household=.. reports=..
//
// With --screen-breakdown DATE it then times the parts of a screening run
// as of DATE (screening::Screener with config/screening.conf, as `socialsoeg
// screen` runs it), each on a freshly opened database, wall/user/sys:
//   setup     Analyzer, the database with its identity check, the register, the rule
//   step 1    the four value slots read as the screener reads them (slot 4
//             in full, slots 0, 5 and 2 skipped to its documents) and the
//             qualifying reports counted per subject, as the screener does
//   of_person ResidentStore::of_person for every subject with enough reports
//   run       Screener::run, all of it
//   data      the flagged reports' stored data read and parsed (the ids), as
//             the screener does at the end
// run - step 1 - of_person - data is the rest: patterns and the register's
// at_address lookups (children at an address on a date).
#include <sys/resource.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "analyzers/analyzer.h"
#include "core/cpr.h"
#include "core/date.h"
#include "family/family_lookup.h"
#include "indexer/database_dir.h"
#include "indexer/resident_store.h"
#include "indexer/schema.h"
#include "screening/screener.h"
#include "screening/screening_rule.h"

namespace {

using socialsoeg::Cpr;
using socialsoeg::Date;
using Clock = std::chrono::steady_clock;

constexpr double kTargetP99Ms = 10.0;

// The distinct CPR numbers of a residents extract (JSON Lines, one
// registration a line), in file order. Only the "cpr" field is read.
std::vector<std::string> resident_cprs(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot open " + file);
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  std::string line;
  static const std::string kKey = "\"cpr\":";
  while (std::getline(in, line)) {
    auto at = line.find(kKey);
    if (at == std::string::npos) continue;
    at = line.find('"', at + kKey.size());
    if (at == std::string::npos) continue;
    const auto end = line.find('"', at + 1);
    if (end == std::string::npos) continue;
    std::string cpr = line.substr(at + 1, end - at - 1);
    if (seen.insert(cpr).second) out.push_back(std::move(cpr));
  }
  return out;
}

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return std::nan("");
  const auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Wall, user and sys seconds of a part.
struct Spent {
  double wall = 0, user = 0, sys = 0;
};

class Stopwatch {
 public:
  Stopwatch() : start_(Clock::now()), usage_(usage()) {}
  Spent spent() const {
    const rusage now = usage();
    auto seconds = [](const timeval& a, const timeval& b) {
      return static_cast<double>(a.tv_sec - b.tv_sec) + static_cast<double>(a.tv_usec - b.tv_usec) / 1e6;
    };
    return {std::chrono::duration<double>(Clock::now() - start_).count(), seconds(now.ru_utime, usage_.ru_utime),
            seconds(now.ru_stime, usage_.ru_stime)};
  }

 private:
  static rusage usage() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u;
  }
  Clock::time_point start_;
  rusage usage_;
};

std::optional<std::string> value_at(Xapian::ValueIterator& it, const Xapian::ValueIterator& end, Xapian::docid docid) {
  if (it == end) return std::nullopt;
  if (it.get_docid() < docid) it.skip_to(docid);
  if (it == end || it.get_docid() != docid) return std::nullopt;
  return *it;
}

void screen_breakdown(const std::string& db, Date as_of) {
  namespace schema = socialsoeg::schema;
  using socialsoeg::indexer::DatabaseDir;
  using socialsoeg::indexer::ResidentStore;
  auto row = [](const char* name, const Spent& s, const std::string& note) {
    std::printf("  %-10s %8.2f %8.2f %8.2f  %s\n", name, s.wall, s.user, s.sys, note.c_str());
  };
  std::printf("\nwhere a screening run's time goes (as of %s; each part on a freshly opened database):\n",
              as_of.iso().c_str());
  std::printf("  %-10s %8s %8s %8s\n", "part", "wall s", "user s", "sys s");

  Stopwatch setup_watch;
  const socialsoeg::analysis::Analyzer analyzer;
  const DatabaseDir dir(db);
  std::optional<Xapian::Database> reports(dir.open_live_for_reading(&analyzer.identity()));
  const ResidentStore residents(dir.residents_path());
  const auto rule = socialsoeg::screening::ScreeningRule::load(socialsoeg::screening::ScreeningRule::default_file(),
                                                               analyzer.concepts());
  row("setup", setup_watch.spent(), "Analyzer, reports database (identity checked), register, rule");

  // The screener's step 1 alone: the value streams and the qualifying reports per subject.
  Stopwatch stream_watch;
  size_t risky = 0;
  std::unordered_map<std::string, std::pair<Xapian::docid, size_t>> qualifying;  // cpr -> (last docid, reports)
  std::unordered_map<std::string, std::optional<Date>> births;
  {
    const Xapian::Database& r = *reports;
    const std::string as_of_compact = as_of.compact();
    auto risk = r.valuestream_begin(schema::kSlotRiskConcepts);
    const auto risk_end = r.valuestream_end(schema::kSlotRiskConcepts);
    auto dates = r.valuestream_begin(schema::kSlotOccurredDate);
    const auto dates_end = r.valuestream_end(schema::kSlotOccurredDate);
    auto people = r.valuestream_begin(schema::kSlotPersons);
    const auto people_end = r.valuestream_end(schema::kSlotPersons);
    auto batches = r.valuestream_begin(schema::kSlotIngestBatch);
    const auto batches_end = r.valuestream_end(schema::kSlotIngestBatch);
    for (; risk != risk_end; ++risk) {
      const Xapian::docid docid = risk.get_docid();
      std::istringstream concepts(*risk);
      std::string c;
      bool counts = false;
      while (concepts >> c) counts = counts || rule.concepts.count(c) > 0;
      if (!counts) continue;
      const auto day = value_at(dates, dates_end, docid);
      if (!day || *day > as_of_compact) continue;
      const auto named = value_at(people, people_end, docid);
      if (!named) continue;
      ++risky;
      value_at(batches, batches_end, docid);
      const Date date = Date::parse_compact(*day).value_or(Date());
      std::istringstream entries(*named);
      std::string entry;
      while (entries >> entry) {
        const auto colon = entry.find(':');
        if (colon == std::string::npos || !rule.acting_roles.count(entry.substr(colon + 1))) continue;
        const std::string cpr = entry.substr(0, colon);
        auto [birth, fresh] = births.try_emplace(cpr);
        if (fresh)
          if (const auto parsed = Cpr::parse(cpr)) birth->second = parsed->birth_date();
        if (!birth->second || socialsoeg::age_on(*birth->second, date) < rule.adult_age) continue;
        auto& [last, n] = qualifying[cpr];
        if (last != docid) ++n;
        last = docid;
      }
    }
  }
  const Spent streams = stream_watch.spent();
  std::vector<Cpr> subjects;
  for (const auto& [cpr, q] : qualifying)
    if (q.second >= static_cast<size_t>(rule.min_reports)) subjects.push_back(*Cpr::parse(cpr));
  row("step 1", streams, "value streams and qualifying reports: " + std::to_string(risky) + " reports of " +
                             std::to_string(reports->get_doccount()) + ", " + std::to_string(qualifying.size()) +
                             " subjects, " + std::to_string(subjects.size()) + " with enough reports");

  // Step 2's first question to the register: each such subject's registrations.
  Stopwatch person_watch;
  size_t registrations = 0;
  for (const auto& cpr : subjects) registrations += residents.of_person(cpr).size();
  const Spent persons = person_watch.spent();
  row("of_person", persons, std::to_string(subjects.size()) + " subjects' registrations from the register (" +
                                std::to_string(registrations) + " rows: posting list, document data, 2 values each)");

  reports.emplace(dir.open_live_for_reading());
  Stopwatch run_watch;
  const auto result = socialsoeg::screening::Screener(*reports, residents, rule).run(as_of);
  const Spent run = run_watch.spent();
  size_t flag_reports = 0;
  for (const auto& f : result.flags) flag_reports += f.reports.size();
  row("run", run, std::to_string(result.flags.size()) + " flags, " + std::to_string(result.subjects) +
                      " subjects with enough reports, " + std::to_string(result.reports_read) + " reports read");

  reports.emplace(dir.open_live_for_reading());
  Stopwatch data_watch;
  size_t bytes = 0, ids = 0;
  for (const auto& f : result.flags)
    for (const auto& fr : f.reports) {
      const std::string data = reports->get_document(fr.docid).get_data();
      bytes += data.size();
      ids += !nlohmann::json::parse(data).value("id", "").empty();
    }
  const Spent data = data_watch.spent();
  row("data", data, std::to_string(flag_reports) + " reports of flags (" + std::to_string(ids) + " ids), " +
                        std::to_string(bytes / 1024) + " KB of stored JSON");
  row("rest", {run.wall - streams.wall - persons.wall - data.wall, run.user - streams.user - persons.user - data.user,
               run.sys - streams.sys - persons.sys - data.sys},
      "run - step 1 - of_person - data: patterns, the register's at_address (children there on a date)");
}

// The lookup latency table and the figures line.
void family_latency(const std::string& db, const std::string& residents_file, size_t count, std::uint64_t seed,
                    Date as_of) {
  auto pool = resident_cprs(residents_file);
  std::mt19937_64 rng(seed);
  std::shuffle(pool.begin(), pool.end(), rng);
  std::vector<Cpr> sample;
  for (const auto& text : pool) {
    if (sample.size() == count) break;
    if (auto cpr = Cpr::parse(text)) sample.push_back(std::move(*cpr));
  }
  if (sample.size() < count)
    std::fprintf(stderr, "socialsoeg-bench-family: only %zu valid CPR numbers in %s\n", sample.size(),
                 residents_file.c_str());

  // As `socialsoeg family` opens them.
  const socialsoeg::analysis::Analyzer analyzer;
  const socialsoeg::indexer::DatabaseDir dir(db);
  const Xapian::Database reports = dir.open_live_for_reading(&analyzer.identity());
  const socialsoeg::indexer::ResidentStore residents(dir.residents_path());
  const socialsoeg::family::FamilyLookup lookup(analyzer, reports, residents);

  // Untimed pass: the cache warm, and the work counted.
  size_t members = 0, report_count = 0, nowhere = 0, truncated = 0, max_reports = 0;
  for (const auto& cpr : sample) {
    const auto r = lookup.by_cpr(cpr, as_of);
    members += r.household.size();
    report_count += r.reports.size();
    max_reports = std::max(max_reports, r.reports.size());
    nowhere += r.address_id.empty();
    truncated += r.reports_truncated;
  }

  std::vector<double> lookup_ms, json_ms, total_ms;
  size_t bytes = 0;
  for (const auto& cpr : sample) {
    const auto start = Clock::now();
    const auto r = lookup.by_cpr(cpr, as_of);
    const double looked = ms_since(start);
    const auto json_start = Clock::now();
    bytes += socialsoeg::family::to_json(r).dump().size();
    const double jsoned = ms_since(json_start);
    lookup_ms.push_back(looked);
    json_ms.push_back(jsoned);
    total_ms.push_back(looked + jsoned);
  }
  for (auto* v : {&lookup_ms, &json_ms, &total_ms}) std::sort(v->begin(), v->end());

  const double n = static_cast<double>(std::max<size_t>(sample.size(), 1));
  const size_t housed = sample.size() - nowhere;
  std::printf("%zu CPR numbers from %s (seed %llu), as of %s; %u reports, %u registrations; warm cache\n",
              sample.size(), residents_file.c_str(), static_cast<unsigned long long>(seed), as_of.iso().c_str(),
              reports.get_doccount(), residents.size());
  std::printf("%-34s %8s %8s %8s %8s %8s\n", "ms per lookup", "p50", "p95", "p99", "max", "mean");
  auto row = [](const char* name, const std::vector<double>& v) {
    double sum = 0;
    for (const double x : v) sum += x;
    std::printf("%-34s %8.2f %8.2f %8.2f %8.2f %8.2f\n", name, percentile(v, 50), percentile(v, 95),
                percentile(v, 99), v.empty() ? 0.0 : v.back(), sum / static_cast<double>(std::max<size_t>(v.size(), 1)));
  };
  row("FamilyLookup::by_cpr", lookup_ms);
  row("to_json().dump() of the result", json_ms);
  row("both (what `socialsoeg family` does)", total_ms);
  std::printf("household: %.2f members on average (%zu of %zu registered nowhere that day: own reports only)\n",
              housed ? static_cast<double>(members) / static_cast<double>(housed) : 0.0, nowhere, sample.size());
  std::printf("reports per lookup: %.1f on average, %zu at most, %zu truncated at %zu; %.1f KB of JSON on average\n",
              static_cast<double>(report_count) / n, max_reports, truncated, socialsoeg::family::FamilyLookup::kMaxReports,
              static_cast<double>(bytes) / n / 1024.0);
  const double p99 = percentile(lookup_ms, 99);
  std::printf("target: by_cpr p99 <= %.0f ms: %s\n", kTargetP99Ms, p99 <= kTargetP99Ms ? "met" : "NOT met");
  std::printf("figures lookups=%zu p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f household=%.2f reports=%.1f"
              " json_p99_ms=%.3f\n",
              sample.size(), percentile(lookup_ms, 50), percentile(lookup_ms, 95), p99,
              lookup_ms.empty() ? 0.0 : lookup_ms.back(),
              housed ? static_cast<double>(members) / static_cast<double>(housed) : 0.0,
              static_cast<double>(report_count) / n, percentile(json_ms, 99));
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, residents_file, as_of_text = "2025-06-30";
  size_t count = 500;
  std::uint64_t seed = 11;
  CLI::App app{"Family lookup latency: FamilyLookup::by_cpr over sampled residents (issue 11)",
               "socialsoeg-bench-family"};
  app.add_option("--db", db, "Socialsøg database directory with residents loaded")->required();
  app.add_option("--residents", residents_file, "the residents extract the register was loaded from")->required();
  app.add_option("--count", count, "CPR numbers to look up (0: none, only --screen-breakdown)")->default_val(500);
  app.add_option("--seed", seed, "seed of the sample")->default_val(11);
  app.add_option("--as-of", as_of_text, "the lookup date")->default_val("2025-06-30");
  std::string screen_as_of;
  app.add_option("--screen-breakdown", screen_as_of, "also time the parts of a screening run as of this date");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto as_of = Date::parse_iso(as_of_text);
    if (!as_of) throw std::runtime_error("--as-of: not a date (YYYY-MM-DD): " + as_of_text);

    if (count > 0) family_latency(db, residents_file, count, seed, *as_of);
    if (!screen_as_of.empty()) {
      const auto screen_date = Date::parse_iso(screen_as_of);
      if (!screen_date) throw std::runtime_error("--screen-breakdown: not a date (YYYY-MM-DD): " + screen_as_of);
      screen_breakdown(db, *screen_date);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "socialsoeg-bench-family: %s\n", e.what());
    return 1;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "socialsoeg-bench-family: Xapian: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
