// `tsum state` end to end with the real binary: a simulated person table's change events
// applied to a state summarize exactly as the CSV snapshot of the same rows; re-applied
// events change nothing; the bad inputs give one clear line and leave the state as it was.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/bad_input_test_util.h"
#include "state/person_workload.h"
#include "tsum/read.h"

namespace tsum {
namespace {

using bad_input::TempDir;

test::CommandResult tsum(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), test::tsum_binary());
  return test::run_command(args, input);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The JSON summary without its "input" member (the file name).
std::string summary_json(const std::string& input, std::vector<std::string> options = {}) {
  std::vector<std::string> args = {input, "--format", "json"};
  args.insert(args.end(), options.begin(), options.end());
  auto r = tsum(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  size_t comma = r.out.find(",\"");
  return comma == std::string::npos ? r.out : r.out.substr(comma);
}

// Every cell of a table as text ("\\N" for NULL), rows in order, and each column's type.
std::string table_text(const std::string& path) {
  Table t = read_table(path);
  std::string out;
  for (size_t c = 0; c < t.num_columns(); ++c) {
    out += t.column(c).name() + (t.column(c).type() == ValueType::kNumeric ? ":numeric" : ":string") + ",";
  }
  out += "\n";
  for (uint64_t r = 0; r < t.rows(); ++r) {
    for (size_t c = 0; c < t.num_columns(); ++c) {
      uint32_t code = t.column(c).code_at(r);
      out += (code ? std::string(t.column(c).value(code)) : std::string("\\N")) + "|";
    }
    out += "\n";
  }
  return out;
}

TEST(StateCli, AppliedStreamSummarizesAsTheSnapshot) {
  TempDir dir;
  test::PersonWorkload workload(7);
  std::string state = dir.path("person.tsum");
  ASSERT_EQ(tsum({"state", "init", state, "--key", "id"}).exit_code, 0);
  for (int batch = 0; batch < 3; ++batch) {
    std::string events = dir.file("events" + std::to_string(batch) + ".jsonl", workload.events(400));
    auto r = tsum({"state", "apply", state, events});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("rows"), std::string::npos);
    std::string csv = dir.file("snapshot.csv", workload.snapshot_csv());
    const std::string cells = table_text(state);
    EXPECT_EQ(std::count(cells.begin(), cells.end(), '\n'), static_cast<long>(workload.rows()) + 1);
    EXPECT_EQ(cells, table_text(csv)) << "batch " << batch;
    for (const char* cost : {"paper", "tsum-dask", "tsum-js"}) {
      EXPECT_EQ(summary_json(state, {"--cost", cost}), summary_json(csv, {"--cost", cost})) << "batch " << batch << " " << cost;
    }
  }
  auto info = tsum({"state", "info", state});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("rows: " + std::to_string(workload.rows()) + "\n"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("key: id (ordered as integers)"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("table: public.person"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("  score bytes org.apache.kafka.connect.data.Decimal scale=2"), std::string::npos) << info.out;
}

TEST(StateCli, ReappliedEventsChangeNothing) {
  TempDir dir;
  test::PersonWorkload workload(11);
  std::string state = dir.path("s.tsum");
  std::string first = dir.file("a.jsonl", workload.events(300));
  std::string second = dir.file("b.jsonl", workload.events(300));
  ASSERT_EQ(tsum({"state", "init", state, "--key", "id"}).exit_code, 0);
  ASSERT_EQ(tsum({"state", "apply", state, first, second}).exit_code, 0);
  // `state info` without its lifetime event count, which re-applied events do raise.
  auto info_without_count = [&] {
    std::string text = tsum({"state", "info", state}).out;
    size_t at = text.find("events applied:");
    return text.substr(0, at) + text.substr(text.find('\n', at));
  };
  const std::string info_before = info_without_count();
  // At-least-once delivery: both batches again, then the second again, from stdin.
  auto again = tsum({"state", "apply", state, first, second});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("already applied"), std::string::npos);
  auto stdin_again = tsum({"state", "apply", state, "-"}, slurp(second));
  ASSERT_EQ(stdin_again.exit_code, 0) << stdin_again.err;
  EXPECT_EQ(summary_json(state), summary_json(dir.file("snap.csv", workload.snapshot_csv())));
  // Rows, columns, key and last position are the same.
  EXPECT_EQ(info_without_count(), info_before);
  EXPECT_NE(info_before.find("rows: " + std::to_string(workload.rows())), std::string::npos);
}

TEST(StateCli, InitFromSnapshotThenApply) {
  TempDir dir;
  test::PersonWorkload workload(3);
  std::string before = workload.events(500);
  std::string csv = dir.file("snap.csv", workload.snapshot_csv());
  std::string state = dir.path("s.tsum");
  auto init = tsum({"state", "init", state, "--key", "id", "--from", csv});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(summary_json(state), summary_json(csv));
  ASSERT_EQ(tsum({"state", "apply", state, dir.file("e.jsonl", workload.events(300))}).exit_code, 0);
  EXPECT_EQ(summary_json(state), summary_json(dir.file("snap2.csv", workload.snapshot_csv())));
}

TEST(StateCli, CountsKeyUpdatesUnknownDeletesAndOtherTables) {
  TempDir dir;
  std::string state = dir.path("s.tsum");
  ASSERT_EQ(tsum({"state", "init", state, "--key", "id", "--table", "public.person"}).exit_code, 0);
  std::string events =
      "{\"op\":\"c\",\"before\":null,\"after\":{\"id\":1,\"name\":\"a\"},\"source\":{\"schema\":\"public\",\"table\":\"person\",\"lsn\":10}}\n"
      "{\"op\":\"c\",\"before\":null,\"after\":{\"id\":2,\"name\":\"b\"},\"source\":{\"schema\":\"public\",\"table\":\"person\",\"lsn\":11}}\n"
      "{\"op\":\"u\",\"before\":{\"id\":1,\"name\":\"a\"},\"after\":{\"id\":5,\"name\":\"a\"},\"source\":{\"schema\":\"public\",\"table\":\"person\",\"lsn\":12}}\n"
      "{\"op\":\"d\",\"before\":{\"id\":9,\"name\":null},\"after\":null,\"source\":{\"schema\":\"public\",\"table\":\"person\",\"lsn\":13}}\n"
      "{\"op\":\"c\",\"before\":null,\"after\":{\"x\":1},\"source\":{\"schema\":\"public\",\"table\":\"other\",\"lsn\":14}}\n"
      "{\"key\":{\"id\":2},\"value\":null}\n"
      "null\n"
      "{\"key\":{\"id\":2},\"value\":{\"op\":\"d\",\"before\":null,\"after\":null,\"source\":{\"schema\":\"public\",\"table\":\"person\",\"lsn\":15}}}\n";
  auto r = tsum({"state", "apply", state, "-"}, events);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err,
            "tsum state: applied 8 events: 2 inserted, 0 updated, 1 deleted, 1 key updates, 1 deletes of unknown keys, "
            "0 truncates, 0 already applied, 1 for another table, 2 tombstones, 0 bad skipped; 1 rows\n");
  EXPECT_EQ(summary_json(state), summary_json(dir.file("s.csv", "id,name\n5,a\n")));
}

TEST(StateCli, StringKeysInByteOrder) {
  TempDir dir;
  std::string state = dir.path("s.tsum");
  ASSERT_EQ(tsum({"state", "init", state, "--key", "code"}).exit_code, 0);
  std::string events;
  for (const char* k : {"b", "B", "a10", "a9", "é"}) {
    events += std::string("{\"op\":\"r\",\"after\":{\"code\":\"") + k + "\",\"v\":\"" + k + "\"}}\n";
  }
  ASSERT_EQ(tsum({"state", "apply", state, "-"}, events).exit_code, 0);
  EXPECT_EQ(summary_json(state), summary_json(dir.file("s.csv", "code,v\nB,B\na10,a10\na9,a9\nb,b\né,é\n")));
}

// Less common encodings, the key taken from the event's own key (with its schema), and a
// truncate: the rows read back as the CSV PostgreSQL would print.
TEST(StateCli, KeyFromEventKeyAndOtherEncodings) {
  TempDir dir;
  std::string state = dir.path("s.tsum");
  ASSERT_EQ(tsum({"state", "init", state}).exit_code, 0);
  const std::string schema =
      "{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"field\":\"after\",\"fields\":["
      "{\"type\":\"int64\",\"field\":\"k\"},"
      "{\"type\":\"struct\",\"name\":\"io.debezium.data.VariableScaleDecimal\",\"field\":\"amount\"},"
      "{\"type\":\"float\",\"field\":\"ratio\"},"
      "{\"type\":\"bytes\",\"field\":\"blob\"},"
      "{\"type\":\"int64\",\"name\":\"io.debezium.time.MicroTime\",\"field\":\"at\"},"
      "{\"type\":\"int64\",\"name\":\"io.debezium.time.Timestamp\",\"field\":\"ts\"}]}]}";
  auto event = [&](int k, const char* amount, const char* ratio) {
    return "{\"key\":{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"field\":\"k\"}]},\"payload\":{\"k\":" +
           std::to_string(k) + "}},\"value\":{\"schema\":" + schema + ",\"payload\":{\"op\":\"c\",\"after\":{\"k\":" +
           std::to_string(k) + ",\"amount\":" + amount + ",\"ratio\":" + ratio +
           ",\"blob\":\"AQL/\",\"at\":45296000001,\"ts\":-1}}}}\n";
  };
  std::string events = "{\"op\":\"t\"}\n" + event(10, "{\"scale\":3,\"value\":\"MDk=\"}", "0.1") +
                       event(9, "{\"scale\":0,\"value\":\"/w==\"}", "1e6") + event(11, "null", "-2.5");
  auto r = tsum({"state", "apply", state, "-"}, events);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 truncates"), std::string::npos) << r.err;
  auto info = tsum({"state", "info", state});
  EXPECT_NE(info.out.find("key: k (ordered as integers)"), std::string::npos) << info.out;
  EXPECT_EQ(summary_json(state),
            summary_json(dir.file("s.csv",
                                  "k,amount,ratio,blob,at,ts\n"
                                  "9,-1,1e+06,\\x0102ff,12:34:56.000001,1969-12-31 23:59:59.999\n"
                                  "10,12.345,0.1,\\x0102ff,12:34:56.000001,1969-12-31 23:59:59.999\n"
                                  "11,,-2.5,\\x0102ff,12:34:56.000001,1969-12-31 23:59:59.999\n")));
  EXPECT_EQ(table_text(state), table_text(dir.path("s.csv")));
}

struct BadCase {
  const char* name;
  std::string events;
  std::string message;  // after "tsum: error: EVENTS:"
};

TEST(StateCli, BadEventsLeaveTheStateUnchanged) {
  const std::string ok = "{\"op\":\"c\",\"after\":{\"id\":1,\"n\":\"a\"}}\n";
  const std::string typed =
      "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"field\":\"after\",\"fields\":["
      "{\"type\":\"int32\",\"field\":\"id\"},{\"type\":\"%s\",\"field\":\"n\"}]}]},\"payload\":{\"op\":\"c\",\"after\":{\"id\":%d,\"n\":%s}}}\n";
  auto typed_event = [&](const char* type, int id, const char* value) {
    char buf[1024];
    std::snprintf(buf, sizeof buf, typed.c_str(), type, id, value);
    return std::string(buf);
  };
  const std::vector<BadCase> cases = {
      {"malformed JSON", ok + "{\"op\":\"c\",\"after\":{\"id\":2,,}}\n", "2: malformed JSON at column 27: expected a string key, found ','"},
      {"truncated", ok + "{\"op\":\"c\",\"after\":{\"id\":2,\"n\"", "2: malformed JSON at column 30: unexpected end of line; expected ':' after the key (the input ends in the middle of this line: truncated?)"},
      {"not an event", ok + "[1,2]\n", "2: not a change event: expected a JSON object or null"},
      {"no op", ok + "{\"after\":{\"id\":2}}\n", "2: not a change event: no 'op' (a Debezium event has op c, u, d, r or t)"},
      {"unknown op", ok + "{\"op\":\"x\",\"after\":{\"id\":2}}\n", "2: unknown op 'x' (expected c, u, d, r or t)"},
      {"extra column", ok + "{\"op\":\"c\",\"after\":{\"id\":2,\"n\":\"b\",\"m\":1}}\n", "2: column mismatch: 'after' has column 'm', which the state does not have"},
      {"missing column", ok + "{\"op\":\"c\",\"after\":{\"id\":2}}\n", "2: column mismatch: 'after' lacks column 'n' of the state"},
      {"missing key", ok + "{\"op\":\"c\",\"after\":{\"id\":null,\"n\":\"b\"}}\n", "2: missing key: column 'id' of 'after' is null"},
      {"delete without key", ok + "{\"op\":\"d\",\"before\":null}\n", "2: missing key: the delete names no value of 'id' (neither in 'before' nor in the key)"},
      {"key type change", ok + "{\"op\":\"c\",\"after\":{\"id\":\"x\",\"n\":\"b\"}}\n", "2: type change: key 'x' is not an integer, but the state's keys are"},
      {"type change", typed_event("string", 1, "\"a\"") + typed_event("int32", 2, "5"), "2: type change: column 'n' was string and is now int32"},
      {"bad value", typed_event("int32", 1, "\"a\""), "1: column 'n' (int32): expected an integer, got \"a\""},
  };
  for (const BadCase& c : cases) {
    TempDir dir;
    std::string state = dir.path("s.tsum");
    ASSERT_EQ(tsum({"state", "init", state, "--key", "id"}).exit_code, 0);
    ASSERT_EQ(tsum({"state", "apply", state, dir.file("first.jsonl", "{\"op\":\"r\",\"after\":{\"id\":0,\"n\":\"z\"}}\n")}).exit_code, 0);
    const std::string before = slurp(state);
    std::string events = dir.file("events.jsonl", c.events);
    auto r = tsum({"state", "apply", state, events});
    EXPECT_EQ(r.exit_code, 1) << c.name;
    EXPECT_EQ(r.err, "tsum: error: " + events + ":" + c.message + "\n") << c.name;
    bad_input::record(std::string("state apply: ") + c.name, r.exit_code, r.err, dir);
    EXPECT_EQ(slurp(state), before) << c.name;
    EXPECT_EQ(dir.listing(), (std::vector<std::string>{"events.jsonl", "first.jsonl", "s.tsum", "s.tsum.lock"})) << c.name;
    // Tolerated with --skip-bad: the good events are applied and the bad one counted.
    auto skipped = tsum({"state", "apply", state, events, "--skip-bad", "1"});
    EXPECT_EQ(skipped.exit_code, 0) << c.name << ": " << skipped.err;
    EXPECT_NE(skipped.err.find("1 bad skipped"), std::string::npos) << c.name << ": " << skipped.err;
  }
}

TEST(StateCli, CorruptStateFiles) {
  TempDir dir;
  std::string state = dir.path("s.tsum");
  ASSERT_EQ(tsum({"state", "init", state, "--key", "id"}).exit_code, 0);
  ASSERT_EQ(tsum({"state", "apply", state, "-"}, "{\"op\":\"c\",\"after\":{\"id\":1,\"n\":\"a\"}}\n").exit_code, 0);
  std::string bytes = slurp(state);
  std::string truncated = dir.file("t.tsum", bytes.substr(0, bytes.size() - 5));
  auto r = tsum({truncated});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "tsum: error: " + truncated + ": corrupt state file (truncated: no end marker)\n");
  bad_input::record("state: truncated state file", r.exit_code, r.err, dir);
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 1;
  std::string damaged = dir.file("d.tsum", flipped);
  r = tsum({"state", "info", damaged});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "tsum: error: " + damaged + ": corrupt state file (checksum mismatch)\n");
  bad_input::record("state: damaged state file", r.exit_code, r.err, dir);
  std::string future = bytes;
  future[8] = 9;
  r = tsum({"state", "info", dir.file("v.tsum", future)});
  EXPECT_EQ(r.err, "tsum: error: " + dir.path("v.tsum") + ": state file format version 9 is not supported (this tsum reads version 1)\n");
  r = tsum({"state", "init", state, "--key", "id"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "tsum: error: " + state + " exists already; remove it to start a new state\n");
  r = tsum({"state", "init", dir.path("x.tsum"), "--key", "nope", "--from", dir.file("x.csv", "id,n\n1,a\n")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "tsum: error: --key 'nope' is not a column of " + dir.path("x.csv") + " (columns: id, n)\n");
  r = tsum({"state", "init", dir.path("y.tsum"), "--key", "id", "--from", dir.file("y.csv", "id,n\n1,a\n1,b\n")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "tsum: error: " + dir.path("y.csv") + ": row 2: duplicate key '1' in column 'id'\n");
}

}  // namespace
}  // namespace tsum
