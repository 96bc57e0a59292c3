// docs/schema.md documents index/schema.h: every prefix, value slot and
// metadata key in the schema's own tables has its row in the document's
// section for its database, and every constant index/schema.h declares is in
// one of those tables — so the code, the tables and the page cannot drift.
#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <span>
#include <string>

#include "index/schema.h"
#include "temp_dir.h"

using namespace socialsoeg;

namespace {

std::string schema_doc() {
  const std::string doc = test::read_file(std::string(SOCIALSOEG_SOURCE_DIR) + "/docs/schema.md");
  REQUIRE_FALSE(doc.empty());
  return doc;
}

// The text under the heading that begins with `heading`, up to the next "## ".
std::string section(const std::string& doc, const std::string& heading) {
  const auto begin = doc.find("\n" + heading);
  INFO(heading);
  REQUIRE(begin != std::string::npos);
  const auto end = doc.find("\n## ", begin + 1);
  return doc.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

void check_prefix_rows(const std::string& text, std::span<const std::string_view> prefixes) {
  for (const auto prefix : prefixes) {
    INFO(prefix);
    CHECK(text.find("| `" + std::string(prefix) + "` |") != std::string::npos);
  }
}

void check_slot_rows(const std::string& text, std::span<const schema::SlotName> slots) {
  for (const auto& [slot, name] : slots) {
    INFO(name);
    CHECK(text.find("| " + std::to_string(slot) + " | `" + std::string(name) + "` |") != std::string::npos);
  }
}

}  // namespace

TEST_CASE("schema: docs/schema.md lists every prefix, slot and metadata key of the reports database", "[schema]") {
  const std::string doc = schema_doc();
  check_prefix_rows(section(doc, "## Reports database: term prefixes"), schema::kReportPrefixes);
  check_slot_rows(section(doc, "## Reports database: value slots"), schema::kReportSlots);
  const std::string keys = section(doc, "## Reports database: metadata keys");
  check_prefix_rows(keys, schema::kReportMetadataKeys);
  for (const auto prefix : schema::kReportMetadataKeyPrefixes) {
    INFO(prefix);
    CHECK(keys.find("| `" + std::string(prefix)) != std::string::npos);
  }
  CHECK(keys.find("`" + std::string(schema::kMetaBatchPrefix) + "NNNNNNNNNNNN`") != std::string::npos);
  CHECK(doc.find("gap of " + std::to_string(schema::kTextPositionGap)) != std::string::npos);
}

TEST_CASE("schema: docs/schema.md lists every prefix, slot and metadata key of the residents database", "[schema]") {
  const std::string residents = section(schema_doc(), "## Residents database");
  check_prefix_rows(residents, schema::kResidentPrefixes);
  check_slot_rows(residents, schema::kResidentSlots);
  check_prefix_rows(residents, schema::kResidentMetadataKeys);
  CHECK(residents.find("`" + std::string(schema::kOpenEnded) + "`") != std::string::npos);
}

TEST_CASE("schema: every prefix, slot and key index/schema.h declares is in one of its tables", "[schema]") {
  const std::string header = test::read_file(std::string(SOCIALSOEG_SOURCE_DIR) + "/index/schema.h");
  REQUIRE_FALSE(header.empty());
  std::set<std::string> listed;
  for (const auto p : schema::kReportPrefixes) listed.emplace(p);
  for (const auto p : schema::kResidentPrefixes) listed.emplace(p);
  for (const auto k : schema::kReportMetadataKeys) listed.emplace(k);
  for (const auto k : schema::kReportMetadataKeyPrefixes) listed.emplace(k);
  for (const auto k : schema::kResidentMetadataKeys) listed.emplace(k);
  std::set<std::string> slot_names;
  for (const auto& s : schema::kReportSlots) slot_names.emplace(s.name);
  for (const auto& s : schema::kResidentSlots) slot_names.emplace(s.name);

  // Values that are neither a prefix nor a key: the schema version and the open end of a registration.
  const std::set<std::string> not_names = {"kSchemaVersion", "kOpenEnded"};
  const std::regex string_constant(R"re(inline constexpr std::string_view (k\w+) = "([^"]*)";)re");
  size_t strings = 0;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), string_constant); it != std::sregex_iterator(); ++it) {
    if (not_names.count((*it)[1].str())) continue;
    ++strings;
    INFO((*it)[1].str());
    CHECK(listed.count((*it)[2].str()));
  }
  CHECK(strings >= 20);
  const std::regex slot_constant(R"re((kSlot\w+) = \d+,)re");
  size_t slots = 0;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), slot_constant); it != std::sregex_iterator(); ++it) {
    ++slots;
    INFO((*it)[1].str());
    CHECK(slot_names.count((*it)[1].str()));
  }
  CHECK(slots == std::size(schema::kReportSlots) + std::size(schema::kResidentSlots));
}

TEST_CASE("schema: the schema version docs/schema.md names is the one in the code", "[schema]") {
  const std::string doc = schema_doc();
  CHECK(doc.find("| `socialsoeg.schema` | `" + std::string(schema::kSchemaVersion) + "`") != std::string::npos);
}
