// Go's Node.String() printing, IsEmptyTree, and error positions of nodes.
#include "render/gotemplate/node.h"

#include <algorithm>

#include "render/gotemplate/strconv.h"

namespace gitops::render::gotemplate {
namespace {

void write(std::string& out, const Node& node);

void write_idents(std::string& out, const std::vector<std::string>& ident, bool leading_dot) {
  for (std::size_t i = 0; i < ident.size(); ++i) {
    if (i > 0 || leading_dot) out.push_back('.');
    out += ident[i];
  }
}

void write_pipe(std::string& out, const PipeNode& pipe) {
  for (std::size_t i = 0; i < pipe.decl.size(); ++i) {
    if (i > 0) out += ", ";
    write(out, *pipe.decl[i]);
  }
  if (!pipe.decl.empty()) out += pipe.is_assign ? " = " : " := ";
  for (std::size_t i = 0; i < pipe.cmds.size(); ++i) {
    if (i > 0) out += " | ";
    write(out, *pipe.cmds[i]);
  }
}

void write_branch(std::string& out, const BranchNode& b, std::string_view name) {
  out += "{{";
  out += name;
  out += " ";
  write_pipe(out, *b.pipe);
  out += "}}";
  write(out, *b.list);
  if (b.else_list) {
    out += "{{else}}";
    write(out, *b.else_list);
  }
  out += "{{end}}";
}

void write(std::string& out, const Node& node) {
  switch (node.type) {
    case NodeType::text: out += static_cast<const TextNode&>(node).text; break;
    case NodeType::comment:
      out += "{{";
      out += static_cast<const CommentNode&>(node).text;
      out += "}}";
      break;
    case NodeType::action:
      out += "{{";
      write_pipe(out, *static_cast<const ActionNode&>(node).pipe);
      out += "}}";
      break;
    case NodeType::if_: write_branch(out, static_cast<const BranchNode&>(node), "if"); break;
    case NodeType::range: write_branch(out, static_cast<const BranchNode&>(node), "range"); break;
    case NodeType::with: write_branch(out, static_cast<const BranchNode&>(node), "with"); break;
    case NodeType::list:
      for (const Node* n : static_cast<const ListNode&>(node).nodes) write(out, *n);
      break;
    case NodeType::template_: {
      const auto& t = static_cast<const TemplateNode&>(node);
      out += "{{template " + quote(t.name);
      if (t.pipe) {
        out += " ";
        write_pipe(out, *t.pipe);
      }
      out += "}}";
      break;
    }
    case NodeType::break_: out += "{{break}}"; break;
    case NodeType::continue_: out += "{{continue}}"; break;
    case NodeType::pipe: write_pipe(out, static_cast<const PipeNode&>(node)); break;
    case NodeType::command: {
      const auto& args = static_cast<const CommandNode&>(node).args;
      for (std::size_t i = 0; i < args.size(); ++i) {
        if (i > 0) out.push_back(' ');
        if (args[i]->type == NodeType::pipe) {
          out.push_back('(');
          write(out, *args[i]);
          out.push_back(')');
        } else {
          write(out, *args[i]);
        }
      }
      break;
    }
    case NodeType::field: write_idents(out, static_cast<const FieldNode&>(node).ident, true); break;
    case NodeType::variable:
      write_idents(out, static_cast<const VariableNode&>(node).ident, false);
      break;
    case NodeType::chain: {
      const auto& c = static_cast<const ChainNode&>(node);
      if (c.node->type == NodeType::pipe) {
        out.push_back('(');
        write(out, *c.node);
        out.push_back(')');
      } else {
        write(out, *c.node);
      }
      write_idents(out, c.field, true);
      break;
    }
    case NodeType::identifier: out += static_cast<const IdentifierNode&>(node).name; break;
    case NodeType::dot: out += "."; break;
    case NodeType::nil: out += "nil"; break;
    case NodeType::boolean: out += static_cast<const BoolNode&>(node).value ? "true" : "false"; break;
    case NodeType::number: out += static_cast<const NumberNode&>(node).text; break;
    case NodeType::string: out += static_cast<const StringNode&>(node).quoted; break;
    case NodeType::else_: out += "{{else}}"; break;
    case NodeType::end: out += "{{end}}"; break;
  }
}

}  // namespace

std::string to_string(const Node& node) {
  std::string out;
  write(out, node);
  return out;
}

bool is_empty_tree(const Node* node) {
  if (node == nullptr) return true;
  switch (node->type) {
    case NodeType::comment: return true;
    case NodeType::list: {
      const auto& nodes = static_cast<const ListNode*>(node)->nodes;
      return std::all_of(nodes.begin(), nodes.end(), [](const Node* n) { return is_empty_tree(n); });
    }
    case NodeType::text: {
      std::string_view t = static_cast<const TextNode*>(node)->text;
      return t.find_first_not_of(" \t\r\n\v\f") == std::string_view::npos;
    }
    default: return false;
  }
}

std::string error_location(const Node& node) {
  std::string_view text = std::string_view(node.source->text).substr(0, node.pos);
  std::size_t nl = text.rfind('\n');
  std::size_t col = nl == std::string_view::npos ? node.pos : node.pos - (nl + 1);
  std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  return node.source->parse_name + ":" + std::to_string(line) + ":" + std::to_string(col);
}

}  // namespace gitops::render::gotemplate
