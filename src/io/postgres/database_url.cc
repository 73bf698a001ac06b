#include "io/postgres/database_url.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "tsum/error.h"

namespace tsum::db {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The URL with the password left out, built from the parts.
std::string build_url(const DatabaseUrl& url, bool with_password, std::string_view drop_key) {
  std::string out = url.scheme + "://";
  if (url.has_user) {
    out += with_password ? url.userinfo : url.user;
    out += "@";
  }
  out += url.location;
  bool first = true;
  for (const UrlParam& p : url.params) {
    if (p.key == drop_key) continue;
    if (!with_password && p.key == "password") continue;
    out += first ? "?" : "&";
    out += p.raw;
    first = false;
  }
  return out;
}

}  // namespace

bool is_postgres_url(std::string_view input) {
  return starts_with(input, "postgresql://") || starts_with(input, "postgres://");
}

bool is_sqlite_url(std::string_view input) { return starts_with(input, "sqlite://"); }

bool percent_decode(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return false;
    int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

DatabaseUrl parse_database_url(const std::string& text) {
  DatabaseUrl url;
  url.original = text;
  size_t sep = text.find("://");
  url.scheme = text.substr(0, sep);
  size_t pos = sep + 3;
  std::string_view rest(text);
  rest.remove_prefix(pos);
  if (url.scheme != "sqlite") {
    // As libpq reads it: user credentials end at the first '@' that comes before any '/'.
    size_t stop = rest.find_first_of("@/");
    if (stop != std::string_view::npos && rest[stop] == '@') {
      std::string_view userinfo = rest.substr(0, stop);
      size_t colon = userinfo.find(':');
      url.has_user = true;
      url.userinfo = std::string(userinfo);
      url.user = std::string(userinfo.substr(0, colon));
      if (colon != std::string_view::npos) {
        url.has_password = true;
        url.password_raw = std::string(userinfo.substr(colon + 1));
      }
      rest.remove_prefix(stop + 1);
    }
  }
  size_t question = rest.find('?');
  url.location = std::string(rest.substr(0, question));
  std::string bad_escape;
  if (question != std::string_view::npos) {
    std::string_view query = rest.substr(question + 1);
    while (!query.empty()) {
      size_t amp = query.find('&');
      std::string_view item = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      if (item.empty()) continue;
      UrlParam p;
      p.raw = std::string(item);
      size_t eq = item.find('=');
      bool ok = percent_decode(item.substr(0, eq), p.key);
      if (eq != std::string_view::npos) ok = percent_decode(item.substr(eq + 1), p.value) && ok;
      if (!ok && bad_escape.empty()) bad_escape = p.raw;
      if (p.key == "password") {
        url.has_password = true;
        url.password_param_raw = eq == std::string_view::npos ? "" : std::string(item.substr(eq + 1));
        url.password = p.value;
      }
      url.params.push_back(std::move(p));
    }
  }
  if (url.password_param_raw.empty() && !url.password_raw.empty()) {
    if (!percent_decode(url.password_raw, url.password)) url.password = url.password_raw;
  }
  if (!bad_escape.empty()) {
    // Never show a password parameter's value.
    std::string shown = starts_with(bad_escape, "password=") ? "password=***" : bad_escape;
    throw UsageError(display_url(url) + ": malformed percent escape in URL parameter '" + shown +
                     "' (write % as %25)");
  }
  return url;
}

std::string display_url(const DatabaseUrl& url) { return build_url(url, false, {}); }

std::string url_without_param(const DatabaseUrl& url, std::string_view key) { return build_url(url, true, key); }

std::string redact_input(const std::string& input) {
  if (!is_database_url(input)) return input;
  try {
    return display_url(parse_database_url(input));
  } catch (...) {
    return input.substr(0, input.find("://") + 3) + "...";
  }
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  if (from.empty()) return text;
  size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

std::string scrub(std::string text, const DatabaseUrl& url) {
  std::string shown = display_url(url);
  text = replace_all(std::move(text), url.original, shown);
  if (url.has_password) {
    // Longest first, so that a decoded password that contains the raw one (or the
    // reverse) leaves no fragment behind.
    std::vector<std::string> secrets{url.password_raw, url.password, url.password_param_raw};
    std::sort(secrets.begin(), secrets.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (const std::string& s : secrets) text = replace_all(std::move(text), s, "***");
  }
  return text;
}

std::vector<NamePart> parse_qualified_name(std::string_view name, const std::string& context) {
  std::vector<NamePart> parts;
  size_t i = 0;
  auto fail = [&](const std::string& what) {
    throw UsageError(context + ": bad table name '" + std::string(name) + "': " + what);
  };
  if (name.empty()) fail("empty");
  for (;;) {
    NamePart part;
    if (i < name.size() && name[i] == '"') {
      part.quoted = true;
      ++i;
      for (;;) {
        if (i >= name.size()) fail("unterminated quoted identifier");
        if (name[i] == '"') {
          if (i + 1 < name.size() && name[i + 1] == '"') {
            part.text += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        part.text += name[i++];
      }
      if (part.text.empty()) fail("empty quoted identifier");
    } else {
      size_t end = name.find_first_of(".\"", i);
      if (end == std::string_view::npos) end = name.size();
      part.text = std::string(name.substr(i, end - i));
      if (part.text.empty()) fail("empty name part");
      i = end;
      if (i < name.size() && name[i] == '"') fail("quote inside an unquoted name (quote the whole part)");
    }
    parts.push_back(std::move(part));
    if (i == name.size()) break;
    if (name[i] != '.') fail("expected '.' after a quoted identifier");
    ++i;
  }
  return parts;
}

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false, line_break = false;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      line_break = true;
      continue;
    }
    if (c == '\t' || c == ' ') {
      space = true;
      continue;
    }
    if (!out.empty()) {
      if (line_break) out += (out.back() == '.' || out.back() == ':' || out.back() == ';') ? " " : "; ";
      else if (space) out += ' ';
    }
    space = line_break = false;
    out += c;
  }
  return out;
}

namespace {
template <class T>
std::string canonical_real(T value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}
}  // namespace

std::string canonical_double(double value) { return canonical_real(value); }
std::string canonical_float(float value) { return canonical_real(value); }

void append_int(std::string& out, long long value) {
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

}  // namespace tsum::db
