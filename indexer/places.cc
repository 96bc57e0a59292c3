#include "indexer/places.h"

#include "analyzers/dictionary_file.h"
#include "core/errors.h"

namespace socialsoeg::indexer {

Places Places::load(const std::filesystem::path& file) {
  Places places;
  for (const auto& section : analysis::read_dictionary_file(file)) {
    for (const auto& line : section.lines) {
      const auto tab1 = line.text.find('\t');
      const auto tab2 = tab1 == std::string::npos ? tab1 : line.text.find('\t', tab1 + 1);
      if (tab2 == std::string::npos || tab1 != 3)
        throw DataError(analysis::dictionary_where(file, line.number) + "expected code<TAB>name<TAB>district");
      places.municipalities_.insert(line.text.substr(0, tab1));
      places.districts_.insert(line.text.substr(tab2 + 1));
    }
  }
  if (places.districts_.empty()) throw DataError(file.string() + ": no municipalities");
  return places;
}

}  // namespace socialsoeg::indexer
