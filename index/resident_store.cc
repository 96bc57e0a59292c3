#include "index/resident_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "index/database_dir.h"
#include "index/schema.h"

namespace socialsoeg::index {
std::string resident_load_value(uint64_t number) { return Xapian::sortable_serialise(static_cast<double>(number)); }

Xapian::Document resident_document(const Registration& r, const std::string& load) {
  Xapian::Document doc;
  const std::string& cpr = r.cpr;
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

std::string resident_row_term(const Registration& r) {
  return std::string(schema::kResidentRow) + r.cpr + ":" + r.from.compact() + ":" + r.address_id;
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

}  // namespace socialsoeg::index
