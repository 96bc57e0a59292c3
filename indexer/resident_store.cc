#include "indexer/resident_store.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "indexer/database_dir.h"
#include "indexer/resident_record.h"
#include "indexer/schema.h"

namespace socialsoeg::indexer {
namespace {

constexpr const char* kLastLoad = "socialsoeg.residents.last_load";
// A term unique to one registration row, so the same row twice in one
// extract is stored once.
constexpr std::string_view kRowPrefix = "XROW";

Xapian::Document make_document(const ResidentRecord& r, const std::string& load) {
  Xapian::Document doc;
  const std::string& cpr = r.cpr.canonical();
  doc.add_boolean_term(std::string(schema::kResidentCpr) + cpr);
  doc.add_boolean_term(schema::boolean_term(schema::kResidentAddress, r.address_id));
  doc.add_value(schema::kSlotFrom, r.from.compact());
  doc.add_value(schema::kSlotTo, r.to ? r.to->compact() : std::string(schema::kOpenEnded));
  doc.add_value(schema::kSlotLoad, load);
  nlohmann::json data = {{"cpr", cpr}, {"name", r.name}, {"address_id", r.address_id}, {"from", r.from.iso()},
                         {"to", r.to ? nlohmann::json(r.to->iso()) : nlohmann::json(nullptr)}};
  doc.set_data(data.dump());
  return doc;
}

std::string row_term(const ResidentRecord& r) {
  return std::string(kRowPrefix) + r.cpr.canonical() + ":" + r.from.compact() + ":" + r.address_id;
}

}  // namespace

void load_residents(const std::filesystem::path& db_path, const std::vector<std::string>& inputs,
                    const std::optional<std::filesystem::path>& rejects, size_t batch_size, ResidentLoadStats& stats) {
  InputScanner scanner(describe_inputs(inputs), rejects, stats.scan);
  try {
    Xapian::WritableDatabase db(db_path.string(), Xapian::DB_CREATE_OR_OPEN);
    const std::string last = db.get_metadata(kLastLoad);
    stats.load = (last.empty() ? 0 : std::stoull(last)) + 1;
    const std::string load = Xapian::sortable_serialise(static_cast<double>(stats.load));
    size_t in_batch = 0;
    auto commit = [&] {
      db.set_metadata(kLastLoad, std::to_string(stats.load));
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
          Xapian::Document doc = make_document(r, load);
          const std::string row = row_term(r);
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
    rethrow_xapian(e, "loading residents into " + db_path.string());
  }
  stats.rejects_files = scanner.rejects_files();
}

ResidentStore::ResidentStore(const std::filesystem::path& db_path) {
  if (!std::filesystem::exists(db_path))
    throw EnvironmentError("no residents loaded in " + db_path.parent_path().string() + " (run socialsoeg residents)");
  try {
    db_ = Xapian::Database(db_path.string());
  } catch (const Xapian::Error& e) {
    rethrow_xapian(e, "opening " + db_path.string());
  }
}

std::vector<Registration> ResidentStore::read(const std::string& term) const {
  std::vector<Registration> out;
  for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
    const Xapian::Document doc = db_.get_document(*it);
    const auto j = nlohmann::json::parse(doc.get_data());
    Registration r{j.at("cpr"), j.value("name", ""), j.at("address_id"),
                   *Date::parse_compact(doc.get_value(schema::kSlotFrom)), std::nullopt};
    const std::string to = doc.get_value(schema::kSlotTo);
    if (to != schema::kOpenEnded) r.to = Date::parse_compact(to);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Registration> ResidentStore::at_address(const std::string& address_id, Date on) const {
  auto all = read(schema::boolean_term(schema::kResidentAddress, address_id));
  std::erase_if(all, [&](const Registration& r) { return !r.covers(on); });
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.cpr < b.cpr; });
  // One person registered twice there on that day (overlapping rows) is one resident.
  all.erase(std::unique(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.cpr == b.cpr; }), all.end());
  return all;
}

std::vector<Registration> ResidentStore::of_person(const Cpr& cpr) const {
  auto all = read(std::string(schema::kResidentCpr) + cpr.canonical());
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
  return all;
}

std::optional<Registration> ResidentStore::address_of(const Cpr& cpr, Date on) const {
  std::optional<Registration> found;
  for (auto& r : of_person(cpr))
    if (r.covers(on)) found = std::move(r);  // of_person is by move-in: the last one covering wins
  return found;
}

}  // namespace socialsoeg::indexer
