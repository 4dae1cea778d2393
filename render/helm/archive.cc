// read_chart_archive: libarchive over an in-memory .tgz, with Helm's name checks (see archive.h).
#include "render/helm/archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <string>

namespace gitops::render::helm {
namespace {

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchiveHandle = std::unique_ptr<archive, ArchiveCloser>;

core::Error archive_error(std::string message) {
  return core::Error{core::ErrorKind::source, std::move(message)};
}

// Go's path.Clean.
std::string clean_path(std::string_view p) {
  bool rooted = !p.empty() && p[0] == '/';
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= p.size()) {
    auto end = p.find('/', start);
    if (end == std::string_view::npos) end = p.size();
    std::string_view seg = p.substr(start, end - start);
    if (seg.empty() || seg == ".") {
    } else if (seg == "..") {
      if (!parts.empty() && parts.back() != "..") parts.pop_back();
      else if (!rooted) parts.emplace_back("..");
    } else {
      parts.emplace_back(seg);
    }
    start = end + 1;
  }
  std::string out = rooted ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out.empty() ? "." : out;
}

// The chart-relative name of entry `raw`, or an error as Helm words it.
core::Result<std::string> entry_name(std::string raw) {
  if (!raw.empty() && raw[0] == '/') return archive_error("chart illegally contains absolute paths");
  char delimiter = raw.find('\\') != std::string::npos ? '\\' : '/';
  auto first = raw.find(delimiter);
  std::string top = raw.substr(0, first);
  std::string rest = first == std::string::npos ? "" : raw.substr(first + 1);
  for (auto& c : rest) {
    if (c == delimiter) c = '/';
  }
  if (!rest.empty() && rest[0] == '/') return archive_error("chart illegally contains absolute paths");
  std::string n = clean_path(rest);
  if (n == ".") {
    return archive_error("chart illegally contains content outside the base directory: \"" + raw +
                         "\"");
  }
  if (n.rfind("..", 0) == 0) return archive_error("chart illegally references parent directory");
  if (n.size() >= 2 && n[1] == ':' && std::isalpha(static_cast<unsigned char>(n[0]))) {
    return archive_error("chart contains illegally named files");
  }
  if (top == "Chart.yaml") return archive_error("chart yaml not in base directory");
  return n;
}

core::Result<std::string> read_data(archive* a, std::size_t& total) {
  std::string data;
  char buf[16384];
  while (true) {
    la_ssize_t n = archive_read_data(a, buf, sizeof buf);
    if (n < 0) return archive_error(std::string("reading chart archive: ") + archive_error_string(a));
    if (n == 0) break;
    total += static_cast<std::size_t>(n);
    if (total > k_max_archive_bytes) {
      return archive_error("chart archive is larger than " + std::to_string(k_max_archive_bytes) +
                           " bytes once decompressed");
    }
    data.append(buf, static_cast<std::size_t>(n));
  }
  if (data.rfind("\xEF\xBB\xBF", 0) == 0) data.erase(0, 3);
  return data;
}

}  // namespace

core::Result<std::vector<ChartFile>> read_chart_archive(std::string_view bytes) {
  ArchiveHandle a(archive_read_new());
  archive_read_support_filter_gzip(a.get());
  archive_read_support_format_tar(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return archive_error(std::string("gzip: invalid header: ") + archive_error_string(a.get()));
  }
  std::vector<ChartFile> files;
  std::size_t total = 0;
  archive_entry* entry = nullptr;
  while (true) {
    int rc = archive_read_next_header(a.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
      return archive_error(std::string("reading chart archive: ") + archive_error_string(a.get()));
    }
    std::string raw = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
    auto type = archive_entry_filetype(entry);
    if (type == AE_IFDIR) continue;
    if (archive_entry_hardlink(entry) != nullptr) {
      return archive_error("chart archive entry " + raw + " is a hard link, which is not allowed");
    }
    if (type != AE_IFREG) {
      return archive_error("chart archive entry " + raw + " is not a regular file");
    }
    auto name = entry_name(raw);
    if (!name) return name.error();
    auto data = read_data(a.get(), total);
    if (!data) return data.error();
    files.push_back(ChartFile{*name, std::move(*data)});
  }
  if (files.empty()) return archive_error("no files in chart archive");
  return files;
}

}  // namespace gitops::render::helm
