import { z } from 'zod';

// zod compiles object parsers with `new Function` when it finds eval allowed, probing for it as each object
// schema is built; the CSP forbids eval, and the probe alone is reported as a violation on every page.
// Imported first by main.tsx, before any module builds a schema. Without the JIT zod parses the same.
z.config({ jitless: true });
