const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0], b = data[1];
const offers = [];
for (let i = 0; i < n; i++) offers.push([data[2 + 3 * i], data[3 + 3 * i], data[4 + 3 * i]]);
// TODO: choose the best set of offers
console.log(0);
