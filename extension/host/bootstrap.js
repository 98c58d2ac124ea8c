// Entry point. It must not import shared modules statically: Module Federation needs this async boundary
// to fill the share scope (host + every prebuilt extension) before the first shared module is evaluated.
function pageConfig() {
  const el = document.getElementById('jupyter-config-data');
  return el ? JSON.parse(el.textContent || '{}') : {};
}
const config = pageConfig();
// eslint-disable-next-line no-undef
__webpack_public_path__ = (config.fullStaticUrl || '') + '/';

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.onerror = () => reject(new Error(`could not load ${url}`));
    s.onload = resolve;
    s.async = true;
    s.src = url;
    document.head.appendChild(s);
  });
}

// Load one prebuilt extension's remoteEntry and register its modules in the shared scope.
async function initContainer(d) {
  await loadScript(`${config.fullLabextensionsUrl}/${d.name}/${d.load}`);
  // eslint-disable-next-line no-undef
  await __webpack_init_sharing__('default');
  // eslint-disable-next-line no-undef
  await window._JUPYTERLAB[d.name].init(__webpack_share_scopes__.default);
}

void (async () => {
  const federated = config.federated_extensions || [];
  const results = await Promise.allSettled(federated.map(initContainer));
  results.forEach(r => r.status === 'rejected' && console.error('convlab host: federated extension failed to load', r.reason));
  const { main } = await import('./index.js');
  if (document.readyState === 'complete') await main();
  else window.addEventListener('load', () => void main());
})();
