// Line-oriented data files with a provenance header (the tables in
// dictionaries/, like municipalities.tsv): '#' comment lines and blank lines
// are skipped, surrounding spaces trimmed, and each line keeps its number so
// that mistakes are reported as file:line. Libraries that read such a table
// (index/places.h) need nothing of the analyzer's dictionary reader but this.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace socialsoeg {

struct ContentLine {
  int number;        // 1-based line number in the file
  std::string text;  // trimmed, never empty
};

// Every content line of `file`, in order. EnvironmentError ("cannot read
// <kind> <file>") when it cannot be read.
std::vector<ContentLine> read_content_lines(const std::filesystem::path& file, const std::string& kind = "file");

// "file:line: " for error messages.
std::string file_line(const std::filesystem::path& file, int line);

}  // namespace socialsoeg
