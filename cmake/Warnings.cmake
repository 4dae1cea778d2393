# gitops_warnings: an interface target every library and test links to get the project's warnings.
add_library(gitops_warnings INTERFACE)
target_compile_options(gitops_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local
                       -Wnon-virtual-dtor -Wno-missing-field-initializers)
# GCC 12 reports std::string concatenation inlined at -O2 as out-of-bounds memcpy (GCC bugs
# 105329, 105651); these are false positives in the standard library, not in our code.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(gitops_warnings INTERFACE -Wno-array-bounds -Wno-restrict
                         -Wno-stringop-overflow -Wno-stringop-overread)
endif()
if(GITOPS_WERROR)
  target_compile_options(gitops_warnings INTERFACE -Werror)
endif()

# gitops_library(NAME DEPS ...): a static library of every *.cc in the calling folder (tests and
# fuzz targets excluded), rooted at the repository top so includes read "core/object.h".
function(gitops_library name)
  cmake_parse_arguments(ARG "" "" "DEPS;EXTRA_SOURCES" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(FILTER sources EXCLUDE REGEX "(_test|_fuzz|/main)\\.cc$")
  list(APPEND sources ${ARG_EXTRA_SOURCES})
  if(sources)
    add_library(${name} STATIC ${sources})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/generated)
    target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE gitops_warnings)
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/generated)
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()
