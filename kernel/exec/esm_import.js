// A real dynamic import() for CommonJS callers: TypeScript's CommonJS output would turn it into
// require(), which cannot load ES modules with top-level await. Plain JS keeps it native.
"use strict";
module.exports = function esmImport(url) {
  return import(url);
};
