// The police districts and municipalities a record may name, read from
// dictionaries/municipalities.tsv (the one table of codes and districts).
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <string_view>

namespace socialsoeg::indexer {

class Places {
 public:
  // Throws DataError (file:line) on a malformed row, EnvironmentError when unreadable.
  static Places load(const std::filesystem::path& municipalities_tsv);

  bool is_district(std::string_view slug) const { return districts_.count(std::string(slug)) > 0; }
  bool is_municipality(std::string_view code) const { return municipalities_.count(std::string(code)) > 0; }
  const std::set<std::string>& districts() const { return districts_; }

 private:
  std::set<std::string> districts_;
  std::set<std::string> municipalities_;
};

}  // namespace socialsoeg::indexer
