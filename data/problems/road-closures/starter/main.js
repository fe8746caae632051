const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
let pos = 0;
const n = data[pos++], m = data[pos++];
const roads = [];
for (let j = 0; j < m; j++, pos += 2) roads.push([data[pos], data[pos + 1]]);
const q = data[pos++];
const order = data.slice(pos, pos + q);
// TODO: count the groups after every closure
console.log(order.map(() => 0).join('\n'));
