// Tables as kubectl prints them: upper-case headers, columns padded to their widest cell and
// separated by three spaces, no trailing blanks.
#pragma once

#include <string>
#include <vector>

namespace gitops::plugin {

std::string format_table(const std::vector<std::string>& headers,
                         const std::vector<std::vector<std::string>>& rows);

}  // namespace gitops::plugin
