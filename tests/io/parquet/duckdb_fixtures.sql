-- Parquet oracle fixtures for tests/io/parquet/parquet_oracle_test.cc.
--
-- Run by scripts/fetch-testdata.sh (`make testdata`) with DuckDB (@duckdb/node-api, pinned)
-- in an empty directory, which becomes $TSUM_TESTDATA_DIR/parquet/. DuckDB writes one
-- table `t` (every type tsum reads, NULLs in every column, edge values) to Parquet with
-- every codec it can write and both of its writer versions, checks that each file reads
-- back equal to `t`, and exports the canonical text of every cell to t.json, which the
-- test compares with tsum's view of each file cell by cell.
--
-- What DuckDB 1.5.6 produces (the test asserts these page kinds are present):
--   V1: PLAIN and PLAIN_DICTIONARY data pages (DATA_PAGE), PLAIN dictionary pages, RLE
--       definition levels;
--   V2: RLE_DICTIONARY, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, BYTE_STREAM_SPLIT
--       (still in v1 DATA_PAGEs);
--   codecs UNCOMPRESSED, SNAPPY, GZIP, ZSTD (and BROTLI, LZ4_RAW for the "unsupported
--   codec" errors).
-- DuckDB does not write DATA_PAGE_V2, DELTA_BYTE_ARRAY, RLE booleans, BIT_PACKED levels,
-- REQUIRED columns, INT96, TIMESTAMP(MILLIS|NANOS), FLOAT16 or the ENUM annotation; the
-- hand-made files of parquet_handmade_test.cc cover those.
--
-- Text normalisation in the export (so that DuckDB's text is tsum's canonical text):
--   TIMESTAMPTZ is cast to TIMESTAMP with TimeZone UTC (tsum prints the UTC wall time
--   without "+00"); BLOB goes through decode() (its UTF-8 text, not DuckDB's \x escapes).
--   FLOAT/DOUBLE keep DuckDB's text (e.g. "1.0", "1000000000000000.0"), which differs
--   from tsum's shortest form ("1", "1e+15"): the test compares those two columns as
--   numbers and checks separately that tsum's text is the shortest round trip.
-- No -0.0 in the data: DuckDB's dictionary writer merges 0.0 and -0.0 into one entry, so
-- the same row holds 0.0 in one file and -0.0 in another (each file read back by DuckDB
-- itself agrees with tsum; parquet_handmade_test covers -0).

SET TimeZone = 'UTC';
SET threads = 1;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
-- The exact decimal text of the integer x scaled by 10^-s (no rounding through DOUBLE).
CREATE MACRO scaled(x, s) AS
  (CASE WHEN x < 0 THEN '-' ELSE '' END) || (abs(x) // (10::HUGEINT ** s)::HUGEINT)::VARCHAR || '.' ||
  lpad((abs(x) % (10::HUGEINT ** s)::HUGEINT)::VARCHAR, s, '0');

CREATE TABLE t AS
SELECT
  i::BIGINT AS id,
  CASE WHEN i % 11 = 3 THEN NULL ELSE (i % 256 - 128)::TINYINT END AS i8,
  CASE WHEN i % 13 = 4 THEN NULL ELSE ((i * 37) % 65536 - 32768)::SMALLINT END AS i16,
  CASE WHEN i % 17 = 5 THEN NULL
       WHEN i % 1000 = 1 THEN -2147483648
       WHEN i % 1000 = 2 THEN 2147483647
       ELSE ((i * 7919) % 200000 - 100000)::INTEGER END AS i32,
  CASE WHEN i % 19 = 6 THEN NULL
       WHEN i % 1000 = 3 THEN -9223372036854775808
       WHEN i % 1000 = 4 THEN 9223372036854775807
       ELSE ((i::HUGEINT * 1000000007 * 1000003) % 9000000000000000000 - 4500000000000000000)::BIGINT END AS i64,
  CASE WHEN i % 23 = 7 THEN NULL ELSE (i % 256)::UTINYINT END AS u8,
  CASE WHEN i % 29 = 8 THEN NULL ELSE ((i * 131) % 65536)::USMALLINT END AS u16,
  CASE WHEN i % 31 = 9 THEN NULL
       WHEN i % 1000 = 5 THEN 4294967295::UINTEGER
       ELSE ((i::HUGEINT * 2654435761) % 4294967296)::UINTEGER END AS u32,
  CASE WHEN i % 37 = 10 THEN NULL
       WHEN i % 1000 = 6 THEN 18446744073709551615::UBIGINT
       ELSE ((i::HUGEINT * 11400714819323198485) % 18446744073709551616)::UBIGINT END AS u64,
  CASE WHEN i % 41 = 11 THEN NULL
       WHEN i % 100 = 0 THEN 'nan'::FLOAT
       WHEN i % 100 = 1 THEN 'inf'::FLOAT
       WHEN i % 100 = 2 THEN '-inf'::FLOAT
       WHEN i % 100 = 3 THEN -1e-30::FLOAT
       WHEN i % 100 = 4 THEN 1e-40::FLOAT
       WHEN i % 100 = 5 THEN 3.4028235e38::FLOAT
       WHEN i % 100 = 6 THEN 1e10::FLOAT
       ELSE ((i % 500) / 7.0 - 30)::FLOAT END AS f32,
  CASE WHEN i % 43 = 12 THEN NULL
       WHEN i % 100 = 0 THEN 'nan'::DOUBLE
       WHEN i % 100 = 1 THEN 'inf'::DOUBLE
       WHEN i % 100 = 2 THEN '-inf'::DOUBLE
       WHEN i % 100 = 3 THEN -1e-300::DOUBLE
       WHEN i % 100 = 4 THEN 5e-324::DOUBLE
       WHEN i % 100 = 5 THEN 1.7976931348623157e308::DOUBLE
       WHEN i % 100 = 6 THEN 1e15::DOUBLE
       WHEN i % 100 = 7 THEN 1e16::DOUBLE
       WHEN i % 100 = 8 THEN 0.1::DOUBLE
       WHEN i % 100 = 9 THEN 123456789012345680000::DOUBLE
       ELSE ((i % 700) / 7.0 - 50)::DOUBLE END AS f64,
  CASE WHEN i % 47 = 13 THEN NULL ELSE scaled((i * 7) % 19999 - 9999, 1)::DECIMAL(4, 1) END AS dec4_1,
  CASE WHEN i % 53 = 14 THEN NULL ELSE scaled((i::HUGEINT * 104729) % 1999999999 - 999999999, 2)::DECIMAL(9, 2) END AS dec9_2,
  CASE WHEN i % 59 = 15 THEN NULL ELSE scaled((i::HUGEINT * 1000000007) % 1999999999999999999 - 999999999999999999, 6)::DECIMAL(18, 6) END AS dec18_6,
  CASE WHEN i % 61 = 16 THEN NULL
       WHEN i % 1000 = 7 THEN 9999999999999999999999999999.9999999999::DECIMAL(38, 10)
       WHEN i % 1000 = 8 THEN -9999999999999999999999999999.9999999999::DECIMAL(38, 10)
       ELSE scaled((i::HUGEINT * 123456789012345678901) % 199999999999999999999999999999999999 - 99999999999999999999999999999999999, 10)::DECIMAL(38, 10) END AS dec38_10,
  CASE WHEN i % 67 = 17 THEN NULL
       WHEN i % 1000 = 9 THEN DATE '0001-01-01'
       WHEN i % 1000 = 10 THEN DATE '9999-12-31'
       WHEN i % 1000 = 11 THEN DATE '0044-03-15 (BC)'
       WHEN i % 1000 = 12 THEN DATE '12345-06-07'
       ELSE DATE '1970-01-01' + ((i * 97) % 800000 - 400000)::INTEGER END AS d,
  CASE WHEN i % 71 = 18 THEN NULL
       WHEN i % 1000 = 13 THEN TIMESTAMP '0044-03-15 (BC) 12:00:00'
       WHEN i % 1000 = 14 THEN TIMESTAMP '1969-12-31 23:59:59.999999'
       WHEN i % 3 = 0 THEN make_timestamp(((i::HUGEINT * 1234567890123) % 4000000000000000 - 1000000000000000)::BIGINT // 1000000 * 1000000)
       ELSE make_timestamp(((i::HUGEINT * 1234567890123) % 4000000000000000 - 1000000000000000)::BIGINT) END AS ts,
  CASE WHEN i % 73 = 19 THEN NULL
       ELSE make_timestamp(((i::HUGEINT * 987654321) % 2000000000000000)::BIGINT)::TIMESTAMPTZ END AS tstz,
  CASE WHEN i % 79 = 20 THEN NULL
       WHEN i % 1000 = 15 THEN TIME '23:59:59.999999'
       ELSE TIME '00:00:00' + to_microseconds(((i::HUGEINT * 1234567891) % 86400000000)::BIGINT // (CASE WHEN i % 2 = 0 THEN 1000000 ELSE 1 END) * (CASE WHEN i % 2 = 0 THEN 1000000 ELSE 1 END)) END AS tm,
  CASE WHEN i % 83 = 21 THEN NULL
       WHEN i % 4 = 0 THEN TIME_NS '01:02:03.123456789'
       WHEN i % 4 = 1 THEN TIME_NS '23:59:59.999999999'
       WHEN i % 4 = 2 THEN TIME_NS '00:00:00'
       ELSE TIME_NS '12:30:00.5' END AS tm_ns,
  CASE WHEN i % 10 = 0 THEN NULL
       WHEN i % 10 = 1 THEN ''
       WHEN i % 10 = 2 THEN 'héllo wörld'
       WHEN i % 10 = 3 THEN '日本語のテキスト'
       WHEN i % 10 = 4 THEN '😀 emoji ' || (i % 5)
       WHEN i % 10 = 5 THEN 'tab' || chr(9) || 'and' || chr(10) || 'newline'
       WHEN i % 10 = 6 THEN 'quote " comma , backslash \'
       WHEN i % 10 = 7 THEN repeat('long', 100) || (i % 50)
       ELSE 'word' || (i % 300) END AS s,
  CASE WHEN i % 89 = 22 THEN NULL ELSE (['sad', 'ok', 'happy'][i % 3 + 1])::mood END AS en,
  CASE WHEN i % 97 = 23 THEN NULL ELSE ('blob ' || (i % 40))::BLOB END AS bl,
  CASE WHEN i % 101 = 24 THEN NULL ELSE ('{"k":' || (i % 20) || ',"s":"x"}')::JSON END AS j,
  CASE WHEN i % 103 = 25 THEN NULL
       ELSE (substr(md5(i::VARCHAR), 1, 8) || '-' || substr(md5(i::VARCHAR), 9, 4) || '-' || substr(md5(i::VARCHAR), 13, 4) || '-' ||
             substr(md5(i::VARCHAR), 17, 4) || '-' || substr(md5(i::VARCHAR), 21, 12))::UUID END AS u,
  CASE WHEN i % 107 = 26 THEN NULL ELSE i % 3 = 0 END AS b,
  CASE WHEN i % 109 = 27 THEN NULL
       WHEN i % 1000 = 16 THEN INTERVAL 0 SECOND
       ELSE to_months((i % 30)::INTEGER) + to_days((i % 40)::INTEGER) + to_milliseconds(((i::HUGEINT * 1237) % 90000000)::BIGINT) END AS iv,
  CASE WHEN i % 5 = 0 THEN NULL ELSE 'group ' || (i % 4) END AS grp,
  -- distinct in every row: no dictionary, so V2 writes DELTA_LENGTH_BYTE_ARRAY
  CASE WHEN i % 113 = 28 THEN NULL ELSE md5(i::VARCHAR) || '-' || i END AS h
FROM range(10000) r(i);

-- Every codec DuckDB writes, with both writer versions; 2048-row row groups (DuckDB's
-- smallest), so each file has 5 row groups.
COPY t TO 't_uncompressed_v1.parquet' (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 2048);
COPY t TO 't_snappy_v1.parquet' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 2048);
COPY t TO 't_gzip_v1.parquet' (FORMAT parquet, COMPRESSION gzip, ROW_GROUP_SIZE 2048);
COPY t TO 't_zstd_v1.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 2048);
COPY t TO 't_uncompressed_v2.parquet' (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 2048, PARQUET_VERSION v2);
COPY t TO 't_snappy_v2.parquet' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 2048, PARQUET_VERSION v2);
COPY t TO 't_gzip_v2.parquet' (FORMAT parquet, COMPRESSION gzip, ROW_GROUP_SIZE 2048, PARQUET_VERSION v2);
COPY t TO 't_zstd_v2.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 2048, PARQUET_VERSION v2);
-- No dictionaries at all (every page PLAIN), and one single row group.
COPY t TO 't_plain.parquet' (FORMAT parquet, COMPRESSION zstd, DICTIONARY_SIZE_LIMIT 1);
COPY t TO 't_one_group.parquet' (FORMAT parquet, COMPRESSION snappy);
-- Codecs tsum does not read (for the error messages).
COPY (SELECT id, s FROM t LIMIT 100) TO 't_brotli.parquet' (FORMAT parquet, COMPRESSION brotli);
COPY (SELECT id, s FROM t LIMIT 100) TO 't_lz4_raw.parquet' (FORMAT parquet, COMPRESSION lz4_raw);

-- Each file must read back (in DuckDB) as `t` itself; error() aborts the script otherwise.
SELECT CASE WHEN count(*) <> 0 THEN error('t_uncompressed_v1.parquet differs from t') END FROM (SELECT * FROM t EXCEPT ALL SELECT * FROM 't_uncompressed_v1.parquet');
SELECT CASE WHEN count(*) <> 0 THEN error('t_snappy_v1.parquet differs from t') END FROM (SELECT * FROM t EXCEPT ALL SELECT * FROM 't_snappy_v1.parquet');
SELECT CASE WHEN count(*) <> 0 THEN error('t_gzip_v1.parquet differs from t') END FROM (SELECT * FROM t EXCEPT ALL SELECT * FROM 't_gzip_v1.parquet');
SELECT CASE WHEN count(*) <> 0 THEN error('t_zstd_v1.parquet differs from t') END FROM (SELECT * FROM t EXCEPT ALL SELECT * FROM 't_zstd_v1.parquet');
SELECT CASE WHEN count(*) <> 0 THEN error('t_uncompressed_v2.parquet differs from t') END FROM (SELECT * FROM t EXCEPT ALL SELECT * FROM 't_uncompressed_v2.parquet');
SELECT CASE WHEN count(*) <> 0 THEN error('t_snappy_v2.parquet differs from t') END FROM (SELECT * FROM t EXCEPT ALL SELECT * FROM 't_snappy_v2.parquet');
SELECT CASE WHEN count(*) <> 0 THEN error('t_gzip_v2.parquet differs from t') END FROM (SELECT * FROM t EXCEPT ALL SELECT * FROM 't_gzip_v2.parquet');
SELECT CASE WHEN count(*) <> 0 THEN error('t_zstd_v2.parquet differs from t') END FROM (SELECT * FROM t EXCEPT ALL SELECT * FROM 't_zstd_v2.parquet');
SELECT CASE WHEN count(*) <> 0 THEN error('t_plain.parquet differs from t') END FROM (SELECT * FROM t EXCEPT ALL SELECT * FROM 't_plain.parquet');
SELECT CASE WHEN count(*) <> 0 THEN error('t_one_group.parquet differs from t') END FROM (SELECT * FROM t EXCEPT ALL SELECT * FROM 't_one_group.parquet');

-- The canonical text of every cell, in row order, read back from one of the files.
COPY (
  SELECT id::VARCHAR AS id, i8::VARCHAR AS i8, i16::VARCHAR AS i16, i32::VARCHAR AS i32, i64::VARCHAR AS i64,
         u8::VARCHAR AS u8, u16::VARCHAR AS u16, u32::VARCHAR AS u32, u64::VARCHAR AS u64,
         f32::VARCHAR AS f32, f64::VARCHAR AS f64,
         dec4_1::VARCHAR AS dec4_1, dec9_2::VARCHAR AS dec9_2, dec18_6::VARCHAR AS dec18_6, dec38_10::VARCHAR AS dec38_10,
         d::VARCHAR AS d, ts::VARCHAR AS ts, tstz::TIMESTAMP::VARCHAR AS tstz, tm::VARCHAR AS tm, tm_ns::VARCHAR AS tm_ns,
         s, en::VARCHAR AS en, decode(bl) AS bl, j::VARCHAR AS j, u::VARCHAR AS u, b::VARCHAR AS b, iv::VARCHAR AS iv,
         grp, h
  FROM read_parquet('t_zstd_v1.parquet')
) TO 't.json' (FORMAT json);

-- Flat columns next to nested ones (LIST, STRUCT, MAP), for the nested-column errors and
-- column selection; and the same flat columns as CSV, for a summary comparison.
COPY (
  SELECT id, grp, en::VARCHAR AS mood, [id, id + 1] AS list_col, {'x': id, 'y': grp} AS struct_col,
         MAP {'k': id} AS map_col, b
  FROM t
) TO 'nested.parquet' (FORMAT parquet, ROW_GROUP_SIZE 2048);
COPY (SELECT id, grp, en::VARCHAR AS mood, b FROM t) TO 'nested_flat.csv' (FORMAT csv, HEADER);

-- A column chunk of several data pages (DuckDB starts a new page after ~100 MB of
-- uncompressed values): row i holds i and the text of i followed by 1000 'x'.
COPY (SELECT i::BIGINT AS id, i::VARCHAR || repeat('x', 1000) AS s FROM range(120000) r(i))
  TO 'pages.parquet' (FORMAT parquet, COMPRESSION zstd);
