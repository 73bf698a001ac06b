#include "io/postgres/libpq_library.h"

#include <dlfcn.h>

#include <cstdlib>
#include <string>
#include <type_traits>

#include "tsum/error.h"

namespace tsum::pg {
namespace {

constexpr const char* kLibrary = "libpq.so.5";

[[noreturn]] void fail(const std::string& reason) {
  const char* chosen = std::getenv("TSUM_LIBPQ");
  const std::string remedy = chosen && *chosen ? "; TSUM_LIBPQ names the library to load"
                                               : "; on Debian or Ubuntu: apt-get install libpq5";
  throw DataError("cannot load libpq, which reading PostgreSQL needs: " + reason + remedy);
}

Libpq load() {
  const char* name = std::getenv("TSUM_LIBPQ");
  if (!name || !*name) name = kLibrary;
  // Never closed: the functions are used until the process ends.
  void* handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    fail(why ? why : std::string(name) + " not found");
  }
  Libpq f{};
  const char* missing = nullptr;  // the first function the library lacks
  auto resolve = [&](const char* symbol, auto& out) {
    if (missing) return;
    void* address = dlsym(handle, symbol);
    if (!address) missing = symbol;
    else out = reinterpret_cast<std::remove_reference_t<decltype(out)>>(address);
  };
#define TSUM_RESOLVE(name) resolve(#name, f.name)
  TSUM_RESOLVE(PQconnectdbParams);
  TSUM_RESOLVE(PQstatus);
  TSUM_RESOLVE(PQerrorMessage);
  TSUM_RESOLVE(PQfinish);
  TSUM_RESOLVE(PQexec);
  TSUM_RESOLVE(PQexecParams);
  TSUM_RESOLVE(PQprepare);
  TSUM_RESOLVE(PQdescribePrepared);
  TSUM_RESOLVE(PQresultStatus);
  TSUM_RESOLVE(PQresultErrorMessage);
  TSUM_RESOLVE(PQresultErrorField);
  TSUM_RESOLVE(PQnfields);
  TSUM_RESOLVE(PQfname);
  TSUM_RESOLVE(PQftype);
  TSUM_RESOLVE(PQgetvalue);
  TSUM_RESOLVE(PQgetResult);
  TSUM_RESOLVE(PQgetCopyData);
  TSUM_RESOLVE(PQfreemem);
  TSUM_RESOLVE(PQclear);
#undef TSUM_RESOLVE
  if (missing) {
    dlclose(handle);  // not a libpq: nothing of it stays loaded
    fail(std::string("the loaded library has no ") + missing);
  }
  return f;
}

}  // namespace

const Libpq& libpq() {
  // A failed load throws out of the initialisation, which is then tried again next time.
  static const Libpq functions = load();
  return functions;
}

}  // namespace tsum::pg
