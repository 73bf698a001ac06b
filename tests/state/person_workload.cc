#include "state/person_workload.h"

#include <chrono>
#include <cstdio>
#include <fmt/format.h>

namespace tsum::test {
namespace {

const char* kNames[] = {"Ann", "Bob", "O'Brien", "Smith, Jr.", "say \"hi\"", "Zoë", "Li", "Marta"};
const char* kCities[] = {"Lyon", "Oslo", "Porto", "", "Kyiv"};

std::string base64(const std::string& bytes) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], k[v & 63]};
  }
  if (bytes.size() - i == 1) {
    uint32_t v = uint8_t(bytes[i]) << 16;
    out += {k[v >> 18], k[(v >> 12) & 63], '=', '='};
  } else if (bytes.size() - i == 2) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], '='};
  }
  return out;
}

// Minimal big-endian two's complement, as Kafka Connect's Decimal holds it.
std::string decimal_bytes(int64_t v) {
  std::string b;
  for (int i = 7; i >= 0; --i) b += static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff);
  while (b.size() > 1 && ((b[0] == 0 && !(uint8_t(b[1]) & 0x80)) || (uint8_t(b[0]) == 0xff && (uint8_t(b[1]) & 0x80)))) b.erase(0, 1);
  return b;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string csv_field(const std::string& s, bool null) {
  if (null) return "";
  if (s.empty() || s.find_first_of(",\"\n\r") != std::string::npos) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  }
  return s;
}

std::string cents_text(int64_t c) {
  return fmt::format("{}{}.{:02}", c < 0 ? "-" : "", (c < 0 ? -c : c) / 100, (c < 0 ? -c : c) % 100);
}

std::string date_text(int days) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{std::chrono::days{days}}};
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

std::string timestamp_text(int64_t us) {
  using namespace std::chrono;
  sys_time<microseconds> t{microseconds{us}};
  auto day = floor<std::chrono::days>(t);
  hh_mm_ss<microseconds> hms{t - day};
  std::string s = date_text(static_cast<int>(day.time_since_epoch().count())) +
                  fmt::format(" {:02}:{:02}:{:02}", hms.hours().count(), hms.minutes().count(), hms.seconds().count());
  if (int64_t f = hms.subseconds().count()) {
    std::string frac = fmt::format("{:06}", f);
    while (frac.back() == '0') frac.pop_back();
    s += "." + frac;
  }
  return s;
}

std::string row_json(const Person& p) {
  return fmt::format(
      "{{\"id\":{},\"name\":{},\"age\":{},\"city\":{},\"score\":\"{}\",\"born\":{},\"active\":{},\"created\":{},"
      "\"rating\":{},\"note\":{}}}",
      p.id, json_string(p.name), p.age, p.city.empty() ? "null" : json_string(p.city), base64(decimal_bytes(p.score_cents)),
      p.born_days, p.active ? "true" : "false", p.created_us, fmt::format("{:.1f}", p.rating_halves / 2.0),
      p.note_null ? "null" : json_string(p.note));
}

constexpr const char* kRowSchema =
    "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"},"
    "{\"type\":\"string\",\"optional\":false,\"field\":\"name\"},{\"type\":\"int16\",\"optional\":false,\"field\":\"age\"},"
    "{\"type\":\"string\",\"optional\":true,\"field\":\"city\"},"
    "{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
    "\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"8\"},\"field\":\"score\"},"
    "{\"type\":\"int32\",\"optional\":false,\"name\":\"io.debezium.time.Date\",\"version\":1,\"field\":\"born\"},"
    "{\"type\":\"boolean\",\"optional\":false,\"field\":\"active\"},"
    "{\"type\":\"int64\",\"optional\":false,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"created\"},"
    "{\"type\":\"double\",\"optional\":false,\"field\":\"rating\"},{\"type\":\"string\",\"optional\":true,\"field\":\"note\"}],"
    "\"optional\":true,\"name\":\"pg.public.person.Value\",\"field\":\"%s\"}";

std::string envelope_schema() {
  char before[4096], after[4096];
  std::snprintf(before, sizeof before, kRowSchema, "before");
  std::snprintf(after, sizeof after, kRowSchema, "after");
  return fmt::format(
      "{{\"type\":\"struct\",\"fields\":[{},{},{{\"type\":\"struct\",\"fields\":[{{\"type\":\"string\",\"optional\":false,"
      "\"field\":\"connector\"}}],\"optional\":false,\"name\":\"io.debezium.connector.postgresql.Source\",\"field\":\"source\"}},"
      "{{\"type\":\"string\",\"optional\":false,\"field\":\"op\"}},{{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ms\"}}],"
      "\"optional\":false,\"name\":\"pg.public.person.Envelope\"}}",
      before, after);
}

}  // namespace

uint64_t PersonWorkload::next() {
  state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
  return state_ >> 33;
}

Person PersonWorkload::random_person(int id) {
  Person p;
  p.id = id;
  p.name = kNames[next() % 8];
  p.age = static_cast<int>(18 + next() % 60);
  p.city = kCities[next() % 5];
  p.score_cents = static_cast<int64_t>(next() % 200000) - 100000;
  p.born_days = static_cast<int>(next() % 30000) - 20000;
  p.active = next() % 3 != 0;
  p.created_us = 1700000000000000ll + static_cast<int64_t>(next() % 100000) * 1000003ll;
  p.rating_halves = static_cast<int>(next() % 21);
  p.note_null = next() % 4 == 0;
  p.note = p.note_null ? "" : fmt::format("note {}", next() % 50);
  if (!p.note_null && next() % 10 == 0) p.note = "";  // an empty string: NULL in a CSV snapshot
  return p;
}

std::string PersonWorkload::event(const char* op, const Person* before, const Person* after) {
  static const std::string schema = envelope_schema();
  ++lsn_;
  return fmt::format(
      "{{\"schema\":{},\"payload\":{{\"before\":{},\"after\":{},\"source\":{{\"version\":\"3.6.1.Final\",\"connector\":"
      "\"postgresql\",\"name\":\"pg\",\"ts_ms\":1700000000000,\"db\":\"postgres\",\"sequence\":\"[\\\"{}\\\",\\\"{}\\\"]\","
      "\"schema\":\"public\",\"table\":\"person\",\"txId\":{},\"lsn\":{}}},\"op\":\"{}\",\"ts_ms\":1700000000001}}}}\n",
      schema, before ? row_json(*before) : "null", after ? row_json(*after) : "null", last_commit_, lsn_, last_commit_, lsn_, op);
}

std::string PersonWorkload::events(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i % 5 == 0) last_commit_ = lsn_;  // a transaction of five changes
    uint64_t r = next() % 100;
    if (rows_.empty() || r < 45) {
      Person p = random_person(next_id_++);
      rows_[p.id] = p;
      out += event("c", nullptr, &p);
    } else {
      auto it = rows_.begin();
      std::advance(it, static_cast<long>(next() % rows_.size()));
      Person old = it->second;
      if (r < 80) {
        Person p = random_person(old.id);
        it->second = p;
        out += event("u", &old, &p);
      } else if (r < 95) {
        rows_.erase(it);
        out += event("d", &old, nullptr);
        out += "null\n";  // the tombstone that follows a delete
      } else {
        // A key update, as the connector emits it: delete of the old key, create of the new.
        Person p = old;
        p.id = next_id_++;
        rows_.erase(it);
        rows_[p.id] = p;
        out += event("d", &old, nullptr);
        out += event("c", nullptr, &p);
      }
    }
  }
  return out;
}

std::string PersonWorkload::snapshot_csv() const {
  std::string out = "id,name,age,city,score,born,active,created,rating,note\n";
  for (const auto& entry : rows_) {
    const Person& p = entry.second;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", p.id, csv_field(p.name, false), p.age, csv_field(p.city, p.city.empty()),
                       cents_text(p.score_cents), date_text(p.born_days), p.active ? "t" : "f", timestamp_text(p.created_us),
                       p.rating_halves % 2 ? fmt::format("{}.5", p.rating_halves / 2) : fmt::format("{}", p.rating_halves / 2),
                       csv_field(p.note, p.note_null));
  }
  return out;
}

}  // namespace tsum::test
