const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0];
const customers = [];
for (let i = 0; i < n; i++) {
  customers.push([data[1 + 3 * i], data[2 + 3 * i], data[3 + 3 * i]]);
}
// TODO: simulate the queue
console.log(customers.map(() => -1).join(' '));
console.log(0);
