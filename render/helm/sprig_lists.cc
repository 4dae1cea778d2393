// Sprig's list functions over any Go slice ([]interface {}, []string, []int, []byte): the plain
// forms turn a wrong type into the panic text the must* forms return as an error; nil hits Go's
// nil-pointer panic as reflect.TypeOf(nil).Kind() does.
#include <string>

#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_groups.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::List;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

// The slice `v`, or the error "Cannot WHAT on type KIND" (nil: Go's nil-pointer panic).
core::Result<List> items_of(const Value& v, const std::string& what) {
  if (v.is_nil()) return nil_pointer_error();
  auto items = slice_items(v);
  if (!items) return go_error(what + " " + reflect_kind(v));
  return *items;
}

bool in_list(const List& haystack, const Value& needle) {
  for (const auto& h : haystack) {
    if (deep_equal(needle, h)) return true;
  }
  return false;
}

using ListFn = std::function<R(const List&, Args)>;

// Registers NAME and mustNAME with the same body; the error texts are identical.
void add_both(FuncMap& f, const std::string& name, const std::string& must_name,
              gotemplate::Signature s, std::size_t list_arg, const std::string& what, ListFn fn) {
  auto body = [list_arg, what, fn](Args a) -> R {
    auto items = items_of(a[list_arg], what);
    if (!items.ok()) return items.error();
    return fn(*items, a);
  };
  f.add(name, s, body);
  f.add(must_name, s, body);
}

Value any_list(List items) { return Value::list(std::move(items)); }

R slice(const Value& list, Args indices) {
  auto items = items_of(list, "list should be type of slice or array but");
  if (!items.ok()) return items.error();
  std::int64_t len = static_cast<std::int64_t>(items->size());
  if (len == 0) return Value();
  std::int64_t start = indices.size() > 0 ? cast_to_int64(indices[0]) : 0;
  std::int64_t end = indices.size() < 2 ? len : cast_to_int64(indices[1]);
  if (start < 0 || end < start || end > len) {
    return go_error("reflect.Value.Slice: slice index out of bounds");
  }
  List out(items->begin() + start, items->begin() + end);
  if (list.kind() == gotemplate::Kind::bytes) {
    std::string bytes = list.as_bytes().substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
    return Value::bytes(bytes);
  }
  return Value::list(std::move(out), list.list_type());
}

}  // namespace

void add_sprig_list_functions(FuncMap& f) {
  const auto A = Param::any;
  f.add("list", variadic({A}), [](Args a) -> R { return any_list(List(a.begin(), a.end())); });
  f.add("tuple", variadic({A}), [](Args a) -> R { return any_list(List(a.begin(), a.end())); });
  ListFn push = [](const List& l, Args a) -> R {
    List out = l;
    out.push_back(a[1]);
    return any_list(std::move(out));
  };
  add_both(f, "append", "mustAppend", sig({A, A}), 0, "Cannot push on type", push);
  add_both(f, "push", "mustPush", sig({A, A}), 0, "Cannot push on type", push);
  add_both(f, "prepend", "mustPrepend", sig({A, A}), 0, "Cannot prepend on type", [](const List& l, Args a) -> R {
    List out{a[1]};
    out.insert(out.end(), l.begin(), l.end());
    return any_list(std::move(out));
  });
  add_both(f, "chunk", "mustChunk", sig({Param::integer, A}), 1, "Cannot chunk type", [](const List& l, Args a) -> R {
    std::int64_t size = a[0].as_int();
    if (size <= 0) return go_error("runtime error: integer divide by zero");
    List chunks;
    for (std::size_t i = 0; i < l.size(); i += static_cast<std::size_t>(size)) {
      std::size_t end = std::min(l.size(), i + static_cast<std::size_t>(size));
      chunks.push_back(any_list(List(l.begin() + static_cast<std::ptrdiff_t>(i), l.begin() + static_cast<std::ptrdiff_t>(end))));
    }
    return Value::list(std::move(chunks));
  });
  add_both(f, "last", "mustLast", sig({A}), 0, "Cannot find last on type", [](const List& l, Args) -> R {
    return l.empty() ? Value() : l.back();
  });
  add_both(f, "first", "mustFirst", sig({A}), 0, "Cannot find first on type", [](const List& l, Args) -> R {
    return l.empty() ? Value() : l.front();
  });
  add_both(f, "rest", "mustRest", sig({A}), 0, "Cannot find rest on type", [](const List& l, Args) -> R {
    if (l.empty()) return Value::list({});
    return any_list(List(l.begin() + 1, l.end()));
  });
  add_both(f, "initial", "mustInitial", sig({A}), 0, "Cannot find initial on type", [](const List& l, Args) -> R {
    if (l.empty()) return Value::list({});
    return any_list(List(l.begin(), l.end() - 1));
  });
  add_both(f, "reverse", "mustReverse", sig({A}), 0, "Cannot find reverse on type", [](const List& l, Args) -> R {
    return any_list(List(l.rbegin(), l.rend()));
  });
  add_both(f, "compact", "mustCompact", sig({A}), 0, "Cannot compact on type", [](const List& l, Args) -> R {
    List out;
    for (const auto& item : l) {
      if (!is_empty(item)) out.push_back(item);
    }
    return any_list(std::move(out));
  });
  add_both(f, "uniq", "mustUniq", sig({A}), 0, "Cannot find uniq on type", [](const List& l, Args) -> R {
    List out;
    for (const auto& item : l) {
      if (!in_list(out, item)) out.push_back(item);
    }
    return any_list(std::move(out));
  });
  ListFn without = [](const List& l, Args a) -> R {
    List omit(a.begin() + 1, a.end());
    List out;
    for (const auto& item : l) {
      if (!in_list(omit, item)) out.push_back(item);
    }
    return any_list(std::move(out));
  };
  add_both(f, "without", "mustWithout", variadic({A, A}), 0, "Cannot find without on type", without);
  auto has = [](Args a) -> R {
    if (a[1].is_nil()) return Value::boolean(false);
    auto items = slice_items(a[1]);
    if (!items) return go_error("Cannot find has on type " + reflect_kind(a[1]));
    return Value::boolean(in_list(*items, a[0]));
  };
  f.add("has", sig({A, A}), has);
  f.add("mustHas", sig({A, A}), has);
  auto slice_fn = [](Args a) -> R { return slice(a[0], a.subspan(1)); };
  f.add("slice", variadic({A, A}), slice_fn);
  f.add("mustSlice", variadic({A, A}), slice_fn);
  f.add("concat", variadic({A}), [](Args a) -> R {
    List out;
    for (const auto& v : a) {
      if (v.is_nil()) return nil_pointer_error();
      auto items = slice_items(v);
      if (!items) return go_error("Cannot concat type " + reflect_kind(v) + " as list");
      out.insert(out.end(), items->begin(), items->end());
    }
    return any_list(std::move(out));
  });
}

}  // namespace gitops::render::helm
