// Sprig string functions: exact outputs, Go's panics as errors, odd inputs.
#include "tests/unit/helm/sprig_fixture.h"

namespace gitops::render::helm::testing {
namespace {

using StringsTest = SprigTest;

TEST_F(StringsTest, TrimFamily) {
  EXPECT_EQ(run("trim", {S("  \t hi \n")}), "hi");
  EXPECT_EQ(run("trimAll", {S("$"), S("$$5.00$")}), "5.00");
  EXPECT_EQ(run("trimall", {S("ab"), S("abxba")}), "x");
  EXPECT_EQ(run("trimSuffix", {S("-"), S("hello-")}), "hello");
  EXPECT_EQ(run("trimPrefix", {S("-"), S("-hello")}), "hello");
  EXPECT_EQ(run("trimPrefix", {S("x"), S("-hello")}), "-hello");
}

TEST_F(StringsTest, CaseFunctions) {
  EXPECT_EQ(run("upper", {S("Hello World")}), "HELLO WORLD");
  EXPECT_EQ(run("lower", {S("Hello WORLD")}), "hello world");
  EXPECT_EQ(run("title", {S("hello wOrld foo-bar foo_bar")}), "Hello WOrld Foo-Bar Foo_bar");
  EXPECT_EQ(run("title", {S("it's o'neil")}), "It'S O'Neil");
  EXPECT_EQ(run("untitle", {S("Hello World ABC")}), "hello world aBC");
  EXPECT_EQ(run("upper", {S("\xc3\xa9lan stra\xc3\x9f" "e")}), "\xc3\x89LAN STRA\xc3\x9f" "E");
  EXPECT_EQ(run("lower", {S("\xc3\x89LAN \xc4\xb0")}), "\xc3\xa9lan i");
  EXPECT_EQ(run("swapcase", {S("Hello World")}), "hELLO wORLD");
}

TEST_F(StringsTest, XstringsCaseConversions) {
  EXPECT_EQ(run("snakecase", {S("FirstName")}), "first_name");
  EXPECT_EQ(run("snakecase", {S("HTTPServer")}), "http_server");
  EXPECT_EQ(run("snakecase", {S("hello World again")}), "hello_world_again");
  EXPECT_EQ(run("kebabcase", {S("FirstName")}), "first-name");
  EXPECT_EQ(run("camelcase", {S("http_server")}), "HttpServer");
  EXPECT_EQ(run("camelcase", {S("hello-world")}), "HelloWorld");
  EXPECT_EQ(run("camelcase", {S("hello world")}), "HelloWorld");
  EXPECT_EQ(run("camelcase", {S("")}), "");
  EXPECT_EQ(run("camelcase", {S("_")}), "__");
}

TEST_F(StringsTest, SubstrFollowsGoSlicing) {
  EXPECT_EQ(run("substr", {I(1), I(3), S("hello")}), "el");
  EXPECT_EQ(run("substr", {I(2), I(-1), S("hello")}), "llo");
  EXPECT_EQ(run("substr", {I(-1), I(2), S("hello")}), "he");
  EXPECT_EQ(run("substr", {I(2), I(99), S("hello")}), "llo");
  EXPECT_EQ(error("substr", {I(-1), I(9), S("abc")}),
            "runtime error: slice bounds out of range [:9] with length 3");
  EXPECT_EQ(error("substr", {I(5), I(-1), S("abc")}), "runtime error: slice bounds out of range [5:3]");
  EXPECT_EQ(error("substr", {I(2), I(1), S("abc")}), "runtime error: slice bounds out of range [2:1]");
}

TEST_F(StringsTest, RepeatNospaceTrunc) {
  EXPECT_EQ(run("repeat", {I(3), S("ab")}), "ababab");
  EXPECT_EQ(run("repeat", {I(0), S("ab")}), "");
  EXPECT_EQ(error("repeat", {I(-1), S("ab")}), "strings: negative Repeat count");
  EXPECT_EQ(run("nospace", {S(" a b\tc\nd ")}), "abcd");
  EXPECT_EQ(run("trunc", {I(5), S("hello world")}), "hello");
  EXPECT_EQ(run("trunc", {I(-5), S("hello world")}), "world");
  EXPECT_EQ(run("trunc", {I(-50), S("hello")}), "hello");
  EXPECT_EQ(run("trunc", {I(50), S("hello")}), "hello");
}

TEST_F(StringsTest, AbbrevAndInitials) {
  EXPECT_EQ(run("abbrev", {I(5), S("hello world")}), "he...");
  EXPECT_EQ(run("abbrev", {I(20), S("hello")}), "hello");
  EXPECT_EQ(run("abbrev", {I(4), S("hello world")}), "h...");
  EXPECT_EQ(run("abbrev", {I(3), S("hello world")}), "hello world");
  EXPECT_EQ(run("abbrevboth", {I(5), I(10), S("1234 5678 9123")}), "...5678...");
  EXPECT_EQ(run("abbrevboth", {I(3), I(7), S("abcdefghijkl")}), "abcd...");
  EXPECT_EQ(run("initials", {S("First Try")}), "FT");
  EXPECT_EQ(run("initials", {S("foo-bar baz_qux")}), "fb");
}

TEST_F(StringsTest, Wrap) {
  EXPECT_EQ(run("wrap", {I(5), S("hello world how are you")}), "hello\nworld\nhow\nare\nyou");
  EXPECT_EQ(run("wrap", {I(3), S("abcdefgh ij")}), "abcdefgh\nij");
  EXPECT_EQ(run("wrapWith", {I(5), S("\t"), S("Hello World")}), "Hello\tWorld");
  EXPECT_EQ(run("wrapWith", {I(6), S("<br>"), S("one two three four")}), "one<br>two<br>three<br>four");
  EXPECT_EQ(run("wrapWith", {I(3), S("|"), S("abcdefgh")}), "abc|def|gh");
}

TEST_F(StringsTest, ContainsPrefixSuffix) {
  EXPECT_EQ(run("contains", {S("cat"), S("catch")}), "true");
  EXPECT_EQ(run("contains", {S("dog"), S("catch")}), "false");
  EXPECT_EQ(run("hasPrefix", {S("ca"), S("catch")}), "true");
  EXPECT_EQ(run("hasSuffix", {S("ch"), S("catch")}), "true");
  EXPECT_EQ(run("hasSuffix", {S("ca"), S("catch")}), "false");
}

TEST_F(StringsTest, QuoteSquoteCat) {
  EXPECT_EQ(run("quote", {S("a"), S("b"), I(3)}), "\"a\" \"b\" \"3\"");
  EXPECT_EQ(run("quote", {S("say \"hi\"\n\ttab\\")}), "\"say \\\"hi\\\"\\n\\ttab\\\\\"");
  EXPECT_EQ(run("quote", {F(1e6)}), "\"1e+06\"");
  EXPECT_EQ(run("quote", {Value()}), "");
  EXPECT_EQ(run("quote", {L({S("a"), S("b")})}), "\"[a b]\"");
  EXPECT_EQ(run("quote", {S("\x01\x7f\xff")}), "\"\\x01\\x7f\\xff\"");
  EXPECT_EQ(run("squote", {S("it's"), I(1), Value()}), "'it's' '1'");
  EXPECT_EQ(run("cat", {S("a"), Value(), I(1), F(2.5), Value()}), "a 1 2.5");
  EXPECT_EQ(run("cat", {}), "");
}

TEST_F(StringsTest, IndentReplacePlural) {
  EXPECT_EQ(run("indent", {I(2), S("a\nb")}), "  a\n  b");
  EXPECT_EQ(run("nindent", {I(2), S("a\nb")}), "\n  a\n  b");
  EXPECT_EQ(error("indent", {I(-1), S("a")}), "strings: negative Repeat count");
  EXPECT_EQ(run("replace", {S(" "), S("-"), S("a b c")}), "a-b-c");
  EXPECT_EQ(run("replace", {S(""), S("-"), S("ab")}), "-a-b-");
  EXPECT_EQ(run("plural", {S("one"), S("many"), I(1)}), "one");
  EXPECT_EQ(run("plural", {S("one"), S("many"), I(0)}), "many");
  EXPECT_EQ(run("plural", {S("one"), S("many"), I(-1)}), "many");
}

TEST_F(StringsTest, SplitJoinSort) {
  EXPECT_EQ(run("split", {S("$"), S("a$b$c")}), "map[_0:a _1:b _2:c]");
  EXPECT_EQ(type_of("split", {S("$"), S("a")}), "map[string]string");
  EXPECT_EQ(run("splitn", {S("$"), I(2), S("a$b$c")}), "map[_0:a _1:b$c]");
  EXPECT_EQ(run("splitn", {S("$"), I(0), S("a$b$c")}), "map[]");
  EXPECT_EQ(run("splitList", {S(","), S("a,b,,c")}), "[a b  c]");
  EXPECT_EQ(type_of("splitList", {S(","), S("a")}), "[]string");
  EXPECT_EQ(run("splitList", {S(""), S("h\xc3\xa9")}), "[h \xc3\xa9]");
  EXPECT_EQ(run("join", {S("-"), L({S("a"), Value(), I(1), F(1e6)})}), "a-1-1e+06");
  EXPECT_EQ(run("join", {S("-"), S("solo")}), "solo");
  EXPECT_EQ(run("join", {S("-"), Value()}), "");
  EXPECT_EQ(run("sortAlpha", {L({S("b"), I(10), S("a"), I(2)})}), "[10 2 a b]");
  EXPECT_EQ(run("sortAlpha", {S("x")}), "[x]");
  EXPECT_EQ(run("sortAlpha", {Value()}), "[<nil>]");
  EXPECT_EQ(run("toStrings", {L({I(1), Value(), B(true)})}), "[1 true]");
  EXPECT_EQ(type_of("toStrings", {Value()}), "[]string");
  EXPECT_EQ(run("toStrings", {Value()}), "[]");
}

TEST_F(StringsTest, ToStringAtoiTernary) {
  EXPECT_EQ(run("toString", {F(1e6)}), "1e+06");
  EXPECT_EQ(run("toString", {F(0.5)}), "0.5");
  EXPECT_EQ(run("toString", {I64(1000000)}), "1000000");
  EXPECT_EQ(run("toString", {Value()}), "<nil>");
  EXPECT_EQ(run("toString", {Value::bytes("hi")}), "hi");
  EXPECT_EQ(run("toString", {M({{"a", F(1)}})}), "map[a:1]");
  EXPECT_EQ(run("atoi", {S("42")}), "42");
  EXPECT_EQ(type_of("atoi", {S("42")}), "int");
  EXPECT_EQ(run("atoi", {S("4.2")}), "0");
  EXPECT_EQ(run("atoi", {S("0x10")}), "0");
  EXPECT_EQ(run("ternary", {S("yes"), S("no"), B(true)}), "yes");
  EXPECT_EQ(run("ternary", {S("yes"), S("no"), B(false)}), "no");
}

TEST_F(StringsTest, EncodingsAndChecksums) {
  EXPECT_EQ(run("b64enc", {S("hello")}), "aGVsbG8=");
  EXPECT_EQ(run("b64dec", {S("aGVsbG8=")}), "hello");
  EXPECT_EQ(run("b64dec", {S("aGVs\nbG8=")}), "hello");
  EXPECT_EQ(run("b64dec", {S("not base64!")}), "illegal base64 data at input byte 3");
  EXPECT_EQ(run("b64dec", {S("abc")}), "illegal base64 data at input byte 0");
  EXPECT_EQ(run("b32enc", {S("hello")}), "NBSWY3DP");
  EXPECT_EQ(run("b32dec", {S("NBSWY3DP")}), "hello");
  EXPECT_EQ(run("b32enc", {S("hi")}), "NBUQ====");
  EXPECT_EQ(run("b32dec", {S("NBUQ====")}), "hi");
  EXPECT_EQ(run("sha1sum", {S("hello")}), "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
  EXPECT_EQ(run("sha256sum", {S("hello")}),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  EXPECT_EQ(run("adler32sum", {S("hello")}), "103547413");
}

TEST_F(StringsTest, Paths) {
  EXPECT_EQ(run("base", {S("/a/b/c.txt")}), "c.txt");
  EXPECT_EQ(run("base", {S("")}), ".");
  EXPECT_EQ(run("base", {S("/a/b/")}), "b");
  EXPECT_EQ(run("dir", {S("/a/b/c.txt")}), "/a/b");
  EXPECT_EQ(run("dir", {S("c.txt")}), ".");
  EXPECT_EQ(run("clean", {S("a//b/../c/.")}), "a/c");
  EXPECT_EQ(run("clean", {S("/../a")}), "/a");
  EXPECT_EQ(run("ext", {S("a/b.tar.gz")}), ".gz");
  EXPECT_EQ(run("ext", {S("a.b/c")}), "");
  EXPECT_EQ(run("isAbs", {S("/a")}), "true");
  EXPECT_EQ(run("osBase", {S("/x/y")}), "y");
  EXPECT_EQ(run("osIsAbs", {S("x")}), "false");
}

TEST_F(StringsTest, Urls) {
  EXPECT_EQ(run("urlParse", {S("https://user:pw@example.com:8080/p/a%20b?q=1#frag")}),
            "map[fragment:frag host:example.com:8080 hostname:example.com opaque: "
            "path:/p/a b query:q=1 scheme:https userinfo:user:pw]");
  EXPECT_EQ(run("urlJoin", {M({{"scheme", S("http")}, {"host", S("h")}, {"path", S("/x")}, {"query", S("a=b")}})}),
            "http://h/x?a=b");
  EXPECT_EQ(error("urlJoin", {M({{"host", I(1)}})}),
            "unable to parse host key, must be of type string, but int found");
}

TEST_F(StringsTest, EnvIsNotRegistered) {
  EXPECT_EQ(m_funcs.find("env"), nullptr);
  EXPECT_EQ(m_funcs.find("expandenv"), nullptr);
  EXPECT_EQ(error("getHostByName", {S("localhost")}),
            "getHostByName is disabled: templates never use the network");
}

}  // namespace
}  // namespace gitops::render::helm::testing
