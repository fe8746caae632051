const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
let pos = 0;
const n = data[pos++], m = data[pos++];
const d = data.slice(pos, pos + n);
pos += n;
const roads = [];
for (let j = 0; j < m; j++, pos += 3) roads.push([data[pos], data[pos + 1], data[pos + 2]]);
// TODO: compute the fastest delivery to every hub
console.log(new Array(n).fill(-1).join(' '));
