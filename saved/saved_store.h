// Saved searches (docs/contract.md §6): named queries kept with the index
// in DIR/saved/, run on demand or weekly, each run remembering what it showed
// so that "new since the last run" is exact. Each user has names of their
// own: two users may both keep a search called "vold", and whether a name is
// taken tells nothing about anyone else's (a name may hold a CPR number).
//
//   DIR/saved/u-HEX/searches.json   the owner's searches (HEX: the user name
//                                   in hex, so any name is a safe folder):
//                                   {"NAME": {"kind": "search"|"screen",
//                                   "query", "description", "rule", "created",
//                                   "user", "scope"}}
//   DIR/saved/u-HEX/NAME.ids        the ids the last run matched, one per line
//   DIR/saved/u-HEX/NAME.run.json   {"runs", "time", "user", "last_batch"}
//   DIR/saved/lock                  taken by every change
//
// A DIR/saved/searches.json of the earlier shared layout is moved into its
// owners' folders the first time the store is used.
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
  // The saved searches of `owner` (a user name) in database directory `db_dir`.
  SavedStore(const std::filesystem::path& db_dir, std::string owner);

  // UsageError for a name that is not 1-64 of [A-Za-z0-9_-], or one the owner already has.
  void add(const SavedSearch& search) const;
  // UsageError when the owner has none by that name.
  void remove(const std::string& name) const;
  std::vector<SavedSearch> list() const;
  std::optional<SavedSearch> find(const std::string& name) const;

  RunState state(const std::string& name) const;
  void record_run(const std::string& name, const RunState& state) const;

  static void check_name(const std::string& name);

 private:
  std::map<std::string, SavedSearch> read() const;
  void write(const std::map<std::string, SavedSearch>& all) const;
  // Moves a shared DIR/saved/searches.json into its owners' folders (under the lock).
  void migrate_shared_layout() const;
  std::filesystem::path root_;   // DIR/saved
  std::filesystem::path dir_;    // DIR/saved/u-HEX
  std::string owner_;
};

}  // namespace socialsoeg::saved
