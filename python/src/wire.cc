#include "wire.h"

#include "tsum/error.h"

namespace tsum::python {
namespace {

void pack(const GlobalPattern& p, std::vector<uint32_t>& out) {
  out.push_back(static_cast<uint32_t>(p.size()));
  for (auto [column, code] : p) {
    out.push_back(column);
    out.push_back(code);
  }
}

class Words {
 public:
  explicit Words(std::span<const uint32_t> words) : words_(words) {}
  uint32_t next() {
    if (pos_ == words_.size()) throw UsageError("malformed request");
    return words_[pos_++];
  }
  GlobalPattern pattern() {
    uint32_t size = next();
    if (size > (words_.size() - pos_) / 2) throw UsageError("malformed request");
    GlobalPattern p(size);
    for (auto& [column, code] : p) {
      column = next();
      code = next();
    }
    return p;
  }
  bool done() const { return pos_ == words_.size(); }

 private:
  std::span<const uint32_t> words_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<uint32_t> pack_request(const Request& request) {
  std::vector<uint32_t> out{static_cast<uint32_t>(request.found.size())};
  for (const GlobalPattern& p : request.found) pack(p, out);
  pack(request.prefix, out);
  return out;
}

Request unpack_request(std::span<const uint32_t> words) {
  Words in(words);
  Request request;
  uint32_t found = in.next();
  for (uint32_t i = 0; i < found; ++i) request.found.push_back(in.pattern());
  request.prefix = in.pattern();
  if (!in.done()) throw UsageError("malformed request");
  return request;
}

}  // namespace tsum::python
