// socialsoeg-baseline-lucene: the Lucene++ baseline of bench/index.sh:
// Lucene++ 3.0.8 (Debian's liblucene++-dev) indexing the same text
// as the Xapian baseline, the strongest peer we can run here. Snowball
// "danish" analyzer from the contrib library (no stop words), IndexWriter in
// create mode; fields: id (stored, not analyzed), title (analyzed, not
// stored), text (analyzed and stored, so stored-data cost matches Xapian's
// document data). Positions are Lucene's default for analyzed fields.
// updateDocument(Term("id", id), doc) replaces a repeated id; close() at the
// end, no optimize(). For the search benchmark (bench/search.sh)
// the filters are indexed too, untokenized and not stored: district (slug),
// cpr (10 digits, one per person) and date (occurred as YYYYMMDD, so a term
// range is a date range).
//
//   socialsoeg-baseline-lucene --index DIR REPORTS.jsonl [--ram-mb MB]
//
// Writer settings are the defaults except one: the field length is unlimited
// (the default silently drops every term past the 10,000th of a field). The
// RAM buffer stays at Lucene's default, 16 MB (IndexWriter::
// DEFAULT_RAM_BUFFER_SIZE_MB), like the Xapian baseline's default flush
// threshold; --ram-mb overrides it. On 200,000 sample reports 64 MB was no
// faster than 16 MB and tripled peak RSS, so the default is the fair choice.
//
// Prints one JSON line on stdout: indexer, docs, seconds (wall time of the
// whole run: read, parse, index, close), docs_per_s, mb_per_s (input file
// bytes / seconds / 1e6). Lines that are not a JSON object with string "id"
// and "text" are counted on stderr and skipped.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "LuceneHeaders.h"
#include "SnowballAnalyzer.h"

int main(int argc, char** argv) {
  using namespace Lucene;
  std::string index_dir, file;
  double ram_mb = 0;  // 0: keep Lucene's default
  CLI::App app{"Baseline indexer: Lucene++ with the Snowball danish analyzer", "socialsoeg-baseline-lucene"};
  app.add_option("--index", index_dir, "Index directory (created or overwritten)")->required();
  app.add_option("reports", file, "Reports as JSON Lines (e.g. from socialsoeg-sample)")->required();
  app.add_option("--ram-mb", ram_mb, "IndexWriter RAM buffer in MB (default: Lucene's, 16)");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto t0 = std::chrono::steady_clock::now();
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "socialsoeg-baseline-lucene: cannot open %s\n", file.c_str());
      return 1;
    }
    const IndexWriterPtr writer = newLucene<IndexWriter>(
        FSDirectory::open(StringUtils::toUnicode(index_dir)),
        newLucene<SnowballAnalyzer>(LuceneVersion::LUCENE_CURRENT, L"danish"), /*create=*/true,
        IndexWriter::MaxFieldLengthUNLIMITED);
    if (ram_mb > 0) writer->setRAMBufferSizeMB(ram_mb);

    unsigned long long docs = 0, invalid = 0, bytes = 0;
    std::string line;
    while (std::getline(in, line)) {
      bytes += line.size() + 1;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (!j.is_object() || !j.contains("id") || !j["id"].is_string() || !j.contains("text") ||
          !j["text"].is_string()) {
        ++invalid;
        continue;
      }
      const String id = StringUtils::toUnicode(j["id"].get_ref<const std::string&>());
      const DocumentPtr doc = newLucene<Document>();
      doc->add(newLucene<Field>(L"id", id, Field::STORE_YES, Field::INDEX_NOT_ANALYZED));
      if (j.contains("title") && j["title"].is_string())
        doc->add(newLucene<Field>(L"title", StringUtils::toUnicode(j["title"].get_ref<const std::string&>()),
                                  Field::STORE_NO, Field::INDEX_ANALYZED));
      doc->add(newLucene<Field>(L"text", StringUtils::toUnicode(j["text"].get_ref<const std::string&>()),
                                Field::STORE_YES, Field::INDEX_ANALYZED));
      if (j.contains("district") && j["district"].is_string())
        doc->add(newLucene<Field>(L"district", StringUtils::toUnicode(j["district"].get_ref<const std::string&>()),
                                  Field::STORE_NO, Field::INDEX_NOT_ANALYZED_NO_NORMS));
      if (j.contains("persons") && j["persons"].is_array())
        for (const auto& p : j["persons"])
          if (p.is_object() && p.contains("cpr") && p["cpr"].is_string()) {
            std::string digits;
            for (const char c : p["cpr"].get_ref<const std::string&>())
              if (c >= '0' && c <= '9') digits += c;
            doc->add(newLucene<Field>(L"cpr", StringUtils::toUnicode(digits), Field::STORE_NO,
                                      Field::INDEX_NOT_ANALYZED_NO_NORMS));
          }
      if (j.contains("occurred") && j["occurred"].is_string()) {
        const auto& occurred = j["occurred"].get_ref<const std::string&>();  // YYYY-MM-DD[Thh:mm]
        if (occurred.size() >= 10)
          doc->add(newLucene<Field>(
              L"date", StringUtils::toUnicode(occurred.substr(0, 4).append(occurred.substr(5, 2)).append(occurred.substr(8, 2))),
              Field::STORE_NO, Field::INDEX_NOT_ANALYZED_NO_NORMS));
      }
      writer->updateDocument(newLucene<Term>(L"id", id), doc);
      ++docs;
    }
    writer->close();

    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (invalid > 0) std::fprintf(stderr, "socialsoeg-baseline-lucene: skipped %llu invalid lines\n", invalid);
    const nlohmann::ordered_json out = {{"indexer", "lucene++"},
                                        {"docs", docs},
                                        {"seconds", s},
                                        {"docs_per_s", static_cast<double>(docs) / s},
                                        {"mb_per_s", static_cast<double>(bytes) / s / 1e6}};
    std::printf("%s\n", out.dump().c_str());
    return 0;
  } catch (const LuceneException& e) {
    std::fprintf(stderr, "socialsoeg-baseline-lucene: %s\n", e.what());
    return 1;
  }
}
