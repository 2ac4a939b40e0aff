/**
 * Imported first by main.ts, before any schema is built. The Content-Security-Policy
 * (index.html) forbids eval, and zod probes for it with `new Function` when its object
 * schemas are constructed: the browser reports that probe as a CSP violation even though
 * zod catches it. Jitless, zod never probes and validates without compiling (under the CSP
 * it could not compile anyway, so this costs nothing more).
 */
import { z } from 'zod';

z.config({ jitless: true });
