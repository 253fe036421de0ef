#!/usr/bin/env node
// The `gazette` command runs the compiled CLI; `npm install` builds it (the `prepare` script).
import '../dist/src/cli/index.js';
