// End-to-end tests of `socialsoeg index` and `socialsoeg residents` on a real
// Xapian database: what a document holds, idempotent re-runs, rejects with
// file:line, the atomic --replace-all switch, identity and lock checks, the
// residents lookups and the audit log.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <xapian.h>

#include "analyzers/analyzer.h"
#include "audit/audit_log.h"
#include "audit/audit_verify.h"
#include "index/batch_records.h"
#include "index/resident_store.h"
#include "index/schema.h"
#include "index/stored_report.h"
#include "index/database_dir.h"
#include "index/places.h"
#include "indexer/report_loader.h"
#include "process.h"
#include "temp_dir.h"

using namespace socialsoeg;
namespace schema = socialsoeg::schema;
using socialsoeg::test::read_file;
using socialsoeg::test::run_command;
using socialsoeg::test::shell_quote;
using socialsoeg::test::TempDir;

namespace {

const std::string kBin = SOCIALSOEG_BIN;
const std::string kDev = std::string(SOCIALSOEG_TEST_DATA) + "/dev";

// Runs socialsoeg with stderr folded into the captured output.
test::ProcessResult run_socialsoeg(const std::string& args) { return run_command(kBin + " " + args + " 2>&1"); }

// Everything a database holds per document, for "nothing changed" checks.
std::map<std::string, std::string> snapshot(const std::string& db_dir) {
  Xapian::Database db(db_dir);
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::ostringstream s;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      s << *t << ':' << t.get_wdf();
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) s << ',' << *p;
      s << ' ';
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) s << '#' << v.get_valueno() << '=' << *v;
    s << '|' << doc.get_data();
    out[index::read_stored_report(doc).id] = s.str();
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

const std::string kGood1 =
    R"({"id": "R-1", "source": "døgnrapport", "district": "fyn", "municipality": "461", "occurred": "2024-03-05T21:35", )"
    R"("title": "Husspektakel", "text": "Politiet blev kaldt til husspektakel. Der var ingen tegn på vold. Manden var beruset og blev anholdt.", )"
    R"("case": "4200-80123-00045-24", "address": {"id": "A-9", "text": "Vestergade 12, 2. tv, 5000 Odense C"}, )"
    R"("persons": [{"cpr": "010190-1234", "name": "Per", "role": "sigtet"}, {"cpr": "0202851234", "name": "Eva", "role": "anmelder"}]})";
const std::string kGood2 =
    R"({"id": "R-2", "source": "journal", "district": "koebenhavn", "occurred": "2023-11-30", "text": "Spirituskørsel på Amagerbrogade."})";

}  // namespace

TEST_CASE("index: a report becomes one document with the schema's terms, values and data", "[index]") {
  TempDir dir;
  const auto input = dir.write("in.jsonl", kGood1 + "\n" + kGood2 + "\n");
  const auto r = run_socialsoeg("index --db " + dir / "db" + " " + input);
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("indexed 2 (2 new, 0 replaced)"));

  Xapian::Database db(dir / "db");
  REQUIRE(db.get_doccount() == 2);
  auto doc_of = [&](const std::string& id) {
    const std::string term = schema::boolean_term(schema::kId, id);
    auto it = db.postlist_begin(term);
    REQUIRE(it != db.postlist_end(term));
    return db.get_document(*it);
  };
  const Xapian::Document doc = doc_of("R-1");
  std::set<std::string> terms;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) terms.insert(*t);
  for (const char* expected : {"Q:R-1", "XSOURCEdøgnrapport", "XDISTRICTfyn", "XMUNI461", "XCASE4200-80123-00045-24",
                               "XADDR:A-9", "XCPR0101901234", "XCPR0202851234", "XROLEsigtet", "XROLEanmelder",
                               "XPR0101901234:sigtet", "XPR0202851234:anmelder", "D20240305", "M202403", "Y2024",
                               "XCAhusspektakel", "XCNvold", "XCAberuselse", "husspektakel", "politi", "vold"}) {
    INFO(expected);
    CHECK(terms.count(expected) == 1);
  }
  CHECK(terms.count("XCAvold") == 0);  // "ingen tegn på vold" is a negated mention
  // Title first, the text after a gap: a phrase cannot run from one into the other.
  auto first_position = [&](const std::string& term) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
      if (*t == term) return *t.positionlist_begin();
    return Xapian::termpos(0);
  };
  CHECK(first_position("husspektakel") == 1);
  CHECK(first_position("politi") == 1 + schema::kTextPositionGap + 1);
  CHECK(doc.get_value(schema::kSlotOccurredDate) == "20240305");
  // The time, then 16 hex digits of the id's FNV-1a hash: one order for reports of the same time.
  // (FNV-1a of "R-1", worked out by hand: python3 -c with the 64-bit offset basis and prime.)
  CHECK(doc.get_value(schema::kSlotOccurredTime) == "20240305213500" "4ca09250b9059b81");
  CHECK(doc.get_value(schema::kSlotRiskConcepts) == "beruselse husspektakel");
  CHECK(doc.get_value(schema::kSlotPersons) == "0101901234:sigtet 0202851234:anmelder");
  CHECK(doc.get_data().empty());  // the stored report is a value slot (schema.h says why)
  const auto data = index::read_stored_report(doc);
  CHECK(data.occurred == "2024-03-05T21:35:00");
  CHECK(data.address_text == "Vestergade 12, 2. tv, 5000 Odense C");
  REQUIRE(data.persons.size() == 2);
  CHECK(data.persons[0].cpr == "0101901234");
  CHECK(data.persons[0].role == "sigtet");
  bool negated_vold = false;
  for (const auto& m : data.mentions) {
    negated_vold |= m.concept_id == "vold" && !m.affirmed;
    // Each mention's offsets are words of its field.
    const std::string& field = m.in_title ? data.title : data.text;
    CHECK(m.start < m.end);
    CHECK(m.end <= field.size());
  }
  CHECK(negated_vold);
  CHECK(db.get_metadata(std::string(schema::kMetaSchema)) == schema::kSchemaVersion);
  CHECK_THAT(db.get_metadata(std::string(schema::kMetaAnalyzer)), Catch::StartsWith("socialsoeg-danish/"));
  // The batch is recorded in the database itself, with its input position.
  const auto batch = nlohmann::json::parse(db.get_metadata(schema::batch_key(1)));
  CHECK(batch["records"] == 2);
  CHECK(batch["offset"] == kGood1.size() + kGood2.size() + 2);
}

TEST_CASE("index: running the same file twice changes nothing, a changed record replaces its id", "[index]") {
  TempDir dir;
  const auto input = dir.write("dev.jsonl", read_file(kDev + "/reports.jsonl"));
  const auto db = dir / "db";
  REQUIRE(run_socialsoeg("index --db " + db + " " + input).exit_code == 0);
  const auto before = snapshot(db);
  REQUIRE(before.size() == lines_of(read_file(input)).size());
  const auto again = run_socialsoeg("index --db " + db + " --json " + input);
  REQUIRE(again.exit_code == 0);
  const auto summary = nlohmann::json::parse(lines_of(again.out).back());
  CHECK(summary["added"] == 0);
  CHECK(summary["replaced"] == 0);
  CHECK(summary["unchanged"] == before.size());
  CHECK(snapshot(db) == before);

  // One record edited: only it changes, and it is counted as replaced.
  auto lines = lines_of(read_file(input));
  const auto first = nlohmann::json::parse(lines[0]);
  auto edited = first;
  edited["text"] = "Rettet: " + first["text"].get<std::string>();
  const auto update = dir.write("update.jsonl", edited.dump() + "\n");
  const auto r = run_socialsoeg("index --db " + db + " --json " + update);
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(lines_of(r.out).back())["replaced"] == 1);
  const auto after = snapshot(db);
  CHECK(after.size() == before.size());
  for (const auto& [id, content] : before) CHECK((content == after.at(id)) == (id != first["id"]));
}

TEST_CASE("index: bad records are reported by file:line and field, kept in the rejects file, good ones indexed",
          "[index][rejects]") {
  TempDir dir;
  const std::vector<std::string> bad = {
      R"({"id": "B-1", "source": "døgnrapport", "district": "fyn", "occurred": "2023-02-29", "text": "x"})",
      R"({"id": "B-2", "source": "fax", "district": "fyn", "occurred": "2023-02-01", "text": "x"})",
      "{\"id\": \"B-3\", \"source\": \"journal\", \"district\": \"fyn\", \"occurred\": \"2023-02-01\", \"text\": \"\xFF\"}",
      R"({"id": "B-4", "source": "journal", "district": "fyn", "occurred": "2023-02-01", "text": "x", "persons": [{"cpr": "310290-1234", "role": "sigtet"}]})",
      R"({"id": "B-5", "source": "journal", "district": "fyn", "occurred": "2023-02-01"})",
  };
  // BOM, CRLF endings, a blank line, and a truncated last line without newline.
  std::string input = "\xEF\xBB\xBF" + kGood1 + "\r\n" + bad[0] + "\r\n\r\n" + bad[1] + "\n" + bad[2] + "\n" + kGood2 +
                      "\n" + bad[3] + "\n" + bad[4] + "\n" + kGood2.substr(0, 40);
  const auto path = dir.write("mixed.jsonl", input);
  const auto r = run_socialsoeg("index --db " + dir / "db" + " " + path);
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("mixed.jsonl:2: occurred: impossible date or time \"2023-02-29\""));
  CHECK_THAT(r.out, Catch::Contains("mixed.jsonl:4: source: unknown source \"fax\""));
  CHECK_THAT(r.out, Catch::Contains("mixed.jsonl:5: (record): invalid UTF-8"));
  CHECK_THAT(r.out, Catch::Contains("mixed.jsonl:7: persons[0].cpr: impossible birth date"));
  CHECK_THAT(r.out, Catch::Contains("mixed.jsonl:8: text: missing"));
  CHECK_THAT(r.out, Catch::Contains("mixed.jsonl:9: (record): invalid JSON"));
  CHECK_THAT(r.out, Catch::Contains("indexed 2 (2 new, 0 replaced)"));
  CHECK_THAT(r.out, Catch::Contains("6 rejected"));
  CHECK(r.out.find("310290") == std::string::npos);  // no CPR number in any log line
  // The rejects file holds exactly the rejected lines, as they were written.
  const auto rejects = lines_of(read_file(path + ".rejects"));
  REQUIRE(rejects.size() == 6);
  CHECK(rejects[0] == bad[0]);
  CHECK(rejects[2] == bad[2]);
  CHECK(rejects[5] == kGood2.substr(0, 40));
  CHECK(Xapian::Database(dir / "db").get_doccount() == 2);
  // Fixed input: the stale rejects file goes away.
  const auto fixed = dir.write("mixed.jsonl", kGood1 + "\n");
  CHECK(run_socialsoeg("index --db " + dir / "db" + " " + fixed).exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(path + ".rejects"));
}

TEST_CASE("index: a repeated id in one input: the last one wins, and is counted", "[index]") {
  TempDir dir;
  auto second = nlohmann::json::parse(kGood2);
  second["text"] = "Anden version.";
  const auto path = dir.write("dup.jsonl", kGood2 + "\n" + kGood1 + "\n" + second.dump() + "\n");
  for (const char* mode : {"", "--replace-all "}) {
    const auto db = dir / (std::string(mode).empty() ? "db-daily" : "db-rebuilt");
    const auto r = run_socialsoeg(std::string("index --json ") + mode + "--db " + db + " " + path);
    REQUIRE(r.exit_code == 0);
    const auto summary = nlohmann::json::parse(lines_of(r.out).back());
    CHECK(summary["repeated"] == 1);
    CHECK(summary["added"] == 2);
    CHECK(summary["documents"] == 2);
    CHECK(snapshot(db).at("R-2").find("Anden version.") != std::string::npos);
  }
  // A rebuild over an index that has the records: a record given twice,
  // unchanged both times, is one unchanged and one repeated (no counter wraps).
  const auto twice = dir.write("twice.jsonl", kGood1 + "\n" + kGood1 + "\n" + kGood2 + "\n");
  const auto r = run_socialsoeg("index --json --replace-all --db " + dir / "db-daily" + " " + twice);
  REQUIRE(r.exit_code == 0);
  const auto summary = nlohmann::json::parse(lines_of(r.out).back());
  CHECK(summary["unchanged"] == 1);
  CHECK(summary["repeated"] == 1);
  CHECK(summary["replaced"] == 1);  // R-2 was "Anden version." in that index
  CHECK(summary["added"] == 0);
}

TEST_CASE("index: reads standard input, with a rejects path given", "[index]") {
  TempDir dir;
  const auto path = dir.write("in.jsonl", kGood1 + "\n{\n");
  const auto r = run_command("cat " + path + " | " + kBin + " index --db " + dir / "db" + " --rejects " +
                             dir / "stdin.rejects" + " - 2>&1");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("stdin:2: (record): invalid JSON"));
  CHECK(read_file(dir / "stdin.rejects") == "{\n");
}

TEST_CASE("index --replace-all: a new generation switched in whole, unchanged reports keep their batch",
          "[index][replace-all]") {
  TempDir dir;
  const auto db = dir / "db";
  const auto all = lines_of(read_file(kDev + "/reports.jsonl"));
  std::string first_half, second_half;
  for (size_t i = 0; i < all.size(); ++i) (i < all.size() / 2 ? first_half : second_half) += all[i] + "\n";
  REQUIRE(run_socialsoeg("index --db " + db + " " + dir.write("a.jsonl", first_half)).exit_code == 0);
  const auto before = snapshot(db);
  const auto export_all = dir.write("all.jsonl", first_half + second_half);
  const auto r = run_socialsoeg("index --replace-all --json --db " + db + " " + export_all);
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  const auto summary = nlohmann::json::parse(lines_of(r.out).back());
  CHECK(summary["unchanged"] == before.size());
  CHECK(summary["added"] == all.size() - before.size());
  CHECK(read_file(db + "/XAPIANDB") == "glass reports.000002\n");
  CHECK_FALSE(std::filesystem::exists(db + "/reports.000001"));  // the old generation is gone
  CHECK_FALSE(std::filesystem::exists(db + "/reports.000002.build"));
  const auto after = snapshot(db);
  CHECK(after.size() == all.size());
  // Same content, same batch number: a rebuild does not make old reports "new".
  for (const auto& [id, content] : before) CHECK(after.at(id) == content);
  const Xapian::Database x(db);
  CHECK(x.get_metadata(std::string(schema::kMetaLastBatch)) == "2");
  // The input's resume record is the one a daily load leaves: all of it, through its last line.
  std::vector<index::ResumeRecord> runs;
  for (auto k = x.metadata_keys_begin(std::string(schema::kMetaRunPrefix)); k != x.metadata_keys_end(); ++k)
    runs.push_back(index::decode_resume_record(x.get_metadata(*k)));
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].input == export_all);
  CHECK(runs[0].complete);
  CHECK(runs[0].batch == 2);
  CHECK(runs[0].offset == (first_half + second_half).size());
  CHECK(runs[0].line == all.size());
  CHECK(run_command("xapian-check " + db + "/reports.000002 >/dev/null 2>&1").exit_code == 0);
  // A daily load after the rebuild continues the batch numbers.
  REQUIRE(run_socialsoeg("index --db " + db + " " + dir.write("c.jsonl", kGood2 + "\n")).exit_code == 0);
  CHECK(Xapian::Database(db).get_metadata(std::string(schema::kMetaLastBatch)) == "3");
}

TEST_CASE("index --replace-all: reports numbered by time, from a file or from standard input alike",
          "[index][replace-all]") {
  // The dev reports in reverse, with what real exports hold: a byte-order
  // mark, CRLF line ends, a broken line and an id given twice (the last one,
  // with another time, wins). Whatever the input order, docid order is time
  // order (index/date_order.h), and the database promises it.
  TempDir dir;
  auto all = lines_of(read_file(kDev + "/reports.jsonl"));
  std::reverse(all.begin(), all.end());
  auto again = nlohmann::json::parse(all.back());
  again["occurred"] = "2019-01-02T03:04";
  std::string input = "\xEF\xBB\xBF";
  for (const auto& line : all) input += line + "\r\n";
  input += "{\"id\": \"broken\"\n" + again.dump() + "\n";
  const auto path = dir.write("reversed.jsonl", input);
  const auto from_file = run_socialsoeg("index --replace-all --json --db " + dir / "file" + " --rejects " +
                                        dir / "file.rejects" + " " + path);
  const auto from_stdin = run_command("cat " + path + " | " + kBin + " index --replace-all --json --db " +
                                      dir / "stdin" + " --rejects " + dir / "stdin.rejects" + " - 2>&1");
  for (const auto* r : {&from_file, &from_stdin}) {
    INFO(r->out);
    CHECK(r->exit_code == 2);  // a record was rejected
    const auto summary = nlohmann::json::parse(lines_of(r->out).back());
    CHECK(summary["added"] == all.size());
    CHECK(summary["repeated"] == 1);
    CHECK(summary["rejected"] == 1);
  }
  CHECK_THAT(from_stdin.out, Catch::Contains("stdin:" + std::to_string(all.size() + 1) + ": (record): invalid JSON"));
  CHECK(read_file(dir / "stdin.rejects") == read_file(dir / "file.rejects"));
  std::vector<std::string> ids[2];
  for (int k = 0; k < 2; ++k) {
    const Xapian::Database db(dir / (k ? "stdin" : "file"));
    REQUIRE(db.get_doccount() == all.size());
    CHECK(db.get_metadata(std::string(schema::kMetaDateOrder)).starts_with(std::to_string(all.size()) + " "));
    std::string last;
    for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
      const auto doc = db.get_document(did);
      const std::string key = doc.get_value(schema::kSlotOccurredTime);
      CHECK(key >= last);
      last = key;
      ids[k].push_back(index::read_stored_report(doc).id);
    }
    CHECK(db.get_metadata(std::string(schema::kMetaDateOrder)) == std::to_string(all.size()) + " " + last);
    CHECK(ids[k].front() == again["id"]);  // the repeated id, moved to 2019 by its last version
  }
  CHECK(ids[0] == ids[1]);
  CHECK_FALSE(std::filesystem::exists(dir / "stdin/reports.000001.build"));  // its copy of stdin is gone
}

TEST_CASE("index: a database analysed differently says a re-index is needed", "[index]") {
  TempDir dir;
  const auto db = dir / "db";
  REQUIRE(run_socialsoeg("index --db " + db + " " + dir.write("a.jsonl", kGood1 + "\n")).exit_code == 0);
  const auto fine = run_socialsoeg("status --json --db " + db);
  REQUIRE(fine.exit_code == 0);
  const auto status = nlohmann::json::parse(fine.out);
  CHECK(status["documents"] == 1);
  CHECK(status["analyzer_matches"] == true);
  CHECK(status["last_batch_record"]["records"] == 1);
  CHECK(status["audit_log"] == "intact");
  {
    Xapian::WritableDatabase w(db + "/reports.000001", Xapian::DB_OPEN);
    w.set_metadata(std::string(schema::kMetaAnalyzer), "socialsoeg-danish/0 dict:old");
    w.commit();
  }
  const auto r = run_socialsoeg("index --db " + db + " " + dir / "a.jsonl");
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.out, Catch::Contains("re-index is needed"));
  CHECK_THAT(r.out, Catch::Contains("dict:old"));
  const auto differs = run_socialsoeg("status --db " + db);
  CHECK(differs.exit_code == 3);
  CHECK_THAT(differs.out, Catch::Contains("DIFFERS from this program's: a re-index is needed"));
  // The cure it names works.
  CHECK(run_socialsoeg("index --replace-all --db " + db + " " + dir / "a.jsonl").exit_code == 0);
  CHECK(run_socialsoeg("index --db " + db + " " + dir / "a.jsonl").exit_code == 0);
}

TEST_CASE("index: a second writer is refused while one holds the database", "[index]") {
  TempDir dir;
  const auto db = dir / "db";
  REQUIRE(run_socialsoeg("index --db " + db + " " + dir.write("a.jsonl", kGood1 + "\n")).exit_code == 0);
  const int fd = ::open((db + "/writer.lock").c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  const auto r = run_socialsoeg("index --db " + db + " " + dir / "a.jsonl");
  ::close(fd);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.out, Catch::Contains("locked"));
  CHECK(run_socialsoeg("index --db " + db + " " + dir / "missing.jsonl").exit_code == 3);
}

TEST_CASE("residents: who lives where on a date, and a newer extract replaces a person's rows", "[residents]") {
  TempDir dir;
  const auto db = dir / "db";
  const auto r = run_socialsoeg("residents --db " + db + " " + kDev + "/residents.jsonl");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  index::ResidentStore store(std::filesystem::path(db) / "residents");
  // Every household of the dev family lookups, from the register alone.
  std::istringstream family(read_file(kDev + "/family.jsonl"));
  for (std::string line; std::getline(family, line);) {
    const auto want = nlohmann::json::parse(line);
    const Date as_of = *Date::parse_iso(want["as_of"].get<std::string>());
    const auto home = store.address_of(*Cpr::parse(want["cpr"].get<std::string>()), as_of);
    REQUIRE(home);
    CHECK(home->address_id == want["address_id"]);
    std::vector<std::string> got;
    for (const auto& reg : store.at_address(home->address_id, as_of)) got.push_back(Cpr::parse(reg.cpr)->display());
    std::vector<std::string> expected = want["household"];
    std::sort(expected.begin(), expected.end());
    std::sort(got.begin(), got.end());
    CHECK(got == expected);
  }

  // Move-in day and move-out day are inclusive.
  const auto rows = dir.write("move.jsonl",
                              R"({"cpr": "0101901234", "address_id": "A-OLD", "from": "2020-01-01", "to": "2023-05-31"})"
                              "\n"
                              R"({"cpr": "010190-1234", "address_id": "A-NEW", "from": "2023-06-01", "to": null})"
                              "\n");
  REQUIRE(run_socialsoeg("residents --db " + db + " " + rows).exit_code == 0);
  index::ResidentStore updated(std::filesystem::path(db) / "residents");
  const Cpr person = *Cpr::parse("0101901234");
  CHECK(updated.address_of(person, *Date::parse_iso("2023-05-31"))->address_id == "A-OLD");
  CHECK(updated.address_of(person, *Date::parse_iso("2023-06-01"))->address_id == "A-NEW");
  CHECK(updated.at_address("A-OLD", *Date::parse_iso("2023-06-01")).empty());
  // A newer extract covering the person replaces both rows; others are untouched.
  const size_t others = updated.size() - 2;
  const auto newer = dir.write("newer.jsonl",
                               R"({"cpr": "0101901234", "address_id": "A-THIRD", "from": "2019-01-01", "to": null})"
                               "\n");
  REQUIRE(run_socialsoeg("residents --db " + db + " " + newer).exit_code == 0);
  index::ResidentStore third(std::filesystem::path(db) / "residents");
  REQUIRE(third.of_person(person).size() == 1);
  CHECK(third.of_person(person)[0].address_id == "A-THIRD");
  CHECK(third.size() == others + 1);
  // Bad rows: reported, kept, exit 2.
  const auto bad = dir.write("bad.jsonl", R"({"cpr": "0101901234", "address_id": "A-1", "from": "2020-13-01"})" "\n");
  const auto b = run_socialsoeg("residents --db " + db + " " + bad);
  CHECK(b.exit_code == 2);
  CHECK_THAT(b.out, Catch::Contains("bad.jsonl:1: from: impossible date"));
  CHECK(b.out.find("0101901234") == std::string::npos);
}

TEST_CASE("index and residents: every load is in the audit log, whose chain verifies", "[index][audit]") {
  TempDir dir;
  const auto db = dir / "db";
  REQUIRE(run_socialsoeg("index --user anna --db " + db + " " + dir.write("a.jsonl", kGood1 + "\n")).exit_code == 0);
  REQUIRE(run_socialsoeg("residents --user anna --db " + db + " " + kDev + "/residents.jsonl").exit_code == 0);
  const auto files = audit::AuditLogFiles::for_db(db);
  const auto keys = audit::AuditKeys::load_or_create(files.keys);
  CHECK_FALSE(audit::verify_log(files.log, keys, files.checkpoints, keys.sign_public).problem.has_value());
  const auto lines = lines_of(read_file(db + "/audit.log"));
  REQUIRE(lines.size() == 2);
  const auto first = nlohmann::json::parse(lines[0]);
  CHECK(first["user"] == "anna");
  CHECK(first["action"] == "index");
  CHECK(first["details"]["summary"]["added"] == 1);
  CHECK(nlohmann::json::parse(lines[1])["action"] == "residents");
  // Editing a record is found at that record.
  std::string text = read_file(db + "/audit.log");
  text.replace(text.find("anna"), 4, "olga");
  std::ofstream(db + "/audit.log", std::ios::trunc) << text;
  const auto broken = audit::verify_log(files.log, keys, files.checkpoints, keys.sign_public);
  REQUIRE(broken.problem.has_value());
  CHECK(broken.problem->line == 1);
  CHECK(broken.problem->kind == "edited");
}

TEST_CASE("index: a progress bar on a terminal, never in a pipe", "[index][progress]") {
  TempDir dir;
  // Big enough that the load outlasts the bar's first redraw (every 200 ms).
  REQUIRE(run_command(std::string(SOCIALSOEG_SAMPLE_BIN) + " --out " + dir / "sample" +
                      " --reports 4000 --seed 3 >/dev/null 2>&1")
              .exit_code == 0);
  const std::string input = dir / "sample/reports.jsonl";
  // script(1) runs the command on a pseudo-terminal.
  const auto tty = run_command("script -qec " + shell_quote(kBin + " index --threads 1 --db " + dir / "tty " + input) +
                               " /dev/null");
  CHECK(tty.exit_code == 0);
  CHECK_THAT(tty.out, Catch::Contains("\033[K"));
  CHECK_THAT(tty.out, Catch::Contains("records"));
  CHECK_THAT(tty.out, Catch::Contains("ETA"));
  CHECK_THAT(tty.out, Catch::Contains("indexed 4000"));
  const auto piped = run_socialsoeg("index --threads 1 --db " + dir / "pipe " + input);
  CHECK(piped.exit_code == 0);
  CHECK(piped.out.find("\033[K") == std::string::npos);
  CHECK_THAT(piped.out, Catch::Contains("indexed 4000"));
}

namespace {

// A small tmpfs mounted at `at` for the life of the object; mounted() is
// false where this process may not mount one (not root, no namespace rights).
class SmallDisk {
 public:
  SmallDisk(const std::string& at, const std::string& size) : at_(at) {
    std::filesystem::create_directories(at);
    mounted_ = run_command("mount -t tmpfs -o size=" + size + " tmpfs " + shell_quote(at) + " 2>/dev/null").exit_code == 0;
  }
  ~SmallDisk() {
    if (mounted_) run_command("umount " + shell_quote(at_) + " 2>/dev/null");
  }
  bool mounted() const { return mounted_; }
  bool grow(const std::string& size) const {
    return run_command("mount -o remount,size=" + size + " " + shell_quote(at_) + " 2>/dev/null").exit_code == 0;
  }

 private:
  std::string at_;
  bool mounted_ = false;
};

}  // namespace

TEST_CASE("index: a load that fills the disk says so, keeps its committed batches, is in the audit log, and "
          "the same command finishes the job once there is room",
          "[index][faults]") {
  TempDir dir;
  const SmallDisk disk(dir / "small", "3m");
  if (!disk.mounted()) {
    WARN("skipped: cannot mount a small tmpfs here (needs root)");
    return;
  }
  REQUIRE(run_command(std::string(SOCIALSOEG_SAMPLE_BIN) + " --out " + dir / "data" +
                      " --reports 3000 --seed 3 >/dev/null 2>&1").exit_code == 0);
  const auto db = dir / "small/db";
  const auto input = dir / "data/reports.jsonl";
  const auto full = run_socialsoeg("index --db " + db + " --batch-size 200 " + input);
  INFO(full.out);
  CHECK(full.exit_code == 3);
  CHECK(full.out.find("the disk holding") != std::string::npos);
  // What was committed stays, and the audit log says what.
  const Xapian::Database before(db);
  const auto committed = before.get_doccount();
  CHECK(committed > 0);
  CHECK(committed < 3000);
  std::vector<std::string> log;
  {
    std::istringstream in(read_file(db + "/audit.log"));
    for (std::string l; std::getline(in, l);) log.push_back(l);
  }
  REQUIRE_FALSE(log.empty());
  const auto record = nlohmann::json::parse(log.back());
  CHECK(record["outcome"] == "error");
  CHECK(record["details"]["batches_committed"].get<uint64_t>() * 200 == committed);
  CHECK(record["details"]["last_batch"] == std::stoull(before.get_metadata(std::string(schema::kMetaLastBatch))));
  const auto files = audit::AuditLogFiles::for_db(db);
  const auto keys = audit::AuditKeys::load_or_create(files.keys);
  CHECK_FALSE(audit::verify_log(files.log, keys, files.checkpoints, keys.sign_public).problem.has_value());
  // Room again: the same command resumes after the committed batches.
  REQUIRE(disk.grow("64m"));
  const auto again = run_socialsoeg("index --db " + db + " --batch-size 200 " + input);
  INFO(again.out);
  CHECK(again.exit_code == 0);
  CHECK(Xapian::Database(db).get_doccount() == 3000);
  CHECK(run_command("xapian-check " + db + "/reports.000001 >/dev/null 2>&1").exit_code == 0);
}

TEST_CASE("index: the loader tells its caller's sink what it did — rejections with file:line, redacted — and no stream of its own",
          "[indexer][log]") {
  TempDir dir;
  const auto places = index::Places::load(std::filesystem::path(SOCIALSOEG_DICTIONARIES) / "municipalities.tsv");
  const analysis::Analyzer analyzer;
  const std::string good = R"({"id": "L-1", "source": "journal", "district": "fyn", "occurred": "2024-01-01", "text": "Han blev sigtet for vold."})";
  // A CPR number in a rejected field must not reach the log.
  const std::string bad = R"({"id": "L-2", "source": "journal", "district": "fyn", "occurred": "2024-01-01", "text": "x", "persons": [{"cpr": "310290-1234", "role": "sigtet"}]})";
  const std::string input = dir.write("in.jsonl", good + "\n" + bad + "\n");
  std::vector<std::pair<indexer::LoadNote, std::string>> notes;
  indexer::LoadOptions options;
  options.inputs = {input};
  options.log = [&](indexer::LoadNote level, const std::string& message) { notes.emplace_back(level, message); };
  indexer::LoadStats stats;
  index::DatabaseDir db(dir / "db");
  db.lock_for_writing();
  indexer::index_reports(db, analyzer, places, options, stats);
  CHECK(stats.added == 1);
  bool rejection = false, committed = false;
  for (const auto& [level, message] : notes) {
    INFO(message);
    CHECK(message.find("310290") == std::string::npos);
    if (level == indexer::LoadNote::kError && message.starts_with(input + ":2: persons[0].cpr:")) rejection = true;
    if (level == indexer::LoadNote::kInfo && message.starts_with("committed batch 1: 1 records")) committed = true;
  }
  CHECK(rejection);
  CHECK(committed);
  // Without a sink the loader says nothing, and still loads.
  indexer::LoadOptions silent;
  silent.inputs = {dir.write("more.jsonl", good + "\n")};
  indexer::LoadStats more;
  indexer::index_reports(db, analyzer, places, silent, more);
  CHECK(more.unchanged == 1);
}
