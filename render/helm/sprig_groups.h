// The groups Sprig's function map is assembled from, one file each, plus the signature shorthand
// they share. Internal to render/helm: templates see only add_sprig_functions (sprig.h).
#pragma once

#include <initializer_list>

#include "render/gotemplate/func_map.h"

namespace gitops::render::helm {

void add_sprig_string_functions(gotemplate::FuncMap& funcs);    // sprig_strings.cc
void add_sprig_case_functions(gotemplate::FuncMap& funcs);      // sprig_case.cc
void add_sprig_regex_functions(gotemplate::FuncMap& funcs);     // sprig_regex.cc
void add_sprig_digest_functions(gotemplate::FuncMap& funcs);    // sprig_digest.cc
void add_sprig_path_functions(gotemplate::FuncMap& funcs);      // sprig_path.cc
void add_sprig_number_functions(gotemplate::FuncMap& funcs);    // sprig_numbers.cc
void add_sprig_default_functions(gotemplate::FuncMap& funcs);   // sprig_defaults.cc
void add_sprig_list_functions(gotemplate::FuncMap& funcs);      // sprig_lists.cc
void add_sprig_dict_functions(gotemplate::FuncMap& funcs);      // sprig_dicts.cc
void add_sprig_type_functions(gotemplate::FuncMap& funcs);      // sprig_types.cc
void add_sprig_semver_functions(gotemplate::FuncMap& funcs);    // sprig_semver.cc
void add_sprig_date_functions(gotemplate::FuncMap& funcs);      // sprig_dates.cc
void add_sprig_random_functions(gotemplate::FuncMap& funcs);    // sprig_random.cc
void add_sprig_crypto_functions(gotemplate::FuncMap& funcs);    // sprig_crypto.cc

// A fixed-arity Go signature: sig({Param::string, Param::int}).
inline gotemplate::Signature sig(std::initializer_list<gotemplate::Param> params) {
  return gotemplate::Signature{params, false};
}

// A variadic Go signature; the last entry is the element type of the `...` parameter.
inline gotemplate::Signature variadic(std::initializer_list<gotemplate::Param> params) {
  return gotemplate::Signature{params, true};
}

}  // namespace gitops::render::helm
