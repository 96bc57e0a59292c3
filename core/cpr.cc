#include "core/cpr.h"

namespace socialsoeg {

int cpr_birth_year(int yy, int digit7) {
  int century;
  if (digit7 <= 3) {
    century = 1900;
  } else if (digit7 == 4 || digit7 == 9) {
    century = yy <= 36 ? 2000 : 1900;
  } else {  // 5..8
    century = yy <= 57 ? 2000 : 1800;
  }
  return century + yy;
}

std::optional<Cpr> Cpr::parse(std::string_view text) {
  std::string digits;
  if (text.size() == 11 && text[6] == '-') {
    digits.append(text.substr(0, 6)).append(text.substr(7));
  } else if (text.size() == 10) {
    digits.assign(text);
  } else {
    return std::nullopt;
  }
  for (char c : digits)
    if (c < '0' || c > '9') return std::nullopt;
  auto num = [&](int i) { return (digits[i] - '0') * 10 + (digits[i + 1] - '0'); };
  const int year = cpr_birth_year(num(4), digits[6] - '0');
  const auto birth = Date::from_ymd(year, num(2), num(0));
  if (!birth) return std::nullopt;
  return Cpr(std::move(digits), *birth);
}

std::string Cpr::display() const { return digits_.substr(0, 6) + "-" + digits_.substr(6); }

bool Cpr::passes_modulus11() const {
  static constexpr int kWeights[10] = {4, 3, 2, 7, 6, 5, 4, 3, 2, 1};
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += kWeights[i] * (digits_[i] - '0');
  return sum % 11 == 0;
}

}  // namespace socialsoeg
