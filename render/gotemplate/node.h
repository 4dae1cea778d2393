// Node: the parse tree of a template, as Go's text/template/parse builds it. Nodes live in an arena
// owned by the parsed file (Source) and point at each other with plain pointers; literals carry
// their precomputed Value so execution allocates nothing for them. to_string() prints a node the
// way Go's Node.String() does, for error messages.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "render/gotemplate/value.h"

namespace gitops::render::gotemplate {

struct Source;

enum class NodeType : std::uint8_t {
  text, action, comment, if_, range, with, list, template_, break_, continue_,
  pipe, command, field, chain, variable, identifier, dot, nil, boolean, number, string,
  else_, end,  // only while parsing
};

// Go's builtin functions; `none` for a FuncMap function.
enum class Builtin : std::uint8_t {
  none, and_, or_, not_, len, index, slice, eq, ne, lt, le, gt, ge,
  print, printf, println, html, js, urlquery, call,
};

struct Node {
  Node(NodeType t, std::uint32_t p, const Source* s) : type(t), pos(p), source(s) {}
  virtual ~Node() = default;
  NodeType type;
  std::uint32_t pos;     // byte offset in the source text
  const Source* source;  // the parsed file, for error positions
};

struct ListNode : Node {
  using Node::Node;
  std::vector<Node*> nodes;
};

struct TextNode : Node {
  TextNode(std::uint32_t p, const Source* s, std::string_view t) : Node(NodeType::text, p, s), text(t) {}
  std::string_view text;  // points into the source text
};

struct CommentNode : Node {
  CommentNode(std::uint32_t p, const Source* s, std::string_view t)
      : Node(NodeType::comment, p, s), text(t) {}
  std::string_view text;
};

struct VariableNode : Node {
  VariableNode(std::uint32_t p, const Source* s) : Node(NodeType::variable, p, s) {}
  std::vector<std::string> ident;  // "$x", then field names
};

struct CommandNode : Node {
  CommandNode(std::uint32_t p, const Source* s) : Node(NodeType::command, p, s) {}
  std::vector<Node*> args;
};

struct PipeNode : Node {
  PipeNode(std::uint32_t p, const Source* s, std::uint32_t l)
      : Node(NodeType::pipe, p, s), line(l) {}
  std::uint32_t line;
  bool is_assign = false;  // `=` rather than `:=`
  std::vector<VariableNode*> decl;
  std::vector<CommandNode*> cmds;
};

struct ActionNode : Node {
  ActionNode(std::uint32_t p, const Source* s, std::uint32_t l, PipeNode* pp)
      : Node(NodeType::action, p, s), line(l), pipe(pp) {}
  std::uint32_t line;
  PipeNode* pipe;
};

// if, range and with.
struct BranchNode : Node {
  BranchNode(NodeType t, std::uint32_t p, const Source* s, std::uint32_t l)
      : Node(t, p, s), line(l) {}
  std::uint32_t line;
  PipeNode* pipe = nullptr;
  ListNode* list = nullptr;
  ListNode* else_list = nullptr;
};

struct TemplateNode : Node {
  TemplateNode(std::uint32_t p, const Source* s, std::uint32_t l, std::string n, PipeNode* pp)
      : Node(NodeType::template_, p, s), line(l), name(std::move(n)), pipe(pp) {}
  std::uint32_t line;
  std::string name;
  PipeNode* pipe;  // may be null
};

struct IdentifierNode : Node {
  IdentifierNode(std::uint32_t p, const Source* s, std::string n)
      : Node(NodeType::identifier, p, s), name(std::move(n)) {}
  std::string name;
  const Func* func = nullptr;  // resolved at parse time; null for a builtin
  Builtin builtin = Builtin::none;
};

struct FieldNode : Node {
  FieldNode(std::uint32_t p, const Source* s) : Node(NodeType::field, p, s) {}
  std::vector<std::string> ident;
};

struct ChainNode : Node {
  ChainNode(std::uint32_t p, const Source* s, Node* n) : Node(NodeType::chain, p, s), node(n) {}
  Node* node;
  std::vector<std::string> field;
};

struct BoolNode : Node {
  BoolNode(std::uint32_t p, const Source* s, bool v) : Node(NodeType::boolean, p, s), value(v) {}
  bool value;
};

struct NumberNode : Node {
  NumberNode(std::uint32_t p, const Source* s, std::string_view t)
      : Node(NodeType::number, p, s), text(t) {}
  std::string text;  // as written
  bool is_int = false, is_uint = false, is_float = false, is_complex = false;
  std::int64_t int_value = 0;
  std::uint64_t uint_value = 0;
  double float_value = 0;
  Value ideal;  // Go's idealConstant: int, or float64 when written as a float
  bool ideal_overflows = false;
};

struct StringNode : Node {
  StringNode(std::uint32_t p, const Source* s, std::string_view q, std::string t)
      : Node(NodeType::string, p, s), quoted(q), value(Value::string(std::move(t))) {}
  std::string quoted;  // as written, quotes included
  Value value;
};

// A parsed file: its text, name and the arena that owns every node parsed from it.
struct Source {
  std::string parse_name;  // the file's name, as errors print it
  std::string text;
  std::vector<std::unique_ptr<Node>> arena;
};

// Go's Node.String() for `node`.
std::string to_string(const Node& node);

// Go's parse.IsEmptyTree: only blank text and comments.
bool is_empty_tree(const Node* node);

// "file:line:col" of `node` and Go's ErrorContext location (col is the 0-based byte column).
std::string error_location(const Node& node);

}  // namespace gitops::render::gotemplate
