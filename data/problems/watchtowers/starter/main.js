const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
let pos = 0;
const n = data[pos++];
const cost = data.slice(pos, pos + n);
pos += n;
const edges = [];
for (let i = 0; i < n - 1; i++, pos += 2) edges.push([data[pos], data[pos + 1]]);
// TODO: choose the cheapest set of towers that watches every clearing
console.log(0);
