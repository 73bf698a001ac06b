#!/usr/bin/env node
// Runs SQL with DuckDB (npm package @duckdb/node-api, pinned in package.json).
//
//   node scripts/duckdb-run.mjs [options] "SQL; SQL; ..."
//   node scripts/duckdb-run.mjs [options] -f file.sql
//   echo "SQL" | node scripts/duckdb-run.mjs [options] -
//
// Options:
//   --db PATH     database file (default: in-memory)
//   --cwd DIR     run with DIR as working directory, so relative paths in the
//                 SQL (e.g. 'flights-3m.parquet') resolve against it
//   -q, --quiet   do not print result rows
//
// Rows of the last statement that returns any are printed as tab-separated
// text with a header. On any error the message goes to stderr and the exit
// status is 1 (2 for bad usage).
import { readFileSync } from 'node:fs';
import process from 'node:process';

function usage(msg) {
  if (msg) process.stderr.write(`duckdb-run: ${msg}\n`);
  process.stderr.write('usage: duckdb-run.mjs [--db PATH] [--cwd DIR] [-q] (SQL | -f FILE | -)\n');
  process.exit(2);
}

let dbPath = ':memory:';
let quiet = false;
let sql = null;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const next = () => (i + 1 < args.length ? args[++i] : usage(`${a} needs a value`));
  if (a === '--db') dbPath = next();
  else if (a === '--cwd') {
    const dir = next();
    try { process.chdir(dir); } catch (e) { usage(`cannot cd to ${dir}: ${e.message}`); }
  } else if (a === '-q' || a === '--quiet') quiet = true;
  else if (a === '-f' || a === '--file') sql = readFileSync(next(), 'utf8');
  else if (a === '-') sql = readFileSync(0, 'utf8');
  else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('-') && sql === null && !/\s/.test(a)) usage(`unknown option ${a}`);
  else if (sql === null) sql = a;
  else usage('more than one SQL argument');
}
if (sql === null || sql.trim() === '') usage('no SQL given');

function formatValue(v) {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  }
  return String(v);
}

let DuckDBInstance;
try {
  ({ DuckDBInstance } = await import('@duckdb/node-api'));
} catch (e) {
  process.stderr.write(`duckdb-run: cannot load @duckdb/node-api (run scripts/fetch-testdata.sh or npm ci): ${e.message}\n`);
  process.exit(1);
}

let instance;
let connection;
try {
  instance = await DuckDBInstance.create(dbPath);
  connection = await instance.connect();
  // Run statement by statement so results of the last SELECT can be shown.
  const extracted = await connection.extractStatements(sql);
  let last = null;
  for (let i = 0; i < extracted.count; i++) {
    const prepared = await extracted.prepare(i);
    const reader = await prepared.runAndReadAll();
    if (reader.columnCount > 0 && reader.currentRowCount > 0) last = reader;
  }
  if (last && !quiet) {
    const names = last.columnNames();
    const out = [names.join('\t')];
    for (const row of last.getRowsJS()) {
      out.push(row.map(formatValue).join('\t'));
    }
    process.stdout.write(out.join('\n') + '\n');
  }
} catch (e) {
  process.stderr.write(`duckdb-run: ${e && e.message ? e.message : e}\n`);
  process.exitCode = 1;
} finally {
  try { connection?.closeSync(); } catch { /* ignore */ }
  try { instance?.closeSync(); } catch { /* ignore */ }
}
