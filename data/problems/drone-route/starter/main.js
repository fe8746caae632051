const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0], x0 = data[1], y0 = data[2];
const patients = [];
for (let i = 0; i < n; i++) patients.push([data[3 + 3 * i], data[4 + 3 * i], data[5 + 3 * i]]);
// TODO: plan the deliveries
console.log(-1);
