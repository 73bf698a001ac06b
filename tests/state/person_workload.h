// A simulated `person` table under inserts, updates and deletes, written as the Debezium
// PostgreSQL connector writes its change events (JSON converter, with the schema
// envelope), together with the CSV snapshot PostgreSQL would print for the same rows
// (`COPY (SELECT * FROM person ORDER BY id) TO STDOUT CSV HEADER`). The snapshot's text
// is made with std::chrono and plain arithmetic, independently of src/state.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tsum::test {

struct Person {
  int id = 0;
  std::string name;
  int age = 0;
  std::string city;       // "" = NULL
  int64_t score_cents = 0;  // numeric(8,2)
  int born_days = 0;        // date
  bool active = false;
  int64_t created_us = 0;   // timestamp(6)
  int rating_halves = 0;    // float8: rating_halves / 2
  bool note_null = true;
  std::string note;
};

class PersonWorkload {
 public:
  explicit PersonWorkload(uint64_t seed) : state_(seed) {}
  // `n` random events (inserts, updates, deletes, some key updates), one JSON line each.
  std::string events(int n);
  // The CSV snapshot of the current rows.
  std::string snapshot_csv() const;
  size_t rows() const { return rows_.size(); }

 private:
  uint64_t next();
  Person random_person(int id);
  std::string event(const char* op, const Person* before, const Person* after);

  uint64_t state_;
  std::map<int, Person> rows_;
  int next_id_ = 1;
  uint64_t lsn_ = 1000;
  uint64_t last_commit_ = 900;
};

}  // namespace tsum::test
