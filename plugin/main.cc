// kubectl-gitops entry point: the only place that prints the final error and exits.
#include "plugin/app.h"

int main(int argc, char** argv) { return gitops::plugin::main(argc, argv); }
