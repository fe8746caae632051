const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0], theta = data[1];
const poles = [];
for (let i = 0; i < n; i++) poles.push([data[2 + 2 * i], data[3 + 2 * i]]);
// TODO: compute the shaded length
console.log((0).toFixed(6));
