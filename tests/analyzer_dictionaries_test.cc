// Dictionary files are data: a malformed line is reported as file:line, and
// the analyzer's identity changes with any dictionary byte.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "analyzers/analyzer.h"
#include "core/errors.h"

namespace fs = std::filesystem;
using socialsoeg::analysis::Analyzer;
using socialsoeg::analysis::AnalyzerOptions;

namespace {

// A private copy of dictionaries/ to break.
fs::path copy_dictionaries(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("socialsoeg-dict-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::copy(SOCIALSOEG_DICTIONARIES, dir);
  return dir;
}

void append(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::app);
  out << text;
}

std::string load_error(const fs::path& dir) {
  AnalyzerOptions o = AnalyzerOptions::defaults();
  o.dictionaries = dir;
  try {
    Analyzer a(o);
  } catch (const socialsoeg::DataError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("dictionaries: a bad line is reported with file and line", "[analyzer][dictionaries]") {
  {
    const auto dir = copy_dictionaries("concepts");
    append(dir / "concepts.da.txt", "colour blue\n");
    const std::string e = load_error(dir);
    CHECK(e.find("concepts.da.txt:") != std::string::npos);
    CHECK(e.find("unknown key 'colour'") != std::string::npos);
    fs::remove_all(dir);
  }
  {
    // A class among alternatives would silently be the literal word "number".
    const auto dir = copy_dictionaries("class-alternative");
    append(dir / "concepts.da.txt", "pattern #decimal|#number gram hash\n");
    const std::string e = load_error(dir);
    CHECK(e.find("concepts.da.txt:") != std::string::npos);
    CHECK(e.find("stands alone, not among alternatives") != std::string::npos);
    fs::remove_all(dir);
  }
  {
    const auto dir = copy_dictionaries("synonyms");
    append(dir / "synonyms.da.txt", "lonely\n");
    CHECK(load_error(dir).find("synonyms.da.txt:") != std::string::npos);
    fs::remove_all(dir);
  }
  {
    const auto dir = copy_dictionaries("stopwords");
    append(dir / "stopwords.da.txt", "two words\n");
    CHECK(load_error(dir).find("stopwords.da.txt:") != std::string::npos);
    fs::remove_all(dir);
  }
  {
    const auto dir = copy_dictionaries("negation");
    append(dir / "negation.da.txt", "[maybe]\nmåske\n");
    CHECK(load_error(dir).find("unknown section [maybe]") != std::string::npos);
    fs::remove_all(dir);
  }
}

TEST_CASE("dictionaries: the identity names the analysis and hashes every dictionary", "[analyzer][dictionaries]") {
  const auto dir = copy_dictionaries("identity");
  AnalyzerOptions o = AnalyzerOptions::defaults();
  const Analyzer stock(o);
  o.dictionaries = dir;
  const std::string same = Analyzer(o).identity();
  append(dir / "synonyms.da.txt", "bil | køretøj\n");
  const std::string changed = Analyzer(o).identity();
  fs::remove_all(dir);
  CHECK(stock.identity() == same);
  CHECK(changed != same);
  CHECK(same.rfind("socialsoeg-danish/", 0) == 0);
  CHECK(same.find("dict:") != std::string::npos);
}

TEST_CASE("dictionaries: a missing lexicon is an environment error that says so", "[analyzer][dictionaries]") {
  AnalyzerOptions o = AnalyzerOptions::defaults();
  o.lexicon = "/nonexistent/lemmas.bin";
  CHECK_THROWS_AS(Analyzer(o), socialsoeg::EnvironmentError);
}
