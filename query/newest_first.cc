#include "query/newest_first.h"

#include <algorithm>

#include "index/schema.h"

namespace socialsoeg::query {
namespace {

// Matches above the date-ordered docids that a newest-first page sorts by
// their keys before it leaves the sorting to Xapian (after many daily loads
// of old reports; a replace-all orders them all again).
constexpr Xapian::doccount kMaxUnorderedMatches = 2'000;

std::string sort_key(const Xapian::MSet& mset, Xapian::doccount index) {
  return mset[index].get_document().get_value(schema::kSlotOccurredTime);
}

}  // namespace

std::optional<NewestFirstPage> newest_first_page(Xapian::Enquire& enquire, const index::DateOrder& order,
                                                 Xapian::doccount first, Xapian::doccount page,
                                                 Xapian::doccount check_at_least) {
  // Docids 1..order.through are in time order, so the matches in descending
  // docid order (Xapian reads every match's docid to find the highest, but
  // no sort key) give first those above it (daily loads since the last
  // replace-all, in no particular order), then the rest newest first.
  // Once one match of the ordered part is in hand, all the unordered ones
  // are: they are sorted by their keys and merged in. No other match's sort
  // key is read, which for a person's reports is most of the time a sorted
  // lookup would take.
  enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  const Xapian::doccount need = first + page;
  Xapian::doccount want = need + 1;
  NewestFirstPage out;
  Xapian::doccount unordered = 0;
  for (;;) {
    out.mset = enquire.get_mset(0, want, check_at_least);
    unordered = 0;
    while (unordered < out.mset.size() && *out.mset[unordered] > order.through) ++unordered;
    const Xapian::doccount ordered = out.mset.size() - unordered;
    if (out.mset.size() < want || ordered >= need) break;  // every match in hand, or the page decided
    if (order.through == 0) return std::nullopt;          // no order to use: let Xapian sort
    if (unordered > kMaxUnorderedMatches) return std::nullopt;
    const Xapian::doccount next = ordered > 0 ? unordered + need : want * 2;
    if (next <= want) return std::nullopt;  // no room to grow (a page near the doccount limit): Xapian sorts
    want = next;
  }
  // The unordered ones newest first; the same time: the later docid first,
  // which is their order in the MSet, kept by the stable sort.
  std::vector<std::pair<std::string, Xapian::doccount>> loose;
  loose.reserve(unordered);
  for (Xapian::doccount i = 0; i < unordered; ++i) loose.emplace_back(sort_key(out.mset, i), i);
  std::stable_sort(loose.begin(), loose.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  size_t next_loose = 0;
  Xapian::doccount next_ordered = unordered;
  std::string ordered_key;  // of mset[next_ordered], read only while unordered ones remain
  bool have_ordered_key = false;
  for (Xapian::doccount rank = 0; rank < need; ++rank) {
    const bool loose_left = next_loose < loose.size(), ordered_left = next_ordered < out.mset.size();
    if (!loose_left && !ordered_left) break;
    bool take_loose = loose_left && !ordered_left;
    if (loose_left && ordered_left) {
      if (!have_ordered_key) ordered_key = sort_key(out.mset, next_ordered);
      have_ordered_key = true;
      // The same time: the unordered one has the higher docid, so it comes first.
      take_loose = loose[next_loose].first >= ordered_key;
    }
    const Xapian::doccount index = take_loose ? loose[next_loose++].second : next_ordered++;
    if (!take_loose) have_ordered_key = false;
    if (rank >= first) out.hits.push_back(index);
  }
  return out;
}

}  // namespace socialsoeg::query
