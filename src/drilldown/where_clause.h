// A row condition in a small subset of SQL, for `--where` and for the WHERE clause that
// `explain` writes for a pattern.
//
//   condition  := comparison ( AND comparison )*            (keywords in any letter case)
//   comparison := column ( = | == | != | <> | < | <= | > | >= ) literal
//               | column [NOT] IN ( literal , ... )
//               | column IS [NOT] NULL
//   column     := name | "name" | `name`     ("" or `` inside doubles the quote)
//   literal    := 'text' ('' inside doubles the quote) | number | a bare word
//
// A condition is evaluated on a cell's text (the value tsum read), never on a parsed
// copy of the table:
//   - NULL satisfies only IS NULL: `x != 'a'` and `x NOT IN (...)` leave NULL rows out,
//     as SQL does.
//   - = and IN with an unquoted number compare numerically with cells that are numbers
//     ("30" and "30.0" both equal 30); with text, the cell's text must be equal byte for
//     byte.
//   - < <= > >= with a number compare cells that are numbers; with a quoted date or
//     timestamp (any form prepare/time_text.h reads; slash dates month first) compare
//     cells that are dates or timestamps as instants; with other text, compare the
//     bytes. A cell that is not a number (resp. not a date) satisfies no such comparison.
// Each comparison is decided once per distinct value of its column; rows are then one
// table lookup per named column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tsum/table.h"

namespace tsum {

struct WhereComparison {
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn, kIsNull, kIsNotNull };
  std::string column;
  Op op = Op::kEq;
  struct Literal {
    std::string text;
    bool number = false;  // written unquoted and follows the number syntax
  };
  std::vector<Literal> literals;  // one, several for IN, none for IS [NOT] NULL
};

struct WhereClause {
  std::vector<WhereComparison> comparisons;  // all must hold
};

// Throws UsageError "--where: ..." naming the position of the first thing it cannot read.
WhereClause parse_where(std::string_view text);

// keep[row] = 1 where every comparison holds. Throws UsageError (with a did-you-mean)
// for a column the table does not have.
std::vector<uint8_t> rows_matching(const Table& table, const WhereClause& where);

// SQL spellings, for writing conditions that parse_where reads back: a column name bare
// when it is a plain identifier and not a keyword, else "double-quoted"; a text literal
// 'single-quoted'.
std::string sql_column(std::string_view name);
std::string sql_text(std::string_view text);

}  // namespace tsum
