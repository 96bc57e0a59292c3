// socialsoeg-bench-family: family lookup latency for the benchmark of issue
// 11 (bench/family_screen.sh).
//
// Opens the database the way `socialsoeg family` does (the live reports
// database through index::DatabaseDir with the analyzer's identity check,
// index::ResidentStore on DIR/residents, analysis::Analyzer with its
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
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "analyzers/analyzer.h"
#include "core/cpr.h"
#include "core/date.h"
#include "family/family_lookup.h"
#include "index/database_dir.h"
#include "index/resident_store.h"
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

void family_latency(const std::string& db, const std::string& residents_file, size_t count, std::uint64_t seed,
                    Date as_of, const std::string& sample_out) {
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
  if (!sample_out.empty()) {  // the same numbers for the service benchmark's load generator
    std::ofstream out(sample_out);
    for (const auto& cpr : sample) out << cpr.canonical() << "\n";
  }

  // As `socialsoeg family` opens them.
  const socialsoeg::analysis::Analyzer analyzer;
  const socialsoeg::index::DatabaseDir dir(db);
  Xapian::Database reports = dir.open_live_for_reading(&analyzer.identity());
  socialsoeg::index::ResidentStore residents(dir.residents_path());
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
  CLI::App app{"Family lookup latency: FamilyLookup::by_cpr over sampled residents",
               "socialsoeg-bench-family"};
  app.add_option("--db", db, "Socialsøg database directory with residents loaded")->required();
  app.add_option("--residents", residents_file, "the residents extract the register was loaded from")->required();
  app.add_option("--count", count, "CPR numbers to look up")->default_val(500);
  app.add_option("--seed", seed, "seed of the sample")->default_val(11);
  app.add_option("--as-of", as_of_text, "the lookup date")->default_val("2025-06-30");
  std::string sample_out;
  app.add_option("--write-sample", sample_out, "also write the sampled CPR numbers here, one per line");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto as_of = Date::parse_iso(as_of_text);
    if (!as_of) throw std::runtime_error("--as-of: not a date (YYYY-MM-DD): " + as_of_text);

    if (count > 0) family_latency(db, residents_file, count, seed, *as_of, sample_out);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "socialsoeg-bench-family: %s\n", e.what());
    return 1;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "socialsoeg-bench-family: Xapian: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
