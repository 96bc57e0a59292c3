// socialsoeg-bench-analyzer: analyzer throughput on one core, side by side in
// one run with (a) ICU word segmentation alone and (b) Xapian's
// TermGenerator with Stem("danish"), over the same texts held in memory.
//
//   socialsoeg-bench-analyzer REPORTS.jsonl [--rounds N]
//
// Prints MB/s per method (best of N rounds, so a noisy neighbour costs less)
// and the full analyzer's share of TermGenerator's throughput.
#include <sys/resource.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "analyzers/segmenter.h"
#include "analyzers/utf16_text.h"

namespace {

using Clock = std::chrono::steady_clock;

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// Best-of-N seconds for `work` over all texts; `sink` keeps results alive.
double best_seconds(int rounds, const std::function<size_t()>& work, size_t& sink) {
  double best = 1e100;
  for (int r = 0; r < rounds; ++r) {
    const auto t0 = Clock::now();
    sink += work();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::string file;
  int rounds = 3;
  CLI::App app{"Analyzer throughput benchmark", "socialsoeg-bench-analyzer"};
  app.add_option("reports", file, "reports.jsonl (e.g. from socialsoeg-sample)")->required();
  app.add_option("--rounds", rounds, "Rounds per method; the best counts")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  std::vector<std::string> texts;
  size_t bytes = 0;
  {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      const auto j = nlohmann::json::parse(line);
      texts.push_back(j.value("title", std::string()) + "\n" + j["text"].get<std::string>());
      bytes += texts.back().size();
    }
  }
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("texts: %zu, %.1f MB of title+text; best of %d rounds, one thread\n", texts.size(), mb, rounds);

  size_t sink = 0;
  const long rss_before = peak_rss_kb();
  const socialsoeg::analysis::Analyzer analyzer;
  const long rss_analyzer = peak_rss_kb();

  const double icu = best_seconds(rounds, [&] {
    socialsoeg::analysis::Utf16Text t;
    socialsoeg::analysis::WordSegmenter seg;
    std::vector<socialsoeg::analysis::Segment> segments;
    size_t n = 0;
    for (const auto& s : texts) {
      t.assign(s);
      seg.segment(t, segments);
      n += segments.size();
    }
    return n;
  }, sink);

  const double xapian = best_seconds(rounds, [&] {
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("danish"));
    size_t n = 0;
    for (const auto& s : texts) {
      Xapian::Document doc;
      tg.set_document(doc);
      tg.index_text(s);
      n += doc.termlist_count();
    }
    return n;
  }, sink);

  socialsoeg::analysis::Workspace ws;
  socialsoeg::analysis::TokenList tokens;
  const double terms_only = best_seconds(rounds, [&] {
    size_t n = 0;
    for (const auto& s : texts) {
      analyzer.analyze(s, socialsoeg::analysis::Side::kIndex, ws, tokens);
      n += tokens.size();
    }
    return n;
  }, sink);

  const double full = best_seconds(rounds, [&] {
    size_t n = 0;
    for (const auto& s : texts) {
      analyzer.analyze(s, socialsoeg::analysis::Side::kIndex, ws, tokens);
      n += tokens.size() + analyzer.mentions(tokens).size();
    }
    return n;
  }, sink);

  std::printf("%-44s %8.2f MB/s\n", "(a) ICU segmentation alone", mb / icu);
  std::printf("%-44s %8.2f MB/s\n", "(b) Xapian TermGenerator + Stem(\"danish\")", mb / xapian);
  std::printf("%-44s %8.2f MB/s\n", "Socialsøg analyzer, terms", mb / terms_only);
  std::printf("%-44s %8.2f MB/s  = %.0f%% of (b)\n", "Socialsøg analyzer, terms + concepts", mb / full,
              100.0 * xapian / full);
  std::printf("analyzer memory: lemma table %.1f MB mapped (shared, paged in on use); "
              "peak RSS %ld MB before the analyzer, %ld MB after building it, %ld MB at the end\n",
              static_cast<double>(analyzer.morphology().lexicon().bytes()) / 1e6, rss_before / 1024,
              rss_analyzer / 1024, peak_rss_kb() / 1024);
  std::printf("(checksum %zu)\n", sink);
  return 0;
}
