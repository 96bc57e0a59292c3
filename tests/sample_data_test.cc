// The sample-data generator: deterministic bytes, valid records, realistic
// content, and planted truth that an independent implementation of the
// screening rule (contract §6), run over the written files alone, confirms.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/cpr.h"
#include "core/date.h"
#include "process.h"

using nlohmann::json;
using socialsoeg::Cpr;
using socialsoeg::Date;
using socialsoeg::test::run_command;

namespace {

namespace fs = std::filesystem;
const std::string kSample = SOCIALSOEG_SAMPLE_BIN;

fs::path generate(const std::string& name, int reports, int seed) {
  const fs::path dir = fs::temp_directory_path() / ("socialsoeg-sample-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  const auto r = run_command(kSample + " --out " + dir.string() + " --reports " + std::to_string(reports) +
                             " --seed " + std::to_string(seed) + " 2>/dev/null");
  REQUIRE(r.exit_code == 0);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<json> read_lines(const fs::path& p) {
  std::vector<json> out;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line)) out.push_back(json::parse(line));
  return out;
}

std::string canonical(const std::string& cpr) {
  const auto c = Cpr::parse(cpr);
  REQUIRE(c);
  return c->canonical();
}

struct Registration {
  std::string cpr, address;
  Date from;
  std::optional<Date> to;
  bool covers(Date d) const { return from <= d && (!to || d <= *to); }
};

struct FlagKey {
  std::string cpr, address;
  std::set<std::string> children, reports;
  auto operator<=>(const FlagKey&) const = default;
};

// docs/contract.md §6, written from the text, not from the generator's code.
std::set<FlagKey> screen(const std::vector<json>& reports, const std::vector<json>& labels,
                         const std::vector<json>& residents, Date as_of) {
  std::map<std::string, std::vector<Registration>> by_person, by_address;
  for (const auto& r : residents) {
    Registration reg{canonical(r["cpr"]), r["address_id"], *Date::parse_iso(r["from"].get<std::string>()),
                     r["to"].is_null() ? std::nullopt : Date::parse_iso(r["to"].get<std::string>())};
    by_person[reg.cpr].push_back(reg);
    by_address[reg.address].push_back(reg);
  }
  std::map<std::string, bool> risky;  // report id -> has an affirmed risk concept
  for (const auto& l : labels) {
    bool risk = false;
    for (const auto& c : l["concepts"]) risk = risk || (c["polarity"] == "affirmed" && c["concept"] != "boern-til-stede");
    risky[l["id"]] = risk;
  }
  std::map<std::string, std::vector<std::pair<Date, std::string>>> qualifying;
  for (const auto& r : reports) {
    const Date date = *Date::parse_iso(r["occurred"].get<std::string>(), true);
    if (date > as_of || !risky[r["id"]] || !r.contains("persons")) continue;
    std::set<std::string> seen;
    for (const auto& p : r["persons"]) {
      if (p["role"] != "sigtet" && p["role"] != "involveret") continue;
      const auto cpr = Cpr::parse(p["cpr"].get<std::string>());
      if (socialsoeg::age_on(cpr->birth_date(), date) < 18 || !seen.insert(cpr->canonical()).second) continue;
      qualifying[cpr->canonical()].push_back({date, r["id"]});
    }
  }
  std::set<FlagKey> flags;
  for (auto& [cpr, hits] : qualifying) {
    std::sort(hits.begin(), hits.end());
    std::map<std::string, size_t> latest;  // address -> index of the later report of its latest pattern
    for (size_t j = 0; j < hits.size(); ++j) {
      bool paired = false;
      for (size_t i = 0; i < j; ++i) paired = paired || hits[j].first - hits[i].first <= 365;
      if (!paired) continue;
      const Date d = hits[j].first;
      for (const auto& home : by_person[cpr]) {
        if (!home.covers(d)) continue;
        for (const auto& other : by_address[home.address]) {
          if (other.cpr == cpr || !other.covers(d)) continue;
          if (socialsoeg::age_on(Cpr::parse(other.cpr)->birth_date(), d) < 18) latest[home.address] = j;
        }
      }
    }
    for (const auto& [address, j] : latest) {
      const Date d = hits[j].first;
      FlagKey f{cpr, address, {}, {}};
      for (const auto& other : by_address[address])
        if (other.cpr != cpr && other.covers(d) && socialsoeg::age_on(Cpr::parse(other.cpr)->birth_date(), d) < 18)
          f.children.insert(other.cpr);
      for (const auto& [date, id] : hits)
        if (date <= d && d - date <= 365) f.reports.insert(id);
      flags.insert(f);
    }
  }
  return flags;
}

}  // namespace

TEST_CASE("sample: the same seed gives the same bytes, another seed other bytes", "[sample]") {
  const auto a = generate("a", 3000, 11), b = generate("b", 3000, 11), c = generate("c", 3000, 12);
  for (const char* file : {"reports.jsonl", "residents.jsonl", "labels.jsonl", "truth.json"}) {
    INFO(file);
    CHECK(slurp(a / file) == slurp(b / file));
    CHECK(slurp(a / file) != slurp(c / file));
  }
}

TEST_CASE("sample: records follow docs/contract.md §2", "[sample]") {
  const auto dir = generate("records", 3000, 5);
  const auto reports = read_lines(dir / "reports.jsonl");
  const auto labels = read_lines(dir / "labels.jsonl");
  const auto residents = read_lines(dir / "residents.jsonl");
  REQUIRE(reports.size() == 3000);
  REQUIRE(labels.size() == reports.size());
  const std::set<std::string> districts = {"nordjylland", "oestjylland", "midt-vestjylland", "sydoestjylland",
                                           "syd-soenderjylland", "fyn", "sydsjaelland-lolland-falster",
                                           "midt-vestsjaelland", "nordsjaelland", "koebenhavns-vestegn",
                                           "koebenhavn", "bornholm"};
  const std::set<std::string> roles = {"sigtet", "forurettet", "anmelder", "vidne", "involveret"};
  std::set<std::string> ids;
  size_t without_hyphen = 0;
  for (size_t i = 0; i < reports.size(); ++i) {
    const auto& r = reports[i];
    INFO(r.dump());
    CHECK(ids.insert(r["id"].get<std::string>()).second);
    CHECK(labels[i]["id"] == r["id"]);
    CHECK((r["source"] == "døgnrapport" || r["source"] == "journal"));
    CHECK(districts.count(r["district"]));
    CHECK(r["municipality"].get<std::string>().size() == 3);
    CHECK(Date::parse_iso(r["occurred"].get<std::string>(), true));
    CHECK(r["text"].get<std::string>().size() > 100);
    CHECK(r["text"].get<std::string>().find('{') == std::string::npos);  // every slot filled
    for (const auto& p : r.value("persons", json::array())) {
      CHECK(Cpr::parse(p["cpr"].get<std::string>()));
      CHECK(roles.count(p["role"]));
      without_hyphen += p["cpr"].get<std::string>().size() == 10;
    }
  }
  CHECK(without_hyphen > 0);
  for (const auto& r : residents) {
    CHECK(Cpr::parse(r["cpr"].get<std::string>()));
    const auto from = Date::parse_iso(r["from"].get<std::string>());
    REQUIRE(from);
    if (!r["to"].is_null()) CHECK(*from <= *Date::parse_iso(r["to"].get<std::string>()));
  }
}

TEST_CASE("sample: reads like døgnrapporter, with risks, negations and look-alikes", "[sample]") {
  const auto dir = generate("realism", 3000, 9);
  const auto labels = read_lines(dir / "labels.jsonl");
  size_t risky = 0, negated = 0;
  std::set<std::string> concepts;
  for (const auto& l : labels) {
    bool any = false;
    for (const auto& c : l["concepts"]) {
      concepts.insert(c["concept"].get<std::string>());
      any = any || (c["polarity"] == "affirmed" && c["concept"] != "boern-til-stede");
      negated += c["polarity"] == "negated";
    }
    risky += any;
  }
  // About a third of reports carry a risk, as in the phrase plan; every concept occurs.
  CHECK(risky > labels.size() / 5);
  CHECK(risky < labels.size() / 2);
  CHECK(negated > labels.size() / 50);
  CHECK(concepts.size() == 12);
  const std::string text = slurp(dir / "reports.jsonl");
  for (const char* word : {"voldsom", "promille", "husspektakel", "alkometer", "årig", "kl. "}) {
    INFO(word);
    CHECK(text.find(word) != std::string::npos);
  }
}

TEST_CASE("sample: planted truth is what the screening rule finds in the records", "[sample]") {
  for (int seed : {3, 17}) {
    const auto dir = generate("truth" + std::to_string(seed), 6000, seed);
    const json truth = json::parse(slurp(dir / "truth.json"));
    const Date as_of = *Date::parse_iso(truth["as_of"].get<std::string>());
    const auto found = screen(read_lines(dir / "reports.jsonl"), read_lines(dir / "labels.jsonl"),
                              read_lines(dir / "residents.jsonl"), as_of);
    std::set<FlagKey> expected;
    for (const auto& f : truth["flags"]) {
      FlagKey k{canonical(f["cpr"]), f["address_id"], {}, {}};
      for (const auto& c : f["children"]) k.children.insert(canonical(c));
      for (const auto& r : f["reports"]) k.reports.insert(r);
      expected.insert(k);
    }
    INFO("seed " << seed);
    REQUIRE(expected.size() >= 5);
    CHECK(found == expected);
    std::set<std::string> flagged;
    for (const auto& f : found) flagged.insert(f.cpr);
    REQUIRE(truth["must_not_flag"].size() >= 5);
    for (const auto& m : truth["must_not_flag"]) {
      INFO(m.dump());
      CHECK_FALSE(flagged.count(canonical(m["cpr"])));
    }
  }
}
