// Latin-1 (ISO 8859-1) text to UTF-8, for --encoding latin-1: every byte is the code
// point of the same number, so bytes 0x80-0xFF become two UTF-8 bytes and the rest stay.
// Written by hand because the mapping is this one line of arithmetic (iconv would add a
// dependency on the C library's locale data for no gain).
#pragma once

#include <string>
#include <string_view>

namespace tsum {

std::string latin1_to_utf8(std::string_view bytes);

}  // namespace tsum
