// Names, streets, roads, vehicles and towns for filling report templates:
// bench/data/names.da.txt, the municipality table of dictionaries/, and
// street-name stems from Snowball's Danish word list (snowball-data) for
// variety beyond the hand-written list.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace socialsoeg::sample {

struct Municipality {
  std::string code;      // "851"
  std::string name;      // "Aalborg"
  std::string district;  // "nordjylland"
  int postcode;          // plausible, not authoritative: the data are fictional
};

struct Vocabulary {
  std::vector<std::string> female, male, surname, street, road, vehicle;
  std::vector<std::string> word_streets;  // "Hyldebærvej" made from the word list
  std::vector<Municipality> municipalities;

  static Vocabulary load(const std::filesystem::path& names_file, const std::filesystem::path& municipalities_file,
                         const std::filesystem::path& word_list);
};

}  // namespace socialsoeg::sample
