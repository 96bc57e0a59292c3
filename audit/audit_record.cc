#include "audit/audit_record.h"

namespace socialsoeg::audit {
namespace {

constexpr std::string_view kMacKey = ",\"mac\":\"";
constexpr size_t kMacHex = 64;
constexpr size_t kMacSuffix = kMacKey.size() + kMacHex + 2;  // ,"mac":"<64 hex>"}

// Every string in `j`, CPR numbers replaced by their keyed hash.
nlohmann::json pseudonymised(const AuditKeys& keys, const nlohmann::json& j) {
  if (j.is_string()) return keys.pseudonymise(j.get<std::string>());
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : j) out.push_back(pseudonymised(keys, v));
    return out;
  }
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : j.items()) out[k] = pseudonymised(keys, v);
    return out;
  }
  return j;
}

}  // namespace

std::string seal(const AuditKeys& keys, const AuditEvent& e, uint64_t seq, std::string_view prev, std::string_view time) {
  nlohmann::json persons = nlohmann::json::array();
  for (const auto& cpr : e.persons) persons.push_back(keys.person_hash(cpr));
  const nlohmann::json body = {{"seq", seq},
                               {"time", time},
                               {"user", keys.pseudonymise(e.user)},
                               {"roles", e.roles},
                               {"scope", e.scope},
                               {"client", e.client},
                               {"action", e.action},
                               {"purpose", keys.pseudonymise(e.purpose)},
                               {"query", keys.pseudonymise(e.query)},
                               {"persons", persons},
                               {"ids", e.ids},
                               {"outcome", e.outcome},
                               {"details", pseudonymised(keys, e.details)},
                               {"prev", prev}};
  std::string text = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string mac = keys.mac(text);
  text.pop_back();  // the closing brace: "mac" goes last
  return text + std::string(kMacKey) + mac + "\"}";
}

std::optional<SealedRecord> unseal(const AuditKeys* keys, std::string_view line) {
  if (line.size() <= kMacSuffix || line.substr(line.size() - kMacSuffix, kMacKey.size()) != kMacKey ||
      line.substr(line.size() - 2) != "\"}")
    return std::nullopt;
  std::string body_text(line.substr(0, line.size() - kMacSuffix));
  body_text += '}';
  SealedRecord r;
  r.mac = std::string(line.substr(line.size() - kMacHex - 2, kMacHex));
  r.body = nlohmann::json::parse(body_text, nullptr, false);
  if (!r.body.is_object() || !r.body.contains("seq") || !r.body["seq"].is_number_unsigned() || !r.body.contains("prev") ||
      !r.body["prev"].is_string())
    return std::nullopt;
  r.seq = r.body["seq"].get<uint64_t>();
  r.prev = r.body["prev"].get<std::string>();
  r.mac_ok = keys && keys->mac(body_text) == r.mac;
  return r;
}

std::string Checkpoint::message() const {
  return "socialsoeg audit checkpoint " + std::to_string(seq) + " " + mac + " " + time;
}

std::string checkpoint_line(const AuditKeys& keys, uint64_t seq, std::string_view mac, std::string_view time) {
  Checkpoint c{seq, std::string(mac), std::string(time), {}};
  c.signature = sign_hex(keys, c.message());
  return nlohmann::json{{"seq", c.seq}, {"mac", c.mac}, {"time", c.time}, {"sig", c.signature}}.dump();
}

std::optional<Checkpoint> parse_checkpoint(std::string_view line) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object() || !j.contains("seq") || !j["seq"].is_number_unsigned()) return std::nullopt;
  Checkpoint c;
  c.seq = j["seq"].get<uint64_t>();
  c.mac = j.value("mac", "");
  c.time = j.value("time", "");
  c.signature = j.value("sig", "");
  return c;
}

}  // namespace socialsoeg::audit
