// Makes dist/ a complete Lambda code folder: the compiled handler plus a package.json and lock
// with the runtime dependencies, so `npm ci --omit=dev` (or the ASK CLI's build) can run there.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';

const skillDir = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', skillDir), 'utf8'));
const distPkg = {
  name: pkg.name,
  version: pkg.version,
  private: true,
  description: pkg.description,
  license: pkg.license,
  type: pkg.type,
  main: 'index.js',
  dependencies: pkg.dependencies,
};
writeFileSync(new URL('dist/package.json', skillDir), `${JSON.stringify(distPkg, null, 2)}\n`);
copyFileSync(new URL('package-lock.json', skillDir), new URL('dist/package-lock.json', skillDir));
console.log('dist/ ready: index.handler with package.json and package-lock.json');
