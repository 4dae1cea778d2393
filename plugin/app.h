// The kubectl-gitops command line: parses arguments, runs the selected command, and turns its
// result into output and an exit code (DESIGN.md section 3). The one catch of the program.
#pragma once

namespace gitops::plugin {

// Runs the program; returns the process exit code.
int main(int argc, char** argv);

}  // namespace gitops::plugin
