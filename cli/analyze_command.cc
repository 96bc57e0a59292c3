// `socialsoeg analyze`: how the analyzer sees a text — the tool for finding
// out why a report matched a search or did not. Reads no data, so no purpose.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "cli/commands.h"
#include "cli/common_options.h"
#include "core/errors.h"

namespace socialsoeg::cli {
namespace {

struct AnalyzeOptions {
  std::vector<std::string> words;
  bool json = false;
  bool query = false;
};

std::string read_stdin() {
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

std::string extra_name(analysis::Token::Extra e) {
  switch (e) {
    case analysis::Token::Extra::kLemma: return "lemma";
    case analysis::Token::Extra::kPart: return "part";
    case analysis::Token::Extra::kJoined: return "joined";
    case analysis::Token::Extra::kNone: break;
  }
  return "";
}

// Concept mentions are found on the index side: that is what the index stores
// and what a concept: search meets, whichever side is shown.
std::vector<analysis::ConceptMention> mentions_of(const std::string& text, const analysis::TokenList& tokens,
                                                  analysis::Side side, const analysis::Analyzer& analyzer) {
  return analyzer.mentions(side == analysis::Side::kIndex ? tokens : analyzer.analyze(text, analysis::Side::kIndex));
}

// Pads to `width` columns counting code points, not bytes, so Danish
// letters do not break the table's alignment.
std::string pad(const std::string& s, size_t width) {
  size_t columns = 0;
  for (unsigned char c : s) columns += (c & 0xC0) != 0x80;
  return columns >= width ? s : s + std::string(width - columns, ' ');
}

void print_table(const std::string& text, const analysis::TokenList& tokens, analysis::Side side,
                 const analysis::Analyzer& analyzer) {
  std::printf("%s side, analyzer %s\n", side == analysis::Side::kIndex ? "index" : "query",
              analyzer.identity().c_str());
  std::printf("%4s  %s %-8s %-9s %9s  %s\n", "pos", pad("term", 24).c_str(), "kind", "note", "bytes", "text");
  for (const auto& t : tokens) {
    const std::string range = std::to_string(t.start) + "-" + std::to_string(t.end);
    std::string note = extra_name(t.extra);
    if (t.stopword) note = "stopword";
    std::printf("%4u  %s %-8s %-9s %9s  %s%s\n", t.position, pad(t.term, 24).c_str(),
                std::string(analysis::to_string(t.kind)).c_str(), note.c_str(), range.c_str(),
                text.substr(t.start, t.end - t.start).c_str(), t.suspended_hyphen ? "-" : "");
    if (side == analysis::Side::kQuery && t.extra == analysis::Token::Extra::kNone) {
      for (const auto& e : analyzer.expansions(t.term)) {
        std::string joined;
        for (const auto& x : e.terms) joined += (joined.empty() ? "" : " ") + x;
        std::printf("%4s  %s %-8s %s\n", "", pad("  " + joined, 24).c_str(), "", e.family ? "family" : "synonym");
      }
    }
  }
  const auto mentions = mentions_of(text, tokens, side, analyzer);
  std::printf("concepts:%s\n", mentions.empty() ? " none" : "");
  for (const auto& m : mentions)
    std::printf("  %-18s %-9s %9s  %s\n", m.concept_id.c_str(), m.affirmed ? "affirmed" : "negated",
                (std::to_string(m.start) + "-" + std::to_string(m.end)).c_str(),
                text.substr(m.start, m.end - m.start).c_str());
}

nlohmann::ordered_json concepts_json(const std::string& text, const analysis::TokenList& tokens, analysis::Side side,
                                     const analysis::Analyzer& analyzer) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& m : mentions_of(text, tokens, side, analyzer))
    out.push_back({{"concept", m.concept_id}, {"polarity", m.affirmed ? "affirmed" : "negated"}, {"start", m.start},
                   {"end", m.end}, {"text", text.substr(m.start, m.end - m.start)}});
  return out;
}

nlohmann::ordered_json to_json(const std::string& text, const analysis::TokenList& tokens, analysis::Side side,
                               const analysis::Analyzer& analyzer) {
  nlohmann::ordered_json terms = nlohmann::ordered_json::array();
  for (const auto& t : tokens) {
    nlohmann::ordered_json j = {{"term", t.term}, {"position", t.position}, {"start", t.start},
                                {"end", t.end},   {"kind", analysis::to_string(t.kind)}};
    if (t.suspended_hyphen) j["suspended_hyphen"] = true;
    if (t.stopword) j["stopword"] = true;
    if (t.extra != analysis::Token::Extra::kNone) j["extra"] = extra_name(t.extra);
    if (side == analysis::Side::kQuery && t.extra == analysis::Token::Extra::kNone) {
      for (const auto& e : analyzer.expansions(t.term))
        j["expansions"].push_back({{"terms", e.terms}, {"relation", e.family ? "family" : "synonym"}});
    }
    terms.push_back(std::move(j));
  }
  return {{"side", side == analysis::Side::kIndex ? "index" : "query"},
          {"analyzer", analyzer.identity()},
          {"terms", std::move(terms)},
          {"concepts", concepts_json(text, tokens, side, analyzer)}};
}

int run(const Installation& installation, const AnalyzeOptions& opts) {
  std::string text;
  if (opts.words.size() == 1 && opts.words[0] == "-") {
    text = read_stdin();
  } else {
    for (const auto& w : opts.words) text += (text.empty() ? "" : " ") + w;
  }
  const analysis::Analyzer analyzer(analysis::AnalyzerOptions::of(installation));
  const auto side = opts.query ? analysis::Side::kQuery : analysis::Side::kIndex;
  const auto tokens = analyzer.analyze(text, side);
  if (opts.json) {
    // Replace invalid UTF-8 rather than throw: the input may well be broken,
    // that is often why someone is looking at it.
    std::cout << to_json(text, tokens, side, analyzer).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    print_table(text, tokens, side, analyzer);
  }
  return kExitOk;
}

}  // namespace

void register_analyze(CLI::App& app, CommandAction& action) {
  auto opts = std::make_shared<AnalyzeOptions>();
  CLI::App* cmd = app.add_subcommand("analyze", "Show how the analyzer sees a text: terms, positions, offsets");
  cmd->add_option("text", opts->words, "The text to analyse; '-' reads standard input")->required();
  add_json_flag(cmd, opts->json);
  cmd->add_flag("--query", opts->query, "Analyse as a query is analysed (default: as the index does)");
  cmd->footer(
      "Examples:\n"
      "  socialsoeg analyze 'Kl. 09.40 blev en 44-årig sigtet, jf. § 53, promille på 1,20'\n"
      "  socialsoeg analyze --query --json 'Hjoerring'\n"
      "  echo 'tekst' | socialsoeg analyze -");
  cmd->callback([&action, opts] { action = [opts](const Installation& installation) { return run(installation, *opts); }; });
}

}  // namespace socialsoeg::cli
