#!/usr/bin/env node
'use strict';
// The operator CLI. In a checkout of the repository it is the TypeScript run in place: tsx (a devDependency) compiles
// it on load, so a fresh clone needs only `npm ci`, with no build step to forget. An installed package has no sources
// and no tsx: it runs dist/cli/main.js, the CLI bundled with its dependencies when the package was packed.
// The SDK warns on every run under Node 20 about its releases after January 2027; the lock file pins
// this one, so the warning says nothing about this tool and would bury its own messages on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { existsSync } = require('node:fs');
const path = require('node:path');

const source = path.join(__dirname, '..', 'cli', 'main.ts');
if (existsSync(source)) {
  require('tsx/cjs/api').register();
  require(source).main();
} else {
  const args = process.argv.slice(2);
  if (args[0] === 'local' || args.includes('--local')) {
    // The local account is the repository's development tool: it synthesizes the function from the sources.
    process.stderr.write(
      "instance-reaper: the local account (--local, 'local') needs a checkout of the instance-reaper repository (npm ci there); the installed package works against AWS.\n",
    );
    process.exitCode = 2;
  } else {
    require('../dist/cli/main.js').main();
  }
}
