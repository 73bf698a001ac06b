// Chunk boundaries: align_to_records against record starts found by one scan of the whole
// text, and align_to_lines (the reader's first guess) against it where no quoted field
// holds a line feed.
#include "io/csv/csv_chunking.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace tsum::csv {
namespace {

// A valid CSV text of random records: plain fields, quoted fields (with commas, doubled
// quotes and, when `multiline`, line feeds inside), empty ones.
std::string random_text(std::mt19937& rng, bool multiline) {
  std::string text;
  const int records = 1 + static_cast<int>(rng() % 60);
  for (int r = 0; r < records; ++r) {
    const int fields = 1 + static_cast<int>(rng() % 5);
    for (int f = 0; f < fields; ++f) {
      if (f > 0) text += ',';
      switch (rng() % 4) {
        case 0: break;  // empty
        case 1: text += std::string(1 + rng() % 6, static_cast<char>('a' + rng() % 26)); break;
        default: {
          text += '"';
          for (int k = static_cast<int>(rng() % 8); k > 0; --k) {
            const unsigned pick = rng() % 6;
            text += pick == 0 ? std::string("\"\"") : pick == 1 ? std::string(",") :
                    pick == 2 && multiline ? std::string("\n") : std::string(1, static_cast<char>('A' + rng() % 26));
          }
          text += '"';
        }
      }
    }
    text += '\n';
  }
  return text;
}

// The first record start at or after each nominal boundary (the text's end when none), by
// one scan from the start.
std::vector<size_t> reference_starts(const std::string& text, const std::vector<size_t>& nominal) {
  std::vector<size_t> record_starts{0};
  bool inside = false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') inside = !inside;
    else if (text[i] == '\n' && !inside) record_starts.push_back(i + 1);
  }
  std::vector<size_t> starts;
  for (size_t b : nominal) starts.push_back(*std::lower_bound(record_starts.begin(), record_starts.end(), b));
  starts.back() = text.size();
  return starts;
}

TEST(CsvChunking, BoundariesAreTheFirstRecordStartsAfterTheNominalOnes) {
  std::mt19937 rng(11);
  int guesses_differed = 0;
  for (int round = 0; round < 3000; ++round) {
    const bool multiline = round % 2 == 1;
    const std::string text = random_text(rng, multiline);
    const size_t step = 1 + rng() % 40;
    std::vector<size_t> nominal;
    for (size_t b = 0; b < text.size(); b += step) nominal.push_back(b);
    nominal.push_back(text.size());
    std::vector<char> odd(nominal.size() - 1);
    for (size_t j = 0; j + 1 < nominal.size(); ++j) odd[j] = odd_quote_count(text, nominal[j], nominal[j + 1]);

    const std::vector<size_t> expected = reference_starts(text, nominal);
    ASSERT_EQ(align_to_records(text, nominal, odd), expected) << "round " << round;
    const std::vector<size_t> guess = align_to_lines(text, nominal);
    if (!multiline) {
      ASSERT_EQ(guess, expected) << "round " << round;
    }
    guesses_differed += guess != expected;
    ASSERT_EQ(guess.front(), nominal.front());
    ASSERT_EQ(guess.back(), nominal.back());
    ASSERT_TRUE(std::is_sorted(guess.begin(), guess.end()));
  }
  // Line feeds inside quotes move some boundaries: the reader's check must see them.
  EXPECT_GT(guesses_differed, 100);
}

}  // namespace
}  // namespace tsum::csv
