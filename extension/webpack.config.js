// Merged by build-labextension into its production config. plotly.js-dist-min is already minified; running
// terser over its 4.6 MB again costs ~50 s on 2 cores and saves nothing, and our own code is small.
module.exports = {
  optimization: { minimize: false },
  performance: { hints: false }
};
