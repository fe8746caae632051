const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0];
const lamps = [];
for (let i = 0; i < n; i++) lamps.push([data[1 + 2 * i], data[2 + 2 * i]]);
// TODO: find the brightest house numbers
console.log('0 0');
