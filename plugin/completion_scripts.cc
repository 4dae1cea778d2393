// Completion scripts for bash, zsh and fish. Each one asks the program for candidates and honours
// the directive bits: 1 error, 2 no space, 4 no file fallback, 8 file extensions, 16 folders,
// 32 keep order.
#include "plugin/completion_scripts.h"

namespace gitops::plugin {
namespace {

constexpr const char* k_bash = R"script(# bash completion for kubectl-gitops.
# Load it in the current shell:   source <(kubectl-gitops completion bash)
# or for every shell:             kubectl-gitops completion bash > ~/.local/share/bash-completion/completions/kubectl-gitops
# Candidates come from the program itself: kubectl-gitops __complete WORDS... CURRENT

__kubectl_gitops_complete() {
    local line=${COMP_LINE:0:COMP_POINT}
    local -a words
    read -r -a words <<< "$line"
    # A cursor after a blank starts a new, empty word.
    if [[ -z $line || $line == *[[:space:]] ]]; then words+=(""); fi
    local program=${words[0]/#\~/$HOME}
    local current=${words[${#words[@]}-1]}
    # bash splits words at = and :, so its current word may be only the end of ours.
    local bash_word=${COMP_WORDS[COMP_CWORD]}
    local strip=""
    if [[ $current == *"$bash_word" ]]; then strip=${current%"$bash_word"}; fi

    local out
    out=$("$program" __complete "${words[@]:1}" 2>/dev/null) || return 0
    local -a lines
    mapfile -t lines <<< "$out"
    local last=${lines[${#lines[@]}-1]}
    [[ $last == :* ]] || return 0
    local directive=${last#:}
    unset 'lines[${#lines[@]}-1]'
    (( directive & 1 )) && return 0

    COMPREPLY=()
    local candidate ext
    if (( directive & 8 )); then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$bash_word"
            for ext in "${lines[@]}"; do compgen -f -X "!*.$ext" -- "$bash_word"; done)
        return 0
    fi
    if (( directive & 16 )); then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$bash_word")
        return 0
    fi
    for candidate in "${lines[@]}"; do
        candidate=${candidate%%$'\t'*}
        COMPREPLY+=("${candidate#"$strip"}")
    done
    if (( ${#COMPREPLY[@]} == 0 )) && ! (( directive & 4 )); then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$bash_word")
    fi
    if (( directive & 2 )); then compopt -o nospace 2>/dev/null; fi
    if (( directive & 32 )); then compopt -o nosort 2>/dev/null; fi
    return 0
}

complete -F __kubectl_gitops_complete kubectl-gitops
)script";

constexpr const char* k_zsh = R"script(#compdef kubectl-gitops
# zsh completion for kubectl-gitops.
# Load it in the current shell:   source <(kubectl-gitops completion zsh)
# or for every shell: save it as _kubectl-gitops in a folder of $fpath (before compinit runs).
# Candidates come from the program itself: kubectl-gitops __complete WORDS... CURRENT

_kubectl_gitops() {
    local -a args lines candidates options
    local out directive line value
    args=("${(@Q)words[2,CURRENT]}")
    out=$(${(Q)words[1]} __complete "${args[@]}" 2>/dev/null) || return 1
    lines=("${(@f)out}")
    [[ ${lines[-1]} == :* ]] || return 1
    directive=${lines[-1]#:}
    lines[-1]=()
    (( directive & 1 )) && return 1
    if (( directive & 8 )); then
        _files -g "*.(${(j:|:)lines})"
        return
    fi
    if (( directive & 16 )); then
        _files -/
        return
    fi
    for line in "${lines[@]}"; do
        value=${line%%$'\t'*}
        value=${value//:/\\:}
        if [[ $line == *$'\t'* ]]; then
            candidates+=("$value:${line#*$'\t'}")
        else
            candidates+=("$value")
        fi
    done
    if (( ${#candidates} == 0 )); then
        (( directive & 4 )) && return 1
        _files
        return
    fi
    (( directive & 2 )) && options+=(-S '')
    if (( directive & 32 )); then
        _describe -V values candidates "${options[@]}"
    else
        _describe values candidates "${options[@]}"
    fi
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _kubectl_gitops "$@"
else
    compdef _kubectl_gitops kubectl-gitops
fi
)script";

constexpr const char* k_fish = R"script(# fish completion for kubectl-gitops.
# Load it in the current shell:   kubectl-gitops completion fish | source
# or for every shell:             kubectl-gitops completion fish > ~/.config/fish/completions/kubectl-gitops.fish
# Candidates come from the program itself: kubectl-gitops __complete WORDS... CURRENT

function __kubectl_gitops_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    set -l out (command $words[1] __complete $words[2..-1] $current 2>/dev/null)
    or return
    set -l last $out[-1]
    string match -q -- ':*' $last; or return
    set -l directive (string sub -s 2 -- $last)
    set -e out[-1]
    test (math "bitand($directive, 1)") -ne 0; and return
    if test (math "bitand($directive, 8)") -ne 0
        for ext in $out
            __fish_complete_suffix $current .$ext
        end
        return
    end
    if test (math "bitand($directive, 16)") -ne 0
        __fish_complete_directories $current
        return
    end
    if test (count $out) -eq 0; and test (math "bitand($directive, 4)") -eq 0
        __fish_complete_path $current
        return
    end
    printf '%s\n' $out
end

complete -c kubectl-gitops -f -a '(__kubectl_gitops_complete)'
)script";

}  // namespace

std::string_view to_string(Shell shell) {
  switch (shell) {
    case Shell::bash:
      return "bash";
    case Shell::zsh:
      return "zsh";
    case Shell::fish:
      return "fish";
  }
  return "bash";
}

std::optional<Shell> parse_shell(std::string_view name) {
  for (Shell shell : {Shell::bash, Shell::zsh, Shell::fish}) {
    if (to_string(shell) == name) return shell;
  }
  return std::nullopt;
}

std::string completion_script(Shell shell) {
  switch (shell) {
    case Shell::bash:
      return k_bash;
    case Shell::zsh:
      return k_zsh;
    case Shell::fish:
      return k_fish;
  }
  return k_bash;
}

}  // namespace gitops::plugin
