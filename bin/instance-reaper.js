#!/usr/bin/env node
'use strict';
// The operator CLI is TypeScript run in place: tsx (a devDependency) compiles it on load, so a fresh
// clone needs only `npm ci` before `npx instance-reaper ...`, with no build step to forget.
// The SDK warns on every run under Node 20 about its releases after January 2027; the lock file pins
// this one, so the warning says nothing about this tool and would bury its own messages on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs/api').register();
require('../cli/main.ts').main();
