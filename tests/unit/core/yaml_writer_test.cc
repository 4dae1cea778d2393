// to_yaml: byte-exact go-yaml v2 output (what `kubectl get -o yaml` prints): layout, key order,
// scalar quoting rules, literal blocks, numbers, folding of long lines, and round trips.
#include <gtest/gtest.h>

#include "core/yaml.h"

namespace gitops::core {
namespace {

// How `v: <text>` prints.
std::string value_line(const std::string& text) { return to_yaml(Json{{"v", text}}); }

struct QuotingCase {
  std::string text;
  std::string printed;  // what follows "v:" up to the end of the document
};

TEST(YamlWriter, StringsThatReadAsOtherTypesAreDoubleQuoted) {
  const std::vector<QuotingCase> cases = {
      {"true", " \"true\""},   {"True", " \"True\""},   {"yes", " \"yes\""},
      {"Yes", " \"Yes\""},     {"y", " \"y\""},         {"Y", " \"Y\""},
      {"n", " \"n\""},         {"no", " \"no\""},       {"on", " \"on\""},
      {"OFF", " \"OFF\""},     {"false", " \"false\""}, {"null", " \"null\""},
      {"Null", " \"Null\""},   {"~", " \"~\""},         {"", " \"\""},
      {"0", " \"0\""},         {"1", " \"1\""},         {"-1", " \"-1\""},
      {"+1", " \"+1\""},       {"007", " \"007\""},     {"0x1F", " \"0x1F\""},
      {"0o17", " \"0o17\""},   {"0b11", " \"0b11\""},   {"1_000", " \"1_000\""},
      {"1.5", " \"1.5\""},     {".5", " \".5\""},       {"1e3", " \"1e3\""},
      {"-2.5E-3", " \"-2.5E-3\""}, {".inf", " \".inf\""}, {"-.Inf", " \"-.Inf\""},
      {".nan", " \".nan\""},   {"08", " \"08\""},       {"12:30", " \"12:30\""},
      {"1:20:30.5", " \"1:20:30.5\""}, {"2001-12-14", " \"2001-12-14\""},
      {"2024-01-02T03:04:05Z", " \"2024-01-02T03:04:05Z\""},
      {"2001-12-14 21:59:43.10", " \"2001-12-14 21:59:43.10\""},
      {"18446744073709551616", " \"18446744073709551616\""},
  };
  for (const auto& c : cases) EXPECT_EQ(value_line(c.text), "v:" + c.printed + "\n") << c.text;
}

TEST(YamlWriter, StringsThatStayPlain) {
  const std::vector<std::string> plain = {
      "hello",      "hello world", "yess",        "tRUE",     "nULL",  "v1.2.3",
      "1.2.3",      "1e400",       "8080:80",     "2001-13-01", "2001-02-30", ".",
      "0x",         "-a",          "-1-2",        "a#b",      "a:b",   "http://x.y/z?a=b",
      "a,b",        "x]",          "it's",        "a \"q\"",  "?x",    ":x",
      "<<",         "é",           "日本語",       "_x",       "a  b",  "a - b",
      "-.5x",       "+",           "1:60",        "10.0.0.1", "~x",    "a%b",
      "\xc2\xa0x",
  };
  for (const auto& text : plain) EXPECT_EQ(value_line(text), "v: " + text + "\n") << text;
}

TEST(YamlWriter, StringsThatAreNotPlainSafeAreSingleQuoted) {
  const std::vector<QuotingCase> cases = {
      {" lead", " ' lead'"},     {"trail ", " 'trail '"},   {"a: b", " 'a: b'"},
      {"a:", " 'a:'"},           {"a #b", " 'a #b'"},       {"#x", " '#x'"},
      {"- x", " '- x'"},         {"-", " '-'"},             {"*x", " '*x'"},
      {"&x", " '&x'"},           {"!x", " '!x'"},           {"%x", " '%x'"},
      {"@x", " '@x'"},           {"`x", " '`x'"},           {"|x", " '|x'"},
      {">x", " '>x'"},           {"[x]", " '[x]'"},         {"{x}", " '{x}'"},
      {",x", " ',x'"},           {"? x", " '? x'"},         {": x", " ': x'"},
      {"---", " '---'"},         {"...", " '...'"},         {"--- x", " '--- x'"},
      {"'q'", " '''q'''"},       {"\"q\"", " '\"q\"'"},     {"it's: x", " 'it''s: x'"},
      {" ", " ' '"},             {"key: value # c", " 'key: value # c'"},
  };
  for (const auto& c : cases) EXPECT_EQ(value_line(c.text), "v:" + c.printed + "\n") << c.text;
}

TEST(YamlWriter, SpecialCharactersAreEscapedInDoubleQuotes) {
  const std::vector<QuotingCase> cases = {
      {"a\tb", " \"a\\tb\""},
      {"\tx", " \"\\tx\""},
      {"a\rb", " \"a\\rb\""},
      {std::string("a\0b", 3), " \"a\\0b\""},
      {"\x1b[0m", " \"\\e[0m\""},
      {"\x7f", " \"\\x7F\""},
      {"\xc2\x85", " \"\\N\""},
      {"\t\xc2\xa0", " \"\\t\xc2\xa0\""},
      {"\xef\xbb\xbfx", " \"\\uFEFF\\x78\""},
      {"\xf0\x9f\x98\x80", " \"\\U0001F600\""},
      {"tab\tand \"quote\" \\", " \"tab\\tand \\\"quote\\\" \\\\\""},
      {"trailing \nnext", " \"trailing \\nnext\""},
      {"a\tb\nc", " \"a\\tb\\nc\""},
  };
  for (const auto& c : cases) EXPECT_EQ(value_line(c.text), "v:" + c.printed + "\n") << c.text;
}

TEST(YamlWriter, LineAndParagraphSeparatorsAreAlwaysEscaped) {
  EXPECT_EQ(value_line("a\xe2\x80\xa8" "b"), "v: \"a\\Lb\"\n");
  EXPECT_EQ(value_line(" x\xe2\x80\xa9ty"), "v: \" x\\Pty\"\n");
  EXPECT_EQ(value_line("a\nb\xe2\x80\xa9"), "v: \"a\\nb\\P\"\n");
}

TEST(YamlWriter, MultiLineStringsAreLiteralBlocks) {
  EXPECT_EQ(value_line("line1\nline2"), "v: |-\n  line1\n  line2\n");
  EXPECT_EQ(value_line("line1\nline2\n"), "v: |\n  line1\n  line2\n");
  EXPECT_EQ(value_line("line1\n\n"), "v: |+\n  line1\n\n");
  EXPECT_EQ(value_line("a\n\nb"), "v: |-\n  a\n\n  b\n");
  EXPECT_EQ(value_line(" lead\nx"), "v: |2-\n   lead\n  x\n");
  EXPECT_EQ(value_line("\nx"), "v: |2-\n\n  x\n");
  EXPECT_EQ(value_line("a\n  indented\n"), "v: |\n  a\n    indented\n");
  EXPECT_EQ(value_line("\n"), "v: |2+\n\n");
  EXPECT_EQ(to_yaml(Json{{"a", {{"b", "x\ny\n"}}}}), "a:\n  b: |\n    x\n    y\n");
  EXPECT_EQ(to_yaml(Json{{"l", {"x\ny"}}}), "l:\n- |-\n  x\n  y\n");
  EXPECT_EQ(to_yaml(Json("x\ny")), "|-\n  x\n  y\n");
}

TEST(YamlWriter, LayoutOfMapsAndLists) {
  Json deployment = Json::parse(R"({
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "web", "labels": {"app": "web"}},
    "spec": {"replicas": 2, "template": {"spec": {"containers": [
      {"name": "web", "image": "nginx", "args": ["--port=80", ""], "env": [], "resources": {},
       "ports": [{"containerPort": 80}]}]}}}})");
  EXPECT_EQ(to_yaml(deployment),
            "apiVersion: apps/v1\n"
            "kind: Deployment\n"
            "metadata:\n"
            "  labels:\n"
            "    app: web\n"
            "  name: web\n"
            "spec:\n"
            "  replicas: 2\n"
            "  template:\n"
            "    spec:\n"
            "      containers:\n"
            "      - args:\n"
            "        - --port=80\n"
            "        - \"\"\n"
            "        env: []\n"
            "        image: nginx\n"
            "        name: web\n"
            "        ports:\n"
            "        - containerPort: 80\n"
            "        resources: {}\n");
}

TEST(YamlWriter, NestedListsAndRootValues) {
  EXPECT_EQ(to_yaml(Json::parse("[[1,2],[3],[],{}]")), "- - 1\n  - 2\n- - 3\n- []\n- {}\n");
  EXPECT_EQ(to_yaml(Json::parse("[{\"a\":1,\"b\":[true,null]}]")),
            "- a: 1\n  b:\n  - true\n  - null\n");
  EXPECT_EQ(to_yaml(Json::object()), "{}\n");
  EXPECT_EQ(to_yaml(Json::array()), "[]\n");
  EXPECT_EQ(to_yaml(Json(nullptr)), "null\n");
  EXPECT_EQ(to_yaml(Json("text")), "text\n");
  EXPECT_EQ(to_yaml(Json("true")), "\"true\"\n");
  EXPECT_EQ(to_yaml(Json(7)), "7\n");
}

TEST(YamlWriter, KeysAreSortedInGoYamlNaturalOrder) {
  Json value = Json::parse(R"({"b":1,"a10":2,"a2":3,"B":4,"_x":5,"a":6,"1":7,"a02":8,"-":9})");
  EXPECT_EQ(to_yaml(value),
            "'-': 9\n_x: 5\n\"1\": 7\nB: 4\na: 6\na2: 3\na02: 8\na10: 2\nb: 1\n");
}

TEST(YamlWriter, KeysAreQuotedLikeValues) {
  Json value = Json::parse(R"({"true":1,"":2,"a b":3,"a: b":4,"*":5,"x\ty":6})");
  EXPECT_EQ(to_yaml(value), "\"\": 2\n'*': 5\na b: 3\n'a: b': 4\n\"true\": 1\n\"x\\ty\": 6\n");
}

TEST(YamlWriter, MultiLineAndLongKeysUseComplexKeySyntax) {
  EXPECT_EQ(to_yaml(Json{{"a\nb", 1}}), "? |-\n  a\n  b\n: 1\n");
  std::string long_key(130, 'k');
  EXPECT_EQ(to_yaml(Json{{long_key, "v"}}), "? " + long_key + "\n: v\n");
  std::string limit_key(128, 'k');
  EXPECT_EQ(to_yaml(Json{{limit_key, "v"}}), limit_key + ": v\n");
}

TEST(YamlWriter, NumbersPrintAsGoYamlPrintsThem) {
  Json value = Json::parse(R"({"a":5,"b":-3,"c":1.5,"d":18446744073709551615,"e":1e-7,
    "f":1234567.5,"g":3.0,"h":1e21,"i":100000.5,"j":0.0001,"k":0.00001,"l":-9223372036854775808,
    "m":1e20,"n":0.1,"o":-0.0})");
  EXPECT_EQ(to_yaml(value),
            "a: 5\nb: -3\nc: 1.5\nd: 18446744073709551615\ne: 1e-07\nf: 1.2345675e+06\ng: 3\n"
            "h: 1e+21\ni: 100000.5\nj: 0.0001\nk: 1e-05\nl: -9223372036854775808\nm: 1e+20\n"
            "\"n\": 0.1\no: 0\n");
  EXPECT_EQ(to_yaml(Json{{"inf", std::numeric_limits<double>::infinity()},
                         {"nan", std::numeric_limits<double>::quiet_NaN()}}),
            "inf: .inf\nnan: .nan\n");
}

TEST(YamlWriter, LongStringsFoldAtEightyColumnsLikeKubectl) {
  Json value = {{"metadata",
                 {{"annotations",
                   {{"kubernetes.io/limit-ranger",
                     "LimitRanger plugin set: cpu request for container hostnames"}}}}}};
  EXPECT_EQ(to_yaml(value),
            "metadata:\n"
            "  annotations:\n"
            "    kubernetes.io/limit-ranger: 'LimitRanger plugin set: cpu request for container\n"
            "      hostnames'\n");
  std::string words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
                      "omicron pi rho sigma";
  EXPECT_EQ(value_line(words),
            "v: alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron\n"
            "  pi rho sigma\n");
  EXPECT_EQ(to_yaml(Json{{"v", words}}, YamlStyle{.line_width = 0}), "v: " + words + "\n");
  std::string tabbed = "alpha\tbeta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
                       "omicron  pi rho";
  EXPECT_EQ(value_line(tabbed),
            "v: \"alpha\\tbeta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
            "omicron\n  \\ pi rho\"\n");
}

TEST(YamlWriter, LongTokensWithoutSpacesAreNotFolded) {
  std::string token(200, 'x');
  EXPECT_EQ(value_line(token), "v: " + token + "\n");
}

TEST(YamlWriter, InvalidUtf8IsWrittenAsBinary) {
  EXPECT_EQ(value_line("\xff\xfe"), "v: !!binary //4=\n");
}

TEST(YamlWriter, StreamSeparatesDocuments) {
  EXPECT_EQ(to_yaml_stream({Json{{"a", 1}}, Json{{"b", "x\n"}}, Json::object()}),
            "a: 1\n---\nb: |\n  x\n---\n{}\n");
  EXPECT_EQ(to_yaml_stream({}), "");
}

TEST(YamlWriter, OutputReadsBackToTheSameValue) {
  Json value = Json::parse(R"({"s":["true","","1","a: b"," lead","trail ","x\ny","x\n","a\tb",
    "'q'","#c","- x","2001-12-14","12:30","é😀","\n\n","a\n b"," \nx","<<",
    " x\u2029ty","a\u2028","\u0085x"],
    "n":[1,-1,1.5,1e-7,18446744073709551615],"b":[true,false,null],"e":{},"l":[],
    "long":"alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau",
    "longq":"alpha: beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau",
    "longd":"alpha\tbeta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron  pi rho sigma tau"})");
  std::string yaml = to_yaml(value);
  auto back = parse_yaml_stream(yaml, "out.yaml");
  ASSERT_TRUE(back.ok()) << back.error().message << "\n" << yaml;
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].value, value) << yaml;
}

}  // namespace
}  // namespace gitops::core
