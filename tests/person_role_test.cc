// The person-role table (index/person_role.h): one row per role, the token
// parses back to its role, the acting roles are the screening's default, and
// the contract (docs/contract.md) lists exactly these tokens.
#include <catch2/catch.hpp>
#include <string>

#include "index/person_role.h"
#include "temp_dir.h"

using namespace socialsoeg;

TEST_CASE("person roles: every row's token reads back as its role, and nothing else does", "[index][roles]") {
  size_t i = 0;
  for (const auto& spec : index::person_roles()) {
    INFO(spec.token);
    CHECK(static_cast<size_t>(spec.role) == i++);
    CHECK(index::to_string(spec.role) == spec.token);
    CHECK(index::parse_person_role(spec.token) == spec.role);
    CHECK(index::danish_role_label(spec.token) == spec.danish_label);
    CHECK(index::is_acting_role(spec.token) == spec.acting);
  }
  CHECK_FALSE(index::parse_person_role("Sigtet"));
  CHECK_FALSE(index::parse_person_role("mistænkt"));
  CHECK_FALSE(index::is_acting_role("mistænkt"));
  CHECK(index::danish_role_label("mistænkt") == "mistænkt");
  CHECK(index::acting_role_tokens() == std::set<std::string>{"sigtet", "involveret"});
  CHECK(index::person_role_list(" ") == "sigtet forurettet anmelder vidne involveret");
}

TEST_CASE("person roles: docs/contract.md names every role token, in the table's order", "[index][roles]") {
  const std::string doc = test::read_file(std::string(SOCIALSOEG_SOURCE_DIR) + "/docs/contract.md");
  std::string expected;
  for (const auto& spec : index::person_roles())
    expected += (expected.empty() ? "\"role\": " : " \\| ") + ("\"" + std::string(spec.token) + "\"");
  CHECK(doc.find(expected) != std::string::npos);
}
