// Starts JupyterLab with the core extensions bundled here plus the prebuilt extensions found by
// jupyterlab_server (page_config.federated_extensions), e.g. convlab-jupyterlab.
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import './build/style.js';

async function federatedModule(scope, module) {
  const factory = await window._JUPYTERLAB[scope].get(module);
  const instance = factory();
  instance.__scope__ = scope;
  return instance;
}

async function settledValues(promises) {
  const results = await Promise.allSettled(promises);
  return results.flatMap(r => {
    if (r.status === 'fulfilled') return [r.value];
    console.error('convlab host: federated module failed', r.reason);
    return [];
  });
}

export async function main() {
  const plugins = await Promise.all([
    import('@jupyterlab/application-extension'),
    import('@jupyterlab/apputils-extension'),
    import('@jupyterlab/codemirror-extension'),
    import('@jupyterlab/completer-extension'),
    import('@jupyterlab/console-extension'),
    import('@jupyterlab/docmanager-extension'),
    import('@jupyterlab/documentsearch-extension'),
    import('@jupyterlab/filebrowser-extension'),
    import('@jupyterlab/launcher-extension'),
    import('@jupyterlab/mainmenu-extension'),
    import('@jupyterlab/markedparser-extension'),
    // Typesets $…$, $$…$$ and \begin{…} in markdown cells and text/latex outputs (MathJax 3, bundled: no CDN).
    import('@jupyterlab/mathjax-extension'),
    import('@jupyterlab/metadataform-extension'),
    // The language-server plugin needs jupyter_lsp on the server, which Debian's jupyter_server lacks.
    import('@jupyterlab/notebook-extension').then(m => m.default.filter(({ id }) => !id.includes(':language-server'))),
    import('@jupyterlab/rendermime-extension'),
    import('@jupyterlab/shortcuts-extension'),
    import('@jupyterlab/statusbar-extension'),
    import('@jupyterlab/theme-dark-extension'),
    import('@jupyterlab/theme-light-extension'),
    import('@jupyterlab/toc-extension'),
    import('@jupyterlab/translation-extension'),
    import('@jupyterlab/ui-components-extension')
  ]);
  const mimeExtensions = await Promise.all([import('@jupyterlab/json-extension')]);

  const federated = JSON.parse(PageConfig.getOption('federated_extensions') || '[]');
  await settledValues(federated.filter(d => d.style).map(d => federatedModule(d.name, d.style)));
  const fedMime = await settledValues(federated.filter(d => d.mimeExtension).map(d => federatedModule(d.name, d.mimeExtension)));
  const fedPlugins = await settledValues(federated.filter(d => d.extension).map(d => federatedModule(d.name, d.extension)));

  const lab = new JupyterLab({ mimeExtensions: [...mimeExtensions, ...fedMime] });
  lab.registerPluginModules([...plugins, ...fedPlugins]);
  window.jupyterapp = lab; // handle for the browser tests
  await lab.start();
  await lab.restored;
  document.body.dataset.convlabRestored = 'true';
  console.log(`convlab host: restored; prebuilt extensions: ${federated.map(d => d.name).join(', ') || '(none)'}`);
}
