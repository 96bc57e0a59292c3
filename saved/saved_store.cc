#include "saved/saved_store.h"

#include <fstream>
#include <sstream>

#include "core/date.h"
#include "core/errors.h"
#include "core/files.h"
#include "core/hash.h"

namespace socialsoeg::saved {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// An owner's folder: the user name in hex, so that no name can reach outside DIR/saved.
fs::path owner_dir(const fs::path& root, const std::string& owner) { return root / ("u-" + to_hex(owner)); }

std::map<std::string, SavedSearch> read_searches(const fs::path& file) {
  std::map<std::string, SavedSearch> out;
  if (!fs::exists(file)) return out;
  try {
    const auto j = nlohmann::json::parse(read_all(file));
    for (const auto& [name, v] : j.items()) {
      SavedSearch s;
      s.name = name;
      s.kind = v.value("kind", "search");
      s.query = v.value("query", "");
      s.description = v.value("description", "");
      s.rule = v.value("rule", nlohmann::json());
      s.created = v.value("created", "");
      s.user = v.value("user", "");
      s.scope = v.value("scope", "all");
      out[name] = s;
    }
  } catch (const nlohmann::json::exception& e) {
    throw DataError(file.string() + ": not a saved-searches file (" + e.what() + ")");
  }
  return out;
}

void write_searches(const fs::path& file, const std::map<std::string, SavedSearch>& all) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, s] : all) {
    j[name] = {{"kind", s.kind}, {"query", s.query}, {"description", s.description},
               {"created", s.created}, {"user", s.user}, {"scope", s.scope}};
    if (!s.rule.is_null()) j[name]["rule"] = s.rule;
  }
  replace_file(file, j.dump(2) + "\n");
}

}  // namespace

SavedStore::SavedStore(const fs::path& db_dir, std::string owner)
    : root_(db_dir / "saved"), dir_(owner_dir(root_, owner)), owner_(std::move(owner)) {}

void SavedStore::check_name(const std::string& name) {
  const bool ok = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  if (!ok) throw UsageError("a saved search's name is 1-64 letters a-z, digits, '-' or '_' (not '" + name + "')");
}

void SavedStore::migrate_shared_layout() const {
  const fs::path shared = root_ / "searches.json";
  if (!fs::exists(shared)) return;
  std::map<std::string, std::map<std::string, SavedSearch>> by_owner;
  for (auto& [name, s] : read_searches(shared)) by_owner[s.user][name] = s;
  for (const auto& [owner, searches] : by_owner) {
    const fs::path to = owner_dir(root_, owner);
    fs::create_directories(to);
    auto mine = read_searches(to / "searches.json");
    for (const auto& [name, s] : searches) {
      mine[name] = s;
      for (const char* ext : {".ids", ".run.json"}) {
        std::error_code ec;
        if (fs::exists(root_ / (name + ext))) fs::rename(root_ / (name + ext), to / (name + ext), ec);
        if (ec) throw EnvironmentError("cannot move " + (root_ / (name + ext)).string() + ": " + ec.message());
      }
    }
    write_searches(to / "searches.json", mine);
  }
  // Last: a crash before this line moves the same searches again next time.
  fs::remove(shared);
  sync_path(root_);
}

std::map<std::string, SavedSearch> SavedStore::read() const {
  if (fs::exists(root_ / "searches.json")) {
    FileLock lock(root_ / "lock");
    migrate_shared_layout();
  }
  return read_searches(dir_ / "searches.json");
}

void SavedStore::write(const std::map<std::string, SavedSearch>& all) const {
  fs::create_directories(dir_);
  write_searches(dir_ / "searches.json", all);
}

void SavedStore::add(const SavedSearch& search) const {
  check_name(search.name);
  fs::create_directories(root_);
  FileLock lock(root_ / "lock");
  migrate_shared_layout();
  auto all = read_searches(dir_ / "searches.json");
  if (all.count(search.name)) throw UsageError("you already have a saved search '" + search.name + "' (saved rm it first)");
  SavedSearch s = search;
  s.user = owner_;
  if (s.created.empty()) s.created = utc_timestamp();
  all[s.name] = s;
  write(all);
}

void SavedStore::remove(const std::string& name) const {
  check_name(name);
  fs::create_directories(root_);
  FileLock lock(root_ / "lock");
  migrate_shared_layout();
  auto all = read_searches(dir_ / "searches.json");
  if (!all.erase(name)) throw UsageError("there is no saved search '" + name + "'");
  write(all);
  std::error_code ec;
  fs::remove(dir_ / (name + ".ids"), ec);
  fs::remove(dir_ / (name + ".run.json"), ec);
}

std::vector<SavedSearch> SavedStore::list() const {
  std::vector<SavedSearch> out;
  for (auto& [name, s] : read()) out.push_back(s);
  return out;
}

std::optional<SavedSearch> SavedStore::find(const std::string& name) const {
  check_name(name);
  auto all = read();
  const auto it = all.find(name);
  if (it == all.end()) return std::nullopt;
  return it->second;
}

RunState SavedStore::state(const std::string& name) const {
  check_name(name);
  RunState s;
  const fs::path run = dir_ / (name + ".run.json");
  if (!fs::exists(run)) return s;
  try {
    const auto j = nlohmann::json::parse(read_all(run));
    s.runs = j.value("runs", uint64_t{0});
    s.time = j.value("time", "");
    s.user = j.value("user", "");
    s.last_batch = j.value("last_batch", uint64_t{0});
  } catch (const nlohmann::json::exception& e) {
    throw DataError(run.string() + ": not a run record (" + e.what() + ")");
  }
  std::ifstream ids(dir_ / (name + ".ids"));
  std::string line;
  while (std::getline(ids, line))
    if (!line.empty()) s.ids.insert(line);
  return s;
}

void SavedStore::record_run(const std::string& name, const RunState& state) const {
  check_name(name);
  fs::create_directories(dir_);
  FileLock lock(root_ / "lock");
  std::string ids;
  for (const auto& id : state.ids) ids += id + "\n";
  // The caller records a run after showing it: a crash in between shows the
  // same reports again next time rather than never.
  replace_file(dir_ / (name + ".ids"), ids);
  const nlohmann::json j = {{"runs", state.runs}, {"time", state.time}, {"user", state.user}, {"last_batch", state.last_batch}};
  replace_file(dir_ / (name + ".run.json"), j.dump() + "\n");
}

}  // namespace socialsoeg::saved
