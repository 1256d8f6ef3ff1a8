// Where the files shipped with relance are: the same relative path from src/io (tests)
// and dist/io (the built CLI), and from wherever the package is installed.

import { fileURLToPath } from 'node:url';

export const SHIPPED_TEMPLATES_DIR = fileURLToPath(new URL('../../templates', import.meta.url));
export const SHIPPED_POLICY_FILE = fileURLToPath(new URL('../../templates/policy.yaml', import.meta.url));
