// `npm install` and `npm ci` run this (package.json "install"): the native proof-of-work kernel, then the command
// line (`npx blockchain`), both quiet unless they fail. The first `npx blockchain` in a checkout runs it too (npm
// links the checkout into its npx cache as a package, and installing a package runs its install script): the
// checkout's own install did all of it already, so then it does nothing.
if (process.env.npm_command !== 'exec') {
  require('../native/build-addon');
  const failure = require('./build-cli').buildCli();
  if (failure) {
    console.warn(
      `WARNING: the command line (npx blockchain) did not build: ${failure.split('\n')[0]}. ` +
        'npm run build:cli tells more.',
    );
  }
}
