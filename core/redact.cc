#include "core/redact.h"

namespace socialsoeg {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// Length of a CPR-shaped run at `i` (10 or 11), or 0. Longer digit runs are
// not CPR numbers (an account or phone number) but are still masked: a CPR
// number glued to other digits is a CPR number all the same.
size_t cpr_at(std::string_view s, size_t i) {
  size_t n = 0;
  while (i + n < s.size() && digit(s[i + n])) ++n;
  if (n >= 10) return n;
  if (n == 6 && i + 11 <= s.size() && s[i + 6] == '-') {
    size_t k = 0;
    while (k < 4 && digit(s[i + 7 + k])) ++k;
    if (k == 4) return 11;
  }
  return 0;
}

}  // namespace

std::string replace_cpr(std::string_view text, const std::function<std::string(std::string_view)>& replacement) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (digit(text[i]) && (i == 0 || !digit(text[i - 1]))) {
      if (size_t n = cpr_at(text, i)) {
        out += replacement(text.substr(i, n));
        i += n;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string redact_cpr(std::string_view text) {
  return replace_cpr(text, [](std::string_view) { return std::string("XXXXXX-XXXX"); });
}

std::string loggable(std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace socialsoeg
