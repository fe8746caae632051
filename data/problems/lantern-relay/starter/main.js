const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0];
const d = data.slice(1, 1 + n);
// TODO: follow the lantern and print the number of passes, LOST or FOREVER
console.log(0);
