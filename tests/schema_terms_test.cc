// schema::boolean_term and its inverse, boolean_term_value: every value
// reads back from its term, and a term of another prefix reads as none.
#include <catch2/catch.hpp>
#include <string>

#include "index/schema.h"

using namespace socialsoeg;

TEST_CASE("schema: boolean_term_value reads back what boolean_term wrote", "[schema]") {
  for (const std::string value : {"DR-2400-2023-d001", "a-9", "A-9", "4200-80123", "døgnrapport", "", "x:Y", ":abc"}) {
    for (const auto prefix : {schema::kId, schema::kCase, schema::kAddress, schema::kSource}) {
      INFO(std::string(prefix) + " " + value);
      CHECK(schema::boolean_term_value(prefix, schema::boolean_term(prefix, value)) == value);
    }
  }
  CHECK(schema::boolean_term(schema::kId, "DR-1") == "Q:DR-1");
  CHECK(schema::boolean_term_value(schema::kId, "Q:DR-1") == "DR-1");
}

TEST_CASE("schema: a term of another prefix has no value under this one", "[schema]") {
  CHECK_FALSE(schema::boolean_term_value(schema::kId, "XCASE4200"));
  CHECK_FALSE(schema::boolean_term_value("XC", "XCASEA1"));  // "XCASE" + "A1", not "XC" + "ASEA1"
  CHECK(schema::boolean_term_value("XCASE", "XCASEA1") == std::nullopt);  // would be "XCASE:A1"
  CHECK(schema::boolean_term_value("XCASE", "XCASE:A1") == "A1");
  CHECK_FALSE(schema::boolean_term_value(schema::kAddress, "XADDRESS"));
}
