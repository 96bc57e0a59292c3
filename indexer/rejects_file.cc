#include "indexer/rejects_file.h"

#include <cerrno>
#include <cstring>

#include "core/errors.h"

namespace socialsoeg::indexer {

RejectsFile::RejectsFile(std::filesystem::path path) : path_(std::move(path)) {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

RejectsFile::~RejectsFile() {
  if (file_) std::fclose(file_);
}

void RejectsFile::write(std::string_view bytes, bool end_of_line) {
  if (!file_) {
    file_ = std::fopen(path_.c_str(), "wb");
    if (!file_) throw EnvironmentError("cannot write rejects file " + path_.string() + ": " + std::strerror(errno));
  }
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size() || (end_of_line && std::fputc('\n', file_) == EOF))
    throw EnvironmentError("cannot write rejects file " + path_.string() + ": " + std::strerror(errno));
  if (end_of_line) ++lines_;
}

void RejectsFile::close() {
  if (file_ && std::fclose(file_) != 0)
    throw EnvironmentError("cannot write rejects file " + path_.string() + ": " + std::strerror(errno));
  file_ = nullptr;
}

std::filesystem::path RejectsFile::beside(const std::string& input) {
  return input == "-" ? std::filesystem::path("stdin.rejects") : std::filesystem::path(input + ".rejects");
}

}  // namespace socialsoeg::indexer
