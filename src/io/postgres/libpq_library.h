// The libpq functions the PostgreSQL reader calls, loaded with dlopen() the first time a
// PostgreSQL input is read, instead of linked.
//
// Why not linked: libpq brings ~20 libraries of its own (OpenSSL, GnuTLS, Kerberos, LDAP,
// SASL, ...), and the loader mapped and relocated all of them at the start of every tsum
// process and every `import tsum`: 3.4 ms of a 7.3 ms `tsum --version`, paid by every run
// though only PostgreSQL inputs use them, and a binary or wheel would not start at all
// without libpq5 installed. Loaded on demand, only a PostgreSQL read needs libpq, and says
// so in one line when it is missing.
//
// The declarations (and so the function types checked here) come from libpq-fe.h; the
// library is libpq's ABI 5 (libpq.so.5), which every libpq since PostgreSQL 8.x provides,
// found the loader's way (LD_LIBRARY_PATH, the system's directories), or the file or
// name in the environment variable TSUM_LIBPQ.
#pragma once

#include <libpq-fe.h>

namespace tsum::pg {

struct Libpq {
  decltype(&::PQconnectdbParams) PQconnectdbParams;
  decltype(&::PQstatus) PQstatus;
  decltype(&::PQerrorMessage) PQerrorMessage;
  decltype(&::PQfinish) PQfinish;
  decltype(&::PQexec) PQexec;
  decltype(&::PQexecParams) PQexecParams;
  decltype(&::PQprepare) PQprepare;
  decltype(&::PQdescribePrepared) PQdescribePrepared;
  decltype(&::PQresultStatus) PQresultStatus;
  decltype(&::PQresultErrorMessage) PQresultErrorMessage;
  decltype(&::PQresultErrorField) PQresultErrorField;
  decltype(&::PQnfields) PQnfields;
  decltype(&::PQfname) PQfname;
  decltype(&::PQftype) PQftype;
  decltype(&::PQgetvalue) PQgetvalue;
  decltype(&::PQgetResult) PQgetResult;
  decltype(&::PQgetCopyData) PQgetCopyData;
  decltype(&::PQfreemem) PQfreemem;
  decltype(&::PQclear) PQclear;
};

// libpq's functions, loaded once per process (thread-safe). Throws DataError("cannot load
// libpq, which reading PostgreSQL needs: <the loader's reason>; on Debian or Ubuntu:
// apt-get install libpq5", or "; TSUM_LIBPQ names the library to load" when it was set)
// when the library or one of the functions is missing; the next call tries again.
const Libpq& libpq();

}  // namespace tsum::pg
