// socialsoeg-sample: writes realistic synthetic reports and residents for the
// demo, the tests and the benchmarks.
//
//   socialsoeg-sample --out DIR --reports 200000 [--seed 7]
//
// Writes DIR/reports.jsonl, residents.jsonl, labels.jsonl (concepts per
// report, from the hand-tagged phrase bank) and truth.json (the screening
// flags the planted patterns must give, in the format of eval/dev/screen.json).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "bench/sample/generator.h"
#include "core/errors.h"

int main(int argc, char** argv) {
  using namespace socialsoeg;
  sample::GeneratorOptions o;
  std::string start = o.start.iso(), end = o.end.iso();
  const std::string data = SOCIALSOEG_SOURCE_DIR;
  o.phrases = data + "/bench/data/phrases.da.txt";
  o.names = data + "/bench/data/names.da.txt";
  o.municipalities = data + "/dictionaries/municipalities.tsv";
  o.word_list = "/usr/share/snowball/data/danish/voc.txt";

  CLI::App app{"Generate deterministic synthetic Danish police reports and residents", "socialsoeg-sample"};
  app.add_option("--out", o.out_dir, "Directory to write into (created if missing)")->required();
  app.add_option("--reports", o.reports, "Number of reports, 1 to 10 million or more")->capture_default_str();
  app.add_option("--households", o.households, "Households in the register (default: reports/5, at least 200)");
  app.add_option("--planted", o.planted, "Households with planted patterns and near misses (default: reports/125, at most 20000)");
  app.add_option("--seed", o.seed, "Seed; the same seed gives the same bytes")->capture_default_str();
  app.add_option("--start", start, "First report date")->capture_default_str();
  app.add_option("--end", end, "Last report date, also the truth's as-of date")->capture_default_str();
  app.add_option("--phrases", o.phrases, "Phrase bank")->capture_default_str();
  app.add_option("--names", o.names, "Names and places")->capture_default_str();
  app.add_option("--municipalities", o.municipalities, "Municipality table")->capture_default_str();
  app.add_option("--word-list", o.word_list, "Danish word list (Debian snowball-data)")->capture_default_str();
  app.footer("Example:\n  socialsoeg-sample --out /tmp/sample --reports 10000 --seed 42");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  try {
    const auto s = Date::parse_iso(start), e = Date::parse_iso(end);
    if (!s || !e) throw UsageError("--start and --end take dates as YYYY-MM-DD");
    o.start = *s;
    o.end = *e;
    const auto summary = sample::generate(o);
    std::fprintf(stderr,
                 "socialsoeg-sample: %llu reports (%llu planted, %.1f MB), %llu residents in %llu households, "
                 "%llu flags and %llu near misses in truth.json; %.2f s, %.0f reports/s\n",
                 static_cast<unsigned long long>(summary.reports), static_cast<unsigned long long>(summary.planted_reports),
                 static_cast<double>(summary.report_bytes) / 1e6, static_cast<unsigned long long>(summary.residents),
                 static_cast<unsigned long long>(summary.households), static_cast<unsigned long long>(summary.flags),
                 static_cast<unsigned long long>(summary.must_not_flag), summary.seconds,
                 static_cast<double>(summary.reports) / summary.seconds);
    return kExitOk;
  } catch (const UsageError& e) {
    std::fprintf(stderr, "socialsoeg-sample: %s\n", e.what());
    return kExitUsage;
  } catch (const DataError& e) {
    std::fprintf(stderr, "socialsoeg-sample: %s\n", e.what());
    return kExitData;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "socialsoeg-sample: %s\n", e.what());
    return kExitEnvironment;
  }
}
