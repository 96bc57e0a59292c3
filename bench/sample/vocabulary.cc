#include "bench/sample/vocabulary.h"

#include <fstream>
#include <map>

#include "core/errors.h"

namespace socialsoeg::sample {
namespace {

std::ifstream open(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw EnvironmentError("cannot read " + file.string());
  return in;
}

// First postcode of each district's range, so sample addresses look local.
int district_postcode_base(const std::string& district) {
  static const std::map<std::string, int> kBase = {
      {"koebenhavn", 1000},        {"koebenhavns-vestegn", 2600}, {"nordsjaelland", 2800},
      {"midt-vestsjaelland", 4000}, {"sydsjaelland-lolland-falster", 4600}, {"bornholm", 3700},
      {"fyn", 5000},               {"syd-soenderjylland", 6000},  {"sydoestjylland", 7000},
      {"midt-vestjylland", 7400},  {"oestjylland", 8000},         {"nordjylland", 9000}};
  const auto it = kBase.find(district);
  return it == kBase.end() ? 1000 : it->second;
}

bool plain_lowercase_danish(const std::string& w) {
  // ASCII letters plus æ, ø, å in UTF-8 (0xC3 0xA6/0xB8/0xA5).
  for (size_t i = 0; i < w.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(w[i]);
    if (c >= 'a' && c <= 'z') continue;
    if (c == 0xC3 && i + 1 < w.size()) {
      const unsigned char d = static_cast<unsigned char>(w[i + 1]);
      if (d == 0xA6 || d == 0xB8 || d == 0xA5) {
        ++i;
        continue;
      }
    }
    return false;
  }
  return true;
}

}  // namespace

Vocabulary Vocabulary::load(const std::filesystem::path& names_file, const std::filesystem::path& municipalities_file,
                            const std::filesystem::path& word_list) {
  Vocabulary v;
  {
    auto in = open(names_file);
    std::map<std::string, std::vector<std::string>*> sections = {
        {"female", &v.female}, {"male", &v.male},   {"surname", &v.surname},
        {"street", &v.street}, {"road", &v.road},   {"vehicle", &v.vehicle}};
    std::vector<std::string>* current = nullptr;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.empty() || line[0] == '#') continue;
      if (line.front() == '[' && line.back() == ']') {
        const auto it = sections.find(line.substr(1, line.size() - 2));
        if (it == sections.end()) throw DataError(names_file.string() + ":" + std::to_string(number) + ": unknown section");
        current = it->second;
        continue;
      }
      if (current == nullptr) throw DataError(names_file.string() + ":" + std::to_string(number) + ": entry before a section");
      current->push_back(line);
    }
    for (auto& [name, list] : sections)
      if (list->empty()) throw DataError(names_file.string() + ": no [" + name + "] entries");
  }
  {
    auto in = open(municipalities_file);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.empty() || line[0] == '#') continue;
      const size_t a = line.find('\t'), b = line.find('\t', a + 1);
      if (a == std::string::npos || b == std::string::npos)
        throw DataError(municipalities_file.string() + ":" + std::to_string(number) + ": expected code<TAB>name<TAB>district");
      Municipality m{line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1), 0};
      m.postcode = district_postcode_base(m.district) + (std::stoi(m.code) * 37) % 90 * 10;
      v.municipalities.push_back(std::move(m));
    }
  }
  {
    // Street names from the word list: a word of 4-8 plain letters with a
    // street suffix, e.g. "grænse" -> "Grænsevej". Only every word that does
    // not end in a typical inflection, so the stems read as names.
    auto in = open(word_list);
    static const char* kSuffixes[] = {"vej", "gade", "stræde", "vænget", "alle", "parken"};
    std::string w;
    size_t n = 0;
    while (std::getline(in, w)) {
      if (w.size() < 4 || w.size() > 9 || !plain_lowercase_danish(w)) continue;
      if (w[0] < 'a' || w[0] > 'z') continue;  // capitalise ASCII initials only
      if (w.ends_with("ne") || w.ends_with("et") || w.ends_with("s") || w.ends_with("de") || w.ends_with("te")) continue;
      w[0] = static_cast<char>(w[0] - 32);
      v.word_streets.push_back(w + kSuffixes[n++ % 6]);
    }
  }
  return v;
}

}  // namespace socialsoeg::sample
