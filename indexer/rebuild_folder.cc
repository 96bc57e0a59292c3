#include "indexer/rebuild_folder.h"

#include "core/files.h"

namespace socialsoeg::indexer {
namespace fs = std::filesystem;

nlohmann::json manifest_for(const std::vector<InputFile>& inputs, unsigned shards, uint64_t base_batch,
                            const std::string& identity) {
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& in : inputs) keys.push_back(in.key);
  return {{"inputs", keys}, {"shards", shards}, {"base_batch", base_batch}, {"analyzer", identity}, {"order", "time"}};
}

namespace {

bool resumable(const nlohmann::json& manifest) {
  for (const auto& key : manifest["inputs"])
    if (key.get<std::string>().empty()) return false;  // stdin cannot be read twice
  return true;
}

}  // namespace

bool prepare_build_dir(const index::DatabaseDir& dir, const fs::path& build, const nlohmann::json& manifest) {
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("reports.") && name.ends_with(".build") && entry.path() != build) fs::remove_all(entry.path());
  }
  if (fs::exists(build)) {
    const auto old = nlohmann::json::parse(read_file_or_empty(build / "manifest.json"), nullptr,
                                           /*allow_exceptions=*/false);
    if (old == manifest && resumable(manifest)) return true;
    fs::remove_all(build);
  }
  fs::create_directories(build);
  replace_file(build / "manifest.json", manifest.dump(), kBuildFileMode);
  sync_path(dir.path());
  return false;
}

}  // namespace socialsoeg::indexer
