// Which police districts' reports a user may see. Every result — hits,
// totals, snippets, household members, flags — is limited to it, so that a
// patrol officer of Fyn reads Fyn's reports and nothing else.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace socialsoeg {

class DistrictScope {
 public:
  // Every district: the CLI before any users exist, and national users.
  static DistrictScope everywhere() { return DistrictScope(true, {}); }
  // Only these districts (slugs); an empty list allows nothing.
  static DistrictScope only(std::vector<std::string> districts) {
    std::sort(districts.begin(), districts.end());
    districts.erase(std::unique(districts.begin(), districts.end()), districts.end());
    return DistrictScope(false, std::move(districts));
  }

  bool all() const { return all_; }
  const std::vector<std::string>& districts() const { return districts_; }
  bool allows(std::string_view district) const {
    return all_ || std::binary_search(districts_.begin(), districts_.end(), district);
  }
  // "all" or the slugs joined by ',' (the audit log's and the users file's form).
  std::string describe() const {
    if (all_) return "all";
    std::string s;
    for (const auto& d : districts_) s += (s.empty() ? "" : ",") + d;
    return s;
  }

 private:
  DistrictScope(bool all, std::vector<std::string> districts) : all_(all), districts_(std::move(districts)) {}
  bool all_;
  std::vector<std::string> districts_;
};

}  // namespace socialsoeg
