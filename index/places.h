// The police districts and municipalities a record may name, read from
// dictionaries/municipalities.tsv (the one table of codes and districts).
// Read with core's line-file reader, not the analyzer's dictionary reader:
// the format needs the table, not the analyzer.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace socialsoeg::index {

class Places {
 public:
  // Throws DataError (file:line) on a malformed row, EnvironmentError when unreadable.
  static Places load(const std::filesystem::path& municipalities_tsv);

  bool is_district(std::string_view slug) const { return districts_.count(std::string(slug)) > 0; }
  bool is_municipality(std::string_view code) const { return municipalities_.count(std::string(code)) > 0; }
  const std::set<std::string>& districts() const { return districts_; }
  const std::set<std::string>& municipalities() const { return municipalities_; }

  // The code of a municipality given by code or by name ("Aalborg",
  // "københavn", "koebenhavn"); nullopt when there is none.
  std::optional<std::string> municipality_code(std::string_view code_or_name) const;
  // The name of the municipality with `code` ("Aalborg" for 851).
  std::optional<std::string> municipality_name(std::string_view code) const;
  // The municipality names in their folded form (for suggestions).
  std::vector<std::string> municipality_names() const;

 private:
  std::set<std::string> districts_;
  std::set<std::string> municipalities_;
  std::map<std::string, std::string> code_by_folded_name_;
  std::map<std::string, std::string, std::less<>> name_by_code_;
};

// Lower case with æ ø å written ae oe aa and spaces as '-': the form of the
// district slugs, so "Østjylland" and "oestjylland" compare equal.
std::string fold_place_name(std::string_view name);

}  // namespace socialsoeg::index
