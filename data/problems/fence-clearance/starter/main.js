const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0], d = data[1];
const trees = [];
for (let i = 0; i < n; i++) trees.push([data[2 + 2 * i], data[3 + 2 * i]]);
// TODO: compute the shortest fence
console.log((0).toFixed(9));
