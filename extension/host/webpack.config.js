// The host JupyterLab 4.5 frontend. Unlike upstream examples/app it is built with a Module Federation share
// scope, so prebuilt (federated) extensions that jupyterlab_server lists in page_config can be loaded at run
// time exactly as a pip-installed JupyterLab loads them.
'use strict';
const path = require('path');
const webpack = require('webpack');
const { merge } = require('webpack-merge');
const { Build } = require('@jupyterlab/builder');
const baseConfig = require('@jupyterlab/builder/lib/webpack.config.base');

const host = require('./package.json');
const core = require('./core-meta/package.json');

// Copies the core extensions' settings schemas and themes into build/ and writes build/style.js.
const assets = Build.ensureAssets({
  packageNames: [...host.jupyterlab.extensions, ...host.jupyterlab.mimeExtensions],
  output: './build'
});

const shared = {};
for (const [pkg, requiredVersion] of Object.entries(core.resolutions)) shared[pkg] = { requiredVersion };
for (const pkg of core.jupyterlab.singletonPackages) shared[pkg].singleton = true;

module.exports = [
  merge(baseConfig, {
    context: __dirname,
    mode: 'production',
    devtool: false,
    entry: { bundle: ['./bootstrap.js'] },
    output: {
      path: path.resolve(__dirname, 'build'),
      filename: '[name].js',
      chunkFilename: '[name].[contenthash].js',
      publicPath: 'auto'
    },
    optimization: { minimize: false },
    plugins: [
      new webpack.container.ModuleFederationPlugin({
        library: { type: 'var', name: ['_JUPYTERLAB', 'CORE_LIBRARY_FEDERATION'] },
        name: 'CORE_FEDERATION',
        shared
      })
    ]
  })
].concat(assets);
