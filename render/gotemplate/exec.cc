// The executor: Go's exec.go state machine. Execution errors are thrown as ExecFailure inside
// this file (Go panics the same way) and returned as core::Error by execute_tree().
#include "render/gotemplate/exec.h"

#include <pthread.h>

#include <algorithm>

#include "render/gotemplate/arguments.h"
#include "render/gotemplate/builtins.h"
#include "render/gotemplate/call_context.h"
#include "render/gotemplate/printf.h"
#include "render/gotemplate/strconv.h"
#include "render/gotemplate/template_set.h"

namespace gitops::render::gotemplate {
namespace {

struct ExecFailure {
  std::string message;
};

// A value plus whether it came out of an interface{} container (a map or []interface{}
// element): Go then reports field errors against type interface {}.
struct Boxed {
  Value value;
  bool boxed = false;
};

enum class Flow { normal, break_, continue_ };

const std::vector<Node*> k_no_args;

// Native stack guard: Go's goroutine stacks grow, ours do not, so nested {{template}} calls also
// stop (with Go's depth error) before they would use up the thread's stack.
thread_local const char* t_stack_base = nullptr;
thread_local std::ptrdiff_t t_stack_budget = 0;

std::ptrdiff_t stack_budget(const char* here) {
  constexpr std::ptrdiff_t k_fallback = 1 << 20;
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return k_fallback;
  void* addr = nullptr;
  std::size_t size = 0;
  int rc = pthread_attr_getstack(&attr, &addr, &size);
  pthread_attr_destroy(&attr);
  if (rc != 0) return k_fallback;
  std::ptrdiff_t remaining = here - static_cast<const char*>(addr);
  return std::max<std::ptrdiff_t>(remaining / 4 * 3 - (128 << 10), 64 << 10);
}

class Executor final : public CallContext {
 public:
  Executor(const TemplateSet& set, const Tree& tree, std::string& out)
      : m_set(set), m_tree(&tree), m_out(out), m_missing(set.options().missing_key) {}

  void run(const Value& data) {
    m_vars.emplace_back("$", Boxed{data});
    walk_list(Boxed{data}, m_tree->root);
  }

  // CallContext.
  const TemplateSet& templates() const override { return m_set; }
  core::Result<std::string> execute_template(std::string_view name, const Value& data) override {
    return m_set.execute(name, data);
  }
  std::string_view template_name() const override { return m_tree->name; }
  std::string location() const override {
    return m_node ? error_location(*m_node) : m_tree->source->parse_name;
  }

 private:
  [[noreturn]] void errorf(const std::string& message) const {
    if (m_node == nullptr) throw ExecFailure{"template: " + m_tree->name + ": " + message};
    throw ExecFailure{"template: " + error_location(*m_node) + ": executing " +
                      quote(m_tree->name) + " at <" + to_string(*m_node) + ">: " + message};
  }
  void at(const Node* node) { m_node = node; }

  // ---- variables ----
  const Boxed& var_value(std::string_view name) {
    for (std::size_t i = m_vars.size(); i-- > m_var_base;) {
      if (m_vars[i].first == name) return m_vars[i].second;
    }
    errorf("undefined variable: " + std::string(name));
  }
  void set_var(std::string_view name, const Value& value) {
    for (std::size_t i = m_vars.size(); i-- > m_var_base;) {
      if (m_vars[i].first == name) {
        m_vars[i].second = Boxed{value};
        return;
      }
    }
    errorf("undefined variable: " + std::string(name));
  }

  // ---- walking ----
  Flow walk_list(const Boxed& dot, const ListNode* list) {
    for (const Node* node : list->nodes) {
      if (Flow f = walk(dot, node); f != Flow::normal) return f;
    }
    return Flow::normal;
  }

  Flow walk(const Boxed& dot, const Node* node) {
    at(node);
    switch (node->type) {
      case NodeType::text: m_out += static_cast<const TextNode*>(node)->text; return Flow::normal;
      case NodeType::action: {
        const auto* action = static_cast<const ActionNode*>(node);
        Value v = eval_pipeline(dot, action->pipe);
        if (action->pipe->decl.empty()) print_value(node, v);
        return Flow::normal;
      }
      case NodeType::comment: return Flow::normal;
      case NodeType::if_:
      case NodeType::with: return walk_if_or_with(dot, static_cast<const BranchNode*>(node));
      case NodeType::list: return walk_list(dot, static_cast<const ListNode*>(node));
      case NodeType::range: return walk_range(dot, static_cast<const BranchNode*>(node));
      case NodeType::template_: walk_template(dot, static_cast<const TemplateNode*>(node)); return Flow::normal;
      case NodeType::break_: return Flow::break_;
      case NodeType::continue_: return Flow::continue_;
      default: errorf("unknown node: " + to_string(*node));
    }
  }

  void print_value(const Node* node, const Value& v) {
    at(node);
    if (v.is_nil()) {
      m_out += "<no value>";
    } else {
      append_value(m_out, v);
    }
  }

  Flow walk_if_or_with(const Boxed& dot, const BranchNode* node) {
    std::size_t mark = m_vars.size();
    Value val = eval_pipeline(dot, node->pipe);
    Flow flow = Flow::normal;
    if (truth(val)) {
      flow = node->type == NodeType::with ? walk_list(Boxed{val}, node->list)
                                          : walk_list(dot, node->list);
    } else if (node->else_list) {
      flow = walk_list(dot, node->else_list);
    }
    m_vars.resize(mark);
    return flow;
  }

  Flow walk_range(const Boxed& dot, const BranchNode* r) {
    at(r);
    std::size_t outer = m_vars.size();
    Value val = underlying_value(eval_pipeline(dot, r->pipe));
    std::size_t mark = m_vars.size();
    std::size_t decls = r->pipe->decl.size();
    bool any = false;
    auto one = [&](const Value& index, const Boxed& elem) {
      if (decls > 0) m_vars[mark - 1].second = elem;
      if (decls > 1) m_vars[mark - 2].second = Boxed{index};
      Flow f = walk_list(elem, r->list);
      m_vars.resize(mark);
      return f;
    };
    switch (val.kind()) {
      case Kind::list: {
        const List& items = val.as_list();
        for (std::size_t i = 0; i < items.size(); ++i) {
          any = true;
          Boxed elem{items[i], val.list_type() == ListType::any};
          if (one(Value::integer(static_cast<std::int64_t>(i)), elem) == Flow::break_) break;
        }
        break;
      }
      case Kind::bytes: {
        const std::string& b = val.as_bytes();
        for (std::size_t i = 0; i < b.size(); ++i) {
          any = true;
          Boxed e{Value::integer(static_cast<unsigned char>(b[i]))};
          if (one(Value::integer(static_cast<std::int64_t>(i)), e) == Flow::break_) break;
        }
        break;
      }
      case Kind::map: {
        // Go ranges over a sorted snapshot, so a body that changes the map is safe.
        std::vector<std::pair<Value, Boxed>> entries;
        entries.reserve(val.as_map().size());
        bool boxed = val.map_type() != MapType::strings;
        for (const auto& [key, elem] : val.as_map()) {
          entries.emplace_back(Value::string(key), Boxed{elem, boxed});
        }
        for (const auto& [key, elem] : entries) {
          any = true;
          if (one(key, elem) == Flow::break_) break;
        }
        break;
      }
      case Kind::nil: break;
      default: errorf("range can't iterate over " + format_value(val));
    }
    if (!any && r->else_list) {
      Flow f = walk_list(dot, r->else_list);
      m_vars.resize(outer);
      return f;
    }
    m_vars.resize(outer);
    return Flow::normal;
  }

  void walk_template(const Boxed& dot, const TemplateNode* t) {
    at(t);
    const Tree* tree = m_set.find(t->name);
    if (tree == nullptr) errorf("template " + quote(t->name) + " not defined");
    if (m_depth >= m_set.options().max_depth || stack_exhausted()) {
      errorf("exceeded maximum template depth (" + std::to_string(m_set.options().max_depth) + ")");
    }
    Value new_dot = eval_pipeline(dot, t->pipe);
    const Tree* saved_tree = std::exchange(m_tree, tree);
    std::size_t saved_base = std::exchange(m_var_base, m_vars.size());
    ++m_depth;
    m_vars.emplace_back("$", Boxed{new_dot});
    walk_list(Boxed{new_dot}, tree->root);
    m_vars.resize(m_var_base);
    --m_depth;
    m_var_base = saved_base;
    m_tree = saved_tree;
  }

  static bool stack_exhausted() {
    char here;
    return t_stack_base != nullptr && t_stack_base - &here > t_stack_budget;
  }

  // ---- evaluation ----
  Value eval_pipeline(const Boxed& dot, const PipeNode* pipe) {
    if (pipe == nullptr) return Value();
    at(pipe);
    Value value;
    const Value* final = nullptr;
    for (const CommandNode* cmd : pipe->cmds) {
      value = eval_command(dot, cmd, final).value;
      final = &value;
    }
    for (const VariableNode* var : pipe->decl) {
      if (pipe->is_assign) {
        set_var(var->ident[0], value);
      } else {
        m_vars.emplace_back(var->ident[0], Boxed{value});
      }
    }
    return value;
  }

  void not_a_function(const std::vector<Node*>& args, const Value* final) {
    if (args.size() > 1 || final != nullptr) {
      errorf("can't give argument to non-function " + to_string(*args[0]));
    }
  }

  Boxed eval_command(const Boxed& dot, const CommandNode* cmd, const Value* final) {
    const Node* first = cmd->args[0];
    switch (first->type) {
      case NodeType::field:
        return eval_field_node(dot, static_cast<const FieldNode*>(first), cmd->args, final);
      case NodeType::chain:
        return eval_chain_node(dot, static_cast<const ChainNode*>(first), cmd->args, final);
      case NodeType::identifier:
        return {eval_function(dot, static_cast<const IdentifierNode*>(first), cmd, cmd->args, final)};
      case NodeType::pipe:
        not_a_function(cmd->args, final);
        return {eval_pipeline(dot, static_cast<const PipeNode*>(first))};
      case NodeType::variable:
        return eval_variable_node(dot, static_cast<const VariableNode*>(first), cmd->args, final);
      default: break;
    }
    at(first);
    not_a_function(cmd->args, final);
    switch (first->type) {
      case NodeType::boolean: return {Value::boolean(static_cast<const BoolNode*>(first)->value)};
      case NodeType::dot: return dot;
      case NodeType::nil: errorf("nil is not a command");
      case NodeType::number: return {ideal_constant(static_cast<const NumberNode*>(first))};
      case NodeType::string: return {static_cast<const StringNode*>(first)->value};
      default: errorf("can't evaluate command " + quote(to_string(*first)));
    }
  }

  Value ideal_constant(const NumberNode* n) {
    at(n);
    if (n->ideal_overflows) errorf(n->text + " overflows int");
    return n->ideal;
  }

  Boxed eval_field_node(const Boxed& dot, const FieldNode* field, const std::vector<Node*>& args,
                        const Value* final) {
    at(field);
    return eval_field_chain(dot, dot, field, field->ident, 0, args, final);
  }

  Boxed eval_chain_node(const Boxed& dot, const ChainNode* chain, const std::vector<Node*>& args,
                        const Value* final) {
    at(chain);
    if (chain->node->type == NodeType::nil) {
      errorf("indirection through explicit nil in " + to_string(*chain));
    }
    Value pipe = eval_arg(dot, Param::any, chain->node);
    return eval_field_chain(dot, Boxed{pipe}, chain, chain->field, 0, args, final);
  }

  Boxed eval_variable_node(const Boxed& dot, const VariableNode* var,
                           const std::vector<Node*>& args, const Value* final) {
    at(var);
    const Boxed& value = var_value(var->ident[0]);
    if (var->ident.size() == 1) {
      not_a_function(args, final);
      return value;
    }
    return eval_field_chain(dot, value, var, var->ident, 1, args, final);
  }

  Boxed eval_field_chain(const Boxed& dot, Boxed receiver, const Node* node,
                         const std::vector<std::string>& ident, std::size_t from,
                         const std::vector<Node*>& args, const Value* final) {
    for (std::size_t i = from; i + 1 < ident.size(); ++i) {
      receiver = eval_field(dot, ident[i], node, k_no_args, nullptr, receiver);
    }
    return eval_field(dot, ident.back(), node, args, final, receiver);
  }

  Boxed eval_field(const Boxed& dot, const std::string& name, const Node* node,
                   const std::vector<Node*>& args, const Value* final, const Boxed& receiver) {
    const Value& r = receiver.value;
    if (r.is_nil()) {
      if (receiver.boxed) errorf("nil pointer evaluating interface {}." + name);
      if (m_missing == MissingKey::error) errorf("nil data; no entry for key " + quote(name));
      return {};
    }
    bool has_args = args.size() > 1 || final != nullptr;
    if (r.kind() == Kind::object) {
      const Object& obj = r.as_object();
      if (auto method = obj.method(name)) {
        return {eval_call(dot, method->signature, &method->body, Builtin::none, node, name, args,
                          final)};
      }
      if (auto field = obj.field(name)) {
        if (has_args) errorf(name + " has arguments but cannot be invoked as function");
        return {std::move(*field)};
      }
    } else if (r.kind() == Kind::map) {
      if (has_args) errorf(name + " is not a method but has arguments");
      const Map& map = r.as_map();
      bool strings = r.map_type() == MapType::strings;
      if (auto it = map.find(name); it != map.end()) return {it->second, !strings};
      switch (m_missing) {
        case MissingKey::invalid: return {};
        case MissingKey::zero: return strings ? Boxed{Value::string("")} : Boxed{Value(), true};
        case MissingKey::error: errorf("map has no entry for key " + quote(name));
      }
    }
    errorf("can't evaluate field " + name + " in type " +
           (receiver.boxed ? std::string("interface {}") : r.type_name()));
  }

  Value eval_function(const Boxed& dot, const IdentifierNode* id, const Node* cmd,
                      const std::vector<Node*>& args, const Value* final) {
    at(id);
    if (id->func) return eval_call(dot, id->func->signature, &id->func->body, Builtin::none, cmd, id->name, args, final);
    if (id->builtin == Builtin::and_ || id->builtin == Builtin::or_) {
      return eval_and_or(dot, id, args, final);
    }
    return eval_call(dot, builtin_signature(id->builtin), nullptr, id->builtin, cmd, id->name, args,
                     final);
  }

  void check_arity(const Signature& sig, const std::string& name, std::size_t nargs,
                   std::size_t num_in) {
    std::size_t nparams = sig.params.size();
    if (sig.variadic) {
      if (num_in < nparams - 1) {
        errorf("wrong number of args for " + name + ": want at least " +
               std::to_string(nparams - 1) + " got " + std::to_string(nargs));
      }
    } else if (num_in != nparams) {
      errorf("wrong number of args for " + name + ": want " + std::to_string(nparams) + " got " +
             std::to_string(num_in));
    }
  }

  Value eval_and_or(const Boxed& dot, const IdentifierNode* id, const std::vector<Node*>& args,
                    const Value* final) {
    std::size_t nargs = args.empty() ? 0 : args.size() - 1;
    check_arity(Signature{{Param::any, Param::any}, true}, id->name, nargs,
                nargs + (final ? 1 : 0));
    bool is_or = id->builtin == Builtin::or_;
    Value v;
    for (std::size_t i = 1; i < args.size(); ++i) {
      v = eval_arg(dot, Param::any, args[i]);
      if (truth(v) == is_or) return v;
    }
    if (final) v = *final;
    return v;
  }

  Param param_at(const Signature& sig, std::size_t i) const {
    if (sig.variadic && i + 1 >= sig.params.size()) return sig.params.back();
    return sig.params[i];
  }

  Value eval_call(const Boxed& dot, const Signature& sig, const FuncBody* body, Builtin builtin,
                  const Node* node, const std::string& name, const std::vector<Node*>& all_args,
                  const Value* final) {
    std::size_t nargs = all_args.empty() ? 0 : all_args.size() - 1;
    std::size_t num_in = nargs + (final ? 1 : 0);
    check_arity(sig, name, nargs, num_in);
    std::size_t base = m_args.size();
    for (std::size_t i = 0; i < nargs; ++i) {
      Value v = eval_arg(dot, param_at(sig, i), all_args[i + 1]);
      m_args.push_back(std::move(v));
    }
    if (final) m_args.push_back(validate_type(*final, param_at(sig, num_in - 1)));
    std::span<const Value> argv(m_args.data() + base, m_args.size() - base);
    std::optional<std::string> failure;
    Value result;
    if (body == nullptr) {
      BuiltinResult r = call_builtin(builtin, argv);
      failure = std::move(r.error);
      result = std::move(r.value);
    } else {
      core::Result<Value> r = (*body)(*this, argv);
      if (r.ok()) {
        result = std::move(*r);
      } else {
        failure = r.error().message;
      }
    }
    m_args.resize(base);
    if (failure) {
      at(node);
      errorf("error calling " + name + ": " + *failure);
    }
    return result;
  }

  Value validate_type(const Value& v, Param param) {
    Argument arg = check_argument(v, param);
    if (!arg.error.empty()) errorf(arg.error);
    return std::move(arg.value);
  }

  Value eval_arg(const Boxed& dot, Param param, const Node* n) {
    at(n);
    switch (n->type) {
      case NodeType::dot: return validate_type(dot.value, param);
      case NodeType::field: {
        auto* f = static_cast<const FieldNode*>(n);
        return validate_type(eval_field_node(dot, f, k_no_args, nullptr).value, param);
      }
      case NodeType::variable:
        return validate_type(
            eval_variable_node(dot, static_cast<const VariableNode*>(n), k_no_args, nullptr).value, param);
      case NodeType::pipe:
        return validate_type(eval_pipeline(dot, static_cast<const PipeNode*>(n)), param);
      case NodeType::identifier: {
        auto* id = static_cast<const IdentifierNode*>(n);
        return validate_type(eval_function(dot, id, n, k_no_args, nullptr), param);
      }
      case NodeType::chain:
        return validate_type(
            eval_chain_node(dot, static_cast<const ChainNode*>(n), k_no_args, nullptr).value, param);
      default: break;
    }
    return eval_literal(param, n);
  }

  Value eval_literal(Param param, const Node* n) {
    Argument arg = literal_argument(*n, param);
    if (!arg.error.empty()) errorf(arg.error);
    return std::move(arg.value);
  }

  const TemplateSet& m_set;
  const Tree* m_tree;
  std::string& m_out;
  MissingKey m_missing;
  const Node* m_node = nullptr;
  std::vector<std::pair<std::string_view, Boxed>> m_vars;
  std::size_t m_var_base = 0;
  std::vector<Value> m_args;
  int m_depth = 0;
};

}  // namespace

core::Status execute_tree(const TemplateSet& set, const Tree& tree, const Value& data,
                          std::string& out) {
  char base;
  bool outermost = t_stack_base == nullptr;
  if (outermost) {
    t_stack_base = &base;
    t_stack_budget = stack_budget(&base);
  }
  if (!outermost && t_stack_base - &base > t_stack_budget) {
    // A function (Helm's include) re-entering execution too deeply.
    return core::Error{core::ErrorKind::source,
                       "template: " + tree.name + ": exceeded maximum template depth (" +
                           std::to_string(set.options().max_depth) + ")"};
  }
  Executor executor(set, tree, out);
  core::Status status;
  try {
    executor.run(data);
  } catch (const ExecFailure& failure) {
    status = core::Error{core::ErrorKind::source, failure.message};
  } catch (const std::exception& e) {
    status = core::Error{core::ErrorKind::internal, std::string("executing template: ") + e.what()};
  }
  if (outermost) t_stack_base = nullptr;
  return status;
}

}  // namespace gitops::render::gotemplate
