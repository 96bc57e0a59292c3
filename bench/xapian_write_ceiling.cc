// How fast can Xapian store our documents at all? Re-adds the first N
// documents of an existing Socialsøg database into a fresh one on one
// thread, with the documents prepared in memory beforehand, so the time is
// Xapian's write path alone: no reading, parsing or analysis. Run with and
// without positions and stored data, it says what each costs — the ceiling
// that bench/index.sh's figures are measured against.
//   socialsoeg-bench-xapian-write --from DB --limit 50000
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>
#include <xapian.h>

#include "index/schema.h"

namespace {

struct Variant {
  const char* name;
  bool positions;
  bool data;
  bool values = true;
  bool boolean_terms = true;
};

double write_all(const std::vector<Xapian::Document>& docs, const std::string& path, size_t commit_every) {
  std::filesystem::remove_all(path);
  const auto start = std::chrono::steady_clock::now();
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  size_t n = 0;
  for (const auto& d : docs) {
    db.add_document(d);
    if (++n % commit_every == 0) db.commit();
  }
  db.commit();
  db.close();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::filesystem::remove_all(path);
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Xapian's write path alone, on prepared Socialsøg documents"};
  std::string from, scratch = "/tmp/socialsoeg-write-ceiling";
  Xapian::doccount limit = 50'000;
  size_t commit_every = 1000;
  app.add_option("--from", from, "An existing Socialsøg database (DIR with XAPIANDB)")->required();
  app.add_option("--limit", limit, "Documents to re-add (all are held in memory)");
  app.add_option("--scratch", scratch, "Where to write the throwaway databases");
  app.add_option("--commit-every", commit_every, "Documents per commit (the rebuild's shards: 1000)");
  CLI11_PARSE(app, argc, argv);

  try {
  const Xapian::Database source(from);
  const Variant variants[] = {{"as indexed (positions, data)", true, true},
                              {"without stored data", true, false},
                              {"without positions", false, true},
                              {"without positions or data", false, false},
                              {"without value slots", true, true, false},
                              {"without boolean filter terms", true, true, true, false}};
  std::printf("%-34s %8s %9s %9s\n", "variant", "docs", "seconds", "docs/s");
  for (const auto& v : variants) {
    std::vector<Xapian::Document> docs;
    for (auto it = source.postlist_begin(""); it != source.postlist_end("") && docs.size() < limit; ++it) {
      const Xapian::Document in = source.get_document(*it);
      Xapian::Document out;
      for (auto t = in.termlist_begin(); t != in.termlist_end(); ++t) {
        const bool filter_term = !(*t).empty() && (*t)[0] >= 'A' && (*t)[0] <= 'Z';
        if (filter_term && !v.boolean_terms) continue;
        if (v.positions && t.positionlist_count() > 0) {
          for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out.add_posting(*t, *p);
        } else {
          out.add_term(*t, t.get_wdf());
        }
      }
      // The stored report is a value slot (schema.h says why): "data" here.
      for (auto val = in.values_begin(); val != in.values_end(); ++val) {
        const bool stored_report = val.get_valueno() == socialsoeg::schema::kSlotStoredReport;
        if (stored_report ? v.data : v.values) out.add_value(val.get_valueno(), *val);
      }
      docs.push_back(std::move(out));
    }
    const double seconds = write_all(docs, scratch, commit_every);
    std::printf("%-34s %8zu %9.2f %9.0f\n", v.name, docs.size(), seconds, static_cast<double>(docs.size()) / seconds);
  }
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "socialsoeg-bench-xapian-write: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
