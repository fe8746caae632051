const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
let pos = 0;
const n = data[pos++], m = data[pos++];
const gold = data.slice(pos, pos + n);
pos += n;
const tunnels = [];
for (let j = 0; j < m; j++, pos += 2) tunnels.push([data[pos], data[pos + 1]]);
// TODO: find the most gold the explorer can collect
console.log(0);
