# The release archive (issue 9): `cmake --build build --target dist`.
#
# kubectl-gitops-dist links the same static libraries as the normal binary (nothing is compiled
# twice) into a binary that needs only glibc from the system: every dependency Debian ships as a
# usable static library is linked in; the rest are copied next to it into lib/ and found through
# an $ORIGIN-relative RPATH (DT_RPATH, which also serves their own dependencies).
# scripts/dist.sh then packs the archive, its SHA-256 and the krew manifest. Nothing here is part
# of `all`, so the everyday build stays as fast as it was.
#
# Two libraries are taken shared although Debian ships more than a .so: libjsonnet.a lacks the
# rapidyaml and md5 objects that libjsonnet.so carries (std.parseYaml and std.md5 cannot link),
# and fmt ships no .a at all. Both are C++, so libstdc++ and libgcc_s travel in lib/ too, rather
# than linking them statically and running two C++ runtimes in one process.

set(GITOPS_RELEASE_URL "https://github.com/kubectl-gitops/kubectl-gitops/releases/download"
    CACHE STRING "Where release archives are published; the krew manifest's uri is URL/VERSION/ARCHIVE")

# gitops_dist_our_libraries(OUT): every static library target of the source folders.
function(gitops_dist_our_libraries out)
  set(result)
  set(pending ${ARGN})
  while(pending)
    list(POP_FRONT pending dir)
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS targets)
      get_target_property(type ${target} TYPE)
      if(type STREQUAL "STATIC_LIBRARY")
        list(APPEND result ${target})
      endif()
    endforeach()
    get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    list(APPEND pending ${subdirs})
  endwhile()
  set(${out} ${result} PARENT_SCOPE)
endfunction()

# gitops_dist_resolve(OUT SHARED NAMES...): for each library name (as in -lNAME), its static
# archive when Debian ships one and NAME is not in the list SHARED, else the file of its shared
# library (linked by path, since runtime-only packages have no libNAME.so symlink). glibc's own
# libraries stay -lNAME. OUT_MISSING lists the names no file was found for.
function(gitops_dist_resolve out shared)
  set(libdirs /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE} /lib/${CMAKE_LIBRARY_ARCHITECTURE} /usr/lib /lib)
  set(result)
  set(missing)
  foreach(name IN LISTS ARGN)
    if(name MATCHES "^(c|m|dl|rt|pthread|util|resolv)$")
      list(APPEND result "-l${name}")
      continue()
    endif()
    unset(found)
    foreach(dir IN LISTS libdirs)
      if(name IN_LIST shared)
        break()
      endif()
      if(EXISTS ${dir}/lib${name}.a)
        set(found ${dir}/lib${name}.a)
        break()
      endif()
    endforeach()
    if(NOT found)
      foreach(dir IN LISTS libdirs)
        file(GLOB candidates ${dir}/lib${name}.so ${dir}/lib${name}.so.[0-9]* ${dir}/lib${name}-*.so.[0-9]*)
        if(candidates)
          # The shortest name is the SONAME link (libldap-2.5.so.0, not libldap-2.5.so.0.1.8).
          list(SORT candidates COMPARE NATURAL)
          set(shortest "")
          foreach(candidate IN LISTS candidates)
            string(LENGTH "${candidate}" length)
            string(LENGTH "${shortest}" shortest_length)
            if(shortest STREQUAL "" OR length LESS shortest_length)
              set(shortest ${candidate})
            endif()
          endforeach()
          set(found ${shortest})
          break()
        endif()
      endforeach()
    endif()
    if(NOT found)
      # Only the release needs it: say so, and leave the everyday build alone.
      list(APPEND missing ${name})
      continue()
    endif()
    list(APPEND result ${found})
  endforeach()
  set(${out} ${result} PARENT_SCOPE)
  set(${out}_MISSING ${missing} PARENT_SCOPE)
endfunction()

# The dependencies' link lines as their pkg-config files give them for static linking.
execute_process(
  COMMAND ${PKG_CONFIG_EXECUTABLE} --static --libs-only-l libgit2 libcurl libarchive re2 yaml-cpp
          openssl zlib
  OUTPUT_VARIABLE dist_pkg_libs OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE dist_pkg_result)
if(NOT dist_pkg_result EQUAL 0)
  message(WARNING "kubectl-gitops dist: pkg-config --static failed; the dist target will not link")
endif()
string(REGEX MATCHALL "-l[^ ]+" dist_pkg_flags "${dist_pkg_libs}")
# Besides: Jsonnet and fmt (no pkg-config files), libcrypt (libxcrypt: Sprig's bcrypt and
# htpasswd), and what static libraries need that their pkg-config files leave out (libidn2.a
# needs libunistring, libbrotlidec.a libbrotlicommon).
set(dist_names jsonnet fmt)
foreach(flag IN LISTS dist_pkg_flags)
  string(SUBSTRING ${flag} 2 -1 name)
  list(APPEND dist_names ${name})
endforeach()
list(APPEND dist_names crypt unistring brotlicommon)
list(REMOVE_DUPLICATES dist_names)
gitops_dist_resolve(dist_dependency_files "jsonnet;fmt" ${dist_names})
if(dist_dependency_files_MISSING)
  message(WARNING "kubectl-gitops dist: no library file for ${dist_dependency_files_MISSING}; "
                  "the dist target will not link until their Debian packages are installed")
endif()

gitops_dist_our_libraries(dist_our_libraries ${PROJECT_SOURCE_DIR}/core ${PROJECT_SOURCE_DIR}/git
  ${PROJECT_SOURCE_DIR}/render ${PROJECT_SOURCE_DIR}/kube ${PROJECT_SOURCE_DIR}/health
  ${PROJECT_SOURCE_DIR}/diff ${PROJECT_SOURCE_DIR}/sync ${PROJECT_SOURCE_DIR}/agent
  ${PROJECT_SOURCE_DIR}/plugin)
set(dist_archives)
foreach(library IN LISTS dist_our_libraries)
  list(APPEND dist_archives $<TARGET_FILE:${library}>)
endforeach()

add_executable(kubectl-gitops-dist EXCLUDE_FROM_ALL ${PROJECT_SOURCE_DIR}/plugin/main.cc)
add_dependencies(kubectl-gitops-dist ${dist_our_libraries})
target_include_directories(kubectl-gitops-dist PRIVATE ${PROJECT_SOURCE_DIR}
                           ${PROJECT_BINARY_DIR}/generated)
target_link_libraries(kubectl-gitops-dist PRIVATE gitops_warnings
  -Wl,--start-group ${dist_archives} ${dist_dependency_files} -Wl,--end-group -pthread)
target_link_options(kubectl-gitops-dist PRIVATE -Wl,--as-needed -Wl,--disable-new-dtags)
# dist.sh names it kubectl-gitops in the archive; in the build tree a distinct name keeps Ninja's
# `kubectl-gitops` target the normal binary.
set_target_properties(kubectl-gitops-dist PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/dist/bin
  BUILD_RPATH "\$ORIGIN/lib")

set(GITOPS_DIST_DIR ${PROJECT_BINARY_DIR}/dist)
add_custom_target(dist
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/dist.sh --binary $<TARGET_FILE:kubectl-gitops-dist>
          --version ${GITOPS_VERSION} --out ${GITOPS_DIST_DIR} --url ${GITOPS_RELEASE_URL}
  DEPENDS kubectl-gitops-dist
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
  USES_TERMINAL VERBATIM)
