#!/usr/bin/env node
// The `pedmonitor` command. TypeScript sources run through tsx: no separate compile step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
