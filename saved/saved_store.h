// Saved searches (docs/contract.md §6): named queries kept with the index
// in DIR/saved/, run on demand or weekly, each run remembering what it showed
// so that "new since the last run" is exact.
//
//   DIR/saved/searches.json   {"NAME": {"kind": "search"|"screen", "query",
//                             "description", "rule", "created", "user"}}
//   DIR/saved/NAME.ids        the ids the last run matched, one per line
//   DIR/saved/NAME.run.json   {"runs", "time", "user", "last_batch"}
//
// Every change is written to a temporary file, fsynced and renamed over the
// old one, under an exclusive lock, so a crash never leaves half a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace socialsoeg::saved {

struct SavedSearch {
  std::string name;
  std::string kind = "search";  // "search": a query; "screen": the screening with `rule`
  std::string query;
  std::string description;
  nlohmann::json rule;           // kind "screen": the rule's settings (screening::to_json)
  std::string created, user;      // its owner: only they list, run or remove it
  std::string scope = "all";     // the owner's districts when saved (DistrictScope::describe)
};

struct RunState {
  uint64_t runs = 0;              // how many times it has run
  std::string time, user;         // the last run
  uint64_t last_batch = 0;        // the index's last batch when it last ran
  std::set<std::string> ids;      // what the last run matched (kind "search")
};

class SavedStore {
 public:
  explicit SavedStore(const std::filesystem::path& db_dir) : dir_(db_dir / "saved") {}

  // UsageError for a name that is not 1-64 of [A-Za-z0-9_-], or one already taken.
  void add(const SavedSearch& search) const;
  // UsageError when there is none by that name.
  void remove(const std::string& name) const;
  std::vector<SavedSearch> list() const;
  std::optional<SavedSearch> find(const std::string& name) const;
  // The saved search `name` when `user` owns it: to everyone else there is none by that name.
  std::optional<SavedSearch> find_owned(const std::string& name, const std::string& user) const;

  RunState state(const std::string& name) const;
  void record_run(const std::string& name, const RunState& state) const;

  static void check_name(const std::string& name);

 private:
  std::map<std::string, SavedSearch> read() const;
  void write(const std::map<std::string, SavedSearch>& all) const;
  std::filesystem::path dir_;
};

}  // namespace socialsoeg::saved
