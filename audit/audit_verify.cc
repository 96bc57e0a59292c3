#include "audit/audit_verify.h"

#include <fstream>
#include <map>
#include <vector>

#include "audit/audit_record.h"

namespace socialsoeg::audit {
namespace {

struct Line {
  uint64_t number;
  std::optional<SealedRecord> record;
};

VerifyProblem problem(uint64_t line, uint64_t record, std::string kind, std::string message) {
  return {line, record, std::move(kind), std::move(message)};
}

std::string s(uint64_t n) { return std::to_string(n); }

}  // namespace

nlohmann::json to_json(const VerifyReport& report) {
  nlohmann::json j = {{"intact", !report.problem}, {"records", report.records}, {"checkpoints", report.checkpoints},
                      {"last_checkpoint", report.last_checkpoint}, {"warning", report.warning}};
  if (report.problem)
    j["problem"] = {{"line", report.problem->line}, {"record", report.problem->record}, {"kind", report.problem->kind},
                    {"message", report.problem->message}};
  return j;
}

VerifyReport verify_log(const std::filesystem::path& log, const AuditKeys& keys, const std::filesystem::path& checkpoints,
                        const std::array<unsigned char, 32>& public_key) {
  VerifyReport report;
  std::ifstream in(log, std::ios::binary);
  std::vector<Line> lines;
  std::string text;
  bool torn = false;
  uint64_t number = 0;
  while (std::getline(in, text)) {
    ++number;
    torn = in.eof();  // getline hit the end before a newline: an incomplete last line
    lines.push_back({number, unseal(&keys, text)});
  }
  // Where each record with a valid MAC sits, to tell a reorder from a deletion.
  std::map<uint64_t, uint64_t> line_of;
  for (const auto& l : lines)
    if (l.record && l.record->mac_ok) line_of.emplace(l.record->seq, l.number);

  uint64_t expected = 1;
  std::string prev(kGenesis);
  std::map<uint64_t, std::string> mac_of;
  for (const auto& l : lines) {
    if (torn && l.number == lines.size()) {
      report.problem = problem(l.number, expected, "truncated", "line " + s(l.number) + " is incomplete: the log was cut inside a record");
      return report;
    }
    if (!l.record) {
      report.problem = problem(l.number, 0, "malformed", "line " + s(l.number) + " is not an audit record: edited or inserted");
      return report;
    }
    const auto& r = *l.record;
    if (!r.mac_ok) {
      report.problem = problem(l.number, r.seq, "edited",
                               "line " + s(l.number) + " (record " + s(r.seq) + ") does not match its MAC: it was edited, or inserted by someone without the key");
      return report;
    }
    if (r.seq > expected) {
      const auto later = line_of.find(expected);
      if (later != line_of.end() && later->second > l.number)
        report.problem = problem(l.number, expected, "reordered",
                                 "record " + s(expected) + " is at line " + s(later->second) + ", after record " + s(r.seq) +
                                     " at line " + s(l.number) + ": records were reordered");
      else
        report.problem = problem(l.number, expected, "deleted",
                                 "record" + (r.seq - expected > 1 ? "s " + s(expected) + "-" + s(r.seq - 1) + " are" : " " + s(expected) + " is") +
                                     " missing before line " + s(l.number) + ": deleted");
      return report;
    }
    if (r.seq < expected) {
      report.problem = problem(l.number, r.seq, "reordered",
                               "line " + s(l.number) + " holds record " + s(r.seq) + " after record " + s(expected - 1) +
                                   ": reordered or copied");
      return report;
    }
    if (r.prev != prev) {
      report.problem = problem(l.number, r.seq, "edited",
                               "record " + s(r.seq) + " at line " + s(l.number) + " does not chain to record " + s(r.seq - 1) +
                                   ": a record was replaced with the key");
      return report;
    }
    prev = r.mac;
    mac_of[r.seq] = r.mac;
    ++expected;
    ++report.records;
  }

  std::ifstream cin(checkpoints);
  uint64_t cline = 0;
  while (std::getline(cin, text)) {
    ++cline;
    if (text.empty()) continue;
    const auto c = parse_checkpoint(text);
    if (!c || !signature_ok(public_key, c->message(), c->signature)) {
      report.problem = problem(0, c ? c->seq : 0, "checkpoint",
                               "checkpoint " + s(cline) + " in " + checkpoints.string() + " has no valid signature");
      return report;
    }
    ++report.checkpoints;
    report.last_checkpoint = std::max(report.last_checkpoint, c->seq);
    const auto it = mac_of.find(c->seq);
    if (it == mac_of.end()) {
      report.problem = problem(lines.size(), c->seq, "truncated",
                               "the log ends at record " + s(report.records) + ", but checkpoint " + s(cline) + " (" + c->time +
                                   ") vouches for record " + s(c->seq) + ": records " + s(report.records + 1) + "-" + s(c->seq) + " were cut off");
      return report;
    }
    if (it->second != c->mac) {
      report.problem = problem(line_of.count(c->seq) ? line_of[c->seq] : 0, c->seq, "edited",
                               "record " + s(c->seq) + " is not the one checkpoint " + s(cline) + " signed: the log was rewritten");
      return report;
    }
  }
  if (report.records > 0 && report.checkpoints == 0)
    report.warning = "no checkpoint yet: a cut-off tail could not be detected";
  else if (report.records > report.last_checkpoint)
    report.warning = "records " + s(report.last_checkpoint + 1) + "-" + s(report.records) + " come after the last checkpoint";
  return report;
}

}  // namespace socialsoeg::audit
