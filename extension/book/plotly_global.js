// plotly.js on the course website: pages with plots load plotly.min.js with its own <script> (before
// views.js), which defines window.Plotly. The views import 'plotly.js-dist-min'; build.mjs points it here.
module.exports = window.Plotly;
