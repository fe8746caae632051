const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const [n, m, k] = data;
const roads = [];
for (let j = 0, pos = 3; j < m; j++, pos += 3) roads.push([data[pos], data[pos + 1], data[pos + 2]]);
// TODO: find the cheapest way from town 1 to town n
console.log(-1);
