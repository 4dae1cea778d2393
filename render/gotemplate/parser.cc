// Recursive-descent parser following Go 1.19's parse.go function by function. Errors are thrown
// as ParseFailure inside this file and returned as core::Error from parse().
#include "render/gotemplate/parser.h"

#include <algorithm>

#include "render/gotemplate/lexer.h"
#include "render/gotemplate/number.h"
#include "render/gotemplate/strconv.h"

namespace gitops::render::gotemplate {
namespace {

struct ParseFailure {
  std::string message;
};

class Parser {
 public:
  Parser(std::shared_ptr<Source> source, const FuncMap* funcs)
      : m_source(std::move(source)), m_funcs(funcs) {}

  std::vector<Tree> run() {
    m_lexed = lex(m_source->text);
    m_name = m_source->parse_name;
    m_vars = {"$"};
    ListNode* root = parse_top();
    add(m_source->parse_name, root);
    std::vector<Tree> trees;
    for (auto& [name, list] : m_trees) trees.push_back(Tree{name, list, m_source});
    return trees;
  }

 private:
  template <typename T, typename... Args>
  T* make(Args&&... args) {
    auto node = std::make_unique<T>(std::forward<Args>(args)...);
    T* raw = node.get();
    m_source->arena.push_back(std::move(node));
    return raw;
  }
  ListNode* new_list(std::uint32_t pos) { return make<ListNode>(NodeType::list, pos, src()); }
  const Source* src() const { return m_source.get(); }

  // Token stream with backup, as Go's next/backup/peek; m_max is Go's token[0].
  const Token& next() {
    const Token& t = m_lexed.tokens[std::min(m_idx, m_lexed.tokens.size() - 1)];
    if (m_idx < m_lexed.tokens.size()) ++m_idx;
    m_max = std::max(m_max, m_idx);
    return t;
  }
  void backup(std::size_t n = 1) { m_idx -= n; }
  const Token& peek() {
    const Token& t = next();
    backup();
    return t;
  }
  const Token& next_non_space() {
    const Token* t = &next();
    while (t->type == Tok::space) t = &next();
    return *t;
  }
  const Token& peek_non_space() {
    const Token& t = next_non_space();
    backup();
    return t;
  }

  [[noreturn]] void errorf(const std::string& message) {
    std::uint32_t line = m_lexed.tokens[m_max == 0 ? 0 : m_max - 1].line;
    throw ParseFailure{"template: " + m_name + ":" + std::to_string(line) + ": " + message};
  }
  [[noreturn]] void unexpected(const Token& token, std::string_view context) {
    if (token.type == Tok::error) {
      std::string extra;
      if (m_action_line != 0 && m_action_line != token.line) {
        extra = " in action started at " + m_name + ":" + std::to_string(m_action_line);
        if (m_lexed.error.ends_with(" action")) extra = extra.substr(std::string(" in action").size());
      }
      errorf(m_lexed.error + extra);
    }
    errorf("unexpected " + describe(token) + " in " + std::string(context));
  }
  const Token& expect(Tok type, std::string_view context) {
    const Token& t = next_non_space();
    if (t.type != type) unexpected(t, context);
    return t;
  }

  void add(const std::string& name, ListNode* root) {
    auto it = std::find_if(m_trees.begin(), m_trees.end(), [&](auto& t) { return t.first == name; });
    if (it == m_trees.end()) {
      m_trees.emplace_back(name, root);
    } else if (is_empty_tree(it->second)) {
      it->second = root;
    } else if (!is_empty_tree(root)) {
      errorf("template: multiple definition of template " + quote(name));
    }
  }

  ListNode* parse_top() {
    ListNode* root = new_list(peek().pos);
    while (peek().type != Tok::eof) {
      if (peek().type == Tok::left_delim) {
        next();
        if (next_non_space().type == Tok::define) {
          parse_definition();
          continue;
        }
        backup_to_delim();
      }
      Node* n = text_or_action();
      if (n->type == NodeType::end || n->type == NodeType::else_) {
        errorf("unexpected " + to_string(*n));
      }
      root->nodes.push_back(n);
    }
    return root;
  }
  // Go's backup2(delim): step back to just before the left delimiter.
  void backup_to_delim() {
    while (m_lexed.tokens[m_idx - 1].type != Tok::left_delim) --m_idx;
    --m_idx;
  }

  void parse_definition() {
    const Token& name_tok = next_non_space();
    if (name_tok.type != Tok::string && name_tok.type != Tok::raw_string) {
      unexpected(name_tok, "define clause");
    }
    std::string name = unquote_or_fail(name_tok.value);
    expect(Tok::right_delim, "define clause");
    auto saved_vars = std::exchange(m_vars, {"$"});
    auto [list, end] = item_list();
    if (end->type != NodeType::end) errorf("unexpected " + to_string(*end) + " in define clause");
    add(name, list);
    m_vars = std::move(saved_vars);
  }

  std::string unquote_or_fail(std::string_view literal) {
    auto s = unquote(literal);
    if (!s) errorf("invalid syntax");
    return *s;
  }

  std::pair<ListNode*, Node*> item_list() {
    ListNode* list = new_list(peek_non_space().pos);
    while (peek_non_space().type != Tok::eof) {
      Node* n = text_or_action();
      if (n->type == NodeType::end || n->type == NodeType::else_) return {list, n};
      list->nodes.push_back(n);
    }
    errorf("unexpected EOF");
  }

  Node* text_or_action() {
    const Token& token = next_non_space();
    switch (token.type) {
      case Tok::text: return make<TextNode>(token.pos, src(), token.value);
      case Tok::left_delim: {
        auto saved = std::exchange(m_action_line, token.line);
        Node* n = action();
        m_action_line = saved;
        return n;
      }
      case Tok::comment: return make<CommentNode>(token.pos, src(), token.value);
      default: unexpected(token, "input");
    }
  }

  Node* action() {
    const Token& token = next_non_space();
    switch (token.type) {
      case Tok::block: return block_control();
      case Tok::break_: return loop_control(token, NodeType::break_, "{{break}}");
      case Tok::continue_: return loop_control(token, NodeType::continue_, "{{continue}}");
      case Tok::else_: return else_control();
      case Tok::end: return make<Node>(NodeType::end, expect(Tok::right_delim, "end").pos, src());
      case Tok::if_: return branch_control(NodeType::if_, "if");
      case Tok::range: return branch_control(NodeType::range, "range");
      case Tok::template_: return template_control();
      case Tok::with: return branch_control(NodeType::with, "with");
      default: break;
    }
    backup();
    const Token& start = peek();
    PipeNode* pipe = pipeline("command", Tok::right_delim);
    return make<ActionNode>(start.pos, src(), start.line, pipe);
  }

  Node* loop_control(const Token& token, NodeType type, std::string_view context) {
    std::uint32_t pos = token.pos;
    if (const Token& t = next_non_space(); t.type != Tok::right_delim) unexpected(t, context);
    if (m_range_depth == 0) errorf(std::string(context) + " outside {{range}}");
    return make<Node>(type, pos, src());
  }

  Node* else_control() {
    const Token& peeked = peek_non_space();
    if (peeked.type == Tok::if_) return make<Node>(NodeType::else_, peeked.pos, src());
    return make<Node>(NodeType::else_, expect(Tok::right_delim, "else").pos, src());
  }

  Node* branch_control(NodeType type, std::string_view context) {
    DepthGuard guard(this);
    std::size_t vars = m_vars.size();
    PipeNode* pipe = pipeline(context, Tok::right_delim);
    auto* node = make<BranchNode>(type, pipe->pos, src(), pipe->line);
    node->pipe = pipe;
    if (type == NodeType::range) ++m_range_depth;
    Node* next_node;
    std::tie(node->list, next_node) = item_list();
    if (type == NodeType::range) --m_range_depth;
    if (next_node->type == NodeType::else_) {
      if (type == NodeType::if_ && peek().type == Tok::if_) {
        next();
        node->else_list = new_list(next_node->pos);
        node->else_list->nodes.push_back(branch_control(NodeType::if_, "if"));
      } else {
        std::tie(node->else_list, next_node) = item_list();
        if (next_node->type != NodeType::end) errorf("expected end; found " + to_string(*next_node));
      }
    }
    m_vars.resize(vars);
    return node;
  }

  std::string template_name(const Token& token, std::string_view context) {
    if (token.type != Tok::string && token.type != Tok::raw_string) unexpected(token, context);
    return unquote_or_fail(token.value);
  }

  Node* template_control() {
    const Token& token = next_non_space();
    std::string name = template_name(token, "template clause");
    PipeNode* pipe = nullptr;
    if (next_non_space().type != Tok::right_delim) {
      backup();
      pipe = pipeline("template clause", Tok::right_delim);
    }
    return make<TemplateNode>(token.pos, src(), token.line, std::move(name), pipe);
  }

  Node* block_control() {
    const Token& token = next_non_space();
    std::string name = template_name(token, "block clause");
    PipeNode* pipe = pipeline("block clause", Tok::right_delim);
    auto saved_vars = std::exchange(m_vars, {"$"});
    auto saved_depth = std::exchange(m_range_depth, 0);
    auto [list, end] = item_list();
    if (end->type != NodeType::end) errorf("unexpected " + to_string(*end) + " in block clause");
    add(name, list);
    m_vars = std::move(saved_vars);
    m_range_depth = saved_depth;
    return make<TemplateNode>(token.pos, src(), token.line, std::move(name), pipe);
  }

  PipeNode* pipeline(std::string_view context, Tok end) {
    const Token& first = peek_non_space();
    auto* pipe = make<PipeNode>(first.pos, src(), first.line);
    declarations(pipe, context);
    while (true) {
      const Token& token = next_non_space();
      if (token.type == end) {
        check_pipeline(pipe, context);
        return pipe;
      }
      switch (token.type) {
        case Tok::boolean: case Tok::char_constant: case Tok::complex: case Tok::dot:
        case Tok::field: case Tok::identifier: case Tok::number: case Tok::nil:
        case Tok::raw_string: case Tok::string: case Tok::variable: case Tok::left_paren:
          backup();
          pipe->cmds.push_back(command());
          break;
        default: unexpected(token, context);
      }
    }
  }

  void declarations(PipeNode* pipe, std::string_view context) {
    while (true) {
      const Token& v = peek_non_space();
      if (v.type != Tok::variable) return;
      std::size_t before = m_idx;
      next_non_space();
      const Token& after_var = peek();
      const Token& nx = peek_non_space();
      if (nx.type == Tok::assign || nx.type == Tok::declare) {
        pipe->is_assign = nx.type == Tok::assign;
        next_non_space();
        declare(pipe, v);
        return;
      }
      if (nx.type == Tok::character && nx.value == ",") {
        next_non_space();
        declare(pipe, v);
        if (context == "range" && pipe->decl.size() < 2) {
          Tok t = peek_non_space().type;
          if (t == Tok::variable || t == Tok::right_delim || t == Tok::right_paren) continue;
          errorf("range can only initialize variables");
        }
        errorf("too many declarations in " + std::string(context));
      }
      (void)after_var;
      m_idx = before;
      return;
    }
  }

  void declare(PipeNode* pipe, const Token& v) {
    auto* var = make<VariableNode>(v.pos, src());
    var->ident.emplace_back(v.value);
    pipe->decl.push_back(var);
    m_vars.emplace_back(v.value);
  }

  void check_pipeline(PipeNode* pipe, std::string_view context) {
    if (pipe->cmds.empty()) errorf("missing value for " + std::string(context));
    for (std::size_t i = 1; i < pipe->cmds.size(); ++i) {
      switch (pipe->cmds[i]->args[0]->type) {
        case NodeType::boolean: case NodeType::dot: case NodeType::nil: case NodeType::number:
        case NodeType::string:
          errorf("non executable command in pipeline stage " + std::to_string(i + 1));
        default: break;
      }
    }
  }

  CommandNode* command() {
    auto* cmd = make<CommandNode>(peek_non_space().pos, src());
    while (true) {
      peek_non_space();
      if (Node* operand = parse_operand()) cmd->args.push_back(operand);
      const Token& token = next();
      if (token.type == Tok::space) continue;
      if (token.type == Tok::right_delim || token.type == Tok::right_paren) {
        backup();
      } else if (token.type != Tok::pipe) {
        unexpected(token, "operand");
      }
      break;
    }
    if (cmd->args.empty()) errorf("empty command");
    return cmd;
  }

  Node* parse_operand() {
    Node* node = term();
    if (node == nullptr || peek().type != Tok::field) return node;
    std::uint32_t chain_pos = peek().pos;
    std::vector<std::string> fields;
    while (peek().type == Tok::field) fields.emplace_back(next().value.substr(1));
    switch (node->type) {
      case NodeType::field: {
        auto* f = make<FieldNode>(chain_pos, src());
        f->ident = static_cast<FieldNode*>(node)->ident;
        f->ident.insert(f->ident.end(), fields.begin(), fields.end());
        return f;
      }
      case NodeType::variable: {
        auto* v = make<VariableNode>(chain_pos, src());
        v->ident = static_cast<VariableNode*>(node)->ident;
        v->ident.insert(v->ident.end(), fields.begin(), fields.end());
        return v;
      }
      case NodeType::boolean: case NodeType::string: case NodeType::number: case NodeType::nil:
      case NodeType::dot:
        errorf("unexpected . after term " + quote(to_string(*node)));
      default: {
        auto* chain = make<ChainNode>(chain_pos, src(), node);
        chain->field = std::move(fields);
        return chain;
      }
    }
  }

  Node* term() {
    const Token& token = next_non_space();
    if (token.type == Tok::left_paren) {
      DepthGuard guard(this);
      return pipeline("parenthesized pipeline", Tok::right_paren);
    }
    switch (token.type) {
      case Tok::identifier: return identifier(token);
      case Tok::dot: return make<Node>(NodeType::dot, token.pos, src());
      case Tok::nil: return make<Node>(NodeType::nil, token.pos, src());
      case Tok::variable: return use_var(token);
      case Tok::field: {
        auto* f = make<FieldNode>(token.pos, src());
        f->ident.emplace_back(token.value.substr(1));
        return f;
      }
      case Tok::boolean: return make<BoolNode>(token.pos, src(), token.value == "true");
      case Tok::char_constant: case Tok::complex: case Tok::number: return number(token);
      case Tok::string: case Tok::raw_string:
        return make<StringNode>(token.pos, src(), token.value, unquote_or_fail(token.value));
      default: backup(); return nullptr;
    }
  }

  Node* identifier(const Token& token) {
    auto* id = make<IdentifierNode>(token.pos, src(), std::string(token.value));
    id->func = m_funcs ? m_funcs->find(token.value) : nullptr;
    if (id->func == nullptr) {
      id->builtin = find_builtin(token.value);
      if (id->builtin == Builtin::none) errorf("function " + quote(token.value) + " not defined");
    }
    return id;
  }

  Node* use_var(const Token& token) {
    auto* v = make<VariableNode>(token.pos, src());
    v->ident.emplace_back(token.value);
    if (std::find(m_vars.begin(), m_vars.end(), token.value) == m_vars.end()) {
      errorf("undefined variable " + quote(token.value));
    }
    return v;
  }

  Node* number(const Token& token) {
    auto* n = make<NumberNode>(token.pos, src(), token.value);
    if (auto err = parse_number(*n, token.type == Tok::char_constant); !err.empty()) errorf(err);
    return n;
  }

  // Bounds the recursion of nested parentheses and control structures, as Go's parser bounds
  // expression depth, so hostile input cannot exhaust the native stack.
  struct DepthGuard {
    explicit DepthGuard(Parser* p) : parser(p) {
      if (++parser->m_depth > k_max_depth) parser->errorf("max expression depth exceeded");
    }
    ~DepthGuard() { --parser->m_depth; }
    Parser* parser;
  };
  static constexpr int k_max_depth = 1000;

  std::shared_ptr<Source> m_source;
  const FuncMap* m_funcs;
  int m_depth = 0;
  Lexed m_lexed;
  std::string m_name;
  std::size_t m_idx = 0;
  std::size_t m_max = 0;
  std::uint32_t m_action_line = 0;
  int m_range_depth = 0;
  std::vector<std::string> m_vars;
  std::vector<std::pair<std::string, ListNode*>> m_trees;
};

}  // namespace

Builtin find_builtin(std::string_view name) {
  static constexpr std::pair<std::string_view, Builtin> k_builtins[] = {
      {"and", Builtin::and_},     {"or", Builtin::or_},         {"not", Builtin::not_},
      {"len", Builtin::len},      {"index", Builtin::index},    {"slice", Builtin::slice},
      {"eq", Builtin::eq},        {"ne", Builtin::ne},          {"lt", Builtin::lt},
      {"le", Builtin::le},        {"gt", Builtin::gt},          {"ge", Builtin::ge},
      {"print", Builtin::print},  {"printf", Builtin::printf},  {"println", Builtin::println},
      {"html", Builtin::html},    {"js", Builtin::js},          {"urlquery", Builtin::urlquery},
      {"call", Builtin::call},
  };
  for (const auto& [n, b] : k_builtins) {
    if (n == name) return b;
  }
  return Builtin::none;
}

core::Result<std::vector<Tree>> parse(std::string_view name, std::string text,
                                      const FuncMap* funcs) {
  auto source = std::make_shared<Source>();
  source->parse_name = std::string(name);
  source->text = std::move(text);
  try {
    return Parser(source, funcs).run();
  } catch (const ParseFailure& failure) {
    return core::Error{core::ErrorKind::source, failure.message};
  }
}

}  // namespace gitops::render::gotemplate
