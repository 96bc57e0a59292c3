#include "indexer/planned_record_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace socialsoeg::indexer {

PlannedRecordReader::PlannedRecordReader(const std::vector<InputFile>& inputs, const std::vector<std::string>& paths)
    : inputs_(inputs) {
  for (const auto& path : paths) {
    // A copy of stdin exists only when it had records: a failed open is an
    // error only when a record is read from it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    open_errors_.push_back(fd < 0 ? std::strerror(errno) : "");
    fds_.push_back(fd);
  }
}

PlannedRecordReader::~PlannedRecordReader() {
  for (const int fd : fds_)
    if (fd >= 0) ::close(fd);
}

ReportRecord PlannedRecordReader::read(const Located& at, const index::Places& places, std::string& buffer) const {
  if (fds_[at.input] < 0) throw changed(at, "cannot open it: " + open_errors_[at.input]);
  buffer.resize(at.length);
  size_t got = 0;
  while (got < at.length) {
    const ssize_t n = ::pread(fds_[at.input], buffer.data() + got, at.length - got, static_cast<off_t>(at.offset + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw changed(at, n < 0 ? std::strerror(errno) : "it is shorter");
    got += static_cast<size_t>(n);
  }
  auto parsed = parse_report(buffer, places);
  if (std::holds_alternative<Rejection>(parsed)) throw changed(at, "the record no longer passes its checks");
  auto& record = std::get<ReportRecord>(parsed);
  if (id_hash(record.id) != at.id_hash || sort_key(record) != at.key) throw changed(at, "another record is there now");
  return std::move(record);
}

EnvironmentError PlannedRecordReader::changed(const Located& at, const std::string& why) const {
  return EnvironmentError(inputs_[at.input].path + ":" + std::to_string(at.line) +
                          ": the input changed while it was indexed (" + why + "); run the command again");
}

}  // namespace socialsoeg::indexer
