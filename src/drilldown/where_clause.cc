// Hand-written: the grammar is a dozen productions, and a SQL parser library (none in
// Debian fits a C++ engine without a database attached) would accept far more than
// tsum can evaluate.
#include "drilldown/where_clause.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "prepare/number_text.h"
#include "prepare/time_text.h"
#include "table/parallel_for.h"
#include "tsum/error.h"

namespace tsum {
namespace {

using Op = WhereComparison::Op;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y)); });
}

bool is_keyword(std::string_view word) {
  for (std::string_view k : {"and", "or", "not", "in", "is", "null"}) {
    if (iequals(word, k)) return true;
  }
  return false;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '+' || static_cast<unsigned char>(c) >= 0x80; }

struct Token {
  enum class Kind { kWord, kQuotedName, kText, kSymbol, kEnd } kind = Kind::kEnd;
  std::string text;
  size_t position = 0;  // 1-based character position, for messages
};

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) { advance(); }

  WhereClause parse() {
    WhereClause where;
    if (token_.kind == Token::Kind::kEnd) throw UsageError("--where: the condition is empty");
    while (true) {
      where.comparisons.push_back(comparison());
      if (token_.kind == Token::Kind::kEnd) break;
      if (is_word("or")) {
        throw UsageError(fmt::format("--where: OR at character {} is not supported, only AND (run one summary per "
                                     "alternative) in: {}", token_.position, text_));
      }
      if (!is_word("and")) fail("AND or the end of the condition");
      advance();
    }
    return where;
  }

 private:
  [[noreturn]] void fail(std::string_view expected) const {
    std::string found = token_.kind == Token::Kind::kEnd ? "the end" : "'" + token_.text + "'";
    throw UsageError(fmt::format("--where: expected {} at character {} (found {}) in: {}", expected, token_.position, found,
                                 text_));
  }

  bool is_word(std::string_view w) const { return token_.kind == Token::Kind::kWord && iequals(token_.text, w); }
  bool is_symbol(std::string_view s) const { return token_.kind == Token::Kind::kSymbol && token_.text == s; }

  WhereComparison comparison() {
    WhereComparison c;
    if (token_.kind == Token::Kind::kQuotedName || (token_.kind == Token::Kind::kWord && !is_keyword(token_.text))) {
      c.column = token_.text;
    } else {
      fail("a column name");
    }
    advance();
    if (is_word("is")) {
      advance();
      bool negated = false;
      if (is_word("not")) negated = true, advance();
      if (!is_word("null")) fail("NULL");
      advance();
      c.op = negated ? Op::kIsNotNull : Op::kIsNull;
      return c;
    }
    bool negated = false;
    if (is_word("not")) negated = true, advance();
    if (is_word("in")) {
      advance();
      if (!is_symbol("(")) fail("'(' after IN");
      advance();
      while (true) {
        c.literals.push_back(literal());
        if (is_symbol(")")) break;
        if (!is_symbol(",")) fail("',' or ')' in the IN list");
        advance();
      }
      advance();
      c.op = negated ? Op::kNotIn : Op::kIn;
      return c;
    }
    if (negated) fail("IN after NOT");
    if (token_.kind != Token::Kind::kSymbol) fail("a comparison (=, !=, <, <=, >, >=, IN, IS NULL)");
    const std::string& s = token_.text;
    if (s == "=" || s == "==") c.op = Op::kEq;
    else if (s == "!=" || s == "<>") c.op = Op::kNe;
    else if (s == "<") c.op = Op::kLt;
    else if (s == "<=") c.op = Op::kLe;
    else if (s == ">") c.op = Op::kGt;
    else if (s == ">=") c.op = Op::kGe;
    else fail("a comparison (=, !=, <, <=, >, >=, IN, IS NULL)");
    advance();
    c.literals.push_back(literal());
    return c;
  }

  WhereComparison::Literal literal() {
    WhereComparison::Literal l;
    if (token_.kind == Token::Kind::kText) {
      l.text = token_.text;
    } else if (token_.kind == Token::Kind::kWord && !is_word("and")) {
      l.text = token_.text;
      l.number = parse_number_text(l.text).has_value();
    } else {
      fail("a value ('text' or a number)");
    }
    advance();
    return l;
  }

  // Reads a quoted run starting at pos_ (the opening quote); a doubled quote is one.
  std::string quoted(char quote) {
    std::string out;
    const size_t start = pos_ + 1;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      if (text_[pos_] == quote) {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == quote) {
          out += quote;
          ++pos_;
          continue;
        }
        ++pos_;
        return out;
      }
      out += text_[pos_];
    }
    throw UsageError(fmt::format("--where: the quote {} at character {} is never closed in: {}", quote, start, text_));
  }

  void advance() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    token_ = Token{};
    token_.position = pos_ + 1;
    if (pos_ >= text_.size()) return;
    const char c = text_[pos_];
    if (c == '\'') {
      token_.kind = Token::Kind::kText;
      token_.text = quoted('\'');
    } else if (c == '"' || c == '`') {
      token_.kind = Token::Kind::kQuotedName;
      token_.text = quoted(c);
    } else if (c == '<' || c == '>' || c == '!' || c == '=') {
      token_.kind = Token::Kind::kSymbol;
      token_.text = c;
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '=' || (c == '<' && text_[pos_] == '>'))) token_.text += text_[pos_++];
    } else if (c == '(' || c == ')' || c == ',') {
      token_.kind = Token::Kind::kSymbol;
      token_.text = c;
      ++pos_;
    } else if (word_char(c)) {
      token_.kind = Token::Kind::kWord;
      while (pos_ < text_.size() && word_char(text_[pos_])) token_.text += text_[pos_++];
    } else {
      token_.kind = Token::Kind::kSymbol;
      token_.text = c;
      ++pos_;
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  Token token_;
};

// How an ordering comparison reads a cell, decided by its literal.
struct Ordering {
  enum class Domain { kNumber, kTime, kText } domain = Domain::kText;
  double number = 0;
  int64_t seconds = 0;
  std::string text;
};

Ordering ordering_of(const WhereComparison::Literal& l) {
  Ordering o;
  o.text = l.text;
  if (l.number) {
    o.domain = Ordering::Domain::kNumber;
    o.number = parse_number_text(l.text)->value;
  } else if (auto t = parse_time_text(l.text)) {
    o.domain = Ordering::Domain::kTime;
    o.seconds = t->seconds;
  }
  return o;
}

// -1, 0, 1 comparing the cell with the literal; nullopt when the cell is not of the
// literal's domain.
std::optional<int> compare(std::string_view cell, const Ordering& o) {
  auto sign = [](auto a, auto b) { return a < b ? -1 : (b < a ? 1 : 0); };
  switch (o.domain) {
    case Ordering::Domain::kNumber: {
      auto n = parse_number_text(cell);
      if (!n) return std::nullopt;
      return sign(n->value, o.number);
    }
    case Ordering::Domain::kTime: {
      auto t = parse_time_text(cell);
      if (!t) return std::nullopt;
      return sign(t->seconds, o.seconds);
    }
    default: return sign(cell, std::string_view(o.text));
  }
}

bool equals(std::string_view cell, const WhereComparison::Literal& l) {
  if (!l.number) return cell == l.text;
  auto n = parse_number_text(cell);
  return n && n->value == parse_number_text(l.text)->value;
}

bool holds(std::string_view cell, const WhereComparison& c) {
  switch (c.op) {
    case Op::kEq: return equals(cell, c.literals[0]);
    case Op::kNe: return !equals(cell, c.literals[0]);
    case Op::kIn:
    case Op::kNotIn: {
      bool any = std::any_of(c.literals.begin(), c.literals.end(), [&](const auto& l) { return equals(cell, l); });
      return c.op == Op::kIn ? any : !any;
    }
    case Op::kIsNull: return false;
    case Op::kIsNotNull: return true;
    default: break;
  }
  const std::optional<int> r = compare(cell, ordering_of(c.literals[0]));
  if (!r) return false;
  switch (c.op) {
    case Op::kLt: return *r < 0;
    case Op::kLe: return *r <= 0;
    case Op::kGt: return *r > 0;
    default: return *r >= 0;
  }
}

}  // namespace

WhereClause parse_where(std::string_view text) { return Parser(text).parse(); }

std::vector<uint8_t> rows_matching(const Table& table, const WhereClause& where) {
  // Per named column, which codes pass every comparison on it.
  std::vector<const Column*> columns;
  std::vector<std::vector<uint8_t>> pass;
  for (const WhereComparison& c : where.comparisons) {
    const ptrdiff_t index = table.find_column(c.column);
    if (index < 0) {
      try {
        table.select({c.column}, {});
      } catch (const UsageError& e) {
        throw UsageError(std::string("--where: ") + e.what());
      }
    }
    const Column* column = &table.column(static_cast<size_t>(index));
    auto it = std::find(columns.begin(), columns.end(), column);
    if (it == columns.end()) {
      columns.push_back(column);
      pass.emplace_back(uint64_t{column->cardinality()} + 1, 1);
      it = columns.end() - 1;
    }
    std::vector<uint8_t>& ok = pass[static_cast<size_t>(it - columns.begin())];
    ok[Column::kNull] = ok[Column::kNull] && c.op == Op::kIsNull;
    for (uint32_t code = 1; code <= column->cardinality(); ++code) {
      ok[code] = ok[code] && holds(column->value(code), c);
    }
  }
  std::vector<uint8_t> keep(table.rows(), 1);
  constexpr uint64_t kBlock = 1 << 16;
  const uint64_t blocks = (table.rows() + kBlock - 1) / kBlock;
  parallel_for(uint64_t{0}, blocks, [&](uint64_t b) {
    const uint64_t begin = b * kBlock, end = std::min(table.rows(), begin + kBlock);
    for (size_t i = 0; i < columns.size(); ++i) {
      const uint8_t* ok = pass[i].data();
      columns[i]->visit_codes([&](const auto* codes) {
        for (uint64_t r = begin; r < end; ++r) keep[r] &= ok[codes[r]];
      });
    }
  });
  return keep;
}

std::string sql_column(std::string_view name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) && !is_keyword(name) &&
               std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
  if (plain) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string sql_text(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace tsum
