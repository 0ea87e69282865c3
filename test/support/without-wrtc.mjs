// `node --import ./without-wrtc.mjs app.js`: runs app.js as on a machine where @roamhq/wrtc (the
// demo simulator's native WebRTC module) is not installed: importing or requiring it fails with
// the same error Node gives for a missing package.
import Module, { register } from 'node:module';

const BLOCKED = /^@roamhq\/wrtc($|[/-])/;
const missing = (specifier) => Object.assign(new Error(`Cannot find package '${specifier}' (not installed on this machine)`), { code: 'ERR_MODULE_NOT_FOUND' });

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      if (${BLOCKED}.test(specifier)) throw Object.assign(new Error("Cannot find package '" + specifier + "' (not installed on this machine)"), { code: 'ERR_MODULE_NOT_FOUND' });
      return next(specifier, context);
    }`)}`,
);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (BLOCKED.test(request)) throw missing(request);
  return resolveFilename.call(this, request, ...rest);
};
