#include "audit/audit_search.h"

#include <algorithm>
#include <fstream>

#include "audit/audit_record.h"

namespace socialsoeg::audit {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::vector<nlohmann::json> search_log(const std::filesystem::path& log, const AuditKeys& keys, const AuditFilter& f) {
  const std::string person = f.person.empty() ? "" : keys.person_hash(f.person);
  const std::string purpose = lower(f.purpose);
  // "2024-03-05" as an upper bound covers the whole day.
  const std::string to = f.to.size() == 10 ? f.to + "T99" : f.to;
  std::vector<nlohmann::json> out;
  std::ifstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    auto r = unseal(nullptr, line);
    if (!r) continue;  // verify reports it; a search shows what can be read
    const auto& b = r->body;
    if (!f.user.empty() && b.value("user", "") != f.user) continue;
    if (!f.action.empty() && b.value("action", "") != f.action) continue;
    if (!f.outcome.empty() && b.value("outcome", "") != f.outcome) continue;
    if (!purpose.empty() && lower(b.value("purpose", "")).find(purpose) == std::string::npos) continue;
    const std::string time = b.value("time", "");
    if (!f.from.empty() && time < f.from) continue;
    if (!to.empty() && time > to) continue;
    if (!person.empty()) {
      const auto& persons = b.contains("persons") ? b["persons"] : nlohmann::json::array();
      const bool named = std::find(persons.begin(), persons.end(), person) != persons.end() ||
                         b.value("query", "").find("cpr#" + person) != std::string::npos ||
                         b.value("details", nlohmann::json::object()).dump().find("cpr#" + person) != std::string::npos;
      if (!named) continue;
    }
    out.push_back(r->body);
  }
  return out;
}

}  // namespace socialsoeg::audit
