#include "index/address_text.h"

#include <cctype>
#include <vector>

#include "index/places.h"

namespace socialsoeg::index {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Words, with '.', ',' and '/' as spaces: "2.tv." -> "2", "tv".
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == ',' || c == '.' || c == '/' || c == ';') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

// "12", "12a", "12A": a house number (1-999, a letter after it).
bool house_number(const std::string& w) {
  size_t digits = 0;
  while (digits < w.size() && std::isdigit(static_cast<unsigned char>(w[digits]))) ++digits;
  if (digits == 0 || digits > 3 || w[0] == '0') return false;
  return digits == w.size() || (digits + 1 == w.size() && std::isalpha(static_cast<unsigned char>(w[digits])));
}

bool floor_word(const std::string& w) {
  const std::string l = lower(w);
  if (l == "st" || l == "kl" || l == "stuen" || l == "kælder" || l == "kaelder") return true;
  if (l.size() == 2 && l[0] == 'k' && std::isdigit(static_cast<unsigned char>(l[1]))) return true;
  return all_digits(l) && l.size() <= 2 && l != "0";
}

std::string floor_of(const std::string& w) {
  const std::string l = lower(w);
  if (l == "stuen") return "st";
  if (l == "kælder" || l == "kaelder") return "kl";
  return l;
}

}  // namespace

std::optional<AddressParts> split_address_text(std::string_view text) {
  const auto words = words_of(text);
  AddressParts a;
  size_t i = 0;
  std::string street;
  for (; i < words.size() && !house_number(words[i]); ++i) {
    if (all_digits(words[i])) return std::nullopt;  // digits that are no house number: not an address
    street += (street.empty() ? "" : " ") + words[i];
  }
  if (street.empty() || i == words.size()) return std::nullopt;
  a.street = fold_place_name(street);
  a.number = lower(words[i++]);
  // "9 C": a house letter written apart.
  if (i < words.size() && words[i].size() == 1 && std::isupper(static_cast<unsigned char>(words[i][0])) &&
      std::isdigit(static_cast<unsigned char>(a.number.back()))) {
    a.number += lower(words[i++]);
  }
  // Floor, then door: "2 tv", "st mf", "1 sal til venstre", "3 sal 12", "kl", "t v".
  if (i < words.size() && floor_word(words[i]) && !(all_digits(words[i]) && words[i].size() == 4)) {
    a.floor = floor_of(words[i++]);
    if (i < words.size() && lower(words[i]) == "sal") ++i;
  }
  if (i < words.size()) {
    const std::string w = lower(words[i]);
    const std::string next = i + 1 < words.size() ? lower(words[i + 1]) : "";
    if (w == "tv" || w == "th" || w == "mf") {
      a.door = w;
      ++i;
    } else if (w == "t" && (next == "v" || next == "h")) {
      a.door = "t" + next;
      i += 2;
    } else if (w == "til" && (next == "venstre" || next == "højre" || next == "hoejre")) {
      a.door = next == "venstre" ? "tv" : "th";
      i += 2;
    } else if (w == "midt" || w == "midtfor") {
      a.door = "mf";
      i += (next == "for") ? 2 : 1;
    } else if (!a.floor.empty() && all_digits(w) && w.size() <= 3) {
      a.door = w;
      ++i;
    }
  }
  // The postcode: the first four-digit word after that.
  for (; i < words.size(); ++i)
    if (all_digits(words[i]) && words[i].size() == 4) {
      a.postcode = words[i];
      break;
    }
  return a;
}

}  // namespace socialsoeg::index
