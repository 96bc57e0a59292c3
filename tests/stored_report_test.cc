// The stored report record (index/stored_report.h): what goes in comes out,
// and damaged bytes are refused, never read past.
#include <catch2/catch.hpp>
#include <random>

#include "index/stored_report.h"

using namespace socialsoeg::index;

namespace {

StoredReport sample() {
  StoredReport r;
  r.id = "DR-0101-2024-0001";
  r.source = "døgnrapport";
  r.district = "fyn";
  r.occurred = "2024-03-05T21:35:00";
  r.title = "Husspektakel i Odense";
  r.text = std::string("Politiet blev kaldt til et skænderi. Manden var beruset. ") + std::string(300, 'x');
  r.case_number = "0101-12345-00001-24";
  r.municipality = "461";
  r.address_id = "0a3f50a1-1d2b-32b8-e044-0003ba298018";
  r.address_text = "Vestergade 12, 2. tv, 5000 Odense C";
  r.persons = {{"0101901234", "Jens Hansen", "sigtet"}, {"0202851234", "", "anmelder"}};
  r.mentions = {{"husspektakel", true, true, 0, 12}, {"beruselse", true, false, 47, 54}, {"vold", false, false, 9, 17}};
  return r;
}

}  // namespace

TEST_CASE("stored report: every field comes back as it went in") {
  const StoredReport r = sample();
  const auto back = decode_stored_report(encode_stored_report(r));
  REQUIRE(back.has_value());
  CHECK(*back == r);

  StoredReport empty;  // optional fields absent, no persons, no mentions
  empty.id = "x";
  CHECK(decode_stored_report(encode_stored_report(empty)) == empty);
}

TEST_CASE("stored report: damaged bytes are refused, never read past") {
  const std::string bytes = encode_stored_report(sample());
  CHECK_FALSE(decode_stored_report("").has_value());
  CHECK_FALSE(decode_stored_report("{\"id\":\"x\"}").has_value());  // the JSON of schema 2
  CHECK_FALSE(decode_stored_report(bytes + "x").has_value());
  for (size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(decode_stored_report(bytes.substr(0, n)).has_value());

  // A mention past the end of its field is damage.
  StoredReport r = sample();
  r.mentions[1].end = static_cast<uint32_t>(r.text.size() + 1);
  CHECK_FALSE(decode_stored_report(encode_stored_report(r)).has_value());

  // Random corruption: any answer but a crash (the sanitizer build checks the reads).
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::string damaged = bytes;
    for (int k = 0; k < 3; ++k) damaged[rng() % damaged.size()] = static_cast<char>(rng());
    if (const auto got = decode_stored_report(damaged)) CHECK(got->text.size() < damaged.size());
  }
  CHECK_THROWS_WITH(read_stored_report("", 42), Catch::Contains("report document 42") && Catch::Contains("re-index"));
}
