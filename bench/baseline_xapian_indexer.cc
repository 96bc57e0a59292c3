// socialsoeg-baseline-xapian: the plain Xapian baseline of bench/index.sh.
// Indexes reports the way a Xapian newcomer would: TermGenerator
// with Stem("danish"), positions on, default settings and default flush
// threshold, title then increase_termpos() then text, a unique "Q"+id term
// with replace_document(), the text as document data, one commit() at the end.
// Socialsøg's own indexer is measured against this on the same input.
// For the search benchmark (bench/search.sh) the filters a newcomer
// would add with QueryParser::add_boolean_prefix and a DateRangeProcessor are
// stored too: boolean terms XDISTRICT<slug> and XCPR<10 digits> (each person),
// and the occurred date as YYYYMMDD in value slot 0.
//
//   socialsoeg-baseline-xapian --db DIR REPORTS.jsonl
//
// Prints one JSON line on stdout: indexer, docs, seconds (wall time of the
// whole run: read, parse, index, commit), docs_per_s, mb_per_s (input file
// bytes / seconds / 1e6). Lines that are not a JSON object with string "id"
// and "text" are counted on stderr and skipped.
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

int main(int argc, char** argv) {
  std::string db_dir, file;
  CLI::App app{"Baseline indexer: plain Xapian TermGenerator + Stem(\"danish\")", "socialsoeg-baseline-xapian"};
  app.add_option("--db", db_dir, "Xapian database directory (created or overwritten)")->required();
  app.add_option("reports", file, "Reports as JSON Lines (e.g. from socialsoeg-sample)")->required();
  CLI11_PARSE(app, argc, argv);

  try {
    const auto t0 = std::chrono::steady_clock::now();
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "socialsoeg-baseline-xapian: cannot open %s\n", file.c_str());
      return 1;
    }
    Xapian::WritableDatabase db(db_dir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("danish"));

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
      const auto& text = j["text"].get_ref<const std::string&>();
      Xapian::Document doc;
      tg.set_document(doc);
      if (j.contains("title") && j["title"].is_string()) tg.index_text(j["title"].get_ref<const std::string&>());
      tg.increase_termpos();
      tg.index_text(text);
      doc.set_data(text);
      const std::string idterm = "Q" + j["id"].get<std::string>();
      doc.add_boolean_term(idterm);
      if (j.contains("district") && j["district"].is_string())
        doc.add_boolean_term(std::string("XDISTRICT").append(j["district"].get_ref<const std::string&>()));
      if (j.contains("persons") && j["persons"].is_array())
        for (const auto& p : j["persons"])
          if (p.is_object() && p.contains("cpr") && p["cpr"].is_string()) {
            std::string digits;
            for (const char c : p["cpr"].get_ref<const std::string&>())
              if (c >= '0' && c <= '9') digits += c;
            doc.add_boolean_term(std::string("XCPR").append(digits));
          }
      if (j.contains("occurred") && j["occurred"].is_string()) {
        const auto& occurred = j["occurred"].get_ref<const std::string&>();  // YYYY-MM-DD[Thh:mm]
        if (occurred.size() >= 10)
          doc.add_value(0, occurred.substr(0, 4).append(occurred.substr(5, 2)).append(occurred.substr(8, 2)));
      }
      db.replace_document(idterm, doc);
      ++docs;
    }
    db.commit();
    db.close();

    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (invalid > 0) std::fprintf(stderr, "socialsoeg-baseline-xapian: skipped %llu invalid lines\n", invalid);
    const nlohmann::ordered_json out = {{"indexer", "xapian-termgenerator"},
                                        {"docs", docs},
                                        {"seconds", s},
                                        {"docs_per_s", static_cast<double>(docs) / s},
                                        {"mb_per_s", static_cast<double>(bytes) / s / 1e6}};
    std::printf("%s\n", out.dump().c_str());
    return 0;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "socialsoeg-baseline-xapian: %s\n", e.get_description().c_str());
    return 1;
  }
}
