const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0], k = data[1];
const w = data.slice(2, 2 + n);
// TODO: find the smallest possible heaviest load
console.log(0);
