#include "core/line_file.h"

#include <fstream>

#include "core/errors.h"

namespace socialsoeg {

std::vector<ContentLine> read_content_lines(const std::filesystem::path& file, const std::string& kind) {
  std::ifstream in(file);
  if (!in) throw EnvironmentError("cannot read " + kind + " " + file.string());
  std::vector<ContentLine> lines;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    const size_t last = line.find_last_not_of(" \t\r");
    lines.push_back({number, line.substr(first, last - first + 1)});
  }
  return lines;
}

std::string file_line(const std::filesystem::path& file, int line) {
  return file.string() + ":" + std::to_string(line) + ": ";
}

}  // namespace socialsoeg
