// Record validation (indexer/report_record.h, resident_record.h) and the
// line reader (indexer/line_reader.h): every kind of bad input gets the
// field and reason it deserves; real-world file quirks are read right.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <variant>

#include "index/places.h"
#include "indexer/line_reader.h"
#include "indexer/report_record.h"
#include "indexer/resident_record.h"

using namespace socialsoeg;
using namespace socialsoeg::indexer;
using namespace socialsoeg::index;

namespace {

const Places& places() {
  static const Places p = Places::load(std::filesystem::path(SOCIALSOEG_DICTIONARIES) / "municipalities.tsv");
  return p;
}

// A valid record to vary one field at a time.
std::string report(const std::string& replace_from = "", const std::string& replace_to = "") {
  std::string r =
      R"({"id": "DR-1", "source": "døgnrapport", "district": "fyn", "municipality": "461", )"
      R"("occurred": "2024-02-29T21:35", "title": "Husspektakel", "text": "Anmelder hørte råb.", )"
      R"("case": "4200-80123-00045-24", "address": {"id": "A-1", "text": "Vestergade 12, 2. tv, 5000 Odense C"}, )"
      R"("persons": [{"cpr": "010190-1234", "name": "Per", "role": "sigtet"}]})";
  if (!replace_from.empty()) {
    const auto at = r.find(replace_from);
    REQUIRE(at != std::string::npos);
    r.replace(at, replace_from.size(), replace_to);
  }
  return r;
}

Rejection rejected(const std::string& line) {
  auto parsed = parse_report(line, places());
  REQUIRE(std::holds_alternative<Rejection>(parsed));
  return std::get<Rejection>(parsed);
}

}  // namespace

TEST_CASE("records: a valid report is read field by field", "[indexer][records]") {
  auto parsed = parse_report(report(), places());
  REQUIRE(std::holds_alternative<ReportRecord>(parsed));
  const auto& r = std::get<ReportRecord>(parsed);
  CHECK(r.id == "DR-1");
  CHECK(r.occurred.iso() == "2024-02-29");
  CHECK(r.occurred_time == "21:35:00");
  CHECK(r.address_id == "A-1");
  REQUIRE(r.persons.size() == 1);
  CHECK(r.persons[0].cpr.canonical() == "0101901234");
  CHECK(r.persons[0].role == PersonRole::kSigtet);
  // Without hyphen: the same person.
  auto same = parse_report(report("010190-1234", "0101901234"), places());
  CHECK(std::get<ReportRecord>(same).persons[0].cpr.canonical() == "0101901234");
  // Optional fields may be absent or null.
  auto minimal = parse_report(
      R"({"id":"x","source":"journal","district":"bornholm","occurred":"2023-01-01","text":"","title":null,"persons":null})",
      places());
  CHECK(std::holds_alternative<ReportRecord>(minimal));
}

TEST_CASE("records: each defect is named by field and reason", "[indexer][records]") {
  struct Case {
    std::string line, field, reason;
  };
  const std::vector<Case> cases = {
      {R"({"id": "DR-1", "source": )", "(record)", "invalid JSON"},
      {"[1, 2]", "(record)", "expected a JSON object"},
      {"{\"id\": \"DR-\xC3\x28\"}", "(record)", "invalid UTF-8 at byte 12"},
      {report("\"id\": \"DR-1\", ", ""), "id", "missing"},
      {report("\"DR-1\"", "17"), "id", "expected a string, found a number"},
      {report("\"DR-1\"", "\"\""), "id", "empty"},
      {report("\"DR-1\"", "\"DR\\n1\""), "id", "control character"},
      {report("\"DR-1\"", "\"" + std::string(201, 'x') + "\""), "id", "longer than 200 bytes"},
      // ":DR-1" would be DR-1 in the index: one report silently replacing another.
      {report("\"DR-1\"", "\":DR-1\""), "id", "begins with ':'"},
      {report("{\"id\": \"A-1\",", "{\"id\": \":A-1\","), "address.id", "begins with ':'"},
      {report("døgnrapport", "politirapport"), "source", "unknown source \"politirapport\""},
      {report("\"fyn\"", "\"fyns\""), "district", "unknown police district"},
      {report("\"461\"", "\"999\""), "municipality", "unknown municipality code"},
      {report("2024-02-29T21:35", "2023-02-29T21:35"), "occurred", "impossible date or time"},
      {report("2024-02-29T21:35", "2024-02-28T24:10"), "occurred", "impossible date or time"},
      {report("2024-02-29T21:35", "29.02.2024"), "occurred", "expected YYYY-MM-DD"},
      {report("\"text\": \"Anmelder hørte råb.\", ", ""), "text", "missing"},
      {report("\"Anmelder hørte råb.\"", "[\"a\"]"), "text", "expected a string, found an array"},
      {report("{\"id\": \"A-1\",", "{"), "address.id", "missing"},
      {report("{\"id\": \"A-1\", \"text\": \"Vestergade 12, 2. tv, 5000 Odense C\"}", "\"A-1\""), "address",
       "expected an object"},
      {R"({"id":"x","source":"journal","district":"fyn","occurred":"2023-01-01","text":"","persons":"Per"})",
       "persons", "expected an array, found a string"},
      {report("010190-1234", "310290-1234"), "persons[0].cpr", "impossible birth date"},
      {report("010190-1234", "01019-01234"), "persons[0].cpr", "not a CPR number"},
      {report("\"sigtet\"", "\"mistænkt\""), "persons[0].role", "unknown role \"mistænkt\""},
      {report("\"role\": \"sigtet\"", "\"rolle\": \"sigtet\""), "persons[0].role", "missing"},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    const Rejection why = rejected(c.line);
    CHECK(why.field == c.field);
    CHECK_THAT(why.reason, Catch::Contains(c.reason));
  }
}

TEST_CASE("records: a record over the size limit is rejected, not truncated", "[indexer][records]") {
  const std::string huge = report("Anmelder hørte råb.", std::string(1 << 20, 'a'));
  const Rejection why = rejected(huge);
  CHECK(why.field == "(record)");
  CHECK_THAT(why.reason, Catch::Contains("limit"));
}

TEST_CASE("records: residents rows", "[indexer][records]") {
  auto ok = parse_resident(R"({"cpr": "0101901234", "address_id": "A-1", "from": "2020-03-01", "to": null})");
  REQUIRE(std::holds_alternative<ResidentRecord>(ok));
  CHECK_FALSE(std::get<ResidentRecord>(ok).to.has_value());
  struct Case {
    std::string line, field, reason;
  };
  const std::vector<Case> cases = {
      {R"({"address_id": "A-1", "from": "2020-03-01"})", "cpr", "missing"},
      {R"({"cpr": "320190-1234", "address_id": "A-1", "from": "2020-03-01"})", "cpr", "impossible birth date"},
      {R"({"cpr": "0101901234", "from": "2020-03-01"})", "address_id", "missing"},
      {R"({"cpr": "0101901234", "address_id": ":A-1", "from": "2020-03-01"})", "address_id", "begins with ':'"},
      {R"({"cpr": "0101901234", "address_id": "A-1", "from": "2021-02-29"})", "from", "impossible date"},
      {R"({"cpr": "0101901234", "address_id": "A-1"})", "from", "missing"},
      {R"({"cpr": "0101901234", "address_id": "A-1", "from": "2020-03-01", "to": "2020-02-01"})", "to",
       "before it starts"},
      {R"({"cpr": "0101901234", "address_id": "A-1", "from": "2020-03-01", "to": 5})", "to", "expected a string"},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    auto parsed = parse_resident(c.line);
    REQUIRE(std::holds_alternative<Rejection>(parsed));
    CHECK(std::get<Rejection>(parsed).field == c.field);
    CHECK_THAT(std::get<Rejection>(parsed).reason, Catch::Contains(c.reason));
  }
}

namespace {

struct ReadLine {
  std::string text;
  uint64_t number, offset, end;
  bool too_long;
};

std::vector<ReadLine> read_all(const std::string& bytes, size_t limit, std::string* overflow = nullptr) {
  const auto path = std::filesystem::temp_directory_path() / ("socialsoeg-lines-" + std::to_string(::getpid()));
  std::ofstream(path, std::ios::binary) << bytes;
  LineReader reader(path.string(), limit, [&](std::string_view b, bool last) {
    if (overflow) *overflow += std::string(b) + (last ? "|" : "");
  });
  std::vector<ReadLine> out;
  InputLine line;
  while (reader.next(line)) out.push_back({std::string(line.text), line.number, line.offset, line.end, line.too_long});
  std::filesystem::remove(path);
  return out;
}

}  // namespace

TEST_CASE("line reader: BOM, CRLF, blank lines and a last line without newline", "[indexer][reader]") {
  const auto lines = read_all("\xEF\xBB\xBF{\"a\":1}\r\n\r\n  \n{\"b\":2}\n{\"c\":", 1000);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].text == "{\"a\":1}");
  CHECK(lines[0].number == 1);
  CHECK(lines[0].offset == 3);
  CHECK(lines[0].end == 12);
  CHECK(lines[1].text == "{\"b\":2}");
  CHECK(lines[1].number == 4);  // blank lines count as lines, for the numbers people see
  CHECK(lines[2].text == "{\"c\":");  // truncated: returned, so it is rejected, never lost
  CHECK(lines[2].end == 30);
}

TEST_CASE("line reader: an over-long line streams to the sink, memory stays bounded", "[indexer][reader]") {
  std::string overflow;
  // Longer than the reader's whole buffer (the limit plus one 1 MB read).
  const std::string longline(3'000'000, 'x');
  const auto lines = read_all("{\"a\":1}\n" + longline + "\n{\"b\":2}\n", 1000, &overflow);
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].too_long);
  CHECK(lines[1].text.empty());
  CHECK(overflow == longline + "|");
  CHECK(lines[2].text == "{\"b\":2}");
  CHECK(lines[2].number == 3);
}

TEST_CASE("line reader: lines across read boundaries keep their offsets", "[indexer][reader]") {
  // 3 MB of lines forces several refills of the 1 MB read buffer.
  std::string bytes;
  std::vector<uint64_t> offsets;
  for (int i = 0; bytes.size() < 3'000'000; ++i) {
    offsets.push_back(bytes.size());
    bytes += "{\"n\":" + std::to_string(i) + ",\"pad\":\"" + std::string(static_cast<size_t>(i % 997), 'p') + "\"}\n";
  }
  const auto lines = read_all(bytes, 1 << 20);
  REQUIRE(lines.size() == offsets.size());
  for (size_t i = 0; i < lines.size(); i += 97) {
    CHECK(lines[i].offset == offsets[i]);
    CHECK(bytes.substr(offsets[i], lines[i].text.size()) == lines[i].text);
  }
}
