// parse_yaml_stream: checks the bytes once, then parses the stream, in pieces on several threads
// when it is large (yaml-cpp reads about 6 MB/s, and rendered apps run to thousands of objects).
// Documents are independent in YAML, so pieces cut at "---" lines give the same result.
#include <algorithm>
#include <thread>

#include "core/yaml.h"
#include "core/yaml_parse_steps.h"

namespace gitops::core {
namespace {

constexpr std::size_t k_parallel_threshold = 1u << 20;
constexpr unsigned k_max_threads = 4;

bool starts_document_marker(std::string_view rest) {
  if (!rest.starts_with("---")) return false;
  return rest.size() == 3 || rest[3] == ' ' || rest[3] == '\t' || rest[3] == '\r' ||
         rest[3] == '\n';
}

struct Piece {
  std::string_view text;
  int first_line = 0;
  Result<std::vector<YamlDocument>> result = std::vector<YamlDocument>{};
};

}  // namespace

std::vector<std::size_t> yaml_cut_points(std::string_view text, int parts) {
  std::vector<std::size_t> cuts;
  if (text.starts_with('%') || text.find("\n%") != std::string_view::npos) return cuts;
  std::size_t from = 1;
  for (int part = 1; part < parts; ++part) {
    std::size_t target = std::max(from, text.size() / parts * part);
    std::size_t newline = text.find("\n---", target - 1);
    while (newline != std::string_view::npos && !starts_document_marker(text.substr(newline + 1))) {
      newline = text.find("\n---", newline + 1);
    }
    if (newline == std::string_view::npos) break;
    cuts.push_back(newline + 1);
    from = newline + 2;
  }
  return cuts;
}

Result<std::vector<YamlDocument>> parse_yaml_stream(std::string_view text, std::string_view file,
                                                    const YamlLimits& limits) {
  if (auto status = check_yaml_bytes(text, file, limits); !status) return status.error();
  unsigned threads = std::min(std::max(std::thread::hardware_concurrency(), 1u), k_max_threads);
  std::vector<std::size_t> cuts;
  if (text.size() >= k_parallel_threshold && threads > 1) cuts = yaml_cut_points(text, threads);
  if (cuts.empty()) return parse_yaml_piece(text, file, limits, 0);

  std::vector<Piece> pieces;
  std::size_t start = 0;
  int line = 0;
  cuts.push_back(text.size());
  for (std::size_t cut : cuts) {
    pieces.push_back(Piece{text.substr(start, cut - start), line});
    line += static_cast<int>(std::count(text.begin() + start, text.begin() + cut, '\n'));
    start = cut;
  }
  auto parse = [&](Piece& piece) {
    piece.result = parse_yaml_piece(piece.text, file, limits, piece.first_line);
  };
  std::vector<std::jthread> workers;
  for (std::size_t i = 1; i < pieces.size(); ++i) workers.emplace_back(parse, std::ref(pieces[i]));
  parse(pieces[0]);
  workers.clear();  // joins

  std::vector<YamlDocument> documents;
  for (Piece& piece : pieces) {
    if (!piece.result) return piece.result.error();
    for (YamlDocument& document : *piece.result) documents.push_back(std::move(document));
  }
  return documents;
}

}  // namespace gitops::core
