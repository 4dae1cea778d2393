// Assembles Sprig's function map from its groups, in the order Sprig declares them.
#include "render/helm/sprig.h"

#include "render/helm/sprig_groups.h"

namespace gitops::render::helm {

void add_sprig_functions(gotemplate::FuncMap& funcs) {
  add_sprig_string_functions(funcs);
  add_sprig_case_functions(funcs);
  add_sprig_regex_functions(funcs);
  add_sprig_digest_functions(funcs);
  add_sprig_path_functions(funcs);
  add_sprig_number_functions(funcs);
  add_sprig_default_functions(funcs);
  add_sprig_list_functions(funcs);
  add_sprig_dict_functions(funcs);
  add_sprig_type_functions(funcs);
  add_sprig_semver_functions(funcs);
  add_sprig_date_functions(funcs);
  add_sprig_random_functions(funcs);
  add_sprig_crypto_functions(funcs);
}

}  // namespace gitops::render::helm
