#include "indexer/resident_loader.h"

#include <variant>

#include <xapian.h>

#include "index/database_dir.h"
#include "index/resident_store.h"
#include "index/schema.h"
#include "indexer/resident_record.h"

namespace socialsoeg::indexer {

void load_residents(const std::filesystem::path& db_path, const std::vector<std::string>& inputs,
                    const std::optional<std::filesystem::path>& rejects, size_t batch_size, ResidentLoadStats& stats,
                    const LoadLog& log) {
  InputScanner scanner(describe_inputs(inputs), rejects, log, stats.scan);
  try {
    Xapian::WritableDatabase db(db_path.string(), Xapian::DB_CREATE_OR_OPEN);
    const std::string last = db.get_metadata(std::string(schema::kMetaResidentsLastLoad));
    stats.load = (last.empty() ? 0 : std::stoull(last)) + 1;
    const std::string load = index::resident_load_value(stats.load);
    size_t in_batch = 0;
    auto commit = [&] {
      db.set_metadata(std::string(schema::kMetaResidentsLastLoad), std::to_string(stats.load));
      db.commit_transaction();
      ++stats.batches;
      in_batch = 0;
    };
    scanner.run(
        [&](size_t, const InputLine& line) -> std::optional<Rejection> {
          auto parsed = parse_resident(line.text);
          if (auto* why = std::get_if<Rejection>(&parsed)) return *why;
          const auto& r = std::get<ResidentRecord>(parsed);
          if (in_batch == 0) db.begin_transaction(/*flushed=*/true);
          // The person's first row in this load removes their rows from earlier loads.
          const std::string person = std::string(schema::kResidentCpr) + r.cpr.canonical();
          std::vector<Xapian::docid> earlier;
          bool seen_in_this_load = false;
          for (auto it = db.postlist_begin(person); it != db.postlist_end(person); ++it) {
            if (db.get_document(*it).get_value(schema::kSlotLoad) == load) {
              seen_in_this_load = true;
              break;
            }
            earlier.push_back(*it);
          }
          if (!seen_in_this_load && !earlier.empty()) {
            for (auto did : earlier) db.delete_document(did);
            ++stats.persons_replaced;
          }
          const index::Registration registration{r.cpr.canonical(), r.name, r.address_id, r.from, r.to};
          Xapian::Document doc = index::resident_document(registration, load);
          const std::string row = index::resident_row_term(registration);
          if (row.size() <= 240) doc.add_boolean_term(row);
          db.replace_document(row, doc);
          ++stats.stored;
          if (++in_batch >= batch_size) commit();
          return std::nullopt;
        },
        [&](size_t, uint64_t) {
          if (in_batch > 0) commit();
        });
    if (in_batch > 0) commit();
    db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
    db.commit();
    stats.registrations = db.get_doccount();
  } catch (const Xapian::Error& e) {
    index::rethrow_xapian(e, "loading residents into " + db_path.string());
  }
  stats.rejects_files = scanner.rejects_files();
}


}  // namespace socialsoeg::indexer
