// libFuzzer target for the YAML reader and writer: any input either fails with a source error
// that names the file, or parses into documents whose canonical YAML reads back to the same
// values; read_objects and validate_objects never crash on what the parser accepts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/yaml.h"

namespace {

using gitops::core::ErrorKind;
using gitops::core::YamlLimits;

void check(bool condition) {
  if (!condition) __builtin_trap();
}

YamlLimits fuzz_limits() {
  YamlLimits limits;
  limits.max_document_bytes = 1u << 20;
  limits.max_nodes = 200'000;
  return limits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto documents = gitops::core::parse_yaml_stream(text, "fuzz.yaml", fuzz_limits());
  if (!documents) {
    const auto& error = documents.error();
    check(error.kind == ErrorKind::source);
    check(std::string_view(error.message).starts_with("fuzz.yaml"));
    return 0;
  }
  for (const auto& document : *documents) {
    std::string yaml = gitops::core::to_yaml(document.value);
    auto back = gitops::core::parse_yaml_stream(yaml, "round.yaml");
    check(back.ok());
    check(back->size() == 1);
    check((*back)[0].value == document.value);
  }
  auto objects = gitops::core::read_objects(text, "fuzz.yaml", fuzz_limits());
  if (objects) (void)gitops::core::validate_objects(*objects);
  return 0;
}
