#include "screening/screening_rule.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "core/settings_file.h"

namespace socialsoeg::screening {
namespace {

std::set<std::string> words(const std::string& s) {
  std::set<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.insert(w);
  return out;
}

int number(const std::string& value, int low, int high, const std::string& where) {
  int v = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size() || v < low || v > high)
    throw DataError(where + "expected a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                    ", not '" + value + "'");
  return v;
}

}  // namespace

ScreeningRule ScreeningRule::defaults(const analysis::ConceptDictionary& dictionary) {
  ScreeningRule rule;
  for (const auto& c : dictionary.concepts())
    if (c.risk) rule.concepts.insert(c.id);
  return rule;
}

void ScreeningRule::set(const std::string& key, const std::string& value, const analysis::ConceptDictionary& dictionary,
                        const std::string& where) {
  if (key == "window_days") {
    window_days = number(value, 0, 36600, where);
  } else if (key == "min_reports") {
    min_reports = number(value, 1, 1000, where);
  } else if (key == "adult_age") {
    adult_age = number(value, 0, 150, where);
  } else if (key == "child_age") {
    child_age = number(value, 1, 150, where);
  } else if (key == "acting_roles") {
    const auto roles = words(value);
    if (roles.empty()) throw DataError(where + "acting_roles needs at least one role");
    for (const auto& r : roles)
      if (!index::parse_person_role(r))
        throw DataError(where + "unknown role '" + r + "' (" + index::person_role_list(" ") + ")");
    acting_roles = roles;
  } else if (key == "concepts") {
    const auto ids = words(value);
    if (ids.empty()) throw DataError(where + "concepts needs 'risk' or at least one concept id");
    std::set<std::string> chosen;
    for (const auto& id : ids) {
      if (id == "risk") {
        for (const auto& c : dictionary.concepts())
          if (c.risk) chosen.insert(c.id);
        continue;
      }
      const auto* info = dictionary.lookup(id);
      if (!info) throw DataError(where + "unknown concept '" + id + "'");
      chosen.insert(info->id);
    }
    concepts = chosen;
  } else {
    throw DataError(where + "unknown setting '" + key +
                    "' (window_days min_reports acting_roles concepts adult_age child_age)");
  }
}

ScreeningRule ScreeningRule::load(const std::filesystem::path& file, const analysis::ConceptDictionary& dictionary) {
  ScreeningRule rule = defaults(dictionary);
  read_settings(file, [&](const std::string& key, const std::string& value, const std::string& where) {
    rule.set(key, value, dictionary, where);
  });
  return rule;
}

nlohmann::json to_json(const ScreeningRule& r) {
  return {{"window_days", r.window_days}, {"min_reports", r.min_reports}, {"acting_roles", r.acting_roles},
          {"concepts", r.concepts},       {"adult_age", r.adult_age},     {"child_age", r.child_age}};
}

}  // namespace socialsoeg::screening
