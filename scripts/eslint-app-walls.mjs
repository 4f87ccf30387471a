// The walls between apps, as an ESLint rule (`agora/app-walls`, eslint.config.js). An import whose target
// lies in an app's folder (apps/<name>/), reached by a relative path or any other specifier, is an error
// unless the importing file is in that same app, or it is one of these compositions:
// - apps/platform (which composes the apps) and tests of an app (apps/*/test, which start the services they
//   talk to) import another app's `<name>-service.definition` file: an app's public face;
// - e2e tests and benchmarks import apps/platform, as `npm start` composes the apps, and definition files.
import path from 'node:path';

const DEFINITION = /^[a-z]+-service\.definition\.(js|ts)$/;

/** The app folder a path lies in (`auth-service`, `platform`), or null outside apps/. */
function appOf(root, file) {
  const relative = path.relative(root, file).split(path.sep);
  return relative[0] === 'apps' && relative.length > 2 ? relative[1] : null;
}

/** Where a specifier points, when it can point into apps/; undefined for packages and @agora libs. */
function targetOf(root, file, specifier) {
  if (specifier.startsWith('.')) {
    return path.resolve(path.dirname(file), specifier);
  }
  const index = specifier.search(/(^|\/)apps\//);
  if (index >= 0) {
    return path.join(root, specifier.slice(specifier.indexOf('apps/', index)));
  }
  return undefined;
}

function allowed(root, file, target, toApp) {
  const relative = path.relative(root, file).split(path.sep);
  const isDefinition =
    DEFINITION.test(path.basename(target)) && path.dirname(target) === path.join(root, 'apps', toApp, 'src');
  const composer = relative[0] === 'e2e' || relative[0] === 'bench';
  if (isDefinition) {
    return appOf(root, file) === 'platform' || (relative[0] === 'apps' && relative[2] === 'test') || composer;
  }
  return toApp === 'platform' && composer;
}

/** @param {string} root the repository root */
export function appWallsPlugin(root) {
  return {
    rules: {
      'app-walls': {
        meta: {
          type: 'problem',
          docs: { description: 'Imports never cross an app folder, except compositions through definitions' },
          schema: [],
          messages: {
            crossing:
              '{{from}} imports {{target}} from app {{app}}: apps never import one another. Only apps/platform and ' +
              "tests compose apps, through each app's <name>-service.definition file (docs/architecture.md).",
          },
        },
        create(context) {
          const file = context.filename;
          const fromApp = appOf(root, file);
          const check = (source) => {
            if (!source || typeof source.value !== 'string') {
              return;
            }
            const target = targetOf(root, file, source.value);
            const toApp = target ? appOf(root, target) : null;
            if (!toApp || toApp === fromApp || allowed(root, file, target, toApp)) {
              return;
            }
            context.report({
              node: source,
              messageId: 'crossing',
              data: {
                from: path.relative(root, file),
                target: path.relative(root, target),
                app: toApp,
              },
            });
          };
          return {
            ImportDeclaration: (node) => check(node.source),
            ExportNamedDeclaration: (node) => check(node.source),
            ExportAllDeclaration: (node) => check(node.source),
            ImportExpression: (node) => check(node.source),
          };
        },
      },
    },
  };
}
