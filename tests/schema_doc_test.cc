// docs/schema.md documents index/schema.h: every prefix and value slot in
// the code has its row in the document, so the two cannot drift apart.
#include <catch2/catch.hpp>
#include <string>

#include "index/schema.h"
#include "temp_dir.h"

using namespace socialsoeg;

TEST_CASE("schema: docs/schema.md lists every prefix, slot and metadata key of index/schema.h", "[schema]") {
  const std::string doc = test::read_file(std::string(SOCIALSOEG_TEST_DATA) + "/../../docs/schema.md");
  REQUIRE_FALSE(doc.empty());
  for (auto prefix : {schema::kId, schema::kSource, schema::kCase, schema::kDistrict, schema::kMunicipality,
                      schema::kAddress, schema::kCpr, schema::kRole, schema::kPersonRole, schema::kConceptAffirmed,
                      schema::kConceptNegated, schema::kDay, schema::kMonth, schema::kYear, schema::kAddressAccess,
                      schema::kAddressFloor, schema::kAddressDoor, schema::kAddressPostcode}) {
    INFO(prefix);
    CHECK(doc.find("| `" + std::string(prefix) + "` |") != std::string::npos);
  }
  const std::pair<int, const char*> slots[] = {
      {schema::kSlotOccurredDate, "kSlotOccurredDate"}, {schema::kSlotOccurredTime, "kSlotOccurredTime"},
      {schema::kSlotIngestBatch, "kSlotIngestBatch"},   {schema::kSlotContentHash, "kSlotContentHash"},
      {schema::kSlotRiskConcepts, "kSlotRiskConcepts"}, {schema::kSlotPersons, "kSlotPersons"},
      {schema::kSlotTokenOffsets, "kSlotTokenOffsets"}};
  for (const auto& [slot, name] : slots) {
    INFO(name);
    CHECK(doc.find("| " + std::to_string(slot) + " | `" + name + "` |") != std::string::npos);
  }
  for (auto key : {schema::kMetaSchema, schema::kMetaAnalyzer, schema::kMetaLastBatch, schema::kMetaBuild}) {
    INFO(key);
    CHECK(doc.find("| `" + std::string(key) + "` |") != std::string::npos);
  }
  CHECK(doc.find("`" + std::string(schema::kMetaBatchPrefix) + "NNNNNNNNNNNN`") != std::string::npos);
  CHECK(doc.find("gap of " + std::to_string(schema::kTextPositionGap)) != std::string::npos);
}

TEST_CASE("schema: the schema version docs/schema.md names is the one in the code", "[schema]") {
  const std::string doc = test::read_file(std::string(SOCIALSOEG_TEST_DATA) + "/../../docs/schema.md");
  CHECK(doc.find("| `socialsoeg.schema` | `" + std::string(schema::kSchemaVersion) + "`") != std::string::npos);
}
