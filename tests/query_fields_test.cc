// The query language's field table (query/query_fields.h) and the reference
// page that documents it (docs/search.md): every field and alias the table
// knows is documented, and every field the page names is in the table.
#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <string>

#include "index/person_role.h"
#include "query/query_fields.h"
#include "query/query_syntax.h"
#include "temp_dir.h"

using namespace socialsoeg;

namespace {

// The "## The query language" section of docs/search.md.
std::string query_language_section() {
  const std::string doc = test::read_file(std::string(SOCIALSOEG_SOURCE_DIR) + "/docs/search.md");
  const auto begin = doc.find("## The query language");
  const auto end = doc.find("\n## ", begin + 1);
  REQUIRE(begin != std::string::npos);
  return doc.substr(begin, end - begin);
}

}  // namespace

TEST_CASE("query fields: each row sits at its enum's place and names are unique", "[query][fields]") {
  std::set<std::string> names;
  size_t i = 0;
  for (const auto& f : query::query_fields()) {
    INFO(f.name);
    CHECK(static_cast<size_t>(f.field) == i++);
    CHECK(&query::field_spec(f.field) == &f);
    CHECK(names.insert(std::string(f.name)).second);
    CHECK(query::find_field(f.name) == &f);
    for (const auto alias : f.aliases) {
      if (alias.empty()) continue;
      CHECK(names.insert(std::string(alias)).second);
      CHECK(query::find_field(alias) == &f);
    }
    CHECK_FALSE(f.example.empty());
    CHECK_FALSE(f.help.empty());
    CHECK(f.prefix.empty() == (f.kind == query::FieldKind::kDate));
  }
  CHECK(query::field_names().size() == names.size());
  CHECK(index::parse_person_role(query::field_spec(query::Field::kRole).example));
  CHECK(query::find_field("DATO") == &query::field_spec(query::Field::kDate));
  CHECK(query::find_field("bemærk") == nullptr);
}

TEST_CASE("query fields: every field and alias parses, and its example is a value it takes", "[query][fields]") {
  for (const auto& name : query::field_names()) {
    INFO(name);
    const auto* spec = query::find_field(name);
    REQUIRE(spec);
    const auto node = query::parse_query(name + ":" + std::string(spec->example));
    CHECK(node.kind == query::QueryNode::Kind::kField);
    CHECK(node.field == spec->field);
    CHECK(query::describe(node) == std::string(spec->name) + "=" + std::string(spec->example));
  }
}

TEST_CASE("query fields: docs/search.md documents every field and alias, and no other", "[query][fields]") {
  const std::string section = query_language_section();
  for (const auto& f : query::query_fields()) {
    INFO(f.name);
    CHECK(section.find("`" + std::string(f.name) + ":") != std::string::npos);
    for (const auto alias : f.aliases)
      if (!alias.empty()) CHECK(section.find("`" + std::string(alias) + ":`") != std::string::npos);
  }
  // Every `name:` the page shows is a field the language knows.
  const std::regex field_use("`([a-z]+):");
  for (auto it = std::sregex_iterator(section.begin(), section.end(), field_use); it != std::sregex_iterator(); ++it) {
    INFO((*it)[1].str());
    CHECK(query::find_field((*it)[1].str()) != nullptr);
  }
}

TEST_CASE("query fields: the help text has a line per field", "[query][fields]") {
  const std::string help = query::field_help();
  for (const auto& f : query::query_fields()) {
    INFO(f.name);
    CHECK(help.find("  " + std::string(f.name) + ":" + std::string(f.example) + " ") != std::string::npos);
  }
}
