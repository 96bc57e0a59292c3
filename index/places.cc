#include "index/places.h"

#include "core/errors.h"
#include "core/line_file.h"

namespace socialsoeg::index {

Places Places::load(const std::filesystem::path& file) {
  Places places;
  // The table has no sections: every content line is a municipality.
  for (const auto& line : read_content_lines(file, "dictionary file")) {
    const auto tab1 = line.text.find('\t');
    const auto tab2 = tab1 == std::string::npos ? tab1 : line.text.find('\t', tab1 + 1);
    if (tab2 == std::string::npos || tab1 != 3)
      throw DataError(file_line(file, line.number) + "expected code<TAB>name<TAB>district");
    places.municipalities_.insert(line.text.substr(0, tab1));
    places.code_by_folded_name_[fold_place_name(line.text.substr(tab1 + 1, tab2 - tab1 - 1))] = line.text.substr(0, tab1);
    places.name_by_code_[line.text.substr(0, tab1)] = line.text.substr(tab1 + 1, tab2 - tab1 - 1);
    places.districts_.insert(line.text.substr(tab2 + 1));
  }
  if (places.districts_.empty()) throw DataError(file.string() + ": no municipalities");
  return places;
}

std::optional<std::string> Places::municipality_code(std::string_view code_or_name) const {
  if (is_municipality(code_or_name)) return std::string(code_or_name);
  const auto it = code_by_folded_name_.find(fold_place_name(code_or_name));
  if (it == code_by_folded_name_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Places::municipality_name(std::string_view code) const {
  const auto it = name_by_code_.find(code);
  if (it == name_by_code_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Places::municipality_names() const {
  std::vector<std::string> out;
  for (const auto& [name, code] : code_by_folded_name_) out.push_back(name);
  return out;
}

std::string fold_place_name(std::string_view name) {
  static const std::pair<std::string_view, std::string_view> kLetters[] = {
      {"æ", "ae"}, {"Æ", "ae"}, {"ø", "oe"}, {"Ø", "oe"}, {"å", "aa"}, {"Å", "aa"},
      {"é", "e"},  {"É", "e"},  {"ü", "u"},  {"ö", "oe"}, {"ä", "ae"}};
  std::string out;
  for (size_t i = 0; i < name.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kLetters) {
      if (name.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    char c = name[i++];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ' || c == '_') c = '-';
    out += c;
  }
  return out;
}

}  // namespace socialsoeg::index
