// Writes core-meta/package.json: the "core package" description that a pip-installed JupyterLab keeps in
// jupyterlab/staging/package.json. Two readers need it:
//  - webpack.config.js turns it into the Module Federation `shared` map of this host;
//  - `build-labextension --core-path host/core-meta` reads it to mark which imports of a prebuilt extension
//    the host provides (import: false, singleton), so extension and host share one @lumino/widgets etc.
// Versions come from what npm actually installed here, so the two can never drift apart.
'use strict';
const fs = require('fs');
const path = require('path');

// JupyterLab 4.5's singleton list (dev_mode/package.json, "jupyterlab.singletonPackages").
const SINGLETONS = `@codemirror/language @codemirror/state @codemirror/view @jupyter/react-components
@jupyter/web-components @jupyter/ydoc @jupyterlab/application @jupyterlab/apputils @jupyterlab/cell-toolbar
@jupyterlab/codeeditor @jupyterlab/codemirror @jupyterlab/completer @jupyterlab/console @jupyterlab/coreutils
@jupyterlab/debugger @jupyterlab/docmanager @jupyterlab/documentsearch @jupyterlab/extensionmanager
@jupyterlab/filebrowser @jupyterlab/fileeditor @jupyterlab/htmlviewer @jupyterlab/imageviewer @jupyterlab/inspector
@jupyterlab/launcher @jupyterlab/logconsole @jupyterlab/lsp @jupyterlab/mainmenu @jupyterlab/markdownviewer
@jupyterlab/mermaid @jupyterlab/metadataform @jupyterlab/notebook @jupyterlab/pluginmanager @jupyterlab/rendermime
@jupyterlab/rendermime-interfaces @jupyterlab/services @jupyterlab/settingeditor @jupyterlab/settingregistry
@jupyterlab/statedb @jupyterlab/statusbar @jupyterlab/terminal @jupyterlab/toc @jupyterlab/tooltip
@jupyterlab/translation @jupyterlab/ui-components @jupyterlab/workspaces @lezer/common @lezer/highlight
@lumino/algorithm @lumino/application @lumino/commands @lumino/coreutils @lumino/datagrid @lumino/disposable
@lumino/domutils @lumino/dragdrop @lumino/keyboard @lumino/messaging @lumino/polling @lumino/properties
@lumino/signaling @lumino/virtualdom @lumino/widgets @microsoft/fast-element @microsoft/fast-foundation
react react-dom yjs`.split(/\s+/).filter(Boolean);

const nm = path.join(__dirname, 'node_modules');
const resolutions = {};
function add(name) {
  const pj = path.join(nm, name, 'package.json');
  if (fs.existsSync(pj)) resolutions[name] = '~' + JSON.parse(fs.readFileSync(pj, 'utf8')).version;
}
for (const scope of ['@jupyterlab', '@lumino']) {
  for (const n of fs.readdirSync(path.join(nm, scope))) if (n !== 'builder') add(`${scope}/${n}`);
}
SINGLETONS.forEach(add);

const host = require('./package.json');
const meta = {
  name: 'convlab-jupyterlab-core-meta',
  version: host.version,
  private: true,
  dependencies: {},
  resolutions,
  jupyterlab: { singletonPackages: SINGLETONS.filter(n => resolutions[n]) }
};
fs.mkdirSync(path.join(__dirname, 'core-meta'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'core-meta', 'package.json'), JSON.stringify(meta, null, 2) + '\n');
console.log(`core-meta: ${Object.keys(resolutions).length} shared packages, ${meta.jupyterlab.singletonPackages.length} singletons`);
