#include "io/file_signature.h"

namespace tsum {
namespace {

bool contains(std::string_view bytes, std::string_view what, size_t within) {
  return bytes.substr(0, within).find(what) != std::string_view::npos;
}

}  // namespace

bool looks_like_sqlite(std::string_view bytes) { return bytes.starts_with(std::string_view("SQLite format 3\0", 16)); }

std::optional<std::string> foreign_format(std::string_view b) {
  if (b.starts_with("PK\x03\x04") || b.starts_with("PK\x05\x06")) {
    // Office Open XML files are ZIP archives whose first entries name their parts.
    constexpr size_t kLook = 64 * 1024;
    if (contains(b, "xl/", kLook)) return "an Excel workbook (.xlsx)";
    if (contains(b, "word/", kLook)) return "a Word document (.docx)";
    if (contains(b, "ppt/", kLook)) return "a PowerPoint file (.pptx)";
    if (contains(b, "application/vnd.oasis.opendocument.spreadsheet", kLook)) {
      return "an OpenDocument spreadsheet (.ods)";
    }
    return "a ZIP archive";
  }
  if (b.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return "an old Microsoft Office file (.xls or .doc)";
  // Arrow IPC files and streams (Feather version 2) are read (src/io/arrow/ipc); the
  // first Feather format is not.
  if (b.starts_with("FEA1")) return "a Feather version 1 file";
  if (b.starts_with("ORC")) return "an ORC file";
  if (b.starts_with("Obj\x01")) return "an Avro file";
  if (b.starts_with("%PDF-")) return "a PDF document";
  if (b.starts_with("\x89PNG")) return "a PNG image";
  if (b.starts_with("\xFF\xD8\xFF")) return "a JPEG image";
  if (b.starts_with("7z\xBC\xAF\x27\x1C")) return "a 7-Zip archive";
  if (b.starts_with("Rar!")) return "a RAR archive";
  if (b.size() > 262 && b.substr(257, 5) == "ustar") return "a tar archive";
  if (b.starts_with("\x93NUMPY")) return "a NumPy array file (.npy)";
  if (b.starts_with("\x89HDF\r\n\x1a\n")) return "an HDF5 file";
  return std::nullopt;
}

}  // namespace tsum
